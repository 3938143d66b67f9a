/*
 * test_getpath_darwin.c - the getpath stage (engine/getpath.c) with
 * os_name 'darwin' (3.11-3.13) over virtual macOS trees: framework builds
 * (the bin/pythonM.m stub, the app bundle, the library), venvs on them,
 * __PYVENV_LAUNCHER__ / PYTHONEXECUTABLE, and the executable path macOS
 * reports (_NSGetExecutablePath) against argv[0].
 *
 * There is no Mac here.  Expected values come from CPython's own getpath
 * code: Lib/test/test_getpath.py's macOS cases (their expected dicts,
 * with 9.8 replaced by the real version) and the frozen getpath of
 * 3.11.7 / 3.12.1 / 3.13.0 run over the same trees with os_name 'darwin'
 * (tests/diff/getpath_oracle.py --calls gives the probe orders below).
 * getpath-spec §6.
 */
#include <errno.h>
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

#define FW "/Library/Frameworks/Python.framework/Versions/3.12"
#define APP FW "/Resources/Python.app/Contents/MacOS/Python"

/* A framework build of 3.12: the stub bin/python3.12, the app bundle, the library. */
static void framework(struct ps_tree *f)
{
	ps_tree_file(f, FW "/Python");
	ps_tree_xfile(f, FW "/bin/python3.12");
	ps_tree_link(f, FW "/bin/python3", "python3.12");
	ps_tree_xfile(f, APP);
	ps_tree_stdlib(f, FW, 3, 12);
	f->in.build.framework = true;
	assert_int_equal(ps_set_str(&f->in.build.library, FW "/Python"), 0);
	assert_int_equal(ps_set_str(&f->in.build.prefix, FW), 0);
}

/* exe: what _NSGetExecutablePath reports (NULL: not given). */
static struct ps_tree *fx_new(int minor, const char *argv0, const char *exe, const char *cwd)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_DARWIN, 3, minor, argv0, cwd);
	assert_int_equal(ps_set_str(&f->in.os_executable, exe), 0);
	ps_tree_posix_defaults(f, "/usr/local", "/Users/me");
	return f;
}

/* ------------------------------------------------------------------ */

/* test_framework_macos: the stub sets __PYVENV_LAUNCHER__ and execs the app bundle. */
static void test_framework_stub(void **state)
{
	struct ps_tree *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	ps_tree_env(f, "__PYVENV_LAUNCHER__", FW "/bin/python3.12");
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	GP(f, executable, FW "/bin/python3.12");
	GP(f, base_executable, FW "/bin/python3.12");
	GP(f, prefix, FW);
	GP(f, exec_prefix, FW);
	GP(f, base_prefix, FW);
	MSP(f, FW "/lib/python312.zip", FW "/lib/python3.12", FW "/lib/python3.12/lib-dynload");
	NO_WARNINGS(f);
	PROBES(f, "read " FW "/pyvenv.cfg", "read " FW "/bin/pyvenv.cfg", "realpath " APP,
	       "read " FW "/Python._pth", "read " FW "/bin/python3.12._pth", "read " APP "._pth",
	       "read " FW "/Resources/Python.app/Contents/MacOS/pybuilddir.txt",
	       "isfile " FW "/Resources/Python.app/Contents/MacOS/Modules/Setup.local",
	       "isfile " FW "/lib/python312.zip",
	       "isfile /Library/Frameworks/Python.framework/Versions/lib/python312.zip",
	       "isfile /Library/Frameworks/Python.framework/lib/python312.zip",
	       "isfile /Library/Frameworks/lib/python312.zip", "isfile /Library/lib/python312.zip",
	       "isfile " FW "/lib/python3.12/os.py",
	       "isdir " FW "/bin/lib/python3.12/lib-dynload",
	       "isdir " FW "/lib/python3.12/lib-dynload", "isdir " FW "/lib/python3.12/lib-dynload");
	/* the variable is consumed by getpath (3.11+) */
	assert_non_null(f->r.sys.executable);
	ps_tree_free(f);
}

/*
 * The app bundle run directly: the library's directory holds
 * lib/python3.12/os.py, so executable_dir becomes realpath(library dir)
 * and every search starts there (the macOS quirk; frozen 3.11.7 and
 * 3.12.1 give the same calls).
 */
