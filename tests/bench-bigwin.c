/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A big plain map opened in the window (issue 17: "the window shows 1,000,000 points in
 * under 5 s, with progress"). For files of 100,000 and 1,000,000 points written by
 * tests/make-big-story.py, the path of `dateline BIG.geojson`: dl_window_open_file() on a
 * window already on screen, to the first complete frame with the dots drawn. Split into
 * the model (the worker reads and checks the file, until the story reaches the window)
 * and the GUI (from there to the frame), each as wall time and as CPU time of the main
 * thread; how often the progress bar moved while loading; then the frame time while
 * panning and zooming over the dots. Prints medians; asserts nothing about time.
 *
 *   bench-bigwin [N ...]   (default: 100000 1000000; the million only with 3 GB free) */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "dl-offline-source.h"
#include "dl-point-layer.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define PAN_FRAMES 90

static char *tmpdir;

/* CPU seconds (user + system) of the calling thread. */
static double
thread_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
process_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

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

static GtkProgressBar *
find_progress_bar (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return GTK_PROGRESS_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkProgressBar *bar = find_progress_bar (child);

      if (bar != NULL)
        return bar;
    }
  return NULL;
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

typedef struct
{
  DlWindow       *window;
  GtkProgressBar *bar;
  gint64          story_time;   /* when the story reached the window */
  double          story_cpu;    /* main thread CPU then */
  long            story_peak;   /* peak memory then, KiB */
  guint           n_frames;     /* frames drawn while loading */
  guint           n_moves;      /* of which with the bar's fraction changed */
  guint           n_shown;      /* of which with the progress card revealed */
  double          last_fraction;
} Open;

static Open *current_open;

/* An emission hook runs before every handler of "story-changed": the moment the story
 * reaches the window, before the views' own work on it (which is the GUI's part). */
static gboolean
story_changed_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  Open *open = current_open;
  DlViewState *state = g_value_get_object (&values[0]);

  if (open != NULL && dl_view_state_get_story (state) != NULL && open->story_time == 0
      && state == dl_window_get_view_state (open->window))
    {
      open->story_time = g_get_monotonic_time ();
      open->story_cpu = thread_cpu ();
      open->story_peak = proc_status_kb ("VmHWM:");
    }
  return TRUE;
}

static void
loading_paint_cb (GdkFrameClock *clock,
                  Open          *open)
{
  double fraction = gtk_progress_bar_get_fraction (open->bar);

  if (open->story_time != 0)
    return;
  open->n_frames++;
  if (gtk_revealer_get_child_revealed (dl_window_get_load_revealer (open->window)))
    open->n_shown++;
  if (fraction != open->last_fraction)
    open->n_moves++;
  open->last_fraction = fraction;
}

typedef struct
{
  GArray *model;      /* ms from open to the story in the window */
  GArray *gui;        /* ms from there to the complete frame */
  GArray *gui_cpu;    /* main thread CPU ms of the same */
  GArray *load_cpu;   /* main thread CPU ms while the worker loads */
  GArray *total_cpu;  /* process CPU ms, open to frame */
  GArray *close;      /* ms to close the window, on the main thread */
  GArray *close_cpu;  /* its main thread CPU ms */
} Runs;

