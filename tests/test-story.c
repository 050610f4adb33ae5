/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-story"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dl-story.h"

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static DlStory *
load_data (const char *name)
{
  g_autoptr(GBytes) bytes = read_data (name);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

static DlStory *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return dl_story_new_from_bytes (bytes, "test.geojson", error);
}

/* A story around @text with one event quoting @passage (a JSON object's members). */
static char *
story_with_passage (const char *text,
                    const char *passage)
{
  return g_strdup_printf (
    "{\"type\": \"FeatureCollection\", \"dateline\": {\"version\": 1,"
    " \"article\": {\"text\": \"%s\"},"
    " \"events\": [{\"id\": \"ev\", \"title\": \"Event\", \"passages\": [{%s}]}]},"
    " \"features\": []}", text, passage);
}

static DlEvent *
event_at (DlStory *story,
          guint    index)
{
  g_autoptr(DlEvent) event = g_list_model_get_item (dl_story_get_events (story), index);

  return event;
}

static DlPlace *
place_at (DlStory *story,
          guint    index)
{
  g_autoptr(DlPlace) place = g_list_model_get_item (dl_story_get_places (story), index);

  return place;
}

static DlActor *
actor_at (DlStory *story,
          guint    index)
{
  g_autoptr(DlActor) actor = g_list_model_get_item (dl_story_get_actors (story), index);

  return actor;
}

static void
test_story_load_article (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  const char *text = dl_story_get_text (story);

  g_assert_cmpstr (dl_story_get_title (story), ==, "Assad in Moscow");
  g_assert_cmpstr (dl_story_get_publisher (story), ==, "Example News");
  g_assert_null (dl_story_get_url (story));
  g_assert_cmpstr (dl_story_get_published (story), ==, "2024-12-08");
  g_assert_cmpstr (dl_story_get_language (story), ==, "en");
  g_assert_true (g_str_has_prefix (text, "Syria’s ousted President"));
  g_assert_true (g_str_has_suffix (text, "in Ḥamāh too."));
  g_assert_cmpint (dl_story_get_text_length (story), ==, g_utf8_strlen (text, -1));
  g_assert_cmpint (dl_story_get_text_length (story), <, (int) strlen (text));

  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_actors (story)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), ==, 6);
  g_assert_cmpuint (dl_story_get_n_passages (story), ==, 6);
}

