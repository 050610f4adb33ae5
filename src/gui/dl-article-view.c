/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dl-article-view.h"
#include "dl-mentions.h"
#include "dl-text-search.h"

struct _DlArticleView
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scrolled_window;
  GtkTextView       *text_view;

  GtkGesture        *click_gesture;
  GtkTextTag        *emphasis_tag;
  GtkTextTag        *search_tag;    /* the search's matches */
  GtkTextMark       *scroll_mark;
  DlViewState       *state;
  GHashTable        *tints;  /* Tint → itself: the tinted ranges the buffer has */
  GHashTable        *event_tints;  /* DlEvent → GArray of the Tints it asked for */
  gboolean           over_passage;
  GPtrArray         *mention_tags;  /* the tags underlining mentions, one per place */
};

/* One tinted range of the article, and how many passages ask for it. */
typedef struct
{
  int         start;
  int         end;
  GtkTextTag *tag;
  guint       count;  /* not part of its identity */
} Tint;

static guint
tint_hash (gconstpointer key)
{
  const Tint *tint = key;

  return (guint) tint->start * 31u + (guint) tint->end * 17u + g_direct_hash (tint->tag);
}

static gboolean
tint_equal (gconstpointer a,
            gconstpointer b)
{
  const Tint *x = a, *y = b;

  return x->start == y->start && x->end == y->end && x->tag == y->tag;
}

G_DEFINE_FINAL_TYPE (DlArticleView, dl_article_view, GTK_TYPE_WIDGET)

static gboolean
is_rtl_language (const char *language)
{
  static const char * const rtl[] = { "ar", "arc", "dv", "fa", "ha", "he", "khw", "ks",
                                      "ku", "ps", "sd", "ur", "yi", NULL };
  g_autofree char *primary = NULL;

  if (language == NULL)
    return FALSE;
  primary = g_strndup (language, strcspn (language, "-_"));
  return g_strv_contains (rtl, primary);
}

static void
get_iter_at_offset (GtkTextBuffer *buffer,
                    GtkTextIter   *iter,
                    int            offset)
{
  gtk_text_buffer_get_iter_at_offset (buffer, iter, offset);
}

/* The iterators at @start and @end: the end found from the start, a few characters on,
 * rather than looked up again from the top of the text (thousands of tints a change). */
static void
get_range_iters (GtkTextBuffer *buffer,
                 int            start,
                 int            end,
                 GtkTextIter   *start_iter,
                 GtkTextIter   *end_iter)
{
  gtk_text_buffer_get_iter_at_offset (buffer, start_iter, start);
  *end_iter = *start_iter;
  if (end >= start)
    gtk_text_iter_forward_chars (end_iter, end - start);
  else
    gtk_text_buffer_get_iter_at_offset (buffer, end_iter, end);
}

/* The emphasis shows above any tint or underline, the search's matches above all. */
static void
raise_top_tags (DlArticleView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (
    gtk_text_view_get_buffer (self->text_view));
  int size = gtk_text_tag_table_get_size (table);

  gtk_text_tag_set_priority (self->emphasis_tag, size - 1);
  gtk_text_tag_set_priority (self->search_tag, size - 1);
}

static GtkTextTag *
tint_tag_for (DlArticleView *self,
              DlActor       *actor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *name = g_strconcat ("tint:", actor != NULL ? dl_actor_get_id (actor) : "",
                                       NULL);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);
  /* a faint tint vanishes on a dark page: stronger there, the text still reads on it */
  float alpha = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.28f : 0.16f;
  GdkRGBA color = { 0.5f, 0.5f, 0.5f, alpha };

  if (actor != NULL)
    {
      double r, g, b;

      dl_actor_get_rgb (actor, &r, &g, &b);
      color = (GdkRGBA) { r, g, b, alpha };
    }
  /* an actor's colour can change while the story is edited; setting a tag's colour
   * redraws all it covers, so only when it did change */
  if (tag != NULL)
    {
      GdkRGBA *now = NULL;

      g_object_get (tag, "background-rgba", &now, NULL);
      if (now == NULL || !gdk_rgba_equal (now, &color))
        g_object_set (tag, "background-rgba", &color, NULL);
      g_clear_pointer (&now, gdk_rgba_free);
      return tag;
    }
  tag = gtk_text_buffer_create_tag (buffer, name, "background-rgba", &color, NULL);
  raise_top_tags (self);
  return tag;
}

