/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-story"

#include "config.h"

#include <string.h>

#include "dl-actor-private.h"
#include "dl-event-private.h"
#include "dl-json-private.h"
#include "dl-place-private.h"
#include "dl-story-private.h"

/* Writing a story from the model.
 *
 * The tree the story was read from is never changed: it is the record of the file. Each
 * place, actor and event keeps the JSON object it was read from, and on save a new tree is
 * made: every member the model does not own is copied as it was (unknown members, foreign
 * members, simplestyle, ids written as numbers …), in its place; each member the model
 * owns is compared with what the loader would read from it and only replaced when the
 * model differs, or removed when the model cleared it; objects that are new to the model
 * get new JSON objects. So a story saved unchanged gives the bytes it was read from (when
 * it was written by Dateline), and undoing an edit gives them back too. Elements of
 * "features", "actors" and "events" that never became a place, actor or event (a feature
 * without a geometry in a plain map) are kept where they were. */

typedef struct
{
  DlStory    *story;
  GHashTable *owned;  /* JsonNode * of every element read into a place, actor or event */
  /* a plain map that gets a "dateline" member: its features must then follow the story
   * vocabulary (string ids, typed members, a geometry each) */
  gboolean    becomes_story;
  DlPlace    *root_geometry_place;  /* the place of a file that is a bare geometry */
  GPtrArray  *feature_nodes;  /* the story's feature_sources parsed again, or NULL */
  GPtrArray  *event_nodes;    /* and its event_sources, or NULL */
  /* the file written is a story: "suggested" and the like are its vocabulary (in a plain
   * map they are free data, kept as they are) */
  gboolean    story_vocabulary;
} Writer;

/* The feature @place was read from, or NULL for a new place. */
static JsonNode *
place_node (Writer  *w,
            DlPlace *place)
{
  if (place->node == NULL && place->source_index > 0 && w->feature_nodes != NULL &&
      place->source_index <= w->feature_nodes->len)
    return g_ptr_array_index (w->feature_nodes, place->source_index - 1);
  return place->node;
}

/* The object @event was read from, or NULL for a new event. */
static JsonNode *
event_node (Writer  *w,
            DlEvent *event)
{
  if (event->node == NULL && event->source_index > 0 && w->event_nodes != NULL &&
      event->source_index <= w->event_nodes->len)
    return g_ptr_array_index (w->event_nodes, event->source_index - 1);
  return event->node;
}

/* A copy of @object's members, in order: a changed copy never touches the original. */
static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();

  if (object != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *m = members; m != NULL; m = m->next)
        json_object_set_member (copy, m->data,
                                json_node_copy (json_object_get_member (object, m->data)));
    }
  return copy;
}

static JsonObject *
node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The string the loader reads from a member, or NULL. */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Makes member @name hold @value (removed when NULL), unless it already reads so. */
static void
sync_string (JsonObject *object,
             const char *name,
             const char *value)
{
  if (g_strcmp0 (string_member (object, name), value) == 0)
    return;
  if (value == NULL)
    json_object_remove_member (object, name);
  else
    json_object_set_string_member (object, name, value);
}

/* Makes member @name true when @value, else absent, unless it already reads so (the
 * reader takes anything but true as false). */
static void
sync_flag (JsonObject *object,
           const char *name,
           gboolean    value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  gboolean now = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                 json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                 json_node_get_boolean (node);

  if (now == value)
    return;
  if (value)
    json_object_set_boolean_member (object, name, TRUE);
  else
    json_object_remove_member (object, name);
}

static JsonNode *
position_node (DlLonLat position)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_array_add_double_element (array, position.lon);
  json_array_add_double_element (array, position.lat);
  json_node_take_array (node, array);
  return node;
}

static gboolean
is_position (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  return json_array_get_length (array) >= 2 &&
         JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0));
}

static gboolean
same_position (JsonNode *node,
               DlLonLat  position)
{
  JsonArray *array = json_node_get_array (node);

  return json_array_get_double_element (array, 0) == position.lon &&
         json_array_get_double_element (array, 1) == position.lat;
}

/* Whether the positions in @coordinates, in order, are @positions[*index …]. */
static gboolean
same_coordinates (JsonNode       *coordinates,
                  const DlLonLat *positions,
                  guint           n_positions,
                  guint          *index)
{
  JsonArray *array;

  if (is_position (coordinates))
    return *index < n_positions && same_position (coordinates, positions[(*index)++]);
  if (!JSON_NODE_HOLDS_ARRAY (coordinates))
    return FALSE;
  array = json_node_get_array (coordinates);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!same_coordinates (json_array_get_element (array, i), positions, n_positions, index))
      return FALSE;
  return TRUE;
}

/* @coordinates with its positions replaced by @positions[*index …] (further numbers of a
 * position, such as an altitude, kept). */
