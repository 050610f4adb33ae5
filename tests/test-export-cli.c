/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "dl-export-cli.h"
#include "dl-test-cli.h"

/* Pixel of (lat, lon) in a WIDTH×HEIGHT figure centred on (clat, clon) at zoom. */
static void
pixel_of (double  lat,
          double  lon,
          double  clat,
          double  clon,
          double  zoom,
          int     width,
          int     height,
          double *x,
          double *y)
{
  double size = 256 * exp2 (zoom);
  double mx = (lon - clon) / 360 * size;
  double my = (log (tan (clat * G_PI / 180) + 1 / cos (clat * G_PI / 180))
               - log (tan (lat * G_PI / 180) + 1 / cos (lat * G_PI / 180))) / (2 * G_PI) * size;

  *x = width / 2.0 + mx;
  *y = height / 2.0 + my;
}

/* Parsing */

static void
test_parse_size (void)
{
  int w, h;
  const char *bad[] = { "", "1920", "1920x", "x1080", "0x100", "100x0", "8x8", "-5x100",
                        "1e3x100", "99999x100", "1920x1080x3", "abc" };

  g_assert_true (dl_export_parse_size ("1920x1080", &w, &h, NULL));
  g_assert_cmpint (w, ==, 1920);
  g_assert_cmpint (h, ==, 1080);
  g_assert_true (dl_export_parse_size ("8000×8000", &w, &h, NULL));
  g_assert_cmpint (w, ==, 8000);
  g_assert_true (dl_export_parse_size ("3508X2480", &w, &h, NULL));
  g_assert_cmpint (h, ==, 2480);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (dl_export_parse_size (bad[i], &w, &h, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
    }
}

static void
test_parse_center (void)
{
  double lat, lon, zoom;
  const char *bad[] = { "", "33.5", "33.5,", ",36", "91,0", "0,181", "a,b", "1,2,3", "nan,0",
                        "inf,0" };

  g_assert_true (dl_export_parse_center ("33.5,36.3", &lat, &lon, NULL));
  g_assert_cmpfloat (lat, ==, 33.5);
  g_assert_cmpfloat (lon, ==, 36.3);
  g_assert_true (dl_export_parse_center (" -33.9 , 151.2 ", &lat, &lon, NULL));
  g_assert_cmpfloat (lon, ==, 151.2);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dl_export_parse_center (bad[i], &lat, &lon, NULL));

  g_assert_true (dl_export_parse_number ("5.5", "--zoom", 0, 22, &zoom, NULL));
  g_assert_cmpfloat (zoom, ==, 5.5);
  g_assert_false (dl_export_parse_number ("23", "--zoom", 0, 22, &zoom, NULL));
  g_assert_false (dl_export_parse_number ("five", "--zoom", 0, 22, &zoom, NULL));
}

/* The executable, without a display */

static void
test_png_basemap_none (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("overlay.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  double x, y;
  DlTestRun run;

  /* Damascus (33.5102 N, 36.29128 E in the bundled story), Moscow far outside. */
  dl_test_run_dateline (&run, arg, "--size=1600x1000", "--basemap=none", "--center=34.5,37.5",
                "--zoom=6", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);

  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1000);

  pixel_of (33.5102, 36.29128, 34.5, 37.5, 6, 1600, 1000, &x, &y);
  g_assert_cmpint (dl_test_alpha_at (surface, x, y), ==, 255);
  g_assert_cmpint (dl_test_alpha_at (surface, x + 6, y), ==, 255);
  g_assert_cmpint (dl_test_alpha_at (surface, x, y - 6), ==, 255);
  /* Egypt, far from every place of the story and from the title, legend and caption:
   * transparent. */
  pixel_of (31, 30, 34.5, 37.5, 6, 1600, 1000, &x, &y);
  for (int dy = -40; dy <= 40; dy += 10)
    for (int dx = -40; dx <= 40; dx += 10)
      g_assert_cmpint (dl_test_alpha_at (surface, x + dx, y + dy), ==, 0);
  cairo_surface_destroy (surface);
  g_unlink (out);
}

