/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-detector"

#include <math.h>
#include <string.h>

#include "dl-gazetteer-private.h"

#include "dl-place-detector.h"

/* How the detector works (see docs/place-detection.md for the reasons):
 * 1. tokenize: words with their case, sentence starts and code-point offsets;
 * 2. match the longest gazetteer name at each capitalised word (multi-word names, "U.S.",
 *    possessives, demonyms marked adjectival);
 * 3. drop what is not a place: months and weekdays, titles and person names ("President X",
 *    "Michael Jordan"), organisations ("Real Madrid", "Manchester United", "X Foundation"),
 *    common words at a sentence start ("Nice to see"), acronyms that are not place names;
 *    a name taken for a person once is a person throughout;
 * 4. resolve each name to one entry by evidence: qualifiers ("Tripoli in northern Lebanon",
 *    "Manchester, New Hampshire", "Homs province"), the countries the article names, the
 *    nearness of the other places, kind and population; one sense per discourse;
 * 5. drop small places that nothing in the text supports. */

#define MAX_NAME_WORDS 6
#define MAX_SENSES 64
#define MAX_ANCHORS 200
#define EARTH_RADIUS_KM 6371.0

typedef enum
{
  TOKEN_WORD,
  TOKEN_PUNCT,
  TOKEN_BREAK,  /* a line break */
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *p;
  gsize       len;
  int         cp_start, cp_end;
  gunichar    punct;           /* for TOKEN_PUNCT */
  gboolean    cap;             /* starts with a capital (or a letter without case) */
  gboolean    all_caps;        /* two letters or more, all capitals */
  gboolean    sentence_start;
  gboolean    space_before;    /* only spaces between this and the previous token */
  gboolean    possessive_before; /* a possessive’s "’s" between them */
  char       *folded;
} Token;

typedef struct
{
  guint32  entry;
  gboolean adjectival;
} Sense;

typedef struct
{
  guint     first, last;     /* token range */
  char     *folded;          /* the folded name */
  GArray   *senses;          /* Sense */
  gboolean  rejected;
  int       group;           /* index of its name group after resolution */
  double    qualifier_bonus_kind;  /* "province" → regions, "city" → cities */
  int       qualifier;       /* the candidate qualifying it ("…, New Hampshire"), or -1 */
  gboolean  locative;        /* after "in", "at", "near" … */
} Candidate;

typedef struct
{
  DlGazetteer *gazetteer;
  const char  *text;
  GArray      *tokens;       /* Token */
  GArray      *candidates;   /* Candidate */
  GHashTable  *focus;        /* country code → mentions */
  guint        focus_total;
} Detector;

static const char * const months_and_days[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
  "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", NULL,
};

static const char * const titles[] = {
  "president", "prime", "minister", "king", "queen", "prince", "princess", "sir", "lord",
  "lady", "mr", "mrs", "ms", "dr", "general", "gen", "colonel", "col", "captain", "capt",
  "sheikh", "emir", "pope", "senator", "sen", "rep", "representative", "governor", "gov",
  "mayor", "judge", "justice", "chancellor", "secretary", "ambassador", "bishop",
  "archbishop", "imam", "rabbi", "father", "commander", "lieutenant", "lt", "sergeant",
  "sgt", "admiral", "marshal", "professor", "prof", "chairman", "director", "spokesman",
  "spokeswoman", "ayatollah", "mullah", "sultan", "emperor", "vice", "deputy", "agent",
  "coach", "striker", "officer", "detective", "saint", "st", "mount", "lake", "cape", NULL,
};

/* Capitalised words that may stand before a place name without making it a person's. */
static const char * const place_prefixes[] = {
  "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
  "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
  "southeastern", "southwestern", "upper", "lower", "greater", "inner", "outer", "downtown",
  "old", "new", "occupied", "rural", "metropolitan", "coastal", "the", "in", "of", "and",
  "from", "to", "at", "near", "for", "by", "on", "with", "across", "into", NULL,
};

/* Words that make a preceding or following place name part of an organisation's name. */
static const char * const org_words[] = {
  "united", "city", "foundation", "university", "college", "institute", "airlines",
  "airways", "club", "fc", "times", "post", "journal", "herald", "tribune", "gazette",
  "chronicle", "bank", "group", "company", "corporation", "inc", "ltd", "rovers",
  "wanderers", "athletic", "rangers", "hotspur", "villa", "county", "stadium", "academy",
  "school", "hospital", "street", "road", "avenue", "square", "hotel", "church", "mosque",
  "cathedral", "fund", "trust", "society", "association", "orchestra", "philharmonic",
  "symphony", "opera", "museum", "library", "review", "daily", "weekly", "magazine",
  "records", "studios", "pictures", "press", "party", "council", "broadcasting", "zoo",
  "public", "postal", "red", "regional", "elementary", "high", NULL,
};

