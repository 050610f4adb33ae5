/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The event editor as a user works it: a place found by typing in the Add Place popover
 * among 10,000 (far beyond what a menu could list), an actor chosen with Enter, places
 * already in the event not offered again; the Approximate switch, what the events list
 * then shows ("about Dec 2024") and its undo; the timeline's soft edge for such a time. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-event-editor"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "dl-event-editor.h"
#include "dl-event-row.h"
#include "dl-row-text.h"
#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-timeline-strip.h"
#include "dl-timeline-view.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#define N_PLACES 10000
#define N_ACTORS 100

typedef struct
{
  DlDocument    *document;
  DlStory       *story;
  DlEvent       *event;
  DlEventEditor *editor;
} Fixture;

static GBytes *
big_story (void)
{
  GString *s = g_string_new ("{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                             "\"article\":{\"title\":\"Many places\",\"text\":\"Text.\"},"
                             "\"actors\":[");

  for (guint i = 0; i < N_ACTORS; i++)
    g_string_append_printf (s, "%s{\"id\":\"a%u\",\"name\":\"Actor %u\"}", i ? "," : "", i, i);
  g_string_append (s, "],\"events\":[{\"id\":\"e\",\"title\":\"Talks\",\"when\":\"2024-12\","
                      "\"places\":[\"p0\"]}]},\"features\":[");
  for (guint i = 0; i < N_PLACES; i++)
    g_string_append_printf (s, "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"geometry\":"
                            "{\"type\":\"Point\",\"coordinates\":[%g,%g]},"
                            "\"properties\":{\"name\":\"Place %u\"}}",
                            i ? "," : "", i, -170.0 + (i % 340), -60.0 + (i / 340) * 0.5, i);
  g_string_append (s, "]}");
  return g_string_free_to_bytes (s);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) bytes = big_story ();
  g_autoptr(GError) error = NULL;

  fixture->story = dl_story_new_from_bytes (bytes, "many.geojson", &error);
  g_assert_no_error (error);
  fixture->document = dl_document_new (fixture->story, NULL);
  fixture->event = dl_story_lookup_event (fixture->story, "e");
  fixture->editor = dl_event_editor_new (NULL, fixture->document, fixture->event);
  gtk_window_present (GTK_WINDOW (fixture->editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->editor));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->editor));
  g_clear_object (&fixture->document);
  g_clear_object (&fixture->story);
}

/* A visible label reading @text under @widget. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (DL_IS_ROW_TEXT (widget)
      && g_strcmp0 (dl_row_text_get_text (DL_ROW_TEXT (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* A row of the editor's lists titled @title. */
static gboolean
has_row (GtkWidget  *widget,
         const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_row (child, title))
      return TRUE;
  return FALSE;
}

/* Types @text into the chooser's search and waits for the list to follow it. */
static void
search (DlMemberChooser *chooser,
        const char      *text,
        guint            expected)
{
  GListModel *shown = dl_member_chooser_get_shown (chooser);

  gtk_editable_set_text (dl_member_chooser_get_entry (chooser), text);
  /* the search entry waits a moment after the last key, then filters */
  while (g_list_model_get_n_items (shown) != expected)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chooser));
}

static void
test_choose_far_place (Fixture       *fixture,
                       gconstpointer  data)
{
  DlMemberChooser *chooser = dl_event_editor_get_chooser (fixture->editor, TRUE);
  GListModel *shown = dl_member_chooser_get_shown (chooser);
  DlPlace *far = dl_story_lookup_place (fixture->story, "p9876");

  gtk_popover_popup (GTK_POPOVER (chooser));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chooser));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (dl_member_chooser_get_entry (chooser)))
                 || gtk_widget_is_focus (GTK_WIDGET (dl_member_chooser_get_entry (chooser)))
                 || gtk_widget_get_focus_child (GTK_WIDGET (
                      dl_member_chooser_get_entry (chooser))) != NULL);
  /* every place but the one the event has */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_PLACES - 1);
  g_assert_true (shows_label (GTK_WIDGET (chooser), "Place 1"));
  g_assert_false (shows_label (GTK_WIDGET (chooser), "Place 0"));

  search (chooser, "place 9876", 1);
  g_assert_true (shows_label (GTK_WIDGET (chooser), "Place 9876"));
  g_assert_false (shows_label (GTK_WIDGET (chooser), "Place 1"));

  /* a click on the row */
  g_signal_emit_by_name (dl_member_chooser_get_list_view (chooser), "activate", 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_assert_true (dl_event_has_place (fixture->event, far));
  g_assert_true (dl_event_get_place (fixture->event, 1, NULL) == far);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->editor));
  g_assert_true (has_row (GTK_WIDGET (fixture->editor), "Place 9876"));

  /* not offered again; and the next time it opens, the search starts afresh */
  gtk_popover_popup (GTK_POPOVER (chooser));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chooser));
  g_assert_cmpstr (gtk_editable_get_text (dl_member_chooser_get_entry (chooser)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_PLACES - 2);
  search (chooser, "place 9876", 0);
  g_assert_true (shows_label (GTK_WIDGET (chooser), "No Matches"));
  gtk_popover_popdown (GTK_POPOVER (chooser));

  /* one undoable step */
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.undo", NULL);
  g_assert_false (dl_event_has_place (fixture->event, far));
  g_assert_false (has_row (GTK_WIDGET (fixture->editor), "Place 9876"));
}

