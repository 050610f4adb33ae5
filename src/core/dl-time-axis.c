/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-time-axis"

#include "config.h"

#include <stdlib.h>

#include "dl-event.h"
#include "dl-time-axis.h"

/* Every segment is at least this wide when the axis has room for it, so that a lone
 * background year stays a mark one can point at. */
#define MIN_SEGMENT_WIDTH 12.0
/* Empty stretches shorter than this never break the axis. */
#define MIN_BREAK_SECONDS ((gint64) 86400)
/* At most this many breaks: the longest empty stretches. */
#define MAX_BREAKS 12

struct _DlTimeAxis
{
  GArray *segments;   /* of DlTimeAxisSegment, in time order */
  double  width;
};

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const DlTimeSpan *sa = a, *sb = b;

  if (sa->first != sb->first)
    return sa->first < sb->first ? -1 : 1;
  if (sa->last != sb->last)
    return sa->last < sb->last ? -1 : 1;
  return 0;
}

static int
compare_gaps_descending (gconstpointer a,
                         gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x < y) - (x > y);
}

/* Where the axis breaks: between two stretches with marks whose empty time is longer than
 * the longer of the two and than a day (the days of a week stay together, 1981 and 2011
 * do not), keeping only the MAX_BREAKS longest so that the axis stays readable. */
static GArray *
build_segments (DlTimeSpan *spans,
                guint       n_spans)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (DlTimeAxisSegment));
  g_autofree gint64 *gaps = g_new0 (gint64, MAX (n_spans, 1));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  DlTimeAxisSegment *current = NULL;
  gint64 min_break = G_MININT64, last = G_MININT64, previous_unit = 0;

  if (n_spans == 0)
    return segments;
  /* a timeline gives its spans sorted: checking costs far less than sorting again */
  for (guint i = 1; i < n_spans; i++)
    if (compare_spans (&spans[i - 1], &spans[i]) > 0)
      {
        qsort (spans, n_spans, sizeof (DlTimeSpan), compare_spans);
        break;
      }

  /* gaps[i]: the empty time before span i, or -1 when it cannot be a break */
  for (guint i = 0; i < n_spans; i++)
    {
      gint64 unit = spans[i].last - spans[i].first + 1;

      gaps[i] = -1;
      if (i > 0)
        {
          gint64 gap = spans[i].first - last - 1;

          if (gap > MAX (MAX (unit, previous_unit), MIN_BREAK_SECONDS))
            {
              gaps[i] = gap;
              g_array_append_val (candidates, gap);
            }
        }
      last = i == 0 ? spans[i].last : MAX (last, spans[i].last);
      previous_unit = unit;
    }
  if (candidates->len > MAX_BREAKS)
    {
      g_array_sort (candidates, compare_gaps_descending);
      min_break = g_array_index (candidates, gint64, MAX_BREAKS - 1);
    }

  for (guint i = 0; i < n_spans; i++)
    {
      const DlTimeSpan *span = &spans[i];

      if (current != NULL && (gaps[i] < 0 || gaps[i] < min_break))
        {
          current->last = MAX (current->last, span->last);
          current->n_marks++;
          continue;
        }

      g_array_set_size (segments, segments->len + 1);
      current = &g_array_index (segments, DlTimeAxisSegment, segments->len - 1);
      current->first = span->first;
      current->last = span->last;
      current->n_marks = 1;
    }

  return segments;
}

/* Width goes to the segments by their number of marks, after a minimum each: the story's
 * busy days get the room, decades of background a sliver. */
static void
lay_out (DlTimeAxis *axis,
         double      break_width)
{
  guint n = axis->segments->len;
  double breaks, available, min_width;
  guint total_marks = 0;
  double x = 0;

  if (n == 0)
    return;

  break_width = MIN (break_width, axis->width / (2.0 * n));
  breaks = break_width * (n - 1);
  available = MAX (axis->width - breaks, 0);
  min_width = MIN (MIN_SEGMENT_WIDTH, available / n);
  for (guint i = 0; i < n; i++)
    total_marks += g_array_index (axis->segments, DlTimeAxisSegment, i).n_marks;

  for (guint i = 0; i < n; i++)
    {
      DlTimeAxisSegment *segment = &g_array_index (axis->segments, DlTimeAxisSegment, i);
      double share = (available - min_width * n) * segment->n_marks / total_marks;

      segment->x0 = x;
      segment->x1 = x + min_width + share;
      x = segment->x1 + break_width;
    }
  /* no rounding error at the far end */
  g_array_index (axis->segments, DlTimeAxisSegment, n - 1).x1 = axis->width;
}

/**
 * dl_time_axis_new:
 * @spans: (array length=n_spans): the stretch of time of each mark
 * @n_spans: the number of marks
 * @width: the length of the axis
 * @break_width: how wide to draw each empty stretch between segments
 *
 * Lays out a time axis for marks: stretches with marks become segments, long empty
 * stretches between them breaks of @break_width, and the segments share the rest of the
 * width by how many marks they hold.
 *
 * Returns: (transfer full): the axis; an axis with no segment when @n_spans is 0.
 */
DlTimeAxis *
dl_time_axis_new (const DlTimeSpan *spans,
                  guint             n_spans,
                  double            width,
                  double            break_width)
{
  DlTimeAxis *axis;
  g_autofree DlTimeSpan *sorted = NULL;

  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);

  axis = g_new0 (DlTimeAxis, 1);
  axis->width = MAX (width, 0);
  sorted = g_memdup2 (spans, sizeof (DlTimeSpan) * n_spans);
  for (guint i = 0; i < n_spans; i++)
    if (sorted[i].last < sorted[i].first)
      sorted[i].last = sorted[i].first;
  axis->segments = build_segments (sorted, n_spans);
  lay_out (axis, MAX (break_width, 0));
  return axis;
}

