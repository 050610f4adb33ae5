/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-online-source"

#include "config.h"

#include "dl-online-source.h"

/* Tiles failing in a row before the source counts as unreachable: one tile can be missing
 * on a server that works (a 404 at the edge of its zoom levels). */
#define FAILURES_UNREACHABLE 3

struct _DlOnlineSource
{
  ShumateMapSource  parent_instance;

  ShumateMapSource *inner;
  guint             n_failed;
  guint             n_loaded;
  gboolean          reachable;
};

G_DEFINE_FINAL_TYPE (DlOnlineSource, dl_online_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_REACHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_reachable (DlOnlineSource *self,
               gboolean        reachable)
{
  if (self->reachable == reachable)
    return;
  self->reachable = reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

static void
inner_fill_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DlOnlineSource *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &error))
    {
      self->n_failed = 0;
      self->n_loaded++;
      set_reachable (self, TRUE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A tile scrolled out of view is cancelled: that says nothing of the network. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Tile failed: %s", error->message);
      self->n_failed++;
      if (self->n_failed >= FAILURES_UNREACHABLE)
        set_reachable (self, FALSE);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
dl_online_source_fill_tile_async (ShumateMapSource    *source,
                                  ShumateTile         *tile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DlOnlineSource *self = DL_ONLINE_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dl_online_source_fill_tile_async);
  shumate_map_source_fill_tile_async (self->inner, tile, cancellable, inner_fill_done_cb,
                                      task);
}

static gboolean
dl_online_source_fill_tile_finish (ShumateMapSource  *source,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
dl_online_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlOnlineSource *self = DL_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_online_source_dispose (GObject *object)
{
  DlOnlineSource *self = DL_ONLINE_SOURCE (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (dl_online_source_parent_class)->dispose (object);
}

static void
dl_online_source_class_init (DlOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = dl_online_source_dispose;
  object_class->get_property = dl_online_source_get_property;
  source_class->fill_tile_async = dl_online_source_fill_tile_async;
  source_class->fill_tile_finish = dl_online_source_fill_tile_finish;

  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_online_source_init (DlOnlineSource *self)
{
  self->reachable = TRUE;
}

DlOnlineSource *
dl_online_source_new (ShumateMapSource *inner)
{
  DlOnlineSource *self;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (inner), NULL);

  self = g_object_new (DL_TYPE_ONLINE_SOURCE,
                       "id", shumate_map_source_get_id (inner),
                       "name", shumate_map_source_get_name (inner),
                       "license", shumate_map_source_get_license (inner),
                       "license-uri", shumate_map_source_get_license_uri (inner),
                       "min-zoom-level", shumate_map_source_get_min_zoom_level (inner),
                       "max-zoom-level", shumate_map_source_get_max_zoom_level (inner),
                       "tile-size", shumate_map_source_get_tile_size (inner),
                       "projection", shumate_map_source_get_projection (inner),
                       NULL);
  self->inner = g_object_ref (inner);
  return self;
}

ShumateMapSource *
dl_online_source_get_inner (DlOnlineSource *self)
{
  g_return_val_if_fail (DL_IS_ONLINE_SOURCE (self), NULL);

  return self->inner;
}

gboolean
dl_online_source_get_reachable (DlOnlineSource *self)
{
  g_return_val_if_fail (DL_IS_ONLINE_SOURCE (self), FALSE);

  return self->reachable;
}

guint
dl_online_source_get_n_failed (DlOnlineSource *self)
{
  g_return_val_if_fail (DL_IS_ONLINE_SOURCE (self), 0);

  return self->n_failed;
}

guint
dl_online_source_get_n_loaded (DlOnlineSource *self)
{
  g_return_val_if_fail (DL_IS_ONLINE_SOURCE (self), 0);

  return self->n_loaded;
}
