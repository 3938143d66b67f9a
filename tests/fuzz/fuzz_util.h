/*
 * fuzz_util.h - what the model harnesses share: a reader over the fuzzer's
 * bytes, the list of supported (version, platform) rule rows, a virtual
 * tree builder that tolerates refused nodes, and the checks every computed
 * result must pass (whatever the inputs were):
 *
 *   - ps_compute returns 0 (a prediction, maybe a predicted fatal error)
 *     or -1 with an error message; never crashes or leaks;
 *   - the trace is not empty, every step's enums are in range and its
 *     cause points at an earlier step;
 *   - sys.path and its entries have the same length and the same strings,
 *     and so do getpath's module_search_paths and entries; an entry's step
 *     is -1 or a trace index;
 *   - .pth lines have a file, a line number >= 1 (0: a file-level error)
 *     and an action in range;
 *   - the JSON document is well-formed (checked by a small grammar walk,
 *     not a parser: every string valid UTF-8, no raw control characters)
 *     and the YAML document is written without running out of memory;
 *   - ps_explain answers for a few of the paths (on or off sys.path).
 *
 * Only static inline functions: each harness includes this file.
 */
#ifndef PS_FUZZ_UTIL_H
#define PS_FUZZ_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* Separates the sections of an input (file contents ...); in every .dict. */
#define FZ_SEP "\n%%%\n"
#define FZ_SEP_LEN 5

static inline void fz_die(const char *fmt, ...) PS_PRINTF(1, 2);
static inline void fz_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* ------------------------------------------------------------------ */
/* Reading the input                                                   */
/* ------------------------------------------------------------------ */

struct fz {
	const uint8_t *p;
	size_t n;
};

/* Next byte, 0 once the input is used up. */
static inline unsigned fz_u8(struct fz *f)
{
	if (!f->n)
		return 0;
	f->n--;
	return *f->p++;
}

/*
 * Next section: the bytes up to FZ_SEP (or to the end), as a new
 * NUL-terminated string (yours, free()); *len gets its length, NUL bytes
 * inside included.  NULL when the input is used up.
 */
static inline char *fz_section(struct fz *f, size_t *len)
{
	const uint8_t *end = f->n >= FZ_SEP_LEN ? memmem(f->p, f->n, FZ_SEP, FZ_SEP_LEN) : NULL;
	size_t n = end ? (size_t)(end - f->p) : f->n;
	char *s;

	*len = 0;
	if (!f->n && !end)
		return NULL;
	s = malloc(n + 1);
	if (!s)
		fz_die("out of memory");
	memcpy(s, f->p, n);
	s[n] = '\0';
	*len = n;
	f->p += n;
	f->n -= n;
	if (end) {
		f->p += FZ_SEP_LEN;
		f->n -= FZ_SEP_LEN;
	}
	return s;
}

/* ------------------------------------------------------------------ */
/* Rule rows                                                           */
/* ------------------------------------------------------------------ */

struct fz_rules {
	int major, minor;
	enum ps_platform platform;
};

/*
 * Every (version, platform) the engine has rules for, from the rules
 * table itself, so new rows are fuzzed without touching the harnesses.
 * Filled once; returns the count.
 */
static inline size_t fz_rules_all(const struct fz_rules **out)
{
	static struct fz_rules rows[64];
	static size_t n = (size_t)-1;

	if (n == (size_t)-1) {
		n = 0;
		for (size_t i = 0; i < ps_rules_count(); i++) {
			int ma, mi;

			if (ps_version_parse(ps_rules_name(i), &ma, &mi) < 0)
				fz_die("rules name '%s' does not parse", ps_rules_name(i));
			for (int p = PS_PLATFORM_POSIX; p <= PS_PLATFORM_NT; p++)
				if (ps_rules_supported(ma, mi, (enum ps_platform)p) == 0 &&
				    n < sizeof rows / sizeof rows[0])
					rows[n++] = (struct fz_rules){ ma, mi, (enum ps_platform)p };
		}
		if (!n)
			fz_die("no rules at all");
	}
	*out = rows;
	return n;
}

/* The row chosen by byte b, restricted to platform mask (1 << platform) when mask != 0. */
static inline struct fz_rules fz_pick_rules(unsigned b, unsigned mask)
{
	const struct fz_rules *rows;
	size_t n = fz_rules_all(&rows), k = 0, m = 0;

	for (size_t i = 0; i < n; i++)
		m += !mask || (mask & (1u << rows[i].platform));
	if (!m)
		return rows[b % n];
	b %= (unsigned)m;
	for (size_t i = 0; i < n; i++)
		if (!mask || (mask & (1u << rows[i].platform))) {
			if (k++ == b)
				return rows[i];
		}
	return rows[0];
}

