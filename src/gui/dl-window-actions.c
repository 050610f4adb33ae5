/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-actors-dialog.h"
#include "dl-article-text.h"
#include "dl-draft.h"
#include "dl-event-editor.h"
#include "dl-new-story-dialog.h"
#include "dl-notifier.h"
#include "dl-operation.h"
#include "dl-place-editor.h"
#include "dl-selection-draft.h"
#include "dl-story-details.h"
#include "dl-window-actions.h"
#include "dl-window-private.h"

/* What the actions keep per window, beside it (the window holds layout only). */
typedef struct
{
  DlWindow     *window;            /* unowned: the data lives as long as the window */
  GSignalGroup *history_signals;
  GSignalGroup *buffer_signals;
  GMenu        *edit_section;
  GtkWidget    *selection_button;  /* an overlay of the article's text view */
  GtkWidget    *map_menu;          /* the map's context menu, parented to the map view */
  GtkWindow    *unsaved_dialog;
  GCancellable *cancellable;
  guint         n_saving;
  gboolean      close_after_save;
  gboolean      closing;           /* the user chose Discard (or saved): close for real */
  /* what the last step changed, for the views to redo just that */
  gboolean      map_dirty;         /* the map's places all again (places or actors came
                                    * or went, a colour changed) */
  gboolean      article_dirty;     /* every passage's tint again */
  GHashTable   *dirty_places;      /* DlPlace (owned) whose marker may differ */
  GHashTable   *dirty_events;      /* DlEvent (owned) whose passages may differ */
} Actions;

#define ACTIONS_KEY "dl-window-actions"

static void
actions_free (gpointer data)
{
  Actions *actions = data;

  g_cancellable_cancel (actions->cancellable);
  g_clear_object (&actions->cancellable);
  g_clear_object (&actions->history_signals);
  g_clear_object (&actions->buffer_signals);
  g_clear_object (&actions->edit_section);
  g_clear_pointer (&actions->dirty_places, g_hash_table_unref);
  g_clear_pointer (&actions->dirty_events, g_hash_table_unref);
  if (actions->unsaved_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (actions->unsaved_dialog),
                                  (gpointer *) &actions->unsaved_dialog);
  g_free (actions);
}

static Actions *
get_actions (DlWindow *self)
{
  return g_object_get_data (G_OBJECT (self), ACTIONS_KEY);
}

static DlHistory *
get_history (DlWindow *self)
{
  DlDocument *document = dl_window_get_document (self);

  return document != NULL ? dl_document_get_history (document) : NULL;
}

static GtkTextBuffer *
article_buffer (DlWindow *self)
{
  return gtk_text_view_get_buffer (
    dl_article_view_get_text_view (dl_window_get_article_view (self)));
}

/* The selected characters of the article, without the spaces at either end. */
static gboolean
get_article_selection (DlWindow *self,
                       int      *start,
                       int      *end)
{
  GtkTextIter s, e;

  if (dl_window_get_story (self) == NULL
      || !gtk_text_buffer_get_selection_bounds (article_buffer (self), &s, &e))
    return FALSE;
  while (gtk_text_iter_compare (&s, &e) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&s)))
    gtk_text_iter_forward_char (&s);
  while (gtk_text_iter_compare (&s, &e) < 0)
    {
      GtkTextIter before = e;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      e = before;
    }
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return *start < *end;
}

static DlEvent *
single_selected_event (DlWindow *self)
{
  GPtrArray *selected = dl_view_state_get_selected_events (dl_window_get_view_state (self));

  return selected->len == 1 ? selected->pdata[0] : NULL;
}

static void
update_edit_menu (DlWindow *self)
{
  Actions *actions = get_actions (self);
  DlHistory *history = get_history (self);
  const char *undo = history != NULL ? dl_history_get_undo_label (history) : NULL;
  const char *redo = history != NULL ? dl_history_get_redo_label (history) : NULL;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  /* TRANSLATORS: menu item; %s is what would be undone ("Move Place") */
  undo_label = undo != NULL ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  /* TRANSLATORS: menu item; %s is what would be redone ("Move Place") */
  redo_label = redo != NULL ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));

  g_menu_remove_all (actions->edit_section);
  g_menu_append (actions->edit_section, undo_label, "win.undo");
  g_menu_append (actions->edit_section, redo_label, "win.redo");
  g_menu_append (actions->edit_section, _("_Save"), "win.save");
  g_menu_append (actions->edit_section, _("Story _Details…"), "win.story-details");
  g_menu_append (actions->edit_section, _("_Actors…"), "win.actors");
}

