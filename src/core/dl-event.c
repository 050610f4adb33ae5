/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-event"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor-private.h"
#include "dl-event-private.h"
#include "dl-filter.h"
#include "dl-notifier.h"
#include "dl-place-private.h"
#include "dl-story-private.h"

G_DEFINE_FINAL_TYPE (DlEvent, dl_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  PROP_WHEN_TEXT,
  PROP_APPROXIMATE,
  PROP_DATE_ASSUMED,
  PROP_CATEGORY,
  PROP_ATTRIBUTION,
  PROP_PLACES,
  PROP_ACTORS,
  PROP_PASSAGES,
  PROP_SUGGESTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Sets *@field to a copy of @value; FALSE when it already was that. */
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
changed (DlEvent *self,
         guint    prop)
{
  g_clear_pointer (&self->folded, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
has_place_except (DlEvent *self,
                  DlPlace *place,
                  guint    except)
{
  for (guint i = 0; i < self->places->len; i++)
    if (i != except && g_ptr_array_index (self->places, i) == place)
      return TRUE;
  return FALSE;
}

static gboolean
has_actor_except (DlEvent *self,
                  DlActor *actor,
                  guint    except)
{
  for (guint i = 0; i < self->actors->len; i++)
    if (i != except && g_ptr_array_index (self->actors, i) == actor)
      return TRUE;
  return FALSE;
}

static void
dl_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlEvent *self = DL_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_START:
      g_value_set_boxed (value, self->start.precision != DL_TIME_NONE ? &self->start : NULL);
      break;
    case PROP_END:
      g_value_set_boxed (value, dl_event_get_end (self));
      break;
    case PROP_WHEN_TEXT:
      g_value_set_string (value, self->when_text);
      break;
    case PROP_APPROXIMATE:
      g_value_set_boolean (value, self->approximate);
      break;

    case PROP_DATE_ASSUMED:
      g_value_set_boolean (value, self->date_assumed);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;
    case PROP_PLACES:
      g_value_set_pointer (value, self->places);
      break;
    case PROP_ACTORS:
      g_value_set_pointer (value, self->actors);
      break;
    case PROP_PASSAGES:
      g_value_set_pointer (value, self->passages);
      break;
    case PROP_SUGGESTED:
      g_value_set_boolean (value, self->suggested);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DlEvent *self = DL_EVENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dl_event_set_title (self, g_value_get_string (value));
      break;
    case PROP_START:
      dl_event_set_start (self, g_value_get_boxed (value));
      break;
    case PROP_END:
      dl_event_set_end (self, g_value_get_boxed (value));
      break;
    case PROP_WHEN_TEXT:
      dl_event_set_when_text (self, g_value_get_string (value));
      break;
    case PROP_APPROXIMATE:
      dl_event_set_approximate (self, g_value_get_boolean (value));
      break;

    case PROP_DATE_ASSUMED:
      dl_event_set_date_assumed (self, g_value_get_boolean (value));
      break;
    case PROP_CATEGORY:
      dl_event_set_category (self, g_value_get_string (value));
      break;
    case PROP_ATTRIBUTION:
      dl_event_set_attribution (self, g_value_get_string (value));
      break;
    case PROP_SUGGESTED:
      dl_event_set_suggested (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  self->first_place = self->second_place = NULL;
  self->n_places = 0;
  g_clear_pointer (&self->place_roles, g_ptr_array_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  self->main_actor = self->second_actor = NULL;
  self->n_actors = 0;
  g_clear_pointer (&self->actor_roles, g_ptr_array_unref);
  g_clear_pointer (&self->passages, g_ptr_array_unref);
  g_free (self->folded);
  g_clear_pointer (&self->node, json_node_unref);

  G_OBJECT_CLASS (dl_event_parent_class)->finalize (object);
}

static void
dl_event_class_init (DlEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dl_event_finalize;
  /* views hear of every item's changes in one place */
  object_class->dispatch_properties_changed = dl_notifier_dispatch;
  object_class->get_property = dl_event_get_property;
  object_class->set_property = dl_event_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_START] = g_param_spec_boxed ("start", NULL, NULL, DL_TYPE_TIME, rw);
  properties[PROP_END] = g_param_spec_boxed ("end", NULL, NULL, DL_TYPE_TIME, rw);
  properties[PROP_WHEN_TEXT] = g_param_spec_string ("when-text", NULL, NULL, NULL, rw);
  properties[PROP_APPROXIMATE] = g_param_spec_boolean ("approximate", NULL, NULL, FALSE, rw);
  properties[PROP_DATE_ASSUMED] = g_param_spec_boolean ("date-assumed", NULL, NULL, FALSE, rw);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, rw);
  properties[PROP_ATTRIBUTION] = g_param_spec_string ("attribution", NULL, NULL, NULL, rw);
  /* notified when the lists change; read them with the getters */
  properties[PROP_PLACES] = g_param_spec_pointer ("places", NULL, NULL, ro);
  properties[PROP_ACTORS] = g_param_spec_pointer ("actors", NULL, NULL, ro);
  properties[PROP_PASSAGES] = g_param_spec_pointer ("passages", NULL, NULL, ro);
  properties[PROP_SUGGESTED] = g_param_spec_boolean ("suggested", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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


/* The copies of the first two places and their number kept in the event itself. */
static void
sync_first_places (DlEvent *self)
{
  self->first_place = self->places->len > 0 ? g_ptr_array_index (self->places, 0) : NULL;
  self->second_place = self->places->len > 1 ? g_ptr_array_index (self->places, 1) : NULL;
  self->n_places = self->places->len;
}

void
dl_event_add_place (DlEvent    *self,
                    DlPlace    *place,
                    const char *role)
{
  g_ptr_array_add (self->places, g_object_ref (place));
  g_ptr_array_add (self->place_roles, g_strdup (role));
  sync_first_places (self);
}

/* The copies of the first two actors and their number kept in the event itself. */
static void
sync_main_actor (DlEvent *self)
{
  self->main_actor = self->actors->len > 0 ? g_ptr_array_index (self->actors, 0) : NULL;
  self->second_actor = self->actors->len > 1 ? g_ptr_array_index (self->actors, 1) : NULL;
  self->n_actors = self->actors->len;
}

void
dl_event_add_actor (DlEvent    *self,
                    DlActor    *actor,
                    const char *role)
{
  g_ptr_array_add (self->actors, g_object_ref (actor));
  g_ptr_array_add (self->actor_roles, g_strdup (role));
  sync_main_actor (self);
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
 * dl_event_get_approximate:
 * @self: an event
 *
 * Returns: %TRUE when the story says the time is only about right; %FALSE for an event
 *   without a time (a file cannot say it: "when" needs a start).
 */
gboolean
dl_event_get_approximate (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), FALSE);
  return self->approximate && self->start.precision != DL_TIME_NONE;
}

/**
 * dl_event_format_start:
 * @self: an event
 *
 * The event's start as a reader sees it: dl_time_format(), with "about" before a month,
 * day or minute and "c." before a year when the time is approximate.
 *
 * Returns: (transfer full): "8 Dec 2024", "about Dec 2024", "c. 2016", or "" when the
 *   event has no time.
 */
char *
dl_event_format_start (DlEvent *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (DL_IS_EVENT (self), NULL);

  date = dl_time_format (&self->start);
  if (!self->approximate || self->start.precision == DL_TIME_NONE)
    return g_steal_pointer (&date);
  if (self->start.precision == DL_TIME_YEAR)
    /* TRANSLATORS: an approximate year: "c. 2016" (circa) */
    return g_strdup_printf (C_("time", "c. %s"), date);
  /* TRANSLATORS: an approximate date: "about Dec 2024", "about 8 Dec 2024" */
  return g_strdup_printf (C_("time", "about %s"), date);
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
  return dl_event_names_place (self, place);
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
  return self->main_actor;
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

/**
 * dl_event_set_suggested:
 * @self: an event
 * @suggested: %FALSE once the user has accepted the app's draft
 *
 * Marks the event as a suggestion of the app, or not.
 */
void
dl_event_set_suggested (DlEvent  *self,
                        gboolean  suggested)
{
  g_return_if_fail (DL_IS_EVENT (self));

  suggested = !!suggested;
  if (self->suggested == suggested)
    return;
  self->suggested = suggested;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTED]);
}

/**
 * dl_event_new:
 * @id: an id no other event of the story has (dl_story_make_id())
 *
 * Returns: (transfer full): a new event with that id as its title, no time, places,
 *   actors or passages.
 */
DlEvent *
dl_event_new (const char *id)
{
  DlEvent *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (DL_TYPE_EVENT, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (id);
  return self;
}

/**
 * dl_event_get_story:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the story it belongs to.
 */
DlStory *
dl_event_get_story (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), NULL);
  return self->story;
}

/**
 * dl_event_set_title:
 * @self: an event
 * @title: the new title
 *
 * Sets the title (an empty or %NULL title becomes the id).
 */
void
dl_event_set_title (DlEvent    *self,
                    const char *title)
{
  g_return_if_fail (DL_IS_EVENT (self));

  if (title == NULL || *title == '\0')
    title = self->id;
  if (replace_string (&self->title, title))
    changed (self, PROP_TITLE);
}

/**
 * dl_event_set_start:
 * @self: an event
 * @start: (nullable): when it happened, or %NULL
 *
 * Sets the start; the story, if any, moves the event to its place in time order.
 */
void
dl_event_set_start (DlEvent      *self,
                    const DlTime *start)
{
  DlTime none = { 0 };

  g_return_if_fail (DL_IS_EVENT (self));

  if (start == NULL)
    start = &none;
  if (dl_time_equal (&self->start, start))
    return;
  self->start = *start;
  if (self->story != NULL)
    dl_story_event_start_changed (self->story, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

/**
 * dl_event_set_end:
 * @self: an event
 * @end: (nullable): the end of a span, or %NULL
 *
 * Sets the end.
 */
void
dl_event_set_end (DlEvent      *self,
                  const DlTime *end)
{
  DlTime none = { 0 };

  g_return_if_fail (DL_IS_EVENT (self));

  if (end == NULL)
    end = &none;
  if (dl_time_equal (&self->end, end))
    return;
  self->end = *end;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

/**
 * dl_event_set_when_text:
 * @self: an event
 * @when_text: (nullable): the article's wording of the time
 *
 * Sets the article's wording of the time.
 */
void
dl_event_set_when_text (DlEvent    *self,
                        const char *when_text)
{
  g_return_if_fail (DL_IS_EVENT (self));
  if (replace_string (&self->when_text, when_text))
    changed (self, PROP_WHEN_TEXT);
}

/**
 * dl_event_set_approximate:
 * @self: an event
 * @approximate: %TRUE when the time is only about right ("about December 2024")
 *
 * Marks the event's time as approximate or not.
 */
void
dl_event_set_approximate (DlEvent  *self,
                          gboolean  approximate)
{
  g_return_if_fail (DL_IS_EVENT (self));
  approximate = !!approximate;
  if (self->approximate == approximate)
    return;
  self->approximate = approximate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROXIMATE]);
}

/**
 * dl_event_get_date_assumed:
 * @self: an event
 *
 * Returns: %TRUE when the text gives no time for the event and its date is the
 * article's (a draft's `"assumed": true`)
 */
gboolean
dl_event_get_date_assumed (DlEvent *self)
{
  g_return_val_if_fail (DL_IS_EVENT (self), FALSE);
  return self->date_assumed && self->start.precision != DL_TIME_NONE;
}

/**
 * dl_event_set_date_assumed:
 * @self: an event
 * @date_assumed: %TRUE when the event's date is only the article's
 *
 * Marks the event's date as the article's (the text gives none) or not.
 */
void
dl_event_set_date_assumed (DlEvent  *self,
                           gboolean  date_assumed)
{
  g_return_if_fail (DL_IS_EVENT (self));
  date_assumed = !!date_assumed;
  if (self->date_assumed == date_assumed)
    return;
  self->date_assumed = date_assumed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ASSUMED]);
}

