/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-player"

#include "config.h"

#include <locale.h>

#include "dl-bundled.h"
#include "dl-player.h"

typedef struct
{
  DlViewState *state;
  DlStory     *story;
  DlPlayer    *player;
  GPtrArray   *seen;      /* ids of the events shown, in order */
} Fixture;

static void
current_cb (DlPlayer   *player,
            GParamSpec *pspec,
            Fixture    *fixture)
{
  DlEvent *event = dl_player_get_current (player);

  if (event != NULL)
    {
      /* the player shows an event by selecting it, alone */
      g_assert_true (dl_view_state_is_selected (fixture->state, event));
      g_assert_cmpuint (dl_view_state_get_selected_events (fixture->state)->len, ==, 1);
      g_ptr_array_add (fixture->seen, g_strdup (dl_event_get_id (event)));
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->story = dl_bundled_story_load (&error);
  g_assert_no_error (error);
  fixture->state = dl_view_state_new ();
  dl_view_state_set_story (fixture->state, fixture->story);
  fixture->player = dl_player_new (fixture->state);
  fixture->seen = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->player, "notify::current", G_CALLBACK (current_cb), fixture);
  dl_player_set_step_duration (fixture->player, 100);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->player);
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->story);
  g_ptr_array_unref (fixture->seen);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the player stops, within @ms. */
static void
run_until_stopped (DlPlayer *player,
                   guint     ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, flag_cb, &timed_out);

  while (dl_player_get_playing (player) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* The ids of the shown events in the story's (time) order. */
static GPtrArray *
shown_ids (Fixture *fixture)
{
  GListModel *events = dl_story_get_events (fixture->story);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (dl_view_state_is_shown (fixture->state, event))
        g_ptr_array_add (ids, g_strdup (dl_event_get_id (event)));
    }
  return ids;
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
}

/* Play shows every shown event once, in time order, and stops on the last one. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  const char *israel[] = { "israel", NULL };
  g_autoptr(GPtrArray) expected = NULL;
  DlTime previous = { DL_TIME_NONE };

  dl_filter_set_actors (dl_view_state_get_filter (fixture->state), israel);
  expected = shown_ids (fixture);
  g_assert_cmpuint (expected->len, >=, 4);

  dl_player_play (fixture->player);
  g_assert_true (dl_player_get_playing (fixture->player));
  run_until_stopped (fixture->player, 20000);
  assert_same_ids (fixture->seen, expected);
  g_assert_cmpstr (dl_event_get_id (dl_player_get_current (fixture->player)), ==,
                   expected->pdata[expected->len - 1]);

  /* and the order is the order of time */
  for (guint i = 0; i < fixture->seen->len; i++)
    {
      DlEvent *event = dl_story_lookup_event (fixture->story, fixture->seen->pdata[i]);

      if (i > 0)
        g_assert_cmpint (dl_time_compare (&previous, dl_event_get_start (event)), <=, 0);
      previous = *dl_event_get_start (event);
    }

  /* playing again starts over from the first */
  g_ptr_array_set_size (fixture->seen, 0);
  dl_player_play (fixture->player);
  g_assert_cmpstr (fixture->seen->pdata[0], ==, expected->pdata[0]);
  dl_player_stop (fixture->player);
}

/* Any other change of the selection, the filter or the story stops playback. */
static void
test_stops (Fixture       *fixture,
            gconstpointer  data)
{
  DlEvent *other = dl_story_lookup_event (fixture->story, "asylum");
  DlTime from;

  g_assert_nonnull (other);
  dl_player_play (fixture->player);
  g_assert_true (dl_player_get_playing (fixture->player));
  dl_view_state_select_event (fixture->state, other);
  g_assert_false (dl_player_get_playing (fixture->player));

  dl_player_play (fixture->player);
  g_assert_true (dl_player_get_playing (fixture->player));
  g_assert_true (dl_time_parse ("2024-12-08", &from, NULL));
  dl_filter_set_time_range (dl_view_state_get_filter (fixture->state), &from, NULL);
  g_assert_false (dl_player_get_playing (fixture->player));

  dl_player_play (fixture->player);
  g_assert_true (dl_player_get_playing (fixture->player));
  dl_view_state_clear_selection (fixture->state);
  g_assert_false (dl_player_get_playing (fixture->player));

  /* a new step duration while playing keeps playing */
  dl_player_play (fixture->player);
  dl_player_set_step_duration (fixture->player, 250);
  g_assert_true (dl_player_get_playing (fixture->player));
  g_assert_cmpuint (dl_player_get_step_duration (fixture->player), ==, 250);
  dl_player_stop (fixture->player);
}

/* Next and previous by hand walk the shown events and stop at the ends. */
static void
test_steps (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;
  DlTime from;

  g_assert_true (dl_time_parse ("2024-12-09", &from, NULL));
  dl_filter_set_time_range (dl_view_state_get_filter (fixture->state), NULL, &from);
  ids = shown_ids (fixture);

  g_assert_true (dl_player_previous (fixture->player));
  g_assert_cmpstr (dl_event_get_id (dl_player_get_current (fixture->player)), ==,
                   ids->pdata[ids->len - 1]);
  g_assert_false (dl_player_next (fixture->player));
  g_assert_true (dl_player_previous (fixture->player));
  g_assert_cmpstr (dl_event_get_id (dl_player_get_current (fixture->player)), ==,
                   ids->pdata[ids->len - 2]);

  /* from a selection made elsewhere */
  dl_view_state_select_event (fixture->state,
                              dl_story_lookup_event (fixture->story, ids->pdata[0]));
  g_assert_null (dl_player_get_current (fixture->player));
  g_assert_false (dl_player_previous (fixture->player));
  g_assert_true (dl_player_next (fixture->player));
  g_assert_cmpstr (dl_event_get_id (dl_player_get_current (fixture->player)), ==,
                   ids->pdata[1]);
  g_assert_false (dl_player_get_playing (fixture->player));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/player/order", Fixture, NULL, fixture_setup, test_order, fixture_teardown);
  g_test_add ("/player/stops", Fixture, NULL, fixture_setup, test_stops, fixture_teardown);
  g_test_add ("/player/steps", Fixture, NULL, fixture_setup, test_steps, fixture_teardown);

  return g_test_run ();
}
