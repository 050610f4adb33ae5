/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editing a story in the window as a user does: an event from a selection of the article
 * (its passage resolving to what was selected, with prefix/suffix only when the words
 * occur twice), a marker dragged and the move undone, an event deleted and brought back
 * from the toast's Undo, a place added on the map, a story saved and read back equal, the
 * unsaved-changes question on close. What is checked is what the user sees: rows counted,
 * markers where they are, the article's tinted ranges, the window title. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-editing-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-actors-dialog.h"
#include "dl-event-editor.h"
#include "dl-marker.h"
#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-test-util.h"
#include "dl-test-window.h"
#include "dl-window-actions.h"
#include "dl-window-private.h"

static char *tmp_dir;

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1200, 800);
}

static void
close_other_windows (DlWindow *keep)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) keep && gtk_window_get_transient_for (l->data) != NULL)
      gtk_window_destroy (l->data);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_other_windows (fixture->window);
  /* no question on the way out */
  if (dl_window_get_document (fixture->window) != NULL)
    dl_document_discard (dl_window_get_document (fixture->window));
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

static guint
n_events (DlWindow *window)
{
  return g_list_model_get_n_items (dl_story_get_events (dl_window_get_story (window)));
}

static const char *
count_text (DlWindow *window)
{
  return gtk_label_get_text (dl_window_get_count_label (window));
}

/* Selects the @nth occurrence (from 0) of @words in the article pane, as a mouse would. */
static void
select_words (DlWindow   *window,
              const char *words,
              guint       nth,
              int        *start,
              int        *end)
{
  GtkTextView *view = dl_article_view_get_text_view (dl_window_get_article_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const char *text = dl_story_get_text (dl_window_get_story (window));
  const char *at = strstr (text, words);
  GtkTextIter s, e;

  for (guint i = 0; i < nth && at != NULL; i++)
    at = strstr (at + 1, words);
  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (words, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, *start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, *end);
  gtk_text_buffer_select_range (buffer, &s, &e);
}

static DlEvent *
find_event (DlWindow   *window,
            const char *title)
{
  GListModel *events = dl_story_get_events (dl_window_get_story (window));

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (dl_event_get_title (event), title) == 0)
        return event;
    }
  return NULL;
}

