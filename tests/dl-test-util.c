/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dl-test-util.h"

#include <errno.h>
#include <ftw.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long Xvfb may take to say it listens. */
#define OWN_DISPLAY_WAIT_MS 30000

static GPid own_display_pid;

static void
own_display_child_setup (gpointer data)
{
  /* a test that crashes or is killed by meson's timeout takes its server with it */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
own_display_stop (void)
{
  if (own_display_pid <= 0)
    return;
  kill (own_display_pid, SIGTERM);
  waitpid (own_display_pid, NULL, 0);
  own_display_pid = 0;
}

/* The display number Xvfb writes on @fd once it accepts clients (-displayfd), or -1. */
static int
read_display_number (int fd)
{
  gint64 deadline = g_get_monotonic_time () + OWN_DISPLAY_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  int number = 0;
  gboolean digits = FALSE;

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int left = (int) ((deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND);
      char c;
      ssize_t n;

      if (left <= 0)
        return -1;
      if (poll (&pfd, 1, left) < 0)
        {
          if (errno == EINTR)
            continue;
          return -1;
        }
      n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return -1;
      if (c == '\n')
        return digits ? number : -1;
      if (!g_ascii_isdigit (c) || number > 100000)
        return -1;
      number = number * 10 + (c - '0');
      digits = TRUE;
    }
}

static void
own_display (void)
{
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", "1400x900x24",
                         "-nolisten", "tcp", "-noreset", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  int out = -1;
  int number;

  if (g_getenv ("DATELINE_TEST_OWN_DISPLAY") == NULL)
    return;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                                 | G_SPAWN_STDERR_TO_DEV_NULL,
                                 own_display_child_setup, NULL, &own_display_pid, NULL, &out,
                                 NULL, &error))
    {
      g_printerr ("# no display of its own (%s): the test runs on DISPLAY=%s\n",
                  error->message, g_getenv ("DISPLAY"));
      return;
    }
  atexit (own_display_stop);
  number = read_display_number (out);
  close (out);
  if (number < 0)
    {
      g_printerr ("# Xvfb gave no display number within %d s: the test runs on DISPLAY=%s\n",
                  OWN_DISPLAY_WAIT_MS / 1000, g_getenv ("DISPLAY"));
      own_display_stop ();
      return;
    }
  display = g_strdup_printf (":%d", number);
  g_setenv ("DISPLAY", display, TRUE);
  /* the app a test starts, and GTK here, find the server the same way */
  g_unsetenv ("WAYLAND_DISPLAY");
}

static char *own_homes;

static int
remove_entry (const char        *path,
              const struct stat *st,
              int                type,
              struct FTW        *ftw)
{
  remove (path);
  return 0;
}

static void
own_homes_remove (void)
{
  if (own_homes == NULL)
    return;
  nftw (own_homes, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  g_clear_pointer (&own_homes, g_free);
}

/* The user's own directories, each in a temporary directory of the test's. */
static void
own_homes_make (void)
{
  static const char * const homes[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;

  own_homes = g_dir_make_tmp ("dateline-test-home-XXXXXX", &error);
  if (own_homes == NULL)
    g_error ("no temporary directory for the test's homes: %s", error->message);
  atexit (own_homes_remove);
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *dir = g_build_filename (own_homes, homes[i], NULL);

      g_mkdir (dir, 0700);
      g_setenv (homes[i], dir, TRUE);
    }
}

void
dl_test_gui_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  own_homes_make ();
  own_display ();
}

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
