/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-view-state.h"

G_BEGIN_DECLS

#define DL_TYPE_TIME_CHIP (dl_time_chip_get_type ())
G_DECLARE_FINAL_TYPE (DlTimeChip, dl_time_chip, DL, TIME_CHIP, GtkButton)

/* The time range of the filter as a removable chip ("7–8 Dec 2024 ×"), hidden when there
 * is none; clicking it removes the range. */
GtkWidget  *dl_time_chip_new            (void);
void        dl_time_chip_set_view_state (DlTimeChip  *self,
                                         DlViewState *state);
const char *dl_time_chip_get_text       (DlTimeChip  *self);

G_END_DECLS
