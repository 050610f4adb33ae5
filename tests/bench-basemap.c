/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a 256×256 offline tile takes to render, against how long a 256×256 PNG map
 * tile takes to decode (what a cached raster tile costs libshumate: it decodes with
 * gdk-pixbuf and wraps the pixbuf in a texture).
 *
 *   meson test -C BUILDDIR --benchmark --verbose basemap
 *   BUILDDIR/tests/bench-basemap BUILDDIR/tools/world.bin
 */
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "dl-basemap.h"
#include "dl-mercator.h"
#include "dl-test-util.h"

/* Every zoom is timed at least this many times (the low ones have few tiles). */
#define MIN_SAMPLES 30

typedef struct
{
  const char *name;
  double      lon;
  double      lat;
} Place;

/* The story's places. */
static const Place places[] = {
  { "Damascus", 36.29, 33.51 },
  { "Moscow", 37.62, 55.75 },
  { "Madrid", -3.70, 40.42 },
  { "Manchester", -2.24, 53.48 },
  { "Golan", 35.75, 33.0 },
};

typedef struct
{
  int zoom;
  int x;
  int y;
} TileId;

/* CPU time of this thread in milliseconds: the machine may be busy with other work,
 * which wall-clock time would count. */
static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The tile of each place and its eight neighbours, at zooms 0 to 12. */
static GArray *
make_tile_set (void)
{
  GArray *tiles = g_array_new (FALSE, FALSE, sizeof (TileId));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int zoom = 0; zoom <= 12; zoom++)
    for (guint p = 0; p < G_N_ELEMENTS (places); p++)
      {
        double wx, wy;
        int n = 1 << zoom;

        dl_mercator_project (places[p].lon, places[p].lat, zoom, &wx, &wy);
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              TileId id = { zoom, (int) (wx / 256) + dx, (int) (wy / 256) + dy };
              char *key;

              if (id.x < 0 || id.y < 0 || id.x >= n || id.y >= n)
                continue;
              key = g_strdup_printf ("%d/%d/%d", id.zoom, id.x, id.y);
              if (g_hash_table_add (seen, key))
                g_array_append_val (tiles, id);
            }
      }
  return tiles;
}

static cairo_surface_t *
render (DlBasemap      *basemap,
        DlBasemapStyle  style,
        const TileId   *id,
        cairo_format_t  format)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, 256, 256);
  cairo_t *cr = cairo_create (surface);

  /* As DlOfflineSource draws its tiles. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  dl_basemap_draw (basemap, cr, style, id->zoom, id->x * 256.0, id->y * 256.0, 256, 256);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} ReadState;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *data,
         unsigned int   length)
{
  ReadState *state = closure;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (state->bytes, &size);

  if (state->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + state->offset, length);
  state->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* CRC-32 as PNG chunks need it. */
static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  static guint32 table[256];

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;

        for (int k = 0; k < 8; k++)
          c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
      }
  crc ^= 0xffffffffu;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

static void
png_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           guint32       length)
{
  guint32 be = GUINT32_TO_BE (length), crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, length);
  be = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *) &be, 4);
}

/* The tile as an 8-bit palette PNG, the format of OpenStreetMap's tiles: its 256 most
 * frequent colours, every pixel mapped to the nearest. */
