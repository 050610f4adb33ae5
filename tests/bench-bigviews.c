/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every view with 100,000 events (issue 17): a story written at run time by
 * tests/make-big-story.py (100,000 events at 2,000 places, one place holding 10,000 of
 * them, 10,000 passages), shown in a 1400×900 window. Measured: a frame of the event list
 * scrolled by a few rows and jumped to anywhere; a search and an actor filter applied and
 * cleared; the place with 10,000 events selected. For each, the time until every view
 * (list, map, article, timeline) has changed, and until the next frame is painted.
 * Prints medians, with the main thread's CPU time; asserts nothing about time, only that
 * the views did change. The first search comes a second after the window shows, as a
 * user's would: its first run is printed too. BIGVIEWS_NO_SCROLL=1 leaves out the
 * scrolling (for a profile of the filter changes alone). */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define N_EVENTS 100000
#define RUNS 7

static guint
n_rows (DlWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (
           gtk_list_view_get_model (dl_window_get_list_view (window))));
}

static void
print_line (const char *what,
            GArray     *sync_ms,
            GArray     *frame_ms,
            GArray     *sync_cpu_ms,
            GArray     *frame_cpu_ms)
{
  g_print ("%-40s views updated: median %7.2f ms (CPU %7.2f ms); next frame painted: "
           "median %7.2f ms (CPU %7.2f ms) (%u runs)\n", what, dl_test_median (sync_ms),
           dl_test_median (sync_cpu_ms), dl_test_median (frame_ms),
           dl_test_median (frame_cpu_ms), sync_ms->len);
}

/* Frames of the list scrolled by @step pixels each (or, with @step 0, to anywhere). */
static void
measure_scroll (DlWindow *window,
                double    step,
                guint     n_frames)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
                                GTK_SCROLLABLE (dl_window_get_list_view (window)));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment, upper / 3);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  for (guint i = 0; i < n_frames; i++)
    {
      double before = gtk_adjustment_get_value (adjustment);
      double target = step > 0 ? before + step : g_rand_double_range (rand, 0, upper - page);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = dl_test_thread_cpu_ms ();
      double ms;

      gtk_adjustment_set_value (adjustment, target);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_array_append_val (frame_ms, ms);
      ms = dl_test_thread_cpu_ms () - cpu_start;
      g_array_append_val (frame_cpu_ms, ms);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), !=, before);
    }
  g_print ("%-40s a frame: median %7.2f ms (%u frames; %.0f fps); CPU %7.2f ms\n",
           step > 0 ? "list scrolled by 3 rows a frame" : "list jumped to anywhere",
           dl_test_median (frame_ms), n_frames, 1000.0 / dl_test_median (frame_ms),
           dl_test_median (frame_cpu_ms));
}

/* A frame of the whole window with nothing changed: what any frame costs here (software
 * drawing under Xvfb), to read the "painted" times against. */
static void
measure_redraw (DlWindow *window)
{
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = dl_test_thread_cpu_ms ();
      double ms;

      gtk_widget_queue_draw (GTK_WIDGET (window));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_array_append_val (frame_ms, ms);
      ms = dl_test_thread_cpu_ms () - cpu_start;
      g_array_append_val (frame_cpu_ms, ms);
    }
  g_print ("%-40s a frame: median %7.2f ms (CPU %7.2f ms) (%u runs)\n",
           "whole window redrawn, nothing changed", dl_test_median (frame_ms),
           dl_test_median (frame_cpu_ms), frame_ms->len);
}

typedef enum
{
  SEARCH,
  ACTOR,
  PLACE,
} Change;

