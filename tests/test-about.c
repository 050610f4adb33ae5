/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

#include "dl-about.h"
#include "dl-resources.h"
#include "dl-test-util.h"

/* All the text of the labels below @widget, one label a line, as a user could read it
 * on the pages of the window. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
test_about_identity (void)
{
  GtkWidget *about = dl_about_window_new (NULL);
  AdwAboutWindow *window = ADW_ABOUT_WINDOW (about);

  g_assert_cmpstr (adw_about_window_get_application_name (window), ==, "Dateline");
  g_assert_cmpstr (adw_about_window_get_application_icon (window), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (window), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (window), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_developers (window));
  g_assert_nonnull (adw_about_window_get_developers (window)[0]);
  /* No website yet: the About window must not show a link to nowhere. */
  g_assert_true (adw_about_window_get_website (window) == NULL
                 || *adw_about_window_get_website (window) == '\0');

  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_about_data_credits (void)
{
  GtkWidget *about = dl_about_window_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  static const char *expected[] = {
    "Natural Earth", "public domain",
    "GeoNames", "CC BY 4.0",
    "OpenStreetMap", "ODbL",
    "https://www.openstreetmap.org/copyright",
  };

  gtk_window_present (GTK_WINDOW (about));
  collect_text (about, text);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (strstr (text->str, expected[i]) == NULL)
        g_error ("The About window does not show “%s”; it shows:\n%s",
                 expected[i], text->str);
    }

  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_about_icon (void)
{
  g_autoptr(GdkTexture) icon = NULL;
  g_autoptr(GdkTexture) symbolic = NULL;

  dl_resources_ensure ();
  icon = gdk_texture_new_from_resource (RESOURCE_PREFIX
                                        "/icons/scalable/apps/" APP_ID ".svg");
  symbolic = gdk_texture_new_from_resource (RESOURCE_PREFIX
                                            "/icons/scalable/apps/" APP_ID "-symbolic.svg");
  g_assert_cmpint (gdk_texture_get_width (icon), ==, 128);
  g_assert_cmpint (gdk_texture_get_height (icon), ==, 128);
  g_assert_cmpint (gdk_texture_get_width (symbolic), ==, 16);
  g_assert_cmpint (gdk_texture_get_height (symbolic), ==, 16);
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/about/identity", test_about_identity);
  g_test_add_func ("/about/data-credits", test_about_data_credits);
  g_test_add_func ("/about/icon", test_about_icon);

  return g_test_run ();
}
