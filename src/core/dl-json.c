/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-json"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-json-private.h"

typedef struct
{
  const char *p;
  const char *end;
  int         line;
  int         column;
  /* the error, when there is one */
  DlStoryError code;
  int         error_line;
  int         error_column;
  char       *message;
} Scan;

static void
scan_init (Scan       *s,
           const char *text,
           gsize       length)
{
  memset (s, 0, sizeof *s);
  s->p = text;
  s->end = text + length;
  s->line = 1;
  s->column = 1;
}

static inline void
advance (Scan *s)
{
  unsigned char c = (unsigned char) *s->p++;

  if (c == '\n')
    {
      s->line++;
      s->column = 1;
    }
  else if ((c & 0xC0) != 0x80)
    {
      /* a continuation byte is part of the character already counted */
      s->column++;
    }
}

static inline int
peek (Scan *s)
{
  return s->p < s->end ? (unsigned char) *s->p : -1;
}

static inline void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    advance (s);
}

G_GNUC_PRINTF (3, 4)
static gboolean
scan_error (Scan         *s,
            DlStoryError  code,
            const char   *format,
            ...)
{
  va_list args;

  if (s->message != NULL)
    return FALSE;

  va_start (args, format);
  s->message = g_strdup_vprintf (format, args);
  va_end (args);
  s->code = code;
  s->error_line = s->line;
  s->error_column = s->column;
  return FALSE;
}

static char *
describe_here (Scan *s)
{
  gunichar c;

  if (s->p >= s->end)
    return g_strdup (_("the end of the file"));

  c = g_utf8_get_char (s->p);
  if (c < 0x20)
    return g_strdup_printf (_("control character U+%04X"), c);
  else
    {
      char buf[8] = { 0 };

      g_unichar_to_utf8 (c, buf);
      return g_strdup_printf ("‘%s’", buf);
    }
}

static gboolean
unexpected (Scan       *s,
            const char *expected)
{
  g_autofree char *here = describe_here (s);

  /* TRANSLATORS: "expected a value, found ‘}’" */
  return scan_error (s, DL_STORY_ERROR_PARSE, _("not valid JSON: expected %s, found %s"),
                     expected, here);
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return unexpected (s, _("a value"));
  for (gsize i = 0; i < n; i++)
    advance (s);
  return TRUE;
}

static gboolean
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

/* Past a run of ASCII digits. */
static inline void
skip_digits (Scan *s)
{
  const char *p = s->p;

  while (p < s->end && is_digit (*p))
    p++;
  s->column += p - s->p;
  s->p = p;
}

static gboolean
scan_number (Scan *s)
{
  const char *start = s->p;
  int line = s->line, column = s->column;
  g_autofree char *copy = NULL;
  gboolean fraction = FALSE, exponent = FALSE;
  gsize digits;
  double value;

  if (peek (s) == '-')
    advance (s);
  if (peek (s) == '0')
    advance (s);
  else if (is_digit (peek (s)))
    skip_digits (s);
  else
    return unexpected (s, _("a digit"));
  digits = s->p - start - (*start == '-');

  if (peek (s) == '.')
    {
      fraction = TRUE;
      advance (s);
      if (!is_digit (peek (s)))
        return unexpected (s, _("a digit"));
      skip_digits (s);
    }
  if (peek (s) == 'e' || peek (s) == 'E')
    {
      exponent = TRUE;
      advance (s);
      if (peek (s) == '+' || peek (s) == '-')
        advance (s);
      if (!is_digit (peek (s)))
        return unexpected (s, _("a digit"));
      skip_digits (s);
    }

  /* what cannot be too large needs no reading (made for every number of a big file): a
   * whole number of up to 18 digits, or one with fewer than 300 before its point and no
   * exponent */
  if ((!fraction && !exponent && digits < 19) || (fraction && !exponent && digits < 300))
    return TRUE;

  copy = g_strndup (start, s->p - start);
  if (!fraction && !exponent)
    {
      /* json-glib reads whole numbers as 64-bit integers and wraps larger ones */
      errno = 0;
      g_ascii_strtoll (copy, NULL, 10);
      if (errno == ERANGE)
        {
          s->line = line;
          s->column = column;
          return scan_error (s, DL_STORY_ERROR_PARSE,
                             _("the whole number %s is too large to be kept exactly "
                               "(write it with a decimal point or as a string)"), copy);
        }
    }
  value = g_ascii_strtod (copy, NULL);
  if (!isfinite (value))
    {
      s->line = line;
      s->column = column;
      return scan_error (s, DL_STORY_ERROR_PARSE,
                         _("the number %s is too large to be represented"), copy);
    }
  return TRUE;
}

