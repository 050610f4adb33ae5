/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the place detector and the place search: any bytes as the text of
 * an article (invalid UTF-8 must give no places) and as what a user types. Every mention
 * must lie inside the text, in order, with `exact` equal to the text at its offsets; no
 * crash, leak, hang or sanitizer report.
 *
 *   make fuzz FUZZ_TARGET=fuzz-detector
 */
#define G_LOG_DOMAIN "fuzz-detector"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dl-place-detector.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static DlGazetteer *gazetteer;

static void
fuzz_abort (const char *what)
{
  g_printerr ("fuzz-detector: %s\n", what);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  gazetteer = dl_gazetteer_get_default (&error);
  if (gazetteer == NULL)
    fuzz_abort (error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) places = dl_place_detector_detect (gazetteer, text);
  g_autoptr(GArray) found = dl_gazetteer_search (gazetteer, text, 10);
  g_autoptr(GArray) same = dl_gazetteer_lookup (gazetteer, text);
  gboolean valid = g_utf8_validate (text, -1, NULL);
  glong length = valid ? g_utf8_strlen (text, -1) : 0;

  if (!valid && places->len > 0)
    fuzz_abort ("places found in invalid UTF-8");
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);
      DlGazetteerEntry e;

      if (p->mentions->len == 0 || !dl_gazetteer_get_entry (gazetteer, p->entry, &e) ||
          e.geonames_id != p->info.geonames_id || p->precision == NULL)
        fuzz_abort ("a place without mentions or entry");
      for (guint m = 0; m < p->mentions->len; m++)
        {
          DlMention *mention = &g_array_index (p->mentions, DlMention, m);
          g_autofree char *at = NULL;

          if (mention->start < 0 || mention->end <= mention->start || mention->end > length)
            fuzz_abort ("a mention outside the text");
          if (m > 0 && mention->start <= g_array_index (p->mentions, DlMention, m - 1).start)
            fuzz_abort ("mentions out of order");
          at = g_utf8_substring (text, mention->start, mention->end);
          if (strcmp (at, mention->exact) != 0)
            fuzz_abort ("exact is not the text at the offsets");
        }
    }
  for (guint i = 0; i < found->len; i++)
    if (g_array_index (found, guint32, i) >= dl_gazetteer_get_n_entries (gazetteer))
      fuzz_abort ("search returned no entry");
  for (guint i = 0; i < same->len; i++)
    if (g_array_index (same, guint32, i) >= dl_gazetteer_get_n_entries (gazetteer))
      fuzz_abort ("lookup returned no entry");
  return 0;
}
