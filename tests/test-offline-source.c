/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "dl-label-layer.h"
#include "dl-map-sources.h"
#include "dl-mercator.h"
#include "dl-offline-source.h"
#include "dl-test-util.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} FillResult;

static void
fill_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FillResult *fr = user_data;

  fr->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &fr->error);
  fr->done = TRUE;
}

static ShumateTile *
tile_at (int    zoom,
         double lon,
         double lat,
         int   *px,
         int   *py)
{
  double wx, wy;
  guint tx, ty;

  dl_mercator_project (lon, lat, zoom, &wx, &wy);
  tx = (guint) floor (wx / 256);
  ty = (guint) floor (wy / 256);
  *px = (int) floor (wx - tx * 256.0);
  *py = (int) floor (wy - ty * 256.0);
  return shumate_tile_new_full (tx, ty, 256, (guint) zoom);
}

static void
fill_and_wait (DlOfflineSource *source,
               ShumateTile     *tile,
               FillResult      *fr)
{
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, fill_done_cb, fr);
  while (!fr->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
get_texture_pixel (GdkTexture *texture,
                   int         x,
                   int         y,
                   guint8      rgb[3])
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  guint32 argb;

  /* gdk_texture_download gives Cairo's ARGB32, premultiplied. */
  gdk_texture_download (texture, data, (gsize) width * 4);
  memcpy (&argb, data + ((gsize) y * width + x) * 4, 4);
  g_assert_cmpuint (argb >> 24, ==, 0xff);
  rgb[0] = argb >> 16 & 0xff;
  rgb[1] = argb >> 8 & 0xff;
  rgb[2] = argb & 0xff;
}

static void
assert_tile_color (DlOfflineSource *source,
                   int              zoom,
                   double           lon,
                   double           lat,
                   DlBasemapColor   expected)
{
  FillResult fr = { 0 };
  int x, y;
  g_autoptr(ShumateTile) tile = tile_at (zoom, lon, lat, &x, &y);
  GdkPaintable *paintable;
  guint8 rgb[3];
  double r, g, b;

  fill_and_wait (source, tile, &fr);
  g_assert_no_error (fr.error);
  g_assert_true (fr.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 256);

  get_texture_pixel (GDK_TEXTURE (paintable), x, y, rgb);
  dl_basemap_get_color (dl_offline_source_get_style (source), expected, &r, &g, &b);
  g_assert_cmpint (ABS (rgb[0] - (int) lround (r * 255)), <=, 2);
  g_assert_cmpint (ABS (rgb[1] - (int) lround (g * 255)), <=, 2);
  g_assert_cmpint (ABS (rgb[2] - (int) lround (b * 255)), <=, 2);
}

static void
test_properties (void)
{
  g_autoptr(DlOfflineSource) light = dl_offline_source_new (DL_BASEMAP_LIGHT);
  g_autoptr(DlOfflineSource) dark = dl_offline_source_new (DL_BASEMAP_DARK);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (light);

  g_assert_cmpstr (shumate_map_source_get_id (source), ==, "dateline-offline-light");
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (dark)), ==,
                   "dateline-offline-dark");
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "Natural Earth");
  g_assert_nonnull (shumate_map_source_get_license_uri (source));
  g_assert_nonnull (shumate_map_source_get_name (source));
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (source), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (source), >=, 12);
  g_assert_cmpuint (shumate_map_source_get_tile_size (source), ==, 256);
  g_assert_cmpint (dl_offline_source_get_style (light), ==, DL_BASEMAP_LIGHT);
  g_assert_cmpint (dl_offline_source_get_style (dark), ==, DL_BASEMAP_DARK);
  g_assert_cmpuint (dl_offline_source_get_n_pending (light), ==, 0);
}

