/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include "dl-basemap-format.h"
#include "dl-basemap.h"
#include "dl-label-placement.h"
#include "dl-mercator.h"

static const DlBasemapStyle styles[] = { DL_BASEMAP_LIGHT, DL_BASEMAP_DARK };

/* The compiled base map, read from the build directory so that these tests do not depend
 * on the GResource. */
static GBytes *
load_compiled_bytes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "tools", "world.bin", NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (contents, length);
}

static DlBasemap *
get_basemap (void)
{
  static DlBasemap *basemap;

  if (basemap == NULL)
    {
      g_autoptr(GBytes) bytes = load_compiled_bytes ();
      g_autoptr(GError) error = NULL;

      basemap = dl_basemap_new_from_bytes (bytes, &error);
      g_assert_no_error (error);
      g_assert_nonnull (basemap);
    }
  return basemap;
}

typedef struct
{
  guint8 r, g, b;
} Pixel;

/* The 256×256 tile holding (@lon, @lat) at integer @zoom, and the pixel of that point. */
static cairo_surface_t *
render_tile_at (DlBasemapStyle  style,
                int             zoom,
                double          lon,
                double          lat,
                int            *px,
                int            *py)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  double wx, wy, tx, ty;

  dl_mercator_project (lon, lat, zoom, &wx, &wy);
  tx = floor (wx / 256) * 256;
  ty = floor (wy / 256) * 256;
  dl_basemap_draw (get_basemap (), cr, style, zoom, tx, ty, 256, 256);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  *px = (int) floor (wx - tx);
  *py = (int) floor (wy - ty);
  return surface;
}

static Pixel
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  Pixel p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  memcpy (&argb, data + y * stride + x * 4, 4);
  g_assert_cmpuint (argb >> 24, ==, 0xff);
  p.r = argb >> 16 & 0xff;
  p.g = argb >> 8 & 0xff;
  p.b = argb & 0xff;
  return p;
}

static Pixel
style_color (DlBasemapStyle style,
             DlBasemapColor color)
{
  double r, g, b;
  Pixel p;

  dl_basemap_get_color (style, color, &r, &g, &b);
  p.r = (guint8) lround (r * 255);
  p.g = (guint8) lround (g * 255);
  p.b = (guint8) lround (b * 255);
  return p;
}

static int
distance (Pixel a,
          Pixel b)
{
  return ABS (a.r - b.r) + ABS (a.g - b.g) + ABS (a.b - b.b);
}

static void
assert_color_at (DlBasemapStyle style,
                 int            zoom,
                 double         lon,
                 double         lat,
                 DlBasemapColor expected)
{
  int x, y;
  cairo_surface_t *surface = render_tile_at (style, zoom, lon, lat, &x, &y);
  Pixel p = get_pixel (surface, x, y);
  Pixel want = style_color (style, expected);

  if (distance (p, want) > 3)
    g_error ("zoom %d, %.3f, %.3f: pixel #%02x%02x%02x, expected #%02x%02x%02x", zoom, lon, lat,
             p.r, p.g, p.b, want.r, want.g, want.b);
  cairo_surface_destroy (surface);
}

/* Some pixel within @radius of the point is drawn mostly in the border colour, and the
 * pixels far from it on the window's corners are land. */
static void
assert_border_near (DlBasemapStyle style,
                    int            zoom,
                    double         lon,
                    double         lat,
                    int            radius)
{
  int x, y;
  cairo_surface_t *surface = render_tile_at (style, zoom, lon, lat, &x, &y);
  Pixel border = style_color (style, DL_BASEMAP_COLOR_BORDER);
  Pixel land = style_color (style, DL_BASEMAP_COLOR_LAND);
  int best = G_MAXINT;

  for (int j = MAX (y - radius, 0); j <= MIN (y + radius, 255); j++)
    for (int i = MAX (x - radius, 0); i <= MIN (x + radius, 255); i++)
      best = MIN (best, distance (get_pixel (surface, i, j), border));

  if (best * 3 > distance (land, border))
    g_error ("zoom %d, %.3f, %.3f: no border pixel within %d px (closest off by %d)",
             zoom, lon, lat, radius, best);
  cairo_surface_destroy (surface);
}

