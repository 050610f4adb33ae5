/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-export-formats.h"
#include "dl-figure.h"

G_BEGIN_DECLS

/* `dateline --export=OUT …`, parsed. */
typedef struct
{
  char            *output;
  DlFigureFormat   format;
  int              width;
  int              height;
  double           scale;
  gboolean         has_view;   /* --center and --zoom given */
  double           lat;
  double           lon;
  double           zoom;
  char           **actors;     /* NULL: every actor */
  gboolean         basemap;
  char            *title;      /* NULL: the story's */
  char            *story;      /* NULL: the bundled story */
  gboolean         places;     /* .kml, .gpx or .csv: the places, not a figure */
  DlPlacesFormat   places_format;
} DlExportRequest;

gboolean dl_export_parse_size   (const char       *text,
                                 int              *width,
                                 int              *height,
                                 GError          **error);
gboolean dl_export_parse_center (const char       *text,
                                 double           *lat,
                                 double           *lon,
                                 GError          **error);
gboolean dl_export_parse_number (const char       *text,
                                 const char       *option,
                                 double            min,
                                 double            max,
                                 double           *value,
                                 GError          **error);

/* Reads the --export options of @options (a GApplication's local options). */
gboolean dl_export_request_parse (DlExportRequest *request,
                                  GVariantDict    *options,
                                  GError         **error);
void     dl_export_request_clear (DlExportRequest *request);

/* Loads the story, builds the figure and writes it. */
gboolean dl_export_request_run   (DlExportRequest *request,
                                  GError         **error);

/* The whole command: 0 and silent on success, 1 and one line on stderr on error. */
int      dl_export_cli_run       (GVariantDict    *options);

G_END_DECLS
