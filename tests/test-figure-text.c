/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the exported figure's words say, read back from the SVG's text layer: one numbering
 * scheme (the numbers beside each place are its events' numbers in the caption), every
 * place of the caption named without two names overlapping, and a caption that reads
 * right to left in every row when the figure does. */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "dl-bundled.h"
#include "dl-figure.h"

typedef struct
{
  char    *text;
  double   x;
  double   y;
  double   size;
  double   length;
  gboolean bold;
  gboolean rtl;
} Item;

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->text);
}

static double
attribute (const char *tag,
           const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *p = strstr (tag, key);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (key), NULL);
}

/* The figure's SVG text layer, in drawing order, and where its decorations went. */
static GArray *
export_texts (DlStory               *story,
              const DlFigureOptions *options,
              DlFigureLayout        *layout)
{
  g_autofree char *dir = g_dir_make_tmp ("dateline-figure-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *layer;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (dl_figure_save (story, options, file, DL_FIGURE_FORMAT_SVG, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);

  g_array_set_clear_func (items, item_clear);
  layer = strstr (contents, "<g id=\"dateline-text\"");
  g_assert_nonnull (layer);
  for (const char *p = strstr (layer, "<text "); p != NULL; p = strstr (p + 1, "<text "))
    {
      const char *open_end = strchr (p, '>');
      const char *close = strstr (p, "</text>");
      g_autofree char *tag = g_strndup (p, open_end - p);
      g_autofree char *escaped = g_strndup (open_end + 1, close - open_end - 1);
      g_autoptr(GString) text = g_string_new (escaped);
      Item item;

      g_string_replace (text, "&apos;", "'", 0);
      g_string_replace (text, "&quot;", "\"", 0);
      g_string_replace (text, "&lt;", "<", 0);
      g_string_replace (text, "&gt;", ">", 0);
      g_string_replace (text, "&amp;", "&", 0);
      item.text = g_string_free (g_steal_pointer (&text), FALSE);
      item.x = attribute (tag, "x");
      item.y = attribute (tag, "y");
      item.size = attribute (tag, "font-size");
      item.length = attribute (tag, "textLength");
      item.bold = strstr (tag, "font-weight=\"bold\"") != NULL;
      item.rtl = strstr (tag, "direction=\"rtl\"") != NULL;
      g_array_append_val (items, item);
    }
  return items;
}

static gboolean
inside (const DlRect *r,
        double        x,
        double        y)
{
  return r->width > 0 && x >= r->x && x <= r->x + r->width && y >= r->y
         && y <= r->y + r->height;
}

static gboolean
is_numbers (const char *text)
{
  return text[0] != '\0' && strspn (text, "0123456789, ") == strlen (text);
}

/* The numbers of the caption: its number discs, one item each. */
static guint
caption_count (GArray               *items,
               const DlFigureLayout *layout)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      if (item->bold && is_numbers (item->text) && strchr (item->text, ',') == NULL
          && inside (&layout->caption, item->x, item->y))
        n = MAX (n, (guint) g_ascii_strtoull (item->text, NULL, 10));
    }
  return n;
}

/* The name of each place beside its marker, from the figure's text: the item with the
 * place's name, on the map, not in the caption; a long name wraps onto a second line
 * (*index: its last line). */
static const Item *
find_name (GArray               *items,
           const DlFigureLayout *layout,
           const char           *name,
           guint                *index)
{
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      g_autoptr(GString) joined = g_string_new (item->text);

      if (!item->bold || is_numbers (item->text) || inside (&layout->caption, item->x, item->y)
          || inside (&layout->title, item->x, item->y))
        continue;
      for (guint k = i; k < items->len && k < i + 2; k++)
        {
          const Item *line = &g_array_index (items, Item, k);

          if (k > i)
            {
              const Item *above = &g_array_index (items, Item, k - 1);

              if (!line->bold || is_numbers (line->text) || line->y <= above->y
                  || line->y > above->y + 2 * above->size)
                break;
              g_string_append_printf (joined, " %s", line->text);
            }
          if (g_str_equal (joined->str, name))
            {
              *index = k;
              return item;
            }
        }
    }
  return NULL;
}

