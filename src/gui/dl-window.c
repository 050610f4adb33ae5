/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-about.h"
#include "dl-booklet-export.h"
#include "dl-event-row.h"
#include "dl-focus.h"
#include "dl-export-dialog.h"
#include "dl-offline-banner.h"
#include "dl-settings.h"
#include "dl-shown-events.h"
#include "dl-time-chip.h"
#include "dl-timeline.h"
#include "dl-window-actions.h"
#include "dl-window-chrome.h"
#include "dl-window-review.h"
#include "dl-window-private.h"

/* Below this width the events and article panes fold away. */
#define NARROW_WIDTH 900
/* A load shows its progress only once it takes longer than this, so that a small file
 * does not flash it. */
#define LOAD_PROGRESS_DELAY_MS 300

struct _DlWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *events_button;
  GtkToggleButton      *article_button;
  GtkToggleButton      *search_button;
  GtkMenuButton        *actor_button;
  DlActorFilter        *actor_filter;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkWidget            *events_pane;
  AdwClamp             *events_clamp;
  AdwClamp             *article_clamp;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkStack             *list_stack;
  AdwStatusPage        *empty_page;
  GtkListView          *list_view;
  DlMapView            *map_view;
  DlOfflineBanner      *offline_banner;
  GtkWidget            *map_box;
  DlTimeline           *timeline;
  DlTimeChip           *time_chip;
  DlArticleView        *article_view;
  AdwFlap              *events_flap;
  AdwFlap              *article_flap;
  GtkRevealer          *load_revealer;
  GtkLabel             *load_label;
  GtkProgressBar       *load_progress;
  GMenu                *primary_menu;

  DlViewState          *state;
  DlDocument           *document;
  DlShownEvents        *filter_model;  /* the events the filter shows */
  GListModel           *watched_events;  /* the story's */
  gulong                events_changed_id;
  GtkMultiSelection    *selection;
  GSettings            *settings;
  GCancellable         *load_cancellable;
  GtkWindow            *error_dialog;
  char                 *loading_name;
  guint                 load_show_id;
  guint                 load_pulse_id;
  GFile                *story_file;

  int                   article_width;
  gboolean              narrow;
  gboolean              layout_idle_queued;
  gboolean              syncing_selection;
  guint                 lead_position;  /* the row the list opens on */
};

G_DEFINE_FINAL_TYPE (DlWindow, dl_window, ADW_TYPE_APPLICATION_WINDOW)

static void
dl_window_update_actions (DlWindow *self)
{
  gboolean has_story = dl_view_state_get_story (self->state) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-booklet", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_story);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection",
                                 has_story || self->load_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit", has_story);
  gtk_widget_set_sensitive (GTK_WIDGET (self->actor_button), has_story);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), has_story);
}

/* The event of the list's top row, or NULL when no row shows. */
static DlEvent *
top_event (DlWindow *self)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);

  /* a few pixels down, in case the first is a row's margin */
  for (int y = 1; y < 24; y += 6)
    {
      GtkWidget *widget = gtk_widget_pick (list, gtk_widget_get_width (list) / 2.0, y,
                                           GTK_PICK_INSENSITIVE | GTK_PICK_NON_TARGETABLE);

      for (; widget != NULL && widget != list; widget = gtk_widget_get_parent (widget))
        if (DL_IS_EVENT_ROW (widget))
          return dl_event_row_get_event (DL_EVENT_ROW (widget));
    }
  return NULL;
}

/* Events taken out of the list: those in their place are listed, the old ones still after
 * them. When the top row is one of the old ones, the list moves to the new ones first (to
 * where GTK 4.8 would move), so that it gives its rows new events instead of dropping
 * them all and making as many again: 200 rows were a third of the time of a search at
 * 100,000 events. The new ones are above the rows shown, so the list shows the one it
 * moves to at its top. */
static void
swap_cb (DlShownEvents *model,
         guint          first,
         guint          n_added,
         guint          n_removed,
         gpointer       data)
{
  DlWindow *self = data;
  DlEvent *top = top_event (self);
  guint n;
  DlEvent * const *items = dl_shown_events_peek (model, &n);

  for (guint i = first + n_added; top != NULL && i < first + n_added + n_removed; i++)
    if (items[i] == top)
      {
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                    dl_shown_events_swap_target (model, i));
        return;
      }
}

/* The list shows what the filter now shows; only the span that changed is redone. */
static void
update_shown (DlWindow *self)
{
  g_autoptr(GPtrArray) shown = dl_view_state_dup_shown (self->state);

  self->syncing_selection = TRUE;
  dl_shown_events_set (self->filter_model, shown, dl_view_state_peek_events (self->state));
  self->syncing_selection = FALSE;
}

