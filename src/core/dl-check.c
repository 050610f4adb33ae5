/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-check"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-check.h"
#include "dl-story.h"

/* The story of the last file checked. --check exits after its last file, and freeing a
 * big story's places one by one costs more than a tenth of the check (a million GObjects):
 * the last one is left for the exit to take, still referenced from here, so that leak
 * checkers (LeakSanitizer, valgrind) do not count it as lost. */
static DlStory *last_story;

static gboolean
check_one (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  DlStory *story = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_clear_object (&last_story);

  bytes = dl_story_read_file (file, path, NULL, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  /* one load gives both the problems and the story */
  problems = dl_story_check_bytes_full (bytes, path, &story);
  last_story = story;
  if (problems->len > 0 || story == NULL)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
      return FALSE;
    }

  if (dl_story_get_warnings (story) != NULL)
    for (const char * const *w = dl_story_get_warnings (story); *w != NULL; w++)
      g_printerr ("%s\n", *w);

  /* TRANSLATORS: the output of dateline --check for a valid story file */
  g_print (_("%s: OK (%u places, %u events, %u actors, %u passages)\n"), path,
           g_list_model_get_n_items (dl_story_get_places (story)),
           g_list_model_get_n_items (dl_story_get_events (story)),
           g_list_model_get_n_items (dl_story_get_actors (story)),
           dl_story_get_n_passages (story));
  return TRUE;
}

int
dl_check_files (const char * const *paths)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (paths != NULL, 1);

  for (guint i = 0; paths[i] != NULL; i++)
    ok = check_one (paths[i]) && ok;

  return ok ? 0 : 1;
}
