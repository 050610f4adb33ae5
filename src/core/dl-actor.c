/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actor"

#include "config.h"

#include <string.h>

#include "dl-actor-private.h"

G_DEFINE_FINAL_TYPE (DlActor, dl_actor, G_TYPE_OBJECT)

/* Distinct on a light map and for common colour blindness (Okabe–Ito, then GNOME). */
static const char * const default_colors[] = {
  "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#613583", "#865e3c",
};

static void
dl_actor_finalize (GObject *object)
{
  DlActor *self = DL_ACTOR (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->kind);
  g_strfreev (self->aliases);
  g_free (self->color);

  G_OBJECT_CLASS (dl_actor_parent_class)->finalize (object);
}

static void
dl_actor_class_init (DlActorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_actor_finalize;
}

static void
dl_actor_init (DlActor *self)
{
  self->aliases = g_new0 (char *, 1);
  dl_actor_set_color (self, default_colors[0]);
}

DlActor *
dl_actor_new (const char *id)
{
  DlActor *self = g_object_new (DL_TYPE_ACTOR, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (id);
  return self;
}

gboolean
dl_color_parse (const char *color,
                double      rgb[3])
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  for (int i = 0; i < 3; i++)
    rgb[i] = (g_ascii_xdigit_value (color[1 + 2 * i]) * 16 +
              g_ascii_xdigit_value (color[2 + 2 * i])) / 255.0;
  return TRUE;
}

gboolean
dl_actor_set_color (DlActor    *self,
                    const char *color)
{
  double rgb[3];

  if (!dl_color_parse (color, rgb))
    return FALSE;
  g_free (self->color);
  self->color = g_strdup (color);
  memcpy (self->rgb, rgb, sizeof rgb);
  return TRUE;
}

const char *
dl_actor_default_color (guint index)
{
  return default_colors[index % G_N_ELEMENTS (default_colors)];
}

/**
 * dl_actor_get_id:
 * @self: an actor
 *
 * Returns: the id events refer to it by.
 */
const char *
dl_actor_get_id (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), NULL);
  return self->id;
}

/**
 * dl_actor_get_name:
 * @self: an actor
 *
 * Returns: the name to show.
 */
const char *
dl_actor_get_name (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), NULL);
  return self->name;
}

/**
 * dl_actor_get_kind:
 * @self: an actor
 *
 * Returns: (nullable): "state", "person", "group", … as written, or %NULL.
 */
const char *
dl_actor_get_kind (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), NULL);
  return self->kind;
}

/**
 * dl_actor_get_aliases:
 * @self: an actor
 *
 * Returns: (transfer none): the other names it goes by; never %NULL.
 */
const char * const *
dl_actor_get_aliases (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), NULL);
  return (const char * const *) self->aliases;
}

/**
 * dl_actor_get_color:
 * @self: an actor
 *
 * Returns: "#rrggbb" as written in the file, or a default colour when it had none.
 */
const char *
dl_actor_get_color (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), NULL);
  return self->color;
}

/**
 * dl_actor_get_rgb:
 * @self: an actor
 * @red: (out) (optional): 0–1
 * @green: (out) (optional): 0–1
 * @blue: (out) (optional): 0–1
 *
 * The colour as components.
 */
void
dl_actor_get_rgb (DlActor *self,
                  double  *red,
                  double  *green,
                  double  *blue)
{
  g_return_if_fail (DL_IS_ACTOR (self));

  if (red != NULL)
    *red = self->rgb[0];
  if (green != NULL)
    *green = self->rgb[1];
  if (blue != NULL)
    *blue = self->rgb[2];
}

/**
 * dl_actor_get_n_events:
 * @self: an actor
 *
 * Returns: the number of events of the story this actor takes part in.
 */
guint
dl_actor_get_n_events (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), 0);
  return self->n_events;
}
