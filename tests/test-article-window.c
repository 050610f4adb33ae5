/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

#include "dl-operation.h"
#include "dl-resources.h"
#include "dl-text-search.h"
#include "dl-test-window.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

/* A long article (made here, some 200,000 characters) in the window: what a reader sees
 * of its tints, search matches and emphasis is right wherever the article is scrolled,
 * after a filter change, its clearing and an edit; far from the view the text is not
 * tinted until it is scrolled to. Each check compares every character in view with the
 * tints its passages ask for. */

#define N_REPORTS 4000

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

/* Reports "Report N: …" ten to a paragraph, each quoted by event eN of actor red (even N)
 * or blue (odd N), titled "Convoy N" every third, "Meeting N" otherwise; and event
 * "extra" (red, "Convoy extra") whose passage overlaps that of e2. */
static DlStory *
long_story (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DlStory *story;

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"dateline\":{\"version\":1,"
                   "\"article\":{\"title\":\"Long\",\"text\":\"");
  for (guint i = 0; i < N_REPORTS; i++)
    g_string_append_printf (json, "Report %u: %s%s", i,
                            i % 3 == 0 ? "the convoy reached the market at dawn."
                                       : "officials met in the old town hall.",
                            i % 10 == 9 ? "\\n" : " ");
  g_string_append (json, "\"},\"actors\":[{\"id\":\"red\",\"name\":\"Red\","
                   "\"color\":\"#c0392b\"},{\"id\":\"blue\",\"name\":\"Blue\","
                   "\"color\":\"#2471a3\"}],\"events\":[");
  for (guint i = 0; i < N_REPORTS; i++)
    g_string_append_printf (json, "{\"id\":\"e%u\",\"title\":\"%s %u\",\"when\":{\"start\":"
                            "\"2024-01-01\"},\"places\":[{\"place\":\"here\"}],\"actors\":"
                            "[{\"actor\":\"%s\"}],\"passages\":[{\"exact\":\"Report %u:\"}]},",
                            i, i % 3 == 0 ? "Convoy" : "Meeting", i,
                            i % 2 == 0 ? "red" : "blue", i);
  g_string_append (json, "{\"id\":\"extra\",\"title\":\"Convoy extra\",\"when\":{\"start\":"
                   "\"2024-01-02\"},\"places\":[{\"place\":\"here\"}],\"actors\":[{\"actor\":"
                   "\"red\"}],\"passages\":[{\"exact\":\"2: officials met\",\"prefix\":"
                   "\"Report \"}]}]},\"features\":[{\"type\":\"Feature\",\"id\":\"here\","
                   "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.2,37.1]},"
                   "\"properties\":{\"name\":\"Here\"}}]}");
  bytes = g_bytes_new (json->str, json->len);
  story = dl_story_new_from_bytes (bytes, "long.geojson", &error);
  g_assert_no_error (error);
  return story;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->story = long_story ();
  fixture->window = dl_test_show_story (fixture->story, 1400, 900);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

static GtkTextView *
text_view (Fixture *fixture)
{
  return dl_article_view_get_text_view (dl_window_get_article_view (fixture->window));
}

static DlViewState *
state (Fixture *fixture)
{
  return dl_window_get_view_state (fixture->window);
}

/* The tint tags on character @offset, by name ("tint:red"), sorted, joined by spaces. */
static char *
tints_at (Fixture *fixture,
          int      offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (fixture));
  g_autoptr(GSList) tags = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      if (name != NULL && g_str_has_prefix (name, "tint:"))
        g_ptr_array_add (names, name);
      else
        g_free (name);
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gboolean
has_tag_at (Fixture    *fixture,
            GtkTextTag *tag,
            int         offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view (fixture)), &iter,
                                      offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* The characters in view. */
static void
visible_range (Fixture *fixture,
               int     *first,
               int     *last)
{
  GdkRectangle rect;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (text_view (fixture), &rect);
  g_assert_cmpint (rect.height, >, 100);
  gtk_text_view_get_iter_at_location (text_view (fixture), &iter, 0, rect.y);
  *first = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (text_view (fixture), &iter, rect.width,
                                      rect.y + rect.height - 1);
  *last = gtk_text_iter_get_offset (&iter);
  g_assert_cmpint (*last - *first, >, 500);
}

