/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-settings"

#include "config.h"

#include "dl-settings.h"

GSettings *
dl_settings_new (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) built = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APP_ID, TRUE);

  if (schema == NULL)
    {
      built = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, installed,
                                                           FALSE, &error);
      if (built != NULL)
        schema = g_settings_schema_source_lookup (built, APP_ID, FALSE);
    }

  if (schema == NULL)
    {
      static gsize warned = 0;

      if (g_once_init_enter (&warned))
        {
          g_message ("Settings schema %s not found; settings will not be remembered",
                     APP_ID);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
