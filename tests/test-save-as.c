/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Save As… in the window, driven past the file chooser (which a test cannot drive) with
 * the file a user would pick: a file that loads back as the same story, becomes the
 * document's file, and a toast naming it; a folder that cannot exist gives an error
 * dialog naming the file, and nothing is written. The name offered comes from the opened
 * file or the story's title. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-save-as"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

static char *tmp_dir;

typedef struct
{
  DlWindow *window;
  DlStory  *story;
  char     *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_build_filename (tmp_dir, "XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (fixture->dir));
  fixture->story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1200, 800);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
save_and_wait (Fixture *fixture,
               GFile   *file)
{
  dl_window_save_to_file (fixture->window, file);
  g_assert_true (dl_window_is_saving (fixture->window));
  while (dl_window_is_saving (fixture->window))
    g_main_context_iteration (NULL, TRUE);
}

/* A label showing @text anywhere under @widget (a toast's title is one). */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static guint
n_files_in (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_same_story (DlStory *a,
                   DlStory *b)
{
  g_assert_cmpstr (dl_story_get_title (a), ==, dl_story_get_title (b));
  g_assert_cmpstr (dl_story_get_publisher (a), ==, dl_story_get_publisher (b));
  g_assert_cmpstr (dl_story_get_text (a), ==, dl_story_get_text (b));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (a)), ==,
                    g_list_model_get_n_items (dl_story_get_places (b)));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_actors (a)), ==,
                    g_list_model_get_n_items (dl_story_get_actors (b)));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (a)), ==,
                    g_list_model_get_n_items (dl_story_get_events (b)));
  g_assert_cmpuint (dl_story_get_n_passages (a), ==, dl_story_get_n_passages (b));
}

/* The copy loads back as the same story; a toast names it; the window's story stays. */
static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "copy.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DlStory) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (fixture->story)), >, 0);
  save_and_wait (fixture, file);

  copy = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_story (copy, fixture->story);
  g_assert_cmpuint (n_files_in (fixture->dir), ==, 1);

  g_assert_true (shows_label (GTK_WIDGET (fixture->window), "Saved “copy.geojson”"));
  g_assert_null (find_message_dialog ());
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
}

/* A name with markup characters is shown as it is in the toast. */
static void
test_markup_name (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "<b>R&D <i>.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  save_and_wait (fixture, file);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (shows_label (GTK_WIDGET (fixture->window), "Saved “<b>R&D <i>.geojson”"));
}

/* Saving over a file replaces it. */
static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "old.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DlStory) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "{}", -1, &error);
  g_assert_no_error (error);
  save_and_wait (fixture, file);
  copy = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_story (copy, fixture->story);
  g_assert_cmpuint (n_files_in (fixture->dir), ==, 1);
}

/* Into a "folder" that is a regular file: an error dialog names the file and says why;
 * nothing is written and the file in the way is untouched. */
static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (fixture->dir, "plain", NULL);
  g_autofree char *path = g_build_filename (plain, "copy.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;

  g_file_set_contents (plain, "keep me", -1, &error);
  g_assert_no_error (error);

  save_and_wait (fixture, file);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Could Not Save “copy.geojson”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), g_strerror (ENOTDIR)));
  g_assert_false (shows_label (GTK_WIDGET (fixture->window), "Saved “copy.geojson”"));

  g_assert_cmpuint (n_files_in (fixture->dir), ==, 1);
  g_file_get_contents (plain, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "keep me");
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
}

static void
save_action_and_wait (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  g_assert_true (dl_window_is_saving (fixture->window));
  while (dl_window_is_saving (fixture->window))
    g_main_context_iteration (NULL, TRUE);
}

/* Save As makes the new file the document's file, as in every GNOME app: the unsaved mark
 * leaves the title, the name offered next is the new one, and a later Save writes there,
 * leaving the file the story was opened from as it was. */
