/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map after changes of the filter, which it counts from a tally of the story's events
 * made once (and again after an edit) and answers at once when every event is shown
 * again: after each step it shows what a new window shows on the story with that filter
 * set once. Compared: each dot's colour (every place alone, at the closest zoom) and the
 * clusters at a far zoom, or each marker's place, position, count and colour; the legend
 * and the areas drawn; the dots' pixels. With marker widgets and with the dot layer: a
 * filter narrowed, widened, moved sideways and cleared; a search cleared giving back the
 * first view; an edit while filtered (an event given another actor, a place moved), then
 * the filter cleared; an edit with no filter, then a filter set and cleared; a plain map,
 * which every filter shows whole, and framed again after a place moved. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-map-filter"

#include "config.h"

#include <adwaita.h>

#include "dl-marker.h"
#include "dl-operation.h"
#include "dl-point-layer.h"
#include "dl-resources.h"
#include "dl-test-window.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

static const char * const actor_ids[] = { "red", "blue", "green" };

/* Places spread over the world (every ninth an area), events at one or two of them with
 * zero to two actors, the words "alpha" or "beta" in their titles. */
static char *
generated_json (guint n_places,
                guint n_events)
{
  static const char * const colors[] = { "#c0392b", "#2471a3", "#1e8449" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  GString *json = g_string_new (NULL);

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                   "\"article\":{\"title\":\"Generated\",\"text\":\"Nothing quoted.\"},"
                   "\"actors\":[");
  for (guint i = 0; i < G_N_ELEMENTS (actor_ids); i++)
    g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\",\"color\":\"%s\"}",
                            i > 0 ? "," : "", actor_ids[i], actor_ids[i], colors[i]);
  g_string_append (json, "],\"events\":[");
  for (guint i = 0; i < n_events; i++)
    {
      guint n_actors = g_rand_int_range (rand, 0, 3);

      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"title\":\"Event %u %s\","
                              "\"when\":{\"start\":\"2024-%02d-%02d\"},\"places\":["
                              "{\"place\":\"p%u\"}", i > 0 ? "," : "", i, i,
                              g_rand_boolean (rand) ? "alpha" : "beta",
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                              g_rand_int_range (rand, 0, n_places));
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_string_append_printf (json, ",{\"place\":\"p%u\"}",
                                g_rand_int_range (rand, 0, n_places));
      g_string_append (json, "],\"actors\":[");
      for (guint j = 0; j < n_actors; j++)
        g_string_append_printf (json, "%s{\"actor\":\"%s\"}", j > 0 ? "," : "",
                                actor_ids[g_rand_int_range (rand, 0,
                                                            G_N_ELEMENTS (actor_ids))]);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]},\"features\":[");
  for (guint i = 0; i < n_places; i++)
    {
      double lon = g_rand_double_range (rand, -170, 170);
      double lat = g_rand_double_range (rand, -60, 70);

      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":",
                              i > 0 ? "," : "", i);
      if (i % 9 == 4)
        g_string_append_printf (json, "{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],"
                                "[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}", lon, lat,
                                lon + 1, lat, lon + 1, lat + 1, lon, lat);
      else
        g_string_append_printf (json, "{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}",
                                lon, lat);
      g_string_append_printf (json, ",\"properties\":{\"name\":\"Place %u\"}}", i);
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static DlStory *
story_from_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, "generated.geojson", &error);

  g_assert_no_error (error);
  return story;
}

static const char *
actor_name (DlActor *actor)
{
  return actor != NULL ? dl_actor_get_id (actor) : "grey";
}

/* What a user sees on the map of @window, as text. */
static char *
describe_map (DlWindow *window)
{
  DlMapView *map_view = dl_window_get_map_view (window);
  DlPointLayer *layer = dl_map_view_get_point_layer (map_view);
  g_autofree char *legend = dl_map_legend_dup_names (dl_map_view_get_legend (map_view));
  GString *out = g_string_new (NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (layer)))
    {
      static const int zooms[] = { 2, 24 };

      dl_test_describe_dots (layer, zooms, G_N_ELEMENTS (zooms), out);
    }
  else
    dl_test_describe_markers (map_view, dl_window_get_story (window), out);
  g_string_append_printf (out, "areas: %u\nlegend: %s\n", dl_map_view_get_n_shapes (map_view),
                          legend);
  return g_string_free (out, FALSE);
}

