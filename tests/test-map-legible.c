/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-event-row.h"
#include "dl-figure.h"
#include "dl-file-name.h"
#include "dl-focus.h"
#include "dl-hit.h"
#include "dl-mercator.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

/* What a reader sees of the bundled story's map: names next to markers, a first view of
 * where the story happens, a map that follows the filter, popovers that step aside. */

typedef struct
{
  DlWindow *window;
  DlStory  *story;
  DlMapView *map;
} Fixture;

/* Runs the main loop until the map has got where it was sent (a fit, an animated move),
 * at most 30 s, then until it is drawn there. Two still samples of the view are not
 * enough: under load they can fall between two frames of one animation. */
static void
wait_for_still_view (DlMapView *map)
{
  for (guint i = 0; i < 600 && dl_map_view_is_moving (map); i++)
    dl_test_run_for (50);
  g_assert_false (dl_map_view_is_moving (map));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (map));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->story = dl_bundled_story_load (&error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1400, 900);
  fixture->map = dl_window_get_map_view (fixture->window);
  wait_for_still_view (fixture->map);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

/* Where @place's marker is, in the label layer's coordinates; FALSE when off the map. */
static gboolean
place_point (Fixture    *fixture,
             const char *id,
             double     *x,
             double     *y)
{
  DlPlace *place = dl_story_lookup_place (fixture->story, id);
  GtkWidget *layer = GTK_WIDGET (dl_map_view_get_label_layer (fixture->map));
  DlLonLat anchor;

  g_assert_nonnull (place);
  anchor = dl_place_get_anchor (place);
  shumate_viewport_location_to_widget_coords (dl_map_view_get_viewport (fixture->map), layer,
                                              anchor.lat, anchor.lon, x, y);
  return *x >= 0 && *y >= 0 && *x <= gtk_widget_get_width (layer)
         && *y <= gtk_widget_get_height (layer);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (DL_IS_EVENT_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget) && dl_event_row_get_event (DL_EVENT_ROW (widget)))
        g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static const DlMapLabel *
find_label (GArray     *placed,
            const char *text)
{
  for (guint i = 0; i < placed->len; i++)
    if (g_str_equal (g_array_index (placed, DlMapLabel, i).text, text))
      return &g_array_index (placed, DlMapLabel, i);
  return NULL;
}

/* The first view frames Syria: Damascus is on the map and Washington is not; and the
 * story's places carry their names, which overlap neither each other nor any marker. */
static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  GArray *placed = dl_label_layer_get_placed (dl_map_view_get_label_layer (fixture->map));
  g_autoptr(GList) markers = dl_map_view_list_shown_markers (fixture->map);
  const char *expected[] = { "Homs", "Tripoli, Lebanon", "Syria", "Hmeimim air base" };
  double x, y;
  guint n_story = 0;

  g_assert_true (place_point (fixture, "damascus", &x, &y));
  g_assert_true (place_point (fixture, "homs", &x, &y));
  g_assert_false (place_point (fixture, "washington", &x, &y));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const DlMapLabel *label = find_label (placed, expected[i]);

      g_test_message ("looking for %s", expected[i]);
      g_assert_nonnull (label);
      g_assert_true (label->story);
    }

  for (guint i = 0; i < placed->len; i++)
    {
      const DlMapLabel *a = &g_array_index (placed, DlMapLabel, i);

      n_story += a->story;
      /* The base map names Libya's Tripoli nowhere near a story about Lebanon's. */
      if (!a->story)
        g_assert_cmpstr (a->text, !=, "Tripoli");
      for (guint j = i + 1; j < placed->len; j++)
        g_assert_false (dl_rect_intersects (&a->rect, &g_array_index (placed, DlMapLabel,
                                                                      j).rect));
      for (GList *l = markers; l != NULL; l = l->next)
        {
          DlPlace *place = dl_marker_get_place (l->data);

          if (!place_point (fixture, dl_place_get_id (place), &x, &y))
            continue;
          g_assert_false (dl_rect_hits_disc (&a->rect, x, y, DL_MARKER_DIAMETER / 2.0));
        }
    }
  g_assert_cmpuint (n_story, >=, 8);
}

