/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-tally"

#include "config.h"

#include <string.h>

#include "dl-event-private.h"
#include "dl-place-tally.h"

/* One main actor's shown events at one place; a place's counts are a chain, the latest
 * actor to come first. */
typedef struct
{
  guint actor;  /* 1 + its index in actors */
  guint count;
  int   next;   /* the next count of the place in pool, or -1 */
} ActorCount;

struct _DlPlaceTally
{
  GPtrArray  *events;    /* the story's events, its order (a reference to the array given) */
  guint       n_places;
  DlPlace   **places;    /* the story's places, its order (owned) */
  guint8     *located;   /* per place: it has a location */
  guint8     *is_unused; /* per place: no event names it (dl_place_get_n_events()) */
  /* event i names places[slots[first[i]…first[i + 1]]]; a slot of n_places is none (an
   * event an edit left with fewer places) */
  guint      *first;
  guint      *slots;
  guint      *actor_of;  /* per event: 0 without a main actor, else 1 + its index in actors */
  GPtrArray  *actors;    /* DlActor (owned) */
  GHashTable *slot_of;   /* DlPlace → 1 + its slot */
  GHashTable *actor_index; /* DlActor → 1 + its index in actors */
  GPtrArray  *unused;    /* DlPlace (unowned: places holds them) */
  GArray     *all;       /* every event counted, made at the first ask */

  /* reused from one count to the next; n_places + 1 each, the last one for none */
  guint      *n_shown;
  int        *head;      /* its first ActorCount in pool, or -1 */
  GArray     *pool;      /* of ActorCount */
};

static void
count_event (DlPlaceTally *self,
             guint         i)
{
  guint actor = self->actor_of[i];

  for (guint k = self->first[i]; k < self->first[i + 1]; k++)
    {
      guint slot = self->slots[k];
      int c;

      self->n_shown[slot]++;
      if (actor == 0)
        continue;
      for (c = self->head[slot]; c >= 0; c = g_array_index (self->pool, ActorCount, c).next)
        if (g_array_index (self->pool, ActorCount, c).actor == actor)
          break;
      if (c >= 0)
        g_array_index (self->pool, ActorCount, c).count++;
      else
        {
          ActorCount count = { actor, 1, self->head[slot] };

          self->head[slot] = (int) self->pool->len;
          g_array_append_val (self->pool, count);
        }
    }
}

/* The actor with most shown events at @slot, the one that came first on a tie: the
 * chain runs from the latest to come, so the last of equal counts wins. */
static DlActor *
dominant_actor (DlPlaceTally *self,
                guint         slot)
{
  guint best = 0, best_count = 0;

  for (int c = self->head[slot]; c >= 0; c = g_array_index (self->pool, ActorCount, c).next)
    {
      const ActorCount *count = &g_array_index (self->pool, ActorCount, c);

      if (count->count >= best_count)
        {
          best = count->actor;
          best_count = count->count;
        }
    }
  return best > 0 ? self->actors->pdata[best - 1] : NULL;
}

static GArray *
summarise (DlPlaceTally *self)
{
  GArray *result = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));

  for (guint slot = 0; slot < self->n_places; slot++)
    {
      DlPlaceSummary summary = { self->places[slot], self->n_shown[slot], NULL };

      /* a place without a location is listed with its events, never drawn */
      if (summary.n_shown == 0 || !self->located[slot])
        continue;
      summary.actor = dominant_actor (self, slot);
      g_array_append_val (result, summary);
    }
  return result;
}

static void
reset_counts (DlPlaceTally *self)
{
  memset (self->n_shown, 0, (self->n_places + 1) * sizeof (guint));
  memset (self->head, 0xff, (self->n_places + 1) * sizeof (int));
  g_array_set_size (self->pool, 0);
}

static guint
actor_of (DlPlaceTally *self,
          DlActor      *actor)
{
  guint index;

  if (actor == NULL)
    return 0;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->actor_index, actor));
  if (index == 0)
    {
      g_ptr_array_add (self->actors, g_object_ref (actor));
      index = self->actors->len;
      g_hash_table_insert (self->actor_index, actor, GUINT_TO_POINTER (index));
    }
  return index;
}