/* ------------------------------------------------------------------ */
/* Trees                                                               */
/* ------------------------------------------------------------------ */

/* Adds a node; a refusal (clash with another type, relative path) is fine: the input said so. */
static inline void fz_add(struct ps_vfs *vfs, const char *path, enum ps_ftype type, bool exec,
			  const char *content, size_t len, const char *link)
{
	struct ps_error err;

	ps_error_init(&err);
	if (ps_vfs_add(vfs, path, type, exec, content, len, link, 0, &err) != 0 &&
	    err.code == PS_ERR_NOMEM)
		fz_die("vfs: out of memory");
}

static inline void fz_file(struct ps_vfs *vfs, const char *path, const char *content)
{
	fz_add(vfs, path, PS_FT_FILE, false, content, content ? strlen(content) : 0, NULL);
}

static inline void fz_xfile(struct ps_vfs *vfs, const char *path)
{
	fz_add(vfs, path, PS_FT_FILE, true, NULL, 0, NULL);
}

static inline void fz_dir(struct ps_vfs *vfs, const char *path)
{
	fz_add(vfs, path, PS_FT_DIR, false, NULL, 0, NULL);
}

static inline void fz_link(struct ps_vfs *vfs, const char *path, const char *target)
{
	fz_add(vfs, path, PS_FT_LINK, false, NULL, 0, target);
}

/* ------------------------------------------------------------------ */
/* JSON well-formedness (a grammar walk, no tree is built)             */
/* ------------------------------------------------------------------ */

struct fz_json {
	const char *s, *end;
	int depth;
};

static inline void fz_json_ws(struct fz_json *j)
{
	while (j->s < j->end && (*j->s == ' ' || *j->s == '\n' || *j->s == '\t' || *j->s == '\r'))
		j->s++;
}

/* Length of the valid UTF-8 sequence at s (strict: no overlongs, no surrogates), 0 if invalid. */
static inline size_t fz_utf8_len(const unsigned char *s, const unsigned char *end)
{
	unsigned c = s[0], cp;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - s) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* Whether s[0..n) is valid UTF-8 (NUL bytes allowed). */
static inline bool fz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		size_t k = fz_utf8_len(p, end);

		if (!k)
			return false;
		p += k;
	}
	return true;
}

static inline int fz_json_string(struct fz_json *j)
{
	if (j->s >= j->end || *j->s != '"')
		return -1;
	j->s++;
	while (j->s < j->end && *j->s != '"') {
		unsigned char c = (unsigned char)*j->s;

		if (c < 0x20)
			return -1;
		if (c == '\\') {
			j->s++;
			if (j->s >= j->end)
				return -1;
			if (*j->s == 'u') {
				for (int k = 1; k <= 4; k++)
					if (j->s + k >= j->end || !strchr("0123456789abcdefABCDEF", j->s[k]) || !j->s[k])
						return -1;
				j->s += 5;
			} else if (strchr("\"\\/bfnrt", *j->s) && *j->s) {
				j->s++;
			} else {
				return -1;
			}
			continue;
		}
		size_t n = fz_utf8_len((const unsigned char *)j->s, (const unsigned char *)j->end);

		if (!n)
			return -1;
		j->s += n;
	}
	if (j->s >= j->end)
		return -1;
	j->s++;
	return 0;
}

