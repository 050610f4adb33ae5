/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tally the map counts a filter's places with: for any shown events (every event,
 * none, a search, an actor filter, random subsets) it gives what a pass over the shown
 * events gives (dl_visible_places_of): the same places in the same order, each with as
 * many shown events and the same colour; and again after edits. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-place-tally"

#include "config.h"

#include "dl-history.h"
#include "dl-place-tally.h"
#include "dl-test-edit.h"

/* Places (a few without a location), events at one to three of them (sometimes the same
 * one twice) with zero to two actors, and actors tied at some places. */
static DlStory *
generated_story (guint n_places,
                 guint n_events,
                 guint seed)
{
  static const char * const actors[] = { "red", "blue", "green", "grey" };
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  DlStory *story;

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                   "\"article\":{\"title\":\"Generated\",\"text\":\"Nothing quoted.\"},"
                   "\"actors\":[");
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\"}", i > 0 ? "," : "",
                            actors[i], actors[i]);
  g_string_append (json, "],\"events\":[");
  for (guint i = 0; i < n_events; i++)
    {
      guint n_at = g_rand_int_range (rand, 1, 4);
      guint n_actors = g_rand_int_range (rand, 0, 3);

      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"title\":\"Event %u %s\","
                              "\"when\":{\"start\":\"2024-%02d-%02d\"},\"places\":[",
                              i > 0 ? "," : "", i, i, i % 3 == 0 ? "market" : "road",
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      for (guint j = 0; j < n_at; j++)
        g_string_append_printf (json, "%s{\"place\":\"p%u\"}", j > 0 ? "," : "",
                                g_rand_int_range (rand, 0, n_places + n_places / 4 + 2));
      g_string_append (json, "],\"actors\":[");
      for (guint j = 0; j < n_actors; j++)
        g_string_append_printf (json, "%s{\"actor\":\"%s\"}", j > 0 ? "," : "",
                                actors[g_rand_int_range (rand, 0, G_N_ELEMENTS (actors))]);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]},\"features\":[");
  for (guint i = 0; i < n_places + n_places / 4 + 2; i++)
    {
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":",
                              i > 0 ? "," : "", i);
      if (i % 11 == 5)
        g_string_append (json, "null");
      else
        g_string_append_printf (json, "{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]}",
                                g_rand_double_range (rand, -170, 170),
                                g_rand_double_range (rand, -60, 70));
      g_string_append_printf (json, ",\"properties\":{\"name\":\"Place %u\"}}", i);
    }
  g_string_append (json, "]}");

  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "generated.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static GPtrArray *
story_events (DlStory *story)
{
  GListModel *model = dl_story_get_events (story);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  return events;
}

static void
assert_same_summaries (GArray *seen,
                       GArray *expected)
{
  g_assert_nonnull (seen);
  g_assert_cmpuint (seen->len, ==, expected->len);
  for (guint i = 0; i < seen->len; i++)
    {
      DlPlaceSummary *a = &g_array_index (seen, DlPlaceSummary, i);
      DlPlaceSummary *b = &g_array_index (expected, DlPlaceSummary, i);

      g_assert_cmpstr (dl_place_get_id (a->place), ==, dl_place_get_id (b->place));
      g_assert_cmpuint (a->n_shown, ==, b->n_shown);
      g_assert_cmpstr (a->actor != NULL ? dl_actor_get_id (a->actor) : "none", ==,
                       b->actor != NULL ? dl_actor_get_id (b->actor) : "none");
    }
}

/* The tally of @shown is what a pass over them gives. */
static void
assert_counts (DlStory      *story,
               DlPlaceTally *tally,
               GPtrArray    *shown)
{
  g_autoptr(GArray) seen = dl_place_tally_count (tally, shown);
  g_autoptr(GArray) expected = dl_visible_places_of (story, shown);

  assert_same_summaries (seen, expected);
}

static GPtrArray *
filtered (GPtrArray *events,
          DlFilter  *filter)
{
  GPtrArray *shown = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    if (dl_filter_match (filter, events->pdata[i]))
      g_ptr_array_add (shown, events->pdata[i]);
  return shown;
}

