/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline after filter changes and edits. It keeps the story's events read and in
 * time order, and the strip of every event, between changes: after each change, its
 * strip must be the one made from scratch from the events the list shows, and look like
 * the timeline of a new window with the same story, filter and selection. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-timeline-updates"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-test-window.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

static const char * const actor_ids[] = { "red", "blue", "green" };

/* @n events over background years, months and the busy days of one autumn: some on the
 * same day, some spans, some "about", some with no time; zero to two actors each. */
static DlStory *
generated_story (guint n)
{
  static const char * const colors[] = { "#c0392b", "#2471a3", "#1e8449" };
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  DlStory *story;

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                         "\"article\":{\"title\":\"Generated\",\"published\":\"2024-12-08\","
                         "\"text\":\"x\"},\"actors\":[");
  for (guint i = 0; i < G_N_ELEMENTS (actor_ids); i++)
    g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\",\"color\":\"%s\"}",
                            i > 0 ? "," : "", actor_ids[i], actor_ids[i], colors[i]);
  g_string_append (json, "],\"events\":[");
  for (guint i = 0; i < n; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 20);
      guint n_actors = g_rand_int_range (rand, 0, 3);

      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"title\":\"Event %u\",", i > 0 ? "," : "",
                              i, i);
      /* kind 0: no time */
      if (kind == 1)
        g_string_append_printf (json, "\"when\":{\"start\":\"%d\"},",
                                g_rand_int_range (rand, 1960, 2020));
      else if (kind == 2)
        g_string_append_printf (json, "\"when\":{\"start\":\"2024-%02d\"},",
                                g_rand_int_range (rand, 1, 13));
      else if (kind == 3)
        g_string_append_printf (json, "\"when\":{\"start\":\"2024-10-%02d\","
                                "\"end\":\"2024-11-%02d\"},", g_rand_int_range (rand, 1, 29),
                                g_rand_int_range (rand, 1, 29));
      else if (kind > 3)
        g_string_append_printf (json, "\"when\":{\"start\":\"2024-11-%02d\"%s},",
                                g_rand_int_range (rand, 1, 29),
                                kind == 4 ? ",\"approximate\":true" : "");
      g_string_append (json, "\"places\":[{\"place\":\"p\"}],\"actors\":[");
      for (guint j = 0; j < n_actors; j++)
        g_string_append_printf (json, "%s{\"actor\":\"%s\"}", j > 0 ? "," : "",
                                actor_ids[g_rand_int_range (rand, 0,
                                                            G_N_ELEMENTS (actor_ids))]);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]},\"features\":[{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
                         "{\"type\":\"Point\",\"coordinates\":[36.3,33.5]},"
                         "\"properties\":{\"name\":\"P\"}}]}");

  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "generated.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static DlWindow *
open_window (DlStory *story)
{
  DlWindow *window = dl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static DlTimelineView *
timeline_of (DlWindow *window)
{
  return dl_timeline_get_view (dl_window_get_timeline (window));
}

/* Every mark as a line: its event, where it is, its colour and look; then the axis. */
static char *
describe_strip (DlTimelineStrip *strip)
{
  const DlTimeAxis *axis = dl_timeline_strip_get_axis (strip);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < dl_timeline_strip_get_n_marks (strip); i++)
    {
      const DlStripMark *mark = dl_timeline_strip_get_mark (strip, i);

      g_string_append_printf (out, "%s x %.4f y %.4f end %.4f rgb %.3f %.3f %.3f%s%s\n",
                              dl_event_get_id (mark->event), mark->x, mark->y, mark->end_x,
                              mark->red, mark->green, mark->blue,
                              mark->covered ? " covered" : "",
                              mark->approximate ? " about" : "");
    }
  for (guint i = 0; i < dl_time_axis_get_n_segments (axis); i++)
    {
      const DlTimeAxisSegment *segment = dl_time_axis_get_segment (axis, i);

      g_string_append_printf (out, "segment %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %.4f %.4f %u\n", segment->first, segment->last, segment->x0,
                              segment->x1, segment->n_marks);
    }
  return g_string_free (out, FALSE);
}

