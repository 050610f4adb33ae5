/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A document: the unsaved-changes flag a window title and the close dialog show, saving
 * (and a save that fails, which keeps the old file and the edits), loading with progress,
 * and the recovery file that is written while there are unsaved changes, found after a
 * crash, and removed on save or discard. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-document"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dl-article-text.h"
#include "dl-document.h"
#include "dl-test-util.h"

#define STORY \
  "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1," \
  "\"article\":{\"title\":\"Homs taken\",\"text\":\"Troops entered Homs on Saturday.\"}," \
  "\"events\":[{\"id\":\"homs\",\"title\":\"Homs taken\",\"when\":\"2024-12-07\"," \
  "\"places\":[\"homs\"]}]},\"features\":[{\"type\":\"Feature\",\"id\":\"homs\"," \
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.72,34.73]}," \
  "\"properties\":{\"name\":\"Homs\"}}]}\n"

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dateline-document-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "story.geojson", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  g_file_set_contents (fixture->path, STORY, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_chmod (fixture->dir, 0755);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->file);
}

static DlDocument *
open_document (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_file (fixture->file, NULL, &error);

  g_assert_no_error (error);
  return dl_document_new (story, fixture->file);
}

static char *
file_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
rename_event (DlDocument *document,
              const char *title)
{
  DlStory *story = dl_document_get_story (document);

  dl_document_push (document,
                    dl_operation_new_set_event_title (dl_story_lookup_event (story, "homs"),
                                                      title));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static guint
count_recoverable (void)
{
  g_autoptr(GPtrArray) list = dl_document_list_recoverable ();

  return list->len;
}

static void
test_modified (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DlDocument) document = open_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  guint notified = 0;

  g_signal_connect (document, "notify::modified", G_CALLBACK (count_cb), &notified);
  g_assert_false (dl_document_get_modified (document));
  g_assert_cmpstr (dl_document_get_title (document), ==, "story.geojson");

  rename_event (document, "Homs falls");
  g_assert_true (dl_document_get_modified (document));
  g_assert_cmpuint (notified, ==, 1);
  /* the file is untouched until saved */
  saved = file_text (fixture->path);
  g_assert_cmpstr (saved, ==, STORY);
  g_clear_pointer (&saved, g_free);

  g_assert_true (dl_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (dl_document_get_modified (document));
  g_assert_cmpuint (notified, ==, 2);
  saved = file_text (fixture->path);
  g_assert_nonnull (strstr (saved, "\"title\": \"Homs falls\""));

  /* undo past the saved point is an unsaved change again */
  g_assert_true (dl_history_undo (dl_document_get_history (document)));
  g_assert_true (dl_document_get_modified (document));
  g_assert_true (dl_history_redo (dl_document_get_history (document)));
  g_assert_false (dl_document_get_modified (document));
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_true (dl_document_save_finish (DL_DOCUMENT (source), result, error));
}

/* Save As from a new story: the document takes the new file and its name. */
static void
test_save_async_new_story (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDocument) document = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "new.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DlStory) again = NULL;
  DlStory *story;

  {
    /* New Story's draft of an article */
    g_autoptr(DlStory) drafted = dl_article_new_story ("Troops entered Homs.", NULL, &error);

    g_assert_no_error (error);
    document = dl_document_new (drafted, NULL);
  }
  g_assert_null (dl_document_get_file (document));
  g_assert_cmpstr (dl_document_get_title (document), ==, "New Story");
  story = dl_document_get_story (document);
  dl_document_push (document, dl_operation_new_set_story_title (story, "Homs"));
  g_assert_true (dl_document_get_modified (document));

  dl_document_save_async (document, file, NULL, save_done_cb, &error);
  while (dl_document_get_modified (document) && error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (dl_document_get_file (document), file));
  g_assert_cmpstr (dl_document_get_title (document), ==, "new.geojson");

  again = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_title (again), ==, "Homs");
  g_assert_cmpstr (dl_story_get_text (again), ==, "Troops entered Homs.");
}

/* A save into a folder the user cannot write: the message names the file, the old file
 * stays byte for byte, and the edit is still there, unsaved. */
static void
test_save_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("DL_TEST_DOCUMENT_PATH"));
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = NULL;
      g_autoptr(DlDocument) document = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new_static (STORY, strlen (STORY));

      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      story = dl_story_new_from_bytes (bytes, "story.geojson", &error);
      g_assert_no_error (error);
      document = dl_document_new (story, file);
      rename_event (document, "Homs falls");
      g_assert_false (dl_document_save (document, NULL, NULL, &error));
      g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "story.geojson"));
      g_assert_true (dl_document_get_modified (document));
      g_assert_cmpstr (dl_event_get_title (dl_story_lookup_event (story, "homs")), ==,
                       "Homs falls");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  g_setenv ("DL_TEST_DOCUMENT_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_chmod (fixture->dir, 0755);
  {
    g_autofree char *text = file_text (fixture->path);

    g_assert_cmpstr (text, ==, STORY);
  }
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

typedef struct
{
  gboolean    done;
  DlDocument *document;
  GError     *error;
} Loaded;

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->document = dl_document_load_finish (result, &loaded->error);
  loaded->done = TRUE;
}