static void
measure_change (DlWindow   *window,
                Change      change,
                const char *what)
{
  DlViewState *state = dl_window_get_view_state (window);
  DlFilter *filter = dl_view_state_get_filter (state);
  DlPlace *hub = dl_story_lookup_place (dl_window_get_story (window), "hub");
  static const char * const army[] = { "a0", NULL };
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_sync_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cleared = g_strdup_printf ("  …and cleared");

  for (guint run = 0; run < RUNS; run++)
    {
      guint before = n_rows (window);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = dl_test_thread_cpu_ms ();
      double ms;

      switch (change)
        {
        case SEARCH:
          dl_filter_set_text (filter, "market");
          break;
        case ACTOR:
          dl_filter_set_actors (filter, army);
          break;
        case PLACE:
        default:
          dl_view_state_select_place (state, hub);
          break;
        }
      ms = dl_test_ms_since (start);
      g_array_append_val (sync_ms, ms);
      ms = dl_test_thread_cpu_ms () - cpu_start;
      g_array_append_val (sync_cpu_ms, ms);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_array_append_val (frame_ms, ms);
      ms = dl_test_thread_cpu_ms () - cpu_start;
      g_array_append_val (frame_cpu_ms, ms);
      if (change == PLACE)
        g_assert_cmpuint (dl_view_state_get_selected_events (state)->len, ==, N_EVENTS / 10);
      else
        g_assert_cmpuint (n_rows (window), <, before);

      start = g_get_monotonic_time ();
      cpu_start = dl_test_thread_cpu_ms ();
      if (change == PLACE)
        dl_view_state_clear_selection (state);
      else
        dl_filter_reset (filter);
      ms = dl_test_ms_since (start);
      g_array_append_val (clear_sync_ms, ms);
      ms = dl_test_thread_cpu_ms () - cpu_start;
      g_array_append_val (clear_sync_cpu_ms, ms);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_array_append_val (clear_frame_ms, ms);
      ms = dl_test_thread_cpu_ms () - cpu_start;
      g_array_append_val (clear_frame_cpu_ms, ms);
      g_assert_cmpuint (n_rows (window), ==, before);
    }
  /* before the medians sort them: a first search folds every event's text, unless the
   * window folded them ahead while it was idle */
  g_print ("%-40s first run: views updated %7.2f ms, painted %7.2f ms\n", what,
           g_array_index (sync_ms, double, 0), g_array_index (frame_ms, double, 0));
  print_line (what, sync_ms, frame_ms, sync_cpu_ms, frame_cpu_ms);
  print_line (change == PLACE ? "  …and the selection cleared" : cleared, clear_sync_ms,
              clear_frame_ms, clear_sync_cpu_ms, clear_frame_cpu_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  DlWindow *window;
  const char *only;
  gint64 start;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  dir = g_dir_make_tmp ("dateline-bigviews-XXXXXX", &error);
  g_assert_no_error (error);
  path = dl_test_make_big_story (dir, "events", N_EVENTS);
  file = g_file_new_for_path (path);
  start = g_get_monotonic_time ();
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_print ("A story of %u events at %u places, 1400×900 window:\n",
           g_list_model_get_n_items (dl_story_get_events (story)),
           g_list_model_get_n_items (dl_story_get_places (story)));
  g_print ("%-40s %7.0f ms\n", "read", dl_test_ms_since (start));

  window = dl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  start = g_get_monotonic_time ();
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_print ("%-40s %7.0f ms\n", "shown (first frame)", dl_test_ms_since (start));
  g_assert_cmpuint (n_rows (window), ==, N_EVENTS);

  /* a user's pause after the window shows, before the first search */
  dl_test_run_for (1000);
  if (g_getenv ("BIGVIEWS_NO_SCROLL") == NULL)
    {
      measure_scroll (window, 150, 60);
      measure_scroll (window, 0, 30);
    }
  /* BIGVIEWS_ONLY=search, actor or place measures that change alone (for a profile) */
  only = g_getenv ("BIGVIEWS_ONLY");
  if (only == NULL)
    measure_redraw (window);
  if (only == NULL || g_str_equal (only, "search"))
    measure_change (window, SEARCH, "search \"market\"");
  if (only == NULL || g_str_equal (only, "actor"))
    measure_change (window, ACTOR, "actor filter (one of six)");
  if (only == NULL || g_str_equal (only, "place"))
    measure_change (window, PLACE, "select the place of 10,000 events");

  dl_document_discard (dl_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}

