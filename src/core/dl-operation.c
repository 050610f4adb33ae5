/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor-private.h"
#include "dl-event-private.h"
#include "dl-operation.h"
#include "dl-place-private.h"
#include "dl-story-private.h"

/* Each operation is one of a few kinds; what it needs to revert itself (the old value, the
 * position an item had) is taken when it is applied, so that an operation made from the
 * current state stays right however the story got there. */
typedef enum
{
  KIND_GROUP,
  KIND_SET_PROPERTY,
  KIND_ADD_EVENT,
  KIND_REMOVE_EVENT,
  KIND_SET_PLACES,
  KIND_SET_ACTORS,
  KIND_ADD_PASSAGE,
  KIND_REMOVE_PASSAGE,
  KIND_ADD_PLACE,
  KIND_REMOVE_PLACE,
  KIND_ADD_ACTOR,
  KIND_REMOVE_ACTOR,
  KIND_MOVE_PLACE,
} Kind;

struct _DlOperation
{
  GObject    parent_instance;

  Kind       kind;
  char      *label;
  gboolean   applied;

  GPtrArray *children;     /* KIND_GROUP: of DlOperation */
  GObject   *object;       /* what it changes: a story, event, place or actor */
  GObject   *item;         /* the item added or removed */
  GParamSpec *pspec;       /* KIND_SET_PROPERTY */
  GValue     new_value;
  GValue     old_value;
  GPtrArray *new_items;    /* KIND_SET_PLACES/ACTORS: the list, and its roles */
  GPtrArray *new_roles;
  GPtrArray *old_items;
  GPtrArray *old_roles;
  char      *exact;        /* passages */
  char      *prefix;
  char      *suffix;
  guint      index;
  int        position;     /* where a removed place or actor was */
  gboolean   old_color_given; /* an actor's colour was its default, not saved */
  DlLonLat   anchor;       /* KIND_MOVE_PLACE */
  gpointer   old_geometry;
};

G_DEFINE_FINAL_TYPE (DlOperation, dl_operation, G_TYPE_OBJECT)

static DlOperation *
operation_new (Kind        kind,
               gpointer    object,
               const char *label)
{
  DlOperation *self = g_object_new (DL_TYPE_OPERATION, NULL);

  self->kind = kind;
  self->object = object != NULL ? g_object_ref (object) : NULL;
  self->label = g_strdup (label);
  return self;
}

static GPtrArray *
copy_references (GPtrArray *items)
{
  GPtrArray *copy = g_ptr_array_new_full (items->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (items, i)));
  return copy;
}

static GPtrArray *
copy_roles (GPtrArray *roles)
{
  GPtrArray *copy = g_ptr_array_new_full (roles->len, g_free);

  for (guint i = 0; i < roles->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (roles, i)));
  return copy;
}

/* Makes the event's places (or actors) @items with @roles, removing those that go and
 * inserting those that come (the others stay: a view sees only what changed), with one
 * notification for the whole change. */
static void
set_references (DlEvent   *event,
                gboolean   places,
                GPtrArray *items,
                GPtrArray *roles)
{
  GPtrArray *current = places ? event->places : event->actors;
  guint c = 0, t = 0;

  g_object_freeze_notify (G_OBJECT (event));

  /* what is not in @items, in that order, goes … */
  while (c < current->len)
    {
      if (t < items->len && g_ptr_array_index (current, c) == g_ptr_array_index (items, t))
        {
          c++;
          t++;
        }
      else if (places)
        dl_event_remove_place (event, c);
      else
        dl_event_remove_actor (event, c);
    }

  /* … what stays is in order, and the rest comes in between */
  for (c = 0, t = 0; t < items->len; t++, c++)
    {
      gpointer wanted = g_ptr_array_index (items, t);
      const char *role = g_ptr_array_index (roles, t);

      if (c < current->len && g_ptr_array_index (current, c) == wanted)
        {
          if (places)
            dl_event_set_place_role (event, c, role);
          else
            dl_event_set_actor_role (event, c, role);
        }
      else if (places)
        dl_event_insert_place (event, c, wanted, role);
      else
        dl_event_insert_actor (event, c, wanted, role);
    }

  g_object_thaw_notify (G_OBJECT (event));
}

static guint
find_position (GListModel *model,
               gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }
  g_return_val_if_reached (0);
}

