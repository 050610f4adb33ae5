/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-operation.h"
#include "dl-place-editor.h"
#include "dl-review-buttons.h"
#include "dl-window-private.h"

/* The story format's precisions, in the order of the combo row (0: none said). */
static const char * const precisions[] = { NULL, "site", "city", "region", "country",
                                           "inferred" };

struct _DlPlaceEditor
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwEntryRow  *name_row;
  AdwEntryRow  *kind_row;
  AdwComboRow  *precision_row;
  GtkLabel     *events_label;
  DlReviewButtons *review_buttons;

  DlDocument   *document;
  DlPlace      *place;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (DlPlaceEditor, dl_place_editor, ADW_TYPE_WINDOW)

static char *
row_value (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* "Used by 2 events: Assad flies to Moscow, Asylum granted" */
static char *
events_text (DlPlaceEditor *self)
{
  GListModel *events = dl_story_get_events (dl_document_get_story (self->document));
  g_autoptr(GString) titles = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (!dl_event_has_place (event, self->place))
        continue;
      /* TRANSLATORS: separates event titles in a list */
      g_string_append_printf (titles, "%s%s", n > 0 ? _(", ") : "", dl_event_get_title (event));
      n++;
    }
  if (n == 0)
    return g_strdup (_("No event uses this place."));
  /* TRANSLATORS: %u is a number of events, %s their titles */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Used by %u event: %s. Deleting the place removes it "
                                       "from the event.",
                                       "Used by %u events: %s. Deleting the place removes it "
                                       "from them.", n),
                          n, titles->str);
}

static void
update (DlPlaceEditor *self)
{
  g_autofree char *used = events_text (self);
  const char *precision = dl_place_get_precision (self->place);
  guint selected = 0;

  self->updating = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                 dl_place_get_name (self->place)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), dl_place_get_name (self->place));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->kind_row)),
                 dl_place_get_kind (self->place) ? dl_place_get_kind (self->place) : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->kind_row),
                           dl_place_get_kind (self->place) ? dl_place_get_kind (self->place)
                                                           : "");
  for (guint i = 1; i < G_N_ELEMENTS (precisions); i++)
    if (g_strcmp0 (precision, precisions[i]) == 0)
      selected = i;
  adw_combo_row_set_selected (self->precision_row, selected);
  gtk_label_set_text (self->events_label, used);
  self->updating = FALSE;
}

static void
place_notify_cb (DlPlaceEditor *self)
{
  update (self);
}

static void
places_changed_cb (GListModel    *places,
                   guint          position,
                   guint          removed,
                   guint          added,
                   DlPlaceEditor *self)
{
  /* the place left the story (deleted, or its creation undone) */
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      if (place == self->place)
        return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_applied_cb (DlPlaceEditor *self,
                AdwEntryRow   *row)
{
  g_autofree char *value = row_value (row);

  if (row == self->name_row)
    {
      if (value != NULL && g_strcmp0 (value, dl_place_get_name (self->place)) != 0)
        dl_document_push (self->document, dl_operation_new_set_place_name (self->place, value));
      else if (value == NULL)
        update (self);
    }
  else if (g_strcmp0 (value, dl_place_get_kind (self->place)) != 0)
    dl_document_push (self->document, dl_operation_new_set_place_kind (self->place, value));
}

static void
precision_selected_cb (DlPlaceEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->precision_row);
  const char *precision;

  if (self->updating || selected >= G_N_ELEMENTS (precisions))
    return;
  precision = precisions[selected];
  if (g_strcmp0 (precision, dl_place_get_precision (self->place)) != 0)
    dl_document_push (self->document,
                      dl_operation_new_set_place_precision (self->place, precision));
}

static void
delete_clicked_cb (DlPlaceEditor *self)
{
  dl_place_editor_delete (self);
}

static void
dl_place_editor_dispose (GObject *object)
{
  DlPlaceEditor *self = DL_PLACE_EDITOR (object);

  if (self->place != NULL)
    g_signal_handlers_disconnect_by_data (self->place, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (dl_story_get_places (dl_document_get_story (
                                            self->document)), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PLACE_EDITOR);
  g_clear_object (&self->place);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (dl_place_editor_parent_class)->dispose (object);
}

static void
dl_place_editor_class_init (DlPlaceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_place_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-place-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPlaceEditor, events_label);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceEditor, precision_row);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceEditor, review_buttons);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_applied_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (DL_TYPE_REVIEW_BUTTONS);
}

static void
dl_place_editor_init (DlPlaceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlPlaceEditor *
dl_place_editor_new (GtkWindow  *parent,
                     DlDocument *document,
                     DlPlace    *place)
{
  DlPlaceEditor *self;

  g_return_val_if_fail (DL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);

  self = g_object_new (DL_TYPE_PLACE_EDITOR, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->place = g_object_ref (place);
  /* Accept and Reject, as in the place's popover; a rejected place closes the editor */
  dl_review_buttons_set_document (self->review_buttons, document);
  dl_review_buttons_set_item (self->review_buttons, G_OBJECT (place));
  update (self);
  g_signal_connect_swapped (place, "notify", G_CALLBACK (place_notify_cb), self);
  g_signal_connect (dl_story_get_places (dl_document_get_story (document)), "items-changed",
                    G_CALLBACK (places_changed_cb), self);
  g_signal_connect_swapped (self->precision_row, "notify::selected",
                            G_CALLBACK (precision_selected_cb), self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}

DlReviewButtons *
dl_place_editor_get_review_buttons (DlPlaceEditor *self)
{
  g_return_val_if_fail (DL_IS_PLACE_EDITOR (self), NULL);

  return self->review_buttons;
}

AdwEntryRow *
dl_place_editor_get_name_row (DlPlaceEditor *self)
{
  g_return_val_if_fail (DL_IS_PLACE_EDITOR (self), NULL);

  return self->name_row;
}

const char *
dl_place_editor_get_events_text (DlPlaceEditor *self)
{
  g_return_val_if_fail (DL_IS_PLACE_EDITOR (self), NULL);

  return gtk_label_get_text (self->events_label);
}

void
dl_place_editor_delete (DlPlaceEditor *self)
{
  GtkWindow *parent;
  DlStory *story;
  AdwToast *toast;

  g_return_if_fail (DL_IS_PLACE_EDITOR (self));

  story = dl_document_get_story (self->document);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  dl_document_push (self->document, dl_operation_new_remove_place (story, self->place));
  if (DL_IS_WINDOW (parent))
    {
      toast = adw_toast_new (_("Place deleted"));
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      dl_window_add_toast (DL_WINDOW (parent), toast);
    }
  gtk_window_close (GTK_WINDOW (self));
}
