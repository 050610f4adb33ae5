/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dl-test-util.h"

#include <math.h>
#include <stdlib.h>

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

int
dl_test_compare_doubles (gconstpointer a,
                         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
dl_test_median_of (double *values,
                   guint   n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), dl_test_compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
dl_test_median (GArray *values)
{
  return dl_test_median_of ((double *) (gpointer) values->data, values->len);
}

double
dl_test_percentile (GArray *values,
                    double  p)
{
  if (values->len == 0)
    return NAN;
  g_array_sort (values, dl_test_compare_doubles);
  return g_array_index (values, double, (guint) floor (p * (values->len - 1)));
}
