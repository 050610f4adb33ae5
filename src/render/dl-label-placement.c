/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-label-placement"

#include <math.h>
#include <string.h>

#include "dl-label-placement.h"

/* Preferred order of positions around a marker: right of it reads first in left-to-right
 * scripts, then the other sides, then the corners. */
static const DlLabelPosition positions[] = {
  DL_LABEL_RIGHT,
  DL_LABEL_LEFT,
  DL_LABEL_ABOVE,
  DL_LABEL_BELOW,
  DL_LABEL_ABOVE_RIGHT,
  DL_LABEL_BELOW_RIGHT,
  DL_LABEL_ABOVE_LEFT,
  DL_LABEL_BELOW_LEFT,
};

static void
candidate_rect (const DlLabel   *label,
                DlLabelPosition  position,
                double           distance,
                DlRect          *rect)
{
  double cx = label->anchor_x;
  double cy = label->anchor_y;
  double w = label->width;
  double h = label->height;
  /* Corners sit on the diagonal, so that their nearest corner is @distance away. */
  double d = distance * M_SQRT1_2;

  rect->width = w;
  rect->height = h;

  switch (position)
    {
    case DL_LABEL_RIGHT:
      rect->x = cx + distance;
      rect->y = cy - h / 2;
      break;
    case DL_LABEL_LEFT:
      rect->x = cx - distance - w;
      rect->y = cy - h / 2;
      break;
    case DL_LABEL_ABOVE:
      rect->x = cx - w / 2;
      rect->y = cy - distance - h;
      break;
    case DL_LABEL_BELOW:
      rect->x = cx - w / 2;
      rect->y = cy + distance;
      break;
    case DL_LABEL_ABOVE_RIGHT:
      rect->x = cx + d;
      rect->y = cy - d - h;
      break;
    case DL_LABEL_BELOW_RIGHT:
      rect->x = cx + d;
      rect->y = cy + d;
      break;
    case DL_LABEL_ABOVE_LEFT:
      rect->x = cx - d - w;
      rect->y = cy - d - h;
      break;
    case DL_LABEL_BELOW_LEFT:
      rect->x = cx - d - w;
      rect->y = cy + d;
      break;
    case DL_LABEL_CENTER:
    default:
      rect->x = cx - w / 2;
      rect->y = cy - h / 2;
      break;
    }
}

/**
 * dl_rect_intersects:
 *
 * Whether two rectangles share any area (touching edges do not count).
 */
