/*
 * model_trace.c - the trace pane and what it drives (see model-int.h):
 * one row per step of the decision trail (their text made only when
 * drawn, searched or dumped), the result pane's replay of the state "as
 * of" the selected step, and the jumps between the result and the steps
 * (Enter or t on a result row, p and x, Enter or c on a step).
 * No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-int.h"

long model_trace_step(const struct ps_model *m)
{
	const struct ps_pane *p = &m->pane[PANE_TRACE];
	if (!m->have_result || !m->res.ntrace || !p->nvis)
		return -1;
	return p->rows[p->vis[p->cur]].arg;
}

/* Whether step st set var: "prefix" is set by getpath's prefix and by site.py's sys.prefix. */
static bool step_sets(const struct ps_step *st, const char *var)
{
	return st->var && (!strcmp(st->var, var) || (!strncmp(st->var, "sys.", 4) && !strcmp(st->var + 4, var)));
}

/*
 * The step that decided var: the last one that set it (what the result
 * shows) or, when before is >= 0, the last one before step `before` (so
 * pressing the key again walks back: site.py's prefix, then getpath's).
 * Wraps around to the last one; -1 when no step set var.
 */
static long deciding_step(struct ps_model *m, const char *var, long before)
{
	long i, last = -1;

	for (i = m->have_result ? (long)m->res.ntrace - 1 : -1; i >= 0; i--) {
		if (!step_sets(&m->res.trace[i], var))
			continue;
		if (last < 0)
			last = i;
		if (before < 0 || i < before)
			return i;
	}
	return last;
}

/* One "name  value" row of the replay: '…' until a step sets it, '~' on the step that does. */
static void add_replay_value(struct ps_model *m, struct ps_pane *p, const char *name,
			     const char *val, long set_at, long cur, long arg)
{
	struct ps_row *row = pane_add_kv(p, ROW_VALUE, arg, name,
					 val ? show_path(val) : (m->utf8 ? "\xe2\x80\xa6" : "..."),
					 val ? ROLE_DEFAULT : ROLE_DIM);
	row->step = set_at;
	if (set_at == cur && cur >= 0) {
		row->mark = '~';
		if (m->replay_row < 0)
			m->replay_row = (long)p->nrows - 1;
	}
}

/*
 * The six sys values come first, then the entries (what stepping is
 * about), then the other variables getpath and site.py keep.
 */
void trace_build_replay(struct ps_model *m, struct ps_pane *p, long cur)
{
	const struct ps_result *r = &m->res;
	const char *names[64];
	const char *vals[64];
	long set_at[64];
	size_t nvars = 0, i, n;
	const struct ps_entry *e;
	long k, shown = 0;
	bool final = cur == (long)r->ntrace - 1;

	for (i = 0; i < 6; i++) {
		names[nvars] = result_value_names[i];
		vals[nvars] = NULL;
		set_at[nvars++] = -1;
	}
	for (k = 0; k <= cur && (size_t)k < r->ntrace; k++) {
		const struct ps_step *st = &r->trace[k];
		const char *var = st->var;
		if (!var)
			continue;
		/* site.py's sys.prefix is the same value as getpath's prefix */
		if (!strncmp(var, "sys.", 4) && strcmp(var, "sys.path"))
			for (i = 0; i < 6; i++)
				if (!strcmp(var + 4, result_value_names[i]))
					var = result_value_names[i];
		for (i = 0; i < nvars && strcmp(names[i], var); i++)
			;
		if (i == nvars) {
			if (nvars == 64)
				continue;
			names[nvars] = var;
			nvars++;
		}
		vals[i] = st->value ? st->value : "None";
		set_at[i] = k;
	}
	for (i = 0; i < 6; i++)
		add_replay_value(m, p, names[i], vals[i], set_at[i], cur, (long)i);
	e = result_entries(r, &n);
	for (i = 0; i < n; i++)
		if (!(e[i].step > cur || (e[i].step < 0 && !final)))
			shown++;
	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "%s so far (%ld of %zu)",
		 r->has_sys ? "sys.path" : "module_search_paths", shown, n);
	for (i = 0; i < n; i++) {
		if (e[i].step > cur || (e[i].step < 0 && !final))
			continue;
		result_add_entry_row(m, p, &e[i], (long)i, e[i].step == cur ? '+' : ' ');
		if (e[i].step == cur && m->replay_row < 0)
			m->replay_row = (long)p->nrows - 1;
	}
	if (!shown)
		pane_add(p, ROW_TEXT, 0, ROLE_DIM, "  (none yet)");
	if (nvars > 6) {
		pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "other values");
		for (i = 6; i < nvars; i++)
			add_replay_value(m, p, names[i], vals[i], set_at[i], cur, (long)i);
	}
}

