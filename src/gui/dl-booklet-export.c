/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-booklet-export"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-booklet.h"
#include "dl-booklet-export.h"

typedef struct
{
  GtkWindow       *parent;   /* weak */
  AdwToastOverlay *toasts;   /* weak */
  DlStory         *story;
  DlFilter        *filter;   /* a copy of the time, actors and text of the view's */
  GFile           *file;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_weak_pointer (&job->parent);
  g_clear_weak_pointer (&job->toasts);
  g_clear_object (&job->story);
  g_clear_object (&job->filter);
  g_clear_object (&job->file);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (dl_booklet_save (job->story, job->filter, job->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog;

      if (job->parent == NULL)
        return;
      dialog = adw_message_dialog_new (job->parent, _("Could Not Export the Story"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (job->toasts != NULL)
    {
      /* TRANSLATORS: a toast after writing the booklet; %s is the file name */
      g_autofree char *title = g_markup_printf_escaped (_("Exported “%s”"), name);

      adw_toast_overlay_add_toast (job->toasts, adw_toast_new (title));
    }
}

static DlFilter *
copy_filter (DlFilter *filter)
{
  DlFilter *copy = dl_filter_new ();
  const DlTime *from = NULL, *to = NULL;

  if (filter == NULL)
    return copy;
  dl_filter_set_actors (copy, dl_filter_get_actors (filter));
  dl_filter_set_text (copy, dl_filter_get_text (filter));
  if (dl_filter_get_time_range (filter, &from, &to))
    dl_filter_set_time_range (copy, from, to);
  return copy;
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Job             *job)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      job_free (job);
      return;
    }

  job->file = g_steal_pointer (&file);
  task = g_task_new (NULL, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, dl_booklet_export_present);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, save_thread);
}

void
dl_booklet_export_present (GtkWindow       *parent,
                           DlStory         *story,
                           DlFilter        *filter,
                           AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *title;
  Job *job;

  g_return_if_fail (DL_IS_STORY (story));

  job = g_new0 (Job, 1);
  g_set_weak_pointer (&job->parent, parent);
  g_set_weak_pointer (&job->toasts, toasts);
  job->story = g_object_ref (story);
  job->filter = copy_filter (filter);

  chooser = gtk_file_chooser_native_new (_("Export Story as PDF"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF Documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  title = dl_story_get_title (story);
  name = g_strdup_printf ("%s.pdf", title != NULL && title[0] != '\0' ? title : _("Story"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
