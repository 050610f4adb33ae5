/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "dl-event-row.h"
#include "dl-file-name.h"
#include "dl-focus.h"
#include "dl-label-layer.h"
#include "dl-map-legend.h"
#include "dl-map-sources.h"
#include "dl-map-view.h"
#include "dl-marker-clusters.h"
#include "dl-mercator.h"
#include "dl-object-list.h"
#include "dl-offline-source.h"
#include "dl-place-details.h"
#include "dl-place-properties.h"
#include "dl-place-search.h"
#include "dl-place-tally.h"
#include "dl-point-layer.h"
#include "dl-review-buttons.h"
#include "dl-shape-layer.h"
#include "dl-tile-layer.h"

#define FIT_PADDING 48
#define FIT_MAX_ZOOM 9.0
/* A selection in one city: close enough to tell its streets from its suburbs. */
#define CITY_ZOOM 11.0
/* Places within this many km of each other are "one city" for the selection. */
#define CITY_SPAN_KM 30.0
#define MARKER_SIZE 26
/* Above this many places a story's places are dots of one DlPointLayer instead of one
 * marker widget each. libshumate 1.0.3 measures and places every marker widget on every
 * viewport change, and adding one costs in proportion to those already there. Measured
 * with tests/bench-points (1400×900 window under Xvfb, cairo renderer, all on screen):
 * a pan frame takes 29 ms with 50 widgets, 36 with 100, 45 with 200, 54 with 300, while
 * the point layer stays at 29–32 ms from 201 to 10,000 places; with GL (notes on
 * libshumate) 1,000 widgets still pan at 14–16 ms. Up to 200 the widgets cost at most
 * one 60 Hz frame more even in software, and give what dots cannot: a focusable button
 * per place with its accessible name. */
#define POINT_THRESHOLD 200

struct _DlMapView
{
  GtkWidget           parent_instance;

  GtkWidget          *overlay;
  ShumateMap         *map;
  GArray             *visible_now;  /* while one change is shown: visible_places() */
  ShumateViewport    *viewport;
  ShumateLicense     *license;
  ShumateScale       *scale;
  DlPlaceSearch      *place_search;
  DlMapLegend        *legend;
  GtkWidget          *previous_button;
  GtkWidget          *next_button;
  DlOfflineSource    *offline_source;
  ShumateLayer       *offline_layer;  /* a DlTileLayer */
  ShumateMapSource   *osm_source;
  ShumateMapLayer    *osm_layer;
  DlLabelLayer       *label_layer;
  DlShapeLayer       *shape_layer;
  ShumateMarkerLayer *marker_layer;
  DlPointLayer       *point_layer;

  GHashTable         *markers;  /* DlPlace → DlMarker, owned by the marker layer */
  GPtrArray          *marker_order;
  gboolean            use_points;  /* this story's places are dots of point_layer */
  /* each shown DlPlace in an actor's colour, and each shown plain line → that DlActor or
   * NULL */
  GHashTable         *shown_actor;
  GHashTable         *actor_uses;   /* DlActor → how many shown places wear its colour */
  DlPlaceIndex       *place_index;  /* made at the first edit, dropped with a new story */
  /* the story's events as the map counts them, made again after an edit; what
   * visible_places() gives with every event shown, kept until then, and with the filter
   * of now, kept until it changes */
  DlPlaceTally       *tally;
  GArray             *all_visible;
  GArray             *filtered_visible;
  /* the story's events and places, whose changes drop the tally */
  GListModel         *watched_events;
  gulong              events_changed_id;
  GListModel         *watched_places;
  gulong              places_changed_id;
  gboolean            showing_all;  /* update_markers_for() showed all_visible last */
  /* a plain map's box (a fifth of a second at a million places), kept until an edit */
  gboolean            plain_bounds_known;
  gboolean            plain_has_bounds;
  DlLonLat            plain_sw;
  DlLonLat            plain_ne;

  DlViewState        *state;
  GtkPopover         *popover;
  DlPlace            *popover_place;  /* unowned: the story holds it */

  DlBasemapStyle      style;
  gboolean            osm;
  gboolean            fit_pending;
  /* where the last animated move goes, while it has not got there */
  gboolean            has_goal;
  double              goal[3];  /* latitude, longitude, zoom */
  gboolean            fit_pending_focus;  /* the pending fit frames the focus only */
  gboolean            fit_pending_box;    /* the pending fit frames pending_sw, pending_ne */
  DlLonLat            pending_sw;
  DlLonLat            pending_ne;
  double              cluster_zoom;       /* the zoom the clusters were made for */
  GtkPopover         *chooser;            /* the places of a cluster that never splits */
};

G_DEFINE_FINAL_TYPE (DlMapView, dl_map_view, GTK_TYPE_WIDGET)

enum {
  SHOW_PASSAGE,
  PLACE_DRAGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void popover_update      (DlMapView *self);
static void update_step_actions (DlMapView *self);
static void marker_activated_cb (DlMarker  *marker,
                                 DlMapView *self);
static void place_activated_cb  (DlPointLayer *layer,
                                 DlPlace      *place,
                                 DlMapView    *self);

static gboolean
story_has_events (DlStory *story)
{
  return g_list_model_get_n_items (dl_story_get_events (story)) > 0;
}

/* What was counted of the story's events is counted again when next asked for. */
static void
forget_visible (DlMapView *self)
{
  g_clear_pointer (&self->all_visible, g_array_unref);
  g_clear_pointer (&self->filtered_visible, g_array_unref);
  self->showing_all = FALSE;
  self->plain_bounds_known = FALSE;
}

/* The tally of the story's events too is made again at the next change of the filter. */
static void
forget_counts (DlMapView *self)
{
  g_clear_pointer (&self->tally, dl_place_tally_free);
  forget_visible (self);
}

/* Events or places added, removed or moved in time: the tally is made anew. */
static void
story_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        DlMapView  *self)
{
  forget_counts (self);
}

static void
watch_model (DlMapView   *self,
             GListModel  *model,
             GListModel **watched,
             gulong      *handler)
{
  if (*watched != NULL)
    g_clear_signal_handler (handler, *watched);
  g_clear_object (watched);
  if (model == NULL)
    return;
  *watched = g_object_ref (model);
  *handler = g_signal_connect_object (model, "items-changed",
                                      G_CALLBACK (story_items_changed_cb), self, 0);
}

static void
watch_story (DlMapView *self,
             DlStory   *story)
{
  watch_model (self, story != NULL ? dl_story_get_events (story) : NULL,
               &self->watched_events, &self->events_changed_id);
  watch_model (self, story != NULL ? dl_story_get_places (story) : NULL,
               &self->watched_places, &self->places_changed_id);
}

/* The places of the shown events, and the places no event uses yet: a place just added
 * must show to be worked on. */
static GArray *
visible_places_of_events (DlMapView *self,
                          DlStory   *story)
{
  GPtrArray *events = dl_view_state_peek_events (self->state);
  GPtrArray *peeked = dl_view_state_peek_shown (self->state);
  g_autoptr(GPtrArray) shown = peeked != NULL ? g_ptr_array_ref (peeked)
                                              : dl_view_state_dup_shown (self->state);
  gboolean all = shown->len == events->len;
  g_autoptr(GArray) counted = NULL;
  GPtrArray *unused;
  GArray *visible;

  if (self->tally != NULL && dl_place_tally_is_for (self->tally, events))
    {
      if (all && self->all_visible != NULL)
        return g_array_ref (self->all_visible);
      if (!all && self->filtered_visible != NULL)
        return g_array_ref (self->filtered_visible);
    }
  if (self->tally == NULL || !dl_place_tally_is_for (self->tally, events))
    {
      forget_counts (self);
      self->tally = dl_place_tally_new (story, events);
    }
  counted = dl_place_tally_count (self->tally, shown);
  /* never with the view state's own arrays; should it change, a pass over the events */
  if (counted == NULL)
    {
      all = FALSE;
      counted = dl_visible_places_of (story, shown);
    }
  unused = dl_place_tally_peek_unused (self->tally);
  if (unused->len == 0)
    visible = g_steal_pointer (&counted);
  else
    {
      visible = g_array_sized_new (FALSE, TRUE, sizeof (DlPlaceSummary),
                                   counted->len + unused->len);
      g_array_append_vals (visible, counted->data, counted->len);
      for (guint i = 0; i < unused->len; i++)
        {
          DlPlaceSummary summary = { unused->pdata[i], 0, NULL };

          g_array_append_val (visible, summary);
        }
    }
  if (all)
    self->all_visible = g_array_ref (visible);
  else
    self->filtered_visible = g_array_ref (visible);
  return visible;
}

/* The places to show: those with shown events, or every place of a plain map. Not to be
 * changed: the same array may be given again. */
static GArray *
visible_places (DlMapView *self)
{
  DlStory *story = dl_view_state_get_story (self->state);
  GArray *visible;
  GListModel *places;

  /* a change of the filter asks several times: one count serves them all */
  if (self->visible_now != NULL)
    return g_array_ref (self->visible_now);
  if (story_has_events (story))
    return visible_places_of_events (self, story);

  places = dl_story_get_places (story);
  visible = g_array_sized_new (FALSE, TRUE, sizeof (DlPlaceSummary),
                               g_list_model_get_n_items (places));
  if (DL_IS_OBJECT_LIST (places))
    {
      /* no reference taken and dropped on each of a million places */
      guint n;
      DlPlace **items = (DlPlace **) dl_object_list_peek (DL_OBJECT_LIST (places), &n);

      for (guint i = 0; i < n; i++)
        {
          DlPlaceSummary summary = { items[i], 0, NULL };

          if (dl_place_has_location (items[i]))
            g_array_append_val (visible, summary);
        }
      return visible;
    }
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlPlaceSummary summary = { place, 0, NULL };

      if (dl_place_has_location (place))
        g_array_append_val (visible, summary);
    }
  return visible;
}

