/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-marker"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-marker.h"
#include "dl-place-properties.h"
#include "dl-symbol.h"

/* The width of a suggested place's ring, inside its white rim. */
#define SUGGESTED_RING 3.5f

struct _DlMarker
{
  ShumateMarker  parent_instance;

  DlPlace       *place;
  GtkWidget     *button;
  GtkWidget     *label;
  guint          n_events;
  GdkRGBA        color;
  gboolean       selected;
  gboolean       updated;
  guint          cluster_more;    /* places merged into this marker */
  guint          cluster_events;  /* their events and its own */
  gboolean       in_cluster;      /* merged into another marker */
  char          *symbol;          /* a plain map's marker-symbol, or NULL */
  double         size_scale;      /* its marker-size */
};

G_DEFINE_FINAL_TYPE (DlMarker, dl_marker, SHUMATE_TYPE_MARKER)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
button_clicked_cb (GtkButton *button,
                   DlMarker  *self)
{
  g_assert (DL_IS_MARKER (self));

  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* The focused marker is drawn above its neighbours (and its focus ring with it): later
 * children of the marker layer draw on top. */
static void
focus_enter_cb (GtkEventControllerFocus *controller,
                DlMarker                *self)
{
  GtkWidget *layer = gtk_widget_get_parent (GTK_WIDGET (self));

  if (layer != NULL && gtk_widget_get_last_child (layer) != GTK_WIDGET (self))
    gtk_widget_insert_before (GTK_WIDGET (self), layer, NULL);
}

static void
dl_marker_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  DlMarker *self = DL_MARKER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  float ring = self->selected ? 3 : 1.5f;
  GskRoundedRect outer, inner;
  GdkRGBA rim = { 1, 1, 1, 1 };
  GdkRGBA shadow = { 0, 0, 0, 0.35f };
  graphene_rect_t bounds;

  /* A disc in the actor's colour with a white rim (thicker when selected) and a faint
   * shadow, so it reads on land, sea and dark tiles alike. */
  if (self->in_cluster)
    return;
  /* A cluster is a little pile: a second disc peeks out behind the first. */
  if (self->cluster_more > 0)
    {
      GskRoundedRect back;
      GdkRGBA faded = self->color;

      faded.alpha = 0.75f;
      graphene_rect_init (&bounds, (width - size) / 2 + 4, (height - size) / 2 - 4, size,
                          size);
      gsk_rounded_rect_init_from_rect (&back, &bounds, size / 2);
      gtk_snapshot_append_outset_shadow (snapshot, &back, &shadow, 0, 1, 0, 3);
      gtk_snapshot_push_rounded_clip (snapshot, &back);
      gtk_snapshot_append_color (snapshot, &rim, &bounds);
      gtk_snapshot_pop (snapshot);
      graphene_rect_inset (&bounds, 1.5f, 1.5f);
      gsk_rounded_rect_init_from_rect (&back, &bounds, size / 2 - 1.5f);
      gtk_snapshot_push_rounded_clip (snapshot, &back);
      gtk_snapshot_append_color (snapshot, &faded, &bounds);
      gtk_snapshot_pop (snapshot);
    }
  graphene_rect_init (&bounds, (width - size) / 2, (height - size) / 2, size, size);
  gsk_rounded_rect_init_from_rect (&outer, &bounds, size / 2);
  gtk_snapshot_append_outset_shadow (snapshot, &outer, &shadow, 0, 1, 0, 3);
  if (self->selected)
    {
      GdkRGBA halo = self->color;

      halo.alpha = 0.35f;
      gtk_snapshot_append_outset_shadow (snapshot, &outer, &halo, 0, 0, 5, 0);
    }
  gtk_snapshot_push_rounded_clip (snapshot, &outer);
  gtk_snapshot_append_color (snapshot, &rim, &bounds);
  gtk_snapshot_pop (snapshot);

  graphene_rect_inset (&bounds, ring, ring);
  gsk_rounded_rect_init_from_rect (&inner, &bounds, size / 2 - ring);
  gtk_snapshot_push_rounded_clip (snapshot, &inner);
  gtk_snapshot_append_color (snapshot, &self->color, &bounds);
  gtk_snapshot_pop (snapshot);

  /* A suggestion of a draft is hollow: a ring in the colour around a white centre. */
  if (self->cluster_more == 0 && dl_place_get_suggested (self->place))
    {
      graphene_rect_inset (&bounds, SUGGESTED_RING, SUGGESTED_RING);
      gsk_rounded_rect_init_from_rect (&inner, &bounds, size / 2 - ring - SUGGESTED_RING);
      gtk_snapshot_push_rounded_clip (snapshot, &inner);
      gtk_snapshot_append_color (snapshot, &rim, &bounds);
      gtk_snapshot_pop (snapshot);
    }

  /* A plain map's marker-symbol, where the disc shows no number. */
  if (self->symbol != NULL && self->cluster_more == 0 && self->n_events == 0
      && !dl_place_get_suggested (self->place))
    {
      graphene_rect_t area;
      cairo_t *cr;

      graphene_rect_init (&area, 0, 0, width, height);
      cr = gtk_snapshot_append_cairo (snapshot, &area);
      dl_symbol_draw (cr, self->symbol, width / 2.0, height / 2.0, size - 2 * ring,
                      (const double[3]) { self->color.red, self->color.green,
                                          self->color.blue });
      cairo_destroy (cr);
    }

  GTK_WIDGET_CLASS (dl_marker_parent_class)->snapshot (widget, snapshot);
}

