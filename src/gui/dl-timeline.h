/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-player.h"
#include "dl-timeline-view.h"

G_BEGIN_DECLS

#define DL_TYPE_TIMELINE (dl_timeline_get_type ())
G_DECLARE_FINAL_TYPE (DlTimeline, dl_timeline, DL, TIMELINE, GtkWidget)

/* The bar under the map: previous, Play, next, the step duration, Present, and the strip.
 * Its keys work from the whole window: Space plays and pauses and ← → step while the
 * strip or the map has the focus (or while presenting); F5 presents (full screen, larger
 * type, the current event over the map) and Escape stops presenting. Any other key, click
 * or scroll stops playback.
 *
 * Properties "player" (DlPlayer), "presenting", "current-title", "current-date" (of the
 * event shown, for the caption over the map). */
GtkWidget      *dl_timeline_new              (void);
void            dl_timeline_set_view_state   (DlTimeline  *self,
                                              DlViewState *state);
/* The map: while it has the focus, Space and the arrows play and step. */
void            dl_timeline_set_map_widget   (DlTimeline  *self,
                                              GtkWidget   *map);
DlPlayer       *dl_timeline_get_player       (DlTimeline  *self);
DlTimelineView *dl_timeline_get_view         (DlTimeline  *self);
gboolean        dl_timeline_get_presenting   (DlTimeline  *self);
void            dl_timeline_set_presenting   (DlTimeline  *self,
                                              gboolean     presenting);

G_END_DECLS
