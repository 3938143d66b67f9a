/*
 * site.c - the site.py stage (getpath-spec §3, T1-T7): what `import site`
 * does to sys.path, sys.prefix and friends once getpath has run.
 *
 * The model follows Lib/site.py's main() step by step:
 *
 *   T1 removeduppaths   every entry made absolute, later duplicates dropped
 *   T2 venv             pyvenv.cfg next to / above sys.executable
 *   T3 user site        ENABLE_USER_SITE, USER_BASE, USER_SITE
 *   T4 site-packages    getsitepackages(PREFIXES), Debian's variant
 *   T5 addsitedir       listdir, .pth names filtered and sorted
 *   T6 addpackage       every line of every .pth file
 *   T7 sitecustomize    presence noted (never imported)
 *
 * Nothing found in the inspected tree is ever executed: an `import` line of
 * a .pth file is recorded as what CPython would run, with a remark that its
 * effect cannot be known.
 *
 * Trace conventions (phase "site"): every probe is recorded; a decision that
 * appends to sys.path is a "decide" step with var "sys.path" and value the
 * entry appended; other decisions name the site.py global they set
 * ("ENABLE_USER_SITE", "USER_BASE", "USER_SITE", "PREFIXES", "sys._home")
 * or the sys attribute ("prefix", "exec_prefix", "base_executable").
 * Explain (explain.c) reads these back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compute-int.h"

/* CPython reads .pth files and pyvenv.cfg without a size limit; we stop at 16 MiB. */
#define SITE_READ_LIMIT (16u * 1024 * 1024)
/* TextIOWrapper's chunk size: a <=3.12 decode error position is relative to its chunk. */
#define TEXTIO_CHUNK 8192

/* Owns its strings; nslots is 0 or a power of two. */
struct known_set {
	char **slots;
	size_t nslots, n;
};

struct site {
	struct ps_ctx *c;
	struct ps_result *r;
	const struct ps_rules *ru;
	struct known_set known;     /* known_paths */
	struct ps_strv prefixes;    /* site.PREFIXES */
	struct ps_strv listed;      /* site dirs already scanned (second passes are remarked) */
	int enable_user_site;       /* 1 True, 0 False, -1 None */
	long eus_step;              /* step that decided ENABLE_USER_SITE, -1 none */
	bool failed;                /* `import site` would raise: r->has_fatal set */
	bool utf8_locale;           /* the locale encoding is UTF-8 */
	bool ascii_locale;          /* the locale encoding is ASCII (3.6 in the C/POSIX locale) */
	bool debian;                /* Debian's patched getsitepackages */
	char *venv_cfg;             /* pyvenv.cfg site.py used, NULL when none */
	long venv_step;             /* step that found it */
	bool system_site;           /* include-system-site-packages is exactly "true" */
	/*
	 * "line N of F" of the first import line whose effect cannot be known
	 * and whose text touches sys.path or the import system: from then on
	 * sys.path may hold entries we cannot see, so a module found nowhere
	 * may still be importable and the position of every later entry is
	 * uncertain.  NULL when none; yours.
	 */
	char *path_changer;
	bool distutils_shim;        /* setuptools' add_shim() ran: `import distutils` may succeed */
	bool skip_hidden;           /* .pth names starting with '.' and hidden files are skipped */
	char *hidden_rule;          /* which release does that, or why not: for notes; yours */
	bool virtualenv;            /* virtualenv's own site.py (legacy, <20) runs instead of CPython's */
	bool fresh_known;           /* virtualenv: each addsitedir() builds known_paths from sys.path */
	char mm[16];                /* "3.12" */
	char pyver[24];             /* "python3.12" or "python3.13t" */
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "ok";
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case ENOTDIR: return "ENOTDIR";
	case ELOOP: return "ELOOP";
	case EISDIR: return "EISDIR";
	case EFBIG: return "EFBIG";
	case ENOMEM: return "ENOMEM";
	default: return "EIO";
	}
}

/* Python's OSError text for an errno value, as str(exc) shows it. */
static const char *errno_text(int e)
{
	switch (e) {
	case ENOENT: return "[Errno 2] No such file or directory";
	case EACCES: return "[Errno 13] Permission denied";
	case ENOTDIR: return "[Errno 20] Not a directory";
	case ELOOP: return "[Errno 40] Too many levels of symbolic links";
	case EISDIR: return "[Errno 21] Is a directory";
	default: return "[Errno 5] Input/output error";
	}
}

static bool str_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

/* A copy of s[0..n); yours (NULL marks OOM). Cheaper than "%.*s" for every .pth line. */
static char *memdup_str(struct site *st, const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d) {
		st->c->oom = true;
		return NULL;
	}
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* os.path.join for two parts (no normalisation): an absolute b replaces a. */
static char *pyjoin(struct site *st, const char *a, const char *b)
{
	struct ps_ctx *c = st->c;
	size_t la, lb;
	char *d;
	if (c->plat == PS_PLATFORM_NT)
		return ps_ctx_join(c, a, b);
	if (b[0] == '/' || a[0] == '\0')
		return ps_ctx_strdup(c, b);
	la = strlen(a);
	lb = strlen(b);
	d = malloc(la + lb + 2);
	if (!d) {
		c->oom = true;
		return NULL;
	}
	memcpy(d, a, la);
	if (a[la - 1] != '/')
		d[la++] = '/';
	memcpy(d + la, b, lb + 1);
	return d;
}

/*
 * known_paths: an open-addressing hash set of the paths site.py has seen
 * (normcase'd on NT: ASCII case folded), so that thousands of .pth lines
 * cost one lookup each rather than a scan of everything added so far.
 */
static size_t known_hash(enum ps_platform plat, const char *p)
{
	size_t h = (size_t)1469598103934665603ULL;
	for (const unsigned char *u = (const unsigned char *)p; *u; u++) {
		unsigned char ch = *u;
		if (plat == PS_PLATFORM_NT && ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * (size_t)1099511628211ULL;
	}
	return h;
}

static bool known_has(const struct site *st, const char *p)
{
	const struct known_set *k = &st->known;
	if (!k->nslots)
		return false;
	for (size_t i = known_hash(st->c->plat, p) & (k->nslots - 1); k->slots[i];
	     i = (i + 1) & (k->nslots - 1))
		if (ps_path_equal(st->c->plat, k->slots[i], p))
			return true;
	return false;
}

static void known_put(struct known_set *k, enum ps_platform plat, char *p)
{
	size_t i = known_hash(plat, p) & (k->nslots - 1);
	while (k->slots[i])
		i = (i + 1) & (k->nslots - 1);
	k->slots[i] = p;
}

static void known_add(struct site *st, const char *p)
{
	struct known_set *k = &st->known;
	char *copy;
	if (known_has(st, p))
		return;
	/* keep the load under 1/2 so probe chains stay short */
	if ((k->n + 1) * 2 > k->nslots) {
		struct known_set bigger = { NULL, k->nslots ? k->nslots * 2 : 64, k->n };
		bigger.slots = calloc(bigger.nslots, sizeof *bigger.slots);
		if (!bigger.slots) {
			st->c->oom = true;
			return;
		}
		for (size_t i = 0; i < k->nslots; i++)
			if (k->slots[i])
				known_put(&bigger, st->c->plat, k->slots[i]);
		free(k->slots);
		*k = bigger;
	}
	copy = ps_ctx_strdup(st->c, p);
	if (!copy)
		return;
	known_put(k, st->c->plat, copy);
	k->n++;
}

static void known_release(struct known_set *k)
{
	for (size_t i = 0; i < k->nslots; i++)
		free(k->slots[i]);
	free(k->slots);
	memset(k, 0, sizeof *k);
}

/* Appends p to sys.path and its entry, recording the decision; returns the step. */
static long syspath_append(struct site *st, const char *p, enum ps_origin origin, long cause,
			   const char *detail, const char *note)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	long step = ps_trace_set(c, PS_PHASE_SITE, "sys.path", p, "%s", note);
	if (step >= 0 && cause >= 0)
		r->trace[step].cause = cause + 1;
	if (ps_strv_push(&r->sys.path, p) < 0) {
		c->oom = true;
		return -1;
	}
	if (st->path_changer)
		ps_entries_push(c, &r->entries, &r->nentries, p, origin, step,
				"%s (uncertain position: %s ran earlier and may have added sys.path "
				"entries pathscope cannot see)", detail, st->path_changer);
	else
		ps_entries_push(c, &r->entries, &r->nentries, p, origin, step, "%s", detail);
	/* 2.7's addsitedir() appends its directory without adding it to known_paths */
	if (origin == PS_ORIGIN_PTH || !st->ru->site_sitedir_unknown)
		known_add(st, p);
	return step;
}

static void set_cause(struct site *st, long step, long cause)
{
	if (step >= 0 && cause >= 0 && !st->c->oom)
		st->r->trace[step].cause = cause + 1;
}

/* ------------------------------------------------------------------ */
/* Text decoding as CPython does it                                    */
/* ------------------------------------------------------------------ */

/*
 * Checks UTF-8 like CPython's strict decoder.  Returns -1 when valid, else
 * the offset of the offending sequence, with *why set to CPython's reason.
 */
static long utf8_check(const unsigned char *s, size_t n, const char **why)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = s[i];
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			need = 1;
		else if (b >= 0xE0 && b <= 0xEF) {
			need = 2;
			if (b == 0xE0)
				lo = 0xA0;
			else if (b == 0xED)
				hi = 0x9F;
		} else if (b >= 0xF0 && b <= 0xF4) {
			need = 3;
			if (b == 0xF0)
				lo = 0x90;
			else if (b == 0xF4)
				hi = 0x8F;
		} else {
			*why = "invalid start byte";
			return (long)i;
		}
		for (size_t k = 1; k <= need; k++) {
			unsigned char cb;
			if (i + k >= n) {
				*why = "unexpected end of data";
				return (long)i;
			}
			cb = s[i + k];
			if (cb < (k == 1 ? lo : 0x80) || cb > (k == 1 ? hi : 0xBF)) {
				*why = "invalid continuation byte";
				return (long)i;
			}
		}
		i += need + 1;
	}
	return -1;
}

/*
 * Whether the locale encoding the interpreter would use is UTF-8: UTF-8
 * mode (PYTHONUTF8=1, or the C/POSIX locale, which 3.7+ coerces), or a
 * locale name saying UTF-8.  Other locales are taken to be single-byte
 * (every byte decodes); *assumed tells the caller to say so.
 */
static bool locale_utf8(struct ps_ctx *c, bool *assumed, bool *ascii)
{
	const char *u = ps_ctx_env_gated(c, "PYTHONUTF8");
	const char *lc = ps_ctx_env(c, "LC_ALL");
	*assumed = false;
	*ascii = false;
	if (u && strcmp(u, "1") == 0 && !c->rules->locale_c_ascii)
		return true;
	if (!lc)
		lc = ps_ctx_env(c, "LC_CTYPE");
	if (!lc)
		lc = ps_ctx_env(c, "LANG");
	if (!lc || strcmp(lc, "C") == 0 || strcmp(lc, "POSIX") == 0) {
		/* 3.7+ coerce the C/POSIX locale to UTF-8 (PEP 538/540); 3.6 decodes ASCII */
		if (c->rules->locale_c_ascii) {
			*ascii = true;
			return false;
		}
		return true;
	}
	if (strcasestr(lc, "utf-8") || strcasestr(lc, "utf8"))
		return true;
	*assumed = true;
	return false;
}

/*
 * Python whitespace (str.isspace) at s[0..n): returns the byte length of a
 * whitespace character starting at s, or 0.  utf8 selects the decoding.
 */
static size_t ws_at(const unsigned char *s, size_t n, bool utf8)
{
	if (n == 0)
		return 0;
	if (strchr(" \t\n\r\v\f\x1c\x1d\x1e\x1f", s[0]) && s[0])
		return 1;
	if (!utf8)
		return (s[0] == 0x85 || s[0] == 0xA0) ? 1 : 0;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (n >= 3 && s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)
		return 3; /* U+1680 */
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3; /* U+2000-200A, 2028, 2029, 202F */
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
		return 3; /* U+205F */
	if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3; /* U+3000 */
	return 0;
}

