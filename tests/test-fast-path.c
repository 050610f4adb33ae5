/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reader's fast path (issue 17): the usual feature of a big map is read straight from
 * its text, on every core for a big one. What a user sees must be what the tree reader
 * gives: the same places, names, positions, properties, messages and saved text, for the
 * usual features and for every unusual one the fast path leaves to the tree reader. */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "dl-place.h"
#include "dl-place-properties.h"
#include "dl-story.h"
#include "dl-test-story-dump.h"

/* One feature of each kind the fast path reads, or must leave to the tree reader. */
static const char * const variants[] = {
  /* read by the fast path */
  "{\"type\": \"Feature\", \"id\": \"v\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [7.47453, 44.8698]}, \"properties\": {\"name\": \"Village\"}}",
  "{\"properties\": {\"name\": \"Last\"}, \"geometry\": {\"coordinates\": [-71.5, 39.5], "
  "\"type\": \"Point\"}, \"id\": \"v\", \"type\": \"Feature\"}",
  "{\"type\":\"Feature\",\"id\":42,\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},"
  "\"properties\":{\"name\":\"Int\"}}",
  "{\"type\": \"Feature\", \"id\": -7, \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [-0, -0.0]}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": "
  "[180, -90, 12.5]}, \"properties\": {\"title\": \"Titled\", \"kind\": \"city\"}}",
  "{\"type\": \"Feature\", \"id\": \"e\", \"geometry\": null, \"properties\": null}",
  "{\"type\": \"Feature\", \"id\": \"q\\\"uote\\\\d\\/\\n\", \"geometry\": {\"type\": "
  "\"Point\", \"coordinates\": [1.25, 2.5]}, \"properties\": {\"name\": \"Tab\\there\", "
  "\"description\": \"“curly” ✓\", \"precision\": \"city\"}}",
  "{\"type\": \"Feature\", \"id\": \"free\", \"bbox\": [1, 2, 1, 2], \"geometry\": "
  "{\"type\": \"Point\", \"coordinates\": [1, 2], \"bbox\": [1, 2, 1, 2]}, \"properties\": "
  "{\"name\": \"Free\", \"population\": 1200, \"tags\": {\"a\": [1, \"b\"]}, \"marker-color\": "
  "\"#f00\", \"source\": \"GeoNames\", \"precision\": \"somewhere\"}}",
  "{\"type\": \"Feature\", \"id\": \"n\", \"geometry\": {\"type\": \"Point\", \"coordinates\": "
  "[0.1234567890123456789, 1e1]}, \"properties\": {\"name\": \"\"}}",
  "{\"type\": \"Feature\", \"id\": \"place-1\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [3, 4]}, \"properties\": {\"name\": \"Clash\"}}",
  /* left to the tree reader */
  "{\"type\": \"Feature\", \"id\": \"\", \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": null, \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": 2.5, \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": 12345678901234567890, \"geometry\": null, "
  "\"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"u\", \"geometry\": null, \"properties\": "
  "{\"name\": \"caf\\u00e9 \\ud83d\\ude00\"}}",
  "{\"type\": \"Feature\", \"id\": \"w\", \"geometry\": null, \"properties\": {\"name\": 5}}",
  "{\"type\": \"Feature\", \"id\": \"x\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [190, 10]}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"y\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [180.0000000001, 91]}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"z\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [3000000, 5000000]}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"empty\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": []}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"one\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [1]}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"s\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [\"1\", 2]}, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"line\", \"geometry\": {\"type\": \"LineString\", "
  "\"coordinates\": [[1, 2], [3, 4]]}, \"properties\": {\"name\": \"Route\"}}",
  "{\"type\": \"Feature\", \"id\": \"nogeo\", \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"noprops\", \"geometry\": null}",
  "{\"type\": \"feature\", \"id\": \"t\", \"geometry\": null, \"properties\": {}}",
  "{\"id\": \"notype\", \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"v\", \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": 42, \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"42\", \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"names\", \"geometry\": null, \"properties\": "
  "{\"names\": {\"ar\": \"اسم\"}, \"label\": [1, 2], \"geonames\": 12, \"suggested\": true}}",
  "{\"type\": \"Feature\", \"id\": \"m\", \"geometry\": null, \"properties\": "
  "{\"mentions\": [{\"exact\": \"A\", \"start\": 0, \"end\": 1}]}}",
  "{\"type\": \"Feature\", \"id\": \"p\", \"geometry\": null, \"properties\": "
  "{\"precision\": 3, \"kind\": null}}",
  "{\"type\": \"Feature\", \"id\": \"arr\", \"geometry\": null, \"properties\": [1]}",
  "[1, 2]",
  "\"text\"",
  /* escapes the fast path reads */
  "{\"type\": \"Feature\", \"id\": \"\\u0041\\u00e9\\u4e2d\\ud83d\\ude00\", \"geometry\": null, "
  "\"properties\": {\"name\": \"x\\u0000y\", \"description\": \"\\b\\f\\r\\/\"}}",
  "{\"type\": \"Feat\\u0075re\", \"id\": \"esc\", \"geometry\": null, \"properties\": {}}",
  "{\"type\": \"Feature\", \"id\": \"esc\", \"geometry\": null, \"properties\": "
  "{\"n\\u0061me\": \"Escaped name\"}}",
};

