/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-shape-layer"

#include "config.h"

#include <math.h>

#include "dl-hit.h"

#include "dl-shape-layer.h"
#include "dl-place-properties.h"

/* How far a route stops short of the places it joins: a marker's radius and a bit. */
#define MARKER_GAP 17.0

typedef struct
{
  DlPlace  *place;
  GdkRGBA   color;
  gboolean  selected;
  /* a plain map's simplestyle (dl-place-properties.h), when the place has no actor */
  double    stroke_width;    /* < 0: the default */
  double    stroke_opacity;  /* < 0: the default */
  gboolean  has_fill;
  GdkRGBA   fill;            /* its alpha is fill-opacity, < 0 for the default */
  gboolean  route;           /* a story route: curved, with an arrowhead */
} Shape;

struct _DlShapeLayer
{
  ShumateLayer  parent_instance;

  GArray       *shapes;  /* Shape */
  GHashTable   *index;   /* DlPlace → its position in shapes + 1 */
};

G_DEFINE_FINAL_TYPE (DlShapeLayer, dl_shape_layer, SHUMATE_TYPE_LAYER)

static void
shape_clear (gpointer data)
{
  Shape *shape = data;

  g_clear_object (&shape->place);
}

static gboolean
find_shape (DlShapeLayer *self,
            DlPlace      *place,
            guint        *index)
{
  /* A table, not a scan: a map of thousands of areas is filled one place at a time. */
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, place));

  if (position == 0)
    return FALSE;
  *index = position - 1;
  return TRUE;
}

static void
rebuild_index (DlShapeLayer *self)
{
  g_hash_table_remove_all (self->index);
  for (guint i = 0; i < self->shapes->len; i++)
    g_hash_table_insert (self->index, g_array_index (self->shapes, Shape, i).place,
                         GUINT_TO_POINTER (i + 1));
}

