/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files from strangers: each hostile input is generated at run time in a temporary
 * directory and opened the way the app opens a file. Each must either load or be refused
 * with a clear one-line message naming the file — never crash, hang or eat the machine. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dl-check.h"
#include "dl-story.h"

/* The loader refuses files over 256 MiB and nesting deeper than 512 levels. */
#define HUGE_FILE_SIZE (200 * 1000 * 1000)
#define OVER_LIMIT_SIZE ((gsize) 300 * 1024 * 1024)
#define DEEP_LEVELS 100000

static char *tmp_dir;

/* A small valid story; the hostile cases splice bad things into it. */
#define STORY_HEAD \
  "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1," \
  "\"article\":{\"title\":\"A title\",\"text\":\"Troops entered Homs on Saturday.\"}," \
  "\"actors\":[{\"id\":\"hts\",\"name\":\"HTS\"}]," \
  "\"events\":[{\"id\":\"homs\",\"title\":\"Homs taken\",\"when\":{\"start\":\"2024-12-07\"}," \
  "\"places\":[{\"place\":\"homs\"}],\"actors\":[{\"actor\":\"hts\"}]," \
  "\"passages\":[{\"exact\":\"Troops entered Homs\"}]}]}," \
  "\"features\":[{\"type\":\"Feature\",\"id\":\"homs\"," \
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":["
#define STORY_TAIL "]},\"properties\":{\"name\":\"Homs\"}}]}"
#define VALID_STORY STORY_HEAD "36.72,34.73" STORY_TAIL

static GFile *
write_file (const char *name,
            const void *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static DlStory *
load_file (GFile   *file,
           GError **error)
{
  DlStory *story = dl_story_new_from_file (file, NULL, error);

  g_assert_true ((story != NULL) != (error != NULL && *error != NULL));
  return story;
}

/* What a user reads must be short, one line, valid UTF-8, and name the file. */
static void
assert_clear_message (const GError *error,
                      const char   *name)
{
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
  g_assert_cmpuint (strlen (error->message), >, strlen (name));
  g_assert_cmpuint (strlen (error->message), <, 500);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, name));
}

static void
assert_refused (const GError *error,
                const char   *name,
                DlStoryError  code,
                const char   *needle)
{
  g_assert_error (error, DL_STORY_ERROR, (int) code);
  assert_clear_message (error, name);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

/* Loads @data as file @name and as bytes; both must agree. Returns the error, or NULL
 * (and checks what loaded is valid UTF-8 text) when it loaded. */
static GError *
open_hostile (const char *name,
              const void *data,
              gsize       length)
{
  g_autoptr(GFile) file = write_file (name, data, length);
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlStory) from_bytes = NULL;
  g_autoptr(GError) bytes_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;

  story = load_file (file, &error);
  from_bytes = dl_story_new_from_bytes (bytes, name, &bytes_error);
  g_assert_true ((story == NULL) == (from_bytes == NULL));
  problems = dl_story_check_bytes (bytes, name);

  if (story == NULL)
    {
      g_assert_error (bytes_error, error->domain, error->code);
      assert_clear_message (bytes_error, name);
      g_assert_cmpuint (problems->len, >, 0);
      for (guint i = 0; i < problems->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (problems, i), -1, NULL));
      return error;
    }

  g_assert_cmpuint (problems->len, ==, 0);
  if (dl_story_get_title (story) != NULL)
    g_assert_true (g_utf8_validate (dl_story_get_title (story), -1, NULL));
  if (dl_story_get_text (story) != NULL)
    g_assert_true (g_utf8_validate (dl_story_get_text (story), -1, NULL));
  return NULL;
}

/* Builds PREFIX + OPEN × n + MIDDLE + CLOSE × n + SUFFIX. */
static GBytes *
nested (const char *prefix,
        const char *open,
        const char *middle,
        const char *close,
        const char *suffix,
        guint       n,
        gboolean    closed)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  if (closed)
    {
      for (guint i = 0; i < n; i++)
        g_string_append (s, close);
      g_string_append (s, suffix);
    }
  return g_string_free_to_bytes (s);
}

