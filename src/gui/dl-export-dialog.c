/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-export-dialog.h"

/**
 * dl_export_dialog_present:
 *
 * Opens the Export dialog. (Minimal placeholder; the full dialog follows.)
 */
void
dl_export_dialog_present (GtkWindow       *parent,
                          DlStory         *story,
                          DlFilter        *filter,
                          ShumateViewport *viewport)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Export Figure"), NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
