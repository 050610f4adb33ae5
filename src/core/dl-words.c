/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-words"

#include "config.h"

#include <string.h>

#include "dl-words-private.h"

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_joiner (gunichar c)
{
  /* Hyphen, apostrophes, and the hyphens of typeset text. */
  return c == '-' || c == '\'' || c == 0x2019 || c == 0x2010 || c == 0x2011;
}

/**
 * dl_words_split:
 * @text: valid UTF-8
 *
 * Returns: (transfer full) (element-type DlWord): the words and punctuation of @text.
 */
GArray *
dl_words_split (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (DlWord));
  const char *p = text;
  int cp = 0;
  gboolean space = TRUE;

  g_return_val_if_fail (text != NULL, words);

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      DlWord w = { 0 };

      if (g_unichar_isspace (c) || c == 0xa0)
        {
          p = g_utf8_next_char (p);
          cp++;
          space = TRUE;
          continue;
        }

      w.s = p;
      w.start = cp;
      w.space_before = space;
      space = FALSE;
      if (is_word_char (c))
        {
          gboolean digits = TRUE;

          w.word = TRUE;
          w.upper = g_unichar_isupper (c) || g_unichar_istitle (c);
          for (;;)
            {
              const char *next;

              c = g_utf8_get_char (p);
              if (is_word_char (c))
                {
                  digits = digits && c >= '0' && c <= '9';
                  p = g_utf8_next_char (p);
                  cp++;
                  continue;
                }
              next = g_utf8_next_char (p);
              if (is_joiner (c) && *next && is_word_char (g_utf8_get_char (next)))
                {
                  digits = FALSE;
                  p = next;
                  cp++;
                  continue;
                }
              break;
            }
          w.digits = digits;
        }
      else
        {
          p = g_utf8_next_char (p);
          cp++;
        }
      w.len = p - w.s;
      w.end = cp;
      g_array_append_val (words, w);
    }

  return words;
}

gboolean
dl_word_is (const DlWord *w,
            const char   *word)
{
  return strlen (word) == w->len && g_ascii_strncasecmp (w->s, word, w->len) == 0;
}

gboolean
dl_word_is_any (const DlWord       *w,
                const char * const *words)
{
  for (guint i = 0; words[i]; i++)
    if (dl_word_is (w, words[i]))
      return TRUE;
  return FALSE;
}

char *
dl_word_dup (const DlWord *w)
{
  return g_strndup (w->s, w->len);
}

int
dl_word_number (const DlWord *w)
{
  int n = 0;

  if (!w->digits || w->len > 9)
    return -1;
  for (guint i = 0; i < w->len; i++)
    n = n * 10 + (w->s[i] - '0');
  return n;
}

gboolean
dl_word_ends_clause (const DlWord *w)
{
  return dl_word_is (w, ".") || dl_word_is (w, "!") || dl_word_is (w, "?") ||
         dl_word_is (w, ";") || dl_word_is (w, "…");
}
