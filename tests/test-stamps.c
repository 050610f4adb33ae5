/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Markers copied from stamps (dl-stamps.h) look like markers drawn as paths: pixel for
 * pixel within antialiasing, at any position between pixels and at any scale; a vector
 * target keeps its paths; and a dense figure's PNG, which copies its markers, shows the
 * same picture as the same figure drawn as paths. */
#include "config.h"

#include <math.h>

#include "dl-figure.h"
#include "dl-stamps.h"

typedef struct
{
  double radius;
  double red, green, blue;
} Look;

static void
draw_look (cairo_t       *cr,
           double         x,
           double         y,
           gconstpointer  data)
{
  const Look *look = data;

  cairo_arc (cr, x, y + 1.5, look->radius + 1.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);
  cairo_arc (cr, x, y, look->radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, look->red, look->green, look->blue);
  cairo_fill (cr);
}

/* The largest difference of one channel between two same-sized images, and the mean. */
static int
compare_images (cairo_surface_t *a,
                cairo_surface_t *b,
                double          *mean)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int worst = 0;
  double sum = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < 4 * width; x++)
      {
        int d = abs (pa[y * stride + x] - pb[y * stride + x]);

        worst = MAX (worst, d);
        sum += d;
      }
  *mean = sum / (4.0 * width * height);
  return worst;
}

static cairo_surface_t *
white_image (int       width,
             int       height,
             cairo_t **cr)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  *cr = cairo_create (image);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return image;
}

static void
test_same_pixels (void)
{
  const Look looks[] = { { 4, 0.8, 0.1, 0.1 }, { 6.5, 0.1, 0.3, 0.9 }, { 3, 0.2, 0.2, 0.2 } };
  const double scales[] = { 1, 2, 1.5 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (17 + s);
      cairo_t *paths_cr, *stamps_cr;
      cairo_surface_t *paths = white_image (300 * scales[s], 200 * scales[s], &paths_cr);
      cairo_surface_t *stamped = white_image (300 * scales[s], 200 * scales[s], &stamps_cr);
      g_autoptr(DlStamps) stamps = NULL;
      double mean;
      int worst;

      cairo_scale (paths_cr, scales[s], scales[s]);
      cairo_scale (stamps_cr, scales[s], scales[s]);
      stamps = dl_stamps_new (stamps_cr);
      g_assert_nonnull (stamps);
      for (guint i = 0; i < 400; i++)
        {
          const Look *look = &looks[g_rand_int_range (rand, 0, G_N_ELEMENTS (looks))];
          double x = g_rand_double_range (rand, -10, 310);
          double y = g_rand_double_range (rand, -10, 210);

          draw_look (paths_cr, x, y, look);
          g_assert_true (dl_stamps_paint (stamps, x, y, look->radius + 3.5, look,
                                          sizeof *look, draw_look));
        }
      cairo_surface_flush (paths);
      cairo_surface_flush (stamped);
      worst = compare_images (paths, stamped, &mean);
      /* An eighth of a pixel off at most: edges differ a little, nothing else. */
      g_test_message ("scale %g: worst %d, mean %.3f", scales[s], worst, mean);
      g_assert_cmpint (worst, <=, 80);
      g_assert_cmpfloat (mean, <, 1.0);
      cairo_destroy (paths_cr);
      cairo_destroy (stamps_cr);
      cairo_surface_destroy (paths);
      cairo_surface_destroy (stamped);
    }
}

static void
test_vectors_keep_paths (void)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                               NULL);
  cairo_t *cr = cairo_create (recording);
  cairo_surface_t *image;
  const Look look = { 4, 1, 0, 0 };
  DlStamps *stamps;

  g_assert_null (dl_stamps_new (cr));
  cairo_destroy (cr);
  cairo_surface_destroy (recording);

  /* a turned image */
  image = white_image (50, 50, &cr);
  cairo_rotate (cr, 0.3);
  g_assert_null (dl_stamps_new (cr));
  cairo_identity_matrix (cr);
  /* a look too big to be worth a copy */
  stamps = dl_stamps_new (cr);
  g_assert_nonnull (stamps);
  g_assert_false (dl_stamps_paint (stamps, 25, 25, 200, &look, sizeof look, draw_look));
  g_assert_false (dl_stamps_paint (stamps, NAN, 25, 5, &look, sizeof look, draw_look));
  g_assert_true (dl_stamps_paint (stamps, 25, 25, 5, &look, sizeof look, draw_look));
  dl_stamps_free (stamps);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
}

/* A plain map of @n places on a grid over Europe, in three colours. */
static DlStory *
dense_story (guint n)
{
  const char *colours[] = { "#d62728", "#1f77b4", "#2ca02c" };
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *story;

  for (guint i = 0; i < n; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (lon, sizeof lon, -5 + 30.0 * (i % 60) / 60 + 0.013 * (i % 7));
      g_ascii_dtostr (lat, sizeof lat, 38 + 20.0 * (i / 60) / (n / 60.0) + 0.017 * (i % 5));
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"P%u\","
                              "\"marker-color\":\"%s\"},\"geometry\":{\"type\":\"Point\","
                              "\"coordinates\":[%s,%s]}}", i > 0 ? "," : "", i,
                              colours[i % 3], lon, lat);
    }
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "dense.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static void
test_dense_figure (void)
{
  g_autoptr(DlStory) story = dense_story (3000);
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  cairo_surface_t *image, *recording, *paths, *stamped;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;
  DlFigureLayout layout;
  double mean;
  int worst;

  options->width = 800;
  options->height = 600;
  options->basemap = FALSE;

  /* the PNG's way: copies */
  image = dl_figure_render_image (story, options, 1, &error);
  g_assert_no_error (error);
  stamped = white_image (800, 600, &cr);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_flush (stamped);

  /* the vectors' way, then turned into pixels: paths */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                              &(cairo_rectangle_t) { 0, 0, 800, 600 });
  cr = cairo_create (recording);
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  g_assert_cmpuint (layout.n_places, ==, 3000);
  paths = white_image (800, 600, &cr);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (paths);

  worst = compare_images (paths, stamped, &mean);
  g_test_message ("dense figure: worst %d, mean %.3f", worst, mean);
  /* thousands of overlapping edges, each a little off; no marker out of place */
  g_assert_cmpint (worst, <=, 80);
  g_assert_cmpfloat (mean, <, 3.0);
  cairo_surface_destroy (recording);
  cairo_surface_destroy (paths);
  cairo_surface_destroy (stamped);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stamps/same-pixels", test_same_pixels);
  g_test_add_func ("/stamps/vectors-keep-paths", test_vectors_keep_paths);
  g_test_add_func ("/stamps/dense-figure", test_dense_figure);
  return g_test_run ();
}
