/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "dl-event-private.h"
#include "dl-view-state.h"

static DlStory *
load_test_story (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

static void
count_cb (gpointer  emitter,
          guint    *count)
{
  (*count)++;
}

static const char *
selected_ids (DlViewState *state)
{
  static char buffer[256];
  GPtrArray *selected = dl_view_state_get_selected_events (state);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < selected->len; i++)
    {
      if (i > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, dl_event_get_id (selected->pdata[i]));
    }
  g_strlcpy (buffer, ids->str, sizeof buffer);
  g_string_free (ids, TRUE);
  return buffer;
}

static void
test_select_place (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlViewState) state = dl_view_state_new ();
  guint changes = 0;

  g_signal_connect (state, "selection-changed", G_CALLBACK (count_cb), &changes);
  dl_view_state_set_story (state, story);
  g_assert_cmpuint (dl_view_state_get_n_shown (state), ==, 6);

  dl_view_state_select_place (state, dl_story_lookup_place (story, "homs"));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (selected_ids (state), ==, "homs-taken,homs-crowds");
  g_assert_true (dl_view_state_get_selected_place (state) == dl_story_lookup_place (story, "homs"));

  /* Selecting the same again changes nothing. */
  dl_view_state_select_place (state, dl_story_lookup_place (story, "homs"));
  g_assert_cmpuint (changes, ==, 1);

  dl_view_state_select_event (state, dl_story_lookup_event (story, "asylum"));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpstr (selected_ids (state), ==, "asylum");
  g_assert_null (dl_view_state_get_selected_place (state));

  dl_view_state_clear_selection (state);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpstr (selected_ids (state), ==, "");
}

static void
test_filter_prunes_selection (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlViewState) state = dl_view_state_new ();
  const char *only_hts[] = { "hts", NULL };
  guint selection_changes = 0, filter_changes = 0;

  dl_view_state_set_story (state, story);
  g_signal_connect (state, "selection-changed", G_CALLBACK (count_cb), &selection_changes);
  g_signal_connect (state, "filter-changed", G_CALLBACK (count_cb), &filter_changes);

  dl_view_state_select_place (state, dl_story_lookup_place (story, "homs"));
  g_assert_cmpuint (selection_changes, ==, 1);

  /* Filtering to HTS keeps Homs selected, with only its HTS event. */
  dl_filter_set_actors (dl_view_state_get_filter (state), only_hts);
  g_assert_cmpuint (filter_changes, ==, 1);
  g_assert_cmpuint (selection_changes, ==, 2);
  g_assert_cmpstr (selected_ids (state), ==, "homs-taken");
  g_assert_cmpuint (dl_view_state_get_n_shown (state), ==, 1);

  /* An event the filter hides cannot be selected. */
  dl_view_state_select_event (state, dl_story_lookup_event (story, "asylum"));
  g_assert_cmpstr (selected_ids (state), ==, "");
  g_assert_null (dl_view_state_get_selected_place (state));

  /* A selected event the filter then removes is unselected. */
  dl_filter_reset (dl_view_state_get_filter (state));
  dl_view_state_select_event (state, dl_story_lookup_event (story, "asylum"));
  g_assert_cmpstr (selected_ids (state), ==, "asylum");
  dl_filter_set_text (dl_view_state_get_filter (state), "homs");
  g_assert_cmpstr (selected_ids (state), ==, "");
}

static void
test_passage_ranges (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GArray) ranges = NULL;
  const DlPassage *taken, *crowds;
  g_autofree char *text = NULL;

  /* Given out of time order: the ranges still come sorted. */
  g_ptr_array_add (events, dl_story_lookup_event (story, "homs-crowds"));
  g_ptr_array_add (events, dl_story_lookup_event (story, "homs-taken"));
  ranges = dl_passage_ranges_for_events (events);
  g_assert_cmpuint (ranges->len, ==, 2);

  taken = dl_event_get_passage (dl_story_lookup_event (story, "homs-taken"), 0);
  crowds = dl_event_get_passage (dl_story_lookup_event (story, "homs-crowds"), 0);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).start, ==, taken->start);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).end, ==, taken->end);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 1).start, ==, crowds->start);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 1).end, ==, crowds->end);

  /* The ranges are characters of the text, and cover the quotes. */
  text = g_utf8_substring (dl_story_get_text (story), taken->start, taken->end);
  g_assert_cmpstr (text, ==, "Rebels entered Homs on Saturday");
}

