/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dl-booklet.h"
#include "dl-bundled.h"
#include "dl-resources.h"

static char *tmpdir;

/* The output of a poppler tool on @path. */
static char *
run_tool (const char *tool,
          const char *first_page,
          const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv_info[] = { tool, path, NULL };
  const char *argv_text[] = { tool, "-layout", "-f", first_page, "-l", first_page, path, "-",
                              NULL };

  g_assert_true (g_spawn_sync (NULL,
                               (char **) (first_page != NULL ? argv_text : argv_info),
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
page_count (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Collapses runs of white space, as pdftotext breaks lines where it likes. */
static char *
squeeze (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* One page per event in time order: its date, title, passages and attribution. */
static void
test_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  g_autofree char *path = g_build_filename (tmpdir, "booklet.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *events;

  g_assert_no_error (error);
  g_assert_true (dl_booklet_save (story, NULL, file, NULL, &error));
  g_assert_no_error (error);
  events = dl_story_get_events (story);
  g_assert_cmpuint (page_count (path), ==, g_list_model_get_n_items (events));

  /* the first page is the earliest event, Jun 1967; page 12 is the flight */
  for (guint n = 1; n <= g_list_model_get_n_items (events); n += 11)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, n - 1);
      g_autofree char *number = g_strdup_printf ("%u", n);
      g_autofree char *raw = run_tool ("pdftotext", number, path);
      g_autofree char *text = squeeze (raw);
      g_autofree char *title = squeeze (dl_event_get_title (event));
      g_autofree char *date = dl_time_format (dl_event_get_start (event));
      g_autofree char *footer = g_strdup_printf ("page %u of %u", n,
                                                 g_list_model_get_n_items (events));

      g_test_message ("page %u: %s", n, text);
      g_assert_nonnull (strstr (text, title));
      g_assert_nonnull (strstr (text, date));
      g_assert_nonnull (strstr (text, footer));
      if (dl_event_get_n_passages (event) > 0)
        {
          g_autofree char *passage = squeeze (dl_event_get_passage (event, 0)->exact);

          g_assert_nonnull (strstr (text, passage));
        }
      if (dl_event_get_attribution (event) != NULL)
        {
          g_autofree char *attribution = squeeze (dl_event_get_attribution (event));

          g_assert_nonnull (strstr (text, attribution));
        }
    }
  {
    g_autofree char *raw = run_tool ("pdftotext", "1", path);

    g_assert_nonnull (strstr (raw, "Jun 1967"));
    g_assert_nonnull (strstr (raw, "Israel occupies the Golan Heights"));
  }
  g_unlink (path);
}

/* The filter decides which events get a page; none is an error that writes nothing. */
static void
test_filtered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  g_autofree char *path = g_build_filename (tmpdir, "ninth.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DlFilter) filter = dl_filter_new ();
  const char *nobody[] = { NULL };
  DlTime ninth;
  g_autofree char *raw = NULL;

  g_assert_true (dl_time_parse ("2024-12-09", &ninth, NULL));
  dl_filter_set_time_range (filter, &ninth, NULL);
  g_assert_true (dl_booklet_save (story, filter, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (page_count (path), ==, 1);
  raw = run_tool ("pdftotext", "1", path);
  g_assert_nonnull (strstr (raw, "Starmer to meet the leaders"));
  g_unlink (path);

  dl_filter_set_actors (filter, nobody);
  g_assert_false (dl_booklet_save (story, filter, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ninth.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dl_resources_ensure ();
  tmpdir = g_dir_make_tmp ("dateline-booklet-XXXXXX", NULL);

  g_test_add_func ("/booklet/pages", test_pages);
  g_test_add_func ("/booklet/filtered", test_filtered);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
