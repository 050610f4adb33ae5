/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define DL_TYPE_ONLINE_SOURCE (dl_online_source_get_type ())
G_DECLARE_FINAL_TYPE (DlOnlineSource, dl_online_source, DL, ONLINE_SOURCE, ShumateMapSource)

/* A map source that downloads its tiles through @inner (its id, name, licence and zoom
 * levels) and tells whether they arrive: "reachable" turns FALSE after a few tiles in a row
 * failed, TRUE again at the first tile that came. */
DlOnlineSource   *dl_online_source_new           (ShumateMapSource *inner);
ShumateMapSource *dl_online_source_get_inner     (DlOnlineSource   *self);
gboolean          dl_online_source_get_reachable (DlOnlineSource   *self);
/* Tiles that failed since the last one that came. */
guint             dl_online_source_get_n_failed  (DlOnlineSource   *self);
/* Tiles that came. */
guint             dl_online_source_get_n_loaded  (DlOnlineSource   *self);

G_END_DECLS
