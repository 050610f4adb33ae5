/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DL_TYPE_OBJECT_LIST (dl_object_list_get_type ())
G_DECLARE_FINAL_TYPE (DlObjectList, dl_object_list, DL, OBJECT_LIST, GObject)

/* A GListModel over an array of objects: 8 bytes an item (a GListStore node takes 48)
 * and an item found by its position at once, for a story of a million places. */
DlObjectList *dl_object_list_new    (GType          item_type);
/* Removes @n_removals items at @position and inserts @n_additions there (references
 * taken), with one items-changed. */
void          dl_object_list_splice (DlObjectList  *self,
                                     guint          position,
                                     guint          n_removals,
                                     gpointer      *additions,
                                     guint          n_additions);
/* Appends the items of @items (references taken over; @items is freed), with one
 * items-changed. */
void          dl_object_list_take   (DlObjectList  *self,
                                     GPtrArray     *items);
/* The items, in order, without taking a reference to each: valid until the next change.
 * A loop over a million places pays no reference counting. */
gpointer     *dl_object_list_peek   (DlObjectList  *self,
                                     guint         *n_items);
gboolean      dl_object_list_find   (DlObjectList  *self,
                                     gpointer       item,
                                     guint         *position);

/* Drops one reference to each of @objects, then frees @objects (g_free); in a worker thread
 * when they are many, so that the last holder of a million places does not free them in
 * the window's thread. */
void          dl_objects_unref_in_thread (gpointer *objects,
                                          guint     n_objects);

G_END_DECLS
