/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-mentions"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-story.h"

/* A story whose article text is @text, with one place whose properties end with @extra
 * (JSON members, or "") and one event with @event_extra. */
static char *
story_json (const char *text,
            const char *extra,
            const char *event_extra)
{
  return g_strdup_printf (
    "{\"type\": \"FeatureCollection\",\n"
    " \"dateline\": {\"version\": 1, \"article\": {\"text\": \"%s\"},\n"
    "   \"events\": [{\"id\": \"ev\", \"title\": \"Event\"%s}]},\n"
    " \"features\": [{\"type\": \"Feature\", \"id\": \"tripoli\",\n"
    "   \"geometry\": {\"type\": \"Point\", \"coordinates\": [35.84, 34.44]},\n"
    "   \"properties\": {\"name\": \"Tripoli\"%s}}]}\n", text, event_extra, extra);
}

static DlStory *
load (const char  *json,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return dl_story_new_from_bytes (bytes, "test.geojson", error);
}

static DlPlace *
first_place (DlStory *story)
{
  g_autoptr(DlPlace) place = g_list_model_get_item (dl_story_get_places (story), 0);

  return place;
}

static DlEvent *
first_event (DlStory *story)
{
  g_autoptr(DlEvent) event = g_list_model_get_item (dl_story_get_events (story), 0);

  return event;
}

/* The offsets count characters, not bytes: "Ḥomṣ" and "—" come before the mentions. */
#define TEXT "Ḥomṣ — then Tripoli, in northern Lebanon. Tripoli’s port."

static void
test_load (void)
{
  g_autofree char *json = story_json (TEXT,
    ", \"geonames\": 266826, \"suggested\": true, \"mentions\": ["
    "{\"exact\": \"Tripoli\", \"start\": 12, \"end\": 19},"
    "{\"exact\": \"Tripoli\", \"start\": 42, \"end\": 49}]", ", \"suggested\": true");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = load (json, &error);
  DlPlace *place;
  int start = -1, end = -1;

  g_assert_no_error (error);
  place = first_place (story);
  g_assert_cmpuint (dl_place_get_n_mentions (place), ==, 2);
  g_assert_cmpstr (dl_place_get_mention (place, 0, &start, &end), ==, "Tripoli");
  g_assert_cmpint (start, ==, 12);
  g_assert_cmpint (end, ==, 19);
  g_assert_cmpstr (dl_place_get_mention (place, 1, &start, &end), ==, "Tripoli");
  g_assert_cmpint (start, ==, 42);
  g_assert_cmpint (end, ==, 49);
  g_assert_cmpint (dl_place_get_geonames_id (place), ==, 266826);
  g_assert_true (dl_place_get_suggested (place));
  g_assert_true (dl_event_get_suggested (first_event (story)));

  /* the characters at those offsets are the mention, as a reader counts them */
  {
    g_autofree char *at = g_utf8_substring (dl_story_get_text (story), 42, 49);

    g_assert_cmpstr (at, ==, "Tripoli");
  }
}

static void
test_absent (void)
{
  g_autofree char *json = story_json (TEXT, "", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = load (json, &error);
  DlPlace *place;

  g_assert_no_error (error);
  place = first_place (story);
  g_assert_cmpuint (dl_place_get_n_mentions (place), ==, 0);
  g_assert_cmpint (dl_place_get_geonames_id (place), ==, 0);
  g_assert_false (dl_place_get_suggested (place));
  g_assert_false (dl_event_get_suggested (first_event (story)));
}

/* Saving keeps the mentions, the GeoNames id and the suggested flags as they were. */
static void
test_save (void)
{
  g_autofree char *json = story_json (TEXT,
    ", \"geonames\": 266826, \"suggested\": true, \"mentions\": ["
    "{\"exact\": \"Tripoli\", \"start\": 12, \"end\": 19}]", ", \"suggested\": false");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = load (json, &error);
  g_autoptr(DlStory) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  DlPlace *place;
  int start, end;

  g_assert_no_error (error);
  saved = dl_story_to_bytes (story);
  again = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);

  place = first_place (again);
  g_assert_cmpuint (dl_place_get_n_mentions (place), ==, 1);
  g_assert_cmpstr (dl_place_get_mention (place, 0, &start, &end), ==, "Tripoli");
  g_assert_cmpint (start, ==, 12);
  g_assert_cmpint (end, ==, 19);
  g_assert_cmpint (dl_place_get_geonames_id (place), ==, 266826);
  g_assert_true (dl_place_get_suggested (place));
  g_assert_false (dl_event_get_suggested (first_event (again)));
}