/* Every shown marker is on the map. */
static void
check_shown_in_view (Fixture *fixture)
{
  g_autoptr(GList) markers = dl_map_view_list_shown_markers (fixture->map);
  double x, y;

  g_assert_nonnull (markers);
  for (GList *l = markers; l != NULL; l = l->next)
    {
      DlPlace *place = dl_marker_get_place (l->data);

      g_test_message ("%s is shown", dl_place_get_id (place));
      g_assert_true (place_point (fixture, dl_place_get_id (place), &x, &y));
    }
}

static void
set_actor (Fixture    *fixture,
           const char *actor)
{
  DlFilter *filter = dl_view_state_get_filter (dl_window_get_view_state (fixture->window));
  const char *actors[] = { actor, NULL };

  dl_filter_set_actors (filter, actors);
  wait_for_still_view (fixture->map);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The map flies to what the filter still shows: the United Kingdom's events from London
 * to Abu Dhabi, then Israel's, closer in, around the Golan. */
static void
test_filter_follows (Fixture       *fixture,
                     gconstpointer  data)
{
  ShumateViewport *viewport = dl_map_view_get_viewport (fixture->map);
  double x, y, zoom;

  g_assert_false (place_point (fixture, "london", &x, &y));
  set_actor (fixture, "uk");
  check_shown_in_view (fixture);
  g_assert_true (place_point (fixture, "london", &x, &y));
  g_assert_true (place_point (fixture, "abu-dhabi", &x, &y));
  zoom = shumate_viewport_get_zoom_level (viewport);

  set_actor (fixture, "israel");
  check_shown_in_view (fixture);
  g_assert_false (place_point (fixture, "london", &x, &y));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom + 2);
}

/* An event in one city brings the city, not the country, into view. */
static void
test_select_city (Fixture       *fixture,
                  gconstpointer  data)
{
  ShumateViewport *viewport = dl_map_view_get_viewport (fixture->map);
  DlEvent *event = dl_story_lookup_event (fixture->story, "homs-falls");
  double metres, x, y;

  g_assert_nonnull (event);
  g_assert_cmpuint (dl_event_get_n_places (event), ==, 1);
  dl_view_state_select_event (dl_window_get_view_state (fixture->window), event);
  wait_for_still_view (fixture->map);

  metres = dl_figure_metres_per_pixel (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                       shumate_viewport_get_zoom_level (viewport))
           * gtk_widget_get_width (GTK_WIDGET (fixture->map));
  g_test_message ("the map is %.0f km wide", metres / 1000);
  g_assert_cmpfloat (metres, <, 100e3);
  g_assert_true (place_point (fixture, "homs", &x, &y));
}

