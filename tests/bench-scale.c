/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Big inputs (issue 17): 20,000 passages over a 660 KB article, resolved through the
 * suffix-array index and, for a sample, by the plain search it replaced; and
 * `dateline --export --size=800x600` of 12,500 to 200,000 random points, time and peak
 * memory of the child process; and the goals of issue 17 against GDAL measured in the same
 * run: `--check` of 1,000,000 points against `ogrinfo -ro -so -al` (goal: no slower, peak
 * under 500 MiB), `--export` of 200,000 points against `gdal_rasterize` to 800×600 (goal:
 * under 3 s, under 400 MiB); and the model of the 1,000,000 points as the window's loading
 * thread makes it (dl_story_new_from_bytes_full()), by the reader's fast path and by its
 * tree reader alone, in a child process. Times are medians of wall and of CPU (user +
 * system) seconds: on a busy machine the CPU time is the one to compare. The files are
 * written at run time by tests/make-big-story.py and removed. Prints medians and ratios;
 * asserts nothing. */
#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "dl-story.h"
#include "dl-story-reader-private.h"
#include "dl-text-index.h"
#include "dl-test-util.h"

#define RUNS 3

static char *tmpdir;
static const char *self;

/* Runs @program (dateline when NULL) with @args; its wall and CPU (user + system)
 * seconds and peak RSS in MiB. */
static void
run_program (const char         *program,
             const char * const *args,
             double             *wall,
             double             *user,
             double             *peak_mib)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status;

  g_ptr_array_add (argv, (gpointer) (program != NULL ? program : g_getenv ("DATELINE_EXE")));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &pid, &error))
    g_error ("%s", error->message);
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed", program != NULL ? program : "dateline", args[0]);
  g_spawn_close_pid (pid);
  *wall = (g_get_monotonic_time () - start) / 1e6;
  *user = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
          usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  *peak_mib = usage.ru_maxrss / 1024.0;
}

typedef struct
{
  double wall, cpu, peak;
} Figures;

static Figures
bench_program (const char         *program,
               const char         *label,
               const char * const *args)
{
  double wall[RUNS], cpu[RUNS], peak[RUNS];
  Figures figures;

  for (guint i = 0; i < RUNS; i++)
    run_program (program, args, &wall[i], &cpu[i], &peak[i]);
  figures = (Figures) { dl_test_median_of (wall, RUNS), dl_test_median_of (cpu, RUNS),
                        dl_test_median_of (peak, RUNS) };
  g_print ("%-34s median %7.2f s wall, %7.2f s CPU, peak %6.0f MiB (%u runs)\n", label,
           figures.wall, figures.cpu, figures.peak, RUNS);
  return figures;
}

static Figures
bench_dateline (const char        *label,
                const char * const *args)
{
  return bench_program (NULL, label, args);
}

static void
print_goal (const char    *goal,
            const Figures *ours,
            const Figures *reference,
            const char    *reference_name)
{
  g_print ("  goal: %s\n", goal);
  if (reference != NULL)
    g_print ("  dateline / %s: %.2fx the wall time, %.2fx the CPU time, %.1fx the peak\n",
             reference_name, ours->wall / reference->wall, ours->cpu / reference->cpu,
             ours->peak / reference->peak);
  else
    g_print ("  (%s is not installed: no reference)\n", reference_name);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
keep_reading (double   fraction,
              gpointer data)
{
  return TRUE;
}

/* The model of @path as the window's loading thread makes it: dl_story_new_from_bytes_full()
 * with a progress function, from the bytes of the file (read before). CPU is the process's,
 * every thread's. */
static void
bench_model (const char *path,
             const char *label,
             gboolean    fast)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  double wall[RUNS], cpu[RUNS];
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  dl_story_reader_set_fast_path (fast);
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      story = dl_story_new_from_bytes_full (bytes, path, keep_reading, NULL, &error);
      wall[i] = (g_get_monotonic_time () - start) / 1e6;
      cpu[i] = cpu_seconds () - cpu_start;
      g_assert_no_error (error);
    }
  dl_story_reader_set_fast_path (TRUE);
  g_print ("%-34s median %7.2f s wall, %7.2f s CPU (%u runs, %u cores)\n", label,
           dl_test_median_of (wall, RUNS), dl_test_median_of (cpu, RUNS), RUNS,
           g_get_num_processors ());
}

