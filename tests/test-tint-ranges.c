/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "dl-tint-ranges.h"

/* What the article tints on part of its text: the passages touching a stretch, their
 * ranges merged per colour, and the change from the ranges a text has to those it
 * should have. Each is checked against a character-by-character reference. */

#define TEXT_LENGTH 400

/* Random passages sorted by start, with a few long ones; some not found (start -1). */
static DlPassage *
random_passages (GRand *rand,
                 guint  n)
{
  DlPassage *passages = g_new0 (DlPassage, n);
  int start = 0;

  for (guint i = 0; i < n; i++)
    {
      start += g_rand_int_range (rand, 0, 12);
      passages[i].start = MIN (start, TEXT_LENGTH - 1);
      passages[i].end = passages[i].start + (g_rand_int_range (rand, 0, 20) == 0
                                             ? g_rand_int_range (rand, 50, 300)
                                             : g_rand_int_range (rand, 0, 15));
      passages[i].end = MIN (passages[i].end, TEXT_LENGTH);
    }
  if (n > 3)
    passages[n / 3].start = passages[n / 3].end = -1;
  return passages;
}

static GPtrArray *
pointers (DlPassage *passages,
          guint      n)
{
  GPtrArray *array = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, &passages[i]);
  return array;
}

static void
test_spans_in (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint round = 0; round < 50; round++)
    {
      guint n = g_rand_int_range (rand, 0, 80);
      g_autofree DlPassage *passages = random_passages (rand, n);
      g_autoptr(GPtrArray) all = pointers (passages, n);
      DlPassageSpans *spans = dl_passage_spans_new (all);

      for (guint w = 0; w < 40; w++)
        {
          int start = g_rand_int_range (rand, -10, TEXT_LENGTH + 10);
          int end = start + g_rand_int_range (rand, 0, 150);
          g_autoptr(GPtrArray) found = dl_passage_spans_in (spans, start, end);
          guint next = 0;

          /* exactly those sharing a character with the stretch, in their order */
          for (guint i = 0; i < n; i++)
            {
              const DlPassage *passage = &passages[i];
              gboolean touches = start < end && passage->start >= 0
                                 && passage->end > passage->start
                                 && passage->start < end && passage->end > start;

              if (!touches)
                continue;
              g_assert_cmpuint (next, <, found->len);
              g_assert_true (found->pdata[next] == passage);
              next++;
            }
          g_assert_cmpuint (next, ==, found->len);
        }
      dl_passage_spans_free (spans);
    }
}

/* The passages of even index are of one colour, the odd ones of another, every fifth is
 * hidden. */
static gpointer
parity_key (const DlPassage *passage,
            gpointer         user_data)
{
  DlPassage *first = user_data;
  guint index = passage - first;

  if (index % 5 == 4)
    return NULL;
  return GUINT_TO_POINTER (1 + index % 2);
}

/* The characters @ranges cover, checked sorted, non-empty and apart (not even touching). */
static void
fill_mask (GArray   *ranges,
           gboolean *mask,
           gboolean  merged)
{
  int last_end = G_MININT;

  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const DlTextRange *range = &g_array_index (ranges, DlTextRange, i);

      g_assert_cmpint (range->start, <, range->end);
      if (merged)
        g_assert_cmpint (range->start, >, last_end);
      else
        g_assert_cmpint (range->start, >=, last_end);
      last_end = range->end;
      for (int c = range->start; c < range->end; c++)
        mask[c] = TRUE;
    }
}

static void
test_collect (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint round = 0; round < 100; round++)
    {
      guint n = g_rand_int_range (rand, 0, 60);
      g_autofree DlPassage *passages = random_passages (rand, n);
      g_autoptr(GPtrArray) all = pointers (passages, n);
      g_autoptr(GHashTable) table = dl_tint_ranges_collect (all, parity_key, passages);

      g_assert_cmpuint (g_hash_table_size (table), <=, 2);
      for (guint key = 1; key <= 2; key++)
        {
          gboolean got[TEXT_LENGTH] = { FALSE }, want[TEXT_LENGTH] = { FALSE };

          fill_mask (g_hash_table_lookup (table, GUINT_TO_POINTER (key)), got, TRUE);
          for (guint i = 0; i < n; i++)
            if (passages[i].start >= 0 && i % 5 != 4 && 1 + i % 2 == key)
              for (int c = passages[i].start; c < passages[i].end; c++)
                want[c] = TRUE;
          for (int c = 0; c < TEXT_LENGTH; c++)
            g_assert_cmpint (got[c], ==, want[c]);
        }
    }
}

