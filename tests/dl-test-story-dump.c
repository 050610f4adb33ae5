/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reader's fast path against its tree reader (tests/test-fast-path.c and the
 * fuzz-fast-path target). */
#include "config.h"

#include <string.h>

#include "dl-place-private.h"
#include "dl-place-properties.h"
#include "dl-story-reader-private.h"
#include "dl-story.h"
#include "dl-test-story-dump.h"

static void
describe_place (GString *out,
                DlPlace *place)
{
  g_autoptr(GPtrArray) properties = dl_place_list_properties (place);
  DlPlaceStyle style;
  DlLonLat anchor;

  g_string_append_printf (out, "place %s name=%s shape=%d made-up=%d kind=%s precision=%s "
                          "description=%s source=%s\n", dl_place_get_id (place),
                          dl_place_get_name (place), dl_place_get_shape (place),
                          place->id_made_up, dl_place_get_kind (place),
                          dl_place_get_precision (place), dl_place_get_description (place),
                          dl_place_get_source (place));
  for (guint i = 0; i < dl_place_get_n_parts (place); i++)
    {
      guint n;
      const DlLonLat *part = dl_place_get_part (place, i, &n);

      g_string_append (out, "  part");
      for (guint j = 0; j < n; j++)
        g_string_append_printf (out, " [%.17g, %.17g]", part[j].lon, part[j].lat);
      g_string_append_c (out, '\n');
    }
  if (dl_place_has_location (place))
    {
      anchor = dl_place_get_anchor (place);
      g_string_append_printf (out, "  anchor [%.17g, %.17g]\n", anchor.lon, anchor.lat);
    }
  for (guint i = 0; i < properties->len; i++)
    {
      const DlPlaceProperty *p = g_ptr_array_index (properties, i);

      g_string_append_printf (out, "  property %s = %s\n", p->key, p->value);
    }
  if (dl_place_get_style (place, &style))
    g_string_append_printf (out, "  style %d %g %g %g / %d %g %g %g %g %g / %d %g / %s %d\n",
                            style.has_marker_color, style.marker_color[0],
                            style.marker_color[1], style.marker_color[2], style.has_stroke,
                            style.stroke[0], style.stroke[1], style.stroke[2],
                            style.stroke_width, style.stroke_opacity, style.has_fill,
                            style.fill_opacity, style.marker_symbol, style.marker_size);
  dl_place_style_clear (&style);
}

static char *
describe (const char *text,
          gsize       length,
          gboolean    fast)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DlStory) story = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  dl_story_reader_set_fast_path (fast);
  problems = dl_story_check_bytes (bytes, "f.geojson");
  story = dl_story_new_from_bytes (bytes, "f.geojson", &error);
  dl_story_reader_set_fast_path (TRUE);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (out, "problem %s\n", (const char *) problems->pdata[i]);
  if (story == NULL)
    {
      g_string_append_printf (out, "error %s\n", error->message);
      return g_string_free (out, FALSE);
    }
  if (dl_story_get_warnings (story) != NULL)
    for (const char * const *w = dl_story_get_warnings (story); *w != NULL; w++)
      g_string_append_printf (out, "warning %s\n", *w);
  for (guint i = 0; i < g_list_model_get_n_items (dl_story_get_places (story)); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (dl_story_get_places (story), i);

      describe_place (out, place);
    }
  {
    g_autoptr(GBytes) saved = dl_story_to_bytes (story);
    gsize n = 0;
    const char *data = saved != NULL ? g_bytes_get_data (saved, &n) : "(none)";

    g_string_append (out, "saved ");
    g_string_append_len (out, data, saved != NULL ? (gssize) n : -1);
    g_string_append_c (out, '\n');
  }
  return g_string_free (out, FALSE);
}

char *
dl_test_compare_fast_path (const char *text,
                           gsize       length)
{
  g_autofree char *fast = describe (text, length, TRUE);
  g_autofree char *tree = describe (text, length, FALSE);

  if (g_str_equal (fast, tree))
    return NULL;
  return g_strdup_printf ("fast path:\n%s\ntree reader:\n%s", fast, tree);
}
