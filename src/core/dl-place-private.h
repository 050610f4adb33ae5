/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-place.h"

G_BEGIN_DECLS

struct _DlPlace
{
  GObject       parent_instance;

  char         *id;
  char         *name;
  GHashTable   *local_names;  /* language → name, or NULL when there is none */
  char         *kind;
  char         *precision;
  char         *description;

  DlPlaceShape  shape;
  GPtrArray    *parts;        /* of GArray of DlLonLat */
  GArray       *outer;        /* gboolean per part: the outer ring of a polygon */
  gboolean      has_label;
  DlLonLat      label;
  DlLonLat      anchor;
  DlLonLat      south_west;
  DlLonLat      north_east;

  guint         n_events;
  guint         index;        /* position in the file */

  GArray       *mentions;     /* of DlPlaceMention (dl-place-mentions-private.h), or NULL */
  gint64        geonames_id;  /* 0 when the place has none */
  gboolean      suggested;    /* drafted by the app, not yet accepted */
};

DlPlace *dl_place_new        (const char    *id);
/* Adds a part (a ring, a line or a point); @outer for the first ring of a polygon. */
void     dl_place_add_part   (DlPlace       *self,
                              const DlLonLat *positions,
                              guint          n_positions,
                              gboolean       outer);
/* Computes the anchor and bounds once the parts are in. */
void     dl_place_finish     (DlPlace       *self);

G_END_DECLS
