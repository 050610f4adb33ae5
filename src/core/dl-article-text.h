/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-story.h"

G_BEGIN_DECLS

/* The largest article New Story accepts, in bytes. */
#define DL_ARTICLE_MAX_SIZE (4 * 1024 * 1024)

/* What New Story knows of an article beside its text; every member may be NULL. */
typedef struct
{
  const char *title;
  const char *publisher;
  const char *url;
  const char *published;   /* ISO 8601 date */
  const char *language;    /* BCP 47 tag: "en", "ar" */
} DlArticleInfo;

/* The text of an article from the bytes of a pasted text or a .txt/.md file: refused with
 * one message naming @display_name and the line and column when it is too large, not
 * UTF-8, holds a NUL byte or holds no text. A BOM is dropped, line ends become "\n", and
 * when the text separates paragraphs with blank lines, lines wrapped inside a paragraph
 * are joined, so that each paragraph is one line. A leading Markdown heading ("# Title")
 * is taken off the text into @title (which may be NULL). */
char    *dl_article_text_from_bytes (const char   *data,
                                     gsize         length,
                                     const char   *display_name,
                                     char        **title,
                                     GError      **error);
/* Reads @file (refusing it past DL_ARTICLE_MAX_SIZE) through dl_article_text_from_bytes. */
char    *dl_article_text_from_file  (GFile        *file,
                                     char        **title,
                                     GCancellable *cancellable,
                                     GError      **error);
/* A new story drafted from @text, as `dateline --new-story` drafts it (dl-draft.h): the
 * places found, suggested events with their times, and actors, all to review. */
DlStory *dl_article_new_story       (const char          *text,
                                     const DlArticleInfo *info,
                                     GError             **error);

G_END_DECLS
