/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-map-sources"

#include "config.h"

#include "dl-map-sources.h"
#include "dl-online-source.h"

/**
 * dl_map_sources_new_osm:
 *
 * OpenStreetMap's standard raster tiles. libshumate's tile downloader keeps them in its
 * disk cache (under the user cache directory) and sends the User-Agent set here, which
 * names the application as the OSM tile usage policy asks. A tile that fails to download
 * stays empty, so the offline map beneath shows through; the #DlOnlineSource around it
 * tells when none come.
 *
 * Returns: (transfer full): the map source
 */
ShumateMapSource *
dl_map_sources_new_osm (void)
{
  g_autoptr(ShumateMapSourceRegistry) registry = NULL;
  ShumateMapSource *source;

  shumate_set_user_agent ("Dateline/" PACKAGE_VERSION " (" APP_ID "; libshumate)");

  registry = shumate_map_source_registry_new_with_defaults ();
  source = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
  g_return_val_if_fail (source != NULL, NULL);
  return SHUMATE_MAP_SOURCE (dl_online_source_new (source));
}
