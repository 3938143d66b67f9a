/*
 * draw.h - paints the model on the curses screen.  It reads the model
 * and never changes it: everything it shows (rows, marks, cursor,
 * footers, status) was decided in the model (model.h).  draw.c composes
 * the screen; draw_text.c holds the cell-level text primitives
 * (draw-int.h).
 */
#ifndef PS_TUI_DRAW_H
#define PS_TUI_DRAW_H

#include "model.h"
#include "term.h"

/* Draws the whole screen (title, panes or help/diff, status or prompt) and refreshes it. */
void draw_screen(struct ps_model *m, const struct ps_term *t);

#endif /* PS_TUI_DRAW_H */