/* The events the list shows, in its (the story's) order. */
static GPtrArray *
listed_events (DlWindow *window)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (dl_window_get_list_view (window)));
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  return events;
}

static void
assert_same_text (const char *what,
                  const char *seen,
                  const char *expected)
{
  g_auto(GStrv) a = g_strsplit (seen, "\n", -1);
  g_auto(GStrv) b = g_strsplit (expected, "\n", -1);
  guint i = 0;

  /* the first line that differs, not pages of both */
  while (a[i] != NULL && b[i] != NULL && g_str_equal (a[i], b[i]))
    i++;
  if (a[i] != NULL || b[i] != NULL)
    g_test_message ("%s: line %u differs", what, i);
  g_assert_cmpstr (a[i], ==, b[i]);
}

/* The window's strip is the strip made from scratch of the events its list shows. */
static void
assert_strip_fresh (DlWindow   *window,
                    const char *after)
{
  DlTimelineView *view = timeline_of (window);
  DlTimelineStrip *strip = dl_timeline_view_get_strip (view);
  g_autoptr(GPtrArray) shown = listed_events (window);
  g_autoptr(DlTimelineStrip) fresh = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *widget = GTK_WIDGET (view);

  g_assert_nonnull (strip);
  fresh = dl_timeline_strip_new (shown, gtk_widget_get_width (widget),
                                 gtk_widget_get_height (widget), 1.0,
                                 gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL);
  seen = describe_strip (strip);
  expected = describe_strip (fresh);
  assert_same_text (after, seen, expected);
}

/* Both windows' timelines read the same to a screen reader and show the same pixels. */
static void
assert_like_window (DlWindow   *window,
                    DlWindow   *other,
                    const char *after)
{
  DlTimelineView *a = timeline_of (window);
  DlTimelineView *b = timeline_of (other);
  g_autoptr(GdkTexture) seen = NULL;
  g_autoptr(GdkTexture) expected = NULL;
  g_autofree char *strip_a = describe_strip (dl_timeline_view_get_strip (a));
  g_autofree char *strip_b = describe_strip (dl_timeline_view_get_strip (b));
  g_autofree guint8 *pixels_a = NULL;
  g_autofree guint8 *pixels_b = NULL;
  int width, height;

  assert_same_text (after, strip_a, strip_b);
  g_assert_cmpint (dl_timeline_view_get_focus (a), ==, dl_timeline_view_get_focus (b));

  gtk_widget_queue_draw (GTK_WIDGET (a));
  gtk_widget_queue_draw (GTK_WIDGET (b));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (other));
  seen = dl_test_render_widget (GTK_WIDGET (a));
  expected = dl_test_render_widget (GTK_WIDGET (b));
  width = gdk_texture_get_width (seen);
  height = gdk_texture_get_height (seen);
  g_assert_cmpint (width, ==, gdk_texture_get_width (expected));
  g_assert_cmpint (height, ==, gdk_texture_get_height (expected));
  pixels_a = g_malloc ((gsize) width * height * 4);
  pixels_b = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (seen, pixels_a, width * 4);
  gdk_texture_download (expected, pixels_b, width * 4);
  if (memcmp (pixels_a, pixels_b, (gsize) width * height * 4) != 0)
    g_error ("%s: the timeline's pixels differ from a new window's", after);
}

/* A filter narrowed, widened, changed and cleared: each time the strip is the one made
 * from the shown events, and at the end of each kind of change, that of a new window. */
