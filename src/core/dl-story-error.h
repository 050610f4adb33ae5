/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DL_STORY_ERROR (dl_story_error_quark ())

typedef enum
{
  DL_STORY_ERROR_IO,         /* cannot read or write the file */
  DL_STORY_ERROR_TOO_LARGE,  /* over the size or nesting limits */
  DL_STORY_ERROR_PARSE,      /* not JSON, not UTF-8 */
  DL_STORY_ERROR_INVALID,    /* JSON, but not a story: wrong type, missing member … */
  DL_STORY_ERROR_REFERENCE,  /* unknown or duplicate id */
  DL_STORY_ERROR_GEOMETRY,   /* coordinates out of range, open ring … */
  DL_STORY_ERROR_PASSAGE,    /* quote not found or ambiguous */
  DL_STORY_ERROR_TIME,       /* not an ISO 8601 time */
} DlStoryError;

GQuark dl_story_error_quark (void);

/* @message as shown in an interface that reads right to left when @rtl: its leading
 * "FILE:LINE:COL" isolated so that it reads first. Unchanged otherwise. */
char  *dl_story_error_for_direction (const char *message,
                                     gboolean    rtl);

G_END_DECLS