static gboolean
read_hex4 (Scan     *s,
           gunichar *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int c = peek (s);

      if (!g_ascii_isxdigit (c))
        return unexpected (s, _("a hexadecimal digit"));
      value = value * 16 + g_ascii_xdigit_value (c);
      advance (s);
    }
  *out = value;
  return TRUE;
}

static gboolean
scan_string (Scan *s)
{
  advance (s); /* the opening quote */

  for (;;)
    {
      const char *p = s->p;
      int counted = s->column;
      int c;

      /* the usual run of plain characters (no line break among them), counted at once */
      while (p < s->end && (unsigned char) *p >= 0x20 && *p != '"' && *p != '\\')
        counted += (*p++ & 0xC0) != 0x80;
      s->p = p;
      s->column = counted;
      c = peek (s);

      if (c == -1)
        return scan_error (s, DL_STORY_ERROR_PARSE,
                           _("not valid JSON: the string is not closed"));
      if (c == '"')
        {
          advance (s);
          return TRUE;
        }
      if (c == '\n' || c == '\r')
        return scan_error (s, DL_STORY_ERROR_PARSE,
                           _("not valid JSON: a line break inside a string (is the string "
                             "not closed? a line break in text is written \\n)"));
      if (c < 0x20)
        return scan_error (s, DL_STORY_ERROR_PARSE,
                           _("not valid JSON: control character U+%04X in a string "
                             "(write it as an escape such as \\t)"), (guint) c);
      if (c == '\\')
        {
          advance (s);
          c = peek (s);
          if (c == 'u')
            {
              gunichar u;
              int line = s->line, column = s->column - 1;

              advance (s);
              if (!read_hex4 (s, &u))
                return FALSE;
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  gunichar low = 0;

                  if (peek (s) != '\\' || s->p + 1 >= s->end || s->p[1] != 'u')
                    {
                      s->line = line;
                      s->column = column;
                      return scan_error (s, DL_STORY_ERROR_PARSE,
                                         _("not valid JSON: unpaired surrogate escape"));
                    }
                  advance (s);
                  advance (s);
                  if (!read_hex4 (s, &low))
                    return FALSE;
                  if (low < 0xDC00 || low > 0xDFFF)
                    {
                      s->line = line;
                      s->column = column;
                      return scan_error (s, DL_STORY_ERROR_PARSE,
                                         _("not valid JSON: unpaired surrogate escape"));
                    }
                }
              else if (u >= 0xDC00 && u <= 0xDFFF)
                {
                  s->line = line;
                  s->column = column;
                  return scan_error (s, DL_STORY_ERROR_PARSE,
                                     _("not valid JSON: unpaired surrogate escape"));
                }
            }
          else if (c != -1 && strchr ("\"\\/bfnrt", c) != NULL)
            advance (s);
          else
            return unexpected (s, _("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)"));
        }
      else
        advance (s);
    }
}

/* The member names of one object, to find duplicates: json-glib would keep only the last
 * one, and saving would lose the others. Names are compared as written (escapes and
 * all), without copies for the usual small objects. */
#define FEW_NAMES 16
typedef struct
{
  const char *start[FEW_NAMES];
  gsize       length[FEW_NAMES];
  GHashTable *many;
} Names;

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->many, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Names, names_clear)