/* The colour of @place's marker: its main actor's, else the grey of a place without
 * events (dl-marker.c); lightened on a dark page, where a dark underline would vanish. */
static void
place_rgb (GHashTable *actors,
           DlPlace    *place,
           gboolean    dark,
           GdkRGBA    *color)
{
  DlActor *actor = g_hash_table_lookup (actors, place);
  double r = 0.38, g = 0.38, b = 0.42;

  if (actor != NULL)
    dl_actor_get_rgb (actor, &r, &g, &b);
  if (dark)
    {
      r += (1.0 - r) * 0.45;
      g += (1.0 - g) * 0.45;
      b += (1.0 - b) * 0.45;
    }
  *color = (GdkRGBA) { r, g, b, 0.85f };
}

/* A quiet underline in the place's colour under each of its mentions; the passages' tints
 * and the emphasis stay what the eye follows. */
static void
underline_mentions (DlArticleView *self,
                    DlStory       *story)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autoptr(GArray) mentions = dl_story_list_mentions (story);
  g_autoptr(GArray) summaries = NULL;
  g_autoptr(GHashTable) actors = NULL;
  g_autoptr(GHashTable) tags = NULL;

  if (mentions->len == 0)
    return;

  summaries = dl_visible_places (story, NULL);
  actors = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      DlPlaceSummary *summary = &g_array_index (summaries, DlPlaceSummary, i);

      if (summary->actor != NULL)
        g_hash_table_insert (actors, summary->place, summary->actor);
    }

  tags = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < mentions->len; i++)
    {
      DlMentionRange *mention = &g_array_index (mentions, DlMentionRange, i);
      GtkTextTag *tag = g_hash_table_lookup (tags, mention->place);
      GtkTextIter start, end;

      if (tag == NULL)
        {
          GdkRGBA color;

          place_rgb (actors, mention->place,
                     adw_style_manager_get_dark (adw_style_manager_get_default ()), &color);
          tag = gtk_text_tag_new (NULL);
          g_object_set (tag, "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &color,
                        NULL);
          g_object_set_data_full (G_OBJECT (tag), "dl-place", g_object_ref (mention->place),
                                  g_object_unref);
          gtk_text_tag_table_add (table, tag);
          g_ptr_array_add (self->mention_tags, tag);
          g_hash_table_insert (tags, mention->place, tag);
        }
      get_range_iters (buffer, mention->start, mention->end, &start, &end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }

  raise_top_tags (self);
}

static void
remove_mention_tags (DlArticleView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (
    gtk_text_view_get_buffer (self->text_view));

  for (guint i = 0; i < self->mention_tags->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (self->mention_tags, i));
  g_ptr_array_set_size (self->mention_tags, 0);
}

/* Tints the passages of the events the filter shows, each in its actor's colour; after an
 * edit or a filter change only the ranges that changed are untinted or tinted (the buffer
 * redraws what a tag change covers). */
/* The tints @event asks for: one per passage found in the text, none when the filter
 * hides it or it left the story. */
static GArray *
event_tints_for (DlArticleView *self,
                 DlStory       *story,
                 DlEvent       *event)
{
  GArray *tints = g_array_new (FALSE, FALSE, sizeof (Tint));
  GtkTextTag *tag = NULL;

  if (story == NULL || dl_event_get_story (event) != story
      || !dl_view_state_is_shown (self->state, event))
    return tints;
  for (guint i = 0; i < dl_event_get_n_passages (event); i++)
    {
      const DlPassage *passage = dl_event_get_passage (event, i);
      Tint tint;

      /* a quote the edited text no longer holds */
      if (passage->start < 0 || passage->end < passage->start)
        continue;
      if (tag == NULL)
        tag = tint_tag_for (self, dl_event_get_main_actor (event));
      tint = (Tint) { passage->start, passage->end, tag, 1 };
      g_array_append_val (tints, tint);
    }
  return tints;
}

