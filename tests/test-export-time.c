/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dl-test-cli.h"

/* Whether some pixel of the rectangle has the colour #rrggbb (opaque, within a little). */
static gboolean
has_colour (cairo_surface_t *surface,
            int              x0,
            int              y0,
            int              x1,
            int              y1,
            guint32          rgb)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);

        if ((p >> 24) == 255
            && ABS ((int) ((p >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff)) <= 3
            && ABS ((int) ((p >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff)) <= 3
            && ABS ((int) (p & 0xff) - (int) (rgb & 0xff)) <= 3)
          return TRUE;
      }
  return FALSE;
}

/* Centred on Moscow: its marker (Assad's arrival, asylum, 8 Dec 2024) is there from
 * 8 December on, and gone from a figure that stops on the 7th. */
static void
test_time_range_markers (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("moscow.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  DlTestRun run;

  dl_test_run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--time=2024-12-08/", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (dl_test_alpha_at (surface, 300, 200), ==, 255);
  cairo_surface_destroy (surface);

  dl_test_run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--time=/2024-12-07", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  for (int dy = -30; dy <= 30; dy += 5)
    for (int dx = -40; dx <= 40; dx += 5)
      g_assert_cmpint (dl_test_alpha_at (surface, 300 + dx, 200 + dy), ==, 0);
  cairo_surface_destroy (surface);

  /* a single day is the range it covers */
  dl_test_run_dateline (&run, arg, "--size=600x400", "--basemap=none", "--center=55.75204,37.61781",
                "--zoom=7", "--time=2024-12-08", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (dl_test_alpha_at (surface, 300, 200), ==, 255);
  cairo_surface_destroy (surface);
  g_unlink (out);
}

/* --timeline adds the strip under the map, with a mark in the colour of each shown
 * event's main actor; --time leaves only the marks in range. */
static void
test_timeline_band (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("band.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  cairo_surface_t *surface;
  DlTestRun run;

  dl_test_run_dateline (&run, arg, "--size=1200x800", "--basemap=none", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (dl_test_alpha_at (surface, 600, 797), ==, 0);
  cairo_surface_destroy (surface);

  dl_test_run_dateline (&run, arg, "--size=1200x800", "--basemap=none", "--timeline", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (dl_test_alpha_at (surface, 600, 797), ==, 255);
  /* Israel (#0061cf) and the United Kingdom (#ff33c2) both have marks in the band */
  g_assert_true (has_colour (surface, 0, 700, 1200, 800, 0x0061cf));
  g_assert_true (has_colour (surface, 0, 700, 1200, 800, 0xff33c2));
  cairo_surface_destroy (surface);

  /* 9 December: only the United Kingdom's event */
  dl_test_run_dateline (&run, arg, "--size=1200x800", "--basemap=none", "--timeline",
                "--time=2024-12-09/", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_false (has_colour (surface, 0, 700, 1200, 800, 0x0061cf));
  g_assert_true (has_colour (surface, 0, 700, 1200, 800, 0xff33c2));
  cairo_surface_destroy (surface);
  g_unlink (out);
}

/* The leftmost and rightmost x of the pixels of colour @rgb in a band, or FALSE. */
static gboolean
colour_extent (cairo_surface_t *surface,
               int              y0,
               int              y1,
               guint32          rgb,
               int             *left,
               int             *right)
{
  int width = cairo_image_surface_get_width (surface);

  *left = -1;
  *right = -1;
  for (int x = 0; x < width; x++)
    if (has_colour (surface, x, y0, x + 1, y1, rgb))
      {
        if (*left < 0)
          *left = x;
        *right = x;
      }
  return *left >= 0;
}

/* In a story written right to left, the strip's time runs right to left: 1967 (Israel,
 * #0061cf) on the right, 9 December 2024 (the United Kingdom, #ff33c2) on the left. */
static void
test_timeline_rtl (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "stories",
                                                   "assad-moscow-2024.geojson", NULL);
  g_autofree char *story = dl_test_cli_tmp_path ("arabic.geojson");
  g_autofree char *out = dl_test_cli_tmp_path ("arabic.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  g_autofree char *text = NULL;
  g_autoptr(GString) arabic = NULL;
  cairo_surface_t *surface;
  int ltr_israel_left, ltr_israel_right, ltr_uk_left, ltr_uk_right;
  int israel_left, israel_right, uk_left, uk_right;
  DlTestRun run;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  arabic = g_string_new (text);
  g_assert_cmpuint (g_string_replace (arabic, "\"language\": \"en\"", "\"language\": \"ar\"",
                                      1), ==, 1);
  g_assert_true (g_file_set_contents (story, arabic->str, -1, NULL));

  dl_test_run_dateline (&run, arg, "--size=1200x800", "--basemap=none", "--timeline", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_true (colour_extent (surface, 700, 800, 0x0061cf, &ltr_israel_left,
                                &ltr_israel_right));
  g_assert_true (colour_extent (surface, 700, 800, 0xff33c2, &ltr_uk_left, &ltr_uk_right));
  cairo_surface_destroy (surface);
  /* left to right: 1967 leftmost, 9 December rightmost */
  g_assert_cmpint (ltr_israel_left, <, ltr_uk_left);
  g_assert_cmpint (ltr_israel_right, <, ltr_uk_right);

  dl_test_run_dateline (&run, arg, "--size=1200x800", "--basemap=none", "--timeline", story, NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_true (colour_extent (surface, 700, 800, 0x0061cf, &israel_left, &israel_right));
  g_assert_true (colour_extent (surface, 700, 800, 0xff33c2, &uk_left, &uk_right));
  cairo_surface_destroy (surface);
  /* the earliest mark (Israel, 1967) is the rightmost, the latest (9 Dec) the leftmost */
  g_assert_cmpint (israel_right, >, uk_right);
  g_assert_cmpint (uk_left, <, israel_left);
  g_unlink (out);
  g_unlink (story);
}

/* A figure of a time range says which in its subtitle. */
static void
test_subtitle (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("range.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", out, "-", NULL };
  DlTestRun run;

  dl_test_run_dateline (&run, arg, "--size=1200x800", "--time=2024-12-07/2024-12-08", NULL);
  dl_test_run_assert_success (&run);
  dl_test_run_clear (&run);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, NULL, NULL));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "7–8 Dec 2024"));
  g_assert_nonnull (strstr (text, "of 35 events shown"));
  g_unlink (out);
}

static void
test_bad_time (void)
{
  g_autofree char *out = dl_test_cli_tmp_path ("never.png");
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  const char *cases[][2] = {
    { "--time=yesterday/", "yesterday" },
    { "--time=2024-12-09/2024-12-01", "ends before it starts" },
    { "--time=/", "START/END" },
    { "--time=2024-02-30", "2024-02-30" },
    { "--time=2024-12-07/2024-12-08/2024-12-09", "START/END" },
    { "--time=", "ISO 8601" },
  };
  DlTestRun run;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      dl_test_run_dateline (&run, arg, cases[i][0], NULL);
      dl_test_run_assert_one_line_error (&run, cases[i][1]);
      g_assert_nonnull (strstr (run.err, "--time"));
      dl_test_run_clear (&run);
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dl_test_cli_init ("export-time");

  g_test_add_func ("/export-time/range-markers", test_time_range_markers);
  g_test_add_func ("/export-time/timeline-band", test_timeline_band);
  g_test_add_func ("/export-time/subtitle", test_subtitle);
  g_test_add_func ("/export-time/timeline-rtl", test_timeline_rtl);
  g_test_add_func ("/export-time/bad-values", test_bad_time);

  status = g_test_run ();
  dl_test_cli_cleanup ();
  return status;
}
