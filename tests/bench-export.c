/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Speed of figure export for the bundled story: a 1920×1080 PNG, an 8000×8000 PNG, an
 * SVG and a PDF (medians), and the peak memory of the 8000×8000 export, measured in a
 * child process so that nothing else the bench did counts. Prints; asserts nothing. */
#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "dl-bundled.h"
#include "dl-figure.h"
#include "dl-test-util.h"

static DlStory *story;
static char *tmpdir;

static double
export_once (int             width,
             int             height,
             DlFigureFormat  format)
{
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autofree char *name = g_strdup_printf ("bench.%s", dl_figure_format_get_extension (format));
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds;

  options->width = width;
  options->height = height;
  start = g_get_monotonic_time ();
  if (!dl_figure_save (story, options, file, format, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (path);
  return seconds;
}

static void
bench (const char     *label,
       int             width,
       int             height,
       DlFigureFormat  format,
       guint           runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    times[i] = export_once (width, height, format);
  qsort (times, runs, sizeof (double), dl_test_compare_doubles);
  g_print ("%-22s median %8.1f ms  (min %.1f, max %.1f, %u runs)\n", label,
           times[runs / 2] * 1000, times[0] * 1000, times[runs - 1] * 1000, runs);
}

/* Runs this program as a child doing one export; returns the child's peak RSS in KiB. */
static long
child_peak_kib (const char *self,
                const char *size)
{
  const char *argv[] = { self, "--child", size, NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                      &error))
    g_error ("%s", error->message);
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the child export failed");
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = NULL;
  long base_kib, big_kib;

  story = dl_bundled_story_load (&error);
  if (story == NULL)
    g_error ("%s", error->message);
  tmpdir = g_dir_make_tmp ("dateline-bench-export-XXXXXX", NULL);

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    {
      int side = atoi (argv[2]);

      export_once (side, side, DL_FIGURE_FORMAT_PNG);
      g_rmdir (tmpdir);
      return 0;
    }

  g_print ("Export of the bundled story (%u places, %u events)\n",
           g_list_model_get_n_items (dl_story_get_places (story)),
           g_list_model_get_n_items (dl_story_get_events (story)));
  bench ("PNG 1920x1080", 1920, 1080, DL_FIGURE_FORMAT_PNG, 7);
  bench ("SVG 1920x1080", 1920, 1080, DL_FIGURE_FORMAT_SVG, 7);
  bench ("PDF 1920x1080", 1920, 1080, DL_FIGURE_FORMAT_PDF, 7);
  bench ("PNG 8000x8000", 8000, 8000, DL_FIGURE_FORMAT_PNG, 3);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  base_kib = child_peak_kib (self, "64");
  big_kib = child_peak_kib (self, "8000");
  g_print ("Peak memory, 8000x8000 PNG: %.1f MiB (%.1f MiB over a 64x64 export; the "
           "pixels alone are %.1f MiB)\n", big_kib / 1024.0, (big_kib - base_kib) / 1024.0,
           8000.0 * 8000 * 4 / (1024 * 1024));

  g_rmdir (tmpdir);
  g_clear_object (&story);
  return 0;
}
