/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-basemap"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-basemap-format.h"
#include "dl-mercator.h"
#include "dl-resources.h"

#include "dl-basemap.h"

struct _DlBasemap
{
  GBytes                    *bytes;
  const DlBasemapFileHeader *header;
  const DlBasemapFileBand   *bands;
  const DlBasemapFileRing   *rings;
  const DlBasemapFileChunk  *chunks;
  const guint8              *steps;
  const DlBasemapFileLabel  *labels;
  const char                *strings;
};

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb sea;
  Rgb land;
  Rgb border;
  Rgb disputed;
  Rgb disputed_border;
} Palette;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Calm, low-contrast tones, so that the story's coloured markers stand out. */
static const Palette palettes[] = {
  [DL_BASEMAP_LIGHT] = {
    .sea = RGB (0xd5e2ea),
    .land = RGB (0xf5f2ec),
    .border = RGB (0xaea3b6),
    .disputed = RGB (0xd9cfc2),
    .disputed_border = RGB (0x8f8499),
  },
  [DL_BASEMAP_DARK] = {
    .sea = RGB (0x1a252e),
    .land = RGB (0x2d3135),
    .border = RGB (0x676073),
    .disputed = RGB (0x4a4540),
    .disputed_border = RGB (0x8a8196),
  },
};

/* Bound on decoded coordinates, far outside the world. */
#define STEP_LIMIT ((gint64) 1 << 40)

/* Cairo keeps coordinates in 24.8 fixed point, and its default rasteriser goes wrong on
 * paths some 2^17 pixels high. So the path is clamped to the view widened by GUARD on
 * every side, which keeps the fill of everything inside that box exact (a point outside
 * moves straight towards the box, never across it). Within NEAR pixels of the view,
 * long edges are cut into pieces of at most PIECE_LENGTH as well. */
#define GUARD 16384.0
#define NEAR 4096.0
#define PIECE_LENGTH 4096.0

/* Loading ----------------------------------------------------------------------------- */

static gboolean
section_ok (gsize    file_size,
            guint32  offset,
            guint32  count,
            gsize    element_size)
{
  return offset % 4 == 0 && offset <= file_size &&
         (guint64) count * element_size <= file_size - offset;
}

static gboolean
validate (DlBasemap  *self,
          gsize       size,
          GError    **error)
{
  const DlBasemapFileHeader *h = self->header;
  float previous_zoom = -1.0f;

#define FAIL(msg) \
  G_STMT_START { \
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, \
                         "Corrupt base map: " msg); \
    return FALSE; \
  } G_STMT_END

  if (h->version != DL_BASEMAP_VERSION)
    FAIL ("unknown version");
  if (h->byte_order != DL_BASEMAP_BYTE_ORDER)
    FAIL ("wrong byte order");
  if (h->size != size)
    FAIL ("wrong size");
  if (!section_ok (size, h->bands_offset, h->n_bands, sizeof (DlBasemapFileBand)) ||
      !section_ok (size, h->rings_offset, h->n_rings, sizeof (DlBasemapFileRing)) ||
      !section_ok (size, h->chunks_offset, h->n_chunks, sizeof (DlBasemapFileChunk)) ||
      !section_ok (size, h->steps_offset, h->steps_size, 1) ||
      !section_ok (size, h->labels_offset, h->n_labels, sizeof (DlBasemapFileLabel)) ||
      h->strings_offset > size || h->strings_size > size - h->strings_offset)
    FAIL ("section out of bounds");
  if (h->n_bands == 0)
    FAIL ("no zoom bands");

  self->bands = (const void *) ((const guint8 *) h + h->bands_offset);
  self->rings = (const void *) ((const guint8 *) h + h->rings_offset);
  self->chunks = (const void *) ((const guint8 *) h + h->chunks_offset);
  self->steps = (const guint8 *) h + h->steps_offset;
  self->labels = (const void *) ((const guint8 *) h + h->labels_offset);
  self->strings = (const char *) h + h->strings_offset;

  if (h->strings_size == 0 || self->strings[h->strings_size - 1] != '\0')
    FAIL ("unterminated strings");
  for (const char *s = self->strings; s < self->strings + h->strings_size; s += strlen (s) + 1)
    if (!g_utf8_validate (s, -1, NULL))
      FAIL ("invalid UTF-8 in strings");
  if (h->attribution >= h->strings_size)
    FAIL ("attribution out of bounds");

  for (guint i = 0; i < h->n_bands; i++)
    {
      const DlBasemapFileBand *band = &self->bands[i];

      if (!isfinite (band->min_zoom) || band->min_zoom <= previous_zoom)
        FAIL ("zoom bands out of order");
      if (band->shift > 24)
        FAIL ("bad band step");
      previous_zoom = band->min_zoom;
      for (guint l = 0; l < DL_BASEMAP_N_LAYERS; l++)
        if ((guint64) band->first_ring[l] + band->n_rings[l] > h->n_rings)
          FAIL ("band rings out of bounds");
    }
  for (guint i = 0; i < h->n_rings; i++)
    {
      const DlBasemapFileRing *ring = &self->rings[i];

      if ((guint64) ring->first_chunk + ring->n_chunks > h->n_chunks || ring->n_chunks == 0)
        FAIL ("ring chunks out of bounds");
    }
  for (guint i = 0; i < h->n_chunks; i++)
    {
      const DlBasemapFileChunk *chunk = &self->chunks[i];

      /* A step takes two bytes at least. */
      if (chunk->first_byte > h->steps_size || chunk->n_steps == 0 ||
          chunk->n_steps > (h->steps_size - chunk->first_byte) / 2)
        FAIL ("chunk steps out of bounds");
    }
  for (guint i = 0; i < h->n_labels; i++)
    {
      const DlBasemapFileLabel *label = &self->labels[i];

      if (label->name >= h->strings_size || label->kind > DL_BASEMAP_LABEL_CITY ||
          !isfinite (label->importance) || !isfinite (label->min_zoom))
        FAIL ("bad label");
    }