static const char * const org_prefixes[] = {
  "real", "atletico", "atlético", "sporting", "inter", "dynamo", "dinamo", "olympique",
  "racing", "fc", "ac", "as", "borussia", "union", "bank", "hotel", "university", "fort", NULL,
};

static const char * const locatives[] = {
  "in", "at", "near", "from", "outside", "to", "into", "across", "towards", "toward",
  "around", "between", "via", "inside", "throughout", "through", "within", "visit", NULL,
};

static const char * const directions[] = {
  "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
  "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
  "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
  "south-western", "neighbouring", "neighboring", "rebel-held", "war-torn", NULL,
};

static const char * const connectors[] = {
  "of", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "les",
  "el", "al", "du", "des", "and", "y", "upon", "on", "am", "an", "der", "den", "van",
  "von", "sur", "en", "bin", "ibn", "bani", "beni", "ben", NULL,
};

static gboolean
in_list (const char * const *list,
         const char          *word)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], word))
      return TRUE;
  return FALSE;
}

/* Tokens -------------------------------------------------------------------------------- */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026;
}

static void
tokenize (Detector *self)
{
  const char *p = self->text;
  int cp = 0;
  gboolean at_start = TRUE, space = FALSE, possessive = FALSE;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      Token t = { 0 };

      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        {
          t.kind = TOKEN_BREAK;
          t.p = p;
          t.len = g_utf8_next_char (p) - p;
          t.cp_start = cp;
          t.cp_end = cp + 1;
          g_array_append_val (self->tokens, t);
          p = g_utf8_next_char (p);
          cp++;
          at_start = TRUE;
          space = FALSE;
          possessive = FALSE;
          continue;
        }
      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          cp++;
          space = TRUE;
          continue;
        }
      /* A possessive's "’s" belongs to no token, so that "People’s Republic of China" reads
       * as one name. */
      if (is_apostrophe (c) && self->tokens->len > 0 && !space)
        {
          const char *next = g_utf8_next_char (p);
          gunichar n = g_utf8_get_char (next);

          if ((n == 's' || n == 'S') && !is_word_char (g_utf8_get_char (next + 1)))
            {
              p = next + 1;
              cp += 2;
              possessive = TRUE;
              continue;
            }
        }
      t.p = p;
      t.cp_start = cp;
      t.space_before = space;
      t.possessive_before = possessive;
      space = FALSE;
      possessive = FALSE;
      if (!is_word_char (c))
        {
          t.kind = TOKEN_PUNCT;
          t.punct = c;
          p = g_utf8_next_char (p);
          cp++;
          t.len = p - t.p;
          t.cp_end = cp;
          g_array_append_val (self->tokens, t);
          if (is_sentence_end (c))
            at_start = TRUE;
          continue;
        }

      /* A word: letters and digits, joined by hyphens ("Nagorno-Karabakh"), apostrophes
       * other than a possessive's ("Côte d'Ivoire", but "Damascus's"), and full stops
       * between capitals ("U.S."). */
      {
        guint letters = 0, upper = 0;
        gboolean dotted = FALSE, ends_sentence = FALSE;

        while (*p != '\0')
          {
            const char *next;
            gunichar n, n2;

            c = g_utf8_get_char (p);
            if (is_word_char (c))
              {
                if (g_unichar_isalpha (c))
                  {
                    letters++;
                    if (g_unichar_isupper (c) || g_unichar_istitle (c))
                      upper++;
                    if (letters == 1)
                      t.cap = g_unichar_isupper (c) || g_unichar_istitle (c) ||
                              !g_unichar_islower (c);
                  }
                p = g_utf8_next_char (p);
                cp++;
                continue;
              }
            next = g_utf8_next_char (p);
            n = g_utf8_get_char (next);
            n2 = *next != '\0' ? g_utf8_get_char (g_utf8_next_char (next)) : 0;
            /* "Nagorno-Karabakh", "al-Assad", but "Australia-wide": a capitalised word
             * ends before a hyphen and a lower-case suffix. */
            if ((c == '-' || c == 0x2010) && g_unichar_isalpha (n) &&
                !(t.cap && g_unichar_islower (n)))
              ;
            else if (is_apostrophe (c) && g_unichar_isalpha (n) &&
                     !((n == 's' || n == 'S') && !is_word_char (n2)))
              ;
            else if (c == '.' && g_unichar_isupper (n) && n2 == '.' && letters == upper &&
                     p - t.p <= 3)
              dotted = TRUE;
            else if (c == '.' && dotted)
              {
                /* The closing stop of "U.S.", which may end a sentence too. */
                p = next;
                cp++;
                ends_sentence = TRUE;
                break;
              }
            else
              break;
            p = next;
            cp++;
          }
        t.kind = TOKEN_WORD;
        t.len = p - t.p;
        t.cp_end = cp;
        t.all_caps = letters >= 2 && upper == letters;
        t.sentence_start = at_start;
        t.folded = dl_gazetteer_fold (t.p, t.len);
        at_start = ends_sentence;
        /* "Mr. Assad": the stop after a title does not end the sentence. */
        if (*p == '.' && in_list (titles, t.folded) && t.len <= 5)
          {
            p++;
            cp++;
            t.len++;
            t.cp_end++;
          }
        g_array_append_val (self->tokens, t);
      }
    }
}

