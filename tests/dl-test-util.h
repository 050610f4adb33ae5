/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GSourceFunc that sets the gboolean @flag points to and removes itself: the deadline of
 * a bounded wait. */
gboolean dl_test_flag_cb (gpointer flag);

/* Call at the start of a widget test, before gtk_init(). The test gets homes of its own
 * (XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_STATE_HOME in a temporary
 * directory, removed at exit): the files it opens are not added to the user's recent
 * files, nor its unsaved edits to their recovery. The system's data (icons) stays in view.
 * When DATELINE_TEST_OWN_DISPLAY is set (as meson sets it), it also gets an X server of its
 * own, a private Xvfb gone when the test exits: tests run side by side on one display took
 * each other's pointer and keyboard grabs, and a popover of one closed when another opened
 * its own. Without Xvfb, the test keeps the display it was given, and says so. */
void     dl_test_gui_init (void);

/* Runs the default main context for @ms milliseconds; returns the iterations it ran. */
guint    dl_test_run_for (guint    ms);

/* Benchmarks' figures. A qsort/g_array_sort comparison of doubles. */
int      dl_test_compare_doubles (gconstpointer a,
                                  gconstpointer b);
/* The median of @n values (the mean of the middle two for an even @n; NAN for none),
 * sorting them in place. */
double   dl_test_median_of       (double       *values,
                                  guint         n);
/* The same for a GArray of doubles. */
double   dl_test_median          (GArray       *values);
/* The value at fraction @p (0 to 1) of the sorted values, rounded down; NAN for none. */
double   dl_test_percentile      (GArray       *values,
                                  double        p);

/* The calling thread's CPU time, in ms: on a shared machine, wall time counts the others'
 * work too. */
double   dl_test_thread_cpu_ms   (void);
/* The ms since @start, a g_get_monotonic_time(). */
double   dl_test_ms_since        (gint64        start);
/* Writes a story of tests/make-big-story.py (@kind "points", "events" or "passages", @n of
 * them) in @dir, as KIND-N.geojson; returns its path. */
char    *dl_test_make_big_story  (const char   *dir,
                                  const char   *kind,
                                  guint         n);

/* dl_text_fold() as it was first written, folding the whole text at once through GLib:
 * the reference its faster form is compared with. */
char    *dl_test_fold_reference  (const char   *text);

G_END_DECLS
