/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DL_TYPE_ROW_TEXT (dl_row_text_get_type ())
G_DECLARE_FINAL_TYPE (DlRowText, dl_row_text, DL, ROW_TEXT, GtkWidget)

/* A line of text in a list row, laid out once per text and width: GtkLabel in GTK 4.8
 * lays a wrapping text out four or five times over to measure it, and rows are bound by
 * the dozen while a list scrolls. It wraps (words, then characters) or, with wrap off,
 * ends in an ellipsis. Its natural width is max-width-chars characters when it wraps. The
 * text is never parsed as markup. */
GtkWidget  *dl_row_text_new      (gboolean    wrap);
void        dl_row_text_set_text (DlRowText  *self,
                                  const char *text);
const char *dl_row_text_get_text (DlRowText  *self);

G_END_DECLS
