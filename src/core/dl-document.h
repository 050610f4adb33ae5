/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-history.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* A story being edited: the story, the file it comes from (or NULL for a new story), its
 * history of changes and whether it has unsaved changes. A window shows one document.
 *
 * Properties (all notified): "story", "file", "history", "modified", "title" (the name
 * to show: the file's display name, or "New Story").
 *
 * While the document is modified, a copy of the story is written every 30 s to a
 * recovery file in $XDG_STATE_HOME/dateline/recovery/; it is removed when the document is
 * saved, discarded (dl_document_discard()) or finalized unmodified. After a crash,
 * dl_document_list_recoverable() finds them. */
#define DL_TYPE_DOCUMENT (dl_document_get_type ())
G_DECLARE_FINAL_TYPE (DlDocument, dl_document, DL, DOCUMENT, GObject)

/* Called on the main context while loading: how far it is (0–1): up to
 * DL_DOCUMENT_READ_SHARE the file is read, then its features and events are read into the
 * model and checked (ten times longer for a big file in the page cache); -1 while the size
 * of the file is not known. */
#define DL_DOCUMENT_READ_SHARE 0.1
typedef void (*DlProgressFunc) (double   fraction,
                                gpointer user_data);

/* A document for @story (transfer none), from @file (nullable: a new story). */
DlDocument  *dl_document_new               (DlStory       *story,
                                            GFile         *file);
/* Reads and checks @file in a worker thread. @progress (nullable) is called on the
 * thread-default main context of the caller. */
void         dl_document_load_async        (GFile               *file,
                                            DlProgressFunc       progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_data_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The error is in DL_STORY_ERROR, with "FILE:LINE:COL: what" as message. */
DlDocument  *dl_document_load_finish       (GAsyncResult        *result,
                                            GError             **error);

/* Saves to @file (nullable: the document's own file, which must then be set). The story
 * is serialized on the calling thread and written atomically from a worker. On success the
 * document's file becomes @file, the history is marked clean at the point the save
 * started, and the recovery file is removed. On failure the old file and the edits stay. */
void         dl_document_save_async        (DlDocument          *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     dl_document_save_finish       (DlDocument          *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* The same, blocking (tests, the command line). */
gboolean     dl_document_save              (DlDocument          *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GError             **error);

DlStory     *dl_document_get_story         (DlDocument    *self);
GFile       *dl_document_get_file          (DlDocument    *self);
DlHistory   *dl_document_get_history       (DlDocument    *self);
gboolean     dl_document_get_modified      (DlDocument    *self);
const char  *dl_document_get_title         (DlDocument    *self);
/* Shorthand for dl_history_push (dl_document_get_history (self), operation). */
void         dl_document_push              (DlDocument    *self,
                                            DlOperation   *operation);

/* Recovery */
/* Writes the recovery file now (the timer calls this every 30 s while modified). */
gboolean     dl_document_write_recovery    (DlDocument    *self,
                                            GError       **error);
/* How often the recovery file is written while modified (default 30 s). */
void         dl_document_set_recovery_interval (DlDocument *self,
                                                guint       seconds);
/* The recovery file of this document (it may not exist yet). */
GFile       *dl_document_get_recovery_file (DlDocument    *self);
/* The user closes without saving: the recovery file goes. */
void         dl_document_discard           (DlDocument    *self);

/* A document left behind by a crash. */
typedef struct
{
  GFile     *recovery_file;  /* the story as it was */
  GFile     *original_file;  /* the file it was opened from, or NULL for a new story */
  char      *title;          /* the story's title or file name, to show */
  GDateTime *written;        /* when the recovery file was written */
} DlRecovery;

#define DL_TYPE_RECOVERY (dl_recovery_get_type ())
GType        dl_recovery_get_type          (void) G_GNUC_CONST;
DlRecovery  *dl_recovery_copy              (const DlRecovery *recovery);
void         dl_recovery_free              (DlRecovery    *recovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlRecovery, dl_recovery_free)

/* Every recovery file of documents not open in this process, newest first, as an array
 * of DlRecovery. */
GPtrArray   *dl_document_list_recoverable  (void);
/* The document as it was: its file is the original one, it is modified and the recovery
 * file is kept until it is saved or discarded. */
DlDocument  *dl_document_new_from_recovery (const DlRecovery *recovery,
                                            GError          **error);
/* The user does not want it back. */
void         dl_recovery_delete            (const DlRecovery *recovery);

G_END_DECLS
