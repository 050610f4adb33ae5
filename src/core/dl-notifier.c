/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-notifier"

#include "config.h"

#include "dl-notifier.h"

struct _DlNotifier
{
  GObject  parent_instance;

  GThread *thread;  /* where it emits */
};

G_DEFINE_FINAL_TYPE (DlNotifier, dl_notifier, G_TYPE_OBJECT)

enum {
  ITEM_NOTIFY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Set once, then only read (from any thread). */
static DlNotifier *default_notifier;

static void
dl_notifier_class_init (DlNotifierClass *klass)
{
  signals[ITEM_NOTIFY] =
    g_signal_new ("item-notify", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_PARAM);
}

static void
dl_notifier_init (DlNotifier *self)
{
  self->thread = g_thread_self ();
}

/**
 * dl_notifier_get_default:
 *
 * Returns: (transfer none): the notifier of the model's items, made on first use; it
 *   emits for changes made on the thread that first called this.
 */
DlNotifier *
dl_notifier_get_default (void)
{
  if (g_once_init_enter (&default_notifier))
    g_once_init_leave (&default_notifier, g_object_new (DL_TYPE_NOTIFIER, NULL));
  return default_notifier;
}

/**
 * dl_notifier_dispatch:
 * @object: a DlPlace, DlEvent or DlActor
 * @n_pspecs: the number of changed properties
 * @pspecs: (array length=n_pspecs): the changed properties
 *
 * Emits @object's "notify" for each, then the default notifier's "item-notify" (with the
 * property's name as detail) when there is one and this is its thread.
 */
void
dl_notifier_dispatch (GObject     *object,
                      guint        n_pspecs,
                      GParamSpec **pspecs)
{
  GObjectClass *base = g_type_class_peek (G_TYPE_OBJECT);
  DlNotifier *notifier = g_atomic_pointer_get (&default_notifier);

  base->dispatch_properties_changed (object, n_pspecs, pspecs);
  if (notifier == NULL || notifier->thread != g_thread_self ())
    return;
  for (guint i = 0; i < n_pspecs; i++)
    g_signal_emit (notifier, signals[ITEM_NOTIFY], g_param_spec_get_name_quark (pspecs[i]),
                   object, pspecs[i]);
}
