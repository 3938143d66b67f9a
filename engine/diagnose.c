/*
 * diagnose.c - names the cause of a predicted fatal start-up error and the
 * fix in one sentence (issue 3, item 5).
 *
 * The fatal error itself (message, output, exit status) is decided by the
 * getpath and fatal-check stages; this only looks at the inputs and the
 * tree around what they computed to say *why* in plain words:
 *
 *   - PYTHONHOME at a virtual environment (suggest its pyvenv.cfg home),
 *   - PYTHONHOME at another Python version (lib/python3.7 but no lib/python3.12),
 *   - PYTHONHOME at nothing, or at a directory without a standard library,
 *   - a bogus PYTHONPLATLIBDIR,
 *   - an empty (or directory) ._pth file,
 *   - a venv whose pyvenv.cfg `home` no longer exists.
 *
 * It must be called once the fatal error is known (ps_fatal_check's caller,
 * fatal.c or compute.c, after r->has_fatal is set).  Probes here are not
 * traced: they are pathscope's own investigation, not CPython's behaviour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute-int.h"

struct diag {
	struct ps_ctx *c;
	char *cause, *fix;   /* yours until handed to r->fatal */
};

static void diag_set(struct diag *d, char *cause, char *fix)
{
	if (d->cause) {       /* the first, most specific diagnosis wins */
		free(cause);
		free(fix);
		return;
	}
	d->cause = cause;
	d->fix = fix;
}

/* "lib/python3.12" (with the free-threading 't' when it applies); yours. */
static char *stdlib_sub(struct ps_ctx *c, const char *libdir)
{
	return ps_ctx_printf(c, "%s/python%d.%d%s", libdir, c->rules->major, c->rules->minor,
			     c->rules->abi_thread && c->in->build.abi_thread ? c->in->build.abi_thread : "");
}

/* Whether prefix holds a standard library (os.py or os.pyc) under libdir. */
static bool has_stdlib(struct ps_ctx *c, const char *prefix, const char *libdir)
{
	char *sub = stdlib_sub(c, libdir);
	char *py = sub ? ps_ctx_printf(c, "%s/%s/os.py", prefix, sub) : NULL;
	char *pyc = sub ? ps_ctx_printf(c, "%s/%s/os.pyc", prefix, sub) : NULL;
	bool ok = (py && ps_fs_isfile(c->fs, py)) || (pyc && ps_fs_isfile(c->fs, pyc));
	free(sub);
	free(py);
	free(pyc);
	return ok;
}

