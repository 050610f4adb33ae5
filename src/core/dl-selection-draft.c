/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-selection-draft"

#include "config.h"

#include <string.h>

#include "dl-selection-draft.h"

#define TITLE_CHARS 80

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x3002 /* 。 */ || c == 0x061F /* ؟ */
         || c == '\n';
}

char *
dl_selection_sentence (const char *text,
                       int         start,
                       int         end,
                       int         max_chars)
{
  glong length;
  g_autofree gunichar *chars = NULL;
  glong from, to;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  chars = g_utf8_to_ucs4_fast (text, -1, &length);
  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);

  /* back to the end of the previous sentence; forward to the end of this one */
  from = start;
  while (from > 0 && !(is_sentence_end (chars[from - 1])
                       && (chars[from - 1] == '\n' || g_unichar_isspace (chars[from]))))
    from--;
  to = MAX (end, from);
  while (to < length && !is_sentence_end (chars[to]))
    to++;
  /* the sentence keeps its full stop, not its line end */
  if (to < length && chars[to] != '\n')
    to++;

  while (from < to && g_unichar_isspace (chars[from]))
    from++;
  while (to > from && g_unichar_isspace (chars[to - 1]))
    to--;

  if (to - from > max_chars)
    {
      glong cut = from + max_chars - 1;

      /* at the last space before the limit, when there is one not too far back */
      for (glong i = cut; i > from + max_chars / 2; i--)
        if (g_unichar_isspace (chars[i]))
          {
            cut = i;
            break;
          }
      while (cut > from && (g_unichar_isspace (chars[cut - 1]) || chars[cut - 1] == ','))
        cut--;
      for (glong i = from; i < cut; i++)
        g_string_append_unichar (out, chars[i]);
      g_string_append (out, "…");
    }
  else
    {
      /* a title has no full stop */
      if (to > from && chars[to - 1] == '.')
        to--;
      for (glong i = from; i < to; i++)
        g_string_append_unichar (out, chars[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_word_char (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

gboolean
dl_selection_mentions (const char *haystack,
                       const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;
  gsize n_len;

  if (haystack == NULL || needle == NULL || needle[0] == '\0')
    return FALSE;

  h = g_utf8_casefold (haystack, -1);
  n = g_utf8_casefold (needle, -1);
  n_len = strlen (n);
  for (const char *p = strstr (h, n); p != NULL; p = strstr (p + 1, n))
    {
      gboolean starts = p == h || !is_word_char (g_utf8_find_prev_char (h, p));
      gboolean ends = p[n_len] == '\0' || !is_word_char (p + n_len);

      if (starts && ends)
        return TRUE;
    }
  return FALSE;
}

DlSelectionDraft *
dl_selection_draft_new (DlStory *story,
                        int      start,
                        int      end)
{
  DlSelectionDraft *draft;
  const char *text;
  g_autofree char *selected = NULL;
  GListModel *places, *actors;
  glong length;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  text = dl_story_get_text (story);
  if (text == NULL)
    text = "";
  length = g_utf8_strlen (text, -1);
  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  selected = g_utf8_substring (text, start, end);

  draft = g_new0 (DlSelectionDraft, 1);
  draft->title = dl_selection_sentence (text, start, end, TITLE_CHARS);
  draft->places = g_ptr_array_new_with_free_func (g_object_unref);
  draft->actors = g_ptr_array_new_with_free_func (g_object_unref);

  places = dl_story_get_places (story);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      if (dl_selection_mentions (selected, dl_place_get_name (place)))
        g_ptr_array_add (draft->places, g_steal_pointer (&place));
    }

  actors = dl_story_get_actors (story);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);
      const char * const *aliases = dl_actor_get_aliases (actor);
      gboolean named = dl_selection_mentions (selected, dl_actor_get_name (actor));

      for (guint j = 0; !named && aliases != NULL && aliases[j] != NULL; j++)
        named = dl_selection_mentions (selected, aliases[j]);
      /* a person by surname too: "Assad" for "Bashar al-Assad" */
      if (!named && g_strcmp0 (dl_actor_get_kind (actor), "person") == 0
          && dl_actor_get_name (actor) != NULL)
        {
          const char *name = dl_actor_get_name (actor);
          const char *last = MAX (strrchr (name, ' '), strrchr (name, '-'));

          if (last != NULL && g_utf8_strlen (last + 1, -1) >= 3)
            named = dl_selection_mentions (selected, last + 1);
        }
      if (named)
        g_ptr_array_add (draft->actors, g_steal_pointer (&actor));
    }

  return draft;
}

void
dl_selection_draft_free (DlSelectionDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->title);
  g_ptr_array_unref (draft->places);
  g_ptr_array_unref (draft->actors);
  g_free (draft);
}
