/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the figure renderer: every story that loads must draw — title,
 * legend, callouts, labels, areas, routes, scale bar, with and without the base map — with
 * no crash, hang or sanitizer report, whatever its coordinates and texts.
 *
 *   ninja -C build-fuzz tests/fuzz/fuzz-figure
 *   build-fuzz/tests/fuzz/fuzz-figure -dict=tests/fuzz/story.dict CORPUS tests/data
 */
#define G_LOG_DOMAIN "fuzz-figure"

#include "config.h"

#include <stdint.h>

#include "dl-figure.h"
#include "dl-resources.h"
#include "dl-story.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  dl_resources_ensure ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(DlStory) story = NULL;
  g_autoptr(DlFigureOptions) options = NULL;
  DlFigureLayout layout = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;

  story = dl_story_new_from_bytes (bytes, "fuzz.geojson", NULL);
  if (story == NULL)
    return 0;

  /* small, so that a run draws many stories; the base map on every other one */
  options = dl_figure_options_new ();
  options->width = 320;
  options->height = 200;
  options->basemap = size % 2 == 0;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  dl_figure_draw (story, options, cr, &layout);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("fuzz-figure: cairo: %s\n", cairo_status_to_string (cairo_status (cr)));
      abort ();
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
