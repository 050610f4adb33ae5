/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-mercator"

#include <math.h>

#include "dl-mercator.h"

double
dl_mercator_world_size (double zoom)
{
  return DL_TILE_SIZE * exp2 (zoom);
}

/**
 * dl_mercator_project:
 *
 * World pixel of a position at @zoom. Latitudes beyond ±85.0511° are clamped to the edge
 * of the square world.
 */
void
dl_mercator_project (double  lon,
                     double  lat,
                     double  zoom,
                     double *x,
                     double *y)
{
  double size = dl_mercator_world_size (zoom);
  double phi;

  lat = CLAMP (lat, -DL_MERCATOR_MAX_LAT, DL_MERCATOR_MAX_LAT);
  phi = lat * G_PI / 180.0;
  *x = (lon + 180.0) / 360.0 * size;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * size;
}

void
dl_mercator_unproject (double  x,
                       double  y,
                       double  zoom,
                       double *lon,
                       double *lat)
{
  double size = dl_mercator_world_size (zoom);
  double n = G_PI - 2.0 * G_PI * y / size;

  *lon = x / size * 360.0 - 180.0;
  *lat = 180.0 / G_PI * atan (sinh (n));
}
