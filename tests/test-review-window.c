/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reviewing a draft in the window as a user does: New Story from the seed article shows
 * rows with a "Suggested" badge and hollow markers (their centres white on screen); Accept
 * on a row takes the badge away and Undo brings it back; Enter on a row accepts it, the
 * Delete key rejects the selected row; Accept All in the review bar accepts everything in
 * one undoable step; accepting an event accepts its suggested places and actors too; a
 * place is accepted and rejected from its popover and from its editor, an actor in the
 * actors dialog; a half-reviewed draft saved and opened again shows the same
 * suggestions. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-review-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-actors-dialog.h"
#include "dl-article-text.h"
#include "dl-event-row.h"
#include "dl-marker.h"
#include "dl-new-story-dialog.h"
#include "dl-operation.h"
#include "dl-place-editor.h"
#include "dl-resources.h"
#include "dl-review-buttons.h"
#include "dl-row-text.h"
#include "dl-test-util.h"
#include "dl-test-window.h"
#include "dl-window-actions.h"
#include "dl-window-private.h"
#include "dl-window-review.h"

static char *tmp_dir;

static char *
seed_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt",
                                                 NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static DlWindow *
new_window (void)
{
  DlWindow *window = dl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static GPtrArray *shown_markers (DlWindow *window);

/* Until the map shows its markers (it fits the story's places once it has a size). */
static void
wait_for_markers (DlWindow *window)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (10000, dl_test_flag_cb, &timed_out);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  for (;;)
    {
      g_autoptr(GPtrArray) markers = shown_markers (window);

      if (timed_out || markers->len >= 3)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (timeout);
  dl_test_run_for (100);
}

/* A window showing the draft of the seed article, as New Story makes it. */
/* The list scrolled to its first rows (it opens on the story's lead event): the tests
 * act on the rows at the top. */
static DlReviewButtons *buttons_of (DlWindow *window,
                                    DlEvent  *event);
static DlEvent         *event_at   (DlWindow *window,
                                    guint     position);

static void
list_to_top (DlWindow *window)
{
  GtkScrollable *list = GTK_SCROLLABLE (dl_window_get_list_view (window));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (list);
  DlEvent *first;
  gboolean timed_out = FALSE;
  guint timeout;

  /* let the list settle on its lead row first */
  dl_test_run_for (600);
  first = event_at (window, 0);
  timeout = g_timeout_add (10000, dl_test_flag_cb, &timed_out);
  /* then until the top row is shown, with its buttons when it is a suggestion: a loaded
   * machine can take longer than any fixed wait */
  while (!timed_out)
    {
      if (gtk_adjustment_get_value (adjustment) != 0)
        gtk_adjustment_set_value (adjustment, 0);
      else if (!dl_event_get_suggested (first) || buttons_of (window, first) != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (timeout);
  dl_test_run_for (100);
}

static DlWindow *
draft_window (void)
{
  g_autofree char *text = seed_article ();
  g_autoptr(GError) error = NULL;
  DlArticleInfo info = { .published = "2024-12-08" };
  g_autoptr(DlStory) story = dl_article_new_story (text, &info, &error);
  DlWindow *window;

  g_assert_no_error (error);
  window = new_window ();
  dl_window_set_story (window, story);
  wait_for_markers (window);
  list_to_top (window);
  return window;
}

static void
close_window (DlWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) window && gtk_window_get_transient_for (l->data) != NULL)
      gtk_window_destroy (l->data);
  if (dl_window_get_document (window) != NULL)
    dl_document_discard (dl_window_get_document (window));
  dl_test_close_window (window);
}

/* The widgets of @type under @widget; only those on screen unless @hidden_too. */
static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 gboolean   hidden_too,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (hidden_too || gtk_widget_get_mapped (widget)))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, hidden_too, found);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  collect_widgets (widget, type, FALSE, found);
}

/* The review buttons of the event rows on screen, top to bottom. */
static GPtrArray *
row_buttons (DlWindow *window)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (dl_window_get_list_view (window)), DL_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (rows->pdata[i]); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (DL_IS_REVIEW_BUTTONS (child))
        g_ptr_array_add (found, child);
  return found;
}

