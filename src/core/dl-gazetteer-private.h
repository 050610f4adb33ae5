/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dl-gazetteer-format.h"
#include "dl-gazetteer.h"

G_BEGIN_DECLS

/* For the place detector: the names equal to @folded are [*first, return value). */
guint32                    dl_gazetteer_name_range (DlGazetteer *self,
                                                    const char  *folded,
                                                    guint32     *first);
const DlGazetteerFileName *dl_gazetteer_get_name   (DlGazetteer *self,
                                                    guint32      i);
gboolean                   dl_gazetteer_has_prefix (DlGazetteer *self,
                                                    const char  *folded_prefix);

gboolean                   dl_gazetteer_is_common_word (DlGazetteer *self,
                                                        const char  *folded_word);

G_END_DECLS