static DlMarker *
open_popover (Fixture    *fixture,
              const char *id)
{
  DlMarker *marker = dl_map_view_get_marker (fixture->map,
                                             dl_story_lookup_place (fixture->story, id));
  GtkPopover *popover;

  g_assert_nonnull (marker);
  gtk_widget_grab_focus (dl_marker_get_button (marker));
  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  popover = dl_map_view_get_popover (fixture->map);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  return marker;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Show in Article" closes the popover, which would cover the passage. */
static void
test_show_in_article_closes (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkPopover *popover;
  GtkWidget *button;

  open_popover (fixture, "homs");
  popover = dl_map_view_get_popover (fixture->map);
  button = find_button (GTK_WIDGET (popover), "Show in Article");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

/* Escape in the popover gives the keyboard back to its marker. */
static void
test_escape_focus (Fixture       *fixture,
                   gconstpointer  data)
{
  DlMarker *marker = open_popover (fixture, "homs");
  GtkPopover *popover = dl_map_view_get_popover (fixture->map);
  GtkWidget *button = find_button (GTK_WIDGET (popover), "Show in Article");
  GtkWidget *focus;

  /* the popover is on screen and the map is where the click sent it (a move under way
   * would re-cluster the markers and move the popover) */
  wait_for_still_view (fixture->map);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_has_focus (button));
  /* What Escape does in a popover: GtkPopover's Escape binding pops it down. */
  gtk_popover_popdown (popover);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_test_message ("focus on %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  g_assert_true (focus == dl_marker_get_button (marker));
}

static DlMarker *
marker_of (Fixture    *fixture,
           const char *id)
{
  DlMarker *marker = dl_map_view_get_marker (fixture->map,
                                             dl_story_lookup_place (fixture->story, id));

  g_assert_nonnull (marker);
  return marker;
}

/* Damascus, its palace and its mosque are one marker at the first view, counting their
 * events and named "Damascus +2"; a click zooms in until they stand apart, each named. */
static void
test_cluster_split (Fixture       *fixture,
                    gconstpointer  data)
{
  DlMarker *damascus = marker_of (fixture, "damascus");
  DlMarker *palace = marker_of (fixture, "presidential-palace");
  DlMarker *mosque = marker_of (fixture, "umayyad-mosque");
  GArray *placed = dl_label_layer_get_placed (dl_map_view_get_label_layer (fixture->map));
  double zoom = shumate_viewport_get_zoom_level (dl_map_view_get_viewport (fixture->map));
  g_autofree char *count = g_strdup_printf ("%u", dl_marker_get_n_events (damascus)
                                                  + dl_marker_get_n_events (palace)
                                                  + dl_marker_get_n_events (mosque));

  g_assert_cmpuint (dl_marker_get_cluster_size (damascus), ==, 2);
  g_assert_true (dl_marker_get_in_cluster (palace));
  g_assert_true (dl_marker_get_in_cluster (mosque));
  g_assert_false (gtk_widget_get_focusable (dl_marker_get_button (palace)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (
                     GTK_BUTTON (dl_marker_get_button (damascus))))), ==, count);
  g_assert_nonnull (find_label (placed, "Damascus +2"));
  g_assert_null (find_label (placed, "Umayyad Mosque"));

  g_signal_emit_by_name (dl_marker_get_button (damascus), "clicked");
  wait_for_still_view (fixture->map);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_cmpfloat (shumate_viewport_get_zoom_level (dl_map_view_get_viewport (fixture->map)),
                     >, zoom + 2);
  g_assert_cmpuint (dl_marker_get_cluster_size (damascus), ==, 0);
  g_assert_false (dl_marker_get_in_cluster (palace));
  g_assert_false (dl_marker_get_in_cluster (mosque));
  g_assert_true (gtk_widget_get_focusable (dl_marker_get_button (palace)));
  placed = dl_label_layer_get_placed (dl_map_view_get_label_layer (fixture->map));
  g_assert_nonnull (find_label (placed, "Damascus"));
  g_assert_nonnull (find_label (placed, "Umayyad Mosque"));
  /* A click on a place that stands alone selects it, as before. */
  g_assert_null (dl_view_state_get_selected_place (dl_window_get_view_state (fixture->window)));
}

/* How many pixels of @texture are @rgb (within 2 levels each). */
static guint
count_color (GdkTexture   *texture,
             const guint8  rgb[3])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint n = 0;

  gdk_texture_download (texture, data, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint32 pixel;

      /* Cairo's ARGB32: one native-endian 32-bit word per pixel. */
      memcpy (&pixel, data + i * 4, 4);
      if (abs ((int) (pixel >> 16 & 0xff) - rgb[0]) <= 2
          && abs ((int) (pixel >> 8 & 0xff) - rgb[1]) <= 2
          && abs ((int) (pixel & 0xff) - rgb[2]) <= 2)
        n++;
    }
  return n;
}

