/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dl-story-error.h"

G_DEFINE_QUARK (dl-story-error-quark, dl_story_error)
