/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dragging a place in the dot layer of a big story (past the 200 places that get marker
 * widgets), through the layer's own drag gesture: a press on a lone dot and a drag move
 * the dot with the pointer while the place stays; the release moves the place there in
 * one undoable "Move Place" step; undo puts it back exactly. A jitter under the drag
 * threshold and a drag that starts on a cluster move nothing. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-point-drag"

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dl-point-layer.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

/* The lone place, far from the crowd over Europe. */
#define LONE_LON 151.2
#define LONE_LAT -33.9
#define N_CROWD 300

static DlStory *
generate_story (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *story;

  for (guint i = 0; i < N_CROWD; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lon, sizeof lon, "%.5f", g_rand_double_range (rand, -10, 30));
      g_ascii_formatd (lat, sizeof lat, "%.5f", g_rand_double_range (rand, 36, 60));
      g_string_append_printf (json, "{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                              "{\"type\":\"Point\",\"coordinates\":[%s,%s]},"
                              "\"properties\":{\"name\":\"Point %u\"}},", i, lon, lat, i);
    }
  g_string_append_printf (json, "{\"type\":\"Feature\",\"id\":\"lone\",\"geometry\":"
                          "{\"type\":\"Point\",\"coordinates\":[%.1f,%.1f]},"
                          "\"properties\":{\"name\":\"Lone\"}}]}", LONE_LON, LONE_LAT);
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  story = dl_story_new_from_bytes (bytes, "points.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static GtkGestureDrag *
find_drag (GtkWidget *widget)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkGestureDrag *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        found = GTK_GESTURE_DRAG (controller);
    }
  g_object_unref (controllers);
  return found;
}

/* The place of the lone dot drawn at (@x, @y), or NULL. */
static DlPlace *
lone_dot_at (DlPointLayer *layer,
             double        x,
             double        y)
{
  DlPointCluster cluster;

  if (!dl_point_layer_pick (layer, x, y, &cluster) || cluster.n_places != 1)
    return NULL;
  return cluster.place;
}

static void
test_drag_dot (void)
{
  g_autoptr(DlStory) story = generate_story ();
  DlWindow *window = dl_window_new (NULL);
  DlMapView *map_view = dl_window_get_map_view (window);
  DlPointLayer *layer = dl_map_view_get_point_layer (map_view);
  ShumateViewport *viewport = dl_map_view_get_viewport (map_view);
  DlPlace *lone = dl_story_lookup_place (story, "lone");
  DlHistory *history;
  GtkGestureDrag *drag;
  gboolean timed_out = FALSE;
  double x, y, dx, dy, lat, lon, ex, ey;
  DlLonLat anchor;
  guint timeout;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  timeout = g_timeout_add_seconds (60, dl_test_flag_cb, &timed_out);
  while (!timed_out && gtk_widget_get_width (GTK_WIDGET (layer)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  history = dl_document_get_history (dl_window_get_document (window));

  /* dots, not markers, and the lone place a dot of its own */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));
  g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, N_CROWD + 1);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), LONE_LAT, LONE_LON,
                                              &x, &y);
  g_assert_true (lone_dot_at (layer, x, y) == lone);
  /* towards the middle, to stay on the map */
  dx = x < gtk_widget_get_width (GTK_WIDGET (layer)) / 2 ? 60 : -60;
  dy = y < gtk_widget_get_height (GTK_WIDGET (layer)) / 2 ? 40 : -40;
  g_assert_true (lone_dot_at (layer, x + dx, y + dy) == NULL);
  drag = find_drag (GTK_WIDGET (layer));
  g_assert_nonnull (drag);

  /* a jitter under the threshold is a click, not a move */
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", 1.0, 1.0);
  g_signal_emit_by_name (drag, "drag-end", 1.0, 1.0);
  g_assert_false (dl_history_get_can_undo (history));
  anchor = dl_place_get_anchor (lone);
  g_assert_cmpfloat (anchor.lat, ==, LONE_LAT);
  g_assert_cmpfloat (anchor.lon, ==, LONE_LON);

  /* while dragging, the dot follows the pointer; the place has not moved yet */
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", dx / 2, dy / 2);
  g_signal_emit_by_name (drag, "drag-update", dx, dy);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (lone_dot_at (layer, x + dx, y + dy) == lone);
  g_assert_null (lone_dot_at (layer, x, y));
  g_assert_false (dl_history_get_can_undo (history));

  /* released: one step, the place where the dot was let go */
  g_signal_emit_by_name (drag, "drag-end", dx, dy);
  g_assert_true (dl_history_get_can_undo (history));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Move Place");
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (layer), x + dx, y + dy,
                                              &lat, &lon);
  anchor = dl_place_get_anchor (lone);
  g_assert_cmpfloat (fabs (anchor.lat - lat), <, 1e-6);
  g_assert_cmpfloat (fabs (anchor.lon - lon), <, 1e-6);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), anchor.lat,
                                              anchor.lon, &ex, &ey);
  g_assert_true (lone_dot_at (layer, ex, ey) == lone);
  g_assert_null (lone_dot_at (layer, x, y));

  /* Undo: exactly where it was, drawn there again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  anchor = dl_place_get_anchor (lone);
  g_assert_cmpfloat (anchor.lat, ==, LONE_LAT);
  g_assert_cmpfloat (anchor.lon, ==, LONE_LON);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (lone_dot_at (layer, x, y) == lone);

  /* a drag from a cluster of many moves no place (it pans the map) */
  {
    g_autoptr(GArray) clusters = dl_point_layer_list_clusters (
                                   layer, dl_point_layer_get_cluster_zoom (layer), TRUE);
    const DlPointCluster *crowd = NULL;
    double cx, cy;

    for (guint i = 0; i < clusters->len && crowd == NULL; i++)
      if (g_array_index (clusters, DlPointCluster, i).n_places > 5)
        crowd = &g_array_index (clusters, DlPointCluster, i);
    g_assert_nonnull (crowd);
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), crowd->latitude,
                                                crowd->longitude, &cx, &cy);
    g_signal_emit_by_name (drag, "drag-begin", cx, cy);
    g_signal_emit_by_name (drag, "drag-update", 50.0, 50.0);
    g_signal_emit_by_name (drag, "drag-end", 50.0, 50.0);
    g_assert_false (dl_history_get_can_undo (history));
  }

  dl_document_discard (dl_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/point-drag/drag-dot", test_drag_dot);
  return g_test_run ();
}
