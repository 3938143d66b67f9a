/*
 * model_result.c - the result pane (see model-int.h): the six sys values,
 * sys.path with origin badges and existence marks, what the last change
 * did ('+' added, '~' changed, '-' removed), warnings, .pth lines, notes,
 * and the fatal banner wrapped to the pane.  While the trace has the
 * focus the pane replays a step instead (model_trace.c).  No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-int.h"
#include "strset.h"

const char *const result_value_names[6] = {
	"executable", "base_executable", "prefix", "exec_prefix", "base_prefix", "base_exec_prefix",
};

const char *result_value(const struct ps_result *r, int i)
{
	const char *const sysv[6] = {
		r->sys.executable, r->sys.base_executable, r->sys.prefix, r->sys.exec_prefix,
		r->sys.base_prefix, r->sys.base_exec_prefix,
	};
	const char *const gp[6] = {
		r->getpath.executable, r->getpath.base_executable, r->getpath.prefix,
		r->getpath.exec_prefix, r->getpath.base_prefix, r->getpath.base_exec_prefix,
	};
	return r->has_sys ? sysv[i] : gp[i];
}

const struct ps_entry *result_entries(const struct ps_result *r, size_t *n)
{
	if (r->has_sys) {
		*n = r->nentries;
		return r->entries;
	}
	*n = r->getpath.nentries;
	return r->getpath.entries;
}

static const char *badge(enum ps_origin o)
{
	return o == PS_ORIGIN_SITE_PACKAGES ? "site-pkgs" : ps_origin_name(o);
}

/*
 * Whether an entry exists.  '' (sys.path[0] for -c, -m on old versions,
 * the interactive prompt) is not a path to look up: it means the working
 * directory at import time, so it exists when the cwd does.
 */
static bool entry_exists(struct ps_model *m, const struct ps_entry *e)
{
	if (e->path && !*e->path)
		return m->s->in.cwd && ps_fs_isdir(&m->s->fs, m->s->in.cwd);
	return e->exists;
}

void result_add_entry_row(struct ps_model *m, struct ps_pane *p, const struct ps_entry *e, long idx,
			  char mark)
{
	bool ok = entry_exists(m, e), cwd = e->path && !*e->path;
	struct ps_row *r = pane_add(p, ROW_ENTRY, idx, ok ? ROLE_PATH_FOUND : ROLE_PATH_MISSING,
				    "%-*s %s %s%s%s%s", BADGE_W - 1, badge(e->origin),
				    ok ? glyph_ok(m) : glyph_missing(m), show_path(e->path),
				    cwd ? " (the cwd: " : "", cwd && m->s->in.cwd ? m->s->in.cwd : "",
				    cwd ? ")" : "");
	r->elide_from = BADGE_W + strlen(ok ? glyph_ok(m) : glyph_missing(m)) + 1;
	r->label_len = BADGE_W - 1;
	r->label_role = ROLE_BADGE;
	r->step = e->step;
	r->mark = mark;
}

char *result_pth_text(const struct ps_model *m, size_t i)
{
	const struct ps_pth_line *l = &m->res.pth[i];
	return xasprintf("%-*s %s:%d %s", BADGE_W - 1, ps_pth_action_name(l->action),
			 l->file ? l->file : "", l->line, l->text ? l->text : "");
}

/* '+' when marks are on and the snapshot line "key SEP value" is not in prev, else ' '. */
static char mark_added(const struct ps_strset *prev, bool marks, const char *key, const char *value)
{
	char *line, mark = ' ';

	if (!marks)
		return mark;
	line = xasprintf("%s%c%s", key, DIFF_SEP, value);
	if (!strset_has(prev, line))
		mark = '+';
	free(line);
	return mark;
}

/* "label text" as banner rows: wrapped to the pane, the lines after the first under the text. */
static void add_banner_part(struct ps_model *m, struct ps_pane *p, long arg, const char *label,
			    const char *text)
{
	char *t = xasprintf("%s%s", label, text);
	pane_add_wrapped(p, ROW_FATAL, arg, ROLE_BANNER, t, m->result_wrap, (int)strlen(label));
	free(t);
}