static void
test_story_load_places (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  const char *ids[] = { "moscow", "damascus", "hama", "golan-buffer", "flight-route",
                        "golan-plain" };
  guint n_events[] = { 2, 2, 1, 2, 1, 0 };
  g_auto(GStrv) languages = NULL;
  const DlLonLat *part;
  DlLonLat anchor, sw, ne;
  DlPlace *place;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      place = place_at (story, i);
      g_assert_cmpstr (dl_place_get_id (place), ==, ids[i]);
      g_assert_true (dl_story_lookup_place (story, ids[i]) == place);
      g_assert_cmpuint (dl_place_get_n_events (place), ==, n_events[i]);
    }
  g_assert_null (dl_story_lookup_place (story, "nowhere"));

  place = dl_story_lookup_place (story, "moscow");
  g_assert_cmpstr (dl_place_get_name (place), ==, "Moscow");
  g_assert_cmpstr (dl_place_get_local_name (place, "ru"), ==, "Москва");
  g_assert_cmpstr (dl_place_get_local_name (place, "ar"), ==, "موسكو");
  g_assert_null (dl_place_get_local_name (place, "fr"));
  languages = dl_place_list_languages (place);
  g_assert_cmpuint (g_strv_length (languages), ==, 2);
  g_assert_cmpstr (languages[0], ==, "ar");
  g_assert_cmpstr (languages[1], ==, "ru");
  g_assert_cmpstr (dl_place_get_kind (place), ==, "city");
  g_assert_cmpstr (dl_place_get_precision (place), ==, "city");
  g_assert_cmpstr (dl_place_get_description (place), ==, "Capital of Russia");
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_POINT);
  g_assert_cmpuint (dl_place_get_n_parts (place), ==, 1);
  part = dl_place_get_part (place, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (part[0].lon, ==, 37.6178);
  g_assert_cmpfloat (part[0].lat, ==, 55.752);
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat (anchor.lon, ==, 37.6178);
  g_assert_cmpfloat (anchor.lat, ==, 55.752);

  /* a third number (altitude) is allowed and ignored */
  place = dl_story_lookup_place (story, "damascus");
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat (anchor.lon, ==, 36.2913);
  g_assert_cmpfloat (anchor.lat, ==, 33.5138);
  g_assert_null (dl_place_get_description (place));

  /* an area with a label: the anchor is the label */
  place = dl_story_lookup_place (story, "golan-buffer");
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_AREA);
  g_assert_cmpuint (dl_place_get_n_parts (place), ==, 1);
  part = dl_place_get_part (place, 0, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (part[0].lon, ==, part[4].lon);
  g_assert_cmpfloat (part[0].lat, ==, part[4].lat);
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat (anchor.lon, ==, 35.9);
  g_assert_cmpfloat (anchor.lat, ==, 33.1);
  dl_place_get_bounds (place, &sw, &ne);
  g_assert_cmpfloat (sw.lon, ==, 35.8);
  g_assert_cmpfloat (sw.lat, ==, 32.7);
  g_assert_cmpfloat (ne.lon, ==, 36.0);
  g_assert_cmpfloat (ne.lat, ==, 33.3);

  /* an area without a label: the centroid of the triangle, not the mean of its 4
   * positions */
  place = dl_story_lookup_place (story, "golan-plain");
  g_assert_cmpstr (dl_place_get_name (place), ==, "Triangle");
  g_assert_null (dl_place_get_precision (place));
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat_with_epsilon (anchor.lon, 35 + 4.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (anchor.lat, 32 + 2.0 / 3, 1e-9);

  /* a route: the midpoint along its length (10° north, then 2° east) */
  place = dl_story_lookup_place (story, "flight-route");
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_ROUTE);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Damascus → Moscow");
  g_assert_cmpstr (dl_place_get_precision (place), ==, "inferred");
  part = dl_place_get_part (place, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat_with_epsilon (anchor.lon, 36.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (anchor.lat, 40.0, 1e-9);
}

static void
test_story_load_actors (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  const char *ids[] = { "assad", "russia", "israel", "rebels" };
  guint n_events[] = { 2, 1, 2, 2 };
  const char * const *aliases;
  double r, g, b;
  DlActor *actor;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      actor = actor_at (story, i);
      g_assert_cmpstr (dl_actor_get_id (actor), ==, ids[i]);
      g_assert_true (dl_story_lookup_actor (story, ids[i]) == actor);
      g_assert_cmpuint (dl_actor_get_n_events (actor), ==, n_events[i]);
    }

  actor = dl_story_lookup_actor (story, "russia");
  g_assert_cmpstr (dl_actor_get_name (actor), ==, "Russia");
  g_assert_cmpstr (dl_actor_get_kind (actor), ==, "state");
  aliases = dl_actor_get_aliases (actor);
  g_assert_cmpuint (g_strv_length ((char **) aliases), ==, 3);
  g_assert_cmpstr (aliases[1], ==, "TASS");
  g_assert_cmpstr (dl_actor_get_color (actor), ==, "#C0392B");
  dl_actor_get_rgb (actor, &r, &g, &b);
  g_assert_cmpfloat_with_epsilon (r, 0xc0 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g, 0x39 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 0x2b / 255.0, 1e-9);

  /* no colour in the file: a default one, different from its neighbours' */
  actor = dl_story_lookup_actor (story, "israel");
  g_assert_nonnull (dl_actor_get_color (actor));
  g_assert_cmpuint (strlen (dl_actor_get_color (actor)), ==, 7);
  g_assert_cmpstr (dl_actor_get_color (actor), !=, "#C0392B");
  g_assert_cmpstr (dl_actor_get_color (actor), !=, "#2c3e50");
  g_assert_cmpuint (g_strv_length ((char **) dl_actor_get_aliases (actor)), ==, 0);
}

static void
test_story_load_events (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  /* time order: 1967, December 2024, 7–8 Dec, 8 Dec, 06:00Z, 09:30+02:00 */
  const char *order[] = { "occupation", "celebrate-hama", "flight", "asylum",
                          "celebrate-damascus", "golan" };
  const char *role = NULL;
  const DlPassage *passage;
  DlEvent *event;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      event = event_at (story, i);
      g_assert_cmpstr (dl_event_get_id (event), ==, order[i]);
      g_assert_true (dl_story_lookup_event (story, order[i]) == event);
    }

  event = dl_story_lookup_event (story, "asylum");
  g_assert_cmpstr (dl_event_get_title (event), ==,
                   "Assad and his family granted asylum in Moscow");
  g_assert_cmpint (dl_event_get_start (event)->precision, ==, DL_TIME_DAY);
  g_assert_cmpint (dl_event_get_start (event)->day, ==, 8);
  g_assert_null (dl_event_get_end (event));
  g_assert_cmpstr (dl_event_get_when_text (event), ==, "Sunday");
  g_assert_cmpstr (dl_event_get_category (event), ==, "diplomacy");
  g_assert_cmpstr (dl_event_get_attribution (event), ==, "Kremlin officials, via TASS");
  g_assert_cmpuint (dl_event_get_n_places (event), ==, 1);
  g_assert_true (dl_event_get_place (event, 0, &role) ==
                 dl_story_lookup_place (story, "moscow"));
  g_assert_cmpstr (role, ==, "destination");
  g_assert_true (dl_event_has_place (event, dl_story_lookup_place (story, "moscow")));
  g_assert_false (dl_event_has_place (event, dl_story_lookup_place (story, "damascus")));
  g_assert_cmpuint (dl_event_get_n_actors (event), ==, 2);
  g_assert_true (dl_event_get_actor (event, 1, &role) ==
                 dl_story_lookup_actor (story, "assad"));
  g_assert_cmpstr (role, ==, "subject");
  g_assert_true (dl_event_get_main_actor (event) == dl_story_lookup_actor (story, "russia"));
  g_assert_true (dl_event_has_actor (event, dl_story_lookup_actor (story, "assad")));
  g_assert_false (dl_event_has_actor (event, dl_story_lookup_actor (story, "israel")));
  g_assert_cmpuint (dl_event_get_n_passages (event), ==, 1);
  passage = dl_event_get_passage (event, 0);
  g_assert_cmpstr (passage->exact, ==, "Russia granted them asylum for humanitarian reasons");
  g_assert_cmpstr (passage->prefix, ==, "“");
  g_assert_cmpstr (passage->suffix, ==, ",” the official");
  g_assert_true (passage->event == event);

  event = dl_story_lookup_event (story, "flight");
  g_assert_cmpint (dl_event_get_start (event)->day, ==, 7);
  g_assert_nonnull (dl_event_get_end (event));
  g_assert_cmpint (dl_event_get_end (event)->day, ==, 8);
  g_assert_cmpuint (dl_event_get_n_places (event), ==, 3);
  dl_event_get_place (event, 1, &role);
  g_assert_null (role);

  /* the short forms: "when" as a string, references as strings */
  event = dl_story_lookup_event (story, "celebrate-hama");
  g_assert_cmpint (dl_event_get_start (event)->precision, ==, DL_TIME_MONTH);
  g_assert_null (dl_event_get_when_text (event));
  event = dl_story_lookup_event (story, "celebrate-damascus");
  g_assert_true (dl_event_get_place (event, 0, NULL) ==
                 dl_story_lookup_place (story, "damascus"));
  g_assert_true (dl_event_get_main_actor (event) == dl_story_lookup_actor (story, "rebels"));
  g_assert_cmpint (dl_event_get_start (event)->hour, ==, 6);

  event = dl_story_lookup_event (story, "occupation");
  g_assert_cmpuint (dl_event_get_n_passages (event), ==, 0);
}