static Token *
token (Detector *self,
       int       i)
{
  if (i < 0 || (guint) i >= self->tokens->len)
    return NULL;
  return &g_array_index (self->tokens, Token, i);
}

/* The word token right before @i with only spaces between, or NULL. */
static Token *
adjacent_word_before (Detector *self,
                      guint     i)
{
  Token *t = token (self, i);
  Token *prev = token (self, (int) i - 1);

  if (t == NULL || prev == NULL || !t->space_before || t->possessive_before ||
      prev->kind != TOKEN_WORD)
    return NULL;
  return prev;
}

static Token *
adjacent_word_after (Detector *self,
                     guint     i)
{
  Token *next = token (self, (int) i + 1);

  if (next == NULL || !next->space_before || next->possessive_before ||
      next->kind != TOKEN_WORD)
    return NULL;
  return next;
}

/* Entries ------------------------------------------------------------------------------- */

static gboolean
is_country_level (const DlGazetteerEntry *e)
{
  return g_str_equal (e->feature_code, "PCLI") || g_str_equal (e->feature_code, "PCLD") ||
         g_str_equal (e->feature_code, "TERR") || g_str_equal (e->feature_code, "CONT");
}

static gboolean
is_country (const DlGazetteerEntry *e)
{
  return g_str_equal (e->feature_code, "PCLI") || g_str_equal (e->feature_code, "PCLD");
}

static gboolean
is_city (const DlGazetteerEntry *e)
{
  return g_str_equal (e->kind, "city") || g_str_equal (e->kind, "capital");
}

/* What the name alone says: kind first, then population (two points a tenfold). A
 * country's name is a country's unless the text gives strong reasons otherwise. */
static double
prior (const DlGazetteerEntry *e)
{
  const char *code = e->feature_code;
  double pop = log10 ((double) e->population + 1.0);

  if (g_str_equal (code, "PCLI"))
    return 16.0;
  if (g_str_equal (code, "PCLD") || g_str_equal (code, "TERR"))
    return 14.0;
  if (g_str_equal (code, "CONT"))
    return 13.0;
  if (g_str_equal (code, "ADM1"))
    return 11.0;
  if (g_str_equal (code, "PPLC"))
    return 5.0 + 2.0 * pop;
  if (g_str_has_prefix (code, "PPLA") && code[4] == '\0')
    return 3.0 + 2.0 * pop;
  if (g_str_has_prefix (code, "PPLA"))
    return 1.5 + 2.0 * pop;
  if (is_city (e))
    return 2.0 * pop;
  return 10.0;  /* seas, rivers, mountains, regions: above a small town of the name */
}

static double
distance_km (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (a)));
}

/* Matching ------------------------------------------------------------------------------ */

static void
candidate_clear (Candidate *c)
{
  g_clear_pointer (&c->senses, g_array_unref);
  g_clear_pointer (&c->folded, g_free);
}

/* Whether the name @n may be read in the text of tokens [@first, @last]. */
static gboolean
name_fits (Detector                  *self,
           const DlGazetteerFileName *n,
           guint                      first,
           guint                      last)
{
  gboolean all_caps = TRUE;

  for (guint i = first; i <= last; i++)
    if (!token (self, i)->all_caps)
      all_caps = FALSE;
  if (n->flags & DL_GAZETTEER_NAME_ABBREV)
    return all_caps;
  /* An acronym in the text ("TASS", "HTS") is not a place spelled in capitals. */
  if (first == last && all_caps && token (self, first)->len <= 5)
    return FALSE;
  return TRUE;
}

