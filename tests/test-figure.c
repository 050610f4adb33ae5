/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-figure.h"
#include "dl-mercator.h"

static DlStory *
load_story (void)
{
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_bundled_story_load (&error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

/* The alpha of image pixel (x, y), 0 outside the image. */
static int
alpha_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  if (ix < 0 || iy < 0 || ix >= cairo_image_surface_get_width (surface)
      || iy >= cairo_image_surface_get_height (surface))
    return 0;
  return (*(const guint32 *) (data + iy * stride + ix * 4)) >> 24;
}

/* Where a coordinate lands in a figure of @options (centre/zoom view), at scale 1:
 * plain Web Mercator arithmetic, independent of the figure code. */
static void
expected_pixel (const DlFigureOptions *options,
                double                 lon,
                double                 lat,
                double                *x,
                double                *y)
{
  double size = 256 * exp2 (options->zoom);
  double px = (lon + 180) / 360 * size;
  double py = (1 - log (tan (lat * G_PI / 180) + 1 / cos (lat * G_PI / 180)) / G_PI) / 2 * size;
  double cx = (options->center_lon + 180) / 360 * size;
  double cy = (1 - log (tan (options->center_lat * G_PI / 180)
                        + 1 / cos (options->center_lat * G_PI / 180)) / G_PI) / 2 * size;

  *x = px - cx + options->width / 2.0;
  *y = py - cy + options->height / 2.0;
}

static gboolean
in_rect (const DlRect *r,
         double        x,
         double        y,
         double        margin)
{
  return r->width > 0 && x >= r->x - margin && x <= r->x + r->width + margin
         && y >= r->y - margin && y <= r->y + r->height + margin;
}

static gboolean
in_decoration (const DlFigureLayout *layout,
               double                x,
               double                y)
{
  return in_rect (&layout->title, x, y, 4) || in_rect (&layout->legend, x, y, 4)
         || in_rect (&layout->caption, x, y, 4) || in_rect (&layout->scale_bar, x, y, 4)
         || in_rect (&layout->attribution, x, y, 8);
}

static void
test_sizes (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  struct { int w, h; double scale; int pw, ph; } cases[] = {
    { 1920, 1080, 1, 1920, 1080 },
    { 1080, 1080, 1, 1080, 1080 },
    { 1200, 675, 2, 2400, 1350 },
    { 400, 300, 0.5, 200, 150 },
  };

  options->basemap = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface;

      options->width = cases[i].w;
      options->height = cases[i].h;
      surface = dl_figure_render_image (story, options, cases[i].scale, &error);
      g_assert_no_error (error);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, cases[i].pw);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, cases[i].ph);
      cairo_surface_destroy (surface);
    }
}

static void
test_size_limits (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_figure_check_size (8000, 8000, 1, NULL));
  g_assert_true (dl_figure_check_size (1920, 1080, 8, NULL));
  g_assert_false (dl_figure_check_size (8, 1080, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (dl_figure_check_size (20000, 20000, 1, &error));
  g_clear_error (&error);
  g_assert_false (dl_figure_check_size (1920, 1080, 0, &error));
  g_clear_error (&error);
  g_assert_false (dl_figure_check_size (1920, 1080, NAN, &error));
}

/* With no base map, pixels at every drawn place are opaque (its marker) and pixels far
 * from every place and decoration are transparent. */
static void
test_transparent_overlay (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  GListModel *places = dl_story_get_places (story);
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (DlRect));
  DlFigureLayout layout;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_markers = 0, n_far = 0;

  options->width = 1600;
  options->height = 1000;
  options->fit = FALSE;
  options->center_lat = 33.0;
  options->center_lon = 36.5;
  options->zoom = 6;
  options->basemap = FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpfloat (layout.zoom, ==, 6);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlLonLat anchor = dl_place_get_anchor (place);
      DlLonLat sw, ne;
      double xy[2], x0, y0, x1, y1;
      DlRect box;

      expected_pixel (options, anchor.lon, anchor.lat, &xy[0], &xy[1]);
      g_array_append_val (anchors, xy);
      dl_place_get_bounds (place, &sw, &ne);
      expected_pixel (options, sw.lon, sw.lat, &x0, &y1);
      expected_pixel (options, ne.lon, ne.lat, &x1, &y0);
      /* A route bends away from its straight line: keep clear of it generously. */
      box = (DlRect) { x0, y0, x1 - x0, y1 - y0 };
      g_array_append_val (boxes, box);

      if (dl_place_get_shape (place) != DL_PLACE_SHAPE_POINT
          || dl_place_get_n_events (place) == 0
          || in_decoration (&layout, xy[0], xy[1])
          || xy[0] < 20 || xy[1] < 20 || xy[0] > options->width - 20
          || xy[1] > options->height - 20)
        continue;

      /* The marker: centre and a ring around it within its radius. */
      g_assert_cmpint (alpha_at (surface, xy[0], xy[1]), ==, 255);
      for (int k = 0; k < 8; k++)
        g_assert_cmpint (alpha_at (surface, xy[0] + 7 * cos (k * G_PI / 4),
                                   xy[1] + 7 * sin (k * G_PI / 4)), ==, 255);
      n_markers++;
    }
  /* Damascus, Homs, Idlib, Daraa … are in this view. */
  g_assert_cmpuint (n_markers, >=, 3);

  for (double y = 5; y < options->height; y += 25)
    for (double x = 5; x < options->width; x += 25)
      {
        gboolean far = !in_decoration (&layout, x, y);

        for (guint i = 0; i < anchors->len && far; i++)
          {
            const double *xy = &g_array_index (anchors, double, 2 * i);

            far = hypot (x - xy[0], y - xy[1]) > 360;
          }
        for (guint i = 0; i < boxes->len && far; i++)
          {
            const DlRect *b = &g_array_index (boxes, DlRect, i);
            double margin = 120 + 0.3 * MAX (b->width, b->height);

            far = !in_rect (b, x, y, margin);
          }
        if (!far)
          continue;
        g_assert_cmpint (alpha_at (surface, x, y), ==, 0);
        n_far++;
      }
  g_assert_cmpuint (n_far, >, 100);

  cairo_surface_destroy (surface);
}

