/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The event list's model of the shown events: after each change, a watcher that applies
 * the changes it is told to its own copy holds the new list, and it is told only the span
 * that changed (a search typed on, cleared, an actor filter moved sideways). */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "dl-event.h"
#include "dl-shown-events.h"

typedef struct
{
  GPtrArray *copy;       /* what the watcher believes the list holds */
  guint      n_signals;
  guint      removed;    /* the last change */
  guint      added;
} Watcher;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watcher    *watcher)
{
  g_assert_cmpuint (position + removed, <=, watcher->copy->len);
  g_ptr_array_remove_range (watcher->copy, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (watcher->copy, position + i, event);
    }
  watcher->n_signals++;
  watcher->removed = removed;
  watcher->added = added;
}

/* The events of @all whose index has @bit set in @mask, in order. */
static GPtrArray *
pick (GPtrArray *all,
      guint64    mask)
{
  GPtrArray *picked = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (mask & (G_GUINT64_CONSTANT (1) << i))
      g_ptr_array_add (picked, all->pdata[i]);
  return picked;
}

static void
assert_same (GListModel *model,
             GPtrArray  *expected,
             Watcher    *watcher)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  g_assert_cmpuint (watcher->copy->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(DlEvent) item = g_list_model_get_item (model, i);

      g_assert_true (item == expected->pdata[i]);
      g_assert_true (watcher->copy->pdata[i] == expected->pdata[i]);
    }
  g_assert_null (g_list_model_get_item (model, expected->len));
}

static void
test_spans (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DlShownEvents) model = dl_shown_events_new ();
  Watcher watcher = { g_ptr_array_new (), 0, 0, 0 };

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);

      g_ptr_array_add (all, dl_event_new (id));
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &watcher);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == DL_TYPE_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* everything: one change adding all */
  dl_shown_events_set (model, all, all);
  assert_same (G_LIST_MODEL (model), all, &watcher);
  g_assert_cmpuint (watcher.n_signals, ==, 1);
  g_assert_cmpuint (watcher.added, ==, 40);

  /* the same again: no change told */
  dl_shown_events_set (model, all, all);
  g_assert_cmpuint (watcher.n_signals, ==, 1);

  /* narrowed to events 5 and 30: neither end is kept, so the whole list is redone */
  {
    g_autoptr(GPtrArray) two = pick (all, (G_GUINT64_CONSTANT (1) << 5)
                                          | (G_GUINT64_CONSTANT (1) << 30));

    dl_shown_events_set (model, two, all);
    assert_same (G_LIST_MODEL (model), two, &watcher);
    g_assert_cmpuint (watcher.n_signals, ==, 2);
    g_assert_cmpuint (watcher.removed, ==, 40);
    g_assert_cmpuint (watcher.added, ==, 2);
  }

  /* events 0–9 and 30–39, then 0–9, 15 and 30–39: one event told added */
  {
    guint64 ends = 0x3ffULL | (0x3ffULL << 30);
    g_autoptr(GPtrArray) a = pick (all, ends);
    g_autoptr(GPtrArray) b = pick (all, ends | (G_GUINT64_CONSTANT (1) << 15));

    dl_shown_events_set (model, a, all);
    assert_same (G_LIST_MODEL (model), a, &watcher);
    dl_shown_events_set (model, b, all);
    assert_same (G_LIST_MODEL (model), b, &watcher);
    g_assert_cmpuint (watcher.removed, ==, 0);
    g_assert_cmpuint (watcher.added, ==, 1);
    /* sideways: 15 out, 16 and 17 in */
    g_ptr_array_unref (a);
    a = pick (all, ends | (G_GUINT64_CONSTANT (3) << 16));
    dl_shown_events_set (model, a, all);
    assert_same (G_LIST_MODEL (model), a, &watcher);
    g_assert_cmpuint (watcher.removed, ==, 1);
    g_assert_cmpuint (watcher.added, ==, 2);
  }

  /* cleared, then nothing */
  dl_shown_events_set (model, all, all);
  assert_same (G_LIST_MODEL (model), all, &watcher);
  dl_shown_events_set (model, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (watcher.copy->len, ==, 0);
  g_assert_cmpuint (watcher.removed, ==, 40);

  g_ptr_array_unref (watcher.copy);
}

/* The model keeps the events it lists alive through their owner. */
static void
test_keeps_owner (void)
{
  g_autoptr(DlShownEvents) model = dl_shown_events_new ();
  GPtrArray *owner = g_ptr_array_new_with_free_func (g_object_unref);
  DlEvent *event = dl_event_new ("kept");
  g_autoptr(DlEvent) item = NULL;

  g_ptr_array_add (owner, event);
  g_object_add_weak_pointer (G_OBJECT (event), (gpointer *) &event);
  dl_shown_events_set (model, owner, owner);
  g_ptr_array_unref (owner);
  g_assert_nonnull (event);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (dl_event_get_id (item), ==, "kept");
  g_clear_object (&item);
  dl_shown_events_set (model, NULL, NULL);
  g_assert_null (event);
}

