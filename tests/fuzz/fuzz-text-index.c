/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the passage index: the input is split at its first two 0x01
 * bytes into text, quote and context (prefix, then suffix after a third 0x01). The index
 * must count exactly what a plain search of the text counts, and find the same first
 * occurrence, with no crash or sanitizer report.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-text-index
 *   build-fuzz/tests/fuzz/fuzz-text-index CORPUS
 */
#define G_LOG_DOMAIN "fuzz-text-index"

#include <stdint.h>
#include <string.h>

#include "dl-text-index.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gsize
plain_count_quote (const char *text,
                   const char *prefix,
                   const char *exact,
                   const char *suffix,
                   gsize      *first)
{
  gsize prefix_length = strlen (prefix);
  gsize n = 0;

  for (const char *p = strstr (text, exact); p != NULL; p = strstr (p + 1, exact))
    {
      gsize at = p - text;

      if (at < prefix_length || memcmp (p - prefix_length, prefix, prefix_length) != 0
          || !g_str_has_prefix (p + strlen (exact), suffix))
        continue;
      if (n++ == 0)
        *first = at;
    }
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A nul byte ends a C string: the parts are what comes before the first one. */
  g_autofree char *copy = g_strndup ((const char *) data, size);
  char **parts = g_strsplit (copy, "\001", 4);
  guint n_parts = g_strv_length (parts);
  const char *text = n_parts > 0 ? parts[0] : "";
  const char *exact = n_parts > 1 ? parts[1] : "";
  const char *prefix = n_parts > 2 ? parts[2] : "";
  const char *suffix = n_parts > 3 ? parts[3] : "";

  if (*exact != '\0')
    {
      g_autoptr(DlTextIndex) index = dl_text_index_new (text, -1);
      gsize want_first = 0, got_first = 0;
      gsize want = plain_count_quote (text, prefix, exact, suffix, &want_first);
      gsize got = dl_text_index_count_quote (index, *prefix ? prefix : NULL, exact,
                                             *suffix ? suffix : NULL, &got_first);

      g_assert_cmpuint (got, ==, want);
      if (want > 0)
        g_assert_cmpuint (got_first, ==, want_first);
    }
  g_strfreev (parts);
  return 0;
}
