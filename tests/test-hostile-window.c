/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile files opened in the window, as a user opens them: a large file loads off the
 * main thread while the window keeps drawing; bad files give the error dialog and leave
 * the story that was open; a second open while the first is still reading wins. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-hostile-window"

#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

#define HUGE_FILE_SIZE (200 * 1000 * 1000)

static char *tmp_dir;

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1200, 800);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

static GFile *
write_file (const char *name,
            const void *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Opens @file and waits until the window has finished reading it. Returns how many
 * frames the window drew meanwhile. */
static guint
open_and_wait (Fixture *fixture,
               GFile   *file)
{
  guint frames = 0;
  guint tick;

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window),
                                       dl_test_count_frame_cb, &frames,
                                       NULL);
  dl_window_open_file (fixture->window, file);
  while (dl_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick);
  return frames;
}

static const char *
error_dialog_text (Fixture *fixture)
{
  GtkWindow *dialog = dl_window_get_error_dialog (fixture->window);

  g_assert_nonnull (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
}

/* 200 MB (under the 256 MiB limit) loads in a worker: the window keeps drawing frames
 * while it is read and parsed, then shows it. */
static void
test_large_file (Fixture       *fixture,
                 gconstpointer  data)
{
  const char head[] = "{\"type\":\"FeatureCollection\",\"features\":[],\"x\":\"";
  const char tail[] = "\"}";
  char *contents = g_malloc (HUGE_FILE_SIZE);
  g_autoptr(GFile) file = NULL;
  guint frames;

  memset (contents, 'a', HUGE_FILE_SIZE);
  memcpy (contents, head, strlen (head));
  memcpy (contents + HUGE_FILE_SIZE - strlen (tail), tail, strlen (tail));
  file = write_file ("large.geojson", contents, HUGE_FILE_SIZE);
  g_free (contents);

  frames = open_and_wait (fixture, file);
  g_test_message ("%u frames drawn while a 200 MB file loaded", frames);
  g_assert_cmpuint (frames, >=, 2);
  g_assert_null (dl_window_get_error_dialog (fixture->window));
  g_assert_true (dl_window_get_story (fixture->window) != fixture->story);
  g_file_delete (file, NULL, NULL);
}

/* Over the limit: refused at once, with the limit named, and the story stays. */
static void
test_over_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tmp_dir, "over.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 300 * 1024 * 1024), ==, 0);
  close (fd);

  open_and_wait (fixture, file);
  g_assert_nonnull (strstr (error_dialog_text (fixture), "too large"));
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
  g_unlink (path);
}

/* Each bad file: the error dialog names the problem; the open story stays. */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                'I', 'H', 'D', 'R' };
  GString *deep = g_string_new (NULL);
  struct {
    const char *name;
    const void *data;
    gsize length;
    const char *says;
  } cases[] = {
    { "picture.geojson", png, sizeof png, "UTF-8" },
    { "empty.geojson", "", 0, "empty" },
#define LITERAL(s) s, sizeof s - 1
    { "nul.geojson", LITERAL ("{\"type\":\0}"), "NUL" },
    { "latin1.geojson", LITERAL ("{\"x\":\"caf\xe9\"}"), "UTF-8" },
    { "infinite.geojson",
      LITERAL ("{\"type\":\"FeatureCollection\",\"features\":[],\"x\":1e999}"), "too large" },
#undef LITERAL
    { "deep.geojson", NULL, 0, "nested deeper" },
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  cases[G_N_ELEMENTS (cases) - 1].data = deep->str;
  cases[G_N_ELEMENTS (cases) - 1].length = deep->len;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_file (cases[i].name, cases[i].data, cases[i].length);
      const char *text;

      open_and_wait (fixture, file);
      text = error_dialog_text (fixture);
      g_test_message ("%s", text);
      if (strstr (text, cases[i].says) == NULL)
        g_error ("opening %s shows “%s”, which does not say “%s”", cases[i].name, text,
                 cases[i].says);
      g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
    }
  g_string_free (deep, TRUE);
}

/* A second file opened while a large one is still being read is the one shown. */
static void
test_open_while_loading (Fixture       *fixture,
                         gconstpointer  data)
{
  const char head[] = "{\"type\":\"FeatureCollection\",\"features\":[],\"x\":\"";
  const char tail[] = "\"}";
  const char small[] = "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                       "\"article\":{\"title\":\"Second\",\"text\":\"x\"}},\"features\":[]}";
  char *contents = g_malloc (HUGE_FILE_SIZE / 4);
  g_autoptr(GFile) large = NULL;
  g_autoptr(GFile) second = NULL;

  memset (contents, ' ', HUGE_FILE_SIZE / 4);
  memcpy (contents, head, strlen (head));
  memset (contents + strlen (head), 'b', HUGE_FILE_SIZE / 8);
  memcpy (contents + HUGE_FILE_SIZE / 4 - strlen (tail), tail, strlen (tail));
  large = write_file ("large2.geojson", contents, HUGE_FILE_SIZE / 4);
  g_free (contents);
  second = write_file ("second.geojson", small, strlen (small));

  dl_window_open_file (fixture->window, large);
  g_assert_true (dl_window_is_loading (fixture->window));
  dl_window_open_file (fixture->window, second);
  while (dl_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  /* whatever the large file's worker returns later must not replace it */
  dl_test_run_for (2000);

  g_assert_null (dl_window_get_error_dialog (fixture->window));
  g_assert_cmpstr (dl_story_get_title (dl_window_get_story (fixture->window)), ==, "Second");
  g_file_delete (large, NULL, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme and GTK warns (fatally). */
  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  tmp_dir = g_dir_make_tmp ("dateline-hostile-window-XXXXXX", &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hostile-window/large-file", test_large_file);
  ADD ("/hostile-window/over-limit", test_over_limit);
  ADD ("/hostile-window/bad-files", test_bad_files);
  ADD ("/hostile-window/open-while-loading", test_open_while_loading);
#undef ADD

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
