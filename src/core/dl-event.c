/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-event"

#include "config.h"

#include "dl-actor.h"
#include "dl-event-private.h"
#include "dl-filter.h"
#include "dl-place.h"

G_DEFINE_FINAL_TYPE (DlEvent, dl_event, G_TYPE_OBJECT)

static void
append_folded (GString    *s,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return;
  folded = dl_text_fold (text);
  g_string_append (s, folded);
  /* a separator no search text contains, so words of two fields never join */
  g_string_append_c (s, '\n');
}

static void
dl_event_finalize (GObject *object)
{
  DlEvent *self = DL_EVENT (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->when_text);
  g_free (self->category);
  g_free (self->attribution);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->place_roles, g_ptr_array_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->actor_roles, g_ptr_array_unref);
  g_clear_pointer (&self->passages, g_ptr_array_unref);
  g_free (self->folded);

  G_OBJECT_CLASS (dl_event_parent_class)->finalize (object);
}

static void
dl_event_class_init (DlEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_event_finalize;
}

static void
dl_event_init (DlEvent *self)
{
  self->places = g_ptr_array_new_with_free_func (g_object_unref);
  self->place_roles = g_ptr_array_new_with_free_func (g_free);
  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->actor_roles = g_ptr_array_new_with_free_func (g_free);
  self->passages = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_passage_free);
}

DlEvent *
dl_event_new (const char *id)
{
  DlEvent *self = g_object_new (DL_TYPE_EVENT, NULL);

  self->id = g_strdup (id);
  return self;
}

void
dl_event_add_place (DlEvent    *self,
                    DlPlace    *place,
                    const char *role)
{
  g_ptr_array_add (self->places, g_object_ref (place));
  g_ptr_array_add (self->place_roles, g_strdup (role));
}

void
dl_event_add_actor (DlEvent    *self,
                    DlActor    *actor,
                    const char *role)
{
  g_ptr_array_add (self->actors, g_object_ref (actor));
  g_ptr_array_add (self->actor_roles, g_strdup (role));
}

void
dl_event_add_passage (DlEvent   *self,
                      DlPassage *passage)
{
  passage->event = self;
  g_ptr_array_add (self->passages, passage);
}

void
dl_passage_free (DlPassage *passage)
{
  if (passage == NULL)
    return;
  g_free (passage->exact);
  g_free (passage->prefix);
  g_free (passage->suffix);
  g_free (passage);
}

const char *
dl_event_get_folded_text (DlEvent *self)
{
  GString *s;

  g_return_val_if_fail (DL_IS_EVENT (self), NULL);

  if (self->folded != NULL)
    return self->folded;

  s = g_string_new (NULL);
  append_folded (s, self->title);
  append_folded (s, self->category);
  append_folded (s, self->attribution);
  append_folded (s, self->when_text);
  for (guint i = 0; i < self->places->len; i++)
    {
      DlPlace *place = g_ptr_array_index (self->places, i);
      g_auto(GStrv) languages = dl_place_list_languages (place);

      append_folded (s, dl_place_get_name (place));
      for (guint j = 0; languages[j] != NULL; j++)
        append_folded (s, dl_place_get_local_name (place, languages[j]));
    }
  for (guint i = 0; i < self->actors->len; i++)
    {
      DlActor *actor = g_ptr_array_index (self->actors, i);
      const char * const *aliases = dl_actor_get_aliases (actor);

      append_folded (s, dl_actor_get_name (actor));
      for (guint j = 0; aliases[j] != NULL; j++)
        append_folded (s, aliases[j]);
    }
  for (guint i = 0; i < self->passages->len; i++)
    append_folded (s, ((DlPassage *) g_ptr_array_index (self->passages, i))->exact);

  self->folded = g_string_free (s, FALSE);
  return self->folded;
}

/**
 * dl_event_get_id:
 * @self: an event
 *
 * Returns: its id.
 */
const char *
dl_event_get_id (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->id;
}

/**
 * dl_event_get_title:
 * @self: an event
 *
 * Returns: its title.
 */
const char *
dl_event_get_title (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->title;
}

/**
 * dl_event_get_start:
 * @self: an event
 *
 * Returns: when it happened (or began); precision %DL_TIME_NONE when the story does not
 *   say.
 */
