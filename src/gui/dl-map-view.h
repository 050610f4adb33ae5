/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-place-search.h"

#include "dl-label-layer.h"
#include "dl-map-legend.h"
#include "dl-marker.h"
#include "dl-online-source.h"
#include "dl-point-layer.h"
#include "dl-view-state.h"

G_BEGIN_DECLS

#define DL_TYPE_MAP_VIEW (dl_map_view_get_type ())
G_DECLARE_FINAL_TYPE (DlMapView, dl_map_view, DL, MAP_VIEW, GtkWidget)

/* The map pane: the offline base map (or OpenStreetMap above it), country labels, the
 * story's areas and routes, one marker per place with shown events, scale, licence and
 * zoom buttons. A view of a DlViewState: activating a marker selects its place and opens
 * a popover listing its events; selecting events elsewhere moves the map to them.
 *
 * Signal "show-passage" (DlEvent *event, guint passage_index): the popover's "Show in
 * article" button. */
GtkWidget       *dl_map_view_new               (void);
void             dl_map_view_set_view_state    (DlMapView   *self,
                                                DlViewState *state);
ShumateMap      *dl_map_view_get_map           (DlMapView   *self);
ShumateViewport *dl_map_view_get_viewport      (DlMapView   *self);
/* TRUE while a fit or an animated move has not reached its place. */
gboolean         dl_map_view_is_moving         (DlMapView   *self);
/* The marker of @place (shown or hidden), or NULL. */
DlMarker        *dl_map_view_get_marker        (DlMapView   *self,
                                                DlPlace     *place);
/* The markers currently shown, in story order. Free the list with g_list_free. */
GList           *dl_map_view_list_shown_markers (DlMapView  *self);
/* The marker whose place popover is open, or NULL. */
GtkPopover      *dl_map_view_get_popover       (DlMapView   *self);
/* Fits every shown place into view (animated when @animate and the map is on screen). */
/* Moves the view at once by (@dx, @dy) screen pixels (east, south). */
void             dl_map_view_pan_by            (DlMapView   *self,
                                                double       dx,
                                                double       dy);
void             dl_map_view_fit_shown         (DlMapView   *self,
                                                gboolean     animate);
/* Frames where the shown events happen, not every far place they mention. */
void             dl_map_view_focus_shown       (DlMapView   *self,
                                                gboolean     animate);
/* OpenStreetMap tiles above the offline map. */
void             dl_map_view_set_osm           (DlMapView   *self,
                                                gboolean     osm);
gboolean         dl_map_view_get_osm           (DlMapView   *self);
/* The OpenStreetMap source, made on first use; a test may give another while it is off. */
DlOnlineSource  *dl_map_view_get_online_source (DlMapView      *self);
void             dl_map_view_set_online_source (DlMapView      *self,
                                                DlOnlineSource *source);
/* The offline tile source in use (it emits "idle" when every requested tile is drawn). */
ShumateMapSource *dl_map_view_get_offline_source (DlMapView *self);
guint            dl_map_view_get_n_shapes      (DlMapView   *self);
/* The layer that shows a story's places as dots when they are too many for a marker
 * widget each (then dl_map_view_get_marker() gives NULL); hidden otherwise. */
DlPointLayer    *dl_map_view_get_point_layer   (DlMapView   *self);
/* "Find a Place…" over the map: choosing a place centres the map on it. */
DlPlaceSearch   *dl_map_view_get_place_search  (DlMapView   *self);
/* The layer of place names (the story's and the base map's). */
DlLabelLayer    *dl_map_view_get_label_layer   (DlMapView   *self);
/* The key to the markers' colours. */
DlMapLegend     *dl_map_view_get_legend        (DlMapView   *self);

/* The view that shows the box (@south_west, @north_east) whole in a @width × @height
 * widget with @padding pixels on every side, zoom clamped to [@min_zoom, @max_zoom]. */
void             dl_map_compute_fit            (const DlLonLat *south_west,
                                                const DlLonLat *north_east,
                                                double          width,
                                                double          height,
                                                double          padding,
                                                double          min_zoom,
                                                double          max_zoom,
                                                double         *latitude,
                                                double         *longitude,
                                                double         *zoom);
/* For tests: what dragging the marker of @place to @lat, @lon does at the end of the drag
 * (emits "place-dragged"). */
void             dl_map_view_drag_marker       (DlMapView   *self,
                                                DlPlace     *place,
                                                double       lat,
                                                double       lon);
/* After an edit of the story: a marker for each added place, none for removed ones, moved
 * places where they are now, counts and colours as the filter shows them; the view stays
 * where it is. */
void             dl_map_view_sync_places       (DlMapView   *self);
/* The same for just the places an edit touched (@places) and the events it touched
 * (@events); arrays of DlPlace and DlEvent. */
void             dl_map_view_update_places     (DlMapView   *self,
                                                GPtrArray   *places,
                                                GPtrArray   *events);

G_END_DECLS