/* An event added, removed or moved in time. */
static void
story_events_changed_cb (GListModel *events,
                         guint       position,
                         guint       removed,
                         guint       added,
                         DlWindow   *self)
{
  update_shown (self);
}

static void
update_count (DlWindow *self)
{
  DlStory *story = dl_view_state_get_story (self->state);
  guint total, shown;
  g_autofree char *text = NULL;

  if (story == NULL)
    return;

  total = g_list_model_get_n_items (dl_story_get_events (story));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  if (shown != total)
    /* TRANSLATORS: number of events shown by the filter, of all events: "9 of 24 events" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u event", "%u of %u events",
                                         total),
                            shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", total),
                            total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  if (total == 0)
    {
      /* A plain GeoJSON map: places, no events. */
      adw_status_page_set_title (self->empty_page, _("No Events"));
      adw_status_page_set_description (self->empty_page,
                                       _("This map has places but no events of a story"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Events"));
      adw_status_page_set_description (self->empty_page, _("Try other words or other actors"));
    }
}

static void
sync_list_selection (DlWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n;
  DlEvent * const *rows = dl_shown_events_peek (self->filter_model, &n);
  guint first = G_MAXUINT;
  GPtrArray *events = dl_view_state_get_selected_events (self->state);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);

  /* a set, not a search of the selection per row: a place of 10,000 events selected in a
   * list of 100,000 was a billion comparisons; and no pass over the rows when nothing
   * (or nothing more) is selected */
  for (guint i = 0; i < events->len; i++)
    g_hash_table_add (wanted, events->pdata[i]);
  for (guint i = 0, found = 0; i < n && found < events->len; i++)
    {
      DlEvent *event = rows[i];

      if (g_hash_table_contains (wanted, event))
        {
          gtk_bitset_add (selected, i);
          first = MIN (first, i);
          found++;
        }
    }

  mask = gtk_bitset_new_range (0, n);
  self->syncing_selection = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->syncing_selection = FALSE;

  if (first != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                first);
}

/* GTK 4.8's list view makes every row a Tab stop; with dozens of events, Tab would walk
 * them all. Tab leaves the list for the map (rows are walked with the arrow keys). */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     DlWindow              *self)
{
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab)
      || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->map_view), GTK_DIR_TAB_FORWARD);
}

static void
list_selection_changed_cb (GtkSelectionModel *model,
                           guint              position,
                           guint              n_items,
                           DlWindow          *self)
{
  g_autoptr(GtkBitset) bitset = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GtkBitsetIter iter;
  guint index;

  if (self->syncing_selection)
    return;

  bitset = gtk_selection_model_get_selection (model);
  events = g_ptr_array_new_with_free_func (g_object_unref);
  if (gtk_bitset_iter_init_first (&iter, bitset, &index))
    do
      g_ptr_array_add (events, g_list_model_get_item (G_LIST_MODEL (model), index));
    while (gtk_bitset_iter_next (&iter, &index));

  self->syncing_selection = TRUE;
  dl_view_state_select_events (self->state, events);
  self->syncing_selection = FALSE;
}

static void
update_title (DlWindow *self)
{
  DlStory *story = dl_view_state_get_story (self->state);
  const char *title, *publisher, *published;
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *file_name = NULL;
  DlTime time;

  if (story == NULL)
    {
      title = _("Dateline");
      subtitle = NULL;
    }
  else
    {
      title = dl_story_get_title (story);
      /* a map from another program has no title of its own: it is called by its file */
      if ((title == NULL || title[0] == '\0') && self->story_file != NULL)
        {
          g_autofree char *base = g_file_get_basename (self->story_file);

          if (base != NULL)
            title = file_name = g_filename_display_name (base);
        }
      if (title == NULL || title[0] == '\0')
        title = _("Untitled Story");
      publisher = dl_story_get_publisher (story);
      published = dl_story_get_published (story);
      if (published != NULL && dl_time_parse (published, &time, NULL))
        date = dl_time_format (&time);
      else
        date = g_strdup (published);

      if (publisher != NULL && date != NULL)
        /* TRANSLATORS: window subtitle: publisher · date */
        subtitle = g_strdup_printf (_("%s · %s"), publisher, date);
      else
        subtitle = g_strdup (publisher != NULL ? publisher : date);
    }

  if (self->loading_name != NULL)
    {
      g_clear_pointer (&subtitle, g_free);
      /* TRANSLATORS: window subtitle while a file is read; %s is its name */
      subtitle = g_strdup_printf (_("Opening “%s”…"), self->loading_name);
    }

  if (self->document != NULL && dl_document_get_modified (self->document))
    {
      /* TRANSLATORS: the window title of a story with unsaved changes */
      g_autofree char *marked = g_strdup_printf (_("• %s"), title);

      adw_window_title_set_title (self->window_title, marked);
      gtk_window_set_title (GTK_WINDOW (self), marked);
    }
  else
    {
      adw_window_title_set_title (self->window_title, title);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
document_file_cb (DlWindow *self)
{
  g_set_object (&self->story_file, dl_document_get_file (self->document));
  /* saved under another name: that file is the one to find again */
  if (self->story_file != NULL)
    dl_window_chrome_add_recent (self->story_file);
  update_title (self);
}

static gboolean
scroll_to_lead_cb (GtkWidget     *list,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  DlWindow *self = user_data;

  if (gtk_widget_get_height (list) <= 0)
    return G_SOURCE_CONTINUE;
  if (self->lead_position < g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)))
    {
      g_autoptr(DlEvent) lead = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                       self->lead_position);

      gtk_widget_activate_action (list, "list.scroll-to-item", "u", self->lead_position);
      dl_window_chrome_row_to_top (GTK_LIST_VIEW (list), lead);
    }
  return G_SOURCE_REMOVE;
}

