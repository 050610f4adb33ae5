/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-json-private.h"
#include "dl-object-list.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* An element of "features" of a FeatureCollection, or of "events" of its "dateline", read
 * one at a time (dl-story-reader.c): where it is in the source text, and whether it became
 * a place (an event). */
typedef struct
{
  /* a file has at most DL_STORY_MAX_SIZE bytes: 8 bytes an element, for a million */
  guint32 offset;
  guint32 length : 31;
  guint32 owned : 1;
} DlFeatureSource;

struct _DlStory
{
  GObject     parent_instance;

  /* The whole parsed file, never changed after loading (NULL for a new story): on save,
   * what the model does not know is copied from here (dl-story-writer.c). */
  JsonNode   *root;
  /* A FeatureCollection's features are not kept as a tree: the "features" member of root
   * is an empty array, each element is the span of the text it was read from (parsed
   * again only when the story is written), and a place read from one has its index + 1 in
   * source_index. NULL for a story read whole. */
  GBytes     *source;
  GArray     *feature_sources;  /* of DlFeatureSource */
  /* the same for "events" of "dateline" (an empty array in root; DlEvent source_index) */
  GArray     *event_sources;    /* of DlFeatureSource, or NULL */

  char       *title;
  char       *publisher;
  char       *url;
  char       *published;
  char       *language;
  char       *text;
  int         text_length;

  DlObjectList *places;
  GListStore *actors;
  GListStore *events;
  GHashTable *place_by_id;
  GHashTable *actor_by_id;
  GHashTable *event_by_id;
  GPtrArray  *passages;  /* of const DlPassage *, sorted by start */
  GStrv       warnings;  /* "FILE:LINE:COL: warning: …" of what was read leniently */
  guint       next_event_index;  /* file order of the next new event */
  GHashTable *owned_nodes;  /* elements of root read into places, actors, events */
};

/* From dl-event.c, dl-place.c: keep the story's derived state up to date. */
void      dl_story_event_start_changed    (DlStory    *self,
                                           DlEvent    *event);
/* @passage is in its event already; removed: still, it is freed afterwards. */
void      dl_story_passage_added          (DlStory    *self,
                                           DlPassage  *passage);
void      dl_story_passage_removed        (DlStory    *self,
                                           DlPassage  *passage);
/* Resolves @passage against the text (start, end -1 when not found). */
void      dl_story_resolve_passage        (DlStory    *self,
                                           DlPassage  *passage);

/* From dl-story.c, for dl-story-edit.c. */
void      dl_story_notify_property        (DlStory    *self,
                                           const char *name);
void      dl_story_emit_passages_changed  (DlStory    *self);

/* From dl-story-writer.c: called once the story is loaded. */
void      dl_story_remember_nodes         (DlStory    *self);

G_END_DECLS
