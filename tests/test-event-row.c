/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One row of the events list as a user and a screen reader find it, after the list has
 * given it one event after another: a suggested event has the "Suggested" badge and its
 * Accept, Edit and Reject buttons named after it, a plain event none (and a row that only
 * ever showed plain events has no buttons at all); the chips name the event's actors with
 * their roles; a long title wraps onto more lines in a narrow list, chips wrap onto a
 * second line and, right to left, start at the right edge. */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-event-row"

#include "config.h"

#include <adwaita.h>

#include "dl-actor-chip.h"
#include "dl-actor-chips.h"
#include "dl-event-row.h"
#include "dl-resources.h"
#include "dl-review-buttons.h"
#include "dl-row-text.h"
#include "dl-test-util.h"
#include "dl-test-window.h"

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

/* The review buttons a user sees on the row: NULL when there are none on screen. */
static DlReviewButtons *
shown_review_buttons (GtkWidget *row)
{
  GtkWidget *buttons = dl_test_find_widget (row, DL_TYPE_REVIEW_BUTTONS);

  if (buttons == NULL || !gtk_widget_get_visible (buttons))
    return NULL;
  return DL_REVIEW_BUTTONS (buttons);
}

static GtkWidget *
row_in_window (GtkWindow **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = dl_event_row_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  *window_out = GTK_WINDOW (window);
  return row;
}

static void
test_review_buttons_follow_rebinding (void)
{
  g_autoptr(DlStory) story = load_story ("window-story.geojson");
  GListModel *events = dl_story_get_events (story);
  g_autoptr(DlEvent) plain = g_list_model_get_item (events, 0);
  g_autoptr(DlEvent) other = g_list_model_get_item (events, 1);
  g_autoptr(DlEvent) suggested = g_list_model_get_item (events, 2);
  g_autofree char *accept_name = NULL;
  GtkWindow *window;
  GtkWidget *row = row_in_window (&window);
  DlReviewButtons *buttons;

  dl_event_set_suggested (suggested, TRUE);
  g_assert_false (dl_event_get_suggested (plain));
  g_assert_false (dl_event_get_suggested (other));

  /* plain events only: nothing to review, and no buttons made */
  dl_event_row_set_event (DL_EVENT_ROW (row), plain);
  dl_event_row_set_event (DL_EVENT_ROW (row), other);
  gtk_test_widget_wait_for_draw (row);
  g_assert_null (dl_test_find_widget (row, DL_TYPE_REVIEW_BUTTONS));

  /* a suggestion: the badge and its buttons, named after it */
  dl_event_row_set_event (DL_EVENT_ROW (row), suggested);
  gtk_test_widget_wait_for_draw (row);
  buttons = shown_review_buttons (row);
  g_assert_nonnull (buttons);
  g_assert_true (dl_review_buttons_get_item (buttons) == G_OBJECT (suggested));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dl_review_buttons_get_button (buttons,
                                                                                  "accept"))));
  accept_name = g_strdup_printf ("Accept suggested event “%s”",
                                 dl_event_get_title (suggested));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dl_review_buttons_get_button (buttons,
                                                                                      "accept")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, accept_name);
  /* the buttons come first in the row, above the time */
  g_assert_true (gtk_widget_get_first_child (row) == GTK_WIDGET (buttons));

  /* the row given a plain event again: no badge, no buttons */
  dl_event_row_set_event (DL_EVENT_ROW (row), plain);
  gtk_test_widget_wait_for_draw (row);
  g_assert_null (shown_review_buttons (row));

  /* accepting the suggestion while the row shows it takes the buttons away */
  dl_event_row_set_event (DL_EVENT_ROW (row), suggested);
  g_assert_nonnull (shown_review_buttons (row));
  dl_event_set_suggested (suggested, FALSE);
  g_assert_null (shown_review_buttons (row));
  /* and undoing it brings them back */
  dl_event_set_suggested (suggested, TRUE);
  g_assert_nonnull (shown_review_buttons (row));

  dl_event_row_set_event (DL_EVENT_ROW (row), NULL);
  g_assert_null (shown_review_buttons (row));
  gtk_window_destroy (window);
}

