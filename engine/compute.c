/*
 * compute.c - ps_compute(): runs the stages in CPython's order, and the
 * trace and probe helpers every stage records its work with.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "compute-int.h"

const char *ps_ctx_env(const struct ps_ctx *c, const char *name)
{
	const char *v = ps_env_get(&c->in->env, name);
	return (v && *v) ? v : NULL;
}

const char *ps_ctx_env_gated(const struct ps_ctx *c, const char *name)
{
	return c->use_environment ? ps_ctx_env(c, name) : NULL;
}

void *ps_ctx_check(struct ps_ctx *c, void *p)
{
	if (!p)
		c->oom = true;
	return p;
}

/*
 * The formatter behind every note, detail and message (tens of thousands
 * per computation when site-packages holds thousands of .pth files).  The
 * conversions the engine's notes use (%s %.*s %c %d %i %u %ld %lu %zu %zd
 * %%) are done here in one pass, without the cost of a vsnprintf call;
 * any other conversion (a width, a flag, %x, %g ...) goes to vsnprintf.
 */
struct fmtbuf {
	char stack[512];
	char *s;          /* stack or heap */
	size_t len, cap;
	bool oom;
};

static void fb_add(struct fmtbuf *b, const char *p, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap * 2;
		char *t;
		while (cap < b->len + n + 1)
			cap *= 2;
		t = b->s == b->stack ? malloc(cap) : realloc(b->s, cap);
		if (!t) {
			b->oom = true;
			return;
		}
		if (b->s == b->stack)
			memcpy(t, b->stack, b->len);
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
}

static void fb_num(struct fmtbuf *b, unsigned long long v, bool neg)
{
	char d[24];
	size_t i = sizeof d;
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg)
		d[--i] = '-';
	fb_add(b, d + i, sizeof d - i);
}

/* Whether every conversion of fmt is one fast_format knows. */
static bool fast_ok(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		p++;
		if (*p == 's' || *p == 'c' || *p == 'd' || *p == 'i' || *p == 'u' || *p == '%')
			p++;
		else if ((p[0] == 'l' || p[0] == 'z') && (p[1] == 'd' || p[1] == 'u' || p[1] == 'i'))
			p += 2;
		else if (p[0] == '.' && p[1] == '*' && p[2] == 's')
			p += 3;
		else
			return false;
	}
	return true;
}

