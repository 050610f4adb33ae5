/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text from a story is text: titles, names and passages containing `<b>`, `&`, `&amp;`,
 * `<span foreground="red">` or an underscore are shown exactly as written — in the window
 * title, list rows, marker popovers, tooltips, the article, the error dialog, the export
 * dialog and an exported figure — never parsed as Pango markup or mnemonics.
 *
 * Every piece of hostile text carries a numbered sentinel word (BOLD1, RED5, …). Wherever
 * a sentinel is shown, the markup around it must be shown too: "BOLD1" alone means
 * "<b>BOLD1</b>" was parsed. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-markup"

#include "config.h"

#include <adwaita.h>
#include <dlfcn.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dl-actor-chip.h"
#include "dl-export-dialog.h"
#include "dl-figure.h"
#include "dl-marker.h"
#include "dl-resources.h"
#include "dl-row-text.h"
#include "dl-window-private.h"
#include "dl-test-util.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define TITLE "Title <b>BOLD1</b> &amp;AMP1 <span foreground=\"red\">RED1</span> & _USCORE1"
#define PUBLISHER "Pub <i>ITAL2</i> & Sons"
#define PASSAGE_1 "Rebels <b>BOLD3</b> entered Homs & <span foreground=\"red\">RED3</span>"
#define PASSAGE_2 "The _USCORE3 army left &amp;AMP3 Damascus"
#define TEXT PASSAGE_1 " on Saturday.\n" PASSAGE_2 " overnight."
#define ACTOR "Actor <b>BOLD4</b> &amp;AMP4 _USCORE4"
#define EVENT_1 "Event <span foreground=\"red\">RED5</span> & <b>BOLD5</b> _USCORE5"
#define EVENT_2 "Second &lt;LT15&gt; event"
#define WHEN_TEXT "on <i>ITAL6</i>"
#define ATTRIBUTION "<i>ITAL7</i> &amp;AMP7"
#define CATEGORY "<b>BOLD8</b>"
#define PLACE_1 "Place <b>BOLD9</b> & &lt;LT9&gt; _USCORE9"
#define DESCRIPTION "Desc <i>ITAL10</i>"
#define PLACE_2 "Damascus <span foreground=\"red\">RED11</span>"
#define PLACE_ROLE "<i>ITAL13</i>"
#define ACTOR_ROLE "<b>BOLD14</b>"

/* What has to be around each sentinel where it is shown. */
static const struct {
  const char *word;
  const char *before;
  const char *after;
} sentinels[] = {
  { "BOLD", "<b>", "</b>" },
  { "ITAL", "<i>", "</i>" },
  { "RED", "<span foreground=\"red\">", "</span>" },
  { "AMP", "&amp;", "" },
  { "LT", "&lt;", "&gt;" },
  { "USCORE", "_", "" },
};

static GRegex *sentinel_regex;

/* @text is what a user sees somewhere (@where). */
static void
check_shown_text (const char *where,
                  const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL)
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));

  g_regex_match (sentinel_regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *word = g_match_info_fetch (match, 1);
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      for (guint i = 0; i < G_N_ELEMENTS (sentinels); i++)
        {
          gsize before = strlen (sentinels[i].before);

          if (!g_str_equal (word, sentinels[i].word))
            continue;
          if ((gsize) start < before
              || strncmp (text + start - before, sentinels[i].before, before) != 0
              || strncmp (text + end, sentinels[i].after, strlen (sentinels[i].after)) != 0)
            g_error ("%s shows “%s”: markup or a mnemonic was parsed around %.*s",
                     where, text, end - start, text + start);
        }
      g_match_info_next (match, NULL);
    }
}

typedef struct
{
  GPtrArray *shown;   /* every text a user can see, for the "is it there" checks */
} Seen;

static void
seen (Seen       *s,
      const char *where,
      const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  check_shown_text (where, text);
  g_ptr_array_add (s->shown, g_strdup (text));
}