static void
test_becomes_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data",
                                                   "window-story.geojson", NULL);
  g_autofree char *old_path = g_build_filename (fixture->dir, "old.geojson", NULL);
  g_autofree char *new_path = g_build_filename (fixture->dir, "new.geojson", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autofree char *original = NULL;
  g_autofree char *old_after = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(DlStory) saved = NULL;
  g_autoptr(DlDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (source, &original, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (old_path, original, length, &error);
  g_assert_no_error (error);
  document = dl_document_new (fixture->story, old_file);
  dl_window_set_document (fixture->window, document);

  dl_document_push (document, dl_operation_new_set_story_title (fixture->story, "Edited"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "• Edited");

  save_and_wait (fixture, new_file);
  g_assert_null (find_message_dialog ());
  g_assert_true (g_file_equal (dl_document_get_file (document), new_file));
  g_assert_false (dl_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Edited");
  g_assert_true (shows_label (GTK_WIDGET (fixture->window), "Saved “new.geojson”"));
  suggested = dl_window_suggest_file_name (fixture->window);
  g_assert_cmpstr (suggested, ==, "new.geojson");

  /* a later Save goes to the new file */
  dl_document_push (document, dl_operation_new_set_story_title (fixture->story, "Again"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "• Again");
  save_action_and_wait (fixture);
  g_assert_false (dl_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Again");
  saved = dl_story_new_from_file (new_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_title (saved), ==, "Again");
  g_file_get_contents (old_path, &old_after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old_after, ==, original);
  g_assert_cmpuint (n_files_in (fixture->dir), ==, 2);
}

/* The name offered: the story's title, "Untitled Story" for a map without one, the
 * opened file's own name once a file was opened; the window is called the same. */
static void
test_suggested_name (Fixture       *fixture,
                     gconstpointer  data)
{
  const char map[] = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                     "\"id\":\"a\",\"properties\":{\"name\":\"A\"},\"geometry\":"
                     "{\"type\":\"Point\",\"coordinates\":[36.3,33.5]}}]}";
  g_autofree char *path = g_build_filename (fixture->dir, "opened.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static (map, strlen (map));
  g_autoptr(DlStory) untitled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_title = dl_window_suggest_file_name (fixture->window);
  g_autofree char *by_default = NULL;
  g_autofree char *by_file = NULL;
  GtkWidget *title;

  g_assert_cmpstr (by_title, ==, "Rebels take Homs, Assad leaves for Moscow.geojson");

  untitled = dl_story_new_from_bytes (bytes, "map.geojson", &error);
  g_assert_no_error (error);
  dl_window_set_story (fixture->window, untitled);
  by_default = dl_window_suggest_file_name (fixture->window);
  g_assert_cmpstr (by_default, ==, "Untitled Story.geojson");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Untitled Story");

  g_file_set_contents (path, map, -1, &error);
  g_assert_no_error (error);
  dl_window_open_file (fixture->window, file);
  while (dl_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (dl_window_get_error_dialog (fixture->window));
  by_file = dl_window_suggest_file_name (fixture->window);
  g_assert_cmpstr (by_file, ==, "opened.geojson");
  /* a map with no title of its own is called by its file in the window too */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "opened.geojson");
  title = dl_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_WINDOW_TITLE);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "opened.geojson");
}

/* .geojson is added to a name without it, but never over a file the chooser did not ask
 * about. */
static void
test_target (Fixture       *fixture,
             gconstpointer  data)
{
  const struct { const char *chosen; const char *written; } cases[] = {
    { "report", "report.geojson" },
    { "map.geojson", "map.geojson" },
    { "MAP.GeoJSON", "MAP.GeoJSON" },
    { "data.json", "data.json" },
    { "notes.txt", "notes.txt.geojson" },
    { "existing", "existing" },
  };
  g_autofree char *existing = g_build_filename (fixture->dir, "existing.geojson", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (existing, "keep me", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].chosen, NULL);
      g_autoptr(GFile) chosen = g_file_new_for_path (path);
      g_autoptr(GFile) target = dl_window_save_target (chosen);
      g_autofree char *name = g_file_get_basename (target);
      g_autoptr(GFile) parent = g_file_get_parent (target);

      g_assert_cmpstr (name, ==, cases[i].written);
      g_assert_true (g_file_has_parent (target, NULL));
      g_assert_cmpstr (g_file_peek_path (parent), ==, fixture->dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  tmp_dir = g_dir_make_tmp ("dateline-save-as-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add ("/save-as/copy", Fixture, NULL, fixture_setup, test_copy, fixture_teardown);
  g_test_add ("/save-as/markup-name", Fixture, NULL, fixture_setup, test_markup_name,
              fixture_teardown);
  g_test_add ("/save-as/replace", Fixture, NULL, fixture_setup, test_replace,
              fixture_teardown);
  g_test_add ("/save-as/suggested-name", Fixture, NULL, fixture_setup, test_suggested_name,
              fixture_teardown);
  g_test_add ("/save-as/target", Fixture, NULL, fixture_setup, test_target, fixture_teardown);
  g_test_add ("/save-as/becomes-file", Fixture, NULL, fixture_setup, test_becomes_file,
              fixture_teardown);
  g_test_add ("/save-as/error", Fixture, NULL, fixture_setup, test_error, fixture_teardown);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
