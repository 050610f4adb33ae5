/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-drafter"

#include "config.h"

#include <string.h>

#include "dl-drafter.h"
#include "dl-json-private.h"
#include "dl-sentences.h"
#include "dl-time-expr.h"
#include "dl-words-private.h"

#define WORD(d, i) (&g_array_index ((d)->words, DlWord, (i)))
#define TITLE_MAX 70
/* A clause cut a little longer than TITLE_MAX reads better than a word cut. */
#define TITLE_CLAUSE_MAX 80

typedef struct
{
  const char *text;
  DlTime      published;
  GArray     *words;
  GArray     *sentences;
  GArray     *times;
  GPtrArray  *places;
  GPtrArray  *actors;
  GPtrArray  *events;
  GHashTable *ids;
  const DlTimeExpr *duration;   /* a span the current sentence names, for background */
} Drafter;

static const char * const reporting_verbs[] = {
  "said", "says", "told", "announced", "reported", "confirmed", "stated", "claimed",
  "insisted", "warned", "added", "declared", "believes", "posted", "wrote", "explained",
  "noted", "argued", "described", "hailed", "urged", "called", "described", NULL,
};

static const char * const intro_words[] = {
  "In", "On", "During", "After", "Before", "Meanwhile", "Elsewhere", "With", "Addressing",
  "According", "Following", "Despite", "Amid", "Earlier", "Later", "At", "Since", "By",
  "As", "While", "When", "Once", "Under", "Over", "However", "Still", "Yet", "Now", "Then",
  "Also", "Separately", "Overnight", "Speaking", NULL,
};

static const char * const boundary_words[] = {
  "as", "while", "after", "before", "because", "where", "when", "following", "but",
  "although", "amid", "despite", "calling", "adding", "which", "who", "whose", "since",
  "until", "though", "whereas", "so", NULL,
};

static const char * const function_words[] = {
  "and", "or", "of", "the", "to", "in", "a", "an", "with", "for", "by", "on", "at", "as",
  "that", "from", "its", "his", "her", "their", "our", "into", "but", "than", "also",
  "about", "after", "before", "over", "under", "is", "was", "are", "were", "has", "had",
  "have", "be", "been", "this", "these", "those", "such", "very", "some", NULL,
};

static const char * const auxiliaries[] = {
  "has", "had", "have", "is", "was", "were", "are", "will", "would", "could", "can", NULL,
};

/* Words a title may end before, leaving a whole phrase. */
static const char * const phrase_starts[] = {
  "of", "in", "at", "for", "with", "to", "from", "on", "by", "into", "against", "across",
  "near", "after", "before", "and", "or", "but", "as", "during", "under", "over", "amid",
  "about", "through", "toward", "towards", "while", "because", "since", "until", ",", ";",
  NULL,
};

static const char * const pronouns[] = {
  "he", "she", "it", "they", "we", "i", "you", NULL,
};

static const char * const origin_cues[] = {
  "from", "left", "fled", "departed", "escaped", "leaving", "quit", "evacuated", NULL,
};

static const char * const destination_cues[] = {
  "to", "into", "reached", "toward", "towards", "arrived", "entered", "landed", NULL,
};

typedef struct
{
  const char * const *cues;
  const char         *category;
} CategoryRule;

static const char * const movement_cues[] = {
  "arrived", "fled", "left", "flew", "flown", "travelled", "traveled", "defected",
  "escaped", "departed", "evacuated", "moved", "withdrew", "visit", "visited", NULL,
};
static const char * const strike_cues[] = {
  "airstrikes", "airstrike", "strikes", "struck", "bombed", "bombs", "shelled", "missile",
  "missiles", "drone", "drones", "targeting", "targeted", NULL,
};
static const char * const military_cues[] = {
  "attack", "offensive", "fighting", "fought", "occupied", "occupy", "captured", "seized",
  "took", "troops", "forces", "army", "military", "war", "battle", "invasion", "invaded",
  NULL,
};
static const char * const celebration_cues[] = {
  "celebrated", "celebrations", "celebrate", "celebrating", "gathered", "gathering",
  "cheered", "danced", "chanting", NULL,
};
static const char * const diplomacy_cues[] = {
  "meet", "meeting", "talks", "agreement", "negotiations", "signed", "summit", "asylum",
  "deal", "ceasefire", "treaty", "envoy", "transition", NULL,
};
static const char * const statement_cues[] = {
  "said", "says", "announced", "declared", "statement", "told", "described", "urged",
  "called", "hailed", "posted", "added", "welcome", "welcomed", NULL,
};

static const CategoryRule category_rules[] = {
  { strike_cues, "strike" },
  { movement_cues, "movement" },
  { celebration_cues, "celebration" },
  { military_cues, "military" },
  { diplomacy_cues, "diplomacy" },
  { statement_cues, "statement" },
};

static void
draft_event_free (gpointer data)
{
  DlDraftEvent *e = data;

  g_free (e->id);
  g_free (e->title);
  g_free (e->category);
  g_free (e->when_text);
  g_free (e->exact);
  g_free (e->prefix);
  g_free (e->suffix);
  for (guint i = 0; i < e->places->len; i++)
    g_free (g_array_index (e->places, DlDraftRole, i).role);
  for (guint i = 0; i < e->actors->len; i++)
    g_free (g_array_index (e->actors, DlDraftRole, i).role);
  g_array_unref (e->places);
  g_array_unref (e->actors);
  g_free (e);
}

void
dl_drafter_result_free (DlDrafterResult *draft)
{
  if (draft == NULL)
    return;
  g_clear_pointer (&draft->events, g_ptr_array_unref);
  g_clear_pointer (&draft->actors, g_ptr_array_unref);
  g_clear_pointer (&draft->places, g_ptr_array_unref);
  g_free (draft);
}

