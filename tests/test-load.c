/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a large file in the window: a card shows how much was read (the core reader's
 * progress), then that the file is being checked, and Cancel goes back to the story that
 * was open without an error. The window keeps drawing meanwhile. A "gated" file, whose
 * reading stops part-way until the test lets it go on, shows the card mid-read without
 * depending on how fast the disk is. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-load"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dl-offline-source.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

#define LARGE_FILE_SIZE (60 * 1000 * 1000)
#define GATED_FILE_SIZE (8 * 1024 * 1024)
#define GATE_OFFSET (3 * 1024 * 1024)

static char *tmp_dir;

/* A GFileInputStream that serves a real file's bytes up to a gate, then waits there until
 * the gate opens or the read is cancelled. */

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean open;
  gboolean waiting;
  gboolean closed;
} Gate;

#define TEST_TYPE_GATED_STREAM (test_gated_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestGatedStream, test_gated_stream, TEST, GATED_STREAM, GFileInputStream)

struct _TestGatedStream
{
  GFileInputStream  parent_instance;
  GFileInputStream *base;
  Gate             *gate;
  goffset           position;
};

G_DEFINE_FINAL_TYPE (TestGatedStream, test_gated_stream, G_TYPE_FILE_INPUT_STREAM)

static gssize
test_gated_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  TestGatedStream *self = TEST_GATED_STREAM (stream);
  Gate *gate = self->gate;
  gssize n;

  g_mutex_lock (&gate->mutex);
  while (self->position >= GATE_OFFSET && !gate->open)
    {
      gate->waiting = TRUE;
      g_cond_broadcast (&gate->cond);
      if (g_cancellable_is_cancelled (cancellable))
        break;
      g_cond_wait_until (&gate->cond, &gate->mutex, g_get_monotonic_time () + 10 * 1000);
    }
  g_mutex_unlock (&gate->mutex);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  if (self->position < GATE_OFFSET)
    count = MIN (count, (gsize) (GATE_OFFSET - self->position));
  n = g_input_stream_read (G_INPUT_STREAM (self->base), buffer, count, cancellable, error);
  if (n > 0)
    self->position += n;
  return n;
}

static GFileInfo *
test_gated_stream_query_info (GFileInputStream  *stream,
                              const char        *attributes,
                              GCancellable      *cancellable,
                              GError           **error)
{
  return g_file_input_stream_query_info (TEST_GATED_STREAM (stream)->base, attributes,
                                         cancellable, error);
}

static void
test_gated_stream_finalize (GObject *object)
{
  TestGatedStream *self = TEST_GATED_STREAM (object);

  g_mutex_lock (&self->gate->mutex);
  self->gate->closed = TRUE;
  g_mutex_unlock (&self->gate->mutex);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (test_gated_stream_parent_class)->finalize (object);
}

static void
test_gated_stream_class_init (TestGatedStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_gated_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_gated_stream_read;
  G_FILE_INPUT_STREAM_CLASS (klass)->query_info = test_gated_stream_query_info;
}

static void
test_gated_stream_init (TestGatedStream *self)
{
}

/* A GFile standing for a real file, read through a TestGatedStream. */

#define TEST_TYPE_GATED_FILE (test_gated_file_get_type ())
G_DECLARE_FINAL_TYPE (TestGatedFile, test_gated_file, TEST, GATED_FILE, GObject)

struct _TestGatedFile
{
  GObject  parent_instance;
  GFile   *real;
  Gate    *gate;
};

static void test_gated_file_iface_init (GFileIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestGatedFile, test_gated_file, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_FILE, test_gated_file_iface_init))

static GFile *
gated_file_new (GFile *real,
                Gate  *gate)
{
  TestGatedFile *self = g_object_new (TEST_TYPE_GATED_FILE, NULL);

  self->real = g_object_ref (real);
  self->gate = gate;
  return G_FILE (self);
}

static GFile *
gated_file_dup (GFile *file)
{
  return gated_file_new (TEST_GATED_FILE (file)->real, TEST_GATED_FILE (file)->gate);
}

