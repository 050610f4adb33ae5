/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Random edits of a story and a description of what a user sees of it: shared by the
 * history test and the edit fuzzer. */
#include "config.h"

#include <string.h>

#include "dl-test-edit.h"

#include "dl-place-private.h"
#include "dl-story-private.h"

static gpointer
item (GListModel *model,
      guint       index)
{
  gpointer object = g_list_model_get_item (model, index);

  g_object_unref (object);  /* the model keeps it */
  return object;
}

static void
append_time (GString      *s,
             const DlTime *time)
{
  g_autofree char *iso = time != NULL && time->precision != DL_TIME_NONE ?
                         dl_time_to_iso (time) : NULL;

  g_string_append_printf (s, "%s|", iso != NULL ? iso : "-");
}

/**
 * dl_test_describe_story:
 * @story: a story
 *
 * Returns: (transfer full): everything a user sees of @story, in the model's order, one
 *   line per place, actor, event and passage.
 */
/* The feature @place was read from: its tree, or its span of the file parsed again (then
 * in @parsed, to free); NULL for a place made in the app. */
static JsonObject *
feature_of (DlStory   *story,
            DlPlace   *place,
            JsonNode **parsed)
{
  if (place->node == NULL && place->source_index > 0 && story->source != NULL &&
      story->feature_sources != NULL && place->source_index <= story->feature_sources->len)
    {
      const DlFeatureSource *span = &g_array_index (story->feature_sources, DlFeatureSource,
                                                    place->source_index - 1);
      const char *text = g_bytes_get_data (story->source, NULL);
      g_autofree char *json = g_strndup (text + span->offset, span->length);

      *parsed = json_from_string (json, NULL);
    }
  else if (place->node != NULL)
    *parsed = json_node_ref (place->node);
  return *parsed != NULL && JSON_NODE_HOLDS_OBJECT (*parsed) ?
         json_node_get_object (*parsed) : NULL;
}

