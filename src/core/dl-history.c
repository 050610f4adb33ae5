/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-history"

#include "config.h"

#include "dl-history.h"

/* Each state of the story the history can reach has a number: 0 for the start, then the
 * serial of the operation last applied. The clean state is the number of the state that
 * was saved, so that undoing past it, or redoing to it, is seen. */
#define NEVER_CLEAN G_MAXUINT

struct _DlHistory
{
  GObject    parent_instance;

  GPtrArray *done;     /* of DlOperation, oldest first */
  GPtrArray *undone;   /* of DlOperation, the next to redo last */
  GArray    *done_serials;
  GArray    *undone_serials;
  guint      next_serial;
  guint      clean;
  gboolean   was_modified;
};

G_DEFINE_FINAL_TYPE (DlHistory, dl_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (DlHistory *self)
{
  gboolean modified = dl_history_get_modified (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
dl_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlHistory *self = DL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dl_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dl_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, dl_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, dl_history_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, dl_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_history_finalize (GObject *object)
{
  DlHistory *self = DL_HISTORY (object);

  g_clear_pointer (&self->done, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_ptr_array_unref);
  g_clear_pointer (&self->done_serials, g_array_unref);
  g_clear_pointer (&self->undone_serials, g_array_unref);

  G_OBJECT_CLASS (dl_history_parent_class)->finalize (object);
}

static void
dl_history_class_init (DlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dl_history_finalize;
  object_class->get_property = dl_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlHistory::changed:
   *
   * After every push, undo, redo or clear.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dl_history_init (DlHistory *self)
{
  self->done = g_ptr_array_new_with_free_func (g_object_unref);
  self->undone = g_ptr_array_new_with_free_func (g_object_unref);
  self->done_serials = g_array_new (FALSE, FALSE, sizeof (guint));
  self->undone_serials = g_array_new (FALSE, FALSE, sizeof (guint));
  self->next_serial = 1;
  self->clean = 0;
}

/**
 * dl_history_new:
 *
 * Returns: (transfer full): an empty history, clean.
 */
DlHistory *
dl_history_new (void)
{
  return g_object_new (DL_TYPE_HISTORY, NULL);
}

/**
 * dl_history_push:
 * @self: a history
 * @operation: (transfer full): an operation that is not applied
 *
 * Applies @operation and makes it the next to undo; what could be redone is forgotten.
 */
void
dl_history_push (DlHistory   *self,
                 DlOperation *operation)
{
  guint serial;

  g_return_if_fail (DL_IS_HISTORY (self));
  g_return_if_fail (DL_IS_OPERATION (operation));
  g_return_if_fail (!dl_operation_get_applied (operation));

  dl_operation_apply (operation);
  g_ptr_array_set_size (self->undone, 0);
  g_array_set_size (self->undone_serials, 0);
  g_ptr_array_add (self->done, operation);
  serial = self->next_serial++;
  g_array_append_val (self->done_serials, serial);
  emit_changed (self);
}

/**
 * dl_history_undo:
 * @self: a history
 *
 * Reverts the last operation applied.
 *
 * Returns: %FALSE when there was nothing to undo.
 */
gboolean
dl_history_undo (DlHistory *self)
{
  DlOperation *operation;
  guint serial;

  g_return_val_if_fail (DL_IS_HISTORY (self), FALSE);

  if (self->done->len == 0)
    return FALSE;
  operation = g_ptr_array_steal_index (self->done, self->done->len - 1);
  serial = g_array_index (self->done_serials, guint, self->done_serials->len - 1);
  g_array_set_size (self->done_serials, self->done_serials->len - 1);
  dl_operation_revert (operation);
  g_ptr_array_add (self->undone, operation);
  g_array_append_val (self->undone_serials, serial);
  emit_changed (self);
  return TRUE;
}

/**
 * dl_history_redo:
 * @self: a history
 *
 * Applies again the last operation undone.
 *
 * Returns: %FALSE when there was nothing to redo.
 */
gboolean
dl_history_redo (DlHistory *self)
{
  DlOperation *operation;
  guint serial;

  g_return_val_if_fail (DL_IS_HISTORY (self), FALSE);

  if (self->undone->len == 0)
    return FALSE;
  operation = g_ptr_array_steal_index (self->undone, self->undone->len - 1);
  serial = g_array_index (self->undone_serials, guint, self->undone_serials->len - 1);
  g_array_set_size (self->undone_serials, self->undone_serials->len - 1);
  dl_operation_apply (operation);
  g_ptr_array_add (self->done, operation);
  g_array_append_val (self->done_serials, serial);
  emit_changed (self);
  return TRUE;
}

/**
 * dl_history_get_can_undo:
 * @self: a history
 *
 * Returns: whether there is an operation to undo.
 */
gboolean
dl_history_get_can_undo (DlHistory *self)
{
  g_return_val_if_fail (DL_IS_HISTORY (self), FALSE);
  return self->done->len > 0;
}

/**
 * dl_history_get_can_redo:
 * @self: a history
 *
 * Returns: whether there is an operation to redo.
 */
gboolean
dl_history_get_can_redo (DlHistory *self)
{
  g_return_val_if_fail (DL_IS_HISTORY (self), FALSE);
  return self->undone->len > 0;
}

/**
 * dl_history_get_undo_label:
 * @self: a history
 *
 * Returns: (nullable): the label of the operation to undo ("Delete Event").
 */
const char *
dl_history_get_undo_label (DlHistory *self)
{
  g_return_val_if_fail (DL_IS_HISTORY (self), NULL);
  if (self->done->len == 0)
    return NULL;
  return dl_operation_get_label (g_ptr_array_index (self->done, self->done->len - 1));
}

/**
 * dl_history_get_redo_label:
 * @self: a history
 *
 * Returns: (nullable): the label of the operation to redo.
 */
const char *
dl_history_get_redo_label (DlHistory *self)
{
  g_return_val_if_fail (DL_IS_HISTORY (self), NULL);
  if (self->undone->len == 0)
    return NULL;
  return dl_operation_get_label (g_ptr_array_index (self->undone, self->undone->len - 1));
}

/**
 * dl_history_clear:
 * @self: a history
 *
 * Forgets every step; the story stays as it is, and is modified if it was.
 */
void
dl_history_clear (DlHistory *self)
{
  gboolean modified;

  g_return_if_fail (DL_IS_HISTORY (self));

  modified = dl_history_get_modified (self);
  g_ptr_array_set_size (self->done, 0);
  g_ptr_array_set_size (self->undone, 0);
  g_array_set_size (self->done_serials, 0);
  g_array_set_size (self->undone_serials, 0);
  self->clean = modified ? NEVER_CLEAN : 0;
  emit_changed (self);
}

/**
 * dl_history_get_position:
 * @self: a history
 *
 * Returns: a number for the current state of the story (for dl_history_set_clean_at()).
 */
guint
dl_history_get_position (DlHistory *self)
{
  g_return_val_if_fail (DL_IS_HISTORY (self), 0);
  if (self->done_serials->len == 0)
    return 0;
  return g_array_index (self->done_serials, guint, self->done_serials->len - 1);
}

/**
 * dl_history_set_clean_at:
 * @self: a history
 * @position: from dl_history_get_position()
 *
 * The state @position is the saved one.
 */
void
dl_history_set_clean_at (DlHistory *self,
                         guint      position)
{
  g_return_if_fail (DL_IS_HISTORY (self));

  self->clean = position;
  emit_changed (self);
}

/**
 * dl_history_set_clean:
 * @self: a history
 *
 * The story as it is now is the saved one.
 */
void
dl_history_set_clean (DlHistory *self)
{
  g_return_if_fail (DL_IS_HISTORY (self));
  dl_history_set_clean_at (self, dl_history_get_position (self));
}

/**
 * dl_history_set_never_clean:
 * @self: a history
 *
 * No state is the saved one (a story restored after a crash).
 */
void
dl_history_set_never_clean (DlHistory *self)
{
  g_return_if_fail (DL_IS_HISTORY (self));
  dl_history_set_clean_at (self, NEVER_CLEAN);
}

/**
 * dl_history_get_modified:
 * @self: a history
 *
 * Returns: whether the story differs from the one marked clean.
 */
gboolean
dl_history_get_modified (DlHistory *self)
{
  g_return_val_if_fail (DL_IS_HISTORY (self), FALSE);
  return dl_history_get_position (self) != self->clean;
}
