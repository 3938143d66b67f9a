/* model.c - see model.h.  No curses here: unit tests and the script mode link this file. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdint.h>
#include <time.h>

#include "keymap.h"
#include "match.h"
#include "model.h"
#include "strset.h"
#include "text.h"
#include "util.h"

#define LABEL_W 17      /* label column of the inputs and result panes */
#define BADGE_W 11      /* origin badge column of sys.path rows */
#define SEP '\x1f'      /* key/value separator inside snapshots */

static const char *const flag_names[5] = { "-E", "-I", "-s", "-S", "-P" };
/* short enough for the inputs column at 80x24; the footer gives flag_long */
static const char *const flag_short[5] = {
	"ignore PYTHON*", "isolated", "no user site", "no site", "safe path",
};
/* what the footer of a flag row says it does (CPython's documentation) */
static const char *const flag_long[5] = {
	"ignore every PYTHON* environment variable (PYTHONHOME, PYTHONPATH ...)",
	"isolated mode: implies -E, -s and (3.11+) -P",
	"don't add the user site-packages directory to sys.path",
	"don't import the site module: no site-packages, no .pth files",
	"safe path (3.11+): don't prepend the script's directory or the cwd to sys.path",
};
static const char *const fixed_env[] = {
	"PYTHONHOME", "PYTHONPATH", "PYTHONPLATLIBDIR", "PYTHONNOUSERSITE", "PYTHONUSERBASE",
	"PYTHONSAFEPATH", "PYTHONEXECUTABLE",
};
static const char *const value_names[6] = {
	"executable", "base_executable", "prefix", "exec_prefix", "base_prefix", "base_exec_prefix",
};
static const char *const run_names[4] = { "-c", "a script", "-m", "interactive" };

/* ------------------------------------------------------------------ */
/* small helpers                                                       */
/* ------------------------------------------------------------------ */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static bool *flag_ptr(struct ps_cli_flags *f, int i)
{
	switch (i) {
	case 0: return &f->ignore_environment;
	case 1: return &f->isolated;
	case 2: return &f->no_user_site;
	case 3: return &f->no_site;
	default: return &f->safe_path;
	}
}

static bool flag_get(const struct ps_cli_flags *f, int i)
{
	return *flag_ptr((struct ps_cli_flags *)(uintptr_t)f, i);
}

static bool version_at_least(const struct ps_inputs *in, int major, int minor)
{
	return in->build.major > major || (in->build.major == major && in->build.minor >= minor);
}

/* Whether the interpreter modelled has flag k: -I came in 3.4, -P in 3.11. */
static bool flag_exists(const struct ps_inputs *in, int k)
{
	return k == 1 ? version_at_least(in, 3, 4) : k == 4 ? version_at_least(in, 3, 11) : true;
}

/* Whether flag k is in effect because -I is: -I implies -E, -s and (3.11+) -P. */
static bool flag_implied(const struct ps_inputs *in, int k)
{
	return in->flags.isolated && flag_exists(in, 1) && (k == 0 || k == 2 || (k == 4 && flag_exists(in, 4)));
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !memcmp(s + a - b, suffix, b);
}

static const char *glyph_ok(const struct ps_model *m)
{
	return m->utf8 ? "\xe2\x9c\x93" : "+";
}

static const char *glyph_missing(const struct ps_model *m)
{
	return m->utf8 ? "\xe2\x9c\x97" : "x";
}

static const char *glyph_arrow(const struct ps_model *m)
{
	return m->utf8 ? "\xe2\x86\x92" : "->";
}

/* A path as Python shows it: '' for the empty string. */
static const char *show_path(const char *p)
{
	return (p && *p) ? p : "''";
}

/* ------------------------------------------------------------------ */
/* panes and rows                                                      */
/* ------------------------------------------------------------------ */

static void pane_clear_rows(struct ps_pane *p)
{
	size_t i;

	for (i = 0; i < p->nrows; i++)
		free(p->rows[i].text);
	p->nrows = 0;
}

static void pane_release(struct ps_pane *p)
{
	pane_clear_rows(p);
	free(p->rows);
	free(p->vis);
	free(p->footer);
	free(p->summary);
	memset(p, 0, sizeof(*p));
}

static char *escape_controls(char *text);
static struct ps_row *pane_add(struct ps_pane *p, enum ps_row_kind kind, long arg,
			       enum ps_role role, const char *fmt, ...) PS_PRINTF(5, 6);

/* Appends a row (text printf-style); selectable unless it is ROW_TEXT. Returns it (borrowed). */
static struct ps_row *pane_add(struct ps_pane *p, enum ps_row_kind kind, long arg,
			       enum ps_role role, const char *fmt, ...)
{
	struct ps_row *r;
	struct ps_buf b;
	va_list ap;

	if (p->nrows == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 32;
		p->rows = xrealloc(p->rows, p->alloc * sizeof(*p->rows));
	}
	ps_buf_init(&b);
	va_start(ap, fmt);
	ps_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	xbuf_check(&b);
	r = &p->rows[p->nrows++];
	memset(r, 0, sizeof(*r));
	r->text = ps_buf_detach(&b);
	if (!r->text)
		die_oom();
	r->text = escape_controls(r->text);
	r->kind = kind;
	r->arg = arg;
	r->step = -1;
	r->role = role;
	r->label_role = ROLE_LABEL;
	r->mark = ' ';
	r->selectable = kind != ROW_TEXT && kind != ROW_GHOST;
	return r;
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

/* A row whose text is made when first needed (model_row_text): trace rows, thousands of them. */
static struct ps_row *pane_add_lazy(struct ps_pane *p, enum ps_row_kind kind, long arg,
				    enum ps_role role)
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

static char *step_text(const struct ps_model *m, size_t i);
static long deciding_step(struct ps_model *m, const char *var, long before);
static int result_text_width(const struct ps_model *m);
static void rules_list(struct ps_buf *b, enum ps_platform platform);
static void platform_choices(const struct ps_model *m, struct ps_buf *b);
static void relayout(struct ps_model *m);

/* A .pth line of the result as a row: "action  file:line text" (yours). */
static char *pth_text(const struct ps_model *m, size_t i)
{
	const struct ps_pth_line *l = &m->res.pth[i];
	return xasprintf("%-*s %s:%d %s", BADGE_W - 1, ps_pth_action_name(l->action),
			 l->file ? l->file : "", l->line, l->text ? l->text : "");
}

const char *model_row_text(const struct ps_model *m, const struct ps_row *row)
{
	/* the text is a cache: filling it in does not change what the row is */
	struct ps_row *r = (struct ps_row *)(uintptr_t)row;

	if (!r->text)
		r->text = r->kind == ROW_STEP ? step_text(m, (size_t)r->arg) :
			  r->kind == ROW_PTHFILE ? pth_text(m, (size_t)r->arg) : xstrdup("");
	r->text = escape_controls(r->text);
	return r->text;
}

/* A "label  value" row: the label padded to LABEL_W columns (labels are ASCII). */
static struct ps_row *pane_add_kv(struct ps_pane *p, enum ps_row_kind kind, long arg,
				  const char *label, const char *value, enum ps_role role)
{
	struct ps_row *r = pane_add(p, kind, arg, role, "%-*s %s", LABEL_W - 1, label,
				    value ? value : "");
	r->label_len = strlen(label) < LABEL_W - 1 ? LABEL_W - 1 : strlen(label);
	r->elide_from = r->label_len + 1;
	return r;
}

static void pane_footer(struct ps_pane *p, char *text)
{
	free(p->footer);
	p->footer = text;
}

bool model_row_matches(struct ps_model *m, const struct ps_row *row)
{
	const char *text;

	if (!match_active(m->match))
		return false;
	text = model_row_text(m, row);
	return match_test(m->match, text, strlen(text));
}

/* Rebuilds the list of rows shown (all, or the matching ones) and clamps the cursor. */
static void pane_refilter(struct ps_model *m, struct ps_pane *p, bool filter)
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

static struct ps_row *pane_cur_row(struct ps_pane *p)
{
	return p->nvis ? &p->rows[p->vis[p->cur]] : NULL;
}

/* Keeps the cursor on the screen. */
static void pane_scroll_to_cursor(struct ps_pane *p)
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

/*
 * Moves the cursor by delta rows, skipping rows that cannot be selected;
 * stays put when there is nothing selectable in that direction.
 */
static void pane_move(struct ps_pane *p, long delta)
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

/* Puts the cursor on the first selectable row at or after the current one. */
static void pane_settle(struct ps_pane *p)
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

/* Text views (help, diff) scroll instead of moving a cursor. */
static void pane_scroll(struct ps_pane *p, long delta)
{
	long top = (long)p->top + delta, max = (long)p->nvis - (p->h > 0 ? p->h : 1);

	if (max < 0)
		max = 0;
	p->top = (size_t)(top < 0 ? 0 : top > max ? max : top);
	p->cur = p->top;
}

/* ------------------------------------------------------------------ */
/* status                                                              */
/* ------------------------------------------------------------------ */

void model_status(struct ps_model *m, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->status, sizeof(m->status), fmt, ap);
	va_end(ap);
	m->status_error = error;
}

static void status_err(struct ps_model *m, const struct ps_error *err)
{
	char buf[1024];
	ps_error_format(err, buf, sizeof(buf));
	model_status(m, true, "%s", buf);
}

/* ------------------------------------------------------------------ */
/* the files the explorer edits: pyvenv.cfg and ._pth                   */
/* ------------------------------------------------------------------ */

static struct ps_vfs *edit_tree(struct ps_model *m, struct ps_error *err)
{
	struct ps_overlay *ov;

	if (!m->real_mode && m->s->scenario)
		return m->s->scenario->vfs;
	ov = session_overlay(m->s);
	if (!ov) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return ps_overlay_upper(ov);
}

static struct ps_edit *edit_find(struct ps_model *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->nedits; i++)
		if (!strcmp(m->edits[i].path, path))
			return &m->edits[i];
	return NULL;
}

/* Remembers what a file was before the explorer first changed it. */
static void edit_note(struct ps_model *m, const char *path)
{
	struct ps_edit *e;
	char *data = NULL;
	size_t len = 0;

	if (edit_find(m, path))
		return;
	m->edits = xrealloc(m->edits, (m->nedits + 1) * sizeof(*m->edits));
	e = &m->edits[m->nedits++];
	e->path = xstrdup(path);
	e->existed = ps_fs_isfile(&m->s->fs, path) &&
		     m->s->fs.ops->read_file(m->s->fs.ctx, path, 1 << 20, &data, &len) == 0;
	e->orig = e->existed ? data : NULL;
	if (!e->existed)
		free(data);
}

static bool is_edited(const struct ps_model *m, const char *path)
{
	size_t i;

	for (i = 0; path && i < m->nedits; i++)
		if (!strcmp(m->edits[i].path, path))
			return true;
	return false;
}

/* Writes a file into the virtual layer (overlay or scenario tree); never to disk. */
static int put_file(struct ps_model *m, const char *path, const char *content)
{
	struct ps_error err;
	struct ps_vfs *vfs;

	ps_error_init(&err);
	edit_note(m, path);
	vfs = edit_tree(m, &err);
	if (!vfs || ps_vfs_remove(vfs, path) < 0 ||
	    ps_vfs_add(vfs, path, PS_FT_FILE, false, content, strlen(content), NULL, 0, &err) < 0) {
		if (!err.code)
			ps_error_set(&err, PS_ERR_INVAL, "cannot add %s", path);
		status_err(m, &err);
		return -1;
	}
	return 0;
}

/* Hides a file: removed from the scenario tree, or whited out over the real one. */
static int remove_file(struct ps_model *m, const char *path)
{
	struct ps_error err;
	struct ps_vfs *vfs;

	ps_error_init(&err);
	edit_note(m, path);
	vfs = edit_tree(m, &err);
	if (!vfs) {
		status_err(m, &err);
		return -1;
	}
	ps_vfs_remove(vfs, path);
	if (m->real_mode && ps_overlay_whiteout(m->s->overlay, path) < 0) {
		model_status(m, true, "cannot hide %s", path);
		return -1;
	}
	return 0;
}

/*
 * The file a phase found: the first probe of that phase whose path ends
 * in suffix and exists now.  NULL when none does (yours otherwise).
 */
static char *probe_path(struct ps_model *m, enum ps_phase phase, const char *suffix)
{
	size_t i;

	for (i = 0; m->have_result && i < m->res.ntrace; i++) {
		const struct ps_step *st = &m->res.trace[i];
		if (st->phase == phase && st->path && ends_with(st->path, suffix) &&
		    ps_fs_isfile(&m->s->fs, st->path))
			return xstrdup(st->path);
	}
	return NULL;
}

