/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-map-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-map-legend.h"

#define SWATCH_SIZE 12

struct _DlMapLegend
{
  GtkWidget  parent_instance;

  GtkWidget *expander;
  GtkWidget *rows;
  GPtrArray *actors;  /* DlActor */
};

G_DEFINE_FINAL_TYPE (DlMapLegend, dl_map_legend, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  DlActor *actor = user_data;
  double r, g, b;

  dl_actor_get_rgb (actor, &r, &g, &b);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill_preserve (cr);
  /* A white rim, as the markers have, so that dark colours read on a dark card. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
}

static GtkWidget *
row_new (DlActor *actor)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (dl_actor_get_name (actor));

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_object_ref (actor), g_object_unref);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

static void
dl_map_legend_dispose (GObject *object)
{
  DlMapLegend *self = DL_MAP_LEGEND (object);

  g_clear_pointer (&self->expander, gtk_widget_unparent);
  g_clear_pointer (&self->actors, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_map_legend_parent_class)->dispose (object);
}

static void
dl_map_legend_class_init (DlMapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_map_legend_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dl-map-legend");
}

static void
dl_map_legend_init (DlMapLegend *self)
{
  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->rows, 4);
  /* TRANSLATORS: the key to the map's colours */
  self->expander = gtk_expander_new (_("Legend"));
  /* Folded until asked for: open, it would cover the markers of the map's corner. */
  gtk_expander_set_expanded (GTK_EXPANDER (self->expander), FALSE);
  gtk_expander_set_child (GTK_EXPANDER (self->expander), self->rows);
  gtk_widget_set_tooltip_text (self->expander, _("The colours of the markers: who acts there"));
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "dl-legend");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
dl_map_legend_new (void)
{
  return g_object_new (DL_TYPE_MAP_LEGEND, NULL);
}

/**
 * dl_map_legend_set_actors:
 * @actors: (element-type DlActor): the actors whose colours the map shows, in order
 *
 * Lists @actors; the legend hides itself when there is none.
 */
void
dl_map_legend_set_actors (DlMapLegend *self,
                          GPtrArray   *actors)
{
  GtkWidget *child;
  gboolean same;

  g_return_if_fail (DL_IS_MAP_LEGEND (self));
  g_return_if_fail (actors != NULL);

  same = actors->len == self->actors->len;
  for (guint i = 0; same && i < actors->len; i++)
    same = actors->pdata[i] == self->actors->pdata[i];
  if (same)
    return;

  g_ptr_array_set_size (self->actors, 0);
  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
  for (guint i = 0; i < actors->len; i++)
    {
      g_ptr_array_add (self->actors, g_object_ref (actors->pdata[i]));
      gtk_box_append (GTK_BOX (self->rows), row_new (actors->pdata[i]));
    }
  gtk_widget_set_visible (GTK_WIDGET (self), actors->len > 0);
}

char *
dl_map_legend_dup_names (DlMapLegend *self)
{
  GString *names = g_string_new (NULL);

  g_return_val_if_fail (DL_IS_MAP_LEGEND (self), NULL);

  for (guint i = 0; i < self->actors->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "\n" : "",
                            dl_actor_get_name (self->actors->pdata[i]));
  return g_string_free (names, FALSE);
}

GtkExpander *
dl_map_legend_get_expander (DlMapLegend *self)
{
  g_return_val_if_fail (DL_IS_MAP_LEGEND (self), NULL);

  return GTK_EXPANDER (self->expander);
}
