/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-text-search"

#include "config.h"

#include <string.h>

#include "dl-filter.h"
#include "dl-text-search.h"

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const DlTextRange *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* @text folded one character at a time, with the character each folded byte came from. */
static char *
fold_with_origins (const char  *text,
                   GArray      *origins)
{
  GString *folded = g_string_sized_new (strlen (text));
  int index = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      guchar c = (guchar) *p;
      gsize before = folded->len;

      if (c < 0x80)
        g_string_append_c (folded, g_ascii_tolower ((char) c));
      else
        {
          char one[8] = { 0 };
          g_autofree char *part = NULL;

          g_unichar_to_utf8 (g_utf8_get_char (p), one);
          part = dl_text_fold (one);
          g_string_append (folded, part);
        }
      for (gsize i = before; i < folded->len; i++)
        g_array_append_val (origins, index);
    }
  return g_string_free (folded, FALSE);
}

/**
 * dl_text_find_words:
 * @text: UTF-8 text
 * @query: (nullable): the search, words separated by white space
 *
 * Returns: (transfer full): the merged character ranges where a word of @query occurs in
 *   @text, an array of DlTextRange.
 */
GArray *
dl_text_find_words (const char *text,
                    const char *query)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  g_autoptr(GArray) origins = NULL;
  g_autoptr(GArray) merged = NULL;
  g_autofree char *folded_query = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (text != NULL, ranges);

  if (query == NULL || !g_utf8_validate (text, -1, NULL) || !g_utf8_validate (query, -1, NULL))
    return ranges;

  folded_query = dl_text_fold (query);
  words = g_strsplit_set (folded_query, " \t\n", -1);
  origins = g_array_new (FALSE, FALSE, sizeof (int));
  folded = fold_with_origins (text, origins);

  for (guint w = 0; words[w] != NULL; w++)
    {
      gsize length = strlen (words[w]);

      if (length == 0)
        continue;
      for (const char *hit = strstr (folded, words[w]); hit != NULL;
           hit = strstr (hit + 1, words[w]))
        {
          gsize at = (gsize) (hit - folded);
          DlTextRange range = {
            g_array_index (origins, int, at),
            g_array_index (origins, int, at + length - 1) + 1,
          };

          g_array_append_val (ranges, range);
        }
    }

  g_array_sort (ranges, compare_ranges);
  merged = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  for (guint i = 0; i < ranges->len; i++)
    {
      DlTextRange *range = &g_array_index (ranges, DlTextRange, i);
      DlTextRange *last = merged->len > 0
                            ? &g_array_index (merged, DlTextRange, merged->len - 1) : NULL;

      if (last != NULL && range->start <= last->end)
        last->end = MAX (last->end, range->end);
      else
        g_array_append_val (merged, *range);
    }
  g_array_set_size (ranges, 0);
  g_array_append_vals (ranges, merged->data, merged->len);
  return ranges;
}