static void
tag_range (DlArticleView *self,
           const Tint    *tint,
           gboolean       apply)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  get_range_iters (buffer, tint->start, tint->end, &start, &end);
  if (apply)
    gtk_text_buffer_apply_tag (buffer, tint->tag, &start, &end);
  else
    gtk_text_buffer_remove_tag (buffer, tint->tag, &start, &end);
}

/* One more passage asks for @tint: the text gets it if it had not. */
static void
tint_add (DlArticleView *self,
          const Tint    *tint)
{
  Tint *kept = g_hash_table_lookup (self->tints, tint);

  if (kept != NULL)
    {
      kept->count++;
      return;
    }
  kept = g_memdup2 (tint, sizeof (Tint));
  kept->count = 1;
  g_hash_table_add (self->tints, kept);
  tag_range (self, kept, TRUE);
}

/* One passage less asks for @tint: the text loses it when none does (kept in @removed). */
static void
tint_drop (DlArticleView *self,
           const Tint    *tint,
           GArray        *removed)
{
  Tint *kept = g_hash_table_lookup (self->tints, tint);

  if (kept == NULL || --kept->count > 0)
    return;
  tag_range (self, kept, FALSE);
  g_array_append_val (removed, *kept);
  g_hash_table_remove (self->tints, kept);
}

static int
compare_tint_starts (gconstpointer a,
                     gconstpointer b)
{
  const Tint *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* A kept range of the same tag that overlapped a removed one lost its tint there. The
 * removed ranges sorted, with the furthest end so far, so that a kept range looks only at
 * those that can reach it: thousands of each cost no more than a sort. */
static void
restore_overlaps (DlArticleView *self,
                  GArray        *removed)
{
  g_autofree int *reach = NULL;
  GHashTableIter iter;
  gpointer key;

  if (removed->len == 0)
    return;
  g_array_sort (removed, compare_tint_starts);
  reach = g_new (int, removed->len);
  for (guint i = 0; i < removed->len; i++)
    reach[i] = MAX (i > 0 ? reach[i - 1] : G_MININT,
                    g_array_index (removed, Tint, i).end);

  g_hash_table_iter_init (&iter, self->tints);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const Tint *kept = key;
      guint low = 0, high = removed->len;

      /* the removed ranges that start before it ends: [0, low) */
      while (low < high)
        {
          guint mid = low + (high - low) / 2;

          if (g_array_index (removed, Tint, mid).start < kept->end)
            low = mid + 1;
          else
            high = mid;
        }
      for (guint i = low; i-- > 0 && reach[i] > kept->start;)
        {
          const Tint *gone = &g_array_index (removed, Tint, i);

          if (gone->tag == kept->tag && kept->start < gone->end)
            {
              tag_range (self, kept, TRUE);
              break;
            }
        }
    }
}

/* @event's tints as it now asks for them; the ranges no other passage tints lose theirs. */
static void
retint_event (DlArticleView *self,
              DlStory       *story,
              DlEvent       *event,
              GArray        *removed)
{
  g_autoptr(GArray) wanted = event_tints_for (self, story, event);
  GArray *had = g_hash_table_lookup (self->event_tints, event);

  /* added first: a range both had and want keeps its tag untouched */
  for (guint i = 0; i < wanted->len; i++)
    tint_add (self, &g_array_index (wanted, Tint, i));
  for (guint i = 0; had != NULL && i < had->len; i++)
    tint_drop (self, &g_array_index (had, Tint, i), removed);
  if (wanted->len > 0)
    g_hash_table_replace (self->event_tints, g_object_ref (event), g_steal_pointer (&wanted));
  else
    g_hash_table_remove (self->event_tints, event);
}

/* Takes the tints of @hidden (tinted events the filter now hides) off the text. When they
 * are most of the text's tints (a search hiding nearly every event), each of their tags
 * leaves the whole text in one pass and the few ranges still asked for get it back:
 * thousands of removals one by one cost a search most of its time. Returns FALSE, having
 * done nothing, when removing them one by one is cheaper. */
