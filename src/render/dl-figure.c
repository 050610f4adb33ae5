/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-figure"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <unistd.h>

#include "dl-basemap-wrap.h"
#include "dl-figure.h"
#include "dl-geojson-lenient.h"
#include "dl-time-range.h"
#include "dl-timeline-strip.h"
#include "dl-focus.h"
#include "dl-marker-cull.h"
#include "dl-mercator.h"
#include "dl-place-properties.h"
#include "dl-line-obstacles.h"
#include "dl-stamps.h"
#include "dl-symbol.h"

#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, Sans"
#define EARTH_CIRCUMFERENCE 40075016.686

/* A piece of text as drawn, for the text layer of an SVG. */
typedef struct
{
  char  *text;
  double x;
  double y;      /* baseline */
  double size;
  gboolean bold;
  gboolean rtl;  /* a right-to-left line: x is its right end */
  double width;
} TextItem;

/* A place as the figure shows it. */
typedef struct
{
  DlPlace *place;
  guint    n_shown;     /* shown events at this place */
  GArray  *numbers;     /* callout numbers (guint) of those events */
  double   red, green, blue;
  double   x, y;        /* the marker, in figure units */
  double   true_x, true_y; /* where the place is, when its marker is moved aside */
  double   radius;
  gboolean has_marker;
  gboolean in_inset;    /* named in the inset, not on the main map */
  char    *symbol;      /* a plain map's marker-symbol, or NULL */
  double   size_scale;  /* its marker-size */
  double   line_width;  /* a plain line's stroke-width, or < 0 */
  double   line_opacity; /* its stroke-opacity, or < 0 */
  double   wrap_size;   /* the type size wrap_width was measured at, 0 when not yet */
  double   wrap_width;  /* where its name wraps at that size */
} ShownPlace;

typedef struct
{
  DlStory               *story;
  const DlFigureOptions *options;
  cairo_t               *cr;
  PangoContext          *pango;
  double                 width;
  double                 height;
  double                 u;          /* the size unit: grows with the figure */
  DlFigureLayout         layout;
  GPtrArray             *events;     /* shown DlEvent, time order */
  GPtrArray             *places;     /* ShownPlace */
  GPtrArray             *actors;     /* DlActor in shown events, file order */
  GArray                *texts;      /* TextItem, or NULL when not recorded */
  guint                  n_caption;  /* events listed in the caption */
  const DlRect          *label_bounds; /* NULL: the whole figure */
  double                 caption_size; /* the caption's type size */
  gboolean               rtl;        /* the caption and legend read right to left */
  GArray                *place_labels; /* DlFigureLabel, or NULL when not recorded */
  double                 inset_pad;  /* room beside the inset's outermost places, for names */
} Figure;

static void
shown_place_free (gpointer data)
{
  ShownPlace *sp = data;

  g_clear_pointer (&sp->numbers, g_array_unref);
  g_free (sp->symbol);
  g_free (sp);
}

static void
text_item_clear (gpointer data)
{
  TextItem *item = data;

  g_free (item->text);
}

/* Options */

/**
 * dl_figure_options_new:
 *
 * Options for a 1920×1080 figure fitted to the shown places, with base map, title,
 * legend, callouts, scale bar and labels.
 */
DlFigureOptions *
dl_figure_options_new (void)
{
  DlFigureOptions *options = g_new0 (DlFigureOptions, 1);

  options->width = 1920;
  options->height = 1080;
  options->scale = 1.0;
  options->fit = TRUE;
  options->zoom = 4;
  options->basemap = TRUE;
  options->basemap_style = DL_BASEMAP_LIGHT;
  options->show_title = TRUE;
  options->legend = TRUE;
  options->callouts = TRUE;
  options->scale_bar = TRUE;
  options->labels = TRUE;
  return options;
}

DlFigureOptions *
dl_figure_options_copy (const DlFigureOptions *options)
{
  DlFigureOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->title = g_strdup (options->title);
  copy->subtitle = g_strdup (options->subtitle);
  if (copy->filter != NULL)
    g_object_ref (copy->filter);
  return copy;
}

void
dl_figure_options_free (DlFigureOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->title);
  g_free (options->subtitle);
  g_clear_object (&options->filter);
  g_free (options);
}

void
dl_figure_options_set_filter (DlFigureOptions *options,
                              DlFilter        *filter)
{
  g_return_if_fail (options != NULL);
  g_set_object (&options->filter, filter);
}

/* Formats and sizes */

/**
 * dl_figure_format_from_path:
 *
 * The format a file name asks for by its extension (.png, .svg, .pdf; any case).
 * Returns: %FALSE for any other name.
 */
gboolean
dl_figure_format_from_path (const char     *path,
                            DlFigureFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = DL_FIGURE_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = DL_FIGURE_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = DL_FIGURE_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

const char *
dl_figure_format_get_extension (DlFigureFormat format)
{
  switch (format)
    {
    case DL_FIGURE_FORMAT_SVG:
      return "svg";
    case DL_FIGURE_FORMAT_PDF:
      return "pdf";
    case DL_FIGURE_FORMAT_PNG:
    default:
      return "png";
    }
}

/**
 * dl_figure_check_size:
 *
 * Whether a figure of @width × @height at @scale can be drawn: every side at least 16
 * and at most %DL_FIGURE_MAX_SIDE image pixels, at most %DL_FIGURE_MAX_PIXELS in all.
 */
gboolean
dl_figure_check_size (int      width,
                      int      height,
                      double   scale,
                      GError **error)
{
  double pw = width * scale;
  double ph = height * scale;

  if (!(scale > 0 && scale <= 64 && isfinite (scale)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The scale must be a number above 0 and at most 64"));
      return FALSE;
    }
  if (width < 16 || height < 16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The figure must be at least 16×16"));
      return FALSE;
    }
  if (pw > DL_FIGURE_MAX_SIDE || ph > DL_FIGURE_MAX_SIDE || pw * ph > DL_FIGURE_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A figure of %.0f×%.0f pixels is too large (at most %d a side and "
                     "%.0f megapixels)"),
                   pw, ph, DL_FIGURE_MAX_SIDE, DL_FIGURE_MAX_PIXELS / 1e6);
      return FALSE;
    }
  return TRUE;
}

/* Scale bar maths */

/**
 * dl_figure_metres_per_pixel:
 *
 * Ground metres covered by one pixel of a Web Mercator map at latitude @lat and @zoom.
 */
double
dl_figure_metres_per_pixel (double lat,
                            double zoom)
{
  lat = CLAMP (lat, -DL_MERCATOR_MAX_LAT, DL_MERCATOR_MAX_LAT);
  return EARTH_CIRCUMFERENCE * cos (lat * G_PI / 180.0) / dl_mercator_world_size (zoom);
}

/**
 * dl_figure_nice_distance:
 *
 * The longest of 1, 2 and 5 × 10ⁿ metres that is not longer than @max_metres (0 when
 * @max_metres is not positive).
 */
double
dl_figure_nice_distance (double max_metres)
{
  double power, nice = 0;
  static const double steps[] = { 5, 2, 1 };

  if (!(max_metres > 0) || !isfinite (max_metres))
    return 0;

  power = pow (10, floor (log10 (max_metres)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * power <= max_metres * (1 + 1e-9))
      {
        nice = steps[i] * power;
        break;
      }
  return nice;
}

/**
 * dl_figure_format_distance:
 *
 * "500 km", "2 km", "200 m".
 */
char *
dl_figure_format_distance (double metres)
{
  if (metres >= 1000)
    return g_strdup_printf (_("%.0f km"), metres / 1000);
  return g_strdup_printf (_("%.0f m"), metres);
}

/* Text */

static PangoLayout *
new_layout (Figure     *fig,
            const char *text,
            double      size,
            gboolean    bold,
            double      max_width)
{
  PangoLayout *layout = pango_layout_new (fig->pango);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  /* Story text is text: never markup. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void
record_text (Figure      *fig,
             PangoLayout *layout,
             double       x,
             double       y,
             double       size,
             gboolean     bold)
{
  PangoLayoutIter *iter;
  const char *text;

  if (fig->texts == NULL)
    return;

  text = pango_layout_get_text (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      TextItem item;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      item.text = g_strndup (text + line->start_index, line->length);
      g_strstrip (item.text);
      item.rtl = line->resolved_dir == PANGO_DIRECTION_RTL;
      item.width = (double) logical.width / PANGO_SCALE;
      item.x = x + (double) (item.rtl ? logical.x + logical.width : logical.x) / PANGO_SCALE;
      item.y = y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      item.size = size;
      item.bold = bold;
      if (item.text[0] != '\0')
        g_array_append_val (fig->texts, item);
      else
        g_free (item.text);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Draws @layout with its top-left corner at (@x, @y), in dark grey, with a white halo so
 * it reads on any base map. */
static void
show_text (Figure      *fig,
           PangoLayout *layout,
           double       x,
           double       y,
           double       size,
           gboolean     bold,
           gboolean     halo,
           double       gray)
{
  cairo_t *cr = fig->cr;

  cairo_save (cr);
  cairo_move_to (cr, x, y);
  if (halo)
    {
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, MAX (2.0, size * 0.22));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, x, y);
    }
  cairo_set_source_rgb (cr, gray, gray, gray);
  pango_cairo_show_layout (cr, layout);
  /* The path outlives cairo_restore(): leave no current point for the next arc. */
  cairo_new_path (cr);
  cairo_restore (cr);

  record_text (fig, layout, x, y, size, bold);
}

static void
rounded_rect (cairo_t      *cr,
              const DlRect *r,
              double        radius)
{
  double x = r->x, y = r->y, w = r->width, h = r->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_panel (Figure       *fig,
            const DlRect *r)
{
  cairo_t *cr = fig->cr;

  cairo_save (cr);
  rounded_rect (cr, r, 6 * fig->u);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, MAX (1.0, fig->u));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* What is shown */

static void
parse_color (const char *text,
             double     *red,
             double     *green,
             double     *blue)
{
  guint value = 0x555555;

  if (text != NULL && text[0] == '#' && strlen (text) == 7)
    value = (guint) g_ascii_strtoull (text + 1, NULL, 16);
  *red = ((value >> 16) & 0xff) / 255.0;
  *green = ((value >> 8) & 0xff) / 255.0;
  *blue = (value & 0xff) / 255.0;
}

/* A plain map's simplestyle colour (marker-color for a point, stroke for a line or an
 * area) until an event's actor gives the place its colour. */
static void
figure_style_color (ShownPlace *sp)
{
  DlPlaceStyle style;

  sp->size_scale = 1;
  sp->line_width = sp->line_opacity = -1;
  if (!dl_place_get_style (sp->place, &style))
    return;
  /* with its marker-symbol, marker-size and a line's stroke-width and stroke-opacity */
  sp->symbol = g_steal_pointer (&style.marker_symbol);
  sp->size_scale = dl_marker_size_scale (style.marker_size);
  if (dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_ROUTE)
    {
      sp->line_width = style.stroke_width;
      sp->line_opacity = style.stroke_opacity;
    }
  if (dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_POINT && style.has_marker_color)
    {
      sp->red = style.marker_color[0];
      sp->green = style.marker_color[1];
      sp->blue = style.marker_color[2];
    }
  else if (dl_place_get_shape (sp->place) != DL_PLACE_SHAPE_POINT && style.has_stroke)
    {
      sp->red = style.stroke[0];
      sp->green = style.stroke[1];
      sp->blue = style.stroke[2];
    }
  dl_place_style_clear (&style);
}

static void
collect_shown (Figure *fig)
{
  GListModel *events = dl_story_get_events (fig->story);
  GListModel *places = dl_story_get_places (fig->story);
  GListModel *actors = dl_story_get_actors (fig->story);
  DlFilter *filter = fig->options->filter;
  gboolean filtering = filter != NULL && dl_filter_is_active (filter);
  guint n_events = g_list_model_get_n_items (events);
  guint n_places = g_list_model_get_n_items (places);
  g_autoptr(GHashTable) by_place = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) actor_shown = g_hash_table_new (NULL, NULL);

  fig->events = g_ptr_array_new_with_free_func (g_object_unref);
  fig->places = g_ptr_array_new_with_free_func (shown_place_free);
  fig->actors = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (filter == NULL || dl_filter_match (filter, event))
        g_ptr_array_add (fig->events, g_steal_pointer (&event));
    }

  for (guint i = 0; i < n_places; i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      ShownPlace *sp = g_new0 (ShownPlace, 1);

      sp->place = place;
      sp->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      parse_color (NULL, &sp->red, &sp->green, &sp->blue);
      figure_style_color (sp);
      g_hash_table_insert (by_place, place, sp);
      g_ptr_array_add (fig->places, sp);
    }

  for (guint e = 0; e < fig->events->len; e++)
    {
      DlEvent *event = g_ptr_array_index (fig->events, e);
      DlActor *main_actor = dl_event_get_main_actor (event);
      guint number = e + 1;

      for (guint a = 0; a < dl_event_get_n_actors (event); a++)
        g_hash_table_add (actor_shown, dl_event_get_actor (event, a, NULL));

      for (guint p = 0; p < dl_event_get_n_places (event); p++)
        {
          ShownPlace *sp = g_hash_table_lookup (by_place, dl_event_get_place (event, p, NULL));

          if (sp == NULL)
            continue;
          /* The first shown event at a place gives the marker its colour. */
          if (sp->n_shown == 0 && main_actor != NULL)
            dl_actor_get_rgb (main_actor, &sp->red, &sp->green, &sp->blue);
          sp->n_shown++;
          g_array_append_val (sp->numbers, number);
        }
    }

  /* A place is drawn when one of its events is shown, or, with no filter, when no event
   * names it (a plain GeoJSON map). */
  for (guint i = fig->places->len; i > 0; i--)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i - 1);
      gboolean shown = (sp->n_shown > 0
                        || (!filtering && dl_place_get_n_events (sp->place) == 0))
                       && dl_place_has_location (sp->place);

      if (!shown)
        g_ptr_array_remove_index (fig->places, i - 1);
    }
  /* ShownPlace holds the place unowned: the story keeps it alive. */

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);

      if (g_hash_table_contains (actor_shown, actor))
        g_ptr_array_add (fig->actors, g_steal_pointer (&actor));
    }

  fig->layout.n_places = fig->places->len;
  fig->layout.n_events = fig->events->len;
}

