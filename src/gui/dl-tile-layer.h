/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-offline-source.h"

G_BEGIN_DECLS

#define DL_TYPE_TILE_LAYER (dl_tile_layer_get_type ())
G_DECLARE_FINAL_TYPE (DlTileLayer, dl_tile_layer, DL, TILE_LAYER, ShumateLayer)

/* The offline base map, drawn tile by tile in the frame that shows it. libshumate 1.0.3's
 * ShumateMapLayer works out which tiles a view needs only after the frame is drawn, so
 * after a jump it paints the old view's tiles at the new place for a frame or more; the
 * offline tiles are cheap enough (0.05 to 1.3 ms) to draw when first needed instead. */
DlTileLayer *dl_tile_layer_new        (ShumateViewport *viewport,
                                       DlOfflineSource *source);
/* Tiles drawn since the layer was made (the cache makes later frames free). */
guint        dl_tile_layer_get_n_rendered (DlTileLayer *self);

G_END_DECLS
