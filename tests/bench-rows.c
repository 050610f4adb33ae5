/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one row of the events list costs (issue 17): rows of a generated story
 * (tests/make-big-story.py, 2,000 events, six actors) in a 340-pixel column, as the list
 * uses them. Measured: a row made and given its first event, and a row given another
 * event (what the list does for each row while it scrolls), each until the row is
 * measured, allocated and drawn; and the widgets a row is made of. Prints medians of
 * batches; asserts nothing about time, only that the rows show their events. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dl-event-row.h"
#include "dl-resources.h"
#include "dl-story.h"
#include "dl-test-util.h"

#define N_EVENTS 2000
#define BATCH 100
#define BATCHES 15
#define WIDTH 340

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

/* Measures, allocates and draws @row in @column, as the list does for a row it shows. */
static void
lay_out_and_draw (GtkWidget *column,
                  GtkWidget *row)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int height;

  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, WIDTH, NULL, &height, NULL, NULL);
  g_assert_cmpint (height, >, 0);
  gtk_widget_size_allocate (row, &(GtkAllocation) { 0, 0, WIDTH, height }, -1);
  gtk_widget_snapshot_child (column, row, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) new_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebind_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *events;
  GtkWidget *window, *column;
  GtkWidget *rows[BATCH];
  const char *count = G_STRINGIFY (N_EVENTS);
  int status;
  guint next = 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  dir = g_dir_make_tmp ("dateline-rows-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "events.geojson", NULL);
  script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "make-big-story.py", NULL);
  {
    const char *spawn_argv[] = { "/usr/bin/python3", script, "events", count, path, NULL };

    if (!g_spawn_sync (NULL, (char **) spawn_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                       NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
      g_error ("make-big-story.py: %s", error->message);
  }
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  events = dl_story_get_events (story);

  /* a column in a window, for the rows' style (fonts, dark or light) */
  window = gtk_window_new ();
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (column, "navigation-sidebar");
  gtk_window_set_child (GTK_WINDOW (window), column);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, 200);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  for (guint b = 0; b < BATCHES; b++)
    {
      double start = dl_test_thread_cpu_ms (), ms;

      for (guint i = 0; i < BATCH; i++)
        {
          g_autoptr(DlEvent) event = g_list_model_get_item (events, next++ % N_EVENTS);

          rows[i] = dl_event_row_new ();
          gtk_box_append (GTK_BOX (column), rows[i]);
          dl_event_row_set_event (DL_EVENT_ROW (rows[i]), event);
          lay_out_and_draw (column, rows[i]);
        }
      ms = (dl_test_thread_cpu_ms () - start) * 1000.0 / BATCH;
      g_array_append_val (new_ms, ms);

      start = dl_test_thread_cpu_ms ();
      for (guint i = 0; i < BATCH; i++)
        {
          g_autoptr(DlEvent) event = g_list_model_get_item (events, next++ % N_EVENTS);

          dl_event_row_set_event (DL_EVENT_ROW (rows[i]), event);
          lay_out_and_draw (column, rows[i]);
          g_assert_true (dl_event_row_get_event (DL_EVENT_ROW (rows[i])) == event);
        }
      ms = (dl_test_thread_cpu_ms () - start) * 1000.0 / BATCH;
      g_array_append_val (rebind_ms, ms);

      if (b == 0)
        g_print ("A row of the events list, %d pixels wide: %u widgets (with 1 to 3 actors)\n",
                 WIDTH, count_widgets (rows[0]));
      for (guint i = 0; i < BATCH; i++)
        gtk_box_remove (GTK_BOX (column), rows[i]);
    }
  g_print ("%-46s median %7.1f us CPU (%u batches of %u)\n",
           "a new row, bound, laid out and drawn", dl_test_median (new_ms), BATCHES,
           BATCH);
  g_print ("%-46s median %7.1f us CPU (%u batches of %u)\n",
           "a row given another event, laid out and drawn", dl_test_median (rebind_ms),
           BATCHES, BATCH);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
