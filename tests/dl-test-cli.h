/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What one run of the built `dateline` did. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} DlTestRun;

/* The built `dateline` (meson's DATELINE_EXE, asserted executable) and a fresh temporary
 * folder named after @name, where every run starts. */
void   dl_test_cli_init                (const char      *name);
void   dl_test_cli_cleanup             (void);
/* A path in the temporary folder. */
char  *dl_test_cli_tmp_path            (const char      *name);

/* Runs `dateline ARGS…` with no display and no session bus at all. */
void   dl_test_run_dateline            (DlTestRun       *run,
                                        const char      *first,
                                        ...) G_GNUC_NULL_TERMINATED;
void   dl_test_run_clear               (DlTestRun       *run);
int    dl_test_run_exit_code           (const DlTestRun *run);
/* Exit 1 and exactly one line on stderr (containing @contains, when given), nothing on
 * stdout. */
void   dl_test_run_assert_one_line_error (const DlTestRun *run,
                                          const char      *contains);
/* Exit 0, silent. */
void   dl_test_run_assert_success      (const DlTestRun *run);

/* The alpha of the pixel at (@x, @y) of an ARGB32 image. */
int    dl_test_alpha_at                (cairo_surface_t *surface,
                                        double           x,
                                        double           y);

G_END_DECLS
