/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-view-state.h"

G_BEGIN_DECLS

/* What the map counts of a story's events, kept in plain arrays: each event's places as
 * numbers (their position in the story) and its main actor. The places a filter shows
 * are then counted in time proportional to the shown events and the places, with no
 * hash look-up, reference or type check per event; every event shown (no filter) is
 * counted once and kept.
 *
 * A tally is a snapshot: it holds the array of events it was made from. An edit that
 * leaves the events and places where they are (an event given other places or actors, a
 * place moved) is taken in by dl_place_tally_update(); after any other (events or places
 * added, removed, events moved in time) it must be made again. */
typedef struct _DlPlaceTally DlPlaceTally;

DlPlaceTally *dl_place_tally_new          (DlStory      *story,
                                           GPtrArray    *events);
void          dl_place_tally_free         (DlPlaceTally *self);
/* Whether @self was made from @events (the same array). */
gboolean      dl_place_tally_is_for       (DlPlaceTally *self,
                                           GPtrArray    *events);
/* What dl_visible_places_of() gives for @shown, which must be events of the array @self
 * was made from, in its order; NULL when they are not. Not to be changed: every event
 * shown gives the same array each time. */
GArray       *dl_place_tally_count        (DlPlaceTally *self,
                                           GPtrArray    *shown);
/* Takes in an edit that touched @events (given other places or another main actor) and
 * @places (moved, or that gained or lost events); FALSE when it cannot (an event names
 * more places than before, or a place or event it does not hold): make a new tally. */
gboolean      dl_place_tally_update       (DlPlaceTally *self,
                                           GPtrArray    *events,
                                           GPtrArray    *places);
/* The places no event of the story names, with a location or not, in the story's order
 * (owned by @self). */
GPtrArray    *dl_place_tally_peek_unused  (DlPlaceTally *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlPlaceTally, dl_place_tally_free)

G_END_DECLS
