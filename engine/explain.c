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
	const struct ps_fs *fs;     /* may be NULL: answer from the result alone */
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
	ps_strv_init(&x->notes);
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
	free(x->fix);
	ps_strv_release(&x->notes);
	free(x->lines);
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

/* Whether two .pth records say the same thing (a directory processed twice records an unread file twice). */
static bool same_pth(const struct ps_pth_line *a, const struct ps_pth_line *c)
{
	return a->line == c->line && a->action == c->action && a->file && c->file &&
	       !strcmp(a->file, c->file) && !strcmp(a->text ? a->text : "", c->text ? c->text : "") &&
	       !strcmp(a->detail ? a->detail : "", c->detail ? c->detail : "");
}

/* Appends i to *v unless an identical record is already there. */
static void add_index(struct xb *b, size_t **v, size_t *n, size_t i)
{
	size_t *t;
	for (size_t k = 0; k < *n; k++)
		if (same_pth(&b->r->pth[(*v)[k]], &b->r->pth[i]))
			return;
	t = realloc(*v, (*n + 1) * sizeof *t);
	if (!t) {
		b->oom = true;
		return;
	}
	*v = t;
	t[(*n)++] = i;
}

static void add_pth(struct xb *b, size_t i)
{
	add_index(b, &b->x->pth, &b->x->npth, i);
}

static void add_note(struct xb *b, char *note)
{
	if (!note || ps_strv_push_take(&b->x->notes, note) < 0)
		b->oom = true;
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

/*
 * The fix for a .pth file site.py skips because it is hidden: a name
 * starting with '.' (3.13+ skip those), or the hidden flag (UF_HIDDEN on
 * macOS/BSD, FILE_ATTRIBUTE_HIDDEN on Windows).  NULL when l is not such a
 * line.  Yours.
 */
static char *hidden_fix(struct xb *b, const struct ps_pth_line *l)
{
	char *dir, *base, *res = NULL;
	if (l->action != PS_PTH_IGNORED || !l->detail || !l->file)
		return NULL;
	dir = ps_path_dirname(b->plat, l->file);
	base = ps_path_basename(b->plat, l->file);
	if (!dir || !base) {
		b->oom = true;
	} else if (strstr(l->detail, "starts with '.'") && base[0] == '.') {
		size_t k = strspn(base, ".");
		res = xprintf(b, "rename it without the leading dot: mv %s %s%c%s", l->file, dir,
			      ps_path_sep(b->plat), base + k);
	} else if (strstr(l->detail, "hidden")) {
		res = b->plat == PS_PLATFORM_NT
			? xprintf(b, "clear its hidden attribute: attrib -h \"%s\"", l->file)
			: b->plat == PS_PLATFORM_DARWIN
			? xprintf(b, "clear its hidden flag: chflags nohidden %s", l->file)
			: xprintf(b, "clear its hidden flag (UF_HIDDEN, set by macOS/BSD tools): chflags "
				  "nohidden %s", l->file);
	}
	free(dir);
	free(base);
	return res;
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
			if (!x->fix)
				x->fix = hidden_fix(b, l);
			return true;
		}
	}
	return false;
}

static bool ends_with_n(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !memcmp(s + n - k, suffix, k);
}

static bool ends_with(const char *s, const char *suffix)
{
	return ends_with_n(s, strlen(s), suffix);
}

/*
 * PATH is a .pth (or ._pth) file: what happened to each of its lines
 * (r->pth), not whether the file "is on sys.path".  A .pth file no site
 * directory led to is said to be unread.  Returns false when PATH is not
 * such a file.
 */
