/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-label-placement.h"

G_BEGIN_DECLS

/* Names keep off a plain map's lines as they keep off markers: a line becomes a row of
 * discs (DlLabelObstacle) along it, in the window's pixels or the figure's units. */

guint dl_line_obstacles_append (GArray       *discs,
                                const double *xs,
                                const double *ys,
                                guint         n_points,
                                double        radius,
                                const DlRect *bounds,
                                guint         max_discs);

G_END_DECLS