/* The map as the screen shows it. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

/* After a jump from the Levant to the middle of the Sahara, the very next frame shows the
 * desert: not one pixel of the old view's sea (nor of the empty map's sea-coloured
 * background while tiles load). */
static void
test_first_frame_tiles (Fixture       *fixture,
                        gconstpointer  data)
{
  ShumateMap *map = dl_map_view_get_map (fixture->map);
  ShumateViewport *viewport = dl_map_view_get_viewport (fixture->map);
  GtkWidget *widget = GTK_WIDGET (map);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  guint sea_before, sea_after;
  double r, g, b;
  guint8 sea[3];

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    dl_basemap_get_color (DL_BASEMAP_DARK, DL_BASEMAP_COLOR_SEA, &r, &g, &b);
  else
    dl_basemap_get_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_SEA, &r, &g, &b);
  sea[0] = (guint8) (r * 255 + 0.5);
  sea[1] = (guint8) (g * 255 + 0.5);
  sea[2] = (guint8) (b * 255 + 0.5);

  before = render_widget (widget);
  sea_before = count_color (before, sea);
  /* The Levant's view has the Mediterranean in it: the count does see sea. */
  g_assert_cmpuint (sea_before, >, 1000);

  shumate_map_stop_go_to (map);
  shumate_viewport_set_zoom_level (viewport, 7);
  shumate_map_center_on (map, 24.0, 12.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  after = render_widget (widget);
  sea_after = count_color (after, sea);
  g_test_message ("sea pixels: %u before the jump, %u in the first frame after", sea_before,
                  sea_after);
  g_assert_cmpuint (sea_after, ==, 0);
}

/* A marker the keyboard reaches is drawn above its neighbours, with its focus ring. */
static void
test_focus_raises (Fixture       *fixture,
                   gconstpointer  data)
{
  DlMarker *homs = marker_of (fixture, "homs");
  DlMarker *tartus = marker_of (fixture, "tartus");
  GtkWidget *layer = gtk_widget_get_parent (GTK_WIDGET (homs));

  gtk_widget_grab_focus (dl_marker_get_button (homs));
  g_assert_true (gtk_widget_get_last_child (layer) == GTK_WIDGET (homs));
  gtk_widget_grab_focus (dl_marker_get_button (tartus));
  g_assert_true (gtk_widget_get_last_child (layer) == GTK_WIDGET (tartus));
  /* Still a marker of the map, in its place. */
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (homs)) == layer);
}

static GtkGestureClick *
find_click (GtkWidget  *widget,
            const char *name)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkGestureClick *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        found = GTK_GESTURE_CLICK (controller);
    }
  g_object_unref (controllers);
  return found;
}

/* A click inside the Golan Heights, away from its marker, selects the area and opens its
 * popover, as the marker does; a click on open land selects nothing. */
static void
test_area_click (Fixture       *fixture,
                 gconstpointer  data)
{
  DlPlace *golan = dl_story_lookup_place (fixture->story, "golan-heights");
  ShumateMap *map = dl_map_view_get_map (fixture->map);
  ShumateViewport *viewport = dl_map_view_get_viewport (fixture->map);
  GtkGestureClick *click = find_click (GTK_WIDGET (map), "dl-area-click");
  DlViewState *state = dl_window_get_view_state (fixture->window);
  DlLonLat anchor = dl_place_get_anchor (golan);
  double x = 0, y = 0, ax, ay, lat, lon;
  gboolean found = FALSE;

  g_assert_nonnull (click);
  shumate_map_stop_go_to (map);
  shumate_viewport_set_zoom_level (viewport, 10);
  shumate_map_center_on (map, anchor.lat, anchor.lon);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (map), anchor.lat,
                                              anchor.lon, &ax, &ay);

  /* A point of the area 40 to 120 px from its marker. */
  for (int d = 40; d <= 120 && !found; d += 20)
    for (int k = 0; k < 8 && !found; k++)
      {
        x = ax + d * cos (k * G_PI / 4);
        y = ay + d * sin (k * G_PI / 4);
        shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), x, y, &lat,
                                                    &lon);
        found = dl_place_area_contains (golan, lon, lat);
      }
  g_assert_true (found);

  g_signal_emit_by_name (click, "released", 1, x, y);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (dl_view_state_get_selected_place (state) == golan);
  g_assert_nonnull (dl_map_view_get_popover (fixture->map));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_popover (fixture->map))));

  /* Far from any area: nothing changes. */
  gtk_popover_popdown (dl_map_view_get_popover (fixture->map));
  dl_view_state_clear_selection (state);
  shumate_viewport_set_zoom_level (viewport, 7);
  shumate_map_center_on (map, 24.0, 12.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_signal_emit_by_name (click, "released", 1, 100.0, 100.0);
  g_assert_null (dl_view_state_get_selected_place (state));
}

