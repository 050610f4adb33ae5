/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dl-actor-chip.h"
#include "dl-actor-chips.h"
#include "dl-event-row.h"
#include "dl-focus.h"
#include "dl-mercator.h"
#include "dl-offline-source.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static DlStory *
load_story (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->story = load_story ("window-story.geojson");
  /* drawn twice: the list and the markers settle after the first allocation */
  fixture->window = dl_test_show_story (fixture->story, 1400, 900);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->story);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (DL_IS_EVENT_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget) && dl_event_row_get_event (DL_EVENT_ROW (widget)))
        g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The event ids of the rows a user sees, sorted. */
static char *
shown_row_ids (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (dl_window_get_list_view (fixture->window)), rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, (char *) dl_event_get_id (dl_event_row_get_event (rows->pdata[i])));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static char *
shown_marker_ids (Fixture *fixture)
{
  GList *markers = dl_map_view_list_shown_markers (dl_window_get_map_view (fixture->window));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (GList *l = markers; l != NULL; l = l->next)
    g_ptr_array_add (ids, (char *) dl_place_get_id (dl_marker_get_place (l->data)));
  g_list_free (markers);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static char *
selected_row_ids (Fixture *fixture)
{
  GtkSelectionModel *model = gtk_list_view_get_model (dl_window_get_list_view (fixture->window));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GtkBitsetIter iter;
  guint index;

  if (gtk_bitset_iter_init_first (&iter, selected, &index))
    do
      {
        g_autoptr(DlEvent) event = g_list_model_get_item (G_LIST_MODEL (model), index);

        g_ptr_array_add (ids, (char *) dl_event_get_id (event));
      }
    while (gtk_bitset_iter_next (&iter, &index));
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

/* The emphasised ranges of the article buffer, as "start-end,start-end". */
static char *
emphasised_ranges (Fixture *fixture)
{
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dl_article_view_get_text_view (article));
  GtkTextTag *tag = dl_article_view_get_emphasis_tag (article);
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (TRUE)
    {
      int start;

      if (!gtk_text_iter_starts_tag (&iter, tag)
          && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      if (!gtk_text_iter_starts_tag (&iter, tag))
        break;
      start = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      g_string_append_printf (out, "%s%d-%d", out->len > 0 ? "," : "", start,
                              gtk_text_iter_get_offset (&iter));
    }
  return g_string_free (out, FALSE);
}

static char *
passage_ranges (DlStory     *story,
                const char **event_ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; event_ids[i] != NULL; i++)
    {
      DlEvent *event = dl_story_lookup_event (story, event_ids[i]);

      for (guint j = 0; j < dl_event_get_n_passages (event); j++)
        {
          const DlPassage *p = dl_event_get_passage (event, j);

          g_string_append_printf (out, "%s%d-%d", out->len > 0 ? "," : "", p->start, p->end);
        }
    }
  return g_string_free (out, FALSE);
}

static void
check_marker_label (DlMarker   *marker,
                    const char *expected)
{
  g_autofree char *error = NULL;

  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (dl_marker_get_button (marker)),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  g_assert_null (error);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  return NULL;
}

/* The chips a row shows: "● NAME" of each, joined by "|". */
static char *
row_chips (GtkWidget *row)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DL_IS_ACTOR_CHIPS (child))
      for (GtkWidget *chip = gtk_widget_get_first_child (child); chip != NULL;
           chip = gtk_widget_get_next_sibling (chip))
        {
          if (out->len > 0)
            g_string_append_c (out, '|');
          g_string_append (out, dl_actor_chip_get_text (DL_ACTOR_CHIP (chip)));
        }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A row given one event after another (as the list recycles rows while it scrolls) keeps
 * or makes chips for just the new event's actors, in its order. */
static void
test_row_rebind (void)
{
  g_autoptr(DlStory) story = load_story ("window-story.geojson");
  GListModel *events = dl_story_get_events (story);
  GtkWidget *row = g_object_ref_sink (dl_event_row_new ());
  guint n = g_list_model_get_n_items (events);

  g_assert_cmpuint (n, >, 2);
  /* forwards and back: more actors after fewer and fewer after more */
  for (guint k = 0; k < 2 * n; k++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, k < n ? k : 2 * n - 1 - k);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *chips = NULL;

      dl_event_row_set_event (DL_EVENT_ROW (row), event);
      for (guint i = 0; i < dl_event_get_n_actors (event); i++)
        {
          if (expected->len > 0)
            g_string_append_c (expected, '|');
          g_string_append_printf (expected, "● %s",
                                  dl_actor_get_name (dl_event_get_actor (event, i, NULL)));
        }
      chips = row_chips (row);
      g_assert_cmpstr (chips, ==, expected->str);
    }
  dl_event_row_set_event (DL_EVENT_ROW (row), NULL);
  g_object_unref (row);
}