static guint
gated_file_hash (GFile *file)
{
  return g_file_hash (TEST_GATED_FILE (file)->real);
}

static gboolean
gated_file_equal (GFile *a,
                  GFile *b)
{
  return TEST_IS_GATED_FILE (b) && g_file_equal (TEST_GATED_FILE (a)->real,
                                                 TEST_GATED_FILE (b)->real);
}

static gboolean
gated_file_is_native (GFile *file)
{
  return FALSE;
}

static char *
gated_file_get_basename (GFile *file)
{
  return g_file_get_basename (TEST_GATED_FILE (file)->real);
}

static char *
gated_file_get_path (GFile *file)
{
  return NULL;
}

static char *
gated_file_get_uri (GFile *file)
{
  return g_file_get_uri (TEST_GATED_FILE (file)->real);
}

static char *
gated_file_get_parse_name (GFile *file)
{
  return g_file_get_parse_name (TEST_GATED_FILE (file)->real);
}

static GFileInputStream *
gated_file_read (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  TestGatedFile *self = TEST_GATED_FILE (file);
  g_autoptr(GFileInputStream) base = g_file_read (self->real, cancellable, error);
  TestGatedStream *stream;

  if (base == NULL)
    return NULL;
  stream = g_object_new (TEST_TYPE_GATED_STREAM, NULL);
  stream->base = g_steal_pointer (&base);
  stream->gate = self->gate;
  return G_FILE_INPUT_STREAM (stream);
}

static void
test_gated_file_iface_init (GFileIface *iface)
{
  iface->dup = gated_file_dup;
  iface->hash = gated_file_hash;
  iface->equal = gated_file_equal;
  iface->is_native = gated_file_is_native;
  iface->get_basename = gated_file_get_basename;
  iface->get_path = gated_file_get_path;
  iface->get_uri = gated_file_get_uri;
  iface->get_parse_name = gated_file_get_parse_name;
  iface->read_fn = gated_file_read;
}

static void
test_gated_file_finalize (GObject *object)
{
  g_clear_object (&TEST_GATED_FILE (object)->real);
  G_OBJECT_CLASS (test_gated_file_parent_class)->finalize (object);
}

static void
test_gated_file_class_init (TestGatedFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_gated_file_finalize;
}

static void
test_gated_file_init (TestGatedFile *self)
{
}

/* The window */

typedef struct
{
  DlWindow *window;
  DlStory  *story;
  Gate      gate;
  GArray   *fractions;   /* every fraction the progress bar showed */
  gboolean  saw_checking;
  guint     n_checking_moves;  /* fractions shown past the reading, before the end */
} Fixture;

static GtkProgressBar *
progress_bar (Fixture *fixture)
{
  GtkRevealer *revealer = dl_window_get_load_revealer (fixture->window);

  return GTK_PROGRESS_BAR (dl_test_find_widget (gtk_revealer_get_child (revealer),
                                        GTK_TYPE_PROGRESS_BAR));
}

static GtkButton *
cancel_button (Fixture *fixture)
{
  GtkRevealer *revealer = dl_window_get_load_revealer (fixture->window);

  return GTK_BUTTON (dl_test_find_widget (gtk_revealer_get_child (revealer), GTK_TYPE_BUTTON));
}

static GtkLabel *
card_label (Fixture *fixture)
{
  GtkRevealer *revealer = dl_window_get_load_revealer (fixture->window);

  return GTK_LABEL (dl_test_find_widget (gtk_revealer_get_child (revealer), GTK_TYPE_LABEL));
}

/* What a user sees of the card: shown, on screen and drawn. */
static gboolean
card_is_shown (Fixture *fixture)
{
  GtkRevealer *revealer = dl_window_get_load_revealer (fixture->window);

  return gtk_revealer_get_child_revealed (revealer)
         && gtk_widget_is_drawable (GTK_WIDGET (progress_bar (fixture)))
         && gtk_widget_get_width (GTK_WIDGET (progress_bar (fixture))) > 0;
}

