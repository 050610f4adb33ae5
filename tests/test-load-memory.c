/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The streaming loader's memory, as the kernel counts it: `dateline --check` of a generated
 * plain map of 100,000 points (14 MB) must peak under 80 MiB of resident memory
 * (getrusage ru_maxrss of the child). Read whole into json-glib's tree, the same file took
 * about 330 MiB; streamed into places of GObjects with three arrays each, about 110 MiB. Skipped under AddressSanitizer and valgrind, which add their own. */
#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "dl-test-cli.h"

#define N_POINTS 100000
#define BOUND_MIB 80

static void
write_points (const char *path)
{
  g_autoptr(GString) json = g_string_sized_new (150 * N_POINTS);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GError) error = NULL;

  g_string_append (json, "{\"type\": \"FeatureCollection\", \"features\": [");
  for (guint i = 0; i < N_POINTS; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lon, sizeof lon, "%.5f", g_rand_double_range (rand, -170, 170));
      g_ascii_formatd (lat, sizeof lat, "%.5f", g_rand_double_range (rand, -60, 70));
      g_string_append_printf (json,
                              "%s{\"type\": \"Feature\", \"id\": \"p%u\", \"geometry\": "
                              "{\"type\": \"Point\", \"coordinates\": [%s, %s]}, "
                              "\"properties\": {\"name\": \"Village %u\"}}",
                              i > 0 ? ", " : "", i, lon, lat, i);
    }
  g_string_append (json, "]}\n");
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
}

static void
test_check_peak (void)
{
  g_autofree char *path = dl_test_cli_tmp_path ("points.geojson");
  g_autofree char *expected = g_strdup_printf ("%s: OK (%d places", path, N_POINTS);
  DlTestRun run;
  struct rusage usage;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's shadow memory is counted too");
  return;
#endif
  if (g_strcmp0 (g_getenv ("DATELINE_TEST_TOOL"), "valgrind") == 0)
    {
      g_test_skip ("valgrind's memory is counted too");
      return;
    }

  write_points (path);
  dl_test_run_dateline (&run, "--check", path, NULL);
  g_test_message ("stdout: %s stderr: %s", run.out, run.err);
  g_assert_cmpint (dl_test_run_exit_code (&run), ==, 0);
  g_assert_true (g_str_has_prefix (run.out, expected));

  /* the largest resident set of the children waited for: only this one */
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("dateline --check of %d points: peak %ld KiB", N_POINTS, usage.ru_maxrss);
  g_assert_cmpint (usage.ru_maxrss, >, 0);
  g_assert_cmpint (usage.ru_maxrss, <, BOUND_MIB * 1024);
  dl_test_run_clear (&run);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dl_test_cli_init ("load-memory");
  g_test_add_func ("/load-memory/check-peak", test_check_peak);
  status = g_test_run ();
  dl_test_cli_cleanup ();
  return status;
}
