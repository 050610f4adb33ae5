/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dl-gazetteer.h"

G_BEGIN_DECLS

#define DL_TYPE_PLACE_SEARCH (dl_place_search_get_type ())
G_DECLARE_FINAL_TYPE (DlPlaceSearch, dl_place_search, DL, PLACE_SEARCH, GtkWidget)

/* "Find a Place…": an entry that looks the offline gazetteer up as the user types and
 * offers the places found ("Tripoli — Lebanon · city · 229,398"). Choosing one (a click,
 * or Up/Down and Enter) emits "place-chosen" with the gazetteer index of the place.
 * Ctrl+L focuses it from anywhere in its window. */
GtkWidget      *dl_place_search_new          (void);
/* The gazetteer searched (the embedded one by default). */
void            dl_place_search_set_gazetteer (DlPlaceSearch *self,
                                               DlGazetteer   *gazetteer);
DlGazetteer    *dl_place_search_get_gazetteer (DlPlaceSearch *self);
GtkEditable    *dl_place_search_get_entry    (DlPlaceSearch *self);
/* The results shown, as GtkStringObjects, best first. */
GListModel     *dl_place_search_get_results  (DlPlaceSearch *self);
/* The gazetteer index of result @position. */
guint32         dl_place_search_get_result_entry (DlPlaceSearch *self,
                                                  guint          position);
/* Chooses result @position, as a click on it does. */
void            dl_place_search_choose       (DlPlaceSearch *self,
                                              guint          position);

/* The line a result reads: "Tripoli — Lebanon · city · 229,398", its name in @language
 * ("ar", "es") first when the gazetteer has it. Pure: tested on its own. */
char           *dl_place_search_describe     (DlGazetteer   *gazetteer,
                                              guint32        index,
                                              const char    *language);

G_END_DECLS