static void
state_story_changed_cb (DlViewState *state,
                        DlWindow    *self)
{
  DlStory *story = dl_view_state_get_story (state);
  gboolean has_text;

  g_clear_signal_handler (&self->events_changed_id, self->watched_events);
  g_clear_object (&self->watched_events);
  if (story != NULL)
    self->watched_events = g_object_ref (dl_story_get_events (story));
  if (story != NULL)
    self->events_changed_id = g_signal_connect (self->watched_events, "items-changed",
                                                G_CALLBACK (story_events_changed_cb), self);
  update_shown (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->actor_button), "dl-filter-active");
  dl_window_update_actions (self);
  update_title (self);

  if (story == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  /* A plain map has no article to show. */
  has_text = dl_story_get_text (story) != NULL && dl_story_get_text (story)[0] != '\0';
  gtk_widget_set_visible (GTK_WIDGET (self->article_clamp), has_text);
  gtk_widget_set_visible (GTK_WIDGET (self->article_view), has_text);
  gtk_widget_set_visible (GTK_WIDGET (self->article_button), has_text && self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->events_button), self->narrow);

  gtk_stack_set_visible_child_name (self->main_stack, self->narrow ? "narrow" : "wide");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_count (self);

  /* The list opens on the event the story leads with, not on its oldest background. */
  {
    DlEvent *lead = dl_story_get_lead_event (story);
    GListModel *model = G_LIST_MODEL (self->filter_model);

    for (guint i = 0; lead != NULL && i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DlEvent) event = g_list_model_get_item (model, i);

        if (event == lead)
          {
            /* In the list's first frame: before it has a size, GTK 4.8 drops the scroll. */
            self->lead_position = i;
            gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_to_lead_cb,
                                          self, NULL);
            break;
          }
      }
  }
}

static void
state_filter_changed_cb (DlViewState *state,
                         DlWindow    *self)
{
  /* the events the state found for every view: the list is told the span that changed */
  self->syncing_selection = TRUE;
  dl_shown_events_set (self->filter_model, dl_view_state_peek_shown (state),
                       dl_view_state_peek_events (state));
  self->syncing_selection = FALSE;
  update_count (self);
  sync_list_selection (self);

  /* The filter button shows that some actors are hidden. */
  if (dl_filter_get_actors (dl_view_state_get_filter (state)) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->actor_button), "dl-filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->actor_button), "dl-filter-active");
}

static void
state_selection_changed_cb (DlViewState *state,
                            DlWindow    *self)
{
  if (!self->syncing_selection)
    sync_list_selection (self);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   DlWindow       *self)
{
  dl_filter_set_text (dl_view_state_get_filter (self->state),
                      gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter goes to the first match: its row, its place on the map, its passage. */
static void
search_activate_cb (GtkSearchEntry *entry,
                    DlWindow       *self)
{
  g_autoptr(DlEvent) first = NULL;

  /* typed faster than the entry's delay: the filter first takes the text as it is */
  dl_filter_set_text (dl_view_state_get_filter (self->state),
                      gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);
  dl_view_state_select_event (self->state, first);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                DlWindow       *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_changed_cb (GtkSearchBar *search_bar,
                        GParamSpec   *pspec,
                        DlWindow     *self)
{
  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else if (self->narrow)
    adw_flap_set_reveal_flap (self->events_flap, TRUE);
}

static void
show_passage_cb (DlMapView *map_view,
                 DlEvent   *event,
                 guint      index,
                 DlWindow  *self)
{
  const DlPassage *passage;

  if (index >= dl_event_get_n_passages (event))
    return;
  passage = dl_event_get_passage (event, index);
  if (self->narrow)
    adw_flap_set_reveal_flap (self->article_flap, TRUE);
  dl_article_view_reveal_range (self->article_view, passage->start, passage->end);
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          DlWindow         *self)
{
  if (self->error_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
      self->error_dialog = NULL;
    }
}

static void
show_error (DlWindow   *self,
            const char *heading,
            const char *message)
{
  g_autofree char *shown = NULL;
  GtkWidget *dialog;

  if (self->error_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->error_dialog),
                                    (gpointer *) &self->error_dialog);
      gtk_window_destroy (self->error_dialog);
      self->error_dialog = NULL;
    }

  /* in Arabic too, a message's FILE:LINE:COL reads first */
  shown = dl_story_error_for_direction (message, gtk_widget_get_direction (GTK_WIDGET (self))
                                                 == GTK_TEXT_DIR_RTL);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, shown);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_dialog_response_cb), self, 0);
  self->error_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A load of the window: its progress and its result count only while it is the current
 * one (not cancelled, no other file opened since). */
