/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dl-test-window.h"
#include "dl-test-util.h"
#include "dl-marker.h"
#include "dl-mercator.h"
#include "dl-window-private.h"

DlWindow *
dl_test_show_story (DlStory *story,
                    int      width,
                    int      height)
{
  DlWindow *window = dl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

GtkWidget *
dl_test_find_widget (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dl_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

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

void
dl_test_set_filter (DlWindow           *window,
                    const char * const *actors,
                    const char         *text)
{
  DlFilter *filter = dl_view_state_get_filter (dl_window_get_view_state (window));

  dl_filter_set_actors (filter, actors);
  dl_filter_set_text (filter, text);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

void
dl_test_append_sorted (GString   *out,
                       GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, lines->pdata[i]);
      g_string_append_c (out, '\n');
    }
}

void
dl_test_append_color (GString       *out,
                      const GdkRGBA *color)
{
  g_string_append_printf (out, "#%02x%02x%02x", (int) (color->red * 255 + 0.5),
                          (int) (color->green * 255 + 0.5), (int) (color->blue * 255 + 0.5));
}

void
dl_test_describe_markers (DlMapView *map_view,
                          DlStory   *story,
                          GString   *out)
{
  GListModel *places = dl_story_get_places (story);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_string_append (out, "markers:\n");
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlMarker *marker = dl_map_view_get_marker (map_view, place);
      g_autoptr(GString) line = g_string_new (NULL);
      GdkRGBA color;
      double lat, lon;

      if (marker == NULL || !gtk_widget_get_visible (GTK_WIDGET (marker)))
        continue;
      lat = shumate_location_get_latitude (SHUMATE_LOCATION (marker));
      lon = shumate_location_get_longitude (SHUMATE_LOCATION (marker));
      dl_marker_get_color (marker, &color);
      g_string_append_printf (line, "  %s %.6f,%.6f %u ", dl_place_get_id (place), lat, lon,
                              dl_marker_get_n_events (marker));
      dl_test_append_color (line, &color);
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  dl_test_append_sorted (out, lines);
}

void
dl_test_describe_dots (DlPointLayer *layer,
                       const int    *zooms,
                       guint         n_zooms,
                       GString      *out)
{
  g_string_append_printf (out, "dots: %u\n", dl_point_layer_get_n_places (layer));
  for (guint z = 0; z < n_zooms; z++)
    {
      g_autoptr(GArray) clusters = dl_point_layer_list_clusters (layer, zooms[z], FALSE);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < clusters->len; i++)
        {
          const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);
          DlActor *actor = dl_point_layer_get_cluster_actor (layer, cluster);

          g_ptr_array_add (lines, g_strdup_printf ("  z%d %.5f,%.5f %u %s%s", zooms[z],
                                                   cluster->latitude, cluster->longitude,
                                                   cluster->n_places,
                                                   actor != NULL ? dl_actor_get_id (actor)
                                                                 : "grey",
                                                   cluster->n_places == 1
                                                     ? dl_place_get_id (cluster->place) : ""));
        }
      dl_test_append_sorted (out, lines);
    }
}
