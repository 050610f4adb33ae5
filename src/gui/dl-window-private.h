/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-actor-filter.h"
#include "dl-article-view.h"
#include "dl-export-formats.h"
#include "dl-map-view.h"
#include "dl-time-chip.h"
#include "dl-timeline.h"
#include "dl-view-state.h"
#include "dl-window.h"

G_BEGIN_DECLS

/* The window's parts, for tests and benchmarks. */
DlViewState   *dl_window_get_view_state    (DlWindow *self);
DlMapView     *dl_window_get_map_view      (DlWindow *self);
DlArticleView *dl_window_get_article_view  (DlWindow *self);
GtkListView   *dl_window_get_list_view     (DlWindow *self);
DlActorFilter *dl_window_get_actor_filter  (DlWindow *self);
GtkLabel      *dl_window_get_count_label   (DlWindow *self);
GtkSearchEntry *dl_window_get_search_entry (DlWindow *self);
/* The dialog showing the last error while it is open, or NULL. */
GtkWindow     *dl_window_get_error_dialog  (DlWindow *self);
/* TRUE while a file is being read. */
gboolean       dl_window_is_loading        (DlWindow *self);
/* The card showing a load's progress and its Cancel button. */
GtkRevealer   *dl_window_get_load_revealer (DlWindow *self);
/* Save As: writes the document to @file in a worker; on success @file becomes the
 * document's file (title, later saves) and the unsaved mark clears; a toast or an error
 * dialog tells how it went. */
void           dl_window_save_to_file      (DlWindow *self,
                                            GFile    *file);
/* The name Save As offers: the opened file's, else the story's title with .geojson. */
char          *dl_window_suggest_file_name (DlWindow *self);
/* Where Save As writes when @chosen was picked: with .geojson added when it has neither
 * .geojson nor .json and no file of that name exists. */
GFile         *dl_window_save_target       (GFile    *chosen);
/* TRUE while the story is being written. */
gboolean       dl_window_is_saving         (DlWindow *self);
/* The timeline bar under the map and the time range chip of the header bar. */
DlTimeline    *dl_window_get_timeline      (DlWindow *self);
DlTimeChip    *dl_window_get_time_chip     (DlWindow *self);
/* The main menu, where the editing actions add their section. */
GMenu         *dl_window_get_primary_menu  (DlWindow   *self);
/* After an edit: the list filtered again; the map's places as the story now is (all of
 * them when @map_changed, else just @places, an array of DlPlace); the article's
 * passages (of just @events, an array of DlEvent, unless it is NULL). */
void           dl_window_refresh_views     (DlWindow   *self,
                                            gboolean    map_changed,
                                            GPtrArray  *places,
                                            GPtrArray  *events);
/* TRUE when the events and article panes are folded away. */
gboolean       dl_window_is_narrow         (DlWindow *self);
/* An error dialog (replacing the one shown), and a toast. */
void           dl_window_show_error        (DlWindow   *self,
                                            const char *heading,
                                            const char *message);
void           dl_window_add_toast         (DlWindow *self,
                                            AdwToast *toast);

/* dl-window-places.c: Export Places as KML, GPX or CSV; a quiet toast when a file was
 * read leniently (its warnings). */
void           dl_window_show_load_warnings (DlWindow *self,
                                             DlStory  *story);
gboolean       dl_window_export_places     (DlWindow       *self,
                                            GFile          *file,
                                            DlPlacesFormat  format);
void           dl_window_export_places_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);

G_END_DECLS
