/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-view-state"

#include "config.h"

#include "dl-event-private.h"
#include "dl-geojson-lenient.h"
#include "dl-place-index.h"
#include "dl-view-state.h"

struct _DlViewState
{
  GObject    parent_instance;

  DlStory   *story;
  DlFilter  *filter;
  GPtrArray *selected;  /* DlEvent, time order */
  DlPlace   *selected_place;
  GPtrArray *shown_now;  /* DlEvent, borrowed: while "filter-changed" is emitted */
  GPtrArray *events;     /* DlEvent: the story's, in its order; NULL until asked for */
  gulong     events_changed_id;
  guint      fold_id;    /* folds the events' text ahead of a first search */
  guint      fold_next;  /* the next event it folds, in story order */
};

/* Events whose text is folded per idle slice: about 5 ms. */
#define FOLD_SLICE 2000

G_DEFINE_FINAL_TYPE (DlViewState, dl_view_state, G_TYPE_OBJECT)

enum {
  STORY_CHANGED,
  FILTER_CHANGED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
story_events_changed_cb (GListModel  *model,
                         guint        position,
                         guint        removed,
                         guint        added,
                         DlViewState *self)
{
  g_clear_pointer (&self->events, g_ptr_array_unref);
}

/* The story's events in its order, as a plain array: a filter change walks them all,
 * and a list model's items cost a reference and a look-up each. */
static GPtrArray *
story_events (DlViewState *self)
{
  GListModel *model;
  guint n;

  model = dl_story_get_events (self->story);
  n = g_list_model_get_n_items (model);
  /* dropped at each change of the story's events; the count guards a look-up made while
   * the store tells its other watchers first */
  if (self->events != NULL && self->events->len == n)
    return self->events;
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->events, g_list_model_get_item (model, i));
  return self->events;
}

static void
watch_story_events (DlViewState *self,
                    DlStory     *story)
{
  if (self->events_changed_id != 0)
    g_signal_handler_disconnect (dl_story_get_events (self->story), self->events_changed_id);
  self->events_changed_id = 0;
  g_clear_pointer (&self->events, g_ptr_array_unref);
  if (story != NULL)
    self->events_changed_id = g_signal_connect (dl_story_get_events (story), "items-changed",
                                                G_CALLBACK (story_events_changed_cb), self);
}

/* A first search folds the text of every event: a quarter of a second at 100,000. It is
 * done ahead, a slice at a time, while the window has nothing else to do. */
static gboolean
fold_ahead_cb (gpointer data)
{
  DlViewState *self = data;
  GPtrArray *events = story_events (self);
  guint end = MIN (self->fold_next + FOLD_SLICE, events->len);

  for (; self->fold_next < end; self->fold_next++)
    dl_event_get_folded_text (events->pdata[self->fold_next]);
  if (self->fold_next < events->len)
    return G_SOURCE_CONTINUE;
  self->fold_id = 0;
  return G_SOURCE_REMOVE;
}

static void
fold_ahead (DlViewState *self)
{
  g_clear_handle_id (&self->fold_id, g_source_remove);
  self->fold_next = 0;
  if (self->story != NULL)
    self->fold_id = g_idle_add_full (G_PRIORITY_LOW, fold_ahead_cb, self, NULL);
}

/* dl_shown_events_at() over the story's events as a plain array: no reference taken or
 * dropped per event, and each event's first places read from the event itself. */
static GPtrArray *
shown_at (DlViewState *self,
          DlPlace     *place)
{
  GPtrArray *events = story_events (self);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      DlEvent *event = events->pdata[i];

      if (dl_event_names_place (event, place) && dl_filter_match (self->filter, event))
        g_ptr_array_add (result, event);
    }
  return result;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const DlTextRange *ra = a;
  const DlTextRange *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return (ra->end > rb->end) - (ra->end < rb->end);
}

/* The events of the story, in its time order, that are in @events. */
static GPtrArray *
story_ordered (DlViewState *self,
               GPtrArray   *events)
{
  GPtrArray *all = story_events (self);
  GPtrArray *ordered = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);

  /* A set, not a search of @events per story event: selecting thousands of events must
   * not cost their number times the story's. */
  for (guint i = 0; i < events->len; i++)
    g_hash_table_add (wanted, events->pdata[i]);
  for (guint i = 0; i < all->len && g_hash_table_size (wanted) > 0; i++)
    {
      DlEvent *event = all->pdata[i];

      if (g_hash_table_contains (wanted, event) && dl_view_state_is_shown (self, event))
        g_ptr_array_add (ordered, g_object_ref (event));
    }
  return ordered;
}

