/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-basemap.h"

G_BEGIN_DECLS

/* dl_basemap_draw() for a view that runs past the world's east or west edge (a view
 * centred on 180°, or wider than the world): the world is drawn again beside itself, as
 * in every slippy map. */
void dl_basemap_draw_wrapped (DlBasemap      *self,
                              cairo_t        *cr,
                              DlBasemapStyle  style,
                              double          zoom,
                              double          x,
                              double          y,
                              double          width,
                              double          height);

/* dl_basemap_list_labels() for such a view: the names of each copy of the world it
 * shows, in world pixels of the view (past the world's edge for the copies beside it). */
GArray *dl_basemap_list_labels_wrapped (DlBasemap *self,
                                        double     zoom,
                                        double     x,
                                        double     y,
                                        double     width,
                                        double     height);

G_END_DECLS
