/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the reader (dl-story-reader.c) and the file I/O of dl-story.c. */

/* The largest story file read, in bytes. */
#define DL_STORY_MAX_SIZE (256 * 1024 * 1024)

#include <glib.h>

G_BEGIN_DECLS

/* For tests and fuzzing, which compare the two: whether the usual features are read by the
 * fast path (dl-feature-scan.c, on every core for a big map) or all through a JsonNode tree.
 * TRUE unless set; not for use while a story loads. */
void dl_story_reader_set_fast_path (gboolean fast);

G_END_DECLS
