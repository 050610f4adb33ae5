/* SPDX-License-Identifier: GPL-3.0-or-later */
#undef G_DISABLE_ASSERT

#include <math.h>

#include "dl-label-placement.h"

/* Every placed label: inside the bounds, clear of every obstacle and of every other
 * placed label. This is what a reader of the figure sees: no text over a marker or over
 * other text. */
static void
assert_valid (const DlLabel         *labels,
              guint                  n_labels,
              const DlLabelObstacle *obstacles,
              guint                  n_obstacles,
              const DlRect          *blocked,
              guint                  n_blocked,
              const DlRect          *bounds)
{
  for (guint i = 0; i < n_labels; i++)
    {
      const DlRect *r = &labels[i].rect;

      if (!labels[i].placed)
        continue;

      g_assert_cmpfloat (r->width, ==, labels[i].width);
      g_assert_cmpfloat (r->height, ==, labels[i].height);
      if (bounds != NULL)
        {
          g_assert_cmpfloat (r->x, >=, bounds->x);
          g_assert_cmpfloat (r->y, >=, bounds->y);
          g_assert_cmpfloat (r->x + r->width, <=, bounds->x + bounds->width);
          g_assert_cmpfloat (r->y + r->height, <=, bounds->y + bounds->height);
        }
      for (guint o = 0; o < n_obstacles; o++)
        g_assert_false (dl_rect_hits_disc (r, obstacles[o].x, obstacles[o].y,
                                           obstacles[o].radius));
      for (guint b = 0; b < n_blocked; b++)
        g_assert_false (dl_rect_intersects (r, &blocked[b]));
      for (guint j = i + 1; j < n_labels; j++)
        if (labels[j].placed)
          g_assert_false (dl_rect_intersects (r, &labels[j].rect));
    }
}

static DlLabel
make_label (double x,
            double y,
            double w,
            double h,
            double priority)
{
  DlLabel label = { 0 };

  label.anchor_x = x;
  label.anchor_y = y;
  label.anchor_radius = 10;
  label.width = w;
  label.height = h;
  label.priority = priority;
  return label;
}

static void
test_single_goes_right (void)
{
  DlLabel label = make_label (100, 100, 60, 20, 1);
  DlLabelObstacle marker = { 100, 100, 10 };
  DlRect bounds = { 0, 0, 400, 300 };

  dl_label_place (&label, 1, &marker, 1, NULL, 0, &bounds, 4);
  g_assert_true (label.placed);
  g_assert_cmpint (label.position, ==, DL_LABEL_RIGHT);
  /* Beside its marker, vertically centred, a gap away. */
  g_assert_cmpfloat_with_epsilon (label.rect.x, 114, 0.1);
  g_assert_cmpfloat_with_epsilon (label.rect.y, 90, 1e-9);
}

static void
test_edge_moves_left (void)
{
  /* At the right edge the label cannot go right: it goes left. */
  DlLabel label = make_label (390, 100, 60, 20, 1);
  DlLabelObstacle marker = { 390, 100, 10 };
  DlRect bounds = { 0, 0, 400, 300 };

  dl_label_place (&label, 1, &marker, 1, NULL, 0, &bounds, 4);
  g_assert_true (label.placed);
  g_assert_cmpint (label.position, ==, DL_LABEL_LEFT);
  assert_valid (&label, 1, &marker, 1, NULL, 0, &bounds);
}

static void
test_priority_wins (void)
{
  /* Two markers side by side: the important label takes the space to the right of its
   * marker; the other moves. */
  DlLabel labels[2] = {
    make_label (100, 100, 80, 20, 1),
    make_label (140, 100, 80, 20, 5),
  };
  DlLabelObstacle markers[2] = { { 100, 100, 10 }, { 140, 100, 10 } };
  DlRect bounds = { 0, 0, 400, 300 };

  dl_label_place (labels, 2, markers, 2, NULL, 0, &bounds, 4);
  g_assert_true (labels[0].placed);
  g_assert_true (labels[1].placed);
  g_assert_cmpint (labels[1].position, ==, DL_LABEL_RIGHT);
  g_assert_cmpint (labels[0].position, !=, DL_LABEL_RIGHT);
  assert_valid (labels, 2, markers, 2, NULL, 0, &bounds);
}

static void
test_drop_when_full (void)
{
  /* A tiny figure with room for one label only: the lower priority one drops. */
  DlLabel labels[2] = {
    make_label (50, 15, 60, 20, 1),
    make_label (50, 15, 60, 20, 2),
  };
  DlLabelObstacle markers[1] = { { 50, 15, 10 } };
  DlRect bounds = { 0, 0, 130, 30 };

  dl_label_place (labels, 2, markers, 1, NULL, 0, &bounds, 2);
  g_assert_true (labels[1].placed);
  g_assert_false (labels[0].placed);
  assert_valid (labels, 2, markers, 1, NULL, 0, &bounds);
}

