/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dl-gazetteer-compile: compiles the gazetteer's sources (data/gazetteer/) into the binary
 * that Dateline reads in place (format: src/core/dl-gazetteer-format.h).
 *
 *   dl-gazetteer-compile OUT PLACES.tsv[.gz]... [--aliases ALIASES.tsv]... [--words WORDS]
 *
 * PLACES: one place a line, tab-separated (see tools/gazetteer-prepare.py):
 *   geonames_id name kind feature_code country_code admin1 population lat lon
 *   name_ar name_es alt_names adjectives
 * ALIASES: "name<TAB>target<TAB>flags", target an ISO country code (the country or
 * territory) or "gn:ID" (a GeoNames id); flags "adj" (a demonym) or "abbr" (written in
 * capitals only). Lines starting with '#' are comments.
 * WORDS: a dictionary, one word a line (/usr/share/dict/american-english); its words in
 * lower case are kept as the common words. */

#include <errno.h>
#include <gio/gio.h>
#include <glib/gprintf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl-gazetteer-format.h"
#include "dl-gazetteer.h"

typedef struct
{
  gint64   geonames_id;
  guint64  population;
  gint32   lat_e5, lon_e5;
  char    *field[8];  /* name kind feature_code country_code country_name admin1 ar es */
  guint32  rank;
} Entry;

enum { F_NAME, F_KIND, F_CODE, F_CC, F_COUNTRY, F_ADMIN1, F_AR, F_ES };

typedef struct
{
  char    *folded;
  guint32  entry;
  guint32  flags;
  guint32  rank;
} Name;

typedef struct
{
  GArray     *entries;  /* Entry */
  GArray     *names;    /* Name */
  GByteArray *pool;
  GHashTable *offsets;  /* string → offset + 1 */
} Compiler;

static G_NORETURN void die (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  exit (1);
}

static guint32
intern (Compiler   *c,
        const char *s)
{
  gpointer found;
  guint32 offset;

  if (s == NULL || s[0] == '\0')
    return 0;
  found = g_hash_table_lookup (c->offsets, s);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  offset = c->pool->len;
  g_byte_array_append (c->pool, (const guint8 *) s, strlen (s) + 1);
  g_hash_table_insert (c->offsets, g_strdup (s), GUINT_TO_POINTER (offset + 1));
  return offset;
}

static guint32
rank_of (const Entry *e)
{
  const char *code = e->field[F_CODE];
  guint64 pop = MIN (e->population, 99999999);

  if (g_str_equal (code, "PCLI"))
    return 1900000000 + pop;
  if (g_str_equal (code, "PCLD") || g_str_equal (code, "TERR"))
    return 1800000000 + pop;
  if (g_str_equal (code, "CONT"))
    return 1700000000;
  if (g_str_equal (code, "PPLC"))
    return 1500000000 + pop;
  if (g_str_equal (code, "ADM1"))
    return 1400000000 + pop;
  if (g_str_equal (e->field[F_KIND], "city"))
    return MIN (e->population, 1200000000);
  return 1300000000;
}

static void
add_name (Compiler   *c,
          guint32     entry,
          const char *name,
          guint32     flags)
{
  Name n;

  if (name == NULL || name[0] == '\0')
    return;
  n.folded = dl_gazetteer_fold (name, -1);
  if (n.folded[0] == '\0')
    {
      g_free (n.folded);
      return;
    }
  n.entry = entry;
  n.flags = flags;
  n.rank = 0;
  g_array_append_val (c->names, n);
}

