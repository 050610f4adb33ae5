/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-story.h"

G_BEGIN_DECLS

#define DL_TYPE_NEW_STORY_DIALOG (dl_new_story_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DlNewStoryDialog, dl_new_story_dialog, DL, NEW_STORY_DIALOG, AdwWindow)

/* New Story: asks for the article (pasted, or a .txt/.md file), its title and date, and
 * emits "story-created" with the new story when the user creates it. Bad input (too
 * large, not UTF-8, NUL bytes, no text) is named in the dialog and changes nothing. */
DlNewStoryDialog *dl_new_story_dialog_new          (GtkWindow        *parent);
/* What a paste does: inserts @data at the cursor when it is acceptable text, else shows
 * why not and keeps the text as it was. Returns whether it was inserted. */
gboolean          dl_new_story_dialog_insert_bytes (DlNewStoryDialog *self,
                                                    const char       *data,
                                                    gsize             length,
                                                    GError          **error);
/* Reads a .txt/.md file into the dialog (text, and title when it has one). */
void              dl_new_story_dialog_load_file    (DlNewStoryDialog *self,
                                                    GFile            *file);
/* An article opened directly (no date known): its text and title filled in, the
 * publication date row empty and focused, with a line saying why it is asked. */
void              dl_new_story_dialog_ask_date     (DlNewStoryDialog *self,
                                                    const char       *text,
                                                    const char       *title);
/* Creates the story from the dialog's contents, as the Create button does. Bad input is
 * shown at once and FALSE returned. Else the draft is made in a worker (a spinner shows,
 * Cancel stops it) and TRUE returned; once drafted, "story-created" is emitted and the
 * dialog closes. */
gboolean          dl_new_story_dialog_create       (DlNewStoryDialog *self);
/* TRUE while a draft is being made. */
gboolean          dl_new_story_dialog_is_drafting  (DlNewStoryDialog *self);
GtkTextView      *dl_new_story_dialog_get_text_view   (DlNewStoryDialog *self);
/* The message shown for the last bad input, or NULL. */
const char       *dl_new_story_dialog_get_error_text  (DlNewStoryDialog *self);
AdwEntryRow      *dl_new_story_dialog_get_title_row   (DlNewStoryDialog *self);
AdwEntryRow      *dl_new_story_dialog_get_published_row (DlNewStoryDialog *self);

/* TRUE for files New Story reads rather than the story loader: .txt, .md, text/plain. */
gboolean          dl_new_story_is_article_file     (GFile            *file);

G_END_DECLS
