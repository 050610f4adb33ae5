/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-review"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor.h"
#include "dl-event.h"
#include "dl-place.h"
#include "dl-review.h"

static DlOperation *
accept_with_label (gpointer    object,
                   const char *label)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, FALSE);
  return dl_operation_new_set_property (object, "suggested", &value, label);
}

static guint
count_suggested (GListModel *model)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (dl_review_is_suggested (item))
        n++;
    }
  return n;
}

/* Adds an accept operation for each suggestion of @model to @group. */
static void
accept_model (DlOperation *group,
              GListModel  *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (dl_review_is_suggested (item))
        dl_operation_group_add (group, accept_with_label (item, NULL));
    }
}

/* An accepted event vouches for its places and actors: what of them is still a suggestion
 * is accepted with it, in the same step. */
static DlOperation *
accept_event (DlEvent *event)
{
  DlOperation *group = dl_operation_new_group (_("Accept Event"));

  if (dl_event_get_suggested (event))
    dl_operation_group_add (group, accept_with_label (event, NULL));
  for (guint i = 0; i < dl_event_get_n_places (event); i++)
    {
      DlPlace *place = dl_event_get_place (event, i, NULL);

      if (dl_place_get_suggested (place))
        dl_operation_group_add (group, accept_with_label (place, NULL));
    }
  for (guint i = 0; i < dl_event_get_n_actors (event); i++)
    {
      DlActor *actor = dl_event_get_actor (event, i, NULL);

      if (dl_actor_get_suggested (actor))
        dl_operation_group_add (group, accept_with_label (actor, NULL));
    }
  return group;
}

/**
 * dl_review_is_suggested:
 * @object: a #DlEvent, #DlPlace or #DlActor
 *
 * Returns: %TRUE when @object is a suggestion the user has not accepted.
 */
gboolean
dl_review_is_suggested (gpointer object)
{
  if (DL_IS_EVENT (object))
    return dl_event_get_suggested (object);
  if (DL_IS_PLACE (object))
    return dl_place_get_suggested (object);
  if (DL_IS_ACTOR (object))
    return dl_actor_get_suggested (object);
  g_return_val_if_reached (FALSE);
}

/**
 * dl_review_count:
 * @story: a story
 * @count: (out caller-allocates) (optional): the suggestions of each kind
 *
 * Returns: the number of suggestions in @story.
 */
guint
dl_review_count (DlStory       *story,
                 DlReviewCount *count)
{
  DlReviewCount c;

  g_return_val_if_fail (DL_IS_STORY (story), 0);

  c.events = count_suggested (dl_story_get_events (story));
  c.places = count_suggested (dl_story_get_places (story));
  c.actors = count_suggested (dl_story_get_actors (story));
  if (count != NULL)
    *count = c;
  return c.events + c.places + c.actors;
}

/**
 * dl_review_accept:
 * @object: a #DlEvent, #DlPlace or #DlActor
 *
 * Returns: (transfer full): the operation clearing its "suggested" mark; for an event,
 *   also that of its places and actors.
 */
DlOperation *
dl_review_accept (gpointer object)
{
  if (DL_IS_EVENT (object))
    return accept_event (object);
  if (DL_IS_PLACE (object))
    return accept_with_label (object, _("Accept Place"));
  if (DL_IS_ACTOR (object))
    return accept_with_label (object, _("Accept Actor"));
  g_return_val_if_reached (NULL);
}

/**
 * dl_review_reject:
 * @story: the story of @object
 * @object: a #DlEvent, #DlPlace or #DlActor
 *
 * Returns: (transfer full): the operation removing @object from @story.
 */
DlOperation *
dl_review_reject (DlStory  *story,
                  gpointer  object)
{
  DlOperation *group;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  if (DL_IS_EVENT (object))
    {
      group = dl_operation_new_group (_("Reject Event"));
      dl_operation_group_add (group, dl_operation_new_remove_event (story, object));
    }
  else if (DL_IS_PLACE (object))
    {
      group = dl_operation_new_group (_("Reject Place"));
      dl_operation_group_add (group, dl_operation_new_remove_place (story, object));
    }
  else if (DL_IS_ACTOR (object))
    {
      group = dl_operation_new_group (_("Reject Actor"));
      dl_operation_group_add (group, dl_operation_new_remove_actor (story, object));
    }
  else
    g_return_val_if_reached (NULL);
  return group;
}

/**
 * dl_review_accept_all:
 * @story: a story
 *
 * Returns: (transfer full) (nullable): one operation accepting every suggestion, or
 *   %NULL when there is none.
 */
DlOperation *
dl_review_accept_all (DlStory *story)
{
  DlOperation *group;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  if (dl_review_count (story, NULL) == 0)
    return NULL;
  group = dl_operation_new_group (_("Accept All Suggestions"));
  accept_model (group, dl_story_get_events (story));
  accept_model (group, dl_story_get_places (story));
  accept_model (group, dl_story_get_actors (story));
  return group;
}
