/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-time-expr"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dl-time-expr.h"
#include "dl-words-private.h"

typedef struct
{
  const char *text;
  GArray     *words;
  DlTime      ref;
  GDate       ref_date;
  GArray     *out;
} Matcher;

#define WORD(m, i) (&g_array_index ((m)->words, DlWord, (i)))

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December", NULL,
};

static const char * const month_abbrevs[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL,
};

static const char * const weekday_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL,
};

static const char * const number_words[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
  "eighteen", "nineteen", "twenty", NULL,
};

/* Words before a lone month name or a year that make it a time ("in March", "since 2011"). */
static const char * const time_prepositions[] = {
  "in", "since", "until", "till", "by", "from", "during", "of", "before", "after", "early",
  "late", "mid", "throughout", "last", "next", "this", "between", "and", "to", "through",
  "circa", NULL,
};

/* Nouns a duration can be the length of, ending now: "his 24-year rule". */
static const char * const durative_nouns[] = {
  "rule", "reign", "war", "conflict", "occupation", "presidency", "tenure", "siege",
  "insurgency", "dictatorship", "regime", "blockade", "struggle", "crisis", "standoff",
  "campaign", "exile", "leadership", "grip", "hold", "presence", "career", "premiership",
  "administration", "government", "civil", "uprising", "drought", "embargo", "dispute",
  "feud", "detention", "imprisonment", "captivity", "ceasefire", "truce", "stalemate",
  NULL,
};

/* Nouns after "the YEAR" that make the number a year: "the 1967 war". */
static const char * const event_nouns[] = {
  "war", "wars", "election", "elections", "revolution", "uprising", "attack", "attacks",
  "crisis", "agreement", "accord", "accords", "ceasefire", "invasion", "coup", "earthquake",
  "flood", "floods", "summit", "referendum", "massacre", "protests", "riots", "olympics",
  "games", "treaty", "conflict", "campaign", "offensive", "census", "budget", "season",
  "law", "constitution", "bombing", "bombings", "famine", "plan", "deal", "vote",
  "world", "cup", NULL,
};

/* Words a count is followed by that are not years: "2000 troops". */
static const char * const count_nouns[] = {
  "people", "men", "women", "children", "km", "kg", "m", "ft", "miles", "metres",
  "meters", "feet", "dollars", "euros", "pounds", "times", "percent", "per", NULL,
};

static const char * const future_markers[] = {
  "will", "shall", "’ll", "'ll", "due", "scheduled", "expected", "set", "plans", "plan",
  "intends", "going", "upcoming", "tomorrow", NULL,
};

static int
month_of (const DlWord *w,
          gboolean     *abbreviated)
{
  DlWord bare = *w;

  if (!w->upper)
    return 0;
  /* "April’s quake" */
  if (w->len > 4 && strncmp (w->s + w->len - 4, "’s", 4) == 0)
    bare.len -= 4;
  else if (w->len > 2 && strncmp (w->s + w->len - 2, "'s", 2) == 0)
    bare.len -= 2;
  if (bare.len != w->len)
    {
      for (int i = 0; i < 12; i++)
        if (dl_word_is (&bare, month_names[i]))
          {
            *abbreviated = FALSE;
            return -(i + 1);
          }
      return 0;
    }
  for (int i = 0; i < 12; i++)
    if (dl_word_is (w, month_names[i]))
      {
        *abbreviated = FALSE;
        return i + 1;
      }
  for (int i = 0; i < 12; i++)
    if (dl_word_is (w, month_abbrevs[i]) || (i == 8 && dl_word_is (w, "Sept")))
      {
        *abbreviated = TRUE;
        return i + 1;
      }
  return 0;
}

static int
weekday_of (const DlWord *w)
{
  if (!w->upper)
    return 0;
  for (int i = 0; i < 7; i++)
    if (dl_word_is (w, weekday_names[i]))
      return i + 1;  /* GDateWeekday */
  return 0;
}

/* A number written in digits or as a word up to twenty. */
static int
small_number (const DlWord *w)
{
  if (w->digits)
    return dl_word_number (w);
  for (int i = 0; number_words[i]; i++)
    if (dl_word_is (w, number_words[i]))
      return i;
  if (dl_word_is (w, "a") || dl_word_is (w, "an"))
    return 1;
  return -1;
}