static void
test_rows_and_markers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *rows = shown_row_ids (fixture);
  g_autofree char *markers = shown_marker_ids (fixture);
  DlMapView *map = dl_window_get_map_view (fixture->window);
  DlMarker *homs = dl_map_view_get_marker (map, dl_story_lookup_place (fixture->story, "homs"));

  g_assert_cmpstr (rows, ==, "asylum,damascus-joy,flight,golan,homs-crowds,homs-taken");
  g_assert_cmpstr (markers, ==, "damascus,flight-route,golan,homs,moscow");
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (fixture->window)), ==,
                   "6 events");

  /* A row's list item, the widget the keyboard focuses, says the whole row. */
  {
    g_autoptr(GPtrArray) shown = g_ptr_array_new ();
    g_autofree char *error = NULL;
    GtkWidget *homs_row = NULL;

    collect_rows (GTK_WIDGET (dl_window_get_list_view (fixture->window)), shown);
    for (guint i = 0; i < shown->len; i++)
      if (g_str_equal (dl_event_get_id (dl_event_row_get_event (shown->pdata[i])), "homs-taken"))
        homs_row = shown->pdata[i];
    g_assert_nonnull (homs_row);
    error = gtk_test_accessible_check_property (
        GTK_ACCESSIBLE (gtk_widget_get_parent (homs_row)), GTK_ACCESSIBLE_PROPERTY_LABEL,
        "on Saturday · 7 Dec 2024: Rebels take Homs. Places: Homs. Actors: HTS.");
    g_assert_null (error);
  }

  /* Markers are buttons a keyboard reaches, named for a screen reader. */
  g_assert_true (gtk_widget_get_focusable (dl_marker_get_button (homs)));

  /* Tab in the list goes on to the map, not to the next of many rows. */
  {
    GtkWidget *list = GTK_WIDGET (dl_window_get_list_view (fixture->window));
    GtkEventController *keys = find_controller (list, "dl-list-tab");
    gboolean handled = FALSE;
    GtkWidget *focus;

    g_assert_nonnull (keys);
    g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
    g_assert_true (handled);
    focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (map)));
  }
  check_marker_label (homs, "Homs, 2 events");
  g_assert_cmpuint (dl_marker_get_n_events (homs), ==, 2);
  /* The area and the route are drawn as shapes. */
  g_assert_cmpuint (dl_map_view_get_n_shapes (map), ==, 2);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Rebels take Homs, Assad leaves for Moscow");

  /* On open the view frames where the story happens (Damascus and Homs, not Moscow): the
   * zoom fits that box exactly… */
  {
    ShumateViewport *viewport = dl_map_view_get_viewport (map);
    g_autoptr(GArray) visible = dl_visible_places (fixture->story, NULL);
    DlLonLat sw, ne;
    double lat, lon, zoom;

    g_assert_true (dl_focus_get_bounds (visible, &sw, &ne));
    g_assert_cmpfloat (ne.lat, <, 40);
    dl_map_compute_fit (&sw, &ne, gtk_widget_get_width (GTK_WIDGET (map)),
                        gtk_widget_get_height (GTK_WIDGET (map)), 48,
                        shumate_viewport_get_min_zoom_level (viewport), 9, &lat, &lon, &zoom);
    g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                    lat, 0.01);
  }
  /* …and after Ctrl+0 each marker is inside the map. */
  {
    GList *shown = NULL;

    dl_map_view_fit_shown (map, FALSE);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
    shown = dl_map_view_list_shown_markers (map);

    for (GList *l = shown; l != NULL; l = l->next)
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (l->data, GTK_WIDGET (map), &bounds));
        g_assert_cmpfloat (bounds.origin.x, >=, 0);
        g_assert_cmpfloat (bounds.origin.y, >=, 0);
        g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                           gtk_widget_get_width (GTK_WIDGET (map)));
        g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                           gtk_widget_get_height (GTK_WIDGET (map)));
      }
    g_list_free (shown);
  }
}