static gboolean
untint_at_once (DlArticleView *self,
                GPtrArray     *hidden)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GHashTable) tags = g_hash_table_new (NULL, NULL);
  guint n_hidden = 0;
  GtkTextIter start, end;
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < hidden->len; i++)
    {
      GArray *had = g_hash_table_lookup (self->event_tints, hidden->pdata[i]);

      n_hidden += had != NULL ? had->len : 0;
    }
  if (n_hidden < 64 || n_hidden * 2 < g_hash_table_size (self->tints))
    return FALSE;

  for (guint i = 0; i < hidden->len; i++)
    {
      GArray *had = g_hash_table_lookup (self->event_tints, hidden->pdata[i]);

      for (guint j = 0; had != NULL && j < had->len; j++)
        {
          const Tint *tint = &g_array_index (had, Tint, j);
          Tint *kept = g_hash_table_lookup (self->tints, tint);

          g_hash_table_add (tags, tint->tag);
          if (kept != NULL && --kept->count == 0)
            g_hash_table_remove (self->tints, kept);
        }
      g_hash_table_remove (self->event_tints, hidden->pdata[i]);
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    gtk_text_buffer_remove_tag (buffer, key, &start, &end);
  g_hash_table_iter_init (&iter, self->tints);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (tags, ((Tint *) key)->tag))
      tag_range (self, key, TRUE);
  return TRUE;
}

/* Every event's tints again (a new story or colour); after a change of the filter, with
 * @shown_only, only those of the events it showed or hid: edits keep the others' tints
 * up to date (dl_article_view_refresh_events()). */
static void
apply_tints (DlArticleView *self,
             DlStory       *story,
             gboolean       shown_only)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Tint));
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *events = story != NULL ? dl_story_get_events (story) : NULL;
  GPtrArray *shown = self->state != NULL ? dl_view_state_peek_shown (self->state) : NULL;
  GHashTableIter iter;
  gpointer key;

  /* the tinted events the filter now hides, then the shown ones not tinted yet */
  if (shown_only && shown != NULL && story != NULL)
    {
      g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_object_unref);

      g_hash_table_iter_init (&iter, self->event_tints);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (dl_event_get_story (key) == story && !dl_view_state_is_shown (self->state, key))
          g_ptr_array_add (hidden, g_object_ref (key));
      if (!untint_at_once (self, hidden))
        for (guint i = 0; i < hidden->len; i++)
          retint_event (self, story, hidden->pdata[i], removed);
      for (guint i = 0; i < shown->len; i++)
        if (dl_event_get_n_passages (shown->pdata[i]) > 0
            && !g_hash_table_contains (self->event_tints, shown->pdata[i]))
          retint_event (self, story, shown->pdata[i], removed);
      events = NULL;
    }
  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);
      gboolean tinted = g_hash_table_contains (self->event_tints, event);

      if (shown_only && tinted == dl_view_state_is_shown (self->state, event))
        continue;
      if (dl_event_get_n_passages (event) > 0 || tinted)
        retint_event (self, story, event, removed);
    }
  /* the events that left the story */
  g_hash_table_iter_init (&iter, self->event_tints);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (story == NULL || dl_event_get_story (key) != story)
      g_ptr_array_add (gone, g_object_ref (key));
  for (guint i = 0; i < gone->len; i++)
    retint_event (self, story, gone->pdata[i], removed);
  restore_overlaps (self, removed);
}

static void
load_story (DlArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  const char *text;

  text = story != NULL ? dl_story_get_text (story) : NULL;
  remove_mention_tags (self);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  /* a new text has no tint */
  g_hash_table_remove_all (self->tints);
  g_hash_table_remove_all (self->event_tints);
  if (story == NULL)
    return;

  gtk_widget_set_direction (GTK_WIDGET (self->text_view),
                            is_rtl_language (dl_story_get_language (story))
                              ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  apply_tints (self, story, FALSE);

  underline_mentions (self, story);
}

static void
update_emphasis (DlArticleView *self,
                 gboolean       scroll)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GArray) ranges = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->emphasis_tag, &start, &end);
  if (self->state == NULL || dl_view_state_get_story (self->state) == NULL)
    return;

  ranges = dl_passage_ranges_for_events (dl_view_state_get_selected_events (self->state));
  for (guint i = 0; i < ranges->len; i++)
    {
      DlTextRange *range = &g_array_index (ranges, DlTextRange, i);

      get_range_iters (buffer, range->start, range->end, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->emphasis_tag, &start, &end);
    }

  if (scroll && ranges->len > 0)
    {
      get_iter_at_offset (buffer, &start, g_array_index (ranges, DlTextRange, 0).start);
      gtk_text_buffer_move_mark (buffer, self->scroll_mark, &start);
      gtk_text_view_scroll_to_mark (self->text_view, self->scroll_mark, 0.1, FALSE, 0, 0);
    }
}

