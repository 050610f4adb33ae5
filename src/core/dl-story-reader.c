/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a story file: the checks of the text before json-glib sees it, the reading of
 * each member into the model with its validation, and the line:column of every problem.
 * The object itself, its accessors and file I/O are in dl-story.c; writing is in
 * dl-story-writer.c. */
#define G_LOG_DOMAIN "dl-story"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-actor-private.h"
#include "dl-event-private.h"
#include "dl-feature-scan.h"
#include "dl-geojson-lenient.h"
#include "dl-json-private.h"
#include "dl-place-mentions-private.h"
#include "dl-place-private.h"
#include "dl-story-private.h"
#include "dl-story-reader-private.h"
#include "dl-text-index.h"

/* Limits checked before json-glib sees the text. */
#define MAX_SIZE DL_STORY_MAX_SIZE
/* the spans of a DlFeatureSource */
G_STATIC_ASSERT (MAX_SIZE <= G_MAXINT32);
#define MAX_DEPTH 512
#define MAX_PROBLEMS 200
/* Characters of a message, and of a passage quoted in one. */
#define MAX_MESSAGE 400
#define QUOTE_LENGTH 60

typedef enum
{
  KIND_STRING,
  KIND_NUMBER,
  KIND_OBJECT,
  KIND_ARRAY,
} Kind;

typedef struct
{
  DlStoryError code;
  char        *path;     /* NULL when line and column are known */
  char        *message;
  int          line;
  int          column;
  guint        sequence;
  gboolean     warning;  /* read leniently: the file still opens */
} Problem;

/* What is read leniently, each said once per file. */
typedef enum
{
  WARN_BOM = 1 << 0,
  WARN_PAST_180 = 1 << 1,
  WARN_NO_PROPERTIES = 1 << 2,
  WARN_NO_GEOMETRY = 1 << 3,
  WARN_EMPTY = 1 << 4,
  WARN_CRS = 1 << 5,
} Warning;

/* Character offsets of byte offsets in one pass over the text. */
#define BLOCK 256
typedef struct
{
  const char *text;
  gsize       length;
  guint      *chars_before_block;
  DlTextIndex *suffixes; /* built for the first passage */
} TextIndex;

typedef struct
{
  const char *text;
  gsize       length;
  const char *display_name;
  GPtrArray  *problems;
  gboolean    is_story;  /* has a "dateline" member */
  guint       n_errors;
  guint       warned;    /* Warning flags already reported */
  gboolean    projected; /* projected coordinates were reported once */
  /* Some place or actor had no usable id: a reference to an unknown id may be to it, so
   * it is not reported as well. */
  gboolean    places_incomplete;
  gboolean    actors_incomplete;
  DlStory    *story;
  GHashTable *place_paths; /* a story's place id → path of its first definition */
  /* a plain map's made-up place ids (the places' own strings; the others are the keys of
   * the story's place_by_id) */
  GHashTable *place_ids;
  /* every place read, put in the story at once when the reading is done */
  GPtrArray  *places;
  GHashTable *actor_paths;
  GHashTable *event_paths;
  TextIndex   text_index;
  GPtrArray  *mentioned; /* places with mentions to check against the text */
  GPtrArray  *mentioned_paths;
  /* the text json-glib reads (\u0000 replaced), and a parser for one feature at a time */
  const char *json_text;
  JsonParser *parser;
  /* dl_story_new_from_bytes_full(): told how far the reading is; it may stop it */
  DlStoryProgressFunc progress;
  gpointer    progress_data;
  gsize       n_read;         /* bytes of the text parsed so far */
  gsize       next_progress;  /* when n_read reaches this, it is told */
  gboolean    stopped;
} Loader;

static void
problem_free (Problem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/* Values from the file go into messages: a message stays one line of reasonable length
 * however they look. Takes @message. */
static char *
tidy_message (char *message)
{
  GString *tidy = g_string_new (NULL);
  guint length = 0;

  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p), length++)
    {
      if (length == MAX_MESSAGE)
        {
          /* the start says what is wrong */
          g_string_append (tidy, "…");
          break;
        }
      if ((unsigned char) *p < 0x20 || *p == 0x7f)
        g_string_append_c (tidy, ' ');
      else
        g_string_append_len (tidy, p, g_utf8_next_char (p) - p);
    }

  g_free (message);
  return g_string_free (tidy, FALSE);
}

G_GNUC_PRINTF (4, 5)
static void
report (Loader       *l,
        DlStoryError  code,
        const char   *path,
        const char   *format,
        ...)
{
  Problem *problem;
  va_list args;

  l->n_errors++;
  if (l->problems->len >= MAX_PROBLEMS)
    return;

  problem = g_new0 (Problem, 1);
  problem->code = code;
  problem->path = g_strdup (path != NULL ? path : "");
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->sequence = l->problems->len;
  problem->message = tidy_message (problem->message);
  g_ptr_array_add (l->problems, problem);
}

/* Something readers tolerate: said once per file, as a warning. */
G_GNUC_PRINTF (4, 5)
static void
warn (Loader     *l,
      Warning     warning,
      const char *path,
      const char *format,
      ...)
{
  Problem *problem;
  va_list args;

  if ((l->warned & warning) != 0 || l->problems->len >= MAX_PROBLEMS)
    return;
  l->warned |= warning;

  problem = g_new0 (Problem, 1);
  problem->warning = TRUE;
  problem->path = g_strdup (path != NULL ? path : "");
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->sequence = l->problems->len;
  problem->message = tidy_message (problem->message);
  g_ptr_array_add (l->problems, problem);
}

/* Reports what the readers of dl-place-mentions.c found. */
static void
report_member_problems (Loader    *l,
                        GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      DlMemberProblem *problem = g_ptr_array_index (problems, i);

      report (l, problem->code, problem->path, "%s", problem->message);
    }
}

static void
report_at (Loader       *l,
           DlStoryError  code,
           int           line,
           int           column,
           char         *message)
{
  Problem *problem = g_new0 (Problem, 1);

  problem->code = code;
  problem->message = message;
  problem->line = line;
  problem->column = column;
  problem->sequence = l->problems->len;
  g_ptr_array_add (l->problems, problem);
  l->n_errors++;
}

/* The line and column (characters, 1-based) of byte @offset. */
static void
position_of_offset (const char *text,
                    gsize       offset,
                    int        *line,
                    int        *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      unsigned char c = (unsigned char) text[i];

      if (c == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((c & 0xC0) != 0x80)
        (*column)++;
    }
}

static char *
member_path (const char *path,
             const char *name)
{
  if (path == NULL || *path == '\0')
    return g_strdup (name);
  return g_strconcat (path, ".", name, NULL);
}

/* "path[index]", without printf: made for every element read */
static char *
element_path (const char *path,
              guint       index)
{
  char digits[16];
  gsize n = strlen (path);
  gsize k = sizeof digits;
  char *result;

  do
    digits[--k] = '0' + index % 10;
  while ((index /= 10) > 0);
  result = g_malloc (n + (sizeof digits - k) + 3);
  memcpy (result, path, n);
  result[n] = '[';
  memcpy (result + n + 1, digits + k, sizeof digits - k);
  n += 1 + sizeof digits - k;
  result[n] = ']';
  result[n + 1] = '\0';
  return result;
}

/* The last part of a path, to name a value in a message: "id", "coordinates[1]". */
static const char *
path_label (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL ? dot + 1 : path;
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("a number");
        }
    }
}

static const char *
describe_kind (Kind kind)
{
  switch (kind)
    {
    case KIND_STRING:
      return _("a string");
    case KIND_NUMBER:
      return _("a number");
    case KIND_OBJECT:
      return _("an object");
    case KIND_ARRAY:
    default:
      return _("an array");
    }
}

static gboolean
node_is (JsonNode *node,
         Kind      kind)
{
  switch (kind)
    {
    case KIND_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case KIND_NUMBER:
      return JSON_NODE_HOLDS_VALUE (node) &&
             (json_node_get_value_type (node) == G_TYPE_INT64 ||
              json_node_get_value_type (node) == G_TYPE_DOUBLE);
    case KIND_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case KIND_ARRAY:
    default:
      return JSON_NODE_HOLDS_ARRAY (node);
    }
}

/* Checks that @node (at @path) is of @kind, reporting it otherwise. */
static gboolean
check_kind (Loader     *l,
            JsonNode   *node,
            const char *path,
            Kind        kind)
{
  if (node_is (node, kind))
    return TRUE;

  report (l, DL_STORY_ERROR_INVALID, path, _("“%s” must be %s, not %s"),
          path_label (path), describe_kind (kind), describe_node (node));
  return FALSE;
}

/* Member @name of @object, checked to be of @kind. Absent or null: NULL, and a problem
 * when @required. */
static JsonNode *
get_member (Loader     *l,
            JsonObject *object,
            const char *path,
            const char *name,
            Kind        kind,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = NULL;

  if (node == NULL)
    {
      if (required)
        report (l, DL_STORY_ERROR_INVALID, path, _("missing required member “%s”"), name);
      return NULL;
    }
  if (node_is (node, kind))
    return node;

  /* the path only for a problem: this runs for every member read */
  child = member_path (path, name);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        report (l, DL_STORY_ERROR_INVALID, child, _("“%s” must be %s, not null"), name,
                describe_kind (kind));
      return NULL;
    }
  check_kind (l, node, child, kind);
  return NULL;
}

static const char *
get_string (Loader     *l,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  JsonNode *node = get_member (l, object, path, name, KIND_STRING, required);

  return node != NULL ? json_node_get_string (node) : NULL;
}

/* A string member that, when present, must not be empty (ids, quotes). */
static const char *
get_nonempty_string (Loader     *l,
                     JsonObject *object,
                     const char *path,
                     const char *name,
                     gboolean    required)
{
  const char *value = get_string (l, object, path, name, required);

  if (value != NULL && *value == '\0')
    {
      g_autofree char *child = member_path (path, name);

      report (l, DL_STORY_ERROR_INVALID, child, _("“%s” must not be empty"), name);
      return NULL;
    }
  return value;
}