static void
test_png_scale (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("scaled.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  DlTestRun run;

  dl_test_run_dateline (&run, arg, "--size=400x300", "--scale=2", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  /* With the base map the figure is opaque everywhere. */
  g_assert_cmpint (dl_test_alpha_at (surface, 400, 300), ==, 255);
  g_assert_cmpint (dl_test_alpha_at (surface, 5, 595), ==, 255);
  cairo_surface_destroy (surface);
  g_unlink (out);
}

static void
test_actor_filter (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("israel.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  DlTestRun run;

  /* Centred on Moscow (55.75204 N, 37.61781 E): Russia's events put a marker there … */
  dl_test_run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--actor=russia", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (dl_test_alpha_at (surface, 300, 200), ==, 255);
  cairo_surface_destroy (surface);

  /* … Israel's and the United States' do not: nothing is drawn there. */
  dl_test_run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--actor=israel", "--actor=usa", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  for (int dy = -30; dy <= 30; dy += 5)
    for (int dx = -40; dx <= 40; dx += 5)
      g_assert_cmpint (dl_test_alpha_at (surface, 300 + dx, 200 + dy), ==, 0);
  cairo_surface_destroy (surface);
  g_unlink (out);
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_vectors (void)
{
  g_autofree char *svg = dl_test_cli_tmp_path ("figure.svg");
  g_autofree char *pdf = dl_test_cli_tmp_path ("figure.pdf");
  g_autofree char *png = dl_test_cli_tmp_path ("from-svg.png");
  g_autofree char *svg_arg = g_strdup_printf ("--export=%s", svg);
  g_autofree char *pdf_arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  cairo_surface_t *surface;
  DlTestRun run;

  if (rsvg == NULL || pdftotext == NULL)
    {
      g_test_skip ("rsvg-convert and pdftotext are needed (make test installs them)");
      return;
    }

  dl_test_run_dateline (&run, svg_arg, "--size=1000x700", "--title=Exiled to Moscow", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Exiled to Moscow"));
  {
    const char *argv[] = { "rsvg-convert", "-o", png, svg, NULL };
    g_autofree char *ignored = run_tool (argv);
  }
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 700);
  cairo_surface_destroy (surface);

  dl_test_run_dateline (&run, pdf_arg, "--size=1000x700", "--title=Exiled to Moscow", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };

    text = run_tool (argv);
  }
  g_assert_nonnull (strstr (text, "Exiled to Moscow"));

  g_unlink (svg);
  g_unlink (png);
  g_unlink (pdf);
}

static void
test_errors (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("never.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  g_autofree char *broken = dl_test_cli_tmp_path ("broken.geojson");
  g_autofree char *dir_arg = NULL;
  DlTestRun run;

  dl_test_run_dateline (&run, arg, "--actor=nobody", NULL);
  dl_test_run_assert_one_line_error (&run, "nobody");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "--size=big", NULL);
  dl_test_run_assert_one_line_error (&run, "big");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "--size=40000x100", NULL);
  dl_test_run_assert_one_line_error (&run, NULL);
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "--center=33,36", NULL);
  dl_test_run_assert_one_line_error (&run, "--zoom");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "--center=133,36", "--zoom=5", NULL);
  dl_test_run_assert_one_line_error (&run, "133,36");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "--center=33,36", "--zoom=99", NULL);
  dl_test_run_assert_one_line_error (&run, "99");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "--basemap=satellite", NULL);
  dl_test_run_assert_one_line_error (&run, "satellite");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, "--export=figure.jpg", NULL);
  dl_test_run_assert_one_line_error (&run, "figure.jpg");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, "--export=/nonexistent-dateline-dir/figure.png", NULL);
  dl_test_run_assert_one_line_error (&run, "/nonexistent-dateline-dir/figure.png");
  dl_test_run_clear (&run);

  /* A broken story: its own FILE:LINE:COL message. */
  g_assert_true (g_file_set_contents (broken, "{\n  \"type\": \"FeatureCollection\",\n  oops\n}\n",
                                      -1, NULL));
  dl_test_run_dateline (&run, arg, broken, NULL);
  dl_test_run_assert_one_line_error (&run, "broken.geojson:3:");
  dl_test_run_clear (&run);

  dl_test_run_dateline (&run, arg, "missing.geojson", NULL);
  dl_test_run_assert_one_line_error (&run, "missing.geojson");
  dl_test_run_clear (&run);

  /* Nothing was written by any of them. */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_unlink (broken);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dl_test_cli_init ("export-cli");

  g_test_add_func ("/export-cli/parse-size", test_parse_size);
  g_test_add_func ("/export-cli/parse-center", test_parse_center);
  g_test_add_func ("/export-cli/png-basemap-none", test_png_basemap_none);
  g_test_add_func ("/export-cli/png-scale", test_png_scale);
  g_test_add_func ("/export-cli/actor-filter", test_actor_filter);
  g_test_add_func ("/export-cli/vectors", test_vectors);
  g_test_add_func ("/export-cli/errors", test_errors);

  status = g_test_run ();
  dl_test_cli_cleanup ();
  return status;
}
