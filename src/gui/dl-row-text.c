/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-row-text"

#include "config.h"

#include "dl-row-text.h"

#define MIN_WIDTH_CHARS 6

struct _DlRowText
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  gboolean     wrap;
  int          max_width_chars;
  int          line_width;     /* the text on one line, as last measured */
  int          line_height;    /* and its height */
  guint        line_serial;    /* the Pango context's serial then; 0: not measured */
  int          wrap_width;     /* the width a wrapped text was last given, or 0 */
};

G_DEFINE_FINAL_TYPE (DlRowText, dl_row_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_WRAP,
  PROP_MAX_WIDTH_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The width of a character in a font, as GtkLabel counts it, asked of Pango once per font:
 * Pango shapes a sample text each time it is asked. */
static int
char_pixels (GtkWidget *widget)
{
  static GHashTable *widths;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_context_get_font_description (context);
  gpointer cached;
  PangoFontMetrics *metrics;
  int width;

  if (widths == NULL)
    widths = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                    (GEqualFunc) pango_font_description_equal,
                                    (GDestroyNotify) pango_font_description_free, NULL);
  cached = g_hash_table_lookup (widths, font);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached);

  metrics = pango_context_get_metrics (context, font, NULL);
  width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
               pango_font_metrics_get_approximate_digit_width (metrics));
  width = MAX (PANGO_PIXELS_CEIL (width), 1);
  pango_font_metrics_unref (metrics);
  g_hash_table_insert (widths, pango_font_description_copy (font), GINT_TO_POINTER (width));
  return width;
}

static void
update_alignment (DlRowText *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (self->layout != NULL)
    pango_layout_set_alignment (self->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static PangoLayout *
get_layout (DlRowText *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      if (self->wrap)
        pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      else
        pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      update_alignment (self);
    }
  return self->layout;
}

/* The layout's width in pixels with no limit: the text on one line. */
static int
unlimited_width (DlRowText *self)
{
  PangoLayout *layout = get_layout (self);

  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &self->line_width, &self->line_height);
  self->line_serial = pango_context_get_serial (pango_layout_get_context (layout));
  return self->line_width;
}

/* Whether the text fits @width with no line wrapped (its own line breaks kept). A wrapped
 * row text is then laid out with no width, once for every width it is asked about: a list
 * row showing another event is measured at two or three widths in a frame, and each new
 * width laid it out (shaped the text) again. */
static gboolean
fits_unwrapped (DlRowText *self,
               int        width)
{
  PangoLayout *layout = get_layout (self);

  if (self->line_serial == 0
      || self->line_serial != pango_context_get_serial (pango_layout_get_context (layout)))
    unlimited_width (self);
  return self->line_width <= width;
}

static void
dl_row_text_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  DlRowText *self = DL_ROW_TEXT (widget);
  PangoLayout *layout;
  int chars, width, height;

  if (self->text == NULL || self->text[0] == '\0')
    {
      *minimum = *natural = 0;
      return;
    }
  chars = char_pixels (widget);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (self->wrap)
        {
          *natural = chars * MAX (self->max_width_chars, MIN_WIDTH_CHARS);
          *minimum = chars * MIN_WIDTH_CHARS;
        }
      else
        {
          *natural = unlimited_width (self);
          *minimum = MIN (*natural, chars * 3);
        }
      return;
    }

  layout = get_layout (self);
  if (self->wrap)
    {
      /* With no width to fit, the width it was last given: the window asks each frame for
       * its whole tree's size at no width, then lays out the list at its width, and the
       * text of a row that shows another event would be wrapped twice, at two widths. */
      if (for_size >= 0)
        width = for_size;
      else if (self->wrap_width > 0)
        width = self->wrap_width;
      else
        width = chars * MAX (self->max_width_chars, MIN_WIDTH_CHARS);
      if (fits_unwrapped (self, width))
        {
          *minimum = *natural = self->line_height;
          return;
        }
      pango_layout_set_width (layout, width * PANGO_SCALE);
    }
  /* an ellipsized line has the same height at any width */
  pango_layout_get_pixel_size (layout, NULL, &height);
  *minimum = *natural = height;
}

