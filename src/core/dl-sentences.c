/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-sentences"

#include "config.h"

#include <string.h>

#include "dl-sentences.h"
#include "dl-words-private.h"

#define WORD(words, i) (&g_array_index ((words), DlWord, (i)))

/* Words a full stop after them does not end a sentence at. */
static const char * const abbreviations[] = {
  "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm", "Sen",
  "Rep", "Gov", "St", "Jr", "Sr", "Rev", "Hon", "Pres", "No", "vs", "Mt", "Ft", "Cpl",
  "Pvt", "Brig", "Cmdr", "Supt", "Insp", "Amb", "Atty", "approx", "cf", "eg", "ie", "Jan",
  "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gens",
  "Messrs", "Fr", "Sheikh", "Op", "Vol", "Art", "para", "p", "pp", NULL,
};

/* Words a sentence commonly starts with, which end a sentence at a dotted abbreviation
 * ("… in the U.S. The president …"). */
static const char * const sentence_starters[] = {
  "The", "A", "An", "It", "He", "She", "They", "We", "I", "You", "In", "On", "But", "And",
  "This", "That", "These", "Those", "His", "Her", "Their", "Its", "There", "Meanwhile",
  "However", "After", "Before", "When", "While", "As", "At", "For", "If", "Officials",
  "According", "Some", "Many", "Most", "Other", "One", "Two", "Both", "Earlier", "Later",
  "Since", "During", "Elsewhere", "Still", "Yet", "So", "Now", NULL,
};

static const char * const link_openers[] = {
  "read more", "related:", "see also", "also read", "more on this story", "watch:",
  "listen:", "read next", "more:", "related stories", "related coverage", "recommended",
  "most read", "top stories", NULL,
};

static const char * const prompt_openers[] = {
  "subscribe", "sign up", "click here", "follow us", "share this", "advertisement",
  "download the", "get our", "support our", "copyright", "©", "all rights reserved",
  "newsletter", "join our", "follow the", "get the latest", "register to", "log in",
  "share on", "skip to", "this article was", "we use cookies", NULL,
};

static const char * const byline_openers[] = {
  "reporting by", "editing by", "additional reporting", "written by", "compiled by",
  "with reporting by", NULL,
};

static const char * const caption_openers[] = {
  "photo:", "image:", "picture:", "caption:", "photograph:", "file photo", "image source",
  "image caption", "photo credit", "video:", "pictured:", "(photo", "(image", NULL,
};

static const char * const caption_credits[] = {
  "getty images", "via getty", "/afp", "/ reuters", "/reuters", "ap photo", "(ap)",
  "afp photo", "epa-efe", "/epa", "photo by", "pictures by", NULL,
};

