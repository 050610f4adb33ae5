/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-timeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-notifier.h"
#include "dl-time-range.h"
#include "dl-timeline-view.h"

/* A press that moves less than this is a click, not a drag. */
#define DRAG_THRESHOLD 4.0

struct _DlTimelineView
{
  GtkWidget        parent_instance;

  DlViewState     *state;
  /* The story's events as the state gives them (a reference, so that the array's address
   * tells whether they changed), read and in time order once per story and edit */
  GPtrArray       *events;
  DlTimelineItems *items;
  gboolean         items_stale;  /* an event's time, "about" or actor changed since */
  /* Which of them the filter shows, one byte per event; NULL when it shows them all */
  guint8          *shown;
  gboolean         shown_known;
  /* Laid out for the current size: the strip of every event (kept, so that clearing a
   * filter costs nothing) and that of the filter's events; @strip is the one drawn */
  DlTimelineStrip *full_strip;
  DlTimelineStrip *filtered_strip;
  DlTimelineStrip *strip;
  int              strip_width;
  int              strip_height;
  gboolean         strip_rtl;
  GHashTable      *selected;    /* set of DlEvent */
  int              focus;
  gboolean         dragging;
  double           drag_x0;
  double           drag_y0;
  double           drag_x1;
};

G_DEFINE_FINAL_TYPE (DlTimelineView, dl_timeline_view, GTK_TYPE_WIDGET)

/* The shown events changed: the strip of every event stays. */
static void
forget_shown (DlTimelineView *self)
{
  g_clear_pointer (&self->shown, g_free);
  self->shown_known = FALSE;
  g_clear_pointer (&self->filtered_strip, dl_timeline_strip_free);
  self->strip = NULL;
}

/* The size or the direction changed. */
static void
forget_layout (DlTimelineView *self)
{
  g_clear_pointer (&self->filtered_strip, dl_timeline_strip_free);
  g_clear_pointer (&self->full_strip, dl_timeline_strip_free);
  self->strip = NULL;
}

/* The story or its events changed. */
static void
forget_events (DlTimelineView *self)
{
  forget_shown (self);
  forget_layout (self);
  g_clear_pointer (&self->items, dl_timeline_items_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->items_stale = FALSE;
}

static void
ensure_items (DlTimelineView *self)
{
  GPtrArray *events = self->state != NULL ? dl_view_state_peek_events (self->state) : NULL;

  /* a new array when events came or went */
  if (self->items != NULL && (events != self->events || self->items_stale))
    forget_events (self);
  if (self->items != NULL)
    return;
  if (events != NULL)
    {
      self->events = g_ptr_array_ref (events);
      self->items = dl_timeline_items_new (events);
    }
  else
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      self->items = dl_timeline_items_new (none);
    }
}

/* One byte per story event from the shown ones, both in story order: a walk of the two
 * arrays side by side, with no look-up. */
static void
ensure_shown (DlTimelineView *self)
{
  GPtrArray *events = self->events;
  GPtrArray *now;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  guint j = 0;

  if (self->shown_known)
    return;
  self->shown_known = TRUE;
  if (events == NULL)
    return;

  /* found once for every view while the filter changes (the state holds them) */
  now = dl_view_state_peek_shown (self->state);
  shown = now != NULL ? g_ptr_array_ref (now) : dl_view_state_dup_shown (self->state);
  if (shown->len == events->len)
    return;

  self->shown = g_new0 (guint8, MAX (events->len, 1));
  for (guint i = 0; i < shown->len; i++)
    {
      while (j < events->len && events->pdata[j] != shown->pdata[i])
        j++;
      if (j == events->len)
        {
          /* not in the story's order after all: by a table */
          wanted = g_hash_table_new (NULL, NULL);
          break;
        }
      self->shown[j++] = 1;
    }
  if (wanted == NULL)
    return;
  for (guint i = 0; i < shown->len; i++)
    g_hash_table_add (wanted, shown->pdata[i]);
  for (guint i = 0; i < events->len; i++)
    self->shown[i] = g_hash_table_contains (wanted, events->pdata[i]);
}

