/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

#include "dl-resources.h"
#include "dl-test-window.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static DlStory *
load_story (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->story = load_story (data != NULL ? data : "mentions-story.geojson");
  fixture->window = dl_test_show_story (fixture->story, 1400, 900);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

static GtkTextView *
text_view (Fixture *fixture)
{
  return dl_article_view_get_text_view (dl_window_get_article_view (fixture->window));
}

/* The place whose underline covers @iter, or NULL. */
static DlPlace *
underlined_place (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      DlPlace *place = g_object_get_data (l->data, "dl-place");
      PangoUnderline underline = PANGO_UNDERLINE_NONE;

      g_object_get (l->data, "underline", &underline, NULL);
      if (place != NULL && underline != PANGO_UNDERLINE_NONE)
        return place;
    }
  return NULL;
}

/* The underlined ranges of the article as a user sees them: "start-end:place,…". */
static char *
underlined_ranges (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (fixture));
  g_autoptr(GString) ranges = g_string_new (NULL);
  GtkTextIter iter;
  DlPlace *current = NULL;
  int start = 0;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (;;)
    {
      DlPlace *place = gtk_text_iter_is_end (&iter) ? NULL : underlined_place (&iter);

      if (place != current)
        {
          if (current != NULL)
            g_string_append_printf (ranges, "%s%d-%d:%s", ranges->len > 0 ? "," : "", start,
                                    gtk_text_iter_get_offset (&iter),
                                    dl_place_get_id (current));
          current = place;
          start = gtk_text_iter_get_offset (&iter);
        }
      if (gtk_text_iter_is_end (&iter))
        break;
      gtk_text_iter_forward_char (&iter);
    }
  return g_string_free (g_steal_pointer (&ranges), FALSE);
}

static GdkRGBA *
underline_color_at (Fixture *fixture,
                    int      offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (fixture));
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "dl-place") != NULL)
      {
        GdkRGBA *color = NULL;

        g_object_get (l->data, "underline-rgba", &color, NULL);
        return color;
      }
  return NULL;
}

static void
click_offset (Fixture *fixture,
              int      offset)
{
  GtkTextView *view = text_view (fixture);
  GtkGesture *gesture = dl_article_view_get_click_gesture (
    dl_window_get_article_view (fixture->window));
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2,
                                         &x, &y);
  g_signal_emit_by_name (gesture, "pressed", 1, (double) x, (double) y);
  g_signal_emit_by_name (gesture, "released", 1, (double) x, (double) y);
}

static char *
selected_event_ids (Fixture *fixture)
{
  GPtrArray *events = dl_view_state_get_selected_events (
    dl_window_get_view_state (fixture->window));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (ids, (char *) dl_event_get_id (events->pdata[i]));
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static gboolean
marker_selected (Fixture    *fixture,
                 const char *place_id)
{
  DlMarker *marker = dl_map_view_get_marker (dl_window_get_map_view (fixture->window),
                                             dl_story_lookup_place (fixture->story,
                                                                    place_id));

  return marker != NULL && dl_marker_get_selected (marker);
}

static void
test_underlines (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *ranges = underlined_ranges (fixture);
  g_autoptr(GdkRGBA) homs = underline_color_at (fixture, 16);
  DlEvent *taken = dl_story_lookup_event (fixture->story, "homs-taken");
  double r, g, b;

  g_assert_cmpstr (ranges, ==, "15-19:homs,69-73:homs,117-125:damascus,130-136:moscow,"
                               "247-260:golan,286-294:damascus");

  /* in the colour of the place's marker: the actor of its events */
  g_assert_nonnull (homs);
  dl_actor_get_rgb (dl_event_get_main_actor (taken), &r, &g, &b);
  g_assert_cmpfloat_with_epsilon (homs->red, r, 1e-3);
  g_assert_cmpfloat_with_epsilon (homs->green, g, 1e-3);
  g_assert_cmpfloat_with_epsilon (homs->blue, b, 1e-3);
}

/* A story without mentions underlines nothing. */
static void
test_no_mentions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *ranges = underlined_ranges (fixture);

  g_assert_cmpstr (ranges, ==, "");
}

static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *selected = NULL;

  /* "Moscow" (130–136), inside the passage of the flight */
  click_offset (fixture, 132);
  g_assert_true (dl_view_state_get_selected_place (dl_window_get_view_state (fixture->window))
                 == dl_story_lookup_place (fixture->story, "moscow"));
  g_assert_true (marker_selected (fixture, "moscow"));
  g_assert_false (marker_selected (fixture, "homs"));
  g_assert_cmpstr (selected = selected_event_ids (fixture), ==, "flight,asylum");

  /* the second "Homs" */
  click_offset (fixture, 70);
  g_assert_true (marker_selected (fixture, "homs"));
  g_assert_false (marker_selected (fixture, "moscow"));
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  return NULL;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkTextView *view = text_view (fixture);
  GtkEventController *keys = find_controller (GTK_WIDGET (view), "dl-passage-keys");
  gboolean handled = FALSE;
  GtkTextIter iter;

  g_assert_nonnull (keys);
  /* the caret in "Golan Heights", then Enter */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, 250);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &iter);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (marker_selected (fixture, "golan"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();

  g_test_add ("/article-mentions/underlines", Fixture, NULL, fixture_setup, test_underlines,
              fixture_teardown);
  g_test_add ("/article-mentions/no-mentions", Fixture, "window-story.geojson",
              fixture_setup, test_no_mentions, fixture_teardown);
  g_test_add ("/article-mentions/click", Fixture, NULL, fixture_setup, test_click,
              fixture_teardown);
  g_test_add ("/article-mentions/keyboard", Fixture, NULL, fixture_setup, test_keyboard,
              fixture_teardown);

  return g_test_run ();
}