static void
apply (DlOperation *self)
{
  switch (self->kind)
    {
    case KIND_GROUP:
      for (guint i = 0; i < self->children->len; i++)
        dl_operation_apply (g_ptr_array_index (self->children, i));
      break;

    case KIND_SET_PROPERTY:
      g_value_unset (&self->old_value);
      g_value_init (&self->old_value, self->pspec->value_type);
      g_object_get_property (self->object, self->pspec->name, &self->old_value);
      if (DL_IS_ACTOR (self->object))
        self->old_color_given = DL_ACTOR (self->object)->color_given;
      g_object_set_property (self->object, self->pspec->name, &self->new_value);
      break;

    case KIND_ADD_EVENT:
      dl_story_add_event (DL_STORY (self->object), DL_EVENT (self->item));
      break;

    case KIND_REMOVE_EVENT:
      dl_story_remove_event (DL_STORY (self->object), DL_EVENT (self->item));
      break;

    case KIND_SET_PLACES:
    case KIND_SET_ACTORS:
      {
        DlEvent *event = DL_EVENT (self->object);
        gboolean places = self->kind == KIND_SET_PLACES;

        g_clear_pointer (&self->old_items, g_ptr_array_unref);
        g_clear_pointer (&self->old_roles, g_ptr_array_unref);
        self->old_items = copy_references (places ? event->places : event->actors);
        self->old_roles = copy_roles (places ? event->place_roles : event->actor_roles);
        set_references (event, places, self->new_items, self->new_roles);
      }
      break;

    case KIND_ADD_PASSAGE:
      dl_event_insert_passage (DL_EVENT (self->object), -1, self->exact, self->prefix,
                               self->suffix);
      self->index = DL_EVENT (self->object)->passages->len - 1;
      break;

    case KIND_REMOVE_PASSAGE:
      {
        DlPassage *passage = g_ptr_array_index (DL_EVENT (self->object)->passages,
                                                self->index);

        g_free (self->exact);
        g_free (self->prefix);
        g_free (self->suffix);
        self->exact = g_strdup (passage->exact);
        self->prefix = g_strdup (passage->prefix);
        self->suffix = g_strdup (passage->suffix);
        dl_event_remove_passage (DL_EVENT (self->object), self->index);
      }
      break;

    case KIND_ADD_PLACE:
      dl_story_insert_place (DL_STORY (self->object), -1, DL_PLACE (self->item));
      break;

    case KIND_REMOVE_PLACE:
      self->position = find_position (dl_story_get_places (DL_STORY (self->object)),
                                      self->item);
      dl_story_remove_place (DL_STORY (self->object), DL_PLACE (self->item));
      break;

    case KIND_ADD_ACTOR:
      dl_story_insert_actor (DL_STORY (self->object), -1, DL_ACTOR (self->item));
      break;

    case KIND_REMOVE_ACTOR:
      self->position = find_position (dl_story_get_actors (DL_STORY (self->object)),
                                      self->item);
      dl_story_remove_actor (DL_STORY (self->object), DL_ACTOR (self->item));
      break;

    case KIND_MOVE_PLACE:
      g_clear_pointer (&self->old_geometry, dl_place_free_geometry);
      self->old_geometry = dl_place_save_geometry (DL_PLACE (self->object));
      dl_place_move_to (DL_PLACE (self->object), self->anchor);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
revert (DlOperation *self)
{
  switch (self->kind)
    {
    case KIND_GROUP:
      for (guint i = self->children->len; i > 0; i--)
        dl_operation_revert (g_ptr_array_index (self->children, i - 1));
      break;

    case KIND_SET_PROPERTY:
      g_object_set_property (self->object, self->pspec->name, &self->old_value);
      if (DL_IS_ACTOR (self->object))
        DL_ACTOR (self->object)->color_given = self->old_color_given;
      break;

    case KIND_ADD_EVENT:
      dl_story_remove_event (DL_STORY (self->object), DL_EVENT (self->item));
      break;

    case KIND_REMOVE_EVENT:
      dl_story_add_event (DL_STORY (self->object), DL_EVENT (self->item));
      break;

    case KIND_SET_PLACES:
    case KIND_SET_ACTORS:
      set_references (DL_EVENT (self->object), self->kind == KIND_SET_PLACES,
                      self->old_items, self->old_roles);
      break;

    case KIND_ADD_PASSAGE:
      dl_event_remove_passage (DL_EVENT (self->object), self->index);
      break;

    case KIND_REMOVE_PASSAGE:
      dl_event_insert_passage (DL_EVENT (self->object), self->index, self->exact,
                               self->prefix, self->suffix);
      break;

    case KIND_ADD_PLACE:
      dl_story_remove_place (DL_STORY (self->object), DL_PLACE (self->item));
      break;

    case KIND_REMOVE_PLACE:
      dl_story_insert_place (DL_STORY (self->object), self->position, DL_PLACE (self->item));
      break;

    case KIND_ADD_ACTOR:
      dl_story_remove_actor (DL_STORY (self->object), DL_ACTOR (self->item));
      break;

    case KIND_REMOVE_ACTOR:
      dl_story_insert_actor (DL_STORY (self->object), self->position, DL_ACTOR (self->item));
      break;

    case KIND_MOVE_PLACE:
      dl_place_restore_geometry (DL_PLACE (self->object), self->old_geometry);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
dl_operation_finalize (GObject *object)
{
  DlOperation *self = DL_OPERATION (object);

  g_free (self->label);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_object (&self->object);
  g_clear_object (&self->item);
  g_value_unset (&self->new_value);
  g_value_unset (&self->old_value);
  g_clear_pointer (&self->new_items, g_ptr_array_unref);
  g_clear_pointer (&self->new_roles, g_ptr_array_unref);
  g_clear_pointer (&self->old_items, g_ptr_array_unref);
  g_clear_pointer (&self->old_roles, g_ptr_array_unref);
  g_free (self->exact);
  g_free (self->prefix);
  g_free (self->suffix);
  g_clear_pointer (&self->old_geometry, dl_place_free_geometry);

  G_OBJECT_CLASS (dl_operation_parent_class)->finalize (object);
}

static void
dl_operation_class_init (DlOperationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_operation_finalize;
}

static void
dl_operation_init (DlOperation *self)
{
}

/**
 * dl_operation_get_label:
 * @self: an operation
 *
 * Returns: what it does, translated, for the Undo menu and toasts ("Delete Event").
 */
const char *
dl_operation_get_label (DlOperation *self)
{
  g_return_val_if_fail (DL_IS_OPERATION (self), NULL);
  return self->label;
}

/**
 * dl_operation_apply:
 * @self: an operation that is not applied
 *
 * Makes the change.
 */
void
dl_operation_apply (DlOperation *self)
{
  g_return_if_fail (DL_IS_OPERATION (self));
  g_return_if_fail (!self->applied);

  apply (self);
  self->applied = TRUE;
}

/**
 * dl_operation_revert:
 * @self: an applied operation
 *
 * Undoes the change: the story is as it was before dl_operation_apply().
 */
void
dl_operation_revert (DlOperation *self)
{
  g_return_if_fail (DL_IS_OPERATION (self));
  g_return_if_fail (self->applied);

  revert (self);
  self->applied = FALSE;
}

/**
 * dl_operation_get_applied:
 * @self: an operation
 *
 * Returns: whether it is applied.
 */
gboolean
dl_operation_get_applied (DlOperation *self)
{
  g_return_val_if_fail (DL_IS_OPERATION (self), FALSE);
  return self->applied;
}

/**
 * dl_operation_new_group:
 * @label: what the whole does, translated
 *
 * Returns: (transfer full): an empty group; add operations with dl_operation_group_add().
 */
DlOperation *
dl_operation_new_group (const char *label)
{
  DlOperation *self = operation_new (KIND_GROUP, NULL, label);

  self->children = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

/**
 * dl_operation_group_add:
 * @self: a group that is not applied
 * @operation: (transfer full): an operation
 *
 * Adds an operation to the group, after the others.
 */
void
dl_operation_group_add (DlOperation *self,
                        DlOperation *operation)
{
  g_return_if_fail (DL_IS_OPERATION (self));
  g_return_if_fail (self->kind == KIND_GROUP);
  g_return_if_fail (!self->applied);
  g_return_if_fail (DL_IS_OPERATION (operation));

  g_ptr_array_add (self->children, operation);
}

/**
 * dl_operation_group_get_n_operations:
 * @self: a group
 *
 * Returns: the number of operations in it.
 */
guint
dl_operation_group_get_n_operations (DlOperation *self)
{
  g_return_val_if_fail (DL_IS_OPERATION (self), 0);
  g_return_val_if_fail (self->kind == KIND_GROUP, 0);
  return self->children->len;
}

/**
 * dl_operation_new_set_property:
 * @object: a #DlStory, #DlEvent, #DlPlace or #DlActor
 * @property: one of its writable properties
 * @value: the new value
 * @label: what it does, translated
 *
 * Returns: (transfer full): an operation setting the property.
 */
DlOperation *
dl_operation_new_set_property (gpointer      object,
                               const char   *property,
                               const GValue *value,
                               const char   *label)
{
  DlOperation *self;
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE), NULL);
  g_return_val_if_fail (G_VALUE_HOLDS (value, pspec->value_type), NULL);

  self = operation_new (KIND_SET_PROPERTY, object, label);
  self->pspec = pspec;
  g_value_init (&self->new_value, pspec->value_type);
  g_value_copy (value, &self->new_value);
  return self;
}

static DlOperation *
set_string (gpointer    object,
            const char *property,
            const char *value,
            const char *label)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  return dl_operation_new_set_property (object, property, &gvalue, label);
}

static DlOperation *
set_time (DlEvent      *event,
          const char   *property,
          const DlTime *time,
          const char   *label)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, DL_TYPE_TIME);
  g_value_set_boxed (&gvalue, time != NULL && time->precision != DL_TIME_NONE ? time : NULL);
  if (dl_event_get_date_assumed (event))
    {
      /* a time set by hand is no longer the article's date: one step */
      DlOperation *group = dl_operation_new_group (label);
      g_auto(GValue) no = G_VALUE_INIT;

      g_value_init (&no, G_TYPE_BOOLEAN);
      dl_operation_group_add (group, dl_operation_new_set_property (event, property, &gvalue,
                                                                    label));
      dl_operation_group_add (group, dl_operation_new_set_property (event, "date-assumed", &no,
                                                                    label));
      return group;
    }
  return dl_operation_new_set_property (event, property, &gvalue, label);
}

