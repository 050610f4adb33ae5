/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dl-test-util.h"

gboolean
dl_test_flag_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

guint
dl_test_run_for (guint ms)
{
  gboolean done = FALSE;
  guint iterations = 0;

  g_timeout_add (ms, dl_test_flag_cb, &done);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      iterations++;
    }
  return iterations;
}
