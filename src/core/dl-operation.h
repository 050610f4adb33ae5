/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-story.h"

G_BEGIN_DECLS

/* One change of a story the user can undo: it applies and reverts itself, and has a
 * translated label for the Undo menu and toasts ("Delete Event"). Push it on a DlHistory
 * (which applies it) rather than applying it by hand. An operation keeps references to
 * what it changes; applying it twice in a row, or reverting it when it is not applied, is
 * a programming error. */
#define DL_TYPE_OPERATION (dl_operation_get_type ())
G_DECLARE_FINAL_TYPE (DlOperation, dl_operation, DL, OPERATION, GObject)

const char  *dl_operation_get_label              (DlOperation  *self);
void         dl_operation_apply                  (DlOperation  *self);
void         dl_operation_revert                 (DlOperation  *self);
gboolean     dl_operation_get_applied            (DlOperation  *self);

/* Several operations as one step, applied in order and reverted in reverse order. */
DlOperation *dl_operation_new_group              (const char   *label);
/* Takes @operation (transfer full); only before the group is applied. */
void         dl_operation_group_add              (DlOperation  *self,
                                                  DlOperation  *operation);
guint        dl_operation_group_get_n_operations (DlOperation  *self);

/* Any writable property of a DlStory, DlEvent, DlPlace or DlActor ("title", "start" …). */
DlOperation *dl_operation_new_set_property       (gpointer      object,
                                                  const char   *property,
                                                  const GValue *value,
                                                  const char   *label);

/* The article */
DlOperation *dl_operation_new_set_story_title    (DlStory      *story,
                                                  const char   *title);
DlOperation *dl_operation_new_set_story_publisher (DlStory     *story,
                                                   const char  *publisher);
DlOperation *dl_operation_new_set_story_url      (DlStory      *story,
                                                  const char   *url);
/* @published must be an ISO 8601 time or NULL (check with dl_time_parse()). */
DlOperation *dl_operation_new_set_story_published (DlStory     *story,
                                                   const char  *published);
DlOperation *dl_operation_new_set_story_language (DlStory      *story,
                                                  const char   *language);

/* Events */
DlOperation *dl_operation_new_add_event          (DlStory      *story,
                                                  DlEvent      *event);
DlOperation *dl_operation_new_remove_event       (DlStory      *story,
                                                  DlEvent      *event);
DlOperation *dl_operation_new_set_event_title    (DlEvent      *event,
                                                  const char   *title);
/* @start: NULL for no time. */
DlOperation *dl_operation_new_set_event_start    (DlEvent      *event,
                                                  const DlTime *start);
/* @end: NULL when not a span. */
DlOperation *dl_operation_new_set_event_end      (DlEvent      *event,
                                                  const DlTime *end);
DlOperation *dl_operation_new_set_event_when_text (DlEvent     *event,
                                                   const char  *when_text);
/* "about December 2024": the time is only about right */
DlOperation *dl_operation_new_set_event_approximate (DlEvent   *event,
                                                     gboolean   approximate);
DlOperation *dl_operation_new_set_event_category (DlEvent      *event,
                                                  const char   *category);
DlOperation *dl_operation_new_set_event_attribution (DlEvent   *event,
                                                     const char *attribution);
/* The whole list of places (with roles, @roles may be NULL or hold NULLs). */
DlOperation *dl_operation_new_set_event_places   (DlEvent      *event,
                                                  guint         n_places,
                                                  DlPlace     **places,
                                                  const char  **roles);
DlOperation *dl_operation_new_add_event_place    (DlEvent      *event,
                                                  DlPlace      *place,
                                                  const char   *role);
DlOperation *dl_operation_new_remove_event_place (DlEvent      *event,
                                                  guint         index);
DlOperation *dl_operation_new_set_event_actors   (DlEvent      *event,
                                                  guint         n_actors,
                                                  DlActor     **actors,
                                                  const char  **roles);
DlOperation *dl_operation_new_add_event_actor    (DlEvent      *event,
                                                  DlActor      *actor,
                                                  const char   *role);
DlOperation *dl_operation_new_remove_event_actor (DlEvent      *event,
                                                  guint         index);
DlOperation *dl_operation_new_add_event_passage  (DlEvent      *event,
                                                  const char   *exact,
                                                  const char   *prefix,
                                                  const char   *suffix);
DlOperation *dl_operation_new_remove_event_passage (DlEvent    *event,
                                                    guint       index);

/* Places */
DlOperation *dl_operation_new_add_place          (DlStory      *story,
                                                  DlPlace      *place);
/* Also removes the place from every event that names it, in the same step. */
DlOperation *dl_operation_new_remove_place       (DlStory      *story,
                                                  DlPlace      *place);
DlOperation *dl_operation_new_set_place_name     (DlPlace      *place,
                                                  const char   *name);
DlOperation *dl_operation_new_set_place_kind     (DlPlace      *place,
                                                  const char   *kind);
DlOperation *dl_operation_new_set_place_precision (DlPlace     *place,
                                                   const char  *precision);
/* Moves the place's anchor to @anchor (dl_place_move_to()); undo puts back the exact
 * positions it had. */
DlOperation *dl_operation_new_move_place         (DlPlace      *place,
                                                  DlLonLat      anchor);

/* Actors */
DlOperation *dl_operation_new_add_actor          (DlStory      *story,
                                                  DlActor      *actor);
/* Also removes the actor from every event that names it, in the same step. */
DlOperation *dl_operation_new_remove_actor       (DlStory      *story,
                                                  DlActor      *actor);
DlOperation *dl_operation_new_set_actor_name     (DlActor      *actor,
                                                  const char   *name);
DlOperation *dl_operation_new_set_actor_kind     (DlActor      *actor,
                                                  const char   *kind);
/* @color: "#rrggbb". */
DlOperation *dl_operation_new_set_actor_color    (DlActor      *actor,
                                                  const char   *color);
DlOperation *dl_operation_new_set_actor_aliases  (DlActor      *actor,
                                                  const char * const *aliases);

G_END_DECLS
