/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-types.h"
#include "dl-time.h"

G_BEGIN_DECLS

/* A quote of the article (W3C TextQuoteSelector), resolved to characters of the text:
 * [start, end) counts Unicode characters, not bytes. */
typedef struct
{
  char    *exact;
  char    *prefix;   /* or NULL */
  char    *suffix;   /* or NULL */
  int      start;
  int      end;
  DlEvent *event;    /* unowned: the event the passage belongs to */
} DlPassage;

#define DL_TYPE_EVENT (dl_event_get_type ())
G_DECLARE_FINAL_TYPE (DlEvent, dl_event, DL, EVENT, GObject)

const char      *dl_event_get_id          (DlEvent    *self);
const char      *dl_event_get_title       (DlEvent    *self);
const DlTime    *dl_event_get_start       (DlEvent    *self);
/* The end of a span, or NULL. */
const DlTime    *dl_event_get_end         (DlEvent    *self);
/* The article's own wording of the time ("on Sunday"), or NULL. */
const char      *dl_event_get_when_text   (DlEvent    *self);
const char      *dl_event_get_category    (DlEvent    *self);
const char      *dl_event_get_attribution (DlEvent    *self);

guint            dl_event_get_n_places    (DlEvent    *self);
DlPlace         *dl_event_get_place       (DlEvent    *self,
                                           guint       index,
                                           const char **role);
gboolean         dl_event_has_place       (DlEvent    *self,
                                           DlPlace    *place);

guint            dl_event_get_n_actors    (DlEvent    *self);
DlActor         *dl_event_get_actor       (DlEvent    *self,
                                           guint       index,
                                           const char **role);
gboolean         dl_event_has_actor       (DlEvent    *self,
                                           DlActor    *actor);
/* The first actor listed, or NULL: it gives the event its colour. */
DlActor         *dl_event_get_main_actor  (DlEvent    *self);

guint            dl_event_get_n_passages  (DlEvent    *self);
const DlPassage *dl_event_get_passage     (DlEvent    *self,
                                           guint       index);

/* TRUE when the app drafted the event and the user has not accepted it yet. */
gboolean         dl_event_get_suggested   (DlEvent    *self);

G_END_DECLS
