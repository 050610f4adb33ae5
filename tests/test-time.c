/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-time"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-story-error.h"
#include "dl-time.h"

static DlTime
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  DlTime time;

  g_assert_true (dl_time_parse (text, &time, &error));
  g_assert_no_error (error);
  return time;
}

static void
test_time_parse (void)
{
  DlTime t;

  t = parse ("1967");
  g_assert_cmpint (t.precision, ==, DL_TIME_YEAR);
  g_assert_cmpint (t.year, ==, 1967);
  g_assert_cmpint (t.month, ==, 1);
  g_assert_cmpint (t.day, ==, 1);

  t = parse ("2011-03");
  g_assert_cmpint (t.precision, ==, DL_TIME_MONTH);
  g_assert_cmpint (t.year, ==, 2011);
  g_assert_cmpint (t.month, ==, 3);

  t = parse ("2024-12-08");
  g_assert_cmpint (t.precision, ==, DL_TIME_DAY);
  g_assert_cmpint (t.day, ==, 8);
  g_assert_false (t.has_offset);

  t = parse ("2024-12-08T06:00");
  g_assert_cmpint (t.precision, ==, DL_TIME_MINUTE);
  g_assert_cmpint (t.hour, ==, 6);
  g_assert_false (t.has_offset);

  t = parse ("2024-12-08T06:00Z");
  g_assert_cmpint (t.precision, ==, DL_TIME_MINUTE);
  g_assert_true (t.has_offset);
  g_assert_cmpint (t.offset_minutes, ==, 0);

  t = parse ("2024-12-08T06:00:30+03:00");
  g_assert_cmpint (t.precision, ==, DL_TIME_SECOND);
  g_assert_cmpint (t.second, ==, 30);
  g_assert_true (t.has_offset);
  g_assert_cmpint (t.offset_minutes, ==, 180);

  t = parse ("2024-12-08T06:00-0530");
  g_assert_cmpint (t.offset_minutes, ==, -330);

  t = parse ("2024-02-29");
  g_assert_cmpint (t.day, ==, 29);
}

static void
test_time_invalid (void)
{
  const char *bad[] = {
    "", "67", "19670", "2024-2-08", "2024-02-30", "2023-02-29", "2024-13", "2024-00",
    "2024-12-08T25:00", "2024-12-08T06:60", "2024-12-08T06", "2024-12-08 06:00",
    "2024-12-08T06:00:61", "2024-12-08T06:00+3", "2024-12-08T06:00Zjunk", "0000",
    "Sunday", "2024-12-08T06:00:00.5Z", "-2024",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      DlTime t;

      g_test_message ("%s", bad[i]);
      g_assert_false (dl_time_parse (bad[i], &t, &error));
      g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_time_iso (void)
{
  const char *texts[] = {
    "1967", "2011-03", "2024-12-08", "2024-12-08T06:00", "2024-12-08T06:00Z",
    "2024-12-08T06:00:30+03:00", "2024-12-08T06:00-05:30",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      DlTime t = parse (texts[i]);
      g_autofree char *iso = dl_time_to_iso (&t);

      g_assert_cmpstr (iso, ==, texts[i]);
    }
}

static void
test_time_seconds (void)
{
  DlTime t;

  t = parse ("1970");
  g_assert_cmpint (dl_time_get_first_second (&t), ==, 0);
  g_assert_cmpint (dl_time_get_last_second (&t), ==, 365 * 86400 - 1);

  t = parse ("2024-02");
  g_assert_cmpint (dl_time_get_last_second (&t) - dl_time_get_first_second (&t), ==,
                   29 * 86400 - 1);

  t = parse ("2024-12");
  g_assert_cmpint (dl_time_get_last_second (&t) + 1, ==,
                   dl_time_get_first_second (&(DlTime) { DL_TIME_YEAR, 2025, 1, 1 }));

  t = parse ("2024-12-08");
  g_assert_cmpint (dl_time_get_first_second (&t), ==, 1733616000);
  g_assert_cmpint (dl_time_get_last_second (&t), ==, 1733616000 + 86399);

  t = parse ("2024-12-08T06:00Z");
  g_assert_cmpint (dl_time_get_first_second (&t), ==, 1733616000 + 6 * 3600);
  g_assert_cmpint (dl_time_get_last_second (&t), ==, 1733616000 + 6 * 3600 + 59);

  t = parse ("2024-12-08T06:00:30+03:00");
  g_assert_cmpint (dl_time_get_first_second (&t), ==, 1733616000 + 3 * 3600 + 30);
  g_assert_cmpint (dl_time_get_last_second (&t), ==, 1733616000 + 3 * 3600 + 30);
}

static void
test_time_compare (void)
{
  DlTime year = parse ("2024");
  DlTime december = parse ("2024-12");
  DlTime day = parse ("2024-12-08");
  DlTime morning = parse ("2024-12-08T06:00Z");
  DlTime moscow = parse ("2024-12-08T06:00+03:00");
  DlTime none = { DL_TIME_NONE };

  g_assert_cmpint (dl_time_compare (&year, &december), <, 0);
  g_assert_cmpint (dl_time_compare (&december, &day), <, 0);
  g_assert_cmpint (dl_time_compare (&day, &morning), <, 0);
  /* 06:00 in Moscow is 03:00 UTC */
  g_assert_cmpint (dl_time_compare (&moscow, &morning), <, 0);
  g_assert_cmpint (dl_time_compare (&day, &moscow), <, 0);
  g_assert_cmpint (dl_time_compare (&day, &day), ==, 0);
  /* same instant: the less precise first */
  {
    DlTime first = parse ("2024-12-01");

    g_assert_cmpint (dl_time_compare (&december, &first), <, 0);
    g_assert_cmpint (dl_time_compare (&first, &december), >, 0);
  }
  g_assert_cmpint (dl_time_compare (&none, &year), >, 0);
  g_assert_cmpint (dl_time_compare (&year, &none), <, 0);
  g_assert_cmpint (dl_time_compare (&none, &none), ==, 0);
}

static void
test_time_format (void)
{
  struct { const char *iso, *human; } cases[] = {
    { "1967", "1967" },
    { "2011-03", "Mar 2011" },
    { "2024-12-08", "8 Dec 2024" },
    { "2024-12-08T06:00", "8 Dec 2024, 06:00" },
    { "2024-12-08T06:00Z", "8 Dec 2024, 06:00 UTC" },
    { "2024-12-08T06:00:30+03:00", "8 Dec 2024, 06:00:30 UTC+03:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlTime t = parse (cases[i].iso);
      g_autofree char *human = dl_time_format (&t);

      g_assert_cmpstr (human, ==, cases[i].human);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/time/parse", test_time_parse);
  g_test_add_func ("/time/invalid", test_time_invalid);
  g_test_add_func ("/time/iso", test_time_iso);
  g_test_add_func ("/time/seconds", test_time_seconds);
  g_test_add_func ("/time/compare", test_time_compare);
  g_test_add_func ("/time/format", test_time_format);

  return g_test_run ();
}
