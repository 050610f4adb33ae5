/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dl-test-window.h"
#include "dl-test-util.h"
#include "dl-window-private.h"

void
dl_test_close_window (DlWindow *window)
{
  GtkWindow *dialog = dl_window_get_error_dialog (window);

  if (dialog != NULL)
    gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  dl_test_run_for (700);
  if ((dialog = dl_window_get_error_dialog (window)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

gboolean
dl_test_count_frame_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       counter)
{
  (*(guint *) counter)++;
  return G_SOURCE_CONTINUE;
}
