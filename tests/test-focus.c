/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "dl-bundled.h"
#include "dl-focus.h"
#include "dl-hit.h"
#include "dl-view-state.h"

/* A story in the Levant that also names Moscow, Washington and London, as news does. */
static const struct { const char *name; DlFocusPoint point; } levant[] = {
  { "Damascus", { 36.291, 33.510, 6 } },
  { "Presidential palace", { 36.252, 33.518, 2 } },
  { "Syria", { 38.5, 35.0, 11 } },
  { "Homs", { 36.726, 34.724, 2 } },
  { "Idlib front", { 36.634, 35.931, 2 } },
  { "Golan Heights", { 35.75, 33.0, 4 } },
  { "Tripoli, Lebanon", { 35.844, 34.434, 1 } },
  { "Moscow", { 37.618, 55.752, 3 } },
  { "Washington", { -77.036, 38.895, 2 } },
  { "London", { -0.126, 51.509, 1 } },
  { "Madrid", { -3.703, 40.417, 1 } },
};

static void
test_levant (void)
{
  DlFocusPoint points[G_N_ELEMENTS (levant)];
  g_autofree gboolean *selected = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (levant); i++)
    points[i] = levant[i].point;
  selected = dl_focus_select (points, G_N_ELEMENTS (points));

  for (guint i = 0; i < G_N_ELEMENTS (levant); i++)
    {
      /* Everything in Syria, Lebanon and the Golan; nothing a continent away. */
      gboolean near = levant[i].point.lon > 30 && levant[i].point.lat < 40;

      g_test_message ("%s: %s", levant[i].name, selected[i] ? "in focus" : "out");
      g_assert_cmpint (selected[i], ==, near);
    }
}

/* A story told in five capitals, one event each, has no focus: all of it is shown. */
static void
test_spread (void)
{
  const DlFocusPoint points[] = {
    { 2.35, 48.86, 1 }, { 13.40, 52.52, 1 }, { -0.13, 51.51, 1 }, { 12.50, 41.90, 1 },
    { -3.70, 40.42, 1 },
  };
  g_autofree gboolean *selected = dl_focus_select (points, G_N_ELEMENTS (points));

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    g_assert_true (selected[i]);
}

/* Where one event far away outweighs nothing: a plain map (no events) shows every place,
 * one place is its own focus, and the heavy place wins over a crowd of light ones. */
static void
test_edges (void)
{
  const DlFocusPoint plain[] = { { 0, 0, 0 }, { 100, 40, 0 }, { -60, -30, 0 } };
  const DlFocusPoint one[] = { { 151.2, -33.9, 3 } };
  const DlFocusPoint heavy[] = {
    { 139.69, 35.69, 20 },                                         /* Tokyo */
    { -74.0, 40.7, 1 }, { -73.9, 40.8, 1 }, { -74.1, 40.6, 1 },    /* New York */
  };
  g_autofree gboolean *a = dl_focus_select (plain, G_N_ELEMENTS (plain));
  g_autofree gboolean *b = dl_focus_select (one, 1);
  g_autofree gboolean *c = dl_focus_select (heavy, G_N_ELEMENTS (heavy));

  g_assert_null (dl_focus_select (NULL, 0));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_true (a[i]);
  g_assert_true (b[0]);
  g_assert_true (c[0]);
  g_assert_false (c[1] || c[2] || c[3]);
}

static void
test_distance (void)
{
  /* Damascus to Moscow, about 2,470 km; a point to itself, 0. */
  double d = dl_focus_distance_km (36.291, 33.510, 37.618, 55.752);

  g_assert_cmpfloat (d, >, 2400);
  g_assert_cmpfloat (d, <, 2550);
  g_assert_cmpfloat (dl_focus_distance_km (10, 10, 10, 10), ==, 0);
}

/* The bundled story: the first view frames Syria, not the box from Washington to Abu
 * Dhabi, and a route to Moscow does not stretch it. */
