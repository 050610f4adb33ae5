/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-event-editor.h"
#include "dl-member-chooser.h"
#include "dl-operation.h"
#include "dl-window-private.h"

struct _DlEventEditor
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkLabel             *error_label;
  AdwEntryRow          *title_row;
  AdwEntryRow          *category_row;
  AdwEntryRow          *attribution_row;
  AdwEntryRow          *start_row;
  AdwEntryRow          *end_row;
  AdwEntryRow          *when_row;
  GtkSwitch            *approximate_switch;
  AdwPreferencesGroup  *places_group;
  AdwPreferencesGroup  *actors_group;
  AdwPreferencesGroup  *passages_group;
  GtkMenuButton        *add_place_button;
  GtkMenuButton        *add_actor_button;
  DlMemberChooser      *place_chooser;   /* the popovers of the two buttons */
  DlMemberChooser      *actor_chooser;

  DlDocument           *document;
  DlEvent              *event;
  GPtrArray            *list_rows;  /* the rows of places, actors and passages */
};

G_DEFINE_FINAL_TYPE (DlEventEditor, dl_event_editor, ADW_TYPE_WINDOW)

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_row_time (AdwEntryRow  *row,
              const DlTime *time)
{
  g_autofree char *iso = NULL;

  if (time != NULL && time->precision != DL_TIME_NONE)
    iso = dl_time_to_iso (time);
  set_row_text (row, iso);
}

static void
show_problem (DlEventEditor *self,
              const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
row_value (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GtkWidget *
remove_button_new (const char *action,
                   guint       index,
                   const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_uint32 (index));
  return button;
}

static void role_applied_cb (AdwEntryRow   *row,
                             DlEventEditor *self);

/* A place or actor of the event: its name (as text), its role to edit, Remove. */
static GtkWidget *
member_row_new (DlEventEditor *self,
                const char    *name,
                const char    *role,
                const char    *remove_action,
                guint          index,
                const char    *remove_label)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_editable_set_text (GTK_EDITABLE (row), role != NULL ? role : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                            remove_button_new (remove_action, index, remove_label));
  g_object_set_data (G_OBJECT (row), "dl-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "dl-kind", (gpointer) remove_action);
  g_signal_connect_object (row, "apply", G_CALLBACK (role_applied_cb), self, 0);
  return row;
}

static void
rebuild_lists (DlEventEditor *self)
{
  DlStory *story = dl_document_get_story (self->document);
  GListModel *places = dl_story_get_places (story);
  GListModel *actors = dl_story_get_actors (story);

  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = self->list_rows->pdata[i];

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                      row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);

  for (guint i = 0; i < dl_event_get_n_places (self->event); i++)
    {
      const char *role;
      DlPlace *place = dl_event_get_place (self->event, i, &role);
      /* TRANSLATORS: tooltip of a button; %s is a place name */
      g_autofree char *label = g_strdup_printf (_("Remove %s from the Event"),
                                                dl_place_get_name (place));
      GtkWidget *row = member_row_new (self, dl_place_get_name (place), role,
                                       "editor.remove-place", i, label);

      adw_preferences_group_add (self->places_group, row);
      g_ptr_array_add (self->list_rows, row);
    }
  for (guint i = 0; i < dl_event_get_n_actors (self->event); i++)
    {
      const char *role;
      DlActor *actor = dl_event_get_actor (self->event, i, &role);
      /* TRANSLATORS: tooltip of a button; %s is an actor's name */
      g_autofree char *label = g_strdup_printf (_("Remove %s from the Event"),
                                                dl_actor_get_name (actor));
      GtkWidget *row = member_row_new (self, dl_actor_get_name (actor), role,
                                       "editor.remove-actor", i, label);

      adw_preferences_group_add (self->actors_group, row);
      g_ptr_array_add (self->list_rows, row);
    }
  for (guint i = 0; i < dl_event_get_n_passages (self->event); i++)
    {
      const DlPassage *passage = dl_event_get_passage (self->event, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), passage->exact);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 remove_button_new ("editor.remove-passage", i,
                                                    _("Remove the Passage")));
      adw_preferences_group_add (self->passages_group, row);
      g_ptr_array_add (self->list_rows, row);
    }

  /* what can be added: the story's places and actors the event does not name yet */
  dl_member_chooser_refilter (self->place_chooser);
  dl_member_chooser_refilter (self->actor_chooser);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_place_button),
                            g_list_model_get_n_items (places)
                            > dl_event_get_n_places (self->event));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_actor_button),
                            g_list_model_get_n_items (actors)
                            > dl_event_get_n_actors (self->event));
}

