/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actor-suggest"

#include "config.h"

#include <string.h>

#include "dl-actor.h"
#include "dl-actor-suggest.h"
#include "dl-sentences.h"
#include "dl-words-private.h"

#define WORD(c, i) (&g_array_index ((c)->words, DlWord, (i)))

typedef struct
{
  const char *text;
  GArray     *words;
  GArray     *sentences;
  int        *sentence_of;    /* per word: index of its reporting sentence, or -1 */
  GPtrArray  *places;
  int        *mention_place;  /* per word: the place whose mention starts here, or -1 */
  int        *mention_last;   /* per word: the last word of that mention */
  guint8     *mention_adj;    /* per word: the mention is adjectival ("Syrian") */
  guint8     *mention_poss;   /* per word: the mention is possessive ("Syria’s") */
  int        *mention_first;  /* per word: the first word of the mention ending here, or -1 */
  GPtrArray  *actors;
  GHashTable *person_keys;    /* folded surname → DlActorSuggestion */
  GHashTable *first_names;    /* folded first name → DlActorSuggestion */
  GArray     *state_acts;     /* DlSpan of state mentions that act, with the actor index */
} Ctx;

typedef struct
{
  DlSpan span;
  DlActorSuggestion *actor;
} StateAct;

/* Nouns after a country's adjective or possessive that make the country act
 * ("Israeli forces", "Russia’s foreign ministry"). */
static const char * const institution_nouns[] = {
  "forces", "troops", "military", "army", "government", "officials", "official",
  "authorities", "president", "prime", "minister", "ministry", "state", "media", "navy",
  "air", "jets", "warplanes", "drones", "embassy", "diplomats", "police", "intelligence",
  "regime", "leader", "leaders", "leadership", "television", "news", "agency", "agencies",
  "spokesman", "spokeswoman", "envoy", "ambassador", "parliament", "foreign", "defence",
  "defense", "soldiers", "negotiators", "delegation", "airstrikes", "strikes", "missiles",
  "cabinet", "president-elect", "king", "monarch", "chancellor", "coast", "security",
  NULL,
};

/* Second words of a two-word institution ("state media", "air force", "Prime Minister"). */
static const char * const institution_heads[] = {
  "media", "force", "minister", "ministry", "agency", "agencies", "television", "forces",
  "officials", "services", "guard", NULL,
};

static const char * const subject_verbs[] = {
  "said", "says", "say", "has", "have", "had", "is", "are", "was", "were", "will", "would",
  "could", "can", "may", "must", "should", "told", "tells", "took", "takes", "sent",
  "sends", "began", "begins", "struck", "strikes", "seized", "fought", "wants", "plans",
  "calls", "urges", "denies", "warns", "backs", "supports", "helps", "leads", "led", "won",
  "lost", "made", "makes", "gave", "gives", "left", "leaves", "met", "meets", "held",
  "holds", "kept", "built", "sold", "ran", "runs", "agrees", "hit", "hits", "shot", "says",
  "faces", "faced", "fears", "feared", "insists", "threatens", "vows", "vowed", "rejects",
  "announces", "confirms", "considers", "does", "did", NULL,
};

/* Verbs a capital city speaks with when it stands for its government ("Moscow said"). */
static const char * const speech_verbs[] = {
  "said", "says", "announced", "told", "denied", "confirmed", "warned", "urged", "accused",
  "insisted", "rejected", "welcomed", "condemned", "responded", "agreed", "signed",
  "demanded", "called", "has", "had", "is", "was", "will", NULL,
};

static const char * const prepositions[] = {
  "with", "in", "to", "from", "of", "for", "against", "into", "on", "at", "near", "across",
  "toward", "towards", "than", "over", "about", "like", "between", "among", NULL,
};

static const char * const adverbs[] = {
  "also", "now", "then", "reportedly", "already", "still", "later", "earlier", "quickly",
  "officially", "formally", "publicly", "never", "not", "too", "again", "first", "swiftly",
  "repeatedly", "once", NULL,
};

static const char * const title_words[] = {
  "President", "President-elect", "Prime", "Minister", "Mr", "Mrs", "Ms", "Dr", "Sir",
  "Dame", "King", "Queen", "Prince", "Princess", "Crown", "Sheikh", "Emir", "General",
  "Gen", "Chancellor", "Senator", "Sen", "Governor", "Gov", "Mayor", "Pope", "Ayatollah",
  "Secretary", "Secretary-General", "Ambassador", "Colonel", "Col", "Commander", "Rep",
  "Speaker", "Foreign", "Defence", "Defense", "Interior", "Finance", "Vice", "Lord", "Lady",
  "Rabbi", "Imam", "Archbishop", "Bishop", "Patriarch", "Marshal", "Admiral", "Adm",
  "Lieutenant", "Lt", "Captain", "Capt", "Judge", "Justice", "Chief", "Supreme", "Leader",
  "Premier", "Sultan", "Field", NULL,
};

/* Lower-case titles, that need a name right after them ("HTS leader Abu Mohammed …"). */
static const char * const lower_titles[] = {
  "leader", "spokesman", "spokeswoman", "commander", "envoy", "chief", "minister",
  "president", "founder", "head", "premier", "governor", "mayor", "senator", "king",
  "queen", "chancellor", "reporter", NULL,
};

/* Titles after which a single name is the first name ("Sir Keir"). */
static const char * const first_name_titles[] = { "Sir", "Dame", NULL };

/* Titles with an abbreviating full stop. */
static const char * const dotted_titles[] = {
  "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Gov", "Col", "Rep", "Adm", "Lt", "Capt", NULL,
};

