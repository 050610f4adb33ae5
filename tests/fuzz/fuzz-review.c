/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for reviewing a draft: every story that loads (a story without
 * suggestions first gets some of its events, places and actors marked as suggestions) gets
 * a few dozen review steps chosen from the input — accept one, reject one, accept all,
 * undo, redo — and after each the saved text must load again, look the same (suggestions
 * included) and save to the same text; undoing every step must give back the first text.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-review
 *   build-fuzz/tests/fuzz/fuzz-review -dict=tests/fuzz/story.dict CORPUS tests/data
 */
#define G_LOG_DOMAIN "fuzz-review"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dl-history.h"
#include "dl-review.h"
#include "dl-test-edit.h"

#define N_STEPS 16

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_abort (const char *what,
            const char *detail)
{
  g_printerr ("fuzz-review: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_saved (DlStory *story)
{
  g_autoptr(DlStory) reloaded = NULL;
  g_autofree char *problem = dl_test_round_trip_problem (story, &reloaded);

  if (problem != NULL)
    fuzz_abort (problem, NULL);
  if (dl_review_count (story, NULL) != dl_review_count (reloaded, NULL))
    fuzz_abort ("the reloaded reviewed story has other suggestions", NULL);
}

static GObject *
random_object (DlStory *story,
               GRand   *rand)
{
  GListModel *models[] = { dl_story_get_events (story), dl_story_get_places (story),
                           dl_story_get_actors (story) };
  GListModel *model = models[g_rand_int_range (rand, 0, 3)];
  guint n = g_list_model_get_n_items (model);
  GObject *object;

  if (n == 0)
    return NULL;
  object = g_list_model_get_item (model, g_rand_int_range (rand, 0, n));
  g_object_unref (object);  /* the story keeps it */
  return object;
}

/* A story (not a plain map, where "suggested" is free data) with no suggestion gets some,
 * as a draft has. */
static void
mark_some (DlStory *story,
           GRand   *rand)
{
  GListModel *models[] = { dl_story_get_events (story), dl_story_get_places (story),
                           dl_story_get_actors (story) };
  g_auto(GValue) value = G_VALUE_INIT;

  if (dl_review_count (story, NULL) > 0)
    return;
  if (dl_story_get_text (story) == NULL &&
      g_list_model_get_n_items (dl_story_get_events (story)) == 0 &&
      g_list_model_get_n_items (dl_story_get_actors (story)) == 0)
    return;
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, TRUE);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      if (g_rand_boolean (rand))
        {
          g_autoptr(GObject) object = g_list_model_get_item (models[m], i);
          g_autoptr(DlOperation) mark = dl_operation_new_set_property (object, "suggested",
                                                                       &value, NULL);

          dl_operation_apply (mark);
        }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlHistory) history = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) last = NULL;
  g_autoptr(GRand) rand = NULL;
  guint32 seed = 2166136261u;

  story = dl_story_new_from_bytes (bytes, "fuzz.geojson", NULL);
  if (story == NULL)
    return 0;

  for (size_t i = 0; i < size; i++)
    seed = (seed ^ data[i]) * 16777619u;
  rand = g_rand_new_with_seed (seed);
  mark_some (story, rand);
  check_saved (story);
  history = dl_history_new ();
  first = dl_story_to_bytes (story);

  for (guint i = 0; i < N_STEPS; i++)
    {
      GObject *object = random_object (story, rand);
      DlOperation *operation = NULL;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
        case 1:
          if (object != NULL && dl_review_is_suggested (object))
            operation = dl_review_accept (object);
          break;
        case 2:
          /* the window offers Reject on suggestions only */
          if (object != NULL && dl_review_is_suggested (object))
            operation = dl_review_reject (story, object);
          break;
        case 3:
          operation = dl_review_accept_all (story);
          break;
        case 4:
          dl_history_undo (history);
          check_saved (story);
          break;
        default:
          dl_history_redo (history);
          check_saved (story);
          break;
        }
      if (operation == NULL)
        continue;
      dl_history_push (history, operation);
      check_saved (story);
    }

  while (dl_history_undo (history))
    ;
  last = dl_story_to_bytes (story);
  if (!g_bytes_equal (first, last))
    fuzz_abort ("undoing every review step does not give back the saved text", NULL);
  return 0;
}
