/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-mentions.h"
#include "dl-place-mentions-private.h"
#include "dl-place-private.h"

/* Characters of the text quoted in a message. */
#define QUOTE_LENGTH 40

/* One offset to turn into a byte position. */
typedef struct
{
  int    offset;
  gsize  byte;
  guint  mention;  /* index into the flat list of mentions */
  gboolean is_end;
} Offset;

/* A mention being checked, with where it came from. */
typedef struct
{
  DlPlace    *place;
  const char *path;   /* the place's properties path */
  guint       index;  /* in the place's mentions */
  gsize       start_byte;
  gsize       end_byte;
} Pending;

static void
mention_clear (DlPlaceMention *mention)
{
  g_clear_pointer (&mention->exact, g_free);
}

static void
add_problem (GPtrArray    *problems,
             DlStoryError  code,
             const char   *path,
             char         *message)
{
  DlMemberProblem *problem = g_new0 (DlMemberProblem, 1);

  problem->code = code;
  problem->path = g_strdup (path);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static const char *
describe (JsonNode *node)
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

static gboolean
holds_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static char *
quote (const char *text,
       gssize      length)
{
  g_autofree char *copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  glong n = g_utf8_strlen (copy, -1);
  g_autofree char *one_line = NULL;

  if (n > QUOTE_LENGTH)
    {
      g_autofree char *start = g_utf8_substring (copy, 0, QUOTE_LENGTH - 1);

      one_line = g_strconcat (start, "…", NULL);
    }
  else
    one_line = g_steal_pointer (&copy);

  g_strdelimit (one_line, "\n\r\t", ' ');
  return g_strdup_printf ("“%s”", one_line);
}

/* Reads one element of "mentions"; FALSE when it is not a usable mention. */
static gboolean
read_mention (JsonNode       *node,
              const char     *place_id,
              const char     *path,
              DlPlaceMention *mention,
              GPtrArray      *problems)
{
  static const char * const offsets[] = { "start", "end" };
  JsonObject *object;
  JsonNode *exact;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (problems, DL_STORY_ERROR_INVALID, path,
                   g_strdup_printf (_("a mention must be an object with “exact”, “start” "
                                      "and “end”, not %s"), describe (node)));
      return FALSE;
    }
  object = json_node_get_object (node);

  exact = json_object_get_member (object, "exact");
  if (exact == NULL)
    {
      add_problem (problems, DL_STORY_ERROR_INVALID, path,
                   g_strdup_printf (_("missing required member “%s”"), "exact"));
      ok = FALSE;
    }
  else if (!JSON_NODE_HOLDS_VALUE (exact) ||
           json_node_get_value_type (exact) != G_TYPE_STRING ||
           *json_node_get_string (exact) == '\0')
    {
      g_autofree char *child = g_strconcat (path, ".exact", NULL);

      add_problem (problems, DL_STORY_ERROR_INVALID, child,
                   g_strdup_printf (_("“exact” must be the mentioned text (a string that is "
                                      "not empty), not %s"), describe (exact)));
      ok = FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      JsonNode *value = json_object_get_member (object, offsets[i]);
      g_autofree char *child = g_strconcat (path, ".", offsets[i], NULL);
      int *target = i == 0 ? &mention->start : &mention->end;

      if (value == NULL)
        {
          add_problem (problems, DL_STORY_ERROR_INVALID, path,
                       g_strdup_printf (_("missing required member “%s”"), offsets[i]));
          ok = FALSE;
        }
      else if (!holds_int (value) || json_node_get_int (value) < 0 ||
               json_node_get_int (value) > G_MAXINT)
        {
          add_problem (problems, DL_STORY_ERROR_INVALID, child,
                       g_strdup_printf (_("“%s” must be a character offset into the article "
                                          "text (a whole number, 0 or more), not %s"),
                                        offsets[i], describe (value)));
          ok = FALSE;
        }
      else
        *target = (int) json_node_get_int (value);
    }

  if (ok && mention->end <= mention->start)
    {
      add_problem (problems, DL_STORY_ERROR_INVALID, path,
                   g_strdup_printf (_("the place “%s” has a mention that ends (%d) before "
                                      "it starts (%d): “end” is the offset after its last "
                                      "character"), place_id, mention->end, mention->start));
      ok = FALSE;
    }

  if (ok)
    mention->exact = g_strdup (json_node_get_string (exact));
  return ok;
}

/**
 * dl_place_read_story_members: (skip)
 */
