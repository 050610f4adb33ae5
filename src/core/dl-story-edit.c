/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-story"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-actor-private.h"
#include "dl-event-private.h"
#include "dl-place-private.h"
#include "dl-story-private.h"

/* Editing a story: the setters of the article, inserting and removing places, actors and
 * events, and keeping what is derived from them (time order, passages, event counts) up
 * to date with fine-grained notifications. */

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static int
compare_events (DlEvent *a,
                DlEvent *b)
{
  int cmp = dl_time_compare (&a->start, &b->start);

  if (cmp != 0)
    return cmp;
  return (a->index > b->index) - (a->index < b->index);
}

static int
compare_passages (gconstpointer a,
                  gconstpointer b)
{
  const DlPassage *pa = *(const DlPassage * const *) a;
  const DlPassage *pb = *(const DlPassage * const *) b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  if (pa->end != pb->end)
    return pa->end < pb->end ? -1 : 1;
  return (pa->event->index > pb->event->index) - (pa->event->index < pb->event->index);
}

/* Where @event goes in the time order of the other events (binary search), leaving out
 * position @skip (where it is now), or G_MAXUINT. */
static guint
sorted_position (DlStory *self,
                 DlEvent *event,
                 guint    skip)
{
  GListModel *events = G_LIST_MODEL (self->events);
  guint n = g_list_model_get_n_items (events);
  guint low = 0, high = skip < n ? n - 1 : n;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      g_autoptr(DlEvent) other = g_list_model_get_item (events, mid < skip ? mid : mid + 1);

      if (compare_events (other, event) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static gboolean
find_in_store (GListStore *store,
               gpointer    item,
               guint      *position)
{
  return g_list_store_find (store, item, position);
}

static gboolean
id_taken (DlStory    *self,
          const char *id)
{
  return g_hash_table_contains (self->place_by_id, id) ||
         g_hash_table_contains (self->actor_by_id, id) ||
         g_hash_table_contains (self->event_by_id, id);
}

/* The story's passages stay sorted by insertion where they go (binary search), so that
 * one passage more or less costs no sort of them all. */
static void
insert_passage (DlStory   *self,
                DlPassage *passage)
{
  guint low = 0, high = self->passages->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_passages (&g_ptr_array_index (self->passages, mid), &passage) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  g_ptr_array_insert (self->passages, low, passage);
}

void
dl_story_passage_added (DlStory   *self,
                        DlPassage *passage)
{
  insert_passage (self, passage);
  dl_story_emit_passages_changed (self);
}

void
dl_story_passage_removed (DlStory   *self,
                          DlPassage *passage)
{
  g_ptr_array_remove (self->passages, passage);
  dl_story_emit_passages_changed (self);
}

/* A move is a removal and an insertion, two items-changed of one row each: a view (a
 * filter or sort model above the list, a list view) then looks at two rows, where one
 * splice of the rows in between would have it look at all of them. */
void
dl_story_event_start_changed (DlStory *self,
                              DlEvent *event)
{
  guint old_position, new_position;

  if (!find_in_store (self->events, event, &old_position))
    return;
  new_position = sorted_position (self, event, old_position);
  if (new_position == old_position)
    return;

  g_object_ref (event);
  g_list_store_remove (self->events, old_position);
  g_list_store_insert (self->events, new_position, event);
  g_object_unref (event);
}

void
dl_story_resolve_passage (DlStory   *self,
                          DlPassage *passage)
{
  int start = -1, end = -1;

  if (dl_story_resolve_quote (self, passage->exact, passage->prefix, passage->suffix,
                              &start, &end, NULL))
    {
      passage->start = start;
      passage->end = end;
    }
  else
    passage->start = passage->end = -1;
}

static void
count_event (DlStory *self,
             DlEvent *event,
             int      delta)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint j = 0; j < event->places->len; j++)
    {
      DlPlace *place = g_ptr_array_index (event->places, j);

      if (g_hash_table_add (seen, place))
        dl_place_add_n_events (place, delta);
    }
  for (guint j = 0; j < event->actors->len; j++)
    {
      DlActor *actor = g_ptr_array_index (event->actors, j);

      if (g_hash_table_add (seen, actor))
        dl_actor_add_n_events (actor, delta);
    }
}

/**
 * dl_story_new:
 *
 * Returns: (transfer full): an empty story.
 */