/* The first word starting at or after code point @offset. */
static guint
word_at (Drafter *d,
         int      offset)
{
  guint lo = 0, hi = d->words->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (WORD (d, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
is_open_quote (const DlWord *w)
{
  return !w->word && (dl_word_is (w, "“") || dl_word_is (w, "\""));
}

static gboolean
is_close_quote (const DlWord *w)
{
  return !w->word && (dl_word_is (w, "”") || dl_word_is (w, "\""));
}

/* Whether code point @offset of sentence words [@first, @last] lies inside quotation
 * marks or a ", which …," clause. */
static gboolean
in_aside (Drafter *d,
          guint    first,
          guint    last,
          int      offset)
{
  gboolean quoted = FALSE, relative = FALSE;

  for (guint i = first; i <= last && WORD (d, i)->start < offset; i++)
    {
      const DlWord *w = WORD (d, i);

      if (dl_word_is (w, "“"))
        quoted = TRUE;
      else if (dl_word_is (w, "”"))
        quoted = FALSE;
      else if (dl_word_is (w, "\""))
        quoted = !quoted;
      else if (!quoted && dl_word_is (w, ",") && i + 1 <= last &&
               (dl_word_is (WORD (d, i + 1), "which") || dl_word_is (WORD (d, i + 1), "who")))
        relative = TRUE;
      else if (!quoted && relative && dl_word_is (w, ","))
        relative = FALSE;
    }
  return quoted || relative;
}

static gboolean
in_quotes (Drafter *d,
           guint    first,
           guint    last,
           int      offset)
{
  gboolean quoted = FALSE;

  for (guint i = first; i <= last && WORD (d, i)->start < offset; i++)
    {
      const DlWord *w = WORD (d, i);

      if (dl_word_is (w, "“"))
        quoted = TRUE;
      else if (dl_word_is (w, "”"))
        quoted = FALSE;
      else if (dl_word_is (w, "\""))
        quoted = !quoted;
    }
  return quoted;
}

/* Titles */

static void
replace_str (char      **target,
             const char *value)
{
  g_free (*target);
  *target = g_strdup (value);
}

typedef struct
{
  Drafter *d;
  guint    first;
  guint    last;
  guint8  *keep;   /* per word of [first, last] */
} Title;

static gboolean
kept (Title *t,
      guint  i)
{
  return i >= t->first && i <= t->last && t->keep[i - t->first];
}

static void
drop (Title *t,
      guint  from,
      guint  to)
{
  for (guint i = MAX (from, t->first); i <= to && i <= t->last; i++)
    t->keep[i - t->first] = FALSE;
}

static char *
render (Title *t)
{
  GString *s = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (guint i = t->first; i <= t->last; i++)
    {
      const DlWord *w = WORD (t->d, i);

      if (!kept (t, i))
        continue;
      if (s->len > 0 && w->space_before)
        g_string_append_c (s, ' ');
      g_string_append_len (s, w->s, w->len);
      if (dl_word_is (w, "“"))
        quoted = TRUE;
      else if (dl_word_is (w, "”"))
        quoted = FALSE;
    }
  if (quoted)
    g_string_append (s, "”");
  return g_string_free (s, FALSE);
}

static gsize
rendered_length (Title *t)
{
  g_autofree char *s = render (t);

  return g_utf8_strlen (s, -1);
}

static guint
last_kept (Title *t)
{
  for (guint i = t->last + 1; i > t->first; i--)
    if (kept (t, i - 1))
      return i - 1;
  return t->first;
}

static guint
first_kept (Title *t)
{
  for (guint i = t->first; i <= t->last; i++)
    if (kept (t, i))
      return i;
  return t->last;
}

/* Drops trailing punctuation, function words and unbalanced opening quotes. */
static void
trim_end (Title *t)
{
  for (;;)
    {
      guint i = last_kept (t);
      const DlWord *w = WORD (t->d, i);

      if (!kept (t, i) || i == first_kept (t))
        return;
      if ((!w->word && !dl_word_is (w, "”") && !dl_word_is (w, ")")) ||
          dl_word_is_any (w, function_words) || dl_word_is_any (w, boundary_words))
        drop (t, i, i);
      else
        return;
    }
}

static int
count_kept_words (Title *t)
{
  int n = 0;

  for (guint i = t->first; i <= t->last; i++)
    if (kept (t, i) && WORD (t->d, i)->word)
      n++;
  return n;
}

/* Cuts the title before word @i. */
static void
cut_before (Title *t,
            guint  i)
{
  drop (t, i, t->last);
  trim_end (t);
}

static guint cut_clause_once (Title *t);

static gboolean
has_verb (Title *t)
{
  for (guint i = t->first; i <= t->last; i++)
    {
      const DlWord *w = WORD (t->d, i);

      if (!kept (t, i) || !w->word || w->upper || w->len < 2)
        continue;
      if (dl_word_is_any (w, reporting_verbs) || dl_word_is_any (w, auxiliaries) ||
          (w->len > 3 && (strncmp (w->s + w->len - 2, "ed", 2) == 0 ||
                          (w->s[w->len - 1] == 's' && w->s[w->len - 2] != 's'))))
        return TRUE;
    }
  return FALSE;
}

/* The first clause: up to the first comma, colon or dash outside quotation marks, once
 * a subject and a verb have had room. A clause without a verb ("The international
 * community, with the exception of …,") was an aside: it goes, and the sentence goes on. */
static void
cut_clause (Title *t)
{
  for (int tries = 0; tries < 3; tries++)
    {
      g_autofree guint8 *saved = g_memdup2 (t->keep, t->last - t->first + 1);
      guint at = cut_clause_once (t);

      if (at == G_MAXUINT || has_verb (t))
        return;
      /* put the words back, without the aside [at, next comma] */
      memcpy (t->keep, saved, t->last - t->first + 1);
      {
        guint k;

        for (k = at + 1; k <= t->last && !dl_word_is (WORD (t->d, k), ","); k++)
          ;
        if (k > t->last)
          {
            cut_before (t, at);
            return;
          }
        drop (t, at, k);
      }
    }
}

static guint
cut_clause_once (Title *t)
{
  gboolean quoted = FALSE;
  int words = 0;

  for (guint i = first_kept (t); i <= t->last; i++)
    {
      const DlWord *w = WORD (t->d, i);

      if (!kept (t, i))
        continue;
      if (dl_word_is (w, "“"))
        quoted = TRUE;
      else if (dl_word_is (w, "”"))
        quoted = FALSE;
      if (w->word)
        words++;
      /* "16:53" is a time, not a colon */
      if (dl_word_is (w, ":") && !w->space_before && i + 1 <= t->last &&
          WORD (t->d, i + 1)->digits && !WORD (t->d, i + 1)->space_before)
        continue;
      if (!quoted && words >= 3 &&
          (dl_word_is (w, ",") || dl_word_is (w, ":") || dl_word_is (w, ";") ||
           dl_word_is (w, "–") || dl_word_is (w, "—")))
        {
          cut_before (t, i);
          return i;
        }
    }
  return G_MAXUINT;
}

/* Drops ", which …," and "( … )" asides. */
static void
drop_asides (Title *t)
{
  for (guint i = t->first; i <= t->last; i++)
    {
      const DlWord *w = WORD (t->d, i);

      if (dl_word_is (w, "(") )
        {
          guint k;

          for (k = i + 1; k <= t->last && !dl_word_is (WORD (t->d, k), ")"); k++)
            ;
          if (k <= t->last)
            drop (t, i, k);
        }
      else if (dl_word_is (w, ",") && i + 1 <= t->last &&
               (dl_word_is (WORD (t->d, i + 1), "which") ||
                dl_word_is (WORD (t->d, i + 1), "who")))
        {
          guint k;

          for (k = i + 2; k <= t->last && !dl_word_is (WORD (t->d, k), ","); k++)
            ;
          drop (t, i, MIN (k, t->last));
        }
    }
}

static void
shorten (Title *t)
{
  guint best = 0;

  if (rendered_length (t) <= TITLE_MAX)
    return;
  /* at a conjunction that starts another clause */
  for (guint i = first_kept (t) + 3; i <= t->last; i++)
    {
      if (!kept (t, i) || !dl_word_is_any (WORD (t->d, i), boundary_words))
        continue;
      /* "as thousands celebrated" starts a clause; "known as Jabhat", "as a victory" not */
      if (dl_word_is (WORD (t->d, i), "as") &&
          (i + 1 > t->last || WORD (t->d, i + 1)->upper || !WORD (t->d, i + 1)->word ||
           dl_word_is_any (WORD (t->d, i + 1), (const char * const []) {
             "a", "an", "the", "well", "part", "long", "much", "many", NULL })))
        continue;
      {
        g_autofree guint8 *saved = g_memdup2 (t->keep, t->last - t->first + 1);
        gsize len;

        cut_before (t, i);
        len = rendered_length (t);
        memcpy (t->keep, saved, t->last - t->first + 1);
        if (len <= TITLE_MAX || (best == 0 && len <= TITLE_CLAUSE_MAX))
          best = i;
        if (len > TITLE_MAX)
          break;
      }
    }
  if (best != 0)
    {
      cut_before (t, best);
      if (rendered_length (t) <= TITLE_CLAUSE_MAX)
        return;
    }
  /* adverbs go first, then words from the end */
  for (guint i = t->first; i <= t->last && rendered_length (t) > TITLE_MAX; i++)
    {
      const DlWord *w = WORD (t->d, i);

      if (kept (t, i) && w->word && !w->upper && w->len > 4 &&
          strncmp (w->s + w->len - 2, "ly", 2) == 0 && count_kept_words (t) > 4)
        drop (t, i, i);
    }
  if (rendered_length (t) <= TITLE_MAX)
    return;
  /* before a preposition or conjunction, so that the title ends on a whole phrase: the
   * longest such title within TITLE_MAX, else the shortest within TITLE_CLAUSE_MAX */
  {
    guint cut = 0, longer = 0;

    for (guint i = first_kept (t) + 2; i <= t->last; i++)
      {
        g_autofree guint8 *saved = NULL;
        gsize len;

        if (!kept (t, i) || !dl_word_is_any (WORD (t->d, i), phrase_starts))
          continue;
        /* "to take over": the verb needs its particle */
        if (i >= 2 && dl_word_is (WORD (t->d, i - 2), "to") && WORD (t->d, i - 1)->word)
          continue;
        saved = g_memdup2 (t->keep, t->last - t->first + 1);
        cut_before (t, i);
        len = rendered_length (t);
        memcpy (t->keep, saved, t->last - t->first + 1);
        if (len > TITLE_CLAUSE_MAX)
          break;
        if (len > TITLE_MAX && longer == 0)
          longer = i;
        else if (len >= 30 && len <= TITLE_MAX)
          cut = i;
      }
    if (cut != 0 || longer != 0)
      {
        cut_before (t, cut != 0 ? cut : longer);
        return;
      }
  }
  while (rendered_length (t) > TITLE_MAX && count_kept_words (t) > 3)
    {
      drop (t, last_kept (t), last_kept (t));
      trim_end (t);
    }
}

/* The person the last event was about: its only subject or speaker, when a person. */
static const char *
previous_person (Drafter *d)
{
  const DlDraftEvent *e;
  const DlActorSuggestion *who = NULL;

  if (d->events->len == 0)
    return NULL;
  e = g_ptr_array_index (d->events, d->events->len - 1);
  for (guint i = 0; i < e->actors->len; i++)
    {
      const DlDraftRole *r = &g_array_index (e->actors, DlDraftRole, i);

      if (g_strcmp0 (r->role, "subject") != 0 && g_strcmp0 (r->role, "speaker") != 0)
        continue;
      if (who != NULL)
        return NULL;
      who = g_ptr_array_index (d->actors, r->index);
    }
  return who != NULL && g_strcmp0 (who->kind, "person") == 0 ? who->name : NULL;
}

static char *
capitalise (char *s)
{
  gunichar c;
  g_autofree char *rest = NULL;
  char buf[8];
  int n;

  if (s == NULL || *s == '\0')
    return s;
  c = g_utf8_get_char (s);
  if (!g_unichar_islower (c))
    return s;
  rest = g_strdup (g_utf8_next_char (s));
  n = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
  buf[n] = '\0';
  g_free (s);
  return g_strconcat (buf, rest, NULL);
}

/* The title for a quotation opening at word @open: its first clause, in quotation
 * marks, after "@speaker: " when there is room. */
static char *
quote_title (Drafter    *d,
             Title      *t,
             guint       open,
             const char *speaker)
{
  g_autofree char *title = NULL;
  guint q;

  for (q = open + 1; q <= t->last && !is_close_quote (WORD (d, q)); q++)
    ;
  if (q <= t->last)
    drop (t, q + 1, t->last);
  if (q - 1 > open && dl_word_is (WORD (d, q - 1), ","))
    drop (t, q - 1, q - 1);
  if (rendered_length (t) > TITLE_MAX)
    {
      int words = 0;

      /* the first sentence or clause of the quotation */
      for (guint i = open + 1; i < q && i <= t->last; i++)
        {
          const DlWord *w = WORD (d, i);

          if (w->word)
            words++;
          if (words >= 3 && !w->word &&
              (dl_word_is (w, ",") || dl_word_is (w, ";") || dl_word_is (w, ":") ||
               ((dl_word_is (w, ".") || dl_word_is (w, "!") || dl_word_is (w, "?")) &&
                WORD (d, i - 1)->len > 3)))
            {
              drop (t, i, q - 1);
              break;
            }
        }
    }
  shorten (t);
  title = render (t);
  if (speaker != NULL && *speaker != '\0')
    {
      g_autofree char *with = g_strdup_printf ("%s: %s", speaker, title);

      if (g_utf8_strlen (with, -1) <= TITLE_CLAUSE_MAX)
        replace_str (&title, with);
    }
  return capitalise (g_steal_pointer (&title));
}

/* A headline from the sentence of words [@first, @last]: its subject and verb, about
 * TITLE_MAX characters, ending on a whole phrase. */
static char *
make_title (Drafter *d,
            guint    first,
            guint    last)
{
  Title t = { d, first, last, NULL };
  guint lead;
  g_autofree char *speaker = NULL;
  g_autofree char *title = NULL;
  g_autofree guint8 *keep = NULL;

  /* no final full stop or stray closing quote */
  while (last > first && !WORD (d, last)->word && !dl_word_is (WORD (d, last), "”") &&
         !dl_word_is (WORD (d, last), ")"))
    last--;
  t.last = last;
  keep = g_malloc (last - first + 1);
  memset (keep, TRUE, last - first + 1);
  t.keep = keep;

  /* a dateline before the story: "NEPAL — …", "San Fernando, Chile — …" */
  for (guint i = first; i <= last && i < first + 6; i++)
    {
      const DlWord *w = WORD (d, i);

      if (dl_word_is (w, "—") || dl_word_is (w, "–"))
        {
          if (i > first && i < last)
            drop (&t, first, i);
          break;
        }
      if (w->word ? !w->upper : !dl_word_is (w, ","))
        break;
    }

  lead = first_kept (&t);

  /* “Quote,” the speaker said. → Speaker: “Quote” */
  if (is_open_quote (WORD (d, lead)))
    {
      guint q, v;

      for (q = lead + 1; q <= last && !is_close_quote (WORD (d, q)); q++)
        ;
      if (q < last)
        {
          Title speaker_t = { d, q + 1, last, NULL };
          g_autofree guint8 *speaker_keep = g_malloc (last - q);

          memset (speaker_keep, TRUE, last - q);
          speaker_t.keep = speaker_keep;
          for (v = q + 1; v <= last && !dl_word_is_any (WORD (d, v), reporting_verbs); v++)
            ;
          if (v <= last && v > q + 1)
            {
              drop (&speaker_t, v, last);
              drop_asides (&speaker_t);
              if (dl_word_is (WORD (d, q + 1), ","))
                drop (&speaker_t, q + 1, q + 1);
              trim_end (&speaker_t);
              speaker = render (&speaker_t);
              if (dl_word_is_any (WORD (d, first_kept (&speaker_t)), pronouns) &&
                  count_kept_words (&speaker_t) == 1)
                g_clear_pointer (&speaker, g_free);
            }
          return quote_title (d, &t, lead, speaker);
        }
    }

  /* "In 2016, …", "Meanwhile, …": the main clause comes after the comma (and after a
   * ", which …," or ", before …," clause that follows it) */
  if (dl_word_is_any (WORD (d, lead), intro_words) && WORD (d, lead)->upper)
    {
      for (guint i = lead; i <= last && i < lead + 16; i++)
        {
          if (is_open_quote (WORD (d, i)))
            break;
          if (dl_word_is (WORD (d, i), ","))
            {
              guint k = i;

              if (i + 1 <= last && (dl_word_is_any (WORD (d, i + 1), boundary_words) ||
                                    dl_word_is (WORD (d, i + 1), "before")))
                for (k = i + 1; k <= last && !dl_word_is (WORD (d, k), ","); k++)
                  ;
              if (k < last)
                drop (&t, first, k);
              break;
            }
        }
    }

  /* Speaker said: “Quote” → Speaker: “Quote” */
  for (guint i = first_kept (&t); i + 2 <= last && i < first_kept (&t) + 10; i++)
    {
      if (dl_word_is_any (WORD (d, i), reporting_verbs) && dl_word_is (WORD (d, i + 1), ":") &&
          is_open_quote (WORD (d, i + 2)) && i > first_kept (&t))
        {
          Title who = t;
          g_autofree guint8 *who_keep = g_memdup2 (t.keep, last - first + 1);
          g_autofree char *speaker_s = NULL;

          who.keep = who_keep;
          drop (&who, i, last);
          drop_asides (&who);
          speaker_s = render (&who);
          drop (&t, first, i + 1);
          return quote_title (d, &t, i + 2,
                              dl_word_is_any (WORD (d, first_kept (&who)), pronouns) &&
                              count_kept_words (&who) == 1 ? NULL : speaker_s);
        }
    }

  /* "Officials told TASS that Assad arrived" → "Assad arrived" */
  for (guint i = first_kept (&t); i <= last && i < first_kept (&t) + 8; i++)
    {
      if (!dl_word_is_any (WORD (d, i), reporting_verbs))
        continue;
      for (guint k = i + 1; k <= last && k <= i + 5; k++)
        if (dl_word_is (WORD (d, k), "that"))
          {
            Title subject = t;
            g_autofree guint8 *subject_keep = g_memdup2 (t.keep, last - first + 1);
            g_autofree char *who = NULL;

            subject.keep = subject_keep;
            drop (&subject, i, last);
            drop_asides (&subject);
            who = render (&subject);
            drop (&t, first, k);
            drop_asides (&t);
            cut_clause (&t);
            shorten (&t);
            title = render (&t);
            if (count_kept_words (&subject) <= 4 &&
                !dl_word_is_any (WORD (d, first_kept (&subject)), pronouns))
              {
                g_autofree char *with = g_strdup_printf ("%s: %s", who, title);

                if (g_utf8_strlen (with, -1) <= TITLE_MAX)
                  replace_str (&title, with);
              }
            return capitalise (g_steal_pointer (&title));
          }
      break;
    }

  drop_asides (&t);
  cut_clause (&t);
  shorten (&t);
  title = render (&t);

  /* "He fled …" → "Assad fled …" when the sentence before was about that one person */
  if (WORD (d, first_kept (&t))->upper &&
      (dl_word_is (WORD (d, first_kept (&t)), "He") ||
       dl_word_is (WORD (d, first_kept (&t)), "She")))
    {
      const char *who = previous_person (d);

      if (who != NULL)
        {
          const char *rest = strchr (title, ' ');
          g_autofree char *with = g_strconcat (who, rest ? rest : "", NULL);

          if (g_utf8_strlen (with, -1) <= TITLE_CLAUSE_MAX)
            replace_str (&title, with);
        }
    }
  return capitalise (g_steal_pointer (&title));
}

/* Roles and categories */

static const char *
place_role (Drafter *d,
            guint    sentence_first,
            guint    w)
{
  /* the cue word a few words before: "fled to Moscow", "left the Syrian capital Damascus" */
  for (guint k = w; k > sentence_first && k + 5 > w; k--)
    {
      const DlWord *cue = WORD (d, k - 1);

      if (dl_word_is_any (cue, destination_cues))
        {
          /* "arrived in Moscow" */
          return "destination";
        }
      if (dl_word_is_any (cue, origin_cues))
        return "origin";
      if (dl_word_is (cue, "in") || dl_word_is (cue, "at") || dl_word_is (cue, "near") ||
          dl_word_is (cue, "across") || dl_word_is (cue, ",") || dl_word_is (cue, "of"))
        {
          if (k >= 2 && k - 1 > sentence_first &&
              dl_word_is_any (WORD (d, k - 2), (const char * const []) {
                "arrived", "landed", NULL }))
            return "destination";
          return "location";
        }
    }
  return "location";
}

static const char *
category_of (Drafter *d,
             guint    first,
             guint    last,
             const DlTime *start)
{
  if (start->precision != DL_TIME_NONE && start->year < d->published.year - 1)
    return "background";
  for (guint r = 0; r < G_N_ELEMENTS (category_rules); r++)
    for (guint i = first; i <= last; i++)
      if (dl_word_is_any (WORD (d, i), category_rules[r].cues))
        return category_rules[r].category;
  return NULL;
}

/* The passage: the exact text, with a prefix and suffix only where it repeats. */
static void
set_passage (Drafter      *d,
             DlDraftEvent *e,
             gsize         byte_start,
             gsize         byte_end)
{
  const char *text = d->text;
  gsize len = byte_end - byte_start;
  guint n = 0;

  e->exact = g_strndup (text + byte_start, len);
  for (const char *p = strstr (text, e->exact); p != NULL; p = strstr (p + 1, e->exact))
    n++;
  if (n <= 1)
    return;
  /* grow a prefix and suffix of whole characters until the quote is unique */
  for (gsize extra = 8; ; extra *= 2)
    {
      const char *from = text + byte_start, *to = text + byte_end;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      guint matches = 0;

      for (gsize k = 0; k < extra && from > text; k++)
        from = g_utf8_prev_char (from);
      for (gsize k = 0; k < extra && *to; k++)
        to = g_utf8_next_char (to);
      prefix = g_strndup (from, text + byte_start - from);
      suffix = g_strndup (text + byte_end, to - (text + byte_end));
      for (const char *p = strstr (text, e->exact); p != NULL; p = strstr (p + 1, e->exact))
        {
          gsize at = p - text, n_prefix = strlen (prefix);

          if (at >= n_prefix && memcmp (p - n_prefix, prefix, n_prefix) == 0 &&
              g_str_has_prefix (p + len, suffix))
            matches++;
        }
      if (matches <= 1 || (from == text && *to == '\0'))
        {
          e->prefix = *prefix ? g_steal_pointer (&prefix) : NULL;
          e->suffix = *suffix ? g_steal_pointer (&suffix) : NULL;
          return;
        }
    }
}

static char *
event_id (Drafter    *d,
          const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  GString *s = g_string_new (NULL);
  int words = 0;
  char *id;

  for (const char *p = ascii; *p && words < 6; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (s, g_ascii_tolower (*p));
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        {
          g_string_append_c (s, '-');
          words++;
        }
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_append (s, "event");
  id = g_strdup (s->str);
  for (guint n = 2; g_hash_table_contains (d->ids, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", s->str, n);
    }
  g_hash_table_add (d->ids, id);
  g_string_free (s, TRUE);
  return g_strdup (id);
}

static gboolean
span_is_actor (Drafter *d,
               int      start,
               int      end)
{
  for (guint i = 0; i < d->actors->len; i++)
    {
      const DlActorSuggestion *a = g_ptr_array_index (d->actors, i);

      for (guint m = 0; m < a->mentions->len; m++)
        {
          const DlSpan *s = &g_array_index (a->mentions, DlSpan, m);

          if (s->start <= start && end <= s->end)
            return TRUE;
        }
    }
  return FALSE;
}

static void
add_role (GArray     *roles,
          guint       index,
          const char *role)
{
  DlDraftRole r = { index, g_strdup (role) };

  for (guint i = 0; i < roles->len; i++)
    if (g_array_index (roles, DlDraftRole, i).index == index)
      {
        g_free (r.role);
        return;
      }
  g_array_append_val (roles, r);
}

/* The detected place that is the capital of @country, or -1. */
static int
capital_of (Drafter               *d,
            const DlDetectedPlace *country)
{
  for (guint i = 0; i < d->places->len; i++)
    {
      const DlDetectedPlace *p = g_ptr_array_index (d->places, i);

      if (g_strcmp0 (p->info.feature_code, "PPLC") == 0 &&
          g_strcmp0 (p->info.country_code, country->info.country_code) == 0 &&
          country->info.country_code != NULL && *country->info.country_code != '\0')
        return i;
    }
  return -1;
}

/* A span of years ending at the publication ("24-year rule", "for 50 years"). */
static gboolean
is_duration (Drafter          *d,
             const DlTimeExpr *x)
{
  return x->value.precision == DL_TIME_YEAR && x->end_value.precision == DL_TIME_DAY &&
         x->end_value.year == d->published.year && x->end_value.month == d->published.month &&
         x->end_value.day == d->published.day && strstr (x->text, "year") != NULL;
}

/* Fills the places, actors and time of event @e from sentence @s. Returns whether the
 * sentence names any. */
static gboolean
collect (Drafter          *d,
         DlDraftEvent     *e,
         const DlSentence *s,
         guint             first,
         guint             last)
{
  gboolean any = FALSE;
  guint verb = last;

  /* the first verb of the main clause, for subject roles */
  for (guint i = first; i <= last; i++)
    {
      const DlWord *w = WORD (d, i);

      if (w->word && !w->upper && w->len > 2 &&
          (dl_word_is_any (w, reporting_verbs) ||
           dl_word_is_any (w, (const char * const []) {
             "has", "had", "have", "is", "was", "were", "are", "will", NULL }) ||
           strncmp (w->s + w->len - 2, "ed", 2) == 0) &&
          /* "ousted President": an adjective */
          !(i + 1 <= last && WORD (d, i + 1)->upper && WORD (d, i + 1)->word &&
            !dl_word_is_any (w, reporting_verbs)) &&
          !in_aside (d, first, last, w->start))
        {
          verb = i;
          break;
        }
    }

  for (guint p = 0; d->places != NULL && p < d->places->len; p++)
    {
      DlDetectedPlace *place = g_ptr_array_index (d->places, p);

      for (guint m = 0; place->mentions != NULL && m < place->mentions->len; m++)
        {
          const DlMention *mention = &g_array_index (place->mentions, DlMention, m);

          if (mention->start < s->start || mention->end > s->end ||
              span_is_actor (d, mention->start, mention->end))
            continue;
          /* "arrived in the Russian capital": the capital, when the article names it */
          if (mention->adjectival)
            {
              guint w = word_at (d, mention->end);
              int capital;

              if (w < d->words->len && dl_word_is (WORD (d, w), "capital") &&
                  (capital = capital_of (d, place)) >= 0)
                {
                  add_role (e->places, capital,
                            place_role (d, first, word_at (d, mention->start)));
                  any = TRUE;
                }
              continue;
            }
          add_role (e->places, p,
                    in_quotes (d, first, last, mention->start) ? "mentioned" :
                    place_role (d, first, word_at (d, mention->start)));
          any = TRUE;
        }
    }

  for (guint a = 0; a < d->actors->len; a++)
    {
      const DlActorSuggestion *actor = g_ptr_array_index (d->actors, a);

      for (guint m = 0; m < actor->mentions->len; m++)
        {
          const DlSpan *span = &g_array_index (actor->mentions, DlSpan, m);
          gboolean before_verb, reporting;

          if (span->start < s->start || span->end > s->end)
            continue;
          before_verb = span->start < WORD (d, verb)->start;
          reporting = dl_word_is_any (WORD (d, verb), reporting_verbs);
          if (in_quotes (d, first, last, span->start))
            add_role (e->actors, a, "mentioned");
          else
            add_role (e->actors, a, before_verb ? (reporting ? "speaker" : "subject") :
                                    "participant");
          any = TRUE;
        }
    }

  if (e->start.precision == DL_TIME_NONE)
    for (guint i = 0; i < d->times->len; i++)
      {
        const DlTimeExpr *x = &g_array_index (d->times, DlTimeExpr, i);

        if (x->start < s->start || x->end > s->end)
          continue;
        /* "ending his 24-year rule", "which has endured a 13-year civil war": the span is
         * background to what happens now */
        if (is_duration (d, x))
          {
            if (d->duration == NULL)
              d->duration = x;
            any = TRUE;
            continue;
          }
        if (in_aside (d, first, last, x->start))
          continue;
        /* "has called an election for September 4": the date of what is planned */
        if (word_at (d, x->start) > first &&
            dl_word_is (WORD (d, word_at (d, x->start) - 1), "for") &&
            !dl_word_is (WORD (d, word_at (d, x->start)), "for"))
          continue;
        /* "He said … the path it started in 2011": a statement of today about the past */
        if (x->value.precision < DL_TIME_DAY && x->start > WORD (d, verb)->start &&
            dl_word_is_any (WORD (d, verb), reporting_verbs))
          continue;
        e->start = x->value;
        e->end = x->end_value;
        e->when_text = g_strdup (x->text);
        e->when_assumed = FALSE;
        any = TRUE;
        break;
      }
  return any;
}

static GArray *
copy_roles (GArray *roles)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (DlDraftRole));

  for (guint i = 0; i < roles->len; i++)
    {
      DlDraftRole r = g_array_index (roles, DlDraftRole, i);

      r.role = g_strdup (r.role);
      g_array_append_val (copy, r);
    }
  return copy;
}

/* The background event of a span the sentence names ("a 13-year civil war"): the same
 * passage, places and actors, dated by the span. */
static DlDraftEvent *
background_event (Drafter            *d,
                  const DlDraftEvent *e,
                  const DlTimeExpr   *x)
{
  DlDraftEvent *b = g_new0 (DlDraftEvent, 1);

  b->places = copy_roles (e->places);
  b->actors = copy_roles (e->actors);
  b->start = x->value;
  b->end = x->end_value;
  b->when_text = g_strdup (x->text);
  b->passage_start = e->passage_start;
  b->passage_end = e->passage_end;
  b->exact = g_strdup (e->exact);
  b->prefix = g_strdup (e->prefix);
  b->suffix = g_strdup (e->suffix);
  b->title = capitalise (g_strdup (x->text));
  b->id = event_id (d, b->title);
  b->category = g_strdup ("background");
  return b;
}

static gboolean
continues_previous (Drafter          *d,
                    const DlSentence *prev,
                    const DlSentence *s,
                    guint             first)
{
  const DlWord *w = WORD (d, first);

  return prev != NULL && prev->paragraph == s->paragraph && prev->kind == DL_SENTENCE_TEXT &&
         (dl_word_is_any (w, pronouns) ||
          dl_word_is_any (w, (const char * const []) {
            "Some", "His", "Her", "Their", "Its", "This", "That", "These", "Those", NULL }));
}

/**
 * dl_drafter_run:
 * @text: the article (UTF-8, paragraphs separated by line breaks)
 * @published: the publication date
 * @places: (nullable) (element-type DlDetectedPlace): the places detected in @text
 *
 * Returns: (transfer full): the draft, every event and actor a suggestion.
 */
DlDrafterResult *
dl_drafter_run (const char   *text,
                const DlTime *published,
                GPtrArray    *places)
{
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GHashTable) ids = NULL;
  DlDrafterResult *draft;
  Drafter d = { 0 };
  DlDraftEvent *open = NULL;
  const DlSentence *prev = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (published != NULL, NULL);

  draft = g_new0 (DlDrafterResult, 1);
  draft->events = g_ptr_array_new_with_free_func (draft_event_free);
  if (places != NULL)
    draft->places = g_ptr_array_ref (places);
  else
    draft->places = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_detected_place_free);
  if (!g_utf8_validate (text, -1, NULL))
    {
      draft->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_actor_suggestion_free);
      return draft;
    }

  words = dl_words_split (text);
  sentences = dl_sentences_split (text);
  times = dl_time_expr_find (text, published);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  draft->actors = dl_actor_suggest (text, sentences, draft->places);

  d.text = text;
  d.published = *published;
  d.words = words;
  d.sentences = sentences;
  d.times = times;
  d.places = draft->places;
  d.actors = draft->actors;
  d.events = draft->events;
  d.ids = ids;

  for (guint i = 0; i < sentences->len; i++)
    {
      const DlSentence *s = &g_array_index (sentences, DlSentence, i);
      guint first = word_at (&d, s->start), last = word_at (&d, s->end) - 1;
      DlDraftEvent *e;

      if (dl_sentence_is_boilerplate (s) || first > last || last >= words->len)
        {
          open = NULL;
          prev = s;
          continue;
        }

      d.duration = NULL;
      e = g_new0 (DlDraftEvent, 1);
      e->places = g_array_new (FALSE, FALSE, sizeof (DlDraftRole));
      e->actors = g_array_new (FALSE, FALSE, sizeof (DlDraftRole));
      if (!collect (&d, e, s, first, last))
        {
          /* a sentence that names nothing carries on the happening before it */
          if (open != NULL && continues_previous (&d, prev, s, first) &&
              open->passage_end < s->start)
            {
              const DlSentence *o = NULL;

              for (guint k = 0; k < i; k++)
                if (g_array_index (sentences, DlSentence, k).start == open->passage_start)
                  o = &g_array_index (sentences, DlSentence, k);
              if (o != NULL)
                {
                  g_clear_pointer (&open->exact, g_free);
                  g_clear_pointer (&open->prefix, g_free);
                  g_clear_pointer (&open->suffix, g_free);
                  open->passage_end = s->end;
                  set_passage (&d, open, o->byte_start, s->byte_end);
                }
              open = NULL;
            }
          draft_event_free (e);
          prev = s;
          continue;
        }
      if (e->start.precision == DL_TIME_NONE && published->precision != DL_TIME_NONE)
        {
          e->start = *published;
          if (e->start.precision > DL_TIME_DAY)
            e->start.precision = DL_TIME_DAY;
          e->when_assumed = TRUE;
        }
      e->passage_start = s->start;
      e->passage_end = s->end;
      set_passage (&d, e, s->byte_start, s->byte_end);
      e->title = make_title (&d, first, last);
      e->id = event_id (&d, e->title);
      e->category = g_strdup (category_of (&d, first, last, &e->start));
      g_ptr_array_add (draft->events, e);
      if (d.duration != NULL)
        g_ptr_array_add (draft->events, background_event (&d, e, d.duration));
      open = e;
      prev = s;
    }

  return draft;
}