static gboolean
same_events (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

/* Takes @events (time order, shown only) as the selection. */
static void
set_selection (DlViewState *self,
               GPtrArray   *events,
               DlPlace     *place)
{
  g_autoptr(GPtrArray) owned = events;

  if (same_events (self->selected, owned) && self->selected_place == place)
    return;

  g_clear_pointer (&self->selected, g_ptr_array_unref);
  self->selected = g_steal_pointer (&owned);
  g_set_object (&self->selected_place, place);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
filter_changed_cb (DlFilter    *filter,
                   DlViewState *self)
{
  g_autoptr(GPtrArray) kept = NULL;
  DlPlace *place = self->selected_place;
  gboolean changed = FALSE;

  g_assert (DL_IS_VIEW_STATE (self));

  if (self->story == NULL)
    {
      g_signal_emit (self, signals[FILTER_CHANGED], 0);
      return;
    }

  kept = story_ordered (self, self->selected);
  if (place != NULL)
    {
      g_autoptr(GPtrArray) at_place = shown_at (self, place);

      /* A selected place stays selected while it has shown events; they are its
       * selection. */
      if (at_place->len == 0)
        place = NULL;
      else
        {
          g_clear_pointer (&kept, g_ptr_array_unref);
          kept = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint i = 0; i < at_place->len; i++)
            g_ptr_array_add (kept, g_object_ref (at_place->pdata[i]));
        }
    }
  changed = !same_events (kept, self->selected) || place != self->selected_place;

  if (changed)
    {
      g_clear_pointer (&self->selected, g_ptr_array_unref);
      self->selected = g_steal_pointer (&kept);
      g_set_object (&self->selected_place, place);
    }
  /* the list, the map, the article and the timeline each want the shown events: one pass
   * over the story finds them for all */
  {
    g_autoptr(GPtrArray) shown = dl_view_state_dup_shown (self);

    self->shown_now = shown;
    g_signal_emit (self, signals[FILTER_CHANGED], 0);
    self->shown_now = NULL;
  }
  if (changed)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
dl_view_state_dispose (GObject *object)
{
  DlViewState *self = DL_VIEW_STATE (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  if (self->story != NULL)
    watch_story_events (self, NULL);
  g_clear_handle_id (&self->fold_id, g_source_remove);
  g_clear_object (&self->filter);
  g_clear_object (&self->story);
  g_clear_object (&self->selected_place);
  g_clear_pointer (&self->selected, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_view_state_parent_class)->dispose (object);
}

static void
dl_view_state_class_init (DlViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_view_state_dispose;

  signals[STORY_CHANGED] =
    g_signal_new ("story-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dl_view_state_init (DlViewState *self)
{
  self->filter = dl_filter_new ();
  self->selected = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (self->filter, "changed", G_CALLBACK (filter_changed_cb), self);
}

/**
 * dl_view_state_new:
 *
 * Returns: (transfer full): a state with no story, an empty filter and no selection.
 */
DlViewState *
dl_view_state_new (void)
{
  return g_object_new (DL_TYPE_VIEW_STATE, NULL);
}

/**
 * dl_view_state_set_story:
 *
 * Shows @story (or nothing, when NULL): the selection is cleared and the filter reset.
 */
void
dl_view_state_set_story (DlViewState *self,
                         DlStory     *story)
{
  gboolean had_selection;

  g_return_if_fail (DL_IS_VIEW_STATE (self));
  g_return_if_fail (story == NULL || DL_IS_STORY (story));

  if (self->story == story)
    return;

  had_selection = self->selected->len > 0 || self->selected_place != NULL;
  watch_story_events (self, story);
  g_set_object (&self->story, story);
  g_ptr_array_set_size (self->selected, 0);
  g_clear_object (&self->selected_place);

  /* The old story's actors mean nothing for the new one. */
  g_signal_handlers_block_by_func (self->filter, filter_changed_cb, self);
  dl_filter_reset (self->filter);
  g_signal_handlers_unblock_by_func (self->filter, filter_changed_cb, self);
  fold_ahead (self);

  g_signal_emit (self, signals[STORY_CHANGED], 0);
  if (had_selection)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

DlStory *
dl_view_state_get_story (DlViewState *self)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  return self->story;
}

/**
 * dl_view_state_get_filter:
 *
 * Returns: (transfer none): the filter; change it directly, the state follows.
 */
DlFilter *
dl_view_state_get_filter (DlViewState *self)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  return self->filter;
}

gboolean
dl_view_state_is_shown (DlViewState *self,
                        DlEvent     *event)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), FALSE);
  g_return_val_if_fail (DL_IS_EVENT (event), FALSE);

  return dl_filter_match (self->filter, event);
}

guint
dl_view_state_get_n_shown (DlViewState *self)
{
  GPtrArray *events;
  guint shown = 0;

  g_return_val_if_fail (DL_IS_VIEW_STATE (self), 0);

  if (self->story == NULL)
    return 0;

  events = story_events (self);
  for (guint i = 0; i < events->len; i++)
    if (dl_filter_match (self->filter, events->pdata[i]))
      shown++;
  return shown;
}

GPtrArray *
dl_view_state_peek_shown (DlViewState *self)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  return self->shown_now;
}

