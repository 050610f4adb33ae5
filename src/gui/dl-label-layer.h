/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-basemap.h"

G_BEGIN_DECLS

#define DL_TYPE_LABEL_LAYER (dl_label_layer_get_type ())
G_DECLARE_FINAL_TYPE (DlLabelLayer, dl_label_layer, DL, LABEL_LAYER, ShumateLayer)

/* Country and capital names of the base map for the current viewport, drawn above the
 * tiles so that no name is cut at a tile seam; never overlapping each other. */
DlLabelLayer *dl_label_layer_new       (ShumateViewport *viewport,
                                        DlBasemapStyle   style);
void          dl_label_layer_set_style (DlLabelLayer    *self,
                                        DlBasemapStyle   style);

G_END_DECLS
