/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-place-detector"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "dl-place-detector.h"

static GPtrArray *
detect (const char *text)
{
  g_autoptr(GError) error = NULL;
  DlGazetteer *gazetteer = dl_gazetteer_get_default (&error);

  g_assert_no_error (error);
  return dl_place_detector_detect (gazetteer, text);
}

/* The detected place whose mentions include the text @exact, or NULL. */
static DlDetectedPlace *
find (GPtrArray  *places,
      const char *exact)
{
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);

      for (guint m = 0; m < p->mentions->len; m++)
        if (g_str_equal (g_array_index (p->mentions, DlMention, m).exact, exact))
          return p;
    }
  return NULL;
}

static void
assert_place (const char *text,
              const char *exact,
              const char *country_code)
{
  g_autoptr(GPtrArray) places = detect (text);
  DlDetectedPlace *p = find (places, exact);

  if (p == NULL)
    g_error ("“%s” not found as a place in “%s”", exact, text);
  if (!g_str_equal (p->info.country_code, country_code))
    g_error ("“%s” in “%s” placed in %s (%s), not %s", exact, text, p->info.country_code,
             p->info.name, country_code);
}

static void
assert_no_place (const char *text,
                 const char *exact)
{
  g_autoptr(GPtrArray) places = detect (text);
  DlDetectedPlace *p = find (places, exact);

  if (p != NULL)
    g_error ("“%s” taken for a place (%s, %s) in “%s”", exact, p->info.name,
             p->info.country_code, text);
}

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

/* The seed article: the places it names, placed right; nothing in a country it does not
 * talk about. */
static void
test_detector_seed_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) places = NULL;
  static const struct {
    const char *name;
    gint64 geonames_id;
    double lat, lon;
  } expected[] = {
    { "Damascus", 170654, 33.5102, 36.2913 },
    { "Homs", 169577, 34.7268, 36.7234 },
    { "Moscow", 524901, 55.7522, 37.6156 },
    { "Madrid", 3117735, 40.4165, -3.7026 },
    { "Manchester", 2643123, 53.4809, -2.2374 },
    { "Tripoli", 266826, 34.4335, 35.8441 },
    { "Golan Heights", 0, 33.0, 35.75 },
  };
  static const char * const countries[] = {
    "SY", "RU", "ES", "GB", "LB", "US", "IR", "AE", "SA", "UA", "IL", NULL,
  };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  places = detect (text);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      DlDetectedPlace *p = find (places, expected[i].name);

      g_assert_nonnull (p);
      g_assert_cmpstr (p->info.name, ==, expected[i].name);
      if (expected[i].geonames_id != 0)
        g_assert_cmpint (p->info.geonames_id, ==, expected[i].geonames_id);
      g_assert_cmpfloat (distance_km (p->info.lat, p->info.lon, expected[i].lat,
                                      expected[i].lon), <, 30);
    }
  g_assert_cmpstr (find (places, "Golan Heights")->info.country_code, ==, "SY");
  g_assert_cmpstr (find (places, "Golan Heights")->precision, ==, "region");
  g_assert_cmpstr (find (places, "Damascus")->precision, ==, "city");
  g_assert_cmpstr (find (places, "Syria")->precision, ==, "country");
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);

      if (p->info.country_code[0] != '\0' &&
          !g_strv_contains (countries, p->info.country_code))
        g_error ("%s placed in %s", p->info.name, p->info.country_code);
    }
  /* Every mention is the text at its offsets; in order. */
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);

      for (guint m = 0; m < p->mentions->len; m++)
        {
          DlMention *mention = &g_array_index (p->mentions, DlMention, m);
          g_autofree char *at = g_utf8_substring (text, mention->start, mention->end);

          g_assert_cmpstr (at, ==, mention->exact);
          if (m > 0)
            g_assert_cmpint (mention->start, >, g_array_index (p->mentions, DlMention,
                                                               m - 1).start);
        }
    }
}