/* The banner of a start-up that fails: message, cause and fix, wrapped to the pane. */
static void add_fatal_rows(struct ps_model *m, struct ps_pane *p, bool marks)
{
	const struct ps_fatal *f = &m->res.fatal;
	size_t first = p->nrows;   /* an index: the rows added below may move the rows */
	char *t;

	/* wrapped to the pane: the cause and the fix are what the banner is for */
	t = xasprintf("%s Python would not start: %s", glyph_missing(m),
		      f->message ? f->message : "fatal error");
	pane_add_wrapped(p, ROW_FATAL, 0, ROLE_BANNER, t, m->result_wrap, 2);
	free(t);
	if (f->cause)
		add_banner_part(m, p, 1, "cause: ", f->cause);
	if (f->fix)
		add_banner_part(m, p, 2, "fix: ", f->fix);
	if (marks && !diff_get(&m->snap_prev, "fatal"))
		p->rows[first].mark = '+';
	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "getpath's values (start-up stops before site)");
}

/* Result rows for the final state, with "what changed" marks against the previous one. */
static void build_final(struct ps_model *m, struct ps_pane *p)
{
	const struct ps_result *r = &m->res;
	struct ps_strset prev = { 0 }, cur = { 0 };
	const struct ps_entry *e;
	struct ps_row *row;
	size_t i, n;
	bool marks = m->has_prev;

	if (marks) {
		strset_init(&prev, &m->snap_prev);
		strset_init(&cur, &m->snap_cur);
	}
	if (r->has_fatal)
		add_fatal_rows(m, p, marks);
	for (i = 0; i < 6; i++) {
		const char *v = result_value(r, (int)i);
		row = pane_add_kv(p, ROW_VALUE, (long)i, result_value_names[i], v ? v : "None",
				  v ? ROLE_DEFAULT : ROLE_DIM);
		if (marks && !strset_has(&prev, m->snap_cur.v[i]))
			row->mark = diff_get(&m->snap_prev, result_value_names[i]) ? '~' : '+';
	}
	e = result_entries(r, &n);
	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "%s (%zu)",
		 r->has_sys ? "sys.path" : "module_search_paths", n);
	for (i = 0; i < n; i++)
		result_add_entry_row(m, p, &e[i], (long)i,
				     mark_added(&prev, marks, "path", e[i].path ? e[i].path : ""));
	/* entries that went away with the last change */
	for (i = 0; marks && i < m->snap_prev.n; i++) {
		const char *l = m->snap_prev.v[i];
		if (strncmp(l, "path", 4) || l[4] != DIFF_SEP || strset_has(&cur, l))
			continue;
		row = pane_add(p, ROW_GHOST, 0, ROLE_REMOVED, "%-*s - %s", BADGE_W - 1, "removed",
			       show_path(l + 5));
		row->mark = '-';
		row->elide_from = BADGE_W + 2;
	}
	if (r->getpath.warnings.n) {
		pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "warnings (stderr)");
		for (i = 0; i < r->getpath.warnings.n; i++) {
			row = pane_add(p, ROW_WARNING, (long)i, ROLE_WARNING, "%s", r->getpath.warnings.v[i]);
			row->mark = mark_added(&prev, marks, "warning", r->getpath.warnings.v[i]);
		}
	}
	if (r->npth) {
		pane_add(p, ROW_TEXT, 0, ROLE_HEADER, ".pth lines (%zu)", r->npth);
		for (i = 0; i < r->npth; i++) {
			const struct ps_pth_line *l = &r->pth[i];
			/* thousands of .pth files make thousands of rows: text made on demand */
			row = pane_add_lazy(p, ROW_PTHFILE, (long)i,
					    l->action == PS_PTH_ADDED ? ROLE_DEFAULT :
					    l->action == PS_PTH_ERROR ? ROLE_ERROR : ROLE_DIM);
			row->label_len = BADGE_W - 1;
			row->label_role = ROLE_BADGE;
			row->elide_from = BADGE_W;
		}
	}
	if (r->notes.n) {
		pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "notes");
		for (i = 0; i < r->notes.n; i++)
			pane_add(p, ROW_NOTE, (long)i, ROLE_DEFAULT, "%s", r->notes.v[i]);
	}
	strset_release(&prev);
	strset_release(&cur);
}

