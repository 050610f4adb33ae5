/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor.h"
#include "dl-actor-chips.h"
#include "dl-event-row.h"
#include "dl-place.h"
#include "dl-review-buttons.h"
#include "dl-row-text.h"

struct _DlEventRow
{
  GtkWidget  parent_instance;

  DlRowText    *time_label;
  DlRowText    *title_label;
  DlRowText    *places_label;
  DlActorChips *chips_box;
  GtkWidget    *review_buttons;   /* made for the first suggested event the row shows */

  DlEvent   *event;
  gulong     notify_id;
};

G_DEFINE_FINAL_TYPE (DlEventRow, dl_event_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GTK 4.8 asks the X server where the pointer is on every gtk_widget_set_tooltip_text()
 * of a visible widget: rows are bound by the dozen while the list scrolls, so a tooltip is
 * set only when it changes. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

/* The row's chips for its actors: those it has are kept and given new actors, so that
 * binding a row to another event creates no widget when the numbers of actors match. */
static void
sync_chips (DlEventRow *self,
            guint       n_actors)
{
  DlActor **actors = g_newa (DlActor *, MAX (n_actors, 1));
  const char **roles = g_newa (const char *, MAX (n_actors, 1));

  for (guint i = 0; i < n_actors; i++)
    actors[i] = dl_event_get_actor (self->event, i, &roles[i]);
  dl_actor_chips_set (self->chips_box, n_actors, actors, roles);
}

/* The badge and the Accept, Edit and Reject buttons, for a suggested event only: most
 * events are not, and a row made for one has no buttons to build. */
static void
sync_review (DlEventRow *self)
{
  gboolean suggested = self->event != NULL && dl_event_get_suggested (self->event);

  if (suggested && self->review_buttons == NULL)
    {
      self->review_buttons = dl_review_buttons_new ();
      gtk_widget_insert_after (self->review_buttons, GTK_WIDGET (self), NULL);
    }
  /* once made, they follow the row's event and hide themselves for a plain one */
  if (self->review_buttons != NULL)
    dl_review_buttons_set_item (DL_REVIEW_BUTTONS (self->review_buttons),
                                G_OBJECT (self->event));
}

static void
update (DlEventRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *places = NULL;
  g_autofree char *accessible_name = NULL;
  g_autoptr(GString) actor_names = NULL;
  guint n_actors;

  sync_review (self);
  if (self->event == NULL)
    {
      /* the list unbinds a row before it binds it again: its chips are kept for that */
      gtk_widget_set_visible (GTK_WIDGET (self->chips_box), FALSE);
      dl_row_text_set_text (self->time_label, "");
      dl_row_text_set_text (self->title_label, "");
      dl_row_text_set_text (self->places_label, "");
      return;
    }

  when = dl_event_format_when (self->event);
  places = dl_event_format_places (self->event);
  dl_row_text_set_text (self->time_label, when);
  set_tooltip (GTK_WIDGET (self->time_label),
               dl_event_get_date_assumed (self->event)
               ? _("The text gives no time for this event: it is dated to the "
                   "article’s publication. Set its time in the event editor (F2).")
               : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), when[0] != '\0');
  dl_row_text_set_text (self->title_label, dl_event_get_title (self->event));
  dl_row_text_set_text (self->places_label, places);
  gtk_widget_set_visible (GTK_WIDGET (self->places_label), places[0] != '\0');

  n_actors = dl_event_get_n_actors (self->event);
  sync_chips (self, n_actors);
  actor_names = g_string_new (NULL);
  for (guint i = 0; i < n_actors; i++)
    {
      if (actor_names->len > 0)
        g_string_append (actor_names, _(", "));
      g_string_append (actor_names, dl_actor_get_name (dl_event_get_actor (self->event, i,
                                                                           NULL)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), n_actors > 0);

  /* One sentence a screen reader can say for the whole row, on the row and on the list
   * item that holds it (the focusable one), since GTK 4.8 names neither. */
  /* TRANSLATORS: what a screen reader says for an event row: when, title, places, actors */
  accessible_name = g_strdup_printf (_("%s: %s. Places: %s. Actors: %s."), when,
                                     dl_event_get_title (self->event), places,
                                     actor_names->str);
  if (dl_event_get_suggested (self->event))
    {
      /* TRANSLATORS: what a screen reader says for an event the app drafted and the user
       * has not accepted yet; %s is the rest of what it says for the row */
      char *suggested = g_strdup_printf (_("Suggested: %s"), accessible_name);

      g_free (accessible_name);
      accessible_name = suggested;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
}

static void
dl_event_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DlEventRow *self = DL_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_event_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DlEventRow *self = DL_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      dl_event_row_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_event_row_dispose (GObject *object)
{
  DlEventRow *self = DL_EVENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_EVENT_ROW);
  if (self->review_buttons != NULL)
    g_clear_pointer (&self->review_buttons, gtk_widget_unparent);
  if (self->event != NULL)
    g_clear_signal_handler (&self->notify_id, self->event);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (dl_event_row_parent_class)->dispose (object);
}

static void
dl_event_row_class_init (DlEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_event_row_dispose;
  object_class->get_property = dl_event_row_get_property;
  object_class->set_property = dl_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, DL_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, places_label);
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-event-row");
  g_type_ensure (DL_TYPE_ACTOR_CHIPS);
  g_type_ensure (DL_TYPE_ROW_TEXT);
}

static void
dl_event_row_init (DlEventRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
}

GtkWidget *
dl_event_row_new (void)
{
  return g_object_new (DL_TYPE_EVENT_ROW, NULL);
}

void
dl_event_row_set_event (DlEventRow *self,
                        DlEvent    *event)
{
  g_return_if_fail (DL_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || DL_IS_EVENT (event));

  if (self->event == event)
    return;
  if (self->event != NULL)
    g_clear_signal_handler (&self->notify_id, self->event);
  g_set_object (&self->event, event);
  /* an edit of the event shows at once */
  if (event != NULL)
    self->notify_id = g_signal_connect_object (event, "notify", G_CALLBACK (update), self,
                                               G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

DlEvent *
dl_event_row_get_event (DlEventRow *self)
{
  g_return_val_if_fail (DL_IS_EVENT_ROW (self), NULL);

  return self->event;
}

char *
dl_event_format_when (DlEvent *event)
{
  const char *text;
  const DlTime *start;
  g_autofree char *date = NULL;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);

  text = dl_event_get_when_text (event);
  start = dl_event_get_start (event);
  if (start != NULL && start->precision != DL_TIME_NONE)
    date = dl_event_format_start (event);

  if (date != NULL && dl_event_get_date_assumed (event))
    /* TRANSLATORS: a drafted event the text gives no time for is dated to the article's
     * publication day: "8 Dec 2024 · article’s date" */
    return g_strdup_printf (_("%s · article’s date"), date);
  if (text != NULL && text[0] != '\0' && date != NULL)
    /* TRANSLATORS: the article's wording of a time, then its date: "on Sunday · 8 Dec 2024" */
    return g_strdup_printf (_("%s · %s"), text, date);
  if (date != NULL)
    return g_steal_pointer (&date);
  return g_strdup (text != NULL ? text : "");
}

char *
dl_event_format_places (DlEvent *event)
{
  GString *names = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);

  n = dl_event_get_n_places (event);
  for (guint i = 0; i < n; i++)
    {
      DlPlace *place = dl_event_get_place (event, i, NULL);

      if (names->len > 0)
        /* TRANSLATORS: separates place names in a list */
        g_string_append (names, _(", "));
      g_string_append (names, dl_place_get_name (place));
    }
  return g_string_free (names, FALSE);
}