/* Whether the article pane tints the character before @end as a passage. */
static gboolean
article_tints (DlWindow *window,
               int       start,
               int       end)
{
  GtkTextView *view = dl_article_view_get_text_view (dl_window_get_article_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  g_assert_cmpint (end - start, >, 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end - 2);
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

static DlEventEditor *
find_event_editor (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DL_IS_EVENT_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_event_from_selection (Fixture       *fixture,
                           gconstpointer  data)
{
  DlWindow *window = fixture->window;
  GtkWidget *button = dl_window_get_selection_button (window);
  guint before = n_events (window);
  const char *title = "Assad left Damascus for Moscow overnight, officials said";
  DlEventEditor *editor;
  const DlPassage *passage;
  DlEvent *event;
  int start, end;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Rebels take Homs, Assad leaves for Moscow");
  g_assert_false (gtk_widget_get_visible (button));
  /* the end of the sentence is not yet in any passage */
  g_assert_false (article_tints (window, 0, (int) (strstr (dl_story_get_text (fixture->story),
                                                           "officials said")
                                                   - dl_story_get_text (fixture->story)) + 14));
  select_words (window, "Assad left Damascus for Moscow overnight, officials said", 0, &start,
                &end);
  /* the button by the selection, and Ctrl+Shift+N */
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-event", NULL));

  event = find_event (window, title);
  g_assert_nonnull (event);
  g_assert_cmpuint (n_events (window), ==, before + 1);
  g_assert_cmpuint (dl_event_get_n_passages (event), ==, 1);
  passage = dl_event_get_passage (event, 0);
  g_assert_cmpstr (passage->exact, ==,
                   "Assad left Damascus for Moscow overnight, officials said");
  g_assert_null (passage->prefix);
  g_assert_null (passage->suffix);
  g_assert_cmpint (passage->start, ==, start);
  g_assert_cmpint (passage->end, ==, end);
  /* the article's date, the places and the actor the selection names */
  g_assert_cmpint (dl_event_get_start (event)->precision, ==, DL_TIME_DAY);
  g_assert_cmpint (dl_event_get_start (event)->day, ==, 8);
  g_assert_cmpuint (dl_event_get_n_places (event), ==, 2);
  g_assert_cmpstr (dl_place_get_id (dl_event_get_place (event, 0, NULL)), ==, "damascus");
  g_assert_cmpstr (dl_place_get_id (dl_event_get_place (event, 1, NULL)), ==, "moscow");
  g_assert_cmpuint (dl_event_get_n_actors (event), ==, 1);
  g_assert_cmpstr (dl_actor_get_id (dl_event_get_actor (event, 0, NULL)), ==, "assad");

  /* every view shows it: the count, the tinted passage, the selection; unsaved */
  g_assert_cmpstr (count_text (window), ==, "7 events");
  g_assert_true (article_tints (window, start, end));
  g_assert_true (dl_view_state_is_selected (dl_window_get_view_state (window), event));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Rebels take Homs, Assad leaves for Moscow");
  editor = find_event_editor ();
  g_assert_nonnull (editor);
  g_assert_true (dl_event_editor_get_event (editor) == event);

  /* Ctrl+Z: gone from the list, the article and the title's mark; the editor closes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (find_event (window, title));
  g_assert_cmpstr (count_text (window), ==, "6 events");
  g_assert_false (article_tints (window, start, end));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Rebels take Homs, Assad leaves for Moscow");
  g_assert_null (find_event_editor ());

  /* Ctrl+Shift+Z brings it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_nonnull (find_event (window, title));
  g_assert_cmpstr (count_text (window), ==, "7 events");
}

/* "Homs" occurs twice: the passage of the second carries what tells them apart. */
static void
test_ambiguous_selection (Fixture       *fixture,
                          gconstpointer  data)
{
  DlWindow *window = fixture->window;
  const DlPassage *passage;
  DlEvent *event;
  int start, end;

  select_words (window, "Homs", 1, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-event", NULL));
  event = find_event (window, "Crowds in Homs chanted that the city was free");
  g_assert_nonnull (event);
  passage = dl_event_get_passage (event, 0);
  g_assert_cmpstr (passage->exact, ==, "Homs");
  g_assert_true (passage->prefix != NULL || passage->suffix != NULL);
  g_assert_cmpint (passage->start, ==, start);
  g_assert_cmpint (passage->end, ==, end);
  g_assert_true (article_tints (window, start, end));
}

static void
test_drag_marker_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  DlWindow *window = fixture->window;
  DlMapView *map_view = dl_window_get_map_view (window);
  DlPlace *homs = dl_story_lookup_place (fixture->story, "homs");
  DlMarker *marker = dl_map_view_get_marker (map_view, homs);
  DlLonLat before = dl_place_get_anchor (homs);
  DlLonLat after;

  g_assert_nonnull (marker);
  dl_map_view_drag_marker (map_view, homs, 35.0, 38.0);
  after = dl_place_get_anchor (homs);
  g_assert_cmpfloat_with_epsilon (after.lat, 35.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (after.lon, 38.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (marker)),
                                  35.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (marker)),
                                  38.0, 1e-9);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Rebels take Homs, Assad leaves for Moscow");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  after = dl_place_get_anchor (homs);
  g_assert_cmpfloat (after.lat, ==, before.lat);
  g_assert_cmpfloat (after.lon, ==, before.lon);
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (marker)), ==,
                     before.lat);
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (marker)), ==,
                     before.lon);
  g_assert_true (dl_map_view_get_marker (map_view, homs) == marker);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Rebels take Homs, Assad leaves for Moscow");
}

/* Renaming a place (and undoing it) reaches its marker's tooltip (and, through the same
 * handler, its accessible name; this marker may be inside a cluster, without an AT
 * context to read it from). */
static void
test_rename_place_marker (Fixture       *fixture,
                          gconstpointer  data)
{
  DlWindow *window = fixture->window;
  DlPlace *homs = dl_story_lookup_place (fixture->story, "homs");
  DlMarker *marker = dl_map_view_get_marker (dl_window_get_map_view (window), homs);
  GtkWidget *button;

  g_assert_nonnull (marker);
  button = dl_marker_get_button (marker);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Homs");
  dl_document_push (dl_window_get_document (window),
                    dl_operation_new_set_place_name (homs, "Hims"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Hims");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Homs");
}

static void
test_delete_event_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  DlWindow *window = fixture->window;
  DlEvent *event = dl_story_lookup_event (fixture->story, "homs-taken");
  DlPlace *homs = dl_story_lookup_place (fixture->story, "homs");
  DlMarker *marker = dl_map_view_get_marker (dl_window_get_map_view (window), homs);
  guint homs_events = dl_marker_get_n_events (marker);

  g_assert_nonnull (event);
  dl_view_state_select_event (dl_window_get_view_state (window), event);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-event", NULL));
  g_assert_null (dl_story_lookup_event (fixture->story, "homs-taken"));
  g_assert_cmpstr (count_text (window), ==, "5 events");
  g_assert_cmpuint (dl_marker_get_n_events (marker), ==, homs_events - 1);

  /* the toast's Undo button */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (dl_story_lookup_event (fixture->story, "homs-taken") == event);
  g_assert_cmpstr (count_text (window), ==, "6 events");
  g_assert_cmpuint (dl_marker_get_n_events (marker), ==, homs_events);
}

