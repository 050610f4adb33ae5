/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings: from the installed schema when there is one, else from the schema
 * compiled in the build directory, else NULL (a warning, never an abort). */
GSettings *dl_settings_new (void);

G_END_DECLS