/* The chips' text, accessible names and tooltips follow the event the row shows. */
static void
test_chips_follow_rebinding (void)
{
  g_autoptr(DlStory) story = load_story ("window-story.geojson");
  GListModel *events = dl_story_get_events (story);
  guint n = g_list_model_get_n_items (events);
  GtkWindow *window;
  GtkWidget *row = row_in_window (&window);

  for (guint k = 0; k < 2 * n; k++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, k < n ? k : 2 * n - 1 - k);
      GtkWidget *chips;
      GtkWidget *chip;
      guint i = 0;

      dl_event_row_set_event (DL_EVENT_ROW (row), event);
      gtk_test_widget_wait_for_draw (row);
      chips = dl_test_find_widget (row, DL_TYPE_ACTOR_CHIPS);
      g_assert_nonnull (chips);
      g_assert_true (gtk_widget_get_visible (chips) == (dl_event_get_n_actors (event) > 0));
      for (chip = gtk_widget_get_first_child (chips); chip != NULL;
           chip = gtk_widget_get_next_sibling (chip), i++)
        {
          const char *role = NULL;
          DlActor *actor;
          g_autofree char *text = NULL;
          g_autofree char *name = NULL;

          g_assert_cmpuint (i, <, dl_event_get_n_actors (event));
          actor = dl_event_get_actor (event, i, &role);
          text = g_strconcat ("● ", dl_actor_get_name (actor), NULL);
          name = role != NULL && role[0] != '\0'
                 ? g_strdup_printf ("%s (%s)", dl_actor_get_name (actor), role)
                 : g_strdup (dl_actor_get_name (actor));
          g_assert_cmpstr (dl_actor_chip_get_text (DL_ACTOR_CHIP (chip)), ==, text);
          gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_ROLE_LABEL);
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chip),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, name);
          g_assert_true (gtk_widget_get_has_tooltip (chip));
          /* on screen, with room for its name */
          g_assert_true (gtk_widget_get_mapped (chip));
          g_assert_cmpint (gtk_widget_get_width (chip), >, 0);
        }
      g_assert_cmpuint (i, ==, dl_event_get_n_actors (event));
    }
  gtk_window_destroy (window);
}

static void
test_text_wraps (void)
{
  static const char *title = "A title long enough to take more than one line in a narrow "
                             "list of events, and more than two in a very narrow one";
  GtkWidget *text = g_object_ref_sink (dl_row_text_new (TRUE));
  GtkWidget *line = g_object_ref_sink (dl_row_text_new (FALSE));
  int wide, narrow, height, min_width, nat_width, line_wide, line_narrow;

  dl_row_text_set_text (DL_ROW_TEXT (text), title);
  dl_row_text_set_text (DL_ROW_TEXT (line), title);
  g_assert_cmpstr (dl_row_text_get_text (DL_ROW_TEXT (text)), ==, title);

  gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_assert_cmpint (min_width, >, 0);
  g_assert_cmpint (min_width, <, nat_width);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 2000, NULL, &wide, NULL, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (wide, >, 0);
  g_assert_cmpint (narrow, >=, 3 * wide);
  /* asked again, in another order: the same heights */
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 2000, NULL, &height, NULL, NULL);
  g_assert_cmpint (height, ==, wide);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, NULL, &height, NULL, NULL);
  g_assert_cmpint (height, ==, narrow);
  /* with no width to fit, the width it was given last */
  gtk_widget_allocate (text, 150, narrow, -1, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  g_assert_cmpint (height, ==, narrow);
  /* a short text on one line at any width; the text's own line break kept */
  dl_row_text_set_text (DL_ROW_TEXT (text), "Short");
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, NULL, &height, NULL, NULL);
  g_assert_cmpint (height, ==, wide);
  dl_row_text_set_text (DL_ROW_TEXT (text), "Short\nand two lines");
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 2000, NULL, &height, NULL, NULL);
  g_assert_cmpint (height, >, wide + wide / 2);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (narrow, ==, height);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 40, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (narrow, >, height);
  dl_row_text_set_text (DL_ROW_TEXT (text), title);

  /* without wrapping, one line ending in an ellipsis at any width */
  gtk_widget_measure (line, GTK_ORIENTATION_VERTICAL, 2000, NULL, &line_wide, NULL, NULL);
  gtk_widget_measure (line, GTK_ORIENTATION_VERTICAL, 150, NULL, &line_narrow, NULL, NULL);
  g_assert_cmpint (line_wide, ==, wide);
  g_assert_cmpint (line_narrow, ==, wide);

  /* no text takes no room */
  dl_row_text_set_text (DL_ROW_TEXT (text), "");
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (narrow, ==, 0);
  g_object_unref (text);
  g_object_unref (line);
}

