/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-document.h"

G_BEGIN_DECLS

#define DL_TYPE_REVIEW_BUTTONS (dl_review_buttons_get_type ())
G_DECLARE_FINAL_TYPE (DlReviewButtons, dl_review_buttons, DL, REVIEW_BUTTONS, GtkWidget)

/* A "Suggested" badge with Accept, Edit and Reject buttons for an event, place or actor
 * the app drafted; shown only while it is a suggestion. The buttons activate
 * win.accept-suggestion, win.edit-suggestion and win.reject-suggestion with the target
 * (KIND, ID), KIND "event", "place" or "actor" (dl_review_buttons_target()). */
GtkWidget *dl_review_buttons_new       (void);
/* @item: a DlEvent, DlPlace or DlActor, or NULL. */
void       dl_review_buttons_set_item  (DlReviewButtons *self,
                                        GObject         *item);
GObject   *dl_review_buttons_get_item  (DlReviewButtons *self);
void       dl_review_buttons_set_show_edit (DlReviewButtons *self,
                                            gboolean         show_edit);
/* In a dialog outside the window (the actors dialog): Accept and Reject push their
 * operations onto @document instead of activating the window's actions; no Edit. */
void       dl_review_buttons_set_document (DlReviewButtons *self,
                                           DlDocument      *document);
/* For tests: "accept", "edit" or "reject". */
GtkButton *dl_review_buttons_get_button (DlReviewButtons *self,
                                         const char      *name);
/* The action target naming @item: ("event", ID), ("place", ID) or ("actor", ID). */
GVariant  *dl_review_buttons_target    (GObject         *item);

G_END_DECLS
