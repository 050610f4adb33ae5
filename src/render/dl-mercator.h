/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Web Mercator (EPSG:3857) with 256-pixel tiles: at zoom Z the world is 256·2^Z pixels
 * wide; x grows east from 180°W, y grows south from 85.0511°N. */
#define DL_TILE_SIZE 256
#define DL_MERCATOR_MAX_LAT 85.05112877980659

double dl_mercator_world_size (double  zoom);
void   dl_mercator_project    (double  lon,
                               double  lat,
                               double  zoom,
                               double *x,
                               double *y);
void   dl_mercator_unproject  (double  x,
                               double  y,
                               double  zoom,
                               double *lon,
                               double *lat);

G_END_DECLS