/* The first file a phase looked for whose path ends in suffix, found or not (yours), or NULL. */
static char *first_probe(struct ps_model *m, enum ps_phase phase, const char *suffix)
{
	size_t i;

	for (i = 0; m->have_result && i < m->res.ntrace; i++) {
		const struct ps_step *st = &m->res.trace[i];
		if (st->phase == phase && st->op != PS_OP_DECIDE && st->path && ends_with(st->path, suffix))
			return xstrdup(st->path);
	}
	return NULL;
}

static const char *exe_path(struct ps_model *m)
{
	if (m->have_result && m->res.getpath.executable && *m->res.getpath.executable)
		return m->res.getpath.executable;
	return m->s->in.argv0;
}

/* Splits "key = value" lines (pyvenv.cfg syntax); the value is yours or NULL. */
static char *cfg_get(const struct ps_strv *lines, const char *key)
{
	size_t i, klen = strlen(key);

	for (i = 0; i < lines->n; i++) {
		const char *l = lines->v[i], *eq;
		while (*l == ' ' || *l == '\t')
			l++;
		eq = strchr(l, '=');
		if (!eq || strncmp(l, key, klen))
			continue;
		if (strspn(l + klen, " \t") != (size_t)(eq - l - (long)klen))
			continue;
		eq++;
		while (*eq == ' ' || *eq == '\t')
			eq++;
		{
			char *v = xstrdup(eq);
			size_t n = strlen(v);
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
				v[--n] = '\0';
			return v;
		}
	}
	return NULL;
}

/* Looks at the files again after a resolution: which pyvenv.cfg and ._pth, and what they say. */
static void refresh_files(struct ps_model *m)
{
	struct ps_strv lines;
	char *p;

	/* keep the paths the user has edited; otherwise follow the model's probes */
	if (!m->venv_cfg || !is_edited(m, m->venv_cfg)) {
		/* where a venv keeps it: above bin/ */
		p = probe_path(m, PS_PHASE_VENV, "pyvenv.cfg");
		if (!p) {
			char *d1 = ps_path_dirname(m->s->in.build.platform, exe_path(m));
			char *d2 = d1 ? ps_path_dirname(m->s->in.build.platform, d1) : NULL;
			if (d2)
				p = ps_path_join2(m->s->in.build.platform, *d2 ? d2 : "/", "pyvenv.cfg");
			free(d1);
			free(d2);
		}
		if (p) {
			free(m->venv_cfg);
			m->venv_cfg = p;
		}
	}
	if (!m->pth_path || !is_edited(m, m->pth_path)) {
		p = probe_path(m, PS_PHASE_PTH, "._pth");
		if (!p)
			p = first_probe(m, PS_PHASE_PTH, "._pth");
		if (!p && m->s->in.build.platform == PS_PLATFORM_NT) {
			/* Windows looks for python._pth next to python.exe */
			const char *exe = exe_path(m) ? exe_path(m) : "python.exe";
			const char *dot = strrchr(exe, '.'), *sep = strrchr(exe, '\\');
			size_t n = dot && (!sep || dot > sep) ? (size_t)(dot - exe) : strlen(exe);
			p = xasprintf("%.*s._pth", (int)n, exe);
		}
		if (!p)
			p = xasprintf("%s._pth", exe_path(m) ? exe_path(m) : "python");
		free(m->pth_path);
		m->pth_path = p;
	}

	ps_strv_init(&lines);
	free(m->venv_home);
	free(m->venv_syssite);
	m->venv_home = m->venv_syssite = NULL;
	m->venv_present = m->venv_cfg && ps_fs_isfile(&m->s->fs, m->venv_cfg);
	if (m->venv_present && ps_fs_read_lines(&m->s->fs, m->venv_cfg, 32768, &lines) == 0) {
		m->venv_home = cfg_get(&lines, "home");
		m->venv_syssite = cfg_get(&lines, "include-system-site-packages");
	}
	ps_strv_clear(&lines);
	ps_strv_clear(&m->pth_lines);
	m->pth_present = m->pth_path && ps_fs_isfile(&m->s->fs, m->pth_path);
	if (m->pth_present)
		ps_fs_read_lines(&m->s->fs, m->pth_path, 32768, &m->pth_lines);
	ps_strv_release(&lines);
}

static char *join_lines(const struct ps_strv *lines)
{
	struct ps_buf b;
	size_t i;

	ps_buf_init(&b);
	for (i = 0; i < lines->n; i++) {
		ps_buf_adds(&b, lines->v[i]);
		ps_buf_addc(&b, '\n');
	}
	xbuf_check(&b);
	return ps_buf_detach(&b);
}

/* Sets (value != NULL) or removes a "key = value" line of pyvenv.cfg. */
static int venv_set(struct ps_model *m, const char *key, const char *value)
{
	struct ps_strv lines;
	size_t i, klen = strlen(key);
	bool done = false;
	char *content;
	int rc;

	ps_strv_init(&lines);
	if (m->venv_present)
		ps_fs_read_lines(&m->s->fs, m->venv_cfg, 32768, &lines);
	/* readlines keeps a last empty piece after the final newline: drop it */
	if (lines.n && !*lines.v[lines.n - 1])
		ps_strv_remove(&lines, lines.n - 1);
	for (i = 0; i < lines.n; i++) {
		const char *l = lines.v[i] + strspn(lines.v[i], " \t");
		if (!strncmp(l, key, klen) && (l[klen] == ' ' || l[klen] == '=' || l[klen] == '\t')) {
			if (value && !done) {
				free(lines.v[i]);
				lines.v[i] = xasprintf("%s = %s", key, value);
				done = true;
			} else {
				ps_strv_remove(&lines, i);
				i--;
			}
		}
	}
	if (value && !done)
		ps_strv_push_take(&lines, xasprintf("%s = %s", key, value));
	content = join_lines(&lines);
	rc = put_file(m, m->venv_cfg, content);
	free(content);
	ps_strv_release(&lines);
	return rc;
}

static int pth_write(struct ps_model *m, const struct ps_strv *lines)
{
	char *content = join_lines(lines);
	int rc = put_file(m, m->pth_path, content);
	free(content);
	return rc;
}

/* The lines of the ._pth file without readlines' trailing empty piece. */
static void pth_lines_copy(struct ps_model *m, struct ps_strv *out)
{
	ps_strv_copy(out, &m->pth_lines);
	if (out->n && !*out->v[out->n - 1])
		ps_strv_remove(out, out->n - 1);
}

/* ------------------------------------------------------------------ */
/* snapshots and "what changed"                                         */
/* ------------------------------------------------------------------ */

static const char *value_of(const struct ps_result *r, int i)
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

static const struct ps_entry *entries_of(const struct ps_result *r, size_t *n)
{
	if (r->has_sys) {
		*n = r->nentries;
		return r->entries;
	}
	*n = r->getpath.nentries;
	return r->getpath.entries;
}

/* The result as "key SEP value" lines: what "what changed" and the diff view compare. */
static void snapshot(struct ps_model *m, struct ps_strv *out)
{
	const struct ps_result *r = &m->res;
	const struct ps_entry *e;
	size_t i, n;

	ps_strv_clear(out);
	if (!m->have_result) {
		ps_strv_pushf(out, "error%c%s", SEP, m->compute_error ? m->compute_error : "");
		return;
	}
	for (i = 0; i < 6; i++)
		ps_strv_pushf(out, "%s%c%s", value_names[i], SEP,
			      value_of(r, (int)i) ? value_of(r, (int)i) : "None");
	e = entries_of(r, &n);
	for (i = 0; i < n; i++)
		ps_strv_pushf(out, "path%c%s", SEP, e[i].path ? e[i].path : "");
	for (i = 0; i < r->getpath.warnings.n; i++)
		ps_strv_pushf(out, "warning%c%s", SEP, r->getpath.warnings.v[i]);
	if (r->has_fatal)
		ps_strv_pushf(out, "fatal%c%s", SEP, r->fatal.message ? r->fatal.message : "");
}

static bool is_scalar_key(const char *line)
{
	size_t i;
	for (i = 0; i < 6; i++) {
		size_t n = strlen(value_names[i]);
		if (!strncmp(line, value_names[i], n) && line[n] == SEP)
			return true;
	}
	return false;
}

/* The value of key in a snapshot, or NULL. */
static const char *snap_get(const struct ps_strv *snap, const char *key)
{
	size_t i, n = strlen(key);
	for (i = 0; i < snap->n; i++)
		if (!strncmp(snap->v[i], key, n) && snap->v[i][n] == SEP)
			return snap->v[i] + n + 1;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* building the panes                                                  */
/* ------------------------------------------------------------------ */

static bool flags_hide_env(const struct ps_inputs *in)
{
	return in->flags.ignore_environment || in->flags.isolated;
}

static void build_env_names(struct ps_model *m)
{
	const struct ps_strv *env = &m->s->in.env;
	size_t i;

	ps_strv_clear(&m->env_names);
	for (i = 0; i < sizeof(fixed_env) / sizeof(fixed_env[0]); i++)
		ps_strv_push(&m->env_names, fixed_env[i]);
	/* other PYTHON* variables the user has set, then HOME and PATH */
	for (i = 0; i < env->n; i++) {
		const char *eq = strchr(env->v[i], '=');
		char name[128];
		size_t len = eq ? (size_t)(eq - env->v[i]) : strlen(env->v[i]);
		if (len >= sizeof(name))
			continue;
		memcpy(name, env->v[i], len);
		name[len] = '\0';
		if ((strncmp(name, "PYTHON", 6) && strcmp(name, "__PYVENV_LAUNCHER__")) ||
		    ps_strv_find(&m->env_names, name) >= 0)
			continue;
		ps_strv_push(&m->env_names, name);
	}
	ps_strv_push(&m->env_names, "HOME");
	ps_strv_push(&m->env_names, "PATH");
}

static char mark_input(bool changed)
{
	return changed ? '*' : ' ';
}

/* The run mode as typed after "python": "-c pass", "-m main", "main.py", "(interactive)". */
static void run_text(const struct ps_run *run, struct ps_buf *b)
{
	const char *arg = run->arg ? run->arg : "";

	switch (run->kind) {
	case PS_RUN_COMMAND: ps_buf_addf(b, "-c %s", arg); break;
	case PS_RUN_MODULE: ps_buf_addf(b, "-m %s", arg); break;
	case PS_RUN_SCRIPT: ps_buf_adds(b, *arg ? arg : "''"); break;
	default: ps_buf_adds(b, "(interactive)"); break;
	}
}

/*
 * The label of a row showing a file the explorer may have changed: in
 * real mode an edited file is a virtual overlay, and the label says so
 * ("pyvenv.cfg [ov]": the label column has room, the value column not).
 * Yours.
 */
static char *file_label(struct ps_model *m, const char *label, const char *path)
{
	return xasprintf("%s%s", label, m->real_mode && path && is_edited(m, path) ? " [ov]" : "");
}

static void build_inputs(struct ps_model *m)
{
	struct ps_pane *p = &m->pane[PANE_INPUTS];
	const struct ps_inputs *in = &m->s->in, *st = &m->start_in;
	struct ps_row *r;
	struct ps_buf b;
	size_t i;
	char *v;
	int k;

	pane_clear_rows(p);
	build_env_names(m);
	snprintf(p->title, sizeof(p->title), "inputs");

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "flags");
	for (k = 0; k < 5; k++) {
		bool on = flag_get(&in->flags, k);
		bool was = flag_get(&st->flags, k);
		/* [I]: on because -I is (the row says so rather than look off) */
		r = pane_add(p, ROW_FLAG, k, on && flag_exists(in, k) ? ROLE_DEFAULT : ROLE_DIM, "[%c] %s %s%s",
			     on ? 'x' : flag_implied(in, k) ? 'I' : ' ', flag_names[k], flag_short[k],
			     flag_exists(in, k) ? "" : k == 1 ? " (3.4+)" : " (3.11+)");
		r->mark = mark_input(on != was);
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "environment");
	for (i = 0; i < m->env_names.n; i++) {
		const char *name = m->env_names.v[i];
		const char *val = ps_env_get(&in->env, name);
		bool gated = !strncmp(name, "PYTHON", 6) && flags_hide_env(in);
		/* "ignored" first: the value column is narrow, and that is what matters */
		v = val ? xasprintf("%s%s", gated ? "ignored: " : "", *val ? val : "''")
			: xstrdup("(unset)");
		r = pane_add_kv(p, ROW_ENV, (long)i, name, v,
				(!val || gated) ? ROLE_DIM : ROLE_DEFAULT);
		r->mark = mark_input(!str_eq(val, ps_env_get(&st->env, name)));
		free(v);
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "invocation");
	ps_buf_init(&b);
	run_text(&in->run, &b);
	xbuf_check(&b);
	r = pane_add_kv(p, ROW_RUN, 0, "run", b.s, ROLE_DEFAULT);
	r->mark = mark_input(in->run.kind != st->run.kind || !str_eq(in->run.arg, st->run.arg));
	ps_buf_release(&b);
	r = pane_add_kv(p, ROW_ARGV0, 0, "argv0", in->argv0 ? in->argv0 : "", ROLE_DEFAULT);
	r->mark = mark_input(!str_eq(in->argv0, st->argv0));
	r = pane_add_kv(p, ROW_CWD, 0, "cwd", in->cwd ? in->cwd : "", ROLE_DEFAULT);
	r->mark = mark_input(!str_eq(in->cwd, st->cwd));

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "venv");
	v = file_label(m, "pyvenv.cfg", m->venv_cfg);
	r = pane_add_kv(p, ROW_VENV, 0, v, m->venv_present ? "present" : "absent",
			m->venv_present ? ROLE_DEFAULT : ROLE_DIM);
	if (is_edited(m, m->venv_cfg)) {
		r->mark = '*';
		r->role = ROLE_OVERLAY;
	}
	free(v);
	if (m->venv_present) {
		v = file_label(m, "  home", m->venv_cfg);
		pane_add_kv(p, ROW_VENV_HOME, 0, v, m->venv_home ? m->venv_home : "(none)",
			    m->venv_home ? ROLE_DEFAULT : ROLE_DIM);
		free(v);
		v = file_label(m, "  system site", m->venv_cfg);
		pane_add_kv(p, ROW_VENV_SYSSITE, 0, v,
			    m->venv_syssite ? m->venv_syssite : "(unset: false)",
			    m->venv_syssite ? ROLE_DEFAULT : ROLE_DIM);
		free(v);
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "._pth");
	v = file_label(m, "._pth file", m->pth_path);
	r = pane_add_kv(p, ROW_PTH, 0, v, m->pth_present ? "present" : "absent",
			m->pth_present ? ROLE_DEFAULT : ROLE_DIM);
	if (is_edited(m, m->pth_path)) {
		r->mark = '*';
		r->role = ROLE_OVERLAY;
	}
	free(v);
	if (m->pth_present) {
		size_t n = m->pth_lines.n;
		if (n && !*m->pth_lines.v[n - 1])
			n--;
		for (i = 0; i < n; i++) {
			char label[32];
			snprintf(label, sizeof(label), "  line %zu", i + 1);
			pane_add_kv(p, ROW_PTH_LINE, (long)i, label, m->pth_lines.v[i], ROLE_DEFAULT);
		}
		pane_add(p, ROW_PTH_ADD, 0, ROLE_DIM, "  + add a line");
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "model");
	v = xasprintf("%d.%d", in->build.major, in->build.minor);
	r = pane_add_kv(p, ROW_RULES, 0, "rules", v, ROLE_DEFAULT);
	r->mark = mark_input(in->build.major != st->build.major || in->build.minor != st->build.minor);
	free(v);
	r = pane_add_kv(p, ROW_PLATFORM, 0, "platform", ps_platform_name(in->build.platform),
			ROLE_DEFAULT);
	r->mark = mark_input(in->build.platform != st->build.platform);
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

