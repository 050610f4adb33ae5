/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dl-actor.h"
#include "dl-place.h"

G_BEGIN_DECLS

/* The marker's disc, in pixels: base-map names keep clear of it. */
#define DL_MARKER_DIAMETER 26

#define DL_TYPE_MARKER (dl_marker_get_type ())
G_DECLARE_FINAL_TYPE (DlMarker, dl_marker, DL, MARKER, ShumateMarker)

/* A place on the map: a round, focusable button in its main actor's colour showing its
 * number of shown events. Emits "activated" when pressed. */
DlMarker  *dl_marker_new          (DlPlace    *place);
DlPlace   *dl_marker_get_place    (DlMarker   *self);
/* Sets the number shown, the colour (NULL: neutral) and the accessible name. */
void       dl_marker_update       (DlMarker   *self,
                                   guint       n_events,
                                   DlActor    *actor);
guint      dl_marker_get_n_events (DlMarker   *self);
int        dl_marker_get_diameter (DlMarker   *self);
/* The colour it is drawn in: its place's main actor's, or grey. */
void       dl_marker_get_color    (DlMarker   *self,
                                   GdkRGBA    *color);
void       dl_marker_set_selected (DlMarker   *self,
                                   gboolean    selected);
gboolean   dl_marker_get_selected (DlMarker   *self);
GtkWidget *dl_marker_get_button   (DlMarker   *self);
void       dl_marker_set_cluster  (DlMarker   *self,
                                   guint       n_more,
                                   guint       n_events);
guint      dl_marker_get_cluster_size (DlMarker *self);
void       dl_marker_set_in_cluster (DlMarker *self,
                                     gboolean  in_cluster);
gboolean   dl_marker_get_in_cluster (DlMarker *self);

G_END_DECLS
