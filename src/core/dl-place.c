/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-place-private.h"

G_DEFINE_FINAL_TYPE (DlPlace, dl_place, G_TYPE_OBJECT)

/* Signed area (shoelace) and area-weighted centroid of a ring, in degrees. */
static double
ring_centroid (GArray   *ring,
               DlLonLat *centroid)
{
  const DlLonLat *p = (const DlLonLat *) ring->data;
  double area = 0, cx = 0, cy = 0;

  /* relative to the first position, for precision far from 0,0 */
  for (guint i = 0; i + 1 < ring->len; i++)
    {
      double x0 = p[i].lon - p[0].lon, y0 = p[i].lat - p[0].lat;
      double x1 = p[i + 1].lon - p[0].lon, y1 = p[i + 1].lat - p[0].lat;
      double cross = x0 * y1 - x1 * y0;

      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  area /= 2;

  if (fabs (area) < 1e-12)
    {
      /* degenerate: the mean of the positions */
      double sx = 0, sy = 0;

      for (guint i = 0; i < ring->len; i++)
        {
          sx += p[i].lon;
          sy += p[i].lat;
        }
      centroid->lon = ring->len > 0 ? sx / ring->len : 0;
      centroid->lat = ring->len > 0 ? sy / ring->len : 0;
      return 0;
    }

  centroid->lon = p[0].lon + cx / (6 * area);
  centroid->lat = p[0].lat + cy / (6 * area);
  return fabs (area);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static DlLonLat
route_midpoint (DlPlace *self)
{
  double total = 0, half, walked = 0;

  for (guint i = 0; i < self->parts->len; i++)
    {
      GArray *line = g_ptr_array_index (self->parts, i);
      const DlLonLat *p = (const DlLonLat *) line->data;

      for (guint j = 0; j + 1 < line->len; j++)
        total += hypot (p[j + 1].lon - p[j].lon, p[j + 1].lat - p[j].lat);
    }

  half = total / 2;
  for (guint i = 0; i < self->parts->len; i++)
    {
      GArray *line = g_ptr_array_index (self->parts, i);
      const DlLonLat *p = (const DlLonLat *) line->data;

      for (guint j = 0; j + 1 < line->len; j++)
        {
          double d = hypot (p[j + 1].lon - p[j].lon, p[j + 1].lat - p[j].lat);

          if (walked + d >= half && d > 0)
            {
              double t = (half - walked) / d;

              return (DlLonLat) { p[j].lon + t * (p[j + 1].lon - p[j].lon),
                                  p[j].lat + t * (p[j + 1].lat - p[j].lat) };
            }
          walked += d;
        }
    }

  /* all positions equal */
  return g_array_index ((GArray *) g_ptr_array_index (self->parts, 0), DlLonLat, 0);
}

static void
dl_place_finalize (GObject *object)
{
  DlPlace *self = DL_PLACE (object);

  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->local_names, g_hash_table_unref);
  g_free (self->kind);
  g_free (self->precision);
  g_free (self->description);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->outer, g_array_unref);
  g_clear_pointer (&self->mentions, g_array_unref);

  G_OBJECT_CLASS (dl_place_parent_class)->finalize (object);
}

static void
dl_place_class_init (DlPlaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_place_finalize;
}