static void add_entry_row(struct ps_model *m, struct ps_pane *p, const struct ps_entry *e,
			  long idx, char mark)
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

/* Rows of text wrapped to width (0: one row); returns the first (borrowed). */
static struct ps_row *add_wrapped(struct ps_pane *p, enum ps_row_kind kind, long arg,
				  enum ps_role role, const char *text, int width, int indent)
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

/* Result rows for the final state, with "what changed" marks against the previous one. */
static void build_result_final(struct ps_model *m, struct ps_pane *p)
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
	if (r->has_fatal) {
		/* wrapped to the pane: the cause and the fix are what the banner is for */
		char *t = xasprintf("%s Python would not start: %s", glyph_missing(m),
				    r->fatal.message ? r->fatal.message : "fatal error");
		row = add_wrapped(p, ROW_FATAL, 0, ROLE_BANNER, t, m->result_wrap, 2);
		free(t);
		if (r->fatal.cause) {
			t = xasprintf("cause: %s", r->fatal.cause);
			add_wrapped(p, ROW_FATAL, 1, ROLE_BANNER, t, m->result_wrap, 7);
			free(t);
		}
		if (r->fatal.fix) {
			t = xasprintf("fix: %s", r->fatal.fix);
			add_wrapped(p, ROW_FATAL, 2, ROLE_BANNER, t, m->result_wrap, 5);
			free(t);
		}
		if (marks && !snap_get(&m->snap_prev, "fatal"))
			row->mark = '+';
		pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "getpath's values (start-up stops before site)");
	}
	for (i = 0; i < 6; i++) {
		const char *v = value_of(r, (int)i);
		row = pane_add_kv(p, ROW_VALUE, (long)i, value_names[i], v ? v : "None",
				  v ? ROLE_DEFAULT : ROLE_DIM);
		if (marks && !strset_has(&prev, m->snap_cur.v[i]))
			row->mark = snap_get(&m->snap_prev, value_names[i]) ? '~' : '+';
	}
	e = entries_of(r, &n);
	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "%s (%zu)",
		 r->has_sys ? "sys.path" : "module_search_paths", n);
	for (i = 0; i < n; i++) {
		char mark = ' ';
		if (marks) {
			char *key = xasprintf("path%c%s", SEP, e[i].path ? e[i].path : "");
			if (!strset_has(&prev, key))
				mark = '+';
			free(key);
		}
		add_entry_row(m, p, &e[i], (long)i, mark);
	}
	/* entries that went away with the last change */
	for (i = 0; marks && i < m->snap_prev.n; i++) {
		const char *l = m->snap_prev.v[i];
		if (strncmp(l, "path", 4) || l[4] != SEP || strset_has(&cur, l))
			continue;
		row = pane_add(p, ROW_GHOST, 0, ROLE_REMOVED, "%-*s - %s", BADGE_W - 1, "removed",
			       show_path(l + 5));
		row->mark = '-';
		row->elide_from = BADGE_W + 2;
	}
	if (r->getpath.warnings.n) {
		pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "warnings (stderr)");
		for (i = 0; i < r->getpath.warnings.n; i++) {
			char *key = xasprintf("warning%c%s", SEP, r->getpath.warnings.v[i]);
			row = pane_add(p, ROW_WARNING, (long)i, ROLE_WARNING, "%s", r->getpath.warnings.v[i]);
			if (marks && !strset_has(&prev, key))
				row->mark = '+';
			free(key);
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
	if (marks) {
		strset_release(&prev);
		strset_release(&cur);
	}
}

long model_trace_step(const struct ps_model *m)
{
	const struct ps_pane *p = &m->pane[PANE_TRACE];
	if (!m->have_result || !m->res.ntrace || !p->nvis)
		return -1;
	return p->rows[p->vis[p->cur]].arg;
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
 * The result "as of" step cur: every variable set by a decision up to
 * there (ps_step.var/value) and the entries added so far.  The six sys
 * values come first, then the entries (what stepping is about), then the
 * other variables getpath and site.py keep.  m->replay_row gets the row
 * the current step changed, so the view can keep it on screen.
 */
static void build_result_replay(struct ps_model *m, struct ps_pane *p, long cur)
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
		names[nvars] = value_names[i];
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
				if (!strcmp(var + 4, value_names[i]))
					var = value_names[i];
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
	e = entries_of(r, &n);
	for (i = 0; i < n; i++)
		if (!(e[i].step > cur || (e[i].step < 0 && !final)))
			shown++;
	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "%s so far (%ld of %zu)",
		 r->has_sys ? "sys.path" : "module_search_paths", shown, n);
	for (i = 0; i < n; i++) {
		if (e[i].step > cur || (e[i].step < 0 && !final))
			continue;
		add_entry_row(m, p, &e[i], (long)i, e[i].step == cur ? '+' : ' ');
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

static void build_result(struct ps_model *m)
{
	struct ps_pane *p = &m->pane[PANE_RESULT];
	long step = model_trace_step(m);

	pane_clear_rows(p);
	if (!m->have_result) {
		snprintf(p->title, sizeof(p->title), "result");
		char *t = xasprintf("no result: %s", m->compute_error ? m->compute_error : "not computed");
		add_wrapped(p, ROW_FATAL, 0, ROLE_ERROR, t, result_text_width(m), 2);
		free(t);
		if (ps_rules_supported(m->s->in.build.major, m->s->in.build.minor, m->s->in.build.platform) < 0) {
			struct ps_buf b;
			ps_buf_init(&b);
			ps_buf_addf(&b, "the rules row of the inputs (Enter) picks a version that has them:");
			rules_list(&b, m->s->in.build.platform);
			xbuf_check(&b);
			add_wrapped(p, ROW_NOTE, 0, ROLE_DEFAULT, b.s, result_text_width(m), 2);
			ps_buf_release(&b);
		}
		return;
	}
	m->result_wrap = result_text_width(m);
	m->replay_row = -1;
	if (m->focus == PANE_TRACE && step >= 0) {
		snprintf(p->title, sizeof(p->title), "state as of step %ld of %zu", step + 1, m->res.ntrace);
		build_result_replay(m, p, step);
	} else {
		snprintf(p->title, sizeof(p->title), "%s", m->res.has_fatal ? "result: python would not start" :
			 m->res.has_sys ? "result: sys" : "result: getpath");
		build_result_final(m, p);
	}
}

static char *step_text(const struct ps_model *m, size_t i)
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

/* One row per step; their text is made only for the rows drawn, searched or dumped. */
static void build_trace(struct ps_model *m)
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
	/* what the collapsed pane says: how to open it, and where the answers are */
	{
		long sp = deciding_step(m, "prefix", -1), sx = deciding_step(m, "exec_prefix", -1);
		char key[16];
		keymap_key_name(keymap_key_for(ACT_PANE_TRACE, PS_CTX_PANES), key, sizeof(key));
		if (sp >= 0 && sx >= 0)
			p->summary = xasprintf("prefix: step %ld, exec_prefix: step %ld (%s: step through)",
					       sp + 1, sx + 1, key);
		else
			p->summary = xasprintf("%zu steps (%s: step through them)", m->res.ntrace, key);
	}
	for (i = 0; i < m->res.ntrace; i++) {
		const struct ps_step *st = &m->res.trace[i];
		enum ps_role role = ROLE_DEFAULT;
		struct ps_row *r;
		const char *res = st->result ? st->result : "";

		if (st->op == PS_OP_DECIDE)
			role = ROLE_CHANGED;
		else if (st->op == PS_OP_WARN)
			role = ROLE_WARNING;
		else if (!strcmp(res, "false") || (res[0] == 'E' && res[1] >= 'A' && res[1] <= 'Z'))
			role = ROLE_DIM;
		else if (!strcmp(res, "true") || !strncmp(res, "ok", 2))
			role = ROLE_PATH_FOUND;
		r = pane_add_lazy(p, ROW_STEP, (long)i, role);
		r->step = (long)i;
		r->label_len = 17;
		r->label_role = ROLE_LABEL;
	}
}

/* A file row's footer: the key first (the inputs column is narrow), then where, then how. Yours. */
static char *file_footer(struct ps_model *m, const char *path, bool present)
{
	return xasprintf("Enter %s %s%s (e: another path)", present ? "removes" : "adds", path ? path : "",
			 m->real_mode ? is_edited(m, path) ? ": a virtual overlay, not on disk" :
						     ", virtually: nothing is written to disk" :
				      ", in the scenario's tree in memory");
}