/* The box around the places of @visible (NULL: those visible_places() gives). */
static gboolean
get_visible_bounds (DlMapView *self,
                    GArray    *visible,
                    DlLonLat  *sw,
                    DlLonLat  *ne)
{
  g_autoptr(GArray) own = visible == NULL ? visible_places (self) : NULL;
  g_autoptr(GPtrArray) places = g_ptr_array_sized_new (visible != NULL ? visible->len : 0);

  if (visible == NULL)
    visible = own;

  for (guint i = 0; i < visible->len; i++)
    g_ptr_array_add (places, g_array_index (visible, DlPlaceSummary, i).place);
  return dl_places_get_bounds (places, sw, ne);
}

/* The view is at @lat, @lon, @zoom now (as dl_map_view_is_moving() tells). */
static gboolean
is_at (DlMapView *self,
       double     lat,
       double     lon,
       double     zoom)
{
  lat = CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  lon = CLAMP (lon, SHUMATE_MIN_LONGITUDE, SHUMATE_MAX_LONGITUDE);
  return fabs (shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)) - lat) < 1e-6
         && fabs (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)) - lon)
            < 1e-6
         && fabs (shumate_viewport_get_zoom_level (self->viewport) - zoom) < 1e-3;
}

/* An animated move, remembered until the view gets there (dl_map_view_is_moving()). */
static void
go_to (DlMapView *self,
       double     lat,
       double     lon,
       double     zoom)
{
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (self->viewport),
                shumate_viewport_get_max_zoom_level (self->viewport));
  /* Already there: a flight to where the map is would redraw every layer at each step
   * for nothing (a filter changed and changed back frames the same). */
  if (!dl_map_view_is_moving (self) && is_at (self, lat, lon, zoom))
    return;
  self->goal[0] = CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  self->goal[1] = CLAMP (lon, SHUMATE_MIN_LONGITUDE, SHUMATE_MAX_LONGITUDE);
  self->goal[2] = zoom;
  self->has_goal = TRUE;
  shumate_map_go_to_full (self->map, lat, lon, zoom);
}

static void
stop_go_to (DlMapView *self)
{
  self->has_goal = FALSE;
  shumate_map_stop_go_to (self->map);
}

static void
move_to_bounds (DlMapView      *self,
                const DlLonLat *sw,
                const DlLonLat *ne,
                double          max_zoom,
                gboolean        animate)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double lat, lon, zoom;

  if (width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      self->fit_pending_focus = FALSE;
      self->fit_pending_box = FALSE;
      return;
    }

  dl_map_compute_fit (sw, ne, width, height, FIT_PADDING,
                      shumate_viewport_get_min_zoom_level (self->viewport),
                      MIN (max_zoom, shumate_viewport_get_max_zoom_level (self->viewport)),
                      &lat, &lon, &zoom);
  /* reduced motion (gtk-enable-animations off): jump */
  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations",
                  &animate, NULL);
  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    go_to (self, lat, lon, zoom);
  else
    {
      stop_go_to (self);
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_map_center_on (self->map, lat, lon);
    }
}

/* A line of a plain map, not a route of the story: drawn by the shape layer and clicked
 * on itself, with neither a marker nor a dot at its middle. */
static gboolean
is_plain_line (DlPlace *place)
{
  return dl_place_get_shape (place) == DL_PLACE_SHAPE_ROUTE && !dl_place_is_route (place);
}

/* How far from a plain line its name and the others keep, in pixels. */
static double
plain_line_reach (DlPlace *place)
{
  DlPlaceStyle style;
  double reach;

  dl_place_get_style (place, &style);
  /* the shape layer's 2.5 pixels when the map sets no stroke-width */
  reach = (style.stroke_width >= 0 ? style.stroke_width : 2.5) / 2 + 3;
  dl_place_style_clear (&style);
  return reach;
}

/* Among the dots, the only story names are the plain lines' (a place's dot has none):
 * beside the lines, which no name crosses. */
static void
update_point_line_names (DlMapView *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GArray) radii = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lats = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) priorities = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer place;

  g_hash_table_iter_init (&iter, self->shown_actor);
  while (g_hash_table_iter_next (&iter, &place, NULL))
    {
      DlLonLat anchor;
      double reach;

      if (!is_plain_line (place))
        continue;
      anchor = dl_place_get_anchor (place);
      reach = plain_line_reach (place);
      g_ptr_array_add (lines, place);
      g_ptr_array_add (texts, (gpointer) dl_place_get_name (place));
      g_array_append_val (radii, reach);
      g_array_append_val (lats, anchor.lat);
      g_array_append_val (lons, anchor.lon);
    }
  g_array_set_size (priorities, lines->len);
  dl_label_layer_set_lines (self->label_layer, (DlPlace **) lines->pdata,
                            (double *) radii->data, lines->len);
  dl_label_layer_set_names (self->label_layer, (const char * const *) texts->pdata,
                            (double *) lats->data, (double *) lons->data,
                            (double *) radii->data, (double *) priorities->data, lines->len);
}

/* Base-map names give way to the dots and clusters in view: only those, so that the
 * label layer's work per frame stays bounded by the window, not by the story. */
static void
update_point_obstacles (DlMapView *self)
{
  g_autoptr(GArray) clusters = NULL;
  g_autofree double *lats = NULL;
  g_autofree double *lons = NULL;
  g_autofree double *radii = NULL;

  if (!self->use_points)
    return;
  clusters = dl_point_layer_list_clusters (self->point_layer,
                                           dl_point_layer_get_cluster_zoom (self->point_layer),
                                           TRUE);
  lats = g_new (double, MAX (clusters->len, 1));
  lons = g_new (double, MAX (clusters->len, 1));
  radii = g_new (double, MAX (clusters->len, 1));
  for (guint i = 0; i < clusters->len; i++)
    {
      const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);

      lats[i] = cluster->latitude;
      lons[i] = cluster->longitude;
      radii[i] = cluster->radius + 2;
    }
  dl_label_layer_set_obstacles (self->label_layer, lats, lons, radii, clusters->len);
}

/* The shown markers (not hidden by the filter), with the places they stand for. */
static GPtrArray *
shown_markers (DlMapView *self)
{
  GPtrArray *shown = g_ptr_array_new ();

  for (guint i = 0; i < self->marker_order->len; i++)
    if (gtk_widget_get_visible (self->marker_order->pdata[i]))
      g_ptr_array_add (shown, self->marker_order->pdata[i]);
  return shown;
}

/* Where the shown markers are at the current zoom, in world pixels. */
static DlClusterPoint *
cluster_points (DlMapView *self,
                GPtrArray *markers,
                double     zoom)
{
  DlClusterPoint *points = g_new0 (DlClusterPoint, MAX (markers->len, 1));

  for (guint i = 0; i < markers->len; i++)
    {
      DlLonLat anchor = dl_place_get_anchor (dl_marker_get_place (markers->pdata[i]));

      dl_mercator_project (anchor.lon, anchor.lat, zoom, &points[i].x, &points[i].y);
      points[i].weight = dl_marker_get_n_events (markers->pdata[i]);
    }
  return points;
}

/* Markers closer than their size merge into a cluster that says how many places it
 * holds; the story's names follow: a cluster is named for its main place, "+2". */
static void
update_clusters (DlMapView *self)
{
  g_autoptr(GPtrArray) markers = shown_markers (self);
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  g_autofree DlClusterPoint *points = cluster_points (self, markers, zoom);
  g_autofree guint *leader = dl_marker_clusters (points, markers->len, DL_MARKER_DIAMETER);
  g_autofree guint *n_more = g_new0 (guint, markers->len + 1);
  g_autofree guint *n_events = g_new0 (guint, markers->len + 1);
  /* the shown markers' names, then the plain lines' (their markers are hidden) */
  guint n_names = self->marker_order->len + 1;
  g_autofree char **texts = g_new0 (char *, n_names);
  g_autofree double *lats = g_new0 (double, n_names);
  g_autofree double *lons = g_new0 (double, n_names);
  g_autofree double *radii = g_new0 (double, n_names);
  g_autofree double *priorities = g_new0 (double, n_names);
  guint n = 0;

  self->cluster_zoom = zoom;
  for (guint i = 0; i < markers->len; i++)
    {
      n_events[leader[i]] += dl_marker_get_n_events (markers->pdata[i]);
      if (leader[i] != i)
        n_more[leader[i]]++;
    }

  for (guint i = 0; i < markers->len; i++)
    {
      DlMarker *marker = markers->pdata[i];
      DlPlace *place = dl_marker_get_place (marker);
      DlLonLat anchor = dl_place_get_anchor (place);

      dl_marker_set_in_cluster (marker, leader[i] != i);
      dl_marker_set_cluster (marker, n_more[i], n_events[i]);
      if (leader[i] != i)
        continue;
      if (n_more[i] > 0)
        /* TRANSLATORS: the name of a cluster of places on the map: its main place and
         * how many others it holds */
        texts[n] = g_strdup_printf (_("%s +%u"), dl_place_get_name (place), n_more[i]);
      else
        texts[n] = g_strdup (dl_place_get_name (place));
      lats[n] = anchor.lat;
      lons[n] = anchor.lon;
      radii[n] = dl_marker_get_diameter (marker) / 2.0 + 2;
      /* More events first; a route's long name last. */
      priorities[n] = dl_place_get_shape (place) == DL_PLACE_SHAPE_ROUTE ? 0 : n_events[i] + 1;
      n++;
    }
  {
    g_autoptr(GPtrArray) lines = g_ptr_array_new ();
    g_autoptr(GArray) line_radii = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < self->marker_order->len; i++)
      {
        DlPlace *place = dl_marker_get_place (self->marker_order->pdata[i]);

        DlLonLat anchor = dl_place_get_anchor (place);
        double reach;

        if (!is_plain_line (place) || !g_hash_table_contains (self->shown_actor, place))
          continue;
        reach = plain_line_reach (place);
        g_ptr_array_add (lines, place);
        g_array_append_val (line_radii, reach);
        /* its name beside it, at its middle; after the markers' names */
        texts[n] = g_strdup (dl_place_get_name (place));
        lats[n] = anchor.lat;
        lons[n] = anchor.lon;
        radii[n] = reach;
        priorities[n++] = 0;
      }
    dl_label_layer_set_lines (self->label_layer, (DlPlace **) lines->pdata,
                              (double *) line_radii->data, lines->len);
  }
  dl_label_layer_set_names (self->label_layer, (const char * const *) texts, lats, lons,
                            radii, priorities, n);
  for (guint i = 0; i < n; i++)
    g_free (texts[i]);
}

