/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How much of an ISO 8601 time was given: "1967" is a year, "2011-03" a month … */
typedef enum
{
  DL_TIME_NONE = 0,
  DL_TIME_YEAR,
  DL_TIME_MONTH,
  DL_TIME_DAY,
  DL_TIME_MINUTE,
  DL_TIME_SECOND,
} DlTimePrecision;

typedef struct
{
  DlTimePrecision precision;
  int year;
  int month;     /* 1–12, or 1 when less precise */
  int day;       /* 1–31, or 1 when less precise */
  int hour;
  int minute;
  int second;
  gboolean has_offset;
  int offset_minutes; /* east of UTC, when has_offset */
} DlTime;

/* A boxed type for properties ("start", "end" of DlEvent). */
#define DL_TYPE_TIME (dl_time_get_type ())
GType     dl_time_get_type         (void) G_GNUC_CONST;
DlTime   *dl_time_copy             (const DlTime  *time);
void      dl_time_free             (DlTime        *time);
/* Whether @a and @b are the same time written the same way (precision and fields). */
gboolean  dl_time_equal            (const DlTime  *a,
                                    const DlTime  *b);

gboolean  dl_time_parse            (const char    *text,
                                    DlTime        *out,
                                    GError       **error);
/* The ISO 8601 text of @time at its own precision ("2011-03", "2024-12-08T06:00Z"). */
char     *dl_time_to_iso           (const DlTime  *time);
/* Orders by start instant; a less precise time sorts before a more precise one
 * that starts at the same instant. DL_TIME_NONE sorts last. */
int       dl_time_compare          (const DlTime  *a,
                                    const DlTime  *b);
/* A human date at the time's precision, e.g. "8 Dec 2024", "Mar 2011", "1967". */
char     *dl_time_format           (const DlTime  *time);
/* The first and last second the time covers, as Unix seconds (UTC when no offset). */
gint64    dl_time_get_first_second (const DlTime  *time);
gint64    dl_time_get_last_second  (const DlTime  *time);

G_END_DECLS