/* A day of the month: "10", "10th", "1st". */
static int
day_number (const DlWord *w)
{
  g_autofree char *s = NULL;
  int n = 0;
  guint i;

  if (!w->word || w->len > 4)
    return 0;
  s = dl_word_dup (w);
  for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
    n = n * 10 + (s[i] - '0');
  if (i == 0 || i > 2)
    return 0;
  if (s[i] != '\0' && g_ascii_strcasecmp (s + i, "st") != 0 &&
      g_ascii_strcasecmp (s + i, "nd") != 0 && g_ascii_strcasecmp (s + i, "rd") != 0 &&
      g_ascii_strcasecmp (s + i, "th") != 0)
    return 0;
  return n >= 1 && n <= 31 ? n : 0;
}

static gboolean
is_year_word (const DlWord *w)
{
  int n = dl_word_number (w);

  return w->len == 4 && n >= 1000 && n <= 2199;
}

static DlTime
time_from_date (const GDate *date)
{
  DlTime t = { DL_TIME_DAY, g_date_get_year (date), g_date_get_month (date),
               g_date_get_day (date), 0, 0, 0, FALSE, 0 };
  return t;
}

static DlTime
time_year (int year)
{
  DlTime t = { DL_TIME_YEAR, year, 1, 1, 0, 0, 0, FALSE, 0 };
  return t;
}

static DlTime
time_month (int year,
            int month)
{
  DlTime t = { DL_TIME_MONTH, year, month, 1, 0, 0, 0, FALSE, 0 };
  return t;
}

static gboolean
word_is_punct (const DlWord *w,
               const char   *punct)
{
  return !w->word && dl_word_is (w, punct);
}

/* Whether the clause around word @i speaks of the future ("will meet on Sunday"). */
static gboolean
clause_is_future (Matcher *m,
                  guint    i)
{
  guint first = i, last = i;

  /* the clause, down to its commas: "he made the announcement on Wednesday, stating the
   * plan to …" speaks of Wednesday in the past */
  while (first > 0 && !dl_word_ends_clause (WORD (m, first - 1)) &&
         !dl_word_is (WORD (m, first - 1), ","))
    first--;
  while (last + 1 < m->words->len && !dl_word_ends_clause (WORD (m, last + 1)) &&
         !dl_word_is (WORD (m, last + 1), ","))
    last++;
  for (guint k = first; k <= last; k++)
    {
      const DlWord *w = WORD (m, k);

      if (!dl_word_is_any (w, future_markers))
        continue;
      /* "set", "plan", "due", "expected" speak of the future only before "to". */
      if ((dl_word_is (w, "set") || dl_word_is (w, "plans") || dl_word_is (w, "plan") ||
           dl_word_is (w, "due") || dl_word_is (w, "expected") ||
           dl_word_is (w, "intends") || dl_word_is (w, "going")) &&
          !(k + 1 < m->words->len && dl_word_is (WORD (m, k + 1), "to")))
        continue;
      return TRUE;
    }
  return FALSE;
}

static gboolean
ref_has_day (Matcher *m)
{
  return m->ref.precision >= DL_TIME_DAY;
}

/* The year a day of a month without one falls in: the nearest before the reference in
 * past-tense reporting, the nearest after it in future tense. */
static int
infer_year (Matcher *m,
            int      month,
            int      day,
            gboolean future)
{
  int ref_key = m->ref.month * 100 + (m->ref.precision >= DL_TIME_DAY ? m->ref.day : 31);
  int key = month * 100 + day;

  if (future)
    return key >= ref_key ? m->ref.year : m->ref.year + 1;
  return key <= ref_key ? m->ref.year : m->ref.year - 1;
}

static gboolean
word_follows (Matcher    *m,
              guint       i,
              const char *word)
{
  return i < m->words->len && dl_word_is (WORD (m, i), word);
}

/* "Dec. 10", "December 10, 2024", "10 December", "10 Dec 2024", "December 2024",
 * "in March", "mid-March". */
