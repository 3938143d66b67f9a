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

struct fx {
	struct ps_vfs *v;
	struct ps_inputs in;
	struct ps_fs fs;
	struct ps_result r;
	int minor;
	char prefix[64];    /* /root/.pyenv/versions/3.12.1 */
	char lib[96];       /* prefix/lib/python3.12 */
	char sp[128];       /* prefix/lib/python3.12/site-packages */
	char ub[64];        /* /u (PYTHONUSERBASE) */
	char usp[128];      /* /u/lib/python3.12/site-packages */
};

static const char *const micro[] = { [11] = "3.11.7", [12] = "3.12.1", [13] = "3.13.0",
				      [14] = "3.14.0" };

static void add(struct fx *f, const char *path, enum ps_ftype t, const char *content)
{
	struct ps_error err;
	ps_error_init(&err);
	if (ps_vfs_add(f->v, path, t, false, content, content ? strlen(content) : 0, NULL, 0,
		       &err) < 0) {
		print_error("ps_vfs_add %s: %s\n", path, err.msg);
		fail();
	}
}

static void addf(struct fx *f, enum ps_ftype t, const char *content, const char *fmt, ...)
	PS_PRINTF(4, 5);
static void addf(struct fx *f, enum ps_ftype t, const char *content, const char *fmt, ...)
{
	char p[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p, sizeof p, fmt, ap);
	va_end(ap);
	add(f, p, t, content);
}


static void add_link(struct fx *f, const char *path, const char *target)
{
	struct ps_error err;
	ps_error_init(&err);
	assert_int_equal(ps_vfs_add(f->v, path, PS_FT_LINK, false, NULL, 0, target, 0, &err), 0);
}

/* A pyenv-style installation of 3.<minor> (compiled PREFIX = its directory), argv0 its python3. */
static void fx_init(struct fx *f, int minor)
{
	struct ps_error err;
	char exe[128];
	memset(f, 0, sizeof *f);
	f->minor = minor;
	f->v = ps_vfs_new(PS_PLATFORM_POSIX);
	assert_non_null(f->v);
	ps_inputs_init(&f->in);
	ps_result_init(&f->r);
	snprintf(f->prefix, sizeof f->prefix, "/root/.pyenv/versions/%s", micro[minor]);
	snprintf(f->lib, sizeof f->lib, "%s/lib/python3.%d", f->prefix, minor);
	snprintf(f->sp, sizeof f->sp, "%s/site-packages", f->lib);
	snprintf(f->ub, sizeof f->ub, "/u");
	snprintf(f->usp, sizeof f->usp, "/u/lib/python3.%d/site-packages", minor);
	snprintf(exe, sizeof exe, "%s/bin/python3.%d", f->prefix, minor);
	ps_error_init(&err);
	assert_int_equal(ps_vfs_add(f->v, exe, PS_FT_FILE, true, NULL, 0, NULL, 0, &err), 0);
	{
		char lk[128], tg[32];
		snprintf(lk, sizeof lk, "%s/bin/python3", f->prefix);
		snprintf(tg, sizeof tg, "python3.%d", minor);
		add_link(f, lk, tg);
	}
	addf(f, PS_FT_FILE, NULL, "%s/os.py", f->lib);
	addf(f, PS_FT_FILE, NULL, "%s/encodings/__init__.py", f->lib);
	addf(f, PS_FT_DIR, NULL, "%s/lib-dynload", f->lib);
	add(f, f->sp, PS_FT_DIR, NULL);
	add(f, "/home/me", PS_FT_DIR, NULL);
	f->in.build.major = 3;
	f->in.build.minor = minor;
	f->in.build.platform = PS_PLATFORM_POSIX;
	f->in.build.debian_site = 0;
	assert_int_equal(ps_set_str(&f->in.build.prefix, f->prefix), 0);
	snprintf(exe, sizeof exe, "%s/bin/python3", f->prefix);
	assert_int_equal(ps_set_str(&f->in.argv0, exe), 0);
	assert_int_equal(ps_set_str(&f->in.cwd, "/home/me"), 0);
	ps_env_set(&f->in.env, "PATH", "/usr/bin:/bin");
	ps_env_set(&f->in.env, "HOME", "/home/me");
	f->in.run.kind = PS_RUN_COMMAND;
	assert_int_equal(ps_set_str(&f->in.run.arg, "pass"), 0);
}