typedef struct
{
  DlWindow     *self;
  GCancellable *cancellable;
  GFile        *file;
} LoadCall;

static LoadCall *
load_call_new (DlWindow *self,
               GFile    *file)
{
  LoadCall *call = g_new0 (LoadCall, 1);

  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->load_cancellable);
  call->file = g_object_ref (file);
  return call;
}

static void
load_call_free (gpointer data)
{
  LoadCall *call = data;

  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_object_unref (call->file);
  g_free (call);
}

static gboolean
pulse_cb (gpointer user_data)
{
  DlWindow *self = user_data;

  gtk_progress_bar_pulse (self->load_progress);
  return G_SOURCE_CONTINUE;
}

static void
set_load_progress (DlWindow *self,
                   gboolean  checking,
                   double    fraction)
{
  gtk_progress_bar_set_text (self->load_progress, checking ? _("Checking…") : _("Reading…"));
  if (fraction >= 0)
    {
      g_clear_handle_id (&self->load_pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->load_progress, fraction);
    }
  else if (self->load_pulse_id == 0)
    {
      /* the size of the file is not known */
      gtk_progress_bar_pulse (self->load_progress);
      self->load_pulse_id = g_timeout_add (100, pulse_cb, self);
    }
}

/* On the main thread: how far the document's worker is. */
static void
load_progress_cb (double   fraction,
                  gpointer user_data)
{
  LoadCall *call = user_data;

  if (call->cancellable == call->self->load_cancellable)
    set_load_progress (call->self, fraction >= DL_DOCUMENT_READ_SHARE, fraction);
}

