/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A plain map's marker-symbol drawn inside a marker's disc: a Maki icon or one or two
 * characters, in white or near-black, whichever reads better on the disc's colour. The
 * window's markers, its dot layer and the exported figure all draw it here. */

/* Draws @symbol centred on @cx, @cy inside a disc of @diameter filled with @background
 * (RGB in [0, 1]); FALSE, drawing nothing, when @symbol is not one a marker can draw. */
gboolean dl_symbol_draw            (cairo_t      *cr,
                                    const char   *symbol,
                                    double        cx,
                                    double        cy,
                                    double        diameter,
                                    const double  background[3]);

/* The colour of a symbol or a number on @background: white, or near-black on a light
 * colour, whichever contrasts more. */
void     dl_symbol_ink             (const double  background[3],
                                    double        ink[3]);

/* Appends the SVG path data @data (M, L, H, V, C, S, Q, T, A, Z, absolute and relative)
 * to @cr's path; FALSE at the first malformed command, keeping what came before it. */
gboolean dl_symbol_append_svg_path (cairo_t      *cr,
                                    const char   *data);

G_END_DECLS