static DlStory *
load_story (void)
{
  g_autoptr(GError) error = NULL;
  DlStory *story = dl_bundled_story_load (&error);

  g_assert_no_error (error);
  return story;
}

/* The caption numbers of the events at each place: event k (from 1, time order) at
 * the places it names. */
static GHashTable *
expected_numbers (DlStory *story,
                  guint    n_caption)
{
  GListModel *events = dl_story_get_events (story);
  GHashTable *numbers = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint e = 0; e < g_list_model_get_n_items (events) && e < n_caption; e++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, e);

      for (guint p = 0; p < dl_event_get_n_places (event); p++)
        {
          DlPlace *place = dl_event_get_place (event, p, NULL);
          char *old = g_hash_table_lookup (numbers, place);
          char *list = old != NULL ? g_strdup_printf ("%s, %u", old, e + 1)
                                   : g_strdup_printf ("%u", e + 1);

          g_hash_table_insert (numbers, place, list);
        }
    }
  return numbers;
}

/* One numbering scheme: markers carry no number of their own; the numbers beside a place's
 * name are exactly the caption's numbers of its events (all of them, none the caption
 * does not list), at a size where the caption lists them all and one where it does not. */
static void
test_numbers (void)
{
  g_autoptr(DlStory) story = load_story ();
  const int sizes[][2] = { { 1920, 1080 }, { 800, 600 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
      g_autoptr(GArray) items = NULL;
      g_autoptr(GHashTable) expected = NULL;
      GHashTableIter iter;
      gpointer key, value;
      DlFigureLayout layout;
      guint n_caption, n_checked = 0;

      options->width = sizes[s][0];
      options->height = sizes[s][1];
      items = export_texts (story, options, &layout);
      n_caption = caption_count (items, &layout);
      g_test_message ("%d×%d: the caption lists %u events", sizes[s][0], sizes[s][1],
                      n_caption);
      g_assert_cmpuint (n_caption, >=, 10);
      if (s == 0)
        g_assert_cmpuint (n_caption, ==,
                          g_list_model_get_n_items (dl_story_get_events (story)));
      expected = expected_numbers (story, n_caption);

      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *name = dl_place_get_name (key);
          g_autoptr(GString) shown = g_string_new (NULL);
          guint index = 0;
          const Item *item = find_name (items, &layout, name, &index);

          if (!dl_place_has_location (key))
            continue;
          g_assert_nonnull (item);
          /* The lines of numbers that follow the name, wrapped or not. */
          for (guint i = index + 1; i < items->len; i++)
            {
              const Item *next = &g_array_index (items, Item, i);

              if (!is_numbers (next->text) || next->y <= item->y)
                break;
              g_string_append_printf (shown, "%s%s", shown->len > 0 ? " " : "", next->text);
            }
          g_test_message ("%s: %s (caption: %s)", name, shown->str, (char *) value);
          g_assert_cmpstr (shown->str, ==, value);
          n_checked++;
        }
      g_assert_cmpuint (n_checked, >=, 15);

      /* No number anywhere on the map outside a place's label: the markers are plain. */
      for (guint i = 0; i < items->len; i++)
        {
          const Item *item = &g_array_index (items, Item, i);

          if (is_numbers (item->text) && !inside (&layout.caption, item->x, item->y))
            {
              gboolean after_name = i > 0 && !is_numbers (g_array_index (items, Item,
                                                                          i - 1).text);

              for (guint j = i; j > 0 && !after_name; j--)
                after_name = !is_numbers (g_array_index (items, Item, j - 1).text)
                             && g_array_index (items, Item, j - 1).bold;
              g_assert_true (after_name);
              /* No number the caption does not list. */
              {
                g_auto(GStrv) numbers = g_strsplit (item->text, ",", -1);

                for (guint k = 0; numbers[k] != NULL; k++)
                  if (g_strstrip (numbers[k])[0] != '\0')
                    g_assert_cmpuint (g_ascii_strtoull (numbers[k], NULL, 10), <=, n_caption);
              }
            }
        }
    }
}

