/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reviewing a draft in core: New Story in the window drafts what `--new-story` drafts
 * (the same bytes); accepting an event, a place or an actor takes "suggested" out of the
 * file and its undo gives back the very bytes; rejecting removes it (a place or actor
 * also from its events) and undo gives the bytes back; Accept All is one step; a
 * half-reviewed draft saves and reopens with exactly the remaining suggestions. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dl-article-text.h"
#include "dl-history.h"
#include "dl-new-story.h"
#include "dl-review.h"

/* A short report in the shape of the seed article: a headline, a place, a date, actors. */
#define ARTICLE \
  "Syria’s ousted President Bashar al-Assad has arrived in Moscow\n" \
  "Kremlin officials told TASS news agency that Assad and his family arrived in the " \
  "Russian capital on Sunday.\n" \
  "Assad left the Syrian capital Damascus after rebels took Homs on Saturday.\n" \
  "Israel said its forces struck military sites near Damascus on Monday.\n"

static DlStory *
load_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, "draft.geojson", &error);

  g_assert_no_error (error);
  return story;
}

static DlStory *
new_draft (void)
{
  g_autoptr(GError) error = NULL;
  DlArticleInfo info = { .published = "2024-12-08" };
  DlStory *story = dl_article_new_story (ARTICLE, &info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

static gpointer
item (GListModel *model,
      guint       index)
{
  gpointer object = g_list_model_get_item (model, index);

  g_object_unref (object);  /* the model keeps it */
  return object;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_autofree char *sa = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_autofree char *sb = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

  g_assert_cmpstr (sa, ==, sb);
}

/* "event:ID place:ID actor:ID …" of the suggestions, in model order. */
static char *
describe_suggestions (DlStory *story)
{
  GString *s = g_string_new (NULL);
  GListModel *events = dl_story_get_events (story);
  GListModel *places = dl_story_get_places (story);
  GListModel *actors = dl_story_get_actors (story);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    if (dl_event_get_suggested (item (events, i)))
      g_string_append_printf (s, "event:%s ", dl_event_get_id (item (events, i)));
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    if (dl_place_get_suggested (item (places, i)))
      g_string_append_printf (s, "place:%s ", dl_place_get_id (item (places, i)));
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    if (dl_actor_get_suggested (item (actors, i)))
      g_string_append_printf (s, "actor:%s ", dl_actor_get_id (item (actors, i)));
  return g_string_free (s, FALSE);
}

static guint
count_substring (GBytes     *bytes,
                 const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The window's New Story and `dateline --new-story` write the same draft. */
static void
test_same_draft (void)
{
  g_autoptr(DlStory) story = new_draft ();
  g_autoptr(GBytes) window_bytes = dl_story_to_bytes (story);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("review-XXXXXX", &error);
  g_autofree char *article = g_build_filename (dir, "article.txt", NULL);
  g_autofree char *output = g_build_filename (dir, "draft.geojson", NULL);
  g_autofree char *cli_text = NULL;
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  gsize length;
  DlReviewCount count;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (article, ARTICLE, -1, NULL));
  g_variant_dict_insert (options, "new-story", "^ay", article);
  g_variant_dict_insert (options, "output", "^ay", output);
  g_variant_dict_insert (options, "published", "s", "2024-12-08");
  g_assert_cmpint (dl_new_story_cli_run (options), ==, 0);
  g_assert_true (g_file_get_contents (output, &cli_text, &length, NULL));
  {
    g_autoptr(GBytes) cli_bytes = g_bytes_new (cli_text, length);

    assert_bytes_equal (window_bytes, cli_bytes);
  }

  /* what a user reviews: the detected places, drafted events and actors, all suggested */
  g_assert_cmpstr (dl_story_get_title (story), ==,
                   "Syria’s ousted President Bashar al-Assad has arrived in Moscow");
  g_assert_nonnull (dl_story_lookup_place (story, "moscow"));
  g_assert_nonnull (dl_story_lookup_place (story, "damascus"));
  g_assert_cmpuint (dl_review_count (story, &count), >, 0);
  g_assert_cmpuint (count.events, ==, g_list_model_get_n_items (dl_story_get_events (story)));
  g_assert_cmpuint (count.places, ==, g_list_model_get_n_items (dl_story_get_places (story)));
  g_assert_cmpuint (count.actors, ==, g_list_model_get_n_items (dl_story_get_actors (story)));
  g_assert_cmpuint (count.events, >=, 3);
  g_assert_cmpuint (count.places, >=, 3);
  g_assert_cmpuint (count.actors, >=, 2);

  g_unlink (article);
  g_unlink (output);
  g_rmdir (dir);
}

/* Apply, undo, redo of @operation on @story: undo gives back @before exactly. Returns the
 * bytes after the first apply. */
static GBytes *
apply_undo_redo (DlStory     *story,
                 DlOperation *operation,
                 const char  *label)
{
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(GBytes) before = dl_story_to_bytes (story);
  g_autoptr(GBytes) applied = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GBytes) redone = NULL;

  g_assert_cmpstr (dl_operation_get_label (operation), ==, label);
  dl_history_push (history, operation);
  applied = dl_story_to_bytes (story);
  g_assert_false (g_bytes_equal (before, applied));
  g_assert_true (dl_history_undo (history));
  undone = dl_story_to_bytes (story);
  assert_bytes_equal (before, undone);
  g_assert_true (dl_history_redo (history));
  redone = dl_story_to_bytes (story);
  assert_bytes_equal (applied, redone);
  g_assert_true (dl_history_undo (history));
  return g_steal_pointer (&applied);
}

static void
check_undo (DlStory     *story,
            DlOperation *operation,
            const char  *label)
{
  g_autoptr(GBytes) applied = apply_undo_redo (story, operation, label);
}

/* How many of @event's places and actors are suggestions. */
static guint
n_suggested_members (DlEvent *event)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint k = 0; k < dl_event_get_n_places (event); k++)
    {
      DlPlace *place = dl_event_get_place (event, k, NULL);

      if (dl_place_get_suggested (place))
        g_hash_table_add (seen, place);
    }
  for (guint k = 0; k < dl_event_get_n_actors (event); k++)
    {
      DlActor *actor = dl_event_get_actor (event, k, NULL);

      if (dl_actor_get_suggested (actor))
        g_hash_table_add (seen, actor);
    }
  return g_hash_table_size (seen);
}