static gboolean
match_at (Detector  *self,
          guint      first,
          Candidate *out)
{
  Token *t0 = token (self, first);
  guint best_last = 0, best_first_name = 0, best_end_name = 0;
  gboolean found = FALSE;

  if (t0->kind != TOKEN_WORD || !t0->cap || g_unichar_isdigit (g_utf8_get_char (t0->p)))
    return FALSE;

  for (guint last = first; last < self->tokens->len && last < first + MAX_NAME_WORDS; last++)
    {
      Token *t = token (self, last);
      g_autofree char *folded = NULL;
      guint32 from, to;

      if (last > first &&
          (t->kind != TOKEN_WORD || !t->space_before ||
           (!t->cap && !in_list (connectors, t->folded))))
        break;
      folded = dl_gazetteer_fold (t0->p, (t->p + t->len) - t0->p);
      if (folded[0] == '\0')
        break;
      to = dl_gazetteer_name_range (self->gazetteer, folded, &from);
      if (to > from && t->cap)
        {
          gboolean any = FALSE;

          for (guint32 i = from; i < to && !any; i++)
            any = name_fits (self, dl_gazetteer_get_name (self->gazetteer, i), first, last);
          if (any)
            {
              found = TRUE;
              best_last = last;
              best_first_name = from;
              best_end_name = to;
            }
        }
      if (!dl_gazetteer_has_prefix (self->gazetteer, folded))
        break;
    }
  if (!found)
    return FALSE;

  out->first = first;
  out->last = best_last;
  out->senses = g_array_new (FALSE, FALSE, sizeof (Sense));
  out->qualifier = -1;
  out->group = -1;
  for (guint32 i = best_first_name; i < best_end_name; i++)
    {
      const DlGazetteerFileName *n = dl_gazetteer_get_name (self->gazetteer, i);
      Sense s = { n->entry, (n->flags & DL_GAZETTEER_NAME_ADJECTIVAL) != 0 };
      DlGazetteerEntry e;

      /* The names of one folded form are one per entry, most prominent first: the first
       * MAX_SENSES are enough ("San José" has hundreds). A damaged entry is skipped (the
       * gazetteer checks each record as it is read). */
      if (out->senses->len >= MAX_SENSES)
        break;
      if (!name_fits (self, n, first, best_last) ||
          !dl_gazetteer_get_entry (self->gazetteer, n->entry, &e))
        continue;
      g_array_append_val (out->senses, s);
    }
  out->folded = dl_gazetteer_fold (t0->p, (token (self, best_last)->p +
                                           token (self, best_last)->len) - t0->p);
  if (out->senses->len == 0)
    {
      candidate_clear (out);
      return FALSE;
    }
  return TRUE;
}

/* A common word, or a hyphenated one starting with one ("President-elect"). */
static gboolean
is_common (Detector   *self,
           const char *folded)
{
  g_autofree char *head = NULL;
  const char *space = strchr (folded, ' ');

  if (dl_gazetteer_is_common_word (self->gazetteer, folded))
    return TRUE;
  if (space == NULL)
    return FALSE;
  head = g_strndup (folded, space - folded);
  return dl_gazetteer_is_common_word (self->gazetteer, head);
}

static gboolean
best_is_big (Detector  *self,
             GArray    *senses)
{
  for (guint i = 0; i < senses->len; i++)
    {
      DlGazetteerEntry e;

      dl_gazetteer_get_entry (self->gazetteer, g_array_index (senses, Sense, i).entry, &e);
      if (is_country_level (&e) || g_str_equal (e.feature_code, "ADM1") ||
          e.population >= 100000)
        return TRUE;
    }
  return FALSE;
}

static gboolean
best_is_large_place (Detector *self,
                     GArray   *senses)
{
  for (guint i = 0; i < senses->len; i++)
    {
      DlGazetteerEntry e;

      dl_gazetteer_get_entry (self->gazetteer, g_array_index (senses, Sense, i).entry, &e);
      if (is_country_level (&e) || e.population >= 100000)
        return TRUE;
    }
  return FALSE;
}

/* Whether the word at @i is a place name of some weight (for "Paris Hilton" against
 * "Damascus Palace"). */
static gboolean
word_is_place (Detector *self,
               guint     i)
{
  Candidate c = { 0 };
  gboolean big;

  if (!match_at (self, i, &c))
    return FALSE;
  big = best_is_big (self, c.senses);
  candidate_clear (&c);
  return big;
}

static gboolean
any_sense_country_level (Detector  *self,
                         Candidate *c)
{
  for (guint i = 0; i < c->senses->len; i++)
    {
      DlGazetteerEntry e;

      dl_gazetteer_get_entry (self->gazetteer, g_array_index (c->senses, Sense, i).entry, &e);
      if (is_country_level (&e))
        return TRUE;
    }
  return FALSE;
}

/* Whether the word at @i follows "in", "at", "near"… (perhaps with "northern" between). */
static gboolean
after_locative (Detector *self,
                guint     i)
{
  Token *before = token (self, (int) i - 1);
  Token *b2 = token (self, (int) i - 2);

  if (before == NULL || before->kind != TOKEN_WORD)
    return FALSE;
  if (in_list (locatives, before->folded))
    return TRUE;
  return in_list (directions, before->folded) && b2 != NULL && b2->kind == TOKEN_WORD &&
         in_list (locatives, b2->folded);
}

