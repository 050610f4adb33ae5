/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DL_TYPE_MEMBER_CHOOSER (dl_member_chooser_get_type ())
G_DECLARE_FINAL_TYPE (DlMemberChooser, dl_member_chooser, DL, MEMBER_CHOOSER, GtkPopover)

/* Whether @item is left out of the list (an event's places are not offered again). */
typedef gboolean (*DlMemberSkipFunc) (gpointer item,
                                      gpointer user_data);

/* A popover choosing one of many places or actors: a search entry over the list of
 * their names (any number: the list is filtered as the user types, case and accents
 * ignored, and only the rows in view are made). A click on a row, or Enter in the entry
 * for the first match, emits "chosen" with the item and closes the popover. The items
 * have a string property "name" (DlPlace, DlActor). */
DlMemberChooser *dl_member_chooser_new       (const char       *placeholder);
/* @items: transfer none; @skip (nullable) with @user_data (unowned, must outlive it). */
void             dl_member_chooser_set_items (DlMemberChooser  *self,
                                              GListModel       *items,
                                              DlMemberSkipFunc  skip,
                                              gpointer          user_data);
/* What @skip says changed: filter again. */
void             dl_member_chooser_refilter  (DlMemberChooser  *self);

/* For tests: the entry, the list view and the rows it offers now (of the items). */
GtkEditable     *dl_member_chooser_get_entry (DlMemberChooser  *self);
GtkListView     *dl_member_chooser_get_list_view (DlMemberChooser *self);
GListModel      *dl_member_chooser_get_shown (DlMemberChooser  *self);

G_END_DECLS
