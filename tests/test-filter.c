/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-filter"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-filter.h"
#include "dl-story.h"
#include "dl-test-util.h"

static DlStory *
load_story (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "story.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

/* The ids of the events that pass, in the story's order, joined by spaces. */
static char *
matching (DlFilter *filter,
          DlStory  *story)
{
  GListModel *events = dl_story_get_events (story);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (dl_filter_match (filter, event))
        {
          if (ids->len > 0)
            g_string_append_c (ids, ' ');
          g_string_append (ids, dl_event_get_id (event));
        }
    }
  return g_strdup (ids->str);
}

#define ALL "occupation celebrate-hama flight asylum celebrate-damascus golan"

static void
assert_matching (DlFilter   *filter,
                 DlStory    *story,
                 const char *expected)
{
  g_autofree char *ids = matching (filter, story);

  g_assert_cmpstr (ids, ==, expected);
}

static void
count_cb (DlFilter *filter,
          guint    *count)
{
  (*count)++;
}

static void
test_filter_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Ḥamāh", "hamah" },
    { "HAMAH", "hamah" },
    { "École", "ecole" },
    { "Şam", "sam" },
    { "Straße", "strasse" },
    { "ﬁle", "file" },
    { "Москва", "москва" },
    { "İstanbul", "istanbul" },
    { "ÅNGSTRÖM", "angstrom" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = dl_text_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

/* The fold cuts a text into ASCII and other runs; texts mixing the two, with marks and
 * letters that fold or decompose at every cut, fold as the whole text through GLib does. */
static void
test_filter_fold_runs (void)
{
  static const char * const pieces[] = {
    "a", "Z", " ", "1", ".", "e\u0301", "\u0301", "A\u0308", "\u0308\u0323", "É", "İ",
    "ß", "ﬁ", "Ⅻ", "K", "Ａ", "ǅ", "ΣΑΣ", "ς", "مُحَمَّد", "ﻻ", "ـ", "한", "½", "1\u20e3",
    "ℌ", "ŉ", "Ǆ", "\u0345", "ﷺ", "\u200f", "x\u0345", "Ω", "ẞ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 8);
      g_autofree char *folded = NULL;
      g_autofree char *reference = NULL;

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      folded = dl_text_fold (text->str);
      reference = dl_test_fold_reference (text->str);
      g_assert_cmpstr (folded, ==, reference);
    }
}

/* An event passes an actor filter by any of its actors, wherever they stand (the first
 * two are read from the event itself), after its actors change too; a pass over many
 * events gives what each one's match gives. */
static void
test_filter_select_actors (void)
{
  g_autoptr(DlFilter) filter = dl_filter_new ();
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  static const char * const third[] = { "a2", NULL };

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);

      g_ptr_array_add (actors, dl_actor_new (id));
    }
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      DlEvent *event = dl_event_new (id);
      guint n = g_rand_int_range (rand, 0, 5);

      for (guint j = 0; j < n; j++)
        dl_event_insert_actor (event, -1, actors->pdata[g_rand_int_range (rand, 0, 20)],
                               NULL);
      g_ptr_array_add (events, event);
    }

  /* the third of three actors */
  dl_filter_set_actors (filter, third);
  {
    g_autoptr(DlEvent) event = dl_event_new ("three");

    dl_event_insert_actor (event, -1, actors->pdata[0], NULL);
    dl_event_insert_actor (event, -1, actors->pdata[1], NULL);
    g_assert_false (dl_filter_match (filter, event));
    dl_event_insert_actor (event, -1, actors->pdata[2], NULL);
    g_assert_true (dl_filter_match (filter, event));
    /* the second now: first two read from the event */
    dl_event_remove_actor (event, 0);
    g_assert_true (dl_filter_match (filter, event));
    dl_event_remove_actor (event, 1);
    g_assert_false (dl_filter_match (filter, event));
    dl_event_insert_actor (event, 0, actors->pdata[2], NULL);
    g_assert_true (dl_filter_match (filter, event));
  }

  /* many filters of 1 to 25 actors (more than the pass keeps in its array) */
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) selected = g_ptr_array_new ();
      guint n = g_rand_int_range (rand, 1, 26), expected = 0;

      for (guint j = 0; j < n; j++)
        g_ptr_array_add (ids, (char *) dl_actor_get_id (actors->pdata[g_rand_int_range (rand,
                                                                                        0, 20)]));
      g_ptr_array_add (ids, NULL);
      dl_filter_set_actors (filter, (const char * const *) ids->pdata);
      dl_filter_select (filter, (DlEvent * const *) events->pdata, events->len, selected);
      for (guint i = 0; i < events->len; i++)
        if (dl_filter_match (filter, events->pdata[i]))
          {
            g_assert_cmpuint (expected, <, selected->len);
            g_assert_true (selected->pdata[expected] == events->pdata[i]);
            expected++;
          }
      g_assert_cmpuint (selected->len, ==, expected);
      g_assert_cmpuint (expected, >, 0);
    }
}

