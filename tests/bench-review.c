/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The steps of a review in the window, on the seed article (published 2024-12-08): New
 * Story's draft (place detection, events, times, actors, loaded as a story), the window
 * showing it (list, map, article, until the next frame is painted), one Accept on a row,
 * one Reject, and Accept All, each until the next frame. Prints medians; asserts only that
 * each step did what it says. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

#include "dl-article-text.h"
#include "dl-resources.h"
#include "dl-review.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define RUNS 21

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GArray *steps[5];
  const char *names[5] = {
    "draft (New Story, in core)",
    "window shows the draft",
    "Accept on a row",
    "Reject on a row",
    "Accept All",
  };
  DlArticleInfo info = { .published = "2024-12-08" };
  guint n_suggestions = 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    steps[i] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = NULL;
      DlWindow *window;
      DlDocument *document;
      DlEvent *event;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      story = dl_article_new_story (text, &info, &error);
      ms = dl_test_ms_since (start);
      g_assert_no_error (error);
      g_array_append_val (steps[0], ms);
      n_suggestions = dl_review_count (story, NULL);

      window = dl_window_new (NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
      gtk_window_present (GTK_WINDOW (window));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      start = g_get_monotonic_time ();
      dl_window_set_story (window, story);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_array_append_val (steps[1], ms);
      document = dl_window_get_document (window);

      event = g_list_model_get_item (dl_story_get_events (story), 0);
      g_object_unref (event);
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-suggestion", "(ss)",
                                  "event", dl_event_get_id (event));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_assert_false (dl_event_get_suggested (event));
      g_array_append_val (steps[2], ms);

      event = g_list_model_get_item (dl_story_get_events (story), 1);
      g_object_unref (event);
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-suggestion", "(ss)",
                                  "event", dl_event_get_id (event));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_assert_null (dl_story_lookup_event (story, dl_event_get_id (event)));
      g_array_append_val (steps[3], ms);

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-all-suggestions", NULL);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = dl_test_ms_since (start);
      g_assert_cmpuint (dl_review_count (story, NULL), ==, 0);
      g_array_append_val (steps[4], ms);

      dl_document_discard (document);
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_print ("Reviewing the draft of the seed article (%u suggestions), 1400×900 window, "
           "%u runs:\n", n_suggestions, RUNS);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_print ("  %-30s median %7.1f ms\n", names[i], dl_test_median (steps[i]));
      g_array_unref (steps[i]);
    }
  return 0;
}
