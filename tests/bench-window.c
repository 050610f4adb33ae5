/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window's speed: start-up to the first complete frame, and frame times while
 * panning with every marker on screen. Prints medians; asserts nothing about time. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dl-bundled.h"
#include "dl-mercator.h"
#include "dl-offline-source.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define STARTUP_RUNS 7
#define PAN_FRAMES 180

static gboolean
markers_placed (DlWindow *window)
{
  GList *markers = dl_map_view_list_shown_markers (dl_window_get_map_view (window));
  gboolean placed = markers != NULL;

  DlMapView *map = dl_window_get_map_view (window);

  /* The first view frames where the story happens: a marker off the map (Washington) is
   * never mapped, and is placed all the same. */
  for (GList *l = markers; l != NULL; l = l->next)
    {
      DlLonLat anchor = dl_place_get_anchor (dl_marker_get_place (l->data));
      double x, y;

      shumate_viewport_location_to_widget_coords (dl_map_view_get_viewport (map),
                                                  GTK_WIDGET (map), anchor.lat, anchor.lon,
                                                  &x, &y);
      if (x < 0 || y < 0 || x > gtk_widget_get_width (GTK_WIDGET (map))
          || y > gtk_widget_get_height (GTK_WIDGET (map)))
        continue;
      if (!gtk_widget_get_mapped (l->data) || gtk_widget_get_width (l->data) <= 0)
        placed = FALSE;
    }
  g_list_free (markers);
  return placed;
}

/* Waits until the window is on screen with every requested tile drawn and the markers
 * placed, then one more frame so that those tiles are painted. */
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
      if (dl_offline_source_get_n_pending (source) == 0 && markers_placed (window))
        return;
    }
}

static double
startup_once (DlStory *story)
{
  gint64 start = g_get_monotonic_time ();
  DlWindow *window = dl_window_new (NULL);
  double ms;

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
  GArray   *frame_work;     /* ms from before-paint to after-paint */
  GArray   *frame_interval; /* ms between after-paints */
  gint64    paint_start;
  gint64    last_end;
  guint     frame;
  gboolean  done;
} Pan;

static void
before_paint_cb (GdkFrameClock *clock,
                 Pan           *pan)
{
  pan->paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Pan           *pan)
{
  gint64 now = g_get_monotonic_time ();
  double work = (now - pan->paint_start) / 1000.0;

  if (pan->frame > 2 && !pan->done)
    {
      g_array_append_val (pan->frame_work, work);
      if (pan->last_end > 0)
        {
          double interval = (now - pan->last_end) / 1000.0;

          g_array_append_val (pan->frame_interval, interval);
        }
    }
  pan->last_end = now;
}

static gboolean
pan_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Pan *pan = user_data;
  /* Back and forth, 8 px a frame, so the markers stay on screen. */
  double dx = ((pan->frame / 45) % 2 == 0) ? 8 : -8;

  dl_map_view_pan_by (dl_window_get_map_view (pan->window), dx, dx / 2);

  if (++pan->frame >= PAN_FRAMES)
    {
      pan->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
bench_pan (DlStory *story)
{
  Pan pan = { 0 };
  GdkFrameClock *clock;
  GList *markers;
  guint n_markers;
  gulong before_id, after_id;

  pan.window = dl_window_new (NULL);
  pan.frame_work = g_array_new (FALSE, FALSE, sizeof (double));
  pan.frame_interval = g_array_new (FALSE, FALSE, sizeof (double));
  dl_window_set_story (pan.window, story);
  gtk_window_present (GTK_WINDOW (pan.window));
  wait_for_complete_frame (pan.window);

  markers = dl_map_view_list_shown_markers (dl_window_get_map_view (pan.window));
  n_markers = g_list_length (markers);
  g_list_free (markers);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (pan.window));
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &pan);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &pan);
  gtk_widget_add_tick_callback (GTK_WIDGET (dl_window_get_map_view (pan.window)), pan_tick_cb,
                                &pan, NULL);
  while (!pan.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);

  g_print ("pan (%u markers shown, %u frames): frame work median %.2f ms, p90 %.2f ms; "
           "frame interval median %.2f ms (%.0f fps)\n",
           n_markers, pan.frame_work->len, dl_test_median (pan.frame_work),
           dl_test_percentile (pan.frame_work, 0.9), dl_test_median (pan.frame_interval),
           1000.0 / dl_test_median (pan.frame_interval));

  gtk_window_destroy (GTK_WINDOW (pan.window));
  g_array_unref (pan.frame_work);
  g_array_unref (pan.frame_interval);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  double first;

  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  if (argc > 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

      story = dl_story_new_from_file (file, NULL, &error);
    }
  else
    story = dl_bundled_story_load (&error);
  if (story == NULL)
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 1;
    }
  g_print ("story: %u places, %u events; renderer %s\n",
           g_list_model_get_n_items (dl_story_get_places (story)),
           g_list_model_get_n_items (dl_story_get_events (story)),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  for (guint i = 0; i < STARTUP_RUNS; i++)
    {
      double ms = startup_once (story);

      g_array_append_val (runs, ms);
    }
  first = g_array_index (runs, double, 0);
  g_print ("start-up to first complete frame: median %.1f ms over %u runs (first run %.1f ms)\n",
           dl_test_median (runs), runs->len, first);

  bench_pan (story);
  return 0;
}
