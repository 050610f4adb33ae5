/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text of a new story from a pasted article or a .txt/.md file: what the reader sees
 * of it (one paragraph a line, a Markdown title taken as the title), and one message
 * naming where the input is bad (too large, not UTF-8, NUL bytes, nothing) otherwise. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-article-text"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dl-article-text.h"

static char *
text_of (const char  *data,
         char       **title)
{
  g_autoptr(GError) error = NULL;
  char *text = dl_article_text_from_bytes (data, strlen (data), "a.txt", title, &error);

  g_assert_no_error (error);
  return text;
}

static void
test_paragraphs (void)
{
  g_autofree char *wrapped = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *bom = NULL;

  /* Hard-wrapped paragraphs separated by blank lines: one line each. */
  wrapped = text_of ("  First line\nof the first.\n\n\nSecond\r\nparagraph.  \n\n", NULL);
  g_assert_cmpstr (wrapped, ==, "First line of the first.\nSecond paragraph.");
  /* No blank lines: every line is a paragraph. */
  lines = text_of ("One.\nTwo.\nThree.", NULL);
  g_assert_cmpstr (lines, ==, "One.\nTwo.\nThree.");
  g_free (lines);
  /* blank lines only at the ends separate nothing */
  lines = text_of ("\n\nOne.\nTwo.\n\n", NULL);
  g_assert_cmpstr (lines, ==, "One.\nTwo.");
  crlf = text_of ("One.\r\nTwo.\rThree.", NULL);
  g_assert_cmpstr (crlf, ==, "One.\nTwo.\nThree.");
  g_free (crlf);
  /* tabs are spaces, stray control characters go */
  crlf = text_of ("Homs\tfell\x1f\x7f.\fNext.\x01", NULL);
  g_assert_cmpstr (crlf, ==, "Homs fell. Next.");
  bom = text_of ("\xef\xbb\xbf" "Москва, 8 декабря.", NULL);
  g_assert_cmpstr (bom, ==, "Москва, 8 декабря.");
}

static void
test_markdown_title (void)
{
  g_autofree char *title = NULL;
  g_autofree char *text = text_of ("# Assad arrives in Moscow\n\nMoscow granted asylum.", &title);
  g_autofree char *plain_title = NULL;
  g_autofree char *plain = text_of ("#hashtag is not a heading\n\nText.", &plain_title);

  g_assert_cmpstr (title, ==, "Assad arrives in Moscow");
  g_assert_cmpstr (text, ==, "Moscow granted asylum.");
  g_assert_null (plain_title);
  g_assert_cmpstr (plain, ==, "#hashtag is not a heading\nText.");
}

static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  char *title = (char *) "untouched";
  g_autofree char *text = dl_article_text_from_bytes (data, length, "story.txt", &title,
                                                      &error);

  g_assert_null (text);
  g_assert_null (title);
  g_assert_error (error, DL_STORY_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bad_input (void)
{
  gsize big = 50 * 1024 * 1024;
  g_autofree char *huge = g_malloc (big);

  memset (huge, 'a', big);
  assert_refused (huge, big, DL_STORY_ERROR_TOO_LARGE,
                  "story.txt: the text is 50.0 MB; an article can be at most 4 MB");
  /* the column counts characters: "Дамаск " is 7 */
  assert_refused ("First.\nДамаск \xff bad", strlen ("First.\nДамаск \xff bad"),
                  DL_STORY_ERROR_PARSE,
                  "story.txt:2:8: the text is not UTF-8: save it as UTF-8 and try again");
  assert_refused ("ab\ncd\0ef", 8, DL_STORY_ERROR_PARSE,
                  "story.txt:2:3: the text holds a NUL byte: is it a binary file, not "
                  "plain text?");
  assert_refused (" \n\t\n", 4, DL_STORY_ERROR_INVALID,
                  "story.txt: there is no text: paste or open the article itself");
  assert_refused ("", 0, DL_STORY_ERROR_INVALID,
                  "story.txt: there is no text: paste or open the article itself");
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dateline-article-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "moscow.md", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big_file = g_file_new_for_path (big_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/article.txt");
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *big = g_malloc0 (5 * 1024 * 1024);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "# Title\n\nBody of the article.\n", -1, NULL));
  text = dl_article_text_from_file (file, &title, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Title");
  g_assert_cmpstr (text, ==, "Body of the article.");

  memset (big, 'x', 5 * 1024 * 1024);
  g_assert_true (g_file_set_contents (big_path, big, 5 * 1024 * 1024, NULL));
  g_assert_null (dl_article_text_from_file (big_file, NULL, NULL, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "big.txt: the text is 5.0 MB; an article can be at most 4 MB");
  g_clear_error (&error);

  g_assert_null (dl_article_text_from_file (missing, NULL, NULL, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "article.txt: "));
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (big_path);
  g_rmdir (dir);
}

static void
test_new_story (void)
{
  g_autoptr(GError) error = NULL;
  DlArticleInfo info = { .title = "A “quoted” <b>title</b>", .published = "2024-12-08",
                         .language = "ar" };
  const char *text = "دمشق\nSecond paragraph with \"quotes\" and \\ backslash.";
  g_autoptr(DlStory) story = dl_article_new_story (text, &info, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(DlStory) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_text (story), ==, text);
  g_assert_cmpstr (dl_story_get_title (story), ==, info.title);
  g_assert_cmpstr (dl_story_get_published (story), ==, "2024-12-08");
  g_assert_cmpstr (dl_story_get_language (story), ==, "ar");
  g_assert_null (dl_story_get_publisher (story));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), ==, 0);
  /* drafted as `--new-story` does: the place detector finds Damascus, a suggestion */
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 1);
  {
    g_autoptr(DlPlace) place = g_list_model_get_item (dl_story_get_places (story), 0);

    g_assert_cmpstr (dl_place_get_name (place), ==, "Damascus");
    g_assert_true (dl_place_get_suggested (place));
  }

  /* it saves as a story that loads back the same */
  saved = dl_story_to_bytes (story);
  again = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_text (again), ==, text);
  g_assert_cmpstr (dl_story_get_title (again), ==, info.title);
}

/* Found by fuzz-article: a control character in the text made a story file that did not
 * load back. */
static void
test_control_characters (void)
{
  const char *pasted = "Rebels\x1f entered Homs\x0b on Saturday.\x1b[0m";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dl_article_text_from_bytes (pasted, strlen (pasted), "a.txt", NULL,
                                                      &error);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlStory) again = NULL;
  g_autoptr(GBytes) saved = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Rebels entered Homs  on Saturday.[0m");
  story = dl_article_new_story (text, NULL, &error);
  g_assert_no_error (error);
  saved = dl_story_to_bytes (story);
  again = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_text (again), ==, text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-text/paragraphs", test_paragraphs);
  g_test_add_func ("/article-text/markdown-title", test_markdown_title);
  g_test_add_func ("/article-text/bad-input", test_bad_input);
  g_test_add_func ("/article-text/file", test_file);
  g_test_add_func ("/article-text/new-story", test_new_story);
  g_test_add_func ("/article-text/control-characters", test_control_characters);

  return g_test_run ();
}
