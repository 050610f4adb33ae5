/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window-review"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dl-event-editor.h"
#include "dl-place-editor.h"
#include "dl-review.h"
#include "dl-window-private.h"
#include "dl-window-review.h"

#define REVIEW_KEY "dl-window-review"

typedef struct
{
  DlReviewBar  *bar;
  GSignalGroup *history_signals;
} Review;

static Review *
get_review (DlWindow *self)
{
  return g_object_get_data (G_OBJECT (self), REVIEW_KEY);
}

static void
review_free (gpointer data)
{
  Review *review = data;

  g_clear_object (&review->history_signals);
  g_free (review);
}

/* The event, place or actor a target ("event", ID) names, or NULL. */
static GObject *
lookup_target (DlWindow *self,
               GVariant *parameter)
{
  DlStory *story = dl_window_get_story (self);
  const char *kind;
  const char *id;

  if (story == NULL || parameter == NULL)
    return NULL;
  g_variant_get (parameter, "(&s&s)", &kind, &id);
  if (g_str_equal (kind, "event"))
    return G_OBJECT (dl_story_lookup_event (story, id));
  if (g_str_equal (kind, "place"))
    return G_OBJECT (dl_story_lookup_place (story, id));
  if (g_str_equal (kind, "actor"))
    return G_OBJECT (dl_story_lookup_actor (story, id));
  return NULL;
}

static void
update (DlWindow *self)
{
  Review *review = get_review (self);
  DlStory *story = dl_window_get_story (self);
  DlReviewCount count = { 0 };

  if (review == NULL)
    return;
  if (story != NULL)
    dl_review_count (story, &count);
  dl_review_bar_set_count (review->bar, &count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.accept-all-suggestions",
                                 count.events + count.places + count.actors > 0);
}

static void
accept (DlWindow *self,
        GObject  *item)
{
  DlDocument *document = dl_window_get_document (self);

  if (document != NULL && item != NULL && dl_review_is_suggested (item))
    dl_document_push (document, dl_review_accept (item));
}

static void
accept_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);

  accept (self, lookup_target (self, parameter));
}

static void
reject_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlDocument *document = dl_window_get_document (self);
  GObject *item = lookup_target (self, parameter);
  AdwToast *toast;

  if (document == NULL || item == NULL || !dl_review_is_suggested (item))
    return;
  /* the popover of a rejected place would show what is gone */
  if (DL_IS_PLACE (item) && dl_map_view_get_popover (dl_window_get_map_view (self)) != NULL)
    gtk_popover_popdown (dl_map_view_get_popover (dl_window_get_map_view (self)));
  dl_document_push (document, dl_review_reject (dl_window_get_story (self), item));

  toast = adw_toast_new (_("Suggestion rejected"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  dl_window_add_toast (self, toast);
}

static void
edit_suggestion_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlDocument *document = dl_window_get_document (self);
  GObject *item = lookup_target (self, parameter);
  GtkWindow *editor = NULL;

  if (document == NULL || item == NULL)
    return;
  if (DL_IS_EVENT (item))
    editor = GTK_WINDOW (dl_event_editor_new (GTK_WINDOW (self), document, DL_EVENT (item)));
  else if (DL_IS_PLACE (item))
    editor = GTK_WINDOW (dl_place_editor_new (GTK_WINDOW (self), document, DL_PLACE (item)));
  if (editor != NULL)
    gtk_window_present (editor);
}

static void
accept_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlDocument *document = dl_window_get_document (self);
  DlOperation *operation;

  if (document == NULL)
    return;
  operation = dl_review_accept_all (dl_window_get_story (self));
  if (operation != NULL)
    dl_document_push (document, operation);
}

/* Enter on a suggested event of the list accepts it. */
static void
list_activate_cb (GtkListView *list_view,
                  guint        position,
                  DlWindow    *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  if (DL_IS_EVENT (item))
    accept (self, item);
}

static void
history_changed_cb (DlHistory *history,
                    DlWindow  *self)
{
  update (self);
}

void
dl_window_review_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.accept-all-suggestions", NULL,
                                   accept_all_action);
  gtk_widget_class_install_action (widget_class, "win.accept-suggestion", "(ss)",
                                   accept_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.edit-suggestion", "(ss)",
                                   edit_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.reject-suggestion", "(ss)",
                                   reject_suggestion_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.accept-all-suggestions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.accept-all-suggestions", NULL);
}

void
dl_window_review_init (DlWindow *self)
{
  Review *review = g_new0 (Review, 1);
  GtkWidget *count_label = GTK_WIDGET (dl_window_get_count_label (self));
  GtkWidget *pane = gtk_widget_get_parent (count_label);

  g_object_set_data_full (G_OBJECT (self), REVIEW_KEY, review, review_free);

  /* above the count of the events */
  review->bar = DL_REVIEW_BAR (dl_review_bar_new ());
  gtk_box_insert_child_after (GTK_BOX (pane), GTK_WIDGET (review->bar),
                              gtk_widget_get_prev_sibling (count_label));

  review->history_signals = g_signal_group_new (DL_TYPE_HISTORY);
  g_signal_group_connect_object (review->history_signals, "changed",
                                 G_CALLBACK (history_changed_cb), self, 0);
  g_signal_connect_object (dl_window_get_list_view (self), "activate",
                           G_CALLBACK (list_activate_cb), self, 0);
  update (self);
}

void
dl_window_review_document_changed (DlWindow *self)
{
  Review *review = get_review (self);
  DlDocument *document;

  g_return_if_fail (DL_IS_WINDOW (self));

  if (review == NULL)
    return;
  document = dl_window_get_document (self);
  g_signal_group_set_target (review->history_signals,
                             document != NULL ? dl_document_get_history (document) : NULL);
  update (self);
}

DlReviewBar *
dl_window_get_review_bar (DlWindow *self)
{
  Review *review;

  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  review = get_review (self);
  return review != NULL ? review->bar : NULL;
}