/* Accepting an event accepts its suggested places and actors in the same step, and only
 * them: another event naming the same place stays a suggestion; one undo brings every
 * mark back. */
static void
test_accept_event_members (void)
{
  g_autoptr(DlStory) story = new_draft ();
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(GBytes) before = dl_story_to_bytes (story);
  g_autoptr(GBytes) undone = NULL;
  GListModel *events = dl_story_get_events (story);
  DlEvent *event = NULL;
  guint n = dl_review_count (story, NULL);
  guint n_members;

  /* the first event naming both a suggested place and a suggested actor */
  for (guint i = 0; i < g_list_model_get_n_items (events) && event == NULL; i++)
    {
      DlEvent *e = item (events, i);

      if (dl_event_get_n_places (e) > 0 && dl_event_get_n_actors (e) > 0
          && dl_place_get_suggested (dl_event_get_place (e, 0, NULL))
          && dl_actor_get_suggested (dl_event_get_actor (e, 0, NULL)))
        event = e;
    }
  g_assert_nonnull (event);
  n_members = n_suggested_members (event);
  g_assert_cmpuint (n_members, >=, 2);

  dl_history_push (history, dl_review_accept (event));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept Event");
  g_assert_false (dl_event_get_suggested (event));
  for (guint k = 0; k < dl_event_get_n_places (event); k++)
    g_assert_false (dl_place_get_suggested (dl_event_get_place (event, k, NULL)));
  for (guint k = 0; k < dl_event_get_n_actors (event); k++)
    g_assert_false (dl_actor_get_suggested (dl_event_get_actor (event, k, NULL)));
  g_assert_cmpuint (dl_review_count (story, NULL), ==, n - 1 - n_members);
  /* the other events stay suggestions */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    if (item (events, i) != event)
      g_assert_true (dl_event_get_suggested (item (events, i)));

  g_assert_true (dl_history_undo (history));
  g_assert_false (dl_history_get_can_undo (history));
  g_assert_cmpuint (dl_review_count (story, NULL), ==, n);
  undone = dl_story_to_bytes (story);
  assert_bytes_equal (before, undone);
}