static void
assert_same_text (const char *seen,
                  const char *expected,
                  const char *after)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint line = 0;

  if (g_strcmp0 (seen, expected) == 0)
    return;
  a = g_strsplit (seen, "\n", -1);
  b = g_strsplit (expected, "\n", -1);
  /* the first line that differs, not pages of both */
  while (a[line] != NULL && b[line] != NULL && g_str_equal (a[line], b[line]))
    line++;
  g_test_message ("after %s, line %u", after, line);
  g_assert_cmpstr (a[line], ==, b[line]);
}

/* @window's map is what a new window shows on its story, saved and read again, with the
 * same filter. */
static void
assert_like_fresh (DlWindow           *window,
                   const char * const *actors,
                   const char         *text,
                   const char         *after)
{
  g_autoptr(GBytes) bytes = dl_story_to_bytes (dl_window_get_story (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) saved = dl_story_new_from_bytes (bytes, "saved.geojson", &error);
  DlWindow *fresh = dl_window_new (NULL);
  g_autofree char *seen = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (fresh), 1200, 800);
  dl_window_set_story (fresh, saved);
  dl_test_set_filter (fresh, actors, text);
  seen = describe_map (window);
  expected = describe_map (fresh);
  assert_same_text (seen, expected, after);
  dl_test_close_window (fresh);
}

/* The dots as drawn, framed as they are at first: the pixels of the dot layer alone. */
static GBytes *
dot_pixels (DlWindow *window)
{
  DlMapView *map_view = dl_window_get_map_view (window);
  GtkWidget *layer = GTK_WIDGET (dl_map_view_get_point_layer (map_view));
  g_autoptr(GdkTexture) texture = NULL;
  gsize stride;
  guchar *data;

  dl_map_view_fit_shown (map_view, FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  texture = dl_test_render_widget (layer);
  stride = (gsize) gdk_texture_get_width (texture) * 4;
  data = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, stride * gdk_texture_get_height (texture));
}

static DlWindow *
window_new (DlStory *story)
{
  DlWindow *window = dl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* Narrowed, widened, moved sideways, cleared; searched, narrowed, cleared: each step like
 * a new window, and every cleared step like the first view. */
static void
run_steps (guint    n_places,
           gboolean expect_dots)
{
  static const char * const red[] = { "red", NULL };
  static const char * const red_blue[] = { "red", "blue", NULL };
  static const char * const green[] = { "green", NULL };
  static const char * const none[] = { NULL };
  static const struct
  {
    const char * const *actors;
    const char         *text;
  } steps[] = {
    { red, NULL },
    { red_blue, NULL },   /* wider */
    { red, NULL },        /* narrower again */
    { green, NULL },      /* sideways */
    { NULL, NULL },       /* cleared */
    { NULL, "alpha" },
    { NULL, "Event 1" },  /* narrower */
    { red, "alpha" },
    { none, NULL },       /* nothing shown */
    { NULL, NULL },
    { red_blue, NULL },
    { NULL, NULL },
  };
  g_autofree char *json = generated_json (n_places, 3 * n_places);
  g_autoptr(DlStory) story = story_from_json (json);
  DlWindow *window = window_new (story);
  DlMapView *map_view = dl_window_get_map_view (window);
  g_autofree char *first = describe_map (window);
  g_autofree char *last = g_strdup (first);
  g_autoptr(GBytes) first_pixels = expect_dots ? dot_pixels (window) : NULL;

  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_point_layer (
                     map_view))), ==, expect_dots);
  g_assert_cmpuint (dl_map_view_get_n_shapes (map_view), >, 0);
  assert_like_fresh (window, NULL, NULL, "opening");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *what = g_strdup_printf ("step %u", i);
      g_autofree char *seen = NULL;

      dl_test_set_filter (window, steps[i].actors, steps[i].text);
      assert_like_fresh (window, steps[i].actors, steps[i].text, what);
      seen = describe_map (window);
      if (steps[i].actors == NULL && steps[i].text == NULL)
        {
          assert_same_text (seen, first, what);
          /* the dots are drawn again as they were, each in its colour */
          if (expect_dots)
            {
              g_autoptr(GBytes) pixels = dot_pixels (window);

              g_assert_true (g_bytes_equal (pixels, first_pixels));
            }
        }
      else if (expect_dots && steps[i].actors == red_blue)
        {
          g_autoptr(DlStory) again = story_from_json (json);
          DlWindow *fresh = window_new (again);
          g_autoptr(GBytes) pixels = NULL;
          g_autoptr(GBytes) fresh_pixels = NULL;

          /* drawn as a new window draws them, not with the dots kept from before */
          dl_test_set_filter (fresh, steps[i].actors, steps[i].text);
          pixels = dot_pixels (window);
          fresh_pixels = dot_pixels (fresh);
          g_assert_cmpstr (seen, !=, last);
          g_assert_false (g_bytes_equal (pixels, first_pixels));
          g_assert_true (g_bytes_equal (pixels, fresh_pixels));
          dl_test_close_window (fresh);
        }
      else
        /* the step changed what the map shows */
        g_assert_cmpstr (seen, !=, last);
      g_free (last);
      last = g_steal_pointer (&seen);
    }
  dl_test_close_window (window);
}

