/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dl-figure.h"
#include "dl-label-layer.h"
#include "dl-line-obstacles.h"
#include "dl-marker.h"
#include "dl-marker-symbol.h"
#include "dl-place-properties.h"
#include "dl-point-layer.h"
#include "dl-resources.h"
#include "dl-symbol.h"
#include "dl-window-private.h"
#include "dl-test-window.h"
#include "dl-test-util.h"

/* A plain map as geojson.io writes it (tests/data/plain-symbols.geojson) is drawn with its
 * marker-symbol, marker-size, stroke-width and its lines' names, in the window and in the
 * exported figure. */

#define NEAR(value, expected, tolerance) (ABS ((int) (value) - (int) (expected)) <= (tolerance))

static DlStory *
load_symbols (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "plain-symbols.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

/* Export ------------------------------------------------------------------------------ */

/* A 1000×1000 figure (one figure unit a pixel) of the map's middle, with no base map and
 * nothing but the places. */
static cairo_surface_t *
draw_figure (DlStory        *story,
             DlFigureLayout *layout)
{
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 1000);
  cairo_t *cr = cairo_create (surface);

  options->width = options->height = 1000;
  options->fit = FALSE;
  options->center_lat = 48.78;
  options->center_lon = 2.40;
  options->zoom = 11;
  options->basemap = FALSE;
  options->show_title = options->legend = options->callouts = FALSE;
  options->scale_bar = options->labels = options->timeline = FALSE;
  dl_figure_draw (story, options, cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels as 0xAARRGGBB from Cairo's ARGB32 or GDK's B8G8R8A8 premultiplied memory (the
 * same bytes on little-endian machines). */
typedef struct
{
  const guint8 *data;
  int           width;
  int           height;
  int           stride;
} Pixels;

static guint32
pixel (const Pixels *pixels,
       int           x,
       int           y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, pixels->width);
  g_assert_cmpint (y, <, pixels->height);
  return *(const guint32 *) (pixels->data + y * pixels->stride + 4 * x);
}

static gboolean
is_color (guint32 p,
          guint32 rgb,
          int     tolerance)
{
  return (p >> 24) == 0xff && NEAR (p >> 16 & 0xff, rgb >> 16 & 0xff, tolerance)
         && NEAR (p >> 8 & 0xff, rgb >> 8 & 0xff, tolerance)
         && NEAR (p & 0xff, rgb & 0xff, tolerance);
}

/* Pixels of @rgb within @radius of @x, @y. */
static guint
count_in_disc (const Pixels *pixels,
               double        x,
               double        y,
               double        radius,
               guint32       rgb)
{
  guint n = 0;

  for (int dy = (int) -radius; dy <= (int) radius; dy++)
    for (int dx = (int) -radius; dx <= (int) radius; dx++)
      if (dx * dx + dy * dy <= radius * radius
          && is_color (pixel (pixels, (int) x + dx, (int) y + dy), rgb, 40))
        n++;
  return n;
}

static Pixels
surface_pixels (cairo_surface_t *surface)
{
  return (Pixels) { cairo_image_surface_get_data (surface),
                    cairo_image_surface_get_width (surface),
                    cairo_image_surface_get_height (surface),
                    cairo_image_surface_get_stride (surface) };
}

#define WHITE 0xffffff
#define INK_DARK 0x1a1a1a
#define BLUE 0x1a5fb4

/* A symbol's marker is drawn with its icon or character in the colour that reads on the
 * disc; a plain marker of the same colour, or one whose symbol is no icon, is the disc
 * alone. */
static void
test_export_symbol (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  DlFigureLayout layout;
  cairo_surface_t *surface = draw_figure (story, &layout);
  Pixels pixels = surface_pixels (surface);
  double x, y;
  guint rail_white, rail_blue, plain_white, plain_blue, unknown_white;

  dl_test_figure_point (&layout,
                        dl_place_get_anchor (dl_test_place_named (story, "Gare du Nord")),
                        &x, &y);
  rail_white = count_in_disc (&pixels, x, y, 8, WHITE);
  rail_blue = count_in_disc (&pixels, x, y, 8, BLUE);
  dl_test_figure_point (&layout,
                        dl_place_get_anchor (dl_test_place_named (story, "Plain twin")),
                        &x, &y);
  plain_white = count_in_disc (&pixels, x, y, 8, WHITE);
  plain_blue = count_in_disc (&pixels, x, y, 8, BLUE);
  dl_test_figure_point (&layout,
                        dl_place_get_anchor (dl_test_place_named (story, "Unknown icon")),
                        &x, &y);
  unknown_white = count_in_disc (&pixels, x, y, 8, WHITE);
  g_test_message ("rail: %u white, %u blue; plain: %u white, %u blue; unknown: %u white",
                  rail_white, rail_blue, plain_white, plain_blue, unknown_white);

  /* the plain disc is blue through and through (a disc of radius 8 holds ~200 pixels) */
  g_assert_cmpuint (plain_white, ==, 0);
  g_assert_cmpuint (plain_blue, >, 190);
  /* the rail icon is white on blue: a good part of the disc, not all of it */
  g_assert_cmpuint (rail_white, >, 40);
  g_assert_cmpuint (rail_blue, >, 20);
  g_assert_cmpuint (rail_blue, <, plain_blue - 40);
  /* a name that is no icon draws the plain marker */
  g_assert_cmpuint (unknown_white, ==, 0);

  /* "1" on yellow is dark, not white */
  dl_test_figure_point (&layout,
                        dl_place_get_anchor (dl_test_place_named (story, "Meeting point")),
                        &x, &y);
  g_assert_cmpuint (count_in_disc (&pixels, x, y, 8, INK_DARK), >, 10);
  g_assert_cmpuint (count_in_disc (&pixels, x, y, 8, WHITE), ==, 0);
  g_assert_cmpuint (count_in_disc (&pixels, x, y, 8, 0xf6d32d), >, 60);

  /* a large hospital is white on red too */
  dl_test_figure_point (&layout,
                        dl_place_get_anchor (dl_test_place_named (story, "Hôpital")),
                        &x, &y);
  g_assert_cmpuint (count_in_disc (&pixels, x, y, 10, WHITE), >, 40);
  cairo_surface_destroy (surface);
}

/* How many pixels of @rgb a line from @x, @y in steps of @dx, @dy crosses in a row from
 * the first one on. */
static guint
run_length (const Pixels *pixels,
            double        x,
            double        y,
            int           dx,
            int           dy,
            guint32       rgb)
{
  guint n = 0;
  int i = 0;

  /* from the centre outwards, both ways */
  while (is_color (pixel (pixels, (int) x + i * dx, (int) y + i * dy), rgb, 24))
    n++, i++;
  for (i = -1; is_color (pixel (pixels, (int) x + i * dx, (int) y + i * dy), rgb, 24); i--)
    n++;
  return n;
}

/* marker-size small, medium and large: the coloured disc measured across in the export. */
static void
test_export_sizes (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  DlFigureLayout layout;
  cairo_surface_t *surface = draw_figure (story, &layout);
  Pixels pixels = surface_pixels (surface);
  const char *names[] = { "Small stop", "Medium stop", "Large stop" };
  guint widths[3];

  for (guint i = 0; i < 3; i++)
    {
      double x, y;

      dl_test_figure_point (&layout,
                            dl_place_get_anchor (dl_test_place_named (story, names[i])),
                            &x, &y);
      widths[i] = run_length (&pixels, x, y, 1, 0, 0x26a269);
      /* round: as high as wide, give or take the pixel grid */
      g_assert_true (NEAR (run_length (&pixels, x, y, 0, 1, 0x26a269), widths[i], 1));
      g_test_message ("%s: %u pixels across", names[i], widths[i]);
    }
  /* medium is the app's usual marker (24 units across its rim, ~21 coloured) */
  g_assert_cmpuint (widths[1], >=, 19);
  g_assert_cmpuint (widths[1], <=, 23);
  g_assert_cmpuint (widths[0] * 10, >=, widths[1] * 6);
  g_assert_cmpuint (widths[0] * 10, <=, widths[1] * 8);
  g_assert_cmpuint (widths[2] * 10, >=, widths[1] * 13);
  g_assert_cmpuint (widths[2] * 10, <=, widths[1] * 16);
  cairo_surface_destroy (surface);
}

/* stroke-width 8 and 2, measured across the exported lines (one figure unit a pixel). */
static void
test_export_line_width (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  DlFigureLayout layout;
  cairo_surface_t *surface = draw_figure (story, &layout);
  Pixels pixels = surface_pixels (surface);
  double x, y;
  guint ring, tram;

  dl_test_figure_point (&layout, (DlLonLat) { .lon = 2.30, .lat = 48.70 }, &x, &y);
  ring = run_length (&pixels, x, y, 0, 1, 0xc01c28);
  dl_test_figure_point (&layout, (DlLonLat) { .lon = 2.30, .lat = 48.65 }, &x, &y);
  tram = run_length (&pixels, x, y, 0, 1, BLUE);
  g_test_message ("ring road %u pixels wide, tram line %u", ring, tram);
  g_assert_cmpuint (ring, >=, 7);
  g_assert_cmpuint (ring, <=, 9);
  g_assert_cmpuint (tram, >=, 1);
  g_assert_cmpuint (tram, <=, 3);
  cairo_surface_destroy (surface);
}

/* A line's name is in the SVG's text, as is every place's, shown as written. */
static void
test_export_line_name (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-symbols-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *layer;

  options->width = 1200;
  options->height = 900;
  options->basemap = FALSE;
  options->show_title = options->legend = options->timeline = FALSE;
  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_SVG, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);

  layer = strstr (contents, "<g id=\"dateline-text\"");
  g_assert_nonnull (layer);
  g_assert_nonnull (strstr (layer, ">Ring road</text>"));
  g_assert_nonnull (strstr (layer, ">Tram line</text>"));
  g_assert_nonnull (strstr (layer, ">Gare du Nord</text>"));
  g_assert_nonnull (strstr (layer, ">Press &lt;b&gt;tent&lt;/b&gt;</text>"));
}