/* Length of s[0..n) once trailing whitespace is removed (str.rstrip). */
static size_t rstrip_len(const unsigned char *s, size_t n, bool utf8)
{
	while (n > 0) {
		size_t back = 1, w;
		/* step back over one character */
		if (utf8)
			while (back < n && back < 4 && (s[n - back] & 0xC0) == 0x80)
				back++;
		w = ws_at(s + n - back, back, utf8);
		if (w != back)
			break;
		n -= back;
	}
	return n;
}

/* Length once Python 2's str.rstrip() is done: ASCII whitespace only. */
static size_t bytes_rstrip_len(const unsigned char *s, size_t n)
{
	while (n > 0 && s[n - 1] && strchr(" \t\n\r\v\f", s[n - 1]))
		n--;
	return n;
}

static bool all_space(const unsigned char *s, size_t n, bool utf8)
{
	return rstrip_len(s, n, utf8) == 0;
}

/* One line of a text file: offset and length in the decoded buffer. */
struct line {
	size_t off, len;
};

/*
 * Splits text into lines.  universal: \n, \r\n and \r (TextIOWrapper);
 * otherwise str.splitlines(), which also breaks on \v \f \x1c-\x1e and,
 * for UTF-8 text, U+0085, U+2028, U+2029.  *out is yours.
 */
static int split_lines(const unsigned char *s, size_t n, bool universal, bool utf8,
		       struct line **out, size_t *nout)
{
	struct line *v = NULL;
	size_t cnt = 0, cap = 0, start = 0, i = 0;
	while (i < n) {
		size_t brk = 0;
		if (s[i] == '\n')
			brk = 1;
		else if (s[i] == '\r')
			brk = (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
		else if (!universal) {
			if (s[i] == '\v' || s[i] == '\f' || s[i] == 0x1c || s[i] == 0x1d || s[i] == 0x1e)
				brk = 1;
			else if (utf8 && i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0x85)
				brk = 2;
			else if (utf8 && i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
				 (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
				brk = 3;
			else if (!utf8 && s[i] == 0x85)
				brk = 1;
		}
		if (!brk) {
			i++;
			continue;
		}
		if (cnt == cap) {
			struct line *t;
			cap = cap ? cap * 2 : 16;
			t = realloc(v, cap * sizeof *t);
			if (!t) {
				free(v);
				return -1;
			}
			v = t;
		}
		v[cnt].off = start;
		v[cnt].len = i - start;
		cnt++;
		i += brk;
		start = i;
	}
	if (start < n) {
		if (cnt == cap) {
			struct line *t = realloc(v, (cap + 1) * sizeof *t);
			if (!t) {
				free(v);
				return -1;
			}
			v = t;
		}
		v[cnt].off = start;
		v[cnt].len = n - start;
		cnt++;
	}
	*out = v;
	*nout = cnt;
	return 0;
}

/* ------------------------------------------------------------------ */
/* A failed `import site`                                              */
/* ------------------------------------------------------------------ */

/*
 * Records the fatal error the interpreter stops with when site.py raises
 * (CPython: "Fatal Python error: init_import_site: Failed to import the
 * site module", exit status 1, then the traceback).  The traceback's frames
 * are not modelled; its last line is given in cause.
 */
static void site_fail(struct site *st, const char *exc_line, const char *cause, const char *fix)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	const char *msg = st->ru->site_fail_message ? st->ru->site_fail_message
		: "init_import_site: Failed to import the site module";
	if (!*msg)
		msg = exc_line;   /* 2.7: the traceback alone, ending with the exception */
	st->failed = true;
	r->has_fatal = true;
	ps_ctx_set(c, &r->fatal.message, msg);
	free(r->fatal.cause);
	r->fatal.cause = ps_ctx_printf(c, "%s; the traceback ends with: %s", cause, exc_line);
	ps_ctx_set(c, &r->fatal.fix, fix);
	free(r->fatal.output);
	r->fatal.output = NULL;
	r->fatal.exit_status = 1;
	ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "fatal",
		 "site.py raises %s, so `import site` fails and the interpreter stops with "
		 "\"%s%s\" and the traceback (exit status 1)", exc_line,
		 strncmp(msg, "Fatal", 5) && strncmp(msg, "Failed", 6) ? "Fatal Python error: " : "",
		 msg);
}

/*
 * Reads a whole file the way site.py opens it.  Returns 0 or an errno
 * value; a directory gives EISDIR (Python's FileIO refuses directories).
 * *data is yours.
 */
static int read_whole(struct site *st, const char *path, char **data, size_t *len)
{
	const struct ps_fs *fs = st->c->fs;
	int rc;
	*data = NULL;
	*len = 0;
	if (!fs->ops || !fs->ops->read_file)
		return EIO;
	/*
	 * Backends read a directory as empty (or refuse it): only then is the
	 * extra stat needed to tell it from an empty file.
	 */
	rc = fs->ops->read_file(fs->ctx, path, SITE_READ_LIMIT, data, len);
	if ((rc != 0 || *len == 0) && ps_fs_isdir(fs, path)) {
		free(*data);
		*data = NULL;
		*len = 0;
		return EISDIR;
	}
	if (rc == ENOMEM)
		st->c->oom = true;
	return rc;
}

/* ------------------------------------------------------------------ */
/* T1 removeduppaths                                                   */
/* ------------------------------------------------------------------ */

static void removeduppaths(struct site *st)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	size_t i = 0;

	/* entries and sys.path must stay parallel; getpath gives one entry per path */
	while (r->nentries < r->sys.path.n && !c->oom)
		ps_entries_push(c, &r->entries, &r->nentries, r->sys.path.v[r->nentries],
				PS_ORIGIN_STDLIB, -1, "listed by getpath (origin not recorded)");
	while (i < r->sys.path.n && !c->oom) {
		const char *orig = r->sys.path.v[i];
		char *abs = ps_ctx_abspath(c, orig);
		if (!abs)
			return;
		if (known_has(st, abs)) {
			ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, orig, "dropped",
					  "removeduppaths(): '%s'%s%s%s is already on sys.path; the later "
					  "copy is removed",
					  orig, strcmp(orig, abs) ? " (absolute: '" : "",
					  strcmp(orig, abs) ? abs : "", strcmp(orig, abs) ? "')" : "");
			free(r->entries[i].path);
			free(r->entries[i].detail);
			memmove(&r->entries[i], &r->entries[i + 1],
				(r->nentries - i - 1) * sizeof *r->entries);
			r->nentries--;
			ps_strv_remove(&r->sys.path, i);
			free(abs);
			continue;
		}
		if (strcmp(orig, abs) != 0) {
			struct ps_entry *e = &r->entries[i];
			long s = ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, orig, abs,
					  "removeduppaths(): site.py makes every sys.path entry absolute: "
					  "'%s' becomes '%s'", orig, abs);
			char *d = ps_ctx_printf(c, "%s%s(made absolute by site.py: was '%s')",
						e->detail ? e->detail : "",
						e->detail && *e->detail ? " " : "", orig);
			if (e->step < 0)
				e->step = s;
			free(e->detail);
			e->detail = d;
			free(e->path);
			e->path = ps_ctx_strdup(c, abs);
			e->exists = ps_fs_exists(c->fs, abs);
			free(r->sys.path.v[i]);
			r->sys.path.v[i] = ps_ctx_strdup(c, abs);
		}
		known_add(st, abs);
		free(abs);
		i++;
	}
}

/* ------------------------------------------------------------------ */
/* T6 addpackage: one .pth file                                        */
/* ------------------------------------------------------------------ */

/* Records every line of a file CPython skips without reading, as "ignored". */
static void record_unread(struct site *st, const char *full, const char *why)
{
	char *data = NULL;
	size_t len = 0;
	struct line *lines = NULL;
	size_t n = 0;
	if (read_whole(st, full, &data, &len) != 0 ||
	    split_lines((unsigned char *)data, len, false, true, &lines, &n) < 0 || n == 0) {
		ps_pth_push(st->c, full, 0, "", PS_PTH_IGNORED, "%s", why);
		free(data);
		return;
	}
	for (size_t k = 0; k < n && !st->c->oom; k++) {
		char *text = memdup_str(st, data + lines[k].off, lines[k].len);
		ps_pth_push(st->c, full, (int)k + 1, text ? text : "", PS_PTH_IGNORED, "%s", why);
		free(text);
	}
	free(lines);
	free(data);
}

/*
 * Built-in modules (sys.builtin_module_names) of the interpreters checked
 * (pyenv 3.6-3.13 and Debian's 3.11, union): importable without a file.
 */
static const char *const builtin_modules[] = {
	"_abc", "_ast", "_bisect", "_blake2", "_codecs", "_collections", "_csv", "_datetime",
	"_elementtree", "_functools", "_heapq", "_imp", "_io", "_locale", "_md5", "_opcode",
	"_operator", "_peg_parser", "_pickle", "_posixsubprocess", "_random", "_sha1", "_sha256",
	"_sha3", "_sha512", "_signal", "_socket", "_sre", "_stat", "_statistics", "_string",
	"_struct", "_suggestions", "_symtable", "_sysconfig", "_thread", "_tokenize",
	"_tracemalloc", "_typing", "_warnings", "_weakref", "array", "atexit", "binascii",
	"builtins", "cmath", "errno", "faulthandler", "fcntl", "gc", "grp", "itertools", "marshal",
	"math", "posix", "pwd", "pyexpat", "select", "spwd", "sys", "syslog", "time",
	"unicodedata", "xxsubtype", "zipimport", "zlib",
	/* frozen only (no file in the standard library) */
	"_frozen_importlib", "_frozen_importlib_external", "__hello__", "__phello__",
	NULL,
};

enum modfind { MOD_BUILTIN, MOD_STDLIB, MOD_OTHER, MOD_MISSING, MOD_UNKNOWN };

/*
 * Where `import name` would find a top-level module on the current
 * sys.path: a built-in, a file or package in an entry (a directory without
 * __init__.py counts: a namespace package), or nowhere.  An existing file
 * entry (a zip archive) makes the answer unknown: its contents are not read.
 */
static enum modfind find_top_module(struct site *st, const char *name, char **where)
{
	struct ps_ctx *c = st->c;
	const struct ps_result *r = st->r;
	bool unknown = false;
	*where = NULL;
	for (size_t i = 0; builtin_modules[i]; i++)
		if (!strcmp(builtin_modules[i], name))
			return MOD_BUILTIN;
	for (size_t i = 0; i < r->sys.path.n && !c->oom; i++) {
		const char *e = r->sys.path.v[i];
		struct ps_strv names;
		size_t nl = strlen(name);
		if (ps_fs_isfile(c->fs, e)) {
			unknown = true;
			continue;
		}
		ps_strv_init(&names);
		if (c->fs->ops && c->fs->ops->list_dir && c->fs->ops->list_dir(c->fs->ctx, e, &names) == 0) {
			for (size_t k = 0; k < names.n && !*where; k++) {
				const char *n = names.v[k];
				if (strncmp(n, name, nl) != 0)
					continue;
				if (n[nl] == '\0' || !strcmp(n + nl, ".py") || !strcmp(n + nl, ".pyc") ||
				    (n[nl] == '.' && str_ends(n, ".so")))
					*where = ps_ctx_join(c, e, n);
			}
		}
		ps_strv_release(&names);
		if (*where) {
			enum ps_origin o = i < r->nentries ? r->entries[i].origin : PS_ORIGIN_PTH;
			return o == PS_ORIGIN_STDLIB || o == PS_ORIGIN_PLATSTDLIB ? MOD_STDLIB : MOD_OTHER;
		}
	}
	return unknown ? MOD_UNKNOWN : MOD_MISSING;
}

enum hack { HACK_NOT = 0, HACK_OFF, HACK_MISSING, HACK_ON };

