/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Approximate times ("when": {"start": "2024-12", "approximate": true}): read, shown as a
 * reader sees them ("about Dec 2024", "c. 2016"), a value that is not true or false named
 * with its line and column, saved back byte for byte, and set and unset as one undoable
 * step that gives the very bytes back. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-approximate"

#include "config.h"

#include <string.h>

#include "dl-history.h"
#include "dl-operation.h"
#include "dl-story.h"
#include "dl-story-error.h"

/* Written as Dateline writes (so an unchanged save gives these bytes): an approximate
 * month, an approximate year with an end, an exact day in the short form, an explicit
 * false and a null. */
static const char story_text[] =
  "{\n"
  "  \"type\": \"FeatureCollection\",\n"
  "  \"dateline\": {\n"
  "    \"version\": 1,\n"
  "    \"article\": {\n"
  "      \"title\": \"Approximately\",\n"
  "      \"text\": \"Some time in December. Around 2016. On 8 December.\"\n"
  "    },\n"
  "    \"events\": [\n"
  "      {\n"
  "        \"id\": \"month\",\n"
  "        \"title\": \"Talks\",\n"
  "        \"when\": {\n"
  "          \"start\": \"2024-12\",\n"
  "          \"approximate\": true\n"
  "        }\n"
  "      },\n"
  "      {\n"
  "        \"id\": \"year\",\n"
  "        \"title\": \"Build-up\",\n"
  "        \"when\": {\n"
  "          \"start\": \"2016\",\n"
  "          \"end\": \"2018\",\n"
  "          \"approximate\": true,\n"
  "          \"x-kept\": 1\n"
  "        }\n"
  "      },\n"
  "      {\n"
  "        \"id\": \"day\",\n"
  "        \"title\": \"Flight\",\n"
  "        \"when\": \"2024-12-08\"\n"
  "      },\n"
  "      {\n"
  "        \"id\": \"false\",\n"
  "        \"title\": \"Said\",\n"
  "        \"when\": {\n"
  "          \"start\": \"2024-12-09\",\n"
  "          \"approximate\": false\n"
  "        }\n"
  "      },\n"
  "      {\n"
  "        \"id\": \"null\",\n"
  "        \"title\": \"Left\",\n"
  "        \"when\": {\n"
  "          \"start\": \"2024-12-10T06:00Z\",\n"
  "          \"approximate\": null\n"
  "        }\n"
  "      }\n"
  "    ]\n"
  "  },\n"
  "  \"features\": []\n"
  "}\n";

static DlStory *
load (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, "story.geojson", &error);

  g_assert_no_error (error);
  return story;
}

static char *
saved_text (DlStory *story)
{
  g_autoptr(GBytes) bytes = dl_story_to_bytes (story);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
format_start (DlStory    *story,
              const char *id)
{
  return dl_event_format_start (dl_story_lookup_event (story, id));
}

static void
test_read (void)
{
  g_autoptr(DlStory) story = load (story_text);
  g_autofree char *month = format_start (story, "month");
  g_autofree char *year = format_start (story, "year");
  g_autofree char *day = format_start (story, "day");
  g_autofree char *minute = format_start (story, "null");

  g_assert_true (dl_event_get_approximate (dl_story_lookup_event (story, "month")));
  g_assert_true (dl_event_get_approximate (dl_story_lookup_event (story, "year")));
  g_assert_false (dl_event_get_approximate (dl_story_lookup_event (story, "day")));
  g_assert_false (dl_event_get_approximate (dl_story_lookup_event (story, "false")));
  g_assert_false (dl_event_get_approximate (dl_story_lookup_event (story, "null")));

  g_assert_cmpstr (month, ==, "about Dec 2024");
  g_assert_cmpstr (year, ==, "c. 2016");
  g_assert_cmpstr (day, ==, "8 Dec 2024");
  g_assert_cmpstr (minute, ==, "10 Dec 2024, 06:00 UTC");
}

static void
test_unchanged_save (void)
{
  g_autoptr(DlStory) story = load (story_text);
  g_autofree char *text = saved_text (story);

  g_assert_cmpstr (text, ==, story_text);
}

/* Not true, false or null: one message with the file, line and column, and no story. */
static void
test_bad_value (void)
{
  static const char * const bad[] = { "\"yes\"", "1", "[]", "{}" };
  static const char year_flag[] = "\"end\": \"2018\",\n          \"approximate\": true";

  /* the year's flag, on line 24 */
  g_assert_nonnull (strstr (story_text, year_flag));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) text = g_string_new (story_text);
      g_autofree char *with = g_strdup_printf ("\"end\": \"2018\",\n          "
                                               "\"approximate\": %s", bad[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) story = NULL;

      g_assert_cmpuint (g_string_replace (text, year_flag, with, 1), ==, 1);
      bytes = g_bytes_new (text->str, text->len);
      story = dl_story_new_from_bytes (bytes, "story.geojson", &error);
      g_assert_null (story);
      g_assert_error (error, DL_STORY_ERROR, DL_STORY_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "story.geojson:24:"));
      g_assert_nonnull (strstr (error->message, "“approximate” must be true or false, not"));
    }
}