static DlTimelineStrip *
ensure_strip (DlTimelineView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  DlTimelineStrip **strip;

  if (width != self->strip_width || height != self->strip_height || rtl != self->strip_rtl)
    forget_layout (self);
  self->strip_width = width;
  self->strip_height = height;
  self->strip_rtl = rtl;
  ensure_items (self);
  if (width <= 0 || height <= 0)
    return NULL;

  ensure_shown (self);
  strip = self->shown == NULL ? &self->full_strip : &self->filtered_strip;
  if (*strip == NULL)
    *strip = dl_timeline_strip_new_for_items (self->items, self->shown, width, height, 1.0,
                                              rtl);
  self->strip = *strip;
  return self->strip;
}

static void
update_accessible (DlTimelineView *self)
{
  DlTimelineStrip *strip = ensure_strip (self);
  guint n = strip != NULL ? dl_timeline_strip_get_n_marks (strip) : 0;
  g_autofree char *text = NULL;

  if (self->focus >= 0 && (guint) self->focus < n)
    text = dl_timeline_view_describe_mark (self, self->focus);
  else
    /* TRANSLATORS: what a screen reader says of the timeline before a mark is chosen */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) MAX (n, 1) - 1,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) MAX (self->focus, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
sync_selection (DlTimelineView *self)
{
  GPtrArray *selected = dl_view_state_get_selected_events (self->state);
  DlTimelineStrip *strip = ensure_strip (self);

  g_hash_table_remove_all (self->selected);
  for (guint i = 0; i < selected->len; i++)
    g_hash_table_add (self->selected, selected->pdata[i]);
  if (selected->len > 0 && strip != NULL)
    self->focus = dl_timeline_strip_find (strip, selected->pdata[0]);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
story_changed_cb (DlTimelineView *self)
{
  self->focus = -1;
  forget_events (self);
  sync_selection (self);
}

/* What a mark shows of its event changed: its time, its "about", its main actor or that
 * actor's colour. Anything else (a title, a place) leaves the items as they are. */
static void
item_notify_cb (DlNotifier     *notifier,
                GObject        *item,
                GParamSpec     *pspec,
                DlTimelineView *self)
{
  const char *name = g_param_spec_get_name (pspec);
  DlStory *story;

  if (self->items == NULL || self->items_stale || self->state == NULL)
    return;
  story = dl_view_state_get_story (self->state);
  if (DL_IS_EVENT (item))
    self->items_stale = dl_event_get_story (DL_EVENT (item)) == story
                        && (g_str_equal (name, "start") || g_str_equal (name, "end")
                            || g_str_equal (name, "approximate")
                            || g_str_equal (name, "actors"));
  else if (DL_IS_ACTOR (item))
    self->items_stale = g_str_equal (name, "color");
}

static void
filter_changed_cb (DlTimelineView *self)
{
  forget_shown (self);
  self->focus = -1;
  sync_selection (self);
}

static void
select_mark (DlTimelineView *self,
             int             index)
{
  const DlStripMark *mark;

  if (self->strip == NULL || index < 0
      || (guint) index >= dl_timeline_strip_get_n_marks (self->strip))
    return;
  mark = dl_timeline_strip_get_mark (self->strip, index);
  self->focus = index;
  dl_view_state_select_event (self->state, mark->event);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  DlTimelineView *self)
{
  DlTimelineStrip *strip = ensure_strip (self);
  g_autofree char *text = NULL;
  const DlStripMark *mark;
  double r;
  int index;

  if (strip == NULL)
    return FALSE;
  index = keyboard ? self->focus : dl_timeline_strip_mark_at (strip, x, y);
  if (index < 0 || (guint) index >= dl_timeline_strip_get_n_marks (strip))
    return FALSE;

  mark = dl_timeline_strip_get_mark (strip, index);
  r = dl_timeline_strip_get_radius (strip) + 2;
  text = dl_timeline_view_describe_mark (self, index);
  /* plain text: a story's title is never markup */
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) (mark->x - r), (int) (mark->y - r),
                                                       (int) (2 * r), (int) (2 * r) });
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DlTimelineView *self)
{
  self->dragging = FALSE;
  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = y;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DlTimelineView *self)
{
  self->drag_x1 = CLAMP (self->drag_x0 + dx, 0, gtk_widget_get_width (GTK_WIDGET (self)));
  if (ABS (dx) >= DRAG_THRESHOLD)
    self->dragging = TRUE;
  if (self->dragging)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DlTimelineView *self)
{
  DlTime from, to;

  if (self->state == NULL || ensure_strip (self) == NULL)
    return;

  if (!self->dragging)
    {
      int index = dl_timeline_strip_mark_at (self->strip, self->drag_x0, self->drag_y0);

      gtk_widget_grab_focus (GTK_WIDGET (self));
      if (index >= 0)
        select_mark (self, index);
      return;
    }

  self->dragging = FALSE;
  self->drag_x1 = CLAMP (self->drag_x0 + dx, 0, gtk_widget_get_width (GTK_WIDGET (self)));
  if (dl_timeline_view_range_for_drag (self, self->drag_x0, self->drag_x1, &from, &to))
    dl_filter_set_time_range (dl_view_state_get_filter (self->state), &from, &to);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        modifiers,
                DlTimelineView        *self)
{
  DlTimelineStrip *strip = ensure_strip (self);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int n, index;

  if (strip == NULL || (modifiers & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  n = (int) dl_timeline_strip_get_n_marks (strip);
  if (n == 0)
    return FALSE;

  /* the arrows go the way they point: right to later times, or earlier ones right to
   * left */
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      index = self->focus < 0 ? 0 : self->focus + (rtl ? -1 : 1);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      index = self->focus < 0 ? 0 : self->focus + (rtl ? 1 : -1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      index = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      index = n - 1;
      break;
    default:
      return FALSE;
    }
  select_mark (self, CLAMP (index, 0, n - 1));
  return TRUE;
}

static void
direction_changed (GtkWidget        *widget,
                   GtkTextDirection  previous)
{
  forget_layout (DL_TIMELINE_VIEW (widget));
  gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (dl_timeline_view_parent_class)->direction_changed (widget, previous);
}

static void
dl_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    {
      *minimum = 64;
      *natural = 84;
    }
}

static void
dl_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  DlTimelineView *self = DL_TIMELINE_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  DlTimelineStrip *strip = ensure_strip (self);
  GdkRGBA fg, accent;
  DlStripStyle style = { { 0 } };
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean show_focus;

  if (strip == NULL)
    return;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  style = (DlStripStyle) { { fg.red, fg.green, fg.blue }, { 0, 0, 0, 0 },
                           { accent.red, accent.green, accent.blue }, 1.0,
                           gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL };
  show_focus = gtk_widget_has_focus (widget);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dl_timeline_strip_draw (strip, cr, gtk_widget_get_pango_context (widget), &style,
                          self->selected, show_focus ? self->focus : -1,
                          self->drag_x0, self->dragging ? self->drag_x1 : self->drag_x0);
  cairo_destroy (cr);
}