/* A feature read without a name or title of its own, still called what it was given. */
static gboolean
name_made_up (DlStory *story,
              DlPlace *place)
{
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *feature = feature_of (story, place, &parsed);
  JsonNode *properties = feature != NULL ?
                         json_object_get_member (feature, "properties") : NULL;
  JsonObject *members = properties != NULL && JSON_NODE_HOLDS_OBJECT (properties) ?
                        json_node_get_object (properties) : NULL;

  const char *name = dl_place_get_name (place);

  /* the reader's "Place %u" (the tests run in the C locale) */
  if (feature == NULL || !g_str_has_prefix (name, "Place ")
      || strspn (name + 6, "0123456789") != strlen (name + 6) || name[6] == '\0')
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *own = members != NULL ?
                      json_object_get_member (members, i == 0 ? "name" : "title") : NULL;

      if (own != NULL && JSON_NODE_HOLDS_VALUE (own)
          && json_node_get_value_type (own) == G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

char *
dl_test_describe_story (DlStory *story)
{
  GString *s = g_string_new (NULL);
  GListModel *places = dl_story_get_places (story);
  GListModel *actors = dl_story_get_actors (story);
  GListModel *events = dl_story_get_events (story);
  g_autoptr(GPtrArray) passages = dl_story_list_passages (story);
  /* A plain map's ids, and the names of its features without one ("Place 3"), are made up
   * from the features' order when it is read, and written only once it has story
   * content: until then, deleting a feature renumbers the rest. */
  gboolean ids_matter = g_list_model_get_n_items (events) > 0 ||
                       g_list_model_get_n_items (actors) > 0 ||
                       dl_story_get_title (story) != NULL ||
                       dl_story_get_publisher (story) != NULL ||
                       dl_story_get_url (story) != NULL ||
                       dl_story_get_published (story) != NULL ||
                       dl_story_get_language (story) != NULL ||
                       dl_story_get_text (story) != NULL;

  g_string_append_printf (s, "article %s|%s|%s|%s|%s|%s\n", dl_story_get_title (story),
                          dl_story_get_publisher (story), dl_story_get_url (story),
                          dl_story_get_published (story), dl_story_get_language (story),
                          dl_story_get_text (story));
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (places, i);
      DlLonLat anchor = dl_place_get_anchor (place);

      g_string_append_printf (s, "place %s|%s|%s|%s|%u events|%.17g,%.17g|%s|",
                              ids_matter ? dl_place_get_id (place) : "-",
                              ids_matter || !name_made_up (story, place) ?
                              dl_place_get_name (place) : "-",
                              dl_place_get_kind (place), dl_place_get_precision (place),
                              dl_place_get_n_events (place), anchor.lon, anchor.lat,
                              dl_place_get_suggested (place) ? "suggested" : "");
      for (guint j = 0; j < dl_place_get_n_parts (place); j++)
        {
          guint n;
          const DlLonLat *p = dl_place_get_part (place, j, &n);

          for (guint k = 0; k < n; k++)
            g_string_append_printf (s, "%.17g,%.17g ", p[k].lon, p[k].lat);
        }
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);
      g_autofree char *aliases = g_strjoinv (",", (char **) dl_actor_get_aliases (actor));

      g_string_append_printf (s, "actor %s|%s|%s|%s|%s|%u events|%s\n",
                              dl_actor_get_id (actor), dl_actor_get_name (actor),
                              dl_actor_get_kind (actor), dl_actor_get_color (actor), aliases,
                              dl_actor_get_n_events (actor),
                              dl_actor_get_suggested (actor) ? "suggested" : "");
    }
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      g_string_append_printf (s, "event %s|%s|%s|", dl_event_get_id (event),
                              dl_event_get_title (event),
                              dl_event_get_suggested (event) ? "suggested" : "");
      append_time (s, dl_event_get_start (event));
      append_time (s, dl_event_get_end (event));
      g_string_append_printf (s, "%s|%s|%s|%s|", dl_event_get_when_text (event),
                              dl_event_get_approximate (event) ? "about" : "exact",
                              dl_event_get_category (event), dl_event_get_attribution (event));
      for (guint j = 0; j < dl_event_get_n_places (event); j++)
        {
          const char *role;
          DlPlace *place = dl_event_get_place (event, j, &role);

          g_string_append_printf (s, "%s:%s ", dl_place_get_id (place), role);
        }
      g_string_append_c (s, '|');
      for (guint j = 0; j < dl_event_get_n_actors (event); j++)
        {
          const char *role;
          DlActor *actor = dl_event_get_actor (event, j, &role);

          g_string_append_printf (s, "%s:%s ", dl_actor_get_id (actor), role);
        }
      g_string_append_c (s, '|');
      for (guint j = 0; j < dl_event_get_n_passages (event); j++)
        {
          const DlPassage *p = dl_event_get_passage (event, j);

          g_string_append_printf (s, "[%s|%s|%s %d-%d] ", p->prefix, p->exact, p->suffix,
                                  p->start, p->end);
        }
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; i < passages->len; i++)
    {
      const DlPassage *p = g_ptr_array_index (passages, i);

      g_string_append_printf (s, "passage %d-%d %s\n", p->start, p->end,
                              dl_event_get_id (p->event));
    }
  return g_string_free (s, FALSE);
}

static gpointer
random_item (GListModel *model,
             GRand      *rand)
{
  guint n = g_list_model_get_n_items (model);

  return n > 0 ? item (model, g_rand_int_range (rand, 0, n)) : NULL;
}

/**
 * dl_test_random_operation:
 * @story: a story
 * @rand: where the choices come from
 * @serial: a counter, for names never used before
 *
 * Returns: (transfer full) (nullable): an operation on @story that keeps it a story that
 *   loads (it never quotes a passage that is not unique, nor ends an event before it
 *   starts), or %NULL when the one chosen cannot apply.
 */