/* Whether the story credits GeoNames for its coordinates: a "sources" member (at the top
 * or in "dateline") naming it. */
static gboolean
story_credits_geonames (DlStory *story)
{
  return dl_story_sources_mention (story, "geonames");
}

/* Text direction */

static gboolean
language_is_rtl (const char *language)
{
  static const char * const rtl[] = { "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps",
                                      "sd", "syr", "ug", "ur", "yi" };
  g_autofree char *code = NULL;

  if (language == NULL || language[0] == '\0')
    return FALSE;
  code = g_ascii_strdown (language, strcspn (language, "-_.@"));
  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    if (g_str_equal (code, rtl[i]))
      return TRUE;
  return FALSE;
}

/* The caption reads right to left when the interface does (its dates and words are
 * translated: the translators of a right-to-left language say so below) or when the
 * story is written in a right-to-left language, for every row alike, whatever script
 * each row's title starts with. */
static gboolean
figure_is_rtl (DlStory *story)
{
  /* Translators: "default:RTL" for a language written right to left, else "default:LTR"
   * (the direction of the exported figure's caption and legend). */
  const char *direction = C_("figure text direction", "default:LTR");

  return g_str_equal (direction, "default:RTL")
         || language_is_rtl (dl_story_get_language (story));
}

#define RLM "\u200f"

/* A caption row, "date  title", each part isolated (U+2068 … U+2069) so that a Latin title
 * in a right-to-left row keeps its quotes and numbers with it, and the row led by a
 * right-to-left mark in a right-to-left figure. *date_end: where the date's bytes end. */
static char *
caption_row_text (Figure  *fig,
                  DlEvent *event,
                  gsize   *date_end)
{
  g_autofree char *when = dl_event_format_start (event);
  const char *title = dl_event_get_title (event);
  const char *lead = fig->rtl ? RLM : "";

  *date_end = strlen (lead) + strlen ("\u2068") + strlen (when);
  return g_strdup_printf ("%s\u2068%s\u2069  \u2068%s\u2069", lead, when,
                          title != NULL ? title : "");
}

/* A caption row as measured and as drawn: the date in bold (an attribute on its bytes,
 * not markup), wrapped at @width. */
static PangoLayout *
caption_row_layout (Figure  *fig,
                    DlEvent *event,
                    double   size,
                    double   width)
{
  gsize date_end;
  g_autofree char *line = caption_row_text (fig, event, &date_end);
  PangoLayout *layout = new_layout (fig, line, size, FALSE, width);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = date_end;
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Layout of the decorations */

/* Parts of a line ("Natural Earth · Places: GeoNames") joined in the figure's direction,
 * not their first letter's: right to left, each part isolated (U+2068 … U+2069) keeps its
 * own order ("© OpenStreetMap contributors") and the line, led by a right-to-left mark,
 * reads from the right. @parts (owning its strings) is rewritten in place. */
static char *
join_in_direction (Figure    *fig,
                   GPtrArray *parts)
{
  if (fig->rtl)
    for (guint i = 0; i < parts->len; i++)
      {
        char *part = g_ptr_array_index (parts, i);

        parts->pdata[i] = g_strconcat (i == 0 ? RLM "\u2068" : "\u2068", part, "\u2069",
                                       NULL);
        g_free (part);
      }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static double
number_column_width (Figure *fig,
                     double  size)
{
  g_autofree char *widest = g_strdup_printf ("%u", MAX (fig->events->len, 1u));
  g_autoptr(PangoLayout) layout = new_layout (fig, widest, size, TRUE, -1);
  double w, h;

  layout_size (layout, &w, &h);
  return MAX (w, h) + 6 * fig->u;
}

static char *
default_subtitle (Figure *fig)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *publisher = dl_story_get_publisher (fig->story);
  const char *published = dl_story_get_published (fig->story);
  guint n_total = g_list_model_get_n_items (dl_story_get_events (fig->story));
  const DlTime *from = NULL, *to = NULL;
  DlTime time;

  if (publisher != NULL && publisher[0] != '\0')
    g_ptr_array_add (parts, g_strdup (publisher));
  if (published != NULL && dl_time_parse (published, &time, NULL))
    g_ptr_array_add (parts, dl_time_format (&time));
  if (fig->options->filter != NULL && dl_filter_is_active (fig->options->filter))
    g_ptr_array_add (parts, g_strdup_printf (_("%u of %u events shown"),
                                             fig->events->len, n_total));
  if (fig->options->filter != NULL
      && dl_filter_get_time_range (fig->options->filter, &from, &to))
    g_ptr_array_add (parts, dl_time_range_format (from, to));
  return join_in_direction (fig, parts);
}

static const char *
figure_title (Figure *fig)
{
  if (fig->options->title != NULL)
    return fig->options->title;
  return dl_story_get_title (fig->story);
}

/* The title in the figure's direction: a right-to-left figure's title sits at the right,
 * isolated so that a Latin title keeps its own order. */
static char *
figure_title_text (Figure *fig)
{
  const char *title = figure_title (fig);

  if (title == NULL || title[0] == '\0' || !fig->rtl)
    return g_strdup (title);
  return g_strconcat (RLM "\u2068", title, "\u2069", NULL);
}

static void
layout_title (Figure *fig)
{
  double pad = 12 * fig->u;
  double margin = 16 * fig->u;
  double max_w = fig->width * 0.62 - 2 * pad;
  g_autofree char *title = figure_title_text (fig);
  g_autofree char *subtitle = NULL;
  double tw = 0, th = 0, sw = 0, sh = 0;

  if (!fig->options->show_title)
    return;

  subtitle = fig->options->subtitle != NULL ? g_strdup (fig->options->subtitle)
                                            : default_subtitle (fig);
  if (title != NULL && title[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = new_layout (fig, title, 26 * fig->u, TRUE, max_w);
      layout_size (layout, &tw, &th);
    }
  if (subtitle[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = new_layout (fig, subtitle, 14 * fig->u, FALSE, max_w);
      layout_size (layout, &sw, &sh);
    }
  if (tw == 0 && sw == 0)
    return;

  fig->layout.title = (DlRect) { margin, margin, MAX (tw, sw) + 2 * pad,
                                 th + sh + 2 * pad + (th > 0 && sh > 0 ? 4 * fig->u : 0) };
}

static void
draw_title (Figure *fig)
{
  const DlRect *r = &fig->layout.title;
  double pad = 12 * fig->u;
  double max_w = fig->width * 0.62 - 2 * pad;
  g_autofree char *title = figure_title_text (fig);
  g_autofree char *subtitle = NULL;
  double y = r->y + pad;

  if (r->width == 0)
    return;

  subtitle = fig->options->subtitle != NULL ? g_strdup (fig->options->subtitle)
                                            : default_subtitle (fig);
  draw_panel (fig, r);
  if (title != NULL && title[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = new_layout (fig, title, 26 * fig->u, TRUE, max_w);
      double w, h;

      /* Aligned inside the panel, so a right-to-left title sits at its right edge. */
      pango_layout_set_width (layout, (int) ((r->width - 2 * pad) * PANGO_SCALE) + 1);
      layout_size (layout, &w, &h);
      show_text (fig, layout, r->x + pad, y, 26 * fig->u, TRUE, FALSE, 0.1);
      y += h + 4 * fig->u;
    }
  if (subtitle[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = new_layout (fig, subtitle, 14 * fig->u, FALSE, max_w);

      pango_layout_set_width (layout, (int) ((r->width - 2 * pad) * PANGO_SCALE) + 1);
      show_text (fig, layout, r->x + pad, y, 14 * fig->u, FALSE, FALSE, 0.3);
    }
}

/* The caption: one line per shown event, "N  date  title", in a panel on the right of a
 * wide figure or at the bottom of a tall one. */
static void
layout_caption (Figure *fig)
{
  double margin = 16 * fig->u;
  double pad = 12 * fig->u;
  gboolean wide = fig->width >= fig->height;
  double top = fig->layout.title.width > 0 && !wide
               ? fig->layout.title.y + fig->layout.title.height + margin : margin;
  double base_w = wide ? CLAMP (fig->width * 0.3, MIN (280 * fig->u, fig->width * 0.45),
                                480 * fig->u)
                       : fig->width - 2 * margin;
  double panel_w = base_w;
  double text_w;
  /* The caption leaves the bottom-right corner to the scale bar and the credits. */
  double corner = fig->layout.scale_bar.width > 0 ? fig->layout.scale_bar.y
                                                  : fig->layout.attribution.y;
  double bottom = corner - margin / 2;
  double max_h = wide ? bottom - top : MIN (fig->height * 0.38, bottom - top);
  double h = 2 * pad;
  double more_h;
  double size = 13 * fig->u;
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));

  if (!fig->options->callouts || fig->events->len == 0)
    return;

  /* Smaller type, then a wider panel, before leaving events out: a caption that ends in
   * "and 3 more events" drops what the reader came for. Down to 10 units, still legible
   * at the figure's size; then a wide figure's panel up to 30 % wider (the longer dates
   * of a translation). */
  for (guint k = 0; k < 7 + 2; k++)
    {
      double step = MAX (13 - 0.5 * k, 10);

      /* A small figure keeps its map: the inset needs the room more. */
      if (k >= 7 && (!wide || fig->u < 1))
        break;
      /* the map keeps two thirds of the width */
      panel_w = k < 7 ? base_w : MAX (base_w, MIN (base_w * (1 + 0.15 * (k - 6)),
                                                   fig->width / 3));
      size = step * fig->u;
      text_w = panel_w - 2 * pad - number_column_width (fig, size);
      h = 2 * pad;
      g_array_set_size (heights, 0);
      for (guint i = 0; i < fig->events->len; i++)
        {
          DlEvent *event = g_ptr_array_index (fig->events, i);
          g_autoptr(PangoLayout) layout = caption_row_layout (fig, event, size, text_w);
          double lw, lh;

          layout_size (layout, &lw, &lh);
          if (h + lh + 0.45 * size > max_h)
            break;
          h += lh + 0.45 * size;
          g_array_append_val (heights, lh);
        }
      if (heights->len == fig->events->len)
        break;
    }
  fig->caption_size = size;
  more_h = size * 1.4 + 0.45 * size;

  /* When some do not fit, the last line says how many are left out. */
  if (heights->len < fig->events->len)
    {
      while (heights->len > 0 && h + more_h > max_h)
        {
          h -= g_array_index (heights, double, heights->len - 1) + 0.45 * size;
          g_array_set_size (heights, heights->len - 1);
        }
      h += more_h;
    }
  fig->n_caption = heights->len;
  if (fig->n_caption == 0)
    return;

  if (wide)
    fig->layout.caption = (DlRect) { fig->width - margin - panel_w, top, panel_w, h };
  else
    fig->layout.caption = (DlRect) { margin, bottom - h, panel_w, h };
}

static void
draw_number_disc (Figure *fig,
                  guint   number,
                  double  cx,
                  double  cy,
                  double  size)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  g_autoptr(PangoLayout) layout = new_layout (fig, text, size, TRUE, -1);
  double w, h, r;

  layout_size (layout, &w, &h);
  r = MAX (w, h * 0.8) / 2 + 2 * fig->u;
  cairo_save (fig->cr);
  cairo_new_path (fig->cr);
  cairo_arc (fig->cr, cx, cy, r, 0, 2 * G_PI);
  cairo_set_source_rgb (fig->cr, 0.15, 0.15, 0.15);
  cairo_fill (fig->cr);
  cairo_restore (fig->cr);
  cairo_save (fig->cr);
  cairo_move_to (fig->cr, cx - w / 2, cy - h / 2);
  cairo_set_source_rgb (fig->cr, 1, 1, 1);
  pango_cairo_show_layout (fig->cr, layout);
  cairo_new_path (fig->cr);
  cairo_restore (fig->cr);
  record_text (fig, layout, cx - w / 2, cy - h / 2, size, TRUE);
}

/* A row of the caption or the legend in the figure's direction, not its first letter's,
 * flush with the row's start (the right end of @width when right to left). */
static void
set_row_direction (Figure      *fig,
                   PangoLayout *layout,
                   double       width)
{
  const char *text = pango_layout_get_text (layout);

  if (!fig->rtl)
    return;
  /* A leading mark makes the paragraph right to left; Pango then aligns it right. */
  if (!g_str_has_prefix (text, RLM))
    {
      g_autofree char *marked = g_strconcat (RLM, text, NULL);

      pango_layout_set_text (layout, marked, -1);
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
}

static void
draw_caption (Figure *fig)
{
  const DlRect *r = &fig->layout.caption;
  double pad = 12 * fig->u;
  double size = fig->caption_size;
  double number_w = number_column_width (fig, size);
  double text_w = r->width - 2 * pad - number_w;
  double y = r->y + pad;

  if (r->width == 0)
    return;

  draw_panel (fig, r);
  for (guint i = 0; i < fig->n_caption; i++)
    {
      DlEvent *event = g_ptr_array_index (fig->events, i);
      g_autoptr(PangoLayout) layout = caption_row_layout (fig, event, size, text_w);
      double lw, lh, first_line_h;
      PangoRectangle first;

      set_row_direction (fig, layout, text_w);

      layout_size (layout, &lw, &lh);
      pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, 0), NULL, &first);
      first_line_h = (double) first.height / PANGO_SCALE;
      /* The number starts the row: at its right end when the caption reads right to
       * left. */
      draw_number_disc (fig, i + 1,
                        fig->rtl ? r->x + r->width - pad - number_w / 2 + 3 * fig->u
                                 : r->x + pad + number_w / 2 - 3 * fig->u,
                        y + first_line_h / 2, size * 11 / 13);
      show_text (fig, layout, fig->rtl ? r->x + pad : r->x + pad + number_w, y, size, FALSE,
                 FALSE, 0.12);
      y += lh + 0.45 * size;
    }

  if (fig->n_caption < fig->events->len)
    {
      guint left = fig->events->len - fig->n_caption;
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more event",
                                                            "and %u more events", left),
                                               left);
      g_autoptr(PangoLayout) layout = new_layout (fig, more, size, FALSE, text_w);

      set_row_direction (fig, layout, text_w);
      show_text (fig, layout, fig->rtl ? r->x + pad : r->x + pad + number_w, y, size, FALSE,
                 FALSE, 0.4);
    }
}