/* The `home` value of a pyvenv.cfg (lenient 3.11+ parsing); yours, NULL when absent. */
static char *cfg_home(struct ps_ctx *c, const char *cfg)
{
	struct ps_strv lines;
	char *home = NULL;
	ps_strv_init(&lines);
	if (ps_fs_read_lines(c->fs, cfg, PS_READLINES_LIMIT, &lines) == 0) {
		for (size_t i = 0; i < lines.n; i++) {
			char *l = lines.v[i], *eq = strchr(l, '='), *k, *v, *e;
			if (!eq)
				continue;
			k = l;
			while (*k == ' ' || *k == '\t')
				k++;
			e = eq;
			while (e > k && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if ((size_t)(e - k) != 4 || strncasecmp(k, "home", 4) != 0)
				continue;
			v = eq + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			e = v + strlen(v);
			while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			free(home);
			home = ps_ctx_printf(c, "%.*s", (int)(e - v), v);
		}
	}
	ps_strv_release(&lines);
	return home;
}

/* Lists "pythonX.Y" directories under dir/lib other than ours, as "3.7, 3.8"; yours or NULL. */
static char *other_versions(struct ps_ctx *c, const char *prefix)
{
	struct ps_strv names;
	struct ps_buf b;
	char *lib = ps_ctx_join(c, prefix, "lib");
	char mine[32];
	snprintf(mine, sizeof mine, "python%d.%d", c->rules->major, c->rules->minor);
	ps_strv_init(&names);
	ps_buf_init(&b);
	if (lib && c->fs->ops && c->fs->ops->list_dir &&
	    c->fs->ops->list_dir(c->fs->ctx, lib, &names) == 0) {
		for (size_t i = 0; i < names.n; i++) {
			int a, m, n = 0;
			char *full;
			if (sscanf(names.v[i], "python%d.%d%n", &a, &m, &n) != 2 ||
			    (names.v[i][n] && strcmp(names.v[i] + n, "t")) ||
			    strcmp(names.v[i], mine) == 0)
				continue;
			full = ps_ctx_join(c, lib, names.v[i]);
			if (full && ps_fs_isdir(c->fs, full)) {
				if (b.len)
					ps_buf_adds(&b, ", ");
				ps_buf_adds(&b, names.v[i] + 6);
			}
			free(full);
		}
	}
	ps_strv_release(&names);
	free(lib);
	if (b.oom) {
		c->oom = true;
		ps_buf_release(&b);
		return NULL;
	}
	if (!b.len) {
		ps_buf_release(&b);
		return NULL;
	}
	return ps_buf_detach(&b);
}

static void diagnose_home(struct diag *d, const char *home)
{
	struct ps_ctx *c = d->c;
	const char *pl = c->r->getpath.platlibdir ? c->r->getpath.platlibdir : "lib";
	char *prefix = NULL, *cfg = NULL, *sub = stdlib_sub(c, pl);
	const char *colon = c->plat == PS_PLATFORM_NT ? NULL : strchr(home, ':');
	char *others;

	prefix = colon ? ps_ctx_printf(c, "%.*s", (int)(colon - home), home) : ps_ctx_strdup(c, home);
	if (!prefix || !sub)
		goto out;
	if (!*prefix)
		goto out;
	if (!ps_fs_exists(c->fs, prefix)) {
		diag_set(d, ps_ctx_printf(c, "PYTHONHOME is set to %s, which does not exist, so no "
					  "standard library (and no encodings module) can be found", home),
			 ps_ctx_printf(c, "Unset PYTHONHOME (the interpreter finds its installation by "
				       "itself) or point it at an existing Python %d.%d prefix.",
				       c->rules->major, c->rules->minor));
		goto out;
	}
	cfg = ps_ctx_join(c, prefix, "pyvenv.cfg");
	if (cfg && ps_fs_isfile(c->fs, cfg)) {
		char *vh = cfg_home(c, cfg);
		char *base = vh ? ps_ctx_dirname(c, vh) : NULL;
		char *fix = NULL;
		if (c->in->embed.present) {
			/*
			 * An embedding application has no venv/bin/python to run: it
			 * gets the venv by naming the venv's python as its program
			 * (getpath and site.py then find pyvenv.cfg next to it), or by
			 * adding the venv's site-packages itself.
			 */
			char *venv_sp = ps_ctx_printf(c, "%s/lib/python%d.%d/site-packages", prefix,
						      c->rules->major, c->rules->minor);
			fix = ps_ctx_printf(c, "Unset PYTHONHOME%s%s%s. To use the venv from the "
					    "application, set %s to %s/bin/python before initialising "
					    "Python (the venv's pyvenv.cfg is then found and site.py "
					    "activates it), or keep PYTHONHOME unset and add %s with "
					    "site.addsitedir().",
					    base && *base ? " (or set it to " : "",
					    base && *base ? base : "",
					    base && *base ? ", the installation the venv was made from)" : "",
					    c->rules->major == 3 && c->rules->minor >= 8
					    ? "PyConfig.program_name (Py_SetProgramName in older code)"
					    : "the program name with Py_SetProgramName()",
					    prefix, venv_sp ? venv_sp : "its site-packages");
			free(venv_sp);
		}
		diag_set(d, ps_ctx_printf(c, "PYTHONHOME is set to %s, a virtual environment: a venv "
					  "has no standard library of its own (%s/%s/os.py does not "
					  "exist)", home, prefix, sub),
			 fix ? fix : base && *base
			 ? ps_ctx_printf(c, "Unset PYTHONHOME (run %s/bin/python to use the venv), or "
					 "set it to %s, the installation the venv's pyvenv.cfg names "
					 "(home = %s).", prefix, base, vh)
			 : ps_ctx_printf(c, "Unset PYTHONHOME and run %s/bin/python to use the venv.",
					 prefix));
		free(vh);
		free(base);
		goto out;
	}
	if (!has_stdlib(c, prefix, pl) && (others = other_versions(c, prefix)) != NULL) {
		diag_set(d, ps_ctx_printf(c, "PYTHONHOME is set to %s, an installation of another "
					  "Python version: %s/lib/python%s exists, %s/%s does not",
					  home, prefix, others, prefix, sub),
			 ps_ctx_printf(c, "Unset PYTHONHOME for this interpreter (Python %d.%d), or "
				       "run the Python that lives in %s.", c->rules->major,
				       c->rules->minor, prefix));
		free(others);
		goto out;
	}
	if (!has_stdlib(c, prefix, pl) && strcmp(pl, "lib") && has_stdlib(c, prefix, "lib"))
		goto out; /* the platlibdir is at fault: diagnosed next */
	if (!has_stdlib(c, prefix, pl))
		diag_set(d, ps_ctx_printf(c, "PYTHONHOME is set to %s, but %s/%s/os.py does not "
					  "exist: there is no Python %d.%d standard library there",
					  home, prefix, sub, c->rules->major, c->rules->minor),
			 ps_ctx_printf(c, "Unset PYTHONHOME or point it at the prefix of a Python "
				       "%d.%d installation (the directory that contains %s).",
				       c->rules->major, c->rules->minor, sub));
out:
	free(prefix);
	free(cfg);
	free(sub);
}

static void diagnose_platlibdir(struct diag *d, const char *pl)
{
	struct ps_ctx *c = d->c;
	const char *prefixes[3] = { c->r->getpath.prefix, c->r->getpath.base_prefix,
				    c->in->build.prefix ? c->in->build.prefix : "/usr/local" };
	if (strcmp(pl, "lib") == 0)
		return;
	for (int i = 0; i < 3; i++) {
		const char *p = prefixes[i];
		if (!p || !*p || has_stdlib(c, p, pl) || !has_stdlib(c, p, "lib"))
			continue;
		diag_set(d, ps_ctx_printf(c, "PYTHONPLATLIBDIR is set to %s, but the installation at %s "
					  "keeps its standard library under lib (%s/%s/python%d.%d does "
					  "not exist)", pl, p, p, pl, c->rules->major, c->rules->minor),
			 ps_ctx_printf(c, "Unset PYTHONPLATLIBDIR (or set it to lib)."));
		return;
	}
}

/* An empty or directory ._pth file next to the executable. */
static void diagnose_pth(struct diag *d)
{
	struct ps_ctx *c = d->c;
	const char *exe = c->r->getpath.executable;
	char *dir, *base, *pth = NULL;
	struct ps_strv lines;
	bool empty = true, isdir;
	if (!exe || !*exe)
		return;
	dir = ps_ctx_dirname(c, exe);
	base = ps_ctx_basename(c, exe);
	if (dir && base) {
		char *dot = c->plat == PS_PLATFORM_NT ? strrchr(base, '.') : NULL;
		if (dot)
			*dot = '\0';
		pth = ps_ctx_printf(c, "%s%s%s._pth", dir, *dir ? "/" : "", base);
	}
	if (!pth || !ps_fs_exists(c->fs, pth))
		goto out;
	isdir = ps_fs_isdir(c->fs, pth);
	ps_strv_init(&lines);
	if (!isdir && ps_fs_read_lines(c->fs, pth, PS_READLINES_LIMIT, &lines) == 0)
		for (size_t i = 0; i < lines.n; i++) {
			const char *l = lines.v[i];
			while (*l == ' ' || *l == '\t')
				l++;
			if (*l && *l != '#')
				empty = false;
		}
	ps_strv_release(&lines);
	if (isdir || empty)
		diag_set(d, ps_ctx_printf(c, "%s %s: a ._pth file next to the executable replaces "
					  "sys.path and forces the home to %s, so with no entries "
					  "no standard library is found", pth,
					  isdir ? "is a directory (it still counts as a ._pth file)"
						: "lists no paths", dir),
			 ps_ctx_printf(c, "Delete %s, or list the standard library directories in it "
				       "(one per line).", pth));
out:
	free(dir);
	free(base);
	free(pth);
}

/* A venv (pyvenv.cfg next to or above the executable) whose home is gone. */
static void diagnose_venv(struct diag *d)
{
	struct ps_ctx *c = d->c;
	const char *exe = c->r->getpath.executable;
	char *dir, *up, *cfgs[2] = { NULL, NULL };
	if (!exe || !*exe)
		return;
	dir = ps_ctx_dirname(c, exe);
	up = dir ? ps_ctx_dirname(c, dir) : NULL;
	if (up) {
		cfgs[0] = ps_ctx_join(c, up, "pyvenv.cfg");
		cfgs[1] = ps_ctx_join(c, dir, "pyvenv.cfg");
	}
	for (int i = 0; i < 2; i++) {
		char *home;
		if (!cfgs[i] || !ps_fs_isfile(c->fs, cfgs[i]))
			continue;
		home = cfg_home(c, cfgs[i]);
		if (home && *home && !ps_fs_isdir(c->fs, home))
			diag_set(d, ps_ctx_printf(c, "the virtual environment's %s names home = %s, "
						  "which no longer exists (the Python it was made "
						  "from was removed or moved)", cfgs[i], home),
				 ps_ctx_printf(c, "Recreate the venv with an existing Python (python3 -m "
					       "venv --clear %s), or correct `home` in %s.",
					       i == 0 ? up : dir, cfgs[i]));
		free(home);
		break;
	}
	free(dir);
	free(up);
	free(cfgs[0]);
	free(cfgs[1]);
}

void ps_fatal_diagnose(struct ps_ctx *c)
{
	struct ps_result *r = c->r;
	struct diag d = { c, NULL, NULL };
	const char *home, *pl;

	if (!r->has_fatal)
		return;
	/* site.py failures are diagnosed where they happen (site.c) */
	if (r->fatal.message && strstr(r->fatal.message, "init_import_site"))
		return;
	diagnose_pth(&d);
	home = ps_ctx_env_gated(c, "PYTHONHOME");
	if (!c->pth_file_used && home)
		diagnose_home(&d, home);
	pl = ps_ctx_env_gated(c, "PYTHONPLATLIBDIR");
	if (pl && c->rules->has_platlibdir)
		diagnose_platlibdir(&d, pl);
	diagnose_venv(&d);
	if (!d.cause && !r->fatal.cause && r->getpath.stdlib_dir)
		diag_set(&d, ps_ctx_printf(c, "no encodings package under the computed standard "
					   "library %s: the interpreter cannot start without it",
					   r->getpath.stdlib_dir),
			 ps_ctx_printf(c, "Check that the Python %d.%d installation under %s is "
				       "complete, or unset PYTHONHOME/PYTHONPATH overrides.",
				       c->rules->major, c->rules->minor,
				       r->getpath.prefix ? r->getpath.prefix : "its prefix"));
	if (d.cause) {
		free(r->fatal.cause);
		free(r->fatal.fix);
		r->fatal.cause = d.cause;
		r->fatal.fix = d.fix;
	}
}
