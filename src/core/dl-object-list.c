/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-object-list"

#include "config.h"

#include "dl-object-list.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Fewer objects than this are let go of in the caller's thread. */
#define UNREF_IN_THREAD_MIN 10000

struct _DlObjectList
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static void dl_object_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlObjectList, dl_object_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dl_object_list_model_init))

static GType
dl_object_list_get_item_type (GListModel *model)
{
  return DL_OBJECT_LIST (model)->item_type;
}

static guint
dl_object_list_get_n_items (GListModel *model)
{
  return DL_OBJECT_LIST (model)->items->len;
}

static gpointer
dl_object_list_get_item (GListModel *model,
                         guint       position)
{
  DlObjectList *self = DL_OBJECT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
dl_object_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_object_list_get_item_type;
  iface->get_n_items = dl_object_list_get_n_items;
  iface->get_item = dl_object_list_get_item;
}

static void
dl_object_list_finalize (GObject *object)
{
  DlObjectList *self = DL_OBJECT_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (dl_object_list_parent_class)->finalize (object);
}

static void
dl_object_list_class_init (DlObjectListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_object_list_finalize;
}

static void
dl_object_list_init (DlObjectList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * dl_object_list_new:
 * @item_type: the type of every item (a GObject type)
 *
 * Returns: (transfer full): a new empty list.
 */
DlObjectList *
dl_object_list_new (GType item_type)
{
  DlObjectList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (DL_TYPE_OBJECT_LIST, NULL);
  self->item_type = item_type;
  return self;
}

/**
 * dl_object_list_splice:
 * @self: a list
 * @position: where to remove and insert, at most the number of items
 * @n_removals: how many items to remove there
 * @additions: (array length=n_additions) (nullable): the items to insert
 * @n_additions: how many
 *
 * Replaces @n_removals items at @position by @additions, with one items-changed.
 */
void
dl_object_list_splice (DlObjectList *self,
                       guint         position,
                       guint         n_removals,
                       gpointer     *additions,
                       guint         n_additions)
{
  g_return_if_fail (DL_IS_OBJECT_LIST (self));
  g_return_if_fail (position <= self->items->len);
  g_return_if_fail (n_removals <= self->items->len - position);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);
  for (guint i = 0; i < n_additions; i++)
    {
      g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (additions[i], self->item_type));
      g_ptr_array_insert (self->items, position + i, g_object_ref (additions[i]));
    }
  if (n_removals > 0 || n_additions > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

/**
 * dl_object_list_take:
 * @self: a list
 * @items: (transfer full): items to append, its references taken over
 *
 * Appends @items with one items-changed and frees the array.
 */
void
dl_object_list_take (DlObjectList *self,
                     GPtrArray    *items)
{
  guint position;
  guint n;

  g_return_if_fail (DL_IS_OBJECT_LIST (self));
  g_return_if_fail (items != NULL);

  position = self->items->len;
  n = items->len;
  g_ptr_array_set_free_func (items, NULL);
  if (position == 0)
    {
      /* the array itself, not a copy of it */
      g_ptr_array_unref (self->items);
      self->items = items;
      g_ptr_array_set_free_func (items, g_object_unref);
    }
  else
    {
      g_ptr_array_extend_and_steal (self->items, items);
    }
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
}

/**
 * dl_object_list_find:
 * @self: a list
 * @item: an object
 * @position: (out) (optional): where it is
 *
 * Returns: whether @item is in the list.
 */
gboolean
dl_object_list_find (DlObjectList *self,
                     gpointer      item,
                     guint        *position)
{
  g_return_val_if_fail (DL_IS_OBJECT_LIST (self), FALSE);
  return g_ptr_array_find (self->items, item, position);
}

/**
 * dl_object_list_peek:
 * @self: a list
 * @n_items: (out): how many items
 *
 * Returns: (transfer none) (array length=n_items): the items, valid until the list
 *   changes.
 */
gpointer *
dl_object_list_peek (DlObjectList *self,
                     guint        *n_items)
{
  g_return_val_if_fail (DL_IS_OBJECT_LIST (self), NULL);
  g_return_val_if_fail (n_items != NULL, NULL);

  *n_items = self->items->len;
  return self->items->pdata;
}

typedef struct
{
  gpointer *objects;
  guint     n_objects;
} UnrefJob;

static gpointer
unref_thread (gpointer data)
{
  UnrefJob *job = data;

  for (guint i = 0; i < job->n_objects; i++)
    g_object_unref (job->objects[i]);
  g_free (job->objects);
  g_free (job);
#ifdef __GLIBC__
  /* the pages of a million small blocks go back to the system */
  malloc_trim (0);
#endif
  return NULL;
}

/**
 * dl_objects_unref_in_thread:
 * @objects: (transfer full) (array length=n_objects): references to objects, in an array
 *   from g_malloc()
 * @n_objects: how many
 *
 * Drops the references and frees the array: in a worker thread when there are many, so
 * that objects whose last reference this is are finalized there.
 */
void
dl_objects_unref_in_thread (gpointer *objects,
                            guint     n_objects)
{
  UnrefJob *job;
  g_autoptr(GThread) thread = NULL;

  if (objects == NULL)
    return;
  job = g_new (UnrefJob, 1);
  job->objects = objects;
  job->n_objects = n_objects;
  if (n_objects >= UNREF_IN_THREAD_MIN)
    thread = g_thread_try_new ("dl-unref", unref_thread, job, NULL);
  if (thread == NULL)
    unref_thread (job);
}
