/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-player"

#include "config.h"

#include "dl-player.h"

#define DEFAULT_STEP_MS 4000
#define MIN_STEP_MS 100
#define MAX_STEP_MS 60000

struct _DlPlayer
{
  GObject      parent_instance;

  DlViewState *state;      /* weak */
  DlEvent     *current;
  guint        step_ms;
  guint        timeout_id;
  gboolean     stepping;   /* the selection change is our own */
};

G_DEFINE_FINAL_TYPE (DlPlayer, dl_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_CURRENT,
  PROP_STEP_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean step_cb (gpointer user_data);

/* The shown events in time order (the story keeps them so), unowned. */
static GPtrArray *
shown_events (DlPlayer *self)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  GListModel *model;

  if (story == NULL)
    return events;
  model = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      DlEvent *event = g_list_model_get_item (model, i);

      if (dl_view_state_is_shown (self->state, event))
        g_ptr_array_add (events, event);
      else
        g_object_unref (event);
    }
  return events;
}

static void
set_current (DlPlayer *self,
             DlEvent  *event)
{
  if (self->current == event)
    return;
  g_set_object (&self->current, event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
show (DlPlayer *self,
      DlEvent  *event)
{
  self->stepping = TRUE;
  dl_view_state_select_event (self->state, event);
  self->stepping = FALSE;
  set_current (self, event);
}

static void
restart_timer (DlPlayer *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->step_ms, step_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[dateline] player step");
}

/* Where the reader is: the current event, else the first selected one. */
static int
position (DlPlayer  *self,
          GPtrArray *events)
{
  GPtrArray *selected;
  guint index;

  if (self->current != NULL && g_ptr_array_find (events, self->current, &index)
      && dl_view_state_is_selected (self->state, self->current))
    return (int) index;
  selected = dl_view_state_get_selected_events (self->state);
  if (selected->len > 0 && g_ptr_array_find (events, selected->pdata[0], &index))
    return (int) index;
  return -1;
}

static gboolean
step (DlPlayer *self,
      int       direction)
{
  g_autoptr(GPtrArray) events = NULL;
  int at, next;

  if (self->state == NULL)
    return FALSE;
  events = shown_events (self);
  if (events->len == 0)
    return FALSE;
  at = position (self, events);
  if (at < 0)
    next = direction > 0 ? 0 : (int) events->len - 1;
  else
    next = at + direction;
  if (next < 0 || next >= (int) events->len)
    return FALSE;
  show (self, events->pdata[next]);
  return TRUE;
}

static gboolean
step_cb (gpointer user_data)
{
  DlPlayer *self = user_data;

  self->timeout_id = 0;
  if (step (self, +1))
    restart_timer (self);
  else
    dl_player_stop (self);
  return G_SOURCE_REMOVE;
}

static void
state_changed_cb (DlPlayer *self)
{
  if (!self->stepping)
    {
      dl_player_stop (self);
      set_current (self, NULL);
    }
}

static void
state_gone_cb (gpointer  data,
               GObject  *where_the_object_was)
{
  DlPlayer *self = data;

  self->state = NULL;
  dl_player_stop (self);
}

static void
dl_player_dispose (GObject *object)
{
  DlPlayer *self = DL_PLAYER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->state, self);
      g_object_weak_unref (G_OBJECT (self->state), state_gone_cb, self);
      self->state = NULL;
    }
  g_clear_object (&self->current);

  G_OBJECT_CLASS (dl_player_parent_class)->dispose (object);
}

static void
dl_player_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlPlayer *self = DL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, dl_player_get_playing (self));
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    case PROP_STEP_DURATION:
      g_value_set_uint (value, self->step_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_player_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlPlayer *self = DL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_STEP_DURATION:
      dl_player_set_step_duration (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_player_class_init (DlPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_player_dispose;
  object_class->get_property = dl_player_get_property;
  object_class->set_property = dl_player_set_property;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, DL_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_DURATION] =
    g_param_spec_uint ("step-duration", NULL, NULL, MIN_STEP_MS, MAX_STEP_MS, DEFAULT_STEP_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_player_init (DlPlayer *self)
{
  self->step_ms = DEFAULT_STEP_MS;
}

/**
 * dl_player_new:
 * @state: the view state it plays (not kept alive by the player)
 *
 * Returns: (transfer full): a stopped player.
 */
DlPlayer *
dl_player_new (DlViewState *state)
{
  DlPlayer *self;

  g_return_val_if_fail (DL_IS_VIEW_STATE (state), NULL);

  self = g_object_new (DL_TYPE_PLAYER, NULL);
  self->state = state;
  g_object_weak_ref (G_OBJECT (state), state_gone_cb, self);
  g_signal_connect_swapped (state, "selection-changed", G_CALLBACK (state_changed_cb), self);
  g_signal_connect_swapped (state, "filter-changed", G_CALLBACK (state_changed_cb), self);
  g_signal_connect_swapped (state, "story-changed", G_CALLBACK (state_changed_cb), self);
  return self;
}

/**
 * dl_player_play:
 * @self: a player
 *
 * Shows the next shown event after the selection (the first when none is selected, or
 * when the last one is), then the next one every step, until the last.
 */
void
dl_player_play (DlPlayer *self)
{
  g_autoptr(GPtrArray) events = NULL;
  int at;

  g_return_if_fail (DL_IS_PLAYER (self));

  if (self->timeout_id != 0 || self->state == NULL)
    return;
  events = shown_events (self);
  if (events->len == 0)
    return;

  at = position (self, events);
  /* from the start again after the end */
  if (at < 0 || at + 1 >= (int) events->len)
    show (self, events->pdata[0]);
  else
    show (self, events->pdata[at + 1]);
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
dl_player_stop (DlPlayer *self)
{
  g_return_if_fail (DL_IS_PLAYER (self));

  if (self->timeout_id == 0)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
dl_player_toggle (DlPlayer *self)
{
  g_return_if_fail (DL_IS_PLAYER (self));

  if (dl_player_get_playing (self))
    dl_player_stop (self);
  else
    dl_player_play (self);
}

gboolean
dl_player_get_playing (DlPlayer *self)
{
  g_return_val_if_fail (DL_IS_PLAYER (self), FALSE);
  return self->timeout_id != 0;
}

gboolean
dl_player_next (DlPlayer *self)
{
  gboolean moved;

  g_return_val_if_fail (DL_IS_PLAYER (self), FALSE);

  moved = step (self, +1);
  if (moved && dl_player_get_playing (self))
    restart_timer (self);
  return moved;
}

gboolean
dl_player_previous (DlPlayer *self)
{
  gboolean moved;

  g_return_val_if_fail (DL_IS_PLAYER (self), FALSE);

  moved = step (self, -1);
  if (moved && dl_player_get_playing (self))
    restart_timer (self);
  return moved;
}

DlEvent *
dl_player_get_current (DlPlayer *self)
{
  g_return_val_if_fail (DL_IS_PLAYER (self), NULL);
  return self->current;
}

void
dl_player_set_step_duration (DlPlayer *self,
                             guint     milliseconds)
{
  g_return_if_fail (DL_IS_PLAYER (self));

  milliseconds = CLAMP (milliseconds, MIN_STEP_MS, MAX_STEP_MS);
  if (self->step_ms == milliseconds)
    return;
  self->step_ms = milliseconds;
  if (dl_player_get_playing (self))
    restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_DURATION]);
}

guint
dl_player_get_step_duration (DlPlayer *self)
{
  g_return_val_if_fail (DL_IS_PLAYER (self), 0);
  return self->step_ms;
}
