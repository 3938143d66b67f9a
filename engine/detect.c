/*
 * detect.c - works out which interpreter a command names and what was
 * compiled into it, by reading files only: never by running anything.
 *
 * Steps (ps_detect_build):
 *   1. find argv0 as CPython would (a name with a '/' is taken as is,
 *      else the first executable regular file on the modelled PATH);
 *   2. if that file is a script ("#!"), it is a launcher: a pyenv shim is
 *      followed the way pyenv-exec does it (version from PYENV_VERSION,
 *      .python-version files from the cwd upward, $PYENV_ROOT/version;
 *      PATH gets the version's bin/ prepended and the program is run by
 *      its full path); an asdf shim likewise from ASDF_PYTHON_VERSION and
 *      .tool-versions; a conda or other shell wrapper cannot be followed
 *      without running it, so we fail and ask for --python;
 *   3. the real binary: version from its file name, or from the libpython
 *      it links (ELF DT_NEEDED, read from the bytes), found through its
 *      RPATH/RUNPATH; the compiled-in PREFIX, EXEC_PREFIX, PLATLIBDIR,
 *      VPATH and ABI flags from the stdlib's _sysconfigdata*.py (scanned as
 *      text) or config-X.Y-ARCH/Makefile, looked for next to the libpython
 *      the binary links (where a shared build's PREFIX is compiled in), then
 *      under the binary's bin/.. and the usual prefixes (stdlib_candidates);
 *      when none is found, PREFIX is left unset and a "guess:" note says so; the micro version from include/pythonX.Y/patchlevel.h;
 *      Debian's patched site.py (it mentions dist-packages).
 * Every value found is recorded as a ps_detect_note with its source.
 *
 * Everything goes through struct ps_fs, so the same code runs over a
 * virtual tree in the unit tests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* Binaries bigger than this are not read (the largest real ones are ~30 MB). */
#define MAX_BINARY (256u * 1024 * 1024)
#define MAX_TEXT (8u * 1024 * 1024)

struct dctx {
	struct ps_inputs *in;
	const struct ps_fs *fs;
	struct ps_detect *d;
	struct ps_error *err;
	bool oom;
};

void ps_detect_init(struct ps_detect *d)
{
	memset(d, 0, sizeof(*d));
	ps_strv_init(&d->env_add);
}

void ps_detect_release(struct ps_detect *d)
{
	size_t i;

	free(d->interpreter);
	free(d->launcher_kind);
	free(d->launcher_target);
	free(d->argv0);
	ps_strv_release(&d->env_add);
	for (i = 0; i < d->nnotes; i++) {
		free(d->notes[i].what);
		free(d->notes[i].value);
		free(d->notes[i].source);
	}
	free(d->notes);
	ps_detect_init(d);
}

static void *chk(struct dctx *c, void *p)
{
	if (!p)
		c->oom = true;
	return p;
}

static char *dstrdup(struct dctx *c, const char *s)
{
	return s ? chk(c, strdup(s)) : NULL;
}

static char *dprintf_(struct dctx *c, const char *fmt, ...) PS_PRINTF(2, 3);
static char *dprintf_(struct dctx *c, const char *fmt, ...)
{
	struct ps_buf b;
	va_list ap;
	char *s;

	ps_buf_init(&b);
	va_start(ap, fmt);
	ps_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s = ps_buf_detach(&b);
	return chk(c, s);
}

/* Records where a value came from (copies everything). */
static void note(struct dctx *c, const char *what, const char *value, const char *source)
{
	struct ps_detect_note *n;
	struct ps_detect *d = c->d;

	n = realloc(d->notes, (d->nnotes + 1) * sizeof(*d->notes));
	if (!chk(c, n))
		return;
	d->notes = n;
	n = &d->notes[d->nnotes];
	n->what = dstrdup(c, what);
	n->value = dstrdup(c, value ? value : "");
	n->source = dstrdup(c, source);
	d->nnotes++;
}

/* Replaces *field with a copy of value. */
static void dset(struct dctx *c, char **field, const char *value)
{
	char *v = dstrdup(c, value);

	if (value && !v)
		return;
	free(*field);
	*field = v;
}

/* Reads a whole file (up to max bytes). Returns 0 or an errno value; *data yours. */
static int read_whole(const struct ps_fs *fs, const char *path, size_t max, char **data, size_t *len)
{
	struct ps_stat st;
	int e;

	*data = NULL;
	*len = 0;
	e = fs->ops->stat(fs->ctx, path, &st);
	if (e)
		return e;
	if (st.type != PS_FT_FILE)
		return EISDIR;
	if (st.size > max)
		return EFBIG;
	return fs->ops->read_file(fs->ctx, path, (size_t)st.size + 1, data, len);
}

/* ------------------------------------------------------------------ */
/* Small text helpers                                                  */
/* ------------------------------------------------------------------ */

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/*
 * Parses "pythonX.Y" followed by ABI letters (the interpreter's file name)
 * or "libpythonX.Y<abi>.so..." (when lib is true).  Returns true and sets
 * the version and whether 't' (free-threaded) is among the letters.
 */
static bool parse_versioned_name(const char *name, bool lib, int *major, int *minor, bool *thread)
{
	const char *p = name;
	char *end;
	long a, b;

	if (lib) {
		if (strncmp(p, "lib", 3))
			return false;
		p += 3;
	}
	if (strncmp(p, "python", 6))
		return false;
	p += 6;
	if (*p < '0' || *p > '9')
		return false;
	a = strtol(p, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return false;
	b = strtol(end + 1, &end, 10);
	*thread = false;
	while (*end && strchr("dmtu", *end)) {
		if (*end == 't')
			*thread = true;
		end++;
	}
	if (lib ? strncmp(end, ".so", 3) != 0 : *end != '\0')
		return false;
	if (a < 2 || a > 9 || b < 0 || b > 99)
		return false;
	*major = (int)a;
	*minor = (int)b;
	return true;
}

/*
 * Value of 'key' in a Python dict literal as _sysconfigdata writes it:
 * adjacent string literals (possibly over several lines) are joined; a
 * bare value (int, None) is returned as written.  Yours, NULL if absent.
 */
static char *pydict_get(struct dctx *c, const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;

	while ((p = strchr(p, '\'')) != NULL) {
		const char *q = p + 1;

		if (strncmp(q, key, klen) != 0 || q[klen] != '\'' || q[klen + 1] != ':' ||
		    (p != text && !strchr("{ \t\n,", p[-1]))) {
			p++;
			continue;
		}
		q += klen + 2;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '\'' && *q != '"') {
			size_t n = strcspn(q, ",}\n");

			while (n && (q[n - 1] == ' ' || q[n - 1] == '\t'))
				n--;
			/* sysconfig writes None for a value the build did not set */
			if (n == 4 && strncmp(q, "None", 4) == 0)
				return NULL;
			return chk(c, strndup(q, n));
		}
		struct ps_buf b;
		ps_buf_init(&b);
		while (*q == '\'' || *q == '"') {
			char quote = *q++;

			while (*q && *q != quote && *q != '\n') {
				if (*q == '\\' && q[1]) {
					q++;
					switch (*q) {
					case 'n': ps_buf_addc(&b, '\n'); break;
					case 't': ps_buf_addc(&b, '\t'); break;
					default: ps_buf_addc(&b, *q); break;
					}
					q++;
					continue;
				}
				ps_buf_addc(&b, *q++);
			}
			if (*q == quote)
				q++;
			while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
				q++;
		}
		return chk(c, ps_buf_detach(&b));
	}
	return NULL;
}