static void
test_load_valid (void)
{
  DlBasemap *basemap = get_basemap ();

  g_assert_cmpstr (dl_basemap_get_attribution (basemap), ==, "Natural Earth");
}

static void
test_sea_and_land (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      /* The Mediterranean between Cyprus and Egypt; Syria's desert near Palmyra. */
      assert_color_at (styles[i], 6, 33.5, 34.0, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 6, 38.5, 35.0, DL_BASEMAP_COLOR_LAND);
      /* Open ocean and land at the smallest zooms too. */
      assert_color_at (styles[i], 0, -30.0, 30.0, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 2, 20.0, 10.0, DL_BASEMAP_COLOR_LAND);
      /* Lakes: Michigan and Victoria, over the land around them. */
      assert_color_at (styles[i], 3, -87.0, 44.0, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 6, -87.0, 44.0, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 10, -87.0, 44.0, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 6, 32.8, -1.6, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 6, -89.0, 44.0, DL_BASEMAP_COLOR_LAND);
      /* The Black Sea and Moscow's surroundings, from the 50m data. */
      assert_color_at (styles[i], 4, 34.0, 43.0, DL_BASEMAP_COLOR_SEA);
      assert_color_at (styles[i], 4, 37.6, 55.75, DL_BASEMAP_COLOR_LAND);
    }
}

static void
test_styles_differ (void)
{
  Pixel light_sea = style_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_SEA);
  Pixel dark_sea = style_color (DL_BASEMAP_DARK, DL_BASEMAP_COLOR_SEA);
  Pixel light_land = style_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_LAND);
  Pixel dark_land = style_color (DL_BASEMAP_DARK, DL_BASEMAP_COLOR_LAND);

  /* Dark really is dark, and sea and land are told apart in both. */
  g_assert_cmpint (dark_sea.r + dark_sea.g + dark_sea.b, <, 3 * 80);
  g_assert_cmpint (dark_land.r + dark_land.g + dark_land.b, <, 3 * 80);
  g_assert_cmpint (light_sea.r + light_sea.g + light_sea.b, >, 3 * 180);
  g_assert_cmpint (distance (light_sea, light_land), >, 30);
  g_assert_cmpint (distance (dark_sea, dark_land), >, 20);
}

static void
test_border_syria_lebanon (void)
{
  /* A vertex of the Syria–Lebanon border in the Anti-Lebanon, east of Baalbek. */
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      assert_border_near (styles[i], 8, 36.5674, 34.2449, 2);
      /* Either side of it, a few kilometres away, is land. */
      assert_color_at (styles[i], 8, 36.40, 34.20, DL_BASEMAP_COLOR_LAND);
      assert_color_at (styles[i], 8, 36.75, 34.30, DL_BASEMAP_COLOR_LAND);
    }
}

static void
test_golan (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      /* The Golan Heights are land at zoom 10, sharp from the 1:10m data, and the
       * Israel–Syria line runs through them. */
      assert_color_at (styles[i], 10, 35.70, 33.00, DL_BASEMAP_COLOR_LAND);
      assert_color_at (styles[i], 10, 35.95, 33.00, DL_BASEMAP_COLOR_LAND);
      assert_border_near (styles[i], 10, 35.8330, 33.1608, 2);
      assert_border_near (styles[i], 12, 35.8330, 33.1608, 2);
    }
}