#undef FAIL
  return TRUE;
}

/**
 * dl_basemap_new_from_bytes:
 * @bytes: the output of tools/dl-basemap-compile
 * @error: return location for an error
 *
 * Uses @bytes in place (it is referenced, not copied) unless its data is not aligned
 * for 4-byte reads. Every offset and count is checked, so corrupt bytes give an error.
 *
 * Returns: (transfer full) (nullable): the base map
 */
DlBasemap *
dl_basemap_new_from_bytes (GBytes  *bytes,
                           GError **error)
{
  g_autoptr(DlBasemap) self = NULL;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (DlBasemap, 1);
  data = g_bytes_get_data (bytes, &size);
  if (GPOINTER_TO_SIZE (data) % 8 != 0)
    self->bytes = g_bytes_new (data, size);
  else
    self->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (self->bytes, &size);

  if (size < sizeof (DlBasemapFileHeader) ||
      memcmp (data, DL_BASEMAP_MAGIC, 4) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a Dateline base map");
      return NULL;
    }
  self->header = data;
  if (!validate (self, size, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
dl_basemap_free (DlBasemap *self)
{
  if (self == NULL)
    return;
  g_bytes_unref (self->bytes);
  g_free (self);
}

/**
 * dl_basemap_get_default:
 *
 * The base map compiled into the application's GResource, loaded on first use.
 *
 * Returns: (transfer none) (nullable): the shared base map, never freed; %NULL (after a
 *   critical warning) only when the build embedded no valid base map
 */
DlBasemap *
dl_basemap_get_default (void)
{
  static DlBasemap *basemap;
  static gsize loaded_once;

  if (g_once_init_enter (&loaded_once))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dl_resources_lookup ("basemap/world.bin", &error);
      DlBasemap *loaded = NULL;

      if (bytes != NULL)
        loaded = dl_basemap_new_from_bytes (bytes, &error);
      /* A broken build: say so, and let the application run without a map. */
      if (loaded == NULL)
        g_critical ("The embedded base map cannot be loaded: %s", error->message);
      basemap = loaded;
      g_once_init_leave (&loaded_once, 1);
    }
  return basemap;
}

/* Drawing ----------------------------------------------------------------------------- */

typedef struct
{
  const DlBasemap *map;
  cairo_t         *cr;
  double           scale;      /* user units per world unit */
  double           origin_x;   /* view's top-left, user units */
  double           origin_y;
  gint64           vx0, vy0, vx1, vy1; /* view in world units, with a margin */
  double           width;      /* of the view, user units */
  double           height;
  guint            shift;
  double           min_step;   /* points closer than this to the last one are skipped */
} DrawContext;

static inline gboolean
box_visible (const DrawContext *ctx,
             gint32             x0,
             gint32             y0,
             gint32             x1,
             gint32             y1)
{
  return x1 >= ctx->vx0 && x0 <= ctx->vx1 && y1 >= ctx->vy0 && y0 <= ctx->vy1;
}

static inline double
user_x (const DrawContext *ctx,
        gint64             x)
{
  return (double) x * ctx->scale - ctx->origin_x;
}

static inline double
user_y (const DrawContext *ctx,
        gint64             y)
{
  return (double) y * ctx->scale - ctx->origin_y;
}

/* The current point, before clamping; the guard box and the box near the view. */
typedef struct
{
  double x;
  double y;
  double guard_x0, guard_y0, guard_x1, guard_y1;
  double near_x0, near_y0, near_x1, near_y1;
} Pen;

#define CLAMP_X(pen, v) CLAMP ((v), (pen)->guard_x0, (pen)->guard_x1)
#define CLAMP_Y(pen, v) CLAMP ((v), (pen)->guard_y0, (pen)->guard_y1)

static inline void
pen_move_to (cairo_t *cr,
             Pen     *pen,
             double   x,
             double   y)
{
  cairo_move_to (cr, CLAMP_X (pen, x), CLAMP_Y (pen, y));
  pen->x = x;
  pen->y = y;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* An edge from the current point (x0, y0) to (x1, y1), both inside the guard square: in
 * short pieces where it runs near the view. */
static void
line_near_view (cairo_t   *cr,
                const Pen *pen,
                double     x0,
                double     y0,
                double     x1,
                double     y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double t0 = 0.0, t1 = 1.0;
  const double p[4] = { -dx, dx, -dy, dy };
  const double q[4] = { x0 - pen->near_x0, pen->near_x1 - x0, y0 - pen->near_y0, pen->near_y1 - y0 };
  double length;
  int n;

  /* Liang–Barsky: the part of the edge inside the near box. */
  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            t0 = 1.0, t1 = 0.0;
          continue;
        }
      if (p[i] < 0.0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
    }
  if (t0 >= t1)
    {
      cairo_line_to (cr, x1, y1);
      return;
    }
  if (t0 > 0.0)
    cairo_line_to (cr, x0 + dx * t0, y0 + dy * t0);
  length = (t1 - t0) * MAX (fabs (dx), fabs (dy));
  n = (int) MIN (ceil (length / PIECE_LENGTH), 1024.0);
  for (int i = 1; i < n; i++)
    {
      double t = t0 + (t1 - t0) * i / n;

      cairo_line_to (cr, x0 + dx * t, y0 + dy * t);
    }
  if (t1 < 1.0)
    cairo_line_to (cr, x0 + dx * t1, y0 + dy * t1);
  cairo_line_to (cr, x1, y1);
}

static void
pen_line_to_slow (cairo_t *cr,
                  Pen     *pen,
                  double   x,
                  double   y)
{
  double dx = x - pen->x, dy = y - pen->y;
  double ts[6] = { 0.0, 1.0 };
  guint n = 2;
  double px = CLAMP_X (pen, pen->x), py = CLAMP_Y (pen, pen->y);
  const double limits_x[2] = { pen->guard_x0, pen->guard_x1 };
  const double limits_y[2] = { pen->guard_y0, pen->guard_y1 };

  /* Clamping is affine between the crossings of the guard box's lines. */
  for (guint i = 0; i < 2; i++)
    {
      if (dx != 0.0)
        {
          double t = (limits_x[i] - pen->x) / dx;

          if (t > 0.0 && t < 1.0)
            ts[n++] = t;
        }
      if (dy != 0.0)
        {
          double t = (limits_y[i] - pen->y) / dy;

          if (t > 0.0 && t < 1.0)
            ts[n++] = t;
        }
    }
  qsort (ts, n, sizeof (double), compare_doubles);
  for (guint i = 1; i < n; i++)
    {
      double qx = CLAMP_X (pen, pen->x + dx * ts[i]);
      double qy = CLAMP_Y (pen, pen->y + dy * ts[i]);

      if (i + 1 == n)
        {
          qx = CLAMP_X (pen, x);
          qy = CLAMP_Y (pen, y);
        }
      line_near_view (cr, pen, px, py, qx, qy);
      px = qx;
      py = qy;
    }
}

static inline void
pen_line_to (cairo_t *cr,
             Pen     *pen,
             double   x,
             double   y)
{
  /* Short edges are the rule, long ones come from the coarse bands and from hidden
   * chunks. */
  if (G_LIKELY (fabs (x - pen->x) <= PIECE_LENGTH && fabs (y - pen->y) <= PIECE_LENGTH &&
                x >= pen->guard_x0 && x <= pen->guard_x1 &&
                y >= pen->guard_y0 && y <= pen->guard_y1))
    cairo_line_to (cr, x, y);
  else if ((x < pen->guard_x0 && pen->x < pen->guard_x0) ||
           (x > pen->guard_x1 && pen->x > pen->guard_x1) ||
           (y < pen->guard_y0 && pen->y < pen->guard_y0) ||
           (y > pen->guard_y1 && pen->y > pen->guard_y1))
    {
      /* Both ends beyond one side: the clamped edge runs straight along that side, far
       * from the view; nothing to draw when it does not move. */
      double cx = CLAMP_X (pen, x), cy = CLAMP_Y (pen, y);

      if (cx != CLAMP_X (pen, pen->x) || cy != CLAMP_Y (pen, pen->y))
        cairo_line_to (cr, cx, cy);
    }
  else
    pen_line_to_slow (cr, pen, x, y);
  pen->x = x;
  pen->y = y;
}

/* A zigzag varint; reads nothing past @end (corrupt data gives wrong points, no more). */
static inline const guint8 *
read_step (const guint8 *p,
           const guint8 *end,
           gint64       *value)
{
  guint64 v = 0;

  for (int bits = 0; p < end && bits < 35; bits += 7)
    {
      guint8 byte = *p++;

      v |= (guint64) (byte & 0x7f) << bits;
      if (!(byte & 0x80))
        break;
    }
  *value = (gint64) (v >> 1) ^ -(gint64) (v & 1);
  return p;
}

/* Adds the visible parts of a layer's rings to the path. For @closed rings an invisible
 * chunk becomes the segment between its ends, which keeps the fill of the view exact;
 * for polylines it is skipped. */
static void
add_layer_path (const DrawContext       *ctx,
                const DlBasemapFileBand *band,
                DlBasemapLayer           layer,
                gboolean                 closed)
{
  const DlBasemapFileRing *rings = ctx->map->rings + band->first_ring[layer];
  const guint8 *steps_end = ctx->map->steps + ctx->map->header->steps_size;
  cairo_t *cr = ctx->cr;

  for (guint r = 0; r < band->n_rings[layer]; r++)
    {
      const DlBasemapFileRing *ring = &rings[r];
      const DlBasemapFileChunk *first = ctx->map->chunks + ring->first_chunk;
      gboolean pen_down = FALSE;
      Pen pen = { 0.0, 0.0,
                  -GUARD, -GUARD, ctx->width + GUARD, ctx->height + GUARD,
                  -NEAR, -NEAR, ctx->width + NEAR, ctx->height + NEAR };

      if (!box_visible (ctx, ring->x0, ring->y0, ring->x1, ring->y1))
        continue;

      for (guint c = 0; c < ring->n_chunks; c++)
        {
          const DlBasemapFileChunk *chunk = first + c;
          const guint8 *p = ctx->map->steps + chunk->first_byte;
          gint64 x = chunk->start_x, y = chunk->start_y;
          double last_x, last_y;

          if (!box_visible (ctx, chunk->x0, chunk->y0, chunk->x1, chunk->y1))
            {
              /* The chunk ends where the next one starts, the last one of a closed ring
               * where the ring starts. */
              if (closed)
                {
                  const DlBasemapFileChunk *next = c + 1 < ring->n_chunks ? chunk + 1 : first;

                  if (!pen_down)
                    pen_move_to (cr, &pen, user_x (ctx, x), user_y (ctx, y));
                  pen_line_to (cr, &pen, user_x (ctx, next->start_x), user_y (ctx, next->start_y));
                  pen_down = TRUE;
                }
              else
                pen_down = FALSE;
              continue;
            }

          last_x = user_x (ctx, x);
          last_y = user_y (ctx, y);
          if (!pen_down)
            pen_move_to (cr, &pen, last_x, last_y);
          pen_down = TRUE;
          for (guint s = 0; s < chunk->n_steps; s++)
            {
              gint64 dx, dy;
              double ux, uy;

              p = read_step (p, steps_end, &dx);
              p = read_step (p, steps_end, &dy);
              /* Bounded, so that no corrupt step can overflow. */
              x = CLAMP (x + dx * ((gint64) 1 << ctx->shift), -STEP_LIMIT, STEP_LIMIT);
              y = CLAMP (y + dy * ((gint64) 1 << ctx->shift), -STEP_LIMIT, STEP_LIMIT);
              ux = user_x (ctx, x);
              uy = user_y (ctx, y);
              if (fabs (ux - last_x) < ctx->min_step && fabs (uy - last_y) < ctx->min_step &&
                  s + 1 < chunk->n_steps)
                continue;
              pen_line_to (cr, &pen, ux, uy);
              last_x = ux;
              last_y = uy;
            }
        }
      if (closed)
        cairo_close_path (cr);
    }
}

static void
set_source_rgb (cairo_t   *cr,
                const Rgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

static cairo_pattern_t *
hatch_pattern_new (const Palette *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 6, 6);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *pattern;

  set_source_rgb (cr, &palette->disputed);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, -1, 7);
  cairo_line_to (cr, 7, -1);
  cairo_move_to (cr, -1, 1);
  cairo_line_to (cr, 1, -1);
  cairo_move_to (cr, 5, 7);
  cairo_line_to (cr, 7, 5);
  cairo_stroke (cr);
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (surface);
  cairo_surface_destroy (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  return pattern;
}

static const DlBasemapFileBand *
pick_band (const DlBasemap *self,
           double           zoom)
{
  const DlBasemapFileBand *band = &self->bands[0];

  for (guint i = 1; i < self->header->n_bands; i++)
    if (zoom + 1e-9 >= self->bands[i].min_zoom)
      band = &self->bands[i];
  return band;
}

/**
 * dl_basemap_draw:
 * @self: a base map
 * @cr: where to draw
 * @style: light or dark
 * @zoom: the zoom level, fractional allowed
 * @x: world pixel at @zoom of the view's left edge
 * @y: world pixel at @zoom of the view's top edge
 * @width: width of the view, in user units of @cr
 * @height: height of the view
 *
 * Draws sea, land, lakes, disputed areas and borders in the rectangle (0, 0, @width, @height)
 * of @cr's user space, with @cr's antialiasing (%CAIRO_ANTIALIAS_FAST halves the time of
 * coast-heavy views at small sizes). Safe to call from several threads at once (with
 * different @cr).
 */
void
dl_basemap_draw (DlBasemap      *self,
                 cairo_t        *cr,
                 DlBasemapStyle  style,
                 double          zoom,
                 double          x,
                 double          y,
                 double          width,
                 double          height)
{
  const Palette *palette;
  const DlBasemapFileBand *band;
  DrawContext ctx;
  double margin, border_width, dx = 1.0, dy = 0.0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (style != DL_BASEMAP_DARK)
    style = DL_BASEMAP_LIGHT;
  palette = &palettes[style];
  if (!isfinite (zoom) || !isfinite (x) || !isfinite (y) || !(width > 0) || !(height > 0))
    return;
  zoom = CLAMP (zoom, 0.0, 24.0);
  band = pick_band (self, zoom);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_source_rgb (cr, &palette->sea);
  cairo_paint (cr);

  border_width = zoom < 3 ? 0.6 : zoom < 6 ? 0.8 : 1.0;

  ctx.map = self;
  ctx.cr = cr;
  ctx.scale = dl_mercator_world_size (zoom) / DL_BASEMAP_WORLD;
  ctx.origin_x = x;
  ctx.origin_y = y;
  ctx.width = width;
  ctx.height = height;
  margin = 2.0 * border_width;
  ctx.vx0 = (gint64) floor ((x - margin) / ctx.scale);
  ctx.vy0 = (gint64) floor ((y - margin) / ctx.scale);
  ctx.vx1 = (gint64) ceil ((x + width + margin) / ctx.scale);
  ctx.vy1 = (gint64) ceil ((y + height + margin) / ctx.scale);
  ctx.shift = band->shift;
  cairo_user_to_device_distance (cr, &dx, &dy);
  ctx.min_step = 0.3 / MAX (hypot (dx, dy), 1e-3);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Land. No coastline stroke: the contrast of land and sea draws it, and stroking every
   * island would cost more than the rest of the tile. */
  cairo_new_path (cr);
  add_layer_path (&ctx, band, DL_BASEMAP_LAYER_LAND, TRUE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_source_rgb (cr, &palette->land);
  cairo_fill (cr);

  /* Lakes, in the colour of the sea. */
  add_layer_path (&ctx, band, DL_BASEMAP_LAYER_LAKE, TRUE);
  set_source_rgb (cr, &palette->sea);
  cairo_fill (cr);

  /* Disputed areas and buffer zones: hatched. */
  add_layer_path (&ctx, band, DL_BASEMAP_LAYER_DISPUTED, TRUE);
  if (cairo_has_current_point (cr))
    {
      cairo_pattern_t *hatch = hatch_pattern_new (palette);

      cairo_set_source (cr, hatch);
      cairo_fill (cr);
      cairo_pattern_destroy (hatch);
    }
  cairo_new_path (cr);

  /* A thin line hides wobbles of half a pixel: skip more points. */
  ctx.min_step *= 2.0;
  cairo_set_line_width (cr, border_width);
  add_layer_path (&ctx, band, DL_BASEMAP_LAYER_BORDER, FALSE);
  set_source_rgb (cr, &palette->border);
  cairo_stroke (cr);

  add_layer_path (&ctx, band, DL_BASEMAP_LAYER_DISPUTED_BORDER, FALSE);
  if (cairo_has_current_point (cr))
    {
      static const double dashes[] = { 3.0, 2.0 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      set_source_rgb (cr, &palette->disputed_border);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);

  cairo_restore (cr);
}

/* Labels ------------------------------------------------------------------------------ */

/**
 * dl_basemap_list_labels:
 * @self: a base map
 * @zoom: the zoom level
 * @x: world pixel at @zoom of the view's left edge
 * @y: world pixel at @zoom of the view's top edge
 * @width: width of the view in pixels
 * @height: height of the view in pixels
 *
 * The country and city names that have room at @zoom and whose anchor lies in the view,
 * in world pixels at @zoom, not yet checked for collisions.
 *
 * Returns: (transfer full) (element-type DlBasemapLabel): the labels
 */
GArray *
dl_basemap_list_labels (DlBasemap *self,
                        double     zoom,
                        double     x,
                        double     y,
                        double     width,
                        double     height)
{
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (DlBasemapLabel));
  double scale;

  g_return_val_if_fail (self != NULL, labels);

  if (!isfinite (zoom) || !isfinite (x) || !isfinite (y))
    return labels;
  scale = dl_mercator_world_size (zoom) / DL_BASEMAP_WORLD;

  for (guint i = 0; i < self->header->n_labels; i++)
    {
      const DlBasemapFileLabel *file_label = &self->labels[i];
      DlBasemapLabel label;

      /* A name appears a little before its zoom, so that zooming in gradually shows it. */
      if (zoom + 0.25 < file_label->min_zoom)
        continue;
      label.x = file_label->x * scale;
      label.y = file_label->y * scale;
      if (label.x < x || label.x > x + width || label.y < y || label.y > y + height)
        continue;
      label.text = self->strings + file_label->name;
      label.importance = file_label->importance;
      label.is_city = file_label->kind == DL_BASEMAP_LABEL_CITY;
      g_array_append_val (labels, label);
    }
  return labels;
}

/**
 * dl_basemap_get_color:
 * @style: light or dark
 * @color: which colour
 * @red: (out): red, 0 to 1
 * @green: (out): green, 0 to 1
 * @blue: (out): blue, 0 to 1
 *
 * One colour of the palette dl_basemap_draw() uses for @style.
 */
void
dl_basemap_get_color (DlBasemapStyle  style,
                      DlBasemapColor  color,
                      double         *red,
                      double         *green,
                      double         *blue)
{
  const Palette *palette = &palettes[style == DL_BASEMAP_DARK ? DL_BASEMAP_DARK : DL_BASEMAP_LIGHT];
  const Rgb *rgb;

  g_return_if_fail (red != NULL && green != NULL && blue != NULL);

  switch (color)
    {
    case DL_BASEMAP_COLOR_SEA: rgb = &palette->sea; break;
    case DL_BASEMAP_COLOR_LAND: rgb = &palette->land; break;
    case DL_BASEMAP_COLOR_BORDER: rgb = &palette->border; break;
    case DL_BASEMAP_COLOR_DISPUTED: rgb = &palette->disputed; break;
    case DL_BASEMAP_COLOR_DISPUTED_BORDER: rgb = &palette->disputed_border; break;
    default:
      g_return_if_reached ();
    }
  *red = rgb->r;
  *green = rgb->g;
  *blue = rgb->b;
}

/**
 * dl_basemap_get_attribution:
 * @self: a base map
 *
 * The credit line the data asks for.
 *
 * Returns: "Natural Earth"
 */
const char *
dl_basemap_get_attribution (DlBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->strings + self->header->attribution;
}
