/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-history.h"

G_BEGIN_DECLS

char        *dl_test_describe_story   (DlStory *story);
DlOperation *dl_test_random_operation (DlStory *story,
                                       GRand   *rand,
                                       guint   *serial);
/* Saves @story, loads the saved text and saves it again: NULL when the text loads, looks
 * the same (dl_test_describe_story) and saves to the same bytes, with the loaded story in
 * @reloaded if not NULL; otherwise what went wrong, for a fuzz target's abort message. */
char        *dl_test_round_trip_problem (DlStory  *story,
                                         DlStory **reloaded);

G_END_DECLS
