/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-time-range"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-story-error.h"
#include "dl-time-range.h"

#define MAX_RANGE_LENGTH 200

/* @text with control characters written as \xNN, so that a message quoting it stays
 * one line. */
static char *
escape_controls (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (s, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* Parses one side; a refusal quotes it with its control characters escaped. */
static gboolean
parse_side (const char  *text,
            DlTime      *time,
            GError     **error)
{
  g_autofree char *shown = NULL;
  DlTime ignored;

  if (dl_time_parse (text, time, NULL))
    return TRUE;
  shown = escape_controls (text);
  if (dl_time_parse (shown, &ignored, error))
    g_assert_not_reached ();
  return FALSE;
}

static gboolean
fail_syntax (GError    **error,
             const char *text)
{
  g_autofree char *shown = escape_controls (text);

  g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME,
               _("“%s” is not a time range: expected START/END in ISO 8601, either side "
                 "open (e.g. 2024-12-07/2024-12-08, 2024-12-07/, /2011)"), shown);
  return FALSE;
}

/**
 * dl_time_range_parse:
 * @text: "START/END", "START/", "/END" or a single time
 * @from: (out): the start, precision %DL_TIME_NONE when open
 * @to: (out): the end (its last second counts), precision %DL_TIME_NONE when open
 * @error: a #GError
 *
 * Returns: %TRUE when @text is a range whose start is not after its end; else %FALSE with
 *   a %DL_STORY_ERROR_TIME error naming the part at fault.
 */
gboolean
dl_time_range_parse (const char  *text,
                     DlTime      *from,
                     DlTime      *to,
                     GError     **error)
{
  const DlTime none = { DL_TIME_NONE, 0, 1, 1, 0, 0, 0, FALSE, 0 };
  g_autofree char *start = NULL;
  const char *slash;
  DlTime f = none, t = none;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME,
                           _("The time range is not valid UTF-8 text"));
      return FALSE;
    }
  if (strlen (text) > MAX_RANGE_LENGTH)
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME,
                   _("The time range is longer than %d characters"), MAX_RANGE_LENGTH);
      return FALSE;
    }

  slash = strchr (text, '/');
  if (slash == NULL)
    {
      /* one time: the whole of it */
      if (!parse_side (text, &f, error))
        return FALSE;
      *from = f;
      *to = f;
      return TRUE;
    }
  if (strchr (slash + 1, '/') != NULL || (slash == text && slash[1] == '\0'))
    return fail_syntax (error, text);

  start = g_strndup (text, slash - text);
  if (start[0] != '\0' && !parse_side (start, &f, error))
    return FALSE;
  if (slash[1] != '\0' && !parse_side (slash + 1, &t, error))
    return FALSE;

  if (f.precision != DL_TIME_NONE && t.precision != DL_TIME_NONE &&
      dl_time_get_first_second (&f) > dl_time_get_last_second (&t))
    {
      g_autofree char *shown = escape_controls (text);

      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TIME,
                   _("“%s” ends before it starts"), shown);
      return FALSE;
    }

  *from = f;
  *to = t;
  return TRUE;
}

static char *
format_day (const DlTime *time,
            const char   *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (time->year, time->month, time->day, 0, 0, 0);

  if (dt == NULL)
    return dl_time_format (time);
  return g_date_time_format (dt, format);
}

/**
 * dl_time_range_format:
 * @from: (nullable): the start, or %NULL when open
 * @to: (nullable): the end, or %NULL when open
 *
 * Returns: (transfer full): the range as a reader says it: "7–8 Dec 2024" (one month),
 *   "30 Nov – 8 Dec 2024" (one year), "1967 – 8 Dec 2024", "from 7 Dec 2024",
 *   "until 2011"; an empty string when both sides are open.
 */
char *
dl_time_range_format (const DlTime *from,
                      const DlTime *to)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (from != NULL && from->precision == DL_TIME_NONE)
    from = NULL;
  if (to != NULL && to->precision == DL_TIME_NONE)
    to = NULL;

  if (from == NULL && to == NULL)
    return g_strdup ("");
  if (to == NULL)
    {
      a = dl_time_format (from);
      /* TRANSLATORS: a time range open at its end; %s is a date */
      return g_strdup_printf (_("from %s"), a);
    }
  if (from == NULL)
    {
      b = dl_time_format (to);
      /* TRANSLATORS: a time range open at its start; %s is a date */
      return g_strdup_printf (_("until %s"), b);
    }

  if (memcmp (from, to, sizeof (DlTime)) == 0)
    return dl_time_format (from);

  if (from->precision == DL_TIME_DAY && to->precision == DL_TIME_DAY &&
      from->year == to->year)
    {
      if (from->month == to->month)
        /* TRANSLATORS: the first day of a range within one month, strftime format as in
         * g_date_time_format() ("7" of "7–8 Dec 2024") */
        a = format_day (from, C_("time range", "%-d"));
      else
        /* TRANSLATORS: the first day of a range within one year ("30 Nov" of
         * "30 Nov – 8 Dec 2024") */
        a = format_day (from, C_("time range", "%-d %b"));
      b = dl_time_format (to);
      if (from->month == to->month)
        /* TRANSLATORS: a range of days within one month: "7–8 Dec 2024" */
        return g_strdup_printf (C_("time range", "%s–%s"), a, b);
    }
  else
    {
      a = dl_time_format (from);
      b = dl_time_format (to);
    }
  /* TRANSLATORS: a time range: "30 Nov – 8 Dec 2024", "1967 – 2011" */
  return g_strdup_printf (C_("time range", "%s – %s"), a, b);
}

/**
 * dl_time_from_unix:
 * @second: Unix seconds
 * @precision: year, month or day (anything finer is taken as a day)
 * @time: (out): the time at @precision containing @second, in UTC
 */
void
dl_time_from_unix (gint64           second,
                   DlTimePrecision  precision,
                   DlTime          *time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (second);

  g_return_if_fail (time != NULL);

  precision = CLAMP (precision, DL_TIME_YEAR, DL_TIME_DAY);
  *time = (DlTime) { precision, 1970, 1, 1, 0, 0, 0, FALSE, 0 };
  if (dt == NULL)
    {
      time->year = second < 0 ? 1 : 9999;
      return;
    }
  time->year = g_date_time_get_year (dt);
  if (precision >= DL_TIME_MONTH)
    time->month = g_date_time_get_month (dt);
  if (precision >= DL_TIME_DAY)
    time->day = g_date_time_get_day_of_month (dt);
}
