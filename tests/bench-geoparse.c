/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How well and how fast the place detector works: toponym precision, recall and F1 (a
 * detected span overlapping a gold span counts once), accuracy@161 km of the recognised
 * ones, recall × accuracy, and the worst misses, on GeoVirus (229 Wikinews articles; its
 * path is the first argument, skipped with a message when absent) and on the articles of
 * tests/data/geo/ (NAME.txt + NAME.json). Then the time of the seed article and of a
 * 5,000-word article, first call included, and the gazetteer's size and memory.
 * Prints; asserts nothing.
 *
 *   bench-geoparse [GEOVIRUS.xml] [--show FILE.txt]
 *
 * An adjectival mention ("Syrian") that overlaps no gold span is not counted against
 * precision: GeoVirus does not annotate demonyms, while a story map wants them. */
#undef G_DISABLE_ASSERT

#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dl-gazetteer.h"
#include "dl-place-detector.h"
#include "dl-test-util.h"

typedef struct
{
  int    start, end;
  char  *name;
  double lat, lon;
} Gold;

typedef struct
{
  char   *id;
  char   *text;
  GArray *gold;  /* Gold */
} Article;

typedef struct
{
  guint       predicted, true_positive, gold, gold_found, placed_right, placed;
  GHashTable *missed;     /* name → count */
  GHashTable *spurious;   /* name → count */
  GHashTable *misplaced;  /* "name → place, country (km)" → count */
} Score;

static void
gold_clear (Gold *g)
{
  g_free (g->name);
}

static void
article_free (Article *a)
{
  g_free (a->id);
  g_free (a->text);
  g_array_unref (a->gold);
  g_free (a);
}

/* GeoVirus ------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *articles;
  Article   *article;
  Gold       gold;
  GString   *chars;
} Parser;

static void
start_cb (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              data,
          GError              **error)
{
  Parser *p = data;

  g_string_truncate (p->chars, 0);
  if (g_str_equal (element, "article"))
    {
      p->article = g_new0 (Article, 1);
      p->article->gold = g_array_new (FALSE, TRUE, sizeof (Gold));
      g_array_set_clear_func (p->article->gold, (GDestroyNotify) gold_clear);
      p->article->id = g_strdup_printf ("geovirus-%u", p->articles->len + 1);
    }
  else if (g_str_equal (element, "location"))
    memset (&p->gold, 0, sizeof p->gold);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              data,
         GError              **error)
{
  Parser *p = data;

  g_string_append_len (p->chars, text, len);
}

static int
cp_find (const char *text,
         const char *name,
         int         near)
{
  glong n = g_utf8_strlen (text, -1);
  glong name_len = g_utf8_strlen (name, -1);

  for (int d = 0; d <= 8; d++)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        int s = near + sign * d;
        const char *a;
        const char *b;

        if (s < 0 || s + name_len > n)
          continue;
        a = g_utf8_offset_to_pointer (text, s);
        b = g_utf8_offset_to_pointer (text, s + name_len);
        if ((gsize) (b - a) == strlen (name) && strncmp (a, name, b - a) == 0)
          return s;
      }
  return -1;
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *element,
        gpointer              data,
        GError              **error)
{
  Parser *p = data;
  const char *s = p->chars->str;

  if (p->article == NULL)
    return;
  if (g_str_equal (element, "text"))
    p->article->text = g_strdup (s);
  else if (g_str_equal (element, "name"))
    p->gold.name = g_strdup (s);
  else if (g_str_equal (element, "start"))
    p->gold.start = atoi (s);
  else if (g_str_equal (element, "lat"))
    p->gold.lat = g_ascii_strtod (s, NULL);
  else if (g_str_equal (element, "lon"))
    p->gold.lon = g_ascii_strtod (s, NULL);
  else if (g_str_equal (element, "location"))
    {
      /* GeoVirus' offsets are off by one here and there: find the name near them. */
      int start = cp_find (p->article->text, p->gold.name, p->gold.start);

      if (start >= 0)
        {
          p->gold.start = start;
          p->gold.end = start + g_utf8_strlen (p->gold.name, -1);
          g_array_append_val (p->article->gold, p->gold);
        }
      else
        g_free (p->gold.name);
      memset (&p->gold, 0, sizeof p->gold);
    }
  else if (g_str_equal (element, "article"))
    {
      g_ptr_array_add (p->articles, p->article);
      p->article = NULL;
    }
  g_string_truncate (p->chars, 0);
}

