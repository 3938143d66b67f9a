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
#include "helper_tree.h"

#define FW "/Library/Frameworks/Python.framework/Versions"

/* A stdlib of the fixture's version under root. */
static void stdlib(struct ps_tree *f, const char *root)
{
	ps_tree_stdlib(f, root, 3, f->in.build.minor);
}

/*
 * The python.org framework layout of 3.<minor>: Versions/3.x/Python (the
 * library), bin/python3.x (the stub), Resources/Python.app (what runs),
 * the stdlib, and /usr/local/bin/python3 -> the stub.
 */
static void framework(struct ps_tree *f, bool with_stdlib)
{
	char v[128], p[256];
	snprintf(v, sizeof v, FW "/3.%d", f->in.build.minor);
	ps_tree_filef(f, "%s/Python", v);
	snprintf(p, sizeof p, "%s/bin/python3.%d", v, f->in.build.minor);
	ps_tree_xfile(f, p);
	snprintf(p, sizeof p, "%s/Resources/Python.app/Contents/MacOS/Python", v);
	ps_tree_xfile(f, p);
	if (with_stdlib)
		stdlib(f, v);
}

static struct ps_tree *fx_new(int minor, const char *argv0, bool fw)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_DARWIN, 3, minor, argv0, "/Users/me");
	char v[128];
	f->in.build.framework = fw;
	snprintf(v, sizeof v, fw ? FW "/3.%d" : "/usr/local", minor);
	f->in.flags.no_site = true;
	ps_tree_posix_defaults(f, v, "/Users/me");
	ps_tree_env(f, "PATH", "/usr/local/bin:/usr/bin:/bin");
	return f;
}

static const char *program_name(struct ps_tree *f)
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
	struct ps_tree *f = fx_new(9, "python3", true);
	(void)state;
	framework(f, true);
	assert_int_equal(ps_set_str(&f->in.build.library, FW "/3.9/Python"), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable,
				    FW "/3.9/Resources/Python.app/Contents/MacOS/Python"), 0);
	ps_tree_env(f, "__PYVENV_LAUNCHER__", FW "/3.9/bin/python3.9");
	f->in.flags.ignore_environment = true;  /* the launcher is read with getenv() */
	ps_tree_run(f);
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
	ps_tree_free(f);
}

/*
 * A framework without lib/python3.X next to its library is a build
 * directory: argv0_path stays the executable (here found by
 * _NSGetExecutablePath for a bare argv[0]), and the build tree is searched.
 */
static void test_framework_build_dir(void **state)
{
	struct ps_tree *f = fx_new(10, "python.exe", true);
	(void)state;
	ps_tree_xfile(f, "/src/cpython/python.exe");
	ps_tree_file(f, "/src/cpython/Modules/Setup.local");
	ps_tree_file(f, "/src/cpython/Lib/os.py");
	ps_tree_file(f, "/src/cpython/Lib/encodings/__init__.py");
	ps_tree_file(f, "/src/cpython/pybuilddir.txt");
	ps_tree_file(f, "/src/cpython/python.framework/Versions/3.10/Python");
	assert_int_equal(ps_set_str(&f->in.build.library,
				    "/src/cpython/python.framework/Versions/3.10/Python"), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable, "/src/cpython/python.exe"), 0);
	ps_tree_run(f);
	PROBES(f, "isfile /src/cpython/python.framework/Versions/3.10/lib/python3.10/os.py",
	       "isfile /src/cpython/python.framework/Versions/3.10/lib/python3.10/os.pyc",
	       "realpath /src/cpython/python.exe", "read /src/cpython/pyvenv.cfg",
	       "read /src/pyvenv.cfg", "isfile /src/cpython/Modules/Setup.local",
	       "isfile /src/cpython/Lib/os.py", "read /src/cpython/pybuilddir.txt");
	assert_string_equal(f->r.sys.executable, "/src/cpython/python.exe");
	assert_string_equal(f->r.getpath.module_search_paths.v[1], "/src/cpython/Lib");
	ps_tree_free(f);
}

/* No python.library in a framework build: PREFIX/Python is taken. */
static void test_framework_default_library(void **state)
{
	struct ps_tree *f = fx_new(8, FW "/3.8/bin/python3.8", true);
	(void)state;
	framework(f, true);
	ps_tree_run(f);
	PROBES(f, "isfile " FW "/3.8/lib/python3.8/os.py", "realpath " FW "/3.8/Python",
	       "read " FW "/3.8/pyvenv.cfg", "read " FW "/pyvenv.cfg",
	       "isfile " FW "/3.8/Modules/Setup.local", "isfile " FW "/3.8/lib/python3.8/os.py",
	       "isfile " FW "/3.8/pybuilddir.txt", "isdir " FW "/3.8/lib/python3.8/lib-dynload");
	assert_string_equal(f->r.sys.prefix, FW "/3.8");
	ps_tree_free(f);
}

