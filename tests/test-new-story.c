/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-new-story"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "dl-draft.h"
#include "dl-place-detector.h"
#include "dl-story.h"

/* The seed article of the project: its places are known (issue 12). */
static char *
seed_article_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt", NULL);
}

/* Runs `dateline --new-story ARGS…` in @dir; FALSE when DATELINE_EXE is not set. */
static gboolean
run_new_story (const char  *dir,
               const char **args,
               char       **out,
               char       **err,
               int         *status)
{
  const char *exe = g_getenv ("DATELINE_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (exe == NULL)
    return FALSE;
  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--new-story");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  *status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
  return TRUE;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("new-story-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static DlStory *
load_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

/* A BOM, CRLF line ends and non-ASCII text: the story keeps the text with \n, the title
 * from the headline, the date given, and -o and standard output agree. */
static void
test_article (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autofree char *story_path = g_build_filename (dir, "story.geojson", NULL);
  g_autoptr(DlStory) story = NULL;
  const char *to_file[] = { "article.txt", "-o", "story.geojson", "--published", "2024-12-08",
                            NULL };
  const char *to_stdout[] = { "article.txt", "--published", "2024-12-08", NULL };
  int status;

  write_file (dir, "article.txt",
              "\xEF\xBB\xBF" "Crowds cheer in Ḥomṣ and Damascus\r\n"
              "\r\n"
              "Crowds gathered in Damascus on Sunday; later, in Ḥomṣ, too.\r\n", -1);

  if (!run_new_story (dir, to_file, &out, &err, &status))
    {
      g_test_skip ("DATELINE_EXE is not set: run through meson test");
      return;
    }
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (status, ==, 0);

  story = load_file (story_path);
  g_assert_cmpstr (dl_story_get_title (story), ==, "Crowds cheer in Ḥomṣ and Damascus");
  g_assert_cmpstr (dl_story_get_published (story), ==, "2024-12-08");
  g_assert_cmpstr (dl_story_get_language (story), ==, "en");
  g_assert_cmpstr (dl_story_get_text (story), ==,
                   "Crowds cheer in Ḥomṣ and Damascus\n\n"
                   "Crowds gathered in Damascus on Sunday; later, in Ḥomṣ, too.\n");

  /* every drafted place is a suggestion whose mentions are where the text says */
  for (guint i = 0; i < g_list_model_get_n_items (dl_story_get_places (story)); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (dl_story_get_places (story), i);

      g_assert_true (dl_place_get_suggested (place));
      g_assert_cmpuint (dl_place_get_n_mentions (place), >, 0);
    }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_new_story (dir, to_stdout, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_file_get_contents (story_path, &written, NULL, NULL);
  g_assert_cmpstr (out, ==, written);

  {
    g_autofree char *article_path = g_build_filename (dir, "article.txt", NULL);

    g_unlink (story_path);
    g_unlink (article_path);
    g_rmdir (dir);
  }
}

/* --title wins; without a headline the title is the file's name. */
static void
test_title (void)
{
  g_autofree char *dir = make_dir ();
  const char *given[] = { "report.txt", "--title", "My title", NULL };
  const char *plain[] = { "report.txt", NULL };
  int status;

  write_file (dir, "report.txt",
              "The minister said on Sunday that talks would resume in Cairo.\n"
              "A second paragraph follows.\n", -1);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(DlStory) story = NULL;
      g_autoptr(GError) error = NULL;

      if (!run_new_story (dir, i == 0 ? given : plain, &out, &err, &status))
        {
          g_test_skip ("DATELINE_EXE is not set: run through meson test");
          return;
        }
      g_assert_cmpint (status, ==, 0);
      bytes = g_bytes_new (out, strlen (out));
      story = dl_story_new_from_bytes (bytes, "stdout", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dl_story_get_title (story), ==, i == 0 ? "My title" : "report");
    }
}

typedef struct
{
  const char *name;
  const char *data;
  gssize      length;
  const char *message;  /* after "NAME: " */
} BadArticle;

/* One line naming the file and what is wrong, exit status 1, nothing written. */
static void
test_bad_input (void)
{
  const BadArticle cases[] = {
    { "binary.txt", "PK\x03\x04\0\0\x08", 7,
      "line 1, column 5: the file contains a NUL byte: it is not a text file" },
    { "latin1.txt", "Bogot\xE1, Colombia\n", -1,
      "line 1, column 6: the file is not UTF-8 text (byte 0xE1); save it as UTF-8 and try "
      "again" },
    { "empty.txt", "", 0, "the file is empty: an article needs some text" },
    { "blank.txt", " \r\n\t\n", -1, "the file is empty: an article needs some text" },
    { "missing.txt", NULL, 0, "no such file" },
  };
  g_autofree char *dir = make_dir ();
  g_autofree char *story_path = g_build_filename (dir, "story.geojson", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { cases[i].name, "-o", "story.geojson", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: %s\n", cases[i].name,
                                                   cases[i].message);
      int status;

      if (cases[i].data != NULL)
        write_file (dir, cases[i].name, cases[i].data, cases[i].length);
      if (!run_new_story (dir, args, &out, &err, &status))
        {
          g_test_skip ("DATELINE_EXE is not set: run through meson test");
          return;
        }
      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (err, ==, expected);
      g_assert_cmpstr (out, ==, "");
      g_assert_false (g_file_test (story_path, G_FILE_TEST_EXISTS));
    }

  {
    const char *args[] = { "blank.txt", "--published", "Sunday", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    run_new_story (dir, args, &out, &err, &status);
    g_assert_cmpint (status, ==, 1);
    g_assert_true (g_str_has_prefix (err, "dateline: --published: “Sunday” is not an ISO "
                                          "8601 time"));
  }
}

/* An existing story is not touched when the article is bad. */
static void
test_bad_input_keeps_output (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *story_path = g_build_filename (dir, "story.geojson", NULL);
  g_autofree char *contents = NULL;
  const char *args[] = { "bad.txt", "-o", "story.geojson", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  write_file (dir, "story.geojson", "old story", -1);
  write_file (dir, "bad.txt", "\xFF\xFE" "a\0b\0", 6);
  if (!run_new_story (dir, args, &out, &err, &status))
    {
      g_test_skip ("DATELINE_EXE is not set: run through meson test");
      return;
    }
  g_assert_cmpint (status, ==, 1);
  g_file_get_contents (story_path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old story");
}

/* The draft builder on its own, with places as the detector gives them: ids from names,
 * GeoNames ids, kinds, precisions and mentions kept, everything suggested. */
static void
test_draft (void)
{
  const char *text = "Ḥomṣ fell; Tripoli, then Tripoli’s port.\n";
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (
    (GDestroyNotify) dl_detected_place_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  DlDraft draft = { 0 };
  struct { const char *name; gint64 id; const char *kind; const char *precision;
           double lat, lon; int starts[2]; int ends[2]; } given[] = {
    { "Homs", 169577, "city", "city", 34.73, 36.72, { 0, -1 }, { 4, -1 } },
    { "Tripoli", 266826, "city", "city", 34.44, 35.85, { 11, 25 }, { 18, 32 } },
    { "Tripoli", 2210247, "capital", "bogus", 32.89, 13.19, { -1, -1 }, { -1, -1 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      DlDetectedPlace *place = g_new0 (DlDetectedPlace, 1);

      place->info.name = given[i].name;
      place->info.geonames_id = given[i].id;
      place->info.kind = given[i].kind;
      place->info.lat = given[i].lat;
      place->info.lon = given[i].lon;
      place->precision = given[i].precision;
      place->mentions = g_array_new (FALSE, TRUE, sizeof (DlMention));
      for (guint j = 0; j < 2 && given[i].starts[j] >= 0; j++)
        {
          DlMention m = { given[i].starts[j], given[i].ends[j], NULL, FALSE };

          m.exact = g_utf8_substring (text, m.start, m.end);
          g_array_append_val (place->mentions, m);
        }
      g_ptr_array_add (places, place);
    }

  draft.text = text;
  draft.title = "Draft";
  draft.places = places;
  bytes = dl_draft_to_bytes (&draft, &error);
  g_assert_no_error (error);
  story = dl_story_new_from_bytes (bytes, "draft", &error);
  g_assert_no_error (error);

  g_assert_nonnull (dl_story_lookup_place (story, "homs"));
  g_assert_nonnull (dl_story_lookup_place (story, "tripoli"));
  g_assert_nonnull (dl_story_lookup_place (story, "tripoli-2"));
  {
    DlPlace *tripoli = dl_story_lookup_place (story, "tripoli");
    DlPlace *libya = dl_story_lookup_place (story, "tripoli-2");
    int start, end;

    g_assert_cmpint (dl_place_get_geonames_id (tripoli), ==, 266826);
    g_assert_cmpstr (dl_place_get_kind (tripoli), ==, "city");
    g_assert_cmpstr (dl_place_get_precision (tripoli), ==, "city");
    g_assert_true (dl_place_get_suggested (tripoli));
    g_assert_cmpuint (dl_place_get_n_mentions (tripoli), ==, 2);
    g_assert_cmpstr (dl_place_get_mention (tripoli, 1, &start, &end), ==, "Tripoli");
    g_assert_cmpint (start, ==, 25);
    g_assert_cmpint (end, ==, 32);
    g_assert_cmpfloat_with_epsilon (dl_place_get_anchor (tripoli).lat, 34.44, 1e-9);
    g_assert_cmpfloat_with_epsilon (dl_place_get_anchor (tripoli).lon, 35.85, 1e-9);
    /* a precision outside the story format's words is left out, not written */
    g_assert_null (dl_place_get_precision (libya));
    g_assert_cmpuint (dl_place_get_n_mentions (libya), ==, 0);
  }
}

static void
test_guess_title (void)
{
  g_autofree char *a = dl_draft_guess_title ("\n  Assad arrives in Moscow  \nText.");
  g_autofree char *b = dl_draft_guess_title ("Assad arrived in Moscow on Sunday.\nText.");
  g_autofree char *c = dl_draft_guess_title ("Only one line, no headline");
  g_autofree char *d = dl_draft_guess_title ("Is this the end?\nText.");

  g_assert_cmpstr (a, ==, "Assad arrives in Moscow");
  g_assert_null (b);
  g_assert_null (c);
  g_assert_cmpstr (d, ==, "Is this the end?");
}

/* The seed article: the places the issue names are found and placed in the right country
 * (Manchester in England, Tripoli in Lebanon), and the draft passes `dateline --check`. */
static void
test_seed_article (void)
{
  static const struct { const char *name; double lat, lon; } expected[] = {
    { "Damascus", 33.51, 36.29 }, { "Homs", 34.73, 36.72 }, { "Moscow", 55.75, 37.62 },
    { "Golan Heights", 33.0, 35.75 }, { "Madrid", 40.42, -3.70 },
    { "Manchester", 53.48, -2.24 }, { "Tripoli", 34.44, 35.85 },
  };
  g_autofree char *path = seed_article_path ();
  g_autofree char *dir = g_dir_make_tmp ("seed-XXXXXX", NULL);
  g_autofree char *story_path = g_build_filename (dir, "seed.geojson", NULL);
  const char *args[] = { path, "-o", story_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(DlStory) story = NULL;
  int status;

  if (!run_new_story (dir, args, &out, &err, &status))
    {
      g_test_skip ("DATELINE_EXE is not set: run through meson test");
      return;
    }
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  story = load_file (story_path);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GListModel *places = dl_story_get_places (story);
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (places); j++)
        {
          g_autoptr(DlPlace) place = g_list_model_get_item (places, j);
          DlLonLat at = dl_place_get_anchor (place);

          if (!g_str_equal (dl_place_get_name (place), expected[i].name))
            continue;
          found = TRUE;
          /* within about 100 km */
          g_assert_cmpfloat (fabs (at.lat - expected[i].lat), <, 1.0);
          g_assert_cmpfloat (fabs (at.lon - expected[i].lon), <, 1.0);
          g_assert_true (dl_place_get_suggested (place));
          g_assert_cmpuint (dl_place_get_n_mentions (place), >, 0);
        }
      if (!found)
        g_error ("the seed article's %s was not found", expected[i].name);
    }

  /* and `dateline --check` accepts the draft */
  {
    const char *exe = g_getenv ("DATELINE_EXE");
    const char *argv[] = { exe, "--check", story_path, NULL };
    g_autofree char *check_out = NULL;
    g_autoptr(GError) error = NULL;
    int wait_status;

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &check_out, NULL, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    g_assert_true (strstr (check_out, ": OK (") != NULL);
  }

  g_unlink (story_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/new-story/article", test_article);
  g_test_add_func ("/new-story/title", test_title);
  g_test_add_func ("/new-story/bad-input", test_bad_input);
  g_test_add_func ("/new-story/bad-input-keeps-output", test_bad_input_keeps_output);
  g_test_add_func ("/new-story/draft", test_draft);
  g_test_add_func ("/new-story/guess-title", test_guess_title);
  g_test_add_func ("/new-story/seed-article", test_seed_article);

  return g_test_run ();
}