static void update_footer(struct ps_model *m, enum ps_pane_id id)
{
	struct ps_pane *p = &m->pane[id];
	struct ps_row *r = pane_cur_row(p);
	const struct ps_inputs *in = &m->s->in;

	if (!r) {
		pane_footer(p, NULL);
		return;
	}
	if (r->kind == ROW_STEP && m->have_result && (size_t)r->arg < m->res.ntrace) {
		pane_footer(p, step_footer(m, (size_t)r->arg));
		return;
	}
	if (r->kind == ROW_ENTRY && id == PANE_RESULT) {
		size_t n;
		const struct ps_entry *e = entries_of(&m->res, &n);
		if ((size_t)r->arg < n) {
			const struct ps_entry *en = &e[r->arg];
			struct ps_buf b;
			ps_buf_init(&b);
			ps_buf_addf(&b, "%s: %s", show_path(en->path),
				    en->detail ? en->detail : ps_origin_name(en->origin));
			if (en->path && !*en->path)
				ps_buf_addf(&b, " (%s)", entry_exists(m, en) ? "the cwd exists" : "the cwd is missing");
			if (r->step >= 0)
				ps_buf_addf(&b, "  [step %ld; Enter shows it]", r->step + 1);
			xbuf_check(&b);
			pane_footer(p, ps_buf_detach(&b));
			return;
		}
	}
	if (r->step >= 0 && m->have_result && (size_t)r->step < m->res.ntrace && id != PANE_INPUTS &&
	    r->kind != ROW_VALUE) {
		const struct ps_step *st = &m->res.trace[r->step];
		pane_footer(p, xasprintf("step %ld: %s%s%s", r->step + 1,
					 st->note ? st->note : ps_op_name(st->op),
					 st->path ? " " : "", st->path ? st->path : ""));
		return;
	}
	switch (r->kind) {
	case ROW_FLAG:
		pane_footer(p, xasprintf("%s: %s%s%s%s  (Enter toggles)", flag_names[r->arg], flag_long[r->arg],
					 flag_implied(in, (int)r->arg) ? "; in effect now: -I implies it" : "",
					 flag_exists(in, (int)r->arg) ? "" : "; not in this version: ",
					 flag_exists(in, (int)r->arg) ? "" :
					 r->arg == 1 ? "-I came in 3.4" : "-P came in 3.11"));
		break;
	case ROW_ENV: {
		const char *name = m->env_names.v[r->arg], *v = ps_env_get(&in->env, name);
		bool gated = v && !strncmp(name, "PYTHON", 6) && flags_hide_env(in);
		pane_footer(p, v ? xasprintf("%s=%s%s  (Enter edits, d unsets)", name, v,
					     !gated ? "" : in->flags.isolated ? "; ignored: -I is on" :
					     "; ignored: -E is on")
				 : xasprintf("%s is unset  (Enter sets it)", name));
		break;
	}
	case ROW_RUN:
		pane_footer(p, xasprintf("python %s: how it is run decides sys.path[0] (Enter: %s, %s, %s, %s in turn; e edits the argument)",
					 r->text + r->label_len + 1, run_names[0], run_names[1], run_names[2], run_names[3]));
		break;
	case ROW_ARGV0:
		pane_footer(p, xasprintf("argv[0] as typed: %s  (Enter edits)", in->argv0 ? in->argv0 : ""));
		break;
	case ROW_CWD:
		pane_footer(p, xasprintf("working directory: %s  (Enter edits)", in->cwd ? in->cwd : ""));
		break;
	case ROW_VENV:
		pane_footer(p, file_footer(m, m->venv_cfg, m->venv_present));
		break;
	case ROW_VENV_HOME:
		pane_footer(p, xasprintf("home = %s  (Enter edits)", m->venv_home ? m->venv_home : ""));
		break;
	case ROW_VENV_SYSSITE:
		pane_footer(p, xstrdup("include-system-site-packages (Enter toggles true/false)"));
		break;
	case ROW_PTH:
		pane_footer(p, file_footer(m, m->pth_path, m->pth_present));
		break;
	case ROW_PTH_LINE:
		pane_footer(p, xasprintf("%s  (Enter edits, d deletes the line)",
					 (size_t)r->arg < m->pth_lines.n ? m->pth_lines.v[r->arg] : ""));
		break;
	case ROW_PTH_ADD:
		pane_footer(p, xstrdup("Enter appends a line to the ._pth file"));
		break;
	case ROW_RULES: {
		struct ps_buf b;
		ps_buf_init(&b);
		ps_buf_addf(&b, "CPython versions with %s rules:", ps_platform_name(in->build.platform));
		rules_list(&b, in->build.platform);
		ps_buf_adds(&b, " (Enter: next, e: type one)");
		xbuf_check(&b);
		pane_footer(p, ps_buf_detach(&b));
		break;
	}
	case ROW_PLATFORM: {
		struct ps_buf b;
		ps_buf_init(&b);
		platform_choices(m, &b);
		xbuf_check(&b);
		pane_footer(p, ps_buf_detach(&b));
		break;
	}
	case ROW_FATAL: {
		const struct ps_fatal *f = &m->res.fatal;
		pane_footer(p, xasprintf("%s%s%s%s%s", f->message ? f->message : "fatal error",
					 f->cause ? "; cause: " : "", f->cause ? f->cause : "",
					 f->fix ? "; fix: " : "", f->fix ? f->fix : ""));
		break;
	}
	case ROW_VALUE:
		pane_footer(p, xasprintf("%.*s = %s  (Enter: the step that decided it)",
					 (int)strcspn(r->text, " "), r->text, r->text + r->label_len + 1));
		break;
	case ROW_ENTRY:
	case ROW_STEP:
	default:
		pane_footer(p, xstrdup(model_row_text(m, r)));
		break;
	}
}

/*
 * The replay keeps the row the current step changed on screen (its
 * cursor is not shown: the trace has the focus).
 */
static void result_show_replay_row(struct ps_model *m)
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

/* The result pane's rows, filter, cursor and footer (no layout). */
static void result_rows(struct ps_model *m)
{
	build_result(m);
	pane_refilter(m, &m->pane[PANE_RESULT], m->filter_on);
	pane_settle(&m->pane[PANE_RESULT]);
	result_show_replay_row(m);
	update_footer(m, PANE_RESULT);
}

/* Rebuilds rows, filters and footers of every pane, then the layout (heights follow the rows). */
static void rebuild(struct ps_model *m)
{
	int i;

	build_inputs(m);
	build_trace(m);
	/* the result pane replays the trace cursor, so the trace is filtered first */
	pane_refilter(m, &m->pane[PANE_TRACE], m->filter_on);
	build_result(m);
	pane_refilter(m, &m->pane[PANE_INPUTS], m->filter_on);
	pane_refilter(m, &m->pane[PANE_RESULT], m->filter_on);
	for (i = 0; i < PANE_COUNT; i++) {
		pane_settle(&m->pane[i]);
		update_footer(m, (enum ps_pane_id)i);
	}
	result_show_replay_row(m);
	relayout(m);
}

/* After the trace cursor moved or the focus changed: the result pane and the layout. */
static void rebuild_result(struct ps_model *m)
{
	result_rows(m);
	update_footer(m, PANE_TRACE);
	relayout(m);
	result_show_replay_row(m);
}

/* ------------------------------------------------------------------ */
/* help and diff views                                                 */
/* ------------------------------------------------------------------ */

/* The name of the first key bound to act in ctx ("3", "Enter"), into buf. */
static const char *key_of(enum ps_action act, unsigned ctx, char *buf, size_t size)
{
	return keymap_key_name(keymap_key_for(act, ctx), buf, size);
}

/*
 * What a newcomer needs before the key list: what the three panes are and
 * how to use them (keys from the key table).
 */
static void help_intro(struct ps_model *m, struct ps_strv *out)
{
	char k1[16], k2[16], k3[16], ke[16], kd[16];

	ps_strv_push(out, "What this is");
	ps_strv_push(out, "  pathscope predicts how Python computes sys.prefix and sys.path at start-up,");
	ps_strv_push(out, "  without running it, and shows why.  Change an input: everything follows.");
	ps_strv_pushf(out, "  %s inputs   what Python starts with: flags, PYTHON* variables, venv, ._pth,",
		      key_of(ACT_PANE_INPUTS, PS_CTX_PANES, k1, sizeof(k1)));
	ps_strv_pushf(out, "             version; %s toggles or edits the row under the cursor",
		      key_of(ACT_ACTIVATE, PS_CTX_INPUTS, ke, sizeof(ke)));
	ps_strv_pushf(out, "  %s result   sys values and sys.path; %s on a row: the step behind it",
		      key_of(ACT_PANE_RESULT, PS_CTX_PANES, k2, sizeof(k2)),
		      key_of(ACT_JUMP_ENTRY, PS_CTX_RESULT, ke, sizeof(ke)));
	ps_strv_pushf(out, "  %s trace    every probe of the landmark search: step with %s/%s and",
		      key_of(ACT_PANE_TRACE, PS_CTX_PANES, k3, sizeof(k3)),
		      key_of(ACT_DOWN, PS_CTX_TRACE, ke, sizeof(ke)), key_of(ACT_UP, PS_CTX_TRACE, kd, sizeof(kd)));
	ps_strv_push(out, "             watch the state fill in above it");
	ps_strv_pushf(out, "  %s          changes since the start (+ ~ - mark what the last change did)",
		      key_of(ACT_DIFF, PS_CTX_PANES, kd, sizeof(kd)));
	ps_strv_pushf(out, "  %s", m->real_mode ? "Edits to files are a virtual overlay: nothing is ever written to disk." :
		      "Edits change the scenario in memory only; w writes them to a new file.");
	ps_strv_push(out, "");
}

static void build_help(struct ps_model *m)
{
	struct ps_strv lines;
	size_t i;

	ps_strv_init(&lines);
	help_intro(m, &lines);
	keymap_help_lines(&lines);
	pane_clear_rows(&m->help);
	snprintf(m->help.title, sizeof(m->help.title), "help (q or Esc closes)");
	for (i = 0; i < lines.n; i++) {
		const char *l = lines.v[i];
		bool heading = *l && *l != ' ';
		struct ps_row *r = pane_add(&m->help, ROW_HELP, 0, heading ? ROLE_HEADER : ROLE_DEFAULT,
					    "%s", l);
		/* "  KEYS  text": keys in the key colour */
		if (!heading && *l) {
			r->label_len = strlen(l) < 19 ? strlen(l) : 19;
			r->label_role = ROLE_KEY;
		}
	}
	ps_strv_release(&lines);
	pane_refilter(m, &m->help, false);
	m->help.top = m->help.cur = 0;
}

static void build_diff(struct ps_model *m)
{
	struct ps_pane *p = &m->diff;
	const struct ps_inputs *in = &m->s->in, *st = &m->start_in;
	struct ps_strset a, b;
	size_t i, before;
	int k;
	struct ps_buf x, y;

	pane_clear_rows(p);
	snprintf(p->title, sizeof(p->title), "changes since the start (D or Esc closes)");
	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "inputs");
	before = p->nrows;
	for (k = 0; k < 5; k++) {
		bool on = flag_get(&in->flags, k);
		if (on != flag_get(&st->flags, k))
			pane_add(p, ROW_HELP, 0, on ? ROLE_ADDED : ROLE_REMOVED, "%c %s", on ? '+' : '-',
				 flag_names[k]);
	}
	for (i = 0; i < m->env_names.n; i++) {
		const char *n = m->env_names.v[i];
		const char *v0 = ps_env_get(&st->env, n), *v1 = ps_env_get(&in->env, n);
		if (str_eq(v0, v1))
			continue;
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ %s: %s %s %s", n, v0 ? v0 : "(unset)",
			 glyph_arrow(m), v1 ? v1 : "(unset)");
	}
	ps_buf_init(&x);
	ps_buf_init(&y);
	run_text(&st->run, &x);
	run_text(&in->run, &y);
	xbuf_check(&x);
	xbuf_check(&y);
	if (strcmp(x.s, y.s))
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ run: %s %s %s", x.s, glyph_arrow(m), y.s);
	ps_buf_release(&x);
	ps_buf_release(&y);
	if (!str_eq(st->argv0, in->argv0))
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ argv0: %s %s %s", st->argv0 ? st->argv0 : "",
			 glyph_arrow(m), in->argv0 ? in->argv0 : "");
	if (!str_eq(st->cwd, in->cwd))
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ cwd: %s %s %s", st->cwd ? st->cwd : "",
			 glyph_arrow(m), in->cwd ? in->cwd : "");
	if (st->build.major != in->build.major || st->build.minor != in->build.minor)
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ rules: %d.%d %s %d.%d", st->build.major,
			 st->build.minor, glyph_arrow(m), in->build.major, in->build.minor);
	if (st->build.platform != in->build.platform)
		pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ platform: %s %s %s",
			 ps_platform_name(st->build.platform), glyph_arrow(m),
			 ps_platform_name(in->build.platform));
	for (i = 0; i < m->nedits; i++)
		pane_add(p, ROW_HELP, 0, ROLE_OVERLAY, "~ file %s (%s)", m->edits[i].path,
			 m->real_mode ? "virtual overlay" : "edited in the scenario's tree");
	if (p->nrows == before)
		pane_add(p, ROW_HELP, 0, ROLE_DIM, "  (no input changed)");

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "result");
	before = p->nrows;
	strset_init(&a, &m->snap_start);
	strset_init(&b, &m->snap_cur);
	for (i = 0; i < 6; i++) {
		const char *v0 = snap_get(&m->snap_start, value_names[i]);
		const char *v1 = snap_get(&m->snap_cur, value_names[i]);
		if (!str_eq(v0, v1))
			pane_add(p, ROW_HELP, 0, ROLE_CHANGED, "~ %s: %s %s %s", value_names[i],
				 v0 ? v0 : "(none)", glyph_arrow(m), v1 ? v1 : "(none)");
	}
	/* lists: what the start had and now lacks, then what is new */
	for (i = 0; i < m->snap_start.n; i++) {
		const char *l = m->snap_start.v[i], *sep = strchr(l, SEP);
		if (is_scalar_key(l) || strset_has(&b, l) || !sep)
			continue;
		pane_add(p, ROW_HELP, 0, ROLE_REMOVED, "- %.*s %s", (int)(sep - l), l,
			 show_path(sep + 1));
	}
	for (i = 0; i < m->snap_cur.n; i++) {
		const char *l = m->snap_cur.v[i], *sep = strchr(l, SEP);
		if (is_scalar_key(l) || strset_has(&a, l) || !sep)
			continue;
		pane_add(p, ROW_HELP, 0, ROLE_ADDED, "+ %.*s %s", (int)(sep - l), l, show_path(sep + 1));
	}
	strset_release(&a);
	strset_release(&b);
	if (p->nrows == before)
		pane_add(p, ROW_HELP, 0, ROLE_DIM, "  (the result is the same as at the start)");
	pane_refilter(m, p, false);
	p->top = p->cur = 0;
}