DlStory *
dl_story_new (void)
{
  return g_object_new (DL_TYPE_STORY, NULL);
}

/**
 * dl_story_set_title:
 * @self: a story
 * @title: (nullable): the article's title
 *
 * Sets the article's title.
 */
void
dl_story_set_title (DlStory    *self,
                    const char *title)
{
  g_return_if_fail (DL_IS_STORY (self));
  if (replace_string (&self->title, title))
    dl_story_notify_property (self, "title");
}

/**
 * dl_story_set_publisher:
 * @self: a story
 * @publisher: (nullable): who published the article
 *
 * Sets the publisher.
 */
void
dl_story_set_publisher (DlStory    *self,
                        const char *publisher)
{
  g_return_if_fail (DL_IS_STORY (self));
  if (replace_string (&self->publisher, publisher))
    dl_story_notify_property (self, "publisher");
}

/**
 * dl_story_set_url:
 * @self: a story
 * @url: (nullable): where the article is
 *
 * Sets the article's address.
 */
void
dl_story_set_url (DlStory    *self,
                  const char *url)
{
  g_return_if_fail (DL_IS_STORY (self));
  if (replace_string (&self->url, url))
    dl_story_notify_property (self, "url");
}

/**
 * dl_story_set_published:
 * @self: a story
 * @published: (nullable): an ISO 8601 time ("2024-12-08")
 * @error: a #GError
 *
 * Sets the publication date.
 *
 * Returns: %FALSE, with nothing changed, when @published is not an ISO 8601 time.
 */
gboolean
dl_story_set_published (DlStory     *self,
                        const char  *published,
                        GError     **error)
{
  DlTime time;

  g_return_val_if_fail (DL_IS_STORY (self), FALSE);

  if (published != NULL && !dl_time_parse (published, &time, error))
    return FALSE;
  if (replace_string (&self->published, published))
    dl_story_notify_property (self, "published");
  return TRUE;
}

/**
 * dl_story_set_language:
 * @self: a story
 * @language: (nullable): a BCP 47 tag ("en")
 *
 * Sets the article's language.
 */
void
dl_story_set_language (DlStory    *self,
                       const char *language)
{
  g_return_if_fail (DL_IS_STORY (self));
  if (replace_string (&self->language, language))
    dl_story_notify_property (self, "language");
}

/**
 * dl_story_make_id:
 * @self: a story
 * @name: (nullable): what the id is for ("Moscow")
 *
 * Returns: (transfer full): an id no place, actor or event of the story has: @name in
 *   lower case ASCII letters, digits and dashes, with "-2", "-3" … added when needed.
 */
char *
dl_story_make_id (DlStory    *self,
                  const char *name)
{
  g_autofree char *ascii = NULL;
  GString *base;
  char *id;

  g_return_val_if_fail (DL_IS_STORY (self), NULL);

  ascii = name != NULL ? g_str_to_ascii (name, "C") : NULL;
  base = g_string_new (NULL);
  for (const char *p = ascii; p != NULL && *p != '\0' && base->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "item");

  id = g_strdup (base->str);
  for (guint n = 2; id_taken (self, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }
  g_string_free (base, TRUE);
  return id;
}

/**
 * dl_story_insert_place:
 * @self: a story
 * @position: where in the list of places, or -1 for the end
 * @place: a place whose id is new to the story
 *
 * Adds a place (items-changed on dl_story_get_places()).
 */
void
dl_story_insert_place (DlStory *self,
                       int      position,
                       DlPlace *place)
{
  guint n;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (DL_IS_PLACE (place));
  g_return_if_fail (!g_hash_table_contains (self->place_by_id, place->id));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->places));
  if (position < 0 || (guint) position > n)
    position = n;
  g_hash_table_insert (self->place_by_id, place->id, place);
  dl_object_list_splice (self->places, position, 0, (gpointer *) &place, 1);
}

/**
 * dl_story_remove_place:
 * @self: a story
 * @place: a place of the story that no event names
 *
 * Removes a place (items-changed on dl_story_get_places()).
 */
void
dl_story_remove_place (DlStory *self,
                       DlPlace *place)
{
  guint position;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (DL_IS_PLACE (place));
  g_return_if_fail (place->n_events == 0);

  if (!dl_object_list_find (self->places, place, &position))
    g_return_if_reached ();
  if (g_hash_table_lookup (self->place_by_id, place->id) == place)
    g_hash_table_remove (self->place_by_id, place->id);
  dl_object_list_splice (self->places, position, 1, NULL, 0);
}

