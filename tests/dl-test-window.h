/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-figure.h"
#include "dl-map-view.h"
#include "dl-point-layer.h"
#include "dl-window.h"

G_BEGIN_DECLS

/* Hides @window and its error dialog, lets GTK 4.8's tooltip timers fire (they outlive
 * destroyed windows and would warn, fatally, in the next test), then destroys both. */
void     dl_test_close_window   (DlWindow      *window);

/* A new window of @width × @height showing @story, presented and drawn twice. */
DlWindow  *dl_test_show_story   (DlStory       *story,
                                 int            width,
                                 int            height);

/* The first widget of @type under @widget (itself included), depth first; NULL if none. */
GtkWidget *dl_test_find_widget  (GtkWidget     *widget,
                                 GType          type);

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

/* Sets the actors (NULL for all) and the search text (NULL for none) @window filters by. */
void     dl_test_set_filter     (DlWindow           *window,
                                 const char * const *actors,
                                 const char         *text);

/* What the map shows, as sorted lines of text appended to @out, for comparing two windows:
 * each shown marker (place, position, events, colour), or each cluster of dots at each of
 * @n_zooms zooms (position, places, actor; the place of a lone dot). */
void     dl_test_describe_markers (DlMapView    *map_view,
                                   DlStory      *story,
                                   GString      *out);
void     dl_test_describe_dots  (DlPointLayer *layer,
                                 const int    *zooms,
                                 guint         n_zooms,
                                 GString      *out);
/* Appends @lines sorted, a line each: views may hold the same things in another order. */
void     dl_test_append_sorted  (GString      *out,
                                 GPtrArray    *lines);
/* Appends @color as #rrggbb. */
void     dl_test_append_color   (GString       *out,
                                 const GdkRGBA *color);

G_END_DECLS
