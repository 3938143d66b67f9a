/*
 * model_diff.c - what changed (see model-int.h).  The result is kept as a
 * snapshot, one "key DIFF_SEP value" line per value, entry, warning or
 * fatal message; the model keeps three (the start, the previous state and
 * the current one).  The result pane marks what the last change did from
 * the previous and current ones; the diff view (D) compares the inputs
 * and the result with the start.  No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-int.h"
#include "strset.h"

void diff_snapshot(struct ps_model *m, struct ps_strv *out)
{
	const struct ps_result *r = &m->res;
	const struct ps_entry *e;
	size_t i, n;

	ps_strv_clear(out);
	if (!m->have_result) {
		ps_strv_pushf(out, "error%c%s", DIFF_SEP, m->compute_error ? m->compute_error : "");
		return;
	}
	for (i = 0; i < 6; i++)
		ps_strv_pushf(out, "%s%c%s", result_value_names[i], DIFF_SEP,
			      result_value(r, (int)i) ? result_value(r, (int)i) : "None");
	e = result_entries(r, &n);
	for (i = 0; i < n; i++)
		ps_strv_pushf(out, "path%c%s", DIFF_SEP, e[i].path ? e[i].path : "");
	for (i = 0; i < r->getpath.warnings.n; i++)
		ps_strv_pushf(out, "warning%c%s", DIFF_SEP, r->getpath.warnings.v[i]);
	if (r->has_fatal)
		ps_strv_pushf(out, "fatal%c%s", DIFF_SEP, r->fatal.message ? r->fatal.message : "");
}

/* Whether a snapshot line holds one of the six values (compared as changed, not added/removed). */
static bool is_scalar_key(const char *line)
{
	size_t i;
	for (i = 0; i < 6; i++) {
		size_t n = strlen(result_value_names[i]);
		if (!strncmp(line, result_value_names[i], n) && line[n] == DIFF_SEP)
			return true;
	}
	return false;
}

const char *diff_get(const struct ps_strv *snap, const char *key)
{
	size_t i, n = strlen(key);
	for (i = 0; i < snap->n; i++)
		if (!strncmp(snap->v[i], key, n) && snap->v[i][n] == DIFF_SEP)
			return snap->v[i] + n + 1;
	return NULL;
}

/* A "~ name: before -> after" row of the diff view. */
static void add_changed(struct ps_model *m, struct ps_pane *p, const char *name, const char *before,
			const char *after)
{
	pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ %s: %s %s %s", name, before, glyph_arrow(m), after);
}

/* The inputs that differ from the start, and the files edited. */
static void diff_inputs(struct ps_model *m, struct ps_pane *p)
{
	const struct ps_inputs *in = &m->s->in, *st = &m->start_in;
	size_t i, before;
	struct ps_buf x, y;
	int k;

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "inputs");
	before = p->nrows;
	for (k = 0; k < 5; k++) {
		bool on = inputs_flag_get(&in->flags, k);
		if (on != inputs_flag_get(&st->flags, k))
			pane_add(p, ROW_HELP, 0, on ? ROLE_ADDED : ROLE_REMOVED, "%c %s", on ? '+' : '-',
				 inputs_flag_names[k]);
	}
	for (i = 0; i < m->env_names.n; i++) {
		const char *n = m->env_names.v[i];
		const char *v0 = ps_env_get(&st->env, n), *v1 = ps_env_get(&in->env, n);
		if (!str_eq(v0, v1))
			add_changed(m, p, n, v0 ? v0 : "(unset)", v1 ? v1 : "(unset)");
	}
	ps_buf_init(&x);
	ps_buf_init(&y);
	inputs_run_text(&st->run, &x);
	inputs_run_text(&in->run, &y);
	xbuf_check(&x);
	xbuf_check(&y);
	if (strcmp(x.s, y.s))
		add_changed(m, p, "run", x.s, y.s);
	ps_buf_release(&x);
	ps_buf_release(&y);
	if (!str_eq(st->argv0, in->argv0))
		add_changed(m, p, "argv0", st->argv0 ? st->argv0 : "", in->argv0 ? in->argv0 : "");
	if (!str_eq(st->cwd, in->cwd))
		add_changed(m, p, "cwd", st->cwd ? st->cwd : "", in->cwd ? in->cwd : "");
	if (st->build.major != in->build.major || st->build.minor != in->build.minor)
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ rules: %d.%d %s %d.%d", st->build.major,
			 st->build.minor, glyph_arrow(m), in->build.major, in->build.minor);
	if (st->build.platform != in->build.platform)
		add_changed(m, p, "platform", ps_platform_name(st->build.platform),
			    ps_platform_name(in->build.platform));
	for (i = 0; i < m->nedits; i++)
		pane_add(p, ROW_HELP, 0, ROLE_OVERLAY, "~ file %s (%s)", m->edits[i].path,
			 m->real_mode ? "virtual overlay" : "edited in the scenario's tree");
	if (p->nrows == before)
		pane_add(p, ROW_HELP, 0, ROLE_DIM, "  (no input changed)");
}

/*
 * The lines of snapshot from that other lacks (values left out), as
 * "sign key value" rows in role.
 */
static void add_missing(struct ps_pane *p, const struct ps_strv *from, const struct ps_strset *other,
			char sign, enum ps_role role)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		const char *l = from->v[i], *sep = strchr(l, DIFF_SEP);
		if (is_scalar_key(l) || strset_has(other, l) || !sep)
			continue;
		pane_add(p, ROW_HELP, 0, role, "%c %.*s %s", sign, (int)(sep - l), l, show_path(sep + 1));
	}
}

/* The result's values that changed since the start, then the lines that went and came. */
static void diff_result(struct ps_model *m, struct ps_pane *p)
{
	struct ps_strset a, b;
	size_t i, before;

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "result");
	before = p->nrows;
	strset_init(&a, &m->snap_start);
	strset_init(&b, &m->snap_cur);
	for (i = 0; i < 6; i++) {
		const char *v0 = diff_get(&m->snap_start, result_value_names[i]);
		const char *v1 = diff_get(&m->snap_cur, result_value_names[i]);
		if (!str_eq(v0, v1))
			add_changed(m, p, result_value_names[i], v0 ? v0 : "(none)", v1 ? v1 : "(none)");
	}
	/* lists: what the start had and now lacks, then what is new */
	add_missing(p, &m->snap_start, &b, '-', ROLE_REMOVED);
	add_missing(p, &m->snap_cur, &a, '+', ROLE_ADDED);
	strset_release(&a);
	strset_release(&b);
	if (p->nrows == before)
		pane_add(p, ROW_HELP, 0, ROLE_DIM, "  (the result is the same as at the start)");
}

void diff_build(struct ps_model *m)
{
	struct ps_pane *p = &m->diff;

	pane_clear_rows(p);
	snprintf(p->title, sizeof(p->title), "changes since the start (D or Esc closes)");
	diff_inputs(m, p);
	diff_result(m, p);
	pane_refilter(m, p, false);
	p->top = p->cur = 0;
}
