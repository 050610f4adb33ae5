/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the story loader: every input must either load or be refused with
 * a DL_STORY_ERROR, never crash, leak, hang or trip a sanitizer. A story that loads must
 * also survive the save round trip: its saved text loads again and saves to the same text.
 * Every message (and the input itself, as text) goes through the right-to-left layout of
 * messages, which must keep its text and only isolate a leading location.
 *
 * Build and run (see the README's development section, or `make fuzz`):
 *   CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
 *     -Db_lundef=false
 *   ninja -C build-fuzz tests/fuzz/fuzz-story
 *   build-fuzz/tests/fuzz/fuzz-story -dict=tests/fuzz/story.dict CORPUS tests/data
 */
#define G_LOG_DOMAIN "fuzz-story"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dl-story.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_abort (const char *what,
            const char *detail)
{
  g_printerr ("fuzz-story: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or warning from the loader on bad input is a bug too: make it a crash the
   * fuzzer reports. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* dl_story_error_for_direction(): unchanged left to right; right to left, either
 * unchanged or U+200F U+2068 LOCATION U+2069 REST with LOCATION REST the message. */
static void
check_direction (const char *message)
{
  static const char lead[] = "\u200F\u2068";
  static const char pdi[] = "\u2069";
  g_autofree char *ltr = dl_story_error_for_direction (message, FALSE);
  g_autofree char *rtl = dl_story_error_for_direction (message, TRUE);
  g_autofree char *joined = NULL;
  const char *end;

  if (g_strcmp0 (ltr, message) != 0)
    fuzz_abort ("a message changed for a left-to-right interface", message);
  if (g_str_equal (rtl, message))
    return;
  end = strstr (rtl, pdi);
  if (!g_str_has_prefix (rtl, lead) || end == NULL || end == rtl + strlen (lead))
    fuzz_abort ("a right-to-left message is not an isolated location and the rest", rtl);
  joined = g_strdup_printf ("%.*s%s", (int) (end - rtl - strlen (lead)), rtl + strlen (lead),
                            end + strlen (pdi));
  if (!g_str_equal (joined, message) || !g_utf8_validate (rtl, -1, NULL))
    fuzz_abort ("a right-to-left message lost or changed its text", rtl);
}

static void
check_round_trip (DlStory *story)
{
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(DlStory) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  saved = dl_story_to_bytes (story);
  if (saved == NULL)
    fuzz_abort ("dl_story_to_bytes returned NULL for a story that loaded", NULL);

  reloaded = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  if (reloaded == NULL)
    fuzz_abort ("the saved text of a story that loaded does not load again",
                error->message);

  saved_again = dl_story_to_bytes (reloaded);
  if (saved_again == NULL || !g_bytes_equal (saved, saved_again))
    fuzz_abort ("saving a reloaded story gives a different text", NULL);

  if (g_list_model_get_n_items (dl_story_get_places (story))
      != g_list_model_get_n_items (dl_story_get_places (reloaded))
      || g_list_model_get_n_items (dl_story_get_events (story))
      != g_list_model_get_n_items (dl_story_get_events (reloaded))
      || g_list_model_get_n_items (dl_story_get_actors (story))
      != g_list_model_get_n_items (dl_story_get_actors (reloaded))
      || dl_story_get_n_passages (story) != dl_story_get_n_passages (reloaded))
    fuzz_abort ("the reloaded story has different counts", NULL);
}

typedef struct
{
  guint  n_calls;
  guint  stop_after;
  double last;
} Progress;

static gboolean
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (!(fraction >= progress->last && fraction <= 1.0))
    fuzz_abort ("the reading's progress went back or past the end", NULL);
  progress->last = fraction;
  return ++progress->n_calls < progress->stop_after;
}

/* Stopped part-way (as Cancel does in the window): no story, a cancelled error, no leak;
 * told to go on, the same result as without progress. */
static void
check_stopped (GBytes   *bytes,
               gboolean  loads)
{
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 1 + g_bytes_get_size (bytes) % 3, 0 };

  story = dl_story_new_from_bytes_full (bytes, "fuzz.geojson", progress_cb, &progress, &error);
  if (progress.n_calls >= progress.stop_after &&
      (story != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    fuzz_abort ("a reading told to stop did not stop", NULL);
  if (progress.n_calls < progress.stop_after && (story != NULL) != loads)
    fuzz_abort ("the reading with progress disagrees with the one without", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;

  problems = dl_story_check_bytes (bytes, "fuzz.geojson");
  if (problems == NULL)
    fuzz_abort ("dl_story_check_bytes returned NULL", NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *message = g_ptr_array_index (problems, i);

      if (message == NULL || !g_utf8_validate (message, -1, NULL))
        fuzz_abort ("a problem message is NULL or not UTF-8", NULL);
      check_direction (message);
    }
  /* the input as a message, when it is text */
  if (g_utf8_validate ((const char *) data, size, NULL) && memchr (data, 0, size) == NULL)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);

      check_direction (text);
    }

  story = dl_story_new_from_bytes (bytes, "fuzz.geojson", &error);
  check_stopped (bytes, story != NULL);
  if (story == NULL)
    {
      if (error == NULL || error->domain != DL_STORY_ERROR)
        fuzz_abort ("loading failed without a DL_STORY_ERROR", error ? error->message : NULL);
      if (!g_utf8_validate (error->message, -1, NULL) || error->message[0] == '\0')
        fuzz_abort ("the error message is empty or not UTF-8", NULL);
      /* `dateline --check` must not call a file valid that the app refuses. */
      if (problems->len == 0)
        fuzz_abort ("check found no problem but loading failed", error->message);
      return 0;
    }

  if (problems->len > 0)
    fuzz_abort ("the story loaded but check reported a problem",
                g_ptr_array_index (problems, 0));

  check_round_trip (story);
  return 0;
}
