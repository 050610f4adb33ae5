/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dl-actor-chips"

#include "config.h"

#include "dl-actor-chip.h"
#include "dl-actor-chips.h"

#define SPACING 4
#define CHIP_MARGIN 3

struct _DlActorChips
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (DlActorChips, dl_actor_chips, GTK_TYPE_WIDGET)

/* Lays the chips out in lines @width wide, each chip as wide as its name up to the whole
 * line; with @allocate, also places them (from the right in right-to-left). Returns the
 * height of all the lines. */
static int
flow (DlActorChips *self,
      int           width,
      gboolean      allocate)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  GtkWidget *line_start = gtk_widget_get_first_child (GTK_WIDGET (self));
  int y = 0;

  while (line_start != NULL)
    {
      GtkWidget *child, *line_end;
      int x = 0, line_height = 0;

      /* the chips that fit on this line: at least one */
      for (child = line_start; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int nat, chip_width, chip_height;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
          chip_width = MIN (nat, width);
          if (x > 0 && x + chip_width > width)
            break;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, chip_width, NULL, &chip_height,
                              NULL, NULL);
          line_height = MAX (line_height, chip_height);
          x += chip_width + SPACING;
        }
      line_end = child;

      if (allocate)
        {
          x = 0;
          for (child = line_start; child != line_end; child = gtk_widget_get_next_sibling (child))
            {
              int nat, chip_width;

              if (!gtk_widget_get_visible (child))
                continue;
              gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL,
                                  NULL);
              chip_width = MIN (nat, width);
              gtk_widget_size_allocate (child,
                                        &(GtkAllocation) { rtl ? width - x - chip_width : x, y,
                                                           chip_width, line_height },
                                        -1);
              x += chip_width + SPACING;
            }
        }
      if (line_height > 0)
        y += line_height + SPACING;
      line_start = line_end;
    }
  return MAX (y - SPACING, 0);
}

static void
dl_actor_chips_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  DlActorChips *self = DL_ACTOR_CHIPS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += (*natural > 0 ? SPACING : 0) + nat;
        }
      return;
    }
  *minimum = *natural = flow (self, for_size >= 0 ? for_size : G_MAXINT / 2, FALSE);
}

static void
dl_actor_chips_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  flow (DL_ACTOR_CHIPS (widget), width, TRUE);
}

static GtkSizeRequestMode
dl_actor_chips_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dl_actor_chips_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dl_actor_chips_parent_class)->dispose (object);
}

static void
dl_actor_chips_class_init (DlActorChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_actor_chips_dispose;
  widget_class->measure = dl_actor_chips_measure;
  widget_class->size_allocate = dl_actor_chips_size_allocate;
  widget_class->get_request_mode = dl_actor_chips_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "dl-actor-chips");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dl_actor_chips_init (DlActorChips *self)
{
}

GtkWidget *
dl_actor_chips_new (void)
{
  return g_object_new (DL_TYPE_ACTOR_CHIPS, NULL);
}

void
dl_actor_chips_set (DlActorChips  *self,
                    guint          n_actors,
                    DlActor      **actors,
                    const char   **roles)
{
  GtkWidget *child;
  guint i = 0;

  g_return_if_fail (DL_IS_ACTOR_CHIPS (self));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL && i < n_actors;
       child = gtk_widget_get_next_sibling (child), i++)
    dl_actor_chip_set_actor (child, actors[i], roles[i]);
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_widget_unparent (child);
      child = next;
    }
  for (; i < n_actors; i++)
    {
      GtkWidget *chip = dl_actor_chip_new (actors[i], roles[i]);

      /* the room a GtkFlowBox gave each chip (Adwaita pads its children by 3 pixels) */
      gtk_widget_set_margin_start (chip, CHIP_MARGIN);
      gtk_widget_set_margin_end (chip, CHIP_MARGIN);
      gtk_widget_set_margin_top (chip, CHIP_MARGIN);
      gtk_widget_set_margin_bottom (chip, CHIP_MARGIN);
      gtk_widget_insert_before (chip, GTK_WIDGET (self), NULL);
    }
}
