/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DlStory DlStory;
typedef struct _DlPlace DlPlace;
typedef struct _DlActor DlActor;
typedef struct _DlEvent DlEvent;
typedef struct _DlFilter DlFilter;

/* A WGS 84 position, in degrees. */
typedef struct
{
  double lon;
  double lat;
} DlLonLat;

G_END_DECLS