static void
viewport_changed_cb (ShumateViewport *viewport,
                     GParamSpec      *pspec,
                     DlShapeLayer    *self)
{
  if (self->shapes->len > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
project (DlShapeLayer   *self,
         const DlLonLat *position,
         double         *x,
         double         *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double lon = position->lon, turns = 0;

  /* libshumate clamps longitudes to ±180: a shape continuing past 180° (as the file
   * wrote it) is projected a whole world further instead */
  while (lon > 180)
    {
      lon -= 360;
      turns++;
    }
  while (lon < -180)
    {
      lon += 360;
      turns--;
    }
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              position->lat, lon, x, y);
  if (turns != 0 && source != NULL)
    *x += turns * shumate_map_source_get_tile_size (source)
          * exp2 (shumate_viewport_get_zoom_level (viewport));
}

static void
draw_area (DlShapeLayer *self,
           cairo_t      *cr,
           const Shape  *shape)
{
  guint n_parts = dl_place_get_n_parts (shape->place);
  const GdkRGBA *c = &shape->color;

  cairo_new_path (cr);
  for (guint part = 0; part < n_parts; part++)
    {
      guint n = 0;
      const DlLonLat *ring = dl_place_get_part (shape->place, part, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          project (self, &ring[i], &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  {
    const GdkRGBA *f = shape->has_fill ? &shape->fill : c;
    double alpha = shape->fill.alpha >= 0 ? shape->fill.alpha : 0.22;

    cairo_set_source_rgba (cr, f->red, f->green, f->blue,
                           shape->selected ? MAX (alpha, 0.40) : alpha);
  }
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, c->red, c->green, c->blue,
                         shape->stroke_opacity >= 0 ? shape->stroke_opacity : 0.9);
  cairo_set_line_width (cr, (shape->stroke_width >= 0 ? shape->stroke_width : 1.5)
                            + (shape->selected ? 1.5 : 0));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
draw_arrowhead (cairo_t *cr,
                double   x,
                double   y,
                double   angle,
                double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size * cos (angle - 0.45), y - size * sin (angle - 0.45));
  cairo_line_to (cr, x - size * 0.6 * cos (angle), y - size * 0.6 * sin (angle));
  cairo_line_to (cr, x - size * cos (angle + 0.45), y - size * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The part [t0, t1] of the quadratic curve p0 c p1 (x and y in arrays of 2), in place. */
static void
sub_curve (double *p0,
           double *c,
           double *p1,
           double  t0,
           double  t1)
{
  double q0[2], q1[2], qc[2];

  for (int i = 0; i < 2; i++)
    {
      q0[i] = (1 - t0) * (1 - t0) * p0[i] + 2 * (1 - t0) * t0 * c[i] + t0 * t0 * p1[i];
      q1[i] = (1 - t1) * (1 - t1) * p0[i] + 2 * (1 - t1) * t1 * c[i] + t1 * t1 * p1[i];
      qc[i] = (1 - t0) * (1 - t1) * p0[i] + ((1 - t0) * t1 + t0 * (1 - t1)) * c[i]
              + t0 * t1 * p1[i];
    }
  for (int i = 0; i < 2; i++)
    {
      p0[i] = q0[i];
      c[i] = qc[i];
      p1[i] = q1[i];
    }
}

static void
draw_route (DlShapeLayer *self,
            cairo_t      *cr,
            const Shape  *shape)
{
  guint n_parts = dl_place_get_n_parts (shape->place);
  const GdkRGBA *c = &shape->color;
  double width = (shape->stroke_width >= 0 ? shape->stroke_width : 2.5)
                 + (shape->selected ? 1.5 : 0);
  double opacity = shape->stroke_opacity >= 0 ? shape->stroke_opacity : 0.95;
  double head = 8 + 2.5 * width;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint part = 0; part < n_parts; part++)
    {
      guint n = 0;
      const DlLonLat *line = dl_place_get_part (shape->place, part, &n);
      double px = 0, py = 0, x = 0, y = 0, angle;

      if (n < 2)
        continue;

      /* A white casing under the coloured line keeps it readable on any tile. */
      for (int pass = 0; pass < 2; pass++)
        {
          cairo_new_path (cr);
          /* only a story's route bends and points: a plain line is drawn as it is */
          if (n == 2 && shape->route)
            {
              double p0[2], ctl[2], p1[2], length, t;

              project (self, &line[0], &p0[0], &p0[1]);
              project (self, &line[1], &p1[0], &p1[1]);
              dl_route_control_point (p0[0], p0[1], p1[0], p1[1], &ctl[0], &ctl[1]);

              /* Stop short of both ends, so that the arrowhead shows beside the marker
               * of its destination instead of under it. */
              length = hypot (p1[0] - p0[0], p1[1] - p0[1]);
              t = length > 4 * MARKER_GAP ? MARKER_GAP / length : 0;
              sub_curve (p0, ctl, p1, t, 1 - t);
              cairo_move_to (cr, p0[0], p0[1]);
              cairo_curve_to (cr, (p0[0] + 2 * ctl[0]) / 3, (p0[1] + 2 * ctl[1]) / 3,
                              (p1[0] + 2 * ctl[0]) / 3, (p1[1] + 2 * ctl[1]) / 3, p1[0], p1[1]);
              x = p1[0];
              y = p1[1];
              px = ctl[0];
              py = ctl[1];
            }
          else
            {
              for (guint i = 0; i < n; i++)
                {
                  px = x;
                  py = y;
                  project (self, &line[i], &x, &y);
                  if (i == 0)
                    cairo_move_to (cr, x, y);
                  else
                    cairo_line_to (cr, x, y);
                }
            }

          if (pass == 0)
            {
              cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
              cairo_set_line_width (cr, width + 3);
            }
          else
            {
              cairo_set_source_rgba (cr, c->red, c->green, c->blue, opacity);
              cairo_set_line_width (cr, width);
            }
          cairo_stroke (cr);
        }

      if (!shape->route)
        continue;
      angle = atan2 (y - py, x - px);
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, opacity);
      draw_arrowhead (cr, x, y, angle, head);
    }
}

/* The box around every shape in widget coordinates, with room for line widths and
 * arrowheads, cut to the widget; FALSE when nothing shows. */
static gboolean
shapes_extents (DlShapeLayer    *self,
                int              width,
                int              height,
                graphene_rect_t *extents)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  const double margin = 24;

  for (guint i = 0; i < self->shapes->len; i++)
    {
      DlPlace *place = g_array_index (self->shapes, Shape, i).place;
      DlLonLat sw, ne;
      double ax, ay, bx, by, cx, cy;

      dl_place_get_bounds (place, &sw, &ne);
      project (self, &sw, &ax, &ay);
      project (self, &ne, &bx, &by);
      x0 = MIN (x0, MIN (ax, bx));
      x1 = MAX (x1, MAX (ax, bx));
      y0 = MIN (y0, MIN (ay, by));
      y1 = MAX (y1, MAX (ay, by));

      /* A two-point route bends out of its box towards its control point. */
      if (dl_place_get_shape (place) == DL_PLACE_SHAPE_ROUTE)
        for (guint part = 0; part < dl_place_get_n_parts (place); part++)
          {
            guint n = 0;
            const DlLonLat *line = dl_place_get_part (place, part, &n);

            if (n != 2)
              continue;
            project (self, &line[0], &ax, &ay);
            project (self, &line[1], &bx, &by);
            dl_route_control_point (ax, ay, bx, by, &cx, &cy);
            x0 = MIN (x0, cx);
            x1 = MAX (x1, cx);
            y0 = MIN (y0, cy);
            y1 = MAX (y1, cy);
          }
    }

  x0 = MAX (floor (x0 - margin), 0);
  y0 = MAX (floor (y0 - margin), 0);
  x1 = MIN (ceil (x1 + margin), width);
  y1 = MIN (ceil (y1 + margin), height);
  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  graphene_rect_init (extents, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

/* Whether @place can show in the widget: its box, widened for a route's bend, line
 * widths and arrowheads, meets it. Many areas off screen then cost two projections each. */
static gboolean
shape_in_view (DlShapeLayer *self,
               DlPlace      *place,
               int           width,
               int           height)
{
  DlLonLat sw, ne;
  double ax, ay, bx, by, margin;

  dl_place_get_bounds (place, &sw, &ne);
  project (self, &sw, &ax, &ay);
  project (self, &ne, &bx, &by);
  margin = 24 + 0.25 * MAX (fabs (bx - ax), fabs (by - ay));
  return MAX (ax, bx) + margin >= 0 && MIN (ax, bx) - margin <= width
         && MAX (ay, by) + margin >= 0 && MIN (ay, by) - margin <= height;
}

static void
dl_shape_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DlShapeLayer *self = DL_SHAPE_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t extents;
  cairo_t *cr;

  if (self->shapes->len == 0 || width <= 0 || height <= 0)
    return;

  /* Only the part of the widget the shapes cover: a smaller Cairo surface per frame. */
  if (!shapes_extents (self, width, height, &extents))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &extents);
  /* Areas first, so that routes cross over them; the selected ones last. */
  for (int selected = 0; selected < 2; selected++)
    for (int kind = 0; kind < 2; kind++)
      for (guint i = 0; i < self->shapes->len; i++)
        {
          const Shape *shape = &g_array_index (self->shapes, Shape, i);
          DlPlaceShape type = dl_place_get_shape (shape->place);

          if (shape->selected != selected || !shape_in_view (self, shape->place, width, height))
            continue;
          if (kind == 0 && type == DL_PLACE_SHAPE_AREA)
            draw_area (self, cr, shape);
          else if (kind == 1 && type == DL_PLACE_SHAPE_ROUTE)
            draw_route (self, cr, shape);
        }
  cairo_destroy (cr);
}

static void
dl_shape_layer_constructed (GObject *object)
{
  DlShapeLayer *self = DL_SHAPE_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (dl_shape_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self, 0);
}

static void
dl_shape_layer_dispose (GObject *object)
{
  DlShapeLayer *self = DL_SHAPE_LAYER (object);

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->shapes, g_array_unref);

  G_OBJECT_CLASS (dl_shape_layer_parent_class)->dispose (object);
}

static void
dl_shape_layer_class_init (DlShapeLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dl_shape_layer_constructed;
  object_class->dispose = dl_shape_layer_dispose;
  widget_class->snapshot = dl_shape_layer_snapshot;
}

static void
dl_shape_layer_init (DlShapeLayer *self)
{
  self->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (self->shapes, shape_clear);
  self->index = g_hash_table_new (NULL, NULL);
  /* Drawing only: clicks and drags go through to the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

DlShapeLayer *
dl_shape_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (DL_TYPE_SHAPE_LAYER, "viewport", viewport, NULL);
}

void
dl_shape_layer_clear (DlShapeLayer *self)
{
  g_return_if_fail (DL_IS_SHAPE_LAYER (self));

  g_array_set_size (self->shapes, 0);
  g_hash_table_remove_all (self->index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_shape_layer_set_place (DlShapeLayer *self,
                          DlPlace      *place,
                          DlActor      *actor,
                          gboolean      selected)
{
  Shape shape = { NULL, { 0.38f, 0.38f, 0.42f, 1 }, !!selected, -1, -1, FALSE,
                  { 0, 0, 0, -1 }, FALSE };
  DlPlaceStyle style;
  guint index;

  g_return_if_fail (DL_IS_SHAPE_LAYER (self));
  g_return_if_fail (DL_IS_PLACE (place));

  if (dl_place_get_shape (place) == DL_PLACE_SHAPE_POINT)
    return;

  if (actor != NULL)
    {
      double r, g, b;

      dl_actor_get_rgb (actor, &r, &g, &b);
      shape.color = (GdkRGBA) { r, g, b, 1 };
    }
  else if (dl_place_get_style (place, &style))
    {
      /* a plain map's own colours: the story's actors come first */
      if (style.has_stroke)
        shape.color = (GdkRGBA) { style.stroke[0], style.stroke[1], style.stroke[2], 1 };
      shape.stroke_width = style.stroke_width;
      shape.stroke_opacity = style.stroke_opacity;
      shape.has_fill = style.has_fill;
      if (style.has_fill)
        shape.fill = (GdkRGBA) { style.fill[0], style.fill[1], style.fill[2], -1 };
      shape.fill.alpha = style.fill_opacity;
      dl_place_style_clear (&style);
    }
  shape.route = dl_place_is_route (place);

  if (find_shape (self, place, &index))
    {
      Shape *old = &g_array_index (self->shapes, Shape, index);

      if (gdk_rgba_equal (&old->color, &shape.color) && old->selected == shape.selected
          && old->route == shape.route)
        return;
      shape.place = old->place;
      *old = shape;
    }
  else
    {
      shape.place = g_object_ref (place);
      g_array_append_val (self->shapes, shape);
      g_hash_table_insert (self->index, place, GUINT_TO_POINTER (self->shapes->len));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_shape_layer_remove_place (DlShapeLayer *self,
                             DlPlace      *place)
{
  guint index;

  g_return_if_fail (DL_IS_SHAPE_LAYER (self));

  if (find_shape (self, place, &index))
    {
      g_array_remove_index (self->shapes, index);
      rebuild_index (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

guint
dl_shape_layer_get_n_shapes (DlShapeLayer *self)
{
  g_return_val_if_fail (DL_IS_SHAPE_LAYER (self), 0);

  return self->shapes->len;
}

void
dl_route_control_point (double  x0,
                        double  y0,
                        double  x1,
                        double  y1,
                        double *cx,
                        double *cy)
{
  double dx = x1 - x0, dy = y1 - y0;

  /* Perpendicular (dy, -dx) points to the left of travel in screen space (y down). */
  *cx = (x0 + x1) / 2 + dy * 0.2;
  *cy = (y0 + y1) / 2 - dx * 0.2;
}

/* The distance in pixels from (@x, @y) to the nearest segment of line place @place. */
static double
line_distance (DlShapeLayer *self,
               DlPlace      *place,
               double        x,
               double        y)
{
  double best = G_MAXDOUBLE;

  for (guint part = 0; part < dl_place_get_n_parts (place); part++)
    {
      guint n = 0;
      const DlLonLat *line = dl_place_get_part (place, part, &n);
      double ax = 0, ay = 0;

      for (guint i = 0; i < n; i++)
        {
          double bx, by, dx, dy, t;

          project (self, &line[i], &bx, &by);
          if (i > 0)
            {
              dx = bx - ax;
              dy = by - ay;
              t = dx * dx + dy * dy > 0 ? ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)
                                        : 0;
              t = CLAMP (t, 0, 1);
              best = MIN (best, hypot (x - (ax + t * dx), y - (ay + t * dy)));
            }
          ax = bx;
          ay = by;
        }
    }
  return best;
}

/**
 * dl_shape_layer_area_at:
 * @x: a point of the layer, in pixels
 * @y: a point of the layer, in pixels
 *
 * Returns: (transfer none) (nullable): the area drawn at (@x, @y), the last drawn (the
 *   topmost) of those there
 */
DlPlace *
dl_shape_layer_area_at (DlShapeLayer *self,
                        double        x,
                        double        y)
{
  ShumateViewport *viewport;
  double lat, lon;

  g_return_val_if_fail (DL_IS_SHAPE_LAYER (self), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), x, y, &lat, &lon);
  for (guint i = self->shapes->len; i > 0; i--)
    {
      const Shape *shape = &g_array_index (self->shapes, Shape, i - 1);

      if (dl_place_area_contains (shape->place, lon, lat))
        return shape->place;
      /* a plain line has no marker: a click on it (or a few pixels off) is on it */
      if (!shape->route && dl_place_get_shape (shape->place) == DL_PLACE_SHAPE_ROUTE
          && line_distance (self, shape->place, x, y) <= 6)
        return shape->place;
    }
  return NULL;
}
