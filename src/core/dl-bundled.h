/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-story.h"

G_BEGIN_DECLS

/* The first story bundled in the GResource (the first .geojson under /stories/). */
DlStory *dl_bundled_story_load (GError **error);

G_END_DECLS
