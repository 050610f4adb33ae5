/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-color.h"
#include "dl-figure.h"
#include "dl-marker.h"
#include "dl-place-properties.h"
#include "dl-filter.h"
#include "dl-resources.h"
#include "dl-window-private.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

/* The window reads the story to its reader: the search marks its matches in the article and
 * Enter goes to the first one; a plain map's place shows what its file carries; where the
 * data comes from is one expandable line. */

typedef struct
{
  DlWindow *window;
  DlStory  *story;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->story = dl_bundled_story_load (&error);
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

/* The texts the article shows under @tag, in order. */
static GPtrArray *
tagged_texts (GtkTextBuffer *buffer,
              GtkTextTag    *tag)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (TRUE)
    {
      GtkTextIter end;

      if (!gtk_text_iter_starts_tag (&iter, tag) &&
          !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      if (!gtk_text_iter_starts_tag (&iter, tag))
        continue;
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      g_ptr_array_add (texts, gtk_text_iter_get_text (&iter, &end));
      iter = end;
    }
  return texts;
}

static guint
count_folded (const char *text,
              const char *word)
{
  g_autofree char *folded = dl_text_fold (text);
  guint n = 0;

  for (const char *p = strstr (folded, word); p != NULL; p = strstr (p + 1, word))
    n++;
  return n;
}

static void
search_for (Fixture    *fixture,
            const char *text)
{
  GtkSearchEntry *entry = dl_window_get_search_entry (fixture->window);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* the entry reports a change after a short delay */
  for (guint i = 0; i < 40 && g_strcmp0 (dl_filter_get_text (dl_view_state_get_filter (
         dl_window_get_view_state (fixture->window))), text[0] ? text : NULL) != 0; i++)
    dl_test_run_for (50);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
test_search_marks (Fixture       *fixture,
                   gconstpointer  data)
{
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dl_article_view_get_text_view (article));
  GtkTextTag *tag = dl_article_view_get_search_tag (article);
  const char *text = dl_story_get_text (fixture->story);
  g_autoptr(GPtrArray) marked = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint expected = count_folded (text, "moscow");

  g_assert_cmpuint (expected, >, 1);
  marked = tagged_texts (buffer, tag);
  g_assert_cmpuint (marked->len, ==, 0);

  /* Any case: every "Moscow" of the article is marked, and nothing else. */
  search_for (fixture, "MOSCOW");
  g_clear_pointer (&marked, g_ptr_array_unref);
  marked = tagged_texts (buffer, tag);
  g_assert_cmpuint (marked->len, ==, expected);
  for (guint i = 0; i < marked->len; i++)
    {
      g_autofree char *folded = dl_text_fold (marked->pdata[i]);

      g_assert_cmpstr (folded, ==, "moscow");
    }

  /* Two words mark both. */
  search_for (fixture, "moscow homs");
  g_clear_pointer (&marked, g_ptr_array_unref);
  marked = tagged_texts (buffer, tag);
  g_assert_cmpuint (marked->len, ==, expected + count_folded (text, "homs"));

  /* Cleared with the search. */
  gtk_widget_activate_action (GTK_WIDGET (dl_window_get_search_entry (fixture->window)),
                              "win.search", NULL);
  search_for (fixture, "");
  after = tagged_texts (buffer, tag);
  g_assert_cmpuint (after->len, ==, 0);
}

/* A search that matches nothing leaves no mark of the one before it: neither its words,
 * nor the emphasis of what Enter selected, and the list says nothing matches. */
static void
test_search_no_match (Fixture       *fixture,
                      gconstpointer  data)
{
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dl_article_view_get_text_view (article));
  DlViewState *state = dl_window_get_view_state (fixture->window);
  g_autoptr(GPtrArray) marked = NULL;
  g_autoptr(GPtrArray) emphasised = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) emphasised_after = NULL;

  search_for (fixture, "moscow");
  g_signal_emit_by_name (dl_window_get_search_entry (fixture->window), "activate");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  marked = tagged_texts (buffer, dl_article_view_get_search_tag (article));
  emphasised = tagged_texts (buffer, dl_article_view_get_emphasis_tag (article));
  g_assert_cmpuint (marked->len, >, 0);
  g_assert_cmpuint (emphasised->len, >, 0);

  search_for (fixture, "xqzwv");
  g_assert_cmpuint (dl_view_state_get_n_shown (state), ==, 0);
  after = tagged_texts (buffer, dl_article_view_get_search_tag (article));
  emphasised_after = tagged_texts (buffer, dl_article_view_get_emphasis_tag (article));
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpuint (emphasised_after->len, ==, 0);
}