static void
dl_marker_dispose (GObject *object)
{
  DlMarker *self = DL_MARKER (object);

  g_clear_object (&self->place);
  g_clear_pointer (&self->symbol, g_free);

  G_OBJECT_CLASS (dl_marker_parent_class)->dispose (object);
}

static void
dl_marker_class_init (DlMarkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_marker_dispose;
  widget_class->snapshot = dl_marker_snapshot;

  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "dl-marker");
}

static void
dl_marker_init (DlMarker *self)
{
  self->color = (GdkRGBA) { 0.38f, 0.38f, 0.42f, 1 };
  self->size_scale = 1;

  self->label = gtk_label_new ("");
  gtk_widget_add_css_class (self->label, "dl-marker-count");
  self->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->button), self->label);
  gtk_widget_add_css_class (self->button, "dl-marker-button");
  gtk_widget_set_size_request (self->button, DL_MARKER_DIAMETER, DL_MARKER_DIAMETER);
  gtk_widget_set_cursor_from_name (self->button, "pointer");
  g_signal_connect_object (self->button, "clicked", G_CALLBACK (button_clicked_cb), self, 0);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "enter", G_CALLBACK (focus_enter_cb), self, 0);
    gtk_widget_add_controller (self->button, focus);
  }
  shumate_marker_set_child (SHUMATE_MARKER (self), self->button);
}

/* The number on the disc and the name a screen reader says. */
static void
sync_text (DlMarker *self)
{
  g_autofree char *count = NULL;
  g_autofree char *name = NULL;
  guint n_events = self->cluster_more > 0 ? self->cluster_events : self->n_events;

  /* A place of a plain map (no events) is a dot without a number. */
  count = n_events > 0 ? g_strdup_printf ("%u", n_events) : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->label), count);

  if (self->cluster_more > 0)
    {
      g_autofree char *places = NULL;

      /* TRANSLATORS: accessible name of a map marker that holds several places; %s is
       * the name of the first one, %u the number of the others */
      places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more place",
                                             "%s and %u more places", self->cluster_more),
                                dl_place_get_name (self->place), self->cluster_more);
      /* TRANSLATORS: accessible name of a map marker holding several places: the places
       * (%s) and their number of events (%u) */
      name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u event", "%s, %u events",
                                           n_events), places, n_events);
    }
  else if (n_events > 0)
    /* TRANSLATORS: accessible name of a map marker: place name and its number of events */
    name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u event", "%s, %u events",
                                         n_events),
                            dl_place_get_name (self->place), n_events);
  else
    name = g_strdup (dl_place_get_name (self->place));
  if (self->cluster_more == 0 && dl_place_get_suggested (self->place))
    {
      /* TRANSLATORS: accessible name of the marker of a place the app drafted and the
       * user has not accepted yet; %s is its name and number of events */
      char *suggested = g_strdup_printf (_("Suggested place: %s"), name);

      g_free (name);
      name = suggested;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Accepted, or back to a suggestion by an undo: hollow or filled, with dark or light
 * digits. */
static void
place_suggested_changed_cb (DlMarker *self)
{
  if (dl_place_get_suggested (self->place))
    gtk_widget_add_css_class (GTK_WIDGET (self), "suggested");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "suggested");
  sync_text (self);
}

/* A rename in the editor reaches the tooltip and what a screen reader says at once. */
static void
place_name_changed_cb (DlMarker *self)
{
  gtk_widget_set_tooltip_text (self->button, dl_place_get_name (self->place));
  sync_text (self);
}

DlMarker *
dl_marker_new (DlPlace *place)
{
  DlMarker *self;
  DlLonLat anchor;

  g_return_val_if_fail (DL_IS_PLACE (place), NULL);

  self = g_object_new (DL_TYPE_MARKER, NULL);
  self->place = g_object_ref (place);
  anchor = dl_place_get_anchor (place);
  shumate_location_set_location (SHUMATE_LOCATION (self), anchor.lat, anchor.lon);
  gtk_widget_set_tooltip_text (self->button, dl_place_get_name (place));
  g_signal_connect_object (place, "notify::name", G_CALLBACK (place_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (place, "notify::suggested",
                           G_CALLBACK (place_suggested_changed_cb), self, G_CONNECT_SWAPPED);
  place_suggested_changed_cb (self);
  return self;
}

DlPlace *
dl_marker_get_place (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), NULL);

  return self->place;
}

