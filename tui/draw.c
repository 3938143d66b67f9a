/*
 * draw.c - see draw.h: the screen composed from the model (title, panes
 * or the help / diff view, status line or prompt).  The cell-level text
 * primitives are in draw_text.c; with term.c, the only curses-heavy files.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw-int.h"
#include "draw.h"
#include "match.h"
#include "util.h"

#define MAX_SPANS 32

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
		draw_fill(t, y, x, w, ROLE_SELECTED);
	if (with_mark && w > 2) {
		char mk[2] = { r->mark, 0 };
		draw_str(t, y, x, 1, mk, cursor ? ROLE_SELECTED : mark_role(r->mark));
		used = 2;
	}
	if (r->elide_from) {
		char *et = xmalloc(len + 4);
		unsigned char *er = xmalloc(len + 4);
		size_t elen = draw_elide_middle(t, text, len, roles, r->elide_from, w - used, et, er);
		if (elen)
			draw_text(t, y, x + used, w - used, et, elen, er, 0);
		free(et);
		free(er);
		if (elen)
			goto out;
	}
	draw_text(t, y, x + used, w - used, text, len, roles, 0);
out:
	if (roles != small)
		free(roles);
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
		draw_str(t, p->by, p->bx + 2, tw, buf, focus ? ROLE_PANE_TITLE_FOCUS : ROLE_PANE_TITLE);
	}
	if (p->collapsed) {
		/* one line: what the pane holds and the key that opens it */
		if (p->summary && p->h > 0)
			draw_str(t, p->y, p->x + 2, p->w - 2, p->summary, ROLE_DIM);
		return;
	}
	for (i = 0; i < (size_t)p->h && p->top + i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[p->top + i]];
		bool cursor = focus && !text_view && p->top + i == p->cur && r->selectable;
		draw_row(m, t, r, p->y + (int)i, p->x, p->w, cursor, !text_view);
	}
	if (!p->nvis && m->filter_on && p->h > 0) {
		snprintf(buf, sizeof(buf), "(no row matches /%.40s/)", match_pattern(m->match));
		draw_str(t, p->y, p->x + 2, p->w - 2, buf, ROLE_DIM);
	}
	/* position on the bottom border when the rows do not all fit */
	if (p->nvis > (size_t)p->h && p->bw > 16) {
		int len = snprintf(buf, sizeof(buf), " %zu/%zu ", text_view ? p->top + 1 : p->cur + 1, p->nvis);
		draw_str(t, p->by + p->bh - 1, p->bx + p->bw - 2 - len, len, buf, ROLE_BORDER);
	}
	if (p->footer_h > 0 && p->footer && !text_view)
		draw_wrapped(t, p->y + p->h, p->x, p->w, p->footer_h, p->footer,
			     focus ? ROLE_LABEL : ROLE_DIM);
}

/* The prompt line: label and text, how to leave it on the right, the cursor at the end. */
static void draw_prompt(struct ps_model *m, const struct ps_term *t, int y, int w)
{
	/* how to leave the prompt, on the right while the line leaves room */
	const char *keys = m->prompt == PROMPT_OVERWRITE ? "" : "  Enter ok  Esc cancel  C-u clear ";
	struct ps_buf b;
	size_t off = 0;
	int used;

	draw_fill(t, y, 0, w, ROLE_DEFAULT);
	if (*keys && (int)(strlen(m->prompt_label) + m->prompt_buf.len + strlen(keys)) + 2 < w) {
		draw_str(t, y, w - (int)strlen(keys), (int)strlen(keys), keys, ROLE_DIM);
		w -= (int)strlen(keys);
	}
	ps_buf_init(&b);
	ps_buf_adds(&b, m->prompt_label);
	ps_buf_adds(&b, m->prompt_buf.s);
	xbuf_check(&b);
	/* keep the end of a long line visible: that is where one types */
	while (b.len - off > (size_t)(w - 2) * 4 && off < b.len)
		off++;
	used = draw_text(t, y, 0, w - 1, b.s + off, b.len - off, NULL, (attr_t)t->attr[ROLE_DEFAULT]);
	ps_buf_release(&b);
	move(y, used < w ? used : w - 1);
	curs_set(1);
}

static void draw_status(struct ps_model *m, const struct ps_term *t, int y, int w)
{
	char right[64];
	int rw = 0;

	if (m->prompt) {
		draw_prompt(m, t, y, w);
		return;
	}
	curs_set(0);
	draw_fill(t, y, 0, w, m->status_error ? ROLE_STATUS_ERROR : ROLE_STATUS);
	if (m->have_result || m->resolves) {
		rw = snprintf(right, sizeof(right), " resolved in %.2f ms ", m->resolve_ms);
		/* an error or a long message gets the whole line: the time can wait */
		if (rw < w / 2 && !m->status_error && (int)strlen(m->status) + rw + 1 <= w)
			draw_str(t, y, w - rw, rw, right, ROLE_STATUS);
		else
			rw = 0;
	}
	if (m->status[0]) {
		draw_str(t, y, 1, w - rw - 2, m->status, m->status_error ? ROLE_STATUS_ERROR : ROLE_STATUS);
	} else {
		struct ps_buf b;
		ps_buf_init(&b);
		keymap_hint(m->view == VIEW_HELP ? PS_CTX_HELP : m->view == VIEW_DIFF ? PS_CTX_DIFF : 1u << m->focus,
			    (size_t)(w - rw - 2), &b);
		xbuf_check(&b);
		draw_str(t, y, 1, w - rw - 2, b.s, ROLE_STATUS);
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
		draw_str(t, y < 0 ? 0 : y, x < 0 ? 0 : x, m->cols, msg, ROLE_ERROR);
		refresh();
		return;
	}
	draw_fill(t, 0, 0, m->cols, ROLE_TITLE);
	ps_buf_init(&title);
	model_title(m, &title);
	xbuf_check(&title);
	draw_str(t, 0, 1, m->cols - 10, title.s, ROLE_TITLE);
	draw_str(t, 0, m->cols - 8, 8, "? help", ROLE_TITLE);
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
