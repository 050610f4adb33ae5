/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the reader (dl-story-reader.c) and the file I/O of dl-story.c. */

/* The largest story file read, in bytes. */
#define DL_STORY_MAX_SIZE (256 * 1024 * 1024)
