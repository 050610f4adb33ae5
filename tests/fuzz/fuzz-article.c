/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for New Story's reader of pasted text and .txt/.md files: any bytes are
 * either refused with a message or give a text of non-empty UTF-8 lines with no NUL and no
 * "\r", which becomes a story that saves and loads back with the same text.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-article
 *   make fuzz FUZZ_TARGET=fuzz-article
 */
#define G_LOG_DOMAIN "fuzz-article"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dl-article-text.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlStory) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_auto(GStrv) lines = NULL;
  DlArticleInfo info = { NULL };

  text = dl_article_text_from_bytes ((const char *) data, size, "fuzz.txt", &title, &error);
  if (text == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.txt"));
      g_assert_null (title);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\r'));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpstr (lines[i], !=, "");
      g_assert_false (g_ascii_isspace (lines[i][0]));
    }
  if (title != NULL)
    g_assert_true (g_utf8_validate (title, -1, NULL));

  info.title = title;
  story = dl_article_new_story (text, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_text (story), ==, text);
  g_assert_cmpstr (dl_story_get_title (story), ==, title);

  saved = dl_story_to_bytes (story);
  again = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_text (again), ==, text);
  return 0;
}
