/*
 * draw-int.h - the curses text primitives the view's files share; private
 * to tui/draw*.c.  draw_text.c puts measured text in cells (wide
 * characters, ellipsis, a path elided in its middle, word-wrapped lines,
 * boxes); draw.c composes the screen from the model with them.  With
 * term.c these are the only files that call curses.
 */
#ifndef PS_TUI_DRAW_INT_H
#define PS_TUI_DRAW_INT_H

#include <curses.h>
#include <stddef.h>

#include "model.h"
#include "term.h"

/*
 * Draws UTF-8 text at (y, x) in at most maxw columns, one attribute per
 * byte (roles[i] for text[i], or attr for all when roles is NULL).
 * Measures with wcwidth; a byte that is not valid UTF-8 shows as '?'.
 * When the text does not fit, the last column shows an ellipsis.
 * Returns the columns used.
 */
int draw_text(const struct ps_term *t, int y, int x, int maxw, const char *text, size_t len,
	      const unsigned char *roles, attr_t attr);
/* A string in one role, cut at maxw columns. */
void draw_str(const struct ps_term *t, int y, int x, int maxw, const char *s, enum ps_role role);
/* w blank cells in role. */
void draw_fill(const struct ps_term *t, int y, int x, int w, enum ps_role role);
/* A box with Unicode lines on UTF-8 terminals, ACS (ASCII when unsupported) otherwise. */
void draw_box(const struct ps_term *t, int x, int y, int w, int h);
/*
 * A path too long for its row loses its middle: "/home/me/pr…/site-packages".
 * Rewrites text and roles (both len bytes, roles may be NULL) into out and
 * out_roles (at least len + 4 bytes) so that they fit maxw columns, keeping
 * the first `from` bytes whole.  Returns the new length, or 0 when the row
 * is cut at the end as usual (it fits, or the value has no room to lose).
 */
size_t draw_elide_middle(const struct ps_term *t, const char *text, size_t len,
			 const unsigned char *roles, size_t from, int maxw, char *out,
			 unsigned char *out_roles);
/* Word-wraps text into the lines rows at (y, x), w columns wide; the last one ends in '…' if cut. */
void draw_wrapped(const struct ps_term *t, int y, int x, int w, int lines, const char *text,
		  enum ps_role role);

#endif /* PS_TUI_DRAW_INT_H */
