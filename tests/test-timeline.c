/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-resources.h"
#include "dl-test-util.h"
#include "dl-test-window.h"
#include "dl-window-private.h"

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->story = dl_bundled_story_load (&error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1400, 900);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name,
                 GType       type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if ((name != NULL && g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
          || (name == NULL && G_TYPE_CHECK_INSTANCE_TYPE (controller, type)))
        return controller;
    }
  return NULL;
}

static DlTimelineView *
strip_view (Fixture *fixture)
{
  return dl_timeline_get_view (dl_window_get_timeline (fixture->window));
}

static DlTimelineStrip *
strip (Fixture *fixture)
{
  return dl_timeline_view_get_strip (strip_view (fixture));
}

/* The ids of the events with a mark, in the strip's (time) order, joined by commas. */
static char *
mark_ids (Fixture *fixture)
{
  DlTimelineStrip *s = strip (fixture);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < dl_timeline_strip_get_n_marks (s); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "",
                            dl_event_get_id (dl_timeline_strip_get_mark (s, i)->event));
  return g_strdup (ids->str);
}

/* The ids of the shown events the list holds, in its order, joined by commas. */
static char *
list_ids (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (
    dl_window_get_list_view (fixture->window)));
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", dl_event_get_id (event));
    }
  return g_strdup (ids->str);
}

static gboolean
marker_shown (Fixture    *fixture,
              const char *place_id)
{
  DlMapView *map = dl_window_get_map_view (fixture->window);
  g_autoptr(GList) markers = dl_map_view_list_shown_markers (map);
  DlPlace *place = dl_story_lookup_place (fixture->story, place_id);

  g_assert_nonnull (place);
  for (GList *l = markers; l != NULL; l = l->next)
    if (dl_marker_get_place (l->data) == place)
      return TRUE;
  return FALSE;
}

static gboolean
tinted_at (Fixture *fixture,
           int      offset)
{
  GtkTextView *view = dl_article_view_get_text_view (
    dl_window_get_article_view (fixture->window));
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      if (name != NULL && g_str_has_prefix (name, "tint:"))
        return TRUE;
    }
  return FALSE;
}

/* The strip shows every shown event, in time order, in its main actor's colour; the
 * actor filter and the search apply to it like to the list. */
static void
test_marks (Fixture       *fixture,
            gconstpointer  data)
{
  DlViewState *state = dl_window_get_view_state (fixture->window);
  DlTimelineStrip *s = strip (fixture);
  g_autofree char *all = mark_ids (fixture);
  g_autofree char *list = list_ids (fixture);
  const char *israel[] = { "israel", NULL };
  double previous = -1;

  g_assert_nonnull (s);
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (s), ==, 35);
  g_assert_cmpstr (all, ==, list);
  for (guint i = 0; i < dl_timeline_strip_get_n_marks (s); i++)
    {
      const DlStripMark *mark = dl_timeline_strip_get_mark (s, i);
      DlActor *actor = dl_event_get_main_actor (mark->event);
      double r, g, b;

      dl_actor_get_rgb (actor, &r, &g, &b);
      g_assert_cmpfloat (mark->red, ==, r);
      g_assert_cmpfloat (mark->green, ==, g);
      g_assert_cmpfloat (mark->blue, ==, b);
      g_assert_cmpfloat (mark->x, >=, previous);
      previous = mark->x;
    }

  dl_filter_set_actors (dl_view_state_get_filter (state), israel);
  {
    g_autofree char *marks = mark_ids (fixture);
    g_autofree char *rows = list_ids (fixture);

    g_assert_cmpuint (dl_timeline_strip_get_n_marks (strip (fixture)), ==, 6);
    g_assert_cmpstr (marks, ==, rows);
  }
  dl_filter_set_actors (dl_view_state_get_filter (state), NULL);
  gtk_editable_set_text (GTK_EDITABLE (dl_window_get_search_entry (fixture->window)),
                         "Moscow");
  dl_filter_set_text (dl_view_state_get_filter (state), "Moscow");
  {
    g_autofree char *marks = mark_ids (fixture);
    g_autofree char *rows = list_ids (fixture);

    g_assert_cmpuint (dl_timeline_strip_get_n_marks (strip (fixture)), <, 35);
    g_assert_cmpstr (marks, ==, rows);
  }
}

/* Hovering a mark names its event; clicking it selects the event (the list follows), and
 * the strip rings it; a screen reader hears its date and title. */