gboolean
dl_place_read_story_members (DlPlace    *place,
                             JsonObject *properties,
                             const char *path,
                             GPtrArray  *problems)
{
  JsonNode *node;

  g_return_val_if_fail (DL_IS_PLACE (place), FALSE);

  node = json_object_get_member (properties, "geonames");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (holds_int (node) && json_node_get_int (node) > 0)
        dl_place_get_details (place)->geonames_id = json_node_get_int (node);
      else
        {
          g_autofree char *child = g_strconcat (path, ".geonames", NULL);

          add_problem (problems, DL_STORY_ERROR_INVALID, child,
                       g_strdup_printf (_("“geonames” must be a GeoNames id (a whole number "
                                          "above 0), not %s"), describe (node)));
        }
    }

  place->suggested = dl_story_read_suggested (properties, path, problems);

  node = json_object_get_member (properties, "mentions");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *child = g_strconcat (path, ".mentions", NULL);

      add_problem (problems, DL_STORY_ERROR_INVALID, child,
                   g_strdup_printf (_("“mentions” must be an array of mentions, not %s"),
                                    describe (node)));
      return FALSE;
    }

  {
    JsonArray *array = json_node_get_array (node);
    guint n = json_array_get_length (array);
    DlPlaceDetails *details = dl_place_get_details (place);

    g_clear_pointer (&details->mentions, g_array_unref);
    details->mentions = g_array_sized_new (FALSE, TRUE, sizeof (DlPlaceMention), n);
    g_array_set_clear_func (details->mentions, (GDestroyNotify) mention_clear);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *child = g_strdup_printf ("%s.mentions[%u]", path, i);
        DlPlaceMention mention = { 0 };

        if (read_mention (json_array_get_element (array, i), place->id, child, &mention,
                          problems))
          g_array_append_val (details->mentions, mention);
      }
    return details->mentions->len > 0;
  }
}

/**
 * dl_story_read_suggested: (skip)
 */
gboolean
dl_story_read_suggested (JsonObject *object,
                         const char *path,
                         GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, "suggested");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  {
    g_autofree char *child = g_strconcat (path, ".suggested", NULL);

    add_problem (problems, DL_STORY_ERROR_INVALID, child,
                 g_strdup_printf (_("“suggested” must be true or false, not %s"),
                                  describe (node)));
  }
  return FALSE;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const Offset *oa = a;
  const Offset *ob = b;

  return (oa->offset > ob->offset) - (oa->offset < ob->offset);
}

/**
 * dl_place_check_mentions: (skip)
 */
void
dl_place_check_mentions (GPtrArray  *places,
                         GPtrArray  *paths,
                         const char *text,
                         GPtrArray  *problems)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_autoptr(GArray) offsets = g_array_new (FALSE, TRUE, sizeof (Offset));
  const char *p;
  int chars;
  guint next;

  g_return_if_fail (places != NULL && paths != NULL && places->len == paths->len);

  for (guint i = 0; i < places->len; i++)
    {
      DlPlace *place = g_ptr_array_index (places, i);
      GArray *mentions = dl_place_peek_details (place)->mentions;

      if (mentions == NULL || mentions->len == 0)
        continue;
      if (text == NULL)
        {
          g_autofree char *child = g_strconcat (g_ptr_array_index (paths, i), ".mentions",
                                                NULL);

          add_problem (problems, DL_STORY_ERROR_PASSAGE, child,
                       g_strdup_printf (_("the place “%s” has mentions, but the story has "
                                          "no article text"), place->id));
          g_array_set_size (mentions, 0);
          continue;
        }
      for (guint j = 0; j < mentions->len; j++)
        {
          const DlPlaceMention *m = &g_array_index (mentions, DlPlaceMention, j);
          Pending item = { place, g_ptr_array_index (paths, i), j, 0, 0 };
          Offset start = { m->start, 0, pending->len, FALSE };
          Offset end = { m->end, 0, pending->len, TRUE };

          g_array_append_val (pending, item);
          g_array_append_val (offsets, start);
          g_array_append_val (offsets, end);
        }
    }
  if (pending->len == 0)
    return;

  /* one walk over the text turns every offset into a byte position (or finds it past
   * the end: G_MAXSIZE) */
  g_array_sort (offsets, compare_offsets);
  p = text;
  chars = 0;
  next = 0;
  while (next < offsets->len)
    {
      Offset *o = &g_array_index (offsets, Offset, next);

      if (o->offset == chars)
        {
          o->byte = p - text;
          next++;
          continue;
        }
      if (*p == '\0')
        break;
      p = g_utf8_next_char (p);
      chars++;
    }
  for (; next < offsets->len; next++)
    g_array_index (offsets, Offset, next).byte = G_MAXSIZE;

  for (guint i = 0; i < offsets->len; i++)
    {
      const Offset *o = &g_array_index (offsets, Offset, i);
      Pending *item = &g_array_index (pending, Pending, o->mention);

      if (o->is_end)
        item->end_byte = o->byte;
      else
        item->start_byte = o->byte;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *item = &g_array_index (pending, Pending, i);
      DlPlaceMention *m = &g_array_index (dl_place_peek_details (item->place)->mentions,
                                          DlPlaceMention, item->index);
      g_autofree char *child = g_strdup_printf ("%s.mentions[%u]", item->path, item->index);
      g_autofree char *quoted = quote (m->exact, -1);

      if (item->end_byte == G_MAXSIZE)
        add_problem (problems, DL_STORY_ERROR_PASSAGE, child,
                     g_strdup_printf (_("the place “%s” mentions %s at characters %d–%d, "
                                        "past the end of the article text (%d characters)"),
                                      item->place->id, quoted, m->start, m->end, chars));
      else if (item->end_byte - item->start_byte != strlen (m->exact) ||
               memcmp (text + item->start_byte, m->exact, strlen (m->exact)) != 0)
        {
          g_autofree char *there = quote (text + item->start_byte,
                                          item->end_byte - item->start_byte);

          add_problem (problems, DL_STORY_ERROR_PASSAGE, child,
                       g_strdup_printf (_("the place “%s” mentions %s at characters %d–%d, "
                                          "but the article text there is %s"),
                                        item->place->id, quoted, m->start, m->end, there));
        }
    }
}