/* Raw right-hand side of "NAME=value" in a Makefile (trimmed). Yours, NULL if absent. */
static char *make_raw(struct dctx *c, const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		const char *eol = strchr(p, '\n'), *q = p;

		if (!strncmp(q, name, n)) {
			q += n;
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				const char *end = eol ? eol : q + strlen(q);

				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				while (end > q && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
					end--;
				return chk(c, strndup(q, (size_t)(end - q)));
			}
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

/* A Makefile variable with $(X) / ${X} references to the same file expanded. Yours or NULL. */
/*
 * Expanding $(X) references recursively is exponential on a hostile
 * Makefile (a=$(b)$(b)$(b), b=$(c)$(c)$(c) ...: found by fuzz_detect), so
 * the whole expansion of one variable has a budget of lookups and of
 * output bytes; past it the value is not trusted (NULL) rather than
 * truncated.  Real config Makefiles need a handful of lookups.
 */
#define MAKE_EXPAND_LOOKUPS 256
#define MAKE_EXPAND_BYTES 8192

static char *make_expand(struct dctx *c, const char *text, const char *name, int depth,
			 int *budget)
{
	char *raw, *p;
	struct ps_buf b;

	if (--*budget < 0)
		return NULL;
	raw = make_raw(c, text, name);
	if (!raw || depth > 8 || !strchr(raw, '$'))
		return raw;
	ps_buf_init(&b);
	for (p = raw; *p && *budget >= 0; p++) {
		char close = p[1] == '(' ? ')' : p[1] == '{' ? '}' : 0;
		char *end;

		if (*p == '$' && close && (end = strchr(p + 2, close)) != NULL) {
			char *sub = chk(c, strndup(p + 2, (size_t)(end - p - 2)));
			char *val = sub ? make_expand(c, text, sub, depth + 1, budget) : NULL;

			ps_buf_adds(&b, val ? val : "");
			free(sub);
			free(val);
			p = end;
		} else {
			ps_buf_addc(&b, *p);
		}
		if (b.len > MAKE_EXPAND_BYTES)
			*budget = -1;
	}
	free(raw);
	if (*budget < 0) {
		ps_buf_release(&b);
		return NULL;
	}
	return chk(c, ps_buf_detach(&b));
}

/* The value of Makefile variable name with its $(X) references expanded; yours, or NULL. */
static char *make_get(struct dctx *c, const char *text, const char *name)
{
	int budget = MAKE_EXPAND_LOOKUPS;
	return make_expand(c, text, name, 0, &budget);
}

/* ------------------------------------------------------------------ */
/* ELF: DT_NEEDED, DT_RPATH, DT_RUNPATH                                 */
/* ------------------------------------------------------------------ */

struct elf {
	const unsigned char *b;
	size_t n;
	bool is64, be;
};

static uint64_t elf_u(const struct elf *e, size_t off, size_t size, bool *ok)
{
	uint64_t v = 0;
	size_t i;

	if (off > e->n || size > e->n - off) {
		*ok = false;
		return 0;
	}
	for (i = 0; i < size; i++) {
		unsigned byte = e->b[off + (e->be ? i : size - 1 - i)];

		v = (v << 8) | byte;
	}
	return v;
}

/* File offset of virtual address va through the PT_LOAD segments; (uint64_t)-1 if none. */
static uint64_t elf_va_to_off(const struct elf *e, uint64_t phoff, unsigned phnum, unsigned phentsz,
			      uint64_t va, bool *ok)
{
	unsigned i;

	for (i = 0; i < phnum && *ok; i++) {
		size_t ph = (size_t)phoff + (size_t)i * phentsz;
		uint32_t type = (uint32_t)elf_u(e, ph, 4, ok);
		uint64_t off, vaddr, filesz;

		if (type != 1) /* PT_LOAD */
			continue;
		if (e->is64) {
			off = elf_u(e, ph + 8, 8, ok);
			vaddr = elf_u(e, ph + 16, 8, ok);
			filesz = elf_u(e, ph + 32, 8, ok);
		} else {
			off = elf_u(e, ph + 4, 4, ok);
			vaddr = elf_u(e, ph + 8, 4, ok);
			filesz = elf_u(e, ph + 16, 4, ok);
		}
		if (va >= vaddr && va - vaddr < filesz)
			return off + (va - vaddr);
	}
	return (uint64_t)-1;
}

/* The NUL-terminated string at offset o of the string table, or NULL when it runs off the table. Borrowed. */
static const char *str_at(const unsigned char *b, uint64_t stroff, uint64_t strsz, uint64_t o)
{
	if (o >= strsz || !memchr(b + stroff + o, '\0', (size_t)(strsz - o)))
		return NULL;
	return (const char *)(b + stroff + o);
}

/*
 * Reads the dynamic section of an ELF image: libraries needed, RPATH and
 * RUNPATH (NULL when absent; yours).  Returns 0, or -1 when the bytes are
 * not a well-formed dynamically linked ELF file (not an error for the
 * caller: a static binary has no libpython).
 */
static int elf_dynamic(struct dctx *c, const unsigned char *b, size_t n, struct ps_strv *needed,
		       char **rpath, char **runpath)
{
	struct elf e = { b, n, false, false };
	uint64_t phoff, dynoff = 0, dynsz = 0, strtab_va = 0, strsz = 0, stroff;
	unsigned phnum, phentsz, i;
	size_t entsz;
	bool ok = true, have_dyn = false, have_strtab = false;
	uint64_t needed_off[64], rpath_off = (uint64_t)-1, runpath_off = (uint64_t)-1;
	unsigned nneeded = 0;

	*rpath = *runpath = NULL;
	if (n < 52 || memcmp(b, "\177ELF", 4) != 0 || (b[4] != 1 && b[4] != 2) || (b[5] != 1 && b[5] != 2))
		return -1;
	e.is64 = b[4] == 2;
	e.be = b[5] == 2;
	if (e.is64) {
		phoff = elf_u(&e, 32, 8, &ok);
		phentsz = (unsigned)elf_u(&e, 54, 2, &ok);
		phnum = (unsigned)elf_u(&e, 56, 2, &ok);
	} else {
		phoff = elf_u(&e, 28, 4, &ok);
		phentsz = (unsigned)elf_u(&e, 42, 2, &ok);
		phnum = (unsigned)elf_u(&e, 44, 2, &ok);
	}
	if (!ok || phentsz < (e.is64 ? 56u : 32u) || phoff >= n)
		return -1;
	for (i = 0; i < phnum && ok; i++) {
		size_t ph = (size_t)phoff + (size_t)i * phentsz;

		if (elf_u(&e, ph, 4, &ok) != 2) /* PT_DYNAMIC */
			continue;
		dynoff = elf_u(&e, ph + (e.is64 ? 8 : 4), e.is64 ? 8 : 4, &ok);
		dynsz = elf_u(&e, ph + (e.is64 ? 32 : 16), e.is64 ? 8 : 4, &ok);
		have_dyn = true;
		break;
	}
	if (!ok || !have_dyn)
		return -1;
	entsz = e.is64 ? 16 : 8;
	for (i = 0; (uint64_t)(i + 1) * entsz <= dynsz && ok; i++) {
		size_t at = (size_t)dynoff + i * entsz;
		uint64_t tag = elf_u(&e, at, entsz / 2, &ok);
		uint64_t val = elf_u(&e, at + entsz / 2, entsz / 2, &ok);

		if (tag == 0) /* DT_NULL */
			break;
		switch (tag) {
		case 1: /* DT_NEEDED */
			if (nneeded < sizeof(needed_off) / sizeof(needed_off[0]))
				needed_off[nneeded++] = val;
			break;
		case 5: strtab_va = val; have_strtab = true; break;  /* DT_STRTAB */
		case 10: strsz = val; break;                        /* DT_STRSZ */
		case 15: rpath_off = val; break;                    /* DT_RPATH */
		case 29: runpath_off = val; break;                  /* DT_RUNPATH */
		}
	}
	if (!ok || !have_strtab)
		return -1;
	stroff = elf_va_to_off(&e, phoff, phnum, phentsz, strtab_va, &ok);
	if (!ok || stroff >= n)
		return -1;
	if (strsz == 0 || strsz > n - stroff)
		strsz = n - stroff;
	for (i = 0; i < nneeded; i++) {
		const char *s = str_at(b, stroff, strsz, needed_off[i]);

		if (s && ps_strv_push(needed, s) < 0)
			c->oom = true;
	}
	if (rpath_off != (uint64_t)-1 && str_at(b, stroff, strsz, rpath_off))
		*rpath = dstrdup(c, str_at(b, stroff, strsz, rpath_off));
	if (runpath_off != (uint64_t)-1 && str_at(b, stroff, strsz, runpath_off))
		*runpath = dstrdup(c, str_at(b, stroff, strsz, runpath_off));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Finding the command                                                 */
/* ------------------------------------------------------------------ */

/* As CPython: a name containing '/' is taken as is (made absolute), else the PATH is searched. Yours or NULL. */
static char *find_program(struct dctx *c, const char *argv0, const char *path_env, const char *skip_dir)
{
	struct ps_strv dirs;
	char *hit = NULL;
	size_t i;

	if (strchr(argv0, '/'))
		return chk(c, ps_path_abspath(PS_PLATFORM_POSIX, c->in->cwd, argv0));
	if (!path_env)
		return NULL;
	ps_strv_init(&dirs);
	if (ps_strv_split(&dirs, path_env, ':') < 0) {
		c->oom = true;
		return NULL;
	}
	for (i = 0; i < dirs.n && !hit && !c->oom; i++) {
		/* an empty PATH entry means the current directory */
		char *dir = chk(c, ps_path_abspath(PS_PLATFORM_POSIX, c->in->cwd, dirs.v[i][0] ? dirs.v[i] : "."));
		char *cand;

		if (!dir)
			break;
		if (skip_dir && !strcmp(dir, skip_dir)) {
			free(dir);
			continue;
		}
		cand = chk(c, ps_path_join2(PS_PLATFORM_POSIX, dir, argv0));
		if (cand && ps_fs_isxfile(c->fs, cand))
			hit = cand;
		else
			free(cand);
		free(dir);
	}
	ps_strv_release(&dirs);
	return hit;
}

/* ------------------------------------------------------------------ */
/* Launchers                                                           */
/* ------------------------------------------------------------------ */

/* First whitespace-separated word of each non-comment line, joined by ':' (pyenv-version-file-read). Yours or NULL. */
static char *read_version_file(struct dctx *c, const char *path)
{
	struct ps_strv lines;
	struct ps_buf b;
	size_t i;

	ps_strv_init(&lines);
	if (ps_fs_read_lines(c->fs, path, 64 * 1024, &lines) != 0) {
		ps_strv_release(&lines);
		return NULL;
	}
	ps_buf_init(&b);
	for (i = 0; i < lines.n; i++) {
		const char *s = lines.v[i];
		size_t n;

		s += strspn(s, " \t\r");
		n = strcspn(s, " \t\r");
		if (!n || *s == '#')
			continue;
		if (b.len)
			ps_buf_addc(&b, ':');
		ps_buf_add(&b, s, n);
	}
	ps_strv_release(&lines);
	if (b.oom)
		c->oom = true;
	if (!b.len) {
		ps_buf_release(&b);
		return NULL;
	}
	return chk(c, ps_buf_detach(&b));
}

/* Looks for NAME from dir upward to "/"; returns the first that is a file. Yours or NULL. */
static char *find_upward(struct dctx *c, const char *dir, const char *name)
{
	char *d = dstrdup(c, dir);

	while (d && !c->oom) {
		char *cand = chk(c, ps_path_join2(PS_PLATFORM_POSIX, d[0] ? d : "/", name));
		char *up;

		if (cand && ps_fs_isfile(c->fs, cand)) {
			free(d);
			return cand;
		}
		free(cand);
		if (!d[0] || !strcmp(d, "/"))
			break;
		up = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, d));
		free(d);
		d = up;
	}
	free(d);
	return NULL;
}

/* Compares dotted numeric versions ("3.11.7" > "3.11.10" is false). */
static int vercmp(const char *a, const char *b)
{
	while (*a || *b) {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);

		if (x != y)
			return x < y ? -1 : 1;
		a = ea;
		b = eb;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
		if (!*a || !*b)
			return (*a != 0) - (*b != 0);
		if ((*a < '0' || *a > '9') || (*b < '0' || *b > '9'))
			return strcmp(a, b);
	}
	return 0;
}