/*
 * setuptools' distutils-precedence.pth, one line (setuptools 49+):
 *   import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var,
 *   'DEFAULT') == 'local'; enabled and __import__('_distutils_hack').add_shim();
 * `enabled` only depends on os.environ (not hidden by -E), so whether the
 * __import__ runs is known.  Returns HACK_NOT (not that line), HACK_OFF
 * (`enabled` is false: the line only imports os), HACK_MISSING (it runs
 * and the module exists nowhere: the line fails; *missing, yours, names
 * it) or HACK_ON (add_shim() runs: a finder goes on sys.meta_path).
 */
static enum hack distutils_hack(struct site *st, const char *text, char **missing)
{
	static const char get[] = "os.environ.get(var, '";
	static const char imp[] = "enabled and __import__('";
	const char *g = strstr(text, get), *i = strstr(text, imp), *q, *tail;
	const char *val;
	char def[64], name[64];
	size_t n;
	char *where = NULL;
	enum modfind f;

	*missing = NULL;
	if (!strstr(text, "var = 'SETUPTOOLS_USE_DISTUTILS'") || !g || !i)
		return HACK_NOT;
	g += sizeof get - 1;
	q = strchr(g, '\'');
	if (!q || (n = (size_t)(q - g)) >= sizeof def || strncmp(q, "') == 'local'", 13) != 0)
		return HACK_NOT;
	memcpy(def, g, n);
	def[n] = '\0';
	i += sizeof imp - 1;
	q = strchr(i, '\'');
	if (!q || (n = (size_t)(q - i)) == 0 || n >= sizeof name || q[1] != ')')
		return HACK_NOT;
	memcpy(name, i, n);
	name[n] = '\0';
	/* nothing may follow add_shim(): then the line does exactly what setuptools' does */
	tail = strstr(q, ".add_shim();");
	if (!tail)
		return HACK_NOT;
	tail += 12;
	if (tail[strspn(tail, " \t\r\n")] != '\0')
		return HACK_NOT;
	val = ps_env_get(&st->c->in->env, "SETUPTOOLS_USE_DISTUTILS");
	if (strcmp(val ? val : def, "local") != 0)
		return HACK_OFF;   /* `enabled` is false: the __import__ never runs */
	f = find_top_module(st, name, &where);
	free(where);
	if (f != MOD_MISSING)
		return HACK_ON;
	*missing = ps_ctx_strdup(st->c, name);
	return HACK_MISSING;
}

/*
 * Whether an import line whose effect cannot be known may leave sys.path
 * or the import system changed in a way that matters to later lines: its
 * text names sys.path, site.addsitedir, the finders, sys.modules, or calls
 * code that installs a finder (an editable install's `...finder.install()`,
 * setuptools' add_shim()).  Plain `import thirdparty` is not counted: its
 * module could do anything, but nothing on the line says so.
 */
static bool may_change_imports(const char *text)
{
	static const char *const words[] = {
		"sys.path", "addsitedir", "meta_path", "path_hooks", "path_importer_cache",
		"sys.modules", "install(", "add_shim", "importlib", "exec(", "eval(", "setattr(",
		"__path__", NULL,
	};
	for (size_t i = 0; words[i]; i++)
		if (strstr(text, words[i]))
			return true;
	return false;
}

/*
 * Looks at the first statement of an import line ("import a.b as c, d"):
 * returns the first top-level module that exists nowhere on sys.path as it
 * stands, or NULL (yours).  *benign tells whether every module named is a
 * built-in or from the standard library (importing those changes nothing
 * here), or the line is setuptools' with `enabled` false.  *changes tells
 * whether a line that is not benign may change what later imports find
 * (may_change_imports).
 */
