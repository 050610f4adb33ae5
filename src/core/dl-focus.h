/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dl-place.h"

G_BEGIN_DECLS

/* A point of the map and how much of the story happens there (its number of events). */
typedef struct
{
  double lon;
  double lat;
  double weight;
} DlFocusPoint;

/* Radius (km) of the neighbourhood whose weight picks the story's centre. */
#define DL_FOCUS_NEIGHBOURHOOD_KM 400.0
/* Share of the story's weight the focus holds at least. */
#define DL_FOCUS_SHARE 0.6
/* A focus wider than this is no focus: every point is framed instead. */
#define DL_FOCUS_MAX_RADIUS_KM 1500.0
/* Above this many points every point is framed. */
#define DL_FOCUS_MAX_POINTS 1000

double    dl_focus_distance_km (double              lon1,
                                double              lat1,
                                double              lon2,
                                double              lat2);

gboolean *dl_focus_select      (const DlFocusPoint *points,
                                guint               n_points);

gboolean  dl_focus_get_bounds  (GArray             *summaries,
                                DlLonLat           *south_west,
                                DlLonLat           *north_east);

#include "dl-view-state.h"

DlEvent  *dl_step_event        (DlViewState        *state,
                                int                 direction);
DlEvent  *dl_story_get_lead_event (DlStory         *story);

G_END_DECLS
