/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-story-error"

#include <string.h>

#include "dl-story-error.h"

G_DEFINE_QUARK (dl-story-error-quark, dl_story_error)

/* Skips the digits at @p; NULL when there is none. */
static const char *
skip_digits (const char *p)
{
  const char *start = p;

  while (g_ascii_isdigit (*p))
    p++;
  return p > start ? p : NULL;
}

/* Whether text from @start to @end holds a quotation mark: then it is a sentence that
 * quotes something, not a file's location. */
static gboolean
quoted (const char *start,
        const char *end)
{
  /* and a location holding bidi controls (a file name can) is not isolated: its own
   * U+2069 would end the isolate early */
  static const char * const marks[] = {
    "\"", "“", "«", "„", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066",
    "\u2067", "\u2068", "\u2069",
  };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_strstr_len (start, end - start, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The length of the "FILE:LINE:COL" (or "FILE:LINE", or "FILE.EXT") that starts
 * @message before ": ", or 0 when it starts with none. */
static gsize
location_length (const char *message)
{
  const char *first = strstr (message, ": ");
  const char *dot;

  for (const char *p = strchr (message, ':'); p != NULL && p > message;
       p = strchr (p + 1, ':'))
    {
      const char *end = skip_digits (p + 1);

      if (end == NULL)
        continue;
      if (end[0] == ':' && g_ascii_isdigit (end[1]))
        end = skip_digits (end + 1);
      if (g_str_has_prefix (end, ": "))
        return quoted (message, end) ? 0 : end - message;
    }
  /* "photo.txt: …": a file name with its extension */
  if (first == NULL || first == message)
    return 0;
  dot = g_strrstr_len (message, first - message, ".");
  if (dot == NULL || dot + 1 == first || first - dot > 9)
    return 0;
  for (const char *p = dot + 1; p < first; p++)
    if (!g_ascii_isalnum (*p))
      return 0;
  return quoted (message, first) ? 0 : first - message;
}

/**
 * dl_story_error_for_direction:
 * @message: a message that may start with "FILE:LINE:COL: "
 * @rtl: whether the interface reads right to left
 *
 * In a right-to-left interface the location that starts a message reads first too: it
 * is isolated (U+2068 … U+2069, so its colons and digits keep their order) and the
 * paragraph is marked right to left (U+200F), where a file name in Latin letters would
 * otherwise make the whole line left to right and put the location at its end.
 *
 * Returns: (transfer full): the message to show
 */
char *
dl_story_error_for_direction (const char *message,
                              gboolean    rtl)
{
  gsize length;

  g_return_val_if_fail (message != NULL, NULL);

  length = rtl ? location_length (message) : 0;
  if (length == 0)
    return g_strdup (message);
  return g_strdup_printf ("\u200F\u2068%.*s\u2069%s", (int) length, message,
                          message + length);
}