/* @at is the scan position of the name's opening quote, @s just after its closing one. */
static gboolean
remember_name (Scan   *s,
               Scan   *at,
               Names  *names,
               guint   index)
{
  const char *start = at->p + 1;
  gsize length = s->p - at->p - 2;
  gboolean duplicate = FALSE;

  if (index < FEW_NAMES)
    {
      for (guint i = 0; i < index && !duplicate; i++)
        duplicate = names->length[i] == length && memcmp (names->start[i], start, length) == 0;
      names->start[index] = start;
      names->length[index] = length;
    }
  else
    {
      g_autofree char *key = g_strndup (start, length);

      if (names->many == NULL)
        {
          names->many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < FEW_NAMES; i++)
            g_hash_table_add (names->many, g_strndup (names->start[i], names->length[i]));
        }
      duplicate = !g_hash_table_add (names->many, g_steal_pointer (&key));
    }

  if (duplicate)
    {
      g_autofree char *name = g_strndup (start, length);

      s->line = at->line;
      s->column = at->column;
      return scan_error (s, DL_STORY_ERROR_PARSE,
                         _("the member “%s” appears twice in this object (JSON members "
                           "must be unique)"), name);
    }
  return TRUE;
}

static gboolean scan_value (Scan  *s,
                            guint  depth,
                            guint  max_depth);

static gboolean
scan_container (Scan  *s,
                guint  depth,
                guint  max_depth)
{
  gboolean object = peek (s) == '{';
  int close = object ? '}' : ']';
  /* only the hash table needs clearing: the first names are written before they are read,
   * and this runs for every object and array of the file */
  g_auto(Names) names;

  names.many = NULL;

  if (depth >= max_depth)
    return scan_error (s, DL_STORY_ERROR_TOO_LARGE,
                       _("nested deeper than %u levels"), max_depth);

  advance (s);
  skip_space (s);
  if (peek (s) == close)
    {
      advance (s);
      return TRUE;
    }

  for (guint n_members = 0;; n_members++)
    {
      if (object)
        {
          Scan at = *s;

          if (peek (s) != '"')
            return unexpected (s, _("a member name in double quotes"));
          if (!scan_string (s))
            return FALSE;
          if (!remember_name (s, &at, &names, n_members))
            return FALSE;
          skip_space (s);
          if (peek (s) != ':')
            return unexpected (s, _("‘:’ after the member name"));
          advance (s);
        }

      if (!scan_value (s, depth + 1, max_depth))
        return FALSE;

      skip_space (s);
      if (peek (s) == ',')
        {
          advance (s);
          skip_space (s);
          if (peek (s) == close)
            return unexpected (s, object ? _("a member after ‘,’") : _("a value after ‘,’"));
          continue;
        }
      if (peek (s) == close)
        {
          advance (s);
          return TRUE;
        }
      return unexpected (s, object ? _("‘,’ or ‘}’") : _("‘,’ or ‘]’"));
    }
}

static gboolean
scan_value (Scan  *s,
            guint  depth,
            guint  max_depth)
{
  int c;

  skip_space (s);
  c = peek (s);
  switch (c)
    {
    case '{':
    case '[':
      return scan_container (s, depth, max_depth);
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    case '/':
      return scan_error (s, DL_STORY_ERROR_PARSE,
                         _("not valid JSON: JSON does not allow comments"));
    default:
      if (c == '-' || is_digit (c))
        return scan_number (s);
      return unexpected (s, _("a value"));
    }
}

gboolean
dl_json_validate (const char    *text,
                  gsize          length,
                  guint          max_depth,
                  DlStoryError  *code,
                  int           *line,
                  int           *column,
                  char         **message)
{
  Scan s;

  scan_init (&s, text, length);
  if (scan_value (&s, 0, max_depth))
    {
      skip_space (&s);
      if (s.p == s.end)
        return TRUE;
      scan_error (&s, DL_STORY_ERROR_PARSE,
                  _("not valid JSON: more text after the end of the document"));
    }

  *code = s.code;
  *line = s.error_line;
  *column = s.error_column;
  *message = s.message;
  return FALSE;
}

/* Locating paths in valid JSON */

static void
skip_string (Scan *s)
{
  advance (s);
  while (s->p < s->end && *s->p != '"')
    {
      if (*s->p == '\\')
        advance (s);
      advance (s);
    }
  if (s->p < s->end)
    advance (s);
}

static void
skip_value (Scan *s)
{
  int depth = 0;

  skip_space (s);
  for (;;)
    {
      int c = peek (s);

      if (c == -1)
        return;
      if (c == '"')
        {
          skip_string (s);
          if (depth == 0)
            return;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return;
          depth--;
          advance (s);
          if (depth == 0)
            return;
          continue;
        }
      else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r'))
        return;
      advance (s);
    }
}