char *trace_step_text(const struct ps_model *m, size_t i)
{
	const struct ps_step *st = &m->res.trace[i];
	const char *res = st->result ? st->result : "";

	if (st->op == PS_OP_DECIDE && st->var)
		return xasprintf("%4zu %-11s %s = %s", i + 1, ps_phase_name(st->phase), st->var,
				 st->value ? show_path(st->value) : res);
	if (st->op == PS_OP_DECIDE)
		return xasprintf("%4zu %-11s decide   %s%s%s", i + 1, ps_phase_name(st->phase), res,
				 st->note ? ": " : "", st->note ? st->note : "");
	if (st->op == PS_OP_WARN)
		return xasprintf("%4zu %-11s warn: %s", i + 1, ps_phase_name(st->phase), res);
	return xasprintf("%4zu %-11s %-8s %s %s %s", i + 1, ps_phase_name(st->phase),
			 ps_op_name(st->op), st->path ? show_path(st->path) : "", glyph_arrow(m), res);
}

/*
 * The footer of a step: the whole step, its note (the most useful part:
 * why this probe, what it decided) and the step it follows from.  Yours.
 */
static char *step_footer(const struct ps_model *m, size_t i)
{
	const struct ps_step *st = &m->res.trace[i];
	const char *res = st->result ? st->result : "";
	struct ps_buf b;

	ps_buf_init(&b);
	ps_buf_addf(&b, "step %zu of %zu, %s: ", i + 1, m->res.ntrace, ps_phase_name(st->phase));
	if (st->op == PS_OP_DECIDE && st->var)
		ps_buf_addf(&b, "%s = %s", st->var, st->value ? show_path(st->value) : res);
	else if (st->op == PS_OP_DECIDE)
		ps_buf_addf(&b, "decided %s", *res ? res : "");
	else if (st->op == PS_OP_WARN)
		ps_buf_addf(&b, "warning: %s", res);
	else
		ps_buf_addf(&b, "%s %s %s %s", ps_op_name(st->op), st->path ? show_path(st->path) : "",
			    glyph_arrow(m), res);
	if (st->note && *st->note)
		ps_buf_addf(&b, ". %s", st->note);
	if (st->cause > 0 && (size_t)st->cause <= m->res.ntrace)
		ps_buf_addf(&b, " (follows from step %ld: Enter goes there)", st->cause);
	xbuf_check(&b);
	return ps_buf_detach(&b);
}

char *trace_footer(struct ps_model *m, const struct ps_row *r)
{
	if (r->kind == ROW_STEP && m->have_result && (size_t)r->arg < m->res.ntrace)
		return step_footer(m, (size_t)r->arg);
	return xstrdup(model_row_text(m, r));
}

/* What the collapsed pane says: how to open it, and where the answers are (yours). */
static char *trace_summary(struct ps_model *m)
{
	long sp = deciding_step(m, "prefix", -1), sx = deciding_step(m, "exec_prefix", -1);
	char key[16];

	keymap_key_name(keymap_key_for(ACT_PANE_TRACE, PS_CTX_PANES), key, sizeof(key));
	if (sp >= 0 && sx >= 0)
		return xasprintf("prefix: step %ld, exec_prefix: step %ld (%s: step through)", sp + 1, sx + 1, key);
	return xasprintf("%zu steps (%s: step through them)", m->res.ntrace, key);
}

/* The colour of a step: decisions and warnings stand out, failed probes are dim. */
static enum ps_role step_role(const struct ps_step *st)
{
	const char *res = st->result ? st->result : "";

	if (st->op == PS_OP_DECIDE)
		return ROLE_CHANGED;
	if (st->op == PS_OP_WARN)
		return ROLE_WARNING;
	if (!strcmp(res, "false") || (res[0] == 'E' && res[1] >= 'A' && res[1] <= 'Z'))
		return ROLE_DIM;
	if (!strcmp(res, "true") || !strncmp(res, "ok", 2))
		return ROLE_PATH_FOUND;
	return ROLE_DEFAULT;
}

