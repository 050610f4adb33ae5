/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-event.h"
#include "dl-view-state.h"

G_BEGIN_DECLS

/* What the article tints, worked out on part of its text only: the passages that touch a
 * stretch of characters, their ranges merged per colour, and the difference between the
 * ranges a text has and those it should have, so that a view changes only that. */

/* The passages of a story sorted by start, each with the furthest end reached so far:
 * those touching a stretch are found with two binary searches. */
typedef struct _DlPassageSpans DlPassageSpans;

/* @passages: const DlPassage *, sorted by start (dl_story_list_passages()); those not
 * found in the text (start < 0) and empty ones are left out. The passages must outlive
 * the result. */
DlPassageSpans *dl_passage_spans_new  (GPtrArray       *passages);
void            dl_passage_spans_free (DlPassageSpans  *self);
/* The passages that share a character with [@start, @end), sorted by start. */
GPtrArray      *dl_passage_spans_in   (DlPassageSpans  *self,
                                       int              start,
                                       int              end);

/* The key (a non-NULL pointer: the colour a passage is tinted with) of @passage, or NULL
 * when it is not tinted (its event is hidden). */
typedef gpointer (*DlTintKeyFunc) (const DlPassage *passage,
                                   gpointer         user_data);

/* @passages (sorted by start) grouped by key: a table from each key to its ranges, an
 * array of DlTextRange sorted, overlapping or touching ranges merged. */
GHashTable     *dl_tint_ranges_collect (GPtrArray     *passages,
                                        DlTintKeyFunc  key_func,
                                        gpointer       user_data);

/* The ranges of @ranges (sorted, disjoint DlTextRange) that share a character with
 * [@start, @end), whole: a new array. */
GArray         *dl_text_ranges_in      (GArray        *ranges,
                                        int            start,
                                        int            end);

/* What changes @had into @want (both sorted, disjoint DlTextRange; either may be NULL for
 * none): the characters to add to @to_add and those to take off to @to_remove, as
 * sorted ranges appended to them. */
void            dl_text_ranges_diff    (GArray        *had,
                                        GArray        *want,
                                        GArray        *to_add,
                                        GArray        *to_remove);

G_END_DECLS