static void
update_actions (DlWindow *self)
{
  DlHistory *history = get_history (self);
  gboolean has_story = dl_window_get_story (self) != NULL;
  gboolean has_text = has_story && dl_story_get_text (dl_window_get_story (self)) != NULL;
  GPtrArray *selected = dl_view_state_get_selected_events (dl_window_get_view_state (self));
  Actions *actions = get_actions (self);
  int start, end;
  gboolean has_selection = has_text && get_article_selection (self, &start, &end);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 history != NULL && dl_history_get_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 history != NULL && dl_history_get_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 has_story && actions->n_saving == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.story-details", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-event", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-passage",
                                 has_selection && selected->len == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-event", selected->len == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-event", selected->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-place", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.actors", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-place",
                                 dl_view_state_get_selected_place (
                                   dl_window_get_view_state (self)) != NULL);
  gtk_widget_set_visible (actions->selection_button, has_selection);
  update_edit_menu (self);
}

/* The button by the selection sits just below its end. */
static void
place_selection_button (DlWindow *self)
{
  Actions *actions = get_actions (self);
  GtkTextView *view = dl_article_view_get_text_view (dl_window_get_article_view (self));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  GdkRectangle rect, visible;
  int width, x;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  gtk_text_view_get_iter_location (view, &end, &rect);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_widget_measure (actions->selection_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width,
                      NULL, NULL);
  /* under the end of the selection, never past the pane's edges */
  x = MIN (rect.x - width / 2, visible.x + visible.width - width - 6);
  gtk_text_view_move_overlay (view, actions->selection_button, MAX (x, visible.x + 6),
                              rect.y + rect.height + 4);
}

static GPtrArray *
hash_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new_full (g_hash_table_size (table), g_object_unref);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_object_ref (key));
  return keys;
}

static void
history_changed_cb (DlHistory *history,
                    DlWindow  *self)
{
  Actions *actions = get_actions (self);
  g_autoptr(GPtrArray) places = hash_keys (actions->dirty_places);
  g_autoptr(GPtrArray) events = hash_keys (actions->dirty_events);

  /* a step touches a few places and events: the views redo those, not the story (a
   * rename in a story of 10,000 events should not cost 10,000 of anything) */
  g_hash_table_remove_all (actions->dirty_places);
  g_hash_table_remove_all (actions->dirty_events);
  dl_window_refresh_views (self, actions->map_dirty, places,
                           actions->article_dirty ? NULL : events);
  actions->map_dirty = FALSE;
  actions->article_dirty = FALSE;
  update_actions (self);
}

static void
mark_place (Actions *actions,
            DlPlace *place)
{
  if (!g_hash_table_contains (actions->dirty_places, place))
    g_hash_table_add (actions->dirty_places, g_object_ref (place));
}

static void
mark_event (Actions *actions,
            DlEvent *event)
{
  if (!g_hash_table_contains (actions->dirty_events, event))
    g_hash_table_add (actions->dirty_events, g_object_ref (event));
}

/* What the map shows: where places are, which events they have and with which actors'
 * colours; under a filter, anything that decides what it shows. */
static void
place_notify_cb (DlPlace    *place,
                 GParamSpec *pspec,
                 DlWindow   *self)
{
  if (g_str_equal (pspec->name, "geometry") || g_str_equal (pspec->name, "n-events"))
    mark_place (get_actions (self), place);
  /* a suggested place is drawn hollow: its marker is made again */
  else if (g_str_equal (pspec->name, "suggested"))
    get_actions (self)->map_dirty = TRUE;
  /* a search finds events by their places' names too */
  else if (dl_filter_is_active (dl_view_state_get_filter (dl_window_get_view_state (self))))
    get_actions (self)->map_dirty = get_actions (self)->article_dirty = TRUE;
}

/* An event's passages are tinted by its main actor and shown under the filter; its places'
 * markers count it and take the colour of the actor most of their events have (the
 * earliest on a tie, hence its time too). A place it leaves or joins is notified itself. */