static void
test_every_zoom (void)
{
  /* Every band and every supported zoom, fractional ones too, draws the land east of
   * Damascus (Arabia's interior while borders are only pixels apart) as land and the sea
   * off Beirut (the central Mediterranean) as sea. */
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    for (int zoom = 0; zoom <= 14; zoom++)
      {
        if (zoom >= 5)
          assert_color_at (styles[i], zoom, 36.6, 33.6, DL_BASEMAP_COLOR_LAND);
        else
          assert_color_at (styles[i], zoom, 44.0, 24.0, DL_BASEMAP_COLOR_LAND);
        if (zoom >= 4)
          assert_color_at (styles[i], zoom, 35.2, 33.95, DL_BASEMAP_COLOR_SEA);
        else
          assert_color_at (styles[i], zoom, 20.0, 35.0, DL_BASEMAP_COLOR_SEA);
      }

  for (double zoom = 4.5; zoom <= 14.0; zoom += 0.37)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
      cairo_t *cr = cairo_create (surface);
      double x, y;

      dl_mercator_project (36.6, 33.6, zoom, &x, &y);
      dl_basemap_draw (get_basemap (), cr, DL_BASEMAP_LIGHT, zoom, x - 32, y - 32, 64, 64);
      cairo_destroy (cr);
      g_assert_cmpint (distance (get_pixel (surface, 32, 32),
                                 style_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_LAND)), <=, 3);
      cairo_surface_destroy (surface);
    }
}

static void
test_outside_world (void)
{
  static const double views[][3] = {
    /* zoom, x, y */
    { 3, -5000, -5000 },
    { 3, 1e6, 1e6 },
    { 0, 0, -256 },
    { 0, 0, 256 },
    { 20, 1e8, 1e8 },
    { 24, 0, 0 },
    { 40, 0, 0 },
    { -3, 0, 0 },
    { NAN, 0, 0 },
    { 5, INFINITY, 0 },
  };
  Pixel sea = style_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_SEA);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
      cairo_t *cr = cairo_create (surface);

      dl_basemap_draw (get_basemap (), cr, DL_BASEMAP_LIGHT, views[i][0], views[i][1],
                       views[i][2], 256, 256);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      /* Away from the world, only sea. */
      if (i < 4)
        g_assert_cmpint (distance (get_pixel (surface, 128, 128), sea), <=, 3);
      cairo_surface_destroy (surface);
    }

  /* An unknown style falls back to light. */
  assert_color_at ((DlBasemapStyle) 42, 6, 33.5, 34.0, DL_BASEMAP_COLOR_SEA);
}

static void
assert_rejected (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  DlBasemap *basemap = dl_basemap_new_from_bytes (bytes, &error);

  g_assert_null (basemap);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_corrupt (void)
{
  g_autoptr(GBytes) good = load_compiled_bytes ();
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  DlBasemapFileHeader header;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  memcpy (&header, data, sizeof header);

  /* Empty, too short, truncated, not a base map. */
  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) short_bytes = g_bytes_new (data, 10);
    g_autoptr(GBytes) truncated = g_bytes_new (data, size / 2);
    g_autoptr(GBytes) text = g_bytes_new_static ("{\"type\": \"Topology\"} and more text here "
                                                 "to fill a header of seventy-two bytes....", 82);

    assert_rejected (empty);
    assert_rejected (short_bytes);
    assert_rejected (truncated);
    assert_rejected (text);
  }

  /* Every header field pushed out of range in turn. */
  for (guint field = 1; field < sizeof header / 4; field++)
    {
      guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      guint32 bad = 0xfffffff0u;

      memcpy (copy + field * 4, &bad, 4);
      bytes = g_bytes_new_take (copy, size);
      if (field == 17) /* reserved */
        continue;
      assert_rejected (bytes);
    }

  /* An index inside the sections pointing out of them. */
  {
    guint8 *copy = g_memdup2 (data, size);
    g_autoptr(GBytes) bytes = NULL;
    DlBasemapFileChunk *chunk = (void *) (copy + header.chunks_offset);

    chunk[header.n_chunks / 2].first_byte = header.steps_size;
    bytes = g_bytes_new_take (copy, size);
    assert_rejected (bytes);
  }
  {
    guint8 *copy = g_memdup2 (data, size);
    g_autoptr(GBytes) bytes = NULL;
    DlBasemapFileRing *ring = (void *) (copy + header.rings_offset);

    ring[3].n_chunks = G_MAXUINT32;
    bytes = g_bytes_new_take (copy, size);
    assert_rejected (bytes);
  }

  /* Random damage anywhere: rejected, or drawn without a crash. */
  for (guint round = 0; round < 200; round++)
    {
      guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      DlBasemap *basemap;

      for (guint k = 0; k < 8; k++)
        copy[g_rand_int_range (rand, 0, (gint32) MIN (size, G_MAXINT32))] = (guint8) g_rand_int (rand);
      bytes = g_bytes_new_take (copy, size);
      basemap = dl_basemap_new_from_bytes (bytes, &error);
      if (basemap != NULL)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
          cairo_t *cr = cairo_create (surface);
          g_autoptr(GArray) labels = NULL;

          dl_basemap_draw (basemap, cr, DL_BASEMAP_DARK, round % 15, 0, 0, 64, 64);
          labels = dl_basemap_list_labels (basemap, 3, 0, 0, 2048, 2048);
          for (guint i = 0; i < labels->len; i++)
            g_assert_true (g_utf8_validate (g_array_index (labels, DlBasemapLabel, i).text, -1, NULL));
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          dl_basemap_free (basemap);
        }
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static gboolean
has_label (GArray     *labels,
           const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_array_index (labels, DlBasemapLabel, i).text, text))
      return TRUE;
  return FALSE;
}