static void fx_release(struct fx *f)
{
	ps_result_release(&f->r);
	ps_inputs_release(&f->in);
	ps_vfs_free(f->v);
}

static void run(struct fx *f)
{
	struct ps_error err;
	ps_error_init(&err);
	ps_vfs_fs(f->v, &f->fs);
	f->fs.cwd = f->in.cwd;
	if (ps_compute(&f->in, &f->fs, &f->r, &err) < 0) {
		print_error("ps_compute: %s\n", err.msg);
		fail();
	}
}






static void explain(struct fx *f, const char *path, struct ps_explanation *x)
{
	struct ps_error err;
	ps_error_init(&err);
	ps_explanation_init(x);
	assert_int_equal(ps_explain(&f->r, &f->in, path, x, &err), 0);
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

static void pth_setup(struct fx *f)
{
	char p[256];
	ps_env_set(&f->in.env, "PYTHONUSERBASE", "/u");
	add(f, "/x/present", PS_FT_DIR, NULL);
	snprintf(p, sizeof p, "%s/a.pth", f->usp);
	add(f, p, PS_FT_FILE, "# deps\n/x/foo\n/x/present\n");
}

static void present_from_pth(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char want[256];
	(void)state;
	fx_init(&f, 12);
	pth_setup(&f);
	run(&f);
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
	fx_release(&f);
}

static void absent_missing_pth_line(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char want[256];
	(void)state;
	fx_init(&f, 12);
	pth_setup(&f);
	run(&f);
	explain(&f, "/x/foo", &x);
	assert_false(x.on_path);
	snprintf(want, sizeof want, "not added: /x/foo does not exist, named by line 2 of %s/a.pth", f.usp);
	has(x.summary, want);
	has(x.missing, "/x/foo does not exist");
	ps_explanation_release(&x);
	fx_release(&f);
}

static void absent_user_site_in_isolated_venv(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char cfg[160], t[128];
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.in.env, "PYTHONUSERBASE", "/u");
	add(&f, f.usp, PS_FT_DIR, NULL);
	snprintf(cfg, sizeof cfg, "home = %s/bin\ninclude-system-site-packages = false\n", f.prefix);
	add(&f, "/v/pyvenv.cfg", PS_FT_FILE, cfg);
	add(&f, "/v/lib/python3.12/site-packages", PS_FT_DIR, NULL);
	snprintf(t, sizeof t, "%s/bin/python3.12", f.prefix);
	add_link(&f, "/v/bin/python", t);
	ps_set_str(&f.in.argv0, "/v/bin/python");
	run(&f);
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
	fx_release(&f);
}

static void absent_no_site(void **state)
{
	struct fx f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	f.in.flags.no_site = true;
	run(&f);
	explain(&f, f.sp, &x);
	assert_false(x.on_path);
	has(x.summary, "site.py does not run (-S)");
	ps_explanation_release(&x);
	fx_release(&f);
}

static void absent_user_site_missing_dir(void **state)
{
	struct fx f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	run(&f);
	explain(&f, "/home/me/.local/lib/python3.12/site-packages", &x);
	assert_false(x.on_path);
	has(x.summary, "is not a directory");
	ps_explanation_release(&x);
	fx_release(&f);
}

static void absent_hidden_pth(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char p[256];
	struct ps_error err;
	(void)state;
	fx_init(&f, 13);
	add(&f, "/src/proj", PS_FT_DIR, NULL);
	snprintf(p, sizeof p, "%s/__editable__.proj.pth", f.sp);
	add(&f, p, PS_FT_FILE, "/src/proj\n");
	ps_error_init(&err);
	assert_int_equal(ps_vfs_set_hidden(f.v, p, true, &err), 0);
	run(&f);
	explain(&f, "/src/proj", &x);
	assert_false(x.on_path);
	has(x.summary, "the file is hidden");
	has(x.rule, "line 1 of");
	ps_explanation_release(&x);
	fx_release(&f);
}

static void inside_and_nearest(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char p[256];
	(void)state;
	fx_init(&f, 12);
	run(&f);
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
	fx_release(&f);
}