static void
event_notify_cb (DlEvent    *event,
                 GParamSpec *pspec,
                 DlWindow   *self)
{
  Actions *actions = get_actions (self);

  mark_event (actions, event);
  if (g_str_equal (pspec->name, "places") || g_str_equal (pspec->name, "actors")
      || g_str_equal (pspec->name, "start")
      || dl_filter_is_active (dl_view_state_get_filter (dl_window_get_view_state (self))))
    for (guint i = 0; i < dl_event_get_n_places (event); i++)
      mark_place (actions, dl_event_get_place (event, i, NULL));
}

static void
actor_notify_cb (DlActor    *actor,
                 GParamSpec *pspec,
                 DlWindow   *self)
{
  /* a search finds events by their actors' names and aliases too */
  if (g_str_equal (pspec->name, "color")
      || dl_filter_is_active (dl_view_state_get_filter (dl_window_get_view_state (self))))
    {
      get_actions (self)->map_dirty = TRUE;
      get_actions (self)->article_dirty = TRUE;
    }
}

/* Whether @place is one of @story's: found by its id, or, for a plain map's feature whose
 * id another feature has too, in the list. */
static gboolean
story_has_place (DlStory *story,
                 DlPlace *place)
{
  const char *id = dl_place_get_id (place);
  GListModel *places = dl_story_get_places (story);
  guint n = g_list_model_get_n_items (places);

  if (id != NULL && dl_story_lookup_place (story, id) == place)
    return TRUE;
  if (G_IS_LIST_STORE (places))
    return g_list_store_find (G_LIST_STORE (places), place, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlPlace) item = g_list_model_get_item (places, i);

      if (item == place)
        return TRUE;
    }
  return FALSE;
}

/* Any item of any story changed: the notifier tells of them all, rather than a handler on
 * each item (a million places took 1.7 s and 250 MB to watch one by one). */
static void
item_notify_cb (DlNotifier *notifier,
                GObject    *item,
                GParamSpec *pspec,
                DlWindow   *self)
{
  DlStory *story = dl_window_get_story (self);

  if (story == NULL || get_actions (self) == NULL)
    return;
  if (DL_IS_EVENT (item))
    {
      if (dl_event_get_story (DL_EVENT (item)) == story)
        event_notify_cb (DL_EVENT (item), pspec, self);
    }
  else if (DL_IS_PLACE (item))
    {
      if (story_has_place (story, DL_PLACE (item)))
        place_notify_cb (DL_PLACE (item), pspec, self);
    }
  else if (DL_IS_ACTOR (item) && dl_actor_get_id (DL_ACTOR (item)) != NULL &&
           dl_story_lookup_actor (story, dl_actor_get_id (DL_ACTOR (item))) == DL_ACTOR (item))
    actor_notify_cb (DL_ACTOR (item), pspec, self);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  DlWindow   *self)
{
  Actions *actions = get_actions (self);
  DlStory *story = dl_window_get_story (self);

  /* an event that comes or goes counts for its places, which are notified; the article
   * finds the events that left by itself */
  if (story != NULL && model == dl_story_get_events (story))
    for (guint i = position; i < position + added; i++)
      {
        g_autoptr(DlEvent) event = g_list_model_get_item (model, i);

        mark_event (actions, event);
        for (guint j = 0; j < dl_event_get_n_places (event); j++)
          mark_place (actions, dl_event_get_place (event, j, NULL));
      }
  else
    actions->map_dirty = TRUE;
}

static void
article_selection_cb (GtkTextBuffer *buffer,
                      GParamSpec    *pspec,
                      DlWindow      *self)
{
  update_actions (self);
  if (gtk_text_buffer_get_has_selection (buffer))
    place_selection_button (self);
}

static void
article_mark_set_cb (GtkTextBuffer     *buffer,
                     const GtkTextIter *location,
                     GtkTextMark       *mark,
                     DlWindow          *self)
{
  if (mark == gtk_text_buffer_get_selection_bound (buffer)
      || mark == gtk_text_buffer_get_insert (buffer))
    article_selection_cb (buffer, NULL, self);
}

static void
view_selection_changed_cb (DlViewState *state,
                           DlWindow    *self)
{
  update_actions (self);
}