/* A place whose events are all filtered out is not drawn: centred on it, the figure is
 * empty there; without the filter its marker is there. */
static void
test_filtered_place (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  const char *actors[] = { "israel", NULL };
  DlPlace *moscow = dl_story_lookup_place (story, "moscow");
  DlLonLat anchor;
  cairo_surface_t *surface;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (moscow);
  anchor = dl_place_get_anchor (moscow);
  options->width = 800;
  options->height = 600;
  options->fit = FALSE;
  options->center_lat = anchor.lat;
  options->center_lon = anchor.lon;
  options->zoom = 7;
  options->basemap = FALSE;

  surface = dl_figure_render_image (story, options, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alpha_at (surface, 400, 300), ==, 255);
  cairo_surface_destroy (surface);

  dl_filter_set_actors (filter, actors);
  /* Moscow has no event with Israel. */
  g_assert_false (dl_filter_match (filter, dl_story_lookup_event (story, "asylum")));
  dl_figure_options_set_filter (options, filter);
  surface = dl_figure_render_image (story, options, 1, &error);
  g_assert_no_error (error);
  for (int dy = -40; dy <= 40; dy += 4)
    for (int dx = -60; dx <= 60; dx += 4)
      g_assert_cmpint (alpha_at (surface, 400 + dx, 300 + dy), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_fit (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  GListModel *places = dl_story_get_places (story);
  DlFigureLayout layout;
  cairo_surface_t *surface;
  cairo_t *cr;

  options->width = 1920;
  options->height = 1080;
  options->basemap = FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);

  g_assert_cmpuint (layout.n_places, >, 0);
  g_assert_cmpuint (layout.n_labels, >, 0);
  /* Every place's anchor is inside the figure and outside the title and caption. */
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlLonLat anchor = dl_place_get_anchor (place);
      double x, y;

      dl_mercator_project (anchor.lon, anchor.lat, layout.zoom, &x, &y);
      x -= layout.origin_x;
      y -= layout.origin_y;
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (x, <, options->width);
      g_assert_cmpfloat (y, <, options->height);
      g_assert_false (in_rect (&layout.title, x, y, 0));
      g_assert_false (in_rect (&layout.caption, x, y, 0));
    }
  cairo_surface_destroy (surface);
}

