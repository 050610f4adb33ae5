/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-types.h"
#include "dl-time.h"

G_BEGIN_DECLS

/* A quote of the article (W3C TextQuoteSelector), resolved to characters of the text:
 * [start, end) counts Unicode characters, not bytes. */
typedef struct
{
  char    *exact;
  char    *prefix;   /* or NULL */
  char    *suffix;   /* or NULL */
  int      start;
  int      end;
  DlEvent *event;    /* unowned: the event the passage belongs to */
} DlPassage;

#define DL_TYPE_EVENT (dl_event_get_type ())
G_DECLARE_FINAL_TYPE (DlEvent, dl_event, DL, EVENT, GObject)

const char      *dl_event_get_id          (DlEvent    *self);
const char      *dl_event_get_title       (DlEvent    *self);
const DlTime    *dl_event_get_start       (DlEvent    *self);
/* The end of a span, or NULL. */
const DlTime    *dl_event_get_end         (DlEvent    *self);
/* The article's own wording of the time ("on Sunday"), or NULL. */
const char      *dl_event_get_when_text   (DlEvent    *self);
/* TRUE when the time is only about right ("about December 2024", "c. 2016"); FALSE
 * without a start. */
gboolean         dl_event_get_approximate (DlEvent    *self);
/* TRUE when the text gives no time for the event and its date is the article's (a draft's
 * "assumed": true), until the time is set by hand. */
gboolean         dl_event_get_date_assumed (DlEvent   *self);
/* The start as shown: "8 Dec 2024", "about Dec 2024", "c. 2016"; "" without a time. */
char            *dl_event_format_start    (DlEvent    *self);
const char      *dl_event_get_category    (DlEvent    *self);
const char      *dl_event_get_attribution (DlEvent    *self);

guint            dl_event_get_n_places    (DlEvent    *self);
DlPlace         *dl_event_get_place       (DlEvent    *self,
                                           guint       index,
                                           const char **role);
gboolean         dl_event_has_place       (DlEvent    *self,
                                           DlPlace    *place);

guint            dl_event_get_n_actors    (DlEvent    *self);
DlActor         *dl_event_get_actor       (DlEvent    *self,
                                           guint       index,
                                           const char **role);
gboolean         dl_event_has_actor       (DlEvent    *self,
                                           DlActor    *actor);
/* The first actor listed, or NULL: it gives the event its colour. */
DlActor         *dl_event_get_main_actor  (DlEvent    *self);

guint            dl_event_get_n_passages  (DlEvent    *self);
const DlPassage *dl_event_get_passage     (DlEvent    *self,
                                           guint       index);

/* TRUE when the app drafted the event and the user has not accepted it yet. */
gboolean         dl_event_get_suggested   (DlEvent    *self);
void             dl_event_set_suggested   (DlEvent    *self,
                                           gboolean    suggested);
/* Editing. Each setter notifies its property ("title", "start", "end", "when-text",
 * "approximate", "category", "attribution"); changes to the lists notify "places", "actors" or
 * "passages". When the event belongs to a story, the story re-sorts its events after a
 * change of start and keeps the event counts of places and actors up to date. To make a
 * change the user can undo, use a DlOperation instead (dl-operation.h). */
DlEvent         *dl_event_new             (const char *id);
/* The story the event belongs to, or NULL. */
DlStory         *dl_event_get_story       (DlEvent    *self);
void             dl_event_set_title       (DlEvent    *self,
                                           const char *title);
/* @start: NULL (or precision DL_TIME_NONE) when the story does not say. */
void             dl_event_set_start       (DlEvent    *self,
                                           const DlTime *start);
/* @end: NULL when the event is not a span. */
void             dl_event_set_end         (DlEvent    *self,
                                           const DlTime *end);
void             dl_event_set_when_text   (DlEvent    *self,
                                           const char *when_text);
void             dl_event_set_approximate (DlEvent    *self,
                                           gboolean    approximate);
void             dl_event_set_date_assumed (DlEvent   *self,
                                            gboolean   date_assumed);
void             dl_event_set_category    (DlEvent    *self,
                                           const char *category);
void             dl_event_set_attribution (DlEvent    *self,
                                           const char *attribution);
/* @position: where in the list, or -1 for the end; @role may be NULL. */
void             dl_event_insert_place    (DlEvent    *self,
                                           int         position,
                                           DlPlace    *place,
                                           const char *role);
void             dl_event_remove_place    (DlEvent    *self,
                                           guint       index);
void             dl_event_set_place_role  (DlEvent    *self,
                                           guint       index,
                                           const char *role);
void             dl_event_insert_actor    (DlEvent    *self,
                                           int         position,
                                           DlActor    *actor,
                                           const char *role);
void             dl_event_remove_actor    (DlEvent    *self,
                                           guint       index);
void             dl_event_set_actor_role  (DlEvent    *self,
                                           guint       index,
                                           const char *role);
/* A quote of the article (@prefix and @suffix may be NULL). When the event belongs to a
 * story, the passage is resolved to characters of its text at once (start and end stay
 * -1 when the quote is not found or ambiguous: check it first with
 * dl_story_resolve_quote()). */
void             dl_event_insert_passage  (DlEvent    *self,
                                           int         position,
                                           const char *exact,
                                           const char *prefix,
                                           const char *suffix);
void             dl_event_remove_passage  (DlEvent    *self,
                                           guint       index);

G_END_DECLS