/* Offices that speak for the state or group named right before them ("Israeli Prime
 * Minister", "HTS leader"). */
static const char * const office_titles[] = {
  "President", "President-elect", "Prime", "Premier", "Chancellor", "King", "Queen", "Emir",
  "Sultan", "Foreign", "Defence", "Defense", "leader", "spokesman", "spokeswoman", "Leader",
  "Supreme", "Crown", "envoy", "Ambassador", "Minister", "minister", "president",
  "premier", "Governor", "governor", NULL,
};

/* Lower-case name particles ("Bashar al-Assad", "Osama bin Laden"). */
static const char * const name_particles[] = {
  "bin", "ibn", "de", "van", "von", "der", "da", "di", "du", "la", "le", "del", "dos", NULL,
};

static const char * const group_suffixes[] = {
  "Forces", "Front", "Army", "Brigades", "Brigade", "Movement", "Party", "Coalition",
  "Alliance", "Guard", "Guards", "Militia", "Battalion", NULL,
};

static const char * const organisation_suffixes[] = {
  "Council", "Organisation", "Organization", "Committee", "Union", "Agency", "Court",
  "Assembly", "Parliament", "Congress", "Commission", "Fund", "Bank", "Nations", "Office",
  "Programme", "Program", "Institute", "Command", "Survey", "Service", "Center", "Centre",
  "Department", "Ministry", "Society", "Administration", "Authority", "Agency", "Defence",
  "Corporation", "Company", "University", "Foundation", NULL,
};

static const char * const rebel_words[] = {
  "opposition", "rebels", NULL,
};

/* Collective names a rebel group goes by later ("the rebels", "rebel fighters"). */
static const char * const rebel_aliases[] = {
  "rebels", "rebel fighters", "rebel groups", "rebel factions", "rebel forces",
  "the opposition", "opposition forces", "opposition fighters", NULL,
};

/* Generic plural nouns that are not an organ of state even when capitalised. */
static const char * const generic_sources[] = {
  "Officials", "Witnesses", "Sources", "Residents", "Activists", "Police", "Protesters",
  "Doctors", "Analysts", "Authorities", "Observers", "Critics", "Officers", "Soldiers",
  "Rebels", "Militants", "Troops", "Forces", "Medics", "Diplomats", "Experts", "Reports",
  "Some", "Many", "Several", "Other", "Two", "Three", "Both", "They", "He", "She", "It",
  "We", "The", "A", "An", "One", NULL,
};

static const char * const organ_triggers[] = {
  "officials", "official", "spokesman", "spokeswoman", "spokesperson", "sources", "said",
  "says", "told", "announced", "announces", "reports", "reported", "states", "stated",
  "declares", "declared", "issues", "issued", "estimates", "launches", "launched",
  "claims", "claimed", "warns", "warned", "confirms", "confirmed", NULL,
};

void
dl_actor_suggestion_free (DlActorSuggestion *actor)
{
  if (actor == NULL)
    return;
  g_free (actor->id);
  g_free (actor->name);
  g_free (actor->kind);
  g_free (actor->color);
  g_free (actor->country_code);
  g_clear_pointer (&actor->aliases, g_ptr_array_unref);
  g_clear_pointer (&actor->mentions, g_array_unref);
  g_free (actor);
}

static DlActorSuggestion *
actor_new (Ctx        *c,
           const char *kind,
           const char *name)
{
  DlActorSuggestion *a = g_new0 (DlActorSuggestion, 1);

  a->kind = g_strdup (kind);
  a->name = g_strdup (name);
  a->aliases = g_ptr_array_new_with_free_func (g_free);
  a->mentions = g_array_new (FALSE, FALSE, sizeof (DlSpan));
  g_ptr_array_add (c->actors, a);
  return a;
}

static void
actor_add_alias (DlActorSuggestion *a,
                 const char        *alias)
{
  if (alias == NULL || *alias == '\0' || g_ascii_strcasecmp (alias, a->name) == 0)
    return;
  for (guint i = 0; i < a->aliases->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (a->aliases, i), alias) == 0)
      return;
  g_ptr_array_add (a->aliases, g_strdup (alias));
}

static void
actor_add_mention (DlActorSuggestion *a,
                   int                start,
                   int                end)
{
  DlSpan span = { start, end };

  for (guint i = 0; i < a->mentions->len; i++)
    {
      DlSpan *s = &g_array_index (a->mentions, DlSpan, i);

      if (s->start < end && start < s->end)
        {
          s->start = MIN (s->start, start);
          s->end = MAX (s->end, end);
          return;
        }
    }
  g_array_append_val (a->mentions, span);
}

/* The text of words @first..@last, without a final possessive "’s". */
static char *
words_text (Ctx  *c,
            guint first,
            guint last)
{
  const DlWord *a = WORD (c, first), *b = WORD (c, last);
  g_autofree char *s = g_strndup (a->s, b->s + b->len - a->s);
  gsize len = strlen (s);

  if (len > 4 && strcmp (s + len - 4, "’s") == 0)
    s[len - 4] = '\0';
  else if (len > 2 && strcmp (s + len - 2, "'s") == 0)
    s[len - 2] = '\0';
  return g_steal_pointer (&s);
}

/* The end of words @first..@last in code points, before a possessive "’s". */
static int
words_end (Ctx  *c,
           guint last)
{
  const DlWord *b = WORD (c, last);

  if (b->len > 4 && strncmp (b->s + b->len - 4, "’s", 4) == 0)
    return b->end - 2;
  if (b->len > 2 && strncmp (b->s + b->len - 2, "'s", 2) == 0)
    return b->end - 2;
  return b->end;
}