/* The review buttons of the row showing @event, or NULL when none is on screen. */
static DlReviewButtons *
buttons_of (DlWindow *window,
            DlEvent  *event)
{
  g_autoptr(GPtrArray) all = row_buttons (window);

  for (guint i = 0; i < all->len; i++)
    if (dl_review_buttons_get_item (all->pdata[i]) == G_OBJECT (event))
      return all->pdata[i];
  return NULL;
}

static DlEvent *
event_at (DlWindow *window,
          guint     position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (dl_window_get_list_view (window)));
  DlEvent *event = g_list_model_get_item (model, position);

  g_object_unref (event);  /* the story keeps it */
  return event;
}

static guint
n_suggestions (DlWindow *window)
{
  return dl_review_count (dl_window_get_story (window), NULL);
}

/* How many of @event's places and actors are suggestions: Accept Event takes them too. */
static guint
n_suggested_members (DlEvent *event)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint k = 0; k < dl_event_get_n_places (event); k++)
    if (dl_place_get_suggested (dl_event_get_place (event, k, NULL)))
      g_hash_table_add (seen, dl_event_get_place (event, k, NULL));
  for (guint k = 0; k < dl_event_get_n_actors (event); k++)
    if (dl_actor_get_suggested (dl_event_get_actor (event, k, NULL)))
      g_hash_table_add (seen, dl_event_get_actor (event, k, NULL));
  return g_hash_table_size (seen);
}

static char *
expected_bar_text (guint n)
{
  return g_strdup_printf (n == 1 ? "%u suggestion to review" : "%u suggestions to review", n);
}

static void
assert_bar (DlWindow *window,
            guint     n)
{
  DlReviewBar *bar = dl_window_get_review_bar (window);
  g_autofree char *expected = expected_bar_text (n);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)) == (n > 0));
  if (n > 0)
    g_assert_cmpstr (dl_review_bar_get_text (bar), ==, expected);
}

/* The colour on screen just above the number of @marker's disc: the white centre of a
 * hollow marker, else the disc's colour. */
static void
marker_centre (DlMarker *marker,
               double   *r,
               double   *g,
               double   *b)
{
  GtkWidget *widget = GTK_WIDGET (marker);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int size = MIN (width, height);
  const guchar *p;

  g_assert_cmpint (size, >, 16);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  /* 7 pixels above the centre: inside the white centre (radius 8 for a 26-pixel disc),
   * above the digits */
  p = pixels + ((height / 2 - 7) * width + width / 2) * 4;
  /* GDK_MEMORY_DEFAULT: premultiplied B, G, R, A */
  *b = p[0] / 255.0;
  *g = p[1] / 255.0;
  *r = p[2] / 255.0;
}

static gboolean
marker_is_hollow (DlMarker *marker)
{
  double r, g, b;

  marker_centre (marker, &r, &g, &b);
  return r > 0.9 && g > 0.9 && b > 0.9;
}

/* The markers on screen (not folded into a cluster). */
static GPtrArray *
shown_markers (DlWindow *window)
{
  GPtrArray *markers = g_ptr_array_new ();
  GListModel *places = dl_story_get_places (dl_window_get_story (window));
  DlMapView *map = dl_window_get_map_view (window);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlMarker *marker = dl_map_view_get_marker (map, place);

      if (marker != NULL && gtk_widget_get_mapped (GTK_WIDGET (marker)) &&
          !dl_marker_get_in_cluster (marker) && dl_marker_get_cluster_size (marker) <= 1)
        g_ptr_array_add (markers, marker);
    }
  return markers;
}

static DlNewStoryDialog *
find_new_story_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DL_IS_NEW_STORY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find_published_row (GtkWidget *dialog,
                    GtkWidget *title_row)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (dialog, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (rows->pdata[i] != title_row)
      return rows->pdata[i];
  return NULL;
}

/* New Story with the seed article pasted: every row on screen says "Suggested", every
 * marker is hollow, the bar counts what there is to review. */
