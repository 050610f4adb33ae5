/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Markers drawn once and then copied: with many thousand markers of a few looks, copying
 * a small image costs far less than filling their paths again. Only for a raster target
 * whose transformation is a plain scale and shift; for vectors (SVG, PDF) the paths stay
 * paths. Each look is drawn at four positions between two pixels in each direction, so a
 * copy lands within an eighth of a pixel of where the path would. */
typedef struct _DlStamps DlStamps;

/* Draws one look, centred on (@x, @y) in user units, with what @style says. */
typedef void (*DlStampDraw) (cairo_t       *cr,
                             double         x,
                             double         y,
                             gconstpointer  style);

/* NULL when @cr does not draw to an image surface, or turns or shears. */
DlStamps *dl_stamps_new   (cairo_t       *cr);
void      dl_stamps_free  (DlStamps      *stamps);
/* Paints the look @draw makes of @style (@style_size bytes, compared as bytes; every byte
 * must be set), which reaches at most @reach user units from its centre, at (@x, @y).
 * FALSE when it did not (too many looks, or too big to be worth it): draw it yourself. */
gboolean  dl_stamps_paint (DlStamps      *stamps,
                           double         x,
                           double         y,
                           double         reach,
                           gconstpointer  style,
                           gsize          style_size,
                           DlStampDraw    draw);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlStamps, dl_stamps_free)

G_END_DECLS