static void
test_fill (void)
{
  static const DlBasemapStyle styles[] = { DL_BASEMAP_LIGHT, DL_BASEMAP_DARK };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autoptr(DlOfflineSource) source = dl_offline_source_new (styles[i]);

      assert_tile_color (source, 6, 33.5, 34.0, DL_BASEMAP_COLOR_SEA);
      assert_tile_color (source, 6, 38.5, 35.0, DL_BASEMAP_COLOR_LAND);
      assert_tile_color (source, 10, 35.70, 33.00, DL_BASEMAP_COLOR_LAND);
      assert_tile_color (source, 0, -30.0, 30.0, DL_BASEMAP_COLOR_SEA);
      assert_tile_color (source, 14, 36.29, 33.51, DL_BASEMAP_COLOR_LAND);
    }
}

static void
idle_cb (DlOfflineSource *source,
         guint           *count)
{
  g_assert_cmpuint (dl_offline_source_get_n_pending (source), ==, 0);
  (*count)++;
}

static void
test_pending (void)
{
  g_autoptr(DlOfflineSource) source = dl_offline_source_new (DL_BASEMAP_LIGHT);
  FillResult results[12] = { { 0 } };
  ShumateTile *tiles[12];
  guint idle_count = 0;
  gboolean all_done = FALSE;

  g_signal_connect (source, "idle", G_CALLBACK (idle_cb), &idle_count);
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      tiles[i] = shumate_tile_new_full (i % 4, i / 4, 256, 2);
      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tiles[i], NULL,
                                          fill_done_cb, &results[i]);
    }
  /* Filled in a worker: nothing is done before the main loop runs. */
  g_assert_cmpuint (dl_offline_source_get_n_pending (source), ==, G_N_ELEMENTS (tiles));

  while (!all_done)
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
        all_done = all_done && results[i].done;
    }
  g_assert_cmpuint (dl_offline_source_get_n_pending (source), ==, 0);
  g_assert_cmpuint (idle_count, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      g_assert_true (results[i].ok);
      g_assert_cmpint (shumate_tile_get_state (tiles[i]), ==, SHUMATE_STATE_DONE);
      g_assert_nonnull (shumate_tile_get_paintable (tiles[i]));
      g_object_unref (tiles[i]);
    }
}

static void
test_cancelled (void)
{
  g_autoptr(DlOfflineSource) source = dl_offline_source_new (DL_BASEMAP_LIGHT);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (1, 1, 256, 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FillResult fr = { 0 };
  guint idle_count = 0;

  g_signal_connect (source, "idle", G_CALLBACK (idle_cb), &idle_count);
  g_cancellable_cancel (cancellable);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable,
                                      fill_done_cb, &fr);
  while (!fr.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fr.ok);
  g_assert_error (fr.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&fr.error);
  g_assert_cmpuint (dl_offline_source_get_n_pending (source), ==, 0);
  g_assert_cmpuint (idle_count, ==, 1);
}

static void
test_outside_world (void)
{
  g_autoptr(DlOfflineSource) source = dl_offline_source_new (DL_BASEMAP_DARK);
  static const guint tiles[][3] = {
    /* zoom, x, y */
    { 0, 1, 0 },
    { 3, 8, 2 },
    { 3, 2, 100 },
    { 40, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      g_autoptr(ShumateTile) tile = shumate_tile_new_full (tiles[i][1], tiles[i][2], 256,
                                                           tiles[i][0]);
      FillResult fr = { 0 };

      fill_and_wait (source, tile, &fr);
      g_assert_false (fr.ok);
      g_assert_error (fr.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&fr.error);
      /* Done, so that the layer does not ask again, and empty. */
      g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
      g_assert_null (shumate_tile_get_paintable (tile));
    }
  g_assert_cmpuint (dl_offline_source_get_n_pending (source), ==, 0);
}

/* Label layer ------------------------------------------------------------------------- */

static void
collect_text_nodes (GskRenderNode *node,
                    GPtrArray     *out)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      g_ptr_array_add (out, node);
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text_nodes (gsk_container_node_get_child (node, i), out);
      break;
    case GSK_TRANSFORM_NODE:
      /* Translations only: the layer draws upright text. */
      collect_text_nodes (gsk_transform_node_get_child (node), out);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_text_nodes (gsk_rounded_clip_node_get_child (node), out);
      break;
    case GSK_CLIP_NODE:
      collect_text_nodes (gsk_clip_node_get_child (node), out);
      break;
    default:
      break;
    }
}

