/* draw_text.c - see draw-int.h: measured text and lines in curses cells. */
#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "draw-int.h"
#include "text.h"
#include "util.h"

/*
 * A character cell with attributes a.  setcchar() takes the colour pair
 * apart from the attributes and a pair of 0 would reset the colour the
 * role's attributes carry (COLOR_PAIR bits), so it is passed on here.
 */
static void cell(cchar_t *cc, const wchar_t *s, attr_t a)
{
	setcchar(cc, s, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}

/* One character at (y, x). */
static void put_wch(int y, int x, wchar_t wc, attr_t a)
{
	cchar_t cc;
	wchar_t s[2] = { wc, 0 };

	cell(&cc, s, a);
	mvadd_wch(y, x, &cc);
}

int draw_text(const struct ps_term *t, int y, int x, int maxw, const char *text, size_t len,
	      const unsigned char *roles, attr_t attr)
{
	size_t i = 0;
	int col = 0;

	while (i < len && col < maxw) {
		wchar_t wc;
		size_t n;
		int w = text_char(text + i, len - i, &wc, &n);
		attr_t a = roles ? (attr_t)t->attr[roles[i]] : attr;
		if (col + w > maxw || (col + w == maxw && i + n < len)) {
			/* no room for this character and more: ellipsis in the last column */
			put_wch(y, x + maxw - 1, t->utf8 ? L'\u2026' : L'~', a);
			return maxw;
		}
		if (w > 0)
			put_wch(y, x + col, wc, a);
		col += w;
		i += n;
	}
	return col;
}

void draw_fill(const struct ps_term *t, int y, int x, int w, enum ps_role role)
{
	attr_t a = (attr_t)t->attr[role];
	int i;

	attron(a);
	for (i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
	attroff(a);
}

void draw_str(const struct ps_term *t, int y, int x, int maxw, const char *s, enum ps_role role)
{
	draw_text(t, y, x, maxw, s, strlen(s), NULL, (attr_t)t->attr[role]);
}

static void line_glyph(const struct ps_term *t, int y, int x, wchar_t uni, chtype acs,
		       enum ps_role role)
{
	attr_t a = (attr_t)t->attr[role];

	if (t->utf8)
		put_wch(y, x, uni, a);
	else
		mvaddch(y, x, acs | a);
}

void draw_box(const struct ps_term *t, int x, int y, int w, int h)
{
	int i;

	if (w < 2 || h < 2)
		return;
	line_glyph(t, y, x, L'\u250c', ACS_ULCORNER, ROLE_BORDER);
	line_glyph(t, y, x + w - 1, L'\u2510', ACS_URCORNER, ROLE_BORDER);
	line_glyph(t, y + h - 1, x, L'\u2514', ACS_LLCORNER, ROLE_BORDER);
	line_glyph(t, y + h - 1, x + w - 1, L'\u2518', ACS_LRCORNER, ROLE_BORDER);
	for (i = 1; i < w - 1; i++) {
		line_glyph(t, y, x + i, L'\u2500', ACS_HLINE, ROLE_BORDER);
		line_glyph(t, y + h - 1, x + i, L'\u2500', ACS_HLINE, ROLE_BORDER);
	}
	for (i = 1; i < h - 1; i++) {
		line_glyph(t, y + i, x, L'\u2502', ACS_VLINE, ROLE_BORDER);
		line_glyph(t, y + i, x + w - 1, L'\u2502', ACS_VLINE, ROLE_BORDER);
	}
}

size_t draw_elide_middle(const struct ps_term *t, const char *text, size_t len,
			 const unsigned char *roles, size_t from, int maxw, char *out,
			 unsigned char *out_roles)
{
	const char *ell = t->utf8 ? "\xe2\x80\xa6" : "~";
	size_t ell_len = strlen(ell), head, tail, k;
	int budget, head_cols, tail_cols;

	if (!from || from >= len || text_cols(text, len) <= maxw)
		return 0;
	budget = maxw - text_cols(text, from) - 1;
	if (budget < 8)
		return 0;
	/* the end says more about a path than its middle: it gets 3/5 */
	tail_cols = budget * 3 / 5;
	head_cols = budget - tail_cols;
	head = from + text_fit(text + from, len - from, head_cols);
	/* the shortest end that starts on a character and fits tail_cols */
	for (tail = head; tail < len; tail++) {
		if (((unsigned char)text[tail] & 0xc0) == 0x80)
			continue;
		if (text_cols(text + tail, len - tail) <= tail_cols)
			break;
	}
	memcpy(out, text, head);
	memcpy(out + head, ell, ell_len);
	memcpy(out + head + ell_len, text + tail, len - tail);
	if (roles && out_roles) {
		memcpy(out_roles, roles, head);
		for (k = 0; k < ell_len; k++)
			out_roles[head + k] = roles[head < len ? head : len - 1];
		memcpy(out_roles + head + ell_len, roles + tail, len - tail);
	}
	return head + ell_len + (len - tail);
}

void draw_wrapped(const struct ps_term *t, int y, int x, int w, int lines, const char *text,
		  enum ps_role role)
{
	struct ps_strv wrapped;
	struct ps_buf last;
	size_t l;

	ps_strv_init(&wrapped);
	text_wrap(text, w, 0, &wrapped);
	for (l = 0; l < wrapped.n && l < (size_t)lines; l++) {
		const char *line = wrapped.v[l];
		if (l == (size_t)lines - 1 && l + 1 < wrapped.n) {
			/* the rest does not fit: run it on so the ellipsis shows */
			ps_buf_init(&last);
			ps_buf_adds(&last, line);
			ps_buf_adds(&last, " ");
			ps_buf_adds(&last, wrapped.v[l + 1]);
			xbuf_check(&last);
			draw_text(t, y + (int)l, x, w, last.s, last.len, NULL, (attr_t)t->attr[role]);
			ps_buf_release(&last);
		} else {
			draw_str(t, y + (int)l, x, w, line, role);
		}
	}
	ps_strv_release(&wrapped);
}
