/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-view-state.h"

G_BEGIN_DECLS

#define DL_TYPE_PLAYER (dl_player_get_type ())
G_DECLARE_FINAL_TYPE (DlPlayer, dl_player, DL, PLAYER, GObject)

/* Plays a story: steps through the events the filter shows, in time order, selecting each
 * in turn for "step-duration" milliseconds (the views follow the selection). Stops at the
 * last event, and as soon as anything else changes the selection, the filter or the
 * story. Properties "playing" and "current" (the event shown, or NULL). */
DlPlayer    *dl_player_new               (DlViewState *state);

void         dl_player_play              (DlPlayer    *self);
void         dl_player_stop              (DlPlayer    *self);
void         dl_player_toggle            (DlPlayer    *self);
gboolean     dl_player_get_playing       (DlPlayer    *self);
/* Selects the next or previous shown event by hand (the first or last when none is
 * selected); returns FALSE at either end. While playing, the next step waits a full
 * step from now. */
gboolean     dl_player_next              (DlPlayer    *self);
gboolean     dl_player_previous          (DlPlayer    *self);
DlEvent     *dl_player_get_current       (DlPlayer    *self);
void         dl_player_set_step_duration (DlPlayer    *self,
                                          guint        milliseconds);
guint        dl_player_get_step_duration (DlPlayer    *self);

G_END_DECLS
