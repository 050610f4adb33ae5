/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-view-state.h"

G_BEGIN_DECLS

/* Where the search @query occurs in @text: the character ranges [start, end) (code points)
 * of every occurrence of each of its words, folded as the event filter folds them (case,
 * accents, compatibility forms: "hama" finds "Ḥamā"), sorted, overlapping or touching
 * ranges merged. What the article marks for a search. An array of DlTextRange, empty when
 * @query has no word. */
GArray *dl_text_find_words (const char *text,
                            const char *query);

G_END_DECLS
