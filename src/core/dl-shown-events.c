/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-shown-events"

#include "config.h"

#include <string.h>

#include "dl-event.h"
#include "dl-shown-events.h"

struct _DlShownEvents
{
  GObject    parent_instance;

  DlEvent  **items;  /* borrowed: @owner holds them */
  guint      n_items;
  GPtrArray *owner;
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

void
dl_shown_events_set (DlShownEvents *self,
                     GPtrArray     *events,
                     GPtrArray     *owner)
{
  DlEvent **old;
  guint old_n, new_n, prefix = 0, suffix = 0;

  g_return_if_fail (DL_IS_SHOWN_EVENTS (self));

  old = self->items;
  old_n = self->n_items;
  new_n = events != NULL ? events->len : 0;
  self->items = new_n > 0 ? g_memdup2 (events->pdata, new_n * sizeof (DlEvent *)) : NULL;
  self->n_items = new_n;
  /* the old items stay alive until the watchers have been told */
  if (owner != NULL)
    g_ptr_array_ref (owner);

  while (prefix < old_n && prefix < new_n && old[prefix] == self->items[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix
         && old[old_n - 1 - suffix] == self->items[new_n - 1 - suffix])
    suffix++;
  g_free (old);

  if (prefix + suffix < old_n || prefix + suffix < new_n)
    {
      GPtrArray *old_owner = g_steal_pointer (&self->owner);

      self->owner = owner;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                                  new_n - prefix - suffix);
      g_clear_pointer (&old_owner, g_ptr_array_unref);
    }
  else
    {
      g_clear_pointer (&self->owner, g_ptr_array_unref);
      self->owner = owner;
    }
}