/**
 * dl_event_set_category:
 * @self: an event
 * @category: (nullable): "movement", "strike", … or any word
 *
 * Sets the category.
 */
void
dl_event_set_category (DlEvent    *self,
                       const char *category)
{
  g_return_if_fail (DL_IS_EVENT (self));
  if (replace_string (&self->category, category))
    changed (self, PROP_CATEGORY);
}

/**
 * dl_event_set_attribution:
 * @self: an event
 * @attribution: (nullable): who reported it ("told TASS")
 *
 * Sets the attribution.
 */
void
dl_event_set_attribution (DlEvent    *self,
                          const char *attribution)
{
  g_return_if_fail (DL_IS_EVENT (self));
  if (replace_string (&self->attribution, attribution))
    changed (self, PROP_ATTRIBUTION);
}

/**
 * dl_event_insert_place:
 * @self: an event
 * @position: where in the list, or -1 for the end
 * @place: a place of the event's story
 * @role: (nullable): its role ("destination")
 *
 * Adds a place to the event.
 */
void
dl_event_insert_place (DlEvent    *self,
                       int         position,
                       DlPlace    *place,
                       const char *role)
{
  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (DL_IS_PLACE (place));

  if (position < 0 || (guint) position > self->places->len)
    position = self->places->len;
  if (self->story != NULL && !g_ptr_array_find (self->places, place, NULL))
    dl_place_add_n_events (place, 1);
  g_ptr_array_insert (self->places, position, g_object_ref (place));
  g_ptr_array_insert (self->place_roles, position, g_strdup (role));
  sync_first_places (self);
  changed (self, PROP_PLACES);
}

