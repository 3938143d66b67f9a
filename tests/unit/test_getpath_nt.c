/*
 * test_getpath_nt.c - the getpath stage (engine/getpath.c) with os_name
 * 'nt' (3.11-3.13) over virtual Windows trees, and sys.path[0] on Windows.
 *
 * There is no Windows machine here.  Expected values come from CPython's
 * own getpath code: Lib/test/test_getpath.py's win32 cases (their expected
 * dicts, with python98.zip renamed for the real version), and the frozen
 * getpath of 3.11.7 / 3.12.1 / 3.13.0 run over the same trees with the
 * Windows helpers of tests/diff/getpath_runner.py (probe orders included:
 * `getpath_oracle.py SCENARIO --calls`).  getpath-spec §5 and §7 #60.
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

/* exe: what GetModuleFileNameW reports (NULL: not given). */
static struct ps_tree *fx_new(int minor, const char *argv0, const char *exe, const char *cwd)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_NT, 3, minor, argv0, cwd);
	assert_int_equal(ps_set_str(&f->in.os_executable, exe), 0);
	ps_tree_env(f, "PATH", "C:\\Windows\\system32;C:\\Windows");
	ps_tree_env(f, "APPDATA", "C:\\Users\\me\\AppData\\Roaming");
	ps_tree_dir(f, "C:\\Users\\me");
	return f;
}

/* ------------------------------------------------------------------ */

