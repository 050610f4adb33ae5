/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-symbol"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "dl-color.h"
#include "dl-marker-symbol.h"

#include "dl-symbol.h"

/* Beyond this a coordinate is no icon's: Cairo would be asked for a matrix it refuses. */
#define MAX_COORDINATE 1e5

typedef struct
{
  const char *p;
  double      x, y;       /* the current point */
  double      start_x, start_y;
  double      ctrl_x, ctrl_y; /* the last control point, for S and T */
  char        last;       /* the last command, upper case */
} PathReader;

static void
skip_separators (PathReader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r' || *r->p == ',')
    r->p++;
}

/* An SVG number: sign, digits, a fraction, an exponent. */
static gboolean
read_number (PathReader *r,
             double     *value)
{
  const char *start, *q;
  gboolean digits = FALSE;
  char buffer[64];

  skip_separators (r);
  start = q = r->p;
  if (*q == '+' || *q == '-')
    q++;
  while (g_ascii_isdigit (*q))
    q++, digits = TRUE;
  if (*q == '.')
    {
      q++;
      while (g_ascii_isdigit (*q))
        q++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if ((*q == 'e' || *q == 'E')
      && (g_ascii_isdigit (q[1])
          || ((q[1] == '+' || q[1] == '-') && g_ascii_isdigit (q[2]))))
    {
      q += 2;
      while (g_ascii_isdigit (*q))
        q++;
    }
  if ((gsize) (q - start) >= sizeof buffer)
    return FALSE;
  memcpy (buffer, start, q - start);
  buffer[q - start] = '\0';
  *value = g_ascii_strtod (buffer, NULL);
  r->p = q;
  return isfinite (*value) && fabs (*value) <= MAX_COORDINATE;
}

static gboolean
read_flag (PathReader *r,
           gboolean   *flag)
{
  skip_separators (r);
  if (*r->p != '0' && *r->p != '1')
    return FALSE;
  *flag = *r->p == '1';
  r->p++;
  return TRUE;
}

static gboolean
read_numbers (PathReader *r,
              double     *values,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!read_number (r, &values[i]))
      return FALSE;
  return TRUE;
}

/* An elliptical arc from the current point to @x, @y, as the SVG specification's
 * appendix on arcs converts it to a centre and two angles. */
static void
arc_to (cairo_t *cr,
        double   x1,
        double   y1,
        double   rx,
        double   ry,
        double   angle,
        gboolean large,
        gboolean sweep,
        double   x2,
        double   y2)
{
  double phi = angle * G_PI / 180.0;
  double c = cos (phi), s = sin (phi);
  double dx = (x1 - x2) / 2, dy = (y1 - y2) / 2;
  double xp = c * dx + s * dy, yp = -s * dx + c * dy;
  double lambda, num, den, coef, cxp, cyp, cx, cy, t1, t2, delta;
  cairo_matrix_t saved;

  rx = fabs (rx);
  ry = fabs (ry);
  if (x1 == x2 && y1 == y2)
    return;
  if (rx < 1e-3 || ry < 1e-3)
    {
      cairo_line_to (cr, x2, y2);
      return;
    }
  lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1)
    {
      rx *= sqrt (lambda);
      ry *= sqrt (lambda);
    }
  num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  den = rx * rx * yp * yp + ry * ry * xp * xp;
  coef = den > 0 ? sqrt (MAX (0, num / den)) : 0;
  if (large == sweep)
    coef = -coef;
  cxp = coef * rx * yp / ry;
  cyp = -coef * ry * xp / rx;
  cx = c * cxp - s * cyp + (x1 + x2) / 2;
  cy = s * cxp + c * cyp + (y1 + y2) / 2;
  t1 = atan2 ((yp - cyp) / ry, (xp - cxp) / rx);
  t2 = atan2 ((-yp - cyp) / ry, (-xp - cxp) / rx);
  delta = t2 - t1;
  if (!sweep && delta > 0)
    delta -= 2 * G_PI;
  else if (sweep && delta < 0)
    delta += 2 * G_PI;

  cairo_get_matrix (cr, &saved);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, phi);
  cairo_scale (cr, rx, ry);
  if (sweep)
    cairo_arc (cr, 0, 0, 1, t1, t1 + delta);
  else
    cairo_arc_negative (cr, 0, 0, 1, t1, t1 + delta);
  cairo_set_matrix (cr, &saved);
}