static void
layout_legend (Figure *fig)
{
  double margin = 16 * fig->u;
  double pad = 10 * fig->u;
  double swatch = 14 * fig->u;
  double w = 0, h = 0;
  double bottom = fig->height - margin;

  if (!fig->options->legend || fig->actors->len == 0)
    return;

  for (guint i = 0; i < fig->actors->len; i++)
    {
      g_autoptr(PangoLayout) layout = new_layout (fig,
                                                  dl_actor_get_name (g_ptr_array_index (fig->actors, i)),
                                                  13 * fig->u, FALSE, -1);
      double lw, lh;

      layout_size (layout, &lw, &lh);
      w = MAX (w, lw);
      h += MAX (lh, swatch) + 4 * fig->u;
    }
  w += swatch + 8 * fig->u + 2 * pad;
  h += 2 * pad - 4 * fig->u;

  /* A bottom caption takes the bottom: the legend sits above it. */
  if (fig->layout.caption.width > 0 && fig->width < fig->height)
    bottom = fig->layout.caption.y - margin;
  fig->layout.legend = (DlRect) { margin, bottom - h, w, h };
}

static void
draw_legend (Figure *fig)
{
  const DlRect *r = &fig->layout.legend;
  double pad = 10 * fig->u;
  double swatch = 14 * fig->u;
  double y = r->y + pad;

  if (r->width == 0)
    return;

  draw_panel (fig, r);
  for (guint i = 0; i < fig->actors->len; i++)
    {
      DlActor *actor = g_ptr_array_index (fig->actors, i);
      g_autoptr(PangoLayout) layout = new_layout (fig, dl_actor_get_name (actor),
                                                  13 * fig->u, FALSE, -1);
      double lw, lh, row, red, green, blue;

      layout_size (layout, &lw, &lh);
      row = MAX (lh, swatch);
      set_row_direction (fig, layout, r->width - 2 * pad - swatch - 8 * fig->u);
      dl_actor_get_rgb (actor, &red, &green, &blue);
      cairo_save (fig->cr);
      cairo_new_path (fig->cr);
      cairo_arc (fig->cr, fig->rtl ? r->x + r->width - pad - swatch / 2 : r->x + pad + swatch / 2,
                 y + row / 2, swatch / 2, 0, 2 * G_PI);
      cairo_set_source_rgb (fig->cr, red, green, blue);
      cairo_fill_preserve (fig->cr);
      cairo_set_source_rgb (fig->cr, 1, 1, 1);
      cairo_set_line_width (fig->cr, 1.5 * fig->u);
      cairo_stroke (fig->cr);
      cairo_restore (fig->cr);
      show_text (fig, layout, fig->rtl ? r->x + pad : r->x + pad + swatch + 8 * fig->u,
                 y + (row - lh) / 2, 13 * fig->u, FALSE, FALSE, 0.12);
      y += row + 4 * fig->u;
    }
}

static char *
attribution_text (Figure *fig)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (fig->options->basemap)
    {
      DlBasemap *basemap = dl_basemap_get_default ();
      const char *credit = basemap != NULL ? dl_basemap_get_attribution (basemap) : NULL;

      g_ptr_array_add (parts, g_strdup (credit != NULL ? credit : "© Natural Earth"));
      if (fig->options->osm)
        g_ptr_array_add (parts, g_strdup ("© OpenStreetMap contributors"));
    }
  if (story_credits_geonames (fig->story))
    g_ptr_array_add (parts, g_strdup (_("Places: GeoNames (CC BY 4.0)")));
  return join_in_direction (fig, parts);
}

static void
layout_bottom_right (Figure *fig,
                     char   *attribution)
{
  double margin = 16 * fig->u;
  g_autoptr(PangoLayout) layout = new_layout (fig, attribution, 10 * fig->u, FALSE,
                                              fig->width * 0.6);
  double aw, ah, bottom;

  layout_size (layout, &aw, &ah);
  bottom = fig->height - margin / 2;
  fig->layout.attribution = (DlRect) { fig->width - margin - aw, bottom - ah, aw, ah };

  if (fig->options->scale_bar)
    {
      double bar_h = 28 * fig->u;
      double bar_w = MIN (fig->width * 0.22, 260 * fig->u) + 16 * fig->u;

      fig->layout.scale_bar = (DlRect) { fig->width - margin - bar_w,
                                         fig->layout.attribution.y - 6 * fig->u - bar_h,
                                         bar_w, bar_h };
    }
}

static void
draw_scale_bar (Figure *fig)
{
  const DlRect *r = &fig->layout.scale_bar;
  cairo_t *cr = fig->cr;
  double center_y, lat, lon, metres_per_px, metres, length;
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double tw, th, x0, y0;

  if (r->width == 0)
    return;

  /* Mercator stretches with latitude: the bar is true at the figure's centre. */
  center_y = fig->layout.origin_y + fig->height / 2;
  dl_mercator_unproject (fig->layout.origin_x + fig->width / 2, center_y,
                         fig->layout.zoom, &lon, &lat);
  metres_per_px = dl_figure_metres_per_pixel (lat, fig->layout.zoom);
  metres = dl_figure_nice_distance ((r->width - 16 * fig->u) * metres_per_px);
  if (metres <= 0)
    return;
  length = metres / metres_per_px;
  text = dl_figure_format_distance (metres);
  layout = new_layout (fig, text, 11 * fig->u, FALSE, -1);
  layout_size (layout, &tw, &th);

  x0 = r->x + r->width - 8 * fig->u - length;
  y0 = r->y + r->height - 8 * fig->u;
  cairo_save (cr);
  /* A white casing under the black bar keeps it legible on land and sea. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_move_to (cr, x0, y0 - 6 * fig->u);
      cairo_line_to (cr, x0, y0);
      cairo_line_to (cr, x0 + length, y0);
      cairo_line_to (cr, x0 + length, y0 - 6 * fig->u);
      if (pass == 0)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 5 * fig->u);
        }
      else
        {
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_set_line_width (cr, 2 * fig->u);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  show_text (fig, layout, x0 + length / 2 - tw / 2, y0 - 6 * fig->u - th, 11 * fig->u,
             FALSE, TRUE, 0.1);
}

static void
draw_attribution (Figure     *fig,
                  const char *text)
{
  const DlRect *r = &fig->layout.attribution;
  g_autoptr(PangoLayout) layout = new_layout (fig, text, 10 * fig->u, FALSE, fig->width * 0.6);

  /* Flush right inside its own width; Pango swaps the alignment of a right-to-left
   * paragraph. */
  pango_layout_set_alignment (layout, fig->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  pango_layout_set_width (layout, (int) (r->width * PANGO_SCALE) + 1);
  show_text (fig, layout, r->x, r->y, 10 * fig->u, FALSE, TRUE, 0.25);
}

/* The view */

static void
add_bounds (double *min_x,
            double *min_y,
            double *max_x,
            double *max_y,
            double  lon,
            double  lat)
{
  double x, y;

  dl_mercator_project (lon, lat, 0, &x, &y);
  *min_x = MIN (*min_x, x);
  *min_y = MIN (*min_y, y);
  *max_x = MAX (*max_x, x);
  *max_y = MAX (*max_y, y);
}

static void
compute_view (Figure *fig)
{
  const DlFigureOptions *options = fig->options;
  double cx, cy;

  if (options->fit && fig->places->len > 0)
    {
      double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      double margin = 16 * fig->u;
      double left = margin, top = margin, right = fig->width - margin;
      double bottom = fig->height - margin;
      double free_w, free_h, zoom, pad;

      g_autoptr(GPtrArray) places = g_ptr_array_new ();
      double west = 0, east = 0;

      for (guint i = 0; i < fig->places->len; i++)
        {
          ShownPlace *sp = g_ptr_array_index (fig->places, i);
          DlLonLat sw, ne, anchor = dl_place_get_anchor (sp->place);

          dl_place_get_bounds (sp->place, &sw, &ne);
          add_bounds (&min_x, &min_y, &max_x, &max_y, sw.lon, sw.lat);
          add_bounds (&min_x, &min_y, &max_x, &max_y, ne.lon, ne.lat);
          add_bounds (&min_x, &min_y, &max_x, &max_y, anchor.lon, anchor.lat);
          g_ptr_array_add (places, sp->place);
        }
      /* across 180° when that is narrower (Fiji): x then runs past the world's edge */
      if (dl_places_lon_range (places, &west, &east))
        {
          min_x = (west + 180.0) / 360.0 * dl_mercator_world_size (0);
          max_x = (east + 180.0) / 360.0 * dl_mercator_world_size (0);
        }

      /* Fit into what the title, caption and legend leave free. */
      if (fig->layout.title.width > 0)
        top = fig->layout.title.y + fig->layout.title.height;
      if (fig->layout.caption.width > 0)
        {
          if (fig->width >= fig->height)
            right = fig->layout.caption.x;
          else
            bottom = fig->layout.caption.y;
        }
      if (fig->layout.legend.width > 0)
        bottom = MIN (bottom, fig->layout.legend.y);
      if (fig->layout.scale_bar.width > 0)
        bottom = MIN (bottom, fig->layout.scale_bar.y);

      /* Room for markers and their labels around the outermost places. */
      pad = 40 * fig->u;
      left += pad;
      right -= pad;
      top += pad;
      bottom -= pad;
      if (right - left < fig->width * 0.25)
        {
          left = fig->width * 0.1;
          right = fig->width * 0.9;
        }
      if (bottom - top < fig->height * 0.25)
        {
          top = fig->height * 0.1;
          bottom = fig->height * 0.9;
        }
      free_w = right - left;
      free_h = bottom - top;

      if (max_x - min_x < 1e-9 && max_y - min_y < 1e-9)
        zoom = 9;
      else
        zoom = log2 (MIN (free_w / MAX (max_x - min_x, 1e-9),
                          free_h / MAX (max_y - min_y, 1e-9)));
      zoom = CLAMP (zoom, 0, 12);

      fig->layout.zoom = zoom;
      cx = (min_x + max_x) / 2 * exp2 (zoom);
      cy = (min_y + max_y) / 2 * exp2 (zoom);
      fig->layout.origin_x = cx - (left + right) / 2;
      fig->layout.origin_y = cy - (top + bottom) / 2;
    }
  else
    {
      double zoom = options->fit ? 2 : CLAMP (options->zoom, 0, 22);

      fig->layout.zoom = zoom;
      if (options->fit)
        dl_mercator_project (0, 20, zoom, &cx, &cy);
      else
        dl_mercator_project (options->center_lon, options->center_lat, zoom, &cx, &cy);
      fig->layout.origin_x = cx - fig->width / 2;
      fig->layout.origin_y = cy - fig->height / 2;
    }
}

/* The figure position of (@lon, @lat) in the copy of the world nearest the view's centre
 * for a shape whose reference longitude is @ref_lon: a part of a shape moves as a whole,
 * so that one crossing 180° stays in one piece. */
static void
to_figure_near (Figure *fig,
                double  lon,
                double  lat,
                double  ref_lon,
                double *x,
                double *y)
{
  double world = dl_mercator_world_size (fig->layout.zoom);
  double center_x = fig->layout.origin_x + fig->width / 2.0;
  double ref_x = (ref_lon + 180.0) / 360.0 * world;

  dl_mercator_project (lon, lat, fig->layout.zoom, x, y);
  *x += world * round ((center_x - ref_x) / world);
  *x -= fig->layout.origin_x;
  *y -= fig->layout.origin_y;
}

static void
to_figure (Figure *fig,
           double  lon,
           double  lat,
           double *x,
           double *y)
{
  to_figure_near (fig, lon, lat, lon, x, y);
}

/* The middle of a part's longitudes: what decides which copy of the world it is drawn in
 * (a ring round the world is drawn where the view is). */
static double
part_middle_lon (const DlLonLat *part,
                 guint           n)
{
  double west = G_MAXDOUBLE, east = -G_MAXDOUBLE;

  for (guint k = 0; k < n; k++)
    {
      west = MIN (west, part[k].lon);
      east = MAX (east, part[k].lon);
    }
  return n > 0 ? (west + east) / 2 : 0;
}

/* Areas and routes */

static void
draw_areas (Figure *fig)
{
  cairo_t *cr = fig->cr;

  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);

      if (dl_place_get_shape (sp->place) != DL_PLACE_SHAPE_AREA)
        continue;

      cairo_save (cr);
      cairo_new_path (cr);
      for (guint part = 0; part < dl_place_get_n_parts (sp->place); part++)
        {
          guint n;
          const DlLonLat *ring = dl_place_get_part (sp->place, part, &n);
          double middle = part_middle_lon (ring, n);

          for (guint k = 0; k < n; k++)
            {
              double x, y;

              to_figure_near (fig, ring[k].lon, ring[k].lat, middle, &x, &y);
              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      {
        DlPlaceStyle style;
        gboolean styled = sp->n_shown == 0 && dl_place_get_style (sp->place, &style);

        /* a plain map's fill, fill-opacity and stroke-width */
        if (styled && style.has_fill)
          cairo_set_source_rgba (cr, style.fill[0], style.fill[1], style.fill[2],
                                 style.fill_opacity >= 0 ? style.fill_opacity : 0.25);
        else
          cairo_set_source_rgba (cr, sp->red, sp->green, sp->blue,
                                 styled && style.fill_opacity >= 0 ? style.fill_opacity : 0.25);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, sp->red, sp->green, sp->blue,
                               styled && style.stroke_opacity >= 0 ? style.stroke_opacity
                                                                   : 0.85);
        cairo_set_line_width (cr, (styled && style.stroke_width >= 0 ? style.stroke_width : 1.5)
                                  * fig->u);
        if (styled)
          dl_place_style_clear (&style);
      }
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

typedef struct
{
  double x0, y0, cx, cy, x1, y1;
} Quad;

static void
quad_point (const Quad *q,
            double      t,
            double     *x,
            double     *y)
{
  double a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;

  *x = a * q->x0 + b * q->cx + c * q->x1;
  *y = a * q->y0 + b * q->cy + c * q->y1;
}

/* The parameter at which the curve is @distance from its end (@from_end) or start. */
static double
quad_trim (const Quad *q,
           double      distance,
           gboolean    from_end)
{
  double lo = 0, hi = 1;
  double ex = from_end ? q->x1 : q->x0, ey = from_end ? q->y1 : q->y0;

  if (distance <= 0)
    return from_end ? 1 : 0;
  for (int i = 0; i < 40; i++)
    {
      double mid = (lo + hi) / 2, x, y, d;

      quad_point (q, mid, &x, &y);
      d = hypot (x - ex, y - ey);
      if ((d > distance) == from_end)
        lo = mid;
      else
        hi = mid;
    }
  return (lo + hi) / 2;
}

/* The marker radius at figure point (x, y), when a point marker is drawn there. */
static double
marker_radius_at (Figure *fig,
                  double  x,
                  double  y)
{
  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);

      if (sp->has_marker && dl_place_get_shape (sp->place) != DL_PLACE_SHAPE_ROUTE
          && hypot (sp->x - x, sp->y - y) < 2)
        return sp->radius;
    }
  return 0;
}

