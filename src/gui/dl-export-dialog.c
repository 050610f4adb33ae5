/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-export-dialog.h"
#include "dl-file-name.h"
#include "dl-figure.h"
#include "dl-settings.h"

/* The preview is drawn at most this big (in image pixels) whatever the figure's size. */
#define PREVIEW_WIDTH 960
#define PREVIEW_HEIGHT 640
#define SIZE_CUSTOM 4

#define DL_TYPE_EXPORT_DIALOG (dl_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DlExportDialog, dl_export_dialog, DL, EXPORT_DIALOG, AdwWindow)

struct _DlExportDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkButton       *cancel_button;
  GtkButton       *export_button;
  GtkButton       *copy_button;
  GtkPicture      *preview;
  GtkLabel        *preview_label;
  AdwComboRow     *format_row;
  AdwComboRow     *size_row;
  AdwComboRow     *view_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  AdwEntryRow     *title_row;
  GtkSwitch       *legend_switch;
  GtkSwitch       *callouts_switch;
  GtkSwitch       *scale_bar_switch;
  GtkSwitch       *timeline_switch;
  GtkSwitch       *basemap_switch;
  GtkLabel        *error_label;
  GtkProgressBar  *progress_bar;

  DlStory         *story;
  DlFilter        *filter;
  gboolean         has_view;
  double           view_lat;
  double           view_lon;
  double           view_zoom;
  GSettings       *settings;

  guint            preview_timeout;
  guint            preview_serial;
  GCancellable    *preview_cancellable;
  GCancellable    *export_cancellable;
  GtkFileChooserNative *chooser;
  guint            progress_timeout;
  int              progress_permille;  /* written by the export thread */
  gboolean         busy;
  gboolean         syncing_size;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (DlExportDialog, dl_export_dialog, ADW_TYPE_WINDOW)

static const struct
{
  int width;
  int height;
} size_presets[] = {
  { 1920, 1080 },
  { 1080, 1080 },
  { 1200, 675 },
  { 3508, 2480 },   /* A4 landscape at 300 dpi */
};

/* A job for a worker thread: everything it reads is its own or immutable. */
typedef struct
{
  DlStory         *story;
  DlFigureOptions *options;
  GFile           *file;
  DlFigureFormat   format;
  double           scale;
  guint            serial;
  DlExportDialog  *dialog;  /* only for the progress counter, an atomic int */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->story);
  g_clear_pointer (&job->options, dl_figure_options_free);
  g_clear_object (&job->file);
  g_free (job);
}

static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT (premultiplied, native endian); the bytes keep
   * the surface alive. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static DlFigureFormat
get_format (DlExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected <= DL_FIGURE_FORMAT_PDF ? (DlFigureFormat) selected : DL_FIGURE_FORMAT_PNG;
}

static DlFigureOptions *
build_options (DlExportDialog *self)
{
  DlFigureOptions *options = dl_figure_options_new ();

  options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->height = gtk_spin_button_get_value_as_int (self->height_spin);
  options->scale = 1;
  options->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  options->legend = gtk_switch_get_active (self->legend_switch);
  options->callouts = gtk_switch_get_active (self->callouts_switch);
  options->scale_bar = gtk_switch_get_active (self->scale_bar_switch);
  options->timeline = gtk_switch_get_active (self->timeline_switch);
  options->basemap = gtk_switch_get_active (self->basemap_switch);
  if (self->has_view && adw_combo_row_get_selected (self->view_row) == 1)
    {
      options->fit = FALSE;
      options->center_lat = self->view_lat;
      options->center_lon = self->view_lon;
      options->zoom = self->view_zoom;
    }
  dl_figure_options_set_filter (options, self->filter);
  return options;
}

static void
set_busy (DlExportDialog *self,
          gboolean        busy)
{
  GtkWidget *controls[] = {
    GTK_WIDGET (self->export_button), GTK_WIDGET (self->copy_button),
    GTK_WIDGET (self->format_row), GTK_WIDGET (self->size_row), GTK_WIDGET (self->view_row),
    GTK_WIDGET (self->width_spin), GTK_WIDGET (self->height_spin),
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->legend_switch),
    GTK_WIDGET (self->callouts_switch), GTK_WIDGET (self->scale_bar_switch),
    GTK_WIDGET (self->basemap_switch),
  };

  self->busy = busy;
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
}

