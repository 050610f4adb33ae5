/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-place-detector.h"

G_BEGIN_DECLS

/* Detected places for drafting tests, as the detector would give them, from specs
 * "NAME|KIND|CC|COUNTRY|FORMS": every whole-word occurrence of NAME, and of each
 * comma-separated FORM, is a mention; a FORM is adjectival unless it starts with '='
 * ("Syria|country|SY||Syrian,=Syrian Arab Republic"). KIND "capital" gives the feature
 * code PPLC. The strings live as long as the array. */
GPtrArray *dl_test_places_new (const char         *text,
                               const char * const *specs);

G_END_DECLS