GPtrArray *
dl_view_state_peek_events (DlViewState *self)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  return self->story != NULL ? story_events (self) : NULL;
}

GPtrArray *
dl_view_state_dup_shown (DlViewState *self)
{
  GPtrArray *events, *shown;

  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  if (self->story == NULL)
    return g_ptr_array_new ();
  events = story_events (self);
  if (!dl_filter_is_active (self->filter))
    return g_ptr_array_ref (events);
  shown = g_ptr_array_sized_new (events->len);
  dl_filter_select (self->filter, (DlEvent * const *) events->pdata, events->len, shown);
  return shown;
}

/**
 * dl_view_state_select_events:
 * @events: (nullable) (element-type DlEvent): the events to select
 *
 * Selects the shown ones of @events and no place.
 */
void
dl_view_state_select_events (DlViewState *self,
                             GPtrArray   *events)
{
  g_autoptr(GPtrArray) empty = NULL;

  g_return_if_fail (DL_IS_VIEW_STATE (self));

  if (self->story == NULL)
    return;
  if (events == NULL)
    events = empty = g_ptr_array_new ();

  set_selection (self, story_ordered (self, events), NULL);
}

void
dl_view_state_select_event (DlViewState *self,
                            DlEvent     *event)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();

  g_return_if_fail (DL_IS_VIEW_STATE (self));
  g_return_if_fail (event == NULL || DL_IS_EVENT (event));

  if (event != NULL)
    g_ptr_array_add (events, event);
  dl_view_state_select_events (self, events);
}

/**
 * dl_view_state_select_place:
 *
 * Selects @place and its shown events; a place with no shown event clears the selection.
 */
void
dl_view_state_select_place (DlViewState *self,
                            DlPlace     *place)
{
  g_autoptr(GPtrArray) at_place = NULL;
  GPtrArray *owned;

  g_return_if_fail (DL_IS_VIEW_STATE (self));
  g_return_if_fail (place == NULL || DL_IS_PLACE (place));

  if (self->story == NULL)
    return;
  if (place == NULL)
    {
      dl_view_state_clear_selection (self);
      return;
    }

  at_place = shown_at (self, place);
  if (at_place->len == 0)
    {
      dl_view_state_clear_selection (self);
      return;
    }
  owned = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < at_place->len; i++)
    g_ptr_array_add (owned, g_object_ref (at_place->pdata[i]));
  set_selection (self, owned, place);
}

void
dl_view_state_clear_selection (DlViewState *self)
{
  g_return_if_fail (DL_IS_VIEW_STATE (self));

  set_selection (self, g_ptr_array_new_with_free_func (g_object_unref), NULL);
}

/**
 * dl_view_state_get_selected_events:
 *
 * Returns: (transfer none) (element-type DlEvent): the selected events, time order
 */
GPtrArray *
dl_view_state_get_selected_events (DlViewState *self)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  return self->selected;
}

DlPlace *
dl_view_state_get_selected_place (DlViewState *self)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), NULL);

  return self->selected_place;
}

gboolean
dl_view_state_is_selected (DlViewState *self,
                           DlEvent     *event)
{
  g_return_val_if_fail (DL_IS_VIEW_STATE (self), FALSE);

  return g_ptr_array_find (self->selected, event, NULL);
}

/**
 * dl_passage_ranges_for_events:
 * @events: (element-type DlEvent): events
 *
 * Returns: (transfer full) (element-type DlTextRange): the ranges of their passages,
 *   sorted by start, overlapping or touching ones merged
 */