static void
fraction_notify_cb (GtkProgressBar *bar,
                    GParamSpec     *pspec,
                    Fixture        *fixture)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  g_array_append_val (fixture->fractions, fraction);
  if (g_strcmp0 (gtk_progress_bar_get_text (bar), "Checking…") == 0 &&
      fraction > DL_DOCUMENT_READ_SHARE && fraction < 1.0)
    fixture->n_checking_moves++;
}

static void
text_notify_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                Fixture        *fixture)
{
  if (g_strcmp0 (gtk_progress_bar_get_text (bar), "Checking…") == 0)
    fixture->saw_checking = TRUE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&fixture->gate.mutex);
  g_cond_init (&fixture->gate.cond);
  fixture->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  fixture->story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1200, 800);

  g_signal_connect (progress_bar (fixture), "notify::fraction", G_CALLBACK (fraction_notify_cb),
                    fixture);
  g_signal_connect (progress_bar (fixture), "notify::text", G_CALLBACK (text_notify_cb),
                    fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (progress_bar (fixture), fixture);
  /* a worker still waiting at the gate ends */
  g_mutex_lock (&fixture->gate.mutex);
  fixture->gate.open = TRUE;
  g_cond_broadcast (&fixture->gate.cond);
  g_mutex_unlock (&fixture->gate.mutex);

  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
  g_array_unref (fixture->fractions);
  g_cond_clear (&fixture->gate.cond);
  g_mutex_clear (&fixture->gate.mutex);
}

/* A valid GeoJSON map of @n_places places, padded with an unknown member to @size bytes. */
static GFile *
write_map (const char *name,
           guint       n_places,
           gsize       size)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GError) error = NULL;
  const char tail[] = "\"}";

  for (guint i = 0; i < n_places; i++)
    g_string_append_printf (text,
                            "%s{\"type\":\"Feature\",\"id\":\"p%u\",\"properties\":"
                            "{\"name\":\"Place %u\"},\"geometry\":{\"type\":\"Point\","
                            "\"coordinates\":[%.4f,%.4f]}}",
                            i > 0 ? "," : "", i, i, 35.0 + (i % 50) * 0.05,
                            33.0 + (i / 50) * 0.05);
  g_string_append (text, "],\"padding\":\"");
  g_assert_cmpuint (text->len + strlen (tail), <, size);
  while (text->len < size - strlen (tail))
    g_string_append_c (text, 'a' + text->len % 26);
  g_string_append (text, tail);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
wait_at_gate (Fixture *fixture)
{
  gboolean waiting = FALSE;

  while (!waiting)
    {
      g_main_context_iteration (NULL, FALSE);
      g_mutex_lock (&fixture->gate.mutex);
      if (!fixture->gate.waiting)
        g_cond_wait_until (&fixture->gate.cond, &fixture->gate.mutex,
                           g_get_monotonic_time () + 10 * 1000);
      waiting = fixture->gate.waiting;
      g_mutex_unlock (&fixture->gate.mutex);
    }
}