static guint
match_month (Matcher    *m,
             guint       i,
             DlTimeExpr *e)
{
  guint n = m->words->len;
  gboolean abbreviated = FALSE, possessive = FALSE;
  gboolean future;
  guint j = i;
  int day = 0, month, year = 0;

  if (j < n && (day = day_number (WORD (m, j))) > 0)
    {
      j++;
      if (word_follows (m, j, "of"))
        j++;
    }
  if (j >= n || (month = month_of (WORD (m, j), &abbreviated)) == 0)
    return 0;
  if (month < 0)
    {
      /* a possessive month names the month itself: "April’s quake" */
      if (day > 0)
        return 0;
      month = -month;
      possessive = TRUE;
    }
  j++;
  if (abbreviated && j < n && word_is_punct (WORD (m, j), "."))
    j++;
  if (day == 0 && j < n && (day = day_number (WORD (m, j))) > 0)
    {
      /* "December 10": not "December 2024" (a year), not "May 5,000". */
      j++;
      if (j + 1 < n && word_is_punct (WORD (m, j), ",") && WORD (m, j + 1)->digits &&
          !WORD (m, j + 1)->space_before)
        return 0;
    }
  if (j < n && day > 0 && word_is_punct (WORD (m, j), ",") && j + 1 < n &&
      is_year_word (WORD (m, j + 1)))
    j++;
  if (j < n && is_year_word (WORD (m, j)))
    {
      year = dl_word_number (WORD (m, j));
      j++;
    }
  else if (j > i + 1 && word_is_punct (WORD (m, j - 1), ","))
    j--;

  if (day == 0 && year == 0 && !possessive)
    {
      /* A lone month name is a month only after a word of time ("in March") or as the
       * month of a thing ("the April quake"): "May" the name and "March" the verb are
       * not. An abbreviation alone is never one. */
      gboolean of_thing = i > 0 && dl_word_is (WORD (m, i - 1), "the") && j < n &&
                          WORD (m, j)->word && !WORD (m, j)->upper &&
                          !WORD (m, j)->digits;

      if (abbreviated || i == 0 ||
          (!dl_word_is_any (WORD (m, i - 1), time_prepositions) && !of_thing))
        return 0;
    }
  if (abbreviated && day == 0 && year == 0)
    return 0;

  future = clause_is_future (m, i);
  if (i > 0 && dl_word_is (WORD (m, i - 1), "next"))
    future = TRUE;
  if (year == 0)
    {
      gboolean last = i > 0 && dl_word_is (WORD (m, i - 1), "last");

      if (m->ref.precision == DL_TIME_NONE)
        return 0;
      if (day > 0)
        year = infer_year (m, month, day, future);
      else if (future)
        year = month > m->ref.month ? m->ref.year : m->ref.year + 1;
      else if (last)
        year = month < m->ref.month ? m->ref.year : m->ref.year - 1;
      else
        year = month <= m->ref.month ? m->ref.year : m->ref.year - 1;
    }
  if (day > 0)
    {
      if (!g_date_valid_dmy (day, month, year))
        return 0;
      e->value = (DlTime) { DL_TIME_DAY, year, month, day, 0, 0, 0, FALSE, 0 };
    }
  else
    e->value = time_month (year, month);
  return j - i;
}

/* "on Sunday", "last Friday", "next Monday", "Sunday morning". */
static guint
match_weekday (Matcher    *m,
               guint       i,
               DlTimeExpr *e)
{
  guint n = m->words->len;
  guint j = i;
  int mode = 0; /* -1 last, +1 next, 0 by tense */
  int weekday, ref_weekday, delta;
  GDate date;

  if (!ref_has_day (m))
    return 0;
  if (dl_word_is (WORD (m, j), "on") || dl_word_is (WORD (m, j), "this"))
    j++;
  else if (dl_word_is (WORD (m, j), "last") || dl_word_is (WORD (m, j), "past"))
    {
      mode = -1;
      j++;
    }
  else if (dl_word_is (WORD (m, j), "next") || dl_word_is (WORD (m, j), "coming"))
    {
      mode = 1;
      j++;
    }
  if (j >= n || (weekday = weekday_of (WORD (m, j))) == 0)
    return 0;
  j++;
  if (j < n && dl_word_is_any (WORD (m, j), (const char * const []) {
        "morning", "afternoon", "evening", "night", NULL }))
    j++;

  if (mode == 0)
    mode = clause_is_future (m, i) ? 1 : 0;
  date = m->ref_date;
  ref_weekday = g_date_get_weekday (&date);
  if (mode == 1)
    {
      delta = (weekday - ref_weekday + 7) % 7;
      g_date_add_days (&date, delta == 0 ? 7 : delta);
    }
  else
    {
      delta = (ref_weekday - weekday + 7) % 7;
      if (mode == -1 && delta == 0)
        delta = 7;
      g_date_subtract_days (&date, delta);
    }
  e->value = time_from_date (&date);
  return j - i;
}

static GDate
week_start (const GDate *date)
{
  GDate monday = *date;

  g_date_subtract_days (&monday, g_date_get_weekday (date) - G_DATE_MONDAY);
  return monday;
}

