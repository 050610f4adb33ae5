/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dl-place-detector.h"

G_BEGIN_DECLS

/* A stretch of the text, in code points, end exclusive. */
typedef struct
{
  int start;
  int end;
} DlSpan;

/* An actor the text suggests: a state acting ("Russia announced", "Israeli forces"), a
 * person named with a title ("President Bashar al-Assad"), a group named with its
 * abbreviation ("Hayat Tahrir al-Sham (HTS)") or by an organisation's name. */
typedef struct
{
  char      *id;           /* unique among the suggestions: "russia", "bashar-al-assad" */
  char      *name;         /* "Russia", "Bashar al-Assad", "Hayat Tahrir al-Sham" */
  char      *kind;         /* "state", "person", "group", "organisation" */
  char      *color;        /* "#rrggbb", distinct among the suggestions */
  GPtrArray *aliases;      /* char *: other names the text uses ("Mr. Assad", "HTS") */
  GArray    *mentions;     /* DlSpan, in text order: where the text names the actor acting */
  char      *country_code; /* states: ISO 3166-1 alpha-2 */
} DlActorSuggestion;

void       dl_actor_suggestion_free (DlActorSuggestion *actor);

/* The actors of @text, in order of first mention. @sentences (DlSentence, may be NULL to
 * split @text here) limits the search to reporting sentences. @places are the places the
 * detector found in @text (DlDetectedPlace): countries among them become states where the
 * text makes them act, their capitals stand for them ("Moscow said"). */
GPtrArray *dl_actor_suggest         (const char *text,
                                     GArray     *sentences,
                                     GPtrArray  *places);

/* The suggestion that @span (code points) names, or NULL. */
DlActorSuggestion *dl_actor_suggest_find_at (GPtrArray *actors,
                                             int        start,
                                             int        end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlActorSuggestion, dl_actor_suggestion_free)

G_END_DECLS