/**
 * dl_place_get_n_mentions:
 * @self: a place
 *
 * Returns: how many mentions of the place in the article text the story gives.
 */
guint
dl_place_get_n_mentions (DlPlace *self)
{
  GArray *mentions;

  g_return_val_if_fail (DL_IS_PLACE (self), 0);
  mentions = dl_place_peek_details (self)->mentions;
  return mentions != NULL ? mentions->len : 0;
}

/**
 * dl_place_get_mention:
 * @self: a place
 * @index: a mention, below dl_place_get_n_mentions()
 * @start: (out) (optional): its first character in the article text
 * @end: (out) (optional): the character after its last
 *
 * Returns: the mentioned text, as in the article.
 */
const char *
dl_place_get_mention (DlPlace *self,
                      guint    index,
                      int     *start,
                      int     *end)
{
  const DlPlaceMention *mention;

  g_return_val_if_fail (DL_IS_PLACE (self), NULL);
  g_return_val_if_fail (index < dl_place_get_n_mentions (self), NULL);

  mention = &g_array_index (self->details->mentions, DlPlaceMention, index);
  if (start != NULL)
    *start = mention->start;
  if (end != NULL)
    *end = mention->end;
  return mention->exact;
}

/**
 * dl_place_get_geonames_id:
 * @self: a place
 *
 * Returns: the place's GeoNames id (properties.geonames), or 0.
 */
gint64
dl_place_get_geonames_id (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), 0);
  return dl_place_peek_details (self)->geonames_id;
}

/**
 * dl_place_get_suggested:
 * @self: a place
 *
 * Returns: %TRUE when the place is a draft of the app ("suggested": true) that the user
 *   has not accepted yet.
 */
gboolean
dl_place_get_suggested (DlPlace *self)
{
  g_return_val_if_fail (DL_IS_PLACE (self), FALSE);
  return self->suggested;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const DlMentionRange *ra = a;
  const DlMentionRange *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return (ra->place->index > rb->place->index) - (ra->place->index < rb->place->index);
}

/**
 * dl_story_list_mentions:
 * @story: a story
 *
 * Returns: (transfer full) (element-type DlMentionRange): every place mention, sorted by
 *   start.
 */
GArray *
dl_story_list_mentions (DlStory *story)
{
  GListModel *places;
  GArray *ranges;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  places = dl_story_get_places (story);
  ranges = g_array_new (FALSE, FALSE, sizeof (DlMentionRange));
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      for (guint j = 0; j < dl_place_get_n_mentions (place); j++)
        {
          DlMentionRange range = { 0, 0, place };

          dl_place_get_mention (place, j, &range.start, &range.end);
          g_array_append_val (ranges, range);
        }
    }
  g_array_sort (ranges, compare_ranges);
  return ranges;
}

/**
 * dl_story_place_mentioned_at:
 * @story: a story
 * @offset: a character of its text
 *
 * Returns: (transfer none) (nullable): the place a mention at @offset names.
 */
DlPlace *
dl_story_place_mentioned_at (DlStory *story,
                             int      offset)
{
  GListModel *places;
  DlPlace *best = NULL;
  int best_length = G_MAXINT;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  places = dl_story_get_places (story);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);

      for (guint j = 0; j < dl_place_get_n_mentions (place); j++)
        {
          int start, end;

          dl_place_get_mention (place, j, &start, &end);
          if (start <= offset && offset < end && end - start < best_length)
            {
              best = place;
              best_length = end - start;
            }
        }
    }
  return best;
}

void
dl_member_problem_free (DlMemberProblem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}
