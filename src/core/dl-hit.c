/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-hit"

#include "config.h"

#include "dl-hit.h"

/**
 * dl_place_area_contains:
 * @place: a place
 * @lon: longitude of the point
 * @lat: latitude of the point
 *
 * Whether the point is inside @place's area, its rings taken even-odd (a hole is
 * outside), as the map fills it. Not an area (a point, a route): %FALSE. Pure.
 */
gboolean
dl_place_area_contains (DlPlace *place,
                        double   lon,
                        double   lat)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (DL_IS_PLACE (place), FALSE);

  if (dl_place_get_shape (place) != DL_PLACE_SHAPE_AREA)
    return FALSE;

  for (guint part = 0; part < dl_place_get_n_parts (place); part++)
    {
      guint n = 0;
      const DlLonLat *ring = dl_place_get_part (place, part, &n);

      for (guint i = 0, j = n > 0 ? n - 1 : 0; i < n; j = i++)
        if ((ring[i].lat > lat) != (ring[j].lat > lat)
            && lon < (ring[j].lon - ring[i].lon) * (lat - ring[i].lat)
                     / (ring[j].lat - ring[i].lat) + ring[i].lon)
          inside = !inside;
    }
  return inside;
}