static GtkWindow *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Half-way through reading, the card shows the file's name and the fraction read, and the
 * window keeps drawing; once the file is read it is checked, then shown, and the card
 * goes away. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) real = write_map ("gated.geojson", 100, GATED_FILE_SIZE);
  g_autoptr(GFile) file = gated_file_new (real, &fixture->gate);
  GtkProgressBar *bar = progress_bar (fixture);
  guint frames = 0;
  guint tick;
  double fraction;

  dl_window_open_file (fixture->window, file);
  g_assert_true (dl_window_is_loading (fixture->window));
  wait_at_gate (fixture);

  /* the card comes after a moment, while the reading waits; the progress of the bytes
   * read before the gate was handed to the main thread before the worker stopped there */
  while (!card_is_shown (fixture))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  fraction = gtk_progress_bar_get_fraction (bar);
  g_assert_cmpfloat (fraction, >, 0.0);
  g_assert_cmpfloat (fraction, <, 1.0);
  /* reading the file is the first part of the bar, reading its places the rest; the bar
   * moves by steps of 1% */
  g_assert_cmpfloat_with_epsilon (fraction, DL_DOCUMENT_READ_SHARE * GATE_OFFSET /
                                  GATED_FILE_SIZE, 0.0101);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Reading…");
  g_assert_nonnull (strstr (gtk_label_get_text (card_label (fixture)), "gated.geojson"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cancel_button (fixture))));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (cancel_button (fixture))));
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);

  /* Tab reaches Cancel */
  for (guint i = 0; i < 200; i++)
    {
      if (gtk_window_get_focus (GTK_WINDOW (fixture->window))
          == GTK_WIDGET (cancel_button (fixture)))
        break;
      gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
    }
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window))
                 == GTK_WIDGET (cancel_button (fixture)));

  /* the window draws frames while the worker is held at the gate */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window),
                                       dl_test_count_frame_cb, &frames,
                                       NULL);
  while (frames < 5)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick);

  g_mutex_lock (&fixture->gate.mutex);
  fixture->gate.open = TRUE;
  g_cond_broadcast (&fixture->gate.cond);
  g_mutex_unlock (&fixture->gate.mutex);
  while (dl_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (fixture->saw_checking);
  g_assert_false (gtk_revealer_get_reveal_child (dl_window_get_load_revealer (fixture->window)));
  g_assert_true (dl_window_get_story (fixture->window) != fixture->story);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (dl_window_get_story (
                                                fixture->window))), ==, 100);
  g_assert_null (dl_window_get_error_dialog (fixture->window));
}

/* Cancel while reading: the card goes, the story that was open stays, no error is shown,
 * and the worker stops reading. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) real = write_map ("cancelled.geojson", 10, GATED_FILE_SIZE);
  g_autoptr(GFile) file = gated_file_new (real, &fixture->gate);
  GtkRevealer *revealer = dl_window_get_load_revealer (fixture->window);
  gboolean closed = FALSE;

  dl_window_open_file (fixture->window, file);
  wait_at_gate (fixture);
  while (!card_is_shown (fixture))
    g_main_context_iteration (NULL, TRUE);

  g_signal_emit_by_name (cancel_button (fixture), "clicked");

  g_assert_false (dl_window_is_loading (fixture->window));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   dl_story_get_title (fixture->story));

  /* the worker gives up without the gate opening; its result changes nothing */
  while (!closed)
    {
      g_main_context_iteration (NULL, FALSE);
      g_mutex_lock (&fixture->gate.mutex);
      if (!fixture->gate.closed)
        g_cond_wait_until (&fixture->gate.cond, &fixture->gate.mutex,
                           g_get_monotonic_time () + 10 * 1000);
      closed = fixture->gate.closed;
      g_mutex_unlock (&fixture->gate.mutex);
    }
  dl_test_run_for (500);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (dl_window_get_story (fixture->window) == fixture->story);
  g_assert_null (dl_window_get_error_dialog (fixture->window));
  g_assert_null (find_message_dialog ());
}

/* A 60 MB map: the bar goes through fractions between 0 and 1, then "Checking…", the
 * window draws frames meanwhile, and the map is shown. */
static void
test_large_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_map ("large.geojson", 500, LARGE_FILE_SIZE);
  gboolean partial = FALSE;
  guint frames = 0;
  guint tick;

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window),
                                       dl_test_count_frame_cb, &frames,
                                       NULL);
  dl_window_open_file (fixture->window, file);
  while (dl_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick);

  for (guint i = 0; i < fixture->fractions->len; i++)
    {
      double fraction = g_array_index (fixture->fractions, double, i);

      g_assert_cmpfloat (fraction, >=, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (fixture->fractions, double, i - 1));
      partial |= fraction > 0.0 && fraction < 1.0;
    }
  g_assert_true (partial);
  g_assert_true (fixture->saw_checking);
  g_assert_cmpuint (frames, >, 0);

  g_assert_false (gtk_revealer_get_reveal_child (dl_window_get_load_revealer (fixture->window)));
  g_assert_null (dl_window_get_error_dialog (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (dl_window_get_story (
                                                fixture->window))), ==, 500);
}