static bool explain_pth_file(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	const char *kind = ends_with(x->path, "._pth") ? "._pth" : ".pth";
	size_t count[PS_PTH_COUNT] = { 0 };
	const struct ps_pth_line *first = NULL;
	struct ps_buf parts;
	long s;

	for (size_t i = 0; i < r->npth && !b->oom; i++)
		if (r->pth[i].file && ps_path_equal(b->plat, r->pth[i].file, x->path))
			add_index(b, &x->lines, &x->nlines, i);
	if (!x->nlines) {
		if (!ends_with(x->path, ".pth") || (b->fs && !ps_fs_isfile(b->fs, x->path)))
			return false;
		x->is_pth = true;
		x->rule = xprintf(b, "site.py reads the .pth files of each site directory it processes "
				  "(site-packages, the user site, and the directories their .pth lines "
				  "add)");
		x->missing = xprintf(b, "%s is not in a site directory this interpreter processes",
				     x->path);
		x->summary = !r->sys.site_ran
			? xprintf(b, "%s is a .pth file, never read: site.py does not run (-S)", x->path)
			: xprintf(b, "%s is a .pth file site.py never reads: it is not in a site "
				  "directory this interpreter processes", x->path);
		return true;
	}
	x->is_pth = true;
	for (size_t k = 0; k < x->nlines; k++) {
		const struct ps_pth_line *l = &r->pth[x->lines[k]];
		if ((unsigned)l->action < PS_PTH_COUNT)
			count[l->action]++;
		if (!first)
			first = l;
	}
	/* every line ignored: the file as a whole was skipped (hidden, a name with '.') */
	if (count[PS_PTH_IGNORED] == x->nlines) {
		const char *why = first->detail ? first->detail : "its lines are ignored";
		if (!strncmp(why, "not processed: ", 15))
			why += 15;
		x->summary = xprintf(b, "%s is a %s file that site.py does not process: %s", x->path,
				     kind, why);
		x->rule = xprintf(b, "site.py reads every .pth file of a site directory it processes");
		x->missing = xprintf(b, "%s is skipped", x->path);
		x->fix = hidden_fix(b, first);
	} else {
		static const char *const words[PS_PTH_COUNT] = {
			[PS_PTH_ADDED] = "added to sys.path", [PS_PTH_MISSING] = "naming a missing path",
			[PS_PTH_DUPLICATE] = "already on sys.path", [PS_PTH_IMPORT] = "import line",
			[PS_PTH_COMMENT] = "comment", [PS_PTH_BLANK] = "blank",
			[PS_PTH_ERROR] = "failing", [PS_PTH_IGNORED] = "ignored",
		};
		ps_buf_init(&parts);
		for (int a = 0; a < PS_PTH_COUNT; a++) {
			if (!count[a])
				continue;
			ps_buf_addf(&parts, "%s%zu %s", parts.len ? ", " : "", count[a], words[a]);
		}
		if (parts.oom)
			b->oom = true;
		x->summary = xprintf(b, "%s is a %s file that %s read: %zu line%s (%s)", x->path, kind,
				     !strcmp(kind, "._pth") ? "getpath" : "site.py", x->nlines,
				     x->nlines == 1 ? "" : "s", parts.s);
		ps_buf_release(&parts);
		if (count[PS_PTH_ERROR]) {
			add_note(b, xprintf(b, "a failing line prints \"Error processing line N of %s:\" "
					    "on stderr and the rest of the file is ignored", x->path));
			for (size_t k = 0; k < x->nlines && !x->fix; k++)
				if (r->pth[x->lines[k]].action == PS_PTH_ERROR)
					x->fix = xprintf(b, "remove line %d (or the whole file if nothing "
							 "needs it), or make what it imports importable",
							 r->pth[x->lines[k]].line);
		}
		if (count[PS_PTH_IMPORT])
			add_note(b, xprintf(b, "import lines are what CPython would run; pathscope never "
					    "runs them, so their effect is not modelled"));
	}
	/* the first time the site stage met the file (its read, or the decision to skip it) */
	s = -1;
	for (long k = 0; k < (long)r->ntrace && s < 0; k++)
		if (r->trace[k].path && ps_path_equal(b->plat, r->trace[k].path, x->path) &&
		    (r->trace[k].op == PS_OP_READ || r->trace[k].op == PS_OP_ISFILE ||
		     r->trace[k].op == PS_OP_DECIDE))
			s = k;
	if (s >= 0)
		add_chain(b, s);
	return true;
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

/* Whether the modelled site.py is Debian's (dist-packages): said by the build, else by its read. */
static bool is_debian(struct xb *b)
{
	if (b->plat == PS_PLATFORM_NT || b->in->build.debian_site == 0)
		return false;
	if (b->in->build.debian_site == 1)
		return true;
	for (size_t i = 0; i < b->r->ntrace; i++)
		if (b->r->trace[i].phase == PS_PHASE_SITE && b->r->trace[i].op == PS_OP_READ &&
		    b->r->trace[i].result && !strcmp(b->r->trace[i].result, "dist-packages"))
			return true;
	return false;
}

/*
 * Debian's patched site.py (getsitepackages): for each prefix P of
 * site.PREFIXES it reads P/local/lib/pythonX.Y/dist-packages,
 * P/lib/python3/dist-packages and P/lib/pythonX.Y/dist-packages, and
 * P/lib/pythonX.Y/site-packages only inside a venv.  A site-packages
 * directory outside a venv is therefore never read: it belongs to a Python
 * built with that prefix (/usr/local/bin/python3.11 from source, whose pip
 * installs there) or to pip's non-Debian install scheme.
 */
static bool absent_debian(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	const char *pfx[2] = { r->sys.prefix, r->sys.exec_prefix };
	char tail[64], *owner;
	const char *exe;
	size_t n, tl;
	struct ps_buf reads;
	long s = -1;

	if (!r->sys.site_ran || !is_debian(b) || !ends_with(x->path, "/site-packages") ||
	    !r->sys.prefix || !r->sys.base_prefix || strcmp(r->sys.prefix, r->sys.base_prefix))
		return false;
	ps_buf_init(&reads);
	for (int i = 0; i < 2; i++) {
		if (!pfx[i] || (i == 1 && !strcmp(pfx[0], pfx[1])))
			continue;
		ps_buf_addf(&reads, "%s%s/local/lib/python%d.%d/dist-packages, %s/lib/python%d/"
			    "dist-packages, %s/lib/python%d.%d/dist-packages", reads.len ? "; " : "",
			    strcmp(pfx[i], "/") ? pfx[i] : "", r->major, r->minor,
			    strcmp(pfx[i], "/") ? pfx[i] : "", r->major, strcmp(pfx[i], "/") ? pfx[i] : "",
			    r->major, r->minor);
	}
	/* whose site-packages is it?  PREFIX/lib/pythonX.Y/site-packages names its PREFIX */
	snprintf(tail, sizeof tail, "/lib/python%d.%d/site-packages", r->major, r->minor);
	n = strlen(x->path);
	tl = strlen(tail);
	if (n > tl && !strcmp(x->path + n - tl, tail)) {
		int pl = (int)(n - tl);
		if ((size_t)pl == strlen(r->sys.prefix) && !strncmp(x->path, r->sys.prefix, (size_t)pl))
			owner = xprintf(b, "it is where CPython's own install scheme (not Debian's) "
					"puts packages for prefix %s, e.g. a pip run with --prefix or "
					"another Python's pip", r->sys.prefix);
		else
			owner = xprintf(b, "it belongs to a Python installed with PREFIX=%.*s (such as "
					"%.*s/bin/python%d.%d built from source), whose pip installs "
					"there, or to pip's install scheme for that prefix",
					pl, x->path, pl, x->path, r->major, r->minor);
	} else {
		owner = xprintf(b, "it is not one of them");
	}
	exe = r->sys.executable && *r->sys.executable ? strrchr(r->sys.executable, '/') : NULL;
	exe = exe && exe[1] ? exe + 1 : NULL;
	x->rule = xprintf(b, "Debian's patched site.py (this interpreter's) reads, for %s: %s; "
			  "lib/python%d.%d/site-packages only inside a venv", r->sys.prefix,
			  reads.s, r->major, r->minor);
	x->missing = xprintf(b, "outside a venv Debian's site.py reads no site-packages directory");
	x->summary = xprintf(b, "not added: this interpreter's site.py is Debian's, which outside "
			     "a venv reads only dist-packages directories (%s), never %s; %s",
			     reads.s, x->path, owner ? owner : "");
	x->fix = exe
		? xprintf(b, "install with the interpreter you run: %s -m pip install ... (Debian's "
			  "pip installs into %s/local/lib/python%d.%d/dist-packages, which is read; in a "
			  "venv made with %s -m venv, its site-packages is read), or run the Python "
			  "that owns %s", exe, strcmp(r->sys.prefix, "/") ? r->sys.prefix : "",
			  r->major, r->minor, exe, x->path)
		: xprintf(b, "install with the interpreter you run: python%d -m pip install ... "
			  "(Debian's pip installs into %s/local/lib/python%d.%d/dist-packages, which is "
			  "read), or run the Python that owns %s", r->major,
			  strcmp(r->sys.prefix, "/") ? r->sys.prefix : "", r->major, r->minor, x->path);
	if (reads.oom)
		b->oom = true;
	ps_buf_release(&reads);
	free(owner);
	for (size_t i = 0; i < r->ntrace && s < 0; i++)
		if (r->trace[i].phase == PS_PHASE_SITE && r->trace[i].op == PS_OP_READ &&
		    r->trace[i].result && !strcmp(r->trace[i].result, "dist-packages"))
			s = (long)i;
	if (s >= 0)
		add_chain(b, s);
	return true;
}

/* The site-packages candidates site.py probed under prefix p, listed in *out (released by the caller when true). */
static bool probed_under(struct xb *b, const char *p, struct ps_buf *out)
{
	size_t n = strlen(p);
	ps_buf_init(out);
	for (size_t i = 0; i < b->r->ntrace; i++) {
		const struct ps_step *t = &b->r->trace[i];
		if (t->phase != PS_PHASE_SITE || t->op != PS_OP_ISDIR || !t->path ||
		    strncmp(t->path, p, n) || (t->path[n] != '/' && t->path[n] != '\\') ||
		    (out->len && strstr(out->s, t->path)))
			continue;
		ps_buf_addf(out, "%s%s", out->len ? ", " : "", t->path);
	}
	if (out->oom)
		b->oom = true;
	if (!out->len)
		ps_buf_release(out);
	return out->len > 0;
}

static bool absent_prefix(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	const char *prefixes[4] = { r->sys.base_prefix, r->sys.base_exec_prefix,
				    r->getpath.prefix, r->getpath.exec_prefix };
	struct ps_buf probed;
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
		if (s >= 0) {
			x->missing = xprintf(b, "%s is not in site.PREFIXES", p);
			x->summary = xprintf(b, "not added: %s", r->trace[s].note);
			add_chain(b, s);
		} else if (probed_under(b, p, &probed)) {
			/* p is in PREFIXES: site.py looked under it, at other directories */
			free(x->missing);
			x->missing = xprintf(b, "%s is not one of the directories site.py looks for "
					     "under %s", x->path, p);
			x->summary = xprintf(b, "not added: under %s site.py looks only for %s; %s is "
					     "not one of them", p, probed.s, x->path);
			ps_buf_release(&probed);
		} else {
			x->missing = xprintf(b, "%s is not in site.PREFIXES", p);
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

static bool ident_char(unsigned char ch, bool first)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80 ||
	       (!first && ch >= '0' && ch <= '9');
}

/* Whether s[0..n) is a Python identifier (non-ASCII bytes allowed, as UTF-8 identifiers are). */
static bool is_ident(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ident_char((unsigned char)s[i], i == 0))
			return false;
	return true;
}

/*
 * The dotted module name of a path relative to a sys.path entry
 * ("pkg/sub" -> "pkg.sub", "pkg/mod.py" -> "pkg.mod", an extension's
 * "mod.cpython-312-x86_64-linux-gnu.so" -> "mod"), or NULL when a part is
 * not an identifier (what import could never name).  Yours.
 */
static char *module_name(struct xb *b, const char *rel)
{
	struct ps_buf out;
	const char *p = rel;
	ps_buf_init(&out);
	while (*p) {
		size_t n = strcspn(p, "/\\");
		const char *dot = memchr(p, '.', n);
		size_t stem = dot ? (size_t)(dot - p) : n;
		bool last = !p[n];
		if (!is_ident(p, stem) || (dot && (!last || !(ends_with_n(p, n, ".py") ||
							    ends_with_n(p, n, ".pyc") ||
							    ends_with_n(p, n, ".so") ||
							    ends_with_n(p, n, ".pyd"))))) {
			ps_buf_release(&out);
			return NULL;
		}
		ps_buf_addf(&out, "%s%.*s", out.len ? "." : "", (int)stem, p);
		p += n;
		while (*p == '/' || *p == '\\')
			p++;
	}
	if (out.oom || !out.len) {
		b->oom |= out.oom;
		ps_buf_release(&out);
		return NULL;
	}
	return ps_buf_detach(&out);
}

/*
 * The sys.path index whose copy of dotted's top-level name is imported
 * instead of the one in entry `inside`, or -1 (no fs, not shadowed).
 */
static long shadowed_by(struct xb *b, long inside, const char *dotted)
{
	struct ps_shadow *sh = NULL;
	size_t n = 0, top = strcspn(dotted, ".");
	long first = -1;
	struct ps_error e;
	ps_error_init(&e);
	if (!b->fs)
		return -1;
	if (ps_find_shadowing(b->r, b->in, b->fs, &sh, &n, &e) < 0) {
		b->oom = true;
		return -1;
	}
	for (size_t i = 0; i < n && first < 0; i++)
		if (sh[i].hidden == inside && strlen(sh[i].name) == top &&
		    !strncmp(sh[i].name, dotted, top))
			first = sh[i].index;
	ps_shadows_free(sh, n);
	return first;
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
		const char *rel = x->path + inlen + (x->path[inlen] == sep);
		char *dotted = module_name(b, rel);
		/* one stat answers both "does it exist" and "is it a directory" */
		struct ps_stat xst;
		bool exists = b->fs && ps_fs_stat(b->fs, x->path, &xst) == 0;
		bool isdir = exists && xst.type == PS_FT_DIR;
		long first;
		x->nearest = inside;
		if (b->fs && !exists)
			x->summary = xprintf(b, "not on sys.path, and it does not exist (modelled "
					     "filesystem); it would be inside sys.path[%ld] %s",
					     inside, r->sys.path.v[inside]);
		else if (!dotted)
			x->summary = xprintf(b, "not on sys.path itself, but inside sys.path[%ld] %s; "
					     "not importable from there (%s is not a dotted module "
					     "name); a .pth file naming %s would add it", inside,
					     r->sys.path.v[inside], rel, x->path);
		else if (b->fs && !isdir)
			x->summary = xprintf(b, "not on sys.path itself (a file), but inside "
					     "sys.path[%ld] %s: importable as the module %s", inside,
					     r->sys.path.v[inside], dotted);
		else if ((first = shadowed_by(b, inside, dotted)) >= 0)
			x->summary = xprintf(b, "not on sys.path itself, but inside sys.path[%ld] %s, "
					     "where it would be %s %s; but `import %.*s` finds "
					     "sys.path[%ld] %s first, which has that name too: this copy "
					     "is shadowed and never imported", inside,
					     r->sys.path.v[inside], isdir ? "the package" : "the module",
					     dotted, (int)strcspn(dotted, "."), dotted, first,
					     r->sys.path.v[first]);
		else
			x->summary = xprintf(b, "not on sys.path itself, but inside sys.path[%ld] %s: "
					     "%s is importable as the package %s of that entry, not as "
					     "a top-level directory; a .pth file naming %s would add it",
					     inside, r->sys.path.v[inside], b->fs ? "it" : "if it exists, it",
					     dotted, x->path);
		free(dotted);
		return;
	}
	x->nearest = nearest_entry(b);
	if (x->nearest >= 0)
		x->summary = xprintf(b, "not on sys.path: no rule adds it; the nearest entry is "
				     "sys.path[%ld] %s", x->nearest, r->sys.path.v[x->nearest]);
	else
		x->summary = xprintf(b, "not on sys.path: no rule adds it");
}

