/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-marker-cull"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-marker-cull.h"

/* At most this many cells of coverage, whatever the figure's size. */
#define MAX_CELLS (4 << 20)

/**
 * dl_marker_cull:
 * @markers: the markers in drawing order (later ones on top)
 * @n: how many
 * @width: the figure's width; nothing is seen outside (0, 0)–(@width, @height)
 * @height: its height
 * @hidden: (out caller-allocates) (array length=n): %TRUE for each marker that would not
 *   change a single pixel: all it paints is outside the figure or under the opaque discs
 *   of markers drawn after it
 *
 * Conservative: a cell of the coverage grid counts as covered only when it lies wholly
 * inside an opaque disc, so skipping the hidden markers gives the same picture. Each
 * marker costs the cells of its box: the work grows with the number of markers, not its
 * square.
 */
void
dl_marker_cull (const DlMarkerExtent *markers,
                guint                 n,
                double                width,
                double                height,
                gboolean             *hidden)
{
  double cell;
  int columns, rows;
  g_autofree guint8 *covered = NULL;

  g_return_if_fail (markers != NULL || n == 0);
  g_return_if_fail (hidden != NULL || n == 0);

  if (!(width > 0 && height > 0 && isfinite (width) && isfinite (height)))
    {
      for (guint i = 0; i < n; i++)
        hidden[i] = FALSE;
      return;
    }

  cell = MAX (1.0, sqrt (width * height / MAX_CELLS));
  columns = (int) ceil (width / cell);
  rows = (int) ceil (height / cell);
  covered = g_new0 (guint8, (gsize) columns * rows);

  for (guint k = n; k > 0; k--)
    {
      const DlMarkerExtent *m = &markers[k - 1];
      gboolean seen = FALSE;
      int c0, c1, r0, r1;

      hidden[k - 1] = FALSE;
      if (!(isfinite (m->x0) && isfinite (m->y0) && isfinite (m->x1) && isfinite (m->y1)
            && isfinite (m->cx) && isfinite (m->cy) && isfinite (m->opaque)))
        continue;
      if (m->x1 <= 0 || m->y1 <= 0 || m->x0 >= width || m->y0 >= height)
        {
          hidden[k - 1] = TRUE;
          continue;
        }

      c0 = (int) CLAMP (floor (m->x0 / cell), 0, columns - 1);
      c1 = (int) CLAMP (floor (m->x1 / cell), 0, columns - 1);
      r0 = (int) CLAMP (floor (m->y0 / cell), 0, rows - 1);
      r1 = (int) CLAMP (floor (m->y1 / cell), 0, rows - 1);
      for (int r = r0; r <= r1 && !seen; r++)
        seen = memchr (covered + (gsize) r * columns + c0, 0, c1 - c0 + 1) != NULL;
      if (!seen)
        {
          hidden[k - 1] = TRUE;
          continue;
        }

      /* Cover the cells wholly inside its opaque disc. */
      if (!(m->opaque > 0))
        continue;
      r0 = (int) CLAMP (floor ((m->cy - m->opaque) / cell), 0, rows - 1);
      r1 = (int) CLAMP (floor ((m->cy + m->opaque) / cell), 0, rows - 1);
      for (int r = r0; r <= r1; r++)
        {
          double dy = MAX (fabs (r * cell - m->cy), fabs ((r + 1) * cell - m->cy));
          double half, left, right;
          int a, b;

          if (dy >= m->opaque)
            continue;
          half = sqrt (m->opaque * m->opaque - dy * dy);
          left = m->cx - half;
          right = m->cx + half;
          a = (int) MAX (ceil (left / cell), 0);
          b = (int) MIN (floor (right / cell) - 1, columns - 1);
          if (a <= b)
            memset (covered + (gsize) r * columns + a, 1, b - a + 1);
        }
    }
}

typedef struct
{
  gint64 cell;   /* row and column packed, for sorting */
  guint  index;
} CellEntry;

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const CellEntry *ca = a, *cb = b;

  if (ca->cell != cb->cell)
    return ca->cell < cb->cell ? -1 : 1;
  return (ca->index > cb->index) - (ca->index < cb->index);
}

static gint64
pack_cell (gint64 row,
           gint64 column)
{
  return row * ((gint64) 1 << 32) + column;  /* rows and columns within ±1e9 */
}

/* The first entry of @cell in the sorted @entries, or @n. */
static guint
first_in_cell (const CellEntry *entries,
               guint            n,
               gint64           cell)
{
  guint low = 0, high = n;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (entries[middle].cell < cell)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

guint
dl_count_overlapping (const DlDisc *discs,
                      guint         n,
                      guint         limit)
{
  g_autofree CellEntry *entries = NULL;
  double size = 0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    size = MAX (size, 2 * discs[i].radius);
  if (size <= 0 || n < 2 || limit == 0)
    return 0;

  /* two discs that overlap are in the same cell or in neighbouring ones */
  entries = g_new (CellEntry, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 row = (gint64) floor (CLAMP (discs[i].y / size, -1e9, 1e9));
      gint64 column = (gint64) floor (CLAMP (discs[i].x / size, -1e9, 1e9));

      entries[i] = (CellEntry) { pack_cell (row, column), i };
    }
  qsort (entries, n, sizeof *entries, compare_cells);

  for (guint i = 0; i < n && count < limit; i++)
    {
      const DlDisc *a = &discs[i];
      gint64 row = (gint64) floor (CLAMP (a->y / size, -1e9, 1e9));
      gint64 column = (gint64) floor (CLAMP (a->x / size, -1e9, 1e9));
      gboolean crowded = FALSE;

      for (gint64 r = row - 1; r <= row + 1 && !crowded; r++)
        for (gint64 c = column - 1; c <= column + 1 && !crowded; c++)
          {
            gint64 cell = pack_cell (r, c);

            for (guint k = first_in_cell (entries, n, cell);
                 k < n && entries[k].cell == cell && !crowded; k++)
              {
                const DlDisc *b = &discs[entries[k].index];

                crowded = entries[k].index != i &&
                          hypot (a->x - b->x, a->y - b->y) < a->radius + b->radius;
              }
          }
      count += crowded;
    }
  return count;
}
