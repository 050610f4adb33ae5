/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The suffix-array index that resolves passages: it must give exactly what a plain
 * search of the text gives (the way passages were found before it), and the loader must
 * resolve any number of passages with it. */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "dl-event.h"
#include "dl-story.h"
#include "dl-text-index.h"

/* The plain search: every occurrence of @exact, kept when @prefix ends right before it
 * and @suffix starts right after it. */
static gsize
plain_count_quote (const char *text,
                   const char *prefix,
                   const char *exact,
                   const char *suffix,
                   gsize      *first)
{
  gsize prefix_length = prefix != NULL ? strlen (prefix) : 0;
  gsize n = 0;

  for (const char *p = strstr (text, exact); p != NULL; p = strstr (p + 1, exact))
    {
      gsize at = p - text;

      if (prefix != NULL && (at < prefix_length
                             || memcmp (p - prefix_length, prefix, prefix_length) != 0))
        continue;
      if (suffix != NULL && !g_str_has_prefix (p + strlen (exact), suffix))
        continue;
      if (n++ == 0 && first != NULL)
        *first = at;
    }
  return n;
}

static void
assert_same (DlTextIndex *index,
             const char  *text,
             const char  *prefix,
             const char  *exact,
             const char  *suffix)
{
  gsize want_first = G_MAXSIZE, got_first = G_MAXSIZE;
  gsize want = plain_count_quote (text, prefix, exact, suffix, &want_first);
  gsize got = dl_text_index_count_quote (index, prefix, exact, suffix, &got_first);

  g_assert_cmpuint (got, ==, want);
  if (want > 0)
    g_assert_cmpuint (got_first, ==, want_first);
  g_assert_cmpuint (dl_text_index_count (index, exact, strlen (exact), NULL), ==,
                    plain_count_quote (text, NULL, exact, NULL, NULL));
}

static void
test_cases (void)
{
  const char *text = "Crowds celebrated in Damascus, and crowds celebrated in Ḥamāh too. "
                     "“Russia granted them asylum,” the official added. Москва.";
  g_autoptr(DlTextIndex) index = dl_text_index_new (text, -1);
  gsize first = 0;

  /* Not found. */
  g_assert_cmpuint (dl_text_index_count_quote (index, NULL, "Beirut", NULL, NULL), ==, 0);
  assert_same (index, text, NULL, "Beirut", NULL);
  /* Ambiguous, and told apart by a prefix or a suffix. */
  g_assert_cmpuint (dl_text_index_count_quote (index, NULL, "celebrated in", NULL, NULL),
                    ==, 2);
  g_assert_cmpuint (dl_text_index_count_quote (index, "crowds ", "celebrated in", NULL,
                                               &first), ==, 1);
  g_assert_cmpuint (first, ==, strstr (text, "crowds celebrated") - text + strlen ("crowds "));
  g_assert_cmpuint (dl_text_index_count_quote (index, NULL, "celebrated in", " Ḥamāh",
                                               &first), ==, 1);
  g_assert_cmpuint (first, ==, strstr (text, "celebrated in Ḥ") - text);
  /* Found, but not with this prefix. */
  g_assert_cmpuint (dl_text_index_count_quote (index, "Syria ", "celebrated", NULL, NULL),
                    ==, 0);
  /* Case matters, as it did. */
  g_assert_cmpuint (dl_text_index_count_quote (index, NULL, "crowds", NULL, NULL), ==, 1);
  /* Curly quotes are bytes like any others: a straight quote does not match them. */
  g_assert_cmpuint (dl_text_index_count_quote (index, "“", "Russia", NULL, NULL), ==, 1);
  g_assert_cmpuint (dl_text_index_count_quote (index, "\"", "Russia", NULL, NULL), ==, 0);
  /* Non-ASCII quotes and a prefix at the very start, a suffix at the very end. */
  assert_same (index, text, NULL, "Ḥamāh", " too");
  assert_same (index, text, "Crowds ", "celebrated", NULL);
  assert_same (index, text, NULL, "Москва", ".");
  assert_same (index, text, NULL, "Москва.", "more");
  assert_same (index, text, "x", "Crowds", NULL);
}