/* The editor shows the event as it is: after an edit here, an undo or a redo. */
static void
update (DlEventEditor *self)
{
  gboolean has_start;

  set_row_text (self->title_row, dl_event_get_title (self->event));
  set_row_text (self->category_row, dl_event_get_category (self->event));
  set_row_text (self->attribution_row, dl_event_get_attribution (self->event));
  set_row_time (self->start_row, dl_event_get_start (self->event));
  set_row_time (self->end_row, dl_event_get_end (self->event));
  set_row_text (self->when_row, dl_event_get_when_text (self->event));
  if (gtk_switch_get_active (self->approximate_switch)
      != dl_event_get_approximate (self->event))
    gtk_switch_set_active (self->approximate_switch, dl_event_get_approximate (self->event));
  /* only a time can be approximate, or end, or be worded */
  has_start = dl_event_get_start (self->event) != NULL
              && dl_event_get_start (self->event)->precision != DL_TIME_NONE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->approximate_switch), has_start);
  gtk_widget_set_sensitive (GTK_WIDGET (self->end_row), has_start);
  gtk_widget_set_sensitive (GTK_WIDGET (self->when_row), has_start);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->end_row),
                               has_start ? NULL : _("Give the event a start first"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->when_row),
                               has_start ? NULL : _("Give the event a start first"));
  rebuild_lists (self);
}