/* The character range of @passage is where @exact is in the text, counted in characters. */
static void
assert_passage_text (DlStory         *story,
                     const DlPassage *passage)
{
  g_autofree char *quoted = g_utf8_substring (dl_story_get_text (story), passage->start,
                                              passage->end);

  g_assert_cmpstr (quoted, ==, passage->exact);
}

static void
test_story_passages (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  const char *text = dl_story_get_text (story);
  g_autoptr(GPtrArray) all = dl_story_list_passages (story);
  g_autoptr(GPtrArray) at = NULL;
  const DlPassage *asylum, *damascus, *hama;
  const char *byte;

  /* curly quotes in the prefix and suffix */
  asylum = dl_event_get_passage (dl_story_lookup_event (story, "asylum"), 0);
  assert_passage_text (story, asylum);
  byte = strstr (text, asylum->exact);
  g_assert_cmpint (asylum->start, ==, g_utf8_pointer_to_offset (text, byte));
  /* non-ASCII text before it: characters, not bytes */
  g_assert_cmpint (asylum->start, <, byte - text);
  g_assert_cmpint (asylum->end - asylum->start, ==, g_utf8_strlen (asylum->exact, -1));

  /* "celebrated in" twice, told apart by the prefix and by the suffix */
  damascus = dl_event_get_passage (dl_story_lookup_event (story, "celebrate-damascus"), 0);
  hama = dl_event_get_passage (dl_story_lookup_event (story, "celebrate-hama"), 0);
  assert_passage_text (story, damascus);
  assert_passage_text (story, hama);
  g_assert_cmpint (damascus->start, ==,
                   g_utf8_pointer_to_offset (text, strstr (text, "Crowds celebrated")) + 7);
  g_assert_cmpint (hama->start, ==,
                   g_utf8_pointer_to_offset (text, strstr (text, "crowds celebrated")) + 7);

  g_assert_cmpuint (all->len, ==, 6);
  for (guint i = 0; i < all->len; i++)
    {
      const DlPassage *p = g_ptr_array_index (all, i);

      assert_passage_text (story, p);
      if (i > 0)
        g_assert_cmpint (((const DlPassage *) g_ptr_array_index (all, i - 1))->start, <=,
                         p->start);
    }
  g_assert_true (g_ptr_array_index (all, all->len - 1) == hama);

  at = dl_story_passages_at (story, hama->start);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_true (g_ptr_array_index (at, 0) == hama);
  g_clear_pointer (&at, g_ptr_array_unref);
  at = dl_story_passages_at (story, hama->end);
  g_assert_cmpuint (at->len, ==, 0);
  g_clear_pointer (&at, g_ptr_array_unref);
  at = dl_story_passages_at (story, 0);
  g_assert_cmpuint (at->len, ==, 0);
}