static JsonObject *
get_object (Loader     *l,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  JsonNode *node = get_member (l, object, path, name, KIND_OBJECT, required);

  return node != NULL ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (Loader     *l,
           JsonObject *object,
           const char *path,
           const char *name,
           gboolean    required)
{
  JsonNode *node = get_member (l, object, path, name, KIND_ARRAY, required);

  return node != NULL ? json_node_get_array (node) : NULL;
}

static char *
quote (const char *text)
{
  glong n = g_utf8_strlen (text, -1);
  g_autofree char *one_line = NULL;

  if (n > QUOTE_LENGTH)
    {
      g_autofree char *start = g_utf8_substring (text, 0, QUOTE_LENGTH - 1);

      one_line = g_strconcat (start, "…", NULL);
    }
  else
    one_line = g_strdup (text);

  g_strdelimit (one_line, "\n\r\t", ' ');
  return g_strdup_printf ("“%s”", one_line);
}

/* Text index */

static void
text_index_init (TextIndex  *ti,
                 const char *text)
{
  guint n_blocks;
  guint count = 0;

  ti->text = text;
  ti->length = text != NULL ? strlen (text) : 0;
  n_blocks = ti->length / BLOCK + 1;
  ti->chars_before_block = g_new (guint, n_blocks);
  for (guint b = 0; b < n_blocks; b++)
    {
      ti->chars_before_block[b] = count;
      for (gsize i = (gsize) b * BLOCK; i < MIN (ti->length, (gsize) (b + 1) * BLOCK); i++)
        if ((((unsigned char) text[i]) & 0xC0) != 0x80)
          count++;
    }
}

static int
text_index_char_offset (TextIndex *ti,
                        gsize      byte_offset)
{
  gsize block = byte_offset / BLOCK;
  int count = ti->chars_before_block[block];

  for (gsize i = block * BLOCK; i < byte_offset; i++)
    if ((((unsigned char) ti->text[i]) & 0xC0) != 0x80)
      count++;
  return count;
}

/* Geometry */

static const char * const geometry_types[] = {
  "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  "GeometryCollection", NULL
};

static gboolean
read_position (Loader     *l,
               JsonNode   *node,
               const char *path,
               DlLonLat   *out)
{
  JsonArray *array;
  double value[2];

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) < 2)
    {
      report (l, DL_STORY_ERROR_GEOMETRY, path,
              _("a position must be an array [longitude, latitude], not %s"),
              JSON_NODE_HOLDS_ARRAY (node) ? _("an array of fewer than 2 numbers")
                                          : describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is (element, KIND_NUMBER))
        {
          g_autofree char *child = element_path (path, i);

          return check_kind (l, element, child, KIND_NUMBER);
        }
      if (i < 2)
        value[i] = json_node_get_double (element);
    }

  if (isfinite (value[0]) && isfinite (value[1]) &&
      (fabs (value[0]) > DL_GEOJSON_MAX_LONGITUDE || fabs (value[1]) > DL_GEOJSON_MAX_LATITUDE))
    {
      /* said once: every other position of such a file is just as far out */
      if (!l->projected)
        report (l, DL_STORY_ERROR_GEOMETRY, path,
                _("coordinates look projected (EPSG:3857 metres?), not degrees: [%g, %g]; "
                  "GeoJSON positions are [longitude, latitude] in WGS 84 degrees "
                  "(reproject with ogr2ogr -t_srs EPSG:4326)"), value[0], value[1]);
      else
        l->n_errors++;
      l->projected = TRUE;
      return FALSE;
    }
  /* floating-point noise past a limit is the limit */
  if (fabs (value[0]) > 180 && fabs (value[0]) <= 180 + DL_GEOJSON_SNAP)
    value[0] = value[0] > 0 ? 180 : -180;
  if (fabs (value[1]) > 90 && fabs (value[1]) <= 90 + DL_GEOJSON_SNAP)
    value[1] = value[1] > 0 ? 90 : -90;

  if (!isfinite (value[0]))
    {
      g_autofree char *child = element_path (path, 0);

      report (l, DL_STORY_ERROR_GEOMETRY, child,
              _("longitude %g is out of range (it must be between -180 and 180; "
                "positions are [longitude, latitude])"), value[0]);
      return FALSE;
    }
  if (fabs (value[0]) > 180)
    {
      g_autofree char *child = element_path (path, 0);

      warn (l, WARN_PAST_180, child,
            _("longitude %g is past ±180°: read as continuing across the antimeridian"),
            value[0]);
    }
  if (!isfinite (value[1]) || value[1] < -90 || value[1] > 90)
    {
      g_autofree char *child = element_path (path, 1);

      report (l, DL_STORY_ERROR_GEOMETRY, child,
              _("latitude %g is out of range (it must be between -90 and 90; "
                "positions are [longitude, latitude])"), value[1]);
      return FALSE;
    }

  out->lon = value[0];
  out->lat = value[1];
  return TRUE;
}

/* An array of at least @min positions; NULL after reporting a problem. */
static GArray *
read_positions (Loader     *l,
                JsonNode   *node,
                const char *path,
                guint       min,
                const char *what)
{
  g_autoptr(GArray) positions = NULL;
  JsonArray *array;
  gboolean ok = TRUE;

  if (!check_kind (l, node, path, KIND_ARRAY))
    return NULL;

  array = json_node_get_array (node);
  positions = g_array_new (FALSE, FALSE, sizeof (DlLonLat));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *child = element_path (path, i);
      DlLonLat p;

      if (read_position (l, json_array_get_element (array, i), child, &p))
        g_array_append_val (positions, p);
      else
        ok = FALSE;
    }
  if (!ok)
    return NULL;

  if (positions->len < min)
    {
      /* TRANSLATORS: "a LineString needs at least 2 positions, it has 1" */
      report (l, DL_STORY_ERROR_GEOMETRY, path,
              g_dngettext (GETTEXT_PACKAGE, "%s needs at least %u position, it has %u",
                           "%s needs at least %u positions, it has %u", min),
              what, min, positions->len);
      return NULL;
    }
  return g_steal_pointer (&positions);
}

static gboolean
read_polygon (Loader     *l,
              DlPlace    *place,
              JsonNode   *node,
              const char *path)
{
  JsonArray *rings;
  gboolean ok = TRUE;

  if (!check_kind (l, node, path, KIND_ARRAY))
    return FALSE;
  rings = json_node_get_array (node);
  if (json_array_get_length (rings) == 0)
    {
      report (l, DL_STORY_ERROR_GEOMETRY, path, _("a polygon needs at least one ring"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      g_autofree char *child = element_path (path, i);
      g_autoptr(GArray) ring = read_positions (l, json_array_get_element (rings, i), child,
                                               4, _("a polygon ring"));
      DlLonLat first, last;

      if (ring == NULL)
        {
          ok = FALSE;
          continue;
        }

      first = g_array_index (ring, DlLonLat, 0);
      last = g_array_index (ring, DlLonLat, ring->len - 1);
      if (first.lon == last.lon && first.lat == last.lat)
        dl_geojson_unwrap_ring ((DlLonLat *) ring->data, ring->len);
      if (first.lon != last.lon || first.lat != last.lat)
        {
          g_autofree char *last_path = element_path (child, ring->len - 1);

          report (l, DL_STORY_ERROR_GEOMETRY, last_path,
                  _("the polygon ring is not closed: its last position must be the same "
                    "as its first"));
          ok = FALSE;
          continue;
        }

      dl_place_add_part (place, (const DlLonLat *) ring->data, ring->len, i == 0);
    }
  return ok;
}

static gboolean read_geometry (Loader     *l,
                               DlPlace    *place,
                               JsonObject *geometry,
                               const char *path);

/* Drawing order of a collection's shapes: its areas, else its routes, else its points. */
static int
shape_rank (DlPlaceShape shape)
{
  switch (shape)
    {
    case DL_PLACE_SHAPE_AREA:
      return 2;
    case DL_PLACE_SHAPE_ROUTE:
      return 1;
    case DL_PLACE_SHAPE_POINT:
    default:
      return 0;
    }
}

/* A GeometryCollection is one place: the parts of its highest dimension (a place has one
 * shape, so points beside an area are not drawn). */
static gboolean
read_geometry_collection (Loader     *l,
                          DlPlace    *place,
                          JsonObject *collection,
                          const char *path)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *geometries = get_array (l, collection, path, "geometries", TRUE);
  g_autofree char *geometries_path = member_path (path, "geometries");
  gboolean ok = TRUE;
  int rank = -1;

  if (geometries == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (geometries); i++)
    {
      g_autofree char *child = element_path (geometries_path, i);
      JsonNode *node = json_array_get_element (geometries, i);
      DlPlace *member;

      if (!check_kind (l, node, child, KIND_OBJECT))
        {
          ok = FALSE;
          continue;
        }
      member = dl_place_new (NULL);
      g_ptr_array_add (members, member);
      ok = read_geometry (l, member, json_node_get_object (node), child) && ok;
      if (member->n_parts > 0)
        rank = MAX (rank, shape_rank (member->shape));
    }

  for (guint i = 0; ok && i < members->len; i++)
    {
      DlPlace *member = members->pdata[i];

      if (member->n_parts == 0 || shape_rank (member->shape) != rank)
        continue;
      place->shape = member->shape;
      for (guint j = 0; j < member->n_parts; j++)
        {
          guint len;
          const DlLonLat *part = dl_place_get_part (member, j, &len);

          dl_place_add_part (place, part, len, dl_place_part_is_outer (member, j));
        }
    }
  return ok;
}

static gboolean
read_geometry (Loader     *l,
               DlPlace    *place,
               JsonObject *geometry,
               const char *path)
{
  const char *type = get_string (l, geometry, path, "type", TRUE);
  g_autofree char *coordinates_path = member_path (path, "coordinates");
  JsonNode *coordinates;
  JsonArray *array;

  if (type == NULL)
    return FALSE;

  if (!g_strv_contains (geometry_types, type))
    {
      g_autofree char *type_path = member_path (path, "type");

      report (l, DL_STORY_ERROR_GEOMETRY, type_path,
              _("unknown geometry type “%s” (Point, MultiPoint, LineString, "
                "MultiLineString, Polygon, MultiPolygon or GeometryCollection)"), type);
      return FALSE;
    }
  if (g_str_equal (type, "GeometryCollection"))
    return read_geometry_collection (l, place, geometry, path);

  coordinates = get_member (l, geometry, path, "coordinates", KIND_ARRAY, TRUE);
  if (coordinates == NULL)
    return FALSE;
  array = json_node_get_array (coordinates);
  if (json_array_get_length (array) == 0)
    {
      warn (l, WARN_EMPTY, coordinates_path,
            _("an empty geometry: the place is kept without a location"));
      return TRUE;
    }

  if (g_str_equal (type, "Point"))
    {
      DlLonLat p;

      place->shape = DL_PLACE_SHAPE_POINT;
      if (!read_position (l, coordinates, coordinates_path, &p))
        return FALSE;
      dl_place_add_part (place, &p, 1, FALSE);
    }
  else if (g_str_equal (type, "MultiPoint"))
    {
      g_autoptr(GArray) points = NULL;

      place->shape = DL_PLACE_SHAPE_POINT;
      points = read_positions (l, coordinates, coordinates_path, 1, _("a MultiPoint"));
      if (points == NULL)
        return FALSE;
      for (guint i = 0; i < points->len; i++)
        dl_place_add_part (place, &g_array_index (points, DlLonLat, i), 1, FALSE);
    }
  else if (g_str_equal (type, "LineString"))
    {
      g_autoptr(GArray) line = NULL;

      place->shape = DL_PLACE_SHAPE_ROUTE;
      line = read_positions (l, coordinates, coordinates_path, 2, _("a LineString"));
      if (line == NULL)
        return FALSE;
      dl_place_add_part (place, (const DlLonLat *) line->data, line->len, FALSE);
    }
  else if (g_str_equal (type, "MultiLineString"))
    {
      gboolean ok = TRUE;

      place->shape = DL_PLACE_SHAPE_ROUTE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = element_path (coordinates_path, i);
          g_autoptr(GArray) line = read_positions (l, json_array_get_element (array, i),
                                                   child, 2, _("a line"));

          if (line == NULL)
            ok = FALSE;
          else
            dl_place_add_part (place, (const DlLonLat *) line->data, line->len, FALSE);
        }
      if (!ok)
        return FALSE;
    }
  else if (g_str_equal (type, "Polygon"))
    {
      place->shape = DL_PLACE_SHAPE_AREA;
      if (!read_polygon (l, place, coordinates, coordinates_path))
        return FALSE;
    }
  else
    {
      /* a MultiPolygon: the last of the types checked above */
      gboolean ok = TRUE;

      place->shape = DL_PLACE_SHAPE_AREA;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = element_path (coordinates_path, i);

          ok = read_polygon (l, place, json_array_get_element (array, i), child) && ok;
        }
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Places */

static const char * const precisions[] = {
  "site", "city", "region", "country", "inferred", NULL
};

/* A property read by its name: in a story it must have the type our vocabulary gives it; in
 * a plain map properties are free data, and one of another type is just not used. */
static const char *
get_property_string (Loader     *l,
                     JsonObject *properties,
                     const char *path,
                     const char *name)
{
  JsonNode *node;

  if (l->is_story)
    return get_string (l, properties, path, name, FALSE);
  node = json_object_get_member (properties, name);
  return node != NULL && node_is (node, KIND_STRING) ? json_node_get_string (node) : NULL;
}

/* A plain map's position-like property, used only when it is one. */
static gboolean
get_plain_position (JsonNode *node,
                    DlLonLat *out)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) < 2 ||
      !node_is (json_array_get_element (array, 0), KIND_NUMBER) ||
      !node_is (json_array_get_element (array, 1), KIND_NUMBER))
    return FALSE;
  out->lon = json_array_get_double_element (array, 0);
  out->lat = json_array_get_double_element (array, 1);
  return fabs (out->lon) <= 180 && fabs (out->lat) <= 90;
}

