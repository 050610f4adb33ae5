/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for what a place's popover and the map read of a file's properties (the
 * property table, properties.source, simplestyle) and for the article's search marks: for
 * every story that loads, each place's rows are non-empty keys with UTF-8 values, its style
 * is in range, and the search for the first bytes of the input marks ranges inside the
 * article, sorted and apart.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-place-properties
 *   make fuzz FUZZ_TARGET=fuzz-place-properties
 */
#define G_LOG_DOMAIN "fuzz-place-properties"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dl-place-properties.h"
#include "dl-story.h"
#include "dl-text-search.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_search (const char *text,
              const char *query)
{
  g_autoptr(GArray) ranges = dl_text_find_words (text, query);
  int length = (int) g_utf8_strlen (text, -1);
  int last_end = -1;

  for (guint i = 0; i < ranges->len; i++)
    {
      DlTextRange *range = &g_array_index (ranges, DlTextRange, i);

      g_assert_cmpint (range->start, >, last_end);
      g_assert_cmpint (range->start, <, range->end);
      g_assert_cmpint (range->end, <=, length);
      last_end = range->end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes (bytes, "fuzz.geojson", &error);
  g_autofree char *query = NULL;
  GListModel *places;

  /* the first line of the input, as a search of its own article */
  query = g_strndup ((const char *) data, MIN (size, 24));
  if (strchr (query, '\n') != NULL)
    *strchr (query, '\n') = '\0';

  if (story == NULL)
    {
      if (g_utf8_validate ((const char *) data, (gssize) size, NULL)
          && memchr (data, 0, size) == NULL)
        {
          g_autofree char *text = g_strndup ((const char *) data, size);

          if (g_utf8_validate (query, -1, NULL))
            check_search (text, query);
        }
      return 0;
    }

  if (dl_story_get_text (story) != NULL && g_utf8_validate (query, -1, NULL))
    check_search (dl_story_get_text (story), query);

  places = dl_story_get_places (story);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      g_autoptr(GPtrArray) rows = dl_place_list_properties (place);
      const char *source = dl_place_get_source (place);
      DlPlaceStyle style;

      for (guint r = 0; r < rows->len; r++)
        {
          DlPlaceProperty *row = rows->pdata[r];

          g_assert_nonnull (row->key);
          g_assert_nonnull (row->value);
          g_assert_true (g_utf8_validate (row->value, -1, NULL));
        }
      g_assert_true (source == NULL
                     || (source[0] != '\0' && g_utf8_validate (source, -1, NULL)));
      dl_place_get_style (place, &style);
      for (guint c = 0; c < 3; c++)
        {
          g_assert_true (!style.has_marker_color
                         || (style.marker_color[c] >= 0 && style.marker_color[c] <= 1));
          g_assert_true (!style.has_stroke || (style.stroke[c] >= 0 && style.stroke[c] <= 1));
          g_assert_true (!style.has_fill || (style.fill[c] >= 0 && style.fill[c] <= 1));
        }
      g_assert_true (style.stroke_width < 0 || (isfinite (style.stroke_width)
                                                && style.stroke_width <= 40));
      g_assert_true (style.stroke_opacity <= 1 && style.fill_opacity <= 1);
      dl_place_style_clear (&style);
      (void) dl_place_is_route (place);
    }
  return 0;
}
