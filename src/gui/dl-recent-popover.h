/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DL_TYPE_RECENT_POPOVER (dl_recent_popover_get_type ())
G_DECLARE_FINAL_TYPE (DlRecentPopover, dl_recent_popover, DL, RECENT_POPOVER, GtkPopover)

/* The recent stories, each a row with its file name and folder; activating one runs
 * "win.open-uri" with its URI. Refilled each time it is shown. */
GtkWidget  *dl_recent_popover_new     (void);
void        dl_recent_popover_refresh (DlRecentPopover *self);
void        dl_recent_popover_focus_first (DlRecentPopover *self);
/* The list, for tests: one AdwActionRow per story. */
GtkListBox *dl_recent_popover_get_list (DlRecentPopover *self);

G_END_DECLS