static void
read_properties (Loader     *l,
                 DlPlace    *place,
                 JsonObject *properties,
                 const char *path)
{
  JsonObject *names;
  JsonNode *label;
  const char *name;
  const char *kind;
  const char *description;
  const char *precision;

  name = get_property_string (l, properties, path, "name");
  if (name == NULL)
    name = get_property_string (l, properties, path, "title");
  if (name != NULL)
    {
      g_free (place->name);
      place->name = g_strdup (name);
    }

  names = l->is_story || (json_object_has_member (properties, "names") &&
                          JSON_NODE_HOLDS_OBJECT (json_object_get_member (properties, "names")))
          ? get_object (l, properties, path, "names", FALSE) : NULL;
  if (names != NULL)
    {
      g_autofree char *names_path = member_path (path, "names");
      g_autoptr(GList) members = json_object_get_members (names);

      for (GList *m = members; m != NULL; m = m->next)
        {
          const char *local = get_property_string (l, names, names_path, m->data);

          if (local != NULL)
            {
              DlPlaceDetails *details = dl_place_get_details (place);

              if (details->local_names == NULL)
                details->local_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
              g_hash_table_replace (details->local_names, g_strdup (m->data),
                                    g_strdup (local));
            }
        }
    }

  kind = get_property_string (l, properties, path, "kind");
  if (kind != NULL)
    dl_place_get_details (place)->kind = g_strdup (kind);
  description = get_property_string (l, properties, path, "description");
  if (description != NULL)
    dl_place_get_details (place)->description = g_strdup (description);

  precision = get_property_string (l, properties, path, "precision");
  if (precision != NULL && !g_strv_contains (precisions, precision) && !l->is_story)
    precision = NULL;  /* another tool's word */
  if (precision != NULL && !g_strv_contains (precisions, precision))
    {
      g_autofree char *child = member_path (path, "precision");

      report (l, DL_STORY_ERROR_INVALID, child,
              _("unknown precision “%s” (site, city, region, country or inferred)"),
              precision);
    }
  else if (precision != NULL)
    dl_place_get_details (place)->precision = g_strdup (precision);

  label = json_object_get_member (properties, "label");
  if (label != NULL && !l->is_story)
    place->has_label = get_plain_position (label, &place->label);
  else if (label != NULL && !JSON_NODE_HOLDS_NULL (label))
    {
      g_autofree char *child = member_path (path, "label");

      place->has_label = read_position (l, label, child, &place->label);
    }

  if (l->is_story)
    {
      g_autoptr(GPtrArray) problems =
        g_ptr_array_new_with_free_func ((GDestroyNotify) dl_member_problem_free);

      if (dl_place_read_story_members (place, properties, path, problems))
        {
          g_ptr_array_add (l->mentioned, g_object_ref (place));
          g_ptr_array_add (l->mentioned_paths, g_strdup (path));
        }
      report_member_problems (l, problems);
    }
}

/* Moves a place that starts past ±180° back by whole turns, keeping it continuous. */
static void
wrap_place (DlPlace *place)
{
  double shift;

  if (place->n_positions == 0)
    return;
  shift = dl_geojson_wrap_shift (place->positions[0].lon);
  if (shift == 0)
    return;
  for (guint i = 0; i < place->n_positions; i++)
    place->positions[i].lon += shift;
  if (place->has_label)
    place->label.lon += shift;
}

/* An id as text: a number as written in its shortest exact form ("7", "2.5"). */
static char *
id_to_string (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
}

/* Whether a place of a plain map read so far has @id. */
static gboolean
place_id_taken (Loader     *l,
                const char *id)
{
  return g_hash_table_contains (l->story->place_by_id, id) ||
         g_hash_table_contains (l->place_ids, id);
}

static gpointer
read_feature (Loader     *l,
              JsonNode   *node,
              guint       index,
              const char *path)
{
  DlPlace *place;
  g_autofree char *id = NULL;
  g_autofree char *file_id = NULL;
  JsonObject *feature;
  JsonObject *properties;
  JsonNode *id_node;
  JsonNode *geometry;
  const char *type;
  gboolean has_geometry = FALSE;
  gboolean has_id;

  if (!check_kind (l, node, path, KIND_OBJECT))
    {
      l->places_incomplete = TRUE;
      return NULL;
    }
  feature = json_node_get_object (node);

  type = get_string (l, feature, path, "type", TRUE);
  if (type != NULL && !g_str_equal (type, "Feature"))
    {
      g_autofree char *child = member_path (path, "type");

      report (l, DL_STORY_ERROR_INVALID, child,
              _("each element of “features” must be a Feature, not a “%s”"), type);
    }

  /* RFC 7946: a string or a number. Only a story needs them, unique, to refer to. */
  id_node = json_object_get_member (feature, "id");
  if (id_node != NULL && node_is (id_node, KIND_NUMBER))
    id = id_to_string (id_node);
  else if (l->is_story)
    {
      const char *s = get_nonempty_string (l, feature, path, "id", TRUE);

      id = g_strdup (s);
      if (id == NULL)
        l->places_incomplete = TRUE;
    }
  else if (id_node != NULL && node_is (id_node, KIND_STRING) &&
           *json_node_get_string (id_node) != '\0')
    id = g_strdup (json_node_get_string (id_node));

  /* a plain map may repeat an id (or write 1 and "1"): each place gets its own, written
   * only if the map becomes a story */
  if (id != NULL && !l->is_story)
    {
      /* the name of a feature without one: its id as the file writes it */
      file_id = g_strdup (id);
      /* suffixed with the feature's number: no search through a thousand "x-N" */
      while (place_id_taken (l, id))
        {
          char *unique = g_strdup_printf ("%s-%u", id, index + 1);

          g_free (id);
          id = unique;
        }
    }

  if (id != NULL && l->is_story)
    {
      g_autofree char *id_path = member_path (path, "id");
      /* 1 and "1" are one id to the events that refer to them */
      const char *first = g_hash_table_lookup (l->place_paths, id);

      if (first != NULL)
        {
          report (l, DL_STORY_ERROR_REFERENCE, id_path,
                  _("duplicate place id “%s” (also the id of %s)"), id, first);
          return NULL;
        }
      g_hash_table_insert (l->place_paths, g_strdup (id), g_strdup (path));
    }

  place = dl_place_new (NULL);
  g_ptr_array_add (l->places, place);
  place->index = l->places->len - 1;
  place->node = json_node_ref (node);
  has_id = id != NULL;
  if (has_id)
    place->id = g_steal_pointer (&id);
  else
    {
      place->id = g_strdup_printf ("place-%u", index + 1);
      /* not the id another feature of a plain map has */
      while (!l->is_story && place_id_taken (l, place->id))
        {
          char *unique = g_strdup_printf ("%s-%u", place->id, index + 1);

          g_free (place->id);
          place->id = unique;
        }
    }
  if (!l->is_story && !has_id)
    g_hash_table_add (l->place_ids, place->id);

  /* null: a place without a location, kept in the list but not drawn */
  geometry = json_object_get_member (feature, "geometry");
  if (geometry == NULL)
    warn (l, WARN_NO_GEOMETRY, path,
          _("a feature has no “geometry” member: it is kept as a place without a location "
            "(RFC 7946 asks for \"geometry\": null)"));
  else if (!JSON_NODE_HOLDS_NULL (geometry))
    {
      g_autofree char *geometry_path = member_path (path, "geometry");

      if (check_kind (l, geometry, geometry_path, KIND_OBJECT))
        has_geometry = read_geometry (l, place, json_node_get_object (geometry),
                                      geometry_path);
    }

  if (!json_object_has_member (feature, "properties"))
    warn (l, WARN_NO_PROPERTIES, path,
          _("a feature has no “properties” member (RFC 7946 asks for one, null when there "
            "are none)"));
  properties = get_object (l, feature, path, "properties", FALSE);
  if (properties != NULL)
    {
      g_autofree char *properties_path = member_path (path, "properties");

      read_properties (l, place, properties, properties_path);
    }
  if (place->name == NULL && has_id)
    place->name = g_strdup (file_id != NULL ? file_id : place->id);
  else if (place->name == NULL)
    /* TRANSLATORS: the name of a map feature that has none; %u counts from 1 */
    place->name = g_strdup_printf (_("Place %u"), index + 1);

  if (has_geometry)
    {
      wrap_place (place);
      dl_place_finish (place);
    }

  if (has_id && !g_hash_table_contains (l->story->place_by_id, place->id))
    g_hash_table_insert (l->story->place_by_id, place->id, place);
  return place;
}

