/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-focus"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dl-view-state.h"

#include "dl-focus.h"

#define EARTH_RADIUS_KM 6371.0

typedef struct
{
  guint  index;
  double distance;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->distance != rb->distance)
    return ra->distance < rb->distance ? -1 : 1;
  return (ra->index > rb->index) - (ra->index < rb->index);
}

static double
point_weight (const DlFocusPoint *point)
{
  return isfinite (point->weight) && point->weight > 0 ? point->weight : 0;
}

/**
 * dl_focus_distance_km:
 *
 * Returns: the great-circle distance between two points, in kilometres
 */
double
dl_focus_distance_km (double lon1,
                      double lat1,
                      double lon2,
                      double lat2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_KM * asin (sqrt (CLAMP (a, 0, 1)));
}

/**
 * dl_focus_select:
 * @points: (array length=n_points): the places of a story with their numbers of events
 *
 * Picks where a story happens, so that the first view frames that and not the bounding
 * box of every place it names (a story from Damascus that mentions Washington once). The
 * centre is the point whose neighbourhood (%DL_FOCUS_NEIGHBOURHOOD_KM) holds the most
 * weight; the focus is every point within one and a half times the smallest radius
 * around it that holds %DL_FOCUS_SHARE of the weight (at least the neighbourhood). When
 * that radius is over %DL_FOCUS_MAX_RADIUS_KM, the story has no focus and every point is
 * selected; so is every point when no point has weight (a plain map) and when there are
 * more than %DL_FOCUS_MAX_POINTS (the search takes time in their square). Pure.
 *
 * Returns: (transfer full) (array length=n_points): %TRUE for the points in focus; NULL
 *   when @n_points is 0
 */
gboolean *
dl_focus_select (const DlFocusPoint *points,
                 guint               n_points)
{
  g_autofree gboolean *selected = NULL;
  g_autofree Ranked *ranked = NULL;
  double total = 0, best = -1, sum = 0, radius = 0;
  guint centre = 0;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (n_points == 0)
    return NULL;

  selected = g_new0 (gboolean, n_points);
  for (guint i = 0; i < n_points; i++)
    total += point_weight (&points[i]);
  /* The search is quadratic: past a story's size, every point is the answer. */
  if (total <= 0 || n_points > DL_FOCUS_MAX_POINTS)
    {
      for (guint i = 0; i < n_points; i++)
        selected[i] = TRUE;
      return g_steal_pointer (&selected);
    }

  for (guint i = 0; i < n_points; i++)
    {
      double near = 0;

      for (guint j = 0; j < n_points; j++)
        if (dl_focus_distance_km (points[i].lon, points[i].lat, points[j].lon,
                                  points[j].lat) <= DL_FOCUS_NEIGHBOURHOOD_KM)
          near += point_weight (&points[j]);
      /* Ties go to the heavier point itself, then to the earlier one. */
      if (near > best || (near == best && point_weight (&points[i]) >
                                            point_weight (&points[centre])))
        {
          best = near;
          centre = i;
        }
    }

  ranked = g_new (Ranked, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      ranked[i].index = i;
      ranked[i].distance = dl_focus_distance_km (points[centre].lon, points[centre].lat,
                                                 points[i].lon, points[i].lat);
    }
  qsort (ranked, n_points, sizeof (Ranked), compare_ranked);
  for (guint k = 0; k < n_points && sum < DL_FOCUS_SHARE * total; k++)
    {
      sum += point_weight (&points[ranked[k].index]);
      radius = ranked[k].distance;
    }

  if (radius > DL_FOCUS_MAX_RADIUS_KM || !isfinite (radius))
    {
      for (guint i = 0; i < n_points; i++)
        selected[i] = TRUE;
      return g_steal_pointer (&selected);
    }

  radius = MAX (radius * 1.5, DL_FOCUS_NEIGHBOURHOOD_KM);
  for (guint k = 0; k < n_points; k++)
    if (ranked[k].distance <= radius)
      selected[ranked[k].index] = TRUE;
  return g_steal_pointer (&selected);
}

/**
 * dl_focus_get_bounds:
 * @summaries: (element-type DlPlaceSummary): the shown places and their shown events
 *
 * The box around the places in focus (dl_focus_select(), weighted by shown events): whole
 * areas, and a route only by its marker, so that a flight to Moscow does not stretch the
 * view of a story in Damascus.
 *
 * Returns: FALSE when @summaries is empty
 */