static gboolean
show_load_progress_cb (gpointer user_data)
{
  DlWindow *self = user_data;

  self->load_show_id = 0;
  gtk_revealer_set_reveal_child (self->load_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

/* The current load is over (done, failed or cancelled): back to the story. */
static void
end_load (DlWindow *self)
{
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loading_name, g_free);
  g_clear_handle_id (&self->load_show_id, g_source_remove);
  g_clear_handle_id (&self->load_pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
  update_title (self);
  dl_window_update_actions (self);
}

static void
load_cancel_clicked_cb (DlWindow *self)
{
  /* the worker's result is dropped when it comes; the old story stays */
  g_cancellable_cancel (self->load_cancellable);
  end_load (self);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadCall *call = user_data;
  DlWindow *self = call->self;
  GFile *file = call->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDocument) document = dl_document_load_finish (result, &error);
  DlStory *story;

  /* Another file was opened since, the load was cancelled, or the window closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (call->cancellable))
    {
      load_call_free (call);
      return;
    }
  end_load (self);

  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* TRANSLATORS: heading of the error dialog; %s is the file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (dl_view_state_get_story (self->state) == NULL)
        dl_window_chrome_show_error (self, heading, error->message);
      else
        show_error (self, heading, error->message);
      load_call_free (call);
      return;
    }

  story = dl_document_get_story (document);
  dl_window_chrome_add_recent (file);
  dl_window_set_document (self, document);
  dl_window_show_load_warnings (self, story);
  if (self->settings != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_settings_set_string (self->settings, "last-story", uri);
    }
  load_call_free (call);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  DlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        dl_window_open_any_file (self, file);
    }
  g_object_unref (dialog);
}

static GtkFileFilter *
geojson_filter_new (void)
{
  GtkFileFilter *geojson = gtk_file_filter_new ();

  gtk_file_filter_set_name (geojson, _("GeoJSON Stories"));
  gtk_file_filter_add_mime_type (geojson, "application/geo+json");
  gtk_file_filter_add_suffix (geojson, "geojson");
  gtk_file_filter_add_suffix (geojson, "json");
  return geojson;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) geojson = geojson_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open a Story"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), geojson);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), geojson);

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
has_geojson_suffix (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json");
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  DlWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (chosen != NULL)
    {
      g_autoptr(GFile) file = dl_window_save_target (chosen);

      dl_window_save_to_file (self, file);
    }
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) geojson = geojson_filter_new ();
  g_autofree char *name = NULL;

  if (dl_view_state_get_story (self->state) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save the Story"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), geojson);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), geojson);
  if (self->story_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->story_file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  name = dl_window_suggest_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlStory *story = dl_view_state_get_story (self->state);

  if (story == NULL)
    return;
  dl_export_dialog_present (GTK_WINDOW (self), story, dl_view_state_get_filter (self->state),
                            dl_map_view_get_viewport (self->map_view));
}

static void
export_booklet_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlStory *story = dl_view_state_get_story (self->state);

  if (story != NULL)
    dl_booklet_export_present (GTK_WINDOW (self), story, dl_view_state_get_filter (self->state),
                               self->toast_overlay);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);

  /* Escape stops a file being opened first, as its card's Cancel does */
  if (self->load_cancellable != NULL)
    load_cancel_clicked_cb (self);
  else
    dl_view_state_clear_selection (self->state);
}

/* The map's zoom keys work wherever the focus is. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->map_view),
                              g_str_equal (action_name, "win.zoom-in") ? "map.zoom-in"
                                                                       : "map.zoom-out",
                              NULL);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);

  dl_map_view_fit_shown (self->map_view, TRUE);
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dl_about_present (GTK_WINDOW (widget));
}

static void
map_source_state_cb (GAction    *action,
                     GParamSpec *pspec,
                     DlWindow   *self)
{
  g_autoptr(GVariant) state = g_action_get_state (action);
  gboolean osm = g_strcmp0 (g_variant_get_string (state, NULL), "osm") == 0;

  dl_map_view_set_osm (self->map_view, osm);
  dl_offline_banner_set_source (self->offline_banner,
                                osm ? dl_map_view_get_online_source (self->map_view) : NULL);
}

static void
map_source_change_state_cb (GSimpleAction *action,
                            GVariant      *value,
                            gpointer       user_data)
{
  g_simple_action_set_state (action, value);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DlWindow      *self)
{
  GFile *file;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  dl_window_open_any_file (self, file);
  return TRUE;
}

/* Places the handle so that the article is @article_width wide in a window @width wide.
 * Done before the paned is allocated; from then on GtkPaned keeps the end child's width
 * (resize-end-child is FALSE) and the map takes the rest. */
static void
place_article_handle (DlWindow *self,
                      int       width)
{
  int events = gtk_paned_get_position (self->outer_paned);

  gtk_paned_set_position (self->inner_paned, MAX (width - events - self->article_width - 2, 0));
}

static int
get_article_width (DlWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));

  if (self->narrow || width <= 0)
    return self->article_width;
  return width - gtk_paned_get_position (self->inner_paned) - 1;
}

static void
set_narrow (DlWindow *self,
            gboolean  narrow)
{
  GtkWidget *events = GTK_WIDGET (self->events_clamp);
  GtkWidget *map = self->map_box;
  GtkWidget *article = GTK_WIDGET (self->article_clamp);
  gboolean has_story;

  if (self->narrow == narrow)
    return;
  if (narrow)
    self->article_width = get_article_width (self);
  self->narrow = narrow;

  g_object_ref (events);
  g_object_ref (map);
  g_object_ref (article);

  if (narrow)
    {
      gtk_paned_set_start_child (self->outer_paned, NULL);
      gtk_paned_set_start_child (self->inner_paned, NULL);
      gtk_paned_set_end_child (self->inner_paned, NULL);
      adw_flap_set_flap (self->events_flap, events);
      adw_flap_set_flap (self->article_flap, article);
      adw_flap_set_content (self->article_flap, map);
      /* Folded panes cover part of the map, not all of it. */
      adw_clamp_set_maximum_size (self->events_clamp, 360);
      adw_clamp_set_maximum_size (self->article_clamp, 420);
      gtk_widget_set_halign (events, GTK_ALIGN_START);
      gtk_widget_set_halign (article, GTK_ALIGN_END);
    }
  else
    {
      adw_flap_set_reveal_flap (self->events_flap, FALSE);
      adw_flap_set_reveal_flap (self->article_flap, FALSE);
      adw_flap_set_flap (self->events_flap, NULL);
      adw_flap_set_flap (self->article_flap, NULL);
      adw_flap_set_content (self->article_flap, NULL);
      adw_clamp_set_maximum_size (self->events_clamp, 1200);
      adw_clamp_set_maximum_size (self->article_clamp, 1200);
      gtk_widget_set_halign (events, GTK_ALIGN_FILL);
      gtk_widget_set_halign (article, GTK_ALIGN_FILL);
      gtk_paned_set_start_child (self->outer_paned, events);
      gtk_paned_set_start_child (self->inner_paned, map);
      gtk_paned_set_end_child (self->inner_paned, article);
      place_article_handle (self, gtk_widget_get_width (GTK_WIDGET (self)));
    }

  g_object_unref (events);
  g_object_unref (map);
  g_object_unref (article);

  /* an empty window has no panes to show */
  has_story = dl_view_state_get_story (self->state) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->events_button), narrow && has_story);
  gtk_widget_set_visible (GTK_WIDGET (self->article_button),
                          narrow && has_story
                          && gtk_widget_get_visible (GTK_WIDGET (self->article_view)));
  if (dl_view_state_get_story (self->state) != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, narrow ? "narrow" : "wide");
}

