/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-article-text.h"
#include "dl-new-story-dialog.h"
#include "dl-window-actions.h"
#include "dl-window-private.h"

/* A new story goes to this window when it shows none, else to a new window of the
 * application, so that the story open stays open. */
static DlWindow *
window_for_new_story (DlWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  DlWindow *window;

  if (dl_window_get_story (self) == NULL || application == NULL)
    return self;
  window = dl_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
story_created_cb (DlNewStoryDialog *dialog,
                  DlStory          *story,
                  DlWindow         *self)
{
  dl_window_set_story (window_for_new_story (self), story);
}

static void
new_story_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlNewStoryDialog *dialog = dl_new_story_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "story-created", G_CALLBACK (story_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dl_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-story", NULL);
}

void
dl_window_new_story_from_file (DlWindow *self,
                               GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(DlStory) story = NULL;
  DlArticleInfo info = { NULL };

  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  text = dl_article_text_from_file (file, &title, NULL, &error);
  if (text != NULL)
    {
      if (title == NULL)
        {
          char *dot = strrchr (name, '.');

          title = g_strdup (name);
          if (dot != NULL && dot != name)
            title[dot - name] = '\0';
        }
      info.title = title;
      story = dl_article_new_story (text, &info, &error);
    }
  if (story == NULL)
    {
      /* TRANSLATORS: heading of the error dialog; %s is the file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      dl_window_show_error (self, heading, error->message);
      return;
    }

  dl_window_set_story (window_for_new_story (self), story);
}

void
dl_window_open_any_file (DlWindow *self,
                         GFile    *file)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (dl_new_story_is_article_file (file))
    dl_window_new_story_from_file (self, file);
  else
    dl_window_open_file (self, file);
}
