/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-review-bar.h"
#include "dl-window.h"

G_BEGIN_DECLS

/* Reviewing a draft in the window: win.accept-suggestion, win.reject-suggestion and
 * win.edit-suggestion with the target (KIND, ID) (dl-review-buttons.h),
 * win.accept-all-suggestions (Ctrl+Shift+Enter), Enter on a suggested event of the list
 * accepts it; the review bar above the events counts what remains. Each action is one
 * undoable step of the document's history. */
void         dl_window_review_class_init       (GtkWidgetClass *widget_class);
void         dl_window_review_init             (DlWindow       *self);
/* The window shows another document. */
void         dl_window_review_document_changed (DlWindow       *self);
/* For tests. */
DlReviewBar *dl_window_get_review_bar          (DlWindow       *self);

G_END_DECLS
