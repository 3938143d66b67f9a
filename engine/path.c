/*
 * path.c - pure path-string helpers with CPython's getpath semantics.
 *
 * The 3.11+ getpath.py calls a handful of C helpers (Modules/getpath.c:
 * dirname, basename, isabs, joinpath, abspath, and Python/fileutils.c:
 * _Py_normpath, join_relfile).  Their quirks are visible in sys.path, so
 * they are reproduced here rather than POSIX- or os.path-correct ones:
 *
 *   - dirname() splits at the last SEP only and gives "" for "/x";
 *   - joinpath() adds no separator after a one-character prefix (so
 *     joinpath(".", "lib") is ".lib" and joinpath("x", "lib") "xlib");
 *   - normpath keeps exactly two leading slashes ("//a") but collapses
 *     three or more, keeps a relative path's leading "..", drops ".." at
 *     the root, and turns "" and "./" into "";
 *   - abspath() only prefixes the cwd, it does not normalise the result.
 *
 * NT flavour: SEP is '\\', '/' is accepted wherever CPython's ALTSEP is
 * (normpath, isabs), drive letters and \\server\share roots are kept.
 * Every returned char * is yours (NULL only when out of memory).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

const char *ps_platform_name(enum ps_platform p)
{
	switch (p) {
	case PS_PLATFORM_POSIX: return "posix";
	case PS_PLATFORM_DARWIN: return "darwin";
	case PS_PLATFORM_NT: return "nt";
	}
	return "?";
}

int ps_platform_parse(const char *name, enum ps_platform *out)
{
	static const struct { const char *name; enum ps_platform p; } names[] = {
		{ "posix", PS_PLATFORM_POSIX }, { "linux", PS_PLATFORM_POSIX },
		{ "darwin", PS_PLATFORM_DARWIN }, { "macos", PS_PLATFORM_DARWIN },
		{ "nt", PS_PLATFORM_NT }, { "windows", PS_PLATFORM_NT }, { "win32", PS_PLATFORM_NT },
	};
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			if (out)
				*out = names[i].p;
			return 0;
		}
	}
	return -1;
}

char ps_path_sep(enum ps_platform p)
{
	return p == PS_PLATFORM_NT ? '\\' : '/';
}

char ps_path_delim(enum ps_platform p)
{
	return p == PS_PLATFORM_NT ? ';' : ':';
}

/* A separator of the flavour: NT also accepts '/' (CPython's ALTSEP). */
static bool is_sep(enum ps_platform p, char c)
{
	return c == '/' || (p == PS_PLATFORM_NT && c == '\\');
}

/* "X:" with an ASCII letter: a drive specification. */
static bool has_drive(const char *s)
{
	return isalpha((unsigned char)s[0]) && s[1] == ':';
}

bool ps_path_isabs(enum ps_platform p, const char *path)
{
	if (!path)
		return false;
	if (p != PS_PLATFORM_NT)
		return path[0] == '/';
	/*
	 * _Py_isabs on Windows (PathCchSkipRoot): "C:\x" and "\\server\share"
	 * are absolute; "\x" (root of the current drive) and "C:x"
	 * (drive-relative) are not.
	 */
	if (has_drive(path))
		return is_sep(p, path[2]);
	return is_sep(p, path[0]) && is_sep(p, path[1]) && path[2] && !is_sep(p, path[2]);
}

/* Position of the last getpath separator (SEP only, as PyUnicode_FindChar(SEP)), or NULL. */
static const char *last_sep(enum ps_platform p, const char *path)
{
	return strrchr(path, ps_path_sep(p));
}

char *ps_path_dirname(enum ps_platform p, const char *path)
{
	const char *s = last_sep(p, path);

	return s ? strndup(path, (size_t)(s - path)) : strdup("");
}

char *ps_path_basename(enum ps_platform p, const char *path)
{
	const char *s = last_sep(p, path);

	return strdup(s ? s + 1 : path);
}

/* ---- normpath --------------------------------------------------------- */

struct seg {
	const char *s;
	size_t n;
};

static bool seg_is(const struct seg *g, const char *lit)
{
	return g->n == strlen(lit) && memcmp(g->s, lit, g->n) == 0;
}

/*
 * _Py_normpath, segment by segment.  The C version rewrites the buffer in
 * place; what it computes is: a root (kept verbatim, separators turned
 * into SEP), then the remaining segments with "" and "." dropped and ".."
 * cancelling the previous segment, except that
 *   - at an absolute root ".." is dropped,
 *   - in a relative path ".." after nothing or after ".." is kept,
 *   - the first segment of a relative path that does not start with "./"
 *     is copied literally (so "." stays "."; on NT "C:." stays "C:.").
 */