/* Every character in view has the tints of the shown passages over it, and those only;
 * the search's matches are marked. */
static void
assert_view_right (Fixture *fixture)
{
  DlStory *story = fixture->story;
  GListModel *events = dl_story_get_events (story);
  const char *query = dl_filter_get_text (dl_view_state_get_filter (state (fixture)));
  GtkTextTag *search = dl_article_view_get_search_tag (dl_window_get_article_view (
                                                         fixture->window));
  g_autoptr(GArray) matches = dl_text_find_words (dl_story_get_text (story), query);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  int first, last;
  guint n_tinted = 0;

  visible_range (fixture, &first, &last);
  for (int c = first; c <= last; c++)
    g_ptr_array_add (wanted, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);
      const char *id = dl_actor_get_id (dl_event_get_main_actor (event));
      g_autofree char *tag = g_strconcat ("tint:", id, NULL);

      if (!dl_view_state_is_shown (state (fixture), event))
        continue;
      for (guint j = 0; j < dl_event_get_n_passages (event); j++)
        {
          const DlPassage *passage = dl_event_get_passage (event, j);

          for (int c = MAX (passage->start, first); c < MIN (passage->end, last + 1); c++)
            {
              char **at = (char **) &wanted->pdata[c - first];

              /* one colour per actor, however many of its passages cover the character */
              if (*at == NULL)
                *at = g_strdup (tag);
              else if (strstr (*at, tag) == NULL)
                {
                  char *both = g_strcmp0 (*at, tag) < 0 ? g_strjoin (" ", *at, tag, NULL)
                                                        : g_strjoin (" ", tag, *at, NULL);

                  g_free (*at);
                  *at = both;
                }
            }
        }
    }
  for (int c = first; c <= last; c++)
    {
      g_autofree char *has = tints_at (fixture, c);
      const char *want = wanted->pdata[c - first];
      gboolean match = FALSE;

      g_assert_cmpstr (has, ==, want != NULL ? want : "");
      n_tinted += want != NULL;
      for (guint i = 0; i < matches->len; i++)
        {
          const DlTextRange *range = &g_array_index (matches, DlTextRange, i);

          match = match || (range->start <= c && c < range->end);
        }
      g_assert_cmpint (has_tag_at (fixture, search, c), ==, match);
    }
  /* the view did show passages, unless the filter hides every event */
  if (dl_view_state_get_n_shown (state (fixture)) > 0)
    g_assert_cmpuint (n_tinted, >, 20);
  else
    g_assert_cmpuint (n_tinted, ==, 0);
}

static const DlPassage *
passage_of (Fixture    *fixture,
            const char *event_id)
{
  DlEvent *event = dl_story_lookup_event (fixture->story, event_id);

  g_assert_nonnull (event);
  return dl_event_get_passage (event, 0);
}

/* Scrolls the article until character @offset is in view (lines far off have only
 * estimated heights until laid out: scrolled to again until it shows). */
