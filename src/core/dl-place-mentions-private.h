/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dl-place.h"
#include "dl-story-error.h"

G_BEGIN_DECLS

/* One mention of a place in the article: code points of the text, end exclusive. */
typedef struct
{
  int   start;
  int   end;
  char *exact;
} DlPlaceMention;

/* A problem found while reading the story-format members of places and events; the
 * loader reports it at @path. */
typedef struct
{
  DlStoryError  code;
  char         *path;
  char         *message;
} DlMemberProblem;

void     dl_member_problem_free      (DlMemberProblem *problem);

/* Reads "geonames", "suggested" and "mentions" of a story place's @properties (at @path).
 * The mentions are only read here: dl_place_check_mentions() checks them against the text,
 * which a file may give after its features. Returns TRUE when the place has mentions. */
gboolean dl_place_read_story_members (DlPlace    *place,
                                      JsonObject *properties,
                                      const char *path,
                                      GPtrArray  *problems);

/* Member "suggested" of @object (at @path): FALSE when absent, a problem when not a
 * boolean. */
gboolean dl_story_read_suggested     (JsonObject *object,
                                      const char *path,
                                      GPtrArray  *problems);

/* Checks the mentions of each place of @places (DlPlace, with its properties path in
 * @paths) against @text (NULL when the story has none), in one pass over the text. */
void     dl_place_check_mentions     (GPtrArray  *places,
                                      GPtrArray  *paths,
                                      const char *text,
                                      GPtrArray  *problems);

G_END_DECLS