static void
test_story_passage_ambiguous (void)
{
  const char *text = "Gâteau: a cat sat, and a cat ran.";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autofree char *json = NULL;
  const DlPassage *passage;

  /* twice, nothing to tell them apart: an error naming the event and quoting it */
  json = story_with_passage (text, "\"exact\": \"cat\"");
  story = load_string (json, &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE);
  g_assert_nonnull (strstr (error->message, "“ev”"));
  g_assert_nonnull (strstr (error->message, "“cat”"));
  g_assert_nonnull (strstr (error->message, "2 times"));
  g_assert_nonnull (strstr (error->message, "(at dateline.events[0].passages[0].exact)"));
  g_assert_true (g_str_has_prefix (error->message, "test.geojson:1:"));
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);

  /* the prefix decides */
  json = story_with_passage (text, "\"exact\": \"cat\", \"prefix\": \"and a \"");
  story = load_string (json, &error);
  g_assert_no_error (error);
  passage = dl_event_get_passage (dl_story_lookup_event (story, "ev"), 0);
  g_assert_cmpint (passage->start, ==, 25);
  g_assert_cmpint (passage->end, ==, 28);
  g_clear_object (&story);
  g_clear_pointer (&json, g_free);

  /* the suffix decides */
  json = story_with_passage (text, "\"exact\": \"cat\", \"suffix\": \" sat\"");
  story = load_string (json, &error);
  g_assert_no_error (error);
  passage = dl_event_get_passage (dl_story_lookup_event (story, "ev"), 0);
  g_assert_cmpint (passage->start, ==, 10);
  g_clear_object (&story);
  g_clear_pointer (&json, g_free);

  /* a prefix that matches neither */
  json = story_with_passage (text, "\"exact\": \"cat\", \"prefix\": \"the \"");
  story = load_string (json, &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE);
  g_assert_nonnull (strstr (error->message, "prefix and suffix"));
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);

  /* not in the text at all */
  json = story_with_passage (text, "\"exact\": \"dog\"");
  story = load_string (json, &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE);
  g_assert_nonnull (strstr (error->message, "not in the article text: “dog”"));
}

static void
test_story_passage_curly (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autofree char *json = NULL;
  const DlPassage *passage;

  /* curly quotes and an apostrophe in the quote itself, after 2-, 3- and 4-byte
   * characters */
  json = story_with_passage ("Ωμέγα 日本 😀 “It’s over,” he said.",
                             "\"exact\": \"“It’s over,”\"");
  story = load_string (json, &error);
  g_assert_no_error (error);
  passage = dl_event_get_passage (dl_story_lookup_event (story, "ev"), 0);
  g_assert_cmpint (passage->start, ==, 11);
  g_assert_cmpint (passage->end, ==, 23);
  assert_passage_text (story, passage);

  /* straight quotes do not match curly ones */
  g_clear_object (&story);
  g_clear_pointer (&json, g_free);
  json = story_with_passage ("“It’s over,” he said.", "\"exact\": \"It's over\"");
  story = load_string (json, &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE);
}