/* ------------------------------------------------------------------ */
/* Shadowing: one top-level name in two sys.path entries               */
/* ------------------------------------------------------------------ */

struct hit {
	char *name;
	long index;
};

static int cmp_hit(const void *a, const void *c)
{
	const struct hit *x = a, *y = c;
	int d = strcmp(x->name, y->name);
	return d ? d : (x->index > y->index) - (x->index < y->index);
}

static int cmp_shadow(const void *a, const void *c)
{
	const struct ps_shadow *x = a, *y = c;
	if (x->index != y->index)
		return (x->index > y->index) - (x->index < y->index);
	if (x->hidden != y->hidden)
		return (x->hidden > y->hidden) - (x->hidden < y->hidden);
	return strcmp(x->name, y->name);
}

/*
 * The module name a directory entry gives import, or 0: NAME/ with
 * __init__.py (a regular package), NAME.py, NAME.pyc, or an extension
 * module NAME.<tag>.so / NAME.pyd.  Sets *len to the name's length.
 */
static bool entry_module(const struct ps_fs *fs, const char *dir, const char *nm, size_t *len)
{
	const char *dot = strchr(nm, '.');
	size_t n = strlen(nm);
	if (!dot) {
		char *init;
		bool ok;
		if (!is_ident(nm, n))
			return false;
		init = ps_path_join3(fs->platform, dir, nm, "__init__.py");
		ok = init && ps_fs_isfile(fs, init);
		free(init);
		*len = n;
		return ok;
	}
	*len = (size_t)(dot - nm);
	return is_ident(nm, *len) && (!strcmp(dot, ".py") || !strcmp(dot, ".pyc") ||
				      ends_with(nm, ".so") || ends_with(nm, ".pyd"));
}

