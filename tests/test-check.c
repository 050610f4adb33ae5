/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The malformed-input corpus in tests/data/bad/: each file must be refused with the
 * message and the line:column listed in expected.txt; `dateline --check` is run on a few. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-check"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "dl-story.h"

typedef struct
{
  char *name;
  char *position;  /* "LINE:COL" */
  char *fragment;
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->name);
  g_free (e->position);
  g_free (e->fragment);
  g_free (e);
}

static char *
bad_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
}

static GPtrArray *
read_expected (void)
{
  g_autofree char *path = bad_path ("expected.txt");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) expected_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Expected *e;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      e = g_new0 (Expected, 1);
      e->name = g_strdup (fields[0]);
      e->position = g_strdup (fields[1]);
      e->fragment = g_strdup (fields[2]);
      g_ptr_array_add (entries, e);
    }
  return entries;
}

static GBytes *
read_bad (const char *name)
{
  g_autofree char *path = bad_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* In an Arabic interface a message's location reads first: isolated, in a right-to-left
 * paragraph; a message without one, or a left-to-right interface, is left as it is. */
static void
test_message_rtl (void)
{
  const struct { const char *message; const char *rtl; } cases[] = {
    { "story.geojson:24:26: “approximate” must be true or false, not a string",
      "\u200F\u2068story.geojson:24:26\u2069: “approximate” must be true or false, not a "
      "string" },
    { "Assad in Moscow.txt:1:1: النص ليس UTF-8",
      "\u200F\u2068Assad in Moscow.txt:1:1\u2069: النص ليس UTF-8" },
    { "a:b.geojson:3: x", "\u200F\u2068a:b.geojson:3\u2069: x" },
    { "photo.txt: the text is empty", "\u200F\u2068photo.txt\u2069: the text is empty" },
    { "Pasted text: there is no text", "Pasted text: there is no text" },
    { "The publication date “12:30: x” is not a date",
      "The publication date “12:30: x” is not a date" },
    { "no location at all", "no location at all" },
    { ": 12: x", ": 12: x" },
    /* found by fuzz-story: a location with its own bidi controls is left alone */
    { "\u2069fuzz.geojson:12:16: not valid JSON", "\u2069fuzz.geojson:12:16: not valid JSON" },
    { "a\u202Eb.txt: x", "a\u202Eb.txt: x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rtl = dl_story_error_for_direction (cases[i].message, TRUE);
      g_autofree char *ltr = dl_story_error_for_direction (cases[i].message, FALSE);

      g_assert_cmpstr (rtl, ==, cases[i].rtl);
      g_assert_cmpstr (ltr, ==, cases[i].message);
    }
}

static void
test_check_corpus (void)
{
  g_autoptr(GPtrArray) entries = read_expected ();

  g_assert_cmpuint (entries->len, >=, 30);

  for (guint i = 0; i < entries->len; i++)
    {
      Expected *e = g_ptr_array_index (entries, i);
      g_autoptr(GBytes) bytes = read_bad (e->name);
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *start = g_strdup_printf ("%s:%s: ", e->name, e->position);

      story = dl_story_new_from_bytes (bytes, e->name, &error);
      g_test_message ("%s", error != NULL ? error->message : "(loaded)");
      g_assert_null (story);
      g_assert_nonnull (error);
      g_assert_true (error->domain == DL_STORY_ERROR);
      /* one line, starting with NAME:LINE:COL:, saying what is wrong */
      g_assert_null (strchr (error->message, '\n'));
      if (!g_str_has_prefix (error->message, start))
        g_error ("%s: expected the message to start with “%s”", error->message, start);
      if (strstr (error->message, e->fragment) == NULL)
        g_error ("%s: expected the message to contain “%s”", error->message, e->fragment);

      /* --check's first line is the same problem */
      problems = dl_story_check_bytes (bytes, e->name);
      g_assert_cmpuint (problems->len, >=, 1);
      g_assert_true (g_str_has_prefix (error->message, g_ptr_array_index (problems, 0)));
    }
}

/* Every file in bad/ is refused, also one added without an entry in expected.txt, and
 * every entry has its file. */
static void
test_check_corpus_complete (void)
{
  g_autoptr(GPtrArray) entries = read_expected ();
  g_autofree char *dir_path = bad_path (NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  for (guint i = 0; i < entries->len; i++)
    {
      Expected *e = g_ptr_array_index (entries, i);
      g_autofree char *path = bad_path (e->name);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_hash_table_add (listed, e->name));
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = NULL;

      if (!g_str_has_suffix (name, ".geojson"))
        continue;
      n_files++;
      bytes = read_bad (name);
      story = dl_story_new_from_bytes (bytes, name, &error);
      if (story != NULL)
        g_error ("%s loads, but it is in the corpus of bad files", name);
      g_assert_true (g_str_has_prefix (error->message, name));
    }
  g_assert_cmpuint (n_files, >=, entries->len);
}

static GBytes *
nested (const char *open,
        const char *close,
        guint       levels)
{
  g_autoptr(GString) s = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [],\n"
                                       " \"x-deep\": ");

  for (guint i = 0; i < levels; i++)
    g_string_append (s, open);
  for (guint i = 0; i < levels; i++)
    g_string_append (s, close);
  g_string_append (s, "}\n");
  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static void
test_check_deep_nesting (void)
{
  g_autoptr(GBytes) deep = nested ("[", "]", 100000);
  g_autoptr(GBytes) deep_objects = nested ("{\"a\":", "}", 100000);
  g_autoptr(GBytes) fine = nested ("[", "]", 500);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GBytes) saved = NULL;

  /* the root object is level 1, so the 512th "[" opens level 513, at column 12 + 511 */
  story = dl_story_new_from_bytes (deep, "deep.geojson", &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "deep.geojson:2:523: nested deeper than 512 levels");
  g_clear_error (&error);

  story = dl_story_new_from_bytes (deep_objects, "deep.geojson", &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "nested deeper than 512 levels"));
  g_clear_error (&error);

  /* 500 levels in an unknown member load, and are written back */
  story = dl_story_new_from_bytes (fine, "fine.geojson", &error);
  g_assert_no_error (error);
  saved = dl_story_to_bytes (story);
  g_clear_object (&story);
  story = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);
}