char *ps_path_normpath(enum ps_platform p, const char *path)
{
	const bool nt = p == PS_PLATFORM_NT;
	const char sep = ps_path_sep(p);
	const char *s = path;
	struct seg *stack = NULL;
	size_t nstack = 0, i, len;
	bool absolute = false, literal_first = false;
	struct ps_buf out;
	char *res;

	if (!path)
		return NULL;
	ps_buf_init(&out);
	if (!*s)
		return ps_buf_detach(&out);

	if (s[0] == '.' && is_sep(p, s[1])) {
		/* "./" prefix: dropped with the separators after it. */
		s += 2;
		while (is_sep(p, *s))
			s++;
	} else if (nt && s[0] && s[1] == ':') {
		/* A drive (any character before ':', as CPython checks). */
		ps_buf_add(&out, s, 2);
		s += 2;
		if (is_sep(p, *s)) {
			ps_buf_addc(&out, sep);
			absolute = true;
			while (is_sep(p, *s))
				s++;
		} else {
			literal_first = true;
		}
	} else if (nt && is_sep(p, s[0]) && is_sep(p, s[1])) {
		/* \\server\share\ (or \\?\, \\.\): copied through two more separators. */
		int nsep = 2;

		ps_buf_addc(&out, sep);
		ps_buf_addc(&out, sep);
		s += 2;
		for (; *s && nsep; s++) {
			if (is_sep(p, *s)) {
				nsep--;
				ps_buf_addc(&out, sep);
			} else {
				ps_buf_addc(&out, *s);
			}
		}
		if (nsep) {
			/* Incomplete UNC root: nothing follows it, keep it as is. */
			return ps_buf_detach(&out);
		}
		absolute = true;
		while (is_sep(p, *s))
			s++;
	} else if (!nt && s[0] == '/' && s[1] == '/' && s[2] != '/') {
		/* POSIX leaves exactly two leading slashes alone. */
		ps_buf_adds(&out, "//");
		s += 2;
		absolute = true;
	} else if (is_sep(p, s[0])) {
		ps_buf_addc(&out, sep);
		absolute = true;
		while (is_sep(p, *s))
			s++;
	} else {
		literal_first = true;
	}

	len = strlen(s);
	stack = malloc((len / 2 + 2) * sizeof(*stack));
	if (!stack) {
		ps_buf_release(&out);
		return NULL;
	}
	while (*s) {
		struct seg g;

		g.s = s;
		while (*s && !is_sep(p, *s))
			s++;
		g.n = (size_t)(s - g.s);
		while (is_sep(p, *s))
			s++;
		if (literal_first) {
			literal_first = false;
			stack[nstack++] = g;
			continue;
		}
		if (g.n == 0 || seg_is(&g, "."))
			continue;
		if (seg_is(&g, "..")) {
			if (nstack && !seg_is(&stack[nstack - 1], ".."))
				nstack--;
			else if (!absolute)
				stack[nstack++] = g;
			continue;
		}
		stack[nstack++] = g;
	}
	for (i = 0; i < nstack; i++) {
		if (i)
			ps_buf_addc(&out, sep);
		ps_buf_add(&out, stack[i].s, stack[i].n);
	}
	free(stack);
	res = ps_buf_detach(&out);
	return res;
}

/* ---- joinpath --------------------------------------------------------- */

/* Length of the "X:" drive prefix of an NT path, 0 if none. */
static size_t nt_drive_len(const char *s)
{
	return (s[0] && s[1] == ':') ? 2 : 0;
}

char *ps_path_joinv(enum ps_platform p, size_t n, const char *const *parts)
{
	const char sep = ps_path_sep(p);
	struct ps_buf b;
	size_t i, first = 0;
	char *joined, *res;

	/* The last absolute part discards everything before it. */
	for (i = 0; i < n; i++)
		if (parts[i] && ps_path_isabs(p, parts[i]))
			first = i;
	ps_buf_init(&b);
	for (i = first; i < n; i++) {
		const char *part = parts[i];

		if (!part)
			continue;
		if (b.len == 0) {
			ps_buf_adds(&b, part);
		} else if (p == PS_PLATFORM_NT) {
			/*
			 * PathCchCombineEx: a root-relative part ("\x") goes to the
			 * drive of what we have; otherwise one separator between.
			 */
			if (is_sep(p, part[0])) {
				size_t d = nt_drive_len(b.s);

				b.len = d;
				b.s[d] = '\0';
			} else if (!is_sep(p, b.s[b.len - 1])) {
				ps_buf_addc(&b, sep);
			}
			ps_buf_adds(&b, part);
		} else {
			/*
			 * join_relfile() adds SEP only when the prefix is longer than
			 * one character: joinpath(".", "lib") is ".lib" (spec §1.7).
			 */
			if (b.len > 1 && b.s[b.len - 1] != sep)
				ps_buf_addc(&b, sep);
			ps_buf_adds(&b, part);
		}
	}
	if (b.oom) {
		ps_buf_release(&b);
		return NULL;
	}
	joined = ps_buf_detach(&b);
	if (!joined)
		return NULL;
	res = ps_path_normpath(p, joined);
	free(joined);
	return res;
}

