/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dl-article-view.h"
#include "dl-mentions.h"
#include "dl-text-search.h"
#include "dl-tint-ranges.h"

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
  gboolean           over_passage;
  GPtrArray         *mention_tags;  /* the tags underlining mentions, one per place */

  /* What the text has of the tints, the search's matches and the emphasis: all of it in
   * [window_start, window_end), nothing outside (window_start -1: not placed yet). */
  int                window_start;
  int                window_end;
  guint              window_tick;      /* a frame's callback to move the window, or 0 */
  DlPassageSpans    *spans;            /* the story's passages, or NULL until needed */
  DlStory           *story;            /* whose passages they are */
  GHashTable        *tinted;           /* GtkTextTag → GArray of DlTextRange it covers */
  char              *search_query;     /* the words the text's matches are of */
  int                search_start;     /* and the window they were found in */
  int                search_end;
  GArray            *search_shown;     /* the matches the text marks, or NULL */
  GArray            *emphasis_ranges;  /* the selection's passages, or NULL */
  GArray            *emphasis_shown;   /* those the text emphasises, or NULL */
  /* A scroll asked for in a long article, until the character shows: GTK scrolls to a
   * mark once lines are laid out, which may not come while it lays out the rest. */
  int                scroll_target;    /* or -1 */
  gboolean           scroll_use_align;
  double             scroll_yalign;
  gint64             scroll_until;  /* when the scroll stops trying, monotonic µs */
};

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

/* The characters of the article kept tinted, marked and emphasised: an article up to this
 * long whole; a longer one only around the part in view, since each range a tag covers
 * costs the text buffer time and a filter change may change thousands. */
#define WHOLE_TEXT_CHARS 50000
/* What is kept up to date on either side of the part in view: a scroll within it finds
 * its tints already there, and the window moves again only past half of it. */
#define WINDOW_MARGIN_CHARS 6000
/* How long a scroll to a passage far down keeps trying, frame by frame. */
#define SCROLL_TRIES_US (5 * G_USEC_PER_SEC)

/* Replaces @tag's ranges @had (sorted, disjoint; NULL for none) in the text by @want,
 * tagging and untagging only the characters that differ. */
static void
retag (DlArticleView *self,
       GtkTextTag    *tag,
       GArray        *had,
       GArray        *want)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GArray) to_add = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  g_autoptr(GArray) to_remove = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  GtkTextIter start, end;

  dl_text_ranges_diff (had, want, to_add, to_remove);
  for (guint i = 0; i < to_remove->len; i++)
    {
      const DlTextRange *range = &g_array_index (to_remove, DlTextRange, i);

      get_range_iters (buffer, range->start, range->end, &start, &end);
      gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
    }
  for (guint i = 0; i < to_add->len; i++)
    {
      const DlTextRange *range = &g_array_index (to_add, DlTextRange, i);

      get_range_iters (buffer, range->start, range->end, &start, &end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
}

/* The characters of the text in view, from the first to the last (both about). */
static void
visible_offsets (DlArticleView *self,
                 int           *top,
                 int           *bottom)
{
  GdkRectangle rect;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (self->text_view, &rect);
  gtk_text_view_get_iter_at_location (self->text_view, &iter, 0, rect.y);
  *top = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (self->text_view, &iter, rect.width, rect.y);
  *top = MIN (*top, gtk_text_iter_get_offset (&iter));
  gtk_text_view_get_iter_at_location (self->text_view, &iter, 0, rect.y + rect.height);
  *bottom = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (self->text_view, &iter, rect.width,
                                      rect.y + rect.height);
  *bottom = MAX (*bottom, gtk_text_iter_get_offset (&iter));
}

/* Moves the window of kept characters around the part in view when that part came near
 * its edge (or there is none yet); TRUE when it moved. */
static gboolean
place_window (DlArticleView *self)
{
  int length = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->text_view));
  int top, bottom, start, end;

  if (length <= WHOLE_TEXT_CHARS)
    {
      start = 0;
      end = length;
    }
  else
    {
      visible_offsets (self, &top, &bottom);
      if (self->window_start >= 0
          && (self->window_start == 0 || top - self->window_start >= WINDOW_MARGIN_CHARS / 2)
          && (self->window_end == length
              || self->window_end - bottom >= WINDOW_MARGIN_CHARS / 2))
        return FALSE;
      start = MAX (top - WINDOW_MARGIN_CHARS, 0);
      end = MIN (bottom + WINDOW_MARGIN_CHARS, length);
    }
  if (start == self->window_start && end == self->window_end)
    return FALSE;
  self->window_start = start;
  self->window_end = end;
  return TRUE;
}

