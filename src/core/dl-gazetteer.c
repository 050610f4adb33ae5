/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-gazetteer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-gazetteer-format.h"
#include "dl-resources.h"

#include "dl-gazetteer-private.h"

struct _DlGazetteer
{
  GBytes                      *bytes;
  const DlGazetteerFileHeader *header;
  const DlGazetteerFileEntry  *entries;
  const DlGazetteerFileName   *names;
  const guint32               *words;
  const char                  *strings;
  guint32                      strings_size;
};

/* Search as you type looks at no more names than this for one prefix. */
#define SEARCH_SCAN_LIMIT 60000

G_DEFINE_QUARK (dl-gazetteer-error-quark, dl_gazetteer_error)

/* Loading ----------------------------------------------------------------------------- */

static gboolean
section_ok (gsize   size,
            guint32 offset,
            guint32 count,
            gsize   element_size)
{
  return offset % 8 == 0 && offset <= size && count <= (size - offset) / element_size;
}

static gboolean
entry_ok (const DlGazetteerFileEntry *e,
          guint32                     strings_size)
{
  return e->name < strings_size && e->kind < strings_size &&
         e->feature_code < strings_size && e->country_code < strings_size &&
         e->country_name < strings_size && e->admin1_name < strings_size &&
         e->name_ar < strings_size && e->name_es < strings_size &&
         e->lat_e5 >= -9000000 && e->lat_e5 <= 9000000 &&
         e->lon_e5 >= -18000000 && e->lon_e5 <= 18000000;
}

/* A string of the pool; a damaged offset reads as "". */
static inline const char *
string (DlGazetteer *self,
        guint32      offset)
{
  return offset < self->strings_size ? self->strings + offset : "";
}

static gboolean
fail (GError    **error,
      const char *what)
{
  /* Translators: %s says what is wrong, e.g. "bad entry" */
  g_set_error (error, DL_GAZETTEER_ERROR, DL_GAZETTEER_ERROR_CORRUPT,
               _("The place gazetteer is damaged (%s): reinstall or rebuild Dateline"), what);
  return FALSE;
}

static gboolean
validate (DlGazetteer  *self,
          gsize         size,
          GError      **error)
{
  const DlGazetteerFileHeader *h = self->header;

  if (!section_ok (size, h->entries_offset, h->n_entries, sizeof (DlGazetteerFileEntry)))
    return fail (error, _("entries out of bounds"));
  if (!section_ok (size, h->names_offset, h->n_names, sizeof (DlGazetteerFileName)))
    return fail (error, _("names out of bounds"));
  if (!section_ok (size, h->words_offset, h->n_words, sizeof (guint32)))
    return fail (error, _("words out of bounds"));
  if (h->strings_offset > size || h->strings_size == 0 ||
      h->strings_size > size - h->strings_offset)
    return fail (error, _("strings out of bounds"));

  self->entries = (const void *) ((const char *) h + h->entries_offset);
  self->names = (const void *) ((const char *) h + h->names_offset);
  self->words = (const void *) ((const char *) h + h->words_offset);
  self->strings = (const char *) h + h->strings_offset;
  self->strings_size = h->strings_size;

  /* Every string ends inside the pool when the pool ends with a NUL. Records are checked
   * when they are read (string(), entry_ok ()), so that loading touches no more than the
   * header: the first call pages in only what it reads of the 13 MB. */
  if (self->strings[0] != '\0' || self->strings[self->strings_size - 1] != '\0')
    return fail (error, _("string pool not terminated"));
  return TRUE;
}

/**
 * dl_gazetteer_new_from_bytes:
 * @bytes: the output of tools/dl-gazetteer-compile
 * @error: return location for a #DL_GAZETTEER_ERROR
 *
 * Reads a gazetteer in place (the bytes are kept, not copied, when they are aligned) after
 * checking every offset in it: a damaged blob is an error, never a crash.
 *
 * Returns: (transfer full) (nullable): the gazetteer, free with dl_gazetteer_free()
 */
