/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-place.h"

G_BEGIN_DECLS

/* What a place's GeoJSON "properties" carry beside the story's vocabulary: the free data
 * of a plain map (uMap, geojson.io, QGIS), its simplestyle members, and where the place's
 * coordinates come from. */

typedef struct
{
  char *key;
  char *value;  /* text as written; numbers, true/false and null as JSON writes them;
                 * arrays and objects as compact JSON */
} DlPlaceProperty;

void       dl_place_property_free    (DlPlaceProperty *property);

/* The members a reader sees in the place's table, in file order: all but its name
 * ("name", else "title"), "description", "source", the simplestyle members and the
 * story's own ("names", "kind", "precision", "label", "mentions", "geonames",
 * "suggested"). An array of DlPlaceProperty, empty for a place the app made. */
GPtrArray *dl_place_list_properties  (DlPlace *self);

/* properties.source: where the place's coordinates or outline come from ("Coordinates:
 * GeoNames (CC BY 4.0)."), or NULL. */
const char *dl_place_get_source      (DlPlace *self);

/* The simplestyle members (github.com/mapbox/simplestyle-spec) uMap, geojson.io and
 * GitHub write; a member that is absent or malformed is not set. Colours are "#rgb" or
 * "#rrggbb"; widths are pixels, opacities in [0, 1]. */
/* marker-size: "small", "medium" (the default) or "large". */
typedef enum
{
  DL_MARKER_SIZE_MEDIUM,
  DL_MARKER_SIZE_SMALL,
  DL_MARKER_SIZE_LARGE,
} DlMarkerSize;

typedef struct
{
  gboolean has_marker_color;
  double   marker_color[3];
  gboolean has_stroke;
  double   stroke[3];
  double   stroke_width;    /* < 0 when not set */
  double   stroke_opacity;  /* < 0 when not set */
  gboolean has_fill;
  double   fill[3];
  double   fill_opacity;    /* < 0 when not set */
  char    *marker_symbol;   /* a Maki icon name or a character, or NULL */
  DlMarkerSize marker_size;
} DlPlaceStyle;

/* Reads @self's simplestyle into @style (clear it with dl_place_style_clear); FALSE when
 * the place sets none of it. */
gboolean   dl_place_get_style        (DlPlace      *self,
                                      DlPlaceStyle *style);
void       dl_place_style_clear      (DlPlaceStyle *style);

/* How many times a medium marker's diameter a marker of @size is. */
double     dl_marker_size_scale      (DlMarkerSize  size);

/* Whether a line place is a route of the story (a movement an event happens on: drawn with
 * an arrowhead, a marker at its middle) rather than a plain line of a map. */
gboolean   dl_place_is_route         (DlPlace *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlPlaceProperty, dl_place_property_free)

G_END_DECLS