static void
test_search_enter (Fixture       *fixture,
                   gconstpointer  data)
{
  DlViewState *state = dl_window_get_view_state (fixture->window);
  GtkListView *list = dl_window_get_list_view (fixture->window);
  GtkSelectionModel *selection = gtk_list_view_get_model (list);
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dl_article_view_get_text_view (article));
  g_autoptr(DlEvent) first = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) emphasised = NULL;
  GPtrArray *events;
  const DlPassage *passage;

  search_for (fixture, "homs");
  g_assert_cmpuint (dl_view_state_get_n_shown (state), >, 1);
  g_assert_cmpuint (dl_view_state_get_selected_events (state)->len, ==, 0);

  g_signal_emit_by_name (dl_window_get_search_entry (fixture->window), "activate");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* the first row of the list is selected, and only it */
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_bitset_contains (selected, 0));
  events = dl_view_state_get_selected_events (state);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_true (events->pdata[0] == first);

  /* its passage is emphasised in the article */
  g_assert_cmpuint (dl_event_get_n_passages (first), >, 0);
  passage = dl_event_get_passage (first, 0);
  emphasised = tagged_texts (buffer, dl_article_view_get_emphasis_tag (article));
  g_assert_cmpuint (emphasised->len, >, 0);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < emphasised->len; i++)
      found = found || strstr (emphasised->pdata[i], passage->exact) != NULL;
    g_assert_true (found);
  }

  /* the map goes to its place */
  {
    ShumateViewport *viewport = dl_map_view_get_viewport (
      dl_window_get_map_view (fixture->window));
    DlPlace *place = dl_event_get_place (first, 0, NULL);
    DlLonLat anchor = dl_place_get_anchor (place);

    for (guint i = 0; i < 40; i++)
      dl_test_run_for (100);
    g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))
                             - anchor.lat), <, 1.0);
    g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))
                             - anchor.lon), <, 1.0);
  }

  /* Enter right after typing, before the entry's delay: the first match of the new text */
  gtk_editable_set_text (GTK_EDITABLE (dl_window_get_search_entry (fixture->window)),
                         "tartus");
  g_signal_emit_by_name (dl_window_get_search_entry (fixture->window), "activate");
  events = dl_view_state_get_selected_events (state);
  g_assert_cmpuint (events->len, ==, 1);
  {
    g_autoptr(DlEvent) now_first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
    gboolean at_tartus = FALSE;

    g_assert_true (events->pdata[0] == now_first);
    for (guint i = 0; i < dl_event_get_n_places (now_first); i++)
      at_tartus |= g_strcmp0 (dl_place_get_id (dl_event_get_place (now_first, i, NULL)),
                              "tartus") == 0;
    g_assert_true (at_tartus);
  }
}

static DlStory *
load_plain (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "plain-styled.geojson",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return story;
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GtkPopover *
open_place (DlWindow *window,
            DlPlace  *place)
{
  DlMapView *map = dl_window_get_map_view (window);
  DlMarker *marker = dl_map_view_get_marker (map, place);
  GtkPopover *popover;

  g_assert_nonnull (marker);
  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  popover = dl_map_view_get_popover (map);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  return popover;
}

/* A plain map's place shows its name, its description and a table of what else it
 * carries, as text; its simplestyle members are not rows. */
static void
test_plain_properties (void)
{
  g_autoptr(DlStory) story = load_plain ();
  DlWindow *window = dl_window_new (NULL);
  DlPlace *cafe = dl_test_place_named (story, "Café de la Gare");
  g_autoptr(GPtrArray) grids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  static const char * const expected[][2] = {
    { "opening_hours", "Mo-Fr 08:00-18:00" },
    { "capacity", "40" },
    { "wheelchair", "true" },
    { "note", "<i>bring</i> & share" },
    { "tags", "{\"amenity\":\"cafe\",\"levels\":[1,2]}" },
  };
  GtkPopover *popover;
  GtkWidget *grid;
  gboolean description_shown = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  popover = open_place (window, cafe);
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_GRID, grids);
  g_assert_cmpuint (grids->len, ==, 1);
  grid = grids->pdata[0];

  /* rows of key and value, in file order, after the name and description */
  for (int row = 0; gtk_grid_get_child_at (GTK_GRID (grid), 0, row) != NULL; row++)
    {
      g_ptr_array_add (cells, gtk_grid_get_child_at (GTK_GRID (grid), 0, row));
      g_ptr_array_add (cells, gtk_grid_get_child_at (GTK_GRID (grid), 1, row));
    }
  g_assert_cmpuint (cells->len, ==, 2 * (G_N_ELEMENTS (expected) + 1));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkLabel *key = cells->pdata[2 * i], *value = cells->pdata[2 * i + 1];

      g_assert_cmpstr (gtk_label_get_text (key), ==, expected[i][0]);
      /* shown as written, never as markup */
      g_assert_cmpstr (gtk_label_get_text (value), ==, expected[i][1]);
      g_assert_false (gtk_label_get_use_markup (value));
    }
  /* the long value wraps inside the popover */
  {
    GtkLabel *key = cells->pdata[cells->len - 2], *value = cells->pdata[cells->len - 1];

    g_assert_cmpstr (gtk_label_get_text (key), ==, "long");
    g_assert_true (gtk_label_get_wrap (value));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (value)), <,
                     gtk_widget_get_width (GTK_WIDGET (popover)));
    /* "40" takes one line */
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (value)), >,
                     2 * gtk_widget_get_height (GTK_WIDGET (cells->pdata[3])));
  }

  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      description_shown |= g_strcmp0 (text, "Meeting point <b>before</b> the march") == 0;
      /* simplestyle is drawn, not listed */
      g_assert_cmpstr (text, !=, "marker-color");
      g_assert_cmpstr (text, !=, "#e0218a");
    }
  g_assert_true (description_shown);

  dl_test_close_window (window);
}