/* Every value the model gives of two stories is the same. */
static void
assert_same_story (DlStory *a,
                   DlStory *b)
{
  GListModel *pa = dl_story_get_places (a), *pb = dl_story_get_places (b);
  GListModel *aa = dl_story_get_actors (a), *ab = dl_story_get_actors (b);
  GListModel *ea = dl_story_get_events (a), *eb = dl_story_get_events (b);

  g_assert_cmpstr (dl_story_get_title (a), ==, dl_story_get_title (b));
  g_assert_cmpstr (dl_story_get_publisher (a), ==, dl_story_get_publisher (b));
  g_assert_cmpstr (dl_story_get_url (a), ==, dl_story_get_url (b));
  g_assert_cmpstr (dl_story_get_published (a), ==, dl_story_get_published (b));
  g_assert_cmpstr (dl_story_get_language (a), ==, dl_story_get_language (b));
  g_assert_cmpstr (dl_story_get_text (a), ==, dl_story_get_text (b));
  g_assert_cmpuint (dl_story_get_n_passages (a), ==, dl_story_get_n_passages (b));

  g_assert_cmpuint (g_list_model_get_n_items (pa), ==, g_list_model_get_n_items (pb));
  for (guint i = 0; i < g_list_model_get_n_items (pa); i++)
    {
      g_autoptr(DlPlace) x = g_list_model_get_item (pa, i);
      g_autoptr(DlPlace) y = g_list_model_get_item (pb, i);
      g_auto(GStrv) lx = dl_place_list_languages (x);
      g_auto(GStrv) ly = dl_place_list_languages (y);
      DlLonLat ax = dl_place_get_anchor (x), ay = dl_place_get_anchor (y);

      g_assert_cmpstr (dl_place_get_id (x), ==, dl_place_get_id (y));
      g_assert_cmpstr (dl_place_get_name (x), ==, dl_place_get_name (y));
      g_assert_cmpstr (dl_place_get_kind (x), ==, dl_place_get_kind (y));
      g_assert_cmpstr (dl_place_get_precision (x), ==, dl_place_get_precision (y));
      g_assert_cmpstr (dl_place_get_description (x), ==, dl_place_get_description (y));
      g_assert_true (g_strv_equal ((const char * const *) lx, (const char * const *) ly));
      for (guint j = 0; lx[j] != NULL; j++)
        g_assert_cmpstr (dl_place_get_local_name (x, lx[j]), ==,
                         dl_place_get_local_name (y, lx[j]));
      g_assert_cmpint (dl_place_get_shape (x), ==, dl_place_get_shape (y));
      g_assert_cmpuint (dl_place_get_n_parts (x), ==, dl_place_get_n_parts (y));
      for (guint j = 0; j < dl_place_get_n_parts (x); j++)
        {
          guint nx, ny;
          const DlLonLat *px = dl_place_get_part (x, j, &nx);
          const DlLonLat *py = dl_place_get_part (y, j, &ny);

          g_assert_cmpuint (nx, ==, ny);
          g_assert_cmpmem (px, nx * sizeof (DlLonLat), py, ny * sizeof (DlLonLat));
        }
      g_assert_cmpfloat (ax.lon, ==, ay.lon);
      g_assert_cmpfloat (ax.lat, ==, ay.lat);
      g_assert_cmpuint (dl_place_get_n_events (x), ==, dl_place_get_n_events (y));
    }

  g_assert_cmpuint (g_list_model_get_n_items (aa), ==, g_list_model_get_n_items (ab));
  for (guint i = 0; i < g_list_model_get_n_items (aa); i++)
    {
      g_autoptr(DlActor) x = g_list_model_get_item (aa, i);
      g_autoptr(DlActor) y = g_list_model_get_item (ab, i);

      g_assert_cmpstr (dl_actor_get_id (x), ==, dl_actor_get_id (y));
      g_assert_cmpstr (dl_actor_get_name (x), ==, dl_actor_get_name (y));
      g_assert_cmpstr (dl_actor_get_kind (x), ==, dl_actor_get_kind (y));
      g_assert_cmpstr (dl_actor_get_color (x), ==, dl_actor_get_color (y));
      g_assert_true (g_strv_equal (dl_actor_get_aliases (x), dl_actor_get_aliases (y)));
      g_assert_cmpuint (dl_actor_get_n_events (x), ==, dl_actor_get_n_events (y));
    }

  g_assert_cmpuint (g_list_model_get_n_items (ea), ==, g_list_model_get_n_items (eb));
  for (guint i = 0; i < g_list_model_get_n_items (ea); i++)
    {
      g_autoptr(DlEvent) x = g_list_model_get_item (ea, i);
      g_autoptr(DlEvent) y = g_list_model_get_item (eb, i);

      g_assert_cmpstr (dl_event_get_id (x), ==, dl_event_get_id (y));
      g_assert_cmpstr (dl_event_get_title (x), ==, dl_event_get_title (y));
      g_assert_cmpint (dl_time_compare (dl_event_get_start (x), dl_event_get_start (y)), ==, 0);
      g_assert_cmpint (dl_event_get_start (x)->precision, ==,
                       dl_event_get_start (y)->precision);
      g_assert_true ((dl_event_get_end (x) == NULL) == (dl_event_get_end (y) == NULL));
      g_assert_cmpstr (dl_event_get_when_text (x), ==, dl_event_get_when_text (y));
      g_assert_cmpstr (dl_event_get_category (x), ==, dl_event_get_category (y));
      g_assert_cmpstr (dl_event_get_attribution (x), ==, dl_event_get_attribution (y));
      g_assert_cmpuint (dl_event_get_n_places (x), ==, dl_event_get_n_places (y));
      for (guint j = 0; j < dl_event_get_n_places (x); j++)
        {
          const char *rx, *ry;

          g_assert_cmpstr (dl_place_get_id (dl_event_get_place (x, j, &rx)), ==,
                           dl_place_get_id (dl_event_get_place (y, j, &ry)));
          g_assert_cmpstr (rx, ==, ry);
        }
      g_assert_cmpuint (dl_event_get_n_actors (x), ==, dl_event_get_n_actors (y));
      for (guint j = 0; j < dl_event_get_n_actors (x); j++)
        {
          const char *rx, *ry;

          g_assert_cmpstr (dl_actor_get_id (dl_event_get_actor (x, j, &rx)), ==,
                           dl_actor_get_id (dl_event_get_actor (y, j, &ry)));
          g_assert_cmpstr (rx, ==, ry);
        }
      g_assert_cmpuint (dl_event_get_n_passages (x), ==, dl_event_get_n_passages (y));
      for (guint j = 0; j < dl_event_get_n_passages (x); j++)
        {
          const DlPassage *px = dl_event_get_passage (x, j);
          const DlPassage *py = dl_event_get_passage (y, j);

          g_assert_cmpstr (px->exact, ==, py->exact);
          g_assert_cmpstr (px->prefix, ==, py->prefix);
          g_assert_cmpstr (px->suffix, ==, py->suffix);
          g_assert_cmpint (px->start, ==, py->start);
          g_assert_cmpint (px->end, ==, py->end);
        }
    }
}

static void
test_story_round_trip (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autoptr(DlStory) again = NULL;
  g_autoptr(DlStory) third = NULL;
  g_autoptr(GBytes) saved = dl_story_to_bytes (story);
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GError) error = NULL;

  again = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);
  assert_same_story (story, again);

  saved_again = dl_story_to_bytes (again);
  g_assert_true (g_bytes_equal (saved, saved_again));

  third = dl_story_new_from_bytes (saved_again, "saved.geojson", &error);
  g_assert_no_error (error);
  assert_same_story (story, third);

  /* readable: indented, numbers as written, text as UTF-8 */
  {
    const char *text = g_bytes_get_data (saved, NULL);

    g_assert_nonnull (strstr (text, "\n  \"dateline\": {\n"));
    g_assert_nonnull (strstr (text, "\"coordinates\": [37.6178, 55.752]"));
    g_assert_nonnull (strstr (text, "\"Москва\""));
    g_assert_nonnull (strstr (text, "\"url\": null"));
  }
}

static JsonObject *
object_at (JsonNode   *root,
           const char *path)
{
  g_autoptr(JsonPath) json_path = json_path_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  JsonArray *array;

  json_path_compile (json_path, path, &error);
  g_assert_no_error (error);
  result = json_path_match (json_path, root);
  array = json_node_get_array (result);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_object_ref (json_array_get_object_element (array, 0));
}