/* Texts of few letters have many repeats: the hard case for a suffix sort. */
static void
test_random (void)
{
  GRand *rand = g_rand_new_with_seed (17);

  for (guint round = 0; round < 200; round++)
    {
      const char *alphabet = round % 2 ? "ab" : "abcé ";
      gsize n_letters = strlen (alphabet);
      guint length = g_rand_int_range (rand, 1, 400);
      GString *text = g_string_new (NULL);
      g_autoptr(DlTextIndex) index = NULL;

      for (guint i = 0; i < length; i++)
        g_string_append_c (text, alphabet[g_rand_int_range (rand, 0, n_letters)]);
      index = dl_text_index_new (text->str, text->len);
      for (guint q = 0; q < 40; q++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);
          guint len = g_rand_int_range (rand, 1, 8);
          g_autofree char *exact = g_strndup (text->str + at, len);
          g_autofree char *prefix = g_strndup (alphabet, g_rand_int_range (rand, 0, 3));
          g_autofree char *suffix = g_strndup (alphabet + 1, g_rand_int_range (rand, 0, 3));

          assert_same (index, text->str, *prefix ? prefix : NULL, exact,
                       *suffix ? suffix : NULL);
          /* Something not in it, too. */
          assert_same (index, text->str, NULL, "abababababababababab", NULL);
        }
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

static void
test_one_letter (void)
{
  g_autofree char *text = g_strnfill (100000, 'a');
  g_autoptr(DlTextIndex) index = dl_text_index_new (text, -1);
  gsize first = 0;

  g_assert_cmpuint (dl_text_index_count (index, "aaa", 3, NULL), ==, 100000 - 2);
  g_assert_cmpuint (dl_text_index_count_quote (index, NULL, text + 1, NULL, &first), ==, 2);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (dl_text_index_count_quote (index, "a", text + 1, NULL, &first), ==, 1);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (dl_text_index_count (index, "b", 1, NULL), ==, 0);
}

/* Many more passages than the old bound allowed (text × passages) all resolve, each at
 * its character range, and those that are not unique are still reported. */
static void
test_story_many_passages (void)
{
  GString *text = g_string_new (NULL);
  GString *json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlStory) story = NULL;
  guint n = 5000;

  /* Unique sentences with non-ASCII letters, about 1.2 MB. */
  for (guint i = 0; text->len < 1200000; i++)
    g_string_append_printf (text, "Ḥamāh report number %u said “%u”. ", i, i * 7);
  g_string_append (json, "{\"type\": \"FeatureCollection\", \"dateline\": {\"version\": 1,"
                         " \"article\": {\"text\": \"");
  g_string_append (json, text->str);
  g_string_append (json, "\"}, \"events\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"e%u\", \"title\": \"E\", \"passages\":"
                            " [{\"exact\": \"report number %u said\"}]}",
                            i ? ", " : "", i, i * 3);
  g_string_append (json, "]}, \"features\": []}");

  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "many.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dl_story_get_n_passages (story), ==, n);
  for (guint i = 0; i < n; i += 499)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (dl_story_get_events (story), i);
      const DlPassage *passage = dl_event_get_passage (event, 0);
      g_autofree char *shown = g_utf8_substring (dl_story_get_text (story), passage->start,
                                                 passage->end);
      g_autofree char *want = g_strdup_printf ("report number %u said", i * 3);

      g_assert_cmpstr (shown, ==, want);
    }

  /* "number 1 " would match "number 1 said" only; "number 1" also matches 10, 11, … */
  g_string_truncate (json, 0);
  g_string_append (json, "{\"type\": \"FeatureCollection\", \"dateline\": {\"version\": 1,"
                         " \"article\": {\"text\": \"");
  g_string_append (json, text->str);
  g_string_append (json, "\"}, \"events\": [{\"id\": \"e\", \"title\": \"E\", \"passages\":"
                         " [{\"exact\": \"report number 1\"}]}]}, \"features\": []}");
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&story);
  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "many.geojson", &error);
  g_assert_null (story);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "occurs"));
  g_assert_nonnull (strstr (error->message, "add a prefix or suffix"));

  g_string_free (text, TRUE);
  g_string_free (json, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text-index/cases", test_cases);
  g_test_add_func ("/text-index/random", test_random);
  g_test_add_func ("/text-index/one-letter", test_one_letter);
  g_test_add_func ("/text-index/story-many-passages", test_story_many_passages);
  return g_test_run ();
}
