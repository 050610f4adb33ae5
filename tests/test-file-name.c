/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "dl-file-name.h"

static void
check (const char *title,
       gsize       max,
       const char *expected)
{
  g_autofree char *name = dl_file_name_from_title (title, max);

  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpuint (strlen (name), <=, max);
  g_assert_true (g_utf8_validate (name, -1, NULL));
}

/* The export's file name ends at a word, never in the middle of one. */
static void
test_cut_at_word (void)
{
  check ("Assad granted asylum in Moscow as Syrians celebrate the fall of his regime", 48,
         "assad-granted-asylum-in-moscow-as-syrians");
  check ("Assad granted asylum", 48, "assad-granted-asylum");
  /* A word that ends exactly at the limit stays whole. */
  check ("abc def", 7, "abc-def");
  check ("abc defg", 7, "abc");
  check ("Syria’s week: “what next?”", 48, "syria-s-week-what-next");
  check ("", 48, "");
  check (NULL, 48, "");
  check ("!!!", 48, "");
  /* Other scripts keep their letters; a first word too long is cut at a character. */
  check ("سوريا بعد الأسد", 48, "سوريا-بعد-الأسد");
  check ("Привет", 5, "пр");
  check ("Supercalifragilistic", 5, "super");
}

/* Coordinates as other programs read them, with a dot in every locale. */
static void
test_location (void)
{
  g_autofree char *a = dl_format_location (33.5102, 36.29128);
  g_autofree char *b = dl_format_location (-33.9, -70.0000049);

  g_assert_cmpstr (a, ==, "33.51020, 36.29128");
  g_assert_cmpstr (b, ==, "-33.90000, -70.00000");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/file-name/cut-at-word", test_cut_at_word);
  g_test_add_func ("/file-name/location", test_location);

  return g_test_run ();
}