static GBytes *
encode_palette_png (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) colors = NULL;
  guint32 palette[256];
  guint n_colors = 0;
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GConverter) zlib = NULL;
  guint8 *compressed;
  gsize read, written;
  guint8 plte[256 * 3];
  static const guint8 signature[] = { 137, 80, 78, 71, 13, 10, 26, 10 };
  guint8 ihdr[13] = { 0, 0, 1, 0, 0, 0, 1, 0, 8, 3, 0, 0, 0 };

  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint32 pixel;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        pixel &= 0xffffff;
        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel + 1),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                               counts, GUINT_TO_POINTER (pixel + 1))) + 1));
      }
  while (n_colors < 256 && g_hash_table_size (counts) > 0)
    {
      GHashTableIter iter;
      gpointer key, value, best_key = NULL;
      guint best = 0;

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) > best)
          {
            best = GPOINTER_TO_UINT (value);
            best_key = key;
          }
      palette[n_colors++] = GPOINTER_TO_UINT (best_key) - 1;
      g_hash_table_remove (counts, best_key);
    }

  for (int y = 0; y < 256; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (int x = 0; x < 256; x++)
        {
          guint32 pixel;
          guint8 index = 0;
          int best = G_MAXINT;

          memcpy (&pixel, data + y * stride + x * 4, 4);
          for (guint i = 0; i < n_colors; i++)
            {
              int d = ABS ((int) (pixel >> 16 & 0xff) - (int) (palette[i] >> 16 & 0xff)) +
                      ABS ((int) (pixel >> 8 & 0xff) - (int) (palette[i] >> 8 & 0xff)) +
                      ABS ((int) (pixel & 0xff) - (int) (palette[i] & 0xff));
              if (d < best)
                {
                  best = d;
                  index = (guint8) i;
                }
            }
          g_byte_array_append (raw, &index, 1);
        }
    }
  for (guint i = 0; i < n_colors; i++)
    {
      plte[i * 3] = palette[i] >> 16 & 0xff;
      plte[i * 3 + 1] = palette[i] >> 8 & 0xff;
      plte[i * 3 + 2] = palette[i] & 0xff;
    }

  zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  compressed = g_malloc (raw->len + 1024);
  if (g_converter_convert (zlib, raw->data, raw->len, compressed, raw->len + 1024,
                           G_CONVERTER_INPUT_AT_END, &read, &written, NULL) != G_CONVERTER_FINISHED)
    g_error ("zlib failed");

  g_byte_array_append (png, signature, sizeof signature);
  png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_chunk (png, "PLTE", plte, n_colors * 3);
  png_chunk (png, "IDAT", compressed, (guint32) written);
  png_chunk (png, "IEND", NULL, 0);
  g_free (compressed);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

typedef enum
{
  DECODE_PIXBUF,   /* libshumate 1.0's path */
  DECODE_TEXTURE,  /* gdk_texture_new_from_bytes */
  DECODE_CAIRO,
} DecodeWay;

