/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Speed of the timeline: laying out and drawing the strip for 10,000 events (one frame,
 * 1000×84 like the bar under the map); the strip after a filter change at 100,000 events
 * (the events read and sorted once, then each change laid out from which are shown),
 * against the strip made from the shown events each time; and a time-range filter over
 * 100,000 events (the view state working out what is shown). Generated stories; prints
 * medians, asserts nothing about time. */
#undef G_DISABLE_ASSERT

#include <pango/pangocairo.h>
#include <stdlib.h>
#include <time.h>

#include "dl-timeline-strip.h"
#include "dl-view-state.h"
#include "dl-test-util.h"

static const char * const actors[] = { "a", "b", "c", "d", "e", "f", "g", "h" };

/* A story of @n events: a few background years, then days of a busy month. */
static DlStory *
generate_story (guint n)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (16);
  DlStory *story;

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                         "\"article\":{\"title\":\"Bench\",\"text\":\"x\"},\"actors\":[");
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\",\"color\":\"#%06x\"}",
                            i > 0 ? "," : "", actors[i], actors[i],
                            g_rand_int_range (rand, 0, 0xffffff));
  g_string_append (json, "],\"events\":[");
  for (guint i = 0; i < n; i++)
    {
      char when[32];

      if (i % 50 == 0)
        g_snprintf (when, sizeof when, "%d", g_rand_int_range (rand, 1950, 2020));
      else
        g_snprintf (when, sizeof when, "2024-%02d-%02dT%02d:%02d",
                    g_rand_int_range (rand, 10, 13), g_rand_int_range (rand, 1, 29),
                    g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60));
      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"title\":\"Event %u\","
                                    "\"when\":{\"start\":\"%s\"},\"places\":[{\"place\":\"p\"}],"
                                    "\"actors\":[{\"actor\":\"%s\"}]}",
                              i > 0 ? "," : "", i, i, when,
                              actors[g_rand_int_range (rand, 0, G_N_ELEMENTS (actors))]);
    }
  g_string_append (json, "]},\"features\":[{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
                         "{\"type\":\"Point\",\"coordinates\":[36.3,33.5]},"
                         "\"properties\":{\"name\":\"P\"}}]}");
  g_rand_free (rand);

  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "bench.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static GPtrArray *
all_events (DlStory *story)
{
  GListModel *model = dl_story_get_events (story);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  return events;
}

static void
bench_strip (void)
{
  g_autoptr(DlStory) story = generate_story (10000);
  g_autoptr(GPtrArray) events = all_events (story);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 84);
  cairo_t *cr = cairo_create (surface);
  PangoContext *pango = pango_cairo_create_context (cr);
  g_autoptr(GHashTable) selected = g_hash_table_new (NULL, NULL);
  DlStripStyle style = { { 0.1, 0.1, 0.1 }, { 1, 1, 1, 1 }, { 0.2, 0.5, 0.9 }, 1, FALSE };
  double layout[21], draw[21], draw_cpu[21];

  for (guint i = 0; i < 100; i++)
    g_hash_table_add (selected, events->pdata[i * 97]);

  for (guint run = 0; run < G_N_ELEMENTS (draw); run++)
    {
      g_autoptr(DlTimelineStrip) strip = NULL;
      gint64 t0 = g_get_monotonic_time (), t1;
      double c1;

      strip = dl_timeline_strip_new (events, 1000, 84, 1, FALSE);
      t1 = g_get_monotonic_time ();
      c1 = dl_test_thread_cpu_ms ();
      dl_timeline_strip_draw (strip, cr, pango, &style, selected, 5, 0, 0);
      cairo_surface_flush (surface);
      draw_cpu[run] = dl_test_thread_cpu_ms () - c1;
      layout[run] = (t1 - t0) / 1000.0;
      draw[run] = (g_get_monotonic_time () - t1) / 1000.0;
    }
  g_print ("timeline strip, 10,000 events, 1000x84: frame (draw) median %.2f ms "
           "(CPU %.2f ms); layout (on a filter or size change) median %.2f ms; %u runs\n",
           dl_test_median_of (draw, G_N_ELEMENTS (draw)),
           dl_test_median_of (draw_cpu, G_N_ELEMENTS (draw_cpu)),
           dl_test_median_of (layout, G_N_ELEMENTS (layout)), (guint) G_N_ELEMENTS (draw));

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* What a filter change costs the timeline at 100,000 events: the strip laid out from the
 * events read once (every event, one actor of eight, one event in a thousand), against
 * the strip of the shown events made from scratch as before. */
