/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-timeline-strip"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <pango/pangocairo.h>

#include "dl-actor.h"
#include "dl-time-range.h"
#include "dl-timeline-strip.h"

#define BREAK_WIDTH 18.0
/* Above this many marks, they are stamped from images rather than drawn as vectors. */
#define MAX_VECTOR_MARKS 400
/* Ticks labelled in one segment, at most. */
#define MAX_TICKS 60

struct _DlTimelineStrip
{
  DlTimeAxis      *axis;
  GArray          *marks;     /* of DlStripMark, time order */
  DlTimelineItems *items;     /* what the marks were laid out from */
  guint           *item_of;   /* per mark, its item */
  GArray          *uncovered; /* the marks not covered (guint), the few a dense strip draws */
  GArray          *spanned;   /* the marks with a span */
  double           width;
  double           height;
  double           unit;
  double           radius;
  double           margin;    /* left and right of the axis, so edge marks show whole */
  double           axis_y;
  gboolean         rtl;
};

/* What a mark takes from its event. */
typedef struct
{
  gint64   end_second;
  gboolean has_end;
  gboolean approximate;
  double   rgb[3];
} Facts;

/* The events with a time, in time order, with what their marks need: read and sorted once
 * per story and edit, so that a filter change lays out the shown ones with no sort and no
 * call on an event (100,000 events took 50 ms when they were read and sorted each time). */
struct _DlTimelineItems
{
  guint       n;         /* events with a time */
  guint       n_given;
  DlEvent   **events;    /* unowned */
  DlTimeSpan *spans;
  Facts      *facts;
  guint      *source;    /* the event's index in the array given */
};

typedef struct
{
  DlTimeSpan span;
  guint      order;
} Item;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  if (ia->span.first != ib->span.first)
    return ia->span.first < ib->span.first ? -1 : 1;
  if (ia->span.last != ib->span.last)
    return ia->span.last < ib->span.last ? -1 : 1;
  return ia->order < ib->order ? -1 : ia->order > ib->order;
}

static gboolean
same_span (const DlTimeSpan *a,
           const DlTimeSpan *b)
{
  return a->first == b->first && a->last == b->last;
}

static double
axis_x (DlTimelineStrip *strip,
        gint64           second)
{
  double x = strip->margin + dl_time_axis_to_x (strip->axis, second);

  return strip->rtl ? strip->width - x : x;
}

/* Marks that would cover each other go up a row; when the rows are full, a mark goes on
 * the row whose last mark is furthest behind. Each mark's row goes to @rows. */
static void
stack_marks (DlTimelineStrip *strip,
             guint           *rows,
             guint           *n_rows_out)
{
  double pitch = 2 * strip->radius + 2 * strip->unit;
  double bottom = strip->axis_y - 4 * strip->unit - strip->radius;
  guint n_rows = (guint) MAX (1, floor ((bottom + strip->radius - 2) / pitch));
  g_autofree double *row_end = g_new (double, n_rows);
  DlStripMark *marks = (DlStripMark *) (void *) strip->marks->data;

  for (guint r = 0; r < n_rows; r++)
    row_end[r] = -G_MAXDOUBLE;

  for (guint i = 0; i < strip->marks->len; i++)
    {
      DlStripMark *mark = &marks[i];
      double pos = strip->rtl ? strip->width - mark->x : mark->x;
      guint row = 0;
      gboolean found = FALSE;

      for (guint r = 0; r < n_rows && !found; r++)
        if (row_end[r] <= pos - pitch + 1e-9)
          {
            row = r;
            found = TRUE;
          }
      if (!found)
        for (guint r = 1; r < n_rows; r++)
          if (row_end[r] < row_end[row])
            row = r;
      row_end[row] = pos;
      mark->y = bottom - row * pitch;
      rows[i] = row;
    }
  *n_rows_out = n_rows;
}

/* Marks of the same day (or year …) share its width evenly, in story order, rather than
 * all stand on its middle. @first and @last are the group's marks. */
