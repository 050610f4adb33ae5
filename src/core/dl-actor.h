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
/* Number of events of the story this actor takes part in. */
guint               dl_actor_get_n_events (DlActor    *self);

G_END_DECLS