static void test_framework_direct(void **state)
{
	struct ps_tree *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	ps_tree_run(f);
	GP(f, executable, APP);
	GP(f, base_executable, APP);
	GP(f, prefix, FW);
	MSP(f, FW "/lib/python312.zip", FW "/lib/python3.12", FW "/lib/python3.12/lib-dynload");
	PROBES(f, "read " FW "/Resources/Python.app/Contents/pyvenv.cfg",
	       "read " FW "/Resources/Python.app/Contents/MacOS/pyvenv.cfg", "realpath " APP,
	       "isfile " FW "/lib/python3.12/os.py", "realpath " FW, "read " FW "/Python._pth",
	       "read " APP "._pth", "read " APP "._pth", "read " FW "/pybuilddir.txt",
	       "isfile " FW "/Modules/Setup.local", "isfile " FW "/lib/python312.zip",
	       "isfile /Library/Frameworks/Python.framework/Versions/lib/python312.zip",
	       "isfile /Library/Frameworks/Python.framework/lib/python312.zip",
	       "isfile /Library/Frameworks/lib/python312.zip", "isfile /Library/lib/python312.zip",
	       "isfile " FW "/lib/python3.12/os.py", "isdir " FW "/lib/python3.12/lib-dynload",
	       "isdir " FW "/lib/python3.12/lib-dynload");
	ps_tree_free(f);
}

/* test_venv_framework_macos: the venv's launcher path names the venv, base stays the stub. */
static void test_framework_venv(void **state)
{
	struct ps_tree *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	ps_tree_link(f, "/tmp/workdir/venv/bin/python", FW "/bin/python3.12");
	ps_tree_text(f, "/tmp/workdir/venv/pyvenv.cfg", "home = " FW "/bin\ninclude-system-site-packages = false\n");
	ps_tree_dir(f, "/tmp/workdir/venv/lib/python3.12/site-packages");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/tmp/workdir/venv/bin/python");
	ps_tree_run(f);
	GP(f, executable, "/tmp/workdir/venv/bin/python");
	GP(f, base_executable, FW "/bin/python3.12");
	GP(f, prefix, FW);
	GP(f, base_prefix, FW);
	MSP(f, FW "/lib/python312.zip", FW "/lib/python3.12", FW "/lib/python3.12/lib-dynload");
	/* site.py then makes the venv sys.prefix (<= 3.13) */
	assert_true(f->r.has_sys);
	assert_string_equal(f->r.sys.prefix, "/tmp/workdir/venv");
	assert_string_equal(f->r.sys.base_prefix, FW);
	ps_tree_free(f);

	/* a ._pth named after the framework library is the first candidate */
	f = fx_new(12, APP, APP, "/Users/me");
	framework(f);
	ps_tree_text(f, FW "/Python._pth", "lib/python3.12\nlib/python3.12/lib-dynload\n");
	ps_tree_text(f, FW "/bin/python3.12._pth", "/elsewhere\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", FW "/bin/python3.12");
	ps_tree_run(f);
	GP(f, prefix, FW);
	MSP(f, FW "/lib/python3.12", FW "/lib/python3.12/lib-dynload");
	assert_int_equal(f->r.sys.flags.isolated, 1);
	ps_tree_free(f);
}

/* test_symlink_normal_macos: a bare argv0 uses the OS path, not PATH. */
static void test_os_path(void **state)
{
	struct ps_tree *f = fx_new(13, "python", "/linkfrom/python", "/Users/me");
	(void)state;
	assert_int_equal(ps_set_str(&f->in.build.prefix, "/usr"), 0);
	ps_tree_install(f, "/usr", 3, 13);
	ps_tree_link(f, "/linkfrom/python", "/usr/bin/python3.13");
	ps_tree_env(f, "PATH", "/usr/bin:/linkfrom");
	ps_tree_run(f);
	GP(f, executable, "/linkfrom/python");
	GP(f, base_executable, "/linkfrom/python");
	GP(f, prefix, "/usr");
	MSP(f, "/usr/lib/python313.zip", "/usr/lib/python3.13", "/usr/lib/python3.13/lib-dynload");
	PROBES(f, "read pyvenv.cfg", "read /linkfrom/pyvenv.cfg", "realpath /linkfrom/python",
	       "read /linkfrom/python._pth", "read /usr/bin/python3.13._pth",
	       "read /usr/bin/pybuilddir.txt", "isfile /usr/bin/Modules/Setup.local",
	       "isfile /usr/bin/lib/python313.zip", "isfile /usr/lib/python313.zip",
	       "isfile /usr/bin/lib/python3.13/os.py", "isfile /usr/bin/lib/python3.13/os.pyc",
	       "isfile /usr/lib/python3.13/os.py", "isdir /usr/bin/lib/python3.13/lib-dynload",
	       "isdir /usr/lib/python3.13/lib-dynload", "isdir /usr/lib/python3.13/lib-dynload");
	ps_tree_free(f);

	/* argv0 with a '/' overrides the OS path, real_executable included */
	f = fx_new(12, "tools/python3", "/usr/local/bin/python3.12", "/Users/me");
	ps_tree_install(f, "/usr/local", 3, 12);
	ps_tree_xfile(f, "/Users/me/tools/python3");
	ps_tree_run(f);
	GP(f, executable, "/Users/me/tools/python3");
	GP(f, prefix, "/usr/local");
	NO_WARNINGS(f);
	ps_tree_free(f);

	/* a relative OS path is dropped: PATH is searched */
	f = fx_new(12, "python3", "bin/python3", "/Users/me");
	ps_tree_install(f, "/usr/local", 3, 12);
	ps_tree_env(f, "PATH", "/usr/local/bin");
	ps_tree_run(f);
	GP(f, executable, "/usr/local/bin/python3");
	GP(f, base_executable, "/usr/local/bin/python3");
	ps_tree_free(f);
}

