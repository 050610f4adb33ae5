/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-detector"

#include <string.h>

#include "dl-gazetteer-private.h"

#include "dl-place-detector.h"

void
dl_detected_place_free (DlDetectedPlace *place)
{
  if (place == NULL)
    return;
  for (guint i = 0; place->mentions != NULL && i < place->mentions->len; i++)
    g_free (g_array_index (place->mentions, DlMention, i).exact);
  g_clear_pointer (&place->mentions, g_array_unref);
  g_free (place);
}

/**
 * dl_place_detector_detect:
 * @gazetteer: the gazetteer to look names up in
 * @text: UTF-8 text
 *
 * The places mentioned in @text, in order of first mention.
 *
 * Returns: (transfer full) (element-type DlDetectedPlace): the places
 */
GPtrArray *
dl_place_detector_detect (DlGazetteer *gazetteer,
                          const char  *text)
{
  g_return_val_if_fail (gazetteer != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* First version: no detection yet; the API is in place for the other helpers. */
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dl_detected_place_free);
}