/**
 * dl_event_remove_place:
 * @self: an event
 * @index: below dl_event_get_n_places()
 *
 * Removes a place from the event.
 */
void
dl_event_remove_place (DlEvent *self,
                       guint    index)
{
  DlPlace *place;

  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (index < self->places->len);

  place = g_ptr_array_index (self->places, index);
  if (self->story != NULL && !has_place_except (self, place, index))
    dl_place_add_n_events (place, -1);
  g_ptr_array_remove_index (self->places, index);
  g_ptr_array_remove_index (self->place_roles, index);
  sync_first_places (self);
  changed (self, PROP_PLACES);
}

/**
 * dl_event_set_place_role:
 * @self: an event
 * @index: below dl_event_get_n_places()
 * @role: (nullable): the new role
 *
 * Sets the role of a place of the event.
 */
void
dl_event_set_place_role (DlEvent    *self,
                         guint       index,
                         const char *role)
{
  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (index < self->places->len);

  if (replace_string ((char **) &g_ptr_array_index (self->place_roles, index), role))
    changed (self, PROP_PLACES);
}

/**
 * dl_event_insert_actor:
 * @self: an event
 * @position: where in the list, or -1 for the end
 * @actor: an actor of the event's story
 * @role: (nullable): its role ("subject")
 *
 * Adds an actor to the event (the first one gives it its colour).
 */
