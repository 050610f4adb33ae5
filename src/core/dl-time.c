/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-time"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-story-error.h"
#include "dl-time.h"

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      value = value * 10 + (c - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
fail (GError    **error,
      const char *text)
{
  g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME,
               _("“%s” is not an ISO 8601 time (e.g. 1967, 2011-03, 2024-12-08, "
                 "2024-12-08T06:00Z)"), text);
  return FALSE;
}

static gboolean
fail_invalid (GError    **error,
              const char *text)
{
  g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME,
               _("“%s” is not a valid date or time"), text);
  return FALSE;
}

/**
 * dl_time_parse:
 * @text: an ISO 8601 time with reduced precision allowed
 * @out: (out): the parsed time
 * @error: a #GError
 *
 * Parses `1967`, `2011-03`, `2024-12-08`, `2024-12-08T06:00`, `2024-12-08T06:00:30`, each
 * of the last two optionally followed by `Z` or an offset (`+03:00`, `-0500`). Dates that
 * do not exist (`2024-02-30`) are errors.
 *
 * Returns: %TRUE on success, %FALSE with a %DL_STORY_ERROR_TIME error otherwise.
 */
gboolean
dl_time_parse (const char  *text,
               DlTime      *out,
               GError     **error)
{
  DlTime t = { DL_TIME_NONE, 0, 1, 1, 0, 0, 0, FALSE, 0 };
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!read_digits (&p, 4, &t.year))
    return fail (error, text);
  t.precision = DL_TIME_YEAR;

  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &t.month))
        return fail (error, text);
      t.precision = DL_TIME_MONTH;

      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &t.day))
            return fail (error, text);
          t.precision = DL_TIME_DAY;

          if (*p == 'T')
            {
              p++;
              if (!read_digits (&p, 2, &t.hour) || *p++ != ':' ||
                  !read_digits (&p, 2, &t.minute))
                return fail (error, text);
              t.precision = DL_TIME_MINUTE;

              if (*p == ':')
                {
                  p++;
                  if (!read_digits (&p, 2, &t.second))
                    return fail (error, text);
                  t.precision = DL_TIME_SECOND;
                }

              if (*p == 'Z')
                {
                  p++;
                  t.has_offset = TRUE;
                }
              else if (*p == '+' || *p == '-')
                {
                  int sign = *p == '-' ? -1 : 1;
                  int oh, om;

                  p++;
                  if (!read_digits (&p, 2, &oh))
                    return fail (error, text);
                  if (*p == ':')
                    p++;
                  if (!read_digits (&p, 2, &om))
                    return fail (error, text);
                  if (oh > 18 || om > 59)
                    return fail_invalid (error, text);
                  t.has_offset = TRUE;
                  t.offset_minutes = sign * (oh * 60 + om);
                }
            }
        }
    }

  if (*p != '\0')
    return fail (error, text);

  if (t.year < 1 || t.month < 1 || t.month > 12 ||
      !g_date_valid_dmy (t.day, t.month, t.year) ||
      t.hour > 23 || t.minute > 59 || t.second > 59)
    return fail_invalid (error, text);

  *out = t;
  return TRUE;
}

/**
 * dl_time_to_iso:
 * @time: a time
 *
 * Returns: (transfer full): the ISO 8601 text of @time at its own precision, or an empty
 *   string for %DL_TIME_NONE.
 */
char *
dl_time_to_iso (const DlTime *time)
{
  GString *s;

  g_return_val_if_fail (time != NULL, NULL);

  s = g_string_new (NULL);
  if (time->precision >= DL_TIME_YEAR)
    g_string_append_printf (s, "%04d", time->year);
  if (time->precision >= DL_TIME_MONTH)
    g_string_append_printf (s, "-%02d", time->month);
  if (time->precision >= DL_TIME_DAY)
    g_string_append_printf (s, "-%02d", time->day);
  if (time->precision >= DL_TIME_MINUTE)
    g_string_append_printf (s, "T%02d:%02d", time->hour, time->minute);
  if (time->precision >= DL_TIME_SECOND)
    g_string_append_printf (s, ":%02d", time->second);
  if (time->precision >= DL_TIME_MINUTE && time->has_offset)
    {
      int off = ABS (time->offset_minutes);

      if (time->offset_minutes == 0)
        g_string_append_c (s, 'Z');
      else
        g_string_append_printf (s, "%c%02d:%02d", time->offset_minutes < 0 ? '-' : '+',
                                off / 60, off % 60);
    }

  return g_string_free (s, FALSE);
}

static gint64
first_second (const DlTime *time)
{
  /* Days since 0001-01-01 keep this free of GDateTime's range and time zone. */
  GDate date;
  gint64 days;
  gint64 seconds;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, time->day, time->month, time->year);
  days = (gint64) g_date_get_julian (&date) - 719163; /* 1970-01-01 */
  seconds = days * 86400 + time->hour * 3600 + time->minute * 60 + time->second;
  if (time->has_offset)
    seconds -= time->offset_minutes * 60;
  return seconds;
}

/**
 * dl_time_get_first_second:
 * @time: a time
 *
 * Returns: the first second @time covers, as Unix seconds (UTC when it has no offset);
 *   %G_MAXINT64 for %DL_TIME_NONE.
 */
