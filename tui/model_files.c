/*
 * model_files.c - the files the explorer edits: the venv's pyvenv.cfg and
 * the ._pth file (see model-int.h).  Which files they are follows the
 * model's own probes until the user picks a path; every change goes to a
 * virtual layer and never to disk: the session's overlay over the real
 * tree, or the scenario's in-memory tree.  What a file was before its
 * first change is kept (struct ps_edit) for R and for restoring a file
 * the explorer hid.  No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-int.h"

/* The edit of path (borrowed, valid until the next edit_note), or NULL. */
static struct ps_edit *edit_find(const struct ps_model *m, const char *path)
{
	size_t i;

	for (i = 0; path && i < m->nedits; i++)
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

/*
 * Before the explorer changes the file at path: what it was is noted, and
 * the tree the change goes to is returned (borrowed): the scenario's, or
 * the overlay's upper layer over the real one.  NULL with err set.
 */
static struct ps_vfs *edit_begin(struct ps_model *m, const char *path, struct ps_error *err)
{
	struct ps_overlay *ov;

	ps_error_init(err);
	edit_note(m, path);
	if (!m->real_mode && m->s->scenario)
		return m->s->scenario->vfs;
	ov = session_overlay(m->s);
	if (!ov) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return ps_overlay_upper(ov);
}

bool files_edited(const struct ps_model *m, const char *path)
{
	return edit_find(m, path) != NULL;
}

int files_put(struct ps_model *m, const char *path, const char *content)
{
	struct ps_error err;
	struct ps_vfs *vfs;

	vfs = edit_begin(m, path, &err);
	if (!vfs || ps_vfs_remove(vfs, path) < 0 ||
	    ps_vfs_add(vfs, path, PS_FT_FILE, false, content, strlen(content), NULL, 0, &err) < 0) {
		if (!err.code)
			ps_error_set(&err, PS_ERR_INVAL, "cannot add %s", path);
		model_status_err(m, &err);
		return -1;
	}
	return 0;
}

/* Hides a file: removed from the scenario tree, or whited out over the real one. */
int files_remove(struct ps_model *m, const char *path)
{
	struct ps_error err;
	struct ps_vfs *vfs;

	vfs = edit_begin(m, path, &err);
	if (!vfs) {
		model_status_err(m, &err);
		return -1;
	}
	ps_vfs_remove(vfs, path);
	if (m->real_mode && ps_overlay_whiteout(m->s->overlay, path) < 0) {
		model_status(m, true, "cannot hide %s", path);
		return -1;
	}
	return 0;
}

void files_pin(struct ps_model *m, char **slot, const char *path)
{
	free(*slot);
	*slot = xstrdup(path);
	edit_note(m, *slot);   /* pin the path: it is the user's choice now */
}

void files_revert_all(struct ps_model *m)
{
	size_t i;

	for (i = 0; i < m->nedits; i++) {
		struct ps_edit *e = &m->edits[i];
		if (e->existed)
			files_put(m, e->path, e->orig ? e->orig : "");
		else
			files_remove(m, e->path);
	}
	files_forget(m);
}

void files_forget(struct ps_model *m)
{
	size_t i;

	for (i = 0; i < m->nedits; i++) {
		free(m->edits[i].path);
		free(m->edits[i].orig);
	}
	m->nedits = 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !memcmp(s + a - b, suffix, b);
}

/*
 * A file a phase of the last resolution looked for, whose path ends in
 * suffix: with found, the first such probe (or decision) whose file exists
 * now; otherwise the first probe, found or not.  Yours, or NULL.
 */
static char *probed_file(struct ps_model *m, enum ps_phase phase, const char *suffix, bool found)
{
	size_t i;

	for (i = 0; m->have_result && i < m->res.ntrace; i++) {
		const struct ps_step *st = &m->res.trace[i];
		if (st->phase != phase || !st->path || !ends_with(st->path, suffix))
			continue;
		if (found ? ps_fs_isfile(&m->s->fs, st->path) : st->op != PS_OP_DECIDE)
			return xstrdup(st->path);
	}
	return NULL;
}

/* The executable modelled: as resolved, or argv0 before there is a result (borrowed). */
static const char *exe_path(struct ps_model *m)
{
	if (m->have_result && m->res.getpath.executable && *m->res.getpath.executable)
		return m->res.getpath.executable;
	return m->s->in.argv0;
}

/* The value of key in "key = value" lines (pyvenv.cfg syntax): yours, or NULL. */
static char *cfg_get(const struct ps_strv *lines, const char *key)
{
	size_t i, klen = strlen(key);

	for (i = 0; i < lines->n; i++) {
		const char *l = lines->v[i], *eq;
		char *v;
		size_t n;

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
		v = xstrdup(eq);
		n = strlen(v);
		while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
			v[--n] = '\0';
		return v;
	}
	return NULL;
}

/* Where the ._pth file is looked for when no probe names one (yours). */
static char *default_pth_path(struct ps_model *m)
{
	if (m->s->in.build.platform == PS_PLATFORM_NT) {
		/* Windows looks for python._pth next to python.exe */
		const char *exe = exe_path(m) ? exe_path(m) : "python.exe";
		const char *dot = strrchr(exe, '.'), *sep = strrchr(exe, '\\');
		size_t n = dot && (!sep || dot > sep) ? (size_t)(dot - exe) : strlen(exe);
		return xasprintf("%.*s._pth", (int)n, exe);
	}
	return xasprintf("%s._pth", exe_path(m) ? exe_path(m) : "python");
}

void files_refresh(struct ps_model *m)
{
	struct ps_strv lines;
	char *p;

	/* keep the paths the user has edited; otherwise follow the model's probes */
	if (!m->venv_cfg || !files_edited(m, m->venv_cfg)) {
		/* where a venv keeps it: above bin/ */
		p = probed_file(m, PS_PHASE_VENV, "pyvenv.cfg", true);
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
	if (!m->pth_path || !files_edited(m, m->pth_path)) {
		p = probed_file(m, PS_PHASE_PTH, "._pth", true);
		if (!p)
			p = probed_file(m, PS_PHASE_PTH, "._pth", false);
		if (!p)
			p = default_pth_path(m);
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

/* The lines, each ended by a newline, as one string (yours). */
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

/* The lines of a file as read, without readlines' last empty piece after the final newline. */
static void drop_last_empty(struct ps_strv *lines)
{
	if (lines->n && !*lines->v[lines->n - 1])
		ps_strv_remove(lines, lines->n - 1);
}

int files_venv_set(struct ps_model *m, const char *key, const char *value)
{
	struct ps_strv lines;
	size_t i, klen = strlen(key);
	bool done = false;
	char *content;
	int rc;

	ps_strv_init(&lines);
	if (m->venv_present)
		ps_fs_read_lines(&m->s->fs, m->venv_cfg, 32768, &lines);
	drop_last_empty(&lines);
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
	rc = files_put(m, m->venv_cfg, content);
	free(content);
	ps_strv_release(&lines);
	return rc;
}

static int pth_write(struct ps_model *m, const struct ps_strv *lines)
{
	char *content = join_lines(lines);
	int rc = files_put(m, m->pth_path, content);
	free(content);
	return rc;
}

void files_pth_set_line(struct ps_model *m, long idx, const char *text)
{
	struct ps_strv lines;

	ps_strv_init(&lines);
	ps_strv_copy(&lines, &m->pth_lines);
	drop_last_empty(&lines);
	if (idx < 0 || (size_t)idx >= lines.n) {
		ps_strv_push(&lines, text);
	} else {
		free(lines.v[idx]);
		lines.v[idx] = xstrdup(text);
	}
	pth_write(m, &lines);
	ps_strv_release(&lines);
}

bool files_pth_delete_line(struct ps_model *m, long idx)
{
	struct ps_strv lines;
	bool done = false;

	ps_strv_init(&lines);
	ps_strv_copy(&lines, &m->pth_lines);
	drop_last_empty(&lines);
	if ((size_t)idx < lines.n) {
		ps_strv_remove(&lines, (size_t)idx);
		pth_write(m, &lines);
		done = true;
	}
	ps_strv_release(&lines);
	return done;
}

/*
 * Enter on a file row: the file goes away when present; comes back as it
 * was when the explorer hid it; otherwise make() writes a new one (its
 * result is yours to free here).  The model runs again in every case.
 */
static void toggle_file(struct ps_model *m, const char *path, bool present,
			char *(*make)(struct ps_model *m))
{
	const struct ps_edit *e = edit_find(m, path);

	if (present) {
		if (files_remove(m, path) == 0)
			model_status(m, false, "removed %s (virtually)", path);
	} else if (e && e->existed) {
		/* it was there before the explorer hid it: the same file comes back */
		if (files_put(m, path, e->orig ? e->orig : "") == 0)
			model_status(m, false, "restored %s (virtually)", path);
	} else {
		char *content = make(m);
		if (files_put(m, path, content) == 0)
			model_status(m, false, "added %s (virtually)", path);
		free(content);
	}
	model_recompute(m);
}

/* A new pyvenv.cfg as `python -m venv` writes it: home is the real interpreter's directory (yours). */
static char *new_venv_cfg(struct ps_model *m)
{
	const struct ps_inputs *in = &m->s->in;
	char *real = NULL, *home, *content;

	if (ps_fs_realpath_final(&m->s->fs, exe_path(m), &real) != 0) {
		free(real);
		real = NULL;
	}
	home = ps_path_dirname(in->build.platform, real ? real : exe_path(m));
	content = xasprintf("home = %s\ninclude-system-site-packages = false\n"
			    "version = %d.%d\n", home ? home : "", in->build.major, in->build.minor);
	free(real);
	free(home);
	return content;
}

/*
 * A new ._pth file: getpath's search path without PYTHONPATH's entries
 * (a ._pth file ignores the environment), so the effect of the file alone
 * shows.  Yours.
 */
static char *new_pth(struct ps_model *m)
{
	struct ps_strv lines;
	char *content;
	size_t i;

	ps_strv_init(&lines);
	for (i = 0; m->have_result && i < m->res.getpath.nentries; i++)
		if (m->res.getpath.entries[i].origin != PS_ORIGIN_PYTHONPATH)
			ps_strv_push(&lines, m->res.getpath.entries[i].path);
	if (!lines.n)
		ps_strv_push(&lines, ".");
	content = join_lines(&lines);
	ps_strv_release(&lines);
	return content;
}

void files_toggle_venv(struct ps_model *m)
{
	toggle_file(m, m->venv_cfg, m->venv_present, new_venv_cfg);
}

void files_toggle_pth(struct ps_model *m)
{
	toggle_file(m, m->pth_path, m->pth_present, new_pth);
}

char *files_label(struct ps_model *m, const char *label, const char *path)
{
	/* the label column has room for " [ov]", the value column not */
	return xasprintf("%s%s", label, m->real_mode && path && files_edited(m, path) ? " [ov]" : "");
}

char *files_footer(struct ps_model *m, const char *path, bool present)
{
	return xasprintf("Enter %s %s%s (e: another path)", present ? "removes" : "adds", path ? path : "",
			 m->real_mode ? files_edited(m, path) ? ": a virtual overlay, not on disk" :
							     ", virtually: nothing is written to disk" :
				      ", in the scenario's tree in memory");
}
