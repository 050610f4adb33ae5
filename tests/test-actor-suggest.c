/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-actor-suggest"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dl-actor-suggest.h"
#include "dl-test-places.h"

static const char * const world[] = {
  "Russia|country|RU||Russian", "Moscow|capital|RU|Russia|", "Syria|country|SY||Syrian",
  "Damascus|capital|SY|Syria|", "Israel|country|IL||Israeli",
  "United States|country|US||=US,American", "United Kingdom|country|GB||British",
  "Iran|country|IR||Iranian", "Golan Heights|region|SY|Syria|",
  "United Arab Emirates|country|AE||", "Saudi Arabia|country|SA||",
  NULL,
};

static GPtrArray *
suggest (const char *text)
{
  g_autoptr(GPtrArray) places = dl_test_places_new (text, world);

  return dl_actor_suggest (text, NULL, places);
}

static DlActorSuggestion *
find (GPtrArray  *actors,
      const char *name)
{
  for (guint i = 0; i < actors->len; i++)
    {
      DlActorSuggestion *a = g_ptr_array_index (actors, i);

      if (g_str_equal (a->name, name))
        return a;
    }
  return NULL;
}

static gboolean
has_alias (DlActorSuggestion *a,
           const char        *alias)
{
  for (guint i = 0; i < a->aliases->len; i++)
    if (g_str_equal (g_ptr_array_index (a->aliases, i), alias))
      return TRUE;
  return FALSE;
}

/* The text of each mention of @a, joined by "|". */
static char *
mentions_of (const char        *text,
             DlActorSuggestion *a)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < a->mentions->len; i++)
    {
      const DlSpan *span = &g_array_index (a->mentions, DlSpan, i);
      g_autofree char *t = g_utf8_substring (text, span->start, span->end);

      g_string_append_printf (s, "%s%s", i ? "|" : "", t);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_actor (const char *text,
              GPtrArray  *actors,
              const char *name,
              const char *kind,
              const char *mentions)
{
  DlActorSuggestion *a = find (actors, name);
  g_autofree char *got = NULL;

  if (a == NULL)
    g_test_message ("no actor named “%s”", name);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->kind, ==, kind);
  got = mentions_of (text, a);
  g_assert_cmpstr (got, ==, mentions);
}

static void
test_state_subject (void)
{
  const char *text = "Russia announced that Assad had left Syria.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Russia", "state", "Russia");
  /* Syria is only a place here */
  g_assert_null (find (actors, "Syria"));
}

static void
test_state_place_only (void)
{
  const char *text = "Assad arrived in Moscow, the Russian capital, from Damascus.";
  g_autoptr(GPtrArray) actors = suggest (text);

  g_assert_null (find (actors, "Russia"));
  g_assert_null (find (actors, "Syria"));
}

static void
test_state_adjective (void)
{
  const char *text = "Israeli forces entered the buffer zone. A Syrian man watched.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Israel", "state", "Israeli forces");
  g_assert_true (has_alias (find (actors, "Israel"), "Israeli forces"));
  /* a nationality is not the state acting */
  g_assert_null (find (actors, "Syria"));
}

static void
test_state_capital (void)
{
  const char *text = "Moscow said it would shelter him.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Russia", "state", "Moscow");
  g_assert_true (has_alias (find (actors, "Russia"), "Moscow"));
}

static void
test_state_conjunct (void)
{
  const char *text = "Russia and Iran are currently in a weakened state.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Russia", "state", "Russia");
  assert_actor (text, actors, "Iran", "state", "Iran");
}

static void
test_state_not_after_preposition (void)
{
  const char *text = "Russia, which along with Iran has helped support the regime, "
                     "has called for a meeting.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Russia", "state", "Russia");
  g_assert_null (find (actors, "Iran"));
}

static void
test_state_passive_agent (void)
{
  const char *text = "The Golan Heights were occupied by Israel in 1967.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Israel", "state", "Israel");
}

static void
test_state_leaders_of (void)
{
  const char *text = "He will meet the leaders of the United Arab Emirates and Saudi Arabia.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "United Arab Emirates", "state", "United Arab Emirates");
  assert_actor (text, actors, "Saudi Arabia", "state", "Saudi Arabia");
}