static char *fast_format(struct ps_ctx *c, const char *fmt, va_list ap)
{
	struct fmtbuf b;
	const char *p = fmt, *q;
	char *out;

	b.s = b.stack;
	b.len = 0;
	b.cap = sizeof b.stack;
	b.oom = false;
	while ((q = strchr(p, '%'))) {
		fb_add(&b, p, (size_t)(q - p));
		q++;
		switch (*q) {
		case 's': {
			const char *a = va_arg(ap, const char *);
			if (!a)
				a = "(null)";
			fb_add(&b, a, strlen(a));
			q++;
			break;
		}
		case 'c': {
			char ch = (char)va_arg(ap, int);
			fb_add(&b, &ch, 1);
			q++;
			break;
		}
		case 'd': case 'i': {
			int v = va_arg(ap, int);
			fb_num(&b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
			q++;
			break;
		}
		case 'u':
			fb_num(&b, va_arg(ap, unsigned), false);
			q++;
			break;
		case '%':
			fb_add(&b, "%", 1);
			q++;
			break;
		case 'l': case 'z':
			if (q[1] == 'u')
				fb_num(&b, *q == 'l' ? va_arg(ap, unsigned long) : va_arg(ap, size_t), false);
			else {
				long long v = *q == 'l' ? (long long)va_arg(ap, long)
						       : (long long)va_arg(ap, ssize_t);
				fb_num(&b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v,
				       v < 0);
			}
			q += 2;
			break;
		default: { /* ".*s" (fast_ok let nothing else through) */
			int prec = va_arg(ap, int);
			const char *a = va_arg(ap, const char *);
			size_t n = 0;
			if (!a)
				a = prec < 0 || prec >= 6 ? "(null)" : "";
			while ((prec < 0 || n < (size_t)prec) && a[n])
				n++;
			fb_add(&b, a, n);
			q += 3;
			break;
		}
		}
		p = q;
	}
	fb_add(&b, p, strlen(p));
	if (b.oom) {
		if (b.s != b.stack)
			free(b.s);
		c->oom = true;
		return NULL;
	}
	if (b.s != b.stack) {
		b.s[b.len] = '\0';
		return b.s;
	}
	out = malloc(b.len + 1);
	if (!out) {
		c->oom = true;
		return NULL;
	}
	memcpy(out, b.stack, b.len);
	out[b.len] = '\0';
	return out;
}

/* Formats a note, detail or message; yours (NULL with fmt NULL, or on OOM). */
static char *vformat(struct ps_ctx *c, const char *fmt, va_list ap)
{
	char stack[512], *s;
	va_list cp;
	int n;

	if (!fmt)
		return NULL;
	if (fast_ok(fmt))
		return fast_format(c, fmt, ap);
	va_copy(cp, ap);
	n = vsnprintf(stack, sizeof stack, fmt, cp);
	va_end(cp);
	if (n < 0)
		return ps_ctx_check(c, strdup(""));
	s = malloc((size_t)n + 1);
	if (!s) {
		c->oom = true;
		return NULL;
	}
	if ((size_t)n < sizeof stack)
		memcpy(s, stack, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static long trace_append(struct ps_ctx *c, enum ps_phase phase, enum ps_op op, const char *path,
			 const char *result, char *note, const char *var, const char *value)
{
	struct ps_result *r = c->r;
	struct ps_step *s;
	if (c->oom) {
		free(note);
		return -1;
	}
	/* capacity is implicit: 16, then doubled whenever ntrace reaches a power of two */
	if (r->ntrace == 0 || (r->ntrace >= 16 && (r->ntrace & (r->ntrace - 1)) == 0)) {
		size_t cap = r->ntrace ? r->ntrace * 2 : 16;
		struct ps_step *t = realloc(r->trace, cap * sizeof *t);
		if (!t) {
			c->oom = true;
			free(note);
			return -1;
		}
		r->trace = t;
	}
	s = &r->trace[r->ntrace];
	memset(s, 0, sizeof *s);
	s->phase = phase;
	s->op = op;
	s->path = path ? strdup(path) : NULL;
	s->result = result ? strdup(result) : NULL;
	s->note = note;
	s->var = var;
	s->value = value ? strdup(value) : NULL;
	if ((path && !s->path) || (result && !s->result) || (value && !s->value)) {
		free(s->path);
		free(s->result);
		free(s->note);
		free(s->value);
		c->oom = true;
		return -1;
	}
	return (long)r->ntrace++;
}

long ps_trace(struct ps_ctx *c, enum ps_phase phase, enum ps_op op, const char *path,
	      const char *result, const char *note_fmt, ...)
{
	va_list ap;
	char *note;
	va_start(ap, note_fmt);
	note = vformat(c, note_fmt, ap);
	va_end(ap);
	return trace_append(c, phase, op, path, result, note, NULL, NULL);
}

long ps_trace_set(struct ps_ctx *c, enum ps_phase phase, const char *var, const char *value,
		  const char *note_fmt, ...)
{
	va_list ap;
	char *note;
	va_start(ap, note_fmt);
	note = vformat(c, note_fmt, ap);
	va_end(ap);
	return trace_append(c, phase, PS_OP_DECIDE, NULL, value ? value : "None", note, var,
			    value);
}

void ps_warn(struct ps_ctx *c, enum ps_phase phase, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	msg = vformat(c, fmt, ap);
	va_end(ap);
	if (!msg)
		return;
	if (c->pathconfig_warnings) {
		if (ps_strv_push(&c->r->getpath.warnings, msg) < 0)
			c->oom = true;
		trace_append(c, phase, PS_OP_WARN, NULL, msg,
			     ps_ctx_strdup(c, "printed on stderr at start-up"), NULL, NULL);
	} else {
		trace_append(c, phase, PS_OP_WARN, NULL, msg,
			     ps_ctx_strdup(c, "not printed: pathconfig_warnings is 0"), NULL, NULL);
	}
	free(msg);
}

static const char *tf(bool b)
{
	return b ? "true" : "false";
}

bool ps_probe_isfile(struct ps_ctx *c, enum ps_phase phase, const char *path, const char *note)
{
	bool ok = ps_fs_isfile(c->fs, path);
	ps_trace(c, phase, PS_OP_ISFILE, path, tf(ok), note ? "%s" : NULL, note);
	return ok;
}

bool ps_probe_isdir(struct ps_ctx *c, enum ps_phase phase, const char *path, const char *note)
{
	bool ok = ps_fs_isdir(c->fs, path);
	ps_trace(c, phase, PS_OP_ISDIR, path, tf(ok), note ? "%s" : NULL, note);
	return ok;
}

bool ps_probe_isxfile(struct ps_ctx *c, enum ps_phase phase, const char *path, const char *note)
{
	bool ok = ps_fs_isxfile(c->fs, path);
	ps_trace(c, phase, PS_OP_ISXFILE, path, tf(ok), note ? "%s" : NULL, note);
	return ok;
}

int ps_probe_read_lines(struct ps_ctx *c, enum ps_phase phase, const char *path,
			struct ps_strv *lines, const char *note)
{
	/* ps_fs_read_lines fails a file of exactly 32768 bytes too, as 3.12.1 does */
	int rc = ps_fs_read_lines(c->fs, path, PS_READLINES_LIMIT, lines);
	char res[64];
	if (rc == 0)
		snprintf(res, sizeof res, "ok %zu line%s", lines->n, lines->n == 1 ? "" : "s");
	else if (rc == EFBIG)
		snprintf(res, sizeof res, "TOO_BIG");
	else
		snprintf(res, sizeof res, "%s", rc == ENOENT ? "ENOENT"
					      : rc == EACCES ? "EACCES"
					      : rc == ENOTDIR ? "ENOTDIR"
					      : rc == ELOOP ? "ELOOP"
					      : rc == EISDIR ? "EISDIR"
					      : rc == ENOMEM ? "ENOMEM" : "EIO");
	if (rc == ENOMEM)
		c->oom = true;
	ps_trace(c, phase, PS_OP_READ, path, res, note ? "%s" : NULL, note);
	return rc;
}

int ps_probe_realpath(struct ps_ctx *c, enum ps_phase phase, const char *path, char **out,
		      const char *note)
{
	int rc = ps_fs_realpath_final(c->fs, path, out);
	if (rc == ENOMEM)
		c->oom = true;
	ps_trace(c, phase, PS_OP_REALPATH, path,
		 rc == 0 ? *out : rc == ELOOP ? "ELOOP" : rc == ENOENT ? "ENOENT" : "error",
		 note ? "%s" : NULL, note);
	return rc;
}

static void entry_fill(struct ps_ctx *c, struct ps_entry *e, const char *path,
		       enum ps_origin origin, long step, char *detail)
{
	memset(e, 0, sizeof *e);
	e->path = ps_ctx_strdup(c, path);
	e->origin = origin;
	e->exists = path && ps_fs_exists(c->fs, path);
	e->detail = detail;
	e->step = step;
}

/*
 * Room for entry n.  Entry arrays only ever grow through here, so their
 * capacity is implicit, as for the trace: 16, then doubled whenever n
 * reaches a power of two (an array that shrank keeps its larger block).
 */
static struct ps_entry *entries_grow(struct ps_ctx *c, struct ps_entry **arr, size_t n)
{
	struct ps_entry *t;
	if (n != 0 && (n < 16 || (n & (n - 1)) != 0))
		return *arr;
	t = realloc(*arr, (n ? n * 2 : 16) * sizeof *t);
	if (!t) {
		c->oom = true;
		return NULL;
	}
	*arr = t;
	return t;
}

void ps_entries_push(struct ps_ctx *c, struct ps_entry **arr, size_t *n, const char *path,
		     enum ps_origin origin, long step, const char *detail_fmt, ...)
{
	va_list ap;
	char *detail;
	va_start(ap, detail_fmt);
	detail = vformat(c, detail_fmt, ap);
	va_end(ap);
	if (c->oom || !entries_grow(c, arr, *n)) {
		free(detail);
		return;
	}
	entry_fill(c, &(*arr)[*n], path, origin, step, detail);
	(*n)++;
}

void ps_entries_insert(struct ps_ctx *c, struct ps_entry **arr, size_t *n, size_t at,
		       const char *path, enum ps_origin origin, long step,
		       const char *detail_fmt, ...)
{
	va_list ap;
	char *detail;
	va_start(ap, detail_fmt);
	detail = vformat(c, detail_fmt, ap);
	va_end(ap);
	if (at > *n)
		at = *n;
	if (c->oom || !entries_grow(c, arr, *n)) {
		free(detail);
		return;
	}
	memmove(&(*arr)[at + 1], &(*arr)[at], (*n - at) * sizeof **arr);
	entry_fill(c, &(*arr)[at], path, origin, step, detail);
	(*n)++;
}

void ps_entries_free(struct ps_entry *arr, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(arr[i].path);
		free(arr[i].detail);
	}
	free(arr);
}

void ps_pth_push(struct ps_ctx *c, const char *file, int line, const char *text,
		 enum ps_pth_action action, const char *detail_fmt, ...)
{
	va_list ap;
	char *detail;
	struct ps_result *r = c->r;
	struct ps_pth_line *t;
	va_start(ap, detail_fmt);
	detail = vformat(c, detail_fmt, ap);
	va_end(ap);
	if (c->oom) {
		free(detail);
		return;
	}
	/* capacity is implicit, as for the trace: 16, then doubled at each power of two */
	if (r->npth == 0 || (r->npth >= 16 && (r->npth & (r->npth - 1)) == 0)) {
		size_t cap = r->npth ? r->npth * 2 : 16;
		if (!(t = realloc(r->pth, cap * sizeof *t))) {
			c->oom = true;
			free(detail);
			return;
		}
		r->pth = t;
	}
	t = &r->pth[r->npth++];
	t->file = ps_ctx_strdup(c, file);
	t->line = line;
	t->text = ps_ctx_strdup(c, text);
	t->action = action;
	t->detail = detail;
}

char *ps_ctx_join(struct ps_ctx *c, const char *a, const char *b)
{
	return ps_ctx_check(c, ps_path_join2(c->plat, a, b));
}

char *ps_ctx_join3(struct ps_ctx *c, const char *a, const char *b, const char *d)
{
	return ps_ctx_check(c, ps_path_join3(c->plat, a, b, d));
}

char *ps_ctx_dirname(struct ps_ctx *c, const char *p)
{
	return ps_ctx_check(c, ps_path_dirname(c->plat, p));
}

char *ps_ctx_basename(struct ps_ctx *c, const char *p)
{
	return ps_ctx_check(c, ps_path_basename(c->plat, p));
}

char *ps_ctx_abspath(struct ps_ctx *c, const char *p)
{
	return ps_ctx_check(c, ps_path_abspath(c->plat, c->in->cwd, p));
}

char *ps_ctx_strdup(struct ps_ctx *c, const char *s)
{
	return s ? ps_ctx_check(c, strdup(s)) : NULL;
}

char *ps_ctx_printf(struct ps_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = vformat(c, fmt, ap);
	va_end(ap);
	return s;
}

void ps_ctx_set(struct ps_ctx *c, char **field, const char *value)
{
	char *copy = ps_ctx_strdup(c, value);
	free(*field);
	*field = copy;
}

/* Copies what getpath computed into sys.*: what -S (or no site) leaves. */
static void sys_from_getpath(struct ps_ctx *c)
{
	struct ps_result *r = c->r;
	const struct ps_getpath_out *g = &r->getpath;
	struct ps_sys_out *s = &r->sys;

	ps_ctx_set(c, &s->executable, g->executable);
	ps_ctx_set(c, &s->base_executable, g->base_executable);
	ps_ctx_set(c, &s->prefix, g->prefix);
	ps_ctx_set(c, &s->exec_prefix, g->exec_prefix);
	ps_ctx_set(c, &s->base_prefix, g->base_prefix);
	ps_ctx_set(c, &s->base_exec_prefix, g->base_exec_prefix);
	ps_ctx_set(c, &s->platlibdir, g->platlibdir);
	if (ps_strv_copy(&s->path, &g->module_search_paths) < 0)
		c->oom = true;
	for (size_t i = 0; i < g->nentries && !c->oom; i++)
		ps_entries_push(c, &r->entries, &r->nentries, g->entries[i].path,
				g->entries[i].origin, g->entries[i].step, "%s",
				g->entries[i].detail ? g->entries[i].detail : "");
	s->flags.ignore_environment = !c->use_environment;
	s->flags.isolated = c->isolated;
	s->flags.no_user_site = !c->user_site_directory;
	s->flags.no_site = !c->site_import;
	s->flags.safe_path = c->safe_path;
	s->enable_user_site = -1;
}

int ps_compute(const struct ps_inputs *in, const struct ps_fs *fs, struct ps_result *out,
	       struct ps_error *err)
{
	struct ps_ctx c;
	const struct ps_rules *rules;
	int rc = -1;

	ps_result_release(out);
	ps_result_init(out);
	rules = ps_rules_get(in->build.major, in->build.minor, in->build.platform);
	if (!rules) {
		ps_error_set(err, PS_ERR_UNSUPPORTED, "no rules for Python %d.%d on %s",
			     in->build.major, in->build.minor,
			     ps_platform_name(in->build.platform));
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.in = in;
	c.fs = fs;
	c.rules = rules;
	c.plat = in->build.platform;
	c.r = out;
	c.pathconfig_warnings = true;
	out->major = in->build.major;
	out->minor = in->build.minor;
	out->platform = in->build.platform;

	if (rules->getpath_run(&c) < 0 || c.oom)
		goto out;
	if (!out->has_fatal && (ps_fatal_check(&c) < 0 || c.oom))
		goto out;
	if (!out->has_fatal) {
		out->has_sys = true;
		sys_from_getpath(&c);
		if (c.site_import && (ps_site_run(&c) < 0 || c.oom))
			goto out;
		if (ps_path0_run(&c) < 0 || c.oom)
			goto out;
	}
	rc = 0;
out:
	if (c.oom) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		rc = -1;
	}
	free(c.launcher_env_removed);
	free(c.pythonpath_env);
	return rc;
}