static void
arrowhead (Figure *fig,
           double  tip_x,
           double  tip_y,
           double  dir_x,
           double  dir_y,
           double  size)
{
  double len = hypot (dir_x, dir_y);
  double ux, uy;

  if (len < 1e-9)
    return;
  ux = dir_x / len;
  uy = dir_y / len;
  cairo_move_to (fig->cr, tip_x, tip_y);
  cairo_line_to (fig->cr, tip_x - ux * size - uy * size * 0.55,
                 tip_y - uy * size + ux * size * 0.55);
  cairo_line_to (fig->cr, tip_x - ux * size * 0.7, tip_y - uy * size * 0.7);
  cairo_line_to (fig->cr, tip_x - ux * size + uy * size * 0.55,
                 tip_y - uy * size - ux * size * 0.55);
  cairo_close_path (fig->cr);
}

/* A route is a curved arrow: each two-point line bends to its left like a flight path;
 * longer lines follow their points. The arrowhead stops at the destination's marker. */
static void
draw_route (Figure     *fig,
            ShownPlace *sp)
{
  cairo_t *cr = fig->cr;
  double head = 14 * fig->u;
  double mid_x = 0, mid_y = 0;
  gboolean have_mid = FALSE;
  /* a plain map's line is drawn as it is: straight, without an arrowhead */
  gboolean route = dl_place_is_route (sp->place);

  for (guint part = 0; part < dl_place_get_n_parts (sp->place); part++)
    {
      guint n;
      const DlLonLat *line = dl_place_get_part (sp->place, part, &n);
      g_autofree double *xs = NULL;
      g_autofree double *ys = NULL;
      double tip_x, tip_y, dir_x, dir_y, middle;

      if (n < 2)
        continue;
      xs = g_new (double, n);
      ys = g_new (double, n);
      middle = part_middle_lon (line, n);
      for (guint k = 0; k < n; k++)
        to_figure_near (fig, line[k].lon, line[k].lat, middle, &xs[k], &ys[k]);

      cairo_save (cr);
      cairo_new_path (cr);
      if (!route)
        {
          cairo_move_to (cr, xs[0], ys[0]);
          for (guint k = 1; k < n; k++)
            cairo_line_to (cr, xs[k], ys[k]);
          tip_x = tip_y = dir_x = dir_y = 0;
        }
      else if (n == 2)
        {
          Quad q = { xs[0], ys[0], 0, 0, xs[1], ys[1] };
          double dx = xs[1] - xs[0], dy = ys[1] - ys[0];
          double t0, t1, sx, sy, ex, ey;
          double r0 = marker_radius_at (fig, xs[0], ys[0]);
          double r1 = marker_radius_at (fig, xs[1], ys[1]);

          q.cx = (xs[0] + xs[1]) / 2 + dy * 0.2;
          q.cy = (ys[0] + ys[1]) / 2 - dx * 0.2;
          t0 = quad_trim (&q, r0 > 0 ? r0 + 3 * fig->u : 0, FALSE);
          t1 = quad_trim (&q, r1 > 0 ? r1 + 3 * fig->u : 0, TRUE);
          quad_point (&q, t0, &sx, &sy);
          quad_point (&q, t1, &tip_x, &tip_y);
          /* The arrowhead points along the tangent at t1. */
          dir_x = 2 * (1 - t1) * (q.cx - q.x0) + 2 * t1 * (q.x1 - q.cx);
          dir_y = 2 * (1 - t1) * (q.cy - q.y0) + 2 * t1 * (q.y1 - q.cy);
          {
            /* The sub-curve [t0, te] as a cubic for Cairo; it ends inside the arrowhead. */
            double te = quad_trim (&q, hypot (q.x1 - tip_x, q.y1 - tip_y) + head * 0.7, TRUE);
            double cx, cy, c1x, c1y, c2x, c2y;

            quad_point (&q, te, &ex, &ey);

            cx = (1 - t0) * ((1 - te) * q.x0 + te * q.cx) + t0 * ((1 - te) * q.cx + te * q.x1);
            cy = (1 - t0) * ((1 - te) * q.y0 + te * q.cy) + t0 * ((1 - te) * q.cy + te * q.y1);
            c1x = sx + 2.0 / 3.0 * (cx - sx);
            c1y = sy + 2.0 / 3.0 * (cy - sy);
            c2x = ex + 2.0 / 3.0 * (cx - ex);
            c2y = ey + 2.0 / 3.0 * (cy - ey);
            cairo_move_to (cr, sx, sy);
            cairo_curve_to (cr, c1x, c1y, c2x, c2y, ex, ey);
          }
          if (!have_mid)
            {
              quad_point (&q, 0.5, &mid_x, &mid_y);
              have_mid = TRUE;
            }
        }
      else
        {
          double r1 = marker_radius_at (fig, xs[n - 1], ys[n - 1]);
          double len;

          dir_x = xs[n - 1] - xs[n - 2];
          dir_y = ys[n - 1] - ys[n - 2];
          len = MAX (hypot (dir_x, dir_y), 1e-9);
          tip_x = xs[n - 1] - dir_x / len * (r1 > 0 ? r1 + 3 * fig->u : 0);
          tip_y = ys[n - 1] - dir_y / len * (r1 > 0 ? r1 + 3 * fig->u : 0);
          cairo_move_to (cr, xs[0], ys[0]);
          for (guint k = 1; k + 1 < n; k++)
            cairo_line_to (cr, xs[k], ys[k]);
          cairo_line_to (cr, tip_x - dir_x / len * head * 0.7, tip_y - dir_y / len * head * 0.7);
          if (!have_mid)
            {
              mid_x = xs[n / 2];
              mid_y = ys[n / 2];
              have_mid = TRUE;
            }
        }

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (!route && sp->line_width >= 0)
        {
          /* a plain line as wide and as opaque as its stroke-width and stroke-opacity */
          if (sp->line_width > 0)
            {
              cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
              cairo_set_line_width (cr, (sp->line_width + 3.5) * fig->u);
              cairo_stroke_preserve (cr);
            }
          cairo_set_source_rgba (cr, sp->red, sp->green, sp->blue,
                                 sp->line_opacity >= 0 ? sp->line_opacity : 1);
          cairo_set_line_width (cr, sp->line_width * fig->u);
          cairo_stroke (cr);
          cairo_restore (cr);
          continue;
        }
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 7 * fig->u);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, sp->red, sp->green, sp->blue,
                             !route && sp->line_opacity >= 0 ? sp->line_opacity : 1);
      cairo_set_line_width (cr, 3.5 * fig->u);
      cairo_stroke (cr);

      if (!route)
        {
          cairo_restore (cr);
          continue;
        }
      arrowhead (fig, tip_x, tip_y, dir_x, dir_y, head);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 2 * fig->u);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, sp->red, sp->green, sp->blue);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  /* The route's marker and name sit on its curve. */
  if (have_mid)
    {
      sp->x = mid_x;
      sp->y = mid_y;
    }
}

static void
place_markers (Figure *fig)
{
  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);
      DlLonLat anchor = dl_place_get_anchor (sp->place);

      /* The marker's centre is exactly the place's coordinate. */
      to_figure (fig, anchor.lon, anchor.lat, &sp->x, &sp->y);
      sp->radius = (sp->n_shown > 9 ? 14 : 12) * sp->size_scale * fig->u;
      sp->has_marker = TRUE;
    }
}

/* How a marker looks, for drawing it again from a stamp (dl-stamps.h): every byte set. */
typedef struct
{
  double radius;
  double u;
  double red, green, blue;
} MarkerLook;

static MarkerLook
marker_look (Figure     *fig,
             ShownPlace *sp)
{
  MarkerLook look;

  memset (&look, 0, sizeof look);
  look.radius = sp->radius;
  look.u = fig->u;
  look.red = sp->red;
  look.green = sp->green;
  look.blue = sp->blue;
  return look;
}

/* How far a marker paints from its centre: its shadow, one unit lower, reaches furthest. */
static double
marker_reach (const MarkerLook *look)
{
  return look->radius + 3 * look->u;
}

static void
draw_marker_look (cairo_t       *cr,
                  double         x,
                  double         y,
                  gconstpointer  data)
{
  const MarkerLook *look = data;

  /* A soft shadow, then the disc in the actor colour with a white outline. */
  cairo_new_path (cr);
  cairo_arc (cr, x, y + 1.5 * look->u, look->radius + 1.5 * look->u, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);
  /* The white outline as a disc under the coloured one: a fill costs less than a
   * stroke, which counts with 100,000 markers. */
  cairo_arc (cr, x, y, look->radius + 1.25 * look->u, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, look->radius - 1.25 * look->u, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, look->red, look->green, look->blue);
  cairo_fill (cr);
}

