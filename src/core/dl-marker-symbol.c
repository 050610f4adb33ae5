/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-marker-symbol"

#include "config.h"

#include <string.h>

#include "dl-resources.h"

#include "dl-marker-symbol.h"

/* Maki's icons, read once from the GResource: name → path data (data/symbols/README.md). */
static GHashTable *
icons (void)
{
  static GHashTable *table;
  static gsize loaded_once;

  if (g_once_init_enter (&loaded_once))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dl_resources_lookup ("symbols/maki.txt", &error);
      GHashTable *loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      if (bytes == NULL)
        g_critical ("The embedded marker symbols cannot be loaded: %s", error->message);
      else
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          g_autofree char *text = g_strndup (data, size);
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            {
              char *space = strchr (lines[i], ' ');

              if (space == NULL)
                continue;
              g_hash_table_insert (loaded, g_strndup (lines[i], space - lines[i]),
                                   g_strdup (space + 1));
            }
        }
      table = loaded;
      g_once_init_leave (&loaded_once, 1);
    }
  return table;
}

/**
 * dl_marker_symbol_classify:
 * @symbol: (nullable): a marker-symbol as written
 *
 * Returns: how a marker draws @symbol: an icon, a text of one or two characters (a digit,
 * a letter, "12"), or nothing (the plain marker) for any other word.
 */
DlMarkerSymbolKind
dl_marker_symbol_classify (const char *symbol)
{
  glong length;

  if (symbol == NULL || symbol[0] == '\0')
    return DL_MARKER_SYMBOL_NONE;
  if (dl_marker_symbol_icon_path (symbol) != NULL)
    return DL_MARKER_SYMBOL_ICON;
  if (!g_utf8_validate (symbol, -1, NULL))
    return DL_MARKER_SYMBOL_NONE;
  length = g_utf8_strlen (symbol, -1);
  if (length > 2)
    return DL_MARKER_SYMBOL_NONE;
  for (const char *p = symbol; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* something to see: no spaces, controls or marks alone */
      if (!g_unichar_isgraph (c) || g_unichar_ismark (c))
        return DL_MARKER_SYMBOL_NONE;
    }
  return DL_MARKER_SYMBOL_TEXT;
}

/**
 * dl_marker_symbol_icon_path:
 * @name: a Maki icon's name
 *
 * Returns: (nullable): its SVG path data in Maki's 15×15 view box.
 */
const char *
dl_marker_symbol_icon_path (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (icons (), name);
}
