/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every property change of the model's items (DlPlace, DlEvent, DlActor) as one signal of
 * one object, "item-notify" (GObject *item, GParamSpec *pspec), after the item's own
 * "notify". A view of a story of a million places listens here once instead of connecting
 * a handler to each item (which cost 1.7 s and 250 MB at a million, and as much again to
 * take down). It is emitted only for changes made on the thread that first asked for the
 * notifier (the main thread): a story being read in a worker is nobody's yet. Handlers
 * check that the item is one of their story's. */
#define DL_TYPE_NOTIFIER (dl_notifier_get_type ())
G_DECLARE_FINAL_TYPE (DlNotifier, dl_notifier, DL, NOTIFIER, GObject)

DlNotifier  *dl_notifier_get_default  (void);

/* The dispatch_properties_changed of the items' classes. */
void         dl_notifier_dispatch     (GObject     *object,
                                       guint        n_pspecs,
                                       GParamSpec **pspecs);

G_END_DECLS