/**
 * dl_operation_new_set_story_title:
 * @story: a story
 * @title: (nullable): the article's title
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_story_title (DlStory    *story,
                                  const char *title)
{
  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  return set_string (story, "title", title, _("Change Story Title"));
}

/**
 * dl_operation_new_set_story_publisher:
 * @story: a story
 * @publisher: (nullable): the publisher
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_story_publisher (DlStory    *story,
                                      const char *publisher)
{
  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  return set_string (story, "publisher", publisher, _("Change Publisher"));
}

/**
 * dl_operation_new_set_story_url:
 * @story: a story
 * @url: (nullable): the article's address
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_story_url (DlStory    *story,
                                const char *url)
{
  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  return set_string (story, "url", url, _("Change Address"));
}

/**
 * dl_operation_new_set_story_published:
 * @story: a story
 * @published: (nullable): an ISO 8601 time
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_story_published (DlStory    *story,
                                      const char *published)
{
  DlTime time;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (published == NULL || dl_time_parse (published, &time, NULL), NULL);
  return set_string (story, "published", published, _("Change Publication Date"));
}

/**
 * dl_operation_new_set_story_language:
 * @story: a story
 * @language: (nullable): a BCP 47 tag
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_story_language (DlStory    *story,
                                     const char *language)
{
  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  return set_string (story, "language", language, _("Change Language"));
}

/**
 * dl_operation_new_add_event:
 * @story: a story
 * @event: a new event (not in a story)
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_add_event (DlStory *story,
                            DlEvent *event)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);

  self = operation_new (KIND_ADD_EVENT, story, _("Add Event"));
  self->item = g_object_ref (G_OBJECT (event));
  return self;
}

/**
 * dl_operation_new_remove_event:
 * @story: a story
 * @event: one of its events
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_remove_event (DlStory *story,
                               DlEvent *event)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);

  self = operation_new (KIND_REMOVE_EVENT, story, _("Delete Event"));
  self->item = g_object_ref (G_OBJECT (event));
  return self;
}

/**
 * dl_operation_new_set_event_title:
 * @event: an event
 * @title: the new title
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_title (DlEvent    *event,
                                  const char *title)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_string (event, "title", title, _("Change Event Title"));
}

/**
 * dl_operation_new_set_event_start:
 * @event: an event
 * @start: (nullable): the new start
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_start (DlEvent      *event,
                                  const DlTime *start)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_time (event, "start", start, _("Change Event Time"));
}

/**
 * dl_operation_new_set_event_end:
 * @event: an event
 * @end: (nullable): the new end
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_end (DlEvent      *event,
                                const DlTime *end)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_time (event, "end", end, _("Change Event Time"));
}

/**
 * dl_operation_new_set_event_when_text:
 * @event: an event
 * @when_text: (nullable): the article's wording of the time
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_when_text (DlEvent    *event,
                                      const char *when_text)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_string (event, "when-text", when_text, _("Change Event Time"));
}

/**
 * dl_operation_new_set_event_approximate:
 * @event: an event
 * @approximate: %TRUE when the event's time is only about right
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_approximate (DlEvent  *event,
                                        gboolean  approximate)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_value_init (&gvalue, G_TYPE_BOOLEAN);
  g_value_set_boolean (&gvalue, approximate);
  return dl_operation_new_set_property (event, "approximate", &gvalue,
                                        _("Change Event Time"));
}

/**
 * dl_operation_new_set_event_category:
 * @event: an event
 * @category: (nullable): the category
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_category (DlEvent    *event,
                                     const char *category)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_string (event, "category", category, _("Change Event Category"));
}

/**
 * dl_operation_new_set_event_attribution:
 * @event: an event
 * @attribution: (nullable): who reported it
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_event_attribution (DlEvent    *event,
                                        const char *attribution)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_string (event, "attribution", attribution, _("Change Attribution"));
}

static DlOperation *
set_references_new (DlEvent      *event,
                    gboolean      places,
                    guint         n,
                    gpointer     *items,
                    const char  **roles,
                    const char   *label)
{
  DlOperation *self = operation_new (places ? KIND_SET_PLACES : KIND_SET_ACTORS, event,
                                     label);

  self->new_items = g_ptr_array_new_full (n, g_object_unref);
  self->new_roles = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->new_items, g_object_ref (items[i]));
      g_ptr_array_add (self->new_roles, g_strdup (roles != NULL ? roles[i] : NULL));
    }
  return self;
}

/**
 * dl_operation_new_set_event_places:
 * @event: an event
 * @n_places: the number of places
 * @places: (array length=n_places): places of the event's story
 * @roles: (array length=n_places) (nullable): their roles (elements may be %NULL)
 *
 * Returns: (transfer full): an operation giving the event exactly these places.
 */