static char *import_missing(struct site *st, const char *text, bool *benign, bool *changes)
{
	const char *p = text + 6, *end = strchr(text, ';');
	char *stmt, *save = NULL, *tok, *missing = NULL;
	enum hack h;
	*benign = !end;   /* anything after ';' runs too, and could do anything */
	*changes = may_change_imports(text);
	h = distutils_hack(st, text, &missing);
	if (h == HACK_MISSING)
		return missing;
	stmt = ps_ctx_printf(st->c, "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
	if (!stmt) {
		*benign = false;
		return NULL;
	}
	for (tok = strtok_r(stmt, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char name[256];
		size_t n = 0;
		char *where = NULL;
		enum modfind f;
		while (*tok == ' ' || *tok == '\t')
			tok++;
		while (n + 1 < sizeof name && (tok[n] == '_' || (tok[n] >= 'a' && tok[n] <= 'z') ||
					       (tok[n] >= 'A' && tok[n] <= 'Z') ||
					       (n > 0 && tok[n] >= '0' && tok[n] <= '9')))
			n++;
		if (n == 0 || !strchr(" \t.\r\n", tok[n] ? tok[n] : ' ')) {
			*benign = false;   /* not a plain import statement: not analysed */
			break;
		}
		memcpy(name, tok, n);
		name[n] = '\0';
		if (strchr(tok + n, '.') && tok[n] == '.')
			*benign = false;   /* submodules are not looked for */
		f = find_top_module(st, name, &where);
		free(where);
		if (f == MOD_MISSING) {
			missing = ps_ctx_strdup(st->c, name);
			break;
		}
		if (f != MOD_BUILTIN && f != MOD_STDLIB)
			*benign = false;
	}
	free(stmt);
	if (!missing && h == HACK_OFF) {
		/* `import os` and three assignments in site's namespace: nothing that matters */
		*benign = true;
		*changes = false;
	} else if (h == HACK_ON) {
		/*
		 * add_shim() puts setuptools' DistutilsMetaFinder first on
		 * sys.meta_path; it answers for `distutils` (and pip's probe)
		 * only, and sys.path is left alone.
		 */
		*changes = false;
		st->distutils_shim = true;
	}
	return missing;
}

/*
 * An import line: records what it would run.  Returns true when it would
 * certainly fail (a module it imports is nowhere to be found), in which
 * case CPython prints the error and ignores the rest of the file.
 */
static bool pth_import(struct site *st, const char *full, int lineno, const char *text,
		       long cause, bool second)
{
	struct ps_ctx *c = st->c;
	bool benign = false, changes = false;
	char *missing = import_missing(st, text, &benign, &changes);
	/* said of a predicted failure when an earlier line may have made the module findable */
	char *doubt = missing && st->path_changer
		? ps_ctx_printf(c, " (uncertain: %s ran earlier and its effect cannot be known; it "
				"touches sys.path or the import system, so it may have made %s "
				"importable)", st->path_changer, missing)
		: missing && st->distutils_shim && !strcmp(missing, "distutils")
		? ps_ctx_strdup(c, " (uncertain: setuptools' distutils-precedence.pth ran "
				"add_shim() earlier, and its finder may provide distutils)")
		: NULL;
	long s;

	if (missing && st->virtualenv) {
		char *exc = ps_ctx_printf(c, "ImportError: No module named %s", missing);
		char *why = ps_ctx_printf(c, "line %d of %s runs `%s`, and virtualenv's site.py "
					  "has no error handling around the .pth lines it executes",
					  lineno, full, text);
		ps_pth_push(c, full, lineno, text, PS_PTH_ERROR,
			    "would run: %s, which fails with %s; virtualenv's site.py does not catch "
			    "it, so `import site` fails%s", text, exc ? exc : "ImportError",
			    doubt ? doubt : "");
		site_fail(st, exc ? exc : "ImportError", why ? why : "",
			  "Remove the line (or the .pth file), or install the module it imports.");
		free(exc);
		free(why);
		free(missing);
		free(doubt);
		return true;
	}
	if (missing) {
		/* 2.7 (bytes .pth) has no ModuleNotFoundError and no quotes */
		char *exc = st->ru->pth_bytes
			? ps_ctx_printf(c, "ImportError: No module named %s", missing)
			: ps_ctx_printf(c, "ModuleNotFoundError: No module named '%s'", missing);
		s = ps_trace(c, PS_PHASE_SITE, PS_OP_WARN, full, "Error processing line",
			     "line %d of %s would run `%s`, which fails: %s (not a built-in module and "
			     "nowhere on sys.path as it stands at this point); site.py prints \"Error "
			     "processing line %d of %s:\", the traceback and \"Remainder of file "
			     "ignored\", and skips the rest of the file%s", lineno, full, text,
			     exc ? exc : "", lineno, full, doubt ? doubt : "");
		set_cause(st, s, cause);
		ps_pth_push(c, full, lineno, text, PS_PTH_ERROR,
			    "would run: %s, which fails with %s: the rest of the file is ignored%s",
			    text, exc ? exc : "ModuleNotFoundError", doubt ? doubt : "");
		if (ps_strv_pushf(&st->r->notes, "stderr: Error processing line %d of %s: ... %s ... "
				  "Remainder of file ignored", lineno, full, exc ? exc : "") < 0)
			c->oom = true;
		free(exc);
		free(missing);
		free(doubt);
		return true;
	}
	s = ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, full, "import line",
		     "line %d of %s is an import line: CPython would run `%s`%s; pathscope never "
		     "runs it, so whatever it does (to sys.path or anything else) is not modelled",
		     lineno, full, text, second ? " (again: this directory is processed a second time)" : "");
	set_cause(st, s, cause);
	ps_pth_push(c, full, lineno, text, PS_PTH_IMPORT,
		    "would run: %s%s (never run by pathscope: %s; an exception in it would print "
		    "\"Error processing line %d of %s:\" and \"Remainder of file ignored\")",
		    text, second ? " (a second time: the directory is processed twice)" : "",
		    benign ? "it only imports built-in or standard-library modules"
			   : changes ? "its effect cannot be known, and it touches sys.path or the "
				       "import system: the position of every later sys.path entry, and "
				       "whether a later import line fails, are uncertain"
				     : "its effect cannot be known",
		    lineno, full);
	if (!benign && changes && !st->path_changer)
		st->path_changer = ps_ctx_printf(c, "line %d of %s", lineno, full);
	if (ps_strv_pushf(&st->r->notes, "%s, line %d would run `%s`%s (not modelled: pathscope "
			  "never runs it)", full, lineno, text,
			  second ? " again" : "") < 0)
		c->oom = true;
	return false;
}

static void addpackage(struct site *st, const char *sitedir, const char *name, long dir_step,
		       bool second)
{
	struct ps_ctx *c = st->c;
	char *full = pyjoin(st, sitedir, name);
	char *data = NULL;
	size_t len = 0, body = 0;
	struct line *lines = NULL;
	size_t nlines = 0;
	bool bom = false, utf8 = true;
	long read_step;
	int rc;

	if (!full)
		return;
	if (st->skip_hidden) {
		struct ps_stat sb;
		memset(&sb, 0, sizeof sb);
		rc = c->fs->ops && c->fs->ops->lstat ? c->fs->ops->lstat(c->fs->ctx, full, &sb) : EIO;
		if (rc != 0) {
			long s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISFILE, full, errno_name(rc),
					  "os.lstat on the .pth file fails: site.py skips it silently");
			set_cause(st, s, dir_step);
			ps_pth_push(c, full, 0, "", PS_PTH_IGNORED,
				    "skipped silently: os.lstat fails (%s)", errno_name(rc));
			goto out;
		}
		if (sb.hidden) {
			long s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISFILE, full, "hidden",
					  "%s carries the hidden flag (UF_HIDDEN / FILE_ATTRIBUTE_HIDDEN): "
					  "%s hidden .pth files without a word", full, st->hidden_rule);
			char *why = ps_ctx_printf(c, "not processed: the file is hidden (UF_HIDDEN), and "
						  "%s hidden .pth files silently", st->hidden_rule);
			set_cause(st, s, dir_step);
			record_unread(st, full, why ? why : "not processed: the file is hidden");
			free(why);
			goto out;
		}
	}
	rc = read_whole(st, full, &data, &len);
	read_step = ps_trace(c, PS_PHASE_SITE, PS_OP_READ, full,
			     rc == 0 ? "ok" : errno_name(rc), "%s",
			     rc == 0 ? (second ? "reads the .pth file (again: second pass over its directory)"
				       : "reads the .pth file")
				     : "the .pth file cannot be opened: site.py skips it silently (OSError)");
	set_cause(st, read_step, dir_step);
	if (rc != 0) {
		ps_pth_push(c, full, 0, "", PS_PTH_IGNORED, "skipped silently: cannot be opened (%s)",
			    errno_name(rc));
		goto out;
	}

	/* decoding (getpath-spec §3 T6.3) */
	if (st->ru->pth_utf8_sig) {
		const char *why = NULL;
		long bad;
		if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
			bom = true;
			body = 3;
		}
		bad = utf8_check((unsigned char *)data + body, len - body, &why);
		if (bad >= 0) {
			/* fallback: the locale encoding */
			const char *why2 = NULL;
			long bad2 = st->utf8_locale ? utf8_check((unsigned char *)data, len, &why2) : -1;
			if (bad2 >= 0) {
				char *exc = ps_ctx_printf(c,
					"UnicodeDecodeError: 'utf-8' codec can't decode byte 0x%02x in "
					"position %ld: %s", (unsigned char)data[bad2], bad2, why2);
				char *cause = ps_ctx_printf(c,
					"%s is not valid UTF-8 and the locale encoding is UTF-8 too, so "
					"neither utf-8-sig nor the locale fallback can decode it", full);
				char *fix = ps_ctx_printf(c, "Re-encode %s as UTF-8 or remove it.", full);
				ps_pth_push(c, full, 0, "", PS_PTH_ERROR, "cannot be decoded: %s",
					    exc ? exc : "");
				site_fail(st, exc ? exc : "UnicodeDecodeError", cause ? cause : "", fix);
				free(exc);
				free(cause);
				free(fix);
				goto out;
			}
			/* a single-byte locale decodes anything, byte for byte */
			bom = false;
			body = 0;
			utf8 = false;
			ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, full, "locale",
				 "not UTF-8 (byte 0x%02x at offset %ld: %s): decoded with the locale "
				 "encoding instead (assumed single-byte)",
				 (unsigned char)data[bad + (long)body], bad + (long)body, why);
		}
	} else if (st->ru->pth_bytes) {
		/* open(name, "rU"): lines of bytes, nothing to decode */
		utf8 = false;
	} else if (st->ascii_locale) {
		const unsigned char *u = (const unsigned char *)data;
		size_t bad = 0;
		while (bad < len && u[bad] < 0x80)
			bad++;
		if (bad < len) {
			char *exc = ps_ctx_printf(c,
				"UnicodeDecodeError: 'ascii' codec can't decode byte 0x%02x in position "
				"%zu: ordinal not in range(128)", u[bad], bad % TEXTIO_CHUNK);
			char *cause = ps_ctx_printf(c,
				"%s holds a byte outside ASCII and the locale is C/POSIX, which %d.%d "
				"does not coerce to UTF-8: .pth files are decoded as ASCII while the "
				"lines are read, outside site.py's error handling", full,
				st->ru->major, st->ru->minor);
			char *fix = ps_ctx_printf(c, "Run with a UTF-8 locale (e.g. LC_ALL=C.UTF-8) or "
						  "keep %s ASCII.", full);
			ps_pth_push(c, full, 0, "", PS_PTH_ERROR, "cannot be decoded: %s", exc ? exc : "");
			site_fail(st, exc ? exc : "UnicodeDecodeError", cause ? cause : "", fix);
			free(exc);
			free(cause);
			free(fix);
			goto out;
		}
	} else {
		const char *why = NULL;
		long bad = st->utf8_locale ? utf8_check((unsigned char *)data, len, &why) : -1;
		utf8 = st->utf8_locale;
		if (bad >= 0) {
			/*
			 * TextIOWrapper decodes while the lines are iterated, outside
			 * addpackage's try: the exception escapes site.main().
			 */
			char *exc = ps_ctx_printf(c,
				"UnicodeDecodeError: 'utf-8' codec can't decode byte 0x%02x in position "
				"%ld: %s", (unsigned char)data[bad], bad % TEXTIO_CHUNK, why);
			char *cause = ps_ctx_printf(c,
				"%s is not valid UTF-8 and the locale encoding is UTF-8: %d.%d decodes "
				".pth files with the locale encoding while reading the lines, outside "
				"its error handling", full, st->ru->major, st->ru->minor);
			char *fix = ps_ctx_printf(c, "Re-encode %s as UTF-8 or remove it.", full);
			ps_pth_push(c, full, 0, "", PS_PTH_ERROR, "cannot be decoded: %s", exc ? exc : "");
			site_fail(st, exc ? exc : "UnicodeDecodeError", cause ? cause : "", fix);
			free(exc);
			free(cause);
			free(fix);
			goto out;
		}
		if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 && utf8)
			bom = true; /* kept as U+FEFF at the start of line 1 */
	}

	if (split_lines((unsigned char *)data + body, len - body, !st->ru->pth_utf8_sig, utf8,
			&lines, &nlines) < 0) {
		c->oom = true;
		goto out;
	}
	for (size_t k = 0; k < nlines && !c->oom; k++) {
		const unsigned char *l = (unsigned char *)data + body + lines[k].off;
		size_t ll = lines[k].len;
		int lineno = (int)k + 1;
		char *text = memdup_str(st, (const char *)l, ll);
		const char *bomnote = (bom && k == 0 && !st->ru->pth_utf8_sig)
			? " (the line starts with a UTF-8 byte order mark, which this version keeps "
			  "as part of the line)" : "";
		if (!text)
			break;
		if (ll > 0 && l[0] == '#') {
			ps_pth_push(c, full, lineno, text, PS_PTH_COMMENT, NULL);
		} else if (!st->ru->pth_blank_is_path && all_space(l, ll, utf8)) {
			ps_pth_push(c, full, lineno, text, PS_PTH_BLANK, NULL);
		} else if ((ll >= 7 && memcmp(l, "import ", 7) == 0) ||
			   (ll >= 7 && memcmp(l, "import\t", 7) == 0) ||
			   (st->virtualenv && ll >= 6 && memcmp(l, "import", 6) == 0)) {
			if (pth_import(st, full, lineno, text, read_step, second)) {
				if (st->virtualenv) {
					free(text);
					break;
				}
				for (size_t j = k + 1; j < nlines && !c->oom; j++) {
					char *rest = memdup_str(st, data + body + lines[j].off,
								lines[j].len);
					ps_pth_push(c, full, (int)j + 1, rest ? rest : "", PS_PTH_IGNORED,
						    "Remainder of file ignored: line %d failed", lineno);
					free(rest);
				}
				free(text);
				break;
			}
		} else if (memchr(l, '\0', ll) && st->ru->pth_nul_error && st->virtualenv) {
			char *cause = ps_ctx_printf(c, "line %d of %s contains a NUL byte and "
						    "virtualenv's site.py has no error handling around "
						    "os.path.exists()", lineno, full);
			ps_pth_push(c, full, lineno, text, PS_PTH_ERROR,
				    "contains a NUL byte: os.path.exists() raises %s, which virtualenv's "
				    "site.py does not catch", st->ru->pth_nul_error);
			site_fail(st, st->ru->pth_nul_error, cause ? cause : "",
				  "Remove the NUL byte from the .pth file.");
			free(cause);
			free(text);
			break;
		} else if (memchr(l, '\0', ll) && st->ru->pth_nul_error) {
			/* os.path.exists() raises: "Error processing line N", the rest is skipped */
			long s = ps_trace(c, PS_PHASE_SITE, PS_OP_WARN, full, "Error processing line",
					  "line %d of %s contains a NUL byte: os.path.exists() raises %s in "
					  "%d.%d; site.py prints \"Error processing line %d of %s:\", the "
					  "traceback and \"Remainder of file ignored\", and skips the rest of "
					  "the file", lineno, full, st->ru->pth_nul_error, st->ru->major,
					  st->ru->minor, lineno, full);
			set_cause(st, s, read_step);
			ps_pth_push(c, full, lineno, text, PS_PTH_ERROR,
				    "contains a NUL byte: os.path.exists() raises %s; the rest of the "
				    "file is ignored", st->ru->pth_nul_error);
			if (ps_strv_pushf(&st->r->notes, "stderr: Error processing line %d of %s: ... %s "
					  "... Remainder of file ignored", lineno, full,
					  st->ru->pth_nul_error) < 0)
				c->oom = true;
			for (size_t j = k + 1; j < nlines && !c->oom; j++) {
				char *rest = memdup_str(st, data + body + lines[j].off, lines[j].len);
				ps_pth_push(c, full, (int)j + 1, rest ? rest : "", PS_PTH_IGNORED,
					    "Remainder of file ignored: line %d failed", lineno);
				free(rest);
			}
			free(text);
			break;
		} else if (memchr(l, '\0', ll)) {
			ps_pth_push(c, full, lineno, text, PS_PTH_MISSING,
				    "contains a NUL byte: os.path.exists() is false for it");
		} else {
			size_t kl = st->ru->pth_bytes ? bytes_rstrip_len(l, ll) : rstrip_len(l, ll, utf8);
			char *rel = memdup_str(st, (const char *)l, kl);
			char *joined = rel ? pyjoin(st, sitedir, rel) : NULL;
			char *dir = joined ? ps_ctx_abspath(c, joined) : NULL;
			if (dir) {
				if (known_has(st, dir)) {
					/* everything in known_paths is on sys.path: site.py adds both at once */
					long s = ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, dir, "duplicate",
							  "line %d of %s names %s, which is already known to "
							  "site.py: not added again", lineno, full, dir);
					set_cause(st, s, read_step);
					ps_pth_push(c, full, lineno, text, PS_PTH_DUPLICATE,
						    "%s is already on sys.path%s", dir, bomnote);
				} else if (ps_fs_exists(c->fs, dir)) {
					long s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISFILE, dir, "exists",
							  "os.path.exists() for line %d of %s", lineno, full);
					char *detail = ps_ctx_printf(c, "added by %s, line %d", full, lineno);
					set_cause(st, s, read_step);
					syspath_append(st, dir, PS_ORIGIN_PTH, s, detail ? detail : "",
						       detail ? detail : "");
					ps_pth_push(c, full, lineno, text, PS_PTH_ADDED,
						    "appended to sys.path as %s%s%s%s%s%s", dir,
						    (rel[0] == ' ' || rel[0] == '\t')
							    ? " (leading whitespace is kept: the path is relative to the site directory)" : "",
						    bomnote,
						    st->path_changer ? " (uncertain position: " : "",
						    st->path_changer ? st->path_changer : "",
						    st->path_changer ? " ran earlier and may have added "
								       "sys.path entries pathscope cannot see)" : "");
					free(detail);
				} else {
					long s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISFILE, dir, "missing",
							  "os.path.exists() for line %d of %s: %s does not "
							  "exist, so the line adds nothing", lineno, full, dir);
					set_cause(st, s, read_step);
					ps_pth_push(c, full, lineno, text, PS_PTH_MISSING,
						    "%s does not exist: not added%s", dir, bomnote);
				}
			}
			free(dir);
			free(joined);
			free(rel);
		}
		free(text);
	}
out:
	free(lines);
	free(data);
	free(full);
}

/* ------------------------------------------------------------------ */
/* T5 addsitedir                                                       */
/* ------------------------------------------------------------------ */

