/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-application.h"
#include "dl-bundled.h"
#include "dl-check.h"
#include "dl-export-cli.h"
#include "dl-new-story.h"
#include "dl-resources.h"
#include "dl-story.h"
#include "dl-window.h"
#include "dl-window-actions.h"

struct _DlApplication
{
  AdwApplication  parent_instance;

  /* Story files named on the command line, opened on activation. */
  GPtrArray      *files;
  gboolean        recovery_offered;
};

G_DEFINE_FINAL_TYPE (DlApplication, dl_application, ADW_TYPE_APPLICATION)

static DlWindow *
create_window (DlApplication *self)
{
  DlWindow *window = dl_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  /* the first window of a run offers what a crash left unsaved */
  if (!self->recovery_offered)
    {
      self->recovery_offered = TRUE;
      dl_window_offer_recovery (window);
    }
  return window;
}

/* Each window closes as its close button would: one with unsaved changes asks first and
 * stays when the user cancels. */
static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));
  g_autoptr(GPtrArray) to_close = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = windows; l != NULL; l = l->next)
    if (DL_IS_WINDOW (l->data))
      g_ptr_array_add (to_close, g_object_ref (l->data));
  for (guint i = 0; i < to_close->len; i++)
    gtk_window_close (to_close->pdata[i]);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
};

static int
dl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  g_autofree const char **files = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("dateline %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "export"))
    return dl_export_cli_run (options);

  if (g_variant_dict_contains (options, "new-story"))
    return dl_new_story_cli_run (options);

  if (g_variant_dict_contains (options, "check"))
    {
      if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files)
          || files[0] == NULL)
        {
          g_printerr ("%s\n", _("dateline: --check needs a story file"));
          return 1;
        }
      return dl_check_files (files);
    }

  /* G_OPTION_REMAINING takes the file arguments away from GApplication's own "open"
   * handling: keep them for dl_application_activate. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files))
    for (guint i = 0; files[i] != NULL; i++)
      g_ptr_array_add (DL_APPLICATION (application)->files,
                       g_file_new_for_commandline_arg (files[i]));

  /* When Dateline already runs, the files open in new windows of that instance. */
  if (DL_APPLICATION (application)->files->len > 0
      && (g_application_get_flags (application) & G_APPLICATION_NON_UNIQUE) == 0)
    {
      GPtrArray *paths = DL_APPLICATION (application)->files;
      g_autoptr(GError) error = NULL;

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("dateline: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (application))
        {
          g_application_open (application, (GFile **) paths->pdata, paths->len, "");
          return 0;
        }
    }

  return -1;
}

static void
dl_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  /* Before chaining up: AdwApplication loads style.css and GtkApplication the shortcuts
   * window from the resources during startup. */
  dl_resources_ensure ();
  G_APPLICATION_CLASS (dl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         quit_accels);
}

static void dl_application_open (GApplication  *application,
                                 GFile        **files,
                                 int            n_files,
                                 const char    *hint);

static void
dl_application_activate (GApplication *application)
{
  DlApplication *self = DL_APPLICATION (application);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  DlWindow *window;

  if (self->files->len > 0)
    {
      g_autoptr(GPtrArray) files = g_steal_pointer (&self->files);

      self->files = g_ptr_array_new_with_free_func (g_object_unref);
      dl_application_open (application, (GFile **) files->pdata, files->len, "");
      return;
    }

  window = create_window (self);
  story = dl_bundled_story_load (&error);
  if (story != NULL)
    dl_window_set_story (window, story);
  else
    g_warning ("Cannot open the bundled story: %s", error->message);
}

static void
dl_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DlApplication *self = DL_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    dl_window_open_any_file (create_window (self), files[i]);
}

static void
dl_application_finalize (GObject *object)
{
  DlApplication *self = DL_APPLICATION (object);

  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_application_parent_class)->finalize (object);
}

static void
dl_application_class_init (DlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dl_application_finalize;

  app_class->activate = dl_application_activate;
  app_class->handle_local_options = dl_application_handle_local_options;
  app_class->open = dl_application_open;
  app_class->startup = dl_application_startup;
}

static void
dl_application_init (DlApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Validate story files and print every problem as FILE:LINE:COL: message"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Export the map of the story as a figure, or its places, and exit"),
      N_("OUT.png|svg|pdf|kml|gpx|csv") },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Figure size (default 1920x1080)"),
      N_("WIDTHxHEIGHT") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, NULL, N_("PNG pixels per figure pixel"), N_("N") },
    { "center", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Centre of the exported view (default: fit the shown places)"), N_("LAT,LON") },
    { "zoom", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Zoom of the exported view"), N_("Z") },
    { "actor", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Export only the events of this actor (repeatable)"), N_("ID") },
    { "time", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Export only the events in this time range (ISO 8601, either side open)"),
      N_("START/END") },
    { "timeline", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Draw the timeline strip under the map"), NULL },
    { "basemap", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Base map of the export: offline or none (transparent)"), N_("MAP") },
    { "title", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Title of the exported figure, or of the new story"), N_("TEXT") },
    { "new-story", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Draft a story from a plain-text article and exit"), N_("ARTICLE.txt") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Where --new-story writes the story (default: standard output)"),
      N_("STORY.geojson") },
    { "published", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Publication date of the article for --new-story (ISO 8601)"), N_("DATE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[STORY.geojson]") },
    { NULL }
  };

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map the places of a news story."));
}

DlApplication *
dl_application_new (void)
{
  return g_object_new (DL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
