/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-booklet"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "dl-booklet.h"
#include "dl-figure.h"
#include "dl-mercator.h"
#include "dl-time.h"
#include "dl-view-state.h"

/* A4 portrait, in points */
#define PAGE_WIDTH 595.28
#define PAGE_HEIGHT 841.89
#define MARGIN 48.0
#define MAP_HEIGHT 330.0
/* the map's frame around an event's places, in points */
#define MAP_PADDING 60.0

typedef struct
{
  cairo_t      *cr;
  PangoContext *pango;
  double        y;
} Page;

static double
show_text (Page       *page,
           const char *text,
           double      size,
           gboolean    bold,
           gboolean    italic,
           double      grey,
           double      max_height)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (page->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  PangoRectangle logical;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_height > 0)
    {
      pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  /* a story's text is text, never markup */
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  cairo_set_source_rgb (page->cr, grey, grey, grey);
  cairo_move_to (page->cr, MARGIN, page->y);
  pango_cairo_show_layout (page->cr, layout);
  page->y += (double) logical.height / PANGO_SCALE;
  return (double) logical.height / PANGO_SCALE;
}

/* The view that frames @event's places in a @width × @height map; FALSE when it has
 * none (the map then fits every shown place). */
static gboolean
frame_event (DlEvent *event,
             double   width,
             double   height,
             double  *lat,
             double  *lon,
             double  *zoom)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  DlLonLat sw, ne;
  double x0, y0, x1, y1, z;

  for (guint i = 0; i < dl_event_get_n_places (event); i++)
    g_ptr_array_add (places, dl_event_get_place (event, i, NULL));
  if (!dl_places_get_bounds (places, &sw, &ne))
    return FALSE;

  dl_mercator_project (sw.lon, sw.lat, 0, &x0, &y1);
  dl_mercator_project (ne.lon, ne.lat, 0, &x1, &y0);
  z = log2 (MIN ((width - 2 * MAP_PADDING) / MAX (x1 - x0, 1e-9),
                 (height - 2 * MAP_PADDING) / MAX (y1 - y0, 1e-9)));
  /* a lone city shows its region, not its streets */
  *zoom = CLAMP (z, 1, 7);
  dl_mercator_unproject ((x0 + x1) / 2, (y0 + y1) / 2, 0, lon, lat);
  return TRUE;
}

