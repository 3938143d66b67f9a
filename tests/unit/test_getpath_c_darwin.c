/*
 * test_getpath_c_darwin.c - the macOS branch of the C getpath of 3.6-3.10
 * (engine/getpath_c.c on platform darwin) over virtual trees.
 *
 * There is no Mac here: the expectations come from a reading of
 * Modules/getpath.c of 3.9/3.10 (calculate_program_impl,
 * calculate_program_macos, calculate_argv0_path_framework), the 3.8+
 * config_init_program_name (PYTHONEXECUTABLE, __PYVENV_LAUNCHER__), 3.6's
 * Modules/main.c (the same two variables through Py_SetProgramName) and
 * getpath-spec §6.
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

#define FW "/Library/Frameworks/Python.framework/Versions"

struct fx {
	struct ps_vfs *v;
	struct ps_inputs in;
	struct ps_fs fs;
	struct ps_result r;
	struct ps_error err;
	int minor;
};

static void node(struct fx *f, const char *path, enum ps_ftype t, bool exec, const char *content,
		 const char *link)
{
	struct ps_error err;
	ps_error_init(&err);
	if (ps_vfs_add(f->v, path, t, exec, content, content ? strlen(content) : 0, link, 0,
		       &err) < 0) {
		print_error("ps_vfs_add %s: %s\n", path, err.msg);
		fail();
	}
}

static void F(struct fx *f, const char *p) { node(f, p, PS_FT_FILE, false, NULL, NULL); }
static void X(struct fx *f, const char *p) { node(f, p, PS_FT_FILE, true, NULL, NULL); }
static void D(struct fx *f, const char *p) { node(f, p, PS_FT_DIR, false, NULL, NULL); }
static void L(struct fx *f, const char *p, const char *t) { node(f, p, PS_FT_LINK, false, NULL, t); }

static void ENV(struct fx *f, const char *name, const char *value)
{
	assert_int_equal(ps_env_set(&f->in.env, name, value), 0);
}

/* A stdlib of the fixture's version under root. */
static void stdlib(struct fx *f, const char *root)
{
	char p[256];
	snprintf(p, sizeof p, "%s/lib/python3.%d/os.py", root, f->minor);
	F(f, p);
	snprintf(p, sizeof p, "%s/lib/python3.%d/encodings/__init__.py", root, f->minor);
	F(f, p);
	snprintf(p, sizeof p, "%s/lib/python3.%d/lib-dynload", root, f->minor);
	D(f, p);
}

/*
 * The python.org framework layout of 3.<minor>: Versions/3.x/Python (the
 * library), bin/python3.x (the stub), Resources/Python.app (what runs),
 * the stdlib, and /usr/local/bin/python3 -> the stub.
 */
static void framework(struct fx *f, bool with_stdlib)
{
	char v[128], p[256];
	snprintf(v, sizeof v, FW "/3.%d", f->minor);
	snprintf(p, sizeof p, "%s/Python", v);
	F(f, p);
	snprintf(p, sizeof p, "%s/bin/python3.%d", v, f->minor);
	X(f, p);
	snprintf(p, sizeof p, "%s/Resources/Python.app/Contents/MacOS/Python", v);
	X(f, p);
	if (with_stdlib)
		stdlib(f, v);
}

static struct fx *fx_new(int minor, const char *argv0, bool fw)
{
	struct fx *f = calloc(1, sizeof *f);
	char v[128];
	assert_non_null(f);
	f->minor = minor;
	f->v = ps_vfs_new(PS_PLATFORM_DARWIN);
	assert_non_null(f->v);
	ps_inputs_init(&f->in);
	f->in.build.major = 3;
	f->in.build.minor = minor;
	f->in.build.platform = PS_PLATFORM_DARWIN;
	f->in.build.framework = fw;
	snprintf(v, sizeof v, fw ? FW "/3.%d" : "/usr/local", minor);
	assert_int_equal(ps_set_str(&f->in.build.prefix, v), 0);
	assert_int_equal(ps_set_str(&f->in.argv0, argv0), 0);
	assert_int_equal(ps_set_str(&f->in.cwd, "/Users/me"), 0);
	f->in.run.kind = PS_RUN_COMMAND;
	assert_int_equal(ps_set_str(&f->in.run.arg, "pass"), 0);
	f->in.flags.no_site = true;
	ENV(f, "PATH", "/usr/local/bin:/usr/bin:/bin");
	ENV(f, "HOME", "/Users/me");
	D(f, "/Users/me");
	ps_result_init(&f->r);
	ps_error_init(&f->err);
	return f;
}

