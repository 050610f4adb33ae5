/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "dl-basemap.h"
#include "dl-filter.h"
#include "dl-label-placement.h"
#include "dl-story.h"

G_BEGIN_DECLS

typedef enum
{
  DL_FIGURE_FORMAT_PNG,
  DL_FIGURE_FORMAT_SVG,
  DL_FIGURE_FORMAT_PDF,
} DlFigureFormat;

/* The largest figure: Cairo's image surfaces stop at 32767 pixels a side, and 16384² is
 * 1 GiB of pixels. */
#define DL_FIGURE_MAX_SIDE 32767
#define DL_FIGURE_MAX_PIXELS (16384.0 * 16384.0)

/* What a figure shows and how. Sizes are in figure units: pixels of a PNG at scale 1,
 * pixels of an SVG, points of a PDF. */
typedef struct
{
  int             width;
  int             height;
  double          scale;       /* PNG only: image pixels per figure unit */

  gboolean        fit;         /* fit the view to the shown places … */
  double          center_lat;  /* … or show this centre … */
  double          center_lon;
  double          zoom;        /* … at this Web Mercator zoom */

  gboolean        basemap;     /* FALSE: transparent background */
  DlBasemapStyle  basemap_style;
  gboolean        osm;         /* credit OpenStreetMap (the view came from OSM tiles) */

  char           *title;       /* NULL: the story's title */
  char           *subtitle;    /* NULL: publisher, date and what the filter shows */
  gboolean        show_title;
  gboolean        legend;
  gboolean        callouts;
  gboolean        scale_bar;
  gboolean        labels;
  gboolean        timeline;    /* the timeline strip under the map */

  DlFilter       *filter;      /* (nullable): only the events it matches are shown */
} DlFigureOptions;

DlFigureOptions *dl_figure_options_new   (void);
DlFigureOptions *dl_figure_options_copy  (const DlFigureOptions *options);
void             dl_figure_options_free  (DlFigureOptions       *options);
void             dl_figure_options_set_filter (DlFigureOptions *options,
                                               DlFilter        *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlFigureOptions, dl_figure_options_free)

/* Where things went: the view (figure point (fx, fy) is world pixel (origin_x + fx,
 * origin_y + fy) at zoom) and the boxes of the decorations (width 0 when not drawn). */
typedef struct
{
  double zoom;
  double origin_x;
  double origin_y;
  DlRect title;
  DlRect legend;
  DlRect caption;
  DlRect scale_bar;
  DlRect attribution;
  DlRect inset;      /* the close-up of where the places crowd */
  guint  n_places;   /* places drawn */
  guint  n_events;   /* events shown */
  guint  n_labels;   /* place labels drawn */
} DlFigureLayout;

/* A story place's name as the figure draws it (for tests): its marker, where it is
 * drawn (moved aside in a ring when crowded), and the box of its label. */
typedef struct
{
  const char *name;
  double      marker_x;
  double      marker_y;
  double      marker_radius;
  DlRect      rect;
  double      leader;    /* from the marker's edge to the nearest point of the box */
  gboolean    in_inset;
} DlFigureLabel;

typedef void (*DlFigureProgressFunc) (double   fraction,
                                      gpointer user_data);

gboolean         dl_figure_format_from_path (const char            *path,
                                             DlFigureFormat        *format);
const char      *dl_figure_format_get_extension (DlFigureFormat     format);

gboolean         dl_figure_check_size    (int                    width,
                                          int                    height,
                                          double                 scale,
                                          GError               **error);

void             dl_figure_draw          (DlStory               *story,
                                          const DlFigureOptions *options,
                                          cairo_t               *cr,
                                          DlFigureLayout        *layout);

cairo_surface_t *dl_figure_render_image  (DlStory               *story,
                                          const DlFigureOptions *options,
                                          double                 scale,
                                          GError               **error);

gboolean         dl_figure_save          (DlStory               *story,
                                          const DlFigureOptions *options,
                                          GFile                 *file,
                                          DlFigureFormat         format,
                                          GCancellable          *cancellable,
                                          DlFigureProgressFunc   progress,
                                          gpointer               progress_data,
                                          GError               **error);

GArray          *dl_figure_list_labels  (DlStory               *story,
                                         const DlFigureOptions *options);

/* Scale bar maths, public for tests: metres per figure unit at @lat and @zoom, the
 * longest round distance (1, 2 or 5 × 10ⁿ m) not over @max_metres, and its text. */
double           dl_figure_metres_per_pixel (double              lat,
                                             double              zoom);
double           dl_figure_nice_distance    (double              max_metres);
char            *dl_figure_format_distance  (double              metres);

G_END_DECLS
