/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word or a punctuation mark of a text, for the drafting rules. A word is a run of
 * letters and digits, joined across an inner hyphen or apostrophe ("al-Assad", "24-year",
 * "Assad’s"); every other non-space character is a token of its own. */
typedef struct
{
  const char *s;       /* into the text, not terminated */
  guint       len;     /* bytes */
  int         start;   /* code points into the text */
  int         end;     /* exclusive */
  guint       word : 1;    /* starts with a letter or digit */
  guint       upper : 1;   /* starts with an upper-case letter */
  guint       digits : 1;  /* only ASCII digits */
  guint       space_before : 1;
} DlWord;

/* The tokens of @text (valid UTF-8), of DlWord. */
GArray   *dl_words_split     (const char   *text);
/* Whether @w is @word, ignoring ASCII case. */
gboolean  dl_word_is         (const DlWord *w,
                              const char   *word);
/* Whether @w is one of the NULL-terminated @words, ignoring ASCII case. */
gboolean  dl_word_is_any     (const DlWord *w,
                              const char * const *words);
/* A copy of the word's text. */
char     *dl_word_dup        (const DlWord *w);
/* The value of an all-digit word, or -1 (also beyond 9 digits). */
int       dl_word_number     (const DlWord *w);
/* Whether @w is a sentence end: '.', '!', '?', '…' or ';'. */
gboolean  dl_word_ends_clause (const DlWord *w);

G_END_DECLS