/* A relative argument is taken against the modelled cwd; '' (for -c) is the cwd. */
static void relative_argument(void **state)
{
	struct fx f;
	struct ps_explanation x;
	struct ps_buf b;
	(void)state;
	fx_init(&f, 12);
	run(&f);
	explain(&f, ".", &x);
	assert_string_equal(x.path, "/home/me");
	assert_true(x.on_path);
	assert_int_equal(x.index, 0);
	/* '' is the cwd at import time: never called missing (resolve does not either) */
	assert_null(strstr(x.summary, "does not exist"));
	ps_buf_init(&b);
	ps_explanation_write_json(&x, &f.r, &b);
	assert_false(b.oom);
	has(b.s, "\"on_path\": true");
	has(b.s, "\"path\": \"/home/me\"");
	has(b.s, "\"origin\": \"script-dir\"");
	ps_buf_release(&b);
	ps_explanation_release(&x);
	fx_release(&f);
}

static void stdlib_entry(void **state)
{
	struct fx f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	run(&f);
	explain(&f, f.lib, &x);
	assert_true(x.on_path);
	assert_int_equal(x.index, 2);
	assert_true(x.nsteps >= 1);
	ps_explanation_release(&x);
	fx_release(&f);
}

static void fatal_has_no_path(void **state)
{
	struct fx f;
	struct ps_explanation x;
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.in.env, "PYTHONHOME", "/nonexistent");
	run(&f);
	assert_true(f.r.has_fatal);
	explain(&f, f.lib, &x);
	assert_false(x.on_path);
	has(x.summary, "would not start");
	ps_explanation_release(&x);
	fx_release(&f);
}

/* Predicted fatal start-ups get a cause and a one-sentence fix (diagnose.c, issue 3 item 5). */
static void diagnose_case(struct fx *f, const char *cause_part, const char *fix_part)
{
	run(f);
	assert_true(f->r.has_fatal);
	if (!f->r.fatal.cause || !strstr(f->r.fatal.cause, cause_part)) {
		print_error("cause '%s' lacks '%s'\n", f->r.fatal.cause ? f->r.fatal.cause : "(null)",
			    cause_part);
		fail();
	}
	has(f->r.fatal.fix, fix_part);
}

static void fatal_diagnosis(void **state)
{
	struct fx f;
	char t[160];
	(void)state;
	/* PYTHONHOME at nothing */
	fx_init(&f, 12);
	ps_env_set(&f.in.env, "PYTHONHOME", "/nonexistent");
	diagnose_case(&f, "PYTHONHOME is set to /nonexistent, which does not exist", "Unset PYTHONHOME");
	fx_release(&f);

	/* PYTHONHOME at a venv: suggest the installation its pyvenv.cfg names */
	fx_init(&f, 12);
	snprintf(t, sizeof t, "home = %s/bin\n", f.prefix);
	add(&f, "/app/venv/pyvenv.cfg", PS_FT_FILE, t);
	add(&f, "/app/venv/lib/python3.12/site-packages", PS_FT_DIR, NULL);
	ps_env_set(&f.in.env, "PYTHONHOME", "/app/venv");
	diagnose_case(&f, "a virtual environment", f.prefix);
	has(f.r.fatal.fix, "run /app/venv/bin/python");
	fx_release(&f);

	/*
	 * the same in an application embedding Python: there is no
	 * venv/bin/python to run; it names the venv's python as its program
	 * (PyConfig.program_name) or adds the venv's site-packages itself
	 */
	fx_init(&f, 12);
	snprintf(t, sizeof t, "home = %s/bin\n", f.prefix);
	add(&f, "/app/venv/pyvenv.cfg", PS_FT_FILE, t);
	add(&f, "/app/venv/lib/python3.12/site-packages", PS_FT_DIR, NULL);
	ps_env_set(&f.in.env, "PYTHONHOME", "/app/venv");
	f.in.embed.present = true;
	f.in.embed.use_environment = 1;
	diagnose_case(&f, "a virtual environment", "Unset PYTHONHOME");
	has(f.r.fatal.fix, "PyConfig.program_name");
	has(f.r.fatal.fix, "/app/venv/bin/python before initialising");
	has(f.r.fatal.fix, "/app/venv/lib/python3.12/site-packages with site.addsitedir()");
	assert_null(strstr(f.r.fatal.fix, "run /app/venv/bin/python"));
	fx_release(&f);

	/* PYTHONHOME at another version */
	fx_init(&f, 12);
	add(&f, "/opt/py37/lib/python3.7/os.py", PS_FT_FILE, NULL);
	ps_env_set(&f.in.env, "PYTHONHOME", "/opt/py37");
	diagnose_case(&f, "/opt/py37/lib/python3.7 exists, /opt/py37/lib/python3.12 does not",
		      "Unset PYTHONHOME");
	fx_release(&f);

	/* a bogus PYTHONPLATLIBDIR */
	fx_init(&f, 12);
	ps_env_set(&f.in.env, "PYTHONPLATLIBDIR", "bogus");
	diagnose_case(&f, "PYTHONPLATLIBDIR is set to bogus", "Unset PYTHONPLATLIBDIR");
	fx_release(&f);

	/* an empty ._pth next to the executable */
	fx_init(&f, 12);
	snprintf(t, sizeof t, "%s/bin/python3._pth", f.prefix);
	add(&f, t, PS_FT_FILE, "");
	diagnose_case(&f, "lists no paths", "Delete");
	fx_release(&f);

	/* a venv whose home is gone, and no fallback installation */
	fx_init(&f, 12);
	add(&f, "/v/pyvenv.cfg", PS_FT_FILE, "home = /gone/bin\n");
	add(&f, "/v/bin/python3", PS_FT_FILE, NULL);
	ps_set_str(&f.in.build.prefix, "/gone");
	ps_set_str(&f.in.argv0, "/v/bin/python3");
	diagnose_case(&f, "names home = /gone/bin, which no longer exists", "Recreate the venv");
	fx_release(&f);
}