static void
draw_marker (Figure     *fig,
             ShownPlace *sp)
{
  cairo_t *cr = fig->cr;
  MarkerLook look = marker_look (fig, sp);

  /* a plain map's line has no marker at its middle */
  if (dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_ROUTE && !dl_place_is_route (sp->place))
    return;

  cairo_save (cr);
  draw_marker_look (cr, sp->x, sp->y, &look);
  cairo_restore (cr);
  /* No number in the disc: the numbers on the map are the caption's, beside the name. A
   * plain map's marker-symbol is drawn in it. */
  if (sp->symbol != NULL)
    dl_symbol_draw (cr, sp->symbol, sp->x, sp->y, 2 * (sp->radius - 1.25 * fig->u),
                    (const double[3]) { sp->red, sp->green, sp->blue });
}

/* A dense layer skips the markers that other markers hide entirely: the same picture. */
#define DENSE_MARKERS 2000

static void
draw_markers (Figure *fig)
{
  guint n = fig->places->len;
  g_autofree DlMarkerExtent *extents = NULL;
  g_autofree gboolean *hidden = NULL;
  g_autoptr(DlStamps) stamps = NULL;

  if (n > DENSE_MARKERS)
    {
      extents = g_new (DlMarkerExtent, n);
      hidden = g_new (gboolean, n);
      for (guint i = 0; i < n; i++)
        {
          ShownPlace *sp = g_ptr_array_index (fig->places, i);
          /* The shadow reaches furthest; one unit more for antialiasing. */
          double reach = sp->radius + 1.5 * fig->u + 1;

          extents[i] = (DlMarkerExtent) { sp->x - reach, sp->y - reach, sp->x + reach,
                                          sp->y + 1.5 * fig->u + reach,
                                          sp->x, sp->y, sp->radius + 1.25 * fig->u - 1 };
        }
      dl_marker_cull (extents, n, fig->width, fig->height, hidden);
    }

  /* Thousands of markers in a PNG are copied from a few drawn once. */
  if (n > DENSE_MARKERS)
    stamps = dl_stamps_new (fig->cr);
  for (guint i = 0; i < n; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);
      MarkerLook look;

      if (hidden != NULL && hidden[i])
        continue;
      look = marker_look (fig, sp);
      if (stamps == NULL || sp->symbol != NULL
          || (dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_ROUTE
              && !dl_place_is_route (sp->place))
          || !dl_stamps_paint (stamps, sp->x, sp->y, marker_reach (&look), &look,
                               sizeof look, draw_marker_look))
        draw_marker (fig, sp);
    }
}

/* Labels */

/* The caption's numbers of the place's events, every one the caption lists: "12, 13, 16";
 * NULL when it lists none. */
static char *
callout_numbers (Figure     *fig,
                 ShownPlace *sp)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < sp->numbers->len; i++)
    {
      guint number = g_array_index (sp->numbers, guint, i);

      if (number <= fig->n_caption)
        g_string_append_printf (s, "%s%u", s->len > 0 ? ", " : "", number);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  PangoLayout *layout;
  ShownPlace  *place;  /* NULL: a base-map name */
  double       size;
  gboolean     bold;
  gboolean     is_city;
  double       dot_x;
  double       dot_y;
} LabelText;

static void
label_text_clear (gpointer data)
{
  LabelText *lt = data;

  g_clear_object (&lt->layout);
}

/* A label pushed away from its marker gets a thin line back to it. */
static void
draw_leader (Figure        *fig,
             const DlLabel *label)
{
  const DlRect *r = &label->rect;
  double nx = CLAMP (label->anchor_x, r->x, r->x + r->width);
  double ny = CLAMP (label->anchor_y, r->y, r->y + r->height);
  double dx = nx - label->anchor_x, dy = ny - label->anchor_y;
  double d = hypot (dx, dy);

  if (d <= label->anchor_radius + 6 * fig->u)
    return;

  cairo_save (fig->cr);
  cairo_move_to (fig->cr, label->anchor_x + dx / d * label->anchor_radius,
                 label->anchor_y + dy / d * label->anchor_radius);
  cairo_line_to (fig->cr, nx - dx / d * 2 * fig->u, ny - dy / d * 2 * fig->u);
  cairo_set_line_cap (fig->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (fig->cr, 1, 1, 1, 0.8);
  cairo_set_line_width (fig->cr, 3 * fig->u);
  cairo_stroke_preserve (fig->cr);
  cairo_set_source_rgba (fig->cr, 0.2, 0.2, 0.2, 0.9);
  cairo_set_line_width (fig->cr, 1.2 * fig->u);
  cairo_stroke (fig->cr);
  cairo_restore (fig->cr);
}

/* A base-map city gives way to a place of the story of the same name (the story's
 * Tripoli is in Lebanon), and its dot is not drawn under a marker. */
static gboolean
gives_way (Figure               *fig,
           const DlBasemapLabel *bl)
{
  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);

      if (bl->is_city && dl_label_names_same_place (bl->text, dl_place_get_name (sp->place)))
        return TRUE;
      if (bl->is_city && hypot (bl->x - fig->layout.origin_x - sp->x,
                                bl->y - fig->layout.origin_y - sp->y) < sp->radius + 4 * fig->u)
        return TRUE;
    }
  return FALSE;
}

static void
sample_place_labels (Figure       *fig,
                     const DlRect *bounds,
                     gboolean     *sampled)
{
  double line = 14 * fig->u;
  double budget = bounds->width * bounds->height / (line * line);
  g_autofree double *priorities = g_new (double, MAX (fig->places->len, 1));

  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);

      priorities[i] = sp->n_shown;
    }
  dl_label_sample (priorities, fig->places->len,
                   (guint) CLAMP (budget, 1, G_MAXUINT32 / 2), sampled);
}

/* A plain line's name goes beside it, and no other name crosses it. */
static gboolean
is_plain_line (ShownPlace *sp)
{
  return dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_ROUTE && !dl_place_is_route (sp->place);
}

static void
add_line_obstacles (Figure *fig,
                    GArray *obstacles)
{
  DlRect bounds = { 0, 0, fig->width, fig->height };
  guint budget = 50000;

  for (guint i = 0; i < fig->places->len && budget > 0; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);
      double radius = ((sp->line_width >= 0 ? sp->line_width : 3.5) / 2 + 2) * fig->u;

      if (!is_plain_line (sp))
        continue;
      for (guint part = 0; part < dl_place_get_n_parts (sp->place); part++)
        {
          guint n;
          const DlLonLat *line = dl_place_get_part (sp->place, part, &n);
          double middle = part_middle_lon (line, n);
          g_autofree double *xs = g_new (double, MAX (n, 1));
          g_autofree double *ys = g_new (double, MAX (n, 1));

          for (guint k = 0; k < n; k++)
            to_figure_near (fig, line[k].lon, line[k].lat, middle, &xs[k], &ys[k]);
          budget -= dl_line_obstacles_append (obstacles, xs, ys, n, radius, &bounds, budget);
        }
    }
}

/* How far a placed label is from its marker: from the marker's edge to the nearest point
 * of the label's box (0 when it touches). */
static double
leader_length (const DlLabel *label)
{
  const DlRect *r = &label->rect;
  double nx = CLAMP (label->anchor_x, r->x, r->x + r->width);
  double ny = CLAMP (label->anchor_y, r->y, r->y + r->height);

  return MAX (0, hypot (nx - label->anchor_x, ny - label->anchor_y) - label->anchor_radius);
}

/* Names are placed one at a time, each taking the free spot nearest its marker: the order
 * decides who gets the near spots. Of three orders (more events first; the most crowded
 * marker first; the least crowded first), the one whose longest leader line is shortest
 * sets the priorities of the @n story places' labels at the start of @labels. */
static void
order_place_labels (Figure                *fig,
                    DlLabel               *labels,
                    guint                  n,
                    const DlLabelObstacle *obstacles,
                    guint                  n_obstacles,
                    GArray                *blocked,
                    const DlRect          *bounds)
{
  g_autofree double *crowd = g_new0 (double, MAX (n, 1));
  g_autofree double *first = g_new (double, MAX (n, 1));
  double best = G_MAXDOUBLE;
  guint best_order = 0;

  if (n < 2 || n > 200)
    return;
  for (guint i = 0; i < n; i++)
    {
      first[i] = labels[i].priority;
      for (guint j = 0; j < n_obstacles; j++)
        if (hypot (obstacles[j].x - labels[i].anchor_x,
                   obstacles[j].y - labels[i].anchor_y) < 3 * labels[i].height)
          crowd[i]++;
    }
  for (guint order = 0; order < 3; order++)
    {
      double longest = 0;

      for (guint i = 0; i < n; i++)
        labels[i].priority = order == 0 ? first[i]
                             : 1000 + (order == 1 ? crowd[i] : -crowd[i]) + first[i] / 1e4;
      dl_label_place (labels, n, obstacles, n_obstacles, (DlRect *) blocked->data,
                      blocked->len, bounds, 3 * fig->u);
      for (guint i = 0; i < n; i++)
        longest = MAX (longest, labels[i].placed ? leader_length (&labels[i]) : 1e6);
      if (longest < best)
        {
          best = longest;
          best_order = order;
        }
    }
  for (guint i = 0; i < n; i++)
    labels[i].priority = best_order == 0 ? first[i]
                         : 1000 + (best_order == 1 ? crowd[i] : -crowd[i]) + first[i] / 1e4;
}

/* A long name wraps at a word onto a second line, after its comma when it has one
 * ("Presidential palace, / Damascus"): a narrow name finds room beside a crowd of
 * markers where a long line does not. The width to wrap at, or the name's own width. */
static double
name_wrap_width (Figure     *fig,
                 const char *name,
                 double      size)
{
  g_autoptr(PangoLayout) whole = new_layout (fig, name, size, TRUE, -1);
  const char *comma = strstr (name, ", ");
  g_auto(GStrv) words = NULL;
  double w, h, widest = 0;

  layout_size (whole, &w, &h);
  if (w <= 9 * size)
    return w;
  if (comma != NULL)
    {
      g_autofree char *first = g_strndup (name, comma + 1 - name);
      g_autoptr(PangoLayout) head = new_layout (fig, first, size, TRUE, -1);
      g_autoptr(PangoLayout) tail = new_layout (fig, comma + 2, size, TRUE, -1);
      double hw, tw;

      layout_size (head, &hw, &h);
      layout_size (tail, &tw, &h);
      return MAX (hw, tw);
    }
  /* Two lines at the space that makes the longer one shortest. */
  words = g_strsplit (name, " ", -1);
  widest = w;
  for (guint i = 1; words[i] != NULL; i++)
    {
      g_autofree char *head_text = NULL;
      g_autoptr(PangoLayout) head = NULL;
      g_autoptr(PangoLayout) tail = NULL;
      char *saved = words[i];
      double hw, tw;

      /* the words before the i-th, joined as they were */
      words[i] = NULL;
      head_text = g_strjoinv (" ", words);
      words[i] = saved;
      head = new_layout (fig, head_text, size, TRUE, -1);
      tail = new_layout (fig, name + strlen (head_text) + 1, size, TRUE, -1);
      layout_size (head, &hw, &h);
      layout_size (tail, &tw, &h);
      widest = MIN (widest, MAX (hw, tw));
    }
  return widest;
}

/* Where the names go: the story's places' and, with @basemap_names, the base map's;
 * @labels (DlLabel) and @texts (LabelText) in step. */
