/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