/* The fast path of read_feature(), in two steps. First, with nothing of the loader changed
 * (so any thread may do it): the feature at @text, scanned without a tree, made into a
 * place exactly as read_feature() and keep_place() would make it, its id as the file gives
 * it (id_made_up when it has none); NULL when the feature is not of the simple kind or
 * anything about it would be reported (then read_feature() reads it and says what). */
static DlPlace *
prepare_scanned_feature (const Loader *l,
                         const char   *text,
                         gsize         length,
                         guint         index)
{
  DlScannedFeature f;
  g_autofree char *precision = NULL;
  g_autoptr(JsonNode) properties = NULL;
  DlPlace *place;

  if (!dl_feature_scan (text, length, &f))
    return NULL;
  if (f.id_kind == DL_SCAN_ID_NONE && l->is_story)
    return NULL;  /* a story's place needs an id */
  if (f.precision.start != NULL)
    {
      precision = dl_scan_string_dup (&f.precision);
      if (!g_strv_contains (precisions, precision))
        {
          if (l->is_story)
            return NULL;
          g_clear_pointer (&precision, g_free);  /* another tool's word */
        }
    }
  /* what a reader is shown of the free data stays (keep_place()) */
  if (f.free_data)
    {
      properties = dl_json_build (text + f.properties_offset, f.properties_length);
      if (properties == NULL || !JSON_NODE_HOLDS_OBJECT (properties))
        return NULL;
    }

  place = dl_place_new (NULL);
  if (f.id_kind == DL_SCAN_ID_INTEGER)
    place->id = g_strdup_printf ("%" G_GINT64_FORMAT, f.id_integer);
  else if (f.id_kind == DL_SCAN_ID_STRING)
    place->id = dl_scan_string_dup (&f.id);
  else
    place->id = g_strdup_printf ("place-%u", index + 1);
  place->id_made_up = f.id_kind == DL_SCAN_ID_NONE;

  if (f.has_point)
    {
      place->shape = DL_PLACE_SHAPE_POINT;
      dl_place_add_part (place, &f.point, 1, FALSE);
    }
  if (f.has_properties)
    {
      place->name = dl_scan_string_dup (f.name.start != NULL ? &f.name : &f.title);
      if (f.kind.start != NULL)
        dl_place_get_details (place)->kind = dl_scan_string_dup (&f.kind);
      if (f.description.start != NULL)
        dl_place_get_details (place)->description = dl_scan_string_dup (&f.description);
      if (precision != NULL)
        dl_place_get_details (place)->precision = g_steal_pointer (&precision);
    }
  if (place->name == NULL && !place->id_made_up)
    place->name = g_strdup (place->id);
  else if (place->name == NULL)
    place->name = g_strdup_printf (_("Place %u"), index + 1);
  if (f.has_point)
    {
      wrap_place (place);
      dl_place_finish (place);
    }

  if (properties != NULL &&
      dl_place_properties_worth_keeping (json_node_get_object (properties)))
    dl_place_get_details (place)->properties =
      json_object_ref (json_node_get_object (properties));
  place->source_index = index + 1;
  return place;
}

/* Then, in file order: the prepared @place (taken) put in the story as read_feature()
 * would; FALSE (the place dropped, nothing changed) when its id is taken, which
 * read_feature() makes unique or reports. */
static gboolean
commit_scanned_feature (Loader  *l,
                        DlPlace *place,
                        guint    index)
{
  if (place_id_taken (l, place->id) ||
      (l->is_story && g_hash_table_contains (l->place_paths, place->id)))
    {
      g_object_unref (place);
      return FALSE;
    }

  if (l->is_story)
    g_hash_table_insert (l->place_paths, g_strdup (place->id),
                         element_path ("features", index));
  g_ptr_array_add (l->places, place);
  place->index = l->places->len - 1;
  if (place->id_made_up)
    g_hash_table_add (l->place_ids, place->id);
  else
    g_hash_table_insert (l->story->place_by_id, place->id, place);
  return TRUE;
}

static DlPlace *
read_scanned_feature (Loader     *l,
                      const char *text,
                      gsize       length,
                      guint       index)
{
  DlPlace *place = prepare_scanned_feature (l, text, length, index);

  return place != NULL && commit_scanned_feature (l, place, index) ? place : NULL;
}

/* A bare geometry as the whole file: a map of one place. */
static void
read_bare_geometry (Loader     *l,
                    JsonObject *geometry)
{
  DlPlace *place = dl_place_new ("place-1");

  /* TRANSLATORS: the name of a map feature that has none; %u counts from 1 */
  place->name = g_strdup_printf (_("Place %u"), 1);
  if (read_geometry (l, place, geometry, ""))
    {
      wrap_place (place);
      dl_place_finish (place);
    }
  g_hash_table_insert (l->story->place_by_id, place->id, place);
  g_ptr_array_add (l->places, place);
}

/* The article and actors */

static void
read_article (Loader     *l,
              JsonObject *article,
              const char *path)
{
  DlStory *story = l->story;
  const char *published;

  story->title = g_strdup (get_string (l, article, path, "title", FALSE));
  story->publisher = g_strdup (get_string (l, article, path, "publisher", FALSE));
  story->url = g_strdup (get_string (l, article, path, "url", FALSE));
  story->language = g_strdup (get_string (l, article, path, "language", FALSE));
  story->text = g_strdup (get_string (l, article, path, "text", FALSE));

  published = get_string (l, article, path, "published", FALSE);
  if (published != NULL)
    {
      g_autoptr(GError) error = NULL;
      DlTime time;

      if (dl_time_parse (published, &time, &error))
        story->published = g_strdup (published);
      else
        {
          g_autofree char *child = member_path (path, "published");

          report (l, DL_STORY_ERROR_TIME, child, "%s", error->message);
        }
    }
}

static void
read_actor (Loader     *l,
            JsonNode   *node,
            guint       index,
            const char *path)
{
  g_autoptr(DlActor) actor = NULL;
  JsonObject *object;
  JsonArray *aliases;
  const char *id;
  const char *name;
  const char *color;
  const char *first;

  if (!check_kind (l, node, path, KIND_OBJECT))
    {
      l->actors_incomplete = TRUE;
      return;
    }
  object = json_node_get_object (node);

  id = get_nonempty_string (l, object, path, "id", TRUE);
  if (id == NULL)
    {
      l->actors_incomplete = TRUE;
      return;
    }

  first = g_hash_table_lookup (l->actor_paths, id);
  if (first != NULL)
    {
      g_autofree char *id_path = member_path (path, "id");

      report (l, DL_STORY_ERROR_REFERENCE, id_path,
              _("duplicate actor id “%s” (also the id of %s)"), id, first);
      return;
    }
  g_hash_table_insert (l->actor_paths, g_strdup (id), g_strdup (path));

  actor = dl_actor_new (id);
  actor->index = index;
  actor->node = json_node_ref (node);

  name = get_string (l, object, path, "name", FALSE);
  if (name != NULL)
    {
      g_free (actor->name);
      actor->name = g_strdup (name);
    }
  actor->kind = g_strdup (get_string (l, object, path, "kind", FALSE));
  {
    g_autoptr(GPtrArray) problems =
      g_ptr_array_new_with_free_func ((GDestroyNotify) dl_member_problem_free);

    actor->suggested = dl_story_read_suggested (object, path, problems);
    report_member_problems (l, problems);
  }

  aliases = get_array (l, object, path, "aliases", FALSE);
  if (aliases != NULL)
    {
      g_autofree char *aliases_path = member_path (path, "aliases");
      g_autoptr(GPtrArray) list = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (aliases); i++)
        {
          g_autofree char *child = element_path (aliases_path, i);
          JsonNode *alias = json_array_get_element (aliases, i);

          if (check_kind (l, alias, child, KIND_STRING))
            g_ptr_array_add (list, g_strdup (json_node_get_string (alias)));
        }
      g_ptr_array_add (list, NULL);
      g_strfreev (actor->aliases);
      actor->aliases = (char **) g_ptr_array_steal (list, NULL);
    }

  color = get_string (l, object, path, "color", FALSE);
  if (color != NULL)
    {
      if (!dl_actor_set_color (actor, color))
        {
          g_autofree char *child = member_path (path, "color");

          report (l, DL_STORY_ERROR_INVALID, child,
                  _("“%s” is not a colour: write it as #rrggbb, e.g. #c0392b"), color);
        }
    }
  else
    dl_actor_set_default_color (actor, index);

  g_hash_table_insert (l->story->actor_by_id, g_strdup (id), actor);
  g_list_store_append (l->story->actors, actor);
}

