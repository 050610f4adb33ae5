/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-actor.h"

G_BEGIN_DECLS

#define DL_TYPE_ACTOR_CHIPS (dl_actor_chips_get_type ())
G_DECLARE_FINAL_TYPE (DlActorChips, dl_actor_chips, DL, ACTOR_CHIPS, GtkWidget)

/* Chips side by side, in the reading direction, wrapping onto more lines rather than
 * cutting names short. */
GtkWidget  *dl_actor_chips_new      (void);
/* Shows one chip for each actor (with its role, may be NULL); the chips it has are kept
 * and given their new actors. */
void        dl_actor_chips_set      (DlActorChips *self,
                                     guint         n_actors,
                                     DlActor     **actors,
                                     const char  **roles);

G_END_DECLS
