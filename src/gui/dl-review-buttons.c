/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-review-buttons"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor.h"
#include "dl-document.h"
#include "dl-event.h"
#include "dl-place.h"
#include "dl-review.h"
#include "dl-review-buttons.h"

struct _DlReviewButtons
{
  GtkWidget  parent_instance;

  GtkWidget *badge;
  GtkWidget *accept_button;
  GtkWidget *edit_button;
  GtkWidget *reject_button;

  GObject    *item;
  gulong      notify_id;
  gboolean    show_edit;
  DlDocument *document;   /* in a dialog of its own: the operations go straight to it */
};

G_DEFINE_FINAL_TYPE (DlReviewButtons, dl_review_buttons, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_SHOW_EDIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
item_suggested (GObject *item)
{
  if (DL_IS_EVENT (item))
    return dl_event_get_suggested (DL_EVENT (item));
  if (DL_IS_PLACE (item))
    return dl_place_get_suggested (DL_PLACE (item));
  if (DL_IS_ACTOR (item))
    return dl_actor_get_suggested (DL_ACTOR (item));
  return FALSE;
}

static void
set_button_text (GtkWidget  *button,
                 const char *tooltip,
                 const char *accessible)
{
  /* a tooltip set costs GTK 4.8 a round trip to the display: only when it changes (rows
   * are bound by the dozen while the list scrolls) */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (button), tooltip) != 0)
    gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* Shown while the item is a suggestion; the buttons name it for a screen reader. */
static void
sync_buttons (DlReviewButtons *self)
{
  g_autofree char *accept = NULL;
  g_autofree char *reject = NULL;
  g_autofree char *edit = NULL;
  GVariant *target;

  gtk_widget_set_visible (GTK_WIDGET (self), self->item != NULL && item_suggested (self->item));
  if (self->item == NULL || self->document != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reject_button), NULL);
    }
  /* hidden, the buttons need neither actions nor names: they get them when the item turns
   * suggested (finding an action costs a walk up to the window, and rows are bound by the
   * dozen while the list scrolls) */
  if (self->item == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  if (self->document == NULL)
    {
      /* the target first: an action name without its (KIND, ID) would not match */
      target = g_variant_ref_sink (dl_review_buttons_target (self->item));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->accept_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->edit_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->reject_button), target);
      g_variant_unref (target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button),
                                      "win.accept-suggestion");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button),
                                      "win.edit-suggestion");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reject_button),
                                      "win.reject-suggestion");
    }

  if (DL_IS_EVENT (self->item))
    {
      const char *title = dl_event_get_title (DL_EVENT (self->item));

      /* TRANSLATORS: accessible name of a button; %s is the event's title */
      accept = g_strdup_printf (_("Accept suggested event “%s”"), title);
      /* TRANSLATORS: accessible name of a button; %s is the event's title */
      reject = g_strdup_printf (_("Reject suggested event “%s”"), title);
      /* TRANSLATORS: accessible name of a button; %s is the event's title */
      edit = g_strdup_printf (_("Edit suggested event “%s”"), title);
      set_button_text (self->accept_button, _("Accept Suggestion (Enter)"), accept);
      set_button_text (self->reject_button, _("Reject Suggestion (Delete)"), reject);
      set_button_text (self->edit_button, _("Edit Event"), edit);
    }
  else if (DL_IS_PLACE (self->item))
    {
      const char *name = dl_place_get_name (DL_PLACE (self->item));

      /* TRANSLATORS: accessible name of a button; %s is the place's name */
      accept = g_strdup_printf (_("Accept suggested place “%s”"), name);
      /* TRANSLATORS: accessible name of a button; %s is the place's name */
      reject = g_strdup_printf (_("Reject suggested place “%s”"), name);
      /* TRANSLATORS: accessible name of a button; %s is the place's name */
      edit = g_strdup_printf (_("Edit suggested place “%s”"), name);
      set_button_text (self->accept_button, _("Accept Place"), accept);
      set_button_text (self->reject_button, _("Reject Place"), reject);
      set_button_text (self->edit_button, _("Edit Place"), edit);
    }
  else
    {
      const char *name = dl_actor_get_name (DL_ACTOR (self->item));

      /* TRANSLATORS: accessible name of a button; %s is the actor's name */
      accept = g_strdup_printf (_("Accept suggested actor “%s”"), name);
      /* TRANSLATORS: accessible name of a button; %s is the actor's name */
      reject = g_strdup_printf (_("Reject suggested actor “%s”"), name);
      set_button_text (self->accept_button, _("Accept Actor"), accept);
      set_button_text (self->reject_button, _("Reject Actor"), reject);
    }
  gtk_widget_set_visible (self->edit_button,
                          self->show_edit && self->document == NULL && !DL_IS_ACTOR (self->item));
}