/* The provenance of a place is one "Sources" line, folded until the reader opens it. */
static void
test_sources_expander (Fixture       *fixture,
                       gconstpointer  data)
{
  DlPlace *homs = dl_story_lookup_place (fixture->story, "homs");
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkPopover *popover;
  GtkExpander *expander;
  GtkWidget *child;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (dl_place_get_source (homs));
  popover = open_place (fixture->window, homs);
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_EXPANDER, expanders);
  g_assert_cmpuint (expanders->len, ==, 1);
  expander = expanders->pdata[0];
  g_assert_cmpstr (gtk_expander_get_label (expander), ==, "Sources");
  g_assert_false (gtk_expander_get_expanded (expander));
  child = gtk_expander_get_child (expander);
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child)), ==,
                   "Coordinates: GeoNames (CC BY 4.0).");

  /* the description no longer carries it */
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (labels->pdata[i] != child && gtk_widget_is_ancestor (labels->pdata[i],
                                                             GTK_WIDGET (expander)) == FALSE)
      g_assert_null (strstr (gtk_label_get_text (labels->pdata[i]), "GeoNames"));

  gtk_expander_set_expanded (expander, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_mapped (child));
}

static void
add_tag (GtkTextTag *tag,
         gpointer    tags)
{
  g_ptr_array_add (tags, tag);
}

/* The article's text reads on every tint, on the emphasis and on the search's matches, in
 * light and in dark style. */
static void
assert_tints_readable (Fixture *fixture,
                       gboolean dark)
{
  DlArticleView *article = dl_window_get_article_view (fixture->window);
  GtkTextView *view = dl_article_view_get_text_view (article);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view));
  /* libadwaita 1.2's view colours */
  double page[3] = { 1, 1, 1 }, text[3] = { 0.2, 0.2, 0.2 };
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  guint n_tints = 0;

  if (dark)
    {
      page[0] = page[1] = page[2] = 0x1e / 255.0;
      text[0] = text[1] = text[2] = 1;
    }
  gtk_text_tag_table_foreach (table, add_tag, tags);
  for (guint i = 0; i < tags->len; i++)
    {
      GtkTextTag *tag = tags->pdata[i];
      g_autofree char *name = NULL;
      g_autoptr(GdkRGBA) background = NULL;
      gboolean set = FALSE;
      double rgb[3], on[3];

      g_object_get (tag, "name", &name, "background-rgba", &background,
                    "background-set", &set, NULL);
      if (!set || background == NULL)
        continue;
      rgb[0] = background->red;
      rgb[1] = background->green;
      rgb[2] = background->blue;
      dl_color_over (rgb, background->alpha, page, on);
      g_test_message ("%s %s: %.2f:1", dark ? "dark" : "light", name,
                      dl_color_contrast (text, on));
      g_assert_cmpfloat (dl_color_contrast (text, on), >=, 4.5);
      /* the tint still shows on the page */
      g_assert_cmpfloat (dl_color_delta_e (on, page), >=, 3.0);
      if (name != NULL && g_str_has_prefix (name, "tint:"))
        n_tints++;
    }
  g_assert_cmpuint (n_tints, >, 5);
}