/* Events */

static gboolean
read_time (Loader     *l,
           const char *text,
           const char *path,
           DlTime     *out)
{
  g_autoptr(GError) error = NULL;

  if (dl_time_parse (text, out, &error))
    return TRUE;
  report (l, DL_STORY_ERROR_TIME, path, "%s", error->message);
  return FALSE;
}

/* "approximate": true, false, null or absent (both false). */
static void
read_approximate (Loader     *l,
                  DlEvent    *event,
                  JsonObject *when,
                  const char *path)
{
  JsonNode *node = json_object_get_member (when, "approximate");
  g_autofree char *child = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      event->approximate = json_node_get_boolean (node);
      return;
    }
  child = member_path (path, "approximate");
  report (l, DL_STORY_ERROR_INVALID, child, _("“approximate” must be true or false, not %s"),
          describe_node (node));
}

static void
read_when (Loader     *l,
           DlEvent    *event,
           JsonNode   *node,
           const char *path)
{
  JsonObject *when;
  const char *start;
  const char *end;
  g_autofree char *start_path = member_path (path, "start");
  g_autofree char *end_path = member_path (path, "end");

  if (node_is (node, KIND_STRING))
    {
      read_time (l, json_node_get_string (node), path, &event->start);
      return;
    }
  if (!check_kind (l, node, path, KIND_OBJECT))
    return;
  when = json_node_get_object (node);

  start = get_string (l, when, path, "start", TRUE);
  end = get_string (l, when, path, "end", FALSE);
  event->when_text = g_strdup (get_string (l, when, path, "text", FALSE));
  read_approximate (l, event, when, path);
  /* a draft's date the text does not give (written by the app: true or absent) */
  {
    JsonNode *assumed = json_object_get_member (when, "assumed");

    event->date_assumed = assumed != NULL && JSON_NODE_HOLDS_VALUE (assumed) &&
                          json_node_get_value_type (assumed) == G_TYPE_BOOLEAN &&
                          json_node_get_boolean (assumed);
  }

  if (start != NULL && read_time (l, start, start_path, &event->start) &&
      end != NULL && read_time (l, end, end_path, &event->end) &&
      dl_time_get_last_second (&event->end) < dl_time_get_first_second (&event->start))
    {
      report (l, DL_STORY_ERROR_TIME, end_path,
              _("the event ends (%s) before it starts (%s)"), end, start);
    }
}

/* A list of references: [{"place": "id", "role": "…"}] or ["id", …]. */
static void
read_references (Loader     *l,
                 DlEvent    *event,
                 JsonArray  *array,
                 const char *path,
                 const char *key,
                 GHashTable *table,
                 gboolean    places)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *child = element_path (path, i);
      g_autofree char *id_path = NULL;
      JsonNode *node = json_array_get_element (array, i);
      const char *id = NULL;
      const char *role = NULL;
      gpointer target;

      if (node_is (node, KIND_STRING))
        {
          id = json_node_get_string (node);
          id_path = g_strdup (child);
        }
      else if (check_kind (l, node, child, KIND_OBJECT))
        {
          JsonObject *object = json_node_get_object (node);

          id = get_nonempty_string (l, object, child, key, TRUE);
          role = get_string (l, object, child, "role", FALSE);
          id_path = member_path (child, key);
        }
      if (id == NULL)
        continue;

      target = g_hash_table_lookup (table, id);
      if (target == NULL && (places ? l->places_incomplete : l->actors_incomplete))
        continue;
      if (target == NULL)
        {
          if (places)
            report (l, DL_STORY_ERROR_REFERENCE, id_path,
                    _("the event “%s” names an unknown place “%s” (no feature has this "
                      "id)"), event->id, id);
          else
            report (l, DL_STORY_ERROR_REFERENCE, id_path,
                    _("the event “%s” names an unknown actor “%s” (not in "
                      "dateline.actors)"), event->id, id);
          continue;
        }

      if (places)
        dl_event_add_place (event, target, role);
      else
        dl_event_add_actor (event, target, role);
    }
}

static void
resolve_passage (Loader     *l,
                 DlEvent    *event,
                 DlPassage  *passage,
                 const char *path)
{
  TextIndex *ti = &l->text_index;
  gsize exact_length = strlen (passage->exact);
  gsize found = 0;
  gsize n_occurrences;
  gsize n_matches = 0;
  g_autofree char *quoted = quote (passage->exact);

  if (ti->text == NULL)
    {
      report (l, DL_STORY_ERROR_PASSAGE, path,
              _("the event “%s” quotes the passage %s, but the story has no article text"),
              event->id, quoted);
      return;
    }

  if (ti->suffixes == NULL)
    ti->suffixes = dl_text_index_new (ti->text, ti->length);
  n_occurrences = dl_text_index_count (ti->suffixes, passage->exact, exact_length, NULL);
  if (n_occurrences > 0)
    n_matches = dl_text_index_count_quote (ti->suffixes, passage->prefix, passage->exact,
                                           passage->suffix, &found);

  if (n_occurrences == 0)
    report (l, DL_STORY_ERROR_PASSAGE, path,
            _("the event “%s” quotes a passage that is not in the article text: %s"),
            event->id, quoted);
  else if (n_matches == 0)
    report (l, DL_STORY_ERROR_PASSAGE, path,
            _("the event “%s” quotes the passage %s, found in the article text but not "
              "with the given prefix and suffix"), event->id, quoted);
  else if (n_matches > 1)
    report (l, DL_STORY_ERROR_PASSAGE, path,
            _("the event “%s” quotes the passage %s, which occurs %u times in the article "
              "text: add a prefix or suffix that tells them apart"),
            event->id, quoted, (guint) n_matches);
  else
    {
      passage->start = text_index_char_offset (ti, found);
      passage->end = passage->start + g_utf8_strlen (passage->exact, exact_length);
    }
}

static void
read_passages (Loader     *l,
               DlEvent    *event,
               JsonArray  *array,
               const char *path)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *child = element_path (path, i);
      g_autofree char *exact_path = NULL;
      JsonNode *node = json_array_get_element (array, i);
      DlPassage *passage;
      const char *exact = NULL;
      const char *prefix = NULL;
      const char *suffix = NULL;

      if (node_is (node, KIND_STRING))
        {
          exact = json_node_get_string (node);
          exact_path = g_strdup (child);
          if (*exact == '\0')
            {
              report (l, DL_STORY_ERROR_INVALID, child, _("a passage must not be empty"));
              continue;
            }
        }
      else if (check_kind (l, node, child, KIND_OBJECT))
        {
          JsonObject *object = json_node_get_object (node);

          exact = get_nonempty_string (l, object, child, "exact", TRUE);
          prefix = get_string (l, object, child, "prefix", FALSE);
          suffix = get_string (l, object, child, "suffix", FALSE);
          exact_path = member_path (child, "exact");
        }
      if (exact == NULL)
        continue;

      passage = g_new0 (DlPassage, 1);
      passage->exact = g_strdup (exact);
      passage->prefix = prefix != NULL && *prefix != '\0' ? g_strdup (prefix) : NULL;
      passage->suffix = suffix != NULL && *suffix != '\0' ? g_strdup (suffix) : NULL;
      passage->start = passage->end = -1;
      dl_event_add_passage (event, passage);
      resolve_passage (l, event, passage, exact_path);
    }
}

static gpointer
read_event (Loader     *l,
            JsonNode   *node,
            guint       index,
            const char *path)
{
  g_autoptr(DlEvent) event = NULL;
  JsonObject *object;
  JsonNode *when;
  JsonArray *array;
  const char *id;
  const char *first;
  const char *title;

  if (!check_kind (l, node, path, KIND_OBJECT))
    return NULL;
  object = json_node_get_object (node);

  id = get_nonempty_string (l, object, path, "id", TRUE);
  if (id == NULL)
    return NULL;

  first = g_hash_table_lookup (l->event_paths, id);
  if (first != NULL)
    {
      g_autofree char *id_path = member_path (path, "id");

      report (l, DL_STORY_ERROR_REFERENCE, id_path,
              _("duplicate event id “%s” (also the id of %s)"), id, first);
      return NULL;
    }
  g_hash_table_insert (l->event_paths, g_strdup (id), g_strdup (path));

  event = dl_event_new (id);
  event->index = index;
  event->has_index = TRUE;
  event->node = json_node_ref (node);
  title = get_string (l, object, path, "title", TRUE);
  if (title != NULL)
    {
      g_free (event->title);
      event->title = g_strdup (title);
    }
  event->category = g_strdup (get_string (l, object, path, "category", FALSE));
  event->attribution = g_strdup (get_string (l, object, path, "attribution", FALSE));
  {
    g_autoptr(GPtrArray) problems =
      g_ptr_array_new_with_free_func ((GDestroyNotify) dl_member_problem_free);

    event->suggested = dl_story_read_suggested (object, path, problems);
    report_member_problems (l, problems);
  }

  when = json_object_get_member (object, "when");
  if (when != NULL && !JSON_NODE_HOLDS_NULL (when))
    {
      g_autofree char *when_path = member_path (path, "when");

      read_when (l, event, when, when_path);
    }

  array = get_array (l, object, path, "places", FALSE);
  if (array != NULL)
    {
      g_autofree char *child = member_path (path, "places");

      read_references (l, event, array, child, "place", l->story->place_by_id, TRUE);
    }

  array = get_array (l, object, path, "actors", FALSE);
  if (array != NULL)
    {
      g_autofree char *child = member_path (path, "actors");

      read_references (l, event, array, child, "actor", l->story->actor_by_id, FALSE);
    }

  array = get_array (l, object, path, "passages", FALSE);
  if (array != NULL)
    {
      g_autofree char *child = member_path (path, "passages");

      read_passages (l, event, array, child);
    }

  g_hash_table_insert (l->story->event_by_id, g_strdup (id), event);
  g_list_store_append (l->story->events, event);
  return event;
}

