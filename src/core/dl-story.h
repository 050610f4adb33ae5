/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-types.h"
#include "dl-actor.h"
#include "dl-event.h"
#include "dl-place.h"
#include "dl-story-error.h"

G_BEGIN_DECLS

#define DL_TYPE_STORY (dl_story_get_type ())
G_DECLARE_FINAL_TYPE (DlStory, dl_story, DL, STORY, GObject)

/* Loading. @display_name names the file in messages ("story.geojson"). On failure the
 * error message reads "DISPLAY_NAME:LINE:COL: what is wrong (at events[3].passages[0])"
 * and nothing is returned. */
DlStory      *dl_story_new_from_bytes    (GBytes       *bytes,
                                          const char   *display_name,
                                          GError      **error);
/* Told from the loading thread how far the reading of a story is: @fraction of the text
 * read into the model (0–1). Returning FALSE stops the reading. */
typedef gboolean (*DlStoryProgressFunc) (double   fraction,
                                         gpointer user_data);
/* The same, telling @progress; when it returns FALSE, NULL with G_IO_ERROR_CANCELLED. */
DlStory      *dl_story_new_from_bytes_full (GBytes              *bytes,
                                            const char          *display_name,
                                            DlStoryProgressFunc  progress,
                                            gpointer             progress_data,
                                            GError             **error);
/* The bytes of a story file, refused as soon as they pass the size limit. */
GBytes       *dl_story_read_file         (GFile        *file,
                                          const char   *display_name,
                                          GCancellable *cancellable,
                                          GError      **error);
/* The same, calling @progress_callback (bytes read, file size or 0) from the reading
 * thread after each chunk. */
GBytes       *dl_story_read_file_with_progress (GFile                 *file,
                                                const char            *display_name,
                                                GFileProgressCallback  progress_callback,
                                                gpointer               progress_data,
                                                GCancellable          *cancellable,
                                                GError               **error);
DlStory      *dl_story_new_from_file     (GFile        *file,
                                          GCancellable *cancellable,
                                          GError      **error);
/* Every problem of a file, one "DISPLAY_NAME:LINE:COL: message" string each, in file
 * order; an empty array when the story is valid. */
GPtrArray    *dl_story_check_bytes       (GBytes       *bytes,
                                          const char   *display_name);
/* The same, loading the file once: @story is set to the story when there is no problem
 * (else to NULL). */
GPtrArray    *dl_story_check_bytes_full  (GBytes       *bytes,
                                          const char   *display_name,
                                          DlStory     **story);

/* Saving: the GeoJSON text, members the loader did not know kept as they were. */
GBytes       *dl_story_to_bytes          (DlStory      *self);
/* Atomic: written to a temporary file beside @file, then renamed over it. */
gboolean      dl_story_save_to_file      (DlStory      *self,
                                          GFile        *file,
                                          GCancellable *cancellable,
                                          GError      **error);

/* The article; any of these may be NULL for a plain GeoJSON map. */
const char   *dl_story_get_title         (DlStory      *self);
const char   *dl_story_get_publisher     (DlStory      *self);
const char   *dl_story_get_url           (DlStory      *self);
const char   *dl_story_get_published     (DlStory      *self);
const char   *dl_story_get_language      (DlStory      *self);
const char   *dl_story_get_text          (DlStory      *self);
/* Length of the text in characters. */
int           dl_story_get_text_length   (DlStory      *self);

/* GListModels of DlPlace (file order), DlActor (file order), DlEvent (time order, then
 * file order). Owned by the story. */
GListModel   *dl_story_get_places        (DlStory      *self);
/* "FILE:LINE:COL: warning: …" for what was read leniently, or NULL. */
const char * const *dl_story_get_warnings (DlStory *self);
/* Whether the file's "sources" member (at the top or in "dateline"), as JSON text, holds
 * @word (ASCII, any case). */
gboolean      dl_story_sources_mention   (DlStory      *self,
                                          const char   *word);