static void fx_free(struct fx *f)
{
	ps_result_release(&f->r);
	ps_inputs_release(&f->in);
	ps_vfs_free(f->v);
	free(f);
}

static void run(struct fx *f)
{
	ps_vfs_fs(f->v, &f->fs);
	f->fs.cwd = f->in.cwd;
	if (ps_compute(&f->in, &f->fs, &f->r, &f->err) != 0) {
		print_error("ps_compute: %s\n", f->err.msg);
		fail();
	}
}

static void assert_strv(const struct ps_strv *sv, ...)
{
	va_list ap;
	const char *s;
	size_t i = 0;
	va_start(ap, sv);
	while ((s = va_arg(ap, const char *)) != NULL) {
		if (i >= sv->n) {
			print_error("missing element %zu: %s\n", i, s);
			fail();
		}
		assert_string_equal(sv->v[i], s);
		i++;
	}
	va_end(ap);
	if (i != sv->n) {
		print_error("extra element %zu: %s\n", i, sv->v[i]);
		fail();
	}
}

#define MSP(f, ...) assert_strv(&(f)->r.getpath.module_search_paths, __VA_ARGS__, NULL)

static void probes(struct fx *f, struct ps_strv *out)
{
	ps_strv_init(out);
	for (size_t i = 0; i < f->r.ntrace; i++) {
		const struct ps_step *s = &f->r.trace[i];
		if (s->phase == PS_PHASE_SEARCH_PATH || s->phase == PS_PHASE_SITE ||
		    s->phase == PS_PHASE_PATH0 || s->op == PS_OP_DECIDE || s->op == PS_OP_WARN)
			continue;
		assert_int_equal(ps_strv_pushf(out, "%s %s", ps_op_name(s->op), s->path), 0);
	}
}

#define PROBES(f, ...)                                   \
	do {                                             \
		struct ps_strv pr_;                      \
		probes(f, &pr_);                         \
		assert_strv(&pr_, __VA_ARGS__, NULL);    \
		ps_strv_release(&pr_);                   \
	} while (0)

static const char *program_name(struct fx *f)
{
	return f->r.getpath.program_name;
}

/* ------------------------------------------------------------------ */

/*
 * A framework build run through its stub: __PYVENV_LAUNCHER__ is the
 * program name (config_init_program_name), so sys.executable is the stub;
 * argv0_path is the framework library (calculate_argv0_path_framework),
 * whose directory holds lib/python3.9: prefix = the Versions/3.9 dir.
 * getpath leaves _base_executable = executable (site.py changes it).
 */
static void test_framework_stub_39(void **state)
{
	struct fx *f = fx_new(9, "python3", true);
	(void)state;
	framework(f, true);
	assert_int_equal(ps_set_str(&f->in.build.library, FW "/3.9/Python"), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable,
				    FW "/3.9/Resources/Python.app/Contents/MacOS/Python"), 0);
	ENV(f, "__PYVENV_LAUNCHER__", FW "/3.9/bin/python3.9");
	f->in.flags.ignore_environment = true;  /* the launcher is read with getenv() */
	run(f);
	assert_string_equal(program_name(f), FW "/3.9/bin/python3.9");
	PROBES(f, "isfile " FW "/3.9/lib/python3.9/os.py", "realpath " FW "/3.9/Python",
	       "read " FW "/3.9/pyvenv.cfg", "read " FW "/pyvenv.cfg",
	       "isfile " FW "/3.9/Modules/Setup.local", "isfile " FW "/3.9/lib/python3.9/os.py",
	       "read " FW "/3.9/pybuilddir.txt", "isdir " FW "/3.9/lib/python3.9/lib-dynload");
	MSP(f, FW "/3.9/lib/python39.zip", FW "/3.9/lib/python3.9",
	    FW "/3.9/lib/python3.9/lib-dynload");
	assert_string_equal(f->r.sys.executable, FW "/3.9/bin/python3.9");
	assert_string_equal(f->r.sys.base_executable, FW "/3.9/bin/python3.9");
	assert_string_equal(f->r.sys.prefix, FW "/3.9");
	assert_string_equal(f->r.sys.exec_prefix, FW "/3.9");
	fx_free(f);
}