static inline int fz_json_value(struct fz_json *j)
{
	fz_json_ws(j);
	if (j->s >= j->end || ++j->depth > 64)
		return -1;
	switch (*j->s) {
	case '{':
	case '[': {
		char close = *j->s == '{' ? '}' : ']';
		bool obj = close == '}';

		j->s++;
		fz_json_ws(j);
		if (j->s < j->end && *j->s == close) {
			j->s++;
			break;
		}
		for (;;) {
			if (obj) {
				fz_json_ws(j);
				if (fz_json_string(j) < 0)
					return -1;
				fz_json_ws(j);
				if (j->s >= j->end || *j->s++ != ':')
					return -1;
			}
			if (fz_json_value(j) < 0)
				return -1;
			fz_json_ws(j);
			if (j->s >= j->end)
				return -1;
			if (*j->s == ',') {
				j->s++;
				continue;
			}
			if (*j->s++ != close)
				return -1;
			break;
		}
		break;
	}
	case '"':
		if (fz_json_string(j) < 0)
			return -1;
		break;
	default: {
		static const char *const words[] = { "true", "false", "null" };
		size_t k;

		for (k = 0; k < 3; k++) {
			size_t wl = strlen(words[k]);

			if ((size_t)(j->end - j->s) >= wl && !memcmp(j->s, words[k], wl)) {
				j->s += wl;
				break;
			}
		}
		if (k < 3)
			break;
		/* a number: -?digits(.digits)?([eE][+-]?digits)? */
		const char *st = j->s;

		if (j->s < j->end && *j->s == '-')
			j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return -1;
		if (*j->s == '0')
			j->s++;
		else
			while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
				j->s++;
		if (j->s < j->end && *j->s == '.') {
			j->s++;
			if (j->s >= j->end || *j->s < '0' || *j->s > '9')
				return -1;
			while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
				j->s++;
		}
		if (j->s < j->end && (*j->s == 'e' || *j->s == 'E')) {
			j->s++;
			if (j->s < j->end && (*j->s == '+' || *j->s == '-'))
				j->s++;
			if (j->s >= j->end || *j->s < '0' || *j->s > '9')
				return -1;
			while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
				j->s++;
		}
		if (j->s == st)
			return -1;
		break;
	}
	}
	j->depth--;
	return 0;
}

/* Dies unless text[0..len) is exactly one well-formed JSON value (surrounding blanks allowed). */
static inline void fz_json_check(const char *what, const char *text, size_t len)
{
	struct fz_json j = { text, text + len, 0 };

	if (strlen(text) != len)
		fz_die("%s: JSON holds a NUL byte", what);
	if (fz_json_value(&j) < 0)
		fz_die("%s: malformed JSON near offset %zu:\n%s", what, (size_t)(j.s - text), text);
	fz_json_ws(&j);
	if (j.s != j.end)
		fz_die("%s: text after the JSON value at offset %zu:\n%s", what, (size_t)(j.s - text), text);
}

/* ------------------------------------------------------------------ */
/* Result checks                                                       */
/* ------------------------------------------------------------------ */

static inline void fz_check_entries(const char *what, const struct ps_entry *e, size_t n,
				    const struct ps_strv *paths, size_t ntrace)
{
	if (n != paths->n)
		fz_die("%s: %zu entries for %zu paths", what, n, paths->n);
	for (size_t i = 0; i < n; i++) {
		if (!e[i].path || strcmp(e[i].path, paths->v[i]) != 0)
			fz_die("%s[%zu]: entry '%s' for path '%s'", what, i, e[i].path ? e[i].path : "(null)",
			       paths->v[i]);
		if ((unsigned)e[i].origin >= PS_ORIGIN_COUNT)
			fz_die("%s[%zu]: origin %d out of range", what, i, (int)e[i].origin);
		if (e[i].step < -1 || (e[i].step >= 0 && (size_t)e[i].step >= ntrace))
			fz_die("%s[%zu]: step %ld with %zu trace steps", what, i, e[i].step, ntrace);
	}
}

static inline void fz_explain(const struct ps_result *r, const struct ps_inputs *in, const char *path)
{
	struct ps_explanation x;
	struct ps_error err;
	struct ps_buf b;

	ps_explanation_init(&x);
	ps_error_init(&err);
	if (ps_explain(r, in, path, &x, &err) != 0) {
		if (err.code != PS_ERR_NOMEM)
			fz_die("explain '%s' failed: %s", path, err.msg);
		ps_explanation_release(&x);
		return;
	}
	if (x.index < -1 || (x.index >= 0 && (size_t)x.index >= r->sys.path.n))
		fz_die("explain '%s': index %ld of %zu", path, x.index, r->sys.path.n);
	if (x.on_path != (x.index >= 0))
		fz_die("explain '%s': on_path %d with index %ld", path, (int)x.on_path, x.index);
	if (!x.summary || !x.summary[0])
		fz_die("explain '%s': no summary", path);
	for (size_t i = 0; i < x.nsteps; i++)
		if (x.steps[i].step < -1 || (x.steps[i].step >= 0 && (size_t)x.steps[i].step >= r->ntrace))
			fz_die("explain '%s': chain step %ld of %zu", path, x.steps[i].step, r->ntrace);
	for (size_t i = 0; i < x.npth; i++)
		if (x.pth[i] >= r->npth)
			fz_die("explain '%s': .pth index %zu of %zu", path, x.pth[i], r->npth);
	ps_buf_init(&b);
	ps_explanation_write_json(&x, r, &b);
	if (b.oom)
		fz_die("explain json: out of memory");
	fz_json_check("explanation", b.s, b.len);
	ps_buf_reset(&b);
	ps_explanation_write_yaml(&x, r, &b);
	ps_buf_release(&b);
	ps_explanation_release(&x);
}