static double
spread_x (DlTimelineStrip  *strip,
          const DlTimeSpan *span,
          guint             index,
          guint             first,
          guint             last)
{
  double a = axis_x (strip, span->first);
  double b = axis_x (strip, span->last);
  double pad = MIN (fabs (b - a) * 0.1, strip->radius);

  if (b < a)
    pad = -pad;
  return a + pad + (b - a - 2 * pad) * (index - first + 0.5) / (last - first + 1);
}

/* A mark drawn within a pixel and a half of a later one in its row cannot be seen: with
 * thousands of events, most of them. */
static void
find_covered (DlTimelineStrip *strip,
              const guint     *rows,
              guint            n_rows)
{
  g_autofree double *last_x = g_new (double, n_rows);
  g_autofree gboolean *seen = g_new0 (gboolean, n_rows);
  DlStripMark *marks = (DlStripMark *) (void *) strip->marks->data;

  for (guint i = strip->marks->len; i-- > 0;)
    {
      DlStripMark *mark = &marks[i];
      guint row = rows[i];

      if (seen[row] && fabs (last_x[row] - mark->x) < 1.5)
        {
          mark->covered = TRUE;
          continue;
        }
      seen[row] = TRUE;
      last_x[row] = mark->x;
    }
}

/**
 * dl_timeline_items_new:
 * @events: (element-type DlEvent): events, in any order
 *
 * Reads the time, end, approximation and main actor's colour of each of @events and puts
 * those with a time in time order (the order of @events among equal times), for
 * dl_timeline_strip_new_for_items(). The events are not referenced: @events must outlive
 * the items and every strip laid out from them.
 *
 * Returns: (transfer full): the items.
 */
DlTimelineItems *
dl_timeline_items_new (GPtrArray *events)
{
  DlTimelineItems *items;
  g_autofree Item *sorted = NULL;
  g_autofree Facts *facts = NULL;
  guint n = 0;

  g_return_val_if_fail (events != NULL, NULL);

  items = g_rc_box_new0 (DlTimelineItems);
  items->n_given = events->len;
  sorted = g_new (Item, MAX (events->len, 1));
  facts = g_new0 (Facts, MAX (events->len, 1));

  /* read in the events' own order: after the sort, reading each event would jump about
   * memory */
  for (guint i = 0; i < events->len; i++)
    {
      DlEvent *event = events->pdata[i];
      Item item = { { 0, 0 }, i };

      if (dl_event_get_start_span (event, &item.span))
        {
          const DlTime *end = dl_event_get_end (event);
          DlActor *actor = dl_event_get_main_actor (event);
          Facts *f = &facts[i];

          sorted[n++] = item;
          f->has_end = end != NULL && end->precision != DL_TIME_NONE;
          f->end_second = f->has_end ? dl_time_get_last_second (end) : 0;
          f->approximate = dl_event_get_approximate (event);
          f->rgb[0] = f->rgb[1] = f->rgb[2] = 0.45;
          if (actor != NULL)
            dl_actor_get_rgb (actor, &f->rgb[0], &f->rgb[1], &f->rgb[2]);
        }
    }
  qsort (sorted, n, sizeof (Item), compare_items);

  items->n = n;
  items->events = g_new (DlEvent *, MAX (n, 1));
  items->spans = g_new (DlTimeSpan, MAX (n, 1));
  items->facts = g_new (Facts, MAX (n, 1));
  items->source = g_new (guint, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      guint i = sorted[k].order;

      items->events[k] = events->pdata[i];
      items->spans[k] = sorted[k].span;
      items->facts[k] = facts[i];
      items->source[k] = i;
    }
  return items;
}

static void
items_clear (DlTimelineItems *items)
{
  g_free (items->events);
  g_free (items->spans);
  g_free (items->facts);
  g_free (items->source);
}

DlTimelineItems *
dl_timeline_items_ref (DlTimelineItems *items)
{
  g_return_val_if_fail (items != NULL, NULL);
  return g_rc_box_acquire (items);
}

