/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window around the map: the banner when the online map cannot be reached, the empty
 * window after a broken file, Open Recent, the header of a narrow window and the list
 * opening on the lead event at its top. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-event-row.h"
#include "dl-focus.h"
#include "dl-offline-banner.h"
#include "dl-recent-popover.h"
#include "dl-resources.h"
#include "dl-settings.h"
#include "dl-window-actions.h"
#include "dl-window-chrome.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

static char *tmp_dir;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after 30 s. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  for (guint i = 0; i < 300; i++)
    {
      if (condition (data))
        return;
      dl_test_run_for (100);
    }
  g_assert_true (condition (data));
}

static gboolean
not_loading (gpointer window)
{
  return !dl_window_is_loading (window);
}

static gboolean
not_saving (gpointer window)
{
  return !dl_window_is_saving_document (window);
}

static void
open_and_wait (DlWindow *window,
               GFile    *file)
{
  dl_window_open_file (window, file);
  wait_until (not_loading, window);
  /* GtkRecentManager tells of the change in an idle */
  dl_test_run_for (200);
}

static GtkWidget *
find_action_widget (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_widget (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_icon_button (GtkWidget  *widget,
                  const char *icon)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon_button (child, icon);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static DlWindow *
show_window (DlStory *story,
             int      width,
             int      height)
{
  DlWindow *window = dl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (story != NULL)
    dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  dl_test_run_for (300);
  return window;
}

static DlStory *
bundled_story (void)
{
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_bundled_story_load (&error);

  g_assert_no_error (error);
  return story;
}

static GFile *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
copy_story (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                   NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  return write_file (name, contents, length);
}

static void
set_map_source (DlWindow   *window,
                const char *source)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "map-source",
                                  g_variant_new_string (source));
  dl_test_run_for (100);
}

static gboolean
banner_revealed (gpointer banner)
{
  return dl_offline_banner_get_revealed (banner);
}

static gboolean
tiles_loaded (gpointer source)
{
  return dl_online_source_get_n_loaded (source) > 0;
}

/* OpenStreetMap chosen and its server out of reach (a local port nobody listens on, so the
 * test needs no network and fails fast): a banner above the map says so, without covering
 * the map's buttons, and its button switches to the offline map. A server whose tiles come
 * shows no banner. */
static void
test_offline_banner (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  DlWindow *window = show_window (story, 1000, 700);
  DlMapView *map = dl_window_get_map_view (window);
  DlOfflineBanner *banner;
  GtkButton *button;
  g_autoptr(ShumateRasterRenderer) unreachable = NULL;
  g_autoptr(DlOnlineSource) online = NULL;
  g_autoptr(DlOnlineSource) working = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  banner = DL_OFFLINE_BANNER (dl_test_find_widget (GTK_WIDGET (window), DL_TYPE_OFFLINE_BANNER));
  g_assert_nonnull (banner);
  unreachable = shumate_raster_renderer_new_full_from_url (
    "dl-test-unreachable", "Unreachable", "", NULL, 0, 19, 256,
    SHUMATE_MAP_PROJECTION_MERCATOR, "http://127.0.0.1:9/#Z#/#X#/#Y#.png");
  online = dl_online_source_new (SHUMATE_MAP_SOURCE (unreachable));
  dl_map_view_set_online_source (map, online);
  g_assert_false (dl_offline_banner_get_revealed (banner));

  set_map_source (window, "osm");
  g_assert_true (dl_map_view_get_osm (map));
  wait_until (banner_revealed, banner);
  g_assert_false (dl_online_source_get_reachable (online));
  g_assert_cmpuint (dl_online_source_get_n_failed (online), >=, 3);
  dl_test_run_for (400);
  collect_labels (GTK_WIDGET (banner), text);
  g_test_message ("banner: %s", text->str);
  g_assert_nonnull (strstr (text->str, "OpenStreetMap cannot be reached"));
  g_assert_nonnull (strstr (text->str, "Use the Offline Map"));
  button = dl_offline_banner_get_button (banner);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  {
    graphene_rect_t banner_bounds, map_bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (banner), GTK_WIDGET (window),
                                              &banner_bounds));
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (map), GTK_WIDGET (window),
                                              &map_bounds));
    g_assert_cmpfloat (banner_bounds.size.height, >, 0);
    g_assert_cmpfloat (banner_bounds.origin.y + banner_bounds.size.height, <=,
                       map_bounds.origin.y);
  }

  /* Closed, it stays closed while the tiles keep failing ... */
  g_signal_emit_by_name (find_icon_button (GTK_WIDGET (banner), "window-close-symbolic"),
                         "clicked");
  g_assert_false (dl_offline_banner_get_revealed (banner));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  dl_test_run_for (1000);
  g_assert_false (dl_offline_banner_get_revealed (banner));
  /* ... and comes back when OpenStreetMap is chosen again. */
  set_map_source (window, "offline");
  set_map_source (window, "osm");
  g_assert_true (dl_offline_banner_get_revealed (banner));

  /* "Use the Offline Map" */
  g_signal_emit_by_name (button, "clicked");
  dl_test_run_for (100);
  g_assert_false (dl_map_view_get_osm (map));
  g_assert_false (dl_offline_banner_get_revealed (banner));

  /* A source whose tiles come (the offline tiles, behind the same wrapper): no banner. */
  working = dl_online_source_new (dl_map_view_get_offline_source (map));
  dl_map_view_set_online_source (map, working);
  set_map_source (window, "osm");
  wait_until (tiles_loaded, working);
  dl_test_run_for (300);
  g_assert_true (dl_online_source_get_reachable (working));
  g_assert_false (dl_offline_banner_get_revealed (banner));

  set_map_source (window, "offline");
  dl_test_close_window (window);
}