static void
test_blocked_rect (void)
{
  /* A legend to the right of the marker pushes the label elsewhere. */
  DlLabel label = make_label (100, 100, 60, 20, 1);
  DlLabelObstacle marker = { 100, 100, 10 };
  DlRect legend = { 105, 60, 200, 80 };

  dl_label_place (&label, 1, &marker, 1, &legend, 1, NULL, 4);
  g_assert_true (label.placed);
  g_assert_cmpint (label.position, ==, DL_LABEL_LEFT);
  assert_valid (&label, 1, &marker, 1, &legend, 1, NULL);
}

static void
test_centered (void)
{
  DlLabel labels[2] = {
    make_label (200, 100, 60, 20, 1),
    make_label (210, 105, 60, 20, 0),
  };
  DlLabelObstacle marker = { 100, 100, 10 };

  labels[0].centered = TRUE;
  labels[0].anchor_radius = 0;
  labels[1].centered = TRUE;
  labels[1].anchor_radius = 0;
  dl_label_place (labels, 2, &marker, 1, NULL, 0, NULL, 2);
  g_assert_true (labels[0].placed);
  g_assert_cmpint (labels[0].position, ==, DL_LABEL_CENTER);
  g_assert_cmpfloat (labels[0].rect.x, ==, 170);
  g_assert_cmpfloat (labels[0].rect.y, ==, 90);
  /* A centred label never moves: it overlaps the first, so it drops. */
  g_assert_false (labels[1].placed);
}

static void
test_degenerate (void)
{
  DlLabel labels[3] = {
    make_label (100, 100, 0, 20, 1),
    make_label (NAN, 100, 20, 20, 1),
    make_label (100, 100, 20, 20, 1),
  };

  dl_label_place (NULL, 0, NULL, 0, NULL, 0, NULL, 0);
  dl_label_place (labels, 3, NULL, 0, NULL, 0, NULL, 0);
  g_assert_false (labels[0].placed);
  g_assert_false (labels[1].placed);
  g_assert_true (labels[2].placed);
}

/* Many labels with random anchors, sizes and priorities, sparse and dense: whatever is
 * placed is valid, and in sparse cases nearly everything is placed. */
static void
run_random (guint32 seed,
            guint   n,
            double  width,
            double  height,
            guint  *n_placed_out)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree DlLabel *labels = g_new0 (DlLabel, n);
  g_autofree DlLabelObstacle *markers = g_new0 (DlLabelObstacle, n + 5);
  DlRect blocked[2] = { { 0, 0, width / 3, 40 }, { width - 120, height - 30, 120, 30 } };
  DlRect bounds = { 0, 0, width, height };
  guint n_placed = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = g_rand_double_range (rand, 0, width);
      double y = g_rand_double_range (rand, 0, height);
      double r = g_rand_double_range (rand, 4, 16);

      labels[i] = make_label (x, y, g_rand_double_range (rand, 20, 160),
                              g_rand_double_range (rand, 10, 30),
                              g_rand_int_range (rand, 0, 5));
      labels[i].anchor_radius = r;
      markers[i] = (DlLabelObstacle) { x, y, r };
    }
  /* Markers without labels (their label was not asked for) still block. */
  for (guint i = n; i < n + 5; i++)
    markers[i] = (DlLabelObstacle) { g_rand_double_range (rand, 0, width),
                                     g_rand_double_range (rand, 0, height), 12 };

  dl_label_place (labels, n, markers, n + 5, blocked, 2, &bounds, 3);
  assert_valid (labels, n, markers, n + 5, blocked, 2, &bounds);

  for (guint i = 0; i < n; i++)
    n_placed += labels[i].placed;
  *n_placed_out = n_placed;
}

static void
test_random_dense (void)
{
  for (guint32 seed = 1; seed <= 60; seed++)
    {
      guint n_placed;

      run_random (seed, 200, 800, 600, &n_placed);
      /* Crowded: some must drop, but not all. */
      g_assert_cmpuint (n_placed, <, 200);
      g_assert_cmpuint (n_placed, >, 10);
    }
}

static void
test_random_sparse (void)
{
  guint total = 0;

  for (guint32 seed = 100; seed < 160; seed++)
    {
      guint n_placed;

      run_random (seed, 8, 4000, 3000, &n_placed);
      total += n_placed;
    }
  /* With room to spare, nearly every label finds a place. */
  g_assert_cmpuint (total, >=, 60 * 8 * 95 / 100);
}