static gboolean
is_abbreviation (const char *s)
{
  gsize len = strlen (s);

  if (len < 2 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static GInputStream *
open_input (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = G_INPUT_STREAM (g_file_read (file, NULL, &error));

  if (in == NULL)
    die ("%s: %s", path, error->message);
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      return g_converter_input_stream_new (in, G_CONVERTER (z));
    }
  return g_steal_pointer (&in);
}

static double
parse_double (const char *s,
              const char *path,
              guint       line)
{
  char *end;
  double v = g_ascii_strtod (s, &end);

  if (end == s || *end != '\0' || !isfinite (v))
    die ("%s:%u: not a number: \"%s\"", path, line, s);
  return v;
}

static gint64
parse_int (const char *s,
           const char *path,
           guint       line)
{
  char *end;
  gint64 v;

  errno = 0;
  v = g_ascii_strtoll (s, &end, 10);
  if (end == s || *end != '\0' || errno != 0 || v < 0)
    die ("%s:%u: not a count: \"%s\"", path, line, s);
  return v;
}

static void
read_places (Compiler   *c,
             const char *path)
{
  g_autoptr(GInputStream) in = open_input (path);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GError) error = NULL;
  guint line_no = 0;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error)) != NULL)
    {
      g_auto(GStrv) f = NULL;
      g_auto(GStrv) alts = NULL;
      g_auto(GStrv) adjs = NULL;
      Entry e = { 0 };
      guint32 index = c->entries->len;
      double lat, lon;

      line_no++;
      if (line[0] == '#' || line[0] == '\0' || (line_no == 1 && !g_ascii_isdigit (line[0])))
        {
          g_free (line);
          continue;
        }
      f = g_strsplit (line, "\t", -1);
      g_free (line);
      if (g_strv_length (f) != 13)
        die ("%s:%u: %u fields, expected 13", path, line_no, g_strv_length (f));
      e.geonames_id = parse_int (f[0], path, line_no);
      e.population = parse_int (f[6], path, line_no);
      lat = parse_double (f[7], path, line_no);
      lon = parse_double (f[8], path, line_no);
      if (fabs (lat) > 90 || fabs (lon) > 180)
        die ("%s:%u: coordinates out of range", path, line_no);
      e.lat_e5 = (gint32) lround (lat * 1e5);
      e.lon_e5 = (gint32) lround (lon * 1e5);
      e.field[F_NAME] = g_strdup (f[1]);
      e.field[F_KIND] = g_strdup (f[2]);
      e.field[F_CODE] = g_strdup (f[3]);
      e.field[F_CC] = g_strdup (f[4]);
      e.field[F_COUNTRY] = g_strdup ("");
      e.field[F_ADMIN1] = g_strdup (f[5]);
      e.field[F_AR] = g_strdup (f[9]);
      e.field[F_ES] = g_strdup (f[10]);
      if (f[1][0] == '\0' || f[2][0] == '\0')
        die ("%s:%u: a place needs a name and a kind", path, line_no);
      e.rank = rank_of (&e);
      g_array_append_val (c->entries, e);

      add_name (c, index, f[1], DL_GAZETTEER_NAME_MAIN);
      add_name (c, index, f[9], 0);
      add_name (c, index, f[10], 0);
      alts = g_strsplit (f[11], "|", -1);
      for (guint i = 0; alts[i] != NULL; i++)
        add_name (c, index, alts[i], is_abbreviation (alts[i]) ? DL_GAZETTEER_NAME_ABBREV : 0);
      adjs = g_strsplit (f[12], "|", -1);
      for (guint i = 0; adjs[i] != NULL; i++)
        add_name (c, index, adjs[i], DL_GAZETTEER_NAME_ADJECTIVAL);
    }
  if (error != NULL)
    die ("%s:%u: %s", path, line_no + 1, error->message);
}