/* New Story */

/* A new story goes to this window when it shows none, else to a new window of the
 * application, so that the story open stays open. */
static DlWindow *
window_for_new_story (DlWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  DlWindow *window;

  if (dl_window_get_story (self) == NULL || application == NULL)
    return self;
  window = dl_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
story_created_cb (DlNewStoryDialog *dialog,
                  DlStory          *story,
                  DlWindow         *self)
{
  dl_window_set_story (window_for_new_story (self), story);
}

static void
new_story_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlNewStoryDialog *dialog = dl_new_story_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "story-created", G_CALLBACK (story_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo and redo */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlHistory *history = get_history (DL_WINDOW (widget));

  if (history == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    dl_history_undo (history);
  else
    dl_history_redo (history);
}

/* Saving */

typedef struct
{
  DlWindow *window;
  char     *name;
} SaveCall;

static void
save_call_free (SaveCall *call)
{
  g_object_unref (call->window);
  g_free (call->name);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveCall, save_call_free)

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SaveCall) call = user_data;
  DlWindow *self = call->window;
  DlDocument *document = DL_DOCUMENT (source);
  Actions *actions = get_actions (self);
  g_autoptr(GError) error = NULL;
  /* the file written to, also when the document keeps its old one after a failure */
  const char *name = call->name;

  if (actions == NULL)
    return;
  actions->n_saving--;
  if (!dl_document_save_finish (document, result, &error))
    {
      actions->close_after_save = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: heading of the error dialog; %s is the file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

          dl_window_show_error (self, heading, error->message);
          update_actions (self);
        }
      return;
    }

  update_actions (self);
  if (actions->close_after_save)
    {
      actions->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  {
    /* TRANSLATORS: a toast after saving; %s is the file name */
    g_autofree char *title = g_markup_printf_escaped (_("Saved “%s”"), name);

    dl_window_add_toast (self, adw_toast_new (title));
  }
}

static void
save_to (DlWindow *self,
         GFile    *file)
{
  Actions *actions = get_actions (self);
  DlDocument *document = dl_window_get_document (self);
  SaveCall *call;

  if (document == NULL)
    return;
  call = g_new0 (SaveCall, 1);
  call->window = g_object_ref (self);
  call->name = g_file_get_basename (file != NULL ? file : dl_document_get_file (document));
  actions->n_saving++;
  dl_document_save_async (document, file, actions->cancellable, save_done_cb, call);
  update_actions (self);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  DlWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen != NULL)
    {
      g_autoptr(GFile) file = dl_window_save_target (chosen);

      save_to (self, file);
    }
  else
    get_actions (self)->close_after_save = FALSE;
  g_object_unref (chooser);
}

