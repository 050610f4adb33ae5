/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-new-story-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-article-text.h"
#include "dl-new-story-dialog.h"
#include "dl-story-error.h"
#include "dl-time.h"

#define PASTE_CHUNK (256 * 1024)

struct _DlNewStoryDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwEntryRow   *title_row;
  AdwEntryRow   *published_row;
  GtkWidget     *cancel_button;
  GtkWidget     *create_button;
  GtkWidget     *open_button;
  GtkWidget     *progress_box;
  GtkSpinner    *spinner;
  GtkLabel      *date_hint;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  GtkTextView   *text_view;

  GCancellable  *cancellable;
  /* the draft being made in a worker, or NULL */
  GCancellable  *draft_cancellable;
  char          *error_text;
};

G_DEFINE_FINAL_TYPE (DlNewStoryDialog, dl_new_story_dialog, ADW_TYPE_WINDOW)

enum {
  STORY_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (DlNewStoryDialog *self,
              const char       *message)
{
  g_autofree char *shown = NULL;

  g_free (self->error_text);
  self->error_text = g_strdup (message);
  /* plain text: a message may quote the article; in Arabic its FILE:LINE:COL reads first */
  if (message != NULL)
    shown = dl_story_error_for_direction (message, gtk_widget_get_direction (GTK_WIDGET (self))
                                                   == GTK_TEXT_DIR_RTL);
  gtk_label_set_text (self->error_label, shown != NULL ? shown : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

typedef struct
{
  DlNewStoryDialog *self;
  GByteArray       *data;
  guint64           total;
} PasteJob;

static void
paste_job_free (PasteJob *job)
{
  g_object_unref (job->self);
  g_byte_array_unref (job->data);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasteJob, paste_job_free)

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PasteJob) job = user_data;
  GInputStream *stream = G_INPUT_STREAM (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (stream, result, &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (job->self, error->message);
      return;
    }

  /* Past the limit the rest is only counted, for the message. */
  job->total += g_bytes_get_size (bytes);
  if (job->total <= DL_ARTICLE_MAX_SIZE)
    g_byte_array_append (job->data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_bytes_get_size (bytes) > 0)
    {
      PasteJob *next = g_steal_pointer (&job);

      g_input_stream_read_bytes_async (stream, PASTE_CHUNK, G_PRIORITY_DEFAULT,
                                       next->self->cancellable, paste_read_cb, next);
      return;
    }

  if (job->total > DL_ARTICLE_MAX_SIZE)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is a file name, then two sizes in megabytes */
      message = g_strdup_printf (_("%s: the text is %.1f MB; an article can be at most %d MB"),
                                 _("Pasted text"), job->total / (1024.0 * 1024.0),
                                 DL_ARTICLE_MAX_SIZE / (1024 * 1024));
      show_problem (job->self, message);
      return;
    }
  dl_new_story_dialog_insert_bytes (job->self, (const char *) job->data->data, job->data->len,
                                    NULL);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PasteJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result,
                                                              NULL, &error);
  GCancellable *cancellable;

  if (stream == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (job->self, error->message);
      return;
    }
  cancellable = job->self->cancellable;
  g_input_stream_read_bytes_async (stream, PASTE_CHUNK, G_PRIORITY_DEFAULT, cancellable,
                                   paste_read_cb, g_steal_pointer (&job));
}

/* Pasted text is checked before it reaches the buffer: 50 MB or binary data must not
 * freeze the dialog or end up in a story. */
static void
paste_clipboard_cb (GtkTextView      *text_view,
                    DlNewStoryDialog *self)
{
  static const char *mime_types[] = { "text/plain;charset=utf-8", "text/plain", NULL };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (text_view));
  PasteJob *job;

  g_signal_stop_emission_by_name (text_view, "paste-clipboard");
  job = g_new0 (PasteJob, 1);
  job->self = g_object_ref (self);
  job->data = g_byte_array_new ();
  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, self->cancellable,
                            clipboard_read_cb, job);
}

static void
buffer_changed_cb (GtkTextBuffer    *buffer,
                   DlNewStoryDialog *self)
{
  if (self->error_text != NULL)
    show_problem (self, NULL);
}

static GtkFileFilter *
text_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Text Files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "md");
  return filter;
}

