/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-tile-layer"

#include "config.h"

#include <math.h>

#include "dl-mercator.h"

#include "dl-tile-layer.h"

/* Tiles kept: a few screens' worth at two zooms. */
#define CACHE_SIZE 400
#define TILE_SIZE 256

struct _DlTileLayer
{
  ShumateLayer     parent_instance;

  DlOfflineSource *source;
  GHashTable      *cache;  /* "zoom/x/y/size" → GdkTexture */
  guint            n_rendered;
};

G_DEFINE_FINAL_TYPE (DlTileLayer, dl_tile_layer, SHUMATE_TYPE_LAYER)

static GdkTexture *
get_tile (DlTileLayer *self,
          guint        zoom,
          guint        x,
          guint        y,
          guint        size)
{
  g_autofree char *key = g_strdup_printf ("%u/%u/%u/%u", zoom, x, y, size);
  GdkTexture *texture = g_hash_table_lookup (self->cache, key);

  if (texture == NULL)
    {
      if (g_hash_table_size (self->cache) >= CACHE_SIZE)
        g_hash_table_remove_all (self->cache);
      texture = dl_offline_source_render_texture (self->source, zoom, x, y, size);
      self->n_rendered++;
      g_hash_table_insert (self->cache, g_steal_pointer (&key), texture);
    }
  return texture;
}

static void
viewport_changed_cb (DlTileLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dl_tile_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DlTileLayer *self = DL_TILE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self->source);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom, scale, cx, cy, half, rotation;
  int iz, n, col0, col1, row0, row1;
  guint size;

  if (viewport == NULL || width <= 0 || height <= 0)
    return;

  zoom = shumate_viewport_get_zoom_level (viewport);
  iz = (int) floor (zoom + 1e-9);
  iz = CLAMP (iz, (int) shumate_map_source_get_min_zoom_level (source),
              (int) shumate_map_source_get_max_zoom_level (source));
  scale = exp2 (zoom - iz);
  n = 1 << iz;
  size = (guint) (TILE_SIZE * gtk_widget_get_scale_factor (widget));
  dl_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), iz,
                       &cx, &cy);
  /* Half the diagonal covers the view at any rotation. */
  half = hypot (width, height) / 2.0 / scale;
  col0 = (int) floor ((cx - half) / TILE_SIZE);
  col1 = (int) floor ((cx + half) / TILE_SIZE);
  row0 = MAX ((int) floor ((cy - half) / TILE_SIZE), 0);
  row1 = MIN ((int) floor ((cy + half) / TILE_SIZE), n - 1);

  rotation = shumate_viewport_get_rotation (viewport);
  gtk_snapshot_save (snapshot);
  if (rotation != 0)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width / 2.0f, height / 2.0f));
      gtk_snapshot_rotate (snapshot, (float) (rotation * 180 / G_PI));
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-width / 2.0f, -height / 2.0f));
    }
  for (int row = row0; row <= row1; row++)
    for (int col = col0; col <= col1; col++)
      {
        /* Whole pixels on both edges, so that neighbours meet without a hairline. */
        double left = round ((col * TILE_SIZE - cx) * scale + width / 2.0);
        double right = round (((col + 1) * TILE_SIZE - cx) * scale + width / 2.0);
        double top = round ((row * TILE_SIZE - cy) * scale + height / 2.0);
        double bottom = round (((row + 1) * TILE_SIZE - cy) * scale + height / 2.0);
        GdkTexture *texture;

        /* Columns wrap around the world; rows end at the poles. */
        texture = get_tile (self, (guint) iz, (guint) (((col % n) + n) % n), (guint) row, size);
        gtk_snapshot_append_texture (snapshot, texture,
                                     &GRAPHENE_RECT_INIT ((float) left, (float) top,
                                                          (float) (right - left),
                                                          (float) (bottom - top)));
      }
  gtk_snapshot_restore (snapshot);
}

static void
dl_tile_layer_constructed (GObject *object)
{
  DlTileLayer *self = DL_TILE_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (dl_tile_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  if (viewport != NULL)
    g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
dl_tile_layer_finalize (GObject *object)
{
  DlTileLayer *self = DL_TILE_LAYER (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (dl_tile_layer_parent_class)->finalize (object);
}

static void
dl_tile_layer_class_init (DlTileLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dl_tile_layer_constructed;
  object_class->finalize = dl_tile_layer_finalize;
  widget_class->snapshot = dl_tile_layer_snapshot;
}

static void
dl_tile_layer_init (DlTileLayer *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  /* The base map is background: clicks and drags go to the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

DlTileLayer *
dl_tile_layer_new (ShumateViewport *viewport,
                   DlOfflineSource *source)
{
  DlTileLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (DL_IS_OFFLINE_SOURCE (source), NULL);

  self = g_object_new (DL_TYPE_TILE_LAYER, "viewport", viewport, NULL);
  self->source = g_object_ref (source);
  return self;
}

guint
dl_tile_layer_get_n_rendered (DlTileLayer *self)
{
  g_return_val_if_fail (DL_IS_TILE_LAYER (self), 0);

  return self->n_rendered;
}