static gboolean
is_possessive (const DlWord *w)
{
  return (w->len > 4 && strncmp (w->s + w->len - 4, "’s", 4) == 0) ||
         (w->len > 2 && strncmp (w->s + w->len - 2, "'s", 2) == 0);
}

static gboolean
in_text (Ctx  *c,
         guint i)
{
  return i < c->words->len && c->sentence_of[i] >= 0;
}

static gboolean
same_sentence (Ctx  *c,
               guint i,
               guint j)
{
  return in_text (c, i) && in_text (c, j) && c->sentence_of[i] == c->sentence_of[j];
}

static DlDetectedPlace *
place_at (Ctx  *c,
          guint i)
{
  if (i >= c->words->len || c->mention_place[i] < 0)
    return NULL;
  return g_ptr_array_index (c->places, c->mention_place[i]);
}

static gboolean
place_is_country (const DlDetectedPlace *p)
{
  return g_strcmp0 (p->info.kind, "country") == 0;
}

static gboolean
place_is_capital (const DlDetectedPlace *p)
{
  return g_strcmp0 (p->info.feature_code, "PPLC") == 0 ||
         g_strcmp0 (p->info.kind, "capital") == 0;
}

static DlActorSuggestion *
state_for (Ctx                   *c,
           const DlDetectedPlace *p)
{
  const char *code = p->info.country_code ? p->info.country_code : "";
  const char *name = place_is_country (p) ? p->info.name : p->info.country_name;
  DlActorSuggestion *a;

  if (name == NULL || *name == '\0')
    return NULL;
  for (guint i = 0; i < c->actors->len; i++)
    {
      a = g_ptr_array_index (c->actors, i);
      if (g_strcmp0 (a->kind, "state") == 0 &&
          ((*code && g_strcmp0 (a->country_code, code) == 0) || g_str_equal (a->name, name)))
        return a;
    }
  a = actor_new (c, "state", name);
  a->country_code = g_strdup (code);
  return a;
}

static void
state_acts (Ctx               *c,
            DlActorSuggestion *a,
            int                start,
            int                end,
            const char        *alias)
{
  StateAct act = { { start, end }, a };

  actor_add_mention (a, start, end);
  actor_add_alias (a, alias);
  g_array_append_val (c->state_acts, act);
}

/* Whether word @j starts a verb phrase: adverbs skipped, then a verb. */
static gboolean
verb_at (Ctx                *c,
         guint               j,
         const char * const *verbs)
{
  for (guint k = j; k < c->words->len && k < j + 3; k++)
    {
      const DlWord *w = WORD (c, k);
      gsize n = w->len;

      if (!w->word || w->upper)
        return FALSE;
      if (dl_word_is_any (w, adverbs))
        continue;
      if (dl_word_is_any (w, verbs))
        return TRUE;
      if (verbs == subject_verbs && n > 3 && w->s[n - 2] == 'e' && w->s[n - 1] == 'd')
        return TRUE;
      return FALSE;
    }
  return FALSE;
}

/* After the mention ending at word @last: "and Iran" conjuncts (added to @chain) and a
 * ", which …," clause skipped, whether a verb follows. */
static gboolean
acts_as_subject (Ctx                *c,
                 guint               last,
                 GArray             *chain,
                 const char * const *verbs)
{
  guint j = last + 1;

  while (j + 1 < c->words->len && same_sentence (c, last, j))
    {
      guint k = j + 1;

      if (!dl_word_is (WORD (c, j), "and"))
        break;
      if (dl_word_is (WORD (c, k), "the"))
        k++;
      if (place_at (c, k) == NULL || !place_is_country (place_at (c, k)))
        break;
      g_array_append_val (chain, k);
      j = c->mention_last[k] + 1;
    }
  if (j + 1 < c->words->len && dl_word_is (WORD (c, j), ",") &&
      (dl_word_is (WORD (c, j + 1), "which") || dl_word_is (WORD (c, j + 1), "who")))
    {
      guint k;

      for (k = j + 2; k < c->words->len && k < j + 30 && same_sentence (c, last, k); k++)
        if (dl_word_is (WORD (c, k), ","))
          break;
      if (k >= c->words->len || !dl_word_is (WORD (c, k), ","))
        return FALSE;
      j = k + 1;
    }
  return same_sentence (c, last, j) && verb_at (c, j, verbs);
}

/* The institution phrase after word @j ("forces", "state media", "Prime Minister"): the
 * index of its last word, or -1. */
static int
institution_at (Ctx  *c,
                guint j)
{
  if (j >= c->words->len || !dl_word_is_any (WORD (c, j), institution_nouns))
    return -1;
  if (j + 1 < c->words->len && dl_word_is_any (WORD (c, j + 1), institution_heads))
    return j + 1;
  if (dl_word_is (WORD (c, j), "prime") || dl_word_is (WORD (c, j), "air") ||
      dl_word_is (WORD (c, j), "state") || dl_word_is (WORD (c, j), "news") ||
      dl_word_is (WORD (c, j), "foreign") || dl_word_is (WORD (c, j), "security"))
    return -1;
  return j;
}

