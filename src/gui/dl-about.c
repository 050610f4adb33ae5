/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-about"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <shumate/shumate.h>

#include "dl-about.h"

/* Licence text of a data source, as Pango markup with a link to its source. */
static char *
data_licence_markup (const char *text,
                     const char *url)
{
  return g_markup_printf_escaped ("%s\n<a href=\"%s\">%s</a>", text, url, url);
}

static char *
debug_info (void)
{
  return g_strdup_printf ("Dateline %s\n"
                          "GLib %u.%u.%u\n"
                          "GTK %u.%u.%u\n"
                          "libadwaita %u.%u.%u\n"
                          "libshumate %d.%d.%d\n"
                          "json-glib %d.%d.%d\n",
                          PACKAGE_VERSION,
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          SHUMATE_MAJOR_VERSION, SHUMATE_MINOR_VERSION,
                          SHUMATE_MICRO_VERSION,
                          JSON_MAJOR_VERSION, JSON_MINOR_VERSION, JSON_MICRO_VERSION);
}

/**
 * dl_about_window_new:
 * @parent: (nullable): the window the About window belongs to
 *
 * Creates the About window: version, licence, credits, and the sources and licences of
 * the map data the application ships or can show.
 *
 * Returns: (transfer floating): a new #AdwAboutWindow
 */
GtkWidget *
dl_about_window_new (GtkWindow *parent)
{
  static const char *developers[] = { "The Dateline developers", NULL };
  AdwAboutWindow *about;
  g_autofree char *natural_earth = NULL;
  g_autofree char *geonames = NULL;
  g_autofree char *osm = NULL;
  g_autofree char *info = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);

  adw_about_window_set_application_name (about, _("Dateline"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Map the places of a news story"));
  adw_about_window_set_developer_name (about, _("The Dateline developers"));
  adw_about_window_set_developers (about, developers);
  /* Translators: Replace "translator-credits" with your name and email address, one
   * translator a line, for example "Jane Doe <jane@example.org>". */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_copyright (about, _("© 2026 The Dateline developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);

  natural_earth = data_licence_markup (_("The offline base map is drawn from Natural "
                                         "Earth data, which is in the public domain. "
                                         "The world-atlas package redistributes it as "
                                         "TopoJSON under the ISC licence."),
                                       "https://www.naturalearthdata.com/");
  adw_about_window_add_legal_section (about, _("Natural Earth"),
                                      _("Made with Natural Earth"),
                                      GTK_LICENSE_CUSTOM, natural_earth);

  geonames = data_licence_markup (_("Place names and coordinates of the bundled stories "
                                    "come in part from GeoNames, licensed under the "
                                    "Creative Commons Attribution 4.0 licence "
                                    "(CC BY 4.0)."),
                                  "https://www.geonames.org/");
  adw_about_window_add_legal_section (about, _("GeoNames"), "© GeoNames",
                                      GTK_LICENSE_CUSTOM, geonames);

  osm = data_licence_markup (_("The online map shows OpenStreetMap data, available under "
                               "the Open Database License (ODbL)."),
                             "https://www.openstreetmap.org/copyright");
  adw_about_window_add_legal_section (about, _("OpenStreetMap"),
                                      _("© OpenStreetMap contributors"),
                                      GTK_LICENSE_CUSTOM, osm);

  info = debug_info ();
  adw_about_window_set_debug_info (about, info);
  adw_about_window_set_debug_info_filename (about, "dateline-debug-info.txt");

  return GTK_WIDGET (about);
}

/**
 * dl_about_present:
 * @parent: (nullable): the window the About window belongs to
 *
 * Shows the About window.
 */
void
dl_about_present (GtkWindow *parent)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  gtk_window_present (GTK_WINDOW (dl_about_window_new (parent)));
}