/* Reads a member name (valid JSON) and unescapes it. */
static char *
read_name (Scan *s)
{
  GString *name = g_string_new (NULL);

  advance (s);
  while (s->p < s->end && *s->p != '"')
    {
      if (*s->p == '\\')
        {
          advance (s);
          switch (peek (s))
            {
            case 'n': g_string_append_c (name, '\n'); break;
            case 't': g_string_append_c (name, '\t'); break;
            case 'r': g_string_append_c (name, '\r'); break;
            case 'b': g_string_append_c (name, '\b'); break;
            case 'f': g_string_append_c (name, '\f'); break;
            case 'u':
              {
                gunichar u = 0;

                advance (s);
                for (int i = 0; i < 4 && s->p < s->end; i++)
                  {
                    u = u * 16 + g_ascii_xdigit_value (*s->p);
                    if (i < 3)
                      advance (s);
                  }
                /* a surrogate pair (valid JSON pairs them) is one character */
                if (u >= 0xD800 && u <= 0xDBFF && s->p + 6 < s->end && s->p[1] == '\\' &&
                    s->p[2] == 'u')
                  {
                    gunichar low = 0;

                    advance (s);
                    advance (s);
                    for (int i = 0; i < 4 && s->p + 1 < s->end; i++)
                      {
                        advance (s);
                        low = low * 16 + g_ascii_xdigit_value (*s->p);
                      }
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  }
                g_string_append_unichar (name, u);
              }
              break;
            default:
              g_string_append_c (name, *s->p);
              break;
            }
          advance (s);
        }
      else
        {
          g_string_append_c (name, *s->p);
          advance (s);
        }
    }
  if (s->p < s->end)
    advance (s);
  return g_string_free (name, FALSE);
}

/* Moves into member @name of the object at the cursor; FALSE (cursor unchanged) when there
 * is none. */
static gboolean
enter_member (Scan       *s,
              const char *name)
{
  Scan save = *s;

  if (peek (s) != '{')
    return FALSE;
  advance (s);
  skip_space (s);
  while (peek (s) == '"')
    {
      g_autofree char *key = read_name (s);

      skip_space (s);
      advance (s); /* ':' */
      skip_space (s);
      if (g_strcmp0 (key, name) == 0)
        return TRUE;
      skip_value (s);
      skip_space (s);
      if (peek (s) != ',')
        break;
      advance (s);
      skip_space (s);
    }
  *s = save;
  return FALSE;
}

static gboolean
enter_element (Scan  *s,
               guint  index)
{
  Scan save = *s;

  if (peek (s) != '[')
    return FALSE;
  advance (s);
  skip_space (s);
  if (peek (s) == ']')
    {
      *s = save;
      return FALSE;
    }
  for (guint i = 0; i < index; i++)
    {
      skip_value (s);
      skip_space (s);
      if (peek (s) != ',')
        {
          *s = save;
          return FALSE;
        }
      advance (s);
      skip_space (s);
    }
  return TRUE;
}

/* The end of the value of valid JSON that starts at @p (no line counting: a fast pass). */
static const char *
value_end (const char *p,
           const char *end)
{
  int depth = 0;

  while (p < end)
    {
      char c = *p;

      if (c == '"')
        {
          /* to the next quote not escaped: one before an odd run of backslashes is */
          for (p++;;)
            {
              const char *quote = memchr (p, '"', end - p);
              const char *q;

              if (quote == NULL)
                return end;
              for (q = quote; q > p && q[-1] == '\\'; q--)
                ;
              p = quote + 1;
              if ((quote - q) % 2 == 0)
                break;
            }
          if (depth == 0)
            return p;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return p;
          if (--depth == 0)
            return p + 1;
        }
      else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r'))
        return p;
      p++;
    }
  return end;
}