static void
set_span (DlTimeExpr  *e,
          const GDate *first,
          const GDate *last)
{
  e->value = time_from_date (first);
  if (g_date_compare (first, last) < 0)
    e->end_value = time_from_date (last);
}

/* "yesterday", "last week", "earlier this month", "over the weekend", "last year",
 * "the next day", "two weeks ago". */
static guint
match_deictic (Matcher    *m,
               guint       i,
               DlTimeExpr *e)
{
  guint n = m->words->len;
  const DlWord *w = WORD (m, i);
  GDate date = m->ref_date;
  guint j = i;
  int step = 0; /* -1 last, 0 this, +1 next, 2 earlier this, 3 past */
  int count;

  if (m->ref.precision == DL_TIME_NONE)
    return 0;

  if (ref_has_day (m))
    {
      if (dl_word_is (w, "yesterday") || dl_word_is (w, "today") ||
          dl_word_is (w, "tomorrow") || dl_word_is (w, "tonight"))
        {
          if (dl_word_is (w, "yesterday"))
            g_date_subtract_days (&date, 1);
          else if (dl_word_is (w, "tomorrow"))
            g_date_add_days (&date, 1);
          e->value = time_from_date (&date);
          j = i + 1;
          if (j < n && dl_word_is_any (WORD (m, j), (const char * const []) {
                "morning", "afternoon", "evening", "night", NULL }))
            j++;
          return j - i;
        }
      if (dl_word_is (w, "last") && word_follows (m, i + 1, "night"))
        {
          g_date_subtract_days (&date, 1);
          e->value = time_from_date (&date);
          return 2;
        }
      if (dl_word_is (w, "this") && j + 1 < n &&
          dl_word_is_any (WORD (m, j + 1), (const char * const []) {
            "morning", "afternoon", "evening", NULL }))
        {
          e->value = time_from_date (&date);
          return 2;
        }

      /* N days/weeks/months/years ago */
      if ((count = small_number (w)) > 0 && count <= 1000 && j + 2 < n &&
          dl_word_is (WORD (m, j + 2), "ago"))
        {
          const DlWord *unit = WORD (m, j + 1);

          if (dl_word_is (unit, "day") || dl_word_is (unit, "days"))
            {
              g_date_subtract_days (&date, count);
              e->value = time_from_date (&date);
            }
          else if (dl_word_is (unit, "week") || dl_word_is (unit, "weeks"))
            {
              GDate first;

              g_date_subtract_days (&date, 7 * count);
              first = week_start (&date);
              date = first;
              g_date_add_days (&date, 6);
              set_span (e, &first, &date);
            }
          else if ((dl_word_is (unit, "month") || dl_word_is (unit, "months")) &&
                   count < 12 * 1000)
            {
              g_date_subtract_months (&date, count);
              e->value = time_month (g_date_get_year (&date), g_date_get_month (&date));
            }
          else if ((dl_word_is (unit, "year") || dl_word_is (unit, "years")) &&
                   count < m->ref.year)
            e->value = time_year (m->ref.year - count);
          else
            return 0;
          return 3;
        }
    }

  /* [the] next/following day, the day before, the previous day: from the last day named
   * before, or the reference. */
  if (ref_has_day (m) && (dl_word_is (w, "the") || dl_word_is (w, "a")) && j + 2 < n)
    {
      const DlWord *a = WORD (m, j + 1), *b = WORD (m, j + 2);
      int delta = 0;

      if ((dl_word_is (a, "next") || dl_word_is (a, "following")) && dl_word_is (b, "day"))
        delta = 1;
      else if ((dl_word_is (a, "previous") && dl_word_is (b, "day")) ||
               (dl_word_is (a, "day") && dl_word_is (b, "before")))
        delta = -1;
      else if (dl_word_is (a, "day") && dl_word_is (b, "later") && dl_word_is (w, "a"))
        delta = 1;
      if (delta != 0)
        {
          for (guint k = m->out->len; k > 0; k--)
            {
              DlTimeExpr *prev = &g_array_index (m->out, DlTimeExpr, k - 1);
              const DlTime *t = prev->end_value.precision ? &prev->end_value : &prev->value;

              if (t->precision >= DL_TIME_DAY)
                {
                  g_date_clear (&date, 1);
                  g_date_set_dmy (&date, t->day, t->month, t->year);
                  break;
                }
            }
          if (delta > 0)
            g_date_add_days (&date, 1);
          else
            g_date_subtract_days (&date, 1);
          e->value = time_from_date (&date);
          return 3;
        }
    }

  if (dl_word_is (w, "last") || dl_word_is (w, "previous"))
    step = -1, j++;
  else if (dl_word_is (w, "next") || dl_word_is (w, "coming"))
    step = 1, j++;
  else if (dl_word_is (w, "this"))
    step = 0, j++;
  else if ((dl_word_is (w, "earlier") || dl_word_is (w, "later")) &&
           word_follows (m, i + 1, "this"))
    step = dl_word_is (w, "earlier") ? 2 : 4, j += 2;
  else if ((dl_word_is (w, "over") || dl_word_is (w, "at")) &&
           word_follows (m, i + 1, "the") && word_follows (m, i + 2, "weekend"))
    step = 0, j += 2;
  else if (dl_word_is (w, "the") && word_follows (m, i + 1, "past"))
    step = 3, j += 2;
  else
    return 0;
  if (j >= n)
    return 0;
  w = WORD (m, j);

  if (dl_word_is (w, "year"))
    {
      if (step == 3)
        return 0;
      e->value = time_year (m->ref.year + (step == -1 ? -1 : step == 1 ? 1 : 0));
      return j + 1 - i;
    }
  if (dl_word_is (w, "month") && m->ref.precision >= DL_TIME_MONTH)
    {
      int year = m->ref.year, month = m->ref.month + (step == -1 ? -1 : step == 1 ? 1 : 0);

      if (step == 3)
        return 0;
      if (month < 1)
        month = 12, year--;
      else if (month > 12)
        month = 1, year++;
      if (step == 2 && ref_has_day (m))
        {
          GDate first;

          g_date_clear (&first, 1);
          g_date_set_dmy (&first, 1, month, year);
          set_span (e, &first, &m->ref_date);
        }
      else
        e->value = time_month (year, month);
      return j + 1 - i;
    }
  if (!ref_has_day (m))
    return 0;
  if (dl_word_is (w, "week"))
    {
      GDate first = week_start (&m->ref_date), last;

      if (step == 3)
        {
          first = m->ref_date;
          g_date_subtract_days (&first, 7);
          set_span (e, &first, &m->ref_date);
          return j + 1 - i;
        }
      if (step == -1)
        g_date_subtract_days (&first, 7);
      else if (step == 1)
        g_date_add_days (&first, 7);
      last = first;
      g_date_add_days (&last, 6);
      if (step == 2)
        last = m->ref_date;
      set_span (e, &first, &last);
      return j + 1 - i;
    }
  if (dl_word_is (w, "weekend"))
    {
      GDate saturday = m->ref_date, sunday;
      int delta = (g_date_get_weekday (&saturday) - G_DATE_SATURDAY + 7) % 7;

      g_date_subtract_days (&saturday, delta);
      if (step == 1 || (step == 0 && clause_is_future (m, i) && delta != 0))
        g_date_add_days (&saturday, 7);
      else if (step == -1 && delta <= 1)
        g_date_subtract_days (&saturday, 7);
      sunday = saturday;
      g_date_add_days (&sunday, 1);
      set_span (e, &saturday, &sunday);
      return j + 1 - i;
    }
  return 0;
}