/* The legend keys the colours the shown markers and areas wear, in the story's order. */
/* @place is shown in @actor's colour (or neutral), or, with @shown FALSE, not at all. */
static void
set_shown_actor (DlMapView *self,
                 DlPlace   *place,
                 gboolean   shown,
                 DlActor   *actor)
{
  /* a million plain dots find the table empty: no hashing */
  gboolean any = g_hash_table_size (self->shown_actor) > 0;
  gpointer had;

  if (any && g_hash_table_lookup_extended (self->shown_actor, place, NULL, &had)
      && had != NULL)
    {
      guint uses = GPOINTER_TO_UINT (g_hash_table_lookup (self->actor_uses, had));

      if (uses <= 1)
        g_hash_table_remove (self->actor_uses, had);
      else
        g_hash_table_insert (self->actor_uses, had, GUINT_TO_POINTER (uses - 1));
    }
  /* only what is read again is kept: a million plain dots need no entry */
  if (!shown || (actor == NULL && !is_plain_line (place)))
    {
      if (any)
        g_hash_table_remove (self->shown_actor, place);
      return;
    }
  g_hash_table_insert (self->shown_actor, place, actor);
  if (actor != NULL)
    g_hash_table_insert (self->actor_uses, actor,
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                           self->actor_uses, actor)) + 1));
}

static void
update_legend (DlMapView *self)
{
  GListModel *actors = dl_story_get_actors (dl_view_state_get_story (self->state));
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);

      if (g_hash_table_contains (self->actor_uses, actor))
        g_ptr_array_add (shown, g_steal_pointer (&actor));
    }
  dl_map_legend_set_actors (self->legend, shown);
}

static void update_markers_for (DlMapView *self,
                                GArray    *visible);

static void
update_markers (DlMapView *self)
{
  g_autoptr(GArray) visible = NULL;

  if (self->state == NULL || dl_view_state_get_story (self->state) == NULL)
    return;
  visible = visible_places (self);
  update_markers_for (self, visible);
}

/* The map shows the places of @visible (an array of DlPlaceSummary), and only those. */
static void
update_markers_for (DlMapView *self,
                    GArray    *visible)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) lats = NULL;
  g_autoptr(GArray) lons = NULL;
  g_autoptr(GArray) radii = NULL;
  g_autoptr(GArray) dots = NULL;

  /* every event shown again, as they were last: nothing to redo */
  if (visible == self->all_visible && self->showing_all)
    return;
  self->showing_all = visible == self->all_visible;
  g_hash_table_remove_all (self->shown_actor);
  g_hash_table_remove_all (self->actor_uses);
  /* Shapes are few (areas and routes): re-adding them is cheaper than finding the hidden
   * ones among every place. */
  if (self->use_points)
    dl_shape_layer_clear (self->shape_layer);
  /* one pass over the places: with a million, each pass is a tenth of a second */
  for (guint i = 0; i < visible->len; i++)
    {
      DlPlaceSummary *summary = &g_array_index (visible, DlPlaceSummary, i);
      DlPlaceShape shape;

      set_shown_actor (self, summary->place, TRUE, summary->actor);
      if (!self->use_points)
        continue;
      /* a plain line is drawn, with no dot at its middle: the dots are a copy of @visible
       * only when there is one */
      shape = dl_place_get_shape (summary->place);
      if (shape == DL_PLACE_SHAPE_ROUTE && !dl_place_is_route (summary->place))
        {
          if (dots == NULL)
            {
              dots = g_array_sized_new (FALSE, FALSE, sizeof (DlPlaceSummary), visible->len);
              g_array_append_vals (dots, visible->data, i);
            }
        }
      else if (dots != NULL)
        g_array_append_val (dots, *summary);
      if (shape != DL_PLACE_SHAPE_POINT)
        dl_shape_layer_set_place (self->shape_layer, summary->place, summary->actor, FALSE);
    }
  update_legend (self);
  if (self->use_points)
    {
      dl_point_layer_set_places (self->point_layer, dots != NULL ? dots : visible);
      update_point_obstacles (self);
      update_point_line_names (self);
      return;
    }
  lats = g_array_sized_new (FALSE, FALSE, sizeof (double), visible->len);
  lons = g_array_sized_new (FALSE, FALSE, sizeof (double), visible->len);
  radii = g_array_sized_new (FALSE, FALSE, sizeof (double), visible->len);
  for (guint i = 0; i < visible->len; i++)
    {
      DlPlaceSummary *summary = &g_array_index (visible, DlPlaceSummary, i);
      DlMarker *marker = g_hash_table_lookup (self->markers, summary->place);

      g_hash_table_add (shown, summary->place);
      if (marker != NULL)
        {
          DlLonLat anchor = dl_place_get_anchor (summary->place);
          double radius = DL_MARKER_DIAMETER / 2.0 + 2;

          dl_marker_update (marker, summary->n_shown, summary->actor);
          /* a plain line is clicked on itself: no marker at its middle */
          gtk_widget_set_visible (GTK_WIDGET (marker),
                                  dl_place_get_shape (summary->place) != DL_PLACE_SHAPE_ROUTE
                                  || dl_place_is_route (summary->place));
          g_array_append_val (lats, anchor.lat);
          g_array_append_val (lons, anchor.lon);
          g_array_append_val (radii, radius);
        }
      dl_shape_layer_set_place (self->shape_layer, summary->place, summary->actor, FALSE);
    }

  for (guint i = 0; i < self->marker_order->len; i++)
    {
      DlMarker *marker = self->marker_order->pdata[i];
      DlPlace *place = dl_marker_get_place (marker);

      if (!g_hash_table_contains (shown, place))
        {
          gtk_widget_set_visible (GTK_WIDGET (marker), FALSE);
          dl_shape_layer_remove_place (self->shape_layer, place);
        }
    }

  /* Base-map names give way to the story's markers. */
  dl_label_layer_set_obstacles (self->label_layer, (double *) lats->data,
                                (double *) lons->data, (double *) radii->data, lats->len);
  update_clusters (self);
}

/* The places of the selection: the selected place, else those of the selected events. */
static GHashTable *
selected_places (DlMapView *self)
{
  GPtrArray *selected = dl_view_state_get_selected_events (self->state);
  DlPlace *selected_place = dl_view_state_get_selected_place (self->state);
  GHashTable *places = g_hash_table_new (NULL, NULL);

  if (selected_place != NULL)
    g_hash_table_add (places, selected_place);
  else
    for (guint i = 0; i < selected->len; i++)
      {
        DlEvent *event = selected->pdata[i];

        for (guint j = 0; j < dl_event_get_n_places (event); j++)
          g_hash_table_add (places, dl_event_get_place (event, j, NULL));
      }
  return places;
}

static void
update_selection (DlMapView *self)
{
  g_autoptr(GHashTable) places = selected_places (self);
  g_autoptr(GArray) visible = NULL;

  /* The shown places matter only for the shapes; a million dots and no area need no
   * pass over them per selection. */
  if (dl_shape_layer_get_n_shapes (self->shape_layer) > 0)
    visible = visible_places (self);
  else
    visible = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));

  if (self->use_points)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer place;

      g_hash_table_iter_init (&iter, places);
      while (g_hash_table_iter_next (&iter, &place, NULL))
        g_ptr_array_add (list, place);
      dl_point_layer_set_selected (self->point_layer, list);
    }
  for (guint i = 0; i < self->marker_order->len; i++)
    {
      DlMarker *marker = self->marker_order->pdata[i];

      dl_marker_set_selected (marker,
                              g_hash_table_contains (places, dl_marker_get_place (marker)));
    }
  for (guint i = 0; i < visible->len; i++)
    {
      DlPlaceSummary *summary = &g_array_index (visible, DlPlaceSummary, i);

      if (dl_place_get_shape (summary->place) == DL_PLACE_SHAPE_POINT)
        continue;
      dl_shape_layer_set_place (self->shape_layer, summary->place, summary->actor,
                                g_hash_table_contains (places, summary->place));
    }
}

/* Selecting events from the list or the article brings their places into view: one city
 * at city level, places further apart whole. */