/* A window with no story opens a broken file: the window says what is wrong (as text: the
 * file name has markup characters) and offers the sample story, which opens. */
static void
test_empty_window_error (void)
{
  DlWindow *window = show_window (NULL, 800, 600);
  g_autoptr(GFile) broken = write_file ("<b>broken&.geojson",
                                        "{\"type\": \"FeatureCollection\", \"features\": [", -1);
  g_autoptr(DlStory) sample = bundled_story ();
  g_autoptr(GString) text = g_string_new (NULL);
  AdwStatusPage *page;
  GtkWidget *sample_button;

  page = ADW_STATUS_PAGE (dl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Story Open");
  /* narrow, but no panes to unfold */
  g_assert_true (dl_window_is_narrow (window));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (window), DL_TYPE_WINDOW, "events_button"))));

  open_and_wait (window, broken);
  g_assert_null (dl_window_get_story (window));
  /* the page says it; no dialog on top repeats it */
  g_assert_null (dl_window_get_error_dialog (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (adw_status_page_get_title (page), ==,
                   "Could Not Open “<b>broken&.geojson”");
  collect_labels (GTK_WIDGET (page), text);
  g_test_message ("%s", text->str);
  g_assert_nonnull (strstr (text->str, "\n<b>broken&.geojson:1:"));

  sample_button = find_action_widget (GTK_WIDGET (page), "win.open-sample");
  g_assert_nonnull (sample_button);
  g_assert_true (gtk_widget_get_mapped (sample_button));
  g_assert_nonnull (find_action_widget (GTK_WIDGET (page), "win.open"));
  g_signal_emit_by_name (sample_button, "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (dl_window_get_story (window));
  g_assert_cmpstr (dl_story_get_title (dl_window_get_story (window)), ==,
                   dl_story_get_title (sample));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dl_window_get_map_view (window))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (window), DL_TYPE_WINDOW, "events_button"))));

  dl_test_close_window (window);
  g_file_delete (broken, NULL, NULL);
}

/* Two stories opened: Ctrl+R lists them, newest first, with their folder; choosing one
 * opens it. The main menu's Open Recent lists them too. */
