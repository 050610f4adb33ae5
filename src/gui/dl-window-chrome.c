/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-window-chrome"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-bundled.h"
#include "dl-event-row.h"
#include "dl-recent-popover.h"
#include "dl-settings.h"
#include "dl-story-error.h"
#include "dl-window-actions.h"
#include "dl-window-chrome.h"
#include "dl-window-private.h"

#define RECENT_MIME_TYPE "application/geo+json"
/* The name the recent files are kept under: the program's own, however it was started (a
 * test, a renamed or wrapped binary, with no program name set at all). */
#define RECENT_APP_NAME "dateline"
#define HEADER_NARROW_KEY "dl-header-narrow"
#define HEADER_IDLE_KEY "dl-header-idle"
#define NARROW_RECENT_KEY "dl-narrow-recent"

static GtkWidget *
template_child (DlWindow   *self,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (self), DL_TYPE_WINDOW, name);

  g_assert (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static gboolean
is_story_file (const char *uri)
{
  g_autofree char *lower = g_ascii_strdown (uri, -1);

  return g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json");
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* newest first */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static void
narrow_recent_destroy_cb (GtkWidget *menu_button,
                          GtkWidget *popover)
{
  gtk_widget_unparent (popover);
}

/* The recent stories popped up from the main menu's button, for a narrow window where the
 * Open button is in the menu (GTK 4.8 cannot open the menu's Open Recent submenu itself). */
static GtkWidget *
narrow_recent_popover (DlWindow *self)
{
  GtkWidget *menu_button = template_child (self, "menu_button");
  GtkWidget *popover = g_object_get_data (G_OBJECT (self), NARROW_RECENT_KEY);

  if (popover != NULL)
    return popover;
  popover = dl_recent_popover_new ();
  gtk_widget_set_parent (popover, menu_button);
  g_signal_connect (menu_button, "destroy", G_CALLBACK (narrow_recent_destroy_cb), popover);
  g_object_set_data (G_OBJECT (self), NARROW_RECENT_KEY, popover);
  return popover;
}

/* Ctrl+R: the list under the Open button; in a narrow window, where that button is in the
 * main menu, the same list under the main menu's button. */
static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkWidget *open_button = template_child (self, "open_button");
  GtkWidget *popover;

  if (gtk_widget_get_mapped (open_button))
    {
      adw_split_button_popup (ADW_SPLIT_BUTTON (open_button));
      return;
    }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (template_child (self, "menu_button")));
  popover = narrow_recent_popover (self);
  gtk_popover_popup (GTK_POPOVER (popover));
  dl_recent_popover_focus_first (DL_RECENT_POPOVER (popover));
}

static void
no_recent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
}

/* A file name in a menu label, where "_" marks a mnemonic. */
static char *
escape_underline (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
recent_changed_cb (DlWindow *self)
{
  GMenu *menu = G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), DL_TYPE_WINDOW,
                                                       "recent_menu"));
  g_autoptr(GPtrArray) files = dl_window_chrome_list_recent (DL_WINDOW_RECENT_MAX);

  g_menu_remove_all (menu);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_file_get_basename (files->pdata[i]);
      g_autofree char *label = escape_underline (name);
      g_autofree char *uri = g_file_get_uri (files->pdata[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-uri",
                                               g_variant_new_string (uri));
      g_menu_append_item (menu, item);
    }
  if (files->len == 0)
    g_menu_append (menu, _("No Recent Stories"), "win.no-recent");
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  dl_window_open_any_file (DL_WINDOW (widget), file);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlDocument *document = dl_window_get_document (self);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);

  if (story == NULL)
    {
      dl_window_show_error (self, _("Could Not Open the Sample Story"), error->message);
      return;
    }
  /* unsaved changes stay in their window, as with Open */
  if (application != NULL && document != NULL && dl_document_get_modified (document))
    {
      self = dl_window_new (application);
      gtk_window_present (GTK_WINDOW (self));
    }
  dl_window_set_story (self, story);
}

static void
update_header (DlWindow *self)
{
  gboolean narrow = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), HEADER_NARROW_KEY));

  /* Both are in the main menu too (Ctrl+E; Ctrl+O and Open Recent, Ctrl+R). */
  gtk_widget_set_visible (template_child (self, "export_button"), !narrow);
  gtk_widget_set_visible (template_child (self, "open_button"), !narrow);
}

