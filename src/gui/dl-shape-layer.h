/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-actor.h"
#include "dl-place.h"

G_BEGIN_DECLS

#define DL_TYPE_SHAPE_LAYER (dl_shape_layer_get_type ())
G_DECLARE_FINAL_TYPE (DlShapeLayer, dl_shape_layer, DL, SHAPE_LAYER, ShumateLayer)

/* The areas (translucent polygons) and routes (curved arrows with an arrowhead) of a
 * story, coloured by actor, drawn between the base map and the markers. */
DlShapeLayer *dl_shape_layer_new          (ShumateViewport *viewport);
void          dl_shape_layer_clear        (DlShapeLayer    *self);
/* Adds or updates @place (only areas and routes are drawn); @actor gives the colour. */
void          dl_shape_layer_set_place    (DlShapeLayer    *self,
                                           DlPlace         *place,
                                           DlActor         *actor,
                                           gboolean         selected);
void          dl_shape_layer_remove_place (DlShapeLayer    *self,
                                           DlPlace         *place);
/* Number of shapes drawn (for tests). */
guint         dl_shape_layer_get_n_shapes (DlShapeLayer    *self);
DlPlace      *dl_shape_layer_area_at      (DlShapeLayer    *self,
                                           double           x,
                                           double           y);

/* The control point of the curved arrow from (@x0, @y0) to (@x1, @y1): bent to the left
 * of the direction of travel by a fifth of its length. */
void          dl_route_control_point      (double x0, double y0,
                                           double x1, double y1,
                                           double *cx, double *cy);

G_END_DECLS