static void
test_open_recent (void)
{
  DlWindow *window = show_window (NULL, 1000, 700);
  g_autoptr(GFile) first = copy_story ("first_story.geojson");
  g_autoptr(GFile) second = copy_story ("second.geojson");
  g_autoptr(GFile) other = copy_story ("by-another-app.geojson");
  GtkWidget *popover;
  GtkListBox *list;
  GtkWidget *row;
  GMenuModel *menu;
  g_autofree char *label = NULL;

  popover = dl_test_find_widget (GTK_WIDGET (window), DL_TYPE_RECENT_POPOVER);
  g_assert_nonnull (popover);
  list = dl_recent_popover_get_list (DL_RECENT_POPOVER (popover));
  menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), DL_TYPE_WINDOW,
                                                      "recent_menu"));

  open_and_wait (window, first);
  open_and_wait (window, second);
  g_assert_true (g_file_equal (dl_document_get_file (dl_window_get_document (window)),
                               second));
  /* a story another application opened is its recent file, not ours */
  {
    g_autofree char *uri = g_file_get_uri (other);
    g_autofree char *filename = NULL;
    GtkRecentData data = { 0 };

    data.mime_type = (char *) "application/geo+json";
    data.app_name = (char *) "org.gnome.Maps";
    data.app_exec = (char *) "gnome-maps %u";
    g_assert_true (gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri,
                                                &data));
    /* and what the test opens stays out of its user's recent files */
    g_object_get (gtk_recent_manager_get_default (), "filename", &filename, NULL);
    g_assert_true (g_str_has_prefix (filename, g_get_tmp_dir ()));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", NULL);
  gtk_test_widget_wait_for_draw (popover);
  g_assert_true (gtk_widget_get_visible (popover));

  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "second.geojson");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, tmp_dir);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "first_story.geojson");
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* the menu: the same two, an underscore shown as itself */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_assert_cmpstr (label, ==, "first__story.geojson");

  g_signal_emit_by_name (list, "row-activated", row);
  wait_until (not_loading, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (g_file_equal (dl_document_get_file (dl_window_get_document (window)),
                               first));

  /* saved under another name, that file comes first */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "copy.geojson", NULL);
    g_autoptr(GFile) copy = g_file_new_for_path (path);
    g_autoptr(GPtrArray) recent = NULL;

    dl_window_save_document_to (window, copy);
    wait_until (not_saving, window);
    dl_test_run_for (200);
    recent = dl_window_chrome_list_recent (10);
    g_assert_cmpuint (recent->len, ==, 3);
    g_assert_true (g_file_equal (recent->pdata[0], copy));
    g_file_delete (copy, NULL, NULL);
  }

  dl_test_close_window (window);
  g_file_delete (first, NULL, NULL);
  g_file_delete (second, NULL, NULL);
  g_file_delete (other, NULL, NULL);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || ADW_IS_SPLIT_BUTTON (widget))
    {
      if (gtk_widget_get_mapped (widget))
        g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* The header's buttons of a @width window: each inside the window, none over another or
 * over the title. */
static GPtrArray *
header_buttons (DlWindow *window,
                int       width)
{
  GtkWidget *header = dl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  GtkWidget *title = dl_test_find_widget (header, ADW_TYPE_WINDOW_TITLE);
  GPtrArray *buttons = g_ptr_array_new ();
  graphene_rect_t title_bounds;

  collect_buttons (header, buttons);
  g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &title_bounds));
  g_test_message ("%d px: %u buttons, title %g px wide", width, buttons->len,
                  title_bounds.size.width);
  g_assert_cmpfloat (title_bounds.size.width, >=, 60);
  for (guint i = 0; i < buttons->len; i++)
    {
      graphene_rect_t a, b;

      g_assert_true (gtk_widget_compute_bounds (buttons->pdata[i], GTK_WIDGET (window), &a));
      g_assert_cmpfloat (a.origin.x, >=, 0);
      g_assert_cmpfloat (a.origin.x + a.size.width, <=, width);
      g_assert_false (graphene_rect_intersection (&a, &title_bounds, NULL));
      for (guint j = i + 1; j < buttons->len; j++)
        {
          g_assert_true (gtk_widget_compute_bounds (buttons->pdata[j], GTK_WIDGET (window),
                                                    &b));
          g_assert_false (graphene_rect_intersection (&a, &b, NULL));
        }
    }
  return buttons;
}

static gboolean
has_action_button (GPtrArray  *buttons,
                   const char *action)
{
  for (guint i = 0; i < buttons->len; i++)
    if (GTK_IS_ACTIONABLE (buttons->pdata[i])
        && g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return TRUE;
  return FALSE;
}

/* At 480 px the header keeps the panes' buttons, the filter, the search and the menu;
 * Open and Export (both in the menu) leave it. At 1000 px they are all there. */
static void
test_header_narrow (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  g_autoptr(GSettings) settings = dl_settings_new ();
  DlWindow *window;
  g_autoptr(GPtrArray) narrow = NULL;
  g_autoptr(GPtrArray) wide = NULL;
  GtkMenuButton *menu_button;

  /* a window remembered 480 px wide */
  g_settings_set_int (settings, "window-width", 480);
  g_settings_set_int (settings, "window-height", 800);
  window = show_window (story, 480, 800);
  narrow = header_buttons (window, 480);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 480);
  g_assert_false (has_action_button (narrow, "win.export"));
  g_assert_false (has_action_button (narrow, "win.open"));
  g_assert_true (dl_window_is_narrow (window));
  menu_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                DL_TYPE_WINDOW,
                                                                "menu_button"));
  g_assert_true (g_ptr_array_find (narrow, menu_button, NULL));
  g_assert_true (g_ptr_array_find (narrow, gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                          DL_TYPE_WINDOW,
                                                                          "search_button"),
                                   NULL));
  g_assert_true (g_ptr_array_find (narrow, gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                          DL_TYPE_WINDOW,
                                                                          "events_button"),
                                   NULL));

  dl_test_close_window (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  window = show_window (story, 1000, 700);
  wide = header_buttons (window, 1000);
  g_assert_true (has_action_button (wide, "win.export"));
  g_assert_true (has_action_button (wide, "win.open"));
  dl_test_close_window (window);
}