GArray *
dl_passage_ranges_for_events (GPtrArray *events)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (DlTextRange));
  guint out = 0;

  g_return_val_if_fail (events != NULL, ranges);

  for (guint i = 0; i < events->len; i++)
    {
      DlEvent *event = events->pdata[i];
      guint n = dl_event_get_n_passages (event);

      for (guint j = 0; j < n; j++)
        {
          const DlPassage *passage = dl_event_get_passage (event, j);
          DlTextRange range = { passage->start, passage->end };

          if (range.end > range.start)
            g_array_append_val (ranges, range);
        }
    }
  g_array_sort (ranges, compare_ranges);

  for (guint i = 0; i < ranges->len; i++)
    {
      DlTextRange *r = &g_array_index (ranges, DlTextRange, i);
      DlTextRange *last = out > 0 ? &g_array_index (ranges, DlTextRange, out - 1) : NULL;

      if (last != NULL && r->start <= last->end)
        last->end = MAX (last->end, r->end);
      else
        g_array_index (ranges, DlTextRange, out++) = *r;
    }
  g_array_set_size (ranges, out);
  return ranges;
}

/**
 * dl_shown_events_at:
 * @filter: (nullable): the filter, or NULL for every event
 *
 * Returns: (transfer container) (element-type DlEvent): the events at @place @filter
 *   shows, in time order
 */
GPtrArray *
dl_shown_events_at (DlStory  *story,
                    DlFilter *filter,
                    DlPlace  *place)
{
  GPtrArray *result = g_ptr_array_new ();
  GListModel *events;
  guint n;

  g_return_val_if_fail (DL_IS_STORY (story), result);
  g_return_val_if_fail (DL_IS_PLACE (place), result);

  events = dl_story_get_events (story);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (dl_event_names_place (event, place)
          && (filter == NULL || dl_filter_match (filter, event)))
        g_ptr_array_add (result, event);
    }
  return result;
}

/* The actor giving the colour to a set of events: the main actor of most of them, the
 * earliest one's on a tie. */
static DlActor *
dominant_actor (GPtrArray *events)
{
  g_autoptr(GHashTable) counts = NULL;
  DlActor *best = NULL;
  guint best_count = 0;

  if (events->len == 1)
    return dl_event_get_main_actor (events->pdata[0]);

  /* Counted once each (a place may have thousands of events); then the earliest event
   * whose actor has the highest count wins, as in a strict "more than" scan. */
  counts = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < events->len; i++)
    {
      DlActor *actor = dl_event_get_main_actor (events->pdata[i]);
      guint count;

      if (actor == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, actor));
      g_hash_table_insert (counts, actor, GUINT_TO_POINTER (count + 1));
    }
  for (guint i = 0; i < events->len; i++)
    {
      DlActor *actor = dl_event_get_main_actor (events->pdata[i]);
      guint count;

      if (actor == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, actor));
      if (count > best_count)
        {
          best = actor;
          best_count = count;
        }
    }
  return best;
}

/* What a place's shown events add up to, counted as they come (story order): how many,
 * and how many of them each main actor has, actors in the order they first came. */
typedef struct
{
  DlEvent *last;      /* the last event counted: one naming the place twice counts once */
  guint    n_shown;
  GArray  *counts;    /* of ActorCount, made at the first event with an actor */
} PlaceCount;

typedef struct
{
  DlActor *actor;
  guint    count;
} ActorCount;

static void
place_count_free (gpointer data)
{
  PlaceCount *count = data;

  g_clear_pointer (&count->counts, g_array_unref);
  g_free (count);
}

/* @event, with @actor its main actor, counts at @place. */
static void
count_at_place (GHashTable *at_place,
                DlPlace    *place,
                DlEvent    *event,
                DlActor    *actor)
{
  PlaceCount *count = g_hash_table_lookup (at_place, place);
  guint i;

  if (count == NULL)
    {
      count = g_new0 (PlaceCount, 1);
      g_hash_table_insert (at_place, place, count);
    }
  if (count->last == event)
    return;
  count->last = event;
  count->n_shown++;
  if (actor == NULL)
    return;
  if (count->counts == NULL)
    count->counts = g_array_sized_new (FALSE, FALSE, sizeof (ActorCount), 2);
  /* a story has few actors: a short scan */
  for (i = 0; i < count->counts->len; i++)
    if (g_array_index (count->counts, ActorCount, i).actor == actor)
      break;
  if (i == count->counts->len)
    {
      ActorCount first = { actor, 0 };

      g_array_append_val (count->counts, first);
    }
  g_array_index (count->counts, ActorCount, i).count++;
}