static void
test_story_unknown_members (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autoptr(GBytes) saved = dl_story_to_bytes (story);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonNode *root;
  JsonArray *coordinates;

  json_parser_load_from_data (parser, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                              &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "x-generator"),
                   ==, "written by hand for the Dateline tests");

  object = object_at (root, "$.dateline");
  g_assert_cmpstr (json_object_get_string_member (object, "x-note"), ==,
                   "unknown members are kept on save");
  g_clear_pointer (&object, json_object_unref);

  object = object_at (root, "$.dateline.article");
  g_assert_cmpint (json_object_get_int_member (object, "x-word-count"), ==, 90);
  g_clear_pointer (&object, json_object_unref);

  object = object_at (root, "$.dateline.actors[0]");
  g_assert_cmpstr (json_object_get_string_member (object, "x-wikidata"), ==, "Q44329");
  g_clear_pointer (&object, json_object_unref);

  object = object_at (root, "$.dateline.events[0]");
  g_assert_cmpfloat (json_object_get_double_member (object, "x-confidence"), ==, 0.8);
  g_clear_pointer (&object, json_object_unref);

  object = object_at (root, "$.features[0].properties");
  g_assert_cmpstr (json_object_get_string_member (object, "marker-color"), ==, "#ff0000");
  g_clear_pointer (&object, json_object_unref);

  object = object_at (root, "$.features[3]");
  g_assert_true (json_object_has_member (object, "bbox"));
  g_clear_pointer (&object, json_object_unref);

  object = object_at (root, "$.features[1].geometry");
  coordinates = json_object_get_array_member (object, "coordinates");
  g_assert_cmpuint (json_array_get_length (coordinates), ==, 3);
  g_assert_cmpint (json_array_get_int_element (coordinates, 2), ==, 680);
}

static void
test_story_plain_geojson (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GBytes) saved = NULL;
  DlPlace *place;

  story = load_string (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"id\": \"a\", \"geometry\": {\"type\": \"Point\","
    "   \"coordinates\": [1, 2]}, \"properties\": {\"name\": \"Alpha\", \"title\": \"T\"}},"
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [3, 4]},"
    "   \"properties\": {\"title\": \"Beta\"}},"
    " {\"type\": \"Feature\", \"id\": 7, \"geometry\": {\"type\": \"Point\","
    "   \"coordinates\": [5, 6]}, \"properties\": null},"
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [7, 8]},"
    "   \"properties\": {}},"
    " {\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"name\": \"Nowhere\"}}"
    "]}", &error);
  g_assert_no_error (error);

  g_assert_null (dl_story_get_title (story));
  g_assert_null (dl_story_get_text (story));
  g_assert_cmpint (dl_story_get_text_length (story), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_actors (story)), ==, 0);
  /* the feature without geometry is a place without a location: listed, never drawn */
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==, 5);
  g_assert_false (dl_place_has_location (place_at (story, 4)));
  g_assert_cmpstr (dl_place_get_name (place_at (story, 4)), ==, "Nowhere");
  g_assert_true (dl_place_has_location (place_at (story, 0)));

  place = place_at (story, 0);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Alpha");
  g_assert_cmpstr (dl_place_get_id (place), ==, "a");
  place = place_at (story, 1);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Beta");
  place = place_at (story, 2);
  g_assert_cmpstr (dl_place_get_name (place), ==, "7");
  g_assert_true (dl_story_lookup_place (story, "7") == place);
  place = place_at (story, 3);
  g_assert_cmpstr (dl_place_get_name (place), ==, "Place 4");
  g_assert_cmpfloat (dl_place_get_anchor (place).lat, ==, 8);

  saved = dl_story_to_bytes (story);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "\"Nowhere\""));
  g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                               "dateline"));
}