void ps_shadows_free(struct ps_shadow *sh, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(sh[i].name);
	free(sh);
}

int ps_find_shadowing(const struct ps_result *r, const struct ps_inputs *in, const struct ps_fs *fs,
		      struct ps_shadow **out, size_t *nout, struct ps_error *err)
{
	struct ps_strv dirs, names;
	struct hit *hits = NULL;
	size_t nhits = 0, cap = 0, nsh = 0;
	struct ps_shadow *sh = NULL;
	bool oom = false;

	*out = NULL;
	*nout = 0;
	if (!r->has_sys || !fs)
		return 0;
	ps_strv_init(&dirs);
	ps_strv_init(&names);
	for (size_t i = 0; i < r->sys.path.n && !oom; i++) {
		char *d = ps_path_abspath(r->platform, in->cwd ? in->cwd : "/", r->sys.path.v[i]);
		bool dup = false;
		if (!d) {
			oom = true;
			break;
		}
		for (size_t k = 0; k < dirs.n && !dup; k++)
			dup = ps_path_equal(r->platform, dirs.v[k], d);
		/* keep indices aligned with sys.path: a duplicate is pushed as "" and skipped */
		if (ps_strv_push(&dirs, dup ? "" : d) < 0)
			oom = true;
		if (dup || oom) {
			free(d);
			continue;
		}
		ps_strv_clear(&names);
		if (ps_fs_list_dir(fs, d, &names) == 0) {
			size_t first = nhits;
			for (size_t k = 0; k < names.n && !oom; k++) {
				size_t len;
				bool seen = false;
				if (!entry_module(fs, d, names.v[k], &len))
					continue;
				/* NAME/ and NAME.py in one entry are one name */
				for (size_t h = first; h < nhits && !seen; h++)
					seen = strlen(hits[h].name) == len &&
					       !strncmp(hits[h].name, names.v[k], len);
				if (seen)
					continue;
				if (nhits == cap) {
					struct hit *t = realloc(hits, (cap = cap ? 2 * cap : 64) * sizeof *t);
					if (!t) {
						oom = true;
						break;
					}
					hits = t;
				}
				hits[nhits].name = strndup(names.v[k], len);
				hits[nhits].index = (long)i;
				if (!hits[nhits].name)
					oom = true;
				else
					nhits++;
			}
		}
		free(d);
	}
	if (!oom && nhits)
		qsort(hits, nhits, sizeof *hits, cmp_hit);
	for (size_t i = 0; i < nhits && !oom; i++) {
		size_t g = i;
		while (i + 1 < nhits && !strcmp(hits[i + 1].name, hits[g].name)) {
			struct ps_shadow *t = realloc(sh, (nsh + 1) * sizeof *t);
			i++;
			if (!t || !(t[nsh].name = strdup(hits[g].name))) {
				if (t)
					sh = t;
				oom = true;
				break;
			}
			sh = t;
			sh[nsh].index = hits[g].index;
			sh[nsh].hidden = hits[i].index;
			nsh++;
		}
	}
	for (size_t i = 0; i < nhits; i++)
		free(hits[i].name);
	free(hits);
	ps_strv_release(&dirs);
	ps_strv_release(&names);
	if (oom) {
		ps_shadows_free(sh, nsh);
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return -1;
	}
	if (nsh)
		qsort(sh, nsh, sizeof *sh, cmp_shadow);
	*out = sh;
	*nout = nsh;
	return 0;
}

