/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dl_file_name_from_title (const char *title,
                               gsize       max_bytes);

char *dl_format_location      (double      latitude,
                               double      longitude);

G_END_DECLS
