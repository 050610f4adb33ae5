/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-filter"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dl-actor.h"
#include "dl-event-private.h"
#include "dl-filter.h"

struct _DlFilter
{
  GObject     parent_instance;

  GHashTable *actors;      /* set of ids, or NULL for every actor */
  char      **actor_list;  /* the same ids, sorted, for dl_filter_get_actors() */
  char       *text;
  char      **words;       /* the folded words of the text */
  gboolean    has_from;
  DlTime      from;
  gboolean    has_to;
  DlTime      to;
  gint64      from_second;  /* the bounds as Unix seconds, computed once */
  gint64      to_second;
  DlFilterChange last_change;
};

G_DEFINE_FINAL_TYPE (DlFilter, dl_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
update_actor_list (DlFilter *self)
{
  g_clear_pointer (&self->actor_list, g_strfreev);
  if (self->actors != NULL)
    {
      guint n = 0;
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->actors, &n);

      self->actor_list = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->actor_list[i] = g_strdup (keys[i]);
      qsort (self->actor_list, n, sizeof (char *), compare_strings);
    }
}

static void
changed (DlFilter       *self,
         DlFilterChange  change)
{
  self->last_change = change;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Whether every element of @a is in @b (NULL: every actor). */
static gboolean
actors_within (GHashTable *a,
               GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (b == NULL)
    return TRUE;
  if (a == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

static DlFilterChange
compare_actor_sets (GHashTable *old,
                    GHashTable *new)
{
  if (actors_within (new, old))
    return DL_FILTER_CHANGE_MORE_STRICT;
  if (actors_within (old, new))
    return DL_FILTER_CHANGE_LESS_STRICT;
  return DL_FILTER_CHANGE_DIFFERENT;
}

/* Whether an event holding every word of @b holds every word of @a too: each word of @a
 * is within a word of @b ("mar" within "market"). */
static gboolean
words_implied (char * const *a,
               char * const *b)
{
  for (guint i = 0; a[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; b[j] != NULL && !found; j++)
        found = strstr (b[j], a[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Bounds as seconds, open ones at the ends of time. */
static void
range_seconds (gboolean      has_from,
               const DlTime *from,
               gboolean      has_to,
               const DlTime *to,
               gint64       *first,
               gint64       *last)
{
  *first = has_from ? dl_time_get_first_second (from) : G_MININT64;
  *last = has_to ? dl_time_get_last_second (to) : G_MAXINT64;
}

static gboolean
same_bound (gboolean      had,
            const DlTime *old,
            const DlTime *new)
{
  if (had != (new != NULL))
    return FALSE;
  return !had || memcmp (old, new, sizeof (DlTime)) == 0;
}

static void
dl_filter_finalize (GObject *object)
{
  DlFilter *self = DL_FILTER (object);

  g_clear_pointer (&self->actors, g_hash_table_unref);
  g_clear_pointer (&self->actor_list, g_strfreev);
  g_free (self->text);
  g_strfreev (self->words);

  G_OBJECT_CLASS (dl_filter_parent_class)->finalize (object);
}

static void
dl_filter_class_init (DlFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_filter_finalize;

  /**
   * DlFilter::changed:
   *
   * Emitted once each time the set of events it lets through may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dl_filter_init (DlFilter *self)
{
  self->words = g_new0 (char *, 1);
}

/**
 * dl_filter_new:
 *
 * Returns: (transfer full): a filter that lets every event through.
 */
DlFilter *
dl_filter_new (void)
{
  return g_object_new (DL_TYPE_FILTER, NULL);
}

/**
 * dl_filter_set_actors:
 * @self: a filter
 * @actor_ids: (nullable) (array zero-terminated=1): the actors whose events pass, or %NULL
 *   for every actor
 *
 * An event passes when it names at least one of the actors. An empty array lets no event
 * through.
 */
void
dl_filter_set_actors (DlFilter           *self,
                      const char * const *actor_ids)
{
  g_autoptr(GHashTable) set = NULL;
  DlFilterChange change;

  g_return_if_fail (DL_IS_FILTER (self));

  if (actor_ids != NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; actor_ids[i] != NULL; i++)
        g_hash_table_add (set, g_strdup (actor_ids[i]));
    }

  if (set == NULL && self->actors == NULL)
    return;
  if (set != NULL && self->actors != NULL &&
      g_hash_table_size (set) == g_hash_table_size (self->actors))
    {
      GHashTableIter iter;
      gpointer key;
      gboolean same = TRUE;

      g_hash_table_iter_init (&iter, set);
      while (same && g_hash_table_iter_next (&iter, &key, NULL))
        same = g_hash_table_contains (self->actors, key);
      if (same)
        return;
    }

  change = compare_actor_sets (self->actors, set);
  g_clear_pointer (&self->actors, g_hash_table_unref);
  self->actors = g_steal_pointer (&set);
  update_actor_list (self);
  changed (self, change);
}

/**
 * dl_filter_get_actors:
 * @self: a filter
 *
 * Returns: (nullable) (transfer none): the chosen actor ids, sorted, or %NULL when every
 *   actor passes.
 */
const char * const *
dl_filter_get_actors (DlFilter *self)
{
  g_return_val_if_fail (DL_IS_FILTER (self), NULL);
  return (const char * const *) self->actor_list;
}

/**
 * dl_filter_allows_actor:
 * @self: a filter
 * @actor_id: an actor id
 *
 * Returns: whether events of @actor_id pass the actor part of the filter.
 */
gboolean
dl_filter_allows_actor (DlFilter   *self,
                        const char *actor_id)
{
  g_return_val_if_fail (DL_IS_FILTER (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);

  return self->actors == NULL || g_hash_table_contains (self->actors, actor_id);
}

/**
 * dl_filter_set_actor_allowed:
 * @self: a filter
 * @actor_id: an actor id
 * @allowed: whether its events pass
 *
 * Adds @actor_id to the chosen set, or removes it. The filter does not know the story's
 * actors: when every actor passes (no set chosen), removing one leaves an empty set, so
 * call dl_filter_set_actors() with every id of the story first to hide just one.
 */
void
dl_filter_set_actor_allowed (DlFilter   *self,
                             const char *actor_id,
                             gboolean    allowed)
{
  g_return_if_fail (DL_IS_FILTER (self));
  g_return_if_fail (actor_id != NULL);

  if (allowed == dl_filter_allows_actor (self, actor_id))
    return;

  if (self->actors == NULL)
    self->actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (allowed)
    g_hash_table_add (self->actors, g_strdup (actor_id));
  else
    g_hash_table_remove (self->actors, actor_id);

  update_actor_list (self);
  changed (self, allowed ? DL_FILTER_CHANGE_LESS_STRICT : DL_FILTER_CHANGE_MORE_STRICT);
}

/**
 * dl_filter_set_text:
 * @self: a filter
 * @text: (nullable): words that must all occur in an event's title, places, actors,
 *   aliases, attribution or passages (case and accents ignored); %NULL or "" for any
 */
void
dl_filter_set_text (DlFilter   *self,
                    const char *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) old_words = NULL;
  DlFilterChange change = DL_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (DL_IS_FILTER (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  old_words = self->words;

  folded = dl_text_fold (text != NULL ? text : "");
  {
    g_auto(GStrv) parts = g_strsplit_set (g_strstrip (folded), " \t\n", -1);
    GPtrArray *words = g_ptr_array_new ();

    for (guint i = 0; parts[i] != NULL; i++)
      if (*parts[i] != '\0')
        g_ptr_array_add (words, g_strdup (parts[i]));
    g_ptr_array_add (words, NULL);
    self->words = (char **) g_ptr_array_free (words, FALSE);
  }

  /* typing on narrows the search, deleting widens it */
  if (words_implied (old_words, self->words))
    change = DL_FILTER_CHANGE_MORE_STRICT;
  else if (words_implied (self->words, old_words))
    change = DL_FILTER_CHANGE_LESS_STRICT;
  changed (self, change);
}

/**
 * dl_filter_get_text:
 * @self: a filter
 *
 * Returns: (nullable): the search text, or %NULL.
 */
const char *
dl_filter_get_text (DlFilter *self)
{
  g_return_val_if_fail (DL_IS_FILTER (self), NULL);
  return self->text;
}

/**
 * dl_filter_set_time_range:
 * @self: a filter
 * @from: (nullable): the earliest time, or %NULL for no bound
 * @to: (nullable): the latest time (its last second counts), or %NULL for no bound
 *
 * An event passes when its span (start to end, or its start at its own precision)
 * overlaps the range. Events with no time do not pass a bounded range.
 */
void
dl_filter_set_time_range (DlFilter     *self,
                          const DlTime *from,
                          const DlTime *to)
{
  DlFilterChange change = DL_FILTER_CHANGE_DIFFERENT;
  gint64 old_first, old_last, new_first, new_last;

  g_return_if_fail (DL_IS_FILTER (self));

  if (from != NULL && from->precision == DL_TIME_NONE)
    from = NULL;
  if (to != NULL && to->precision == DL_TIME_NONE)
    to = NULL;

  if (same_bound (self->has_from, &self->from, from) &&
      same_bound (self->has_to, &self->to, to))
    return;

  range_seconds (self->has_from, &self->from, self->has_to, &self->to, &old_first, &old_last);
  range_seconds (from != NULL, from, to != NULL, to, &new_first, &new_last);
  /* a narrower range only hides events (those without a time once bounded) */
  if (new_first >= old_first && new_last <= old_last)
    change = DL_FILTER_CHANGE_MORE_STRICT;
  else if (new_first <= old_first && new_last >= old_last)
    change = DL_FILTER_CHANGE_LESS_STRICT;

  self->has_from = from != NULL;
  if (from != NULL)
    self->from = *from;
  self->has_to = to != NULL;
  if (to != NULL)
    self->to = *to;
  self->from_second = from != NULL ? dl_time_get_first_second (from) : 0;
  self->to_second = to != NULL ? dl_time_get_last_second (to) : 0;

  changed (self, change);
}

/**
 * dl_filter_get_time_range:
 * @self: a filter
 * @from: (out) (optional) (nullable): the earliest time, or %NULL when open
 * @to: (out) (optional) (nullable): the latest time, or %NULL when open
 *
 * Returns: whether the filter has a time range (either bound set).
 */
gboolean
dl_filter_get_time_range (DlFilter      *self,
                          const DlTime **from,
                          const DlTime **to)
{
  g_return_val_if_fail (DL_IS_FILTER (self), FALSE);

  if (from != NULL)
    *from = self->has_from ? &self->from : NULL;
  if (to != NULL)
    *to = self->has_to ? &self->to : NULL;
  return self->has_from || self->has_to;
}

/**
 * dl_filter_is_active:
 * @self: a filter
 *
 * Returns: whether it may hide any event.
 */
gboolean
dl_filter_is_active (DlFilter *self)
{
  g_return_val_if_fail (DL_IS_FILTER (self), FALSE);

  return self->actors != NULL || self->words[0] != NULL || self->has_from || self->has_to;
}

/**
 * dl_filter_reset:
 * @self: a filter
 *
 * Lets every event through again; emits "changed" once if anything was set.
 */
void
dl_filter_reset (DlFilter *self)
{
  g_return_if_fail (DL_IS_FILTER (self));

  if (!dl_filter_is_active (self) && self->text == NULL)
    return;

  g_clear_pointer (&self->actors, g_hash_table_unref);
  update_actor_list (self);
  g_clear_pointer (&self->text, g_free);
  g_strfreev (self->words);
  self->words = g_new0 (char *, 1);
  self->has_from = self->has_to = FALSE;
  changed (self, DL_FILTER_CHANGE_LESS_STRICT);
}

/* The answers for the actors met in a pass over a story: the first few in an array (a
 * story has a handful), the rest in a table. */
typedef struct
{
  DlActor    *actors[16];
  gboolean    allowed[16];
  guint       n;
  GHashTable *more;
} ActorMemo;

/* Whether @actor passes the actor part of the filter; @memo, when given, remembers the
 * answer per actor object, so that a pass over a whole story looks each id up once. */
static gboolean
actor_allowed (DlFilter  *self,
               DlActor   *actor,
               ActorMemo *memo)
{
  gpointer known;
  gboolean allowed;

  if (memo == NULL)
    return g_hash_table_contains (self->actors, dl_actor_get_id (actor));
  for (guint i = 0; i < memo->n; i++)
    if (memo->actors[i] == actor)
      return memo->allowed[i];
  if (memo->more != NULL && (known = g_hash_table_lookup (memo->more, actor)) != NULL)
    return GPOINTER_TO_INT (known) == 2;

  allowed = g_hash_table_contains (self->actors, dl_actor_get_id (actor));
  if (memo->n < G_N_ELEMENTS (memo->actors))
    {
      memo->actors[memo->n] = actor;
      memo->allowed[memo->n++] = allowed;
    }
  else
    {
      if (memo->more == NULL)
        memo->more = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (memo->more, actor, GINT_TO_POINTER (allowed ? 2 : 1));
    }
  return allowed;
}

static gboolean
match_event (DlFilter  *self,
             DlEvent   *event,
             ActorMemo *memo)
{
  if (self->actors != NULL)
    {
      /* the first two actors from the event itself: most events have one or two, and a
       * whole story is read without touching each one's array */
      gboolean any = event->main_actor != NULL && actor_allowed (self, event->main_actor, memo);

      if (!any && event->second_actor != NULL)
        any = actor_allowed (self, event->second_actor, memo);
      for (guint i = 2; i < event->n_actors && !any; i++)
        any = actor_allowed (self, event->actors->pdata[i], memo);
      if (!any)
        return FALSE;
    }

  if (self->has_from || self->has_to)
    {
      const DlTime *start = &event->start;
      const DlTime *end = event->end.precision != DL_TIME_NONE ? &event->end : start;

      if (start->precision == DL_TIME_NONE)
        return FALSE;
      if (self->has_from && dl_time_get_last_second (end) < self->from_second)
        return FALSE;
      if (self->has_to && dl_time_get_first_second (start) > self->to_second)
        return FALSE;
    }

  if (self->words[0] != NULL)
    {
      const char *haystack = event->folded != NULL ? event->folded
                             : dl_event_get_folded_text (event);

      for (guint i = 0; self->words[i] != NULL; i++)
        if (strstr (haystack, self->words[i]) == NULL)
          return FALSE;
    }

  return TRUE;
}

/**
 * dl_filter_match:
 * @self: a filter
 * @event: an event
 *
 * Returns: whether @event passes every part of the filter.
 */
gboolean
dl_filter_match (DlFilter *self,
                 DlEvent  *event)
{
  g_return_val_if_fail (DL_IS_FILTER (self), FALSE);
  g_return_val_if_fail (DL_IS_EVENT (event), FALSE);

  return match_event (self, event, NULL);
}

/**
 * dl_filter_select:
 * @self: a filter
 * @events: (array length=n_events): events
 * @n_events: how many
 * @out: (element-type DlEvent): where the events that pass are appended, in their order
 *
 * What dl_filter_match() says of each of @events, for a whole story at once: each actor's
 * id is looked up once, not once per event (no reference is taken or dropped).
 */
void
dl_filter_select (DlFilter       *self,
                  DlEvent * const *events,
                  guint           n_events,
                  GPtrArray      *out)
{
  ActorMemo memo = { { NULL }, { FALSE }, 0, NULL };

  g_return_if_fail (DL_IS_FILTER (self));
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_events; i++)
    if (match_event (self, events[i], self->actors != NULL ? &memo : NULL))
      g_ptr_array_add (out, events[i]);
  g_clear_pointer (&memo.more, g_hash_table_unref);
}

/**
 * dl_text_fold:
 * @text: UTF-8 text
 *
 * Folds @text for matching: case folded, compatibility decomposition (NFKD), accents and
 * other combining marks removed. "Ḥamāh" and "HAMAH" fold to the same text.
 *
 * Returns: (transfer full): the folded text.
 */
/* Appends @length bytes of @text (valid UTF-8), case folded, decomposed (NFKD) and without
 * combining marks. */
static void
fold_run (GString    *out,
          const char *text,
          gssize      length)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;

  /* case first: folding can itself give letters with marks ("İ" → "i̇") */
  folded = g_utf8_casefold (text, length);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }
}

char *
dl_text_fold (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* A first search folds every event's text: its ASCII (most of a text, in most
   * languages' news: digits, spaces, punctuation, Latin letters) is only lowercased, and
   * the rest goes through GLib run by run. Cutting there changes nothing: no ASCII
   * character is a mark, folds to a mark or decomposes, and each mark stays in the run of
   * the letters before it. */
  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      const char *run = p;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }
      while (*p != '\0' && (guchar) *p >= 0x80)
        p++;
      fold_run (out, run, p - run);
    }
  return g_string_free (out, FALSE);
}

/**
 * dl_filter_get_last_change:
 * @self: a filter
 *
 * Returns: how the change last reported by "changed" moved the set of events let through.
 */
DlFilterChange
dl_filter_get_last_change (DlFilter *self)
{
  g_return_val_if_fail (DL_IS_FILTER (self), DL_FILTER_CHANGE_DIFFERENT);
  return self->last_change;
}
