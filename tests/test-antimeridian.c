/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exported figures around 180°: Fiji framed as one compact view with every marker in it,
 * a line crossing 180° drawn in one piece, and the base map on both sides of 180°. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-antimeridian"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "dl-basemap.h"
#include "dl-figure.h"
#include "dl-mercator.h"
#include "dl-place.h"
#include "dl-story.h"

static DlStory *
load_interop (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "interop", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static cairo_surface_t *
draw (DlStory         *story,
      DlFigureOptions *options,
      DlFigureLayout  *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width,
                                                         options->height);
  cairo_t *cr = cairo_create (surface);

  dl_figure_draw (story, options, cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       double          *r,
       double          *g,
       double          *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 p = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);

  *r = ((p >> 16) & 0xff) / 255.0;
  *g = ((p >> 8) & 0xff) / 255.0;
  *b = (p & 0xff) / 255.0;
}

/* Where a position is in the figure: in the copy of the world nearest the view's centre. */
static void
figure_position (const DlFigureLayout *layout,
                 int                   width,
                 DlLonLat              p,
                 double               *fx,
                 double               *fy)
{
  double world = dl_mercator_world_size (layout->zoom);
  double x, y, center = layout->origin_x + width / 2.0;

  dl_mercator_project (p.lon, p.lat, layout->zoom, &x, &y);
  x += world * round ((center - x) / world);
  *fx = x - layout->origin_x;
  *fy = y - layout->origin_y;
}

static void
test_fiji_fit (void)
{
  g_autoptr(DlStory) story = load_interop ("fiji-places.geojson");
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  GListModel *places = dl_story_get_places (story);
  DlFigureLayout layout;
  cairo_surface_t *surface;

  options->width = 800;
  options->height = 500;
  options->show_title = FALSE;
  options->legend = FALSE;
  options->scale_bar = FALSE;
  options->labels = FALSE;
  surface = draw (story, options, &layout);

  /* a few degrees: zoom 7 or so, not the whole world (zoom 1) */
  g_test_message ("zoom %g", layout.zoom);
  g_assert_cmpfloat (layout.zoom, >=, 6);
  g_assert_cmpuint (layout.n_places, ==, 4);

  /* Suva and Nadi west of 180°, Taveuni and Lakeba east of it: every marker is drawn, a
   * dark disc on the sea and land */
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      double fx, fy, r, g, b;

      figure_position (&layout, options->width, dl_place_get_anchor (place), &fx, &fy);
      g_test_message ("%s at %.0f,%.0f", dl_place_get_name (place), fx, fy);
      g_assert_cmpfloat (fx, >, 0);
      g_assert_cmpfloat (fx, <, options->width);
      g_assert_cmpfloat (fy, >, 0);
      g_assert_cmpfloat (fy, <, options->height);
      pixel (surface, (int) fx, (int) fy, &r, &g, &b);
      g_assert_cmpfloat (0.3 * r + 0.59 * g + 0.11 * b, <, 0.5);
    }
  cairo_surface_destroy (surface);
}

/* RFC 7946 §3.1.9: a line split at 180°, drawn as one line across it. */
static void
test_split_line (void)
{
  g_autoptr(DlStory) story = load_interop ("rfc7946-3.1.9-antimeridian-line.geojson");
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  DlFigureLayout layout;
  cairo_surface_t *surface;
  double fx170, fx180, fx_170, fy;
  guint dark = 0;

  options->width = 800;
  options->height = 500;
  options->basemap = FALSE;
  options->show_title = FALSE;
  options->labels = FALSE;
  options->scale_bar = FALSE;
  surface = draw (story, options, &layout);

  g_assert_cmpfloat (layout.zoom, >=, 3);
  figure_position (&layout, options->width, (DlLonLat) { 170, 45 }, &fx170, &fy);
  figure_position (&layout, options->width, (DlLonLat) { 180, 45 }, &fx180, &fy);
  figure_position (&layout, options->width, (DlLonLat) { -170, 45 }, &fx_170, &fy);
  /* west to east: 170°E, the date line, 170°W, all in the figure */
  g_assert_cmpfloat (fx170, >, 0);
  g_assert_cmpfloat (fx170, <, fx180);
  g_assert_cmpfloat (fx180, <, fx_170);
  g_assert_cmpfloat (fx_170, <, options->width);

  /* the line is drawn on both sides of 180° (routes bow: look a band around 45°N) */
  for (int side = 0; side < 2; side++)
    {
      int x = side == 0 ? (int) ((fx170 + fx180) / 2) : (int) ((fx180 + fx_170) / 2);

      for (int y = MAX ((int) fy - 80, 0); y < MIN ((int) fy + 80, options->height); y++)
        {
          const guint8 *data = cairo_image_surface_get_data (surface);
          guint32 p = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface)
                                          + 4 * x);

          if ((p >> 24) > 0x80)
            {
              dark++;
              break;
            }
        }
    }
  g_assert_cmpuint (dark, ==, 2);
  cairo_surface_destroy (surface);
}

/* --center=45,180: the base map goes on east of 180° (it stopped there before). */
static void
test_basemap_past_180 (void)
{
  g_autoptr(DlStory) story = load_interop ("fiji-places.geojson");
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  DlFigureLayout layout;
  cairo_surface_t *surface;
  double sea[3];
  guint land[2] = { 0, 0 };

  if (dl_basemap_get_default () == NULL)
    {
      g_test_skip ("no base map in this build");
      return;
    }
  options->width = 800;
  options->height = 500;
  options->fit = FALSE;
  options->center_lat = 45;
  options->center_lon = 180;
  options->zoom = 3;
  options->show_title = FALSE;
  options->legend = FALSE;
  options->scale_bar = FALSE;
  options->labels = FALSE;
  options->callouts = FALSE;
  surface = draw (story, options, &layout);
  dl_basemap_get_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_SEA, &sea[0], &sea[1], &sea[2]);

  /* land (not sea) on both halves: Asia west of 180°, Alaska east of it */
  for (int y = 0; y < options->height; y += 4)
    for (int x = 0; x < options->width; x += 4)
      {
        double r, g, b;

        pixel (surface, x, y, &r, &g, &b);
        if (fabs (r - sea[0]) + fabs (g - sea[1]) + fabs (b - sea[2]) > 0.1)
          land[x >= options->width / 2]++;
      }
  g_test_message ("not sea: %u west, %u east", land[0], land[1]);
  g_assert_cmpuint (land[0], >, 500);
  g_assert_cmpuint (land[1], >, 500);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/antimeridian/fiji-fit", test_fiji_fit);
  g_test_add_func ("/antimeridian/split-line", test_split_line);
  g_test_add_func ("/antimeridian/basemap-past-180", test_basemap_past_180);

  return g_test_run ();
}