/* A symbol that is no icon is not drawn, so the place's table lists it; a drawn one is
 * not a row. */
static void
test_unknown_listed (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  g_autoptr(GPtrArray) unknown = dl_place_list_properties (dl_test_place_named (story,
                                                                         "Unknown icon"));
  DlPlace *rail_place = dl_test_place_named (story, "Gare du Nord");
  g_autoptr(GPtrArray) rail = dl_place_list_properties (rail_place);
  gboolean listed = FALSE;

  for (guint i = 0; i < unknown->len; i++)
    {
      DlPlaceProperty *property = unknown->pdata[i];

      listed |= g_str_equal (property->key, "marker-symbol")
                && g_str_equal (property->value, "no-such-icon");
      g_assert_cmpstr (property->key, !=, "marker-size");
    }
  g_assert_true (listed);
  for (guint i = 0; i < rail->len; i++)
    g_assert_cmpstr (((DlPlaceProperty *) rail->pdata[i])->key, !=, "marker-symbol");
}

/* The icons' path data: a square and a circle of arcs cover their areas, relative
 * commands and implicit repeats included; a broken command stops the reading. */
static void
test_svg_path (void)
{
  static const struct
  {
    const char *data;
    gboolean    valid;
    double      area;
  } cases[] = {
    { "M2 2 L12 2 L12 12 L2 12 Z", TRUE, 100 },
    { "m2,2h10v10h-10z", TRUE, 100 },
    { "M2 2 12 2 12 12 2 12z", TRUE, 100 },
    { "M0,7.5A7.5,7.5,0,1,1,15,7.5A7.5 7.5 0 1 1 0 7.5z", TRUE, G_PI * 7.5 * 7.5 },
    { "M0 7.5a7.5 7.5 0 1115 0 7.5 7.5 0 11-15 0", TRUE, G_PI * 7.5 * 7.5 },
    { "M2 2 Q 12 2 12 12 T 2 12 Z", TRUE, -1 },
    { "M2 2 L12 2 L", FALSE, -1 },
    { "L2 2", FALSE, 0 },
    { "M2 2 L1e999 2", FALSE, -1 },
    { "M2 2 A5 5 0 2 0 8 8", FALSE, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 16);
      cairo_t *cr = cairo_create (surface);
      Pixels pixels;
      double covered = 0;

      g_test_message ("%s", cases[i].data);
      g_assert_cmpint (dl_symbol_append_svg_path (cr, cases[i].data), ==, cases[i].valid);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_fill (cr);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      pixels = surface_pixels (surface);
      for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++)
          covered += (pixel (&pixels, x, y) >> 24) / 255.0;
      if (cases[i].area >= 0)
        g_assert_cmpfloat (fabs (covered - cases[i].area), <, 2);
      cairo_surface_destroy (surface);
    }
}