static void
test_new_story (void)
{
  DlWindow *window = new_window ();
  g_autofree char *text = seed_article ();
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) markers = NULL;
  g_autofree char *count = NULL;
  DlNewStoryDialog *dialog;
  GtkWidget *published;
  DlStory *story;
  DlReviewCount n;

  /* Ctrl+N */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL));
  dialog = find_new_story_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (dl_new_story_dialog_insert_bytes (dialog, text, strlen (text), NULL));
  published = find_published_row (GTK_WIDGET (dialog),
                                  GTK_WIDGET (dl_new_story_dialog_get_title_row (dialog)));
  g_assert_nonnull (published);
  gtk_editable_set_text (GTK_EDITABLE (published), "2024-12-08");
  g_assert_true (dl_new_story_dialog_create (dialog));
  /* drafted in a worker */
  for (guint i = 0; i < 600 && dl_window_get_story (window) == NULL; i++)
    dl_test_run_for (50);
  g_assert_nonnull (dl_window_get_story (window));
  wait_for_markers (window);

  story = dl_window_get_story (window);
  g_assert_nonnull (story);
  g_assert_cmpuint (dl_review_count (story, &n), >, 0);
  /* the draft of the seed article: its events, places and actors */
  g_assert_cmpuint (n.events, ==, g_list_model_get_n_items (dl_story_get_events (story)));
  g_assert_cmpuint (n.events, >=, 30);
  g_assert_cmpuint (n.places, >=, 10);
  g_assert_cmpuint (n.actors, >=, 10);
  count = g_strdup_printf ("%u events", n.events);
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (window)), ==, count);
  assert_bar (window, n.events + n.places + n.actors);

  buttons = row_buttons (window);
  g_assert_cmpuint (buttons->len, >=, 3);
  for (guint i = 0; i < buttons->len; i++)
    {
      DlReviewButtons *b = buttons->pdata[i];
      DlEvent *event = DL_EVENT (dl_review_buttons_get_item (b));

      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (b)));
      g_assert_true (dl_event_get_suggested (event));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (
                         GTK_WIDGET (dl_review_buttons_get_button (b, "accept"))), ==,
                       "Accept Suggestion (Enter)");
    }

  markers = shown_markers (window);
  g_assert_cmpuint (markers->len, >=, 3);
  for (guint i = 0; i < markers->len; i++)
    {
      g_assert_true (gtk_widget_has_css_class (markers->pdata[i], "suggested"));
      g_assert_true (marker_is_hollow (markers->pdata[i]));
    }

  close_window (window);
}

/* The first event of the list (top rows) whose place is a suggestion shown as a lone
 * marker on the map. */
static DlEvent *
event_with_hollow_marker (DlWindow  *window,
                          DlMarker **marker)
{
  g_autoptr(GPtrArray) markers = shown_markers (window);

  for (guint i = 0; i < 3; i++)
    {
      DlEvent *event = event_at (window, i);

      for (guint k = 0; k < dl_event_get_n_places (event); k++)
        for (guint m = 0; m < markers->len; m++)
          if (dl_marker_get_place (markers->pdata[m]) == dl_event_get_place (event, k, NULL)
              && dl_place_get_suggested (dl_event_get_place (event, k, NULL)))
            {
              *marker = markers->pdata[m];
              return event;
            }
    }
  return NULL;
}

/* Accept on a row: its badge goes, and so do its suggested places' and actors' marks (its
 * hollow marker is filled); the bar counts them all less; one Undo brings them all back. */
static void
test_accept_row_undo (void)
{
  DlWindow *window = draft_window ();
  DlMarker *marker = NULL;
  DlEvent *event = event_with_hollow_marker (window, &marker);
  DlReviewButtons *buttons;
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  guint n = n_suggestions (window);
  guint n_members;

  g_assert_nonnull (event);
  buttons = buttons_of (window, event);
  n_members = n_suggested_members (event);
  g_assert_cmpuint (n_members, >=, 1);
  g_assert_true (marker_is_hollow (marker));
  g_assert_nonnull (buttons);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (buttons)));
  g_signal_emit_by_name (dl_review_buttons_get_button (buttons, "accept"), "clicked");
  dl_test_run_for (50);

  g_assert_false (dl_event_get_suggested (event));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (buttons_of (window, event))));
  for (guint k = 0; k < dl_event_get_n_places (event); k++)
    g_assert_false (dl_place_get_suggested (dl_event_get_place (event, k, NULL)));
  for (guint k = 0; k < dl_event_get_n_actors (event); k++)
    g_assert_false (dl_actor_get_suggested (dl_event_get_actor (event, k, NULL)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (marker), "suggested"));
  g_assert_false (marker_is_hollow (marker));
  assert_bar (window, n - 1 - n_members);
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept Event");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dl_test_run_for (50);
  g_assert_true (dl_event_get_suggested (event));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (buttons_of (window, event))));
  g_assert_true (marker_is_hollow (marker));
  g_assert_false (dl_history_get_can_undo (history));
  assert_bar (window, n);

  /* Reject on a row: the event goes, with a toast to undo it */
  g_signal_emit_by_name (dl_review_buttons_get_button (buttons_of (window, event), "reject"),
                         "clicked");
  dl_test_run_for (50);
  g_assert_null (dl_story_lookup_event (dl_window_get_story (window), dl_event_get_id (event)));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Reject Event");
  assert_bar (window, n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (dl_story_lookup_event (dl_window_get_story (window),
                                        dl_event_get_id (event)) == event);
  assert_bar (window, n);

  close_window (window);
}

