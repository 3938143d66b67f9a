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

/* True when data holds a zip end-of-central-directory record (what zipimport needs). */
static bool looks_like_zip(const char *data, size_t len)
{
	size_t start = len > 65557 ? len - 65557 : 0;
	if (len < 22)
		return false;
	for (size_t i = len - 22 + 1; i-- > start;)
		if (memcmp(data + i, "PK\x05\x06", 4) == 0)
			return true;
	return false;
}

/* Would zipimport accept this file as an archive? */
static bool is_zip_archive(struct ps_ctx *c, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int rc;
	bool zip;
	const char *dot;

	if (!c->fs->ops->read_file)
		return false;
	rc = c->fs->ops->read_file(c->fs->ctx, path, 64u << 20, &data, &len);
	if (rc == 0) {
		zip = looks_like_zip(data, len);
		free(data);
		return zip;
	}
	/* too large to look at: go by the name */
	dot = strrchr(path, '.');
	return rc == EFBIG && dot && (!strcmp(dot, ".zip") || !strcmp(dot, ".pyz"));
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

	if (run->kind == PS_RUN_SCRIPT) {
		/* the main importer: a directory or a zip archive runs its __main__ */
		bool dir = ps_probe_isdir(c, PS_PHASE_PATH0, arg,
					  "is the script a directory with __main__.py?");
		bool zip;
		script_is_file = !dir && ps_probe_isfile(c, PS_PHASE_PATH0, arg,
							 "is the script a zip archive?");
		zip = script_is_file && is_zip_archive(c, arg);
		if (dir || zip) {
			/* config's run_filename: _Py_abspath, which does not normalise */
			if (ps_path_isabs(c->plat, arg))
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
			if (ps_strv_pushf(&c->r->notes, "the script %s does not exist: the "
					  "interpreter would exit with status 2 (\"can't open file\") "
					  "after start-up", arg) < 0)
				c->oom = true;
		}
		free(real);
		free(abs);
		break;
	}
	case PS_RUN_MODULE:
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
