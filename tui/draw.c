/* draw.c - see draw.h.  With term.c, the only curses-heavy files. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "match.h"
#include "text.h"
#include "util.h"

#define MAX_SPANS 32

/*
 * A character cell with attributes a.  setcchar() takes the colour pair
 * apart from the attributes and a pair of 0 would reset the colour the
 * role's attributes carry (COLOR_PAIR bits), so it is passed on here.
 */
static void cell(cchar_t *cc, const wchar_t *s, attr_t a)
{
	setcchar(cc, s, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}

/*
 * Draws UTF-8 text at (y, x) in at most maxw columns, one attribute per
 * byte (roles[i] for text[i], or attr for all when roles is NULL).
 * Measures with wcwidth; a byte that is not valid UTF-8 shows as '?'.
 * When the text does not fit, the last column shows an ellipsis.
 * Returns the columns used.
 */
static int put_text(const struct ps_term *t, int y, int x, int maxw, const char *text, size_t len,
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
			cchar_t cc;
			wchar_t ell[2] = { t->utf8 ? L'\u2026' : L'~', 0 };
			cell(&cc, ell, a);
			mvadd_wch(y, x + maxw - 1, &cc);
			return maxw;
		}
		if (w > 0) {
			cchar_t cc;
			wchar_t s[2] = { wc, 0 };
			cell(&cc, s, a);
			mvadd_wch(y, x + col, &cc);
		}
		col += w;
		i += n;
	}
	return col;
}

static void fill(const struct ps_term *t, int y, int x, int w, enum ps_role role)
{
	attr_t a = (attr_t)t->attr[role];
	int i;

	attron(a);
	for (i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
	attroff(a);
}

static void put_str(const struct ps_term *t, int y, int x, int maxw, const char *s, enum ps_role role)
{
	put_text(t, y, x, maxw, s, strlen(s), NULL, (attr_t)t->attr[role]);
}

static void line_glyph(const struct ps_term *t, int y, int x, wchar_t uni, chtype acs,
		       enum ps_role role)
{
	attr_t a = (attr_t)t->attr[role];

	if (t->utf8) {
		cchar_t cc;
		wchar_t s[2] = { uni, 0 };
		cell(&cc, s, a);
		mvadd_wch(y, x, &cc);
	} else {
		mvaddch(y, x, acs | a);
	}
}

/* A box with Unicode lines on UTF-8 terminals, ACS (ASCII when unsupported) otherwise. */
static void draw_box(const struct ps_term *t, int x, int y, int w, int h)
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

static enum ps_role mark_role(char mark)
{
	switch (mark) {
	case '+': return ROLE_ADDED;
	case '~': return ROLE_CHANGED;
	case '-': return ROLE_REMOVED;
	case '*': return ROLE_OVERLAY;
	default: return ROLE_DEFAULT;
	}
}

/*
 * A path too long for its row loses its middle: "/home/me/pr…/site-packages".
 * Rewrites text and roles (both len bytes, roles may be NULL) into out and
 * out_roles (at least len + 4 bytes) so that they fit maxw columns, keeping
 * the first `from` bytes whole.  Returns the new length, or 0 when the row
 * is cut at the end as usual (it fits, or the value has no room to lose).
 */
static size_t elide_middle(const struct ps_term *t, const char *text, size_t len,
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

/* One row: mark column, label, text, search matches highlighted; the cursor row reversed. */
static void draw_row(struct ps_model *m, const struct ps_term *t, const struct ps_row *r, int y,
		     int x, int w, bool cursor, bool with_mark)
{
	const char *text = model_row_text(m, r);
	size_t len = strlen(text), i, k, n;
	unsigned char small[512], *roles = len <= sizeof(small) ? small : xmalloc(len);
	struct ps_span spans[MAX_SPANS];
	int used = 0;

	for (i = 0; i < len; i++)
		roles[i] = (unsigned char)(cursor ? ROLE_SELECTED : i < r->label_len ? r->label_role : r->role);
	n = match_all(m->match, text, len, spans, MAX_SPANS);
	for (k = 0; k < n; k++)
		for (i = spans[k].start; i < spans[k].end && i < len; i++)
			roles[i] = ROLE_MATCH;
	if (cursor)
		fill(t, y, x, w, ROLE_SELECTED);
	if (with_mark && w > 2) {
		char mk[2] = { r->mark, 0 };
		put_str(t, y, x, 1, mk, cursor ? ROLE_SELECTED : mark_role(r->mark));
		used = 2;
	}
	if (r->elide_from) {
		char *et = xmalloc(len + 4);
		unsigned char *er = xmalloc(len + 4);
		size_t elen = elide_middle(t, text, len, roles, r->elide_from, w - used, et, er);
		if (elen)
			put_text(t, y, x + used, w - used, et, elen, er, 0);
		free(et);
		free(er);
		if (elen)
			goto out;
	}
	put_text(t, y, x + used, w - used, text, len, roles, 0);
out:
	if (roles != small)
		free(roles);
}

/* Word-wraps text into the lines rows at (y, x), w columns wide; the last one ends in '…' if cut. */
static void draw_wrapped(const struct ps_term *t, int y, int x, int w, int lines, const char *text,
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
			put_text(t, y + (int)l, x, w, last.s, last.len, NULL, (attr_t)t->attr[role]);
			ps_buf_release(&last);
		} else {
			put_str(t, y + (int)l, x, w, line, role);
		}
	}
	ps_strv_release(&wrapped);
}