static gboolean
starts_with_any (const char         *folded,
                 const char * const *openers)
{
  for (guint i = 0; openers[i]; i++)
    if (g_str_has_prefix (folded, openers[i]))
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char         *folded,
              const char * const *needles)
{
  for (guint i = 0; needles[i]; i++)
    if (strstr (folded, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_open_quote (const DlWord *w)
{
  return !w->word && (dl_word_is (w, "“") || dl_word_is (w, "«") || dl_word_is (w, "„"));
}

static gboolean
is_close_quote (const DlWord *w)
{
  return !w->word && (dl_word_is (w, "”") || dl_word_is (w, "»"));
}

static gboolean
is_closer (const DlWord *w)
{
  return !w->word && (is_close_quote (w) || dl_word_is (w, "\"") || dl_word_is (w, "’") ||
                      dl_word_is (w, "'") || dl_word_is (w, ")") || dl_word_is (w, "]"));
}

static gboolean
is_terminal (const DlWord *w)
{
  return !w->word && (dl_word_is (w, ".") || dl_word_is (w, "!") || dl_word_is (w, "?") ||
                      dl_word_is (w, "…"));
}

/* Whether the full stop at @k belongs to the word before it ("Mr.", "U.S.", "W."). */
static gboolean
stop_is_abbreviation (GArray *words,
                      guint   k)
{
  const DlWord *prev, *next;

  if (k == 0 || !dl_word_is (WORD (words, k), "."))
    return FALSE;
  prev = WORD (words, k - 1);
  if (!prev->word || WORD (words, k)->space_before)
    return FALSE;
  next = k + 1 < words->len ? WORD (words, k + 1) : NULL;

  if (dl_word_is_any (prev, abbreviations))
    {
      /* A month ends a sentence unless a day or year follows ("in Dec. 10"). */
      if (g_ascii_isupper (prev->s[0]) && prev->len == 3 && next != NULL && !next->digits &&
          dl_word_is_any (prev, (const char * const []) {
            "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL }))
        return FALSE;
      return TRUE;
    }
  /* Dotted abbreviations ("U.S.", "a.m.") and initials ("W.") */
  if (g_utf8_strlen (prev->s, prev->len) == 1 && g_unichar_isalpha (g_utf8_get_char (prev->s)))
    {
      gboolean dotted = k >= 2 && dl_word_is (WORD (words, k - 2), ".") &&
                        !prev->space_before;

      if (next == NULL)
        return FALSE;
      if (dotted || !g_unichar_isupper (g_utf8_get_char (prev->s)))
        return !dl_word_is_any (next, sentence_starters);
      return TRUE;
    }
  return FALSE;
}

/* Whether a quotation opened before @k closes later in the paragraph. */
static gboolean
quote_closes_later (GArray *words,
                    guint   k,
                    guint   last)
{
  for (guint i = k + 1; i <= last; i++)
    {
      if (is_close_quote (WORD (words, i)))
        return TRUE;
      if (is_open_quote (WORD (words, i)))
        return FALSE;
    }
  return FALSE;
}

static int
count_words (GArray *words,
             guint   first,
             guint   last)
{
  int n = 0;

  for (guint i = first; i <= last; i++)
    if (WORD (words, i)->word)
      n++;
  return n;
}

static void
add_sentence (GArray     *out,
              const char *text,
              GArray     *words,
              guint       first,
              guint       last,
              int         offset,
              gsize       byte_offset,
              guint       paragraph)
{
  DlSentence s = { 0 };
  const DlWord *a = WORD (words, first), *b = WORD (words, last);

  s.start = offset + a->start;
  s.end = offset + b->end;
  s.byte_start = byte_offset + (a->s - text);
  s.byte_end = byte_offset + (b->s + b->len - text);
  s.paragraph = paragraph;
  s.kind = DL_SENTENCE_TEXT;
  /* One word with letters ("Ta.", "Syria”."): a stray fragment. */
  if (count_words (words, first, last) < 2)
    s.kind = DL_SENTENCE_FRAGMENT;
  g_array_append_val (out, s);
}

/* Splits one paragraph (@text, @len bytes) into sentences. */
static void
split_paragraph (GArray     *out,
                 const char *text,
                 gsize       len,
                 int         offset,
                 gsize       byte_offset,
                 guint       paragraph)
{
  g_autofree char *copy = g_strndup (text, len);
  g_autoptr(GArray) words = dl_words_split (copy);
  guint first = 0;
  int depth = 0;

  if (words->len == 0)
    return;

  for (guint k = 0; k < words->len; k++)
    {
      const DlWord *w = WORD (words, k);
      guint last;

      if (is_open_quote (w))
        depth++;
      else if (is_close_quote (w) && depth > 0)
        depth--;
      if (!is_terminal (w))
        continue;

      last = k;
      while (last + 1 < words->len && !WORD (words, last + 1)->space_before &&
             (is_closer (WORD (words, last + 1)) || is_terminal (WORD (words, last + 1))))
        {
          last++;
          if (is_close_quote (WORD (words, last)) && depth > 0)
            depth--;
        }
      if (last + 1 < words->len)
        {
          const DlWord *next = WORD (words, last + 1);
          gunichar c = g_utf8_get_char (next->s);

          if (!next->space_before || stop_is_abbreviation (words, k))
            continue;
          /* "“Is it over?” he asked": the sentence goes on in lower case. */
          if (next->word && g_unichar_islower (c))
            continue;
          if (depth > 0)
            {
              if (quote_closes_later (words, last, words->len - 1))
                continue;
              depth = 0;
            }
        }
      add_sentence (out, copy, words, first, last, offset, byte_offset, paragraph);
      first = last + 1;
      k = last;
    }
  if (first < words->len)
    add_sentence (out, copy, words, first, words->len - 1, offset, byte_offset, paragraph);
}

/* A paragraph's text folded to lower case, for the boilerplate openers. */
static char *
fold (const char *text,
      gsize       len)
{
  return g_utf8_strdown (text, len);
}

static gboolean
ends_sentence (const char *text,
               gsize       len)
{
  g_autofree char *trimmed = g_strstrip (g_strndup (text, len));
  const char *end = trimmed + strlen (trimmed);
  gunichar c;

  if (end == trimmed)
    return FALSE;
  c = g_utf8_get_char (g_utf8_prev_char (end));
  if (c == 0x201d || c == '"' || c == ')' || c == 0x2019)
    {
      /* the last character inside the quotation */
      const char *p = g_utf8_prev_char (end);

      if (p == trimmed)
        return FALSE;
      c = g_utf8_get_char (g_utf8_prev_char (p));
      return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ',';
    }
  return c == '.' || c == '!' || c == 0x2026;
}

static int
paragraph_word_count (const char *text,
                      gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_autoptr(GArray) words = dl_words_split (copy);

  return words->len == 0 ? 0 : count_words (words, 0, words->len - 1);
}

/* "By Jane Doe", "By Jane Doe and John Roe, Reuters": a few capitalised words. */
static gboolean
is_byline (const char *text,
           gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_autoptr(GArray) words = dl_words_split (copy);
  guint names = 0;

  if (words->len < 2 || !dl_word_is (WORD (words, 0), "By") || !WORD (words, 0)->upper)
    return FALSE;
  for (guint i = 1; i < words->len; i++)
    {
      const DlWord *w = WORD (words, i);

      if (dl_word_is (w, "and") || dl_word_is (w, ",") || dl_word_is (w, "|") ||
          dl_word_is (w, ".") || dl_word_is (w, "in") || dl_word_is (w, "-") ||
          dl_word_is (w, "–"))
        continue;
      if (!w->word || !w->upper)
        return FALSE;
      names++;
    }
  return names >= 1 && names <= 8;
}

/* The kind of a whole paragraph, or DL_SENTENCE_TEXT to classify its sentences one by one.
 * @after_link_header: the paragraph before was a bare "Read more:". */
static DlSentenceKind
classify_paragraph (const char *text,
                    gsize       len,
                    gboolean    after_link_header)
{
  g_autofree char *folded = fold (text, len);
  int n_words = paragraph_word_count (text, len);
  gboolean ends = ends_sentence (text, len);

  if (starts_with_any (folded, link_openers))
    return DL_SENTENCE_LINK;
  if (starts_with_any (folded, prompt_openers))
    return DL_SENTENCE_PROMPT;
  if (starts_with_any (folded, byline_openers) || is_byline (text, len))
    return DL_SENTENCE_BYLINE;
  if (starts_with_any (folded, caption_openers) ||
      (n_words <= 40 && contains_any (folded, caption_credits)))
    return DL_SENTENCE_CAPTION;
  /* Linked headlines under "Read more:" are short and end without a full stop. */
  if (after_link_header && n_words <= 16 && !ends)
    return DL_SENTENCE_LINK;
  /* A short line without a full stop and without quotation is a heading. */
  if (n_words <= 14 && !ends && strstr (folded, "“") == NULL && strchr (folded, '"') == NULL)
    return DL_SENTENCE_HEADING;
  return DL_SENTENCE_TEXT;
}

static gboolean
is_link_header (const char *text,
                gsize       len)
{
  g_autofree char *folded = fold (text, len);

  g_strstrip (folded);
  return starts_with_any (folded, link_openers) && paragraph_word_count (text, len) <= 4;
}

/**
 * dl_sentences_split:
 * @text: a news article, paragraphs separated by line breaks
 *
 * Returns: (transfer full) (element-type DlSentence): its sentences, with their kind.
 */
GArray *
dl_sentences_split (const char *text)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (DlSentence));
  const char *p;
  int offset = 0;
  guint paragraph = 0;
  gboolean after_link_header = FALSE;

  g_return_val_if_fail (text != NULL, out);
  if (!g_utf8_validate (text, -1, NULL))
    return out;

  p = text;
  while (*p)
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      int n_chars = g_utf8_strlen (p, len);
      guint before = out->len;

      if (paragraph_word_count (p, len) > 0 || len > 0)
        {
          DlSentenceKind kind = classify_paragraph (p, len, after_link_header);

          split_paragraph (out, p, len, offset, p - text, paragraph);
          for (guint i = before; i < out->len; i++)
            {
              DlSentence *s = &g_array_index (out, DlSentence, i);

              if (kind != DL_SENTENCE_TEXT)
                s->kind = kind;
            }
          if (out->len > before)
            {
              if (is_link_header (p, len))
                after_link_header = TRUE;
              else if (kind != DL_SENTENCE_LINK)
                after_link_header = FALSE;
              paragraph++;
            }
        }
      offset += n_chars + (nl ? 1 : 0);
      p += len + (nl ? 1 : 0);
    }

  return out;
}

gboolean
dl_sentence_is_boilerplate (const DlSentence *sentence)
{
  g_return_val_if_fail (sentence != NULL, TRUE);

  return sentence->kind != DL_SENTENCE_TEXT;
}

const char *
dl_sentence_kind_to_string (DlSentenceKind kind)
{
  switch (kind)
    {
    case DL_SENTENCE_TEXT: return "text";
    case DL_SENTENCE_LINK: return "link";
    case DL_SENTENCE_HEADING: return "heading";
    case DL_SENTENCE_CAPTION: return "caption";
    case DL_SENTENCE_BYLINE: return "byline";
    case DL_SENTENCE_PROMPT: return "prompt";
    case DL_SENTENCE_FRAGMENT: return "fragment";
    default: return "unknown";
    }
}