/*
 * A framework without lib/python3.X next to its library is a build
 * directory: argv0_path stays the executable (here found by
 * _NSGetExecutablePath for a bare argv[0]), and the build tree is searched.
 */
static void test_framework_build_dir(void **state)
{
	struct fx *f = fx_new(10, "python.exe", true);
	(void)state;
	X(f, "/src/cpython/python.exe");
	F(f, "/src/cpython/Modules/Setup.local");
	F(f, "/src/cpython/Lib/os.py");
	F(f, "/src/cpython/Lib/encodings/__init__.py");
	F(f, "/src/cpython/pybuilddir.txt");
	F(f, "/src/cpython/python.framework/Versions/3.10/Python");
	assert_int_equal(ps_set_str(&f->in.build.library,
				    "/src/cpython/python.framework/Versions/3.10/Python"), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable, "/src/cpython/python.exe"), 0);
	run(f);
	PROBES(f, "isfile /src/cpython/python.framework/Versions/3.10/lib/python3.10/os.py",
	       "isfile /src/cpython/python.framework/Versions/3.10/lib/python3.10/os.pyc",
	       "realpath /src/cpython/python.exe", "read /src/cpython/pyvenv.cfg",
	       "read /src/pyvenv.cfg", "isfile /src/cpython/Modules/Setup.local",
	       "isfile /src/cpython/Lib/os.py", "read /src/cpython/pybuilddir.txt");
	assert_string_equal(f->r.sys.executable, "/src/cpython/python.exe");
	assert_string_equal(f->r.getpath.module_search_paths.v[1], "/src/cpython/Lib");
	fx_free(f);
}

/* No python.library in a framework build: PREFIX/Python is taken. */
static void test_framework_default_library(void **state)
{
	struct fx *f = fx_new(8, FW "/3.8/bin/python3.8", true);
	(void)state;
	framework(f, true);
	run(f);
	PROBES(f, "isfile " FW "/3.8/lib/python3.8/os.py", "realpath " FW "/3.8/Python",
	       "read " FW "/3.8/pyvenv.cfg", "read " FW "/pyvenv.cfg",
	       "isfile " FW "/3.8/Modules/Setup.local", "isfile " FW "/3.8/lib/python3.8/os.py",
	       "isfile " FW "/3.8/pybuilddir.txt", "isdir " FW "/3.8/lib/python3.8/lib-dynload");
	assert_string_equal(f->r.sys.prefix, FW "/3.8");
	fx_free(f);
}

/*
 * PYTHONEXECUTABLE names the program on macOS (all builds), before the
 * launcher variable; -E turns it off (config_get_env / Py_GETENV).
 */
static void test_pythonexecutable(void **state)
{
	struct fx *f = fx_new(8, "/usr/local/bin/python3.8", false);
	(void)state;
	X(f, "/usr/local/bin/python3.8");
	stdlib(f, "/usr/local");
	X(f, "/opt/app/bin/tool");
	ENV(f, "PYTHONEXECUTABLE", "/opt/app/bin/tool");
	run(f);
	assert_string_equal(program_name(f), "/opt/app/bin/tool");
	assert_string_equal(f->r.sys.executable, "/opt/app/bin/tool");
	/* the searches start at /opt/app/bin, find nothing, fall back to PREFIX */
	assert_string_equal(f->r.sys.prefix, "/usr/local");
	fx_free(f);

	f = fx_new(8, "/usr/local/bin/python3.8", false);
	X(f, "/usr/local/bin/python3.8");
	stdlib(f, "/usr/local");
	ENV(f, "PYTHONEXECUTABLE", "/opt/app/bin/tool");
	f->in.flags.ignore_environment = true;
	run(f);
	assert_string_equal(f->r.sys.executable, "/usr/local/bin/python3.8");
	fx_free(f);

	/* it wins over __PYVENV_LAUNCHER__ (3.6 main.c has the same order) */
	f = fx_new(6, FW "/3.6/bin/python3.6", true);
	framework(f, true);
	ENV(f, "PYTHONEXECUTABLE", "/opt/x/python");
	ENV(f, "__PYVENV_LAUNCHER__", "/venv/bin/python");
	run(f);
	assert_string_equal(f->r.sys.executable, "/opt/x/python");
	/* the framework library still decides where the searches start */
	assert_string_equal(f->r.sys.prefix, FW "/3.6");
	fx_free(f);
}