static void
plan_labels (Figure   *fig,
             gboolean  basemap_names,
             GArray   *labels,
             GArray   *texts)
{
  g_autofree gboolean *sampled = g_new (gboolean, MAX (fig->places->len, 1));
  g_autoptr(GArray) obstacles = g_array_new (FALSE, TRUE, sizeof (DlLabelObstacle));
  g_autoptr(GArray) blocked = g_array_new (FALSE, TRUE, sizeof (DlRect));
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DlRect bounds = { 4 * fig->u, 4 * fig->u, fig->width - 8 * fig->u, fig->height - 8 * fig->u };
  /* The inset's crowd gets a size smaller names. */
  double name_size = (fig->label_bounds != NULL ? 12 : 14) * fig->u;
  const DlRect *decorations[] = { &fig->layout.title, &fig->layout.legend,
                                  &fig->layout.caption, &fig->layout.scale_bar,
                                  &fig->layout.attribution, &fig->layout.inset };
  guint n_place_labels;

  for (guint i = 0; i < G_N_ELEMENTS (decorations); i++)
    if (decorations[i]->width > 0)
      g_array_append_val (blocked, *decorations[i]);

  /* A dense layer: only as many names as could fit in the figure, most events first,
   * are measured and tried (one line of text at least a line high, as wide as high). */
  sample_place_labels (fig, &bounds, sampled);

  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);
      /* a plain line has no marker: its name goes right beside the line */
      double reach = is_plain_line (sp)
                     ? ((sp->line_width >= 0 ? sp->line_width : 3.5) / 2 + 2) * fig->u
                     : sp->radius + 1.5 * fig->u;
      DlLabelObstacle obstacle = { sp->x, sp->y, reach };
      const char *name = dl_place_get_name (sp->place);
      g_autofree char *text = NULL;
      g_autofree char *numbers = NULL;
      DlLabel label = { 0 };
      LabelText lt = { 0 };
      double w, h;

      g_array_append_val (obstacles, obstacle);
      if (!fig->options->labels || name == NULL || name[0] == '\0' || sp->in_inset
          || !sampled[i])
        continue;

      g_hash_table_add (names, g_utf8_casefold (name, -1));
      if (fig->options->callouts)
        numbers = callout_numbers (fig, sp);
      if (numbers != NULL)
        text = g_strdup_printf ("%s\n%s", name, numbers);
      else
        text = g_strdup (name);

      lt.layout = new_layout (fig, text, name_size, TRUE, -1);
      lt.place = sp;
      lt.size = name_size;
      lt.bold = TRUE;
      {
        g_autoptr(PangoLayout) name_only = new_layout (fig, name, name_size, TRUE, -1);
        double name_w, name_h, wrap_w;

        /* Measured once a size: the inset is laid out many times over. */
        if (sp->wrap_size != name_size)
          {
            sp->wrap_width = name_wrap_width (fig, name, name_size);
            sp->wrap_size = name_size;
          }
        wrap_w = sp->wrap_width;

        /* Many numbers wrap under the name instead of making a long line. */
        layout_size (name_only, &name_w, &name_h);
        if (numbers != NULL && wrap_w >= name_w)
          wrap_w = MAX (name_w, 130 * fig->u);
        if (numbers != NULL || wrap_w < name_w)
          {
            pango_layout_set_width (lt.layout, (int) ceil (wrap_w * PANGO_SCALE) + 1);
            pango_layout_set_wrap (lt.layout, PANGO_WRAP_WORD);
          }
      }
      if (numbers != NULL)
        {
          PangoAttrList *attrs = pango_attr_list_new ();
          PangoAttribute *small = pango_attr_size_new_absolute ((int) (name_size * 11 / 14
                                                                            * PANGO_SCALE));
          PangoAttribute *color = pango_attr_foreground_new (0x5555, 0x5555, 0x5555);

          small->start_index = color->start_index = strlen (name) + 1;
          small->end_index = color->end_index = strlen (text);
          pango_attr_list_insert (attrs, small);
          pango_attr_list_insert (attrs, color);
          pango_layout_set_attributes (lt.layout, attrs);
          pango_attr_list_unref (attrs);
        }
      layout_size (lt.layout, &w, &h);
      label.anchor_x = sp->x;
      label.anchor_y = sp->y;
      label.anchor_radius = reach;
      label.width = w;
      label.height = h;
      label.priority = 1000 + sp->n_shown;
      /* A story place is named even when that takes a leader line (a story's tens of
       * places; not each of 200,000 points). */
      label.extra_rings = fig->places->len <= 200 ? 6 : 0;
      g_array_append_val (labels, label);
      g_array_append_val (texts, lt);
    }

  add_line_obstacles (fig, obstacles);
  n_place_labels = labels->len;

  /* The base map's country and city names, below every place name in priority. */
  if (basemap_names && fig->options->basemap && fig->options->labels
      && dl_basemap_get_default () != NULL)
    {
      g_autoptr(GArray) base = dl_basemap_list_labels_wrapped (dl_basemap_get_default (),
                                                               fig->layout.zoom,
                                                               fig->layout.origin_x,
                                                               fig->layout.origin_y,
                                                               fig->width, fig->height);

      for (guint i = 0; base != NULL && i < base->len; i++)
        {
          const DlBasemapLabel *bl = &g_array_index (base, DlBasemapLabel, i);
          g_autofree char *folded = g_utf8_casefold (bl->text, -1);
          DlLabel label = { 0 };
          LabelText lt = { 0 };
          double w, h;

          if (g_hash_table_contains (names, folded) || gives_way (fig, bl))
            continue;
          lt.size = (bl->is_city ? 11 : 12) * fig->u;
          lt.is_city = bl->is_city;
          lt.layout = new_layout (fig, bl->text, lt.size, FALSE, -1);
          if (!bl->is_city)
            {
              PangoAttrList *attrs = pango_attr_list_new ();

              pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (1.0 * fig->u * PANGO_SCALE)));
              pango_layout_set_attributes (lt.layout, attrs);
              pango_attr_list_unref (attrs);
            }
          layout_size (lt.layout, &w, &h);
          lt.dot_x = bl->x - fig->layout.origin_x;
          lt.dot_y = bl->y - fig->layout.origin_y;
          label.anchor_x = lt.dot_x;
          label.anchor_y = lt.dot_y;
          label.anchor_radius = bl->is_city ? 3 * fig->u : 0;
          label.centered = !bl->is_city;
          label.width = w;
          label.height = h;
          label.priority = CLAMP (bl->importance, 0, 999);
          g_array_append_val (labels, label);
          g_array_append_val (texts, lt);
        }
    }

  if (fig->label_bounds != NULL)
    bounds = *fig->label_bounds;
  order_place_labels (fig, (DlLabel *) labels->data, n_place_labels,
                      (DlLabelObstacle *) obstacles->data, obstacles->len, blocked, &bounds);
  dl_label_place ((DlLabel *) labels->data, labels->len,
                  (DlLabelObstacle *) obstacles->data, obstacles->len,
                  (DlRect *) blocked->data, blocked->len, &bounds, 3 * fig->u);
}

static void
draw_labels (Figure *fig)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (DlLabel));
  g_autoptr(GArray) texts = g_array_new (FALSE, TRUE, sizeof (LabelText));

  g_array_set_clear_func (texts, label_text_clear);
  plan_labels (fig, TRUE, labels, texts);

  /* Base-map names first, so place names are drawn over any city dot; then the leader
   * lines, then the place names, which no leader line crosses out. */
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < labels->len; i++)
      {
        DlLabel *label = &g_array_index (labels, DlLabel, i);
        LabelText *lt = &g_array_index (texts, LabelText, i);
        gboolean is_place = lt->place != NULL;

        if (!label->placed || is_place != (pass > 0))
          continue;
        if (pass == 1)
          {
            draw_leader (fig, label);
            continue;
          }

        if (lt->is_city)
          {
            cairo_save (fig->cr);
            cairo_new_path (fig->cr);
            cairo_arc (fig->cr, lt->dot_x, lt->dot_y, 2.2 * fig->u, 0, 2 * G_PI);
            cairo_set_source_rgb (fig->cr, 0.35, 0.35, 0.35);
            cairo_fill_preserve (fig->cr);
            cairo_set_source_rgb (fig->cr, 1, 1, 1);
            cairo_set_line_width (fig->cr, 0.8 * fig->u);
            cairo_stroke (fig->cr);
            cairo_restore (fig->cr);
          }
        if (is_place)
          {
            /* Left of the marker, the text lines up against it. */
            if (label->position == DL_LABEL_LEFT || label->position == DL_LABEL_ABOVE_LEFT
                || label->position == DL_LABEL_BELOW_LEFT)
              {
                pango_layout_set_width (lt->layout, (int) (label->width * PANGO_SCALE) + 1);
                pango_layout_set_alignment (lt->layout, PANGO_ALIGN_RIGHT);
              }
            else if (label->position == DL_LABEL_ABOVE || label->position == DL_LABEL_BELOW)
              {
                pango_layout_set_width (lt->layout, (int) (label->width * PANGO_SCALE) + 1);
                pango_layout_set_alignment (lt->layout, PANGO_ALIGN_CENTER);
              }
            fig->layout.n_labels++;
            if (fig->place_labels != NULL)
              {
                DlFigureLabel record = { dl_place_get_name (lt->place->place),
                                         label->anchor_x, label->anchor_y,
                                         label->anchor_radius, label->rect,
                                         leader_length (label),
                                         fig->label_bounds != NULL };

                g_array_append_val (fig->place_labels, record);
              }
          }
        show_text (fig, lt->layout, label->rect.x, label->rect.y, lt->size, lt->bold, TRUE,
                   is_place ? 0.08 : (lt->is_city ? 0.3 : 0.45));
      }
}

/* The inset: where the story's places crowd at the fit of them all (a story in Damascus
 * that names Washington), a second panel shows the crowd closer in, each place with its
 * name and numbers; a box on the main map says where it is. */

/* Places whose marker covers another one's at the main view. */
/* How many markers overlap another, counting up to @limit. */
static guint
count_crowded (Figure *fig,
               guint   limit)
{
  g_autofree DlDisc *discs = g_new (DlDisc, fig->places->len);

  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);

      discs[i] = (DlDisc) { sp->x, sp->y, sp->radius };
    }
  return dl_count_overlapping (discs, fig->places->len, limit);
}

static guint
markers_in (Figure       *fig,
            const DlRect *r,
            double        margin)
{
  guint n = 0;

  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);

      if (dl_rect_hits_disc (r, sp->x, sp->y, sp->radius + margin))
        n++;
    }
  return n;
}

static void spread_crowded (Figure    *fig,
                            GPtrArray *places);

/* The inset's view of @inside in the panel @r: the zoom that fits them with room round
 * them, their markers placed (a crowd on one spot set in a ring). fig->places becomes
 * @inside and the inset's own box is cleared; the caller puts the main view back. */
static void
inset_set_view (Figure       *fig,
                const DlRect *r,
                GPtrArray    *inside)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double pad_x = MIN (fig->inset_pad, r->width / 3), pad_y = 36 * fig->u, zoom, cx, cy;

  for (guint i = 0; i < inside->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (inside, i);
      DlLonLat anchor = dl_place_get_anchor (sp->place);

      add_bounds (&min_x, &min_y, &max_x, &max_y, anchor.lon, anchor.lat);
    }
  zoom = log2 (MIN ((r->width - 2 * pad_x) / MAX (max_x - min_x, 1e-9),
                    (r->height - 2 * pad_y) / MAX (max_y - min_y, 1e-9)));
  zoom = CLAMP (zoom, fig->layout.zoom, 12);
  cx = (min_x + max_x) / 2 * exp2 (zoom);
  cy = (min_y + max_y) / 2 * exp2 (zoom);

  fig->layout.zoom = zoom;
  fig->layout.origin_x = cx - (r->x + r->width / 2);
  fig->layout.origin_y = cy - (r->y + r->height / 2);
  fig->layout.inset = (DlRect) { 0, 0, 0, 0 };
  fig->places = inside;
  place_markers (fig);
  spread_crowded (fig, inside);
}

/* Where the inset's names go inside its frame. */
static DlRect
inset_inner (Figure       *fig,
             const DlRect *r)
{
  return (DlRect) { r->x + 4 * fig->u, r->y + 4 * fig->u, r->width - 8 * fig->u,
                    r->height - 8 * fig->u };
}

/* How well the names of @inside would sit in an inset the size of @r: whether each finds
 * room, and the longest line from a marker to its name. */
static void
inset_try (Figure       *fig,
           const DlRect *r,
           GPtrArray    *inside,
           guint        *n_unplaced,
           double       *longest)
{
  DlFigureLayout main_layout = fig->layout;
  GPtrArray *all = fig->places;
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (DlLabel));
  g_autoptr(GArray) texts = g_array_new (FALSE, TRUE, sizeof (LabelText));
  DlRect inner = inset_inner (fig, r);

  g_array_set_clear_func (texts, label_text_clear);
  *n_unplaced = 0;
  *longest = 0;
  for (guint i = 0; i < inside->len; i++)
    ((ShownPlace *) g_ptr_array_index (inside, i))->in_inset = FALSE;
  inset_set_view (fig, r, inside);
  fig->label_bounds = &inner;
  plan_labels (fig, FALSE, labels, texts);
  fig->label_bounds = NULL;
  for (guint i = 0; i < labels->len; i++)
    {
      const DlLabel *label = &g_array_index (labels, DlLabel, i);
      const ShownPlace *sp = g_array_index (texts, LabelText, i).place;

      /* From where the place is to its name: a marker set aside in a ring is as far
       * from its spot as from its name. */
      if (!label->placed)
        (*n_unplaced)++;
      else
        *longest = MAX (*longest, leader_length (label)
                                  + hypot (sp->x - sp->true_x, sp->y - sp->true_y));
    }

  fig->places = all;
  fig->layout = main_layout;
  place_markers (fig);
  for (guint i = 0; i < inside->len; i++)
    ((ShownPlace *) g_ptr_array_index (inside, i))->in_inset = TRUE;
}

/* How the main map's names sit with an inset at @r: how many find no room, and the
 * longest line from a marker to its name. */
static void
inset_try_main (Figure       *fig,
                const DlRect *r,
                guint        *n_unplaced,
                double       *longest)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (DlLabel));
  g_autoptr(GArray) texts = g_array_new (FALSE, TRUE, sizeof (LabelText));

  g_array_set_clear_func (texts, label_text_clear);
  *n_unplaced = 0;
  *longest = 0;
  fig->layout.inset = *r;
  plan_labels (fig, FALSE, labels, texts);
  fig->layout.inset = (DlRect) { 0, 0, 0, 0 };
  for (guint i = 0; i < labels->len; i++)
    {
      const DlLabel *label = &g_array_index (labels, DlLabel, i);

      if (!label->placed)
        (*n_unplaced)++;
      else
        *longest = MAX (*longest, leader_length (label));
    }
}

