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

static gboolean
candidate_is_free (const DlRect          *rect,
                   const DlLabel         *labels,
                   const guint           *placed,
                   guint                  n_placed,
                   const DlLabelObstacle *obstacles,
                   guint                  n_obstacles,
                   const DlRect          *blocked,
                   guint                  n_blocked,
                   const DlRect          *bounds,
                   double                 gap)
{
  /* The gap is kept on every side, so two labels are never closer than it. */
  DlRect padded = { rect->x - gap / 2, rect->y - gap / 2,
                    rect->width + gap, rect->height + gap };

  if (bounds != NULL && !rect_inside (rect, bounds))
    return FALSE;

  for (guint i = 0; i < n_obstacles; i++)
    if (dl_rect_hits_disc (&padded, obstacles[i].x, obstacles[i].y,
                           obstacles[i].radius + gap / 2))
      return FALSE;

  for (guint i = 0; i < n_blocked; i++)
    if (dl_rect_intersects (&padded, &blocked[i]))
      return FALSE;

  for (guint i = 0; i < n_placed; i++)
    {
      const DlRect *other = &labels[placed[i]].rect;
      DlRect other_padded = { other->x - gap / 2, other->y - gap / 2,
                              other->width + gap, other->height + gap };

      if (dl_rect_intersects (&padded, &other_padded))
        return FALSE;
    }

  return TRUE;
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
  g_autofree guint *placed = NULL;
  guint n_placed = 0;

  g_return_if_fail (labels != NULL || n_labels == 0);
  g_return_if_fail (obstacles != NULL || n_obstacles == 0);
  g_return_if_fail (blocked != NULL || n_blocked == 0);

  if (n_labels == 0)
    return;

  order = g_new (guint, n_labels);
  placed = g_new (guint, n_labels);
  for (guint i = 0; i < n_labels; i++)
    {
      order[i] = i;
      labels[i].placed = FALSE;
      labels[i].position = DL_LABEL_CENTER;
      labels[i].rect = (DlRect) { labels[i].anchor_x, labels[i].anchor_y, 0, 0 };
    }
  g_qsort_with_data (order, n_labels, sizeof (guint), compare_priority, labels);

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
          if (candidate_is_free (&rect, labels, placed, n_placed, obstacles, n_obstacles,
                                 blocked, n_blocked, bounds, gap))
            {
              label->placed = TRUE;
              label->position = DL_LABEL_CENTER;
              label->rect = rect;
            }
        }
      else
        {
          /* Two rings: next to the marker, then one label height further out. */
          double near = label->anchor_radius + gap * 1.001 + 1e-6;
          double far = near + label->height;

          for (guint ring = 0; ring < 2 && !label->placed; ring++)
            for (guint p = 0; p < G_N_ELEMENTS (positions) && !label->placed; p++)
              {
                DlRect rect;

                candidate_rect (label, positions[p], ring == 0 ? near : far, &rect);
                if (candidate_is_free (&rect, labels, placed, n_placed, obstacles,
                                       n_obstacles, blocked, n_blocked, bounds, gap))
                  {
                    label->placed = TRUE;
                    label->position = positions[p];
                    label->rect = rect;
                  }
              }
        }

      if (label->placed)
        placed[n_placed++] = order[k];
    }
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
