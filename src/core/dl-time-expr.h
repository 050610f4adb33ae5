/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dl-time.h"

G_BEGIN_DECLS

/* A date or time expression of a text, normalised against a reference time (the
 * publication date of a news article), as TimeML's TIMEX3 does: "on Sunday", "Dec. 10",
 * "in 2016", "the 1967 war", "24-year rule" (a span ending at the reference). */
typedef struct
{
  int      start;        /* code points into the text */
  int      end;          /* exclusive */
  char    *text;         /* the expression as written */
  DlTime   value;        /* the time, or the start of a span, at its own precision */
  DlTime   end_value;    /* the end of a span; precision DL_TIME_NONE when not a span */
} DlTimeExpr;

/* The time expressions of @text (UTF-8), in text order, of DlTimeExpr (cleared by the
 * array). @reference is the publication date: deictic expressions ("yesterday", "on
 * Sunday", "last week") count from it, looking back in past-tense reporting and forward
 * where the verb near them is future ("will meet on Sunday"). */
GArray   *dl_time_expr_find  (const char   *text,
                              const DlTime *reference);

/* The value of @expr as story-format "when" members: the ISO start and, for a span,
 * end (else NULL). */
void      dl_time_expr_to_iso (const DlTimeExpr *expr,
                               char            **start,
                               char            **end);

G_END_DECLS