static void
test_homs_marker (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *homs_events[] = { "homs-taken", "homs-crowds", NULL };
  DlMapView *map = dl_window_get_map_view (fixture->window);
  DlPlace *homs = dl_story_lookup_place (fixture->story, "homs");
  DlMarker *marker = dl_map_view_get_marker (map, homs);
  g_autofree char *expected = passage_ranges (fixture->story, homs_events);
  g_autofree char *emphasised = NULL;
  g_autofree char *selected = NULL;
  GtkPopover *popover;

  g_assert_cmpstr (emphasised = emphasised_ranges (fixture), ==, "");
  g_clear_pointer (&emphasised, g_free);

  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");

  /* Its events are selected in the list, in time order. */
  g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "homs-taken,homs-crowds");
  /* Exactly the Homs passages are emphasised in the article. */
  g_assert_cmpstr (emphasised = emphasised_ranges (fixture), ==, expected);
  g_assert_true (dl_marker_get_selected (marker));
  g_assert_false (dl_marker_get_selected (dl_map_view_get_marker (map,
                    dl_story_lookup_place (fixture->story, "moscow"))));

  /* A popover lists them. */
  popover = dl_map_view_get_popover (map);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Escape clears the selection. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-selection", NULL);
  g_clear_pointer (&emphasised, g_free);
  g_clear_pointer (&selected, g_free);
  g_assert_cmpstr (emphasised = emphasised_ranges (fixture), ==, "");
  g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "");
  g_assert_false (dl_marker_get_selected (marker));
}

static void
test_actor_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  DlActorFilter *actor_filter = dl_window_get_actor_filter (fixture->window);
  GListModel *actors = dl_story_get_actors (fixture->story);
  g_autofree char *rows = NULL;
  g_autofree char *markers = NULL;
  g_autofree char *selected = NULL;

  /* Select Moscow's events first: the filter must unselect them. */
  dl_view_state_select_place (dl_window_get_view_state (fixture->window),
                              dl_story_lookup_place (fixture->story, "moscow"));
  g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "flight,asylum");
  g_clear_pointer (&selected, g_free);

  /* Untick every actor but HTS, as a user would in the popover. */
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);
      GtkCheckButton *check = dl_actor_filter_get_check (actor_filter, dl_actor_get_id (actor));

      g_assert_nonnull (check);
      g_assert_true (gtk_check_button_get_active (check));
      if (!g_str_equal (dl_actor_get_id (actor), "hts"))
        gtk_check_button_set_active (check, FALSE);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_cmpstr (rows = shown_row_ids (fixture), ==, "homs-taken");
  g_assert_cmpstr (markers = shown_marker_ids (fixture), ==, "homs");
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (fixture->window)), ==,
                   "1 of 6 events");
  g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "");
  check_marker_label (dl_map_view_get_marker (dl_window_get_map_view (fixture->window),
                                              dl_story_lookup_place (fixture->story, "homs")),
                      "Homs, 1 event");
  /* Neither the area nor the route has a shown event. */
  g_assert_cmpuint (dl_map_view_get_n_shapes (dl_window_get_map_view (fixture->window)), ==, 0);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkSearchEntry *entry = dl_window_get_search_entry (fixture->window);
  g_autofree char *rows = NULL;
  g_autofree char *markers = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  /* Matches a place name ("Moscow") as well as a title. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "moscow");
  g_signal_emit_by_name (entry, "search-changed");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_cmpstr (rows = shown_row_ids (fixture), ==, "asylum,flight");
  g_assert_cmpstr (markers = shown_marker_ids (fixture), ==, "damascus,flight-route,moscow");
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (fixture->window)), ==,
                   "2 of 6 events");
}

static void
test_click_passage (Fixture       *fixture,
                    gconstpointer  data)
{
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextView *text_view = dl_article_view_get_text_view (article);
  DlEvent *asylum = dl_story_lookup_event (fixture->story, "asylum");
  const DlPassage *passage = dl_event_get_passage (asylum, 0);
  const char *asylum_ids[] = { "asylum", NULL };
  g_autofree char *expected = passage_ranges (fixture->story, asylum_ids);
  g_autofree char *selected = NULL;
  g_autofree char *emphasised = NULL;
  GtkGesture *gesture = dl_article_view_get_click_gesture (article);
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  g_assert_nonnull (gesture);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                      passage->start + 3);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2,
                                         &x, &y);

  g_signal_emit_by_name (gesture, "pressed", 1, (double) x, (double) y);
  g_signal_emit_by_name (gesture, "released", 1, (double) x, (double) y);

  g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "asylum");
  g_assert_cmpstr (emphasised = emphasised_ranges (fixture), ==, expected);
  g_assert_true (dl_marker_get_selected (dl_map_view_get_marker (
                   dl_window_get_map_view (fixture->window),
                   dl_story_lookup_place (fixture->story, "moscow"))));

  /* A click outside every passage changes nothing. */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                      dl_story_get_text_length (fixture->story) - 1);
  g_signal_emit_by_name (gesture, "pressed", 1, 2.0, 2.0);
  g_signal_emit_by_name (gesture, "released", 1, 2.0, 2.0);
  g_clear_pointer (&selected, g_free);
  g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "asylum");

  /* From the keyboard: the caret in a passage, then Enter. */
  {
    DlEvent *taken = dl_story_lookup_event (fixture->story, "homs-taken");
    GtkEventController *keys = find_controller (GTK_WIDGET (text_view), "dl-passage-keys");
    gboolean handled = FALSE;

    g_assert_nonnull (keys);
    gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                        dl_event_get_passage (taken, 0)->start + 1);
    gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (text_view), &iter);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    g_assert_true (handled);
    g_clear_pointer (&selected, g_free);
    g_assert_cmpstr (selected = selected_row_ids (fixture), ==, "homs-taken");

    /* Enter outside every passage is left to the text view. */
    gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                        dl_story_get_text_length (fixture->story));
    gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (text_view), &iter);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    g_assert_false (handled);
  }
}

