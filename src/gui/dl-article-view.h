/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-view-state.h"

G_BEGIN_DECLS

#define DL_TYPE_ARTICLE_VIEW (dl_article_view_get_type ())
G_DECLARE_FINAL_TYPE (DlArticleView, dl_article_view, DL, ARTICLE_VIEW, GtkWidget)

/* The article pane: the story's text, read-only and selectable, each passage tinted in
 * its event's actor colour, the passages of the selected events emphasised and scrolled
 * into view. Clicking inside a passage selects its event; hovering one shows its title. */
GtkWidget     *dl_article_view_new            (void);
void           dl_article_view_set_view_state (DlArticleView *self,
                                               DlViewState   *state);
GtkTextView   *dl_article_view_get_text_view  (DlArticleView *self);
/* The tag marking the emphasised passages. */
GtkTextTag    *dl_article_view_get_emphasis_tag (DlArticleView *self);
/* The tag marking where the words of the search occur. */
GtkTextTag    *dl_article_view_get_search_tag (DlArticleView *self);
/* The click gesture that turns a click inside a passage into a selection. */
GtkGesture    *dl_article_view_get_click_gesture (DlArticleView *self);
/* Scrolls character range [@start, @end) into view and briefly flashes it. */
void           dl_article_view_reveal_range   (DlArticleView *self,
                                               int            start,
                                               int            end);
/* After an edit of the story: the passages tinted and emphasised as they are now, the
 * text and its scroll position kept. */
void           dl_article_view_refresh_passages (DlArticleView *self);
/* The same for just @events (an array of DlEvent) and the events that left the story. */
void           dl_article_view_refresh_events (DlArticleView *self,
                                               GPtrArray     *events);

G_END_DECLS