/* Rule 3: what is not a place, whatever the gazetteer says. */
static gboolean
is_not_a_place (Detector  *self,
                Candidate *c,
                gboolean  *person)
{
  Token *first = token (self, c->first);
  Token *before = adjacent_word_before (self, c->first);
  Token *after = adjacent_word_after (self, c->last);
  gboolean single = c->first == c->last;

  *person = FALSE;
  if (single && in_list (months_and_days, first->folded))
    return TRUE;

  if (before != NULL && before->cap)
    {
      if (in_list (titles, before->folded) || in_list (org_prefixes, before->folded))
        {
          *person = in_list (titles, before->folded);
          return TRUE;
        }
      /* "Michael Jordan": a capitalised word that is no place and no common word at a
       * sentence start. */
      if (!in_list (place_prefixes, before->folded) && !in_list (directions, before->folded) &&
          !(before->sentence_start && is_common (self, before->folded)) &&
          !word_is_place (self, c->first - 1))
        {
          *person = TRUE;
          return TRUE;
        }
    }
  if (after != NULL && after->cap && !after->sentence_start)
    {
      if (in_list (org_words, after->folded))
        return TRUE;
      /* "Paris Hilton", "Jordan Peterson": followed by a capitalised word that is no place
       * and, after a large place, no common word ("Damascus Palace", "US President"); a
       * small place's name before any capitalised word ("Donald Trump", "Kennedy Space
       * Center") is a person's or an organisation's. */
      if (!after->all_caps && !word_is_place (self, c->last + 1) &&
          !in_list (months_and_days, after->folded))
        {
          if (!best_is_big (self, c->senses))
            {
              *person = TRUE;
              return TRUE;
            }
          if (!is_common (self, after->folded))
            return TRUE;
        }
    }

  /* "Nice to see…", "Reading the report…": a common word opening a sentence. */
  if (single && first->sentence_start &&
      dl_gazetteer_is_common_word (self->gazetteer, first->folded) &&
      !any_sense_country_level (self, c))
    return TRUE;
  /* A common word elsewhere is a place only when it is a large one (a country, a city of
   * 100,000), or after "in", "near"… ("died in Paisley"); a direction never alone
   * ("Northern Ireland" when the gazetteer knows only Zambia's Northern Province). */
  if (single && dl_gazetteer_is_common_word (self->gazetteer, first->folded) &&
      !after_locative (self, c->first) && !best_is_large_place (self, c->senses))
    return TRUE;
  if (single && in_list (directions, first->folded))
    return TRUE;
  /* Money: "US$460 million". */
  {
    Token *next = token (self, (int) c->last + 1);

    if (next != NULL && next->kind == TOKEN_PUNCT && !next->space_before &&
        g_unichar_type (next->punct) == G_UNICODE_CURRENCY_SYMBOL)
      return TRUE;
  }
  return FALSE;
}

static void
find_candidates (Detector *self)
{
  g_autoptr(GHashTable) persons = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->tokens->len;)
    {
      Candidate c = { 0 };
      gboolean person;
      if (!match_at (self, i, &c))
        {
          i++;
          continue;
        }
      c.rejected = is_not_a_place (self, &c, &person);
      /* Only a small place's name is taken for a person's elsewhere too. */
      if (person && !best_is_big (self, c.senses))
        g_hash_table_add (persons, c.folded);
      c.locative = after_locative (self, c.first);
      i = c.last + 1;
      g_array_append_val (self->candidates, c);
    }

  /* A name once read as a person's is a person's throughout ("President Assad … Assad"). */
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *c = &g_array_index (self->candidates, Candidate, i);

      if (g_hash_table_contains (persons, c->folded) && !any_sense_country_level (self, c))
        c->rejected = TRUE;
    }
}

/* Qualifiers ------------------------------------------------------------------------------ */

static int
candidate_at_token (Detector *self,
                    guint     tok)
{
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *c = &g_array_index (self->candidates, Candidate, i);

      if (c->first == tok)
        return c->rejected ? -1 : (int) i;
      if (c->first > tok)
        break;
    }
  return -1;
}

/* "X, Q", "X in [northern] Q", "X province". */
static void
find_qualifiers (Detector *self)
{
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *c = &g_array_index (self->candidates, Candidate, i);
      guint k = c->last + 1;
      Token *t = token (self, k);

      if (c->rejected || t == NULL)
        continue;
      if (t->kind == TOKEN_PUNCT && t->punct == ',')
        c->qualifier = candidate_at_token (self, k + 1);
      else if (t->kind == TOKEN_WORD && g_str_equal (t->folded, "in"))
        {
          Token *d = token (self, k + 1);

          if (d != NULL && d->kind == TOKEN_WORD && in_list (directions, d->folded))
            k++;
          c->qualifier = candidate_at_token (self, k + 1);
        }
      else if (t->kind == TOKEN_WORD &&
               (g_str_equal (t->folded, "province") || g_str_equal (t->folded, "governorate") ||
                g_str_equal (t->folded, "state") || g_str_equal (t->folded, "region") ||
                g_str_equal (t->folded, "oblast") || g_str_equal (t->folded, "district")))
        c->qualifier_bonus_kind = 1;
      else if (t->kind == TOKEN_WORD && g_str_equal (t->folded, "city"))
        c->qualifier_bonus_kind = -1;
    }
}