static JsonNode *
replace_coordinates (JsonNode       *coordinates,
                     const DlLonLat *positions,
                     guint           n_positions,
                     guint          *index)
{
  JsonArray *array = json_node_get_array (coordinates);
  JsonArray *copy = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  if (is_position (coordinates))
    {
      DlLonLat p = positions[MIN (*index, n_positions - 1)];

      (*index)++;
      json_array_add_double_element (copy, p.lon);
      json_array_add_double_element (copy, p.lat);
      for (guint i = 2; i < json_array_get_length (array); i++)
        json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));
    }
  else
    for (guint i = 0; i < json_array_get_length (array); i++)
      json_array_add_element (copy, replace_coordinates (json_array_get_element (array, i),
                                                         positions, n_positions, index));
  json_node_take_array (node, copy);
  return node;
}

static guint
count_positions (JsonNode *coordinates)
{
  guint n = 0;

  if (is_position (coordinates))
    return 1;
  if (!JSON_NODE_HOLDS_ARRAY (coordinates))
    return 0;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (coordinates)); i++)
    n += count_positions (json_array_get_element (json_node_get_array (coordinates), i));
  return n;
}

/* As the reader ranks a geometry: 0 points, 1 lines, 2 areas; a collection the highest
 * of its members; -1 without positions. */
static int
geometry_rank (JsonObject *geometry)
{
  const char *type = string_member (geometry, "type");
  JsonNode *node;
  int rank = -1;

  if (type == NULL)
    return -1;
  if (g_str_equal (type, "GeometryCollection"))
    {
      node = json_object_get_member (geometry, "geometries");
      for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                        i < json_array_get_length (json_node_get_array (node)); i++)
        rank = MAX (rank, geometry_rank (node_object (
                                           json_array_get_element (json_node_get_array (node),
                                                                   i))));
      return rank;
    }
  node = json_object_get_member (geometry, "coordinates");
  if (node == NULL || count_positions (node) == 0)
    return -1;
  if (g_str_has_suffix (type, "Point"))
    return 0;
  if (g_str_has_suffix (type, "LineString"))
    return 1;
  return 2;
}

/* The members of a GeometryCollection that make the place (those of @rank, as the reader
 * takes them), in order, with @replace their positions replaced by @positions[*index …],
 * else only compared: *@same stays TRUE while they read the same. */
static JsonObject *
walk_collection (JsonObject     *collection,
                 int             rank,
                 const DlLonLat *positions,
                 guint           n_positions,
                 guint          *index,
                 gboolean        replace,
                 gboolean       *same)
{
  JsonObject *copy = replace ? copy_object (collection) : NULL;
  JsonNode *node = json_object_get_member (collection, "geometries");
  JsonArray *members;
  JsonArray *out;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return copy;
  members = json_node_get_array (node);
  out = replace ? json_array_new () : NULL;
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *element = json_array_get_element (members, i);
      JsonObject *member = node_object (element);
      JsonObject *written = NULL;

      if (member != NULL && geometry_rank (member) == rank)
        {
          if (g_strcmp0 (string_member (member, "type"), "GeometryCollection") == 0)
            written = walk_collection (member, rank, positions, n_positions, index, replace,
                                       same);
          else if (replace)
            {
              written = copy_object (member);
              json_object_set_member (written, "coordinates",
                                      replace_coordinates (
                                        json_object_get_member (member, "coordinates"),
                                        positions, n_positions, index));
            }
          else if (!same_coordinates (json_object_get_member (member, "coordinates"),
                                      positions, n_positions, index))
            *same = FALSE;
        }
      if (!replace)
        continue;
      if (written != NULL)
        {
          JsonNode *child = json_node_new (JSON_NODE_OBJECT);

          json_node_take_object (child, written);
          json_array_add_element (out, child);
        }
      else
        json_array_add_element (out, json_node_copy (element));
    }
  if (replace)
    json_object_set_array_member (copy, "geometries", out);
  return copy;
}

static GArray *
place_positions (DlPlace *place)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (DlLonLat));

  for (guint i = 0; i < dl_place_get_n_parts (place); i++)
    {
      guint n;
      const DlLonLat *part = dl_place_get_part (place, i, &n);

      g_array_append_vals (all, part, n);
    }
  return all;
}

