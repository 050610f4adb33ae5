/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The views follow an edit by redoing only what it touched (the map per place, the
 * article per event): what a user sees after each edit and each undo must be what a new
 * window shows on the story as saved then. Compared: the list's rows, the map's markers
 * (where, how many events, which colour) or dots and clusters at several zooms, the
 * legend, and the article's tinted ranges with their colours; with and without a filter,
 * with marker widgets and with the dot layer. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-view-updates"

#include "config.h"

#include <adwaita.h>

#include "dl-event-row.h"
#include "dl-marker.h"
#include "dl-operation.h"
#include "dl-point-layer.h"
#include "dl-resources.h"
#include "dl-test-edit.h"
#include "dl-test-window.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

/* Places spread over the world, events at one or two of them with zero to two actors,
 * each quoting its own sentence of the article. */
static DlStory *
generated_story (guint n_places,
                 guint n_events)
{
  static const char * const actors[] = { "red", "blue", "green" };
  static const char * const colors[] = { "#c0392b", "#2471a3", "#1e8449" };
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  DlStory *story;

  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (text, "Sentence number %u of the report. ", i);
  g_string_append_printf (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                          "\"article\":{\"title\":\"Generated\",\"published\":\"2024-12-08\","
                          "\"text\":\"%s\"},\"actors\":[", text->str);
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\",\"color\":\"%s\"}",
                            i > 0 ? "," : "", actors[i], actors[i], colors[i]);
  g_string_append (json, "],\"events\":[");
  for (guint i = 0; i < n_events; i++)
    {
      guint n_actors = g_rand_int_range (rand, 0, 3);

      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"title\":\"Event %u\","
                              "\"when\":{\"start\":\"2024-%02d-%02d\"},\"places\":["
                              "{\"place\":\"p%u\"}", i > 0 ? "," : "", i, i,
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                              g_rand_int_range (rand, 0, n_places));
      if (g_rand_boolean (rand))
        g_string_append_printf (json, ",{\"place\":\"p%u\"}",
                                g_rand_int_range (rand, 0, n_places));
      g_string_append (json, "],\"actors\":[");
      for (guint j = 0; j < n_actors; j++)
        g_string_append_printf (json, "%s{\"actor\":\"%s\"}", j > 0 ? "," : "",
                                actors[g_rand_int_range (rand, 0, G_N_ELEMENTS (actors))]);
      g_string_append_printf (json, "],\"passages\":[{\"exact\":\"Sentence number %u of\"}]}",
                              i);
    }
  g_string_append (json, "]},\"features\":[");
  for (guint i = 0; i < n_places; i++)
    g_string_append_printf (json, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                            "{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]},"
                            "\"properties\":{\"name\":\"Place %u\"}}", i > 0 ? "," : "", i,
                            g_rand_double_range (rand, -170, 170),
                            g_rand_double_range (rand, -60, 70), i);
  g_string_append (json, "]}");

  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "generated.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static void
describe_list (DlWindow *window,
               GString  *out)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (dl_window_get_list_view (window)));

  g_string_append (out, "list:\n");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (model, i);

      g_string_append_printf (out, "  %s %s\n", dl_event_get_id (event),
                              dl_event_get_title (event));
    }
}

typedef struct
{
  GtkTextBuffer *buffer;
  GPtrArray     *lines;
} TintWalk;

/* Every stretch of the article each tint tag covers, with the tag's colour. */
static void
collect_tint (GtkTextTag *tag,
              gpointer    data)
{
  TintWalk *walk = data;
  g_autofree char *name = NULL;
  g_autoptr(GString) color = g_string_new (NULL);
  GdkRGBA *rgba = NULL;
  GtkTextIter iter;

  g_object_get (tag, "name", &name, "background-rgba", &rgba, NULL);
  if (name == NULL || !g_str_has_prefix (name, "tint:"))
    {
      g_clear_pointer (&rgba, gdk_rgba_free);
      return;
    }
  if (rgba != NULL)
    dl_test_append_color (color, rgba);
  g_clear_pointer (&rgba, gdk_rgba_free);

  gtk_text_buffer_get_start_iter (walk->buffer, &iter);
  while (gtk_text_iter_starts_tag (&iter, tag)
         || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      int start = gtk_text_iter_get_offset (&iter);

      if (!gtk_text_iter_starts_tag (&iter, tag))
        break;
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      g_ptr_array_add (walk->lines, g_strdup_printf ("  %08d-%08d %s", start,
                                                     gtk_text_iter_get_offset (&iter),
                                                     color->str));
    }
}

