/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-point-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dl-actor.h"
#include "dl-marker-symbol.h"
#include "dl-mercator.h"
#include "dl-object-list.h"
#include "dl-place.h"
#include "dl-place-properties.h"
#include "dl-symbol.h"

#include "dl-point-layer.h"

/* The finest grid: cells of DL_POINT_CELL_SIZE pixels at this zoom, 27 bits a side. The
 * cell of a place at zoom z is its cell here shifted right by (MAX_LEVEL - z), so the
 * clusters of every zoom are runs of one array sorted by the cells' Morton (Z-order)
 * codes: no per-zoom tables, and a cluster's count, centre and colour come in O(1) from
 * prefix sums. */
#define MAX_LEVEL 24
/* Beyond this many cells in view (a huge or rotated window), scan the clusters instead. */
#define MAX_QUERY_CELLS 40000

#define DOT_RADIUS 6.0
#define HALO 5.0
/* A dot with a marker-symbol is larger, so that the symbol can be read. */
#define SYMBOL_DOT_RADIUS 9.0

/* A plain map's place as its simplestyle draws it (dl-place-properties.h). */
typedef struct
{
  gboolean has_color;
  GdkRGBA  color;
  char    *symbol;
  double   radius;
} Look;

typedef struct
{
  guint64 key;
  guint   index;
} KeyIndex;

typedef struct
{
  DlPointCluster cluster;
  double         widget_x;
  double         widget_y;
} Drawn;

struct _DlPointLayer
{
  ShumateLayer  parent_instance;

  guint         n;
  guint64      *keys;        /* Morton codes of the cells at MAX_LEVEL, ascending */
  DlPlace     **places;      /* owned, in the order of keys */
  double       *unit_x;      /* the positions, world at zoom 0 = 1 */
  double       *unit_y;
  double       *sum_x;       /* n + 1 prefix sums of the positions */
  double       *sum_y;
  guint16      *actor_index; /* 0: neutral, else 1 + index in actors */
  guint        *next_other;  /* the first later index with another actor */
  GPtrArray    *actors;      /* DlActor */

  GPtrArray    *selected;    /* DlPlace */
  GHashTable   *textures;    /* "actor|text|selected" → GdkTexture */
  GHashTable   *looks;       /* DlPlace → Look, read when first drawn */
  int           texture_scale;
  GArray       *drawn;       /* Drawn, in drawing order */

  /* A lone dot being dragged: its place moves when the drag ends ("place-dragged") */
  DlPlace      *drag_place;  /* the place under the press, or NULL */
  gboolean      dragging;    /* past the threshold: the dot follows the pointer */
  double        drag_x;      /* the place's position at the press, in widget pixels, */
  double        drag_y;      /* then where the dot is drawn */
  double        drag_dx;
  double        drag_dy;
};

G_DEFINE_FINAL_TYPE (DlPointLayer, dl_point_layer, SHUMATE_TYPE_LAYER)

