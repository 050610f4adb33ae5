/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actor-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor-filter.h"

struct _DlActorFilter
{
  GtkPopover   parent_instance;

  GtkWidget   *list_box;
  GtkWidget   *all_button;
  GtkWidget   *none_button;
  GHashTable  *checks;  /* actor id → GtkCheckButton */
  DlViewState *state;
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (DlActorFilter, dl_actor_filter, GTK_TYPE_POPOVER)

static void
sync_checks (DlActorFilter *self)
{
  DlFilter *filter = dl_view_state_get_filter (self->state);
  GHashTableIter iter;
  gpointer key, value;

  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (value, dl_filter_allows_actor (filter, key));
  self->syncing = FALSE;
}

static void
check_toggled_cb (GtkCheckButton *check,
                  DlActorFilter  *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->syncing || self->state == NULL)
    return;

  /* The filter does not know the story's actors: give it the whole ticked set, or none
   * (everything passes) when every actor is ticked. */
  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_ptr_array_add (ids, key);

  if (ids->len == g_hash_table_size (self->checks))
    dl_filter_set_actors (dl_view_state_get_filter (self->state), NULL);
  else
    {
      g_ptr_array_add (ids, NULL);
      dl_filter_set_actors (dl_view_state_get_filter (self->state),
                            (const char * const *) ids->pdata);
    }
}

static void
set_all (DlActorFilter *self,
         gboolean       allowed)
{
  DlFilter *filter;
  g_autoptr(GPtrArray) ids = NULL;

  if (self->state == NULL)
    return;
  filter = dl_view_state_get_filter (self->state);
  if (allowed)
    {
      dl_filter_set_actors (filter, NULL);
      return;
    }
  ids = g_ptr_array_new ();
  g_ptr_array_add (ids, NULL);
  dl_filter_set_actors (filter, (const char * const *) ids->pdata);
}

static void
all_clicked_cb (GtkButton     *button,
                DlActorFilter *self)
{
  set_all (self, TRUE);
}

static void
none_clicked_cb (GtkButton     *button,
                 DlActorFilter *self)
{
  set_all (self, FALSE);
}

static GtkWidget *
row_new (DlActorFilter *self,
         DlActor       *actor)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new ("●");
  GtkWidget *name = gtk_label_new (dl_actor_get_name (actor));
  g_autofree char *count_text = g_strdup_printf ("%u", dl_actor_get_n_events (actor));
  GtkWidget *count = gtk_label_new (count_text);
  g_autofree char *a11y = NULL;
  PangoAttrList *attrs = pango_attr_list_new ();
  double r, g, b;

  dl_actor_get_rgb (actor, &r, &g, &b);
  pango_attr_list_insert (attrs, pango_attr_foreground_new ((guint16) (r * 65535),
                                                            (guint16) (g * 65535),
                                                            (guint16) (b * 65535)));
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.3));
  gtk_label_set_attributes (GTK_LABEL (swatch), attrs);
  pango_attr_list_unref (attrs);
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_tooltip_text (count, _("Number of events"));

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_start (box, 4);

  /* TRANSLATORS: accessible name of an actor in the filter: name and its events */
  a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u event", "%s, %u events",
                                       dl_actor_get_n_events (actor)),
                          dl_actor_get_name (actor), dl_actor_get_n_events (actor));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  g_object_set_data_full (G_OBJECT (check), "dl-actor-id",
                          g_strdup (dl_actor_get_id (actor)), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
  g_hash_table_insert (self->checks, g_strdup (dl_actor_get_id (actor)), check);
  return check;
}

static void
story_changed_cb (DlViewState   *state,
                  DlActorFilter *self)
{
  DlStory *story = dl_view_state_get_story (state);
  GtkWidget *child;
  GListModel *actors;

  g_hash_table_remove_all (self->checks);
  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);
  if (story == NULL)
    return;

  actors = dl_story_get_actors (story);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);

      GtkWidget *check = row_new (self, actor);
      GtkWidget *row;

      gtk_list_box_append (GTK_LIST_BOX (self->list_box), check);
      /* One Tab stop per actor: the check button, not its row too. */
      row = gtk_widget_get_parent (check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
    }
  sync_checks (self);
}

static void
filter_changed_cb (DlViewState   *state,
                   DlActorFilter *self)
{
  sync_checks (self);
}

static void
dl_actor_filter_dispose (GObject *object)
{
  DlActorFilter *self = DL_ACTOR_FILTER (object);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_ACTOR_FILTER);

  G_OBJECT_CLASS (dl_actor_filter_parent_class)->dispose (object);
}

static void
dl_actor_filter_class_init (DlActorFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_actor_filter_dispose;

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               RESOURCE_PREFIX "/ui/dl-actor-filter.ui");
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), DlActorFilter, all_button);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), DlActorFilter, list_box);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), DlActorFilter, none_button);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), all_clicked_cb);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), none_clicked_cb);
}

static void
dl_actor_filter_init (DlActorFilter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
dl_actor_filter_new (void)
{
  return g_object_new (DL_TYPE_ACTOR_FILTER, NULL);
}

void
dl_actor_filter_set_view_state (DlActorFilter *self,
                                DlViewState   *state)
{
  g_return_if_fail (DL_IS_ACTOR_FILTER (self));
  g_return_if_fail (DL_IS_VIEW_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect (state, "story-changed", G_CALLBACK (story_changed_cb), self);
  g_signal_connect (state, "filter-changed", G_CALLBACK (filter_changed_cb), self);
  story_changed_cb (state, self);
}

GtkCheckButton *
dl_actor_filter_get_check (DlActorFilter *self,
                           const char    *actor_id)
{
  g_return_val_if_fail (DL_IS_ACTOR_FILTER (self), NULL);

  return g_hash_table_lookup (self->checks, actor_id);
}