/* ------------------------------------------------------------------ */
/* resolution                                                          */
/* ------------------------------------------------------------------ */

void model_recompute(struct ps_model *m)
{
	struct ps_error err;
	double t0 = now_ms();
	struct ps_strv tmp;

	ps_error_init(&err);
	free(m->compute_error);
	m->compute_error = NULL;
	if (session_compute(m->s, &m->res, &err) < 0) {
		char buf[1024];
		ps_result_release(&m->res);
		ps_result_init(&m->res);
		m->have_result = false;
		m->compute_error = xstrdup(ps_error_format(&err, buf, sizeof(buf)));
		model_status(m, true, "%s", buf);
	} else {
		m->have_result = true;
	}
	m->compute_ms = now_ms() - t0;
	m->resolves++;
	refresh_files(m);
	/* prev <- cur, cur <- now */
	tmp = m->snap_prev;
	m->snap_prev = m->snap_cur;
	m->snap_cur = tmp;
	snapshot(m, &m->snap_cur);
	m->has_prev = m->resolves > 1;
	rebuild(m);
	if (m->view == VIEW_DIFF)
		build_diff(m);
	m->resolve_ms = now_ms() - t0;
}

/* ------------------------------------------------------------------ */
/* lifecycle                                                           */
/* ------------------------------------------------------------------ */

static void model_start(struct ps_model *m)
{
	const struct ps_inputs *in = &m->s->in;
	int k;

	m->real_mode = m->s->scenario == NULL;
	ps_inputs_release(&m->start_in);
	ps_inputs_init(&m->start_in);
	if (ps_inputs_copy(&m->start_in, in) < 0)
		die_oom();
	for (k = 0; k < 4; k++) {
		free(m->run_args[k]);
		m->run_args[k] = NULL;
	}
	m->run_args[PS_RUN_COMMAND] = xstrdup("pass");
	m->run_args[PS_RUN_SCRIPT] = xstrdup("main.py");
	m->run_args[PS_RUN_MODULE] = xstrdup("main");
	if (in->run.kind != PS_RUN_INTERACTIVE && in->run.arg) {
		free(m->run_args[in->run.kind]);
		m->run_args[in->run.kind] = xstrdup(in->run.arg);
	}
	m->resolves = 0;
	m->has_prev = false;
	ps_strv_clear(&m->snap_prev);
	ps_strv_clear(&m->snap_cur);
	model_recompute(m);
	ps_strv_copy(&m->snap_start, &m->snap_cur);
}

int model_init(struct ps_model *m, struct ps_session *s, const struct ps_cli *cli, bool utf8)
{
	int i;

	memset(m, 0, sizeof(*m));
	m->s = s;
	m->cli = cli;
	m->utf8 = utf8;
	ps_result_init(&m->res);
	ps_inputs_init(&m->start_in);
	ps_strv_init(&m->snap_start);
	ps_strv_init(&m->snap_prev);
	ps_strv_init(&m->snap_cur);
	ps_strv_init(&m->env_names);
	ps_strv_init(&m->pth_lines);
	ps_buf_init(&m->prompt_buf);
	m->match = match_new();
	m->last_click_pane = m->last_click_row = -1;
	for (i = 0; i < PANE_COUNT; i++)
		m->pane[i].shown = true;
	m->focus = PANE_INPUTS;
	model_start(m);
	if (!m->status_error)
		model_status(m, false, "Enter: toggle/edit  Tab: pane  3: trace  ?: help  q: quit");
	return 0;
}

