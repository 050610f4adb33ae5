/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-actor.h"

G_BEGIN_DECLS

#define DL_TYPE_ACTOR_CHIP (dl_actor_chip_get_type ())
G_DECLARE_FINAL_TYPE (DlActorChip, dl_actor_chip, DL, ACTOR_CHIP, GtkWidget)

/* A small "● NAME" whose dot has the actor's colour; the name and role as its tooltip and
 * accessible name. Its text is laid out once per actor, font and colour, and shared by
 * every chip showing it: list rows are bound by the dozen while the list scrolls. */
GtkWidget  *dl_actor_chip_new       (DlActor    *actor,
                                     const char *role);
/* Gives a chip another actor. */
void        dl_actor_chip_set_actor (GtkWidget  *chip,
                                     DlActor    *actor,
                                     const char *role);
/* "● NAME", as the chip shows it. */
const char *dl_actor_chip_get_text  (DlActorChip *self);

G_END_DECLS
