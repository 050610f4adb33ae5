/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-draft"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dl-draft.h"
#include "dl-drafter.h"
#include "dl-json-private.h"
#include "dl-place-detector.h"
#include "dl-story.h"

/* A headline is one short line: more and it is a paragraph. */
#define MAX_HEADLINE_CHARS 120
#define MAX_HEADLINE_WORDS 20

G_DEFINE_QUARK (dl-draft-error-quark, dl_draft_error)

static const char * const precisions[] = {
  "site", "city", "region", "country", "inferred", NULL
};

/* The line and column (characters, 1-based) of byte @offset of @data. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((((unsigned char) data[i]) & 0xC0) != 0x80)
        (*column)++;
    }
}

/**
 * dl_draft_normalize_text:
 * @data: the bytes of an article file
 * @length: their number
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set.
 */
char *
dl_draft_normalize_text (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GString) text = NULL;
  const char *end = NULL;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > DL_DRAFT_MAX_TEXT)
    {
      g_set_error (error, DL_DRAFT_ERROR, DL_DRAFT_ERROR_TOO_LARGE,
                   _("the file is too large for an article (%lu MiB; the limit is %d MiB)"),
                   (gulong) (length / (1024 * 1024)), DL_DRAFT_MAX_TEXT / (1024 * 1024));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line, column;

      locate (data, end - data, &line, &column);
      if (*end == '\0')
        g_set_error (error, DL_DRAFT_ERROR, DL_DRAFT_ERROR_NOT_TEXT,
                     _("line %u, column %u: the file contains a NUL byte: it is not a text "
                       "file"), line, column);
      else
        g_set_error (error, DL_DRAFT_ERROR, DL_DRAFT_ERROR_NOT_TEXT,
                     _("line %u, column %u: the file is not UTF-8 text (byte 0x%02X); save "
                       "it as UTF-8 and try again"), line, column, (unsigned char) *end);
      return NULL;
    }

  text = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\r')
        {
          if (i + 1 < length && data[i + 1] == '\n')
            i++;
          c = '\n';
        }
      if (!g_ascii_isspace (c))
        blank = FALSE;
      g_string_append_c (text, c);
    }

  if (blank)
    {
      g_set_error_literal (error, DL_DRAFT_ERROR, DL_DRAFT_ERROR_EMPTY,
                           _("the file is empty: an article needs some text"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * dl_draft_guess_title:
 * @text: an article
 *
 * Returns: (transfer full) (nullable): the first line when it looks like a headline.
 */
char *
dl_draft_guess_title (const char *text)
{
  g_autofree char *line = NULL;
  const char *start = text;
  const char *newline;
  glong n_chars;
  guint n_words = 0;
  gunichar last;

  g_return_val_if_fail (text != NULL, NULL);

  while (*start != '\0' && g_ascii_isspace (*start))
    start++;
  newline = strchr (start, '\n');
  /* a text of one line is the article itself, not its headline */
  if (newline == NULL)
    return NULL;
  line = g_strstrip (g_strndup (start, newline - start));

  n_chars = g_utf8_strlen (line, -1);
  if (n_chars == 0 || n_chars > MAX_HEADLINE_CHARS)
    return NULL;
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && (p == line || g_ascii_isspace (p[-1])))
      n_words++;
  if (n_words > MAX_HEADLINE_WORDS)
    return NULL;

  /* a sentence ends with a full stop; a headline does not (a question mark may) */
  last = g_utf8_get_char (g_utf8_find_prev_char (line, line + strlen (line)));
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == 0x3002)
    return NULL;

  return g_steal_pointer (&line);
}

/* An id from a name: lower-case ASCII letters and digits joined by '-', "" for none. */
static char *
slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *id = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && id->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  return g_string_free (id, FALSE);
}

static char *
unique_id (GHashTable *taken,
           const char *name,
           guint       index)
{
  g_autofree char *base = slug (name);
  char *id;

  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup_printf ("place-%u", index + 1);
    }
  id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (taken, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (taken, g_strdup (id));
  return id;
}

