/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-gazetteer"

/* Name folding, shared by the gazetteer and its compiler (tools/dl-gazetteer-compile). */

#include <string.h>

#include "dl-gazetteer.h"

/* Folding ----------------------------------------------------------------------------- */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB ||
         c == 0x02BF || c == 0x02BE || c == '`' || c == 0x00B4 || c == '.';
}

static gboolean
is_ascii (const char *text,
          gssize      length)
{
  for (gssize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80 || text[i] == '\0')
      return FALSE;
  return TRUE;
}

/* The same folding, for the common case of ASCII text, without normalising. */
static char *
fold_ascii (const char *text,
            gssize      length)
{
  char *out = g_malloc (length + 1);
  gsize n = 0;
  gboolean space = FALSE;

  for (gssize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '\'' || c == '`' || c == '.')
        continue;
      if (g_ascii_isspace (c) || g_ascii_ispunct (c))
        {
          space = n > 0;
          continue;
        }
      if (space)
        out[n++] = ' ';
      space = FALSE;
      out[n++] = g_ascii_tolower (c);
    }
  out[n] = '\0';
  return out;
}

/**
 * dl_gazetteer_fold:
 * @text: UTF-8 text
 * @length: its length in bytes, or -1 when NUL-terminated
 *
 * The form names are compared in: accents and Arabic vowel marks dropped, lower case,
 * apostrophes and full stops dropped, any other punctuation or space run made one space,
 * Arabic letter variants (alef with hamza, alef maqsura, taa marbuta) unified.
 *
 * Returns: (transfer full): the folded text, never %NULL (invalid UTF-8 folds to "").
 */
char *
dl_gazetteer_fold (const char *text,
                   gssize      length)
{
  g_autofree char *nfkd = NULL;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (is_ascii (text, length))
    return fold_ascii (text, length);
  if (!g_utf8_validate (text, length, NULL))
    return g_strdup ("");
  nfkd = g_utf8_normalize (text, length, G_NORMALIZE_NFKD);
  if (nfkd == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (nfkd));
  for (const char *p = nfkd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_FORMAT ||
          c == 0x0640 || is_apostrophe (c))
        continue;
      if (g_unichar_isspace (c) || g_unichar_ispunct (c))
        {
          space = out->len > 0;
          continue;
        }
      switch (c)
        {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671:
          c = 0x0627;
          break;
        case 0x0649:
          c = 0x064A;
          break;
        case 0x0629:
          c = 0x0647;
          break;
        /* Latin letters NFKD leaves whole: Doğubayazıt, Puławy, Øresund, Đà Nẵng. */
        case 0x0131:
          c = 'i';
          break;
        case 0x0141: case 0x0142:
          c = 'l';
          break;
        case 0x00D8: case 0x00F8:
          c = 'o';
          break;
        case 0x0110: case 0x0111:
          c = 'd';
          break;
        case 0x00DF:
          g_string_append (out, space ? " s" : "s");
          space = FALSE;
          c = 's';
          break;
        case 0x00C6: case 0x00E6:
          g_string_append (out, space ? " a" : "a");
          space = FALSE;
          c = 'e';
          break;
        default:
          c = g_unichar_tolower (c);
          break;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
