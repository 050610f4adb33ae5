/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-line-obstacles"

#include "config.h"

#include <math.h>

#include "dl-line-obstacles.h"

/* The part [*t0, *t1] of the segment from (x0, y0) by (dx, dy) inside @box
 * (Liang–Barsky); FALSE when it misses it. */
static gboolean
clip_segment (double        x0,
              double        y0,
              double        dx,
              double        dy,
              const DlRect *box,
              double       *t0,
              double       *t1)
{
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - box->x, box->x + box->width - x0, y0 - box->y,
                  box->y + box->height - y0 };

  *t0 = 0;
  *t1 = 1;
  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        *t0 = MAX (*t0, q[i] / p[i]);
      else
        *t1 = MIN (*t1, q[i] / p[i]);
    }
  return *t0 <= *t1;
}

/**
 * dl_line_obstacles_append:
 * @discs: (element-type DlLabelObstacle): where to append
 * @xs: (array length=n_points): the line's points
 * @ys: (array length=n_points): the line's points
 * @radius: half the line's width and a margin
 * @bounds: (nullable): only discs that reach into it are made
 * @max_discs: at most this many are appended
 *
 * Appends discs of @radius along the line, close enough to overlap, so that no label
 * rectangle crosses the line without touching one.
 *
 * Returns: how many were appended.
 */
guint
dl_line_obstacles_append (GArray       *discs,
                          const double *xs,
                          const double *ys,
                          guint         n_points,
                          double        radius,
                          const DlRect *bounds,
                          guint         max_discs)
{
  double step;
  guint n = 0;

  g_return_val_if_fail (discs != NULL, 0);
  g_return_val_if_fail (n_points == 0 || (xs != NULL && ys != NULL), 0);

  if (n_points == 0 || !(radius > 0) || !isfinite (radius))
    return 0;
  step = radius * 0.75;
  for (guint k = 0; k + 1 < MAX (n_points, 2) && n < max_discs; k++)
    {
      double x0 = xs[k], y0 = ys[k];
      double dx = k + 1 < n_points ? xs[k + 1] - x0 : 0;
      double dy = k + 1 < n_points ? ys[k + 1] - y0 : 0;
      double t0 = 0, t1 = 1, ax, ay, bx, by;
      guint steps;

      /* beyond a billion pixels (zoom 22's world) a point is no line's in any view */
      if (!(fabs (x0) < 1e9 && fabs (y0) < 1e9 && fabs (x0 + dx) < 1e9
            && fabs (y0 + dy) < 1e9))
        continue;
      if (bounds != NULL)
        {
          DlRect box = { bounds->x - radius, bounds->y - radius,
                         bounds->width + 2 * radius, bounds->height + 2 * radius };

          if (!clip_segment (x0, y0, dx, dy, &box, &t0, &t1))
            continue;
        }
      /* the part in view, a disc a step from one end to the other */
      ax = x0 + t0 * dx;
      ay = y0 + t0 * dy;
      bx = x0 + t1 * dx;
      by = y0 + t1 * dy;
      steps = (guint) MIN (ceil (hypot (bx - ax, by - ay) / step), (double) max_discs);
      for (guint j = 0; j <= steps && n < max_discs; j++)
        {
          double t = steps > 0 ? (double) j / steps : 0;
          DlLabelObstacle disc = { ax + t * (bx - ax), ay + t * (by - ay), radius };

          g_array_append_val (discs, disc);
          n++;
        }
    }
  return n;
}
