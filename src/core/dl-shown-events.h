/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-types.h"

G_BEGIN_DECLS

/* The events a filter shows, as a list model (of DlEvent) for the event list. Set whole
 * at each change; it tells its watchers only the span that changed, found by comparing
 * the two lists from both ends, with no look-up or reference per event. */
#define DL_TYPE_SHOWN_EVENTS (dl_shown_events_get_type ())
G_DECLARE_FINAL_TYPE (DlShownEvents, dl_shown_events, DL, SHOWN_EVENTS, GObject)

DlShownEvents *dl_shown_events_new (void);
/* @events (DlEvent, story order) are now the items; @owner holds a reference to each of
 * them (it may be @events itself) and is kept, so the items live as long as they are
 * listed. Both may be NULL: no items. */
void           dl_shown_events_set (DlShownEvents *self,
                                    GPtrArray     *events,
                                    GPtrArray     *owner);

/* Called in the middle of a change that takes events out: the @n_added events that take
 * their place are listed at @first, the @n_removed old ones still after them. */
typedef void (*DlShownEventsSwapFunc) (DlShownEvents *self,
                                       guint          first,
                                       guint          n_added,
                                       guint          n_removed,
                                       gpointer       data);

void           dl_shown_events_set_swap_func (DlShownEvents         *self,
                                              DlShownEventsSwapFunc  func,
                                              gpointer               data);
guint          dl_shown_events_swap_target   (DlShownEvents         *self,
                                              guint                  position);
DlEvent * const *dl_shown_events_peek       (DlShownEvents         *self,
                                              guint                 *n_items);

G_END_DECLS