static void
test_accept (void)
{
  g_autoptr(DlStory) story = new_draft ();
  g_autoptr(GBytes) original = dl_story_to_bytes (story);
  guint n_suggested = count_substring (original, "\"suggested\"");
  GObject *objects[] = {
    item (dl_story_get_events (story), 0),
    item (dl_story_get_places (story), 0),
    item (dl_story_get_actors (story), 0),
  };
  const char *labels[] = { "Accept Event", "Accept Place", "Accept Actor" };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(GBytes) accepted = NULL;
      g_autoptr(DlStory) reopened = NULL;

      /* an event takes its suggested places and actors with it */
      guint n_accepted = 1 + (i == 0 ? n_suggested_members (DL_EVENT (objects[i])) : 0);

      g_assert_true (dl_review_is_suggested (objects[i]));
      accepted = apply_undo_redo (story, dl_review_accept (objects[i]), labels[i]);
      /* the member is gone from those objects, and only from them */
      g_assert_cmpuint (count_substring (accepted, "\"suggested\""), ==,
                        n_suggested - n_accepted);
      reopened = load_bytes (accepted);
      g_assert_cmpuint (dl_review_count (reopened, NULL), ==,
                        dl_review_count (story, NULL) - n_accepted);
      /* undone: a suggestion again */
      g_assert_true (dl_review_is_suggested (objects[i]));
    }
}

static void
test_reject (void)
{
  g_autoptr(DlStory) story = new_draft ();
  DlEvent *event = item (dl_story_get_events (story), 0);
  DlPlace *place = dl_story_lookup_place (story, "damascus");
  DlActor *actor = item (dl_story_get_actors (story), 0);
  guint n_events = g_list_model_get_n_items (dl_story_get_events (story));
  guint n_places = g_list_model_get_n_items (dl_story_get_places (story));
  guint named = 0;

  g_assert_nonnull (place);
  {
    g_autoptr(DlHistory) history = dl_history_new ();

    dl_history_push (history, dl_review_reject (story, event));
    g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), ==,
                      n_events - 1);
    g_assert_null (dl_story_lookup_event (story, dl_event_get_id (event)));
    g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Reject Event");
    g_assert_true (dl_history_undo (history));
    g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_events (story)), ==, n_events);
  }

  check_undo (story, dl_review_reject (story, event), "Reject Event");

  /* a rejected place goes from the events that name it, in the same step */
  for (guint i = 0; i < n_events; i++)
    for (guint k = 0; k < dl_event_get_n_places (item (dl_story_get_events (story), i)); k++)
      if (dl_event_get_place (item (dl_story_get_events (story), i), k, NULL) == place)
        named++;
  g_assert_cmpuint (named, >, 0);
  {
    g_autoptr(DlHistory) history = dl_history_new ();
    g_autoptr(GBytes) before = dl_story_to_bytes (story);
    g_autoptr(GBytes) after = NULL;

    dl_history_push (history, dl_review_reject (story, place));
    g_assert_cmpuint (g_list_model_get_n_items (dl_story_get_places (story)), ==,
                      n_places - 1);
    for (guint i = 0; i < n_events; i++)
      for (guint k = 0; k < dl_event_get_n_places (item (dl_story_get_events (story), i)); k++)
        g_assert_true (dl_event_get_place (item (dl_story_get_events (story), i), k, NULL)
                       != place);
    g_assert_true (dl_history_undo (history));
    after = dl_story_to_bytes (story);
    assert_bytes_equal (before, after);
  }
  check_undo (story, dl_review_reject (story, place), "Reject Place");
  check_undo (story, dl_review_reject (story, actor), "Reject Actor");
}

