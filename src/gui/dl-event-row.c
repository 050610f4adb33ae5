/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor.h"
#include "dl-event-row.h"
#include "dl-place.h"
#include "dl-review-buttons.h"

struct _DlEventRow
{
  GtkWidget  parent_instance;

  GtkLabel  *time_label;
  GtkLabel  *title_label;
  GtkLabel  *places_label;
  GtkFlowBox *chips_box;
  GtkWidget *review_buttons;

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
  GtkWidget *child;
  guint n = 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  for (; n > n_actors; n--)
    gtk_flow_box_remove (self->chips_box,
                         gtk_widget_get_last_child (GTK_WIDGET (self->chips_box)));
  for (guint i = 0; i < n_actors; i++)
    {
      const char *role = NULL;
      DlActor *actor = dl_event_get_actor (self->event, i, &role);
      GtkFlowBoxChild *box_child = gtk_flow_box_get_child_at_index (self->chips_box, (int) i);

      if (box_child != NULL)
        dl_actor_chip_set_actor (gtk_flow_box_child_get_child (box_child), actor, role);
      else
        {
          GtkWidget *chip = dl_actor_chip_new (actor, role);

          /* Chips wrap onto more lines rather than cut names short; they are labels, not
           * stops for the keyboard. */
          gtk_flow_box_append (self->chips_box, chip);
          gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
        }
    }
}

static void
update (DlEventRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *places = NULL;
  g_autofree char *accessible_name = NULL;
  g_autoptr(GString) actor_names = NULL;
  guint n_actors;

  if (self->event == NULL)
    {
      sync_chips (self, 0);
      gtk_label_set_text (self->time_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->places_label, "");
      return;
    }

  when = dl_event_format_when (self->event);
  places = dl_event_format_places (self->event);
  gtk_label_set_text (self->time_label, when);
  set_tooltip (GTK_WIDGET (self->time_label),
               dl_event_get_date_assumed (self->event)
               ? _("The text gives no time for this event: it is dated to the "
                   "article’s publication. Set its time in the event editor (F2).")
               : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), when[0] != '\0');
  gtk_label_set_text (self->title_label, dl_event_get_title (self->event));
  gtk_label_set_text (self->places_label, places);
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
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, review_buttons);
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DlEventRow, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-event-row");
  g_type_ensure (DL_TYPE_REVIEW_BUTTONS);
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

static gboolean
chip_query_tooltip_cb (GtkWidget  *chip,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (chip), "dl-chip-tooltip");

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

GtkWidget *
dl_actor_chip_new (DlActor    *actor,
                   const char *role)
{
  GtkWidget *chip;

  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);

  chip = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (chip), TRUE);
  gtk_label_set_xalign (GTK_LABEL (chip), 0);
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (chip, "actor-chip");
  /* asked for when shown: setting a tooltip costs a round trip to the display */
  gtk_widget_set_has_tooltip (chip, TRUE);
  g_signal_connect (chip, "query-tooltip", G_CALLBACK (chip_query_tooltip_cb), NULL);
  dl_actor_chip_set_actor (chip, actor, role);
  return chip;
}

void
dl_actor_chip_set_actor (GtkWidget  *chip,
                         DlActor    *actor,
                         const char *role)
{
  g_autofree char *text = NULL;
  char *tooltip = NULL;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  double r, g, b;

  g_return_if_fail (GTK_IS_LABEL (chip));
  g_return_if_fail (DL_IS_ACTOR (actor));

  /* The dot is a fixed prefix; the name is never parsed as markup. */
  text = g_strconcat ("● ", dl_actor_get_name (actor), NULL);
  gtk_label_set_text (GTK_LABEL (chip), text);

  dl_actor_get_rgb (actor, &r, &g, &b);
  attrs = pango_attr_list_new ();
  attr = pango_attr_foreground_new ((guint16) (r * 65535), (guint16) (g * 65535),
                                    (guint16) (b * 65535));
  attr->start_index = 0;
  attr->end_index = strlen ("●");
  pango_attr_list_insert (attrs, attr);
  gtk_label_set_attributes (GTK_LABEL (chip), attrs);
  pango_attr_list_unref (attrs);

  if (role != NULL && role[0] != '\0')
    /* TRANSLATORS: tooltip of an actor chip: actor name and its role in the event */
    tooltip = g_strdup_printf (_("%s (%s)"), dl_actor_get_name (actor), role);
  else
    tooltip = g_strdup (dl_actor_get_name (actor));
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (chip), "dl-chip-tooltip", tooltip, g_free);
}
