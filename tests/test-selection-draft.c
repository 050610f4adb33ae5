/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What "New Event from Selection" proposes for a selection of the article: the sentence
 * as title (no full stop, cut at a word), and the places and actors the selection names. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-selection-draft"

#include "config.h"

#include <string.h>

#include "dl-selection-draft.h"

static DlStory *
load_story (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

/* Characters of the (ASCII) test article covered by @quote. */
static void
find (DlStory    *story,
      const char *quote,
      int        *start,
      int        *end)
{
  const char *text = dl_story_get_text (story);
  const char *at = strstr (text, quote);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (quote, -1);
}

static char *
ids (GPtrArray  *items,
     const char *(*get_id) (gpointer))
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", get_id (items->pdata[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_draft (DlStory    *story,
              const char *quote,
              const char *title,
              const char *places,
              const char *actors)
{
  int start, end;
  g_autoptr(DlSelectionDraft) draft = NULL;
  g_autofree char *place_ids = NULL;
  g_autofree char *actor_ids = NULL;

  find (story, quote, &start, &end);
  draft = dl_selection_draft_new (story, start, end);
  place_ids = ids (draft->places, (const char *(*) (gpointer)) dl_place_get_id);
  actor_ids = ids (draft->actors, (const char *(*) (gpointer)) dl_actor_get_id);
  g_assert_cmpstr (draft->title, ==, title);
  g_assert_cmpstr (place_ids, ==, places);
  g_assert_cmpstr (actor_ids, ==, actors);
}

static void
test_drafts (void)
{
  g_autoptr(DlStory) story = load_story ();

  assert_draft (story, "Assad left Damascus for Moscow",
                "Assad left Damascus for Moscow overnight, officials said",
                "damascus moscow", "assad");
  /* an alias names the actor; a word inside another word does not */
  assert_draft (story, "the family asylum", "Russia granted the family asylum", "", "");
  assert_draft (story, "Russia granted", "Russia granted the family asylum", "", "russia");
  assert_draft (story, "the city was free", "Crowds in Homs chanted that the city was free",
                "", "");
  assert_draft (story, "Crowds in Homs", "Crowds in Homs chanted that the city was free",
                "homs", "");
}

static void
test_sentence (void)
{
  g_autofree char *first = dl_selection_sentence ("One two. Three four five.", 0, 3, 80);
  g_autofree char *second = dl_selection_sentence ("One two. Three four five.", 15, 19, 80);
  g_autofree char *line = dl_selection_sentence ("Headline without stop\nBody.", 2, 5, 80);
  g_autofree char *cut = dl_selection_sentence ("Rebels entered the city of Homs on Saturday, "
                                                "after a day of fighting.", 0, 6, 30);
  g_autofree char *arabic = dl_selection_sentence ("دخل المقاتلون حمص. فرّ الأسد.", 19, 22, 80);

  g_assert_cmpstr (first, ==, "One two");
  g_assert_cmpstr (second, ==, "Three four five");
  g_assert_cmpstr (line, ==, "Headline without stop");
  g_assert_cmpstr (cut, ==, "Rebels entered the city of…");
  g_assert_cmpstr (arabic, ==, "فرّ الأسد");
}

static void
test_mentions (void)
{
  g_assert_true (dl_selection_mentions ("Troops in the Golan Heights", "golan heights"));
  g_assert_false (dl_selection_mentions ("Homsville", "Homs"));
  g_assert_true (dl_selection_mentions ("in Homs.", "Homs"));
  g_assert_true (dl_selection_mentions ("إلى دمشق", "دمشق"));
  g_assert_false (dl_selection_mentions ("anything", ""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/selection-draft/drafts", test_drafts);
  g_test_add_func ("/selection-draft/sentence", test_sentence);
  g_test_add_func ("/selection-draft/mentions", test_mentions);

  return g_test_run ();
}
