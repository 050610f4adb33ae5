/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dl-filter.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* "Export Story as PDF…": asks where, then writes the booklet of the events @filter shows
 * in a worker; a toast on @toasts says where it went, an error dialog what went wrong. */
void dl_booklet_export_present (GtkWindow       *parent,
                                DlStory         *story,
                                DlFilter        *filter,
                                AdwToastOverlay *toasts);

G_END_DECLS