DlOperation *
dl_operation_new_set_event_places (DlEvent      *event,
                                   guint         n_places,
                                   DlPlace     **places,
                                   const char  **roles)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_references_new (event, TRUE, n_places, (gpointer *) places, roles,
                             _("Change Event Places"));
}

/**
 * dl_operation_new_add_event_place:
 * @event: an event
 * @place: a place of its story
 * @role: (nullable): its role
 *
 * Returns: (transfer full): an operation adding the place at the end.
 */
DlOperation *
dl_operation_new_add_event_place (DlEvent    *event,
                                  DlPlace    *place,
                                  const char *role)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);

  self = set_references_new (event, TRUE, event->places->len, event->places->pdata,
                             (const char **) event->place_roles->pdata,
                             _("Add Place to Event"));
  g_ptr_array_add (self->new_items, g_object_ref (place));
  g_ptr_array_add (self->new_roles, g_strdup (role));
  return self;
}

/**
 * dl_operation_new_remove_event_place:
 * @event: an event
 * @index: below dl_event_get_n_places()
 *
 * Returns: (transfer full): an operation removing that place from the event.
 */
DlOperation *
dl_operation_new_remove_event_place (DlEvent *event,
                                     guint    index)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_return_val_if_fail (index < event->places->len, NULL);

  self = set_references_new (event, TRUE, event->places->len, event->places->pdata,
                             (const char **) event->place_roles->pdata,
                             _("Remove Place from Event"));
  g_ptr_array_remove_index (self->new_items, index);
  g_ptr_array_remove_index (self->new_roles, index);
  return self;
}

