/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-offline-banner"

#include "config.h"

#include "dl-offline-banner.h"

struct _DlOfflineBanner
{
  GtkWidget       parent_instance;

  GtkRevealer    *revealer;
  GtkButton      *offline_button;

  DlOnlineSource *source;
  gboolean        closed;
};

G_DEFINE_FINAL_TYPE (DlOfflineBanner, dl_offline_banner, GTK_TYPE_WIDGET)

static void
update_reveal (DlOfflineBanner *self)
{
  gboolean reveal = self->source != NULL && !self->closed
                    && !dl_online_source_get_reachable (self->source);

  gtk_revealer_set_reveal_child (self->revealer, reveal);
}

static void
close_clicked_cb (DlOfflineBanner *self)
{
  self->closed = TRUE;
  update_reveal (self);
}

static void
dl_offline_banner_dispose (GObject *object)
{
  DlOfflineBanner *self = DL_OFFLINE_BANNER (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_OFFLINE_BANNER);

  G_OBJECT_CLASS (dl_offline_banner_parent_class)->dispose (object);
}

static void
dl_offline_banner_class_init (DlOfflineBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_offline_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-offline-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, DlOfflineBanner, offline_button);
  gtk_widget_class_bind_template_child (widget_class, DlOfflineBanner, revealer);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-offline-banner");
}

static void
dl_offline_banner_init (DlOfflineBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dl_offline_banner_new (void)
{
  return g_object_new (DL_TYPE_OFFLINE_BANNER, NULL);
}

void
dl_offline_banner_set_source (DlOfflineBanner *self,
                              DlOnlineSource  *source)
{
  g_return_if_fail (DL_IS_OFFLINE_BANNER (self));
  g_return_if_fail (source == NULL || DL_IS_ONLINE_SOURCE (source));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  self->closed = FALSE;
  if (source != NULL)
    g_signal_connect_object (source, "notify::reachable", G_CALLBACK (update_reveal), self,
                             G_CONNECT_SWAPPED);
  update_reveal (self);
}

gboolean
dl_offline_banner_get_revealed (DlOfflineBanner *self)
{
  g_return_val_if_fail (DL_IS_OFFLINE_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

GtkButton *
dl_offline_banner_get_button (DlOfflineBanner *self)
{
  g_return_val_if_fail (DL_IS_OFFLINE_BANNER (self), NULL);

  return self->offline_button;
}