/* Decides whether the figure needs an inset, marks the places it holds and where it
 * goes: big enough that each of its places has its name beside its marker, no bigger,
 * on the map where it hides no marker, clear of the title, the caption, the legend and
 * the scale bar. */
static void
layout_inset (Figure *fig)
{
  g_autofree DlFocusPoint *points = NULL;
  g_autofree gboolean *focus = NULL;
  g_autoptr(GPtrArray) inside = g_ptr_array_new ();
  double margin = 16 * fig->u;
  double left = margin, top = margin, right = fig->width - margin;
  double bottom = fig->height - margin;
  /* A name is close when its line is at most about two lines of type long. */
  double close = 24 * fig->u;
  double best_cost = G_MAXDOUBLE, best_area = 0;
  guint n_focus = 0;
  const double widths[] = { 0.8, 0.66, 0.54, 0.44, 0.36, 0.28 };
  /* Room at the sides for names: a marker's width, or a name's. */
  const double pads[] = { 36, 70, 100 };
  double best_pad = pads[0];
  DlRect best_r = { 0, 0, 0, 0 };
  const double heights[] = { 0.92, 0.76, 0.62, 0.5, 0.4, 0.3 };
  const DlRect *decorations[] = { &fig->layout.title, &fig->layout.legend,
                                  &fig->layout.caption, &fig->layout.scale_bar,
                                  &fig->layout.attribution };

  fig->layout.inset = (DlRect) { 0, 0, 0, 0 };
  if (!fig->options->fit || fig->places->len < 3 || count_crowded (fig, 3) < 3)
    return;

  points = g_new (DlFocusPoint, fig->places->len);
  for (guint i = 0; i < fig->places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig->places, i);
      DlLonLat anchor = dl_place_get_anchor (sp->place);

      points[i] = (DlFocusPoint) { anchor.lon, anchor.lat, sp->n_shown };
    }
  focus = dl_focus_select (points, fig->places->len);
  for (guint i = 0; i < fig->places->len; i++)
    {
      n_focus += focus[i];
      if (focus[i])
        g_ptr_array_add (inside, g_ptr_array_index (fig->places, i));
    }
  /* Everything in focus: the main view is already the close one. */
  if (n_focus < 2 || n_focus == fig->places->len)
    return;

  if (fig->layout.caption.width > 0 && fig->width >= fig->height)
    right = fig->layout.caption.x - margin;
  else if (fig->layout.caption.width > 0)
    bottom = fig->layout.caption.y - margin;
  for (guint i = 0; i < inside->len; i++)
    ((ShownPlace *) g_ptr_array_index (inside, i))->in_inset = TRUE;

  /* Each size of panel, wherever on the map it hides no marker; of those, the smallest
   * where every name, the inset's and the main map's, is close to its marker, else the
   * one where the names sit best. What the inset shows depends on its size only. */
  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
  for (guint hi = 0; hi < G_N_ELEMENTS (heights); hi++)
    {
      double w = (right - left) * widths[wi];
      double h = (bottom - top) * heights[hi];
      double size_cost = G_MAXDOUBLE, size_longest = 0, size_pad = pads[0];
      guint size_unplaced = 0;
      gboolean tried = FALSE;

      if (w < 160 * fig->u || h < 120 * fig->u || w > 2.4 * h || h > 2.4 * w)
        continue;
      for (guint slot = 0; slot < 4 + 4 * 7; slot++)
        {
          gboolean clear = TRUE;
          /* The corners first, then along the top and bottom edges, then the sides. */
          guint corner = slot < 4 ? slot : ((slot - 4) / 7) % 4;
          double step = slot < 4 ? (corner % 2) : ((slot - 4) % 7 + 1) / 8.0;
          double fx = slot < 4 || slot < 4 + 14 ? step : corner % 2;
          double fy = slot < 4 ? (corner < 2 ? 0 : 1) : slot < 4 + 14 ? (corner % 2) : step;
          DlRect r = { left + fx * (right - left - w), top + fy * (bottom - top - h), w, h };
          guint n_unplaced = 0;
          double longest = 0, cost;

          corner = fy < 0.5 ? 0 : 2;
          /* Beside the title, the legend or the scale bar, not over them. */
          for (guint d = 0; d < G_N_ELEMENTS (decorations); d++)
            if (decorations[d]->width > 0 && dl_rect_intersects (&r, decorations[d]))
              {
                if (corner < 2)
                  r.y = MAX (r.y, decorations[d]->y + decorations[d]->height + margin / 2);
                else
                  r.y = MIN (r.y, decorations[d]->y - margin / 2 - h);
              }
          for (guint d = 0; d < G_N_ELEMENTS (decorations); d++)
            if (decorations[d]->width > 0 && dl_rect_intersects (&r, decorations[d]))
              clear = FALSE;
          if (!clear || r.y < top || r.y + r.height > bottom
              || markers_in (fig, &r, 4 * fig->u) > 0)
            continue;

          /* The inset's own names, once for this size: with the room for names at its
           * sides that places them best. A dense layer does not name its places one by
           * one: the largest panel. */
          if (!tried)
            {
              tried = TRUE;
              for (guint p = 0; p < G_N_ELEMENTS (pads) && inside->len <= 200; p++)
                {
                  fig->inset_pad = pads[p] * fig->u;
                  inset_try (fig, &r, inside, &n_unplaced, &longest);
                  cost = n_unplaced * 1e6 + MAX (longest, close);
                  if (cost < size_cost)
                    {
                      size_cost = cost;
                      size_unplaced = n_unplaced;
                      size_longest = longest;
                      size_pad = fig->inset_pad;
                    }
                }
              if (inside->len > 200)
                size_cost = close;
              /* No place on the map can make this size better than the best one. */
              if (size_cost > best_cost)
                break;
            }

          /* Then the main map's names beside this panel. */
          if (inside->len <= 200)
            inset_try_main (fig, &r, &n_unplaced, &longest);
          longest = MAX (longest, size_longest);
          cost = (size_unplaced + n_unplaced) * 1e6 + MAX (longest, close);
          /* Close enough is as good as closer: then the smaller panel. */
          if (cost < best_cost
              || (cost == best_cost && (longest <= close ? w * h < best_area
                                                         : w * h > best_area)))
            {
              best_cost = cost;
              best_area = w * h;
              best_pad = size_pad;
              best_r = r;
            }
          /* Nothing better for this size: the first such place. */
          if (cost <= size_cost)
            break;
        }
    }
  fig->inset_pad = best_pad;
  fig->layout.inset = best_r;
  if (fig->layout.inset.width == 0)
    for (guint i = 0; i < inside->len; i++)
      ((ShownPlace *) g_ptr_array_index (inside, i))->in_inset = FALSE;
}

static int
compare_angle (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const double *angles = user_data;
  double da = angles[*(const guint *) a], db = angles[*(const guint *) b];

  return (da > db) - (da < db);
}

/* Markers that still cover each other in the inset (Damascus, its palace and its mosque,
 * a few kilometres apart) are set in a ring round where they are, in their directions
 * from its middle; each keeps a line to its true spot. */
static void
spread_crowded (Figure    *fig,
                GPtrArray *places)
{
  guint n = places->len;
  g_autofree guint *group = g_new (guint, MAX (n, 1));
  g_autofree guint *members = g_new (guint, MAX (n, 1));
  g_autofree double *angles = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      ShownPlace *sp = g_ptr_array_index (places, i);

      sp->true_x = sp->x;
      sp->true_y = sp->y;
      group[i] = i;
    }
  /* Groups of markers within reach of one another, as the smallest index in them. */
  for (gboolean changed = TRUE; changed;)
    {
      changed = FALSE;
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            ShownPlace *a = g_ptr_array_index (places, i);
            ShownPlace *b = g_ptr_array_index (places, j);

            if (group[i] != group[j]
                && dl_place_get_shape (a->place) != DL_PLACE_SHAPE_ROUTE
                && dl_place_get_shape (b->place) != DL_PLACE_SHAPE_ROUTE
                && hypot (a->x - b->x, a->y - b->y) < a->radius + b->radius + 3 * fig->u)
              {
                guint g = MIN (group[i], group[j]);

                group[i] = group[j] = g;
                changed = TRUE;
              }
          }
    }

  for (guint g = 0; g < n; g++)
    {
      guint k = 0;
      double cx = 0, cy = 0, r = 0, ring;

      for (guint i = 0; i < n; i++)
        if (group[i] == g)
          {
            ShownPlace *sp = g_ptr_array_index (places, i);

            members[k++] = i;
            cx += sp->x;
            cy += sp->y;
            r = MAX (r, sp->radius);
          }
      if (k < 2)
        continue;
      cx /= k;
      cy /= k;
      for (guint m = 0; m < k; m++)
        {
          ShownPlace *sp = g_ptr_array_index (places, members[m]);

          /* On one spot: the file's order, clockwise from the top. */
          angles[members[m]] = hypot (sp->x - cx, sp->y - cy) > 0.5
                               ? atan2 (sp->y - cy, sp->x - cx) : -G_PI / 2 + m * 1e-6;
        }
      g_qsort_with_data (members, k, sizeof (guint), compare_angle, angles);
      /* Neighbours on the ring a marker's width and a gap apart. */
      ring = (r + 3 * fig->u) / sin (G_PI / k);
      for (guint m = 0; m < k; m++)
        {
          ShownPlace *sp = g_ptr_array_index (places, members[m]);
          double a = angles[members[0]] + 2 * G_PI * m / k;

          sp->x = cx + ring * cos (a);
          sp->y = cy + ring * sin (a);
        }
    }
}

/* A marker set aside: a dot where the place is and a thin line to the marker. */
static void
draw_true_spot (Figure     *fig,
                ShownPlace *sp)
{
  cairo_t *cr = fig->cr;
  double dx = sp->x - sp->true_x, dy = sp->y - sp->true_y;
  double d = hypot (dx, dy);

  if (d < 1)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, sp->true_x, sp->true_y);
  cairo_line_to (cr, sp->x - dx / d * sp->radius, sp->y - dy / d * sp->radius);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 3.5 * fig->u);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, sp->red * 0.7, sp->green * 0.7, sp->blue * 0.7);
  cairo_set_line_width (cr, 1.5 * fig->u);
  cairo_stroke (cr);
  cairo_arc (cr, sp->true_x, sp->true_y, 3 * fig->u, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, sp->red * 0.7, sp->green * 0.7, sp->blue * 0.7);
  cairo_set_line_width (cr, 1.5 * fig->u);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_inset (Figure *fig)
{
  DlRect panel = fig->layout.inset;
  const DlRect *r = &panel;
  DlFigureLayout main_layout = fig->layout;
  g_autoptr(GPtrArray) inside = g_ptr_array_new ();
  GPtrArray *all = fig->places;
  double box_x0 = G_MAXDOUBLE, box_y0 = G_MAXDOUBLE, box_x1 = -G_MAXDOUBLE;
  double box_y1 = -G_MAXDOUBLE;
  DlRect inner;
  cairo_t *cr = fig->cr;

  if (r->width == 0)
    return;

  for (guint i = 0; i < all->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (all, i);

      if (!sp->in_inset)
        continue;
      g_ptr_array_add (inside, sp);
      box_x0 = MIN (box_x0, sp->x - sp->radius);
      box_y0 = MIN (box_y0, sp->y - sp->radius);
      box_x1 = MAX (box_x1, sp->x + sp->radius);
      box_y1 = MAX (box_y1, sp->y + sp->radius);
    }

  /* Where the inset is, on the main map. */
  cairo_save (cr);
  cairo_rectangle (cr, box_x0 - 4 * fig->u, box_y0 - 4 * fig->u,
                   box_x1 - box_x0 + 8 * fig->u, box_y1 - box_y0 + 8 * fig->u);
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.9);
  cairo_set_line_width (cr, 1.5 * fig->u);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The same drawing as the main map, through another view, clipped to the panel. */
  inset_set_view (fig, r, inside);
  inner = inset_inner (fig, r);

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  if (fig->options->basemap && dl_basemap_get_default () != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, r->x, r->y);
      dl_basemap_draw (dl_basemap_get_default (), cr, fig->options->basemap_style,
                       fig->layout.zoom, fig->layout.origin_x + r->x,
                       fig->layout.origin_y + r->y, r->width, r->height);
      cairo_restore (cr);
    }
  else
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
      cairo_paint (cr);
    }
  draw_areas (fig);
  for (guint i = 0; i < inside->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (inside, i);

      sp->in_inset = FALSE;
      if (dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_ROUTE)
        draw_route (fig, sp);
    }
  for (guint i = 0; i < inside->len; i++)
    draw_true_spot (fig, g_ptr_array_index (inside, i));
  for (guint i = 0; i < inside->len; i++)
    draw_marker (fig, g_ptr_array_index (inside, i));
  fig->label_bounds = &inner;
  draw_labels (fig);
  fig->label_bounds = NULL;
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 3 * fig->u);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.9);
  cairo_set_line_width (cr, 1.2 * fig->u);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Back to the main view for what follows. */
  fig->places = all;
  {
    guint n_labels = fig->layout.n_labels;

    fig->layout = main_layout;
    fig->layout.n_labels = n_labels;
  }
  place_markers (fig);
}

