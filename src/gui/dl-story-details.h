/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-document.h"

G_BEGIN_DECLS

#define DL_TYPE_STORY_DETAILS (dl_story_details_get_type ())
G_DECLARE_FINAL_TYPE (DlStoryDetails, dl_story_details, DL, STORY_DETAILS, AdwWindow)

/* The article's title, publisher, URL, publication date and language; Apply makes the
 * changes one undoable step of @document, a date that is not one is named and changes
 * nothing. */
DlStoryDetails *dl_story_details_new   (GtkWindow      *parent,
                                        DlDocument     *document);
/* Apply, as the button does: FALSE (the dialog stays, with the problem shown) when the
 * date is not a date. */
gboolean        dl_story_details_apply (DlStoryDetails *self);
/* The rows, for tests: title, publisher, url, published, language. */
AdwEntryRow    *dl_story_details_get_row (DlStoryDetails *self,
                                          const char     *name);
const char     *dl_story_details_get_error_text (DlStoryDetails *self);

G_END_DECLS
