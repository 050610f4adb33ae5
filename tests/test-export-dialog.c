/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog in Arabic (the build's catalogue, right to left), at its default width
 * and at its narrowest: no label is cut short. A label that wraps uses more lines; one that
 * does not wrap gets its natural width, and none ends in an ellipsis. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "dl-bundled.h"
#include "dl-export-dialog.h"
#include "dl-resources.h"
#include "dl-test-util.h"

static void
settle_and_destroy (GtkWindow *window)
{
  gboolean done = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_timeout_add (700, dl_test_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (window);
}

/* Every label shown in @widget: its text whole. */
static guint
assert_labels_whole (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_width (widget) > 0)
    {
      GtkLabel *label = GTK_LABEL (widget);
      g_autoptr(PangoLayout) whole = pango_layout_copy (gtk_label_get_layout (label));
      int natural, height;

      /* The label's text on one line, nothing cut: its natural width. */
      pango_layout_set_width (whole, -1);
      pango_layout_set_ellipsize (whole, PANGO_ELLIPSIZE_NONE);
      pango_layout_get_pixel_size (whole, &natural, &height);
      g_test_message ("label “%s”: %d of natural %d%s", gtk_label_get_text (label),
                      gtk_widget_get_width (widget), natural,
                      gtk_label_get_wrap (label) ? " (wraps)" : "");
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      /* A label that wraps may take more lines instead. */
      if (!gtk_label_get_wrap (label))
        g_assert_cmpint (gtk_widget_get_width (widget), >=, natural);
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_labels_whole (child);
  return n;
}

static GtkWindow *
find_dialog (void)
{
  /* (transfer none): GTK's own list */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

      /* GTK keeps the window in its list: the pointer outlives this reference. */
      if (gtk_widget_get_visible (GTK_WIDGET (top)))
        return top;
    }
  return NULL;
}

static void
test_arabic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  const int widths[] = { 1000, 1 };
  GtkWindow *dialog;

  g_assert_no_error (error);
  /* The catalogue is in force: the dialog's title is Arabic. */
  g_assert_cmpstr (_("Export Figure"), !=, "Export Figure");

  dl_export_dialog_present (NULL, story, NULL, NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (dialog)), ==, GTK_TEXT_DIR_RTL);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      guint n;

      gtk_window_set_default_size (dialog, widths[w], 640);
      gtk_widget_queue_resize (GTK_WIDGET (dialog));
      dl_test_run_for (300);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
      g_test_message ("dialog %d wide", gtk_widget_get_width (GTK_WIDGET (dialog)));
      if (widths[w] == 1)
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <, 1000);
      n = assert_labels_whole (GTK_WIDGET (dialog));
      /* the header, the rows' titles and values, the preview's caption */
      g_assert_cmpuint (n, >=, 15);
    }
  settle_and_destroy (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *catalogues = NULL;

  /* Arabic before GTK starts, as a user's session would have it. */
  g_setenv ("LANGUAGE", "ar", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  catalogues = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, catalogues);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();
  /* GTK takes its direction from its own Arabic catalogue; say it outright in case the
   * system has none. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);

  g_test_add_func ("/export-dialog/arabic", test_arabic);

  return g_test_run ();
}