static void
test_filter_none (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFilter) filter = dl_filter_new ();

  g_assert_false (dl_filter_is_active (filter));
  g_assert_null (dl_filter_get_actors (filter));
  g_assert_null (dl_filter_get_text (filter));
  g_assert_true (dl_filter_allows_actor (filter, "russia"));
  assert_matching (filter, story, ALL);
}

static void
test_filter_actors (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  const char *russia[] = { "russia", NULL };
  const char *two[] = { "israel", "russia", NULL };
  const char *none[] = { NULL };
  guint changes = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_cb), &changes);

  dl_filter_set_actors (filter, russia);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (dl_filter_is_active (filter));
  assert_matching (filter, story, "asylum");
  g_assert_true (dl_filter_allows_actor (filter, "russia"));
  g_assert_false (dl_filter_allows_actor (filter, "israel"));

  /* the same set again: no change */
  dl_filter_set_actors (filter, russia);
  g_assert_cmpuint (changes, ==, 1);

  dl_filter_set_actor_allowed (filter, "israel", TRUE);
  g_assert_cmpuint (changes, ==, 2);
  assert_matching (filter, story, "occupation asylum golan");
  g_assert_true (g_strv_equal (dl_filter_get_actors (filter), two));
  dl_filter_set_actor_allowed (filter, "israel", TRUE);
  g_assert_cmpuint (changes, ==, 2);

  dl_filter_set_actor_allowed (filter, "russia", FALSE);
  g_assert_cmpuint (changes, ==, 3);
  assert_matching (filter, story, "occupation golan");

  /* an event passes when any of its actors is chosen: asylum has Assad too */
  dl_filter_set_actor_allowed (filter, "assad", TRUE);
  assert_matching (filter, story, "occupation flight asylum golan");

  dl_filter_set_actors (filter, none);
  assert_matching (filter, story, "");
  g_assert_true (dl_filter_is_active (filter));

  dl_filter_set_actors (filter, NULL);
  assert_matching (filter, story, ALL);
  g_assert_false (dl_filter_is_active (filter));
  g_assert_cmpuint (changes, ==, 6);
}

static void
test_filter_text (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  guint changes = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_cb), &changes);

  /* the title, in another case */
  dl_filter_set_text (filter, "ASYLUM");
  assert_matching (filter, story, "asylum");
  g_assert_cmpstr (dl_filter_get_text (filter), ==, "ASYLUM");
  g_assert_cmpuint (changes, ==, 1);
  dl_filter_set_text (filter, "ASYLUM");
  g_assert_cmpuint (changes, ==, 1);

  /* a place name with accents, typed without */
  dl_filter_set_text (filter, "hamah");
  assert_matching (filter, story, "celebrate-hama");
  /* and with them, matching a name written without */
  dl_filter_set_text (filter, "Dāmascus");
  assert_matching (filter, story, "flight celebrate-damascus");

  /* an actor's alias, the attribution, a local name, a passage */
  dl_filter_set_text (filter, "kremlin");
  assert_matching (filter, story, "asylum");
  dl_filter_set_text (filter, "hayat tahrir al-sham");
  assert_matching (filter, story, "celebrate-hama celebrate-damascus");
  dl_filter_set_text (filter, "via tass");
  assert_matching (filter, story, "asylum");
  dl_filter_set_text (filter, "МОСКВА");
  assert_matching (filter, story, "flight asylum");
  dl_filter_set_text (filter, "buffer zone");
  assert_matching (filter, story, "occupation golan");
  dl_filter_set_text (filter, "humanitarian");
  assert_matching (filter, story, "asylum");

  /* every word must match, in any field */
  dl_filter_set_text (filter, "crowds damascus");
  assert_matching (filter, story, "celebrate-damascus");
  dl_filter_set_text (filter, "nothing-like-this");
  assert_matching (filter, story, "");

  dl_filter_set_text (filter, "");
  g_assert_null (dl_filter_get_text (filter));
  assert_matching (filter, story, ALL);
  g_assert_false (dl_filter_is_active (filter));
  dl_filter_set_text (filter, NULL);
  g_assert_cmpuint (changes, ==, 12);
}

