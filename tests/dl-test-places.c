/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dl-test-places.h"

typedef struct
{
  DlDetectedPlace place;
  char          **fields;
} TestPlace;

static void
test_place_free (gpointer data)
{
  TestPlace *p = data;

  for (guint i = 0; i < p->place.mentions->len; i++)
    g_free (g_array_index (p->place.mentions, DlMention, i).exact);
  g_array_unref (p->place.mentions);
  g_strfreev (p->fields);
  g_free (p);
}

static gboolean
word_char_at (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

static void
add_mentions (GArray     *mentions,
              const char *text,
              const char *form,
              gboolean    adjectival)
{
  gsize len = strlen (form);

  for (const char *p = strstr (text, form); p != NULL; p = strstr (p + len, form))
    {
      DlMention m;

      if ((p > text && word_char_at (g_utf8_prev_char (p))) || word_char_at (p + len))
        continue;
      m.start = g_utf8_pointer_to_offset (text, p);
      m.end = m.start + g_utf8_strlen (form, -1);
      m.exact = g_strdup (form);
      m.adjectival = adjectival;
      g_array_append_val (mentions, m);
    }
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  return ((const DlMention *) a)->start - ((const DlMention *) b)->start;
}

GPtrArray *
dl_test_places_new (const char         *text,
                    const char * const *specs)
{
  GPtrArray *places = g_ptr_array_new_with_free_func (test_place_free);

  for (guint i = 0; specs[i]; i++)
    {
      TestPlace *p = g_new0 (TestPlace, 1);
      g_auto(GStrv) forms = NULL;

      p->fields = g_strsplit (specs[i], "|", 5);
      g_assert (g_strv_length (p->fields) == 5);
      p->place.entry = i;
      p->place.info.index = i;
      p->place.info.name = p->fields[0];
      p->place.info.kind = p->fields[1];
      p->place.info.feature_code = g_str_equal (p->fields[1], "capital") ? "PPLC" :
                                   g_str_equal (p->fields[1], "country") ? "PCLI" : "PPL";
      p->place.info.country_code = p->fields[2];
      p->place.info.country_name = *p->fields[3] ? p->fields[3] : p->fields[0];
      p->place.info.admin1_name = "";
      p->place.precision = g_str_equal (p->fields[1], "country") ? "country" : "city";
      p->place.mentions = g_array_new (FALSE, FALSE, sizeof (DlMention));
      add_mentions (p->place.mentions, text, p->fields[0], FALSE);
      forms = g_strsplit (p->fields[4], ",", -1);
      for (guint k = 0; forms[k]; k++)
        if (*forms[k])
          add_mentions (p->place.mentions, text, forms[k] + (forms[k][0] == '='),
                        forms[k][0] != '=');
      g_array_sort (p->place.mentions, compare_mentions);
      if (p->place.mentions->len > 0)
        g_ptr_array_add (places, p);
      else
        test_place_free (p);
    }
  return places;
}
