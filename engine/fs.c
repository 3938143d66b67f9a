/*
 * fs.c - CPython's filesystem helpers over any struct ps_fs backend.
 *
 * The wrappers ps_fs_stat() ... ps_fs_list_dir() are the one place where
 * fs->cwd is applied: a relative path is joined to it textually (cwd +
 * SEP + path, no normalisation, so "link/.." still means what the kernel
 * makes of it) before the backend sees it.  Backends therefore only need
 * to handle absolute paths; the engine calls the wrappers, never fs->ops.
 *
 * realpath_final and read_lines mirror the C helpers of 3.11+ getpath
 * (Modules/getpath.c: getpath_realpath, getpath_readlines), quirks
 * included; realpath_full mirrors posixpath.realpath (non-strict).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

/* The maximum number of links getpath's realpath follows (Linux 4.2's limit). */
#define PS_REALPATH_MAX_LINKS 40

/*
 * Applies fs->cwd to a relative path.  Returns path itself when nothing is
 * to be done, else a new string in *tmp (freed by the caller); NULL on OOM.
 */
static const char *with_cwd(const struct ps_fs *fs, const char *path, char **tmp)
{
	struct ps_buf b;

	*tmp = NULL;
	if (!fs->cwd || !*fs->cwd || !*path || ps_path_isabs(fs->platform, path))
		return path;
	if (fs->platform == PS_PLATFORM_NT) {
		*tmp = ps_path_abspath(fs->platform, fs->cwd, path);
		return *tmp;
	}
	ps_buf_init(&b);
	ps_buf_adds(&b, fs->cwd);
	if (b.len && b.s[b.len - 1] != '/')
		ps_buf_addc(&b, '/');
	ps_buf_adds(&b, path);
	*tmp = ps_buf_detach(&b);
	return *tmp;
}

/* Common prologue of the wrappers: "" never names a file (the kernel says ENOENT). */
#define RESOLVE(fs, path, p, tmp)                               \
	do {                                                    \
		if (!(path) || !*(path))                        \
			return ENOENT;                          \
		(p) = with_cwd((fs), (path), &(tmp));           \
		if (!(p))                                       \
			return ENOMEM;                          \
	} while (0)

/* stat and lstat differ only in the backend operation they call. */
static int stat_with(const struct ps_fs *fs, const char *path, struct ps_stat *st,
		     int (*op)(void *ctx, const char *path, struct ps_stat *st))
{
	const char *p;
	char *tmp;
	int rc;

	RESOLVE(fs, path, p, tmp);
	memset(st, 0, sizeof(*st));
	rc = op(fs->ctx, p, st);
	free(tmp);
	return rc;
}

int ps_fs_stat(const struct ps_fs *fs, const char *path, struct ps_stat *st)
{
	return stat_with(fs, path, st, fs->ops->stat);
}

int ps_fs_lstat(const struct ps_fs *fs, const char *path, struct ps_stat *st)
{
	return stat_with(fs, path, st, fs->ops->lstat);
}

int ps_fs_readlink(const struct ps_fs *fs, const char *path, char **target)
{
	const char *p;
	char *tmp;
	int rc;

	*target = NULL;
	RESOLVE(fs, path, p, tmp);
	rc = fs->ops->readlink(fs->ctx, p, target);
	free(tmp);
	if (rc) {
		free(*target);
		*target = NULL;
	}
	return rc;
}

int ps_fs_read_file(const struct ps_fs *fs, const char *path, size_t limit, char **data,
		    size_t *len)
{
	const char *p;
	char *tmp;
	int rc;

	*data = NULL;
	*len = 0;
	RESOLVE(fs, path, p, tmp);
	rc = fs->ops->read_file(fs->ctx, p, limit, data, len);
	free(tmp);
	if (rc) {
		free(*data);
		*data = NULL;
		*len = 0;
	}
	return rc;
}

int ps_fs_list_dir(const struct ps_fs *fs, const char *path, struct ps_strv *names)
{
	const char *p;
	char *tmp;
	int rc;

	RESOLVE(fs, path, p, tmp);
	rc = fs->ops->list_dir(fs->ctx, p, names);
	free(tmp);
	return rc;
}

bool ps_fs_exists(const struct ps_fs *fs, const char *path)
{
	struct ps_stat st;

	return ps_fs_stat(fs, path, &st) == 0;
}

bool ps_fs_isfile(const struct ps_fs *fs, const char *path)
{
	struct ps_stat st;

	/* NT: GetFileAttributesW and "not a directory". */
	if (ps_fs_stat(fs, path, &st) != 0)
		return false;
	return fs->platform == PS_PLATFORM_NT ? st.type != PS_FT_DIR : st.type == PS_FT_FILE;
}

bool ps_fs_isdir(const struct ps_fs *fs, const char *path)
{
	struct ps_stat st;

	return ps_fs_stat(fs, path, &st) == 0 && st.type == PS_FT_DIR;
}

