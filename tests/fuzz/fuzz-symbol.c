/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for what draws a plain map's marker-symbol and keeps names off its
 * lines: any bytes as SVG path data (the reader of data/symbols/maki.txt), as a
 * marker-symbol drawn in a disc, and as a polyline turned into label obstacles. Cairo
 * must stay error-free (an error would blank the rest of a figure), and the obstacles
 * must be finite, within the budget and near the bounds.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-symbol
 *   make fuzz FUZZ_TARGET=fuzz-symbol
 */
#define G_LOG_DOMAIN "fuzz-symbol"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dl-line-obstacles.h"
#include "dl-marker-symbol.h"
#include "dl-symbol.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_obstacles (const uint8_t *data,
                 size_t         size)
{
  guint n = MIN (size / (2 * sizeof (float)), 64);
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree double *ys = g_new (double, MAX (n, 1));
  g_autoptr(GArray) discs = g_array_new (FALSE, FALSE, sizeof (DlLabelObstacle));
  DlRect bounds = { 0, 0, 320, 200 };
  double radius = size > 0 ? 1 + data[0] % 16 : 4;
  guint added;

  for (guint i = 0; i < n; i++)
    {
      float x, y;

      memcpy (&x, data + 8 * i, sizeof x);
      memcpy (&y, data + 8 * i + 4, sizeof y);
      xs[i] = x;
      ys[i] = y;
    }
  added = dl_line_obstacles_append (discs, xs, ys, n, radius, &bounds, 5000);
  g_assert_cmpuint (added, ==, discs->len);
  g_assert_cmpuint (added, <=, 5000);
  for (guint i = 0; i < discs->len; i++)
    {
      DlLabelObstacle *disc = &g_array_index (discs, DlLabelObstacle, i);

      g_assert_true (isfinite (disc->x) && isfinite (disc->y));
      g_assert_true (disc->x >= -2 * radius && disc->x <= 320 + 2 * radius);
      g_assert_true (disc->y >= -2 * radius && disc->y <= 200 + 2 * radius);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (surface);
  static const double colors[][3] = { { 0.1, 0.37, 0.7 }, { 0.96, 0.83, 0.18 } };

  /* path data at any scale, tiny ones too */
  cairo_save (cr);
  cairo_scale (cr, size % 3 == 0 ? 1e-3 : 4, 4);
  dl_symbol_append_svg_path (cr, text);
  cairo_fill (cr);
  cairo_restore (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* the bytes as a marker-symbol: drawn only when it is an icon or a short text */
  if (dl_symbol_draw (cr, text, 32, 32, 20, colors[size % 2]))
    g_assert_cmpint (dl_marker_symbol_classify (text), !=, DL_MARKER_SYMBOL_NONE);
  else
    g_assert_cmpint (dl_marker_symbol_classify (text), ==, DL_MARKER_SYMBOL_NONE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  check_obstacles (data, size);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