/* The action a key runs in the window (its class shortcuts), or NULL. */
static char *
key_action (DlWindow   *window,
            const char *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (trigger, key) && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

/* Enter on a row accepts it; the Delete key rejects the selected row. */
static void
test_keyboard (void)
{
  DlWindow *window = draft_window ();
  GtkListView *list = dl_window_get_list_view (window);
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  DlEvent *first = event_at (window, 0);
  DlEvent *second = event_at (window, 1);
  guint n_first = 1 + n_suggested_members (first);
  guint n = n_suggestions (window);
  guint n_events = g_list_model_get_n_items (dl_story_get_events (dl_window_get_story (window)));
  g_autofree char *delete_action = NULL;
  g_autofree char *count = NULL;

  /* Enter on a list row activates it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 0));
  dl_test_run_for (50);
  g_assert_false (dl_event_get_suggested (first));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (buttons_of (window, first))));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept Event");
  assert_bar (window, n - n_first);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_list_view_get_model (list)), 1,
                                   TRUE);
  dl_test_run_for (50);
  delete_action = key_action (window, "Delete");
  g_assert_cmpstr (delete_action, ==, "win.delete-event");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), delete_action, NULL));
  dl_test_run_for (50);
  g_assert_null (dl_story_lookup_event (dl_window_get_story (window),
                                       dl_event_get_id (second)));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Reject Event");
  count = g_strdup_printf ("%u events", n_events - 1);
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (window)), ==, count);
  assert_bar (window, n - n_first - 1);

  /* Ctrl+Shift+Enter: Accept All */
  g_clear_pointer (&delete_action, g_free);
  delete_action = key_action (window, "<Shift><Control>Return");
  g_assert_cmpstr (delete_action, ==, "win.accept-all-suggestions");

  close_window (window);
}

/* Accept All: no badge, no hollow marker, no bar; one Undo brings every one back. */
static void
test_accept_all (void)
{
  DlWindow *window = draft_window ();
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  DlReviewBar *bar = dl_window_get_review_bar (window);
  guint n = n_suggestions (window);
  g_autoptr(GPtrArray) markers = shown_markers (window);
  g_autoptr(GPtrArray) buttons = NULL;

  g_assert_cmpuint (markers->len, >=, 3);
  g_signal_emit_by_name (dl_review_bar_get_button (bar), "clicked");
  dl_test_run_for (100);

  g_assert_cmpuint (n_suggestions (window), ==, 0);
  assert_bar (window, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dl_review_bar_get_button (bar))));
  buttons = row_buttons (window);
  g_assert_cmpuint (buttons->len, >, 0);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_false (gtk_widget_get_visible (buttons->pdata[i]));
  for (guint i = 0; i < markers->len; i++)
    {
      g_assert_false (gtk_widget_has_css_class (markers->pdata[i], "suggested"));
      g_assert_false (marker_is_hollow (markers->pdata[i]));
    }
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept All Suggestions");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dl_test_run_for (100);
  g_assert_false (dl_history_get_can_undo (history));
  g_assert_cmpuint (n_suggestions (window), ==, n);
  assert_bar (window, n);
  g_clear_pointer (&buttons, g_ptr_array_unref);
  buttons = row_buttons (window);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_true (gtk_widget_get_visible (buttons->pdata[i]));
  for (guint i = 0; i < markers->len; i++)
    g_assert_true (marker_is_hollow (markers->pdata[i]));

  close_window (window);
}

