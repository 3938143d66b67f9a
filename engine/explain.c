/*
 * explain.c - why a directory is (or is not) on sys.path, from a computed
 * result alone (no filesystem access: everything needed was recorded by the
 * stages as entries, .pth lines and trace steps).
 *
 * Present: the entry's origin and detail, then the chain of trace steps
 * that led to it, found by following ps_step.cause back from the step that
 * added it (site.c links them: the .pth line's existence check, the read of
 * the .pth file, the listing of its directory, the probe of that
 * directory, the venv decision ...).  Entries from getpath without links
 * get the last decision that set the prefix they derive from.
 *
 * Absent, in this order: a .pth line that names it (missing, or in a file
 * that is not processed), a site-packages candidate that is not a
 * directory, the user site while disabled, a site-packages directory of a
 * prefix that is not in site.PREFIXES, site.py not running at all, a
 * directory inside an entry, and finally "no rule adds it" with the
 * nearest entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute-int.h"
#include "scenario-int.h"

struct xb {
	const struct ps_result *r;
	const struct ps_inputs *in;
	struct ps_explanation *x;
	enum ps_platform plat;
	bool oom;
};

static char *xprintf(struct xb *b, const char *fmt, ...) PS_PRINTF(2, 3);
static char *xprintf(struct xb *b, const char *fmt, ...)
{
	struct ps_buf buf;
	va_list ap;
	ps_buf_init(&buf);
	va_start(ap, fmt);
	ps_buf_vaddf(&buf, fmt, ap);
	va_end(ap);
	if (buf.oom) {
		b->oom = true;
		ps_buf_release(&buf);
		return NULL;
	}
	return ps_buf_detach(&buf);
}

void ps_explanation_init(struct ps_explanation *x)
{
	memset(x, 0, sizeof *x);
	x->index = x->also = x->nearest = -1;
}

void ps_explanation_release(struct ps_explanation *x)
{
	free(x->argument);
	free(x->path);
	free(x->summary);
	free(x->rule);
	free(x->missing);
	for (size_t i = 0; i < x->nsteps; i++)
		free(x->steps[i].sentence);
	free(x->steps);
	free(x->pth);
	ps_explanation_init(x);
}

/* The sentence for a trace step: its note, else "op path: result". */
static char *step_sentence(struct xb *b, long i)
{
	const struct ps_step *s = &b->r->trace[i];
	if (s->note && *s->note)
		return xprintf(b, "%s", s->note);
	if (s->var)
		return xprintf(b, "%s = %s", s->var, s->value ? s->value : "None");
	return xprintf(b, "%s %s: %s", ps_op_name(s->op), s->path ? s->path : "",
		       s->result ? s->result : "");
}

static bool has_step(const struct ps_explanation *x, long i)
{
	for (size_t k = 0; k < x->nsteps; k++)
		if (x->steps[k].step == i)
			return true;
	return false;
}

static void add_step(struct xb *b, long i, char *sentence)
{
	struct ps_explanation *x = b->x;
	struct ps_explain_step *t;
	if (i >= 0 && has_step(x, i)) {
		free(sentence);
		return;
	}
	if (!sentence && i >= 0)
		sentence = step_sentence(b, i);
	if (!sentence || !(t = realloc(x->steps, (x->nsteps + 1) * sizeof *t))) {
		free(sentence);
		b->oom = true;
		return;
	}
	x->steps = t;
	t[x->nsteps].step = i;
	t[x->nsteps].sentence = sentence;
	x->nsteps++;
}

/* Adds step i and every step it follows from, root first. */
static void add_chain(struct xb *b, long i)
{
	long chain[64];
	size_t n = 0;
	while (i >= 0 && (size_t)i < b->r->ntrace && n < 64) {
		bool loop = false;
		for (size_t k = 0; k < n; k++)
			loop |= chain[k] == i;
		if (loop)
			break;
		chain[n++] = i;
		i = b->r->trace[i].cause - 1;
	}
	while (n > 0)
		add_step(b, chain[--n], NULL);
}