static void
draw_page (Page     *page,
           DlStory  *story,
           DlFilter *filter,
           DlEvent  *event,
           guint     number,
           guint     total)
{
  cairo_t *cr = page->cr;
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *date = dl_event_format_start (event);
  g_autofree char *footer = NULL;
  const char *title = dl_story_get_title (story);
  const char *when = dl_event_get_when_text (event);
  const char *attribution = dl_event_get_attribution (event);
  double map_width = PAGE_WIDTH - 2 * MARGIN;

  page->y = MARGIN - 12;
  show_text (page, title != NULL ? title : "", 9, FALSE, FALSE, 0.45, 12);

  page->y = MARGIN + 8;
  if (dl_event_get_end (event) != NULL)
    {
      g_autofree char *end = dl_time_format (dl_event_get_end (event));
      g_autofree char *span = NULL;

      /* TRANSLATORS: an event's span in the booklet: "2011 – 8 Dec 2024" */
      span = g_strdup_printf (_("%s – %s"), date, end);
      g_free (date);
      date = g_steal_pointer (&span);
    }
  if (when != NULL && when[0] != '\0')
    {
      /* TRANSLATORS: an event's date and the article's own words for it */
      g_autofree char *both = g_strdup_printf (_("%s (“%s”)"), date, when);

      g_free (date);
      date = g_steal_pointer (&both);
    }
  show_text (page, date, 13, TRUE, FALSE, 0.3, 0);
  page->y += 2;
  show_text (page, dl_event_get_title (event), 20, TRUE, FALSE, 0.08, 80);
  page->y += 12;

  /* the map, framed on the event's places */
  options->width = (int) map_width;
  options->height = (int) MAP_HEIGHT;
  options->show_title = FALSE;
  options->legend = FALSE;
  options->callouts = FALSE;
  dl_figure_options_set_filter (options, filter);
  if (frame_event (event, options->width, options->height, &options->center_lat,
                   &options->center_lon, &options->zoom))
    options->fit = FALSE;
  cairo_save (cr);
  cairo_translate (cr, MARGIN, page->y);
  cairo_rectangle (cr, 0, 0, options->width, options->height);
  cairo_clip (cr);
  dl_figure_draw (story, options, cr, NULL);
  cairo_restore (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 0.75);
  cairo_rectangle (cr, MARGIN, page->y, options->width, options->height);
  cairo_stroke (cr);
  page->y += options->height + 18;

  /* the passages, as quoted */
  for (guint i = 0; i < dl_event_get_n_passages (event); i++)
    {
      const DlPassage *passage = dl_event_get_passage (event, i);
      g_autofree char *quote = NULL;
      double room = PAGE_HEIGHT - MARGIN - 60 - page->y;

      if (room < 30)
        break;
      /* TRANSLATORS: a quoted passage of the article */
      quote = g_strdup_printf (_("“%s”"), passage->exact);
      show_text (page, quote, 11.5, FALSE, TRUE, 0.12, room);
      page->y += 8;
    }

  if (attribution != NULL && attribution[0] != '\0')
    {
      /* TRANSLATORS: who the booklet's event is attributed to */
      g_autofree char *source = g_strdup_printf (_("Attribution: %s"), attribution);

      page->y = MAX (page->y + 4, PAGE_HEIGHT - MARGIN - 48);
      show_text (page, source, 10, FALSE, FALSE, 0.35, 30);
    }

  {
    const char *publisher = dl_story_get_publisher (story);
    const char *published = dl_story_get_published (story);
    g_autoptr(GString) line = g_string_new (NULL);

    if (publisher != NULL && publisher[0] != '\0')
      g_string_append_printf (line, "%s · ", publisher);
    if (published != NULL && published[0] != '\0')
      g_string_append_printf (line, "%s · ", published);
    /* TRANSLATORS: booklet footer: page N of M */
    g_string_append_printf (line, _("page %u of %u"), number, total);
    footer = g_string_free (g_steal_pointer (&line), FALSE);
    page->y = PAGE_HEIGHT - MARGIN + 8;
    show_text (page, footer, 8.5, FALSE, FALSE, 0.45, 12);
  }
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  GOutputStream *out = closure;

  return g_output_stream_write_all (out, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * dl_booklet_save:
 * @filter: (nullable): which events get a page (every event when %NULL)
 *
 * Returns: %TRUE on success; %FALSE with @error naming the file and the problem, and
 *   @file left as it was.
 */
gboolean
dl_booklet_save (DlStory       *story,
                 DlFilter      *filter,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GListModel *model;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_font_options_t *font_options;
  Page page = { NULL, NULL, 0 };

  g_return_val_if_fail (DL_IS_STORY (story), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  display = g_file_get_parse_name (file);
  model = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      DlEvent *event = g_list_model_get_item (model, i);

      if (filter == NULL || dl_filter_match (filter, event))
        g_ptr_array_add (events, event);
      else
        g_object_unref (event);
    }
  if (events->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot write “%s”: no event is shown, so the booklet would be empty"),
                   display);
      return FALSE;
    }

  /* g_file_replace writes beside the file and renames it over when closed */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    {
      g_prefix_error (error, _("Cannot write “%s”: "), display);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_cb, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  dl_story_get_title (story) != NULL
                                  ? dl_story_get_title (story) : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dateline");
  page.cr = cairo_create (surface);
  page.pango = pango_cairo_create_context (page.cr);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (page.pango, font_options);
  cairo_font_options_destroy (font_options);

  for (guint i = 0; i < events->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      draw_page (&page, story, filter, events->pdata[i], i + 1, events->len);
      cairo_show_page (page.cr);
    }

  g_object_unref (page.pango);
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || status != CAIRO_STATUS_SUCCESS)
    {
      if (status != CAIRO_STATUS_SUCCESS && (error == NULL || *error == NULL))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                     display, cairo_status_to_string (status));
      /* closing a cancelled replace leaves the old file */
      {
        g_autoptr(GCancellable) cancel = g_cancellable_new ();

        g_cancellable_cancel (cancel);
        g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
      }
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      g_prefix_error (error, _("Cannot write “%s”: "), display);
      return FALSE;
    }
  return TRUE;
}