static void
bench_filter_strip (void)
{
  g_autoptr(DlStory) story = generate_story (100000);
  g_autoptr(GPtrArray) events = all_events (story);
  g_autofree guint8 *shown = g_new0 (guint8, events->len);
  struct { const char *name; guint every; } cases[] = {
    { "every event", 1 }, { "one in eight", 8 }, { "one in a thousand", 1000 }
  };
  double read[7], read_cpu[7];
  g_autoptr(DlTimelineItems) items = NULL;

  for (guint run = 0; run < G_N_ELEMENTS (read); run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = dl_test_thread_cpu_ms ();

      g_clear_pointer (&items, dl_timeline_items_unref);
      items = dl_timeline_items_new (events);
      read_cpu[run] = dl_test_thread_cpu_ms () - c0;
      read[run] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  g_print ("timeline at 100,000 events: reading and sorting them (once per story and edit) "
           "median %.2f ms (CPU %.2f ms)\n", dl_test_median_of (read, G_N_ELEMENTS (read)),
           dl_test_median_of (read_cpu, G_N_ELEMENTS (read_cpu)));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) subset = g_ptr_array_new ();
      double fresh[11], fresh_cpu[11], now[11], now_cpu[11];
      guint n_marks = 0;

      for (guint i = 0; i < events->len; i++)
        {
          shown[i] = i % cases[c].every == 0;
          if (shown[i])
            g_ptr_array_add (subset, events->pdata[i]);
        }
      for (guint run = 0; run < G_N_ELEMENTS (now); run++)
        {
          g_autoptr(DlTimelineStrip) before = NULL;
          g_autoptr(DlTimelineStrip) after = NULL;
          gint64 t0 = g_get_monotonic_time ();
          double c0 = dl_test_thread_cpu_ms ();

          before = dl_timeline_strip_new (subset, 1000, 84, 1, FALSE);
          fresh_cpu[run] = dl_test_thread_cpu_ms () - c0;
          fresh[run] = (g_get_monotonic_time () - t0) / 1000.0;
          t0 = g_get_monotonic_time ();
          c0 = dl_test_thread_cpu_ms ();
          after = dl_timeline_strip_new_for_items (items, cases[c].every == 1 ? NULL : shown,
                                                   1000, 84, 1, FALSE);
          now_cpu[run] = dl_test_thread_cpu_ms () - c0;
          now[run] = (g_get_monotonic_time () - t0) / 1000.0;
          g_assert_cmpuint (dl_timeline_strip_get_n_marks (after), ==,
                            dl_timeline_strip_get_n_marks (before));
          n_marks = dl_timeline_strip_get_n_marks (after);
        }
      g_print ("  a filter showing %s (%u marks): laid out from the items median %.2f ms "
               "(CPU %.2f ms); from the shown events median %.2f ms (CPU %.2f ms); "
               "ratio %.3f; %u runs\n", cases[c].name, n_marks,
               dl_test_median_of (now, G_N_ELEMENTS (now)),
               dl_test_median_of (now_cpu, G_N_ELEMENTS (now_cpu)),
               dl_test_median_of (fresh, G_N_ELEMENTS (fresh)),
               dl_test_median_of (fresh_cpu, G_N_ELEMENTS (fresh_cpu)),
               dl_test_median_of (now_cpu, G_N_ELEMENTS (now_cpu))
               / dl_test_median_of (fresh_cpu, G_N_ELEMENTS (fresh_cpu)),
               (guint) G_N_ELEMENTS (now));
    }
}

static void
bench_filter (void)
{
  g_autoptr(DlStory) story = generate_story (100000);
  g_autoptr(GPtrArray) events = all_events (story);
  g_autoptr(DlViewState) state = dl_view_state_new ();
  DlFilter *filter = dl_view_state_get_filter (state);
  const char *ranges[][2] = { { "2024-11-01", "2024-11-15" }, { "2024-10-20", NULL },
                              { NULL, "2000" }, { "2024-12-07", "2024-12-08" } };
  double times[21], cpu[21], count[21];
  guint shown = 0;

  dl_view_state_set_story (state, story);
  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      DlTime from, to;
      const char **range = ranges[run % G_N_ELEMENTS (ranges)];
      gint64 t0;
      double c0;

      if (range[0] != NULL)
        g_assert_true (dl_time_parse (range[0], &from, NULL));
      if (range[1] != NULL)
        g_assert_true (dl_time_parse (range[1], &to, NULL));

      /* what a view does on "filter-changed": ask about each of its events */
      t0 = g_get_monotonic_time ();
      c0 = dl_test_thread_cpu_ms ();
      dl_filter_set_time_range (filter, range[0] != NULL ? &from : NULL,
                                range[1] != NULL ? &to : NULL);
      for (guint i = 0; i < events->len; i++)
        shown += dl_view_state_is_shown (state, events->pdata[i]);
      cpu[run] = dl_test_thread_cpu_ms () - c0;
      times[run] = (g_get_monotonic_time () - t0) / 1000.0;

      c0 = dl_test_thread_cpu_ms ();
      shown += dl_view_state_get_n_shown (state);
      count[run] = dl_test_thread_cpu_ms () - c0;
    }
  g_print ("time-range filter over 100,000 events (set the range, match every event): "
           "median %.2f ms (CPU %.2f ms); counting them through the story's list model: "
           "CPU median %.2f ms; %u runs (%u shown in all)\n",
           dl_test_median_of (times, G_N_ELEMENTS (times)),
           dl_test_median_of (cpu, G_N_ELEMENTS (cpu)),
           dl_test_median_of (count, G_N_ELEMENTS (count)), (guint) G_N_ELEMENTS (times), shown);
}

int
main (int   argc,
      char *argv[])
{
  bench_strip ();
  bench_filter_strip ();
  bench_filter ();
  return 0;
}