/**
 * dl_event_get_start_span:
 * @event: an event
 * @span: (out): the first and last second its start covers
 *
 * Returns: %FALSE when the event has no time.
 */
gboolean
dl_event_get_start_span (DlEvent    *event,
                         DlTimeSpan *span)
{
  const DlTime *start;

  g_return_val_if_fail (DL_IS_EVENT (event), FALSE);

  start = dl_event_get_start (event);
  if (start->precision == DL_TIME_NONE)
    return FALSE;
  span->first = dl_time_get_first_second (start);
  span->last = dl_time_get_last_second (start);
  return TRUE;
}

/**
 * dl_time_axis_new_for_events:
 * @events: (element-type DlEvent): events
 * @width: the length of the axis
 * @break_width: how wide to draw each empty stretch
 *
 * The axis of the starts of @events; events with no time have no mark.
 *
 * Returns: (transfer full): the axis.
 */
DlTimeAxis *
dl_time_axis_new_for_events (GPtrArray *events,
                             double     width,
                             double     break_width)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DlTimeSpan));

  g_return_val_if_fail (events != NULL, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      DlTimeSpan span;

      if (dl_event_get_start_span (events->pdata[i], &span))
        g_array_append_val (spans, span);
    }
  return dl_time_axis_new (spans->len > 0 ? &g_array_index (spans, DlTimeSpan, 0) : NULL,
                           spans->len, width, break_width);
}

void
dl_time_axis_free (DlTimeAxis *axis)
{
  if (axis == NULL)
    return;
  g_array_unref (axis->segments);
  g_free (axis);
}

guint
dl_time_axis_get_n_segments (const DlTimeAxis *axis)
{
  g_return_val_if_fail (axis != NULL, 0);
  return axis->segments->len;
}

const DlTimeAxisSegment *
dl_time_axis_get_segment (const DlTimeAxis *axis,
                          guint             index)
{
  g_return_val_if_fail (axis != NULL, NULL);
  g_return_val_if_fail (index < axis->segments->len, NULL);
  return &g_array_index (axis->segments, DlTimeAxisSegment, index);
}

double
dl_time_axis_get_width (const DlTimeAxis *axis)
{
  g_return_val_if_fail (axis != NULL, 0);
  return axis->width;
}

/* The last segment that starts at or before @second, or -1. */
static int
find_segment (const DlTimeAxis *axis,
              gint64            second)
{
  int lo = 0, hi = (int) axis->segments->len - 1, found = -1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (g_array_index (axis->segments, DlTimeAxisSegment, mid).first <= second)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

/**
 * dl_time_axis_to_x:
 * @axis: an axis
 * @second: Unix seconds
 *
 * Returns: where @second lies on the axis: linearly within its segment, or within the
 *   break it falls in; clamped to the ends.
 */
double
dl_time_axis_to_x (const DlTimeAxis *axis,
                   gint64            second)
{
  const DlTimeAxisSegment *segment, *next;
  int i;

  g_return_val_if_fail (axis != NULL, 0);

  if (axis->segments->len == 0)
    return 0;
  i = find_segment (axis, second);
  if (i < 0)
    return 0;
  segment = &g_array_index (axis->segments, DlTimeAxisSegment, i);
  if (second <= segment->last)
    return segment->x0 + (segment->x1 - segment->x0) * (double) (second - segment->first)
                         / (double) (segment->last - segment->first + 1);
  if ((guint) i + 1 >= axis->segments->len)
    return segment->x1;
  next = &g_array_index (axis->segments, DlTimeAxisSegment, i + 1);
  return segment->x1 + (next->x0 - segment->x1) * (double) (second - segment->last)
                       / (double) (next->first - segment->last);
}

/**
 * dl_time_axis_from_x:
 * @axis: an axis
 * @x: a position on the axis
 *
 * Returns: the second at @x (the inverse of dl_time_axis_to_x()); 0 for an empty axis.
 */
gint64
dl_time_axis_from_x (const DlTimeAxis *axis,
                     double            x)
{
  guint n;

  g_return_val_if_fail (axis != NULL, 0);

  n = axis->segments->len;
  if (n == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      const DlTimeAxisSegment *segment = &g_array_index (axis->segments,
                                                         DlTimeAxisSegment, i);
      const DlTimeAxisSegment *next;

      if (x < segment->x0)
        return segment->first;
      if (x < segment->x1 || i + 1 == n)
        {
          double f = CLAMP ((x - segment->x0) / MAX (segment->x1 - segment->x0, 1e-9), 0, 1);

          return MIN (segment->first + (gint64) (f * (segment->last - segment->first + 1)),
                      segment->last);
        }
      next = &g_array_index (axis->segments, DlTimeAxisSegment, i + 1);
      if (x < next->x0)
        {
          double f = (x - segment->x1) / MAX (next->x0 - segment->x1, 1e-9);

          return segment->last + (gint64) (f * (double) (next->first - segment->last));
        }
    }
  g_assert_not_reached ();
}

int
dl_time_axis_segment_at (const DlTimeAxis *axis,
                         double            x)
{
  g_return_val_if_fail (axis != NULL, -1);

  for (guint i = 0; i < axis->segments->len; i++)
    {
      const DlTimeAxisSegment *segment = &g_array_index (axis->segments,
                                                         DlTimeAxisSegment, i);

      if (x >= segment->x0 && x <= segment->x1)
        return (int) i;
    }
  return -1;
}
