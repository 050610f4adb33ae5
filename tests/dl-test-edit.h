/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-history.h"

G_BEGIN_DECLS

char        *dl_test_describe_story   (DlStory *story);
DlOperation *dl_test_random_operation (DlStory *story,
                                       GRand   *rand,
                                       guint   *serial);

G_END_DECLS