static void
dl_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  DlTimelineView *self = DL_TIMELINE_VIEW (widget);

  if (width != self->strip_width || height != self->strip_height)
    forget_layout (self);
}

static void
dl_timeline_view_dispose (GObject *object)
{
  DlTimelineView *self = DL_TIMELINE_VIEW (object);

  g_clear_object (&self->state);
  forget_events (self);
  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (dl_timeline_view_parent_class)->dispose (object);
}

static void
dl_timeline_view_class_init (DlTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_timeline_view_dispose;
  widget_class->measure = dl_timeline_view_measure;
  widget_class->snapshot = dl_timeline_view_snapshot;
  widget_class->size_allocate = dl_timeline_view_size_allocate;
  widget_class->direction_changed = direction_changed;

  gtk_widget_class_set_css_name (widget_class, "dl-timeline-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
dl_timeline_view_init (DlTimelineView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->focus = -1;
  self->selected = g_hash_table_new (NULL, NULL);
  g_signal_connect_object (dl_notifier_get_default (), "item-notify",
                           G_CALLBACK (item_notify_cb), self, 0);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_event_controller_set_name (keys, "dl-timeline-keys");
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrow keys move between the events; drag to pick a "
                                    "time range"),
                                  -1);
}

GtkWidget *
dl_timeline_view_new (void)
{
  return g_object_new (DL_TYPE_TIMELINE_VIEW, NULL);
}