/* Enter in the search takes the first match; accents and case do not matter. */
static void
test_choose_actor_enter (Fixture       *fixture,
                         gconstpointer  data)
{
  DlMemberChooser *chooser = dl_event_editor_get_chooser (fixture->editor, FALSE);
  DlActor *actor = dl_story_lookup_actor (fixture->story, "a77");

  gtk_popover_popup (GTK_POPOVER (chooser));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (dl_member_chooser_get_shown (chooser)), ==,
                    N_ACTORS);
  search (chooser, "ÂCTOR 77", 1);
  g_signal_emit_by_name (dl_member_chooser_get_entry (chooser), "activate");
  g_assert_true (dl_event_has_actor (fixture->event, actor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->editor));
  g_assert_true (has_row (GTK_WIDGET (fixture->editor), "Actor 77"));
}

/* Without a start an event has no end or wording a story could write: clearing the start
 * clears them in the same step, the rows wait for a start (saying so), and undo gives
 * all three back. */
static void
test_clear_start (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwEntryRow *start = dl_event_editor_get_row (fixture->editor, "start");
  AdwEntryRow *end = dl_event_editor_get_row (fixture->editor, "end");
  AdwEntryRow *when = dl_event_editor_get_row (fixture->editor, "when");
  DlHistory *history = dl_document_get_history (fixture->document);
  DlTime end_time = { .precision = DL_TIME_YEAR, .year = 2025, .month = 1, .day = 1 };
  g_autoptr(GBytes) saved = NULL;

  dl_document_push (fixture->document, dl_operation_new_set_event_end (fixture->event,
                                                                        &end_time));
  dl_document_push (fixture->document,
                    dl_operation_new_set_event_when_text (fixture->event, "that winter"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (end)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (when)));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (when)));

  gtk_editable_set_text (GTK_EDITABLE (start), "");
  g_signal_emit_by_name (start, "apply");
  g_assert_cmpint (dl_event_get_start (fixture->event)->precision, ==, DL_TIME_NONE);
  g_assert_null (dl_event_get_end (fixture->event));
  g_assert_null (dl_event_get_when_text (fixture->event));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Change Event Time");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (end)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (when)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (when)), ==,
                   "Give the event a start first");
  /* what the file will say is what the event says */
  saved = dl_story_to_bytes (fixture->story);
  g_assert_null (strstr (g_bytes_get_data (saved, NULL), "that winter"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.undo", NULL);
  g_assert_cmpint (dl_event_get_start (fixture->event)->precision, !=, DL_TIME_NONE);
  g_assert_nonnull (dl_event_get_end (fixture->event));
  g_assert_cmpstr (dl_event_get_when_text (fixture->event), ==, "that winter");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (when)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (when)), ==, "that winter");
}

/* The switch: the event becomes approximate in one step, the events list says "about",
 * undo turns the switch back off. */