static char *
collection (gboolean    story,
            const char *a,
            const char *b)
{
  return g_strdup_printf ("{\"type\": \"FeatureCollection\", %s\"features\": [\n"
                          "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                          "\"coordinates\": [10, 20]}, \"properties\": {\"name\": \"First\"}},"
                          "\n%s,\n%s\n]}",
                          story ? "\"dateline\": {\"version\": 1, \"article\": {\"text\": "
                                  "\"A story.\"}}, " : "", a, b);
}

static void
assert_same (const char *text)
{
  g_autofree char *difference = dl_test_compare_fast_path (text, strlen (text));

  if (difference != NULL)
    g_error ("for %s\n%s", text, difference);
}

/* Every variant, after itself and after those whose ids others repeat or clash with ("v",
 * 42, "42", "e", "place-1"), before and after, in a plain map and in a story. */
static void
test_variants (void)
{
  const guint before[] = { 0, 2, 5, 9, 27, 28, 29 };

  for (guint story = 0; story < 2; story++)
    for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
      for (guint k = 0; k <= G_N_ELEMENTS (before); k++)
        {
          guint j = k < G_N_ELEMENTS (before) ? before[k] : i;
          g_autofree char *first = collection (story, variants[j], variants[i]);
          g_autofree char *second = collection (story, variants[i], variants[j]);

          assert_same (first);
          assert_same (second);
        }
}

static DlStory *
load (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, "test.geojson", &error);

  g_assert_no_error (error);
  return story;
}