/* The box of a line of text on the map, from its baseline and size. */
static DlRect
item_box (const Item *item)
{
  return (DlRect) { item->rtl ? item->x - item->length : item->x, item->y - 0.75 * item->size,
                    item->length, 0.95 * item->size };
}

/* Every place of the caption is on the figure with its name, in the main map or the inset,
 * and no two names (nor their lines of numbers) overlap: at 800×600, 1920×1080 and a
 * square. */
static void
test_names (void)
{
  g_autoptr(DlStory) story = load_story ();
  const int sizes[][2] = { { 800, 600 }, { 1920, 1080 }, { 1080, 1080 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
      g_autoptr(GArray) items = NULL;
      g_autoptr(GHashTable) expected = NULL;
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (DlRect));
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer key;
      DlFigureLayout layout;
      guint n_named = 0;

      options->width = sizes[s][0];
      options->height = sizes[s][1];
      items = export_texts (story, options, &layout);
      expected = expected_numbers (story, caption_count (items, &layout));
      g_test_message ("%d×%d: inset %.0f×%.0f", sizes[s][0], sizes[s][1], layout.inset.width,
                      layout.inset.height);
      /* The bundled story crowds in Syria: the inset is there at every size. */
      g_assert_cmpfloat (layout.inset.width, >, 0);

      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint index;

          if (!dl_place_has_location (key))
            continue;
          g_test_message ("named: %s", dl_place_get_name (key));
          g_assert_nonnull (find_name (items, &layout, dl_place_get_name (key), &index));
          n_named++;
        }
      g_assert_cmpuint (n_named, >=, 15);

      /* The labels: bold lines outside the title and the caption. */
      for (guint i = 0; i < items->len; i++)
        {
          const Item *item = &g_array_index (items, Item, i);
          DlRect box = item_box (item);

          if (!item->bold || inside (&layout.caption, item->x, item->y)
              || inside (&layout.title, item->x, item->y))
            continue;
          for (guint j = 0; j < boxes->len; j++)
            {
              if (dl_rect_intersects (&box, &g_array_index (boxes, DlRect, j)))
                g_test_message ("“%s” overlaps “%s”", item->text,
                                (char *) g_ptr_array_index (texts, j));
              g_assert_false (dl_rect_intersects (&box, &g_array_index (boxes, DlRect, j)));
            }
          g_array_append_val (boxes, box);
          g_ptr_array_add (texts, item->text);
        }
    }
}

/* The caption rows of a figure: every line in the caption that is not a number disc. */
static void
caption_rows (GArray               *items,
              const DlFigureLayout *layout,
              GPtrArray            *rows,
              GPtrArray            *discs)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (!inside (&layout->caption, item->x, item->y))
        continue;
      if (item->bold && is_numbers (item->text))
        g_ptr_array_add (discs, item);
      else
        g_ptr_array_add (rows, item);
    }
}

static void
assert_rtl_caption (DlStory *story)
{
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(GArray) items = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) discs = g_ptr_array_new ();
  GListModel *events = dl_story_get_events (story);
  DlFigureLayout layout;
  double right = 0;
  guint n_year_only = 0;

  options->width = 1920;
  options->height = 1080;
  items = export_texts (story, options, &layout);
  caption_rows (items, &layout, rows, discs);
  g_assert_cmpuint (discs->len, ==, g_list_model_get_n_items (events));
  g_assert_cmpuint (rows->len, >=, discs->len);

  /* Every row right to left and flush right, the rows of a year only too, and its
   * number at its right. */
  for (guint i = 0; i < rows->len; i++)
    {
      const Item *row = g_ptr_array_index (rows, i);

      g_test_message ("row %s: x %.2f rtl %d", row->text, row->x, row->rtl);
      g_assert_true (row->rtl);
      if (i == 0)
        right = row->x;
      g_assert_cmpfloat (fabs (row->x - right), <, 0.5);
    }
  for (guint i = 0; i < discs->len; i++)
    {
      const Item *disc = g_ptr_array_index (discs, i);

      g_assert_cmpfloat (disc->x, >, right);
    }
  /* The bundled story has background events dated by a year only (2011, 2016). */
  for (guint e = 0; e < g_list_model_get_n_items (events); e++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (events, e);

      n_year_only += dl_event_get_start (event)->precision == DL_TIME_YEAR;
    }
  g_assert_cmpuint (n_year_only, >, 0);

  /* The legend's names too. */
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      if (inside (&layout.legend, item->x, item->y))
        g_assert_true (item->rtl);
    }
}