static void
test_tints_readable (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  search_for (fixture, "moscow");
  assert_tints_readable (fixture, FALSE);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (adw_style_manager_get_dark (manager));
  assert_tints_readable (fixture, TRUE);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint ((int) x, >=, 0);
  g_assert_cmpint ((int) y, >=, 0);
  g_assert_cmpint ((int) x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint ((int) y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
}

/* The export draws a plain map with its own colours, a line without an arrowhead and
 * without a marker at its middle. */
static void
test_export_simplestyle (void)
{
  g_autoptr(DlStory) story = load_plain ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  DlFigureLayout layout;
  DlPlace *cafe = dl_test_place_named (story, "Café de la Gare");
  DlPlace *line = dl_test_place_named (story, "March route");
  const DlLonLat *points;
  guint n = 0;
  double x, y, vx, vy, ex, ey, dx, dy, len;
  guint32 pixel;

  options->width = 800;
  options->height = 600;
  options->fit = FALSE;
  options->center_lat = 48.83;
  options->center_lon = 2.30;
  options->zoom = 10;
  options->basemap = FALSE;
  options->show_title = options->legend = options->callouts = FALSE;
  options->scale_bar = options->labels = options->timeline = FALSE;
  dl_figure_draw (story, options, cr, &layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* the marker at the café is in its marker-color, #e0218a, around its cafe symbol (at
   * 800×600 the disc is 8 pixels in radius, the symbol 6) */
  dl_test_figure_point (&layout, dl_place_get_anchor (cafe), &x, &y);
  pixel = pixel_at (surface, x + 7, y);
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  g_assert_cmpint (ABS ((int) (pixel >> 16 & 0xff) - 0xe0), <=, 3);
  g_assert_cmpint (ABS ((int) (pixel >> 8 & 0xff) - 0x21), <=, 3);
  g_assert_cmpint (ABS ((int) (pixel & 0xff) - 0x8a), <=, 3);

  /* the line in its stroke colour, #1040ff, halfway along its first stretch */
  points = dl_place_get_part (line, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  dl_test_figure_point (&layout, points[0], &x, &y);
  dl_test_figure_point (&layout, points[1], &vx, &vy);
  pixel = pixel_at (surface, (x + vx) / 2, (y + vy) / 2);
  g_assert_cmpint (ABS ((int) (pixel >> 16 & 0xff) - 0x10), <=, 4);
  g_assert_cmpint (ABS ((int) (pixel & 0xff) - 0xff), <=, 4);
  /* no marker over its middle vertex: below the apex, inside where a marker's disc would
   * be, the figure is still transparent */
  g_assert_cmpuint (pixel_at (surface, vx, vy + 11) >> 24, <, 0x20);

  /* no arrowhead at its end: beside the last stretch, where the wings of a head would be,
   * nothing is drawn */
  dl_test_figure_point (&layout, points[2], &ex, &ey);
  dx = ex - vx;
  dy = ey - vy;
  len = hypot (dx, dy);
  dx /= len;
  dy /= len;
  for (int side = -1; side <= 1; side += 2)
    {
      double px = ex - dx * 12 + side * -dy * 5.3;
      double py = ey - dy * 12 + side * dx * 5.3;

      g_assert_cmpuint (pixel_at (surface, px, py) >> 24, <, 0x40);
    }
  cairo_surface_destroy (surface);
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

  g_test_add ("/map-reads/search-marks", Fixture, NULL, fixture_setup, test_search_marks,
              fixture_teardown);
  g_test_add ("/map-reads/search-no-match", Fixture, NULL, fixture_setup,
              test_search_no_match, fixture_teardown);
  g_test_add ("/map-reads/search-enter", Fixture, NULL, fixture_setup, test_search_enter,
              fixture_teardown);
  g_test_add ("/map-reads/sources-expander", Fixture, NULL, fixture_setup,
              test_sources_expander, fixture_teardown);
  g_test_add ("/map-reads/tints-readable", Fixture, NULL, fixture_setup, test_tints_readable,
              fixture_teardown);
  g_test_add_func ("/map-reads/plain-properties", test_plain_properties);
  g_test_add_func ("/map-reads/export-simplestyle", test_export_simplestyle);
  return g_test_run ();
}