/* The window's legend keys the colours of the shown markers, as the export's does, and
 * follows the filter. */
static void
test_legend (Fixture       *fixture,
             gconstpointer  data)
{
  DlMapLegend *legend = dl_map_view_get_legend (fixture->map);
  g_autofree char *all = dl_map_legend_dup_names (legend);
  g_autofree char *uk = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (legend)));
  g_assert_nonnull (strstr (all, "Bashar al-Assad"));
  g_assert_nonnull (strstr (all, "Israel"));
  /* One click opens it. */
  gtk_expander_set_expanded (dl_map_legend_get_expander (legend), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (legend)), >, 100);

  set_actor (fixture, "uk");
  uk = dl_map_legend_dup_names (legend);
  g_assert_nonnull (strstr (uk, "United Kingdom"));
  g_assert_null (strstr (uk, "Israel"));
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  const char *tooltip = g_str_equal (action, "map.next-event") ? "Next Event (Alt+Right)"
                                                              : "Previous Event (Alt+Left)";

  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The previous and next buttons walk the shown events in time order from the selection;
 * at the last event "next" is off. */
static void
test_step_events (Fixture       *fixture,
                  gconstpointer  data)
{
  DlViewState *state = dl_window_get_view_state (fixture->window);
  GListModel *events = dl_story_get_events (fixture->story);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(DlEvent) first = g_list_model_get_item (events, 0);
  g_autoptr(DlEvent) second = g_list_model_get_item (events, 1);
  g_autoptr(DlEvent) last = g_list_model_get_item (events, n - 1);
  GPtrArray *selected;

  /* Nothing selected: "next" starts at the first event. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.next-event", NULL));
  selected = dl_view_state_get_selected_events (state);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_true (selected->pdata[0] == first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.next-event", NULL));
  selected = dl_view_state_get_selected_events (state);
  g_assert_true (selected->pdata[0] == second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.previous-event",
                                             NULL));
  selected = dl_view_state_get_selected_events (state);
  g_assert_true (selected->pdata[0] == first);

  dl_view_state_select_event (state, last);
  g_assert_null (dl_step_event (state, 1));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (fixture->map),
                                                               "map.next-event")));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (fixture->map),
                                                              "map.previous-event")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.next-event", NULL);
  g_assert_true (dl_view_state_get_selected_events (state)->pdata[0] == last);

  /* With a filter, the steps skip what it hides. */
  set_actor (fixture, "israel");
  dl_view_state_clear_selection (state);
  for (DlEvent *event = dl_step_event (state, 1); event != NULL; event = dl_step_event (state, 1))
    {
      g_assert_true (dl_view_state_is_shown (state, event));
      dl_view_state_select_event (state, event);
    }
}

