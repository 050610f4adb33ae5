/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-document.h"
#include "dl-story.h"

G_BEGIN_DECLS

#define DL_TYPE_WINDOW (dl_window_get_type ())
G_DECLARE_FINAL_TYPE (DlWindow, dl_window, DL, WINDOW, AdwApplicationWindow)

DlWindow *dl_window_new       (GtkApplication *application);
/* Shows @story; the window keeps a reference. */
void      dl_window_set_story (DlWindow       *self,
                               DlStory        *story);
DlStory  *dl_window_get_story (DlWindow       *self);
/* Shows @document (the window keeps a reference): its story, history and unsaved state. */
void        dl_window_set_document (DlWindow   *self,
                                    DlDocument *document);
DlDocument *dl_window_get_document (DlWindow   *self);
/* Loads @file and shows it; on failure shows the error and keeps the story it had. */
void      dl_window_open_file (DlWindow       *self,
                               GFile          *file);

G_END_DECLS