static void
find_states (Ctx *c)
{
  for (guint i = 0; i < c->words->len; i++)
    {
      DlDetectedPlace *p = place_at (c, i);
      guint last;
      g_autoptr(GArray) chain = NULL;
      gboolean country, capital;
      int inst;

      if (p == NULL || !in_text (c, i))
        continue;
      country = place_is_country (p);
      capital = !country && place_is_capital (p);
      if (!country && !capital)
        continue;
      last = c->mention_last[i];

      /* "Israeli forces", "Russia’s foreign ministry" */
      if (country && (c->mention_adj[i] || c->mention_poss[i]) &&
          (inst = institution_at (c, last + 1)) >= 0 && same_sentence (c, i, inst))
        {
          g_autofree char *alias = words_text (c, i, inst);

          state_acts (c, state_for (c, p), WORD (c, i)->start, WORD (c, inst)->end,
                      c->mention_adj[i] ? alias : NULL);
          continue;
        }
      if (c->mention_adj[i] || c->mention_poss[i])
        continue;

      chain = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (chain, i);
      /* "along with Iran has helped": after a preposition it is not the subject */
      if (((i == 0 || !dl_word_is_any (WORD (c, i - 1), prepositions)) &&
           acts_as_subject (c, last, chain, country ? subject_verbs : speech_verbs)) ||
          /* "occupied by Israel", "according to Israel" */
          (country && i > 0 && dl_word_is (WORD (c, i - 1), "by")) ||
          (country && i > 1 && dl_word_is (WORD (c, i - 1), "the") &&
           dl_word_is (WORD (c, i - 2), "by")) ||
          (country && i > 1 && dl_word_is (WORD (c, i - 1), "to") &&
           dl_word_is (WORD (c, i - 2), "according")) ||
          /* "the leaders of the United Arab Emirates and Saudi Arabia" */
          (country && i > 2 && dl_word_is (WORD (c, i - 1), "the") &&
           dl_word_is (WORD (c, i - 2), "of") &&
           dl_word_is_any (WORD (c, i - 3), institution_nouns)) ||
          (country && i > 1 && dl_word_is (WORD (c, i - 1), "of") &&
           dl_word_is_any (WORD (c, i - 2), institution_nouns)))
        {
          if (chain->len == 1)
            acts_as_subject (c, last, chain, subject_verbs);
          for (guint k = 0; k < chain->len; k++)
            {
              guint m = g_array_index (chain, guint, k);
              DlDetectedPlace *q = place_at (c, m);
              g_autofree char *alias = capital ? g_strdup (q->info.name) : NULL;

              state_acts (c, state_for (c, q), WORD (c, m)->start,
                          words_end (c, c->mention_last[m]), alias);
            }
        }
    }
}

/* The first letters of a name's words, "al-Sham" giving "S". */
static char *
initials_of (Ctx  *c,
             guint first,
             guint last)
{
  GString *s = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    {
      const DlWord *w = WORD (c, i);
      const char *dash = memchr (w->s, '-', w->len);

      if (w->upper)
        g_string_append_c (s, g_ascii_toupper (w->s[0]));
      else if (dash != NULL && dash + 1 < w->s + w->len)
        g_string_append_c (s, g_ascii_toupper (dash[1]));
    }
  return g_string_free (s, FALSE);
}

static gboolean
is_name_word (const DlWord *w)
{
  const char *dash;

  if (!w->word)
    return FALSE;
  if (w->upper)
    return TRUE;
  if (dl_word_is_any (w, name_particles))
    return TRUE;
  /* "al-Assad", "el-Sisi" */
  dash = memchr (w->s, '-', w->len);
  return dash != NULL && dash - w->s <= 3 && dash + 1 < w->s + w->len &&
         g_ascii_isupper (dash[1]);
}

static gboolean
is_abbreviation (const DlWord *w)
{
  if (!w->word || w->len < 2 || w->len > 6)
    return FALSE;
  for (guint i = 0; i < w->len; i++)
    if (!g_ascii_isupper (w->s[i]))
      return FALSE;
  return TRUE;
}

/* Whether the letters of @abbr appear in order in @initials, starting with its first. */
static gboolean
abbreviates (const char *abbr,
             const char *initials)
{
  const char *p = initials;
  guint matched = 0, n = strlen (abbr);

  if (*initials == '\0' || abbr[0] != initials[0])
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *hit = strchr (p, abbr[i]);

      if (hit != NULL)
        {
          matched++;
          p = hit + 1;
        }
    }
  return matched * 3 >= n * 2;
}

static DlActorSuggestion *
find_by_name (Ctx        *c,
              const char *name)
{
  for (guint i = 0; i < c->actors->len; i++)
    {
      DlActorSuggestion *a = g_ptr_array_index (c->actors, i);

      if (g_ascii_strcasecmp (a->name, name) == 0)
        return a;
      for (guint k = 0; k < a->aliases->len; k++)
        if (g_ascii_strcasecmp (g_ptr_array_index (a->aliases, k), name) == 0)
          return a;
    }
  return NULL;
}

/* Adds a mention for every word-aligned occurrence of @name in reporting sentences. */
static void
mention_everywhere (Ctx               *c,
                    DlActorSuggestion *a,
                    const char        *name,
                    gboolean           match_case)
{
  g_autoptr(GArray) name_words = dl_words_split (name);
  guint n = name_words->len;

  if (n == 0)
    return;
  for (guint i = 0; i + n <= c->words->len; i++)
    {
      gboolean match = in_text (c, i);

      for (guint k = 0; k < n && match; k++)
        {
          const DlWord *w = WORD (c, i + k), *x = &g_array_index (name_words, DlWord, k);
          gsize len = w->len;

          if (k == n - 1 && is_possessive (w) && !is_possessive (x))
            len -= (w->s[len - 1] == 's' && w->s[len - 2] == '\'') ? 2 : 4;
          match = len == x->len &&
                  (match_case ? strncmp (w->s, x->s, len) == 0 :
                   g_ascii_strncasecmp (w->s, x->s, len) == 0);
        }
      if (match)
        actor_add_mention (a, WORD (c, i)->start, words_end (c, i + n - 1));
    }
}

