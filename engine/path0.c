/*
 * path0.c - sys.path[0], inserted after site.py has run (so site never
 * sees, dedups or absolutizes it), as Modules/main.c does it:
 *
 *   - a script that is a directory or a zip archive ("main importer") is
 *     inserted itself, made absolute without normalisation, even under
 *     -P / -I;
 *   - otherwise nothing when safe_path (3.11+) or isolated (<=3.10);
 *   - a script: the directory of its fully resolved path (realpath(3):
 *     directory symlinks too, unlike getpath); a script that cannot be
 *     resolved keeps the directory part as typed;
 *   - -m: the working directory (getcwd);
 *   - -c, stdin, interactive: ''.
 *
 * An embedding application gets sys.path[0] only when it hands Python an
 * argv with updatepath (PySys_SetArgv, PySys_SetArgvEx(..., 1)) or runs
 * Py_RunMain / Py_Main (embed.set_argv); Py_Initialize alone inserts
 * nothing (real 3.8.18, 3.12.1 and 3.13.0 programs: no '' entry; with
 * PySys_SetArgvEx of "", "-c", "-m" or a script: '', the cwd, its directory).
 *
 * On Windows (nt) there is no realpath: the script path is made absolute
 * with GetFullPathNameW (normalised, links left alone) and its directory
 * is what precedes the last '\\' or '/', keeping the separator after a
 * drive ("C:\\x.py" gives "C:\\"); a directory or zip main is made
 * absolute the same way.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compute-int.h"

/* The directory part kept by _PyPathConfig_ComputeSysPath0: "/x" gives "/", "x" gives "". Yours. */
static char *path0_dirname(struct ps_ctx *c, const char *p)
{
	const char *slash = strrchr(p, '/');
	size_t n;
	char *out;
	if (!slash)
		return ps_ctx_strdup(c, "");
	n = (size_t)(slash - p);
	if (n == 0)
		n = 1;
	out = malloc(n + 1);
	if (!out) {
		c->oom = true;
		return NULL;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return le16(p) | (unsigned long)le16(p + 2) << 16;
}

/*
 * Looks at a file as zipimport would: 1 when it is a zip archive holding
 * `member` (NULL: any archive), 0 when it is an archive without it, -1
 * when it is not an archive zipimport accepts (no end-of-central-directory
 * record, or unreadable), 2 when it is too large to look into (assumed to
 * be an archive that may hold it).
 */
int ps_zip_probe(struct ps_ctx *c, const char *path, const char *member)
{
	char *data = NULL;
	size_t len = 0, eocd = (size_t)-1, start, off, n, i;
	const unsigned char *d;
	int rc, res = -1;

	rc = ps_fs_read_file(c->fs, path, 64u << 20, &data, &len);
	if (rc == EFBIG)
		return 2;
	if (rc == ENOMEM)
		c->oom = true;
	if (rc != 0)
		return -1;
	d = (const unsigned char *)data;
	/* the end record is within the last 64 KiB + 22 bytes (comment up to 65535) */
	start = len > 65557 ? len - 65557 : 0;
	for (i = len >= 22 ? len - 22 + 1 : 0; i-- > start;) {
		if (memcmp(d + i, "PK\x05\x06", 4) == 0) {
			eocd = i;
			break;
		}
	}
	if (eocd == (size_t)-1)
		goto out;
	res = 0;
	if (!member) {
		res = 1;
		goto out;
	}
	n = le16(d + eocd + 10);
	off = le32(d + eocd + 16);
	for (i = 0; i < n && off + 46 <= eocd; i++) {
		size_t flen = le16(d + off + 28), xlen = le16(d + off + 30), clen = le16(d + off + 32);
		if (memcmp(d + off, "PK\x01\x02", 4) != 0 || off + 46 + flen > eocd)
			break;
		if (flen == strlen(member) && memcmp(d + off + 46, member, flen) == 0) {
			res = 1;
			break;
		}
		off += 46 + flen + xlen + clen;
	}
out:
	free(data);
	return res;
}

/* Would zipimport accept this file as an archive (runpy then runs its __main__)? */
static bool is_zip_archive(struct ps_ctx *c, const char *path)
{
	int z = ps_zip_probe(c, path, NULL);
	const char *dot;
	if (z == 2) {
		/* too large to look at: go by the name */
		dot = strrchr(path, '.');
		return dot && (!strcmp(dot, ".zip") || !strcmp(dot, ".pyz"));
	}
	return z == 1;
}

static void insert(struct ps_ctx *c, const char *path0, long step, const char *detail)
{
	struct ps_result *r = c->r;
	if (!path0 || c->oom)
		return;
	if (ps_strv_insert(&r->sys.path, 0, path0) < 0) {
		c->oom = true;
		return;
	}
	ps_entries_insert(c, &r->entries, &r->nentries, 0, path0, PS_ORIGIN_SCRIPT_DIR, step, "%s",
			  detail);
}

/* Windows: the text before the last '\\' or '/', "C:\\" for a file at a drive's root. Yours. */
static char *path0_dirname_nt(struct ps_ctx *c, const char *p)
{
	const char *bs = strrchr(p, '\\'), *fs = strrchr(bs ? bs : p, '/');
	const char *sep = fs ? fs : bs;
	size_t n;
	char *out;
	if (!sep)
		return ps_ctx_strdup(c, "");
	n = (size_t)(sep - p) + 1;
	if (n > 1 && sep[-1] != ':')
		n--;  /* drop the separator, except after a drive */
	out = malloc(n + 1);
	if (!out) {
		c->oom = true;
		return NULL;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

int ps_path0_run(struct ps_ctx *c)
{
	const struct ps_run *run = &c->in->run;
	const char *arg = run->arg ? run->arg : "";
	bool skip = (c->rules->safe_path && c->safe_path) ||
		    (c->rules->isolated_no_path0 && c->isolated);
	const char *why_skip = c->rules->safe_path && c->safe_path
			       ? "safe_path is on (-P, -I, PYTHONSAFEPATH or a ._pth file)"
			       : "isolated mode (-I) suppresses it before 3.11";
	char *path0 = NULL, *detail = NULL;
	bool script_is_file = false;
	long step;

	if (c->in->embed.present && !c->in->embed.set_argv) {
		ps_trace(c, PS_PHASE_PATH0, PS_OP_DECIDE, NULL, "none",
			 "no sys.path[0]: the embedding application initialises Python without "
			 "giving it an argv (no PySys_SetArgv / PySys_SetArgvEx with updatepath, no "
			 "Py_RunMain), and only those insert sys.path[0] (embed.set_argv: true "
			 "models an application that does)");
		goto out;
	}
	if (run->kind == PS_RUN_SCRIPT) {
		/* the main importer: a directory or a zip archive runs its __main__ */
		bool dir = ps_probe_isdir(c, PS_PHASE_PATH0, arg,
					  "is the script a directory with __main__.py?");
		bool zip;
		script_is_file = !dir && ps_probe_isfile(c, PS_PHASE_PATH0, arg,
							 "is the script a zip archive?");
		zip = script_is_file && is_zip_archive(c, arg);
		if (dir || zip) {
			/* config's run_filename: _Py_abspath, which does not normalise (POSIX) */
			if (c->plat == PS_PLATFORM_NT)
				path0 = ps_ctx_abspath(c, arg);
			else if (ps_path_isabs(c->plat, arg))
				path0 = ps_ctx_strdup(c, arg);
			else if (!arg[0] || !strcmp(arg, "."))
				path0 = ps_ctx_strdup(c, c->in->cwd);
			else
				path0 = ps_ctx_printf(c, "%s/%s", c->in->cwd, arg);
			detail = ps_ctx_printf(c, "the %s %s given as the script runs its __main__ and "
						  "is inserted itself (made absolute, not "
						  "normalised), even with safe_path",
					       dir ? "directory" : "zip archive", arg);
			step = ps_trace_set(c, PS_PHASE_PATH0, "sys.path[0]", path0, "%s",
					    detail ? detail : "");
			insert(c, path0, step, detail ? detail : "");
			goto out;
		}
	}
	if (skip) {
		ps_trace(c, PS_PHASE_PATH0, PS_OP_DECIDE, NULL, "none",
			 "no sys.path[0]: %s", why_skip);
		goto out;
	}
	switch (run->kind) {
	case PS_RUN_SCRIPT: {
		char *abs = ps_ctx_abspath(c, arg);
		if (c->plat == PS_PLATFORM_NT) {
			/* GetFullPathNameW, then the directory part: no link is resolved */
			path0 = abs ? path0_dirname_nt(c, abs) : NULL;
			detail = ps_ctx_printf(c, "the directory of the script %s made absolute (%s); "
						  "Windows resolves no links here", arg, abs ? abs : "");
			if (!script_is_file && !c->in->embed.present && !ps_fs_exists(c->fs, arg) &&
			    ps_strv_pushf(&c->r->notes, "the script %s does not exist: the "
					  "interpreter would exit with status 2 (\"can't open file\") "
					  "after start-up", arg) < 0)
				c->oom = true;
			free(abs);
			break;
		}
		char *real = NULL;
		bool exists = script_is_file || ps_fs_exists(c->fs, arg);
		if (exists && abs) {
			if (ps_fs_realpath_full(c->fs, abs, &real) != 0)
				c->oom = true;
			ps_trace(c, PS_PHASE_PATH0, PS_OP_REALPATH, arg, real,
				 "the script's full real path (directory symlinks resolved too)");
		}
		if (real) {
			path0 = path0_dirname(c, real);
			detail = ps_ctx_printf(c, "the directory of the script %s (resolved to %s)",
					       arg, real);
		} else {
			path0 = path0_dirname(c, arg);
			detail = ps_ctx_printf(c, "the directory part of the script path as typed: "
						  "%s cannot be resolved", arg);
			/* an embedding application only names it in argv: nothing opens it */
			if (!c->in->embed.present && ps_strv_pushf(&c->r->notes, "the script %s does not exist: the "
					  "interpreter would exit with status 2 (\"can't open file\") "
					  "after start-up", arg) < 0)
				c->oom = true;
		}
		free(real);
		free(abs);
		break;
	}
	case PS_RUN_MODULE:
		if (c->rules->path0_module_empty) {
			/* 2.7 and 3.6 put '' for -m, like -c; 3.7 switched to the absolute cwd */
			path0 = ps_ctx_strdup(c, "");
			detail = ps_ctx_printf(c, "-m: the empty string (Python %s uses '' for -m, "
						  "meaning the working directory at import time)",
					       c->rules->name);
			break;
		}
		path0 = ps_ctx_strdup(c, c->in->cwd ? c->in->cwd : "");
		detail = ps_ctx_printf(c, "-m: the working directory %s", path0 ? path0 : "");
		break;
	case PS_RUN_COMMAND:
		path0 = ps_ctx_strdup(c, "");
		detail = ps_ctx_printf(c, "-c: the empty string, meaning the working directory at "
					  "import time");
		break;
	case PS_RUN_INTERACTIVE:
	default:
		path0 = ps_ctx_strdup(c, "");
		detail = ps_ctx_printf(c, "interactive or stdin: the empty string, meaning the "
					  "working directory at import time");
		break;
	}
	if (!path0 || !detail) {
		c->oom = true;
		goto out;
	}
	step = ps_trace_set(c, PS_PHASE_PATH0, "sys.path[0]", path0, "%s", detail);
	insert(c, path0, step, detail);
out:
	free(path0);
	free(detail);
	return c->oom ? -1 : 0;
}