static gboolean
was_seen (Seen       *s,
          const char *text)
{
  for (guint i = 0; i < s->shown->len; i++)
    if (strstr (g_ptr_array_index (s->shown, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_seen (Seen       *s,
             const char *what,
             const char *text)
{
  if (!was_seen (s, text))
    g_error ("%s “%s” is not shown literally anywhere", what, text);
}

/* Every label, inscription, text view, editable and tooltip under @widget. */
static void
walk (Seen      *s,
      GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    seen (s, type, gtk_label_get_text (GTK_LABEL (widget)));
  else if (DL_IS_ROW_TEXT (widget))
    seen (s, type, dl_row_text_get_text (DL_ROW_TEXT (widget)));
  else if (DL_IS_ACTOR_CHIP (widget))
    seen (s, type, dl_actor_chip_get_text (DL_ACTOR_CHIP (widget)));
  else if (GTK_IS_INSCRIPTION (widget))
    seen (s, type, gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      seen (s, type, text);
    }
  else if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    seen (s, type, gtk_editable_get_text (GTK_EDITABLE (widget)));
  seen (s, "a tooltip", tooltip);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (s, child);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_point (JsonBuilder *b,
           const char  *id,
           const char  *name,
           double       lon,
           double       lat)
{
  json_builder_begin_object (b);
  add_string (b, "type", "Feature");
  add_string (b, "id", id);
  json_builder_set_member_name (b, "geometry");
  json_builder_begin_object (b);
  add_string (b, "type", "Point");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, lon);
  json_builder_add_double_value (b, lat);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  add_string (b, "name", name);
  add_string (b, "kind", "city");
  add_string (b, "description", DESCRIPTION);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_event (JsonBuilder *b,
           const char  *id,
           const char  *title,
           const char  *place,
           const char  *exact)
{
  json_builder_begin_object (b);
  add_string (b, "id", id);
  add_string (b, "title", title);
  json_builder_set_member_name (b, "when");
  json_builder_begin_object (b);
  add_string (b, "start", "2024-12-07");
  add_string (b, "text", WHEN_TEXT);
  json_builder_end_object (b);
  add_string (b, "category", CATEGORY);
  json_builder_set_member_name (b, "places");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "place", place);
  add_string (b, "role", PLACE_ROLE);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "actor", "a1");
  add_string (b, "role", ACTOR_ROLE);
  json_builder_end_object (b);
  json_builder_end_array (b);
  add_string (b, "attribution", ATTRIBUTION);
  json_builder_set_member_name (b, "passages");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "exact", exact);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The hostile story, written with json-glib so that every string is escaped right. */
static GBytes *
hostile_story_bytes (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *text;

  json_builder_begin_object (b);
  add_string (b, "type", "FeatureCollection");
  json_builder_set_member_name (b, "dateline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "article");
  json_builder_begin_object (b);
  add_string (b, "title", TITLE);
  add_string (b, "publisher", PUBLISHER);
  add_string (b, "published", "2024-12-08");
  add_string (b, "text", TEXT);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "id", "a1");
  add_string (b, "name", ACTOR);
  add_string (b, "color", "#c0392b");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  add_event (b, "e1", EVENT_1, "p1", PASSAGE_1);
  add_event (b, "e2", EVENT_2, "p2", PASSAGE_2);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  add_point (b, "p1", PLACE_1, 36.72, 34.73);
  add_point (b, "p2", PLACE_2, 36.29, 33.51);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static DlStory *
hostile_story (void)
{
  g_autoptr(GBytes) bytes = hostile_story_bytes ();
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, "hostile.geojson", &error);

  g_assert_no_error (error);
  return story;
}

static void
wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
}

/* Xvfb starts with the pointer in the middle of the screen, over our window. Resting on a
 * widget with a tooltip starts a timer that GTK 4.8 does not cancel when the window is
 * destroyed; it then fires in the next test and warns (fatally) about the gone surface.
 * Park the pointer in the screen's bottom-right corner, where no window of ours reaches.
 * Xlib is reached through GTK's own copy (dlsym) so that the test needs no -lX11. */
static void
park_pointer (void)
{
#ifdef GDK_WINDOWING_X11
  typedef int (*WarpPointerFunc) (Display *, Window, Window, int, int, unsigned int,
                                  unsigned int, int, int);
  typedef int (*FlushFunc) (Display *);
  GdkDisplay *display = gdk_display_get_default ();
  WarpPointerFunc warp_pointer;
  FlushFunc flush;
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (display))
    return;
  warp_pointer = (WarpPointerFunc) dlsym (RTLD_DEFAULT, "XWarpPointer");
  flush = (FlushFunc) dlsym (RTLD_DEFAULT, "XFlush");
  if (warp_pointer == NULL || flush == NULL)
    return;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  warp_pointer (xdisplay, None, gdk_x11_display_get_xrootwindow (display), 0, 0, 0, 0,
                10000, 10000);
  flush (xdisplay);
#endif
}

/* GTK 4.8 arms a 500 ms tooltip timer (on focus and popovers too, not only under the
 * pointer) that it does not cancel when the window goes; fired after gtk_window_destroy()
 * it warns about the surface being gone. Hide first and let any such timer fire while the
 * surface still exists. */
static void
settle_and_destroy (GtkWindow *window)
{
  gboolean done = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_timeout_add (700, dl_test_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (window);
}

static DlWindow *
show_hostile_window (DlStory *story)
{
  DlWindow *window = dl_window_new (NULL);

  /* a little smaller than Xvfb's 1400×900 screen: the parked pointer stays outside */
  gtk_window_set_default_size (GTK_WINDOW (window), 1380, 880);
  dl_window_set_story (window, story);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* The window, its list rows, markers, tooltips and article; then a marker's popover. */
static void
test_window (void)
{
  g_autoptr(DlStory) story = hostile_story ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  Seen s = { shown };
  DlWindow *window = show_hostile_window (story);
  DlMapView *map = dl_window_get_map_view (window);
  DlMarker *marker = dl_map_view_get_marker (map, dl_story_lookup_place (story, "p1"));
  GtkPopover *popover;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, TITLE);
  seen (&s, "the window title", gtk_window_get_title (GTK_WINDOW (window)));
  walk (&s, GTK_WIDGET (window));

  assert_seen (&s, "the title in the header bar", TITLE);
  assert_seen (&s, "an event title in the list", EVENT_1);
  assert_seen (&s, "an event title in the list", EVENT_2);
  assert_seen (&s, "the article", TEXT);
  assert_seen (&s, "a marker's tooltip", PLACE_1);
  assert_seen (&s, "an actor chip", ACTOR);

  /* Clicking the marker opens a popover listing its events and passages. */
  g_assert_nonnull (marker);
  g_signal_emit_by_name (dl_marker_get_button (marker), "clicked");
  wait_for_draw (GTK_WIDGET (window));
  /* the popover shows once the map has moved to the marker (meson's timeout bounds this) */
  while ((popover = dl_map_view_get_popover (map)) == NULL
         || !gtk_widget_get_visible (GTK_WIDGET (popover)))
    g_main_context_iteration (NULL, TRUE);

  g_ptr_array_set_size (shown, 0);
  walk (&s, GTK_WIDGET (popover));
  assert_seen (&s, "the place in its popover", PLACE_1);
  assert_seen (&s, "the event in the popover", EVENT_1);

  settle_and_destroy (GTK_WINDOW (window));
}

/* The actor filter's popover lists the actors by name. */
static void
test_actor_filter (void)
{
  g_autoptr(DlStory) story = hostile_story ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  Seen s = { shown };
  DlWindow *window = show_hostile_window (story);

  walk (&s, GTK_WIDGET (dl_window_get_actor_filter (window)));
  assert_seen (&s, "the actor in the filter", ACTOR);
  settle_and_destroy (GTK_WINDOW (window));
}

/* A broken file whose name and contents are markup: the error dialog shows both as
 * written. */
static void
test_error_dialog (void)
{
  const char *content = "{\"type\":\"<b>BOLD12</b> & <i>ITAL12</i>\",\"features\":[]}";
  g_autoptr(DlStory) story = hostile_story ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dateline-markup-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  Seen s = { shown };
  DlWindow *window;
  GtkWindow *dialog;

  g_assert_no_error (error);
  /* no "/" in a file name: no closing tags */
  path = g_build_filename (dir, "&amp;AMP16 <big> & _USCORE16.geojson", NULL);
  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  window = show_hostile_window (story);
  dl_window_open_file (window, file);
  while (dl_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  dialog = dl_window_get_error_dialog (window);
  g_assert_nonnull (dialog);
  wait_for_draw (GTK_WIDGET (dialog));

  walk (&s, GTK_WIDGET (dialog));
  assert_seen (&s, "the file name in the error dialog", "&amp;AMP16 <big> & _USCORE16.geojson");
  assert_seen (&s, "the quoted value in the error message", "<b>BOLD12</b> & <i>ITAL12</i>");
  /* The story it had is still shown. */
  g_assert_true (dl_window_get_story (window) == story);

  settle_and_destroy (dialog);
  settle_and_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* The Export dialog: its title field and preview captions. */
static void
test_export_dialog (void)
{
  g_autoptr(DlStory) story = hostile_story ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  Seen s = { shown };
  DlWindow *window = show_hostile_window (story);
  g_autoptr(GListModel) toplevels = NULL;
  GtkWidget *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (top) == GTK_WINDOW (window))
        dialog = GTK_WIDGET (top);
    }
  g_assert_nonnull (dialog);
  wait_for_draw (dialog);

  walk (&s, dialog);
  settle_and_destroy (GTK_WINDOW (dialog));
  settle_and_destroy (GTK_WINDOW (window));
}

/* An exported PDF: its text, as pdftotext reads it, shows the markup as written. */
static void
test_export_pdf (void)
{
  g_autoptr(DlStory) story = hostile_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dateline-markup-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", NULL, NULL, NULL };
  int status;
  Seen s = { shown };

  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  pdf = g_build_filename (dir, "figure.pdf", NULL);
  txt = g_build_filename (dir, "figure.txt", NULL);
  file = g_file_new_for_path (pdf);

  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_PDF, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);

  argv[4] = pdf;
  argv[5] = txt;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_file_get_contents (txt, &text, NULL, &error);
  g_assert_no_error (error);

  /* One text: a long place name wraps onto a second line at a space, so that a tag
   * written in it may start on one line and end on the next. */
  lines = g_strsplit (text, "\n", -1);
  g_free (text);
  text = g_strjoinv (" ", lines);
  seen (&s, "the exported figure", text);

  assert_seen (&s, "the title in the figure", "<b>BOLD1</b>");
  assert_seen (&s, "an event in the figure's caption", "<span foreground=\"red\">RED5</span>");
  assert_seen (&s, "a place label in the figure", "<b>BOLD9</b>");
  assert_seen (&s, "the actor in the legend", "<b>BOLD4</b>");

  g_unlink (pdf);
  g_unlink (txt);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme and GTK warns (fatally). */
  g_test_init (&argc, &argv, NULL);
  dl_test_gui_init ();
  gtk_init ();
  adw_init ();
  dl_resources_ensure ();
  park_pointer ();

  sentinel_regex = g_regex_new ("(BOLD|ITAL|RED|AMP|LT|USCORE)[0-9]+", 0, 0, NULL);

  g_test_add_func ("/markup/window", test_window);
  g_test_add_func ("/markup/actor-filter", test_actor_filter);
  g_test_add_func ("/markup/error-dialog", test_error_dialog);
  g_test_add_func ("/markup/export-dialog", test_export_dialog);
  g_test_add_func ("/markup/export-pdf", test_export_pdf);

  status = g_test_run ();
  g_regex_unref (sentinel_regex);
  return status;
}
