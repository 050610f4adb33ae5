/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-place.h"

G_BEGIN_DECLS

typedef struct
{
  guint    end;    /* index past its last position */
  gboolean outer;  /* the outer ring of a polygon */
} DlPlacePart;

typedef struct
{
  GHashTable *local_names;  /* language → name, or NULL when there is none */
  char       *kind;
  char       *precision;
  char       *description;
  GArray     *mentions;     /* of DlPlaceMention (dl-place-mentions-private.h), or NULL */
  gint64      geonames_id;  /* 0 when the place has none */
  /* a streamed feature's "properties" when they carry more than the story's vocabulary
   * (free data, simplestyle, "source": dl-place-properties.c), else NULL */
  JsonObject *properties;
} DlPlaceDetails;

typedef struct
{
  DlLonLat anchor;
  DlLonLat south_west;
  DlLonLat north_east;
} DlPlaceExtent;

struct _DlPlace
{
  GObject       parent_instance;

  char         *id;
  char         *name;
  /* what most places of a big map have none of, or NULL */
  DlPlaceDetails *details;

  DlPlaceShape  shape;
  /* the geometry: the positions of every part end to end; a single position (a Point, the
   * most common place) is held in @point, with no allocation */
  guint         n_parts;
  guint         n_positions;
  DlLonLat     *positions;    /* &point, an allocation or NULL */
  DlPlacePart  *parts;        /* NULL for a single part that is no outer ring */
  DlLonLat      point;
  gboolean      has_label;
  DlLonLat      label;
  /* the anchor and bounds of a geometry of several positions (one is its own), or NULL */
  DlPlaceExtent *extent;

  guint         n_events;
  guint         index;        /* position in the file */

  gboolean      suggested;    /* drafted by the app, not yet accepted */
  JsonNode     *node;         /* the feature it was read from, or NULL */
  /* 1 + the element of the story's feature_sources it was read from, or 0 (then the
   * feature is in node) */
  guint         source_index;
  /* moved since it was read: only then is its geometry written from the model (the
   * loader may have wrapped longitudes past 180°, which an unchanged save keeps) */
  gboolean      geometry_edited;
  /* as read: the name the loader gave it, and whether its id was made up (a plain map's
   * feature without one), for the writer; @loaded_name may be @name itself */
  char         *loaded_name;
  gboolean      id_made_up;
};

DlPlace *dl_place_new        (const char    *id);
/* Adds a part (a ring, a line or a point); @outer for the first ring of a polygon. */
void     dl_place_add_part   (DlPlace       *self,
                              const DlLonLat *positions,
                              guint          n_positions,
                              gboolean       outer);
/* The details of a place to read (all empty when it has none), and to write (made on
 * demand: set only what is there, so that a plain point stays without). */
const DlPlaceDetails *dl_place_peek_details (DlPlace *self);
DlPlaceDetails       *dl_place_get_details  (DlPlace *self);
/* Whether part @index is the outer ring of a polygon (its holes follow it). */
gboolean dl_place_part_is_outer (DlPlace    *self,
                                 guint       index);
/* Remembers the name as the one the file has (dl_story_remember_nodes()). */
void     dl_place_remember_name (DlPlace    *self);
/* Computes the anchor and bounds once the parts are in. */
void     dl_place_finish     (DlPlace       *self);
/* Adds @delta to the event count and notifies "n-events". */
void     dl_place_add_n_events (DlPlace     *self,
                                int          delta);
/* A copy of the geometry (parts, label), and putting one back (notifies "geometry"). */
gpointer dl_place_save_geometry    (DlPlace *self);
void     dl_place_restore_geometry (DlPlace *self,
                                    gpointer saved);
void     dl_place_free_geometry    (gpointer saved);
extern const char * const dl_place_precisions[];

/* Whether @properties carry anything beyond the story's own vocabulary (name, kind, …):
 * what a place read without its tree keeps for dl-place-properties.c. */
gboolean dl_place_properties_worth_keeping (JsonObject *properties);

G_END_DECLS
