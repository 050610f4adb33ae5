/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-window.h"

G_BEGIN_DECLS

/* The window's authoring actions (New Story, Undo, Save, New Event from Selection …),
 * installed on DlWindow's class; their state lives beside the window. */
void              dl_window_actions_class_init   (GtkWidgetClass *widget_class);
void              dl_window_actions_init         (DlWindow       *self);
/* The window shows another document: the actions follow its history. */
void              dl_window_actions_document_changed (DlWindow   *self);
/* TRUE when closing must wait: the document has unsaved changes and the user is asked
 * Save / Discard / Cancel (an AdwMessageDialog). */
gboolean          dl_window_actions_close_request (DlWindow      *self);

/* After a crash: when recovery files of unsaved stories exist, asks whether to restore
 * them (each in a window of its own, modified) or discard them; returns that question, or
 * NULL when there is nothing to restore. */
GtkWindow        *dl_window_offer_recovery       (DlWindow       *self);

/* Shows the story made from the article in @file (.txt/.md); on failure shows why and
 * keeps the story the window had. */
void              dl_window_new_story_from_file  (DlWindow       *self,
                                                  GFile          *file);
/* Opens @file: a story file, or an article file for a new story. */
void              dl_window_open_any_file        (DlWindow       *self,
                                                  GFile          *file);

/* For tests: the button shown by a selection of the article, the dialog asking about
 * unsaved changes (or NULL), and saving the document to @file as Save does after the
 * file chooser. */
GtkWidget        *dl_window_get_selection_button (DlWindow       *self);
GtkWindow        *dl_window_get_unsaved_dialog   (DlWindow       *self);
void              dl_window_save_document_to     (DlWindow       *self,
                                                  GFile          *file);
/* TRUE while Save is writing. */
gboolean          dl_window_is_saving_document   (DlWindow       *self);
/* What the map's "Add Place Here" does at @lat, @lon. */
DlPlace          *dl_window_add_place_at         (DlWindow       *self,
                                                  double          lat,
                                                  double          lon,
                                                  const char     *name);

G_END_DECLS
