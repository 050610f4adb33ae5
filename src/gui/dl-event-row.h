/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-event.h"

G_BEGIN_DECLS

#define DL_TYPE_EVENT_ROW (dl_event_row_get_type ())
G_DECLARE_FINAL_TYPE (DlEventRow, dl_event_row, DL, EVENT_ROW, GtkWidget)

/* One event in the events list: its time, title, places and actors. */
GtkWidget *dl_event_row_new       (void);
void       dl_event_row_set_event (DlEventRow *self,
                                   DlEvent    *event);
DlEvent   *dl_event_row_get_event (DlEventRow *self);

/* "on Saturday · 7 Dec 2024": the article's wording of the time, then the date. */
char      *dl_event_format_when   (DlEvent    *event);
/* The names of the event's places, comma separated. */
char      *dl_event_format_places (DlEvent    *event);
G_END_DECLS
