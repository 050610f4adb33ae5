/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-review-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-review-bar.h"

struct _DlReviewBar
{
  GtkWidget  parent_instance;

  GtkLabel  *label;
  GtkButton *accept_all_button;
};

G_DEFINE_FINAL_TYPE (DlReviewBar, dl_review_bar, GTK_TYPE_WIDGET)

/* "3 events, 2 places": the kinds a draft still holds, for the tooltip. */
static char *
format_kinds (const DlReviewCount *count)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (count->events > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event",
                                                          "%u events", count->events),
                                             count->events));
  if (count->places > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place",
                                                          "%u places", count->places),
                                             count->places));
  if (count->actors > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u actor",
                                                          "%u actors", count->actors),
                                             count->actors));
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates "3 events", "2 places" and "1 actor" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
dl_review_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DL_TYPE_REVIEW_BAR);

  G_OBJECT_CLASS (dl_review_bar_parent_class)->dispose (object);
}

static void
dl_review_bar_class_init (DlReviewBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_review_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-review-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, DlReviewBar, accept_all_button);
  gtk_widget_class_bind_template_child (widget_class, DlReviewBar, label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-review-bar");
}

static void
dl_review_bar_init (DlReviewBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              12);
}

GtkWidget *
dl_review_bar_new (void)
{
  return g_object_new (DL_TYPE_REVIEW_BAR, NULL);
}

void
dl_review_bar_set_count (DlReviewBar         *self,
                         const DlReviewCount *count)
{
  guint total;
  g_autofree char *text = NULL;
  g_autofree char *kinds = NULL;

  g_return_if_fail (DL_IS_REVIEW_BAR (self));
  g_return_if_fail (count != NULL);

  total = count->events + count->places + count->actors;
  gtk_widget_set_visible (GTK_WIDGET (self), total > 0);
  if (total == 0)
    return;
  /* TRANSLATORS: above the events of a drafted story; %u is how many suggestions (events,
   * places, actors) the user has neither accepted nor rejected yet */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suggestion to review",
                                       "%u suggestions to review", total), total);
  kinds = format_kinds (count);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), kinds);
}

const char *
dl_review_bar_get_text (DlReviewBar *self)
{
  g_return_val_if_fail (DL_IS_REVIEW_BAR (self), NULL);

  return gtk_label_get_text (self->label);
}

GtkButton *
dl_review_bar_get_button (DlReviewBar *self)
{
  g_return_val_if_fail (DL_IS_REVIEW_BAR (self), NULL);

  return self->accept_all_button;
}
