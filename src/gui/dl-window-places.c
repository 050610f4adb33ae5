/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window-places"

/* Export Places: the story's places as KML, GPX or CSV for other tools. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dl-export-formats.h"
#include "dl-window-private.h"

static const struct
{
  const char     *extension;
  const char     *pattern;
  const char     *mime_type;
  const char     *label;
  DlPlacesFormat  format;
} formats[] = {
  { ".kml", "*.kml", "application/vnd.google-earth.kml+xml", N_("KML (Google Earth)"),
    DL_PLACES_FORMAT_KML },
  { ".gpx", "*.gpx", "application/gpx+xml", N_("GPX (GPS devices)"), DL_PLACES_FORMAT_GPX },
  { ".csv", "*.csv", "text/csv", N_("CSV (spreadsheets)"), DL_PLACES_FORMAT_CSV },
};

/* The file to write and its format: the name's extension, else the chosen filter's (added
 * to the name). */
static GFile *
places_target (GFile          *chosen,
               GtkFileFilter  *filter,
               DlPlacesFormat *format)
{
  g_autofree char *path = g_file_get_path (chosen);
  const char *name = filter != NULL ? gtk_file_filter_get_name (filter) : NULL;
  g_autofree char *with = NULL;
  guint chosen_format = 0;  /* no filter chosen: KML, the first one offered */

  if (path == NULL || dl_places_format_from_path (path, format))
    {
      if (path == NULL)
        *format = DL_PLACES_FORMAT_KML;
      return g_object_ref (chosen);
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (name != NULL && g_str_equal (name, _(formats[i].label)))
      chosen_format = i;

  *format = formats[chosen_format].format;
  with = g_strconcat (path, formats[chosen_format].extension, NULL);
  return g_file_new_for_path (with);
}

static void
export_places_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           DlWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (chosen != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      DlPlacesFormat format;
      g_autoptr(GFile) file = NULL;

      /* the chooser's getter is transfer none: balance the autoptr */
      if (filter != NULL)
        g_object_ref (filter);
      file = places_target (chosen, filter, &format);
      dl_window_export_places (self, file, format);
    }
  g_object_unref (dialog);
}

/**
 * dl_window_export_places:
 * @self: a window
 * @file: where to write
 * @format: KML, GPX or CSV
 *
 * Writes the places of the shown story; a toast or an error dialog says how it went.
 *
 * Returns: %TRUE when the file was written.
 */
gboolean
dl_window_export_places (DlWindow       *self,
                         GFile          *file,
                         DlPlacesFormat  format)
{
  DlStory *story;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  story = dl_view_state_get_story (dl_window_get_view_state (self));
  if (story == NULL)
    return FALSE;

  name = g_file_get_basename (file);
  if (!dl_places_export_to_file (story, format, file, NULL, &error))
    {
      /* TRANSLATORS: heading of the error dialog; %s is the file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      dl_window_show_error (self, heading, error->message);
      return FALSE;
    }

  /* TRANSLATORS: a toast after exporting the places; %s is the file name */
  title = g_markup_printf_escaped (_("Exported the places to “%s”"), name);
  dl_window_add_toast (self, adw_toast_new (title));
  return TRUE;
}

/**
 * dl_window_export_places_action:
 *
 * win.export-places: asks where, then writes the places.
 */
void
dl_window_export_places_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *story_name = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (dl_view_state_get_story (dl_window_get_view_state (self)) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Places"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].label));
      gtk_file_filter_add_pattern (filter, formats[i].pattern);
      gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  story_name = dl_window_suggest_file_name (self);
  dot = strrchr (story_name, '.');
  if (dot != NULL && dot != story_name)
    *dot = '\0';
  name = g_strconcat (story_name, ".kml", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_places_response_cb),
                           self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * dl_window_show_load_warnings:
 * @self: a window
 * @story: the story just opened
 *
 * A file other tools wrote may have been read leniently (a byte order mark, longitudes
 * past 180°, …): a quiet toast says so and where to see the details, without a dialog.
 */
void
dl_window_show_load_warnings (DlWindow *self,
                              DlStory  *story)
{
  const char * const *warnings;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n;

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (DL_IS_STORY (story));

  warnings = dl_story_get_warnings (story);
  if (warnings == NULL)
    return;
  n = g_strv_length ((char **) warnings);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Opened with %u warning: dateline --check lists it",
                                        "Opened with %u warnings: dateline --check lists them",
                                        n), n);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  dl_window_add_toast (self, toast);
}