static void
move_to_selection (DlMapView *self)
{
  GPtrArray *selected = dl_view_state_get_selected_events (self->state);
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  DlLonLat sw, ne;

  for (guint i = 0; i < selected->len; i++)
    {
      DlEvent *event = selected->pdata[i];

      for (guint j = 0; j < dl_event_get_n_places (event); j++)
        g_ptr_array_add (places, dl_event_get_place (event, j, NULL));
    }
  if (dl_places_get_bounds (places, &sw, &ne))
    {
      double max_zoom = FIT_MAX_ZOOM;

      if (dl_focus_distance_km (sw.lon, sw.lat, ne.lon, ne.lat) <= CITY_SPAN_KM)
        max_zoom = CITY_ZOOM;
      move_to_bounds (self, &sw, &ne, max_zoom, TRUE);
    }
}

static int
compare_n_events (gconstpointer a,
                  gconstpointer b)
{
  guint na = dl_place_get_n_events (*(DlPlace * const *) a);
  guint nb = dl_place_get_n_events (*(DlPlace * const *) b);

  return (na > nb) - (na < nb);
}

/* Dragging a marker moves its place: the marker follows the pointer, and at the end the
 * view says where to ("place-dragged"); the place itself moves by an undoable step. */
static void
marker_drag_update_cb (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       DlMapView      *self)
{
  DlMarker *marker = DL_MARKER (gtk_event_controller_get_widget (
                                  GTK_EVENT_CONTROLLER (gesture)));
  DlLonLat anchor = dl_place_get_anchor (dl_marker_get_place (marker));
  double x, y, lat, lon;

  if (gtk_gesture_get_sequence_state (GTK_GESTURE (gesture),
                                      gtk_gesture_get_last_updated_sequence (
                                        GTK_GESTURE (gesture))) != GTK_EVENT_SEQUENCE_CLAIMED)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (marker), 0, 0, (int) dx, (int) dy))
        return;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  shumate_viewport_location_to_widget_coords (self->viewport, GTK_WIDGET (self->map),
                                              anchor.lat, anchor.lon, &x, &y);
  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map),
                                              x + dx, y + dy, &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (marker), lat, lon);
}

static void
marker_drag_end_cb (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    DlMapView      *self)
{
  DlMarker *marker = DL_MARKER (gtk_event_controller_get_widget (
                                  GTK_EVENT_CONTROLLER (gesture)));
  DlPlace *place = dl_marker_get_place (marker);
  DlLonLat anchor = dl_place_get_anchor (place);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (marker));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (marker));

  if (lat == anchor.lat && lon == anchor.lon)
    return;
  /* back where the place is until the move is made */
  shumate_location_set_location (SHUMATE_LOCATION (marker), anchor.lat, anchor.lon);
  g_signal_emit (self, signals[PLACE_DRAGGED], 0, place, lat, lon);
}

static void
point_dragged_cb (DlMapView *self,
                  DlPlace   *place,
                  double     lat,
                  double     lon)
{
  g_signal_emit (self, signals[PLACE_DRAGGED], 0, place, lat, lon);
}

static DlMarker *
marker_new (DlMapView *self,
            DlPlace   *place)
{
  DlMarker *marker = dl_marker_new (place);
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_visible (GTK_WIDGET (marker), FALSE);
  g_signal_connect_object (marker, "activated", G_CALLBACK (marker_activated_cb), self, 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (marker_drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (marker_drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (marker), GTK_EVENT_CONTROLLER (drag));
  return marker;
}

static void
story_changed_cb (DlViewState *state,
                  DlMapView   *self)
{
  DlStory *story = dl_view_state_get_story (state);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GArray) visible = NULL;
  GListModel *places;

  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
  if (self->chooser != NULL)
    gtk_popover_popdown (self->chooser);
  self->popover_place = NULL;
  self->cluster_zoom = -1;
  shumate_marker_layer_remove_all (self->marker_layer);
  g_hash_table_remove_all (self->markers);
  g_ptr_array_set_size (self->marker_order, 0);
  g_hash_table_remove_all (self->shown_actor);
  g_hash_table_remove_all (self->actor_uses);
  g_clear_pointer (&self->place_index, dl_place_index_free);
  forget_counts (self);
  watch_story (self, story);
  dl_shape_layer_clear (self->shape_layer);
  {
    g_autoptr(GArray) none = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));

    dl_point_layer_set_places (self->point_layer, none);
    dl_point_layer_set_selected (self->point_layer, NULL);
  }
  self->use_points = FALSE;
  update_step_actions (self);
  dl_label_layer_set_obstacles (self->label_layer, NULL, NULL, NULL, 0);
  dl_label_layer_set_names (self->label_layer, NULL, NULL, NULL, NULL, NULL, 0);
  dl_label_layer_set_lines (self->label_layer, NULL, NULL, 0);

  if (story == NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      dl_map_legend_set_actors (self->legend, none);
      return;
    }

  /* Decided once per story, on what it shows when opened (the filter starts empty). */
  visible = visible_places (self);
  self->use_points = visible->len > POINT_THRESHOLD;
  gtk_widget_set_visible (GTK_WIDGET (self->point_layer), self->use_points);
  gtk_widget_set_visible (GTK_WIDGET (self->marker_layer), !self->use_points);
  if (self->use_points)
    {
      DlLonLat sw, ne;

      /* the places are gathered once, not for each of the layer, the legend and the
       * first view: a million of them took a second each time */
      update_markers_for (self, visible);
      update_selection (self);
      if (get_visible_bounds (self, visible, &sw, &ne))
        move_to_bounds (self, &sw, &ne, FIT_MAX_ZOOM, FALSE);
      /* before the map has a size, its first allocation frames this box, not the places
       * gathered again */
      if (self->fit_pending)
        {
          self->fit_pending_box = TRUE;
          self->pending_sw = sw;
          self->pending_ne = ne;
        }
      return;
    }

  /* Later markers draw above earlier ones: where markers overlap, the place with more
   * events stays on top and readable. */
  places = dl_story_get_places (story);
  ordered = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      if (dl_place_has_location (place))
        g_ptr_array_add (ordered, g_steal_pointer (&place));
    }
  g_ptr_array_sort (ordered, compare_n_events);

  for (guint i = 0; i < ordered->len; i++)
    {
      DlPlace *place = ordered->pdata[i];
      DlMarker *marker = marker_new (self, place);

      shumate_marker_layer_add_marker (self->marker_layer, SHUMATE_MARKER (marker));
      g_hash_table_insert (self->markers, place, marker);
      g_ptr_array_add (self->marker_order, marker);
    }
  update_markers_for (self, visible);
  update_selection (self);
  dl_map_view_focus_shown (self, FALSE);
}

static gboolean
place_is_shown (DlMapView *self,
                DlPlace   *place)
{
  DlMarker *marker = g_hash_table_lookup (self->markers, place);
  DlStory *story = dl_view_state_get_story (self->state);
  g_autoptr(GPtrArray) events = NULL;

  if (marker != NULL)
    return gtk_widget_get_visible (GTK_WIDGET (marker));
  if (story == NULL)
    return FALSE;
  if (!story_has_events (story))
    return TRUE;
  events = dl_shown_events_at (story, dl_view_state_get_filter (self->state), place);
  return events->len > 0;
}

static void
filter_changed_cb (DlViewState *state,
                   DlMapView   *self)
{
  DlStory *story = dl_view_state_get_story (state);

  update_step_actions (self);
  g_clear_pointer (&self->filtered_visible, g_array_unref);
  /* A plain map shows every place whatever the filter: its dots stay as they are. */
  if (story != NULL && story_has_events (story))
    {
      self->visible_now = visible_places (self);
      update_markers (self);
    }
  update_selection (self);
  if (self->popover_place != NULL && !place_is_shown (self, self->popover_place))
    gtk_popover_popdown (self->popover);
  /* The map follows what is still shown. */
  dl_map_view_focus_shown (self, TRUE);
  g_clear_pointer (&self->visible_now, g_array_unref);
}

static void
selection_changed_cb (DlViewState *state,
                      DlMapView   *self)
{
  DlPlace *place = dl_view_state_get_selected_place (state);

  update_step_actions (self);
  update_selection (self);

  if (self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      if (self->popover_place == NULL || place != self->popover_place)
        gtk_popover_popdown (self->popover);
      else
        popover_update (self);
    }

  if (place == NULL)
    move_to_selection (self);
}

static gboolean
popover_point (DlMapView    *self,
               GdkRectangle *rect)
{
  DlLonLat anchor;
  double x, y;

  if (self->popover_place == NULL)
    return FALSE;

  anchor = dl_place_get_anchor (self->popover_place);
  shumate_viewport_location_to_widget_coords (self->viewport, GTK_WIDGET (self->map),
                                              anchor.lat, anchor.lon, &x, &y);
  rect->x = (int) floor (x - MARKER_SIZE / 2.0);
  rect->y = (int) floor (y - MARKER_SIZE / 2.0);
  rect->width = MARKER_SIZE;
  rect->height = MARKER_SIZE;
  return x >= 0 && y >= 0 && x <= gtk_widget_get_width (GTK_WIDGET (self))
         && y <= gtk_widget_get_height (GTK_WIDGET (self));
}