void model_release(struct ps_model *m)
{
	size_t i;

	for (i = 0; i < PANE_COUNT; i++)
		pane_release(&m->pane[i]);
	pane_release(&m->help);
	pane_release(&m->diff);
	ps_result_release(&m->res);
	ps_inputs_release(&m->start_in);
	ps_strv_release(&m->snap_start);
	ps_strv_release(&m->snap_prev);
	ps_strv_release(&m->snap_cur);
	ps_strv_release(&m->env_names);
	ps_strv_release(&m->pth_lines);
	ps_buf_release(&m->prompt_buf);
	match_free(m->match);
	free(m->compute_error);
	free(m->venv_cfg);
	free(m->pth_path);
	free(m->venv_home);
	free(m->venv_syssite);
	free(m->pending_path);
	for (i = 0; i < m->nedits; i++) {
		free(m->edits[i].path);
		free(m->edits[i].orig);
	}
	free(m->edits);
	for (i = 0; i < 4; i++)
		free(m->run_args[i]);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------------ */
/* layout                                                              */
/* ------------------------------------------------------------------ */

/* Places a pane's box; footer lines are given when the box has room for rows as well. */
static void place(struct ps_pane *p, int x, int y, int w, int h, int footer)
{
	p->bx = x;
	p->by = y;
	p->bw = w;
	p->bh = h;
	p->shown = w > 2 && h > 2;
	while (footer > 0 && h - 2 - footer < 3)
		footer--;
	p->footer_h = footer;
	p->x = x + 1;
	p->y = y + 1;
	p->w = w > 2 ? w - 2 : 0;
	p->h = h > 2 + p->footer_h ? h - 2 - p->footer_h : 0;
	p->collapsed = false;
	pane_scroll_to_cursor(p);
}

/* Lines the pane's footer takes wrapped to width, at most max (at least 1). */
static int footer_lines(const struct ps_pane *p, int width, int max)
{
	struct ps_strv lines;
	int n;

	if (!p->footer)
		return 1;
	ps_strv_init(&lines);
	text_wrap(p->footer, width, 0, &lines);
	n = (int)lines.n;
	ps_strv_release(&lines);
	return n < 1 ? 1 : n > max ? max : n;
}

/* Below this width the trace's stepper layout hides the inputs pane. */
#define STEPPER_COLS 120

/* Width of the inputs column: enough for "PYTHONEXECUTABLE (unset)", the rest for paths. */
static int inputs_width(int cols)
{
	int left = cols * 7 / 20;
	if (cols < 70)
		return cols * 2 / 5;   /* small screens: the result keeps three fifths */
	return left < 24 ? 24 : left > 44 ? 44 : left;
}

static bool stepper_layout(const struct ps_model *m)
{
	return m->focus == PANE_TRACE && m->cols < STEPPER_COLS;
}

/* Columns the text of a result row gets (after the mark column): what the banner wraps to. */
static int result_text_width(const struct ps_model *m)
{
	int w;

	if (!m->cols)
		return 76;
	w = m->zoom || stepper_layout(m) ? m->cols : m->cols - inputs_width(m->cols);
	return w - 4 > 8 ? w - 4 : 8;
}

/*
 * Places the panes for the current size, focus and rows.  Called after
 * every rebuild and focus change, because the heights follow both.
 */
static void relayout(struct ps_model *m)
{
	int cols = m->cols, lines = m->lines;
	int top = 1, h = lines - 2, left, rh, th, i, need, foot;
	struct ps_pane *in = &m->pane[PANE_INPUTS], *res = &m->pane[PANE_RESULT],
		       *tr = &m->pane[PANE_TRACE];

	if (!cols || !lines)
		return;
	m->too_small = cols < PS_MIN_COLS || lines < PS_MIN_LINES;
	m->stepper = false;
	if (m->too_small)
		return;
	/* the banner is wrapped to the result's width: rebuild it when that changed */
	if (m->result_wrap != result_text_width(m))
		result_rows(m);
	for (i = 0; i < PANE_COUNT; i++)
		m->pane[i].shown = false;
	/* the help and diff views take the whole area and have no footer */
	place(&m->help, 0, top, cols, h, 0);
	place(&m->diff, 0, top, cols, h, 0);
	if (m->zoom) {
		for (i = 0; i < PANE_COUNT; i++) {
			place(&m->pane[i], 0, top, cols, h, i == PANE_TRACE ? 4 : 3);
			m->pane[i].shown = i == (int)m->focus;
		}
		return;
	}
	left = inputs_width(cols);
	if (m->focus == PANE_TRACE) {
		/*
		 * stepping: the state as of the step above, the steps and the
		 * selected one's note (up to 4 lines) below; the state gets
		 * what its final form needs, the trace at least half
		 */
		size_t n = 0;
		int x0 = left;
		if (m->have_result)
			entries_of(&m->res, &n);
		if (cols < STEPPER_COLS) {
			m->stepper = true;
			x0 = 0;
		} else {
			place(in, 0, top, left, h, 0);
		}
		need = 6 + 1 + (int)(n ? n : 1) + 2;
		th = h - need;
		if (th < h / 2 - 1)
			th = h / 2 - 1;
		if (th < 8 && th < h - 5)
			th = 8 < h - 5 ? 8 : h - 5;   /* small screens: 3 steps and 3 lines of note */
		if (th > h - 4)
			th = h - 4;
		rh = h - th;
		place(res, x0, top, cols - x0, rh, 0);
		/* the note of the selected step gets the lines it needs, up to 4 */
		place(tr, x0, top + rh, cols - x0, th, footer_lines(tr, cols - x0 - 2, 4));
		return;
	}
	/*
	 * the result takes the height its rows need (sys.path is what people
	 * come for); the trace gets what is left, at most a third, at least
	 * the one line of its summary
	 */
	foot = m->focus == PANE_RESULT ? footer_lines(res, cols - left - 2, 3) : 0;
	need = (int)res->nvis + 2 + foot;
	if (foot > 2 && need > h - 3) {
		foot = 2;   /* a line of footer less before a row of the result less */
		need--;
	}
	th = h - need;
	if (th > h / 3)
		th = h / 3;
	if (th < 3)
		th = 3;
	rh = h - th;
	place(in, 0, top, left, h, m->focus == PANE_INPUTS ? footer_lines(in, left - 2, 3) : 0);
	place(res, left, top, cols - left, rh, foot);
	place(tr, left, top + rh, cols - left, th, 0);
	tr->collapsed = tr->h <= 1 && tr->summary;
}

int model_layout(struct ps_model *m, int cols, int lines)
{
	m->cols = cols;
	m->lines = lines;
	m->too_small = cols < PS_MIN_COLS || lines < PS_MIN_LINES;
	relayout(m);
	return PS_R_REDRAW;
}

struct ps_pane *model_pane(struct ps_model *m, enum ps_pane_id id)
{
	return &m->pane[id];
}

/* ------------------------------------------------------------------ */
/* editing                                                             */
/* ------------------------------------------------------------------ */

static void prompt_open(struct ps_model *m, enum ps_prompt kind, enum ps_row_kind row, long arg,
			const char *label, const char *initial)
{
	m->prompt = kind;
	m->prompt_row = row;
	m->prompt_arg = arg;
	snprintf(m->prompt_label, sizeof(m->prompt_label), "%s", label);
	ps_buf_reset(&m->prompt_buf);
	if (initial)
		ps_buf_adds(&m->prompt_buf, initial);
	xbuf_check(&m->prompt_buf);
}

static void toggle_flag(struct ps_model *m, int k)
{
	bool *f = flag_ptr(&m->s->in.flags, k);
	*f = !*f;
	model_recompute(m);
	if (!m->status_error || m->have_result)
		model_status(m, false, "%s %s", flag_names[k], *f ? "on" : "off");
}

static void cycle_run(struct ps_model *m)
{
	struct ps_run *run = &m->s->in.run;
	enum ps_run_kind k = (enum ps_run_kind)((run->kind + 1) % 4);

	if (run->kind != PS_RUN_INTERACTIVE && run->arg) {
		free(m->run_args[run->kind]);
		m->run_args[run->kind] = xstrdup(run->arg);
	}
	run->kind = k;
	if (ps_set_str(&run->arg, k == PS_RUN_INTERACTIVE ? NULL : m->run_args[k]) < 0)
		die_oom();
	model_recompute(m);
}

/* "3.10" after "3.9": for sorting versions. */
static int version_cmp(int amaj, int amin, int bmaj, int bmin)
{
	return amaj != bmaj ? amaj - bmaj : amin - bmin;
}

/*
 * The versions with rules for platform, in order and each once (the rules
 * table has a row per version and platform family).  Returns how many
 * went into major/minor (at most max).
 */
static size_t rules_versions(enum ps_platform platform, int *major, int *minor, size_t max)
{
	size_t i, k, n = 0;
	int a, b;

	for (i = 0; i < ps_rules_count(); i++) {
		if (ps_version_parse(ps_rules_name(i), &a, &b) < 0 || ps_rules_supported(a, b, platform) < 0)
			continue;
		for (k = 0; k < n && version_cmp(major[k], minor[k], a, b) < 0; k++)
			;
		if ((k < n && major[k] == a && minor[k] == b) || n == max)
			continue;
		memmove(major + k + 1, major + k, (n - k) * sizeof(*major));
		memmove(minor + k + 1, minor + k, (n - k) * sizeof(*minor));
		major[k] = a;
		minor[k] = b;
		n++;
	}
	return n;
}

/* The versions with rules for platform, as " 2.7 3.6 ..." appended to b. */
static void rules_list(struct ps_buf *b, enum ps_platform platform)
{
	int major[64], minor[64];
	size_t i, n = rules_versions(platform, major, minor, 64);

	for (i = 0; i < n; i++)
		ps_buf_addf(b, " %d.%d", major[i], minor[i]);
}

/* Enter on the rules row: the next version that has rules for the current platform. */
static void cycle_rules(struct ps_model *m)
{
	struct ps_build *b = &m->s->in.build;
	int major[64], minor[64];
	size_t i, n = rules_versions(b->platform, major, minor, 64);

	for (i = 0; i < n && version_cmp(major[i], minor[i], b->major, b->minor) <= 0; i++)
		;
	if (i == n)
		i = 0;   /* after the last: around to the first */
	if (!n || (major[i] == b->major && minor[i] == b->minor)) {
		model_status(m, true, "no other version has rules for %s", ps_platform_name(b->platform));
		return;
	}
	b->major = major[i];
	b->minor = minor[i];
	model_recompute(m);
	if (m->have_result)
		model_status(m, false, "rules %d.%d", b->major, b->minor);
}

/*
 * Whether the rules of platform p make sense on the tree being modelled: a
 * Windows tree (\ paths) needs nt, a POSIX one posix or darwin.
 */
static bool platform_fits_tree(const struct ps_model *m, enum ps_platform p)
{
	return (p == PS_PLATFORM_NT) == (m->s->base_fs.platform == PS_PLATFORM_NT);
}

/* The next platform with rules for the version that fits the tree, or -1. */
static int platform_next(const struct ps_model *m)
{
	const struct ps_build *b = &m->s->in.build;
	int k;

	for (k = 1; k < 3; k++) {
		enum ps_platform p = (enum ps_platform)((b->platform + k) % 3);
		if (platform_fits_tree(m, p) && ps_rules_supported(b->major, b->minor, p) == 0)
			return (int)p;
	}
	return -1;
}

/* What the platform row can switch to, and why not when it cannot (appended to b). */
static void platform_choices(const struct ps_model *m, struct ps_buf *b)
{
	const struct ps_build *bd = &m->s->in.build;
	bool nt_tree = m->s->base_fs.platform == PS_PLATFORM_NT;
	struct ps_buf other, unfit;
	int p;

	ps_buf_init(&other);
	ps_buf_init(&unfit);
	for (p = 0; p < 3; p++) {
		if (p == (int)bd->platform || ps_rules_supported(bd->major, bd->minor, (enum ps_platform)p) < 0)
			continue;
		if (platform_fits_tree(m, (enum ps_platform)p))
			ps_buf_addf(&other, "%s%s", other.len ? ", " : "", ps_platform_name((enum ps_platform)p));
		else
			ps_buf_addf(&unfit, "%s%s", unfit.len ? " and " : "", ps_platform_name((enum ps_platform)p));
	}
	xbuf_check(&other);
	xbuf_check(&unfit);
	if (other.len)
		ps_buf_addf(b, "Enter switches to %s (%d.%d has rules for it)", other.s, bd->major, bd->minor);
	else if (unfit.len)
		ps_buf_addf(b, "nothing to switch to: this is a %s tree; %s need%s a %s one (a scenario with platform: %s)",
			    nt_tree ? "Windows (\\ paths)" : "POSIX (/ paths)", unfit.s,
			    strstr(unfit.s, " and ") ? "" : "s", nt_tree ? "POSIX" : "Windows",
			    nt_tree ? "posix" : "nt");
	else
		ps_buf_addf(b, "nothing to switch to: %d.%d has rules for %s only", bd->major, bd->minor,
			    ps_platform_name(bd->platform));
	ps_buf_release(&other);
	ps_buf_release(&unfit);
}

static void cycle_platform(struct ps_model *m)
{
	struct ps_build *b = &m->s->in.build;
	int next = platform_next(m);
	struct ps_buf msg;

	if (next >= 0) {
		b->platform = (enum ps_platform)next;
		model_recompute(m);
		if (m->have_result)
			model_status(m, false, "platform %s", ps_platform_name(b->platform));
		return;
	}
	ps_buf_init(&msg);
	platform_choices(m, &msg);
	xbuf_check(&msg);
	model_status(m, true, "%s", msg.s);
	ps_buf_release(&msg);
}

static void activate_input(struct ps_model *m, struct ps_row *r, bool edit_only)
{
	struct ps_inputs *in = &m->s->in;

	switch (r->kind) {
	case ROW_FLAG:
		if (!edit_only)
			toggle_flag(m, (int)r->arg);
		break;
	case ROW_ENV: {
		const char *name = m->env_names.v[r->arg];
		char label[160];
		snprintf(label, sizeof(label), "%s=", name);
		prompt_open(m, PROMPT_EDIT, ROW_ENV, r->arg, label, ps_env_get(&in->env, name));
		break;
	}
	case ROW_RUN:
		if (edit_only) {
			if (in->run.kind == PS_RUN_INTERACTIVE)
				model_status(m, true, "interactive mode takes no argument");
			else
				prompt_open(m, PROMPT_EDIT, ROW_RUN_ARG, 0,
					    in->run.kind == PS_RUN_COMMAND ? "-c " :
					    in->run.kind == PS_RUN_MODULE ? "-m " : "script: ",
					    in->run.arg);
		} else
			cycle_run(m);
		break;
	case ROW_ARGV0:
		prompt_open(m, PROMPT_EDIT, ROW_ARGV0, 0, "argv0: ", in->argv0);
		break;
	case ROW_CWD:
		prompt_open(m, PROMPT_EDIT, ROW_CWD, 0, "cwd: ", in->cwd);
		break;
	case ROW_VENV:
		if (edit_only) {
			prompt_open(m, PROMPT_EDIT, ROW_VENV, 0, "pyvenv.cfg at: ", m->venv_cfg);
			break;
		}
		if (m->venv_present) {
			if (remove_file(m, m->venv_cfg) == 0)
				model_status(m, false, "removed %s (virtually)", m->venv_cfg);
		} else if (edit_find(m, m->venv_cfg) && edit_find(m, m->venv_cfg)->existed) {
			/* it was there before the explorer hid it: the same file comes back */
			struct ps_edit *e = edit_find(m, m->venv_cfg);
			if (put_file(m, m->venv_cfg, e->orig ? e->orig : "") == 0)
				model_status(m, false, "restored %s (virtually)", m->venv_cfg);
		} else {
			/* as `python -m venv` writes it: home is the real interpreter's directory */
			char *real = NULL, *home;
			char *content;
			if (ps_fs_realpath_final(&m->s->fs, exe_path(m), &real) != 0) {
				free(real);
				real = NULL;
			}
			home = ps_path_dirname(in->build.platform, real ? real : exe_path(m));
			content = xasprintf("home = %s\ninclude-system-site-packages = false\n"
					    "version = %d.%d\n", home ? home : "", in->build.major,
					    in->build.minor);
			if (put_file(m, m->venv_cfg, content) == 0)
				model_status(m, false, "added %s (virtually)", m->venv_cfg);
			free(real);
			free(home);
			free(content);
		}
		model_recompute(m);
		break;
	case ROW_VENV_HOME:
		prompt_open(m, PROMPT_EDIT, ROW_VENV_HOME, 0, "home = ", m->venv_home);
		break;
	case ROW_VENV_SYSSITE:
		if (edit_only) {
			prompt_open(m, PROMPT_EDIT, ROW_VENV_SYSSITE, 0, "include-system-site-packages = ",
				    m->venv_syssite);
			break;
		}
		venv_set(m, "include-system-site-packages",
			 m->venv_syssite && !strcasecmp(m->venv_syssite, "true") ? "false" : "true");
		model_recompute(m);
		break;
	case ROW_PTH:
		if (edit_only) {
			prompt_open(m, PROMPT_EDIT, ROW_PTH, 0, "._pth at: ", m->pth_path);
			break;
		}
		if (m->pth_present) {
			if (remove_file(m, m->pth_path) == 0)
				model_status(m, false, "removed %s (virtually)", m->pth_path);
		} else if (edit_find(m, m->pth_path) && edit_find(m, m->pth_path)->existed) {
			struct ps_edit *e = edit_find(m, m->pth_path);
			if (put_file(m, m->pth_path, e->orig ? e->orig : "") == 0)
				model_status(m, false, "restored %s (virtually)", m->pth_path);
		} else {
			/*
			 * start from getpath's search path without PYTHONPATH's entries
			 * (a ._pth file ignores the environment), so the effect of the
			 * file alone shows
			 */
			struct ps_strv lines;
			size_t i;
			ps_strv_init(&lines);
			for (i = 0; m->have_result && i < m->res.getpath.nentries; i++)
				if (m->res.getpath.entries[i].origin != PS_ORIGIN_PYTHONPATH)
					ps_strv_push(&lines, m->res.getpath.entries[i].path);
			if (!lines.n)
				ps_strv_push(&lines, ".");
			if (pth_write(m, &lines) == 0)
				model_status(m, false, "added %s (virtually)", m->pth_path);
			ps_strv_release(&lines);
		}
		model_recompute(m);
		break;
	case ROW_PTH_LINE:
		prompt_open(m, PROMPT_EDIT, ROW_PTH_LINE, r->arg, "._pth line: ",
			    (size_t)r->arg < m->pth_lines.n ? m->pth_lines.v[r->arg] : "");
		break;
	case ROW_PTH_ADD:
		prompt_open(m, PROMPT_EDIT, ROW_PTH_ADD, 0, "new ._pth line: ", "");
		break;
	case ROW_RULES:
		if (edit_only) {
			char cur[16];
			snprintf(cur, sizeof(cur), "%d.%d", in->build.major, in->build.minor);
			prompt_open(m, PROMPT_EDIT, ROW_RULES, 0, "rules: ", cur);
		} else
			cycle_rules(m);
		break;
	case ROW_PLATFORM:
		cycle_platform(m);
		break;
	default:
		break;
	}
}

static void unset_input(struct ps_model *m, struct ps_row *r)
{
	struct ps_inputs *in = &m->s->in;

	switch (r->kind) {
	case ROW_ENV:
		ps_env_unset(&in->env, m->env_names.v[r->arg]);
		model_status(m, false, "unset %s", m->env_names.v[r->arg]);
		model_recompute(m);
		break;
	case ROW_FLAG:
		if (*flag_ptr(&in->flags, (int)r->arg))
			toggle_flag(m, (int)r->arg);
		break;
	case ROW_VENV:
		if (m->venv_present) {
			remove_file(m, m->venv_cfg);
			model_recompute(m);
		}
		break;
	case ROW_VENV_HOME:
		venv_set(m, "home", NULL);
		model_recompute(m);
		break;
	case ROW_VENV_SYSSITE:
		venv_set(m, "include-system-site-packages", NULL);
		model_recompute(m);
		break;
	case ROW_PTH:
		if (m->pth_present) {
			remove_file(m, m->pth_path);
			model_recompute(m);
		}
		break;
	case ROW_PTH_LINE: {
		struct ps_strv lines;
		ps_strv_init(&lines);
		pth_lines_copy(m, &lines);
		if ((size_t)r->arg < lines.n) {
			ps_strv_remove(&lines, (size_t)r->arg);
			pth_write(m, &lines);
			model_recompute(m);
		}
		ps_strv_release(&lines);
		break;
	}
	default:
		model_status(m, true, "nothing to unset here");
		break;
	}
}

/* Applies the text typed at an edit prompt. */
static void submit_edit(struct ps_model *m, const char *text)
{
	struct ps_inputs *in = &m->s->in;
	struct ps_error err;

	ps_error_init(&err);
	switch (m->prompt_row) {
	case ROW_ENV:
		if (ps_env_set(&in->env, m->env_names.v[m->prompt_arg], text) < 0)
			die_oom();
		model_status(m, false, "%s=%s", m->env_names.v[m->prompt_arg], text);
		break;
	case ROW_RUN_ARG:
		if (ps_set_str(&in->run.arg, text) < 0)
			die_oom();
		break;
	case ROW_ARGV0:
		if (session_set_python(m->s, text, &err) < 0) {
			status_err(m, &err);
			return;
		}
		break;
	case ROW_CWD: {
		char *abs = ps_path_abspath(in->build.platform, in->cwd ? in->cwd : "/", text);
		if (!abs)
			die_oom();
		free(in->cwd);
		in->cwd = abs;
		break;
	}
	case ROW_VENV:
		free(m->venv_cfg);
		m->venv_cfg = xstrdup(text);
		edit_note(m, m->venv_cfg);   /* pin the path: it is the user's choice now */
		break;
	case ROW_VENV_HOME:
		venv_set(m, "home", text);
		break;
	case ROW_VENV_SYSSITE:
		venv_set(m, "include-system-site-packages", text);
		break;
	case ROW_PTH:
		free(m->pth_path);
		m->pth_path = xstrdup(text);
		edit_note(m, m->pth_path);
		break;
	case ROW_PTH_LINE:
	case ROW_PTH_ADD: {
		struct ps_strv lines;
		ps_strv_init(&lines);
		pth_lines_copy(m, &lines);
		if (m->prompt_row == ROW_PTH_ADD || (size_t)m->prompt_arg >= lines.n)
			ps_strv_push(&lines, text);
		else {
			free(lines.v[m->prompt_arg]);
			lines.v[m->prompt_arg] = xstrdup(text);
		}
		pth_write(m, &lines);
		ps_strv_release(&lines);
		break;
	}
	case ROW_RULES: {
		int major, minor;
		if (ps_version_parse(text, &major, &minor) < 0) {
			model_status(m, true, "'%s' is not a version such as 3.12", text);
			return;
		}
		if (ps_rules_supported(major, minor, in->build.platform) < 0) {
			struct ps_buf b;
			ps_buf_init(&b);
			rules_list(&b, in->build.platform);
			xbuf_check(&b);
			model_status(m, true, "no %s rules for %d.%d; there are:%s", ps_platform_name(in->build.platform),
				     major, minor, b.s);
			ps_buf_release(&b);
			return;
		}
		in->build.major = major;
		in->build.minor = minor;
		break;
	}
	default:
		return;
	}
	model_recompute(m);
}

/* ------------------------------------------------------------------ */
/* search                                                              */
/* ------------------------------------------------------------------ */

static size_t count_matches(struct ps_model *m, struct ps_pane *p)
{
	size_t i, n = 0;
	for (i = 0; i < p->nvis; i++)
		if (model_row_matches(m, &p->rows[p->vis[i]]))
			n++;
	return n;
}

static struct ps_pane *focused(struct ps_model *m)
{
	if (m->view == VIEW_HELP)
		return &m->help;
	if (m->view == VIEW_DIFF)
		return &m->diff;
	return &m->pane[m->focus];
}

static void after_cursor_move(struct ps_model *m)
{
	if (m->view != VIEW_PANES)
		return;
	if (m->focus == PANE_TRACE) {
		rebuild_result(m);
	} else {
		update_footer(m, m->focus);
		relayout(m);   /* the footer takes the lines its text needs */
	}
}

/* Moves to the next (dir 1) or previous (-1) matching row, from the cursor (exclusive unless from_here). */
static void find_match(struct ps_model *m, int dir, bool from_here)
{
	struct ps_pane *p = focused(m);
	size_t n = p->nvis, i, start, idx;

	if (!match_active(m->match)) {
		model_status(m, true, "no search pattern (type / first)");
		return;
	}
	if (!n) {
		model_status(m, true, "/%s/: no rows", match_pattern(m->match));
		return;
	}
	start = p->cur;
	for (i = from_here ? 0 : 1; i <= n; i++) {
		idx = dir > 0 ? (start + i) % n : (start + n * 2 - i) % n;
		if (model_row_matches(m, &p->rows[p->vis[idx]])) {
			size_t k, rank = 0, total = count_matches(m, p);
			p->cur = idx;
			pane_scroll_to_cursor(p);
			if (m->view != VIEW_PANES)
				pane_scroll(p, (long)idx - (long)p->top);
			for (k = 0; k <= idx; k++)
				if (model_row_matches(m, &p->rows[p->vis[k]]))
					rank++;
			model_status(m, false, "/%s/: match %zu of %zu", match_pattern(m->match), rank,
				     total);
			after_cursor_move(m);
			return;
		}
	}
	model_status(m, true, "/%s/: no match in this pane", match_pattern(m->match));
}

static void submit_search(struct ps_model *m, const char *text)
{
	struct ps_error err;
	int i;

	ps_error_init(&err);
	if (match_set(m->match, text, &err) < 0) {
		/* the old pattern stays */
		status_err(m, &err);
		return;
	}
	if (!*text) {
		m->filter_on = false;
		model_status(m, false, "search cleared");
	}
	for (i = 0; i < PANE_COUNT; i++)
		pane_refilter(m, &m->pane[i], m->filter_on);
	if (m->view == VIEW_PANES && m->focus == PANE_TRACE)
		rebuild_result(m);
	if (*text)
		find_match(m, 1, true);
}

/* ------------------------------------------------------------------ */
/* scenario files                                                      */
/* ------------------------------------------------------------------ */

static int write_scenario(struct ps_model *m, const char *path)
{
	struct ps_error err;
	struct ps_buf out;
	struct ps_vfs *vfs, *empty = NULL;
	FILE *f;
	int rc = -1;

	ps_error_init(&err);
	ps_buf_init(&out);
	if (m->s->scenario)
		vfs = m->s->scenario->vfs;
	else if (m->s->overlay)
		vfs = ps_overlay_upper(m->s->overlay);
	else
		vfs = empty = ps_vfs_new(m->s->in.build.platform);
	if (!vfs)
		die_oom();
	if (ps_scenario_write(&m->s->in, vfs, m->s->in.name ? m->s->in.name : "written by the pathscope explorer",
			      NULL, &out, &err) < 0) {
		status_err(m, &err);
		goto out;
	}
	xbuf_check(&out);
	f = fopen(path, "w");
	if (!f || fwrite(out.s, 1, out.len, f) != out.len || fclose(f) != 0) {
		model_status(m, true, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (m->real_mode)
		model_status(m, false, "wrote %s (inputs and %zu edited files; `pathscope capture` records the real tree)",
			     path, m->nedits);
	else
		model_status(m, false, "wrote %s", path);
	rc = 0;
out:
	ps_vfs_free(empty);
	ps_buf_release(&out);
	return rc;
}

/*
 * Replaces what the session models by a scenario file, with the command
 * line's model options over it (session_open_scenario); keeps everything
 * as it was when the file does not load.
 */
static void open_scenario(struct ps_model *m, const char *path)
{
	struct ps_error err;
	size_t i;

	ps_error_init(&err);
	if (session_open_scenario(m->s, path, &err) < 0) {
		status_err(m, &err);
		return;
	}
	/* the edits were made to the old tree, which is gone */
	for (i = 0; i < m->nedits; i++) {
		free(m->edits[i].path);
		free(m->edits[i].orig);
	}
	m->nedits = 0;
	free(m->venv_cfg);
	free(m->pth_path);
	m->venv_cfg = m->pth_path = NULL;
	model_start(m);
	if (!m->status_error)
		model_status(m, false, "opened %s", path);
}

static void reset_inputs(struct ps_model *m)
{
	size_t i;

	if (ps_inputs_copy(&m->s->in, &m->start_in) < 0)
		die_oom();
	for (i = 0; i < m->nedits; i++) {
		struct ps_edit *e = &m->edits[i];
		if (e->existed)
			put_file(m, e->path, e->orig ? e->orig : "");
		else
			remove_file(m, e->path);
	}
	for (i = 0; i < m->nedits; i++) {
		free(m->edits[i].path);
		free(m->edits[i].orig);
	}
	m->nedits = 0;
	model_recompute(m);
	model_status(m, false, "inputs reset to the starting state");
}

/* ------------------------------------------------------------------ */
/* prompt                                                              */
/* ------------------------------------------------------------------ */

static int prompt_key(struct ps_model *m, int key)
{
	struct ps_buf *b = &m->prompt_buf;
	enum ps_prompt kind = m->prompt;
	char *text;

	if (key == PS_KEY_ESC || key == PS_KEY_CTRL('g')) {
		m->prompt = PROMPT_NONE;
		model_status(m, false, "cancelled");
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_RESIZE)
		return PS_R_HANDLED | PS_R_RESIZE | PS_R_REDRAW;
	if (kind == PROMPT_OVERWRITE) {
		m->prompt = PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			write_scenario(m, m->pending_path);
		else
			model_status(m, false, "not written");
		free(m->pending_path);
		m->pending_path = NULL;
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_BACKSPACE || key == 127 || key == 8) {
		/* drop one UTF-8 character */
		while (b->len && ((unsigned char)b->s[b->len - 1] & 0xc0) == 0x80)
			b->len--;
		if (b->len)
			b->len--;
		if (b->alloc)
			b->s[b->len] = '\0';
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_CTRL('u')) {
		ps_buf_reset(b);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_ENTER || key == '\r') {
		text = xstrdup(b->s);
		m->prompt = PROMPT_NONE;
		m->status[0] = '\0';
		m->status_error = false;
		switch (kind) {
		case PROMPT_SEARCH:
			submit_search(m, text);
			break;
		case PROMPT_EDIT:
			submit_edit(m, text);
			break;
		case PROMPT_WRITE: {
			struct stat st;
			if (!*text) {
				model_status(m, false, "not written");
				break;
			}
			if (stat(text, &st) == 0) {
				free(m->pending_path);
				m->pending_path = xstrdup(text);
				prompt_open(m, PROMPT_OVERWRITE, ROW_TEXT, 0, "", NULL);
				snprintf(m->prompt_label, sizeof(m->prompt_label), "%.60s exists; overwrite? (y/n) ",
					 text);
				break;
			}
			write_scenario(m, text);
			break;
		}
		case PROMPT_OPEN:
			if (*text)
				open_scenario(m, text);
			break;
		default:
			break;
		}
		free(text);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key >= 32 && key < PS_KEY_BASE && key != 127) {
		char u[4];
		ps_buf_add(b, u, text_utf8((unsigned)key, u));
		xbuf_check(b);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	return PS_R_HANDLED;
}

/* ------------------------------------------------------------------ */
/* actions                                                             */
/* ------------------------------------------------------------------ */

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
		const struct ps_step *st = &m->res.trace[i];
		if (!st->var || (strcmp(st->var, var) &&
				 (strncmp(st->var, "sys.", 4) || strcmp(st->var + 4, var))))
			continue;
		if (last < 0)
			last = i;
		if (before < 0 || i < before)
			return i;
	}
	return last;
}

/* For p / x: walk back from the current step when the trace already shows one of var's steps. */
static long jump_step(struct ps_model *m, const char *var)
{
	long cur = m->focus == PANE_TRACE ? model_trace_step(m) : -1;
	const struct ps_step *st = cur >= 0 ? &m->res.trace[cur] : NULL;

	if (st && st->var && (!strcmp(st->var, var) ||
			      (!strncmp(st->var, "sys.", 4) && !strcmp(st->var + 4, var))))
		return deciding_step(m, var, cur);
	return deciding_step(m, var, -1);
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
	rebuild(m);
	model_status(m, false, "step %ld decided %s", step + 1, what);
}

static void jump_from_result(struct ps_model *m)
{
	struct ps_row *r = pane_cur_row(&m->pane[PANE_RESULT]);

	if (!r)
		return;
	if (r->kind == ROW_VALUE && r->arg >= 0 && r->arg < 6 && m->focus != PANE_TRACE)
		goto_step(m, deciding_step(m, value_names[r->arg], -1), value_names[r->arg]);
	else if (r->step >= 0)
		goto_step(m, r->step, r->kind == ROW_ENTRY ? "this entry" : "this value");
	else
		model_status(m, true, "no trace step is recorded for this row");
}

static void set_focus(struct ps_model *m, enum ps_pane_id id)
{
	bool replay_change = (m->focus == PANE_TRACE) != (id == PANE_TRACE);
	m->focus = id;
	if (replay_change)
		rebuild_result(m);
	else
		relayout(m);
}

int model_action(struct ps_model *m, enum ps_action act)
{
	struct ps_pane *p = focused(m);
	struct ps_row *r = pane_cur_row(p);
	bool text_view = m->view != VIEW_PANES;
	long page = p->h > 1 ? p->h - 1 : 1;

	switch (act) {
	case ACT_NONE:
		return 0;
	case ACT_QUIT:
		return PS_R_HANDLED | PS_R_QUIT;
	case ACT_HELP:
		if (m->view == VIEW_HELP)
			m->view = VIEW_PANES;
		else {
			build_help(m);
			m->view = VIEW_HELP;
		}
		break;
	case ACT_DIFF:
		if (m->view == VIEW_DIFF)
			m->view = VIEW_PANES;
		else {
			build_diff(m);
			m->view = VIEW_DIFF;
		}
		break;
	case ACT_NEXT_PANE:
		set_focus(m, (enum ps_pane_id)((m->focus + 1) % PANE_COUNT));
		break;
	case ACT_PREV_PANE:
		set_focus(m, (enum ps_pane_id)((m->focus + PANE_COUNT - 1) % PANE_COUNT));
		break;
	case ACT_PANE_INPUTS:
		set_focus(m, PANE_INPUTS);
		break;
	case ACT_PANE_RESULT:
		set_focus(m, PANE_RESULT);
		break;
	case ACT_PANE_TRACE:
		set_focus(m, PANE_TRACE);
		break;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN: {
		long d = act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PGUP ? -page : page;
		if (text_view)
			pane_scroll(p, d);
		else
			pane_move(p, d);
		after_cursor_move(m);
		break;
	}
	case ACT_HOME:
	case ACT_STEP_FIRST:
		if (text_view)
			pane_scroll(p, -(long)p->nvis);
		else {
			p->cur = 0;
			pane_settle(p);
		}
		after_cursor_move(m);
		break;
	case ACT_END:
	case ACT_STEP_LAST:
		if (text_view)
			pane_scroll(p, (long)p->nvis);
		else {
			p->cur = p->nvis ? p->nvis - 1 : 0;
			pane_move(p, 0);
			if (r && !pane_cur_row(p)->selectable)
				pane_move(p, -1);
		}
		after_cursor_move(m);
		break;
	case ACT_ACTIVATE:
	case ACT_EDIT:
		if (m->focus == PANE_INPUTS && r)
			activate_input(m, r, act == ACT_EDIT);
		else if (m->focus == PANE_RESULT)
			jump_from_result(m);
		break;
	case ACT_UNSET:
		if (m->focus == PANE_INPUTS && r)
			unset_input(m, r);
		break;
	case ACT_TOGGLE_E:
	case ACT_TOGGLE_I:
	case ACT_TOGGLE_s:
	case ACT_TOGGLE_S:
	case ACT_TOGGLE_P:
		toggle_flag(m, (int)(act - ACT_TOGGLE_E));
		break;
	case ACT_SEARCH:
		prompt_open(m, PROMPT_SEARCH, ROW_TEXT, 0, "/", match_pattern(m->match));
		break;
	case ACT_NEXT_MATCH:
		find_match(m, 1, false);
		break;
	case ACT_PREV_MATCH:
		find_match(m, -1, false);
		break;
	case ACT_FILTER: {
		int i;
		if (!match_active(m->match)) {
			model_status(m, true, "no search pattern to filter with (type / first)");
			break;
		}
		m->filter_on = !m->filter_on;
		for (i = 0; i < PANE_COUNT; i++) {
			pane_refilter(m, &m->pane[i], m->filter_on);
			pane_settle(&m->pane[i]);
		}
		if (m->focus == PANE_TRACE)
			rebuild_result(m);
		if (m->filter_on)
			model_status(m, false, "showing only rows matching /%s/", match_pattern(m->match));
		else
			model_status(m, false, "showing all rows");
		break;
	}
	case ACT_JUMP_PREFIX:
	case ACT_JUMP_EXEC_PREFIX: {
		const char *var = act == ACT_JUMP_PREFIX ? "prefix" : "exec_prefix";
		long step = jump_step(m, var);
		goto_step(m, step, var);
		/* site.py may set it again after getpath: say how to walk back */
		if (step >= 0 && deciding_step(m, var, step) >= 0 && deciding_step(m, var, step) < step) {
			char key[16];
			keymap_key_name(keymap_key_for(act, PS_CTX_TRACE), key, sizeof(key));
			model_status(m, false, "step %ld decided %s (%s again: step %ld set it before)", step + 1,
				     var, key, deciding_step(m, var, step) + 1);
		}
		break;
	}
	case ACT_JUMP_ENTRY:
		jump_from_result(m);
		break;
	case ACT_JUMP_CAUSE: {
		long cur = model_trace_step(m);
		if (cur >= 0 && m->res.trace[cur].cause > 0 && (size_t)m->res.trace[cur].cause <= m->res.ntrace) {
			long to = m->res.trace[cur].cause - 1;
			goto_step(m, to, "it");
			model_status(m, false, "step %ld: the one step %ld follows from", to + 1, cur + 1);
		} else {
			model_status(m, true, "step %ld follows from no earlier step", cur + 1);
		}
		break;
	}
	case ACT_ZOOM:
		m->zoom = !m->zoom;
		relayout(m);
		break;
	case ACT_WRITE:
		prompt_open(m, PROMPT_WRITE, ROW_TEXT, 0, "write scenario to: ",
			    "pathscope-scenario.yaml");
		break;
	case ACT_OPEN:
		prompt_open(m, PROMPT_OPEN, ROW_TEXT, 0, "open scenario: ", "");
		break;
	case ACT_RESET:
		reset_inputs(m);
		break;
	case ACT_REDRAW:
		return PS_R_HANDLED | PS_R_REDRAW | PS_R_RESIZE;
	case ACT_COUNT:
		return 0;
	}
	return PS_R_HANDLED | PS_R_REDRAW;
}

static unsigned context_of(const struct ps_model *m)
{
	if (m->view == VIEW_HELP)
		return PS_CTX_HELP;
	if (m->view == VIEW_DIFF)
		return PS_CTX_DIFF;
	return 1u << m->focus;
}

int model_key(struct ps_model *m, int key)
{
	enum ps_action act;
	char name[16];

	if (m->prompt)
		return prompt_key(m, key);
	if (key == PS_KEY_RESIZE)
		return PS_R_HANDLED | PS_R_RESIZE | PS_R_REDRAW;
	/* a message lasts until the next key; then the pane's key hints show again */
	m->status[0] = '\0';
	m->status_error = false;
	act = keymap_lookup(key, context_of(m));
	if (act == ACT_NONE) {
		model_status(m, true, "key %s does nothing here (? for help)",
			     keymap_key_name(key, name, sizeof(name)));
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	return model_action(m, act);
}

int model_mouse(struct ps_model *m, int x, int y, int button)
{
	int i;

	if (m->too_small || m->prompt)
		return 0;
	if (m->view != VIEW_PANES) {
		if (button == 4 || button == 5)
			return model_action(m, button == 4 ? ACT_UP : ACT_DOWN);
		return 0;
	}
	for (i = 0; i < PANE_COUNT; i++) {
		struct ps_pane *p = &m->pane[i];
		size_t row;
		if (!p->shown || x < p->bx || x >= p->bx + p->bw || y < p->by || y >= p->by + p->bh)
			continue;
		if (button == 4 || button == 5) {
			if (m->focus != (enum ps_pane_id)i)
				set_focus(m, (enum ps_pane_id)i);
			pane_move(p, button == 4 ? -3 : 3);
			after_cursor_move(m);
			return PS_R_HANDLED | PS_R_REDRAW;
		}
		if (button != 1)
			return 0;
		if (m->focus != (enum ps_pane_id)i) {
			int oy = p->y, ox = p->x;
			size_t otop = p->top;
			set_focus(m, (enum ps_pane_id)i);
			m->last_click_pane = -1;
			/* the pane moved or grew with the focus: the cell no longer shows that row */
			if (!p->shown || p->y != oy || p->x != ox || p->top != otop)
				return PS_R_HANDLED | PS_R_REDRAW;
		}
		if (y < p->y || y >= p->y + p->h)
			return PS_R_HANDLED | PS_R_REDRAW;
		row = p->top + (size_t)(y - p->y);
		if (row >= p->nvis || !p->rows[p->vis[row]].selectable)
			return PS_R_HANDLED | PS_R_REDRAW;
		if (m->last_click_pane == i && m->last_click_row == (long)row && p->cur == row) {
			m->last_click_pane = -1;
			return model_key(m, PS_KEY_ENTER);
		}
		p->cur = row;
		m->last_click_pane = i;
		m->last_click_row = (long)row;
		pane_scroll_to_cursor(p);
		after_cursor_move(m);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* title and dump                                                      */
/* ------------------------------------------------------------------ */

void model_title(struct ps_model *m, struct ps_buf *out)
{
	const struct ps_scenario *sc = m->s->scenario;

	/* the rules first: a long scenario name or path is what gets cut */
	ps_buf_addf(out, "pathscope %d.%d %s %s ", m->s->in.build.major, m->s->in.build.minor,
		    ps_platform_name(m->s->in.build.platform), m->utf8 ? "\xc2\xb7" : "-");
	if (sc) {
		const char *base = sc->path ? strrchr(sc->path, '/') : NULL;
		base = base ? base + 1 : sc->path ? sc->path : "scenario";
		ps_buf_adds(out, base);
		if (sc->name && *sc->name)
			ps_buf_addf(out, ": %s", sc->name);
	} else {
		char *d = session_describe(m->s);
		ps_buf_addf(out, "%s (real files; edits stay virtual)", d);
		free(d);
	}
}

static void dump_pane(struct ps_model *m, struct ps_pane *p, const char *name, bool focus,
		      struct ps_buf *out)
{
	size_t i;

	ps_buf_addf(out, "== %s: %s%s\n", name, p->title, focus ? " [focus]" : "");
	if (p->collapsed && p->summary)
		ps_buf_addf(out, "~~ collapsed: %s\n", p->summary);
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		bool cur = focus && i == p->cur && r->selectable;
		ps_buf_addf(out, "%c%c %s\n", cur ? '>' : ' ', r->mark, model_row_text(m, r));
	}
	if (!p->nvis && m->filter_on)
		ps_buf_addf(out, "   (no row matches /%s/)\n", match_pattern(m->match));
	if (p->footer && focus)
		ps_buf_addf(out, "-- %s\n", p->footer);
}

void model_dump(struct ps_model *m, struct ps_buf *out)
{
	static const char *const names[PANE_COUNT] = { "inputs", "result", "trace" };
	int i;

	ps_buf_adds(out, "#### ");
	model_title(m, out);
	ps_buf_addc(out, '\n');
	if (m->too_small) {
		ps_buf_addf(out, "terminal too small (%dx%d); need at least %dx%d\n", m->cols, m->lines,
			    PS_MIN_COLS, PS_MIN_LINES);
	} else if (m->view == VIEW_HELP) {
		dump_pane(m, &m->help, "help", true, out);
	} else if (m->view == VIEW_DIFF) {
		dump_pane(m, &m->diff, "diff", true, out);
	} else {
		for (i = 0; i < PANE_COUNT; i++)
			if (m->pane[i].shown)
				dump_pane(m, &m->pane[i], names[i], m->focus == (enum ps_pane_id)i, out);
	}
	if (m->prompt)
		ps_buf_addf(out, "prompt: %s%s\n", m->prompt_label, m->prompt_buf.s);
	else
		ps_buf_addf(out, "status%s: %s\n", m->status_error ? " (error)" : "", m->status);
	xbuf_check(out);
}
