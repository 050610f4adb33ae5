/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-tint-ranges"

#include "config.h"

#include "dl-tint-ranges.h"

struct _DlPassageSpans
{
  GPtrArray *passages;  /* const DlPassage *, sorted by start */
  int       *reach;     /* reach[i]: the furthest end of passages[0..i] */
};

/**
 * dl_passage_spans_new:
 * @passages: (element-type DlPassage): passages sorted by start
 *
 * Returns: (transfer full): an index of @passages by the characters they cover.
 */
DlPassageSpans *
dl_passage_spans_new (GPtrArray *passages)
{
  DlPassageSpans *self = g_new0 (DlPassageSpans, 1);
  int reach = G_MININT;

  g_return_val_if_fail (passages != NULL, NULL);

  self->passages = g_ptr_array_sized_new (passages->len);
  self->reach = g_new (int, MAX (passages->len, 1));
  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *passage = passages->pdata[i];

      if (passage->start < 0 || passage->end <= passage->start)
        continue;
      g_warn_if_fail (self->passages->len == 0
                      || passage->start >= ((const DlPassage *) g_ptr_array_index (
                           self->passages, self->passages->len - 1))->start);
      reach = MAX (reach, passage->end);
      self->reach[self->passages->len] = reach;
      g_ptr_array_add (self->passages, (gpointer) passage);
    }
  return self;
}

void
dl_passage_spans_free (DlPassageSpans *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->passages);
  g_free (self->reach);
  g_free (self);
}

/**
 * dl_passage_spans_in:
 * @self: an index of passages
 * @start: first character
 * @end: the character after the last
 *
 * Returns: (transfer container) (element-type DlPassage): the passages that share a
 *   character with [@start, @end), sorted by start.
 */
GPtrArray *
dl_passage_spans_in (DlPassageSpans *self,
                     int             start,
                     int             end)
{
  GPtrArray *result;
  guint low = 0, high, first;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_ptr_array_new ();
  if (end <= start)
    return result;

  /* past the last that starts before @end */
  high = self->passages->len;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (((const DlPassage *) self->passages->pdata[mid])->start < end)
        low = mid + 1;
      else
        high = mid;
    }
  high = low;
  /* the first whose passages so far reach past @start: none before it can */
  low = 0;
  first = high;
  while (low < first)
    {
      guint mid = low + (first - low) / 2;

      if (self->reach[mid] > start)
        first = mid;
      else
        low = mid + 1;
    }
  for (guint i = first; i < high; i++)
    {
      const DlPassage *passage = self->passages->pdata[i];

      if (passage->end > start)
        g_ptr_array_add (result, (gpointer) passage);
    }
  return result;
}

/**
 * dl_tint_ranges_collect:
 * @passages: (element-type DlPassage): passages sorted by start
 * @key_func: the colour of a passage, or NULL for none
 * @user_data: for @key_func
 *
 * Returns: (transfer container): a table from each key to its ranges (a #GArray of
 *   #DlTextRange, sorted, overlapping or touching ranges merged).
 */
GHashTable *
dl_tint_ranges_collect (GPtrArray     *passages,
                        DlTintKeyFunc  key_func,
                        gpointer       user_data)
{
  GHashTable *table = g_hash_table_new_full (NULL, NULL, NULL,
                                             (GDestroyNotify) g_array_unref);

  g_return_val_if_fail (passages != NULL, table);
  g_return_val_if_fail (key_func != NULL, table);

  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *passage = passages->pdata[i];
      gpointer key;
      GArray *ranges;
      DlTextRange *last;

      if (passage->start < 0 || passage->end <= passage->start
          || (key = key_func (passage, user_data)) == NULL)
        continue;
      ranges = g_hash_table_lookup (table, key);
      if (ranges == NULL)
        {
          ranges = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
          g_hash_table_insert (table, key, ranges);
        }
      last = ranges->len > 0 ? &g_array_index (ranges, DlTextRange, ranges->len - 1) : NULL;
      if (last != NULL && passage->start <= last->end)
        last->end = MAX (last->end, passage->end);
      else
        g_array_append_vals (ranges, &(DlTextRange) { passage->start, passage->end }, 1);
    }
  return table;
}

/**
 * dl_text_ranges_in:
 * @ranges: (element-type DlTextRange): sorted, disjoint ranges
 * @start: first character
 * @end: the character after the last
 *
 * Returns: (transfer full) (element-type DlTextRange): those of @ranges that share a
 *   character with [@start, @end), whole.
 */
GArray *
dl_text_ranges_in (GArray *ranges,
                   int     start,
                   int     end)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  guint low = 0, high;

  g_return_val_if_fail (ranges != NULL, result);

  /* the first that ends after @start (disjoint and sorted: the ends are sorted too) */
  high = ranges->len;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (ranges, DlTextRange, mid).end <= start)
        low = mid + 1;
      else
        high = mid;
    }
  for (guint i = low; i < ranges->len; i++)
    {
      const DlTextRange *range = &g_array_index (ranges, DlTextRange, i);

      if (range->start >= end)
        break;
      if (range->end > range->start)
        g_array_append_val (result, *range);
    }
  return result;
}

/* The characters of @a that @b lacks, appended to @out. */
static void
subtract (GArray *a,
          GArray *b,
          GArray *out)
{
  guint j = 0;

  for (guint i = 0; a != NULL && i < a->len; i++)
    {
      int start = g_array_index (a, DlTextRange, i).start;
      int end = g_array_index (a, DlTextRange, i).end;

      while (b != NULL && j < b->len && g_array_index (b, DlTextRange, j).end <= start)
        j++;
      for (guint k = j; start < end && b != NULL && k < b->len; k++)
        {
          const DlTextRange *cut = &g_array_index (b, DlTextRange, k);

          if (cut->start >= end)
            break;
          if (cut->start > start)
            g_array_append_vals (out, &(DlTextRange) { start, cut->start }, 1);
          start = MAX (start, cut->end);
        }
      if (start < end)
        g_array_append_vals (out, &(DlTextRange) { start, end }, 1);
    }
}

/**
 * dl_text_ranges_diff:
 * @had: (nullable) (element-type DlTextRange): sorted, disjoint ranges a text has
 * @want: (nullable) (element-type DlTextRange): sorted, disjoint ranges it should have
 * @to_add: (element-type DlTextRange): where the characters to add go
 * @to_remove: (element-type DlTextRange): where the characters to take off go
 *
 * What turns @had into @want, character for character.
 */
void
dl_text_ranges_diff (GArray *had,
                     GArray *want,
                     GArray *to_add,
                     GArray *to_remove)
{
  g_return_if_fail (to_add != NULL);
  g_return_if_fail (to_remove != NULL);

  subtract (want, had, to_add);
  subtract (had, want, to_remove);
}