/* "in 2016", "since 2011", "the 1967 war", "in the 1990s". */
static guint
match_year (Matcher    *m,
            guint       i,
            DlTimeExpr *e)
{
  guint n = m->words->len;
  const DlWord *w = WORD (m, i);
  const DlWord *y, *next;
  int year;

  if (i + 1 >= n)
    return 0;
  y = WORD (m, i + 1);

  /* "the 1990s" */
  if ((dl_word_is (w, "the") || dl_word_is (w, "in")) && y->word && y->len == 5 &&
      g_ascii_isdigit (y->s[0]) && y->s[3] == '0' && y->s[4] == 's')
    {
      g_autofree char *s = g_strndup (y->s, 4);
      int decade;

      if (strspn (s, "0123456789") != 4)
        return 0;
      decade = atoi (s);
      if (decade < 1000)
        return 0;
      e->value = time_year (decade);
      e->end_value = time_year (decade + 9);
      return 2;
    }

  if (!is_year_word (y))
    return 0;
  /* Not a part of a bigger number ("1,967", "2016.5"). */
  if (i + 2 < n && !WORD (m, i + 2)->space_before &&
      (word_is_punct (WORD (m, i + 2), ",") || word_is_punct (WORD (m, i + 2), ".")) &&
      i + 3 < n && WORD (m, i + 3)->digits && !WORD (m, i + 3)->space_before)
    return 0;
  year = dl_word_number (y);
  next = i + 2 < n ? WORD (m, i + 2) : NULL;

  if (dl_word_is (w, "the"))
    {
      /* "the 1967 war", "the 2011 Arab Spring", "the 1967 Middle East war" */
      if (next == NULL || !next->word)
        return 0;
      if (!dl_word_is_any (next, event_nouns) && !next->upper)
        return 0;
      e->value = time_year (year);
      return 2;
    }
  /* After "of", "and", "to", "through" the year stands alone (match_bare_year). */
  if (!dl_word_is_any (w, time_prepositions) ||
      dl_word_is_any (w, (const char * const []) {
        "last", "next", "this", "of", "and", "to", "through", NULL }))
    return 0;
  /* A count, not a year: "of 2000 troops", "by 1500 votes". */
  if (next != NULL && next->word && !next->upper &&
      (dl_word_is_any (next, count_nouns) ||
       (next->len > 3 && next->s[next->len - 1] == 's' &&
        !dl_word_is_any (next, (const char * const []) {
          "was", "has", "this", "his", "its", "is", "as", "towards", "afterwards",
          "whereas", "thus", "perhaps", "becomes", "begins", "remains", NULL }))))
    return 0;
  if (i > 0 && (word_is_punct (WORD (m, i - 1), "$") || word_is_punct (WORD (m, i - 1), "£") ||
                word_is_punct (WORD (m, i - 1), "€")))
    return 0;
  /* "between 2011 and 2014", "from 2011 to 2014" */
  if ((dl_word_is (w, "between") || dl_word_is (w, "from")) && i + 3 < n &&
      (dl_word_is (next, "and") || dl_word_is (next, "to")) && is_year_word (WORD (m, i + 3)) &&
      dl_word_number (WORD (m, i + 3)) > year)
    {
      e->value = time_year (year);
      e->end_value = time_year (dl_word_number (WORD (m, i + 3)));
      return 4;
    }
  e->value = time_year (year);
  return 2;
}

