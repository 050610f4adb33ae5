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
GListModel   *dl_story_get_actors        (DlStory      *self);
GListModel   *dl_story_get_events        (DlStory      *self);
guint         dl_story_get_n_passages    (DlStory      *self);

DlPlace      *dl_story_lookup_place      (DlStory      *self,
                                          const char   *id);
DlActor      *dl_story_lookup_actor      (DlStory      *self,
                                          const char   *id);
DlEvent      *dl_story_lookup_event      (DlStory      *self,
                                          const char   *id);

/* Every passage of every event, sorted by start, as an array of const DlPassage *. */
GPtrArray    *dl_story_list_passages     (DlStory      *self);
/* The passages that contain character @offset of the text (several may overlap). */
GPtrArray    *dl_story_passages_at       (DlStory      *self,
                                          int           offset);

G_END_DECLS