/**
 * dl_operation_new_set_event_actors:
 * @event: an event
 * @n_actors: the number of actors
 * @actors: (array length=n_actors): actors of the event's story
 * @roles: (array length=n_actors) (nullable): their roles (elements may be %NULL)
 *
 * Returns: (transfer full): an operation giving the event exactly these actors.
 */
DlOperation *
dl_operation_new_set_event_actors (DlEvent      *event,
                                   guint         n_actors,
                                   DlActor     **actors,
                                   const char  **roles)
{
  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  return set_references_new (event, FALSE, n_actors, (gpointer *) actors, roles,
                             _("Change Event Actors"));
}

/**
 * dl_operation_new_add_event_actor:
 * @event: an event
 * @actor: an actor of its story
 * @role: (nullable): its role
 *
 * Returns: (transfer full): an operation adding the actor at the end.
 */
DlOperation *
dl_operation_new_add_event_actor (DlEvent    *event,
                                  DlActor    *actor,
                                  const char *role)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);

  self = set_references_new (event, FALSE, event->actors->len, event->actors->pdata,
                             (const char **) event->actor_roles->pdata,
                             _("Add Actor to Event"));
  g_ptr_array_add (self->new_items, g_object_ref (actor));
  g_ptr_array_add (self->new_roles, g_strdup (role));
  return self;
}

