/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-time-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-time-chip.h"
#include "dl-time-range.h"

struct _DlTimeChip
{
  GtkButton    parent_instance;

  GtkLabel    *label;
  DlViewState *state;
};

G_DEFINE_FINAL_TYPE (DlTimeChip, dl_time_chip, GTK_TYPE_BUTTON)

static void
filter_changed_cb (DlTimeChip *self)
{
  const DlTime *from = NULL, *to = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gboolean has_range;

  has_range = self->state != NULL
              && dl_filter_get_time_range (dl_view_state_get_filter (self->state), &from, &to);
  text = has_range ? dl_time_range_format (from, to) : g_strdup ("");
  gtk_label_set_text (self->label, text);
  /* TRANSLATORS: the accessible name of the time range chip; %s is the range */
  name = g_strdup_printf (_("Remove the Time Range %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self), has_range);
}

static void
dl_time_chip_clicked (GtkButton *button)
{
  DlTimeChip *self = DL_TIME_CHIP (button);

  if (self->state != NULL)
    dl_filter_set_time_range (dl_view_state_get_filter (self->state), NULL, NULL);
}

static void
dl_time_chip_dispose (GObject *object)
{
  DlTimeChip *self = DL_TIME_CHIP (object);

  g_clear_object (&self->state);

  G_OBJECT_CLASS (dl_time_chip_parent_class)->dispose (object);
}

static void
dl_time_chip_class_init (DlTimeChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_time_chip_dispose;
  GTK_BUTTON_CLASS (klass)->clicked = dl_time_chip_clicked;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-time-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTimeChip, label);
}

static void
dl_time_chip_init (DlTimeChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dl_time_chip_new (void)
{
  return g_object_new (DL_TYPE_TIME_CHIP, NULL);
}

void
dl_time_chip_set_view_state (DlTimeChip  *self,
                             DlViewState *state)
{
  g_return_if_fail (DL_IS_TIME_CHIP (self));
  g_return_if_fail (DL_IS_VIEW_STATE (state));

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect_object (state, "filter-changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "story-changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  filter_changed_cb (self);
}

const char *
dl_time_chip_get_text (DlTimeChip *self)
{
  g_return_val_if_fail (DL_IS_TIME_CHIP (self), NULL);
  return gtk_label_get_text (self->label);
}
