/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-member-chooser"

#include "config.h"

#include <string.h>

#include "dl-filter.h"
#include "dl-member-chooser.h"

struct _DlMemberChooser
{
  GtkPopover          parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *empty_label;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *query;      /* dl_text_fold() of the search, or NULL */
  DlMemberSkipFunc    skip;
  gpointer            skip_data;
};

G_DEFINE_FINAL_TYPE (DlMemberChooser, dl_member_chooser, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
item_name (gpointer item)
{
  char *name = NULL;

  g_object_get (item, "name", &name, NULL);
  return name;
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  DlMemberChooser *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;

  if (self->skip != NULL && self->skip (item, self->skip_data))
    return FALSE;
  if (self->query == NULL)
    return TRUE;
  name = item_name (item);
  folded = dl_text_fold (name != NULL ? name : "");
  return strstr (folded, self->query) != NULL;
}

static void
update_empty (DlMemberChooser *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
}

static void
choose (DlMemberChooser *self,
        guint            position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, item);
}

static void
search_changed_cb (DlMemberChooser *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (
                                                   GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->query, g_free);
  if (query[0] != '\0')
    self->query = dl_text_fold (query);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_activate_cb (DlMemberChooser *self)
{
  choose (self, 0);
}

static void
stop_search_cb (DlMemberChooser *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
row_activated_cb (DlMemberChooser *self,
                  guint            position)
{
  choose (self, position);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  g_autofree char *name = item_name (gtk_list_item_get_item (list_item));

  /* a story's names are text, never markup */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      name != NULL ? name : "");
}

static void
dl_member_chooser_show (GtkWidget *widget)
{
  DlMemberChooser *self = DL_MEMBER_CHOOSER (widget);

  /* each time it opens: the whole list, the cursor in the search */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
  GTK_WIDGET_CLASS (dl_member_chooser_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
dl_member_chooser_dispose (GObject *object)
{
  DlMemberChooser *self = DL_MEMBER_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_MEMBER_CHOOSER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (dl_member_chooser_parent_class)->dispose (object);
}

static void
dl_member_chooser_class_init (DlMemberChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_member_chooser_dispose;
  widget_class->show = dl_member_chooser_show;

  /**
   * DlMemberChooser::chosen:
   * @item: the place or actor chosen
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/dl-member-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, DlMemberChooser, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DlMemberChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, DlMemberChooser, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
dl_member_chooser_init (DlMemberChooser *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);
}

DlMemberChooser *
dl_member_chooser_new (const char *placeholder)
{
  DlMemberChooser *self = g_object_new (DL_TYPE_MEMBER_CHOOSER, NULL);

  g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  return self;
}

void
dl_member_chooser_set_items (DlMemberChooser  *self,
                             GListModel       *items,
                             DlMemberSkipFunc  skip,
                             gpointer          user_data)
{
  g_return_if_fail (DL_IS_MEMBER_CHOOSER (self));
  g_return_if_fail (items == NULL || G_IS_LIST_MODEL (items));

  self->skip = skip;
  self->skip_data = user_data;
  gtk_filter_list_model_set_model (self->filtered, items);
  dl_member_chooser_refilter (self);
}

void
dl_member_chooser_refilter (DlMemberChooser *self)
{
  g_return_if_fail (DL_IS_MEMBER_CHOOSER (self));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

GtkEditable *
dl_member_chooser_get_entry (DlMemberChooser *self)
{
  g_return_val_if_fail (DL_IS_MEMBER_CHOOSER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
dl_member_chooser_get_list_view (DlMemberChooser *self)
{
  g_return_val_if_fail (DL_IS_MEMBER_CHOOSER (self), NULL);

  return self->list_view;
}

GListModel *
dl_member_chooser_get_shown (DlMemberChooser *self)
{
  g_return_val_if_fail (DL_IS_MEMBER_CHOOSER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}