static void
test_deterministic (void)
{
  DlLabel a[30], b[30];
  DlLabelObstacle markers[30];
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 30; i++)
    {
      double x = g_rand_double_range (rand, 0, 300);
      double y = g_rand_double_range (rand, 0, 300);

      a[i] = make_label (x, y, 50, 15, i % 3);
      markers[i] = (DlLabelObstacle) { x, y, 10 };
    }
  memcpy (b, a, sizeof a);
  dl_label_place (a, 30, markers, 30, NULL, 0, NULL, 2);
  dl_label_place (b, 30, markers, 30, NULL, 0, NULL, 2);
  /* field by field: the structs' padding bytes are never written */
  for (guint i = 0; i < 30; i++)
    {
      g_assert_cmpint (a[i].placed, ==, b[i].placed);
      g_assert_cmpint (a[i].position, ==, b[i].position);
      g_assert_cmpfloat (a[i].rect.x, ==, b[i].rect.x);
      g_assert_cmpfloat (a[i].rect.y, ==, b[i].rect.y);
      g_assert_cmpfloat (a[i].rect.width, ==, b[i].rect.width);
      g_assert_cmpfloat (a[i].rect.height, ==, b[i].rect.height);
    }
}

/* The base map's "Tripoli" (Libya) gives way to the story's "Tripoli, Lebanon"; a city
 * the story names itself is named once. */
static void
test_same_place (void)
{
  g_assert_true (dl_label_names_same_place ("Tripoli", "Tripoli, Lebanon"));
  g_assert_true (dl_label_names_same_place ("Damascus", "Damascus"));
  g_assert_true (dl_label_names_same_place ("damascus", "DAMASCUS "));
  g_assert_true (dl_label_names_same_place ("Homs", "Homs (Hims)"));
  g_assert_true (dl_label_names_same_place ("Idlib", "Northern front (Idlib)"));
  g_assert_false (dl_label_names_same_place ("Front", "Northern front (Idlib)"));
  g_assert_true (dl_label_names_same_place ("Москва", "москва"));
  g_assert_false (dl_label_names_same_place ("Damascus", "Presidential palace, Damascus"));
  g_assert_false (dl_label_names_same_place ("Tripoli", "Tripolis"));
  g_assert_false (dl_label_names_same_place ("", "Tripoli"));
  g_assert_false (dl_label_names_same_place (NULL, "Tripoli"));
  g_assert_false (dl_label_names_same_place ("Tripoli", NULL));
}

/* A dense layer: 20,000 markers crowd the left half of the figure, a few important places
 * (more events) stand in the right half, each with a less important name right next to
 * it. Every important place gets its label, to the right of its marker, and no placed
 * label covers a marker or another label. */
static void
test_dense_layer (void)
{
  const guint n_dense = 20000, n_important = 20;
  guint n = n_dense + 2 * n_important;
  g_autofree DlLabel *labels = g_new0 (DlLabel, n);
  g_autofree DlLabelObstacle *obstacles = g_new0 (DlLabelObstacle, n_dense + n_important);
  DlRect bounds = { 0, 0, 800, 600 };
  GRand *rand = g_rand_new_with_seed (17);
  guint n_dense_placed = 0;

  for (guint i = 0; i < n_dense; i++)
    {
      double x = g_rand_double_range (rand, 0, 400);
      double y = g_rand_double_range (rand, 0, 600);

      obstacles[i] = (DlLabelObstacle) { x, y, 4 };
      labels[i] = make_label (x, y, 40, 12, 1000 + g_rand_int_range (rand, 0, 3));
      labels[i].anchor_radius = 4;
    }
  for (guint k = 0; k < n_important; k++)
    {
      double x = 450 + (k % 4) * 85;
      double y = 40 + (k / 4) * 110;
      DlLabel *competitor = &labels[n_dense + n_important + k];

      obstacles[n_dense + k] = (DlLabelObstacle) { x, y, 4 };
      labels[n_dense + k] = make_label (x, y, 40, 12, 1010 + k);
      labels[n_dense + k].anchor_radius = 4;
      /* A name without a marker where the important label would go. */
      *competitor = make_label (x + 30, y, 40, 12, 1005);
      competitor->anchor_radius = 0;
      competitor->centered = TRUE;
    }
  g_rand_free (rand);

  dl_label_place (labels, n, obstacles, n_dense + n_important, NULL, 0, &bounds, 2);

  assert_valid (labels, n, obstacles, n_dense + n_important, NULL, 0, &bounds);
  for (guint k = 0; k < n_important; k++)
    {
      g_assert_true (labels[n_dense + k].placed);
      g_assert_cmpint (labels[n_dense + k].position, ==, DL_LABEL_RIGHT);
      g_assert_false (labels[n_dense + n_important + k].placed);
    }
  /* In the crowd a few names still find room (at its edges), most do not. */
  for (guint i = 0; i < n_dense; i++)
    n_dense_placed += labels[i].placed;
  g_assert_cmpuint (n_dense_placed, >, 0);
  g_assert_cmpuint (n_dense_placed, <, n_dense / 20);
}

