/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How good and how fast the draft of an article is (meson test --benchmark draft).
 *
 * The seed article is drafted with the embedded gazetteer and place detector and compared
 * with the bundled hand-made story; then each article of tests/data/draft/ with its
 * reference (see the README there). Printed: the share of the reference's places found
 * and placed right, of its events whose passage overlaps a suggested event's passage, of
 * the suggested events (that overlap a reference event) dated as that event, and of its
 * actors suggested; then the median time of a draft. Nothing is asserted. */
#define G_LOG_DOMAIN "bench-draft"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-drafter.h"
#include "dl-gazetteer.h"
#include "dl-place-detector.h"
#include "dl-story.h"
#include "dl-test-util.h"

typedef struct
{
  char   *name;
  double  lat, lon;
  GArray *spans;    /* DlSpan: where the text names it; empty for the bundled story */
} RefPlace;

typedef struct
{
  GArray *spans;    /* DlSpan of its passages */
  DlTime  start;
} RefEvent;

typedef struct
{
  char       *name;
  char       *text;
  DlTime      published;
  GPtrArray  *places;   /* RefPlace */
  GPtrArray  *events;   /* RefEvent */
  GPtrArray  *actors;   /* GStrv: name, then aliases */
} Reference;

typedef struct
{
  guint places, places_right;
  guint events, events_overlapped;
  guint suggested, suggested_matched, suggested_same_day;
  guint actors, actors_suggested;
} Score;

static void
ref_place_free (gpointer data)
{
  RefPlace *p = data;

  g_free (p->name);
  g_array_unref (p->spans);
  g_free (p);
}

static void
ref_event_free (gpointer data)
{
  RefEvent *e = data;

  g_array_unref (e->spans);
  g_free (e);
}

static void
reference_free (Reference *r)
{
  g_free (r->name);
  g_free (r->text);
  g_ptr_array_unref (r->places);
  g_ptr_array_unref (r->events);
  g_ptr_array_unref (r->actors);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reference, reference_free)

static Reference *
reference_new (const char *name)
{
  Reference *r = g_new0 (Reference, 1);

  r->name = g_strdup (name);
  r->places = g_ptr_array_new_with_free_func (ref_place_free);
  r->events = g_ptr_array_new_with_free_func (ref_event_free);
  r->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return r;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  return text;
}

static DlSpan
find_quote (const char *text,
            const char *quote,
            const char *where)
{
  const char *p = strstr (text, quote);
  DlSpan span;

  if (p == NULL)
    g_error ("%s: the passage “%s” is not in the text", where, quote);
  span.start = g_utf8_pointer_to_offset (text, p);
  span.end = span.start + g_utf8_strlen (quote, -1);
  return span;
}

static DlTime
parse_time (const char *iso,
            const char *where)
{
  g_autoptr(GError) error = NULL;
  DlTime t;

  if (!dl_time_parse (iso, &t, &error))
    g_error ("%s: %s", where, error->message);
  return t;
}

/* The seed article and its bundled hand-made story. */
static Reference *
load_seed (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                            "stories", "assad-moscow-2024.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStory) story = dl_story_new_from_file (file, NULL, &error);
  Reference *r;
  GListModel *list;

  if (story == NULL)
    g_error ("%s", error->message);
  r = reference_new ("seed article (assad-moscow-2024)");
  r->text = g_strdup (dl_story_get_text (story));
  r->published = parse_time (dl_story_get_published (story), path);

  list = dl_story_get_places (story);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlPlace) place = g_list_model_get_item (list, i);
      RefPlace *p;
      DlLonLat at;

      /* places the article only implies are not the detector's to find */
      if (g_strcmp0 (dl_place_get_precision (place), "inferred") == 0 ||
          dl_place_get_shape (place) == DL_PLACE_SHAPE_ROUTE)
        continue;
      at = dl_place_get_anchor (place);
      p = g_new0 (RefPlace, 1);
      p->name = g_strdup (dl_place_get_name (place));
      p->lat = at.lat;
      p->lon = at.lon;
      p->spans = g_array_new (FALSE, FALSE, sizeof (DlSpan));
      g_ptr_array_add (r->places, p);
    }

  list = dl_story_get_events (story);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlEvent) event = g_list_model_get_item (list, i);
      RefEvent *e = g_new0 (RefEvent, 1);

      e->start = *dl_event_get_start (event);
      e->spans = g_array_new (FALSE, FALSE, sizeof (DlSpan));
      for (guint k = 0; k < dl_event_get_n_passages (event); k++)
        {
          const DlPassage *passage = dl_event_get_passage (event, k);
          DlSpan span = { passage->start, passage->end };

          g_array_append_val (e->spans, span);
        }
      g_ptr_array_add (r->events, e);
    }

  list = dl_story_get_actors (story);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlActor) actor = g_list_model_get_item (list, i);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      g_strv_builder_add (names, dl_actor_get_name (actor));
      g_strv_builder_addv (names, (const char **) dl_actor_get_aliases (actor));
      g_ptr_array_add (r->actors, g_strv_builder_end (names));
    }
  return r;
}