static void
show_error (DlExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Preview */

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  cairo_surface_t *surface;

  surface = dl_figure_render_image (job->story, job->options, job->scale, &error);
  if (surface == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  g_autoptr(GdkTexture) texture = NULL;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->disposed || job->serial != self->preview_serial)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  if (surface == NULL)
    {
      gtk_picture_set_paintable (self->preview, NULL);
      gtk_label_set_text (self->preview_label, error->message);
      return;
    }
  texture = texture_for_surface (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (user_data);
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  g_autofree char *size = NULL;
  g_autofree char *ext = NULL;

  self->preview_timeout = 0;
  self->preview_serial++;

  job->story = g_object_ref (self->story);
  job->options = build_options (self);
  job->serial = self->preview_serial;
  job->scale = MIN (1.0, MIN ((double) PREVIEW_WIDTH / job->options->width,
                              (double) PREVIEW_HEIGHT / job->options->height));

  ext = g_ascii_strup (dl_figure_format_get_extension (get_format (self)), -1);
  size = g_strdup_printf (_("%d × %d pixels · %s"), job->options->width,
                          job->options->height, ext);
  gtk_label_set_text (self->preview_label, size);

  task = g_task_new (self, NULL, preview_done_cb, NULL);
  g_task_set_source_tag (task, preview_timeout_cb);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, preview_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (DlExportDialog *self)
{
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->preview_timeout = g_timeout_add (150, preview_timeout_cb, self);
}

/* Size presets */

static void
sync_size_row (DlExportDialog *self)
{
  int width = gtk_spin_button_get_value_as_int (self->width_spin);
  int height = gtk_spin_button_get_value_as_int (self->height_spin);
  guint selected = SIZE_CUSTOM;

  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    if (size_presets[i].width == width && size_presets[i].height == height)
      selected = i;

  self->syncing_size = TRUE;
  adw_combo_row_set_selected (self->size_row, selected);
  self->syncing_size = FALSE;
}

static void
size_preset_changed_cb (DlExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->size_row);

  if (self->syncing_size || selected >= G_N_ELEMENTS (size_presets))
    return;

  self->syncing_size = TRUE;
  gtk_spin_button_set_value (self->width_spin, size_presets[selected].width);
  gtk_spin_button_set_value (self->height_spin, size_presets[selected].height);
  self->syncing_size = FALSE;
  schedule_preview (self);
}

static void
size_changed_cb (DlExportDialog *self)
{
  if (self->syncing_size)
    return;
  sync_size_row (self);
  schedule_preview (self);
}

static void
option_changed_cb (DlExportDialog *self)
{
  show_error (self, NULL);
  schedule_preview (self);
}

/* Saving */

static void
save_settings (DlExportDialog *self)
{
  if (self->settings == NULL)
    return;
  g_settings_set_enum (self->settings, "export-format", get_format (self));
  g_settings_set_int (self->settings, "export-width",
                      gtk_spin_button_get_value_as_int (self->width_spin));
  g_settings_set_int (self->settings, "export-height",
                      gtk_spin_button_get_value_as_int (self->height_spin));
}

static void
export_progress (double   fraction,
                 gpointer user_data)
{
  DlExportDialog *self = user_data;

  /* Called in the export thread: only an atomic store, read by a main-loop timeout. */
  g_atomic_int_set (&self->progress_permille, (int) (fraction * 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (dl_figure_save (job->story, job->options, job->file, job->format, cancellable,
                      export_progress, job->dialog, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (user_data);
  int permille = g_atomic_int_get (&self->progress_permille);

  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  g_clear_object (&self->export_cancellable);
  if (self->disposed)
    return;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  save_settings (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_export (DlExportDialog *self,
              GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->story = g_object_ref (self->story);
  job->options = build_options (self);
  job->file = g_object_ref (file);
  job->format = get_format (self);
  job->dialog = self;

  show_error (self, NULL);
  set_busy (self, TRUE);
  gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_atomic_int_set (&self->progress_permille, 0);
  self->progress_timeout = g_timeout_add (100, progress_timeout_cb, self);

  self->export_cancellable = g_cancellable_new ();
  /* The task holds the dialog, so job->dialog lives as long as the thread. */
  task = g_task_new (self, self->export_cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

static GFile *
with_extension (GFile          *file,
                DlFigureFormat  format)
{
  g_autofree char *path = g_file_get_path (file);
  DlFigureFormat named;

  if (path == NULL || (dl_figure_format_from_path (path, &named) && named == format))
    return g_object_ref (file);
  {
    g_autofree char *fixed = g_strconcat (path, ".", dl_figure_format_get_extension (format),
                                          NULL);
    return g_file_new_for_path (fixed);
  }
}

static void
chooser_response_cb (DlExportDialog *self,
                     int             response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) target = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || self->disposed)
    return;

  target = with_extension (file, get_format (self));
  start_export (self, target);
}

static char *
suggested_name (DlExportDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *base = dl_file_name_from_title (title, 48);

  return g_strdup_printf ("%s.%s", base[0] != '\0' ? base : _("map"),
                          dl_figure_format_get_extension (get_format (self)));
}

static void
export_clicked_cb (DlExportDialog *self)
{
  g_autofree char *name = suggested_name (self);
  GtkFileFilter *filter = gtk_file_filter_new ();
  DlFigureFormat format = get_format (self);
  const char *types[] = { "image/png", "image/svg+xml", "application/pdf" };

  if (self->busy || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row) != NULL
                            ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                            : "");
  gtk_file_filter_add_mime_type (filter, types[format]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked_cb (DlExportDialog *self)
{
  if (self->busy && self->export_cancellable != NULL)
    {
      g_cancellable_cancel (self->export_cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* Clipboard */

static void
copy_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  g_autoptr(GdkTexture) texture = NULL;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->disposed)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  set_busy (self, FALSE);
  if (surface == NULL)
    {
      show_error (self, error->message);
      return;
    }
  texture = texture_for_surface (surface);
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Figure copied to the clipboard")));
}

static void
copy_clicked_cb (DlExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  if (self->busy)
    return;

  job->story = g_object_ref (self->story);
  job->options = build_options (self);
  job->scale = 1;

  show_error (self, NULL);
  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  task = g_task_new (self, NULL, copy_done_cb, NULL);
  g_task_set_source_tag (task, copy_clicked_cb);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, preview_thread);
}

/* GObject */

static gboolean
dl_export_dialog_close_request (GtkWindow *window)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (window);

  /* Closing while exporting cancels: the temporary file is removed, nothing is left. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  return GTK_WINDOW_CLASS (dl_export_dialog_parent_class)->close_request (window);
}

static void
dl_export_dialog_dispose (GObject *object)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (dl_export_dialog_parent_class)->dispose (object);
}

static void
dl_export_dialog_finalize (GObject *object)
{
  DlExportDialog *self = DL_EXPORT_DIALOG (object);

  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->story);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_export_dialog_parent_class)->finalize (object);
}

static void
dl_export_dialog_class_init (DlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dl_export_dialog_dispose;
  object_class->finalize = dl_export_dialog_finalize;
  window_class->close_request = dl_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, basemap_switch);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, callouts_switch);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, scale_bar_switch);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, timeline_switch);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, DlExportDialog, width_spin);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dl_export_dialog_init (DlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
load_settings (DlExportDialog *self)
{
  GtkSwitch *switches[] = { self->legend_switch, self->callouts_switch,
                            self->scale_bar_switch, self->basemap_switch };
  const char *keys[] = { "export-legend", "export-callouts", "export-scale-bar",
                         "export-basemap" };
  int width, height, format;

  self->settings = dl_settings_new ();
  if (self->settings == NULL)
    return;

  format = g_settings_get_enum (self->settings, "export-format");
  adw_combo_row_set_selected (self->format_row, (guint) CLAMP (format, 0, 2));
  width = g_settings_get_int (self->settings, "export-width");
  height = g_settings_get_int (self->settings, "export-height");
  if (width >= 16 && height >= 16)
    {
      gtk_spin_button_set_value (self->width_spin, width);
      gtk_spin_button_set_value (self->height_spin, height);
    }
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_settings_bind (self->settings, keys[i], switches[i], "active", G_SETTINGS_BIND_DEFAULT);
}

/**
 * dl_export_dialog_present:
 *
 * Opens the Export dialog: options on the right, a live preview on the left, then a
 * file chooser; the figure is written in a worker thread.
 */
void
dl_export_dialog_present (GtkWindow       *parent,
                          DlStory         *story,
                          DlFilter        *filter,
                          ShumateViewport *viewport)
{
  DlExportDialog *self;
  GListModel *events;
  const char *title;
  GObject *watch[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (DL_IS_STORY (story));
  g_return_if_fail (filter == NULL || DL_IS_FILTER (filter));
  g_return_if_fail (viewport == NULL || SHUMATE_IS_VIEWPORT (viewport));

  self = g_object_new (DL_TYPE_EXPORT_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  self->story = g_object_ref (story);
  if (filter != NULL)
    {
      self->filter = g_object_ref (filter);
      /* Matching may fill per-event caches: fill them here, on the main thread, so the
       * worker threads only read. The dialog is modal, so the filter does not change. */
      events = dl_story_get_events (story);
      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

          dl_filter_match (filter, event);
        }
    }
  if (viewport != NULL)
    {
      self->has_view = TRUE;
      self->view_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      self->view_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      self->view_zoom = shumate_viewport_get_zoom_level (viewport);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->view_row), self->has_view);

  title = dl_story_get_title (story);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");

  load_settings (self);
  sync_size_row (self);

  g_signal_connect_object (self->size_row, "notify::selected",
                           G_CALLBACK (size_preset_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->width_spin, "value-changed",
                           G_CALLBACK (size_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->height_spin, "value-changed",
                           G_CALLBACK (size_changed_cb), self, G_CONNECT_SWAPPED);
  watch[0] = G_OBJECT (self->format_row);
  watch[1] = G_OBJECT (self->view_row);
  watch[2] = G_OBJECT (self->legend_switch);
  watch[3] = G_OBJECT (self->callouts_switch);
  watch[4] = G_OBJECT (self->scale_bar_switch);
  watch[5] = G_OBJECT (self->basemap_switch);
  for (guint i = 0; i < 2; i++)
    g_signal_connect_object (watch[i], "notify::selected", G_CALLBACK (option_changed_cb),
                             self, G_CONNECT_SWAPPED);
  for (guint i = 2; i < 6; i++)
    g_signal_connect_object (watch[i], "notify::active", G_CALLBACK (option_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_switch, "notify::active",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);

  schedule_preview (self);
  gtk_window_present (GTK_WINDOW (self));
}
