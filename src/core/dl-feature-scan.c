/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reader's fast path: a feature of the usual kind read from its span of valid JSON
 * without a tree. Anything unusual makes it give up (FALSE), and the tree reader, which
 * says every problem with its place, reads the feature instead. */
#define G_LOG_DOMAIN "dl-story"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-feature-scan.h"

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static inline void
skip_space (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
}

static inline gboolean
at (Cursor *c,
    char    ch)
{
  return c->p < c->end && *c->p == ch;
}

/* A string at the cursor (on its quote). */
static gboolean
scan_string (Cursor       *c,
             DlScanString *out)
{
  const char *start = ++c->p;
  gboolean escaped = FALSE;

  for (;;)
    {
      const char *q = c->p;

      while (q < c->end && *q != '"' && *q != '\\')
        q++;
      if (q >= c->end)
        return FALSE;
      if (*q == '"')
        {
          c->p = q + 1;
          break;
        }
      if (q + 1 >= c->end)
        return FALSE;
      escaped = TRUE;
      c->p = q + 2;
    }
  if (c->p - 1 - start > G_MAXINT32)
    return FALSE;
  out->start = start;
  out->length = c->p - 1 - start;
  out->escaped = escaped;
  return TRUE;
}

/* Past the value at the cursor (valid JSON). */
static gboolean
skip_value (Cursor *c)
{
  int depth = 0;

  while (c->p < c->end)
    {
      char ch = *c->p;

      if (ch == '"')
        {
          c->p++;
          while (c->p < c->end && *c->p != '"')
            c->p += *c->p == '\\' ? 2 : 1;
          if (c->p >= c->end)
            return FALSE;
          c->p++;
          if (depth == 0)
            return TRUE;
          continue;
        }
      if (ch == '{' || ch == '[')
        depth++;
      else if (ch == '}' || ch == ']')
        {
          if (depth == 0)
            return TRUE;
          c->p++;
          if (--depth == 0)
            return TRUE;
          continue;
        }
      else if (depth == 0 && (ch == ',' || ch == ' ' || ch == '\n' || ch == '\t' ||
                              ch == '\r'))
        return TRUE;
      c->p++;
    }
  return depth == 0;
}

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A number at the cursor, valued as the tree reader values it: a whole number as a 64-bit
 * integer (then as a double), any other as g_ascii_strtod() reads it. FALSE for what the
 * tree reader leaves to json-glib (19 characters or more for a whole number). */
static gboolean
scan_number (Cursor  *c,
             double  *value,
             gboolean *integer,
             gint64  *whole)
{
  const char *start = c->p;
  guint64 mantissa = 0;
  guint digits = 0, fraction_digits = 0;
  gboolean negative = at (c, '-'), exponent = FALSE, fraction = FALSE;
  char copy[64];

  if (negative)
    c->p++;
  for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++, digits++)
    if (digits < 19)
      mantissa = mantissa * 10 + (guint64) (*c->p - '0');
  if (at (c, '.'))
    {
      fraction = TRUE;
      for (c->p++; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++, fraction_digits++)
        if (digits + fraction_digits < 19)
          mantissa = mantissa * 10 + (guint64) (*c->p - '0');
    }
  if (at (c, 'e') || at (c, 'E'))
    {
      exponent = TRUE;
      for (c->p++; c->p < c->end && (*c->p == '+' || *c->p == '-' ||
                                     (*c->p >= '0' && *c->p <= '9')); c->p++)
        ;
    }
  if (digits == 0)
    return FALSE;

  *integer = !fraction && !exponent;
  if (*integer)
    {
      /* the tree reader leaves 19 characters or more to json-glib */
      if (c->p - start >= 19)
        return FALSE;
      *whole = negative ? -(gint64) mantissa : (gint64) mantissa;
      *value = (double) *whole;
      return TRUE;
    }

  /* exact: a mantissa below 2^53 divided by an exact power of ten rounds once, as
   * strtod() does */
  if (!exponent && digits + fraction_digits <= 15 && fraction_digits <= 22)
    {
      *value = (double) mantissa / powers_of_ten[fraction_digits];
      if (negative)
        *value = -*value;
      return TRUE;
    }
  if ((gsize) (c->p - start) >= sizeof copy)
    return FALSE;
  memcpy (copy, start, c->p - start);
  copy[c->p - start] = '\0';
  *value = g_ascii_strtod (copy, NULL);
  return TRUE;
}

