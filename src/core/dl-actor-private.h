/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

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
  gboolean  color_given; /* written in the file or set: else a default, not saved */
  gboolean  suggested; /* drafted by the app, not yet accepted */
  JsonNode *node;      /* the object it was read from, or NULL */
};

/* Adds @delta to the event count and notifies "n-events". */
void      dl_actor_add_n_events   (DlActor    *self,
                                   int         delta);
/* The colour an actor without one gets when it is the @index-th of its story (not saved). */
void      dl_actor_set_default_color (DlActor *self,
                                      guint    index);
/* The colour of the @index-th actor of a story that gives it none. */
const char *dl_actor_default_color (guint      index);
gboolean  dl_color_parse          (const char *color,
                                   double      rgb[3]);

G_END_DECLS