/* Index of the last decision setting var before step `before`, or -1. */
static long last_set(const struct ps_result *r, const char *var, long before)
{
	for (long i = (before < 0 ? (long)r->ntrace : before) - 1; i >= 0; i--)
		if (r->trace[i].var && strcmp(r->trace[i].var, var) == 0)
			return i;
	return -1;
}

static char *absolute(struct xb *b, const char *p)
{
	char *a = ps_path_abspath(b->plat, b->in->cwd ? b->in->cwd : "/", p);
	if (!a)
		b->oom = true;
	return a;
}

static bool same(struct xb *b, const char *p, const char *target)
{
	char *a;
	bool eq;
	if (!p)
		return false;
	if (ps_path_equal(b->plat, p, target))
		return true;
	a = absolute(b, p);
	eq = a && ps_path_equal(b->plat, a, target);
	free(a);
	return eq;
}

/* Python whitespace at the end of a .pth line, ASCII subset (what rstrip() removes). */
static size_t rstrip_ascii(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && strchr(" \t\r\n\v\f\x1c\x1d\x1e\x1f", s[n - 1]))
		n--;
	return n;
}

/* The directory a .pth line names (join with the file's directory, abspath); yours. */
static char *pth_target(struct xb *b, const struct ps_pth_line *l)
{
	char *dir, *rel, *res;
	if (!l->file || !l->text)
		return NULL;
	dir = ps_path_dirname(b->plat, l->file);
	rel = xprintf(b, "%.*s", (int)rstrip_ascii(l->text), l->text);
	res = dir && rel ? ps_path_abspath(b->plat, dir, rel) : NULL;
	if (!res)
		b->oom = true;
	free(dir);
	free(rel);
	return res;
}

static void add_pth(struct xb *b, size_t i)
{
	size_t *t = realloc(b->x->pth, (b->x->npth + 1) * sizeof *t);
	if (!t) {
		b->oom = true;
		return;
	}
	b->x->pth = t;
	t[b->x->npth++] = i;
}

/* Collects the .pth lines naming the target (path lines only). */
static void collect_pth(struct xb *b)
{
	const struct ps_result *r = b->r;
	for (size_t i = 0; i < r->npth && !b->oom; i++) {
		const struct ps_pth_line *l = &r->pth[i];
		char *t;
		if (l->line <= 0 || l->action == PS_PTH_COMMENT || l->action == PS_PTH_BLANK ||
		    l->action == PS_PTH_IMPORT || !l->text || !*l->text ||
		    !strncmp(l->text, "import ", 7) || !strncmp(l->text, "import\t", 7) ||
		    l->text[0] == '#')
			continue;
		t = pth_target(b, l);
		if (t && ps_path_equal(b->plat, t, b->x->path))
			add_pth(b, i);
		free(t);
	}
}

/* ------------------------------------------------------------------ */

static void explain_present(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	const struct ps_entry *e = (size_t)x->index < r->nentries ? &r->entries[x->index] : NULL;
	long s = e ? e->step : -1;

	if (e && e->step >= 0 && (size_t)e->step < r->ntrace && r->trace[e->step].cause == 0 &&
	    r->trace[e->step].phase != PS_PHASE_SITE && r->trace[e->step].phase != PS_PHASE_PATH0) {
		/* a getpath entry: the prefix decision it derives from comes first */
		long p = -1;
		if (e->origin == PS_ORIGIN_STDLIB || e->origin == PS_ORIGIN_STDLIB_ZIP)
			p = last_set(r, "prefix", e->step);
		else if (e->origin == PS_ORIGIN_PLATSTDLIB)
			p = last_set(r, "exec_prefix", e->step);
		if (p >= 0)
			add_chain(b, p);
	}
	if (s >= 0 && (size_t)s < r->ntrace)
		add_chain(b, s);
	/* removeduppaths() may have rewritten it */
	for (size_t i = 0; i < r->ntrace; i++) {
		const struct ps_step *t = &r->trace[i];
		if (t->phase == PS_PHASE_SITE && t->op == PS_OP_DECIDE && t->path && t->result &&
		    !t->var && ps_path_equal(b->plat, t->result, x->path) &&
		    !ps_path_equal(b->plat, t->path, x->path))
			add_step(b, (long)i, NULL);
	}
	if (e)
		x->summary = xprintf(b, "%s is sys.path[%ld] (%s): %s", x->path, x->index,
				     ps_origin_name(e->origin),
				     e->detail && *e->detail ? e->detail : "no detail recorded");
	else
		x->summary = xprintf(b, "%s is sys.path[%ld]", x->path, x->index);
	/* the entry '' is the cwd at import time: whether it "exists" is not the point */
	if (e && !e->exists && e->path[0] && x->summary) {
		char *t = xprintf(b, "%s; it does not exist (kept on sys.path all the same)", x->summary);
		free(x->summary);
		x->summary = t;
	}
}