static void
test_person_merged (void)
{
  const char *text = "President Bashar al-Assad fled. Mr. Assad is in Moscow. "
                     "Assad’s palace was looted. Crowds cheered al-Assad’s fall.";
  g_autoptr(GPtrArray) actors = suggest (text);
  DlActorSuggestion *a;

  assert_actor (text, actors, "Bashar al-Assad", "person",
                "President Bashar al-Assad|Mr. Assad|Assad|al-Assad");
  a = find (actors, "Bashar al-Assad");
  g_assert_true (has_alias (a, "Mr. Assad"));
  g_assert_true (has_alias (a, "Assad"));
  g_assert_true (has_alias (a, "al-Assad"));
  g_assert_cmpuint (actors->len, ==, 1);
}

static void
test_person_other_family_member (void)
{
  const char *text = "President Bashar al-Assad fled with his wife Asma al-Assad.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Bashar al-Assad", "person", "President Bashar al-Assad");
}

static void
test_person_first_name (void)
{
  const char *text = "Sir Keir Starmer urged restraint. Sir Keir will now travel.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Keir Starmer", "person", "Sir Keir Starmer|Sir Keir");
  g_assert_true (has_alias (find (actors, "Keir Starmer"), "Sir Keir"));
}

static void
test_person_speaks_for_state (void)
{
  const char *text = "Israeli Prime Minister Benjamin Netanyahu hailed the day. "
                     "Netanyahu said the zone was needed.";
  g_autoptr(GPtrArray) actors = suggest (text);
  DlActorSuggestion *israel = find (actors, "Israel");

  g_assert_nonnull (israel);
  g_assert_true (has_alias (israel, "Benjamin Netanyahu"));
  g_assert_true (has_alias (israel, "Netanyahu"));
  g_assert_null (find (actors, "Benjamin Netanyahu"));
}

static void
test_group_abbreviation (void)
{
  const char *text = "Rebels led by Hayat Tahrir al-Sham (HTS) took the city. "
                     "HTS is a group formerly known as Jabhat al-Nusra. "
                     "HTS leader Abu Mohammed al-Jolani spoke.";
  g_autoptr(GPtrArray) actors = suggest (text);
  DlActorSuggestion *hts = find (actors, "Hayat Tahrir al-Sham");

  assert_actor (text, actors, "Hayat Tahrir al-Sham", "group",
                "Hayat Tahrir al-Sham|HTS|HTS|Jabhat al-Nusra|HTS|Abu Mohammed al-Jolani");
  g_assert_true (has_alias (hts, "HTS"));
  g_assert_true (has_alias (hts, "Jabhat al-Nusra"));
  g_assert_true (has_alias (hts, "Abu Mohammed al-Jolani"));
}

static void
test_group_abbreviation_mismatch (void)
{
  const char *text = "Officials at the Foreign Office (FBI) declined to comment.";
  g_autoptr(GPtrArray) actors = suggest (text);

  for (guint i = 0; i < actors->len; i++)
    g_assert_false (has_alias (g_ptr_array_index (actors, i), "FBI"));
}

static void
test_group_organisation (void)
{
  const char *text = "Russia asked the United Nations Security Council to meet. "
                     "The Security Council met on Monday.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "United Nations Security Council", "organisation",
                "United Nations Security Council|Security Council");
  g_assert_null (find (actors, "United Nations"));
}

static void
test_group_rebels (void)
{
  const char *text = "Russia signed a deal with Syrian opposition leaders. "
                     "The Syrian opposition said it would form a government. "
                     "The rebels took Homs, and rebel fighters entered Damascus.";
  g_autoptr(GPtrArray) actors = suggest (text);

  /* its leaders are the group, not another one */
  assert_actor (text, actors, "Syrian opposition", "group",
                "Syrian opposition|Syrian opposition|rebels|rebel fighters");
  g_assert_null (find (actors, "Syrian opposition leaders"));
}

static void
test_kremlin_linked (void)
{
  const char *text = "Russia has called for an emergency meeting, a Kremlin official posted.";
  g_autoptr(GPtrArray) actors = suggest (text);

  assert_actor (text, actors, "Russia", "state", "Russia|Kremlin");
  g_assert_true (has_alias (find (actors, "Russia"), "Kremlin"));
}

static void
test_kremlin_unlinked (void)
{
  const char *text = "Kremlin officials said the talks had failed. Russia is cold in winter.";
  g_autoptr(GPtrArray) actors = suggest (text);

  /* the text never makes the Kremlin speak for Russia */
  g_assert_false (has_alias (find (actors, "Russia"), "Kremlin"));
  assert_actor (text, actors, "Kremlin", "organisation", "Kremlin");
}