static const char *
space_end (const char *p,
           const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* Past the array at @p (valid JSON), appending the span of each element (offsets into
 * @text) to @elements. */
static const char *
split_array (const char *text,
             const char *p,
             const char *end,
             GArray     *elements)
{
  p = space_end (p + 1, end);
  while (p < end && *p != ']')
    {
      DlJsonSpan span;
      const char *start = p;

      p = value_end (p, end);
      span.offset = start - text;
      span.length = p - start;
      g_array_append_val (elements, span);
      p = space_end (p, end);
      if (p < end && *p == ',')
        p = space_end (p + 1, end);
    }
  return p < end ? p + 1 : end;
}

gboolean
dl_json_children_split (const char *text,
                        gsize       length,
                        GPtrArray  *names,
                        GArray     *spans,
                        const char *split,
                        GArray     *elements)
{
  const char *end = text + length;
  const char *p = space_end (text, end);
  gboolean split_done = FALSE;

  g_return_val_if_fail (names != NULL, FALSE);

  if (p == end || *p != '{')
    return FALSE;
  p = space_end (p + 1, end);
  while (p < end && *p != '}')
    {
      DlJsonSpan span;
      const char *value_start;
      Scan s;

      scan_init (&s, p, end - p);
      g_ptr_array_add (names, read_name (&s));
      p = space_end (s.p, end);
      p = space_end (p + 1, end);  /* ':' */
      value_start = p;
      /* the last member of that name, as json-glib keeps */
      if (p < end && *p == '[' && g_str_equal (names->pdata[names->len - 1], split))
        {
          if (split_done)
            g_array_set_size (elements, 0);
          p = split_array (text, p, end, elements);
          split_done = TRUE;
        }
      else
        p = value_end (p, end);
      span.offset = value_start - text;
      span.length = p - value_start;
      g_array_append_val (spans, span);
      p = space_end (p, end);
      if (p < end && *p == ',')
        p = space_end (p + 1, end);
    }
  return TRUE;
}

gboolean
dl_json_children (const char *text,
                  gsize       length,
                  GPtrArray  *names,
                  GArray     *spans)
{
  const char *end = text + length;
  const char *p = space_end (text, end);
  gboolean object;

  if (p == end || (*p != '{' && *p != '['))
    return FALSE;
  object = *p == '{';
  p = space_end (p + 1, end);
  while (p < end && *p != '}' && *p != ']')
    {
      DlJsonSpan span;
      const char *value_start;

      if (object)
        {
          Scan s;

          scan_init (&s, p, end - p);
          if (names != NULL)
            g_ptr_array_add (names, read_name (&s));
          else
            skip_string (&s);
          p = space_end (s.p, end);
          p = space_end (p + 1, end);  /* ':' */
        }
      value_start = p;
      p = value_end (p, end);
      span.offset = value_start - text;
      span.length = p - value_start;
      g_array_append_val (spans, span);
      p = space_end (p, end);
      if (p < end && *p == ',')
        p = space_end (p + 1, end);
    }
  return TRUE;
}

/* Building a tree from valid JSON directly: json-glib's scanner costs most of a load. */

typedef struct
{
  const char *p;
  const char *end;
  GString    *buffer;
} Build;

static JsonNode *build_value (Build *b);

/* A string's contents (the cursor on its opening quote), in b->buffer until the next
 * string; NULL for what json-glib must read (a \u escape: surrogate pairs and U+0000 are
 * json-glib's to decide). */
static const char *
build_string (Build *b)
{
  const char *start = ++b->p;

  while (b->p < b->end && *b->p != '"' && *b->p != '\\')
    b->p++;
  g_string_truncate (b->buffer, 0);
  g_string_append_len (b->buffer, start, b->p - start);
  while (b->p < b->end && *b->p != '"')
    {
      if (*b->p != '\\')
        {
          g_string_append_c (b->buffer, *b->p++);
          continue;
        }
      if (b->p + 1 >= b->end)
        return NULL;
      switch (b->p[1])
        {
        case '"': g_string_append_c (b->buffer, '"'); break;
        case '\\': g_string_append_c (b->buffer, '\\'); break;
        case '/': g_string_append_c (b->buffer, '/'); break;
        case 'b': g_string_append_c (b->buffer, '\b'); break;
        case 'f': g_string_append_c (b->buffer, '\f'); break;
        case 'n': g_string_append_c (b->buffer, '\n'); break;
        case 'r': g_string_append_c (b->buffer, '\r'); break;
        case 't': g_string_append_c (b->buffer, '\t'); break;
        default: return NULL;
        }
      b->p += 2;
    }
  if (b->p >= b->end)
    return NULL;
  b->p++;
  return b->buffer->str;
}

static JsonNode *
build_number (Build *b)
{
  const char *start = b->p;
  gboolean integer = TRUE;
  char number[64];
  JsonNode *node;

  while (b->p < b->end && (is_digit (*b->p) || *b->p == '-' || *b->p == '+' ||
                           *b->p == '.' || *b->p == 'e' || *b->p == 'E'))
    {
      integer = integer && (is_digit (*b->p) || *b->p == '-');
      b->p++;
    }
  /* long numbers: json-glib's reading, whatever it is, is the reference */
  if ((gsize) (b->p - start) >= (integer ? 19 : sizeof number))
    return NULL;
  memcpy (number, start, b->p - start);
  number[b->p - start] = '\0';
  node = json_node_alloc ();
  if (integer)
    json_node_init_int (node, g_ascii_strtoll (number, NULL, 10));
  else
    json_node_init_double (node, g_ascii_strtod (number, NULL));
  return node;
}

static JsonNode *
build_container (Build *b)
{
  gboolean object = *b->p == '{';
  JsonObject *members = object ? json_object_new () : NULL;
  JsonArray *elements = object ? NULL : json_array_new ();
  JsonNode *node = json_node_alloc ();

  if (object)
    json_node_init_object (node, members);
  else
    json_node_init_array (node, elements);
  if (object)
    json_object_unref (members);
  else
    json_array_unref (elements);

  b->p = space_end (b->p + 1, b->end);
  while (b->p < b->end && *b->p != '}' && *b->p != ']')
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      if (object)
        {
          const char *read = *b->p == '"' ? build_string (b) : NULL;

          if (read == NULL)
            goto fail;
          name = g_strdup (read);
          b->p = space_end (b->p, b->end);
          b->p = space_end (b->p + 1, b->end);  /* ':' */
        }
      value = build_value (b);
      if (value == NULL)
        goto fail;
      if (object)
        json_object_set_member (members, name, value);
      else
        json_array_add_element (elements, value);
      b->p = space_end (b->p, b->end);
      if (b->p < b->end && *b->p == ',')
        b->p = space_end (b->p + 1, b->end);
    }
  if (b->p >= b->end)
    goto fail;
  b->p++;
  return node;

fail:
  json_node_unref (node);
  return NULL;
}