static JsonNode *
write_geometry (DlPlace    *place,
                JsonObject *original)
{
  g_autoptr(GArray) positions = place_positions (place);
  JsonObject *geometry;
  JsonNode *node;
  JsonNode *coordinates;
  guint index = 0;

  if (original == NULL)
    {
      /* a new place is a point */
      geometry = json_object_new ();
      json_object_set_string_member (geometry, "type", "Point");
      json_object_set_member (geometry, "coordinates",
                              position_node (g_array_index (positions, DlLonLat, 0)));
    }
  else
    {
      geometry = copy_object (original);
      coordinates = json_object_get_member (original, "coordinates");
      if (place->geometry_edited && coordinates != NULL &&
          !(same_coordinates (coordinates, (const DlLonLat *) positions->data,
                              positions->len, &index) && index == positions->len))
        {
          index = 0;
          json_object_set_member (geometry, "coordinates",
                                  replace_coordinates (coordinates,
                                                       (const DlLonLat *) positions->data,
                                                       positions->len, &index));
        }
      else if (place->geometry_edited && coordinates == NULL &&
               g_strcmp0 (string_member (original, "type"), "GeometryCollection") == 0)
        {
          /* a collection: the positions of its members that make the place */
          int rank = geometry_rank (original);
          gboolean same = TRUE;

          walk_collection (original, rank, (const DlLonLat *) positions->data, positions->len,
                           &index, FALSE, &same);
          if (!same || index != positions->len)
            {
              index = 0;
              json_object_unref (geometry);
              geometry = walk_collection (original, rank, (const DlLonLat *) positions->data,
                                          positions->len, &index, TRUE, NULL);
            }
        }
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, geometry);
  return node;
}

/* A member of the story vocabulary that holds something else than a string goes (a
 * plain map may have any properties; a story may not). */
static void
drop_untyped (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && string_member (object, name) == NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_remove_member (object, name);
}

/* A plain map becoming a story: the story's own words a plain map's feature used for
 * something else (another tool's "label": "north", "names": "none", "mentions": […]) are
 * taken out, as the place never read them; kept, the story could not be read again. The
 * feature's other members are all kept. */
static void
drop_unused_story_words (DlPlace    *place,
                         JsonObject *properties)
{
  JsonNode *node;

  node = json_object_get_member (properties, "label");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      /* the plain map used it as a position: written as the story reads one */
      if (place->has_label)
        json_object_set_member (properties, "label", position_node (place->label));
      else
        json_object_remove_member (properties, "label");
    }

  node = json_object_get_member (properties, "names");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *names = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (names);
      JsonObject *kept = json_object_new ();

      /* the local names it read: the strings */
      for (GList *m = members; m != NULL; m = m->next)
        if (string_member (names, m->data) != NULL)
          json_object_set_string_member (kept, m->data, string_member (names, m->data));
      json_object_set_object_member (properties, "names", kept);
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_remove_member (properties, "names");

  node = json_object_get_member (properties, "geonames");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
        json_node_get_int (node) > 0))
    json_object_remove_member (properties, "geonames");

  node = json_object_get_member (properties, "suggested");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN))
    json_object_remove_member (properties, "suggested");

  /* a plain map has no article for mentions to quote: never read */
  node = json_object_get_member (properties, "mentions");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_remove_member (properties, "mentions");
}

static JsonNode *
write_place (Writer  *w,
             DlPlace *place,
             guint    index)
{
  JsonObject *original = node_object (place_node (w, place));
  JsonObject *feature = copy_object (original);
  JsonObject *properties_in = NULL;
  JsonObject *properties;
  JsonNode *node;
  gboolean becomes_story = w->becomes_story;

  /* a story needs unique string ids: a plain map's numbers and repeated ids were given
   * others when it was read */
  if (original == NULL ||
      (becomes_story && (place->id_made_up ||
                         g_strcmp0 (string_member (original, "id"), place->id) != 0)))
    json_object_set_string_member (feature, "id", place->id);
  if (original == NULL)
    json_object_set_string_member (feature, "type", "Feature");
  if (place->n_parts > 0)
    {
      JsonObject *geometry = NULL;

      if (original != NULL)
        geometry = node_object (json_object_get_member (original, "geometry"));
      else if (place == w->root_geometry_place)
        geometry = node_object (w->story->root);  /* a file that was a bare geometry */
      json_object_set_member (feature, "geometry", write_geometry (place, geometry));
    }

  if (original != NULL)
    properties_in = node_object (json_object_get_member (original, "properties"));
  properties = copy_object (properties_in);
  if (becomes_story)
    {
      drop_untyped (properties, "name");
      drop_untyped (properties, "title");
      drop_untyped (properties, "kind");
      drop_untyped (properties, "precision");
      drop_untyped (properties, "description");
      drop_unused_story_words (place, properties);
    }

  /* written when it is not the name it was read with, or when the story would call it
   * something else: a story calls a feature without a name by its id, which may be a new
   * one (a plain map's "Place 3" is "place-3"; its second "1" is "1-2") */
  if (original == NULL || g_strcmp0 (place->loaded_name, place->name) != 0 ||
      (becomes_story && g_strcmp0 (place->name, place->id) != 0 &&
       string_member (properties, "name") == NULL &&
       string_member (properties, "title") == NULL))
    json_object_set_string_member (properties, "name", place->name);

  sync_string (properties, "kind", dl_place_get_kind (place));
  sync_string (properties, "precision", dl_place_get_precision (place));
  sync_string (properties, "description", dl_place_get_description (place));
  if (w->story_vocabulary)
    sync_flag (properties, "suggested", place->suggested);

  if (place->has_label && (place->geometry_edited || original == NULL))
    {
      JsonNode *label = properties_in != NULL ?
                        json_object_get_member (properties_in, "label") : NULL;

      if (label == NULL || !is_position (label) || !same_position (label, place->label))
        json_object_set_member (properties, "label", position_node (place->label));
    }

  if (properties_in != NULL || json_object_get_size (properties) > 0 || original == NULL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, properties);
      json_object_set_member (feature, "properties", node);
    }
  else
    json_object_unref (properties);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, feature);
  return node;
}

