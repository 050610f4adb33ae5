/* SPDX-License-Identifier: GPL-3.0-or-later */
/* New Story in the window: an article pasted into the dialog becomes a story whose text
 * the article pane shows and whose title the window shows, drafted as `--new-story` drafts
 * it (its events and places suggested: hollow markers, a review bar); a .txt file given to the
 * window (command line, drop) does the same; pasting 50 MB, invalid UTF-8 or NUL bytes
 * through the clipboard shows one message and leaves the dialog's text as it was. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-new-story"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-article-text.h"
#include "dl-marker.h"
#include "dl-new-story-dialog.h"
#include "dl-resources.h"
#include "dl-test-util.h"
#include "dl-test-window.h"
#include "dl-window-actions.h"
#include "dl-window-private.h"
#include "dl-window-review.h"

static char *tmp_dir;

static DlNewStoryDialog *
find_new_story_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DL_IS_NEW_STORY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static DlWindow *
new_window (void)
{
  DlWindow *window = dl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
close_dialog (DlNewStoryDialog *dialog)
{
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  dl_test_run_for (100);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
story_shown (gpointer data)
{
  gpointer *args = data;

  return dl_window_get_story (args[0]) != NULL && dl_window_get_story (args[0]) != args[1];
}

/* Runs the main loop until @window shows a story other than @before (the draft is made in
 * a worker), at most 30 s. */
static void
wait_for_story (DlWindow *window,
                DlStory  *before)
{
  gpointer args[2] = { window, before };

  for (guint i = 0; i < 600 && !story_shown (args); i++)
    dl_test_run_for (50);
  g_assert_true (story_shown (args));
  dl_test_run_for (50);
}

static void
test_create (void)
{
  const char *pasted = "Moscow, Sunday.\n\nAssad arrived in\nMoscow with his family.\n";
  DlWindow *window = new_window ();
  DlNewStoryDialog *dialog;
  g_autofree char *shown = NULL;
  GtkTextView *article;
  DlStory *story;
  GListModel *events;
  DlPlace *moscow;
  DlMarker *marker;
  GtkWidget *bar;

  /* Ctrl+N */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL);
  dialog = find_new_story_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  g_assert_true (dl_new_story_dialog_insert_bytes (dialog, pasted, strlen (pasted), NULL));
  gtk_editable_set_text (GTK_EDITABLE (dl_new_story_dialog_get_title_row (dialog)),
                         "Assad <b>in</b> Moscow");
  g_assert_true (dl_new_story_dialog_create (dialog));
  wait_for_story (window, NULL);
  g_assert_null (find_new_story_dialog ());

  story = dl_window_get_story (window);
  g_assert_nonnull (story);
  g_assert_cmpstr (dl_story_get_text (story), ==,
                   "Moscow, Sunday.\nAssad arrived in Moscow with his family.");
  /* the article pane shows it; the title is text, not markup */
  article = dl_article_view_get_text_view (dl_window_get_article_view (window));
  shown = buffer_text (article);
  g_assert_cmpstr (shown, ==, "Moscow, Sunday.\nAssad arrived in Moscow with his family.");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (article)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Assad <b>in</b> Moscow");
  /* the draft of `--new-story`: an event for each sentence naming a place, Moscow found,
   * all of it suggested, hollow on the map, counted above the list */
  g_assert_cmpstr (gtk_label_get_text (dl_window_get_count_label (window)), ==, "2 events");
  events = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_assert_true (dl_event_get_suggested (event));
    }
  moscow = dl_story_lookup_place (story, "moscow");
  g_assert_nonnull (moscow);
  g_assert_true (dl_place_get_suggested (moscow));
  marker = dl_map_view_get_marker (dl_window_get_map_view (window), moscow);
  g_assert_nonnull (marker);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (marker), "suggested"));
  bar = GTK_WIDGET (dl_window_get_review_bar (window));
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (g_str_has_suffix (dl_review_bar_get_text (DL_REVIEW_BAR (bar)),
                                   "suggestions to review"));

  dl_test_close_window (window);
}

