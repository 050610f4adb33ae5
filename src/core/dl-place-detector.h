/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dl-gazetteer.h"

G_BEGIN_DECLS

/* One mention of a place: Unicode code-point offsets into the text, end exclusive. */
typedef struct
{
  int       start;
  int       end;
  char     *exact;       /* the text at [start, end) */
  gboolean  adjectival;  /* "Syrian" standing for Syria */
} DlMention;

typedef struct
{
  guint32           entry;      /* gazetteer index */
  DlGazetteerEntry  info;       /* copy of the entry (strings point into the gazetteer) */
  const char       *precision;  /* story-format precision word: "city", "country", … */
  GArray           *mentions;   /* DlMention, in text order */
} DlDetectedPlace;

void       dl_detected_place_free    (DlDetectedPlace *place);

GPtrArray *dl_place_detector_detect  (DlGazetteer     *gazetteer,
                                      const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlDetectedPlace, dl_detected_place_free)

G_END_DECLS