/* Setting the flag is one step named "Change Event Time"; undo gives the bytes back, redo
 * those of the first apply; a short form "when" becomes an object only then. */
static void
test_operation (void)
{
  g_autoptr(DlStory) story = load (story_text);
  g_autoptr(DlHistory) history = dl_history_new ();
  DlEvent *day = dl_story_lookup_event (story, "day");
  DlEvent *year = dl_story_lookup_event (story, "year");
  g_autofree char *applied = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *back = NULL;
  DlOperation *operation = dl_operation_new_set_event_approximate (day, TRUE);

  g_assert_cmpstr (dl_operation_get_label (operation), ==, "Change Event Time");
  dl_history_push (history, operation);
  g_assert_true (dl_event_get_approximate (day));
  shown = dl_event_format_start (day);
  g_assert_cmpstr (shown, ==, "about 8 Dec 2024");
  applied = saved_text (story);
  g_assert_nonnull (strstr (applied, "\"when\": {\n          \"start\": \"2024-12-08\",\n"
                                     "          \"approximate\": true\n        }"));

  g_assert_true (dl_history_undo (history));
  g_assert_false (dl_event_get_approximate (day));
  undone = saved_text (story);
  g_assert_cmpstr (undone, ==, story_text);
  g_assert_true (dl_history_redo (history));
  redone = saved_text (story);
  g_assert_cmpstr (redone, ==, applied);
  g_assert_true (dl_history_undo (history));

  /* clearing it removes the member, and keeps the unknown one beside it */
  dl_history_push (history, dl_operation_new_set_event_approximate (year, FALSE));
  cleared = saved_text (story);
  g_assert_null (strstr (cleared, "\"end\": \"2018\",\n          \"approximate\""));
  g_assert_nonnull (strstr (cleared, "\"x-kept\": 1"));
  g_clear_pointer (&shown, g_free);
  shown = dl_event_format_start (year);
  g_assert_cmpstr (shown, ==, "2016");
  g_assert_true (dl_history_undo (history));
  back = saved_text (story);
  g_assert_cmpstr (back, ==, story_text);
}

/* A story saved with the flag reads back with it. */
static void
test_round_trip (void)
{
  g_autoptr(DlStory) story = load (story_text);
  g_autoptr(DlStory) again = NULL;
  g_autofree char *text = NULL;

  dl_event_set_approximate (dl_story_lookup_event (story, "null"), TRUE);
  text = saved_text (story);
  again = load (text);
  g_assert_true (dl_event_get_approximate (dl_story_lookup_event (again, "null")));
  g_assert_true (dl_event_get_approximate (dl_story_lookup_event (again, "month")));
  g_assert_false (dl_event_get_approximate (dl_story_lookup_event (again, "day")));
}

/* Found by fuzz-edit: an event flagged approximate whose start is then cleared has no
 * "when" left to hold the flag; the model says so too, so that the story saved and read
 * back is the story that was edited. Undoing both steps gives the flag back. */