/* The emphasis and the search's matches in colours the text reads on: yellow and blue,
 * lighter on a white page, deeper on a dark one (at least 4.5:1 for the text). */
static void
style_top_tags (DlArticleView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA emphasis = { 0.96f, 0.80f, 0.07f, dark ? 0.32f : 0.50f };
  GdkRGBA search = { 0.21f, 0.52f, 0.89f, dark ? 0.50f : 0.32f };

  g_object_set (self->emphasis_tag, "background-rgba", &emphasis, NULL);
  g_object_set (self->search_tag, "background-rgba", &search, NULL);
}

/* Marks where the words of the search occur in the article. */
static void
update_search_matches (DlArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  g_autoptr(GArray) ranges = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->search_tag, &start, &end);
  if (story == NULL || dl_story_get_text (story) == NULL)
    return;

  ranges = dl_text_find_words (dl_story_get_text (story),
                               dl_filter_get_text (dl_view_state_get_filter (self->state)));
  for (guint i = 0; i < ranges->len; i++)
    {
      DlTextRange *range = &g_array_index (ranges, DlTextRange, i);

      get_range_iters (buffer, range->start, range->end, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->search_tag, &start, &end);
    }
}

/* Dark mode changed: the underlines take the colours for the new page. */
static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 DlArticleView   *self)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;

  style_top_tags (self);
  if (story == NULL)
    return;
  /* removing a tag from the table removes it from the text */
  remove_mention_tags (self);
  underline_mentions (self, story);
  apply_tints (self, story, FALSE);
}

static void
story_changed_cb (DlViewState   *state,
                  DlArticleView *self)
{
  load_story (self);
  update_emphasis (self, FALSE);
  update_search_matches (self);
}

static void
filter_changed_cb (DlViewState   *state,
                   DlArticleView *self)
{
  apply_tints (self, dl_view_state_get_story (state), TRUE);
  update_search_matches (self);
}

static void
selection_changed_cb (DlViewState   *state,
                      DlArticleView *self)
{
  update_emphasis (self, TRUE);
}

/* The character under widget point (@x, @y) of the text view, or -1. */
static int
offset_at_point (DlArticleView *self,
                 double         x,
                 double         y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return -1;
  return gtk_text_iter_get_offset (&iter);
}

/* The passages under widget point (@x, @y) of the text view, or NULL. */
static GPtrArray *
passages_at_point (DlArticleView *self,
                   double         x,
                   double         y)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  int offset;

  if (story == NULL || (offset = offset_at_point (self, x, y)) < 0)
    return NULL;
  return dl_story_passages_at (story, offset);
}

/* The place a mention under widget point (@x, @y) names, or NULL. */
static DlPlace *
mention_at_point (DlArticleView *self,
                  double         x,
                  double         y)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  int offset;

  if (story == NULL || (offset = offset_at_point (self, x, y)) < 0)
    return NULL;
  return dl_story_place_mentioned_at (story, offset);
}

/* The place a mention around the text cursor names, or NULL. */
static DlPlace *
mention_at_cursor (DlArticleView *self)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (story == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return dl_story_place_mentioned_at (story, gtk_text_iter_get_offset (&iter));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DlArticleView   *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GPtrArray) passages = NULL;
  const DlPassage *passage;
  DlPlace *place;

  g_assert (DL_IS_ARTICLE_VIEW (self));

  /* A drag that selected text is not a click on a passage. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;

  /* A place's name is more precise than the passage around it: it selects the place, as
   * its marker does. */
  place = mention_at_point (self, x, y);
  if (place != NULL)
    {
      dl_view_state_select_place (self->state, place);
      return;
    }

  passages = passages_at_point (self, x, y);
  if (passages == NULL)
    return;
  passage = dl_pick_passage (passages);
  if (passage != NULL)
    dl_view_state_select_event (self->state, passage->event);
}

