/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-actor.h"

G_BEGIN_DECLS

struct _DlActor
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *kind;
  char    **aliases;   /* never NULL */
  char     *color;     /* "#rrggbb", never NULL */
  double    rgb[3];
  guint     n_events;
  guint     index;     /* position in the file */
};

DlActor  *dl_actor_new            (const char *id);
/* Sets the colour from "#rrggbb"; FALSE when @color is not of that form. */
gboolean  dl_actor_set_color      (DlActor    *self,
                                   const char *color);
/* The colour of the @index-th actor of a story that gives it none. */
const char *dl_actor_default_color (guint      index);
gboolean  dl_color_parse          (const char *color,
                                   double      rgb[3]);

G_END_DECLS