void
dl_timeline_view_set_view_state (DlTimelineView *self,
                                 DlViewState    *state)
{
  g_return_if_fail (DL_IS_TIMELINE_VIEW (self));
  g_return_if_fail (DL_IS_VIEW_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect_object (state, "story-changed", G_CALLBACK (story_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "filter-changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "selection-changed", G_CALLBACK (sync_selection), self,
                           G_CONNECT_SWAPPED);
  story_changed_cb (self);
}

void
dl_timeline_view_refresh (DlTimelineView *self)
{
  g_return_if_fail (DL_IS_TIMELINE_VIEW (self));

  /* what the filter shows may have changed (a search of a title edited); the events are
   * read again only when what their marks show changed (ensure_items) */
  forget_shown (self);
  sync_selection (self);
}

DlTimelineStrip *
dl_timeline_view_get_strip (DlTimelineView *self)
{
  g_return_val_if_fail (DL_IS_TIMELINE_VIEW (self), NULL);
  return ensure_strip (self);
}

int
dl_timeline_view_get_focus (DlTimelineView *self)
{
  g_return_val_if_fail (DL_IS_TIMELINE_VIEW (self), -1);
  return self->focus;
}

char *
dl_timeline_view_describe_mark (DlTimelineView *self,
                                guint           index)
{
  const DlStripMark *mark;
  g_autofree char *date = NULL;

  g_return_val_if_fail (DL_IS_TIMELINE_VIEW (self), NULL);
  g_return_val_if_fail (self->strip != NULL, NULL);

  mark = dl_timeline_strip_get_mark (self->strip, index);
  date = dl_event_format_start (mark->event);
  /* TRANSLATORS: a mark of the timeline: its date and its event's title */
  return g_strdup_printf (_("%s: %s"), date, dl_event_get_title (mark->event));
}

gboolean
dl_timeline_view_range_for_drag (DlTimelineView *self,
                                 double          x0,
                                 double          x1,
                                 DlTime         *from,
                                 DlTime         *to)
{
  DlTimelineStrip *strip;
  gint64 a, b, t0, t1, length;
  DlTimePrecision precision;

  g_return_val_if_fail (DL_IS_TIMELINE_VIEW (self), FALSE);

  strip = ensure_strip (self);
  if (strip == NULL || dl_time_axis_get_n_segments (dl_timeline_strip_get_axis (strip)) == 0)
    return FALSE;

  a = dl_timeline_strip_x_to_time (strip, x0);
  b = dl_timeline_strip_x_to_time (strip, x1);
  t0 = MIN (a, b);
  t1 = MAX (a, b);
  length = t1 - t0;
  if (length > 3 * 366 * (gint64) 86400)
    precision = DL_TIME_YEAR;
  else if (length > 90 * (gint64) 86400)
    precision = DL_TIME_MONTH;
  else
    precision = DL_TIME_DAY;
  dl_time_from_unix (t0, precision, from);
  dl_time_from_unix (t1, precision, to);
  return TRUE;
}
