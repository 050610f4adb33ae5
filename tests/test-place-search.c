/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "dl-resources.h"
#include "dl-test-util.h"
#include "dl-test-window.h"
#include "dl-window-private.h"

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "window-story.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->story = dl_story_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->window = dl_test_show_story (fixture->story, 1400, 900);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dl_test_close_window (fixture->window);
  g_clear_object (&fixture->story);
}

static DlPlaceSearch *
place_search (Fixture *fixture)
{
  return dl_map_view_get_place_search (dl_window_get_map_view (fixture->window));
}

/* Types @text as a user does, one character at a time, and returns the results shown. */
static char **
type (Fixture    *fixture,
      const char *text)
{
  DlPlaceSearch *search = place_search (fixture);
  GtkEditable *entry = dl_place_search_get_entry (search);
  GListModel *results = dl_place_search_get_results (search);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **lines;

  gtk_editable_set_text (entry, "");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (entry);

      gtk_editable_insert_text (entry, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (entry, position);
    }
  /* "search-changed" comes from the main loop */
  dl_test_run_for (100);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (results, i);

      g_strv_builder_add (builder, gtk_string_object_get_string (line));
    }
  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}

static gboolean
has_line_starting (char       **lines,
                   const char  *start)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return TRUE;
  return FALSE;
}

static guint
find_line (char       **lines,
           const char  *start)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return i;
  g_assert_not_reached ();
}

static void
test_trip (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(GStrv) lines = type (fixture, "trip");
  g_autofree char *all = g_strjoinv ("\n", lines);
  DlPlaceSearch *search = place_search (fixture);
  gboolean shown = FALSE;

  g_test_message ("%s", all);
  /* both Tripolis, with their countries */
  g_assert_true (has_line_starting (lines, "Tripoli — Libya · capital · "));
  g_assert_true (has_line_starting (lines, "Tripoli — North Lebanon, Lebanon · city · "));

  /* the results are on screen, under the entry */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (search)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      shown = gtk_widget_get_mapped (child);
  g_assert_true (shown);
}

static void
place_chosen_cb (DlPlaceSearch *search,
                 guint          index,
                 guint         *chosen)
{
  *chosen = index;
}

/* Choosing Lebanon's Tripoli centres the map on it. */
static void
test_choose (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(GStrv) lines = type (fixture, "tripoli");
  DlPlaceSearch *search = place_search (fixture);
  ShumateViewport *viewport =
    dl_map_view_get_viewport (dl_window_get_map_view (fixture->window));
  guint chosen_entry = G_MAXUINT;
  guint position = find_line (lines, "Tripoli — North Lebanon");
  gboolean timed_out = FALSE;
  guint timeout;

  g_signal_connect (search, "place-chosen", G_CALLBACK (place_chosen_cb), &chosen_entry);
  dl_place_search_choose (search, position);
  g_assert_cmpuint (chosen_entry, ==, dl_place_search_get_result_entry (search, position));

  /* the map flies there */
  timeout = g_timeout_add_seconds (10, dl_test_flag_cb, &timed_out);
  while (!timed_out &&
         (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - 34.4) > 0.1 ||
          fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 35.8) > 0.1))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_false (timed_out);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 8.0);
  g_assert_cmpstr (gtk_editable_get_text (dl_place_search_get_entry (search)), ==, "Tripoli");
}

static void
test_arabic (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(GStrv) lines = type (fixture, "دمشق");
  g_autofree char *all = g_strjoinv ("\n", lines);

  g_test_message ("%s", all);
  g_assert_nonnull (lines[0]);
  g_assert_true (strstr (lines[0], "Damascus") != NULL);
  g_assert_true (strstr (lines[0], "Syria") != NULL);
}

/* Nothing found: no results, no popover. */
static void
test_nothing (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(GStrv) lines = type (fixture, "qqqzzx");

  g_assert_null (lines[0]);
}

static void
test_describe (void)
{
  g_autoptr(GError) error = NULL;
  DlGazetteer *gazetteer = dl_gazetteer_get_default (&error);
  g_autoptr(GArray) found = NULL;
  gboolean lebanon = FALSE, libya = FALSE;

  g_assert_no_error (error);
  found = dl_gazetteer_lookup (gazetteer, "Tripoli");
  for (guint i = 0; i < found->len; i++)
    {
      guint32 index = g_array_index (found, guint32, i);
      g_autofree char *line = dl_place_search_describe (gazetteer, index, NULL);
      g_autofree char *spanish = dl_place_search_describe (gazetteer, index, "es");
      DlGazetteerEntry entry;

      g_assert_true (dl_gazetteer_get_entry (gazetteer, index, &entry));
      if (g_str_equal (entry.country_code, "LB") && entry.population > 100000)
        {
          g_autofree char *expected = g_strdup_printf ("Tripoli — North Lebanon, Lebanon · "
                                                       "city · ");

          g_assert_true (g_str_has_prefix (line, expected));
          /* the population with its thousands separated */
          g_assert_nonnull (strchr (line + strlen (expected), ','));
          lebanon = TRUE;
        }
      if (g_str_equal (entry.country_code, "LY") && g_str_equal (entry.kind, "capital"))
        {
          g_assert_true (g_str_has_prefix (line, "Tripoli — Libya · capital · "));
          /* in Spanish the local name comes first */
          g_assert_true (g_str_has_prefix (spanish, "Trípoli (Tripoli) — Libya") ||
                         g_str_has_prefix (spanish, "Tripoli — Libya"));
          libya = TRUE;
        }
    }
  g_assert_true (lebanon);
  g_assert_true (libya);

  /* for an Arabic reader: right to left, the Arabic name first, the Latin one isolated */
  g_array_unref (found);
  found = dl_gazetteer_lookup (gazetteer, "دمشق");
  g_assert_cmpuint (found->len, >, 0);
  {
    g_autofree char *line = dl_place_search_describe (gazetteer,
                                                      g_array_index (found, guint32, 0),
                                                      "ar");

    g_assert_true (g_str_has_prefix (line, "\u200Fدمشق (\u2068Damascus\u2069) — "));
  }
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

  g_test_add_func ("/place-search/describe", test_describe);
  g_test_add ("/place-search/trip", Fixture, NULL, fixture_setup, test_trip,
              fixture_teardown);
  g_test_add ("/place-search/choose", Fixture, NULL, fixture_setup, test_choose,
              fixture_teardown);
  g_test_add ("/place-search/arabic", Fixture, NULL, fixture_setup, test_arabic,
              fixture_teardown);
  g_test_add ("/place-search/nothing", Fixture, NULL, fixture_setup, test_nothing,
              fixture_teardown);

  return g_test_run ();
}
