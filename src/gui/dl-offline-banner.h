/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-online-source.h"

G_BEGIN_DECLS

#define DL_TYPE_OFFLINE_BANNER (dl_offline_banner_get_type ())
G_DECLARE_FINAL_TYPE (DlOfflineBanner, dl_offline_banner, DL, OFFLINE_BANNER, GtkWidget)

/* A strip over the map saying the online map cannot be reached, with "Use the Offline
 * Map" (the window's map-source action) and a close button. libadwaita 1.2 has no
 * AdwBanner. */
GtkWidget *dl_offline_banner_new          (void);
/* Follows @source (NULL: the online map is not shown): revealed while its tiles fail,
 * until closed; closing lasts until another source is given. */
void       dl_offline_banner_set_source   (DlOfflineBanner *self,
                                           DlOnlineSource  *source);
gboolean   dl_offline_banner_get_revealed (DlOfflineBanner *self);
/* The "Use the Offline Map" button, for tests. */
GtkButton *dl_offline_banner_get_button   (DlOfflineBanner *self);

G_END_DECLS
