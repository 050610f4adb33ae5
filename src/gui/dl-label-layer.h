/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-basemap.h"
#include "dl-label-placement.h"
#include "dl-place.h"

G_BEGIN_DECLS

#define DL_TYPE_LABEL_LAYER (dl_label_layer_get_type ())
G_DECLARE_FINAL_TYPE (DlLabelLayer, dl_label_layer, DL, LABEL_LAYER, ShumateLayer)

/* A name drawn on the map: its text and box in the layer's coordinates. */
typedef struct
{
  char     *text;
  DlRect    rect;
  gboolean  story;  /* a place of the story, not of the base map */
} DlMapLabel;

/* The story's place names and the country and capital names of the base map for the
 * current viewport, drawn above the tiles so that no name is cut at a tile seam; never
 * overlapping each other nor a marker; story names first. */
DlLabelLayer *dl_label_layer_new       (ShumateViewport *viewport,
                                        DlBasemapStyle   style);
void          dl_label_layer_set_style (DlLabelLayer    *self,
                                        DlBasemapStyle   style);

/* Places the names must leave free, such as the story's markers: @n_places positions
 * (@latitudes, @longitudes) with a radius in pixels each (@radii). The arrays are copied;
 * 0 places clears them. */
void          dl_label_layer_set_obstacles (DlLabelLayer *self,
                                            const double *latitudes,
                                            const double *longitudes,
                                            const double *radii,
                                            guint         n_places);

void          dl_label_layer_set_names (DlLabelLayer       *self,
                                        const char * const *texts,
                                        const double       *latitudes,
                                        const double       *longitudes,
                                        const double       *radii,
                                        const double       *priorities,
                                        guint               n_places);
void          dl_label_layer_set_lines (DlLabelLayer       *self,
                                        DlPlace           **lines,
                                        const double       *radii,
                                        guint               n_lines);
void          dl_label_layer_set_show_basemap (DlLabelLayer *self,
                                               gboolean      show);
GArray       *dl_label_layer_get_placed (DlLabelLayer *self);

G_END_DECLS