/* [longitude, latitude, …] of numbers, in degrees within ±180 and ±90. */
static gboolean
scan_position (Cursor   *c,
               DlLonLat *out)
{
  double values[2] = { 0, 0 };
  guint n = 0;

  if (!at (c, '['))
    return FALSE;
  c->p++;
  skip_space (c);
  while (!at (c, ']'))
    {
      double value;
      gboolean integer;
      gint64 whole;

      if (c->p >= c->end || !(*c->p == '-' || (*c->p >= '0' && *c->p <= '9')) ||
          !scan_number (c, &value, &integer, &whole))
        return FALSE;
      if (n < 2)
        values[n] = value;
      n++;
      skip_space (c);
      if (at (c, ','))
        {
          c->p++;
          skip_space (c);
        }
      else if (!at (c, ']'))
        return FALSE;
    }
  c->p++;
  if (n < 2 || !isfinite (values[0]) || !isfinite (values[1]) ||
      fabs (values[0]) > 180 || fabs (values[1]) > 90)
    return FALSE;
  out->lon = values[0];
  out->lat = values[1];
  return TRUE;
}

/* A member name without escapes, the cursor then on its value. */
static gboolean
scan_name (Cursor       *c,
           DlScanString *name)
{
  if (!at (c, '"') || !scan_string (c, name) || name->escaped)
    return FALSE;
  skip_space (c);
  if (!at (c, ':'))
    return FALSE;
  c->p++;
  skip_space (c);
  return TRUE;
}

/* After a member's value: TRUE with the cursor on the next name, or at the end (past the
 * '}', *done set). */
