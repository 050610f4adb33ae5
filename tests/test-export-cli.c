/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "dl-export-cli.h"

/* The built `dateline`, from meson (DATELINE_EXE). */
static const char *exe;
static char *tmpdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Runs `dateline ARGS…` with no display at all. */
static void
run_dateline (Run        *run,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  envp = g_environ_unsetenv (envp, "GDK_BACKEND");

  g_ptr_array_add (argv, (gpointer) exe);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_assert_true (g_spawn_sync (tmpdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
}

static int
exit_code (const Run *run)
{
  g_assert_true (WIFEXITED (run->status));
  return WEXITSTATUS (run->status);
}

/* Exit 1 and exactly one line on stderr, nothing on stdout. */
static void
assert_one_line_error (const Run  *run,
                       const char *contains)
{
  const char *newline = strchr (run->err, '\n');

  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (exit_code (run), ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  if (contains != NULL)
    g_assert_nonnull (strstr (run->err, contains));
}

static void
assert_success (const Run *run)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (exit_code (run), ==, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, "");
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static int
alpha_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int ix = (int) floor (x), iy = (int) floor (y);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  return (*(const guint32 *) (data + iy * stride + ix * 4)) >> 24;
}

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
  g_autofree char *out = tmp_path ("overlay.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  double x, y;
  Run run;

  /* Damascus (33.5102 N, 36.29128 E in the bundled story), Moscow far outside. */
  run_dateline (&run, arg, "--size=1600x1000", "--basemap=none", "--center=34.5,37.5",
                "--zoom=6", NULL);
  assert_success (&run);
  run_clear (&run);

  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1000);

  pixel_of (33.5102, 36.29128, 34.5, 37.5, 6, 1600, 1000, &x, &y);
  g_assert_cmpint (alpha_at (surface, x, y), ==, 255);
  g_assert_cmpint (alpha_at (surface, x + 6, y), ==, 255);
  g_assert_cmpint (alpha_at (surface, x, y - 6), ==, 255);
  /* Egypt, far from every place of the story and from the title, legend and caption:
   * transparent. */
  pixel_of (31, 30, 34.5, 37.5, 6, 1600, 1000, &x, &y);
  for (int dy = -40; dy <= 40; dy += 10)
    for (int dx = -40; dx <= 40; dx += 10)
      g_assert_cmpint (alpha_at (surface, x + dx, y + dy), ==, 0);
  cairo_surface_destroy (surface);
  g_unlink (out);
}

static void
test_png_scale (void)
{
  g_autofree char *out = tmp_path ("scaled.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  Run run;

  run_dateline (&run, arg, "--size=400x300", "--scale=2", NULL);
  assert_success (&run);
  run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  /* With the base map the figure is opaque everywhere. */
  g_assert_cmpint (alpha_at (surface, 400, 300), ==, 255);
  g_assert_cmpint (alpha_at (surface, 5, 595), ==, 255);
  cairo_surface_destroy (surface);
  g_unlink (out);
}

static void
test_actor_filter (void)
{
  g_autofree char *out = tmp_path ("israel.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  Run run;

  /* Centred on Moscow (55.75204 N, 37.61781 E): Russia's events put a marker there … */
  run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--actor=russia", NULL);
  assert_success (&run);
  run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (alpha_at (surface, 300, 200), ==, 255);
  cairo_surface_destroy (surface);

  /* … Israel's and the United States' do not: nothing is drawn there. */
  run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--actor=israel", "--actor=usa", NULL);
  assert_success (&run);
  run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  for (int dy = -30; dy <= 30; dy += 5)
    for (int dx = -40; dx <= 40; dx += 5)
      g_assert_cmpint (alpha_at (surface, 300 + dx, 200 + dy), ==, 0);
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
  g_autofree char *svg = tmp_path ("figure.svg");
  g_autofree char *pdf = tmp_path ("figure.pdf");
  g_autofree char *png = tmp_path ("from-svg.png");
  g_autofree char *svg_arg = g_strdup_printf ("--export=%s", svg);
  g_autofree char *pdf_arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  cairo_surface_t *surface;
  Run run;

  if (rsvg == NULL || pdftotext == NULL)
    {
      g_test_skip ("rsvg-convert and pdftotext are needed (make test installs them)");
      return;
    }

  run_dateline (&run, svg_arg, "--size=1000x700", "--title=Exiled to Moscow", NULL);
  assert_success (&run);
  run_clear (&run);
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

  run_dateline (&run, pdf_arg, "--size=1000x700", "--title=Exiled to Moscow", NULL);
  assert_success (&run);
  run_clear (&run);
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
  g_autofree char *out = tmp_path ("never.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  g_autofree char *broken = tmp_path ("broken.geojson");
  g_autofree char *dir_arg = NULL;
  Run run;

  run_dateline (&run, arg, "--actor=nobody", NULL);
  assert_one_line_error (&run, "nobody");
  run_clear (&run);

  run_dateline (&run, arg, "--size=big", NULL);
  assert_one_line_error (&run, "big");
  run_clear (&run);

  run_dateline (&run, arg, "--size=40000x100", NULL);
  assert_one_line_error (&run, NULL);
  run_clear (&run);

  run_dateline (&run, arg, "--center=33,36", NULL);
  assert_one_line_error (&run, "--zoom");
  run_clear (&run);

  run_dateline (&run, arg, "--center=133,36", "--zoom=5", NULL);
  assert_one_line_error (&run, "133,36");
  run_clear (&run);

  run_dateline (&run, arg, "--center=33,36", "--zoom=99", NULL);
  assert_one_line_error (&run, "99");
  run_clear (&run);

  run_dateline (&run, arg, "--basemap=satellite", NULL);
  assert_one_line_error (&run, "satellite");
  run_clear (&run);

  run_dateline (&run, "--export=figure.jpg", NULL);
  assert_one_line_error (&run, "figure.jpg");
  run_clear (&run);

  run_dateline (&run, "--export=/nonexistent-dateline-dir/figure.png", NULL);
  assert_one_line_error (&run, "/nonexistent-dateline-dir/figure.png");
  run_clear (&run);

  /* A broken story: its own FILE:LINE:COL message. */
  g_assert_true (g_file_set_contents (broken, "{\n  \"type\": \"FeatureCollection\",\n  oops\n}\n",
                                      -1, NULL));
  run_dateline (&run, arg, broken, NULL);
  assert_one_line_error (&run, "broken.geojson:3:");
  run_clear (&run);

  run_dateline (&run, arg, "missing.geojson", NULL);
  assert_one_line_error (&run, "missing.geojson");
  run_clear (&run);

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

  exe = g_getenv ("DATELINE_EXE");
  tmpdir = g_dir_make_tmp ("dateline-export-cli-XXXXXX", NULL);

  g_test_add_func ("/export-cli/parse-size", test_parse_size);
  g_test_add_func ("/export-cli/parse-center", test_parse_center);
  /* meson passes the built executable; without it the command cannot be tested. */
  g_assert_nonnull (exe);
  g_assert_true (g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE));
  g_test_add_func ("/export-cli/png-basemap-none", test_png_basemap_none);
  g_test_add_func ("/export-cli/png-scale", test_png_scale);
  g_test_add_func ("/export-cli/actor-filter", test_actor_filter);
  g_test_add_func ("/export-cli/vectors", test_vectors);
  g_test_add_func ("/export-cli/errors", test_errors);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
