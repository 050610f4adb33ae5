/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Loads @text twice, by the reader's fast path and by its tree reader, and compares what a
 * user would see of each: the load's error, the problems --check lists, the warnings, every
 * place (id, name, shape, positions, anchor, kind, precision, description, the properties
 * table, style and source) and the saved text. NULL when they are the same, else what
 * differs (the two descriptions). */
char *dl_test_compare_fast_path (const char *text,
                                 gsize       length);

G_END_DECLS