void
dl_timeline_items_unref (DlTimelineItems *items)
{
  g_return_if_fail (items != NULL);
  g_rc_box_release_full (items, (GDestroyNotify) items_clear);
}

/**
 * dl_timeline_strip_new_for_items:
 * @items: the events, read and sorted
 * @shown: (nullable) (array): one byte per event of the array @items were made from,
 *   non-zero for those to show; %NULL to show all
 * @width: the strip's width
 * @height: the strip's height
 * @unit: 1 on screen; larger for a large export (marks and text grow with it)
 * @rtl: whether time runs right to left
 *
 * The strip of the shown events of @items: the same as dl_timeline_strip_new() of them,
 * in a time that grows with their number, with no sort.
 *
 * Returns: (transfer full): the strip's layout.
 */
DlTimelineStrip *
dl_timeline_strip_new_for_items (DlTimelineItems *items,
                                 const guint8    *shown,
                                 double           width,
                                 double           height,
                                 double           unit,
                                 gboolean         rtl)
{
  DlTimelineStrip *strip;
  g_autofree DlTimeSpan *spans = NULL;
  g_autofree guint *rows = NULL;
  guint *item_of;
  guint n = 0, n_rows = 0;
  DlStripMark *marks;

  g_return_val_if_fail (items != NULL, NULL);

  strip = g_new0 (DlTimelineStrip, 1);
  strip->items = dl_timeline_items_ref (items);
  strip->width = MAX (width, 1);
  strip->height = MAX (height, 1);
  strip->unit = MAX (unit, 0.1);
  strip->rtl = rtl;
  strip->radius = 5 * strip->unit;
  strip->margin = strip->radius + 3 * strip->unit;
  strip->axis_y = strip->height - 18 * strip->unit;

  item_of = strip->item_of = g_new (guint, MAX (items->n, 1));
  for (guint k = 0; k < items->n; k++)
    {
      item_of[n] = k;
      n += shown == NULL || shown[items->source[k]] != 0;
    }
  spans = g_new (DlTimeSpan, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    spans[i] = items->spans[item_of[i]];
  strip->axis = dl_time_axis_new (spans, n, MAX (strip->width - 2 * strip->margin, 1),
                                  BREAK_WIDTH * strip->unit);

  strip->marks = g_array_sized_new (FALSE, FALSE, sizeof (DlStripMark), n);
  g_array_set_size (strip->marks, n);
  marks = (DlStripMark *) (void *) strip->marks->data;
  for (guint i = 0, group = 0, group_end = 0; i < n; i++)
    {
      const Facts *f = &items->facts[item_of[i]];
      DlStripMark *mark = &marks[i];

      if (i == 0 || i > group_end)
        {
          group = group_end = i;
          while (group_end + 1 < n && same_span (&spans[group_end + 1], &spans[i]))
            group_end++;
        }
      mark->event = items->events[item_of[i]];
      mark->x = spread_x (strip, &spans[i], i, group, group_end);
      mark->y = 0;
      mark->end_x = f->has_end ? axis_x (strip, f->end_second) : mark->x;
      mark->red = f->rgb[0];
      mark->green = f->rgb[1];
      mark->blue = f->rgb[2];
      mark->covered = FALSE;
      mark->approximate = f->approximate;
    }
  rows = g_new (guint, MAX (n, 1));
  stack_marks (strip, rows, &n_rows);
  find_covered (strip, rows, n_rows);

  /* a frame goes over these rather than over thousands of hidden marks */
  strip->uncovered = g_array_new (FALSE, FALSE, sizeof (guint));
  strip->spanned = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      if (!marks[i].covered)
        g_array_append_val (strip->uncovered, i);
      if (marks[i].end_x != marks[i].x)
        g_array_append_val (strip->spanned, i);
    }
  return strip;
}

