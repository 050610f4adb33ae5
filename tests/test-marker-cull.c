/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which markers of a dense layer can be skipped: only those that would not change a
 * pixel of the figure. */
#undef G_DISABLE_ASSERT

#include <math.h>

#include "dl-marker-cull.h"

static DlMarkerExtent
disc (double x,
      double y,
      double radius)
{
  return (DlMarkerExtent) { x - radius - 1, y - radius - 1, x + radius + 1, y + radius + 1,
                            x, y, radius - 1 };
}

static void
test_cull (void)
{
  DlMarkerExtent markers[] = {
    disc (100, 100, 5),    /* under the big disc drawn after it: hidden */
    disc (140, 100, 5),    /* sticks out of the big disc: seen */
    disc (-50, 100, 5),    /* outside the figure: hidden */
    disc (798, 300, 5),    /* half outside: seen */
    disc (100, 100, 40),   /* the big disc */
    disc (100, 100, 5),    /* on top of the big disc: seen */
  };
  gboolean hidden[G_N_ELEMENTS (markers)];
  const gboolean want[] = { TRUE, FALSE, TRUE, FALSE, FALSE, FALSE };

  dl_marker_cull (markers, G_N_ELEMENTS (markers), 800, 600, hidden);
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    g_assert_cmpint (hidden[i], ==, want[i]);
}

/* A crowd of equal discs: most are hidden, the last one drawn never is, and a disc whose
 * box reaches a free spot is always kept. */
static void
test_crowd (void)
{
  guint n = 50000, n_hidden = 0;
  g_autofree DlMarkerExtent *markers = g_new (DlMarkerExtent, n + 1);
  g_autofree gboolean *hidden = g_new (gboolean, n + 1);
  GRand *rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < n; i++)
    markers[i] = disc (g_rand_double_range (rand, 0, 400), g_rand_double_range (rand, 0, 600),
                       10);
  /* In the empty right half. */
  markers[n] = disc (600, 300, 10);
  g_rand_free (rand);

  dl_marker_cull (markers, n + 1, 800, 600, hidden);
  for (guint i = 0; i < n + 1; i++)
    n_hidden += hidden[i];
  g_assert_false (hidden[n]);
  g_assert_false (hidden[n - 1]);
  g_assert_cmpuint (n_hidden, >, n * 4 / 5);
  g_assert_cmpuint (n_hidden, <, n);
}

/* The grid count of overlapping discs against the plain all-pairs count, on random discs of
 * mixed sizes (some far outside the figure, some touching exactly: not overlapping). */
static void
test_count_overlapping (void)
{
  GRand *rand = g_rand_new_with_seed (17);

  for (guint round = 0; round < 20; round++)
    {
      guint n = g_rand_int_range (rand, 2, 400), expected = 0;
      g_autofree DlDisc *discs = g_new (DlDisc, n);

      for (guint i = 0; i < n; i++)
        discs[i] = (DlDisc) { g_rand_double_range (rand, -100, 900),
                              g_rand_double_range (rand, -100, 700),
                              g_rand_double_range (rand, 1, round % 2 ? 4 : 25) };
      discs[0] = (DlDisc) { 1e7, -1e7, 3 };
      discs[1] = (DlDisc) { 1e7 + 6, -1e7, 3 };  /* touching discs[0]: not overlapping */
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          if (i != j && hypot (discs[i].x - discs[j].x, discs[i].y - discs[j].y) <
                        discs[i].radius + discs[j].radius)
            {
              expected++;
              break;
            }
      g_assert_cmpuint (dl_count_overlapping (discs, n, n), ==, expected);
      g_assert_cmpuint (dl_count_overlapping (discs, n, 3), ==, MIN (expected, 3));
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/marker-cull/cull", test_cull);
  g_test_add_func ("/marker-cull/crowd", test_crowd);
  g_test_add_func ("/marker-cull/count-overlapping", test_count_overlapping);
  return g_test_run ();
}