static void
test_detector_names (void)
{
  /* Multi-word names, and case as news writes it. */
  assert_place ("She moved to New York last year.", "New York", "US");
  assert_no_place ("A new york-style bagel.", "york");
  assert_place ("Shelling continued in the Golan Heights.", "Golan Heights", "SY");
  assert_place ("Rain fell on Rio de Janeiro.", "Rio de Janeiro", "BR");

  /* Possessives. */
  {
    g_autoptr(GPtrArray) places = detect ("Crowds filled Damascus’s main squares.");
    DlDetectedPlace *p = find (places, "Damascus");
    DlMention *m;

    g_assert_nonnull (p);
    m = &g_array_index (p->mentions, DlMention, 0);
    g_assert_cmpint (m->start, ==, 14);
    g_assert_cmpint (m->end, ==, 22);
  }
  assert_place ("It is Syria's future.", "Syria", "SY");
  /* A hyphen and a lower-case suffix end a name. */
  assert_place ("An Australia-wide ban on horses.", "Australia", "AU");
  assert_place ("Talks on Nagorno-Karabakh resumed.", "Nagorno-Karabakh", "AZ");

  /* "the" forms and abbreviations, in capitals only. */
  assert_place ("Trade with the UAE grew.", "UAE", "AE");
  assert_place ("Officials in the U.S. said so.", "U.S.", "US");
  assert_place ("Officials in the US said so.", "US", "US");
  assert_no_place ("They told us nothing.", "us");
  assert_place ("Britain and Ivory Coast signed.", "Britain", "GB");
  assert_place ("Britain and Ivory Coast signed.", "Ivory Coast", "CI");
  assert_place ("Drought hit the Sahel again.", "Sahel", "");
  assert_place ("Tensions across the Levant rose.", "Levant", "");
  assert_place ("Boats crossed the eastern Mediterranean.", "Mediterranean", "");
  /* A feature's name is the feature, even where a town bears it and the text is American. */
  assert_place ("Oil rigs in the North Sea shut, the United States and Texas said.",
                "North Sea", "");
  /* The European Union is an organisation, not a place to put on a map. */
  assert_no_place ("Nine countries in the EU agreed.", "EU");
}

static void
test_detector_adjectival (void)
{
  g_autoptr(GPtrArray) places = detect ("Syrian forces and Russian state media.");
  DlDetectedPlace *syria = find (places, "Syrian");
  DlDetectedPlace *russia = find (places, "Russian");

  g_assert_nonnull (syria);
  g_assert_cmpstr (syria->info.country_code, ==, "SY");
  g_assert_cmpstr (syria->info.kind, ==, "country");
  g_assert_true (g_array_index (syria->mentions, DlMention, 0).adjectival);
  g_assert_nonnull (russia);
  g_assert_cmpstr (russia->info.country_code, ==, "RU");

  {
    g_autoptr(GPtrArray) other = detect ("Syria is at war.");

    g_assert_false (g_array_index (find (other, "Syria")->mentions, DlMention, 0).adjectival);
  }
  /* People, not places. */
  assert_no_place ("Thousands of Syrians gathered.", "Syrians");
}

static void
test_detector_persons (void)
{
  assert_no_place ("Michael Jordan scored 40 points.", "Jordan");
  assert_place ("Jordan closed its border with Syria.", "Jordan", "JO");
  assert_no_place ("Paris Hilton arrived late.", "Paris");
  assert_place ("She arrived in Paris late.", "Paris", "FR");
  /* Titles. */
  assert_no_place ("Later, President Lincoln spoke.", "Lincoln");
  assert_no_place ("Later, Mr. Lincoln spoke.", "Lincoln");
  assert_place ("The fair in Lincoln, Nebraska, opened.", "Lincoln", "US");
  /* A small place's name before any capitalised word, initials before a name. */
  assert_no_place ("Donald Trump and JD Vance spoke in Washington.", "Donald");
  assert_no_place ("Donald Trump and JD Vance spoke in Washington.", "Vance");
  assert_place ("Donald Trump and JD Vance spoke in Washington.", "Washington", "US");
  assert_no_place ("A rocket left the Kennedy Space Center.", "Kennedy");
  /* A name read as a person's once is a person's throughout. */
  assert_no_place ("Mr. Hilton left. Then Hilton spoke again.", "Hilton");
}