/* Sampling keeps the names of the places with the most events, earlier ones on a tie. */
static void
test_sample (void)
{
  const double priorities[] = { 1, 5, 0, 5, 2, 9, 1 };
  gboolean chosen[G_N_ELEMENTS (priorities)];
  const gboolean want[] = { FALSE, TRUE, FALSE, TRUE, FALSE, TRUE, FALSE };
  const gboolean want4[] = { FALSE, TRUE, FALSE, TRUE, TRUE, TRUE, FALSE };

  dl_label_sample (priorities, G_N_ELEMENTS (priorities), 3, chosen);
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    g_assert_cmpint (chosen[i], ==, want[i]);
  dl_label_sample (priorities, G_N_ELEMENTS (priorities), 4, chosen);
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    g_assert_cmpint (chosen[i], ==, want4[i]);
  dl_label_sample (priorities, G_N_ELEMENTS (priorities), 100, chosen);
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    g_assert_true (chosen[i]);
}

/* A story place's name is not dropped while the bounds have room: with extra rings it goes
 * further out, and past them to the free spot nearest its marker (a figure joins it with a
 * leader line). Without, as before, it is dropped; an anchor outside the bounds never
 * pulls its name in. */
static void
test_must_name (void)
{
  DlRect bounds = { 0, 0, 400, 300 };
  DlLabelObstacle marker = { 100, 100, 10 };
  /* Everything but a strip at the right is taken. */
  DlRect taken = { 0, 0, 330, 300 };
  DlLabel label = make_label (100, 100, 60, 20, 1);
  DlLabel outside = make_label (-50, 100, 60, 20, 1);

  dl_label_place (&label, 1, &marker, 1, &taken, 1, &bounds, 4);
  g_assert_false (label.placed);

  label.extra_rings = 6;
  dl_label_place (&label, 1, &marker, 1, &taken, 1, &bounds, 4);
  g_assert_true (label.placed);
  assert_valid (&label, 1, &marker, 1, &taken, 1, &bounds);
  /* The nearest free spot: the strip's left edge, level with the marker. */
  g_assert_cmpfloat (label.rect.x, >=, 330);
  g_assert_cmpfloat (label.rect.x, <, 345);
  g_assert_cmpfloat (label.rect.y, <=, 100);
  g_assert_cmpfloat (label.rect.y + label.rect.height, >=, 100);

  /* The rings alone reach a spot a few label heights out. */
  taken.width = 200;
  dl_label_place (&label, 1, &marker, 1, &taken, 1, &bounds, 4);
  g_assert_true (label.placed);
  assert_valid (&label, 1, &marker, 1, &taken, 1, &bounds);
  g_assert_cmpint (label.position, ==, DL_LABEL_RIGHT);

  outside.extra_rings = 6;
  dl_label_place (&outside, 1, NULL, 0, NULL, 0, &bounds, 4);
  g_assert_false (outside.placed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label-placement/single-goes-right", test_single_goes_right);
  g_test_add_func ("/label-placement/edge-moves-left", test_edge_moves_left);
  g_test_add_func ("/label-placement/priority-wins", test_priority_wins);
  g_test_add_func ("/label-placement/drop-when-full", test_drop_when_full);
  g_test_add_func ("/label-placement/blocked-rect", test_blocked_rect);
  g_test_add_func ("/label-placement/centered", test_centered);
  g_test_add_func ("/label-placement/degenerate", test_degenerate);
  g_test_add_func ("/label-placement/random-dense", test_random_dense);
  g_test_add_func ("/label-placement/random-sparse", test_random_sparse);
  g_test_add_func ("/label-placement/deterministic", test_deterministic);
  g_test_add_func ("/label-placement/same-place", test_same_place);
  g_test_add_func ("/label-placement/dense-layer", test_dense_layer);
  g_test_add_func ("/label-placement/sample", test_sample);
  g_test_add_func ("/label-placement/must-name", test_must_name);

  return g_test_run ();
}
