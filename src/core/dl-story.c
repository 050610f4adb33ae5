/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The story object, its accessors and file I/O. Reading and validating a file is in
 * dl-story-reader.c, writing one in dl-story-writer.c, editing in dl-story-edit.c. */
#define G_LOG_DOMAIN "dl-story"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dl-actor-private.h"
#include "dl-event-private.h"
#include "dl-place-private.h"
#include "dl-story-private.h"
#include "dl-story-reader-private.h"

#define MAX_SIZE DL_STORY_MAX_SIZE

G_DEFINE_FINAL_TYPE (DlStory, dl_story, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PUBLISHER,
  PROP_URL,
  PROP_PUBLISHED,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PASSAGES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dl_story_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlStory *self = DL_STORY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_story_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DlStory *self = DL_STORY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dl_story_set_title (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHER:
      dl_story_set_publisher (self, g_value_get_string (value));
      break;
    case PROP_URL:
      dl_story_set_url (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED:
      if (!dl_story_set_published (self, g_value_get_string (value), NULL))
        g_critical ("“%s” is not an ISO 8601 time", g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      dl_story_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Events may outlive the story (in an undo history). */
static void
dl_story_dispose (GObject *object)
{
  DlStory *self = DL_STORY (object);

  if (self->events != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->events)); i++)
      {
        g_autoptr(DlEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);

        event->story = NULL;
      }

  G_OBJECT_CLASS (dl_story_parent_class)->dispose (object);
}

static void
dl_story_finalize (GObject *object)
{
  DlStory *self = DL_STORY (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->source, g_bytes_unref);
  g_clear_pointer (&self->feature_sources, g_array_unref);
  g_clear_pointer (&self->event_sources, g_array_unref);
  g_clear_pointer (&self->owned_nodes, g_hash_table_unref);
  g_free (self->title);
  g_free (self->publisher);
  g_free (self->url);
  g_free (self->published);
  g_free (self->language);
  g_free (self->text);
  g_strfreev (self->warnings);
  g_clear_pointer (&self->passages, g_ptr_array_unref);
  g_clear_pointer (&self->place_by_id, g_hash_table_unref);
  g_clear_pointer (&self->actor_by_id, g_hash_table_unref);
  g_clear_pointer (&self->event_by_id, g_hash_table_unref);
  g_clear_object (&self->events);
  g_clear_object (&self->actors);
  g_clear_object (&self->places);

  G_OBJECT_CLASS (dl_story_parent_class)->finalize (object);
}

static void
dl_story_class_init (DlStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dl_story_dispose;
  object_class->finalize = dl_story_finalize;
  object_class->get_property = dl_story_get_property;
  object_class->set_property = dl_story_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, rw);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlStory::passages-changed:
   *
   * The list of passages (dl_story_list_passages()) changed: one was added or removed,
   * or an event with passages came or went.
   */
  signals[PASSAGES_CHANGED] = g_signal_new ("passages-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

void
dl_story_notify_property (DlStory    *self,
                          const char *name)
{
  for (guint i = 1; i < N_PROPS; i++)
    if (g_str_equal (properties[i]->name, name))
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

void
dl_story_emit_passages_changed (DlStory *self)
{
  g_signal_emit (self, signals[PASSAGES_CHANGED], 0);
}

static void
dl_story_init (DlStory *self)
{
  self->places = dl_object_list_new (DL_TYPE_PLACE);
  self->actors = g_list_store_new (DL_TYPE_ACTOR);
  self->events = g_list_store_new (DL_TYPE_EVENT);
  /* keyed by each place's own id (a place's id never changes) */
  self->place_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->actor_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->event_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->passages = g_ptr_array_new ();
}

/**
 * dl_story_read_file:
 * @file: a story file
 * @display_name: the file's name in messages
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads a story file's bytes, stopping as soon as it is over the size limit: a FIFO or
 * a device that never ends is refused after the limit, not read to its end.
 * A cancelled read fails with %G_IO_ERROR_CANCELLED; every other error is in the
 * %DL_STORY_ERROR domain.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL on error.
 */
GBytes *
dl_story_read_file (GFile         *file,
                    const char    *display_name,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return dl_story_read_file_with_progress (file, display_name, NULL, NULL, cancellable, error);
}

/**
 * dl_story_read_file_with_progress:
 * @file: a story file
 * @display_name: the file's name in messages
 * @progress_callback: (nullable) (scope call): called after each chunk read
 * @progress_data: data for @progress_callback
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * As dl_story_read_file(), telling @progress_callback how many bytes were read so far and
 * the file's size (0 when the size is not known, as for a pipe). The callback is called
 * in the thread that reads, about once a MiB.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL on error.
 */
GBytes *
dl_story_read_file_with_progress (GFile                 *file,
                                  const char            *display_name,
                                  GFileProgressCallback  progress_callback,
                                  gpointer               progress_data,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize chunk = 1024 * 1024;
  goffset total = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream != NULL && progress_callback != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_input_stream_query_info (stream,
                                                                  G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                                  cancellable, NULL);

      if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
        total = MAX (g_file_info_get_size (info), 0);
    }
  data = g_byte_array_new ();
  while (stream != NULL)
    {
      gsize old_len = data->len;
      gssize n;

      g_byte_array_set_size (data, old_len + chunk);
      n = g_input_stream_read (G_INPUT_STREAM (stream), data->data + old_len, chunk,
                               cancellable, &local_error);
      g_byte_array_set_size (data, old_len + MAX (n, 0));
      if (n <= 0)
        break;
      if (data->len > MAX_SIZE)
        {
          g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE,
                       _("%s:1:1: the file is too large (over %d MiB)"), display_name,
                       MAX_SIZE / (1024 * 1024));
          return NULL;
        }
      if (progress_callback != NULL)
        progress_callback (data->len, total, progress_data);
    }

  if (local_error != NULL &&
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* not a problem to show: the caller asked for it */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (local_error != NULL)
    {
      /* TRANSLATORS: a file name, then why it cannot be read */
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, _("%s: cannot be read: %s"),
                   display_name, local_error->message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * dl_story_new_from_file:
 * @file: a story file
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Loads @file as dl_story_new_from_bytes() does, naming it by its base name in messages.
 * A cancelled load fails with %G_IO_ERROR_CANCELLED; every other error is in the
 * %DL_STORY_ERROR domain.
 *
 * Returns: (transfer full) (nullable): the story, or %NULL on error.
 */
DlStory *
dl_story_new_from_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_basename (file);
  bytes = dl_story_read_file (file, name, cancellable, error);
  if (bytes == NULL)
    return NULL;

  return dl_story_new_from_bytes (bytes, name, error);
}

/**
 * dl_story_get_warnings:
 * @self: a story
 *
 * What was read leniently (a byte order mark, a feature without "properties", longitudes
 * past 180°, …), each kind once, in file order.
 *
 * Returns: (transfer none) (nullable): "FILE:LINE:COL: warning: …" lines, or %NULL.
 */
const char * const *
dl_story_get_warnings (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return (const char * const *) self->warnings;
}

/**
 * dl_story_sources_mention:
 * @self: a story
 * @word: an ASCII word, lower case
 *
 * Whether the "sources" member of the file (at the top, or in "dateline"), written as
 * JSON, holds @word in any ASCII case: a figure credits GeoNames when the sources name it.
 * The model does not edit "sources": it is read from the file's tree, never written out.
 *
 * Returns: %TRUE when a "sources" member mentions @word
 */
gboolean
dl_story_sources_mention (DlStory    *self,
                          const char *word)
{
  JsonObject *object;
  JsonNode *dateline;
  JsonNode *where[2] = { NULL, NULL };

  g_return_val_if_fail (DL_IS_STORY (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  if (self->root == NULL || !JSON_NODE_HOLDS_OBJECT (self->root))
    return FALSE;
  object = json_node_get_object (self->root);
  where[0] = json_object_get_member (object, "sources");
  dateline = json_object_get_member (object, "dateline");
  if (dateline != NULL && JSON_NODE_HOLDS_OBJECT (dateline))
    where[1] = json_object_get_member (json_node_get_object (dateline), "sources");

  for (guint i = 0; i < G_N_ELEMENTS (where); i++)
    {
      g_autoptr(JsonGenerator) generator = NULL;
      g_autofree char *text = NULL;
      g_autofree char *lower = NULL;

      if (where[i] == NULL)
        continue;
      generator = json_generator_new ();
      json_generator_set_root (generator, where[i]);
      text = json_generator_to_data (generator, NULL);
      lower = g_ascii_strdown (text, -1);
      if (strstr (lower, word) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
write_atomically (const char    *path,
                  const char    *display,
                  GBytes        *bytes,
                  GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat st;
  gboolean exists;
  const char *data;
  gsize length;
  gsize written = 0;
  int fd;
  int saved_errno;

  /* replace what a symbolic link points to, not the link */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  exists = g_stat (target, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO,
                   _("Could not save “%s”: it is a folder"), display);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  /* beside the file, so that rename() replaces it atomically; a long name is cut so that
   * the temporary name stays within NAME_MAX */
  if (strlen (base) > 200)
    *g_utf8_find_prev_char (base, base + 200) = '\0';
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp, O_WRONLY, 0644);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO,
                   _("Could not save “%s”: cannot create a file in %s: %s"), display, dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  /* keep the permissions of the file it replaces */
  if (exists)
    fchmod (fd, st.st_mode & 07777);

  data = g_bytes_get_data (bytes, &length);
  while (written < length)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      written += n;
    }

  if (written < length || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, _("Could not save “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  if (close (fd) != 0 || g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, _("Could not save “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  /* the rename itself reaches the disk with the folder */
  fd = open (dir, O_RDONLY | O_DIRECTORY);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

/**
 * dl_story_write_bytes:
 * @bytes: a story's text (dl_story_to_bytes())
 * @file: where to save it
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes @bytes atomically to @file, as dl_story_save_to_file() does; it touches no
 * story, so a worker thread may call it.
 *
 * Returns: %TRUE on success.
 */
gboolean
dl_story_write_bytes (GBytes        *bytes,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_file_get_parse_name (file);
  path = g_file_get_path (file);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (path != NULL)
    return write_atomically (path, display, bytes, error);

  /* not a local file: GIO replaces it through a temporary file where it can */
  data = g_bytes_get_data (bytes, &length);
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local_error))
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, _("Could not save “%s”: %s"),
                   display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * dl_story_save_to_file:
 * @self: a story
 * @file: where to save it
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Saves the story atomically: written to a temporary file beside @file, then renamed over
 * it, so that a failure leaves the old file as it was.
 *
 * Returns: %TRUE on success.
 */
gboolean
dl_story_save_to_file (DlStory       *self,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (DL_IS_STORY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = dl_story_to_bytes (self);
  return dl_story_write_bytes (bytes, file, cancellable, error);
}

/**
 * dl_story_get_title:
 * @self: a story
 *
 * Returns: (nullable): the article's title.
 */
const char *
dl_story_get_title (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return self->title;
}

/**
 * dl_story_get_publisher:
 * @self: a story
 *
 * Returns: (nullable): who published the article.
 */
const char *
dl_story_get_publisher (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return self->publisher;
}

/**
 * dl_story_get_url:
 * @self: a story
 *
 * Returns: (nullable): where the article is.
 */
const char *
dl_story_get_url (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return self->url;
}

/**
 * dl_story_get_published:
 * @self: a story
 *
 * Returns: (nullable): when the article was published, as written (ISO 8601).
 */
const char *
dl_story_get_published (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return self->published;
}

/**
 * dl_story_get_language:
 * @self: a story
 *
 * Returns: (nullable): the article's language (BCP 47).
 */
const char *
dl_story_get_language (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return self->language;
}

/**
 * dl_story_get_text:
 * @self: a story
 *
 * Returns: (nullable): the article text, paragraphs separated by newlines.
 */
const char *
dl_story_get_text (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return self->text;
}

/**
 * dl_story_get_text_length:
 * @self: a story
 *
 * Returns: the length of the article text in characters.
 */
int
dl_story_get_text_length (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), 0);
  return self->text_length;
}

/**
 * dl_story_get_places:
 * @self: a story
 *
 * Returns: (transfer none): a #GListModel of #DlPlace, in file order.
 */
GListModel *
dl_story_get_places (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return G_LIST_MODEL (self->places);
}

/**
 * dl_story_get_actors:
 * @self: a story
 *
 * Returns: (transfer none): a #GListModel of #DlActor, in file order.
 */
GListModel *
dl_story_get_actors (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return G_LIST_MODEL (self->actors);
}

/**
 * dl_story_get_events:
 * @self: a story
 *
 * Returns: (transfer none): a #GListModel of #DlEvent, in time order, then file order;
 *   events with no time last.
 */
GListModel *
dl_story_get_events (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  return G_LIST_MODEL (self->events);
}

/**
 * dl_story_get_n_passages:
 * @self: a story
 *
 * Returns: the number of passages of every event.
 */
guint
dl_story_get_n_passages (DlStory *self)
{
  g_return_val_if_fail (DL_IS_STORY (self), 0);
  return self->passages->len;
}

/**
 * dl_story_lookup_place:
 * @self: a story
 * @id: a place id
 *
 * Returns: (transfer none) (nullable): the place, or %NULL.
 */
DlPlace *
dl_story_lookup_place (DlStory    *self,
                       const char *id)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->place_by_id, id);
}

/**
 * dl_story_lookup_actor:
 * @self: a story
 * @id: an actor id
 *
 * Returns: (transfer none) (nullable): the actor, or %NULL.
 */
DlActor *
dl_story_lookup_actor (DlStory    *self,
                       const char *id)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->actor_by_id, id);
}

/**
 * dl_story_lookup_event:
 * @self: a story
 * @id: an event id
 *
 * Returns: (transfer none) (nullable): the event, or %NULL.
 */
DlEvent *
dl_story_lookup_event (DlStory    *self,
                       const char *id)
{
  g_return_val_if_fail (DL_IS_STORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->event_by_id, id);
}

/**
 * dl_story_list_passages:
 * @self: a story
 *
 * Returns: (transfer container) (element-type DlPassage): every passage of every event,
 *   sorted by start, then end.
 */
GPtrArray *
dl_story_list_passages (DlStory *self)
{
  GPtrArray *result;

  g_return_val_if_fail (DL_IS_STORY (self), NULL);

  result = g_ptr_array_sized_new (self->passages->len);
  for (guint i = 0; i < self->passages->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (self->passages, i));
  return result;
}

/**
 * dl_story_passages_at:
 * @self: a story
 * @offset: a character offset of the article text
 *
 * Returns: (transfer container) (element-type DlPassage): the passages that contain
 *   character @offset (several may overlap), sorted by start.
 */
GPtrArray *
dl_story_passages_at (DlStory *self,
                      int      offset)
{
  GPtrArray *result;

  g_return_val_if_fail (DL_IS_STORY (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->passages->len; i++)
    {
      const DlPassage *passage = g_ptr_array_index (self->passages, i);

      if (passage->start > offset)
        break;
      if (offset < passage->end)
        g_ptr_array_add (result, (gpointer) passage);
    }
  return result;
}