static void
test_valid_baseline (void)
{
  const char *data = VALID_STORY;
  g_autoptr(GError) error = open_hostile ("valid.geojson", data, strlen (data));

  g_assert_no_error (error);
}

static void
test_nesting_arrays (void)
{
  g_autoptr(GBytes) bytes = nested ("{\"type\":\"FeatureCollection\",\"features\":",
                                    "[", "", "]", "}", DEEP_LEVELS, TRUE);
  g_autoptr(GError) error = NULL;

  error = open_hostile ("deep-arrays.geojson", g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes));
  assert_refused (error, "deep-arrays.geojson", DL_STORY_ERROR_TOO_LARGE, "nested deeper");
}

static void
test_nesting_objects (void)
{
  g_autoptr(GBytes) bytes = nested ("{\"type\":\"FeatureCollection\",\"features\":[],\"x\":",
                                    "{\"a\":", "1", "}", "}", DEEP_LEVELS, TRUE);
  g_autoptr(GError) error = NULL;

  error = open_hostile ("deep-objects.geojson", g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes));
  assert_refused (error, "deep-objects.geojson", DL_STORY_ERROR_TOO_LARGE, "nested deeper");
}

/* Deep and never closed: the depth is what the user should hear about, or at least a
 * parse error; never a stack overflow. */
static void
test_nesting_unclosed (void)
{
  g_autoptr(GBytes) bytes = nested ("", "[{\"a\":", "", "", "", DEEP_LEVELS, FALSE);
  g_autoptr(GError) error = NULL;

  error = open_hostile ("deep-unclosed.geojson", g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes));
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE)
                 || g_error_matches (error, DL_STORY_ERROR, DL_STORY_ERROR_PARSE));
}

/* 200 MB, under the loader's 256 MiB limit: one huge string member in an otherwise
 * valid map. It loads (in a second or two and under 1 GB here; meson's timeout bounds it)
 * and what was in it is kept. */
static void
test_huge_file (void)
{
  const char head[] = "{\"type\":\"FeatureCollection\",\"features\":[],\"x\":\"";
  const char tail[] = "\"}";
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  char *data = g_malloc (HUGE_FILE_SIZE);

  memset (data, 'a', HUGE_FILE_SIZE);
  memcpy (data, head, strlen (head));
  memcpy (data + HUGE_FILE_SIZE - strlen (tail), tail, strlen (tail));
  file = write_file ("huge.geojson", data, HUGE_FILE_SIZE);
  g_free (data);

  story = load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 0);
  g_clear_object (&story);
  g_file_delete (file, NULL, NULL);
}

/* Over the limit: refused before anything is read or parsed, from disk (a sparse file,
 * instant to make) and from memory alike. */
