/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-bundled-story"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-color.h"
#include "dl-resources.h"
#include "dl-story.h"

/* The bundled story is data: it is found by enumerating /stories/ in the GResource, never
 * by name. What it must contain is test data and is written down here. */

typedef struct
{
  const char *id;
  double      lon;      /* reference coordinates (GeoNames, CC BY 4.0) */
  double      lat;
  double      tolerance_km;
  DlPlaceShape shape;
  const char *language; /* a language that must have a local name, or NULL */
} ReferencePlace;

static const ReferencePlace required_places[] = {
  { "damascus",        36.29128, 33.51020,  2.0, DL_PLACE_SHAPE_POINT, "ar" },
  { "homs",            36.72559, 34.72405,  2.0, DL_PLACE_SHAPE_POINT, "ar" },
  { "moscow",          37.61781, 55.75204,  2.0, DL_PLACE_SHAPE_POINT, "ru" },
  /* The label point of the area; Katzrin, the Golan's main town, is 5.5 km away. */
  { "golan-heights",   35.75000, 33.00000, 10.0, DL_PLACE_SHAPE_AREA,  "he" },
  { "madrid",          -3.70256, 40.41650,  2.0, DL_PLACE_SHAPE_POINT, "es" },
  { "manchester",      -2.23743, 53.48095,  2.0, DL_PLACE_SHAPE_POINT, NULL },
  /* Tripoli in northern Lebanon, not Tripoli in Libya (13.18 E, 32.89 N). */
  { "tripoli-lebanon", 35.84415, 34.43352,  2.0, DL_PLACE_SHAPE_POINT, "ar" },
};

/* Lines of the article that are no event: links to other articles, section headings. */
static const char * const left_out_lines[] = {
  "Read more: Latest news from Syria",
  "read more:",
  "How did the rebel attack unfold?",
  "Who are the Syrian rebels and what are their plans?",
  "World leaders react to fall of Assad regime",
  "Israeli military bombs Damascus – Report",
  "Power relations in this volatile region will change forever",
  "How an ophthalmologist became a brutal dictator",
};

/* Words allowed outside every passage in the other lines: connectives, and "Ta.", a
 * fragment that reports nothing. */
static const char * const connectives[] = {
  "after", "and", "Elsewhere", "following", "Ta",
};

/* The base map's land and sea, light and dark (src/render/dl-basemap.c): every actor
 * colour must read on all four. */
static const char * const base_map_colors[] = {
  "#f5f2ec", "#d5e2ea", "#2d3135", "#1a252e",
};

#define MIN_CONTRAST 2.0
#define MIN_DELTA_E  15.0

/* Helpers */

static GPtrArray *
list_bundled_stories (void)
{
  g_autofree char *dir = g_build_path ("/", RESOURCE_PREFIX, "stories", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  dl_resources_ensure ();
  names = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".geojson"))
      g_ptr_array_add (paths, g_build_path ("/", "stories", names[i], NULL));
  g_assert_cmpuint (paths->len, >=, 1);
  return paths;
}

static GBytes *
load_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The bundled story whose article is the seed article, byte for byte. */
static DlStory *
load_seed_story (void)
{
  g_autoptr(GPtrArray) paths = list_bundled_stories ();
  g_autoptr(GBytes) seed = load_seed ();
  gsize seed_length;
  const char *seed_text = g_bytes_get_data (seed, &seed_length);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dl_resources_lookup (path, &error);
      g_autoptr(DlStory) story = NULL;
      const char *text;

      g_assert_no_error (error);
      story = dl_story_new_from_bytes (bytes, path, &error);
      g_assert_no_error (error);
      text = dl_story_get_text (story);
      if (text == NULL)
        continue;
      if (strlen (text) == seed_length && memcmp (text, seed_text, seed_length) == 0)
        return g_steal_pointer (&story);

      /* Say where a near miss differs, so a broken byte is easy to find. */
      for (gsize k = 0; k < seed_length && text[k] != '\0'; k++)
        if (text[k] != seed_text[k])
          {
            g_test_message ("%s differs from the seed article at byte %" G_GSIZE_FORMAT,
                            path, k);
            break;
          }
    }
  g_test_fail_printf ("no bundled story has the seed article as its text, byte for byte");
  return NULL;
}