/* Appends the slots of @event's places to @slots, each once. */
static void
add_slots (DlPlaceTally *self,
           DlEvent      *event,
           GArray       *slots)
{
  guint start = slots->len;

  for (guint j = 0; j < event->places->len; j++)
    {
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->slot_of,
                                                          event->places->pdata[j]));
      gboolean twice = FALSE;

      /* a place not (or no longer) in the story is never shown */
      if (slot == 0)
        continue;
      slot--;
      /* an event naming a place twice counts once there */
      for (guint k = start; k < slots->len && !twice; k++)
        twice = g_array_index (slots, guint, k) == slot;
      if (!twice)
        g_array_append_val (slots, slot);
    }
}

static void
find_unused (DlPlaceTally *self)
{
  g_ptr_array_set_size (self->unused, 0);
  for (guint slot = 0; slot < self->n_places; slot++)
    {
      self->is_unused[slot] = dl_place_get_n_events (self->places[slot]) == 0;
      if (self->is_unused[slot])
        g_ptr_array_add (self->unused, self->places[slot]);
    }
}

/**
 * dl_place_tally_new:
 * @story: a story
 * @events: (element-type DlEvent): the events of @story in its order
 *   (dl_view_state_peek_events()); a reference to the array is kept
 *
 * Returns: (transfer full): the tally of @story's events
 */
DlPlaceTally *
dl_place_tally_new (DlStory   *story,
                    GPtrArray *events)
{
  DlPlaceTally *self;
  GListModel *model;
  g_autoptr(GArray) slots = NULL;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (events != NULL, NULL);

  self = g_new0 (DlPlaceTally, 1);
  self->events = g_ptr_array_ref (events);
  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->slot_of = g_hash_table_new (NULL, NULL);
  self->actor_index = g_hash_table_new (NULL, NULL);
  self->unused = g_ptr_array_new ();
  self->pool = g_array_new (FALSE, FALSE, sizeof (ActorCount));

  model = dl_story_get_places (story);
  self->n_places = g_list_model_get_n_items (model);
  self->places = g_new (DlPlace *, MAX (self->n_places, 1));
  self->located = g_new (guint8, MAX (self->n_places, 1));
  self->is_unused = g_new (guint8, MAX (self->n_places, 1));
  for (guint i = 0; i < self->n_places; i++)
    {
      DlPlace *place = g_list_model_get_item (model, i);

      self->places[i] = place;
      self->located[i] = dl_place_has_location (place);
      g_hash_table_insert (self->slot_of, place, GUINT_TO_POINTER (i + 1));
    }
  find_unused (self);

  self->first = g_new (guint, events->len + 1);
  self->actor_of = g_new (guint, MAX (events->len, 1));
  slots = g_array_sized_new (FALSE, FALSE, sizeof (guint), events->len + events->len / 2);
  for (guint i = 0; i < events->len; i++)
    {
      DlEvent *event = events->pdata[i];

      self->first[i] = slots->len;
      add_slots (self, event, slots);
      self->actor_of[i] = slots->len > self->first[i] ? actor_of (self, event->main_actor) : 0;
    }
  self->first[events->len] = slots->len;
  self->slots = (guint *) g_array_free (g_steal_pointer (&slots), FALSE);

  self->n_shown = g_new (guint, self->n_places + 1);
  self->head = g_new (int, self->n_places + 1);
  return self;
}

void
dl_place_tally_free (DlPlaceTally *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->events, g_ptr_array_unref);
  for (guint i = 0; i < self->n_places; i++)
    g_object_unref (self->places[i]);
  g_free (self->places);
  g_free (self->located);
  g_free (self->is_unused);
  g_free (self->first);
  g_free (self->slots);
  g_free (self->actor_of);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->slot_of, g_hash_table_unref);
  g_clear_pointer (&self->actor_index, g_hash_table_unref);
  g_clear_pointer (&self->unused, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_array_unref);
  g_free (self->n_shown);
  g_free (self->head);
  g_clear_pointer (&self->pool, g_array_unref);
  g_free (self);
}