static void
test_over_limit (void)
{
  const char head[] = "{\"type\":\"FeatureCollection\",\"features\":[],\"x\":\"";
  g_autofree char *path = g_build_filename (tmp_dir, "over.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bytes_error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, strlen (head));
  g_assert_cmpint (ftruncate (fd, OVER_LIMIT_SIZE), ==, 0);
  close (fd);

  story = load_file (file, &error);
  g_assert_null (story);
  assert_refused (error, "over.geojson", DL_STORY_ERROR_TOO_LARGE, "too large");
  g_test_message ("%s", error->message);

  /* calloc'd pages are never touched: the length alone must refuse it */
  data = g_malloc0 (OVER_LIMIT_SIZE);
  memcpy (data, head, strlen (head));
  bytes = g_bytes_new_take (data, OVER_LIMIT_SIZE);
  story = dl_story_new_from_bytes (bytes, "over.geojson", &bytes_error);
  g_assert_null (story);
  assert_refused (bytes_error, "over.geojson", DL_STORY_ERROR_TOO_LARGE, "too large");

  g_unlink (path);
}

static void
test_invalid_utf8 (void)
{
  static const struct {
    const char *name;
    const char *bad;
  } cases[] = {
    { "utf8-stray.geojson", "\xff\xfe" },
    { "utf8-overlong.geojson", "\xc0\xaf" },
    { "utf8-surrogate.geojson", "\xed\xa0\x80" },
    { "utf8-truncated.geojson", "Homs \xe2\x82" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strconcat ("{\"type\":\"FeatureCollection\",\"features\":[],"
                                           "\"x\":\"", cases[i].bad, "\"}", NULL);
      g_autoptr(GError) error = open_hostile (cases[i].name, data, strlen (data));

      assert_refused (error, cases[i].name, DL_STORY_ERROR_PARSE, "UTF-8");
    }
}

/* Escapes that decode to something that is not valid UTF-8 text: a lone surrogate and
 * U+0000. Loading is fine; what is shown must be valid UTF-8 (checked by open_hostile). */
static void
test_bad_escapes (void)
{
  static const char *escapes[] = { "\\ud800", "\\udc00x", "\\ud83d\\u0041", "a\\u0000b" };

  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *name = g_strdup_printf ("escape-%u.geojson", i);
      g_autofree char *data = g_strconcat ("{\"type\":\"FeatureCollection\",\"dateline\":"
                                           "{\"version\":1,\"article\":{\"title\":\"",
                                           escapes[i], "\",\"text\":\"x\"}},"
                                           "\"features\":[]}", NULL);
      g_autoptr(GError) error = open_hostile (name, data, strlen (data));

      if (error != NULL)
        assert_clear_message (error, name);
    }
}

static void
test_nul_bytes (void)
{
  const char head[] = STORY_HEAD "36.72,34.73" STORY_TAIL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 nul = 0;

  /* A NUL inside the title string, then one between tokens at the end. */
  g_byte_array_append (data, (const guint8 *) head, 60);
  g_byte_array_append (data, &nul, 1);
  g_byte_array_append (data, (const guint8 *) head + 60, strlen (head) - 60);
  error = open_hostile ("nul-inside.geojson", data->data, data->len);
  g_assert_nonnull (error);
  assert_clear_message (error, "nul-inside.geojson");

  g_clear_error (&error);
  g_byte_array_set_size (data, 0);
  g_byte_array_append (data, (const guint8 *) head, strlen (head));
  g_byte_array_append (data, &nul, 1);
  error = open_hostile ("nul-after.geojson", data->data, data->len);
  g_assert_nonnull (error);
  assert_clear_message (error, "nul-after.geojson");
}

/* Numbers json-glib accepts but that are no coordinates (1e999 is infinity to it), and
 * literals it does not know. */
static void
test_bad_numbers (void)
{
  static const struct {
    const char *coordinates;
    gboolean loads;
  } cases[] = {
    { "1e999,34.73", FALSE },
    { "36.72,-1e999", FALSE },
    { "NaN,34.73", FALSE },
    { "36.72,Infinity", FALSE },
    { "-Infinity,0", FALSE },
    { "1e-999,34.73", TRUE },           /* underflows to 0: a valid longitude */
    { "36.72,34.73,1e999", FALSE },     /* an infinite altitude */
    { "1e308,34.73", FALSE },           /* finite but no longitude */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("number-%u.geojson", i);
      g_autofree char *data = g_strconcat (STORY_HEAD, cases[i].coordinates, STORY_TAIL,
                                           NULL);
      g_autoptr(GError) error = open_hostile (name, data, strlen (data));

      if (cases[i].loads)
        g_assert_no_error (error);
      else
        assert_clear_message (error, name);
    }
}

static void
test_empty (void)
{
  static const struct {
    const char *name;
    const char *data;
  } cases[] = {
    { "empty.geojson", "" },
    { "blank.geojson", " \n\t\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = open_hostile (cases[i].name, cases[i].data,
                                              strlen (cases[i].data));

      g_assert_nonnull (error);
      g_assert_true (error->domain == DL_STORY_ERROR);
      assert_clear_message (error, cases[i].name);
    }
}

/* A PNG picture saved as .geojson by mistake. */
static void
test_png (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R', 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d,
    'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00,
    0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 'I', 'E', 'N', 'D', 0xae,
    0x42, 0x60, 0x82,
  };
  g_autoptr(GError) error = open_hostile ("picture.geojson", png, sizeof png);

  assert_refused (error, "picture.geojson", DL_STORY_ERROR_PARSE, NULL);
}