static void
test_filters (void)
{
  g_autoptr(DlStory) story = generated_story (60, 500, 3);
  g_autoptr(GPtrArray) events = story_events (story);
  g_autoptr(DlPlaceTally) tally = dl_place_tally_new (story, events);
  g_autoptr(DlFilter) filter = dl_filter_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) again = NULL;
  static const char * const red[] = { "red", NULL };
  static const char * const red_blue[] = { "red", "blue", NULL };

  g_assert_true (dl_place_tally_is_for (tally, events));
  all = dl_place_tally_count (tally, events);
  assert_counts (story, tally, events);
  /* every event shown is counted once */
  again = dl_place_tally_count (tally, events);
  g_assert_true (all == again);
  g_assert_cmpuint (all->len, >, 40);

  assert_counts (story, tally, none);
  dl_filter_set_text (filter, "market");
  {
    g_autoptr(GPtrArray) shown = filtered (events, filter);

    g_assert_cmpuint (shown->len, >, 100);
    g_assert_cmpuint (shown->len, <, events->len);
    assert_counts (story, tally, shown);
  }
  dl_filter_reset (filter);
  dl_filter_set_actors (filter, red);
  {
    g_autoptr(GPtrArray) shown = filtered (events, filter);

    assert_counts (story, tally, shown);
  }
  /* wider, then every event again: the first count of all is given back */
  dl_filter_set_actors (filter, red_blue);
  {
    g_autoptr(GPtrArray) shown = filtered (events, filter);
    g_autoptr(GArray) back = NULL;

    assert_counts (story, tally, shown);
    back = dl_place_tally_count (tally, events);
    g_assert_true (back == all);
  }
}

/* Random subsets of the events, as a copy of the array: every event shown or not. */
static void
test_random_subsets (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(DlStory) story = generated_story (g_rand_int_range (rand, 1, 80),
                                                  g_rand_int_range (rand, 0, 400), round);
      g_autoptr(GPtrArray) events = story_events (story);
      g_autoptr(DlPlaceTally) tally = dl_place_tally_new (story, events);
      g_autoptr(GPtrArray) copy = g_ptr_array_new ();
      double keep = g_rand_double (rand);

      for (guint i = 0; i < events->len; i++)
        g_ptr_array_add (copy, events->pdata[i]);
      assert_counts (story, tally, copy);
      for (guint step = 0; step < 10; step++)
        {
          g_autoptr(GPtrArray) shown = g_ptr_array_new ();

          for (guint i = 0; i < events->len; i++)
            if (g_rand_double (rand) < keep)
              g_ptr_array_add (shown, events->pdata[i]);
          assert_counts (story, tally, shown);
        }
    }
}

/* Events out of order, or not those of the tally, are refused, not miscounted. */
static void
test_foreign (void)
{
  g_autoptr(DlStory) story = generated_story (20, 50, 1);
  g_autoptr(DlStory) other = generated_story (20, 50, 1);
  g_autoptr(GPtrArray) events = story_events (story);
  g_autoptr(GPtrArray) others = story_events (other);
  g_autoptr(DlPlaceTally) tally = dl_place_tally_new (story, events);
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();
  g_autoptr(GArray) from_reversed = NULL;
  g_autoptr(GArray) from_others = NULL;

  g_ptr_array_add (reversed, events->pdata[3]);
  g_ptr_array_add (reversed, events->pdata[1]);
  from_reversed = dl_place_tally_count (tally, reversed);
  g_assert_null (from_reversed);
  from_others = dl_place_tally_count (tally, others);
  g_assert_null (from_others);
  g_assert_false (dl_place_tally_is_for (tally, others));
}

/* The places no event names are those the map shows to be worked on. */
static void
test_unused (void)
{
  g_autoptr(DlStory) story = generated_story (30, 40, 2);
  g_autoptr(GPtrArray) events = story_events (story);
  g_autoptr(DlPlaceTally) tally = dl_place_tally_new (story, events);
  GPtrArray *unused = dl_place_tally_peek_unused (tally);
  GListModel *places = dl_story_get_places (story);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      if (dl_place_get_n_events (place) > 0)
        continue;
      g_assert_cmpuint (n, <, unused->len);
      g_assert_true (unused->pdata[n++] == place);
    }
  g_assert_cmpuint (n, ==, unused->len);
  g_assert_cmpuint (n, >, 0);
}