static void
dl_row_text_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  DlRowText *self = DL_ROW_TEXT (widget);

  if (self->text == NULL || self->text[0] == '\0')
    return;
  if (self->wrap)
    {
      self->wrap_width = width;
      pango_layout_set_width (get_layout (self),
                              fits_unwrapped (self, width) ? -1 : width * PANGO_SCALE);
    }
  else
    {
      /* laid out again only when it does not fit */
      pango_layout_set_width (get_layout (self),
                              self->line_width > width ? width * PANGO_SCALE : -1);
    }
}

static void
dl_row_text_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  DlRowText *self = DL_ROW_TEXT (widget);
  PangoRectangle logical;
  GdkRGBA color;
  int x;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  /* As GtkLabel places its text: the lines' box at the start of the row (the right edge
   * right to left), the lines aligned inside it by their paragraph's direction. */
  pango_layout_get_pixel_extents (get_layout (self), NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (widget) - logical.width - logical.x;
  else
    x = -logical.x;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
  gtk_snapshot_append_layout (snapshot, get_layout (self), &color);
  gtk_snapshot_restore (snapshot);
}

static void
dl_row_text_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  update_alignment (DL_ROW_TEXT (widget));
  gtk_widget_queue_draw (widget);
}

static GtkSizeRequestMode
dl_row_text_get_request_mode (GtkWidget *widget)
{
  return DL_ROW_TEXT (widget)->wrap ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                    : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
dl_row_text_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlRowText *self = DL_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_WRAP:
      g_value_set_boolean (value, self->wrap);
      break;
    case PROP_MAX_WIDTH_CHARS:
      g_value_set_int (value, self->max_width_chars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_row_text_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlRowText *self = DL_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      dl_row_text_set_text (self, g_value_get_string (value));
      break;
    case PROP_WRAP:
      self->wrap = g_value_get_boolean (value);
      g_clear_object (&self->layout);
      self->line_serial = 0;
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_MAX_WIDTH_CHARS:
      self->max_width_chars = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_row_text_finalize (GObject *object)
{
  DlRowText *self = DL_ROW_TEXT (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (dl_row_text_parent_class)->finalize (object);
}

static void
dl_row_text_class_init (DlRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dl_row_text_finalize;
  object_class->get_property = dl_row_text_get_property;
  object_class->set_property = dl_row_text_set_property;
  widget_class->measure = dl_row_text_measure;
  widget_class->size_allocate = dl_row_text_size_allocate;
  widget_class->snapshot = dl_row_text_snapshot;
  widget_class->direction_changed = dl_row_text_direction_changed;
  widget_class->get_request_mode = dl_row_text_get_request_mode;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, rw);
  properties[PROP_WRAP] = g_param_spec_boolean ("wrap", NULL, NULL, FALSE,
                                                rw | G_PARAM_CONSTRUCT);
  properties[PROP_MAX_WIDTH_CHARS] = g_param_spec_int ("max-width-chars", NULL, NULL,
                                                       0, G_MAXINT, 40, rw | G_PARAM_CONSTRUCT);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dl_row_text_init (DlRowText *self)
{
  self->max_width_chars = 40;
}

GtkWidget *
dl_row_text_new (gboolean wrap)
{
  return g_object_new (DL_TYPE_ROW_TEXT, "wrap", wrap, NULL);
}

void
dl_row_text_set_text (DlRowText  *self,
                      const char *text)
{
  g_return_if_fail (DL_IS_ROW_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  self->line_serial = 0;
  if (self->layout != NULL)
    {
      pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
      /* an ellipsized line is cut only where it does not fit */
      if (!self->wrap)
        pango_layout_set_width (self->layout, -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
dl_row_text_get_text (DlRowText *self)
{
  g_return_val_if_fail (DL_IS_ROW_TEXT (self), NULL);

  return self->text != NULL ? self->text : "";
}
