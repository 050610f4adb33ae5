/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "dl-test-cli.h"

static const char *exe;
static char *tmpdir;

void
dl_test_cli_init (const char *name)
{
  g_autofree char *template = g_strdup_printf ("dateline-%s-XXXXXX", name);

  /* meson passes the built executable; without it the command cannot be tested. */
  exe = g_getenv ("DATELINE_EXE");
  g_assert_nonnull (exe);
  g_assert_true (g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE));
  tmpdir = g_dir_make_tmp (template, NULL);
  g_assert_nonnull (tmpdir);
}

void
dl_test_cli_cleanup (void)
{
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

char *
dl_test_cli_tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

void
dl_test_run_clear (DlTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

void
dl_test_run_dateline (DlTestRun  *run,
                      const char *first,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  envp = g_environ_unsetenv (envp, "GDK_BACKEND");

  g_ptr_array_add (argv, (gpointer) exe);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_assert_true (g_spawn_sync (tmpdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
}

int
dl_test_run_exit_code (const DlTestRun *run)
{
  g_assert_true (WIFEXITED (run->status));
  return WEXITSTATUS (run->status);
}

void
dl_test_run_assert_one_line_error (const DlTestRun *run,
                                   const char      *contains)
{
  const char *newline = strchr (run->err, '\n');

  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (dl_test_run_exit_code (run), ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  if (contains != NULL)
    g_assert_nonnull (strstr (run->err, contains));
}

void
dl_test_run_assert_success (const DlTestRun *run)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (dl_test_run_exit_code (run), ==, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, "");
}

int
dl_test_alpha_at (cairo_surface_t *surface,
                  double           x,
                  double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int ix = (int) floor (x), iy = (int) floor (y);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  return (*(const guint32 *) (data + iy * stride + ix * 4)) >> 24;
}
