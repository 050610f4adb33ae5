/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "dl-filter.h"
#include "dl-story.h"
#include "dl-time-axis.h"

G_BEGIN_DECLS

/* A mark of the strip: one event at the middle of its start, its span (when it has an
 * end) reaching to @end_x. */
typedef struct
{
  DlEvent *event;   /* unowned */
  double   x;
  double   y;
  double   end_x;
  double   red;
  double   green;
  double   blue;
  gboolean covered;  /* under a later mark of its row, all but a sliver: not drawn */
  gboolean approximate; /* "about …": drawn with a soft edge */
} DlStripMark;

/* How to draw it: the strip's colours follow the widget's (dark mode) or the figure's. */
typedef struct
{
  double fg[3];        /* text and axis */
  double bg[4];        /* background; alpha 0 for none */
  double accent[3];    /* the selection and the focused mark */
  double unit;         /* 1 on screen; the figure's text scale in an export */
  gboolean rtl;        /* time runs right to left */
} DlStripStyle;

typedef struct _DlTimelineStrip DlTimelineStrip;

/* Events read and put in time order once, for the strips of any subset of them. */
typedef struct _DlTimelineItems DlTimelineItems;

DlTimelineItems *dl_timeline_items_new        (GPtrArray            *events);
DlTimelineItems *dl_timeline_items_ref        (DlTimelineItems      *items);
void             dl_timeline_items_unref      (DlTimelineItems      *items);

/* Lays out @events (DlEvent, any order; those with no time have no mark) in a strip of
 * @width × @height: an axis whose empty stretches are breaks, marks stacked where they
 * would cover each other. */
DlTimelineStrip *dl_timeline_strip_new        (GPtrArray            *events,
                                               double                width,
                                               double                height,
                                               double                unit,
                                               gboolean              rtl);
/* The strip of the events of @items whose byte in @shown (by their index in the array the
 * items were made from; NULL for all) is not 0, laid out with no sort. */
DlTimelineStrip *dl_timeline_strip_new_for_items (DlTimelineItems   *items,
                                                  const guint8      *shown,
                                                  double             width,
                                                  double             height,
                                                  double             unit,
                                                  gboolean           rtl);
void             dl_timeline_strip_free       (DlTimelineStrip      *strip);

const DlTimeAxis *dl_timeline_strip_get_axis  (DlTimelineStrip      *strip);
/* The marks in time order. */
guint            dl_timeline_strip_get_n_marks (DlTimelineStrip     *strip);
const DlStripMark *dl_timeline_strip_get_mark (DlTimelineStrip      *strip,
                                               guint                 index);
/* The index of the mark of @event, or -1. */
int              dl_timeline_strip_find       (DlTimelineStrip      *strip,
                                               DlEvent              *event);
/* The mark under (@x, @y), the nearest within a few pixels, or -1. */
int              dl_timeline_strip_mark_at    (DlTimelineStrip      *strip,
                                               double                x,
                                               double                y);
/* The x of a second and the second at an x, mirrored when right to left. */
double           dl_timeline_strip_time_to_x  (DlTimelineStrip      *strip,
                                               gint64                second);
gint64           dl_timeline_strip_x_to_time  (DlTimelineStrip      *strip,
                                               double                x);
/* The radius of a mark. */
double           dl_timeline_strip_get_radius (DlTimelineStrip      *strip);

/* Draws the strip at (0, 0): axis, breaks, date labels, marks. @selected (nullable) is a
 * set of DlEvent drawn emphasised; @focus is the mark with the keyboard focus or -1;
 * [@range_x0, @range_x1] is a time range shown tinted (equal for none). */
void             dl_timeline_strip_draw       (DlTimelineStrip      *strip,
                                               cairo_t              *cr,
                                               PangoContext         *pango,
                                               const DlStripStyle   *style,
                                               GHashTable           *selected,
                                               int                   focus,
                                               double                range_x0,
                                               double                range_x1);

/* For figures: the height of the band under the map, and the band itself (the events
 * @filter shows, on a light background) at y = @y. */
double           dl_timeline_strip_figure_height (double              width,
                                                  double              height);
void             dl_timeline_strip_draw_figure_band (DlStory          *story,
                                                     DlFilter         *filter,
                                                     cairo_t          *cr,
                                                     double            y,
                                                     double            width,
                                                     double            height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTimelineStrip, dl_timeline_strip_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTimelineItems, dl_timeline_items_unref)

G_END_DECLS
