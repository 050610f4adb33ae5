/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DL_GAZETTEER_ERROR (dl_gazetteer_error_quark ())

typedef enum
{
  DL_GAZETTEER_ERROR_MISSING,  /* no gazetteer in the resources */
  DL_GAZETTEER_ERROR_CORRUPT,  /* the blob is not a gazetteer or fails validation */
} DlGazetteerError;

GQuark dl_gazetteer_error_quark (void);

/* The offline gazetteer: places, their names in English, Arabic and Spanish, compiled by
 * tools/dl-gazetteer-compile and read in place. */
typedef struct _DlGazetteer DlGazetteer;

typedef struct
{
  guint32     index;         /* entry number in this gazetteer */
  gint64      geonames_id;   /* 0 when the entry is not from GeoNames */
  const char *name;          /* English/common name, points into the blob */
  const char *kind;          /* "city", "capital", "country", "region", "territory", "sea", … */
  const char *feature_code;  /* GeoNames-style: PPLC, PPLA, PCLI, ADM1, … */
  const char *country_code;  /* ISO 3166-1 alpha-2, "" for none */
  const char *country_name;  /* "Lebanon", "" for none */
  const char *admin1_name;   /* first-level region, may be "" */
  double      lat, lon;      /* representative point */
  guint64     population;
} DlGazetteerEntry;

DlGazetteer *dl_gazetteer_get_default       (GError      **error);
DlGazetteer *dl_gazetteer_new_from_bytes    (GBytes       *bytes,
                                             GError      **error);
void         dl_gazetteer_free              (DlGazetteer  *self);

guint        dl_gazetteer_get_n_entries     (DlGazetteer  *self);
gboolean     dl_gazetteer_get_entry         (DlGazetteer  *self,
                                             guint32       index,
                                             DlGazetteerEntry *out);
GArray      *dl_gazetteer_lookup            (DlGazetteer  *self,
                                             const char   *name);
GArray      *dl_gazetteer_search            (DlGazetteer  *self,
                                             const char   *prefix,
                                             guint         limit);
const char  *dl_gazetteer_get_localized_name (DlGazetteer *self,
                                             guint32       index,
                                             const char   *lang);
GArray      *dl_gazetteer_find_by_geonames_id (DlGazetteer *self,
                                             gint64        geonames_id);
char        *dl_gazetteer_fold              (const char   *text,
                                             gssize        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlGazetteer, dl_gazetteer_free)

G_END_DECLS
