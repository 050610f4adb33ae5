/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-place-search"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dl-place-search.h"

/* Results offered at once: a short list to read, not a catalogue. */
#define MAX_RESULTS 8
/* One letter matches tens of thousands of names: the list starts with the second. */
#define MIN_QUERY_CHARS 2

struct _DlPlaceSearch
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *entry;
  GtkPopover         *popover;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkStringList      *results;

  DlGazetteer        *gazetteer;  /* unowned: the embedded one lives as long as the app */
  GArray             *entries;    /* guint32 gazetteer index per result */
  char               *language;   /* of the user interface: "ar", "es", or NULL */
  gboolean            choosing;   /* the entry's text is being set to a chosen place */
};

G_DEFINE_FINAL_TYPE (DlPlaceSearch, dl_place_search, GTK_TYPE_WIDGET)

enum {
  PLACE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The known kinds of places, in the reader's language; others as the gazetteer has them. */
static const char *
kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } kinds[] = {
    { "capital", N_("capital") },
    { "city", N_("city") },
    { "country", N_("country") },
    { "territory", N_("territory") },
    { "region", N_("region") },
    { "island", N_("island") },
    { "mountains", N_("mountains") },
    { "desert", N_("desert") },
    { "lake", N_("lake") },
    { "sea", N_("sea") },
    { "river", N_("river") },
    { "continent", N_("continent") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return _(kinds[i].label);
  return kind;
}

/* 229398 as "229,398", with the locale's thousands separator (a comma in the C locale). */
static char *
format_population (guint64 population)
{
  const char *separator = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, population);
  GString *text = g_string_new (NULL);
  gsize n = strlen (digits);

  if (separator == NULL || *separator == '\0')
    separator = ",";
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/**
 * dl_place_search_describe:
 * @gazetteer: a gazetteer
 * @index: an entry of it
 * @language: (nullable): the reader's language ("ar", "es")
 *
 * Returns: (transfer full): what a result reads, e.g. "Tripoli — Lebanon · city · 229,398".
 */
char *
dl_place_search_describe (DlGazetteer *gazetteer,
                          guint32      index,
                          const char  *language)
{
  DlGazetteerEntry entry;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  const char *local = NULL;

  g_return_val_if_fail (gazetteer != NULL, NULL);

  if (!dl_gazetteer_get_entry (gazetteer, index, &entry))
    return g_strdup ("");

  if (language != NULL)
    local = dl_gazetteer_get_localized_name (gazetteer, index, language);
  /* An Arabic reader reads the line right to left (a right-to-left mark sets the
   * direction); the Latin name in it is isolated so that it keeps its own order. */
  if (g_strcmp0 (language, "ar") == 0)
    g_string_append (text, "\u200F");
  if (local != NULL && *local != '\0' && g_strcmp0 (local, entry.name) != 0)
    g_string_append_printf (text, "%s (\u2068%s\u2069)", local, entry.name);
  else
    g_string_append (text, entry.name);

  /* where: the region and country, unless the place is the country itself */
  if (entry.country_name != NULL && *entry.country_name != '\0' &&
      g_strcmp0 (entry.country_name, entry.name) != 0)
    {
      if (entry.admin1_name != NULL && *entry.admin1_name != '\0' &&
          g_strcmp0 (entry.admin1_name, entry.name) != 0 &&
          g_strcmp0 (entry.kind, "capital") != 0)
        g_ptr_array_add (details, g_strdup_printf ("%s, %s", entry.admin1_name,
                                                   entry.country_name));
      else
        g_ptr_array_add (details, g_strdup (entry.country_name));
    }
  if (entry.kind != NULL && *entry.kind != '\0')
    g_ptr_array_add (details, g_strdup (kind_label (entry.kind)));
  if (entry.population > 0)
    g_ptr_array_add (details, format_population (entry.population));

  for (guint i = 0; i < details->len; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? " — " : " · ",
                            (const char *) g_ptr_array_index (details, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static DlGazetteer *
ensure_gazetteer (DlPlaceSearch *self)
{
  if (self->gazetteer == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->gazetteer = dl_gazetteer_get_default (&error);
      if (self->gazetteer == NULL)
        g_warning ("No place search: %s", error->message);
    }
  return self->gazetteer;
}

static void
show_results (DlPlaceSearch *self,
              const char    *query)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  DlGazetteer *gazetteer = ensure_gazetteer (self);

  if (gazetteer != NULL && g_utf8_strlen (stripped, -1) >= MIN_QUERY_CHARS)
    found = dl_gazetteer_search (gazetteer, stripped, MAX_RESULTS);

  g_array_set_size (self->entries, 0);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      guint32 index = g_array_index (found, guint32, i);

      g_array_append_val (self->entries, index);
      g_ptr_array_add (lines, dl_place_search_describe (gazetteer, index, self->language));
    }
  g_ptr_array_add (lines, NULL);

  gtk_string_list_splice (self->results, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                          (const char * const *) lines->pdata);
  if (self->entries->len > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_popover_popup (self->popover);
    }
  else
    gtk_popover_popdown (self->popover);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   DlPlaceSearch  *self)
{
  if (self->choosing)
    return;
  show_results (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
entry_activate_cb (GtkSearchEntry *entry,
                   DlPlaceSearch  *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION && position < self->entries->len)
    dl_place_search_choose (self, position);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                DlPlaceSearch  *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
list_activate_cb (GtkListView   *list_view,
                  guint          position,
                  DlPlaceSearch *self)
{
  dl_place_search_choose (self, position);
}

/* Up and Down move through the results while the typing stays in the entry. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DlPlaceSearch         *self)
{
  guint n = self->entries->len;
  guint position = gtk_single_selection_get_selected (self->selection);
  int step;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return FALSE;

  if (n == 0)
    return FALSE;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      gtk_popover_popup (self->popover);
      return TRUE;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    position = step > 0 ? n - 1 : 0;
  position = (position + n + step) % n;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);
  return TRUE;
}

static gboolean
focus_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  DlPlaceSearch *self = DL_PLACE_SEARCH (widget);

  if (!gtk_widget_is_drawable (widget))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  return TRUE;
}

static void
dl_place_search_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DlPlaceSearch *self = DL_PLACE_SEARCH (widget);

  gtk_widget_measure (GTK_WIDGET (self->entry), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
dl_place_search_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DlPlaceSearch *self = DL_PLACE_SEARCH (widget);

  gtk_widget_allocate (GTK_WIDGET (self->entry), width, height, baseline, NULL);
  gtk_popover_present (self->popover);
}

static void
dl_place_search_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  DlPlaceSearch *self = DL_PLACE_SEARCH (widget);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->entry), snapshot);
}

static gboolean
dl_place_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (DL_PLACE_SEARCH (widget)->entry));
}

static void
dl_place_search_dispose (GObject *object)
{
  DlPlaceSearch *self = DL_PLACE_SEARCH (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PLACE_SEARCH);

  G_OBJECT_CLASS (dl_place_search_parent_class)->dispose (object);
}

static void
dl_place_search_finalize (GObject *object)
{
  DlPlaceSearch *self = DL_PLACE_SEARCH (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_free (self->language);

  G_OBJECT_CLASS (dl_place_search_parent_class)->finalize (object);
}

static void
dl_place_search_class_init (DlPlaceSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_place_search_dispose;
  object_class->finalize = dl_place_search_finalize;
  widget_class->measure = dl_place_search_measure;
  widget_class->size_allocate = dl_place_search_size_allocate;
  widget_class->snapshot = dl_place_search_snapshot;
  widget_class->grab_focus = dl_place_search_grab_focus;

  /**
   * DlPlaceSearch::place-chosen:
   * @self: the place search
   * @entry: the gazetteer index of the chosen place
   *
   * The user chose a place among the results.
   */
  signals[PLACE_CHOSEN] = g_signal_new ("place-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-place-search.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPlaceSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceSearch, list_view);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceSearch, popover);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceSearch, results);
  gtk_widget_class_bind_template_child (widget_class, DlPlaceSearch, selection);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_set_css_name (widget_class, "dl-place-search");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
}

static void
dl_place_search_init (DlPlaceSearch *self)
{
  const char * const *languages = g_get_language_names ();
  GtkEventController *keys;
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* The reader's language, for the names of places in it. */
  if (languages != NULL && languages[0] != NULL)
    {
      g_autofree char *primary = g_strndup (languages[0], strcspn (languages[0], "_.@-"));

      if (g_str_equal (primary, "ar") || g_str_equal (primary, "es"))
        self->language = g_steal_pointer (&primary);
    }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  /* Ctrl+L, from anywhere in the window */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, GDK_CONTROL_MASK),
                               gtk_callback_action_new (focus_shortcut_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
dl_place_search_new (void)
{
  return g_object_new (DL_TYPE_PLACE_SEARCH, NULL);
}

void
dl_place_search_set_gazetteer (DlPlaceSearch *self,
                               DlGazetteer   *gazetteer)
{
  g_return_if_fail (DL_IS_PLACE_SEARCH (self));

  self->gazetteer = gazetteer;
  show_results (self, "");
}

DlGazetteer *
dl_place_search_get_gazetteer (DlPlaceSearch *self)
{
  g_return_val_if_fail (DL_IS_PLACE_SEARCH (self), NULL);

  return ensure_gazetteer (self);
}

GtkEditable *
dl_place_search_get_entry (DlPlaceSearch *self)
{
  g_return_val_if_fail (DL_IS_PLACE_SEARCH (self), NULL);

  return GTK_EDITABLE (self->entry);
}

GListModel *
dl_place_search_get_results (DlPlaceSearch *self)
{
  g_return_val_if_fail (DL_IS_PLACE_SEARCH (self), NULL);

  return G_LIST_MODEL (self->results);
}

guint32
dl_place_search_get_result_entry (DlPlaceSearch *self,
                                  guint          position)
{
  g_return_val_if_fail (DL_IS_PLACE_SEARCH (self), 0);
  g_return_val_if_fail (position < self->entries->len, 0);

  return g_array_index (self->entries, guint32, position);
}

void
dl_place_search_choose (DlPlaceSearch *self,
                        guint          position)
{
  DlGazetteerEntry entry;
  guint32 index;

  g_return_if_fail (DL_IS_PLACE_SEARCH (self));
  g_return_if_fail (position < self->entries->len);

  index = g_array_index (self->entries, guint32, position);
  gtk_popover_popdown (self->popover);
  if (self->gazetteer != NULL && dl_gazetteer_get_entry (self->gazetteer, index, &entry))
    {
      self->choosing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), entry.name);
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
      self->choosing = FALSE;
    }
  g_signal_emit (self, signals[PLACE_CHOSEN], 0, (guint) index);
}