static GArray *
labels_around (double zoom,
               double lon,
               double lat)
{
  double x, y;

  dl_mercator_project (lon, lat, zoom, &x, &y);
  return dl_basemap_list_labels (get_basemap (), zoom, x - 600, y - 400, 1200, 800);
}

static void
test_labels (void)
{
  g_autoptr(GArray) world = labels_around (1, 0, 20);
  g_autoptr(GArray) levant = labels_around (7, 36.3, 33.5);
  g_autoptr(GArray) europe = labels_around (5, 10, 50);
  g_autoptr(GArray) nowhere = labels_around (5, -140, -40);

  /* At zoom 1 the biggest countries, not the small ones. */
  g_assert_true (has_label (world, "Russia"));
  g_assert_true (has_label (world, "Brazil"));
  g_assert_false (has_label (world, "Lebanon"));
  g_assert_false (has_label (world, "Damascus"));

  /* Close in, small countries and cities appear. */
  g_assert_true (has_label (levant, "Syria"));
  g_assert_true (has_label (levant, "Lebanon"));
  g_assert_true (has_label (levant, "Damascus"));
  g_assert_true (has_label (levant, "Beirut"));

  g_assert_true (has_label (europe, "Germany"));
  g_assert_true (has_label (europe, "Berlin"));
  g_assert_cmpuint (nowhere->len, ==, 0);

  for (guint i = 0; i < levant->len; i++)
    {
      DlBasemapLabel *label = &g_array_index (levant, DlBasemapLabel, i);
      double x, y;

      dl_mercator_project (36.3, 33.5, 7, &x, &y);
      g_assert_cmpfloat (fabs (label->x - x), <=, 600);
      g_assert_cmpfloat (fabs (label->y - y), <=, 400);
      g_assert_cmpfloat (label->importance, >, 0);
      if (g_str_equal (label->text, "Syria"))
        {
          double lon, lat;

          /* Syria's name sits inside Syria. */
          g_assert_false (label->is_city);
          dl_mercator_unproject (label->x, label->y, 7, &lon, &lat);
          g_assert_cmpfloat (lon, >, 36.5);
          g_assert_cmpfloat (lon, <, 41.0);
          g_assert_cmpfloat (lat, >, 33.0);
          g_assert_cmpfloat (lat, <, 36.5);
        }
    }
}

/* A hand-made base map ----------------------------------------------------------------- */

