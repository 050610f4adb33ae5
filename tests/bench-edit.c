/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Speed of one edit in a big story: 10,000 events and 10,000 places, generated. For each
 * kind of edit, the median time to apply it and to undo it, with a list view's share of
 * the notifications counted in (a handler that reads every item an items-changed names,
 * as a GtkListView binds its rows), and the median time to save the story. Prints;
 * asserts nothing but that the edits happened. */
#undef G_DISABLE_ASSERT

#include <stdlib.h>
#include <string.h>

#include "dl-history.h"
#include "dl-test-util.h"

#define N_EVENTS 10000
#define N_PLACES 10000
#define RUNS 51

static DlStory *story;
static DlHistory *history;
static guint items_read;

static DlStory *
generate (void)
{
  GString *s = g_string_new ("{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                             "\"article\":{\"title\":\"Big\",\"text\":\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *result;

  for (guint i = 0; i < N_EVENTS; i++)
    g_string_append_printf (s, "Quote number %u here. ", i);
  g_string_append (s, "\"},\"actors\":[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\"}],"
                      "\"events\":[");
  for (guint i = 0; i < N_EVENTS; i++)
    g_string_append_printf (s, "%s{\"id\":\"e%u\",\"title\":\"Event %u\","
                               "\"when\":{\"start\":\"%04u-%02u-%02u\"},"
                               "\"places\":[{\"place\":\"p%u\",\"role\":\"at\"}],"
                               "\"actors\":[\"%s\"],"
                               "\"passages\":[{\"exact\":\"Quote number %u here.\"}]}",
                            i > 0 ? "," : "", i, i, 1900 + i % 120, 1 + i % 12, 1 + i % 28,
                            i % N_PLACES, i % 2 ? "a" : "b", i);
  g_string_append (s, "]},\"features\":[");
  for (guint i = 0; i < N_PLACES; i++)
    g_string_append_printf (s, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                               "{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]},"
                               "\"properties\":{\"name\":\"Place %u\",\"x-other\":%u}}",
                            i > 0 ? "," : "", i, -170 + (i * 0.034) , -60 + (i % 1200) * 0.1,
                            i, i);
  g_string_append (s, "]}");

  bytes = g_string_free_to_bytes (s);
  result = dl_story_new_from_bytes (bytes, "big.geojson", &error);
  g_assert_no_error (error);
  return result;
}

/* What a list view does on items-changed: it reads the items it shows again. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      items_read += item != NULL;
    }
}

typedef DlOperation *(*MakeOperation) (guint run);

static gpointer
item (GListModel *model,
      guint       index)
{
  gpointer object = g_list_model_get_item (model, index);

  g_object_unref (object);
  return object;
}

static DlOperation *
rename_event (guint run)
{
  return dl_operation_new_set_event_title (item (dl_story_get_events (story), run * 97),
                                           "Renamed");
}

/* The worst move in time order: the last event becomes the first. */
static DlOperation *
move_event_in_time (guint run)
{
  GListModel *events = dl_story_get_events (story);
  DlTime early = { .precision = DL_TIME_YEAR, .year = 1800, .month = 1, .day = 1 };

  return dl_operation_new_set_event_start (item (events, g_list_model_get_n_items (events) - 1),
                                           &early);
}

static DlOperation *
move_place (guint run)
{
  return dl_operation_new_move_place (item (dl_story_get_places (story), run * 89),
                                      (DlLonLat) { 10.5, 20.25 });
}

static DlOperation *
delete_place (guint run)
{
  return dl_operation_new_remove_place (story, item (dl_story_get_places (story), run * 83));
}

static DlOperation *
delete_actor (guint run)
{
  /* named by half of the events: the biggest single step */
  return dl_operation_new_remove_actor (story, dl_story_lookup_actor (story, "a"));
}

static DlOperation *
add_event (guint run)
{
  g_autofree char *id = dl_story_make_id (story, "New event");
  g_autoptr(DlEvent) event = dl_event_new (id);
  DlTime time = { .precision = DL_TIME_DAY, .year = 1960, .month = 5, .day = 5 };

  dl_event_set_start (event, &time);
  dl_event_insert_place (event, -1, item (dl_story_get_places (story), 5), NULL);
  dl_event_insert_passage (event, -1, "Quote number 77 here.", NULL, NULL);
  return dl_operation_new_add_event (story, event);
}

static DlOperation *
add_passage (guint run)
{
  return dl_operation_new_add_event_passage (item (dl_story_get_events (story), run * 13),
                                             "Quote number 4242 here.", NULL, NULL);
}

static void
bench (const char    *label,
       MakeOperation  make)
{
  double apply[RUNS], undo[RUNS];
  guint read_total = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      DlOperation *operation = make (run);
      gint64 start;

      items_read = 0;
      start = g_get_monotonic_time ();
      dl_history_push (history, operation);
      apply[run] = (g_get_monotonic_time () - start) / 1000.0;
      read_total += items_read;

      start = g_get_monotonic_time ();
      g_assert_true (dl_history_undo (history));
      undo[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("%-34s apply %7.3f ms   undo %7.3f ms   (median of %d; rows re-read per apply: %u)\n",
           label, dl_test_median_of (apply, RUNS), dl_test_median_of (undo, RUNS), RUNS,
           read_total / RUNS);
}

static void
bench_save (void)
{
  double times[11];
  gsize size = 0;

  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = dl_story_to_bytes (story);

      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      size = g_bytes_get_size (bytes);
    }
  g_print ("%-34s %7.1f ms   (median of %u, %lu KiB)\n", "save (dl_story_to_bytes)",
           dl_test_median_of (times, G_N_ELEMENTS (times)), (guint) G_N_ELEMENTS (times),
           (gulong) (size / 1024));
}

int
main (int   argc,
      char *argv[])
{
  gint64 start = g_get_monotonic_time ();

  story = generate ();
  g_print ("Story of %u events, %u places, loaded in %.0f ms\n",
           g_list_model_get_n_items (dl_story_get_events (story)),
           g_list_model_get_n_items (dl_story_get_places (story)),
           (g_get_monotonic_time () - start) / 1000.0);
  history = dl_history_new ();
  g_signal_connect (dl_story_get_events (story), "items-changed",
                    G_CALLBACK (items_changed_cb), NULL);
  g_signal_connect (dl_story_get_places (story), "items-changed",
                    G_CALLBACK (items_changed_cb), NULL);

  bench ("rename an event", rename_event);
  bench ("last event moved first in time", move_event_in_time);
  bench ("move a place", move_place);
  bench ("delete a place (and from its event)", delete_place);
  bench ("delete an actor of 5,000 events", delete_actor);
  bench ("add an event with a passage", add_event);
  bench ("add a passage to an event", add_passage);
  bench_save ();

  g_object_unref (history);
  g_object_unref (story);
  return 0;
}
