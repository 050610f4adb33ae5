/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the fold every search matches against (dl_text_fold): on any valid
 * UTF-8 text, its run-by-run form gives what folding the whole text through GLib gives.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-fold
 *   build-fuzz/tests/fuzz/fuzz-fold CORPUS
 */
#define G_LOG_DOMAIN "fuzz-fold"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dl-filter.h"
#include "dl-test-util.h"

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
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *reference = NULL;

  /* the model holds valid UTF-8 only: the readers check it */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data, size, NULL))
    return 0;
  text = g_strndup ((const char *) data, size);
  folded = dl_text_fold (text);
  reference = dl_test_fold_reference (text);
  if (strcmp (folded, reference) != 0)
    g_error ("\"%s\" folds to \"%s\", not \"%s\"", text, folded, reference);
  return 0;
}
