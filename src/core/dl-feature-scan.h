/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dl-place.h"

G_BEGIN_DECLS

/* The reader's fast path (issue 17): the usual feature of a big map read straight from its
 * span of already-validated text, with no JsonNode tree. The scanner says only what the
 * feature holds; dl-story-reader.c decides what it means, exactly as for a tree. */

typedef enum
{
  DL_SCAN_ID_NONE,     /* no "id" member */
  DL_SCAN_ID_STRING,
  DL_SCAN_ID_INTEGER,
} DlScanIdKind;

/* A string of the span: its text in @start with escapes still in when @escaped. */
typedef struct
{
  const char *start;
  guint       length;
  gboolean    escaped;
} DlScanString;

typedef struct
{
  DlScanIdKind id_kind;
  DlScanString id;
  gint64       id_integer;
  gboolean     has_point;   /* else "geometry" is null */
  DlLonLat     point;
  gboolean     has_properties; /* else "properties" is null */
  DlScanString name;        /* start NULL when the member is absent */
  DlScanString title;
  DlScanString kind;
  DlScanString description;
  DlScanString precision;
  /* the span of "properties" (offsets into the span read), and whether it holds a member
   * beyond the story's vocabulary (free data to keep) */
  gsize        properties_offset;
  gsize        properties_length;
  gboolean     free_data;
} DlScannedFeature;

/* Reads the feature at @text (a span of valid JSON) when it is the simple kind: an object
 * with "type": "Feature", an optional string or whole-number "id", a "geometry" that is
 * null or a Point of finite degrees within ±180/±90, "properties" null or an object whose
 * name, title, kind, description and precision are strings and that has none of the story
 * members read elsewhere (names, label, mentions, geonames, suggested), and no escape in
 * a member name. FALSE for anything else: the tree reader decides then. */
gboolean dl_feature_scan         (const char       *text,
                                  gsize             length,
                                  DlScannedFeature *out);
/* The text of @string, unescaped (NULL when absent). */
char    *dl_scan_string_dup      (const DlScanString *string);
/* Whether @string is absent or equal to @text. */
gboolean dl_scan_string_equal    (const DlScanString *string,
                                  const char         *text);

G_END_DECLS