static void
scroll_to (Fixture *fixture,
           int      offset)
{
  GtkTextView *view = text_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  int first = -1, last = -1;

  for (guint i = 0; i < 100 && !(first <= offset && offset <= last); i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      gtk_text_view_scroll_to_iter (view, &iter, 0, TRUE, 0, 0.5);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
      visible_range (fixture, &first, &last);
    }
  g_assert_cmpint (first, <=, offset);
  g_assert_cmpint (offset, <=, last);
  /* a frame for the tints to follow */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* A passage far below the view is not tinted until the article is scrolled to it; then it
 * is, and the top of the article, now far above, no longer is. */
static void
test_scroll (Fixture       *fixture,
             gconstpointer  data)
{
  const DlPassage *top = passage_of (fixture, "e1");
  const DlPassage *far = passage_of (fixture, "e3001");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *top_after = NULL;

  assert_view_right (fixture);
  g_assert_cmpstr ((before = tints_at (fixture, far->start)), ==, "");

  scroll_to (fixture, far->start);
  assert_view_right (fixture);
  g_assert_cmpstr ((after = tints_at (fixture, far->start)), ==, "tint:blue");
  g_assert_cmpstr ((top_after = tints_at (fixture, top->start)), ==, "");

  /* and back */
  scroll_to (fixture, top->start);
  assert_view_right (fixture);
}

/* A search hides events: their tints leave the view, the matches are marked; cleared,
 * every tint comes back and no match is marked. The same for an actor filter narrowed,
 * widened, and cleared; far from the top too. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  DlFilter *filter = dl_view_state_get_filter (state (fixture));
  static const char * const red[] = { "red", NULL };
  static const char * const both[] = { "red", "blue", NULL };
  const DlPassage *e4 = passage_of (fixture, "e4");
  g_autofree char *hidden = NULL;
  g_autofree char *shown = NULL;

  for (guint round = 0; round < 2; round++)
    {
      dl_filter_set_text (filter, "convoy");
      assert_view_right (fixture);
      if (round == 0)
        g_assert_cmpstr ((hidden = tints_at (fixture, e4->start)), ==, "");
      dl_filter_set_text (filter, "market");
      assert_view_right (fixture);
      dl_filter_reset (filter);
      assert_view_right (fixture);
      if (round == 0)
        g_assert_cmpstr ((shown = tints_at (fixture, e4->start)), ==, "tint:red");

      dl_filter_set_actors (filter, red);
      assert_view_right (fixture);
      dl_filter_set_actors (filter, both);
      assert_view_right (fixture);
      dl_filter_set_text (filter, "meeting");
      assert_view_right (fixture);
      dl_filter_reset (filter);
      assert_view_right (fixture);

      scroll_to (fixture, passage_of (fixture, "e2500")->start);
    }
  /* scrolled while filtered */
  dl_filter_set_actors (filter, red);
  scroll_to (fixture, passage_of (fixture, "e10")->start);
  assert_view_right (fixture);
  dl_filter_reset (filter);
  assert_view_right (fixture);
}

/* Two passages of red overlap ("Report 2:" of e2 and "2: officials met" of extra): with
 * either hidden, the other keeps its whole range tinted, the overlap included. */
static void
test_overlap (Fixture       *fixture,
              gconstpointer  data)
{
  DlFilter *filter = dl_view_state_get_filter (state (fixture));
  const DlPassage *e2 = passage_of (fixture, "e2");
  const DlPassage *extra = passage_of (fixture, "extra");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;

  g_assert_cmpint (extra->start, >, e2->start);
  g_assert_cmpint (extra->start, <, e2->end);
  g_assert_cmpint (extra->end, >, e2->end);

  /* "Meeting 2" shown, "Convoy extra" hidden */
  dl_filter_set_text (filter, "meeting");
  assert_view_right (fixture);
  g_assert_cmpstr ((a = tints_at (fixture, e2->end - 1)), ==, "tint:red");
  g_assert_cmpstr ((b = tints_at (fixture, e2->end)), ==, "");

  dl_filter_set_text (filter, "convoy");
  assert_view_right (fixture);
  g_assert_cmpstr ((c = tints_at (fixture, e2->start)), ==, "");
  g_assert_cmpstr ((d = tints_at (fixture, extra->start)), ==, "tint:red");

  dl_filter_reset (filter);
  assert_view_right (fixture);
  g_assert_cmpstr ((e = tints_at (fixture, e2->start)), ==, "tint:red");
  g_assert_cmpstr ((f = tints_at (fixture, extra->end - 1)), ==, "tint:red");
}

/* Edits while an actor filter is set: an event of the view deleted, its actor changed
 * (so the filter hides it, then shows it), a passage added; each undone. */
