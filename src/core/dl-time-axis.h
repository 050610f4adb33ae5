/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dl-types.h"

G_BEGIN_DECLS

/* A stretch of time as Unix seconds, both ends included. */
typedef struct
{
  gint64 first;
  gint64 last;
} DlTimeSpan;

/* A stretch of the axis with marks in it: time runs linearly from @x0 to @x1. Between two
 * segments lies a break, an empty stretch of time drawn @break_width wide however long
 * it is. */
typedef struct
{
  gint64 first;
  gint64 last;
  double x0;
  double x1;
  guint  n_marks;
} DlTimeAxisSegment;

typedef struct _DlTimeAxis DlTimeAxis;

DlTimeAxis *dl_time_axis_new            (const DlTimeSpan *spans,
                                         guint             n_spans,
                                         double            width,
                                         double            break_width);
DlTimeAxis *dl_time_axis_new_for_events (GPtrArray        *events,
                                         double            width,
                                         double            break_width);
void        dl_time_axis_free           (DlTimeAxis       *axis);

guint       dl_time_axis_get_n_segments (const DlTimeAxis *axis);
const DlTimeAxisSegment *dl_time_axis_get_segment (const DlTimeAxis *axis,
                                                   guint             index);
double      dl_time_axis_get_width      (const DlTimeAxis *axis);
double      dl_time_axis_to_x           (const DlTimeAxis *axis,
                                         gint64            second);
gint64      dl_time_axis_from_x         (const DlTimeAxis *axis,
                                         double            x);
/* The segment at @x, or -1 when @x is in a break or off the axis. */
int         dl_time_axis_segment_at     (const DlTimeAxis *axis,
                                         double            x);

/* The span an event's start covers at its own precision ("2011" is the whole year). */
gboolean    dl_event_get_start_span     (DlEvent          *event,
                                         DlTimeSpan       *span);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTimeAxis, dl_time_axis_free)

G_END_DECLS
