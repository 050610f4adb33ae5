/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-file-name"

#include "config.h"

#include <string.h>

#include "dl-file-name.h"

/**
 * dl_file_name_from_title:
 * @title: (nullable): a story's title
 * @max_bytes: the longest name wanted, in bytes
 *
 * A file name (without extension) from the title's words: letters and digits of any
 * script, lower case, joined by "-". A long title is cut after its last whole word that
 * fits ("assad-granted-asylum-in-moscow-as-syrians", never "…-celebr"); a first word
 * longer than @max_bytes is cut at a character. Pure.
 *
 * Returns: (transfer full): the name, empty when the title has no letter nor digit
 */
char *
dl_file_name_from_title (const char *title,
                         gsize       max_bytes)
{
  GString *name = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (dash && name->len > 0)
            g_string_append_c (name, '-');
          g_string_append_unichar (name, g_unichar_tolower (c));
          dash = FALSE;
        }
      else
        dash = TRUE;
      if (name->len > max_bytes)
        break;
    }

  if (name->len > max_bytes)
    {
      gboolean word_ends = name->str[max_bytes] == '-';
      gsize limit = max_bytes;

      /* Back to the start of a character, then to the end of the last whole word. */
      while (limit > 0 && ((guchar) name->str[limit] & 0xc0) == 0x80)
        limit--;
      g_string_truncate (name, limit);
      if (!word_ends)
        {
          char *cut = strrchr (name->str, '-');

          if (cut != NULL && cut > name->str)
            g_string_truncate (name, cut - name->str);
        }
    }
  return g_string_free (name, FALSE);
}

/**
 * dl_format_location:
 *
 * A place's coordinates as text other programs read: "latitude, longitude" in decimal
 * degrees with a dot whatever the locale, five decimals (a metre), as GNOME Maps copies
 * them.
 *
 * Returns: (transfer full): the text
 */
char *
dl_format_location (double latitude,
                    double longitude)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lat, sizeof lat, "%.5f", latitude);
  g_ascii_formatd (lon, sizeof lon, "%.5f", longitude);
  return g_strdup_printf ("%s, %s", lat, lon);
}