DlOperation *
dl_test_random_operation (DlStory *story,
                          GRand   *rand,
                          guint   *serial)
{
  DlEvent *event = random_item (dl_story_get_events (story), rand);
  DlPlace *place = random_item (dl_story_get_places (story), rand);
  DlActor *actor = random_item (dl_story_get_actors (story), rand);
  static const char * const kinds[] = { "city", "region", "x-unknown", NULL };
  static const char * const times[] = { "1967", "2011-03", "2024-12-08", "2024-12-08T06:00",
                                        "2024-12-07T23:30Z", "2025" };
  char name[32];
  DlTime time;

  g_snprintf (name, sizeof name, "Name %u", (*serial)++);
  switch (g_rand_int_range (rand, 0, 27))
    {
    case 0:
      return place != NULL ? dl_operation_new_set_place_name (place, name) : NULL;
    case 1:
      return place != NULL ?
             dl_operation_new_set_place_kind (place, kinds[g_rand_int_range (rand, 0, 4)]) :
             NULL;
    case 2:
      /* a place read without a geometry has nothing to move */
      return place != NULL && dl_place_get_n_parts (place) > 0 ?
             dl_operation_new_move_place (place,
                                          (DlLonLat) { g_rand_int_range (rand, -1700, 1700) / 10.0,
                                                       g_rand_int_range (rand, -800, 800) / 10.0 })
             : NULL;
    case 3:
      {
        g_autofree char *id = dl_story_make_id (story, name);
        g_autoptr(DlPlace) added = dl_place_new_point (id, name,
                                                       (DlLonLat) { g_rand_double_range (rand, -10, 10),
                                                                    g_rand_double_range (rand, -10, 10) });

        return dl_operation_new_add_place (story, added);
      }
    case 4:
      return place != NULL ? dl_operation_new_remove_place (story, place) : NULL;
    case 5:
      return actor != NULL ? dl_operation_new_set_actor_name (actor, name) : NULL;
    case 6:
      {
        guint n;
        const char * const *palette = dl_actor_get_palette (&n);

        return actor != NULL ?
               dl_operation_new_set_actor_color (actor, palette[g_rand_int_range (rand, 0, n)])
               : NULL;
      }
    case 7:
      {
        const char * const aliases[] = { name, "Other", NULL };

        return actor != NULL ?
               dl_operation_new_set_actor_aliases (actor, g_rand_boolean (rand) ? aliases : NULL)
               : NULL;
      }
    case 8:
      {
        g_autofree char *id = dl_story_make_id (story, name);
        g_autoptr(DlActor) added = dl_actor_new (id);

        return dl_operation_new_add_actor (story, added);
      }
    case 9:
      return actor != NULL ? dl_operation_new_remove_actor (story, actor) : NULL;
    case 10:
      return event != NULL ? dl_operation_new_set_event_title (event, name) : NULL;
    case 11:
      if (event == NULL)
        return NULL;
      g_assert_true (dl_time_parse (times[g_rand_int_range (rand, 0, G_N_ELEMENTS (times))],
                                    &time, NULL));
      if (dl_event_get_end (event) != NULL &&
          dl_time_get_last_second (dl_event_get_end (event)) <
          dl_time_get_first_second (&time))
        {
          DlOperation *group = dl_operation_new_group ("Change Event Time");

          dl_operation_group_add (group, dl_operation_new_set_event_end (event, NULL));
          dl_operation_group_add (group, dl_operation_new_set_event_start (event, &time));
          return group;
        }
      return dl_operation_new_set_event_start (event, &time);
    case 12:
      if (event == NULL || dl_event_get_start (event)->precision == DL_TIME_NONE)
        return NULL;
      if (g_rand_boolean (rand))
        return dl_operation_new_set_event_end (event, NULL);
      time = (DlTime) { .precision = DL_TIME_YEAR, .year = dl_event_get_start (event)->year + 1,
                        .month = 1, .day = 1 };
      return dl_operation_new_set_event_end (event, &time);
    case 13:
      /* the editor words only a time with a start (a story writes no wording without) */
      if (event == NULL || dl_event_get_start (event)->precision == DL_TIME_NONE)
        return NULL;
      return dl_operation_new_set_event_when_text (event, g_rand_boolean (rand) ? name : NULL);
    case 14:
      return event != NULL ?
             dl_operation_new_set_event_category (event, g_rand_boolean (rand) ? "strike" : NULL)
             : NULL;
    case 15:
      return event != NULL ?
             dl_operation_new_set_event_attribution (event, g_rand_boolean (rand) ? name : NULL)
             : NULL;
    case 16:
      return event != NULL && place != NULL ?
             dl_operation_new_add_event_place (event, place, g_rand_boolean (rand) ? name : NULL)
             : NULL;
    case 17:
      return event != NULL && dl_event_get_n_places (event) > 0 ?
             dl_operation_new_remove_event_place (event,
                                                  g_rand_int_range (rand, 0, dl_event_get_n_places (event)))
             : NULL;
    case 18:
      return event != NULL && actor != NULL ?
             dl_operation_new_add_event_actor (event, actor, NULL) : NULL;
    case 19:
      return event != NULL && dl_event_get_n_actors (event) > 0 ?
             dl_operation_new_remove_event_actor (event, 0) : NULL;
    case 20:
      {
        int length = dl_story_get_text_length (story);
        int start, end;
        g_autofree char *exact = NULL;
        g_autofree char *prefix = NULL;
        g_autofree char *suffix = NULL;

        if (event == NULL || length < 2)
          return NULL;
        start = g_rand_int_range (rand, 0, length - 1);
        end = start + g_rand_int_range (rand, 1, 40);
        end = MIN (length, end);
        dl_story_quote_range (story, start, end, &exact, &prefix, &suffix);
        if (!dl_story_resolve_quote (story, exact, prefix, suffix, NULL, NULL, NULL))
          return NULL;  /* not unique within 32 characters: the GUI says so */
        return dl_operation_new_add_event_passage (event, exact, prefix, suffix);
      }
    case 21:
      return event != NULL && dl_event_get_n_passages (event) > 0 ?
             dl_operation_new_remove_event_passage (event, 0) : NULL;
    case 22:
      {
        g_autofree char *id = dl_story_make_id (story, name);
        g_autoptr(DlEvent) added = dl_event_new (id);

        g_assert_true (dl_time_parse (times[g_rand_int_range (rand, 0, G_N_ELEMENTS (times))],
                                      &time, NULL));
        dl_event_set_start (added, &time);
        if (place != NULL)
          dl_event_insert_place (added, -1, place, NULL);
        if (actor != NULL)
          dl_event_insert_actor (added, -1, actor, "subject");
        return dl_operation_new_add_event (story, added);
      }
    case 23:
      return event != NULL ? dl_operation_new_remove_event (story, event) : NULL;
    case 24:
      return dl_operation_new_set_story_title (story, g_rand_boolean (rand) ? name : NULL);
    case 25:
      return event != NULL ?
             dl_operation_new_set_event_approximate (event, !dl_event_get_approximate (event))
             : NULL;
    default:
      return dl_operation_new_set_story_published (story,
                                                   g_rand_boolean (rand) ? "2024-12-09" : NULL);
    }
}


char *
dl_test_round_trip_problem (DlStory  *story,
                            DlStory **reloaded_out)
{
  g_autoptr(GBytes) saved = dl_story_to_bytes (story);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) reloaded = dl_story_new_from_bytes (saved, "saved.geojson", &error);
  g_autoptr(GBytes) saved_again = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *seen_again = NULL;

  if (reloaded == NULL)
    return g_strdup_printf ("the saved text does not load: %s", error->message);
  saved_again = dl_story_to_bytes (reloaded);
  if (!g_bytes_equal (saved, saved_again))
    return g_strdup ("saving the reloaded story gives a different text");
  seen = dl_test_describe_story (story);
  seen_again = dl_test_describe_story (reloaded);
  if (g_strcmp0 (seen, seen_again) != 0)
    return g_strdup ("the reloaded story is not the story that was saved");
  if (reloaded_out != NULL)
    *reloaded_out = g_steal_pointer (&reloaded);
  return NULL;
}
