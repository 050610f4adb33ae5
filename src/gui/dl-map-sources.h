/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* OpenStreetMap raster tiles from libshumate's registry, set up per the OSM tile usage
 * policy (a real User-Agent, the disk cache). Never waited on: the offline map stays
 * beneath it. */
ShumateMapSource *dl_map_sources_new_osm (void);

G_END_DECLS
