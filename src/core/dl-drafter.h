/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-actor-suggest.h"
#include "dl-place-detector.h"
#include "dl-time.h"

G_BEGIN_DECLS

/* A place or actor of a drafted event, by index into the draft's places or actors. */
typedef struct
{
  guint  index;
  char  *role;
} DlDraftRole;

/* A suggested event: a reporting sentence, or a short run of sentences about one
 * happening, that names a place, a time or an actor. */
typedef struct
{
  char      *id;
  char      *title;        /* a short headline: subject and verb, about 70 characters */
  char      *category;     /* "movement", "military", "statement", …, or NULL */
  DlTime     start;        /* the time, from the text or else the publication date */
  DlTime     end;          /* precision DL_TIME_NONE unless a span */
  char      *when_text;    /* the article's wording, NULL when the date is assumed */
  gboolean   when_assumed; /* TRUE: the text gives no time; the publication date is used */
  int        passage_start;  /* code points into the text */
  int        passage_end;
  char      *exact;        /* the passage as a W3C TextQuoteSelector */
  char      *prefix;       /* NULL unless the exact text repeats */
  char      *suffix;
  GArray    *places;       /* DlDraftRole into the draft's places */
  GArray    *actors;       /* DlDraftRole into the draft's actors */
} DlDraftEvent;

typedef struct
{
  GPtrArray *events;   /* DlDraftEvent, in text order */
  GPtrArray *actors;   /* DlActorSuggestion */
  GPtrArray *places;   /* DlDetectedPlace, as given (a reference is held) */
} DlDrafterResult;

/* Drafts the events and actors of @text, published at @published (day precision or
 * finer for "on Sunday" and the like), given the places the detector found in it. */
DlDrafterResult   *dl_drafter_run             (const char   *text,
                                       const DlTime *published,
                                       GPtrArray    *places);
void       dl_drafter_result_free              (DlDrafterResult      *draft);

/* The draft as story-format members: "events" and "actors" arrays to put in the
 * "dateline" member, each object with "suggested": true. @place_ids gives the feature id
 * of each of the draft's places (in the order of draft->places). */
JsonNode  *dl_drafter_result_events_to_json    (DlDrafterResult            *draft,
                                       const char * const *place_ids);
JsonNode  *dl_drafter_result_actors_to_json    (DlDrafterResult            *draft);

/* A whole story (GeoJSON text) from the draft: the article, the places as point features
 * with their mentions and "suggested": true, the actors and the events. */
char      *dl_drafter_result_to_story          (DlDrafterResult      *draft,
                                       const char   *text,
                                       const DlTime *published,
                                       const char   *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlDrafterResult, dl_drafter_result_free)

G_END_DECLS