/* Alt+Left/Right anywhere in the window: the map's previous/next event buttons. */
static void
step_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlMapView *map = dl_window_get_map_view (DL_WINDOW (widget));

  gtk_widget_activate_action (GTK_WIDGET (map),
                              g_str_equal (action_name, "win.next-event")
                              ? "map.next-event" : "map.previous-event", NULL);
}

static gboolean
update_header_idle (gpointer user_data)
{
  DlWindow *self = user_data;

  g_object_set_data (G_OBJECT (self), HEADER_IDLE_KEY, NULL);
  update_header (self);
  return G_SOURCE_REMOVE;
}

/* Before the window is first shown, its default size is the size it opens at: the header
 * must fit it already, or its buttons would widen the window. */
static void
default_width_cb (DlWindow *self)
{
  int width, height;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width <= 0)
    return;
  g_object_set_data (G_OBJECT (self), HEADER_NARROW_KEY,
                     GINT_TO_POINTER (width < DL_WINDOW_HEADER_NARROW));
  update_header (self);
}

static GtkWidget *
find_event_row (GtkWidget *widget,
                DlEvent   *event)
{
  if (DL_IS_EVENT_ROW (widget) && dl_event_row_get_event (DL_EVENT_ROW (widget)) == event)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_event_row (child, event);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* Frames the list is watched for, and frames the row must stay at the top. */
#define ROW_TOP_MAX_FRAMES 120
#define ROW_TOP_STILL_FRAMES 5

typedef struct
{
  DlEvent    *event;
  GListModel *model;      /* the list's: a change ends the job */
  gulong      changed_id;
  GtkWidget  *list;
  guint       tick_id;
  guint       frames;
  guint       still;
} RowToTop;

static void
row_to_top_free (gpointer data)
{
  RowToTop *job = data;

  g_clear_signal_handler (&job->changed_id, job->model);
  g_clear_object (&job->model);
  g_object_unref (job->event);
  g_free (job);
}

/* The list shows other rows (another story, a filter): the lead is no longer the point. */
static void
row_to_top_items_changed_cb (GListModel *model,
                             guint       position,
                             guint       removed,
                             guint       added,
                             RowToTop   *job)
{
  g_clear_signal_handler (&job->changed_id, job->model);
  gtk_widget_remove_tick_callback (job->list, job->tick_id);
}

/* list.scroll-to-item brings a row below the view in at the bottom: in the next frames
 * (GTK 4.8 has no gtk_list_view_scroll_to) its row moves to the top, and is put back there
 * while the rows above it still change height (their text wraps once the pane has its
 * width). */
static gboolean
row_to_top_cb (GtkWidget     *list,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  RowToTop *job = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GtkWidget *row;
  graphene_rect_t bounds;
  double value;

  if (++job->frames > ROW_TOP_MAX_FRAMES || adjustment == NULL)
    return G_SOURCE_REMOVE;
  row = find_event_row (list, job->event);
  if (row == NULL || !gtk_widget_compute_bounds (row, list, &bounds))
    return G_SOURCE_CONTINUE;
  /* the row's list item, with its padding, at the top */
  if (gtk_widget_get_parent (row) != list
      && !gtk_widget_compute_bounds (gtk_widget_get_parent (row), list, &bounds))
    return G_SOURCE_CONTINUE;
  value = gtk_adjustment_get_value (adjustment) + bounds.origin.y;
  value = CLAMP (value, gtk_adjustment_get_lower (adjustment),
                 gtk_adjustment_get_upper (adjustment)
                 - gtk_adjustment_get_page_size (adjustment));
  if (G_APPROX_VALUE (value, gtk_adjustment_get_value (adjustment), 0.5))
    return ++job->still >= ROW_TOP_STILL_FRAMES ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
  job->still = 0;
  gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_CONTINUE;
}

void
dl_window_chrome_row_to_top (GtkListView *list,
                             DlEvent     *event)
{
  RowToTop *job;

  g_return_if_fail (GTK_IS_LIST_VIEW (list));
  g_return_if_fail (DL_IS_EVENT (event));
  g_return_if_fail (gtk_list_view_get_model (list) != NULL);

  job = g_new0 (RowToTop, 1);
  job->event = g_object_ref (event);
  job->list = GTK_WIDGET (list);
  job->model = G_LIST_MODEL (g_object_ref (gtk_list_view_get_model (list)));
  job->changed_id = g_signal_connect (job->model, "items-changed",
                                      G_CALLBACK (row_to_top_items_changed_cb), job);
  job->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (list), row_to_top_cb, job,
                                               row_to_top_free);
}