/*
 * pyenv's version resolution for one name: an installed directory as is,
 * without a "python-" prefix, or the newest installed X.Y.Z for a prefix
 * "X.Y" (pyenv-latest).  Returns the directory name (yours) or NULL.
 */
static char *pyenv_resolve(struct dctx *c, const char *root, const char *version)
{
	const char *norm = !strncmp(version, "python-", 7) ? version + 7 : version;
	char *versions = chk(c, ps_path_join2(PS_PLATFORM_POSIX, root, "versions"));
	char *best = NULL, *p;
	struct ps_strv names;
	size_t i, n = strlen(norm);

	if (!versions)
		return NULL;
	p = chk(c, ps_path_join2(PS_PLATFORM_POSIX, versions, version));
	if (p && ps_fs_isdir(c->fs, p)) {
		free(p);
		free(versions);
		return dstrdup(c, version);
	}
	free(p);
	p = chk(c, ps_path_join2(PS_PLATFORM_POSIX, versions, norm));
	if (p && ps_fs_isdir(c->fs, p)) {
		free(p);
		free(versions);
		return dstrdup(c, norm);
	}
	free(p);
	ps_strv_init(&names);
	if (c->fs->ops->list_dir(c->fs->ctx, versions, &names) == 0) {
		for (i = 0; i < names.n; i++) {
			const char *nm = names.v[i], *rest = nm + n;

			if (strncmp(nm, norm, n) || *rest != '.' || strspn(rest, ".0123456789") != strlen(rest))
				continue;
			if (!best || vercmp(nm, best) > 0)
				best = names.v[i];
		}
		best = best ? dstrdup(c, best) : NULL;
	}
	ps_strv_release(&names);
	free(versions);
	return best;
}