/* Every icon of data/symbols/maki.txt reads whole and draws inside its 15×15 box. */
static void
test_icons_read (void)
{
  g_autoptr(GBytes) bytes = dl_resources_lookup ("symbols/maki.txt", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, n++)
    {
      g_auto(GStrv) name = g_strsplit (lines[i], " ", 2);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 15, 15);
      cairo_t *cr = cairo_create (surface);
      double x0, y0, x1, y1;

      g_assert_cmpint (dl_marker_symbol_classify (name[0]), ==, DL_MARKER_SYMBOL_ICON);
      g_assert_true (dl_symbol_append_svg_path (cr, dl_marker_symbol_icon_path (name[0])));
      cairo_fill_extents (cr, &x0, &y0, &x1, &y1);
      g_assert_cmpfloat (x0, >=, -0.1);
      g_assert_cmpfloat (y0, >=, -0.1);
      g_assert_cmpfloat (x1, <=, 15.1);
      g_assert_cmpfloat (y1, <=, 15.1);
      /* something to see */
      g_assert_cmpfloat ((x1 - x0) * (y1 - y0), >, 20);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (n, >=, 60);
  g_assert_cmpint (dl_marker_symbol_classify ("1"), ==, DL_MARKER_SYMBOL_TEXT);
  g_assert_cmpint (dl_marker_symbol_classify ("12"), ==, DL_MARKER_SYMBOL_TEXT);
  g_assert_cmpint (dl_marker_symbol_classify ("ب"), ==, DL_MARKER_SYMBOL_TEXT);
  g_assert_cmpint (dl_marker_symbol_classify ("no-such-icon"), ==, DL_MARKER_SYMBOL_NONE);
  g_assert_cmpint (dl_marker_symbol_classify (" "), ==, DL_MARKER_SYMBOL_NONE);
  g_assert_cmpint (dl_marker_symbol_classify (""), ==, DL_MARKER_SYMBOL_NONE);
}