void
dl_marker_update (DlMarker *self,
                  guint     n_events,
                  DlActor  *actor)
{
  GdkRGBA color = { 0.38f, 0.38f, 0.42f, 1 };
  DlPlaceStyle style;
  double size_scale;

  g_return_if_fail (DL_IS_MARKER (self));

  /* a plain map's marker-size and marker-symbol */
  dl_place_get_style (self->place, &style);
  size_scale = dl_marker_size_scale (style.marker_size);
  if (actor != NULL)
    {
      double r, g, b;

      dl_actor_get_rgb (actor, &r, &g, &b);
      color = (GdkRGBA) { r, g, b, 1 };
    }
  /* a plain map's marker-color (an area's or a line's stroke), where no actor gives one */
  else if (style.has_marker_color)
    color = (GdkRGBA) { style.marker_color[0], style.marker_color[1],
                        style.marker_color[2], 1 };
  else if (style.has_stroke && dl_place_get_shape (self->place) != DL_PLACE_SHAPE_POINT)
    color = (GdkRGBA) { style.stroke[0], style.stroke[1], style.stroke[2], 1 };

  if (g_strcmp0 (style.marker_symbol, self->symbol) != 0 || size_scale != self->size_scale)
    {
      g_free (self->symbol);
      self->symbol = g_steal_pointer (&style.marker_symbol);
      self->size_scale = size_scale;
      /* the sizes are in style.css */
      gtk_widget_set_size_request (self->button, dl_marker_get_diameter (self),
                                   dl_marker_get_diameter (self));
      if (style.marker_size == DL_MARKER_SIZE_SMALL)
        gtk_widget_add_css_class (self->button, "marker-small");
      else
        gtk_widget_remove_css_class (self->button, "marker-small");
      if (style.marker_size == DL_MARKER_SIZE_LARGE)
        gtk_widget_add_css_class (self->button, "marker-large");
      else
        gtk_widget_remove_css_class (self->button, "marker-large");
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  dl_place_style_clear (&style);

  if (n_events == self->n_events && gdk_rgba_equal (&color, &self->color) && self->updated)
    return;

  self->updated = TRUE;
  self->n_events = n_events;
  self->color = color;
  /* Dark text on light colours, white on dark ones. */
  if (0.299 * color.red + 0.587 * color.green + 0.114 * color.blue > 0.6)
    gtk_widget_add_css_class (self->label, "on-light");
  else
    gtk_widget_remove_css_class (self->label, "on-light");
  sync_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_marker_get_color (DlMarker *self,
                     GdkRGBA  *color)
{
  g_return_if_fail (DL_IS_MARKER (self));
  g_return_if_fail (color != NULL);

  *color = self->color;
}

/* The marker's diameter in pixels, as its marker-size makes it. */
int
dl_marker_get_diameter (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), DL_MARKER_DIAMETER);

  if (self->size_scale < 1)
    return 18;
  if (self->size_scale > 1)
    return 36;
  return DL_MARKER_DIAMETER;
}

guint
dl_marker_get_n_events (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), 0);

  return self->n_events;
}

void
dl_marker_set_selected (DlMarker *self,
                        gboolean  selected)
{
  g_return_if_fail (DL_IS_MARKER (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                        : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dl_marker_get_selected (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), FALSE);

  return self->selected;
}

GtkWidget *
dl_marker_get_button (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), NULL);

  return self->button;
}

/**
 * dl_marker_set_cluster:
 * @n_more: how many other places this marker stands for (0: only its own)
 * @n_events: the events of all of them
 *
 * Makes the marker a cluster of places that would cover each other at this zoom: it shows
 * their events' number and names them all for a screen reader.
 */
void
dl_marker_set_cluster (DlMarker *self,
                       guint     n_more,
                       guint     n_events)
{
  g_return_if_fail (DL_IS_MARKER (self));

  if (n_more == 0)
    n_events = 0;
  if (self->cluster_more == n_more && self->cluster_events == n_events)
    return;
  self->cluster_more = n_more;
  self->cluster_events = n_events;
  if (n_more > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cluster");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cluster");
  sync_text (self);
}

guint
dl_marker_get_cluster_size (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), 0);

  return self->cluster_more;
}

/**
 * dl_marker_set_in_cluster:
 *
 * Hides the marker inside another one's cluster: not drawn, not clickable, not reached by
 * the keyboard nor by a screen reader.
 */
void
dl_marker_set_in_cluster (DlMarker *self,
                          gboolean  in_cluster)
{
  g_return_if_fail (DL_IS_MARKER (self));

  in_cluster = !!in_cluster;
  if (self->in_cluster == in_cluster)
    return;
  self->in_cluster = in_cluster;
  gtk_widget_set_can_target (GTK_WIDGET (self), !in_cluster);
  gtk_widget_set_opacity (self->button, in_cluster ? 0 : 1);
  gtk_widget_set_focusable (self->button, !in_cluster);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_STATE_HIDDEN,
                               in_cluster, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dl_marker_get_in_cluster (DlMarker *self)
{
  g_return_val_if_fail (DL_IS_MARKER (self), FALSE);

  return self->in_cluster;
}