/* Runs `dateline --check ARGS…` in tests/data/; NULL when the app was not built. */
static gboolean
run_check (const char * const *args,
           char              **out,
           char              **err,
           int                *status)
{
  const char *exe = g_getenv ("DATELINE_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (exe == NULL)
    return FALSE;

  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--check");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (data_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  *status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
  return TRUE;
}

static void
test_check_cli (void)
{
  const char *valid[] = { "story.geojson", NULL };
  const char *bad[] = { "bad/passage-ambiguous.geojson", "bad/open-ring.geojson",
                        "bad/nul-byte.geojson", NULL };
  const char *mixed[] = { "story.geojson", "bad/unknown-actor.geojson", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = -1;

  if (!run_check (valid, &out, &err, &status))
    {
      g_test_skip ("DATELINE_EXE is not set: run through meson test");
      return;
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "story.geojson: OK (6 places, 6 events, 4 actors, 6 passages)\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_check (bad, &out, &err, &status);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "bad/passage-ambiguous.geojson:36:22: the event "
                                             "“homs” quotes the passage “Homs”, which occurs "
                                             "2 times"));
  g_assert_true (g_str_has_prefix (lines[1], "bad/open-ring.geojson:62:13: the polygon ring "
                                             "is not closed"));
  g_assert_cmpstr (lines[2], ==, "bad/nul-byte.geojson:4:17: the file contains a NUL byte: "
                                 "it is not a text file");
  g_assert_cmpstr (lines[3], ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_check (mixed, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "story.geojson: OK (6 places, 6 events, 4 actors, 6 passages)\n");
  g_assert_true (g_str_has_prefix (err, "bad/unknown-actor.geojson:34:22: the event “homs” "
                                        "names an unknown actor “russia”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *missing[] = { "no-such-file.geojson", NULL };

    run_check (missing, &out, &err, &status);
    g_assert_cmpint (status, ==, 1);
    g_assert_true (g_str_has_prefix (err, "no-such-file.geojson: "));
  }
}

/* The example of docs/story-format.md is a valid story. */
static void
test_check_documented_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs",
                                                 "story-format.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *start, *end;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  /* the first ```json block that is a whole FeatureCollection */
  start = strstr (doc, "```json\n{\n  \"type\": \"FeatureCollection\"");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  bytes = g_bytes_new (start, end - start);
  story = dl_story_new_from_bytes (bytes, "story-format.md", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), >=, 2);
  g_assert_cmpuint (dl_story_get_n_passages (story), >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check/message-rtl", test_message_rtl);
  g_test_add_func ("/check/corpus", test_check_corpus);
  g_test_add_func ("/check/corpus-complete", test_check_corpus_complete);
  g_test_add_func ("/check/deep-nesting", test_check_deep_nesting);
  g_test_add_func ("/check/cli", test_check_cli);
  g_test_add_func ("/check/documented-example", test_check_documented_example);

  return g_test_run ();
}
