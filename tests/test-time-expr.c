/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-time-expr"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-time-expr.h"

/* One rule: in @sentence, published on @reference, the expression @expr (as written)
 * means @start (and, for a span, @end). @expr NULL: the sentence has no time expression. */
typedef struct
{
  const char *path;
  const char *reference;
  const char *sentence;
  const char *expr;
  const char *start;
  const char *end;
} Case;

static const Case cases[] = {
  /* Weekdays: the most recent on or before publication in past-tense reporting. */
  { "/time-expr/weekday/past-same-day", "2024-12-08",
    "Assad and his family arrived in the Russian capital on Sunday.",
    "on Sunday", "2024-12-08", NULL },
  { "/time-expr/weekday/past-earlier", "2024-12-08",
    "The rebels entered Homs on Friday.", "on Friday", "2024-12-06", NULL },
  { "/time-expr/weekday/part-of-day", "2024-12-08",
    "In a new update Sunday morning, he said the president had fled.",
    "Sunday morning", "2024-12-08", NULL },
  { "/time-expr/weekday/future-verb", "2024-12-08",
    "The council will meet on Tuesday to discuss Syria.", "on Tuesday", "2024-12-10", NULL },
  { "/time-expr/weekday/future-same-weekday", "2024-12-08",
    "Voters will go to the polls on Sunday.", "on Sunday", "2024-12-15", NULL },
  { "/time-expr/weekday/last", "2024-12-08",
    "Talks collapsed last Sunday.", "last Sunday", "2024-12-01", NULL },
  { "/time-expr/weekday/next", "2024-12-08",
    "Talks resume next Monday.", "next Monday", "2024-12-09", NULL },
  /* Deictic days, weeks, months, years */
  { "/time-expr/deictic/yesterday", "2024-12-08",
    "Rebels took Homs yesterday.", "yesterday", "2024-12-07", NULL },
  { "/time-expr/deictic/today", "2024-12-08",
    "Crowds gathered today in Damascus.", "today", "2024-12-08", NULL },
  { "/time-expr/deictic/tomorrow", "2024-12-08",
    "The envoy arrives tomorrow.", "tomorrow", "2024-12-09", NULL },
  { "/time-expr/deictic/last-night", "2024-12-08",
    "Explosions were heard last night.", "last night", "2024-12-07", NULL },
  { "/time-expr/deictic/last-week", "2024-12-08",
    "The offensive began last week.", "last week", "2024-11-25", "2024-12-01" },
  { "/time-expr/deictic/this-week", "2024-12-11",
    "Talks were held this week.", "this week", "2024-12-09", "2024-12-15" },
  { "/time-expr/deictic/earlier-this-week", "2024-12-11",
    "Officials met earlier this week.", "earlier this week", "2024-12-09", "2024-12-11" },
  { "/time-expr/deictic/earlier-this-month", "2024-12-19",
    "The city fell earlier this month.", "earlier this month", "2024-12-01", "2024-12-19" },
  { "/time-expr/deictic/last-month", "2024-01-15",
    "Fighting resumed last month.", "last month", "2023-12", NULL },
  { "/time-expr/deictic/this-year", "2024-12-08",
    "Prices rose this year.", "this year", "2024", NULL },
  { "/time-expr/deictic/last-year", "2024-12-08",
    "The deal was signed last year.", "last year", "2023", NULL },
  { "/time-expr/deictic/weekend", "2024-12-09",
    "Protests spread over the weekend.", "over the weekend", "2024-12-07", "2024-12-08" },
  { "/time-expr/deictic/days-ago", "2024-12-08",
    "The convoy left three days ago.", "three days ago", "2024-12-05", NULL },
  { "/time-expr/deictic/years-ago", "2024-12-08",
    "He took power 24 years ago.", "24 years ago", "2000", NULL },
  { "/time-expr/deictic/past-week", "2024-12-08",
    "Over the past week, rebels advanced.", "the past week", "2024-12-01", "2024-12-08" },
  /* Dates: month and day, with or without a year */
  { "/time-expr/date/abbreviated", "2024-12-19",
    "The Dec. 10 bombings killed dozens.", "Dec. 10", "2024-12-10", NULL },
  { "/time-expr/date/month-day", "2024-12-19",
    "On December 10, rebels reached the coast.", "December 10", "2024-12-10", NULL },
  { "/time-expr/date/day-month-year", "2024-12-19",
    "The treaty was signed on 10 December 2024 in Geneva.", "10 December 2024",
    "2024-12-10", NULL },
  { "/time-expr/date/month-day-comma-year", "2025-03-01",
    "On December 10, 2024, the army withdrew.", "December 10, 2024", "2024-12-10", NULL },
  { "/time-expr/date/year-before", "2025-01-05",
    "The Dec. 20 attack was claimed by no one.", "Dec. 20", "2024-12-20", NULL },
  { "/time-expr/date/future-next-year", "2024-12-19",
    "Elections will be held on January 15.", "January 15", "2025-01-15", NULL },
  { "/time-expr/date/ordinal", "2024-12-19",
    "It happened on the 3rd of December.", "3rd of December", "2024-12-03", NULL },
  { "/time-expr/month/in-month", "2024-12-08",
    "The offensive was planned in March.", "March", "2024-03", NULL },
  { "/time-expr/month/in-month-later-than-reference", "2024-02-08",
    "The talks failed in March.", "March", "2023-03", NULL },
  { "/time-expr/month/month-year", "2024-12-08",
    "The uprising began in March 2011.", "March 2011", "2011-03", NULL },
  { "/time-expr/month/of-a-thing", "2010-07-08",
    "The April quake was centred south of Mexicali.", "April", "2010-04", NULL },
  { "/time-expr/month/possessive", "2010-07-08",
    "Changes in the fault line from April's quake caused it.", "April's", "2010-04", NULL },
  { "/time-expr/weekday/past-clause-despite-plan", "2012-08-02",
    "He made the announcement on Wednesday, stating the plan to develop the north.",
    "on Wednesday", "2012-08-01", NULL },
  /* Years */
  { "/time-expr/year/in", "2024-12-08",
    "In 2016, he cut ties with al-Qaeda.", "In 2016", "2016", NULL },
  { "/time-expr/year/since", "2024-12-08",
    "The group has ruled Idlib since 2017.", "since 2017", "2017", NULL },
  { "/time-expr/year/named-war", "2024-12-08",
    "The Golan was occupied by Israel during the 1967 Middle East war.", "the 1967",
    "1967", NULL },
  { "/time-expr/year/event-noun", "2024-12-08",
    "After the 2011 uprising, the army split.", "the 2011", "2011", NULL },
  { "/time-expr/year/decade", "2024-12-08",
    "The dam was built in the 1970s.", "the 1970s", "1970", "1979" },
  { "/time-expr/year/range", "2024-12-08",
    "The truce held from 2018 to 2020.", "from 2018 to 2020", "2018", "2020" },
  { "/time-expr/year/started-in", "2024-12-08",
    "His group was determined to continue on the path it started in 2011.", "in 2011",
    "2011", NULL },
  /* Durations: a span ending at the reference */
  { "/time-expr/duration/rule", "2024-12-08",
    "Assad left Damascus, ending his 24-year rule.", "24-year rule", "2000", "2024-12-08" },
  { "/time-expr/duration/civil-war", "2024-12-08",
    "Syria has endured a 13-year civil war.", "13-year civil war", "2011", "2024-12-08" },
  { "/time-expr/duration/word-number", "2024-12-08",
    "It ended a two-year siege.", "two-year siege", "2022", "2024-12-08" },
  { "/time-expr/duration/for-years", "2024-12-08",
    "The family has ruled for 50 years.", "for 50 years", "1974", "2024-12-08" },
  /* Clock times take the day of the sentence, else the reference */
  { "/time-expr/clock/am", "2024-12-08",
    "Rebels entered the capital at 6 a.m.", "at 6 a.m.", "2024-12-08T06:00", NULL },
  { "/time-expr/clock/pm-minutes", "2024-12-08",
    "The statement came at 9:30 p.m. local time.", "at 9:30 p.m.", "2024-12-08T21:30",
    NULL },
  { "/time-expr/clock/compact", "2024-12-08",
    "The plane landed at 11pm.", "at 11pm", "2024-12-08T23:00", NULL },
  { "/time-expr/clock/24-hour", "2024-12-08",
    "The curfew starts at 18:00.", "at 18:00", "2024-12-08T18:00", NULL },
  { "/time-expr/clock/with-weekday", "2024-12-08",
    "The plane took off at 6 a.m. on Friday.", "at 6 a.m.", "2024-12-06T06:00", NULL },
  { "/time-expr/clock/day-named-before", "2010-07-08",
    "An earthquake struck on Wednesday evening. It occurred at 16:53 local time.",
    "at 16:53", "2010-07-07T16:53", NULL },
  /* Anaphora: from the last day named */
  { "/time-expr/anaphoric/next-day", "2024-12-19",
    "Rebels reached Homs on Dec. 6 and took it the next day.", "the next day",
    "2024-12-07", NULL },
  /* Not times */
  { "/time-expr/negative/may-name", "2024-12-08",
    "Theresa May said the talks had failed.", NULL, NULL, NULL },
  { "/time-expr/negative/may-modal", "2024-12-08",
    "May the best team win.", NULL, NULL, NULL },
  { "/time-expr/negative/march-verb", "2024-12-08",
    "Thousands march through Damascus.", NULL, NULL, NULL },
  { "/time-expr/negative/march-sentence-start", "2024-12-08",
    "March organisers said they expect thousands.", NULL, NULL, NULL },
  { "/time-expr/negative/count", "2024-12-08",
    "The army sent 2000 troops to the front.", NULL, NULL, NULL },
  { "/time-expr/negative/count-after-preposition", "2024-12-08",
    "A convoy of 1500 vehicles left.", NULL, NULL, NULL },
  { "/time-expr/negative/thousands", "2024-12-08",
    "In 1,967 cases, aid arrived.", NULL, NULL, NULL },
  { "/time-expr/negative/money", "2024-12-08",
    "The car cost $2016 in 1990 money.", "in 1990", "1990", NULL },
  { "/time-expr/negative/age", "2024-12-08",
    "A 13-year-old boy was hurt.", NULL, NULL, NULL },
  { "/time-expr/negative/duration-without-noun", "2024-12-08",
    "The 24-year figure was disputed.", NULL, NULL, NULL },
  { "/time-expr/negative/at-number", "2024-12-08",
    "The toll stood at 6 on the first day.", NULL, NULL, NULL },
  { "/time-expr/negative/lowercase-weekday", "2024-12-08",
    "The sunday papers were sold out.", NULL, NULL, NULL },
};

