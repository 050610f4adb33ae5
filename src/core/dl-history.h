/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-operation.h"

G_BEGIN_DECLS

/* Undo and redo: a list of applied operations and of undone ones. Properties "can-undo",
 * "can-redo", "undo-label", "redo-label" (the operation's label, or NULL) and "modified"
 * (not at the point marked clean) are notified; "changed" is emitted after every push,
 * undo, redo or clear. */
#define DL_TYPE_HISTORY (dl_history_get_type ())
G_DECLARE_FINAL_TYPE (DlHistory, dl_history, DL, HISTORY, GObject)

DlHistory   *dl_history_new            (void);
/* Applies @operation (transfer full) and makes it the one to undo; forgets what could be
 * redone. */
void         dl_history_push           (DlHistory   *self,
                                        DlOperation *operation);
/* FALSE when there is nothing to undo (redo). */
gboolean     dl_history_undo           (DlHistory   *self);
gboolean     dl_history_redo           (DlHistory   *self);
gboolean     dl_history_get_can_undo   (DlHistory   *self);
gboolean     dl_history_get_can_redo   (DlHistory   *self);
const char  *dl_history_get_undo_label (DlHistory   *self);
const char  *dl_history_get_redo_label (DlHistory   *self);
/* Forgets every step (the story stays as it is). */
void         dl_history_clear          (DlHistory   *self);
/* The story as it is now is the saved one: "modified" becomes FALSE until the next step
 * (an undo past this point makes it TRUE again). */
void         dl_history_set_clean      (DlHistory   *self);
/* No point is clean (a story restored from a recovery file). */
void         dl_history_set_never_clean (DlHistory  *self);
gboolean     dl_history_get_modified   (DlHistory   *self);
/* The position of the clean point, for a save that finishes after more edits: take it
 * with dl_history_get_position() when the save starts, give it when it succeeds. */
guint        dl_history_get_position   (DlHistory   *self);
void         dl_history_set_clean_at   (DlHistory   *self,
                                        guint        position);

G_END_DECLS