/* The last step in phase site with op and a path equal to the target, or -1. */
static long find_probe(struct xb *b, enum ps_op op, const char *result)
{
	const struct ps_result *r = b->r;
	for (long i = (long)r->ntrace - 1; i >= 0; i--) {
		const struct ps_step *t = &r->trace[i];
		if (t->op == op && t->path && (!result || (t->result && !strcmp(t->result, result))) &&
		    same(b, t->path, b->x->path))
			return i;
	}
	return -1;
}

static bool absent_pth(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	for (size_t k = 0; k < x->npth; k++) {
		const struct ps_pth_line *l = &r->pth[x->pth[k]];
		if (l->action == PS_PTH_MISSING) {
			long s = find_probe(b, PS_OP_ISFILE, "missing");
			x->rule = xprintf(b, "line %d of %s names it", l->line, l->file);
			x->missing = xprintf(b, "%s does not exist", x->path);
			x->summary = xprintf(b, "not added: %s does not exist, named by line %d of %s",
					     x->path, l->line, l->file);
			if (s >= 0)
				add_chain(b, s);
			return true;
		}
		if (l->action == PS_PTH_IGNORED || l->action == PS_PTH_ERROR) {
			x->rule = xprintf(b, "line %d of %s names it", l->line, l->file);
			x->missing = xprintf(b, "%s is not processed", l->file);
			x->summary = xprintf(b, "not added: line %d of %s names it, but %s",
					     l->line, l->file,
					     l->detail ? l->detail : "that line is not processed");
			return true;
		}
	}
	return false;
}

static bool absent_user_site(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	long s;
	if (!r->sys.user_site || !same(b, r->sys.user_site, x->path))
		return false;
	x->rule = xprintf(b, "the user site (USER_SITE) is added when ENABLE_USER_SITE is true "
			  "and the directory exists");
	if (r->sys.enable_user_site != 1) {
		s = last_set(r, "ENABLE_USER_SITE", -1);
		x->missing = xprintf(b, "ENABLE_USER_SITE is %s",
				     r->sys.enable_user_site == 0 ? "False" : "None");
		if (s >= 0) {
			x->summary = xprintf(b, "not added: %s", r->trace[s].note ? r->trace[s].note
					     : "the user site is disabled");
			add_chain(b, s);
		} else {
			x->summary = xprintf(b, "not added: the user site is disabled");
		}
		return true;
	}
	s = find_probe(b, PS_OP_ISDIR, "false");
	x->missing = xprintf(b, "%s is not a directory", x->path);
	x->summary = xprintf(b, "not added: it is the user site, which is enabled, but %s is "
			     "not a directory", x->path);
	if (s >= 0)
		add_chain(b, s);
	return true;
}

