/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dl-point-layer.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

/* Where the lone point of the generated stories is: far from the crowd. */
#define LONE_LON 151.2
#define LONE_LAT -33.9

/* A plain GeoJSON map of @n points spread over Europe by a fixed seed, and one more
 * ("lone") in Sydney. */
static DlStory *
generate_story (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *story;

  for (guint i = 0; i < n; i++)
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
                          "\"properties\":{\"name\":\"Lone <b>&amp; point\"}}]}",
                          LONE_LON, LONE_LAT);
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  story = dl_story_new_from_bytes (bytes, "points.geojson", &error);
  g_assert_no_error (error);
  return story;
}

/* A story of @n places with one event each by "russia" (red), and a lone place in
 * Sydney whose one event is by "syrians" (blue). */
static DlStory *
generate_event_story (guint n)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GString) features = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *story;

  for (guint i = 0; i <= n; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
      gboolean lone = i == n;
      g_autofree char *id = lone ? g_strdup ("lone") : g_strdup_printf ("p%u", i);

      g_ascii_formatd (lon, sizeof lon, "%.5f",
                       lone ? LONE_LON : g_rand_double_range (rand, -10, 30));
      g_ascii_formatd (lat, sizeof lat, "%.5f",
                       lone ? LONE_LAT : g_rand_double_range (rand, 36, 60));
      g_string_append_printf (features, "%s{\"type\":\"Feature\",\"id\":\"%s\","
                              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]},"
                              "\"properties\":{\"name\":\"Place %s\"}}",
                              i > 0 ? "," : "", id, lon, lat, id);
      g_string_append_printf (events, "%s{\"id\":\"e%u\",\"title\":\"Event %u\","
                              "\"when\":{\"start\":\"2024-12-08\"},"
                              "\"places\":[{\"place\":\"%s\",\"role\":\"location\"}],"
                              "\"actors\":[{\"actor\":\"%s\",\"role\":\"subject\"}],"
                              "\"passages\":[]}",
                              i > 0 ? "," : "", i, i, id, lone ? "syrians" : "russia");
    }
  g_string_append_printf (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                          "\"article\":{\"title\":\"Many\",\"text\":\"Text.\"},"
                          "\"actors\":[{\"id\":\"russia\",\"name\":\"Russia\","
                          "\"color\":\"#c0392b\"},"
                          "{\"id\":\"syrians\",\"name\":\"Syrians\",\"color\":\"#1565c0\"}],"
                          "\"events\":[%s]},\"features\":[%s]}", events->str, features->str);
  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "events.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static GArray *
summaries_of (DlStory *story)
{
  GListModel *places = dl_story_get_places (story);
  GArray *summaries = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlPlaceSummary summary = { place, 0, NULL };

      g_array_append_val (summaries, summary);
    }
  return summaries;
}

/* Each cluster of each zoom holds its places; every place is in exactly one cluster;
 * zooming in only ever splits a cluster, and the crowd does split. */
static void
test_clusters (void)
{
  g_autoptr(DlStory) story = generate_story (3000);
  g_autoptr(GArray) summaries = summaries_of (story);
  g_autoptr(ShumateViewport) viewport = shumate_viewport_new ();
  DlPointLayer *layer = g_object_ref_sink (dl_point_layer_new (viewport));
  g_autoptr(GHashTable) parent = NULL;
  guint previous_n = 0;

  dl_point_layer_set_places (layer, summaries);
  g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, 3001);

  for (int zoom = 0; zoom <= 16; zoom++)
    {
      g_autoptr(GArray) clusters = dl_point_layer_list_clusters (layer, zoom, FALSE);
      g_autoptr(GHashTable) cluster_of = g_hash_table_new (NULL, NULL);
      guint total = 0;

      for (guint i = 0; i < clusters->len; i++)
        {
          const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);
          g_autoptr(GPtrArray) members = dl_point_layer_list_members (layer, cluster);
          gpointer first_parent = NULL;
          double size = 256 * exp2 (zoom);

          g_assert_cmpuint (members->len, ==, cluster->n_places);
          g_assert_true (cluster->place == members->pdata[0]);
          total += members->len;
          for (guint j = 0; j < members->len; j++)
            {
              DlLonLat anchor = dl_place_get_anchor (members->pdata[j]);
              double x = (anchor.lon + 180) / 360 * size;

              /* Exactly once, in the cell of the cluster's centre or next to it. */
              g_assert_false (g_hash_table_contains (cluster_of, members->pdata[j]));
              g_hash_table_insert (cluster_of, members->pdata[j], GUINT_TO_POINTER (i + 1));
              g_assert_cmpfloat (fabs (x - cluster->x), <=, DL_POINT_CELL_SIZE);
              if (parent != NULL)
                {
                  gpointer p = g_hash_table_lookup (parent, members->pdata[j]);

                  g_assert_nonnull (p);
                  if (j == 0)
                    first_parent = p;
                  g_assert_true (p == first_parent);
                }
            }
        }
      g_assert_cmpuint (total, ==, 3001);
      g_assert_cmpuint (g_hash_table_size (cluster_of), ==, 3001);
      /* Zooming in splits: more clusters, until nearly every place stands alone. */
      g_assert_cmpuint (clusters->len, >=, previous_n);
      if (zoom >= 3 && zoom <= 8)
        g_assert_cmpuint (clusters->len, >, previous_n);
      previous_n = clusters->len;
      g_clear_pointer (&parent, g_hash_table_unref);
      parent = g_hash_table_ref (cluster_of);
    }
  /* The lone point is alone at every zoom; at zoom 16 so are nearly all. */
  g_assert_cmpuint (previous_n, >, 2990);

  g_object_unref (layer);
}

