/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-place.h"

G_BEGIN_DECLS

gboolean dl_place_area_contains (DlPlace *place,
                                 double   lon,
                                 double   lat);

G_END_DECLS