static DlDocument *
load (GFile   *file,
      GArray  *fractions,
      GError **error)
{
  Loaded loaded = { 0 };

  dl_document_load_async (file, progress_cb, g_array_ref (fractions),
                          (GDestroyNotify) g_array_unref, NULL, load_done_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  if (loaded.error != NULL)
    g_propagate_error (error, loaded.error);
  return loaded.document;
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDocument) document = NULL;
  g_autoptr(DlDocument) broken = NULL;
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.geojson", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

  document = load (fixture->file, fractions, &error);
  g_assert_no_error (error);
  g_assert_false (dl_document_get_modified (document));
  g_assert_true (g_file_equal (dl_document_get_file (document), fixture->file));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (dl_document_get_story (document))),
                    ==, 1);
  /* the reading of the file, then of its features and events, to the end, never back */
  g_assert_cmpuint (fractions->len, >=, 3);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, 0), >=, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  g_file_set_contents (bad_path, "{\"type\": \"FeatureCollection\",\n \"features\": 3}", -1,
                       &error);
  g_assert_no_error (error);
  broken = load (bad, fractions, &error);
  g_assert_null (broken);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "bad.geojson:2:"));
}

/* Unsaved changes are kept in the user state folder, found after a crash, restored as an
 * unsaved story of the same file, and removed once it is saved; discard removes them. */
static void
test_recovery (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GFile) recovery_file = NULL;
  g_autoptr(DlDocument) restored = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "dateline", "recovery",
                                           NULL);
  DlDocument *document = open_document (fixture);
  const DlRecovery *recovery;
  gboolean timed_out = FALSE;

  g_assert_cmpuint (count_recoverable (), ==, 0);
  recovery_file = dl_document_get_recovery_file (document);
  g_assert_true (g_str_has_prefix (g_file_peek_path (recovery_file), dir));

  /* written by the timer while modified */
  dl_document_set_recovery_interval (document, 1);
  rename_event (document, "Homs falls");
  g_timeout_add_seconds (10, dl_test_flag_cb, &timed_out);
  while (!g_file_query_exists (recovery_file, NULL) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_query_exists (recovery_file, NULL));
  /* an open document's recovery file is not offered */
  g_assert_cmpuint (count_recoverable (), ==, 0);

  /* a crash: the document is gone, its file stays */
  g_object_unref (document);
  list = dl_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 1);
  recovery = g_ptr_array_index (list, 0);
  g_assert_cmpstr (recovery->title, ==, "Homs taken");
  g_assert_true (g_file_equal (recovery->original_file, fixture->file));
  g_assert_true (g_file_equal (recovery->recovery_file, recovery_file));
  g_assert_nonnull (recovery->written);

  restored = dl_document_new_from_recovery (recovery, &error);
  g_assert_no_error (error);
  g_assert_true (dl_document_get_modified (restored));
  g_assert_true (g_file_equal (dl_document_get_file (restored), fixture->file));
  g_assert_cmpstr (dl_event_get_title (dl_story_lookup_event (dl_document_get_story (restored),
                                                              "homs")), ==, "Homs falls");
  g_assert_cmpuint (count_recoverable (), ==, 0);

  g_assert_true (dl_document_save (restored, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (dl_document_get_modified (restored));
  g_assert_false (g_file_query_exists (recovery->recovery_file, NULL));
  {
    g_autofree char *text = file_text (fixture->path);

    g_assert_nonnull (strstr (text, "Homs falls"));
  }

  /* discarding removes it */
  rename_event (restored, "Homs again");
  g_assert_true (dl_document_write_recovery (restored, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = dl_document_get_recovery_file (restored);

    g_assert_true (g_file_query_exists (file, NULL));
    dl_document_discard (restored);
    g_assert_false (g_file_query_exists (file, NULL));
  }
  g_clear_object (&restored);
  g_assert_cmpuint (count_recoverable (), ==, 0);
}

/* An article that is not text changes nothing and says why. */
static void
test_bad_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dl_article_text_from_bytes ("caf\xe9", 4, "article.txt", NULL,
                                                      &error);

  g_assert_null (text);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_assert_cmpuint (count_recoverable (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/document/modified", Fixture, NULL, fixture_set_up, test_modified,
              fixture_tear_down);
  g_test_add ("/document/save-async-new-story", Fixture, NULL, fixture_set_up,
              test_save_async_new_story, fixture_tear_down);
  g_test_add ("/document/save-fails", Fixture, NULL, fixture_set_up, test_save_fails,
              fixture_tear_down);
  g_test_add ("/document/load-async", Fixture, NULL, fixture_set_up, test_load_async,
              fixture_tear_down);
  g_test_add ("/document/recovery", Fixture, NULL, fixture_set_up, test_recovery,
              fixture_tear_down);
  g_test_add ("/document/bad-text", Fixture, NULL, fixture_set_up, test_bad_text,
              fixture_tear_down);

  return g_test_run ();
}