static void
find_groups (Ctx *c)
{
  guint n = c->words->len;

  /* "Hayat Tahrir al-Sham (HTS)" */
  for (guint k = 1; k + 2 < n; k++)
    {
      const DlWord *abbr = WORD (c, k + 1);
      g_autofree char *abbr_s = NULL;
      g_autofree char *initials = NULL;
      g_autofree char *name = NULL;
      DlActorSuggestion *a;
      guint first = k;

      if (!dl_word_is (WORD (c, k), "(") || !dl_word_is (WORD (c, k + 2), ")") ||
          !is_abbreviation (abbr) || !in_text (c, k))
        continue;
      while (first > 0 && k - first < 8 && same_sentence (c, first - 1, k) &&
             (is_name_word (WORD (c, first - 1)) ||
              /* "Human Rights and Peace Society (HURPES)" */
              (first >= 2 && WORD (c, first - 2)->upper &&
               dl_word_is_any (WORD (c, first - 1), (const char * const []) {
                 "and", "of", "for", "the", NULL }))))
        first--;
      while (first < k && (!WORD (c, first)->upper || dl_word_is (WORD (c, first), "The")))
        first++;
      if (k - first < 2 || (place_at (c, first) && c->mention_last[first] == (int) k - 1))
        continue;
      abbr_s = dl_word_dup (abbr);
      initials = initials_of (c, first, k - 1);
      if (!abbreviates (abbr_s, initials))
        continue;
      name = words_text (c, first, k - 1);
      if ((a = find_by_name (c, name)) == NULL)
        a = actor_new (c, "group", name);
      actor_add_alias (a, abbr_s);
      mention_everywhere (c, a, name, TRUE);
      mention_everywhere (c, a, abbr_s, TRUE);
    }

  /* Organisations by the last word of their name: "United Nations Security Council". */
  for (guint i = 0; i < n; i++)
    {
      guint last = i, first = i;
      gboolean group;
      g_autofree char *name = NULL;
      DlActorSuggestion *a;

      if (!in_text (c, i) || !WORD (c, i)->upper)
        continue;
      group = dl_word_is_any (WORD (c, i), group_suffixes);
      if (!group && !dl_word_is_any (WORD (c, i), organisation_suffixes))
        continue;
      /* only the whole name: "United Nations" is part of "United Nations Security Council" */
      if (i + 1 < n && same_sentence (c, i, i + 1) && WORD (c, i + 1)->upper &&
          WORD (c, i + 1)->word)
        continue;
      while (first > 0 && same_sentence (c, first - 1, i) && WORD (c, first - 1)->upper &&
             WORD (c, first - 1)->word)
        first--;
      if (first == last && i + 2 < n && dl_word_is (WORD (c, i + 1), "of") &&
          WORD (c, i + 2)->upper && first > 0 && WORD (c, first - 1)->upper)
        first--;
      while (first < last && (dl_word_is (WORD (c, first), "The") ||
                              dl_word_is_any (WORD (c, first), (const char * const []) {
                                "Meanwhile", "Elsewhere", "However", "But", "And", "A",
                                "An", NULL })))
        first++;
      if (first == last)
        continue;
      /* "California Institute of Technology", "Department of Government Efficiency" */
      while (last + 2 < n && same_sentence (c, i, last + 2) &&
             (dl_word_is (WORD (c, last + 1), "of") || dl_word_is (WORD (c, last + 1), "for")) &&
             WORD (c, last + 2)->upper && WORD (c, last + 2)->word)
        {
          last += 2;
          while (last + 1 < n && same_sentence (c, i, last + 1) && WORD (c, last + 1)->upper &&
                 WORD (c, last + 1)->word)
            last++;
        }
      i = last;
      name = words_text (c, first, last);
      if ((a = find_by_name (c, name)) == NULL)
        {
          /* "the Security Council" after "the United Nations Security Council" */
          for (guint k = 0; k < c->actors->len && a == NULL; k++)
            {
              DlActorSuggestion *b = g_ptr_array_index (c->actors, k);

              if (g_str_has_suffix (b->name, name) && strlen (b->name) > strlen (name))
                {
                  a = b;
                  actor_add_alias (a, name);
                }
            }
          if (a == NULL)
            a = actor_new (c, group ? "group" : "organisation", name);
        }
      actor_add_mention (a, WORD (c, first)->start, words_end (c, last));
    }

  /* "the Syrian opposition", "Syrian rebels", and later "the rebels" */
  for (guint i = 0; i + 1 < n; i++)
    {
      DlDetectedPlace *p = place_at (c, i);
      guint next;
      g_autofree char *name = NULL;
      DlActorSuggestion *a;

      if (p == NULL || !c->mention_adj[i] || !in_text (c, i))
        continue;
      next = c->mention_last[i] + 1;
      if (next >= n || !dl_word_is_any (WORD (c, next), rebel_words))
        continue;
      if (next + 1 < n && dl_word_is_any (WORD (c, next + 1), (const char * const []) {
            "groups", "forces", "fighters", "factions", NULL }))
        next++;
      name = words_text (c, i, next);
      if ((a = find_by_name (c, name)) == NULL)
        {
          a = actor_new (c, "group", name);
          for (guint k = 0; rebel_aliases[k]; k++)
            {
              guint before = a->mentions->len;

              mention_everywhere (c, a, rebel_aliases[k], FALSE);
              if (a->mentions->len > before)
                actor_add_alias (a, rebel_aliases[k]);
            }
        }
      actor_add_mention (a, WORD (c, i)->start, WORD (c, next)->end);
    }

  /* "HTS is … formerly known as Jabhat al-Nusra" */
  for (guint i = 2; i + 1 < n; i++)
    {
      guint first = i + 1, last = i;
      DlActorSuggestion *group = NULL;
      g_autofree char *alias = NULL;

      if (!dl_word_is (WORD (c, i), "as") || !dl_word_is (WORD (c, i - 1), "known") ||
          !dl_word_is_any (WORD (c, i - 2), (const char * const []) {
            "formerly", "also", "previously", "once", "originally", NULL }) ||
          !in_text (c, i))
        continue;
      while (last + 1 < n && last - i < 5 && is_name_word (WORD (c, last + 1)) &&
             same_sentence (c, i, last + 1))
        last++;
      if (last == i || !WORD (c, first)->upper)
        continue;
      /* the group the sentence is about: the last one named before */
      for (guint k = 0; k < c->actors->len; k++)
        {
          DlActorSuggestion *a = g_ptr_array_index (c->actors, k);

          if (g_strcmp0 (a->kind, "group") != 0)
            continue;
          for (guint m = 0; m < a->mentions->len; m++)
            {
              DlSpan *s = &g_array_index (a->mentions, DlSpan, m);

              for (guint w = 0; w < i; w++)
                if (WORD (c, w)->start == s->start && same_sentence (c, w, i))
                  group = a;
            }
        }
      if (group == NULL)
        continue;
      alias = words_text (c, first, last);
      actor_add_alias (group, alias);
      mention_everywhere (c, group, alias, TRUE);
    }
}