static void
test_filter_time (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  DlTime from, to;
  guint changes = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_cb), &changes);

  /* one day: the events on it, the span of 7–8 Dec, and the month of December */
  g_assert_true (dl_time_parse ("2024-12-08", &from, NULL));
  dl_filter_set_time_range (filter, &from, &from);
  assert_matching (filter, story, "celebrate-hama flight asylum celebrate-damascus golan");
  g_assert_cmpuint (changes, ==, 1);
  dl_filter_set_time_range (filter, &from, &from);
  g_assert_cmpuint (changes, ==, 1);

  /* the morning of 8 Dec, UTC: 06:00Z and 09:30+02:00 (07:30Z) but not 10:00 */
  g_assert_true (dl_time_parse ("2024-12-08T05:00Z", &from, NULL));
  g_assert_true (dl_time_parse ("2024-12-08T07:30Z", &to, NULL));
  dl_filter_set_time_range (filter, &from, &to);
  assert_matching (filter, story, "celebrate-hama flight asylum celebrate-damascus golan");
  g_assert_true (dl_time_parse ("2024-12-08T07:29Z", &to, NULL));
  dl_filter_set_time_range (filter, &from, &to);
  assert_matching (filter, story, "celebrate-hama flight asylum celebrate-damascus");

  /* open bounds */
  g_assert_true (dl_time_parse ("2000", &to, NULL));
  dl_filter_set_time_range (filter, NULL, &to);
  assert_matching (filter, story, "occupation");
  g_assert_true (dl_time_parse ("2024-12-07T23:59Z", &to, NULL));
  dl_filter_set_time_range (filter, NULL, &to);
  assert_matching (filter, story, "occupation celebrate-hama flight");
  g_assert_true (dl_time_parse ("2024-12-08T07:00Z", &from, NULL));
  dl_filter_set_time_range (filter, &from, NULL);
  assert_matching (filter, story, "celebrate-hama flight asylum golan");

  dl_filter_set_time_range (filter, NULL, NULL);
  assert_matching (filter, story, ALL);
  g_assert_false (dl_filter_is_active (filter));
}

static void
test_filter_combined (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  const char *actors[] = { "rebels", "israel", NULL };
  DlTime day;
  guint changes = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_cb), &changes);

  dl_filter_set_actors (filter, actors);
  assert_matching (filter, story, "occupation celebrate-hama celebrate-damascus golan");
  g_assert_true (dl_time_parse ("2024-12-08", &day, NULL));
  dl_filter_set_time_range (filter, &day, &day);
  assert_matching (filter, story, "celebrate-hama celebrate-damascus golan");
  dl_filter_set_text (filter, "CROWDS");
  assert_matching (filter, story, "celebrate-hama celebrate-damascus");
  dl_filter_set_text (filter, "crowds hamah");
  assert_matching (filter, story, "celebrate-hama");
  g_assert_cmpuint (changes, ==, 4);

  dl_filter_reset (filter);
  g_assert_cmpuint (changes, ==, 5);
  g_assert_false (dl_filter_is_active (filter));
  assert_matching (filter, story, ALL);
  dl_filter_reset (filter);
  g_assert_cmpuint (changes, ==, 5);
}

/* Whether every id of @a is in @b. */
static gboolean
ids_within (const char *a,
            const char *b)
{
  g_auto(GStrv) as = g_strsplit (a, " ", -1);
  g_auto(GStrv) bs = g_strsplit (b, " ", -1);

  for (guint i = 0; as[i] != NULL; i++)
    if (*as[i] != '\0' && !g_strv_contains ((const char * const *) bs, as[i]))
      return FALSE;
  return TRUE;
}

/* Each change says how it moved the set of events shown, so that the list re-checks only
 * the rows that may change side; the set shown must move that way, or the list would keep
 * a row it should hide. */