/* Discs along a line keep names off it: overlapping, in view only, even for a line whose
 * ends are far outside (found by fuzz-symbol: a point at 1e38 put discs far from view). */
static void
test_line_obstacles (void)
{
  DlRect bounds = { 0, 0, 320, 200 };
  const double xs[] = { -1e8, 1e8, 1e38 }, ys[] = { 100, 100, 1e38 };
  g_autoptr(GArray) discs = g_array_new (FALSE, FALSE, sizeof (DlLabelObstacle));
  guint n = dl_line_obstacles_append (discs, xs, ys, 3, 4, &bounds, 5000);

  g_assert_cmpuint (n, ==, discs->len);
  /* the 328 pixels in view, a disc every 3 */
  g_assert_cmpuint (n, >=, 328 / 3);
  g_assert_cmpuint (n, <=, 328 / 3 + 2);
  for (guint i = 0; i < discs->len; i++)
    {
      DlLabelObstacle *disc = &g_array_index (discs, DlLabelObstacle, i);

      g_assert_cmpfloat (disc->x, >=, -4.01);
      g_assert_cmpfloat (disc->x, <=, 324.01);
      g_assert_cmpfloat (fabs (disc->y - 100), <, 1e-6);
      if (i > 0)
        g_assert_cmpfloat (disc->x - g_array_index (discs, DlLabelObstacle, i - 1).x, <=, 4);
    }

  /* a diagonal from -1e30 to 1e30 through the view: no disc lands outside it */
  {
    const double far_xs[] = { -1e30, 1e30 }, far_ys[] = { -1e30, 1e30 };

    g_array_set_size (discs, 0);
    dl_line_obstacles_append (discs, far_xs, far_ys, 2, 4, &bounds, 5000);
    for (guint i = 0; i < discs->len; i++)
      {
        DlLabelObstacle *disc = &g_array_index (discs, DlLabelObstacle, i);

        g_assert_true (disc->x >= -8 && disc->x <= 328 && disc->y >= -8 && disc->y <= 208);
      }
  }
}

/* Window ------------------------------------------------------------------------------ */

