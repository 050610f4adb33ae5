/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-geojson-lenient"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-geojson-lenient.h"

typedef struct
{
  double west;
  double east;
} Range;

/* The bits of @value as an unsigned number in the same order as the doubles. */
static guint64
order_key (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return (bits >> 63) != 0 ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

/* Sorts by west end: a radix sort, 16 bits a pass, since a big map has a million ranges
 * and qsort() took a third of a second of the window's first frame. */
static void
sort_ranges (Range *ranges,
             guint  n)
{
  g_autofree Range *tmp = g_new (Range, n);
  g_autofree guint *count = g_new (guint, 65536);
  Range *src = ranges, *dst = tmp;

  for (int shift = 0; shift < 64; shift += 16)
    {
      guint sum = 0;

      memset (count, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        count[(order_key (src[i].west) >> shift) & 0xffff]++;
      if (count[(order_key (src[0].west) >> shift) & 0xffff] == n)
        continue;
      for (guint d = 0; d < 65536; d++)
        {
          guint c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        dst[count[(order_key (src[i].west) >> shift) & 0xffff]++] = src[i];
      {
        Range *t = src;

        src = dst;
        dst = t;
      }
    }
  if (src != ranges)
    memcpy (ranges, src, n * sizeof (Range));
}

/* Longitude @lon in [-180, 180). */
static double
normalize_lon (double lon)
{
  double wrapped = fmod (lon + 180.0, 360.0);

  if (wrapped < 0)
    wrapped += 360.0;
  return wrapped - 180.0;
}

/**
 * dl_geojson_replace_nul_escapes:
 * @text: valid JSON
 * @length: its length in bytes
 *
 * Returns: (transfer full) (nullable): a copy with \u0000 escapes as \uFFFD, or %NULL.
 */
char *
dl_geojson_replace_nul_escapes (const char *text,
                                gsize       length)
{
  char *copy = NULL;
  gboolean in_string = FALSE;

  /* most files have none: one quick search first */
  if (memmem (text, length, "\\u0000", 6) == NULL)
    return NULL;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (!in_string)
        {
          in_string = c == '"';
          continue;
        }
      if (c == '"')
        in_string = FALSE;
      else if (c == '\\' && i + 1 < length)
        {
          if (text[i + 1] == 'u' && i + 5 < length && memcmp (text + i + 2, "0000", 4) == 0)
            {
              if (copy == NULL)
                {
                  /* @text need not end in a NUL */
                  copy = g_malloc (length + 1);
                  memcpy (copy, text, length);
                }
              memcpy (copy + i + 2, "FFFD", 4);
            }
          i++;  /* the escaped character */
        }
    }
  if (copy != NULL)
    copy[length] = '\0';
  return copy;
}

/**
 * dl_geojson_classify_crs:
 * @crs: (nullable): the "crs" member of a GeoJSON root
 * @name: (out) (optional) (transfer full): the name it gives, or %NULL
 *
 * Returns: whether the coordinates are WGS 84 degrees, or another system's.
 */
DlGeojsonCrs
dl_geojson_classify_crs (JsonNode  *crs,
                         char     **name)
{
  static const char * const wgs84[] = {
    "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "CRS84",
    "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG:6.6:4326", "EPSG:4326",
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "http://www.opengis.net/def/crs/EPSG/0/4326", NULL
  };
  JsonObject *object;
  JsonObject *properties;
  const char *value = NULL;

  if (name != NULL)
    *name = NULL;
  if (crs == NULL || JSON_NODE_HOLDS_NULL (crs))
    return DL_GEOJSON_CRS_NONE;
  if (!JSON_NODE_HOLDS_OBJECT (crs))
    return DL_GEOJSON_CRS_OTHER;

  object = json_node_get_object (crs);
  properties = json_object_has_member (object, "properties") &&
               JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties"))
               ? json_object_get_object_member (object, "properties") : NULL;
  if (properties != NULL && json_object_has_member (properties, "name"))
    {
      JsonNode *node = json_object_get_member (properties, "name");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
    }
  if (name != NULL)
    *name = g_strdup (value);
  if (value == NULL)
    return DL_GEOJSON_CRS_OTHER;

  for (guint i = 0; wgs84[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, wgs84[i]) == 0)
      return DL_GEOJSON_CRS_WGS84;
  return DL_GEOJSON_CRS_OTHER;
}

/**
 * dl_geojson_wrap_shift:
 * @first_lon: the first longitude of a geometry
 *
 * Returns: the multiple of 360° to add to each of its longitudes.
 */
double
dl_geojson_wrap_shift (double first_lon)
{
  double shift;

  if (!isfinite (first_lon) || (first_lon >= -180.0 && first_lon <= 180.0))
    return 0;

  shift = normalize_lon (first_lon) - first_lon;
  /* a geometry starting at 540 starts at 180, not at -180 */
  if (first_lon > 180.0 && first_lon + shift == -180.0)
    shift += 360.0;
  return shift;
}

/**
 * dl_lon_ranges_union:
 * @west: (array length=n): west ends
 * @east: (array length=n): east ends, each >= its west end
 * @n: how many ranges
 * @union_west: (out): the west end of the smallest range holding them all, in [-180, 180)
 * @union_east: (out): its east end, >= @union_west (past 180 when it crosses 180°)
 *
 * Returns: %FALSE when @n is 0.
 */
gboolean
dl_lon_ranges_union (const double *west,
                     const double *east,
                     guint         n,
                     double       *union_west,
                     double       *union_east)
{
  g_autofree Range *ranges = NULL;
  double min_west = G_MAXDOUBLE, max_east = -G_MAXDOUBLE;
  double best_gap = -1, reach;
  guint best = 0;

  if (n == 0)
    return FALSE;

  ranges = g_new (Range, n);
  for (guint i = 0; i < n; i++)
    {
      double width = MIN (east[i] - west[i], 360.0);

      ranges[i].west = west[i] >= -180.0 && west[i] < 180.0 ? west[i] : normalize_lon (west[i]);
      ranges[i].east = ranges[i].west + MAX (width, 0);
      min_west = MIN (min_west, west[i]);
      max_east = MAX (max_east, east[i]);
      if (width >= 360.0)
        {
          *union_west = -180.0;
          *union_east = 180.0;
          return TRUE;
        }
    }

  /* Less than half the circle, as written: no gap can be wider than the one round the
   * back, so that is the box, with no sort. */
  if (min_west >= -180.0 && max_east < 180.0 && max_east - min_west < 180.0)
    {
      *union_west = min_west;
      *union_east = max_east;
      return TRUE;
    }

  sort_ranges (ranges, n);

  /* The widest longitude gap no range covers, going round the circle: the union is the
   * rest of the circle. */
  reach = ranges[0].east;
  for (guint i = 1; i < n; i++)
    {
      if (ranges[i].west - reach > best_gap)
        {
          best_gap = ranges[i].west - reach;
          best = i;
        }
      reach = MAX (reach, ranges[i].east);
    }
  /* the gap from the last reach round to the first west end */
  if (ranges[0].west + 360.0 - reach > best_gap)
    {
      best_gap = ranges[0].west + 360.0 - reach;
      best = 0;
    }

  if (best_gap <= 0)
    {
      *union_west = -180.0;
      *union_east = 180.0;
      return TRUE;
    }

  /* Prefer the box as written when it is as narrow: no surprise for ordinary maps. */
  if (min_west >= -180.0 && max_east <= 180.0 && max_east - min_west <= 360.0 - best_gap + 1e-9)
    {
      *union_west = min_west;
      *union_east = max_east;
      return TRUE;
    }

  *union_west = ranges[best].west;
  *union_east = *union_west + (360.0 - best_gap);
  if (*union_west >= 180.0)
    {
      *union_west -= 360.0;
      *union_east -= 360.0;
    }
  return TRUE;
}

/**
 * dl_places_lon_range:
 * @places: (element-type DlPlace): places
 * @west: (out): the west end, in [-180, 180)
 * @east: (out): the east end, >= @west, past 180 when the range crosses 180°
 *
 * Returns: %FALSE when no place has a location.
 */
gboolean
dl_places_lon_range (GPtrArray *places,
                     double    *west,
                     double    *east)
{
  g_autoptr(GArray) wests = NULL;
  g_autoptr(GArray) easts = NULL;

  g_return_val_if_fail (places != NULL, FALSE);

  /* one range a place, mostly: no doubling of a million */
  wests = g_array_sized_new (FALSE, FALSE, sizeof (double), places->len);
  easts = g_array_sized_new (FALSE, FALSE, sizeof (double), places->len);

  for (guint i = 0; i < places->len; i++)
    {
      DlPlace *place = places->pdata[i];
      DlLonLat anchor;

      if (!dl_place_has_location (place))
        continue;
      for (guint part = 0; part < dl_place_get_n_parts (place); part++)
        {
          guint n = 0;
          const DlLonLat *p = dl_place_get_part (place, part, &n);
          double w = G_MAXDOUBLE, e = -G_MAXDOUBLE;

          for (guint k = 0; k < n; k++)
            {
              w = MIN (w, p[k].lon);
              e = MAX (e, p[k].lon);
            }
          if (n == 0)
            continue;
          g_array_append_val (wests, w);
          g_array_append_val (easts, e);
        }
      /* a point's anchor is its position, already in: half as many ranges to sort */
      anchor = dl_place_get_anchor (place);
      if (dl_place_get_shape (place) == DL_PLACE_SHAPE_POINT && dl_place_get_n_parts (place) == 1
          && wests->len > 0 && g_array_index (wests, double, wests->len - 1) == anchor.lon
          && g_array_index (easts, double, easts->len - 1) == anchor.lon)
        continue;
      g_array_append_val (wests, anchor.lon);
      g_array_append_val (easts, anchor.lon);
    }

  return dl_lon_ranges_union ((const double *) wests->data, (const double *) easts->data,
                              wests->len, west, east);
}

/**
 * dl_geojson_unwrap_ring:
 * @ring: (array length=n): a closed ring
 * @n: its length
 *
 * Returns: %TRUE when the ring was made continuous across 180°.
 */
gboolean
dl_geojson_unwrap_ring (DlLonLat *ring,
                        guint     n)
{
  g_autofree double *lons = NULL;
  double shift = 0, area = 0;
  gboolean jumps = FALSE;

  if (n < 2)
    return FALSE;
  lons = g_new (double, n);
  lons[0] = ring[0].lon;
  for (guint i = 1; i < n; i++)
    {
      double step = ring[i].lon - ring[i - 1].lon;

      if (step > 180)
        {
          shift -= 360;
          jumps = TRUE;
        }
      else if (step < -180)
        {
          shift += 360;
          jumps = TRUE;
        }
      lons[i] = ring[i].lon + shift;
    }
  /* round a pole the jumps do not cancel: the ring would not close */
  if (!jumps || fabs (lons[n - 1] - lons[0]) > 1e-9)
    return FALSE;
  /* a ring along the world's edges (-180 and 180 are one meridian) would fold flat */
  for (guint i = 0; i + 1 < n; i++)
    area += lons[i] * ring[i + 1].lat - lons[i + 1] * ring[i].lat;
  if (fabs (area) < 1e-12)
    return FALSE;
  for (guint i = 0; i < n; i++)
    ring[i].lon = lons[i];
  return TRUE;
}
