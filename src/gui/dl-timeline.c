/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-timeline.h"

struct _DlTimeline
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *controls;
  GtkButton          *play_button;
  GtkWidget          *present_button;
  GtkAdjustment      *step_adjustment;
  DlTimelineView     *view;

  DlViewState        *state;
  DlPlayer           *player;
  GtkWidget          *map;          /* weak */
  GtkWidget          *root;         /* where the window-wide controllers are */
  GtkEventController *root_keys;
  GtkEventController *root_click;
  GtkEventController *root_scroll;
  gboolean            presenting;
};

G_DEFINE_FINAL_TYPE (DlTimeline, dl_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYER,
  PROP_PRESENTING,
  PROP_CURRENT_TITLE,
  PROP_CURRENT_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (DlTimeline *self)
{
  DlStory *story = self->state != NULL ? dl_view_state_get_story (self->state) : NULL;
  gboolean has_events = FALSE;

  /* the first shown event will do: counting them all costs on big stories */
  if (story != NULL && dl_view_state_peek_shown (self->state) != NULL)
    has_events = dl_view_state_peek_shown (self->state)->len > 0;
  else if (story != NULL)
    {
      GPtrArray *events = dl_view_state_peek_events (self->state);

      for (guint i = 0; i < events->len && !has_events; i++)
        has_events = dl_view_state_is_shown (self->state, events->pdata[i]);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.play", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.previous", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.next", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.present", story != NULL);
  /* a plain map, with places but no events, has no time to show */
  gtk_widget_set_visible (GTK_WIDGET (self),
                          story == NULL
                          || g_list_model_get_n_items (dl_story_get_events (story)) > 0);
  /* the buttons call the actions from "clicked": with action-name they stayed insensitive
   * in narrow windows (GTK 4.8, once the narrow layout had moved the bar) */
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), has_events);
  gtk_widget_set_sensitive (self->present_button, story != NULL);
}

static void
play_clicked_cb (DlTimeline *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "timeline.play", NULL);
}

static void
present_clicked_cb (DlTimeline *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "timeline.present", NULL);
}

static void
playing_changed_cb (DlTimeline *self)
{
  gboolean playing = dl_player_get_playing (self->player);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play the Story (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"),
                                  -1);
}

static void
current_changed_cb (DlTimeline *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_DATE]);
}

static void
step_changed_cb (GtkAdjustment *adjustment,
                 DlTimeline    *self)
{
  if (self->player != NULL)
    dl_player_set_step_duration (self->player,
                                 (guint) (gtk_adjustment_get_value (adjustment) * 1000));
}

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *container)
{
  return widget != NULL && container != NULL
         && (widget == container || gtk_widget_is_ancestor (widget, container));
}

/* One step the way an arrow points: right is later, unless time runs right to left. */
static void
step_by_arrow (DlTimeline *self,
               gboolean    right)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (right != rtl)
    dl_player_next (self->player);
  else
    dl_player_previous (self->player);
}

static gboolean
root_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        modifiers,
                     DlTimeline            *self)
{
  GtkWidget *focus;
  gboolean in_strip, in_map, playing;

  if (self->player == NULL || self->root == NULL)
    return FALSE;
  if ((modifiers & gtk_accelerator_get_default_mod_mask ()) != 0)
    {
      dl_player_stop (self->player);
      return FALSE;
    }

  focus = gtk_root_get_focus (GTK_ROOT (self->root));
  in_strip = is_inside (focus, GTK_WIDGET (self->view));
  in_map = is_inside (focus, self->map);
  playing = dl_player_get_playing (self->player);

  switch (keyval)
    {
    case GDK_KEY_F5:
      dl_timeline_set_presenting (self, !self->presenting);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->presenting)
        {
          dl_timeline_set_presenting (self, FALSE);
          return TRUE;
        }
      dl_player_stop (self->player);
      return FALSE;

    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (!in_strip && !in_map && !self->presenting)
        break;
      gtk_widget_activate_action (GTK_WIDGET (self), "timeline.play", NULL);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      /* on the map, the arrows pan it unless the story is playing */
      if (self->presenting || ((in_strip || in_map) && playing))
        {
          step_by_arrow (self, keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right);
          return TRUE;
        }
      break;

    case GDK_KEY_Shift_L:
    case GDK_KEY_Shift_R:
    case GDK_KEY_Control_L:
    case GDK_KEY_Control_R:
    case GDK_KEY_Alt_L:
    case GDK_KEY_Alt_R:
    case GDK_KEY_Super_L:
    case GDK_KEY_Super_R:
      return FALSE;

    default:
      break;
    }

  /* any other key is the reader taking over */
  dl_player_stop (self->player);
  return FALSE;
}