static void
test_approximate_switch (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkSwitch *toggle = dl_event_editor_get_approximate_switch (fixture->editor);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = dl_event_row_new ();
  DlHistory *history = dl_document_get_history (fixture->document);

  dl_event_row_set_event (DL_EVENT_ROW (row), fixture->event);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_true (shows_label (row, "Dec 2024"));

  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (dl_event_get_approximate (fixture->event));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Change Event Time");
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (shows_label (row, "about Dec 2024"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.undo", NULL);
  g_assert_false (dl_event_get_approximate (fixture->event));
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_false (dl_history_get_can_undo (history));
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (shows_label (row, "Dec 2024"));

  /* a redo shows in the editor too, without a second step */
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.redo", NULL);
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (dl_history_get_can_undo (history));
  g_assert_false (dl_history_get_can_redo (history));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* How far up from a mark's centre the strip is tinted. */
static int
tint_reach (cairo_surface_t *surface,
            double           x,
            double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int reach = 0;

  cairo_surface_flush (surface);
  for (int py = (int) y; py >= 0; py--)
    {
      const guint8 *p = data + py * stride + 4 * (int) x;

      /* white background: a tinted pixel has a channel clearly below it */
      if (p[0] > 245 && p[1] > 245 && p[2] > 245)
        break;
      reach++;
    }
  return reach;
}

/* An approximate time's mark has a soft edge reaching well beyond an exact one's. */
static void
test_timeline_soft_edge (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DlEvent) exact = dl_event_new ("exact");
  g_autoptr(DlEvent) about = dl_event_new ("about");
  g_autoptr(DlTimelineStrip) strip = NULL;
  DlStripStyle style = { { 0, 0, 0 }, { 1, 1, 1, 1 }, { 0.2, 0.4, 0.9 }, 1, FALSE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 90);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GObject) pango = G_OBJECT (pango_font_map_create_context (
                                         pango_cairo_font_map_get_default ()));
  DlTime t1 = { DL_TIME_MONTH, 2024, 3, 1 };
  DlTime t2 = { DL_TIME_MONTH, 2024, 9, 1 };
  const DlStripMark *marks[2];
  int exact_reach = 0, about_reach = 0;

  dl_event_set_start (exact, &t1);
  dl_event_set_start (about, &t2);
  dl_event_set_approximate (about, TRUE);
  g_ptr_array_add (events, g_object_ref (exact));
  g_ptr_array_add (events, g_object_ref (about));
  strip = dl_timeline_strip_new (events, 600, 90, 1, FALSE);
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (strip), ==, 2);
  dl_timeline_strip_draw (strip, cr, PANGO_CONTEXT (pango), &style, NULL, -1, 0, 0);
  cairo_destroy (cr);

  for (guint i = 0; i < 2; i++)
    {
      marks[i] = dl_timeline_strip_get_mark (strip, i);
      g_assert_cmpfloat (fabs (marks[i]->y - marks[0]->y), <, 0.5);
      if (marks[i]->event == exact)
        exact_reach = tint_reach (surface, marks[i]->x, marks[i]->y);
      else
        about_reach = tint_reach (surface, marks[i]->x, marks[i]->y);
    }
  g_test_message ("tinted above the centre: exact %d px, approximate %d px", exact_reach,
                  about_reach);
  g_assert_cmpint (exact_reach, >, 0);
  g_assert_cmpint (about_reach, >=, exact_reach + 3);
  cairo_surface_destroy (surface);
}

/* In the window: the events list and the timeline follow the flag, and its undo. */
static void
test_window_follows (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_file (file, NULL, &error);
  DlWindow *window = dl_window_new (NULL);
  DlTimelineView *view;
  DlDocument *document;
  DlEvent *event = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *about = NULL;
  GListModel *events;

  g_assert_no_error (error);
  events = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (events) && event == NULL; i++)
    {
      g_autoptr(DlEvent) candidate = g_list_model_get_item (events, i);

      if (dl_event_get_start (candidate) != NULL
          && dl_event_get_start (candidate)->precision != DL_TIME_NONE
          && dl_event_get_when_text (candidate) == NULL)
        event = candidate;
    }
  g_assert_nonnull (event);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  document = dl_window_get_document (window);
  view = dl_timeline_get_view (dl_window_get_timeline (window));
  exact = dl_event_format_start (event);
  g_assert_true (shows_label (GTK_WIDGET (dl_window_get_list_view (window)), exact));

  dl_document_push (document, dl_operation_new_set_event_approximate (event, TRUE));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  about = dl_event_format_start (event);
  g_assert_true (g_str_has_prefix (about, "about ") || g_str_has_prefix (about, "c. "));
  g_assert_true (shows_label (GTK_WIDGET (dl_window_get_list_view (window)), about));
  {
    DlTimelineStrip *strip = dl_timeline_view_get_strip (view);
    int index = dl_timeline_strip_find (strip, event);

    g_assert_cmpint (index, >=, 0);
    g_assert_true (dl_timeline_strip_get_mark (strip, index)->approximate);
  }

  dl_history_undo (dl_document_get_history (document));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (shows_label (GTK_WIDGET (dl_window_get_list_view (window)), exact));
  {
    DlTimelineStrip *strip = dl_timeline_view_get_strip (view);

    g_assert_false (dl_timeline_strip_get_mark (strip,
                                                dl_timeline_strip_find (strip, event))
                    ->approximate);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/event-editor/chooser/far-place", Fixture, NULL, fixture_setup,
              test_choose_far_place, fixture_teardown);
  g_test_add ("/event-editor/chooser/actor-enter", Fixture, NULL, fixture_setup,
              test_choose_actor_enter, fixture_teardown);
  g_test_add ("/event-editor/time/clear-start", Fixture, NULL, fixture_setup,
              test_clear_start, fixture_teardown);
  g_test_add ("/event-editor/approximate/switch", Fixture, NULL, fixture_setup,
              test_approximate_switch, fixture_teardown);
  g_test_add ("/event-editor/approximate/timeline", Fixture, NULL, fixture_setup,
              test_timeline_soft_edge, fixture_teardown);
  g_test_add_func ("/event-editor/approximate/window", test_window_follows);
  return g_test_run ();
}
