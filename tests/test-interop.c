/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Other tools' GeoJSON (tests/data/interop/): each file opens with the places, warnings or
 * error listed in expected.txt, and GDAL's ogrinfo is asked the same, each disagreement
 * with its reason. Then Export Places: KML, GPX and CSV read back with ogrinfo. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-interop"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-export-formats.h"
#include "dl-geojson-lenient.h"
#include "dl-place.h"
#include "dl-story.h"

static char *tmpdir;

static char *
interop_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "interop", name, NULL);
}

static DlStory *
load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

/* ogrinfo's output for @args; NULL when it refuses the file. */
static char *
ogrinfo (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "ogrinfo");
  g_ptr_array_add (argv, (gpointer) "-ro");
  g_ptr_array_add (argv, (gpointer) "-al");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

/* The features of every layer, or -1 when ogrinfo refuses the file. */
static int
ogr_feature_count (const char *path)
{
  const char *args[] = { "-so", path, NULL };
  g_autofree char *out = ogrinfo (args);
  int count = 0;
  gboolean found = FALSE;

  if (out == NULL)
    return -1;
  for (const char *p = strstr (out, "Feature Count: "); p != NULL;
       p = strstr (p + 1, "Feature Count: "))
    {
      count += atoi (p + strlen ("Feature Count: "));
      found = TRUE;
    }
  return found ? count : -1;
}

static void
test_ogrinfo_installed (void)
{
  g_autofree char *found = g_find_program_in_path ("ogrinfo");

  /* make test installs gdal-bin (DEBIAN_PACKAGES): without it nothing here is checked */
  g_assert_nonnull (found);
}

static void
test_corpus (void)
{
  g_autofree char *expected_path = interop_path ("expected.txt");
  g_autofree char *dir_path = interop_path (NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;
  guint n_files = 0, n_disagree = 0;

  g_file_get_contents (expected_path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(DlStory) story = NULL;
      g_autofree char *first = NULL;
      gsize length = 0;
      int ogr, ours;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      f = g_strsplit (lines[i], "\t", 5);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_hash_table_add (listed, g_strdup (f[0]));
      n_files++;

      path = interop_path (f[0]);
      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
      problems = dl_story_check_bytes_full (bytes, f[0], &story);

      /* the first line --check prints: an error, else the first warning */
      if (problems->len > 0)
        first = g_strdup (g_ptr_array_index (problems, 0));
      else if (story != NULL && dl_story_get_warnings (story) != NULL)
        first = g_strdup (dl_story_get_warnings (story)[0]);
      g_test_message ("%s: %s", f[0], first != NULL ? first : "OK");

      if (g_str_equal (f[1], "error"))
        {
          g_autofree char *prefix = g_strdup_printf ("%s:", f[0]);

          g_assert_null (story);
          g_assert_cmpuint (problems->len, >, 0);
          ours = -1;
          /* one clear line: the projected coordinates are said once */
          g_assert_cmpuint (problems->len, ==, 1);
          g_assert_true (g_str_has_prefix (first, prefix));
        }
      else
        {
          g_assert_cmpuint (problems->len, ==, 0);
          g_assert_nonnull (story);
          ours = atoi (f[1]);
          g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, ours);
        }

      if (f[2][0] == '\0')
        g_assert_null (first);
      else
        {
          g_autofree char *wanted = g_strdup_printf ("%s:%s", f[0], f[2]);

          g_assert_nonnull (first);
          if (!g_str_has_prefix (first, wanted))
            g_error ("%s\nexpected to start with\n%s", first, wanted);
        }

      ogr = ogr_feature_count (path);
      if (g_str_equal (f[3], "refused"))
        g_assert_cmpint (ogr, ==, -1);
      else
        g_assert_cmpint (ogr, ==, atoi (f[3]));

      /* a disagreement is listed with its reason, and only a disagreement */
      if (ours != ogr)
        {
          n_disagree++;
          if (f[4][0] == '\0')
            g_error ("%s: we read %d places, ogrinfo %d features, and no reason is given",
                     f[0], ours, ogr);
        }
      else
        g_assert_cmpstr (f[4], ==, "");
    }

  /* every file of the corpus is listed */
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "expected.txt") && !g_str_equal (name, "README.md") &&
        !g_hash_table_contains (listed, name))
      g_error ("%s is in tests/data/interop/ but not in expected.txt", name);

  g_test_message ("%u files, %u disagreements with ogrinfo, each with its reason", n_files,
                  n_disagree);
  g_assert_cmpuint (n_files, >=, 30);
}