/* A place's popover: Accept fills its marker, Reject takes it off the map (Undo: back). */
static void
test_place_popover (void)
{
  DlWindow *window = draft_window ();
  DlMapView *map = dl_window_get_map_view (window);
  g_autoptr(GPtrArray) markers = shown_markers (window);
  DlMarker *marker;
  DlPlace *place;
  g_autoptr(GPtrArray) in_popover = g_ptr_array_new ();
  DlReviewButtons *buttons;
  guint n = n_suggestions (window);

  g_assert_cmpuint (markers->len, >=, 2);
  marker = markers->pdata[0];
  place = dl_marker_get_place (marker);
  g_assert_true (marker_is_hollow (marker));

  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");
  dl_test_run_for (100);
  collect (GTK_WIDGET (dl_map_view_get_popover (map)), DL_TYPE_REVIEW_BUTTONS, in_popover);
  g_assert_cmpuint (in_popover->len, ==, 1);
  buttons = in_popover->pdata[0];
  g_assert_true (dl_review_buttons_get_item (buttons) == G_OBJECT (place));
  g_signal_emit_by_name (dl_review_buttons_get_button (buttons, "accept"), "clicked");
  dl_test_run_for (100);
  g_assert_false (dl_place_get_suggested (place));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (buttons)));
  g_assert_false (marker_is_hollow (marker));
  assert_bar (window, n - 1);

  /* another place, rejected */
  marker = markers->pdata[1];
  place = dl_marker_get_place (marker);
  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");
  dl_test_run_for (100);
  g_ptr_array_set_size (in_popover, 0);
  collect (GTK_WIDGET (dl_map_view_get_popover (map)), DL_TYPE_REVIEW_BUTTONS, in_popover);
  g_assert_cmpuint (in_popover->len, ==, 1);
  g_signal_emit_by_name (dl_review_buttons_get_button (in_popover->pdata[0], "reject"),
                         "clicked");
  dl_test_run_for (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_popover (map))));
  g_assert_null (dl_story_lookup_place (dl_window_get_story (window), dl_place_get_id (place)));
  g_assert_null (dl_map_view_get_marker (map, place));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dl_test_run_for (100);
  g_assert_nonnull (dl_map_view_get_marker (map, place));
  g_assert_true (dl_place_get_suggested (place));
  assert_bar (window, n - 1);

  close_window (window);
}

static DlPlaceEditor *
find_place_editor (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DL_IS_PLACE_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The place editor of a suggested place has the badge with Accept and Reject, as its
 * popover has: Accept fills its marker and hides the badge (Undo: back); Reject takes the
 * place off the map and closes the editor. */
static void
test_place_editor (void)
{
  DlWindow *window = draft_window ();
  DlMapView *map = dl_window_get_map_view (window);
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  g_autoptr(GPtrArray) markers = shown_markers (window);
  g_autoptr(GVariant) target = NULL;
  DlPlaceEditor *editor;
  DlReviewButtons *buttons;
  DlMarker *marker;
  DlPlace *place;
  guint n = n_suggestions (window);

  g_assert_cmpuint (markers->len, >=, 2);
  marker = markers->pdata[0];
  place = dl_marker_get_place (marker);
  g_assert_true (marker_is_hollow (marker));

  /* Edit, from the place's popover or a row */
  target = g_variant_ref_sink (dl_review_buttons_target (G_OBJECT (place)));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window),
                                                     "win.edit-suggestion", target));
  editor = find_place_editor ();
  g_assert_nonnull (editor);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  buttons = dl_place_editor_get_review_buttons (editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (buttons)));
  g_assert_true (dl_review_buttons_get_item (buttons) == G_OBJECT (place));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dl_review_buttons_get_button (buttons,
                                                                                   "accept"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dl_review_buttons_get_button (buttons,
                                                                                   "reject"))));

  g_signal_emit_by_name (dl_review_buttons_get_button (buttons, "accept"), "clicked");
  dl_test_run_for (100);
  g_assert_false (dl_place_get_suggested (place));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept Place");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (buttons)));
  g_assert_false (marker_is_hollow (marker));
  assert_bar (window, n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dl_test_run_for (100);
  g_assert_true (dl_place_get_suggested (place));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (buttons)));
  g_assert_true (marker_is_hollow (marker));

  g_signal_emit_by_name (dl_review_buttons_get_button (buttons, "reject"), "clicked");
  dl_test_run_for (100);
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Reject Place");
  g_assert_null (dl_story_lookup_place (dl_window_get_story (window), dl_place_get_id (place)));
  g_assert_null (dl_map_view_get_marker (map, place));
  g_assert_null (find_place_editor ());
  assert_bar (window, n - 1);

  close_window (window);
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

