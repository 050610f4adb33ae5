/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-types.h"
#include "dl-time.h"

G_BEGIN_DECLS

/* How the last change moved the set of events a filter lets through. */
typedef enum
{
  DL_FILTER_CHANGE_DIFFERENT,    /* any way */
  DL_FILTER_CHANGE_MORE_STRICT,  /* only events it let through may now be hidden */
  DL_FILTER_CHANGE_LESS_STRICT,  /* only events it hid may now pass */
} DlFilterChange;

#define DL_TYPE_FILTER (dl_filter_get_type ())
G_DECLARE_FINAL_TYPE (DlFilter, dl_filter, DL, FILTER, GObject)

/* Which events are shown: those with at least one of the chosen actors (all events when no
 * actor set is chosen), whose text matches (title, places, actors, aliases, attribution,
 * passages; case- and accent-insensitive), within the time range. Emits "changed" once per
 * change. */
DlFilter   *dl_filter_new               (void);

void        dl_filter_set_actors        (DlFilter    *self,
                                         const char * const *actor_ids);
/* NULL when every actor passes. */
const char * const *dl_filter_get_actors (DlFilter   *self);
gboolean    dl_filter_allows_actor      (DlFilter    *self,
                                         const char  *actor_id);
void        dl_filter_set_actor_allowed (DlFilter    *self,
                                         const char  *actor_id,
                                         gboolean     allowed);
void        dl_filter_set_text          (DlFilter    *self,
                                         const char  *text);
const char *dl_filter_get_text          (DlFilter    *self);
/* Either bound may be NULL (open). */
void        dl_filter_set_time_range    (DlFilter    *self,
                                         const DlTime *from,
                                         const DlTime *to);
/* The bounds (NULL when open); FALSE when there is no time range. */
gboolean    dl_filter_get_time_range    (DlFilter    *self,
                                         const DlTime **from,
                                         const DlTime **to);
gboolean    dl_filter_is_active         (DlFilter    *self);
void        dl_filter_reset             (DlFilter    *self);

gboolean    dl_filter_match             (DlFilter    *self,
                                         DlEvent     *event);
void        dl_filter_select            (DlFilter    *self,
                                         DlEvent * const *events,
                                         guint        n_events,
                                         GPtrArray   *out);
/* What the change just reported by "changed" did, so that a view re-checks only the
 * events that may have changed side. */
DlFilterChange dl_filter_get_last_change (DlFilter   *self);

/* Folds @text for matching: lower case, accents removed, NFKD. */
char       *dl_text_fold                (const char  *text);

G_END_DECLS
