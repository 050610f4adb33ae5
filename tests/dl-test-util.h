/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GSourceFunc that sets the gboolean @flag points to and removes itself: the deadline of
 * a bounded wait. */
gboolean dl_test_flag_cb (gpointer flag);

/* Runs the default main context for @ms milliseconds; returns the iterations it ran. */
guint    dl_test_run_for (guint    ms);

G_END_DECLS