static void
test_scale_bar_maths (void)
{
  g_autofree char *km = dl_figure_format_distance (2000);
  g_autofree char *m = dl_figure_format_distance (500);

  /* 40,075 km around the equator over 256 pixels at zoom 0. */
  g_assert_cmpfloat_with_epsilon (dl_figure_metres_per_pixel (0, 0), 156543.03, 0.01);
  g_assert_cmpfloat_with_epsilon (dl_figure_metres_per_pixel (60, 0), 156543.03 / 2, 0.01);
  g_assert_cmpfloat_with_epsilon (dl_figure_metres_per_pixel (0, 10), 152.87, 0.01);
  g_assert_cmpfloat (dl_figure_nice_distance (1234), ==, 1000);
  g_assert_cmpfloat (dl_figure_nice_distance (2500), ==, 2000);
  g_assert_cmpfloat (dl_figure_nice_distance (730000), ==, 500000);
  g_assert_cmpfloat (dl_figure_nice_distance (5000), ==, 5000);
  g_assert_cmpfloat (dl_figure_nice_distance (0.9), ==, 0.5);
  g_assert_cmpfloat (dl_figure_nice_distance (0), ==, 0);
  g_assert_cmpfloat (dl_figure_nice_distance (-3), ==, 0);
  g_assert_cmpstr (km, ==, "2 km");
  g_assert_cmpstr (m, ==, "500 m");
}

static void
test_format_from_path (void)
{
  DlFigureFormat format;

  g_assert_true (dl_figure_format_from_path ("a/b.PNG", &format));
  g_assert_cmpint (format, ==, DL_FIGURE_FORMAT_PNG);
  g_assert_true (dl_figure_format_from_path ("map.svg", &format));
  g_assert_cmpint (format, ==, DL_FIGURE_FORMAT_SVG);
  g_assert_true (dl_figure_format_from_path ("map.pdf", &format));
  g_assert_cmpint (format, ==, DL_FIGURE_FORMAT_PDF);
  g_assert_false (dl_figure_format_from_path ("map.jpg", &format));
  g_assert_false (dl_figure_format_from_path ("pdf", &format));
}

static char *
run_tool (const char * const *argv,
          gboolean           *ok)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  *ok = g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                      &status, &error)
        && g_spawn_check_wait_status (status, NULL);
  if (!*ok)
    g_test_message ("%s failed: %s %s", argv[0], error != NULL ? error->message : "",
                    err != NULL ? err : "");
  return g_steal_pointer (&out);
}

static gboolean
have_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_test_skip_printf ("%s is not installed (make test installs it)", name);
  return path != NULL;
}