static void
viewport_changed_cb (ShumateViewport *viewport,
                     GParamSpec      *pspec,
                     DlMapView       *self)
{
  GdkRectangle rect;

  update_point_obstacles (self);
  if (!self->use_points
      && fabs (shumate_viewport_get_zoom_level (viewport) - self->cluster_zoom) > 1e-3)
    update_clusters (self);
  if (self->popover == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return;

  if (popover_point (self, &rect))
    {
      gtk_popover_set_pointing_to (self->popover, &rect);
      gtk_popover_present (self->popover);
    }
  /* An animated move towards the place can carry it out of view half-way (the zoom grows
   * faster than the centre closes in): only a view that has stopped elsewhere closes it. */
  else if (!dl_map_view_is_moving (self))
    gtk_popover_popdown (self->popover);
}

static void
show_in_article_clicked_cb (GtkButton *button,
                            DlMapView *self)
{
  DlEvent *event = g_object_get_data (G_OBJECT (button), "dl-event");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dl-passage"));

  /* The popover would cover the passage the reader asked for. */
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[SHOW_PASSAGE], 0, event, index);
}

static void
copy_location_clicked_cb (GtkButton *button,
                          DlMapView *self)
{
  DlPlace *place = g_object_get_data (G_OBJECT (button), "dl-place");
  DlLonLat anchor = dl_place_get_anchor (place);
  g_autofree char *text = dl_format_location (anchor.lat, anchor.lon);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  /* TRANSLATORS: tooltip of "Copy Location" once done; %s is the coordinates */
  {
    g_autofree char *done = g_strdup_printf (_("Copied “%s”"), text);

    gtk_widget_set_tooltip_text (GTK_WIDGET (button), done);
  }
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
event_card_new (DlMapView *self,
                DlEvent   *event)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *when = dl_event_format_when (event);
  guint n_passages = dl_event_get_n_passages (event);

  gtk_widget_add_css_class (box, "dl-event-card");
  if (when[0] != '\0')
    {
      GtkWidget *label = label_new (when, "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), label_new (dl_event_get_title (event), "heading"));

  for (guint i = 0; i < n_passages; i++)
    {
      const DlPassage *passage = dl_event_get_passage (event, i);
      /* TRANSLATORS: a quoted passage of the article */
      g_autofree char *quote = g_strdup_printf (_("“%s”"), passage->exact);

      gtk_box_append (GTK_BOX (box), label_new (quote, "dl-quote"));
    }

  if (n_passages > 0)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Show in Article"));
      g_autofree char *accessible_name = NULL;

      /* Every event of the card has this button: a screen reader must tell them apart. The
       * visible words come first, so voice control still finds them. */
      /* TRANSLATORS: accessible name of a "Show in Article" button; %s is an event title */
      accessible_name = g_strdup_printf (_("Show in Article: %s"), dl_event_get_title (event));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible_name, -1);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "dl-event", g_object_ref (event),
                              g_object_unref);
      g_object_set_data (G_OBJECT (button), "dl-passage", GUINT_TO_POINTER (0));
      g_signal_connect_object (button, "clicked", G_CALLBACK (show_in_article_clicked_cb),
                               self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static void
popover_update (DlMapView *self)
{
  DlPlace *place;
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *scrolled, *box;
  const char *kind;

  if (self->popover_place == NULL)
    return;

  place = self->popover_place;
  events = dl_shown_events_at (dl_view_state_get_story (self->state),
                               dl_view_state_get_filter (self->state), place);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), label_new (dl_place_get_name (place), "title-4"));
  /* a draft's suggested place: Accept, Edit, Reject */
  {
    GtkWidget *review = dl_review_buttons_new ();

    dl_review_buttons_set_item (DL_REVIEW_BUTTONS (review), G_OBJECT (place));
    gtk_box_append (GTK_BOX (box), review);
  }
  kind = dl_place_get_description (place);
  if (kind != NULL && kind[0] != '\0')
    {
      GtkWidget *label = label_new (kind, "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  {
    GtkWidget *details = dl_place_details_new (place);

    if (details != NULL)
      gtk_box_append (GTK_BOX (box), details);
  }
  {
    GtkWidget *copy = gtk_button_new_with_label (_("Copy Location"));

    gtk_widget_set_tooltip_text (copy, _("Copy the coordinates of the place"));
    gtk_widget_set_halign (copy, GTK_ALIGN_START);
    gtk_widget_add_css_class (copy, "flat");
    g_object_set_data_full (G_OBJECT (copy), "dl-place", g_object_ref (place), g_object_unref);
    g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_location_clicked_cb), self, 0);
    gtk_box_append (GTK_BOX (box), copy);
  }
  for (guint i = 0; i < events->len; i++)
    gtk_box_append (GTK_BOX (box), event_card_new (self, events->pdata[i]));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 340, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_popover_set_child (self->popover, scrolled);
}

static void
popover_closed_cb (GtkPopover *popover,
                   DlMapView  *self)
{
  DlMarker *marker = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->popover_place != NULL)
    marker = g_hash_table_lookup (self->markers, self->popover_place);
  self->popover_place = NULL;

  /* Escape (or a click elsewhere) hands the keyboard back to the marker the popover came
   * from, not to the start of the window; unless the reader already moved on. */
  if (marker != NULL && gtk_widget_get_visible (GTK_WIDGET (marker))
      && (focus == NULL || focus == GTK_WIDGET (popover)
          || gtk_widget_is_ancestor (focus, GTK_WIDGET (popover))))
    gtk_widget_grab_focus (dl_marker_get_button (marker));
}

static void
popover_open (DlMapView *self,
              DlPlace   *place)
{
  GdkRectangle rect;

  if (self->popover == NULL)
    {
      self->popover = GTK_POPOVER (gtk_popover_new ());
      gtk_widget_add_css_class (GTK_WIDGET (self->popover), "dl-place-popover");
      gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
      g_signal_connect_object (self->popover, "closed", G_CALLBACK (popover_closed_cb),
                               self, 0);
    }
  self->popover_place = place;
  popover_update (self);
  if (popover_point (self, &rect))
    gtk_popover_set_pointing_to (self->popover, &rect);
  gtk_popover_popup (self->popover);
}

static void
activate_place (DlMapView *self,
                DlPlace   *place)
{
  if (self->state == NULL)
    return;
  dl_view_state_select_place (self->state, place);
  /* a plain map's place has no event to select, but has its properties to show */
  if (dl_view_state_get_selected_place (self->state) == place
      || dl_place_get_n_events (place) == 0)
    popover_open (self, place);
}

static void
chooser_place_clicked_cb (GtkButton *button,
                          DlMapView *self)
{
  DlPlace *place = g_object_get_data (G_OBJECT (button), "dl-place");

  gtk_popover_popdown (self->chooser);
  activate_place (self, place);
}

static void
chooser_closed_cb (GtkPopover *popover,
                   DlMapView  *self)
{
  DlMarker *marker = g_object_get_data (G_OBJECT (popover), "dl-marker");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (marker != NULL && (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (popover))))
    gtk_widget_grab_focus (dl_marker_get_button (marker));
}

/* Places at one spot (a city, its palace and its mosque) never split by zooming: the
 * cluster fans them out as a list to pick from. */
static void
open_chooser (DlMapView *self,
              DlMarker  *marker,
              GPtrArray *members)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  graphene_rect_t bounds;

  if (self->chooser == NULL)
    {
      self->chooser = GTK_POPOVER (gtk_popover_new ());
      gtk_widget_add_css_class (GTK_WIDGET (self->chooser), "menu");
      gtk_widget_set_parent (GTK_WIDGET (self->chooser), GTK_WIDGET (self));
      g_signal_connect_object (self->chooser, "closed", G_CALLBACK (chooser_closed_cb),
                               self, 0);
    }
  g_object_set_data (G_OBJECT (self->chooser), "dl-marker", marker);
  for (guint i = 0; i < members->len; i++)
    {
      DlMarker *member = members->pdata[i];
      DlPlace *place = dl_marker_get_place (member);
      guint n = dl_marker_get_n_events (member);
      g_autofree char *text = NULL;
      GtkWidget *button, *label;

      if (n > 0)
        /* TRANSLATORS: a place among several at one spot of the map, with its events */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u event)",
                                             "%s (%u events)", n),
                                dl_place_get_name (place), n);
      else
        text = g_strdup (dl_place_get_name (place));
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "dl-place", place);
      g_signal_connect_object (button, "clicked", G_CALLBACK (chooser_place_clicked_cb),
                               self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (self->chooser, box);
  if (gtk_widget_compute_bounds (GTK_WIDGET (marker), GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (self->chooser, &(GdkRectangle) {
                                   (int) bounds.origin.x, (int) bounds.origin.y,
                                   (int) bounds.size.width, (int) bounds.size.height });
  gtk_popover_popup (self->chooser);
}

/* A click on a cluster zooms in until its places stand apart, or lists them when they
 * share one spot. */
static void
split_cluster (DlMapView *self,
               DlMarker  *marker)
{
  g_autoptr(GPtrArray) markers = shown_markers (self);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  g_autofree DlClusterPoint *points = cluster_points (self, markers, zoom);
  g_autofree guint *leader = dl_marker_clusters (points, markers->len, DL_MARKER_DIAMETER);
  g_autofree DlClusterPoint *mine = g_new0 (DlClusterPoint, markers->len + 1);
  double split;
  DlLonLat sw, ne;
  guint n = 0;

  if (!g_ptr_array_find (markers, marker, NULL))
    return;
  for (guint i = 0; i < markers->len; i++)
    if (markers->pdata[leader[i]] == (gpointer) marker)
      {
        g_ptr_array_add (members, markers->pdata[i]);
        g_ptr_array_add (places, dl_marker_get_place (markers->pdata[i]));
        mine[n++] = points[i];
      }

  split = dl_marker_clusters_split_zoom (mine, n, zoom, DL_MARKER_DIAMETER + 6);
  if (split > shumate_viewport_get_max_zoom_level (self->viewport)
      || !dl_places_get_bounds (places, &sw, &ne))
    {
      open_chooser (self, marker, members);
      return;
    }
  go_to (self, (sw.lat + ne.lat) / 2, (sw.lon + ne.lon) / 2, split);
}

static void
marker_activated_cb (DlMarker  *marker,
                     DlMapView *self)
{
  g_assert (DL_IS_MAP_VIEW (self));

  if (dl_marker_get_cluster_size (marker) > 0)
    split_cluster (self, marker);
  else
    activate_place (self, dl_marker_get_place (marker));
}

static void
place_activated_cb (DlPointLayer *layer,
                    DlPlace      *place,
                    DlMapView    *self)
{
  g_assert (DL_IS_MAP_VIEW (self));

  activate_place (self, place);
}

/* A click inside an area (the Golan Heights) selects it, as its marker does. Markers
 * claim their own clicks; a drag is no click. */
static void
map_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 DlMapView       *self)
{
  DlPlace *place;
  double lx, ly;

  if (n_press != 1 || self->state == NULL)
    return;
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->map),
                                         GTK_WIDGET (self->shape_layer), x, y, &lx, &ly))
    return;
  place = dl_shape_layer_area_at (self->shape_layer, lx, ly);
  if (place != NULL)
    activate_place (self, place);
}

