/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the reader's fast path (issue 17): any input is loaded by the fast
 * path and by the tree reader, and a user must see the same of both: the same error or
 * problems, warnings, places (ids, names, positions, properties) and saved text.
 *
 *   make fuzz FUZZ_TARGET=fuzz-fast-path
 */
#define G_LOG_DOMAIN "fuzz-fast-path"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dl-test-story-dump.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *difference = dl_test_compare_fast_path ((const char *) data, size);

  if (difference != NULL)
    {
      g_printerr ("fuzz-fast-path: the fast path and the tree reader differ\n%s\n",
                  difference);
      abort ();
    }
  return 0;
}
