/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A marker where the map draws it (pixels) and how many events it stands for. */
typedef struct
{
  double x;
  double y;
  double weight;
} DlClusterPoint;

guint  *dl_marker_clusters      (const DlClusterPoint *points,
                                 guint                 n_points,
                                 double                min_distance);

double  dl_marker_clusters_split_zoom (const DlClusterPoint *points,
                                       guint                 n_points,
                                       double                zoom,
                                       double                min_distance);

G_END_DECLS
