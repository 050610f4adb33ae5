/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-story.h"

G_BEGIN_DECLS

/* What "New Event from Selection" fills in, from characters [start, end) of the story's
 * text: a title from the sentence around the selection, and the places and actors the
 * selection names (by name, local name or alias, whole words, any case). */
typedef struct
{
  char      *title;    /* the sentence, cut at a word before 80 characters */
  GPtrArray *places;   /* DlPlace, in story order */
  GPtrArray *actors;   /* DlActor, in story order */
} DlSelectionDraft;

DlSelectionDraft *dl_selection_draft_new  (DlStory          *story,
                                           int               start,
                                           int               end);
void              dl_selection_draft_free (DlSelectionDraft *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlSelectionDraft, dl_selection_draft_free)

/* The sentence of @text (UTF-8) holding characters [start, end), whitespace trimmed,
 * cut at a word boundary with "…" when longer than @max_chars. */
char             *dl_selection_sentence   (const char       *text,
                                           int               start,
                                           int               end,
                                           int               max_chars);
/* TRUE when @needle occurs in @haystack as whole words, ignoring case. */
gboolean          dl_selection_mentions   (const char       *haystack,
                                           const char       *needle);

G_END_DECLS