/**
 * dl_timeline_strip_new:
 * @events: (element-type DlEvent): the events to show
 * @width: the strip's width
 * @height: the strip's height
 * @unit: 1 on screen; larger for a large export (marks and text grow with it)
 * @rtl: whether time runs right to left
 *
 * Returns: (transfer full): the strip's layout.
 */
DlTimelineStrip *
dl_timeline_strip_new (GPtrArray *events,
                       double     width,
                       double     height,
                       double     unit,
                       gboolean   rtl)
{
  g_autoptr(DlTimelineItems) items = NULL;

  g_return_val_if_fail (events != NULL, NULL);

  items = dl_timeline_items_new (events);
  return dl_timeline_strip_new_for_items (items, NULL, width, height, unit, rtl);
}

void
dl_timeline_strip_free (DlTimelineStrip *strip)
{
  if (strip == NULL)
    return;
  dl_time_axis_free (strip->axis);
  g_array_unref (strip->marks);
  g_free (strip->item_of);
  g_array_unref (strip->uncovered);
  g_array_unref (strip->spanned);
  dl_timeline_items_unref (strip->items);
  g_free (strip);
}

const DlTimeAxis *
dl_timeline_strip_get_axis (DlTimelineStrip *strip)
{
  g_return_val_if_fail (strip != NULL, NULL);
  return strip->axis;
}

guint
dl_timeline_strip_get_n_marks (DlTimelineStrip *strip)
{
  g_return_val_if_fail (strip != NULL, 0);
  return strip->marks->len;
}

const DlStripMark *
dl_timeline_strip_get_mark (DlTimelineStrip *strip,
                            guint            index)
{
  g_return_val_if_fail (strip != NULL, NULL);
  g_return_val_if_fail (index < strip->marks->len, NULL);
  return &g_array_index (strip->marks, DlStripMark, index);
}

