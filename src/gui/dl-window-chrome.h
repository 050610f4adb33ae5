/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-window.h"

G_BEGIN_DECLS

/* The window around the map: Open Recent (Ctrl+R), the sample story, the empty window's
 * message and the header's buttons in a narrow window. */
void       dl_window_chrome_class_init  (GtkWidgetClass *widget_class);
void       dl_window_chrome_init        (DlWindow       *self);
/* How many stories Open Recent lists. */
#define DL_WINDOW_RECENT_MAX 10
/* Below this width the less used header buttons leave for the main menu. */
#define DL_WINDOW_HEADER_NARROW 600
void       dl_window_chrome_set_width   (DlWindow       *self,
                                         int             width);
/* A load failed and the window shows no story: the empty page says why (@heading, and
 * @message as text) and offers the sample story. */
void       dl_window_chrome_show_error  (DlWindow       *self,
                                         const char     *heading,
                                         const char     *message);
/* @file was opened (or saved): first in Open Recent, here and in GNOME's recent files. */
void       dl_window_chrome_add_recent  (GFile          *file);
/* The stories opened recently in Dateline, newest first, that still exist (GFiles). */
GPtrArray *dl_window_chrome_list_recent (guint           max);

/* Scrolls @list, in the next frames, so that the row of @event is at its top. */
void       dl_window_chrome_row_to_top  (GtkListView    *list,
                                         DlEvent        *event);

G_END_DECLS