static bool absent_candidate(struct xb *b)
{
	struct ps_explanation *x = b->x;
	long s = find_probe(b, PS_OP_ISDIR, "false");
	const struct ps_step *t;
	if (s < 0 || b->r->trace[s].phase != PS_PHASE_SITE)
		return false;
	t = &b->r->trace[s];
	x->rule = xprintf(b, "%s", t->note ? t->note : "a site-packages candidate");
	x->missing = xprintf(b, "the directory %s", x->path);
	x->summary = xprintf(b, "not added: site.py looks for it (%s) but it is not a directory",
			     t->note ? t->note : "site-packages");
	add_chain(b, s);
	return true;
}

/* Whether target ends with /site-packages or /dist-packages. */
static bool looks_site(const char *p)
{
	size_t n = strlen(p);
	return (n >= 14 && !strcmp(p + n - 14, "/site-packages")) ||
	       (n >= 14 && !strcmp(p + n - 14, "/dist-packages")) ||
	       (n >= 14 && !strcmp(p + n - 14, "\\site-packages"));
}

static bool absent_prefix(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	const char *prefixes[4] = { r->sys.base_prefix, r->sys.base_exec_prefix,
				    r->getpath.prefix, r->getpath.exec_prefix };
	long s;

	if (!looks_site(x->path))
		return false;
	if (!r->sys.site_ran) {
		x->rule = xprintf(b, "site.py adds the site-packages directories");
		x->missing = xprintf(b, "site.py does not run (-S)");
		if (r->getpath.prefix && r->sys.prefix && r->minor <= 13 && r->major == 3 &&
		    ps_path_equal(b->plat, r->sys.prefix, r->getpath.prefix) &&
		    r->getpath.executable)
			x->summary = xprintf(b, "not added: site.py does not run (-S), so no site-packages "
					     "directory is added (and a venv is not activated: in "
					     "%d.%d only site.py switches sys.prefix to it)",
					     r->major, r->minor);
		else
			x->summary = xprintf(b, "not added: site.py does not run (-S), so no site-packages "
					     "directory is added");
		return true;
	}
	for (int i = 0; i < 4; i++) {
		const char *p = prefixes[i];
		size_t n;
		if (!p || !*p)
			continue;
		n = strlen(p);
		if (strncmp(x->path, p, n) != 0 || (x->path[n] != '/' && x->path[n] != '\\'))
			continue;
		/* under a base prefix, but never probed: the prefix is not in PREFIXES */
		s = -1;
		for (long k = (long)r->ntrace - 1; k >= 0 && s < 0; k--)
			if (r->trace[k].var && !strcmp(r->trace[k].var, "PREFIXES") && r->trace[k].note &&
			    strstr(r->trace[k].note, "include-system-site-packages"))
				s = k;
		x->rule = xprintf(b, "site.py adds the site-packages of every prefix in site.PREFIXES");
		x->missing = xprintf(b, "%s is not in site.PREFIXES", p);
		if (s >= 0) {
			x->summary = xprintf(b, "not added: %s", r->trace[s].note);
			add_chain(b, s);
		} else {
			x->summary = xprintf(b, "not added: site.py does not look under %s for "
					     "site-packages (not one of site.PREFIXES, or not this "
					     "version's layout)", p);
		}
		return true;
	}
	return false;
}

static long common_len(struct xb *b, const char *a, const char *c)
{
	long n = 0, last = 0;
	char sep = ps_path_sep(b->plat);
	for (; a[n] && c[n] && a[n] == c[n]; n++)
		if (a[n] == sep)
			last = n;
	if ((!a[n] || a[n] == sep) && (!c[n] || c[n] == sep))
		last = n;
	return last;
}

/* Index of the closest sys.path entry (longest common leading components), or -1. */
static long nearest_entry(struct xb *b)
{
	const struct ps_result *r = b->r;
	long best = -1, bestlen = 0;
	for (size_t i = 0; i < r->sys.path.n; i++) {
		char *a = absolute(b, r->sys.path.v[i]);
		long l = a ? common_len(b, a, b->x->path) : 0;
		if (l > bestlen) {
			best = (long)i;
			bestlen = l;
		}
		free(a);
	}
	return best;
}

