/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The streaming loader (issue 17): a FeatureCollection's features are read one at a time
 * from their span of the text and written again from it. What the file says that the model
 * does not own must survive a save; the "sources" accessor reads the file's tree. */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "dl-event.h"
#include "dl-place.h"
#include "dl-story.h"

static DlStory *
load (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, "test.geojson", &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

static char *
save (DlStory *story)
{
  g_autoptr(GBytes) bytes = dl_story_to_bytes (story);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_sources (void)
{
  const char *features = "\"features\": [{\"type\": \"Feature\", \"id\": \"a\", "
                         "\"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, "
                         "\"properties\": {\"name\": \"A\"}}]";
  g_autofree char *top = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"sources\": "
                                          "[{\"name\": \"GeoNames\"}], %s}", features);
  g_autofree char *in_dateline = g_strdup_printf (
    "{\"type\": \"FeatureCollection\", \"dateline\": {\"version\": 1, \"sources\": "
    "\"coordinates from geonames.org\"}, %s}", features);
  g_autofree char *other = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"sources\": "
                                            "[\"OpenStreetMap\"], %s}", features);
  g_autofree char *none = g_strdup_printf ("{\"type\": \"FeatureCollection\", "
                                           "\"geonames\": true, %s}", features);
  g_autoptr(DlStory) a = load (top);
  g_autoptr(DlStory) b = load (in_dateline);
  g_autoptr(DlStory) c = load (other);
  g_autoptr(DlStory) d = load (none);
  g_autoptr(DlStory) e = dl_story_new ();

  g_assert_true (dl_story_sources_mention (a, "geonames"));
  g_assert_true (dl_story_sources_mention (b, "geonames"));
  g_assert_false (dl_story_sources_mention (c, "geonames"));
  g_assert_true (dl_story_sources_mention (c, "openstreetmap"));
  /* a member named so is not a source */
  g_assert_false (dl_story_sources_mention (d, "geonames"));
  g_assert_false (dl_story_sources_mention (e, "geonames"));
}

/* Found by fuzz-json-children: a top-level member name with an escaped surrogate pair was
 * read as two invalid UTF-8 sequences, and saved so. */
static void
test_astral_member_name (void)
{
  g_autoptr(DlStory) story = load (
    "{\"type\": \"FeatureCollection\", \"\\ud83c\\udf0d\": 1, \"features\": "
    "[{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, "
    "\"properties\": {\"name\": \"A\"}}]}");
  g_autofree char *saved = save (story);

  g_test_message ("%s", saved);
  g_assert_true (g_utf8_validate (saved, -1, NULL));
  g_assert_nonnull (strstr (saved, "\"🌍\": 1"));
}

/* Unknown members of the collection and of each feature, and an element of "features"
 * that never became a place, come back from a save where they were. */
static void
test_round_trip (void)
{
  g_autoptr(DlStory) story = load (
    "{\"type\": \"FeatureCollection\", \"name\": \"layer\", \"features\": ["
    "{\"type\": \"Feature\", \"id\": 7, \"geometry\": {\"type\": \"Point\", "
    "\"coordinates\": [10.5, 20.25]}, \"properties\": {\"name\": \"Ḥalab\", \"pop\": 12}, "
    "\"foreign\": {\"x\": [1, 2.5, \"\\u00e9\\n\"]}}, "
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": null}, "
    "{\"type\": \"Feature\", \"id\": \"b\", \"geometry\": {\"type\": \"Point\", "
    "\"coordinates\": [-3, 4]}, \"properties\": {\"name\": \"B\"}}], \"bbox\": [1, 2, 3, 4]}");
  GListModel *places = dl_story_get_places (story);
  g_autofree char *saved = save (story);
  g_autoptr(DlStory) again = load (saved);
  g_autofree char *saved_again = save (again);
  g_autoptr(DlPlace) first = g_list_model_get_item (places, 0);

  g_test_message ("%s", saved);
  g_assert_cmpuint (g_list_model_get_n_items (places), ==, 3);
  g_assert_cmpstr (dl_place_get_name (first), ==, "Ḥalab");
  g_assert_nonnull (strstr (saved, "\"name\": \"layer\""));
  g_assert_nonnull (strstr (saved, "\"pop\": 12"));
  g_assert_nonnull (strstr (saved, "\"foreign\""));
  g_assert_nonnull (strstr (saved, "\"é\\n\""));
  g_assert_nonnull (strstr (saved, "\"id\": 7"));
  g_assert_nonnull (strstr (saved, "\"bbox\""));
  g_assert_nonnull (strstr (saved, "\"coordinates\": [10.5, 20.25]"));
  /* and the bytes written are the bytes read */
  g_assert_cmpstr (saved_again, ==, saved);
}