static gboolean
next_member (Cursor   *c,
             gboolean *done)
{
  skip_space (c);
  if (at (c, ','))
    {
      c->p++;
      skip_space (c);
      *done = FALSE;
      return TRUE;
    }
  if (at (c, '}'))
    {
      c->p++;
      *done = TRUE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
name_is (const DlScanString *name,
         const char         *word)
{
  return strlen (word) == name->length && memcmp (name->start, word, name->length) == 0;
}

/* Opens an object at the cursor: FALSE when it is not one, *done when it is empty. */
static gboolean
open_object (Cursor   *c,
             gboolean *done)
{
  if (!at (c, '{'))
    return FALSE;
  c->p++;
  skip_space (c);
  *done = at (c, '}');
  if (*done)
    c->p++;
  return TRUE;
}

static gboolean
scan_geometry (Cursor           *c,
               DlScannedFeature *f)
{
  gboolean done, point = FALSE, coordinates = FALSE;

  if (!open_object (c, &done))
    return FALSE;
  while (!done)
    {
      DlScanString name, value;

      if (!scan_name (c, &name))
        return FALSE;
      if (name_is (&name, "type"))
        {
          if (!at (c, '"') || !scan_string (c, &value) || value.escaped ||
              !name_is (&value, "Point"))
            return FALSE;
          point = TRUE;
        }
      else if (name_is (&name, "coordinates"))
        {
          if (!scan_position (c, &f->point))
            return FALSE;
          coordinates = TRUE;
        }
      else if (!skip_value (c))
        return FALSE;
      if (!next_member (c, &done))
        return FALSE;
    }
  f->has_point = point && coordinates;
  return f->has_point;
}

/* What the story reads of "properties" itself (dl_place_properties_worth_keeping()). */
static const char * const vocabulary[] = {
  "name", "description", "names", "kind", "precision", "label", "mentions", "geonames",
  "suggested", NULL,
};

/* Read elsewhere, with checks of their own: left to the tree reader. */
static const char * const read_elsewhere[] = {
  "names", "label", "mentions", "geonames", "suggested", NULL,
};

static gboolean
in_list (const DlScanString *name,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (name_is (name, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
scan_properties (Cursor           *c,
                 DlScannedFeature *f)
{
  gboolean done;

  if (!open_object (c, &done))
    return FALSE;
  while (!done)
    {
      DlScanString name;
      DlScanString *string = NULL;

      if (!scan_name (c, &name))
        return FALSE;
      if (name_is (&name, "name"))
        string = &f->name;
      else if (name_is (&name, "title"))
        string = &f->title;
      else if (name_is (&name, "kind"))
        string = &f->kind;
      else if (name_is (&name, "description"))
        string = &f->description;
      else if (name_is (&name, "precision"))
        string = &f->precision;
      else if (in_list (&name, read_elsewhere))
        return FALSE;

      if (!in_list (&name, vocabulary))
        f->free_data = TRUE;
      if (string != NULL)
        {
          if (!at (c, '"') || !scan_string (c, string))
            return FALSE;
        }
      else if (!skip_value (c))
        return FALSE;
      if (!next_member (c, &done))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_id (Cursor           *c,
         DlScannedFeature *f)
{
  double value;
  gboolean integer;

  if (at (c, '"'))
    {
      f->id_kind = DL_SCAN_ID_STRING;
      /* an empty id is read as none, or refused: the tree reader says which */
      return scan_string (c, &f->id) && f->id.length > 0;
    }
  if (c->p < c->end && (*c->p == '-' || (*c->p >= '0' && *c->p <= '9')) &&
      scan_number (c, &value, &integer, &f->id_integer) && integer)
    {
      f->id_kind = DL_SCAN_ID_INTEGER;
      return TRUE;
    }
  return FALSE;
}

static gboolean
at_null (Cursor *c)
{
  if (c->end - c->p < 4 || memcmp (c->p, "null", 4) != 0)
    return FALSE;
  c->p += 4;
  return TRUE;
}

gboolean
dl_feature_scan (const char       *text,
                 gsize             length,
                 DlScannedFeature *out)
{
  Cursor c = { text, text + length };
  gboolean done;
  gboolean type = FALSE, geometry = FALSE, properties = FALSE;

  memset (out, 0, sizeof *out);
  skip_space (&c);
  if (!open_object (&c, &done))
    return FALSE;
  while (!done)
    {
      DlScanString name, value;

      if (!scan_name (&c, &name))
        return FALSE;
      if (name_is (&name, "type"))
        {
          if (!at (&c, '"') || !scan_string (&c, &value) || value.escaped ||
              !name_is (&value, "Feature"))
            return FALSE;
          type = TRUE;
        }
      else if (name_is (&name, "id"))
        {
          if (!scan_id (&c, out))
            return FALSE;
        }
      else if (name_is (&name, "geometry"))
        {
          if (!at_null (&c) && !scan_geometry (&c, out))
            return FALSE;
          geometry = TRUE;
        }
      else if (name_is (&name, "properties"))
        {
          const char *start = c.p;

          if (at_null (&c))
            out->has_properties = FALSE;
          else if (!scan_properties (&c, out))
            return FALSE;
          else
            {
              out->has_properties = TRUE;
              out->properties_offset = start - text;
              out->properties_length = c.p - start;
            }
          properties = TRUE;
        }
      else if (!skip_value (&c))
        return FALSE;
      if (!next_member (&c, &done))
        return FALSE;
    }
  skip_space (&c);
  return type && geometry && properties && c.p == c.end;
}

/* The value of the four hex digits at @p (0 for what is not one). */
static gunichar
hex4 (const char *p,
      const char *end)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = p + i < end ? g_ascii_xdigit_value (p[i]) : -1;

      if (digit < 0)
        return 0;
      value = value * 16 + (gunichar) digit;
    }
  return value;
}

char *
dl_scan_string_dup (const DlScanString *string)
{
  const char *end;
  char *copy, *out;

  if (string->start == NULL)
    return NULL;
  end = string->start + string->length;
  if (!string->escaped)
    return g_strndup (string->start, string->length);

  /* an escape is never shorter than what it stands for */
  out = copy = g_malloc (string->length + 1);
  for (const char *p = string->start; p < end; p++)
    {
      if (*p != '\\' || p + 1 >= end)
        {
          *out++ = *p;
          continue;
        }
      switch (*++p)
        {
        case 'u':
          {
            /* valid JSON (dl_json_validate()): four hex digits, a high surrogate followed by
             * a low one; \u0000 was replaced by \uFFFD before */
            gunichar u = hex4 (p + 1, end);

            p += 4;
            if (u >= 0xD800 && u <= 0xDBFF && p + 6 < end && p[1] == '\\' && p[2] == 'u')
              {
                u = 0x10000 + ((u - 0xD800) << 10) + (hex4 (p + 3, end) - 0xDC00);
                p += 6;
              }
            out += g_unichar_to_utf8 (u, out);
          }
          break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        default: *out++ = *p; break;  /* \" \\ \/ */
        }
    }
  *out = '\0';
  return copy;
}

gboolean
dl_scan_string_equal (const DlScanString *string,
                      const char         *text)
{
  g_autofree char *copy = NULL;

  if (string->start == NULL)
    return TRUE;
  if (!string->escaped)
    return strlen (text) == string->length &&
           memcmp (string->start, text, string->length) == 0;
  copy = dl_scan_string_dup (string);
  return g_str_equal (copy, text);
}