static DlTime
parse (const char *iso)
{
  g_autoptr(GError) error = NULL;
  DlTime t;

  g_assert_true (dl_time_parse (iso, &t, &error));
  g_assert_no_error (error);
  return t;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  DlTime reference = parse (c->reference);
  g_autoptr(GArray) found = dl_time_expr_find (c->sentence, &reference);
  const DlTimeExpr *e;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *at = NULL;

  if (c->expr == NULL)
    {
      for (guint i = 0; i < found->len; i++)
        g_test_message ("unexpected: “%s”",
                        g_array_index (found, DlTimeExpr, i).text);
      g_assert_cmpuint (found->len, ==, 0);
      return;
    }

  /* the expression itself (others in the sentence anchor it) */
  g_assert_cmpuint (found->len, >=, 1);
  e = &g_array_index (found, DlTimeExpr, 0);
  for (guint i = 1; i < found->len && g_strcmp0 (e->text, c->expr) != 0; i++)
    e = &g_array_index (found, DlTimeExpr, i);
  g_assert_cmpstr (e->text, ==, c->expr);
  dl_time_expr_to_iso (e, &start, &end);
  g_assert_cmpstr (start, ==, c->start);
  g_assert_cmpstr (end, ==, c->end);
  /* the offsets point at the expression (code points) */
  at = g_utf8_substring (c->sentence, e->start, e->end);
  g_assert_cmpstr (at, ==, c->expr);
  g_assert_cmpint (e->value.precision, ==, parse (c->start).precision);
}