static void
test_no_start (void)
{
  g_autoptr(DlStory) story = load (story_text);
  g_autoptr(DlHistory) history = dl_history_new ();
  DlEvent *month = dl_story_lookup_event (story, "month");
  g_autoptr(DlStory) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *back = NULL;

  dl_history_push (history, dl_operation_new_set_event_start (month, NULL));
  g_assert_false (dl_event_get_approximate (month));
  shown = dl_event_format_start (month);
  g_assert_cmpstr (shown, ==, "");
  text = saved_text (story);
  again = load (text);
  g_assert_false (dl_event_get_approximate (dl_story_lookup_event (again, "month")));
  g_assert_cmpint (dl_event_get_start (dl_story_lookup_event (again, "month"))->precision, ==,
                   DL_TIME_NONE);

  /* set on an event without a time: nothing a file or a reader could see */
  dl_history_push (history, dl_operation_new_set_event_approximate (month, TRUE));
  g_assert_false (dl_event_get_approximate (month));
  g_clear_pointer (&text, g_free);
  text = saved_text (story);
  g_clear_object (&again);
  again = load (text);
  g_assert_false (dl_event_get_approximate (dl_story_lookup_event (again, "month")));

  g_assert_true (dl_history_undo (history));
  g_assert_true (dl_history_undo (history));
  g_assert_true (dl_event_get_approximate (month));
  back = saved_text (story);
  g_assert_cmpstr (back, ==, story_text);
}

/* A draft's date the text does not give ("assumed": true, written by the drafter) is kept
 * as such; setting the time by hand ends it in the same step (the member goes from the
 * file), and undo gives the bytes back. */
static const char assumed_text[] =
  "{\n"
  "  \"type\": \"FeatureCollection\",\n"
  "  \"dateline\": {\n"
  "    \"version\": 1,\n"
  "    \"article\": {\n"
  "      \"title\": \"Drafted\",\n"
  "      \"published\": \"2024-12-08\",\n"
  "      \"text\": \"Crowds gathered. On Sunday he left.\"\n"
  "    },\n"
  "    \"events\": [\n"
  "      {\n"
  "        \"id\": \"crowds\",\n"
  "        \"title\": \"Crowds gathered\",\n"
  "        \"when\": {\n"
  "          \"start\": \"2024-12-08\",\n"
  "          \"text\": null,\n"
  "          \"assumed\": true\n"
  "        },\n"
  "        \"suggested\": true\n"
  "      },\n"
  "      {\n"
  "        \"id\": \"left\",\n"
  "        \"title\": \"He left\",\n"
  "        \"when\": {\n"
  "          \"start\": \"2024-12-08\",\n"
  "          \"text\": \"On Sunday\"\n"
  "        },\n"
  "        \"suggested\": true\n"
  "      }\n"
  "    ]\n"
  "  },\n"
  "  \"features\": []\n"
  "}\n";

static void
test_assumed (void)
{
  g_autoptr(DlStory) story = load (assumed_text);
  g_autoptr(DlHistory) history = dl_history_new ();
  DlEvent *crowds = dl_story_lookup_event (story, "crowds");
  DlEvent *left = dl_story_lookup_event (story, "left");
  g_autofree char *unchanged = saved_text (story);
  g_autofree char *applied = NULL;
  g_autofree char *undone = NULL;
  DlTime day;

  g_assert_true (dl_event_get_date_assumed (crowds));
  g_assert_false (dl_event_get_date_assumed (left));
  g_assert_cmpstr (unchanged, ==, assumed_text);

  g_assert_true (dl_time_parse ("2024-12-06", &day, NULL));
  dl_history_push (history, dl_operation_new_set_event_start (crowds, &day));
  g_assert_false (dl_event_get_date_assumed (crowds));
  applied = saved_text (story);
  g_assert_null (strstr (applied, "\"assumed\""));
  g_assert_nonnull (strstr (applied, "\"start\": \"2024-12-06\""));

  g_assert_true (dl_history_undo (history));
  g_assert_true (dl_event_get_date_assumed (crowds));
  undone = saved_text (story);
  g_assert_cmpstr (undone, ==, assumed_text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/approximate/read", test_read);
  g_test_add_func ("/approximate/unchanged-save", test_unchanged_save);
  g_test_add_func ("/approximate/bad-value", test_bad_value);
  g_test_add_func ("/approximate/operation", test_operation);
  g_test_add_func ("/approximate/round-trip", test_round_trip);
  g_test_add_func ("/approximate/no-start", test_no_start);
  g_test_add_func ("/approximate/assumed", test_assumed);
  return g_test_run ();
}