const DlTime *
dl_event_get_start (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return &self->start;
}

/**
 * dl_event_get_end:
 * @self: an event
 *
 * Returns: (nullable): the end of a span, or %NULL.
 */
const DlTime *
dl_event_get_end (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->end.precision != DL_TIME_NONE ? &self->end : NULL;
}

/**
 * dl_event_get_when_text:
 * @self: an event
 *
 * Returns: (nullable): the article's own wording of the time ("on Sunday").
 */
const char *
dl_event_get_when_text (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->when_text;
}

/**
 * dl_event_get_category:
 * @self: an event
 *
 * Returns: (nullable): "movement", "military", … as written (open vocabulary).
 */
const char *
dl_event_get_category (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->category;
}

/**
 * dl_event_get_attribution:
 * @self: an event
 *
 * Returns: (nullable): who the article says reported it.
 */
const char *
dl_event_get_attribution (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->attribution;
}

/**
 * dl_event_get_n_places:
 * @self: an event
 *
 * Returns: the number of places it names.
 */
guint
dl_event_get_n_places (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), 0);
  return self->places->len;
}

/**
 * dl_event_get_place:
 * @self: an event
 * @index: below dl_event_get_n_places()
 * @role: (out) (optional) (nullable): the place's role ("destination"), or %NULL
 *
 * Returns: (transfer none): the place.
 */
DlPlace *
dl_event_get_place (DlEvent     *self,
                    guint        index,
                    const char **role)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->places->len, NULL);

  if (role != NULL)
    *role = g_ptr_array_index (self->place_roles, index);
  return g_ptr_array_index (self->places, index);
}

/**
 * dl_event_has_place:
 * @self: an event
 * @place: a place
 *
 * Returns: whether the event names @place.
 */
gboolean
dl_event_has_place (DlEvent *self,
                    DlPlace *place)
{
  g_return_val_if_fail (DL_IS_EVENT (self), FALSE);
  return g_ptr_array_find (self->places, place, NULL);
}

/**
 * dl_event_get_n_actors:
 * @self: an event
 *
 * Returns: the number of actors it names.
 */
guint
dl_event_get_n_actors (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), 0);
  return self->actors->len;
}

/**
 * dl_event_get_actor:
 * @self: an event
 * @index: below dl_event_get_n_actors()
 * @role: (out) (optional) (nullable): the actor's role ("subject"), or %NULL
 *
 * Returns: (transfer none): the actor.
 */
DlActor *
dl_event_get_actor (DlEvent     *self,
                    guint        index,
                    const char **role)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->actors->len, NULL);

  if (role != NULL)
    *role = g_ptr_array_index (self->actor_roles, index);
  return g_ptr_array_index (self->actors, index);
}

/**
 * dl_event_has_actor:
 * @self: an event
 * @actor: an actor
 *
 * Returns: whether the event names @actor.
 */
gboolean
dl_event_has_actor (DlEvent *self,
                    DlActor *actor)
{
  g_return_val_if_fail (DL_IS_EVENT (self), FALSE);
  return g_ptr_array_find (self->actors, actor, NULL);
}

/**
 * dl_event_get_main_actor:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the first actor listed, which gives the event its
 *   colour, or %NULL.
 */
DlActor *
dl_event_get_main_actor (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->actors->len > 0 ? g_ptr_array_index (self->actors, 0) : NULL;
}

/**
 * dl_event_get_n_passages:
 * @self: an event
 *
 * Returns: the number of passages of the article about it.
 */
guint
dl_event_get_n_passages (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), 0);
  return self->passages->len;
}

/**
 * dl_event_get_passage:
 * @self: an event
 * @index: below dl_event_get_n_passages()
 *
 * Returns: (transfer none): the passage, resolved to characters of the article text.
 */
const DlPassage *
dl_event_get_passage (DlEvent *self,
                      guint    index)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->passages->len, NULL);
  return g_ptr_array_index (self->passages, index);
}

/**
 * dl_event_get_suggested:
 * @self: an event
 *
 * Returns: %TRUE when the event is a draft of the app ("suggested": true) that the user
 *   has not accepted yet.
 */
gboolean
dl_event_get_suggested (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), FALSE);
  return self->suggested;
}