/* The first mark whose item's span is not before @span. */
static guint
lower_bound (DlTimelineStrip  *strip,
             const DlTimeSpan *span)
{
  guint lo = 0, hi = strip->marks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const DlTimeSpan *at = &strip->items->spans[strip->item_of[mid]];

      if (at->first < span->first || (at->first == span->first && at->last < span->last))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The mark of @event among those of its time, or -1. */
static int
find_in_time (DlTimelineStrip *strip,
              DlEvent         *event)
{
  DlTimeSpan span;

  if (!dl_event_get_start_span (event, &span))
    return -1;
  for (guint i = lower_bound (strip, &span);
       i < strip->marks->len && same_span (&strip->items->spans[strip->item_of[i]], &span);
       i++)
    if (g_array_index (strip->marks, DlStripMark, i).event == event)
      return (int) i;
  return -1;
}

int
dl_timeline_strip_find (DlTimelineStrip *strip,
                        DlEvent         *event)
{
  int found;

  g_return_val_if_fail (strip != NULL, -1);
  g_return_val_if_fail (DL_IS_EVENT (event), -1);

  /* its own time has not changed since the layout */
  found = find_in_time (strip, event);
  if (found >= 0)
    return found;
  /* or it has, and the strip is about to be laid out again */
  for (guint i = 0; i < strip->marks->len; i++)
    if (g_array_index (strip->marks, DlStripMark, i).event == event)
      return (int) i;
  return -1;
}

int
dl_timeline_strip_mark_at (DlTimelineStrip *strip,
                           double           x,
                           double           y)
{
  double best = G_MAXDOUBLE;
  double reach = strip->radius + 3 * strip->unit;
  int found = -1;

  g_return_val_if_fail (strip != NULL, -1);

  for (guint i = 0; i < strip->marks->len; i++)
    {
      const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark, i);
      double d = hypot (mark->x - x, mark->y - y);

      /* the later mark wins a tie: it is drawn on top */
      if (d <= reach && d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

double
dl_timeline_strip_time_to_x (DlTimelineStrip *strip,
                             gint64           second)
{
  g_return_val_if_fail (strip != NULL, 0);
  return axis_x (strip, second);
}

gint64
dl_timeline_strip_x_to_time (DlTimelineStrip *strip,
                             double           x)
{
  g_return_val_if_fail (strip != NULL, 0);

  if (strip->rtl)
    x = strip->width - x;
  return dl_time_axis_from_x (strip->axis, x - strip->margin);
}

double
dl_timeline_strip_get_radius (DlTimelineStrip *strip)
{
  g_return_val_if_fail (strip != NULL, 0);
  return strip->radius;
}

/* The ticks of a segment: years, months or days, by how long it lasts. */
static DlTimePrecision
tick_precision (const DlTimeAxisSegment *segment)
{
  gint64 days = (segment->last - segment->first + 1) / 86400;

  if (days > 300)
    return DL_TIME_YEAR;
  if (days > 27)
    return DL_TIME_MONTH;
  return DL_TIME_DAY;
}

static void
next_tick (DlTime *time)
{
  switch (time->precision)
    {
    case DL_TIME_YEAR:
      time->year++;
      break;
    case DL_TIME_MONTH:
      if (++time->month > 12)
        {
          time->month = 1;
          time->year++;
        }
      break;
    default:
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, time->day, time->month, time->year);
        g_date_add_days (&date, 1);
        time->day = g_date_get_day (&date);
        time->month = g_date_get_month (&date);
        time->year = g_date_get_year (&date);
      }
      break;
    }
}

static void
draw_labels (DlTimelineStrip    *strip,
             cairo_t            *cr,
             PangoContext       *pango,
             const DlStripStyle *style)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  double last_end = -G_MAXDOUBLE;
  guint n = dl_time_axis_get_n_segments (strip->axis);

  pango_font_description_set_absolute_size (font, 10.5 * strip->unit * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  cairo_set_source_rgb (cr, style->fg[0], style->fg[1], style->fg[2]);

  for (guint i = 0; i < n; i++)
    {
      const DlTimeAxisSegment *segment = dl_time_axis_get_segment (strip->axis, i);
      DlTime tick;

      dl_time_from_unix (segment->first, tick_precision (segment), &tick);
      for (guint k = 0; k < MAX_TICKS; k++, next_tick (&tick))
        {
          gint64 second = dl_time_get_first_second (&tick);
          g_autofree char *text = NULL;
          PangoRectangle ink, logical;
          double x, left, w;

          if (second > segment->last)
            break;
          x = axis_x (strip, MAX (second, segment->first));
          /* no text for a tick too close to the last label to get one */
          if ((strip->rtl ? strip->width - x : x) < last_end + 6 * strip->unit)
            continue;
          text = dl_time_format (&tick);
          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_extents (layout, &ink, &logical);
          w = logical.width;
          /* the label starts at its tick, toward later times */
          left = strip->rtl ? x - w : x;
          left = CLAMP (left, 0, strip->width - w);
          if ((strip->rtl ? strip->width - (left + w) : left) < last_end + 6 * strip->unit)
            continue;
          last_end = strip->rtl ? strip->width - left : left + w;

          cairo_move_to (cr, x, strip->axis_y);
          cairo_line_to (cr, x, strip->axis_y + 4 * strip->unit);
          cairo_stroke (cr);
          cairo_move_to (cr, left, strip->axis_y + 4 * strip->unit);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

/* Thousands of marks are drawn as squares, one path of boxes per colour: circles would
 * cost a frame many times over, and at that density they read the same. @marks are the
 * indices of the marks to draw, in their order. */
static void
fill_squares (DlTimelineStrip *strip,
              cairo_t         *cr,
              const guint     *marks,
              guint            n)
{
  g_autoptr(GArray) colours = g_array_new (FALSE, FALSE, sizeof (guint));
  double r = strip->radius * 0.9;

  for (guint i = 0; i < n; i++)
    {
      const DlStripMark *first = &g_array_index (strip->marks, DlStripMark, marks[i]);
      gboolean seen = FALSE;

      for (guint k = 0; k < colours->len && !seen; k++)
        {
          const DlStripMark *other = &g_array_index (strip->marks, DlStripMark,
                                                     g_array_index (colours, guint, k));

          seen = other->red == first->red && other->green == first->green
                 && other->blue == first->blue;
        }
      if (seen)
        continue;
      g_array_append_val (colours, marks[i]);

      for (guint j = i; j < n; j++)
        {
          const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark, marks[j]);

          if (mark->red != first->red || mark->green != first->green
              || mark->blue != first->blue)
            continue;
          cairo_rectangle (cr, round (mark->x - r), round (mark->y - r), round (2 * r),
                           round (2 * r));
        }
      cairo_set_source_rgb (cr, first->red, first->green, first->blue);
      cairo_fill (cr);
    }
}

typedef struct
{
  double y;       /* a row of marks */
  double last_x;  /* where its last ring was drawn */
} RingRow;

/* Hundreds of rings (a place of 10,000 events selected) ring the dense strip's squares with
 * squares, on whole pixels, in one path stroked once; a ring within a pixel of the last one
 * drawn in its row is left out, since it could not be told from it. Circles, each stroked
 * on its own, cost the frame 13 µs each: 130 ms for 10,000. */
static void
draw_dense_rings (DlTimelineStrip *strip,
                  cairo_t         *cr,
                  GArray          *ringed,
                  int              focus)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (RingRow));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  double u = strip->unit;

  for (guint k = 0; k < ringed->len; k++)
    {
      guint i = g_array_index (ringed, guint, k);
      const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark, i);
      RingRow *row = NULL;

      for (guint r = 0; r < rows->len && row == NULL; r++)
        if (g_array_index (rows, RingRow, r).y == mark->y)
          row = &g_array_index (rows, RingRow, r);
      if (row == NULL)
        {
          g_array_append_val (rows, ((RingRow) { mark->y, mark->x }));
          row = &g_array_index (rows, RingRow, rows->len - 1);
        }
      else if (fabs (mark->x - row->last_x) < 1.0 && (int) i != focus)
        continue;
      row->last_x = mark->x;
      g_array_append_val (drawn, i);

      for (int ring = 0; ring < ((int) i == focus ? 2 : 1); ring++)
        {
          double r = strip->radius * 0.9 + (ring == 0 ? 2 : 4.5) * u;

          cairo_rectangle (cr, round (mark->x - r), round (mark->y - r), round (2 * r),
                           round (2 * r));
        }
    }
  cairo_stroke (cr);
  /* the selected marks over the rings of their neighbours: a selection across the whole
   * strip is its marks framed in the accent colour, not a band of it */
  fill_squares (strip, cr, (const guint *) (void *) drawn->data, drawn->len);
}