static void
open_response_cb (GtkNativeDialog  *chooser,
                  int               response,
                  DlNewStoryDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        dl_new_story_dialog_load_file (self, file);
    }
  g_object_unref (chooser);
}

static void
open_clicked_cb (DlNewStoryDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = text_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open an Article"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* While a draft is made the dialog's fields stay as they are, and Cancel stops it. */
static void
set_drafting (DlNewStoryDialog *self,
              gboolean          drafting)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->published_row),
    GTK_WIDGET (self->text_view), self->open_button, self->create_button,
  };

  /* the keyboard leaves the fields first (an entry made insensitive while focused misses
   * its focus-out), for Cancel, which is what it can do meanwhile */
  if (drafting)
    gtk_widget_grab_focus (self->cancel_button);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_set_sensitive (fields[i], !drafting);
  gtk_widget_set_visible (self->progress_box, drafting);
  gtk_spinner_set_spinning (self->spinner, drafting);
  if (!drafting)
    g_clear_object (&self->draft_cancellable);
}

typedef struct
{
  char *text;
  char *title;
  char *published;
} DraftJob;

static void
draft_job_free (DraftJob *job)
{
  g_free (job->text);
  g_free (job->title);
  g_free (job->published);
  g_free (job);
}

/* In a worker: the detector and the drafter, the same call as `--new-story`. */
static void
draft_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DraftJob *job = task_data;
  DlArticleInfo info = { NULL };
  g_autoptr(GError) error = NULL;
  DlStory *story;

  info.title = job->title;
  info.published = job->published;
  story = dl_article_new_story (job->text, &info, &error);
  if (story == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, story, g_object_unref);
}

static void
draft_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DlNewStoryDialog *self = DL_NEW_STORY_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = g_task_propagate_pointer (G_TASK (result), &error);

  /* stopped by Cancel or by closing the dialog, which already put it back */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_drafting (self, FALSE);
  if (story == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[STORY_CREATED], 0, story);
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_clicked_cb (DlNewStoryDialog *self)
{
  dl_new_story_dialog_create (self);
}

/* Cancel (or Escape) stops a draft under way and keeps the text; else it closes. */
static void
cancel_clicked_cb (DlNewStoryDialog *self)
{
  if (self->draft_cancellable != NULL)
    {
      g_cancellable_cancel (self->draft_cancellable);
      set_drafting (self, FALSE);
      gtk_widget_grab_focus (self->create_button);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
cancel_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  cancel_clicked_cb (DL_NEW_STORY_DIALOG (widget));
  return TRUE;
}

static gboolean
create_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  dl_new_story_dialog_create (DL_NEW_STORY_DIALOG (widget));
  return TRUE;
}

static gboolean
open_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  open_clicked_cb (DL_NEW_STORY_DIALOG (widget));
  return TRUE;
}

static void
dl_new_story_dialog_dispose (GObject *object)
{
  DlNewStoryDialog *self = DL_NEW_STORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->draft_cancellable != NULL)
    g_cancellable_cancel (self->draft_cancellable);
  g_clear_object (&self->draft_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_NEW_STORY_DIALOG);

  G_OBJECT_CLASS (dl_new_story_dialog_parent_class)->dispose (object);
}

static void
dl_new_story_dialog_finalize (GObject *object)
{
  DlNewStoryDialog *self = DL_NEW_STORY_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (dl_new_story_dialog_parent_class)->finalize (object);
}

static void
dl_new_story_dialog_class_init (DlNewStoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_new_story_dialog_dispose;
  object_class->finalize = dl_new_story_dialog_finalize;

  /* The story made from the dialog. */
  signals[STORY_CREATED] = g_signal_new ("story-created", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, DL_TYPE_STORY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-new-story-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, date_hint);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, published_row);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, DlNewStoryDialog, title_row);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                create_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                create_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                open_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, cancel_shortcut_cb, NULL);
}

static void
dl_new_story_dialog_init (DlNewStoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->text_view));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->text_view, "paste-clipboard",
                           G_CALLBACK (paste_clipboard_cb), self, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, 0);
}

DlNewStoryDialog *
dl_new_story_dialog_new (GtkWindow *parent)
{
  return g_object_new (DL_TYPE_NEW_STORY_DIALOG, "transient-for", parent, NULL);
}