static void
test_hover_and_click (Fixture       *fixture,
                      gconstpointer  data)
{
  DlViewState *state = dl_window_get_view_state (fixture->window);
  DlTimelineView *view = strip_view (fixture);
  DlTimelineStrip *s = strip (fixture);
  GtkEventController *drag = find_controller (GTK_WIDGET (view), NULL, GTK_TYPE_GESTURE_DRAG);
  DlEvent *flight = dl_story_lookup_event (fixture->story, "assad-flight");
  int index = dl_timeline_strip_find (s, flight);
  const DlStripMark *mark;
  g_autofree char *text = NULL;
  GtkSelectionModel *selection;

  g_assert_cmpint (index, >=, 0);
  mark = dl_timeline_strip_get_mark (s, index);
  g_assert_cmpint (dl_timeline_strip_mark_at (s, mark->x, mark->y), ==, index);
  g_assert_cmpint (dl_timeline_strip_mark_at (s, mark->x + 1.5, mark->y - 1.5), ==, index);
  text = dl_timeline_view_describe_mark (view, index);
  g_assert_cmpstr (text, ==, "8 Dec 2024: Assad flees Damascus for Moscow");

  g_assert_nonnull (drag);
  g_signal_emit_by_name (drag, "drag-begin", mark->x, mark->y);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_true (dl_view_state_is_selected (state, flight));
  g_assert_cmpuint (dl_view_state_get_selected_events (state)->len, ==, 1);
  g_assert_cmpint (dl_timeline_view_get_focus (view), ==, index);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "8 Dec 2024: Assad flees Damascus for Moscow");

  selection = gtk_list_view_get_model (dl_window_get_list_view (fixture->window));
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
    g_autoptr(DlEvent) row = NULL;

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
    row = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_nth (selected, 0));
    g_assert_true (row == flight);
  }

  /* a click between marks changes nothing */
  g_signal_emit_by_name (drag, "drag-begin", 2.0, 2.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_true (dl_view_state_is_selected (state, flight));
}

/* Dragging across the strip filters by time: list, map, article tints and strip; the
 * chip says the range and removes it. */
static void
test_drag_range (Fixture       *fixture,
                 gconstpointer  data)
{
  DlViewState *state = dl_window_get_view_state (fixture->window);
  DlTimelineView *view = strip_view (fixture);
  DlTimelineStrip *s = strip (fixture);
  GtkEventController *drag = find_controller (GTK_WIDGET (view), NULL, GTK_TYPE_GESTURE_DRAG);
  DlTimeChip *chip = dl_window_get_time_chip (fixture->window);
  DlTime day;
  double x0, x1;
  g_autoptr(GPtrArray) passages = NULL;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chip)));
  g_assert_true (marker_shown (fixture, "abu-dhabi"));

  /* from the middle of 7 December to the middle of 8 December */
  g_assert_true (dl_time_parse ("2024-12-07T12:00Z", &day, NULL));
  x0 = dl_timeline_strip_time_to_x (s, dl_time_get_first_second (&day));
  g_assert_true (dl_time_parse ("2024-12-08T12:00Z", &day, NULL));
  x1 = dl_timeline_strip_time_to_x (s, dl_time_get_first_second (&day));
  g_assert_cmpfloat (x1 - x0, >, 20);
  g_signal_emit_by_name (drag, "drag-begin", x0, 5.0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, 0.0);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chip)));
  g_assert_cmpstr (dl_time_chip_get_text (chip), ==, "7–8 Dec 2024");

  /* 9 December (Abu Dhabi, Riyadh) is out; so are 1967, 1981, 2016 … */
  g_assert_false (marker_shown (fixture, "abu-dhabi"));
  g_assert_false (marker_shown (fixture, "riyadh"));
  g_assert_true (marker_shown (fixture, "moscow"));
  g_assert_true (marker_shown (fixture, "homs"));
  {
    g_autofree char *marks = mark_ids (fixture);
    g_autofree char *rows = list_ids (fixture);

    g_assert_cmpstr (marks, ==, rows);
    g_assert_null (strstr (rows, "golan-1967"));
    g_assert_cmpuint (dl_view_state_get_n_shown (state), <, 35);
    g_assert_cmpuint (dl_timeline_strip_get_n_marks (strip (fixture)), ==,
                      dl_view_state_get_n_shown (state));
  }
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (fixture->window)), ==,
                   g_strdup_printf ("%u of 35 events", dl_view_state_get_n_shown (state)));

  /* the article tints the passages of shown events only */
  passages = dl_story_list_passages (fixture->story);
  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *passage = passages->pdata[i];
      g_autoptr(GPtrArray) here = dl_story_passages_at (fixture->story, passage->start);
      gboolean any_shown = FALSE;

      for (guint k = 0; k < here->len; k++)
        any_shown |= dl_view_state_is_shown (state,
                                             ((const DlPassage *) here->pdata[k])->event);
      g_assert_cmpint (tinted_at (fixture, passage->start), ==, any_shown);
    }

  /* the chip removes the range */
  g_signal_emit_by_name (chip, "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chip)));
  g_assert_cmpuint (dl_view_state_get_n_shown (state), ==, 35);
  g_assert_true (marker_shown (fixture, "abu-dhabi"));
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (strip (fixture)), ==, 35);
}