/* In a dialog of its own (the actors dialog), outside the window's actions. */
static void
accept_clicked_cb (DlReviewButtons *self)
{
  if (self->document != NULL && self->item != NULL && dl_review_is_suggested (self->item))
    dl_document_push (self->document, dl_review_accept (self->item));
}

static void
reject_clicked_cb (DlReviewButtons *self)
{
  if (self->document != NULL && self->item != NULL && dl_review_is_suggested (self->item))
    dl_document_push (self->document,
                      dl_review_reject (dl_document_get_story (self->document), self->item));
}

static void
dl_review_buttons_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DlReviewButtons *self = DL_REVIEW_BUTTONS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_SHOW_EDIT:
      g_value_set_boolean (value, self->show_edit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_review_buttons_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DlReviewButtons *self = DL_REVIEW_BUTTONS (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      dl_review_buttons_set_item (self, g_value_get_object (value));
      break;
    case PROP_SHOW_EDIT:
      dl_review_buttons_set_show_edit (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_review_buttons_dispose (GObject *object)
{
  DlReviewButtons *self = DL_REVIEW_BUTTONS (object);

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_REVIEW_BUTTONS);

  G_OBJECT_CLASS (dl_review_buttons_parent_class)->dispose (object);
}

static void
dl_review_buttons_class_init (DlReviewButtonsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dl_review_buttons_dispose;
  object_class->get_property = dl_review_buttons_get_property;
  object_class->set_property = dl_review_buttons_set_property;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT, rw);
  properties[PROP_SHOW_EDIT] = g_param_spec_boolean ("show-edit", NULL, NULL, TRUE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-review-buttons.ui");
  gtk_widget_class_bind_template_child (widget_class, DlReviewButtons, accept_button);
  gtk_widget_class_bind_template_child (widget_class, DlReviewButtons, badge);
  gtk_widget_class_bind_template_child (widget_class, DlReviewButtons, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DlReviewButtons, reject_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-review-buttons");
}

static void
dl_review_buttons_init (DlReviewButtons *self)
{
  self->show_edit = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->accept_button, "clicked", G_CALLBACK (accept_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reject_button, "clicked", G_CALLBACK (reject_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              2);
}

GtkWidget *
dl_review_buttons_new (void)
{
  return g_object_new (DL_TYPE_REVIEW_BUTTONS, NULL);
}

void
dl_review_buttons_set_item (DlReviewButtons *self,
                            GObject         *item)
{
  g_return_if_fail (DL_IS_REVIEW_BUTTONS (self));
  g_return_if_fail (item == NULL || DL_IS_EVENT (item) || DL_IS_PLACE (item) ||
                    DL_IS_ACTOR (item));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  /* accepted, or renamed: the badge and the buttons' names follow */
  if (item != NULL)
    self->notify_id = g_signal_connect_object (item, "notify", G_CALLBACK (sync_buttons), self,
                                               G_CONNECT_SWAPPED);
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

GObject *
dl_review_buttons_get_item (DlReviewButtons *self)
{
  g_return_val_if_fail (DL_IS_REVIEW_BUTTONS (self), NULL);

  return self->item;
}

void
dl_review_buttons_set_show_edit (DlReviewButtons *self,
                                 gboolean         show_edit)
{
  g_return_if_fail (DL_IS_REVIEW_BUTTONS (self));

  show_edit = !!show_edit;
  if (self->show_edit == show_edit)
    return;
  self->show_edit = show_edit;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_EDIT]);
}

GtkButton *
dl_review_buttons_get_button (DlReviewButtons *self,
                              const char      *name)
{
  g_return_val_if_fail (DL_IS_REVIEW_BUTTONS (self), NULL);

  if (g_str_equal (name, "accept"))
    return GTK_BUTTON (self->accept_button);
  if (g_str_equal (name, "edit"))
    return GTK_BUTTON (self->edit_button);
  return GTK_BUTTON (self->reject_button);
}

GVariant *
dl_review_buttons_target (GObject *item)
{
  const char *kind;
  const char *id;

  if (DL_IS_EVENT (item))
    {
      kind = "event";
      id = dl_event_get_id (DL_EVENT (item));
    }
  else if (DL_IS_PLACE (item))
    {
      kind = "place";
      id = dl_place_get_id (DL_PLACE (item));
    }
  else
    {
      g_return_val_if_fail (DL_IS_ACTOR (item), NULL);
      kind = "actor";
      id = dl_actor_get_id (DL_ACTOR (item));
    }
  return g_variant_new ("(ss)", kind, id);
}

void
dl_review_buttons_set_document (DlReviewButtons *self,
                                DlDocument      *document)
{
  g_return_if_fail (DL_IS_REVIEW_BUTTONS (self));
  g_return_if_fail (document == NULL || DL_IS_DOCUMENT (document));

  if (g_set_object (&self->document, document))
    sync_buttons (self);
}