gboolean
dl_focus_get_bounds (GArray   *summaries,
                     DlLonLat *south_west,
                     DlLonLat *north_east)
{
  g_autofree DlFocusPoint *points = NULL;
  g_autofree gboolean *selected = NULL;
  DlLonLat sw = { G_MAXDOUBLE, G_MAXDOUBLE };
  DlLonLat ne = { -G_MAXDOUBLE, -G_MAXDOUBLE };

  g_return_val_if_fail (summaries != NULL, FALSE);

  if (summaries->len == 0)
    return FALSE;

  points = g_new (DlFocusPoint, summaries->len);
  for (guint i = 0; i < summaries->len; i++)
    {
      const DlPlaceSummary *summary = &g_array_index (summaries, DlPlaceSummary, i);
      DlLonLat anchor = dl_place_get_anchor (summary->place);

      points[i] = (DlFocusPoint) { anchor.lon, anchor.lat, summary->n_shown };
    }
  selected = dl_focus_select (points, summaries->len);

  for (guint i = 0; i < summaries->len; i++)
    {
      DlPlace *place = g_array_index (summaries, DlPlaceSummary, i).place;
      DlLonLat psw, pne;

      if (!selected[i])
        continue;
      if (dl_place_get_shape (place) == DL_PLACE_SHAPE_ROUTE)
        psw = pne = dl_place_get_anchor (place);
      else
        dl_place_get_bounds (place, &psw, &pne);
      sw.lon = MIN (sw.lon, psw.lon);
      sw.lat = MIN (sw.lat, psw.lat);
      ne.lon = MAX (ne.lon, pne.lon);
      ne.lat = MAX (ne.lat, pne.lat);
    }
  *south_west = sw;
  *north_east = ne;
  return TRUE;
}

/**
 * dl_step_event:
 * @state: what the window shows
 * @direction: 1 for the next event, -1 for the previous one
 *
 * The shown event after (or before) the first selected one, in time order; with nothing
 * selected, the first (or the last) shown event.
 *
 * Returns: (transfer none) (nullable): that event, or NULL at either end or when nothing
 *   is shown
 */
DlEvent *
dl_step_event (DlViewState *state,
               int          direction)
{
  GPtrArray *list, *selected;
  DlEvent *current = NULL;
  gboolean check;
  gint64 k, n;

  g_return_val_if_fail (DL_IS_VIEW_STATE (state), NULL);
  g_return_val_if_fail (direction == 1 || direction == -1, NULL);

  if (dl_view_state_get_story (state) == NULL)
    return NULL;
  selected = dl_view_state_get_selected_events (state);
  if (selected->len > 0)
    current = direction > 0 ? selected->pdata[selected->len - 1] : selected->pdata[0];

  /* While the filter changes, its shown events are at hand: no pass over the hidden ones
   * (a search matching nothing among 100,000 events). Otherwise the story's events as a
   * plain array: the selection is found by its pointer, with no reference taken and
   * dropped on each event before it (the buttons ask at each change of the selection). */
  list = dl_view_state_peek_shown (state);
  check = list == NULL;
  if (list == NULL)
    list = dl_view_state_peek_events (state);
  n = list->len;
  k = direction > 0 ? 0 : n - 1;
  if (current != NULL)
    {
      for (; k >= 0 && k < n && list->pdata[k] != current; k += direction)
        ;
      /* one the list does not hold has no next */
      if (k < 0 || k >= n)
        return NULL;
      k += direction;
    }
  for (; k >= 0 && k < n; k += direction)
    if (!check || dl_view_state_is_shown (state, list->pdata[k]))
      return list->pdata[k];
  return NULL;
}

/**
 * dl_story_get_lead_event:
 *
 * The event the story leads with: the one whose passage comes first in the article (the
 * headline's news), not the oldest background; the first event when none has a passage.
 *
 * Returns: (transfer none) (nullable): the lead event, or NULL for a story without events
 */
DlEvent *
dl_story_get_lead_event (DlStory *story)
{
  GListModel *events;
  DlEvent *lead = NULL;
  int first = G_MAXINT;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  events = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (lead == NULL)
        lead = event;
      for (guint j = 0; j < dl_event_get_n_passages (event); j++)
        if (dl_event_get_passage (event, j)->start < first)
          {
            first = dl_event_get_passage (event, j)->start;
            lead = event;
          }
    }
  return lead;
}