/* The arrows move between the marks, selecting each; right to left in Arabic. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  DlViewState *state = dl_window_get_view_state (fixture->window);
  DlTimelineView *view = strip_view (fixture);
  GtkEventController *keys = find_controller (GTK_WIDGET (view), "dl-timeline-keys", 0);
  DlTimelineStrip *s;
  gboolean handled = FALSE;

  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (handled);
  s = strip (fixture);
  g_assert_true (dl_view_state_is_selected (state, dl_timeline_strip_get_mark (s, 0)->event));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (dl_view_state_is_selected (state, dl_timeline_strip_get_mark (s, 1)->event));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_End, 0, 0, &handled);
  g_assert_true (dl_view_state_is_selected (state, dl_timeline_strip_get_mark (s, 34)->event));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_true (dl_view_state_is_selected (state, dl_timeline_strip_get_mark (s, 33)->event));
  /* other keys go on to others (Tab leaves, the window's shortcuts work) */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_a, 0, 0, &handled);
  g_assert_false (handled);

  /* right to left: time runs leftward, and Right goes back in time */
  gtk_widget_set_direction (GTK_WIDGET (view), GTK_TEXT_DIR_RTL);
  s = strip (fixture);
  g_assert_cmpfloat (dl_timeline_strip_get_mark (s, 0)->x, >,
                     dl_timeline_strip_get_mark (s, 34)->x);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (dl_view_state_is_selected (state, dl_timeline_strip_get_mark (s, 32)->event));
}

static DlEvent *
selected_row (Fixture *fixture)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (
    dl_window_get_list_view (fixture->window));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  g_autoptr(DlEvent) row = NULL;

  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  row = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_nth (selected, 0));
  return row;
}

/* Play steps through the shown events in time order (the list row follows), and stops
 * when the reader does anything else: a key, a click elsewhere. */
static void
test_play (Fixture       *fixture,
           gconstpointer  data)
{
  DlTimeline *timeline = dl_window_get_timeline (fixture->window);
  DlPlayer *player = dl_timeline_get_player (timeline);
  DlViewState *state = dl_window_get_view_state (fixture->window);
  GtkEventController *keys = find_controller (GTK_WIDGET (fixture->window),
                                              "dl-timeline-window-keys", 0);
  GtkEventController *click = find_controller (GTK_WIDGET (fixture->window),
                                               "dl-timeline-window-click", 0);
  const char *israel[] = { "israel", NULL };
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  DlTimelineStrip *s;
  gboolean handled = FALSE;
  GtkWidget *controls;
  double x, y;

  g_assert_nonnull (keys);
  dl_filter_set_actors (dl_view_state_get_filter (state), israel);
  s = strip (fixture);
  dl_player_set_step_duration (player, 150);

  /* Space with the focus on the strip plays */
  gtk_widget_grab_focus (GTK_WIDGET (dl_timeline_get_view (timeline)));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (dl_player_get_playing (player));
  while (dl_player_get_playing (player))
    {
      DlEvent *current = dl_player_get_current (player);

      if (seen->len == 0 || seen->pdata[seen->len - 1] != current)
        {
          g_ptr_array_add (seen, current);
          g_assert_true (selected_row (fixture) == current);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (seen->len, ==, dl_timeline_strip_get_n_marks (s));
  for (guint i = 0; i < seen->len; i++)
    g_assert_true (seen->pdata[i] == dl_timeline_strip_get_mark (s, i)->event);

  /* a key stops it */
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.play", NULL);
  g_assert_true (dl_player_get_playing (player));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_false (dl_player_get_playing (player));

  /* a click on the map stops it, a click on the Play controls does not */
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.play", NULL);
  g_assert_true (dl_player_get_playing (player));
  controls = gtk_widget_get_first_child (GTK_WIDGET (timeline));
  g_assert_true (gtk_widget_translate_coordinates (controls, GTK_WIDGET (fixture->window),
                                                   gtk_widget_get_width (controls) / 2.0,
                                                   gtk_widget_get_height (controls) / 2.0,
                                                   &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_true (dl_player_get_playing (player));
  g_assert_true (gtk_widget_translate_coordinates (
    GTK_WIDGET (dl_window_get_map_view (fixture->window)), GTK_WIDGET (fixture->window),
    100, 100, &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_false (dl_player_get_playing (player));
}

/* With animations off (reduced motion), each step jumps the map onto the event's place. */
static void
test_play_jumps (Fixture       *fixture,
                 gconstpointer  data)
{
  DlTimeline *timeline = dl_window_get_timeline (fixture->window);
  DlPlayer *player = dl_timeline_get_player (timeline);
  ShumateViewport *viewport = dl_map_view_get_viewport (dl_window_get_map_view (fixture->window));
  const char *ids[] = { "golan-1967", "golan-annexation" };
  const char *places[] = { "golan-heights", "golan-heights" };

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      DlPlace *place = dl_story_lookup_place (fixture->story, places[i]);
      DlLonLat sw, ne;

      g_assert_true (dl_player_next (player));
      g_assert_cmpstr (dl_event_get_id (dl_player_get_current (player)), ==, ids[i]);
      dl_place_get_bounds (place, &sw, &ne);
      g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))
                               - (sw.lat + ne.lat) / 2), <, 0.5);
      g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))
                               - (sw.lon + ne.lon) / 2), <, 0.5);
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

