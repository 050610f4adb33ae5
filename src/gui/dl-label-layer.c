/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-label-layer"

#include "config.h"

#include <math.h>

#include "dl-label-placement.h"
#include "dl-line-obstacles.h"
#include "dl-mercator.h"

#include "dl-label-layer.h"

struct _DlLabelLayer
{
  ShumateLayer    parent_instance;

  DlBasemapStyle  style;
  GHashTable     *layouts;   /* "size|text" → PangoLayout */
  GArray         *obstacles; /* Obstacle */
  GPtrArray      *lines;     /* DlPlace: plain lines, which names keep off */
  GArray         *line_radii; /* double, one a line */
  GArray         *names;     /* StoryName: the story's places, named above the base map */
  GArray         *placed;    /* DlMapLabel: what the last frame drew */
  gboolean        show_basemap;
};

typedef struct
{
  char   *text;
  double  latitude;
  double  longitude;
  double  radius;
  double  priority;
} StoryName;

typedef struct
{
  double latitude;
  double longitude;
  double radius;
} Obstacle;

G_DEFINE_FINAL_TYPE (DlLabelLayer, dl_label_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_STYLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define CITY_DOT_RADIUS 2.5
#define LABEL_GAP 3.0
#define STORY_NAME_SIZE 13.0
/* Story names come before every base-map name. */
#define STORY_PRIORITY 1000.0

typedef struct
{
  GdkRGBA text;
  GdkRGBA city;
  GdkRGBA halo;
  GdkRGBA dot;
  GdkRGBA story;
} LabelColors;

static void
get_colors (DlBasemapStyle  style,
            LabelColors    *colors)
{
  if (style == DL_BASEMAP_DARK)
    {
      gdk_rgba_parse (&colors->text, "#a9a2b4");
      gdk_rgba_parse (&colors->city, "#d8d4dd");
      gdk_rgba_parse (&colors->halo, "rgba(26,37,46,0.85)");
      gdk_rgba_parse (&colors->dot, "#d8d4dd");
      gdk_rgba_parse (&colors->story, "#ffffff");
    }
  else
    {
      gdk_rgba_parse (&colors->text, "#6c6374");
      gdk_rgba_parse (&colors->city, "#3d3842");
      gdk_rgba_parse (&colors->halo, "rgba(247,245,240,0.9)");
      gdk_rgba_parse (&colors->dot, "#4d4753");
      gdk_rgba_parse (&colors->story, "#1c1a20");
    }
}

/* Font size in pixels: countries grow with their area and a little with the zoom; cities
 * stay small, as in most atlases. */
static double
label_font_size (const DlBasemapLabel *label,
                 double                zoom)
{
  if (label->is_city)
    return label->importance >= 5.5 ? 12.0 : 11.0;
  return CLAMP (8.5 + 0.9 * (label->importance - 3.0) + 0.3 * zoom, 9.0, 17.0);
}

static PangoLayout *
get_layout (DlLabelLayer         *self,
            const DlBasemapLabel *label,
            double                size)
{
  g_autofree char *key = g_strdup_printf ("%d|%d|%s", (int) round (size * 10),
                                          label->is_city, label->text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout == NULL)
    {
      PangoFontDescription *font = pango_font_description_new ();
      PangoAttrList *attrs = pango_attr_list_new ();

      if (g_hash_table_size (self->layouts) > 1000)
        g_hash_table_remove_all (self->layouts);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_font_description_set_family (font, "Sans");
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      if (label->is_city)
        {
          pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
          pango_layout_set_text (layout, label->text, -1);
        }
      else
        {
          /* Country names in spaced capitals, the atlas convention. */
          g_autofree char *upper = g_utf8_strup (label->text, -1);

          pango_font_description_set_weight (font, PANGO_WEIGHT_SEMIBOLD);
          pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (size * 0.12 * PANGO_SCALE)));
          pango_layout_set_text (layout, upper, -1);
        }
      pango_layout_set_font_description (layout, font);
      pango_layout_set_attributes (layout, attrs);
      pango_font_description_free (font);
      pango_attr_list_unref (attrs);
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static PangoLayout *
get_story_layout (DlLabelLayer *self,
                  const char   *text)
{
  g_autofree char *key = g_strdup_printf ("story|%s", text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout == NULL)
    {
      PangoFontDescription *font = pango_font_description_new ();

      if (g_hash_table_size (self->layouts) > 1000)
        g_hash_table_remove_all (self->layouts);
      /* Plain text: a story's names are never markup. */
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      pango_font_description_set_family (font, "Sans");
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_absolute_size (font, STORY_NAME_SIZE * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static void
story_name_clear (gpointer data)
{
  StoryName *name = data;

  g_clear_pointer (&name->text, g_free);
}

static void
map_label_clear (gpointer data)
{
  DlMapLabel *label = data;

  g_clear_pointer (&label->text, g_free);
}

static void
append_label (GtkSnapshot       *snapshot,
              PangoLayout       *layout,
              const DlRect      *rect,
              const GdkRGBA     *color,
              const GdkRGBA     *halo)
{
  static const float offsets[][2] = {
    { -1, -1 }, { 0, -1 }, { 1, -1 }, { -1, 0 }, { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) rect->x + offsets[i][0],
                                                               (float) rect->y + offsets[i][1]));
      gtk_snapshot_append_layout (snapshot, layout, halo);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) rect->x, (float) rect->y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_dot (GtkSnapshot   *snapshot,
            double         x,
            double         y,
            const GdkRGBA *color,
            const GdkRGBA *halo)
{
  GskRoundedRect outer, inner;
  float r = CITY_DOT_RADIUS;

  gsk_rounded_rect_init_from_rect (&outer, &GRAPHENE_RECT_INIT ((float) x - r - 1, (float) y - r - 1,
                                                                2 * r + 2, 2 * r + 2), r + 1);
  gsk_rounded_rect_init_from_rect (&inner, &GRAPHENE_RECT_INIT ((float) x - r, (float) y - r,
                                                                2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &outer);
  gtk_snapshot_append_color (snapshot, halo, &outer.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_push_rounded_clip (snapshot, &inner);
  gtk_snapshot_append_color (snapshot, color, &inner.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
viewport_changed_cb (DlLabelLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
gives_way_to_story (DlLabelLayer         *self,
                    const DlBasemapLabel *label)
{
  for (guint i = 0; i < self->names->len; i++)
    if (dl_label_names_same_place (label->text,
                                   g_array_index (self->names, StoryName, i).text))
      return TRUE;
  return FALSE;
}

/* The plain lines in view as rows of discs, in widget pixels. */
static void
append_line_obstacles (DlLabelLayer *self,
                       GArray       *discs,
                       const DlRect *bounds)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  guint budget = 20000;

  for (guint i = 0; i < self->lines->len && budget > 0; i++)
    for (guint part = 0; part < dl_place_get_n_parts (self->lines->pdata[i]); part++)
      {
        guint n;
        const DlLonLat *line = dl_place_get_part (self->lines->pdata[i], part, &n);
        g_autofree double *xs = g_new (double, MAX (n, 1));
        g_autofree double *ys = g_new (double, MAX (n, 1));

        for (guint k = 0; k < n; k++)
          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), line[k].lat,
                                                      line[k].lon, &xs[k], &ys[k]);
        budget -= dl_line_obstacles_append (discs, xs, ys, n,
                                            g_array_index (self->line_radii, double, i),
                                            bounds, budget);
      }
}

static void
dl_label_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DlLabelLayer *self = DL_LABEL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom, cx, cy, half;
  g_autoptr(GArray) found = NULL;
  g_autofree DlLabel *labels = NULL;
  g_autofree PangoLayout **layouts = NULL;
  g_autofree const DlBasemapLabel **sources = NULL;
  g_autofree const char **texts = NULL;
  guint n = 0, n_max;
  DlRect bounds = { 0, 0, width, height };
  LabelColors colors;

  g_array_set_size (self->placed, 0);
  if (viewport == NULL || width <= 0 || height <= 0)
    return;

  zoom = shumate_viewport_get_zoom_level (viewport);
  dl_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       zoom, &cx, &cy);
  /* A square around the centre covers the view at any rotation. */
  half = hypot (width, height) / 2.0 + 50.0;
  if (self->show_basemap && dl_basemap_get_default () != NULL)
    found = dl_basemap_list_labels (dl_basemap_get_default (), zoom, cx - half, cy - half,
                                    2 * half, 2 * half);
  else
    found = g_array_new (FALSE, FALSE, sizeof (DlBasemapLabel));
  n_max = found->len + self->names->len;
  if (n_max == 0)
    return;

  labels = g_new0 (DlLabel, n_max);
  layouts = g_new0 (PangoLayout *, n_max);
  sources = g_new0 (const DlBasemapLabel *, n_max);
  texts = g_new0 (const char *, n_max);

  /* The story's names first, more events first (the priority says so). */
  for (guint i = 0; i < self->names->len; i++)
    {
      const StoryName *name = &g_array_index (self->names, StoryName, i);
      DlLabel *l = &labels[n];
      double wx, wy;
      int lw, lh;

      shumate_viewport_location_to_widget_coords (viewport, widget, name->latitude,
                                                  name->longitude, &wx, &wy);
      if (wx < 0 || wy < 0 || wx > width || wy > height)
        continue;
      layouts[n] = get_story_layout (self, name->text);
      texts[n] = name->text;
      pango_layout_get_pixel_size (layouts[n], &lw, &lh);
      l->anchor_x = wx;
      l->anchor_y = wy;
      l->anchor_radius = name->radius;
      l->width = lw;
      l->height = lh;
      l->priority = STORY_PRIORITY + name->priority;
      n++;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const DlBasemapLabel *label = &g_array_index (found, DlBasemapLabel, i);
      DlLabel *l = &labels[n];
      double lon, lat, wx, wy;
      int lw, lh;

      /* The story names its own Tripoli: the base map must not name another one. */
      if (label->is_city && gives_way_to_story (self, label))
        continue;
      dl_mercator_unproject (label->x, label->y, zoom, &lon, &lat);
      shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &wx, &wy);
      /* A name whose place is off the map would point at nothing. */
      if (wx < 0 || wy < 0 || wx > width || wy > height)
        continue;

      layouts[n] = get_layout (self, label, label_font_size (label, zoom));
      sources[n] = label;
      texts[n] = label->text;
      pango_layout_get_pixel_size (layouts[n], &lw, &lh);
      l->anchor_x = wx;
      l->anchor_y = wy;
      l->anchor_radius = label->is_city ? CITY_DOT_RADIUS + 1.0 : 0.0;
      l->width = lw;
      l->height = lh;
      l->centered = !label->is_city;
      /* Close in, cities matter more than the country around them. */
      l->priority = label->importance + (label->is_city && zoom >= 6 ? 2.0 : 0.0);
      n++;
    }

  {
    g_autoptr(GArray) disc_array = g_array_sized_new (FALSE, TRUE, sizeof (DlLabelObstacle),
                                                      self->obstacles->len + 1);
    DlLabelObstacle *discs;

    g_array_set_size (disc_array, self->obstacles->len);
    discs = (DlLabelObstacle *) disc_array->data;
    for (guint i = 0; i < self->obstacles->len; i++)
      {
        const Obstacle *o = &g_array_index (self->obstacles, Obstacle, i);

        shumate_viewport_location_to_widget_coords (viewport, widget, o->latitude, o->longitude,
                                                    &discs[i].x, &discs[i].y);
        discs[i].radius = o->radius;
      }
    append_line_obstacles (self, disc_array, &bounds);
    discs = (DlLabelObstacle *) disc_array->data;
    /* A base-map city whose dot a marker covers is not drawn at all: its dot would peek
     * out from under the marker. */
    for (guint i = 0; i < n; i++)
      if (sources[i] != NULL && sources[i]->is_city)
        for (guint j = 0; j < self->obstacles->len; j++)
          if (hypot (labels[i].anchor_x - discs[j].x, labels[i].anchor_y - discs[j].y)
              < discs[j].radius + CITY_DOT_RADIUS)
            labels[i].width = 0;
    dl_label_place (labels, n, discs, disc_array->len, NULL, 0, &bounds, LABEL_GAP);
  }

  get_colors (self->style, &colors);
  for (guint i = 0; i < n; i++)
    {
      DlMapLabel placed = { NULL, labels[i].rect, sources[i] == NULL };

      if (!labels[i].placed)
        continue;
      /* copied only when it is placed and kept */
      placed.text = g_strdup (texts[i]);
      g_array_append_val (self->placed, placed);
      if (sources[i] == NULL)
        {
          append_label (snapshot, layouts[i], &labels[i].rect, &colors.story, &colors.halo);
          continue;
        }
      if (sources[i]->is_city)
        append_dot (snapshot, labels[i].anchor_x, labels[i].anchor_y, &colors.dot, &colors.halo);
      append_label (snapshot, layouts[i], &labels[i].rect,
                    sources[i]->is_city ? &colors.city : &colors.text, &colors.halo);
    }
}

static void
dl_label_layer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlLabelLayer *self = DL_LABEL_LAYER (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      g_value_set_int (value, self->style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_label_layer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlLabelLayer *self = DL_LABEL_LAYER (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      dl_label_layer_set_style (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_label_layer_constructed (GObject *object)
{
  DlLabelLayer *self = DL_LABEL_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (dl_label_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  if (viewport != NULL)
    g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
dl_label_layer_finalize (GObject *object)
{
  DlLabelLayer *self = DL_LABEL_LAYER (object);

  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->obstacles, g_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->line_radii, g_array_unref);
  g_clear_pointer (&self->names, g_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);

  G_OBJECT_CLASS (dl_label_layer_parent_class)->finalize (object);
}

static void
dl_label_layer_class_init (DlLabelLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dl_label_layer_constructed;
  object_class->finalize = dl_label_layer_finalize;
  object_class->get_property = dl_label_layer_get_property;
  object_class->set_property = dl_label_layer_set_property;
  widget_class->snapshot = dl_label_layer_snapshot;

  properties[PROP_STYLE] =
    g_param_spec_int ("style", NULL, NULL,
                      DL_BASEMAP_LIGHT, DL_BASEMAP_DARK, DL_BASEMAP_LIGHT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_label_layer_init (DlLabelLayer *self)
{
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->obstacles = g_array_new (FALSE, FALSE, sizeof (Obstacle));
  self->lines = g_ptr_array_new_with_free_func (g_object_unref);
  self->line_radii = g_array_new (FALSE, FALSE, sizeof (double));
  self->names = g_array_new (FALSE, FALSE, sizeof (StoryName));
  g_array_set_clear_func (self->names, story_name_clear);
  self->placed = g_array_new (FALSE, FALSE, sizeof (DlMapLabel));
  g_array_set_clear_func (self->placed, map_label_clear);
  self->show_basemap = TRUE;
  /* Names are decoration: clicks and drags go through to the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

DlLabelLayer *
dl_label_layer_new (ShumateViewport *viewport,
                    DlBasemapStyle   style)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (DL_TYPE_LABEL_LAYER, "viewport", viewport, "style", (int) style, NULL);
}

void
dl_label_layer_set_style (DlLabelLayer   *self,
                          DlBasemapStyle  style)
{
  g_return_if_fail (DL_IS_LABEL_LAYER (self));

  style = style == DL_BASEMAP_DARK ? DL_BASEMAP_DARK : DL_BASEMAP_LIGHT;
  if (self->style == style)
    return;
  self->style = style;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

void
dl_label_layer_set_obstacles (DlLabelLayer *self,
                              const double *latitudes,
                              const double *longitudes,
                              const double *radii,
                              guint         n_places)
{
  g_return_if_fail (DL_IS_LABEL_LAYER (self));
  g_return_if_fail (n_places == 0 || (latitudes != NULL && longitudes != NULL && radii != NULL));

  g_array_set_size (self->obstacles, 0);
  for (guint i = 0; i < n_places; i++)
    {
      Obstacle o = { latitudes[i], longitudes[i], radii[i] };

      g_array_append_val (self->obstacles, o);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * dl_label_layer_set_lines:
 * @lines: (array length=n_lines): line places
 * @radii: (array length=n_lines): half of each one's width and a margin, in pixels
 *
 * Lines no name may cross (a plain map's lines, drawn with no marker). Copied; 0 lines
 * clears them.
 */
void
dl_label_layer_set_lines (DlLabelLayer  *self,
                          DlPlace      **lines,
                          const double  *radii,
                          guint          n_lines)
{
  g_return_if_fail (DL_IS_LABEL_LAYER (self));
  g_return_if_fail (n_lines == 0 || (lines != NULL && radii != NULL));

  g_ptr_array_set_size (self->lines, 0);
  g_array_set_size (self->line_radii, 0);
  for (guint i = 0; i < n_lines; i++)
    {
      g_ptr_array_add (self->lines, g_object_ref (lines[i]));
      g_array_append_val (self->line_radii, radii[i]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * dl_label_layer_set_names:
 * @texts: (array length=n_places): the names
 * @priorities: (array length=n_places): higher is placed first (the number of events)
 *
 * The story's place names, drawn next to their markers (@radii) before any base-map name,
 * where they overlap nothing. Copied; 0 places clears them.
 */
void
dl_label_layer_set_names (DlLabelLayer       *self,
                          const char * const *texts,
                          const double       *latitudes,
                          const double       *longitudes,
                          const double       *radii,
                          const double       *priorities,
                          guint               n_places)
{
  g_return_if_fail (DL_IS_LABEL_LAYER (self));
  g_return_if_fail (n_places == 0 || (texts != NULL && latitudes != NULL
                                      && longitudes != NULL && radii != NULL
                                      && priorities != NULL));

  g_array_set_size (self->names, 0);
  for (guint i = 0; i < n_places; i++)
    {
      StoryName name = { g_strdup (texts[i]), latitudes[i], longitudes[i], radii[i],
                         priorities[i] };

      if (texts[i] == NULL || texts[i][0] == '\0')
        {
          g_free (name.text);
          continue;
        }
      g_array_append_val (self->names, name);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether the base map's own names are drawn (OpenStreetMap tiles carry theirs). */
void
dl_label_layer_set_show_basemap (DlLabelLayer *self,
                                 gboolean      show)
{
  g_return_if_fail (DL_IS_LABEL_LAYER (self));

  show = !!show;
  if (self->show_basemap == show)
    return;
  self->show_basemap = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * dl_label_layer_get_placed:
 *
 * Returns: (transfer none) (element-type DlMapLabel): the names the last frame drew, in
 *   widget coordinates
 */
GArray *
dl_label_layer_get_placed (DlLabelLayer *self)
{
  g_return_val_if_fail (DL_IS_LABEL_LAYER (self), NULL);

  return self->placed;
}