/* The key people are merged by: the folded surname without "al-" ("Assad"). */
static char *
person_key (const char *word)
{
  g_autofree char *s = g_strdup (word);
  const char *p = s;
  gsize len = strlen (s);

  if (len > 4 && strcmp (s + len - 4, "’s") == 0)
    s[len - 4] = '\0';
  else if (len > 2 && strcmp (s + len - 2, "'s") == 0)
    s[len - 2] = '\0';
  if (g_ascii_strncasecmp (p, "al-", 3) == 0 || g_ascii_strncasecmp (p, "el-", 3) == 0)
    p += 3;
  return g_utf8_casefold (p, -1);
}

/* The state or group whose name or adjective ends at word @i ("Israeli", "HTS"). */
static DlActorSuggestion *
affiliation_before (Ctx  *c,
                    guint i)
{
  int first;

  if (i == 0 || !same_sentence (c, i - 1, i))
    return NULL;
  first = c->mention_first[i - 1];
  if (first >= 0 && place_is_country (place_at (c, first)))
    return state_for (c, place_at (c, first));
  if (is_abbreviation (WORD (c, i - 1)))
    {
      g_autofree char *abbr = dl_word_dup (WORD (c, i - 1));
      DlActorSuggestion *a = find_by_name (c, abbr);

      if (a != NULL && g_strcmp0 (a->kind, "group") == 0)
        return a;
    }
  return NULL;
}

static void
find_people (Ctx *c)
{
  guint n = c->words->len;

  /* Two passes: full names first, so that "Sir Keir" and "Mr. Assad" find them. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        guint t = i, first, last;
        gboolean office = FALSE, first_name_title = FALSE, lower;
        g_autofree char *name = NULL;
        g_autofree char *key = NULL;
        g_autofree char *full = NULL;
        DlActorSuggestion *a, *affiliation;
        const DlWord *w = WORD (c, i);

        if (!in_text (c, i))
          continue;
        lower = dl_word_is_any (w, lower_titles) && !w->upper;
        if (!lower && !(w->upper && dl_word_is_any (w, title_words)))
          continue;
        if (i > 0 && same_sentence (c, i - 1, i) && WORD (c, i - 1)->upper &&
            dl_word_is_any (WORD (c, i - 1), title_words))
          continue;  /* inside a title that started before */
        while (t < n && same_sentence (c, i, t) &&
               ((WORD (c, t)->upper && dl_word_is_any (WORD (c, t), title_words)) ||
                (t == i && lower)))
          {
            office = office || dl_word_is_any (WORD (c, t), office_titles);
            first_name_title = dl_word_is_any (WORD (c, t), first_name_titles);
            t++;
            if (t < n && dl_word_is_any (WORD (c, t - 1), dotted_titles) &&
                dl_word_is (WORD (c, t), ".") && !WORD (c, t)->space_before)
              t++;
          }
        first = t;
        last = t;
        while (last < n && last - first < 4 && same_sentence (c, i, last) &&
               is_name_word (WORD (c, last)) && !dl_word_is_any (WORD (c, last), title_words))
          {
            if (is_possessive (WORD (c, last)))
              {
                last++;
                break;
              }
            last++;
          }
        if (last == first || !WORD (c, first)->upper)
          continue;
        last--;
        while (last > first && !WORD (c, last)->upper && !is_name_word (WORD (c, last)))
          last--;
        if ((pass == 0) != (last > first))
          continue;
        if (place_at (c, first) != NULL || c->mention_first[last] >= 0)
          continue;  /* "President Putin of Russia" is fine; "Mr. Syria" is not a name */
        name = words_text (c, first, last);
        {
          g_autofree char *last_word = dl_word_dup (WORD (c, last));

          key = person_key (last_word);
        }
        full = words_text (c, i, last);

        if (last == first && first_name_title)
          {
            g_autofree char *first_key = g_utf8_casefold (name, -1);

            a = g_hash_table_lookup (c->first_names, first_key);
          }
        else
          a = g_hash_table_lookup (c->person_keys, key);

        affiliation = office ? affiliation_before (c, i) : NULL;
        if (a == NULL && affiliation != NULL)
          {
            a = affiliation;
            actor_add_alias (a, name);
            /* "US President Joe Biden" names the state acting, "US" included */
            if (c->mention_first[i - 1] >= 0)
              actor_add_mention (a, WORD (c, c->mention_first[i - 1])->start,
                                 words_end (c, last));
          }
        else if (a == NULL)
          a = actor_new (c, "person", name);
        if (g_strcmp0 (a->kind, "person") == 0 && last > first &&
            strlen (name) > strlen (a->name))
          {
            actor_add_alias (a, a->name);
            g_free (a->name);
            a->name = g_strdup (name);
          }
        actor_add_alias (a, name);
        if (!lower)
          actor_add_alias (a, full);
        actor_add_mention (a, WORD (c, lower ? first : i)->start, words_end (c, last));
        g_hash_table_insert (c->person_keys, g_steal_pointer (&key), a);
        if (last > first)
          {
            g_autofree char *first_word = dl_word_dup (WORD (c, first));

            g_hash_table_insert (c->first_names, g_utf8_casefold (first_word, -1), a);
          }
        i = last;
      }

  /* Later mentions by surname alone: "Assad", "al-Assad", "Netanyahu". */
  for (guint i = 0; i < n; i++)
    {
      const DlWord *w = WORD (c, i);
      g_autofree char *word = NULL;
      g_autofree char *key = NULL;
      g_autofree char *surface = NULL;
      DlActorSuggestion *a;

      if (!in_text (c, i) || !is_name_word (w) || dl_word_is_any (w, name_particles))
        continue;
      word = dl_word_dup (w);
      key = person_key (word);
      if ((a = g_hash_table_lookup (c->person_keys, key)) == NULL)
        continue;
      /* part of a longer name that is someone else's ("Asma al-Assad") */
      if (i > 0 && same_sentence (c, i - 1, i) && WORD (c, i - 1)->upper &&
          WORD (c, i - 1)->word && !dl_word_is_any (WORD (c, i - 1), title_words) &&
          !dl_word_is (WORD (c, i - 1), "The"))
        {
          g_autofree char *prev = dl_word_dup (WORD (c, i - 1));
          g_autofree char *prev_key = g_utf8_casefold (prev, -1);

          if (!g_hash_table_contains (c->first_names, prev_key))
            continue;
        }
      surface = words_text (c, i, i);
      actor_add_alias (a, surface);
      actor_add_mention (a, w->start, words_end (c, i));
    }
}

