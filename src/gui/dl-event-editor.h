/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-document.h"
#include "dl-member-chooser.h"

G_BEGIN_DECLS

#define DL_TYPE_EVENT_EDITOR (dl_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (DlEventEditor, dl_event_editor, DL, EVENT_EDITOR, AdwWindow)

/* Edits @event of @document: title, category, attribution, time (start, end, approximate or
 * not, the article's wording), places and actors with their roles, passages; Delete. Each change
 * is one undoable step, and the editor follows undo and redo. A time that is not ISO 8601
 * is named and changes nothing. */
DlEventEditor *dl_event_editor_new       (GtkWindow     *parent,
                                          DlDocument    *document,
                                          DlEvent       *event);
DlEvent       *dl_event_editor_get_event (DlEventEditor *self);
/* For tests: a row by name (title, category, attribution, start, end, when) and the
 * message shown for a bad entry (or NULL). */
AdwEntryRow   *dl_event_editor_get_row   (DlEventEditor *self,
                                          const char    *name);
const char    *dl_event_editor_get_error_text (DlEventEditor *self);
/* For tests: the search popover of the Add Place (@places) or Add Actor button. */
DlMemberChooser *dl_event_editor_get_chooser (DlEventEditor *self,
                                              gboolean       places);
/* For tests: the switch "Approximate" of the time. */
GtkSwitch     *dl_event_editor_get_approximate_switch (DlEventEditor *self);

G_END_DECLS
