/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-gazetteer"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-gazetteer-format.h"
#include "dl-gazetteer.h"
#include "dl-place-detector.h"
#include "dl-resources.h"

static DlGazetteer *
gazetteer (void)
{
  g_autoptr(GError) error = NULL;
  DlGazetteer *g = dl_gazetteer_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (g);
  return g;
}

/* The entry named @name (folded) in @country_code with the most people. */
static gboolean
find (const char       *name,
      const char       *country_code,
      DlGazetteerEntry *out)
{
  g_autoptr(GArray) hits = dl_gazetteer_lookup (gazetteer (), name);
  gboolean found = FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      DlGazetteerEntry e;

      g_assert_true (dl_gazetteer_get_entry (gazetteer (), g_array_index (hits, guint32, i), &e));
      if (g_str_equal (e.country_code, country_code) &&
          (!found || e.population > out->population))
        {
          *out = e;
          found = TRUE;
        }
    }
  return found;
}

static void
test_gazetteer_lookup_city (void)
{
  DlGazetteerEntry e;

  g_assert_true (find ("Damascus", "SY", &e));
  g_assert_cmpstr (e.name, ==, "Damascus");
  g_assert_cmpint (e.geonames_id, ==, 170654);
  g_assert_cmpstr (e.kind, ==, "capital");
  g_assert_cmpstr (e.feature_code, ==, "PPLC");
  g_assert_cmpstr (e.country_name, ==, "Syria");
  g_assert_cmpfloat_with_epsilon (e.lat, 33.51, 0.05);
  g_assert_cmpfloat_with_epsilon (e.lon, 36.29, 0.05);
  g_assert_cmpuint (e.population, >, 1000000);

  /* Case, accents and apostrophes do not matter. */
  g_assert_true (find ("TRIPOLI", "LB", &e));
  g_assert_cmpstr (e.admin1_name, ==, "North Lebanon");
  g_assert_true (find ("Tripoli", "LY", &e));
  g_assert_cmpstr (e.kind, ==, "capital");
  g_assert_true (find ("Sao Paulo", "BR", &e));
  g_assert_cmpstr (e.name, ==, "São Paulo");
  g_assert_true (find ("Manchester", "US", &e));

  /* Nothing for a name that no place has. */
  g_assert_false (find ("Xyzzyville", "US", &e));
  {
    g_autoptr(GArray) none = dl_gazetteer_lookup (gazetteer (), "   ");
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_gazetteer_lookup_country (void)
{
  DlGazetteerEntry e;

  g_assert_true (find ("Syria", "SY", &e));
  g_assert_cmpstr (e.kind, ==, "country");
  g_assert_cmpstr (e.feature_code, ==, "PCLI");
  g_assert_cmpint (e.geonames_id, ==, 0);
  g_assert_true (find ("Syrian Arab Republic", "SY", &e));
  g_assert_true (find ("Britain", "GB", &e));
  g_assert_cmpstr (e.name, ==, "United Kingdom");
  g_assert_true (find ("the UAE", "AE", &e) || find ("UAE", "AE", &e));
  g_assert_true (find ("Ivory Coast", "CI", &e));
  g_assert_true (find ("Turkey", "TR", &e));
  g_assert_true (find ("Syrian", "SY", &e));
  g_assert_cmpstr (e.kind, ==, "country");
}

static void
test_gazetteer_lookup_regions (void)
{
  DlGazetteerEntry e;

  g_assert_true (find ("Golan Heights", "SY", &e));
  g_assert_cmpstr (e.kind, ==, "territory");
  g_assert_cmpfloat_with_epsilon (e.lat, 33.0, 0.3);
  g_assert_true (find ("Gaza Strip", "PS", &e));
  g_assert_true (find ("West Bank", "PS", &e));
  g_assert_true (find ("Crimea", "UA", &e));
  g_assert_true (find ("Homs", "SY", &e));
  g_assert_true (find ("Levant", "", &e));
  g_assert_cmpstr (e.kind, ==, "region");
  g_assert_true (find ("Sahel", "", &e));
  g_assert_true (find ("Mediterranean Sea", "", &e));
  g_assert_cmpstr (e.kind, ==, "sea");
  g_assert_true (find ("Euphrates River", "", &e));
  g_assert_cmpstr (e.kind, ==, "river");
}

static void
test_gazetteer_lookup_arabic (void)
{
  DlGazetteerEntry e;
  const char *ar;

  g_assert_true (find ("دمشق", "SY", &e));
  g_assert_cmpint (e.geonames_id, ==, 170654);
  ar = dl_gazetteer_get_localized_name (gazetteer (), e.index, "ar");
  g_assert_cmpstr (ar, ==, "دمشق");
  g_assert_cmpstr (dl_gazetteer_get_localized_name (gazetteer (), e.index, "es"), ==, "Damasco");
  g_assert_null (dl_gazetteer_get_localized_name (gazetteer (), e.index, "xx"));

  /* Hamza on the alef, and vowel marks, do not matter. */
  g_assert_true (find ("سوريا", "SY", &e));
  g_assert_cmpstr (e.kind, ==, "country");
  g_assert_true (find ("موسكو", "RU", &e));
  g_assert_true (find ("Moscú", "RU", &e));
  g_assert_true (find ("Siria", "SY", &e));
}

static void
test_gazetteer_geonames_id (void)
{
  g_autoptr(GArray) hits = dl_gazetteer_find_by_geonames_id (gazetteer (), 524901);
  DlGazetteerEntry e;

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (dl_gazetteer_get_entry (gazetteer (), g_array_index (hits, guint32, 0), &e));
  g_assert_cmpstr (e.name, ==, "Moscow");
  g_assert_cmpstr (e.country_code, ==, "RU");
  g_assert_false (dl_gazetteer_get_entry (gazetteer (), dl_gazetteer_get_n_entries (gazetteer ()),
                                          &e));
}

static void
test_gazetteer_search (void)
{
  g_autoptr(GArray) hits = dl_gazetteer_search (gazetteer (), "trip", 10);
  gboolean lebanon = FALSE, libya = FALSE;

  g_assert_cmpuint (hits->len, >=, 3);
  g_assert_cmpuint (hits->len, <=, 10);
  for (guint i = 0; i < hits->len; i++)
    {
      DlGazetteerEntry e;

      dl_gazetteer_get_entry (gazetteer (), g_array_index (hits, guint32, i), &e);
      g_test_message ("%s, %s (%s)", e.name, e.country_name, e.kind);
      lebanon |= g_str_equal (e.name, "Tripoli") && g_str_equal (e.country_code, "LB");
      libya |= g_str_equal (e.name, "Tripoli") && g_str_equal (e.country_code, "LY");
    }
  g_assert_true (lebanon);
  g_assert_true (libya);

  /* Countries first, then capitals. */
  {
    g_autoptr(GArray) g = dl_gazetteer_search (gazetteer (), "georgia", 5);
    DlGazetteerEntry e;

    dl_gazetteer_get_entry (gazetteer (), g_array_index (g, guint32, 0), &e);
    g_assert_cmpstr (e.kind, ==, "country");
    g_assert_cmpstr (e.country_code, ==, "GE");
  }
  {
    g_autoptr(GArray) none = dl_gazetteer_search (gazetteer (), "", 5);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_gazetteer_fold (void)
{
  g_autofree char *a = dl_gazetteer_fold ("  Côte d’Ivoire ", -1);
  g_autofree char *b = dl_gazetteer_fold ("Washington, D.C.", -1);
  g_autofree char *c = dl_gazetteer_fold ("أَلْقُدْس", -1);
  g_autofree char *d = dl_gazetteer_fold ("\xff\xfe", 2);
  g_autofree char *e = dl_gazetteer_fold ("Doğubayazıt, Łódź, Øresund, Straße", -1);

  g_assert_cmpstr (a, ==, "cote divoire");
  g_assert_cmpstr (b, ==, "washington dc");
  g_assert_cmpstr (c, ==, "القدس");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (e, ==, "dogubayazit lodz oresund strasse");
}

/* A damaged blob is an error with a message, never a crash. */
static void
test_gazetteer_corrupt (void)
{
  g_autoptr(GBytes) good = dl_resources_lookup ("gazetteer/gazetteer.bin", NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  static const gsize cuts[] = { 0, 4, 31, 32, 1000 };
  DlGazetteerFileHeader header;

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, cuts[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(DlGazetteer) g = dl_gazetteer_new_from_bytes (bytes, &error);

      g_assert_null (g);
      g_assert_error (error, DL_GAZETTEER_ERROR, DL_GAZETTEER_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "gazetteer"));
    }

  memcpy (&header, data, sizeof header);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      DlGazetteerFileHeader *h = (DlGazetteerFileHeader *) copy;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DlGazetteer) g = NULL;

      switch (i)
        {
        case 0: h->n_entries = G_MAXUINT32; break;
        case 1: h->names_offset = (guint32) size; h->n_names = 1; break;
        default: h->strings_size = 0; break;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&copy), size);
      g = dl_gazetteer_new_from_bytes (bytes, &error);
      g_assert_null (g);
      g_assert_error (error, DL_GAZETTEER_ERROR, DL_GAZETTEER_ERROR_CORRUPT);
    }

  /* Records are checked as they are read: a damaged entry or name is skipped, the rest
   * still serves. */
  {
    g_autofree guint8 *copy = g_memdup2 (data, size);
    DlGazetteerFileHeader *h = (DlGazetteerFileHeader *) copy;
    DlGazetteerFileEntry *entries = (DlGazetteerFileEntry *) (copy + h->entries_offset);
    DlGazetteerFileName *names = (DlGazetteerFileName *) (copy + h->names_offset);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DlGazetteer) g = NULL;
    g_autoptr(GArray) hits = NULL;
    g_autoptr(GArray) found = NULL;
    g_autoptr(GPtrArray) places = NULL;
    DlGazetteerEntry e;

    entries[7].name = G_MAXUINT32;
    entries[8].lat_e5 = 100000000;
    for (guint32 i = 0; i + 1 < h->n_names; i += 2)
      {
        names[i].entry = G_MAXUINT32;
        names[i + 1].folded = G_MAXUINT32 - i;
      }
    bytes = g_bytes_new_take (g_steal_pointer (&copy), size);
    g = dl_gazetteer_new_from_bytes (bytes, &error);
    g_assert_no_error (error);
    g_assert_false (dl_gazetteer_get_entry (g, 7, &e));
    g_assert_false (dl_gazetteer_get_entry (g, 8, &e));
    g_assert_null (dl_gazetteer_get_localized_name (g, 7, "ar"));
    g_assert_true (dl_gazetteer_get_entry (g, 9, &e));
    hits = dl_gazetteer_lookup (g, "Damascus");
    found = dl_gazetteer_search (g, "da", 20);
    places = dl_place_detector_detect (g, "Damascus, Homs and Tripoli in northern Lebanon.");
    for (guint i = 0; i < hits->len; i++)
      g_assert_cmpuint (g_array_index (hits, guint32, i), <, dl_gazetteer_get_n_entries (g));
    for (guint i = 0; i < found->len; i++)
      g_assert_cmpuint (g_array_index (found, guint32, i), <, dl_gazetteer_get_n_entries (g));
  }

  /* The intact blob, copied to an odd address, still loads. */
  {
    g_autofree guint8 *odd = g_malloc (size + 1);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DlGazetteer) g = NULL;
    g_autoptr(GArray) hits = NULL;

    memcpy (odd + 1, data, size);
    bytes = g_bytes_new_static (odd + 1, size);
    g = dl_gazetteer_new_from_bytes (bytes, &error);
    g_assert_no_error (error);
    hits = dl_gazetteer_lookup (g, "Homs");
    g_assert_cmpuint (hits->len, >, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gazetteer/lookup/city", test_gazetteer_lookup_city);
  g_test_add_func ("/gazetteer/lookup/country", test_gazetteer_lookup_country);
  g_test_add_func ("/gazetteer/lookup/regions", test_gazetteer_lookup_regions);
  g_test_add_func ("/gazetteer/lookup/arabic", test_gazetteer_lookup_arabic);
  g_test_add_func ("/gazetteer/geonames-id", test_gazetteer_geonames_id);
  g_test_add_func ("/gazetteer/search", test_gazetteer_search);
  g_test_add_func ("/gazetteer/fold", test_gazetteer_fold);
  g_test_add_func ("/gazetteer/corrupt", test_gazetteer_corrupt);

  return g_test_run ();
}
