/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-properties"

#include "config.h"

#include <math.h>

#include "dl-color.h"
#include "dl-marker-symbol.h"
#include "dl-place-private.h"
#include "dl-place-properties.h"

/* Shown elsewhere (the popover's title, text and Sources line; markers, shapes) or the
 * story's own vocabulary. A marker-symbol is a row only when no marker can draw it. */
static const char * const hidden_members[] = {
  "name", "title", "description", "source",
  "marker-color", "marker-size", "stroke", "stroke-width",
  "stroke-opacity", "fill", "fill-opacity",
  "names", "kind", "precision", "label", "mentions", "geonames", "suggested",
  NULL,
};

/* The story's own members of "properties", read into the place itself. */
static const char * const vocabulary[] = {
  "name", "description", "names", "kind", "precision", "label", "mentions", "geonames",
  "suggested", NULL,
};

gboolean
dl_place_properties_worth_keeping (JsonObject *properties)
{
  g_autoptr(GList) members = json_object_get_members (properties);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (vocabulary, l->data))
      return TRUE;
  return FALSE;
}

static JsonObject *
properties_of (DlPlace *self)
{
  JsonObject *feature;
  JsonNode *properties;

  /* a streamed feature: its tree is gone, what is worth showing was kept */
  if (self->node == NULL)
    return dl_place_peek_details (self)->properties;
  if (!JSON_NODE_HOLDS_OBJECT (self->node))
    return NULL;
  feature = json_node_get_object (self->node);
  properties = json_object_get_member (feature, "properties");
  if (properties == NULL || !JSON_NODE_HOLDS_OBJECT (properties))
    return NULL;
  return json_node_get_object (properties);
}

static char *
value_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

void
dl_place_property_free (DlPlaceProperty *property)
{
  if (property == NULL)
    return;
  g_free (property->key);
  g_free (property->value);
  g_free (property);
}

/**
 * dl_place_list_properties:
 * @self: a place
 *
 * Returns: (transfer full): the place's other properties, an array of DlPlaceProperty.
 */
GPtrArray *
dl_place_list_properties (DlPlace *self)
{
  GPtrArray *list;
  JsonObject *properties;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (DL_IS_PLACE (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_place_property_free);
  properties = properties_of (self);
  if (properties == NULL)
    return list;

  /* json-glib 1.6 keeps members in file order */
  members = json_object_get_members (properties);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      DlPlaceProperty *property;

      if (g_strv_contains (hidden_members, key))
        continue;
      property = g_new0 (DlPlaceProperty, 1);
      property->key = g_strdup (key);
      property->value = value_text (json_object_get_member (properties, key));
      if (g_str_equal (key, "marker-symbol")
          && JSON_NODE_HOLDS_VALUE (json_object_get_member (properties, key))
          && json_node_get_value_type (json_object_get_member (properties, key))
             == G_TYPE_STRING
          && dl_marker_symbol_classify (property->value) != DL_MARKER_SYMBOL_NONE)
        {
          dl_place_property_free (property);
          continue;
        }
      g_ptr_array_add (list, property);
    }
  return list;
}

/**
 * dl_place_get_source:
 * @self: a place
 *
 * Returns: (nullable): properties.source, when it is a non-empty string.
 */
const char *
dl_place_get_source (DlPlace *self)
{
  JsonObject *properties;
  JsonNode *node;

  g_return_val_if_fail (DL_IS_PLACE (self), NULL);

  properties = properties_of (self);
  node = properties != NULL ? json_object_get_member (properties, "source") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || json_node_get_string (node)[0] == '\0')
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_color (JsonObject *properties,
           const char *name,
           double      rgb[3])
{
  JsonNode *node = json_object_get_member (properties, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         && dl_color_parse_hex (json_node_get_string (node), rgb);
}

/* A finite number in [min, max], else -1. */
static double
get_number (JsonObject *properties,
            const char *name,
            double      min,
            double      max)
{
  JsonNode *node = json_object_get_member (properties, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else
    return -1;
  return isfinite (value) && value >= min && value <= max ? value : -1;
}

/**
 * dl_place_get_style:
 * @self: a place
 * @style: (out caller-allocates): its simplestyle
 *
 * Returns: whether the place sets any simplestyle member.
 */
gboolean
dl_place_get_style (DlPlace      *self,
                    DlPlaceStyle *style)
{
  JsonObject *properties;
  JsonNode *symbol, *size;

  g_return_val_if_fail (DL_IS_PLACE (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  *style = (DlPlaceStyle) { .stroke_width = -1, .stroke_opacity = -1, .fill_opacity = -1 };
  properties = properties_of (self);
  if (properties == NULL)
    return FALSE;

  style->has_marker_color = get_color (properties, "marker-color", style->marker_color);
  style->has_stroke = get_color (properties, "stroke", style->stroke);
  style->has_fill = get_color (properties, "fill", style->fill);
  /* a width past 40 pixels would hide the map under it */
  style->stroke_width = get_number (properties, "stroke-width", 0, 40);
  style->stroke_opacity = get_number (properties, "stroke-opacity", 0, 1);
  style->fill_opacity = get_number (properties, "fill-opacity", 0, 1);
  symbol = json_object_get_member (properties, "marker-symbol");
  if (symbol != NULL && JSON_NODE_HOLDS_VALUE (symbol)
      && json_node_get_value_type (symbol) == G_TYPE_STRING
      && json_node_get_string (symbol)[0] != '\0')
    style->marker_symbol = g_strdup (json_node_get_string (symbol));
  size = json_object_get_member (properties, "marker-size");
  if (size != NULL && JSON_NODE_HOLDS_VALUE (size)
      && json_node_get_value_type (size) == G_TYPE_STRING)
    {
      if (g_strcmp0 (json_node_get_string (size), "small") == 0)
        style->marker_size = DL_MARKER_SIZE_SMALL;
      else if (g_strcmp0 (json_node_get_string (size), "large") == 0)
        style->marker_size = DL_MARKER_SIZE_LARGE;
    }

  return style->has_marker_color || style->has_stroke || style->has_fill
         || style->stroke_width >= 0 || style->stroke_opacity >= 0
         || style->fill_opacity >= 0 || style->marker_symbol != NULL
         || style->marker_size != DL_MARKER_SIZE_MEDIUM;
}

void
dl_place_style_clear (DlPlaceStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->marker_symbol, g_free);
}

/**
 * dl_marker_size_scale:
 * @size: a marker-size
 *
 * Returns: the diameter of a marker of @size over a medium one's: about the proportions
 * of the small, medium and large pins of Mapbox's static maps.
 */
double
dl_marker_size_scale (DlMarkerSize size)
{
  switch (size)
    {
    case DL_MARKER_SIZE_SMALL:
      return 0.7;
    case DL_MARKER_SIZE_LARGE:
      return 1.4;
    case DL_MARKER_SIZE_MEDIUM:
    default:
      return 1.0;
    }
}

/**
 * dl_place_is_route:
 * @self: a place
 *
 * Returns: whether @self is a line at least one event of the story happens on.
 */
gboolean
dl_place_is_route (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), FALSE);

  return dl_place_get_shape (self) == DL_PLACE_SHAPE_ROUTE && dl_place_get_n_events (self) > 0;
}
