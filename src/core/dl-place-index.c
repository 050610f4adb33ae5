/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-index"

#include "config.h"

#include "dl-event-private.h"
#include "dl-place-index.h"

struct _DlPlaceIndex
{
  DlStory    *story;
  GHashTable *at_place;  /* DlPlace (owned) → GPtrArray of DlEvent (owned) */
  GHashTable *unsorted;  /* DlPlace whose list may hold strays, twins or be out of order */
};

/* The story's order: time, then the order of the file (dl-story-edit.c). */
static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  DlEvent *x = *(DlEvent * const *) a, *y = *(DlEvent * const *) b;
  int cmp = dl_time_compare (dl_event_get_start (x), dl_event_get_start (y));

  if (cmp != 0)
    return cmp;
  return (x->index > y->index) - (x->index < y->index);
}

static GPtrArray *
list_for (DlPlaceIndex *self,
          DlPlace      *place)
{
  GPtrArray *list = g_hash_table_lookup (self->at_place, place);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->at_place, g_object_ref (place), list);
    }
  return list;
}

/**
 * dl_place_index_new:
 * @story: a story
 *
 * Returns: (transfer full): the events of each place of @story.
 */
DlPlaceIndex *
dl_place_index_new (DlStory *story)
{
  DlPlaceIndex *self;
  GListModel *events;
  guint n;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  self = g_new0 (DlPlaceIndex, 1);
  self->story = g_object_ref (story);
  self->at_place = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->unsorted = g_hash_table_new (NULL, NULL);

  events = dl_story_get_events (story);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      for (guint j = 0; j < dl_event_get_n_places (event); j++)
        {
          GPtrArray *list = list_for (self, dl_event_get_place (event, j, NULL));

          /* an event naming a place twice counts once */
          if (list->len == 0 || list->pdata[list->len - 1] != event)
            g_ptr_array_add (list, g_object_ref (event));
        }
    }
  return self;
}

void
dl_place_index_free (DlPlaceIndex *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->story);
  g_clear_pointer (&self->at_place, g_hash_table_unref);
  g_clear_pointer (&self->unsorted, g_hash_table_unref);
  g_free (self);
}

void
dl_place_index_touch_events (DlPlaceIndex *self,
                             GPtrArray    *events)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (events != NULL);

  for (guint i = 0; i < events->len; i++)
    {
      DlEvent *event = events->pdata[i];

      /* one that left the story is dropped from its places' lists when they are read */
      if (dl_event_get_story (event) != self->story)
        continue;
      for (guint j = 0; j < dl_event_get_n_places (event); j++)
        {
          DlPlace *place = dl_event_get_place (event, j, NULL);

          g_ptr_array_add (list_for (self, place), g_object_ref (event));
          g_hash_table_add (self->unsorted, place);
        }
    }
}

void
dl_place_index_touch_place (DlPlaceIndex *self,
                            DlPlace      *place)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (DL_IS_PLACE (place));

  if (g_hash_table_contains (self->at_place, place))
    g_hash_table_add (self->unsorted, place);
}

GPtrArray *
dl_place_index_get_events (DlPlaceIndex *self,
                           DlPlace      *place)
{
  GPtrArray *list;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);

  list = list_for (self, place);
  if (g_hash_table_remove (self->unsorted, place))
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      GPtrArray *fresh = g_ptr_array_new_full (list->len, g_object_unref);

      /* strays (gone from the story or from this place) and twins out, then in order */
      for (guint i = 0; i < list->len; i++)
        {
          DlEvent *event = list->pdata[i];

          if (dl_event_get_story (event) == self->story && dl_event_has_place (event, place)
              && g_hash_table_add (seen, event))
            g_ptr_array_add (fresh, g_object_ref (event));
        }
      g_ptr_array_sort (fresh, compare_events);
      g_hash_table_insert (self->at_place, g_object_ref (place), fresh);
      list = fresh;
    }
  return list;
}
