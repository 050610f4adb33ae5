/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A plain map's marker-symbol (the simplestyle spec): a Maki icon's name ("rail") or a
 * short text ("1", "A", "12"). */

typedef enum
{
  DL_MARKER_SYMBOL_NONE,  /* NULL, empty, or a name the app has no icon for */
  DL_MARKER_SYMBOL_TEXT,  /* one or two characters, drawn as text */
  DL_MARKER_SYMBOL_ICON,  /* a Maki icon of data/symbols/maki.txt */
} DlMarkerSymbolKind;

DlMarkerSymbolKind dl_marker_symbol_classify  (const char *symbol);

/* The SVG path data of the Maki icon @name, in a 15×15 box, or NULL. */
const char        *dl_marker_symbol_icon_path (const char *name);

G_END_DECLS
