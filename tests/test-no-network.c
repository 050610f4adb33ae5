/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OpenStreetMap selected and no network (the test machines have none: tile.openstreetmap.org
 * does not resolve): the window stays usable, the offline map is drawn beneath, and tiles
 * that failed are not asked for again and again.
 *
 * The requests are counted by wrapping the fill_tile_async of libshumate's raster renderer
 * (what the map layer asks of the OSM source) and the get_tile_data_async of its tile
 * downloader (what would go to the network). */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-no-network"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dl-marker.h"
#include "dl-offline-source.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

typedef void (*FillTileAsync) (ShumateMapSource    *self,
                               ShumateTile         *tile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
typedef void (*GetTileDataAsync) (ShumateDataSource   *self,
                                  int                  x,
                                  int                  y,
                                  int                  zoom_level,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

static FillTileAsync real_fill_tile_async;
static GetTileDataAsync real_get_tile_data_async;
static guint n_tile_requests;
static guint n_downloads;
static GHashTable *requested;   /* "z/x/y" → number of requests */

static void
counting_fill_tile_async (ShumateMapSource    *self,
                          ShumateTile         *tile,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *key = g_strdup_printf ("%u/%u/%u", shumate_tile_get_zoom_level (tile),
                                          shumate_tile_get_x (tile),
                                          shumate_tile_get_y (tile));

  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (requested, key));

  n_tile_requests++;
  g_hash_table_insert (requested, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
  real_fill_tile_async (self, tile, cancellable, callback, user_data);
}

static void
counting_get_tile_data_async (ShumateDataSource   *self,
                              int                  x,
                              int                  y,
                              int                  zoom_level,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  n_downloads++;
  real_get_tile_data_async (self, x, y, zoom_level, cancellable, callback, user_data);
}

static void
install_counters (void)
{
  ShumateMapSourceClass *renderer = g_type_class_ref (SHUMATE_TYPE_RASTER_RENDERER);
  ShumateDataSourceClass *downloader = g_type_class_ref (SHUMATE_TYPE_TILE_DOWNLOADER);

  real_fill_tile_async = renderer->fill_tile_async;
  renderer->fill_tile_async = counting_fill_tile_async;
  real_get_tile_data_async = downloader->get_tile_data_async;
  downloader->get_tile_data_async = counting_get_tile_data_async;
  requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Runs the main loop for @ms milliseconds, counting its iterations. */
static DlStory *
load_story (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static void
test_osm_without_network (void)
{
  g_autoptr(DlStory) story = load_story ();
  DlWindow *window = dl_window_new (NULL);
  DlMapView *map;
  DlOfflineSource *offline;
  GtkPopover *popover;
  DlMarker *marker;
  guint settled_requests, settled_downloads;
  GHashTableIter iter;
  gpointer count;
  guint most = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  map = dl_window_get_map_view (window);
  offline = DL_OFFLINE_SOURCE (dl_map_view_get_offline_source (map));

  /* The user picks OpenStreetMap in the menu. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.map-source", "s", "osm");
  g_assert_true (dl_map_view_get_osm (map));

  /* Every tile the view needs is asked for, fails, and that is the end of it. */
  dl_test_run_for (1500);
  g_test_message ("after 1.5 s: %u tile requests (%u distinct), %u downloads",
                  n_tile_requests, g_hash_table_size (requested), n_downloads);
  g_assert_cmpuint (n_tile_requests, >, 0);
  settled_requests = n_tile_requests;
  settled_downloads = n_downloads;

  /* Nothing moves for three seconds: no tile is asked for again. */
  dl_test_run_for (3000);
  g_test_message ("after 4.5 s: %u tile requests, %u downloads", n_tile_requests,
                  n_downloads);
  g_assert_cmpuint (n_tile_requests, ==, settled_requests);
  g_assert_cmpuint (n_downloads, ==, settled_downloads);

  g_hash_table_iter_init (&iter, requested);
  while (g_hash_table_iter_next (&iter, NULL, &count))
    most = MAX (most, GPOINTER_TO_UINT (count));
  g_test_message ("a tile was asked for at most %u times", most);
  g_assert_cmpuint (most, <=, 2);

  /* The offline map beneath has drawn every tile it was asked for. */
  while (dl_offline_source_get_n_pending (offline) > 0)
    g_main_context_iteration (NULL, TRUE);

  /* The window still answers: a click on a marker selects its events and opens its
   * popover. */
  marker = dl_map_view_get_marker (map, dl_story_lookup_place (story, "homs"));
  g_assert_nonnull (marker);
  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");
  while ((popover = dl_map_view_get_popover (map)) == NULL
         || !gtk_widget_get_visible (GTK_WIDGET (popover)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dl_marker_get_selected (marker));

  /* Zooming in asks for the new tiles once each, not in a loop. */
  settled_requests = n_tile_requests;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-selection", NULL);
  shumate_viewport_set_zoom_level (dl_map_view_get_viewport (map),
                                   shumate_viewport_get_zoom_level (
                                     dl_map_view_get_viewport (map)) + 1);
  dl_test_run_for (1500);
  settled_requests = n_tile_requests;
  dl_test_run_for (2000);
  g_assert_cmpuint (n_tile_requests, ==, settled_requests);

  /* And back to the offline map. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.map-source", "s", "offline");
  g_assert_false (dl_map_view_get_osm (map));

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  dl_test_run_for (700);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* libshumate's tile cache goes here, not in the user's cache (not
   * G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme and GTK warns, fatally) */
  cache = g_dir_make_tmp ("dateline-no-network-XXXXXX", NULL);
  g_assert_nonnull (cache);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();
  install_counters ();

  g_test_add_func ("/no-network/osm", test_osm_without_network);

  status = g_test_run ();
  remove_tree (cache);
  return status;
}
