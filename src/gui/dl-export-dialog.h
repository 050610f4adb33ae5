/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "dl-filter.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* Opens the Export dialog for @story as filtered by @filter, starting from the view of
 * @viewport (or fitted to the shown places when @viewport is NULL). */
void dl_export_dialog_present (GtkWindow       *parent,
                               DlStory         *story,
                               DlFilter        *filter,
                               ShumateViewport *viewport);

G_END_DECLS
