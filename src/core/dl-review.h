/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-operation.h"

G_BEGIN_DECLS

/* Reviewing a draft: what the app suggested ("suggested": true on an event, place or
 * actor) the user accepts (the mark goes, and the writer drops the member) or rejects
 * (the object goes, as a delete does). Each is one undoable operation. */

typedef struct
{
  guint events;
  guint places;
  guint actors;
} DlReviewCount;

/* How many suggestions of each kind @story holds. Returns their sum. */
guint        dl_review_count        (DlStory       *story,
                                     DlReviewCount *count);
/* "Accept Event" / "Accept Place" / "Accept Actor": @object (a DlEvent, DlPlace or
 * DlActor) is no longer a suggestion; an event's suggested places and actors are accepted
 * with it, in the same step. */
DlOperation *dl_review_accept       (gpointer       object);
/* "Reject Event" / "Reject Place" / "Reject Actor": @object goes from @story (a place or
 * actor also from the events that name it) in the same step. */
DlOperation *dl_review_reject       (DlStory       *story,
                                     gpointer       object);
/* "Accept All Suggestions": every suggestion of @story accepted in one step; NULL when
 * there is none. */
DlOperation *dl_review_accept_all   (DlStory       *story);
/* Whether @object (a DlEvent, DlPlace or DlActor) is a suggestion. */
gboolean     dl_review_is_suggested (gpointer       object);

G_END_DECLS