static void known_from_syspath(struct site *st);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* addsitedir(): appends the directory if new, then processes its .pth files. */
static void addsitedir(struct site *st, const char *sitedir_in, enum ps_origin origin,
		       const char *detail, long cause)
{
	struct ps_ctx *c = st->c;
	char *sitedir = ps_ctx_abspath(c, sitedir_in);
	struct ps_strv names;
	long add_step = cause, list_step;
	bool second;
	int rc;

	if (!sitedir)
		return;
	ps_strv_init(&names);
	if (st->fresh_known)
		known_from_syspath(st);
	if (!known_has(st, sitedir)) {
		char *note = ps_ctx_printf(c, "addsitedir(): appends %s to sys.path (%s)%s", sitedir,
					   detail, st->ru->site_sitedir_unknown
					   ? "; this version does not add it to known_paths, so a .pth "
					     "line naming it (a blank line too) appends it again" : "");
		add_step = syspath_append(st, sitedir, origin, cause, detail, note ? note : detail);
		free(note);
	} else {
		long s = ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, sitedir, "known",
				  "%s is already known to site.py: not appended again, but its .pth "
				  "files are processed", sitedir);
		set_cause(st, s, cause);
		add_step = s;
	}
	second = ps_strv_find(&st->listed, sitedir) >= 0;
	if (!second && ps_strv_push(&st->listed, sitedir) < 0)
		c->oom = true;
	rc = c->fs->ops && c->fs->ops->list_dir ? c->fs->ops->list_dir(c->fs->ctx, sitedir, &names)
						 : EIO;
	if (rc == ENOMEM)
		c->oom = true;
	{
		char res[48];
		if (rc == 0)
			snprintf(res, sizeof res, "ok %zu entr%s", names.n, names.n == 1 ? "y" : "ies");
		else
			snprintf(res, sizeof res, "%s", errno_name(rc));
		list_step = ps_trace(c, PS_PHASE_SITE, PS_OP_LISTDIR, sitedir, res, "%s",
				     rc ? "os.listdir() fails: no .pth file of this directory is read"
					: second ? "lists the directory for .pth files (a second time: "
						   "import lines in them would run again)"
						 : "lists the directory for .pth files");
		set_cause(st, list_step, add_step);
	}
	if (rc == 0) {
		size_t keep = 0;
		for (size_t i = 0; i < names.n; i++) {
			const char *nm = names.v[i];
			if (!str_ends(nm, ".pth")) {
				free(names.v[i]);
				continue;
			}
			if (st->skip_hidden && nm[0] == '.') {
				char *full = pyjoin(st, sitedir, nm);
				if (full) {
					long s = ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, full, "skipped",
							  "%s starts with '.': %s such .pth files", nm,
							  st->hidden_rule);
					char *why = ps_ctx_printf(c, "not processed: the name starts with "
								  "'.', and %s such .pth files",
								  st->hidden_rule);
					set_cause(st, s, list_step);
					if (!second)
						record_unread(st, full, why ? why : "not processed");
					free(why);
				}
				free(full);
				free(names.v[i]);
				continue;
			}
			if (nm[0] == '.' && st->hidden_rule) {
				/* an older micro of a minor that later skips such files */
				char *full = pyjoin(st, sitedir, nm);
				long s = ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, full, "processed",
						  "%s starts with '.': %s", nm, st->hidden_rule);
				set_cause(st, s, list_step);
				free(full);
			}
			names.v[keep++] = names.v[i];
		}
		names.n = keep;
		if (names.v)
			names.v[keep] = NULL;
		/* sorted(): a virtual tree lists in that order already, so check first */
		for (size_t i = 1; i < names.n; i++) {
			if (strcmp(names.v[i - 1], names.v[i]) > 0) {
				qsort(names.v, names.n, sizeof *names.v, cmp_str);
				break;
			}
		}
		for (size_t i = 0; i < names.n && !st->failed && !c->oom; i++)
			addpackage(st, sitedir, names.v[i], list_step, second);
	}
	ps_strv_release(&names);
	free(sitedir);
}

/* ------------------------------------------------------------------ */
/* T4 getsitepackages / addsitepackages                                */
/* ------------------------------------------------------------------ */

static void add_candidates(struct site *st, struct ps_strv *out, struct ps_strv *why,
			   const char *prefix, bool venv)
{
	struct ps_ctx *c = st->c;
	const char *pl = st->r->sys.platlibdir && *st->r->sys.platlibdir
		? st->r->sys.platlibdir : "lib";
	const char *libdirs[2] = { pl, strcmp(pl, "lib") ? "lib" : NULL };
	const char *kind = venv ? "venv site-packages" : "site-packages";

	if (c->plat == PS_PLATFORM_NT) {
		/* 3.11+ Lib; <=3.8 lib; 3.9 and 3.10 the platlibdir, then lib */
		const char *nt_dirs[2] = { st->ru->site_nt_libdirs == 1 ? "lib" : "Lib", NULL };
		if (st->ru->site_nt_libdirs == 2) {
			nt_dirs[0] = libdirs[0];
			nt_dirs[1] = libdirs[1];
		}
		ps_strv_push(out, prefix);
		ps_strv_pushf(why, "%s: the prefix %s itself (Windows)", kind, prefix);
		for (int k = 0; k < 2; k++) {
			char *p;
			if (!nt_dirs[k])
				continue;
			p = ps_ctx_join3(c, prefix, nt_dirs[k], "site-packages");
			if (p) {
				ps_strv_push_take(out, p);
				ps_strv_pushf(why, "%s of prefix %s (under %s)", kind, prefix, nt_dirs[k]);
			}
		}
		return;
	}
	if (st->debian) {
		bool is_venv = !ps_path_equal(c->plat, st->r->sys.base_prefix ? st->r->sys.base_prefix : "",
					      st->r->sys.prefix ? st->r->sys.prefix : "");
		char *a;
		if (is_venv) {
			a = pyjoin(st, prefix, "lib");
			ps_strv_push_take(out, ps_ctx_printf(c, "%s/%s/site-packages", a, st->pyver));
			ps_strv_pushf(why, "%s of prefix %s (Debian's site.py: lib/%s/site-packages "
				      "only inside a venv)", kind, prefix, st->pyver);
			free(a);
		}
		a = pyjoin(st, prefix, "local/lib");
		ps_strv_push_take(out, ps_ctx_printf(c, "%s/%s/dist-packages", a, st->pyver));
		ps_strv_pushf(why, "Debian dist-packages for locally installed packages (prefix %s)", prefix);
		free(a);
		a = pyjoin(st, prefix, "lib");
		ps_strv_push_take(out, ps_ctx_printf(c, "%s/python3/dist-packages", a));
		ps_strv_pushf(why, "Debian dist-packages for distribution packages (prefix %s)", prefix);
		free(a);
		for (int k = 0; k < 2; k++) {
			if (!libdirs[k])
				continue;
			a = pyjoin(st, prefix, libdirs[k]);
			ps_strv_push_take(out, ps_ctx_printf(c, "%s/%s/dist-packages", a, st->pyver));
			ps_strv_pushf(why, "Debian dist-packages under %s (prefix %s)", libdirs[k], prefix);
			free(a);
		}
		return;
	}
	for (int k = 0; k < 2; k++) {
		char *a;
		if (!libdirs[k] || (k == 1 && !st->ru->site_libdirs_platlibdir))
			continue;
		a = pyjoin(st, prefix, k == 0 && !st->ru->site_libdirs_platlibdir ? "lib" : libdirs[k]);
		ps_strv_push_take(out, ps_ctx_printf(c, "%s/%s/site-packages", a, st->pyver));
		ps_strv_pushf(why, "%s of prefix %s (under %s)", kind, prefix,
			      k == 0 && !st->ru->site_libdirs_platlibdir ? "lib" : libdirs[k]);
		free(a);
	}
	if (st->ru->site_python_27) {
		ps_strv_push_take(out, ps_ctx_printf(c, "%s%slib/site-python", prefix,
						     str_ends(prefix, "/") ? "" : "/"));
		ps_strv_pushf(why, "site-python of prefix %s (2.7's getsitepackages: "
			      "lib/site-python after lib/python2.7/site-packages)", prefix);
	}
	if (st->ru->site_darwin_library && c->plat == PS_PLATFORM_DARWIN && c->in->build.framework) {
		ps_strv_push_take(out, ps_ctx_printf(c, "/Library/Python/%s/site-packages", st->mm));
		ps_strv_pushf(why, "framework build: %d.%d's getsitepackages adds "
			      "/Library/<framework>/M.m/site-packages for each prefix",
			      st->ru->major, st->ru->minor);
	}
}

/* addsitepackages(known, prefixes): every existing candidate goes through addsitedir. */
static void addsitepackages(struct site *st, const struct ps_strv *prefixes, bool venv, long cause)
{
	struct ps_ctx *c = st->c;
	struct ps_strv seen, cand, why;
	ps_strv_init(&seen);
	ps_strv_init(&cand);
	ps_strv_init(&why);
	for (size_t i = 0; i < prefixes->n; i++) {
		const char *p = prefixes->v[i];
		if (!p || !*p || ps_strv_find(&seen, p) >= 0)
			continue;
		ps_strv_push(&seen, p);
		add_candidates(st, &cand, &why, p, venv);
	}
	if (cand.n != why.n)
		c->oom = true;
	for (size_t i = 0; i < cand.n && !st->failed && !c->oom; i++) {
		bool ok = ps_fs_isdir(c->fs, cand.v[i]);
		long s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISDIR, cand.v[i], ok ? "true" : "false",
				  "%s%s", why.v[i], ok ? "" : ": not a directory, skipped");
		set_cause(st, s, cause);
		if (ok)
			addsitedir(st, cand.v[i], PS_ORIGIN_SITE_PACKAGES, why.v[i], s);
	}
	ps_strv_release(&seen);
	ps_strv_release(&cand);
	ps_strv_release(&why);
}

/* ------------------------------------------------------------------ */
/* T2 venv                                                             */
/* ------------------------------------------------------------------ */

/* Strips Python whitespace at both ends of [s, s+n); returns a copy. */
static char *strip_copy(struct site *st, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w;
	while (n > 0 && (w = ws_at(u, n, true)) > 0) {
		u += w;
		n -= w;
	}
	n = rstrip_len(u, n, true);
	return ps_ctx_printf(st->c, "%.*s", (int)n, (const char *)u);
}

