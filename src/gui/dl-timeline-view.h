/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-timeline-strip.h"
#include "dl-view-state.h"

G_BEGIN_DECLS

#define DL_TYPE_TIMELINE_VIEW (dl_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (DlTimelineView, dl_timeline_view, DL, TIMELINE_VIEW, GtkWidget)

/* The strip of the shown events on a time axis (a view of a DlViewState): marks coloured
 * by main actor, the selection ringed. Hovering a mark names its event, clicking selects
 * it, dragging across picks a time range for the filter; the arrow keys move between the
 * marks, selecting each. For screen readers it is a slider whose value is the date and
 * title of the focused mark. */
GtkWidget       *dl_timeline_view_new             (void);
void             dl_timeline_view_set_view_state  (DlTimelineView *self,
                                                   DlViewState    *state);
/* After an edit: the shown events are found again, and the events read again when what
 * their marks show (a time, "about", the main actor or its colour) changed. */
void             dl_timeline_view_refresh         (DlTimelineView *self);
/* The layout drawn last (NULL before the first frame). */
DlTimelineStrip *dl_timeline_view_get_strip       (DlTimelineView *self);
/* The mark with the keyboard focus, or -1. */
int              dl_timeline_view_get_focus       (DlTimelineView *self);
/* What hovering mark @index shows and what a screen reader says of it: "date: title". */
char            *dl_timeline_view_describe_mark   (DlTimelineView *self,
                                                   guint           index);
/* The range a drag from @x0 to @x1 selects, snapped to days, months or years by its
 * length. FALSE when there is no axis. */
gboolean         dl_timeline_view_range_for_drag  (DlTimelineView *self,
                                                   double          x0,
                                                   double          x1,
                                                   DlTime         *from,
                                                   DlTime         *to);

G_END_DECLS