static void
save_figure (DlStory        *story,
             const char     *path,
             DlFigureFormat  format,
             const char     *title)
{
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  options->width = 1200;
  options->height = 800;
  options->title = g_strdup (title);
  g_assert_true (dl_figure_save (story, options, file, format, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_svg_readback (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-figure-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  const char *title = "Syria’s week — Сирия — سوريا";
  cairo_surface_t *surface;
  gboolean ok;

  if (!have_tool ("rsvg-convert"))
    return;

  save_figure (story, svg, DL_FIGURE_FORMAT_SVG, title);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  /* Vectors, not an embedded raster (a few-pixel hatching tile at most); the words are
   * in the file. */
  for (const char *p = strstr (contents, "<image"); p != NULL; p = strstr (p + 1, "<image"))
    {
      const char *w = strstr (p, "width=\"");

      g_assert_nonnull (w);
      g_assert_cmpint (atoi (w + 7), <, 64);
    }
  g_assert_nonnull (strstr (contents, "<path"));
  g_assert_nonnull (strstr (contents, title));
  g_assert_nonnull (strstr (contents, "Damascus"));

  {
    const char *argv[] = { "rsvg-convert", "-o", png, svg, NULL };

    out = run_tool (argv, &ok);
    g_assert_true (ok);
  }
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  /* The base map fills the figure: the reader drew it. */
  g_assert_cmpint (alpha_at (surface, 600, 790), ==, 255);
  cairo_surface_destroy (surface);

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_pdf_readback (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-figure-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  cairo_surface_t *surface;
  gboolean ok;

  if (!have_tool ("pdftotext") || !have_tool ("pdftoppm"))
    return;

  save_figure (story, pdf, DL_FIGURE_FORMAT_PDF, "Syria’s week — Сирия");
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };

    text = run_tool (argv, &ok);
    g_assert_true (ok);
  }
  g_assert_nonnull (strstr (text, "Syria’s week"));
  g_assert_nonnull (strstr (text, "Сирия"));
  g_assert_nonnull (strstr (text, "Damascus"));
  g_assert_nonnull (strstr (text, "Natural Earth"));

  {
    /* 72 dpi: one pixel per point. */
    const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", pdf, prefix, NULL };
    g_autofree char *out = run_tool (argv, &ok);

    g_assert_true (ok);
  }
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  cairo_surface_destroy (surface);

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A failed or cancelled save leaves the old file as it was and no temporary file. */
static void
test_save_atomic (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-figure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-dateline-dir/map.png");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;

  options->width = 300;
  options->height = 200;
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  g_cancellable_cancel (cancellable);
  g_assert_false (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_PNG, cancellable,
                                  NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_false (dl_figure_save (story, options, nowhere, DL_FIGURE_FORMAT_PNG, NULL, NULL,
                                  NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dateline-dir/map.png"));
  g_clear_error (&error);

  options->width = 8;
  g_assert_false (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_PNG, NULL, NULL,
                                  NULL, &error));
  g_clear_error (&error);
  options->width = 300;

  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_PNG, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 300);
  cairo_surface_destroy (surface);

  g_unlink (path);
  g_rmdir (dir);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-figure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double last = 0;

  options->width = 300;
  options->height = 200;
  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_PDF, NULL, progress_cb,
                                 &last, NULL));
  g_assert_cmpfloat (last, ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* A plain GeoJSON map (no article, no events) and an empty one still export: the point
 * gets a marker where it is, the empty map is just the frame. */
static void
test_plain_geojson (void)
{
  const char *plain = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
                      "\"Feature\", \"id\": \"kyiv\", \"geometry\": {\"type\": \"Point\", "
                      "\"coordinates\": [30.5234, 50.4501]}, \"properties\": {\"name\": "
                      "\"Київ\"}}]}";
  const char *empty = "{\"type\": \"FeatureCollection\", \"features\": []}";
  g_autoptr(GBytes) plain_bytes = g_bytes_new_static (plain, strlen (plain));
  g_autoptr(GBytes) empty_bytes = g_bytes_new_static (empty, strlen (empty));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes (plain_bytes, "plain.geojson", &error);
  g_autoptr(DlStory) nothing = NULL;
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  DlFigureLayout layout;
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y;

  g_assert_no_error (error);
  options->width = 800;
  options->height = 600;
  options->basemap = FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpuint (layout.n_places, ==, 1);
  g_assert_cmpuint (layout.n_events, ==, 0);
  g_assert_cmpuint (layout.n_labels, ==, 1);
  dl_mercator_project (30.5234, 50.4501, layout.zoom, &x, &y);
  g_assert_cmpint (alpha_at (surface, x - layout.origin_x, y - layout.origin_y), ==, 255);
  cairo_surface_destroy (surface);

  nothing = dl_story_new_from_bytes (empty_bytes, "empty.geojson", &error);
  g_assert_no_error (error);
  surface = dl_figure_render_image (nothing, options, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (surface);
  cairo_surface_destroy (surface);
}

/* Where the story's places crowd at the fit of all of them (Syria, seen from a map that
 * reaches Washington), an inset shows them closer in, each named: the SVG's text layer has
 * "Northern front (Idlib)" inside the inset. It hides no marker of the main map and no
 * decoration. With one actor's events spread from London to Abu Dhabi, no inset. */
static void
test_inset (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-inset-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (svg);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(DlFilter) filter = dl_filter_new ();
  GListModel *places = dl_story_get_places (story);
  const char *uk[] = { "uk", NULL };
  const DlRect *decorations[5];
  DlFigureLayout layout;
  const char *text, *x;
  cairo_surface_t *surface;
  cairo_t *cr;

  options->width = 1920;
  options->height = 1080;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_cmpfloat (layout.inset.width, >, 200);
  g_assert_cmpfloat (layout.inset.height, >, 150);
  g_assert_cmpfloat (layout.inset.x, >=, 0);
  g_assert_cmpfloat (layout.inset.y, >=, 0);
  g_assert_cmpfloat (layout.inset.x + layout.inset.width, <=, options->width);
  g_assert_cmpfloat (layout.inset.y + layout.inset.height, <=, options->height);
  decorations[0] = &layout.title;
  decorations[1] = &layout.legend;
  decorations[2] = &layout.caption;
  decorations[3] = &layout.scale_bar;
  decorations[4] = &layout.attribution;
  for (guint i = 0; i < G_N_ELEMENTS (decorations); i++)
    g_assert_false (dl_rect_intersects (&layout.inset, decorations[i]));
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlLonLat anchor = dl_place_get_anchor (place);
      double px, py;

      dl_mercator_project (anchor.lon, anchor.lat, layout.zoom, &px, &py);
      g_assert_false (in_rect (&layout.inset, px - layout.origin_x, py - layout.origin_y, 12));
    }

  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_SVG, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  /* The name's first word, where its (maybe wrapped) label starts. */
  text = strstr (contents, ">Northern");
  g_assert_nonnull (text);
  while (text > contents && strncmp (text, "<text ", 6) != 0)
    text--;
  x = strstr (text, "x=\"");
  g_assert_nonnull (x);
  g_assert_true (in_rect (&layout.inset, g_ascii_strtod (x + 3, NULL),
                          g_ascii_strtod (strstr (x, "y=\"") + 3, NULL), 0));
  g_unlink (svg);
  g_rmdir (dir);

  dl_filter_set_actors (filter, uk);
  dl_figure_options_set_filter (options, filter);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (layout.inset.width, ==, 0);
}

/* The <text> items of an SVG's text layer, in file order: text, x, y. */
typedef struct
{
  char  *text;
  double x;
  double y;
} SvgText;

static void
svg_text_clear (gpointer data)
{
  g_free (((SvgText *) data)->text);
}

static GArray *
svg_texts (const char *contents)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (SvgText));
  const char *layer = strstr (contents, "<g id=\"dateline-text\"");

  g_array_set_clear_func (items, svg_text_clear);
  g_assert_nonnull (layer);
  for (const char *p = strstr (layer, "<text "); p != NULL; p = strstr (p + 1, "<text "))
    {
      const char *open_end = strchr (p, '>');
      const char *close = strstr (p, "</text>");
      SvgText item;

      g_assert_nonnull (open_end);
      g_assert_nonnull (close);
      item.x = g_ascii_strtod (strstr (p, "x=\"") + 3, NULL);
      item.y = g_ascii_strtod (strstr (p, "y=\"") + 3, NULL);
      item.text = g_strndup (open_end + 1, close - open_end - 1);
      g_array_append_val (items, item);
    }
  return items;
}

/* At 1920 × 1080 the caption lists every event of the bundled story, numbered 1 to the
 * last from top to bottom, each with its title: it never ends in "and 3 more events". */
static void
test_caption_complete (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("dateline-caption-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (svg);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GArray) items = NULL;
  GListModel *events = dl_story_get_events (story);
  guint n_events = g_list_model_get_n_items (events);
  DlFigureLayout layout;
  double last_y = -1;
  cairo_surface_t *surface;
  cairo_t *cr;

  options->width = 1920;
  options->height = 1080;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_SVG, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  items = svg_texts (contents);

  for (guint i = 0; i < items->len; i++)
    g_assert_null (strstr (g_array_index (items, SvgText, i).text, "more event"));

  /* The numbers 1 … n run down the caption. */
  for (guint number = 1; number <= n_events; number++)
    {
      g_autofree char *wanted = g_strdup_printf ("%u", number);
      gboolean found = FALSE;

      for (guint i = 0; i < items->len && !found; i++)
        {
          const SvgText *item = &g_array_index (items, SvgText, i);

          if (g_str_equal (item->text, wanted) && in_rect (&layout.caption, item->x, item->y, 0))
            {
              g_assert_cmpfloat (item->y, >, last_y);
              last_y = item->y;
              found = TRUE;
            }
        }
      g_test_message ("caption number %u", number);
      g_assert_true (found);
    }

  /* Each event's title begins a line of the caption. */
  for (guint e = 0; e < n_events; e++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, e);
      g_autofree char *escaped = g_markup_escape_text (dl_event_get_title (event), -1);
      g_autofree char *head = g_strndup (escaped, 12);
      gboolean found = FALSE;

      for (guint i = 0; i < items->len && !found; i++)
        {
          const SvgText *item = &g_array_index (items, SvgText, i);

          found = strstr (item->text, head) != NULL
                  && in_rect (&layout.caption, item->x, item->y, 0);
        }
      g_test_message ("caption title %s", head);
      g_assert_true (found);
    }
  g_unlink (svg);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/figure/sizes", test_sizes);
  g_test_add_func ("/figure/size-limits", test_size_limits);
  g_test_add_func ("/figure/transparent-overlay", test_transparent_overlay);
  g_test_add_func ("/figure/filtered-place", test_filtered_place);
  g_test_add_func ("/figure/fit", test_fit);
  g_test_add_func ("/figure/inset", test_inset);
  g_test_add_func ("/figure/caption-complete", test_caption_complete);
  g_test_add_func ("/figure/scale-bar-maths", test_scale_bar_maths);
  g_test_add_func ("/figure/format-from-path", test_format_from_path);
  g_test_add_func ("/figure/svg-readback", test_svg_readback);
  g_test_add_func ("/figure/pdf-readback", test_pdf_readback);
  g_test_add_func ("/figure/save-atomic", test_save_atomic);
  g_test_add_func ("/figure/progress", test_progress);
  g_test_add_func ("/figure/plain-geojson", test_plain_geojson);

  return g_test_run ();
}