enum {
  PLACE_ACTIVATED,
  PLACE_DRAGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint64
spread_bits (guint64 v)
{
  v &= 0xffffffff;
  v = (v | (v << 16)) & G_GUINT64_CONSTANT (0x0000ffff0000ffff);
  v = (v | (v << 8)) & G_GUINT64_CONSTANT (0x00ff00ff00ff00ff);
  v = (v | (v << 4)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  v = (v | (v << 2)) & G_GUINT64_CONSTANT (0x3333333333333333);
  v = (v | (v << 1)) & G_GUINT64_CONSTANT (0x5555555555555555);
  return v;
}

static guint64
compact_bits (guint64 v)
{
  v &= G_GUINT64_CONSTANT (0x5555555555555555);
  v = (v | (v >> 1)) & G_GUINT64_CONSTANT (0x3333333333333333);
  v = (v | (v >> 2)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  v = (v | (v >> 4)) & G_GUINT64_CONSTANT (0x00ff00ff00ff00ff);
  v = (v | (v >> 8)) & G_GUINT64_CONSTANT (0x0000ffff0000ffff);
  v = (v | (v >> 16)) & G_GUINT64_CONSTANT (0x00000000ffffffff);
  return v;
}

static guint64
morton (guint64 cx,
        guint64 cy)
{
  return spread_bits (cx) | (spread_bits (cy) << 1);
}

/* Number of cells a side at @zoom. */
static double
cells_per_side (int zoom)
{
  return dl_mercator_world_size (zoom) / DL_POINT_CELL_SIZE;
}

static void
to_unit (DlLonLat  position,
         double   *x,
         double   *y)
{
  dl_mercator_project (position.lon, position.lat, 0, x, y);
  *x = CLAMP (*x / DL_TILE_SIZE, 0.0, 1.0);
  *y = CLAMP (*y / DL_TILE_SIZE, 0.0, 1.0);
}

static gint64
cell_of (double unit,
         int    zoom)
{
  double cells = cells_per_side (zoom);

  return (gint64) CLAMP (floor (unit * cells), 0, ceil (cells) - 1);
}

/* Sorts by key, stable: least significant digit first, 16 bits a pass. */
static void
radix_sort (KeyIndex *items,
            guint     n)
{
  g_autofree KeyIndex *tmp = g_new (KeyIndex, n);
  g_autofree guint *count = g_new (guint, 65536);
  KeyIndex *src = items, *dst = tmp;

  for (int shift = 0; shift < 64; shift += 16)
    {
      guint sum = 0;

      memset (count, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        count[(src[i].key >> shift) & 0xffff]++;
      if (count[(src[0].key >> shift) & 0xffff] == n)
        continue;
      for (guint d = 0; d < 65536; d++)
        {
          guint c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
      {
        KeyIndex *t = src;

        src = dst;
        dst = t;
      }
    }
  if (src != items)
    memcpy (items, src, n * sizeof (KeyIndex));
}

static guint
lower_bound (DlPointLayer *self,
             guint64       key)
{
  guint lo = 0, hi = self->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->keys[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
look_free (gpointer data)
{
  Look *look = data;

  g_free (look->symbol);
  g_free (look);
}

/* @place's marker-color, marker-symbol and marker-size, read once: a frame draws only
 * what it finds here. */
static const Look *
look_of (DlPointLayer *self,
         DlPlace      *place)
{
  Look *look = g_hash_table_lookup (self->looks, place);
  DlPlaceStyle style;

  if (look != NULL)
    return look;
  look = g_new0 (Look, 1);
  dl_place_get_style (place, &style);
  look->has_color = style.has_marker_color;
  look->color = (GdkRGBA) { style.marker_color[0], style.marker_color[1],
                            style.marker_color[2], 1 };
  if (dl_marker_symbol_classify (style.marker_symbol) != DL_MARKER_SYMBOL_NONE)
    look->symbol = g_steal_pointer (&style.marker_symbol);
  look->radius = (look->symbol != NULL ? SYMBOL_DOT_RADIUS : DOT_RADIUS)
                 * dl_marker_size_scale (style.marker_size);
  dl_place_style_clear (&style);
  g_hash_table_insert (self->looks, place, look);
  return look;
}

static double
cluster_radius (guint n_places)
{
  if (n_places <= 1)
    return DOT_RADIUS;
  if (n_places < 10)
    return 11;
  if (n_places < 100)
    return 13;
  if (n_places < 1000)
    return 15;
  return 17;
}

static void
fill_cluster (DlPointLayer   *self,
              int             zoom,
              guint           start,
              guint           end,
              DlPointCluster *cluster)
{
  guint n = end - start;
  double ux = (self->sum_x[end] - self->sum_x[start]) / n;
  double uy = (self->sum_y[end] - self->sum_y[start]) / n;
  double size = dl_mercator_world_size (zoom);

  cluster->x = ux * size;
  cluster->y = uy * size;
  cluster->longitude = ux * 360.0 - 180.0;
  cluster->latitude = 180.0 / G_PI * atan (sinh (G_PI * (1.0 - 2.0 * uy)));
  cluster->radius = n == 1 ? look_of (self, self->places[start])->radius : cluster_radius (n);
  cluster->n_places = n;
  cluster->place = self->places[start];
  cluster->start = start;
  cluster->end = end;
  cluster->zoom = zoom;
}

/* The clusters of the cells [cx0, cx1] × [cy0, cy1] at @zoom, row by row. */
static void
query_cells (DlPointLayer *self,
             int           zoom,
             gint64        cx0,
             gint64        cy0,
             gint64        cx1,
             gint64        cy1,
             GArray       *out)
{
  int shift = 2 * (MAX_LEVEL - zoom);

  if (self->n == 0 || cx1 < cx0 || cy1 < cy0)
    return;

  if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > MAX_QUERY_CELLS)
    {
      for (guint start = 0, end; start < self->n; start = end)
        {
          guint64 cell = self->keys[start] >> shift;
          gint64 cx = (gint64) compact_bits (cell), cy = (gint64) compact_bits (cell >> 1);

          for (end = start + 1; end < self->n && (self->keys[end] >> shift) == cell; end++)
            ;
          if (cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1)
            {
              DlPointCluster cluster;

              fill_cluster (self, zoom, start, end, &cluster);
              g_array_append_val (out, cluster);
            }
        }
      return;
    }

  for (gint64 cy = cy0; cy <= cy1; cy++)
    for (gint64 cx = cx0; cx <= cx1; cx++)
      {
        guint64 cell = morton ((guint64) cx, (guint64) cy);
        guint start = lower_bound (self, cell << shift);
        DlPointCluster cluster;
        guint end;

        if (start >= self->n || (self->keys[start] >> shift) != cell)
          continue;
        end = lower_bound (self, (cell + 1) << shift);
        fill_cluster (self, zoom, start, end, &cluster);
        g_array_append_val (out, cluster);
      }
}

/* The clusters at @zoom that can show in the widget now. */
static GArray *
query_visible (DlPointLayer *self,
               int           zoom)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DlPointCluster));
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  const double corners[4][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };

  if (self->n == 0 || width <= 0 || height <= 0)
    return out;

  /* The box around the four corners covers the view at any rotation. */
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      DlLonLat position;
      double ux, uy;

      shumate_viewport_widget_coords_to_location (viewport, widget,
                                                  corners[i][0] * width,
                                                  corners[i][1] * height,
                                                  &position.lat, &position.lon);
      to_unit (position, &ux, &uy);
      x0 = MIN (x0, ux);
      y0 = MIN (y0, uy);
      x1 = MAX (x1, ux);
      y1 = MAX (y1, uy);
    }

  /* One cell more on each side: a cluster's centre may lie outside the view while its
   * disc shows. */
  query_cells (self, zoom, cell_of (x0, zoom) - 1, cell_of (y0, zoom) - 1,
               cell_of (x1, zoom) + 1, cell_of (y1, zoom) + 1, out);
  return out;
}

static void
get_color (DlPointLayer *self,
           guint         actor_index,
           GdkRGBA      *color)
{
  *color = (GdkRGBA) { 0.38f, 0.38f, 0.42f, 1 };
  if (actor_index > 0)
    {
      double r, g, b;

      dl_actor_get_rgb (self->actors->pdata[actor_index - 1], &r, &g, &b);
      *color = (GdkRGBA) { r, g, b, 1 };
    }
}

static char *
format_count (guint n)
{
  if (n < 1000)
    return g_strdup_printf ("%u", n);
  if (n < 10000)
    /* TRANSLATORS: a rounded number of thousands on a map cluster, e.g. "2.4k" */
    return g_strdup_printf (_("%.1fk"), floor (n / 100.0) / 10.0);
  if (n < 1000000)
    /* TRANSLATORS: a rounded number of thousands on a map cluster, e.g. "24k" */
    return g_strdup_printf (_("%uk"), n / 1000);
  /* TRANSLATORS: a rounded number of millions on a map cluster, e.g. "1.2M" */
  return g_strdup_printf (_("%.1fM"), floor (n / 100000.0) / 10.0);
}

/* A disc in @color with a white rim and a dark hairline, the count in it for a cluster,
 * a halo when selected; @radius plus HALO pixels each side. */
static GdkTexture *
render_texture (DlPointLayer  *self,
                const GdkRGBA *color,
                guint          n_places,
                double         radius,
                const char    *symbol,
                gboolean       selected,
                gboolean       hollow,
                int            scale)
{
  int logical = (int) ceil (2 * (radius + HALO));
  int size = logical * scale;
  double c = logical / 2.0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  double rim = selected ? 3.0 : 1.5;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_scale (cr, scale, scale);
  if (selected)
    {
      cairo_arc (cr, c, c, radius + HALO - 0.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.35);
      cairo_fill (cr);
    }
  cairo_arc (cr, c, c, radius + 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_fill (cr);
  cairo_arc (cr, c, c, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, c, c, radius - rim, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
  cairo_fill (cr);
  /* a draft's suggested place is a ring around a white centre */
  if (hollow)
    {
      cairo_arc (cr, c, c, MAX (radius - rim - 2.5, 1.0), 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
  else if (symbol != NULL)
    dl_symbol_draw (cr, symbol, c, c, 2 * (radius - rim),
                    (const double[3]) { color->red, color->green, color->blue });

  if (n_places > 1)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
      g_autofree char *text = format_count (n_places);
      gboolean light = 0.299 * color->red + 0.587 * color->green + 0.114 * color->blue > 0.6;
      int tw, th;

      pango_font_description_set_absolute_size (font, (n_places < 1000 ? 11 : 10) * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, c - tw / 2.0, c - th / 2.0);
      if (light)
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * size);
  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian machines:
   * GDK_MEMORY_DEFAULT there. */
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static GdkTexture *
get_texture (DlPointLayer         *self,
             const DlPointCluster *cluster,
             gboolean              selected,
             int                   scale)
{
  guint actor = 0;
  g_autofree char *count = NULL;
  g_autofree char *key = NULL;
  GdkTexture *texture;
  gboolean hollow = cluster->n_places == 1 &&
                    dl_place_get_suggested (self->places[cluster->start]);
  /* a lone place of a plain map in its own colour, with its symbol */
  const Look *look = cluster->n_places == 1 ? look_of (self, self->places[cluster->start])
                                            : NULL;
  GdkRGBA color;
  g_autofree char *rgb = NULL;

  if (self->next_other[cluster->start] >= cluster->end)
    actor = self->actor_index[cluster->start];
  get_color (self, actor, &color);
  if (actor == 0 && look != NULL && look->has_color)
    color = look->color;
  rgb = gdk_rgba_to_string (&color);
  count = cluster->n_places > 1 ? format_count (cluster->n_places) : g_strdup ("");
  key = g_strdup_printf ("%s|%s|%d|%g|%d|%s", rgb, count, selected, cluster->radius, hollow,
                         look != NULL && look->symbol != NULL ? look->symbol : "");
  texture = g_hash_table_lookup (self->textures, key);
  if (texture == NULL)
    {
      if (g_hash_table_size (self->textures) > 2000)
        g_hash_table_remove_all (self->textures);
      texture = render_texture (self, &color, cluster->n_places, cluster->radius,
                                look != NULL && !hollow ? look->symbol : NULL, selected,
                                hollow, scale);
      g_hash_table_insert (self->textures, g_steal_pointer (&key), texture);
    }
  return texture;
}

static void
update_accessible_label (DlPointLayer *self)
{
  g_autofree char *count = g_strdup_printf ("%'u", self->n);
  g_autofree char *label =
    /* TRANSLATORS: the map's dots when there are too many places for one button each; %s
     * is their number */
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                  "%s place; zoom in to see it",
                                  "%s places; zoom in to see them one by one", self->n),
                     count);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

static void
viewport_changed_cb (ShumateViewport *viewport,
                     GParamSpec      *pspec,
                     DlPointLayer    *self)
{
  if (self->n > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Brings the members of @cluster into view, or activates its first place when they
 * cannot be told apart at any zoom. */
static void
zoom_to_cluster (DlPointLayer         *self,
                 const DlPointCluster *cluster)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2.0 * DL_POINT_CELL_SIZE, 1);
  double height = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 2.0 * DL_POINT_CELL_SIZE, 1);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double max_zoom = shumate_viewport_get_max_zoom_level (viewport);
  double target, lon, lat;

  for (guint i = cluster->start; i < cluster->end; i++)
    {
      double x = self->sum_x[i + 1] - self->sum_x[i];
      double y = self->sum_y[i + 1] - self->sum_y[i];

      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  target = log2 (MIN (width / MAX (x1 - x0, 1e-12), height / MAX (y1 - y0, 1e-12))
                 / DL_TILE_SIZE);
  /* At least one zoom in, so that the cluster splits. */
  target = CLAMP (MAX (target, floor (zoom + 0.5) + 1), 0, max_zoom);

  if (target < zoom + 0.25 || !SHUMATE_IS_MAP (parent))
    {
      g_signal_emit (self, signals[PLACE_ACTIVATED], 0, cluster->place);
      return;
    }
  lon = (x0 + x1) / 2 * 360.0 - 180.0;
  lat = 180.0 / G_PI * atan (sinh (G_PI * (1.0 - (y0 + y1))));
  shumate_map_go_to_full (SHUMATE_MAP (parent), lat, lon, target);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DlPointLayer    *self)
{
  DlPointCluster cluster;

  if (!dl_point_layer_pick (self, x, y, &cluster))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (cluster.n_places == 1)
    g_signal_emit (self, signals[PLACE_ACTIVATED], 0, cluster.place);
  else
    zoom_to_cluster (self, &cluster);
}

/* Pressing on a lone dot and dragging moves it with the pointer; a press on a cluster or
 * off the dots leaves the drag to the map (it pans). */
static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DlPointLayer   *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  DlPointCluster cluster;
  DlLonLat anchor;

  g_clear_object (&self->drag_place);
  self->dragging = FALSE;
  if (!dl_point_layer_pick (self, x, y, &cluster) || cluster.n_places != 1)
    return;
  self->drag_place = g_object_ref (cluster.place);
  anchor = dl_place_get_anchor (cluster.place);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), anchor.lat,
                                              anchor.lon, &self->drag_x, &self->drag_y);
  self->drag_dx = self->drag_dy = 0;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DlPointLayer   *self)
{
  if (self->drag_place == NULL)
    return;
  if (!self->dragging)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) dx, (int) dy))
        return;
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DlPointLayer   *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_autoptr(DlPlace) place = g_steal_pointer (&self->drag_place);
  gboolean dragged = self->dragging;
  double lat, lon;

  self->dragging = FALSE;
  if (place == NULL || !dragged)
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self),
                                              self->drag_x + dx, self->drag_y + dy,
                                              &lat, &lon);
  g_signal_emit (self, signals[PLACE_DRAGGED], 0, place, lat, lon);
}

