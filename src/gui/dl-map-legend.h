/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-actor.h"

G_BEGIN_DECLS

#define DL_TYPE_MAP_LEGEND (dl_map_legend_get_type ())
G_DECLARE_FINAL_TYPE (DlMapLegend, dl_map_legend, DL, MAP_LEGEND, GtkWidget)

/* The key to the map's colours: one row per actor whose colour a shown marker or area
 * wears, as in the exported figure's legend. Collapsible. */
GtkWidget *dl_map_legend_new        (void);
void       dl_map_legend_set_actors (DlMapLegend *self,
                                     GPtrArray   *actors);
/* The names listed, in order, joined by "\n" (for tests). */
char      *dl_map_legend_dup_names  (DlMapLegend *self);
GtkExpander *dl_map_legend_get_expander (DlMapLegend *self);

G_END_DECLS
