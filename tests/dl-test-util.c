/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dl-test-util.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

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

double
dl_test_thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

double
dl_test_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

char *
dl_test_make_big_story (const char *dir,
                        const char *kind,
                        guint       n)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"),
                                              "make-big-story.py", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *name = g_strdup_printf ("%s-%u.geojson", kind, n);
  char *path = g_build_filename (dir, name, NULL);
  const char *argv[] = { "/usr/bin/python3", script, kind, count, path, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("make-big-story.py: %s", error->message);
  return path;
}