static void
append_varint (GByteArray *bytes,
               gint64      value)
{
  guint64 zigzag = value >= 0 ? (guint64) value << 1 : ((guint64) (-(value + 1)) << 1) | 1;

  do
    {
      guint8 byte = zigzag & 0x7f;

      zigzag >>= 7;
      if (zigzag != 0)
        byte |= 0x80;
      g_byte_array_append (bytes, &byte, 1);
    }
  while (zigzag != 0);
}

static guint32
append_aligned (GByteArray    *file,
                gconstpointer  data,
                gsize          size)
{
  static const guint8 zero = 0;
  guint32 offset;

  while (file->len % 4 != 0)
    g_byte_array_append (file, &zero, 1);
  offset = file->len;
  g_byte_array_append (file, data, size);
  return offset;
}

/* A map whose only land is the triangle (¼, ¼), (¾, ½), (¼, ½) of the world: one ring of
 * three edges as long as half the world, one of them slanted. */
static GBytes *
make_triangle_map (void)
{
  const gint32 q = DL_BASEMAP_WORLD / 4;
  DlBasemapFileHeader header = { { 0 } };
  DlBasemapFileBand band = { 0.0f, 0, { 0 }, { 0 } };
  DlBasemapFileRing ring = { q, q, 3 * q, 2 * q, 0, 1 };
  DlBasemapFileChunk chunk = { q, q, 3 * q, 2 * q, q, q, 0, 3 };
  g_autoptr(GByteArray) steps = g_byte_array_new ();
  GByteArray *file = g_byte_array_new ();

  append_varint (steps, 2 * q);
  append_varint (steps, q);
  append_varint (steps, -2 * q);
  append_varint (steps, 0);
  append_varint (steps, 0);
  append_varint (steps, -q);
  band.n_rings[DL_BASEMAP_LAYER_LAND] = 1;

  g_byte_array_append (file, (const guint8 *) &header, sizeof header);
  memcpy (header.magic, DL_BASEMAP_MAGIC, 4);
  header.version = DL_BASEMAP_VERSION;
  header.byte_order = DL_BASEMAP_BYTE_ORDER;
  header.n_bands = 1;
  header.bands_offset = append_aligned (file, &band, sizeof band);
  header.n_rings = 1;
  header.rings_offset = append_aligned (file, &ring, sizeof ring);
  header.n_chunks = 1;
  header.chunks_offset = append_aligned (file, &chunk, sizeof chunk);
  header.steps_size = steps->len;
  header.steps_offset = append_aligned (file, steps->data, steps->len);
  header.strings_size = 5;
  header.strings_offset = append_aligned (file, "Test", 5);
  header.attribution = 0;
  append_aligned (file, NULL, 0);
  header.size = file->len;
  memcpy (file->data, &header, sizeof header);
  return g_byte_array_free_to_bytes (file);
}

static void
test_long_edges (void)
{
  g_autoptr(GBytes) bytes = make_triangle_map ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DlBasemap) triangle = dl_basemap_new_from_bytes (bytes, &error);
  Pixel sea = style_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_SEA);
  Pixel land = style_color (DL_BASEMAP_LIGHT, DL_BASEMAP_COLOR_LAND);
  static const double zooms[] = { 0, 3.5, 12, 14, 15.3, 17, 19.5, 22, 24 };

  g_assert_no_error (error);
  g_assert_cmpstr (dl_basemap_get_attribution (triangle), ==, "Test");

  /* Far beyond the range of Cairo's fixed point, the slanted edge keeps its slope of ½:
   * seen 64 pixels wide, centred a quarter of the way along it, land lies below it. */
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      double size = dl_mercator_world_size (zooms[i]);
      double cx = size / 4 + size / 8, cy = size / 4 + size / 16;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
      cairo_t *cr = cairo_create (surface);

      dl_basemap_draw (triangle, cr, DL_BASEMAP_LIGHT, zooms[i], cx - 32, cy - 32, 64, 64);
      cairo_destroy (cr);
      if (zooms[i] >= 12)
        {
          g_assert_cmpint (distance (get_pixel (surface, 32 + 24, 32 + 18), land), <=, 3);
          g_assert_cmpint (distance (get_pixel (surface, 32 + 24, 32 + 6), sea), <=, 3);
          g_assert_cmpint (distance (get_pixel (surface, 32 - 24, 32 - 6), land), <=, 3);
          g_assert_cmpint (distance (get_pixel (surface, 32 - 24, 32 - 18), sea), <=, 3);
        }
      cairo_surface_destroy (surface);
    }
}