static gboolean
query_tooltip_cb (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  DlPointLayer *self)
{
  DlPointCluster cluster;
  g_autofree char *text = NULL;

  if (keyboard || !dl_point_layer_pick (self, x, y, &cluster))
    return FALSE;
  if (cluster.n_places == 1)
    {
      /* Set as text: a name from a file is never markup. */
      gtk_tooltip_set_text (tooltip, dl_place_get_name (cluster.place));
      return TRUE;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place: click to zoom in",
                                       "%u places: click to zoom in", cluster.n_places),
                          cluster.n_places);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
clear_places (DlPointLayer *self)
{
  /* the story may be gone already: the layer's references can be the last of a million
   * places, which are freed in a worker then */
  dl_objects_unref_in_thread ((gpointer *) g_steal_pointer (&self->places), self->n);
  g_clear_pointer (&self->keys, g_free);
  g_clear_pointer (&self->unit_x, g_free);
  g_clear_pointer (&self->unit_y, g_free);
  g_clear_pointer (&self->sum_x, g_free);
  g_clear_pointer (&self->sum_y, g_free);
  g_clear_pointer (&self->actor_index, g_free);
  g_clear_pointer (&self->next_other, g_free);
  g_ptr_array_set_size (self->actors, 0);
  g_array_set_size (self->drawn, 0);
  if (self->looks != NULL)
    g_hash_table_remove_all (self->looks);
  self->n = 0;
}