static JsonNode *
write_actor (Writer  *w,
             DlActor *actor,
             guint    index)
{
  JsonObject *original = node_object (actor->node);
  JsonObject *object = copy_object (original);
  JsonArray *aliases_in = NULL;
  JsonNode *aliases_node;
  JsonNode *node;
  const char *read_name;
  gboolean same_aliases = TRUE;
  guint n_aliases = g_strv_length (actor->aliases);

  if (original == NULL)
    json_object_set_string_member (object, "id", actor->id);

  read_name = string_member (original, "name");
  if (read_name == NULL)
    read_name = actor->id;
  if (g_strcmp0 (read_name, actor->name) != 0 || original == NULL)
    json_object_set_string_member (object, "name", actor->name);

  sync_string (object, "kind", actor->kind);

  aliases_node = original != NULL ? json_object_get_member (original, "aliases") : NULL;
  if (aliases_node != NULL && JSON_NODE_HOLDS_ARRAY (aliases_node))
    aliases_in = json_node_get_array (aliases_node);
  if (aliases_in != NULL)
    {
      same_aliases = json_array_get_length (aliases_in) == n_aliases;
      for (guint i = 0; same_aliases && i < n_aliases; i++)
        same_aliases = JSON_NODE_HOLDS_VALUE (json_array_get_element (aliases_in, i)) &&
                       g_strcmp0 (json_array_get_string_element (aliases_in, i),
                                  actor->aliases[i]) == 0;
    }
  else
    same_aliases = n_aliases == 0;
  if (!same_aliases)
    {
      if (n_aliases == 0)
        json_object_remove_member (object, "aliases");
      else
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; i < n_aliases; i++)
            json_array_add_string_element (array, actor->aliases[i]);
          json_object_set_array_member (object, "aliases", array);
        }
    }

  /* a default colour is not written, unless the actor moved and would get another */
  if (actor->color_given || !g_str_equal (actor->color, dl_actor_default_color (index)))
    sync_string (object, "color", actor->color);
  else
    sync_string (object, "color", NULL);
  sync_flag (object, "suggested", actor->suggested);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* References as the loader reads them: "id" or {"place": "id", "role": …}. */
static gboolean
read_reference (JsonNode    *element,
                const char  *key,
                const char **id,
                const char **role)
{
  JsonObject *object;

  if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
    {
      *id = json_node_get_string (element);
      *role = NULL;
      return TRUE;
    }
  object = node_object (element);
  if (object == NULL || string_member (object, key) == NULL)
    return FALSE;
  *id = string_member (object, key);
  *role = string_member (object, "role");
  return TRUE;
}

static void
write_references (JsonObject *event_object,
                  JsonObject *original,
                  const char *member,
                  const char *key,
                  GPtrArray  *items,
                  GPtrArray  *roles,
                  gboolean    places)
{
  JsonNode *node = original != NULL ? json_object_get_member (original, member) : NULL;
  JsonArray *in = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ?
                  json_node_get_array (node) : NULL;
  guint n_in = in != NULL ? json_array_get_length (in) : 0;
  g_autofree gboolean *used = g_new0 (gboolean, n_in + 1);
  gboolean same = n_in == items->len;
  JsonArray *out;

  for (guint i = 0; same && i < items->len; i++)
    {
      const char *id, *role;
      const char *item_id = places ? dl_place_get_id (g_ptr_array_index (items, i))
                                   : dl_actor_get_id (g_ptr_array_index (items, i));

      same = read_reference (json_array_get_element (in, i), key, &id, &role) &&
             g_strcmp0 (id, item_id) == 0 &&
             g_strcmp0 (role, g_ptr_array_index (roles, i)) == 0;
    }
  if (same)
    return;
  if (items->len == 0 && in == NULL)
    return;

  out = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      const char *item_id = places ? dl_place_get_id (g_ptr_array_index (items, i))
                                   : dl_actor_get_id (g_ptr_array_index (items, i));
      const char *item_role = g_ptr_array_index (roles, i);
      JsonNode *element = NULL;

      /* the element that named it before, with its other members */
      for (guint j = 0; j < n_in && element == NULL; j++)
        {
          const char *id, *role;
          JsonNode *old = json_array_get_element (in, j);

          if (used[j] || !read_reference (old, key, &id, &role) || !g_str_equal (id, item_id))
            continue;
          used[j] = TRUE;
          if (g_strcmp0 (role, item_role) == 0)
            element = json_node_copy (old);
          else if (node_object (old) != NULL)
            {
              JsonObject *copy = copy_object (node_object (old));

              sync_string (copy, "role", item_role);
              element = json_node_new (JSON_NODE_OBJECT);
              json_node_take_object (element, copy);
            }
        }
      if (element == NULL)
        {
          JsonObject *reference = json_object_new ();

          json_object_set_string_member (reference, key, item_id);
          if (item_role != NULL)
            json_object_set_string_member (reference, "role", item_role);
          element = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (element, reference);
        }
      json_array_add_element (out, element);
    }
  json_object_set_array_member (event_object, member, out);
}