/* The review buttons in the actors dialog's row of @actor. */
static DlReviewButtons *
actor_buttons (DlActorsDialog *dialog,
               DlActor        *actor)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *row = dl_actors_dialog_get_row (dialog, actor);

  g_assert_nonnull (row);
  collect_widgets (row, DL_TYPE_REVIEW_BUTTONS, TRUE, found);
  g_assert_cmpuint (found->len, ==, 1);
  return found->pdata[0];
}

/* The actors dialog: a suggested actor's row has the badge, Accept and Reject. */
static void
test_actors_dialog (void)
{
  DlWindow *window = draft_window ();
  DlStory *story = dl_window_get_story (window);
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  GListModel *actors = dl_story_get_actors (story);
  DlActor *first = g_list_model_get_item (actors, 0);
  DlActor *second = g_list_model_get_item (actors, 1);
  guint n_actors = g_list_model_get_n_items (actors);
  guint n = n_suggestions (window);
  DlActorsDialog *dialog;
  DlReviewButtons *buttons;

  g_object_unref (first);
  g_object_unref (second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.actors", NULL));
  dl_test_run_for (100);
  dialog = find_actors_dialog ();
  g_assert_nonnull (dialog);

  buttons = actor_buttons (dialog, first);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (buttons)));
  g_signal_emit_by_name (dl_review_buttons_get_button (buttons, "accept"), "clicked");
  dl_test_run_for (50);
  g_assert_false (dl_actor_get_suggested (first));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept Actor");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (actor_buttons (dialog, first))));
  assert_bar (window, n - 1);

  g_signal_emit_by_name (dl_review_buttons_get_button (actor_buttons (dialog, second),
                                                       "reject"), "clicked");
  dl_test_run_for (50);
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, n_actors - 1);
  g_assert_null (dl_actors_dialog_get_row (dialog, second));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Reject Actor");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dl_test_run_for (50);
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, n_actors);
  g_assert_true (dl_actor_get_suggested (first));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (actor_buttons (dialog, first))));
  assert_bar (window, n);

  close_window (window);
}

/* "event:ID place:ID actor:ID …" of the suggestions. */
static char *
describe_suggestions (DlStory *story)
{
  GString *s = g_string_new (NULL);
  GListModel *models[] = { dl_story_get_events (story), dl_story_get_places (story),
                           dl_story_get_actors (story) };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (models[m], i);

        if (dl_review_is_suggested (object))
          g_string_append_printf (s, "%u:%u ", m, i);
      }
  return g_string_free (s, FALSE);
}

