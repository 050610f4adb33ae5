/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-window.h"

struct _DlWindow
{
  AdwApplicationWindow parent_instance;

  AdwWindowTitle *window_title;
  AdwStatusPage  *status_page;

  DlStory        *story;
};

G_DEFINE_FINAL_TYPE (DlWindow, dl_window, ADW_TYPE_APPLICATION_WINDOW)

static void
dl_window_dispose (GObject *object)
{
  DlWindow *self = DL_WINDOW (object);

  g_clear_object (&self->story);

  G_OBJECT_CLASS (dl_window_parent_class)->dispose (object);
}

static void
dl_window_class_init (DlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, window_title);
}

static void
dl_window_init (DlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlWindow *
dl_window_new (GtkApplication *application)
{
  return g_object_new (DL_TYPE_WINDOW, "application", application, NULL);
}

void
dl_window_set_story (DlWindow *self,
                     DlStory  *story)
{
  const char *title;

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (DL_IS_STORY (story));

  g_set_object (&self->story, story);
  title = dl_story_get_title (story);
  if (title == NULL)
    title = _("Untitled story");
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, dl_story_get_publisher (story));
  adw_status_page_set_title (self->status_page, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

DlStory *
dl_window_get_story (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->story;
}

void
dl_window_open_file (DlWindow *self,
                     GFile    *file)
{
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  story = dl_story_new_from_file (file, NULL, &error);
  if (story == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  dl_window_set_story (self, story);
}
