/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-export-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "dl-bundled.h"
#include "dl-export-cli.h"
#include "dl-filter.h"

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != NULL && *end == '\0' && isfinite (*value);
}

/**
 * dl_export_parse_size:
 *
 * Parses "WxH" (also "W×H"), both whole numbers from 16 to 32767.
 */
gboolean
dl_export_parse_size (const char  *text,
                      int         *width,
                      int         *height,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *normal = NULL;
  guint64 w = 0, h = 0;

  if (text != NULL)
    {
      GString *s = g_string_new (text);

      g_string_replace (s, "×", "x", 0);
      g_string_replace (s, "X", "x", 0);
      normal = g_string_free (s, FALSE);
      parts = g_strsplit (normal, "x", -1);
    }
  if (parts == NULL || g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 16, DL_FIGURE_MAX_SIDE, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 16, DL_FIGURE_MAX_SIDE, &h, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad size “%s”: expected WIDTHxHEIGHT, each from 16 to %d"),
                   text != NULL ? text : "", DL_FIGURE_MAX_SIDE);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/**
 * dl_export_parse_center:
 *
 * Parses "LAT,LON" in degrees: latitude within the Web Mercator square (±85.05°),
 * longitude within ±180°.
 */
gboolean
dl_export_parse_center (const char  *text,
                        double      *lat,
                        double      *lon,
                        GError     **error)
{
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, ",", -1) : NULL;

  if (parts == NULL || g_strv_length (parts) != 2
      || !parse_double (parts[0], lat) || !parse_double (parts[1], lon)
      || fabs (*lat) > 85.0511 || fabs (*lon) > 180)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad centre “%s”: expected LAT,LON in degrees, e.g. 34.5,38.3"),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
dl_export_parse_number (const char  *text,
                        const char  *option,
                        double       min,
                        double       max,
                        double      *value,
                        GError     **error)
{
  if (!parse_double (text, value) || *value < min || *value > max)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad %s “%s”: expected a number from %g to %g"),
                   option, text != NULL ? text : "", min, max);
      return FALSE;
    }
  return TRUE;
}

void
dl_export_request_clear (DlExportRequest *request)
{
  g_clear_pointer (&request->output, g_free);
  g_clear_pointer (&request->actors, g_strfreev);
  g_clear_pointer (&request->title, g_free);
  g_clear_pointer (&request->story, g_free);
}

/**
 * dl_export_request_parse:
 *
 * Fills @request from the --export, --size, --scale, --center, --zoom, --actor,
 * --basemap and --title options and the remaining STORY argument.
 */
gboolean
dl_export_request_parse (DlExportRequest *request,
                         GVariantDict    *options,
                         GError         **error)
{
  const char *output = NULL, *text = NULL, *center = NULL, *zoom = NULL;
  g_autofree const char **actors = NULL;
  g_autofree const char **files = NULL;

  memset (request, 0, sizeof *request);
  request->width = 1920;
  request->height = 1080;
  request->scale = 1;
  request->basemap = TRUE;

  if (!g_variant_dict_lookup (options, "export", "^&ay", &output) || output[0] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export needs a file name ending in .png, .svg, .pdf (a figure) or "
                     ".kml, .gpx, .csv (the places)"));
      return FALSE;
    }
  request->places = dl_places_format_from_path (output, &request->places_format);
  if (!request->places && !dl_figure_format_from_path (output, &request->format))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Cannot export to “%s”: the name must end in .png, .svg, .pdf (a figure) "
                     "or .kml, .gpx, .csv (the places)"), output);
      return FALSE;
    }
  request->output = g_strdup (output);

  if (g_variant_dict_lookup (options, "size", "&s", &text)
      && !dl_export_parse_size (text, &request->width, &request->height, error))
    return FALSE;
  if (g_variant_dict_lookup (options, "scale", "&s", &text)
      && !dl_export_parse_number (text, "--scale", 0.01, 64, &request->scale, error))
    return FALSE;
  if (!dl_figure_check_size (request->width, request->height,
                             request->format == DL_FIGURE_FORMAT_PNG ? request->scale : 1,
                             error))
    return FALSE;

  g_variant_dict_lookup (options, "center", "&s", &center);
  g_variant_dict_lookup (options, "zoom", "&s", &zoom);
  if ((center == NULL) != (zoom == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--center and --zoom go together (without both, the view fits the "
                     "shown places)"));
      return FALSE;
    }
  if (center != NULL)
    {
      if (!dl_export_parse_center (center, &request->lat, &request->lon, error)
          || !dl_export_parse_number (zoom, "--zoom", 0, 22, &request->zoom, error))
        return FALSE;
      request->has_view = TRUE;
    }

  if (g_variant_dict_lookup (options, "actor", "^a&s", &actors) && actors[0] != NULL)
    request->actors = g_strdupv ((char **) actors);

  if (g_variant_dict_lookup (options, "basemap", "&s", &text))
    {
      if (g_str_equal (text, "none"))
        request->basemap = FALSE;
      else if (!g_str_equal (text, "offline"))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Bad --basemap “%s”: expected offline or none"), text);
          return FALSE;
        }
    }

  if (g_variant_dict_lookup (options, "title", "&s", &text))
    request->title = g_strdup (text);

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files) && files[0] != NULL)
    {
      if (files[1] != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--export takes one story, not %u"), g_strv_length ((char **) files));
          return FALSE;
        }
      request->story = g_strdup (files[0]);
    }

  return TRUE;
}

