/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The article view alone with 100,000 events (issue 17): the story of bench-bigviews
 * (tests/make-big-story.py, 10,000 passages over a 500 KB article) in an article view of
 * the size it has in a 1400×900 window. Measured: the article's own work for a search, an
 * actor filter and the selection of a place of 10,000 events, each then cleared (from the
 * first to the last handler of the view state's signal, so the view state's own work is
 * left out), and until the next frame is painted; a frame of the article scrolled by a
 * page, and jumped to anywhere. Prints medians; asserts nothing about time. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dl-article-view.h"
#include "dl-resources.h"
#include "dl-test-util.h"

#define N_EVENTS 100000
#define RUNS 9

static gint64 handlers_start;
static gint64 handlers_end;

/* Connected before and after the article view's handlers. */
static void
first_handler_cb (void)
{
  handlers_start = g_get_monotonic_time ();
}

static void
last_handler_cb (void)
{
  handlers_end = g_get_monotonic_time ();
}

static void
append (GArray *values,
        double  value)
{
  g_array_append_val (values, value);
}

typedef enum
{
  SEARCH,
  ACTOR,
  PLACE,
} Change;

static void
apply (DlViewState *state,
       Change       change,
       gboolean     clear)
{
  static const char * const army[] = { "a0", NULL };
  DlFilter *filter = dl_view_state_get_filter (state);

  if (clear && change == PLACE)
    dl_view_state_clear_selection (state);
  else if (clear)
    dl_filter_reset (filter);
  else if (change == SEARCH)
    dl_filter_set_text (filter, "market");
  else if (change == ACTOR)
    dl_filter_set_actors (filter, army);
  else
    dl_view_state_select_place (state, dl_story_lookup_place (dl_view_state_get_story (state),
                                                              "hub"));
}

static void
measure_change (GtkWidget   *window,
                DlViewState *state,
                Change       change,
                const char  *what)
{
  for (guint clear = 0; clear < 2; clear++)
    {
      g_autoptr(GArray) view_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint run = 0; run < RUNS; run++)
        {
          double cpu_start;
          gint64 start;

          /* the other step first, not measured */
          if (clear)
            apply (state, change, FALSE);
          else if (run > 0)
            apply (state, change, TRUE);
          gtk_test_widget_wait_for_draw (window);

          handlers_start = handlers_end = 0;
          start = g_get_monotonic_time ();
          cpu_start = dl_test_thread_cpu_ms ();
          apply (state, change, clear);
          g_assert_cmpint (handlers_end, >, 0);
          append (view_ms, (handlers_end - handlers_start) / 1000.0);
          gtk_test_widget_wait_for_draw (window);
          append (frame_ms, (g_get_monotonic_time () - start) / 1000.0);
          append (frame_cpu_ms, dl_test_thread_cpu_ms () - cpu_start);
        }
      g_print ("%-34s article: median %7.2f ms; next frame painted: median %7.2f ms "
               "(CPU %7.2f ms) (%u runs)\n", clear ? "  …and cleared" : what,
               dl_test_median (view_ms), dl_test_median (frame_ms),
               dl_test_median (frame_cpu_ms), RUNS);
    }
  apply (state, change, TRUE);
  gtk_test_widget_wait_for_draw (window);
}

/* Frames of the article scrolled by a page each (or, with @by_page FALSE, to anywhere). */
static void
measure_scroll (GtkWidget     *window,
                DlArticleView *view,
                gboolean       by_page,
                guint          n_frames)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
                                GTK_SCROLLABLE (dl_article_view_get_text_view (view)));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  gtk_adjustment_set_value (adjustment, 0);
  gtk_test_widget_wait_for_draw (window);
  for (guint i = 0; i < n_frames; i++)
    {
      double upper = gtk_adjustment_get_upper (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);
      double target = by_page ? gtk_adjustment_get_value (adjustment) + page
                              : g_rand_double_range (rand, 0, upper - page);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = dl_test_thread_cpu_ms ();

      gtk_adjustment_set_value (adjustment, target);
      gtk_test_widget_wait_for_draw (window);
      append (frame_ms, (g_get_monotonic_time () - start) / 1000.0);
      append (frame_cpu_ms, dl_test_thread_cpu_ms () - cpu_start);
    }
  g_print ("%-34s a frame: median %7.2f ms (CPU %7.2f ms) (%u frames)\n",
           by_page ? "article scrolled by a page" : "article jumped to anywhere",
           dl_test_median (frame_ms), dl_test_median (frame_cpu_ms), n_frames);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlViewState) state = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *view;
  gint64 start;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  dir = g_dir_make_tmp ("dateline-article-XXXXXX", &error);
  g_assert_no_error (error);
  path = dl_test_make_big_story (dir, "events", N_EVENTS);
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  state = dl_view_state_new ();
  g_signal_connect (state, "filter-changed", G_CALLBACK (first_handler_cb), NULL);
  g_signal_connect (state, "selection-changed", G_CALLBACK (first_handler_cb), NULL);
  view = dl_article_view_new ();
  dl_article_view_set_view_state (DL_ARTICLE_VIEW (view), state);
  g_signal_connect (state, "filter-changed", G_CALLBACK (last_handler_cb), NULL);
  g_signal_connect (state, "selection-changed", G_CALLBACK (last_handler_cb), NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 440, 850);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  dl_view_state_set_story (state, story);
  gtk_test_widget_wait_for_draw (window);
  g_print ("An article of %u characters quoted by %u passages, %u events, 440×850:\n",
           (guint) g_utf8_strlen (dl_story_get_text (story), -1),
           dl_story_get_n_passages (story),
           g_list_model_get_n_items (dl_story_get_events (story)));
  g_print ("%-34s %7.0f ms\n", "shown (first frame)",
           (g_get_monotonic_time () - start) / 1000.0);

  measure_change (window, state, SEARCH, "search \"market\"");
  measure_change (window, state, ACTOR, "actor filter (one of six)");
  measure_change (window, state, PLACE, "select the place of 10,000 events");
  measure_scroll (window, DL_ARTICLE_VIEW (view), TRUE, 30);
  measure_scroll (window, DL_ARTICLE_VIEW (view), FALSE, 20);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