static void
wait_while (DlWindow *window,
            gboolean (*busy) (DlWindow *))
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (20000, dl_test_flag_cb, &timed_out);

  while (!timed_out && busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

/* Half reviewed, saved, opened again: the same suggestions, the same bar, hollow markers
 * for the places still suggested. */
static void
test_half_reviewed (void)
{
  DlWindow *window = draft_window ();
  DlStory *story = dl_window_get_story (window);
  g_autofree char *path = g_build_filename (tmp_dir, "half-reviewed.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) markers = NULL;
  DlWindow *reopened;
  DlPlace *place;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-suggestion", "(ss)", "event",
                              dl_event_get_id (event_at (window, 0)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-suggestion", "(ss)", "event",
                              dl_event_get_id (event_at (window, 2)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reject-suggestion", "(ss)", "event",
                              dl_event_get_id (event_at (window, 1)));
  place = g_list_model_get_item (dl_story_get_places (story), 0);
  g_object_unref (place);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-suggestion", "(ss)", "place",
                              dl_place_get_id (place));
  n = n_suggestions (window);
  before = describe_suggestions (story);

  dl_window_save_document_to (window, file);
  wait_while (window, dl_window_is_saving_document);

  reopened = new_window ();
  dl_window_open_file (reopened, file);
  wait_while (reopened, dl_window_is_loading);
  wait_for_markers (reopened);
  after = describe_suggestions (dl_window_get_story (reopened));
  g_assert_cmpstr (before, ==, after);
  assert_bar (reopened, n);
  g_assert_false (dl_place_get_suggested (dl_story_lookup_place (dl_window_get_story (reopened),
                                                                 dl_place_get_id (place))));
  markers = shown_markers (reopened);
  g_assert_cmpuint (markers->len, >=, 2);
  for (guint i = 0; i < markers->len; i++)
    g_assert_true (marker_is_hollow (markers->pdata[i]) ==
                   dl_place_get_suggested (dl_marker_get_place (markers->pdata[i])));

  close_window (reopened);
  close_window (window);
  g_unlink (path);
}

/* The texts of the labels of the row on screen showing @event, joined by "|", or NULL. */
static char *
row_text (DlWindow *window,
          DlEvent  *event)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (dl_window_get_list_view (window)), DL_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (dl_event_row_get_event (rows->pdata[i]) == event)
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new ();
        GString *text = g_string_new (NULL);

        collect (rows->pdata[i], GTK_TYPE_WIDGET, labels);
        for (guint j = 0; j < labels->len; j++)
          if (GTK_IS_LABEL (labels->pdata[j]))
            g_string_append_printf (text, "%s|", gtk_label_get_text (labels->pdata[j]));
          else if (DL_IS_ROW_TEXT (labels->pdata[j]))
            g_string_append_printf (text, "%s|", dl_row_text_get_text (labels->pdata[j]));
        return g_string_free (text, FALSE);
      }
  return NULL;
}

/* A drafted event the text gives no time for says its date is the article's, until its
 * time is set by hand (one step; undo brings the note back). */
static void
test_assumed_date (void)
{
  DlWindow *window = draft_window ();
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  DlEvent *assumed = NULL;
  DlEvent *dated = NULL;
  g_autofree char *before = NULL;
  g_autofree char *other = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  DlTime day;

  collect (GTK_WIDGET (dl_window_get_list_view (window)), DL_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DlEvent *event = dl_event_row_get_event (rows->pdata[i]);

      if (dl_event_get_date_assumed (event) && assumed == NULL)
        assumed = event;
      else if (!dl_event_get_date_assumed (event) && dated == NULL)
        dated = event;
    }
  g_assert_nonnull (assumed);
  g_assert_nonnull (dated);

  before = row_text (window, assumed);
  g_assert_nonnull (strstr (before, "8 Dec 2024 · article’s date|"));
  other = row_text (window, dated);
  g_assert_null (strstr (other, "article’s date"));

  g_assert_true (dl_time_parse ("2024-12-06", &day, NULL));
  dl_history_push (history, dl_operation_new_set_event_start (assumed, &day));
  dl_test_run_for (50);
  after = row_text (window, assumed);
  g_assert_nonnull (after);
  g_assert_null (strstr (after, "article’s date"));
  g_assert_nonnull (strstr (after, "6 Dec 2024|"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dl_test_run_for (50);
  undone = row_text (window, assumed);
  g_assert_nonnull (strstr (undone, "8 Dec 2024 · article’s date|"));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("dateline-review-window-XXXXXX", &error);
  g_assert_no_error (error);
  state_dir = g_build_filename (tmp_dir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/review-window/new-story", test_new_story);
  g_test_add_func ("/review-window/accept-row-undo", test_accept_row_undo);
  g_test_add_func ("/review-window/keyboard", test_keyboard);
  g_test_add_func ("/review-window/accept-all", test_accept_all);
  g_test_add_func ("/review-window/place-popover", test_place_popover);
  g_test_add_func ("/review-window/place-editor", test_place_editor);
  g_test_add_func ("/review-window/actors-dialog", test_actors_dialog);
  g_test_add_func ("/review-window/half-reviewed", test_half_reviewed);
  g_test_add_func ("/review-window/assumed-date", test_assumed_date);

  status = g_test_run ();
  g_rmdir (state_dir);
  g_rmdir (tmp_dir);
  return status;
}
