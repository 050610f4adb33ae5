/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-color"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-color.h"

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const double rgb[3])
{
  return 0.2126 * srgb_to_linear (rgb[0]) + 0.7152 * srgb_to_linear (rgb[1]) +
         0.0722 * srgb_to_linear (rgb[2]);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static double
to_degrees (double radians)
{
  double d = radians * 180.0 / G_PI;

  return d < 0 ? d + 360.0 : d;
}

static double
to_radians (double degrees)
{
  return degrees * G_PI / 180.0;
}

gboolean
dl_color_parse_hex (const char *text,
                double      rgb[3])
{
  gsize length;

  g_return_val_if_fail (rgb != NULL, FALSE);

  if (text == NULL || text[0] != '#')
    return FALSE;
  length = strlen (text + 1);
  if (length != 3 && length != 6)
    return FALSE;
  for (gsize i = 1; i <= length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int value;

      if (length == 3)
        value = g_ascii_xdigit_value (text[1 + i]) * 17;
      else
        value = g_ascii_xdigit_value (text[1 + 2 * i]) * 16 +
                g_ascii_xdigit_value (text[2 + 2 * i]);
      rgb[i] = value / 255.0;
    }
  return TRUE;
}

void
dl_color_to_lab (const double rgb[3],
                 double       lab[3])
{
  double r = srgb_to_linear (rgb[0]);
  double g = srgb_to_linear (rgb[1]);
  double b = srgb_to_linear (rgb[2]);
  double fx = lab_f ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  double fy = lab_f (0.2126 * r + 0.7152 * g + 0.0722 * b);
  double fz = lab_f ((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);

  lab[0] = 116.0 * fy - 16.0;
  lab[1] = 500.0 * (fx - fy);
  lab[2] = 200.0 * (fy - fz);
}

double
dl_color_delta_e_lab (const double lab1[3],
                      const double lab2[3])
{
  double c1 = hypot (lab1[1], lab1[2]);
  double c2 = hypot (lab2[1], lab2[2]);
  double c7 = pow ((c1 + c2) / 2.0, 7.0);
  double g = 0.5 * (1.0 - sqrt (c7 / (c7 + pow (25.0, 7.0))));
  double a1 = (1.0 + g) * lab1[1];
  double a2 = (1.0 + g) * lab2[1];
  double c1p = hypot (a1, lab1[2]);
  double c2p = hypot (a2, lab2[2]);
  double h1p = c1p == 0 ? 0 : to_degrees (atan2 (lab1[2], a1));
  double h2p = c2p == 0 ? 0 : to_degrees (atan2 (lab2[2], a2));
  double dl = lab2[0] - lab1[0];
  double dc = c2p - c1p;
  double dh = 0;
  double dhh, l_mean, c_mean, h_mean, t, theta, c7p, rc, sl, sc, sh, rt;

  if (c1p * c2p != 0)
    {
      dh = h2p - h1p;
      if (dh > 180)
        dh -= 360;
      else if (dh < -180)
        dh += 360;
    }
  dhh = 2.0 * sqrt (c1p * c2p) * sin (to_radians (dh / 2.0));

  l_mean = (lab1[0] + lab2[0]) / 2.0;
  c_mean = (c1p + c2p) / 2.0;
  if (c1p * c2p == 0)
    h_mean = h1p + h2p;
  else if (fabs (h1p - h2p) <= 180)
    h_mean = (h1p + h2p) / 2.0;
  else if (h1p + h2p < 360)
    h_mean = (h1p + h2p + 360) / 2.0;
  else
    h_mean = (h1p + h2p - 360) / 2.0;

  t = 1.0 - 0.17 * cos (to_radians (h_mean - 30)) + 0.24 * cos (to_radians (2 * h_mean)) +
      0.32 * cos (to_radians (3 * h_mean + 6)) - 0.20 * cos (to_radians (4 * h_mean - 63));
  theta = 30.0 * exp (-pow ((h_mean - 275.0) / 25.0, 2.0));
  c7p = pow (c_mean, 7.0);
  rc = 2.0 * sqrt (c7p / (c7p + pow (25.0, 7.0)));
  sl = 1.0 + 0.015 * pow (l_mean - 50, 2.0) / sqrt (20.0 + pow (l_mean - 50, 2.0));
  sc = 1.0 + 0.045 * c_mean;
  sh = 1.0 + 0.015 * c_mean * t;
  rt = -sin (to_radians (2.0 * theta)) * rc;

  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dhh / sh, 2) +
               rt * (dc / sc) * (dhh / sh));
}

double
dl_color_delta_e (const double rgb1[3],
                  const double rgb2[3])
{
  double lab1[3], lab2[3];

  dl_color_to_lab (rgb1, lab1);
  dl_color_to_lab (rgb2, lab2);
  return dl_color_delta_e_lab (lab1, lab2);
}

double
dl_color_contrast (const double rgb1[3],
                   const double rgb2[3])
{
  double l1 = relative_luminance (rgb1);
  double l2 = relative_luminance (rgb2);

  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

void
dl_color_over (const double rgb[3],
               double       alpha,
               const double under[3],
               double       out[3])
{
  alpha = CLAMP (alpha, 0.0, 1.0);
  for (guint i = 0; i < 3; i++)
    out[i] = rgb[i] * alpha + under[i] * (1.0 - alpha);
}

double
dl_color_closest_pair (const char * const *colors,
                       guint               n,
                       guint              *first,
                       guint              *second)
{
  g_autofree double *labs = g_new0 (double, 3 * MAX (n, 1));
  g_autofree gboolean *valid = g_new0 (gboolean, MAX (n, 1));
  double closest = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      double rgb[3];

      valid[i] = dl_color_parse_hex (colors[i], rgb);
      if (valid[i])
        dl_color_to_lab (rgb, &labs[3 * i]);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double delta;

        if (!valid[i] || !valid[j])
          continue;
        delta = dl_color_delta_e_lab (&labs[3 * i], &labs[3 * j]);
        if (delta < closest)
          {
            closest = delta;
            if (first != NULL)
              *first = i;
            if (second != NULL)
              *second = j;
          }
      }
  return closest;
}
