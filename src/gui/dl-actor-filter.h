/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-view-state.h"

G_BEGIN_DECLS

#define DL_TYPE_ACTOR_FILTER (dl_actor_filter_get_type ())
G_DECLARE_FINAL_TYPE (DlActorFilter, dl_actor_filter, DL, ACTOR_FILTER, GtkPopover)

/* The actor filter: every actor of the story with its colour and number of events, a
 * check button each, All and None. Changes the view state's filter. */
GtkWidget *dl_actor_filter_new            (void);
void       dl_actor_filter_set_view_state (DlActorFilter *self,
                                           DlViewState   *state);
/* The check button of actor @actor_id, or NULL. */
GtkCheckButton *dl_actor_filter_get_check (DlActorFilter *self,
                                           const char    *actor_id);

G_END_DECLS