static void
test_broken_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-broken.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, dl_test_flag_cb, &timed_out);
  GtkWindow *dialog;
  const char *body;

  dl_window_open_file (fixture->window, file);
  g_assert_true (dl_window_is_loading (fixture->window));
  while (dl_window_is_loading (fixture->window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* The story already open stays… */
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Rebels take Homs, Assad leaves for Moscow");
  /* …and the error names the file and the place in it. */
  dialog = dl_window_get_error_dialog (fixture->window);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("error: %s", body);
  g_assert_true (g_str_has_prefix (body, "window-broken.geojson:"));
  g_assert_nonnull (strstr (body, "homs-crowds"));
}

static void
test_open_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, dl_test_flag_cb, &timed_out);
  g_autofree char *markers = NULL;

  dl_window_open_file (fixture->window, file);
  while (dl_window_is_loading (fixture->window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  g_assert_true (dl_window_get_story (fixture->window) != fixture->story);
  g_assert_null (dl_window_get_error_dialog (fixture->window));
  g_assert_cmpstr (markers = shown_marker_ids (fixture), ==,
                   "damascus,flight-route,golan,homs,moscow");
}


static gboolean
viewport_near (ShumateViewport *viewport,
               DlLonLat         where)
{
  return fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - where.lat) < 0.5
         && fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - where.lon) < 0.5;
}

