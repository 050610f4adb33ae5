/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dl-test-window.h"
#include "dl-test-util.h"
#include "dl-mercator.h"
#include "dl-window-private.h"

void
dl_test_close_window (DlWindow *window)
{
  GtkWindow *dialog = dl_window_get_error_dialog (window);

  if (dialog != NULL)
    gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  dl_test_run_for (700);
  if ((dialog = dl_window_get_error_dialog (window)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

gboolean
dl_test_count_frame_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       counter)
{
  (*(guint *) counter)++;
  return G_SOURCE_CONTINUE;
}

GdkTexture *
dl_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

void
dl_test_pixel_at (GdkTexture *texture,
                  int         x,
                  int         y,
                  guint8      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, data, (gsize) width * 4);
  /* Cairo's ARGB32: one native-endian 32-bit word per pixel. */
  memcpy (&pixel, data + ((gsize) y * width + x) * 4, 4);
  rgb[0] = pixel >> 16 & 0xff;
  rgb[1] = pixel >> 8 & 0xff;
  rgb[2] = pixel & 0xff;
}

DlPlace *
dl_test_place_named (DlStory    *story,
                     const char *name)
{
  GListModel *places = dl_story_get_places (story);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      if (g_strcmp0 (dl_place_get_name (place), name) == 0)
        return place;
    }
  g_assert_not_reached ();
  return NULL;
}

void
dl_test_figure_point (const DlFigureLayout *layout,
                      DlLonLat              at,
                      double               *x,
                      double               *y)
{
  dl_mercator_project (at.lon, at.lat, layout->zoom, x, y);
  *x -= layout->origin_x;
  *y -= layout->origin_y;
}
