/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for `dateline --new-story`: any bytes as an article file. Text that is
 * refused must be refused with an error; text that is accepted must give a draft story
 * that loads back (dl_draft_to_bytes checks it), whose mentions are at their offsets, with
 * no crash, hang or sanitizer report in the text reader, the place detector or the draft
 * builder.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-draft
 *   build-fuzz/tests/fuzz/fuzz-draft CORPUS tests/data/geo
 */
#define G_LOG_DOMAIN "fuzz-draft"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dl-draft.h"
#include "dl-place-detector.h"
#include "dl-resources.h"
#include "dl-story.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static DlGazetteer *gazetteer;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  dl_resources_ensure ();
  gazetteer = dl_gazetteer_get_default (&error);
  if (gazetteer == NULL)
    {
      g_printerr ("fuzz-draft: %s\n", error->message);
      abort ();
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  DlDraft draft = { 0 };

  text = dl_draft_normalize_text ((const char *) data, size, &error);
  if (text == NULL)
    {
      if (error == NULL || error->domain != DL_DRAFT_ERROR)
        abort ();
      return 0;
    }

  title = dl_draft_guess_title (text);
  places = dl_place_detector_detect (gazetteer, text);
  draft.text = text;
  draft.title = title;
  draft.places = places;
  draft.gazetteer = gazetteer;
  bytes = dl_draft_to_bytes (&draft, &error);
  if (bytes == NULL)
    {
      g_printerr ("fuzz-draft: %s\n", error->message);
      abort ();
    }

  story = dl_story_new_from_bytes (bytes, "draft", &error);
  if (story == NULL || !g_str_equal (dl_story_get_text (story), text))
    abort ();
  return 0;
}