static void venv(struct site *st, long *prefix_step)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	const char *exe = r->sys.executable ? r->sys.executable : "";
	const char *launcher = NULL;
	char *abs = NULL, *exe_dir = NULL, *site_prefix = NULL, *cand[2] = { NULL, NULL };
	char *data = NULL, *home = NULL, *system_site = NULL;
	size_t len = 0;
	long cfg_step = -1;
	int rc;

	/* macOS <=3.10: __PYVENV_LAUNCHER__ still in os.environ (3.11+ getpath removed it) */
	if (c->plat == PS_PLATFORM_DARWIN && !st->ru->launcher_env_unset && !c->launcher_env_removed &&
	    ps_env_get(&c->in->env, "__PYVENV_LAUNCHER__")) {
		launcher = ps_env_get(&c->in->env, "__PYVENV_LAUNCHER__");
		exe = launcher;
		ps_ctx_set(c, &r->sys.base_executable, launcher);
		ps_trace_set(c, PS_PHASE_SITE, "base_executable", launcher,
			     "venv(): __PYVENV_LAUNCHER__ is in os.environ: site.py uses it as the "
			     "executable and sets sys._base_executable to it");
	}
	abs = ps_ctx_abspath(c, exe);
	exe_dir = abs ? ps_ctx_dirname(c, abs) : NULL;
	site_prefix = exe_dir ? ps_ctx_dirname(c, exe_dir) : NULL;
	if (!site_prefix)
		goto out;
	/* os.path.dirname("/") is "/", while getpath's dirname gives "" */
	if (!*exe_dir && abs[0] == '/')
		ps_ctx_set(c, &exe_dir, "/");
	if (!*site_prefix && exe_dir[0] == '/')
		ps_ctx_set(c, &site_prefix, "/");
	ps_ctx_set(c, &r->sys.home, NULL);
	cand[0] = pyjoin(st, exe_dir, "pyvenv.cfg");
	cand[1] = pyjoin(st, site_prefix, "pyvenv.cfg");
	for (int k = 0; k < 2 && cand[k]; k++) {
		bool ok = ps_fs_isfile(c->fs, cand[k]);
		long s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISFILE, cand[k], ok ? "true" : "false",
				  "venv(): looks for pyvenv.cfg %s the executable %s (site.py checks the "
				  "executable's directory first)", k == 0 ? "next to" : "one level above",
				  exe);
		if (ok) {
			cfg_step = s;
			st->venv_cfg = ps_ctx_strdup(c, cand[k]);
			break;
		}
	}
	if (!st->venv_cfg) {
		ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "no venv",
			 "venv(): no pyvenv.cfg next to or above %s: not a virtual environment for site.py",
			 exe);
		goto out;
	}
	st->venv_step = cfg_step;
	rc = read_whole(st, st->venv_cfg, &data, &len);
	{
		long s = ps_trace(c, PS_PHASE_SITE, PS_OP_READ, st->venv_cfg, errno_name(rc),
				  "venv(): reads %s as UTF-8", st->venv_cfg);
		set_cause(st, s, cfg_step);
		cfg_step = s;
	}
	if (rc != 0) {
		char *exc = ps_ctx_printf(c, "%s: %s: '%s'",
					  rc == EACCES ? "PermissionError" : rc == EISDIR ? "IsADirectoryError"
					  : rc == ENOENT ? "FileNotFoundError" : "OSError",
					  errno_text(rc), st->venv_cfg);
		char *fix = ps_ctx_printf(c, "Make %s readable (or remove it).", st->venv_cfg);
		site_fail(st, exc ? exc : "OSError",
			  "site.py found pyvenv.cfg but cannot open it, and nothing catches that error",
			  fix);
		free(exc);
		free(fix);
		goto out;
	}
	{
		const char *why = NULL;
		long bad = utf8_check((unsigned char *)data, len, &why);
		struct line *lines = NULL;
		size_t n = 0;
		if (bad >= 0) {
			char *exc = ps_ctx_printf(c,
				"UnicodeDecodeError: 'utf-8' codec can't decode byte 0x%02x in position "
				"%ld: %s", (unsigned char)data[bad], bad % TEXTIO_CHUNK, why);
			char *fix = ps_ctx_printf(c, "Re-encode %s as UTF-8.", st->venv_cfg);
			site_fail(st, exc ? exc : "UnicodeDecodeError",
				  "site.py reads pyvenv.cfg as UTF-8 and the file is not valid UTF-8", fix);
			free(exc);
			free(fix);
			goto out;
		}
		system_site = ps_ctx_strdup(c, "true");
		if (split_lines((unsigned char *)data, len, true, true, &lines, &n) < 0) {
			c->oom = true;
			goto out;
		}
		for (size_t k = 0; k < n; k++) {
			const char *l = data + lines[k].off;
			const char *eq = memchr(l, '=', lines[k].len);
			char *key, *val;
			if (!eq)
				continue;
			key = strip_copy(st, l, (size_t)(eq - l));
			val = strip_copy(st, eq + 1, lines[k].len - (size_t)(eq - l) - 1);
			if (key && val) {
				for (char *p = key; *p; p++)
					if (*p >= 'A' && *p <= 'Z')
						*p = (char)(*p - 'A' + 'a');
				if (strcmp(key, "include-system-site-packages") == 0) {
					for (char *p = val; *p; p++)
						if (*p >= 'A' && *p <= 'Z')
							*p = (char)(*p - 'A' + 'a');
					free(system_site);
					system_site = val;
					val = NULL;
				} else if (strcmp(key, "home") == 0) {
					free(home);
					home = val;
					val = NULL;
				}
			}
			free(key);
			free(val);
		}
		free(lines);
	}
	if (home) {
		long s = ps_trace_set(c, PS_PHASE_SITE, "sys._home", home,
				      "venv(): the `home` key of %s sets sys._home", st->venv_cfg);
		set_cause(st, s, cfg_step);
		ps_ctx_set(c, &r->sys.home, home);
	}
	st->system_site = system_site && strcmp(system_site, "true") == 0;
	if (!st->ru->site_venv_warn_only) {
		long s1 = ps_trace_set(c, PS_PHASE_SITE, "prefix", site_prefix,
				       "venv(): %s exists, so site.py sets sys.prefix to %s, the parent "
				       "of the executable's directory", st->venv_cfg, site_prefix);
		long s2 = ps_trace_set(c, PS_PHASE_SITE, "exec_prefix", site_prefix,
				       "venv(): sys.exec_prefix too is set to %s", site_prefix);
		set_cause(st, s1, cfg_step);
		set_cause(st, s2, cfg_step);
		*prefix_step = s1;
		ps_ctx_set(c, &r->sys.prefix, site_prefix);
		ps_ctx_set(c, &r->sys.exec_prefix, site_prefix);
	} else {
		const char *names[2] = { "sys.prefix", "sys.exec_prefix" };
		const char *vals[2] = { r->sys.prefix, r->sys.exec_prefix };
		for (int k = 0; k < 2; k++) {
			char *msg;
			if (vals[k] && strcmp(vals[k], site_prefix) == 0)
				continue;
			msg = ps_ctx_printf(c, "RuntimeWarning: Unexpected value in %s, expected %s, got %s",
					    names[k], site_prefix, vals[k] ? vals[k] : "None");
			if (msg) {
				long s = ps_trace(c, PS_PHASE_SITE, PS_OP_WARN, NULL, msg,
						  "venv(): %d.%d no longer switches the prefix in site.py; "
						  "it warns (\"<frozen site>:LINE: %s\" on stderr) when "
						  "getpath's value differs from the parent of the "
						  "executable's directory", st->ru->major, st->ru->minor, msg);
				set_cause(st, s, cfg_step);
				if (ps_strv_pushf(&r->notes, "stderr: <frozen site>:LINE: %s", msg) < 0)
					c->oom = true;
			}
			free(msg);
		}
		*prefix_step = cfg_step;
	}

	/* the venv's own site-packages first: ahead of the user site */
	{
		struct ps_strv one;
		ps_strv_init(&one);
		if (ps_strv_push(&one, r->sys.prefix ? r->sys.prefix : "") < 0)
			c->oom = true;
		addsitepackages(st, &one, true, cfg_step);
		ps_strv_release(&one);
	}
	if (st->failed)
		goto out;
	if (st->system_site) {
		long s;
		if (st->ru->site_prefixes_base) {
			ps_strv_push(&st->prefixes, r->sys.base_prefix ? r->sys.base_prefix : "");
			ps_strv_push(&st->prefixes, r->sys.base_exec_prefix ? r->sys.base_exec_prefix : "");
			s = ps_trace_set(c, PS_PHASE_SITE, "PREFIXES", r->sys.base_prefix,
					 "venv(): include-system-site-packages is true: site.PREFIXES gets "
					 "sys.base_prefix and sys.base_exec_prefix, so the base "
					 "installation's site-packages follow the venv's");
		} else {
			if (ps_strv_insert(&st->prefixes, 0, r->sys.prefix ? r->sys.prefix : "") < 0)
				c->oom = true;
			s = ps_trace_set(c, PS_PHASE_SITE, "PREFIXES", r->sys.prefix,
					 "venv(): include-system-site-packages is true%s: the venv prefix is "
					 "put first in site.PREFIXES, the base prefixes stay (the venv's "
					 "site-packages will be processed a second time)",
					 strcmp(system_site ? system_site : "", "true") ? "" : "");
		}
		set_cause(st, s, cfg_step);
	} else {
		long s1, s2;
		if (!st->ru->site_prefixes_base) {
			ps_strv_clear(&st->prefixes);
			if (ps_strv_push(&st->prefixes, r->sys.prefix ? r->sys.prefix : "") < 0)
				c->oom = true;
		}
		s1 = ps_trace_set(c, PS_PHASE_SITE, "PREFIXES", r->sys.prefix,
				  "venv(): include-system-site-packages = %s in %s (only \"true\" counts): "
				  "site.PREFIXES is only the venv, so the base installation's "
				  "site-packages are not added", system_site ? system_site : "",
				  st->venv_cfg);
		s2 = ps_trace_set(c, PS_PHASE_SITE, "ENABLE_USER_SITE", "False",
				  "the user site is disabled because the interpreter runs in a venv "
				  "with include-system-site-packages = %s (%s)",
				  system_site ? system_site : "", st->venv_cfg);
		set_cause(st, s1, cfg_step);
		set_cause(st, s2, cfg_step);
		st->enable_user_site = 0;
		st->eus_step = s2;
	}
out:
	free(abs);
	free(exe_dir);
	free(site_prefix);
	free(cand[0]);
	free(cand[1]);
	free(data);
	free(home);
	free(system_site);
}

/* ------------------------------------------------------------------ */
/* T3 user site                                                        */
/* ------------------------------------------------------------------ */

static void user_site(struct site *st)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	const char *env_base = ps_ctx_env(c, "PYTHONUSERBASE"); /* os.environ: not gated */
	char *base = NULL, *usite = NULL;
	const char *src;
	long s, bstep;

	if (st->enable_user_site == -1) {
		if (!c->user_site_directory) {
			st->enable_user_site = 0;
			st->eus_step = ps_trace_set(c, PS_PHASE_SITE, "ENABLE_USER_SITE", "False",
				"check_enableusersite(): sys.flags.no_user_site is set (%s), so the user "
				"site is disabled",
				c->isolated ? "-I" : c->in->flags.no_user_site ? "-s"
				: "-s, -I or PYTHONNOUSERSITE");
		} else if (c->in->setuid) {
			st->enable_user_site = -1;
			st->eus_step = ps_trace_set(c, PS_PHASE_SITE, "ENABLE_USER_SITE", "None",
				"check_enableusersite(): the effective uid/gid differs from the real "
				"one, so the user site is disabled for security (None)");
		} else {
			st->enable_user_site = 1;
			st->eus_step = ps_trace_set(c, PS_PHASE_SITE, "ENABLE_USER_SITE", "True",
				"check_enableusersite(): no -s/-I/PYTHONNOUSERSITE and uid == euid: "
				"the user site is enabled");
		}
	}

	if (env_base) {
		base = ps_ctx_strdup(c, env_base);
		src = "PYTHONUSERBASE (read from os.environ, so even -E does not hide it)";
	} else {
		const char *rest = c->plat == PS_PLATFORM_DARWIN && c->in->build.framework
			? NULL : "/.local";
		char *tail = rest ? ps_ctx_strdup(c, rest)
			: ps_ctx_printf(c, "/Library/Python/%d.%d", st->ru->major, st->ru->minor);
		const char *home = ps_env_get(&c->in->env, "HOME");
		if (c->plat == PS_PLATFORM_NT) {
			const char *appdata = ps_ctx_env(c, "APPDATA");
			base = appdata ? ps_ctx_join(c, appdata, "Python") : NULL;
			src = "APPDATA";
		}
		if (base) {
			/* done (nt) */
		} else if (home) {
			size_t hl = strlen(home);
			while (hl > 0 && home[hl - 1] == '/')
				hl--;
			base = ps_ctx_printf(c, "%.*s%s", (int)hl, home, tail ? tail : "");
			src = "HOME";
		} else if (c->in->pw_home) {
			size_t hl = strlen(c->in->pw_home);
			while (hl > 0 && c->in->pw_home[hl - 1] == '/')
				hl--;
			base = ps_ctx_printf(c, "%.*s%s", (int)hl, c->in->pw_home, tail ? tail : "");
			src = "the password database (HOME is not set)";
		} else {
			base = ps_ctx_printf(c, "~%s", tail ? tail : "");
			src = "nothing: HOME is not set and the password database has no entry, so "
			      "expanduser() leaves '~' as it is";
		}
		free(tail);
	}
	if (!base)
		return;
	bstep = ps_trace_set(c, PS_PHASE_SITE, "USER_BASE", base, "USER_BASE is %s, from %s", base, src);
	if (c->plat == PS_PLATFORM_NT && !st->ru->user_site_nt_version) {
		/* 3.10+: sys.winver without its dot ("3.10-32" gives Python310-32) */
		char wv[64];
		size_t k = 0;
		const char *w = c->in->build.winver ? c->in->build.winver : st->mm;
		for (; *w && k + 1 < sizeof wv; w++)
			if (*w != '.')
				wv[k++] = *w;
		wv[k] = '\0';
		usite = ps_ctx_printf(c, "%s\\Python%s\\site-packages", base, wv);
	} else if (c->plat == PS_PLATFORM_NT)
		usite = ps_ctx_printf(c, "%s\\Python%d%d\\site-packages", base, st->ru->major,
				      st->ru->minor);
	else if (c->plat == PS_PLATFORM_DARWIN && c->in->build.framework)
		usite = ps_ctx_printf(c, "%s/lib/python/site-packages", base);
	else
		usite = ps_ctx_printf(c, "%s/lib/python%d.%d%s/site-packages", base, st->ru->major,
				      st->ru->minor,
				      st->ru->user_site_abi_thread && c->in->build.abi_thread
					      ? c->in->build.abi_thread : "");
	if (usite && st->ru->user_site_normpath && !st->virtualenv) {
		/* sysconfig.get_path('purelib', '<os>_user') normalises the result */
		char *n = ps_ctx_check(c, ps_path_normpath(c->plat, usite));
		free(usite);
		usite = n;
	}
	if (!usite) {
		free(base);
		return;
	}
	s = ps_trace_set(c, PS_PHASE_SITE, "USER_SITE", usite,
			 "USER_SITE is USER_BASE/lib/python%d.%d/site-packages (always lib, never "
			 "the platlibdir); computed even when the user site is disabled",
			 st->ru->major, st->ru->minor);
	set_cause(st, s, bstep);
	ps_ctx_set(c, &r->sys.user_base, base);
	ps_ctx_set(c, &r->sys.user_site, usite);
	if (st->enable_user_site == 1) {
		bool ok = ps_fs_isdir(c->fs, usite);
		long p = ps_trace(c, PS_PHASE_SITE, PS_OP_ISDIR, usite, ok ? "true" : "false",
				  "the user site is added only if it is a directory%s",
				  ok ? "" : ": it is not, so nothing is added");
		set_cause(st, p, s);
		if (ok) {
			char *detail = ps_ctx_printf(c, "user site-packages (USER_BASE %s, from %s)",
						     base, env_base ? "PYTHONUSERBASE" : src);
			addsitedir(st, usite, PS_ORIGIN_USER_SITE, detail ? detail : "", p);
			free(detail);
		}
		/* virtualenv's site.py also takes Debian's user dist-packages */
		for (int k = 0; k < 2 && st->virtualenv && !st->failed && !c->oom; k++) {
			char *d = ps_ctx_printf(c, "%s/%s/%s/dist-packages", base,
						k == 0 ? "lib" : "local/lib", st->pyver);
			bool dok = d && ps_fs_isdir(c->fs, d);
			long ds = ps_trace(c, PS_PHASE_SITE, PS_OP_ISDIR, d, dok ? "true" : "false",
					   "virtualenv's site.py: the user's dist-packages%s",
					   dok ? "" : ": not a directory, skipped");
			set_cause(st, ds, s);
			if (dok)
				addsitedir(st, d, PS_ORIGIN_USER_SITE,
					   "user dist-packages (virtualenv's site.py)", ds);
			free(d);
		}
	}
	free(base);
	free(usite);
}

