/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actors-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actors-dialog.h"
#include "dl-operation.h"
#include "dl-review-buttons.h"

struct _DlActorsDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;

  DlDocument          *document;
  GPtrArray           *rows;
  char                *expanded_id;  /* the actor whose row is open, kept across rebuilds */
};

G_DEFINE_FINAL_TYPE (DlActorsDialog, dl_actors_dialog, ADW_TYPE_WINDOW)

static DlActor *
row_actor (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "dl-actor") : NULL;
}

static char *
entry_value (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
name_applied_cb (AdwEntryRow    *row,
                 DlActorsDialog *self)
{
  DlActor *actor = row_actor (GTK_WIDGET (row));
  g_autofree char *name = entry_value (GTK_EDITABLE (row));

  if (actor != NULL && name != NULL && g_strcmp0 (name, dl_actor_get_name (actor)) != 0)
    dl_document_push (self->document, dl_operation_new_set_actor_name (actor, name));
}

static void
kind_applied_cb (AdwEntryRow    *row,
                 DlActorsDialog *self)
{
  DlActor *actor = row_actor (GTK_WIDGET (row));
  g_autofree char *kind = entry_value (GTK_EDITABLE (row));

  if (actor != NULL && g_strcmp0 (kind, dl_actor_get_kind (actor)) != 0)
    dl_document_push (self->document, dl_operation_new_set_actor_kind (actor, kind));
}

static void
aliases_applied_cb (AdwEntryRow    *row,
                    DlActorsDialog *self)
{
  DlActor *actor = row_actor (GTK_WIDGET (row));
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;
  const char * const *now;

  if (actor == NULL)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  aliases = g_strv_builder_end (builder);
  now = dl_actor_get_aliases (actor);
  if (g_strv_equal ((const char * const *) aliases, now != NULL ? now
                                                                : (const char * const[]) { NULL }))
    return;
  dl_document_push (self->document,
                    dl_operation_new_set_actor_aliases (actor, (const char * const *) aliases));
}

static void
set_color (DlActorsDialog *self,
           DlActor        *actor,
           const char     *color)
{
  if (actor != NULL && g_ascii_strcasecmp (color, dl_actor_get_color (actor)) != 0)
    dl_document_push (self->document, dl_operation_new_set_actor_color (actor, color));
}

static void
swatch_clicked_cb (GtkButton      *button,
                   DlActorsDialog *self)
{
  set_color (self, row_actor (GTK_WIDGET (button)),
             g_object_get_data (G_OBJECT (button), "dl-color"));
}

static void
custom_color_cb (GtkColorButton *button,
                 DlActorsDialog *self)
{
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  set_color (self, row_actor (GTK_WIDGET (button)), color);
}

static void
delete_clicked_cb (GtkButton      *button,
                   DlActorsDialog *self)
{
  DlActor *actor = row_actor (GTK_WIDGET (button));

  if (actor != NULL)
    dl_document_push (self->document,
                      dl_operation_new_remove_actor (dl_document_get_story (self->document),
                                                     actor));
}

static void
expanded_cb (AdwExpanderRow *row,
             GParamSpec     *pspec,
             DlActorsDialog *self)
{
  DlActor *actor = g_object_get_data (G_OBJECT (row), "dl-actor");

  if (adw_expander_row_get_expanded (row))
    {
      g_free (self->expanded_id);
      self->expanded_id = g_strdup (dl_actor_get_id (actor));
    }
  else if (g_strcmp0 (self->expanded_id, dl_actor_get_id (actor)) == 0)
    g_clear_pointer (&self->expanded_id, g_free);
}

static GtkWidget *
swatch_new (const char *color,
            gboolean    current)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *css = g_strdup_printf ("* { background: %s; border-radius: 50%%; }", color);

  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (swatch),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_set_size_request (swatch, 20, 20);
  gtk_button_set_child (GTK_BUTTON (button), swatch);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  if (current)
    gtk_widget_add_css_class (button, "dl-swatch-current");
  g_object_set_data_full (G_OBJECT (button), "dl-color", g_strdup (color), g_free);
  /* the colour's code is what a screen reader can say of it */
  gtk_widget_set_tooltip_text (button, color);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  color, -1);
  return button;
}

