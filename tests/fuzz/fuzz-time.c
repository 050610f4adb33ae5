/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the ISO 8601 time and time-range parsers behind `--time=START/END`
 * and the story's "when": whatever the bytes, parsing either fails with one line or gives
 * a range that prints back to text parsing to the same range, formats for a reader, and
 * lays out on a time axis whose positions run forward.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-time
 *   build-fuzz/tests/fuzz/fuzz-time -dict=tests/fuzz/time.dict CORPUS tests/fuzz/time-seeds
 */
#define G_LOG_DOMAIN "fuzz-time"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dl-time-axis.h"
#include "dl-time-range.h"

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
check_round_trip (const DlTime *from,
                  const DlTime *to)
{
  g_autofree char *a = dl_time_to_iso (from);
  g_autofree char *b = dl_time_to_iso (to);
  g_autofree char *text = g_strdup_printf ("%s/%s", a, b);
  g_autofree char *shown = NULL;
  DlTime f2, t2;
  g_autoptr(GError) error = NULL;

  if (from->precision == DL_TIME_NONE && to->precision == DL_TIME_NONE)
    g_error ("a range with both sides open was accepted");
  if (!dl_time_range_parse (text, &f2, &t2, &error))
    g_error ("“%s” does not parse back: %s", text, error->message);
  if (memcmp (from, &f2, sizeof f2) != 0 || memcmp (to, &t2, sizeof t2) != 0)
    g_error ("“%s” parses back to another range", text);

  shown = dl_time_range_format (from->precision != DL_TIME_NONE ? from : NULL,
                                to->precision != DL_TIME_NONE ? to : NULL);
  if (shown == NULL || shown[0] == '\0' || !g_utf8_validate (shown, -1, NULL))
    g_error ("“%s” formats to no text", text);
}

static void
check_axis (const DlTime *from,
            const DlTime *to)
{
  DlTimeSpan spans[2];
  guint n = 0;
  g_autoptr(DlTimeAxis) axis = NULL;
  double last = -1;

  if (from->precision != DL_TIME_NONE)
    spans[n++] = (DlTimeSpan) { dl_time_get_first_second (from),
                                dl_time_get_last_second (from) };
  if (to->precision != DL_TIME_NONE)
    spans[n++] = (DlTimeSpan) { dl_time_get_first_second (to), dl_time_get_last_second (to) };
  axis = dl_time_axis_new (spans, n, 400, 16);
  for (double x = 0; x <= 400; x += 7)
    {
      double back = dl_time_axis_to_x (axis, dl_time_axis_from_x (axis, x));

      if (back < last - 1e-6 || back < -1e-6 || back > 400 + 1e-6)
        g_error ("the axis runs backwards at x = %g", x);
      last = back;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  DlTime from, to;

  if (!dl_time_range_parse (text, &from, &to, &error))
    {
      if (error == NULL || error->message == NULL || strchr (error->message, '\n') != NULL)
        g_error ("a refusal without a one-line message");
      return 0;
    }
  check_round_trip (&from, &to);
  check_axis (&from, &to);
  return 0;
}