/* What a user sees of the cases: names, places without a location, wrapping. */
static void
test_cases_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlPlace) place = NULL;
  DlLonLat sw, ne;

  /* \u0000 is shown as U+FFFD and the rest of the string is kept */
  path = interop_path ("nul-escape.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  place = g_list_model_get_item (dl_story_get_places (story), 0);
  g_assert_cmpstr (dl_place_get_name (place), ==, "before\xEF\xBF\xBD" "after");
  g_clear_object (&place);
  g_clear_object (&story);
  g_clear_object (&file);
  g_clear_pointer (&path, g_free);

  /* free-form properties: a name of another type is not used, a title is */
  path = interop_path ("free-form-properties.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  place = g_list_model_get_item (dl_story_get_places (story), 0);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Shown by its title");
  g_assert_null (dl_place_get_precision (place));
  g_assert_null (dl_place_get_kind (place));
  g_clear_object (&place);
  place = g_list_model_get_item (dl_story_get_places (story), 1);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Lyon");
  g_assert_null (dl_place_get_precision (place));
  g_clear_object (&place);
  g_clear_object (&story);
  g_clear_object (&file);
  g_clear_pointer (&path, g_free);

  /* ids of a plain map: 1 and "1" both kept, -99 twice */
  path = interop_path ("ids-number-and-string.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  place = g_list_model_get_item (dl_story_get_places (story), 2);
  g_assert_cmpstr (dl_place_get_id (place), ==, "2.5");
  g_clear_object (&place);
  place = g_list_model_get_item (dl_story_get_places (story), 4);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Somaliland");
  g_clear_object (&place);
  g_clear_object (&story);
  g_clear_object (&file);
  g_clear_pointer (&path, g_free);

  /* a line written past 180 stays one line, east of 180 */
  path = interop_path ("line-past-180.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  place = g_list_model_get_item (dl_story_get_places (story), 0);
  dl_place_get_bounds (place, &sw, &ne);
  g_assert_cmpfloat_with_epsilon (sw.lon, 178.44, 1e-9);
  g_assert_cmpfloat_with_epsilon (ne.lon, 188.23, 1e-9);
  g_clear_object (&place);
  /* a point written at 188.23 is at -171.77 */
  place = g_list_model_get_item (dl_story_get_places (story), 1);
  g_assert_cmpfloat_with_epsilon (dl_place_get_anchor (place).lon, -171.77, 1e-9);
  g_clear_object (&place);
  g_clear_object (&story);
  g_clear_object (&file);
  g_clear_pointer (&path, g_free);

  /* noise past 180 and -90 is the limit itself */
  path = interop_path ("noise-past-limits.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (dl_story_get_warnings (story));
  place = g_list_model_get_item (dl_story_get_places (story), 0);
  dl_place_get_bounds (place, &sw, &ne);
  g_assert_cmpfloat (ne.lon, ==, 180);
  g_assert_cmpfloat (sw.lat, ==, -90);
  g_clear_object (&place);
  g_clear_object (&story);
  g_clear_object (&file);
  g_clear_pointer (&path, g_free);

  /* a GeometryCollection feature: its area is drawn (the point beside it is not) */
  path = interop_path ("geometry-collection-feature.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  place = g_list_model_get_item (dl_story_get_places (story), 0);
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_AREA);
  g_assert_cmpuint (dl_place_get_n_parts (place), ==, 1);
  g_clear_object (&place);
  g_clear_object (&story);
  g_clear_object (&file);
  g_clear_pointer (&path, g_free);

  /* empty geometries: places without a location, listed, not drawn */
  path = interop_path ("empty-coordinates.geojson");
  file = g_file_new_for_path (path);
  story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  place = g_list_model_get_item (dl_story_get_places (story), 1);
  g_assert_cmpstr (dl_place_get_name (place), ==, "No area");
  g_assert_false (dl_place_has_location (place));
  g_clear_object (&place);
}

/* Bytes that do not end in a NUL (found by fuzz-story: the \u0000 copy read one past). */
static void
test_nul_escape_exact_bytes (void)
{
  static const char text[] = "{\"type\": \"Point\", \"coordinates\": [1, 2], "
                             "\"x\": \"\\u0000\"}";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes (bytes, "exact.geojson", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 1);
}

/* A ring written across 180° with jumps (Natural Earth's Fiji as ogr2ogr writes it) is
 * one continuous shape; a ring round the world's edge, or round a pole, is left as is. */
static void
test_unwrap_ring (void)
{
  DlLonLat fiji[] = { { -180, -16.07 }, { -179.8, -16.02 }, { -180, -16.56 },
                      { 179.36, -16.8 }, { 179.41, -16.38 }, { 180, -16.07 },
                      { -180, -16.07 } };
  DlLonLat edge[] = { { -180, -90 }, { -180, 90 }, { 180, 90 }, { 180, -90 }, { -180, -90 } };
  DlLonLat pole[] = { { -58, -64 }, { 180, -84.7 }, { 180, -90 }, { -180, -90 },
                      { -180, -84.7 }, { -58, -64 } };

  g_assert_true (dl_geojson_unwrap_ring (fiji, G_N_ELEMENTS (fiji)));
  g_assert_cmpfloat_with_epsilon (fiji[3].lon, -180.64, 1e-9);
  g_assert_cmpfloat_with_epsilon (fiji[5].lon, -180, 1e-9);
  g_assert_cmpfloat_with_epsilon (fiji[6].lon, -180, 1e-9);
  g_assert_false (dl_geojson_unwrap_ring (edge, G_N_ELEMENTS (edge)));
  g_assert_cmpfloat (edge[2].lon, ==, 180);
  g_assert_false (dl_geojson_unwrap_ring (pole, G_N_ELEMENTS (pole)));
  g_assert_cmpfloat (pole[3].lon, ==, -180);
}

/* Longitude ranges across 180°: the fit's frame. */
static void
test_lon_ranges (void)
{
  const double fiji_w[] = { 177.2, 178.4, -179.97, -178.8 };
  const double fiji_e[] = { 178.7, 178.4, -179.97, -178.8 };
  const double world_w[] = { -120, 100, 10 };
  const double world_e[] = { -100, 120, 20 };
  const double past_w[] = { 170, -175 };
  const double past_e[] = { 190, -170 };
  double w, e;

  g_assert_false (dl_lon_ranges_union (fiji_w, fiji_e, 0, &w, &e));

  /* Fiji: a few degrees across 180, not the whole world */
  g_assert_true (dl_lon_ranges_union (fiji_w, fiji_e, 4, &w, &e));
  g_assert_cmpfloat_with_epsilon (w, 177.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (e, 181.2, 1e-9);

  /* ordinary places keep the box as written */
  g_assert_true (dl_lon_ranges_union (world_w, world_e, 3, &w, &e));
  g_assert_cmpfloat_with_epsilon (w, -120, 1e-9);
  g_assert_cmpfloat_with_epsilon (e, 120, 1e-9);

  /* a range written past 180 */
  g_assert_true (dl_lon_ranges_union (past_w, past_e, 2, &w, &e));
  g_assert_cmpfloat_with_epsilon (w, 170, 1e-9);
  g_assert_cmpfloat_with_epsilon (e, 190, 1e-9);
}

/* How far east of @from @lon is, in [0, 360). */
static double
east_of (double from,
         double lon)
{
  double d = fmod (lon - from, 360);

  if (d < 0)
    d += 360;
  return d >= 360 - 1e-9 ? 0 : d;
}

/* Many ranges, shuffled, some across 180° and with equal west ends: the union is the
 * narrowest box that starts at one of the west ends and holds every range (checked one
 * start at a time). */
static void
test_lon_ranges_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint trial = 0; trial < 40; trial++)
    {
      guint n = 1 + g_rand_int_range (rand, 0, trial < 20 ? 8 : 3000);
      double centre = g_rand_double_range (rand, -180, 180);
      double spread = g_rand_double_range (rand, 0.5, trial % 3 == 0 ? 400 : 90);
      g_autofree double *west = g_new (double, n);
      g_autofree double *east = g_new (double, n);
      double w, e, best = G_MAXDOUBLE;

      for (guint i = 0; i < n; i++)
        {
          /* whole tenths of a degree: equal west ends happen */
          west[i] = round (10 * (centre + g_rand_double_range (rand, -spread, spread) / 2)) / 10;
          east[i] = west[i] + (g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0, 5));
        }
      g_assert_true (dl_lon_ranges_union (west, east, n, &w, &e));
      for (guint s = 0; s < n; s++)
        {
          double reach = 0;

          for (guint i = 0; i < n; i++)
            reach = MAX (reach, east_of (west[s], west[i]) + (east[i] - west[i]));
          best = MIN (best, reach);
        }
      g_assert_cmpfloat (e, >=, w);
      g_assert_cmpfloat_with_epsilon (MIN (e - w, 360), MIN (best, 360), 1e-6);
      /* every range is inside the box, going round from its west end */
      for (guint i = 0; i < n && e - w < 360; i++)
        g_assert_cmpfloat (east_of (w, west[i]) + (east[i] - west[i]), <=, e - w + 1e-6);
    }
}

static char *
export_to (DlStory        *story,
           DlPlacesFormat  format,
           const char     *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_places_export_to_file (story, format, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
test_export_kml (void)
{
  g_autoptr(DlStory) story = load_data ("places-export.geojson");
  g_autofree char *path = export_to (story, DL_PLACES_FORMAT_KML, "places.kml");
  const char *args[] = { path, NULL };
  g_autofree char *out = ogrinfo (args);

  g_assert_nonnull (out);
  assert_contains (out, "Feature Count: 5");
  /* escaped and read back as written; a control character becomes U+FFFD */
  assert_contains (out, "Name (String) = Suva & Co. <\"Fiji's\" capital>\xEF\xBF\xBD\n");
  assert_contains (out, "description (String) = Departure; Arrival at \"Suva\" & <Nadi>\n");
  assert_contains (out, "kind (String) = city");
  assert_contains (out, "POINT (178.4419 -18.1416)");
  /* the route across 180: each position within ±180 */
  assert_contains (out, "LINESTRING (178.44 -18.14,-175 -16,-171.77 -13.83)");
  /* the area with its hole */
  assert_contains (out, "POLYGON ((100 0,101 0,101 1,100 1,100 0),"
                        "(100.2 0.2,100.2 0.8,100.8 0.8,100.8 0.2,100.2 0.2))");
  /* the place without a location is still a placemark */
  assert_contains (out, "Name (String) = Somewhere unmapped");
}

static void
test_export_gpx (void)
{
  g_autoptr(DlStory) story = load_data ("places-export.geojson");
  g_autofree char *path = export_to (story, DL_PLACES_FORMAT_GPX, "places.gpx");
  const char *waypoints[] = { path, "waypoints", NULL };
  const char *tracks[] = { path, "tracks", NULL };
  g_autofree char *wpt = ogrinfo (waypoints);
  g_autofree char *trk = ogrinfo (tracks);

  g_assert_nonnull (wpt);
  g_assert_nonnull (trk);
  /* a waypoint per located place, at its marker */
  assert_contains (wpt, "Feature Count: 4");
  assert_contains (wpt, "name (String) = Suva & Co. <\"Fiji's\" capital>\xEF\xBF\xBD\n");
  assert_contains (wpt, "desc (String) = Departure; Arrival at \"Suva\" & <Nadi>\n");
  assert_contains (wpt, "type (String) = city");
  assert_contains (wpt, "POINT (178.4419 -18.1416)");
  assert_contains (wpt, "POINT (100.5 0.5)");
  g_assert_null (strstr (wpt, "Somewhere unmapped"));
  /* a track per route */
  assert_contains (trk, "Feature Count: 1");
  assert_contains (trk, "name (String) = Suva to Apia");
  assert_contains (trk, "MULTILINESTRING ((178.44 -18.14,-175 -16,-171.77 -13.83))");
}

static void
test_export_csv (void)
{
  g_autoptr(DlStory) story = load_data ("places-export.geojson");
  g_autofree char *path = export_to (story, DL_PLACES_FORMAT_CSV, "places.csv");
  const char *args[] = { path, NULL };
  g_autofree char *out = ogrinfo (args);
  g_autofree char *text = NULL;

  g_assert_nonnull (out);
  assert_contains (out, "Feature Count: 5");
  assert_contains (out, "name (String) = Suva & Co. <\"Fiji's\" capital>\xEF\xBF\xBD\n");
  assert_contains (out, "lat (String) = -18.1416\n");
  assert_contains (out, "lon (String) = 178.4419\n");
  assert_contains (out, "events (String) = Departure; Arrival at \"Suva\" & <Nadi>\n");
  /* a formula stays text in a spreadsheet */
  assert_contains (out, "name (String) = '=HYPERLINK(\"http://example.com\")\n");
  assert_contains (out, "kind (String) = '+1\n");

  g_file_get_contents (path, &text, NULL, NULL);
  g_assert_true (g_str_has_prefix (text, "name,lat,lon,kind,events\r\n"));
  /* no position for a place without one */
  assert_contains (text, "\"Somewhere unmapped\",,,,\"\"\r\n");
}

static void
test_export_formats_from_path (void)
{
  DlPlacesFormat format;

  g_assert_true (dl_places_format_from_path ("a.KML", &format));
  g_assert_cmpint (format, ==, DL_PLACES_FORMAT_KML);
  g_assert_true (dl_places_format_from_path ("/x/b.gpx", &format));
  g_assert_cmpint (format, ==, DL_PLACES_FORMAT_GPX);
  g_assert_true (dl_places_format_from_path ("c.csv", &format));
  g_assert_cmpint (format, ==, DL_PLACES_FORMAT_CSV);
  g_assert_false (dl_places_format_from_path ("d.png", &format));
  g_assert_false (dl_places_format_from_path ("kml", &format));
}

/* A file that cannot be written: an error naming it, the old file untouched. */
static void
test_export_unwritable (void)
{
  g_autoptr(DlStory) story = load_data ("places-export.geojson");
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-dateline-dir/places.kml");
  g_autoptr(GError) error = NULL;

  g_assert_false (dl_places_export_to_file (story, DL_PLACES_FORMAT_KML, file, NULL, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  assert_contains (error->message, "/nonexistent-dateline-dir/places.kml");
}

/* dateline --export=OUT.csv STORY, as a user runs it. */
static void
test_export_cli (void)
{
  const char *exe = g_getenv ("DATELINE_EXE");
  g_autofree char *story = g_test_build_filename (G_TEST_DIST, "data", "places-export.geojson",
                                                  NULL);
  g_autofree char *out = g_build_filename (tmpdir, "cli.gpx", NULL);
  g_autofree char *arg = g_strdup_printf ("--export=%s", out);
  const char *argv[] = { exe, arg, story, NULL };
  const char *bad_argv[] = { exe, "--export=places.xls", story, NULL };
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (exe);
  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &stdout_text, &stderr_text,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_cmpint (ogr_feature_count (out), >=, 5);

  g_clear_pointer (&stdout_text, g_free);
  g_clear_pointer (&stderr_text, g_free);
  g_spawn_sync (NULL, (char **) bad_argv, NULL, 0, NULL, NULL, &stdout_text, &stderr_text,
                &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  assert_contains (stderr_text, "places.xls");
  assert_contains (stderr_text, ".kml, .gpx, .csv");
  /* one line */
  g_assert_true (g_str_has_suffix (stderr_text, "\n"));
  g_assert_true (strchr (stderr_text, '\n') == stderr_text + strlen (stderr_text) - 1);
}

/* Found by fuzz-edit: features of a plain map that share an id and have no name are
 * called by the id the file gives them, not by the unique one each got to be told apart
 * (which a save does not write, so the name changed once the file was read again). */
static void
test_repeated_id_names (void)
{
  const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
                     "{\"type\":\"Feature\",\"id\":1,\"properties\":null,"
                     "\"geometry\":{\"type\":\"Point\",\"coordinates\":[10,10]}},"
                     "{\"type\":\"Feature\",\"id\":\"1\",\"properties\":null,"
                     "\"geometry\":{\"type\":\"Point\",\"coordinates\":[11,10]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_bytes (bytes, "ids.geojson", &error);
  GListModel *places;

  g_assert_no_error (error);
  places = dl_story_get_places (story);
  g_assert_cmpuint (g_list_model_get_n_items (places), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      g_assert_cmpstr (dl_place_get_name (place), ==, "1");
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("dateline-interop-XXXXXX", NULL);

  g_test_add_func ("/interop/ogrinfo-installed", test_ogrinfo_installed);
  g_test_add_func ("/interop/corpus", test_corpus);
  g_test_add_func ("/interop/cases-read", test_cases_read);
  g_test_add_func ("/interop/lon-ranges", test_lon_ranges);
  g_test_add_func ("/interop/lon-ranges-many", test_lon_ranges_many);
  g_test_add_func ("/interop/repeated-id-names", test_repeated_id_names);
  g_test_add_func ("/interop/nul-escape-exact-bytes", test_nul_escape_exact_bytes);
  g_test_add_func ("/interop/unwrap-ring", test_unwrap_ring);
  g_test_add_func ("/interop/export/formats-from-path", test_export_formats_from_path);
  g_test_add_func ("/interop/export/kml", test_export_kml);
  g_test_add_func ("/interop/export/gpx", test_export_gpx);
  g_test_add_func ("/interop/export/csv", test_export_csv);
  g_test_add_func ("/interop/export/unwritable", test_export_unwritable);
  g_test_add_func ("/interop/export/cli", test_export_cli);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