static void
test_refused_create (void)
{
  DlWindow *window = new_window ();
  DlNewStoryDialog *dialog = dl_new_story_dialog_new (GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (dialog));
  /* nothing pasted */
  g_assert_false (dl_new_story_dialog_create (dialog));
  g_assert_cmpstr (dl_new_story_dialog_get_error_text (dialog), ==,
                   "Pasted text: there is no text: paste or open the article itself");
  g_assert_null (dl_window_get_story (window));

  /* a date that is not one */
  g_assert_true (dl_new_story_dialog_insert_bytes (dialog, "Text.", 5, NULL));
  g_assert_null (dl_new_story_dialog_get_error_text (dialog));
  {
    GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dialog));
    AdwEntryRow *published = NULL;

    /* the publication date row: the second entry row of the dialog */
    for (GtkWidget *w = child; w != NULL;)
      {
        if (ADW_IS_ENTRY_ROW (w) && w != GTK_WIDGET (dl_new_story_dialog_get_title_row (dialog)))
          {
            published = ADW_ENTRY_ROW (w);
            break;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_nonnull (published);
    gtk_editable_set_text (GTK_EDITABLE (published), "last Sunday");
  }
  g_assert_false (dl_new_story_dialog_create (dialog));
  g_assert_cmpstr (dl_new_story_dialog_get_error_text (dialog), ==,
                   "The publication date “last Sunday” is not a date like 2024-12-08");
  g_assert_null (dl_window_get_story (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  close_dialog (dialog);
  dl_test_close_window (window);
}

typedef struct
{
  const char *name;
  gsize       length;
  const char *message;
} BadPaste;

/* Pastes @data through the clipboard, as Ctrl+V does; returns once the dialog took it. */
static void
paste (DlNewStoryDialog *dialog,
       GBytes           *bytes)
{
  GtkTextView *view = dl_new_story_dialog_get_text_view (dialog);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autofree char *before = buffer_text (view);
  gboolean timed_out = FALSE;
  guint timeout;

  provider = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  g_signal_emit_by_name (view, "paste-clipboard");

  timeout = g_timeout_add (10000, dl_test_flag_cb, &timed_out);
  while (!timed_out && dl_new_story_dialog_get_error_text (dialog) == NULL)
    {
      g_autofree char *now = buffer_text (view);

      if (g_strcmp0 (now, before) != 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
test_bad_paste (void)
{
  DlWindow *window = new_window ();
  DlNewStoryDialog *dialog = dl_new_story_dialog_new (GTK_WINDOW (window));
  GtkTextView *view = dl_new_story_dialog_get_text_view (dialog);
  gsize big = 50 * 1024 * 1024;
  char *huge = g_malloc (big);
  g_autoptr(GBytes) huge_bytes = NULL;
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("Caf\xe9 in Damascus", 17);
  g_autoptr(GBytes) nul = g_bytes_new_static ("Damascus\0Moscow", 15);
  g_autoptr(GBytes) good = g_bytes_new_static (" and more.", 10);
  g_autofree char *text = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Kept text.", -1);

  memset (huge, 'a', big);
  huge_bytes = g_bytes_new_take (huge, big);
  paste (dialog, huge_bytes);
  g_assert_cmpstr (dl_new_story_dialog_get_error_text (dialog), ==,
                   "Pasted text: the text is 50.0 MB; an article can be at most 4 MB");
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "Kept text.");
  g_clear_pointer (&text, g_free);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Kept text.", -1);
  g_assert_null (dl_new_story_dialog_get_error_text (dialog));
  paste (dialog, latin1);
  g_assert_cmpstr (dl_new_story_dialog_get_error_text (dialog), ==,
                   "Pasted text:1:4: the text is not UTF-8: save it as UTF-8 and try again");
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "Kept text.");
  g_clear_pointer (&text, g_free);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Kept text.", -1);
  paste (dialog, nul);
  g_assert_cmpstr (dl_new_story_dialog_get_error_text (dialog), ==,
                   "Pasted text:1:9: the text holds a NUL byte: is it a binary file, not "
                   "plain text?");
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "Kept text.");
  g_clear_pointer (&text, g_free);

  /* and a good paste goes in at the cursor */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Kept text.", -1);
  paste (dialog, good);
  g_assert_null (dl_new_story_dialog_get_error_text (dialog));
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "Kept text. and more.");
  g_assert_null (dl_window_get_story (window));

  close_dialog (dialog);
  dl_test_close_window (window);
}

/* The focused widget of @window is @widget or inside it. */
static gboolean
has_focus_within (GtkWindow *window,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* `dateline ARTICLE.txt` or a drop: the New Story dialog opens with the text and the
 * title, asking for the publication date (empty, focused, explained); with the date given,
 * "on Sunday" is dated. A binary file: one message, and nothing changes. */
static void
test_article_file (void)
{
  DlWindow *window = new_window ();
  g_autofree char *path = g_build_filename (tmp_dir, "Assad in Moscow.txt", NULL);
  g_autofree char *bad_path = g_build_filename (tmp_dir, "photo.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  DlNewStoryDialog *dialog;
  GtkWidget *published;
  GtkWindow *error_dialog;
  g_autofree char *text = NULL;
  DlStory *story;
  GListModel *events;
  guint n_dated = 0;

  g_assert_true (g_file_set_contents (path, "Assad arrived in Moscow on Sunday.\r\n"
                                      "Rebels took Damascus on Saturday.\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));

  /* `dateline ARTICLE.txt`, or a drop */
  dl_window_open_any_file (window, file);
  g_assert_null (dl_window_get_story (window));
  dialog = find_new_story_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  text = buffer_text (dl_new_story_dialog_get_text_view (dialog));
  g_assert_cmpstr (text, ==, "Assad arrived in Moscow on Sunday.\n"
                             "Rebels took Damascus on Saturday.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dl_new_story_dialog_get_title_row (
                     dialog))), ==, "Assad in Moscow");
  published = GTK_WIDGET (dl_new_story_dialog_get_published_row (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (published)), ==, "");
  g_assert_true (has_focus_within (GTK_WINDOW (dialog), published));
  g_assert_null (dl_new_story_dialog_get_error_text (dialog));

  gtk_editable_set_text (GTK_EDITABLE (published), "2024-12-08");
  g_assert_true (dl_new_story_dialog_create (dialog));
  wait_for_story (window, NULL);
  g_assert_null (find_new_story_dialog ());
  story = dl_window_get_story (window);
  g_assert_cmpstr (dl_story_get_published (story), ==, "2024-12-08");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Assad in Moscow");
  /* "on Sunday" and "on Saturday" read from the date */
  events = dl_story_get_events (story);
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);
      const DlTime *start = dl_event_get_start (event);

      n_dated += start != NULL && start->precision == DL_TIME_DAY
                 && (start->day == 8 || start->day == 7) && start->month == 12;
    }
  g_assert_cmpuint (n_dated, ==, 2);

  /* a binary file: one message, the story stays, no dialog */
  dl_window_open_any_file (window, bad);
  g_assert_true (dl_window_get_story (window) == story);
  g_assert_null (find_new_story_dialog ());
  error_dialog = dl_window_get_error_dialog (window);
  g_assert_nonnull (error_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (error_dialog)), ==,
                   "Could Not Open “photo.txt”");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)), ==,
                   "photo.txt:1:1: the text is not UTF-8: save it as UTF-8 and try again");

  g_unlink (path);
  g_unlink (bad_path);
  dl_test_close_window (window);
}