/* Value of `export NAME="value"` in a shell script (as pyenv writes its shims). Yours or NULL. */
static char *shell_export(struct dctx *c, const char *text, const char *name)
{
	char pat[64];
	const char *p, *end;

	snprintf(pat, sizeof(pat), "export %s=", name);
	p = strstr(text, pat);
	if (!p)
		return NULL;
	p += strlen(pat);
	if (*p == '"' || *p == '\'') {
		end = strchr(p + 1, *p);
		p++;
	} else {
		end = p + strcspn(p, " \t\n;");
	}
	if (!end)
		return NULL;
	return chk(c, strndup(p, (size_t)(end - p)));
}

static void env_add(struct dctx *c, const char *name, const char *value)
{
	if (ps_strv_pushf(&c->d->env_add, "%s=%s", name, value) < 0 ||
	    ps_env_set(&c->in->env, name, value) < 0)
		c->oom = true;
}

/*
 * Follows a pyenv shim the way `pyenv exec` does: the version named by
 * PYENV_VERSION, else the first .python-version from PYENV_DIR (default
 * the cwd) upward, else $PYENV_ROOT/version, else "system"; each of the
 * ':'-separated versions in turn, then "system" (the PATH without the
 * shims directory).  On success sets *target (yours) and edits the env as
 * pyenv-exec would.  Returns 0, or -1 with err set.
 */
static int follow_pyenv(struct dctx *c, const char *shim, const char *script, char **target)
{
	const char *env_root = ps_env_get(&c->in->env, "PYENV_ROOT");
	const char *env_version = ps_env_get(&c->in->env, "PYENV_VERSION");
	const char *pyenv_dir = ps_env_get(&c->in->env, "PYENV_DIR");
	const char *home = ps_env_get(&c->in->env, "HOME");
	const char *program = base_name(shim);
	char *root = shell_export(c, script, "PYENV_ROOT");
	char *version = NULL, *source = NULL, *found = NULL, *resolved = NULL, *shims;
	struct ps_strv names;
	size_t i;
	int rc = -1;

	*target = NULL;
	if (!root && env_root && *env_root)
		root = dstrdup(c, env_root);
	if (!root && home)
		root = dprintf_(c, "%s/.pyenv", home);
	if (!root) {
		ps_error_set(c->err, PS_ERR_INVAL,
			     "%s is a pyenv shim but PYENV_ROOT is unknown: pass --python with the interpreter's full path",
			     shim);
		return -1;
	}
	if (env_version && *env_version) {
		version = dstrdup(c, env_version);
		source = dstrdup(c, "PYENV_VERSION");
	} else {
		char *vf = find_upward(c, pyenv_dir && *pyenv_dir ? pyenv_dir : c->in->cwd, ".python-version");

		if (!vf && pyenv_dir && *pyenv_dir && strcmp(pyenv_dir, c->in->cwd) != 0)
			vf = find_upward(c, c->in->cwd, ".python-version");
		if (!vf)
			vf = chk(c, ps_path_join2(PS_PLATFORM_POSIX, root, "version"));
		if (vf) {
			version = read_version_file(c, vf);
			source = dstrdup(c, vf);
		}
		free(vf);
	}
	if (!version) {
		free(source);
		version = dstrdup(c, "system");
		source = dstrdup(c, "pyenv's default (no version file)");
	}
	note(c, "launcher", "pyenv shim", shim);
	note(c, "pyenv version", version, source);

	ps_strv_init(&names);
	if (version && ps_strv_split(&names, version, ':') < 0)
		c->oom = true;
	if (ps_strv_push(&names, "system") < 0)
		c->oom = true;
	shims = chk(c, ps_path_join2(PS_PLATFORM_POSIX, root, "shims"));
	for (i = 0; i < names.n && !found && !c->oom; i++) {
		if (!strcmp(names.v[i], "system")) {
			found = find_program(c, program, ps_env_get(&c->in->env, "PATH"), shims);
			if (found) {
				free(resolved);
				resolved = dstrdup(c, "system");
			}
			continue;
		}
		free(resolved);
		resolved = pyenv_resolve(c, root, names.v[i]);
		if (!resolved)
			continue;
		char *cand = dprintf_(c, "%s/versions/%s/bin/%s", root, resolved, program);
		if (cand && ps_fs_isxfile(c->fs, cand))
			found = cand;
		else
			free(cand);
	}
	if (c->oom)
		goto out;
	if (!found) {
		ps_error_set(c->err, PS_ERR_INVAL,
			     "pyenv shim %s: no '%s' in pyenv version %s (from %s): pass --python with the interpreter's full path",
			     shim, program, version ? version : "?", source ? source : "?");
		goto out;
	}
	/* what pyenv-exec does before exec "$PYENV_COMMAND_PATH" "$@" */
	env_add(c, "PYENV_ROOT", root);
	env_add(c, "PYENV_VERSION", version);
	if (strcmp(resolved, "system") != 0) {
		const char *old = ps_env_get(&c->in->env, "PATH");
		char *bin = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, found));
		char *path = bin ? dprintf_(c, "%s%s%s", bin, old ? ":" : "", old ? old : "") : NULL;

		if (path)
			env_add(c, "PATH", path);
		free(path);
		free(bin);
	}
	note(c, "launcher target", found, "pyenv exec runs $PYENV_ROOT/versions/<version>/bin/<program> by its full path");
	*target = found;
	found = NULL;
	rc = 0;
out:
	free(found);
	free(shims);
	free(resolved);
	ps_strv_release(&names);
	free(root);
	free(version);
	free(source);
	return rc;
}

/*
 * Follows an asdf shim: the python version from ASDF_PYTHON_VERSION, else
 * the first .tool-versions (cwd upward, then $HOME) with a "python" line;
 * the install is $ASDF_DATA_DIR (default ~/.asdf)/installs/python/<v>.
 */