static void
test_steps_markers (void)
{
  run_steps (40, FALSE);
}

static void
test_steps_dots (void)
{
  run_steps (300, TRUE);
}

/* A place whose only event has @actor as its main actor, and that event. */
static DlPlace *
place_of_one_event (DlStory  *story,
                    DlActor  *actor,
                    DlEvent **event)
{
  GListModel *events = dl_story_get_events (story);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) candidate = g_list_model_get_item (events, i);
      DlPlace *place;

      if (dl_event_get_main_actor (candidate) != actor)
        continue;
      place = dl_event_get_place (candidate, 0, NULL);
      if (dl_place_get_n_events (place) != 1
          || dl_place_get_shape (place) != DL_PLACE_SHAPE_POINT)
        continue;
      *event = candidate;
      return place;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The colour the map gives @place: its dot's alone, or its marker's. */
static char *
color_of (DlWindow *window,
          DlPlace  *place)
{
  DlMapView *map_view = dl_window_get_map_view (window);
  DlPointLayer *layer = dl_map_view_get_point_layer (map_view);
  DlMarker *marker = dl_map_view_get_marker (map_view, place);
  g_autoptr(GArray) clusters = NULL;
  GdkRGBA color;

  if (marker != NULL)
    {
      if (!gtk_widget_get_visible (GTK_WIDGET (marker)))
        return g_strdup ("hidden");
      dl_marker_get_color (marker, &color);
      return gdk_rgba_to_string (&color);
    }
  clusters = dl_point_layer_list_clusters (layer, 24, FALSE);
  for (guint i = 0; i < clusters->len; i++)
    {
      const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);

      if (cluster->place == place)
        return g_strdup (actor_name (dl_point_layer_get_cluster_actor (layer, cluster)));
    }
  return g_strdup ("hidden");
}

/* With a filter on, an event moves to another actor: its place's dot or marker takes
 * that actor's colour, or leaves when the filter hides the actor; a moved place moves;
 * then the filter cleared shows the edits, and the undo of both. */