gint64
dl_time_get_first_second (const DlTime *time)
{
  g_return_val_if_fail (time != NULL, 0);

  if (time->precision == DL_TIME_NONE)
    return G_MAXINT64;
  return first_second (time);
}

/**
 * dl_time_get_last_second:
 * @time: a time
 *
 * Returns: the last second @time covers ("2011-03" ends on 31 March at 23:59:59);
 *   %G_MAXINT64 for %DL_TIME_NONE.
 */
gint64
dl_time_get_last_second (const DlTime *time)
{
  DlTime next;

  g_return_val_if_fail (time != NULL, 0);

  next = *time;
  switch (time->precision)
    {
    case DL_TIME_NONE:
      return G_MAXINT64;
    case DL_TIME_YEAR:
      next.year++;
      break;
    case DL_TIME_MONTH:
      next.month++;
      if (next.month > 12)
        {
          next.month = 1;
          next.year++;
        }
      break;
    case DL_TIME_DAY:
      return first_second (time) + 86400 - 1;
    case DL_TIME_MINUTE:
      return first_second (time) + 60 - 1;
    case DL_TIME_SECOND:
    default:
      return first_second (time);
    }

  return first_second (&next) - 1;
}

/**
 * dl_time_compare:
 * @a: a time
 * @b: another time
 *
 * Orders by start instant; a less precise time sorts before a more precise one that
 * starts at the same instant. %DL_TIME_NONE sorts last.
 *
 * Returns: negative, 0 or positive, as strcmp().
 */
int
dl_time_compare (const DlTime *a,
                 const DlTime *b)
{
  gint64 sa, sb;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (a->precision == DL_TIME_NONE || b->precision == DL_TIME_NONE)
    return (a->precision == DL_TIME_NONE) - (b->precision == DL_TIME_NONE);

  sa = first_second (a);
  sb = first_second (b);
  if (sa != sb)
    return sa < sb ? -1 : 1;
  return (int) a->precision - (int) b->precision;
}

/**
 * dl_time_format:
 * @time: a time
 *
 * Returns: (transfer full): a human date at the time's precision: "8 Dec 2024",
 *   "Mar 2011", "1967", "8 Dec 2024, 06:00 UTC"; an empty string for %DL_TIME_NONE.
 */
char *
dl_time_format (const DlTime *time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  if (time->precision == DL_TIME_NONE)
    return g_strdup ("");
  if (time->precision == DL_TIME_YEAR)
    return g_strdup_printf ("%d", time->year);

  dt = g_date_time_new_utc (time->year, time->month, time->day, time->hour, time->minute,
                            time->second);
  if (dt == NULL)
    return dl_time_to_iso (time);

  if (time->precision == DL_TIME_MONTH)
    /* TRANSLATORS: a month and year, strftime format as in g_date_time_format() */
    return g_date_time_format (dt, C_("time", "%b %Y"));

  /* TRANSLATORS: a day, strftime format as in g_date_time_format() */
  date = g_date_time_format (dt, C_("time", "%-d %b %Y"));
  if (time->precision == DL_TIME_DAY)
    return g_steal_pointer (&date);

  {
    g_autofree char *clock = NULL;
    g_autofree char *zone = NULL;

    if (time->precision == DL_TIME_SECOND)
      clock = g_strdup_printf ("%02d:%02d:%02d", time->hour, time->minute, time->second);
    else
      clock = g_strdup_printf ("%02d:%02d", time->hour, time->minute);

    if (time->has_offset && time->offset_minutes == 0)
      zone = g_strdup (" UTC");
    else if (time->has_offset)
      zone = g_strdup_printf (" UTC%c%02d:%02d", time->offset_minutes < 0 ? '-' : '+',
                              ABS (time->offset_minutes) / 60,
                              ABS (time->offset_minutes) % 60);

    return g_strdup_printf ("%s, %s%s", date, clock, zone != NULL ? zone : "");
  }
}

/**
 * dl_time_copy:
 * @time: a time
 *
 * Returns: (transfer full): a copy, to free with dl_time_free().
 */
DlTime *
dl_time_copy (const DlTime *time)
{
  return g_memdup2 (time, sizeof *time);
}

/**
 * dl_time_free:
 * @time: (nullable): a time from dl_time_copy()
 *
 * Frees a copied time.
 */
void
dl_time_free (DlTime *time)
{
  g_free (time);
}

G_DEFINE_BOXED_TYPE (DlTime, dl_time, dl_time_copy, dl_time_free)

/**
 * dl_time_equal:
 * @a: (nullable): a time
 * @b: (nullable): a time
 *
 * %NULL equals a time of precision %DL_TIME_NONE.
 *
 * Returns: whether both are the same time written at the same precision.
 */
gboolean
dl_time_equal (const DlTime *a,
               const DlTime *b)
{
  DlTimePrecision pa = a != NULL ? a->precision : DL_TIME_NONE;
  DlTimePrecision pb = b != NULL ? b->precision : DL_TIME_NONE;

  if (pa != pb)
    return FALSE;
  if (pa == DL_TIME_NONE)
    return TRUE;
  return a->year == b->year && a->month == b->month && a->day == b->day &&
         a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
         a->has_offset == b->has_offset &&
         (!a->has_offset || a->offset_minutes == b->offset_minutes);
}
