/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-place.h"
#include "dl-types.h"

G_BEGIN_DECLS

/* How far past ±180° / ±90° a coordinate may be and still be read as the limit: floating
 * point noise from other tools (Natural Earth writes 180.000000000000142). */
#define DL_GEOJSON_SNAP 1e-9
/* Longitudes up to ±540° are read as continuing across the antimeridian; beyond that, or
 * latitudes beyond ±180°, the numbers look like projected metres. */
#define DL_GEOJSON_MAX_LONGITUDE 540.0
#define DL_GEOJSON_MAX_LATITUDE 180.0

typedef enum
{
  DL_GEOJSON_CRS_NONE,   /* no "crs" member, or null */
  DL_GEOJSON_CRS_WGS84,  /* a 2008-style "crs" naming WGS 84 (CRS84, EPSG:4326) */
  DL_GEOJSON_CRS_OTHER,  /* names another system: projected coordinates */
} DlGeojsonCrs;

/* A copy of the (valid JSON) @text where every \u0000 escape inside a string reads
 * \uFFFD, so that json-glib neither cuts the string nor refuses it; same length, so lines
 * and columns stay. NULL when @text has none. */
char         *dl_geojson_replace_nul_escapes (const char  *text,
                                              gsize        length);

/* What a 2008-style "crs" member names; @name (nullable) gets the name as written. */
DlGeojsonCrs  dl_geojson_classify_crs        (JsonNode    *crs,
                                              char       **name);

/* The multiple of 360° to add to every longitude of a geometry whose first longitude is
 * @first_lon, so that it starts within [-180, 180]: a geometry that goes on past 180°
 * (or -180°) stays continuous. 0 when it already does. */
double        dl_geojson_wrap_shift          (double       first_lon);

/* The smallest longitude range holding every [west, east] interval (east may be past
 * 180° for an interval crossing the antimeridian): the range may cross 180°, then
 * @east > 180. Returns FALSE when @n is 0. */
gboolean      dl_lon_ranges_union            (const double *west,
                                              const double *east,
                                              guint         n,
                                              double       *union_west,
                                              double       *union_east);

/* A closed ring that jumps between 180 and -180 on its way round (tools that merge
 * shapes across 180° write them so): made continuous when it still closes that way.
 * Returns TRUE when it changed. A ring round a pole (Antarctica) is left as it is. */
gboolean      dl_geojson_unwrap_ring         (DlLonLat     *ring,
                                              guint         n);

/* The smallest longitude range holding every part of @places (each point, line and
 * ring, and each marker), across 180° when that is narrower: Fiji is a few degrees wide,
 * not the whole world. @east may be past 180. Places without a location are skipped;
 * FALSE when none is left. */
gboolean      dl_places_lon_range            (GPtrArray    *places,
                                              double       *west,
                                              double       *east);

G_END_DECLS
