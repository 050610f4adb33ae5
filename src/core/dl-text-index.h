/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A suffix array over a text, built once, so that any number of quotes can be looked up
 * in it in time that grows with the quote, not with the text. */
typedef struct _DlTextIndex DlTextIndex;

DlTextIndex *dl_text_index_new         (const char  *text,
                                        gsize        length);
void         dl_text_index_free        (DlTextIndex *self);
gsize        dl_text_index_count       (DlTextIndex *self,
                                        const char  *needle,
                                        gsize        needle_length,
                                        gsize       *first);
gsize        dl_text_index_count_quote (DlTextIndex *self,
                                        const char  *prefix,
                                        const char  *exact,
                                        const char  *suffix,
                                        gsize       *first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTextIndex, dl_text_index_free)

G_END_DECLS