/* The prefix sums and runs of one actor, from the places in key order. */
static void
finish_places (DlPointLayer *self)
{
  guint n = self->n;

  self->sum_x[0] = self->sum_y[0] = 0;
  for (guint i = 0; i < n; i++)
    {
      self->sum_x[i + 1] = self->sum_x[i] + self->unit_x[i];
      self->sum_y[i + 1] = self->sum_y[i] + self->unit_y[i];
    }
  for (guint i = n; i-- > 0;)
    self->next_other[i] = i + 1 < n && self->actor_index[i + 1] == self->actor_index[i]
                          ? self->next_other[i + 1] : i + 1;

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* 1 + the index of @actor in the layer's colours (added if new), or 0 for neutral. */
static guint16
actor_index_of (DlPointLayer *self,
                DlActor      *actor)
{
  guint index;

  if (actor == NULL)
    return 0;
  if (g_ptr_array_find (self->actors, actor, &index))
    return (guint16) (index + 1);
  /* More actors than colours can tell apart are shown neutral. */
  if (self->actors->len >= G_MAXUINT16 - 1)
    return 0;
  g_ptr_array_add (self->actors, g_object_ref (actor));
  return (guint16) self->actors->len;
}

static gboolean
dl_point_layer_contains (GtkWidget *widget,
                         double     x,
                         double     y)
{
  /* Only the dots take the pointer: a drag anywhere else pans the map below. */
  return dl_point_layer_pick (DL_POINT_LAYER (widget), x, y, NULL);
}

static void
dl_point_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DlPointLayer *self = DL_POINT_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int scale = gtk_widget_get_scale_factor (widget);
  int zoom = dl_point_layer_get_cluster_zoom (self);
  g_autoptr(GArray) clusters = NULL;
  g_autoptr(GHashTable) selected_cells = NULL;
  int shift = 2 * (MAX_LEVEL - zoom);

  g_array_set_size (self->drawn, 0);
  if (self->n == 0)
    return;

  if (scale != self->texture_scale)
    {
      g_hash_table_remove_all (self->textures);
      self->texture_scale = scale;
    }

  /* The cells holding a selected place, at this zoom. */
  if (self->selected->len > 0)
    {
      selected_cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < self->selected->len; i++)
        {
          DlLonLat anchor = dl_place_get_anchor (self->selected->pdata[i]);
          gint64 *cell = g_new (gint64, 1);
          double ux, uy;

          to_unit (anchor, &ux, &uy);
          *cell = (gint64) morton ((guint64) cell_of (ux, MAX_LEVEL),
                                   (guint64) cell_of (uy, MAX_LEVEL)) >> shift;
          g_hash_table_add (selected_cells, cell);
        }
    }

  clusters = query_visible (self, zoom);
  /* Selected ones last, on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < clusters->len; i++)
      {
        const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);
        gint64 cell = (gint64) (self->keys[cluster->start] >> shift);
        gboolean selected = selected_cells != NULL
                            && g_hash_table_contains (selected_cells, &cell);
        GdkTexture *texture;
        Drawn drawn;
        double half;

        if (selected != (pass == 1))
          continue;
        shumate_viewport_location_to_widget_coords (viewport, widget, cluster->latitude,
                                                    cluster->longitude, &drawn.widget_x,
                                                    &drawn.widget_y);
        if (self->dragging && cluster->n_places == 1 && cluster->place == self->drag_place)
          {
            drawn.widget_x = self->drag_x + self->drag_dx;
            drawn.widget_y = self->drag_y + self->drag_dy;
          }
        half = ceil (2 * (cluster->radius + HALO)) / 2.0;
        if (drawn.widget_x + half < 0 || drawn.widget_y + half < 0
            || drawn.widget_x - half > gtk_widget_get_width (widget)
            || drawn.widget_y - half > gtk_widget_get_height (widget))
          continue;
        /* Whole pixels, so that the textures stay sharp. */
        drawn.widget_x = round (drawn.widget_x);
        drawn.widget_y = round (drawn.widget_y);
        drawn.cluster = *cluster;
        g_array_append_val (self->drawn, drawn);

        texture = get_texture (self, cluster, selected, scale);
        gtk_snapshot_append_texture (snapshot, texture,
                                     &GRAPHENE_RECT_INIT (drawn.widget_x - half,
                                                          drawn.widget_y - half,
                                                          2 * half, 2 * half));
      }
}