/* Before a scroll to character @offset: the window moves there unless it holds it well
 * inside already; TRUE when it moved. */
static gboolean
window_around (DlArticleView *self,
               int            offset)
{
  int length = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->text_view));

  if (length <= WHOLE_TEXT_CHARS
      || (self->window_start >= 0 && offset >= self->window_start + WINDOW_MARGIN_CHARS / 2
          && offset <= self->window_end - WINDOW_MARGIN_CHARS / 2))
    return FALSE;
  self->window_start = MAX (offset - WINDOW_MARGIN_CHARS, 0);
  self->window_end = MIN (offset + 2 * WINDOW_MARGIN_CHARS, length);
  return TRUE;
}

typedef struct
{
  DlArticleView *self;
  DlStory       *story;
  GHashTable    *tags;  /* DlActor (or the view, for none) → its tint tag */
} TintKeys;

/* The tag tinting @passage: its event's main actor's, or none when the filter hides it. */
static gpointer
tint_key (const DlPassage *passage,
          gpointer         user_data)
{
  TintKeys *keys = user_data;
  DlEvent *event = passage->event;
  DlActor *actor;
  GtkTextTag *tag;

  if (event == NULL || dl_event_get_story (event) != keys->story
      || !dl_view_state_is_shown (keys->self->state, event))
    return NULL;
  actor = dl_event_get_main_actor (event);
  tag = g_hash_table_lookup (keys->tags, actor != NULL ? (gpointer) actor : keys->self);
  if (tag == NULL)
    {
      tag = tint_tag_for (keys->self, actor);
      g_hash_table_insert (keys->tags, actor != NULL ? (gpointer) actor : keys->self, tag);
    }
  return tag;
}

/* Tints the passages of the events the filter shows within the window, each in its
 * event's main actor's colour, changing only the characters whose tint changed: per tag,
 * the ranges wanted merged, then compared with those the text has. */
static void
update_tints (DlArticleView *self)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  g_autoptr(GHashTable) tags = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) passages = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  TintKeys keys = { self, story, tags };
  GHashTableIter iter;
  gpointer key, value;

  if (story == NULL)
    {
      g_hash_table_remove_all (self->tinted);
      return;
    }
  if (self->spans == NULL)
    {
      g_autoptr(GPtrArray) all = dl_story_list_passages (story);

      self->spans = dl_passage_spans_new (all);
    }
  if (self->window_start < 0)
    place_window (self);

  passages = dl_passage_spans_in (self->spans, self->window_start, self->window_end);
  wanted = dl_tint_ranges_collect (passages, tint_key, &keys);
  g_hash_table_iter_init (&iter, self->tinted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    retag (self, key, value, g_hash_table_lookup (wanted, key));
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->tinted, key))
      retag (self, key, NULL, value);
  g_clear_pointer (&self->tinted, g_hash_table_unref);
  self->tinted = g_steal_pointer (&wanted);
}

/* @all's ranges within the window (sorted, disjoint) on @tag, whose ranges in the text
 * are *@shown, then kept there. */
static void
show_in_window (DlArticleView *self,
                GtkTextTag    *tag,
                GArray        *all,
                GArray       **shown)
{
  g_autoptr(GArray) want = NULL;

  if (self->window_start < 0)
    place_window (self);
  if (all != NULL)
    want = dl_text_ranges_in (all, self->window_start, self->window_end);
  retag (self, tag, *shown, want);
  g_clear_pointer (shown, g_array_unref);
  *shown = g_steal_pointer (&want);
}

static void update_search_matches (DlArticleView *self);

/* The story's list of passages changed: the index of them is built again when needed. */
static void
passages_changed_cb (DlStory       *story,
                     DlArticleView *self)
{
  g_clear_pointer (&self->spans, dl_passage_spans_free);
}

/* A frame after the article scrolled or was resized: what came near the part in view
 * is tinted, marked and emphasised before it is drawn. */