static double
time_decode (GPtrArray *pngs,
             DecodeWay  way)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint round = 0; round < 20; round++)
    for (guint i = 0; i < pngs->len; i++)
      {
        GBytes *bytes = g_ptr_array_index (pngs, i);
        double start = now_ms ();
        double elapsed;

        switch (way)
          {
          case DECODE_PIXBUF:
            {
              g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
              g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
              g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

              g_assert (gdk_texture_get_width (texture) == 256);
            }
            break;
          case DECODE_TEXTURE:
            {
              g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (bytes, NULL);

              g_assert (gdk_texture_get_width (texture) == 256);
            }
            break;
          case DECODE_CAIRO:
          default:
            {
              ReadState state = { bytes, 0 };
              cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_cb, &state);

              g_assert (cairo_image_surface_get_width (surface) == 256);
              cairo_surface_destroy (surface);
            }
            break;
          }
        elapsed = now_ms () - start;
        g_array_append_val (times, elapsed);
      }
  return dl_test_median (times);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tiles = NULL;
  g_autoptr(GArray) all_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) rgb_pngs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) palette_pngs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  DlBasemap *basemap;
  double per_zoom[13];
  double render_median, pixbuf_rgb, pixbuf_palette, texture_rgb, cairo_rgb;
  gsize png_size = 0, palette_size = 0;

  if (argc > 1)
    {
      char *contents;
      gsize length;

      if (!g_file_get_contents (argv[1], &contents, &length, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (contents, length);
      basemap = dl_basemap_new_from_bytes (bytes, &error);
      if (basemap == NULL)
        g_error ("%s", error->message);
    }
  else
    basemap = dl_basemap_get_default ();

  tiles = make_tile_set ();

  /* Warm up, then time each tile ROUNDS times. */
  for (guint i = 0; i < tiles->len; i++)
    cairo_surface_destroy (render (basemap, DL_BASEMAP_LIGHT, &g_array_index (tiles, TileId, i),
                                   CAIRO_FORMAT_ARGB32));
  for (int zoom = 0; zoom <= 12; zoom++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_at_zoom = 0;

      for (guint i = 0; i < tiles->len; i++)
        n_at_zoom += g_array_index (tiles, TileId, i).zoom == zoom;
      while (times->len < MAX (MIN_SAMPLES, 3 * n_at_zoom))
        for (guint i = 0; i < tiles->len; i++)
          {
            const TileId *id = &g_array_index (tiles, TileId, i);
            double start, elapsed;

            if (id->zoom != zoom)
              continue;
            start = now_ms ();
            cairo_surface_destroy (render (basemap, times->len % 2 ? DL_BASEMAP_DARK : DL_BASEMAP_LIGHT,
                                           id, CAIRO_FORMAT_ARGB32));
            elapsed = now_ms () - start;
            g_array_append_val (times, elapsed);
            /* The overall median weighs every tile of the set alike. */
            if (times->len <= 3 * n_at_zoom)
              g_array_append_val (all_times, elapsed);
          }
      per_zoom[zoom] = dl_test_median (times);
    }
  render_median = dl_test_median (all_times);

  /* PNG tiles of the same map: the Damascus tile at every third zoom. */
  for (guint i = 0; i < tiles->len; i++)
    {
      const TileId *id = &g_array_index (tiles, TileId, i);
      cairo_surface_t *surface;
      GByteArray *png;

      if (id->zoom % 3 != 0 || i % 9 != 4)
        continue;
      surface = render (basemap, DL_BASEMAP_LIGHT, id, CAIRO_FORMAT_RGB24);
      png = g_byte_array_new ();
      cairo_surface_write_to_png_stream (surface, write_cb, png);
      png_size += png->len;
      g_ptr_array_add (rgb_pngs, g_byte_array_free_to_bytes (png));
      g_ptr_array_add (palette_pngs, encode_palette_png (surface));
      palette_size += g_bytes_get_size (g_ptr_array_index (palette_pngs, palette_pngs->len - 1));
      cairo_surface_destroy (surface);
    }

  pixbuf_palette = time_decode (palette_pngs, DECODE_PIXBUF);
  pixbuf_rgb = time_decode (rgb_pngs, DECODE_PIXBUF);
  texture_rgb = time_decode (rgb_pngs, DECODE_TEXTURE);
  cairo_rgb = time_decode (rgb_pngs, DECODE_CAIRO);

  g_print ("Offline tile render, 256x256, %u tiles x 3 rounds, zooms 0-12 around",
           tiles->len);
  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    g_print (" %s", places[p].name);
  g_print ("\n");
  for (int zoom = 0; zoom <= 12; zoom++)
    g_print ("  zoom %2d: median %.3f ms\n", zoom, per_zoom[zoom]);
  g_print ("render median (thread CPU time):             %.3f ms\n", render_median);
  g_print ("PNG decode median, %u tiles:\n", rgb_pngs->len);
  g_print ("  8-bit palette PNG (OSM's format, %4zu B avg), gdk-pixbuf + texture (libshumate): %.3f ms\n",
           palette_size / MAX (palette_pngs->len, 1), pixbuf_palette);
  g_print ("  RGB PNG (%5zu B avg), gdk-pixbuf + texture (libshumate): %.3f ms\n",
           png_size / MAX (rgb_pngs->len, 1), pixbuf_rgb);
  g_print ("  RGB PNG, gdk_texture_new_from_bytes:                      %.3f ms\n", texture_rgb);
  g_print ("  RGB PNG, cairo_image_surface_create_from_png_stream:      %.3f ms\n", cairo_rgb);
  g_print ("ratio render / decode (palette PNG, libshumate's path): %.2f\n",
           render_median / pixbuf_palette);
  g_print ("ratio render / decode (RGB PNG, libshumate's path):     %.2f\n",
           render_median / pixbuf_rgb);

  if (argc > 1)
    dl_basemap_free (basemap);
  return 0;
}