static void absent_nearest(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	char sep = ps_path_sep(b->plat);
	long inside = -1;
	size_t inlen = 0;
	for (size_t i = 0; i < r->sys.path.n; i++) {
		char *a = absolute(b, r->sys.path.v[i]);
		size_t n = a ? strlen(a) : 0;
		if (a && n > inlen && strncmp(x->path, a, n) == 0 &&
		    (x->path[n] == sep || (n > 0 && a[n - 1] == sep))) {
			inside = (long)i;
			inlen = n;
		}
		free(a);
	}
	if (inside >= 0) {
		x->nearest = inside;
		x->summary = xprintf(b, "not on sys.path itself, but inside sys.path[%ld] %s: what is "
				     "below it is importable as a package of that entry (%s), not as "
				     "a top-level directory; a .pth file naming %s would add it",
				     inside, r->sys.path.v[inside],
				     x->path + inlen + (x->path[inlen] == sep), x->path);
		return;
	}
	x->nearest = nearest_entry(b);
	if (x->nearest >= 0)
		x->summary = xprintf(b, "not on sys.path: no rule adds it; the nearest entry is "
				     "sys.path[%ld] %s", x->nearest, r->sys.path.v[x->nearest]);
	else
		x->summary = xprintf(b, "not on sys.path: no rule adds it");
}

int ps_explain(const struct ps_result *r, const struct ps_inputs *in, const char *path,
	       struct ps_explanation *out, struct ps_error *err)
{
	struct xb b = { r, in, out, r->platform, false };

	ps_explanation_release(out);
	out->argument = strdup(path ? path : "");
	out->path = absolute(&b, path ? path : "");
	if (!out->argument || !out->path)
		goto oom;
	if (!r->has_sys) {
		out->summary = r->has_fatal
			? xprintf(&b, "the interpreter would not start (%s): there is no sys.path",
				  r->fatal.message ? r->fatal.message : "fatal error")
			: xprintf(&b, "no sys.path was computed");
		goto done;
	}
	for (size_t i = 0; i < r->sys.path.n; i++) {
		if (!same(&b, r->sys.path.v[i], out->path))
			continue;
		if (out->index < 0)
			out->index = (long)i;
		else if (out->also < 0)
			out->also = (long)i;
	}
	out->on_path = out->index >= 0;
	collect_pth(&b);
	if (out->on_path)
		explain_present(&b);
	else if (!absent_pth(&b) && !absent_user_site(&b) && !absent_candidate(&b) &&
		 !absent_prefix(&b))
		absent_nearest(&b);
	if (out->nearest < 0 && !out->on_path && !b.oom)
		out->nearest = nearest_entry(&b);
done:
	if (b.oom || !out->summary)
		goto oom;
	return 0;
oom:
	ps_error_set(err, PS_ERR_NOMEM, "out of memory");
	return -1;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

struct tb {
	bool oom;
};

static struct ps_ynode *chk(struct tb *t, struct ps_ynode *n)
{
	if (!n)
		t->oom = true;
	return n;
}

static void put(struct tb *t, struct ps_ynode *map, const char *key, struct ps_ynode *v)
{
	if (!map || !v) {
		ps_ynode_free(v);
		t->oom = true;
		return;
	}
	if (ps_ynode_set(map, key, v) < 0)
		t->oom = true;
}

static void put_str(struct tb *t, struct ps_ynode *map, const char *key, const char *s)
{
	put(t, map, key, chk(t, ps_ynode_str(s)));
}

static void put_long(struct tb *t, struct ps_ynode *map, const char *key, long v)
{
	put(t, map, key, chk(t, v >= 0 ? ps_ynode_int(v) : ps_ynode_null()));
}

static struct ps_ynode *explain_tree(const struct ps_explanation *x, const struct ps_result *r)
{
	struct tb t = { false };
	struct ps_ynode *o = chk(&t, ps_ynode_new(PS_Y_MAP));
	struct ps_ynode *chain, *pth;
	const struct ps_entry *e = x->on_path && (size_t)x->index < r->nentries
		? &r->entries[x->index] : NULL;

