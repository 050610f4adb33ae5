/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-time-axis"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-time-axis.h"
#include "dl-time-range.h"

static gint64
second_of (const char *iso)
{
  DlTime time;

  g_assert_true (dl_time_parse (iso, &time, NULL));
  return dl_time_get_first_second (&time);
}

static gint64
last_second_of (const char *iso)
{
  DlTime time;

  g_assert_true (dl_time_parse (iso, &time, NULL));
  return dl_time_get_last_second (&time);
}

static GPtrArray *
bundled_events (DlStory *story)
{
  GListModel *model = dl_story_get_events (story);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  return events;
}

/* The bundled story reaches from 1967 to December 2024: each of its last days is wider on
 * the axis than the whole stretch from 1967 to 2011, and the empty decades are breaks. */
static void
test_bundled_break (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(DlTimeAxis) axis = NULL;
  double x1967, x2011, gap;
  const char *days[] = { "2024-12-07", "2024-12-08", "2024-12-09" };

  g_assert_no_error (error);
  events = bundled_events (story);
  axis = dl_time_axis_new_for_events (events, 900, 16);

  x1967 = dl_time_axis_to_x (axis, last_second_of ("1967-06"));
  x2011 = dl_time_axis_to_x (axis, second_of ("2011"));
  gap = x2011 - x1967;
  g_assert_cmpfloat (gap, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      double width = dl_time_axis_to_x (axis, last_second_of (days[i]))
                     - dl_time_axis_to_x (axis, second_of (days[i]));

      g_test_message ("%s is %.1f px wide, 1967–2011 %.1f px", days[i], width, gap);
      g_assert_cmpfloat (width, >, gap);
    }

  /* 1967, 1981, 2011–12, 2016, 27 Nov 2024, 7–9 Dec 2024: five breaks */
  g_assert_cmpuint (dl_time_axis_get_n_segments (axis), ==, 6);
  g_assert_cmpfloat (dl_time_axis_get_segment (axis, 0)->x0, ==, 0);
  g_assert_cmpfloat (dl_time_axis_get_segment (axis, 5)->x1, ==, 900);
  for (guint i = 0; i + 1 < dl_time_axis_get_n_segments (axis); i++)
    g_assert_cmpfloat_with_epsilon (dl_time_axis_get_segment (axis, i + 1)->x0
                                    - dl_time_axis_get_segment (axis, i)->x1, 16, 1e-9);
  /* 1981 lies in a segment of its own, in the break-separated middle */
  g_assert_cmpint (dl_time_axis_segment_at (axis,
                                            dl_time_axis_to_x (axis,
                                                               second_of ("1981-12-14"))),
                   ==, 1);
}

/* Adjacent days stay one segment; a gap longer than the stretches beside it breaks. */
static void
test_segments (void)
{
  DlTimeSpan spans[] = {
    { second_of ("2024-12-08"), last_second_of ("2024-12-08") },
    { second_of ("2024-12-07"), last_second_of ("2024-12-07") },
    { second_of ("2024-12-09"), last_second_of ("2024-12-09") },
    { second_of ("2024-12-20"), last_second_of ("2024-12-20") },
    { second_of ("1990"), last_second_of ("1990") },
  };
  g_autoptr(DlTimeAxis) axis = dl_time_axis_new (spans, G_N_ELEMENTS (spans), 500, 10);
  const DlTimeAxisSegment *s;

  g_assert_cmpuint (dl_time_axis_get_n_segments (axis), ==, 3);
  s = dl_time_axis_get_segment (axis, 0);
  g_assert_cmpint (s->first, ==, second_of ("1990"));
  g_assert_cmpuint (s->n_marks, ==, 1);
  s = dl_time_axis_get_segment (axis, 1);
  g_assert_cmpint (s->first, ==, second_of ("2024-12-07"));
  g_assert_cmpint (s->last, ==, last_second_of ("2024-12-09"));
  g_assert_cmpuint (s->n_marks, ==, 3);
  /* the three-mark segment is wider than each one-mark segment */
  g_assert_cmpfloat (s->x1 - s->x0, >, dl_time_axis_get_segment (axis, 0)->x1
                                       - dl_time_axis_get_segment (axis, 0)->x0);
}

/* to_x and from_x are inverse and monotonic, across segments and breaks. */
static void
test_round_trip (void)
{
  DlTimeSpan spans[] = {
    { second_of ("1967-06"), last_second_of ("1967-06") },
    { second_of ("2011"), last_second_of ("2011") },
    { second_of ("2024-12-08"), last_second_of ("2024-12-08") },
  };
  g_autoptr(DlTimeAxis) axis = dl_time_axis_new (spans, G_N_ELEMENTS (spans), 600, 20);
  double last_x = -1;

  for (double x = 0; x <= 600; x += 0.5)
    {
      gint64 t = dl_time_axis_from_x (axis, x);
      double back = dl_time_axis_to_x (axis, t);

      g_assert_cmpfloat (back, >=, last_x - 1e-6);
      g_assert_cmpfloat_with_epsilon (back, x, 0.5);
      last_x = back;
    }
  /* clamped outside */
  g_assert_cmpfloat (dl_time_axis_to_x (axis, second_of ("1900")), ==, 0);
  g_assert_cmpfloat (dl_time_axis_to_x (axis, second_of ("2030")), ==, 600);
}