/* What Escape does in a popover: its key controller takes it. */
static void
press_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* Ctrl+R in a 480 px window, where the Open button is in the main menu: the recent
 * stories themselves pop up under the menu button (not the menu), the first one has the
 * keyboard, Enter opens it; Escape closes the list. */
static void
test_recent_narrow (void)
{
  g_autoptr(GSettings) settings = dl_settings_new ();
  g_autoptr(GFile) first = copy_story ("narrow_first.geojson");
  g_autoptr(GFile) second = copy_story ("narrow second.geojson");
  GtkMenuButton *menu_button;
  GtkWidget *popover;
  GtkListBox *list;
  GtkListBoxRow *row;
  GtkWidget *focus;
  DlWindow *window;

  /* two stories opened, the second last */
  window = show_window (NULL, 1000, 700);
  open_and_wait (window, first);
  open_and_wait (window, second);
  dl_test_close_window (window);

  g_settings_set_int (settings, "window-width", 480);
  g_settings_set_int (settings, "window-height", 800);
  window = show_window (NULL, 480, 800);
  g_assert_true (dl_window_is_narrow (window));
  menu_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                DL_TYPE_WINDOW,
                                                                "menu_button"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu_button)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  popover = dl_test_find_widget (GTK_WIDGET (menu_button), DL_TYPE_RECENT_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu_button))));
  list = dl_recent_popover_get_list (DL_RECENT_POPOVER (popover));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "narrow second.geojson");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (list, 1))), ==, "narrow_first.geojson");
  /* the keyboard is on the first story */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == GTK_WIDGET (row));

  /* Escape closes it, and Ctrl+R brings it back */
  press_escape (popover);
  g_assert_false (gtk_widget_get_visible (popover));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (popover));

  /* Enter on the second row (what Down, Enter do) opens that story */
  row = gtk_list_box_get_row_at_index (list, 1);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (row, "activate");
  wait_until (not_loading, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_nonnull (dl_window_get_document (window));
  g_assert_true (g_file_equal (dl_document_get_file (dl_window_get_document (window)), first));

  dl_test_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_file_delete (first, NULL, NULL);
  g_file_delete (second, NULL, NULL);
}

/* In an Arabic (right-to-left) interface the error page's message starts with its
 * location, at the right, where a right-to-left reader starts: "story.geojson:1:…" is
 * drawn to the right of the words that follow it, in one right-to-left paragraph. */
static void
test_error_rtl (void)
{
  g_autoptr(GFile) broken = write_file ("rtl.geojson",
                                        "{\"type\": \"FeatureCollection\", \"features\": [", -1);
  DlWindow *window;
  AdwStatusPage *page;
  GtkWidget *label = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  PangoLayout *layout;
  const char *text;
  const char *location;
  const char *words;
  PangoRectangle at_location, at_words;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  window = show_window (NULL, 800, 600);
  page = ADW_STATUS_PAGE (dl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  open_and_wait (window, broken);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* the description label */
  for (GtkWidget *w = GTK_WIDGET (page); w != NULL;)
    {
      if (GTK_IS_LABEL (w) && strstr (gtk_label_get_text (GTK_LABEL (w)), "rtl.geojson:1:"))
        label = w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  layout = gtk_label_get_layout (GTK_LABEL (label));
  text = pango_layout_get_text (layout);
  g_test_message ("%s", text);
  g_assert_cmpint (pango_layout_get_direction (layout, 0), ==, PANGO_DIRECTION_RTL);
  location = strstr (text, "rtl.geojson");
  words = strstr (location, ": ");
  g_assert_nonnull (words);
  words += 2;
  pango_layout_index_to_pos (layout, location - text, &at_location);
  pango_layout_index_to_pos (layout, words - text, &at_words);
  /* on one line: the location to the right of what follows it */
  g_assert_cmpint (at_location.y, ==, at_words.y);
  g_assert_cmpint (at_location.x, >, at_words.x);

  dl_test_close_window (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  g_file_delete (broken, NULL, NULL);
}

/* The list opens with the story's lead event as its first visible row, not at the bottom. */
static void
test_lead_row_top (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  DlWindow *window = show_window (story, 1400, 900);
  GtkWidget *list = GTK_WIDGET (dl_window_get_list_view (window));
  DlEvent *lead = dl_story_get_lead_event (story);
  g_autoptr(DlEvent) oldest = g_list_model_get_item (dl_story_get_events (story), 0);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GtkWidget *row = NULL;
  graphene_rect_t bounds;

  g_assert_true (lead != oldest);
  dl_test_run_for (500);
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *child = dl_test_find_widget (item, DL_TYPE_EVENT_ROW);

      if (child != NULL && dl_event_row_get_event (DL_EVENT_ROW (child)) == lead)
        row = item;
    }
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, list, &bounds));
  g_test_message ("lead row at y %g, scrolled %g of %g", bounds.origin.y,
                  gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpfloat (ABS (bounds.origin.y), <=, 1);

  dl_test_close_window (window);
}

static void
count_tooltips (GtkWidget  *widget,
                const char *prefix,
                guint      *count)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && gtk_widget_get_tooltip_text (widget) != NULL
      && g_str_has_prefix (gtk_widget_get_tooltip_text (widget), prefix))
    (*count)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_tooltips (child, prefix, count);
}

