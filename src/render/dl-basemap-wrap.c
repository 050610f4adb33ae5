/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-basemap-wrap"

#include "config.h"

#include <math.h>

#include "dl-basemap-wrap.h"
#include "dl-mercator.h"

/**
 * dl_basemap_draw_wrapped:
 * @self: a base map
 * @cr: where to draw
 * @style: light or dark
 * @zoom: the zoom level
 * @x: world pixel at @zoom of the view's left edge (may be negative or past the world)
 * @y: world pixel at @zoom of the view's top edge
 * @width: width of the view
 * @height: height of the view
 *
 * Draws each copy of the world the view shows, each clipped to its own stretch.
 */
void
dl_basemap_draw_wrapped (DlBasemap      *self,
                         cairo_t        *cr,
                         DlBasemapStyle  style,
                         double          zoom,
                         double          x,
                         double          y,
                         double          width,
                         double          height)
{
  double world;
  double first, last;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (!isfinite (zoom) || !isfinite (x) || !(width > 0) || !(height > 0))
    return;
  world = dl_mercator_world_size (CLAMP (zoom, 0.0, 24.0));
  first = floor (x / world);
  last = floor ((x + width) / world);
  /* the usual case, and a bound on the copies of a very wide, far-out view */
  if ((first == 0 && last == 0) || last - first > 64)
    {
      dl_basemap_draw (self, cr, style, zoom, x, y, width, height);
      return;
    }

  for (double k = first; k <= last; k++)
    {
      /* the stretch of the view that copy k covers, in view units, split at whole
       * units: clips that meet inside a pixel would each leave it part transparent, a
       * hairline through the sea */
      double left = k == first ? 0 : round (k * world - x);
      double right = k == last ? width : round ((k + 1) * world - x);

      if (right - left <= 0)
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, left, 0, right - left, height);
      cairo_clip (cr);
      cairo_translate (cr, left, 0);
      dl_basemap_draw (self, cr, style, zoom, x + left - k * world, y, right - left, height);
      cairo_restore (cr);
    }
}

/**
 * dl_basemap_list_labels_wrapped:
 * @self: a base map
 * @zoom: the zoom level
 * @x: world pixel at @zoom of the view's left edge (may be negative or past the world)
 * @y: world pixel at @zoom of the view's top edge
 * @width: width of the view in pixels
 * @height: height of the view in pixels
 *
 * Returns: (transfer full) (element-type DlBasemapLabel): the labels of every copy
 */
GArray *
dl_basemap_list_labels_wrapped (DlBasemap *self,
                                double     zoom,
                                double     x,
                                double     y,
                                double     width,
                                double     height)
{
  GArray *all;
  double world, first, last;

  g_return_val_if_fail (self != NULL, NULL);

  if (!isfinite (zoom) || !isfinite (x))
    return dl_basemap_list_labels (self, zoom, x, y, width, height);
  world = dl_mercator_world_size (CLAMP (zoom, 0.0, 24.0));
  first = floor (x / world);
  last = floor ((x + width) / world);
  if ((first == 0 && last == 0) || last - first > 64)
    return dl_basemap_list_labels (self, zoom, x, y, width, height);

  all = g_array_new (FALSE, FALSE, sizeof (DlBasemapLabel));
  for (double k = first; k <= last; k++)
    {
      double left = MAX (x, k * world), right = MIN (x + width, (k + 1) * world);
      g_autoptr(GArray) copy = NULL;

      if (right - left <= 0)
        continue;
      copy = dl_basemap_list_labels (self, zoom, left - k * world, y, right - left, height);
      for (guint i = 0; copy != NULL && i < copy->len; i++)
        g_array_index (copy, DlBasemapLabel, i).x += k * world;
      if (copy != NULL)
        g_array_append_vals (all, copy->data, copy->len);
    }
  return all;
}