/* JSON */

static JsonNode *
when_to_json (const DlDraftEvent *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *start = dl_time_to_iso (&e->start);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, start);
  if (e->end.precision != DL_TIME_NONE)
    {
      g_autofree char *end = dl_time_to_iso (&e->end);

      json_builder_set_member_name (b, "end");
      json_builder_add_string_value (b, end);
    }
  json_builder_set_member_name (b, "text");
  if (e->when_text != NULL)
    json_builder_add_string_value (b, e->when_text);
  else
    json_builder_add_null_value (b);
  if (e->when_assumed)
    {
      json_builder_set_member_name (b, "assumed");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * dl_drafter_result_events_to_json:
 * @draft: a draft
 * @place_ids: the feature id of each of the draft's places
 *
 * Returns: (transfer full): a JSON array of story-format events.
 */
JsonNode *
dl_drafter_result_events_to_json (DlDrafterResult            *draft,
                         const char * const *place_ids)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (draft != NULL, NULL);

  json_builder_begin_array (b);
  for (guint i = 0; i < draft->events->len; i++)
    {
      const DlDraftEvent *e = g_ptr_array_index (draft->events, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, e->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, e->title);
      if (e->start.precision != DL_TIME_NONE)
        {
          json_builder_set_member_name (b, "when");
          json_builder_add_value (b, when_to_json (e));
        }
      if (e->category != NULL)
        {
          json_builder_set_member_name (b, "category");
          json_builder_add_string_value (b, e->category);
        }
      json_builder_set_member_name (b, "places");
      json_builder_begin_array (b);
      for (guint k = 0; k < e->places->len; k++)
        {
          const DlDraftRole *r = &g_array_index (e->places, DlDraftRole, k);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "place");
          json_builder_add_string_value (b, place_ids[r->index]);
          json_builder_set_member_name (b, "role");
          json_builder_add_string_value (b, r->role);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "actors");
      json_builder_begin_array (b);
      for (guint k = 0; k < e->actors->len; k++)
        {
          const DlDraftRole *r = &g_array_index (e->actors, DlDraftRole, k);
          const DlActorSuggestion *a = g_ptr_array_index (draft->actors, r->index);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "actor");
          json_builder_add_string_value (b, a->id);
          json_builder_set_member_name (b, "role");
          json_builder_add_string_value (b, r->role);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "passages");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "exact");
      json_builder_add_string_value (b, e->exact);
      if (e->prefix != NULL)
        {
          json_builder_set_member_name (b, "prefix");
          json_builder_add_string_value (b, e->prefix);
        }
      if (e->suffix != NULL)
        {
          json_builder_set_member_name (b, "suffix");
          json_builder_add_string_value (b, e->suffix);
        }
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "suggested");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/**
 * dl_drafter_result_actors_to_json:
 * @draft: a draft
 *
 * Returns: (transfer full): a JSON array of story-format actors.
 */