static void
test_pick_passage (void)
{
  DlPassage a = { "a", NULL, NULL, 10, 20, NULL };
  DlPassage b = { "b", NULL, NULL, 15, 30, NULL };
  DlPassage c = { "c", NULL, NULL, 30, 35, NULL };
  DlPassage d = { "d", NULL, NULL, 40, 41, NULL };
  g_autoptr(GPtrArray) under = g_ptr_array_new ();

  /* The innermost passage wins. */
  g_ptr_array_add (under, &b);
  g_ptr_array_add (under, &a);
  g_assert_true (dl_pick_passage (under) == &a);
  g_ptr_array_set_size (under, 0);
  g_assert_null (dl_pick_passage (under));
  g_ptr_array_add (under, &c);
  g_ptr_array_add (under, &d);
  g_assert_true (dl_pick_passage (under) == &d);
}

static void
test_visible_places (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlFilter) filter = dl_filter_new ();
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) russia = NULL;
  const char *only_russia[] = { "russia", NULL };
  DlLonLat sw, ne;

  all = dl_visible_places (story, NULL);
  g_assert_cmpuint (all->len, ==, 5);
  for (guint i = 0; i < all->len; i++)
    {
      DlPlaceSummary *s = &g_array_index (all, DlPlaceSummary, i);

      if (g_str_equal (dl_place_get_id (s->place), "homs"))
        {
          g_assert_cmpuint (s->n_shown, ==, 2);
          /* One HTS event, one Syrians event: the earlier one's actor. */
          g_assert_cmpstr (dl_actor_get_id (s->actor), ==, "hts");
        }
      if (g_str_equal (dl_place_get_id (s->place), "moscow"))
        g_assert_cmpuint (s->n_shown, ==, 2);
    }

  dl_filter_set_actors (filter, only_russia);
  russia = dl_visible_places (story, filter);
  /* flight (Damascus, route, Moscow) and asylum (Moscow). */
  g_assert_cmpuint (russia->len, ==, 3);
  g_assert_cmpstr (dl_place_get_id (g_array_index (russia, DlPlaceSummary, 0).place), ==,
                   "damascus");
  g_assert_cmpuint (g_array_index (russia, DlPlaceSummary, 0).n_shown, ==, 1);
  g_assert_cmpstr (dl_actor_get_id (g_array_index (russia, DlPlaceSummary, 0).actor), ==,
                   "assad");

  g_assert_true (dl_visible_bounds (story, filter, &sw, &ne));
  g_assert_cmpfloat_with_epsilon (sw.lon, 36.2913, 1e-6);
  g_assert_cmpfloat_with_epsilon (sw.lat, 33.5132, 1e-6);
  g_assert_cmpfloat_with_epsilon (ne.lon, 37.6178, 1e-6);
  g_assert_cmpfloat_with_epsilon (ne.lat, 55.7520, 1e-6);

  dl_filter_set_text (filter, "no such words anywhere");
  g_assert_false (dl_visible_bounds (story, filter, &sw, &ne));
}

static void
count_shown_cb (DlViewState *state,
                GArray      *seen)
{
  GPtrArray *shown = dl_view_state_peek_shown (state);
  g_autoptr(GArray) from_shown = NULL;
  g_autoptr(GArray) from_filter = NULL;

  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->len, ==, dl_view_state_get_n_shown (state));
  /* the places of the events found once are those the filter gives, in the same order,
   * with the same counts and colours */
  from_shown = dl_visible_places_of (dl_view_state_get_story (state), shown);
  from_filter = dl_visible_places (dl_view_state_get_story (state),
                                   dl_view_state_get_filter (state));
  g_assert_cmpuint (from_shown->len, ==, from_filter->len);
  for (guint i = 0; i < from_shown->len; i++)
    {
      DlPlaceSummary *a = &g_array_index (from_shown, DlPlaceSummary, i);
      DlPlaceSummary *b = &g_array_index (from_filter, DlPlaceSummary, i);

      g_assert_true (a->place == b->place);
      g_assert_cmpuint (a->n_shown, ==, b->n_shown);
      g_assert_true (a->actor == b->actor);
    }
  g_array_append_val (seen, shown->len);
}

