/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-document.h"

G_BEGIN_DECLS

#define DL_TYPE_ACTORS_DIALOG (dl_actors_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DlActorsDialog, dl_actors_dialog, DL, ACTORS_DIALOG, AdwWindow)

/* The story's actors: add, rename, recolour (the palette first, then any colour), kind,
 * aliases, delete (taken out of its events in the same step). Every change is one
 * undoable step of @document; the dialog follows undo and redo. */
DlActorsDialog *dl_actors_dialog_new        (GtkWindow      *parent,
                                             DlDocument     *document);
/* As the Add button: a new actor with the first palette colour no actor has. */
DlActor        *dl_actors_dialog_add_actor  (DlActorsDialog *self);
/* The row of @actor (an AdwExpanderRow titled with its name), or NULL. */
GtkWidget      *dl_actors_dialog_get_row    (DlActorsDialog *self,
                                             DlActor        *actor);

G_END_DECLS