/* ------------------------------------------------------------------ */
/* Debian detection, sitecustomize                                      */
/* ------------------------------------------------------------------ */

static bool detect_debian(struct site *st)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	char *dir = NULL, *file;
	char *data = NULL;
	size_t len = 0;
	bool yes;
	int rc;

	if (c->in->build.debian_site >= 0)
		return c->in->build.debian_site == 1;
	if (r->getpath.stdlib_dir && *r->getpath.stdlib_dir)
		dir = ps_ctx_strdup(c, r->getpath.stdlib_dir);
	else if (r->sys.base_prefix)
		dir = ps_ctx_printf(c, "%s/lib/%s", r->sys.base_prefix, st->pyver);
	if (!dir)
		return false;
	file = ps_ctx_join(c, dir, "site.py");
	free(dir);
	if (!file)
		return false;
	rc = read_whole(st, file, &data, &len);
	yes = rc == 0 && memmem(data, len, "dist-packages", 13) != NULL;
	ps_trace(c, PS_PHASE_SITE, PS_OP_READ, file, rc ? errno_name(rc) : yes ? "dist-packages" : "ok",
		 "%s", rc ? "the installed site.py cannot be read: assuming CPython's own site.py"
		 : yes ? "the installed site.py mentions dist-packages: Debian's patched site.py "
			 "(dist-packages instead of site-packages)"
		       : "the installed site.py is CPython's own (no dist-packages)");
	free(data);
	free(file);
	return yes;
}

/*
 * Where `import NAME` would find a module on sys.path, or NULL; yours.
 * In each entry: a package (NAME/__init__.py) first, then NAME.py, then an
 * extension or NAME.pyc.  One listing per entry tells which of those can
 * exist, so an entry without any costs no further probe (sys.path can
 * hold thousands of entries added by .pth files).  An entry that cannot be
 * listed is still probed for the package and the .py file.
 */
static char *find_module(struct site *st, const char *name)
{
	struct ps_ctx *c = st->c;
	const struct ps_strv *sp = &st->r->sys.path;
	size_t nl = strlen(name);
	for (size_t i = 0; i < sp->n; i++) {
		struct ps_strv names;
		char *found = NULL, *pkg, *py;
		bool listed, maybe_pkg = false, maybe_py = false;
		ps_strv_init(&names);
		listed = c->fs->ops && c->fs->ops->list_dir &&
			 c->fs->ops->list_dir(c->fs->ctx, sp->v[i], &names) == 0;
		for (size_t k = 0; listed && k < names.n; k++) {
			const char *n = names.v[k];
			if (ps_path_equal(c->plat, n, name))
				maybe_pkg = true;
			else if (strlen(n) == nl + 3 && ps_path_equal(c->plat, n + nl, ".py") &&
				 (c->plat == PS_PLATFORM_NT ? strncasecmp(n, name, nl)
							    : strncmp(n, name, nl)) == 0)
				maybe_py = true;
		}
		pkg = listed && !maybe_pkg ? NULL : ps_ctx_join3(c, sp->v[i], name, "__init__.py");
		py = listed && !maybe_py ? NULL : ps_ctx_printf(c, "%s/%s.py", sp->v[i], name);
		if (pkg && ps_fs_isfile(c->fs, pkg))
			found = ps_ctx_strdup(c, pkg);
		else if (py && ps_fs_isfile(c->fs, py))
			found = ps_ctx_strdup(c, py);
		free(pkg);
		free(py);
		for (size_t k = 0; listed && k < names.n && !found; k++) {
			const char *n = names.v[k];
			if (strncmp(n, name, nl) == 0 && n[nl] == '.' &&
			    (str_ends(n, ".so") || strcmp(n + nl, ".pyc") == 0))
				found = ps_ctx_join(c, sp->v[i], n);
		}
		ps_strv_release(&names);
		if (found)
			return found;
	}
	return NULL;
}

static void note_customize(struct site *st, const char *name)
{
	struct ps_ctx *c = st->c;
	char *where = find_module(st, name);
	if (where) {
		ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, where, "present",
			 "%s: site.py imports %s, found as %s; pathscope never runs it, so whatever "
			 "it does to sys.path is not modelled", name, name, where);
		if (ps_strv_pushf(&st->r->notes, "%s present: %s would be imported at start-up "
				  "(not run by pathscope; any change it makes to sys.path is not "
				  "modelled)", name, where) < 0)
			c->oom = true;
	} else {
		ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "absent",
			 "%s: no %s.py, package or extension on sys.path (zip entries not looked "
			 "into): the import fails quietly", name, name);
	}
	free(where);
}

/* ------------------------------------------------------------------ */
/* A legacy virtualenv (<20): its own site.py                          */
/* ------------------------------------------------------------------ */

/*
 * virtualenv's _init_pathinfo(): known_paths made afresh from the
 * sys.path entries that are directories (its addsitedir() does this
 * whenever it is handed None, which is every call after addsitepackages()).
 */
static void known_from_syspath(struct site *st)
{
	struct ps_ctx *c = st->c;
	known_release(&st->known);
	for (size_t i = 0; i < st->r->sys.path.n && !c->oom; i++) {
		const char *e = st->r->sys.path.v[i];
		char *abs;
		if (!ps_fs_isdir(c->fs, e))
			continue;
		abs = ps_ctx_abspath(c, e);
		if (abs)
			known_add(st, abs);
		free(abs);
	}
}

/*
 * The site.py `import site` would find first on getpath's sys.path, when
 * it is virtualenv's (its text names virtual_install_main_packages and
 * orig-prefix.txt; it is read, never run).  Yours, NULL when none.
 */
static char *find_virtualenv_site(struct site *st, long *step)
{
	struct ps_ctx *c = st->c;
	const struct ps_strv *sp = &st->r->sys.path;
	for (size_t i = 0; i < sp->n && !c->oom; i++) {
		char *py = pyjoin(st, sp->v[i], "site.py");
		char *data = NULL;
		size_t len = 0;
		bool is_file = py && ps_fs_isfile(c->fs, py);
		bool ve;
		if (!is_file) {
			free(py);
			continue;
		}
		ve = read_whole(st, py, &data, &len) == 0 &&
		     memmem(data, len, "virtual_install_main_packages", 29) &&
		     memmem(data, len, "orig-prefix.txt", 15);
		*step = ps_trace(c, PS_PHASE_SITE, PS_OP_READ, py, ve ? "virtualenv" : "ok",
				 "%s", ve ? "`import site` finds this site.py first, and it is "
				 "virtualenv's own (legacy virtualenv, before 20): it names "
				 "virtual_install_main_packages and orig-prefix.txt; its rules are "
				 "modelled, the file is never run"
				 : "`import site` finds this site.py first: CPython's rules apply");
		free(data);
		if (ve)
			return py;
		free(py);
		return NULL;
	}
	return NULL;
}

/* virtualenv's addsitepackages(known, sys_prefix, exec_prefix) on POSIX. */
static void virtualenv_sitepackages(struct site *st, const char *sys_prefix,
				    const char *exec_prefix, long cause, const char *what)
{
	struct ps_ctx *c = st->c;
	struct ps_strv prefixes;
	ps_strv_init(&prefixes);
	ps_strv_push_take(&prefixes, pyjoin(st, sys_prefix, "local"));
	ps_strv_push(&prefixes, sys_prefix);
	if (strcmp(exec_prefix, sys_prefix) != 0)
		ps_strv_push_take(&prefixes, pyjoin(st, exec_prefix, "local"));
	for (size_t i = 0; i < prefixes.n && !st->failed && !c->oom; i++) {
		const char *p = prefixes.v[i];
		/* os.path.join(p, ...): no second slash after a prefix ending in one */
		const char *sep = str_ends(p, "/") ? "" : "/";
		struct ps_strv dirs;
		char *lib64;
		if (!*p)
			continue;
		ps_strv_init(&dirs);
		ps_strv_push_take(&dirs, ps_ctx_printf(c, "%s%slib/%s/site-packages", p, sep,
							st->pyver));
		ps_strv_push_take(&dirs, ps_ctx_printf(c, "%s%slib/site-python", p, sep));
		ps_strv_push_take(&dirs, ps_ctx_printf(c, "%s%s%s/lib-dynload", p, sep, st->pyver));
		lib64 = ps_ctx_printf(c, "%s%slib64/%s/site-packages", p, sep, st->pyver);
		if (lib64 && ps_fs_exists(c->fs, lib64)) {
			/* inserted first (64-bit) unless its realpath is one of the others' */
			char *rl = NULL;
			bool same = false;
			ps_fs_realpath_full(c->fs, lib64, &rl);
			for (size_t k = 0; k < dirs.n && rl && !same; k++) {
				char *rk = NULL;
				ps_fs_realpath_full(c->fs, dirs.v[k], &rk);
				same = rk && strcmp(rk, rl) == 0;
				free(rk);
			}
			free(rl);
			if (!same && ps_strv_insert(&dirs, 0, lib64) < 0)
				c->oom = true;
		}
		free(lib64);
		ps_strv_push_take(&dirs, ps_ctx_printf(c, "%s%slocal/lib/%s/dist-packages", p,
							str_ends(p, "/") ? "" : "/", st->pyver));
		ps_strv_push_take(&dirs, ps_ctx_printf(c, "%s%slib/%s/dist-packages", p,
							str_ends(p, "/") ? "" : "/", st->pyver));
		ps_strv_push_take(&dirs, ps_ctx_printf(c, "%s%slib/dist-python", p,
							str_ends(p, "/") ? "" : "/"));
		for (size_t k = 0; k < dirs.n && !st->failed && !c->oom; k++) {
			bool ok;
			long s;
			char *why;
			if (!dirs.v[k])
				continue;
			ok = ps_fs_isdir(c->fs, dirs.v[k]);
			why = ps_ctx_printf(c, "%s of prefix %s (virtualenv's site.py)", what, p);
			s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISDIR, dirs.v[k], ok ? "true" : "false",
				     "%s%s", why ? why : "", ok ? "" : ": not a directory, skipped");
			set_cause(st, s, cause);
			if (ok)
				addsitedir(st, dirs.v[k], PS_ORIGIN_SITE_PACKAGES, why ? why : "", s);
			free(why);
		}
		ps_strv_release(&dirs);
	}
	ps_strv_release(&prefixes);
}