static void
describe_article (DlWindow *window,
                  GString  *out)
{
  GtkTextView *view = dl_article_view_get_text_view (dl_window_get_article_view (window));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  TintWalk walk = { gtk_text_view_get_buffer (view), lines };

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (walk.buffer), collect_tint,
                              &walk);
  g_string_append (out, "article tints:\n");
  dl_test_append_sorted (out, lines);
}

/* What a user sees of the story in @window, as text. */
static char *
describe_views (DlWindow *window)
{
  DlMapView *map_view = dl_window_get_map_view (window);
  DlPointLayer *layer = dl_map_view_get_point_layer (map_view);
  g_autofree char *legend = dl_map_legend_dup_names (dl_map_view_get_legend (map_view));
  GString *out = g_string_new (NULL);

  describe_list (window, out);
  if (gtk_widget_get_visible (GTK_WIDGET (layer)))
    {
      static const int zooms[] = { 2, 6, 12 };

      dl_test_describe_dots (layer, zooms, G_N_ELEMENTS (zooms), out);
    }
  else
    dl_test_describe_markers (map_view, dl_window_get_story (window), out);
  g_string_append_printf (out, "legend: %s\n", legend);
  describe_article (window, out);
  return g_string_free (out, FALSE);
}

typedef struct
{
  DlWindow           *edited;
  DlWindow           *fresh;
  const char * const *actors;  /* the filter both windows apply, or NULL */
  const char         *text;
  guint               n_compared;
} Session;

/* The edited window shows what a new window shows on the story saved now. */
static void
assert_like_fresh (Session    *session,
                   const char *after)
{
  g_autoptr(GBytes) bytes = dl_story_to_bytes (dl_window_get_story (session->edited));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) saved = dl_story_new_from_bytes (bytes, "saved.geojson", &error);
  g_autofree char *edited = NULL;
  g_autofree char *fresh = NULL;

  g_assert_no_error (error);
  dl_window_set_story (session->fresh, saved);
  if (session->actors != NULL || session->text != NULL)
    dl_test_set_filter (session->fresh, session->actors, session->text);
  edited = describe_views (session->edited);
  fresh = describe_views (session->fresh);
  if (g_strcmp0 (edited, fresh) != 0)
    {
      g_auto(GStrv) a = g_strsplit (edited, "\n", -1);
      g_auto(GStrv) b = g_strsplit (fresh, "\n", -1);
      guint i = 0;

      /* the first line that differs, not pages of both */
      while (a[i] != NULL && b[i] != NULL && g_str_equal (a[i], b[i]))
        i++;
      g_test_message ("after %s, line %u", after, i);
      g_assert_cmpstr (a[i], ==, b[i]);
    }
  session->n_compared++;
}

static void
push (Session     *session,
      DlOperation *operation,
      const char  *what)
{
  dl_document_push (dl_window_get_document (session->edited), operation);
  assert_like_fresh (session, what);
}

static void
undo (Session    *session,
      const char *what)
{
  dl_history_undo (dl_document_get_history (dl_window_get_document (session->edited)));
  assert_like_fresh (session, what);
}

static void
redo (Session    *session,
      const char *what)
{
  dl_history_redo (dl_document_get_history (dl_window_get_document (session->edited)));
  assert_like_fresh (session, what);
}

/* The edits of the benchmark, each undone, then a random session with undos and redos. */
static void
run_session (guint               n_places,
             guint               n_events,
             const char * const *actors,
             const char         *text,
             gboolean            expect_dots)
{
  g_autoptr(DlStory) story = generated_story (n_places, n_events);
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_places * 7 + (actors != NULL) + 1);
  Session session = { dl_window_new (NULL), dl_window_new (NULL), actors, text };
  DlPlace *place;
  DlEvent *event;
  guint serial = 0;
  DlTime time;
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (session.edited), 1200, 800);
  dl_window_set_story (session.edited, story);
  if (actors != NULL || text != NULL)
    dl_test_set_filter (session.edited, actors, text);
  gtk_window_present (GTK_WINDOW (session.edited));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (session.edited));
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_point_layer (
                     dl_window_get_map_view (session.edited)))), ==, expect_dots);
  assert_like_fresh (&session, "opening");

  event = dl_story_lookup_event (story, "e3");
  place = dl_event_get_place (event, 0, NULL);
  push (&session, dl_operation_new_set_event_title (event, "Sentence renamed"), "a rename");
  undo (&session, "undoing a rename");
  push (&session, dl_operation_new_move_place (place, (DlLonLat) { .lon = 12.5, .lat = 41.9 }),
        "a move");
  undo (&session, "undoing a move");
  g_assert_true (dl_time_parse ("1999-01-01", &time, &error));
  push (&session, dl_operation_new_set_event_start (event, &time), "an event moved in time");
  undo (&session, "undoing a move in time");
  push (&session, dl_operation_new_remove_event (story, event), "a delete");
  undo (&session, "undoing a delete");
  redo (&session, "redoing a delete");
  undo (&session, "undoing a delete again");

  for (guint step = 0; step < 20; step++)
    {
      DlOperation *operation = dl_test_random_operation (story, rand, &serial);
      g_autofree char *what = NULL;

      if (operation == NULL)
        continue;
      what = g_strdup_printf ("random step %u (%s)", step, dl_operation_get_label (operation));
      push (&session, operation, what);
      if (step % 5 == 4)
        {
          undo (&session, what);
          redo (&session, what);
        }
    }
  g_test_message ("%u comparisons", session.n_compared);
  g_assert_cmpuint (session.n_compared, >, 15);

  dl_document_discard (dl_window_get_document (session.edited));
  dl_test_close_window (session.edited);
  dl_test_close_window (session.fresh);
}