static void
test_offsets_code_points (void)
{
  DlTime reference = parse ("2024-12-08");
  const char *text = "“Syria’s” rulers fled on Sunday.";
  g_autoptr(GArray) found = dl_time_expr_find (text, &reference);
  const DlTimeExpr *e;

  g_assert_cmpuint (found->len, ==, 1);
  e = &g_array_index (found, DlTimeExpr, 0);
  g_assert_cmpint (e->start, ==, 22);
  g_assert_cmpint (e->end, ==, 31);
}

static void
test_precision_kept (void)
{
  DlTime reference = parse ("2024-12-08");
  g_autoptr(GArray) found = dl_time_expr_find ("In 2016 and in March 2011 and on Sunday.",
                                               &reference);

  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpint (g_array_index (found, DlTimeExpr, 0).value.precision, ==, DL_TIME_YEAR);
  g_assert_cmpint (g_array_index (found, DlTimeExpr, 1).value.precision, ==, DL_TIME_MONTH);
  g_assert_cmpint (g_array_index (found, DlTimeExpr, 2).value.precision, ==, DL_TIME_DAY);
}

static void
test_reference_year_only (void)
{
  DlTime reference = parse ("2024");
  g_autoptr(GArray) found = dl_time_expr_find ("He fled on Sunday, as in 2016.", &reference);

  /* A weekday cannot be placed without a day to count from; a year can. */
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_array_index (found, DlTimeExpr, 0).text, ==, "in 2016");
}

static void
test_invalid_utf8 (void)
{
  DlTime reference = parse ("2024-12-08");
  g_autoptr(GArray) found = dl_time_expr_find ("on Sunday \xff in 2016", &reference);

  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  g_test_add_func ("/time-expr/offsets-code-points", test_offsets_code_points);
  g_test_add_func ("/time-expr/precision-kept", test_precision_kept);
  g_test_add_func ("/time-expr/reference-year-only", test_reference_year_only);
  g_test_add_func ("/time-expr/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