/* One command's arguments (one set of them), relative ones made absolute. */
static gboolean
read_segment (PathReader *r,
              cairo_t    *cr,
              char        command)
{
  gboolean relative = g_ascii_islower (command);
  char upper = g_ascii_toupper (command);
  double ox = relative ? r->x : 0, oy = relative ? r->y : 0;
  double v[7];

  switch (upper)
    {
    case 'M':
      if (!read_numbers (r, v, 2))
        return FALSE;
      r->x = r->start_x = ox + v[0];
      r->y = r->start_y = oy + v[1];
      cairo_move_to (cr, r->x, r->y);
      break;
    case 'L':
      if (!read_numbers (r, v, 2))
        return FALSE;
      r->x = ox + v[0];
      r->y = oy + v[1];
      cairo_line_to (cr, r->x, r->y);
      break;
    case 'H':
      if (!read_numbers (r, v, 1))
        return FALSE;
      r->x = ox + v[0];
      cairo_line_to (cr, r->x, r->y);
      break;
    case 'V':
      if (!read_numbers (r, v, 1))
        return FALSE;
      r->y = oy + v[0];
      cairo_line_to (cr, r->x, r->y);
      break;
    case 'C':
    case 'S':
      {
        double x1, y1;

        if (upper == 'C')
          {
            if (!read_numbers (r, v, 6))
              return FALSE;
            x1 = ox + v[0];
            y1 = oy + v[1];
          }
        else
          {
            if (!read_numbers (r, v + 2, 4))
              return FALSE;
            /* the reflection of the last control point, after a C or an S */
            x1 = r->last == 'C' || r->last == 'S' ? 2 * r->x - r->ctrl_x : r->x;
            y1 = r->last == 'C' || r->last == 'S' ? 2 * r->y - r->ctrl_y : r->y;
          }
        r->ctrl_x = ox + v[2];
        r->ctrl_y = oy + v[3];
        r->x = ox + v[4];
        r->y = oy + v[5];
        cairo_curve_to (cr, x1, y1, r->ctrl_x, r->ctrl_y, r->x, r->y);
        break;
      }
    case 'Q':
    case 'T':
      {
        double qx, qy;

        if (upper == 'Q')
          {
            if (!read_numbers (r, v, 4))
              return FALSE;
            qx = ox + v[0];
            qy = oy + v[1];
            v[0] = v[2];
            v[1] = v[3];
          }
        else
          {
            if (!read_numbers (r, v, 2))
              return FALSE;
            qx = r->last == 'Q' || r->last == 'T' ? 2 * r->x - r->ctrl_x : r->x;
            qy = r->last == 'Q' || r->last == 'T' ? 2 * r->y - r->ctrl_y : r->y;
          }
        /* a quadratic as the cubic with the same curve */
        cairo_curve_to (cr, r->x + 2.0 / 3.0 * (qx - r->x), r->y + 2.0 / 3.0 * (qy - r->y),
                        ox + v[0] + 2.0 / 3.0 * (qx - ox - v[0]),
                        oy + v[1] + 2.0 / 3.0 * (qy - oy - v[1]), ox + v[0], oy + v[1]);
        r->ctrl_x = qx;
        r->ctrl_y = qy;
        r->x = ox + v[0];
        r->y = oy + v[1];
        break;
      }
    case 'A':
      {
        gboolean large, sweep;

        if (!read_numbers (r, v, 3) || !read_flag (r, &large) || !read_flag (r, &sweep)
            || !read_numbers (r, v + 3, 2))
          return FALSE;
        arc_to (cr, r->x, r->y, v[0], v[1], v[2], large, sweep, ox + v[3], oy + v[4]);
        r->x = ox + v[3];
        r->y = oy + v[4];
        break;
      }
    default:
      return FALSE;
    }
  r->last = upper;
  return TRUE;
}