/* One pair of previous/next event buttons in the window (the map's), and Alt+Right steps
 * from anywhere, here with the focus in the events list. */
static void
test_step_keys (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  DlWindow *window = show_window (story, 1400, 900);
  DlViewState *state = dl_window_get_view_state (window);
  g_autoptr(DlEvent) first = g_list_model_get_item (dl_story_get_events (story), 0);
  g_autoptr(DlEvent) second = g_list_model_get_item (dl_story_get_events (story), 1);
  guint n_next = 0, n_previous = 0;

  count_tooltips (GTK_WIDGET (window), "Next Event", &n_next);
  count_tooltips (GTK_WIDGET (window), "Previous Event", &n_previous);
  g_assert_cmpuint (n_next, ==, 1);
  g_assert_cmpuint (n_previous, ==, 1);

  gtk_widget_grab_focus (GTK_WIDGET (dl_window_get_list_view (window)));
  dl_view_state_clear_selection (state);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-event", NULL));
  g_assert_true (dl_view_state_get_selected_events (state)->pdata[0] == first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-event", NULL));
  g_assert_true (dl_view_state_get_selected_events (state)->pdata[0] == second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-event", NULL));
  g_assert_true (dl_view_state_get_selected_events (state)->pdata[0] == first);

  dl_test_close_window (window);
}

/* The legend starts folded; unfolded once, it is unfolded in the next window too. */
static void
test_legend_remembered (void)
{
  g_autoptr(DlStory) story = bundled_story ();
  g_autoptr(GSettings) settings = dl_settings_new ();
  DlWindow *window;
  GtkExpander *expander;

  g_settings_reset (settings, "legend-expanded");
  window = show_window (story, 1400, 900);
  expander = dl_map_legend_get_expander (dl_map_view_get_legend (
    dl_window_get_map_view (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (expander)));
  g_assert_false (gtk_expander_get_expanded (expander));
  gtk_expander_set_expanded (expander, TRUE);
  dl_test_close_window (window);

  window = show_window (story, 1400, 900);
  expander = dl_map_legend_get_expander (dl_map_view_get_legend (
    dl_window_get_map_view (window)));
  g_assert_true (gtk_expander_get_expanded (expander));
  dl_test_close_window (window);
  g_settings_reset (settings, "legend-expanded");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;
  int status;

  /* Open Recent reads and writes XDG_DATA_HOME, libshumate caches tiles in XDG_CACHE_HOME:
   * both private to this run. */
  tmp_dir = g_dir_make_tmp ("dl-chrome-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  cache_home = g_build_filename (tmp_dir, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/window-chrome/offline-banner", test_offline_banner);
  g_test_add_func ("/window-chrome/empty-window-error", test_empty_window_error);
  g_test_add_func ("/window-chrome/open-recent", test_open_recent);
  g_test_add_func ("/window-chrome/header-narrow", test_header_narrow);
  g_test_add_func ("/window-chrome/recent-narrow", test_recent_narrow);
  g_test_add_func ("/window-chrome/error-rtl", test_error_rtl);
  g_test_add_func ("/window-chrome/lead-row-top", test_lead_row_top);
  g_test_add_func ("/window-chrome/step-keys", test_step_keys);
  g_test_add_func ("/window-chrome/legend-remembered", test_legend_remembered);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