static gboolean
read_quote (JsonNode    *element,
            const char **exact,
            const char **prefix,
            const char **suffix)
{
  JsonObject *object;

  *prefix = *suffix = NULL;
  if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
    {
      *exact = json_node_get_string (element);
      return TRUE;
    }
  object = node_object (element);
  if (object == NULL || string_member (object, "exact") == NULL)
    return FALSE;
  *exact = string_member (object, "exact");
  *prefix = string_member (object, "prefix");
  *suffix = string_member (object, "suffix");
  /* the loader reads an empty prefix or suffix as none */
  if (*prefix != NULL && **prefix == '\0')
    *prefix = NULL;
  if (*suffix != NULL && **suffix == '\0')
    *suffix = NULL;
  return TRUE;
}

static gboolean
same_quote (JsonNode        *element,
            const DlPassage *passage)
{
  const char *exact, *prefix, *suffix;

  return read_quote (element, &exact, &prefix, &suffix) &&
         g_strcmp0 (exact, passage->exact) == 0 &&
         g_strcmp0 (prefix, passage->prefix) == 0 &&
         g_strcmp0 (suffix, passage->suffix) == 0;
}

static void
write_passages (JsonObject *event_object,
                JsonObject *original,
                GPtrArray  *passages)
{
  JsonNode *node = original != NULL ? json_object_get_member (original, "passages") : NULL;
  JsonArray *in = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ?
                  json_node_get_array (node) : NULL;
  guint n_in = in != NULL ? json_array_get_length (in) : 0;
  g_autofree gboolean *used = g_new0 (gboolean, n_in + 1);
  gboolean same = n_in == passages->len;
  JsonArray *out;

  for (guint i = 0; same && i < passages->len; i++)
    same = same_quote (json_array_get_element (in, i), g_ptr_array_index (passages, i));
  if (same || (passages->len == 0 && in == NULL))
    return;

  out = json_array_new ();
  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *passage = g_ptr_array_index (passages, i);
      JsonNode *element = NULL;

      for (guint j = 0; j < n_in && element == NULL; j++)
        if (!used[j] && same_quote (json_array_get_element (in, j), passage))
          {
            used[j] = TRUE;
            element = json_node_copy (json_array_get_element (in, j));
          }
      if (element == NULL)
        {
          JsonObject *quote = json_object_new ();

          json_object_set_string_member (quote, "exact", passage->exact);
          if (passage->prefix != NULL)
            json_object_set_string_member (quote, "prefix", passage->prefix);
          if (passage->suffix != NULL)
            json_object_set_string_member (quote, "suffix", passage->suffix);
          element = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (element, quote);
        }
      json_array_add_element (out, element);
    }
  json_object_set_array_member (event_object, "passages", out);
}

static gboolean
same_time (const char   *text,
           const DlTime *time)
{
  DlTime read;

  if (text == NULL)
    return time->precision == DL_TIME_NONE;
  return dl_time_parse (text, &read, NULL) && dl_time_equal (&read, time);
}

static void
sync_time (JsonObject   *object,
           const char   *name,
           const DlTime *time)
{
  g_autofree char *iso = NULL;

  if (same_time (string_member (object, name), time))
    return;
  if (time->precision == DL_TIME_NONE)
    {
      json_object_remove_member (object, name);
      return;
    }
  iso = dl_time_to_iso (time);
  json_object_set_string_member (object, name, iso);
}