/* JSON that is not a FeatureCollection object, and a story cut short. */
static void
test_not_a_story (void)
{
  const char *roots[] = { "null", "[]", "\"story\"", "42", "true", "{}",
                          "{\"type\":\"Feature\",\"geometry\":\"here\"}",
                          "{\"type\":\"FeatureCollection\"}" };
  const char *story = VALID_STORY;

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *name = g_strdup_printf ("root-%u.geojson", i);
      g_autoptr(GError) error = open_hostile (name, roots[i], strlen (roots[i]));

      g_assert_nonnull (error);
      assert_clear_message (error, name);
    }

  for (gsize cut = 1; cut < strlen (story); cut += 7)
    {
      g_autoptr(GError) error = open_hostile ("cut.geojson", story, cut);

      g_assert_nonnull (error);
    }
}

/* A byte-order mark, as some Windows editors write: loads or is refused clearly. */
static void
test_bom (void)
{
  g_autofree char *data = g_strconcat ("\xef\xbb\xbf", VALID_STORY, NULL);
  g_autoptr(GError) error = open_hostile ("bom.geojson", data, strlen (data));

  if (error != NULL)
    assert_clear_message (error, "bom.geojson");
}

/* A million places (87 MB). The outcome a user sees is either the story, in bounded time
 * (meson's timeout; 16 s and 2.8 GB here) or a clear refusal. */
static void
test_million_features (void)
{
  /* Under valgrind or ASan (their test setups set DATELINE_TEST_TOOL) 20,000: the same
   * code paths, in the time CI has (ASan unwinds the stack at every allocation). */
  guint n = g_getenv ("DATELINE_TEST_TOOL") != NULL ? 20000 : 1000000;
  const char feature[] = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                         "\"coordinates\":[%d.5,%d.25]},\"properties\":{}}";
  g_autoptr(GString) s = g_string_sized_new (90 * n);
  g_autoptr(GFile) file = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (s, "{\"type\":\"FeatureCollection\",\"features\":[");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, feature, (int) (i % 359) - 179, (int) (i % 170) - 84);
    }
  g_string_append (s, "]}");
  g_test_message ("%u features: %zu MB", n, s->len >> 20);

  file = write_file ("million.geojson", s->str, s->len);
  story = load_file (file, &error);
  if (story != NULL)
    g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, n);
  else
    assert_refused (error, "million.geojson", DL_STORY_ERROR_TOO_LARGE, NULL);
  g_file_delete (file, NULL, NULL);
}

/* Found by the fuzzer (-0.0 was saved as "-0" and came back as the integer 0): saving,
 * reopening and saving again gives the same text, edge-case numbers included. */
