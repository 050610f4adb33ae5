/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* `dateline --new-story ARTICLE.txt [-o STORY] [--title TEXT] [--published DATE]`: drafts
 * a story from a plain-text article without a display. Returns the exit status. */
int dl_new_story_cli_run (GVariantDict *options);

G_END_DECLS