static GPtrArray *
load_geovirus (const char *path)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  Parser p = { g_ptr_array_new_with_free_func ((GDestroyNotify) article_free), NULL };

  if (!g_file_get_contents (path, &xml, NULL, &error))
    {
      g_print ("GeoVirus: skipped (%s)\n", error->message);
      g_ptr_array_unref (p.articles);
      return NULL;
    }
  p.chars = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &p, NULL);
  if (!g_markup_parse_context_parse (context, xml, -1, &error))
    g_error ("%s: %s", path, error->message);
  g_string_free (p.chars, TRUE);
  return p.articles;
}

/* tests/data/geo -------------------------------------------------------------------------- */

static GPtrArray *
load_geo_dir (const char *dir)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func ((GDestroyNotify) article_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - 4));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *base = g_ptr_array_index (names, i);
      g_autofree char *txt = g_strdup_printf ("%s/%s.txt", dir, base);
      g_autofree char *json = g_strdup_printf ("%s/%s.json", dir, base);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      Article *a = g_new0 (Article, 1);
      JsonArray *array;

      a->id = g_strdup (base);
      a->gold = g_array_new (FALSE, TRUE, sizeof (Gold));
      g_array_set_clear_func (a->gold, (GDestroyNotify) gold_clear);
      if (!g_file_get_contents (txt, &a->text, NULL, &error) ||
          !json_parser_load_from_file (parser, json, &error) ||
          !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          g_print ("%s: skipped (%s)\n", base, error != NULL ? error->message : "not an array");
          article_free (a);
          continue;
        }
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          JsonObject *o = json_array_get_object_element (array, k);
          Gold g = {
            (int) json_object_get_int_member_with_default (o, "start", 0),
            (int) json_object_get_int_member_with_default (o, "end", 0),
            g_strdup (json_object_get_string_member_with_default (o, "name", "")),
            json_object_get_double_member_with_default (o, "lat", 0),
            json_object_get_double_member_with_default (o, "lon", 0),
          };

          g_array_append_val (a->gold, g);
        }
      g_ptr_array_add (articles, a);
    }
  return articles;
}

/* Scoring ------------------------------------------------------------------------------- */

static double
distance_km (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371.0 * asin (MIN (1.0, sqrt (a)));
}

/* BENCH_GEOPARSE_VERBOSE=1 prints every miss with its context. */
static void
show_context (const char *what,
              const char *text,
              int         start,
              int         end)
{
  glong n = g_utf8_strlen (text, -1);
  const char *a = g_utf8_offset_to_pointer (text, MAX (0, start - 40));
  const char *b = g_utf8_offset_to_pointer (text, MIN (n, end + 40));
  g_autofree char *context = g_strndup (a, b - a);

  if (g_getenv ("BENCH_GEOPARSE_VERBOSE") == NULL)
    return;
  g_strdelimit (context, "\n", ' ');
  g_print ("    %s: …%s…\n", what, context);
}