bool ps_fs_isxfile(const struct ps_fs *fs, const char *path)
{
	struct ps_stat st;
	size_t n;

	if (ps_fs_stat(fs, path, &st) != 0)
		return false;
	if (fs->platform == PS_PLATFORM_NT) {
		/* getpath_isxfile on Windows: not a directory and ends in ".exe". */
		n = strlen(path);
		return st.type != PS_FT_DIR && n >= 4 && strcasecmp(path + n - 4, ".exe") == 0;
	}
	return st.type == PS_FT_FILE && (st.mode & 0111) != 0;
}

/*
 * join_relfile() of Python/fileutils.c: no separator after an empty or
 * one-character directory.  Yours.
 */
static char *join_relfile(enum ps_platform p, const char *dir, const char *rel)
{
	struct ps_buf b;
	size_t n = strlen(dir);

	if (p == PS_PLATFORM_NT)
		return ps_path_join2(p, dir, rel);
	ps_buf_init(&b);
	ps_buf_adds(&b, dir);
	if (n > 1 && dir[n - 1] != '/')
		ps_buf_addc(&b, '/');
	ps_buf_adds(&b, rel);
	return ps_buf_detach(&b);
}

int ps_fs_realpath_final(const struct ps_fs *fs, const char *path, char **out)
{
	const enum ps_platform plat = fs->platform;
	char *cur, *target, *next, *norm, *slash;
	int nlink = 0;

	*out = NULL;
	cur = strdup(path);
	if (!cur)
		return ENOMEM;
	for (;;) {
		/*
		 * Any readlink failure ends the chain with the path reached so
		 * far: a missing file (ENOENT), a non-link (EINVAL) or an
		 * unreadable directory all return the path unchanged, as
		 * getpath_realpath does.
		 */
		int rc = ps_fs_readlink(fs, cur, &target);

		if (rc == ENOMEM) {
			free(cur);
			return ENOMEM;
		}
		if (rc) {
			*out = cur;
			return 0;
		}
		if (ps_path_isabs(plat, target)) {
			free(cur);
			cur = target;
		} else {
			/*
			 * The link's directory is the text before the last SEP,
			 * and the whole path when there is none: so "/python3 ->
			 * bin/python3.12" gives the relative "bin/python3.12"
			 * (strace of a /h1py link in 3.13), and a link "py" with
			 * no SEP gives "py/<target>".
			 */
			slash = strrchr(cur, ps_path_sep(plat));
			if (slash)
				*slash = '\0';
			next = join_relfile(plat, cur, target);
			free(cur);
			free(target);
			if (!next)
				return ENOMEM;
			norm = ps_path_normpath(plat, next);
			free(next);
			if (!norm)
				return ENOMEM;
			cur = norm;
		}
		/* 40 successful readlinks is an error even if the 40th target is real. */
		if (++nlink >= PS_REALPATH_MAX_LINKS) {
			free(cur);
			return ELOOP;
		}
	}
}

/* ---- os.path.realpath ------------------------------------------------ */

struct seen {
	char **key;      /* link path */
	char **val;      /* its resolution, NULL while being resolved */
	size_t n, alloc;
};

static void seen_release(struct seen *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->key[i]);
		free(s->val[i]);
	}
	free(s->key);
	free(s->val);
}

static long seen_find(const struct seen *s, const char *k)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->key[i], k) == 0)
			return (long)i;
	return -1;
}

static long seen_add(struct seen *s, const char *k)
{
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 8;
		char **nk = realloc(s->key, na * sizeof(*nk)), **nv;

		if (!nk)
			return -1;
		s->key = nk;
		nv = realloc(s->val, na * sizeof(*nv));
		if (!nv)
			return -1;
		s->val = nv;
		s->alloc = na;
	}
	s->key[s->n] = strdup(k);
	if (!s->key[s->n])
		return -1;
	s->val[s->n] = NULL;
	return (long)s->n++;
}

/* posixpath.join(a, b) for a component b without separators (or b == ".."). Yours. */
static char *pjoin(char sep, const char *a, const char *b)
{
	struct ps_buf buf;

	ps_buf_init(&buf);
	ps_buf_adds(&buf, a);
	if (buf.len && buf.s[buf.len - 1] != sep)
		ps_buf_addc(&buf, sep);
	ps_buf_adds(&buf, b);
	return ps_buf_detach(&buf);
}

/*
 * posixpath.split: returns the head (yours; trailing separators removed
 * unless it is all separators) and points *tail into path.
 */
static char *psplit(char sep, const char *path, const char **tail)
{
	const char *last = strrchr(path, sep);
	size_t hl = last ? (size_t)(last - path) + 1 : 0, i;

	*tail = path + hl;
	for (i = 0; i < hl && path[i] == sep; i++)
		;
	if (i < hl)
		while (hl > 0 && path[hl - 1] == sep)
			hl--;
	return strndup(path, hl);
}

/*
 * posixpath._joinrealpath: resolves `rest` on top of the resolved `*path`
 * (replaced, yours).  Returns 1 when fully resolved, 0 when a loop
 * stopped it (then *path is the unresolved remainder joined on), -1 OOM.
 */