static void
test_edit_filtered (Fixture       *fixture,
                    gconstpointer  data)
{
  DlDocument *document = dl_window_get_document (fixture->window);
  DlHistory *history = dl_document_get_history (document);
  DlFilter *filter = dl_view_state_get_filter (state (fixture));
  static const char * const red[] = { "red", NULL };
  DlEvent *e6 = dl_story_lookup_event (fixture->story, "e6");
  DlEvent *e7 = dl_story_lookup_event (fixture->story, "e7");
  DlActor *blue = dl_story_lookup_actor (fixture->story, "blue");
  DlActor *red_actor = dl_story_lookup_actor (fixture->story, "red");
  int e6_start = dl_event_get_passage (e6, 0)->start;
  g_autofree char *gone = NULL;
  g_autofree char *back = NULL;
  g_autofree char *added = NULL;

  dl_filter_set_actors (filter, red);
  assert_view_right (fixture);

  dl_document_push (document, dl_operation_new_remove_event (fixture->story, e6));
  assert_view_right (fixture);
  g_assert_cmpstr ((gone = tints_at (fixture, e6_start)), ==, "");
  dl_history_undo (history);
  assert_view_right (fixture);
  g_assert_cmpstr ((back = tints_at (fixture, e6_start)), ==, "tint:red");

  dl_document_push (document, dl_operation_new_set_event_actors (e6, 1, &blue, NULL));
  assert_view_right (fixture);
  dl_document_push (document, dl_operation_new_set_event_actors (e7, 1, &red_actor, NULL));
  assert_view_right (fixture);
  dl_document_push (document, dl_operation_new_add_event_passage (e7, "the old town hall",
                                                                  "Report 7: officials met in ",
                                                                  NULL));
  g_assert_cmpuint (dl_event_get_n_passages (e7), ==, 2);
  assert_view_right (fixture);
  added = tints_at (fixture, dl_event_get_passage (e7, 1)->start + 1);
  g_assert_cmpstr (added, ==, "tint:red");
  for (guint i = 0; i < 3; i++)
    {
      dl_history_undo (history);
      assert_view_right (fixture);
    }
  dl_filter_reset (filter);
  assert_view_right (fixture);
}

/* The selection's passages are emphasised where the article is scrolled to. */
static void
test_emphasis (Fixture       *fixture,
               gconstpointer  data)
{
  GtkTextTag *emphasis = dl_article_view_get_emphasis_tag (dl_window_get_article_view (
                                                             fixture->window));
  DlEvent *far = dl_story_lookup_event (fixture->story, "e3500");
  const DlPassage *passage = dl_event_get_passage (far, 0);
  int first, last;

  dl_view_state_select_event (state (fixture), far);
  /* the view tries for 5 s; a busy machine lays the lines out slowly */
  for (gint64 until = g_get_monotonic_time () + 6 * G_USEC_PER_SEC;
       g_get_monotonic_time () < until;)
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
      visible_range (fixture, &first, &last);
      if (first <= passage->start && passage->start <= last)
        break;
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_test_message ("view %d-%d passage %d", first, last, passage->start);
  g_assert_true (has_tag_at (fixture, emphasis, passage->start));
  g_assert_true (has_tag_at (fixture, emphasis, passage->end - 1));
  g_assert_false (has_tag_at (fixture, emphasis, passage->end));
  assert_view_right (fixture);

  dl_view_state_clear_selection (state (fixture));
  g_assert_false (has_tag_at (fixture, emphasis, passage->start));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/article-window/scroll", Fixture, NULL, fixture_setup, test_scroll,
              fixture_teardown);
  g_test_add ("/article-window/filters", Fixture, NULL, fixture_setup, test_filters,
              fixture_teardown);
  g_test_add ("/article-window/overlap", Fixture, NULL, fixture_setup, test_overlap,
              fixture_teardown);
  g_test_add ("/article-window/edit-filtered", Fixture, NULL, fixture_setup,
              test_edit_filtered, fixture_teardown);
  g_test_add ("/article-window/emphasis", Fixture, NULL, fixture_setup, test_emphasis,
              fixture_teardown);

  return g_test_run ();
}
