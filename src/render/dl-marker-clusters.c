/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-marker-clusters"

#include <math.h>

#include "dl-marker-clusters.h"

static int
compare_weight (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const DlClusterPoint *points = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (points[ia].weight != points[ib].weight)
    return points[ia].weight > points[ib].weight ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/**
 * dl_marker_clusters:
 * @points: (array length=n_points): the markers, in pixels of the current view
 * @min_distance: markers closer than this (their size) would pile up
 *
 * Merges markers that would cover each other: the heaviest marker not yet taken leads a
 * cluster and takes every free marker closer to it than @min_distance, then the next
 * heaviest, and so on. Pure: the same input gives the same clusters.
 *
 * Returns: (transfer full) (array length=n_points): for each marker the index of its
 *   cluster's leader (its own index when it leads or stands alone); NULL for no points
 */
guint *
dl_marker_clusters (const DlClusterPoint *points,
                    guint                 n_points,
                    double                min_distance)
{
  g_autofree guint *order = NULL;
  g_autofree guint *leader = NULL;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (n_points == 0)
    return NULL;

  order = g_new (guint, n_points);
  leader = g_new (guint, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      order[i] = i;
      leader[i] = G_MAXUINT;
    }
  g_qsort_with_data (order, n_points, sizeof (guint), compare_weight, (gpointer) points);

  for (guint k = 0; k < n_points; k++)
    {
      guint i = order[k];

      if (leader[i] != G_MAXUINT)
        continue;
      leader[i] = i;
      for (guint m = k + 1; m < n_points; m++)
        {
          guint j = order[m];

          if (leader[j] == G_MAXUINT
              && hypot (points[j].x - points[i].x, points[j].y - points[i].y) < min_distance)
            leader[j] = i;
        }
    }
  return g_steal_pointer (&leader);
}

/**
 * dl_marker_clusters_split_zoom:
 * @points: (array length=n_points): a cluster's markers, in pixels at @zoom
 * @zoom: the zoom of @points
 *
 * The zoom at which no two of @points are closer than @min_distance: one more level than
 * @zoom at least. Markers at one spot never split: then it is infinite.
 */
double
dl_marker_clusters_split_zoom (const DlClusterPoint *points,
                               guint                 n_points,
                               double                zoom,
                               double                min_distance)
{
  double closest = G_MAXDOUBLE;

  g_return_val_if_fail (points != NULL || n_points == 0, zoom);

  for (guint i = 0; i < n_points; i++)
    for (guint j = i + 1; j < n_points; j++)
      closest = MIN (closest, hypot (points[j].x - points[i].x, points[j].y - points[i].y));
  if (n_points < 2)
    return zoom;
  if (closest < 1e-6)
    return INFINITY;
  /* Distances double with each zoom level. */
  return MAX (zoom + 1, ceil (zoom + log2 (min_distance / closest) + 0.1));
}
