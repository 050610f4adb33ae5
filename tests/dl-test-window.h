/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-figure.h"
#include "dl-window.h"

G_BEGIN_DECLS

/* Hides @window and its error dialog, lets GTK 4.8's tooltip timers fire (they outlive
 * destroyed windows and would warn, fatally, in the next test), then destroys both. */
void     dl_test_close_window   (DlWindow      *window);

/* A tick callback counting frames into the guint @counter points to. */
gboolean dl_test_count_frame_cb (GtkWidget     *widget,
                                 GdkFrameClock *clock,
                                 gpointer       counter);

/* The widget as the screen shows it (it must have been drawn), read back; the RGB of one
 * of its pixels. */
GdkTexture *dl_test_render_widget (GtkWidget     *widget);
void     dl_test_pixel_at       (GdkTexture    *texture,
                                 int            x,
                                 int            y,
                                 guint8         rgb[3]);

/* The place of @story called @name (the story keeps it); fails the test when none is. */
DlPlace *dl_test_place_named    (DlStory       *story,
                                 const char    *name);
/* Where a figure drew position @at, in figure units. */
void     dl_test_figure_point   (const DlFigureLayout *layout,
                                 DlLonLat       at,
                                 double        *x,
                                 double        *y);

G_END_DECLS
