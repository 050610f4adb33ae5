/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-place.h"

G_BEGIN_DECLS

/* What a place's popover shows of its file beside its events: a table of the properties a
 * plain map carries (name on the left, value on the right, text shown as text), and a
 * "Sources" line a reader can expand to where the coordinates or outline come from. NULL
 * when the place has neither. */
GtkWidget *dl_place_details_new (DlPlace *place);

G_END_DECLS
