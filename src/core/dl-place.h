/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_PLACE (dl_place_get_type ())
G_DECLARE_FINAL_TYPE (DlPlace, dl_place, DL, PLACE, GObject)

typedef enum
{
  DL_PLACE_SHAPE_POINT,  /* Point (or MultiPoint: one part per point) */
  DL_PLACE_SHAPE_AREA,   /* Polygon or MultiPolygon: parts are rings, filled even-odd */
  DL_PLACE_SHAPE_ROUTE,  /* LineString or MultiLineString: parts are lines */
} DlPlaceShape;

const char   *dl_place_get_id          (DlPlace     *self);
const char   *dl_place_get_name        (DlPlace     *self);
/* The name in another language or script (BCP 47 tag: "ar", "ru"), or NULL. */
const char   *dl_place_get_local_name  (DlPlace     *self,
                                        const char  *language);
/* All languages with a name, sorted; free with g_strfreev. */
char        **dl_place_list_languages  (DlPlace     *self);
const char   *dl_place_get_kind        (DlPlace     *self);
/* "site", "city", "region", "country", "inferred", or NULL. */
const char   *dl_place_get_precision   (DlPlace     *self);
const char   *dl_place_get_description (DlPlace     *self);

DlPlaceShape  dl_place_get_shape       (DlPlace     *self);
/* FALSE for a feature whose geometry is null or empty: it is listed, never drawn. */
gboolean      dl_place_has_location    (DlPlace     *self);
guint         dl_place_get_n_parts     (DlPlace     *self);
/* The positions of part @index: a ring of an area (closed: last == first), the points of
 * a line, or the single position of a point. */
const DlLonLat *dl_place_get_part      (DlPlace     *self,
                                        guint        index,
                                        guint       *n_positions);
/* Where the marker and the name go: the point itself, an area's "label" property or its
 * centroid, a route's midpoint. */
DlLonLat      dl_place_get_anchor      (DlPlace     *self);
/* The bounding box of every position. */
void          dl_place_get_bounds      (DlPlace     *self,
                                        DlLonLat    *south_west,
                                        DlLonLat    *north_east);
/* Number of events of the story at this place (property "n-events", notified). */
guint         dl_place_get_n_events    (DlPlace     *self);

/* Where the article names the place (properties.mentions), in file order: the text of
 * mention @index, and its code-point offsets into the article text, end exclusive. */
guint         dl_place_get_n_mentions  (DlPlace     *self);
const char   *dl_place_get_mention     (DlPlace     *self,
                                        guint        index,
                                        int         *start,
                                        int         *end);
/* The GeoNames id (properties.geonames), or 0. */
gint64        dl_place_get_geonames_id (DlPlace     *self);
/* TRUE when the app drafted the place and the user has not accepted it yet. */
gboolean      dl_place_get_suggested   (DlPlace     *self);
void          dl_place_set_suggested   (DlPlace     *self,
                                        gboolean     suggested);
/* Editing. Setters notify their property ("name", "kind", "precision", "description");
 * a move notifies "geometry". For changes the user can undo, use a DlOperation. */
/* A new point place (its id must be unique in the story: dl_story_make_id()). */
DlPlace      *dl_place_new_point       (const char  *id,
                                        const char  *name,
                                        DlLonLat     position);
void          dl_place_set_name        (DlPlace     *self,
                                        const char  *name);
void          dl_place_set_kind        (DlPlace     *self,
                                        const char  *kind);
/* "site", "city", "region", "country", "inferred", or NULL; anything else is refused. */
void          dl_place_set_precision   (DlPlace     *self,
                                        const char  *precision);
void          dl_place_set_description (DlPlace     *self,
                                        const char  *description);
/* Moves the place so that its anchor is at @anchor: a point goes there, an area or a
 * route is shifted as a whole (its label too). */
void          dl_place_move_to         (DlPlace     *self,
                                        DlLonLat     anchor);

G_END_DECLS
