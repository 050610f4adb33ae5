/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-view-state.h"

G_BEGIN_DECLS

/* Cells of this many pixels group the places at each integer zoom. */
#define DL_POINT_CELL_SIZE 48

/* A group of places drawn as one disc at a zoom: the places of one grid cell. */
typedef struct
{
  double   x;        /* centre (mean of the members), world pixels at the cluster's zoom */
  double   y;
  double   latitude; /* the same centre, in degrees */
  double   longitude;
  double   radius;   /* drawn radius in pixels */
  guint    n_places;
  DlPlace *place;    /* unowned: the only member when n_places == 1, else the first */
  /* Opaque: the members' range in the layer's order. */
  guint    start;
  guint    end;
  int      zoom;
} DlPointCluster;

#define DL_TYPE_POINT_LAYER (dl_point_layer_get_type ())
G_DECLARE_FINAL_TYPE (DlPointLayer, dl_point_layer, DL, POINT_LAYER, ShumateLayer)

/* Many places at once (thousands to millions): one dot per place, or a disc with a count
 * per grid cell where they crowd, drawn as textures with no widget per place. Clicking a
 * lone dot emits "place-activated" (DlPlace *place); clicking a cluster zooms in on it.
 * Dragging a lone dot moves it with the pointer and, on release, emits "place-dragged"
 * (DlPlace *place, double latitude, double longitude): the place itself does not move. */
DlPointLayer *dl_point_layer_new            (ShumateViewport *viewport);
/* Shows the places of @summaries (an array of DlPlaceSummary), coloured by their actor. */
void          dl_point_layer_set_places     (DlPointLayer    *self,
                                             GArray          *summaries);
/* After an edit: the places of @summaries are shown as they say, those of @hidden (an
 * array of DlPlace; may be NULL) no longer, every other place stays as it is. */
void          dl_point_layer_update_places  (DlPointLayer    *self,
                                             GArray          *summaries,
                                             GPtrArray       *hidden);
guint         dl_point_layer_get_n_places   (DlPointLayer    *self);
/* Rings the dots (or clusters) of @places (an array of DlPlace; NULL clears). */
void          dl_point_layer_set_selected   (DlPointLayer    *self,
                                             GPtrArray       *places);
/* The clusters at integer @zoom, in the layer's order: all of them, or, with
 * @visible_only, those that show in the viewport at its current position. An array of
 * DlPointCluster. */
GArray       *dl_point_layer_list_clusters  (DlPointLayer    *self,
                                             int              zoom,
                                             gboolean         visible_only);
/* The zoom whose clusters the layer draws at the viewport's current zoom. */
int           dl_point_layer_get_cluster_zoom (DlPointLayer  *self);
/* The actor whose colour @cluster wears: its members' one actor, else NULL (grey). */
DlActor      *dl_point_layer_get_cluster_actor (DlPointLayer         *self,
                                                const DlPointCluster *cluster);
/* The members of @cluster (unowned DlPlace). */
GPtrArray    *dl_point_layer_list_members   (DlPointLayer         *self,
                                             const DlPointCluster *cluster);
/* The cluster drawn at (@x, @y) in the layer's coordinates, topmost first, as last drawn;
 * FALSE when none. */
gboolean      dl_point_layer_pick           (DlPointLayer    *self,
                                             double           x,
                                             double           y,
                                             DlPointCluster  *cluster);

G_END_DECLS
