/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colours as the eye tells them apart: sRGB components in [0, 1]. */

/* "#rgb" or "#rrggbb", either case; FALSE (and @rgb untouched) for anything else. */
gboolean dl_color_parse_hex      (const char   *text,
                                  double        rgb[3]);
/* CIE L*a*b* (D65) of an sRGB colour. */
void     dl_color_to_lab         (const double  rgb[3],
                                  double        lab[3]);
/* The CIEDE2000 difference of two L*a*b* colours (Sharma, Wu and Dalal, 2005): about 1 is
 * just noticeable side by side, 20 and more tells two small map markers apart. */
double   dl_color_delta_e_lab    (const double  lab1[3],
                                  const double  lab2[3]);
/* The CIEDE2000 difference of two sRGB colours. */
double   dl_color_delta_e        (const double  rgb1[3],
                                  const double  rgb2[3]);
/* The WCAG 2 contrast ratio, from 1 (same luminance) to 21 (black on white). */
double   dl_color_contrast       (const double  rgb1[3],
                                  const double  rgb2[3]);
/* @rgb at @alpha over @under (sRGB compositing, as GTK and Cairo draw). */
void     dl_color_over           (const double  rgb[3],
                                  double        alpha,
                                  const double  under[3],
                                  double        out[3]);
/* The two of @n @colors ("#rrggbb") closest to each other: their CIEDE2000 difference, and
 * their indexes in @first < @second. G_MAXDOUBLE when fewer than two parse. */
double   dl_color_closest_pair   (const char * const *colors,
                                  guint         n,
                                  guint        *first,
                                  guint        *second);

G_END_DECLS