/* After each edit (or undo) a new tally counts the story as it now is. */
static void
test_edits (void)
{
  g_autoptr(DlStory) story = generated_story (40, 200, 9);
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const char * const actors[] = { "green", "grey", NULL };
  guint serial = 0, n_steps = 0;

  dl_filter_set_actors (filter, actors);
  for (guint step = 0; step < 300; step++)
    {
      DlOperation *operation = dl_test_random_operation (story, rand, &serial);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GPtrArray) shown = NULL;
      g_autoptr(DlPlaceTally) tally = NULL;

      if (operation == NULL)
        continue;
      dl_history_push (history, operation);
      if (step % 7 == 6)
        dl_history_undo (history);
      n_steps++;

      events = story_events (story);
      tally = dl_place_tally_new (story, events);
      shown = filtered (events, filter);
      assert_counts (story, tally, events);
      assert_counts (story, tally, shown);
    }
  g_assert_cmpuint (n_steps, >, 150);
}

/* What the map's tally reads of an event and a place, to find what an edit touched. */
static char *
event_key (DlEvent *event)
{
  GString *key = g_string_new (NULL);
  DlActor *actor = dl_event_get_main_actor (event);

  g_string_append_printf (key, "%s|", actor != NULL ? dl_actor_get_id (actor) : "");
  for (guint j = 0; j < dl_event_get_n_places (event); j++)
    g_string_append_printf (key, "%p,", (gpointer) dl_event_get_place (event, j, NULL));
  return g_string_free (key, FALSE);
}

static char *
place_key (DlPlace *place)
{
  DlLonLat anchor = dl_place_get_anchor (place);

  return g_strdup_printf ("%d %g %g %u", dl_place_has_location (place), anchor.lon,
                          anchor.lat, dl_place_get_n_events (place));
}

static GHashTable *
snapshot (DlStory *story)
{
  GHashTable *keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GListModel *events = dl_story_get_events (story);
  GListModel *places = dl_story_get_places (story);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_hash_table_insert (keys, event, event_key (event));
    }
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      g_hash_table_insert (keys, place, place_key (place));
    }
  return keys;
}

static gboolean
same_order (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

/* One tally kept through random edits: each edit that left the events and places where
 * they were is taken in from just what it touched, and the tally then counts as a new
 * one does. */
static void
test_updates (void)
{
  g_autoptr(DlStory) story = generated_story (40, 200, 13);
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GPtrArray) events = story_events (story);
  g_autoptr(DlPlaceTally) tally = dl_place_tally_new (story, events);
  static const char * const actors[] = { "red", "blue", NULL };
  guint serial = 0, n_updates = 0, n_new = 0;
  guint n_places = g_list_model_get_n_items (dl_story_get_places (story));

  dl_filter_set_actors (filter, actors);
  for (guint step = 0; step < 400; step++)
    {
      g_autoptr(GHashTable) before = snapshot (story);
      DlOperation *operation = dl_test_random_operation (story, rand, &serial);
      g_autoptr(GPtrArray) now = NULL;
      g_autoptr(GPtrArray) touched_events = g_ptr_array_new ();
      g_autoptr(GPtrArray) touched_places = g_ptr_array_new ();
      g_autoptr(GPtrArray) shown = NULL;
      GListModel *places = dl_story_get_places (story);

      if (operation == NULL)
        continue;
      dl_history_push (history, operation);
      if (step % 7 == 6)
        dl_history_undo (history);

      now = story_events (story);
      for (guint i = 0; i < now->len; i++)
        {
          g_autofree char *key = event_key (now->pdata[i]);
          const char *was = g_hash_table_lookup (before, now->pdata[i]);

          if (was != NULL && !g_str_equal (was, key))
            g_ptr_array_add (touched_events, now->pdata[i]);
        }
      for (guint i = 0; i < g_list_model_get_n_items (places); i++)
        {
          g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
          g_autofree char *key = place_key (place);
          const char *was = g_hash_table_lookup (before, place);

          if (was == NULL || !g_str_equal (was, key))
            g_ptr_array_add (touched_places, place);
        }

      if (same_order (now, events) && g_list_model_get_n_items (places) == n_places
          && dl_place_tally_update (tally, touched_events, touched_places))
        n_updates++;
      else
        {
          g_clear_pointer (&tally, dl_place_tally_free);
          g_clear_pointer (&events, g_ptr_array_unref);
          events = g_steal_pointer (&now);
          tally = dl_place_tally_new (story, events);
          n_places = g_list_model_get_n_items (places);
          n_new++;
        }
      shown = filtered (events, filter);
      assert_counts (story, tally, events);
      assert_counts (story, tally, shown);
      {
        GPtrArray *unused = dl_place_tally_peek_unused (tally);
        guint n_unused = 0;

        for (guint i = 0; i < g_list_model_get_n_items (places); i++)
          {
            g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

            if (dl_place_get_n_events (place) == 0)
              g_assert_true (unused->pdata[n_unused++] == place);
          }
        g_assert_cmpuint (n_unused, ==, unused->len);
      }
    }
  g_test_message ("%u edits taken in, %u new tallies", n_updates, n_new);
  g_assert_cmpuint (n_updates, >, 100);
  g_assert_cmpuint (n_new, >, 10);
}