/* F5 presents: full screen, larger type, the current event over the map; Escape leaves. */
static void
test_present (Fixture       *fixture,
              gconstpointer  data)
{
  DlTimeline *timeline = dl_window_get_timeline (fixture->window);
  DlPlayer *player = dl_timeline_get_player (timeline);
  GtkEventController *keys = find_controller (GTK_WIDGET (fixture->window),
                                              "dl-timeline-window-keys", 0);
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_F5, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (dl_timeline_get_presenting (timeline));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "dl-presenting"));
  g_assert_true (dl_player_get_playing (player));
  g_object_get (timeline, "current-title", &title, "current-date", &date, NULL);
  g_assert_cmpstr (title, ==, "Israel occupies the Golan Heights in the 1967 war");
  g_assert_cmpstr (date, ==, "Jun 1967");
  dl_test_run_for (300);

  /* the arrows step while presenting, whatever has the focus */
  dl_player_stop (player);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (handled);
  g_clear_pointer (&title, g_free);
  g_object_get (timeline, "current-title", &title, NULL);
  g_assert_cmpstr (title, ==, "Israel annexes the Golan; only the US recognises it");

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_false (dl_timeline_get_presenting (timeline));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "dl-presenting"));
  g_assert_false (dl_player_get_playing (player));
  dl_test_run_for (300);
}

/* A plain GeoJSON map has places but no events: no timeline under it. */
static void
test_plain_map (Fixture       *fixture,
                gconstpointer  data)
{
  const char *json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                     "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.3,33.5]},"
                     "\"properties\":{\"name\":\"Damascus\"}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) plain = dl_story_new_from_bytes (bytes, "plain.geojson", &error);
  DlTimeline *timeline = dl_window_get_timeline (fixture->window);

  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (timeline)));
  dl_window_set_story (fixture->window, plain);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (timeline)));
  dl_window_set_story (fixture->window, fixture->story);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (timeline)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "test", TRUE);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/timeline/marks", Fixture, NULL, fixture_setup, test_marks, fixture_teardown);
  g_test_add ("/timeline/hover-and-click", Fixture, NULL, fixture_setup, test_hover_and_click,
              fixture_teardown);
  g_test_add ("/timeline/drag-range", Fixture, NULL, fixture_setup, test_drag_range,
              fixture_teardown);
  g_test_add ("/timeline/keys", Fixture, NULL, fixture_setup, test_keys, fixture_teardown);
  g_test_add ("/timeline/play", Fixture, NULL, fixture_setup, test_play, fixture_teardown);
  g_test_add ("/timeline/present", Fixture, NULL, fixture_setup, test_present,
              fixture_teardown);
  g_test_add ("/timeline/play-jumps", Fixture, NULL, fixture_setup, test_play_jumps,
              fixture_teardown);
  g_test_add ("/timeline/plain-map", Fixture, NULL, fixture_setup, test_plain_map,
              fixture_teardown);

  return g_test_run ();
}