static guint
count_markers (GtkWidget *widget)
{
  guint n = DL_IS_MARKER (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_markers (child);
  return n;
}

static GtkGestureClick *
find_click (GtkWidget *widget)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkGestureClick *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        found = GTK_GESTURE_CLICK (controller);
    }
  g_object_unref (controllers);
  return found;
}

/* The map as the screen shows it, read back as RGB pixels. */
static GdkTexture *
render_widget (GtkWidget *widget)
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

static void
pixel_at (GdkTexture *texture,
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

static void
place_activated_cb (DlPointLayer *layer,
                    DlPlace      *place,
                    DlPlace     **activated)
{
  *activated = place;
}

/* 20,000 places: no marker widget, the dots drawn, the lone one clickable. */
static void
test_window (void)
{
  g_autoptr(DlStory) story = generate_story (20000);
  DlWindow *window = dl_window_new (NULL);
  DlMapView *map_view;
  DlPointLayer *layer;
  ShumateViewport *viewport;
  DlPlace *lone = dl_story_lookup_place (story, "lone");
  DlPlace *activated = NULL;
  g_autoptr(GArray) clusters = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const DlPointCluster *lone_cluster = NULL;
  GtkGestureClick *click;
  gboolean timed_out = FALSE;
  double x, y;
  guint8 rgb[3], sea[3];
  guint timeout;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  map_view = dl_window_get_map_view (window);
  layer = dl_map_view_get_point_layer (map_view);
  viewport = dl_map_view_get_viewport (map_view);

  /* Every base-map tile drawn, so that the pixels below are the final ones. */
  timeout = g_timeout_add_seconds (60, dl_test_flag_cb, &timed_out);
  while (!timed_out && gtk_widget_get_width (GTK_WIDGET (layer)) == 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (timed_out);
  g_source_remove (timeout);

  g_assert_cmpuint (count_markers (GTK_WIDGET (window)), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));
  g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, 20001);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "20001 places; zoom in to see them one by one");

  /* The map fits every place: the lone one is a dot of its own, on screen. */
  clusters = dl_point_layer_list_clusters (layer, dl_point_layer_get_cluster_zoom (layer), TRUE);
  for (guint i = 0; i < clusters->len; i++)
    if (g_array_index (clusters, DlPointCluster, i).place == lone)
      lone_cluster = &g_array_index (clusters, DlPointCluster, i);
  g_assert_nonnull (lone_cluster);
  g_assert_cmpuint (lone_cluster->n_places, ==, 1);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), LONE_LAT, LONE_LON,
                                              &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (layer)));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (layer)));

  /* The dot is drawn there, in the neutral colour: grey, not the sea 30 px away. */
  texture = render_widget (GTK_WIDGET (dl_map_view_get_map (map_view)));
  pixel_at (texture, (int) round (x), (int) round (y), rgb);
  pixel_at (texture, (int) round (x) + 30, (int) round (y), sea);
  g_assert_cmpint (ABS (rgb[0] - 97), <=, 3);
  g_assert_cmpint (ABS (rgb[1] - 97), <=, 3);
  g_assert_cmpint (ABS (rgb[2] - 107), <=, 3);
  g_assert_false (ABS (sea[0] - 97) <= 3 && ABS (sea[1] - 97) <= 3 && ABS (sea[2] - 107) <= 3);

  /* The dot takes the pointer; next to it the map does (drags pan). */
  g_assert_true (gtk_widget_pick (GTK_WIDGET (dl_map_view_get_map (map_view)), x, y,
                                  GTK_PICK_DEFAULT) == GTK_WIDGET (layer));
  g_assert_true (gtk_widget_pick (GTK_WIDGET (dl_map_view_get_map (map_view)), x + 30, y,
                                  GTK_PICK_DEFAULT) != GTK_WIDGET (layer));

  /* A click on it names that place. */
  g_signal_connect (layer, "place-activated", G_CALLBACK (place_activated_cb), &activated);
  click = find_click (GTK_WIDGET (layer));
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_true (activated == lone);

  /* A click off every dot does nothing. */
  activated = NULL;
  g_signal_emit_by_name (click, "released", 1, x + 30, y);
  g_assert_null (activated);

  /* A click on a crowd zooms in on it, and it splits into several clusters. */
  {
    const DlPointCluster *crowd = NULL;
    double zoom = shumate_viewport_get_zoom_level (viewport);
    double cx, cy;
    g_autoptr(GArray) after = NULL;
    g_autoptr(GHashTable) members = g_hash_table_new (NULL, NULL);
    guint n_split = 0;

    for (guint i = 0; i < clusters->len && crowd == NULL; i++)
      if (g_array_index (clusters, DlPointCluster, i).n_places > 50)
        crowd = &g_array_index (clusters, DlPointCluster, i);
    g_assert_nonnull (crowd);
    {
      g_autoptr(GPtrArray) list = dl_point_layer_list_members (layer, crowd);

      for (guint i = 0; i < list->len; i++)
        g_hash_table_add (members, list->pdata[i]);
    }
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), crowd->latitude,
                                                crowd->longitude, &cx, &cy);
    g_signal_emit_by_name (click, "released", 1, cx, cy);
    g_assert_null (activated);
    timeout = g_timeout_add_seconds (20, dl_test_flag_cb, &timed_out);
    while (!timed_out && shumate_viewport_get_zoom_level (viewport) < zoom + 0.5)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

    after = dl_point_layer_list_clusters (layer, dl_point_layer_get_cluster_zoom (layer), TRUE);
    for (guint i = 0; i < after->len; i++)
      if (g_hash_table_contains (members, g_array_index (after, DlPointCluster, i).place))
        n_split++;
    g_assert_cmpuint (n_split, >, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Past the threshold in a story with events: dots in their actor's colour; a click on one
 * selects its place and opens its popover, as a marker does. */
static void
test_events_story (void)
{
  g_autoptr(DlStory) story = generate_event_story (250);
  DlWindow *window = dl_window_new (NULL);
  DlMapView *map_view = dl_window_get_map_view (window);
  DlPointLayer *layer = dl_map_view_get_point_layer (map_view);
  DlPlace *lone = dl_story_lookup_place (story, "lone");
  g_autoptr(GdkTexture) texture = NULL;
  GtkGestureClick *click;
  GtkPopover *popover;
  gboolean timed_out = FALSE;
  guint8 rgb[3];
  guint timeout;
  double x, y;

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

  g_assert_cmpuint (count_markers (GTK_WIDGET (window)), ==, 0);
  g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, 251);

  shumate_viewport_location_to_widget_coords (dl_map_view_get_viewport (map_view),
                                              GTK_WIDGET (layer), LONE_LAT, LONE_LON, &x, &y);
  texture = render_widget (GTK_WIDGET (dl_map_view_get_map (map_view)));
  pixel_at (texture, (int) round (x), (int) round (y), rgb);
  g_assert_cmpint (ABS (rgb[0] - 0x15), <=, 3);
  g_assert_cmpint (ABS (rgb[1] - 0x65), <=, 3);
  g_assert_cmpint (ABS (rgb[2] - 0xc0), <=, 3);

  click = find_click (GTK_WIDGET (layer));
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_true (dl_view_state_get_selected_place (dl_window_get_view_state (window)) == lone);
  popover = dl_map_view_get_popover (map_view);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A small story keeps its marker widgets; the point layer stays hidden. */
static void
test_small_keeps_markers (void)
{
  g_autoptr(DlStory) story = generate_story (50);
  DlWindow *window = dl_window_new (NULL);
  DlMapView *map_view = dl_window_get_map_view (window);

  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpuint (count_markers (GTK_WIDGET (window)), ==, 51);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_point_layer (map_view))));
  g_assert_nonnull (dl_map_view_get_marker (map_view, dl_story_lookup_place (story, "lone")));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The test accessibility backend: accessible labels can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/point-layer/clusters", test_clusters);
  g_test_add_func ("/point-layer/window", test_window);
  g_test_add_func ("/point-layer/events-story", test_events_story);
  g_test_add_func ("/point-layer/small-keeps-markers", test_small_keeps_markers);

  return g_test_run ();
}