static void draw_pane(struct ps_model *m, const struct ps_term *t, struct ps_pane *p, bool focus,
		      bool text_view)
{
	char buf[96];
	size_t i;
	int tw;

	if (!p->shown)
		return;
	draw_box(t, p->bx, p->by, p->bw, p->bh);
	tw = p->bw - 4;
	if (tw > 0) {
		snprintf(buf, sizeof(buf), " %.60s ", p->title);
		if (!focus && !text_view) {
			/* how to get there: "3 trace ..." (the key from the key table) */
			enum ps_action a = p == &m->pane[PANE_INPUTS] ? ACT_PANE_INPUTS :
					   p == &m->pane[PANE_RESULT] ? ACT_PANE_RESULT : ACT_PANE_TRACE;
			char key[16];
			keymap_key_name(keymap_key_for(a, PS_CTX_PANES), key, sizeof(key));
			snprintf(buf, sizeof(buf), " %s: %.60s ", key, p->title);
		}
		put_str(t, p->by, p->bx + 2, tw, buf, focus ? ROLE_PANE_TITLE_FOCUS : ROLE_PANE_TITLE);
	}
	if (p->collapsed) {
		/* one line: what the pane holds and the key that opens it */
		if (p->summary && p->h > 0)
			put_str(t, p->y, p->x + 2, p->w - 2, p->summary, ROLE_DIM);
		return;
	}
	for (i = 0; i < (size_t)p->h && p->top + i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[p->top + i]];
		bool cursor = focus && !text_view && p->top + i == p->cur && r->selectable;
		draw_row(m, t, r, p->y + (int)i, p->x, p->w, cursor, !text_view);
	}
	if (!p->nvis && m->filter_on && p->h > 0) {
		snprintf(buf, sizeof(buf), "(no row matches /%.40s/)", match_pattern(m->match));
		put_str(t, p->y, p->x + 2, p->w - 2, buf, ROLE_DIM);
	}
	/* position on the bottom border when the rows do not all fit */
	if (p->nvis > (size_t)p->h && p->bw > 16) {
		int len = snprintf(buf, sizeof(buf), " %zu/%zu ", text_view ? p->top + 1 : p->cur + 1, p->nvis);
		put_str(t, p->by + p->bh - 1, p->bx + p->bw - 2 - len, len, buf, ROLE_BORDER);
	}
	if (p->footer_h > 0 && p->footer && !text_view)
		draw_wrapped(t, p->y + p->h, p->x, p->w, p->footer_h, p->footer,
			     focus ? ROLE_LABEL : ROLE_DIM);
}

