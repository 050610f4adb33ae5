/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-story-error.h"

G_BEGIN_DECLS

/* Strict RFC 8259 check of @text (valid UTF-8 already), before json-glib sees it: json-glib
 * 1.6 recurses without limit on deep nesting and accepts numbers such as 1e999. On failure
 * returns FALSE with the 1-based line and column (in characters) of the problem. */
gboolean  dl_json_validate (const char    *text,
                            gsize          length,
                            guint          max_depth,
                            DlStoryError  *code,
                            int           *line,
                            int           *column,
                            char         **message);

/* The 1-based line and column (in characters) where the value at @path starts in the
 * (valid) JSON @text. @path reads "features[2].geometry.coordinates[0][1]"; "" is the root.
 * When part of the path does not exist, the deepest value that does is given. */
void      dl_json_locate   (const char    *text,
                            gsize          length,
                            const char    *path,
                            int           *line,
                            int           *column);

/* dl_json_locate() for many paths in one pass over @text. */
void      dl_json_locate_many (const char         *text,
                               gsize               length,
                               const char * const *paths,
                               guint               n_paths,
                               int                *lines,
                               int                *columns);

/* Where a value is in a text: a byte offset and length. */
typedef struct
{
  gsize offset;
  gsize length;
} DlJsonSpan;

/* The children of the object or array that starts @text (valid JSON, spaces first allowed):
 * appends each value's span (offsets into @text) to @spans (of DlJsonSpan) and, for an
 * object, each member's unescaped name to @names (nullable, of char *). A fast pass that
 * does not count lines. FALSE when @text holds no object or array. */
gboolean  dl_json_children (const char    *text,
                            gsize          length,
                            GPtrArray     *names,
                            GArray        *spans);

/* dl_json_children() of an object, and in the same pass the spans of the elements of its
 * member @split (offsets into @text) in @elements when that member is an array. FALSE
 * when @text holds no object. */
gboolean  dl_json_children_split (const char    *text,
                                  gsize          length,
                                  GPtrArray     *names,
                                  GArray        *spans,
                                  const char    *split,
                                  GArray        *elements);
/* The tree of @text, valid JSON (dl_json_validate()), as json-glib would read it, built
 * without its scanner; NULL for what only json-glib may decide (a \u escape, a number of
 * 19 digits or more): then use json-glib. */
JsonNode *dl_json_build     (const char    *text,
                             gsize          length);

/* Pretty-printed JSON (2-space indent, arrays of scalars on one line, numbers in their
 * shortest exact form), ending with a newline. */
char     *dl_json_write    (JsonNode      *root,
                            gsize         *length);

G_END_DECLS