/* Chips wrap onto a second line when the row is narrow and, right to left, start at the
 * right edge. */
static void
test_chips_wrap_and_mirror (void)
{
  g_autoptr(DlStory) story = load_story ("window-story.geojson");
  GListModel *actors = dl_story_get_actors (story);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chips = dl_actor_chips_new ();
  DlActor *list[3];
  const char *roles[3] = { "subject", NULL, "" };
  int one_line, two_lines, natural;
  GtkWidget *first, *second;
  graphene_rect_t first_bounds, second_bounds;

  g_assert_cmpuint (g_list_model_get_n_items (actors), >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      list[i] = g_list_model_get_item (actors, i);
      g_object_unref (list[i]);
    }
  dl_actor_chips_set (DL_ACTOR_CHIPS (chips), 3, list, roles);
  gtk_widget_set_halign (chips, GTK_ALIGN_FILL);
  gtk_window_set_child (GTK_WINDOW (window), chips);

  gtk_widget_measure (chips, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  gtk_widget_measure (chips, GTK_ORIENTATION_VERTICAL, natural, NULL, &one_line, NULL, NULL);
  gtk_widget_measure (chips, GTK_ORIENTATION_VERTICAL, natural / 2, NULL, &two_lines, NULL,
                      NULL);
  g_assert_cmpint (one_line, >, 0);
  g_assert_cmpint (two_lines, >, one_line);

  gtk_widget_set_direction (chips, GTK_TEXT_DIR_RTL);
  gtk_window_set_default_size (GTK_WINDOW (window), natural + 200, 100);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  first = gtk_widget_get_first_child (chips);
  second = gtk_widget_get_next_sibling (first);
  g_assert_true (gtk_widget_compute_bounds (first, chips, &first_bounds));
  g_assert_true (gtk_widget_compute_bounds (second, chips, &second_bounds));
  /* the first chip at the right edge, the second to its left, on one line */
  g_assert_cmpfloat (first_bounds.origin.x + first_bounds.size.width, >=,
                     gtk_widget_get_width (chips) - 4);
  g_assert_cmpfloat (first_bounds.origin.x, >, gtk_widget_get_width (chips) / 2.0);
  g_assert_cmpfloat (second_bounds.origin.x + second_bounds.size.width, <,
                     first_bounds.origin.x);
  g_assert_cmpfloat (second_bounds.origin.y, ==, first_bounds.origin.y);

  /* an actor given twice (another role) shows twice; fewer actors, fewer chips */
  list[1] = list[0];
  dl_actor_chips_set (DL_ACTOR_CHIPS (chips), 2, list, roles);
  gtk_test_widget_wait_for_draw (window);
  first = gtk_widget_get_first_child (chips);
  second = gtk_widget_get_next_sibling (first);
  g_assert_null (gtk_widget_get_next_sibling (second));
  g_assert_cmpstr (dl_actor_chip_get_text (DL_ACTOR_CHIP (first)), ==,
                   dl_actor_chip_get_text (DL_ACTOR_CHIP (second)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* the accessible names are read as a screen reader gets them */
  g_setenv ("GTK_A11Y", "test", TRUE);
  dl_test_gui_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dl_resources_ensure ();

  g_test_add_func ("/event-row/review-buttons-follow-rebinding",
                   test_review_buttons_follow_rebinding);
  g_test_add_func ("/event-row/chips-follow-rebinding", test_chips_follow_rebinding);
  g_test_add_func ("/event-row/text-wraps", test_text_wraps);
  g_test_add_func ("/event-row/chips-wrap-and-mirror", test_chips_wrap_and_mirror);
  return g_test_run ();
}
