/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-time.h"

G_BEGIN_DECLS

/* A time range "START/END" (ISO 8601, either side may be empty for an open end; a single
 * time "2024-12-08" is the range it covers). @from or @to has precision DL_TIME_NONE when
 * that side is open. */
gboolean  dl_time_range_parse  (const char   *text,
                                DlTime       *from,
                                DlTime       *to,
                                GError      **error);
/* The range for a reader: "7–8 Dec 2024", "30 Nov – 8 Dec 2024", "from 7 Dec 2024"; either
 * side may be NULL (open). */
char     *dl_time_range_format (const DlTime *from,
                                const DlTime *to);

/* The time of @precision that contains Unix second @second (UTC). */
void      dl_time_from_unix    (gint64           second,
                                DlTimePrecision  precision,
                                DlTime          *time);

G_END_DECLS
