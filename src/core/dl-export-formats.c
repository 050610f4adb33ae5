/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-export-formats"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dl-event.h"
#include "dl-export-formats.h"
#include "dl-place-private.h"
#include "dl-story-error.h"

/* One place and the titles of its events, in time order. */
typedef struct
{
  DlPlace   *place;
  GPtrArray *titles;  /* of const char *, owned by the events */
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->titles, g_ptr_array_unref);
}

static GArray *
collect_rows (DlStory *story)
{
  GListModel *places = dl_story_get_places (story);
  GListModel *events = dl_story_get_events (story);
  guint n_places = g_list_model_get_n_items (places);
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), n_places);

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  for (guint i = 0; i < n_places; i++)
    {
      Row row = { g_list_model_get_item (places, i), g_ptr_array_new () };

      /* the story holds the place */
      g_object_unref (row.place);
      g_array_append_val (rows, row);
      g_hash_table_insert (index, row.place, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, i);

      for (guint j = 0; j < dl_event_get_n_places (event); j++)
        {
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index,
                                                           dl_event_get_place (event, j, NULL)));
          Row *row;

          if (k == 0)
            continue;
          row = &g_array_index (rows, Row, k - 1);
          /* an event naming a place twice is listed once */
          if (row->titles->len == 0 ||
              row->titles->pdata[row->titles->len - 1] != dl_event_get_title (event))
            g_ptr_array_add (row->titles, (gpointer) dl_event_get_title (event));
        }
    }
  return rows;
}

/* In [-180, 180]: a place continuing past 180° is stored unwrapped. */
static double
wrap_lon (double lon)
{
  while (lon > 180)
    lon -= 360;
  while (lon < -180)
    lon += 360;
  return lon;
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* 7 decimals: a centimetre; trailing zeros off */
  g_ascii_formatd (buffer, sizeof buffer, "%.7f", value);
  if (strchr (buffer, '.') != NULL)
    {
      char *end = buffer + strlen (buffer) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (buffer, "-0"))
    strcpy (buffer, "0");
  g_string_append (out, buffer);
}

/* XML 1.0 text: escaped, and characters XML cannot hold at all (C0 controls but tab and
 * line breaks, U+FFFE, U+FFFF) replaced by U+FFFD. */
static void
append_xml (GString    *out,
            const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        default:
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
            g_string_append (out, "\xEF\xBF\xBD");
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
}