/* The whole story */

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  DlEvent *ea = *(DlEvent * const *) a;
  DlEvent *eb = *(DlEvent * const *) b;
  int cmp = dl_time_compare (&ea->start, &eb->start);

  if (cmp != 0)
    return cmp;
  return (ea->index > eb->index) - (ea->index < eb->index);
}

static int
compare_passages (gconstpointer a,
                  gconstpointer b)
{
  const DlPassage *pa = *(const DlPassage * const *) a;
  const DlPassage *pb = *(const DlPassage * const *) b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  if (pa->end != pb->end)
    return pa->end < pb->end ? -1 : 1;
  return (pa->event->index > pb->event->index) - (pa->event->index < pb->event->index);
}

static void
finish_story (DlStory *story)
{
  guint n_events = g_list_model_get_n_items (G_LIST_MODEL (story->events));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_events; i++)
    {
      DlEvent *event = g_list_model_get_item (G_LIST_MODEL (story->events), i);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      for (guint j = 0; j < event->places->len; j++)
        {
          DlPlace *place = g_ptr_array_index (event->places, j);

          if (g_hash_table_add (seen, place))
            place->n_events++;
        }
      for (guint j = 0; j < event->actors->len; j++)
        {
          DlActor *actor = g_ptr_array_index (event->actors, j);

          if (g_hash_table_add (seen, actor))
            actor->n_events++;
        }
      for (guint j = 0; j < event->passages->len; j++)
        g_ptr_array_add (story->passages, g_ptr_array_index (event->passages, j));
      event->story = story;
      story->next_event_index = MAX (story->next_event_index, event->index + 1);

      g_ptr_array_add (sorted, event);
    }

  g_ptr_array_sort (sorted, compare_events);
  g_list_store_splice (story->events, 0, n_events, sorted->pdata, sorted->len);
  g_ptr_array_sort (story->passages, compare_passages);

  story->text_length = story->text != NULL ? g_utf8_strlen (story->text, -1) : 0;
}

/* Counts a span of the text as read (each feature and event is read once), telling the
 * progress function; FALSE (error set) when the reading is stopped. */
static void
tell_progress (Loader *l)
{
  if (l->progress != NULL && !l->stopped && l->n_read >= l->next_progress)
    {
      l->next_progress = l->n_read + l->length / 200 + 1;
      l->stopped = !l->progress (MIN ((double) l->n_read / MAX (l->length, 1), 1.0),
                                 l->progress_data);
    }
}

static gboolean
note_read (Loader            *l,
           const DlJsonSpan  *span,
           GError           **error)
{
  l->n_read += span->length;
  tell_progress (l);
  if (l->stopped)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading stopped"));
      return FALSE;
    }
  return TRUE;
}

/* The tree of a span of the (valid) text, already counted as read. */
static JsonNode *
build_span (Loader            *l,
            const DlJsonSpan  *span,
            GError           **error)
{
  JsonNode *node = dl_json_build (l->json_text + span->offset, span->length);

  if (node == NULL &&
      json_parser_load_from_data (l->parser, l->json_text + span->offset, span->length, error))
    node = json_parser_steal_root (l->parser);
  return node;
}

/* The tree of a span of the (valid) text, counted as read. */
static JsonNode *
parse_span (Loader            *l,
            const DlJsonSpan  *span,
            GError           **error)
{
  if (!note_read (l, span, error))
    return NULL;
  return build_span (l, span, error);
}

/* Returns the item read into the model (owned by the model or the loader), or NULL. */
typedef gpointer (*ReadElement) (Loader     *l,
                                 JsonNode   *node,
                                 guint       index,
                                 const char *path);
/* What the model keeps of an element read from its span, once it is there. */
typedef void (*KeepElement) (gpointer  item,
                             JsonNode *node,
                             guint     source_index);
/* Reads an element straight from its span of text, or returns NULL (nothing changed). */
typedef DlPlace *(*ReadFast) (Loader     *l,
                              const char *text,
                              gsize       length,
                              guint       index);

/* Features are prepared (prepare_scanned_feature()) in chunks by every core when there are
 * this many. */
#define PREPARE_CHUNK 128
#define PREPARE_IN_PARALLEL 8192
#define MAX_THREADS 4

typedef struct
{
  const Loader *l;
  GArray       *sources;
  DlPlace     **prepared;
  gint          next;        /* the first feature of the next chunk to take (atomic) */
  gint          stop;        /* set when the reading is stopped (atomic) */
  gssize        bytes_done;  /* of the features prepared (atomic) */
  gsize         n_read;      /* the loader's n_read before */
} Prepare;

/* Prepares a chunk of features; FALSE when there is none left. The reading thread passes
 * @l: it tells the progress of all after each feature, as the features are read alone. */
static gboolean
prepare_chunk (Prepare *p,
               Loader  *l)
{
  guint first, last;
  gssize bytes = 0;

  if (g_atomic_int_get (&p->stop))
    return FALSE;
  first = (guint) g_atomic_int_add (&p->next, PREPARE_CHUNK);
  if (first >= p->sources->len)
    return FALSE;
  last = MIN (first + PREPARE_CHUNK, p->sources->len);
  for (guint i = first; i < last; i++)
    {
      const DlFeatureSource *source = &g_array_index (p->sources, DlFeatureSource, i);

      p->prepared[i] = prepare_scanned_feature (p->l, p->l->json_text + source->offset,
                                                source->length, i);
      bytes += source->length;
      if (l != NULL)
        {
          l->n_read = p->n_read + g_atomic_pointer_get (&p->bytes_done) + bytes;
          tell_progress (l);
          if (l->stopped)
            g_atomic_int_set (&p->stop, TRUE);
        }
    }
  g_atomic_pointer_add (&p->bytes_done, bytes);
  return TRUE;
}

static gpointer
prepare_thread (gpointer data)
{
  while (prepare_chunk (data, NULL))
    ;
  return NULL;
}

/* The features at @sources prepared by every core (nothing of the loader changed but its
 * progress): one place or NULL for each, in file order; NULL when there are too few to be
 * worth the threads. */
static DlPlace **
prepare_features (Loader *l,
                  GArray *sources)
{
  Prepare p = { l, sources, NULL, 0, 0, 0, l->n_read };
  GThread *threads[MAX_THREADS] = { NULL };
  guint n_threads = MIN (g_get_num_processors (), MAX_THREADS);
  gsize n_read = l->n_read;

  if (sources->len < PREPARE_IN_PARALLEL || n_threads < 2 || sources->len > G_MAXINT / 2)
    return NULL;

  p.prepared = g_new0 (DlPlace *, sources->len);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_try_new ("dl-read-features", prepare_thread, &p, NULL);
  /* this thread takes chunks too, and tells the progress of all */
  while (prepare_chunk (&p, l))
    ;
  for (guint i = 1; i < n_threads; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);

  for (guint i = 0; i < sources->len; i++)
    n_read += g_array_index (sources, DlFeatureSource, i).length;
  l->n_read = n_read;
  return p.prepared;
}

/* Reads each element of an array of the text (@array_path: "features") from its span, one
 * tree at a time: the item an element adds keeps where it was read from, not the tree
 * (dropped once the item is read). */
static void
read_sources (Loader      *l,
              GArray      *sources,
              const char  *array_path,
              ReadFast     fast,
              ReadElement  read,
              KeepElement  keep)
{
  g_autofree DlPlace **prepared = fast != NULL ? prepare_features (l, sources) : NULL;

  /* a place for each, with no growing of the list on the way */
  if (prepared != NULL && l->places->len == 0)
    {
      g_ptr_array_unref (l->places);
      l->places = g_ptr_array_new_full (sources->len, g_object_unref);
    }

  for (guint i = 0; i < sources->len; i++)
    {
      DlFeatureSource *source = &g_array_index (sources, DlFeatureSource, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *path = NULL;
      DlJsonSpan span = { source->offset, source->length };
      gpointer item;

      if (prepared != NULL)
        {
          g_autoptr(DlPlace) place = g_steal_pointer (&prepared[i]);

          /* counted as read already */
          if (l->stopped)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("Reading stopped"));
          else if (place != NULL && commit_scanned_feature (l, g_steal_pointer (&place), i))
            {
              source->owned = TRUE;
              continue;
            }
        }
      else if (note_read (l, &span, &error) && fast != NULL &&
               fast (l, l->json_text + span.offset, span.length, i) != NULL)
        {
          source->owned = TRUE;
          continue;
        }
      path = element_path (array_path, i);
      if (error == NULL)
        node = build_span (l, &span, &error);
      if (node == NULL)
        {
          report (l, DL_STORY_ERROR_PARSE, path, _("not valid JSON: %s"), error->message);
          continue;
        }
      item = read (l, node, i, path);
      if (item != NULL)
        {
          keep (item, node, i + 1);
          source->owned = TRUE;
        }
    }
}

static void
keep_place (gpointer  item,
            JsonNode *node,
            guint     source_index)
{
  DlPlace *place = item;
  JsonNode *id = json_object_get_member (json_node_get_object (node), "id");
  /* what dl_story_remember_nodes() finds of a place read with its tree */
  JsonNode *properties = json_object_get_member (json_node_get_object (node), "properties");

  place->id_made_up = id == NULL || !JSON_NODE_HOLDS_VALUE (id);
  /* what a reader is shown of a plain map's free data stays */
  if (properties != NULL && JSON_NODE_HOLDS_OBJECT (properties) &&
      dl_place_properties_worth_keeping (json_node_get_object (properties)))
    dl_place_get_details (place)->properties =
      json_object_ref (json_node_get_object (properties));
  g_clear_pointer (&place->node, json_node_unref);
  place->source_index = source_index;
}

static void
keep_event (gpointer  item,
            JsonNode *node,
            guint     source_index)
{
  DlEvent *event = item;

  g_clear_pointer (&event->node, json_node_unref);
  event->source_index = source_index;
}

/* The spans of the elements of the array at @span of the text (offsets into the text). */
static GArray *
element_sources (Loader           *l,
                 const DlJsonSpan *span)
{
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
  GArray *sources;

  dl_json_children (l->json_text + span->offset, span->length, NULL, elements);
  sources = g_array_sized_new (FALSE, TRUE, sizeof (DlFeatureSource), elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      const DlJsonSpan *element = &g_array_index (elements, DlJsonSpan, i);
      DlFeatureSource source = { element->offset + span->offset, element->length, FALSE };

      g_array_append_val (sources, source);
    }
  return sources;
}

