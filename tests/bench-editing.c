/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One edit in a story of 10,000 events and 10,000 places, made as the window makes it
 * (pushed on the document's history): the time until every view (list, map, article)
 * shows it, and until the next frame is painted. Prints medians; asserts nothing about
 * time, only that each view did change. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define N_ITEMS 10000
#define RUNS 21

/* Places spread over the world, one event at each, each quoting its own sentence. */
static DlStory *
big_story (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *story;

  for (guint i = 0; i < N_ITEMS; i++)
    g_string_append_printf (text, "Event number %u happened.\\n", i);
  g_string_append_printf (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                          "\"article\":{\"title\":\"Big\",\"published\":\"2024-12-08\","
                          "\"text\":\"%s\"},\"actors\":[{\"id\":\"a\",\"name\":\"A\","
                          "\"color\":\"#c0392b\"}],\"events\":[", text->str);
  for (guint i = 0; i < N_ITEMS; i++)
    g_string_append_printf (json, "%s{\"id\":\"e%u\",\"title\":\"Event %u\","
                            "\"when\":{\"start\":\"2024-%02u-%02u\"},"
                            "\"places\":[{\"place\":\"p%u\"}],\"actors\":[{\"actor\":\"a\"}],"
                            "\"passages\":[{\"exact\":\"Event number %u happened\"}]}",
                            i > 0 ? "," : "", i, i, 1 + i % 12, 1 + i % 28, i, i);
  g_string_append (json, "]},\"features\":[");
  for (guint i = 0; i < N_ITEMS; i++)
    g_string_append_printf (json, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                            "{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]},"
                            "\"properties\":{\"name\":\"Place %u\"}}",
                            i > 0 ? "," : "", i, -170.0 + 340.0 * (i % 100) / 100.0,
                            -60.0 + 120.0 * (i / 100) / 100.0, i);
  g_string_append (json, "]}");

  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "big.geojson", &error);
  g_assert_no_error (error);
  return story;
}

typedef enum
{
  RENAME_EVENT,
  MOVE_PLACE,
  DELETE_EVENT,
} Edit;

static void
measure (DlWindow   *window,
         Edit        edit,
         const char *name)
{
  DlDocument *document = dl_window_get_document (window);
  DlStory *story = dl_window_get_story (window);
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < RUNS; run++)
    {
      DlEvent *event = dl_story_lookup_event (story, "e5000");
      DlPlace *place = dl_story_lookup_place (story, "p5000");
      DlOperation *operation = NULL;
      g_autofree char *title = g_strdup_printf ("Renamed %u", run);
      guint shown_before = g_list_model_get_n_items (G_LIST_MODEL (
                             gtk_list_view_get_model (dl_window_get_list_view (window))));
      gint64 start;
      double ms;

      switch (edit)
        {
        case RENAME_EVENT:
          operation = dl_operation_new_set_event_title (event, title);
          break;
        case MOVE_PLACE:
          operation = dl_operation_new_move_place (place, (DlLonLat) { .lon = run, .lat = run });
          break;
        case DELETE_EVENT:
        default:
          operation = dl_operation_new_remove_event (story, event);
          break;
        }

      start = g_get_monotonic_time ();
      dl_document_push (document, operation);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (sync_ms, ms);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (frame_ms, ms);

      /* the views did change */
      if (edit == DELETE_EVENT)
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                            gtk_list_view_get_model (dl_window_get_list_view (window)))), ==,
                          shown_before - 1);
      else if (edit == RENAME_EVENT)
        g_assert_cmpstr (dl_event_get_title (event), ==, title);
      else
        g_assert_cmpfloat (dl_place_get_anchor (place).lat, ==, run);

      /* back as it was, for the next run */
      dl_history_undo (dl_document_get_history (document));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  g_print ("%-34s views updated: median %.2f ms; next frame painted: median %.2f ms "
           "(%u runs)\n", name, dl_test_median (sync_ms), dl_test_median (frame_ms), RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlStory) story = NULL;
  DlWindow *window;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  story = big_story ();
  window = dl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_print ("One edit in a story of %u events and %u places, 1400×900 window:\n", N_ITEMS,
           N_ITEMS);

  measure (window, RENAME_EVENT, "rename an event");
  measure (window, MOVE_PLACE, "move a place");
  measure (window, DELETE_EVENT, "delete an event");

  dl_document_discard (dl_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
