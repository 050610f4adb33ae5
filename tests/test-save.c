/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saving never loses work: the new file replaces the old one atomically, and a save that
 * fails (read-only folder, a parent that is a file, a full disk) leaves the previous file
 * byte for byte as it was and says what went wrong. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-save"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dl-story.h"

#define STORY \
  "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1," \
  "\"article\":{\"title\":\"Homs taken\",\"text\":\"Troops entered Homs on Saturday.\"}," \
  "\"actors\":[{\"id\":\"hts\",\"name\":\"HTS\"}]," \
  "\"events\":[{\"id\":\"homs\",\"title\":\"Homs taken\",\"when\":{\"start\":\"2024-12-07\"}," \
  "\"places\":[{\"place\":\"homs\"}],\"actors\":[{\"actor\":\"hts\"}]," \
  "\"passages\":[{\"exact\":\"Troops entered Homs\"}]}]}," \
  "\"features\":[{\"type\":\"Feature\",\"id\":\"homs\"," \
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.72,34.73]}," \
  "\"properties\":{\"name\":\"Homs\",\"other-tool\":{\"kept\":true}}}]}"

/* What was on disk before the save: deliberately not what the story saves to. */
#define PREVIOUS "{\"type\":\"FeatureCollection\",\"features\":[]}\n"

typedef struct
{
  char *dir;
  char *path;
  GFile *file;
  DlStory *story;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (STORY, strlen (STORY));
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dateline-save-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "story.geojson", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->story = dl_story_new_from_bytes (bytes, "story.geojson", &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->path, PREVIOUS, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0755);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->file);
  g_object_unref (fixture->story);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_file_is (const char *path,
                const char *expected)
{
  gsize length;
  g_autofree char *contents = read_file (path, &length);

  g_assert_cmpmem (contents, length, expected, strlen (expected));
}

/* The folder holds exactly @names (no temporary file left behind). */
static void
assert_dir_holds (const char *dir,
                  const char *first_name,
                  ...)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  const char *name;
  guint n = 0;
  va_list args;

  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (expected, (gpointer) name);
  va_end (args);

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < expected->len; i++)
        known = known || g_str_equal (name, g_ptr_array_index (expected, i));
      if (!known)
        g_error ("a stray file was left in the folder: %s", name);
      n++;
    }
  g_assert_cmpuint (n, ==, expected->len);
}

static void
assert_told_user (const GError *error,
                  const char   *name)
{
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, name) == NULL)
    g_error ("the message “%s” does not name the file %s", error->message, name);
}

static void
test_save_replaces (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) expected = dl_story_to_bytes (fixture->story);
  g_autoptr(GBytes) reloaded_bytes = NULL;
  g_autoptr(DlStory) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_contents = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int old_fd;

  /* Whoever has the previous file open keeps reading it whole: the new text goes to a new
   * inode that is renamed over the name, not written into the old one. */
  old_fd = g_open (fixture->path, O_RDONLY, 0);
  g_assert_cmpint (old_fd, >=, 0);
  g_chmod (fixture->path, 0600);

  g_assert_true (dl_story_save_to_file (fixture->story, fixture->file, NULL, &error));
  g_assert_no_error (error);

  contents = read_file (fixture->path, &length);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  assert_dir_holds (fixture->dir, "story.geojson", NULL);

  old_contents = g_malloc0 (sizeof PREVIOUS);
  g_assert_cmpint (read (old_fd, old_contents, sizeof PREVIOUS), ==, strlen (PREVIOUS));
  g_assert_cmpstr (old_contents, ==, PREVIOUS);
  close (old_fd);

  /* A private file stays private. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* What was saved opens again, with the other tool's member kept. */
  reloaded_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  reloaded = dl_story_new_from_bytes (reloaded_bytes, "story.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_title (reloaded), ==, "Homs taken");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (reloaded_bytes, NULL),
                                  g_bytes_get_size (reloaded_bytes), "other-tool"));
}

/* Saving to a name that does not exist yet creates it. */
static void
test_save_new_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = dl_story_to_bytes (fixture->story);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (dl_story_save_to_file (fixture->story, file, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path, &length);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  assert_dir_holds (fixture->dir, "story.geojson", "new.geojson", NULL);
}

/* The file's folder path runs through a regular file. */
static void
test_save_parent_is_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_build_filename (fixture->path, "inner.geojson", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (dl_story_save_to_file (fixture->story, file, NULL, &error));
  assert_told_user (error, "inner.geojson");
  assert_file_is (fixture->path, PREVIOUS);
  assert_dir_holds (fixture->dir, "story.geojson", NULL);
}

/* The target is a folder. */
static void
test_save_target_is_dir (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "folder.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_false (dl_story_save_to_file (fixture->story, file, NULL, &error));
  assert_told_user (error, "folder.geojson");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  assert_dir_holds (fixture->dir, "story.geojson", "folder.geojson", NULL);
}

/* A read-only folder: no temporary file can be made beside the story. Root ignores folder
 * permissions, so as root the save runs in a child that has become "nobody". */