/*
 * PYTHONEXECUTABLE names the program on macOS (all builds), before the
 * launcher variable; -E turns it off (config_get_env / Py_GETENV).
 */
static void test_pythonexecutable(void **state)
{
	struct ps_tree *f = fx_new(8, "/usr/local/bin/python3.8", false);
	(void)state;
	ps_tree_xfile(f, "/usr/local/bin/python3.8");
	stdlib(f, "/usr/local");
	ps_tree_xfile(f, "/opt/app/bin/tool");
	ps_tree_env(f, "PYTHONEXECUTABLE", "/opt/app/bin/tool");
	ps_tree_run(f);
	assert_string_equal(program_name(f), "/opt/app/bin/tool");
	assert_string_equal(f->r.sys.executable, "/opt/app/bin/tool");
	/* the searches start at /opt/app/bin, find nothing, fall back to PREFIX */
	assert_string_equal(f->r.sys.prefix, "/usr/local");
	ps_tree_free(f);

	f = fx_new(8, "/usr/local/bin/python3.8", false);
	ps_tree_xfile(f, "/usr/local/bin/python3.8");
	stdlib(f, "/usr/local");
	ps_tree_env(f, "PYTHONEXECUTABLE", "/opt/app/bin/tool");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	assert_string_equal(f->r.sys.executable, "/usr/local/bin/python3.8");
	ps_tree_free(f);

	/* it wins over __PYVENV_LAUNCHER__ (3.6 main.c has the same order) */
	f = fx_new(6, FW "/3.6/bin/python3.6", true);
	framework(f, true);
	ps_tree_env(f, "PYTHONEXECUTABLE", "/opt/x/python");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/venv/bin/python");
	ps_tree_run(f);
	assert_string_equal(f->r.sys.executable, "/opt/x/python");
	/* the framework library still decides where the searches start */
	assert_string_equal(f->r.sys.prefix, FW "/3.6");
	ps_tree_free(f);
}

/*
 * __PYVENV_LAUNCHER__ is read only by framework builds before 3.11 (and
 * on Linux never); a bare argv[0] on macOS takes _NSGetExecutablePath
 * before any PATH search.
 */
static void test_launcher_non_framework(void **state)
{
	struct ps_tree *f = fx_new(9, "python3", false);
	(void)state;
	ps_tree_xfile(f, "/usr/local/bin/python3.9");
	ps_tree_link(f, "/usr/local/bin/python3", "python3.9");
	stdlib(f, "/usr/local");
	ps_tree_xfile(f, "/opt/other/python3");
	ps_tree_env(f, "PATH", "/opt/other:/usr/local/bin");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/venv/bin/python");
	assert_int_equal(ps_set_str(&f->in.os_executable, "/usr/local/bin/python3"), 0);
	ps_tree_run(f);
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
	ps_tree_free(f);
}

/* A venv made from a framework build: its python is a symlink to the stub's target. */
static void test_framework_venv(void **state)
{
	struct ps_tree *f = fx_new(10, "/venv/bin/python", true);
	(void)state;
	framework(f, true);
	ps_tree_link(f, "/venv/bin/python", FW "/3.10/bin/python3.10");
	ps_tree_text(f, "/venv/pyvenv.cfg", "home = " FW "/3.10/bin\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/venv/bin/python");
	ps_tree_run(f);
	/* the venv python is the program; the framework library is where searching starts */
	assert_string_equal(f->r.sys.executable, "/venv/bin/python");
	PROBES(f, "isfile " FW "/3.10/lib/python3.10/os.py", "realpath " FW "/3.10/Python",
	       "read " FW "/3.10/pyvenv.cfg", "read " FW "/pyvenv.cfg",
	       "isfile " FW "/3.10/Modules/Setup.local", "isfile " FW "/3.10/lib/python3.10/os.py",
	       "read " FW "/3.10/pybuilddir.txt", "isdir " FW "/3.10/lib/python3.10/lib-dynload");
	assert_string_equal(f->r.getpath.prefix, FW "/3.10");
	ps_tree_free(f);
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