/**
 * dl_export_request_run:
 *
 * Loads the story (or the bundled one), checks the actor ids against it and writes the
 * figure. Nothing is written when anything fails.
 */
gboolean
dl_export_request_run (DlExportRequest *request,
                       GError         **error)
{
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(GFile) out = NULL;

  if (request->story != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (request->story);

      story = dl_story_new_from_file (file, NULL, error);
    }
  else
    story = dl_bundled_story_load (error);
  if (story == NULL)
    return FALSE;

  if (request->places)
    {
      out = g_file_new_for_commandline_arg (request->output);
      return dl_places_export_to_file (story, request->places_format, out, NULL, error);
    }

  if (request->actors != NULL)
    {
      g_autoptr(DlFilter) filter = dl_filter_new ();

      for (guint i = 0; request->actors[i] != NULL; i++)
        if (dl_story_lookup_actor (story, request->actors[i]) == NULL)
          {
            GListModel *actors = dl_story_get_actors (story);
            g_autoptr(GString) known = g_string_new (NULL);

            for (guint k = 0; k < g_list_model_get_n_items (actors); k++)
              {
                g_autoptr(DlActor) actor = g_list_model_get_item (actors, k);

                g_string_append_printf (known, "%s%s", k > 0 ? ", " : "",
                                        dl_actor_get_id (actor));
              }
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("Unknown actor “%s” (this story has: %s)"), request->actors[i],
                         known->len > 0 ? known->str : _("no actors"));
            return FALSE;
          }
      dl_filter_set_actors (filter, (const char * const *) request->actors);
      dl_figure_options_set_filter (options, filter);
    }

  options->width = request->width;
  options->height = request->height;
  options->scale = request->scale;
  options->basemap = request->basemap;
  if (request->has_view)
    {
      options->fit = FALSE;
      options->center_lat = request->lat;
      options->center_lon = request->lon;
      options->zoom = request->zoom;
    }
  options->title = g_strdup (request->title);

  out = g_file_new_for_commandline_arg (request->output);
  return dl_figure_save (story, options, out, request->format, NULL, NULL, NULL, error);
}

static void
print_error_line (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  g_strdelimit (line, "\r\n", ' ');
  /* A story's own FILE:LINE:COL: message already names where it comes from. */
  if (error->domain == DL_STORY_ERROR)
    g_printerr ("%s\n", line);
  else
    g_printerr ("dateline: %s\n", line);
}

/**
 * dl_export_cli_run:
 *
 * `dateline --export`: runs without a display. Returns the exit status.
 */
int
dl_export_cli_run (GVariantDict *options)
{
  DlExportRequest request;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = dl_export_request_parse (&request, options, &error)
       && dl_export_request_run (&request, &error);
  dl_export_request_clear (&request);
  if (!ok)
    {
      print_error_line (error);
      return 1;
    }
  return 0;
}
