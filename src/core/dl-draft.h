/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-gazetteer.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* What a draft story is made of. Later drafting steps (events, actors) add members here. */
typedef struct
{
  const char  *text;       /* the article, UTF-8, lines separated by \n */
  const char  *title;      /* or NULL */
  const char  *publisher;  /* or NULL */
  const char  *url;        /* or NULL */
  const char  *published;  /* ISO 8601, or NULL */
  const char  *language;   /* BCP 47 tag, or NULL */
  GPtrArray   *places;     /* of DlDetectedPlace (dl-place-detector.h), or NULL */
  DlGazetteer *gazetteer;  /* for the places' names in other languages, or NULL */
} DlDraft;

/* The text of an article file made ready for a story: a byte order mark dropped, CRLF and
 * lone CR made \n. Fails (DL_DRAFT_ERROR) on what is not a text article: NUL bytes,
 * invalid UTF-8, nothing but white space, more than DL_DRAFT_MAX_TEXT bytes. */
#define DL_DRAFT_MAX_TEXT (16 * 1024 * 1024)
#define DL_DRAFT_ERROR (dl_draft_error_quark ())

typedef enum
{
  DL_DRAFT_ERROR_NOT_TEXT,   /* binary, not UTF-8 */
  DL_DRAFT_ERROR_EMPTY,
  DL_DRAFT_ERROR_TOO_LARGE,
  DL_DRAFT_ERROR_INVALID,    /* the draft does not load back: a bug, reported as such */
} DlDraftError;

GQuark  dl_draft_error_quark   (void);

char   *dl_draft_normalize_text (const char  *data,
                                 gsize        length,
                                 GError     **error);
/* A title for an article: its first line when that looks like a headline (short, no
 * sentence end), else NULL. */
char   *dl_draft_guess_title    (const char  *text);
/* The draft as story-format GeoJSON, checked by loading it back. */
GBytes *dl_draft_to_bytes       (const DlDraft *draft,
                                 GError       **error);
/* The same draft loaded as a story, named @display_name in messages. */
DlStory *dl_draft_to_story      (const DlDraft *draft,
                                 const char    *display_name,
                                 GError       **error);

G_END_DECLS