static void
append_xml_element (GString    *out,
                    const char *indent,
                    const char *name,
                    const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append_printf (out, "%s<%s>", indent, name);
  append_xml (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static char *
join_titles (const Row *row)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < row->titles->len; i++)
    {
      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, row->titles->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* KML */

static void
append_kml_coordinates (GString        *out,
                        const DlLonLat *part,
                        guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      DlLonLat p = part[i];

      if (i > 0)
        g_string_append_c (out, ' ');
      /* KML wants [-180, 180]; Google Earth joins positions across 180° the short way */
      append_number (out, wrap_lon (p.lon));
      g_string_append_c (out, ',');
      append_number (out, p.lat);
    }
}

static void
append_kml_geometry (GString *out,
                     DlPlace *place)
{
  guint n_parts = place->n_parts;
  gboolean multi;

  if (n_parts == 0)
    return;

  /* polygons: an outer ring and the holes after it */
  if (place->shape == DL_PLACE_SHAPE_AREA)
    {
      guint outers = 0;

      for (guint i = 0; i < n_parts; i++)
        outers += dl_place_part_is_outer (place, i);
      multi = outers > 1;
    }
  else
    multi = n_parts > 1;
  if (multi)
    g_string_append (out, "      <MultiGeometry>\n");

  for (guint i = 0; i < n_parts; i++)
    {
      guint len;
      const DlLonLat *part = dl_place_get_part (place, i, &len);

      switch (place->shape)
        {
        case DL_PLACE_SHAPE_AREA:
          if (dl_place_part_is_outer (place, i) || i == 0)
            g_string_append (out, "      <Polygon><outerBoundaryIs><LinearRing><coordinates>");
          else
            g_string_append (out, "<innerBoundaryIs><LinearRing><coordinates>");
          append_kml_coordinates (out, part, len);
          if (dl_place_part_is_outer (place, i) || i == 0)
            g_string_append (out, "</coordinates></LinearRing></outerBoundaryIs>");
          else
            g_string_append (out, "</coordinates></LinearRing></innerBoundaryIs>");
          if (i + 1 == n_parts || dl_place_part_is_outer (place, i + 1))
            g_string_append (out, "</Polygon>\n");
          break;
        case DL_PLACE_SHAPE_ROUTE:
          g_string_append (out, "      <LineString><coordinates>");
          append_kml_coordinates (out, part, len);
          g_string_append (out, "</coordinates></LineString>\n");
          break;
        case DL_PLACE_SHAPE_POINT:
        default:
          g_string_append (out, "      <Point><coordinates>");
          append_kml_coordinates (out, part, len);
          g_string_append (out, "</coordinates></Point>\n");
          break;
        }
    }

  if (multi)
    g_string_append (out, "      </MultiGeometry>\n");
}

static void
write_kml (GString *out,
           DlStory *story,
           GArray  *rows)
{
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n"
                   "  <Document>\n");
  append_xml_element (out, "    ", "name", dl_story_get_title (story));
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autofree char *events = join_titles (row);

      g_string_append (out, "    <Placemark>\n");
      append_xml_element (out, "      ", "name", dl_place_get_name (row->place));
      append_xml_element (out, "      ", "description", events);
      g_string_append (out, "      <ExtendedData>\n");
      if (dl_place_get_kind (row->place) != NULL)
        {
          g_string_append (out, "        <Data name=\"kind\"><value>");
          append_xml (out, dl_place_get_kind (row->place));
          g_string_append (out, "</value></Data>\n");
        }
      g_string_append_printf (out, "        <Data name=\"events\"><value>%u</value></Data>\n",
                              row->titles->len);
      g_string_append (out, "      </ExtendedData>\n");
      append_kml_geometry (out, row->place);
      g_string_append (out, "    </Placemark>\n");
    }
  g_string_append (out, "  </Document>\n</kml>\n");
}

/* GPX: a waypoint per located place (its marker), a track per route. */

static void
write_gpx (GString *out,
           DlStory *story,
           GArray  *rows)
{
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gpx version=\"1.1\" creator=\"Dateline\" "
                   "xmlns=\"http://www.topografix.com/GPX/1/1\">\n");
  if (dl_story_get_title (story) != NULL)
    {
      g_string_append (out, "  <metadata>\n");
      append_xml_element (out, "    ", "name", dl_story_get_title (story));
      g_string_append (out, "  </metadata>\n");
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autofree char *events = NULL;
      DlLonLat anchor;

      if (!dl_place_has_location (row->place))
        continue;  /* a waypoint needs a position */
      anchor = dl_place_get_anchor (row->place);
      events = join_titles (row);
      g_string_append (out, "  <wpt lat=\"");
      append_number (out, anchor.lat);
      g_string_append (out, "\" lon=\"");
      append_number (out, wrap_lon (anchor.lon));
      g_string_append (out, "\">\n");
      append_xml_element (out, "    ", "name", dl_place_get_name (row->place));
      append_xml_element (out, "    ", "desc", events);
      append_xml_element (out, "    ", "type", dl_place_get_kind (row->place));
      g_string_append (out, "  </wpt>\n");
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      if (dl_place_get_shape (row->place) != DL_PLACE_SHAPE_ROUTE ||
          !dl_place_has_location (row->place))
        continue;
      g_string_append (out, "  <trk>\n");
      append_xml_element (out, "    ", "name", dl_place_get_name (row->place));
      for (guint j = 0; j < row->place->n_parts; j++)
        {
          guint len;
          const DlLonLat *part = dl_place_get_part (row->place, j, &len);

          g_string_append (out, "    <trkseg>\n");
          for (guint k = 0; k < len; k++)
            {
              DlLonLat p = part[k];

              g_string_append (out, "      <trkpt lat=\"");
              append_number (out, p.lat);
              g_string_append (out, "\" lon=\"");
              append_number (out, wrap_lon (p.lon));
              g_string_append (out, "\"/>\n");
            }
          g_string_append (out, "    </trkseg>\n");
        }
      g_string_append (out, "  </trk>\n");
    }
  g_string_append (out, "</gpx>\n");
}

