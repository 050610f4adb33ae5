/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-recent-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dl-recent-popover.h"
#include "dl-window-chrome.h"

struct _DlRecentPopover
{
  GtkPopover  parent_instance;

  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (DlRecentPopover, dl_recent_popover, GTK_TYPE_POPOVER)

#define URI_KEY "dl-recent-uri"

/* The folder as GNOME Files shows it: under the home folder with "~". */
static char *
display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;

  if (parent == NULL)
    return g_strdup ("/");
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (parent);
}

static GtkWidget *
row_new (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = display_folder (file);
  g_autofree char *path = g_file_get_parse_name (file);
  GtkWidget *row = adw_action_row_new ();

  /* File names are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, path);
  g_object_set_data_full (G_OBJECT (row), URI_KEY, g_file_get_uri (file), g_free);
  return row;
}

static void
row_activated_cb (DlRecentPopover *self,
                  GtkListBoxRow   *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), URI_KEY);

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-uri", "s", uri);
}

static void
dl_recent_popover_show (GtkWidget *widget)
{
  dl_recent_popover_refresh (DL_RECENT_POPOVER (widget));

  GTK_WIDGET_CLASS (dl_recent_popover_parent_class)->show (widget);
}

static void
dl_recent_popover_class_init (DlRecentPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->show = dl_recent_popover_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-recent-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, DlRecentPopover, list);
  gtk_widget_class_bind_template_child (widget_class, DlRecentPopover, stack);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
dl_recent_popover_init (DlRecentPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dl_recent_popover_new (void)
{
  return g_object_new (DL_TYPE_RECENT_POPOVER, NULL);
}

void
dl_recent_popover_refresh (DlRecentPopover *self)
{
  g_autoptr(GPtrArray) files = NULL;
  GtkWidget *child;

  g_return_if_fail (DL_IS_RECENT_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  files = dl_window_chrome_list_recent (DL_WINDOW_RECENT_MAX);
  for (guint i = 0; i < files->len; i++)
    gtk_list_box_append (self->list, row_new (files->pdata[i]));
  gtk_stack_set_visible_child_name (self->stack, files->len > 0 ? "list" : "empty");
}

GtkListBox *
dl_recent_popover_get_list (DlRecentPopover *self)
{
  g_return_val_if_fail (DL_IS_RECENT_POPOVER (self), NULL);

  return self->list;
}

/**
 * dl_recent_popover_focus_first:
 *
 * Gives the keyboard to the first story, or to the popover when there is none, so the
 * arrows, Enter and Escape work at once.
 */
void
dl_recent_popover_focus_first (DlRecentPopover *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (DL_IS_RECENT_POPOVER (self));

  row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}