/* "a, b, c" of up to max names, "and N more"; yours. */
static char *name_list(struct xb *b, const struct ps_shadow *sh, size_t n, bool *pick, size_t max)
{
	struct ps_buf out;
	size_t shown = 0, total = 0;
	ps_buf_init(&out);
	for (size_t i = 0; i < n; i++) {
		if (!pick[i])
			continue;
		total++;
		if (shown < max) {
			ps_buf_addf(&out, "%s%s", shown ? ", " : "", sh[i].name);
			shown++;
		}
	}
	if (total > shown)
		ps_buf_addf(&out, " and %zu more", total - shown);
	if (out.oom) {
		b->oom = true;
		ps_buf_release(&out);
		return NULL;
	}
	return ps_buf_detach(&out);
}

/* Notes on the names of sys.path[x->index] that shadow, or are shadowed by, another entry. */
static void shadow_notes(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	struct ps_shadow *sh = NULL;
	size_t n = 0;
	bool *pick;
	struct ps_error e;

	ps_error_init(&e);
	if (!b->fs || ps_find_shadowing(r, b->in, b->fs, &sh, &n, &e) < 0) {
		b->oom |= b->fs != NULL;
		return;
	}
	pick = calloc(n ? n : 1, sizeof *pick);
	if (!pick) {
		b->oom = true;
		ps_shadows_free(sh, n);
		return;
	}
	/* grouped by the other entry: "NAMES here shadow those in sys.path[j] PATH" */
	for (size_t i = 0; i < n && !b->oom; i++) {
		long other;
		char *names;
		bool ours_first = sh[i].index == x->index;
		if ((sh[i].index != x->index && sh[i].hidden != x->index) || pick[i])
			continue;
		other = ours_first ? sh[i].hidden : sh[i].index;
		memset(pick, 0, n * sizeof *pick);
		for (size_t k = i; k < n; k++)
			pick[k] = ours_first ? sh[k].index == x->index && sh[k].hidden == other
					     : sh[k].hidden == x->index && sh[k].index == other;
		names = name_list(b, sh, n, pick, 8);
		add_note(b, ours_first
			 ? xprintf(b, "shadowing: %s here hide%s the same name%s in sys.path[%ld] %s "
				   "(import takes the first entry that has a name)", names ? names : "",
				   strchr(names ? names : "", ',') || strstr(names ? names : "", " more")
				   ? "" : "s", strchr(names ? names : "", ',') ? "s" : "", other,
				   r->sys.path.v[other])
			 : xprintf(b, "shadowed: %s here %s never imported: sys.path[%ld] %s comes "
				   "first and has %s too", names ? names : "",
				   strchr(names ? names : "", ',') ? "are" : "is", other,
				   r->sys.path.v[other], strchr(names ? names : "", ',') ? "them" : "it"));
		free(names);
		/* mark the group as done so it is not reported again */
		for (size_t k = i; k < n; k++)
			if (pick[k])
				sh[k].index = sh[k].hidden = -2;
	}
	free(pick);
	ps_shadows_free(sh, n);
}