static void
run_edit_while_filtered (guint n_places)
{
  static const char * const red_blue[] = { "red", "blue", NULL };
  g_autofree char *json = generated_json (n_places, n_places);
  g_autoptr(DlStory) story = story_from_json (json);
  DlWindow *window = window_new (story);
  DlDocument *document = dl_window_get_document (window);
  DlActor *red = dl_story_lookup_actor (story, "red");
  DlActor *blue = dl_story_lookup_actor (story, "blue");
  DlActor *green = dl_story_lookup_actor (story, "green");
  DlEvent *event = NULL;
  DlPlace *place = place_of_one_event (story, red, &event);
  g_autofree char *red_color = NULL;
  g_autofree char *blue_color = NULL;
  g_autofree char *after_blue = NULL;
  g_autofree char *after_green = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *undone = NULL;

  dl_test_set_filter (window, red_blue, NULL);
  red_color = color_of (window, place);
  g_assert_cmpstr (red_color, !=, "hidden");

  dl_document_push (document, dl_operation_new_set_event_actors (event, 1, &blue, NULL));
  blue_color = color_of (window, place);
  g_assert_cmpstr (blue_color, !=, "hidden");
  g_assert_cmpstr (blue_color, !=, red_color);
  assert_like_fresh (window, red_blue, NULL, "the event given to blue");

  /* the filter shows red and blue: green hides the place */
  dl_document_push (document, dl_operation_new_set_event_actors (event, 1, &green, NULL));
  after_green = color_of (window, place);
  g_assert_cmpstr (after_green, ==, "hidden");
  assert_like_fresh (window, red_blue, NULL, "the event given to green");
  dl_document_push (document,
                    dl_operation_new_move_place (place, (DlLonLat) { .lon = 12.5,
                                                                     .lat = 41.9 }));
  assert_like_fresh (window, red_blue, NULL, "the place moved");

  dl_test_set_filter (window, NULL, NULL);
  cleared = color_of (window, place);
  g_assert_cmpstr (cleared, !=, "hidden");
  g_assert_cmpstr (cleared, !=, blue_color);
  assert_like_fresh (window, NULL, NULL, "the filter cleared after the edits");

  dl_history_undo (dl_document_get_history (document));
  dl_history_undo (dl_document_get_history (document));
  assert_like_fresh (window, NULL, NULL, "two undos");
  dl_test_set_filter (window, red_blue, NULL);
  after_blue = color_of (window, place);
  g_assert_cmpstr (after_blue, ==, blue_color);
  assert_like_fresh (window, red_blue, NULL, "the filter set again");
  dl_history_undo (dl_document_get_history (document));
  undone = color_of (window, place);
  g_assert_cmpstr (undone, ==, red_color);
  dl_test_set_filter (window, NULL, NULL);
  assert_like_fresh (window, NULL, NULL, "every edit undone, the filter cleared");

  dl_document_discard (document);
  dl_test_close_window (window);
}

static void
test_edit_filtered_markers (void)
{
  run_edit_while_filtered (40);
}

static void
test_edit_filtered_dots (void)
{
  run_edit_while_filtered (300);
}

/* With every event shown, an edit; then a filter set and cleared shows the edit, not the
 * view from before it. */
static void
test_edit_then_filter (void)
{
  static const char * const green[] = { "green", NULL };
  g_autofree char *json = generated_json (300, 600);
  g_autoptr(DlStory) story = story_from_json (json);
  DlWindow *window = window_new (story);
  DlDocument *document = dl_window_get_document (window);
  DlActor *red = dl_story_lookup_actor (story, "red");
  DlActor *green_actor = dl_story_lookup_actor (story, "green");
  DlEvent *event = NULL;
  DlPlace *place = place_of_one_event (story, red, &event);
  g_autofree char *before = describe_map (window);
  g_autofree char *again = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  g_autofree char *color = NULL;

  /* every event shown, once before the edit: the map has counted them all */
  dl_test_set_filter (window, green, NULL);
  dl_test_set_filter (window, NULL, NULL);
  again = describe_map (window);
  assert_same_text (again, before, "a filter cleared");

  dl_document_push (document, dl_operation_new_set_event_actors (event, 1, &green_actor,
                                                                 NULL));
  edited = describe_map (window);
  g_assert_cmpstr (edited, !=, before);
  dl_test_set_filter (window, green, NULL);
  assert_like_fresh (window, green, NULL, "a filter after an edit");
  dl_test_set_filter (window, NULL, NULL);
  after = describe_map (window);
  assert_same_text (after, edited, "the filter cleared after an edit");
  assert_like_fresh (window, NULL, NULL, "the filter cleared after an edit");
  color = color_of (window, place);
  g_assert_cmpstr (color, ==, "green");

  dl_document_discard (document);
  dl_test_close_window (window);
}

