/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actor-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-actor-chip.h"

/* Layouts kept for chips, at most: more are dropped all at once. */
#define MAX_SHARED 512

struct _DlActorChip
{
  GtkWidget    parent_instance;

  char        *text;       /* "● NAME" */
  char        *tooltip;    /* "NAME (ROLE)" */
  guint16      rgb[3];
  PangoLayout *shared;     /* the text on one line, shared with every chip showing it */
  PangoLayout *narrow;     /* wrapped to a width narrower than that line, rarely */
  guint        serial;     /* of the widget's Pango context when @shared was found */
};

G_DEFINE_FINAL_TYPE (DlActorChip, dl_actor_chip, GTK_TYPE_WIDGET)

/* The layouts of chips, by font, direction, colour and text. */
static GHashTable *shared_layouts;

static PangoLayout *
make_layout (DlActorChip *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr;

  /* The dot is a fixed prefix in the actor's colour; the name is never parsed as markup. */
  attr = pango_attr_foreground_new (self->rgb[0], self->rgb[1], self->rgb[2]);
  attr->start_index = 0;
  attr->end_index = strlen ("●");
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
forget_layouts (DlActorChip *self)
{
  g_clear_object (&self->shared);
  g_clear_object (&self->narrow);
}

static PangoLayout *
get_shared (DlActorChip *self)
{
  PangoContext *context;
  g_autofree char *font = NULL;
  char *key;

  /* another font (a larger text setting) takes other layouts */
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  if (self->shared != NULL && self->serial == pango_context_get_serial (context))
    return self->shared;
  forget_layouts (self);
  self->serial = pango_context_get_serial (context);
  font = pango_font_description_to_string (pango_context_get_font_description (context));
  key = g_strdup_printf ("%s\n%d\n%04x%04x%04x\n%s", font,
                         (int) pango_context_get_base_dir (context), self->rgb[0],
                         self->rgb[1], self->rgb[2], self->text);
  if (shared_layouts == NULL)
    shared_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->shared = g_hash_table_lookup (shared_layouts, key);
  if (self->shared == NULL)
    {
      if (g_hash_table_size (shared_layouts) >= MAX_SHARED)
        g_hash_table_remove_all (shared_layouts);
      self->shared = make_layout (self);
      g_hash_table_insert (shared_layouts, key, self->shared);
    }
  else
    g_free (key);
  g_object_ref (self->shared);
  return self->shared;
}

/* The chip's text wrapped to @width pixels, when its line is wider. */
static PangoLayout *
get_narrow (DlActorChip *self,
            int          width)
{
  if (self->narrow == NULL)
    {
      gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

      self->narrow = make_layout (self);
      pango_layout_set_wrap (self->narrow, PANGO_WRAP_WORD_CHAR);
      /* lines start where a label's would */
      pango_layout_set_alignment (self->narrow, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
  pango_layout_set_width (self->narrow, width * PANGO_SCALE);
  return self->narrow;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  DlActorChip *self = DL_ACTOR_CHIP (widget);

  if (self->tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

static void
dl_actor_chip_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DlActorChip *self = DL_ACTOR_CHIP (widget);
  int width, height;

  if (self->text == NULL)
    {
      *minimum = *natural = 0;
      return;
    }
  pango_layout_get_pixel_size (get_shared (self), &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* a name longer than the row wraps inside its chip, down to the dot and a letter */
      *natural = width;
      *minimum = MIN (width, 2 * height);
    }
  else if (for_size >= 0 && for_size < width)
    {
      pango_layout_get_pixel_size (get_narrow (self, for_size), NULL, &height);
      *minimum = *natural = height;
    }
  else
    *minimum = *natural = height;
}

static void
dl_actor_chip_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DlActorChip *self = DL_ACTOR_CHIP (widget);
  int line_width;

  if (self->text == NULL)
    return;
  pango_layout_get_pixel_size (get_shared (self), &line_width, NULL);
  if (width < line_width)
    get_narrow (self, width);
  else
    g_clear_object (&self->narrow);
}

static void
dl_actor_chip_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DlActorChip *self = DL_ACTOR_CHIP (widget);
  GdkRGBA color;

  if (self->text == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_append_layout (snapshot, self->narrow != NULL ? self->narrow : get_shared (self),
                              &color);
}

static GtkSizeRequestMode
dl_actor_chip_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dl_actor_chip_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  forget_layouts (DL_ACTOR_CHIP (widget));
  gtk_widget_queue_resize (widget);
}

static void
dl_actor_chip_finalize (GObject *object)
{
  DlActorChip *self = DL_ACTOR_CHIP (object);

  forget_layouts (self);
  g_free (self->text);
  g_free (self->tooltip);

  G_OBJECT_CLASS (dl_actor_chip_parent_class)->finalize (object);
}

static void
dl_actor_chip_class_init (DlActorChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dl_actor_chip_finalize;
  widget_class->measure = dl_actor_chip_measure;
  widget_class->size_allocate = dl_actor_chip_size_allocate;
  widget_class->snapshot = dl_actor_chip_snapshot;
  widget_class->get_request_mode = dl_actor_chip_get_request_mode;
  widget_class->direction_changed = dl_actor_chip_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dl_actor_chip_init (DlActorChip *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "actor-chip");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  /* asked for when shown: setting a tooltip costs a round trip to the display */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
dl_actor_chip_new (DlActor    *actor,
                   const char *role)
{
  GtkWidget *chip;

  g_return_val_if_fail (DL_IS_ACTOR (actor), NULL);

  chip = g_object_new (DL_TYPE_ACTOR_CHIP, NULL);
  dl_actor_chip_set_actor (chip, actor, role);
  return chip;
}

void
dl_actor_chip_set_actor (GtkWidget  *chip,
                         DlActor    *actor,
                         const char *role)
{
  DlActorChip *self = DL_ACTOR_CHIP (chip);
  g_autofree char *text = NULL;
  char *tooltip;
  double r, g, b;
  guint16 rgb[3];

  g_return_if_fail (DL_IS_ACTOR_CHIP (chip));
  g_return_if_fail (DL_IS_ACTOR (actor));

  text = g_strconcat ("● ", dl_actor_get_name (actor), NULL);
  dl_actor_get_rgb (actor, &r, &g, &b);
  rgb[0] = (guint16) (r * 65535);
  rgb[1] = (guint16) (g * 65535);
  rgb[2] = (guint16) (b * 65535);
  if (role != NULL && role[0] != '\0')
    /* TRANSLATORS: tooltip of an actor chip: actor name and its role in the event */
    tooltip = g_strdup_printf (_("%s (%s)"), dl_actor_get_name (actor), role);
  else
    tooltip = g_strdup (dl_actor_get_name (actor));

  if (g_strcmp0 (tooltip, self->tooltip) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      g_free (self->tooltip);
      self->tooltip = tooltip;
    }
  else
    g_free (tooltip);
  if (g_strcmp0 (text, self->text) == 0 && memcmp (rgb, self->rgb, sizeof rgb) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  memcpy (self->rgb, rgb, sizeof rgb);
  forget_layouts (self);
  gtk_widget_queue_resize (chip);
}

const char *
dl_actor_chip_get_text (DlActorChip *self)
{
  g_return_val_if_fail (DL_IS_ACTOR_CHIP (self), NULL);

  return self->text;
}
