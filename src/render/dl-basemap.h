/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  DL_BASEMAP_LIGHT,
  DL_BASEMAP_DARK,
} DlBasemapStyle;

typedef struct _DlBasemap DlBasemap;

/* The base map compiled into the GResource (shared, never freed). Thread-safe to draw
 * from several threads at once. */
DlBasemap *dl_basemap_get_default (void);
/* A base map from compiled bytes (tools/dl-basemap-compile); NULL with an error when the
 * bytes are not a base map. */
DlBasemap *dl_basemap_new_from_bytes (GBytes      *bytes,
                                      GError     **error);
void       dl_basemap_free           (DlBasemap   *self);

/* Draws sea, land, lakes, borders and disputed areas of the Web Mercator view whose
 * top-left corner is world pixel (@x, @y) at @zoom (fractional zooms allowed) and whose
 * size is @width × @height user-space units of @cr. No labels. */
void       dl_basemap_draw           (DlBasemap      *self,
                                      cairo_t        *cr,
                                      DlBasemapStyle  style,
                                      double          zoom,
                                      double          x,
                                      double          y,
                                      double          width,
                                      double          height);

/* A country or city name to place on the map, in world pixels at @zoom. */
typedef struct
{
  const char *text;      /* owned by the base map */
  double      x;
  double      y;
  double      importance; /* larger wins a collision */
  gboolean    is_city;
} DlBasemapLabel;

/* The labels worth showing in the view at @zoom, not yet checked for collisions, as an
 * array of DlBasemapLabel (free with g_array_unref). */
GArray    *dl_basemap_list_labels    (DlBasemap      *self,
                                      double          zoom,
                                      double          x,
                                      double          y,
                                      double          width,
                                      double          height);

/* The colours of a style, e.g. for a legend or to check a rendering. */
typedef enum
{
  DL_BASEMAP_COLOR_SEA,
  DL_BASEMAP_COLOR_LAND,
  DL_BASEMAP_COLOR_BORDER,
  DL_BASEMAP_COLOR_DISPUTED,
  DL_BASEMAP_COLOR_DISPUTED_BORDER,
} DlBasemapColor;

void       dl_basemap_get_color      (DlBasemapStyle  style,
                                      DlBasemapColor  color,
                                      double         *red,
                                      double         *green,
                                      double         *blue);

/* "© Natural Earth" and the like, for a licence line. */
const char *dl_basemap_get_attribution (DlBasemap *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlBasemap, dl_basemap_free)

G_END_DECLS
