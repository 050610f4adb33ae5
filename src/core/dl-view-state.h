/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-types.h"
#include "dl-filter.h"
#include "dl-place-index.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* A range [start, end) of characters of the article text. */
typedef struct
{
  int start;
  int end;
} DlTextRange;

/* A place as the current filter shows it. */
typedef struct
{
  DlPlace *place;    /* unowned */
  guint    n_shown;  /* shown events at the place */
  DlActor *actor;    /* unowned: the colour of its marker, or NULL */
} DlPlaceSummary;

#define DL_TYPE_VIEW_STATE (dl_view_state_get_type ())
G_DECLARE_FINAL_TYPE (DlViewState, dl_view_state, DL, VIEW_STATE, GObject)

/* What the window shows: one story, the filter of its events and the selection (a set of
 * events, and the place they were selected through, if any). The list, the map and the
 * article are views of it.
 *
 * Signals: "story-changed", "filter-changed" (after the selection was pruned to the shown
 * events) and "selection-changed", each emitted once per change. */
DlViewState  *dl_view_state_new                  (void);

void          dl_view_state_set_story            (DlViewState  *self,
                                                  DlStory      *story);
DlStory      *dl_view_state_get_story            (DlViewState  *self);
DlFilter     *dl_view_state_get_filter           (DlViewState  *self);
gboolean      dl_view_state_is_shown             (DlViewState  *self,
                                                  DlEvent      *event);
/* Number of events the filter shows. */
guint         dl_view_state_get_n_shown          (DlViewState  *self);
/* While "filter-changed" is emitted: the events the filter now shows, in story order
 * (owned by @self), found once for every view; NULL at any other time. */
GPtrArray    *dl_view_state_peek_shown           (DlViewState  *self);
/* The story's events in its order (owned by @self, holding a reference to each; a new
 * array after each change of the story's events), or NULL without a story. */
GPtrArray    *dl_view_state_peek_events          (DlViewState  *self);
/* The events the filter shows now, story order: an array (not to be changed) of pointers
 * that the array of dl_view_state_peek_events() keeps alive. */
GPtrArray    *dl_view_state_dup_shown            (DlViewState  *self);

/* Selects the events (an array of DlEvent, NULL or empty to clear); drops those the
 * filter hides. Forgets the selected place. */
void          dl_view_state_select_events        (DlViewState  *self,
                                                  GPtrArray    *events);
void          dl_view_state_select_event         (DlViewState  *self,
                                                  DlEvent      *event);
/* Selects @place and its shown events. */
void          dl_view_state_select_place         (DlViewState  *self,
                                                  DlPlace      *place);
void          dl_view_state_clear_selection      (DlViewState  *self);
/* The selected events (time order, owned by @self) and place (or NULL). */
GPtrArray    *dl_view_state_get_selected_events  (DlViewState  *self);
DlPlace      *dl_view_state_get_selected_place   (DlViewState  *self);
gboolean      dl_view_state_is_selected          (DlViewState  *self,
                                                  DlEvent      *event);

/* Pure helpers, tested on their own. */

/* The character ranges of the passages of @events, sorted, overlapping or touching ranges
 * merged: what the article emphasises. An array of DlTextRange. */
GArray       *dl_passage_ranges_for_events       (GPtrArray    *events);
/* The places with at least one event @filter shows (story order), as an array of
 * DlPlaceSummary; @filter may be NULL (everything shown). */
GArray       *dl_visible_places                  (DlStory      *story,
                                                  DlFilter     *filter);
/* The same, of the shown events given (an array of DlEvent of @story, story order). */
GArray       *dl_visible_places_of               (DlStory      *story,
                                                  GPtrArray    *shown);
/* What dl_visible_places() says of just @places (an array of DlPlace), one summary per
 * place in that order, n_shown 0 and no actor for a place with no shown event: after an
 * edit, the views redo the places it touched, from @index (may be NULL: one pass over
 * the events). */
GArray       *dl_place_summaries                 (DlStory      *story,
                                                  DlFilter     *filter,
                                                  GPtrArray    *places,
                                                  DlPlaceIndex *index);
/* The box around @places (an array of DlPlace); FALSE when none has a location. It
 * crosses 180° when that is narrower: then @north_east's longitude is past 180. */
gboolean      dl_places_get_bounds               (GPtrArray    *places,
                                                  DlLonLat     *south_west,
                                                  DlLonLat     *north_east);
/* The box around every place of @filter's shown events; FALSE when none. */
gboolean      dl_visible_bounds                  (DlStory      *story,
                                                  DlFilter     *filter,
                                                  DlLonLat     *south_west,
                                                  DlLonLat     *north_east);
/* Which of several passages under the pointer (array of const DlPassage *) a click means:
 * the shortest, i.e. the innermost; the first of equal ones. NULL when empty. */
const DlPassage *dl_pick_passage                 (GPtrArray    *passages);
/* The shown events at @place, in time order (unowned DlEvent). */
GPtrArray    *dl_shown_events_at                 (DlStory      *story,
                                                  DlFilter     *filter,
                                                  DlPlace      *place);

G_END_DECLS
