/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `dateline --check`: validates each file, printing "FILE: OK (…)" or one
 * "FILE:LINE:COL: message" line per problem. Returns the exit status: 0 when every file is
 * valid, 1 otherwise. */
int dl_check_files (const char * const *paths);

G_END_DECLS