/* @event's places count it in @at_place (place → PlaceCount). */
static void
gather_at_places (GHashTable *at_place,
                  DlEvent    *event)
{
  guint n = dl_event_get_n_places (event);
  DlActor *actor = n > 0 ? dl_event_get_main_actor (event) : NULL;

  for (guint j = 0; j < n; j++)
    count_at_place (at_place, dl_event_get_place (event, j, NULL), event, actor);
}

/* The actor with most events, the one that came first on a tie: what dominant_actor()
 * gives for the same events. */
static DlActor *
counted_actor (const PlaceCount *count)
{
  DlActor *best = NULL;
  guint best_count = 0;

  for (guint i = 0; count->counts != NULL && i < count->counts->len; i++)
    {
      const ActorCount *c = &g_array_index (count->counts, ActorCount, i);

      if (c->count > best_count)
        {
          best = c->actor;
          best_count = c->count;
        }
    }
  return best;
}

/* The places of @at_place with a location, in story order, summarised. */
static GArray *
summarise_places (DlStory    *story,
                  GHashTable *at_place)
{
  GArray *result = g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary));
  GListModel *places = dl_story_get_places (story);
  guint n = g_list_model_get_n_items (places);
  guint left = g_hash_table_size (at_place);

  for (guint i = 0; i < n && left > 0; i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      PlaceCount *count = g_hash_table_lookup (at_place, place);
      DlPlaceSummary summary = { place, 0, NULL };

      if (count == NULL)
        continue;
      left--;
      /* a place without a location is listed with its events, never drawn */
      if (!dl_place_has_location (place))
        continue;
      summary.n_shown = count->n_shown;
      summary.actor = counted_actor (count);
      g_array_append_val (result, summary);
    }
  return result;
}

/**
 * dl_visible_places:
 * @filter: (nullable): the filter, or NULL for every event
 *
 * Returns: (transfer full) (element-type DlPlaceSummary): the places with at least one
 *   shown event, in story order, with their number of shown events and main actor
 */
GArray *
dl_visible_places (DlStory  *story,
                   DlFilter *filter)
{
  g_autoptr(GHashTable) at_place = NULL;
  GListModel *events;
  guint n;

  g_return_val_if_fail (DL_IS_STORY (story), g_array_new (FALSE, TRUE,
                                                          sizeof (DlPlaceSummary)));

  /* One pass over the events, gathering them by place (time order kept), rather than a
   * pass over every event for every place: that was places × events, hours for a file
   * with many of both. */
  at_place = g_hash_table_new_full (NULL, NULL, NULL, place_count_free);
  events = dl_story_get_events (story);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      if (filter == NULL || dl_filter_match (filter, event))
        gather_at_places (at_place, event);
    }
  return summarise_places (story, at_place);
}

/**
 * dl_visible_places_of:
 * @shown: (element-type DlEvent): the shown events of @story, in story order
 *
 * Returns: (transfer full) (element-type DlPlaceSummary): what dl_visible_places() gives
 *   for a filter showing just @shown
 */
GArray *
dl_visible_places_of (DlStory   *story,
                      GPtrArray *shown)
{
  g_autoptr(GHashTable) at_place = NULL;

  g_return_val_if_fail (DL_IS_STORY (story), g_array_new (FALSE, TRUE,
                                                          sizeof (DlPlaceSummary)));
  g_return_val_if_fail (shown != NULL, g_array_new (FALSE, TRUE, sizeof (DlPlaceSummary)));

  at_place = g_hash_table_new_full (NULL, NULL, NULL, place_count_free);
  for (guint i = 0; i < shown->len; i++)
    gather_at_places (at_place, shown->pdata[i]);
  return summarise_places (story, at_place);
}

/**
 * dl_place_summaries:
 * @story: a story
 * @filter: (nullable): what is shown, or %NULL for every event
 * @places: (element-type DlPlace): places of @story
 * @index: (nullable): the events of each place of @story, or %NULL
 *
 * Summarises just @places as dl_visible_places() would: from @index, in proportion to
 * the events at @places; without it, with one pass over the events.
 *
 * Returns: (transfer full): an array of #DlPlaceSummary, one per place of @places in
 *   that order; a place without shown events has n_shown 0 and no actor.
 */