DlGazetteer *
dl_gazetteer_new_from_bytes (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(DlGazetteer) self = NULL;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  self = g_new0 (DlGazetteer, 1);
  if (data == NULL || size < sizeof (DlGazetteerFileHeader) ||
      memcmp (data, DL_GAZETTEER_MAGIC, 8) != 0)
    {
      fail (error, _("not a gazetteer file"));
      return NULL;
    }
  if ((guintptr) data % 8 != 0)
    {
      /* Resources are aligned; a copy keeps odd callers (tests, fuzzers) safe. */
      self->bytes = g_bytes_new (data, size);
      data = g_bytes_get_data (self->bytes, NULL);
    }
  else
    self->bytes = g_bytes_ref (bytes);
  self->header = (const DlGazetteerFileHeader *) data;
  if (!validate (self, size, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
dl_gazetteer_free (DlGazetteer *self)
{
  if (self == NULL)
    return;
  g_bytes_unref (self->bytes);
  g_free (self);
}

/**
 * dl_gazetteer_get_default:
 * @error: return location for a #DL_GAZETTEER_ERROR
 *
 * The gazetteer embedded in the application's resources, loaded on first use.
 *
 * Returns: (transfer none) (nullable): the gazetteer; never freed
 */
DlGazetteer *
dl_gazetteer_get_default (GError **error)
{
  static DlGazetteer *gazetteer;
  static GError *load_error;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GBytes) bytes = dl_resources_lookup ("gazetteer/gazetteer.bin", NULL);

      if (bytes == NULL)
        load_error = g_error_new (DL_GAZETTEER_ERROR, DL_GAZETTEER_ERROR_MISSING,
                                  _("This build of Dateline has no place gazetteer"));
      else
        gazetteer = dl_gazetteer_new_from_bytes (bytes, &load_error);
      g_once_init_leave (&loaded, 1);
    }
  if (gazetteer == NULL && error != NULL)
    *error = g_error_copy (load_error);
  return gazetteer;
}

/* Reading ----------------------------------------------------------------------------- */

guint
dl_gazetteer_get_n_entries (DlGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header->n_entries;
}

gboolean
dl_gazetteer_get_entry (DlGazetteer      *self,
                        guint32           index,
                        DlGazetteerEntry *out)
{
  const DlGazetteerFileEntry *e;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (index >= self->header->n_entries || !entry_ok (&self->entries[index], self->strings_size))
    return FALSE;
  e = &self->entries[index];
  out->index = index;
  out->geonames_id = e->geonames_id;
  out->name = self->strings + e->name;
  out->kind = self->strings + e->kind;
  out->feature_code = self->strings + e->feature_code;
  out->country_code = self->strings + e->country_code;
  out->country_name = self->strings + e->country_name;
  out->admin1_name = self->strings + e->admin1_name;
  out->lat = e->lat_e5 / 1e5;
  out->lon = e->lon_e5 / 1e5;
  out->population = e->population;
  return TRUE;
}

const char *
dl_gazetteer_get_localized_name (DlGazetteer *self,
                                 guint32      index,
                                 const char  *lang)
{
  const DlGazetteerFileEntry *e;
  guint32 offset = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  if (index >= self->header->n_entries || !entry_ok (&self->entries[index], self->strings_size))
    return NULL;
  e = &self->entries[index];
  if (g_str_equal (lang, "ar"))
    offset = e->name_ar;
  else if (g_str_equal (lang, "es"))
    offset = e->name_es;
  return offset != 0 ? self->strings + offset : NULL;
}

/* The first name whose folded form is >= @key. */
static guint32
lower_bound (DlGazetteer *self,
             const char  *key)
{
  guint32 lo = 0, hi = self->header->n_names;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (strcmp (string (self, self->names[mid].folded), key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint32
dl_gazetteer_name_range (DlGazetteer *self,
                         const char  *folded,
                         guint32     *first)
{
  guint32 i = lower_bound (self, folded);

  *first = i;
  while (i < self->header->n_names && strcmp (string (self, self->names[i].folded), folded) == 0)
    i++;
  return i;
}

const DlGazetteerFileName *
dl_gazetteer_get_name (DlGazetteer *self,
                       guint32      i)
{
  return &self->names[i];
}

/* Whether some longer name starts with @folded_prefix ("people" for "peoples republic"). */
gboolean
dl_gazetteer_has_prefix (DlGazetteer *self,
                         const char  *folded_prefix)
{
  guint32 i = lower_bound (self, folded_prefix);
  gsize len = strlen (folded_prefix);

  while (i < self->header->n_names &&
         strcmp (string (self, self->names[i].folded), folded_prefix) == 0)
    i++;

  return i < self->header->n_names &&
         strncmp (string (self, self->names[i].folded), folded_prefix, len) == 0;
}

/* Whether @folded_word is a common English word (written in lower case in a dictionary). */
gboolean
dl_gazetteer_is_common_word (DlGazetteer *self,
                             const char  *folded_word)
{
  guint32 lo = 0, hi = self->header->n_words;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      int r = strcmp (string (self, self->words[mid]), folded_word);

      if (r == 0)
        return TRUE;
      if (r < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static void
append_unique (GArray  *array,
               guint32  entry)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint32, i) == entry)
      return;
  g_array_append_val (array, entry);
}

/**
 * dl_gazetteer_lookup:
 * @self: a gazetteer
 * @name: a place name in any script
 *
 * The entries with a name or alternate name equal to @name, compared folded (case,
 * accents, apostrophes, punctuation), most prominent first.
 *
 * Returns: (transfer full) (element-type guint32): entry indexes, maybe empty
 */
GArray *
dl_gazetteer_lookup (DlGazetteer *self,
                     const char  *name)
{
  g_autofree char *folded = NULL;
  GArray *result;
  guint32 first, end;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (guint32));
  folded = dl_gazetteer_fold (name, -1);
  if (folded[0] == '\0')
    return result;
  end = dl_gazetteer_name_range (self, folded, &first);
  for (guint32 i = first; i < end; i++)
    if (self->names[i].entry < self->header->n_entries)
      append_unique (result, self->names[i].entry);
  return result;
}

typedef struct
{
  guint32 entry;
  guint32 rank;
} Hit;

static int
hit_compare (gconstpointer a,
             gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/**
 * dl_gazetteer_search:
 * @self: a gazetteer
 * @prefix: what the user has typed so far
 * @limit: the most results to return
 *
 * Place search as you type: the entries with a name starting with @prefix (folded), the
 * exact matches first, then the most prominent (countries, capitals, large cities).
 *
 * Returns: (transfer full) (element-type guint32): entry indexes, best first
 */
GArray *
dl_gazetteer_search (DlGazetteer *self,
                     const char  *prefix,
                     guint        limit)
{
  g_autofree char *folded = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) hits = NULL;
  GArray *result;
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (guint32));
  folded = dl_gazetteer_fold (prefix, -1);
  len = strlen (folded);
  if (len == 0 || limit == 0)
    return result;

  seen = g_hash_table_new (NULL, NULL);
  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  for (guint32 i = lower_bound (self, folded), n = 0;
       i < self->header->n_names && n < SEARCH_SCAN_LIMIT; i++, n++)
    {
      const DlGazetteerFileName *name = &self->names[i];
      const char *s = string (self, name->folded);
      Hit hit = { name->entry, name->rank };
      guint idx;

      if (strncmp (s, folded, len) != 0)
        break;
      if (name->entry >= self->header->n_entries)
        continue;
      /* An exact match outranks every longer name. */
      if (s[len] == '\0')
        hit.rank |= 1u << 31;
      idx = GPOINTER_TO_UINT (g_hash_table_lookup (seen, GUINT_TO_POINTER (name->entry + 1)));
      if (idx != 0)
        {
          Hit *h = &g_array_index (hits, Hit, idx - 1);

          h->rank = MAX (h->rank, hit.rank);
          continue;
        }
      g_hash_table_insert (seen, GUINT_TO_POINTER (name->entry + 1),
                           GUINT_TO_POINTER (hits->len + 1));
      g_array_append_val (hits, hit);
    }
  g_array_sort (hits, hit_compare);
  for (guint i = 0; i < hits->len && i < limit; i++)
    g_array_append_val (result, g_array_index (hits, Hit, i).entry);
  return result;
}

/**
 * dl_gazetteer_find_by_geonames_id:
 * @self: a gazetteer
 * @geonames_id: a GeoNames id
 *
 * Returns: (transfer full) (element-type guint32): the entries with that id (usually one)
 */
GArray *
dl_gazetteer_find_by_geonames_id (DlGazetteer *self,
                                  gint64       geonames_id)
{
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 i = 0; i < self->header->n_entries && geonames_id != 0; i++)
    if (self->entries[i].geonames_id == geonames_id)
      g_array_append_val (result, i);
  return result;
}