static int follow_asdf(struct dctx *c, const char *shim, char **target)
{
	const char *home = ps_env_get(&c->in->env, "HOME");
	const char *data = ps_env_get(&c->in->env, "ASDF_DATA_DIR");
	const char *env_v = ps_env_get(&c->in->env, "ASDF_PYTHON_VERSION");
	char *version = NULL, *source = NULL, *cand = NULL, *tv;
	struct ps_strv lines;
	size_t i;

	*target = NULL;
	note(c, "launcher", "asdf shim", shim);
	if (env_v && *env_v) {
		version = dstrdup(c, env_v);
		source = dstrdup(c, "ASDF_PYTHON_VERSION");
	}
	tv = version ? NULL : find_upward(c, c->in->cwd, ".tool-versions");
	if (!version && !tv && home)
		tv = dprintf_(c, "%s/.tool-versions", home);
	if (tv) {
		ps_strv_init(&lines);
		if (ps_fs_read_lines(c->fs, tv, 64 * 1024, &lines) == 0) {
			for (i = 0; i < lines.n && !version; i++) {
				const char *s = lines.v[i] + strspn(lines.v[i], " \t");

				if (strncmp(s, "python", 6) || (s[6] != ' ' && s[6] != '\t'))
					continue;
				s += 6 + strspn(s + 6, " \t");
				if (*s && *s != '#') {
					version = chk(c, strndup(s, strcspn(s, " \t\r#")));
					source = dstrdup(c, tv);
				}
			}
		}
		ps_strv_release(&lines);
		free(tv);
	}
	if (version && strcmp(version, "system") != 0) {
		if (data && *data)
			cand = dprintf_(c, "%s/installs/python/%s/bin/%s", data, version, base_name(shim));
		else if (home)
			cand = dprintf_(c, "%s/.asdf/installs/python/%s/bin/%s", home, version, base_name(shim));
	}
	if (cand && ps_fs_isxfile(c->fs, cand)) {
		note(c, "asdf version", version, source);
		note(c, "launcher target", cand, "asdf runs installs/python/<version>/bin/<program>");
		*target = cand;
		free(version);
		free(source);
		return 0;
	}
	ps_error_set(c->err, PS_ERR_INVAL,
		     "%s is an asdf shim and its python version %s%s%s is not installed where expected: pass --python with the interpreter's full path (or --ask)",
		     shim, version ? version : "(none set)", source ? " from " : "", source ? source : "");
	free(cand);
	free(version);
	free(source);
	return -1;
}

/* Which launcher a "#!" script is, by its text. Static string. */
static const char *launcher_kind(const char *text)
{
	if (strstr(text, "pyenv\" exec") || strstr(text, "pyenv exec") ||
	    (strstr(text, "PYENV_ROOT") && strstr(text, "exec")))
		return "pyenv";
	if (strstr(text, "asdf exec") || strstr(text, "asdf-plugin:") || strstr(text, "ASDF_DIR"))
		return "asdf";
	if (strstr(text, "conda") || strstr(text, "CONDA_"))
		return "conda";
	return "shell";
}

/* ------------------------------------------------------------------ */
/* The real binary                                                     */
/* ------------------------------------------------------------------ */

/* Replaces $ORIGIN / ${ORIGIN} in an RPATH entry. Yours. */
static char *expand_origin(struct dctx *c, const char *entry, const char *origin)
{
	struct ps_buf b;
	const char *p = entry;

	ps_buf_init(&b);
	while (*p) {
		if (!strncmp(p, "$ORIGIN", 7)) {
			ps_buf_adds(&b, origin);
			p += 7;
		} else if (!strncmp(p, "${ORIGIN}", 9)) {
			ps_buf_adds(&b, origin);
			p += 9;
		} else {
			ps_buf_addc(&b, *p++);
		}
	}
	return chk(c, ps_buf_detach(&b));
}

/* Searches dirs (':'-separated, $ORIGIN expanded) for lib. Yours or NULL. */
static char *search_lib(struct dctx *c, const char *dirs, const char *lib, const char *origin)
{
	struct ps_strv v;
	char *hit = NULL;
	size_t i;

	if (!dirs)
		return NULL;
	ps_strv_init(&v);
	if (ps_strv_split(&v, dirs, ':') < 0)
		c->oom = true;
	for (i = 0; i < v.n && !hit && !c->oom; i++) {
		char *d = v.v[i][0] ? expand_origin(c, v.v[i], origin) : NULL;
		char *cand = d ? chk(c, ps_path_join2(PS_PLATFORM_POSIX, d, lib)) : NULL;

		if (cand && ps_fs_isfile(c->fs, cand))
			hit = cand;
		else
			free(cand);
		free(d);
	}
	ps_strv_release(&v);
	return hit;
}

static const char default_lib_dirs[] =
	"/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib/aarch64-linux-gnu:"
	"/usr/lib/aarch64-linux-gnu:/lib64:/usr/lib64:/lib:/usr/lib:/usr/local/lib";

struct binfo {
	int major, minor;
	bool thread;
	char *version_source;     /* yours */
	char *library;            /* resolved libpython path or NULL */
	bool links_libpython;     /* a libpythonX.Y in DT_NEEDED (found or not) */
	bool py_symbols;          /* the bytes hold Py_BytesMain or Py_Main: the interpreter's main */
};

/*
 * Reads the binary: the libpython it needs (and where the dynamic loader
 * would find it), which also tells the version when the file name does not.
 */
static void examine_elf(struct dctx *c, const char *real, struct binfo *bi)
{
	char *data = NULL, *rpath = NULL, *runpath = NULL, *origin;
	struct ps_strv needed;
	size_t len = 0, i;

	if (read_whole(c->fs, real, MAX_BINARY, &data, &len) != 0)
		return;
	/*
	 * python's main() calls Py_BytesMain (3.8+) or Py_Main (2.7-3.7): the
	 * name is in the binary whether libpython is linked in (a static
	 * build such as Debian's) or dynamically (an undefined symbol).
	 */
	bi->py_symbols = memmem(data, len, "Py_BytesMain", 12) || memmem(data, len, "Py_Main", 7);
	ps_strv_init(&needed);
	if (elf_dynamic(c, (const unsigned char *)data, len, &needed, &rpath, &runpath) < 0) {
		free(data);
		ps_strv_release(&needed);
		return;
	}
	free(data);
	origin = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, real));
	for (i = 0; i < needed.n && origin; i++) {
		int ma, mi;
		bool th;
		char *hit;

		if (!parse_versioned_name(needed.v[i], true, &ma, &mi, &th))
			continue;
		bi->links_libpython = true;
		if (!bi->major) {
			bi->major = ma;
			bi->minor = mi;
			bi->thread = th;
			bi->version_source = dprintf_(c, "%s links %s (ELF DT_NEEDED)", real, needed.v[i]);
		} else if (th) {
			bi->thread = true;
		}
		/* the dynamic loader's order: RPATH (without RUNPATH), LD_LIBRARY_PATH, RUNPATH, system dirs */
		hit = !runpath ? search_lib(c, rpath, needed.v[i], origin) : NULL;
		if (!hit)
			hit = search_lib(c, ps_env_get(&c->in->env, "LD_LIBRARY_PATH"), needed.v[i], origin);
		if (!hit)
			hit = search_lib(c, runpath, needed.v[i], origin);
		if (!hit)
			hit = search_lib(c, default_lib_dirs, needed.v[i], origin);
		if (hit) {
			char *src = dprintf_(c, "%s needs %s%s%s", real, needed.v[i],
					     runpath ? ", RUNPATH " : rpath ? ", RPATH " : "",
					     runpath ? runpath : rpath ? rpath : "");

			bi->library = hit;
			note(c, "library", hit, src ? src : real);
			free(src);
		} else {
			note(c, "library", needed.v[i], "needed by the binary but not found on its library path");
		}
		break;
	}
	free(origin);
	free(rpath);
	free(runpath);
	ps_strv_release(&needed);
}