static void
write_when (JsonObject *event_object,
            JsonObject *original,
            DlEvent    *event)
{
  JsonNode *when = original != NULL ? json_object_get_member (original, "when") : NULL;
  JsonObject *object;
  JsonNode *node;

  if (event->start.precision == DL_TIME_NONE)
    {
      /* "when" needs a start: without one there is no time to write */
      if (when != NULL && !JSON_NODE_HOLDS_NULL (when))
        json_object_remove_member (event_object, "when");
      return;
    }

  if (when != NULL && JSON_NODE_HOLDS_VALUE (when) &&
      json_node_get_value_type (when) == G_TYPE_STRING &&
      event->end.precision == DL_TIME_NONE && event->when_text == NULL &&
      !event->approximate && !event->date_assumed &&
      same_time (json_node_get_string (when), &event->start))
    return;

  object = copy_object (node_object (when));
  if (node_object (when) == NULL)
    json_object_remove_member (object, "start");
  sync_time (object, "start", &event->start);
  sync_time (object, "end", &event->end);
  sync_string (object, "text", event->when_text);
  sync_flag (object, "approximate", event->approximate);
  sync_flag (object, "assumed", event->date_assumed);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  json_object_set_member (event_object, "when", node);
}

static JsonNode *
write_event (Writer  *w,
             DlEvent *event,
             guint    index)
{
  JsonObject *original = node_object (event_node (w, event));
  JsonObject *object = copy_object (original);
  JsonNode *node;

  if (original == NULL)
    json_object_set_string_member (object, "id", event->id);
  sync_string (object, "title", event->title);
  write_when (object, original, event);
  sync_string (object, "category", event->category);
  write_references (object, original, "places", "place", event->places, event->place_roles,
                    TRUE);
  write_references (object, original, "actors", "actor", event->actors, event->actor_roles,
                    FALSE);
  sync_string (object, "attribution", event->attribution);
  write_passages (object, original, event->passages);
  sync_flag (object, "suggested", event->suggested);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* @index: the element's position in the array written */
typedef JsonNode *(*WriteFunc) (Writer  *w,
                                gpointer item,
                                guint    index);

static JsonNode *
item_node (Writer  *w,
           gpointer item)
{
  if (DL_IS_PLACE (item))
    return place_node (w, DL_PLACE (item));
  if (DL_IS_ACTOR (item))
    return DL_ACTOR (item)->node;
  return event_node (w, DL_EVENT (item));
}

/* The elements of @original (nullable) merged with @items (the model's order): elements
 * the model never read are kept in their place, those of removed items are left out,
 * each item is written where its element was (new ones after the item before them). */
static JsonArray *
write_array (Writer    *w,
             JsonArray *original,
             GPtrArray *items,
             WriteFunc  write,
             gboolean   keep_unread)
{
  g_autoptr(GHashTable) by_node = g_hash_table_new (NULL, NULL);
  JsonArray *out = json_array_new ();
  guint next = 0;

  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = item_node (w, g_ptr_array_index (items, i));

      if (node != NULL)
        g_hash_table_insert (by_node, node, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; original != NULL && i < json_array_get_length (original); i++)
    {
      JsonNode *element = json_array_get_element (original, i);
      guint position;

      if (!g_hash_table_contains (w->owned, element))
        {
          if (keep_unread)
            json_array_add_element (out, json_node_copy (element));
          continue;
        }
      position = GPOINTER_TO_UINT (g_hash_table_lookup (by_node, element));
      /* emit the items up to this one */
      while (position > next)
        json_array_add_element (out, write (w, g_ptr_array_index (items, next++),
                                            json_array_get_length (out)));
    }
  while (next < items->len)
    json_array_add_element (out, write (w, g_ptr_array_index (items, next++),
                                        json_array_get_length (out)));
  return out;
}

static GPtrArray *
list_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static int
compare_file_order (gconstpointer a,
                    gconstpointer b)
{
  DlEvent *ea = *(DlEvent * const *) a;
  DlEvent *eb = *(DlEvent * const *) b;

  return (ea->index > eb->index) - (ea->index < eb->index);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
write_article (DlStory    *story,
               JsonObject *dateline,
               JsonObject *original)
{
  JsonObject *in = node_object (original != NULL ?
                                json_object_get_member (original, "article") : NULL);
  JsonObject *article;

  if (in == NULL && story->title == NULL && story->publisher == NULL && story->url == NULL &&
      story->published == NULL && story->language == NULL && story->text == NULL)
    return;

  article = copy_object (in);
  sync_string (article, "title", story->title);
  sync_string (article, "publisher", story->publisher);
  sync_string (article, "url", story->url);
  sync_string (article, "published", story->published);
  sync_string (article, "language", story->language);
  sync_string (article, "text", story->text);
  json_object_set_object_member (dateline, "article", article);
}

static JsonObject *
write_dateline (Writer     *w,
                JsonObject *original)
{
  DlStory *story = w->story;
  JsonObject *dateline = copy_object (original);
  g_autoptr(GPtrArray) actors = list_items (G_LIST_MODEL (story->actors));
  g_autoptr(GPtrArray) events = list_items (G_LIST_MODEL (story->events));

  if (original == NULL)
    json_object_set_int_member (dateline, "version", 1);
  write_article (story, dateline, original);

  if (member_array (original, "actors") != NULL || actors->len > 0)
    json_object_set_array_member (dateline, "actors",
                                  write_array (w, member_array (original, "actors"), actors,
                                               (WriteFunc) write_actor, TRUE));
  g_ptr_array_sort (events, compare_file_order);
  if (member_array (original, "events") != NULL || events->len > 0)
    json_object_set_array_member (dateline, "events",
                                  write_array (w, member_array (original, "events"), events,
                                               (WriteFunc) write_event, TRUE));
  return dateline;
}

static void
own_nodes (Writer     *w,
           GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      JsonNode *node = item_node (w, item);

      if (node != NULL)
        g_hash_table_add (w->owned, node);
    }
}

/* Every element the loader read into the model: computed once, from the story as it was
 * loaded (later items have no node, and removed ones must still be known as owned); and
 * what the loader made of each place that the file does not say. */
void
dl_story_remember_nodes (DlStory *self)
{
  Writer w = { self, NULL, FALSE, NULL, NULL, NULL };
  GListModel *places = G_LIST_MODEL (self->places);

  g_clear_pointer (&self->owned_nodes, g_hash_table_unref);
  w.owned = self->owned_nodes = g_hash_table_new (NULL, NULL);
  own_nodes (&w, places);
  own_nodes (&w, G_LIST_MODEL (self->actors));
  own_nodes (&w, G_LIST_MODEL (self->events));

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      JsonObject *feature = node_object (place->node);
      JsonNode *id = feature != NULL ? json_object_get_member (feature, "id") : NULL;

      dl_place_remember_name (place);
      if (place->source_index == 0)  /* else the loader said, before it dropped the tree */
        place->id_made_up = id == NULL || !JSON_NODE_HOLDS_VALUE (id);
    }
}