/* A story written in Arabic: the caption reads right to left in every row, even where a
 * row's date is a year alone and its title is in Latin letters. In English, left to
 * right, flush left. */
static void
test_rtl_story (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(GArray) items = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) discs = g_ptr_array_new ();
  DlFigureLayout layout;

  items = export_texts (story, options, &layout);
  caption_rows (items, &layout, rows, discs);
  g_assert_cmpuint (rows->len, >=, 35);
  for (guint i = 0; i < rows->len; i++)
    {
      const Item *row = g_ptr_array_index (rows, i);

      g_assert_false (row->rtl);
      g_assert_cmpfloat (fabs (row->x - ((Item *) g_ptr_array_index (rows, 0))->x), <, 0.5);
      g_assert_cmpfloat (row->x, >, ((Item *) g_ptr_array_index (discs, 0))->x);
    }

  dl_story_set_language (story, "ar");
  assert_rtl_caption (story);
}

/* An interface in Arabic (the build's catalogue, LANGUAGE=ar) and a story in English: the
 * caption reads right to left. */
static void
test_rtl_interface (void)
{
  g_autoptr(DlStory) story = load_story ();
  g_autofree char *catalogues = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (catalogues, "ar", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  /* gettext reads LANGUAGE again only when its catalogues change: set it first. */
  g_setenv ("LANGUAGE", "ar", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, catalogues);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* as main.c does */
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (dl_story_get_language (story), ==, "en");
  assert_rtl_caption (story);
  g_unsetenv ("LANGUAGE");
}

/* The credits line (base map, places) in the figure's direction: in a figure that reads
 * right to left, the SVG's line is marked right to left, anchored at its end, and that
 * end is the right edge of the credits' box; left to right it starts at the box's left
 * edge. The title and its subtitle likewise, at the right of their panel. */
static void
assert_credits (DlStory  *story,
                gboolean  rtl)
{
  g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
  g_autoptr(GArray) items = NULL;
  DlFigureLayout layout;
  guint n = 0;

  options->width = 1280;
  options->height = 720;
  items = export_texts (story, options, &layout);
  g_assert_cmpfloat (layout.attribution.width, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const DlRect *r = &layout.attribution;
      /* a line's right end is on the box's edge */
      DlRect around = { r->x - 1, r->y - 1, r->width + 2, r->height + 2 };

      if (!inside (&around, item->x, item->y))
        continue;
      g_test_message ("credits: “%s” x %.2f rtl %d (box %.2f to %.2f)", item->text, item->x,
                      item->rtl, r->x, r->x + r->width);
      g_assert_nonnull (strstr (item->text, "Natural Earth"));
      g_assert_nonnull (strstr (item->text, "GeoNames"));
      g_assert_cmpint (item->rtl, ==, rtl);
      g_assert_cmpfloat (fabs (item->x - (rtl ? r->x + r->width : r->x)), <, 1);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);

  /* The title and the subtitle too: each line in the figure's direction, flush with the
   * same edge of the title's panel. */
  n = 0;
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const Item *first = NULL;

      if (!inside (&layout.title, item->x, item->y))
        continue;
      g_test_message ("title: “%s” x %.2f rtl %d", item->text, item->x, item->rtl);
      g_assert_cmpint (item->rtl, ==, rtl);
      for (guint j = 0; j < i && first == NULL; j++)
        if (inside (&layout.title, g_array_index (items, Item, j).x,
                    g_array_index (items, Item, j).y))
          first = &g_array_index (items, Item, j);
      if (first != NULL)
        g_assert_cmpfloat (fabs (item->x - first->x), <, 1);
      g_assert_cmpfloat (rtl ? layout.title.x + layout.title.width - item->x
                             : item->x - layout.title.x, <, 20);
      n++;
    }
  /* the title, the date */
  g_assert_cmpuint (n, >=, 2);
}