typedef enum
{
  NOT_CONTAINED,
  SAME_COUNTRY,
  CONTAINED,
} Containment;

/* Whether @e lies in one of the senses of candidate @q. */
static Containment
contained_in (Detector               *self,
              const DlGazetteerEntry *e,
              Candidate              *q)
{
  gboolean same_country = FALSE;

  for (guint i = 0; i < q->senses->len; i++)
    {
      DlGazetteerEntry r;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      dl_gazetteer_get_entry (self->gazetteer, g_array_index (q->senses, Sense, i).entry, &r);
      if (r.index == e->index || r.country_code[0] == '\0' ||
          !g_str_equal (r.country_code, e->country_code))
        continue;
      if (is_country_level (&r) && !is_country_level (e))
        return CONTAINED;
      if (g_str_equal (r.feature_code, "ADM1") && !is_country_level (e) &&
          !g_str_equal (e->feature_code, "ADM1"))
        {
          a = dl_gazetteer_fold (r.name, -1);
          b = dl_gazetteer_fold (e->admin1_name, -1);
          if (g_str_equal (a, b) || (b[0] != '\0' && strstr (a, b) != NULL))
            return CONTAINED;
          /* The region of a place is not always known: the country then speaks. */
          same_country = TRUE;
        }
    }
  return same_country ? SAME_COUNTRY : NOT_CONTAINED;
}

/* Resolution ------------------------------------------------------------------------------ */

typedef struct
{
  char             *folded;
  GArray           *members;    /* candidate indexes */
  guint32           entry;
  gboolean          resolved;
  DlGazetteerEntry  info;       /* of entry, once resolved */
  char             *admin1;     /* its folded first-level region */
  gboolean          point;      /* a city or site, for nearness */
} Group;

static void
group_clear (Group *g)
{
  g_free (g->folded);
  g_free (g->admin1);
  g_array_unref (g->members);
}

/* The other names resolved to a country (for a country) or to a first-level region of
 * the same country (for such a region). */
static guint
siblings (Detector               *self,
          GArray                 *groups,
          guint                   gi,
          const DlGazetteerEntry *e)
{
  gboolean region = g_str_equal (e->feature_code, "ADM1");
  guint n = 0;

  if (!region && !is_country (e))
    return 0;
  for (guint j = 0; j < groups->len && j < MAX_ANCHORS; j++)
    {
      Group *o = &g_array_index (groups, Group, j);

      if (j == gi || !o->resolved)
        continue;
      if (region ? (g_str_equal (o->info.feature_code, "ADM1") &&
                    g_str_equal (o->info.country_code, e->country_code))
                 : is_country (&o->info))
        n++;
    }
  return n;
}

static double
score (Detector               *self,
       GArray                 *groups,
       guint                   gi,
       const DlGazetteerEntry *e,
       gboolean                use_nearness)
{
  Group *g = &g_array_index (groups, Group, gi);
  double s = prior (e);
  double focus = 0;
  Containment qualified = NOT_CONTAINED;

  for (guint m = 0; m < g->members->len; m++)
    {
      Candidate *c = &g_array_index (self->candidates, Candidate,
                                     g_array_index (g->members, guint, m));

      if (c->qualifier >= 0)
        qualified = MAX (qualified, contained_in (self, e, &g_array_index (self->candidates,
                                                                           Candidate,
                                                                           c->qualifier)));
      if (c->qualifier_bonus_kind > 0 && g_str_equal (e->feature_code, "ADM1"))
        s += 8;
      if (c->qualifier_bonus_kind < 0 && is_city (e))
        s += 3;
    }
  /* "North Sea", "Jordan River": a name of several words read as a physical feature is
   * that feature, not a town named after it. */
  if (!is_city (e) && e->country_code[0] == '\0' && strchr (g->folded, ' ') != NULL)
    s += 6;
  if (qualified == CONTAINED)
    s += 15;
  else if (qualified == SAME_COUNTRY)
    s += 8;

  /* The countries the article names: present at all, and their share of the mentions. */
  if (e->country_code[0] != '\0' && !is_country (e) && self->focus_total > 0)
    {
      focus = GPOINTER_TO_UINT (g_hash_table_lookup (self->focus, e->country_code));
      if (focus > 0)
        s += 1.5 + 4.0 * focus / self->focus_total;
    }

  if (use_nearness)
    {
      double nearest = G_MAXDOUBLE;
      gboolean holds = FALSE;
      g_autofree char *region = NULL;

      if (g_str_equal (e->feature_code, "ADM1"))
        region = dl_gazetteer_fold (e->name, -1);
      /* The first MAX_ANCHORS names of the text are enough to say where it is. */
      for (guint j = 0; j < groups->len && j < MAX_ANCHORS; j++)
        {
          Group *o = &g_array_index (groups, Group, j);

          if (j == gi || !o->resolved)
            continue;
          /* A country or region that holds the article's other places. */
          if (e->country_code[0] != '\0' && g_str_equal (o->info.country_code, e->country_code) &&
              !is_country_level (&o->info) &&
              (is_country (e) || (region != NULL && g_str_equal (o->admin1, region))))
            holds = TRUE;
          if (o->point && !is_country_level (e))
            nearest = MIN (nearest, distance_km (e->lat, e->lon, o->info.lat, o->info.lon));
        }
      if (holds)
        s += 4.0;
      /* Names listed together are of a kind: states among states, countries among
       * countries ("Arizona, California, Georgia, Idaho"). */
      s += 2.0 * MIN (siblings (self, groups, gi, e), 4);
      /* Near the article's other places. */
      if (nearest < G_MAXDOUBLE)
        s += 4.0 * exp (-nearest / 400.0);
    }
  return s;
}