void
dl_window_chrome_class_init (GtkWidgetClass *widget_class)
{
  /* found with gtk_widget_get_template_child (), not kept in DlWindow */
  gtk_widget_class_bind_template_child_full (widget_class, "export_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "open_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "recent_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "status_page", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.open-recent", NULL, open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  /* never enabled: the greyed item of an empty Open Recent menu */
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, no_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.open-recent", NULL);
  gtk_widget_class_install_action (widget_class, "win.previous-event", NULL,
                                   step_event_action);
  gtk_widget_class_install_action (widget_class, "win.next-event", NULL, step_event_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.previous-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.next-event", NULL);

  g_type_ensure (DL_TYPE_RECENT_POPOVER);
}

/* AdwSplitButton 1.2 leaves its two buttons unnamed for a screen reader ("GtkImage",
 * "GtkMenuButton"): each gets the name its tooltip gives. */
static void
name_split_button (GtkWidget *split)
{
  for (GtkWidget *child = gtk_widget_get_first_child (split); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = NULL;

      if (GTK_IS_MENU_BUTTON (child))
        name = _("Recent Stories");
      else if (GTK_IS_BUTTON (child))
        name = _("Open a Story");
      if (name == NULL)
        continue;
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
    }
}

void
dl_window_chrome_init (DlWindow *self)
{
  g_return_if_fail (DL_IS_WINDOW (self));

  name_split_button (template_child (self, "open_button"));

  /* The legend starts folded (the list names each event's actors with their colours, and
   * unfolded it covers a corner of the map); once unfolded it stays so, in every window
   * and the next time. */
  {
    g_autoptr(GSettings) settings = dl_settings_new ();
    DlMapLegend *legend = dl_map_view_get_legend (dl_window_get_map_view (self));

    if (settings != NULL)
      g_settings_bind (settings, "legend-expanded", dl_map_legend_get_expander (legend),
                       "expanded", G_SETTINGS_BIND_DEFAULT);
  }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  recent_changed_cb (self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_cb), NULL);
  default_width_cb (self);
}

/**
 * dl_window_chrome_set_width:
 *
 * Called at each allocation; the header changes in an idle, as a widget cannot be shown
 * or hidden during an allocation.
 */
void
dl_window_chrome_set_width (DlWindow *self,
                            int       width)
{
  gboolean narrow = width < DL_WINDOW_HEADER_NARROW;
  gboolean was = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), HEADER_NARROW_KEY));
  guint id;

  g_return_if_fail (DL_IS_WINDOW (self));

  if (narrow == was && g_object_get_data (G_OBJECT (self), HEADER_IDLE_KEY) == NULL
      && gtk_widget_get_visible (template_child (self, "export_button")) == !narrow)
    return;
  g_object_set_data (G_OBJECT (self), HEADER_NARROW_KEY, GINT_TO_POINTER (narrow));
  if (g_object_get_data (G_OBJECT (self), HEADER_IDLE_KEY) != NULL)
    return;
  id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_header_idle, g_object_ref (self),
                        g_object_unref);
  g_object_set_data (G_OBJECT (self), HEADER_IDLE_KEY, GUINT_TO_POINTER (id));
}

void
dl_window_chrome_show_error (DlWindow   *self,
                             const char *heading,
                             const char *message)
{
  AdwStatusPage *page;
  g_autofree char *shown = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (DL_IS_WINDOW (self));

  page = ADW_STATUS_PAGE (template_child (self, "status_page"));
  adw_status_page_set_icon_name (page, "dialog-warning-symbolic");
  adw_status_page_set_title (page, heading);
  /* the description is markup; the message names a file, which is text; in Arabic its
   * location still reads first */
  shown = dl_story_error_for_direction (message, gtk_widget_get_direction (GTK_WIDGET (page))
                                                 == GTK_TEXT_DIR_RTL);
  escaped = g_markup_escape_text (shown, -1);
  adw_status_page_set_description (page, escaped);
}

void
dl_window_chrome_add_recent (GFile *file)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };

  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  data.mime_type = (char *) RECENT_MIME_TYPE;
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = (char *) "dateline %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

GPtrArray *
dl_window_chrome_list_recent (guint max)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gtk_recent_info_unref);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, RECENT_APP_NAME)
          && is_story_file (gtk_recent_info_get_uri (info))
          && gtk_recent_info_exists (info))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (infos, compare_recent);
  for (guint i = 0; i < infos->len && i < max; i++)
    g_ptr_array_add (files, g_file_new_for_uri (gtk_recent_info_get_uri (infos->pdata[i])));
  return files;
}
