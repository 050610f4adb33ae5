/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-review.h"

G_BEGIN_DECLS

#define DL_TYPE_REVIEW_BAR (dl_review_bar_get_type ())
G_DECLARE_FINAL_TYPE (DlReviewBar, dl_review_bar, DL, REVIEW_BAR, GtkWidget)

/* Above the events of a draft while suggestions remain: how many, and "Accept All"
 * (win.accept-all-suggestions). Hidden when there is none. */
GtkWidget  *dl_review_bar_new        (void);
void        dl_review_bar_set_count  (DlReviewBar         *self,
                                      const DlReviewCount *count);
/* What it says, for tests. */
const char *dl_review_bar_get_text   (DlReviewBar         *self);
GtkButton  *dl_review_bar_get_button (DlReviewBar         *self);

G_END_DECLS