static void
test_boilerplate_ignored (void)
{
  const char *text = "Read more: Russia announced new sanctions\nIt rained in Moscow.";
  g_autoptr(GPtrArray) actors = suggest (text);

  g_assert_cmpuint (actors->len, ==, 0);
}

static void
test_ids_and_colours (void)
{
  const char *text = "Russia announced talks. Iran said no. Israeli forces moved. "
                     "The United States agreed. British officials said little. "
                     "President Bashar al-Assad fled. Sir Keir Starmer spoke.";
  g_autoptr(GPtrArray) actors = suggest (text);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) colours = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (actors->len, ==, 7);
  for (guint i = 0; i < actors->len; i++)
    {
      DlActorSuggestion *a = g_ptr_array_index (actors, i);

      g_assert_true (g_hash_table_add (ids, a->id));
      g_assert_true (g_hash_table_add (colours, a->color));
      g_assert_cmpuint (strlen (a->color), ==, 7);
    }
  /* in order of first mention, ids from names */
  g_assert_cmpstr (((DlActorSuggestion *) g_ptr_array_index (actors, 0))->id, ==, "russia");
  g_assert_cmpstr (((DlActorSuggestion *) g_ptr_array_index (actors, 5))->id, ==,
                   "bashar-al-assad");
}

static void
test_seed_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt",
                                                 NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  DlActorSuggestion *a;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  actors = suggest (text);
  a = find (actors, "Bashar al-Assad");
  g_assert_nonnull (a);
  g_assert_true (has_alias (a, "Mr. Assad") && has_alias (a, "Mr Assad"));
  a = find (actors, "Russia");
  g_assert_nonnull (a);
  g_assert_true (has_alias (a, "Kremlin"));
  a = find (actors, "Hayat Tahrir al-Sham");
  g_assert_nonnull (a);
  g_assert_true (has_alias (a, "HTS") && has_alias (a, "Jabhat al-Nusra"));
  g_assert_nonnull (find (actors, "Israel"));
  g_assert_nonnull (find (actors, "United States"));
  g_assert_nonnull (find (actors, "Iran"));
  g_assert_nonnull (find (actors, "Syrian opposition"));
  g_assert_nonnull (find (actors, "United Nations Security Council"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/actor-suggest/state/subject", test_state_subject);
  g_test_add_func ("/actor-suggest/state/place-only", test_state_place_only);
  g_test_add_func ("/actor-suggest/state/adjective", test_state_adjective);
  g_test_add_func ("/actor-suggest/state/capital", test_state_capital);
  g_test_add_func ("/actor-suggest/state/conjunct", test_state_conjunct);
  g_test_add_func ("/actor-suggest/state/not-after-preposition",
                   test_state_not_after_preposition);
  g_test_add_func ("/actor-suggest/state/passive-agent", test_state_passive_agent);
  g_test_add_func ("/actor-suggest/state/leaders-of", test_state_leaders_of);
  g_test_add_func ("/actor-suggest/person/merged", test_person_merged);
  g_test_add_func ("/actor-suggest/person/other-family-member",
                   test_person_other_family_member);
  g_test_add_func ("/actor-suggest/person/first-name", test_person_first_name);
  g_test_add_func ("/actor-suggest/person/speaks-for-state", test_person_speaks_for_state);
  g_test_add_func ("/actor-suggest/group/abbreviation", test_group_abbreviation);
  g_test_add_func ("/actor-suggest/group/abbreviation-mismatch",
                   test_group_abbreviation_mismatch);
  g_test_add_func ("/actor-suggest/group/organisation", test_group_organisation);
  g_test_add_func ("/actor-suggest/group/rebels", test_group_rebels);
  g_test_add_func ("/actor-suggest/kremlin/linked", test_kremlin_linked);
  g_test_add_func ("/actor-suggest/kremlin/unlinked", test_kremlin_unlinked);
  g_test_add_func ("/actor-suggest/boilerplate-ignored", test_boilerplate_ignored);
  g_test_add_func ("/actor-suggest/ids-and-colours", test_ids_and_colours);
  g_test_add_func ("/actor-suggest/seed-article", test_seed_article);

  return g_test_run ();
}