static void
read_aliases (Compiler   *c,
              GHashTable *by_country,
              const char *path)
{
  g_autoptr(GInputStream) in = open_input (path);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GError) error = NULL;
  guint line_no = 0;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error)) != NULL)
    {
      g_auto(GStrv) f = NULL;
      guint32 flags = 0;
      gint64 target = -1;

      line_no++;
      if (line[0] == '#' || line[0] == '\0')
        {
          g_free (line);
          continue;
        }
      f = g_strsplit (line, "\t", -1);
      g_free (line);
      if (g_strv_length (f) != 3)
        die ("%s:%u: expected name, target and flags", path, line_no);
      if (g_str_has_prefix (f[1], "gn:"))
        {
          gint64 id = parse_int (f[1] + 3, path, line_no);

          for (guint i = 0; i < c->entries->len; i++)
            if (g_array_index (c->entries, Entry, i).geonames_id == id)
              target = i;
        }
      else if (g_hash_table_contains (by_country, f[1]))
        target = GPOINTER_TO_UINT (g_hash_table_lookup (by_country, f[1])) - 1;
      if (target < 0)
        die ("%s:%u: no place \"%s\" in the gazetteer", path, line_no, f[1]);
      if (strstr (f[2], "adj") != NULL)
        flags |= DL_GAZETTEER_NAME_ADJECTIVAL;
      if (strstr (f[2], "abbr") != NULL)
        flags |= DL_GAZETTEER_NAME_ABBREV;
      add_name (c, (guint32) target, f[0], flags);
    }
  if (error != NULL)
    die ("%s:%u: %s", path, line_no + 1, error->message);
}

static GPtrArray *
read_words (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &text, NULL, &error))
    die ("%s: %s", path, error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *w = lines[i];
      gboolean lower = w[0] != '\0' && g_utf8_validate (w, -1, NULL);

      for (const char *p = w; lower && *p != '\0'; p = g_utf8_next_char (p))
        lower = g_unichar_islower (g_utf8_get_char (p));
      if (lower)
        g_ptr_array_add (words, dl_gazetteer_fold (w, -1));
    }
  return words;
}