/* The "dateline" object at @span with its "events" left as spans (story->event_sources),
 * or NULL (error set) when a member does not parse. */
static JsonNode *
parse_dateline (Loader            *l,
                DlStory           *story,
                const DlJsonSpan  *span,
                GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;
  gint events = -1;

  dl_json_children (l->json_text + span->offset, span->length, names, spans);
  for (guint i = 0; i < names->len; i++)
    {
      DlJsonSpan *child = &g_array_index (spans, DlJsonSpan, i);

      child->offset += span->offset;
      if (g_str_equal (g_ptr_array_index (names, i), "events") && child->length > 0 &&
          l->json_text[child->offset] == '[')
        events = i;
    }
  for (guint i = 0; i < names->len; i++)
    {
      DlJsonSpan *child = &g_array_index (spans, DlJsonSpan, i);
      const char *name = g_ptr_array_index (names, i);

      if ((gint) i == events)
        {
          g_clear_pointer (&story->event_sources, g_array_unref);
          story->event_sources = element_sources (l, child);
          json_object_set_array_member (object, name, json_array_new ());
          continue;
        }
      node = parse_span (l, child, error);
      if (node == NULL)
        return NULL;
      json_object_set_member (object, name, node);
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

/* The root of a FeatureCollection with its "features" left as spans of the text (in
 * story->feature_sources, "features" itself an empty array), or NULL when the text is not
 * an object with a "features" array (then it is read whole). */
static JsonNode *
parse_without_features (Loader   *l,
                        DlStory  *story,
                        GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
  /* the features' spans in the same pass */
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
  g_autoptr(JsonObject) object = NULL;
  JsonNode *root;
  gint features = -1;

  if (!dl_json_children_split (l->json_text, l->length, names, spans, "features", elements) ||
      names->len != spans->len)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      DlJsonSpan *span = &g_array_index (spans, DlJsonSpan, i);

      if (g_str_equal (g_ptr_array_index (names, i), "features") && span->length > 0 &&
          l->json_text[span->offset] == '[')
        features = i;
    }
  if (features < 0)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      DlJsonSpan *span = &g_array_index (spans, DlJsonSpan, i);

      /* only a FeatureCollection: the writer keeps other files whole */
      if (g_str_equal (g_ptr_array_index (names, i), "type") &&
          !(span->length == 19 &&
            memcmp (l->json_text + span->offset, "\"FeatureCollection\"", 19) == 0))
        return NULL;
    }

  object = json_object_new ();
  for (guint i = 0; i < names->len; i++)
    {
      DlJsonSpan *span = &g_array_index (spans, DlJsonSpan, i);
      const char *name = g_ptr_array_index (names, i);
      JsonNode *node;

      if ((gint) i == features)
        {
          json_object_set_array_member (object, name, json_array_new ());
          continue;
        }
      if (g_str_equal (name, "dateline") && span->length > 0 &&
          l->json_text[span->offset] == '{')
        node = parse_dateline (l, story, span, error);
      else
        node = parse_span (l, span, error);
      if (node == NULL)
        return NULL;
      json_object_set_member (object, name, node);
    }

  story->feature_sources = g_array_sized_new (FALSE, TRUE, sizeof (DlFeatureSource),
                                               elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      const DlJsonSpan *element = &g_array_index (elements, DlJsonSpan, i);
      DlFeatureSource source = { element->offset, element->length, FALSE };

      g_array_append_val (story->feature_sources, source);
    }
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, g_steal_pointer (&object));
  return root;
}

static gboolean fast_path = TRUE;

void
dl_story_reader_set_fast_path (gboolean fast)
{
  fast_path = fast;
}

static void
read_root (Loader *l)
{
  JsonNode *root = l->story->root;
  JsonObject *object;
  JsonObject *dateline = NULL;
  JsonArray *features;
  const char *type;
  g_autofree char *crs_name = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report (l, DL_STORY_ERROR_INVALID, "",
              _("a story must be a GeoJSON object (a FeatureCollection, a Feature or a "
                "geometry), not %s"), describe_node (root));
      return;
    }
  object = json_node_get_object (root);

  type = get_string (l, object, "", "type", TRUE);
  if (type == NULL)
    return;
  if (!g_str_equal (type, "FeatureCollection") && !g_str_equal (type, "Feature") &&
      !g_strv_contains (geometry_types, type))
    {
      report (l, DL_STORY_ERROR_INVALID, "type",
              _("“%s” is not a GeoJSON type: a file holds a FeatureCollection, a Feature or "
                "a geometry (Point, LineString, Polygon, …)"), type);
      return;
    }

  l->is_story = json_object_has_member (object, "dateline");
  if (l->is_story && !g_str_equal (type, "FeatureCollection"))
    {
      report (l, DL_STORY_ERROR_INVALID, "type",
              _("a story (a file with a “dateline” member) must be a GeoJSON "
                "FeatureCollection, not a “%s”"), type);
      return;
    }
  if (l->is_story)
    dateline = get_object (l, object, "", "dateline", TRUE);

  switch (dl_geojson_classify_crs (json_object_get_member (object, "crs"), &crs_name))
    {
    case DL_GEOJSON_CRS_WGS84:
      warn (l, WARN_CRS, "crs",
            _("the “crs” member (GeoJSON 2008) is obsolete; it names WGS 84 (%s), the "
              "only system RFC 7946 allows, so it is ignored"), crs_name);
      break;
    case DL_GEOJSON_CRS_OTHER:
      report (l, DL_STORY_ERROR_GEOMETRY, "crs",
              _("coordinates look projected: the “crs” member names %s, not WGS 84 "
                "longitude and latitude (reproject with ogr2ogr -t_srs EPSG:4326)"),
              crs_name != NULL ? crs_name : _("another system"));
      return;
    case DL_GEOJSON_CRS_NONE:
    default:
      break;
    }

  if (g_str_equal (type, "Feature"))
    {
      read_feature (l, root, 0, "");
      return;
    }
  if (!g_str_equal (type, "FeatureCollection"))
    {
      read_bare_geometry (l, object);
      return;
    }

  features = get_array (l, object, "", "features", TRUE);
  l->places_incomplete = features == NULL;
  if (features != NULL && l->story->feature_sources != NULL)
    read_sources (l, l->story->feature_sources, "features",
                  fast_path ? read_scanned_feature : NULL, read_feature, keep_place);
  else if (features != NULL)
    for (guint i = 0; i < json_array_get_length (features); i++)
      {
        g_autofree char *path = g_strdup_printf ("features[%u]", i);

        read_feature (l, json_array_get_element (features, i), i, path);
      }

  if (dateline != NULL)
    {
      JsonNode *version = get_member (l, dateline, "dateline", "version", KIND_NUMBER, FALSE);
      JsonObject *article;
      JsonArray *actors;
      JsonArray *events;

      if (version != NULL && json_node_get_value_type (version) != G_TYPE_INT64)
        report (l, DL_STORY_ERROR_INVALID, "dateline.version",
                _("“version” must be a whole number"));
      else if (version != NULL && json_node_get_int (version) != 1)
        report (l, DL_STORY_ERROR_INVALID, "dateline.version",
                _("story format version %lld is not supported: this "
                  "Dateline reads version 1"), (long long) json_node_get_int (version));

      article = get_object (l, dateline, "dateline", "article", FALSE);
      if (article != NULL)
        read_article (l, article, "dateline.article");
      text_index_init (&l->text_index, l->story->text);
      {
        g_autoptr(GPtrArray) problems =
          g_ptr_array_new_with_free_func ((GDestroyNotify) dl_member_problem_free);

        dl_place_check_mentions (l->mentioned, l->mentioned_paths, l->story->text, problems);
        report_member_problems (l, problems);
      }

      actors = get_array (l, dateline, "dateline", "actors", FALSE);
      l->actors_incomplete = actors == NULL && json_object_has_member (dateline, "actors") &&
                             !json_object_get_null_member (dateline, "actors");
      if (actors != NULL)
        for (guint i = 0; i < json_array_get_length (actors); i++)
          {
            g_autofree char *path = g_strdup_printf ("dateline.actors[%u]", i);

            read_actor (l, json_array_get_element (actors, i), i, path);
          }

      events = get_array (l, dateline, "dateline", "events", FALSE);
      if (events != NULL && l->story->event_sources != NULL)
        read_sources (l, l->story->event_sources, "dateline.events", NULL, read_event,
                      keep_event);
      else if (events != NULL)
        for (guint i = 0; i < json_array_get_length (events); i++)
          {
            g_autofree char *path = g_strdup_printf ("dateline.events[%u]", i);

            read_event (l, json_array_get_element (events, i), i, path);
          }
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = *(const Problem * const *) a;
  const Problem *pb = *(const Problem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return (pa->sequence > pb->sequence) - (pa->sequence < pb->sequence);
}

static char *
format_problem (const Problem *problem,
                const char    *display_name)
{
  /* TRANSLATORS: the start of a line of dateline --check about something read leniently */
  const char *kind = problem->warning ? _("warning: ") : "";

  if (problem->path != NULL && *problem->path != '\0')
    {
      /* a path can hold a member name from the file (a language in "names") */
      g_autofree char *path = tidy_message (g_strdup (problem->path));

      return g_strdup_printf ("%s:%d:%d: %s%s (at %s)", display_name, problem->line,
                              problem->column, kind, problem->message, path);
    }
  return g_strdup_printf ("%s:%d:%d: %s%s", display_name, problem->line, problem->column,
                          kind, problem->message);
}

/* The first error in file order (problems are sorted). */
static const Problem *
first_error (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const Problem *problem = g_ptr_array_index (problems, i);

      if (!problem->warning)
        return problem;
    }
  return NULL;
}