static void
dl_point_layer_constructed (GObject *object)
{
  DlPointLayer *self = DL_POINT_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (dl_point_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self, 0);
}

static void
dl_point_layer_dispose (GObject *object)
{
  DlPointLayer *self = DL_POINT_LAYER (object);

  if (self->actors != NULL)
    clear_places (self);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->selected, g_ptr_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->looks, g_hash_table_unref);
  g_clear_pointer (&self->drawn, g_array_unref);
  g_clear_object (&self->drag_place);

  G_OBJECT_CLASS (dl_point_layer_parent_class)->dispose (object);
}

static void
dl_point_layer_class_init (DlPointLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dl_point_layer_constructed;
  object_class->dispose = dl_point_layer_dispose;
  widget_class->contains = dl_point_layer_contains;
  widget_class->snapshot = dl_point_layer_snapshot;

  signals[PLACE_ACTIVATED] =
    g_signal_new ("place-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DL_TYPE_PLACE);
  /* A lone dot was dragged to latitude, longitude: its place is to move there. */
  signals[PLACE_DRAGGED] =
    g_signal_new ("place-dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, DL_TYPE_PLACE, G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dl_point_layer_init (DlPointLayer *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag;

  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->selected = g_ptr_array_new_with_free_func (g_object_unref);
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->looks = g_hash_table_new_full (NULL, NULL, NULL, look_free);
  self->drawn = g_array_new (FALSE, FALSE, sizeof (Drawn));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, 0);
  update_accessible_label (self);
}

DlPointLayer *
dl_point_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (DL_TYPE_POINT_LAYER, "viewport", viewport, NULL);
}