static DlWindow *
open_window (DlStory *story)
{
  static GtkCssProvider *css;
  DlWindow *window = dl_window_new (NULL);

  /* the marker sizes are the application's style sheet's, which AdwApplication loads */
  if (css == NULL)
    {
      css = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (css, "/io/github/dateline/Dateline/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* A widget as the window draws it, its pixels into @data (freed by the caller). */
static Pixels
widget_pixels (GtkWidget *widget,
               guint8   **data)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  *data = g_malloc (4 * width * height);
  gdk_texture_download (texture, *data, 4 * width);
  return (Pixels) { *data, width, height, 4 * width };
}

/* The window's markers wear their symbols and sizes; the accessible name is the place's. */
static void
test_window_markers (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  DlWindow *window = open_window (story);
  DlMapView *map = dl_window_get_map_view (window);
  DlMarker *rail = dl_map_view_get_marker (map, dl_test_place_named (story, "Gare du Nord"));
  DlMarker *plain = dl_map_view_get_marker (map, dl_test_place_named (story, "Plain twin"));
  DlMarker *meeting = dl_map_view_get_marker (map, dl_test_place_named (story, "Meeting point"));
  const char *names[] = { "Small stop", "Medium stop", "Large stop" };
  int widths[3];
  g_autofree guint8 *rail_data = NULL;
  g_autofree guint8 *plain_data = NULL;
  g_autofree guint8 *meeting_data = NULL;
  Pixels rail_pixels = widget_pixels (GTK_WIDGET (rail), &rail_data);
  Pixels plain_pixels = widget_pixels (GTK_WIDGET (plain), &plain_data);
  Pixels meeting_pixels = widget_pixels (GTK_WIDGET (meeting), &meeting_data);
  double rx = rail_pixels.width / 2.0, ry = rail_pixels.height / 2.0;
  double px = plain_pixels.width / 2.0, py = plain_pixels.height / 2.0;

  g_assert_cmpuint (count_in_disc (&plain_pixels, px, py, 7, WHITE), ==, 0);
  g_assert_cmpuint (count_in_disc (&plain_pixels, px, py, 7, BLUE), >, 130);
  g_assert_cmpuint (count_in_disc (&rail_pixels, rx, ry, 7, WHITE), >, 30);
  g_assert_cmpuint (count_in_disc (&meeting_pixels, meeting_pixels.width / 2.0,
                                   meeting_pixels.height / 2.0, 7, INK_DARK), >, 8);

  for (guint i = 0; i < 3; i++)
    {
      DlMarker *marker = dl_map_view_get_marker (map, dl_test_place_named (story, names[i]));

      graphene_rect_t bounds;

      /* the button's box as drawn, borders included */
      g_assert_true (gtk_widget_compute_bounds (dl_marker_get_button (marker),
                                                GTK_WIDGET (marker), &bounds));
      widths[i] = (int) round (bounds.size.width);
      g_assert_cmpint ((int) round (bounds.size.height), ==, widths[i]);
      g_test_message ("%s: %d pixels", names[i], widths[i]);
    }
  g_assert_cmpint (widths[1], ==, DL_MARKER_DIAMETER);
  g_assert_cmpint (widths[0], <, widths[1] * 8 / 10);
  g_assert_cmpint (widths[2], >, widths[1] * 13 / 10);

  dl_test_close_window (window);
}

static const DlMapLabel *
find_label (GArray     *placed,
            const char *text)
{
  for (guint i = 0; i < placed->len; i++)
    if (g_str_equal (g_array_index (placed, DlMapLabel, i).text, text))
      return &g_array_index (placed, DlMapLabel, i);
  return NULL;
}

/* Where @label is against the horizontal line through @y: beside it, not across. */
static void
assert_beside (const DlMapLabel *label,
               double            y)
{
  g_assert_nonnull (label);
  g_assert_true (label->story);
  g_assert_true (label->rect.y + label->rect.height <= y - 3 || label->rect.y >= y + 3);
}

/* A plain line is named on the map, beside the line (never across it), with no marker of
 * its own. */
static void
test_window_line_name (void)
{
  g_autoptr(DlStory) story = load_symbols ();
  DlWindow *window = open_window (story);
  DlMapView *map = dl_window_get_map_view (window);
  ShumateViewport *viewport = dl_map_view_get_viewport (map);
  DlLabelLayer *layer = dl_map_view_get_label_layer (map);
  DlPlace *ring = dl_test_place_named (story, "Ring road");
  DlPlace *tram = dl_test_place_named (story, "Tram line");
  double x, ring_y, tram_y;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_marker (map, ring))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dl_map_view_get_marker (map, tram))));

  /* close in on the lines, as a reader would */
  shumate_map_stop_go_to (dl_map_view_get_map (map));
  shumate_viewport_set_zoom_level (viewport, 11);
  shumate_map_center_on (dl_map_view_get_map (map), 48.68, 2.40);
  gtk_widget_queue_draw (GTK_WIDGET (layer));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), 48.70, 2.40, &x,
                                              &ring_y);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), 48.65, 2.40, &x,
                                              &tram_y);
  assert_beside (find_label (dl_label_layer_get_placed (layer), "Ring road"), ring_y);
  assert_beside (find_label (dl_label_layer_get_placed (layer), "Tram line"), tram_y);
  /* the other line does not cross either name */
  assert_beside (find_label (dl_label_layer_get_placed (layer), "Ring road"), tram_y);
  assert_beside (find_label (dl_label_layer_get_placed (layer), "Tram line"), ring_y);
  dl_test_close_window (window);
}