void trace_build(struct ps_model *m)
{
	struct ps_pane *p = &m->pane[PANE_TRACE];
	size_t i;

	pane_clear_rows(p);
	snprintf(p->title, sizeof(p->title), "trace: the landmark search (%zu steps)",
		 m->have_result ? m->res.ntrace : 0);
	free(p->summary);
	p->summary = NULL;
	if (!m->have_result)
		return;
	p->summary = trace_summary(m);
	for (i = 0; i < m->res.ntrace; i++) {
		struct ps_row *r = pane_add_lazy(p, ROW_STEP, (long)i, step_role(&m->res.trace[i]));
		r->step = (long)i;
		r->label_len = 17;
		r->label_role = ROLE_LABEL;
	}
}

/*
 * The replay keeps the row the current step changed on screen (its
 * cursor is not shown: the trace has the focus).
 */
void trace_show_replay_row(struct ps_model *m)
{
	struct ps_pane *p = &m->pane[PANE_RESULT];
	size_t i;

	if (m->focus != PANE_TRACE || m->view != VIEW_PANES || model_trace_step(m) < 0)
		return;
	/* from the top, so the six values stay in view unless the row is far below */
	p->top = 0;
	p->cur = 0;
	for (i = 0; m->replay_row >= 0 && i < p->nvis; i++)
		if (p->vis[i] == (size_t)m->replay_row)
			p->cur = i;
	pane_scroll_to_cursor(p);
}

/* Focuses the trace on step (the row of that step, even when filtered out). */
static void goto_step(struct ps_model *m, long step, const char *what)
{
	struct ps_pane *t = &m->pane[PANE_TRACE];
	size_t i;

	if (step < 0 || !m->have_result || (size_t)step >= m->res.ntrace) {
		model_status(m, true, "no trace step decided %s", what);
		return;
	}
	if (m->filter_on) {
		m->filter_on = false;
		pane_refilter(m, t, false);
	}
	for (i = 0; i < t->nvis; i++)
		if (t->rows[t->vis[i]].arg == step)
			t->cur = i;
	m->focus = PANE_TRACE;
	m->view = VIEW_PANES;
	pane_scroll_to_cursor(t);
	model_rebuild(m);
	model_status(m, false, "step %ld decided %s", step + 1, what);
}

void trace_jump_from_result(struct ps_model *m)
{
	struct ps_row *r = pane_cur_row(&m->pane[PANE_RESULT]);

	if (!r)
		return;
	if (r->kind == ROW_VALUE && r->arg >= 0 && r->arg < 6 && m->focus != PANE_TRACE)
		goto_step(m, deciding_step(m, result_value_names[r->arg], -1), result_value_names[r->arg]);
	else if (r->step >= 0)
		goto_step(m, r->step, r->kind == ROW_ENTRY ? "this entry" : "this value");
	else
		model_status(m, true, "no trace step is recorded for this row");
}

void trace_jump_var(struct ps_model *m, enum ps_action act)
{
	const char *var = act == ACT_JUMP_PREFIX ? "prefix" : "exec_prefix";
	long cur = m->focus == PANE_TRACE ? model_trace_step(m) : -1, step, earlier;

	/* the trace already shows one of var's steps: walk back from it */
	if (cur >= 0 && step_sets(&m->res.trace[cur], var))
		step = deciding_step(m, var, cur);
	else
		step = deciding_step(m, var, -1);
	goto_step(m, step, var);
	/* site.py may set it again after getpath: say how to walk back */
	earlier = step >= 0 ? deciding_step(m, var, step) : -1;
	if (earlier >= 0 && earlier < step) {
		char key[16];
		keymap_key_name(keymap_key_for(act, PS_CTX_TRACE), key, sizeof(key));
		model_status(m, false, "step %ld decided %s (%s again: step %ld set it before)", step + 1,
			     var, key, earlier + 1);
	}
}

void trace_jump_cause(struct ps_model *m)
{
	long cur = model_trace_step(m);

	if (cur >= 0 && m->res.trace[cur].cause > 0 && (size_t)m->res.trace[cur].cause <= m->res.ntrace) {
		long to = m->res.trace[cur].cause - 1;
		goto_step(m, to, "it");
		model_status(m, false, "step %ld: the one step %ld follows from", to + 1, cur + 1);
	} else {
		model_status(m, true, "step %ld follows from no earlier step", cur + 1);
	}
}