void
dl_point_layer_set_places (DlPointLayer *self,
                           GArray       *summaries)
{
  g_autofree KeyIndex *items = NULL;
  g_autofree double *unit = NULL;
  g_autoptr(GHashTable) actor_indices = g_hash_table_new (NULL, NULL);
  guint n;

  g_return_if_fail (DL_IS_POINT_LAYER (self));
  g_return_if_fail (summaries != NULL);

  clear_places (self);
  n = summaries->len;
  /* The textures are named by what they show (colour, count, size, symbol): a filter that
   * shows other places keeps them, and the next frame draws them again without making
   * them. A story closed lets them go. */
  if (n == 0)
    g_hash_table_remove_all (self->textures);

  items = g_new (KeyIndex, MAX (n, 1));
  /* each place's position is read once: a million anchors are a tenth of a second */
  unit = g_new (double, 2 * MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const DlPlaceSummary *summary = &g_array_index (summaries, DlPlaceSummary, i);

      to_unit (dl_place_get_anchor (summary->place), &unit[2 * i], &unit[2 * i + 1]);
      items[i].key = morton ((guint64) cell_of (unit[2 * i], MAX_LEVEL),
                             (guint64) cell_of (unit[2 * i + 1], MAX_LEVEL));
      items[i].index = i;
    }
  if (n > 0)
    radix_sort (items, n);

  self->n = n;
  self->keys = g_new (guint64, MAX (n, 1));
  self->places = g_new (DlPlace *, MAX (n, 1));
  self->unit_x = g_new (double, MAX (n, 1));
  self->unit_y = g_new (double, MAX (n, 1));
  self->sum_x = g_new (double, n + 1);
  self->sum_y = g_new (double, n + 1);
  self->actor_index = g_new (guint16, MAX (n, 1));
  self->next_other = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const DlPlaceSummary *summary = &g_array_index (summaries, DlPlaceSummary,
                                                      items[i].index);
      guint actor = 0;

      self->unit_x[i] = unit[2 * items[i].index];
      self->unit_y[i] = unit[2 * items[i].index + 1];
      self->keys[i] = items[i].key;
      self->places[i] = g_object_ref (summary->place);
      if (summary->actor != NULL)
        {
          actor = GPOINTER_TO_UINT (g_hash_table_lookup (actor_indices, summary->actor));
          /* More actors than colours can tell apart are shown neutral. */
          if (actor == 0 && self->actors->len < G_MAXUINT16 - 1)
            {
              g_ptr_array_add (self->actors, g_object_ref (summary->actor));
              actor = self->actors->len;
              g_hash_table_insert (actor_indices, summary->actor, GUINT_TO_POINTER (actor));
            }
        }
      self->actor_index[i] = (guint16) actor;
    }
  finish_places (self);
}