gboolean
dl_new_story_dialog_insert_bytes (DlNewStoryDialog  *self,
                                  const char        *data,
                                  gsize              length,
                                  GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *checked = NULL;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), FALSE);

  /* TRANSLATORS: names pasted text in error messages, instead of a file name */
  checked = dl_article_text_from_bytes (data, length, _("Pasted text"), NULL, &local_error);
  /* an empty paste is not an error, it just adds nothing */
  if (checked == NULL && !g_error_matches (local_error, DL_STORY_ERROR, DL_STORY_ERROR_INVALID))
    {
      show_problem (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The text as pasted: paragraphs are joined when the story is created. */
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, data, (int) length);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

void
dl_new_story_dialog_load_file (DlNewStoryDialog *self,
                               GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (DL_IS_NEW_STORY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  text = dl_article_text_from_file (file, &title, self->cancellable, &error);
  if (text == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  if (gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] == '\0')
    {
      if (title == NULL)
        {
          g_autofree char *name = g_file_get_basename (file);
          char *dot = strrchr (name, '.');

          if (dot != NULL && dot != name)
            *dot = '\0';
          title = g_strdup (name);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
    }
  show_problem (self, NULL);
}

gboolean
dl_new_story_dialog_create (DlNewStoryDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *published = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  DraftJob *job;
  DlTime time;

  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), FALSE);

  if (self->draft_cancellable != NULL)
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  raw = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  text = dl_article_text_from_bytes (raw, strlen (raw), _("Pasted text"), &heading, &error);
  if (text == NULL)
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return FALSE;
    }

  published = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->published_row))));
  if (published[0] != '\0' && !dl_time_parse (published, &time, NULL))
    {
      /* TRANSLATORS: %s is what the user typed as the publication date */
      g_autofree char *message = g_strdup_printf (_("The publication date “%s” is not a date "
                                                    "like 2024-12-08"), published);

      show_problem (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->published_row));
      return FALSE;
    }

  job = g_new0 (DraftJob, 1);
  job->text = g_steal_pointer (&text);
  job->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  if (job->title[0] == '\0')
    {
      g_free (job->title);
      job->title = g_steal_pointer (&heading);
    }
  job->published = g_steal_pointer (&published);

  self->draft_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->draft_cancellable, draft_done_cb, NULL);
  g_task_set_source_tag (task, dl_new_story_dialog_create);
  g_task_set_task_data (task, job, (GDestroyNotify) draft_job_free);
  /* Cancel answers at once; the worker's result is then dropped */
  g_task_set_return_on_cancel (task, TRUE);
  set_drafting (self, TRUE);
  g_task_run_in_thread (task, draft_thread);
  return TRUE;
}

gboolean
dl_new_story_dialog_is_drafting (DlNewStoryDialog *self)
{
  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), FALSE);

  return self->draft_cancellable != NULL;
}

/**
 * dl_new_story_dialog_ask_date:
 * @text: the article, as read from its file
 * @title: its title
 *
 * Fills the dialog with an article opened directly (a .txt given on the command line or
 * dropped), which has no publication date: the date row is empty, focused and explained.
 */
void
dl_new_story_dialog_ask_date (DlNewStoryDialog *self,
                              const char       *text,
                              const char       *title)
{
  g_return_if_fail (DL_IS_NEW_STORY_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->published_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_hint), TRUE);
  show_problem (self, NULL);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->published_row));
}

AdwEntryRow *
dl_new_story_dialog_get_published_row (DlNewStoryDialog *self)
{
  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), NULL);

  return self->published_row;
}

GtkTextView *
dl_new_story_dialog_get_text_view (DlNewStoryDialog *self)
{
  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), NULL);

  return self->text_view;
}

const char *
dl_new_story_dialog_get_error_text (DlNewStoryDialog *self)
{
  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), NULL);

  return self->error_text;
}

AdwEntryRow *
dl_new_story_dialog_get_title_row (DlNewStoryDialog *self)
{
  g_return_val_if_fail (DL_IS_NEW_STORY_DIALOG (self), NULL);

  return self->title_row;
}

gboolean
dl_new_story_is_article_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".md")
         || g_str_has_suffix (lower, ".markdown");
}