gboolean
dl_place_tally_is_for (DlPlaceTally *self,
                       GPtrArray    *events)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->events == events;
}

/**
 * dl_place_tally_count:
 * @self: a tally
 * @shown: (element-type DlEvent): some of the events @self was made from, in their order
 *
 * Returns: (transfer full) (nullable): what dl_visible_places_of() gives for @shown, or
 *   %NULL when @shown holds other events or another order
 */
GArray *
dl_place_tally_count (DlPlaceTally *self,
                      GPtrArray    *shown)
{
  GPtrArray *events;
  guint i = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (shown != NULL, NULL);

  events = self->events;
  if (shown->len == events->len
      && (shown == events
          || memcmp (shown->pdata, events->pdata, events->len * sizeof (gpointer)) == 0))
    {
      if (self->all == NULL)
        {
          reset_counts (self);
          for (guint k = 0; k < events->len; k++)
            count_event (self, k);
          self->all = summarise (self);
        }
      return g_array_ref (self->all);
    }

  /* the shown events are found among all by walking both: pointers compared, no event
   * read */
  reset_counts (self);
  for (guint k = 0; k < shown->len; k++, i++)
    {
      gpointer event = shown->pdata[k];

      while (i < events->len && events->pdata[i] != event)
        i++;
      if (i == events->len)
        return NULL;
      count_event (self, i);
    }
  return summarise (self);
}

/**
 * dl_place_tally_update:
 * @self: a tally
 * @events: (element-type DlEvent): events of the array @self was made from that an edit
 *   gave other places or another main actor
 * @places: (element-type DlPlace): places of the story that an edit moved, or that
 *   gained or lost events
 *
 * Takes in an edit that left the story's events and places where they were (no event or
 * place added, removed or moved in time), in proportion to what it touched.
 *
 * Returns: %FALSE when the edit is beyond that (an event now names more places than it
 *   did, or a place or an event is not one @self holds): then make a new tally
 */
gboolean
dl_place_tally_update (DlPlaceTally *self,
                       GPtrArray    *events,
                       GPtrArray    *places)
{
  g_autoptr(GHashTable) touched = NULL;
  g_autoptr(GArray) slots = NULL;
  gboolean unused_changed = FALSE;
  guint found = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (events != NULL && places != NULL, FALSE);

  for (guint i = 0; i < places->len; i++)
    {
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->slot_of, places->pdata[i]));

      if (slot-- == 0)
        return FALSE;
      self->located[slot] = dl_place_has_location (places->pdata[i]);
      unused_changed |= self->is_unused[slot] != (dl_place_get_n_events (places->pdata[i]) == 0);
    }

  /* the touched events found in one pass over all, by their pointers: compared with each
   * when they are few (an edit of one event), looked up when many */
  touched = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < events->len; i++)
    g_hash_table_add (touched, events->pdata[i]);
  slots = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->events->len && found < g_hash_table_size (touched); i++)
    {
      DlEvent *event = self->events->pdata[i];
      guint room = self->first[i + 1] - self->first[i];
      gboolean is_touched = FALSE;

      if (events->len <= 8)
        for (guint k = 0; k < events->len && !is_touched; k++)
          is_touched = events->pdata[k] == (gpointer) event;
      else
        is_touched = g_hash_table_contains (touched, event);
      if (!is_touched)
        continue;
      found++;
      g_array_set_size (slots, 0);
      add_slots (self, event, slots);
      if (slots->len > room)
        return FALSE;
      for (guint k = 0; k < room; k++)
        self->slots[self->first[i] + k] = k < slots->len ? g_array_index (slots, guint, k)
                                                         : self->n_places;
      self->actor_of[i] = slots->len > 0 ? actor_of (self, event->main_actor) : 0;
    }
  if (found < g_hash_table_size (touched))
    return FALSE;

  if (unused_changed)
    find_unused (self);
  g_clear_pointer (&self->all, g_array_unref);
  return TRUE;
}

GPtrArray *
dl_place_tally_peek_unused (DlPlaceTally *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->unused;
}
