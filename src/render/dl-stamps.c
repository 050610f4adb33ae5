/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dl-stamps.h"

#include <math.h>
#include <string.h>

/* Phases between two pixels, in each direction. */
#define PHASES 4
/* Past these, drawing the paths is as cheap or the cache grows too big. */
#define MAX_LOOKS 4096
#define MAX_SIDE 128

struct _DlStamps
{
  cairo_t       *cr;
  cairo_matrix_t matrix;   /* @cr's, user units to pixels */
  double         scale;
  GHashTable    *looks;    /* GBytes (style, phase) → cairo_surface_t */
};

DlStamps *
dl_stamps_new (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  DlStamps *stamps;
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE || m.xy != 0 ||
      m.yx != 0 || m.xx != m.yy || m.xx <= 0)
    return NULL;

  stamps = g_new0 (DlStamps, 1);
  stamps->cr = cr;
  stamps->matrix = m;
  stamps->scale = m.xx;
  stamps->looks = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                         (GDestroyNotify) g_bytes_unref,
                                         (GDestroyNotify) cairo_surface_destroy);
  return stamps;
}

void
dl_stamps_free (DlStamps *stamps)
{
  if (stamps == NULL)
    return;
  g_hash_table_unref (stamps->looks);
  g_free (stamps);
}

/* The look at one phase, drawn with its centre @half + phase / PHASES pixels from the
 * image's top left corner. */
static cairo_surface_t *
draw_look (DlStamps      *stamps,
           int            side,
           int            half,
           int            phase_x,
           int            phase_y,
           gconstpointer  style,
           DlStampDraw    draw)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_t *cr = cairo_create (image);

  cairo_translate (cr, half + (double) phase_x / PHASES, half + (double) phase_y / PHASES);
  cairo_scale (cr, stamps->scale, stamps->scale);
  draw (cr, 0, 0, style);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

gboolean
dl_stamps_paint (DlStamps      *stamps,
                 double         x,
                 double         y,
                 double         reach,
                 gconstpointer  style,
                 gsize          style_size,
                 DlStampDraw    draw)
{
  double dx = x, dy = y, fx, fy;
  int half, phase_x, phase_y;
  g_autofree guint8 *key_data = NULL;
  g_autoptr(GBytes) key = NULL;
  cairo_surface_t *image;

  /* one pixel more for antialiasing, and one for the phase */
  half = (int) ceil (reach * stamps->scale) + 2;
  if (2 * half + 1 > MAX_SIDE || !isfinite (x) || !isfinite (y))
    return FALSE;

  cairo_matrix_transform_point (&stamps->matrix, &dx, &dy);
  if (fabs (dx) > 1e6 || fabs (dy) > 1e6)
    return FALSE;
  fx = floor (dx);
  fy = floor (dy);
  /* the nearest phase; rounding up to the next pixel's first */
  phase_x = (int) floor ((dx - fx) * PHASES + 0.5);
  phase_y = (int) floor ((dy - fy) * PHASES + 0.5);
  if (phase_x == PHASES)
    phase_x = 0, fx += 1;
  if (phase_y == PHASES)
    phase_y = 0, fy += 1;

  key_data = g_malloc (style_size + 2);
  memcpy (key_data, style, style_size);
  key_data[style_size] = phase_x;
  key_data[style_size + 1] = phase_y;
  key = g_bytes_new_take (g_steal_pointer (&key_data), style_size + 2);
  image = g_hash_table_lookup (stamps->looks, key);
  if (image == NULL)
    {
      if (g_hash_table_size (stamps->looks) >= MAX_LOOKS)
        return FALSE;
      image = draw_look (stamps, 2 * half + 1, half, phase_x, phase_y, style, draw);
      g_hash_table_insert (stamps->looks, g_bytes_ref (key), image);
    }

  cairo_save (stamps->cr);
  cairo_identity_matrix (stamps->cr);
  cairo_set_source_surface (stamps->cr, image, fx - half, fy - half);
  cairo_paint (stamps->cr);
  cairo_restore (stamps->cr);
  return TRUE;
}