char *ps_path_join2(enum ps_platform p, const char *a, const char *b)
{
	const char *parts[2] = { a, b };

	return ps_path_joinv(p, 2, parts);
}

char *ps_path_join3(enum ps_platform p, const char *a, const char *b, const char *c)
{
	const char *parts[3] = { a, b, c };

	return ps_path_joinv(p, 3, parts);
}

/* ---- abspath ---------------------------------------------------------- */

/* cwd + sep + path (one separator), not normalised; cwd may be NULL. */
static char *raw_join(enum ps_platform p, const char *cwd, const char *path)
{
	struct ps_buf b;

	ps_buf_init(&b);
	if (cwd && *cwd) {
		ps_buf_adds(&b, cwd);
		if (!is_sep(p, cwd[strlen(cwd) - 1]))
			ps_buf_addc(&b, ps_path_sep(p));
	}
	ps_buf_adds(&b, path);
	return ps_buf_detach(&b);
}

/* NT absolute path of `path` against `cwd` (GetFullPathNameW), not yet normalised. */
static char *nt_absolute(const char *cwd, const char *path)
{
	const enum ps_platform p = PS_PLATFORM_NT;
	struct ps_buf b;

	if (ps_path_isabs(p, path))
		return strdup(path);
	ps_buf_init(&b);
	if (is_sep(p, path[0]) && !is_sep(p, path[1])) {
		/* "\x": the root of the cwd's drive. */
		if (cwd)
			ps_buf_add(&b, cwd, nt_drive_len(cwd));
		ps_buf_adds(&b, path);
		return ps_buf_detach(&b);
	}
	if (path[0] && path[1] == ':') {
		/* "C:x": relative to the cwd when it is on that drive, else to C:\. */
		if (cwd && nt_drive_len(cwd) && tolower((unsigned char)cwd[0]) ==
		    tolower((unsigned char)path[0])) {
			ps_buf_release(&b);
			return raw_join(p, cwd, path + 2);
		}
		ps_buf_add(&b, path, 2);
		ps_buf_addc(&b, '\\');
		ps_buf_adds(&b, path + 2);
		return ps_buf_detach(&b);
	}
	ps_buf_release(&b);
	return raw_join(p, cwd, path);
}

char *ps_path_abspath(enum ps_platform p, const char *cwd, const char *path)
{
	char *joined, *res;

	if (!path)
		return NULL;
	if (p == PS_PLATFORM_NT)
		joined = nt_absolute(cwd, path);
	else
		joined = ps_path_isabs(p, path) ? strdup(path) : raw_join(p, cwd, path);
	if (!joined)
		return NULL;
	res = ps_path_normpath(p, joined);
	free(joined);
	return res;
}

/* a + b + c, freshly allocated. */
static char *concat3(const char *a, const char *b, const char *c)
{
	struct ps_buf buf;

	ps_buf_init(&buf);
	ps_buf_adds(&buf, a);
	ps_buf_adds(&buf, b);
	ps_buf_adds(&buf, c);
	return ps_buf_detach(&buf);
}

char *ps_path_getpath_abspath(enum ps_platform p, const char *cwd, const char *path)
{
	char *norm, *res;

	if (!path)
		return NULL;
	norm = ps_path_normpath(p, path);
	if (!norm)
		return NULL;
	/* _Py_abspath: "" and "." are the cwd itself, verbatim. */
	if (!norm[0] || strcmp(norm, ".") == 0)
		res = strdup(cwd ? cwd : "");
	else if (ps_path_isabs(p, norm))
		return norm;
	else if (p == PS_PLATFORM_NT)
		res = ps_path_abspath(p, cwd, norm);  /* GetFullPathNameW normalises */
	else
		res = concat3(cwd ? cwd : "", "/", norm); /* POSIX: cwd + SEP + path, even for cwd "/" */
	free(norm);
	return res;
}

char *ps_path_concat(enum ps_platform p, const char *a, const char *b)
{
	const char sep = ps_path_sep(p);
	struct ps_buf buf;

	/*
	 * joinpath()/joinpath2() of the <=3.10 C getpath: an absolute b
	 * replaces a; otherwise one SEP is added unless a is empty or already
	 * ends with SEP.  Nothing is normalised.
	 */
	if (!b)
		return a ? strdup(a) : NULL;
	if (!a || ps_path_isabs(p, b))
		return strdup(b);
	ps_buf_init(&buf);
	ps_buf_adds(&buf, a);
	if (buf.len && buf.s[buf.len - 1] != sep)
		ps_buf_addc(&buf, sep);
	ps_buf_adds(&buf, b);
	return ps_buf_detach(&buf);
}

bool ps_path_equal(enum ps_platform p, const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	if (p == PS_PLATFORM_NT)
		return strcasecmp(a, b) == 0;
	return strcmp(a, b) == 0;
}