/* A year preceded by a word that is not a preposition of its own ("of 2016"). */
static guint
match_bare_year (Matcher    *m,
                 guint       i,
                 DlTimeExpr *e)
{
  const DlWord *w = WORD (m, i);

  if (i == 0 || !is_year_word (w))
    return 0;
  if (!dl_word_is (WORD (m, i - 1), "of") && !dl_word_is (WORD (m, i - 1), "through"))
    return 0;
  if (i + 1 < m->words->len && WORD (m, i + 1)->word && !WORD (m, i + 1)->upper)
    return 0;
  e->value = time_year (dl_word_number (w));
  return 1;
}

/* The number of years of "24-year", "two-year", "13-year". */
static int
years_of_duration (const DlWord *w)
{
  g_autofree char *s = dl_word_dup (w);
  char *dash = strchr (s, '-');
  DlWord head;

  if (dash == NULL || g_ascii_strcasecmp (dash + 1, "year") != 0)
    return -1;
  head = *w;
  head.len = dash - s;
  head.digits = strspn (s, "0123456789") == head.len;
  return small_number (&head);
}

/* "his 24-year rule", "a 13-year civil war", "for 24 years": a span ending now. */
static guint
match_duration (Matcher    *m,
                guint       i,
                DlTimeExpr *e)
{
  guint n = m->words->len;
  const DlWord *w = WORD (m, i);
  int years;
  guint j;

  if (!ref_has_day (m))
    return 0;
  if ((years = years_of_duration (w)) > 0)
    {
      /* the noun it measures, within two words ("13-year civil war") */
      for (j = i + 1; j < n && j <= i + 2; j++)
        {
          const DlWord *noun = WORD (m, j);

          if (!noun->word)
            return 0;
          if (dl_word_is_any (noun, durative_nouns))
            {
              if (dl_word_is (noun, "civil") && j + 1 < n &&
                  dl_word_is (WORD (m, j + 1), "war"))
                j++;
              break;
            }
        }
      if (j >= n || j > i + 2 || years >= m->ref.year)
        return 0;
      e->value = time_year (m->ref.year - years);
      e->end_value = m->ref;
      e->end_value.precision = DL_TIME_DAY;
      return j + 1 - i;
    }
  if (dl_word_is (w, "for") && i + 2 < n &&
      (years = small_number (WORD (m, i + 1))) > 1 && years < m->ref.year &&
      dl_word_is (WORD (m, i + 2), "years") && !clause_is_future (m, i))
    {
      e->value = time_year (m->ref.year - years);
      e->end_value = m->ref;
      e->end_value.precision = DL_TIME_DAY;
      return 3;
    }
  return 0;
}