static int
compare_guints (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The marks to ring, in their order: those of @selected and @focus. A few selected events
 * are each looked up by their time; many, by a pass over the marks. */
static GArray *
ringed_marks (DlTimelineStrip *strip,
              GHashTable      *selected,
              int              focus)
{
  GArray *ringed = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_selected = selected != NULL ? g_hash_table_size (selected) : 0;

  if (n_selected > strip->marks->len / 16)
    {
      for (guint i = 0; i < strip->marks->len; i++)
        if ((int) i == focus
            || g_hash_table_contains (selected,
                                      g_array_index (strip->marks, DlStripMark, i).event))
          g_array_append_val (ringed, i);
      return ringed;
    }

  if (n_selected > 0)
    {
      GHashTableIter iter;
      gpointer event;

      g_hash_table_iter_init (&iter, selected);
      while (g_hash_table_iter_next (&iter, &event, NULL))
        {
          int index = DL_IS_EVENT (event) ? find_in_time (strip, event) : -1;

          if (index >= 0)
            g_array_append_val (ringed, index);
        }
    }
  if (focus >= 0 && (guint) focus < strip->marks->len)
    g_array_append_val (ringed, focus);
  g_array_sort (ringed, compare_guints);
  /* the focused mark may be selected too */
  for (guint i = 1; i < ringed->len; i++)
    if (g_array_index (ringed, guint, i) == g_array_index (ringed, guint, i - 1))
      g_array_remove_index (ringed, i--);
  return ringed;
}

void
dl_timeline_strip_draw (DlTimelineStrip    *strip,
                        cairo_t            *cr,
                        PangoContext       *pango,
                        const DlStripStyle *style,
                        GHashTable         *selected,
                        int                 focus,
                        double              range_x0,
                        double              range_x1)
{
  guint n = dl_time_axis_get_n_segments (strip->axis);
  double u = strip->unit;
  g_autoptr(GArray) ringed = NULL;

  g_return_if_fail (strip != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  if (style->bg[3] > 0)
    {
      cairo_set_source_rgba (cr, style->bg[0], style->bg[1], style->bg[2], style->bg[3]);
      cairo_paint (cr);
    }

  if (range_x1 != range_x0)
    {
      cairo_set_source_rgba (cr, style->accent[0], style->accent[1], style->accent[2], 0.18);
      cairo_rectangle (cr, MIN (range_x0, range_x1), 0, fabs (range_x1 - range_x0),
                       strip->height);
      cairo_fill (cr);
    }

  /* the axis, interrupted at each break by a double slash */
  cairo_set_line_width (cr, 1 * u);
  cairo_set_source_rgba (cr, style->fg[0], style->fg[1], style->fg[2], 0.55);
  for (guint i = 0; i < n; i++)
    {
      const DlTimeAxisSegment *segment = dl_time_axis_get_segment (strip->axis, i);
      double a = axis_x (strip, segment->first);
      double b = axis_x (strip, segment->last);

      cairo_move_to (cr, a, strip->axis_y);
      cairo_line_to (cr, b, strip->axis_y);
      cairo_stroke (cr);
      if (i + 1 < n)
        {
          const DlTimeAxisSegment *next = dl_time_axis_get_segment (strip->axis, i + 1);
          double c = (b + axis_x (strip, next->first)) / 2;

          for (int k = -1; k <= 1; k += 2)
            {
              cairo_move_to (cr, c + k * 2.5 * u - 2 * u, strip->axis_y + 4 * u);
              cairo_line_to (cr, c + k * 2.5 * u + 2 * u, strip->axis_y - 4 * u);
            }
          cairo_stroke (cr);
        }
    }
  draw_labels (strip, cr, pango, style);

  /* spans first, under every mark */
  cairo_set_line_width (cr, 2 * u);
  for (guint k = 0; k < strip->spanned->len; k++)
    {
      const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark,
                                                g_array_index (strip->spanned, guint, k));

      cairo_set_source_rgba (cr, mark->red, mark->green, mark->blue, 0.35);
      cairo_move_to (cr, mark->x, mark->y);
      cairo_line_to (cr, mark->end_x, mark->y);
      cairo_stroke (cr);
    }

  /* an approximate time fades out around its mark: a soft edge, not a point */
  for (guint k = 0; k < strip->uncovered->len; k++)
    {
      const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark,
                                                g_array_index (strip->uncovered, guint, k));
      cairo_pattern_t *halo;

      if (!mark->approximate)
        continue;
      halo = cairo_pattern_create_radial (mark->x, mark->y, strip->radius,
                                          mark->x, mark->y, 2.8 * strip->radius);
      cairo_pattern_add_color_stop_rgba (halo, 0, mark->red, mark->green, mark->blue, 0.55);
      cairo_pattern_add_color_stop_rgba (halo, 1, mark->red, mark->green, mark->blue, 0);
      cairo_set_source (cr, halo);
      cairo_new_sub_path (cr);
      cairo_arc (cr, mark->x, mark->y, 2.8 * strip->radius, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (halo);
    }

  if (strip->marks->len > MAX_VECTOR_MARKS)
    fill_squares (strip, cr, (const guint *) (void *) strip->uncovered->data,
                  strip->uncovered->len);
  else
    for (guint i = 0; i < strip->marks->len; i++)
      {
        const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark, i);

        cairo_new_sub_path (cr);
        cairo_arc (cr, mark->x, mark->y, strip->radius, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, mark->red, mark->green, mark->blue);
        cairo_fill (cr);
      }

  /* the selection ringed in the accent colour, the focused mark ringed twice */
  cairo_set_source_rgb (cr, style->accent[0], style->accent[1], style->accent[2]);
  cairo_set_line_width (cr, 2 * u);
  ringed = ringed_marks (strip, selected, focus);
  if (ringed->len > MAX_VECTOR_MARKS)
    draw_dense_rings (strip, cr, ringed, focus);
  else
    for (guint k = 0; k < ringed->len; k++)
      {
        guint i = g_array_index (ringed, guint, k);
        const DlStripMark *mark = &g_array_index (strip->marks, DlStripMark, i);

        cairo_new_sub_path (cr);
        cairo_arc (cr, mark->x, mark->y, strip->radius + 2 * u, 0, 2 * G_PI);
        if ((int) i == focus)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, mark->x, mark->y, strip->radius + 4.5 * u, 0, 2 * G_PI);
          }
        cairo_stroke (cr);
      }
  cairo_restore (cr);
}