static void
test_filter_steps (void)
{
  g_autoptr(DlStory) story = generated_story (3000);
  DlWindow *window = open_window (story);
  DlFilter *filter = dl_view_state_get_filter (dl_window_get_view_state (window));
  const char *red[] = { "red", NULL };
  const char *red_blue[] = { "red", "blue", NULL };
  const char *green[] = { "green", NULL };
  guint all = dl_timeline_strip_get_n_marks (dl_timeline_view_get_strip (timeline_of (window)));
  guint n_red, n_red_blue;
  DlTime from, to;

  /* the events with no time have no mark */
  g_assert_cmpuint (all, >, 2500);
  g_assert_cmpuint (all, <, 3000);
  assert_strip_fresh (window, "the first frame");

  dl_filter_set_actors (filter, red);
  assert_strip_fresh (window, "one actor");
  n_red = dl_timeline_strip_get_n_marks (dl_timeline_view_get_strip (timeline_of (window)));
  dl_filter_set_actors (filter, red_blue);
  assert_strip_fresh (window, "a second actor");
  n_red_blue = dl_timeline_strip_get_n_marks (dl_timeline_view_get_strip (timeline_of (window)));
  g_assert_cmpuint (n_red, <, n_red_blue);
  g_assert_cmpuint (n_red_blue, <, all);
  dl_filter_set_actors (filter, red);
  assert_strip_fresh (window, "back to one actor");
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), ==, n_red);

  dl_filter_set_text (filter, "Event 12");
  assert_strip_fresh (window, "a search within the actor");
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), <, n_red / 4);
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), >, 0);
  {
    DlWindow *other = open_window (story);

    dl_test_set_filter (other, red, "Event 12");
    assert_like_window (window, other, "a search within the actor");
    dl_test_close_window (other);
  }

  dl_filter_reset (filter);
  assert_strip_fresh (window, "the filter cleared");
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), ==, all);

  g_assert_true (dl_time_parse ("2024-11-03", &from, NULL));
  g_assert_true (dl_time_parse ("2024-11-20", &to, NULL));
  dl_filter_set_time_range (filter, &from, &to);
  assert_strip_fresh (window, "a time range");
  dl_filter_set_actors (filter, green);
  assert_strip_fresh (window, "a time range and an actor");
  dl_filter_set_text (filter, "no event says this");
  assert_strip_fresh (window, "nothing shown");
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), ==, 0);
  dl_filter_reset (filter);
  assert_strip_fresh (window, "everything again");
  {
    DlWindow *other = open_window (story);

    assert_like_window (window, other, "everything again");
    dl_test_close_window (other);
  }
  dl_test_close_window (window);
}

/* A shown event with a day's time and @actor as its only actor. */
static DlEvent *
shown_event_of (DlWindow   *window,
                const char *actor)
{
  DlTimelineStrip *strip = dl_timeline_view_get_strip (timeline_of (window));

  for (guint i = 0; i < dl_timeline_strip_get_n_marks (strip); i++)
    {
      DlEvent *event = dl_timeline_strip_get_mark (strip, i)->event;
      DlActor *main_actor = dl_event_get_main_actor (event);

      if (dl_event_get_start (event)->precision == DL_TIME_DAY
          && dl_event_get_end (event) == NULL
          && dl_event_get_n_actors (event) == 1 && main_actor != NULL
          && g_str_equal (dl_actor_get_id (main_actor), actor))
        return event;
    }
  g_assert_not_reached ();
}

static int
mark_of (DlWindow *window,
         DlEvent  *event)
{
  DlTimelineStrip *strip = dl_timeline_view_get_strip (timeline_of (window));

  for (guint i = 0; i < dl_timeline_strip_get_n_marks (strip); i++)
    if (dl_timeline_strip_get_mark (strip, i)->event == event)
      return (int) i;
  return -1;
}

static void
push (DlWindow    *window,
      DlOperation *operation)
{
  dl_document_push (dl_window_get_document (window), operation);
}

/* An edit of a shown event's time while a filter is on moves its mark, in the filtered
 * strip and, once the filter is cleared, in the strip of every event (which was laid out
 * before the edit); undone, the mark goes back. An edit that hides an event takes its
 * mark away. */
