/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export Places in the window, driven past the file chooser with the file a user would
 * pick: the places written in the format asked for and a toast naming the file; a folder
 * that cannot exist gives an error dialog naming it. And the quiet toast of a file read
 * leniently. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-export-places"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

typedef struct
{
  DlWindow *window;
  DlStory  *story;
  char     *dir;
} Fixture;

static DlStory *
load (const char *dir,
      const char *name)
{
  g_autofree char *path = dir != NULL
    ? g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL)
    : g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("dateline-export-places-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->story = load (NULL, "places-export.geojson");
  fixture->window = dl_test_show_story (fixture->story, 1200, 800);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
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

/* CSV: a header and one row per place, in the story's order; a toast names the file. */
static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "<b>R&D <places>.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_auto(GStrv) rows = NULL;

  g_assert_true (dl_window_export_places (fixture->window, file, DL_PLACES_FORMAT_CSV));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  rows = g_strsplit (text, "\r\n", -1);
  /* header, 5 places, and the empty string after the last CRLF */
  g_assert_cmpuint (g_strv_length (rows), ==, 7);
  g_assert_cmpstr (rows[0], ==, "name,lat,lon,kind,events");
  g_assert_true (g_str_has_prefix (rows[1], "\"Suva & Co."));
  g_assert_cmpstr (rows[3], ==, "\"Suva to Apia\",-16.4665951,-176.4303102,\"route\","
                   "\"Arrival at \"\"Suva\"\" & <Nadi>\"");
  /* the file name is shown as text, not markup */
  g_assert_true (shows_label (GTK_WIDGET (fixture->window),
                              "Exported the places to “<b>R&D <places>.csv”"));
  g_assert_null (find_message_dialog ());
}

/* KML and GPX: the formats asked for. */
static void
test_kml_gpx (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *kml = g_build_filename (fixture->dir, "places.kml", NULL);
  g_autofree char *gpx = g_build_filename (fixture->dir, "places.gpx", NULL);
  g_autoptr(GFile) kml_file = g_file_new_for_path (kml);
  g_autoptr(GFile) gpx_file = g_file_new_for_path (gpx);
  g_autofree char *text = NULL;

  g_assert_true (dl_window_export_places (fixture->window, kml_file, DL_PLACES_FORMAT_KML));
  g_assert_true (g_file_get_contents (kml, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<kml xmlns=\"http://www.opengis.net/kml/2.2\">"));
  g_assert_nonnull (strstr (text, "<name>Suva to Apia</name>"));
  g_clear_pointer (&text, g_free);

  g_assert_true (dl_window_export_places (fixture->window, gpx_file, DL_PLACES_FORMAT_GPX));
  g_assert_true (g_file_get_contents (gpx, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<gpx version=\"1.1\""));
  g_assert_nonnull (strstr (text, "<wpt lat=\"-18.1416\" lon=\"178.4419\">"));
}

/* A folder that does not exist: an error dialog naming the file; nothing written. */
static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "places.kml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  g_assert_false (dl_window_export_places (fixture->window, file, DL_PLACES_FORMAT_KML));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Could Not Export “places.kml”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A file read leniently: a toast says how many warnings and where to see them. */
static void
test_load_warnings (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DlStory) lenient = load ("interop", "gdal-point-with-utf8bom.json");
  g_autoptr(DlStory) clean = load ("interop", "fiji-places.geojson");

  dl_window_show_load_warnings (fixture->window, clean);
  g_assert_false (shows_label (GTK_WIDGET (fixture->window),
                               "Opened with 2 warnings: dateline --check lists them"));
  dl_window_show_load_warnings (fixture->window, lenient);
  g_assert_true (shows_label (GTK_WIDGET (fixture->window),
                              "Opened with 2 warnings: dateline --check lists them"));
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/export-places/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/export-places/kml-gpx", Fixture, NULL, fixture_setup, test_kml_gpx,
              fixture_teardown);
  g_test_add ("/export-places/error", Fixture, NULL, fixture_setup, test_error,
              fixture_teardown);
  g_test_add ("/export-places/load-warnings", Fixture, NULL, fixture_setup, test_load_warnings,
              fixture_teardown);

  return g_test_run ();
}
