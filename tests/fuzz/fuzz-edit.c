/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for editing and the writer: every story that loads gets a few dozen
 * edits (chosen from the input), and after each the saved text must load again, look the
 * same and save to the same text; undoing them all must give back the first saved text.
 * The writer reads back whatever JSON the file had (short forms, unknown members, odd
 * types), which is what this target feeds it.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-edit
 *   build-fuzz/tests/fuzz/fuzz-edit -dict=tests/fuzz/story.dict CORPUS tests/data
 */
#define G_LOG_DOMAIN "fuzz-edit"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dl-history.h"
#include "dl-test-edit.h"

#define N_EDITS 24

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_abort (const char *what,
            const char *detail)
{
  g_printerr ("fuzz-edit: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
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
  g_autofree char *problem = dl_test_round_trip_problem (story, NULL);

  if (problem != NULL)
    fuzz_abort (problem, NULL);
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
  guint serial = 0;

  story = dl_story_new_from_bytes (bytes, "fuzz.geojson", NULL);
  if (story == NULL)
    return 0;

  for (size_t i = 0; i < size; i++)
    seed = (seed ^ data[i]) * 16777619u;
  rand = g_rand_new_with_seed (seed);
  history = dl_history_new ();
  first = dl_story_to_bytes (story);

  for (guint i = 0; i < N_EDITS; i++)
    {
      DlOperation *operation = dl_test_random_operation (story, rand, &serial);

      if (operation == NULL)
        continue;
      dl_history_push (history, operation);
      check_saved (story);
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          dl_history_undo (history);
          check_saved (story);
        }
    }

  while (dl_history_undo (history))
    ;
  last = dl_story_to_bytes (story);
  if (!g_bytes_equal (first, last))
    fuzz_abort ("undoing every edit does not give back the saved text", NULL);
  return 0;
}