static void
count (GHashTable *table,
       const char *key)
{
  g_hash_table_insert (table, g_strdup (key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

static void
score_article (DlGazetteer *gazetteer,
               Article     *a,
               Score       *s)
{
  g_autoptr(GPtrArray) places = dl_place_detector_detect (gazetteer, a->text);
  g_autofree gboolean *found = g_new0 (gboolean, a->gold->len);

  s->gold += a->gold->len;
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);

      for (guint m = 0; m < p->mentions->len; m++)
        {
          DlMention *mention = &g_array_index (p->mentions, DlMention, m);
          gboolean hit = FALSE;

          for (guint k = 0; k < a->gold->len; k++)
            {
              Gold *g = &g_array_index (a->gold, Gold, k);
              double km;

              if (mention->start >= g->end || g->start >= mention->end)
                continue;
              hit = TRUE;
              if (found[k])
                continue;
              found[k] = TRUE;
              s->gold_found++;
              s->placed++;
              km = distance_km (p->info.lat, p->info.lon, g->lat, g->lon);
              if (km <= 161)
                s->placed_right++;
              else
                {
                  g_autofree char *key = g_strdup_printf ("%s → %s, %s (%.0f km)", g->name,
                                                          p->info.name, p->info.country_name,
                                                          km);
                  count (s->misplaced, key);
                  show_context (key, a->text, g->start, g->end);
                }
              break;
            }
          if (hit)
            {
              s->predicted++;
              s->true_positive++;
            }
          else if (!mention->adjectival)
            {
              g_autofree char *key = g_strdup_printf ("%s (%s, %s)", mention->exact,
                                                      p->info.name, p->info.country_code);
              s->predicted++;
              count (s->spurious, key);
              show_context (key, a->text, mention->start, mention->end);
            }
        }
    }
  for (guint k = 0; k < a->gold->len; k++)
    if (!found[k])
      {
        Gold *g = &g_array_index (a->gold, Gold, k);

        count (s->missed, g->name);
        show_context (g->name, a->text, g->start, g->end);
      }
}

static int
by_count (gconstpointer a,
          gconstpointer b,
          gpointer      table)
{
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (table, *(char **) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (table, *(char **) b));

  if (x != y)
    return x > y ? -1 : 1;
  return strcmp (*(char **) a, *(char **) b);
}

static void
print_worst (const char *label,
             GHashTable *table,
             guint       n)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, NULL);
  guint len = g_hash_table_size (table);

  g_qsort_with_data (keys, len, sizeof (gpointer), by_count, table);
  g_print ("  %s:", label);
  for (guint i = 0; i < len && i < n; i++)
    g_print ("%s %s ×%u", i == 0 ? "" : ";", (char *) keys[i],
             GPOINTER_TO_UINT (g_hash_table_lookup (table, keys[i])));
  g_print ("\n");
}

static void
evaluate (DlGazetteer *gazetteer,
          const char  *label,
          GPtrArray   *articles)
{
  Score s = { 0 };
  double p, r, f, acc;

  s.missed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.spurious = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.misplaced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < articles->len; i++)
    score_article (gazetteer, g_ptr_array_index (articles, i), &s);
  p = s.predicted ? (double) s.true_positive / s.predicted : 0;
  r = s.gold ? (double) s.gold_found / s.gold : 0;
  f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  acc = s.placed ? (double) s.placed_right / s.placed : 0;
  g_print ("%s: %u articles, %u gold toponyms\n", label, articles->len, s.gold);
  g_print ("  precision %.3f  recall %.3f  F1 %.3f  accuracy@161km %.3f  recall×accuracy %.3f\n",
           p, r, f, acc, r * acc);
  print_worst ("most missed", s.missed, 15);
  print_worst ("most spurious", s.spurious, 15);
  print_worst ("most misplaced", s.misplaced, 15);
  g_hash_table_unref (s.missed);
  g_hash_table_unref (s.spurious);
  g_hash_table_unref (s.misplaced);
}

/* Speed and memory -------------------------------------------------------------------------- */

static double
time_detect (DlGazetteer *gazetteer,
             const char  *text)
{
  double start = dl_test_thread_cpu_ms ();
  g_autoptr(GPtrArray) places = dl_place_detector_detect (gazetteer, text);

  return dl_test_thread_cpu_ms () - start;
}

static double
median_detect (DlGazetteer *gazetteer,
               const char  *text,
               guint        runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    times[i] = time_detect (gazetteer, text);
  return dl_test_median_of (times, runs);
}

static long
rss_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? atol (line + strlen (field) + 1) : -1;
}

