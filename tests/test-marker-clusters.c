/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>

#include "dl-marker-clusters.h"

/* Damascus (6 events) with its palace and mosque a few pixels away, Homs 120 px north:
 * one cluster led by Damascus, Homs alone. */
static void
test_merge (void)
{
  const DlClusterPoint points[] = {
    { 100, 300, 2 },   /* palace */
    { 103, 301, 6 },   /* Damascus */
    { 105, 299, 1 },   /* mosque */
    { 110, 180, 2 },   /* Homs */
  };
  g_autofree guint *leader = dl_marker_clusters (points, G_N_ELEMENTS (points), 26);

  g_assert_cmpuint (leader[0], ==, 1);
  g_assert_cmpuint (leader[1], ==, 1);
  g_assert_cmpuint (leader[2], ==, 1);
  g_assert_cmpuint (leader[3], ==, 3);
  g_assert_null (dl_marker_clusters (NULL, 0, 26));
}

/* Two levels of zoom further in, distances are four times longer: the pair 10 px apart
 * splits, and dl_marker_clusters_split_zoom says so. */
static void
test_split (void)
{
  DlClusterPoint points[] = { { 0, 0, 1 }, { 10, 0, 1 } };
  g_autofree guint *before = dl_marker_clusters (points, 2, 26);
  g_autofree guint *after = NULL;
  double zoom = dl_marker_clusters_split_zoom (points, 2, 5, 26);

  g_assert_cmpuint (before[1], ==, 0);
  g_assert_cmpfloat (zoom, ==, 7);
  for (guint i = 0; i < 2; i++)
    {
      points[i].x *= exp2 (zoom - 5);
      points[i].y *= exp2 (zoom - 5);
    }
  after = dl_marker_clusters (points, 2, 26);
  g_assert_cmpuint (after[0], ==, 0);
  g_assert_cmpuint (after[1], ==, 1);
}

/* Places at one spot never split; one place needs no zoom; at least one level in. */
static void
test_split_edges (void)
{
  const DlClusterPoint same[] = { { 5, 5, 1 }, { 5, 5, 3 } };
  const DlClusterPoint near[] = { { 0, 0, 1 }, { 25, 0, 1 } };

  g_assert_true (isinf (dl_marker_clusters_split_zoom (same, 2, 8, 26)));
  g_assert_cmpfloat (dl_marker_clusters_split_zoom (same, 1, 8, 26), ==, 8);
  g_assert_cmpfloat (dl_marker_clusters_split_zoom (near, 2, 8, 26), ==, 9);
}

/* Every marker has a leader that leads itself, no member is as far as the distance from
 * its leader, and leaders are at least that far apart from each other. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint round = 0; round < 50; round++)
    {
      DlClusterPoint points[60];
      g_autofree guint *leader = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        points[i] = (DlClusterPoint) { g_rand_double_range (rand, 0, 300),
                                       g_rand_double_range (rand, 0, 200),
                                       g_rand_int_range (rand, 0, 5) };
      leader = dl_marker_clusters (points, G_N_ELEMENTS (points), 26);
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          guint l = leader[i];

          g_assert_cmpuint (leader[l], ==, l);
          g_assert_cmpfloat (points[l].weight, >=, points[i].weight);
          g_assert_cmpfloat (hypot (points[i].x - points[l].x, points[i].y - points[l].y), <,
                             l == i ? 1 : 26);
          for (guint j = 0; j < G_N_ELEMENTS (points); j++)
            if (j != i && leader[j] == j && leader[i] == i)
              g_assert_cmpfloat (hypot (points[i].x - points[j].x,
                                        points[i].y - points[j].y), >=, 26);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/marker-clusters/merge", test_merge);
  g_test_add_func ("/marker-clusters/split", test_split);
  g_test_add_func ("/marker-clusters/split-edges", test_split_edges);
  g_test_add_func ("/marker-clusters/random", test_random);

  return g_test_run ();
}
