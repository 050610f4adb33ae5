/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *dl_about_window_new (GtkWindow *parent);
void       dl_about_present    (GtkWindow *parent);

G_END_DECLS
