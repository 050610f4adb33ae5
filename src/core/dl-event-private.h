/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-event.h"

G_BEGIN_DECLS

struct _DlEvent
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  DlTime     start;       /* precision DL_TIME_NONE when the event has no time */
  DlTime     end;         /* precision DL_TIME_NONE when not a span */
  char      *when_text;
  gboolean   approximate; /* the time is "about" (when.approximate) */
  /* the text gives no time: the drafter used the publication date (when.assumed) */
  gboolean   date_assumed;
  char      *category;
  char      *attribution;
  GPtrArray *places;      /* of DlPlace (owned) */
  /* places[0] and [1] or NULL, and places->len, kept here too: a look for a place's
   * events reads them per event */
  DlPlace   *first_place;
  DlPlace   *second_place;
  guint      n_places;
  GPtrArray *place_roles; /* of char * or NULL */
  GPtrArray *actors;      /* of DlActor (owned) */
  DlActor   *main_actor;  /* actors[0] or NULL, kept here: the views read it per event */
  DlActor   *second_actor; /* actors[1] or NULL, and */
  guint      n_actors;    /* actors->len, kept here too: the filter reads them per event */
  GPtrArray *actor_roles; /* of char * or NULL */
  GPtrArray *passages;    /* of DlPassage * (owned) */
  guint      index;       /* position in the file: the order events are saved in */
  gboolean   has_index;   /* index was given (loaded, or added to a story once) */
  char      *folded;      /* dl_text_fold() of everything the filter searches, lazily */
  gboolean   suggested;   /* drafted by the app, not yet accepted */
  DlStory   *story;       /* unowned: the story it belongs to, or NULL */
  JsonNode  *node;        /* the object it was read from, or NULL (dl-story-writer.c) */
  /* 1 + the element of the story's event_sources it was read from, or 0 */
  guint      source_index;
};

void       dl_event_add_place    (DlEvent    *self,
                                  DlPlace    *place,
                                  const char *role);
void       dl_event_add_actor    (DlEvent    *self,
                                  DlActor    *actor,
                                  const char *role);
/* Takes @passage; sets its event. */
void       dl_event_add_passage  (DlEvent    *self,
                                  DlPassage  *passage);
void       dl_passage_free       (DlPassage  *passage);
/* Whether @self names @place, from the event itself for its first two places. */
static inline gboolean
dl_event_names_place (DlEvent *self,
                      DlPlace *place)
{
  if (self->first_place == place || self->second_place == place)
    return place != NULL;
  for (guint i = 2; i < self->n_places; i++)
    if (g_ptr_array_index (self->places, i) == place)
      return TRUE;
  return FALSE;
}

/* The folded text the filter matches against. */
const char *dl_event_get_folded_text (DlEvent *self);

G_END_DECLS
