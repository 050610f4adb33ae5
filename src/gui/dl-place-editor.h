/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-document.h"
#include "dl-review-buttons.h"

G_BEGIN_DECLS

#define DL_TYPE_PLACE_EDITOR (dl_place_editor_get_type ())
G_DECLARE_FINAL_TYPE (DlPlaceEditor, dl_place_editor, DL, PLACE_EDITOR, AdwWindow)

/* Edits @place of @document: name, kind, precision; Delete names the events that use it
 * and removes it from them in the same undoable step. A suggested place shows the
 * "Suggested" badge with Accept and Reject (each one undoable step; Reject closes). */
DlPlaceEditor *dl_place_editor_new        (GtkWindow     *parent,
                                           DlDocument    *document,
                                           DlPlace       *place);
AdwEntryRow   *dl_place_editor_get_name_row (DlPlaceEditor *self);
DlReviewButtons *dl_place_editor_get_review_buttons (DlPlaceEditor *self);
/* What Delete says of the events that use the place. */
const char    *dl_place_editor_get_events_text (DlPlaceEditor *self);
void           dl_place_editor_delete     (DlPlaceEditor *self);

G_END_DECLS
