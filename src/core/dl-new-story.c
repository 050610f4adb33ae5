/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-new-story"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dl-draft.h"
#include "dl-new-story.h"
#include "dl-place-detector.h"
#include "dl-time.h"

/* Reads at most DL_DRAFT_MAX_TEXT + 1 bytes: a huge file or a device that never ends is
 * refused without reading it all. */
static GBytes *
read_article (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint8 buffer[65536];

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("no such file"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                             _("this is a folder, not a text file"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("permission denied: the file cannot be read"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL,
                                      error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
      if (data->len > DL_DRAFT_MAX_TEXT)
        {
          g_set_error (error, DL_DRAFT_ERROR, DL_DRAFT_ERROR_TOO_LARGE,
                       _("the file is too large for an article (over %d MiB)"),
                       DL_DRAFT_MAX_TEXT / (1024 * 1024));
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The file's name without its folder and extension: "article" for "news/article.txt". */
static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return g_steal_pointer (&display);
}

static int
fail (const char   *where,
      const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("%s: %s\n", where, line);
  return 1;
}

/**
 * dl_new_story_cli_run:
 * @options: the parsed command line
 *
 * Returns: the exit status: 0, or 1 after one line on standard error. Nothing is written
 *   when anything fails.
 */
int
dl_new_story_cli_run (GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) story = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *display = NULL;
  const char *path = NULL;
  const char *output = NULL;
  const char *published = NULL;
  const char *given_title = NULL;
  DlGazetteer *gazetteer;
  DlDraft draft = { 0 };

  g_return_val_if_fail (options != NULL, 1);

  if (!g_variant_dict_lookup (options, "new-story", "^&ay", &path) || *path == '\0')
    {
      g_printerr ("%s\n", _("dateline: --new-story needs an article file (plain UTF-8 text)"));
      return 1;
    }
  display = g_filename_display_name (path);
  g_variant_dict_lookup (options, "output", "^&ay", &output);
  g_variant_dict_lookup (options, "published", "&s", &published);
  g_variant_dict_lookup (options, "title", "&s", &given_title);

  if (published != NULL)
    {
      DlTime time;

      if (!dl_time_parse (published, &time, &error))
        return fail ("dateline: --published", error);
    }

  bytes = read_article (path, &error);
  if (bytes == NULL)
    return fail (display, error);
  text = dl_draft_normalize_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &error);
  if (text == NULL)
    return fail (display, error);

  gazetteer = dl_gazetteer_get_default (&error);
  if (gazetteer == NULL)
    return fail ("dateline", error);
  places = dl_place_detector_detect (gazetteer, text);

  if (given_title != NULL && *given_title != '\0')
    title = g_strdup (given_title);
  else
    title = dl_draft_guess_title (text);
  if (title == NULL)
    title = title_from_path (path);

  draft.text = text;
  draft.title = title;
  draft.published = published;
  draft.language = "en";
  draft.places = places;
  draft.gazetteer = gazetteer;
  story = dl_draft_to_bytes (&draft, &error);
  if (story == NULL)
    return fail (display, error);

  if (output != NULL && !g_str_equal (output, "-"))
    {
      g_autofree char *out_display = g_filename_display_name (output);

      /* a temporary file renamed over the old one: a failure leaves it as it was */
      if (!g_file_set_contents_full (output, g_bytes_get_data (story, NULL),
                                     g_bytes_get_size (story),
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0666, &error))
        return fail (out_display, error);
      return 0;
    }

  if (fwrite (g_bytes_get_data (story, NULL), 1, g_bytes_get_size (story), stdout)
        != g_bytes_get_size (story) || fflush (stdout) != 0)
    {
      g_printerr ("%s\n", _("dateline: could not write the story to standard output"));
      return 1;
    }
  return 0;
}