/*
 * main() of virtualenv's site.py (virtualenv 16.x, POSIX): the real
 * stdlib from orig-prefix.txt first, then removeduppaths, the env's own
 * site-packages, the user site (only with global site-packages), and the
 * real prefix's site-packages unless no-global-site-packages.txt exists.
 * sys.prefix stays what getpath found (the env); sys.real_prefix is set.
 */
static void legacy_virtualenv(struct site *st, const char *site_py, long found)
{
	struct ps_ctx *c = st->c;
	struct ps_result *r = st->r;
	char *dir = ps_ctx_dirname(c, site_py);
	char *orig = dir ? pyjoin(st, dir, "orig-prefix.txt") : NULL;
	char *noglobal = dir ? pyjoin(st, dir, "no-global-site-packages.txt") : NULL;
	char *data = NULL, *real = NULL;
	const char *prefix = r->sys.prefix ? r->sys.prefix : "";
	const char *exec_prefix = r->sys.exec_prefix ? r->sys.exec_prefix : "";
	size_t len = 0;
	long s, rs;
	bool global;
	int rc;

	st->virtualenv = true;
	if (!orig || !noglobal)
		goto out;
	rc = read_whole(st, orig, &data, &len);
	rs = ps_trace(c, PS_PHASE_SITE, PS_OP_READ, orig, errno_name(rc),
		      "virtual_install_main_packages(): reads the real installation's prefix");
	set_cause(st, rs, found);
	if (rc != 0) {
		char *exc = ps_ctx_printf(c, "IOError: %s: '%s'", errno_text(rc), orig);
		site_fail(st, exc ? exc : "IOError", "virtualenv's site.py cannot open orig-prefix.txt",
			  "Recreate the virtualenv (its orig-prefix.txt is gone).");
		free(exc);
		goto out;
	}
	real = strip_copy(st, data, len);
	if (!real)
		goto out;
	s = ps_trace_set(c, PS_PHASE_SITE, "sys.real_prefix", real,
			 "virtualenv's site.py sets sys.real_prefix to the stripped text of %s", orig);
	set_cause(st, s, rs);
	if (ps_strv_pushf(&r->notes, "virtualenv (legacy, <20): %s is virtualenv's own site.py "
			  "(modelled, never run); sys.real_prefix = %s", site_py, real) < 0)
		c->oom = true;

	/* the real stdlib: lib/pythonX.Y, lib64 first when it exists, plat-ARCH, lib-tk */
	{
		struct ps_strv paths;
		char *lib64 = ps_ctx_printf(c, "%s/lib64/%s", real, st->pyver);
		char *plat;
		size_t n0;
		ps_strv_init(&paths);
		ps_strv_push_take(&paths, ps_ctx_printf(c, "%s/lib/%s", real, st->pyver));
		if (lib64 && ps_fs_exists(c->fs, lib64) && ps_strv_insert(&paths, 0, lib64) < 0)
			c->oom = true;
		free(lib64);
		/* sys._multiarch does not exist in CPython's own 2.7: plat-linux2 */
		plat = ps_ctx_printf(c, "%s/lib/%s/plat-linux2", real, st->pyver);
		if (plat && ps_fs_exists(c->fs, plat))
			ps_strv_push(&paths, plat);
		free(plat);
		n0 = paths.n;
		for (size_t i = 0; i < n0; i++) {
			char *tk = pyjoin(st, paths.v[i], "lib-tk");
			if (tk && ps_fs_exists(c->fs, tk))
				ps_strv_push(&paths, tk);
			free(tk);
		}
		for (size_t i = 0; i < paths.n && !c->oom; i++) {
			long a = ps_trace_set(c, PS_PHASE_SITE, "sys.path", paths.v[i],
					      "virtual_install_main_packages(): virtualenv's site.py "
					      "appends the real installation's %s", i == 0 ? "standard library"
					      : "library directory");
			set_cause(st, a, s);
			if (ps_strv_push(&r->sys.path, paths.v[i]) < 0)
				c->oom = true;
			ps_entries_push(c, &r->entries, &r->nentries, paths.v[i],
					i == 0 ? PS_ORIGIN_STDLIB : PS_ORIGIN_PLATSTDLIB, a,
					"the real installation's library (%s), added by virtualenv's own "
					"site.py from orig-prefix.txt", real);
		}
		ps_strv_release(&paths);
	}
	removeduppaths(st);

	global = !ps_fs_exists(c->fs, noglobal);
	s = ps_trace(c, PS_PHASE_SITE, PS_OP_ISFILE, noglobal, global ? "false" : "true",
		     "virtualenv's site.py: %s", global ? "no no-global-site-packages.txt: the "
		     "real installation's site-packages and the user site are used"
		     : "no-global-site-packages.txt exists: no global site-packages, and "
		       "ENABLE_USER_SITE = False");
	set_cause(st, s, found);
	if (!global) {
		st->enable_user_site = 0;
		st->eus_step = ps_trace_set(c, PS_PHASE_SITE, "ENABLE_USER_SITE", "False",
					    "virtualenv's site.py disables the user site "
					    "(no-global-site-packages.txt)");
		set_cause(st, st->eus_step, s);
	}
	virtualenv_sitepackages(st, prefix, exec_prefix, s, "site-packages of the env");
	if (st->failed)
		goto out;

	/* from here on its addsitedir() gets None: known_paths afresh every time */
	st->fresh_known = true;
	user_site(st);
	if (st->failed)
		goto out;
	if (global)
		virtualenv_sitepackages(st, real, exec_prefix, s,
					"global site-packages (sys.real_prefix)");
out:
	free(dir);
	free(orig);
	free(noglobal);
	free(data);
	free(real);
}

/* ------------------------------------------------------------------ */
/* main()                                                              */
/* ------------------------------------------------------------------ */

/*
 * Whether this interpreter skips .pth files named with a leading '.' or
 * carrying the hidden flag (gh-113659): every 3.13+, and 3.8-3.12 from
 * the security release that got the backport on.  An unknown micro is
 * taken as the newest release, and the notes say so.
 */
static void hidden_rule(struct site *st)
{
	const struct ps_rules *ru = st->ru;
	int micro = st->c->in->build.micro;
	if (!ru->pth_skip_hidden_dot)
		return;
	if (ru->pth_skip_hidden_micro <= 0) {
		st->skip_hidden = true;
		st->hidden_rule = ps_ctx_printf(st->c, "%d.%d skips", ru->major, ru->minor);
	} else if (micro < 0) {
		st->skip_hidden = true;
		st->hidden_rule = ps_ctx_printf(st->c,
			"the newest %d.%d skips (gh-113659, from %d.%d.%d on; the micro version is "
			"unknown, so the newest release is assumed: %d.%d.0-%d.%d.%d process them)",
			ru->major, ru->minor, ru->major, ru->minor, ru->pth_skip_hidden_micro,
			ru->major, ru->minor, ru->major, ru->minor, ru->pth_skip_hidden_micro - 1);
	} else if (micro >= ru->pth_skip_hidden_micro) {
		st->skip_hidden = true;
		st->hidden_rule = ps_ctx_printf(st->c, "%d.%d.%d skips (gh-113659, from %d.%d.%d on)",
						ru->major, ru->minor, micro, ru->major, ru->minor,
						ru->pth_skip_hidden_micro);
	} else {
		st->hidden_rule = ps_ctx_printf(st->c,
			"%d.%d.%d still processes it (gh-113659 skips such .pth files from %d.%d.%d on)",
			ru->major, ru->minor, micro, ru->major, ru->minor, ru->pth_skip_hidden_micro);
	}
}

int ps_site_run(struct ps_ctx *c)
{
	struct site st;
	struct ps_result *r = c->r;
	bool assumed = false;
	long prefix_step = -1;

	memset(&st, 0, sizeof st);
	st.c = c;
	st.r = r;
	st.ru = c->rules;
	st.enable_user_site = -1;
	st.eus_step = -1;
	st.venv_step = -1;
	ps_strv_init(&st.prefixes);
	ps_strv_init(&st.listed);
	snprintf(st.mm, sizeof st.mm, "%d.%d", st.ru->major, st.ru->minor);
	snprintf(st.pyver, sizeof st.pyver, "python%d.%d%s", st.ru->major, st.ru->minor,
		 st.ru->abi_thread && c->in->build.abi_thread ? c->in->build.abi_thread : "");
	st.utf8_locale = locale_utf8(c, &assumed, &st.ascii_locale);
	r->sys.site_ran = true;
	hidden_rule(&st);

	/* PREFIXES is computed when site is imported, before venv() runs */
	if (ps_strv_push(&st.prefixes, r->sys.prefix ? r->sys.prefix : "") < 0 ||
	    ps_strv_push(&st.prefixes, r->sys.exec_prefix ? r->sys.exec_prefix : "") < 0)
		c->oom = true;
	ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "import site",
		 "site.py runs (no -S)%s: site.PREFIXES starts as [sys.prefix, sys.exec_prefix]",
		 c->pth_file_used ? " because the ._pth file has `import site`" : "");
	if (st.ru->pth_bytes)
		ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "bytes",
			 "%d.%d reads .pth files as bytes: nothing is decoded, a UTF-8 byte order "
			 "mark stays part of the first line", st.ru->major, st.ru->minor);
	else if (st.ascii_locale)
		ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "locale",
			 "the locale is C/POSIX (LC_ALL, LC_CTYPE and LANG unset or C): %d.%d does not "
			 "coerce it to UTF-8, so .pth files are decoded as ASCII",
			 st.ru->major, st.ru->minor);
	else if (!st.utf8_locale)
		ps_trace(c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "locale",
			 "the locale is not UTF-8: .pth files that are not UTF-8 are decoded with it "
			 "(assumed to be a single-byte encoding)");
	st.debian = c->plat != PS_PLATFORM_NT && detect_debian(&st);

	if (st.ru->site_legacy_virtualenv) {
		long found = -1;
		char *vs = find_virtualenv_site(&st, &found);
		if (vs) {
			legacy_virtualenv(&st, vs, found);
			free(vs);
			goto customize;
		}
	}
	removeduppaths(&st);
	if (st.ru->site_venv && !st.failed)
		venv(&st, &prefix_step);
	if (!st.failed)
		user_site(&st);
	if (!st.failed) {
		long s = ps_trace_set(c, PS_PHASE_SITE, "PREFIXES",
				      st.prefixes.n ? st.prefixes.v[0] : "",
				      "addsitepackages(): the global site-packages of each prefix in "
				      "site.PREFIXES (%zu entr%s, duplicates skipped)", st.prefixes.n,
				      st.prefixes.n == 1 ? "y" : "ies");
		set_cause(&st, s, prefix_step);
		addsitepackages(&st, &st.prefixes, false, s);
	}
customize:
	r->sys.enable_user_site = st.enable_user_site;
	if (!st.failed) {
		note_customize(&st, "sitecustomize");
		if (st.enable_user_site == 1)
			note_customize(&st, "usercustomize");
	}
	if (st.failed)
		r->has_sys = false;

	free(st.venv_cfg);
	free(st.path_changer);
	free(st.hidden_rule);
	known_release(&st.known);
	ps_strv_release(&st.prefixes);
	ps_strv_release(&st.listed);
	return c->oom ? -1 : 0;
}
