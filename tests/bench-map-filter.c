/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map alone after a change of the filter, with 100,000 events at 2,001 places (the
 * story of bench-bigviews, written at run time by tests/make-big-story.py): a search, an
 * actor filter narrowed, widened and cleared. The map view is the only view of its state,
 * so the time until the change is shown is the view state's (finding the shown events
 * once for every view) plus the map's; the view state's is measured alone on a second
 * state with no view, and the map's is the difference. Then the time until the next frame
 * is painted. Then edits, each followed by a search and its clearing. Then a plain map
 * of 200,000 points, which a search leaves as it is. Prints
 * medians, with the main thread's CPU time; asserts nothing about time, only that the map
 * did change (or, on the plain map, did not). */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dl-map-view.h"
#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-test-util.h"

#define N_EVENTS 100000
#define N_POINTS 200000
#define RUNS 9

/* Each dot's actor, as a checksum: at the closest zoom every place is a cluster of one. */
static char *
dot_colors (DlPointLayer *layer)
{
  g_autoptr(GArray) clusters = dl_point_layer_list_clusters (layer, 24, FALSE);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);

  for (guint i = 0; i < clusters->len; i++)
    {
      const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);
      DlActor *actor = dl_point_layer_get_cluster_actor (layer, cluster);
      const char *id = actor != NULL ? dl_actor_get_id (actor) : "none";

      g_checksum_update (checksum, (const guchar *) dl_place_get_id (cluster->place), -1);
      g_checksum_update (checksum, (const guchar *) id, strlen (id) + 1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct
{
  const char         *what;
  const char * const *actors;
  const char         *text;
} Step;

typedef struct
{
  GArray *state_ms;   /* the view state alone */
  GArray *state_cpu;
  GArray *sync_ms;    /* the view state and the map */
  GArray *sync_cpu;
  GArray *frame_ms;   /* until the next frame is painted */
  GArray *frame_cpu;
  GArray *map_ms;     /* the difference, run by run */
  GArray *map_cpu;
} Figures;

static void
add (GArray *values,
     double  value)
{
  g_array_append_val (values, value);
}

static void
apply (DlFilter   *filter,
       const Step *step)
{
  dl_filter_set_actors (filter, step->actors);
  dl_filter_set_text (filter, step->text);
}

/* The filter set (a search, then cleared) on @state, and alone on @bare: the map's part,
 * and the whole until the next frame, added to @map and @frame. */
static void
measure_one (GtkWidget   *window,
             DlViewState *state,
             DlViewState *bare,
             const Step  *step,
             GArray      *map,
             GArray      *frame)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = dl_test_thread_cpu_ms (), alone;

  apply (dl_view_state_get_filter (bare), step);
  alone = dl_test_thread_cpu_ms () - cpu;
  start = g_get_monotonic_time ();
  cpu = dl_test_thread_cpu_ms ();
  apply (dl_view_state_get_filter (state), step);
  add (map, dl_test_thread_cpu_ms () - cpu - alone);
  gtk_test_widget_wait_for_draw (window);
  add (frame, dl_test_ms_since (start));
}

/* One event after another given the next actor, as the editor does, each edit shown on
 * the map (dl_map_view_update_places(), as the window asks), then a search and its
 * clearing: the map's CPU time for each. */
static void
measure_edits (GtkWidget   *window,
               DlMapView   *map,
               DlViewState *state,
               DlViewState *bare,
               guint        runs)
{
  static const Step search = { "search", NULL, "market" };
  static const Step cleared = { "cleared", NULL, NULL };
  DlStory *story = dl_view_state_get_story (state);
  GListModel *events = dl_story_get_events (story);
  GListModel *actors = dl_story_get_actors (story);
  g_autoptr(GArray) edit_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, (run * 7919 + 11) %
                                                        g_list_model_get_n_items (events));
      DlActor *main_actor = dl_event_get_main_actor (event);
      g_autoptr(DlActor) other = NULL;
      g_autoptr(DlOperation) operation = NULL;
      g_autoptr(GPtrArray) places = g_ptr_array_new ();
      g_autoptr(GPtrArray) edited = g_ptr_array_new ();
      guint index = 0;
      double cpu;

      for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
        {
          g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);

          if (actor == main_actor)
            index = i + 1;
        }
      other = g_list_model_get_item (actors, index % g_list_model_get_n_items (actors));
      operation = dl_operation_new_set_event_actors (event, 1, &other, NULL);
      for (guint j = 0; j < dl_event_get_n_places (event); j++)
        g_ptr_array_add (places, dl_event_get_place (event, j, NULL));
      g_ptr_array_add (edited, event);

      cpu = dl_test_thread_cpu_ms ();
      dl_operation_apply (operation);
      dl_map_view_update_places (map, places, edited);
      add (edit_cpu, dl_test_thread_cpu_ms () - cpu);
      gtk_test_widget_wait_for_draw (window);
      measure_one (window, state, bare, &search, search_cpu, search_ms);
      measure_one (window, state, bare, &cleared, clear_cpu, clear_ms);
    }
  g_print ("%-28s map CPU %6.2f ms\n", "an event given another actor",
           dl_test_median (edit_cpu));
  g_print ("%-28s map CPU %6.2f ms; next frame painted %6.2f ms\n", "  …then a search",
           dl_test_median (search_cpu), dl_test_median (search_ms));
  g_print ("%-28s map CPU %6.2f ms; next frame painted %6.2f ms (medians of %u runs)\n",
           "  …and cleared", dl_test_median (clear_cpu), dl_test_median (clear_ms), runs);
}