/* The passages around the text cursor, for keyboard users. */
static GPtrArray *
passages_at_cursor (DlArticleView *self)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (story == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return dl_story_passages_at (story, gtk_text_iter_get_offset (&iter));
}

/* Enter (or Space) on a passage selects its event, as a click does. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DlArticleView         *self)
{
  g_autoptr(GPtrArray) passages = NULL;
  const DlPassage *passage;
  DlPlace *place;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter
      && keyval != GDK_KEY_space)
    return FALSE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  place = mention_at_cursor (self);
  if (place != NULL)
    {
      dl_view_state_select_place (self->state, place);
      return TRUE;
    }

  passages = passages_at_cursor (self);
  if (passages == NULL || (passage = dl_pick_passage (passages)) == NULL)
    return FALSE;
  dl_view_state_select_event (self->state, passage->event);
  return TRUE;
}

/* The caret shows when the keyboard brought the focus here: it is how a keyboard user
 * moves to a passage. Mouse readers keep a clean page. */
static void
focus_enter_cb (GtkEventControllerFocus *controller,
                DlArticleView           *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_text_view_set_cursor_visible (self->text_view,
                                    GTK_IS_WINDOW (root)
                                    && gtk_window_get_focus_visible (GTK_WINDOW (root)));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                DlArticleView           *self)
{
  gtk_text_view_set_cursor_visible (self->text_view, FALSE);
}