/*
 * Looks into one candidate stdlib directory for _sysconfigdata*.py and
 * config-X.Y-* Makefile.  Returns whether dir exists; *sysconfig and
 * *makefile (yours) are set to what it holds, NULL otherwise.
 */
static bool scan_stdlib_dir(struct dctx *c, const char *dir, char **sysconfig, char **makefile)
{
	struct ps_strv names;
	const char *best = NULL, *mk = NULL;
	size_t j;

	*sysconfig = *makefile = NULL;
	ps_strv_init(&names);
	if (c->fs->ops->list_dir(c->fs->ctx, dir, &names) != 0) {
		ps_strv_release(&names);
		return ps_fs_isdir(c->fs, dir);
	}
	for (j = 0; j < names.n; j++) {
		const char *nm = names.v[j];
		size_t n = strlen(nm);

		if (!strncmp(nm, "_sysconfigdata", 14) && n > 3 && !strcmp(nm + n - 3, ".py")) {
			/* the canonical name is _sysconfigdata_<abi>_<platform>_<multiarch>.py */
			bool canon = strstr(nm, "_linux_") || strstr(nm, "_darwin_");

			if (!best || (canon && !(strstr(best, "_linux_") || strstr(best, "_darwin_"))) ||
			    (canon == (strstr(best, "_linux_") || strstr(best, "_darwin_")) &&
			     strcmp(nm, best) < 0))
				best = nm;
		} else if (!strncmp(nm, "config-", 7)) {
			if (!mk || strcmp(nm, mk) < 0)
				mk = nm;
		}
	}
	if (best)
		*sysconfig = chk(c, ps_path_join2(PS_PLATFORM_POSIX, dir, best));
	if (mk)
		*makefile = dprintf_(c, "%s/%s/Makefile", dir, mk);
	ps_strv_release(&names);
	return true;
}

/*
 * The stdlib directories worth looking into, in order:
 *   1. the directory of the libpython the binary links (LIBDIR) + pythonX.Y:
 *      for a shared build the compiled-in PREFIX lives in that library, so
 *      its stdlib describes exactly the build the loader will load, wherever
 *      the binary itself was copied (a copied pyenv python3.12 still loads
 *      /root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0);
 *   2. PREFIX/lib and PREFIX/lib64 for PREFIX = the libpython's dir/.. (a
 *      lib64 library with its stdlib in lib, or the reverse);
 *   3. the same under the binary's bin/.. (its real path, then the path it
 *      was found at when that differs): the only evidence for a statically
 *      linked interpreter;
 *   4. /usr/local and /usr.
 * Duplicates are dropped.  Each pushed string is a directory.  Returns the
 * number of candidates pushed before step 4: those tied to the binary.
 */
static size_t stdlib_candidates(struct dctx *c, const struct binfo *bi, const char *prefix0,
				const char *hit_prefix, struct ps_strv *out)
{
	static const char *const libdirs[] = { "lib", "lib64" };
	const char *prefixes[4];
	size_t np = 0, i, j, tied = 0;
	char *libdir = NULL, *libprefix = NULL;
	const char *t = bi->thread ? "t" : "";

	if (bi->library) {
		libdir = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, bi->library));
		if (libdir && libdir[0]) {
			char *d = dprintf_(c, "%s/python%d.%d%s", strcmp(libdir, "/") ? libdir : "",
					   bi->major, bi->minor, t);

			if (d && ps_strv_find(out, d) < 0 && ps_strv_push(out, d) < 0)
				c->oom = true;
			free(d);
			libprefix = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, libdir));
			if (libprefix && !libprefix[0]) {
				free(libprefix);
				libprefix = dstrdup(c, "/");
			}
		}
	}
	if (libprefix)
		prefixes[np++] = libprefix;
	prefixes[np++] = prefix0;
	if (hit_prefix)
		prefixes[np++] = hit_prefix;
	prefixes[np++] = "/usr/local";
	for (i = 0; i < np + 1 && !c->oom; i++) {
		const char *p = i < np ? prefixes[i] : "/usr";

		if (i == np - 1)
			tied = out->n;   /* from here on: /usr/local and /usr */
		for (j = 0; j < 2 && !c->oom; j++) {
			char *d = dprintf_(c, "%s/%s/python%d.%d%s", strcmp(p, "/") ? p : "", libdirs[j],
					   bi->major, bi->minor, t);

			if (d && ps_strv_find(out, d) < 0 && ps_strv_push(out, d) < 0)
				c->oom = true;
			free(d);
		}
	}
	free(libdir);
	free(libprefix);
	return tied;
}

/*
 * The stdlib holding the build configuration: the first candidate with a
 * _sysconfigdata*.py or a config-* Makefile, else the first that exists (a
 * stdlib without them), else NULL.  Yours.  *fallback tells whether the
 * configuration was found only under /usr/local or /usr, which nothing
 * ties to the binary (a guess).
 */
static char *find_stdlib(struct dctx *c, const struct binfo *bi, const char *prefix0,
			 const char *hit_prefix, char **sysconfig, char **makefile, bool *fallback)
{
	struct ps_strv cands;
	char *first = NULL, *found = NULL;
	size_t i, tied;

	*sysconfig = *makefile = NULL;
	*fallback = false;
	ps_strv_init(&cands);
	tied = stdlib_candidates(c, bi, prefix0, hit_prefix, &cands);
	for (i = 0; i < cands.n && !found && !c->oom; i++) {
		char *sc = NULL, *mk = NULL;

		if (!scan_stdlib_dir(c, cands.v[i], &sc, &mk))
			continue;
		if (sc || mk) {
			found = dstrdup(c, cands.v[i]);
			*fallback = i >= tied;
			*sysconfig = sc;
			*makefile = mk;
		} else if (!first) {
			first = dstrdup(c, cands.v[i]);
		}
	}
	ps_strv_release(&cands);
	if (found) {
		free(first);
		return found;
	}
	return first;
}

static void set_build_str(struct dctx *c, char **field, const char *what, const char *value,
			  const char *source)
{
	if (*field)
		return;  /* given by the caller: detection does not override */
	dset(c, field, value);
	note(c, what, value, source);
}

/* Version from the single lib/pythonX.Y directory under bin/.., when nothing else tells. */
static void version_from_lib(struct dctx *c, const char *prefix, struct binfo *bi)
{
	char *lib = chk(c, ps_path_join2(PS_PLATFORM_POSIX, prefix, "lib"));
	struct ps_strv names;
	size_t i, count = 0;
	int ma = 0, mi = 0;
	bool th = false;

	ps_strv_init(&names);
	if (lib && c->fs->ops->list_dir(c->fs->ctx, lib, &names) == 0) {
		for (i = 0; i < names.n; i++) {
			int a, b;
			bool t;

			if (parse_versioned_name(names.v[i], false, &a, &b, &t)) {
				count++;
				ma = a;
				mi = b;
				th = t;
			}
		}
	}
	if (count == 1) {
		bi->major = ma;
		bi->minor = mi;
		bi->thread = th;
		bi->version_source = dprintf_(c, "the only python%d.%d%s directory in %s", ma, mi, th ? "t" : "", lib);
	}
	ps_strv_release(&names);
	free(lib);
}

