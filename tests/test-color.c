/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "dl-actor.h"
#include "dl-bundled.h"
#include "dl-color.h"
#include "dl-story.h"

/* Colours a reader tells apart: the palette new actors take and the bundled story's actors,
 * on the base map's land and sea in light and dark style. Markers are drawn opaque, with a
 * white rim, in the same colours in both styles: what changes is what they stand on. */

/* The base map's land and sea, light and dark (src/render/dl-basemap.c). */
static const char * const base_map_colors[] = {
  "#f5f2ec", "#d5e2ea", "#2d3135", "#1a252e",
};

/* The grey of a place no actor colours: in the window (dl-marker.c) and in the export
 * (dl-figure.c). An actor's colour must not pass for it. */
static const char * const neutral_colors[] = { "#61616b", "#555555" };

#define MIN_CONTRAST 2.0
/* markers of two actors side by side */
#define MIN_DELTA_E 24.0
/* the marker of an actor beside that of a place of none */
#define MIN_NEUTRAL_DELTA_E 20.0

static void
assert_not_neutral (const char *color)
{
  for (guint k = 0; k < G_N_ELEMENTS (neutral_colors); k++)
    {
      double a[3], b[3];

      g_assert_true (dl_color_parse_hex (color, a));
      g_assert_true (dl_color_parse_hex (neutral_colors[k], b));
      if (dl_color_delta_e (a, b) < MIN_NEUTRAL_DELTA_E)
        g_test_message ("%s is too close to the grey %s: ΔE2000 %.1f", color,
                        neutral_colors[k], dl_color_delta_e (a, b));
      g_assert_cmpfloat (dl_color_delta_e (a, b), >=, MIN_NEUTRAL_DELTA_E);
    }
}

static void
assert_reads_on_base_map (const char *color)
{
  double rgb[3];

  g_assert_true (dl_color_parse_hex (color, rgb));
  for (guint k = 0; k < G_N_ELEMENTS (base_map_colors); k++)
    {
      double base[3];

      g_assert_true (dl_color_parse_hex (base_map_colors[k], base));
      if (dl_color_contrast (rgb, base) < MIN_CONTRAST)
        g_test_message ("%s on %s: %.2f:1", color, base_map_colors[k],
                        dl_color_contrast (rgb, base));
      g_assert_cmpfloat (dl_color_contrast (rgb, base), >=, MIN_CONTRAST);
    }
}

static void
test_delta_e_reference (void)
{
  /* pairs of Sharma, Wu and Dalal (2005), table 1 */
  static const double pairs[][7] = {
    { 50.0000,  2.6772, -79.7751, 50.0000,  0.0000, -82.7485, 2.0425 },
    { 50.0000, -1.3802, -84.2814, 50.0000,  0.0000, -82.7485, 1.0000 },
    { 50.0000,  2.5000,   0.0000, 50.0000,  0.0000,  -2.5000, 4.3065 },
    { 50.0000,  2.5000,   0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
    { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
    {  2.0776,  0.0795,  -1.1350,  0.9033, -0.0636,  -0.5514, 0.9082 },
  };
  double white[3], black[3], lab[3];

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpfloat_with_epsilon (dl_color_delta_e_lab (&pairs[i][0], &pairs[i][3]),
                                    pairs[i][6], 1e-4);

  g_assert_true (dl_color_parse_hex ("#fff", white));
  g_assert_true (dl_color_parse_hex ("#000000", black));
  g_assert_false (dl_color_parse_hex ("#12345", white));
  g_assert_false (dl_color_parse_hex ("red", white));
  g_assert_false (dl_color_parse_hex ("#ggg", white));
  g_assert_cmpfloat_with_epsilon (dl_color_contrast (white, black), 21.0, 1e-9);
  dl_color_to_lab (white, lab);
  g_assert_cmpfloat_with_epsilon (lab[0], 100.0, 0.01);
  g_assert_cmpfloat_with_epsilon (lab[1], 0.0, 0.01);
}

static void
test_palette (void)
{
  guint n = 0, a = 0, b = 0;
  const char * const *palette = dl_actor_get_palette (&n);
  double closest;

  g_assert_cmpuint (n, >=, 15);
  for (guint i = 0; i < n; i++)
    assert_reads_on_base_map (palette[i]);
  for (guint i = 0; i < 15; i++)
    assert_not_neutral (palette[i]);

  /* a story of up to 15 actors gets 15 colours far apart */
  closest = dl_color_closest_pair (palette, 15, &a, &b);
  g_test_message ("closest of the first 15: %s and %s, ΔE2000 %.1f", palette[a], palette[b],
                  closest);
  g_assert_cmpfloat (closest, >=, MIN_DELTA_E);
  closest = dl_color_closest_pair (palette, n, &a, &b);
  g_test_message ("closest of all %u: %s and %s, ΔE2000 %.1f", n, palette[a], palette[b],
                  closest);
  g_assert_cmpfloat (closest, >=, 16.0);
}

static void
test_bundled_actors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_bundled_story_load (&error);
  GListModel *actors;
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint a = 0, b = 0;
  double closest;

  g_assert_no_error (error);
  actors = dl_story_get_actors (story);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (actors, i);

      g_ptr_array_add (colors, (gpointer) dl_actor_get_color (actor));
      g_ptr_array_add (ids, (gpointer) dl_actor_get_id (actor));
      assert_reads_on_base_map (dl_actor_get_color (actor));
      assert_not_neutral (dl_actor_get_color (actor));
    }
  g_assert_cmpuint (colors->len, >=, 2);
  closest = dl_color_closest_pair ((const char * const *) colors->pdata, colors->len, &a, &b);
  g_test_message ("closest actors: %s and %s, ΔE2000 %.1f", (char *) ids->pdata[a],
                  (char *) ids->pdata[b], closest);
  g_assert_cmpfloat (closest, >=, MIN_DELTA_E);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/color/delta-e-reference", test_delta_e_reference);
  g_test_add_func ("/color/palette", test_palette);
  g_test_add_func ("/color/bundled-actors", test_bundled_actors);
  return g_test_run ();
}
