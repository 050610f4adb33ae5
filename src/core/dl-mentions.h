/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-story.h"

G_BEGIN_DECLS

/* One mention of a place: characters [start, end) of the article text. */
typedef struct
{
  int      start;
  int      end;
  DlPlace *place;  /* unowned */
} DlMentionRange;

/* Every mention of every place of @story, sorted by start (then by place order): what the
 * article underlines. An array of DlMentionRange. */
GArray  *dl_story_list_mentions      (DlStory *story);
/* The place mentioned at character @offset of the text, or NULL; the shortest mention
 * when several overlap there. */
DlPlace *dl_story_place_mentioned_at (DlStory *story,
                                      int      offset);

G_END_DECLS
