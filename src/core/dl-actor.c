/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actor"

#include "config.h"

#include <string.h>

#include "dl-actor-private.h"
#include "dl-notifier.h"

G_DEFINE_FINAL_TYPE (DlActor, dl_actor, G_TYPE_OBJECT)

/* The palette of new and drafted actors, the most distinct first: any two of the first 15
 * differ by at least 24 CIEDE2000 units, and each by 21 from the grey of a place no actor
 * colours; any two of all 20 by 16. Each has a contrast of at least 2:1 on the base map's
 * land and sea, light and dark, so that markers read in both styles (tests/test-color.c).
 * No 15 colours all stay apart with a colour vision deficiency: the list, the legend and
 * the tooltips name the actor. */
static const char * const default_colors[] = {
  "#0061cf", "#ab9e00", "#fe6266", "#0bb1a2", "#2c6e00", "#b03500", "#13a6fc", "#de8021",
  "#a73257", "#a28efb", "#795b0a", "#911ace", "#ff33c2", "#03b523", "#006c66", "#829a78",
  "#977b61", "#a0727a", "#508d99", "#f94500",
  NULL
};
#define N_DEFAULT_COLORS (G_N_ELEMENTS (default_colors) - 1)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_COLOR,
  PROP_ALIASES,
  PROP_N_EVENTS,
  PROP_SUGGESTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
dl_actor_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlActor *self = DL_ACTOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_ALIASES:
      g_value_set_boxed (value, self->aliases);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->n_events);
      break;
    case PROP_SUGGESTED:
      g_value_set_boolean (value, self->suggested);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_actor_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DlActor *self = DL_ACTOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      dl_actor_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      dl_actor_set_kind (self, g_value_get_string (value));
      break;
    case PROP_COLOR:
      dl_actor_set_color (self, g_value_get_string (value));
      break;
    case PROP_ALIASES:
      dl_actor_set_aliases (self, g_value_get_boxed (value));
      break;
    case PROP_SUGGESTED:
      dl_actor_set_suggested (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_actor_finalize (GObject *object)
{
  DlActor *self = DL_ACTOR (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->kind);
  g_strfreev (self->aliases);
  g_free (self->color);
  g_clear_pointer (&self->node, json_node_unref);

  G_OBJECT_CLASS (dl_actor_parent_class)->finalize (object);
}

static void
dl_actor_class_init (DlActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dl_actor_finalize;
  /* views hear of every item's changes in one place */
  object_class->dispatch_properties_changed = dl_notifier_dispatch;
  object_class->get_property = dl_actor_get_property;
  object_class->set_property = dl_actor_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, rw);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, rw);
  properties[PROP_ALIASES] = g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_N_EVENTS] = g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                                                 ro);
  properties[PROP_SUGGESTED] = g_param_spec_boolean ("suggested", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_actor_init (DlActor *self)
{
  self->aliases = g_new0 (char *, 1);
  self->color = g_strdup (default_colors[0]);
  dl_color_parse (self->color, self->rgb);
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


void
dl_actor_set_default_color (DlActor *self,
                            guint    index)
{
  g_free (self->color);
  self->color = g_strdup (dl_actor_default_color (index));
  dl_color_parse (self->color, self->rgb);
  self->color_given = FALSE;
}

const char *
dl_actor_default_color (guint index)
{
  return default_colors[index % N_DEFAULT_COLORS];
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

void
dl_actor_add_n_events (DlActor *self,
                       int      delta)
{
  g_assert (delta >= 0 || self->n_events >= (guint) -delta);

  self->n_events += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
}

/**
 * dl_actor_new:
 * @id: an id no other actor of the story has (dl_story_make_id())
 *
 * Returns: (transfer full): a new actor named after its id, with the first colour of the
 *   palette.
 */
DlActor *
dl_actor_new (const char *id)
{
  DlActor *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (DL_TYPE_ACTOR, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (id);
  return self;
}

/**
 * dl_actor_set_name:
 * @self: an actor
 * @name: the name to show (an empty or %NULL name becomes the id)
 *
 * Renames the actor.
 */
void
dl_actor_set_name (DlActor    *self,
                   const char *name)
{
  g_return_if_fail (DL_IS_ACTOR (self));

  if (name == NULL || *name == '\0')
    name = self->id;
  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * dl_actor_set_kind:
 * @self: an actor
 * @kind: (nullable): "state", "person", … or any word
 *
 * Sets the kind.
 */
void
dl_actor_set_kind (DlActor    *self,
                   const char *kind)
{
  g_return_if_fail (DL_IS_ACTOR (self));
  if (replace_string (&self->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * dl_actor_set_color:
 * @self: an actor
 * @color: "#rrggbb"
 *
 * Sets the colour (it is then saved with the story).
 *
 * Returns: %FALSE, with nothing changed, when @color is not of that form.
 */
gboolean
dl_actor_set_color (DlActor    *self,
                    const char *color)
{
  double rgb[3];

  g_return_val_if_fail (DL_IS_ACTOR (self), FALSE);

  if (!dl_color_parse (color, rgb))
    return FALSE;
  self->color_given = TRUE;
  if (g_strcmp0 (self->color, color) == 0)
    return TRUE;
  g_free (self->color);
  self->color = g_strdup (color);
  memcpy (self->rgb, rgb, sizeof rgb);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  return TRUE;
}

/**
 * dl_actor_set_aliases:
 * @self: an actor
 * @aliases: (nullable) (array zero-terminated=1): other names it goes by
 *
 * Sets the aliases.
 */
void
dl_actor_set_aliases (DlActor            *self,
                      const char * const *aliases)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (DL_IS_ACTOR (self));

  if (aliases == NULL)
    aliases = none;
  if (g_strv_equal ((const char * const *) self->aliases, aliases))
    return;
  g_strfreev (self->aliases);
  self->aliases = g_strdupv ((char **) aliases);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIASES]);
}

/**
 * dl_actor_get_palette:
 * @n_colors: (out) (optional): the number of colours
 *
 * Returns: (transfer none) (array zero-terminated=1): "#rrggbb" colours distinct on the
 *   map, light and dark, in the order new actors take them.
 */
const char * const *
dl_actor_get_palette (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = N_DEFAULT_COLORS;
  return default_colors;
}

/**
 * dl_actor_get_suggested:
 * @self: an actor
 *
 * Returns: %TRUE when the actor is a draft of the app ("suggested": true) that the user
 *   has not accepted yet.
 */
gboolean
dl_actor_get_suggested (DlActor *self)
{
  g_return_val_if_fail (DL_IS_ACTOR (self), FALSE);
  return self->suggested;
}

/**
 * dl_actor_set_suggested:
 * @self: an actor
 * @suggested: %FALSE once the user has accepted the app's draft
 *
 * Marks the actor as a suggestion of the app, or not.
 */
void
dl_actor_set_suggested (DlActor  *self,
                        gboolean  suggested)
{
  g_return_if_fail (DL_IS_ACTOR (self));

  suggested = !!suggested;
  if (self->suggested == suggested)
    return;
  self->suggested = suggested;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTED]);
}