/* Outside the story vocabulary (no "dateline"), the members are free data. */
static void
test_plain_geojson (void)
{
  const char *json =
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},"
    " \"properties\": {\"mentions\": \"anything\", \"geonames\": \"x\", \"suggested\": 3}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = load (json, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dl_place_get_n_mentions (first_place (story)), ==, 0);
}

typedef struct
{
  const char *extra;
  const char *event_extra;
  const char *message;  /* the whole first message */
} Bad;

static void
test_bad (void)
{
  const Bad cases[] = {
    { ", \"mentions\": [{\"exact\": \"Tripoli\", \"start\": 11, \"end\": 18}]", "",
      "test.geojson:6:51: the place “tripoli” mentions “Tripoli” at characters 11–18, but "
      "the article text there is “ Tripol” (at features[0].properties.mentions[0])" },
    /* a byte offset instead of a character offset: "Ḥomṣ —" is 6 characters, 12 bytes */
    { ", \"mentions\": [{\"exact\": \"Tripoli\", \"start\": 19, \"end\": 26}]", "",
      "test.geojson:6:51: the place “tripoli” mentions “Tripoli” at characters 19–26, but "
      "the article text there is “, in no” (at features[0].properties.mentions[0])" },
    { ", \"mentions\": [{\"exact\": \"port\", \"start\": 52, \"end\": 60}]", "",
      "test.geojson:6:51: the place “tripoli” mentions “port” at characters 52–60, past the "
      "end of the article text (57 characters) (at features[0].properties.mentions[0])" },
    { ", \"mentions\": [{\"exact\": \"Tripoli\", \"start\": 12.5, \"end\": 19}]", "",
      "test.geojson:6:81: “start” must be a character offset into the article text (a "
      "whole number, 0 or more), not a number (at features[0].properties.mentions[0].start)" },
    { ", \"mentions\": [{\"exact\": \"\", \"start\": 12, \"end\": 19}]", "",
      "test.geojson:6:61: “exact” must be the mentioned text (a string that is not empty), "
      "not a string (at features[0].properties.mentions[0].exact)" },
    { ", \"mentions\": [\"Tripoli\"]", "",
      "test.geojson:6:51: a mention must be an object with “exact”, “start” and “end”, not "
      "a string (at features[0].properties.mentions[0])" },
    { ", \"geonames\": -3", "",
      "test.geojson:6:50: “geonames” must be a GeoNames id (a whole number above 0), not a "
      "number (at features[0].properties.geonames)" },
    { "", ", \"suggested\": \"true\"",
      "test.geojson:3:59: “suggested” must be true or false, not a string (at "
      "dateline.events[0].suggested)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = story_json (TEXT, cases[i].extra, cases[i].event_extra);
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = load (json, &error);

      g_assert_null (story);
      g_assert_error (error, DL_STORY_ERROR, error->code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mentions/load", test_load);
  g_test_add_func ("/mentions/absent", test_absent);
  g_test_add_func ("/mentions/save", test_save);
  g_test_add_func ("/mentions/plain-geojson", test_plain_geojson);
  g_test_add_func ("/mentions/bad", test_bad);

  return g_test_run ();
}