/* A map of 20,000 places: the card shows while the file is read, the bar goes on moving
 * while the places are read into the model ("Checking…"), then the map draws them as
 * dots, every one counted, and says how many there are. Escape stops a load too. */
typedef struct
{
  GThread *thread;  /* where the story was freed */
  int      done;
} FreedIn;

static void
story_freed_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  FreedIn *freed = data;

  freed->thread = g_thread_self ();
  g_atomic_int_set (&freed->done, TRUE);
  g_main_context_wakeup (NULL);
}

static void
test_big_map (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) real = write_map ("big.geojson", 20000, GATED_FILE_SIZE);
  g_autoptr(GFile) file = gated_file_new (real, &fixture->gate);
  GtkProgressBar *bar = progress_bar (fixture);
  DlMapView *map_view = dl_window_get_map_view (fixture->window);
  DlPointLayer *layer = dl_map_view_get_point_layer (map_view);
  ShumateViewport *viewport = dl_map_view_get_viewport (map_view);
  DlOfflineSource *source = DL_OFFLINE_SOURCE (dl_map_view_get_offline_source (map_view));
  g_autoptr(GArray) clusters = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const DlPointCluster *biggest = NULL;
  guint n_shown = 0;
  double x, y;
  guint8 rgb[3];

  dl_window_open_file (fixture->window, file);
  wait_at_gate (fixture);
  while (!card_is_shown (fixture))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Reading…");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0.0);

  g_mutex_lock (&fixture->gate.mutex);
  fixture->gate.open = TRUE;
  g_cond_broadcast (&fixture->gate.cond);
  g_mutex_unlock (&fixture->gate.mutex);
  while (dl_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);

  /* the bar moved on while the places were read, never back */
  g_assert_cmpuint (fixture->n_checking_moves, >, 0);
  for (guint i = 1; i < fixture->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fixture->fractions, double, i), >=,
                       g_array_index (fixture->fractions, double, i - 1));
  g_assert_false (gtk_revealer_get_reveal_child (dl_window_get_load_revealer (fixture->window)));
  g_assert_null (dl_window_get_error_dialog (fixture->window));

  /* drawn with every tile */
  do
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
      while (dl_offline_source_get_n_pending (source) > 0)
        g_main_context_iteration (NULL, TRUE);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
    }
  while (dl_offline_source_get_n_pending (source) > 0);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));
  g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, 20000);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "20000 places; zoom in to see them one by one");
  /* the map fits them all: the counts on the discs in view add up to every place */
  clusters = dl_point_layer_list_clusters (layer, dl_point_layer_get_cluster_zoom (layer), TRUE);
  for (guint i = 0; i < clusters->len; i++)
    {
      const DlPointCluster *cluster = &g_array_index (clusters, DlPointCluster, i);

      n_shown += cluster->n_places;
      if (biggest == NULL || cluster->n_places > biggest->n_places)
        biggest = cluster;
    }
  g_assert_cmpuint (n_shown, ==, 20000);
  g_assert_cmpuint (biggest->n_places, >, 1);

  /* the biggest disc is drawn where its places are, in the neutral grey (beside its count) */
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), biggest->latitude,
                                              biggest->longitude, &x, &y);
  texture = dl_test_render_widget (GTK_WIDGET (dl_map_view_get_map (map_view)));
  dl_test_pixel_at (texture, (int) round (x + biggest->radius - 3), (int) round (y), rgb);
  g_assert_cmpint (ABS (rgb[0] - 97), <=, 3);
  g_assert_cmpint (ABS (rgb[1] - 97), <=, 3);
  g_assert_cmpint (ABS (rgb[2] - 107), <=, 3);

  /* Escape stops the next load; the map stays */
  g_mutex_lock (&fixture->gate.mutex);
  fixture->gate.open = FALSE;
  fixture->gate.waiting = FALSE;
  g_mutex_unlock (&fixture->gate.mutex);
  {
    g_autoptr(GFile) again = gated_file_new (real, &fixture->gate);
    DlStory *shown = dl_window_get_story (fixture->window);

    dl_window_open_file (fixture->window, again);
    wait_at_gate (fixture);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                               "win.clear-selection", NULL));
    g_assert_false (dl_window_is_loading (fixture->window));
    g_assert_true (dl_window_get_story (fixture->window) == shown);
    g_assert_cmpuint (dl_point_layer_get_n_places (layer), ==, 20000);
  }

  /* Another story opened after the big one: it is shown, and the big one is freed in a
   * worker thread, not in the window's */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                   NULL);
    g_autoptr(GFile) small = g_file_new_for_path (path);
    FreedIn freed = { NULL, FALSE };

    g_object_weak_ref (G_OBJECT (dl_window_get_story (fixture->window)), story_freed_cb,
                       &freed);
    dl_window_open_file (fixture->window, small);
    while (dl_window_is_loading (fixture->window))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (
                        dl_window_get_story (fixture->window))), <, 100);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));
    while (!g_atomic_int_get (&freed.done))
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (freed.thread);
    g_assert_true (freed.thread != g_thread_self ());
  }
}