/* The arithmetic behind the axis agrees with GLib's calendar, leap years and all. */
static void
test_seconds_match_calendar (void)
{
  const int years[] = { 1, 4, 99, 100, 400, 1582, 1900, 1967, 1970, 2000, 2024, 9999 };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    for (int month = 1; month <= 12; month++)
      for (int day = 1; day <= 31; day++)
        {
          DlTime time = { DL_TIME_DAY, years[i], month, day, 0, 0, 0, FALSE, 0 };
          g_autoptr(GDateTime) dt = NULL;

          if (!g_date_valid_dmy (day, month, years[i]))
            continue;
          dt = g_date_time_new_utc (years[i], month, day, 0, 0, 0);
          g_assert_cmpint (dl_time_get_first_second (&time), ==, g_date_time_to_unix (dt));
          g_assert_cmpint (dl_time_get_last_second (&time), ==, g_date_time_to_unix (dt) + 86399);
        }
}

static void
test_empty (void)
{
  g_autoptr(DlTimeAxis) axis = dl_time_axis_new (NULL, 0, 300, 10);
  DlTimeSpan one = { 1000, 1000 };
  g_autoptr(DlTimeAxis) single = dl_time_axis_new (&one, 1, 300, 10);

  g_assert_cmpuint (dl_time_axis_get_n_segments (axis), ==, 0);
  g_assert_cmpfloat (dl_time_axis_to_x (axis, 12345), ==, 0);
  g_assert_cmpint (dl_time_axis_segment_at (axis, 10), ==, -1);
  g_assert_cmpuint (dl_time_axis_get_n_segments (single), ==, 1);
  g_assert_cmpfloat (dl_time_axis_get_segment (single, 0)->x1, ==, 300);
  g_assert_cmpint (dl_time_axis_from_x (single, 150), ==, 1000);
}

static void
assert_range (const char *text,
              const char *expected_from,
              const char *expected_to)
{
  DlTime from, to;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (dl_time_range_parse (text, &from, &to, &error));
  g_assert_no_error (error);
  a = dl_time_to_iso (&from);
  b = dl_time_to_iso (&to);
  g_assert_cmpstr (a, ==, expected_from);
  g_assert_cmpstr (b, ==, expected_to);
}

static void
assert_bad_range (const char *text,
                  const char *expected_part)
{
  DlTime from, to;
  g_autoptr(GError) error = NULL;

  g_assert_false (dl_time_range_parse (text, &from, &to, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME);
  g_test_message ("%s → %s", text, error->message);
  g_assert_nonnull (strstr (error->message, expected_part));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_range_parse (void)
{
  assert_range ("2024-12-07/2024-12-08", "2024-12-07", "2024-12-08");
  assert_range ("2024-12-07/", "2024-12-07", "");
  assert_range ("/2011", "", "2011");
  assert_range ("2024-12-08", "2024-12-08", "2024-12-08");
  assert_range ("1967/2024-12-08T06:00Z", "1967", "2024-12-08T06:00Z");

  assert_bad_range ("/", "START/END");
  assert_bad_range ("", "ISO 8601");
  assert_bad_range ("2024-12-08/2024-12-07", "ends before it starts");
  assert_bad_range ("2024-13-01/", "2024-13-01");
  assert_bad_range ("yesterday/", "yesterday");
  assert_bad_range ("2024/2025/2026", "START/END");
  assert_bad_range ("2024-12-07..2024-12-08", "2024-12-07..2024-12-08");
  assert_bad_range ("\xff/", "UTF-8");
  /* found by fuzz-time: a line break in the value must not break the message */
  assert_bad_range ("2024\n/", "2024\\x0a");
  assert_bad_range ("2024-12-09/2024-12-01\r", "\\x0d");
}

static void
assert_format (const char *from,
               const char *to,
               const char *expected)
{
  DlTime f, t;
  g_autofree char *text = NULL;

  if (from != NULL)
    g_assert_true (dl_time_parse (from, &f, NULL));
  if (to != NULL)
    g_assert_true (dl_time_parse (to, &t, NULL));
  text = dl_time_range_format (from != NULL ? &f : NULL, to != NULL ? &t : NULL);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_range_format (void)
{
  assert_format ("2024-12-07", "2024-12-08", "7–8 Dec 2024");
  assert_format ("2024-11-30", "2024-12-08", "30 Nov – 8 Dec 2024");
  assert_format ("1967", "2024-12-08", "1967 – 8 Dec 2024");
  assert_format ("2024-12-08", "2024-12-08", "8 Dec 2024");
  assert_format ("2024-12-07", NULL, "from 7 Dec 2024");
  assert_format (NULL, "2011", "until 2011");
  assert_format (NULL, NULL, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/time-axis/bundled-break", test_bundled_break);
  g_test_add_func ("/time-axis/segments", test_segments);
  g_test_add_func ("/time-axis/round-trip", test_round_trip);
  g_test_add_func ("/time-axis/empty", test_empty);
  g_test_add_func ("/time-axis/seconds-match-calendar", test_seconds_match_calendar);
  g_test_add_func ("/time-range/parse", test_range_parse);
  g_test_add_func ("/time-range/format", test_range_format);

  return g_test_run ();
}