static void
test_edit_while_filtered (void)
{
  g_autoptr(DlStory) story = generated_story (1500);
  DlWindow *window = open_window (story);
  DlFilter *filter = dl_view_state_get_filter (dl_window_get_view_state (window));
  DlHistory *history = dl_document_get_history (dl_window_get_document (window));
  const char *red[] = { "red", NULL };
  DlTimelineStrip *strip;
  DlEvent *event;
  DlTime later;
  double x_before;
  int before, after;
  guint n_marks;

  dl_filter_set_actors (filter, red);
  event = shown_event_of (window, "red");
  before = mark_of (window, event);
  strip = dl_timeline_view_get_strip (timeline_of (window));
  x_before = dl_timeline_strip_get_mark (strip, before)->x;

  g_assert_true (dl_time_parse ("2031-05-04", &later, NULL));
  push (window, dl_operation_new_set_event_start (event, &later));
  assert_strip_fresh (window, "the time edited, filtered");
  after = mark_of (window, event);
  strip = dl_timeline_view_get_strip (timeline_of (window));
  /* the latest time of all: the last mark, at the far end */
  g_assert_cmpint (after, ==, (int) dl_timeline_strip_get_n_marks (strip) - 1);
  g_assert_cmpfloat (dl_timeline_strip_get_mark (strip, after)->x, >, x_before);

  dl_filter_reset (filter);
  assert_strip_fresh (window, "the filter cleared after the edit");
  strip = dl_timeline_view_get_strip (timeline_of (window));
  g_assert_cmpint (mark_of (window, event), ==, (int) dl_timeline_strip_get_n_marks (strip) - 1);
  {
    DlWindow *other = open_window (story);

    assert_like_window (window, other, "the filter cleared after the edit");
    dl_test_close_window (other);
  }

  dl_filter_set_actors (filter, red);
  g_assert_true (dl_history_undo (history));
  assert_strip_fresh (window, "the edit undone, filtered");
  g_assert_cmpint (mark_of (window, event), ==, before);
  g_assert_cmpfloat (dl_timeline_strip_get_mark (dl_timeline_view_get_strip (timeline_of (window)),
                                                 before)->x, ==, x_before);

  /* no longer red: it leaves the filtered strip */
  push (window, dl_operation_new_set_event_actors (event, 0, NULL, NULL));
  assert_strip_fresh (window, "the event's actors removed");
  g_assert_cmpint (mark_of (window, event), ==, -1);
  dl_filter_reset (filter);
  assert_strip_fresh (window, "the event's actors removed, unfiltered");
  strip = dl_timeline_view_get_strip (timeline_of (window));
  g_assert_cmpint (mark_of (window, event), >=, 0);
  /* grey: no actor */
  g_assert_cmpfloat (dl_timeline_strip_get_mark (strip, mark_of (window, event))->red, ==, 0.45);

  /* an event that goes: its mark goes with it */
  n_marks = dl_timeline_strip_get_n_marks (strip);
  push (window, dl_operation_new_remove_event (story, event));
  assert_strip_fresh (window, "the event removed");
  g_assert_cmpint (mark_of (window, event), ==, -1);
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (dl_timeline_view_get_strip (
                      timeline_of (window))), ==, n_marks - 1);
  dl_test_close_window (window);
}

/* Edits with no filter: a time edited moves its mark in the strip of every event; a new
 * colour for an actor recolours its marks; a title edited under a search shows or hides
 * its event's mark; "about" gives a mark its soft edge. */