/* A big story of two documents (two windows on one story) is freed once both let go, in a
 * worker thread. */
static void
test_free_shared (void)
{
  g_autoptr(GFile) file = write_map ("shared.geojson", 20000, 3 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);
  DlDocument *first, *second;
  FreedIn freed = { NULL, FALSE };
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 20000);
  first = dl_document_new (story, file);
  second = dl_document_new (story, file);
  g_object_weak_ref (G_OBJECT (story), story_freed_cb, &freed);
  g_object_unref (story);
  g_object_unref (first);
  g_assert_false (g_atomic_int_get (&freed.done));
  g_object_unref (second);
  /* never freed, with two toggle references: the test says so instead of hanging */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&freed.done) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (g_atomic_int_get (&freed.done));
  g_assert_true (freed.thread != g_thread_self ());
}

static void
record_progress_cb (goffset  bytes_read,
                    goffset  total_bytes,
                    gpointer user_data)
{
  GArray *calls = user_data;
  goffset call[2] = { bytes_read, total_bytes };

  g_array_append_vals (calls, call, 2);
}

/* The core's reader tells how much of the file's size it read, chunk by chunk. */
static void
test_read_progress (void)
{
  g_autoptr(GFile) file = write_map ("progress.geojson", 5, 3 * 1024 * 1024 + 100);
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (goffset));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  goffset size = 3 * 1024 * 1024 + 100;

  bytes = dl_story_read_file_with_progress (file, "progress.geojson", record_progress_cb,
                                            calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, size);
  g_assert_cmpuint (calls->len / 2, >=, 4);
  for (guint i = 0; i < calls->len / 2; i++)
    {
      goffset read = g_array_index (calls, goffset, 2 * i);

      g_assert_cmpint (g_array_index (calls, goffset, 2 * i + 1), ==, size);
      g_assert_cmpint (read, >, i > 0 ? g_array_index (calls, goffset, 2 * i - 2) : 0);
      g_assert_cmpint (read, <=, size);
    }
  g_assert_cmpint (g_array_index (calls, goffset, calls->len - 2), ==, size);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* the map's dots say how many places they are to a screen reader */
  g_setenv ("GTK_A11Y", "test", TRUE);
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  tmp_dir = g_dir_make_tmp ("dateline-load-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/load/read-progress", test_read_progress);
  g_test_add_func ("/load/free-shared", test_free_shared);
  g_test_add ("/load/progress", Fixture, NULL, fixture_setup, test_progress, fixture_teardown);
  g_test_add ("/load/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/load/big-map", Fixture, NULL, fixture_setup, test_big_map, fixture_teardown);
  g_test_add ("/load/large-file", Fixture, NULL, fixture_setup, test_large_file,
              fixture_teardown);

  status = g_test_run ();

  {
    const char *names[] = { "gated.geojson", "cancelled.geojson", "large.geojson",
                            "progress.geojson", "big.geojson", "shared.geojson" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