static void
test_add_place_here (Fixture       *fixture,
                     gconstpointer  data)
{
  DlWindow *window = fixture->window;
  GListModel *places = dl_story_get_places (fixture->story);
  guint before = g_list_model_get_n_items (places);
  DlMarker *marker;
  DlPlace *place;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-place", "(dd)",
                                             36.2, 37.16));
  g_assert_cmpuint (g_list_model_get_n_items (places), ==, before + 1);
  place = g_list_model_get_item (places, before);
  g_object_unref (place);
  g_assert_cmpstr (dl_place_get_name (place), ==, "New Place");
  marker = dl_map_view_get_marker (dl_window_get_map_view (window), place);
  g_assert_nonnull (marker);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (marker)));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (marker)),
                                  36.2, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (places), ==, before);
  g_assert_null (dl_map_view_get_marker (dl_window_get_map_view (window), place));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static DlActorsDialog *
find_actors_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DL_IS_ACTORS_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_delete_actor_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  DlWindow *window = fixture->window;
  DlActor *russia = dl_story_lookup_actor (fixture->story, "russia");
  DlEvent *asylum = dl_story_lookup_event (fixture->story, "asylum");
  GListModel *actors = dl_story_get_actors (fixture->story);
  guint n_actors = g_list_model_get_n_items (actors);
  DlActorsDialog *dialog;
  GtkWidget *row, *button;

  g_assert_true (dl_event_has_actor (asylum, russia));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.actors", NULL));
  dialog = find_actors_dialog ();
  g_assert_nonnull (dialog);
  row = dl_actors_dialog_get_row (dialog, russia);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Russia");
  button = find_button (row, "_Delete Actor");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  /* gone from the story, its event and the dialog, in one step */
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, n_actors - 1);
  g_assert_null (dl_story_lookup_actor (fixture->story, "russia"));
  g_assert_false (dl_event_has_actor (asylum, russia));
  g_assert_null (dl_actors_dialog_get_row (dialog, russia));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "• Rebels take Homs, Assad leaves for Moscow");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, n_actors);
  g_assert_true (dl_story_lookup_actor (fixture->story, "russia") == russia);
  g_assert_true (dl_event_has_actor (asylum, russia));
  g_assert_nonnull (dl_actors_dialog_get_row (dialog, russia));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Rebels take Homs, Assad leaves for Moscow");

  /* a new actor takes a palette colour no actor has */
  {
    DlActor *added = dl_actors_dialog_add_actor (dialog);
    const char * const *palette = dl_actor_get_palette (NULL);

    g_assert_true (g_strv_contains (palette, dl_actor_get_color (added)));
    for (guint i = 0; i < n_actors; i++)
      {
        g_autoptr(DlActor) other = g_list_model_get_item (actors, i);

        g_assert_cmpstr (dl_actor_get_color (other), !=, dl_actor_get_color (added));
      }
    g_assert_nonnull (dl_actors_dialog_get_row (dialog, added));
  }
}