/* Among the dots of a map of more than 200 places, a plain line gets none, and a place's
 * marker-symbol and marker-color are drawn on its dot. */
static void
test_window_no_dot_for_line (void)
{
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  DlWindow *window;
  DlPointLayer *dots;

  g_autofree guint8 *data = NULL;
  Pixels pixels;
  ShumateViewport *viewport;
  double x, y;

  for (guint i = 0; i < 299; i++)
    g_string_append_printf (json, "{\"type\":\"Feature\",\"properties\":{\"name\":\"P%u\"%s},"
                            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%u.5,%u.5]}},",
                            i, i == 0 ? ",\"marker-symbol\":\"rail\",\"marker-color\":\"#1a5fb4\""
                                      : i == 1 ? ",\"marker-color\":\"#1a5fb4\"" : "",
                            i % 20, i / 20);
  g_string_append (json, "{\"type\":\"Feature\",\"properties\":{\"name\":\"Border road\","
                   "\"stroke-width\":5},\"geometry\":{\"type\":\"LineString\","
                   "\"coordinates\":[[0,30],[10,31],[20,30]]}}]}");
  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "dots.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 300);

  window = open_window (story);
  dots = dl_map_view_get_point_layer (dl_window_get_map_view (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dots)));
  g_assert_cmpuint (dl_point_layer_get_n_places (dots), ==, 299);

  /* P0's dot wears a white rail on blue, P1's is blue through */
  viewport = dl_map_view_get_viewport (dl_window_get_map_view (window));
  shumate_map_stop_go_to (dl_map_view_get_map (dl_window_get_map_view (window)));
  shumate_viewport_set_zoom_level (viewport, 7);
  shumate_map_center_on (dl_map_view_get_map (dl_window_get_map_view (window)), 0.5, 1.0);
  gtk_widget_queue_draw (GTK_WIDGET (dots));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  pixels = widget_pixels (GTK_WIDGET (dots), &data);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (dots), 0.5, 0.5, &x, &y);
  g_assert_cmpuint (count_in_disc (&pixels, round (x), round (y), 5, WHITE), >, 8);
  g_assert_cmpuint (count_in_disc (&pixels, round (x), round (y), 5, BLUE), >, 8);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (dots), 0.5, 1.5, &x, &y);
  g_assert_cmpuint (count_in_disc (&pixels, round (x), round (y), 3, WHITE), ==, 0);
  g_assert_cmpuint (count_in_disc (&pixels, round (x), round (y), 3, BLUE), >, 20);

  /* the line is named beside it among the dots */
  shumate_map_center_on (dl_map_view_get_map (dl_window_get_map_view (window)), 30.5, 10.0);
  shumate_viewport_set_zoom_level (viewport, 6);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (dots), 31, 10, &x, &y);
  assert_beside (find_label (dl_label_layer_get_placed (dl_map_view_get_label_layer (
                   dl_window_get_map_view (window))), "Border road"), y);
  dl_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/map-symbols/export-symbol", test_export_symbol);
  g_test_add_func ("/map-symbols/export-sizes", test_export_sizes);
  g_test_add_func ("/map-symbols/export-line-width", test_export_line_width);
  g_test_add_func ("/map-symbols/export-line-name", test_export_line_name);
  g_test_add_func ("/map-symbols/unknown-listed", test_unknown_listed);
  g_test_add_func ("/map-symbols/svg-path", test_svg_path);
  g_test_add_func ("/map-symbols/icons-read", test_icons_read);
  g_test_add_func ("/map-symbols/line-obstacles", test_line_obstacles);
  g_test_add_func ("/map-symbols/window-markers", test_window_markers);
  g_test_add_func ("/map-symbols/window-line-name", test_window_line_name);
  g_test_add_func ("/map-symbols/window-no-dot-for-line", test_window_no_dot_for_line);
  return g_test_run ();
}