/* The list opens on the event the headline reports: its row is on screen. */
static void
test_lead_event_row (Fixture       *fixture,
                     gconstpointer  data)
{
  DlEvent *lead = dl_story_get_lead_event (fixture->story);
  GListModel *events = dl_story_get_events (fixture->story);
  g_autoptr(DlEvent) oldest = g_list_model_get_item (events, 0);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean seen = FALSE;

  g_assert_nonnull (lead);
  g_assert_true (lead != oldest);
  /* Its passage is the article's first sentence. */
  g_assert_cmpint (dl_event_get_passage (lead, 0)->start, <, 120);
  collect_rows (GTK_WIDGET (dl_window_get_list_view (fixture->window)), rows);
  for (guint i = 0; i < rows->len; i++)
    if (dl_event_row_get_event (rows->pdata[i]) == lead)
      {
        graphene_rect_t bounds;
        GtkWidget *list = GTK_WIDGET (dl_window_get_list_view (fixture->window));

        g_assert_true (gtk_widget_compute_bounds (rows->pdata[i], list, &bounds));
        g_test_message ("lead row at y %g of %d", bounds.origin.y,
                        gtk_widget_get_height (list));
        seen = bounds.origin.y >= 0 && bounds.origin.y < gtk_widget_get_height (list);
      }
  g_assert_true (seen);
}

/* In a narrow window too, the step buttons are on. */
static void
test_step_narrow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  DlWindow *window = dl_window_new (NULL);
  DlMapView *map = dl_window_get_map_view (window);

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 800);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  dl_test_run_for (500);
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (map),
                                                              "map.next-event")));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (map),
                                                              "map.previous-event")));
  dl_test_close_window (window);
}

static void
text_read_cb (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* "Copy Location" in a place's popover puts its coordinates on the clipboard as text. */
static void
test_copy_location (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *button;
  DlLonLat anchor = dl_place_get_anchor (dl_story_lookup_place (fixture->story, "homs"));
  g_autofree char *expected = dl_format_location (anchor.lat, anchor.lon);

  open_popover (fixture, "homs");
  button = find_button (GTK_WIDGET (dl_map_view_get_popover (fixture->map)), "Copy Location");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 text_read_cb, &text);
  for (guint i = 0; i < 200 && text == NULL; i++)
    dl_test_run_for (10);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (text, ==, "34.72405, 36.72559");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/map-legible/names", Fixture, NULL, fixture_setup, test_names,
              fixture_teardown);
  g_test_add ("/map-legible/filter-follows", Fixture, NULL, fixture_setup,
              test_filter_follows, fixture_teardown);
  g_test_add ("/map-legible/select-city", Fixture, NULL, fixture_setup, test_select_city,
              fixture_teardown);
  g_test_add ("/map-legible/show-in-article-closes", Fixture, NULL, fixture_setup,
              test_show_in_article_closes, fixture_teardown);
  g_test_add ("/map-legible/cluster-split", Fixture, NULL, fixture_setup,
              test_cluster_split, fixture_teardown);
  g_test_add ("/map-legible/first-frame-tiles", Fixture, NULL, fixture_setup,
              test_first_frame_tiles, fixture_teardown);
  g_test_add ("/map-legible/focus-raises", Fixture, NULL, fixture_setup, test_focus_raises,
              fixture_teardown);
  g_test_add ("/map-legible/area-click", Fixture, NULL, fixture_setup, test_area_click,
              fixture_teardown);
  g_test_add ("/map-legible/legend", Fixture, NULL, fixture_setup, test_legend,
              fixture_teardown);
  g_test_add ("/map-legible/step-events", Fixture, NULL, fixture_setup, test_step_events,
              fixture_teardown);
  g_test_add ("/map-legible/lead-event-row", Fixture, NULL, fixture_setup,
              test_lead_event_row, fixture_teardown);
  g_test_add_func ("/map-legible/step-narrow", test_step_narrow);
  g_test_add ("/map-legible/copy-location", Fixture, NULL, fixture_setup,
              test_copy_location, fixture_teardown);
  g_test_add ("/map-legible/escape-focus", Fixture, NULL, fixture_setup, test_escape_focus,
              fixture_teardown);

  return g_test_run ();
}