static void
add_focus (Detector   *self,
           const char *country_code,
           guint       weight)
{
  guint old = GPOINTER_TO_UINT (g_hash_table_lookup (self->focus, country_code));

  g_hash_table_insert (self->focus, (gpointer) country_code, GUINT_TO_POINTER (old + weight));
  self->focus_total += weight;
}

static void
resolve (Detector *self,
         GArray   *groups)
{
  /* Focus countries: names whose most likely reading is a country, and qualifiers. */
  for (guint gi = 0; gi < groups->len; gi++)
    {
      Group *g = &g_array_index (groups, Group, gi);
      Candidate *c = &g_array_index (self->candidates, Candidate,
                                     g_array_index (g->members, guint, 0));
      double best = -G_MAXDOUBLE;
      DlGazetteerEntry top = { 0 };

      for (guint i = 0; i < c->senses->len; i++)
        {
          DlGazetteerEntry e;

          dl_gazetteer_get_entry (self->gazetteer, g_array_index (c->senses, Sense, i).entry, &e);
          if (prior (&e) > best)
            {
              best = prior (&e);
              top = e;
            }
        }
      if (best > -G_MAXDOUBLE && is_country (&top))
        add_focus (self, top.country_code, g->members->len);
    }

  /* Two passes: alone, then with the nearness of the places the first pass placed. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint gi = 0; gi < groups->len; gi++)
        {
          Group *g = &g_array_index (groups, Group, gi);
          Candidate *c = &g_array_index (self->candidates, Candidate,
                                         g_array_index (g->members, guint, 0));
          double best = -G_MAXDOUBLE;
          DlGazetteerEntry chosen = { 0 };

          for (guint i = 0; i < c->senses->len; i++)
            {
              DlGazetteerEntry e;
              double s;

              dl_gazetteer_get_entry (self->gazetteer,
                                      g_array_index (c->senses, Sense, i).entry, &e);
              s = score (self, groups, gi, &e, pass == 1);
              if (s > best)
                {
                  best = s;
                  chosen = e;
                }
            }
          g->entry = chosen.index;
          g->info = chosen;
          g_free (g->admin1);
          g->admin1 = dl_gazetteer_fold (chosen.admin1_name, -1);
          g->point = !is_country_level (&chosen) && !g_str_equal (chosen.feature_code, "ADM1") &&
                     !g_str_equal (chosen.kind, "region") && !g_str_equal (chosen.kind, "sea");
        }
      for (guint gi = 0; gi < groups->len; gi++)
        g_array_index (groups, Group, gi).resolved = TRUE;
    }
}

/* Rule 5: a small place that nothing supports is more likely a surname or a word. */
static gboolean
supported (Detector *self,
           Group    *g)
{
  DlGazetteerEntry e;

  dl_gazetteer_get_entry (self->gazetteer, g->entry, &e);
  if (!is_city (&e) || e.population >= 50000 || g_str_equal (e.feature_code, "PPLC"))
    return TRUE;
  if (g_hash_table_contains (self->focus, e.country_code))
    return TRUE;
  for (guint m = 0; m < g->members->len; m++)
    {
      Candidate *c = &g_array_index (self->candidates, Candidate,
                                     g_array_index (g->members, guint, m));

      if (c->qualifier >= 0 || c->locative || c->first != c->last)
        return TRUE;
    }
  return FALSE;
}

static const char *
precision_of (const DlGazetteerEntry *e)
{
  if (is_country (e))
    return "country";
  if (is_city (e))
    return "city";
  if (g_str_equal (e->kind, "mountain"))
    return "site";
  return "region";
}

void
dl_detected_place_free (DlDetectedPlace *place)
{
  if (place == NULL)
    return;
  for (guint i = 0; place->mentions != NULL && i < place->mentions->len; i++)
    g_free (g_array_index (place->mentions, DlMention, i).exact);
  g_clear_pointer (&place->mentions, g_array_unref);
  g_free (place);
}

static int
mention_compare (gconstpointer a,
                 gconstpointer b)
{
  const DlMention *x = a, *y = b;

  return x->start - y->start;
}

/**
 * dl_place_detector_detect:
 * @gazetteer: the gazetteer to look names up in
 * @text: UTF-8 text
 *
 * Finds the places @text mentions and resolves each to one gazetteer entry by the
 * evidence of the text (see the comment at the top of dl-place-detector.c). Invalid UTF-8
 * yields no places.
 *
 * Returns: (transfer full) (element-type DlDetectedPlace): the places, in order of first
 *   mention, each with its mentions (code-point offsets into @text, end exclusive)
 */
GPtrArray *
dl_place_detector_detect (DlGazetteer *gazetteer,
                          const char  *text)
{
  GPtrArray *result;
  Detector self = { 0 };
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) by_entry = NULL;

  g_return_val_if_fail (gazetteer != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_detected_place_free);
  if (!g_utf8_validate (text, -1, NULL))
    return result;

  self.gazetteer = gazetteer;
  self.text = text;
  self.tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  self.candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  self.focus = g_hash_table_new (g_str_hash, g_str_equal);

  tokenize (&self);
  find_candidates (&self);
  find_qualifiers (&self);

  /* One sense per discourse: a group per name. */
  groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_array_set_clear_func (groups, (GDestroyNotify) group_clear);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self.candidates->len; i++)
    {
      Candidate *c = &g_array_index (self.candidates, Candidate, i);
      gpointer found;

      if (c->rejected)
        continue;
      found = g_hash_table_lookup (by_name, c->folded);
      if (found == NULL)
        {
          Group g = { g_strdup (c->folded), g_array_new (FALSE, FALSE, sizeof (guint)) };

          g_array_append_val (groups, g);
          found = GUINT_TO_POINTER (groups->len);
          g_hash_table_insert (by_name, g_array_index (groups, Group, groups->len - 1).folded,
                               found);
        }
      g_array_append_val (g_array_index (groups, Group, GPOINTER_TO_UINT (found) - 1).members, i);
    }
  resolve (&self, groups);

  /* Places in order of first mention, a name's mentions under its entry. */
  by_entry = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self.candidates->len; i++)
    {
      Candidate *c = &g_array_index (self.candidates, Candidate, i);
      Group *g;
      DlDetectedPlace *place;
      DlMention m;
      Token *first, *last;

      if (c->rejected)
        continue;
      g = &g_array_index (groups, Group,
                          GPOINTER_TO_UINT (g_hash_table_lookup (by_name, c->folded)) - 1);
      if (!supported (&self, g))
        continue;
      place = g_hash_table_lookup (by_entry, GUINT_TO_POINTER (g->entry + 1));
      if (place == NULL)
        {
          place = g_new0 (DlDetectedPlace, 1);
          place->entry = g->entry;
          dl_gazetteer_get_entry (gazetteer, g->entry, &place->info);
          place->precision = precision_of (&place->info);
          place->mentions = g_array_new (FALSE, FALSE, sizeof (DlMention));
          g_ptr_array_add (result, place);
          g_hash_table_insert (by_entry, GUINT_TO_POINTER (g->entry + 1), place);
        }
      first = token (&self, c->first);
      last = token (&self, c->last);
      m.start = first->cp_start;
      m.end = last->cp_end;
      m.exact = g_strndup (first->p, (last->p + last->len) - first->p);
      m.adjectival = FALSE;
      for (guint k = 0; k < c->senses->len; k++)
        if (g_array_index (c->senses, Sense, k).entry == g->entry)
          m.adjectival = g_array_index (c->senses, Sense, k).adjectival;
      g_array_append_val (place->mentions, m);
    }
  for (guint i = 0; i < result->len; i++)
    g_array_sort (((DlDetectedPlace *) g_ptr_array_index (result, i))->mentions,
                  mention_compare);

  for (guint i = 0; i < self.tokens->len; i++)
    g_free (g_array_index (self.tokens, Token, i).folded);
  for (guint i = 0; i < self.candidates->len; i++)
    candidate_clear (&g_array_index (self.candidates, Candidate, i));
  g_array_unref (self.tokens);
  g_array_unref (self.candidates);
  g_hash_table_unref (self.focus);
  return result;
}