void
dl_point_layer_update_places (DlPointLayer *self,
                              GArray       *summaries,
                              GPtrArray    *hidden)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  g_autofree KeyIndex *items = NULL;
  guint64 *keys;
  DlPlace **places;
  guint16 *actor_index;
  double *unit_x, *unit_y;
  guint m, n = 0, j = 0;

  g_return_if_fail (DL_IS_POINT_LAYER (self));
  g_return_if_fail (summaries != NULL);

  m = summaries->len;
  for (guint i = 0; i < m; i++)
    g_hash_table_add (changed, g_array_index (summaries, DlPlaceSummary, i).place);
  for (guint i = 0; hidden != NULL && i < hidden->len; i++)
    g_hash_table_add (changed, hidden->pdata[i]);
  /* their style is read again when next drawn */
  {
    GHashTableIter iter;
    gpointer place;

    g_hash_table_iter_init (&iter, changed);
    while (g_hash_table_iter_next (&iter, &place, NULL))
      g_hash_table_remove (self->looks, place);
  }

  items = g_new (KeyIndex, MAX (m, 1));
  for (guint i = 0; i < m; i++)
    {
      double ux, uy;

      to_unit (dl_place_get_anchor (g_array_index (summaries, DlPlaceSummary, i).place),
               &ux, &uy);
      items[i].key = morton ((guint64) cell_of (ux, MAX_LEVEL), (guint64) cell_of (uy, MAX_LEVEL));
      items[i].index = i;
    }
  if (m > 0)
    radix_sort (items, m);

  /* One merge of the kept places (in key order already) with the changed ones: the cost
   * of a copy, not of a sort of every place. */
  keys = g_new (guint64, MAX (self->n + m, 1));
  places = g_new (DlPlace *, MAX (self->n + m, 1));
  actor_index = g_new (guint16, MAX (self->n + m, 1));
  unit_x = g_new (double, MAX (self->n + m, 1));
  unit_y = g_new (double, MAX (self->n + m, 1));
  for (guint i = 0; i <= self->n; i++)
    {
      while (j < m && (i == self->n || items[j].key < self->keys[i]))
        {
          const DlPlaceSummary *summary = &g_array_index (summaries, DlPlaceSummary,
                                                          items[j++].index);

          keys[n] = items[j - 1].key;
          to_unit (dl_place_get_anchor (summary->place), &unit_x[n], &unit_y[n]);
          places[n] = g_object_ref (summary->place);
          actor_index[n++] = actor_index_of (self, summary->actor);
        }
      if (i == self->n)
        break;
      if (g_hash_table_contains (changed, self->places[i]))
        {
          g_object_unref (self->places[i]);
          continue;
        }
      keys[n] = self->keys[i];
      unit_x[n] = self->unit_x[i];
      unit_y[n] = self->unit_y[i];
      places[n] = self->places[i];
      actor_index[n++] = self->actor_index[i];
    }

  g_free (self->keys);
  g_free (self->places);
  g_free (self->actor_index);
  g_free (self->unit_x);
  g_free (self->unit_y);
  self->unit_x = unit_x;
  self->unit_y = unit_y;
  self->keys = keys;
  self->places = places;
  self->actor_index = actor_index;
  self->n = n;
  self->sum_x = g_renew (double, self->sum_x, n + 1);
  self->sum_y = g_renew (double, self->sum_y, n + 1);
  self->next_other = g_renew (guint, self->next_other, MAX (n, 1));
  g_array_set_size (self->drawn, 0);
  finish_places (self);
}