typedef struct
{
  GtkWidget       *window;
  ShumateMap      *map;
  DlLabelLayer    *labels;
} MapFixture;

static void
map_fixture_setup (MapFixture *fixture,
                   double      lat,
                   double      lon,
                   double      zoom)
{
  ShumateViewport *viewport;
  g_autoptr(DlOfflineSource) source = dl_offline_source_new (DL_BASEMAP_LIGHT);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  fixture->map = shumate_map_new ();
  viewport = shumate_map_get_viewport (fixture->map);
  shumate_map_set_map_source (fixture->map, SHUMATE_MAP_SOURCE (source));
  shumate_map_add_layer (fixture->map,
                         SHUMATE_LAYER (shumate_map_layer_new (SHUMATE_MAP_SOURCE (source),
                                                               viewport)));
  fixture->labels = dl_label_layer_new (viewport, DL_BASEMAP_LIGHT);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (fixture->labels));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->map));
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (fixture->map, lat, lon);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (gtk_widget_get_width (GTK_WIDGET (fixture->labels)) == 0)
    g_main_context_iteration (NULL, TRUE);
}

static GskRenderNode *
snapshot_labels (MapFixture *fixture)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (fixture->labels)->snapshot (GTK_WIDGET (fixture->labels), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The text nodes drawn in the label colour (not the halo), as rectangles. */
static GArray *
label_rects (GskRenderNode *node,
             const char    *color)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GdkRGBA want;

  gdk_rgba_parse (&want, color);
  if (node != NULL)
    collect_text_nodes (node, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      GskRenderNode *text = g_ptr_array_index (texts, i);
      graphene_rect_t bounds;

      if (!gdk_rgba_equal (gsk_text_node_get_color (text), &want))
        continue;
      gsk_render_node_get_bounds (text, &bounds);
      g_array_append_val (rects, bounds);
    }
  return rects;
}

static void
test_label_layer (void)
{
  MapFixture fixture;
  GskRenderNode *node;
  g_autoptr(GArray) countries = NULL;
  g_autoptr(GArray) cities = NULL;
  double x, y;

  map_fixture_setup (&fixture, 34.0, 37.0, 6.0);

  /* Decoration only: the map beneath gets the pointer. */
  g_assert_false (gtk_widget_get_can_target (GTK_WIDGET (fixture.labels)));
  gtk_widget_translate_coordinates (GTK_WIDGET (fixture.map), fixture.window, 450, 300, &x, &y);
  g_assert_true (gtk_widget_pick (fixture.window, x, y, GTK_PICK_DEFAULT) !=
                 GTK_WIDGET (fixture.labels));

  node = snapshot_labels (&fixture);
  g_assert_nonnull (node);
  countries = label_rects (node, "#6c6374");
  cities = label_rects (node, "#3d3842");
  /* Syria, Lebanon, Jordan, Iraq…; Damascus, Beirut, Aleppo… */
  g_assert_cmpuint (countries->len, >=, 3);
  g_assert_cmpuint (cities->len, >=, 3);

  /* No two names overlap, and all are inside the map. */
  g_array_append_vals (countries, cities->data, cities->len);
  for (guint i = 0; i < countries->len; i++)
    {
      graphene_rect_t *a = &g_array_index (countries, graphene_rect_t, i);

      g_assert_cmpfloat (a->origin.x, >=, -1);
      g_assert_cmpfloat (a->origin.y, >=, -1);
      g_assert_cmpfloat (a->origin.x + a->size.width, <=, 901);
      g_assert_cmpfloat (a->origin.y + a->size.height, <=, 601);
      for (guint j = i + 1; j < countries->len; j++)
        g_assert_false (graphene_rect_intersection (a, &g_array_index (countries, graphene_rect_t, j),
                                                    NULL));
    }
  gsk_render_node_unref (node);

  /* A marker over a name: the name moves away or gives way. */
  {
    graphene_rect_t *first = &g_array_index (countries, graphene_rect_t, 0);
    double cx = first->origin.x + first->size.width / 2, cy = first->origin.y + first->size.height / 2;
    double lat, lon, radius = 12.0;
    g_autoptr(GArray) after = NULL;

    shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (fixture.map),
                                                GTK_WIDGET (fixture.labels), cx, cy, &lat, &lon);
    dl_label_layer_set_obstacles (fixture.labels, &lat, &lon, &radius, 1);
    node = snapshot_labels (&fixture);
    after = label_rects (node, "#6c6374");
    for (guint i = 0; i < after->len; i++)
      {
        graphene_rect_t *r = &g_array_index (after, graphene_rect_t, i);
        double nx = CLAMP (cx, r->origin.x, r->origin.x + r->size.width);
        double ny = CLAMP (cy, r->origin.y, r->origin.y + r->size.height);

        g_assert_cmpfloat (hypot (nx - cx, ny - cy), >=, radius - 0.5);
      }
    gsk_render_node_unref (node);
    dl_label_layer_set_obstacles (fixture.labels, NULL, NULL, NULL, 0);
  }

  /* Dark style: the names change colour. */
  dl_label_layer_set_style (fixture.labels, DL_BASEMAP_DARK);
  node = snapshot_labels (&fixture);
  {
    g_autoptr(GArray) dark = label_rects (node, "#a9a2b4");
    g_autoptr(GArray) light = label_rects (node, "#6c6374");

    g_assert_cmpuint (dark->len, >=, 3);
    g_assert_cmpuint (light->len, ==, 0);
  }
  gsk_render_node_unref (node);

  gtk_window_destroy (GTK_WINDOW (fixture.window));
}