typedef struct
{
  GPtrArray *old;     /* the items before the change */
  GPtrArray *new;     /* after */
  guint      n_swaps;
} Swap;

/* In the middle of a change: the new events up to the end of the span, then the old ones
 * from its start; each old position maps to a new one in the span. */
static void
swap_cb (DlShownEvents *model,
         guint          first,
         guint          n_added,
         guint          n_removed,
         gpointer       data)
{
  Swap *swap = data;
  guint n;
  DlEvent * const *items = dl_shown_events_peek (model, &n);

  g_assert_cmpuint (n_added, >, 0);
  g_assert_cmpuint (n_removed, >, 0);
  g_assert_cmpuint (n, ==, swap->old->len + n_added);
  g_assert_cmpuint (first + n_added, <=, swap->new->len);
  for (guint i = 0; i < first + n_added; i++)
    g_assert_true (items[i] == swap->new->pdata[i]);
  for (guint i = first; i < swap->old->len; i++)
    g_assert_true (items[n_added + i] == swap->old->pdata[i]);
  for (guint i = first + n_added; i < first + n_added + n_removed; i++)
    {
      guint target = dl_shown_events_swap_target (model, i);

      g_assert_cmpuint (target, >=, first);
      g_assert_cmpuint (target, <, first + n_added);
    }
  swap->n_swaps++;
}

/* With the two-step changes, a watcher still ends with the new list after each of many
 * random changes (a subset of 40 events each), and is told the change in two steps only
 * when events are taken out (between the ends both lists share). */
static void
test_swaps (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DlShownEvents) model = dl_shown_events_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Watcher watcher = { g_ptr_array_new (), 0, 0, 0 };
  Swap swap = { g_ptr_array_new (), NULL, 0 };
  guint n_removals = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);

      g_ptr_array_add (all, dl_event_new (id));
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &watcher);
  dl_shown_events_set_swap_func (model, swap_cb, &swap);
  for (guint step = 0; step < 2000; step++)
    {
      guint64 mask;
      g_autoptr(GPtrArray) picked = NULL;
      gboolean removes = FALSE;

      /* everything, nothing, a run, or any subset */
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          mask = g_rand_boolean (rand) ? (G_GUINT64_CONSTANT (1) << 40) - 1 : 0;
          break;
        case 1:
          {
            guint from = g_rand_int_range (rand, 0, 40);
            guint to = g_rand_int_range (rand, from, 41);

            mask = ((G_GUINT64_CONSTANT (1) << to) - 1) & ~((G_GUINT64_CONSTANT (1) << from) - 1);
          }
          break;
        default:
          mask = ((guint64) g_rand_int (rand) << 8) ^ g_rand_int (rand);
          mask &= (G_GUINT64_CONSTANT (1) << 40) - 1;
          break;
        }
      picked = pick (all, mask);
      /* old events not kept at either end are taken out (and put back if still shown) */
      {
        guint prefix = 0, suffix = 0, n_old = swap.old->len, n_new = picked->len;

        while (prefix < n_old && prefix < n_new
               && swap.old->pdata[prefix] == picked->pdata[prefix])
          prefix++;
        while (suffix < n_old - prefix && suffix < n_new - prefix
               && swap.old->pdata[n_old - 1 - suffix] == picked->pdata[n_new - 1 - suffix])
          suffix++;
        /* and with nothing left, there is nothing to move onto */
        removes = prefix + suffix < n_old && n_new > 0;
      }
      n_removals += removes;

      swap.new = picked;
      {
        guint swaps = swap.n_swaps;

        dl_shown_events_set (model, picked, all);
        g_assert_cmpuint (swap.n_swaps, ==, swaps + (removes ? 1 : 0));
      }
      assert_same (G_LIST_MODEL (model), picked, &watcher);
      g_ptr_array_set_size (swap.old, 0);
      g_ptr_array_extend (swap.old, picked, NULL, NULL);
    }
  g_assert_cmpuint (n_removals, >, 500);

  g_ptr_array_unref (swap.old);
  g_ptr_array_unref (watcher.copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shown-events/spans", test_spans);
  g_test_add_func ("/shown-events/keeps-owner", test_keeps_owner);
  g_test_add_func ("/shown-events/swaps", test_swaps);
  return g_test_run ();
}