static void
test_credits (void)
{
  g_autoptr(DlStory) story = load_story ();

  assert_credits (story, FALSE);
  dl_story_set_language (story, "ar");
  assert_credits (story, TRUE);
}

/* The longest leader line a name may take: a few name heights at most, whatever the
 * figure's size (the figure's type grows with its smaller side). */
static double
leader_bound (int width,
              int height)
{
  return 0.07 * MIN (width, height);
}

/* Every place the caption lists is named next to its marker: the line from the marker to
 * its name (from the marker's edge to the nearest point of the name's box, measured here
 * from where both are drawn) stays short, at three sizes, in English and in Arabic. */
static void
assert_short_leaders (DlStory    *story,
                      const char *what)
{
  const int sizes[][2] = { { 800, 600 }, { 1920, 1080 }, { 1080, 1080 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(DlFigureOptions) options = dl_figure_options_new ();
      g_autoptr(GArray) labels = NULL;
      double bound = leader_bound (sizes[s][0], sizes[s][1]), longest = 0;
      guint n_inset = 0;

      options->width = sizes[s][0];
      options->height = sizes[s][1];
      labels = dl_figure_list_labels (story, options);
      g_assert_cmpuint (labels->len, >=, 1);
      for (guint i = 0; i < labels->len; i++)
        {
          const DlFigureLabel *label = &g_array_index (labels, DlFigureLabel, i);
          const DlRect *r = &label->rect;
          double nx = CLAMP (label->marker_x, r->x, r->x + r->width);
          double ny = CLAMP (label->marker_y, r->y, r->y + r->height);
          double leader = MAX (0, hypot (nx - label->marker_x, ny - label->marker_y)
                                  - label->marker_radius);

          g_test_message ("%s %d×%d: %s%s: leader %.1f (bound %.1f)", what, sizes[s][0],
                          sizes[s][1], label->name, label->in_inset ? " (inset)" : "",
                          leader, bound);
          longest = MAX (longest, leader);
          n_inset += label->in_inset;
        }
      g_test_message ("%s %d×%d: %u names, %u in the inset, longest leader %.1f", what,
                      sizes[s][0], sizes[s][1], labels->len, n_inset, longest);
      g_assert_cmpfloat (longest, <=, bound);
    }
}

static void
test_leaders (void)
{
  g_autoptr(DlStory) story = load_story ();
  const char *crowds[] = { "crowd-gaza.geojson", "crowd-brussels.geojson" };

  assert_short_leaders (story, "en");
  dl_story_set_language (story, "ar");
  assert_short_leaders (story, "ar");

  /* Stories whose places crowd elsewhere: a dozen places in the Gaza Strip (with
   * Jerusalem, Cairo, Doha and Washington), and Brussels with the Low Countries (with
   * Moscow, Washington and Beijing). */
  for (guint c = 0; c < G_N_ELEMENTS (crowds); c++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "crowd", crowds[c],
                                                     NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(DlStory) crowd = dl_story_new_from_file (file, NULL, &error);

      g_assert_no_error (error);
      assert_short_leaders (crowd, crowds[c]);
      dl_story_set_language (crowd, "ar");
      assert_short_leaders (crowd, crowds[c]);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/figure-text/numbers", test_numbers);
  g_test_add_func ("/figure-text/names", test_names);
  g_test_add_func ("/figure-text/rtl-story", test_rtl_story);
  g_test_add_func ("/figure-text/leaders", test_leaders);
  g_test_add_func ("/figure-text/credits", test_credits);
  g_test_add_func ("/figure-text/rtl-interface", test_rtl_interface);

  return g_test_run ();
}