/* test_venv_macos and PYTHONEXECUTABLE on non-framework builds. */
static void test_launcher_variables(void **state)
{
	struct ps_tree *f = fx_new(12, "/usr/bin/python3.12", "/usr/bin/python3.12", "/Users/me");
	(void)state;
	assert_int_equal(ps_set_str(&f->in.build.prefix, "/usr"), 0);
	ps_tree_install(f, "/usr", 3, 12);
	ps_tree_xfile(f, "/framework/Python3.12/python");
	ps_tree_text(f, "/framework/Python3.12/pyvenv.cfg", "home = /usr/bin\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/framework/Python3.12/python");
	ps_tree_run(f);
	GP(f, executable, "/framework/Python3.12/python");
	GP(f, base_executable, "/usr/bin/python3.12");
	GP(f, prefix, "/usr");
	MSP(f, "/usr/lib/python312.zip", "/usr/lib/python3.12", "/usr/lib/python3.12/lib-dynload");
	ps_tree_free(f);

	f = fx_new(11, "python3.11", "/usr/local/bin/python3.11", "/Users/me");
	ps_tree_install(f, "/usr/local", 3, 11);
	ps_tree_env(f, "PYTHONEXECUTABLE", "/Users/me/App.app/Contents/MacOS/app");
	f->in.flags.isolated = true;   /* honoured even under -I */
	ps_tree_run(f);
	GP(f, executable, "/Users/me/App.app/Contents/MacOS/app");
	GP(f, base_executable, "/usr/local/bin/python3.11");
	GP(f, prefix, "/usr/local");
	ps_tree_free(f);
}

/* test_symlink_buildpath_macos: a link into a build tree; prefix reset to PREFIX. */
static void test_build_tree(void **state)
{
	struct ps_tree *f = fx_new(12, "python", "/linkfrom/python", "/Users/me");
	(void)state;
	ps_tree_install(f, "/usr/local", 3, 12);
	ps_tree_link(f, "/linkfrom/python", "/home/cpython/python");
	ps_tree_xfile(f, "/home/cpython/python");
	ps_tree_text(f, "/home/cpython/pybuilddir.txt", "build/lib.macos-3.12\n");
	ps_tree_file(f, "/home/cpython/Lib/os.py");
	ps_tree_run(f);
	GP(f, executable, "/linkfrom/python");
	GP(f, prefix, "/usr/local");
	GP(f, exec_prefix, "/usr/local");
	MSP(f, "/usr/local/lib/python312.zip", "/home/cpython/Lib",
	    "/home/cpython/build/lib.macos-3.12");
	assert_true(f->r.getpath.is_python_build);
	ps_tree_free(f);
}

/* Every filesystem failure along the darwin branches fails cleanly. */
static void test_fault_injection(void **state)
{
	struct ps_tree *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	ps_tree_link(f, "/Users/me/venv/bin/python", FW "/bin/python3.12");
	ps_tree_text(f, "/Users/me/venv/pyvenv.cfg", "home = " FW "/bin\n");
	for (int launcher = 0; launcher < 2; launcher++) {
		if (launcher)
			ps_tree_env(f, "__PYVENV_LAUNCHER__", "/Users/me/venv/bin/python");
		ps_tree_fail_each_call(f, ENOMEM, EIO);
	}
	ps_tree_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_framework_stub),
		cmocka_unit_test(test_framework_direct),
		cmocka_unit_test(test_framework_venv),
		cmocka_unit_test(test_os_path),
		cmocka_unit_test(test_launcher_variables),
		cmocka_unit_test(test_build_tree),
		cmocka_unit_test(test_fault_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