static int joinrealpath(const struct ps_fs *fs, char **path, const char *rest, struct seen *seen,
			int depth)
{
	const char sep = ps_path_sep(fs->platform);
	const char *r = rest, *e;
	char *name = NULL, *newpath = NULL, *target = NULL, *tmp;
	struct ps_stat st;
	long idx;
	int ok;

	if (*r == sep) {
		while (*r == sep)
			r++;
		free(*path);
		*path = strndup(&sep, 1);
		if (!*path)
			return -1;
	}
	while (*r) {
		e = strchr(r, sep);
		if (!e)
			e = r + strlen(r);
		name = strndup(r, (size_t)(e - r));
		r = *e ? e + 1 : e;
		if (!name)
			return -1;
		if (!*name || strcmp(name, ".") == 0) {
			free(name);
			continue;
		}
		if (strcmp(name, "..") == 0) {
			free(name);
			if (**path) {
				/* path, name = split(path); a popped ".." doubles up */
				const char *tail;
				char *head = psplit(sep, *path, &tail);

				if (head && strcmp(tail, "..") == 0) {
					tmp = pjoin(sep, head, "..");
					free(head);
					head = tmp ? pjoin(sep, tmp, "..") : NULL;
					free(tmp);
				}
				if (!head)
					return -1;
				free(*path);
				*path = head;
			} else {
				free(*path);
				*path = strdup("..");
				if (!*path)
					return -1;
			}
			continue;
		}
		newpath = pjoin(sep, *path, name);
		free(name);
		if (!newpath)
			return -1;
		if (ps_fs_lstat(fs, newpath, &st) != 0 || st.type != PS_FT_LINK) {
			free(*path);
			*path = newpath;
			continue;
		}
		idx = seen_find(seen, newpath);
		if (idx >= 0) {
			if (seen->val[idx]) {
				free(*path);
				*path = strdup(seen->val[idx]);
				free(newpath);
				if (!*path)
					return -1;
				continue;
			}
			/* A loop: return join(newpath, rest) unresolved. */
			free(*path);
			*path = *r ? pjoin(sep, newpath, r) : strdup(newpath);
			free(newpath);
			return *path ? 0 : -1;
		}
		if (depth > 1000 || ps_fs_readlink(fs, newpath, &target) != 0) {
			/* os.readlink failing after lstat said "link" (a race): keep the name. */
			free(*path);
			*path = newpath;
			continue;
		}
		idx = seen_add(seen, newpath);
		if (idx < 0) {
			free(newpath);
			free(target);
			return -1;
		}
		ok = joinrealpath(fs, path, target, seen, depth + 1);
		free(target);
		target = NULL;
		if (ok < 0) {
			free(newpath);
			return -1;
		}
		if (!ok) {
			tmp = *r ? pjoin(sep, *path, r) : strdup(*path);
			free(*path);
			*path = tmp;
			free(newpath);
			return *path ? 0 : -1;
		}
		/* seen_add may have moved the arrays; look the slot up again */
		idx = seen_find(seen, newpath);
		free(newpath);
		seen->val[idx] = strdup(*path);
		if (!seen->val[idx])
			return -1;
	}
	return 1;
}

int ps_fs_realpath_full(const struct ps_fs *fs, const char *path, char **out)
{
	struct seen seen = { 0 };
	char *p = strdup("");
	int rc;

	*out = NULL;
	if (!p)
		return ENOMEM;
	if (fs->platform == PS_PLATFORM_NT) {
		/* ntpath.realpath needs the OS; the lexical absolute path is the best we can do. */
		free(p);
		*out = ps_path_abspath(fs->platform, fs->cwd, path);
		return *out ? 0 : ENOMEM;
	}
	rc = joinrealpath(fs, &p, path, &seen, 0);
	seen_release(&seen);
	if (rc < 0) {
		free(p);
		return ENOMEM;
	}
	*out = ps_path_abspath(fs->platform, fs->cwd, p);
	free(p);
	return *out ? 0 : ENOMEM;
}

/* ---- readlines --------------------------------------------------------- */

int ps_fs_read_lines(const struct ps_fs *fs, const char *path, size_t limit, struct ps_strv *lines)
{
	char *data, *p, *nl;
	size_t len, n0 = lines->n;
	int rc;

	rc = ps_fs_read_file(fs, path, limit, &data, &len);
	if (rc)
		return rc;
	/* getpath_readlines reads into a buffer of `limit` bytes: a full buffer is an error. */
	if (len >= limit) {
		free(data);
		return EFBIG;
	}
	/*
	 * The decoded text is scanned as a C wide string, so an embedded NUL
	 * ends it: nothing after the first NUL byte is seen.
	 */
	p = data;
	while ((nl = strchr(p, '\n')) != NULL) {
		size_t n = (size_t)(nl - p);

		/* every '\r' (and '\n') at the end of a terminated line goes */
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n'))
			n--;
		if (ps_strv_push_take(lines, strndup(p, n)) < 0)
			goto oom;
		p = nl + 1;
	}
	/* an unterminated last line is kept verbatim (a lone "\r" included) */
	if (*p && ps_strv_push(lines, p) < 0)
		goto oom;
	free(data);
	return 0;
oom:
	free(data);
	while (lines->n > n0)
		ps_strv_remove(lines, lines->n - 1);
	return ENOMEM;
}