static GtkWidget *
actor_row_new (DlActorsDialog *self,
               DlActor        *actor)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *chip = swatch_new (dl_actor_get_color (actor), FALSE);
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *kind = adw_entry_row_new ();
  GtkWidget *aliases = adw_entry_row_new ();
  GtkWidget *colors = adw_action_row_new ();
  GtkWidget *box = gtk_flow_box_new ();
  GtkWidget *custom = gtk_color_button_new ();
  GtkWidget *delete_row = adw_action_row_new ();
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete Actor"));
  const char * const *palette = dl_actor_get_palette (NULL);
  const char * const *alias_list = dl_actor_get_aliases (actor);
  g_autofree char *alias_text = alias_list != NULL ? g_strjoinv (", ", (char **) alias_list)
                                                   : g_strdup ("");
  GdkRGBA rgba;

  g_object_set_data_full (G_OBJECT (row), "dl-actor", g_object_ref (actor), g_object_unref);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dl_actor_get_name (actor));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                 dl_actor_get_kind (actor) ? dl_actor_get_kind (actor) : "");
  gtk_widget_set_sensitive (chip, FALSE);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), chip);
  /* a draft's suggested actor: Suggested, Accept, Reject */
  {
    GtkWidget *review = dl_review_buttons_new ();

    dl_review_buttons_set_document (DL_REVIEW_BUTTONS (review), self->document);
    dl_review_buttons_set_item (DL_REVIEW_BUTTONS (review), G_OBJECT (actor));
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), review);
  }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), dl_actor_get_name (actor));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
  g_signal_connect_object (name, "apply", G_CALLBACK (name_applied_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind),
                                 _("Kind (person, state, group, people …)"));
  gtk_editable_set_text (GTK_EDITABLE (kind),
                         dl_actor_get_kind (actor) ? dl_actor_get_kind (actor) : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (kind), TRUE);
  g_signal_connect_object (kind, "apply", G_CALLBACK (kind_applied_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kind);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (aliases),
                                 _("Other Names, Separated by Commas"));
  gtk_editable_set_text (GTK_EDITABLE (aliases), alias_text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (aliases), TRUE);
  g_signal_connect_object (aliases, "apply", G_CALLBACK (aliases_applied_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), aliases);

  /* the palette first: colours told apart on the map and with colour blindness */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (colors), _("Colour"));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; palette[i] != NULL; i++)
    {
      GtkWidget *swatch = swatch_new (palette[i],
                                      g_ascii_strcasecmp (palette[i],
                                                          dl_actor_get_color (actor)) == 0);

      g_signal_connect_object (swatch, "clicked", G_CALLBACK (swatch_clicked_cb), self, 0);
      gtk_flow_box_append (GTK_FLOW_BOX (box), swatch);
    }
  gdk_rgba_parse (&rgba, dl_actor_get_color (actor));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (custom), &rgba);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (custom), FALSE);
  gtk_widget_set_tooltip_text (custom, _("Another Colour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (custom), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Another Colour"), -1);
  gtk_widget_set_valign (custom, GTK_ALIGN_CENTER);
  g_signal_connect_object (custom, "color-set", G_CALLBACK (custom_color_cb), self, 0);
  gtk_flow_box_append (GTK_FLOW_BOX (box), custom);
  gtk_widget_set_hexpand (box, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (colors), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), colors);

  gtk_widget_add_css_class (delete, "destructive-action");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  {
    /* TRANSLATORS: %u is a number of events */
    g_autofree char *used = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "In %u event: deleting the actor "
                                                          "takes it out of it",
                                                          "In %u events: deleting the actor "
                                                          "takes it out of them",
                                                          dl_actor_get_n_events (actor)),
                                             dl_actor_get_n_events (actor));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete_row), used);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (delete_row), delete);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), delete_row);

  if (g_strcmp0 (self->expanded_id, dl_actor_get_id (actor)) == 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
  return row;
}

static void
rebuild (DlActorsDialog *self)
{
  GListModel *actors = dl_story_get_actors (dl_document_get_story (self->document));
  g_autofree char *expanded = g_strdup (self->expanded_id);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_free (self->expanded_id);
  self->expanded_id = g_steal_pointer (&expanded);

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);
      GtkWidget *row = actor_row_new (self, actor);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
history_changed_cb (DlHistory      *history,
                    DlActorsDialog *self)
{
  rebuild (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  dl_actors_dialog_add_actor (DL_ACTORS_DIALOG (widget));
}

static void
dl_actors_dialog_dispose (GObject *object)
{
  DlActorsDialog *self = DL_ACTORS_DIALOG (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (dl_document_get_history (self->document), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_ACTORS_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded_id, g_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (dl_actors_dialog_parent_class)->dispose (object);
}

static void
dl_actors_dialog_class_init (DlActorsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_actors_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-actors-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlActorsDialog, group);

  gtk_widget_class_install_action (widget_class, "actors.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "actors.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dl_actors_dialog_init (DlActorsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

DlActorsDialog *
dl_actors_dialog_new (GtkWindow  *parent,
                      DlDocument *document)
{
  DlActorsDialog *self;

  g_return_val_if_fail (DL_IS_DOCUMENT (document), NULL);

  self = g_object_new (DL_TYPE_ACTORS_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  g_signal_connect (dl_document_get_history (document), "changed",
                    G_CALLBACK (history_changed_cb), self);
  rebuild (self);
  return self;
}

DlActor *
dl_actors_dialog_add_actor (DlActorsDialog *self)
{
  DlStory *story;
  GListModel *actors;
  const char * const *palette = dl_actor_get_palette (NULL);
  const char *color = palette[0];
  const char *name = _("New Actor");
  g_autofree char *id = NULL;
  g_autoptr(DlActor) actor = NULL;

  g_return_val_if_fail (DL_IS_ACTORS_DIALOG (self), NULL);

  story = dl_document_get_story (self->document);
  actors = dl_story_get_actors (story);
  /* the first colour of the palette no actor has yet */
  for (guint i = 0; palette[i] != NULL; i++)
    {
      gboolean taken = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (actors) && !taken; j++)
        {
          g_autoptr(DlActor) other = g_list_model_get_item (actors, j);

          taken = g_ascii_strcasecmp (dl_actor_get_color (other), palette[i]) == 0;
        }
      if (!taken)
        {
          color = palette[i];
          break;
        }
    }

  id = dl_story_make_id (story, name);
  actor = dl_actor_new (id);
  dl_actor_set_name (actor, name);
  dl_actor_set_color (actor, color);
  g_free (self->expanded_id);
  self->expanded_id = g_strdup (id);
  dl_document_push (self->document, dl_operation_new_add_actor (story, actor));
  return actor;
}

GtkWidget *
dl_actors_dialog_get_row (DlActorsDialog *self,
                          DlActor        *actor)
{
  g_return_val_if_fail (DL_IS_ACTORS_DIALOG (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_object_get_data (G_OBJECT (self->rows->pdata[i]), "dl-actor") == actor)
      return self->rows->pdata[i];
  return NULL;
}
