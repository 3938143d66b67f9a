/*
 * test_explain.c - ps_explain over results computed on virtual trees.
 *
 * The trees are the site-stage fixtures of test_site.c (mirroring real
 * runs of the pyenv interpreters); what is checked here is that every
 * answer names the right rule, the right file and line, and the missing
 * piece, and that the chain follows the recorded trace.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "helper_tree.h"

static const char *const micro[] = { [11] = "3.11.7", [12] = "3.12.1", [13] = "3.13.0",
				      [14] = "3.14.0" };

/* The pyenv install of 3.<minor> (compiled PREFIX = its directory), argv0 its python3. */
static void fx_init(struct ps_pyenv *f, int minor)
{
	ps_pyenv_init(f, minor, micro[minor]);
}

static void explain(struct ps_pyenv *f, const char *path, struct ps_explanation *x)
{
	struct ps_error err;
	ps_error_init(&err);
	ps_explanation_init(x);
	assert_int_equal(ps_explain(&f->t->r, &f->t->in, path, x, &err), 0);
	assert_non_null(x->summary);
}

static bool chain_has(const struct ps_explanation *x, const char *needle)
{
	for (size_t i = 0; i < x->nsteps; i++)
		if (strstr(x->steps[i].sentence, needle))
			return true;
	return false;
}

static void has(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle)) {
		print_error("'%s' does not contain '%s'\n", hay ? hay : "(null)", needle);
		fail();
	}
}

static void pth_setup(struct ps_pyenv *f)
{
	char p[256];
	ps_env_set(&f->t->in.env, "PYTHONUSERBASE", "/u");
	ps_tree_dir(f->t, "/x/present");
	snprintf(p, sizeof p, "%s/a.pth", f->usp);
	ps_tree_text(f->t, p, "# deps\n/x/foo\n/x/present\n");
}