/* PY_VERSION from include/pythonX.Y/patchlevel.h under prefix; -1 if not found. */
static int micro_from_headers(struct dctx *c, const char *prefix, const struct binfo *bi, char **source)
{
	char *h = dprintf_(c, "%s/include/python%d.%d%s/patchlevel.h", strcmp(prefix, "/") ? prefix : "",
			   bi->major, bi->minor, bi->thread ? "t" : "");
	char *data = NULL, *p;
	size_t len;
	int micro = -1, a, b, m;

	*source = NULL;
	if (h && read_whole(c->fs, h, MAX_TEXT, &data, &len) == 0 &&
	    (p = strstr(data, "#define PY_VERSION ")) != NULL) {
		p += strlen("#define PY_VERSION ");
		p += strspn(p, " \t\"");
		if (sscanf(p, "%d.%d.%d", &a, &b, &m) == 3 && a == bi->major && b == bi->minor) {
			micro = m;
			*source = h;
			h = NULL;
		}
	}
	free(data);
	free(h);
	return micro;
}

static int examine_binary(struct dctx *c, const char *real, const char *hit)
{
	struct ps_build *b = &c->in->build;
	struct binfo bi = { 0 };
	char *stdlib = NULL, *sysconfig = NULL, *makefile = NULL, *bindir = NULL, *prefix0 = NULL;
	char *hit_prefix = NULL;
	char *src = NULL;   /* the source named for values read from the stdlib, when not the file itself */
	bool looks_python, fallback = false;
	int rc = -1;

	/*
	 * 0. is it a Python interpreter at all?  "python" in its name (the
	 *    file found or its real path), a libpython it links, or python's
	 *    main (Py_BytesMain / Py_Main) in its bytes; anything else (/bin/ls)
	 *    is refused, unless --rules was given: the version is then the
	 *    user's word, and said to be.
	 * 1. the version: file name, else the libpython it links, else
	 *    lib/pythonX.Y, else --rules (the user's word).
	 */
	if (parse_versioned_name(base_name(real), false, &bi.major, &bi.minor, &bi.thread))
		bi.version_source = dprintf_(c, "file name of %s", real);
	examine_elf(c, real, &bi);
	looks_python = strcasestr(base_name(real), "python") || (hit && strcasestr(base_name(hit), "python")) ||
		       bi.links_libpython || bi.py_symbols;
	if (!looks_python && !b->major) {
		ps_error_set(c->err, PS_ERR_INVAL,
			     "%s does not look like a Python interpreter (no \"python\" in its name, no libpython, no Py_BytesMain/Py_Main): pass --python with an interpreter, or --rules X.Y if it is one (the version is then your word)",
			     real);
		goto out;
	}
	bindir = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, real));
	prefix0 = bindir ? chk(c, ps_path_dirname(PS_PLATFORM_POSIX, bindir)) : NULL;
	if (!prefix0)
		goto out;
	if (!prefix0[0]) {
		free(prefix0);
		prefix0 = dstrdup(c, "/");
	}
	if (!bi.major && looks_python)
		version_from_lib(c, prefix0, &bi);
	if (c->oom)
		goto out;
	if (!bi.major && b->major) {
		/* --rules: the binary does not say, so the user's version is taken, and flagged */
		bi.major = b->major;
		bi.minor = b->minor;
		bi.version_source = looks_python
			? dprintf_(c, "--rules %d.%d: your word (%s is not named pythonX.Y, links no libpython and sits in no single lib/pythonX.Y tree)",
				   b->major, b->minor, real)
			: dprintf_(c, "--rules %d.%d: your word (%s does not look like a Python interpreter: no \"python\" in its name, no libpython, no Py_BytesMain/Py_Main)",
				   b->major, b->minor, real);
	}
	if (c->oom)
		goto out;
	if (!bi.major) {
		ps_error_set(c->err, PS_ERR_INVAL,
			     "cannot tell which Python version %s is (not named pythonX.Y, no libpython, no single lib/pythonX.Y): pass --rules X.Y or --ask",
			     real);
		goto out;
	}
	{
		char v[32];

		snprintf(v, sizeof(v), "%d.%d%s", bi.major, bi.minor, bi.thread ? "t" : "");
		note(c, "version", v, bi.version_source ? bi.version_source : real);
	}
	if (!b->major) {
		b->major = bi.major;
		b->minor = bi.minor;
	}
	if (bi.library && !b->library)
		dset(c, &b->library, bi.library);
	if (bi.thread && !b->abi_thread) {
		dset(c, &b->abi_thread, "t");
		note(c, "abi_thread", "t", bi.version_source ? bi.version_source : real);
	}

	/* 2. the stdlib and its build configuration */
	if (hit && strcmp(hit, real)) {
		/* found through a link: the link's own bin/.. is evidence too */
		char *hb = chk(c, ps_path_dirname(PS_PLATFORM_POSIX, hit));

		hit_prefix = hb ? chk(c, ps_path_dirname(PS_PLATFORM_POSIX, hb)) : NULL;
		free(hb);
		if (hit_prefix && (!hit_prefix[0] || !strcmp(hit_prefix, prefix0))) {
			free(hit_prefix);
			hit_prefix = NULL;
		}
	}
	stdlib = find_stdlib(c, &bi, prefix0, hit_prefix, &sysconfig, &makefile, &fallback);
	if (c->oom)
		goto out;
	if (fallback && (sysconfig || makefile)) {
		/*
		 * A pythonX.Y stdlib under /usr/local or /usr, but the binary links
		 * no libpython there and does not live under that prefix: probably
		 * its build (a static interpreter copied elsewhere), but a guess.
		 */
		src = dprintf_(c, "guess: read from %s, a python%d.%d%s stdlib found only under /usr/local or /usr; nothing ties %s to it (it links no libpython there and is not installed under that prefix)",
			       sysconfig ? sysconfig : makefile, bi.major, bi.minor, bi.thread ? "t" : "", real);
	}
	if (sysconfig) {
		char *data = NULL, *v;
		size_t len;

		if (read_whole(c->fs, sysconfig, MAX_TEXT, &data, &len) == 0) {
			if ((v = pydict_get(c, data, "prefix"))) {
				set_build_str(c, &b->prefix, "prefix", v, src ? src : sysconfig);
				free(v);
			}
			if ((v = pydict_get(c, data, "exec_prefix"))) {
				set_build_str(c, &b->exec_prefix, "exec_prefix", v, src ? src : sysconfig);
				free(v);
			}
			if ((v = pydict_get(c, data, "PLATLIBDIR"))) {
				set_build_str(c, &b->platlibdir, "platlibdir", v, src ? src : sysconfig);
				free(v);
			}
			if ((v = pydict_get(c, data, "VPATH"))) {
				set_build_str(c, &b->vpath, "vpath", v, src ? src : sysconfig);
				free(v);
			}
			if ((v = pydict_get(c, data, "ABIFLAGS"))) {
				if (strchr(v, 't') && !b->abi_thread)
					set_build_str(c, &b->abi_thread, "abi_thread", "t", src ? src : sysconfig);
				free(v);
			}
			if ((v = pydict_get(c, data, "Py_GIL_DISABLED"))) {
				if (!strcmp(v, "1") && !b->abi_thread)
					set_build_str(c, &b->abi_thread, "abi_thread", "t", src ? src : sysconfig);
				free(v);
			}
		}
		free(data);
	} else if (makefile) {
		char *data = NULL, *v;
		size_t len;

		if (read_whole(c->fs, makefile, MAX_TEXT, &data, &len) == 0) {
			static const struct { const char *var, *what; } mk[] = {
				{ "prefix", "prefix" }, { "exec_prefix", "exec_prefix" },
				{ "PLATLIBDIR", "platlibdir" }, { "VPATH", "vpath" },
			};
			size_t k;

			for (k = 0; k < sizeof(mk) / sizeof(mk[0]); k++) {
				char **field = k == 0 ? &b->prefix : k == 1 ? &b->exec_prefix :
					       k == 2 ? &b->platlibdir : &b->vpath;

				if ((v = make_get(c, data, mk[k].var))) {
					set_build_str(c, field, mk[k].what, v, src ? src : makefile);
					free(v);
				}
			}
			if ((v = make_get(c, data, "ABIFLAGS"))) {
				if (strchr(v, 't') && !b->abi_thread)
					set_build_str(c, &b->abi_thread, "abi_thread", "t", src ? src : makefile);
				free(v);
			}
		}
		free(data);
	}
	if (!b->prefix) {
		/*
		 * A guess, and said to be one: the front end shows it as such.
		 * The source starts with "guess:" so a reader of the notes can tell.
		 */
		char *why = stdlib
			? dprintf_(c, "guess: %s has no _sysconfigdata*.py or config-*/Makefile; CPython's default PREFIX assumed", stdlib)
			: dprintf_(c, "guess: no python%d.%d%s stdlib next to the libpython, under the binary's bin/.., /usr/local or /usr; CPython's default PREFIX assumed",
				   bi.major, bi.minor, bi.thread ? "t" : "");

		note(c, "prefix", "/usr/local", why ? why : "guess: CPython's default PREFIX assumed");
		free(why);
	}

	/* 3. micro version, Debian's site.py */
	{
		char *hsrc = NULL;
		int micro = micro_from_headers(c, b->prefix ? b->prefix : prefix0, &bi, &hsrc);

		if (micro < 0 && b->prefix && strcmp(b->prefix, prefix0))
			micro = micro_from_headers(c, prefix0, &bi, &hsrc);
		if (micro >= 0 && b->micro < 0 && b->major == bi.major && b->minor == bi.minor) {
			char v[32];

			b->micro = micro;
			snprintf(v, sizeof(v), "%d.%d.%d", bi.major, bi.minor, micro);
			note(c, "micro", v, hsrc);
		}
		free(hsrc);
	}
	if (stdlib && b->debian_site < 0) {
		char *site = chk(c, ps_path_join2(PS_PLATFORM_POSIX, stdlib, "site.py"));
		char *data = NULL;
		size_t len;

		if (site && read_whole(c->fs, site, MAX_TEXT, &data, &len) == 0) {
			b->debian_site = strstr(data, "dist-packages") ? 1 : 0;
			note(c, "debian_site", b->debian_site ? "yes" : "no",
			     b->debian_site ? site : "site.py does not mention dist-packages");
		}
		free(data);
		free(site);
	}
	rc = c->oom ? -1 : 0;