/* The user site comes before site-packages: what it shadows, and how to turn it off. */
static void user_site_notes(struct xb *b)
{
	const struct ps_result *r = b->r;
	struct ps_explanation *x = b->x;
	long sp = -1;
	for (size_t i = (size_t)x->index + 1; i < r->nentries && sp < 0; i++)
		if (r->entries[i].origin == PS_ORIGIN_SITE_PACKAGES)
			sp = (long)i;
	add_note(b, sp >= 0
		 ? xprintf(b, "the user site comes before site-packages (sys.path[%ld] %s): a package "
			   "installed in both is imported from the user site, which shadows the "
			   "other copy", sp, r->sys.path.v[sp])
		 : xprintf(b, "the user site comes before the site-packages directories: a package "
			   "installed in both is imported from the user site"));
	add_note(b, xprintf(b, "to turn the user site off: run python with -s, or set "
			    "PYTHONNOUSERSITE=1 in the environment (a venv without system site "
			    "packages turns it off too)"));
}

/* ------------------------------------------------------------------ */
/* A fatal start-up: no sys.path, but what it would be without the cause */
/* ------------------------------------------------------------------ */

/* Explains x->path on the inputs changed by one remedy; a note either way. */
static bool try_remedy(struct xb *b, const struct ps_inputs *alt, const char *with)
{
	struct ps_result r2;
	struct ps_explanation x2;
	struct ps_error e;
	bool starts = false;

	ps_result_init(&r2);
	ps_explanation_init(&x2);
	ps_error_init(&e);
	if (ps_compute(alt, b->fs, &r2, &e) < 0) {
		b->oom |= e.code == PS_ERR_NOMEM;
	} else if (r2.has_fatal || !r2.has_sys) {
		add_note(b, xprintf(b, "%s, it would still not start (%s)", with,
				    r2.fatal.message ? r2.fatal.message : "fatal error"));
	} else if (ps_explain(&r2, alt, b->x->path, &x2, &e) < 0) {
		b->oom = true;
	} else {
		starts = true;
		if (x2.on_path && (size_t)x2.index < r2.nentries)
			add_note(b, xprintf(b, "%s, it would start and %s would be sys.path[%ld] (%s%s)",
					    with, b->x->path, x2.index,
					    ps_origin_name(r2.entries[x2.index].origin),
					    r2.entries[x2.index].origin == PS_ORIGIN_STDLIB
					    ? ": the standard library" : ""));
		else
			add_note(b, xprintf(b, "%s, it would start, and %s would not be on sys.path "
					    "either (%s)", with, b->x->path, x2.summary));
	}
	ps_explanation_release(&x2);
	ps_result_release(&r2);
	return starts;
}