/* While the filter changes, the views are given the shown events found once. */
static void
test_peek_shown (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlViewState) state = dl_view_state_new ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  DlFilter *filter = dl_view_state_get_filter (state);
  const char *only_russia[] = { "russia", NULL };

  dl_view_state_set_story (state, story);
  g_assert_null (dl_view_state_peek_shown (state));
  g_signal_connect (state, "filter-changed", G_CALLBACK (count_shown_cb), seen);

  dl_filter_set_actors (filter, only_russia);
  dl_filter_set_text (filter, "asylum");
  dl_filter_set_text (filter, "no such words anywhere");
  dl_filter_reset (filter);
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpuint (g_array_index (seen, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (seen, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (seen, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (seen, guint, 3), ==,
                    g_list_model_get_n_items (dl_story_get_events (story)));
  g_assert_null (dl_view_state_peek_shown (state));
}


static const char overlapping_story[] =
  "{ \"type\": \"FeatureCollection\", \"dateline\": { \"version\": 1,"
  "  \"article\": { \"title\": \"T\", \"text\": \"Rebels entered Homs on Saturday. Later, calm.\" },"
  "  \"actors\": [ { \"id\": \"a\", \"name\": \"A\" } ],"
  "  \"events\": ["
  "    { \"id\": \"one\", \"title\": \"One\", \"when\": { \"start\": \"2024\" },"
  "      \"places\": [ { \"place\": \"homs\" } ], \"actors\": [ { \"actor\": \"a\" } ],"
  "      \"passages\": [ { \"exact\": \"Rebels entered Homs\" }, { \"exact\": \"calm\" } ] },"
  "    { \"id\": \"two\", \"title\": \"Two\", \"when\": { \"start\": \"2024\" },"
  "      \"places\": [ { \"place\": \"homs\" } ], \"actors\": [ { \"actor\": \"a\" } ],"
  "      \"passages\": [ { \"exact\": \"Homs on Saturday\" } ] } ] },"
  "  \"features\": [ { \"type\": \"Feature\", \"id\": \"homs\","
  "    \"geometry\": { \"type\": \"Point\", \"coordinates\": [36.72, 34.73] },"
  "    \"properties\": { \"name\": \"Homs\" } } ] }";

static void
test_passage_ranges_merge (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (overlapping_story, strlen (overlapping_story));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes (bytes, "overlap.geojson", &error);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GPtrArray) under = NULL;

  g_assert_no_error (error);
  g_ptr_array_add (events, dl_story_lookup_event (story, "two"));
  g_ptr_array_add (events, dl_story_lookup_event (story, "one"));
  ranges = dl_passage_ranges_for_events (events);

  /* "Rebels entered Homs" and "Homs on Saturday" overlap: one range; "calm" apart. */
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).start, ==, 0);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).end, ==,
                   (int) strlen ("Rebels entered Homs on Saturday"));
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 1).start, ==,
                   (int) strlen ("Rebels entered Homs on Saturday. Later, "));

  /* A click on "Homs", inside both, means the shorter passage. */
  under = dl_story_passages_at (story, (int) strlen ("Rebels entered Ho"));
  g_assert_cmpuint (under->len, ==, 2);
  g_assert_cmpstr (dl_event_get_id (dl_pick_passage (under)->event), ==, "two");
}