JsonNode *
dl_drafter_result_actors_to_json (DlDrafterResult *draft)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (draft != NULL, NULL);

  json_builder_begin_array (b);
  for (guint i = 0; i < draft->actors->len; i++)
    {
      const DlActorSuggestion *a = g_ptr_array_index (draft->actors, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, a->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, a->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, a->kind);
      json_builder_set_member_name (b, "aliases");
      json_builder_begin_array (b);
      for (guint k = 0; k < a->aliases->len; k++)
        json_builder_add_string_value (b, g_ptr_array_index (a->aliases, k));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, a->color);
      json_builder_set_member_name (b, "suggested");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static char *
place_slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name ? name : "", "C");
  GString *s = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (s, g_ascii_tolower (*p));
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_append (s, "place");
  return g_string_free (s, FALSE);
}

static const char *
story_precision (const char *precision)
{
  static const char * const known[] = { "site", "city", "region", "country", "inferred", NULL };

  if (precision != NULL && g_strv_contains (known, precision))
    return precision;
  return "inferred";
}

/**
 * dl_drafter_result_to_story:
 * @draft: a draft
 * @text: the article it was drafted from
 * @published: its publication date
 * @title: (nullable): the article's title
 *
 * Returns: (transfer full): the GeoJSON text of a story holding the whole draft.
 */