/* Checks the text before json-glib parses it. */
static gboolean
check_text (Loader *l)
{
  const char *end = NULL;
  DlStoryError code;
  int line, column;
  char *message = NULL;
  gsize i;

  if (l->length > MAX_SIZE)
    {
      report_at (l, DL_STORY_ERROR_TOO_LARGE, 1, 1,
                 g_strdup_printf (_("the file is too large (%lu MiB; the "
                                    "limit is %d MiB)"), (gulong) (l->length / (1024 * 1024)),
                                  MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }

  if (!g_utf8_validate_len (l->text, l->length, &end))
    {
      position_of_offset (l->text, end - l->text, &line, &column);
      if (*end == '\0')
        report_at (l, DL_STORY_ERROR_PARSE, line, column,
                   g_strdup (_("the file contains a NUL byte: it is not a text file")));
      else
        report_at (l, DL_STORY_ERROR_PARSE, line, column,
                   g_strdup_printf (_("the file is not valid UTF-8 text (byte 0x%02X)"),
                                    (unsigned char) *end));
      return FALSE;
    }

  for (i = 0; i < l->length && g_ascii_isspace (l->text[i]); i++)
    ;
  if (i == l->length)
    {
      report_at (l, DL_STORY_ERROR_PARSE, 1, 1,
                 g_strdup (_("the file is empty: a story is a GeoJSON FeatureCollection")));
      return FALSE;
    }

  if (!dl_json_validate (l->text, l->length, MAX_DEPTH, &code, &line, &column, &message))
    {
      report_at (l, code, line, column, message);
      return FALSE;
    }

  return TRUE;
}

/* Finds the line and column of every problem that has a path, in one pass. */
static void
locate_problems (Loader   *l,
                 gboolean  bom)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GPtrArray) located = g_ptr_array_new ();
  g_autofree int *lines = NULL;
  g_autofree int *columns = NULL;

  for (guint i = 0; i < l->problems->len; i++)
    {
      Problem *problem = g_ptr_array_index (l->problems, i);

      if (problem->path != NULL)
        {
          g_ptr_array_add (paths, problem->path);
          g_ptr_array_add (located, problem);
        }
    }

  lines = g_new0 (int, paths->len + 1);
  columns = g_new0 (int, paths->len + 1);
  if (paths->len > 0)
    dl_json_locate_many (l->text, l->length, (const char * const *) paths->pdata, paths->len,
                         lines, columns);

  for (guint i = 0; i < located->len; i++)
    {
      Problem *problem = g_ptr_array_index (located, i);

      problem->line = lines[i];
      problem->column = columns[i];
    }

  for (guint i = 0; i < l->problems->len; i++)
    {
      Problem *problem = g_ptr_array_index (l->problems, i);

      if (bom && problem->line == 1)
        problem->column++;
    }
}

/* Loads the story, collecting every problem; the story only when there is none. */
static DlStory *
load (GBytes              *bytes,
      const char          *display_name,
      GPtrArray           *problems,
      DlStoryProgressFunc  progress,
      gpointer             progress_data,
      gboolean            *stopped)
{
  g_autoptr(DlStory) story = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *without_nul = NULL;
  Loader l = { 0 };
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  gboolean bom;

  /* a UTF-8 byte order mark is not part of the JSON */
  bom = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
  l.text = data != NULL ? data + (bom ? 3 : 0) : "";
  l.length = length - (bom ? 3 : 0);
  l.display_name = display_name;
  l.problems = problems;
  l.place_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.place_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.places = g_ptr_array_new_with_free_func (g_object_unref);
  l.actor_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.event_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.mentioned = g_ptr_array_new_with_free_func (g_object_unref);
  l.mentioned_paths = g_ptr_array_new_with_free_func (g_free);
  l.progress = progress;
  l.progress_data = progress_data;

  if (check_text (&l))
    {
      /* json-glib would cut a string at \u0000: it is shown as U+FFFD instead */
      without_nul = dl_geojson_replace_nul_escapes (l.text, l.length);
      l.json_text = without_nul != NULL ? without_nul : l.text;
      l.parser = parser = json_parser_new ();
      story = g_object_new (DL_TYPE_STORY, NULL);
      story->root = parse_without_features (&l, story, &error);
      if (story->root == NULL && error == NULL &&
          json_parser_load_from_data (parser, l.json_text, l.length, &error))
        story->root = json_parser_steal_root (parser);
      if (story->root == NULL)
        {
          report_at (&l, DL_STORY_ERROR_PARSE, 1, 1,
                     g_strdup_printf (_("not valid JSON: %s"), error->message));
          g_clear_object (&story);
        }
      else
        {
          if (story->feature_sources != NULL)
            story->source = without_nul != NULL ?
                            g_bytes_new_take (g_steal_pointer (&without_nul), l.length) :
                            g_bytes_new_from_bytes (bytes, bom ? 3 : 0, l.length);
          l.story = story;
          read_root (&l);
          /* one items-changed for them all */
          dl_object_list_take (story->places, g_steal_pointer (&l.places));
          finish_story (story);
          dl_story_remember_nodes (story);
        }
    }

  locate_problems (&l, bom);
  if (bom)
    {
      Problem *problem = g_new0 (Problem, 1);

      problem->warning = TRUE;
      problem->line = problem->column = 1;
      problem->message = g_strdup (_("the file starts with a UTF-8 byte order mark, which "
                                     "RFC 8259 does not allow: it is ignored"));
      g_ptr_array_add (problems, problem);
    }
  g_ptr_array_sort (problems, compare_problems);

  g_hash_table_unref (l.place_paths);
  g_hash_table_unref (l.place_ids);
  g_clear_pointer (&l.places, g_ptr_array_unref);
  g_hash_table_unref (l.actor_paths);
  g_hash_table_unref (l.event_paths);
  g_ptr_array_unref (l.mentioned);
  g_ptr_array_unref (l.mentioned_paths);
  g_free (l.text_index.chars_before_block);
  g_clear_pointer (&l.text_index.suffixes, dl_text_index_free);

  if (stopped != NULL)
    *stopped = l.stopped;
  if (l.n_errors > 0 || l.stopped)
    return NULL;

  if (story != NULL && problems->len > 0)
    {
      g_autoptr(GStrvBuilder) warnings = g_strv_builder_new ();

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = format_problem (g_ptr_array_index (problems, i),
                                                  display_name);

          g_strv_builder_add (warnings, line);
        }
      story->warnings = g_strv_builder_end (warnings);
    }
  return g_steal_pointer (&story);
}

/**
 * dl_story_new_from_bytes:
 * @bytes: the content of a story file
 * @display_name: the file's name in messages ("story.geojson")
 * @error: a #GError
 *
 * Loads a story (or a plain GeoJSON FeatureCollection, as a story of places only). On
 * failure the error, in the %DL_STORY_ERROR domain, gives the first problem in file order:
 * "DISPLAY_NAME:LINE:COL: what is wrong (at dateline.events[3].passages[0].exact)".
 *
 * Returns: (transfer full) (nullable): the story, or %NULL on error.
 */
DlStory *
dl_story_new_from_bytes (GBytes      *bytes,
                         const char  *display_name,
                         GError     **error)
{
  return dl_story_new_from_bytes_full (bytes, display_name, NULL, NULL, error);
}

/**
 * dl_story_new_from_bytes_full:
 * @bytes: the content of a story file
 * @display_name: the file's name in messages ("story.geojson")
 * @progress: (nullable) (scope call): told how far the reading is, a few hundred times
 * @progress_data: data for @progress
 * @error: a #GError
 *
 * As dl_story_new_from_bytes(), calling @progress with the fraction of the text read into
 * the model as the features and events are read. When @progress returns %FALSE the
 * reading stops and fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the story, or %NULL on error.
 */
DlStory *
dl_story_new_from_bytes_full (GBytes               *bytes,
                              const char           *display_name,
                              DlStoryProgressFunc   progress,
                              gpointer              progress_data,
                              GError              **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  DlStory *story;
  gboolean stopped = FALSE;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "story";

  story = load (bytes, display_name, problems, progress, progress_data, &stopped);
  if (stopped)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading stopped"));
  else if (story == NULL)
    {
      const Problem *first = first_error (problems);
      g_autofree char *message = format_problem (first, display_name);
      guint n_errors = 0;

      for (guint i = 0; i < problems->len; i++)
        n_errors += !((const Problem *) g_ptr_array_index (problems, i))->warning;
      if (n_errors > 1)
        g_set_error (error, DL_STORY_ERROR, first->code,
                     g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                                  "%s (and %u more problems)", n_errors - 1),
                     message, n_errors - 1);
      else
        g_set_error_literal (error, DL_STORY_ERROR, first->code, message);
    }
  return story;
}

/**
 * dl_story_check_bytes:
 * @bytes: the content of a story file
 * @display_name: the file's name in messages
 *
 * Finds every problem of a story file (up to 200), in file order.
 *
 * Returns: (transfer full) (element-type utf8): one "DISPLAY_NAME:LINE:COL: message"
 *   string per problem; empty when the story is valid.
 */
GPtrArray *
dl_story_check_bytes (GBytes     *bytes,
                      const char *display_name)
{
  return dl_story_check_bytes_full (bytes, display_name, NULL);
}

/**
 * dl_story_check_bytes_full:
 * @bytes: the content of a story file
 * @display_name: the file's name in messages
 * @story: (out) (optional) (nullable) (transfer full): the story when it is valid
 *
 * As dl_story_check_bytes(), loading the file only once.
 *
 * Returns: (transfer full) (element-type utf8): one "DISPLAY_NAME:LINE:COL: message"
 *   string per problem; empty when the story is valid.
 */
GPtrArray *
dl_story_check_bytes_full (GBytes      *bytes,
                           const char  *display_name,
                           DlStory    **story)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  g_autoptr(DlStory) loaded = NULL;
  GPtrArray *messages;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (display_name == NULL)
    display_name = "story";

  loaded = load (bytes, display_name, problems, NULL, NULL, NULL);
  messages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < problems->len; i++)
    if (!((const Problem *) g_ptr_array_index (problems, i))->warning)
      g_ptr_array_add (messages, format_problem (g_ptr_array_index (problems, i),
                                                 display_name));
  if (problems->len >= MAX_PROBLEMS)
    g_ptr_array_add (messages,
                     g_strdup_printf (_("%s: too many problems: only the first %d found are "
                                        "shown"), display_name, MAX_PROBLEMS));
  if (story != NULL)
    *story = g_steal_pointer (&loaded);
  return messages;
}