static void
test_markers (void)
{
  run_session (40, 80, NULL, NULL, FALSE);
}

static void
test_markers_filtered (void)
{
  static const char * const actors[] = { "red", "green", NULL };

  run_session (40, 80, actors, NULL, FALSE);
}

static void
test_dots (void)
{
  run_session (240, 400, NULL, NULL, TRUE);
}

static void
test_dots_filtered (void)
{
  static const char * const actors[] = { "blue", NULL };

  /* the search keeps events 1, 10–19, 100–199…; a rename takes one out */
  run_session (240, 400, actors, "Event 1", TRUE);
}

/* A search or an actor filter changed step by step: each step narrows, widens, moves
 * sideways or clears what the last showed, and the window then shows what a new window
 * shows with that filter set once: the same rows, markers or dots, legend and tints. */
static void
run_filter_steps (guint    n_places,
                  guint    n_events,
                  gboolean expect_dots)
{
  static const char * const red[] = { "red", NULL };
  static const char * const red_blue[] = { "red", "blue", NULL };
  static const char * const green[] = { "green", NULL };
  static const char * const none[] = { NULL };
  static const struct
  {
    const char * const *actors;
    const char         *text;
  } steps[] = {
    { NULL, "number 1" },            /* 1, 10–19, 100–199 … */
    { NULL, "number 12" },           /* narrower */
    { NULL, "number 2" },            /* sideways */
    { NULL, NULL },                  /* cleared: every event again */
    { red, NULL },
    { red_blue, NULL },              /* wider */
    { green, NULL },                 /* sideways */
    { green, "number 1" },
    { none, NULL },                  /* nothing */
    { NULL, NULL },
  };
  g_autoptr(DlStory) story = generated_story (n_places, n_events);
  DlWindow *window = dl_window_new (NULL);
  DlWindow *fresh = dl_window_new (NULL);
  DlFilter *filter;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_default_size (GTK_WINDOW (fresh), 1200, 800);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  filter = dl_view_state_get_filter (dl_window_get_view_state (window));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(DlStory) again = generated_story (n_places, n_events);
      GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (
                                         dl_window_get_list_view (window)));
      g_autofree char *seen = NULL;
      g_autofree char *expected = NULL;

      dl_filter_set_actors (filter, steps[i].actors);
      dl_filter_set_text (filter, steps[i].text);
      dl_window_set_story (fresh, again);
      dl_test_set_filter (fresh, steps[i].actors, steps[i].text);
      seen = describe_views (window);
      expected = describe_views (fresh);
      if (g_strcmp0 (seen, expected) != 0)
        {
          g_auto(GStrv) a = g_strsplit (seen, "\n", -1);
          g_auto(GStrv) b = g_strsplit (expected, "\n", -1);
          guint line = 0;

          while (a[line] != NULL && b[line] != NULL && g_str_equal (a[line], b[line]))
            line++;
          g_test_message ("step %u, line %u", i, line);
          g_assert_cmpstr (a[line], ==, b[line]);
        }
      /* the steps do change what is shown */
      if (steps[i].actors != NULL || steps[i].text != NULL)
        g_assert_cmpuint (g_list_model_get_n_items (rows), <, n_events);
      else
        g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_events);
    }
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_point_layer (
                     dl_window_get_map_view (window)))), ==, expect_dots);

  dl_test_close_window (window);
  dl_test_close_window (fresh);
}

static void
test_filter_steps (void)
{
  run_filter_steps (40, 300, FALSE);
}

static void
test_filter_steps_dots (void)
{
  run_filter_steps (240, 400, TRUE);
}