static void
test_filter_change_kinds (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFilter) filter = dl_filter_new ();
  const char *rebels_israel[] = { "rebels", "israel", NULL };
  const char *rebels[] = { "rebels", NULL };
  const char *russia[] = { "russia", NULL };
  DlTime day, month;
  struct {
    const char *what;
    DlFilterChange expected;
  } steps[] = {
    { "text cr", DL_FILTER_CHANGE_MORE_STRICT },
    { "text crowds", DL_FILTER_CHANGE_MORE_STRICT },
    { "text crowds hamah", DL_FILTER_CHANGE_MORE_STRICT },
    { "text crowds", DL_FILTER_CHANGE_LESS_STRICT },
    { "text moscow", DL_FILTER_CHANGE_DIFFERENT },
    { "text ", DL_FILTER_CHANGE_LESS_STRICT },
    { "actors rebels israel", DL_FILTER_CHANGE_MORE_STRICT },
    { "actors rebels", DL_FILTER_CHANGE_MORE_STRICT },
    { "actors russia", DL_FILTER_CHANGE_DIFFERENT },
    { "allow rebels", DL_FILTER_CHANGE_LESS_STRICT },
    { "deny russia", DL_FILTER_CHANGE_MORE_STRICT },
    { "actors all", DL_FILTER_CHANGE_LESS_STRICT },
    { "time month", DL_FILTER_CHANGE_MORE_STRICT },
    { "time day", DL_FILTER_CHANGE_MORE_STRICT },
    { "time month", DL_FILTER_CHANGE_LESS_STRICT },
    { "time none", DL_FILTER_CHANGE_LESS_STRICT },
    { "text hama", DL_FILTER_CHANGE_MORE_STRICT },
    { "reset", DL_FILTER_CHANGE_LESS_STRICT },
  };

  g_assert_true (dl_time_parse ("2024-12-08", &day, NULL));
  g_assert_true (dl_time_parse ("2024-12", &month, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *before = matching (filter, story);
      g_autofree char *after = NULL;
      const char *what = steps[i].what;

      if (g_str_has_prefix (what, "text "))
        dl_filter_set_text (filter, what + 5);
      else if (g_str_equal (what, "actors rebels israel"))
        dl_filter_set_actors (filter, rebels_israel);
      else if (g_str_equal (what, "actors rebels"))
        dl_filter_set_actors (filter, rebels);
      else if (g_str_equal (what, "actors russia"))
        dl_filter_set_actors (filter, russia);
      else if (g_str_equal (what, "allow rebels"))
        dl_filter_set_actor_allowed (filter, "rebels", TRUE);
      else if (g_str_equal (what, "deny russia"))
        dl_filter_set_actor_allowed (filter, "russia", FALSE);
      else if (g_str_equal (what, "actors all"))
        dl_filter_set_actors (filter, NULL);
      else if (g_str_equal (what, "time month"))
        dl_filter_set_time_range (filter, &month, &month);
      else if (g_str_equal (what, "time day"))
        dl_filter_set_time_range (filter, &day, &day);
      else if (g_str_equal (what, "time none"))
        dl_filter_set_time_range (filter, NULL, NULL);
      else
        dl_filter_reset (filter);

      after = matching (filter, story);
      g_test_message ("%s: “%s” → “%s”", what, before, after);
      g_assert_cmpint (dl_filter_get_last_change (filter), ==, steps[i].expected);
      if (steps[i].expected == DL_FILTER_CHANGE_MORE_STRICT)
        g_assert_true (ids_within (after, before));
      else if (steps[i].expected == DL_FILTER_CHANGE_LESS_STRICT)
        g_assert_true (ids_within (before, after));
      /* and the steps do show and hide events */
      if (i == 2 || i == 7 || i == 16)
        g_assert_cmpstr (after, !=, before);
    }
  assert_matching (filter, story, ALL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/filter/fold", test_filter_fold);
  g_test_add_func ("/filter/fold-runs", test_filter_fold_runs);
  g_test_add_func ("/filter/select-actors", test_filter_select_actors);
  g_test_add_func ("/filter/none", test_filter_none);
  g_test_add_func ("/filter/actors", test_filter_actors);
  g_test_add_func ("/filter/text", test_filter_text);
  g_test_add_func ("/filter/time", test_filter_time);
  g_test_add_func ("/filter/combined", test_filter_combined);
  g_test_add_func ("/filter/change-kinds", test_filter_change_kinds);

  return g_test_run ();
}
