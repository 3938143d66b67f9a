/*
 * model_pane.c - a pane's rows and cursor (see model-int.h): adding rows,
 * the rows shown under a filter, moving and scrolling.  No curses here.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-int.h"

void pane_clear_rows(struct ps_pane *p)
{
	size_t i;

	for (i = 0; i < p->nrows; i++)
		free(p->rows[i].text);
	p->nrows = 0;
}

void pane_release(struct ps_pane *p)
{
	pane_clear_rows(p);
	free(p->rows);
	free(p->vis);
	free(p->footer);
	free(p->summary);
	memset(p, 0, sizeof(*p));
}

/*
 * Control characters (a .pth line may hold "\n" inside an exec) would
 * break rows and dumps: they are shown escaped, as \n, \t or \xHH.
 * Takes text (yours before, yours after: it may be replaced).
 */
static char *escape_controls(char *text)
{
	struct ps_buf b;
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p && *p >= 0x20 && *p != 0x7f; p++)
		;
	if (!*p)
		return text;
	ps_buf_init(&b);
	for (p = (const unsigned char *)text; *p; p++) {
		if (*p == '\n')
			ps_buf_adds(&b, "\\n");
		else if (*p == '\t')
			ps_buf_adds(&b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			ps_buf_addf(&b, "\\x%02x", *p);
		else
			ps_buf_addc(&b, (char)*p);
	}
	xbuf_check(&b);
	free(text);
	return ps_buf_detach(&b);
}

/* A new last row without text, selectable, explained by no step (borrowed). */
static struct ps_row *new_row(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role)
{
	struct ps_row *r;

	if (p->nrows == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 32;
		p->rows = xrealloc(p->rows, p->alloc * sizeof(*p->rows));
	}
	r = &p->rows[p->nrows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->arg = arg;
	r->step = -1;
	r->role = role;
	r->label_role = ROLE_LABEL;
	r->mark = ' ';
	r->selectable = true;
	return r;
}

struct ps_row *pane_add(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role,
			const char *fmt, ...)
{
	struct ps_row *r;
	struct ps_buf b;
	va_list ap;

	/* formatted first: an argument may point into the rows, which new_row may move */
	ps_buf_init(&b);
	va_start(ap, fmt);
	ps_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	xbuf_check(&b);
	r = new_row(p, kind, arg, role);
	r->text = ps_buf_detach(&b);
	if (!r->text)
		die_oom();
	r->text = escape_controls(r->text);
	r->selectable = kind != ROW_TEXT && kind != ROW_GHOST;
	return r;
}

struct ps_row *pane_add_lazy(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role)
{
	return new_row(p, kind, arg, role);
}

const char *model_row_text(const struct ps_model *m, const struct ps_row *row)
{
	/* the text is a cache: filling it in does not change what the row is */
	struct ps_row *r = (struct ps_row *)(uintptr_t)row;

	if (!r->text)
		r->text = r->kind == ROW_STEP ? trace_step_text(m, (size_t)r->arg) :
			  r->kind == ROW_PTHFILE ? result_pth_text(m, (size_t)r->arg) : xstrdup("");
	r->text = escape_controls(r->text);
	return r->text;
}

struct ps_row *pane_add_kv(struct ps_pane *p, enum ps_row_kind kind, long arg, const char *label,
			   const char *value, enum ps_role role)
{
	struct ps_row *r = pane_add(p, kind, arg, role, "%-*s %s", LABEL_W - 1, label,
				    value ? value : "");
	r->label_len = strlen(label) < LABEL_W - 1 ? LABEL_W - 1 : strlen(label);
	r->elide_from = r->label_len + 1;
	return r;
}

struct ps_row *pane_add_wrapped(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role,
				const char *text, int width, int indent)
{
	struct ps_strv lines;
	struct ps_row *first;
	size_t i, at = p->nrows;

	if (width <= 0)
		return pane_add(p, kind, arg, role, "%s", text);
	ps_strv_init(&lines);
	text_wrap(text, width, indent, &lines);
	for (i = 0; i < lines.n; i++)
		pane_add(p, kind, arg, role, "%s", lines.v[i]);
	ps_strv_release(&lines);
	first = &p->rows[at];   /* pane_add may move the rows: take it at the end */
	return first;
}

void pane_set_footer(struct ps_pane *p, char *text)
{
	free(p->footer);
	p->footer = text;
}

void pane_refilter(struct ps_model *m, struct ps_pane *p, bool filter)
{
	size_t i;

	p->vis = xrealloc(p->vis, (p->nrows ? p->nrows : 1) * sizeof(*p->vis));
	p->nvis = 0;
	for (i = 0; i < p->nrows; i++)
		if (!filter || model_row_matches(m, &p->rows[i]))
			p->vis[p->nvis++] = i;
	if (p->cur >= p->nvis)
		p->cur = p->nvis ? p->nvis - 1 : 0;
}

struct ps_row *pane_cur_row(struct ps_pane *p)
{
	return p->nvis ? &p->rows[p->vis[p->cur]] : NULL;
}

/* Keeps the cursor on the screen. */
void pane_scroll_to_cursor(struct ps_pane *p)
{
	int h = p->h;

	if (h <= 0)
		return;     /* not laid out yet */
	if (p->cur < p->top)
		p->top = p->cur;
	else if (p->cur >= p->top + (size_t)h)
		p->top = p->cur - (size_t)h + 1;
	/* show the heading just above the cursor when there is room */
	if (p->top == p->cur && p->top > 0 && !p->rows[p->vis[p->top - 1]].selectable && h > 1)
		p->top--;
	if (p->nvis <= (size_t)h)
		p->top = 0;
	else if (p->top > p->nvis - (size_t)h)
		p->top = p->nvis - (size_t)h;
}

void pane_move(struct ps_pane *p, long delta)
{
	long cur = (long)p->cur, n = (long)p->nvis, target, step;

	if (!n)
		return;
	target = cur + delta;
	if (target < 0)
		target = 0;
	if (target >= n)
		target = n - 1;
	step = delta < 0 ? -1 : 1;
	while (target >= 0 && target < n && !p->rows[p->vis[target]].selectable)
		target += step;
	if (target < 0 || target >= n) {
		/* nothing selectable beyond: search back towards the cursor */
		target = cur + delta;
		target = target < 0 ? 0 : target >= n ? n - 1 : target;
		while (target != cur && !p->rows[p->vis[target]].selectable)
			target -= step;
	}
	p->cur = (size_t)target;
	pane_scroll_to_cursor(p);
}

void pane_settle(struct ps_pane *p)
{
	size_t i;

	for (i = p->cur; i < p->nvis; i++)
		if (p->rows[p->vis[i]].selectable) {
			p->cur = i;
			goto out;
		}
	for (i = p->cur; i-- > 0;)
		if (p->rows[p->vis[i]].selectable) {
			p->cur = i;
			goto out;
		}
out:
	pane_scroll_to_cursor(p);
}

void pane_scroll(struct ps_pane *p, long delta)
{
	long top = (long)p->top + delta, max = (long)p->nvis - (p->h > 0 ? p->h : 1);

	if (max < 0)
		max = 0;
	p->top = (size_t)(top < 0 ? 0 : top > max ? max : top);
	p->cur = p->top;
}

struct ps_pane *model_pane(struct ps_model *m, enum ps_pane_id id)
{
	return &m->pane[id];
}