static void explain_fs(struct fx *f, const char *path, struct ps_explanation *x)
{
	struct ps_error err;
	ps_error_init(&err);
	ps_explanation_init(x);
	assert_int_equal(ps_explain_fs(&f->r, &f->in, &f->fs, path, x, &err), 0);
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
	struct fx f;
	struct ps_explanation x;
	(void)state;
	memset(&f, 0, sizeof f);
	f.v = ps_vfs_new(PS_PLATFORM_POSIX);
	ps_inputs_init(&f.in);
	ps_result_init(&f.r);
	assert_int_equal(ps_vfs_add(f.v, "/usr/bin/python3.11", PS_FT_FILE, true, NULL, 0, NULL, 0, NULL), 0);
	add_link(&f, "/usr/bin/python3", "python3.11");
	add(&f, "/usr/lib/python3.11/os.py", PS_FT_FILE, NULL);
	add(&f, "/usr/lib/python3.11/encodings/__init__.py", PS_FT_FILE, NULL);
	add(&f, "/usr/lib/python3.11/lib-dynload", PS_FT_DIR, NULL);
	add(&f, "/usr/lib/python3/dist-packages", PS_FT_DIR, NULL);
	add(&f, "/usr/local/lib/python3.11/dist-packages", PS_FT_DIR, NULL);
	add(&f, "/usr/local/lib/python3.11/site-packages/requests/__init__.py", PS_FT_FILE, NULL);
	add(&f, "/home/me", PS_FT_DIR, NULL);
	f.in.build.major = 3;
	f.in.build.minor = 11;
	f.in.build.debian_site = 1;
	ps_set_str(&f.in.build.prefix, "/usr");
	ps_set_str(&f.in.argv0, "/usr/bin/python3");
	ps_set_str(&f.in.cwd, "/home/me");
	ps_env_set(&f.in.env, "PATH", "/usr/local/bin:/usr/bin:/bin");
	ps_env_set(&f.in.env, "HOME", "/home/me");
	f.in.run.kind = PS_RUN_COMMAND;
	ps_set_str(&f.in.run.arg, "pass");
	run(&f);
	assert_string_equal(f.r.sys.prefix, "/usr");
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
	fx_release(&f);
}