static void
test_label_layer_zoom (void)
{
  MapFixture fixture;
  ShumateViewport *viewport;
  GskRenderNode *node;
  guint world_count, close_count;

  /* Zoomed out, only large countries; no label at all over the open ocean. */
  map_fixture_setup (&fixture, 20.0, 0.0, 1.0);
  viewport = shumate_map_get_viewport (fixture.map);
  node = snapshot_labels (&fixture);
  {
    g_autoptr(GArray) rects = label_rects (node, "#6c6374");

    world_count = rects->len;
  }
  g_clear_pointer (&node, gsk_render_node_unref);
  g_assert_cmpuint (world_count, >, 0);

  shumate_viewport_set_zoom_level (viewport, 8.0);
  shumate_map_center_on (fixture.map, -40.0, -140.0);
  node = snapshot_labels (&fixture);
  {
    g_autoptr(GArray) rects = label_rects (node, "#6c6374");

    close_count = rects->len;
  }
  g_clear_pointer (&node, gsk_render_node_unref);
  g_assert_cmpuint (close_count, ==, 0);

  gtk_window_destroy (GTK_WINDOW (fixture.window));
}

/* Online option ----------------------------------------------------------------------- */

static void
test_osm (void)
{
  g_autoptr(ShumateMapSource) osm = dl_map_sources_new_osm ();

  g_assert_true (SHUMATE_IS_MAP_SOURCE (osm));
  g_assert_cmpstr (shumate_map_source_get_id (osm), ==, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
  g_assert_nonnull (strstr (shumate_map_source_get_license (osm), "OpenStreetMap"));
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (osm), >=, 14);
  /* The tile usage policy wants requests that name the application. */
  g_assert_true (g_str_has_prefix (shumate_get_user_agent (), "Dateline/"));
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/offline-source/properties", test_properties);
  g_test_add_func ("/offline-source/fill", test_fill);
  g_test_add_func ("/offline-source/pending", test_pending);
  g_test_add_func ("/offline-source/cancelled", test_cancelled);
  g_test_add_func ("/offline-source/outside-world", test_outside_world);
  g_test_add_func ("/label-layer/viewport", test_label_layer);
  g_test_add_func ("/label-layer/zoom", test_label_layer_zoom);
  g_test_add_func ("/map-sources/osm", test_osm);

  return g_test_run ();
}