static void draw_status(struct ps_model *m, const struct ps_term *t, int y, int w)
{
	char right[64];
	int rw = 0;

	if (m->prompt) {
		struct ps_buf b;
		int used;
		/* how to leave the prompt, on the right while the line leaves room */
		const char *keys = m->prompt == PROMPT_OVERWRITE ? "" : "  Enter ok  Esc cancel  C-u clear ";
		fill(t, y, 0, w, ROLE_DEFAULT);
		if (*keys && (int)(strlen(m->prompt_label) + m->prompt_buf.len + strlen(keys)) + 2 < w) {
			put_str(t, y, w - (int)strlen(keys), (int)strlen(keys), keys, ROLE_DIM);
			w -= (int)strlen(keys);
		}
		ps_buf_init(&b);
		ps_buf_adds(&b, m->prompt_label);
		ps_buf_adds(&b, m->prompt_buf.s);
		xbuf_check(&b);
		/* keep the end of a long line visible: that is where one types */
		{
			size_t off = 0;
			size_t len = b.len;
			while (len - off > (size_t)(w - 2) * 4 && off < len)
				off++;
			used = put_text(t, y, 0, w - 1, b.s + off, len - off, NULL,
					(attr_t)t->attr[ROLE_DEFAULT]);
		}
		ps_buf_release(&b);
		move(y, used < w ? used : w - 1);
		curs_set(1);
		return;
	}
	curs_set(0);
	fill(t, y, 0, w, m->status_error ? ROLE_STATUS_ERROR : ROLE_STATUS);
	if (m->have_result || m->resolves) {
		rw = snprintf(right, sizeof(right), " resolved in %.2f ms ", m->resolve_ms);
		/* an error or a long message gets the whole line: the time can wait */
		if (rw < w / 2 && !m->status_error && (int)strlen(m->status) + rw + 1 <= w)
			put_str(t, y, w - rw, rw, right, ROLE_STATUS);
		else
			rw = 0;
	}
	if (m->status[0]) {
		put_str(t, y, 1, w - rw - 2, m->status, m->status_error ? ROLE_STATUS_ERROR : ROLE_STATUS);
	} else {
		struct ps_buf b;
		ps_buf_init(&b);
		keymap_hint(m->view == VIEW_HELP ? PS_CTX_HELP : m->view == VIEW_DIFF ? PS_CTX_DIFF : 1u << m->focus,
			    (size_t)(w - rw - 2), &b);
		xbuf_check(&b);
		put_str(t, y, 1, w - rw - 2, b.s, ROLE_STATUS);
		ps_buf_release(&b);
	}
}

void draw_screen(struct ps_model *m, const struct ps_term *t)
{
	struct ps_buf title;
	int i;

	erase();
	if (m->too_small) {
		char msg[96];
		int len = snprintf(msg, sizeof(msg), "terminal too small (%dx%d); need %dx%d", m->cols,
				   m->lines, PS_MIN_COLS, PS_MIN_LINES);
		int y = m->lines / 2, x = (m->cols - len) / 2;
		curs_set(0);
		put_str(t, y < 0 ? 0 : y, x < 0 ? 0 : x, m->cols, msg, ROLE_ERROR);
		refresh();
		return;
	}
	fill(t, 0, 0, m->cols, ROLE_TITLE);
	ps_buf_init(&title);
	model_title(m, &title);
	xbuf_check(&title);
	put_str(t, 0, 1, m->cols - 10, title.s, ROLE_TITLE);
	put_str(t, 0, m->cols - 8, 8, "? help", ROLE_TITLE);
	ps_buf_release(&title);
	if (m->view == VIEW_HELP)
		draw_pane(m, t, &m->help, true, true);
	else if (m->view == VIEW_DIFF)
		draw_pane(m, t, &m->diff, true, true);
	else
		for (i = 0; i < PANE_COUNT; i++)
			draw_pane(m, t, &m->pane[i], m->focus == (enum ps_pane_id)i, false);
	draw_status(m, t, m->lines - 1, m->cols);
	refresh();
}