out:
	free(src);
	free(hit_prefix);
	free(bi.version_source);
	free(bi.library);
	free(stdlib);
	free(sysconfig);
	free(makefile);
	free(bindir);
	free(prefix0);
	return rc;
}

/* Reads the head of a file to see whether it is a "#!" script. Returns the text (yours) or NULL. */
static char *script_text(struct dctx *c, const char *path)
{
	char *data = NULL;
	size_t len = 0;

	if (read_whole(c->fs, path, MAX_BINARY, &data, &len) != 0)
		return NULL;
	if (len >= 2 && data[0] == '#' && data[1] == '!' && !memchr(data, '\0', len))
		return data;
	free(data);
	return NULL;
}

int ps_detect_build(struct ps_inputs *in, const struct ps_fs *fs, struct ps_detect *d,
		    struct ps_error *err)
{
	struct dctx c = { in, fs, d, err, false };
	char *hit = NULL, *real = NULL, *script = NULL, *target = NULL;
	int rc = -1;

	if (!in->argv0 || !*in->argv0) {
		ps_error_set(err, PS_ERR_INVAL, "no interpreter given");
		return -1;
	}
	if (!in->cwd) {
		ps_error_set(err, PS_ERR_INVAL, "no working directory given");
		return -1;
	}
	hit = find_program(&c, in->argv0, ps_env_get(&in->env, "PATH"), NULL);
	if (c.oom)
		goto out;
	if (!hit || !ps_fs_isxfile(fs, hit)) {
		if (strchr(in->argv0, '/'))
			ps_error_set(err, PS_ERR_INVAL, "%s: not an executable file", in->argv0);
		else
			ps_error_set(err, PS_ERR_INVAL, "%s: not found on PATH", in->argv0);
		goto out;
	}
	note(&c, "command", hit, strchr(in->argv0, '/') ? "argv[0] as given" : "first match on PATH");
	script = script_text(&c, hit);
	if (script) {
		const char *kind = launcher_kind(script);

		d->is_launcher = true;
		dset(&c, &d->launcher_kind, kind);
		if (!strcmp(kind, "pyenv")) {
			if (follow_pyenv(&c, hit, script, &target) < 0)
				goto out;
		} else if (!strcmp(kind, "asdf")) {
			if (follow_asdf(&c, hit, &target) < 0)
				goto out;
		} else {
			note(&c, "launcher", kind, hit);
			ps_error_set(err, PS_ERR_INVAL,
				     "%s is a %s wrapper script, not an interpreter; pathscope cannot know what it starts without running it: pass --python with the interpreter's full path, or --ask",
				     hit, kind);
			goto out;
		}
		if (c.oom)
			goto out;
		free(script);
		script = script_text(&c, target);
		if (script) {
			ps_error_set(err, PS_ERR_INVAL,
				     "%s leads to %s, another script: pass --python with the interpreter's full path",
				     hit, target);
			goto out;
		}
		dset(&c, &d->launcher_target, target);
		dset(&c, &d->argv0, target);
		dset(&c, &in->argv0, target);
		free(hit);
		hit = target;
		target = NULL;
	}
	if (ps_fs_realpath_full(fs, hit, &real) != 0) {
		c.oom = true;
		goto out;
	}
	dset(&c, &d->interpreter, real);
	if (c.oom)
		goto out;
	rc = examine_binary(&c, real, hit);
out:
	if (c.oom) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		rc = -1;
	}
	free(hit);
	free(real);
	free(script);
	free(target);
	return rc;
}
