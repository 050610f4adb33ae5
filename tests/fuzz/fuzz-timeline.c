/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the timeline strip: for every story that loads, the strip of a
 * subset of its events (picked by the input's bytes) laid out from the story's events read
 * once must be the strip made from scratch from the subset, mark for mark and segment for
 * segment, whatever the times (reduced precision, spans ending before they start, years
 * far off); every mark is found again; the rings of the selection are drawn alike when
 * looked up one by one and by a pass over the marks.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-timeline
 *   build-fuzz/tests/fuzz/fuzz-timeline -dict=tests/fuzz/story.dict CORPUS tests/data
 */
#define G_LOG_DOMAIN "fuzz-timeline"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "dl-story.h"
#include "dl-timeline-strip.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
assert_same_strips (DlTimelineStrip *a,
                    DlTimelineStrip *b)
{
  const DlTimeAxis *axis_a = dl_timeline_strip_get_axis (a);
  const DlTimeAxis *axis_b = dl_timeline_strip_get_axis (b);

  g_assert_cmpuint (dl_timeline_strip_get_n_marks (a), ==, dl_timeline_strip_get_n_marks (b));
  for (guint i = 0; i < dl_timeline_strip_get_n_marks (a); i++)
    {
      const DlStripMark *ma = dl_timeline_strip_get_mark (a, i);
      const DlStripMark *mb = dl_timeline_strip_get_mark (b, i);

      g_assert_true (ma->event == mb->event);
      /* the same sums in the same order: equal to the bit, NaN included */
      g_assert_cmpint (memcmp (&ma->x, &mb->x, sizeof (double)), ==, 0);
      g_assert_cmpint (memcmp (&ma->y, &mb->y, sizeof (double)), ==, 0);
      g_assert_cmpint (memcmp (&ma->end_x, &mb->end_x, sizeof (double)), ==, 0);
      g_assert_cmpfloat (ma->red, ==, mb->red);
      g_assert_cmpfloat (ma->green, ==, mb->green);
      g_assert_cmpfloat (ma->blue, ==, mb->blue);
      g_assert_cmpint (ma->covered, ==, mb->covered);
      g_assert_cmpint (ma->approximate, ==, mb->approximate);
      g_assert_cmpint (dl_timeline_strip_find (a, ma->event), ==, (int) i);
    }
  g_assert_cmpuint (dl_time_axis_get_n_segments (axis_a), ==,
                    dl_time_axis_get_n_segments (axis_b));
  for (guint i = 0; i < dl_time_axis_get_n_segments (axis_a); i++)
    g_assert_cmpint (memcmp (dl_time_axis_get_segment (axis_a, i),
                             dl_time_axis_get_segment (axis_b, i),
                             sizeof (DlTimeAxisSegment)), ==, 0);
}

static cairo_surface_t *
draw (DlTimelineStrip *strip,
      GHashTable      *selected,
      int              focus)
{
  DlStripStyle style = { { 0.1, 0.1, 0.1 }, { 1, 1, 1, 1 }, { 0.2, 0.5, 0.9 }, 1, FALSE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 84);
  cairo_t *cr = cairo_create (surface);
  PangoContext *pango = pango_cairo_create_context (cr);

  dl_timeline_strip_draw (strip, cr, pango, &style, selected, focus, 0, 0);
  cairo_surface_flush (surface);
  g_object_unref (pango);
  cairo_destroy (cr);
  return surface;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) subset = g_ptr_array_new ();
  g_autoptr(DlTimelineItems) items = NULL;
  g_autoptr(DlTimelineStrip) laid_out = NULL;
  g_autoptr(DlTimelineStrip) fresh = NULL;
  g_autoptr(GHashTable) few = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) many = g_hash_table_new (NULL, NULL);
  g_autofree guint8 *shown = NULL;
  GListModel *model;
  cairo_surface_t *a, *b;
  gboolean rtl = size % 3 == 0;
  double width = 120 + size % 400, height = 40 + size % 90;
  guint n_marks;

  story = dl_story_new_from_bytes (bytes, "fuzz.geojson", NULL);
  if (story == NULL)
    return 0;

  model = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  /* which events show: bits of the input, so that a run tries many subsets */
  shown = g_new0 (guint8, MAX (events->len, 1));
  for (guint i = 0; i < events->len; i++)
    {
      shown[i] = (data[(i / 8 + size / 2) % size] >> (i % 8)) & 1;
      if (shown[i])
        g_ptr_array_add (subset, events->pdata[i]);
    }

  items = dl_timeline_items_new (events);
  laid_out = dl_timeline_strip_new_for_items (items, shown, width, height, 1, rtl);
  fresh = dl_timeline_strip_new (subset, width, height, 1, rtl);
  assert_same_strips (laid_out, fresh);

  /* rings: one look-up per selected event, or a pass over the marks when the set is big
   * (here made big with the events that are not shown) */
  n_marks = dl_timeline_strip_get_n_marks (laid_out);
  for (guint i = 0; i + 17 <= n_marks; i += 17)
    {
      g_hash_table_add (few, dl_timeline_strip_get_mark (laid_out, i)->event);
      g_hash_table_add (many, dl_timeline_strip_get_mark (laid_out, i)->event);
    }
  for (guint i = 0; i < events->len; i++)
    if (!shown[i])
      g_hash_table_add (many, events->pdata[i]);
  a = draw (laid_out, few, n_marks > 0 ? (int) (size % n_marks) : -1);
  b = draw (laid_out, many, n_marks > 0 ? (int) (size % n_marks) : -1);
  if (g_hash_table_size (few) <= n_marks / 16 && g_hash_table_size (many) > n_marks / 16)
    g_assert_cmpint (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                             (gsize) cairo_image_surface_get_stride (a) * 84), ==, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  return 0;
}
