/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-sentences"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-sentences.h"

/* The sentences of @text as "kind|text" lines, joined by "\n". */
static char *
describe (const char *text)
{
  g_autoptr(GArray) sentences = dl_sentences_split (text);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      const DlSentence *x = &g_array_index (sentences, DlSentence, i);
      g_autofree char *by_chars = g_utf8_substring (text, x->start, x->end);

      /* the code point and byte ranges name the same text */
      g_assert_cmpint (strncmp (by_chars, text + x->byte_start, x->byte_end - x->byte_start),
                       ==, 0);
      g_assert_cmpuint (strlen (by_chars), ==, x->byte_end - x->byte_start);
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, "%s|%s", dl_sentence_kind_to_string (x->kind), by_chars);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct
{
  const char *path;
  const char *text;
  const char *expected;
} Case;

static const Case cases[] = {
  { "/sentences/split/plain", "Rebels took Homs. The army withdrew! Who won? Nobody knows.",
    "text|Rebels took Homs.\ntext|The army withdrew!\ntext|Who won?\ntext|Nobody knows." },
  { "/sentences/split/titles", "Mr. Assad met Dr. Smith and Gen. Lee in Moscow. They spoke.",
    "text|Mr. Assad met Dr. Smith and Gen. Lee in Moscow.\ntext|They spoke." },
  { "/sentences/split/month-abbreviation", "The Dec. 10 bombings killed dozens. Aid came.",
    "text|The Dec. 10 bombings killed dozens.\ntext|Aid came." },
  { "/sentences/split/dotted-abbreviation",
    "The U.S. embassy closed. Staff left the U.S. The embassy is empty.",
    "text|The U.S. embassy closed.\ntext|Staff left the U.S.\ntext|The embassy is empty." },
  { "/sentences/split/initials", "George W. Bush visited Baghdad. He left.",
    "text|George W. Bush visited Baghdad.\ntext|He left." },
  { "/sentences/split/clock", "The plane landed at 6 a.m. Sunday in Moscow. It was cold.",
    "text|The plane landed at 6 a.m. Sunday in Moscow.\ntext|It was cold." },
  { "/sentences/split/question-in-quote", "“Is it over?” he asked. Nobody answered.",
    "text|“Is it over?” he asked.\ntext|Nobody answered." },
  { "/sentences/split/quotation-kept-whole",
    "He said: “We won. The war is over.” The crowd cheered.",
    "text|He said: “We won. The war is over.”\ntext|The crowd cheered." },
  { "/sentences/split/quote-after-stop",
    "She called it “a new chapter.” It was not.",
    "text|She called it “a new chapter.”\ntext|It was not." },
  { "/sentences/split/paragraphs", "First line without stop\n\nSecond paragraph here. Two more.",
    "heading|First line without stop\ntext|Second paragraph here.\ntext|Two more." },
  { "/sentences/boilerplate/read-more",
    "Rebels took Homs.\nRead more: Latest news from Syria\nThe army left.",
    "text|Rebels took Homs.\nlink|Read more: Latest news from Syria\ntext|The army left." },
  { "/sentences/boilerplate/linked-headlines",
    "read more:\nHow did the rebel attack unfold?\nWho are the rebels and what do they want?\n"
    "The army left Homs on Sunday after a day of fighting.",
    "link|read more:\nlink|How did the rebel attack unfold?\n"
    "link|Who are the rebels and what do they want?\n"
    "text|The army left Homs on Sunday after a day of fighting." },
  { "/sentences/boilerplate/heading",
    "World leaders react to fall of Assad regime\nRussia called a meeting.",
    "heading|World leaders react to fall of Assad regime\ntext|Russia called a meeting." },
  { "/sentences/boilerplate/byline", "By Jane Doe and John Roe, Reuters\nRebels took Homs.",
    "byline|By Jane Doe and John Roe, Reuters\ntext|Rebels took Homs." },
  { "/sentences/boilerplate/reporting-by",
    "Rebels took Homs.\nReporting by Jane Doe; Editing by John Roe.",
    "text|Rebels took Homs.\nbyline|Reporting by Jane Doe; Editing by John Roe." },
  { "/sentences/boilerplate/caption",
    "Syrians celebrate in Damascus on Sunday. Photo: Omar Sanadiki/AP Photo\n"
    "Rebels took Homs.",
    "caption|Syrians celebrate in Damascus on Sunday.\n"
    "caption|Photo: Omar Sanadiki/AP Photo\ntext|Rebels took Homs." },
  { "/sentences/boilerplate/getty-credit",
    "A man waves a flag in Idlib. (Photo by Aaref Watad/AFP via Getty Images)\nIt rained.",
    "caption|A man waves a flag in Idlib.\ncaption|(Photo by Aaref Watad/AFP via Getty Images)"
    "\ntext|It rained." },
  { "/sentences/boilerplate/subscribe",
    "Rebels took Homs.\nSubscribe to our newsletter for daily updates.\nAdvertisement",
    "text|Rebels took Homs.\nprompt|Subscribe to our newsletter for daily updates.\n"
    "prompt|Advertisement" },
  { "/sentences/boilerplate/fragment", "He said: “We will not allow it.” Ta.",
    "text|He said: “We will not allow it.”\nfragment|Ta." },
  { "/sentences/boilerplate/by-in-sentence", "By Sunday the rebels had taken Homs.",
    "text|By Sunday the rebels had taken Homs." },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *got = describe (c->text);

  g_assert_cmpstr (got, ==, c->expected);
}

/* The seed article: exactly the lines its hand-made story left out as boilerplate
 * (data/stories/README.md) are boilerplate; every other sentence is text. */
static void
test_seed_article (void)
{
  static const char * const left_out[] = {
    "Read more: Latest news from Syria", "read more:", "How did the rebel attack unfold?",
    "Who are the Syrian rebels and what are their plans?",
    "World leaders react to fall of Assad regime", "Israeli military bombs Damascus – Report",
    "Ta.", "read more:", "Power relations in this volatile region will change forever",
    "How an ophthalmologist became a brutal dictator",
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt",
                                                 NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sentences = NULL;
  guint n_left_out = 0, n_text = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  sentences = dl_sentences_split (text);
  for (guint i = 0; i < sentences->len; i++)
    {
      const DlSentence *s = &g_array_index (sentences, DlSentence, i);
      g_autofree char *t = g_strndup (text + s->byte_start, s->byte_end - s->byte_start);

      if (s->kind == DL_SENTENCE_TEXT)
        {
          n_text++;
          continue;
        }
      /* the stray closing words of two garbled quotations are fragments too */
      if (s->kind == DL_SENTENCE_FRAGMENT &&
          (g_str_equal (t, "Al-Assad.”") || g_str_equal (t, "Syria”.")))
        continue;
      g_assert_cmpuint (n_left_out, <, G_N_ELEMENTS (left_out));
      g_assert_cmpstr (t, ==, left_out[n_left_out]);
      n_left_out++;
    }
  g_assert_cmpuint (n_left_out, ==, G_N_ELEMENTS (left_out));
  g_assert_cmpuint (n_text, ==, 45);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GArray) sentences = dl_sentences_split ("Rebels took \xff Homs.");

  g_assert_cmpuint (sentences->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  g_test_add_func ("/sentences/seed-article", test_seed_article);
  g_test_add_func ("/sentences/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