/* A reference of tests/data/draft/. */
static Reference *
load_reference (const char *json_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (json_path);
  g_autofree char *data_dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", NULL);
  g_autofree char *text_path = NULL;
  g_autofree char *places_path = NULL;
  g_autoptr(JsonParser) places_parser = json_parser_new ();
  JsonObject *root;
  JsonArray *array;
  Reference *r;

  if (!json_parser_load_from_file (parser, json_path, &error))
    g_error ("%s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  *strrchr (base, '.') = '\0';
  r = reference_new (base);
  text_path = g_build_filename (data_dir, json_object_get_string_member (root, "text"), NULL);
  r->text = read_text (text_path);
  r->published = parse_time (json_object_get_string_member (root, "published"), json_path);

  places_path = g_build_filename (data_dir, json_object_get_string_member (root, "places"),
                                  NULL);
  if (!json_parser_load_from_file (places_parser, places_path, &error))
    g_error ("%s", error->message);
  array = json_node_get_array (json_parser_get_root (places_parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *name = json_object_get_string_member (o, "name");
      DlSpan span = { json_object_get_int_member (o, "start"),
                      json_object_get_int_member (o, "end") };
      RefPlace *p = NULL;

      for (guint k = 0; k < r->places->len && p == NULL; k++)
        if (g_str_equal (((RefPlace *) g_ptr_array_index (r->places, k))->name, name))
          p = g_ptr_array_index (r->places, k);
      if (p == NULL)
        {
          p = g_new0 (RefPlace, 1);
          p->name = g_strdup (name);
          p->lat = json_object_get_double_member (o, "lat");
          p->lon = json_object_get_double_member (o, "lon");
          p->spans = g_array_new (FALSE, FALSE, sizeof (DlSpan));
          g_ptr_array_add (r->places, p);
        }
      g_array_append_val (p->spans, span);
    }

  array = json_object_get_array_member (root, "events");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonArray *passages = json_object_get_array_member (o, "passages");
      RefEvent *e = g_new0 (RefEvent, 1);

      e->start = parse_time (json_object_get_string_member (o, "start"), json_path);
      e->spans = g_array_new (FALSE, FALSE, sizeof (DlSpan));
      for (guint k = 0; k < json_array_get_length (passages); k++)
        {
          DlSpan span = find_quote (r->text, json_array_get_string_element (passages, k),
                                    json_path);

          g_array_append_val (e->spans, span);
        }
      g_ptr_array_add (r->events, e);
    }

  array = json_object_get_array_member (root, "actors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonArray *aliases = json_object_get_array_member (o, "aliases");
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      g_strv_builder_add (names, json_object_get_string_member (o, "name"));
      for (guint k = 0; k < json_array_get_length (aliases); k++)
        g_strv_builder_add (names, json_array_get_string_element (aliases, k));
      g_ptr_array_add (r->actors, g_strv_builder_end (names));
    }
  return r;
}

static double
distance_km (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 6371.0 * 2 * atan2 (sqrt (a), sqrt (1 - a));
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = dl_gazetteer_fold (a, -1);
  g_autofree char *fb = dl_gazetteer_fold (b, -1);

  return g_str_equal (fa, fb) || strstr (fa, fb) != NULL || strstr (fb, fa) != NULL;
}

static gboolean
spans_overlap (const DlSpan *a,
               const DlSpan *b)
{
  return a->start < b->end && b->start < a->end;
}

/* A reference place is found and placed right when a detected place names it (a mention
 * on one of its mentions, or its name for the bundled story) and lies near it: 50 km, or
 * 500 km for a country or region, whose point is a centroid. */
static gboolean
place_found (const RefPlace *ref,
             GPtrArray      *detected)
{
  for (guint i = 0; i < detected->len; i++)
    {
      const DlDetectedPlace *p = g_ptr_array_index (detected, i);
      gboolean named = FALSE;
      gboolean wide = g_strcmp0 (p->precision, "city") != 0 &&
                      g_strcmp0 (p->precision, "site") != 0;

      if (ref->spans->len == 0)
        named = same_name (ref->name, p->info.name);
      for (guint m = 0; m < p->mentions->len && !named; m++)
        {
          const DlMention *mention = &g_array_index (p->mentions, DlMention, m);
          DlSpan span = { mention->start, mention->end };

          for (guint k = 0; k < ref->spans->len && !named; k++)
            named = spans_overlap (&span, &g_array_index (ref->spans, DlSpan, k));
        }
      if (named && distance_km (ref->lat, ref->lon, p->info.lat, p->info.lon) <=
                   (wide ? 500 : 50))
        return TRUE;
    }
  return FALSE;
}

/* Whether two times agree at the coarser of their precisions, down to the day. */
static gboolean
same_day (const DlTime *a,
          const DlTime *b)
{
  DlTimePrecision p = MIN (MIN (a->precision, b->precision), DL_TIME_DAY);

  return a->year == b->year && (p < DL_TIME_MONTH || a->month == b->month) &&
         (p < DL_TIME_DAY || a->day == b->day);
}

static gboolean
actor_suggested (char             **names,
                 DlDrafterResult   *draft)
{
  for (guint i = 0; i < draft->actors->len; i++)
    {
      const DlActorSuggestion *a = g_ptr_array_index (draft->actors, i);

      for (guint n = 0; names[n]; n++)
        {
          g_autofree char *want = dl_gazetteer_fold (names[n], -1);
          g_autofree char *name = dl_gazetteer_fold (a->name, -1);

          if (g_str_equal (want, name))
            return TRUE;
          for (guint k = 0; k < a->aliases->len; k++)
            {
              g_autofree char *alias = dl_gazetteer_fold (g_ptr_array_index (a->aliases, k),
                                                          -1);

              if (g_str_equal (want, alias))
                return TRUE;
            }
        }
    }
  return FALSE;
}

static void
score (Reference       *r,
       GPtrArray       *detected,
       DlDrafterResult *draft,
       Score           *s)
{
  for (guint i = 0; i < r->places->len; i++)
    {
      s->places++;
      if (place_found (g_ptr_array_index (r->places, i), detected))
        s->places_right++;
    }

  for (guint i = 0; i < r->events->len; i++)
    {
      const RefEvent *e = g_ptr_array_index (r->events, i);
      gboolean hit = FALSE;

      s->events++;
      for (guint k = 0; k < draft->events->len && !hit; k++)
        {
          const DlDraftEvent *d = g_ptr_array_index (draft->events, k);
          DlSpan span = { d->passage_start, d->passage_end };

          for (guint m = 0; m < e->spans->len && !hit; m++)
            hit = spans_overlap (&span, &g_array_index (e->spans, DlSpan, m));
        }
      if (hit)
        s->events_overlapped++;
    }

  for (guint k = 0; k < draft->events->len; k++)
    {
      const DlDraftEvent *d = g_ptr_array_index (draft->events, k);
      DlSpan span = { d->passage_start, d->passage_end };
      const RefEvent *best = NULL;
      int best_overlap = 0;

      s->suggested++;
      for (guint i = 0; i < r->events->len; i++)
        {
          const RefEvent *e = g_ptr_array_index (r->events, i);

          for (guint m = 0; m < e->spans->len; m++)
            {
              const DlSpan *x = &g_array_index (e->spans, DlSpan, m);
              int overlap = MIN (x->end, span.end) - MAX (x->start, span.start);

              if (overlap > best_overlap)
                {
                  best_overlap = overlap;
                  best = e;
                }
            }
        }
      if (best == NULL)
        continue;
      s->suggested_matched++;
      if (same_day (&d->start, &best->start))
        s->suggested_same_day++;
    }

  for (guint i = 0; i < r->actors->len; i++)
    {
      s->actors++;
      if (actor_suggested (g_ptr_array_index (r->actors, i), draft))
        s->actors_suggested++;
    }
}

static double
share (guint part,
       guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0;
}

static void
print_score (const char  *name,
             const Score *s)
{
  g_print ("%-42s places %2u/%-2u (%3.0f%%)  events %2u/%-2u (%3.0f%%)  "
           "same day %2u/%-2u (%3.0f%%)  actors %2u/%-2u (%3.0f%%)  [%u suggested]\n",
           name, s->places_right, s->places, share (s->places_right, s->places),
           s->events_overlapped, s->events, share (s->events_overlapped, s->events),
           s->suggested_same_day, s->suggested_matched,
           share (s->suggested_same_day, s->suggested_matched),
           s->actors_suggested, s->actors, share (s->actors_suggested, s->actors),
           s->suggested);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  DlGazetteer *gazetteer = dl_gazetteer_get_default (&error);
  g_autoptr(Reference) seed = NULL;
  g_autoptr(GPtrArray) detected = NULL;
  g_autoptr(GArray) draft_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) detect_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "draft",
                                           NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Score seed_score = { 0 }, total = { 0 };
  const char *file;

  if (gazetteer == NULL)
    g_error ("%s", error->message);

  seed = load_seed ();
  detected = dl_place_detector_detect (gazetteer, seed->text);
  for (int run = 0; run < 21; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) places = dl_place_detector_detect (gazetteer, seed->text);
      gint64 t1 = g_get_monotonic_time ();
      g_autoptr(DlDrafterResult) draft = dl_drafter_run (seed->text, &seed->published,
                                                         places);
      gint64 t2 = g_get_monotonic_time ();
      double detect = (t1 - t0) / 1000.0, drafting = (t2 - t1) / 1000.0;

      g_array_append_val (detect_ms, detect);
      g_array_append_val (draft_ms, drafting);
    }
  {
    g_autoptr(DlDrafterResult) draft = dl_drafter_run (seed->text, &seed->published, detected);

    score (seed, detected, draft, &seed_score);
  }
  g_print ("Draft of the seed article (%zu characters): detector %.1f ms, drafter %.1f ms "
           "(medians of 21)\n", strlen (seed->text), dl_test_median (detect_ms),
           dl_test_median (draft_ms));
  print_score (seed->name, &seed_score);

  listing = g_dir_open (dir, 0, &error);
  if (listing == NULL)
    g_error ("%s", error->message);
  while ((file = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (file, ".json"))
      g_ptr_array_add (names, g_build_filename (dir, file, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(Reference) r = load_reference (g_ptr_array_index (names, i));
      g_autoptr(GPtrArray) places = dl_place_detector_detect (gazetteer, r->text);
      g_autoptr(DlDrafterResult) draft = dl_drafter_run (r->text, &r->published, places);
      Score s = { 0 };

      score (r, places, draft, &s);
      print_score (r->name, &s);
      total.places += s.places;
      total.places_right += s.places_right;
      total.events += s.events;
      total.events_overlapped += s.events_overlapped;
      total.suggested += s.suggested;
      total.suggested_matched += s.suggested_matched;
      total.suggested_same_day += s.suggested_same_day;
      total.actors += s.actors;
      total.actors_suggested += s.actors_suggested;
    }
  print_score ("all further articles", &total);
  return 0;
}
