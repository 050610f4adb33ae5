/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-story.h"

G_BEGIN_DECLS

/* The events of each place of a story, in time order, kept up to date edit by edit: the
 * views redo a place an edit touched from its own events, not from every event of the
 * story. Built with one pass over the events; an edit then tells it which events it
 * touched (those added, moved in time, given other places) and which places (those an
 * event left or joined, or that lost an event). */
typedef struct _DlPlaceIndex DlPlaceIndex;

DlPlaceIndex *dl_place_index_new          (DlStory      *story);
void          dl_place_index_free         (DlPlaceIndex *self);
/* @events (an array of DlEvent) may have joined places, or moved in time. */
void          dl_place_index_touch_events (DlPlaceIndex *self,
                                           GPtrArray    *events);
/* @place may have lost events. */
void          dl_place_index_touch_place  (DlPlaceIndex *self,
                                           DlPlace      *place);
/* The story's events at @place, in the story's (time) order; owned by @self, valid until
 * the next call. */
GPtrArray    *dl_place_index_get_events   (DlPlaceIndex *self,
                                           DlPlace      *place);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlPlaceIndex, dl_place_index_free)

G_END_DECLS