static gboolean
word_appears_lowercase (Ctx          *c,
                        const DlWord *w)
{
  for (guint i = 0; i < c->words->len; i++)
    {
      const DlWord *x = WORD (c, i);

      if (x->len == w->len && !x->upper && g_ascii_strncasecmp (x->s, w->s, w->len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A proper name that speaks ("Kremlin officials told …") belongs to a state when a
 * sentence where it speaks has that state, and only it, acting. */
static void
find_organs (Ctx *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i + 1 < c->words->len; i++)
    {
      const DlWord *w = WORD (c, i);
      g_autofree char *name = NULL;
      DlActorSuggestion *state = NULL, *a;
      gboolean conflict = FALSE;

      if (!in_text (c, i) || !w->upper || !w->word || place_at (c, i) != NULL ||
          c->mention_first[i] >= 0 || w->digits ||
          !dl_word_is_any (WORD (c, i + 1), organ_triggers) ||
          dl_word_is_any (w, generic_sources) || dl_word_is_any (w, title_words) ||
          is_possessive (w))
        continue;
      name = dl_word_dup (w);
      if (g_hash_table_contains (seen, name) || find_by_name (c, name) != NULL ||
          g_hash_table_contains (c->person_keys, name) || word_appears_lowercase (c, w))
        continue;
      g_hash_table_add (seen, g_strdup (name));

      /* every sentence where it speaks */
      for (guint k = 0; k + 1 < c->words->len; k++)
        {
          DlActorSuggestion *here = NULL;
          gboolean several = FALSE;
          int sentence;

          if (!in_text (c, k) || WORD (c, k)->len != w->len ||
              strncmp (WORD (c, k)->s, w->s, w->len) != 0 ||
              !dl_word_is_any (WORD (c, k + 1), organ_triggers))
            continue;
          sentence = c->sentence_of[k];
          for (guint m = 0; m < c->state_acts->len; m++)
            {
              StateAct *act = &g_array_index (c->state_acts, StateAct, m);
              const DlSentence *s = &g_array_index (c->sentences, DlSentence, sentence);

              if (act->span.start < s->start || act->span.end > s->end)
                continue;
              if (here != NULL && here != act->actor)
                several = TRUE;
              here = act->actor;
            }
          if (here == NULL || several)
            continue;
          if (state != NULL && state != here)
            conflict = TRUE;
          state = here;
        }
      if (conflict)
        state = NULL;
      a = state;
      if (a == NULL)
        a = actor_new (c, "organisation", name);
      else
        actor_add_alias (a, name);
      mention_everywhere (c, a, name, TRUE);
    }
}

static int
compare_first_mention (gconstpointer pa,
                       gconstpointer pb)
{
  const DlActorSuggestion *a = *(DlActorSuggestion **) pa;
  const DlActorSuggestion *b = *(DlActorSuggestion **) pb;

  return g_array_index (a->mentions, DlSpan, 0).start -
         g_array_index (b->mentions, DlSpan, 0).start;
}

static int
compare_spans (gconstpointer pa,
               gconstpointer pb)
{
  const DlSpan *a = pa, *b = pb;

  return a->start != b->start ? a->start - b->start : a->end - b->end;
}

static char *
slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
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
    g_string_append (s, "actor");
  return g_string_free (s, FALSE);
}

static void
finish (Ctx *c)
{
  const char * const *palette;
  guint n_colors;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint i = 0;

  while (i < c->actors->len)
    {
      DlActorSuggestion *a = g_ptr_array_index (c->actors, i);

      if (a->mentions->len == 0)
        g_ptr_array_remove_index (c->actors, i);
      else
        {
          g_array_sort (a->mentions, compare_spans);
          i++;
        }
    }
  g_ptr_array_sort (c->actors, compare_first_mention);
  palette = dl_actor_get_palette (&n_colors);
  for (i = 0; i < c->actors->len; i++)
    {
      DlActorSuggestion *a = g_ptr_array_index (c->actors, i);
      g_autofree char *base = slug (a->name);
      char *id = g_strdup (base);

      for (guint n = 2; g_hash_table_contains (ids, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, n);
        }
      g_hash_table_add (ids, g_strdup (id));
      a->id = id;
      /* the actors' palette, started again past its end */
      a->color = g_strdup (palette[i % n_colors]);
    }
}

/* Places each place mention on the words it covers. */
static void
index_mentions (Ctx *c)
{
  guint n = c->words->len;

  for (guint i = 0; i < n; i++)
    {
      c->mention_place[i] = -1;
      c->mention_first[i] = -1;
    }
  for (guint p = 0; c->places != NULL && p < c->places->len; p++)
    {
      DlDetectedPlace *place = g_ptr_array_index (c->places, p);

      for (guint m = 0; place->mentions != NULL && m < place->mentions->len; m++)
        {
          const DlMention *mention = &g_array_index (place->mentions, DlMention, m);
          guint lo = 0, hi = n, last;

          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;

              if (WORD (c, mid)->start < mention->start)
                lo = mid + 1;
              else
                hi = mid;
            }
          if (lo >= n || WORD (c, lo)->start != mention->start)
            continue;
          for (last = lo; last + 1 < n && WORD (c, last)->end < mention->end; last++)
            ;
          if (WORD (c, last)->end < mention->end)
            continue;
          c->mention_place[lo] = p;
          c->mention_last[lo] = last;
          c->mention_adj[lo] = mention->adjectival;
          c->mention_poss[lo] = WORD (c, last)->end > mention->end &&
                                is_possessive (WORD (c, last));
          c->mention_first[last] = lo;
        }
    }
}

/**
 * dl_actor_suggest:
 * @text: the article (UTF-8)
 * @sentences: (nullable) (element-type DlSentence): its sentences, or %NULL
 * @places: (nullable) (element-type DlDetectedPlace): the places detected in @text
 *
 * Returns: (transfer full) (element-type DlActorSuggestion): the suggested actors.
 */
GPtrArray *
dl_actor_suggest (const char *text,
                  GArray     *sentences,
                  GPtrArray  *places)
{
  g_autoptr(GArray) own_sentences = NULL;
  g_autoptr(GArray) words = NULL;
  Ctx c = { 0 };
  guint n;

  g_return_val_if_fail (text != NULL, NULL);

  c.actors = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_actor_suggestion_free);
  if (!g_utf8_validate (text, -1, NULL))
    return c.actors;
  if (sentences == NULL)
    sentences = own_sentences = dl_sentences_split (text);

  words = dl_words_split (text);
  n = words->len;
  c.text = text;
  c.words = words;
  c.sentences = sentences;
  c.places = places;
  c.sentence_of = g_new (int, n + 1);
  c.mention_place = g_new (int, n + 1);
  c.mention_last = g_new0 (int, n + 1);
  c.mention_adj = g_new0 (guint8, n + 1);
  c.mention_poss = g_new0 (guint8, n + 1);
  c.mention_first = g_new (int, n + 1);
  c.person_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.first_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.state_acts = g_array_new (FALSE, FALSE, sizeof (StateAct));

  for (guint i = 0, s = 0; i < n; i++)
    {
      const DlWord *w = WORD (&c, i);

      while (s < sentences->len && g_array_index (sentences, DlSentence, s).end <= w->start)
        s++;
      c.sentence_of[i] = -1;
      if (s < sentences->len && g_array_index (sentences, DlSentence, s).start <= w->start &&
          !dl_sentence_is_boilerplate (&g_array_index (sentences, DlSentence, s)))
        c.sentence_of[i] = s;
    }
  index_mentions (&c);

  find_states (&c);
  find_groups (&c);
  find_people (&c);
  find_organs (&c);
  finish (&c);

  g_free (c.sentence_of);
  g_free (c.mention_place);
  g_free (c.mention_last);
  g_free (c.mention_adj);
  g_free (c.mention_poss);
  g_free (c.mention_first);
  g_hash_table_unref (c.person_keys);
  g_hash_table_unref (c.first_names);
  g_array_unref (c.state_acts);

  return c.actors;
}

/**
 * dl_actor_suggest_find_at:
 * @actors: (element-type DlActorSuggestion): suggestions
 * @start: code point
 * @end: code point, exclusive
 *
 * Returns: (transfer none) (nullable): the actor a mention of which lies in [@start, @end).
 */
DlActorSuggestion *
dl_actor_suggest_find_at (GPtrArray *actors,
                          int        start,
                          int        end)
{
  g_return_val_if_fail (actors != NULL, NULL);

  for (guint i = 0; i < actors->len; i++)
    {
      DlActorSuggestion *a = g_ptr_array_index (actors, i);

      for (guint m = 0; m < a->mentions->len; m++)
        {
          const DlSpan *s = &g_array_index (a->mentions, DlSpan, m);

          if (s->start >= start && s->end <= end)
            return a;
        }
    }
  return NULL;
}
