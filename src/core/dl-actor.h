/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_ACTOR (dl_actor_get_type ())
G_DECLARE_FINAL_TYPE (DlActor, dl_actor, DL, ACTOR, GObject)

const char         *dl_actor_get_id       (DlActor    *self);
const char         *dl_actor_get_name     (DlActor    *self);
/* "state", "person", "group", … (open vocabulary), or NULL. */
const char         *dl_actor_get_kind     (DlActor    *self);
const char * const *dl_actor_get_aliases  (DlActor    *self);
/* "#rrggbb" as written in the file, or a default colour when it had none. */
const char         *dl_actor_get_color    (DlActor    *self);
/* The colour as 0–1 components. */
void                dl_actor_get_rgb      (DlActor    *self,
                                           double     *red,
                                           double     *green,
                                           double     *blue);
/* Number of events of the story this actor takes part in ("n-events", notified). */
guint               dl_actor_get_n_events (DlActor    *self);

/* Editing. Setters notify their property ("name", "kind", "color", "aliases"). For
 * changes the user can undo, use a DlOperation. */
/* A new actor (its id must be unique in the story: dl_story_make_id()). */
DlActor            *dl_actor_new          (const char *id);
void                dl_actor_set_name     (DlActor    *self,
                                           const char *name);
void                dl_actor_set_kind     (DlActor    *self,
                                           const char *kind);
/* "#rrggbb"; FALSE (and nothing changes) when @color is not of that form. */
gboolean            dl_actor_set_color    (DlActor    *self,
                                           const char *color);
/* @aliases: NULL-terminated, or NULL for none. */
void                dl_actor_set_aliases  (DlActor    *self,
                                           const char * const *aliases);
/* TRUE for an actor the app drafted ("suggested": true) and the user has not accepted. */
gboolean            dl_actor_get_suggested (DlActor   *self);
void                dl_actor_set_suggested (DlActor   *self,
                                            gboolean   suggested);
/* The palette new and drafted actors take their colours from, in order: distinct on the
 * map in light and dark style (at least 24 CIEDE2000 units apart for the first 15). */
const char * const *dl_actor_get_palette  (guint      *n_colors);

G_END_DECLS