static void present_from_pth(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char want[256];
	(void)state;
	fx_init(&f, 12);
	pth_setup(&f);
	ps_tree_run(f.t);
	explain(&f, "/x/present", &x);
	assert_true(x.on_path);
	assert_int_equal(x.index, 5);
	snprintf(want, sizeof want, "added by %s/a.pth, line 3", f.usp);
	has(x.summary, want);
	/* the chain: user site enabled -> user site dir probed -> listed -> .pth read -> exists */
	assert_true(x.nsteps >= 4);
	assert_true(chain_has(&x, "lists the directory for .pth files"));
	assert_true(chain_has(&x, "reads the .pth file"));
	assert_true(chain_has(&x, "line 3"));
	assert_true(chain_has(&x, "USER_SITE"));
	for (size_t i = 1; i < x.nsteps; i++)
		assert_true(x.steps[i - 1].step < x.steps[i].step);
	assert_int_equal(x.npth, 1);
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void absent_missing_pth_line(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char want[256];
	(void)state;
	fx_init(&f, 12);
	pth_setup(&f);
	ps_tree_run(f.t);
	explain(&f, "/x/foo", &x);
	assert_false(x.on_path);
	snprintf(want, sizeof want, "not added: /x/foo does not exist, named by line 2 of %s/a.pth", f.usp);
	has(x.summary, want);
	has(x.missing, "/x/foo does not exist");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void absent_user_site_in_isolated_venv(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char cfg[160], t[128];
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
	ps_tree_dir(f.t, f.usp);
	snprintf(cfg, sizeof cfg, "home = %s/bin\ninclude-system-site-packages = false\n", f.prefix);
	ps_tree_text(f.t, "/v/pyvenv.cfg", cfg);
	ps_tree_dir(f.t, "/v/lib/python3.12/site-packages");
	snprintf(t, sizeof t, "%s/bin/python3.12", f.prefix);
	ps_tree_link(f.t, "/v/bin/python", t);
	ps_set_str(&f.t->in.argv0, "/v/bin/python");
	ps_tree_run(f.t);
	explain(&f, f.usp, &x);
	assert_false(x.on_path);
	has(x.summary, "not added: the user site is disabled because the interpreter runs in a venv "
		       "with include-system-site-packages = false");
	assert_true(chain_has(&x, "pyvenv.cfg"));
	ps_explanation_release(&x);

	/* the base installation's site-packages: PREFIXES is only the venv */
	explain(&f, f.sp, &x);
	assert_false(x.on_path);
	has(x.summary, "not added");
	has(x.summary, "include-system-site-packages = false");
	has(x.missing, "is not in site.PREFIXES");
	ps_explanation_release(&x);

	/* and the venv's own site-packages is there */
	explain(&f, "/v/lib/python3.12/site-packages", &x);
	assert_true(x.on_path);
	assert_true(chain_has(&x, "pyvenv.cfg"));
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void absent_no_site(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	f.t->in.flags.no_site = true;
	ps_tree_run(f.t);
	explain(&f, f.sp, &x);
	assert_false(x.on_path);
	has(x.summary, "site.py does not run (-S)");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void absent_user_site_missing_dir(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	ps_tree_run(f.t);
	explain(&f, "/home/me/.local/lib/python3.12/site-packages", &x);
	assert_false(x.on_path);
	has(x.summary, "is not a directory");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void absent_hidden_pth(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char p[256];
	struct ps_error err;
	(void)state;
	fx_init(&f, 13);
	ps_tree_dir(f.t, "/src/proj");
	snprintf(p, sizeof p, "%s/__editable__.proj.pth", f.sp);
	ps_tree_text(f.t, p, "/src/proj\n");
	ps_error_init(&err);
	assert_int_equal(ps_vfs_set_hidden(f.t->v, p, true, &err), 0);
	ps_tree_run(f.t);
	explain(&f, "/src/proj", &x);
	assert_false(x.on_path);
	has(x.summary, "the file is hidden");
	has(x.rule, "line 1 of");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void inside_and_nearest(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char p[256];
	(void)state;
	fx_init(&f, 12);
	ps_tree_run(f.t);
	snprintf(p, sizeof p, "%s/pkg/sub", f.sp);
	explain(&f, p, &x);
	assert_false(x.on_path);
	has(x.summary, "inside sys.path[4]");
	assert_int_equal(x.nearest, 4);
	ps_explanation_release(&x);

	explain(&f, "/opt/elsewhere", &x);
	assert_false(x.on_path);
	has(x.summary, "not on sys.path: no rule adds it");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

/* A relative argument is taken against the modelled cwd; '' (for -c) is the cwd. */
static void relative_argument(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	struct ps_buf b;
	(void)state;
	fx_init(&f, 12);
	ps_tree_run(f.t);
	explain(&f, ".", &x);
	assert_string_equal(x.path, "/home/me");
	assert_true(x.on_path);
	assert_int_equal(x.index, 0);
	/* '' is the cwd at import time: never called missing (resolve does not either) */
	assert_null(strstr(x.summary, "does not exist"));
	ps_buf_init(&b);
	ps_explanation_write_json(&x, &f.t->r, &b);
	assert_false(b.oom);
	has(b.s, "\"on_path\": true");
	has(b.s, "\"path\": \"/home/me\"");
	has(b.s, "\"origin\": \"script-dir\"");
	ps_buf_release(&b);
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void stdlib_entry(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	ps_tree_run(f.t);
	explain(&f, f.lib, &x);
	assert_true(x.on_path);
	assert_int_equal(x.index, 2);
	assert_true(x.nsteps >= 1);
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

static void fatal_has_no_path(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONHOME", "/nonexistent");
	ps_tree_run(f.t);
	assert_true(f.t->r.has_fatal);
	explain(&f, f.lib, &x);
	assert_false(x.on_path);
	has(x.summary, "would not start");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

/* Predicted fatal start-ups get a cause and a one-sentence fix (diagnose.c, issue 3 item 5). */
static void diagnose_case(struct ps_pyenv *f, const char *cause_part, const char *fix_part)
{
	ps_tree_run(f->t);
	assert_true(f->t->r.has_fatal);
	if (!f->t->r.fatal.cause || !strstr(f->t->r.fatal.cause, cause_part)) {
		print_error("cause '%s' lacks '%s'\n", f->t->r.fatal.cause ? f->t->r.fatal.cause : "(null)",
			    cause_part);
		fail();
	}
	has(f->t->r.fatal.fix, fix_part);
}

static void fatal_diagnosis(void **state)
{
	struct ps_pyenv f;
	char t[160];
	(void)state;
	/* PYTHONHOME at nothing */
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONHOME", "/nonexistent");
	diagnose_case(&f, "PYTHONHOME is set to /nonexistent, which does not exist", "Unset PYTHONHOME");
	ps_pyenv_release(&f);

	/* PYTHONHOME at a venv: suggest the installation its pyvenv.cfg names */
	fx_init(&f, 12);
	snprintf(t, sizeof t, "home = %s/bin\n", f.prefix);
	ps_tree_text(f.t, "/app/venv/pyvenv.cfg", t);
	ps_tree_dir(f.t, "/app/venv/lib/python3.12/site-packages");
	ps_env_set(&f.t->in.env, "PYTHONHOME", "/app/venv");
	diagnose_case(&f, "a virtual environment", f.prefix);
	has(f.t->r.fatal.fix, "run /app/venv/bin/python");
	ps_pyenv_release(&f);

	/*
	 * the same in an application embedding Python: there is no
	 * venv/bin/python to run; it names the venv's python as its program
	 * (PyConfig.program_name) or adds the venv's site-packages itself
	 */
	fx_init(&f, 12);
	snprintf(t, sizeof t, "home = %s/bin\n", f.prefix);
	ps_tree_text(f.t, "/app/venv/pyvenv.cfg", t);
	ps_tree_dir(f.t, "/app/venv/lib/python3.12/site-packages");
	ps_env_set(&f.t->in.env, "PYTHONHOME", "/app/venv");
	f.t->in.embed.present = true;
	f.t->in.embed.use_environment = 1;
	diagnose_case(&f, "a virtual environment", "Unset PYTHONHOME");
	has(f.t->r.fatal.fix, "PyConfig.program_name");
	has(f.t->r.fatal.fix, "/app/venv/bin/python before initialising");
	has(f.t->r.fatal.fix, "/app/venv/lib/python3.12/site-packages with site.addsitedir()");
	assert_null(strstr(f.t->r.fatal.fix, "run /app/venv/bin/python"));
	ps_pyenv_release(&f);

	/* PYTHONHOME at another version */
	fx_init(&f, 12);
	ps_tree_file(f.t, "/opt/py37/lib/python3.7/os.py");
	ps_env_set(&f.t->in.env, "PYTHONHOME", "/opt/py37");
	diagnose_case(&f, "/opt/py37/lib/python3.7 exists, /opt/py37/lib/python3.12 does not",
		      "Unset PYTHONHOME");
	ps_pyenv_release(&f);

	/* a bogus PYTHONPLATLIBDIR */
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONPLATLIBDIR", "bogus");
	diagnose_case(&f, "PYTHONPLATLIBDIR is set to bogus", "Unset PYTHONPLATLIBDIR");
	ps_pyenv_release(&f);

	/* an empty ._pth next to the executable */
	fx_init(&f, 12);
	snprintf(t, sizeof t, "%s/bin/python3._pth", f.prefix);
	ps_tree_text(f.t, t, "");
	diagnose_case(&f, "lists no paths", "Delete");
	ps_pyenv_release(&f);

	/* a venv whose home is gone, and no fallback installation */
	fx_init(&f, 12);
	ps_tree_text(f.t, "/v/pyvenv.cfg", "home = /gone/bin\n");
	ps_tree_file(f.t, "/v/bin/python3");
	ps_set_str(&f.t->in.build.prefix, "/gone");
	ps_set_str(&f.t->in.argv0, "/v/bin/python3");
	diagnose_case(&f, "names home = /gone/bin, which no longer exists", "Recreate the venv");
	ps_pyenv_release(&f);
}

static void explain_fs(struct ps_pyenv *f, const char *path, struct ps_explanation *x)
{
	struct ps_error err;
	ps_error_init(&err);
	ps_explanation_init(x);
	assert_int_equal(ps_explain_fs(&f->t->r, &f->t->in, &f->t->fs, path, x, &err), 0);
	assert_non_null(x->summary);
}

static bool notes_have(const struct ps_explanation *x, const char *needle)
{
	for (size_t i = 0; i < x->notes.n; i++)
		if (strstr(x->notes.v[i], needle))
			return true;
	return false;
}

static void note_has(const struct ps_explanation *x, const char *needle)
{
	if (!notes_have(x, needle)) {
		for (size_t i = 0; i < x->notes.n; i++)
			print_error("note: %s\n", x->notes.v[i]);
		print_error("no note contains '%s'\n", needle);
		fail();
	}
}

/*
 * Debian's python3.11 (site.py patched, as /usr/lib/python3.11/site.py on
 * Debian 12: getsitepackages gives prefix/local/lib/python3.11/dist-packages,
 * prefix/lib/python3/dist-packages and prefix/lib/python3.11/dist-packages,
 * and lib/python3.11/site-packages only in a venv).  /usr is sys.prefix, so
 * "not in site.PREFIXES" would be wrong: the Debian scheme is the reason.
 */
static void debian_site_packages(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	(void)state;
	memset(&f, 0, sizeof f);
	f.t = ps_tree_new(PS_PLATFORM_POSIX, 3, 11, "/usr/bin/python3", "/home/me");
	ps_tree_install(f.t, "/usr", 3, 11);
	ps_tree_dir(f.t, "/usr/lib/python3/dist-packages");
	ps_tree_dir(f.t, "/usr/local/lib/python3.11/dist-packages");
	ps_tree_file(f.t, "/usr/local/lib/python3.11/site-packages/requests/__init__.py");
	f.t->in.build.debian_site = 1;
	ps_tree_posix_defaults(f.t, "/usr", "/home/me");
	ps_tree_env(f.t, "PATH", "/usr/local/bin:/usr/bin:/bin");
	ps_tree_run(f.t);
	assert_string_equal(f.t->r.sys.prefix, "/usr");
	explain_fs(&f, "/usr/local/lib/python3.11/site-packages", &x);
	assert_false(x.on_path);
	assert_null(strstr(x.summary, "not one of site.PREFIXES"));
	assert_null(x.missing && strstr(x.missing, "is not in site.PREFIXES") ? "x" : NULL);
	has(x.summary, "Debian's");
	has(x.summary, "/usr/local/lib/python3.11/dist-packages, /usr/lib/python3/dist-packages");
	has(x.summary, "PREFIX=/usr/local (such as /usr/local/bin/python3.11 built from source)");
	has(x.rule, "lib/python3.11/site-packages only inside a venv");
	has(x.fix, "python3 -m pip install");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

/* With the interpreter failing, what PATH would be without the cause (-E included). */
static void fatal_with_remedies(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char want[256];
	(void)state;
	fx_init(&f, 12);
	ps_tree_file(f.t, "/opt/py37/lib/python3.7/os.py");
	ps_env_set(&f.t->in.env, "PYTHONHOME", "/opt/py37");
	ps_tree_run(f.t);
	assert_true(f.t->r.has_fatal);
	explain_fs(&f, f.lib, &x);
	assert_false(x.on_path);
	has(x.summary, "would not start");
	has(x.summary, "PYTHONHOME is set to /opt/py37");
	has(x.fix, "Unset PYTHONHOME");
	/* pyenv 3.12 run with -c and no PYTHONHOME: '', python312.zip, lib/python3.12 ... */
	snprintf(want, sizeof want, "with PYTHONHOME unset, it would start and %s would be sys.path[2] "
		 "(stdlib", f.lib);
	note_has(&x, want);
	note_has(&x, "with -E");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);

	/* a cause that is no variable: nothing to unset, and -E is not offered */
	fx_init(&f, 12);
	ps_tree_text(f.t, "/v/pyvenv.cfg", "home = /gone/bin\n");
	ps_tree_file(f.t, "/v/bin/python3");
	ps_set_str(&f.t->in.build.prefix, "/gone");
	ps_set_str(&f.t->in.argv0, "/v/bin/python3");
	ps_tree_run(f.t);
	assert_true(f.t->r.has_fatal);
	explain_fs(&f, "/gone/lib/python3.12", &x);
	has(x.summary, "no longer exists");
	has(x.fix, "Recreate the venv");
	assert_int_equal(x.notes.n, 0);
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

/* The user site: before site-packages, shadowing it, and how to turn it off. */
static void user_site_shadows(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char p[256], want[256];
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.t->in.env, "PYTHONUSERBASE", "/u");
	snprintf(p, sizeof p, "%s/numpy/__init__.py", f.usp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/numpy/__init__.py", f.sp);
	ps_tree_file(f.t, p);
	/* a namespace directory in both merges, and a package without a module name is no name */
	snprintf(p, sizeof p, "%s/nspkg/mod.py", f.usp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/nspkg/other.py", f.sp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/six.py", f.usp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/six.py", f.sp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/numpy-1.21.0.dist-info/RECORD", f.usp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/numpy-1.21.0.dist-info/RECORD", f.sp);
	ps_tree_file(f.t, p);
	ps_tree_run(f.t);
	/* '' /python312.zip lib lib-dynload usersite site-packages */
	assert_string_equal(f.t->r.sys.path.v[4], f.usp);
	assert_string_equal(f.t->r.sys.path.v[5], f.sp);
	{
		struct ps_shadow *sh;
		size_t n;
		struct ps_error err;
		ps_error_init(&err);
		assert_int_equal(ps_find_shadowing(&f.t->r, &f.t->in, &f.t->fs, &sh, &n, &err), 0);
		assert_int_equal(n, 2);
		assert_string_equal(sh[0].name, "numpy");
		assert_int_equal(sh[0].index, 4);
		assert_int_equal(sh[0].hidden, 5);
		assert_string_equal(sh[1].name, "six");
		ps_shadows_free(sh, n);
	}
	explain_fs(&f, f.usp, &x);
	assert_true(x.on_path);
	snprintf(want, sizeof want, "the user site comes before site-packages (sys.path[5] %s)", f.sp);
	note_has(&x, want);
	note_has(&x, "-s");
	note_has(&x, "PYTHONNOUSERSITE=1");
	snprintf(want, sizeof want, "shadowing: numpy, six here hide the same names in sys.path[5] %s",
		 f.sp);
	note_has(&x, want);
	ps_explanation_release(&x);

	explain_fs(&f, f.sp, &x);
	snprintf(want, sizeof want, "shadowed: numpy, six here are never imported: sys.path[4] %s "
		 "comes first", f.usp);
	note_has(&x, want);
	ps_explanation_release(&x);

	snprintf(p, sizeof p, "%s/numpy", f.sp);
	explain_fs(&f, p, &x);
	has(x.summary, "`import numpy` finds sys.path[4]");
	has(x.summary, "shadowed and never imported");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

/* A .pth file: its lines and what happened to each; a missing path is never importable. */
static void pth_file_and_missing_paths(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char p[256];
	(void)state;
	fx_init(&f, 12);
	pth_setup(&f);
	ps_tree_run(f.t);
	snprintf(p, sizeof p, "%s/a.pth", f.usp);
	explain_fs(&f, p, &x);
	assert_false(x.on_path);
	assert_true(x.is_pth);
	assert_int_equal(x.nlines, 3);
	assert_int_equal(f.t->r.pth[x.lines[0]].action, PS_PTH_COMMENT);
	assert_int_equal(f.t->r.pth[x.lines[1]].action, PS_PTH_MISSING);
	assert_int_equal(f.t->r.pth[x.lines[2]].action, PS_PTH_ADDED);
	has(x.summary, "is a .pth file that site.py read: 3 lines");
	assert_null(strstr(x.summary, "importable"));
	assert_true(chain_has(&x, "reads the .pth file"));
	{
		struct ps_buf b;
		ps_buf_init(&b);
		ps_explanation_write_json(&x, &f.t->r, &b);
		has(b.s, "\"pth_file\": true");
		has(b.s, "\"action\": \"missing\"");
		ps_buf_release(&b);
	}
	ps_explanation_release(&x);

	/* inside an entry but not there: not importable, it does not exist */
	snprintf(p, sizeof p, "%s/nothere", f.sp);
	explain_fs(&f, p, &x);
	has(x.summary, "does not exist");
	assert_null(strstr(x.summary, "importable"));
	ps_explanation_release(&x);
	/* and a real package there is */
	snprintf(p, sizeof p, "%s/pkg/sub/__init__.py", f.sp);
	ps_tree_file(f.t, p);
	snprintf(p, sizeof p, "%s/pkg/sub", f.sp);
	explain_fs(&f, p, &x);
	has(x.summary, "importable as the package pkg.sub");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

/* A hidden .pth: the fix, and no "nearest ''" noise. */
static void hidden_pth_fix(void **state)
{
	struct ps_pyenv f;
	struct ps_explanation x;
	char p[256], want[320];
	struct ps_error err;
	(void)state;
	fx_init(&f, 13);
	ps_tree_dir(f.t, "/src/proj");
	snprintf(p, sizeof p, "%s/__editable__.proj.pth", f.sp);
	ps_tree_text(f.t, p, "/src/proj\n");
	ps_error_init(&err);
	assert_int_equal(ps_vfs_set_hidden(f.t->v, p, true, &err), 0);
	ps_tree_dir(f.t, "/src/dotted");
	snprintf(p, sizeof p, "%s/.dotted.pth", f.sp);
	ps_tree_text(f.t, p, "/src/dotted\n");
	ps_tree_run(f.t);
	explain_fs(&f, "/src/proj", &x);
	assert_false(x.on_path);
	snprintf(want, sizeof want, "chflags nohidden %s/__editable__.proj.pth", f.sp);
	has(x.fix, want);
	assert_int_equal(x.nearest, -1);
	assert_int_equal(x.npth, 1);
	ps_explanation_release(&x);

	explain_fs(&f, "/src/dotted", &x);
	snprintf(want, sizeof want, "rename it without the leading dot: mv %s/.dotted.pth %s/dotted.pth",
		 f.sp, f.sp);
	has(x.fix, want);
	ps_explanation_release(&x);

	snprintf(p, sizeof p, "%s/__editable__.proj.pth", f.sp);
	explain_fs(&f, p, &x);
	assert_true(x.is_pth);
	has(x.summary, "site.py does not process: the file is hidden");
	has(x.fix, "chflags nohidden");
	ps_explanation_release(&x);
	ps_pyenv_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(present_from_pth),
		cmocka_unit_test(absent_missing_pth_line),
		cmocka_unit_test(absent_user_site_in_isolated_venv),
		cmocka_unit_test(absent_no_site),
		cmocka_unit_test(absent_user_site_missing_dir),
		cmocka_unit_test(absent_hidden_pth),
		cmocka_unit_test(inside_and_nearest),
		cmocka_unit_test(relative_argument),
		cmocka_unit_test(stdlib_entry),
		cmocka_unit_test(fatal_has_no_path),
		cmocka_unit_test(fatal_diagnosis),
		cmocka_unit_test(debian_site_packages),
		cmocka_unit_test(fatal_with_remedies),
		cmocka_unit_test(user_site_shadows),
		cmocka_unit_test(pth_file_and_missing_paths),
		cmocka_unit_test(hidden_pth_fix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