char *
dl_drafter_result_to_story (DlDrafterResult      *draft,
                   const char   *text,
                   const DlTime *published,
                   const char   *title)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *published_iso = dl_time_to_iso (published);

  g_return_val_if_fail (draft != NULL, NULL);

  for (guint i = 0; i < draft->places->len; i++)
    {
      const DlDetectedPlace *p = g_ptr_array_index (draft->places, i);
      g_autofree char *base = place_slug (p->info.name);
      char *id = g_strdup (base);

      for (guint n = 2; g_hash_table_contains (seen, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, n);
        }
      g_hash_table_add (seen, id);
      g_ptr_array_add (ids, id);
    }
  g_ptr_array_add (ids, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "dateline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "article");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  if (title != NULL)
    json_builder_add_string_value (b, title);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "published");
  json_builder_add_string_value (b, published_iso);
  json_builder_set_member_name (b, "language");
  json_builder_add_string_value (b, "en");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "actors");
  json_builder_add_value (b, dl_drafter_result_actors_to_json (draft));
  json_builder_set_member_name (b, "events");
  json_builder_add_value (b, dl_drafter_result_events_to_json (draft,
                                                      (const char * const *) ids->pdata));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < draft->places->len; i++)
    {
      const DlDetectedPlace *p = g_ptr_array_index (draft->places, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Feature");
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, g_ptr_array_index (ids, i));
      json_builder_set_member_name (b, "geometry");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Point");
      json_builder_set_member_name (b, "coordinates");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, p->info.lon);
      json_builder_add_double_value (b, p->info.lat);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->info.name);
      if (p->info.kind != NULL && *p->info.kind)
        {
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, p->info.kind);
        }
      json_builder_set_member_name (b, "precision");
      json_builder_add_string_value (b, story_precision (p->precision));
      if (p->info.geonames_id > 0)
        {
          json_builder_set_member_name (b, "geonames");
          json_builder_add_int_value (b, p->info.geonames_id);
        }
      json_builder_set_member_name (b, "mentions");
      json_builder_begin_array (b);
      for (guint m = 0; p->mentions != NULL && m < p->mentions->len; m++)
        {
          const DlMention *mention = &g_array_index (p->mentions, DlMention, m);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "exact");
          json_builder_add_string_value (b, mention->exact);
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, mention->start);
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, mention->end);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "suggested");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return dl_json_write (root, NULL);
}