/* The names of a view, placed as the label layer places them: no two overlap. */
static void
assert_placed_without_overlap (GArray *found,
                               double  origin_x,
                               double  origin_y,
                               double  width,
                               double  height)
{
  g_autofree DlLabel *labels = g_new0 (DlLabel, MAX (found->len, 1));
  DlRect bounds = { 0, 0, width, height };
  guint n_placed = 0;

  for (guint i = 0; i < found->len; i++)
    {
      const DlBasemapLabel *label = &g_array_index (found, DlBasemapLabel, i);

      labels[i].anchor_x = label->x - origin_x;
      labels[i].anchor_y = label->y - origin_y;
      labels[i].anchor_radius = label->is_city ? 3.5 : 0.0;
      labels[i].width = 7.0 * g_utf8_strlen (label->text, -1);
      labels[i].height = 14.0;
      labels[i].centered = !label->is_city;
      labels[i].priority = label->importance;
    }
  dl_label_place (labels, found->len, NULL, 0, NULL, 0, &bounds, 3.0);

  for (guint i = 0; i < found->len; i++)
    {
      if (!labels[i].placed)
        continue;
      n_placed++;
      g_assert_cmpfloat (labels[i].rect.x, >=, 0);
      g_assert_cmpfloat (labels[i].rect.y, >=, 0);
      g_assert_cmpfloat (labels[i].rect.x + labels[i].rect.width, <=, width);
      g_assert_cmpfloat (labels[i].rect.y + labels[i].rect.height, <=, height);
      for (guint j = i + 1; j < found->len; j++)
        if (labels[j].placed)
          g_assert_false (dl_rect_intersects (&labels[i].rect, &labels[j].rect));
    }
  /* Something is shown whenever there is something to show. */
  if (found->len > 0)
    g_assert_cmpuint (n_placed, >, 0);
}

static void
test_labels_no_overlap (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 200; round++)
    {
      double zoom = g_rand_double_range (rand, 0, 12);
      double lon = g_rand_double_range (rand, -20, 60);
      double lat = g_rand_double_range (rand, 0, 60);
      double width = g_rand_double_range (rand, 200, 1600);
      double height = g_rand_double_range (rand, 200, 1000);
      double x, y;
      g_autoptr(GArray) found = NULL;

      dl_mercator_project (lon, lat, zoom, &x, &y);
      found = dl_basemap_list_labels (get_basemap (), zoom, x - width / 2, y - height / 2,
                                      width, height);
      assert_placed_without_overlap (found, x - width / 2, y - height / 2, width, height);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/basemap/load", test_load_valid);
  g_test_add_func ("/basemap/draw/sea-and-land", test_sea_and_land);
  g_test_add_func ("/basemap/draw/styles", test_styles_differ);
  g_test_add_func ("/basemap/draw/border-syria-lebanon", test_border_syria_lebanon);
  g_test_add_func ("/basemap/draw/golan", test_golan);
  g_test_add_func ("/basemap/draw/every-zoom", test_every_zoom);
  g_test_add_func ("/basemap/draw/outside-world", test_outside_world);
  g_test_add_func ("/basemap/draw/long-edges", test_long_edges);
  g_test_add_func ("/basemap/corrupt", test_corrupt);
  g_test_add_func ("/basemap/labels", test_labels);
  g_test_add_func ("/basemap/labels/no-overlap", test_labels_no_overlap);

  return g_test_run ();
}
