/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-details"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-place-details.h"
#include "dl-place-properties.h"

/* Values longer than this are cut: a popover is not a reader for a whole file. */
#define MAX_VALUE_CHARS 600

static GtkWidget *
text_label_new (const char *text,
                int         max_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* plain text: a file's "<b>" is shown as written */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* selectable labels take focus; the popover's buttons come first */
  gtk_widget_set_focusable (label, FALSE);
  return label;
}

static GtkWidget *
properties_table_new (GPtrArray *properties)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (grid, "dl-place-properties");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Properties"), -1);
  for (guint i = 0; i < properties->len; i++)
    {
      DlPlaceProperty *property = properties->pdata[i];
      g_autofree char *value = NULL;
      GtkWidget *key, *text;

      if (g_utf8_strlen (property->value, -1) > MAX_VALUE_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (property->value, 0, MAX_VALUE_CHARS);

          value = g_strconcat (cut, "…", NULL);
        }
      else
        value = g_strdup (property->value);

      key = text_label_new (property->key, 14);
      gtk_widget_add_css_class (key, "dim-label");
      gtk_widget_add_css_class (key, "caption-heading");
      text = text_label_new (value, 28);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      key, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), key, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), text, 1, (int) i, 1, 1);
    }
  return grid;
}

/**
 * dl_place_details_new:
 * @place: a place
 *
 * Returns: (transfer floating) (nullable): the place's properties and sources.
 */
GtkWidget *
dl_place_details_new (DlPlace *place)
{
  g_autoptr(GPtrArray) properties = NULL;
  const char *source;
  GtkWidget *box;

  g_return_val_if_fail (DL_IS_PLACE (place), NULL);

  properties = dl_place_list_properties (place);
  source = dl_place_get_source (place);
  if (properties->len == 0 && source == NULL)
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (box, "dl-place-details");
  if (properties->len > 0)
    gtk_box_append (GTK_BOX (box), properties_table_new (properties));
  if (source != NULL)
    {
      GtkWidget *expander = gtk_expander_new (_("Sources"));
      GtkWidget *label = text_label_new (source, 36);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_tooltip_text (expander,
                                   _("Where the place’s coordinates or outline come from"));
      gtk_expander_set_child (GTK_EXPANDER (expander), label);
      gtk_box_append (GTK_BOX (box), expander);
    }
  return box;
}