static void
test_detector_organisations (void)
{
  assert_no_place ("Real Madrid won the cup.", "Madrid");
  assert_place ("Fans in Madrid celebrated.", "Madrid", "ES");
  assert_no_place ("Manchester United lost.", "Manchester");
  assert_place ("Syrians gathered in Manchester.", "Manchester", "GB");
  {
    g_autoptr(GPtrArray) places = detect ("A gift from the Jordan River Foundation.");

    g_assert_cmpuint (places->len, ==, 0);
  }
  /* The place inside an organisation's name is still a place. */
  assert_place ("She studies at the University of California.", "California", "US");
}

static void
test_detector_common_words (void)
{
  {
    g_autoptr(GPtrArray) places = detect ("Nice to see you. Reading the report, he frowned.");

    g_assert_cmpuint (places->len, ==, 0);
  }
  assert_place ("The summit was held in Nice.", "Nice", "FR");
  /* A common word naming a small place: after "in", "near"…, not otherwise. */
  assert_place ("She died at the hospital in Paisley.", "Paisley", "GB");
  assert_no_place ("She wore a Paisley scarf.", "Paisley");
  /* Money. */
  assert_no_place ("A US$460 million settlement.", "US");
  /* Months and weekdays. */
  {
    g_autoptr(GPtrArray) places = detect ("In May, on Sunday, prices rose. March ended.");

    g_assert_cmpuint (places->len, ==, 0);
  }
  /* Acronyms that are not place names. */
  assert_no_place ("TASS reported the news.", "TASS");
  /* Lower case is not a name. */
  assert_no_place ("They ate turkey and china cabbage.", "turkey");
  assert_place ("Turkey closed the border.", "Turkey", "TR");
}

static void
test_detector_disambiguation (void)
{
  /* Tripoli: Lebanon's by the qualifier, though Libya's is larger; Libya's by default. */
  assert_place ("Syrians gathered in Tripoli in northern Lebanon.", "Tripoli", "LB");
  assert_place ("Fighting broke out in Tripoli, the capital.", "Tripoli", "LY");
  /* One sense per discourse. */
  {
    g_autoptr(GPtrArray) places =
      detect ("Crowds gathered in Tripoli in northern Lebanon. Later Tripoli was calm.");
    DlDetectedPlace *p = find (places, "Tripoli");

    g_assert_nonnull (p);
    g_assert_cmpstr (p->info.country_code, ==, "LB");
    g_assert_cmpuint (p->mentions->len, ==, 2);
  }
  /* Manchester: England's unless the text says New Hampshire. */
  assert_place ("Fans in Manchester cheered.", "Manchester", "GB");
  assert_place ("Voters in Manchester, New Hampshire, cheered.", "Manchester", "US");
  /* Paris: France's unless Texas. */
  assert_place ("Flights to Paris resumed.", "Paris", "FR");
  assert_place ("A storm hit Paris, Texas, on Monday.", "Paris", "US");
  /* Georgia: the country by default and near Tbilisi; the state among US places. */
  assert_place ("Protests in Georgia and Armenia grew; Tbilisi was calm.", "Georgia", "GE");
  assert_place ("Storms hit Atlanta and Savannah in Georgia, and Alabama too, the United "
                "States weather service said. Georgia declared an emergency.",
                "Georgia", "US");
  /* Names listed together are of a kind: a US state among states. */
  assert_place ("Cases rose in Arizona, California, Georgia, Idaho and Texas.", "Georgia", "US");
  /* A name with a possessive inside it; a possessive after a name. */
  assert_place ("The People's Republic of China protested.", "People's Republic of China",
                "CN");
  assert_place ("Moscow's Sheremetyevo airport reopened.", "Moscow", "RU");
  assert_place ("Riots in Northern Ireland spread.", "Northern Ireland", "GB");
  {
    g_autoptr(GPtrArray) places = detect ("Rents in New York rose.");
    DlDetectedPlace *p = find (places, "New York");

    g_assert_nonnull (p);
    g_assert_cmpstr (p->info.kind, ==, "city");
  }
  /* A region by its qualifier. */
  {
    g_autoptr(GPtrArray) places = detect ("Rebels advanced in Homs province, Syria.");
    DlDetectedPlace *p = find (places, "Homs");

    g_assert_nonnull (p);
    g_assert_cmpstr (p->info.feature_code, ==, "ADM1");
    g_assert_cmpstr (p->precision, ==, "region");
  }
}