/* No result: why, and where to pick a version that has rules when that is the reason. */
static void build_no_result(struct ps_model *m, struct ps_pane *p)
{
	const struct ps_build *bd = &m->s->in.build;
	char *t;

	snprintf(p->title, sizeof(p->title), "result");
	t = xasprintf("no result: %s", m->compute_error ? m->compute_error : "not computed");
	pane_add_wrapped(p, ROW_FATAL, 0, ROLE_ERROR, t, layout_result_width(m), 2);
	free(t);
	if (ps_rules_supported(bd->major, bd->minor, bd->platform) < 0) {
		struct ps_buf b;
		ps_buf_init(&b);
		ps_buf_addf(&b, "the rules row of the inputs (Enter) picks a version that has them:");
		rules_list(&b, bd->platform);
		xbuf_check(&b);
		pane_add_wrapped(p, ROW_NOTE, 0, ROLE_DEFAULT, b.s, layout_result_width(m), 2);
		ps_buf_release(&b);
	}
}

void result_build(struct ps_model *m)
{
	struct ps_pane *p = &m->pane[PANE_RESULT];
	long step = model_trace_step(m);

	pane_clear_rows(p);
	if (!m->have_result) {
		build_no_result(m, p);
		return;
	}
	m->result_wrap = layout_result_width(m);
	m->replay_row = -1;
	if (m->focus == PANE_TRACE && step >= 0) {
		snprintf(p->title, sizeof(p->title), "state as of step %ld of %zu", step + 1, m->res.ntrace);
		trace_build_replay(m, p, step);
	} else {
		snprintf(p->title, sizeof(p->title), "%s", m->res.has_fatal ? "result: python would not start" :
			 m->res.has_sys ? "result: sys" : "result: getpath");
		build_final(m, p);
	}
}

void result_refresh(struct ps_model *m)
{
	result_build(m);
	pane_refilter(m, &m->pane[PANE_RESULT], m->filter_on);
	pane_settle(&m->pane[PANE_RESULT]);
	trace_show_replay_row(m);
	model_update_footer(m, PANE_RESULT);
}

/* A sys.path row's footer: the path, where it comes from, and its step. Yours. */
static char *entry_footer(struct ps_model *m, const struct ps_row *r, const struct ps_entry *en)
{
	struct ps_buf b;

	ps_buf_init(&b);
	ps_buf_addf(&b, "%s: %s", show_path(en->path), en->detail ? en->detail : ps_origin_name(en->origin));
	if (en->path && !*en->path)
		ps_buf_addf(&b, " (%s)", entry_exists(m, en) ? "the cwd exists" : "the cwd is missing");
	if (r->step >= 0)
		ps_buf_addf(&b, "  [step %ld; Enter shows it]", r->step + 1);
	xbuf_check(&b);
	return ps_buf_detach(&b);
}

char *result_footer(struct ps_model *m, const struct ps_row *r)
{
	if (r->kind == ROW_ENTRY) {
		size_t n;
		const struct ps_entry *e = result_entries(&m->res, &n);
		if ((size_t)r->arg < n)
			return entry_footer(m, r, &e[r->arg]);
	}
	if (r->step >= 0 && m->have_result && (size_t)r->step < m->res.ntrace && r->kind != ROW_VALUE) {
		const struct ps_step *st = &m->res.trace[r->step];
		return xasprintf("step %ld: %s%s%s", r->step + 1, st->note ? st->note : ps_op_name(st->op),
				 st->path ? " " : "", st->path ? st->path : "");
	}
	switch (r->kind) {
	case ROW_FATAL: {
		const struct ps_fatal *f = &m->res.fatal;
		return xasprintf("%s%s%s%s%s", f->message ? f->message : "fatal error",
				 f->cause ? "; cause: " : "", f->cause ? f->cause : "",
				 f->fix ? "; fix: " : "", f->fix ? f->fix : "");
	}
	case ROW_VALUE:
		return xasprintf("%.*s = %s  (Enter: the step that decided it)",
				 (int)strcspn(r->text, " "), r->text, r->text + r->label_len + 1);
	default:
		return xstrdup(model_row_text(m, r));
	}
}