static gboolean
update_layout_idle (gpointer user_data)
{
  DlWindow *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->layout_idle_queued = FALSE;
  if (width > 0)
    set_narrow (self, width < NARROW_WIDTH);
  return G_SOURCE_REMOVE;
}

static void
save_window_state (DlWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  if (!self->narrow)
    {
      g_settings_set_int (self->settings, "events-pane-width",
                          gtk_paned_get_position (self->outer_paned));
      g_settings_set_int (self->settings, "article-pane-width", get_article_width (self));
    }
  g_settings_apply (self->settings);
}

static void
restore_window_state (DlWindow *self)
{
  GdkDisplay *display = gdk_display_get_default ();
  int width = 1400, height = 900, events_width = 360;

  self->article_width = 420;
  if (self->settings != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
      events_width = g_settings_get_int (self->settings, "events-pane-width");
      self->article_width = g_settings_get_int (self->settings, "article-pane-width");
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* Never larger than the screen it opens on. */
  if (display != NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (display);
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          width = MIN (width, geometry.width);
          height = MIN (height, geometry.height);
        }
    }

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 400));
  gtk_paned_set_position (self->outer_paned, CLAMP (events_width, 260, 800));
  self->article_width = CLAMP (self->article_width, 260, 900);
  place_article_handle (self, MAX (width, 360));
  set_narrow (self, width < NARROW_WIDTH);
}

static void
dl_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  DlWindow *self = DL_WINDOW (widget);

  GTK_WIDGET_CLASS (dl_window_parent_class)->size_allocate (widget, width, height, baseline);
  dl_window_chrome_set_width (self, width);


  /* Moving the panes between containers cannot happen during an allocation. */
  if ((width < NARROW_WIDTH) != self->narrow && !self->layout_idle_queued)
    {
      self->layout_idle_queued = TRUE;
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_layout_idle, g_object_ref (self),
                       g_object_unref);
    }
}

static gboolean
dl_window_close_request (GtkWindow *window)
{
  /* unsaved changes: the user is asked first */
  if (dl_window_actions_close_request (DL_WINDOW (window)))
    return TRUE;
  save_window_state (DL_WINDOW (window));

  return GTK_WINDOW_CLASS (dl_window_parent_class)->close_request (window);
}

static void
dl_window_dispose (GObject *object)
{
  DlWindow *self = DL_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->load_show_id, g_source_remove);
  g_clear_handle_id (&self->load_pulse_id, g_source_remove);
  g_clear_object (&self->story_file);
  if (self->error_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->error_dialog),
                                    (gpointer *) &self->error_dialog);
      gtk_window_destroy (self->error_dialog);
      self->error_dialog = NULL;
    }
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (dl_document_get_story (self->document), self);
      g_clear_object (&self->document);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_signal_handler (&self->events_changed_id, self->watched_events);
  g_clear_object (&self->watched_events);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->state);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->loading_name, g_free);

  G_OBJECT_CLASS (dl_window_parent_class)->dispose (object);
}

static void
dl_window_class_init (DlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dl_window_dispose;
  widget_class->size_allocate = dl_window_size_allocate;
  window_class->close_request = dl_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlWindow, actor_button);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, actor_filter);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, article_button);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, article_clamp);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, article_flap);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, events_button);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, events_clamp);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, events_flap);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, events_pane);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, map_box);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, time_chip);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, load_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-places", NULL,
                                   dl_window_export_places_action);
  gtk_widget_class_install_action (widget_class, "win.export-booklet", NULL,
                                   export_booklet_action);
  gtk_widget_class_install_action (widget_class, "win.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-places",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.clear-selection", NULL);

  dl_window_actions_class_init (widget_class);
  dl_window_chrome_class_init (widget_class);
  dl_window_review_class_init (widget_class);

  g_type_ensure (DL_TYPE_ACTOR_FILTER);
  g_type_ensure (DL_TYPE_ARTICLE_VIEW);
  g_type_ensure (DL_TYPE_EVENT_ROW);
  g_type_ensure (DL_TYPE_MAP_VIEW);
  g_type_ensure (DL_TYPE_OFFLINE_BANNER);
  g_type_ensure (DL_TYPE_TIME_CHIP);
  g_type_ensure (DL_TYPE_TIMELINE);
}