/**
 * dl_timeline_strip_figure_height:
 *
 * Returns: the height of the timeline band of a @width × @height figure: an eighth of it,
 *   within reason.
 */
double
dl_timeline_strip_figure_height (double width,
                                 double height)
{
  double unit = MAX (0.75, pow (MIN (width, height) / 1000.0, 0.85));

  return MIN (MAX (height / 8, 70 * unit), height / 3);
}

/**
 * dl_timeline_strip_draw_figure_band:
 * @filter: (nullable): which events show
 *
 * Draws the strip of the events @filter shows across a figure, @height high at @y.
 */
void
dl_timeline_strip_draw_figure_band (DlStory  *story,
                                    DlFilter *filter,
                                    cairo_t  *cr,
                                    double    y,
                                    double    width,
                                    double    height)
{
  GListModel *model;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DlTimelineStrip) strip = NULL;
  PangoContext *pango;
  double unit = MAX (0.75, pow (MIN (width, y + height) / 1000.0, 0.85));
  DlStripStyle style = {
    { 0.13, 0.13, 0.13 }, { 0.98, 0.98, 0.97, 1.0 }, { 0.21, 0.52, 0.89 }, unit, FALSE
  };
  const char *language;

  g_return_if_fail (DL_IS_STORY (story));

  model = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      DlEvent *event = g_list_model_get_item (model, i);

      if (filter == NULL || dl_filter_match (filter, event))
        g_ptr_array_add (events, event);
      else
        g_object_unref (event);
    }

  /* a story written right to left reads its time right to left too */
  language = dl_story_get_language (story);
  style.rtl = language != NULL && (g_str_has_prefix (language, "ar")
                                   || g_str_has_prefix (language, "he")
                                   || g_str_has_prefix (language, "fa"));
  unit = MIN (unit, height / 60);
  style.unit = unit;
  strip = dl_timeline_strip_new (events, width - 24 * unit, height - 10 * unit, unit,
                                 style.rtl);
  pango = pango_cairo_create_context (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, y, width, height);
  cairo_set_source_rgba (cr, style.bg[0], style.bg[1], style.bg[2], style.bg[3]);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, unit);
  cairo_move_to (cr, 0, y + unit / 2);
  cairo_line_to (cr, width, y + unit / 2);
  cairo_stroke (cr);
  cairo_translate (cr, 12 * unit, y + 5 * unit);
  style.bg[3] = 0;
  dl_timeline_strip_draw (strip, cr, pango, &style, NULL, -1, 0, 0);
  cairo_restore (cr);
  g_object_unref (pango);
}
