/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the top-level reader of the streaming loader (dl_json_children):
 * on any input that dl_json_validate() accepts, the spans it gives for an object's members
 * or an array's elements must be exactly json-glib's children, in order: as many, each span
 * parsing alone to a value equal to json-glib's, each name equal. And dl_json_build(),
 * which builds the trees of the features without json-glib's scanner, must give exactly
 * json-glib's tree (same types, same 64-bit integers, same bits of each double, same
 * strings, members in the same order) whenever it does not hand the text back to json-glib.
 * (fuzz-story runs the whole loader, streamed features included, and the save round trip.)
 *
 *   make fuzz FUZZ_TARGET=fuzz-json-children
 */
#define G_LOG_DOMAIN "fuzz-json-children"

#include <stdint.h>
#include <string.h>

#include "dl-json-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static JsonParser *parser;

/* Stricter than json_node_equal(): 1 and 1.0 differ, and so do 0.0 and -0.0. */
static void
assert_same (JsonNode *a,
             JsonNode *b)
{
  g_assert_cmpint (json_node_get_node_type (a), ==, json_node_get_node_type (b));
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *oa = json_node_get_object (a);
      JsonObject *ob = json_node_get_object (b);
      g_autoptr(GList) ma = json_object_get_members (oa);
      g_autoptr(GList) mb = json_object_get_members (ob);

      g_assert_cmpuint (g_list_length (ma), ==, g_list_length (mb));
      for (GList *x = ma, *y = mb; x != NULL; x = x->next, y = y->next)
        {
          g_assert_cmpstr (x->data, ==, y->data);
          assert_same (json_object_get_member (oa, x->data),
                       json_object_get_member (ob, y->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a);
      JsonArray *ab = json_node_get_array (b);

      g_assert_cmpuint (json_array_get_length (aa), ==, json_array_get_length (ab));
      for (guint i = 0; i < json_array_get_length (aa); i++)
        assert_same (json_array_get_element (aa, i), json_array_get_element (ab, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (a))
    {
      GType type = json_node_get_value_type (a);

      g_assert_true (type == json_node_get_value_type (b));
      if (type == G_TYPE_INT64)
        g_assert_cmpint (json_node_get_int (a), ==, json_node_get_int (b));
      else if (type == G_TYPE_DOUBLE)
        {
          double da = json_node_get_double (a), db = json_node_get_double (b);

          g_assert_cmpmem (&da, sizeof da, &db, sizeof db);
        }
      else if (type == G_TYPE_BOOLEAN)
        g_assert_cmpint (json_node_get_boolean (a), ==, json_node_get_boolean (b));
      else
        g_assert_cmpstr (json_node_get_string (a), ==, json_node_get_string (b));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
  g_autofree char *message = NULL;
  DlStoryError code;
  JsonNode *root;
  int line, column;
  guint n_children;

  if (parser == NULL)
    parser = json_parser_new ();
  if (!g_utf8_validate_len (text, size, NULL) ||
      !dl_json_validate (text, size, 64, &code, &line, &column, &message))
    return 0;
  /* json-glib cuts strings at \u0000; the loader replaces it first */
  if (g_strstr_len (text, size, "\\u0000") != NULL)
    return 0;
  if (!json_parser_load_from_data (parser, text, size, NULL))
    return 0;
  root = json_parser_get_root (parser);

  {
    g_autoptr(JsonNode) built = dl_json_build (text, size);

    if (built != NULL)
      assert_same (built, root);
  }

  if (!dl_json_children (text, size, names, spans))
    {
      g_assert_false (JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root));
      return 0;
    }
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root));
  {
    /* "a" and "\u0061" pass the validator as two names; json-glib keeps one (the last
     * value, as the loader does): the counts differ, nothing else to compare */
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < names->len; i++)
      if (!g_hash_table_add (seen, g_ptr_array_index (names, i)))
        return 0;
  }
  root = json_node_ref (root);
  n_children = JSON_NODE_HOLDS_OBJECT (root) ?
               json_object_get_size (json_node_get_object (root)) :
               json_array_get_length (json_node_get_array (root));
  g_assert_cmpuint (spans->len, ==, n_children);
  if (JSON_NODE_HOLDS_OBJECT (root))
    g_assert_cmpuint (names->len, ==, spans->len);
  else
    g_assert_cmpuint (names->len, ==, 0);

  for (guint i = 0; i < spans->len; i++)
    {
      const DlJsonSpan *span = &g_array_index (spans, DlJsonSpan, i);
      JsonNode *expected;
      JsonNode *child;

      g_assert_cmpuint (span->offset + span->length, <=, size);
      if (JSON_NODE_HOLDS_OBJECT (root))
        {
          const char *name = g_ptr_array_index (names, i);
          g_autoptr(GList) members = json_object_get_members (json_node_get_object (root));

          g_assert_cmpstr (g_list_nth_data (members, i), ==, name);
          expected = json_object_get_member (json_node_get_object (root), name);
        }
      else
        expected = json_array_get_element (json_node_get_array (root), i);

      g_assert_true (json_parser_load_from_data (parser, text + span->offset, span->length,
                                                 NULL));
      child = json_parser_get_root (parser);
      g_assert_true (json_node_equal (child, expected));
    }
  /* the elements of a member split in the same pass: those of the member's own span (the
   * last member of that name that is an array) */
  for (guint i = 0; JSON_NODE_HOLDS_OBJECT (root) && i < spans->len; i++)
    {
      const DlJsonSpan *span = &g_array_index (spans, DlJsonSpan, i);
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GPtrArray) split_names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) split_spans = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
      g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (DlJsonSpan));
      gboolean last = TRUE;

      if (text[span->offset] != '[')
        continue;
      for (guint j = i + 1; j < spans->len; j++)
        if (g_str_equal (g_ptr_array_index (names, j), name) &&
            text[g_array_index (spans, DlJsonSpan, j).offset] == '[')
          last = FALSE;
      if (!last)
        continue;
      g_assert_true (dl_json_children_split (text, size, split_names, split_spans, name,
                                             elements));
      g_assert_cmpuint (split_names->len, ==, names->len);
      g_assert_cmpmem (split_spans->data, split_spans->len * sizeof (DlJsonSpan),
                       spans->data, spans->len * sizeof (DlJsonSpan));
      dl_json_children (text + span->offset, span->length, NULL, expected);
      g_assert_cmpuint (elements->len, ==, expected->len);
      for (guint j = 0; j < expected->len; j++)
        {
          g_assert_cmpuint (g_array_index (elements, DlJsonSpan, j).offset, ==,
                            g_array_index (expected, DlJsonSpan, j).offset + span->offset);
          g_assert_cmpuint (g_array_index (elements, DlJsonSpan, j).length, ==,
                            g_array_index (expected, DlJsonSpan, j).length);
        }
    }
  json_node_unref (root);
  return 0;
}