void
dl_event_insert_actor (DlEvent    *self,
                       int         position,
                       DlActor    *actor,
                       const char *role)
{
  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (DL_IS_ACTOR (actor));

  if (position < 0 || (guint) position > self->actors->len)
    position = self->actors->len;
  if (self->story != NULL && !g_ptr_array_find (self->actors, actor, NULL))
    dl_actor_add_n_events (actor, 1);
  g_ptr_array_insert (self->actors, position, g_object_ref (actor));
  g_ptr_array_insert (self->actor_roles, position, g_strdup (role));
  sync_main_actor (self);
  changed (self, PROP_ACTORS);
}

/**
 * dl_event_remove_actor:
 * @self: an event
 * @index: below dl_event_get_n_actors()
 *
 * Removes an actor from the event.
 */
void
dl_event_remove_actor (DlEvent *self,
                       guint    index)
{
  DlActor *actor;

  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (index < self->actors->len);

  actor = g_ptr_array_index (self->actors, index);
  if (self->story != NULL && !has_actor_except (self, actor, index))
    dl_actor_add_n_events (actor, -1);
  g_ptr_array_remove_index (self->actors, index);
  g_ptr_array_remove_index (self->actor_roles, index);
  sync_main_actor (self);
  changed (self, PROP_ACTORS);
}

/**
 * dl_event_set_actor_role:
 * @self: an event
 * @index: below dl_event_get_n_actors()
 * @role: (nullable): the new role
 *
 * Sets the role of an actor of the event.
 */
void
dl_event_set_actor_role (DlEvent    *self,
                         guint       index,
                         const char *role)
{
  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (index < self->actors->len);

  if (replace_string ((char **) &g_ptr_array_index (self->actor_roles, index), role))
    changed (self, PROP_ACTORS);
}

/**
 * dl_event_insert_passage:
 * @self: an event
 * @position: where in the list, or -1 for the end
 * @exact: the quote
 * @prefix: (nullable): text just before it, to tell occurrences apart
 * @suffix: (nullable): text just after it
 *
 * Adds a passage, resolved against the text of the event's story if it has one.
 */
void
dl_event_insert_passage (DlEvent    *self,
                         int         position,
                         const char *exact,
                         const char *prefix,
                         const char *suffix)
{
  DlPassage *passage;

  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (exact != NULL && *exact != '\0');

  if (position < 0 || (guint) position > self->passages->len)
    position = self->passages->len;
  passage = g_new0 (DlPassage, 1);
  passage->exact = g_strdup (exact);
  passage->prefix = prefix != NULL && *prefix != '\0' ? g_strdup (prefix) : NULL;
  passage->suffix = suffix != NULL && *suffix != '\0' ? g_strdup (suffix) : NULL;
  passage->start = passage->end = -1;
  passage->event = self;
  g_ptr_array_insert (self->passages, position, passage);
  if (self->story != NULL)
    {
      dl_story_resolve_passage (self->story, passage);
      dl_story_passage_added (self->story, passage);
    }
  changed (self, PROP_PASSAGES);
}

/**
 * dl_event_remove_passage:
 * @self: an event
 * @index: below dl_event_get_n_passages()
 *
 * Removes a passage.
 */
void
dl_event_remove_passage (DlEvent *self,
                         guint    index)
{
  g_return_if_fail (DL_IS_EVENT (self));
  g_return_if_fail (index < self->passages->len);

  if (self->story != NULL)
    dl_story_passage_removed (self->story, g_ptr_array_index (self->passages, index));
  g_ptr_array_remove_index (self->passages, index);
  changed (self, PROP_PASSAGES);
}
