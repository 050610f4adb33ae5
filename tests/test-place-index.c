/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The place index the map redoes an edit's places from: after any edits and undos, each
 * place's events (and so its count and colour) are what a pass over the whole story
 * finds. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-place-index"

#include "config.h"

#include "dl-history.h"
#include "dl-test-edit.h"
#include "dl-view-state.h"

static DlStory *
bundled_story (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "stories",
                                                 "assad-moscow-2024.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static GPtrArray *
all_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/* Each place summarised from @index as from a pass over the events, and as the map's
 * dl_visible_places() shows it. */
static void
assert_index_right (DlStory      *story,
                    DlPlaceIndex *index,
                    DlFilter     *filter)
{
  g_autoptr(GPtrArray) places = all_items (dl_story_get_places (story));
  g_autoptr(GArray) from_index = dl_place_summaries (story, filter, places, index);
  g_autoptr(GArray) from_scan = dl_place_summaries (story, filter, places, NULL);
  g_autoptr(GArray) visible = dl_visible_places (story, filter);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < visible->len; i++)
    g_hash_table_insert (shown, g_array_index (visible, DlPlaceSummary, i).place,
                         g_memdup2 (&g_array_index (visible, DlPlaceSummary, i),
                                    sizeof (DlPlaceSummary)));
  g_assert_cmpuint (from_index->len, ==, places->len);
  for (guint i = 0; i < places->len; i++)
    {
      DlPlaceSummary *a = &g_array_index (from_index, DlPlaceSummary, i);
      DlPlaceSummary *b = &g_array_index (from_scan, DlPlaceSummary, i);
      DlPlaceSummary *c = g_hash_table_lookup (shown, places->pdata[i]);

      g_assert_true (a->place == places->pdata[i]);
      g_assert_cmpuint (a->n_shown, ==, b->n_shown);
      g_assert_true (a->actor == b->actor);
      if (c != NULL)
        {
          g_assert_cmpuint (a->n_shown, ==, c->n_shown);
          g_assert_true (a->actor == c->actor);
        }
      else
        g_assert_true (a->n_shown == 0 || !dl_place_has_location (places->pdata[i]));
    }
}

static void
test_random_edits (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(DlPlaceIndex) index = dl_place_index_new (story);
  g_autoptr(DlFilter) filter = dl_filter_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const char * const actors[] = { "russia", "assad", NULL };
  guint serial = 0, n_steps = 0;

  assert_index_right (story, index, NULL);
  dl_filter_set_actors (filter, actors);
  for (guint step = 0; step < 400; step++)
    {
      DlOperation *operation = dl_test_random_operation (story, rand, &serial);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GPtrArray) places = NULL;

      if (operation == NULL)
        continue;
      dl_history_push (history, operation);
      if (step % 7 == 6)
        dl_history_undo (history);
      n_steps++;

      /* what an edit can have touched: here, everything */
      events = all_items (dl_story_get_events (story));
      places = all_items (dl_story_get_places (story));
      dl_place_index_touch_events (index, events);
      for (guint i = 0; i < places->len; i++)
        dl_place_index_touch_place (index, places->pdata[i]);
      assert_index_right (story, index, step % 2 == 0 ? NULL : filter);
    }
  g_assert_cmpuint (n_steps, >, 200);
}

/* An event moved in time moves in its place's list; one removed leaves it. */
static void
test_order (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  g_autoptr(DlPlaceIndex) index = dl_place_index_new (story);
  GListModel *events = dl_story_get_events (story);
  g_autoptr(DlEvent) first = g_list_model_get_item (events, 0);
  g_autoptr(DlEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  DlPlace *place = dl_event_get_place (first, 0, NULL);
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  GPtrArray *at_place;
  DlTime later;

  later = *dl_event_get_start (last);
  later.year += 1;
  dl_event_set_start (first, &later);
  g_ptr_array_add (touched, first);
  dl_place_index_touch_events (index, touched);
  at_place = dl_place_index_get_events (index, place);
  g_assert_true (at_place->pdata[at_place->len - 1] == first);

  dl_story_remove_event (story, first);
  dl_place_index_touch_place (index, place);
  at_place = dl_place_index_get_events (index, place);
  for (guint i = 0; i < at_place->len; i++)
    g_assert_true (at_place->pdata[i] != first);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/place-index/random-edits", test_random_edits);
  g_test_add_func ("/place-index/order", test_order);
  return g_test_run ();
}