/* Whether a place read from a bare geometry says anything else than the file did. */
static gboolean
place_edited (DlPlace *place)
{
  return place->geometry_edited || g_strcmp0 (place->name, place->loaded_name) != 0 ||
         dl_place_get_kind (place) != NULL || dl_place_get_precision (place) != NULL ||
         dl_place_get_description (place) != NULL;
}

static gboolean
needs_dateline (DlStory *story)
{
  return story->title != NULL || story->publisher != NULL || story->url != NULL ||
         story->published != NULL || story->language != NULL || story->text != NULL ||
         g_list_model_get_n_items (G_LIST_MODEL (story->actors)) > 0 ||
         g_list_model_get_n_items (G_LIST_MODEL (story->events)) > 0;
}

static GBytes *
write_story (DlStory    *self,
             GPtrArray  *feature_nodes,
             GPtrArray  *event_nodes,
             GHashTable *owned)
{
  const char *type;
  JsonObject *original;
  JsonObject *root;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) places = NULL;
  Writer w = { self, NULL, FALSE, NULL, NULL, NULL };
  gboolean wrote_dateline = FALSE;
  gboolean wrote_features = FALSE;
  gsize length = 0;
  char *data;

  w.owned = owned;
  w.feature_nodes = feature_nodes;
  w.event_nodes = event_nodes;
  original = node_object (self->root);
  places = list_items (G_LIST_MODEL (self->places));
  w.becomes_story = !(original != NULL && json_object_has_member (original, "dateline")) &&
                    needs_dateline (self);
  w.story_vocabulary = w.becomes_story ||
                       (original != NULL && json_object_has_member (original, "dateline"));
  type = string_member (original, "type");
  if (type != NULL && !g_str_equal (type, "FeatureCollection"))
    {
      /* a file that is one Feature, or a bare geometry */
      DlPlace *only = places->len == 1 ? g_ptr_array_index (places, 0) : NULL;
      gboolean feature = g_str_equal (type, "Feature");

      /* the place read from the geometry (it keeps its geometry also beside places
       * added since) */
      for (guint i = 0; i < places->len && !feature; i++)
        {
          DlPlace *place = g_ptr_array_index (places, i);

          if (place->node == NULL && place->loaded_name != NULL)
            w.root_geometry_place = place;
        }
      if (only != NULL && !needs_dateline (self) &&
          ((feature && only->node == self->root) ||
           (!feature && only == w.root_geometry_place && !place_edited (only))))
        {
          node = feature ? write_place (&w, only, 0) : json_node_copy (self->root);
          data = dl_json_write (node, &length);
          return g_bytes_new_take (data, length);
        }
      /* places came or went, or story content: it becomes a FeatureCollection */
      original = NULL;
    }

  root = json_object_new ();
  if (original == NULL)
    json_object_set_string_member (root, "type", "FeatureCollection");
  else
    {
      g_autoptr(GList) members = json_object_get_members (original);

      for (GList *m = members; m != NULL; m = m->next)
        {
          JsonNode *member = json_object_get_member (original, m->data);

          if (g_str_equal (m->data, "dateline") && JSON_NODE_HOLDS_OBJECT (member))
            {
              json_object_set_object_member (root, "dateline",
                                             write_dateline (&w, json_node_get_object (member)));
              wrote_dateline = TRUE;
            }
          else if (g_str_equal (m->data, "features") && JSON_NODE_HOLDS_ARRAY (member))
            {
              json_object_set_array_member (root, "features",
                                            write_array (&w, json_node_get_array (member),
                                                         places, (WriteFunc) write_place,
                                                         !w.becomes_story));
              wrote_features = TRUE;
            }
          else
            json_object_set_member (root, m->data, json_node_copy (member));
        }
    }

  if (!wrote_dateline && needs_dateline (self))
    json_object_set_object_member (root, "dateline", write_dateline (&w, NULL));
  if (!wrote_features)
    json_object_set_array_member (root, "features",
                                  write_array (&w, NULL, places, (WriteFunc) write_place,
                                               TRUE));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  data = dl_json_write (node, &length);
  return g_bytes_new_take (data, length);
}