static gboolean
window_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  DlArticleView *self = user_data;
  gboolean moved;

  if (self->state == NULL || dl_view_state_get_story (self->state) == NULL)
    self->scroll_target = -1;
  if (self->scroll_target >= 0)
    {
      int top, bottom;

      visible_offsets (self, &top, &bottom);
      if ((top <= self->scroll_target && self->scroll_target <= bottom)
          || g_get_monotonic_time () > self->scroll_until)
        self->scroll_target = -1;
    }
  if (self->scroll_target >= 0)
    {
      GtkTextIter iter;

      /* scrolled by the lines' heights known now, again next frame until it shows */
      moved = window_around (self, self->scroll_target);
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->text_view), &iter,
                                          self->scroll_target);
      gtk_text_view_scroll_to_iter (self->text_view, &iter, 0.1, self->scroll_use_align, 0,
                                    self->scroll_yalign);
    }
  else
    moved = self->state != NULL && dl_view_state_get_story (self->state) != NULL
            && place_window (self);
  if (moved)
    {
      update_tints (self);
      update_search_matches (self);
      show_in_window (self, self->emphasis_tag, self->emphasis_ranges,
                      &self->emphasis_shown);
    }
  if (self->scroll_target >= 0)
    return G_SOURCE_CONTINUE;
  self->window_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Scrolls the text to character @offset as gtk_text_view_scroll_to_mark() does, also in a
 * long article whose lines are still being laid out. */
static void
scroll_to_offset (DlArticleView *self,
                  int            offset,
                  gboolean       use_align,
                  double         yalign)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_move_mark (buffer, self->scroll_mark, &iter);
  gtk_text_view_scroll_to_mark (self->text_view, self->scroll_mark, 0.1, use_align, 0, yalign);
  if (gtk_text_buffer_get_char_count (buffer) <= WHOLE_TEXT_CHARS)
    return;
  self->scroll_target = offset;
  self->scroll_use_align = use_align;
  self->scroll_yalign = yalign;
  /* lines far down are laid out a few at a time, the more slowly the busier the machine */
  self->scroll_until = g_get_monotonic_time () + SCROLL_TRIES_US;
  if (self->window_tick == 0)
    self->window_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), window_tick_cb,
                                                      self, NULL);
}

static void
view_moved_cb (GtkAdjustment *adjustment,
               DlArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  if (self->window_tick == 0 && gtk_text_buffer_get_char_count (buffer) > WHOLE_TEXT_CHARS)
    self->window_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), window_tick_cb,
                                                      self, NULL);
}

/* The tint tags of a new text made in story order, as the whole text was once tinted in
 * that order: where passages of two actors overlap, the colour on top stays the same. */
static void
make_tint_tags (DlArticleView *self,
                DlStory       *story)
{
  GPtrArray *events = dl_view_state_peek_events (self->state);
  g_autoptr(GHashTable) made = g_hash_table_new (NULL, NULL);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      DlEvent *event = events->pdata[i];
      DlActor *actor;

      if (dl_event_get_n_passages (event) == 0 || !dl_view_state_is_shown (self->state, event))
        continue;
      actor = dl_event_get_main_actor (event);
      if (g_hash_table_add (made, actor != NULL ? (gpointer) actor : self))
        tint_tag_for (self, actor);
    }
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
  /* a new text has no tint, mark nor emphasis */
  g_hash_table_remove_all (self->tinted);
  g_clear_pointer (&self->search_query, g_free);
  g_clear_pointer (&self->search_shown, g_array_unref);
  g_clear_pointer (&self->emphasis_ranges, g_array_unref);
  g_clear_pointer (&self->emphasis_shown, g_array_unref);
  g_clear_pointer (&self->spans, dl_passage_spans_free);
  self->window_start = self->window_end = -1;
  self->scroll_target = -1;
  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_set_object (&self->story, story);
  if (story == NULL)
    return;
  g_signal_connect_object (story, "passages-changed", G_CALLBACK (passages_changed_cb),
                           self, 0);

  gtk_widget_set_direction (GTK_WIDGET (self->text_view),
                            is_rtl_language (dl_story_get_language (story))
                              ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  make_tint_tags (self, story);
  update_tints (self);

  underline_mentions (self, story);
}