static void
wait_for_save (DlWindow *window)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (10000, dl_test_flag_cb, &timed_out);

  while (!timed_out && dl_window_is_saving_document (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
test_save_reopen (Fixture       *fixture,
                  gconstpointer  data)
{
  DlWindow *window = fixture->window;
  g_autofree char *path = g_build_filename (tmp_dir, "edited.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) again = NULL;
  g_autoptr(GBytes) shown = NULL;
  g_autoptr(GBytes) saved = NULL;
  int start, end;

  select_words (window, "Russia granted the family asylum", 0, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-event", NULL));
  dl_map_view_drag_marker (dl_window_get_map_view (window),
                           dl_story_lookup_place (fixture->story, "moscow"), 55.0, 37.0);
  g_assert_true (dl_document_get_modified (dl_window_get_document (window)));

  dl_window_save_document_to (window, file);
  wait_for_save (window);
  g_assert_null (dl_window_get_error_dialog (window));
  g_assert_false (dl_document_get_modified (dl_window_get_document (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Rebels take Homs, Assad leaves for Moscow");
  g_assert_true (g_file_equal (dl_document_get_file (dl_window_get_document (window)), file));

  /* read back: the same story, byte for byte */
  again = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  shown = dl_story_to_bytes (dl_window_get_story (window));
  saved = dl_story_to_bytes (again);
  g_assert_true (g_bytes_equal (shown, saved));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (again)), ==, 7);
  g_assert_cmpfloat_with_epsilon (dl_place_get_anchor (dl_story_lookup_place (again,
                                                                              "moscow")).lat,
                                  55.0, 1e-6);
  g_unlink (path);
}

static void
test_unsaved_on_close (Fixture       *fixture,
                       gconstpointer  data)
{
  DlWindow *window = fixture->window;
  DlPlace *homs = dl_story_lookup_place (fixture->story, "homs");
  GtkWindow *dialog;

  /* no changes: no question */
  g_assert_false (dl_window_actions_close_request (window));

  dl_map_view_drag_marker (dl_window_get_map_view (window), homs, 35.0, 38.0);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = dl_window_get_unsaved_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save Changes?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "“New Story” has changes that are not saved. Save them before closing?");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "discard"));

  /* Cancel: the window and the edit stay */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  dl_test_run_for (50);
  g_assert_null (dl_window_get_unsaved_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpfloat (dl_place_get_anchor (homs).lat, ==, 35.0);

  /* Discard: it closes */
  gtk_window_close (GTK_WINDOW (window));
  dialog = dl_window_get_unsaved_dialog (window);
  g_assert_nonnull (dialog);
  g_object_ref (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  dl_test_run_for (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);
  /* the window is gone: nothing left to tear down */
  fixture->window = NULL;
}

/* A story edited, its recovery file written, then the process "crashes": the document
 * goes without being saved or discarded. The next window offers it back. */
static void
test_recovery (Fixture       *fixture,
               gconstpointer  data)
{
  DlWindow *window = fixture->window;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  GtkWindow *dialog;
  DlDocument *restored;
  DlPlace *homs;

  g_assert_null (dl_window_offer_recovery (window));
  {
    g_autoptr(DlStory) story = dl_story_new_from_file (file, NULL, &error);
    g_autoptr(DlDocument) crashed = NULL;

    g_assert_no_error (error);
    crashed = dl_document_new (story, file);
    dl_document_push (crashed, dl_operation_new_move_place (
                                 dl_story_lookup_place (story, "homs"),
                                 (DlLonLat) { .lon = 38.0, .lat = 35.0 }));
    g_assert_true (dl_document_write_recovery (crashed, &error));
    g_assert_no_error (error);
  }

  dialog = dl_window_offer_recovery (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore Unsaved Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Rebels take Homs, Assad leaves for Moscow"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  dl_test_run_for (50);

  restored = dl_window_get_document (window);
  g_assert_true (dl_document_get_modified (restored));
  g_assert_true (g_file_equal (dl_document_get_file (restored), file));
  homs = dl_story_lookup_place (dl_window_get_story (window), "homs");
  g_assert_cmpfloat_with_epsilon (dl_place_get_anchor (homs).lat, 35.0, 1e-9);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "• Rebels take Homs, Assad leaves for Moscow");
  g_assert_nonnull (dl_map_view_get_marker (dl_window_get_map_view (window), homs));

  /* Discard (in the teardown) removes the recovery file: nothing to offer again */
  dl_document_discard (restored);
  left = dl_document_list_recoverable ();
  g_assert_cmpuint (left->len, ==, 0);
}

static void
unsaved_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    fixture_teardown (fixture, data);
  else
    {
      dl_test_run_for (700);
      g_clear_object (&fixture->story);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* recovery files go to the test's own state directory (dl_test_gui_init) */
  dl_test_gui_init ();
  tmp_dir = g_dir_make_tmp ("dateline-editing-window-XXXXXX", &error);
  g_assert_no_error (error);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/editing-window/event-from-selection", Fixture, NULL, fixture_setup,
              test_event_from_selection, fixture_teardown);
  g_test_add ("/editing-window/ambiguous-selection", Fixture, NULL, fixture_setup,
              test_ambiguous_selection, fixture_teardown);
  g_test_add ("/editing-window/drag-marker-undo", Fixture, NULL, fixture_setup,
              test_drag_marker_undo, fixture_teardown);
  g_test_add ("/editing-window/rename-place-marker", Fixture, NULL, fixture_setup,
              test_rename_place_marker, fixture_teardown);
  g_test_add ("/editing-window/delete-event-undo", Fixture, NULL, fixture_setup,
              test_delete_event_undo, fixture_teardown);
  g_test_add ("/editing-window/delete-actor-undo", Fixture, NULL, fixture_setup,
              test_delete_actor_undo, fixture_teardown);
  g_test_add ("/editing-window/add-place-here", Fixture, NULL, fixture_setup,
              test_add_place_here, fixture_teardown);
  g_test_add ("/editing-window/save-reopen", Fixture, NULL, fixture_setup, test_save_reopen,
              fixture_teardown);
  g_test_add ("/editing-window/recovery", Fixture, NULL, fixture_setup, test_recovery,
              fixture_teardown);
  g_test_add ("/editing-window/unsaved-on-close", Fixture, NULL, fixture_setup,
              test_unsaved_on_close, unsaved_teardown);

  status = g_test_run ();
  return status;
}