static void
open_once (const char *path,
           Runs       *runs,
           gboolean    report_progress)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DlWindow *window = dl_window_new (NULL);
  Open open = { window, NULL, 0, 0, 0, 0, 0, 0, -1 };
  GdkFrameClock *clock;
  gulong paint_id;
  gint64 start, end;
  double start_cpu, start_process_cpu, value;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_complete_frame (window);
  open.bar = find_progress_bar (GTK_WIDGET (dl_window_get_load_revealer (window)));
  g_assert_nonnull (open.bar);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (loading_paint_cb), &open);
  current_open = &open;

  if (report_progress)
    g_print ("  memory before the open %ld MiB (the window and its map)\n",
             proc_status_kb ("VmRSS:") / 1024);
  start = g_get_monotonic_time ();
  start_cpu = thread_cpu ();
  start_process_cpu = process_cpu ();
  dl_window_open_file (window, file);
  while (dl_window_is_loading (window) || open.story_time == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_complete_frame (window);
  end = g_get_monotonic_time ();

  g_assert_cmpuint (dl_point_layer_get_n_places (
                      dl_map_view_get_point_layer (dl_window_get_map_view (window))), >, 0);
  value = (open.story_time - start) / 1000.0;
  g_array_append_val (runs->model, value);
  value = (end - open.story_time) / 1000.0;
  g_array_append_val (runs->gui, value);
  value = (thread_cpu () - open.story_cpu) * 1000.0;
  g_array_append_val (runs->gui_cpu, value);
  value = (open.story_cpu - start_cpu) * 1000.0;
  g_array_append_val (runs->load_cpu, value);
  value = (process_cpu () - start_process_cpu) * 1000.0;
  g_array_append_val (runs->total_cpu, value);
  if (report_progress)
    g_print ("  while loading: %u frames drawn, the progress card shown in %u, the bar "
             "moved in %u\n", open.n_frames, open.n_shown, open.n_moves);

  if (report_progress)
    g_print ("  peak memory after the first open %ld MiB (%ld MiB when the story reached the "
             "window)\n", proc_status_kb ("VmHWM:") / 1024, open.story_peak / 1024);

  g_signal_handler_disconnect (clock, paint_id);
  current_open = NULL;
  start = g_get_monotonic_time ();
  start_cpu = thread_cpu ();
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  value = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (runs->close, value);
  value = (thread_cpu () - start_cpu) * 1000.0;
  g_array_append_val (runs->close_cpu, value);
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
pan_paint_cb (GdkFrameClock *clock,
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

/* Frame times while panning at the fitted zoom, and 3 and 6 zooms further in. */
static void
bench_pan (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DlWindow *window = dl_window_new (NULL);
  DlMapView *view = dl_window_get_map_view (window);
  ShumateViewport *viewport = dl_map_view_get_viewport (view);
  double fitted;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  dl_window_open_file (window, file);
  while (dl_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  wait_for_complete_frame (window);
  fitted = shumate_viewport_get_zoom_level (viewport);

  for (int extra = 0; extra <= 6; extra += 3)
    {
      Pan pan = { window, g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, FALSE };
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      g_autoptr(GArray) clusters = NULL;
      gulong paint_id;

      shumate_viewport_set_zoom_level (viewport, fitted + extra);
      wait_for_complete_frame (window);
      clusters = dl_point_layer_list_clusters (dl_map_view_get_point_layer (view),
                                               (int) round (fitted + extra), TRUE);
      paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (pan_paint_cb), &pan);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), pan_tick_cb, &pan, NULL);
      while (!pan.done)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, paint_id);
      g_print ("  pan at zoom %.1f (%u dots and clusters in view): frame median %.1f ms, "
               "95th percentile %.1f ms over %u frames\n",
               shumate_viewport_get_zoom_level (viewport), clusters->len,
               dl_test_median (pan.frame_work), dl_test_percentile (pan.frame_work, 0.95),
               pan.frame_work->len);
      g_array_unref (pan.frame_work);
    }

  /* Another story opened in the same window: the big one goes while the small one comes. */
  {
    g_autofree char *small_path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data",
                                                    "story.geojson", NULL);
    g_autoptr(GFile) small = g_file_new_for_path (small_path);
    gint64 start = g_get_monotonic_time ();
    double start_cpu = thread_cpu ();

    dl_window_open_file (window, small);
    while (dl_window_is_loading (window))
      g_main_context_iteration (NULL, TRUE);
    wait_for_complete_frame (window);
    g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (
                        dl_window_get_story (window))), <, 100);
    g_print ("  then a small story opened in the same window: %.0f ms to its frame, main "
             "thread CPU %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0,
             (thread_cpu () - start_cpu) * 1000.0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
bench_size (guint n)
{
  g_autofree char *path = dl_test_make_big_story (tmpdir, "points", n);
  Runs runs = {
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
  };
  guint n_runs = n >= 1000000 ? 3 : 5;
  double model, gui;

  g_print ("%u points (%s):\n", n, path);
  for (guint i = 0; i < n_runs; i++)
    open_once (path, &runs, i == 0);
  model = dl_test_median (runs.model);
  gui = dl_test_median (runs.gui);
  g_print ("  window time %.0f ms = model %.0f ms + GUI %.0f ms (medians of %u runs)\n",
           model + gui, model, gui, n_runs);
  g_print ("  main thread CPU: %.0f ms while the worker loads, %.0f ms from the story to "
           "the frame; whole process %.0f ms CPU\n",
           dl_test_median (runs.load_cpu), dl_test_median (runs.gui_cpu),
           dl_test_median (runs.total_cpu));
  g_print ("  closing the window: %.0f ms, main thread CPU %.0f ms\n", dl_test_median (runs.close),
           dl_test_median (runs.close_cpu));
  bench_pan (path);
  g_print ("  peak memory so far %ld MiB\n", proc_status_kb ("VmHWM:") / 1024);
  g_unlink (path);
  g_array_unref (runs.model);
  g_array_unref (runs.gui);
  g_array_unref (runs.gui_cpu);
  g_array_unref (runs.load_cpu);
  g_array_unref (runs.total_cpu);
  g_array_unref (runs.close);
  g_array_unref (runs.close_cpu);
}

int
main (int   argc,
      char *argv[])
{
  const guint defaults[] = { 100000, 1000000 };
  g_autoptr(GError) error = NULL;

  g_setenv ("GTK_A11Y", "none", FALSE);
  /* the window adds the file to the recently used ones, which wants a name */
  g_set_application_name ("bench-bigwin");
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();
  g_type_class_unref (g_type_class_ref (DL_TYPE_VIEW_STATE));
  g_signal_add_emission_hook (g_signal_lookup ("story-changed", DL_TYPE_VIEW_STATE), 0,
                              story_changed_hook, NULL, NULL);
  tmpdir = g_dir_make_tmp ("bench-bigwin-XXXXXX", &error);
  g_assert_no_error (error);
  g_print ("renderer %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      bench_size ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      {
        if (defaults[i] >= 1000000 && mem_available_kb () < 3L * 1024 * 1024)
          {
            g_print ("%u points: skipped, less than 3 GB of memory free\n", defaults[i]);
            continue;
          }
        bench_size (defaults[i]);
      }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return 0;
}