/* "at 6 a.m.", "at 6:30pm", "at 18:00", "at noon": the day comes from the sentence, else
 * the reference. */
static guint
match_clock (Matcher    *m,
             guint       i,
             DlTimeExpr *e)
{
  guint n = m->words->len;
  guint j = i;
  int hour = -1, minute = 0;
  gboolean meridiem = FALSE, pm = FALSE;
  const DlWord *w;

  if (!ref_has_day (m))
    return 0;
  if (!dl_word_is_any (WORD (m, j), (const char * const []) {
        "at", "by", "around", "about", "before", "after", "until", "from", NULL }))
    return 0;
  j++;
  if (j >= n)
    return 0;
  w = WORD (m, j);
  if (dl_word_is (w, "noon") || dl_word_is (w, "midday") || dl_word_is (w, "midnight"))
    {
      e->value = m->ref;
      e->value.precision = DL_TIME_MINUTE;
      e->value.hour = dl_word_is (w, "midnight") ? 0 : 12;
      e->value.minute = 0;
      return j + 1 - i;
    }
  if (w->digits && w->len <= 2)
    {
      hour = dl_word_number (w);
      j++;
      if (j + 1 < n && word_is_punct (WORD (m, j), ":") && WORD (m, j + 1)->digits &&
          WORD (m, j + 1)->len == 2 && !WORD (m, j + 1)->space_before)
        {
          minute = dl_word_number (WORD (m, j + 1));
          j += 2;
        }
      else if (j + 1 < n && word_is_punct (WORD (m, j), ".") && WORD (m, j + 1)->digits &&
               WORD (m, j + 1)->len == 2 && !WORD (m, j + 1)->space_before)
        {
          minute = dl_word_number (WORD (m, j + 1));
          j += 2;
        }
      /* a.m. / p.m. / am / pm */
      if (j < n && (dl_word_is (WORD (m, j), "am") || dl_word_is (WORD (m, j), "pm")))
        {
          meridiem = TRUE;
          pm = g_ascii_tolower (WORD (m, j)->s[0]) == 'p';
          j++;
        }
      else if (j + 2 < n && (dl_word_is (WORD (m, j), "a") || dl_word_is (WORD (m, j), "p")) &&
               word_is_punct (WORD (m, j + 1), ".") && dl_word_is (WORD (m, j + 2), "m"))
        {
          meridiem = TRUE;
          pm = g_ascii_tolower (WORD (m, j)->s[0]) == 'p';
          j += 3;
          if (j < n && word_is_punct (WORD (m, j), ".") && !WORD (m, j)->space_before)
            j++;
        }
    }
  else if (w->word && w->len >= 3 && w->len <= 4 && g_ascii_isdigit (w->s[0]))
    {
      /* "6am", "11pm" */
      g_autofree char *s = dl_word_dup (w);
      char *end = NULL;
      gint64 h = g_ascii_strtoll (s, &end, 10);

      if (g_ascii_strcasecmp (end, "am") != 0 && g_ascii_strcasecmp (end, "pm") != 0)
        return 0;
      hour = (int) h;
      meridiem = TRUE;
      pm = g_ascii_tolower (*end) == 'p';
      j++;
    }
  else
    return 0;

  if (meridiem)
    {
      if (hour < 1 || hour > 12)
        return 0;
      hour = hour % 12 + (pm ? 12 : 0);
    }
  else if (minute == 0 && j == i + 2)
    return 0;  /* "at 6" alone is not a time */
  if (hour < 0 || hour > 23 || minute > 59)
    return 0;
  e->value = m->ref;
  e->value.precision = DL_TIME_MINUTE;
  e->value.hour = hour;
  e->value.minute = minute;
  e->value.second = 0;
  e->value.has_offset = FALSE;
  if (j < n && dl_word_is_any (WORD (m, j), (const char * const []) {
        "GMT", "UTC", NULL }))
    {
      e->value.has_offset = TRUE;
      e->value.offset_minutes = 0;
      j++;
    }
  return j - i;
}

typedef guint (*Rule) (Matcher *m, guint i, DlTimeExpr *e);

static void
clear_expr (gpointer data)
{
  DlTimeExpr *e = data;

  g_clear_pointer (&e->text, g_free);
}

