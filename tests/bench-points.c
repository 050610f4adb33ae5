/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Many places on the map: for generated plain maps of 200 (marker widgets), 201 (the
 * point layer) up to a million points, the time to load the story, to show the window
 * with every tile and dot drawn, and the frame times while panning; plus the process's
 * peak memory. Prints medians; asserts nothing about time.
 *
 *   bench-points [N ...]   (default: 200 201 10000 100000 1000000; the million only when
 *                           the machine has 6 GB free, as its model takes ~2.8 GB) */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "dl-mercator.h"
#include "dl-offline-source.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define SHOW_RUNS 3
#define PAN_FRAMES 120

/* kB of a /proc/self/status line ("VmHWM", "VmRSS"). */
static long
proc_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  return line != NULL ? strtol (line + strlen (key) + 1, NULL, 10) : -1;
}

static long
mem_available_kb (void)
{
  g_autofree char *info = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/meminfo", &info, NULL, NULL))
    return -1;
  line = strstr (info, "MemAvailable:");
  return line != NULL ? strtol (line + strlen ("MemAvailable:"), NULL, 10) : -1;
}

/* A plain GeoJSON map of @n points over Europe, held in memory. */
static GBytes *
generate_bytes (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *json = g_string_sized_new ((gsize) n * 140 + 64);

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"features\":[");
  for (guint i = 0; i < n; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lon, sizeof lon, "%.5f", g_rand_double_range (rand, -10, 30));
      g_ascii_formatd (lat, sizeof lat, "%.5f", g_rand_double_range (rand, 36, 60));
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                              "{\"type\":\"Point\",\"coordinates\":[%s,%s]},"
                              "\"properties\":{\"name\":\"Point %u\"}}",
                              i > 0 ? "," : "", i, lon, lat, i);
    }
  g_string_append (json, "]}");
  return g_string_free_to_bytes (json);
}

/* Waits until every requested tile is drawn and painted. */
static void
wait_for_complete_frame (DlWindow *window)
{
  DlMapView *map = dl_window_get_map_view (window);

  while (TRUE)
    {
      DlOfflineSource *source;

      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      source = DL_OFFLINE_SOURCE (dl_map_view_get_offline_source (map));
      while (dl_offline_source_get_n_pending (source) > 0)
        g_main_context_iteration (NULL, TRUE);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      if (dl_offline_source_get_n_pending (source) == 0)
        return;
    }
}

static double
show_once (DlStory *story)
{
  gint64 start = g_get_monotonic_time ();
  DlWindow *window = dl_window_new (NULL);
  double ms;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_complete_frame (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ms;
}

typedef struct
{
  DlWindow *window;
  GArray   *frame_work;     /* ms from the pan tick to after-paint */
  gint64    tick_start;
  guint     frame;
  gboolean  done;
} Pan;

static void
after_paint_cb (GdkFrameClock *clock,
                Pan           *pan)
{
  double work = (g_get_monotonic_time () - pan->tick_start) / 1000.0;

  if (pan->frame > 2 && !pan->done && pan->tick_start > 0)
    g_array_append_val (pan->frame_work, work);
}

static gboolean
pan_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Pan *pan = user_data;
  /* Back and forth, 8 px a frame, over the crowd. */
  double dx = ((pan->frame / 30) % 2 == 0) ? 8 : -8;

  pan->tick_start = g_get_monotonic_time ();
  dl_map_view_pan_by (dl_window_get_map_view (pan->window), dx, dx / 2);
  if (++pan->frame >= PAN_FRAMES)
    {
      pan->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Median frame time while panning at the fitted zoom and two zooms further in. */
static void
bench_pan (DlStory *story)
{
  DlWindow *window = dl_window_new (NULL);
  DlMapView *view = dl_window_get_map_view (window);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_complete_frame (window);
  g_print ("  shown as %s\n",
           gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_point_layer (view)))
           ? "dots of the point layer" : "marker widgets");

  for (int extra = 0; extra <= 2; extra += 2)
    {
      Pan pan = { window, g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, FALSE };
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      ShumateViewport *viewport = dl_map_view_get_viewport (view);
      gulong after_id;
      double zoom = shumate_viewport_get_zoom_level (viewport);

      if (extra > 0)
        {
          shumate_viewport_set_zoom_level (viewport, zoom + extra);
          wait_for_complete_frame (window);
        }
      after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &pan);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), pan_tick_cb, &pan, NULL);
      while (!pan.done)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, after_id);
      g_print ("  pan at zoom %.1f: frame median %.1f ms, 95th percentile %.1f ms"
               " over %u frames\n",
               shumate_viewport_get_zoom_level (viewport), dl_test_median (pan.frame_work),
               dl_test_percentile (pan.frame_work, 0.95), pan.frame_work->len);
      g_array_unref (pan.frame_work);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
bench_size (guint n)
{
  g_autoptr(GBytes) bytes = generate_bytes (n);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;
  double load_ms;
  guint n_runs = n > 200000 ? 1 : SHOW_RUNS;

  start = g_get_monotonic_time ();
  story = dl_story_new_from_bytes (bytes, "points.geojson", &error);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (story == NULL)
    {
      g_print ("%u points: %s\n", n, error->message);
      return;
    }
  g_clear_pointer (&bytes, g_bytes_unref);
  g_print ("%u points: model loaded in %.0f ms\n", n, load_ms);

  for (guint i = 0; i < n_runs; i++)
    {
      double ms = show_once (story);

      g_array_append_val (runs, ms);
    }
  g_print ("  window shown with every tile and dot: median %.0f ms over %u runs\n",
           dl_test_median (runs), runs->len);
  bench_pan (story);
  g_print ("  peak memory so far %ld MB\n", proc_status_kb ("VmHWM:") / 1024);
}

int
main (int   argc,
      char *argv[])
{
  const guint defaults[] = { 200, 201, 10000, 100000, 1000000 };

  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();
  g_print ("renderer %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      bench_size ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      {
        if (defaults[i] >= 1000000 && mem_available_kb () < 6L * 1024 * 1024)
          {
            g_print ("%u points: skipped, less than 6 GB of memory free\n", defaults[i]);
            continue;
          }
        bench_size (defaults[i]);
      }
  return 0;
}