/* One whole zoom level in or out from the nearest one, animated, around the centre. */
static void
zoom_by (DlMapView *self,
         int        step)
{
  double zoom = round (shumate_viewport_get_zoom_level (self->viewport)) + step;

  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (self->viewport),
                shumate_viewport_get_max_zoom_level (self->viewport));
  go_to (self, shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
         shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)), zoom);
}

static void
update_step_actions (DlMapView *self)
{
  gboolean has_story = self->state != NULL && dl_view_state_get_story (self->state) != NULL;

  gboolean previous = has_story && dl_step_event (self->state, -1) != NULL;
  gboolean next = has_story && dl_step_event (self->state, 1) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.previous-event", previous);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.next-event", next);
  /* The buttons say it themselves: GTK 4.8 loses the actions' state for buttons when the
   * window folds the map into a flap. */
  gtk_widget_set_sensitive (self->previous_button, previous);
  gtk_widget_set_sensitive (self->next_button, next);
}

static void
step (DlMapView *self,
      int        direction)
{
  DlEvent *event;

  if (self->state == NULL)
    return;
  event = dl_step_event (self->state, direction);
  if (event != NULL)
    dl_view_state_select_event (self->state, event);
}

static void
previous_clicked_cb (GtkButton *button,
                     DlMapView *self)
{
  step (self, -1);
}

static void
next_clicked_cb (GtkButton *button,
                 DlMapView *self)
{
  step (self, 1);
}

/* Previous and next event in time order: select it, and the map goes there. */
static void
step_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step (DL_MAP_VIEW (widget), g_str_equal (action_name, "map.next-event") ? 1 : -1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (DL_MAP_VIEW (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (DL_MAP_VIEW (widget), -1);
}

/* A place found with "Find a Place…": the map goes there, closer for a city than for a
 * country. */
static void
place_chosen_cb (DlPlaceSearch *search,
                 guint          index,
                 DlMapView     *self)
{
  DlGazetteer *gazetteer = dl_place_search_get_gazetteer (search);
  DlGazetteerEntry entry;
  double zoom = 9.0;

  if (gazetteer == NULL || !dl_gazetteer_get_entry (gazetteer, index, &entry))
    return;
  if (g_strcmp0 (entry.kind, "country") == 0 || g_strcmp0 (entry.kind, "continent") == 0)
    zoom = 5.0;
  else if (g_strcmp0 (entry.kind, "capital") != 0 && g_strcmp0 (entry.kind, "city") != 0)
    zoom = 7.0;
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (self->viewport),
                shumate_viewport_get_max_zoom_level (self->viewport));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    go_to (self, entry.lat, entry.lon, zoom);
  else
    {
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_map_center_on (self->map, entry.lat, entry.lon);
    }
}

static void
zoom_in_clicked_cb (GtkButton *button,
                    DlMapView *self)
{
  zoom_by (self, 1);
}

static void
zoom_out_clicked_cb (GtkButton *button,
                     DlMapView *self)
{
  zoom_by (self, -1);
}

/* Moves the view by a quarter of its size per step: (1, 0) is east, (0, 1) south. */
static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlMapView *self = DL_MAP_VIEW (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  dl_map_view_pan_by (self, dx * gtk_widget_get_width (GTK_WIDGET (self->map)) / 4.0,
                      dy * gtk_widget_get_height (GTK_WIDGET (self->map)) / 4.0);
}

static void
fit_clicked_cb (GtkButton *button,
                DlMapView *self)
{
  dl_map_view_fit_shown (self, TRUE);
}

/* The map's own background is the sea of the base map, so that the hairline gaps GTK
 * leaves between tiles at fractional zooms show sea, not white. */
static void
ensure_sea_css (GtkWidget *widget)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  const struct { const char *name; DlBasemapStyle style; } styles[] = {
    { "dl-sea-light", DL_BASEMAP_LIGHT },
    { "dl-sea-dark", DL_BASEMAP_DARK },
  };

  if (done)
    return;
  done = TRUE;

  css = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      double r, g, b;

      dl_basemap_get_color (styles[i].style, DL_BASEMAP_COLOR_SEA, &r, &g, &b);
      g_string_append_printf (css, "map.%s { background-color: rgb(%d, %d, %d); }\n",
                              styles[i].name, (int) (r * 255 + 0.5), (int) (g * 255 + 0.5),
                              (int) (b * 255 + 0.5));
    }
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, css->len);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
set_offline_style (DlMapView      *self,
                   DlBasemapStyle  style)
{
  g_autoptr(DlOfflineSource) source = NULL;
  ShumateLayer *layer;

  if (self->offline_source != NULL && self->style == style)
    return;

  self->style = style;
  ensure_sea_css (GTK_WIDGET (self));
  gtk_widget_remove_css_class (GTK_WIDGET (self->map),
                               style == DL_BASEMAP_DARK ? "dl-sea-light" : "dl-sea-dark");
  gtk_widget_add_css_class (GTK_WIDGET (self->map),
                            style == DL_BASEMAP_DARK ? "dl-sea-dark" : "dl-sea-light");
  source = dl_offline_source_new (style);
  layer = SHUMATE_LAYER (dl_tile_layer_new (self->viewport, source));

  /* The tile cache is per layer: a new style needs a new layer. */
  if (self->offline_layer != NULL)
    {
      shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (layer),
                                      SHUMATE_LAYER (self->offline_layer));
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->offline_layer));
      shumate_license_remove_map_source (self->license,
                                         SHUMATE_MAP_SOURCE (self->offline_source));
    }
  else
    shumate_map_add_layer (self->map, SHUMATE_LAYER (layer));

  self->offline_layer = layer;
  g_set_object (&self->offline_source, source);
  shumate_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (source));
  shumate_license_prepend_map_source (self->license, SHUMATE_MAP_SOURCE (source));
  if (self->label_layer != NULL)
    dl_label_layer_set_style (self->label_layer, style);
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 DlMapView       *self)
{
  set_offline_style (self, adw_style_manager_get_dark (manager) ? DL_BASEMAP_DARK
                                                                : DL_BASEMAP_LIGHT);
}

static void
dl_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  DlMapView *self = DL_MAP_VIEW (widget);

  gtk_widget_measure (self->overlay, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
dl_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  DlMapView *self = DL_MAP_VIEW (widget);

  /* Fit first: moving the viewport queues an allocation of the layers, which the
   * allocation below then satisfies. */
  if (self->fit_pending && width > 0 && height > 0)
    {
      self->fit_pending = FALSE;
      if (self->fit_pending_box)
        {
          self->fit_pending_box = FALSE;
          move_to_bounds (self, &self->pending_sw, &self->pending_ne, FIT_MAX_ZOOM, FALSE);
        }
      else if (self->fit_pending_focus)
        dl_map_view_focus_shown (self, FALSE);
      else
        dl_map_view_fit_shown (self, FALSE);
    }

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);

  if (self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_present (self->popover);
  if (self->chooser != NULL && gtk_widget_get_visible (GTK_WIDGET (self->chooser)))
    gtk_popover_present (self->chooser);
}

static void
dl_map_view_dispose (GObject *object)
{
  DlMapView *self = DL_MAP_VIEW (object);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  if (self->chooser != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->chooser));
  self->chooser = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_MAP_VIEW);
  self->overlay = NULL;
  g_clear_pointer (&self->markers, g_hash_table_unref);
  g_clear_pointer (&self->shown_actor, g_hash_table_unref);
  g_clear_pointer (&self->actor_uses, g_hash_table_unref);
  g_clear_pointer (&self->place_index, dl_place_index_free);
  forget_counts (self);
  watch_story (self, NULL);
  g_clear_pointer (&self->marker_order, g_ptr_array_unref);
  g_clear_object (&self->offline_source);
  g_clear_object (&self->osm_source);

  G_OBJECT_CLASS (dl_map_view_parent_class)->dispose (object);
}