	put(&t, o, "schema", chk(&t, ps_ynode_int(1)));
	put_str(&t, o, "argument", x->argument);
	put_str(&t, o, "path", x->path);
	put(&t, o, "on_path", chk(&t, ps_ynode_bool(x->on_path)));
	put_long(&t, o, "index", x->index);
	put_long(&t, o, "also", x->also);
	if (e) {
		struct ps_ynode *m = chk(&t, ps_ynode_new(PS_Y_MAP));
		put_str(&t, m, "path", e->path);
		put_str(&t, m, "origin", ps_origin_name(e->origin));
		put(&t, m, "exists", chk(&t, ps_ynode_bool(e->exists)));
		put_str(&t, m, "detail", e->detail);
		put(&t, o, "entry", m);
	} else {
		put(&t, o, "entry", chk(&t, ps_ynode_null()));
	}
	put_str(&t, o, "summary", x->summary);
	put_str(&t, o, "rule", x->rule);
	put_str(&t, o, "missing", x->missing);
	if (x->nearest >= 0 && (size_t)x->nearest < r->sys.path.n) {
		struct ps_ynode *m = chk(&t, ps_ynode_new(PS_Y_MAP));
		put(&t, m, "index", chk(&t, ps_ynode_int(x->nearest)));
		put_str(&t, m, "path", r->sys.path.v[x->nearest]);
		put(&t, o, "nearest", m);
	} else {
		put(&t, o, "nearest", chk(&t, ps_ynode_null()));
	}
	chain = chk(&t, ps_ynode_new(PS_Y_SEQ));
	for (size_t i = 0; chain && i < x->nsteps && !t.oom; i++) {
		struct ps_ynode *m = chk(&t, ps_ynode_new(PS_Y_MAP));
		long s = x->steps[i].step;
		const struct ps_step *st = s >= 0 && (size_t)s < r->ntrace ? &r->trace[s] : NULL;
		put_long(&t, m, "step", s);
		put_str(&t, m, "phase", st ? ps_phase_name(st->phase) : NULL);
		put_str(&t, m, "op", st ? ps_op_name(st->op) : NULL);
		put_str(&t, m, "path", st ? st->path : NULL);
		put_str(&t, m, "result", st ? st->result : NULL);
		put_str(&t, m, "sentence", x->steps[i].sentence);
		if (m && ps_ynode_push(chain, m) < 0)
			t.oom = true;
	}
	put(&t, o, "chain", chain);
	pth = chk(&t, ps_ynode_new(PS_Y_SEQ));
	for (size_t i = 0; pth && i < x->npth && !t.oom; i++) {
		const struct ps_pth_line *l = &r->pth[x->pth[i]];
		struct ps_ynode *m = chk(&t, ps_ynode_new(PS_Y_MAP));
		put_str(&t, m, "file", l->file);
		put(&t, m, "line", chk(&t, ps_ynode_int(l->line)));
		put_str(&t, m, "text", l->text);
		put_str(&t, m, "action", ps_pth_action_name(l->action));
		put_str(&t, m, "detail", l->detail);
		if (m && ps_ynode_push(pth, m) < 0)
			t.oom = true;
	}
	put(&t, o, "pth", pth);
	if (t.oom) {
		ps_ynode_free(o);
		return NULL;
	}
	return o;
}

void ps_explanation_write_json(const struct ps_explanation *x, const struct ps_result *r,
			       struct ps_buf *out)
{
	struct ps_ynode *n = explain_tree(x, r);
	if (!n) {
		out->oom = true;
		return;
	}
	ps_json_write_tree(n, out);
	ps_ynode_free(n);
}

void ps_explanation_write_yaml(const struct ps_explanation *x, const struct ps_result *r,
			       struct ps_buf *out)
{
	struct ps_ynode *n = explain_tree(x, r);
	if (!n) {
		out->oom = true;
		return;
	}
	ps_yaml_write_tree(n, out);
	ps_ynode_free(n);
}