static void
dl_window_init (DlWindow *self)
{
  g_autoptr(GAction) map_source = NULL;
  GtkEventController *list_keys;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  list_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (list_keys, "dl-list-tab");
  gtk_event_controller_set_propagation_phase (list_keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (list_keys, "key-pressed", G_CALLBACK (list_key_pressed_cb),
                           self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), list_keys);

  self->settings = dl_settings_new ();
  self->state = dl_view_state_new ();
  self->filter_model = dl_shown_events_new ();
  dl_shown_events_set_swap_func (self->filter_model, swap_cb, self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (list_selection_changed_cb), self, 0);

  g_signal_connect (self->state, "story-changed", G_CALLBACK (state_story_changed_cb), self);
  g_signal_connect (self->state, "filter-changed", G_CALLBACK (state_filter_changed_cb), self);
  g_signal_connect (self->state, "selection-changed",
                    G_CALLBACK (state_selection_changed_cb), self);
  dl_map_view_set_view_state (self->map_view, self->state);
  dl_article_view_set_view_state (self->article_view, self->state);
  dl_actor_filter_set_view_state (self->actor_filter, self->state);
  dl_timeline_set_view_state (self->timeline, self->state);
  dl_timeline_set_map_widget (self->timeline, GTK_WIDGET (self->map_view));
  dl_time_chip_set_view_state (self->time_chip, self->state);
  g_signal_connect_object (self->map_view, "show-passage", G_CALLBACK (show_passage_cb),
                           self, 0);

  /* Search */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->events_pane));
  g_object_bind_property (self->search_button, "active", self->search_bar,
                          "search-mode-enabled", G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, 0);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, 0);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb),
                           self, 0);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, 0);

  /* Narrow layout: the header buttons reveal the folded panes. */
  g_object_bind_property (self->events_button, "active", self->events_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->article_button, "active", self->article_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);


  /* Map source: the GSettings key when there is a schema, else for this window only. */
  if (self->settings != NULL)
    map_source = g_settings_create_action (self->settings, "map-source");
  else
    {
      GSimpleAction *action = g_simple_action_new_stateful ("map-source",
                                                             G_VARIANT_TYPE_STRING,
                                                             g_variant_new_string ("offline"));

      g_signal_connect (action, "change-state", G_CALLBACK (map_source_change_state_cb), NULL);
      map_source = G_ACTION (action);
    }
  g_action_map_add_action (G_ACTION_MAP (self), map_source);
  g_signal_connect_object (map_source, "notify::state", G_CALLBACK (map_source_state_cb),
                           self, 0);
  map_source_state_cb (map_source, NULL, self);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));

  restore_window_state (self);
  dl_window_update_actions (self);
  dl_window_actions_init (self);
  dl_window_chrome_init (self);
  dl_window_review_init (self);
}

DlWindow *
dl_window_new (GtkApplication *application)
{
  return g_object_new (DL_TYPE_WINDOW, "application", application, NULL);
}

void
dl_window_set_story (DlWindow *self,
                     DlStory  *story)
{
  g_autoptr(DlDocument) document = NULL;

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (DL_IS_STORY (story));

  document = dl_document_new (story, NULL);
  dl_window_set_document (self, document);
}

void
dl_window_set_document (DlWindow   *self,
                        DlDocument *document)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (DL_IS_DOCUMENT (document));

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (dl_document_get_story (self->document), self);
    }
  g_set_object (&self->document, document);
  g_set_object (&self->story_file, dl_document_get_file (document));
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (document_file_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dl_document_get_story (document), "notify",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  dl_view_state_set_story (self->state, dl_document_get_story (document));
  dl_window_actions_document_changed (self);
  dl_window_review_document_changed (self);
}

DlDocument *
dl_window_get_document (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->document;
}

void
dl_window_refresh_views (DlWindow  *self,
                         gboolean   map_changed,
                         GPtrArray *places,
                         GPtrArray *events)
{
  DlStory *story;
  GPtrArray *selected;

  g_return_if_fail (DL_IS_WINDOW (self));

  story = dl_view_state_get_story (self->state);
  if (story == NULL)
    return;

  /* an event that is gone is no longer selected */
  selected = dl_view_state_get_selected_events (self->state);
  for (guint i = 0; i < selected->len; i++)
    if (dl_event_get_story (selected->pdata[i]) != story)
      {
        dl_view_state_clear_selection (self->state);
        break;
      }

  /* an edit can change what a search or an actor filter shows; with no filter the list
   * follows the story's items-changed by itself */
  if (dl_filter_is_active (dl_view_state_get_filter (self->state)))
    {
      update_shown (self);
      sync_list_selection (self);
    }
  update_count (self);
  if (map_changed || (places != NULL && places->len > 0 && events == NULL))
    dl_map_view_sync_places (self->map_view);
  else if (places != NULL && places->len > 0)
    dl_map_view_update_places (self->map_view, places, events);
  if (events == NULL)
    dl_article_view_refresh_passages (self->article_view);
  else
    dl_article_view_refresh_events (self->article_view, events);
  dl_timeline_view_refresh (dl_timeline_get_view (self->timeline));
}

