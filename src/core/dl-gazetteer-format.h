/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The binary gazetteer written by tools/dl-gazetteer-compile and read in place by
 * dl-gazetteer.c. Little-endian, every section 8-byte aligned.
 *
 *   header | entries[n_entries] | names[n_names] | words[n_words] | strings
 *
 * names is sorted by the folded name (bytewise, then by entry rank): a binary search finds a
 * name and every name that starts with a prefix. words are the common English words (string
 * offsets, sorted), which the place detector distrusts as names ("Nice to see…").
 * Strings are NUL-terminated UTF-8 in the pool; offset 0 is the empty string. */

#include <glib.h>

#define DL_GAZETTEER_MAGIC "DLGAZ002"

typedef struct
{
  char    magic[8];
  guint32 n_entries;
  guint32 entries_offset;
  guint32 n_names;
  guint32 names_offset;
  guint32 n_words;
  guint32 words_offset;
  guint32 strings_offset;
  guint32 strings_size;
} DlGazetteerFileHeader;

typedef struct
{
  gint64  geonames_id;
  guint64 population;
  gint32  lat_e5;         /* degrees × 10^5 */
  gint32  lon_e5;
  guint32 name;           /* string offsets */
  guint32 kind;
  guint32 feature_code;
  guint32 country_code;
  guint32 country_name;
  guint32 admin1_name;
  guint32 name_ar;
  guint32 name_es;
} DlGazetteerFileEntry;

/* A name of an entry. */
enum
{
  DL_GAZETTEER_NAME_ADJECTIVAL = 1 << 0,  /* a demonym or adjective: "Syrian" */
  DL_GAZETTEER_NAME_ABBREV     = 1 << 1,  /* an abbreviation written in capitals: "US" */
  DL_GAZETTEER_NAME_MAIN       = 1 << 2,  /* the entry's own name */
};

typedef struct
{
  guint32 folded;  /* string offset of the folded name */
  guint32 entry;
  guint32 flags;
  guint32 rank;    /* higher is more prominent, for search order */
} DlGazetteerFileName;

G_STATIC_ASSERT (sizeof (DlGazetteerFileHeader) == 40);
G_STATIC_ASSERT (sizeof (DlGazetteerFileEntry) == 56);
G_STATIC_ASSERT (sizeof (DlGazetteerFileName) == 16);