static void
root_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 DlTimeline      *self)
{
  GtkWidget *picked;

  if (self->player == NULL || !dl_player_get_playing (self->player))
    return;
  picked = gtk_widget_pick (self->root, x, y, GTK_PICK_DEFAULT);
  if (!is_inside (picked, self->controls))
    dl_player_stop (self->player);
}

static gboolean
root_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                DlTimeline               *self)
{
  if (self->player != NULL)
    dl_player_stop (self->player);
  return FALSE;
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlTimeline *self = DL_TIMELINE (widget);

  if (self->player != NULL)
    dl_player_toggle (self->player);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlTimeline *self = DL_TIMELINE (widget);

  if (self->player != NULL)
    dl_player_previous (self->player);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlTimeline *self = DL_TIMELINE (widget);

  if (self->player != NULL)
    dl_player_next (self->player);
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlTimeline *self = DL_TIMELINE (widget);

  dl_timeline_set_presenting (self, !self->presenting);
}

static void
dl_timeline_root (GtkWidget *widget)
{
  DlTimeline *self = DL_TIMELINE (widget);
  GtkGesture *click;

  GTK_WIDGET_CLASS (dl_timeline_parent_class)->root (widget);

  self->root = GTK_WIDGET (gtk_widget_get_root (widget));

  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (self->root_keys, "dl-timeline-window-keys");
  gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (root_key_pressed_cb), self);
  gtk_widget_add_controller (self->root, self->root_keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  self->root_click = GTK_EVENT_CONTROLLER (click);
  gtk_event_controller_set_name (self->root_click, "dl-timeline-window-click");
  gtk_event_controller_set_propagation_phase (self->root_click, GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (root_pressed_cb), self);
  gtk_widget_add_controller (self->root, self->root_click);

  self->root_scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_name (self->root_scroll, "dl-timeline-window-scroll");
  gtk_event_controller_set_propagation_phase (self->root_scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (self->root_scroll, "scroll", G_CALLBACK (root_scroll_cb), self);
  gtk_widget_add_controller (self->root, self->root_scroll);
}

static void
dl_timeline_unroot (GtkWidget *widget)
{
  DlTimeline *self = DL_TIMELINE (widget);

  if (self->root != NULL)
    {
      gtk_widget_remove_controller (self->root, self->root_keys);
      gtk_widget_remove_controller (self->root, self->root_click);
      gtk_widget_remove_controller (self->root, self->root_scroll);
      self->root_keys = self->root_click = self->root_scroll = NULL;
      self->root = NULL;
    }

  GTK_WIDGET_CLASS (dl_timeline_parent_class)->unroot (widget);
}

static void
dl_timeline_dispose (GObject *object)
{
  DlTimeline *self = DL_TIMELINE (object);
  GtkWidget *child;

  if (self->player != NULL)
    {
      dl_player_stop (self->player);
      g_signal_handlers_disconnect_by_data (self->player, self);
    }
  g_clear_object (&self->player);
  g_clear_object (&self->state);
  if (self->map != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
  self->map = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dl_timeline_parent_class)->dispose (object);
}

static void
dl_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlTimeline *self = DL_TIMELINE (object);
  DlEvent *current = self->player != NULL ? dl_player_get_current (self->player) : NULL;

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;
    case PROP_PRESENTING:
      g_value_set_boolean (value, self->presenting);
      break;
    case PROP_CURRENT_TITLE:
      g_value_set_string (value, current != NULL ? dl_event_get_title (current) : "");
      break;
    case PROP_CURRENT_DATE:
      if (current != NULL)
        g_value_take_string (value, dl_event_format_start (current));
      else
        g_value_set_string (value, "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlTimeline *self = DL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_PRESENTING:
      dl_timeline_set_presenting (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_timeline_class_init (DlTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_timeline_dispose;
  object_class->get_property = dl_timeline_get_property;
  object_class->set_property = dl_timeline_set_property;
  widget_class->root = dl_timeline_root;
  widget_class->unroot = dl_timeline_unroot;

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, DL_TYPE_PLAYER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_TITLE] =
    g_param_spec_string ("current-title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_DATE] =
    g_param_spec_string ("current-date", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTimeline, controls);
  gtk_widget_class_bind_template_child (widget_class, DlTimeline, play_button);
  gtk_widget_class_bind_template_child (widget_class, DlTimeline, present_button);
  gtk_widget_class_bind_template_child (widget_class, DlTimeline, step_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlTimeline, view);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, present_clicked_cb);

  gtk_widget_class_install_action (widget_class, "timeline.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "timeline.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "timeline.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "timeline.previous", NULL, previous_action);

  gtk_widget_class_set_css_name (widget_class, "dl-timeline");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  g_type_ensure (DL_TYPE_TIMELINE_VIEW);
}

static void
dl_timeline_init (DlTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->step_adjustment, "value-changed",
                           G_CALLBACK (step_changed_cb), self, 0);
  update_actions (self);
}

GtkWidget *
dl_timeline_new (void)
{
  return g_object_new (DL_TYPE_TIMELINE, NULL);
}

void
dl_timeline_set_view_state (DlTimeline  *self,
                            DlViewState *state)
{
  g_return_if_fail (DL_IS_TIMELINE (self));
  g_return_if_fail (DL_IS_VIEW_STATE (state));

  if (self->state == state)
    return;
  if (self->player != NULL)
    {
      dl_player_stop (self->player);
      g_signal_handlers_disconnect_by_data (self->player, self);
      g_clear_object (&self->player);
    }
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);

  self->player = dl_player_new (state);
  step_changed_cb (self->step_adjustment, self);
  g_signal_connect_swapped (self->player, "notify::playing", G_CALLBACK (playing_changed_cb),
                            self);
  g_signal_connect_swapped (self->player, "notify::current", G_CALLBACK (current_changed_cb),
                            self);
  g_signal_connect_object (state, "story-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "filter-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  dl_timeline_view_set_view_state (self->view, state);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

void
dl_timeline_set_map_widget (DlTimeline *self,
                            GtkWidget  *map)
{
  g_return_if_fail (DL_IS_TIMELINE (self));

  if (self->map != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
  self->map = map;
  if (map != NULL)
    g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &self->map);
}

DlPlayer *
dl_timeline_get_player (DlTimeline *self)
{
  g_return_val_if_fail (DL_IS_TIMELINE (self), NULL);
  return self->player;
}

DlTimelineView *
dl_timeline_get_view (DlTimeline *self)
{
  g_return_val_if_fail (DL_IS_TIMELINE (self), NULL);
  return self->view;
}

gboolean
dl_timeline_get_presenting (DlTimeline *self)
{
  g_return_val_if_fail (DL_IS_TIMELINE (self), FALSE);
  return self->presenting;
}

/**
 * dl_timeline_set_presenting:
 *
 * Presenting puts the window in full screen with larger type (the "dl-presenting" style
 * class) and plays the story; leaving stops playback and restores the window.
 */
void
dl_timeline_set_presenting (DlTimeline *self,
                            gboolean    presenting)
{
  GtkRoot *root;

  g_return_if_fail (DL_IS_TIMELINE (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  if (presenting && (self->state == NULL || dl_view_state_get_story (self->state) == NULL))
    return;
  self->presenting = presenting;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      if (presenting)
        {
          gtk_window_fullscreen (GTK_WINDOW (root));
          gtk_widget_add_css_class (GTK_WIDGET (root), "dl-presenting");
        }
      else
        {
          gtk_window_unfullscreen (GTK_WINDOW (root));
          gtk_widget_remove_css_class (GTK_WIDGET (root), "dl-presenting");
        }
    }

  if (self->player != NULL)
    {
      if (presenting)
        dl_player_play (self->player);
      else
        dl_player_stop (self->player);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}
