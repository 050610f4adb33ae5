/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-text-index"

#include <string.h>

#include "dl-text-index.h"

struct _DlTextIndex
{
  const char *text;   /* not owned: the caller keeps it alive */
  gsize       length;
  guint32    *suffixes; /* byte offsets of every suffix of the text, in sorted order */
};

/* Sorts the suffixes by prefix doubling: after the round for @k, the suffixes are sorted
 * by their first 2k bytes, each round a stable counting sort by (rank of the first k
 * bytes, rank of the next k). At most log2(length) rounds of linear work, whatever the
 * text (a text of one repeated letter included); it stops as soon as all ranks differ. */
static void
build_suffix_array (const guchar *text,
                    guint32       n,
                    guint32      *sa)
{
  g_autofree guint32 *rank = g_new (guint32, n);
  g_autofree guint32 *tmp = g_new (guint32, n);
  g_autofree guint32 *count = g_new0 (guint32, MAX (n, 256) + 2);
  guint32 max_rank = 256;

  /* Round 0: by the first byte; ranks start at 1, 0 stands for "past the end". */
  for (guint32 i = 0; i < n; i++)
    count[text[i] + 1]++;
  for (guint32 r = 1; r <= 257; r++)
    count[r] += count[r - 1];
  for (guint32 i = 0; i < n; i++)
    sa[count[text[i]]++] = i;
  for (guint32 i = 0; i < n; i++)
    rank[i] = (guint32) text[i] + 1;

  for (guint32 k = 1; k < n; k <<= 1)
    {
      guint32 p = 0;
      guint32 r;

      /* By the second key: suffixes with nothing k bytes on come first. */
      for (guint32 i = n - k; i < n; i++)
        tmp[p++] = i;
      for (guint32 j = 0; j < n; j++)
        if (sa[j] >= k)
          tmp[p++] = sa[j] - k;

      /* Stable by the first key. */
      memset (count, 0, (max_rank + 2) * sizeof (guint32));
      for (guint32 i = 0; i < n; i++)
        count[rank[i]]++;
      for (guint32 v = 1; v <= max_rank + 1; v++)
        count[v] += count[v - 1];
      for (guint32 j = n; j > 0; j--)
        sa[--count[rank[tmp[j - 1]]]] = tmp[j - 1];

      /* New ranks, in tmp, then swapped into rank. */
      r = 1;
      tmp[sa[0]] = 1;
      for (guint32 j = 1; j < n; j++)
        {
          guint32 a = sa[j - 1], b = sa[j];
          guint32 a2 = a + k < n ? rank[a + k] : 0;
          guint32 b2 = b + k < n ? rank[b + k] : 0;

          if (rank[a] != rank[b] || a2 != b2)
            r++;
          tmp[b] = r;
        }
      memcpy (rank, tmp, n * sizeof (guint32));
      max_rank = r;
      if (r == n)
        break;
    }
}

/* <0, 0, >0 as the suffix at @at sorts before, starts with, or sorts after the needle. */
static int
compare_suffix (const DlTextIndex *self,
                guint32            at,
                const char        *needle,
                gsize              needle_length)
{
  gsize available = self->length - at;
  int cmp = memcmp (self->text + at, needle, MIN (available, needle_length));

  if (cmp != 0)
    return cmp;
  return available < needle_length ? -1 : 0;
}

/**
 * dl_text_index_new:
 * @text: the text; it must stay alive and unchanged as long as the index
 * @length: its length in bytes, or -1 when it ends with a nul byte
 *
 * Returns: (transfer full): an index of every byte offset of @text
 */
DlTextIndex *
dl_text_index_new (const char *text,
                   gsize       length)
{
  DlTextIndex *self;

  g_return_val_if_fail (text != NULL, NULL);

  if (length == (gsize) -1)
    length = strlen (text);
  g_return_val_if_fail (length < G_MAXUINT32, NULL);

  self = g_new0 (DlTextIndex, 1);
  self->text = text;
  self->length = length;
  self->suffixes = g_new (guint32, MAX (length, 1));
  if (length > 0)
    build_suffix_array ((const guchar *) text, (guint32) length, self->suffixes);
  return self;
}

void
dl_text_index_free (DlTextIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->suffixes);
  g_free (self);
}

/**
 * dl_text_index_count:
 * @self: an index
 * @needle: the bytes to look for
 * @needle_length: their length, more than 0
 * @first: (out) (optional): the byte offset of the first occurrence in the text, when
 *   there is one
 *
 * Counts the occurrences of @needle in the text, overlapping ones included, in
 * O(needle_length × log(text length)) plus the number of occurrences when @first is asked.
 *
 * Returns: the number of occurrences
 */
gsize
dl_text_index_count (DlTextIndex *self,
                     const char  *needle,
                     gsize        needle_length,
                     gsize       *first)
{
  gsize lo = 0, hi = self->length;
  gsize begin, end;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (needle != NULL && needle_length > 0, 0);

  /* The first suffix not before the needle… */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (compare_suffix (self, self->suffixes[mid], needle, needle_length) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  begin = lo;
  /* …and the first one after it. */
  hi = self->length;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (compare_suffix (self, self->suffixes[mid], needle, needle_length) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  end = lo;

  if (first != NULL && end > begin)
    {
      gsize least = self->suffixes[begin];

      for (gsize j = begin + 1; j < end; j++)
        least = MIN (least, self->suffixes[j]);
      *first = least;
    }
  return end - begin;
}

/**
 * dl_text_index_count_quote:
 * @self: an index
 * @prefix: (nullable): what the text has just before the quote
 * @exact: the quote, not empty
 * @suffix: (nullable): what the text has just after it
 * @first: (out) (optional): the byte offset of @exact in its first occurrence with this
 *   prefix and suffix
 *
 * Returns: how many times @exact occurs in the text right after @prefix and right before
 *   @suffix (a W3C TextQuoteSelector)
 */
gsize
dl_text_index_count_quote (DlTextIndex *self,
                           const char  *prefix,
                           const char  *exact,
                           const char  *suffix,
                           gsize       *first)
{
  g_autofree char *whole = NULL;
  gsize prefix_length = prefix != NULL ? strlen (prefix) : 0;
  gsize n, at = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (exact != NULL && *exact != '\0', 0);

  whole = g_strconcat (prefix != NULL ? prefix : "", exact, suffix, NULL);
  n = dl_text_index_count (self, whole, strlen (whole), first != NULL ? &at : NULL);
  if (first != NULL && n > 0)
    *first = at + prefix_length;
  return n;
}