static int
str_compare (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
name_compare (gconstpointer a,
              gconstpointer b)
{
  const Name *x = a, *y = b;
  int r = strcmp (x->folded, y->folded);

  if (r != 0)
    return r;
  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  if (x->entry != y->entry)
    return x->entry < y->entry ? -1 : 1;
  return (int) x->flags - (int) y->flags;
}

static void
align (GByteArray *out)
{
  static const guint8 zeros[8];

  if (out->len % 8 != 0)
    g_byte_array_append (out, zeros, 8 - out->len % 8);
}

int
main (int    argc,
      char **argv)
{
  Compiler c;
  g_autoptr(GHashTable) by_country = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) alias_files = g_ptr_array_new ();
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  DlGazetteerFileHeader header = { 0 };
  guint32 n_names = 0;

  if (argc < 3)
    die ("usage: %s OUT PLACES.tsv[.gz]... [--aliases ALIASES.tsv]...", argv[0]);

  c.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  c.names = g_array_new (FALSE, TRUE, sizeof (Name));
  c.pool = g_byte_array_new ();
  c.offsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_byte_array_append (c.pool, (const guint8 *) "", 1);

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--aliases") && i + 1 < argc)
        g_ptr_array_add (alias_files, argv[++i]);
      else if (g_str_equal (argv[i], "--words") && i + 1 < argc)
        {
          g_ptr_array_unref (words);
          words = read_words (argv[++i]);
        }
      else
        read_places (&c, argv[i]);
    }

  /* Countries and territories by code, then every place's country name. */
  for (guint i = 0; i < c.entries->len; i++)
    {
      Entry *e = &g_array_index (c.entries, Entry, i);

      if ((g_str_equal (e->field[F_CODE], "PCLI") || g_str_equal (e->field[F_CODE], "PCLD")) &&
          !g_hash_table_contains (by_country, e->field[F_CC]))
        g_hash_table_insert (by_country, e->field[F_CC], GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < c.entries->len; i++)
    {
      Entry *e = &g_array_index (c.entries, Entry, i);
      guint country = GPOINTER_TO_UINT (g_hash_table_lookup (by_country, e->field[F_CC]));

      if (country != 0)
        {
          g_free (e->field[F_COUNTRY]);
          e->field[F_COUNTRY] =
            g_strdup (g_array_index (c.entries, Entry, country - 1).field[F_NAME]);
        }
    }
  for (guint i = 0; i < alias_files->len; i++)
    read_aliases (&c, by_country, g_ptr_array_index (alias_files, i));

  /* Names sorted, one per (name, entry): the plain name wins over a demonym. */
  for (guint i = 0; i < c.names->len; i++)
    {
      Name *n = &g_array_index (c.names, Name, i);

      n->rank = g_array_index (c.entries, Entry, n->entry).rank;
    }
  g_array_sort (c.names, name_compare);
  for (guint i = 0; i < c.names->len; i++)
    {
      Name *n = &g_array_index (c.names, Name, i);

      if (n_names > 0)
        {
          Name *last = &g_array_index (c.names, Name, n_names - 1);

          if (last->entry == n->entry && strcmp (last->folded, n->folded) == 0)
            {
              if (!(n->flags & DL_GAZETTEER_NAME_ADJECTIVAL))
                last->flags &= ~DL_GAZETTEER_NAME_ADJECTIVAL;
              if (!(n->flags & DL_GAZETTEER_NAME_ABBREV))
                last->flags &= ~DL_GAZETTEER_NAME_ABBREV;
              last->flags |= n->flags & DL_GAZETTEER_NAME_MAIN;
              g_free (n->folded);
              continue;
            }
        }
      g_array_index (c.names, Name, n_names++) = *n;
    }

  /* Layout: header, entries, names, strings. */
  memcpy (header.magic, DL_GAZETTEER_MAGIC, 8);
  header.n_entries = c.entries->len;
  header.entries_offset = sizeof header;
  header.n_names = n_names;
  header.names_offset = header.entries_offset + c.entries->len * sizeof (DlGazetteerFileEntry);
  g_ptr_array_sort (words, str_compare);
  header.n_words = words->len;
  header.words_offset = header.names_offset + n_names * sizeof (DlGazetteerFileName);
  header.strings_offset = header.words_offset + words->len * sizeof (guint32);
  g_byte_array_append (out, (const guint8 *) &header, sizeof header);
  for (guint i = 0; i < c.entries->len; i++)
    {
      Entry *e = &g_array_index (c.entries, Entry, i);
      DlGazetteerFileEntry fe = {
        .geonames_id = e->geonames_id,
        .population = e->population,
        .lat_e5 = e->lat_e5,
        .lon_e5 = e->lon_e5,
        .name = intern (&c, e->field[F_NAME]),
        .kind = intern (&c, e->field[F_KIND]),
        .feature_code = intern (&c, e->field[F_CODE]),
        .country_code = intern (&c, e->field[F_CC]),
        .country_name = intern (&c, e->field[F_COUNTRY]),
        .admin1_name = intern (&c, e->field[F_ADMIN1]),
        .name_ar = intern (&c, e->field[F_AR]),
        .name_es = intern (&c, e->field[F_ES]),
      };

      g_byte_array_append (out, (const guint8 *) &fe, sizeof fe);
    }
  for (guint i = 0; i < n_names; i++)
    {
      Name *n = &g_array_index (c.names, Name, i);
      DlGazetteerFileName fn = {
        .folded = intern (&c, n->folded), .entry = n->entry, .flags = n->flags, .rank = n->rank,
      };

      g_byte_array_append (out, (const guint8 *) &fn, sizeof fn);
    }
  for (guint i = 0, last = G_MAXUINT; i < words->len; i++)
    {
      guint32 offset = intern (&c, g_ptr_array_index (words, i));

      if (offset == last)
        {
          header.n_words--;
          continue;
        }
      last = offset;
      g_byte_array_append (out, (const guint8 *) &offset, sizeof offset);
    }
  /* Words that fold alike are kept once, so the strings start where the words end. */
  align (out);
  header.strings_offset = out->len;
  header.strings_size = c.pool->len;
  memcpy (out->data, &header, sizeof header);
  g_byte_array_append (out, c.pool->data, c.pool->len);
  align (out);

  if (!g_file_set_contents (argv[1], (const char *) out->data, out->len, &error))
    die ("%s: %s", argv[1], error->message);
  return 0;
}
