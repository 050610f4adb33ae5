/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-article-text"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dl-article-text.h"
#include "dl-draft.h"
#include "dl-place-detector.h"

/* Line and column (both from 1, the column in characters) of byte @offset of @data, whose
 * bytes before @offset are valid UTF-8. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static gboolean
is_blank_line (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/* "\r\n" and "\r" become "\n", tabs and form feeds a space; other control characters
 * (stray bytes of a copy from a PDF or a terminal) are dropped: no reader could show them
 * and a story file cannot hold them unescaped. */
static char *
normalize_line_ends (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else if (*p == '\t' || *p == '\v' || *p == '\f')
        g_string_append_c (out, ' ');
      else if (*p == '\n' || !g_ascii_iscntrl (*p))
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* One paragraph a line: when blank lines separate paragraphs, the lines of a paragraph are
 * joined with a space; else every non-blank line is a paragraph. */
static char *
join_paragraphs (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean blank_separated = FALSE;
  gboolean in_paragraph = FALSE;
  GString *out = g_string_new (NULL);

  /* a blank line between two lines of text, not only at the ends */
  for (guint i = 0, seen_text = FALSE, blank = FALSE; lines[i] != NULL; i++)
    if (is_blank_line (lines[i]))
      blank = seen_text;
    else if (blank)
      blank_separated = TRUE;
    else
      seen_text = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0')
        {
          in_paragraph = FALSE;
          continue;
        }
      if (out->len > 0)
        g_string_append_c (out, in_paragraph && blank_separated ? ' ' : '\n');
      g_string_append (out, line);
      in_paragraph = TRUE;
    }
  return g_string_free (out, FALSE);
}

char *
dl_article_text_from_bytes (const char  *data,
                            gsize        length,
                            const char  *display_name,
                            char       **title,
                            GError     **error)
{
  const char *end = NULL;
  const char *nul;
  g_autofree char *copy = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *joined = NULL;
  guint line, column;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (title != NULL)
    *title = NULL;

  if (length > DL_ARTICLE_MAX_SIZE)
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE,
                   /* TRANSLATORS: %s is a file name, then two sizes in megabytes */
                   _("%s: the text is %.1f MB; an article can be at most %d MB"),
                   display_name, length / (1024.0 * 1024.0),
                   DL_ARTICLE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      nul = memchr (data, '\0', length);
      if (nul != NULL && nul == end)
        {
          locate (data, end - data, &line, &column);
          g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PARSE,
                       /* TRANSLATORS: %s:%u:%u is file:line:column */
                       _("%s:%u:%u: the text holds a NUL byte: is it a binary file, not "
                         "plain text?"),
                       display_name, line, column);
        }
      else
        {
          locate (data, end - data, &line, &column);
          g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_PARSE,
                       /* TRANSLATORS: %s:%u:%u is file:line:column */
                       _("%s:%u:%u: the text is not UTF-8: save it as UTF-8 and try again"),
                       display_name, line, column);
        }
      return NULL;
    }

  copy = g_strndup (data, length);
  normal = normalize_line_ends (copy);
  joined = join_paragraphs (normal);

  /* A Markdown title: "# Title" on the first line. */
  if (g_str_has_prefix (joined, "# "))
    {
      char *newline = strchr (joined, '\n');
      g_autofree char *heading = g_strndup (joined + 2,
                                            newline != NULL ? (gsize) (newline - joined - 2)
                                                            : strlen (joined + 2));

      g_strstrip (heading);
      if (heading[0] != '\0' && newline != NULL)
        {
          char *rest = g_strdup (newline + 1);

          g_free (joined);
          joined = rest;
          if (title != NULL)
            *title = g_steal_pointer (&heading);
        }
    }

  if (joined[0] == '\0')
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_INVALID,
                   /* TRANSLATORS: %s is a file name */
                   _("%s: there is no text: paste or open the article itself"), display_name);
      if (title != NULL)
        g_clear_pointer (title, g_free);
      return NULL;
    }

  return g_steal_pointer (&joined);
}

char *
dl_article_text_from_file (GFile         *file,
                           char         **title,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (title != NULL)
    *title = NULL;
  name = g_file_get_basename (file);
  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL)
    {
      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, "%s: %s", name,
                   local_error->message);
      return NULL;
    }

  for (;;)
    {
      guint8 buffer[64 * 1024];
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, sizeof buffer,
                                      cancellable, &local_error);

      if (n < 0)
        {
          g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, "%s: %s", name,
                       local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
      /* one byte past the limit is enough to refuse it with its size */
      if (data->len > DL_ARTICLE_MAX_SIZE)
        {
          goffset size = data->len;
          g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                          G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                          G_FILE_QUERY_INFO_NONE,
                                                          cancellable, NULL);

          if (info != NULL)
            size = MAX (size, g_file_info_get_size (info));
          g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_TOO_LARGE,
                       _("%s: the text is %.1f MB; an article can be at most %d MB"),
                       name, size / (1024.0 * 1024.0), DL_ARTICLE_MAX_SIZE / (1024 * 1024));
          return NULL;
        }
    }

  return dl_article_text_from_bytes ((const char *) data->data, data->len, name, title, error);
}

/**
 * dl_article_new_story:
 * @text: the article (from dl_article_text_from_bytes())
 * @info: (nullable): what else is known of it
 * @error: a #GError
 *
 * The draft `dateline --new-story` writes (dl-draft.h): the places the detector finds,
 * the events, times and actors drafted from the text, each marked as a suggestion to
 * review. Without a title, the first line is taken when it reads as a headline.
 *
 * Returns: (transfer full) (nullable): the story, or %NULL with @error set.
 */
DlStory *
dl_article_new_story (const char           *text,
                      const DlArticleInfo  *info,
                      GError              **error)
{
  static const DlArticleInfo none = { NULL };
  g_autoptr(GPtrArray) places = NULL;
  g_autofree char *guessed = NULL;
  DlGazetteer *gazetteer;
  DlDraft draft = { 0 };

  g_return_val_if_fail (text != NULL, NULL);

  if (info == NULL)
    info = &none;

  /* without the gazetteer (a broken build) the draft still has its events and actors */
  gazetteer = dl_gazetteer_get_default (NULL);
  if (gazetteer != NULL)
    places = dl_place_detector_detect (gazetteer, text);

  draft.text = text;
  draft.title = info->title;
  if (draft.title == NULL || draft.title[0] == '\0')
    draft.title = guessed = dl_draft_guess_title (text);
  draft.publisher = info->publisher;
  draft.url = info->url;
  draft.published = info->published;
  /* the drafter reads English */
  draft.language = info->language != NULL && info->language[0] != '\0' ? info->language
                                                                        : "en";
  draft.places = places;
  draft.gazetteer = gazetteer;
  /* TRANSLATORS: the name of a story that has no file yet, in error messages */
  return dl_draft_to_story (&draft, _("New story"), error);
}