/* With the interpreter failing, what PATH would be without the cause (-E included). */
static void fatal_with_remedies(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char want[256];
	(void)state;
	fx_init(&f, 12);
	add(&f, "/opt/py37/lib/python3.7/os.py", PS_FT_FILE, NULL);
	ps_env_set(&f.in.env, "PYTHONHOME", "/opt/py37");
	run(&f);
	assert_true(f.r.has_fatal);
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
	fx_release(&f);

	/* a cause that is no variable: nothing to unset, and -E is not offered */
	fx_init(&f, 12);
	add(&f, "/v/pyvenv.cfg", PS_FT_FILE, "home = /gone/bin\n");
	add(&f, "/v/bin/python3", PS_FT_FILE, NULL);
	ps_set_str(&f.in.build.prefix, "/gone");
	ps_set_str(&f.in.argv0, "/v/bin/python3");
	run(&f);
	assert_true(f.r.has_fatal);
	explain_fs(&f, "/gone/lib/python3.12", &x);
	has(x.summary, "no longer exists");
	has(x.fix, "Recreate the venv");
	assert_int_equal(x.notes.n, 0);
	ps_explanation_release(&x);
	fx_release(&f);
}

/* The user site: before site-packages, shadowing it, and how to turn it off. */
static void user_site_shadows(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char p[256], want[256];
	(void)state;
	fx_init(&f, 12);
	ps_env_set(&f.in.env, "PYTHONUSERBASE", "/u");
	snprintf(p, sizeof p, "%s/numpy/__init__.py", f.usp);
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/numpy/__init__.py", f.sp);
	add(&f, p, PS_FT_FILE, NULL);
	/* a namespace directory in both merges, and a package without a module name is no name */
	snprintf(p, sizeof p, "%s/nspkg/mod.py", f.usp);
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/nspkg/other.py", f.sp);
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/six.py", f.usp);
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/six.py", f.sp);
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/numpy-1.21.0.dist-info/RECORD", f.usp);
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/numpy-1.21.0.dist-info/RECORD", f.sp);
	add(&f, p, PS_FT_FILE, NULL);
	run(&f);
	/* '' /python312.zip lib lib-dynload usersite site-packages */
	assert_string_equal(f.r.sys.path.v[4], f.usp);
	assert_string_equal(f.r.sys.path.v[5], f.sp);
	{
		struct ps_shadow *sh;
		size_t n;
		struct ps_error err;
		ps_error_init(&err);
		assert_int_equal(ps_find_shadowing(&f.r, &f.in, &f.fs, &sh, &n, &err), 0);
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
	fx_release(&f);
}

/* A .pth file: its lines and what happened to each; a missing path is never importable. */
static void pth_file_and_missing_paths(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char p[256];
	(void)state;
	fx_init(&f, 12);
	pth_setup(&f);
	run(&f);
	snprintf(p, sizeof p, "%s/a.pth", f.usp);
	explain_fs(&f, p, &x);
	assert_false(x.on_path);
	assert_true(x.is_pth);
	assert_int_equal(x.nlines, 3);
	assert_int_equal(f.r.pth[x.lines[0]].action, PS_PTH_COMMENT);
	assert_int_equal(f.r.pth[x.lines[1]].action, PS_PTH_MISSING);
	assert_int_equal(f.r.pth[x.lines[2]].action, PS_PTH_ADDED);
	has(x.summary, "is a .pth file that site.py read: 3 lines");
	assert_null(strstr(x.summary, "importable"));
	assert_true(chain_has(&x, "reads the .pth file"));
	{
		struct ps_buf b;
		ps_buf_init(&b);
		ps_explanation_write_json(&x, &f.r, &b);
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
	add(&f, p, PS_FT_FILE, NULL);
	snprintf(p, sizeof p, "%s/pkg/sub", f.sp);
	explain_fs(&f, p, &x);
	has(x.summary, "importable as the package pkg.sub");
	ps_explanation_release(&x);
	fx_release(&f);
}

/* A hidden .pth: the fix, and no "nearest ''" noise. */
static void hidden_pth_fix(void **state)
{
	struct fx f;
	struct ps_explanation x;
	char p[256], want[320];
	struct ps_error err;
	(void)state;
	fx_init(&f, 13);
	add(&f, "/src/proj", PS_FT_DIR, NULL);
	snprintf(p, sizeof p, "%s/__editable__.proj.pth", f.sp);
	add(&f, p, PS_FT_FILE, "/src/proj\n");
	ps_error_init(&err);
	assert_int_equal(ps_vfs_set_hidden(f.v, p, true, &err), 0);
	add(&f, "/src/dotted", PS_FT_DIR, NULL);
	snprintf(p, sizeof p, "%s/.dotted.pth", f.sp);
	add(&f, p, PS_FT_FILE, "/src/dotted\n");
	run(&f);
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
	fx_release(&f);
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