/* test_normal_win32; probe order of the frozen 3.12.1 code. */
static void test_normal(void **state)
{
	struct ps_tree *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	GP(f, executable, "C:\\Python\\python.exe");
	GP(f, base_executable, "C:\\Python\\python.exe");
	GP(f, prefix, "C:\\Python");
	GP(f, exec_prefix, "C:\\Python");
	GP(f, base_prefix, "C:\\Python");
	GP(f, stdlib_dir, "C:\\Python\\Lib");
	GP(f, platstdlib_dir, "C:\\Python\\DLLs");
	GP(f, platlibdir, "DLLs");
	MSP(f, "C:\\Python\\python312.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	NO_WARNINGS(f);
	PROBES(f, "read C:\\pyvenv.cfg", "read C:\\Python\\pyvenv.cfg",
	       "realpath C:\\Python\\python.exe", "read C:\\Python\\python._pth",
	       "read C:\\Python\\python._pth", "read C:\\Python\\pybuilddir.txt",
	       "isfile C:\\Modules\\Setup.local", "isfile C:\\Python\\python312.zip",
	       "isfile C:\\Python\\Lib\\os.py", "isdir C:\\Python\\DLLs");
	ps_tree_free(f);
}

/*
 * The DLL's directory holds the zip entry; its ._pth name is tried first,
 * and the zip and stdlib landmarks are looked for next to it (§5): the
 * search from the library finds the stdlib, so the executable's directory
 * is not searched again (frozen 3.13.0 call order).
 */
static void test_dll(void **state)
{
	struct ps_tree *f = fx_new(13, "python", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_file(f, "C:\\Python\\python313.dll");
	assert_int_equal(ps_set_str(&f->in.build.library, "C:\\Python\\python313.dll"), 0);
	ps_tree_run(f);
	MSP(f, "C:\\Python\\python313.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	/* argv0 "python" is not completed: C:\Users\me\python.exe does not exist */
	GP(f, program_name, "python");
	GP(f, executable, "C:\\Python\\python.exe");
	PROBES(f, "isxfile python.exe", "read C:\\pyvenv.cfg", "read C:\\Python\\pyvenv.cfg",
	       "realpath C:\\Python\\python.exe", "read C:\\Python\\python313._pth",
	       "read C:\\Python\\python._pth", "read C:\\Python\\python._pth",
	       "read C:\\Python\\pybuilddir.txt", "isfile C:\\Modules\\Setup.local",
	       "isfile C:\\Python\\python313.zip", "isfile C:\\Python\\Lib\\os.py",
	       "isdir C:\\Python\\DLLs");
	ps_tree_free(f);
}

/* argv0 "python" in the exe's directory gets ".exe"; no invocation.executable (documented fallback). */
static void test_program_name_exe(void **state)
{
	struct ps_tree *f = fx_new(12, "python", NULL, "C:\\Python");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_run(f);
	GP(f, program_name, "python.exe");
	GP(f, executable, "C:\\Python\\python.exe");
	GP(f, prefix, "C:\\Python");
	MSP(f, "C:\\Python\\python312.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	ps_tree_free(f);
}

/* test_buildtree_win32: empty pybuilddir.txt, VPATH ..\.., no reset to PREFIX. */
static void test_buildtree(void **state)
{
	const char *exe = "C:\\CPython\\PCbuild\\amd64\\python.exe";
	struct ps_tree *f = fx_new(12, exe, exe, "C:\\Users\\me");
	(void)state;
	ps_tree_xfile(f, exe);
	ps_tree_file(f, "C:\\CPython\\Lib\\os.py");
	ps_tree_file(f, "C:\\CPython\\PCbuild\\amd64\\pybuilddir.txt");
	ps_tree_run(f);
	GP(f, prefix, "C:\\CPython");
	GP(f, exec_prefix, "C:\\CPython");
	GP(f, platstdlib_dir, "C:\\CPython\\PCbuild\\amd64");
	GP(f, stdlib_dir, "C:\\CPython\\Lib");
	assert_true(f->r.getpath.is_python_build);
	MSP(f, "C:\\CPython\\PCbuild\\amd64\\python312.zip", "C:\\CPython\\PCbuild\\amd64",
	    "C:\\CPython\\Lib");
	PROBES(f, "read C:\\CPython\\PCbuild\\pyvenv.cfg",
	       "read C:\\CPython\\PCbuild\\amd64\\pyvenv.cfg", "realpath " "C:\\CPython\\PCbuild\\amd64\\python.exe",
	       "read C:\\CPython\\PCbuild\\amd64\\python._pth",
	       "read C:\\CPython\\PCbuild\\amd64\\python._pth",
	       "read C:\\CPython\\PCbuild\\amd64\\pybuilddir.txt");
	ps_tree_free(f);

	/* the source-tree marker VPATH\Modules\Setup.local: platstdlib is the exe dir */
	f = fx_new(11, exe, exe, "C:\\Users\\me");
	ps_tree_xfile(f, exe);
	ps_tree_file(f, "C:\\CPython\\Lib\\os.py");
	ps_tree_file(f, "C:\\CPython\\Modules\\Setup.local");
	ps_tree_run(f);
	GP(f, prefix, "C:\\CPython");
	GP(f, platstdlib_dir, "C:\\CPython\\PCbuild\\amd64");
	MSP(f, "C:\\CPython\\PCbuild\\amd64\\python311.zip", "C:\\CPython\\PCbuild\\amd64",
	    "C:\\CPython\\Lib");
	ps_tree_free(f);

	/* test_buildtree_pythonhome_win32: VPATH from C:\Out lands on C:\, PYTHONHOME wins */
	f = fx_new(13, "C:\\Out\\python.exe", "C:\\Out\\python.exe", "C:\\Users\\me");
	ps_tree_xfile(f, "C:\\Out\\python.exe");
	ps_tree_file(f, "C:\\Out\\pybuilddir.txt");
	ps_tree_file(f, "C:\\CPython\\Lib\\os.py");
	ps_tree_env(f, "PYTHONHOME", "C:\\CPython");
	ps_tree_run(f);
	GP(f, prefix, "C:\\CPython");
	GP(f, exec_prefix, "C:\\CPython");
	MSP(f, "C:\\Out\\python313.zip", "C:\\Out", "C:\\CPython\\Lib");
	ps_tree_free(f);
}

/* test_venv_win32: the launcher sets __PYVENV_LAUNCHER__. */
static void test_venv_launcher(void **state)
{
	struct ps_tree *f = fx_new(13, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_xfile(f, "C:\\venv\\Scripts\\python.exe");
	ps_tree_text(f, "C:\\venv\\pyvenv.cfg", "home = C:\\Python\r\ninclude-system-site-packages = false\r\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	ps_tree_run(f);
	GP(f, executable, "C:\\venv\\Scripts\\python.exe");
	GP(f, base_executable, "C:\\Python\\python.exe");
	GP(f, prefix, "C:\\Python");
	GP(f, base_prefix, "C:\\Python");
	MSP(f, "C:\\Python\\python313.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	PROBES(f, "read C:\\venv\\pyvenv.cfg", "realpath C:\\Python\\python.exe",
	       "read C:\\venv\\Scripts\\python._pth", "read C:\\Python\\python._pth",
	       "read C:\\Python\\pybuilddir.txt", "isfile C:\\Modules\\Setup.local",
	       "isfile C:\\Python\\python313.zip", "isfile C:\\Python\\Lib\\os.py",
	       "isdir C:\\Python\\DLLs");
	/* site.py then switches sys.prefix to the venv; the variable is consumed */
	assert_true(f->r.has_sys);
	assert_string_equal(f->r.sys.prefix, "C:\\venv");
	ps_tree_free(f);
}

/* test_registry_win32 and #60: HKCU then HKLM subkeys (sorted), core path only without a stdlib. */
static void test_registry(void **state)
{
	const char *key = "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath";
	struct ps_tree *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_reg(f, key, "C:\\Core\\Lib;C:\\Core\\DLLs");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\Path1", "path1-dir");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\MyApp", "C:\\MyApp\\lib;C:\\MyApp\\ext");
	ps_tree_reg(f, "hkcu\\software\\python\\pythoncore\\3.12\\pythonpath\\Mine", "C:\\Mine");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.11\\PythonPath\\Other", "C:\\Other");
	ps_tree_run(f);
	MSP(f, "C:\\Python\\python312.zip", "C:\\Mine", "C:\\MyApp\\lib", "C:\\MyApp\\ext",
	    "path1-dir", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_REGISTRY);
	ps_tree_free(f);

	/* -E: the registry is not read */
	f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\Path1", "path1-dir");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	MSP(f, "C:\\Python\\python312.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	ps_tree_free(f);

	/* nothing found: prefix is the cwd (one warning), the core path is appended */
	f = fx_new(13, "C:\\Tools\\python.exe", "C:\\Tools\\python.exe", "C:\\Users\\me");
	ps_tree_xfile(f, "C:\\Tools\\python.exe");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.13\\PythonPath", "C:\\Python\\Lib;C:\\Python\\DLLs");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.13\\PythonPath\\App", "C:\\App");
	ps_tree_run(f);
	GP(f, prefix, "C:\\Users\\me");
	WARNINGS(f, "Could not find platform independent libraries <prefix>");
	MSP(f, "C:\\Tools\\python313.zip", "C:\\App", "C:\\Python\\Lib", "C:\\Python\\DLLs",
	    "C:\\Users\\me", "C:\\Users\\me\\Lib", "C:\\Tools");
	ps_tree_free(f);

	/* the winver of a 32-bit build names the key */
	f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	ps_tree_install_nt(f, "C:\\Python");
	assert_int_equal(ps_set_str(&f->in.build.winver, "3.12-32"), 0);
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12-32\\PythonPath\\App", "C:\\App32");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\App", "C:\\Other");
	ps_tree_run(f);
	MSP(f, "C:\\Python\\python312.zip", "C:\\App32", "C:\\Python\\DLLs", "C:\\Python\\Lib",
	    "C:\\Python");
	ps_tree_free(f);
}

/* #60: python3XY._pth next to the DLL wins; a directory of that name is skipped. */
static void test_pth(void **state)
{
	struct ps_tree *f = fx_new(12, "C:\\App\\python.exe", "C:\\App\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_xfile(f, "C:\\App\\python.exe");
	ps_tree_file(f, "C:\\App\\python312.dll");
	ps_tree_file(f, "C:\\App\\Lib\\encodings\\__init__.py");
	assert_int_equal(ps_set_str(&f->in.build.library, "C:\\App\\python312.dll"), 0);
	ps_tree_text(f, "C:\\App\\python312._pth", "python312.zip\n.\nLib\nimport site\n");
	ps_tree_text(f, "C:\\App\\python._pth", "C:\\elsewhere\n");
	ps_tree_env(f, "PYTHONPATH", "C:\\ignored");
	ps_tree_run(f);
	GP(f, prefix, "C:\\App");
	GP(f, base_prefix, "C:\\App");
	MSP(f, "C:\\App\\python312.zip", "C:\\App", "C:\\App\\Lib");
	assert_true(f->r.has_sys);
	assert_int_equal(f->r.sys.flags.isolated, 1);
	assert_int_equal(f->r.sys.flags.ignore_environment, 1);
	assert_int_equal(f->r.sys.flags.no_site, 0);
	assert_int_equal(f->r.sys.flags.safe_path, 1);
	ps_tree_free(f);

	/* a directory named python312._pth cannot be opened: python._pth is used */
	f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_file(f, "C:\\Python\\python312.dll");
	assert_int_equal(ps_set_str(&f->in.build.library, "C:\\Python\\python312.dll"), 0);
	ps_tree_dir(f, "C:\\Python\\python312._pth");
	ps_tree_text(f, "C:\\Python\\python._pth", "Lib\n");
	ps_tree_run(f);
	MSP(f, "C:\\Python\\Lib");
	PROBES(f, "read C:\\pyvenv.cfg", "read C:\\Python\\pyvenv.cfg",
	       "realpath C:\\Python\\python.exe", "read C:\\Python\\python312._pth",
	       "read C:\\Python\\python._pth", "read C:\\Python\\pybuilddir.txt",
	       "isfile C:\\Modules\\Setup.local");
	ps_tree_free(f);
}

/* test_no_dlls_win32 (gh-98790) and test_symlink_normal_win32; directory links resolve too. */
static void test_layouts(void **state)
{
	struct ps_tree *f = fx_new(13, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_xfile(f, "C:\\Python\\python.exe");
	ps_tree_file(f, "C:\\Python\\Lib\\os.py");
	ps_tree_run(f);
	GP(f, platstdlib_dir, "C:\\Python");
	MSP(f, "C:\\Python\\python313.zip", "C:\\Python", "C:\\Python\\Lib");
	NO_WARNINGS(f);
	ps_tree_free(f);

	f = fx_new(11, "C:\\LinkedFrom\\python.exe", "C:\\LinkedFrom\\python.exe", "C:\\Users\\me");
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_link(f, "C:\\LinkedFrom\\python.exe", "C:\\Python\\python.exe");
	ps_tree_run(f);
	GP(f, executable, "C:\\LinkedFrom\\python.exe");
	GP(f, base_executable, "C:\\LinkedFrom\\python.exe");
	GP(f, prefix, "C:\\Python");
	MSP(f, "C:\\Python\\python311.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	ps_tree_free(f);

	/* GetFinalPathNameByHandleW resolves a directory link, unlike the POSIX helper */
	f = fx_new(12, "C:\\Alias\\python.exe", "C:\\Alias\\python.exe", "C:\\Users\\me");
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_link(f, "C:\\Alias", "C:\\Python");
	ps_tree_run(f);
	GP(f, executable, "C:\\Alias\\python.exe");
	GP(f, prefix, "C:\\Python");
	PROBES(f, "read C:\\pyvenv.cfg", "read C:\\Alias\\pyvenv.cfg",
	       "realpath C:\\Alias\\python.exe", "read C:\\Alias\\python._pth",
	       "read C:\\Python\\python._pth", "read C:\\Python\\pybuilddir.txt",
	       "isfile C:\\Modules\\Setup.local", "isfile C:\\Python\\python312.zip",
	       "isfile C:\\Python\\Lib\\os.py", "isdir C:\\Python\\DLLs");
	ps_tree_free(f);

	/* names compare without case; paths keep getpath's spelling */
	f = fx_new(12, "c:\\python\\python.exe", "c:\\python\\python.exe", "C:\\Users\\me");
	ps_tree_xfile(f, "C:\\Python\\PYTHON.EXE");
	ps_tree_file(f, "C:\\Python\\LIB\\OS.PY");
	ps_tree_dir(f, "C:\\Python\\dlls");
	ps_tree_run(f);
	GP(f, prefix, "c:\\python");
	MSP(f, "c:\\python\\python312.zip", "c:\\python\\DLLs", "c:\\python\\Lib", "c:\\python");
	ps_tree_free(f);
}

/* PYTHONHOME splits on ';', PYTHONPATH entries through GetFullPathNameW. */
static void test_environment(void **state)
{
	struct ps_tree *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_env(f, "PYTHONHOME", "C:\\Python;D:\\Ext");
	ps_tree_run(f);
	GP(f, prefix, "C:\\Python");
	GP(f, exec_prefix, "D:\\Ext");
	MSP(f, "C:\\Python\\python312.zip", "D:\\Ext\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	NO_WARNINGS(f);
	ps_tree_free(f);

	f = fx_new(13, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_env(f, "PYTHONPATH", "rel;;C:\\abs\\..\\abs2;D:x;\\rooted");
	ps_tree_run(f);
	MSP(f, "C:\\Users\\me\\rel", "C:\\Users\\me", "C:\\abs2", "D:\\x", "C:\\rooted",
	    "C:\\Python\\python313.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	ps_tree_free(f);

	/* nothing found from D:\work: only the <prefix> warning */
	f = fx_new(11, "C:\\Tools\\python.exe", "C:\\Tools\\python.exe", "D:\\work");
	ps_tree_xfile(f, "C:\\Tools\\python.exe");
	ps_tree_dir(f, "D:\\work");
	ps_tree_run(f);
	WARNINGS(f, "Could not find platform independent libraries <prefix>");
	MSP(f, "C:\\Tools\\python311.zip", "D:\\work", "D:\\work\\Lib", "C:\\Tools");
	assert_true(f->r.has_fatal);
	ps_tree_free(f);
}

/* sys.path[0] on Windows: GetFullPathNameW, no realpath, drive root kept. */
static void test_path0(void **state)
{
	static const struct { const char *cwd, *script, *want; } cases[] = {
		{ "C:\\proj", "tools/../src\\app.py", "C:\\proj\\src" },
		{ "C:\\proj", "C:\\app.py", "C:\\" },
		{ "C:\\proj", "app.py", "C:\\proj" },
		{ "C:\\proj", "link\\app.py", "C:\\proj\\link" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ps_tree *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe",
				      cases[i].cwd);
		ps_tree_install_nt(f, "C:\\Python");
		ps_tree_file(f, "C:\\proj\\src\\app.py");
		ps_tree_file(f, "C:\\proj\\app.py");
		ps_tree_file(f, "C:\\app.py");
		ps_tree_file(f, "C:\\real\\app.py");
		ps_tree_link(f, "C:\\proj\\link", "C:\\real");
		f->in.run.kind = PS_RUN_SCRIPT;
		assert_int_equal(ps_set_str(&f->in.run.arg, cases[i].script), 0);
		ps_tree_run(f);
		assert_true(f->r.has_sys);
		assert_true(f->r.sys.path.n > 0);
		assert_string_equal(f->r.sys.path.v[0], cases[i].want);
		ps_tree_free(f);
	}
}

/* Every allocation or filesystem failure along the nt branches fails cleanly. */
static void test_fault_injection(void **state)
{
	struct ps_tree *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	ps_tree_install_nt(f, "C:\\Python");
	ps_tree_link(f, "C:\\Alias", "C:\\Python");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	ps_tree_text(f, "C:\\venv\\pyvenv.cfg", "home = C:\\Alias\n");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\App", "C:\\App");
	ps_tree_fail_each_call(f, ENOMEM, EACCES);
	ps_tree_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_dll),
		cmocka_unit_test(test_program_name_exe),
		cmocka_unit_test(test_buildtree),
		cmocka_unit_test(test_venv_launcher),
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_pth),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_path0),
		cmocka_unit_test(test_fault_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