static void
test_edits_unfiltered (void)
{
  g_autoptr(DlStory) story = generated_story (1500);
  DlWindow *window = open_window (story);
  DlFilter *filter = dl_view_state_get_filter (dl_window_get_view_state (window));
  DlEvent *event = shown_event_of (window, "red");
  DlEvent *other = shown_event_of (window, "blue");
  DlActor *red = dl_story_lookup_actor (story, "red");
  DlTimelineStrip *strip;
  DlTime earlier;
  int index;

  g_assert_true (dl_time_parse ("1931-02-03", &earlier, NULL));
  push (window, dl_operation_new_set_event_start (event, &earlier));
  assert_strip_fresh (window, "a time edited");
  g_assert_cmpint (mark_of (window, event), ==, 0);

  push (window, dl_operation_new_set_event_approximate (event, TRUE));
  assert_strip_fresh (window, "made approximate");
  g_assert_true (dl_timeline_strip_get_mark (dl_timeline_view_get_strip (timeline_of (window)),
                                             0)->approximate);

  push (window, dl_operation_new_set_actor_color (red, "#00ff00"));
  assert_strip_fresh (window, "an actor's colour");
  strip = dl_timeline_view_get_strip (timeline_of (window));
  g_assert_cmpfloat (dl_timeline_strip_get_mark (strip, 0)->red, ==, 0);
  g_assert_cmpfloat (dl_timeline_strip_get_mark (strip, 0)->green, ==, 1);

  dl_filter_set_text (filter, "Renamed");
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), ==, 0);
  push (window, dl_operation_new_set_event_title (other, "Renamed"));
  assert_strip_fresh (window, "a title found by the search");
  g_assert_cmpuint (dl_timeline_strip_get_n_marks (
                      dl_timeline_view_get_strip (timeline_of (window))), ==, 1);
  dl_filter_reset (filter);
  index = mark_of (window, other);
  g_assert_cmpint (index, >=, 0);
  assert_strip_fresh (window, "the search cleared");
  {
    DlWindow *fresh = open_window (story);

    assert_like_window (window, fresh, "after the edits");
    dl_test_close_window (fresh);
  }
  dl_test_close_window (window);
}

/* The focus follows the selected event through filter changes, as the selection does: its
 * mark is found again in the new strip, ringed, and a filter that hides it ends both. */
static void
test_focus_through_filters (void)
{
  g_autoptr(DlStory) story = generated_story (2000);
  DlWindow *window = open_window (story);
  DlViewState *state = dl_window_get_view_state (window);
  DlFilter *filter = dl_view_state_get_filter (state);
  DlTimelineView *view = timeline_of (window);
  const char *red[] = { "red", NULL };
  const char *red_green[] = { "red", "green", NULL };
  const char *blue[] = { "blue", NULL };
  DlEvent *event = shown_event_of (window, "red");
  DlTimelineStrip *strip;
  int focus;

  dl_view_state_select_event (state, event);
  strip = dl_timeline_view_get_strip (view);
  focus = dl_timeline_view_get_focus (view);
  g_assert_cmpint (focus, >=, 0);
  g_assert_true (dl_timeline_strip_get_mark (strip, focus)->event == event);

  dl_filter_set_actors (filter, red);
  strip = dl_timeline_view_get_strip (view);
  focus = dl_timeline_view_get_focus (view);
  g_assert_cmpint (focus, >=, 0);
  g_assert_true (dl_timeline_strip_get_mark (strip, focus)->event == event);
  g_assert_cmpint (focus, ==, mark_of (window, event));

  dl_filter_set_actors (filter, red_green);
  strip = dl_timeline_view_get_strip (view);
  focus = dl_timeline_view_get_focus (view);
  g_assert_true (dl_timeline_strip_get_mark (strip, focus)->event == event);
  {
    DlWindow *other = open_window (story);

    dl_test_set_filter (other, red_green, NULL);
    dl_view_state_select_event (dl_window_get_view_state (other), event);
    assert_like_window (window, other, "selected, two actors");
    dl_test_close_window (other);
  }

  dl_filter_reset (filter);
  focus = dl_timeline_view_get_focus (view);
  g_assert_true (dl_timeline_strip_get_mark (dl_timeline_view_get_strip (view),
                                             focus)->event == event);

  /* hidden: the selection is dropped, and the focus with it */
  dl_filter_set_actors (filter, blue);
  g_assert_false (dl_view_state_is_shown (state, event));
  g_assert_cmpuint (dl_view_state_get_selected_events (state)->len, ==, 0);
  g_assert_cmpint (dl_timeline_view_get_focus (view), ==, -1);
  dl_filter_reset (filter);
  g_assert_cmpint (dl_timeline_view_get_focus (view), ==, -1);
  dl_test_close_window (window);
}