static void
dl_map_view_class_init (DlMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_map_view_dispose;
  widget_class->measure = dl_map_view_measure;
  widget_class->size_allocate = dl_map_view_size_allocate;

  signals[SHOW_PASSAGE] =
    g_signal_new ("show-passage", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, DL_TYPE_EVENT, G_TYPE_UINT);
  /* A marker was dragged to latitude, longitude: the place is to move there. */
  signals[PLACE_DRAGGED] =
    g_signal_new ("place-dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, DL_TYPE_PLACE, G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, license);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, map);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, next_button);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, place_search);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, scale);
  gtk_widget_class_bind_template_callback (widget_class, fit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, place_chosen_cb);
  gtk_widget_class_bind_template_child (widget_class, DlMapView, previous_button);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_clicked_cb);

  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.previous-event", NULL, step_event_action);
  gtk_widget_class_install_action (widget_class, "map.next-event", NULL, step_event_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "map.previous-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "map.next-event", NULL);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);

  /* libshumate 1.0 has no key bindings: arrows pan and Ctrl+plus/minus zoom while the focus
   * is on the map (the window adds the zoom keys everywhere). */
  {
    const struct { guint key; int dx, dy; } arrows[] = {
      { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 },
      { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
      { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
      { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
      gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "map.pan", "(ii)",
                                           arrows[i].dx, arrows[i].dy);
  }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);

  gtk_widget_class_set_css_name (widget_class, "dl-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (DL_TYPE_PLACE_SEARCH);
  g_type_ensure (DL_TYPE_MAP_LEGEND);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
}

static void
dl_map_view_init (DlMapView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->markers = g_hash_table_new (NULL, NULL);
  self->shown_actor = g_hash_table_new (NULL, NULL);
  self->actor_uses = g_hash_table_new (NULL, NULL);
  self->marker_order = g_ptr_array_new ();
  self->viewport = shumate_map_get_viewport (self->map);
  shumate_scale_set_viewport (self->scale, self->viewport);

  /* Bottom to top: base map, labels, areas and routes, markers. */
  set_offline_style (self, adw_style_manager_get_dark (style_manager) ? DL_BASEMAP_DARK
                                                                      : DL_BASEMAP_LIGHT);
  self->label_layer = dl_label_layer_new (self->viewport, self->style);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->label_layer));
  self->shape_layer = dl_shape_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->shape_layer));
  self->marker_layer = shumate_marker_layer_new_full (self->viewport, GTK_SELECTION_NONE);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->marker_layer));
  self->point_layer = dl_point_layer_new (self->viewport);
  gtk_widget_set_visible (GTK_WIDGET (self->point_layer), FALSE);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->point_layer));
  g_signal_connect_object (self->point_layer, "place-activated",
                           G_CALLBACK (place_activated_cb), self, 0);
  /* a dot dragged: the same as a marker dragged */
  g_signal_connect_object (self->point_layer, "place-dragged",
                           G_CALLBACK (point_dragged_cb), self, G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "dl-area-click");
    g_signal_connect_object (click, "released", G_CALLBACK (map_released_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  }

  update_step_actions (self);

  /* A view of the whole Levant until a story says otherwise. */
  shumate_viewport_set_zoom_level (self->viewport, 3);
  shumate_map_center_on (self->map, 35, 30);

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (dark_changed_cb),
                           self, 0);
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (viewport_changed_cb),
                           self, 0);
}

GtkWidget *
dl_map_view_new (void)
{
  return g_object_new (DL_TYPE_MAP_VIEW, NULL);
}

void
dl_map_view_set_view_state (DlMapView   *self,
                            DlViewState *state)
{
  g_return_if_fail (DL_IS_MAP_VIEW (self));
  g_return_if_fail (DL_IS_VIEW_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect (state, "story-changed", G_CALLBACK (story_changed_cb), self);
  g_signal_connect (state, "filter-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect (state, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  story_changed_cb (state, self);
}

ShumateMap *
dl_map_view_get_map (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->map;
}

ShumateViewport *
dl_map_view_get_viewport (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->viewport;
}

DlMarker *
dl_map_view_get_marker (DlMapView *self,
                        DlPlace   *place)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return g_hash_table_lookup (self->markers, place);
}

GList *
dl_map_view_list_shown_markers (DlMapView *self)
{
  GList *shown = NULL;

  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  /* Read back from the marker layer: what is really on the map. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->marker_layer));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DL_IS_MARKER (child) && gtk_widget_get_visible (child))
      shown = g_list_prepend (shown, child);
  return g_list_reverse (shown);
}

GtkPopover *
dl_map_view_get_popover (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->popover;
}

void
dl_map_view_drag_marker (DlMapView *self,
                         DlPlace   *place,
                         double     lat,
                         double     lon)
{
  DlMarker *marker;

  g_return_if_fail (DL_IS_MAP_VIEW (self));
  g_return_if_fail (DL_IS_PLACE (place));

  marker = g_hash_table_lookup (self->markers, place);
  g_return_if_fail (marker != NULL);
  shumate_location_set_location (SHUMATE_LOCATION (marker), lat, lon);
  g_signal_emit (self, signals[PLACE_DRAGGED], 0, place, lat, lon);
  {
    DlLonLat anchor = dl_place_get_anchor (place);

    if (anchor.lat != lat || anchor.lon != lon)
      shumate_location_set_location (SHUMATE_LOCATION (marker), anchor.lat, anchor.lon);
  }
}

void
dl_map_view_sync_places (DlMapView *self)
{
  DlStory *story;

  g_return_if_fail (DL_IS_MAP_VIEW (self));

  if (self->state == NULL || (story = dl_view_state_get_story (self->state)) == NULL)
    return;
  /* made again at the next edit that needs it */
  g_clear_pointer (&self->place_index, dl_place_index_free);
  forget_counts (self);

  if (!self->use_points)
    {
      GListModel *places = dl_story_get_places (story);
      g_autoptr(GHashTable) in_story = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (places); i++)
        {
          g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
          DlMarker *marker = g_hash_table_lookup (self->markers, place);

          g_hash_table_add (in_story, place);
          if (marker == NULL)
            {
              marker = marker_new (self, place);
              shumate_marker_layer_add_marker (self->marker_layer, SHUMATE_MARKER (marker));
              g_hash_table_insert (self->markers, place, marker);
              g_ptr_array_add (self->marker_order, marker);
            }
          else
            {
              DlLonLat anchor = dl_place_get_anchor (place);

              shumate_location_set_location (SHUMATE_LOCATION (marker), anchor.lat,
                                             anchor.lon);
            }
        }

      for (guint i = self->marker_order->len; i-- > 0;)
        {
          DlMarker *marker = self->marker_order->pdata[i];
          DlPlace *place = dl_marker_get_place (marker);

          if (g_hash_table_contains (in_story, place))
            continue;
          if (self->popover_place == place)
            gtk_popover_popdown (self->popover);
          dl_shape_layer_remove_place (self->shape_layer, place);
          g_hash_table_remove (self->markers, place);
          g_ptr_array_remove_index (self->marker_order, i);
          shumate_marker_layer_remove_marker (self->marker_layer, SHUMATE_MARKER (marker));
        }
    }

  update_markers (self);
  update_selection (self);
  if (self->popover_place != NULL && self->popover != NULL
      && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    popover_update (self);
}

/**
 * dl_map_view_update_places:
 * @self: a map view
 * @places: (element-type DlPlace): places of the story an edit touched (moved, or that
 *   lost or gained events)
 * @events: (element-type DlEvent): events it touched (added, moved in time, given other
 *   places or actors)
 *
 * Shows @places as they now are (where, how many shown events, which colour), leaving
 * every other place as it is: after an edit, the map's work is in proportion to what
 * the edit touched (the events at those places), not to the story.
 */
void
dl_map_view_update_places (DlMapView *self,
                           GPtrArray *places,
                           GPtrArray *events)
{
  DlStory *story;
  g_autoptr(GArray) summaries = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  g_autoptr(GHashTable) selected = NULL;
  gboolean has_events;

  g_return_if_fail (DL_IS_MAP_VIEW (self));
  g_return_if_fail (places != NULL);
  g_return_if_fail (events != NULL);

  if (self->state == NULL || (story = dl_view_state_get_story (self->state)) == NULL)
    return;
  /* the tally takes in an edit that left the events and places where they were */
  if (self->tally != NULL
      && dl_place_tally_is_for (self->tally, dl_view_state_peek_events (self->state))
      && dl_place_tally_update (self->tally, events, places))
    forget_visible (self);
  else
    forget_counts (self);
  /* a place with a location and no marker yet: the markers are remade */
  for (guint i = 0; !self->use_points && i < places->len; i++)
    if (dl_place_has_location (places->pdata[i])
        && !g_hash_table_contains (self->markers, places->pdata[i]))
      {
        dl_map_view_sync_places (self);
        return;
      }

  if (self->place_index == NULL)
    self->place_index = dl_place_index_new (story);
  else
    {
      dl_place_index_touch_events (self->place_index, events);
      for (guint i = 0; i < places->len; i++)
        dl_place_index_touch_place (self->place_index, places->pdata[i]);
    }
  has_events = story_has_events (story);
  summaries = dl_place_summaries (story, dl_view_state_get_filter (self->state), places,
                                  self->place_index);
  shown = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));
  selected = selected_places (self);
  for (guint i = 0; i < summaries->len; i++)
    {
      DlPlaceSummary *summary = &g_array_index (summaries, DlPlaceSummary, i);
      DlPlace *place = summary->place;
      DlMarker *marker = g_hash_table_lookup (self->markers, place);
      /* as visible_places () decides */
      gboolean is_shown = has_events ? (summary->n_shown > 0 && dl_place_has_location (place))
                                       || dl_place_get_n_events (place) == 0
                                     : dl_place_has_location (place);

      set_shown_actor (self, place, is_shown, summary->actor);
      if (is_shown && !is_plain_line (place))
        g_array_append_val (shown, *summary);
      else
        g_ptr_array_add (hidden, place);

      /* as update_markers () does: every place of the markers, the areas and routes only
       * among the dots */
      if (!self->use_points || dl_place_get_shape (place) != DL_PLACE_SHAPE_POINT)
        {
          if (is_shown)
            dl_shape_layer_set_place (self->shape_layer, place, summary->actor,
                                      g_hash_table_contains (selected, place));
          else
            dl_shape_layer_remove_place (self->shape_layer, place);
        }
      if (marker != NULL)
        {
          DlLonLat anchor = dl_place_get_anchor (place);

          shumate_location_set_location (SHUMATE_LOCATION (marker), anchor.lat, anchor.lon);
          if (is_shown)
            dl_marker_update (marker, summary->n_shown, summary->actor);
          gtk_widget_set_visible (GTK_WIDGET (marker), is_shown && !is_plain_line (place));
          dl_marker_set_selected (marker, g_hash_table_contains (selected, place));
        }
    }
  update_legend (self);

  if (self->use_points)
    {
      dl_point_layer_update_places (self->point_layer, shown, hidden);
      update_point_obstacles (self);
      update_point_line_names (self);
    }
  else
    {
      g_autoptr(GArray) lats = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) radii = g_array_new (FALSE, FALSE, sizeof (double));

      /* at most POINT_THRESHOLD markers: their names and clusters are redone whole */
      for (guint i = 0; i < self->marker_order->len; i++)
        {
          DlMarker *marker = self->marker_order->pdata[i];
          DlLonLat anchor = dl_place_get_anchor (dl_marker_get_place (marker));
          double radius = DL_MARKER_DIAMETER / 2.0 + 2;

          if (!gtk_widget_get_visible (GTK_WIDGET (marker)))
            continue;
          g_array_append_val (lats, anchor.lat);
          g_array_append_val (lons, anchor.lon);
          g_array_append_val (radii, radius);
        }
      dl_label_layer_set_obstacles (self->label_layer, (double *) lats->data,
                                    (double *) lons->data, (double *) radii->data, lats->len);
      update_clusters (self);
    }

  if (self->popover_place != NULL && self->popover != NULL
      && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    popover_update (self);
}