static void
event_notify_cb (DlEvent       *event,
                 GParamSpec    *pspec,
                 DlEventEditor *self)
{
  /* undoing the event's creation takes it out of the story: nothing left to edit */
  if (dl_event_get_story (event) == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  update (self);
}

static void
events_changed_cb (GListModel    *events,
                   guint          position,
                   guint          removed,
                   guint          added,
                   DlEventEditor *self)
{
  if (dl_event_get_story (self->event) == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

static void
push (DlEventEditor *self,
      DlOperation   *operation)
{
  show_problem (self, NULL);
  dl_document_push (self->document, operation);
}

/* A time row's value: TRUE with @time set (precision NONE when empty), or FALSE with
 * the problem shown. */
static gboolean
parse_time_row (DlEventEditor *self,
                AdwEntryRow   *row,
                DlTime        *time)
{
  g_autofree char *text = row_value (row);
  g_autoptr(GError) error = NULL;

  *time = (DlTime) { DL_TIME_NONE };
  if (text == NULL || dl_time_parse (text, time, &error))
    return TRUE;

  {
    /* TRANSLATORS: %s is what the user typed as a time */
    g_autofree char *message = g_strdup_printf (_("“%s” is not a time like 2024-12-08, "
                                                  "2024-12 or 2024-12-08T06:00"), text);

    show_problem (self, message);
  }
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

static void
row_applied_cb (DlEventEditor *self,
                AdwEntryRow   *row)
{
  g_autofree char *value = row_value (row);

  if (dl_event_get_story (self->event) == NULL)
    return;

  if (row == self->title_row && g_strcmp0 (value, dl_event_get_title (self->event)) != 0)
    push (self, dl_operation_new_set_event_title (self->event, value));
  else if (row == self->category_row
           && g_strcmp0 (value, dl_event_get_category (self->event)) != 0)
    push (self, dl_operation_new_set_event_category (self->event, value));
  else if (row == self->attribution_row
           && g_strcmp0 (value, dl_event_get_attribution (self->event)) != 0)
    push (self, dl_operation_new_set_event_attribution (self->event, value));
  else if (row == self->when_row
           && g_strcmp0 (value, dl_event_get_when_text (self->event)) != 0)
    push (self, dl_operation_new_set_event_when_text (self->event, value));
  else if (row == self->start_row || row == self->end_row)
    {
      gboolean start = row == self->start_row;
      const DlTime *now = start ? dl_event_get_start (self->event)
                                : dl_event_get_end (self->event);
      DlTime time;

      if (!parse_time_row (self, row, &time))
        return;
      if (time.precision == DL_TIME_NONE && (now == NULL || now->precision == DL_TIME_NONE))
        return;
      if (now != NULL && dl_time_equal (now, &time))
        return;
      if (start && time.precision == DL_TIME_NONE)
        {
          /* a story writes an end and a wording only with a start: they go with it, in
           * one step that an undo gives back */
          DlOperation *group = dl_operation_new_group (_("Change Event Time"));

          if (dl_event_get_end (self->event) != NULL)
            dl_operation_group_add (group, dl_operation_new_set_event_end (self->event, NULL));
          if (dl_event_get_when_text (self->event) != NULL)
            dl_operation_group_add (group,
                                    dl_operation_new_set_event_when_text (self->event, NULL));
          dl_operation_group_add (group, dl_operation_new_set_event_start (self->event, NULL));
          push (self, group);
        }
      else if (start)
        push (self, dl_operation_new_set_event_start (self->event, &time));
      else
        push (self, dl_operation_new_set_event_end (
                      self->event, time.precision != DL_TIME_NONE ? &time : NULL));
    }
}

static void
approximate_toggled_cb (DlEventEditor *self)
{
  gboolean active = gtk_switch_get_active (self->approximate_switch);

  /* also called when update() shows an undo: then the event already says so */
  if (self->event == NULL || dl_event_get_story (self->event) == NULL
      || active == dl_event_get_approximate (self->event))
    return;
  push (self, dl_operation_new_set_event_approximate (self->event, active));
}

/* A new role for a place or actor: the whole list again, with that role changed. */
static void
role_applied_cb (AdwEntryRow   *row,
                 DlEventEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "dl-index"));
  gboolean is_place = g_str_equal (g_object_get_data (G_OBJECT (row), "dl-kind"),
                                   "editor.remove-place");
  guint n = is_place ? dl_event_get_n_places (self->event)
                     : dl_event_get_n_actors (self->event);
  g_autofree gpointer *members = g_new0 (gpointer, n + 1);
  g_autofree const char **roles = g_new0 (const char *, n + 1);
  g_autofree char *role = row_value (row);

  if (index >= n)
    return;
  for (guint i = 0; i < n; i++)
    members[i] = is_place ? (gpointer) dl_event_get_place (self->event, i, &roles[i])
                          : (gpointer) dl_event_get_actor (self->event, i, &roles[i]);
  if (g_strcmp0 (roles[index], role) == 0)
    return;
  roles[index] = role;
  if (is_place)
    push (self, dl_operation_new_set_event_places (self->event, n, (DlPlace **) members,
                                                   roles));
  else
    push (self, dl_operation_new_set_event_actors (self->event, n, (DlActor **) members,
                                                   roles));
}

static gboolean
event_has_place_cb (gpointer item,
                    gpointer user_data)
{
  DlEventEditor *self = user_data;

  return dl_event_has_place (self->event, item);
}

static gboolean
event_has_actor_cb (gpointer item,
                    gpointer user_data)
{
  DlEventEditor *self = user_data;

  return dl_event_has_actor (self->event, item);
}

static void
member_chosen_cb (DlMemberChooser *chooser,
                  GObject         *item,
                  DlEventEditor   *self)
{
  if (dl_event_get_story (self->event) == NULL)
    return;
  if (DL_IS_PLACE (item) && !dl_event_has_place (self->event, DL_PLACE (item)))
    push (self, dl_operation_new_add_event_place (self->event, DL_PLACE (item), NULL));
  else if (DL_IS_ACTOR (item) && !dl_event_has_actor (self->event, DL_ACTOR (item)))
    push (self, dl_operation_new_add_event_actor (self->event, DL_ACTOR (item), NULL));
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlEventEditor *self = DL_EVENT_EDITOR (widget);
  DlStory *story = dl_document_get_story (self->document);
  const char *id = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "editor.add-place"))
    {
      DlPlace *place = dl_story_lookup_place (story, id);

      if (place != NULL)
        push (self, dl_operation_new_add_event_place (self->event, place, NULL));
    }
  else
    {
      DlActor *actor = dl_story_lookup_actor (story, id);

      if (actor != NULL)
        push (self, dl_operation_new_add_event_actor (self->event, actor, NULL));
    }
}

static void
remove_member_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlEventEditor *self = DL_EVENT_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (g_str_equal (action_name, "editor.remove-place"))
    {
      if (index < dl_event_get_n_places (self->event))
        push (self, dl_operation_new_remove_event_place (self->event, index));
    }
  else if (g_str_equal (action_name, "editor.remove-actor"))
    {
      if (index < dl_event_get_n_actors (self->event))
        push (self, dl_operation_new_remove_event_actor (self->event, index));
    }
  else if (index < dl_event_get_n_passages (self->event))
    push (self, dl_operation_new_remove_event_passage (self->event, index));
}

static void
delete_clicked_cb (DlEventEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* the window's Delete: one step, with its toast and Undo */
  if (DL_IS_WINDOW (parent))
    {
      dl_view_state_select_event (dl_window_get_view_state (DL_WINDOW (parent)), self->event);
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.delete-event", NULL);
    }
  else if (dl_event_get_story (self->event) != NULL)
    push (self, dl_operation_new_remove_event (dl_document_get_story (self->document),
                                               self->event));
  gtk_window_close (GTK_WINDOW (self));
}

