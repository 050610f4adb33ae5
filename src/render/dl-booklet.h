/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-filter.h"
#include "dl-story.h"

G_BEGIN_DECLS

/* A PDF booklet of a story for a briefing: one A4 page per shown event, in time order,
 * with the map framed on its places, its date, title, passages and attribution. Written
 * atomically (a temporary file renamed over @file). Thread-safe. */
gboolean dl_booklet_save (DlStory       *story,
                          DlFilter      *filter,
                          GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error);

G_END_DECLS