/* A hand over a passage says it can be clicked. */
static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DlArticleView            *self)
{
  g_autoptr(GPtrArray) passages = passages_at_point (self, x, y);
  gboolean over = (passages != NULL && passages->len > 0) ||
                  mention_at_point (self, x, y) != NULL;

  if (over != self->over_passage)
    {
      self->over_passage = over;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), over ? "pointer" : "text");
    }
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip,
                  DlArticleView *self)
{
  g_autoptr(GPtrArray) passages = NULL;
  g_autoptr(GString) text = NULL;
  DlPlace *place;

  passages = keyboard_mode ? passages_at_cursor (self) : passages_at_point (self, x, y);
  place = keyboard_mode ? mention_at_cursor (self) : mention_at_point (self, x, y);
  if ((passages == NULL || passages->len == 0) && place == NULL)
    return FALSE;

  text = g_string_new (NULL);
  if (place != NULL)
    /* TRANSLATORS: tooltip of a place's name in the article; %s is the place */
    g_string_append_printf (text, _("%s: show on the map"), dl_place_get_name (place));
  for (guint i = 0; passages != NULL && i < passages->len; i++)
    {
      const DlPassage *passage = passages->pdata[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, dl_event_get_title (passage->event));
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
dl_article_view_dispose (GObject *object)
{
  DlArticleView *self = DL_ARTICLE_VIEW (object);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_pointer (&self->mention_tags, g_ptr_array_unref);
  g_clear_pointer (&self->tints, g_hash_table_unref);
  g_clear_pointer (&self->event_tints, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_ARTICLE_VIEW);

  G_OBJECT_CLASS (dl_article_view_parent_class)->dispose (object);
}

static void
dl_article_view_class_init (DlArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_article_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlArticleView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DlArticleView, text_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-article-view");
}

static void
dl_article_view_init (DlArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *click;
  GtkEventController *motion;
  GtkEventController *keys;
  GtkEventController *focus;
  GtkTextIter start;
  GListModel *controllers;
  GdkRGBA underline = { 0.90f, 0.60f, 0.0f, 1.0f };

  self->tints = g_hash_table_new_full (tint_hash, tint_equal, g_free, NULL);
  self->event_tints = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                             (GDestroyNotify) g_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mention_tags = g_ptr_array_new_with_free_func (g_object_unref);

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->emphasis_tag = gtk_text_buffer_create_tag (buffer, "emphasis",
                                                   "underline", PANGO_UNDERLINE_SINGLE,
                                                   "underline-rgba", &underline,
                                                   NULL);
  self->search_tag = gtk_text_buffer_create_tag (buffer, "search-match", NULL);
  style_top_tags (self);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->scroll_mark = gtk_text_buffer_create_mark (buffer, "dl-scroll", &start, TRUE);

  click = gtk_gesture_click_new ();
  self->click_gesture = click;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, 0);

  /* The text view claims presses for its cursor and selection; in one group with its own
   * click gesture ours still sees the release. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (self->text_view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          gtk_widget_add_controller (GTK_WIDGET (self->text_view),
                                     GTK_EVENT_CONTROLLER (click));
          gtk_gesture_group (GTK_GESTURE (controller), click);
          click = NULL;
          break;
        }
    }
  g_object_unref (controllers);
  if (click != NULL)
    gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb),
                           self, 0);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "dl-passage-keys");
  /* before the text view's own key handling */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, 0);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (focus_enter_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
}

GtkWidget *
dl_article_view_new (void)
{
  return g_object_new (DL_TYPE_ARTICLE_VIEW, NULL);
}

void
dl_article_view_set_view_state (DlArticleView *self,
                                DlViewState   *state)
{
  g_return_if_fail (DL_IS_ARTICLE_VIEW (self));
  g_return_if_fail (DL_IS_VIEW_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect (state, "story-changed", G_CALLBACK (story_changed_cb), self);
  g_signal_connect (state, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (state, "filter-changed", G_CALLBACK (filter_changed_cb), self);
  story_changed_cb (state, self);
}

GtkTextView *
dl_article_view_get_text_view (DlArticleView *self)
{
  g_return_val_if_fail (DL_IS_ARTICLE_VIEW (self), NULL);

  return self->text_view;
}

GtkTextTag *
dl_article_view_get_emphasis_tag (DlArticleView *self)
{
  g_return_val_if_fail (DL_IS_ARTICLE_VIEW (self), NULL);

  return self->emphasis_tag;
}

GtkTextTag *
dl_article_view_get_search_tag (DlArticleView *self)
{
  g_return_val_if_fail (DL_IS_ARTICLE_VIEW (self), NULL);

  return self->search_tag;
}

GtkGesture *
dl_article_view_get_click_gesture (DlArticleView *self)
{
  g_return_val_if_fail (DL_IS_ARTICLE_VIEW (self), NULL);

  return self->click_gesture;
}

void
dl_article_view_reveal_range (DlArticleView *self,
                              int            start,
                              int            end)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_if_fail (DL_IS_ARTICLE_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  get_iter_at_offset (buffer, &s, start);
  get_iter_at_offset (buffer, &e, end);
  /* Selecting the passage shows exactly where it is, and lets the reader copy it. */
  gtk_text_buffer_select_range (buffer, &s, &e);
  gtk_text_buffer_move_mark (buffer, self->scroll_mark, &s);
  gtk_text_view_scroll_to_mark (self->text_view, self->scroll_mark, 0.1, TRUE, 0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

void
dl_article_view_refresh_passages (DlArticleView *self)
{
  DlStory *story;

  g_return_if_fail (DL_IS_ARTICLE_VIEW (self));

  story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  if (story == NULL)
    return;
  apply_tints (self, story, FALSE);
  update_emphasis (self, FALSE);
  update_search_matches (self);
}

/**
 * dl_article_view_refresh_events:
 * @self: an article view
 * @events: (element-type DlEvent): events an edit touched
 *
 * Tints the passages of @events as they now are, and drops those of events that left
 * the story; every other tint stays: the cost of an edit is that of the ranges it
 * changed, not of every passage of the article.
 */
void
dl_article_view_refresh_events (DlArticleView *self,
                                GPtrArray     *events)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Tint));
  g_autoptr(GPtrArray) todo = NULL;
  gboolean selected = FALSE;
  DlStory *story;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (DL_IS_ARTICLE_VIEW (self));
  g_return_if_fail (events != NULL);

  story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  if (story == NULL)
    return;

  todo = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (todo, g_object_ref (events->pdata[i]));
  g_hash_table_iter_init (&iter, self->event_tints);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (dl_event_get_story (key) != story)
      g_ptr_array_add (todo, g_object_ref (key));

  for (guint i = 0; i < todo->len; i++)
    {
      retint_event (self, story, todo->pdata[i], removed);
      selected = selected || dl_view_state_is_selected (self->state, todo->pdata[i]);
    }
  restore_overlaps (self, removed);
  if (selected)
    update_emphasis (self, FALSE);
}