static void
test_accept_all (void)
{
  g_autoptr(DlStory) story = new_draft ();
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(GBytes) original = dl_story_to_bytes (story);
  g_autoptr(GBytes) accepted = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(DlStory) reopened = NULL;
  guint n = dl_review_count (story, NULL);

  g_assert_cmpuint (n, >, 6);
  g_assert_cmpuint (count_substring (original, "\"suggested\": true"), ==, n);

  dl_history_push (history, dl_review_accept_all (story));
  g_assert_cmpstr (dl_history_get_undo_label (history), ==, "Accept All Suggestions");
  g_assert_cmpuint (dl_review_count (story, NULL), ==, 0);
  accepted = dl_story_to_bytes (story);
  g_assert_cmpuint (count_substring (accepted, "\"suggested\""), ==, 0);
  reopened = load_bytes (accepted);
  g_assert_cmpuint (dl_review_count (reopened, NULL), ==, 0);
  /* nothing left to accept */
  g_assert_null (dl_review_accept_all (story));

  /* one step undoes it all */
  g_assert_true (dl_history_undo (history));
  g_assert_false (dl_history_get_can_undo (history));
  g_assert_cmpuint (dl_review_count (story, NULL), ==, n);
  undone = dl_story_to_bytes (story);
  assert_bytes_equal (original, undone);
}

static void
test_half_reviewed (void)
{
  g_autoptr(DlStory) story = new_draft ();
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(DlStory) reopened = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *remaining_reopened = NULL;
  DlEvent *rejected;
  guint n = dl_review_count (story, NULL);

  /* the event's suggested places and actors are accepted with it */
  n -= 1 + n_suggested_members (item (dl_story_get_events (story), 0));
  dl_history_push (history, dl_review_accept (item (dl_story_get_events (story), 0)));
  for (guint i = 0; i < 2; i++)
    {
      GListModel *model = i == 0 ? dl_story_get_places (story) : dl_story_get_actors (story);

      for (guint k = 0; k < g_list_model_get_n_items (model); k++)
        if (dl_review_is_suggested (item (model, k)))
          {
            dl_history_push (history, dl_review_accept (item (model, k)));
            n--;
            break;
          }
    }
  rejected = item (dl_story_get_events (story), 1);
  dl_history_push (history, dl_review_reject (story, rejected));
  g_assert_cmpuint (dl_review_count (story, NULL), ==, n - 1);

  remaining = describe_suggestions (story);
  saved = dl_story_to_bytes (story);
  reopened = load_bytes (saved);
  remaining_reopened = describe_suggestions (reopened);
  g_assert_cmpstr (remaining, ==, remaining_reopened);
  g_assert_false (dl_event_get_suggested (item (dl_story_get_events (reopened), 0)));
  g_assert_cmpuint (dl_review_count (reopened, NULL), ==, n - 1);
  /* saved again unchanged: the same file */
  saved_again = dl_story_to_bytes (reopened);
  assert_bytes_equal (saved, saved_again);
}

/* Found by fuzz-edit: in a plain map (no "dateline"), "suggested" is free data, kept as it
 * is on save, not the app's mark. */
static void
test_plain_map (void)
{
  const char *map = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.3,33.5]},"
                    "\"properties\":{\"name\":\"Damascus\",\"suggested\":true}},"
                    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (map, strlen (map));
  g_autoptr(DlStory) story = load_bytes (bytes);
  g_autoptr(DlHistory) history = dl_history_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(DlStory) reopened = NULL;
  DlPlace *damascus = item (dl_story_get_places (story), 0);

  /* free data: not a suggestion, and kept through an edit */
  g_assert_false (dl_place_get_suggested (damascus));
  dl_history_push (history, dl_operation_new_set_place_name (damascus, "Dimashq"));
  saved = dl_story_to_bytes (story);
  g_assert_cmpuint (count_substring (saved, "\"suggested\": true"), ==, 1);
  g_assert_null (strstr (g_bytes_get_data (saved, NULL), "\"dateline\""));

  /* saved again unchanged: the same text */
  reopened = load_bytes (saved);
  saved_again = dl_story_to_bytes (reopened);
  assert_bytes_equal (saved, saved_again);
  g_assert_false (dl_place_get_suggested (item (dl_story_get_places (reopened), 0)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/draft/same-as-new-story", test_same_draft);
  g_test_add_func ("/review/accept/undo-bytes", test_accept);
  g_test_add_func ("/review/accept/event-members", test_accept_event_members);
  g_test_add_func ("/review/reject/undo-bytes", test_reject);
  g_test_add_func ("/review/accept-all/one-step", test_accept_all);
  g_test_add_func ("/review/half-reviewed/reopened", test_half_reviewed);
  g_test_add_func ("/review/plain-map", test_plain_map);
  return g_test_run ();
}
