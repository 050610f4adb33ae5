/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a sentence of a news article is: text that reports, or what the page put around it. */
typedef enum
{
  DL_SENTENCE_TEXT = 0,    /* the article's own reporting */
  DL_SENTENCE_LINK,        /* "Read more: …" and the linked headlines under it */
  DL_SENTENCE_HEADING,     /* a section heading ("World leaders react …") */
  DL_SENTENCE_CAPTION,     /* a photo caption or credit */
  DL_SENTENCE_BYLINE,      /* "By Jane Doe", "Reporting by …" */
  DL_SENTENCE_PROMPT,      /* "Subscribe …", "Sign up …", "Advertisement" */
  DL_SENTENCE_FRAGMENT,    /* a stray word that reports nothing ("Ta.") */
} DlSentenceKind;

typedef struct
{
  int            start;       /* code points into the text */
  int            end;         /* exclusive */
  gsize          byte_start;
  gsize          byte_end;
  guint          paragraph;   /* 0-based, paragraphs being separated by line breaks */
  DlSentenceKind kind;
} DlSentence;

/* The sentences of a news article (UTF-8, paragraphs separated by "\n"), of DlSentence, in
 * text order, each trimmed of spaces. Abbreviations ("Mr.", "Dec.", "U.S."), initials
 * ("George W. Bush"), clock times ("6 a.m.") and quotations do not end a sentence. */
GArray      *dl_sentences_split      (const char       *text);

/* Whether @sentence is not the article's reporting. */
gboolean     dl_sentence_is_boilerplate (const DlSentence *sentence);

/* A short English name of @kind for messages and tests ("text", "link", …). */
const char  *dl_sentence_kind_to_string (DlSentenceKind kind);

G_END_DECLS