static void explain_fatal(struct xb *b)
{
	const struct ps_result *r = b->r;
	const struct ps_inputs *in = b->in;
	struct ps_explanation *x = b->x;
	static const char *const vars[] = { "PYTHONHOME", "PYTHONPLATLIBDIR", "PYTHONPATH" };
	bool env_used = !in->flags.ignore_environment && !in->flags.isolated &&
			!(in->embed.present && in->embed.use_environment == 0);
	bool any_var = false;

	x->summary = r->fatal.cause
		? xprintf(b, "the interpreter would not start (%s), so there is no sys.path: %s",
			  r->fatal.message ? r->fatal.message : "fatal error", r->fatal.cause)
		: xprintf(b, "the interpreter would not start (%s): there is no sys.path",
			  r->fatal.message ? r->fatal.message : "fatal error");
	if (r->fatal.fix)
		x->fix = xprintf(b, "%s", r->fatal.fix);
	if (!b->fs || !env_used)
		return;
	/* the variables it reads, one at a time: the cause is usually one of them */
	for (size_t i = 0; i < sizeof vars / sizeof *vars && !b->oom; i++) {
		struct ps_inputs alt;
		char *with;
		if (!ps_env_get(&in->env, vars[i]))
			continue;
		any_var = true;
		ps_inputs_init(&alt);
		if (ps_inputs_copy(&alt, in) < 0) {
			b->oom = true;
			break;
		}
		ps_env_unset(&alt.env, vars[i]);
		with = xprintf(b, "with %s unset", vars[i]);
		if (with)
			try_remedy(b, &alt, with);
		free(with);
		ps_inputs_release(&alt);
	}
	if (any_var && !b->oom) {
		struct ps_inputs alt;
		ps_inputs_init(&alt);
		if (ps_inputs_copy(&alt, in) < 0) {
			b->oom = true;
			return;
		}
		if (in->embed.present)
			alt.embed.use_environment = 0;
		else
			alt.flags.ignore_environment = true;
		try_remedy(b, &alt, in->embed.present
			   ? "with PyConfig.use_environment = 0 (what -E does: every PYTHON* variable "
			     "ignored)"
			   : "with -E (every PYTHON* variable ignored, PYTHONHOME included; -I does "
			     "it too)");
		ps_inputs_release(&alt);
	}
}