/* Two overlapping passages of one colour, the second hidden: the first stays tinted
 * whole, overlap included, and no further. */
static void
test_collect_overlap_hidden (void)
{
  DlPassage passages[] = {
    { .start = 10, .end = 30 }, { .start = 20, .end = 40 }, { .start = 35, .end = 50 },
    { .start = 40, .end = 55 }, { .start = 45, .end = 70 },
  };
  g_autoptr(GPtrArray) all = pointers (passages, G_N_ELEMENTS (passages));
  g_autoptr(GHashTable) table = NULL;
  GArray *ranges;

  /* 0 and 2 of one colour, 1 and 3 of the other, 4 (of the first) hidden */
  table = dl_tint_ranges_collect (all, parity_key, passages);
  ranges = g_hash_table_lookup (table, GUINT_TO_POINTER (1));
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).start, ==, 10);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).end, ==, 30);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 1).start, ==, 35);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 1).end, ==, 50);
  /* 20-40 and 40-55 are of the other colour: touching ranges merge */
  ranges = g_hash_table_lookup (table, GUINT_TO_POINTER (2));
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).start, ==, 20);
  g_assert_cmpint (g_array_index (ranges, DlTextRange, 0).end, ==, 55);
}

static GArray *
random_ranges (GRand *rand)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  int at = g_rand_int_range (rand, 0, 20);

  while (at < TEXT_LENGTH - 1 && g_rand_int_range (rand, 0, 30) != 0)
    {
      int end = at + g_rand_int_range (rand, 1, 40);

      end = MIN (end, TEXT_LENGTH);

      g_array_append_vals (ranges, &(DlTextRange) { at, end }, 1);
      at = end + g_rand_int_range (rand, 1, 30);
    }
  return ranges;
}

static void
test_diff (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GArray) had = random_ranges (rand);
      g_autoptr(GArray) want = round % 7 == 0 ? NULL : random_ranges (rand);
      g_autoptr(GArray) to_add = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
      g_autoptr(GArray) to_remove = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
      gboolean text[TEXT_LENGTH] = { FALSE }, wanted[TEXT_LENGTH] = { FALSE };
      gboolean adds[TEXT_LENGTH] = { FALSE }, removes[TEXT_LENGTH] = { FALSE };

      dl_text_ranges_diff (round % 11 == 0 ? NULL : had, want, to_add, to_remove);
      if (round % 11 != 0)
        fill_mask (had, text, FALSE);
      fill_mask (want, wanted, FALSE);
      fill_mask (to_add, adds, FALSE);
      fill_mask (to_remove, removes, FALSE);
      for (int c = 0; c < TEXT_LENGTH; c++)
        {
          /* only what changes is touched, and applying it gives what is wanted */
          g_assert_false (adds[c] && text[c]);
          g_assert_true (!removes[c] || text[c]);
          g_assert_cmpint ((text[c] || adds[c]) && !removes[c], ==, wanted[c]);
        }
    }
}

static void
test_ranges_in (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(GArray) ranges = random_ranges (rand);
      int start = g_rand_int_range (rand, -5, TEXT_LENGTH);
      int end = start + g_rand_int_range (rand, 0, 100);
      g_autoptr(GArray) in = dl_text_ranges_in (ranges, start, end);
      guint next = 0;

      for (guint i = 0; i < ranges->len; i++)
        {
          const DlTextRange *range = &g_array_index (ranges, DlTextRange, i);

          if (range->start >= end || range->end <= start)
            continue;
          g_assert_cmpuint (next, <, in->len);
          g_assert_cmpint (g_array_index (in, DlTextRange, next).start, ==, range->start);
          g_assert_cmpint (g_array_index (in, DlTextRange, next).end, ==, range->end);
          next++;
        }
      g_assert_cmpuint (next, ==, in->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tint-ranges/spans-in", test_spans_in);
  g_test_add_func ("/tint-ranges/collect", test_collect);
  g_test_add_func ("/tint-ranges/collect-overlap-hidden", test_collect_overlap_hidden);
  g_test_add_func ("/tint-ranges/diff", test_diff);
  g_test_add_func ("/tint-ranges/ranges-in", test_ranges_in);

  return g_test_run ();
}