DlStory *
dl_window_get_story (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return dl_view_state_get_story (self->state);
}

void
dl_window_open_file (DlWindow *self,
                     GFile    *file)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_free (self->loading_name);
  self->loading_name = g_file_get_basename (file);
  update_title (self);
  dl_window_update_actions (self);

  {
    /* TRANSLATORS: while a file is read; %s is its name */
    g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), self->loading_name);

    gtk_label_set_text (self->load_label, text);
  }
  g_clear_handle_id (&self->load_pulse_id, g_source_remove);
  set_load_progress (self, FALSE, 0.0);
  if (!gtk_revealer_get_reveal_child (self->load_revealer))
    {
      g_clear_handle_id (&self->load_show_id, g_source_remove);
      self->load_show_id = g_timeout_add (LOAD_PROGRESS_DELAY_MS, show_load_progress_cb, self);
    }

  /* Off the main thread: a big file must not freeze the window. */
  dl_document_load_async (file, load_progress_cb, load_call_new (self, file), load_call_free,
                          self->load_cancellable, load_done_cb, load_call_new (self, file));
}

DlViewState *
dl_window_get_view_state (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->state;
}

DlMapView *
dl_window_get_map_view (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->map_view;
}

DlArticleView *
dl_window_get_article_view (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->article_view;
}

GtkListView *
dl_window_get_list_view (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->list_view;
}

DlActorFilter *
dl_window_get_actor_filter (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->actor_filter;
}

GtkLabel *
dl_window_get_count_label (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->count_label;
}

GtkSearchEntry *
dl_window_get_search_entry (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->search_entry;
}

GtkWindow *
dl_window_get_error_dialog (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->error_dialog;
}

gboolean
dl_window_is_loading (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

void
dl_window_save_to_file (DlWindow *self,
                        GFile    *file)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL);

  dl_window_save_document_to (self, file);
}

char *
dl_window_suggest_file_name (DlWindow *self)
{
  DlStory *story;
  const char *title;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (dl_view_state_get_story (self->state) != NULL, NULL);

  story = dl_view_state_get_story (self->state);
  title = dl_story_get_title (story);
  if (self->story_file != NULL)
    name = g_file_get_basename (self->story_file);
  if (name != NULL)
    return g_steal_pointer (&name);

  name = g_strstrip (g_strdup (title != NULL ? title : ""));
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (_("Untitled Story"));
    }
  g_strdelimit (name, "/\\", '-');
  if (g_utf8_strlen (name, -1) > 100)
    {
      g_autofree char *whole = g_steal_pointer (&name);

      name = g_utf8_substring (whole, 0, 100);
    }
  if (has_geojson_suffix (name))
    return g_steal_pointer (&name);
  return g_strconcat (name, ".geojson", NULL);
}

GFile *
dl_window_save_target (GFile *chosen)
{
  g_autofree char *name = NULL;
  g_autofree char *full = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) with_suffix = NULL;

  g_return_val_if_fail (G_IS_FILE (chosen), NULL);

  name = g_file_get_basename (chosen);
  parent = g_file_get_parent (chosen);
  if (name == NULL || parent == NULL || has_geojson_suffix (name))
    return g_object_ref (chosen);

  /* not over a file of that name: the chooser asked before replacing the name typed, not
   * this one */
  full = g_strconcat (name, ".geojson", NULL);
  with_suffix = g_file_get_child (parent, full);
  if (g_file_query_exists (with_suffix, NULL))
    return g_object_ref (chosen);
  return g_steal_pointer (&with_suffix);
}

gboolean
dl_window_is_saving (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);

  return dl_window_is_saving_document (self);
}

GtkRevealer *
dl_window_get_load_revealer (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->load_revealer;
}

GMenu *
dl_window_get_primary_menu (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->primary_menu;
}

gboolean
dl_window_is_narrow (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);

  return self->narrow;
}

void
dl_window_show_error (DlWindow   *self,
                      const char *heading,
                      const char *message)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  show_error (self, heading, message);
}

void
dl_window_add_toast (DlWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

DlTimeline *
dl_window_get_timeline (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->timeline;
}

DlTimeChip *
dl_window_get_time_chip (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->time_chip;
}