/* A clock time takes its day from a day named in the same clause. */
static void
date_clock_times (Matcher *m)
{
  for (guint k = 0; k < m->out->len; k++)
    {
      DlTimeExpr *e = &g_array_index (m->out, DlTimeExpr, k);
      gboolean dated = FALSE;

      if (e->value.precision != DL_TIME_MINUTE)
        continue;
      for (guint l = 0; l < m->out->len; l++)
        {
          DlTimeExpr *d = &g_array_index (m->out, DlTimeExpr, l);
          gboolean same_clause = TRUE;
          int lo = MIN (d->end, e->end), hi = MAX (d->start, e->start);

          if (d->value.precision != DL_TIME_DAY || d->end_value.precision != DL_TIME_NONE)
            continue;
          for (guint w = 0; w < m->words->len; w++)
            {
              const DlWord *word = WORD (m, w);

              if (word->start >= lo && word->end <= hi && dl_word_ends_clause (word))
                same_clause = FALSE;
            }
          if (!same_clause)
            continue;
          e->value.year = d->value.year;
          e->value.month = d->value.month;
          e->value.day = d->value.day;
          dated = TRUE;
          break;
        }
      /* else the day named just before ("on Wednesday evening … at 16:53") */
      for (guint l = k; !dated && l > 0; l--)
        {
          DlTimeExpr *d = &g_array_index (m->out, DlTimeExpr, l - 1);

          if (d->value.precision != DL_TIME_DAY || d->end_value.precision != DL_TIME_NONE)
            continue;
          if (e->start - d->end < 300)
            {
              e->value.year = d->value.year;
              e->value.month = d->value.month;
              e->value.day = d->value.day;
            }
          break;
        }
    }
}

/**
 * dl_time_expr_find:
 * @text: UTF-8 text
 * @reference: the publication date (any precision; day or finer for deictic expressions)
 *
 * Returns: (transfer full) (element-type DlTimeExpr): the time expressions of @text.
 */
GArray *
dl_time_expr_find (const char   *text,
                   const DlTime *reference)
{
  static const Rule rules[] = {
    match_duration, match_clock, match_deictic, match_weekday, match_month, match_year,
    match_bare_year,
  };
  g_autoptr(GArray) words = NULL;
  Matcher m = { 0 };
  GArray *out;

  out = g_array_new (FALSE, TRUE, sizeof (DlTimeExpr));
  g_array_set_clear_func (out, clear_expr);
  g_return_val_if_fail (text != NULL, out);
  g_return_val_if_fail (reference != NULL, out);
  if (!g_utf8_validate (text, -1, NULL))
    return out;

  words = dl_words_split (text);
  m.text = text;
  m.words = words;
  m.ref = *reference;
  m.out = out;
  g_date_clear (&m.ref_date, 1);
  if (m.ref.precision != DL_TIME_NONE &&
      g_date_valid_dmy (m.ref.day, m.ref.month, m.ref.year))
    g_date_set_dmy (&m.ref_date, m.ref.day, m.ref.month, m.ref.year);
  else
    m.ref.precision = DL_TIME_NONE;

  for (guint i = 0; i < words->len;)
    {
      guint used = 0;
      DlTimeExpr e = { 0 };

      for (guint r = 0; r < G_N_ELEMENTS (rules) && used == 0; r++)
        {
          memset (&e, 0, sizeof e);
          used = rules[r] (&m, i, &e);
        }
      if (used == 0 || e.value.precision == DL_TIME_NONE)
        {
          i++;
          continue;
        }
      e.start = WORD (&m, i)->start;
      e.end = WORD (&m, i + used - 1)->end;
      e.text = g_strndup (WORD (&m, i)->s,
                          WORD (&m, i + used - 1)->s + WORD (&m, i + used - 1)->len -
                          WORD (&m, i)->s);
      g_array_append_val (out, e);
      i += used;
    }
  date_clock_times (&m);

  return out;
}

/**
 * dl_time_expr_to_iso:
 * @expr: a time expression
 * @start: (out): the ISO 8601 start
 * @end: (out): the ISO 8601 end of a span, else %NULL
 */
void
dl_time_expr_to_iso (const DlTimeExpr  *expr,
                     char             **start,
                     char             **end)
{
  g_return_if_fail (expr != NULL);

  *start = dl_time_to_iso (&expr->value);
  *end = expr->end_value.precision != DL_TIME_NONE ? dl_time_to_iso (&expr->end_value) : NULL;
}