static void
test_story_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  const DlLonLat *part;
  DlLonLat anchor, sw, ne;
  DlPlace *place;
  guint n;

  story = load_string (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    /* two squares: the anchor is the centre of the larger, not of both */
    " {\"type\": \"Feature\", \"id\": \"islands\", \"geometry\": {\"type\": \"MultiPolygon\","
    "   \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],"
    "                     [[[10, 10], [14, 10], [14, 14], [10, 14], [10, 10]],"
    "                      [[11, 11], [12, 11], [12, 12], [11, 12], [11, 11]]]]}},"
    /* two lines of length 2 and 6: the midpoint is 2 along the second */
    " {\"type\": \"Feature\", \"id\": \"roads\", \"geometry\": {\"type\": \"MultiLineString\","
    "   \"coordinates\": [[[0, 0], [2, 0]], [[0, 5], [0, 11]]]}},"
    " {\"type\": \"Feature\", \"id\": \"towns\", \"geometry\": {\"type\": \"MultiPoint\","
    "   \"coordinates\": [[-170.5, -80], [170, 80.25]]}},"
    /* clockwise ring, across the antimeridian-free edge of the world */
    " {\"type\": \"Feature\", \"id\": \"edge\", \"geometry\": {\"type\": \"Polygon\","
    "   \"coordinates\": [[[-180, -90], [-180, 90], [180, 90], [180, -90], [-180, -90]]]}}"
    "]}", &error);
  g_assert_no_error (error);

  place = dl_story_lookup_place (story, "islands");
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_AREA);
  g_assert_cmpuint (dl_place_get_n_parts (place), ==, 3);
  part = dl_place_get_part (place, 2, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (part[0].lon, ==, 11);
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat_with_epsilon (anchor.lon, 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (anchor.lat, 12, 1e-9);
  dl_place_get_bounds (place, &sw, &ne);
  g_assert_cmpfloat (sw.lon, ==, 0);
  g_assert_cmpfloat (ne.lat, ==, 14);

  place = dl_story_lookup_place (story, "roads");
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_ROUTE);
  g_assert_cmpuint (dl_place_get_n_parts (place), ==, 2);
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat_with_epsilon (anchor.lon, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (anchor.lat, 7, 1e-9);

  place = dl_story_lookup_place (story, "towns");
  g_assert_cmpint (dl_place_get_shape (place), ==, DL_PLACE_SHAPE_POINT);
  g_assert_cmpuint (dl_place_get_n_parts (place), ==, 2);
  part = dl_place_get_part (place, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (part[0].lat, ==, 80.25);
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat (anchor.lon, ==, -170.5);

  place = dl_story_lookup_place (story, "edge");
  anchor = dl_place_get_anchor (place);
  g_assert_cmpfloat_with_epsilon (anchor.lon, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (anchor.lat, 0, 1e-9);
}

static void
test_story_save_escapes (void)
{
  const char *text = "Quotes \\\"straight\\\" and “curly”, a back\\\\slash, a\\ttab, "
                     "a bell \\u0007, a slash /, Ḥamāh, 😀\\nand a new paragraph.";
  g_autofree char *json = story_with_passage (text, "\"exact\": \"Ḥamāh, 😀\\nand\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = load_string (json, &error);
  g_autoptr(DlStory) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  const DlPassage *passage;

  g_assert_no_error (error);
  g_assert_cmpstr (dl_story_get_text (story), ==,
                   "Quotes \"straight\" and “curly”, a back\\slash, a\ttab, a bell \a, "
                   "a slash /, Ḥamāh, 😀\nand a new paragraph.");
  passage = dl_event_get_passage (dl_story_lookup_event (story, "ev"), 0);
  assert_passage_text (story, passage);

  saved = dl_story_to_bytes (story);
  g_assert_true (g_utf8_validate (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  NULL));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "a bell \\u0007"));
  again = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_assert_no_error (error);
  assert_same_story (story, again);
}

static void
test_story_check_all_problems (void)
{
  const char *text =
    "{\"type\": \"FeatureCollection\",\n"
    " \"dateline\": {\"actors\": [{\"id\": \"a\", \"color\": \"red\"}],\n"
    "  \"events\": [{\"id\": \"e\", \"title\": \"E\", \"places\": [\"nowhere\"],\n"
    "              \"when\": {\"start\": \"2024-02-30\"}}]},\n"
    " \"features\": [{\"type\": \"Feature\", \"id\": \"p\",\n"
    "   \"geometry\": {\"type\": \"Point\", \"coordinates\": [2e7, 0]}}]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) problems = dl_story_check_bytes (bytes, "many.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 4);
  /* file order, not the order of checking (features are read first) */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "many.geojson:2:47: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "“red” is not a colour"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "many.geojson:3:51: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "unknown place “nowhere”"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "many.geojson:4:33: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2), "“2024-02-30”"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 3), "many.geojson:6:49: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 3),
                            "coordinates look projected (EPSG:3857 metres?), not degrees: "
                            "[2e+07, 0]"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 3),
                            "(at features[0].geometry.coordinates)"));

  story = dl_story_new_from_bytes (bytes, "many.geojson", &error);
  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, g_ptr_array_index (problems, 0)));
  g_assert_true (g_str_has_suffix (error->message, "(and 3 more problems)"));
}

static void
test_story_check_too_many (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DlStory) story = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "%s\n{\"type\": \"Feature\", \"geometry\": {\"type\": "
                            "\"Point\", \"coordinates\": [0, %u]}, \"properties\": null}",
                            i > 0 ? "," : "", 91 + i % 80);
  g_string_append (text, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  problems = dl_story_check_bytes_full (bytes, "many.geojson", &story);
  g_assert_null (story);
  g_assert_cmpuint (problems->len, ==, 201);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "many.geojson:2:70: latitude 91 is out of range (it must be between "
                   "-90 and 90; positions are [longitude, latitude]) "
                   "(at features[0].geometry.coordinates[1])");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 199), "many.geojson:201:70: "));
  g_assert_cmpstr (g_ptr_array_index (problems, 200), ==,
                   "many.geojson: too many problems: only the first 200 found are shown");
}