static void
show (DlGazetteer *gazetteer,
      const char  *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) places = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("cannot read %s", path);
  places = dl_place_detector_detect (gazetteer, text);
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);

      g_print ("%s, %s, %s [%s %s, %" G_GINT64_FORMAT ", pop %" G_GUINT64_FORMAT
               "] %.4f,%.4f:", p->info.name, p->info.admin1_name, p->info.country_name,
               p->info.kind, p->info.feature_code, p->info.geonames_id, p->info.population,
               p->info.lat, p->info.lon);
      for (guint m = 0; m < p->mentions->len; m++)
        {
          DlMention *mention = &g_array_index (p->mentions, DlMention, m);

          g_print (" \"%s\"@%d%s", mention->exact, mention->start,
                   mention->adjectival ? "(adj)" : "");
        }
      g_print ("\n");
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) geovirus = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autofree char *geo_dir = NULL;
  g_autofree char *seed_path = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  DlGazetteer *gazetteer;
  long rss_before, rss_after;
  gint64 start;
  double load_ms, first_ms, first_wall_ms;
  guint words = 0;

  setlocale (LC_ALL, "");
  if (srcdir == NULL)
    srcdir = "tests";
  seed_path = g_build_filename (srcdir, "data", "seed-article.txt", NULL);
  if (!g_file_get_contents (seed_path, &seed, NULL, &error))
    g_error ("%s", error->message);

  /* First call: the gazetteer is read in place, the detector runs once. */
  rss_before = rss_kb ("VmRSS:");
  start = g_get_monotonic_time ();
  gazetteer = dl_gazetteer_get_default (&error);
  if (gazetteer == NULL)
    g_error ("%s", error->message);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  start = g_get_monotonic_time ();
  first_ms = time_detect (gazetteer, seed);
  first_wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  rss_after = rss_kb ("VmRSS:");

  if (argc >= 3 && g_str_equal (argv[argc - 2], "--show"))
    {
      show (gazetteer, argv[argc - 1]);
      return 0;
    }

  if (argc >= 2)
    geovirus = load_geovirus (argv[1]);
  if (geovirus != NULL)
    evaluate (gazetteer, "GeoVirus", geovirus);
  geo_dir = g_build_filename (srcdir, "data", "geo", NULL);
  own = load_geo_dir (geo_dir);
  if (own->len > 0)
    evaluate (gazetteer, "tests/data/geo", own);
  else
    g_print ("tests/data/geo: no articles\n");

  /* A 5,000-word article: GeoVirus articles (or the seed article) one after the other. */
  for (guint i = 0; words < 5000; i++)
    {
      const char *t = geovirus != NULL && geovirus->len > 0
        ? ((Article *) g_ptr_array_index (geovirus, i % geovirus->len))->text : seed;
      g_auto(GStrv) w = g_strsplit_set (t, " \n", -1);

      for (guint k = 0; w[k] != NULL && words < 5000; k++)
        if (w[k][0] != '\0')
          {
            g_string_append (long_text, w[k]);
            g_string_append_c (long_text, ' ');
            words++;
          }
      g_string_append_c (long_text, '\n');
    }

  g_print ("speed (ms of thread CPU time; wall time where said):\n");
  g_print ("  gazetteer load (in place, header validated), wall: %.2f\n", load_ms);
  g_print ("  seed article, first call: %.2f (wall %.2f, with the load %.2f: pages of the "
           "gazetteer read in)\n", first_ms, first_wall_ms, first_wall_ms + load_ms);
  g_print ("  seed article, median of 50: %.2f\n", median_detect (gazetteer, seed, 50));
  g_print ("  5,000 words, first call: %.2f\n", time_detect (gazetteer, long_text->str));
  g_print ("  5,000 words, median of 20: %.2f\n", median_detect (gazetteer, long_text->str, 20));
  g_print ("gazetteer: %u entries; resident memory %ld kB before load, %ld kB after the first "
           "call (peak %ld kB)\n", dl_gazetteer_get_n_entries (gazetteer), rss_before,
           rss_after, rss_kb ("VmHWM:"));
  return 0;
}