/* The whole figure */

static void
figure_clear (Figure *fig)
{
  g_clear_pointer (&fig->events, g_ptr_array_unref);
  g_clear_pointer (&fig->places, g_ptr_array_unref);
  g_clear_pointer (&fig->actors, g_ptr_array_unref);
  g_clear_object (&fig->pango);
}

static void
figure_draw_full (DlStory               *story,
                  const DlFigureOptions *options,
                  cairo_t               *cr,
                  GArray                *texts,
                  DlFigureLayout        *layout_out,
                  GArray                *place_labels)
{
  Figure fig = { 0 };
  cairo_font_options_t *font_options;
  g_autofree char *attribution = NULL;

  /* the map above, the strip below it */
  if (options->timeline)
    {
      g_autoptr(DlFigureOptions) map = dl_figure_options_copy (options);
      double band = dl_timeline_strip_figure_height (options->width, options->height);

      map->timeline = FALSE;
      map->height = options->height - band;
      figure_draw_full (story, map, cr, texts, layout_out, place_labels);
      dl_timeline_strip_draw_figure_band (story, options->filter, cr, map->height,
                                          options->width, band);
      return;
    }

  fig.story = story;
  fig.options = options;
  fig.cr = cr;
  fig.width = options->width;
  fig.height = options->height;
  /* Text and strokes grow with the figure, so a poster looks like a slide, only bigger;
   * the scale factor then only adds pixels. */
  fig.u = MAX (0.75, pow (MIN (fig.width, fig.height) / 1000.0, 0.85));
  fig.texts = texts;
  fig.place_labels = place_labels;

  /* Metrics unhinted: the preview, the PNG at any scale and the vectors lay out alike. */
  fig.pango = pango_cairo_create_context (cr);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (fig.pango, font_options);
  cairo_font_options_destroy (font_options);

  fig.rtl = figure_is_rtl (story);
  collect_shown (&fig);
  attribution = attribution_text (&fig);
  layout_title (&fig);
  layout_bottom_right (&fig, attribution);
  layout_caption (&fig);
  layout_legend (&fig);
  compute_view (&fig);
  place_markers (&fig);
  layout_inset (&fig);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, fig.width, fig.height);
  cairo_clip (cr);

  if (options->basemap && dl_basemap_get_default () != NULL)
    {
      cairo_save (cr);
      dl_basemap_draw_wrapped (dl_basemap_get_default (), cr, options->basemap_style,
                               fig.layout.zoom, fig.layout.origin_x, fig.layout.origin_y,
                               fig.width, fig.height);
      cairo_restore (cr);
    }

  draw_areas (&fig);
  for (guint i = 0; i < fig.places->len; i++)
    {
      ShownPlace *sp = g_ptr_array_index (fig.places, i);

      if (dl_place_get_shape (sp->place) == DL_PLACE_SHAPE_ROUTE)
        draw_route (&fig, sp);
    }
  draw_markers (&fig);
  draw_labels (&fig);
  draw_inset (&fig);

  draw_title (&fig);
  draw_caption (&fig);
  draw_legend (&fig);
  draw_scale_bar (&fig);
  draw_attribution (&fig, attribution);
  cairo_restore (cr);

  if (layout_out != NULL)
    *layout_out = fig.layout;
  figure_clear (&fig);
}

static void
figure_draw (DlStory               *story,
             const DlFigureOptions *options,
             cairo_t               *cr,
             GArray                *texts,
             DlFigureLayout        *layout_out)
{
  figure_draw_full (story, options, cr, texts, layout_out, NULL);
}

/**
 * dl_figure_list_labels:
 *
 * Returns: (transfer full) (element-type DlFigureLabel): the story places' names as
 * dl_figure_draw() places them, in drawing order (the main map's, then the inset's).
 */
GArray *
dl_figure_list_labels (DlStory               *story,
                       const DlFigureOptions *options)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (DlFigureLabel));
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (DL_IS_STORY (story), labels);
  g_return_val_if_fail (options != NULL, labels);

  /* Where things go does not depend on the pixels: a one-pixel surface does. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  figure_draw_full (story, options, cr, NULL, NULL, labels);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return labels;
}

/**
 * dl_figure_draw:
 * @layout: (out) (optional): where the view and the decorations went
 *
 * Draws the figure of @story into @cr, in user-space units from (0, 0) to
 * (@options->width, @options->height). Places are projected with Web Mercator at the
 * figure's zoom, each marker centred exactly on its place's coordinate. Thread-safe.
 */
void
dl_figure_draw (DlStory               *story,
                const DlFigureOptions *options,
                cairo_t               *cr,
                DlFigureLayout        *layout)
{
  g_return_if_fail (DL_IS_STORY (story));
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  figure_draw (story, options, cr, NULL, layout);
}

/**
 * dl_figure_render_image:
 * @scale: image pixels per figure unit (the preview uses less than 1)
 *
 * Returns: (transfer full): an ARGB32 image of the figure, or %NULL with @error set
 * when it is too large or out of memory.
 */
cairo_surface_t *
dl_figure_render_image (DlStory               *story,
                        const DlFigureOptions *options,
                        double                 scale,
                        GError               **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  int pw, ph;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!dl_figure_check_size (options->width, options->height, MAX (scale, 1e-3), error))
    return NULL;

  pw = MAX (1, (int) ceil (options->width * scale - 1e-6));
  ph = MAX (1, (int) ceil (options->height * scale - 1e-6));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Not enough memory for a %d×%d image"), pw, ph);
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  figure_draw (story, options, cr, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Saving */

typedef struct
{
  int      fd;
  GString *buffer;   /* SVG: kept in memory to add the text layer */
  int      errsv;
} Sink;

static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->errsv != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (sink->buffer != NULL)
    {
      g_string_append_len (sink->buffer, (const char *) data, length);
      return CAIRO_STATUS_SUCCESS;
    }
  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->errsv = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
sink_write_all (Sink       *sink,
                const char *data,
                gsize       length)
{
  Sink direct = { sink->fd, NULL, 0 };

  while (length > 0)
    {
      unsigned int chunk = (unsigned int) MIN (length, 1 << 20);

      if (sink_write_cb (&direct, (const unsigned char *) data, chunk) != CAIRO_STATUS_SUCCESS)
        {
          sink->errsv = direct.errsv;
          return FALSE;
        }
      data += chunk;
      length -= chunk;
    }
  return TRUE;
}

/* Cairo's SVG draws text as glyph outlines (so every script shapes right everywhere);
 * an invisible text layer on top makes the words selectable, searchable and readable by
 * screen readers, as a PDF's text is. */
static void
svg_add_text_layer (GString    *svg,
                    GArray     *texts,
                    const char *title)
{
  g_autoptr(GString) layer = g_string_new ("\n<g id=\"dateline-text\" fill-opacity=\"0\" "
                                           "stroke=\"none\" font-family=\"sans-serif\">\n");
  const char *open_end;
  const char *close;

  for (guint i = 0; i < texts->len; i++)
    {
      const TextItem *item = &g_array_index (texts, TextItem, i);
      g_autofree char *escaped = g_markup_escape_text (item->text, -1);

      /* textLength: the invisible words cover the drawn ones, whatever the font. */
      g_string_append_printf (layer, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" "
                              "textLength=\"%.2f\" lengthAdjust=\"spacingAndGlyphs\"%s%s>%s"
                              "</text>\n", item->x, item->y, item->size, item->width,
                              item->bold ? " font-weight=\"bold\"" : "",
                              item->rtl ? " direction=\"rtl\" text-anchor=\"end\"" : "",
                              escaped);
    }
  g_string_append (layer, "</g>\n");

  close = g_strrstr (svg->str, "</svg>");
  if (close != NULL)
    g_string_insert_len (svg, close - svg->str, layer->str, layer->len);

  open_end = strstr (svg->str, "<svg");
  if (open_end != NULL)
    open_end = strchr (open_end, '>');
  if (open_end != NULL && title != NULL && title[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *element = g_strdup_printf ("\n<title>%s</title>", escaped);

      g_string_insert (svg, open_end + 1 - svg->str, element);
    }
}

static void
report (DlFigureProgressFunc progress,
        gpointer             data,
        double               fraction)
{
  if (progress != NULL)
    progress (fraction, data);
}

static gboolean
draw_to_sink (DlStory               *story,
              const DlFigureOptions *options,
              DlFigureFormat         format,
              Sink                  *sink,
              GCancellable          *cancellable,
              DlFigureProgressFunc   progress,
              gpointer               progress_data,
              GError               **error)
{
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  g_autoptr(GArray) texts = NULL;
  const char *title = options->title != NULL ? options->title : dl_story_get_title (story);

  switch (format)
    {
    case DL_FIGURE_FORMAT_SVG:
      sink->buffer = g_string_new (NULL);
      texts = g_array_new (FALSE, FALSE, sizeof (TextItem));
      g_array_set_clear_func (texts, text_item_clear);
      surface = cairo_svg_surface_create_for_stream (sink_write_cb, sink,
                                                     options->width, options->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case DL_FIGURE_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write_cb, sink,
                                                     options->width, options->height);
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dateline");
      break;
    case DL_FIGURE_FORMAT_PNG:
    default:
      {
        report (progress, progress_data, 0.05);
        surface = dl_figure_render_image (story, options, options->scale, error);
        if (surface == NULL)
          return FALSE;
        report (progress, progress_data, 0.5);
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            cairo_surface_destroy (surface);
            return FALSE;
          }
        status = cairo_surface_write_to_png_stream (surface, sink_write_cb, sink);
        cairo_surface_destroy (surface);
        if (status != CAIRO_STATUS_SUCCESS)
          {
            if (sink->errsv == 0)
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                           cairo_status_to_string (status));
            return FALSE;
          }
        report (progress, progress_data, 0.95);
        return TRUE;
      }
    }

  report (progress, progress_data, 0.05);
  cr = cairo_create (surface);
  figure_draw (story, options, cr, texts, NULL);
  cairo_destroy (cr);
  report (progress, progress_data, 0.6);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (sink->errsv == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }

  if (sink->buffer != NULL)
    {
      svg_add_text_layer (sink->buffer, texts, title);
      if (!sink_write_all (sink, sink->buffer->str, sink->buffer->len))
        return FALSE;
    }
  report (progress, progress_data, 0.95);
  return TRUE;
}

/**
 * dl_figure_save:
 * @file: a local file; its extension need not match @format
 * @progress: (nullable): called from the calling thread with 0–1 as work advances
 *
 * Draws the figure and writes it to @file atomically: into a temporary file in the same
 * directory, synced, then renamed over @file. On any failure (no permission, disk full,
 * cancelled) the temporary file is removed and @file is left as it was.
 *
 * Returns: %TRUE on success; %FALSE with @error naming the file and what went wrong.
 */
gboolean
dl_figure_save (DlStory               *story,
                const DlFigureOptions *options,
                GFile                 *file,
                DlFigureFormat         format,
                GCancellable          *cancellable,
                DlFigureProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  Sink sink = { -1, NULL, 0 };
  gboolean ok;

  g_return_val_if_fail (DL_IS_STORY (story), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  display = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot write “%s”: only local files are supported"), display);
      return FALSE;
    }
  if (!dl_figure_check_size (options->width, options->height,
                             format == DL_FIGURE_FORMAT_PNG ? options->scale : 1.0, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  sink.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (sink.fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot write “%s”: %s"), display, g_strerror (errsv));
      return FALSE;
    }
  /* mkstemp creates 0600; a figure is for sharing, so give it the usual mode. */
  {
    mode_t mask = umask (0);

    umask (mask);
    if (fchmod (sink.fd, 0666 & ~mask) != 0)
      g_debug ("Cannot set the mode of %s: %s", tmp, g_strerror (errno));
  }

  ok = draw_to_sink (story, options, format, &sink, cancellable, progress, progress_data,
                     &local_error);
  if (sink.buffer != NULL)
    g_string_free (sink.buffer, TRUE);

  if (ok && fsync (sink.fd) != 0)
    {
      sink.errsv = errno;
      ok = FALSE;
    }
  if (close (sink.fd) != 0 && ok)
    {
      sink.errsv = errno;
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      sink.errsv = errno;
      ok = FALSE;
    }

  if (!ok)
    {
      g_unlink (tmp);
      if (sink.errsv != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (sink.errsv),
                     _("Cannot write “%s”: %s"), display, g_strerror (sink.errsv));
      else if (local_error != NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("Cannot write “%s”: "), display);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”"), display);
      return FALSE;
    }

  report (progress, progress_data, 1.0);
  return TRUE;
}
