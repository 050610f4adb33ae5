/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-document"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "dl-document.h"

#define RECOVERY_INTERVAL_S 30
#define READ_SHARE DL_DOCUMENT_READ_SHARE
#define RECOVERY_GROUP "Recovery"
/* A story of more places than this is freed in a worker thread when its last holder lets
 * go: a million places take a second or more to free, which froze the window's close and
 * the opening of the next story. */
#define FREE_IN_THREAD_PLACES 10000

struct _DlDocument
{
  GObject    parent_instance;

  DlStory   *story;
  GFile     *file;
  DlHistory *history;
  char      *title;
  char      *recovery_id;   /* the name of its recovery file, without extension */
  guint      recovery_source;
  guint      recovery_interval;  /* seconds */
};

G_DEFINE_FINAL_TYPE (DlDocument, dl_document, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (DlRecovery, dl_recovery, dl_recovery_copy, dl_recovery_free)

enum {
  PROP_0,
  PROP_STORY,
  PROP_FILE,
  PROP_HISTORY,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Recovery ids of the documents of this process: their files are not left behind. */
static GHashTable *open_recoveries;

typedef struct
{
  GFile          *file;
  DlProgressFunc  progress;
  gpointer        progress_data;
  GDestroyNotify  progress_data_free;
  GMainContext   *context;
  double          posted;   /* the last fraction handed to the main context */
} LoadJob;

typedef struct
{
  GTask  *task;  /* its LoadJob holds the callback and its data */
  double  fraction;
} ProgressUpdate;

typedef struct
{
  GBytes *bytes;
  GFile  *file;
  guint   position;
} SaveJob;

static void story_toggle_cb (gpointer  data,
                             GObject  *object,
                             gboolean  is_last_ref);

static gpointer
free_story_thread (gpointer data)
{
  /* the last reference: the story, its places and events are freed here */
  g_object_remove_toggle_ref (data, story_toggle_cb, NULL);
#ifdef __GLIBC__
  /* give the pages of a million small blocks back to the system for the next story */
  malloc_trim (0);
#endif
  return NULL;
}

/* Told when the toggle reference is the story's last one: no view, history or document
 * holds it any more. */
static void
story_toggle_cb (gpointer  data,
                 GObject  *object,
                 gboolean  is_last_ref)
{
  g_autoptr(GThread) thread = NULL;

  if (!is_last_ref)
    return;
  thread = g_thread_try_new ("dl-free-story", free_story_thread, object, NULL);
  /* no thread to be had: freed here, as before */
  if (thread == NULL)
    free_story_thread (object);
}

/* Lets go of @story; a big one is freed in a worker once every other holder let go too. */
static void
release_story (DlStory *story)
{
  /* a story of two documents gets one toggle reference: with two, neither is told */
  if (g_list_model_get_n_items (dl_story_get_places (story)) <= FREE_IN_THREAD_PLACES
      || g_object_get_data (G_OBJECT (story), "dl-free-in-thread") != NULL)
    {
      g_object_unref (story);
      return;
    }
  g_object_set_data (G_OBJECT (story), "dl-free-in-thread", GINT_TO_POINTER (TRUE));
  g_object_add_toggle_ref (G_OBJECT (story), story_toggle_cb, NULL);
  /* when ours was the last, the toggle reference is told right here */
  g_object_unref (story);
}

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "dateline", "recovery", NULL);
}

static char *
recovery_path (const char *id,
               const char *extension)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *name = g_strconcat (id, extension, NULL);

  return g_build_filename (dir, name, NULL);
}

static void
update_title (DlDocument *self)
{
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autoptr(GFileInfo) info =
        g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                           G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info != NULL)
        title = g_strdup (g_file_info_get_display_name (info));
      else
        title = g_file_get_basename (self->file);
    }
  else
    title = g_strdup (_("New Story"));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_file (DlDocument *self,
          GFile      *file)
{
  if (self->file == file || (self->file != NULL && file != NULL &&
                             g_file_equal (self->file, file)))
    return;
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_title (self);
}

static void
remove_recovery (DlDocument *self)
{
  g_autofree char *story_path = recovery_path (self->recovery_id, ".geojson");
  g_autofree char *info_path = recovery_path (self->recovery_id, ".ini");

  g_unlink (story_path);
  g_unlink (info_path);
}