static void
test_save_read_only_dir (Fixture       *fixture,
                         gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("DL_TEST_SAVE_PATH"));
      g_autoptr(GBytes) bytes = g_bytes_new_static (STORY, strlen (STORY));
      g_autoptr(DlStory) story = NULL;
      g_autoptr(GError) error = NULL;

      /* this child's own fixture folder: nobody could not remove it afterwards */
      remove_tree (fixture->dir);
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      story = dl_story_new_from_bytes (bytes, "story.geojson", &error);
      g_assert_no_error (error);
      g_assert_false (dl_story_save_to_file (story, file, NULL, &error));
      assert_told_user (error, "story.geojson");
      return;
    }

  /* The child must be able to reach the folder and read (not write) the file. */
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  g_setenv ("DL_TEST_SAVE_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_chmod (fixture->dir, 0755);

  assert_file_is (fixture->path, PREVIOUS);
  assert_dir_holds (fixture->dir, "story.geojson", NULL);
}

/* A full disk, simulated with the file size limit: every write past a few bytes fails
 * with EFBIG (SIGXFSZ ignored), as a write to a full disk fails with ENOSPC. */
static void
test_save_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limited;
  void (*old_handler) (int);
  gboolean ok;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 16;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);

  ok = dl_story_save_to_file (fixture->story, fixture->file, NULL, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  assert_told_user (error, "story.geojson");
  assert_file_is (fixture->path, PREVIOUS);
  assert_dir_holds (fixture->dir, "story.geojson", NULL);
}

/* Whether a child process may mount a tmpfs in a mount namespace of its own. */
static gboolean
can_mount_tmpfs (const char *dir)
{
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (unshare (CLONE_NEWNS) == 0
           && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0
           && mount ("tmpfs", dir, "tmpfs", 0, "size=16k") == 0 ? 0 : 1);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* A really full disk: a 16 KiB tmpfs, filled up, mounted in a private mount namespace of
 * a child process (needs CAP_SYS_ADMIN: root, or skipped). The write fails with ENOSPC. */
static void
test_save_disk_full_tmpfs (Fixture       *fixture,
                           gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *disk = g_build_filename (fixture->dir, "disk", NULL);
      g_autofree char *path = g_build_filename (disk, "story.geojson", NULL);
      g_autofree char *filler = g_build_filename (disk, "filler", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      char block[1024] = { 0 };
      int fd;

      g_assert_cmpint (g_mkdir (disk, 0755), ==, 0);
      if (unshare (CLONE_NEWNS) != 0
          || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0
          || mount ("tmpfs", disk, "tmpfs", 0, "size=16k") != 0)
        {
          g_error ("cannot mount a tmpfs: %s", g_strerror (errno));
        }

      g_file_set_contents (path, PREVIOUS, -1, &error);
      g_assert_no_error (error);
      fd = g_open (filler, O_WRONLY | O_CREAT, 0644);
      g_assert_cmpint (fd, >=, 0);
      while (write (fd, block, sizeof block) > 0)
        ;
      g_assert_cmpint (errno, ==, ENOSPC);
      close (fd);

      g_assert_false (dl_story_save_to_file (fixture->story, file, NULL, &error));
      assert_told_user (error, "story.geojson");
      g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
      assert_file_is (path, PREVIOUS);
      assert_dir_holds (disk, "story.geojson", "filler", NULL);
      g_assert_cmpint (umount (disk), ==, 0);
      g_print ("PASSED on a full tmpfs\n");
      return;
    }

  if (!can_mount_tmpfs (fixture->dir))
    {
      g_test_skip ("no tmpfs can be mounted here (needs CAP_SYS_ADMIN)");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*PASSED on a full tmpfs*");
}

/* A save cancelled before it starts changes nothing. */
static void
test_save_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (dl_story_save_to_file (fixture->story, fixture->file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_file_is (fixture->path, PREVIOUS);
  assert_dir_holds (fixture->dir, "story.geojson", NULL);
}

/* Saving through a symbolic link replaces the file it points to and keeps the link. */
static void
test_save_through_symlink (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "link.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GBytes) expected = dl_story_to_bytes (fixture->story);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (symlink ("story.geojson", link), ==, 0);
  g_assert_true (dl_story_save_to_file (fixture->story, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  contents = read_file (fixture->path, &length);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  assert_dir_holds (fixture->dir, "story.geojson", "link.geojson", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/save/replaces-atomically", test_save_replaces);
  ADD ("/save/new-file", test_save_new_file);
  ADD ("/save/parent-is-file", test_save_parent_is_file);
  ADD ("/save/target-is-folder", test_save_target_is_dir);
  ADD ("/save/read-only-folder", test_save_read_only_dir);
  ADD ("/save/disk-full", test_save_disk_full);
  ADD ("/save/disk-full-tmpfs", test_save_disk_full_tmpfs);
  ADD ("/save/cancelled", test_save_cancelled);
  ADD ("/save/through-symlink", test_save_through_symlink);
#undef ADD

  return g_test_run ();
}
