/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dateline is a unique application: `dateline B.geojson` while an instance runs hands B
 * over to it and exits, and the running instance opens a second window. Checked from the
 * outside, as another program would see it: two runs of the built binary on a private
 * session bus (GTestDBus), the instance's windows read from what GtkApplication exports
 * on the bus (org.gtk.Actions at APP_PATH/window/N), and app.quit through the same
 * interface. Every wait polls with a generous deadline. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-unique-app"

#include "config.h"
#include "dl-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

/* Far above what a loaded machine needs; meson's own timeout is longer still. */
#define DEADLINE_S 90

static GDBusConnection *bus;
static char *app_path;
static char *tmp_dir;

typedef struct
{
  GSubprocess  *process;
  gboolean      exited;
  GAsyncResult *result;
} Instance;

static gboolean
wake_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until @done returns TRUE, polling the main context; FALSE after DEADLINE_S. */
static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      gboolean woken = FALSE;

      if (g_get_monotonic_time () > end)
        return FALSE;
      g_timeout_add (50, wake_cb, &woken);
      while (!woken)
        g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
name_owned (gpointer data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
    "NameHasOwner", g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
    G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static char *
name_owner (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
    "GetNameOwner", g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(s)"),
    G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  char *owner = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(s)", &owner);
  return owner;
}

/* Whether the running instance has window @n: GtkApplication exports each of its windows'
 * actions at APP_PATH/window/N while the window exists. */
static gboolean
has_window (guint n)
{
  g_autofree char *path = g_strdup_printf ("%s/window/%u", app_path, n);
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
    bus, APP_ID, path, "org.gtk.Actions", "List", NULL, G_VARIANT_TYPE ("(as)"),
    G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL);

  return reply != NULL;
}

static gboolean
has_window_cb (gpointer data)
{
  return has_window (GPOINTER_TO_UINT (data));
}

static gboolean
has_exited_cb (gpointer data)
{
  return ((Instance *) data)->exited;
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Instance *instance = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  instance->exited = TRUE;
}

/* A run of dateline ends with the test, also when an assertion stops it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn (GSubprocessFlags   flags,
       GError           **error,
       const char        *exe,
       const char        *file)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawn (launcher, error, exe, file, NULL);
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Instance *instance = data;

  instance->result = g_object_ref (result);
  instance->exited = TRUE;
}

static char *
copy_story (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                   NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_second_run_opens_window (void)
{
  const char *exe = g_getenv ("DATELINE_EXE");
  g_autofree char *a = copy_story ("a.geojson");
  g_autofree char *b = copy_story ("b.geojson");
  g_autofree char *owner = NULL;
  g_autofree char *owner_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  Instance first = { NULL, FALSE, NULL };
  Instance handed = { NULL, FALSE, NULL };

  g_assert_nonnull (exe);
  g_assert_true (g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE));

  first.process = spawn (G_SUBPROCESS_FLAGS_NONE, &error, exe, a);
  g_assert_no_error (error);
  g_subprocess_wait_async (first.process, NULL, exited_cb, &first);

  /* the first run owns the name and shows its window */
  g_assert_true (wait_for (name_owned, NULL));
  g_assert_true (wait_for (has_window_cb, GUINT_TO_POINTER (1)));
  g_assert_false (first.exited);
  g_assert_false (has_window (2));
  owner = name_owner ();

  /* the second run hands its file over and exits at once, without a window of its own */
  second = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                 exe, b);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (second, NULL, NULL, communicated_cb, &handed);
  /* a run that kept a window of its own would never end */
  g_assert_true (wait_for (has_exited_cb, &handed));
  g_assert_true (g_subprocess_communicate_utf8_finish (second, handed.result, &out, &err,
                                                       &error));
  g_assert_no_error (error);
  g_clear_object (&handed.result);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  /* the running instance opened a second window */
  g_assert_true (wait_for (has_window_cb, GUINT_TO_POINTER (2)));
  g_assert_true (has_window (1));
  g_assert_false (has_window (3));
  g_assert_false (first.exited);
  owner_after = name_owner ();
  g_assert_cmpstr (owner_after, ==, owner);

  /* app.quit closes both unmodified windows and the instance ends cleanly */
  reply = g_dbus_connection_call_sync (bus, APP_ID, app_path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (has_exited_cb, &first));
  g_assert_true (g_subprocess_get_if_exited (first.process));
  g_assert_cmpint (g_subprocess_get_exit_status (first.process), ==, 0);
  g_clear_object (&first.process);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) test_bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dl_test_gui_init ();
  display = g_strdup (g_getenv ("DISPLAY"));

  /* a bus of our own: no other test or session sees the name */
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  app_path = g_strconcat ("/", APP_ID, NULL);
  g_strdelimit (app_path, ".", '/');
  tmp_dir = g_dir_make_tmp ("dateline-unique-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/unique-app/second-run-opens-window", test_second_run_opens_window);
  status = g_test_run ();

  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_clear_object (&bus);
  g_test_dbus_down (test_bus);
  {
    g_autofree char *a = g_build_filename (tmp_dir, "a.geojson", NULL);
    g_autofree char *b = g_build_filename (tmp_dir, "b.geojson", NULL);

    g_remove (a);
    g_remove (b);
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  g_free (app_path);
  return status;
}