/* Finding an event's mark: every mark is found, among many of the same day; an event with
 * no mark is not; nor is one whose time changed without a new layout missed. The rings of
 * a few selected events and of many are drawn alike. */
static void
test_find_and_rings (void)
{
  g_autoptr(DlStory) story = generated_story (3000);
  g_autoptr(DlStory) other = generated_story (400);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = dl_story_get_events (story);
  g_autoptr(DlTimelineStrip) strip = NULL;
  g_autoptr(GHashTable) few = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) many = g_hash_table_new (NULL, NULL);
  DlStripStyle style = { { 0.1, 0.1, 0.1 }, { 1, 1, 1, 1 }, { 0.2, 0.5, 0.9 }, 1, FALSE };
  cairo_surface_t *surfaces[2];
  g_autoptr(DlOperation) operation = NULL;
  DlTime later;
  guint n_untimed = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  strip = dl_timeline_strip_new (events, 1200, 84, 1, FALSE);
  for (guint i = 0; i < dl_timeline_strip_get_n_marks (strip); i++)
    g_assert_cmpint (dl_timeline_strip_find (strip, dl_timeline_strip_get_mark (strip, i)->event),
                     ==, (int) i);
  for (guint i = 0; i < events->len; i++)
    if (dl_event_get_start (events->pdata[i])->precision == DL_TIME_NONE)
      {
        g_assert_cmpint (dl_timeline_strip_find (strip, events->pdata[i]), ==, -1);
        n_untimed++;
      }
  g_assert_cmpuint (n_untimed, >, 0);
  g_assert_cmpuint (n_untimed + dl_timeline_strip_get_n_marks (strip), ==, events->len);

  g_assert_true (dl_time_parse ("1901", &later, NULL));
  operation = dl_operation_new_set_event_start (dl_timeline_strip_get_mark (strip, 500)->event,
                                                &later);
  dl_operation_apply (operation);
  g_assert_cmpint (dl_timeline_strip_find (strip, dl_timeline_strip_get_mark (strip, 500)->event),
                   ==, 500);
  dl_operation_revert (operation);

  /* the same rings through a look-up per selected event and through a pass over the marks
   * (a set with many events of another story) */
  for (guint i = 0; i < 30; i++)
    {
      DlEvent *event = dl_timeline_strip_get_mark (strip, i * 97)->event;

      g_hash_table_add (few, event);
      g_hash_table_add (many, event);
    }
  for (guint i = 0; i < g_list_model_get_n_items (dl_story_get_events (other)); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (dl_story_get_events (other), i);

      /* the other story keeps it */
      g_hash_table_add (many, event);
    }
  g_assert_cmpuint (g_hash_table_size (many), >, dl_timeline_strip_get_n_marks (strip) / 16);
  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr;
      PangoContext *pango;

      surfaces[i] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 84);
      cr = cairo_create (surfaces[i]);
      pango = pango_cairo_create_context (cr);
      dl_timeline_strip_draw (strip, cr, pango, &style, i == 0 ? few : many, 7 * 97, 0, 0);
      cairo_surface_flush (surfaces[i]);
      g_object_unref (pango);
      cairo_destroy (cr);
    }
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (surfaces[0]),
                           cairo_image_surface_get_data (surfaces[1]),
                           (gsize) cairo_image_surface_get_stride (surfaces[0]) * 84), ==, 0);
  cairo_surface_destroy (surfaces[0]);
  cairo_surface_destroy (surfaces[1]);
}

/* How close a pixel of @surface at (@x, @y) is to @rgb: the largest channel difference. */
static int
pixel_distance (cairo_surface_t *surface,
                int              x,
                int              y,
                const double     rgb[3])
{
  const guint8 *row = cairo_image_surface_get_data (surface)
                      + y * cairo_image_surface_get_stride (surface);
  guint32 pixel = *(const guint32 *) (const void *) (row + x * 4);
  int red = (pixel >> 16) & 0xff, green = (pixel >> 8) & 0xff, blue = pixel & 0xff;

  return MAX (MAX (abs (red - (int) (rgb[0] * 255)), abs (green - (int) (rgb[1] * 255))),
              abs (blue - (int) (rgb[2] * 255)));
}