static gboolean
recovery_timeout_cb (gpointer user_data)
{
  DlDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dl_document_write_recovery (self, &error))
    g_warning ("%s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
history_modified_cb (DlDocument *self)
{
  gboolean modified = dl_history_get_modified (self->history);

  if (modified && self->recovery_source == 0)
    {
      self->recovery_source = g_timeout_add_seconds (self->recovery_interval,
                                                     recovery_timeout_cb, self);
      g_source_set_name_by_id (self->recovery_source, "[dateline] recovery");
    }
  else if (!modified)
    {
      g_clear_handle_id (&self->recovery_source, g_source_remove);
      remove_recovery (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static gboolean
progress_update_cb (gpointer data)
{
  ProgressUpdate *update = data;
  LoadJob *job = g_task_get_task_data (update->task);

  /* none after the load is over: the caller may have let go of progress_data */
  if (!g_task_get_completed (update->task))
    job->progress (update->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->task);
  g_free (update);
}

static void
post_progress (GTask  *task,
               double  fraction)
{
  LoadJob *job = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;
  ProgressUpdate *update;

  if (job->progress == NULL)
    return;
  /* a step of 1% at least: each one redraws the bar, on the core the worker shares */
  if (fraction >= 0 && fraction < 1 && job->posted >= 0 && fraction - job->posted < 0.01)
    return;
  job->posted = fraction;
  update = g_new0 (ProgressUpdate, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  /* an idle, not g_main_context_invoke(), which would run it right here in the worker
   * whenever it can acquire the caller's context */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_update_cb, update, progress_update_free);
  g_source_set_static_name (source, "[dateline] load progress");
  g_source_attach (source, job->context);
}

static void
read_progress_cb (goffset  bytes_read,
                  goffset  total,
                  gpointer user_data)
{
  post_progress (user_data, total > 0 ? READ_SHARE * MIN ((double) bytes_read / total, 1.0)
                                      : -1.0);
}

static gboolean
parse_progress_cb (double   fraction,
                   gpointer user_data)
{
  GTask *task = user_data;

  post_progress (task, READ_SHARE + (1 - READ_SHARE) * fraction);
  /* Cancel stops the worker too, not just its result: a million places take seconds */
  return !g_cancellable_is_cancelled (g_task_get_cancellable (task));
}

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_object_unref (job->file);
  if (job->progress_data_free != NULL)
    job->progress_data_free (job->progress_data);
  g_main_context_unref (job->context);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autofree char *name = g_file_get_basename (job->file);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  DlStory *story;

  bytes = dl_story_read_file_with_progress (job->file, name, read_progress_cb, task,
                                            cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  story = dl_story_new_from_bytes_full (bytes, name, parse_progress_cb, task, &error);
  if (story == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  post_progress (task, 1.0);
  g_task_return_pointer (task, story, g_object_unref);
}

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_bytes_unref (job->bytes);
  g_object_unref (job->file);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (dl_story_write_bytes (job->bytes, job->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved (DlDocument *self,
       SaveJob    *job)
{
  set_file (self, job->file);
  dl_history_set_clean_at (self->history, job->position);
}

static void
dl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlDocument *self = DL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, dl_document_get_modified (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_document_dispose (GObject *object)
{
  DlDocument *self = DL_DOCUMENT (object);

  g_clear_handle_id (&self->recovery_source, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  G_OBJECT_CLASS (dl_document_parent_class)->dispose (object);
}

static void
dl_document_finalize (GObject *object)
{
  DlDocument *self = DL_DOCUMENT (object);

  /* a document that goes away modified keeps its recovery file, as a crash would: the
   * window asks Save / Discard first */
  if (open_recoveries != NULL)
    g_hash_table_remove (open_recoveries, self->recovery_id);
  /* the history's operations may hold its places: they go first */
  g_clear_object (&self->history);
  g_clear_pointer (&self->story, release_story);
  g_clear_object (&self->file);
  g_free (self->title);
  g_free (self->recovery_id);

  G_OBJECT_CLASS (dl_document_parent_class)->finalize (object);
}

static void
dl_document_class_init (DlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dl_document_dispose;
  object_class->finalize = dl_document_finalize;
  object_class->get_property = dl_document_get_property;

  properties[PROP_STORY] = g_param_spec_object ("story", NULL, NULL, DL_TYPE_STORY, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, DL_TYPE_HISTORY,
                                                  ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_document_init (DlDocument *self)
{
  self->history = dl_history_new ();
  self->recovery_interval = RECOVERY_INTERVAL_S;
  self->recovery_id = g_uuid_string_random ();
  if (open_recoveries == NULL)
    open_recoveries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (open_recoveries, g_strdup (self->recovery_id));
  g_signal_connect_swapped (self->history, "notify::modified",
                            G_CALLBACK (history_modified_cb), self);
}

/**
 * dl_document_new:
 * @story: a story
 * @file: (nullable): the file it was read from, or %NULL for a new story
 *
 * Returns: (transfer full): a document, not modified.
 */
DlDocument *
dl_document_new (DlStory *story,
                 GFile   *file)
{
  DlDocument *self;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (DL_TYPE_DOCUMENT, NULL);
  self->story = g_object_ref (story);
  self->file = file != NULL ? g_object_ref (file) : NULL;
  update_title (self);
  return self;
}

/**
 * dl_document_load_async:
 * @file: a story file
 * @progress: (nullable) (scope notified): called with the fraction read
 * @progress_data: data for @progress
 * @progress_data_free: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads and checks a story in a worker thread.
 */
void
dl_document_load_async (GFile               *file,
                        DlProgressFunc       progress,
                        gpointer             progress_data,
                        GDestroyNotify       progress_data_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (LoadJob, 1);
  job->file = g_object_ref (file);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_free = progress_data_free;
  job->context = g_main_context_ref_thread_default ();
  job->posted = -1.0;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_document_load_async);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * dl_document_load_finish:
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with an error in
 *   %DL_STORY_ERROR ("FILE:LINE:COL: what") or %G_IO_ERROR_CANCELLED.
 */
DlDocument *
dl_document_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(DlStory) story = NULL;
  LoadJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  story = g_task_propagate_pointer (G_TASK (result), error);
  if (story == NULL)
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  return dl_document_new (story, job->file);
}

static SaveJob *
save_job_new (DlDocument *self,
              GFile      *file)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->bytes = dl_story_to_bytes (self->story);
  job->file = g_object_ref (file != NULL ? file : self->file);
  job->position = dl_history_get_position (self->history);
  return job;
}

/**
 * dl_document_save_async:
 * @self: a document
 * @file: (nullable): where to save, or %NULL for the document's file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves the story as it is now, atomically, from a worker thread.
 */
void
dl_document_save_async (DlDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DL_IS_DOCUMENT (self));
  g_return_if_fail (file != NULL || self->file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_document_save_async);
  g_task_set_task_data (task, save_job_new (self, file), save_job_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * dl_document_save_finish:
 * @self: a document
 * @result: the result given to the callback
 * @error: a #GError
 *
 * On success the document's file is the one saved to and it is no longer modified
 * (unless it was edited during the save).
 *
 * Returns: %TRUE on success; else the old file and the edits are as they were.
 */
gboolean
dl_document_save_finish (DlDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (DL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  saved (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

/**
 * dl_document_save:
 * @self: a document
 * @file: (nullable): where to save, or %NULL for the document's file
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * dl_document_save_async(), blocking.
 *
 * Returns: %TRUE on success.
 */
gboolean
dl_document_save (DlDocument    *self,
                  GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (DL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file != NULL || self->file != NULL, FALSE);

  job = save_job_new (self, file);
  ok = dl_story_write_bytes (job->bytes, job->file, cancellable, error);
  if (ok)
    saved (self, job);
  save_job_free (job);
  return ok;
}

/**
 * dl_document_get_story:
 * @self: a document
 *
 * Returns: (transfer none): its story.
 */
DlStory *
dl_document_get_story (DlDocument *self)
{
  g_return_val_if_fail (DL_IS_DOCUMENT (self), NULL);
  return self->story;
}

/**
 * dl_document_get_file:
 * @self: a document
 *
 * Returns: (transfer none) (nullable): its file, or %NULL for a story never saved.
 */
GFile *
dl_document_get_file (DlDocument *self)
{
  g_return_val_if_fail (DL_IS_DOCUMENT (self), NULL);
  return self->file;
}

/**
 * dl_document_get_history:
 * @self: a document
 *
 * Returns: (transfer none): its history of changes.
 */
DlHistory *
dl_document_get_history (DlDocument *self)
{
  g_return_val_if_fail (DL_IS_DOCUMENT (self), NULL);
  return self->history;
}

/**
 * dl_document_get_modified:
 * @self: a document
 *
 * Returns: whether it has changes that are not saved.
 */
gboolean
dl_document_get_modified (DlDocument *self)
{
  g_return_val_if_fail (DL_IS_DOCUMENT (self), FALSE);
  return dl_history_get_modified (self->history);
}

/**
 * dl_document_get_title:
 * @self: a document
 *
 * Returns: the name to show: the file's display name, or "New Story".
 */
const char *
dl_document_get_title (DlDocument *self)
{
  g_return_val_if_fail (DL_IS_DOCUMENT (self), NULL);
  return self->title;
}

/**
 * dl_document_push:
 * @self: a document
 * @operation: (transfer full): an operation on its story
 *
 * Applies @operation through the document's history.
 */
void
dl_document_push (DlDocument  *self,
                  DlOperation *operation)
{
  g_return_if_fail (DL_IS_DOCUMENT (self));
  dl_history_push (self->history, operation);
}

/**
 * dl_document_get_recovery_file:
 * @self: a document
 *
 * Returns: (transfer full): where its recovery file is written.
 */
GFile *
dl_document_get_recovery_file (DlDocument *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (DL_IS_DOCUMENT (self), NULL);
  path = recovery_path (self->recovery_id, ".geojson");
  return g_file_new_for_path (path);
}

/**
 * dl_document_write_recovery:
 * @self: a document
 * @error: a #GError
 *
 * Writes the story to its recovery file now, with what is needed to offer it back.
 *
 * Returns: %TRUE on success.
 */
gboolean
dl_document_write_recovery (DlDocument  *self,
                            GError     **error)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *info_path = recovery_path (self->recovery_id, ".ini");
  g_autofree char *info_data = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GFile) recovery = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *title;

  g_return_val_if_fail (DL_IS_DOCUMENT (self), FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO,
                   _("Could not keep a recovery copy in %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  recovery = dl_document_get_recovery_file (self);
  bytes = dl_story_to_bytes (self->story);
  if (!dl_story_write_bytes (bytes, recovery, NULL, error))
    return FALSE;

  title = dl_story_get_title (self->story);
  if (title == NULL || *title == '\0')
    title = self->title;
  g_key_file_set_string (info, RECOVERY_GROUP, "Title", title);
  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      g_key_file_set_string (info, RECOVERY_GROUP, "File", uri);
    }
  info_data = g_key_file_to_data (info, NULL, NULL);
  return g_file_set_contents_full (info_path, info_data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * dl_document_set_recovery_interval:
 * @self: a document
 * @seconds: how often the recovery file is written while modified (30 by default)
 *
 * Sets how often the recovery file is written; from the next change on.
 */
void
dl_document_set_recovery_interval (DlDocument *self,
                                   guint       seconds)
{
  g_return_if_fail (DL_IS_DOCUMENT (self));
  g_return_if_fail (seconds > 0);

  self->recovery_interval = seconds;
  if (self->recovery_source != 0)
    {
      g_clear_handle_id (&self->recovery_source, g_source_remove);
      history_modified_cb (self);
    }
}

/**
 * dl_document_discard:
 * @self: a document
 *
 * The user closes it without saving: its recovery file is removed.
 */
void
dl_document_discard (DlDocument *self)
{
  g_return_if_fail (DL_IS_DOCUMENT (self));

  g_clear_handle_id (&self->recovery_source, g_source_remove);
  remove_recovery (self);
}

/**
 * dl_recovery_copy:
 * @recovery: a recovery
 *
 * Returns: (transfer full): a copy.
 */
DlRecovery *
dl_recovery_copy (const DlRecovery *recovery)
{
  DlRecovery *copy = g_new0 (DlRecovery, 1);

  copy->recovery_file = g_object_ref (recovery->recovery_file);
  copy->original_file = recovery->original_file != NULL ?
                        g_object_ref (recovery->original_file) : NULL;
  copy->title = g_strdup (recovery->title);
  copy->written = g_date_time_ref (recovery->written);
  return copy;
}

/**
 * dl_recovery_free:
 * @recovery: (nullable): a recovery
 *
 * Frees it.
 */
void
dl_recovery_free (DlRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_clear_object (&recovery->recovery_file);
  g_clear_object (&recovery->original_file);
  g_free (recovery->title);
  g_clear_pointer (&recovery->written, g_date_time_unref);
  g_free (recovery);
}

static int
compare_recoveries (gconstpointer a,
                    gconstpointer b)
{
  const DlRecovery *ra = *(const DlRecovery * const *) a;
  const DlRecovery *rb = *(const DlRecovery * const *) b;

  return g_date_time_compare (rb->written, ra->written);
}

/**
 * dl_document_list_recoverable:
 *
 * Returns: (transfer full) (element-type DlRecovery): the recovery files of documents not
 *   open in this process (left by a crash), newest first.
 */
GPtrArray *
dl_document_list_recoverable (void)
{
  g_autofree char *dir_path = recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_recovery_free);
  const char *name;

  if (dir == NULL)
    return list;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *story_path = NULL;
      g_autofree char *info_path = NULL;
      g_autofree char *uri = NULL;
      g_autoptr(GKeyFile) info = g_key_file_new ();
      GStatBuf st;
      DlRecovery *recovery;

      if (!g_str_has_suffix (name, ".geojson"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".geojson"));
      if (open_recoveries != NULL && g_hash_table_contains (open_recoveries, id))
        continue;
      story_path = g_build_filename (dir_path, name, NULL);
      info_path = recovery_path (id, ".ini");
      if (g_stat (story_path, &st) != 0)
        continue;

      recovery = g_new0 (DlRecovery, 1);
      recovery->recovery_file = g_file_new_for_path (story_path);
      if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
        {
          recovery->title = g_key_file_get_string (info, RECOVERY_GROUP, "Title", NULL);
          uri = g_key_file_get_string (info, RECOVERY_GROUP, "File", NULL);
          if (uri != NULL)
            recovery->original_file = g_file_new_for_uri (uri);
        }
      if (recovery->title == NULL)
        recovery->title = g_strdup (_("New Story"));
      recovery->written = g_date_time_new_from_unix_local (st.st_mtime);
      g_ptr_array_add (list, recovery);
    }
  g_ptr_array_sort (list, compare_recoveries);
  return list;
}

/**
 * dl_document_new_from_recovery:
 * @recovery: from dl_document_list_recoverable()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the document as it was, modified, with the file it
 *   came from; its recovery file is kept until it is saved or discarded.
 */
DlDocument *
dl_document_new_from_recovery (const DlRecovery  *recovery,
                               GError           **error)
{
  g_autoptr(DlStory) story = NULL;
  g_autofree char *basename = NULL;
  DlDocument *self;

  g_return_val_if_fail (recovery != NULL, NULL);

  story = dl_story_new_from_file (recovery->recovery_file, NULL, error);
  if (story == NULL)
    return NULL;

  self = dl_document_new (story, recovery->original_file);
  /* take over the recovery file: it is removed when the document is saved */
  basename = g_file_get_basename (recovery->recovery_file);
  g_hash_table_remove (open_recoveries, self->recovery_id);
  g_free (self->recovery_id);
  self->recovery_id = g_strndup (basename, strlen (basename) - strlen (".geojson"));
  g_hash_table_add (open_recoveries, g_strdup (self->recovery_id));
  dl_history_set_never_clean (self->history);
  return self;
}

/**
 * dl_recovery_delete:
 * @recovery: from dl_document_list_recoverable()
 *
 * Removes the recovery file: the user does not want it back.
 */
void
dl_recovery_delete (const DlRecovery *recovery)
{
  g_autofree char *path = NULL;

  g_return_if_fail (recovery != NULL);

  path = g_file_get_path (recovery->recovery_file);
  if (path != NULL && g_str_has_suffix (path, ".geojson"))
    {
      g_autofree char *info = g_strconcat (path, "", NULL);

      info[strlen (info) - strlen (".geojson")] = '\0';
      g_unlink (path);
      {
        g_autofree char *info_path = g_strconcat (info, ".ini", NULL);

        g_unlink (info_path);
      }
    }
}