/**
 * dl_story_insert_actor:
 * @self: a story
 * @position: where in the list of actors, or -1 for the end
 * @actor: an actor whose id is new to the story
 *
 * Adds an actor (items-changed on dl_story_get_actors()).
 */
void
dl_story_insert_actor (DlStory *self,
                       int      position,
                       DlActor *actor)
{
  guint n;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (DL_IS_ACTOR (actor));
  g_return_if_fail (!g_hash_table_contains (self->actor_by_id, actor->id));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->actors));
  if (position < 0 || (guint) position > n)
    position = n;
  g_hash_table_insert (self->actor_by_id, g_strdup (actor->id), actor);
  g_list_store_insert (self->actors, position, actor);
}

/**
 * dl_story_remove_actor:
 * @self: a story
 * @actor: an actor of the story that no event names
 *
 * Removes an actor (items-changed on dl_story_get_actors()).
 */
void
dl_story_remove_actor (DlStory *self,
                       DlActor *actor)
{
  guint position;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (DL_IS_ACTOR (actor));
  g_return_if_fail (actor->n_events == 0);

  if (!find_in_store (self->actors, actor, &position))
    g_return_if_reached ();
  g_hash_table_remove (self->actor_by_id, actor->id);
  g_list_store_remove (self->actors, position);
}

/**
 * dl_story_add_event:
 * @self: a story
 * @event: an event whose id is new to the story, and whose places and actors are the
 *   story's
 *
 * Adds an event in time order (items-changed on dl_story_get_events()), resolves its
 * passages against the text and counts it for its places and actors. An event removed
 * with dl_story_remove_event() comes back at its place in the file.
 */
void
dl_story_add_event (DlStory *self,
                    DlEvent *event)
{
  gboolean has_passages;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (DL_IS_EVENT (event));
  g_return_if_fail (event->story == NULL);
  g_return_if_fail (!g_hash_table_contains (self->event_by_id, event->id));

  /* a new event goes to the end of the file; one put back keeps its place */
  if (!event->has_index)
    {
      event->index = self->next_event_index++;
      event->has_index = TRUE;
    }
  self->next_event_index = MAX (self->next_event_index, event->index + 1);

  event->story = self;
  for (guint i = 0; i < event->passages->len; i++)
    {
      dl_story_resolve_passage (self, g_ptr_array_index (event->passages, i));
      insert_passage (self, g_ptr_array_index (event->passages, i));
    }
  count_event (self, event, 1);
  g_hash_table_insert (self->event_by_id, g_strdup (event->id), event);
  g_list_store_insert (self->events, sorted_position (self, event, G_MAXUINT), event);

  has_passages = event->passages->len > 0;
  if (has_passages)
    dl_story_emit_passages_changed (self);
}

/**
 * dl_story_remove_event:
 * @self: a story
 * @event: an event of the story
 *
 * Removes an event (items-changed on dl_story_get_events()).
 */
void
dl_story_remove_event (DlStory *self,
                       DlEvent *event)
{
  guint position;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (DL_IS_EVENT (event));
  g_return_if_fail (event->story == self);

  if (!find_in_store (self->events, event, &position))
    g_return_if_reached ();
  g_object_ref (event);
  count_event (self, event, -1);
  event->story = NULL;
  g_hash_table_remove (self->event_by_id, event->id);
  g_list_store_remove (self->events, position);
  if (event->passages->len > 0)
    {
      guint kept = 0;

      for (guint i = 0; i < self->passages->len; i++)
        {
          DlPassage *passage = g_ptr_array_index (self->passages, i);

          if (passage->event != event)
            self->passages->pdata[kept++] = passage;
        }
      g_ptr_array_set_size (self->passages, kept);
      dl_story_emit_passages_changed (self);
    }
  g_object_unref (event);
}

/**
 * dl_story_resolve_quote:
 * @self: a story
 * @exact: the quote
 * @prefix: (nullable): text just before it
 * @suffix: (nullable): text just after it
 * @start: (out) (optional): its first character
 * @end: (out) (optional): the character after it
 * @error: a #GError
 *
 * Finds a quote in the article text.
 *
 * Returns: %TRUE when it occurs exactly once (with @prefix and @suffix); else %FALSE with
 *   an error in %DL_STORY_ERROR_PASSAGE saying what is wrong.
 */