static void
undo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  DlEventEditor *self = DL_EVENT_EDITOR (widget);
  DlHistory *history = dl_document_get_history (self->document);

  if (g_str_equal (action_name, "editor.undo"))
    dl_history_undo (history);
  else
    dl_history_redo (history);
}

static void
dl_event_editor_dispose (GObject *object)
{
  DlEventEditor *self = DL_EVENT_EDITOR (object);

  if (self->event != NULL)
    g_signal_handlers_disconnect_by_data (self->event, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (dl_story_get_events (dl_document_get_story (
                                            self->document)), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_EVENT_EDITOR);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_object (&self->event);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (dl_event_editor_parent_class)->dispose (object);
}

static void
dl_event_editor_class_init (DlEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_event_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, actors_group);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, add_actor_button);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, add_place_button);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, approximate_switch);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, attribution_row);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, passages_group);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, places_group);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, DlEventEditor, when_row);
  gtk_widget_class_bind_template_callback (widget_class, approximate_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_applied_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-actor", "s", add_member_action);
  gtk_widget_class_install_action (widget_class, "editor.add-place", "s", add_member_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_cb);
  gtk_widget_class_install_action (widget_class, "editor.remove-actor", "u",
                                   remove_member_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-passage", "u",
                                   remove_member_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-place", "u",
                                   remove_member_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
}

static void
dl_event_editor_init (DlEventEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_rows = g_ptr_array_new ();
  /* TRANSLATORS: placeholder of the search over the story's places */
  self->place_chooser = dl_member_chooser_new (_("Search the Story’s Places"));
  /* TRANSLATORS: placeholder of the search over the story's actors */
  self->actor_chooser = dl_member_chooser_new (_("Search the Story’s Actors"));
  gtk_menu_button_set_popover (self->add_place_button, GTK_WIDGET (self->place_chooser));
  gtk_menu_button_set_popover (self->add_actor_button, GTK_WIDGET (self->actor_chooser));
  g_signal_connect_object (self->place_chooser, "chosen", G_CALLBACK (member_chosen_cb),
                           self, 0);
  g_signal_connect_object (self->actor_chooser, "chosen", G_CALLBACK (member_chosen_cb),
                           self, 0);
}

DlEventEditor *
dl_event_editor_new (GtkWindow  *parent,
                     DlDocument *document,
                     DlEvent    *event)
{
  DlEventEditor *self;

  g_return_val_if_fail (DL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);

  self = g_object_new (DL_TYPE_EVENT_EDITOR, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->event = g_object_ref (event);
  dl_member_chooser_set_items (self->place_chooser,
                               dl_story_get_places (dl_document_get_story (document)),
                               event_has_place_cb, self);
  dl_member_chooser_set_items (self->actor_chooser,
                               dl_story_get_actors (dl_document_get_story (document)),
                               event_has_actor_cb, self);
  g_signal_connect (event, "notify", G_CALLBACK (event_notify_cb), self);
  g_signal_connect (dl_story_get_events (dl_document_get_story (document)), "items-changed",
                    G_CALLBACK (events_changed_cb), self);
  update (self);
  return self;
}

DlEvent *
dl_event_editor_get_event (DlEventEditor *self)
{
  g_return_val_if_fail (DL_IS_EVENT_EDITOR (self), NULL);

  return self->event;
}

AdwEntryRow *
dl_event_editor_get_row (DlEventEditor *self,
                         const char    *name)
{
  g_return_val_if_fail (DL_IS_EVENT_EDITOR (self), NULL);

  if (g_str_equal (name, "title"))
    return self->title_row;
  if (g_str_equal (name, "category"))
    return self->category_row;
  if (g_str_equal (name, "attribution"))
    return self->attribution_row;
  if (g_str_equal (name, "start"))
    return self->start_row;
  if (g_str_equal (name, "end"))
    return self->end_row;
  if (g_str_equal (name, "when"))
    return self->when_row;
  g_return_val_if_reached (NULL);
}

const char *
dl_event_editor_get_error_text (DlEventEditor *self)
{
  g_return_val_if_fail (DL_IS_EVENT_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

DlMemberChooser *
dl_event_editor_get_chooser (DlEventEditor *self,
                             gboolean       places)
{
  g_return_val_if_fail (DL_IS_EVENT_EDITOR (self), NULL);

  return places ? self->place_chooser : self->actor_chooser;
}

GtkSwitch *
dl_event_editor_get_approximate_switch (DlEventEditor *self)
{
  g_return_val_if_fail (DL_IS_EVENT_EDITOR (self), NULL);

  return self->approximate_switch;
}
