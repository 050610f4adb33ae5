/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fuzz targets build without the GResource (base map, gazetteer, bundled stories):
 * every lookup fails as a missing resource does. */
#include "config.h"

#include <gio/gio.h>

#include "dl-resources.h"

void
dl_resources_ensure (void)
{
}

GBytes *
dl_resources_lookup (const char  *path,
                     GError     **error)
{
  g_set_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND,
               "no resources in a fuzz build: %s", path);
  return NULL;
}