static JsonNode *
build_value (Build *b)
{
  JsonNode *node;
  const char *string;

  if (b->p >= b->end)
    return NULL;
  switch (*b->p)
    {
    case '{':
    case '[':
      return build_container (b);
    case '"':
      string = build_string (b);
      if (string == NULL)
        return NULL;
      return json_node_init_string (json_node_alloc (), string);
    case 't':
    case 'f':
      node = json_node_init_boolean (json_node_alloc (), *b->p == 't');
      b->p += *b->p == 't' ? 4 : 5;
      return node;
    case 'n':
      b->p += 4;
      return json_node_init_null (json_node_alloc ());
    default:
      return build_number (b);
    }
}

JsonNode *
dl_json_build (const char *text,
               gsize       length)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  Build b = { text, text + length, buffer };
  JsonNode *node;

  b.p = space_end (b.p, b.end);
  node = build_value (&b);
  if (node != NULL && space_end (b.p, b.end) != b.end)
    g_clear_pointer (&node, json_node_unref);
  return node;
}

void
dl_json_locate (const char *text,
                gsize       length,
                const char *path,
                int        *line,
                int        *column)
{
  Scan s;
  const char *p = path;

  scan_init (&s, text, length);
  skip_space (&s);

  while (p != NULL && *p != '\0')
    {
      if (*p == '[')
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (end == NULL || *end != ']' || !enter_element (&s, (guint) index))
            break;
          p = end + 1;
        }
      else
        {
          const char *stop;
          g_autofree char *name = NULL;

          if (*p == '.')
            p++;
          stop = p + strcspn (p, ".[");
          name = g_strndup (p, stop - p);
          if (!enter_member (&s, name))
            break;
          p = stop;
        }
    }

  *line = s.line;
  *column = s.column;
}

typedef struct
{
  GHashTable *wanted;    /* path → GArray of indices into the results */
  GHashTable *prefixes;  /* every wanted path and its ancestors */
  int        *lines;
  int        *columns;
} Walk;