static double
haversine_km (DlLonLat a,
              DlLonLat b)
{
  const double r = 6371.0088;
  double phi1 = a.lat * G_PI / 180.0;
  double phi2 = b.lat * G_PI / 180.0;
  double dphi = (b.lat - a.lat) * G_PI / 180.0;
  double dlambda = (b.lon - a.lon) * G_PI / 180.0;
  double h = sin (dphi / 2) * sin (dphi / 2) +
             cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  return 2 * r * asin (MIN (1.0, sqrt (h)));
}

/* Even-odd rule over every ring of an area. */
static gboolean
area_contains (DlPlace  *place,
               DlLonLat  point)
{
  gboolean inside = FALSE;

  for (guint p = 0; p < dl_place_get_n_parts (place); p++)
    {
      guint n = 0;
      const DlLonLat *ring = dl_place_get_part (place, p, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        if ((ring[i].lat > point.lat) != (ring[j].lat > point.lat) &&
            point.lon < ring[i].lon + (point.lat - ring[i].lat) *
                        (ring[j].lon - ring[i].lon) / (ring[j].lat - ring[i].lat))
          inside = !inside;
    }
  return inside;
}

/* The colour arithmetic is core's (dl-color.c, checked against published pairs in
 * test-color.c); the bundled story's colours are checked with it here. */
static void
parse_hex (const char *hex,
           double      rgb[3])
{
  g_assert_nonnull (hex);
  g_assert_true (dl_color_parse_hex (hex, rgb));
}

#define contrast_ratio dl_color_contrast
#define rgb_to_lab dl_color_to_lab
#define delta_e_2000 dl_color_delta_e_lab

/* The characters [start, end) of @text, as a new string. */
static char *
text_slice (const char *text,
            int         start,
            int         end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Tests */

static void
test_validates (void)
{
  g_autoptr(GPtrArray) paths = list_bundled_stories ();

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dl_resources_lookup (path, &error);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(DlStory) story = NULL;

      g_assert_no_error (error);
      problems = dl_story_check_bytes (bytes, path);
      for (guint k = 0; k < problems->len; k++)
        g_test_message ("%s", (const char *) g_ptr_array_index (problems, k));
      g_assert_cmpuint (problems->len, ==, 0);

      story = dl_story_new_from_bytes (bytes, path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (story);
    }
}

static void
test_article (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  g_autoptr(GBytes) seed = load_seed ();
  const char *title;

  g_assert_nonnull (story);
  g_assert_cmpstr (dl_story_get_text (story), ==, (const char *) g_bytes_get_data (seed, NULL));
  g_assert_cmpint (dl_story_get_text_length (story), ==,
                   g_utf8_strlen (dl_story_get_text (story), -1));

  /* A headline of our own: the text has none, and its first line is not one. */
  title = dl_story_get_title (story);
  g_assert_nonnull (title);
  g_assert_cmpuint (strlen (title), >, 20);
  g_assert_false (g_str_has_prefix (dl_story_get_text (story), title));

  /* Not invented. */
  g_assert_null (dl_story_get_publisher (story));
  g_assert_null (dl_story_get_url (story));
  g_assert_cmpstr (dl_story_get_published (story), ==, "2024-12-08");
  g_assert_cmpstr (dl_story_get_language (story), ==, "en");
}

static void
test_passages_resolve (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  GListModel *events;
  const char *text;
  int length;
  guint total = 0;

  g_assert_nonnull (story);
  events = dl_story_get_events (story);
  text = dl_story_get_text (story);
  length = dl_story_get_text_length (story);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_test_message ("event %s", dl_event_get_id (event));
      for (guint k = 0; k < dl_event_get_n_passages (event); k++)
        {
          const DlPassage *passage = dl_event_get_passage (event, k);
          g_autofree char *slice = NULL;
          g_autofree char *quote = NULL;

          g_assert_true (passage->event == event);
          g_assert_cmpint (passage->start, >=, 0);
          g_assert_cmpint (passage->end, >, passage->start);
          g_assert_cmpint (passage->end, <=, length);

          slice = text_slice (text, passage->start, passage->end);
          g_assert_cmpstr (slice, ==, passage->exact);
          if (passage->prefix != NULL)
            {
              int n = g_utf8_strlen (passage->prefix, -1);
              g_autofree char *before = NULL;

              g_assert_cmpint (passage->start, >=, n);
              before = text_slice (text, passage->start - n, passage->start);
              g_assert_cmpstr (before, ==, passage->prefix);
            }
          if (passage->suffix != NULL)
            {
              int n = g_utf8_strlen (passage->suffix, -1);
              g_autofree char *after = NULL;

              g_assert_cmpint (passage->end + n, <=, length);
              after = text_slice (text, passage->end, passage->end + n);
              g_assert_cmpstr (after, ==, passage->suffix);
            }

          /* Unambiguous: the whole selector occurs once in the text. */
          quote = g_strconcat (passage->prefix ? passage->prefix : "", passage->exact,
                               passage->suffix ? passage->suffix : "", NULL);
          g_assert_cmpuint (count_occurrences (text, quote), ==, 1);
          total++;
        }
    }
  g_assert_cmpuint (total, ==, dl_story_get_n_passages (story));
}

static gboolean
is_left_out_line (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (left_out_lines); i++)
    if (g_strcmp0 (line, left_out_lines[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_connective (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (connectives); i++)
    if (g_strcmp0 (word, connectives[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Every sentence that reports something is quoted by some event: outside the left-out
 * lines, only connectives lie outside every passage; the left-out lines are in none. */
static void
test_every_sentence_mapped (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  g_autoptr(GPtrArray) passages = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree gboolean *covered = NULL;
  int offset = 0;
  int length;

  g_assert_nonnull (story);
  length = dl_story_get_text_length (story);
  covered = g_new0 (gboolean, length);
  passages = dl_story_list_passages (story);
  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *passage = g_ptr_array_index (passages, i);

      for (int c = passage->start; c < passage->end; c++)
        covered[c] = TRUE;
    }

  lines = g_strsplit (dl_story_get_text (story), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      int n = g_utf8_strlen (lines[i], -1);
      gboolean left_out = is_left_out_line (lines[i]);
      const char *p = lines[i];
      g_autoptr(GString) word = g_string_new (NULL);

      for (int c = 0; c <= n; c++, p = c <= n ? g_utf8_next_char (p) : p)
        {
          gunichar ch = c < n ? g_utf8_get_char (p) : 0;
          gboolean in_word = c < n && g_unichar_isalnum (ch) && !covered[offset + c];

          if (left_out && c < n)
            {
              if (covered[offset + c])
                g_test_message ("left-out line quoted by a passage: %s", lines[i]);
              g_assert_false (covered[offset + c]);
            }
          if (in_word)
            {
              g_string_append_unichar (word, ch);
            }
          else if (word->len > 0)
            {
              if (!left_out && !is_connective (word->str))
                g_test_message ("“%s” is outside every passage in: %s", word->str, lines[i]);
              g_assert_true (left_out || is_connective (word->str));
              g_string_truncate (word, 0);
            }
        }
      offset += n + 1;
    }
}

static void
test_required_places (void)
{
  g_autoptr(DlStory) story = load_seed_story ();

  g_assert_nonnull (story);
  for (guint i = 0; i < G_N_ELEMENTS (required_places); i++)
    {
      const ReferencePlace *ref = &required_places[i];
      DlPlace *place = dl_story_lookup_place (story, ref->id);
      DlLonLat reference = { ref->lon, ref->lat };
      DlLonLat anchor;
      double km;

      g_test_message ("place %s", ref->id);
      g_assert_nonnull (place);
      g_assert_cmpint (dl_place_get_shape (place), ==, ref->shape);
      anchor = dl_place_get_anchor (place);
      km = haversine_km (anchor, reference);
      g_test_message ("%s is %.2f km from its reference", ref->id, km);
      g_assert_cmpfloat (km, <=, ref->tolerance_km);
      g_assert_cmpuint (dl_place_get_n_events (place), >=, 1);
      g_assert_nonnull (dl_place_get_precision (place));
      if (ref->language != NULL)
        g_assert_nonnull (dl_place_get_local_name (place, ref->language));
    }
}

static void
test_places (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  static const char * const precisions[] = { "site", "city", "region", "country", "inferred" };
  GListModel *places;

  g_assert_nonnull (story);
  places = dl_story_get_places (story);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      const char *precision = dl_place_get_precision (place);
      gboolean known = FALSE;

      g_test_message ("place %s", dl_place_get_id (place));
      g_assert_nonnull (dl_place_get_name (place));
      for (guint k = 0; k < G_N_ELEMENTS (precisions); k++)
        known = known || g_strcmp0 (precision, precisions[k]) == 0;
      g_assert_true (known);
      /* Every place is there because an event is tied to it. */
      g_assert_cmpuint (dl_place_get_n_events (place), >=, 1);
      /* An area's marker and name sit inside it. */
      if (dl_place_get_shape (place) == DL_PLACE_SHAPE_AREA)
        g_assert_true (area_contains (place, dl_place_get_anchor (place)));
    }
}

/* Assad's flight: a route from Damascus to Moscow with an event of its own. */
static void
test_flight_route (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  const DlLonLat damascus = { 36.29128, 33.51020 };
  const DlLonLat moscow = { 37.61781, 55.75204 };
  GListModel *places;
  GListModel *events;
  guint found = 0;

  g_assert_nonnull (story);
  places = dl_story_get_places (story);
  events = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      const DlLonLat *line;
      guint n = 0;

      if (dl_place_get_shape (place) != DL_PLACE_SHAPE_ROUTE)
        continue;
      line = dl_place_get_part (place, 0, &n);
      if (n < 2 || haversine_km (line[0], damascus) > 2.0 ||
          haversine_km (line[n - 1], moscow) > 2.0)
        continue;

      for (guint e = 0; e < g_list_model_get_n_items (events); e++)
        {
          g_autoptr(DlEvent) event = g_list_model_get_item (events, e);
          DlActor *assad = dl_story_lookup_actor (story, "assad");

          if (dl_event_has_place (event, place) && g_strcmp0 (dl_event_get_category (event),
                                                              "movement") == 0)
            {
              g_assert_nonnull (assad);
              g_assert_true (dl_event_has_actor (event, assad));
              found++;
            }
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_events_complete (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  GListModel *events;

  g_assert_nonnull (story);
  events = dl_story_get_events (story);
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 20);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_test_message ("event %s", dl_event_get_id (event));
      g_assert_nonnull (dl_event_get_title (event));
      g_assert_cmpstr (dl_event_get_title (event), !=, dl_event_get_id (event));
      g_assert_nonnull (dl_event_get_category (event));
      /* Who says so: a source, or the article's own (unattributed) reporting. */
      g_assert_nonnull (dl_event_get_attribution (event));
      g_assert_nonnull (dl_event_get_start (event));
      g_assert_cmpint (dl_event_get_start (event)->precision, !=, DL_TIME_NONE);
      g_assert_cmpuint (dl_event_get_n_passages (event), >=, 1);
      g_assert_cmpuint (dl_event_get_n_actors (event), >=, 1);
      g_assert_cmpuint (dl_event_get_n_places (event), >=, 1);
    }
}

static void
test_actors_used (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  GListModel *actors;
  GListModel *events;

  g_assert_nonnull (story);
  actors = dl_story_get_actors (story);
  events = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);
      guint used = 0;

      for (guint e = 0; e < g_list_model_get_n_items (events); e++)
        {
          g_autoptr(DlEvent) event = g_list_model_get_item (events, e);

          used += dl_event_has_actor (event, actor) ? 1 : 0;
        }
      g_test_message ("actor %s: %u events", dl_actor_get_id (actor), used);
      g_assert_cmpuint (used, >=, 1);
      g_assert_cmpuint (dl_actor_get_n_events (actor), ==, used);
    }
}

static void
test_actor_colors (void)
{
  g_autoptr(DlStory) story = load_seed_story ();
  GListModel *actors;
  guint n;
  g_autofree double *labs = NULL;
  double min_delta = G_MAXDOUBLE;

  g_assert_nonnull (story);
  actors = dl_story_get_actors (story);
  n = g_list_model_get_n_items (actors);
  g_assert_cmpuint (n, >=, 2);
  labs = g_new (double, 3 * n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);
      double rgb[3];

      parse_hex (dl_actor_get_color (actor), rgb);
      rgb_to_lab (rgb, &labs[3 * i]);
      /* Neither near-white nor near-black: it must read on light and dark maps. */
      for (guint k = 0; k < G_N_ELEMENTS (base_map_colors); k++)
        {
          double base[3];
          double ratio;

          parse_hex (base_map_colors[k], base);
          ratio = contrast_ratio (rgb, base);
          g_test_message ("%s %s on %s: %.2f:1", dl_actor_get_id (actor),
                          dl_actor_get_color (actor), base_map_colors[k], ratio);
          g_assert_cmpfloat (ratio, >=, MIN_CONTRAST);
        }
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        g_autoptr(DlActor) a = g_list_model_get_item (actors, i);
        g_autoptr(DlActor) b = g_list_model_get_item (actors, j);
        double delta = delta_e_2000 (&labs[3 * i], &labs[3 * j]);

        if (g_ascii_strcasecmp (dl_actor_get_color (a), dl_actor_get_color (b)) == 0)
          g_test_message ("%s and %s share a colour", dl_actor_get_id (a),
                          dl_actor_get_id (b));
        g_assert_cmpint (g_ascii_strcasecmp (dl_actor_get_color (a),
                                             dl_actor_get_color (b)), !=, 0);
        if (delta < MIN_DELTA_E)
          g_test_message ("%s and %s are too alike: ΔE2000 %.1f", dl_actor_get_id (a),
                          dl_actor_get_id (b), delta);
        g_assert_cmpfloat (delta, >=, MIN_DELTA_E);
        min_delta = MIN (min_delta, delta);
      }
  g_test_message ("closest two actor colours: ΔE2000 %.1f", min_delta);
}

/* The colour difference itself, on the reference pairs of Sharma et al. (2005). */
static void
test_delta_e_reference (void)
{
  static const double pairs[][7] = {
    { 50.0000,  2.6772, -79.7751, 50.0000,  0.0000, -82.7485, 2.0425 },
    { 50.0000, -1.3802, -84.2814, 50.0000,  0.0000, -82.7485, 1.0000 },
    { 50.0000,  2.5000,   0.0000, 50.0000,  0.0000,  -2.5000, 4.3065 },
    { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
    {  2.0776,  0.0795,  -1.1350,  0.9033, -0.0636,  -0.5514, 0.9082 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpfloat_with_epsilon (delta_e_2000 (&pairs[i][0], &pairs[i][3]), pairs[i][6],
                                    1e-4);
}

static void
test_haversine_reference (void)
{
  const DlLonLat damascus = { 36.29128, 33.51020 };
  const DlLonLat moscow = { 37.61781, 55.75204 };

  /* About 2,478 km, as any great-circle calculator gives. */
  g_assert_cmpfloat_with_epsilon (haversine_km (damascus, moscow), 2478.0, 5.0);
  g_assert_cmpfloat_with_epsilon (haversine_km (damascus, damascus), 0.0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bundled-story/helpers/delta-e", test_delta_e_reference);
  g_test_add_func ("/bundled-story/helpers/haversine", test_haversine_reference);
  g_test_add_func ("/bundled-story/validates", test_validates);
  g_test_add_func ("/bundled-story/article", test_article);
  g_test_add_func ("/bundled-story/passages-resolve", test_passages_resolve);
  g_test_add_func ("/bundled-story/every-sentence-mapped", test_every_sentence_mapped);
  g_test_add_func ("/bundled-story/required-places", test_required_places);
  g_test_add_func ("/bundled-story/places", test_places);
  g_test_add_func ("/bundled-story/flight-route", test_flight_route);
  g_test_add_func ("/bundled-story/events-complete", test_events_complete);
  g_test_add_func ("/bundled-story/actors-used", test_actors_used);
  g_test_add_func ("/bundled-story/actor-colors", test_actor_colors);

  return g_test_run ();
}
