/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-story-details"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-operation.h"
#include "dl-story-details.h"
#include "dl-time.h"

struct _DlStoryDetails
{
  AdwWindow    parent_instance;

  /* Template widgets */
  AdwEntryRow *title_row;
  AdwEntryRow *publisher_row;
  AdwEntryRow *url_row;
  AdwEntryRow *published_row;
  AdwEntryRow *language_row;
  GtkLabel    *error_label;

  DlDocument  *document;
};

G_DEFINE_FINAL_TYPE (DlStoryDetails, dl_story_details, ADW_TYPE_WINDOW)

/* The row's text, stripped; NULL when empty. */
static char *
row_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_row (AdwEntryRow *row,
         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
apply_clicked_cb (DlStoryDetails *self)
{
  dl_story_details_apply (self);
}

static gboolean
apply_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  dl_story_details_apply (DL_STORY_DETAILS (widget));
  return TRUE;
}

static void
dl_story_details_dispose (GObject *object)
{
  DlStoryDetails *self = DL_STORY_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_STORY_DETAILS);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (dl_story_details_parent_class)->dispose (object);
}

static void
dl_story_details_class_init (DlStoryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_story_details_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-story-details.ui");
  gtk_widget_class_bind_template_child (widget_class, DlStoryDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlStoryDetails, language_row);
  gtk_widget_class_bind_template_child (widget_class, DlStoryDetails, published_row);
  gtk_widget_class_bind_template_child (widget_class, DlStoryDetails, publisher_row);
  gtk_widget_class_bind_template_child (widget_class, DlStoryDetails, title_row);
  gtk_widget_class_bind_template_child (widget_class, DlStoryDetails, url_row);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                apply_shortcut_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dl_story_details_init (DlStoryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlStoryDetails *
dl_story_details_new (GtkWindow  *parent,
                      DlDocument *document)
{
  DlStoryDetails *self;
  DlStory *story;

  g_return_val_if_fail (DL_IS_DOCUMENT (document), NULL);

  self = g_object_new (DL_TYPE_STORY_DETAILS, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  story = dl_document_get_story (document);
  set_row (self->title_row, dl_story_get_title (story));
  set_row (self->publisher_row, dl_story_get_publisher (story));
  set_row (self->url_row, dl_story_get_url (story));
  set_row (self->published_row, dl_story_get_published (story));
  set_row (self->language_row, dl_story_get_language (story));
  return self;
}

gboolean
dl_story_details_apply (DlStoryDetails *self)
{
  DlStory *story;
  g_autofree char *title = NULL;
  g_autofree char *publisher = NULL;
  g_autofree char *url = NULL;
  g_autofree char *published = NULL;
  g_autofree char *language = NULL;
  g_autoptr(DlOperation) group = NULL;
  DlTime time;

  g_return_val_if_fail (DL_IS_STORY_DETAILS (self), FALSE);

  story = dl_document_get_story (self->document);
  title = row_text (self->title_row);
  publisher = row_text (self->publisher_row);
  url = row_text (self->url_row);
  published = row_text (self->published_row);
  language = row_text (self->language_row);

  if (published != NULL && !dl_time_parse (published, &time, NULL))
    {
      /* TRANSLATORS: %s is what the user typed as the publication date */
      g_autofree char *message = g_strdup_printf (_("The publication date “%s” is not a date "
                                                    "like 2024-12-08"), published);

      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->published_row));
      return FALSE;
    }

  group = dl_operation_new_group (_("Edit Story Details"));
  if (g_strcmp0 (title, dl_story_get_title (story)) != 0)
    dl_operation_group_add (group, dl_operation_new_set_story_title (story, title));
  if (g_strcmp0 (publisher, dl_story_get_publisher (story)) != 0)
    dl_operation_group_add (group, dl_operation_new_set_story_publisher (story, publisher));
  if (g_strcmp0 (url, dl_story_get_url (story)) != 0)
    dl_operation_group_add (group, dl_operation_new_set_story_url (story, url));
  if (g_strcmp0 (published, dl_story_get_published (story)) != 0)
    dl_operation_group_add (group, dl_operation_new_set_story_published (story, published));
  if (g_strcmp0 (language, dl_story_get_language (story)) != 0)
    dl_operation_group_add (group, dl_operation_new_set_story_language (story, language));

  if (dl_operation_group_get_n_operations (group) > 0)
    dl_document_push (self->document, g_steal_pointer (&group));
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

AdwEntryRow *
dl_story_details_get_row (DlStoryDetails *self,
                          const char     *name)
{
  g_return_val_if_fail (DL_IS_STORY_DETAILS (self), NULL);

  if (g_str_equal (name, "title"))
    return self->title_row;
  if (g_str_equal (name, "publisher"))
    return self->publisher_row;
  if (g_str_equal (name, "url"))
    return self->url_row;
  if (g_str_equal (name, "published"))
    return self->published_row;
  if (g_str_equal (name, "language"))
    return self->language_row;
  g_return_val_if_reached (NULL);
}

const char *
dl_story_details_get_error_text (DlStoryDetails *self)
{
  g_return_val_if_fail (DL_IS_STORY_DETAILS (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