GArray *
dl_place_summaries (DlStory      *story,
                    DlFilter     *filter,
                    GPtrArray    *places,
                    DlPlaceIndex *index)
{
  GArray *result = g_array_sized_new (FALSE, TRUE, sizeof (DlPlaceSummary), places->len);
  g_autoptr(GHashTable) at_place = NULL;

  g_return_val_if_fail (DL_IS_STORY (story), result);

  at_place = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < places->len; i++)
    g_hash_table_insert (at_place, places->pdata[i], g_ptr_array_new ());

  if (index != NULL)
    for (guint i = 0; i < places->len; i++)
      {
        GPtrArray *events = dl_place_index_get_events (index, places->pdata[i]);
        GPtrArray *shown = g_hash_table_lookup (at_place, places->pdata[i]);

        for (guint j = 0; j < events->len; j++)
          if (filter == NULL || dl_filter_match (filter, events->pdata[j]))
            g_ptr_array_add (shown, events->pdata[j]);
      }
  else
    {
      GListModel *events = dl_story_get_events (story);
      guint n = g_list_model_get_n_items (events);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DlEvent) event = g_list_model_get_item (events, i);
          gboolean matched = FALSE, match = FALSE;

          for (guint j = 0; j < dl_event_get_n_places (event); j++)
            {
              GPtrArray *shown = g_hash_table_lookup (at_place,
                                                      dl_event_get_place (event, j, NULL));

              if (shown == NULL)
                continue;
              /* the filter only for the events at these places: a search costs */
              if (!matched)
                {
                  match = filter == NULL || dl_filter_match (filter, event);
                  matched = TRUE;
                }
              if (match && (shown->len == 0 || shown->pdata[shown->len - 1] != event))
                g_ptr_array_add (shown, event);
            }
        }
    }

  for (guint i = 0; i < places->len; i++)
    {
      GPtrArray *shown = g_hash_table_lookup (at_place, places->pdata[i]);
      DlPlaceSummary summary = { places->pdata[i], shown->len, NULL };

      if (shown->len > 0)
        summary.actor = dominant_actor (shown);
      g_array_append_val (result, summary);
    }
  return result;
}

/**
 * dl_places_get_bounds:
 * @places: (element-type DlPlace): places
 *
 * Returns: FALSE when @places is empty
 */
gboolean
dl_places_get_bounds (GPtrArray *places,
                      DlLonLat  *south_west,
                      DlLonLat  *north_east)
{
  DlLonLat sw = { G_MAXDOUBLE, G_MAXDOUBLE };
  DlLonLat ne = { -G_MAXDOUBLE, -G_MAXDOUBLE };

  g_return_val_if_fail (places != NULL, FALSE);

  for (guint i = 0; i < places->len; i++)
    {
      DlLonLat psw, pne;

      if (!dl_place_has_location (places->pdata[i]))
        continue;
      dl_place_get_bounds (places->pdata[i], &psw, &pne);
      sw.lat = MIN (sw.lat, psw.lat);
      ne.lat = MAX (ne.lat, pne.lat);
    }
  /* across 180° when that is narrower: ne.lon is then past 180 */
  if (!dl_places_lon_range (places, &sw.lon, &ne.lon))
    return FALSE;
  *south_west = sw;
  *north_east = ne;
  return TRUE;
}

/**
 * dl_visible_bounds:
 * @filter: (nullable): the filter, or NULL for every event
 *
 * Returns: FALSE when no place has a shown event
 */
gboolean
dl_visible_bounds (DlStory  *story,
                   DlFilter *filter,
                   DlLonLat *south_west,
                   DlLonLat *north_east)
{
  g_autoptr(GArray) visible = NULL;
  g_autoptr(GPtrArray) places = g_ptr_array_new ();

  g_return_val_if_fail (DL_IS_STORY (story), FALSE);

  visible = dl_visible_places (story, filter);
  for (guint i = 0; i < visible->len; i++)
    g_ptr_array_add (places, g_array_index (visible, DlPlaceSummary, i).place);
  return dl_places_get_bounds (places, south_west, north_east);
}

/**
 * dl_pick_passage:
 * @passages: (element-type DlPassage): the passages under the pointer
 *
 * Returns: (nullable): the innermost (shortest) passage, the first of equal ones
 */
const DlPassage *
dl_pick_passage (GPtrArray *passages)
{
  const DlPassage *best = NULL;

  g_return_val_if_fail (passages != NULL, NULL);

  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *p = passages->pdata[i];

      if (best == NULL || p->end - p->start < best->end - best->start)
        best = p;
    }
  return best;
}