/* A plain map (no events) of @n points in Europe. */
static char *
plain_json (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                            "{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]},"
                            "\"properties\":{\"name\":\"Point %u\"}}", i > 0 ? "," : "", i,
                            g_rand_double_range (rand, 0, 30),
                            g_rand_double_range (rand, 35, 60), i);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

/* Whether @window's map shows @place's position. */
static gboolean
in_view (DlWindow *window,
         DlPlace  *place)
{
  DlMapView *map_view = dl_window_get_map_view (window);
  GtkWidget *map = GTK_WIDGET (dl_map_view_get_map (map_view));
  DlLonLat anchor = dl_place_get_anchor (place);
  double x, y;

  shumate_viewport_location_to_widget_coords (dl_map_view_get_viewport (map_view), map,
                                              anchor.lat, anchor.lon, &x, &y);
  return x >= 0 && y >= 0 && x <= gtk_widget_get_width (map) && y <= gtk_widget_get_height (map);
}

/* A plain map shows every place whatever the filter; the view frames every place, a
 * place moved far away too. */
static void
run_plain_map (guint    n_places,
               gboolean expect_dots)
{
  g_autofree char *json = plain_json (n_places);
  g_autoptr(DlStory) story = story_from_json (json);
  DlWindow *window = window_new (story);
  DlMapView *map_view = dl_window_get_map_view (window);
  DlDocument *document = dl_window_get_document (window);
  DlPlace *place = dl_story_lookup_place (story, "p7");
  g_autofree char *first = describe_map (window);
  g_autofree char *searched = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *cleared = NULL;

  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_point_layer (
                     map_view))), ==, expect_dots);
  assert_like_fresh (window, NULL, NULL, "opening");
  dl_test_set_filter (window, NULL, "Point 1");
  searched = describe_map (window);
  assert_same_text (searched, first, "a search on a plain map");
  dl_map_view_fit_shown (map_view, FALSE);
  g_assert_true (in_view (window, place));

  /* moved to Australia: the box of every place now holds it */
  dl_document_push (document, dl_operation_new_move_place (place,
                                                           (DlLonLat) { .lon = 133.0,
                                                                        .lat = -25.0 }));
  assert_like_fresh (window, NULL, "Point 1", "a place moved");
  moved = describe_map (window);
  g_assert_cmpstr (moved, !=, searched);
  dl_test_set_filter (window, NULL, NULL);
  cleared = describe_map (window);
  assert_same_text (cleared, moved, "the search cleared");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  dl_map_view_fit_shown (map_view, FALSE);
  g_assert_true (in_view (window, place));
  g_assert_true (in_view (window, dl_story_lookup_place (story, "p8")));
  assert_like_fresh (window, NULL, NULL, "the search cleared");

  dl_document_discard (document);
  dl_test_close_window (window);
}

static void
test_plain_markers (void)
{
  run_plain_map (60, FALSE);
}

static void
test_plain_dots (void)
{
  run_plain_map (400, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/map-filter/steps/markers", test_steps_markers);
  g_test_add_func ("/map-filter/steps/dots", test_steps_dots);
  g_test_add_func ("/map-filter/edit-while-filtered/markers", test_edit_filtered_markers);
  g_test_add_func ("/map-filter/edit-while-filtered/dots", test_edit_filtered_dots);
  g_test_add_func ("/map-filter/edit-then-filter", test_edit_then_filter);
  g_test_add_func ("/map-filter/plain-map/markers", test_plain_markers);
  g_test_add_func ("/map-filter/plain-map/dots", test_plain_dots);
  return g_test_run ();
}
