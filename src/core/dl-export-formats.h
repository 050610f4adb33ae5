/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dl-story.h"

G_BEGIN_DECLS

/* The places of a story for other tools: Google Earth (KML), GPS devices (GPX),
 * spreadsheets (CSV). */
typedef enum
{
  DL_PLACES_FORMAT_KML,
  DL_PLACES_FORMAT_GPX,
  DL_PLACES_FORMAT_CSV,
} DlPlacesFormat;

/* From the file name's extension (.kml, .gpx, .csv; any case). */
gboolean  dl_places_format_from_path (const char      *path,
                                      DlPlacesFormat  *format);

GBytes   *dl_places_export           (DlStory         *story,
                                      DlPlacesFormat   format);

/* Writes the export atomically (a temporary file renamed over @file). */
gboolean  dl_places_export_to_file   (DlStory         *story,
                                      DlPlacesFormat   format,
                                      GFile           *file,
                                      GCancellable    *cancellable,
                                      GError         **error);

G_END_DECLS
