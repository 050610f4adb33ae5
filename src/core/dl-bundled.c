/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-bundled"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-bundled.h"
#include "dl-resources.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * dl_bundled_story_load:
 *
 * Loads the first story bundled in the GResource, in name order: the app ships data, not
 * code, for it. Used by the window at start-up and by `dateline --export` without STORY.
 *
 * Returns: (transfer full): the story, or %NULL with @error set.
 */
DlStory *
dl_bundled_story_load (GError **error)
{
  g_autofree char *dir = g_build_path ("/", RESOURCE_PREFIX, "stories", NULL);
  g_auto(GStrv) names = NULL;

  dl_resources_ensure ();
  names = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  /* Enumeration order is the hash table's: sort for a stable choice. */
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_suffix (names[i], ".geojson"))
        {
          g_autofree char *path = g_build_path ("/", "stories", names[i], NULL);
          g_autoptr(GBytes) bytes = dl_resources_lookup (path, error);

          if (bytes == NULL)
            return NULL;
          return dl_story_new_from_bytes (bytes, names[i], error);
        }
    }

  g_set_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND,
               _("No story is bundled with this build"));
  return NULL;
}
