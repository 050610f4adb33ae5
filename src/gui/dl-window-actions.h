/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-window.h"

G_BEGIN_DECLS

/* The window's authoring actions (New Story, …), installed on DlWindow's class. */
void              dl_window_actions_class_init   (GtkWidgetClass *widget_class);
/* Shows the story made from the article in @file (.txt/.md); on failure shows why and
 * keeps the story the window had. */
void              dl_window_new_story_from_file  (DlWindow       *self,
                                                  GFile          *file);
/* Opens @file: a story file, or an article file for a new story. */
void              dl_window_open_any_file        (DlWindow       *self,
                                                  GFile          *file);

G_END_DECLS
