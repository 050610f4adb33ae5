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

char *
dl_test_fold_reference (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *bare;

  if (decomposed == NULL)
    return g_strdup ("");
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK
          && type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_string_free (bare, FALSE);
}