/* The goals of issue 17 with their GDAL references. */
static void
bench_goals (void)
{
  g_autofree char *million = dl_test_make_big_story (tmpdir, "points", 1000000);
  g_autofree char *points = dl_test_make_big_story (tmpdir, "points", 200000);
  g_autofree char *png = g_build_filename (tmpdir, "goal.png", NULL);
  g_autofree char *tif = g_build_filename (tmpdir, "goal.tif", NULL);
  g_autofree char *export = g_strdup_printf ("--export=%s", png);
  g_autofree char *ogrinfo = g_find_program_in_path ("ogrinfo");
  g_autofree char *rasterize = g_find_program_in_path ("gdal_rasterize");
  const char *check_args[] = { "--check", million, NULL };
  const char *check_small_args[] = { "--check", points, NULL };
  GStatBuf big_stat, small_stat;
  Figures small;
  const char *ogr_args[] = { "-ro", "-so", "-al", million, NULL };
  const char *export_args[] = { export, "--size=800x600", points, NULL };
  const char *rasterize_args[] = { "-q", "-burn", "255", "-ts", "800", "600", "-ot", "Byte",
                                   "-of", "GTiff", points, tif, NULL };
  Figures ours, reference;

  g_print ("goals (issue 17)\n");
  small = bench_dateline ("--check 200,000 points", check_small_args);
  ours = bench_dateline ("--check 1,000,000 points", check_args);
  if (g_stat (million, &big_stat) == 0 && g_stat (points, &small_stat) == 0)
    {
      /* the story keeps the file's bytes (to save what it does not model): the rest of
       * the peak's growth is the model's */
      double file = (double) (big_stat.st_size - small_stat.st_size) / 800000;
      double all = (ours.peak - small.peak) * 1048576 / 800000;

      g_print ("  memory per place: %.0f bytes (%.0f of them the file's own text)\n",
               all, file);
    }
  if (ogrinfo != NULL)
    reference = bench_program (ogrinfo, "ogrinfo -ro -so -al", ogr_args);
  print_goal ("no slower than ogrinfo -ro -so -al, peak under 500 MiB", &ours,
              ogrinfo != NULL ? &reference : NULL, "ogrinfo");
  {
    /* in a child of its own: a fork of a process that has held the model would count
     * its memory in the peaks of the programs run after */
    const char *model_argv[] = { self, "model", million, NULL };
    g_autoptr(GError) error = NULL;
    int status;

    if (!g_spawn_sync (NULL, (char **) model_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                       NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("bench-scale model: %s", error->message);
  }
  g_print ("  goal: the window's model in about 4.5 s (the window in under 5 s)\n");
  g_unlink (million);

  ours = bench_dateline ("--export 800x600 200,000 points", export_args);
  if (rasterize != NULL)
    reference = bench_program (rasterize, "gdal_rasterize 800x600", rasterize_args);
  print_goal ("under 3 s and under 400 MiB", &ours, rasterize != NULL ? &reference : NULL,
              "gdal_rasterize");
  g_unlink (png);
  g_unlink (tif);
  g_unlink (points);
}

/* The search the loader did before the index: every occurrence, with its context. */
static gsize
plain_count_quote (const char *text,
                   const char *prefix,
                   const char *exact,
                   const char *suffix)
{
  gsize prefix_length = strlen (prefix);
  gsize n = 0;

  for (const char *p = strstr (text, exact); p != NULL; p = strstr (p + 1, exact))
    {
      if ((gsize) (p - text) < prefix_length
          || memcmp (p - prefix_length, prefix, prefix_length) != 0
          || !g_str_has_prefix (p + strlen (exact), suffix))
        continue;
      n++;
    }
  return n;
}

static void
bench_passages (void)
{
  const guint n_passages = 20000, n_plain = 200;
  GString *text = g_string_new (NULL);
  const char *words[] = { "the", "convoy", "reached", "Ḥamāh", "at", "night", "and",
                          "witnesses", "said", "“shelling”", "stopped", "near", "the",
                          "border", "bridge", "São", "Kyïv", "council" };
  g_autofree guint *at = g_new (guint, n_passages);
  double build[RUNS], lookup[RUNS], plain[RUNS];
  GRand *rand = g_rand_new_with_seed (17);

  while (text->len < 660000)
    g_string_append_printf (text, "%s ", words[g_rand_int_range (rand, 0,
                                                                 G_N_ELEMENTS (words))]);
  for (guint i = 0; i < n_passages; i++)
    at[i] = g_rand_int_range (rand, 16, text->len - 80);
  g_rand_free (rand);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(DlTextIndex) index = dl_text_index_new (text->str, text->len);
      gint64 t1 = g_get_monotonic_time ();
      gsize found = 0;

      for (guint i = 0; i < n_passages; i++)
        {
          g_autofree char *prefix = g_strndup (text->str + at[i] - 8, 8);
          g_autofree char *exact = g_strndup (text->str + at[i], 40);
          g_autofree char *suffix = g_strndup (text->str + at[i] + 40, 8);

          found += dl_text_index_count_quote (index, prefix, exact, suffix, NULL);
        }
      build[r] = (t1 - t0) / 1e6;
      lookup[r] = (g_get_monotonic_time () - t1) / 1e6;
      g_assert_cmpuint (found, >=, n_passages);

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < n_plain; i++)
        {
          g_autofree char *prefix = g_strndup (text->str + at[i] - 8, 8);
          g_autofree char *exact = g_strndup (text->str + at[i], 40);
          g_autofree char *suffix = g_strndup (text->str + at[i] + 40, 8);

          found += plain_count_quote (text->str, prefix, exact, suffix);
        }
      plain[r] = (g_get_monotonic_time () - t0) / 1e6 * n_passages / n_plain;
    }

  g_print ("passages: %u over a %zu KB text\n", n_passages, text->len / 1000);
  g_print ("  index: build median %.3f s, %u lookups median %.3f s, total %.3f s\n",
           dl_test_median_of (build, RUNS), n_passages, dl_test_median_of (lookup, RUNS),
           dl_test_median_of (build, RUNS) + dl_test_median_of (lookup, RUNS));
  g_print ("  plain search (the old way, %u timed, scaled to %u): median %.2f s, "
           "%.0fx the time of the index\n", n_plain, n_passages, dl_test_median_of (plain, RUNS),
           dl_test_median_of (plain, RUNS)
           / (dl_test_median_of (build, RUNS) + dl_test_median_of (lookup, RUNS)));
  g_string_free (text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 12500, 50000, 200000 };
  g_autofree char *passages = NULL;

  /* `bench-scale model FILE`: the model of FILE, run by bench_goals() */
  self = argv[0];
  if (argc > 2 && g_str_equal (argv[1], "model"))
    {
      bench_model (argv[2], "model of 1,000,000 points", TRUE);
      bench_model (argv[2], "  the same, every feature a tree", FALSE);
      return 0;
    }
  tmpdir = g_dir_make_tmp ("dateline-bench-scale-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  bench_goals ();
  /* `bench-scale goals`: only those */
  if (argc > 1 && g_str_equal (argv[1], "goals"))
    {
      g_rmdir (tmpdir);
      return 0;
    }
  bench_passages ();
  passages = dl_test_make_big_story (tmpdir, "passages", 20000);
  {
    const char *args[] = { "--check", passages, NULL };

    bench_dateline ("--check 20,000 passages", args);
  }
  g_unlink (passages);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *points = dl_test_make_big_story (tmpdir, "points", sizes[i]);
      g_autofree char *png = g_build_filename (tmpdir, "out.png", NULL);
      g_autofree char *export = g_strdup_printf ("--export=%s", png);
      g_autofree char *label = g_strdup_printf ("--export 800x600 %u points", sizes[i]);
      g_autofree char *check_label = g_strdup_printf ("--check %u points", sizes[i]);
      const char *export_args[] = { export, "--size=800x600", points, NULL };
      const char *check_args[] = { "--check", points, NULL };

      bench_dateline (check_label, check_args);
      bench_dateline (label, export_args);
      g_unlink (png);
      g_unlink (points);
    }

  g_rmdir (tmpdir);
  return 0;
}