static void
test_select_row (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkSelectionModel *model = gtk_list_view_get_model (dl_window_get_list_view (fixture->window));
  DlMapView *map = dl_window_get_map_view (fixture->window);
  ShumateViewport *viewport = dl_map_view_get_viewport (map);
  DlPlace *moscow = dl_story_lookup_place (fixture->story, "moscow");
  const char *asylum_ids[] = { "asylum", NULL };
  g_autofree char *expected = passage_ranges (fixture->story, asylum_ids);
  g_autofree char *emphasised = NULL;
  gboolean timed_out = FALSE;
  guint timeout;
  guint position = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_str_equal (dl_event_get_id (event), "asylum"))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_false (viewport_near (viewport, dl_place_get_anchor (moscow)));

  /* Clicking a row selects it alone, as the list view does. */
  gtk_selection_model_select_item (model, position, TRUE);

  g_assert_cmpstr (emphasised = emphasised_ranges (fixture), ==, expected);
  g_assert_true (dl_marker_get_selected (dl_map_view_get_marker (map, moscow)));

  /* The map moves to Moscow, animated. */
  timeout = g_timeout_add_seconds (20, dl_test_flag_cb, &timed_out);
  while (!viewport_near (viewport, dl_place_get_anchor (moscow)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
test_narrow (void)
{
  g_autoptr(DlStory) story = load_story ("window-story.geojson");
  DlWindow *window = dl_window_new (NULL);
  g_autofree char *markers = NULL;
  gboolean timed_out = FALSE;
  guint timeout;
  GList *shown;

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));

  timeout = g_timeout_add_seconds (20, dl_test_flag_cb, &timed_out);
  while (!dl_window_is_narrow (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The map stays, with every marker; the folded panes are one button away. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dl_window_get_map_view (window))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (dl_window_get_list_view (window))));
  shown = dl_map_view_list_shown_markers (dl_window_get_map_view (window));
  g_assert_cmpuint (g_list_length (shown), ==, 5);
  g_list_free (shown);

  /* Show in Article unfolds the article. */
  g_signal_emit_by_name (dl_window_get_map_view (window), "show-passage",
                         dl_story_lookup_event (story, "asylum"), 0);
  timed_out = FALSE;
  timeout = g_timeout_add_seconds (20, dl_test_flag_cb, &timed_out);
  while (!gtk_widget_get_mapped (GTK_WIDGET (dl_window_get_article_view (window))) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_remembers_panes (void)
{
  g_autoptr(DlStory) story = load_story ("window-story.geojson");
  DlWindow *window;
  GtkWidget *paned;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "events-pane-width", 333);
  window = dl_test_show_story (story, 1300, 800);

  paned = gtk_widget_get_ancestor (GTK_WIDGET (dl_window_get_list_view (window)), GTK_TYPE_PANED);
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (paned)), ==, 333);

  /* The reader drags the handle; closing the window remembers it. */
  gtk_paned_set_position (GTK_PANED (paned), 401);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "events-pane-width"), ==, 401);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1300);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkDropTarget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        found = GTK_DROP_TARGET (controller);
    }
  g_object_unref (controllers);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_drop_target (child);
  return found;
}

static void
test_drop_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (fixture->window));
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE, timed_out = FALSE;
  guint timeout;

  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  timeout = g_timeout_add_seconds (30, dl_test_flag_cb, &timed_out);
  while (dl_window_is_loading (fixture->window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* The dropped file is the story now. */
  g_assert_true (dl_window_get_story (fixture->window) != fixture->story);
  g_assert_cmpuint (g_list_model_get_n_items (
                      dl_story_get_events (dl_window_get_story (fixture->window))), ==, 6);
}

static void
test_show_in_article (Fixture       *fixture,
                      gconstpointer  data)
{
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dl_article_view_get_text_view (article));
  DlEvent *crowds = dl_story_lookup_event (fixture->story, "homs-crowds");
  const DlPassage *passage = dl_event_get_passage (crowds, 0);
  DlMapView *map = dl_window_get_map_view (fixture->window);
  GtkTextIter start, end;

  g_signal_emit_by_name (dl_marker_get_button (dl_map_view_get_marker (map,
                           dl_story_lookup_place (fixture->story, "homs"))), "clicked");
  /* The popover's button for the second Homs event. */
  g_signal_emit_by_name (map, "show-passage", crowds, 0);

  /* The passage is selected in the article, so the reader sees exactly where it is. */
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, passage->start);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, passage->end);
}

static void
test_dark_style (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  DlMapView *map = dl_window_get_map_view (fixture->window);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (dl_offline_source_get_style (DL_OFFLINE_SOURCE (
                     dl_map_view_get_offline_source (map))), ==, DL_BASEMAP_LIGHT);

  /* Dark mode swaps the base map for its dark style. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (dl_offline_source_get_style (DL_OFFLINE_SOURCE (
                     dl_map_view_get_offline_source (map))), ==, DL_BASEMAP_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (dl_offline_source_get_style (DL_OFFLINE_SOURCE (
                     dl_map_view_get_offline_source (map))), ==, DL_BASEMAP_LIGHT);
}

static void
test_map_source (Fixture       *fixture,
                 gconstpointer  data)
{
  DlMapView *map = dl_window_get_map_view (fixture->window);

  g_assert_false (dl_map_view_get_osm (map));
  /* The primary menu's Map Source item; OpenStreetMap stacks above the offline map. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.map-source", "s", "osm");
  g_assert_true (dl_map_view_get_osm (map));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.map-source", "s", "offline");
  g_assert_false (dl_map_view_get_osm (map));
}

/* Runs the main loop until the zoom animation reaches @zoom (or 20 s pass: a failure). */
static void
wait_for_zoom (ShumateViewport *viewport,
               double           zoom)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (20, dl_test_flag_cb, &timed_out);

  while (fabs (shumate_viewport_get_zoom_level (viewport) - zoom) > 0.01 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

/* The map without a mouse: zoom from anywhere, arrows pan by a quarter of the view. */
static void
test_map_keys (Fixture       *fixture,
               gconstpointer  data)
{
  DlMapView *map = dl_window_get_map_view (fixture->window);
  ShumateViewport *viewport = dl_map_view_get_viewport (map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double lon, lat, width;

  /* whole levels, from the nearest one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-in", NULL));
  wait_for_zoom (viewport, round (zoom) + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-out", NULL));
  wait_for_zoom (viewport, round (zoom));
  zoom = round (zoom);

  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  width = gtk_widget_get_width (GTK_WIDGET (map));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "map.pan", "(ii)", 1, 0));
  /* a quarter of the width, in degrees of longitude at this zoom */
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  lon + width / 4 * 360 / (256 * exp2 (zoom)), 0.05);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  lat, 0.01);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "map.pan", "(ii)", 0, -1));
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >, lat);
}