static void
dl_place_init (DlPlace *self)
{
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->outer = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

DlPlace *
dl_place_new (const char *id)
{
  DlPlace *self = g_object_new (DL_TYPE_PLACE, NULL);

  self->id = g_strdup (id);
  return self;
}

void
dl_place_add_part (DlPlace        *self,
                   const DlLonLat *positions,
                   guint           n_positions,
                   gboolean        outer)
{
  GArray *part = g_array_sized_new (FALSE, FALSE, sizeof (DlLonLat), n_positions);

  g_array_append_vals (part, positions, n_positions);
  g_ptr_array_add (self->parts, part);
  g_array_append_val (self->outer, outer);
}

void
dl_place_finish (DlPlace *self)
{
  gboolean first = TRUE;

  for (guint i = 0; i < self->parts->len; i++)
    {
      GArray *part = g_ptr_array_index (self->parts, i);

      for (guint j = 0; j < part->len; j++)
        {
          DlLonLat p = g_array_index (part, DlLonLat, j);

          if (first)
            {
              self->south_west = self->north_east = p;
              first = FALSE;
            }
          self->south_west.lon = MIN (self->south_west.lon, p.lon);
          self->south_west.lat = MIN (self->south_west.lat, p.lat);
          self->north_east.lon = MAX (self->north_east.lon, p.lon);
          self->north_east.lat = MAX (self->north_east.lat, p.lat);
        }
    }

  if (self->parts->len == 0)
    return;

  switch (self->shape)
    {
    case DL_PLACE_SHAPE_AREA:
      if (self->has_label)
        self->anchor = self->label;
      else
        {
          /* the centroid of the largest outer ring: a MultiPolygon's main part */
          double best = -1;

          for (guint i = 0; i < self->parts->len; i++)
            {
              DlLonLat c;
              double area;

              if (!g_array_index (self->outer, gboolean, i))
                continue;
              area = ring_centroid (g_ptr_array_index (self->parts, i), &c);
              if (area > best)
                {
                  best = area;
                  self->anchor = c;
                }
            }
        }
      break;

    case DL_PLACE_SHAPE_ROUTE:
      self->anchor = route_midpoint (self);
      break;

    case DL_PLACE_SHAPE_POINT:
    default:
      self->anchor = g_array_index ((GArray *) g_ptr_array_index (self->parts, 0),
                                    DlLonLat, 0);
      break;
    }
}

/**
 * dl_place_get_id:
 * @self: a place
 *
 * Returns: the id events refer to it by (the feature's id).
 */
const char *
dl_place_get_id (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  return self->id;
}

/**
 * dl_place_get_name:
 * @self: a place
 *
 * Returns: the name to show: `properties.name`, else `title`, else the id.
 */
const char *
dl_place_get_name (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  return self->name;
}

/**
 * dl_place_get_local_name:
 * @self: a place
 * @language: a BCP 47 tag ("ar", "ru")
 *
 * Returns: (nullable): the name in that language or script, from `properties.names`.
 */
const char *
dl_place_get_local_name (DlPlace    *self,
                         const char *language)
{
  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  if (self->local_names == NULL)
    return NULL;
  return g_hash_table_lookup (self->local_names, language);
}

/**
 * dl_place_list_languages:
 * @self: a place
 *
 * Returns: (transfer full): every language with a name, sorted; free with g_strfreev().
 */
char **
dl_place_list_languages (DlPlace *self)
{
  g_autofree const char **keys = NULL;
  guint n = 0;
  char **result;

  g_return_val_if_fail (DL_IS_PLACE (self), NULL);

  if (self->local_names == NULL)
    return g_new0 (char *, 1);
  keys = (const char **) g_hash_table_get_keys_as_array (self->local_names, &n);
  result = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (keys[i]);
  qsort (result, n, sizeof (char *), compare_strings);
  return result;
}

/**
 * dl_place_get_kind:
 * @self: a place
 *
 * Returns: (nullable): "city", "region", … as written (open vocabulary).
 */
const char *
dl_place_get_kind (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  return self->kind;
}

/**
 * dl_place_get_precision:
 * @self: a place
 *
 * Returns: (nullable): "site", "city", "region", "country", "inferred", or %NULL.
 */
const char *
dl_place_get_precision (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  return self->precision;
}

/**
 * dl_place_get_description:
 * @self: a place
 *
 * Returns: (nullable): the description, as plain text.
 */
const char *
dl_place_get_description (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  return self->description;
}

/**
 * dl_place_get_shape:
 * @self: a place
 *
 * Returns: whether it is a point, an area or a route.
 */
DlPlaceShape
dl_place_get_shape (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), DL_PLACE_SHAPE_POINT);
  return self->shape;
}

/**
 * dl_place_get_n_parts:
 * @self: a place
 *
 * Returns: the number of parts: rings of an area, lines of a route, points.
 */
guint
dl_place_get_n_parts (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), 0);
  return self->parts->len;
}

/**
 * dl_place_get_part:
 * @self: a place
 * @index: a part, below dl_place_get_n_parts()
 * @n_positions: (out): the number of positions
 *
 * Returns: (array length=n_positions) (transfer none): the positions of the part: a
 *   closed ring, the points of a line, or the single position of a point.
 */
const DlLonLat *
dl_place_get_part (DlPlace *self,
                   guint    index,
                   guint   *n_positions)
{
  GArray *part;

  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  g_return_val_if_fail (index < self->parts->len, NULL);

  part = g_ptr_array_index (self->parts, index);
  if (n_positions != NULL)
    *n_positions = part->len;
  return (const DlLonLat *) part->data;
}

/**
 * dl_place_get_anchor:
 * @self: a place
 *
 * Returns: where the marker and the name go: the point itself, an area's `label`
 *   property or the area-weighted centroid of its (largest) outer ring, a route's
 *   midpoint along its length.
 */
DlLonLat
dl_place_get_anchor (DlPlace *self)
{
  DlLonLat nowhere = { 0, 0 };

  g_return_val_if_fail (DL_IS_PLACE (self), nowhere);
  return self->anchor;
}

/**
 * dl_place_get_bounds:
 * @self: a place
 * @south_west: (out) (optional): the smallest longitude and latitude
 * @north_east: (out) (optional): the largest longitude and latitude
 *
 * The bounding box of every position.
 */
void
dl_place_get_bounds (DlPlace  *self,
                     DlLonLat *south_west,
                     DlLonLat *north_east)
{
  g_return_if_fail (DL_IS_PLACE (self));

  if (south_west != NULL)
    *south_west = self->south_west;
  if (north_east != NULL)
    *north_east = self->north_east;
}

/**
 * dl_place_get_n_events:
 * @self: a place
 *
 * Returns: the number of events of the story at this place.
 */
guint
dl_place_get_n_events (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), 0);
  return self->n_events;
}