/* ------------------------------------------------------------------ */

int ps_explain_fs(const struct ps_result *r, const struct ps_inputs *in, const struct ps_fs *fs,
		  const char *path, struct ps_explanation *out, struct ps_error *err)
{
	struct xb b = { r, in, fs, out, r->platform, false };

	ps_explanation_release(out);
	out->argument = strdup(path ? path : "");
	out->path = absolute(&b, path ? path : "");
	if (!out->argument || !out->path)
		goto oom;
	if (!r->has_sys) {
		if (r->has_fatal)
			explain_fatal(&b);
		else
			out->summary = xprintf(&b, "no sys.path was computed");
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
	if (out->on_path) {
		explain_present(&b);
		if ((size_t)out->index < r->nentries &&
		    r->entries[out->index].origin == PS_ORIGIN_USER_SITE)
			user_site_notes(&b);
		shadow_notes(&b);
	} else if (!explain_pth_file(&b) && !absent_pth(&b) && !absent_user_site(&b) &&
		   !absent_candidate(&b) && !absent_debian(&b) && !absent_prefix(&b)) {
		absent_nearest(&b);
	}
done:
	if (b.oom || !out->summary)
		goto oom;
	return 0;
oom:
	ps_error_set(err, PS_ERR_NOMEM, "out of memory");
	return -1;
}

int ps_explain(const struct ps_result *r, const struct ps_inputs *in, const char *path,
	       struct ps_explanation *out, struct ps_error *err)
{
	return ps_explain_fs(r, in, NULL, path, out, err);
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
	put_str(&t, o, "fix", x->fix);
	{
		struct ps_ynode *notes = chk(&t, ps_ynode_new(PS_Y_SEQ));
		for (size_t i = 0; notes && i < x->notes.n && !t.oom; i++)
			if (ps_ynode_push(notes, chk(&t, ps_ynode_str(x->notes.v[i]))) < 0)
				t.oom = true;
		put(&t, o, "notes", notes);
	}
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
	/* PATH is a .pth file: each of its lines and what happened to it */
	put(&t, o, "pth_file", chk(&t, ps_ynode_bool(x->is_pth)));
	pth = chk(&t, ps_ynode_new(PS_Y_SEQ));
	for (size_t i = 0; pth && i < x->nlines && !t.oom; i++) {
		const struct ps_pth_line *l = &r->pth[x->lines[i]];
		struct ps_ynode *m = chk(&t, ps_ynode_new(PS_Y_MAP));
		put(&t, m, "line", chk(&t, ps_ynode_int(l->line)));
		put_str(&t, m, "text", l->text);
		put_str(&t, m, "action", ps_pth_action_name(l->action));
		put_str(&t, m, "detail", l->detail);
		if (m && ps_ynode_push(pth, m) < 0)
			t.oom = true;
	}
	put(&t, o, "lines", pth);
	if (t.oom) {
		ps_ynode_free(o);
		return NULL;
	}
	return o;
}

/* JSON and YAML share the tree; only the writer differs. */
static void write_with(const struct ps_explanation *x, const struct ps_result *r,
		       struct ps_buf *out, void (*write)(const struct ps_ynode *, struct ps_buf *))
{
	struct ps_ynode *n = explain_tree(x, r);
	if (!n) {
		out->oom = true;
		return;
	}
	write(n, out);
	ps_ynode_free(n);
}

void ps_explanation_write_json(const struct ps_explanation *x, const struct ps_result *r,
			       struct ps_buf *out)
{
	write_with(x, r, out, ps_json_write_tree);
}

void ps_explanation_write_yaml(const struct ps_explanation *x, const struct ps_result *r,
			       struct ps_buf *out)
{
	write_with(x, r, out, ps_yaml_write_tree);
}