static void
test_compute_fit (void)
{
  DlLonLat sw = { 36.2913, 33.5132 };
  DlLonLat ne = { 37.6178, 55.7520 };
  double lat, lon, zoom, x0, y0, x1, y1, cx, cy;

  dl_map_compute_fit (&sw, &ne, 800, 600, 40, 1, 18, &lat, &lon, &zoom);
  g_assert_cmpfloat (zoom, >, 2);
  g_assert_cmpfloat (zoom, <, 6);

  /* Both corners are inside the padded view at that zoom. */
  dl_mercator_project (lon, lat, zoom, &cx, &cy);
  dl_mercator_project (sw.lon, sw.lat, zoom, &x0, &y0);
  dl_mercator_project (ne.lon, ne.lat, zoom, &x1, &y1);
  g_assert_cmpfloat (fabs (y0 - cy), <=, 300 - 40 + 0.01);
  g_assert_cmpfloat (fabs (y1 - cy), <=, 300 - 40 + 0.01);
  g_assert_cmpfloat (fabs (x0 - cx), <=, 400 - 40 + 0.01);
  /* The tighter dimension is filled. */
  g_assert_cmpfloat (fabs (y1 - y0), >, 2 * (300 - 40) - 1);

  /* A single point: the zoom limit wins. */
  dl_map_compute_fit (&sw, &sw, 800, 600, 40, 1, 9, &lat, &lon, &zoom);
  g_assert_cmpfloat (zoom, ==, 9);
  g_assert_cmpfloat_with_epsilon (lat, sw.lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, sw.lon, 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides /usr/share from XDG_DATA_DIRS, so the icon
   * theme is missing and GTK warns (fatally in tests). Settings use the memory backend. */
  g_test_init (&argc, &argv, NULL);
  /* The test accessibility backend: accessible names can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/window/compute-fit", test_compute_fit);
  g_test_add_func ("/window/row-rebind", test_row_rebind);
  g_test_add ("/window/map-keys", Fixture, NULL, fixture_setup, test_map_keys,
              fixture_teardown);
  g_test_add ("/window/rows-and-markers", Fixture, NULL, fixture_setup,
              test_rows_and_markers, fixture_teardown);
  g_test_add ("/window/homs-marker", Fixture, NULL, fixture_setup, test_homs_marker,
              fixture_teardown);
  g_test_add ("/window/actor-filter", Fixture, NULL, fixture_setup, test_actor_filter,
              fixture_teardown);
  g_test_add ("/window/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/window/click-passage", Fixture, NULL, fixture_setup, test_click_passage,
              fixture_teardown);
  g_test_add ("/window/select-row", Fixture, NULL, fixture_setup, test_select_row,
              fixture_teardown);
  g_test_add ("/window/show-in-article", Fixture, NULL, fixture_setup, test_show_in_article,
              fixture_teardown);
  g_test_add ("/window/dark-style", Fixture, NULL, fixture_setup, test_dark_style,
              fixture_teardown);
  g_test_add ("/window/map-source", Fixture, NULL, fixture_setup, test_map_source,
              fixture_teardown);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/remembers-panes", test_remembers_panes);
  g_test_add ("/window/broken-file", Fixture, NULL, fixture_setup, test_broken_file,
              fixture_teardown);
  g_test_add ("/window/drop-file", Fixture, NULL, fixture_setup, test_drop_file,
              fixture_teardown);
  g_test_add ("/window/open-file", Fixture, NULL, fixture_setup, test_open_file,
              fixture_teardown);

  return g_test_run ();
}