/*
 * __PYVENV_LAUNCHER__ is read only by framework builds before 3.11 (and
 * on Linux never); a bare argv[0] on macOS takes _NSGetExecutablePath
 * before any PATH search.
 */
static void test_launcher_non_framework(void **state)
{
	struct fx *f = fx_new(9, "python3", false);
	(void)state;
	X(f, "/usr/local/bin/python3.9");
	L(f, "/usr/local/bin/python3", "python3.9");
	stdlib(f, "/usr/local");
	X(f, "/opt/other/python3");
	ENV(f, "PATH", "/opt/other:/usr/local/bin");
	ENV(f, "__PYVENV_LAUNCHER__", "/venv/bin/python");
	assert_int_equal(ps_set_str(&f->in.os_executable, "/usr/local/bin/python3"), 0);
	run(f);
	assert_string_equal(program_name(f), "python3");
	assert_string_equal(f->r.sys.executable, "/usr/local/bin/python3");
	/* the readlink trace names the path reached after each link */
	PROBES(f, "realpath /usr/local/bin/python3.9", "realpath /usr/local/bin/python3.9",
	       "read /usr/local/bin/pyvenv.cfg", "read /usr/local/pyvenv.cfg",
	       "isfile /usr/local/bin/Modules/Setup.local",
	       "isfile /usr/local/bin/lib/python3.9/os.py",
	       "isfile /usr/local/bin/lib/python3.9/os.pyc", "isfile /usr/local/lib/python3.9/os.py",
	       "read /usr/local/bin/pybuilddir.txt",
	       "isdir /usr/local/bin/lib/python3.9/lib-dynload",
	       "isdir /usr/local/lib/python3.9/lib-dynload");
	fx_free(f);
}

/* A venv made from a framework build: its python is a symlink to the stub's target. */
static void test_framework_venv(void **state)
{
	struct fx *f = fx_new(10, "/venv/bin/python", true);
	(void)state;
	framework(f, true);
	L(f, "/venv/bin/python", FW "/3.10/bin/python3.10");
	node(f, "/venv/pyvenv.cfg", PS_FT_FILE, false, "home = " FW "/3.10/bin\n", NULL);
	ENV(f, "__PYVENV_LAUNCHER__", "/venv/bin/python");
	run(f);
	/* the venv python is the program; the framework library is where searching starts */
	assert_string_equal(f->r.sys.executable, "/venv/bin/python");
	PROBES(f, "isfile " FW "/3.10/lib/python3.10/os.py", "realpath " FW "/3.10/Python",
	       "read " FW "/3.10/pyvenv.cfg", "read " FW "/pyvenv.cfg",
	       "isfile " FW "/3.10/Modules/Setup.local", "isfile " FW "/3.10/lib/python3.10/os.py",
	       "read " FW "/3.10/pybuilddir.txt", "isdir " FW "/3.10/lib/python3.10/lib-dynload");
	assert_string_equal(f->r.getpath.prefix, FW "/3.10");
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_framework_stub_39),
		cmocka_unit_test(test_framework_build_dir),
		cmocka_unit_test(test_framework_default_library),
		cmocka_unit_test(test_pythonexecutable),
		cmocka_unit_test(test_launcher_non_framework),
		cmocka_unit_test(test_framework_venv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
