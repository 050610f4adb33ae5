/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-notifier.h"
#include "dl-place-private.h"

G_DEFINE_FINAL_TYPE (DlPlace, dl_place, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PRECISION,
  PROP_DESCRIPTION,
  PROP_GEOMETRY,
  PROP_N_EVENTS,
  PROP_SUGGESTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char * const dl_place_precisions[] = {
  "site", "city", "region", "country", "inferred", NULL
};

typedef struct
{
  guint        n_parts;
  guint        n_positions;
  DlLonLat    *positions;
  DlPlacePart *parts;
  gboolean     has_label;
  DlLonLat     label;
  gboolean     edited;
} SavedGeometry;

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Room for @n positions or parts: allocations grow by powers of two, so adding parts one
 * at a time (a MultiPoint) stays linear. */
static gsize
capacity (guint n)
{
  gsize c = 1;

  while (c < n)
    c <<= 1;
  return n == 0 ? 0 : c;
}

static void
clear_geometry (DlPlace *self)
{
  if (self->positions != &self->point)
    g_free (self->positions);
  g_clear_pointer (&self->parts, g_free);
  self->positions = NULL;
  self->n_parts = self->n_positions = 0;
}

/* Signed area (shoelace) and area-weighted centroid of a ring, in degrees. */
static double
ring_centroid (const DlLonLat *p,
               guint           n,
               DlLonLat       *centroid)
{
  double area = 0, cx = 0, cy = 0;

  /* relative to the first position, for precision far from 0,0 */
  for (guint i = 0; i + 1 < n; i++)
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

      for (guint i = 0; i < n; i++)
        {
          sx += p[i].lon;
          sy += p[i].lat;
        }
      centroid->lon = n > 0 ? sx / n : 0;
      centroid->lat = n > 0 ? sy / n : 0;
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

  for (guint i = 0; i < self->n_parts; i++)
    {
      guint len;
      const DlLonLat *p = dl_place_get_part (self, i, &len);

      for (guint j = 0; j + 1 < len; j++)
        total += hypot (p[j + 1].lon - p[j].lon, p[j + 1].lat - p[j].lat);
    }

  half = total / 2;
  for (guint i = 0; i < self->n_parts; i++)
    {
      guint len;
      const DlLonLat *p = dl_place_get_part (self, i, &len);

      for (guint j = 0; j + 1 < len; j++)
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
  return self->positions[0];
}

static void
dl_place_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlPlace *self = DL_PLACE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_string (value, dl_place_get_kind (self));
      break;
    case PROP_PRECISION:
      g_value_set_string (value, dl_place_get_precision (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, dl_place_get_description (self));
      break;
    case PROP_GEOMETRY:
      g_value_set_pointer (value, self->positions);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->n_events);
      break;
    case PROP_SUGGESTED:
      g_value_set_boolean (value, self->suggested);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_place_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DlPlace *self = DL_PLACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      dl_place_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      dl_place_set_kind (self, g_value_get_string (value));
      break;
    case PROP_PRECISION:
      dl_place_set_precision (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      dl_place_set_description (self, g_value_get_string (value));
      break;
    case PROP_SUGGESTED:
      dl_place_set_suggested (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_place_finalize (GObject *object)
{
  DlPlace *self = DL_PLACE (object);

  g_free (self->id);
  if (self->loaded_name != self->name)
    g_free (self->loaded_name);
  g_free (self->name);
  if (self->details != NULL)
    {
      DlPlaceDetails *d = self->details;

      g_clear_pointer (&d->local_names, g_hash_table_unref);
      g_free (d->kind);
      g_free (d->precision);
      g_free (d->description);
      g_clear_pointer (&d->properties, json_object_unref);
      g_clear_pointer (&d->mentions, g_array_unref);
      g_free (d);
    }
  clear_geometry (self);
  g_free (self->extent);
  g_clear_pointer (&self->node, json_node_unref);

  G_OBJECT_CLASS (dl_place_parent_class)->finalize (object);
}

static void
dl_place_class_init (DlPlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dl_place_finalize;
  /* views hear of every item's changes in one place */
  object_class->dispatch_properties_changed = dl_notifier_dispatch;
  object_class->get_property = dl_place_get_property;
  object_class->set_property = dl_place_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, rw);
  properties[PROP_PRECISION] = g_param_spec_string ("precision", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  /* notified when the place moves; read it with the getters */
  properties[PROP_GEOMETRY] = g_param_spec_pointer ("geometry", NULL, NULL, ro);
  properties[PROP_N_EVENTS] = g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                                                 ro);
  properties[PROP_SUGGESTED] = g_param_spec_boolean ("suggested", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_place_init (DlPlace *self)
{
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
  guint total = self->n_positions + n_positions;

  g_assert (total >= self->n_positions);

  if (total == 1 && self->n_parts == 0)
    self->positions = &self->point;
  else if (self->positions == &self->point || self->positions == NULL)
    {
      DlLonLat *all = g_new (DlLonLat, capacity (total));

      if (self->n_positions > 0)
        all[0] = self->point;
      self->positions = all;
    }
  else if (capacity (total) > capacity (self->n_positions))
    self->positions = g_renew (DlLonLat, self->positions, capacity (total));
  if (n_positions > 0)
    memcpy (self->positions + self->n_positions, positions, n_positions * sizeof (DlLonLat));

  /* a single part that is no outer ring needs no table of parts */
  if (self->parts != NULL || self->n_parts > 0 || outer)
    {
      if (self->parts == NULL)
        {
          self->parts = g_new (DlPlacePart, capacity (self->n_parts + 1));
          if (self->n_parts == 1)
            self->parts[0] = (DlPlacePart) { self->n_positions, FALSE };
        }
      else if (capacity (self->n_parts + 1) > capacity (self->n_parts))
        self->parts = g_renew (DlPlacePart, self->parts, capacity (self->n_parts + 1));
      self->parts[self->n_parts] = (DlPlacePart) { total, outer };
    }
  self->n_parts++;
  self->n_positions = total;
}

const DlPlaceDetails *
dl_place_peek_details (DlPlace *self)
{
  static const DlPlaceDetails none = { 0 };

  return self->details != NULL ? self->details : &none;
}

DlPlaceDetails *
dl_place_get_details (DlPlace *self)
{
  if (self->details == NULL)
    self->details = g_new0 (DlPlaceDetails, 1);
  return self->details;
}

gboolean
dl_place_part_is_outer (DlPlace *self,
                        guint    index)
{
  g_assert (index < self->n_parts);
  return self->parts != NULL && self->parts[index].outer;
}

void
dl_place_finish (DlPlace *self)
{
  DlPlaceExtent *e;

  if (self->n_positions <= 1)
    {
      g_clear_pointer (&self->extent, g_free);
      return;
    }

  if (self->extent == NULL)
    self->extent = g_new0 (DlPlaceExtent, 1);
  e = self->extent;
  e->south_west = e->north_east = self->positions[0];
  for (guint i = 1; i < self->n_positions; i++)
    {
      DlLonLat p = self->positions[i];

      e->south_west.lon = MIN (e->south_west.lon, p.lon);
      e->south_west.lat = MIN (e->south_west.lat, p.lat);
      e->north_east.lon = MAX (e->north_east.lon, p.lon);
      e->north_east.lat = MAX (e->north_east.lat, p.lat);
    }

  switch (self->shape)
    {
    case DL_PLACE_SHAPE_AREA:
      if (self->has_label)
        e->anchor = self->label;
      else
        {
          /* the centroid of the largest outer ring: a MultiPolygon's main part */
          double best = -1;

          for (guint i = 0; i < self->n_parts; i++)
            {
              const DlLonLat *ring;
              guint len;
              DlLonLat c;
              double area;

              if (!dl_place_part_is_outer (self, i))
                continue;
              ring = dl_place_get_part (self, i, &len);
              area = ring_centroid (ring, len, &c);
              if (area > best)
                {
                  best = area;
                  e->anchor = c;
                }
            }
        }
      break;

    case DL_PLACE_SHAPE_ROUTE:
      e->anchor = route_midpoint (self);
      break;

    case DL_PLACE_SHAPE_POINT:
    default:
      e->anchor = self->positions[0];
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
  if (dl_place_peek_details (self)->local_names == NULL)
    return NULL;
  return g_hash_table_lookup (self->details->local_names, language);
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

  if (dl_place_peek_details (self)->local_names == NULL)
    return g_new0 (char *, 1);
  keys = (const char **) g_hash_table_get_keys_as_array (self->details->local_names, &n);
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
  return dl_place_peek_details (self)->kind;
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
  return dl_place_peek_details (self)->precision;
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
  return dl_place_peek_details (self)->description;
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
  return self->n_parts;
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
  guint start, end;

  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  g_return_val_if_fail (index < self->n_parts, NULL);

  start = index == 0 || self->parts == NULL ? 0 : self->parts[index - 1].end;
  end = self->parts == NULL ? self->n_positions : self->parts[index].end;
  if (n_positions != NULL)
    *n_positions = end - start;
  return self->positions + start;
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
  if (self->extent != NULL)
    return self->extent->anchor;
  return self->n_positions == 1 ? self->positions[0] : nowhere;
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

  if (self->extent != NULL)
    {
      if (south_west != NULL)
        *south_west = self->extent->south_west;
      if (north_east != NULL)
        *north_east = self->extent->north_east;
      return;
    }
  if (south_west != NULL)
    *south_west = dl_place_get_anchor (self);
  if (north_east != NULL)
    *north_east = dl_place_get_anchor (self);
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

void
dl_place_add_n_events (DlPlace *self,
                       int      delta)
{
  g_assert (delta >= 0 || self->n_events >= (guint) -delta);

  self->n_events += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
}

gpointer
dl_place_save_geometry (DlPlace *self)
{
  SavedGeometry *saved = g_new0 (SavedGeometry, 1);

  saved->n_parts = self->n_parts;
  saved->n_positions = self->n_positions;
  saved->positions = g_memdup2 (self->positions, self->n_positions * sizeof (DlLonLat));
  if (self->parts != NULL)
    saved->parts = g_memdup2 (self->parts, self->n_parts * sizeof (DlPlacePart));
  saved->has_label = self->has_label;
  saved->label = self->label;
  saved->edited = self->geometry_edited;
  return saved;
}

void
dl_place_free_geometry (gpointer data)
{
  SavedGeometry *saved = data;

  if (saved == NULL)
    return;
  g_free (saved->positions);
  g_free (saved->parts);
  g_free (saved);
}

void
dl_place_restore_geometry (DlPlace  *self,
                           gpointer  data)
{
  SavedGeometry *saved = data;

  /* copies, so that @saved can be restored again after the place moves on */
  clear_geometry (self);
  for (guint i = 0; i < saved->n_parts; i++)
    {
      guint start = i == 0 || saved->parts == NULL ? 0 : saved->parts[i - 1].end;
      guint end = saved->parts == NULL ? saved->n_positions : saved->parts[i].end;

      dl_place_add_part (self, saved->positions + start, end - start,
                         saved->parts != NULL && saved->parts[i].outer);
    }
  self->has_label = saved->has_label;
  self->label = saved->label;
  self->geometry_edited = saved->edited;
  dl_place_finish (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
}

/**
 * dl_place_new_point:
 * @id: an id no other place of the story has (dl_story_make_id())
 * @name: (nullable): the name to show (the id when %NULL)
 * @position: where it is
 *
 * Returns: (transfer full): a new point place.
 */
DlPlace *
dl_place_new_point (const char *id,
                    const char *name,
                    DlLonLat    position)
{
  DlPlace *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = dl_place_new (id);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : id);
  self->shape = DL_PLACE_SHAPE_POINT;
  dl_place_add_part (self, &position, 1, FALSE);
  dl_place_finish (self);
  return self;
}

/**
 * dl_place_set_name:
 * @self: a place
 * @name: the name to show (an empty or %NULL name becomes the id)
 *
 * Renames the place.
 */
void
dl_place_set_name (DlPlace    *self,
                   const char *name)
{
  g_return_if_fail (DL_IS_PLACE (self));

  if (name == NULL || *name == '\0')
    name = self->id;
  if (g_strcmp0 (self->name, name) == 0)
    return;
  /* the loaded name may be the same string */
  if (self->name != self->loaded_name)
    g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
dl_place_remember_name (DlPlace *self)
{
  if (self->loaded_name != self->name)
    g_free (self->loaded_name);
  /* one string for both until the name changes */
  self->loaded_name = self->name;
}

/**
 * dl_place_set_kind:
 * @self: a place
 * @kind: (nullable): "city", "region" … or any word
 *
 * Sets the kind.
 */
void
dl_place_set_kind (DlPlace    *self,
                   const char *kind)
{
  g_return_if_fail (DL_IS_PLACE (self));
  if (g_strcmp0 (dl_place_get_kind (self), kind) != 0 &&
      replace_string (&dl_place_get_details (self)->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * dl_place_set_precision:
 * @self: a place
 * @precision: (nullable): "site", "city", "region", "country", "inferred"
 *
 * Sets how exactly the article locates the place.
 */
void
dl_place_set_precision (DlPlace    *self,
                        const char *precision)
{
  g_return_if_fail (DL_IS_PLACE (self));
  g_return_if_fail (precision == NULL || g_strv_contains (dl_place_precisions, precision));
  if (g_strcmp0 (dl_place_get_precision (self), precision) != 0 &&
      replace_string (&dl_place_get_details (self)->precision, precision))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRECISION]);
}

/**
 * dl_place_set_description:
 * @self: a place
 * @description: (nullable): plain text
 *
 * Sets the description.
 */
void
dl_place_set_description (DlPlace    *self,
                          const char *description)
{
  g_return_if_fail (DL_IS_PLACE (self));
  if (g_strcmp0 (dl_place_get_description (self), description) != 0 &&
      replace_string (&dl_place_get_details (self)->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * dl_place_move_to:
 * @self: a place with a geometry
 * @anchor: where its anchor goes
 *
 * Moves the place: a point goes to @anchor; an area or route is shifted as a whole, its
 * label too, so that its anchor lands on @anchor.
 */
void
dl_place_move_to (DlPlace  *self,
                  DlLonLat  anchor)
{
  double dlon, dlat;

  g_return_if_fail (DL_IS_PLACE (self));
  g_return_if_fail (self->n_parts > 0);

  dlon = anchor.lon - dl_place_get_anchor (self).lon;
  dlat = anchor.lat - dl_place_get_anchor (self).lat;
  if (dlon == 0 && dlat == 0)
    return;

  for (guint i = 0; i < self->n_positions; i++)
    {
      DlLonLat *p = &self->positions[i];

      if (self->shape == DL_PLACE_SHAPE_POINT && self->n_parts == 1)
        *p = anchor;  /* exactly there, not by a sum that rounds */
      else
        {
          p->lon = CLAMP (p->lon + dlon, -180.0, 180.0);
          p->lat = CLAMP (p->lat + dlat, -90.0, 90.0);
        }
    }
  if (self->has_label)
    self->label = anchor;
  self->geometry_edited = TRUE;
  dl_place_finish (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
}

/**
 * dl_place_has_location:
 * @self: a place
 *
 * Returns: %TRUE when the place has a geometry to draw.
 */
gboolean
dl_place_has_location (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), FALSE);
  return self->n_parts > 0;
}

/**
 * dl_place_set_suggested:
 * @self: a place
 * @suggested: %FALSE once the user has accepted the app's draft
 *
 * Marks the place as a suggestion of the app, or not.
 */
void
dl_place_set_suggested (DlPlace  *self,
                        gboolean  suggested)
{
  g_return_if_fail (DL_IS_PLACE (self));

  suggested = !!suggested;
  if (self->suggested == suggested)
    return;
  self->suggested = suggested;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTED]);
}