static void
test_round_trip_numbers (void)
{
  const char *data = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                     "\"geometry\":{\"type\":\"Point\",\"coordinates\":[37.0,-0.0]},"
                     "\"properties\":{\"x\":[-0.0,0.0,-0,1e-320,5e-324,"
                     "1.7976931348623157e308,0.1,1e21,1e-7,-180,90.0]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, strlen (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes (bytes, "numbers.geojson", &error);
  g_autoptr(DlStory) reloaded = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;

  g_assert_no_error (error);
  first = dl_story_to_bytes (story);
  reloaded = dl_story_new_from_bytes (first, "numbers.geojson", &error);
  g_assert_no_error (error);
  second = dl_story_to_bytes (reloaded);
  first_text = g_strndup (g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  second_text = g_strndup (g_bytes_get_data (second, NULL), g_bytes_get_size (second));
  g_assert_cmpstr (first_text, ==, second_text);
}

/* An endless stream (/dev/zero, a pipe) has no size to check beforehand: reading must
 * stop soon after the 256 MiB limit, not run until memory is gone. A thread feeds up to
 * 1 GiB of spaces into a FIFO and counts what was taken. */
typedef struct
{
  char  *path;
  gsize  fed;
} Feeder;

#define FEED_LIMIT ((gsize) 1024 * 1024 * 1024)
#define LOAD_LIMIT ((gsize) 256 * 1024 * 1024)

static gpointer
feed_cb (gpointer data)
{
  Feeder *feeder = data;
  static char block[64 * 1024];
  int fd;

  memset (block, ' ', sizeof block);
  fd = g_open (feeder->path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  while (feeder->fed < FEED_LIMIT)
    {
      gssize n = write (fd, block, sizeof block);

      if (n <= 0)
        break;
      feeder->fed += n;
    }
  close (fd);
  return NULL;
}

static GThread *
start_feeder (Feeder     *feeder,
              const char *name)
{
  feeder->path = g_build_filename (tmp_dir, name, NULL);
  feeder->fed = 0;
  g_assert_cmpint (mkfifo (feeder->path, 0600), ==, 0);
  return g_thread_new ("feeder", feed_cb, feeder);
}

static void
test_endless_file (void)
{
  Feeder loader = { 0 }, check = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };
  GThread *thread;
  int status;

  if (g_strcmp0 (g_getenv ("DATELINE_TEST_TOOL"), "valgrind") == 0)
    {
      g_test_skip ("reads a gigabyte: too slow under valgrind");
      return;
    }
  signal (SIGPIPE, SIG_IGN);

  thread = start_feeder (&loader, "endless.geojson");
  file = g_file_new_for_path (loader.path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_thread_join (thread);
  g_assert_null (story);
  assert_refused (error, "endless.geojson", DL_STORY_ERROR_TOO_LARGE, "too large");

  thread = start_feeder (&check, "endless-check.geojson");
  paths[0] = check.path;
  status = dl_check_files (paths);
  g_thread_join (thread);
  g_assert_cmpint (status, ==, 1);

  g_test_message ("opening took %zu MiB, --check took %zu MiB of an endless stream",
                  loader.fed >> 20, check.fed >> 20);
  g_unlink (loader.path);
  g_unlink (check.path);
  g_free (loader.path);
  g_free (check.path);
  g_assert_cmpuint (loader.fed, <=, LOAD_LIMIT + 4 * 1024 * 1024);
  g_assert_cmpuint (check.fed, <=, LOAD_LIMIT + 4 * 1024 * 1024);
}

/* A cancelled open gives G_IO_ERROR_CANCELLED and no story. */
static void
test_cancelled (void)
{
  const char *data = VALID_STORY;
  g_autoptr(GFile) file = write_file ("cancel.geojson", data, strlen (data));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;

  g_cancellable_cancel (cancellable);
  story = dl_story_new_from_file (file, cancellable, &error);
  g_assert_null (story);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("dateline-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/hostile/valid-baseline", test_valid_baseline);
  g_test_add_func ("/hostile/nesting/arrays", test_nesting_arrays);
  g_test_add_func ("/hostile/nesting/objects", test_nesting_objects);
  g_test_add_func ("/hostile/nesting/unclosed", test_nesting_unclosed);
  g_test_add_func ("/hostile/huge-file", test_huge_file);
  g_test_add_func ("/hostile/over-limit", test_over_limit);
  g_test_add_func ("/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/hostile/bad-escapes", test_bad_escapes);
  g_test_add_func ("/hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/hostile/bad-numbers", test_bad_numbers);
  g_test_add_func ("/hostile/empty", test_empty);
  g_test_add_func ("/hostile/png", test_png);
  g_test_add_func ("/hostile/not-a-story", test_not_a_story);
  g_test_add_func ("/hostile/bom", test_bom);
  g_test_add_func ("/hostile/million-features", test_million_features);
  g_test_add_func ("/hostile/cancelled", test_cancelled);
  g_test_add_func ("/hostile/round-trip-numbers", test_round_trip_numbers);
  g_test_add_func ("/hostile/endless-file", test_endless_file);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
