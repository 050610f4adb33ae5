/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Registers the GResource (ui, bundled stories, base map) once; safe from any thread. */
void dl_resources_ensure (void);

/* "resource:///io/github/dateline/Dateline/" + @path, as a GFile or GBytes. */
GBytes *dl_resources_lookup (const char  *path,
                             GError     **error);

G_END_DECLS