guint
dl_point_layer_get_n_places (DlPointLayer *self)
{
  g_return_val_if_fail (DL_IS_POINT_LAYER (self), 0);

  return self->n;
}

void
dl_point_layer_set_selected (DlPointLayer *self,
                             GPtrArray    *places)
{
  g_return_if_fail (DL_IS_POINT_LAYER (self));

  if ((places == NULL || places->len == 0) && self->selected->len == 0)
    return;
  g_ptr_array_set_size (self->selected, 0);
  for (guint i = 0; places != NULL && i < places->len; i++)
    g_ptr_array_add (self->selected, g_object_ref (places->pdata[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
dl_point_layer_get_cluster_zoom (DlPointLayer *self)
{
  ShumateViewport *viewport;

  g_return_val_if_fail (DL_IS_POINT_LAYER (self), 0);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  return CLAMP ((int) round (shumate_viewport_get_zoom_level (viewport)), 0, MAX_LEVEL);
}

GArray *
dl_point_layer_list_clusters (DlPointLayer *self,
                              int           zoom,
                              gboolean      visible_only)
{
  g_return_val_if_fail (DL_IS_POINT_LAYER (self), NULL);

  zoom = CLAMP (zoom, 0, MAX_LEVEL);
  if (visible_only)
    return query_visible (self, zoom);
  else
    {
      GArray *out = g_array_new (FALSE, FALSE, sizeof (DlPointCluster));
      gint64 last = (gint64) ceil (cells_per_side (zoom));

      query_cells (self, zoom, 0, 0, last, last, out);
      return out;
    }
}

DlActor *
dl_point_layer_get_cluster_actor (DlPointLayer         *self,
                                  const DlPointCluster *cluster)
{
  guint actor;

  g_return_val_if_fail (DL_IS_POINT_LAYER (self), NULL);
  g_return_val_if_fail (cluster != NULL && cluster->start < cluster->end, NULL);
  g_return_val_if_fail (cluster->end <= self->n, NULL);

  /* as get_texture () colours it */
  if (self->next_other[cluster->start] < cluster->end)
    return NULL;
  actor = self->actor_index[cluster->start];
  return actor > 0 ? self->actors->pdata[actor - 1] : NULL;
}

GPtrArray *
dl_point_layer_list_members (DlPointLayer         *self,
                             const DlPointCluster *cluster)
{
  GPtrArray *members = g_ptr_array_new ();

  g_return_val_if_fail (DL_IS_POINT_LAYER (self), members);
  g_return_val_if_fail (cluster != NULL && cluster->end <= self->n, members);

  for (guint i = cluster->start; i < cluster->end; i++)
    g_ptr_array_add (members, self->places[i]);
  return members;
}

gboolean
dl_point_layer_pick (DlPointLayer   *self,
                     double          x,
                     double          y,
                     DlPointCluster *cluster)
{
  g_return_val_if_fail (DL_IS_POINT_LAYER (self), FALSE);

  for (guint i = self->drawn->len; i-- > 0;)
    {
      const Drawn *drawn = &g_array_index (self->drawn, Drawn, i);
      double reach = drawn->cluster.radius + 2;

      if (hypot (x - drawn->widget_x, y - drawn->widget_y) <= reach)
        {
          if (cluster != NULL)
            *cluster = drawn->cluster;
          return TRUE;
        }
    }
  return FALSE;
}