static void
walk_value (Scan    *s,
            GString *path,
            Walk    *w)
{
  GArray *indices;
  gsize length = path->len;

  skip_space (s);
  indices = g_hash_table_lookup (w->wanted, path->str);
  if (indices != NULL)
    for (guint i = 0; i < indices->len; i++)
      {
        /* the last of duplicate members wins, as in json-glib */
        w->lines[g_array_index (indices, guint, i)] = s->line;
        w->columns[g_array_index (indices, guint, i)] = s->column;
      }

  if (peek (s) == '{')
    {
      advance (s);
      skip_space (s);
      while (peek (s) == '"')
        {
          g_autofree char *key = read_name (s);

          skip_space (s);
          advance (s); /* ':' */
          if (length > 0)
            g_string_append_c (path, '.');
          g_string_append (path, key);
          if (g_hash_table_contains (w->prefixes, path->str))
            walk_value (s, path, w);
          else
            skip_value (s);
          g_string_truncate (path, length);
          skip_space (s);
          if (peek (s) != ',')
            break;
          advance (s);
          skip_space (s);
        }
      if (peek (s) == '}')
        advance (s);
    }
  else if (peek (s) == '[')
    {
      advance (s);
      skip_space (s);
      for (guint i = 0; peek (s) != ']' && peek (s) != -1; i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (g_hash_table_contains (w->prefixes, path->str))
            walk_value (s, path, w);
          else
            skip_value (s);
          g_string_truncate (path, length);
          skip_space (s);
          if (peek (s) != ',')
            break;
          advance (s);
          skip_space (s);
        }
      if (peek (s) == ']')
        advance (s);
    }
  else
    skip_value (s);
}

void
dl_json_locate_many (const char         *text,
                     gsize               length,
                     const char * const *paths,
                     guint               n_paths,
                     int                *lines,
                     int                *columns)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Walk w;
  Scan s;

  w.wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) g_array_unref);
  w.prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.lines = lines;
  w.columns = columns;

  for (guint i = 0; i < n_paths; i++)
    {
      GArray *indices = g_hash_table_lookup (w.wanted, paths[i]);

      lines[i] = columns[i] = 0;
      if (indices == NULL)
        {
          indices = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (w.wanted, (gpointer) paths[i], indices);
        }
      g_array_append_val (indices, i);

      g_hash_table_add (w.prefixes, g_strdup (paths[i]));
      for (const char *p = paths[i]; *p != '\0'; p++)
        if (*p == '.' || *p == '[')
          g_hash_table_add (w.prefixes, g_strndup (paths[i], p - paths[i]));
    }

  scan_init (&s, text, length);
  walk_value (&s, path, &w);

  /* paths that were not found: the deepest value that was */
  for (guint i = 0; i < n_paths; i++)
    if (lines[i] == 0)
      dl_json_locate (text, length, paths[i], &lines[i], &columns[i]);

  g_hash_table_unref (w.wanted);
  g_hash_table_unref (w.prefixes);
}

/* Writing */

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  gboolean fixed = fabs (value) >= 1e-4 && fabs (value) < 1e15;

  /* "-0" would read back as the integer 0 and lose its sign */
  if (value == 0 && signbit (value))
    {
      g_string_append (out, "-0.0");
      return;
    }

  /* the shortest text that reads back as the same double, in fixed notation for the
   * numbers of a map (37.6178, not 3.76178e+01) */
  for (int precision = fixed ? 0 : 1; precision <= (fixed ? 21 : 17); precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, fixed ? "%%.%df" : "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static gboolean
is_scalar (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node);
}

static void
append_indent (GString *out,
               guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean flat = TRUE;

        for (guint i = 0; i < n && flat; i++)
          flat = is_scalar (json_array_get_element (array, i));
        /* coordinates and other short lists of scalars stay on one line */
        flat = flat && n <= 16;

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (flat)
              {
                if (i > 0)
                  g_string_append_c (out, ' ');
              }
            else
              append_indent (out, level + 1);
            append_node (out, json_array_get_element (array, i), level + 1);
          }
        if (!flat && n > 0)
          append_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_indent (out, level + 1);
            append_string (out, name);
            g_string_append (out, ": ");
            append_node (out, member, level + 1);
          }
        if (!first)
          append_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
dl_json_write (JsonNode *root,
               gsize    *length)
{
  GString *out = g_string_new (NULL);

  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