/**
 * dl_operation_new_remove_event_actor:
 * @event: an event
 * @index: below dl_event_get_n_actors()
 *
 * Returns: (transfer full): an operation removing that actor from the event.
 */
DlOperation *
dl_operation_new_remove_event_actor (DlEvent *event,
                                     guint    index)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_return_val_if_fail (index < event->actors->len, NULL);

  self = set_references_new (event, FALSE, event->actors->len, event->actors->pdata,
                             (const char **) event->actor_roles->pdata,
                             _("Remove Actor from Event"));
  g_ptr_array_remove_index (self->new_items, index);
  g_ptr_array_remove_index (self->new_roles, index);
  return self;
}

/**
 * dl_operation_new_add_event_passage:
 * @event: an event
 * @exact: the quote
 * @prefix: (nullable): text just before it
 * @suffix: (nullable): text just after it
 *
 * Returns: (transfer full): an operation adding the passage at the end.
 */
DlOperation *
dl_operation_new_add_event_passage (DlEvent    *event,
                                    const char *exact,
                                    const char *prefix,
                                    const char *suffix)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_return_val_if_fail (exact != NULL && *exact != '\0', NULL);

  self = operation_new (KIND_ADD_PASSAGE, event, _("Add Passage"));
  self->exact = g_strdup (exact);
  self->prefix = g_strdup (prefix);
  self->suffix = g_strdup (suffix);
  return self;
}

/**
 * dl_operation_new_remove_event_passage:
 * @event: an event
 * @index: below dl_event_get_n_passages()
 *
 * Returns: (transfer full): an operation removing that passage.
 */
DlOperation *
dl_operation_new_remove_event_passage (DlEvent *event,
                                       guint    index)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_EVENT (event), NULL);
  g_return_val_if_fail (index < event->passages->len, NULL);

  self = operation_new (KIND_REMOVE_PASSAGE, event, _("Remove Passage"));
  self->index = index;
  return self;
}

/**
 * dl_operation_new_add_place:
 * @story: a story
 * @place: a new place (its id new to the story)
 *
 * Returns: (transfer full): an operation adding the place at the end.
 */
DlOperation *
dl_operation_new_add_place (DlStory *story,
                            DlPlace *place)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);

  self = operation_new (KIND_ADD_PLACE, story, _("Add Place"));
  self->item = g_object_ref (G_OBJECT (place));
  return self;
}

/* Removes @item from every event of @story naming it, then the item itself. */
static DlOperation *
remove_everywhere (DlStory    *story,
                   gpointer    item,
                   gboolean    place,
                   const char *label)
{
  DlOperation *group = dl_operation_new_group (label);
  GListModel *events = dl_story_get_events (story);
  DlOperation *self;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);
      GPtrArray *items = place ? event->places : event->actors;
      GPtrArray *roles = place ? event->place_roles : event->actor_roles;
      DlOperation *set;

      if (!g_ptr_array_find (items, item, NULL))
        continue;
      set = set_references_new (event, place, items->len, items->pdata,
                                (const char **) roles->pdata, label);
      for (guint j = set->new_items->len; j > 0; j--)
        if (g_ptr_array_index (set->new_items, j - 1) == item)
          {
            g_ptr_array_remove_index (set->new_items, j - 1);
            g_ptr_array_remove_index (set->new_roles, j - 1);
          }
      dl_operation_group_add (group, set);
    }

  self = operation_new (place ? KIND_REMOVE_PLACE : KIND_REMOVE_ACTOR, story, label);
  self->item = g_object_ref (G_OBJECT (item));
  dl_operation_group_add (group, self);
  return group;
}