/* A selection of hundreds of marks (a place of many events selected) rings every one of
 * them, and nothing else, as a few selected marks are ringed; the marks stay in view over
 * the rings of their neighbours. */
static void
test_dense_rings (void)
{
  g_autoptr(DlStory) story = generated_story (3000);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = dl_story_get_events (story);
  g_autoptr(DlTimelineStrip) strip = NULL;
  g_autoptr(GHashTable) selected = g_hash_table_new (NULL, NULL);
  DlStripStyle style = { { 0.1, 0.1, 0.1 }, { 1, 1, 1, 1 }, { 0.2, 0.5, 0.9 }, 1, FALSE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 84);
  cairo_t *cr = cairo_create (surface);
  PangoContext *pango = pango_cairo_create_context (cr);
  double ring, first_selected_x = G_MAXDOUBLE;
  guint n, n_checked = 0, n_unselected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  strip = dl_timeline_strip_new (events, 1200, 84, 1, FALSE);
  n = dl_timeline_strip_get_n_marks (strip);
  /* every other mark of the later half: many more than a strip draws as circles */
  for (guint i = n / 2; i < n; i += 2)
    {
      g_hash_table_add (selected, dl_timeline_strip_get_mark (strip, i)->event);
      first_selected_x = MIN (first_selected_x, dl_timeline_strip_get_mark (strip, i)->x);
    }
  g_assert_cmpuint (g_hash_table_size (selected), >, 600);

  dl_timeline_strip_draw (strip, cr, pango, &style, selected, -1, 0, 0);
  cairo_surface_flush (surface);

  /* the ring's top edge, just above each selected mark, is in the accent colour */
  ring = dl_timeline_strip_get_radius (strip) + 2;
  for (guint i = 0; i < n; i++)
    {
      const DlStripMark *mark = dl_timeline_strip_get_mark (strip, i);
      int x = (int) round (mark->x);
      int y = (int) round (mark->y - ring);

      if (!g_hash_table_contains (selected, mark->event))
        continue;
      n_checked++;
      g_assert_cmpint (MIN (pixel_distance (surface, x, y, style.accent),
                            pixel_distance (surface, x, y - 1, style.accent)), <, 40);
      /* and the mark itself shows over its neighbours' rings */
      g_assert_cmpint (pixel_distance (surface, x, (int) round (mark->y), style.accent), >=, 40);
    }
  /* and no accent around the marks well before the first selected one */
  for (guint i = 0; i < n; i++)
    {
      const DlStripMark *mark = dl_timeline_strip_get_mark (strip, i);

      if (mark->x > first_selected_x - 2 * ring - 4)
        continue;
      for (int y = (int) (mark->y - ring - 2); y <= (int) (mark->y + ring + 2); y++)
        for (int x = (int) (mark->x - ring - 2); x <= (int) (mark->x + ring + 2); x++)
          if (x >= 0 && x < 1200 && y >= 0 && y < 84)
            g_assert_cmpint (pixel_distance (surface, x, y, style.accent), >=, 40);
      n_unselected++;
    }
  g_assert_cmpuint (n_checked, ==, g_hash_table_size (selected));
  g_assert_cmpuint (n_unselected, >, 500);

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/timeline-updates/filter-steps", test_filter_steps);
  g_test_add_func ("/timeline-updates/dense-rings", test_dense_rings);
  g_test_add_func ("/timeline-updates/edit-while-filtered", test_edit_while_filtered);
  g_test_add_func ("/timeline-updates/edits-unfiltered", test_edits_unfiltered);
  g_test_add_func ("/timeline-updates/focus-through-filters", test_focus_through_filters);
  g_test_add_func ("/timeline-updates/find-and-rings", test_find_and_rings);

  return g_test_run ();
}
