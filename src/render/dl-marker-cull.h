/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One marker as the figure draws it: everything it paints lies in a box, and a centred
 * disc of it is fully opaque. */
typedef struct
{
  double x0, y0, x1, y1;   /* the box of all it paints (shadow and antialiasing included) */
  double cx, cy, opaque;   /* the centre and radius of its opaque disc */
} DlMarkerExtent;

void dl_marker_cull (const DlMarkerExtent *markers,
                     guint                 n,
                     double                width,
                     double                height,
                     gboolean             *hidden);

/* A disc: its centre and radius. */
typedef struct
{
  double x, y, radius;
} DlDisc;

/* How many of the @n discs overlap another (closer than the sum of their radii), counting
 * up to @limit only. A grid of cells as wide as the largest disc: n log n, not n². */
guint dl_count_overlapping (const DlDisc *discs,
                            guint         n,
                            guint         limit);

G_END_DECLS