/* What a reader sees of features the fast path reads, against the file. */
static void
test_what_is_read (void)
{
  g_autofree char *text = collection (FALSE, variants[6], variants[7]);
  g_autoptr(DlStory) story = load (text);
  GListModel *places = dl_story_get_places (story);
  g_autoptr(DlPlace) first = g_list_model_get_item (places, 0);
  g_autoptr(DlPlace) quoted = g_list_model_get_item (places, 1);
  g_autoptr(DlPlace) free_data = g_list_model_get_item (places, 2);
  g_autoptr(GPtrArray) properties = dl_place_list_properties (free_data);
  const DlLonLat *p;
  guint n;

  g_assert_cmpuint (g_list_model_get_n_items (places), ==, 3);
  g_assert_cmpstr (dl_place_get_id (first), ==, "place-1");
  g_assert_cmpstr (dl_place_get_name (first), ==, "First");
  p = dl_place_get_part (first, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (p->lon, ==, 10);
  g_assert_cmpfloat (p->lat, ==, 20);

  g_assert_cmpstr (dl_place_get_id (quoted), ==, "q\"uote\\d/\n");
  g_assert_cmpstr (dl_place_get_name (quoted), ==, "Tab\there");
  g_assert_cmpstr (dl_place_get_description (quoted), ==, "“curly” ✓");
  g_assert_cmpstr (dl_place_get_precision (quoted), ==, "city");
  p = dl_place_get_part (quoted, 0, &n);
  g_assert_cmpfloat (p->lon, ==, 1.25);
  g_assert_cmpfloat (p->lat, ==, 2.5);

  /* free data in file order; another tool's precision is its own data */
  g_assert_cmpstr (dl_place_get_name (free_data), ==, "Free");
  g_assert_null (dl_place_get_precision (free_data));
  g_assert_cmpstr (dl_place_get_source (free_data), ==, "GeoNames");
  g_assert_cmpuint (properties->len, ==, 2);
  g_assert_cmpstr (((DlPlaceProperty *) properties->pdata[0])->key, ==, "population");
  g_assert_cmpstr (((DlPlaceProperty *) properties->pdata[0])->value, ==, "1200");
  g_assert_cmpstr (((DlPlaceProperty *) properties->pdata[1])->key, ==, "tags");
}

/* A map big enough to be read on every core: 8,200 features, every 97th one a variant
 * (of the first @n_variants), with repeated ids. */
static char *
big_map (gboolean story,
         guint    n_variants)
{
  GString *text = g_string_new ("{\"type\": \"FeatureCollection\", ");

  if (story)
    g_string_append (text, "\"dateline\": {\"version\": 1}, ");
  g_string_append (text, "\"features\": [\n");
  for (guint i = 0; i < 8200; i++)
    {
      if (i % 97 == 5)
        g_string_append (text, variants[(i / 97) % n_variants]);
      else
        g_string_append_printf (text, "{\"type\": \"Feature\", \"id\": \"p%u\", "
                                "\"geometry\": {\"type\": \"Point\", \"coordinates\": "
                                "[%d.%03u, %d.%02u]}, \"properties\": {\"name\": \"P %u\"}}",
                                i % 2000, (int) (i % 359) - 179, i % 1000,
                                (int) (i % 179) - 89, i % 100, i);
      g_string_append (text, i + 1 < 8200 ? ",\n" : "\n]}\n");
    }
  return g_string_free (text, FALSE);
}

static void
test_big_map (void)
{
  /* the variants that load, then all of them */
  g_autofree char *plain = big_map (FALSE, 13);
  g_autofree char *broken = big_map (FALSE, G_N_ELEMENTS (variants));
  g_autofree char *story = big_map (TRUE, G_N_ELEMENTS (variants));
  g_autoptr(DlStory) loaded = load (plain);

  /* every feature is a place, a repeated id made unique */
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (loaded)), ==, 8200);
  assert_same (plain);
  /* the problems, said the same way */
  assert_same (broken);
  assert_same (story);
}

static gboolean
record_progress (double   fraction,
                 gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
  return fraction < 0.5;
}

/* Read on every core, the progress still rises and a stop still stops. */
static void
test_big_map_progress (void)
{
  g_autofree char *plain = big_map (FALSE, 13);
  g_autoptr(GBytes) bytes = g_bytes_new (plain, strlen (plain));
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes_full (bytes, "big.geojson",
                                                           record_progress, fractions,
                                                           &error);

  g_assert_null (story);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* told by the reading thread as it takes its chunks, however many the others read */
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), >=, 0.5);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fast-path/variants", test_variants);
  g_test_add_func ("/fast-path/what-is-read", test_what_is_read);
  g_test_add_func ("/fast-path/big-map", test_big_map);
  g_test_add_func ("/fast-path/big-map-progress", test_big_map_progress);
  return g_test_run ();
}