/* An event moved to a place no event named, then to a place without a location: the
 * place it left is unused, the first one too once left again. */
static void
test_update_places (void)
{
  g_autoptr(DlStory) story = generated_story (40, 20, 4);
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(GPtrArray) events = story_events (story);
  g_autoptr(DlPlaceTally) tally = dl_place_tally_new (story, events);
  GPtrArray *unused = dl_place_tally_peek_unused (tally);
  g_autoptr(GPtrArray) touched_events = g_ptr_array_new ();
  g_autoptr(GPtrArray) touched_places = g_ptr_array_new ();
  DlPlace *lonely = NULL, *nowhere = NULL, *left;
  DlEvent *event = NULL;
  GListModel *places = dl_story_get_places (story);

  /* a place of one event, one of no event, and one without a location */
  for (guint i = 0; i < events->len && event == NULL; i++)
    if (dl_event_get_n_places (events->pdata[i]) == 1
        && dl_place_get_n_events (dl_event_get_place (events->pdata[i], 0, NULL)) == 1)
      event = events->pdata[i];
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      if (dl_place_get_n_events (place) == 0 && dl_place_has_location (place) && !lonely)
        lonely = place;
      if (!dl_place_has_location (place) && !nowhere)
        nowhere = place;
    }
  g_assert_nonnull (event);
  g_assert_nonnull (lonely);
  g_assert_nonnull (nowhere);
  left = dl_event_get_place (event, 0, NULL);
  g_assert_true (g_ptr_array_find (unused, lonely, NULL));
  g_assert_false (g_ptr_array_find (unused, left, NULL));

  dl_history_push (history, dl_operation_new_set_event_places (event, 1, &lonely, NULL));
  g_ptr_array_add (touched_events, event);
  g_ptr_array_add (touched_places, left);
  g_ptr_array_add (touched_places, lonely);
  g_assert_true (dl_place_tally_update (tally, touched_events, touched_places));
  assert_counts (story, tally, events);
  g_assert_false (g_ptr_array_find (unused, lonely, NULL));
  g_assert_true (g_ptr_array_find (unused, left, NULL));

  /* the place without a location takes the event: it is counted, never drawn */
  dl_history_push (history, dl_operation_new_set_event_places (event, 1, &nowhere, NULL));
  g_ptr_array_set_size (touched_places, 0);
  g_ptr_array_add (touched_places, lonely);
  g_ptr_array_add (touched_places, nowhere);
  g_assert_true (dl_place_tally_update (tally, touched_events, touched_places));
  assert_counts (story, tally, events);
  g_assert_true (g_ptr_array_find (unused, lonely, NULL));

  /* two places for an event that had room for one: a new tally is needed */
  {
    DlPlace *two[] = { left, lonely };

    dl_history_push (history, dl_operation_new_set_event_places (event, 2, two, NULL));
    g_ptr_array_add (touched_places, left);
    g_assert_false (dl_place_tally_update (tally, touched_events, touched_places));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/place-tally/filters", test_filters);
  g_test_add_func ("/place-tally/random-subsets", test_random_subsets);
  g_test_add_func ("/place-tally/foreign", test_foreign);
  g_test_add_func ("/place-tally/unused", test_unused);
  g_test_add_func ("/place-tally/edits", test_edits);
  g_test_add_func ("/place-tally/updates", test_updates);
  g_test_add_func ("/place-tally/update-places", test_update_places);
  return g_test_run ();
}