void
dl_map_view_fit_shown (DlMapView *self,
                       gboolean   animate)
{
  DlStory *story;
  DlLonLat sw, ne;

  g_return_if_fail (DL_IS_MAP_VIEW (self));

  if (self->state == NULL || (story = dl_view_state_get_story (self->state)) == NULL)
    return;
  if (story_has_events (story))
    {
      if (get_visible_bounds (self, NULL, &sw, &ne))
        move_to_bounds (self, &sw, &ne, FIT_MAX_ZOOM, animate);
      return;
    }
  if (!self->plain_bounds_known)
    {
      self->plain_has_bounds = get_visible_bounds (self, NULL, &self->plain_sw,
                                                   &self->plain_ne);
      self->plain_bounds_known = TRUE;
    }
  if (self->plain_has_bounds)
    move_to_bounds (self, &self->plain_sw, &self->plain_ne, FIT_MAX_ZOOM, animate);
}

/**
 * dl_map_view_focus_shown:
 * @self: a map view
 * @animate: fly there when the map is on screen
 *
 * Frames where the shown part of the story happens (dl_focus_get_bounds()): the first
 * view of a story, and the view after a change of the filter.
 */
void
dl_map_view_focus_shown (DlMapView *self,
                         gboolean   animate)
{
  g_autoptr(GArray) visible = NULL;
  DlLonLat sw, ne;

  g_return_if_fail (DL_IS_MAP_VIEW (self));

  if (self->state == NULL || dl_view_state_get_story (self->state) == NULL)
    return;
  /* Hundreds of dots are a data map, not a story told in a few places: show them all. */
  if (self->use_points)
    {
      dl_map_view_fit_shown (self, animate);
      return;
    }
  visible = visible_places (self);
  if (!dl_focus_get_bounds (visible, &sw, &ne))
    return;
  move_to_bounds (self, &sw, &ne, FIT_MAX_ZOOM, animate);
  if (self->fit_pending)
    self->fit_pending_focus = TRUE;
}

void
dl_map_view_set_osm (DlMapView *self,
                     gboolean   osm)
{
  g_return_if_fail (DL_IS_MAP_VIEW (self));

  osm = !!osm;
  if (self->osm == osm)
    return;
  self->osm = osm;

  if (osm)
    {
      dl_map_view_get_online_source (self);
      /* Above the offline map: a tile that fails to download leaves it visible. */
      self->osm_layer = shumate_map_layer_new (self->osm_source, self->viewport);
      shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->osm_layer),
                                      SHUMATE_LAYER (self->offline_layer));
      shumate_license_append_map_source (self->license, self->osm_source);
    }
  else if (self->osm_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->osm_layer));
      shumate_license_remove_map_source (self->license, self->osm_source);
      self->osm_layer = NULL;
    }
  /* OpenStreetMap tiles carry their own names. */
  dl_label_layer_set_show_basemap (self->label_layer, !osm);
}

gboolean
dl_map_view_get_osm (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), FALSE);

  return self->osm;
}

DlOnlineSource *
dl_map_view_get_online_source (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  if (self->osm_source == NULL)
    self->osm_source = dl_map_sources_new_osm ();
  return DL_ONLINE_SOURCE (self->osm_source);
}

void
dl_map_view_set_online_source (DlMapView      *self,
                               DlOnlineSource *source)
{
  g_return_if_fail (DL_IS_MAP_VIEW (self));
  g_return_if_fail (DL_IS_ONLINE_SOURCE (source));
  g_return_if_fail (!self->osm);

  g_set_object (&self->osm_source, SHUMATE_MAP_SOURCE (source));
}

ShumateMapSource *
dl_map_view_get_offline_source (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return SHUMATE_MAP_SOURCE (self->offline_source);
}

DlMapLegend *
dl_map_view_get_legend (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->legend;
}

DlLabelLayer *
dl_map_view_get_label_layer (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->label_layer;
}

DlPointLayer *
dl_map_view_get_point_layer (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->point_layer;
}

DlPlaceSearch *
dl_map_view_get_place_search (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), NULL);

  return self->place_search;
}

guint
dl_map_view_get_n_shapes (DlMapView *self)
{
  g_return_val_if_fail (DL_IS_MAP_VIEW (self), 0);

  return dl_shape_layer_get_n_shapes (self->shape_layer);
}

void
dl_map_compute_fit (const DlLonLat *south_west,
                    const DlLonLat *north_east,
                    double          width,
                    double          height,
                    double          padding,
                    double          min_zoom,
                    double          max_zoom,
                    double         *latitude,
                    double         *longitude,
                    double         *zoom)
{
  double x0, y0, x1, y1, span_x, span_y, z;

  g_return_if_fail (south_west != NULL && north_east != NULL);

  /* World pixels at zoom 0; y grows south. */
  dl_mercator_project (south_west->lon, south_west->lat, 0, &x0, &y1);
  dl_mercator_project (north_east->lon, north_east->lat, 0, &x1, &y0);
  span_x = MAX (x1 - x0, 1e-9);
  span_y = MAX (y1 - y0, 1e-9);
  width = MAX (width - 2 * padding, 1);
  height = MAX (height - 2 * padding, 1);

  z = log2 (MIN (width / span_x, height / span_y));
  *zoom = CLAMP (z, min_zoom, max_zoom);
  dl_mercator_unproject ((x0 + x1) / 2, (y0 + y1) / 2, 0, longitude, latitude);
  /* a box across 180° has its east edge past 180: libshumate 1.0 does not wrap the world,
   * so the view stops at the date line */
  *longitude = CLAMP (*longitude, -180.0, 180.0);
}

/**
 * dl_map_view_pan_by:
 * @self: a map view
 * @dx: pixels east
 * @dy: pixels south
 *
 * Moves the view at once by a distance in screen pixels, stopping any animation.
 */
void
dl_map_view_pan_by (DlMapView *self,
                    double     dx,
                    double     dy)
{
  double zoom, x, y, lat, lon;

  g_return_if_fail (DL_IS_MAP_VIEW (self));

  zoom = shumate_viewport_get_zoom_level (self->viewport);
  dl_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
                       zoom, &x, &y);
  dl_mercator_unproject (x + dx, y + dy, zoom, &lon, &lat);
  stop_go_to (self);
  shumate_map_center_on (self->map, lat, lon);
}

/**
 * dl_map_view_is_moving:
 *
 * Whether the view is still on its way: a fit waits for the map's size, or an animated
 * move has not reached where it goes. A test waits for this to be FALSE, whatever the
 * frame rate, where two still samples could fall between two slow frames.
 */
gboolean
dl_map_view_is_moving (DlMapView *self)
{
  double lat, lon, zoom;

  g_return_val_if_fail (DL_IS_MAP_VIEW (self), FALSE);

  if (self->fit_pending)
    return TRUE;
  if (!self->has_goal)
    return FALSE;
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport));
  zoom = shumate_viewport_get_zoom_level (self->viewport);
  if (fabs (lat - self->goal[0]) < 1e-6 && fabs (lon - self->goal[1]) < 1e-6
      && fabs (zoom - self->goal[2]) < 1e-3)
    self->has_goal = FALSE;
  return self->has_goal;
}
