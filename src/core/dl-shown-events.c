/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-shown-events"

#include "config.h"

#include <string.h>

#include "dl-event.h"
#include "dl-shown-events.h"

/* More than GTK 4.8's list view keeps rows for (about 200). */
#define SWAP_SPAN 256

struct _DlShownEvents
{
  GObject    parent_instance;

  DlEvent  **items;  /* borrowed: @owner holds them */
  guint      n_items;
  GPtrArray *owner;
  DlShownEventsSwapFunc swap_func;
  gpointer   swap_data;
  /* while the swap function runs: the span replaced, as told (from @first, @n_added new
   * events then @n_removed old), and the part of both that was not changed but borrowed
   * from the events after it (or, with @borrowed_before, before it) */
  guint      first;
  guint      n_added;
  guint      n_removed;
  guint      n_borrowed;
  gboolean   borrowed_before;
};

static GType
get_item_type (GListModel *model)
{
  return DL_TYPE_EVENT;
}

static guint
get_n_items (GListModel *model)
{
  return DL_SHOWN_EVENTS (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DlShownEvents *self = DL_SHOWN_EVENTS (model);

  if (position >= self->n_items)
    return NULL;
  return g_object_ref (self->items[position]);
}

static void
dl_shown_events_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DlShownEvents, dl_shown_events, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dl_shown_events_list_model_init))

static void
dl_shown_events_finalize (GObject *object)
{
  DlShownEvents *self = DL_SHOWN_EVENTS (object);

  g_free (self->items);
  g_clear_pointer (&self->owner, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_shown_events_parent_class)->finalize (object);
}

static void
dl_shown_events_class_init (DlShownEventsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_shown_events_finalize;
}

static void
dl_shown_events_init (DlShownEvents *self)
{
}

DlShownEvents *
dl_shown_events_new (void)
{
  return g_object_new (DL_TYPE_SHOWN_EVENTS, NULL);
}

/**
 * dl_shown_events_set_swap_func:
 * @func: (nullable): called in the middle of each change that takes events out
 *
 * From now on, a change that takes events out is told in two steps: the events that take
 * their place are listed before them (the old ones stay listed, after them), @func is
 * called, and the old ones are taken out. A list view that moves its rows onto the new
 * events in @func gives them new events instead of making new rows: GTK 4.8 drops every
 * row it made for a removed event, and makes new ones for the events in their place,
 * about 200 rows at each change of the filter. When few or no events take their place,
 * some of those after them (or before) are told taken out and listed again, so that there
 * are rows' worth to move onto.
 */
void
dl_shown_events_set_swap_func (DlShownEvents         *self,
                               DlShownEventsSwapFunc  func,
                               gpointer               data)
{
  g_return_if_fail (DL_IS_SHOWN_EVENTS (self));

  self->swap_func = func;
  self->swap_data = data;
}

/**
 * dl_shown_events_swap_target:
 * @position: the position, now, of one of the old events of the span being replaced
 *
 * Only from the swap function: where, among the new events, a list showing the old event
 * at @position moves to. As GTK 4.8 guesses for a removed row: as far into the new events
 * as it was into the old ones.
 *
 * Returns: a position among the new events listed now
 */
guint
dl_shown_events_swap_target (DlShownEvents *self,
                             guint          position)
{
  guint offset, changed_old, changed_new, target;

  g_return_val_if_fail (DL_IS_SHOWN_EVENTS (self), 0);
  g_return_val_if_fail (self->n_added > 0, 0);
  g_return_val_if_fail (position >= self->first + self->n_added, self->first);

  offset = MIN (position - self->first - self->n_added, self->n_removed - 1);
  changed_old = self->n_removed - self->n_borrowed;
  changed_new = self->n_added - self->n_borrowed;
  if (self->borrowed_before)
    target = offset < self->n_borrowed ? offset
             : self->n_borrowed + (guint) ((guint64) (offset - self->n_borrowed) * changed_new
                                           / changed_old);
  else
    target = offset < changed_old ? (guint) ((guint64) offset * changed_new / changed_old)
             : changed_new + offset - changed_old;
  return self->first + MIN (target, self->n_added - 1);
}

/* The items: @n of @events, copied. */
static void
take_items (DlShownEvents  *self,
            DlEvent       **events,
            guint           n)
{
  self->items = n > 0 ? g_memdup2 (events, n * sizeof (DlEvent *)) : NULL;
  self->n_items = n;
}

void
dl_shown_events_set (DlShownEvents *self,
                     GPtrArray     *events,
                     GPtrArray     *owner)
{
  DlEvent **old, **new;
  guint old_n, new_n, prefix = 0, suffix = 0, removed, added, borrowed = 0;
  gboolean before = FALSE;
  g_autoptr(GPtrArray) old_owner = NULL;

  g_return_if_fail (DL_IS_SHOWN_EVENTS (self));

  old = self->items;
  old_n = self->n_items;
  new = events != NULL ? (DlEvent **) events->pdata : NULL;
  new_n = events != NULL ? events->len : 0;
  while (prefix < old_n && prefix < new_n && old[prefix] == new[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix
         && old[old_n - 1 - suffix] == new[new_n - 1 - suffix])
    suffix++;
  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;
  if (removed > 0 && added < SWAP_SPAN && self->swap_func != NULL)
    {
      borrowed = MIN (suffix, SWAP_SPAN - added);
      if (added + borrowed == 0)
        {
          borrowed = MIN (prefix, SWAP_SPAN);
          before = TRUE;
        }
      if (before)
        prefix -= borrowed;
      else
        suffix -= borrowed;
      removed += borrowed;
      added += borrowed;
    }

  /* the old items stay alive until the watchers have been told */
  old_owner = g_steal_pointer (&self->owner);
  self->owner = owner != NULL ? g_ptr_array_ref (owner) : NULL;

  if (removed > 0 && added > 0 && self->swap_func != NULL)
    {
      /* the new span, then the old one: an event in both is listed twice for a moment */
      self->items = g_new (DlEvent *, old_n + added);
      self->n_items = old_n + added;
      memcpy (self->items, new, (prefix + added) * sizeof (DlEvent *));
      memcpy (self->items + prefix + added, old + prefix,
              (removed + suffix) * sizeof (DlEvent *));
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
      self->first = prefix;
      self->n_added = added;
      self->n_removed = removed;
      self->n_borrowed = borrowed;
      self->borrowed_before = before;
      self->swap_func (self, prefix, added, removed, self->swap_data);
      self->n_added = self->n_removed = 0;
      g_free (self->items);
      take_items (self, new, new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix + added, removed, 0);
    }
  else
    {
      take_items (self, new, new_n);
      if (removed > 0 || added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }
  g_free (old);
}

/**
 * dl_shown_events_peek:
 * @n_items: (out): how many
 *
 * Returns: (transfer none) (array length=n_items): the items, as they are listed now
 */
DlEvent * const *
dl_shown_events_peek (DlShownEvents *self,
                      guint         *n_items)
{
  g_return_val_if_fail (DL_IS_SHOWN_EVENTS (self), NULL);

  *n_items = self->n_items;
  return self->items;
}
