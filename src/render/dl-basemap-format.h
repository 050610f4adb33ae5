/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The compiled base map, written by tools/dl-basemap-compile.c and read in place by
 * src/render/dl-basemap.c. Every record is made of 4-byte fields, in the byte order of
 * the machine that built it (checked through byte_order), and every array starts at a
 * multiple of 4. Coordinates are Web Mercator world units: the world is
 * DL_BASEMAP_WORLD units wide and high, x grows east from 180°W, y south from 85.05°N.
 *
 * A ring (a polygon ring or a polyline) is a run of chunks; a chunk is a run of at most
 * DL_BASEMAP_CHUNK_POINTS consecutive points with its bounding box, and each chunk starts
 * at the last point of the one before, so a chunk wholly outside the view can be drawn as
 * the straight segment between its ends (which stays inside its box); a closed ring ends
 * where it starts. A chunk stores its first point in world units and each next point as
 * the difference from the one before, counted in steps of 2^shift world units (shift
 * being the band's), x then y, each a zigzag LEB128 varint (0 → 0, -1 → 1, 1 → 2, …; seven
 * bits a byte, low bits first, high bit set on every byte but the last). */

#define DL_BASEMAP_MAGIC "DLBM"
#define DL_BASEMAP_VERSION 3
#define DL_BASEMAP_BYTE_ORDER 0x01020304u
#define DL_BASEMAP_WORLD_SHIFT 30
#define DL_BASEMAP_WORLD ((gint32) 1 << DL_BASEMAP_WORLD_SHIFT)
#define DL_BASEMAP_CHUNK_POINTS 64

typedef enum
{
  DL_BASEMAP_LAYER_LAND,            /* filled rings, even-odd */
  DL_BASEMAP_LAYER_LAKE,            /* filled rings, even-odd, over the land */
  DL_BASEMAP_LAYER_DISPUTED,        /* filled rings: disputed areas and buffer zones */
  DL_BASEMAP_LAYER_BORDER,          /* polylines: borders between two countries */
  DL_BASEMAP_LAYER_DISPUTED_BORDER, /* polylines: borders touching a disputed area */
  DL_BASEMAP_N_LAYERS,
} DlBasemapLayer;

typedef struct
{
  char    magic[4];
  guint32 version;
  guint32 byte_order;
  guint32 size;             /* of the whole file */
  guint32 n_bands;
  guint32 bands_offset;
  guint32 n_rings;
  guint32 rings_offset;
  guint32 n_chunks;
  guint32 chunks_offset;
  guint32 steps_size;       /* bytes of varints */
  guint32 steps_offset;
  guint32 n_labels;
  guint32 labels_offset;
  guint32 strings_size;     /* NUL-terminated UTF-8 strings, the last byte is NUL */
  guint32 strings_offset;
  guint32 attribution;      /* offset in the strings */
  guint32 reserved;
} DlBasemapFileHeader;

/* A zoom band: drawn for zooms from min_zoom up to the next band's min_zoom. */
typedef struct
{
  float   min_zoom;
  guint32 shift;
  guint32 first_ring[DL_BASEMAP_N_LAYERS];
  guint32 n_rings[DL_BASEMAP_N_LAYERS];
} DlBasemapFileBand;

typedef struct
{
  gint32  x0, y0, x1, y1;   /* bounding box, inclusive */
  guint32 first_chunk;
  guint32 n_chunks;
} DlBasemapFileRing;

typedef struct
{
  gint32  x0, y0, x1, y1;
  gint32  start_x, start_y; /* first point */
  guint32 first_byte;       /* offset of its first step in the steps */
  guint32 n_steps;          /* points after the first one, >= 1 */
} DlBasemapFileChunk;

typedef enum
{
  DL_BASEMAP_LABEL_COUNTRY = 0,
  DL_BASEMAP_LABEL_CITY = 1,
} DlBasemapLabelKind;

typedef struct
{
  gint32  x;
  gint32  y;
  guint32 name;             /* offset in the strings */
  float   importance;
  float   min_zoom;         /* shown from this zoom on */
  guint32 kind;             /* DlBasemapLabelKind */
} DlBasemapFileLabel;

G_STATIC_ASSERT (sizeof (DlBasemapFileHeader) == 72);
G_STATIC_ASSERT (sizeof (DlBasemapFileBand) == 8 + 8 * DL_BASEMAP_N_LAYERS);
G_STATIC_ASSERT (sizeof (DlBasemapFileRing) == 24);
G_STATIC_ASSERT (sizeof (DlBasemapFileChunk) == 32);
G_STATIC_ASSERT (sizeof (DlBasemapFileLabel) == 24);

G_END_DECLS