static char *
seed_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt",
                                                 NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Create drafts in a worker: the dialog shows a spinner, its fields wait, the main loop
 * runs; Cancel stops it and keeps the text, with no story made; Create again gives the
 * very story `--new-story` drafts. */
static void
test_worker (void)
{
  DlWindow *window = new_window ();
  g_autofree char *text = seed_article ();
  DlArticleInfo info = { .title = "Seed", .published = "2024-12-08" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) expected = NULL;
  g_autoptr(GBytes) expected_bytes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *kept = NULL;
  DlNewStoryDialog *dialog;
  GtkWidget *published;
  GtkTextView *view;
  guint iterations;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL);
  dialog = find_new_story_dialog ();
  g_assert_nonnull (dialog);
  view = dl_new_story_dialog_get_text_view (dialog);
  g_assert_true (dl_new_story_dialog_insert_bytes (dialog, text, strlen (text), NULL));
  gtk_editable_set_text (GTK_EDITABLE (dl_new_story_dialog_get_title_row (dialog)), "Seed");
  published = GTK_WIDGET (dl_new_story_dialog_get_published_row (dialog));
  gtk_editable_set_text (GTK_EDITABLE (published), "2024-12-08");

  g_assert_true (dl_new_story_dialog_create (dialog));
  g_assert_true (dl_new_story_dialog_is_drafting (dialog));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_get_sensitive (published));
  /* a second Create while drafting does nothing */
  g_assert_false (dl_new_story_dialog_create (dialog));
  /* Cancel (what Escape does too) */
  {
    GtkWidget *cancel = NULL;

    for (GtkWidget *w = GTK_WIDGET (dialog); w != NULL;)
      {
        if (GTK_IS_BUTTON (w)
            && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Cancel") == 0)
          {
            cancel = w;
            break;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_nonnull (cancel);
    g_signal_emit_by_name (cancel, "clicked");
  }
  g_assert_false (dl_new_story_dialog_is_drafting (dialog));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  iterations = dl_test_run_for (300);
  g_assert_cmpuint (iterations, >, 0);
  g_assert_null (dl_window_get_story (window));
  kept = buffer_text (view);
  g_assert_cmpstr (kept, ==, text);

  /* again, to the end: the draft of `--new-story` */
  g_assert_true (dl_new_story_dialog_create (dialog));
  wait_for_story (window, NULL);
  g_assert_null (find_new_story_dialog ());
  expected = dl_article_new_story (text, &info, &error);
  g_assert_no_error (error);
  expected_bytes = dl_story_to_bytes (expected);
  bytes = dl_story_to_bytes (dl_window_get_story (window));
  g_assert_true (g_bytes_equal (bytes, expected_bytes));

  dl_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  tmp_dir = g_dir_make_tmp ("dateline-new-story-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/new-story/create", test_create);
  g_test_add_func ("/new-story/refused-create", test_refused_create);
  g_test_add_func ("/new-story/bad-paste", test_bad_paste);
  g_test_add_func ("/new-story/article-file", test_article_file);
  g_test_add_func ("/new-story/worker", test_worker);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