static void
update_emphasis (DlArticleView *self,
                 gboolean       scroll)
{
  GArray *ranges;

  g_clear_pointer (&self->emphasis_ranges, g_array_unref);
  if (self->state != NULL && dl_view_state_get_story (self->state) != NULL)
    self->emphasis_ranges = dl_passage_ranges_for_events (
      dl_view_state_get_selected_events (self->state));
  ranges = self->emphasis_ranges;
  scroll = scroll && ranges != NULL && ranges->len > 0;
  /* the window goes where the view will land (the text view scrolls once it has laid
   * out a line changed there) */
  if (scroll && window_around (self, g_array_index (ranges, DlTextRange, 0).start))
    {
      update_tints (self);
      update_search_matches (self);
    }
  show_in_window (self, self->emphasis_tag, self->emphasis_ranges, &self->emphasis_shown);

  if (scroll)
    scroll_to_offset (self, g_array_index (ranges, DlTextRange, 0).start, FALSE, 0);
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

/* Marks where the words of the search occur in the window of the article: found again
 * only when the words or the window changed (the text of a story does not), and in the
 * window's text only, with a margin for a match across its edge. */
static void
update_search_matches (DlArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  const char *query = NULL;
  g_autoptr(GArray) want = NULL;

  if (story != NULL && dl_story_get_text (story) != NULL)
    query = dl_filter_get_text (dl_view_state_get_filter (self->state));
  if (query != NULL && *query == '\0')
    query = NULL;
  if (query != NULL && self->window_start < 0)
    place_window (self);
  if (g_strcmp0 (query, self->search_query) == 0
      && (query == NULL || (self->search_start == self->window_start
                            && self->search_end == self->window_end)))
    return;

  if (query != NULL)
    {
      /* a match is a few times as long as its word at most (marks folded away) */
      int pad = 8 * (int) g_utf8_strlen (query, -1) + 64;
      int from = MAX (self->window_start - pad, 0);
      int to = MIN (self->window_end + pad, gtk_text_buffer_get_char_count (buffer));
      g_autoptr(GArray) found = NULL;
      g_autofree char *slice = NULL;
      GtkTextIter start, end;

      get_range_iters (buffer, from, to, &start, &end);
      slice = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
      found = dl_text_find_words (slice, query);
      for (guint i = 0; i < found->len; i++)
        {
          g_array_index (found, DlTextRange, i).start += from;
          g_array_index (found, DlTextRange, i).end += from;
        }
      want = dl_text_ranges_in (found, self->window_start, self->window_end);
    }
  retag (self, self->search_tag, self->search_shown, want);
  g_clear_pointer (&self->search_shown, g_array_unref);
  self->search_shown = g_steal_pointer (&want);
  g_free (self->search_query);
  self->search_query = g_strdup (query);
  self->search_start = self->window_start;
  self->search_end = self->window_end;
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
  update_tints (self);
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
  gboolean moved = place_window (self);

  update_tints (self);
  update_search_matches (self);
  if (moved)
    show_in_window (self, self->emphasis_tag, self->emphasis_ranges, &self->emphasis_shown);
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
  if (self->window_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->window_tick);
  self->window_tick = 0;
  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_clear_object (&self->story);
  g_clear_pointer (&self->spans, dl_passage_spans_free);
  g_clear_pointer (&self->tinted, g_hash_table_unref);
  g_clear_pointer (&self->search_query, g_free);
  g_clear_pointer (&self->search_shown, g_array_unref);
  g_clear_pointer (&self->emphasis_ranges, g_array_unref);
  g_clear_pointer (&self->emphasis_shown, g_array_unref);
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
  GtkAdjustment *vadjustment;

  self->tinted = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->window_start = self->window_end = -1;
  self->scroll_target = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mention_tags = g_ptr_array_new_with_free_func (g_object_unref);
  /* a scroll or a new width can bring text outside the window into view */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (view_moved_cb), self, 0);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (view_moved_cb), self, 0);

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
  if (self->state != NULL && dl_view_state_get_story (self->state) != NULL
      && window_around (self, start))
    {
      update_tints (self);
      update_search_matches (self);
      show_in_window (self, self->emphasis_tag, self->emphasis_ranges,
                      &self->emphasis_shown);
    }
  get_iter_at_offset (buffer, &s, start);
  get_iter_at_offset (buffer, &e, end);
  /* Selecting the passage shows exactly where it is, and lets the reader copy it. */
  gtk_text_buffer_select_range (buffer, &s, &e);
  scroll_to_offset (self, start, TRUE, 0.3);
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
  g_clear_pointer (&self->spans, dl_passage_spans_free);
  update_tints (self);
  update_emphasis (self, FALSE);
  update_search_matches (self);
}

/**
 * dl_article_view_refresh_events:
 * @self: an article view
 * @events: (element-type DlEvent): events an edit touched
 *
 * Tints the passages of @events as they now are, and drops those of events that left
 * the story: the tints of the window are worked out again and only the ranges that
 * changed are tagged or untagged, so an edit costs the part of the article around the
 * view, not every passage of it.
 */
void
dl_article_view_refresh_events (DlArticleView *self,
                                GPtrArray     *events)
{
  gboolean selected = FALSE;
  DlStory *story;

  g_return_if_fail (DL_IS_ARTICLE_VIEW (self));
  g_return_if_fail (events != NULL);

  story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  if (story == NULL)
    return;

  g_clear_pointer (&self->spans, dl_passage_spans_free);
  update_tints (self);
  for (guint i = 0; i < events->len && !selected; i++)
    selected = dl_view_state_is_selected (self->state, events->pdata[i]);
  if (selected)
    update_emphasis (self, FALSE);
}