/* Values from the file never break a message over several lines or make it huge. */
static void
test_story_check_message_one_line (void)
{
  g_autoptr(GString) long_id = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autofree char *json = NULL;

  story = load_string ("{\"type\": \"Feature\\nCollection\", \"features\": []}", &error);
  g_assert_null (story);
  g_assert_cmpstr (error->message, ==, "test.geojson:1:10: “Feature Collection” is not a "
                   "GeoJSON type: a file holds a FeatureCollection, a Feature or a geometry "
                   "(Point, LineString, Polygon, …) (at type)");
  g_clear_error (&error);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_id, 'x');
  json = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"dateline\": {}, \"features\": ["
                          "{\"type\": \"Feature\", \"id\": \"i\","
                          " \"geometry\": {\"type\": \"%s\\t\"},"
                          " \"properties\": {\"names\": {\"a\\nb\": 5}}}]}", long_id->str);
  story = load_string (json, &error);
  g_assert_null (story);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\t'));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 1000);
  g_assert_true (g_str_has_suffix (error->message, "(and 1 more problem)"));
}

static void
test_story_check_valid (void)
{
  g_autoptr(GBytes) bytes = read_data ("story.geojson");
  g_autoptr(GPtrArray) problems = dl_story_check_bytes (bytes, "story.geojson");
  g_autoptr(DlStory) story = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = dl_story_check_bytes_full (bytes, "story.geojson", &story);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (story);
  g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), ==, 6);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dl-test-save-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_story_save (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autoptr(DlStory) again = NULL;
  g_autoptr(GBytes) bytes = dl_story_to_bytes (story);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* a new file */
  g_assert_true (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, g_bytes_get_data (bytes, NULL));

  /* over an old one, keeping its permissions; no temporary file left behind */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, g_bytes_get_data (bytes, NULL));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  g_assert_cmpuint (count_entries (dir), ==, 1);

  again = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_story (story, again);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_story_save_fails (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *inside = g_build_filename (blocker, "story.geojson", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.geojson", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* the parent is a regular file: fails even for root, and the file is unchanged */
  g_file_set_contents (blocker, "old contents\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (inside);
  g_assert_false (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "story.geojson"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  contents = read_file (blocker);
  g_assert_cmpstr (contents, ==, "old contents\n");
  g_clear_object (&file);

  /* the target is a folder */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  file = g_file_new_for_path (folder);
  g_assert_false (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder.geojson"));
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_clear_object (&file);

  g_rmdir (folder);
  g_unlink (blocker);
  g_rmdir (dir);
}

static void
test_story_save_read_only (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *old = "{\"type\": \"FeatureCollection\", \"features\": []}\n";

  g_file_set_contents (path, old, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (access (dir, W_OK) == 0)
    {
      /* root (or a file system without permissions) may write anyway */
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_unlink (path);
      g_rmdir (dir);
      g_test_skip ("the folder stays writable for this user (root?); the parent-is-a-file "
                   "case covers the failure");
      return;
    }

  g_assert_false (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, old);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_unlink (path);
  g_rmdir (dir);
}

/* A write that fails half-way (a file size limit, which binds root too): the temporary
 * file goes, the old file stays byte-identical. */
static void
test_story_save_write_fails (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *old = "{\"type\": \"FeatureCollection\", \"features\": []}\n";
  struct rlimit saved, limit;
  gboolean ok;

  g_file_set_contents (path, old, -1, &error);
  g_assert_no_error (error);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 1000;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = dl_story_save_to_file (story, file, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (ok);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, old);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* A name so long that "." + name + ".XXXXXX" would pass NAME_MAX still saves. */
static void
test_story_save_long_name (void)
{
  g_autoptr(DlStory) story = load_data ("story.geojson");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new (NULL);

  while (s->len < 240)
    g_string_append (s, "é");
  g_string_append (s, ".geojson");
  name = g_string_free (s, FALSE);
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);

  g_assert_true (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dl_story_save_to_file (story, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_story_load_file_errors (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/story.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_file (file, NULL, &error);

  g_assert_null (story);
  g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "story.geojson"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/story/load/article", test_story_load_article);
  g_test_add_func ("/story/load/places", test_story_load_places);
  g_test_add_func ("/story/load/actors", test_story_load_actors);
  g_test_add_func ("/story/load/events", test_story_load_events);
  g_test_add_func ("/story/load/plain-geojson", test_story_plain_geojson);
  g_test_add_func ("/story/load/shapes", test_story_shapes);
  g_test_add_func ("/story/load/file-errors", test_story_load_file_errors);
  g_test_add_func ("/story/passages/resolved", test_story_passages);
  g_test_add_func ("/story/passages/ambiguous", test_story_passage_ambiguous);
  g_test_add_func ("/story/passages/curly-quotes", test_story_passage_curly);
  g_test_add_func ("/story/check/valid", test_story_check_valid);
  g_test_add_func ("/story/check/all-problems", test_story_check_all_problems);
  g_test_add_func ("/story/check/one-line-messages", test_story_check_message_one_line);
  g_test_add_func ("/story/check/too-many-problems", test_story_check_too_many);
  g_test_add_func ("/story/save/round-trip", test_story_round_trip);
  g_test_add_func ("/story/save/unknown-members", test_story_unknown_members);
  g_test_add_func ("/story/save/escapes", test_story_save_escapes);
  g_test_add_func ("/story/save/atomic", test_story_save);
  g_test_add_func ("/story/save/fails-cleanly", test_story_save_fails);
  g_test_add_func ("/story/save/read-only-folder", test_story_save_read_only);
  g_test_add_func ("/story/save/write-fails", test_story_save_write_fails);
  g_test_add_func ("/story/save/long-name", test_story_save_long_name);

  return g_test_run ();
}