static void
test_new_story_resets (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlStory) other = load_test_story ("window-story.geojson");
  g_autoptr(DlViewState) state = dl_view_state_new ();
  const char *only_hts[] = { "hts", NULL };
  guint selection_changes = 0, story_changes = 0;

  dl_view_state_set_story (state, story);
  dl_filter_set_actors (dl_view_state_get_filter (state), only_hts);
  dl_view_state_select_place (state, dl_story_lookup_place (story, "homs"));
  g_signal_connect (state, "selection-changed", G_CALLBACK (count_cb), &selection_changes);
  g_signal_connect (state, "story-changed", G_CALLBACK (count_cb), &story_changes);

  dl_view_state_set_story (state, other);
  g_assert_cmpuint (story_changes, ==, 1);
  g_assert_cmpuint (selection_changes, ==, 1);
  g_assert_cmpstr (selected_ids (state), ==, "");
  g_assert_null (dl_view_state_get_selected_place (state));
  g_assert_false (dl_filter_is_active (dl_view_state_get_filter (state)));
  g_assert_cmpuint (dl_view_state_get_n_shown (state), ==, 6);
}

/* A shown story's events have their text folded ahead, while the loop is idle, so that
 * the first search does not fold them all; a state dropped before it is done stops. */
static void
test_fold_ahead (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlViewState) state = dl_view_state_new ();
  g_autoptr(DlViewState) dropped = dl_view_state_new ();
  GListModel *events = dl_story_get_events (story);
  guint n = g_list_model_get_n_items (events);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_assert_null (event->folded);
    }
  dl_view_state_set_story (dropped, story);
  g_clear_object (&dropped);
  dl_view_state_set_story (state, story);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_assert_nonnull (event->folded);
      g_assert_cmpstr (event->folded, ==, dl_event_get_folded_text (event));
    }
}

/* A place's events are found by any of their places, first, second or further, after
 * their places change too. */
static void
test_select_place_edited (void)
{
  g_autoptr(DlStory) story = load_test_story ("window-story.geojson");
  g_autoptr(DlViewState) state = dl_view_state_new ();
  GListModel *places = dl_story_get_places (story);
  g_autoptr(DlEvent) event = g_list_model_get_item (dl_story_get_events (story), 0);
  g_autoptr(DlPlace) a = g_list_model_get_item (places, 0);
  g_autoptr(DlPlace) b = g_list_model_get_item (places, 1);
  g_autoptr(DlPlace) c = g_list_model_get_item (places, 2);

  dl_view_state_set_story (state, story);
  while (dl_event_get_n_places (event) > 0)
    dl_event_remove_place (event, 0);
  dl_event_insert_place (event, -1, a, NULL);
  dl_event_insert_place (event, -1, b, NULL);
  dl_event_insert_place (event, -1, c, NULL);
  for (guint round = 0; round < 4; round++)
    {
      DlPlace *places_now[] = { a, b, c };

      for (guint i = 0; i < G_N_ELEMENTS (places_now); i++)
        {
          gboolean named = FALSE;

          for (guint j = 0; j < dl_event_get_n_places (event); j++)
            named |= dl_event_get_place (event, j, NULL) == places_now[i];
          g_assert_cmpint (dl_event_has_place (event, places_now[i]), ==, named);
          dl_view_state_select_place (state, places_now[i]);
          g_assert_cmpint (g_ptr_array_find (dl_view_state_get_selected_events (state), event,
                                             NULL), ==, named);
        }
      /* the first taken out, then the last put first */
      if (round % 2 == 0)
        dl_event_remove_place (event, 0);
      else
        dl_event_insert_place (event, 0, round == 1 ? a : c, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/view-state/select-place", test_select_place);
  g_test_add_func ("/view-state/filter-prunes-selection", test_filter_prunes_selection);
  g_test_add_func ("/view-state/passage-ranges", test_passage_ranges);
  g_test_add_func ("/view-state/pick-passage", test_pick_passage);
  g_test_add_func ("/view-state/visible-places", test_visible_places);
  g_test_add_func ("/view-state/peek-shown", test_peek_shown);
  g_test_add_func ("/view-state/passage-ranges-merge", test_passage_ranges_merge);
  g_test_add_func ("/view-state/new-story-resets", test_new_story_resets);
  g_test_add_func ("/view-state/fold-ahead", test_fold_ahead);
  g_test_add_func ("/view-state/select-place-edited", test_select_place_edited);

  return g_test_run ();
}