/* Shows the map of @path, applies @steps in turn @runs times, prints the medians. */
static void
measure (const char *path,
         const Step *steps,
         guint       n_steps,
         guint       runs,
         gboolean    plain)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlViewState) state = dl_view_state_new ();
  g_autoptr(DlViewState) bare = dl_view_state_new ();
  g_autoptr(GError) error = NULL;
  g_autofree Figures *figures = g_new0 (Figures, n_steps);
  GtkWidget *window;
  DlMapView *map;
  DlPointLayer *layer;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n_places;
  gint64 start;

  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  n_places = g_list_model_get_n_items (dl_story_get_places (story));
  g_print ("The map of %u events at %u places, 900×800:\n",
           g_list_model_get_n_items (dl_story_get_events (story)), n_places);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  map = DL_MAP_VIEW (dl_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  dl_map_view_set_view_state (map, state);
  start = g_get_monotonic_time ();
  dl_view_state_set_story (state, story);
  dl_view_state_set_story (bare, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_print ("%-28s %7.1f ms\n", "shown (first frame)", dl_test_ms_since (start));
  layer = dl_map_view_get_point_layer (map);
  g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, n_places);
  first = dot_colors (layer);
  last = g_strdup (first);

  for (guint i = 0; i < n_steps; i++)
    {
      figures[i].state_ms = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].state_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].sync_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].map_ms = g_array_new (FALSE, FALSE, sizeof (double));
      figures[i].map_cpu = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint run = 0; run < runs; run++)
    for (guint i = 0; i < n_steps; i++)
      {
        g_autofree char *colors = NULL;
        double cpu, alone_ms, alone_cpu, ms;

        start = g_get_monotonic_time ();
        cpu = dl_test_thread_cpu_ms ();
        apply (dl_view_state_get_filter (bare), &steps[i]);
        alone_ms = dl_test_ms_since (start);
        alone_cpu = dl_test_thread_cpu_ms () - cpu;
        add (figures[i].state_ms, alone_ms);
        add (figures[i].state_cpu, alone_cpu);

        start = g_get_monotonic_time ();
        cpu = dl_test_thread_cpu_ms ();
        apply (dl_view_state_get_filter (state), &steps[i]);
        ms = dl_test_ms_since (start);
        add (figures[i].sync_ms, ms);
        add (figures[i].map_ms, ms - alone_ms);
        ms = dl_test_thread_cpu_ms () - cpu;
        add (figures[i].sync_cpu, ms);
        add (figures[i].map_cpu, ms - alone_cpu);
        gtk_test_widget_wait_for_draw (window);
        add (figures[i].frame_ms, dl_test_ms_since (start));
        add (figures[i].frame_cpu, dl_test_thread_cpu_ms () - cpu);

        /* the dots did change colour, all back when cleared; a plain map's stay */
        colors = dot_colors (layer);
        if (plain)
          g_assert_cmpstr (colors, ==, first);
        else
          g_assert_cmpstr (colors, !=, last);
        if (steps[i].actors == NULL && steps[i].text == NULL)
          g_assert_cmpstr (colors, ==, first);
        g_free (last);
        last = g_steal_pointer (&colors);
      }

  for (guint i = 0; i < n_steps; i++)
    {
      g_print ("%-28s map %6.2f ms (CPU %6.2f): state and map %6.2f (CPU %6.2f), state "
               "alone %6.2f (CPU %6.2f); next frame painted %6.2f ms (CPU %6.2f) "
               "(medians of %u runs)\n", steps[i].what, dl_test_median (figures[i].map_ms),
               dl_test_median (figures[i].map_cpu), dl_test_median (figures[i].sync_ms),
               dl_test_median (figures[i].sync_cpu), dl_test_median (figures[i].state_ms),
               dl_test_median (figures[i].state_cpu), dl_test_median (figures[i].frame_ms),
               dl_test_median (figures[i].frame_cpu), runs);
      g_array_unref (figures[i].state_ms);
      g_array_unref (figures[i].state_cpu);
      g_array_unref (figures[i].sync_ms);
      g_array_unref (figures[i].sync_cpu);
      g_array_unref (figures[i].frame_ms);
      g_array_unref (figures[i].frame_cpu);
      g_array_unref (figures[i].map_ms);
      g_array_unref (figures[i].map_cpu);
    }
  if (!plain)
    measure_edits (window, map, state, bare, runs);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const a0[] = { "a0", NULL };
  static const char * const a0_a1[] = { "a0", "a1", NULL };
  static const Step steps[] = {
    { "search \"market\"", NULL, "market" },
    { "  …and cleared", NULL, NULL },
    { "actor filter a0", a0, NULL },
    { "  …widened to a0, a1", a0_a1, NULL },
    { "  …narrowed to a0", a0, NULL },
    { "  …and cleared", NULL, NULL },
  };
  static const Step plain_steps[] = {
    { "search \"market\"", NULL, "market" },
    { "  …and cleared", NULL, NULL },
  };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  dir = g_dir_make_tmp ("dateline-mapfilter-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = dl_test_make_big_story (dir, "events", N_EVENTS);

    measure (path, steps, G_N_ELEMENTS (steps), RUNS, FALSE);
    g_unlink (path);
  }
  {
    g_autofree char *path = dl_test_make_big_story (dir, "points", N_POINTS);

    measure (path, plain_steps, G_N_ELEMENTS (plain_steps), 5, TRUE);
    g_unlink (path);
  }
  g_rmdir (dir);
  return 0;
}