/* The event rows the list shows now (at least partly), top to bottom. */
static GPtrArray *
shown_rows (DlWindow *window)
{
  GtkWidget *list = GTK_WIDGET (dl_window_get_list_view (window));
  GPtrArray *rows = g_ptr_array_new ();
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (row == NULL || !DL_IS_EVENT_ROW (row) || !gtk_widget_get_mapped (row)
          || !gtk_widget_compute_bounds (row, list, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height <= 0
          || bounds.origin.y >= gtk_widget_get_height (list))
        continue;
      /* in order of where they are */
      {
        double top = bounds.origin.y;
        guint at = 0;

        while (at < tops->len && g_array_index (tops, double, at) < top)
          at++;
        g_array_insert_val (tops, at, top);
        g_ptr_array_insert (rows, at, row);
      }
    }
  return rows;
}

/* The rows shown are the list's events in its order. With @others, most show an event no
 * row showed before (@before, the set of events of the rows given @mark then), on rows the
 * list had before: a change of the filter gives rows new events rather than making new
 * rows. Without, the events shown are among those shown before. */
static void
assert_rows_follow (DlWindow   *window,
                    GQuark      mark,
                    GHashTable *before,
                    gboolean    others)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (dl_window_get_list_view (window)));
  g_autoptr(GPtrArray) rows = shown_rows (window);
  guint n = g_list_model_get_n_items (model), first = 0, rebound = 0, kept = 0;
  DlEvent *top;

  g_assert_cmpuint (rows->len, >, 5);
  top = dl_event_row_get_event (rows->pdata[0]);
  while (first < n)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (model, first);

      if (event == top)
        break;
      first++;
    }
  g_assert_cmpuint (first, <, n);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (model, first + i);

      g_assert_true (dl_event_row_get_event (rows->pdata[i]) == event);
      if (g_hash_table_contains (before, event))
        continue;
      rebound++;
      if (g_object_get_qdata (rows->pdata[i], mark) != NULL)
        kept++;
    }
  g_test_message ("%u of %u rows show another event, %u on a row made before; the top row "
                  "at %u of %u", rebound, rows->len, kept, first, n);
  if (others)
    {
      /* the change does show other events, on the rows there were */
      g_assert_cmpuint (rebound * 2, >, rows->len);
      g_assert_cmpuint (kept, ==, rebound);
    }
  else
    g_assert_cmpuint (rebound, ==, 0);
}

/* Marks every row the list has, shown or kept ready, and gives the set of their events. */
static GHashTable *
mark_rows (DlWindow *window,
           GQuark    mark)
{
  GtkWidget *list = GTK_WIDGET (dl_window_get_list_view (window));
  GHashTable *events = g_hash_table_new (NULL, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row == NULL || !DL_IS_EVENT_ROW (row))
        continue;
      g_object_set_qdata (G_OBJECT (row), mark, GINT_TO_POINTER (1));
      g_hash_table_add (events, dl_event_row_get_event (DL_EVENT_ROW (row)));
    }
  return events;
}

/* A time range and its clearing, from the top of the list and from its middle: the list
 * shows the right events, on the rows it had. */
static void
test_list_rows (void)
{
  g_autoptr(DlStory) story = generated_story (40, 3000);
  DlWindow *window = dl_window_new (NULL);
  DlFilter *filter = dl_view_state_get_filter (dl_window_get_view_state (window));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
                                GTK_SCROLLABLE (dl_window_get_list_view (window)));
  GQuark mark = g_quark_from_static_string ("test-view-updates-mark");
  DlTime november;

  g_assert_true (dl_time_parse ("2024-11", &november, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (guint from_middle = 0; from_middle < 2; from_middle++)
    {
      g_autoptr(GHashTable) before = NULL;

      if (from_middle)
        {
          gtk_adjustment_set_value (adjustment, 0);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
        }
      /* the last two months: no row near the top or the middle shows one of them */
      before = mark_rows (window, mark);
      dl_filter_set_time_range (filter, &november, NULL);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      assert_rows_follow (window, mark, before, TRUE);

      g_hash_table_unref (before);
      before = mark_rows (window, mark);
      /* every event back: the list stays on those it showed */
      dl_filter_set_time_range (filter, NULL, NULL);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      assert_rows_follow (window, mark, before, FALSE);
    }
  dl_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/view-updates/markers", test_markers);
  g_test_add_func ("/view-updates/markers-filtered", test_markers_filtered);
  g_test_add_func ("/view-updates/dots", test_dots);
  g_test_add_func ("/view-updates/dots-filtered", test_dots_filtered);
  g_test_add_func ("/view-updates/filter-steps", test_filter_steps);
  g_test_add_func ("/view-updates/list-rows", test_list_rows);
  g_test_add_func ("/view-updates/filter-steps-dots", test_filter_steps_dots);
  return g_test_run ();
}