gboolean
dl_story_resolve_quote (DlStory     *self,
                        const char  *exact,
                        const char  *prefix,
                        const char  *suffix,
                        int         *start,
                        int         *end,
                        GError     **error)
{
  gsize exact_length, prefix_length;
  const char *found = NULL;
  guint n_occurrences = 0, n_matches = 0;

  g_return_val_if_fail (DL_IS_STORY (self), FALSE);
  g_return_val_if_fail (exact != NULL, FALSE);

  if (self->text == NULL || *exact == '\0')
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE,
                   _("The story has no article text to quote"));
      return FALSE;
    }
  if (prefix != NULL && *prefix == '\0')
    prefix = NULL;
  if (suffix != NULL && *suffix == '\0')
    suffix = NULL;
  exact_length = strlen (exact);
  prefix_length = prefix != NULL ? strlen (prefix) : 0;

  for (const char *p = strstr (self->text, exact); p != NULL; p = strstr (p + 1, exact))
    {
      gsize at = p - self->text;

      n_occurrences++;
      if (prefix != NULL &&
          (at < prefix_length || memcmp (p - prefix_length, prefix, prefix_length) != 0))
        continue;
      if (suffix != NULL && !g_str_has_prefix (p + exact_length, suffix))
        continue;
      if (n_matches++ == 0)
        found = p;
    }

  if (n_occurrences == 0)
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE,
                   _("The passage is not in the article text"));
      return FALSE;
    }
  if (n_matches == 0)
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE,
                   _("The passage is in the article text, but not with the given prefix "
                     "and suffix"));
      return FALSE;
    }
  if (n_matches > 1)
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PASSAGE,
                   _("The passage occurs %u times in the article text: add a prefix or "
                     "suffix that tells them apart"), n_matches);
      return FALSE;
    }

  if (start != NULL)
    *start = g_utf8_pointer_to_offset (self->text, found);
  if (end != NULL)
    *end = g_utf8_pointer_to_offset (self->text, found) +
           g_utf8_strlen (exact, exact_length);
  return TRUE;
}

/**
 * dl_story_quote_range:
 * @self: a story with an article text
 * @start: the first character
 * @end: the character after the last, above @start
 * @exact: (out) (transfer full): the quote
 * @prefix: (out) (transfer full) (optional) (nullable): text before it, only when the
 *   quote occurs more than once
 * @suffix: (out) (transfer full) (optional) (nullable): text after it, likewise
 *
 * The quote of a range of the text, with a prefix and suffix just long enough (up to 32
 * characters each) to tell it apart from the other occurrences.
 */
void
dl_story_quote_range (DlStory  *self,
                      int       start,
                      int       end,
                      char    **exact,
                      char    **prefix,
                      char    **suffix)
{
  const char *from, *to;
  g_autofree char *quote = NULL;

  g_return_if_fail (DL_IS_STORY (self));
  g_return_if_fail (self->text != NULL);
  g_return_if_fail (0 <= start && start < end && end <= self->text_length);
  g_return_if_fail (exact != NULL);

  from = g_utf8_offset_to_pointer (self->text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  quote = g_strndup (from, to - from);

  if (prefix != NULL)
    *prefix = NULL;
  if (suffix != NULL)
    *suffix = NULL;

  if (!dl_story_resolve_quote (self, quote, NULL, NULL, NULL, NULL, NULL))
    {
      /* grow prefix and suffix one character at a time until the quote is unique */
      const char *p = from, *s = to;

      for (int n = 1; n <= 32; n++)
        {
          g_autofree char *pre = NULL;
          g_autofree char *suf = NULL;

          if (p > self->text)
            p = g_utf8_prev_char (p);
          if (*s != '\0')
            s = g_utf8_next_char (s);
          pre = g_strndup (p, from - p);
          suf = g_strndup (to, s - to);
          if (dl_story_resolve_quote (self, quote, pre, suf, NULL, NULL, NULL))
            {
              if (prefix != NULL)
                *prefix = *pre != '\0' ? g_steal_pointer (&pre) : NULL;
              if (suffix != NULL)
                *suffix = *suf != '\0' ? g_steal_pointer (&suf) : NULL;
              break;
            }
        }
    }
  *exact = g_steal_pointer (&quote);
}