/**
 * dl_operation_new_remove_place:
 * @story: a story
 * @place: one of its places
 *
 * Returns: (transfer full): an operation removing the place from every event that names
 *   it and from the story, as one step.
 */
DlOperation *
dl_operation_new_remove_place (DlStory *story,
                               DlPlace *place)
{
  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);
  return remove_everywhere (story, place, TRUE, _("Delete Place"));
}

/**
 * dl_operation_new_set_place_name:
 * @place: a place
 * @name: its new name
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_place_name (DlPlace    *place,
                                 const char *name)
{
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);
  return set_string (place, "name", name, _("Rename Place"));
}

/**
 * dl_operation_new_set_place_kind:
 * @place: a place
 * @kind: (nullable): its kind
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_place_kind (DlPlace    *place,
                                 const char *kind)
{
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);
  return set_string (place, "kind", kind, _("Change Place Kind"));
}

/**
 * dl_operation_new_set_place_precision:
 * @place: a place
 * @precision: (nullable): "site", "city", "region", "country" or "inferred"
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_place_precision (DlPlace    *place,
                                      const char *precision)
{
  g_return_val_if_fail (DL_IS_PLACE (place), NULL);
  g_return_val_if_fail (precision == NULL || g_strv_contains (dl_place_precisions, precision),
                        NULL);
  return set_string (place, "precision", precision, _("Change Place Precision"));
}

/**
 * dl_operation_new_move_place:
 * @place: a place
 * @anchor: where its anchor goes
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_move_place (DlPlace  *place,
                             DlLonLat  anchor)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_PLACE (place), NULL);
  g_return_val_if_fail (dl_place_get_n_parts (place) > 0, NULL);

  self = operation_new (KIND_MOVE_PLACE, place, _("Move Place"));
  self->anchor = anchor;
  return self;
}

/**
 * dl_operation_new_add_actor:
 * @story: a story
 * @actor: a new actor (its id new to the story)
 *
 * Returns: (transfer full): an operation adding the actor at the end.
 */
DlOperation *
dl_operation_new_add_actor (DlStory *story,
                            DlActor *actor)
{
  DlOperation *self;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);

  self = operation_new (KIND_ADD_ACTOR, story, _("Add Actor"));
  self->item = g_object_ref (G_OBJECT (actor));
  return self;
}

/**
 * dl_operation_new_remove_actor:
 * @story: a story
 * @actor: one of its actors
 *
 * Returns: (transfer full): an operation removing the actor from every event that names
 *   it and from the story, as one step.
 */
DlOperation *
dl_operation_new_remove_actor (DlStory *story,
                               DlActor *actor)
{
  g_return_val_if_fail (DL_IS_STORY (story), NULL);
  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);
  return remove_everywhere (story, actor, FALSE, _("Delete Actor"));
}

/**
 * dl_operation_new_set_actor_name:
 * @actor: an actor
 * @name: its new name
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_actor_name (DlActor    *actor,
                                 const char *name)
{
  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);
  return set_string (actor, "name", name, _("Rename Actor"));
}

/**
 * dl_operation_new_set_actor_kind:
 * @actor: an actor
 * @kind: (nullable): its kind
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_actor_kind (DlActor    *actor,
                                 const char *kind)
{
  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);
  return set_string (actor, "kind", kind, _("Change Actor Kind"));
}

/**
 * dl_operation_new_set_actor_color:
 * @actor: an actor
 * @color: "#rrggbb"
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_actor_color (DlActor    *actor,
                                  const char *color)
{
  double rgb[3];

  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);
  g_return_val_if_fail (dl_color_parse (color, rgb), NULL);
  return set_string (actor, "color", color, _("Change Actor Colour"));
}

/**
 * dl_operation_new_set_actor_aliases:
 * @actor: an actor
 * @aliases: (nullable) (array zero-terminated=1): its other names
 *
 * Returns: (transfer full): the operation.
 */
DlOperation *
dl_operation_new_set_actor_aliases (DlActor            *actor,
                                    const char * const *aliases)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);

  g_value_init (&gvalue, G_TYPE_STRV);
  g_value_set_boxed (&gvalue, aliases);
  return dl_operation_new_set_property (actor, "aliases", &gvalue, _("Change Actor Aliases"));
}
