/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An axis-aligned rectangle in figure units: top-left corner and size. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} DlRect;

/* Where a label sits relative to its anchor. */
typedef enum
{
  DL_LABEL_RIGHT,
  DL_LABEL_LEFT,
  DL_LABEL_ABOVE,
  DL_LABEL_BELOW,
  DL_LABEL_ABOVE_RIGHT,
  DL_LABEL_BELOW_RIGHT,
  DL_LABEL_ABOVE_LEFT,
  DL_LABEL_BELOW_LEFT,
  DL_LABEL_CENTER,     /* centred on the anchor (a country name, no marker) */
} DlLabelPosition;

/* A disc the labels must leave free: a marker. */
typedef struct
{
  double x;
  double y;
  double radius;
} DlLabelObstacle;

typedef struct
{
  /* In: what to place. */
  double   anchor_x;
  double   anchor_y;
  double   anchor_radius; /* the radius of the label's own marker, 0 when it has none */
  double   width;
  double   height;
  double   priority;      /* higher is placed first; ties keep the array order */
  gboolean centered;      /* only the DL_LABEL_CENTER position is tried */
  guint    extra_rings;   /* must be named: the free spot nearest the anchor within this
                           * many label heights, then anywhere in the bounds (a figure
                           * draws a leader line) */

  /* Out: where it went. */
  gboolean        placed;
  DlLabelPosition position;
  DlRect          rect;
} DlLabel;

void     dl_label_place        (DlLabel               *labels,
                                guint                  n_labels,
                                const DlLabelObstacle *obstacles,
                                guint                  n_obstacles,
                                const DlRect          *blocked,
                                guint                  n_blocked,
                                const DlRect          *bounds,
                                double                 gap);

void     dl_label_sample       (const double          *priorities,
                                guint                  n,
                                guint                  budget,
                                gboolean              *chosen);

gboolean dl_rect_intersects    (const DlRect          *a,
                                const DlRect          *b);
gboolean dl_rect_hits_disc     (const DlRect          *rect,
                                double                 cx,
                                double                 cy,
                                double                 radius);

gboolean dl_label_names_same_place (const char           *basemap_name,
                                    const char           *story_name);

G_END_DECLS