static void
ask_where_to_save (DlWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = dl_window_suggest_file_name (self);

  gtk_file_filter_set_name (filter, _("GeoJSON Stories"));
  gtk_file_filter_add_mime_type (filter, "application/geo+json");
  gtk_file_filter_add_suffix (filter, "geojson");
  chooser = gtk_file_chooser_native_new (_("Save the Story"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save (DlWindow *self)
{
  DlDocument *document = dl_window_get_document (self);

  if (document == NULL)
    return;
  if (dl_document_get_file (document) == NULL)
    ask_where_to_save (self);
  else
    save_to (self, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (DL_WINDOW (widget));
}

/* Closing with unsaved changes */

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DlWindow         *self)
{
  Actions *actions = get_actions (self);

  /* done with the question, whether it was answered by a button or not */
  if (actions->unsaved_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &actions->unsaved_dialog);
      actions->unsaved_dialog = NULL;
    }
  gtk_window_close (GTK_WINDOW (dialog));

  if (g_str_equal (response, "discard"))
    {
      dl_document_discard (dl_window_get_document (self));
      actions->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      actions->close_after_save = TRUE;
      save (self);
    }
}

/* Recovery after a crash */

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DlWindow         *self)
{
  GPtrArray *recoveries = g_object_get_data (G_OBJECT (dialog), "dl-recoveries");
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  for (guint i = 0; i < recoveries->len; i++)
    {
      const DlRecovery *recovery = recoveries->pdata[i];
      g_autoptr(DlDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      DlWindow *window = self;

      if (!g_str_equal (response, "restore"))
        {
          if (g_str_equal (response, "discard"))
            dl_recovery_delete (recovery);
          continue;
        }
      document = dl_document_new_from_recovery (recovery, &error);
      if (document == NULL)
        {
          /* TRANSLATORS: heading of the error dialog; %s is the story's title */
          g_autofree char *heading = g_strdup_printf (_("Could Not Restore “%s”"),
                                                      recovery->title);

          dl_window_show_error (self, heading, error->message);
          continue;
        }
      /* the first into this window unless it holds edits of its own */
      if (application != NULL
          && (i > 0 || (dl_window_get_document (self) != NULL
                        && dl_document_get_modified (dl_window_get_document (self)))))
        {
          window = dl_window_new (application);
          gtk_window_present (GTK_WINDOW (window));
        }
      dl_window_set_document (window, document);
    }
  gtk_window_close (GTK_WINDOW (dialog));
}

GtkWindow *
dl_window_offer_recovery (DlWindow *self)
{
  g_autoptr(GPtrArray) recoveries = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  recoveries = dl_document_list_recoverable ();
  if (recoveries == NULL || recoveries->len == 0)
    return NULL;

  g_string_append (body, g_dngettext (GETTEXT_PACKAGE,
                                      "Dateline closed before this story was saved. Its "
                                      "last changes can be restored:",
                                      "Dateline closed before these stories were saved. "
                                      "Their last changes can be restored:",
                                      recoveries->len));
  for (guint i = 0; i < recoveries->len && i < 10; i++)
    {
      const DlRecovery *recovery = recoveries->pdata[i];
      g_autofree char *when = g_date_time_format (recovery->written, "%x %X");

      /* TRANSLATORS: a story that can be restored: its title and when it was written */
      g_string_append_printf (body, _("\n• %s (%s)"), recovery->title, when);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore Unsaved Changes?"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog, "later", _("_Not Now"),
                                    "discard", _("_Discard"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "dl-recoveries", g_steal_pointer (&recoveries),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Story details */

static void
story_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlDocument *document = dl_window_get_document (self);

  if (document == NULL)
    return;
  gtk_window_present (GTK_WINDOW (dl_story_details_new (GTK_WINDOW (self), document)));
}

static void
actors_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlDocument *document = dl_window_get_document (self);

  if (document == NULL)
    return;
  gtk_window_present (GTK_WINDOW (dl_actors_dialog_new (GTK_WINDOW (self), document)));
}

static void
edit_place_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlPlace *place = dl_view_state_get_selected_place (dl_window_get_view_state (self));

  if (place == NULL || dl_window_get_document (self) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (dl_place_editor_new (GTK_WINDOW (self),
                                                       dl_window_get_document (self),
                                                       place)));
}

/* Events */

static void
edit_event (DlWindow *self,
            DlEvent  *event)
{
  DlEventEditor *editor = dl_event_editor_new (GTK_WINDOW (self),
                                               dl_window_get_document (self), event);

  gtk_window_present (GTK_WINDOW (editor));
}

static DlEvent *
new_event_from_selection (DlWindow *self,
                          gboolean  open_editor)
{
  DlDocument *document = dl_window_get_document (self);
  DlStory *story = dl_window_get_story (self);
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *id = NULL;
  g_autoptr(DlSelectionDraft) draft = NULL;
  g_autoptr(DlEvent) event = NULL;
  const char *published;
  DlTime time;
  int start, end;

  if (document == NULL || !get_article_selection (self, &start, &end))
    return NULL;

  dl_story_quote_range (story, start, end, &exact, &prefix, &suffix);
  draft = dl_selection_draft_new (story, start, end);
  id = dl_story_make_id (story, draft->title);
  event = dl_event_new (id);
  dl_event_set_title (event, draft->title);
  published = dl_story_get_published (story);
  if (published != NULL && dl_time_parse (published, &time, NULL))
    dl_event_set_start (event, &time);
  for (guint i = 0; i < draft->places->len; i++)
    dl_event_insert_place (event, -1, draft->places->pdata[i], NULL);
  for (guint i = 0; i < draft->actors->len; i++)
    dl_event_insert_actor (event, -1, draft->actors->pdata[i], NULL);
  dl_event_insert_passage (event, -1, exact, prefix, suffix);

  dl_document_push (document, dl_operation_new_add_event (story, event));
  /* the selection is done with: the cursor goes to its end */
  {
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (article_buffer (self), &iter, end);
    gtk_text_buffer_place_cursor (article_buffer (self), &iter);
  }
  dl_view_state_select_event (dl_window_get_view_state (self), event);
  if (open_editor)
    edit_event (self, event);
  return event;
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  new_event_from_selection (DL_WINDOW (widget), TRUE);
}

static void
add_passage_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlEvent *event = single_selected_event (self);
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  int start, end;

  if (event == NULL || !get_article_selection (self, &start, &end))
    return;
  dl_story_quote_range (dl_window_get_story (self), start, end, &exact, &prefix, &suffix);
  dl_document_push (dl_window_get_document (self),
                    dl_operation_new_add_event_passage (event, exact, prefix, suffix));
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlEvent *event = single_selected_event (self);

  if (event != NULL)
    edit_event (self, event);
}

static void
delete_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlStory *story = dl_window_get_story (self);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(DlOperation) group = NULL;
  gboolean all_suggested = TRUE;
  AdwToast *toast;

  events = g_ptr_array_copy (dl_view_state_get_selected_events (dl_window_get_view_state (self)),
                             (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (events, g_object_unref);
  if (story == NULL || events->len == 0)
    return;

  /* Delete on a draft's suggestions rejects them */
  for (guint i = 0; i < events->len; i++)
    if (!dl_event_get_suggested (events->pdata[i]))
      all_suggested = FALSE;
  if (all_suggested)
    group = dl_operation_new_group (events->len == 1 ? _("Reject Event") : _("Reject Events"));
  else
    group = dl_operation_new_group (events->len == 1 ? _("Delete Event") : _("Delete Events"));
  for (guint i = 0; i < events->len; i++)
    dl_operation_group_add (group, dl_operation_new_remove_event (story, events->pdata[i]));
  dl_document_push (dl_window_get_document (self), g_steal_pointer (&group));

  toast = adw_toast_new (g_dngettext (GETTEXT_PACKAGE, "Event deleted", "Events deleted",
                                      events->len));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  dl_window_add_toast (self, toast);
}

/* Places */

static void
add_place_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlPlace *place;
  double lat, lon;

  g_variant_get (parameter, "(dd)", &lat, &lon);
  place = dl_window_add_place_at (self, lat, lon, NULL);
  if (place != NULL)
    gtk_window_present (GTK_WINDOW (dl_place_editor_new (GTK_WINDOW (self),
                                                         dl_window_get_document (self),
                                                         place)));
}

static void
show_map_menu (DlWindow *self,
               double    x,
               double    y)
{
  Actions *actions = get_actions (self);
  DlMapView *map_view = dl_window_get_map_view (self);
  ShumateMap *map = dl_map_view_get_map (map_view);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  double lat, lon, mx, my;

  if (dl_window_get_story (self) == NULL)
    return;
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (map_view), GTK_WIDGET (map), x, y,
                                         &mx, &my))
    return;
  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (map),
                                              GTK_WIDGET (map), mx, my, &lat, &lon);
  item = g_menu_item_new (_("Add Place Here"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.add-place",
                                           g_variant_new ("(dd)", lat, lon));
  g_menu_append_item (menu, item);
  if (dl_view_state_get_selected_place (dl_window_get_view_state (self)) != NULL)
    g_menu_append (menu, _("_Edit Selected Place…"), "win.edit-place");

  if (actions->map_menu == NULL)
    {
      actions->map_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (actions->map_menu, GTK_WIDGET (map_view));
      gtk_popover_set_has_arrow (GTK_POPOVER (actions->map_menu), FALSE);
      gtk_widget_set_halign (actions->map_menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (actions->map_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (actions->map_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (actions->map_menu));
}

static void
map_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                DlWindow        *self)
{
  show_map_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
map_long_pressed_cb (GtkGestureLongPress *gesture,
                     double               x,
                     double               y,
                     DlWindow            *self)
{
  show_map_menu (self, x, y);
}

static void
place_dragged_cb (DlMapView *map_view,
                  DlPlace   *place,
                  double     lat,
                  double     lon,
                  DlWindow  *self)
{
  DlDocument *document = dl_window_get_document (self);

  if (document != NULL)
    dl_document_push (document,
                      dl_operation_new_move_place (place, (DlLonLat) { .lon = lon, .lat = lat }));
}

/* The popover is the map view's child: it goes before the map view is finalized. */
static void
map_view_destroy_cb (GtkWidget *map_view,
                     DlWindow  *self)
{
  Actions *actions = get_actions (self);

  if (actions != NULL && actions->map_menu != NULL)
    g_clear_pointer (&actions->map_menu, gtk_widget_unparent);
}

void
dl_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-passage", NULL, add_passage_action);
  gtk_widget_class_install_action (widget_class, "win.actors", NULL, actors_action);
  gtk_widget_class_install_action (widget_class, "win.add-place", "(dd)", add_place_action);
  gtk_widget_class_install_action (widget_class, "win.delete-event", NULL,
                                   delete_event_action);
  gtk_widget_class_install_action (widget_class, "win.edit-event", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.edit-place", NULL, edit_place_action);
  gtk_widget_class_install_action (widget_class, "win.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.story-details", NULL,
                                   story_details_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-event",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, GDK_SHIFT_MASK,
                                       "win.edit-place", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.actors", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-event",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.story-details", NULL);
}

void
dl_window_actions_init (DlWindow *self)
{
  Actions *actions = g_new0 (Actions, 1);
  DlArticleView *article = dl_window_get_article_view (self);
  GtkTextView *text_view = dl_article_view_get_text_view (article);
  DlMapView *map_view = dl_window_get_map_view (self);
  g_autoptr(GMenu) article_menu = g_menu_new ();
  GtkGesture *press;
  GtkWidget *button;

  actions->dirty_places = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  actions->dirty_events = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  actions->window = self;
  actions->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), ACTIONS_KEY, actions, actions_free);

  actions->history_signals = g_signal_group_new (DL_TYPE_HISTORY);
  g_signal_group_connect_object (actions->history_signals, "changed",
                                 G_CALLBACK (history_changed_cb), self, 0);
  g_signal_connect_object (dl_notifier_get_default (), "item-notify",
                           G_CALLBACK (item_notify_cb), self, 0);

  /* Undo, Redo, Save, Story Details first in the main menu */
  actions->edit_section = g_menu_new ();
  g_menu_prepend_section (dl_window_get_primary_menu (self), NULL,
                          G_MENU_MODEL (actions->edit_section));

  /* the article's context menu and the button by a selection */
  g_menu_append (article_menu, _("New _Event from Selection"), "win.new-event");
  g_menu_append (article_menu, _("Add _Passage to Event"), "win.add-passage");
  gtk_text_view_set_extra_menu (text_view, G_MENU_MODEL (article_menu));

  button = gtk_button_new_with_mnemonic (_("New _Event"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.new-event");
  gtk_widget_set_tooltip_text (button, _("New Event from the Selection (Ctrl+Shift+N)"));
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "dl-selection-button");
  gtk_widget_set_visible (button, FALSE);
  gtk_text_view_add_overlay (text_view, button, 0, 0);
  actions->selection_button = button;

  actions->buffer_signals = g_signal_group_new (GTK_TYPE_TEXT_BUFFER);
  g_signal_group_connect_object (actions->buffer_signals, "notify::has-selection",
                                 G_CALLBACK (article_selection_cb), self, 0);
  g_signal_group_connect_object (actions->buffer_signals, "mark-set",
                                 G_CALLBACK (article_mark_set_cb), self, 0);
  g_signal_group_set_target (actions->buffer_signals, gtk_text_view_get_buffer (text_view));
  g_signal_connect_object (dl_window_get_view_state (self), "selection-changed",
                           G_CALLBACK (view_selection_changed_cb), self, 0);

  /* the map's context menu: right click, or a long press on touch */
  press = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (press, "pressed", G_CALLBACK (map_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (map_view), GTK_EVENT_CONTROLLER (press));
  press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect_object (press, "pressed", G_CALLBACK (map_long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (map_view), GTK_EVENT_CONTROLLER (press));
  g_signal_connect_object (map_view, "destroy", G_CALLBACK (map_view_destroy_cb), self, 0);
  g_signal_connect_object (map_view, "place-dragged", G_CALLBACK (place_dragged_cb), self, 0);

  update_actions (self);
}

void
dl_window_actions_document_changed (DlWindow *self)
{
  Actions *actions = get_actions (self);

  g_return_if_fail (DL_IS_WINDOW (self));

  if (actions == NULL)
    return;
  g_signal_group_set_target (actions->history_signals, get_history (self));
  if (dl_window_get_story (self) != NULL)
    {
      DlStory *story = dl_window_get_story (self);
      GListModel *lists[] = { dl_story_get_places (story), dl_story_get_events (story),
                              dl_story_get_actors (story) };

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        g_signal_connect_object (lists[i], "items-changed", G_CALLBACK (items_changed_cb),
                                 self, 0);
    }
  actions->map_dirty = FALSE;
  actions->article_dirty = FALSE;
  g_hash_table_remove_all (actions->dirty_places);
  g_hash_table_remove_all (actions->dirty_events);
  update_actions (self);
}

gboolean
dl_window_actions_close_request (DlWindow *self)
{
  Actions *actions = get_actions (self);
  DlDocument *document = dl_window_get_document (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);

  if (actions == NULL || actions->closing || document == NULL
      || !dl_document_get_modified (document))
    return FALSE;
  if (actions->unsaved_dialog != NULL)
    {
      gtk_window_present (actions->unsaved_dialog);
      return TRUE;
    }

  /* TRANSLATORS: %s is the story's file name, or "New Story" */
  body = g_strdup_printf (_("“%s” has changes that are not saved. Save them before "
                            "closing?"), dl_document_get_title (document));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  actions->unsaved_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &actions->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* A .txt given to the window has no publication date, and relative dates ("on Sunday")
 * need one: the New Story dialog opens with the text and title, asking for the date. */
void
dl_window_new_story_from_file (DlWindow *self,
                               GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  DlNewStoryDialog *dialog;

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  text = dl_article_text_from_file (file, &title, NULL, &error);
  if (text == NULL)
    {
      /* TRANSLATORS: heading of the error dialog; %s is the file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      dl_window_show_error (self, heading, error->message);
      return;
    }
  if (title == NULL)
    title = dl_draft_guess_title (text);
  if (title == NULL)
    {
      char *dot = strrchr (name, '.');

      title = g_strdup (name);
      if (dot != NULL && dot != name)
        title[dot - name] = '\0';
    }

  dialog = dl_new_story_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "story-created", G_CALLBACK (story_created_cb), self, 0);
  dl_new_story_dialog_ask_date (dialog, text, title);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dl_window_open_any_file (DlWindow *self,
                         GFile    *file)
{
  GtkApplication *application;
  DlDocument *document;

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (dl_new_story_is_article_file (file))
    {
      dl_window_new_story_from_file (self, file);
      return;
    }
  /* unsaved changes stay in their window: the other story opens in a new one */
  application = gtk_window_get_application (GTK_WINDOW (self));
  document = dl_window_get_document (self);
  if (application != NULL && document != NULL && dl_document_get_modified (document))
    {
      DlWindow *window = dl_window_new (application);

      gtk_window_present (GTK_WINDOW (window));
      self = window;
    }
  dl_window_open_file (self, file);
}

GtkWidget *
dl_window_get_selection_button (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return get_actions (self)->selection_button;
}

GtkWindow *
dl_window_get_unsaved_dialog (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return get_actions (self)->unsaved_dialog;
}

void
dl_window_save_document_to (DlWindow *self,
                            GFile    *file)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  save_to (self, file);
}

gboolean
dl_window_is_saving_document (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);

  return get_actions (self)->n_saving > 0;
}

DlPlace *
dl_window_add_place_at (DlWindow   *self,
                        double      lat,
                        double      lon,
                        const char *name)
{
  DlStory *story;
  g_autofree char *id = NULL;
  g_autoptr(DlPlace) place = NULL;

  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  story = dl_window_get_story (self);
  if (story == NULL)
    return NULL;
  if (name == NULL)
    name = _("New Place");
  id = dl_story_make_id (story, name);
  place = dl_place_new_point (id, name, (DlLonLat) { .lon = lon, .lat = lat });
  dl_document_push (dl_window_get_document (self), dl_operation_new_add_place (story, place));
  return place;
}
