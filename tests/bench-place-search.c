/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Speed of "Find a Place…" per keystroke: the gazetteer search and the result lines alone,
 * then the whole widget update (search, lines, list model, popover) in a window, for every
 * prefix of names a user types (Latin, accented and Arabic). Prints medians and the worst
 * keystroke; the first search (opening the gazetteer) is counted apart. Asserts nothing. */
#undef G_DISABLE_ASSERT

#include <adwaita.h>

#include "dl-place-search.h"
#include "dl-resources.h"
#include "dl-test-util.h"

#define ROUNDS 20

static const char * const names[] = {
  "Tripoli", "Damascus", "San Francisco", "Manchester", "Buenos Aires", "Golan Heights",
  "Ciudad de México", "São Paulo", "Kyiv", "Mogadishu", "دمشق", "طرابلس",
};

/* Every prefix of every name, as typed one character at a time. */
static GPtrArray *
keystrokes (void)
{
  GPtrArray *prefixes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (const char *p = g_utf8_next_char (names[i]); *p != '\0';)
      {
        /* the widget searches from the second character on */
        p = g_utf8_next_char (p);
        g_ptr_array_add (prefixes, g_strndup (names[i], p - names[i]));
      }
  return prefixes;
}

static void
store_time (gint64 *when)
{
  *when = g_get_monotonic_time ();
}

static void
report (const char *label,
        GArray     *per_key)
{
  g_array_sort (per_key, dl_test_compare_doubles);
  g_print ("%-44s median %7.3f ms   90th %7.3f ms   worst %7.3f ms   (%u keystrokes)\n",
           label, g_array_index (per_key, double, per_key->len / 2),
           g_array_index (per_key, double, per_key->len * 9 / 10),
           g_array_index (per_key, double, per_key->len - 1), per_key->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prefixes = NULL;
  g_autoptr(GArray) core = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) widget = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted_all = g_array_new (FALSE, FALSE, sizeof (double));
  DlGazetteer *gazetteer;
  GtkWidget *window;
  DlPlaceSearch *search;
  gint64 start;

  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  start = g_get_monotonic_time ();
  gazetteer = dl_gazetteer_get_default (&error);
  g_assert_no_error (error);
  {
    g_autoptr(GArray) first = dl_gazetteer_search (gazetteer, "Tr", 8);
    g_print ("%-44s %7.3f ms\n", "opening the gazetteer + first search",
             (g_get_monotonic_time () - start) / 1e3);
  }

  prefixes = keystrokes ();

  /* the lookup and the lines of the results */
  for (guint i = 0; i < prefixes->len; i++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint r = 0; r < ROUNDS; r++)
        {
          g_autoptr(GArray) found = NULL;
          double ms;

          start = g_get_monotonic_time ();
          found = dl_gazetteer_search (gazetteer, prefixes->pdata[i], 8);
          for (guint k = 0; k < found->len; k++)
            g_free (dl_place_search_describe (gazetteer, g_array_index (found, guint32, k),
                                              NULL));
          ms = (g_get_monotonic_time () - start) / 1e3;
          g_array_append_val (times, ms);
        }
      g_array_sort (times, dl_test_compare_doubles);
      g_array_append_val (core, g_array_index (times, double, ROUNDS / 2));
    }
  report ("gazetteer search + result lines", core);

  /* the widget: the results model and popover updated for a keystroke (what blocks the
   * next keystroke), then the frame that shows them (layout and drawing, measured from the
   * keystroke to the end of the frame's paint) */
  window = gtk_window_new ();
  search = DL_PLACE_SEARCH (dl_place_search_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (search));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));
  for (guint r = 0; r < 50; r++)
    g_main_context_iteration (NULL, FALSE);

  {
    GtkEditable *entry = dl_place_search_get_entry (search);
    GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

    for (guint i = 0; i < prefixes->len; i++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
        g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));

        for (guint r = 0; r < 5; r++)
          {
            gint64 painted = 0;
            double ms;
            gulong id;

            /* the text is set with the search held back, as a keystroke's own handler runs */
            g_signal_handlers_block_matched (entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                             search);
            gtk_editable_set_text (entry, prefixes->pdata[i]);
            g_signal_handlers_unblock_matched (entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                               search);
            start = g_get_monotonic_time ();
            g_signal_emit_by_name (entry, "search-changed");
            ms = (g_get_monotonic_time () - start) / 1e3;
            g_array_append_val (times, ms);

            id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (store_time),
                                           &painted);
            while (painted == 0)
              g_main_context_iteration (NULL, TRUE);
            g_signal_handler_disconnect (clock, id);
            ms = (painted - start) / 1e3;
            g_array_append_val (frames, ms);
            while (g_main_context_iteration (NULL, FALSE))
              ;
          }
        g_array_sort (times, dl_test_compare_doubles);
        g_array_sort (frames, dl_test_compare_doubles);
        g_array_append_val (widget, g_array_index (times, double, 2));
        g_array_append_val (painted_all, g_array_index (frames, double, 2));
      }
  }
  report ("widget: results model and popover updated", widget);
  report ("widget: keystroke to results painted", painted_all);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