/* Each element read from a span of the text (features or events), parsed again; those
 * that became places (events) are added to @owned. */
static GPtrArray *
parse_sources (DlStory    *self,
               GArray     *sources,
               GHashTable *owned)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *nodes = g_ptr_array_new_full (sources->len, (GDestroyNotify) json_node_unref);
  const char *text = g_bytes_get_data (self->source, NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      const DlFeatureSource *source = &g_array_index (sources, DlFeatureSource, i);
      JsonNode *node = dl_json_build (text + source->offset, source->length);

      /* read once already: it parses, as the loader did */
      if (node == NULL &&
          json_parser_load_from_data (parser, text + source->offset, source->length,
                                      NULL))
        node = json_parser_steal_root (parser);
      if (node == NULL)
        node = json_node_new (JSON_NODE_NULL);
      g_ptr_array_add (nodes, node);
      if (source->owned)
        g_hash_table_add (owned, node);
    }
  return nodes;
}

/* Puts @nodes into the empty @array (a placeholder of the root), or takes them out. */
static void
fill_array (JsonArray *array,
            GPtrArray *nodes)
{
  if (array == NULL || nodes == NULL)
    return;
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (nodes, i)));
}

static void
empty_array (JsonArray *array)
{
  for (guint i = array != NULL ? json_array_get_length (array) : 0; i > 0; i--)
    json_array_remove_element (array, i - 1);
}

/**
 * dl_story_to_bytes:
 * @self: a story
 *
 * Writes the story from the model: every member the model does not own is kept as it was
 * in the file (unknown members of the features, actors, events and the collection,
 * foreign members), and a story saved unchanged gives the bytes it was read from.
 *
 * Returns: (transfer full): the story as pretty-printed GeoJSON.
 */
GBytes *
dl_story_to_bytes (DlStory *self)
{
  g_autoptr(GPtrArray) feature_nodes = NULL;
  g_autoptr(GPtrArray) event_nodes = NULL;
  g_autoptr(GHashTable) owned = NULL;
  JsonObject *root;
  JsonNode *dateline;
  JsonArray *features = NULL;
  JsonArray *events = NULL;
  GHashTableIter iter;
  gpointer node;
  GBytes *bytes;

  g_return_val_if_fail (DL_IS_STORY (self), NULL);

  if (self->owned_nodes == NULL)
    dl_story_remember_nodes (self);
  if (self->feature_sources == NULL)
    return write_story (self, NULL, NULL, self->owned_nodes);

  /* the trees of the features and events exist only while the story is written */
  owned = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&iter, self->owned_nodes);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    g_hash_table_add (owned, node);
  root = json_node_get_object (self->root);
  feature_nodes = parse_sources (self, self->feature_sources, owned);
  features = json_object_get_array_member (root, "features");
  dateline = json_object_get_member (root, "dateline");
  if (self->event_sources != NULL && dateline != NULL && JSON_NODE_HOLDS_OBJECT (dateline))
    {
      event_nodes = parse_sources (self, self->event_sources, owned);
      events = json_object_get_array_member (json_node_get_object (dateline), "events");
    }
  fill_array (features, feature_nodes);
  fill_array (events, event_nodes);
  bytes = write_story (self, feature_nodes, event_nodes, owned);
  empty_array (features);
  empty_array (events);
  return bytes;
}