static void
add_place (JsonBuilder           *builder,
           const DlDraft         *draft,
           const DlDetectedPlace *place,
           const char            *id)
{
  static const char * const languages[] = { "ar", "es", NULL };
  gboolean has_names = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Feature");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);

  json_builder_set_member_name (builder, "geometry");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Point");
  json_builder_set_member_name (builder, "coordinates");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, place->info.lon);
  json_builder_add_double_value (builder, place->info.lat);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, place->info.name);

  for (guint i = 0; draft->gazetteer != NULL && languages[i] != NULL; i++)
    {
      const char *local = dl_gazetteer_get_localized_name (draft->gazetteer, place->entry,
                                                           languages[i]);

      if (local == NULL || *local == '\0' || g_str_equal (local, place->info.name))
        continue;
      if (!has_names)
        {
          json_builder_set_member_name (builder, "names");
          json_builder_begin_object (builder);
          has_names = TRUE;
        }
      json_builder_set_member_name (builder, languages[i]);
      json_builder_add_string_value (builder, local);
    }
  if (has_names)
    json_builder_end_object (builder);

  if (place->info.geonames_id > 0)
    {
      json_builder_set_member_name (builder, "geonames");
      json_builder_add_int_value (builder, place->info.geonames_id);
    }
  if (place->info.kind != NULL && *place->info.kind != '\0')
    {
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, place->info.kind);
    }
  if (place->precision != NULL && g_strv_contains (precisions, place->precision))
    {
      json_builder_set_member_name (builder, "precision");
      json_builder_add_string_value (builder, place->precision);
    }

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; place->mentions != NULL && i < place->mentions->len; i++)
    {
      const DlMention *m = &g_array_index (place->mentions, DlMention, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "exact");
      json_builder_add_string_value (builder, m->exact);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, m->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, m->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "suggested");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/* A string member, unless @value is NULL or empty. */
static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The draft as GeoJSON: places as Point features with their GeoNames ids, kinds,
 * precisions and mentions, then the events and actors drafted from the text, all marked
 * "suggested". Not yet checked. */
static GBytes *
write_draft (const DlDraft *draft)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(DlDrafterResult) drafted = NULL;
  DlTime published = { DL_TIME_NONE };
  gsize length = 0;
  char *data;

  /* the places' feature ids, then the events and actors drafted from the text */
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; draft->places != NULL && i < draft->places->len; i++)
    {
      const DlDetectedPlace *place = g_ptr_array_index (draft->places, i);

      g_ptr_array_add (ids, unique_id (taken, place->info.name, i));
    }
  g_ptr_array_add (ids, NULL);
  if (draft->published == NULL || !dl_time_parse (draft->published, &published, NULL))
    published.precision = DL_TIME_NONE;
  drafted = dl_drafter_run (draft->text, &published, draft->places);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");

  json_builder_set_member_name (builder, "dateline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "article");
  json_builder_begin_object (builder);
  add_string (builder, "title", draft->title);
  add_string (builder, "publisher", draft->publisher);
  add_string (builder, "url", draft->url);
  add_string (builder, "published", draft->published);
  add_string (builder, "language", draft->language);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, draft->text);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "actors");
  json_builder_add_value (builder, dl_drafter_result_actors_to_json (drafted));
  json_builder_set_member_name (builder, "events");
  json_builder_add_value (builder,
                          dl_drafter_result_events_to_json (drafted,
                                                            (const char * const *) ids->pdata));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; draft->places != NULL && i < draft->places->len; i++)
    {
      const DlDetectedPlace *place = g_ptr_array_index (draft->places, i);

      add_place (builder, draft, place, g_ptr_array_index (ids, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  data = dl_json_write (root, &length);
  return g_bytes_new_take (data, length);
}

/* Loads @bytes back: what is drafted is known to open. */
static DlStory *
load_draft (GBytes      *bytes,
            const char  *display_name,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DlStory *story = dl_story_new_from_bytes (bytes, display_name, &local_error);

  if (story == NULL)
    g_set_error (error, DL_DRAFT_ERROR, DL_DRAFT_ERROR_INVALID,
                 _("the drafted story does not load back (this is a bug in Dateline): %s"),
                 local_error->message);
  return story;
}

/**
 * dl_draft_to_bytes:
 * @draft: what the story is made of
 * @error: a #GError
 *
 * Writes the draft as a story (places as Point features with their GeoNames ids, kinds,
 * precisions and mentions, events and actors drafted from the text, all marked
 * "suggested") and loads it back, so that what is returned is known to open.
 *
 * Returns: (transfer full) (nullable): the GeoJSON text, or %NULL with @error set.
 */
GBytes *
dl_draft_to_bytes (const DlDraft  *draft,
                   GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlStory) story = NULL;

  g_return_val_if_fail (draft != NULL && draft->text != NULL, NULL);

  bytes = write_draft (draft);
  story = load_draft (bytes, "draft", error);
  if (story == NULL)
    return NULL;
  return g_steal_pointer (&bytes);
}

/**
 * dl_draft_to_story:
 * @draft: what the story is made of
 * @display_name: the story's name in messages
 * @error: a #GError
 *
 * The draft of dl_draft_to_bytes(), loaded: what New Story opens in the window.
 *
 * Returns: (transfer full) (nullable): the story, or %NULL with @error set.
 */
DlStory *
dl_draft_to_story (const DlDraft  *draft,
                   const char     *display_name,
                   GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (draft != NULL && draft->text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  bytes = write_draft (draft);
  return load_draft (bytes, display_name, error);
}
