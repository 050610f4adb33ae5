/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "dl-text-search.h"

/* What the article marks for a search: character ranges, found as the filter finds. */

static char *
slice (const char *text,
       DlTextRange range)
{
  const char *from = g_utf8_offset_to_pointer (text, range.start);
  const char *to = g_utf8_offset_to_pointer (text, range.end);

  return g_strndup (from, to - from);
}

static void
assert_marks (const char         *text,
              const char         *query,
              const char * const *expected)
{
  g_autoptr(GArray) ranges = dl_text_find_words (text, query);

  g_assert_cmpuint (ranges->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < ranges->len; i++)
    {
      g_autofree char *marked = slice (text, g_array_index (ranges, DlTextRange, i));

      g_assert_cmpstr (marked, ==, expected[i]);
    }
}

static void
test_case_and_accents (void)
{
  /* accents and case folded both ways; offsets count characters, not bytes */
  assert_marks ("Ḥamāh, then HAMAH, then «hamah»", "hamah",
                (const char *[]) { "Ḥamāh", "HAMAH", "hamah", NULL });
  assert_marks ("Dúrcal and durcal", "DÚRCAL",
                (const char *[]) { "Dúrcal", "durcal", NULL });
  assert_marks ("دمشق ثم موسكو", "موسكو", (const char *[]) { "موسكو", NULL });
}

static void
test_words (void)
{
  /* each word on its own, in text order; overlapping and touching matches merged */
  assert_marks ("Assad left Damascus for Moscow.", "moscow assad",
                (const char *[]) { "Assad", "Moscow", NULL });
  assert_marks ("aaaa b", "aa", (const char *[]) { "aaaa", NULL });
  assert_marks ("Homsick in Homs", "hom oms", (const char *[]) { "Homs", "Homs", NULL });
}

static void
test_nothing (void)
{
  g_autoptr(GArray) none = dl_text_find_words ("Moscow", NULL);
  g_autoptr(GArray) blank = dl_text_find_words ("Moscow", "  \t ");
  g_autoptr(GArray) empty = dl_text_find_words ("", "moscow");
  g_autoptr(GArray) absent = dl_text_find_words ("Moscow", "kyiv");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (absent->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-search/case-and-accents", test_case_and_accents);
  g_test_add_func ("/text-search/words", test_words);
  g_test_add_func ("/text-search/nothing", test_nothing);
  return g_test_run ();
}