/**
 * dl_symbol_append_svg_path:
 * @cr: where to add the path
 * @data: SVG path data
 *
 * Returns: whether all of @data was read.
 */
gboolean
dl_symbol_append_svg_path (cairo_t    *cr,
                           const char *data)
{
  PathReader r = { data, 0 };
  char command = 0;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  while (TRUE)
    {
      skip_separators (&r);
      if (*r.p == '\0')
        return TRUE;
      if (g_ascii_isalpha (*r.p))
        command = *r.p++;
      else if (command == 0 || command == 'Z' || command == 'z')
        return FALSE;
      /* the first command must place the pen */
      else if (command == 'M')
        command = 'L';
      else if (command == 'm')
        command = 'l';
      if (r.last == 0 && command != 'M' && command != 'm')
        return FALSE;

      if (command == 'Z' || command == 'z')
        {
          cairo_close_path (cr);
          r.x = r.start_x;
          r.y = r.start_y;
          r.last = 'Z';
          continue;
        }
      if (!read_segment (&r, cr, command))
        return FALSE;
    }
}

/**
 * dl_symbol_ink:
 * @background: a marker's colour
 * @ink: (out caller-allocates): the colour to draw on it
 */
void
dl_symbol_ink (const double background[3],
               double       ink[3])
{
  static const double white[3] = { 1, 1, 1 };
  static const double dark[3] = { 0.1, 0.1, 0.1 };

  if (dl_color_contrast (background, dark) > dl_color_contrast (background, white))
    memcpy (ink, dark, sizeof dark);
  else
    memcpy (ink, white, sizeof white);
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           double      cx,
           double      cy,
           double      diameter)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  PangoRectangle ink;
  double size = diameter * (g_utf8_strlen (text, -1) > 1 ? 0.46 : 0.58);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  /* a story's text, never markup */
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, &ink, NULL);
  /* centred on what is drawn, not on the line's ascent and descent */
  if (ink.width > 0 && ink.height > 0)
    {
      double scale = MIN (1.0, diameter * 0.7 / ((double) ink.width / PANGO_SCALE));

      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, scale, scale);
      cairo_move_to (cr, -(ink.x + ink.width / 2.0) / PANGO_SCALE,
                     -(ink.y + ink.height / 2.0) / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
}

/**
 * dl_symbol_draw:
 * @cr: where to draw
 * @symbol: (nullable): a marker-symbol as written
 * @cx: the disc's centre
 * @cy: the disc's centre
 * @diameter: the disc's coloured diameter
 * @background: its colour
 *
 * Returns: whether @symbol was drawn.
 */
gboolean
dl_symbol_draw (cairo_t      *cr,
                const char   *symbol,
                double        cx,
                double        cy,
                double        diameter,
                const double  background[3])
{
  DlMarkerSymbolKind kind = dl_marker_symbol_classify (symbol);
  double ink[3];

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (background != NULL, FALSE);

  if (kind == DL_MARKER_SYMBOL_NONE || !(diameter > 0))
    return FALSE;
  dl_symbol_ink (background, ink);
  cairo_save (cr);
  cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
  if (kind == DL_MARKER_SYMBOL_TEXT)
    draw_text (cr, symbol, cx, cy, diameter);
  else
    {
      /* Maki's 15×15 box, a little inside the disc so the icon's corners stay in it */
      double scale = diameter * 0.7 / 15.0;

      cairo_new_path (cr);
      cairo_translate (cr, cx - 7.5 * scale, cy - 7.5 * scale);
      cairo_scale (cr, scale, scale);
      dl_symbol_append_svg_path (cr, dl_marker_symbol_icon_path (symbol));
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  return TRUE;
}
