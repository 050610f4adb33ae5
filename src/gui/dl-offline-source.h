/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-basemap.h"

G_BEGIN_DECLS

#define DL_TYPE_OFFLINE_SOURCE (dl_offline_source_get_type ())
G_DECLARE_FINAL_TYPE (DlOfflineSource, dl_offline_source, DL, OFFLINE_SOURCE, ShumateMapSource)

/* The embedded Natural Earth base map as tiles, rendered off the main thread. The id
 * differs per style, so a ShumateMapLayer's tile cache never mixes light and dark. */
DlOfflineSource *dl_offline_source_new            (DlBasemapStyle   style);
DlBasemapStyle   dl_offline_source_get_style      (DlOfflineSource *self);
/* Tiles requested and not yet filled; "idle" is emitted when it drops to 0. */
guint            dl_offline_source_get_n_pending  (DlOfflineSource *self);

GdkTexture      *dl_offline_source_render_texture (DlOfflineSource *self,
                                                   guint            zoom,
                                                   guint            x,
                                                   guint            y,
                                                   guint            size);

G_END_DECLS