/* The checks listed at the top of this file, on a result ps_compute returned 0 for. */
static inline void fz_check_result(const struct ps_result *r, const struct ps_inputs *in)
{
	struct ps_buf b;

	if (r->ntrace == 0)
		fz_die("empty trace");
	for (size_t i = 0; i < r->ntrace; i++) {
		const struct ps_step *s = &r->trace[i];

		if ((unsigned)s->phase >= PS_PHASE_COUNT || (unsigned)s->op >= PS_OP_COUNT)
			fz_die("trace[%zu]: phase %d op %d", i, (int)s->phase, (int)s->op);
		if (s->cause < 0 || (size_t)s->cause > i)
			fz_die("trace[%zu]: cause %ld is not an earlier step", i, s->cause);
	}
	fz_check_entries("getpath.entries", r->getpath.entries, r->getpath.nentries,
			 &r->getpath.module_search_paths, r->ntrace);
	if (r->has_sys)
		fz_check_entries("entries", r->entries, r->nentries, &r->sys.path, r->ntrace);
	else if (!r->has_fatal)
		fz_die("neither sys nor a fatal error");
	if (r->has_fatal && (!r->fatal.message || !r->fatal.message[0]))
		fz_die("fatal error without a message");
	for (size_t i = 0; i < r->npth; i++)
		/* line 0: the whole file (it could not be decoded), always an error */
		if (!r->pth[i].file || !r->pth[i].text || r->pth[i].line < 0 ||
		    (r->pth[i].line == 0 && r->pth[i].action != PS_PTH_ERROR) ||
		    (unsigned)r->pth[i].action >= PS_PTH_COUNT)
			fz_die("pth[%zu]: file %s line %d action %d", i, r->pth[i].file ? r->pth[i].file : "(null)",
			       r->pth[i].line, (int)r->pth[i].action);

	ps_buf_init(&b);
	ps_result_write_json(r, &b);
	if (b.oom)
		fz_die("json: out of memory");
	fz_json_check("result", b.s, b.len);
	ps_buf_reset(&b);
	ps_result_write_yaml(r, &b);
	if (b.oom || !b.len)
		fz_die("yaml: out of memory or empty");
	ps_buf_release(&b);

	if (r->has_sys) {
		for (size_t i = 0; i < r->sys.path.n && i < 3; i++)
			fz_explain(r, in, r->sys.path.v[i]);
		if (r->sys.path.n)
			fz_explain(r, in, r->sys.path.v[r->sys.path.n - 1]);
	}
	fz_explain(r, in, "not/on/the/path");
}

/*
 * Runs the model over vfs (its cwd: in->cwd) and checks the result.
 * Returns what ps_compute returned.
 */
static inline int fz_compute(const struct ps_inputs *in, struct ps_vfs *vfs)
{
	struct ps_fs fs;
	struct ps_result r;
	struct ps_error err;
	int rc;

	ps_vfs_fs(vfs, &fs);
	fs.cwd = in->cwd;
	ps_result_init(&r);
	ps_error_init(&err);
	rc = ps_compute(in, &fs, &r, &err);
	if (getenv("FZ_DEBUG")) {
		/* a look at what an input does, when writing seeds */
		struct ps_buf b;

		ps_buf_init(&b);
		if (rc == 0)
			ps_result_write_json(&r, &b);
		fprintf(stderr, "compute %d.%d %s: rc %d %s\n%s\n", in->build.major, in->build.minor,
			ps_platform_name(in->build.platform), rc, rc ? err.msg : "", b.s);
		ps_buf_release(&b);
	}
	if (rc == 0)
		fz_check_result(&r, in);
	else if (!err.msg[0])
		fz_die("compute failed without a message");
	ps_result_release(&r);
	return rc;
}

/* Sets an environment variable; dies on OOM. */
static inline void fz_env(struct ps_inputs *in, const char *name, const char *value)
{
	if (ps_env_set(&in->env, name, value) < 0)
		fz_die("env: out of memory");
}

static inline void fz_set(char **field, const char *value)
{
	if (ps_set_str(field, value) < 0)
		fz_die("out of memory");
}

#endif /* PS_FUZZ_UTIL_H */
