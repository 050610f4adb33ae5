/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the drafting readers of an article's text: time expressions,
 * sentences and boilerplate, actor suggestions and the drafter. Every input must give
 * expressions and sentences inside the text, times that are valid ISO 8601, and a draft
 * story that loads; never a crash, leak, hang or sanitizer report.
 *
 *   make fuzz FUZZ_TARGET=fuzz-time-expr
 *   build-fuzz/tests/fuzz/fuzz-time-expr -dict=tests/fuzz/time-expr.dict CORPUS tests/data/geo
 *
 * The first two bytes choose the publication date (a day in 1990–2079), the rest is the
 * article. */
#define G_LOG_DOMAIN "fuzz-time-expr"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dl-drafter.h"
#include "dl-sentences.h"
#include "dl-story.h"
#include "dl-test-places.h"
#include "dl-time-expr.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char * const world[] = {
  "Syria|country|SY||Syrian", "Russia|country|RU||Russian", "Moscow|capital|RU|Russia|",
  "Damascus|capital|SY|Syria|", "Israel|country|IL||Israeli,=IDF",
  "United States|country|US||=US", NULL,
};

static void
fuzz_abort (const char *what,
            const char *detail)
{
  g_printerr ("fuzz-time-expr: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
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
check_time (const DlTime *t)
{
  g_autofree char *iso = dl_time_to_iso (t);
  g_autoptr(GError) error = NULL;
  DlTime back;

  if (!dl_time_parse (iso, &back, &error))
    fuzz_abort ("a time expression gave an invalid time", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(DlDrafterResult) draft = NULL;
  g_autofree char *story_text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;
  DlTime published;
  glong length;
  int previous_end = 0;

  if (size < 2 || size > 64 * 1024)
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 1990);
  g_date_add_days (&date, (data[0] | data[1] << 8) % (90 * 365));
  published = (DlTime) { DL_TIME_DAY, g_date_get_year (&date), g_date_get_month (&date),
                         g_date_get_day (&date), 0, 0, 0, FALSE, 0 };
  text = g_strndup ((const char *) data + 2, size - 2);
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  length = g_utf8_strlen (text, -1);

  times = dl_time_expr_find (text, &published);
  for (guint i = 0; i < times->len; i++)
    {
      const DlTimeExpr *e = &g_array_index (times, DlTimeExpr, i);

      if (e->start < 0 || e->end > length || e->start >= e->end)
        fuzz_abort ("a time expression lies outside the text", e->text);
      check_time (&e->value);
      if (e->end_value.precision != DL_TIME_NONE)
        check_time (&e->end_value);
    }

  sentences = dl_sentences_split (text);
  for (guint i = 0; i < sentences->len; i++)
    {
      const DlSentence *s = &g_array_index (sentences, DlSentence, i);

      if (s->start < previous_end || s->end > length || s->start >= s->end ||
          s->byte_end > strlen (text))
        fuzz_abort ("sentences overlap or lie outside the text", NULL);
      previous_end = s->end;
    }

  places = dl_test_places_new (text, world);
  draft = dl_drafter_run (text, &published, places);
  story_text = dl_drafter_result_to_story (draft, text, &published, NULL);
  bytes = g_bytes_new (story_text, strlen (story_text));
  story = dl_story_new_from_bytes (bytes, "draft.geojson", &error);
  if (story == NULL)
    fuzz_abort ("the draft does not load", error->message);

  return 0;
}