static void
test_bundled_bounds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  g_autoptr(GArray) visible = NULL;
  DlLonLat sw, ne, all_sw, all_ne;
  DlPlace *damascus;
  DlLonLat anchor;

  g_assert_no_error (error);
  visible = dl_visible_places (story, NULL);
  g_assert_true (dl_focus_get_bounds (visible, &sw, &ne));
  g_assert_true (dl_visible_bounds (story, NULL, &all_sw, &all_ne));

  damascus = dl_story_lookup_place (story, "damascus");
  g_assert_nonnull (damascus);
  anchor = dl_place_get_anchor (damascus);
  g_assert_cmpfloat (sw.lon, <=, anchor.lon);
  g_assert_cmpfloat (ne.lon, >=, anchor.lon);
  g_assert_cmpfloat (sw.lat, <=, anchor.lat);
  g_assert_cmpfloat (ne.lat, >=, anchor.lat);
  /* Washington (77° W) and Moscow (55.75° N) are out, so the box is a region's. */
  g_assert_cmpfloat (sw.lon, >, 20);
  g_assert_cmpfloat (ne.lat, <, 50);
  g_assert_cmpfloat (ne.lon - sw.lon, <, 10);
  g_assert_cmpfloat (all_sw.lon, <, -70);

  {
    g_autoptr(GArray) none = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));

    g_assert_false (dl_focus_get_bounds (none, &sw, &ne));
  }
}

/* Inside the Golan Heights: its label point; outside: Damascus and Moscow. A point place
 * contains nothing. */
static void
test_area_contains (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  DlPlace *golan, *damascus;
  DlLonLat anchor;

  g_assert_no_error (error);
  golan = dl_story_lookup_place (story, "golan-heights");
  damascus = dl_story_lookup_place (story, "damascus");
  g_assert_nonnull (golan);
  g_assert_nonnull (damascus);
  anchor = dl_place_get_anchor (golan);
  g_assert_true (dl_place_area_contains (golan, anchor.lon, anchor.lat));
  g_assert_false (dl_place_area_contains (golan, 36.29, 33.51));
  g_assert_false (dl_place_area_contains (golan, 37.62, 55.75));
  anchor = dl_place_get_anchor (damascus);
  g_assert_false (dl_place_area_contains (damascus, anchor.lon, anchor.lat));
}

/* The step buttons' event, found as a user reads the list: the first shown event after
 * (or before) the selection in time order, with nothing selected the first (or last). */
static DlEvent *
naive_step (DlViewState *state,
            int          direction)
{
  GListModel *events = dl_story_get_events (dl_view_state_get_story (state));
  GPtrArray *selected = dl_view_state_get_selected_events (state);
  guint n = g_list_model_get_n_items (events);
  DlEvent *current = NULL;
  gboolean past;

  if (selected->len > 0)
    current = direction > 0 ? selected->pdata[selected->len - 1] : selected->pdata[0];
  past = current == NULL;
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, direction > 0 ? k : n - 1 - k);

      if (past && dl_view_state_is_shown (state, event))
        return event;
      if (event == current)
        past = TRUE;
    }
  return NULL;
}

/* From every selection (one event, a place's events, none), with and without a filter,
 * each way: the step is what a reading of the list finds. */
static void
test_step_events (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  g_autoptr(DlViewState) state = dl_view_state_new ();
  GListModel *events;
  static const char * const russia[] = { "russia", NULL };
  guint n_checked = 0, n_ends = 0;

  g_assert_no_error (error);
  dl_view_state_set_story (state, story);
  events = dl_story_get_events (story);
  for (guint round = 0; round < 2; round++)
    {
      GListModel *places = dl_story_get_places (story);

      dl_filter_set_actors (dl_view_state_get_filter (state), round == 0 ? NULL : russia);
      for (guint i = 0; i <= g_list_model_get_n_items (events); i++)
        {
          g_autoptr(DlEvent) event = i < g_list_model_get_n_items (events)
                                     ? g_list_model_get_item (events, i) : NULL;

          if (event != NULL)
            dl_view_state_select_event (state, event);
          else
            dl_view_state_clear_selection (state);
          for (int direction = -1; direction <= 1; direction += 2)
            {
              DlEvent *expected = naive_step (state, direction);

              g_assert_true (dl_step_event (state, direction) == expected);
              n_ends += expected == NULL;
              n_checked++;
            }
        }
      for (guint i = 0; i < g_list_model_get_n_items (places); i++)
        {
          g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

          dl_view_state_select_place (state, place);
          for (int direction = -1; direction <= 1; direction += 2)
            {
              g_assert_true (dl_step_event (state, direction) == naive_step (state, direction));
              n_checked++;
            }
        }
    }
  g_assert_cmpuint (n_checked, >, 100);
  /* the first and the last event, shown or hidden by the filter, have no step beyond */
  g_assert_cmpuint (n_ends, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/focus/levant", test_levant);
  g_test_add_func ("/focus/spread", test_spread);
  g_test_add_func ("/focus/edges", test_edges);
  g_test_add_func ("/focus/distance", test_distance);
  g_test_add_func ("/focus/bundled-story", test_bundled_bounds);
  g_test_add_func ("/focus/step-events", test_step_events);
  g_test_add_func ("/hit/area-contains", test_area_contains);

  return g_test_run ();
}