/* Events are read one at a time too: an edited event keeps its unknown members, a removed
 * one is gone, the others are written as they were read. */
static void
test_events (void)
{
  g_autoptr(DlStory) story = load (
    "{\"type\": \"FeatureCollection\", \"dateline\": {\"version\": 1, \"x-tool\": \"t\", "
    "\"events\": ["
    "{\"id\": \"e1\", \"title\": \"First\", \"when\": {\"start\": \"2024-12-08\"}, "
    "\"places\": [\"a\"], \"x-note\": [1, 2]}, "
    "{\"id\": \"e2\", \"title\": \"Second\", \"when\": {\"start\": \"2024-12-09\"}, "
    "\"places\": [\"a\"], \"x-note\": \"keep\"}, "
    "{\"id\": \"e3\", \"title\": \"Third\", \"when\": {\"start\": \"2024-12-10\"}, "
    "\"places\": [\"a\"]}]}, "
    "\"features\": [{\"type\": \"Feature\", \"id\": \"a\", \"geometry\": {\"type\": "
    "\"Point\", \"coordinates\": [1, 2]}, \"properties\": {\"name\": \"A\"}}]}");
  GListModel *events = dl_story_get_events (story);
  g_autoptr(DlEvent) first = g_list_model_get_item (events, 0);
  g_autoptr(DlEvent) third = g_list_model_get_item (events, 2);
  g_autofree char *unchanged = save (story);
  g_autofree char *saved = NULL;
  g_autoptr(DlStory) again = NULL;
  g_autofree char *saved_again = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 3);
  g_assert_cmpstr (dl_event_get_title (first), ==, "First");
  g_assert_nonnull (strstr (unchanged, "\"x-note\": [1, 2]"));

  dl_event_set_title (first, "First, renamed");
  dl_story_remove_event (story, third);
  saved = save (story);
  g_test_message ("%s", saved);
  g_assert_nonnull (strstr (saved, "\"title\": \"First, renamed\""));
  g_assert_nonnull (strstr (saved, "\"x-note\": [1, 2]"));
  g_assert_nonnull (strstr (saved, "\"x-note\": \"keep\""));
  g_assert_nonnull (strstr (saved, "\"x-tool\": \"t\""));
  g_assert_null (strstr (saved, "Third"));
  again = load (saved);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (again)), ==, 2);
  saved_again = save (again);
  g_assert_cmpstr (saved_again, ==, saved);
}

typedef struct
{
  GArray *fractions;
  guint   stop_after;  /* calls before it says stop; 0: never */
} Progress;

static gboolean
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  return progress->stop_after == 0 || progress->fractions->len < progress->stop_after;
}

/* The reader tells how far it is as it reads the features, a few hundred times at most,
 * never going back, to about the end; told to stop, it stops there and gives no story. */
static void
test_progress (void)
{
  GString *json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  double last;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (json, "%s{\"type\": \"Feature\", \"id\": \"p%u\", "
                            "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%u, 1]}, "
                            "\"properties\": {\"name\": \"P %u\"}}",
                            i > 0 ? ", " : "", i, i % 170, i);
  g_string_append (json, "]}");
  bytes = g_string_free_to_bytes (json);

  story = dl_story_new_from_bytes_full (bytes, "many.geojson", progress_cb, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 5000);
  g_assert_cmpuint (progress.fractions->len, >=, 100);
  g_assert_cmpuint (progress.fractions->len, <=, 201);
  for (guint i = 1; i < progress.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (progress.fractions, double, i), >,
                       g_array_index (progress.fractions, double, i - 1));
  last = g_array_index (progress.fractions, double, progress.fractions->len - 1);
  g_assert_cmpfloat (last, >, 0.95);
  g_assert_cmpfloat (last, <=, 1.0);

  g_clear_object (&story);
  g_array_set_size (progress.fractions, 0);
  progress.stop_after = 3;
  story = dl_story_new_from_bytes_full (bytes, "many.geojson", progress_cb, &progress, &error);
  g_assert_null (story);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.fractions->len, ==, 3);
  g_array_unref (progress.fractions);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/streamed-load/sources", test_sources);
  g_test_add_func ("/streamed-load/astral-member-name", test_astral_member_name);
  g_test_add_func ("/streamed-load/round-trip", test_round_trip);
  g_test_add_func ("/streamed-load/events", test_events);
  g_test_add_func ("/streamed-load/progress", test_progress);
  return g_test_run ();
}