/* CSV (RFC 4180) */

static void
append_csv_cell (GString    *out,
                 const char *text)
{
  if (text == NULL)
    return;
  /* A spreadsheet runs a cell starting with = + - @ as a formula: text from a story stays
   * text (OWASP's advice: a leading apostrophe). */
  g_string_append_c (out, '"');
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"')
        g_string_append_c (out, '"');
      /* control characters but line breaks and tab: shown as U+FFFD, as in the window */
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
write_csv (GString *out,
           GArray  *rows)
{
  g_string_append (out, "name,lat,lon,kind,events\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autofree char *events = join_titles (row);

      append_csv_cell (out, dl_place_get_name (row->place));
      g_string_append_c (out, ',');
      if (dl_place_has_location (row->place))
        {
          DlLonLat anchor = dl_place_get_anchor (row->place);

          append_number (out, anchor.lat);
          g_string_append_c (out, ',');
          append_number (out, wrap_lon (anchor.lon));
        }
      else
        g_string_append_c (out, ',');
      g_string_append_c (out, ',');
      append_csv_cell (out, dl_place_get_kind (row->place));
      g_string_append_c (out, ',');
      append_csv_cell (out, events);
      g_string_append (out, "\r\n");
    }
}

/**
 * dl_places_format_from_path:
 * @path: a file name
 * @format: (out): the format its extension names
 *
 * Returns: %FALSE when the name does not end in .kml, .gpx or .csv.
 */
gboolean
dl_places_format_from_path (const char     *path,
                            DlPlacesFormat *format)
{
  static const struct { const char *extension; DlPlacesFormat format; } formats[] = {
    { ".kml", DL_PLACES_FORMAT_KML },
    { ".gpx", DL_PLACES_FORMAT_GPX },
    { ".csv", DL_PLACES_FORMAT_CSV },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

/**
 * dl_places_export:
 * @story: a story
 * @format: the format
 *
 * Every place of @story with its name, position (the marker's: a point, an area's label
 * or centroid, a route's midpoint; KML also gets the whole shape), kind and the titles of
 * its events in time order.
 *
 * Returns: (transfer full): the file's bytes, UTF-8.
 */
GBytes *
dl_places_export (DlStory        *story,
                  DlPlacesFormat  format)
{
  g_autoptr(GArray) rows = NULL;
  GString *out;

  g_return_val_if_fail (DL_IS_STORY (story), NULL);

  rows = collect_rows (story);
  out = g_string_new (NULL);
  switch (format)
    {
    case DL_PLACES_FORMAT_KML:
      write_kml (out, story, rows);
      break;
    case DL_PLACES_FORMAT_GPX:
      write_gpx (out, story, rows);
      break;
    case DL_PLACES_FORMAT_CSV:
    default:
      write_csv (out, rows);
      break;
    }
  return g_string_free_to_bytes (out);
}

/**
 * dl_places_export_to_file:
 * @story: a story
 * @format: the format
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: %FALSE with a %DL_STORY_ERROR_IO naming the file when it cannot be written;
 *   a file already there is then left as it was.
 */
gboolean
dl_places_export_to_file (DlStory         *story,
                          DlPlacesFormat   format,
                          GFile           *file,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (DL_IS_STORY (story), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = dl_places_export (story, format);
  data = g_bytes_get_data (bytes, &length);
  /* GIO writes a temporary file beside it and renames it over the old one */
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, DL_STORY_ERROR, DL_STORY_ERROR_IO, _("Could not export “%s”: %s"),
                   name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