static void
test_detector_offsets (void)
{
  /* Offsets count code points, not bytes: accents, curly quotes, an emoji, Arabic. */
  const char *text = "Café “Zürich” 🙂 — in Damascus’s old city (دمشق), then Homs.";
  g_autoptr(GPtrArray) places = detect (text);
  static const char * const names[] = { "Damascus", "دمشق", "Homs" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DlDetectedPlace *p = find (places, names[i]);
      gboolean seen = FALSE;

      g_assert_nonnull (p);
      for (guint m = 0; m < p->mentions->len; m++)
        {
          DlMention *mention = &g_array_index (p->mentions, DlMention, m);
          g_autofree char *at = g_utf8_substring (text, mention->start, mention->end);

          g_assert_cmpstr (at, ==, mention->exact);
          seen |= g_str_equal (at, names[i]);
        }
      g_assert_true (seen);
    }
  g_assert_true (find (places, "دمشق") == find (places, "Damascus"));
  {
    DlMention *m = &g_array_index (find (places, "Damascus")->mentions, DlMention, 0);

    g_assert_cmpint (m->start, ==, 21);
    g_assert_cmpint (m->end, ==, 29);
  }
}

/* Found by fuzz-detector (a timeout under ASan): a long text full of names and JSON, here
 * the bundled story's raw file. Its places are found and every mention is in the text. */
static void
test_detector_long_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "stories",
                                                 "assad-moscow-2024.geojson", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) places = NULL;
  glong length;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  length = g_utf8_strlen (text, -1);
  places = detect (text);
  g_assert_nonnull (find (places, "Damascus"));
  g_assert_cmpstr (find (places, "Damascus")->info.country_code, ==, "SY");
  for (guint i = 0; i < places->len; i++)
    {
      DlDetectedPlace *p = g_ptr_array_index (places, i);

      for (guint m = 0; m < p->mentions->len; m++)
        {
          DlMention *mention = &g_array_index (p->mentions, DlMention, m);

          g_assert_cmpint (mention->start, >=, 0);
          g_assert_cmpint (mention->end, <=, length);
          g_assert_cmpint (mention->start, <, mention->end);
        }
    }
}

static void
test_detector_bad_input (void)
{
  g_autoptr(GPtrArray) invalid = detect ("Damascus \xff\xfe Homs");
  g_autoptr(GPtrArray) empty = detect ("");
  g_autoptr(GPtrArray) punct = detect ("’s ’s . , — U.S");

  g_assert_cmpuint (invalid->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  (void) punct;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/place-detector/seed-article", test_detector_seed_article);
  g_test_add_func ("/place-detector/names", test_detector_names);
  g_test_add_func ("/place-detector/adjectival", test_detector_adjectival);
  g_test_add_func ("/place-detector/persons", test_detector_persons);
  g_test_add_func ("/place-detector/organisations", test_detector_organisations);
  g_test_add_func ("/place-detector/common-words", test_detector_common_words);
  g_test_add_func ("/place-detector/disambiguation", test_detector_disambiguation);
  g_test_add_func ("/place-detector/offsets", test_detector_offsets);
  g_test_add_func ("/place-detector/long-text", test_detector_long_text);
  g_test_add_func ("/place-detector/bad-input", test_detector_bad_input);

  return g_test_run ();
}