gboolean
dl_rect_intersects (const DlRect *a,
                    const DlRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/**
 * dl_rect_hits_disc:
 *
 * Whether @rect covers any point strictly inside the disc.
 */
gboolean
dl_rect_hits_disc (const DlRect *rect,
                   double        cx,
                   double        cy,
                   double        radius)
{
  double nx = CLAMP (cx, rect->x, rect->x + rect->width);
  double ny = CLAMP (cy, rect->y, rect->y + rect->height);
  double dx = cx - nx;
  double dy = cy - ny;

  return dx * dx + dy * dy < radius * radius;
}

static gboolean
rect_inside (const DlRect *inner,
             const DlRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y
         && inner->x + inner->width <= outer->x + outer->width
         && inner->y + inner->height <= outer->y + outer->height;
}

/* A uniform grid over the figure: each cell lists the obstacles and the placed labels
 * that reach into it, so a candidate is only tested against what is near it. Anything
 * beyond the grid counts in its border cells. */
typedef struct
{
  double  x0, y0, cell;
  int     columns, rows;
  guint  *obstacle_start; /* of each cell in obstacle_index, columns × rows + 1 entries */
  guint  *obstacle_index;
  int    *label_head;     /* first entry in label_entries of each cell, or -1 */
  GArray *label_entries;  /* of LabelEntry */
} Grid;

typedef struct
{
  guint label;
  int   next;
} LabelEntry;

#define GRID_MAX_SIDE 256

static void
grid_cells (const Grid *grid,
            double      x0,
            double      y0,
            double      x1,
            double      y1,
            int        *c0,
            int        *r0,
            int        *c1,
            int        *r1)
{
  /* Clamped in double first: a huge or infinite coordinate must not overflow an int. */
  *c0 = (int) CLAMP (floor ((x0 - grid->x0) / grid->cell), 0, grid->columns - 1);
  *c1 = (int) CLAMP (floor ((x1 - grid->x0) / grid->cell), 0, grid->columns - 1);
  *r0 = (int) CLAMP (floor ((y0 - grid->y0) / grid->cell), 0, grid->rows - 1);
  *r1 = (int) CLAMP (floor ((y1 - grid->y0) / grid->cell), 0, grid->rows - 1);
}

static void
obstacle_box (const DlLabelObstacle *o,
              double                 gap,
              double                *x0,
              double                *y0,
              double                *x1,
              double                *y1)
{
  double r = o->radius + gap / 2;

  *x0 = o->x - r;
  *y0 = o->y - r;
  *x1 = o->x + r;
  *y1 = o->y + r;
}

static void
grid_init (Grid                  *grid,
           const DlLabel         *labels,
           guint                  n_labels,
           const DlLabelObstacle *obstacles,
           guint                  n_obstacles,
           const DlRect          *bounds,
           double                 gap)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double cell = 0;
  guint n_cells, n_sized = 0;

  if (bounds != NULL)
    {
      x0 = bounds->x;
      y0 = bounds->y;
      x1 = bounds->x + bounds->width;
      y1 = bounds->y + bounds->height;
    }
  else
    for (guint i = 0; i < n_labels; i++)
      if (isfinite (labels[i].anchor_x) && isfinite (labels[i].anchor_y))
        {
          x0 = MIN (x0, labels[i].anchor_x);
          y0 = MIN (y0, labels[i].anchor_y);
          x1 = MAX (x1, labels[i].anchor_x);
          y1 = MAX (y1, labels[i].anchor_y);
        }
  if (!(x0 < x1 && y0 < y1 && isfinite (x1 - x0) && isfinite (y1 - y0)))
    {
      x0 = y0 = 0;
      x1 = y1 = 1;
    }

  /* Cells about the height of a label: a candidate then spans a few of them. */
  for (guint i = 0; i < n_labels && n_sized < 64; i++)
    if (labels[i].height > 0 && isfinite (labels[i].height))
      {
        cell += labels[i].height;
        n_sized++;
      }
  cell = n_sized > 0 ? cell / n_sized + gap : (x1 - x0) / 16;
  cell = MAX (cell, MAX (x1 - x0, y1 - y0) / GRID_MAX_SIDE);
  if (!(cell > 0) || !isfinite (cell))
    cell = 1;

  grid->x0 = x0;
  grid->y0 = y0;
  grid->cell = cell;
  grid->columns = CLAMP ((int) ceil ((x1 - x0) / cell), 1, GRID_MAX_SIDE);
  grid->rows = CLAMP ((int) ceil ((y1 - y0) / cell), 1, GRID_MAX_SIDE);
  n_cells = (guint) (grid->columns * grid->rows);

  /* Obstacles, counted then filled into one array (compressed rows). */
  grid->obstacle_start = g_new0 (guint, n_cells + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree guint *fill = pass == 1 ? g_memdup2 (grid->obstacle_start,
                                                      n_cells * sizeof (guint)) : NULL;

      for (guint i = 0; i < n_obstacles; i++)
        {
          double bx0, by0, bx1, by1;
          int c0, r0, c1, r1;

          obstacle_box (&obstacles[i], gap, &bx0, &by0, &bx1, &by1);
          if (!isfinite (bx0) || !isfinite (by0) || !isfinite (bx1) || !isfinite (by1))
            continue;
          grid_cells (grid, bx0, by0, bx1, by1, &c0, &r0, &c1, &r1);
          for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
              {
                guint k = (guint) (r * grid->columns + c);

                if (pass == 0)
                  grid->obstacle_start[k + 1]++;
                else
                  grid->obstacle_index[fill[k]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint k = 0; k < n_cells; k++)
            grid->obstacle_start[k + 1] += grid->obstacle_start[k];
          grid->obstacle_index = g_new (guint, MAX (grid->obstacle_start[n_cells], 1));
        }
    }

  grid->label_head = g_new (int, n_cells);
  for (guint k = 0; k < n_cells; k++)
    grid->label_head[k] = -1;
  grid->label_entries = g_array_new (FALSE, FALSE, sizeof (LabelEntry));
}

static void
grid_clear (Grid *grid)
{
  g_free (grid->obstacle_start);
  g_free (grid->obstacle_index);
  g_free (grid->label_head);
  g_array_unref (grid->label_entries);
}

static void
grid_add_label (Grid         *grid,
                guint         label,
                const DlRect *rect,
                double        gap)
{
  int c0, r0, c1, r1;

  grid_cells (grid, rect->x - gap / 2, rect->y - gap / 2, rect->x + rect->width + gap / 2,
              rect->y + rect->height + gap / 2, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        guint k = (guint) (r * grid->columns + c);
        LabelEntry entry = { label, grid->label_head[k] };

        grid->label_head[k] = (int) grid->label_entries->len;
        g_array_append_val (grid->label_entries, entry);
      }
}

static gboolean
candidate_is_free (const DlRect          *rect,
                   const Grid            *grid,
                   const DlLabel         *labels,
                   const DlLabelObstacle *obstacles,
                   const DlRect          *blocked,
                   guint                  n_blocked,
                   const DlRect          *bounds,
                   double                 gap)
{
  /* The gap is kept on every side, so two labels are never closer than it. */
  DlRect padded = { rect->x - gap / 2, rect->y - gap / 2,
                    rect->width + gap, rect->height + gap };
  int c0, r0, c1, r1;

  if (bounds != NULL && !rect_inside (rect, bounds))
    return FALSE;

  for (guint i = 0; i < n_blocked; i++)
    if (dl_rect_intersects (&padded, &blocked[i]))
      return FALSE;

  grid_cells (grid, padded.x, padded.y, padded.x + padded.width, padded.y + padded.height,
              &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        guint k = (guint) (r * grid->columns + c);

        for (guint j = grid->obstacle_start[k]; j < grid->obstacle_start[k + 1]; j++)
          {
            const DlLabelObstacle *o = &obstacles[grid->obstacle_index[j]];

            if (dl_rect_hits_disc (&padded, o->x, o->y, o->radius + gap / 2))
              return FALSE;
          }

        for (int e = grid->label_head[k]; e >= 0;
             e = g_array_index (grid->label_entries, LabelEntry, e).next)
          {
            const DlRect *other = &labels[g_array_index (grid->label_entries,
                                                         LabelEntry, e).label].rect;
            DlRect other_padded = { other->x - gap / 2, other->y - gap / 2,
                                    other->width + gap, other->height + gap };

            if (dl_rect_intersects (&padded, &other_padded))
              return FALSE;
          }
      }

  return TRUE;
}

/* Only a place on the figure pulls its name further out. */
static gboolean
anchor_inside (const DlLabel *label,
               const DlRect  *bounds)
{
  return bounds == NULL
         || (label->anchor_x >= bounds->x && label->anchor_x <= bounds->x + bounds->width
             && label->anchor_y >= bounds->y && label->anchor_y <= bounds->y + bounds->height);
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const DlLabel *labels = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (labels[ia].priority != labels[ib].priority)
    return labels[ia].priority > labels[ib].priority ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

/**
 * dl_label_place:
 * @labels: the labels; their `placed`, `position` and `rect` are set
 * @obstacles: discs no label may cover (every marker, labelled or not)
 * @blocked: rectangles no label may cover (title, legend, scale bar …)
 * @bounds: (nullable): the rectangle every label must stay inside
 * @gap: the free space kept between a label and anything else
 *
 * Places labels greedily, highest priority first: each takes the first of its candidate
 * positions (right, left, above, below, then the four corners, close to its marker and
 * then a little further out) that overlaps no label placed before it, no obstacle, no
 * blocked rectangle and stays inside @bounds. A label with no free position is dropped
 * (`placed` is %FALSE). The result never has two overlapping labels nor a label over an
 * obstacle. Pure: the same input gives the same output.
 */
void
dl_label_place (DlLabel               *labels,
                guint                  n_labels,
                const DlLabelObstacle *obstacles,
                guint                  n_obstacles,
                const DlRect          *blocked,
                guint                  n_blocked,
                const DlRect          *bounds,
                double                 gap)
{
  g_autofree guint *order = NULL;
  Grid grid;

  g_return_if_fail (labels != NULL || n_labels == 0);
  g_return_if_fail (obstacles != NULL || n_obstacles == 0);
  g_return_if_fail (blocked != NULL || n_blocked == 0);

  if (n_labels == 0)
    return;

  order = g_new (guint, n_labels);
  for (guint i = 0; i < n_labels; i++)
    {
      order[i] = i;
      labels[i].placed = FALSE;
      labels[i].position = DL_LABEL_CENTER;
      labels[i].rect = (DlRect) { labels[i].anchor_x, labels[i].anchor_y, 0, 0 };
    }
  g_qsort_with_data (order, n_labels, sizeof (guint), compare_priority, labels);
  grid_init (&grid, labels, n_labels, obstacles, n_obstacles, bounds, gap);

  for (guint k = 0; k < n_labels; k++)
    {
      DlLabel *label = &labels[order[k]];

      if (!(label->width > 0 && label->height > 0)
          || !isfinite (label->anchor_x) || !isfinite (label->anchor_y))
        continue;

      if (label->centered)
        {
          DlRect rect;

          candidate_rect (label, DL_LABEL_CENTER, 0, &rect);
          if (candidate_is_free (&rect, &grid, labels, obstacles, blocked, n_blocked,
                                 bounds, gap))
            {
              label->placed = TRUE;
              label->position = DL_LABEL_CENTER;
              label->rect = rect;
            }
        }
      else
        {
          /* Two rings: next to the marker, then one label height further out (a label
           * that must be named looks nearer first, below). */
          double near = label->anchor_radius + gap * 1.001 + 1e-6;
          guint n_rings = label->extra_rings > 0 && bounds != NULL ? 1 : 2;

          for (guint ring = 0; ring < n_rings && !label->placed; ring++)
            for (guint p = 0; p < G_N_ELEMENTS (positions) && !label->placed; p++)
              {
                DlRect rect;

                candidate_rect (label, positions[p], near + ring * label->height, &rect);
                if (candidate_is_free (&rect, &grid, labels, obstacles, blocked,
                                       n_blocked, bounds, gap))
                  {
                    label->placed = TRUE;
                    label->position = positions[p];
                    label->rect = rect;
                  }
              }
        }

      /* Then a label that must be named takes the free spot nearest its anchor (its
       * leader line says whose it is): first within @extra_rings label heights of it,
       * in fine steps, so that names stack beside a crowd rather than far out on one
       * of eight directions; last anywhere in the bounds its anchor is in. */
      for (guint pass = 0; pass < 2 && !label->placed && !label->centered
                           && label->extra_rings > 0 && bounds != NULL
                           && anchor_inside (label, bounds); pass++)
        {
          double reach = label->anchor_radius + label->height * MIN (label->extra_rings, 16u);
          double step = pass == 0 ? MAX (label->height / 4, MAX (gap, 1.0))
                                  : MAX (label->height / 2, MAX (gap * 2, 1.0));
          double x0 = bounds->x, y0 = bounds->y;
          double x1 = bounds->x + bounds->width - label->width;
          double y1 = bounds->y + bounds->height - label->height;
          double best = G_MAXDOUBLE;
          DlRect rect = { 0, 0, label->width, label->height };

          if (pass == 0)
            {
              x0 = MAX (x0, label->anchor_x - label->width - reach);
              y0 = MAX (y0, label->anchor_y - label->height - reach);
              x1 = MIN (x1, label->anchor_x + reach);
              y1 = MIN (y1, label->anchor_y + reach);
            }
          for (double y = y0; y <= y1; y += step)
            for (double x = x0; x <= x1; x += step)
              {
                double nx = CLAMP (label->anchor_x, x, x + label->width);
                double ny = CLAMP (label->anchor_y, y, y + label->height);
                double d = hypot (nx - label->anchor_x, ny - label->anchor_y);

                rect.x = x;
                rect.y = y;
                if (d < best && (pass == 1 || d <= reach)
                    && candidate_is_free (&rect, &grid, labels, obstacles, blocked,
                                          n_blocked, bounds, gap))
                  {
                    best = d;
                    label->placed = TRUE;
                    label->position = x + label->width / 2 < label->anchor_x
                                      ? DL_LABEL_LEFT : DL_LABEL_RIGHT;
                    label->rect = rect;
                  }
              }
        }

      if (label->placed)
        grid_add_label (&grid, order[k], &label->rect, gap);
    }
  grid_clear (&grid);
}

/**
 * dl_label_sample:
 * @priorities: the priority of each label, higher first
 * @n: how many
 * @budget: how many to keep
 * @chosen: (out caller-allocates) (array length=n): %TRUE for each label kept
 *
 * Keeps the @budget labels of highest priority (ties: the earlier one), so that a dense
 * layer only measures and tries as many names as its figure could ever show.
 */
void
dl_label_sample (const double *priorities,
                 guint         n,
                 guint         budget,
                 gboolean     *chosen)
{
  g_autofree guint *order = NULL;
  g_autofree DlLabel *keys = NULL;

  g_return_if_fail (priorities != NULL || n == 0);
  g_return_if_fail (chosen != NULL || n == 0);

  if (n <= budget)
    {
      for (guint i = 0; i < n; i++)
        chosen[i] = TRUE;
      return;
    }

  order = g_new (guint, n);
  keys = g_new0 (DlLabel, n);
  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      keys[i].priority = priorities[i];
      chosen[i] = FALSE;
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_priority, keys);
  for (guint k = 0; k < budget; k++)
    chosen[order[k]] = TRUE;
}

/**
 * dl_label_names_same_place:
 * @basemap_name: a name the base map would draw (a city)
 * @story_name: the name of a place of the story ("Tripoli, Lebanon", "Northern front
 *   (Idlib)")
 *
 * Whether the base map's name says what the story's place says, ignoring case: the whole
 * name, its head before a comma or a parenthesis, or what the parenthesis holds. The base
 * map then gives way, so that it never names the Tripoli in Libya next to a story about
 * the one in Lebanon, nor names a city twice. Pure.
 */
gboolean
dl_label_names_same_place (const char *basemap_name,
                           const char *story_name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  char *cut;

  if (basemap_name == NULL || story_name == NULL)
    return FALSE;

  a = g_utf8_casefold (basemap_name, -1);
  b = g_utf8_casefold (story_name, -1);
  g_strstrip (a);
  if (a[0] == '\0')
    return FALSE;
  if (g_str_equal (a, g_strstrip (b)))
    return TRUE;
  /* "Northern front (Idlib)" is in Idlib. */
  cut = strchr (b, '(');
  if (cut != NULL)
    {
      g_autofree char *inner = g_strdup (cut + 1);
      char *end = strchr (inner, ')');

      if (end != NULL)
        *end = '\0';
      if (g_str_equal (a, g_strstrip (inner)))
        return TRUE;
    }
  cut = strpbrk (b, ",(");
  if (cut == NULL)
    return FALSE;
  *cut = '\0';
  return g_str_equal (a, g_strstrip (b));
}