GListModel   *dl_story_get_actors        (DlStory      *self);
GListModel   *dl_story_get_events        (DlStory      *self);
guint         dl_story_get_n_passages    (DlStory      *self);

DlPlace      *dl_story_lookup_place      (DlStory      *self,
                                          const char   *id);
DlActor      *dl_story_lookup_actor      (DlStory      *self,
                                          const char   *id);
DlEvent      *dl_story_lookup_event      (DlStory      *self,
                                          const char   *id);

/* Editing. The article setters notify "title", "publisher", "url", "published",
 * "language". Inserting and removing places, actors and events emits items-changed on
 * the list models (events stay in time order: a change of an event's start moves it,
 * with one items-changed); "passages-changed" is emitted when the list of passages
 * changes. For changes the user can undo, use a DlOperation (dl-operation.h). */

/* An empty story (no article, places, actors or events). */
DlStory      *dl_story_new               (void);
void          dl_story_set_title         (DlStory      *self,
                                          const char   *title);
void          dl_story_set_publisher     (DlStory      *self,
                                          const char   *publisher);
void          dl_story_set_url           (DlStory      *self,
                                          const char   *url);
/* @published: an ISO 8601 date ("2024-12-08") or NULL; FALSE, with nothing changed, when
 * it is not one. */
gboolean      dl_story_set_published     (DlStory      *self,
                                          const char   *published,
                                          GError      **error);
void          dl_story_set_language      (DlStory      *self,
                                          const char   *language);

/* An id no place, actor or event of the story has, made from @name ("Moscow" → "moscow",
 * then "moscow-2" …); @name may be NULL ("item-N"). */
char         *dl_story_make_id           (DlStory      *self,
                                          const char   *name);
/* @position: -1 for the end. The id must be new to the story. */
void          dl_story_insert_place      (DlStory      *self,
                                          int           position,
                                          DlPlace      *place);
/* No event may name the place any more (dl_operation_new_remove_place() does both). */
void          dl_story_remove_place      (DlStory      *self,
                                          DlPlace      *place);
void          dl_story_insert_actor      (DlStory      *self,
                                          int           position,
                                          DlActor      *actor);
/* No event may name the actor any more (dl_operation_new_remove_actor() does both). */
void          dl_story_remove_actor      (DlStory      *self,
                                          DlActor      *actor);
/* Inserted in time order; its passages are resolved against the article text. */
void          dl_story_add_event         (DlStory      *self,
                                          DlEvent      *event);
void          dl_story_remove_event      (DlStory      *self,
                                          DlEvent      *event);

/* Passages. Where the quote @exact (with @prefix/@suffix, either NULL) is in the text:
 * [start, end) in characters; an error when it is not there or is ambiguous. */
gboolean      dl_story_resolve_quote     (DlStory      *self,
                                          const char   *exact,
                                          const char   *prefix,
                                          const char   *suffix,
                                          int          *start,
                                          int          *end,
                                          GError      **error);
/* The quote of characters [start, end) of the text: @exact, and a prefix and suffix only
 * when @exact occurs more than once (just long enough to tell them apart, else NULL). */
void          dl_story_quote_range       (DlStory      *self,
                                          int           start,
                                          int           end,
                                          char        **exact,
                                          char        **prefix,
                                          char        **suffix);

/* Saving without blocking: write the bytes of dl_story_to_bytes() (taken on the main
 * thread) from a worker thread, atomically as dl_story_save_to_file() does. */
gboolean      dl_story_write_bytes       (GBytes       *bytes,
                                          GFile        *file,
                                          GCancellable *cancellable,
                                          GError      **error);

/* Every passage of every event, sorted by start, as an array of const DlPassage *. */
GPtrArray    *dl_story_list_passages     (DlStory      *self);
/* The passages that contain character @offset of the text (several may overlap). */
GPtrArray    *dl_story_passages_at       (DlStory      *self,
                                          int           offset);

G_END_DECLS
