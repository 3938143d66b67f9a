/*
 * test_getpath_pc.c - the Windows getpath of 3.6-3.10 (engine/getpath_pc.c,
 * PC/getpathp.c) over virtual NT trees.
 *
 * There is no Windows interpreter here: every expectation below comes from
 * a reading of the C source of the version named (PC/getpathp.c of 3.6, of
 * a 3.7 release before 3.7.2, of 3.8/3.9 and of 3.10), function by
 * function, and from getpath-spec §5 ("<=3.10 (PC/getpathp.c)").  Where
 * the two disagree the source wins and the test says so.
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

#define PY "C:\\Python38"

/* An installed layout: python.exe, pythonXY.dll, Lib\os.py, Lib\encodings, DLLs. */
static void install(struct ps_tree *f, const char *root, int minor)
{
	ps_tree_install_nt(f, root);
	ps_tree_filef(f, "%s\\python3%d.dll", root, minor);
}

/* Python 3.<minor> started as exe, the DLL next to it unless dll is NULL. */
static struct ps_tree *fx_new(int minor, const char *exe, const char *dll)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_NT, 3, minor, "python", "C:\\Users\\me");
	assert_int_equal(ps_set_str(&f->in.os_executable, exe), 0);
	if (dll)
		assert_int_equal(ps_set_str(&f->in.build.library, dll), 0);
	f->in.flags.no_site = true;
	ps_tree_env(f, "PATH", "C:\\Windows");
	ps_tree_dir(f, "C:\\Users\\me");
	return f;
}

static void SYS(struct ps_tree *f, const char *exe, const char *prefix)
{
	assert_true(f->r.has_sys);
	assert_string_equal(f->r.sys.executable, exe);
	assert_string_equal(f->r.sys.prefix, prefix);
	assert_string_equal(f->r.sys.exec_prefix, prefix);
	assert_string_equal(f->r.sys.base_prefix, prefix);
	assert_string_equal(f->r.sys.base_exec_prefix, prefix);
}

/* Does the trace hold a step whose note contains text? */
static bool traced(struct ps_tree *f, const char *text)
{
	for (size_t i = 0; i < f->r.ntrace; i++)
		if (f->r.trace[i].note && strstr(f->r.trace[i].note, text))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */

/*
 * calculate_path (3.8): ._pth by the DLL name then the exe name, pyvenv.cfg
 * here then one up, the zip next to the DLL, lib\os.py from argv0_path;
 * the path: zip, the macro with '.' -> home, argv0_path.  exec_prefix is
 * the prefix.  No warning on Windows.
 */
static void test_plain_install_38(void **state)
{
	struct ps_tree *f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath",
		    PY "\\Lib;" PY "\\DLLs");
	ps_tree_run(f);
	PROBES(f, "isfile " PY "\\python38._pth", "isfile " PY "\\python._pth",
	       "read " PY "\\pyvenv.cfg", "read C:\\pyvenv.cfg", "isfile " PY "\\python38.zip",
	       "isfile " PY "\\lib\\os.py");
	/* the core path of the registry is skipped: a home was found */
	MSP(f, PY "\\python38.zip", PY "\\DLLs", PY "\\lib", PY);
	SYS(f, PY "\\python.exe", PY);
	assert_string_equal(f->r.sys.base_executable, PY "\\python.exe");
	assert_int_equal(f->r.getpath.warnings.n, 0);
	assert_int_equal(f->r.getpath.entries[0].origin, PS_ORIGIN_STDLIB_ZIP);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_PLATSTDLIB);
	assert_int_equal(f->r.getpath.entries[2].origin, PS_ORIGIN_STDLIB);
	/* -S and -c: '' then the getpath entries */
	SYSPATH(f, "", PY "\\python38.zip", PY "\\DLLs", PY "\\lib", PY);
	assert_false(f->r.sys.flags.isolated);
	ps_tree_free(f);
}

/* An existing zip next to the DLL is the home: no lib\os.py search (calculate_home_prefix). */
static void test_zip_landmark(void **state)
{
	struct ps_tree *f = fx_new(9, "C:\\emb\\python.exe", "C:\\emb\\python39.dll");
	(void)state;
	ps_tree_xfile(f, "C:\\emb\\python.exe");
	ps_tree_file(f, "C:\\emb\\python39.zip");
	ps_tree_run(f);
	PROBES(f, "isfile C:\\emb\\python39._pth", "isfile C:\\emb\\python._pth",
	       "read C:\\emb\\pyvenv.cfg", "read C:\\pyvenv.cfg", "isfile C:\\emb\\python39.zip");
	MSP(f, "C:\\emb\\python39.zip", "C:\\emb\\DLLs", "C:\\emb\\lib", "C:\\emb");
	assert_string_equal(f->r.getpath.prefix, "C:\\emb");
	/* 3.9 has sys.platlibdir; on Windows before 3.11 it is "lib" */
	assert_string_equal(f->r.getpath.platlibdir, "lib");
	ps_tree_free(f);
}

/* Without a DLL the zip (and ._pth) names come from the executable. */
static void test_names_from_exe_without_dll(void **state)
{
	struct ps_tree *f = fx_new(10, "C:\\App\\myapp.exe", NULL);
	(void)state;
	ps_tree_xfile(f, "C:\\App\\myapp.exe");
	ps_tree_file(f, "C:\\App\\Lib\\os.py");
	ps_tree_run(f);
	PROBES(f, "isfile C:\\App\\myapp._pth", "read C:\\App\\pyvenv.cfg", "read C:\\pyvenv.cfg",
	       "isfile C:\\App\\myapp.zip", "isfile C:\\App\\lib\\os.py");
	MSP(f, "C:\\App\\myapp.zip", "C:\\App\\DLLs", "C:\\App\\lib", "C:\\App");
	ps_tree_free(f);
}

/*
 * read_pth_file: the DLL's ._pth wins over the exe's; lines joined to the
 * file's directory with PathCchCombineEx (absolute lines kept, '..'
 * collapsed), '#' and empty lines skipped; prefix = its directory;
 * isolated; 'import site' turns site on even under -S; the registry and
 * PYTHONPATH play no part.
 */
static void test_pth_dll_wins(void **state)
{
	struct ps_tree *f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	ps_tree_text(f, PY "\\python38._pth",
		     "python38.zip\r\n.\r\n# comment\r\n\r\n..\\shared\\lib\r\n"
		     "D:\\abs\r\nLib\r\nimport site\r\n");
	ps_tree_text(f, PY "\\python._pth", "nothing\n");
	ps_tree_env(f, "PYTHONPATH", "C:\\pp");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath\\App", "C:\\app");
	ps_tree_run(f);
	PROBES(f, "isfile " PY "\\python38._pth", "read " PY "\\python38._pth");
	MSP(f, PY "\\python38.zip", PY, "C:\\shared\\lib", "D:\\abs", PY "\\Lib");
	SYS(f, PY "\\python.exe", PY);
	assert_true(f->r.sys.flags.isolated);
	/* isolated is set after the environment flags were derived (<=3.10) */
	assert_false(f->r.sys.flags.ignore_environment);
	assert_false(f->r.sys.flags.no_site);
	assert_int_equal(f->r.getpath.entries[0].origin, PS_ORIGIN_PTH_FILE);
	/* isolated: no sys.path[0] */
	assert_string_not_equal(f->r.sys.path.v[0], "");
	ps_tree_free(f);

	/* no DLL ._pth: the exe's; no 'import site': site off */
	f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	install(f, PY, 8);
	ps_tree_text(f, PY "\\python._pth", "Lib\n");
	f->in.flags.no_site = false;
	ps_tree_run(f);
	MSP(f, PY "\\Lib");
	assert_true(f->r.sys.flags.no_site);
	assert_false(f->r.sys.site_ran);
	ps_tree_free(f);
}

/*
 * get_pth_filename() only asks whether the name exists: a directory (or an
 * unreadable file) named python38._pth is chosen, fails to open, and the
 * exe's ._pth is never tried - the normal search runs.
 */
static void test_pth_directory_shadows(void **state)
{
	struct ps_tree *f = fx_new(10, PY "\\python.exe", PY "\\python310.dll");
	(void)state;
	install(f, PY, 10);
	ps_tree_dir(f, PY "\\python310._pth");
	ps_tree_text(f, PY "\\python._pth", "Lib\n");
	ps_tree_run(f);
	PROBES(f, "isfile " PY "\\python310._pth", "read " PY "\\python310._pth",
	       "read " PY "\\pyvenv.cfg", "read C:\\pyvenv.cfg", "isfile " PY "\\python310.zip",
	       "isfile " PY "\\lib\\os.py");
	MSP(f, PY "\\python310.zip", PY "\\DLLs", PY "\\lib", PY);
	assert_false(f->r.sys.flags.isolated);
	ps_tree_free(f);
}

/* A ._pth without path lines gives one empty entry (the string "" split on ';'). */
static void test_pth_empty(void **state)
{
	struct ps_tree *f = fx_new(9, PY "\\python.exe", PY "\\python39.dll");
	(void)state;
	install(f, PY, 9);
	ps_tree_text(f, PY "\\python39._pth", "# nothing\n");
	ps_tree_run(f);
	MSP(f, "");
	assert_string_equal(f->r.getpath.prefix, PY);
	ps_tree_free(f);
}

/* 'import os' in a ._pth: 3.6/3.7 Py_FatalError, 3.8+ a PyStatus error from read_pth_file. */
static void test_pth_bad_import(void **state)
{
	struct ps_tree *f = fx_new(7, "C:\\Python37\\python.exe", "C:\\Python37\\python37.dll");
	(void)state;
	install(f, "C:\\Python37", 7);
	ps_tree_text(f, "C:\\Python37\\python37._pth", "Lib\nimport os\n");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_false(f->r.has_sys);
	assert_string_equal(f->r.fatal.message, "only 'import site' is supported in ._pth file");
	assert_int_equal(f->r.fatal.exit_status, 3);
	ps_tree_free(f);

	f = fx_new(10, PY "\\python.exe", PY "\\python310.dll");
	install(f, PY, 10);
	ps_tree_text(f, PY "\\python310._pth", "import sitecustomize\n");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_string_equal(f->r.fatal.message,
			    "read_pth_file: only 'import site' is supported in ._pth file");
	ps_tree_free(f);
}

/*
 * get_program_full_path (3.8+): __PYVENV_LAUNCHER__ (read with _wgetenv,
 * so even under -E) becomes the executable, the real one base_executable;
 * pyvenv.cfg one level above Scripts\ gives argv0_path = home, which is
 * then the last entry.  site.py is what switches the prefix to the venv.
 */
static void test_venv_launcher_38(void **state)
{
	struct ps_tree *f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	ps_tree_xfile(f, "C:\\venv\\Scripts\\python.exe");
	ps_tree_text(f, "C:\\venv\\pyvenv.cfg",
		     "home = " PY "\r\ninclude-system-site-packages = false\r\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	PROBES(f, "isfile " PY "\\python38._pth", "isfile C:\\venv\\Scripts\\python._pth",
	       "read C:\\venv\\Scripts\\pyvenv.cfg", "read C:\\venv\\pyvenv.cfg",
	       "isfile " PY "\\python38.zip", "isfile " PY "\\lib\\os.py");
	MSP(f, PY "\\python38.zip", PY "\\DLLs", PY "\\lib", PY);
	SYS(f, "C:\\venv\\Scripts\\python.exe", PY);
	assert_string_equal(f->r.sys.base_executable, PY "\\python.exe");
	ps_tree_free(f);
}

/* The launcher by version: 3.6 never, 3.7.0/3.7.1 not, 3.7.2+ without base_executable. */
static void test_launcher_versions(void **state)
{
	struct ps_tree *f = fx_new(6, "C:\\Python36\\python.exe", "C:\\Python36\\python36.dll");
	(void)state;
	install(f, "C:\\Python36", 6);
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	ps_tree_run(f);
	assert_string_equal(f->r.sys.executable, "C:\\Python36\\python.exe");
	assert_null(f->r.sys.base_executable);
	ps_tree_free(f);

	f = fx_new(7, "C:\\Python37\\python.exe", "C:\\Python37\\python37.dll");
	install(f, "C:\\Python37", 7);
	ps_tree_text(f, "C:\\venv\\pyvenv.cfg", "home = C:\\Python37\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\..\\Scripts\\python.exe");
	ps_tree_run(f);
	/* canonicalised from 3.7 on */
	assert_string_equal(f->r.sys.executable, "C:\\venv\\Scripts\\python.exe");
	assert_null(f->r.sys.base_executable);
	ps_tree_free(f);

	f = fx_new(7, "C:\\Python37\\python.exe", "C:\\Python37\\python37.dll");
	f->in.build.micro = 1;
	install(f, "C:\\Python37", 7);
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	ps_tree_run(f);
	assert_string_equal(f->r.sys.executable, "C:\\Python37\\python.exe");
	ps_tree_free(f);
}

/*
 * No home (an application embedding the DLL from elsewhere): the registry
 * core path is read; HKCU before HKLM, subkeys in name order before the
 * core value; the macro is left out; then the prefix is found by scanning
 * the entries backwards (C:\App -> C:, then ...\DLLs -> C:\Python38).
 * HKCU has subkeys but no core value: RegQueryValueExW fails and nothing
 * of HKCU is used (getpythonregpath).
 */
static void test_registry_core_path(void **state)
{
	struct ps_tree *f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	const char *K = "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath";
	(void)state;
	install(f, PY, 8);
	ps_tree_xfile(f, "C:\\App\\app.exe");
	ps_tree_reg(f, K, PY "\\Lib;" PY "\\DLLs");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath\\Zapp", "C:\\Zapp");
	ps_tree_reg(f, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Python\\PythonCore\\3.8\\PythonPath\\aapp",
		    "C:\\Aapp");
	ps_tree_reg(f, "HKCU\\Software\\Python\\PythonCore\\3.8\\PythonPath\\Mine", "C:\\Mine");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.7\\PythonPath", "C:\\Python37\\Lib");
	ps_tree_run(f);
	MSP(f, PY "\\python38.zip", "C:\\Aapp", "C:\\Zapp", PY "\\Lib", PY "\\DLLs", "C:\\App");
	SYS(f, "C:\\App\\app.exe", PY);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_REGISTRY);
	assert_true(traced(f, "has no default value"));
	ps_tree_free(f);

	/* HKCU with a core value: user paths come first */
	f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	install(f, PY, 8);
	ps_tree_xfile(f, "C:\\App\\app.exe");
	ps_tree_reg(f, K, PY "\\Lib");
	ps_tree_reg(f, "HKCU\\Software\\Python\\PythonCore\\3.8\\PythonPath", "C:\\U\\Lib");
	ps_tree_reg(f, "HKCU\\Software\\Python\\PythonCore\\3.8\\PythonPath\\Mine", "C:\\Mine");
	ps_tree_run(f);
	MSP(f, PY "\\python38.zip", "C:\\Mine", "C:\\U\\Lib", PY "\\Lib", "C:\\App");
	ps_tree_free(f);
}

/*
 * -E: 3.8+ skip the registry (Py_IgnoreEnvironmentFlag), so with nothing
 * better the macro goes in raw; the backward scan then finds the prefix
 * from the zip entry.  3.6 and 3.7 read the registry regardless.
 */
static void test_registry_and_E(void **state)
{
	struct ps_tree *f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	ps_tree_xfile(f, "C:\\App\\app.exe");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath", PY "\\Lib");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	MSP(f, PY "\\python38.zip", ".\\DLLs", ".\\lib", "C:\\App");
	assert_string_equal(f->r.getpath.prefix, PY);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_MACRO);
	ps_tree_free(f);

	f = fx_new(7, "C:\\App\\app.exe", "C:\\Python37\\python37.dll");
	install(f, "C:\\Python37", 7);
	ps_tree_xfile(f, "C:\\App\\app.exe");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.7\\PythonPath", "C:\\Python37\\Lib");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	MSP(f, "C:\\Python37\\python37.zip", "C:\\Python37\\Lib", "C:\\App");
	assert_string_equal(f->r.getpath.prefix, "C:\\Python37");
	ps_tree_free(f);

	/* winver: a 32-bit build's key is "3.8-32" */
	f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	install(f, PY, 8);
	ps_tree_xfile(f, "C:\\App\\app.exe");
	assert_int_equal(ps_set_str(&f->in.build.winver, "3.8-32"), 0);
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath", "C:\\wrong");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.8-32\\PythonPath", PY "\\Lib");
	ps_tree_run(f);
	MSP(f, PY "\\python38.zip", PY "\\Lib", "C:\\App");
	ps_tree_free(f);
}

/*
 * PYTHONHOME is believed as typed (calculate_home_prefix) and the macro's
 * '.' is replaced by text concatenation: a trailing '\' doubles.  An
 * empty PYTHONHOME is no home on Windows (3.6 too).  PYTHONPATH goes
 * first, raw; -E drops both.
 */
static void test_home_and_pythonpath(void **state)
{
	struct ps_tree *f = fx_new(9, PY "\\python.exe", PY "\\python39.dll");
	(void)state;
	install(f, PY, 9);
	ps_tree_env(f, "PYTHONHOME", "D:\\Py\\");
	ps_tree_env(f, "PYTHONPATH", "C:\\a;;rel");
	ps_tree_reg(f, "HKLM\\Software\\Python\\PythonCore\\3.9\\PythonPath", PY "\\Lib");
	ps_tree_run(f);
	PROBES(f, "isfile " PY "\\python39._pth", "isfile " PY "\\python._pth",
	       "read " PY "\\pyvenv.cfg", "read C:\\pyvenv.cfg");
	MSP(f, "C:\\a", "", "rel", PY "\\python39.zip", "D:\\Py\\\\DLLs", "D:\\Py\\\\lib", PY);
	assert_string_equal(f->r.getpath.prefix, "D:\\Py\\");
	assert_int_equal(f->r.getpath.entries[0].origin, PS_ORIGIN_PYTHONPATH);
	ps_tree_free(f);

	f = fx_new(6, "C:\\Python36\\python.exe", "C:\\Python36\\python36.dll");
	install(f, "C:\\Python36", 6);
	ps_tree_env(f, "PYTHONHOME", "");
	ps_tree_env(f, "PYTHONPATH", "C:\\a");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	MSP(f, "C:\\Python36\\python36.zip", "C:\\Python36\\DLLs", "C:\\Python36\\lib",
	    "C:\\Python36");
	assert_string_equal(f->r.getpath.prefix, "C:\\Python36");
	ps_tree_free(f);
}

/*
 * pyvenv.cfg (_Py_FindEnvConfigValue): the exe dir's file is read first,
 * and once one opens the parent's is not tried even without a home;
 * 'home=X' (no spaces) is no home; 'applocal' is ignored since 3.6.
 */
static void test_pyvenv_cfg(void **state)
{
	struct ps_tree *f = fx_new(8, "C:\\v\\Scripts\\python.exe", "C:\\v\\Scripts\\python38.dll");
	(void)state;
	install(f, PY, 8);
	ps_tree_xfile(f, "C:\\v\\Scripts\\python.exe");
	ps_tree_text(f, "C:\\v\\Scripts\\pyvenv.cfg", "home=" PY "\napplocal = true\n");
	ps_tree_text(f, "C:\\v\\pyvenv.cfg", "home = " PY "\n");
	ps_tree_run(f);
	/*
	 * no home from C:\v\Scripts up; then the backward scan: C:\v\Scripts ->
	 * C:\v and up; ".\lib" and ".\DLLs" -> "." (lib\os.py relative to the
	 * cwd); the zip -> C:\v\Scripts and up
	 */
	PROBES(f, "isfile C:\\v\\Scripts\\python38._pth", "isfile C:\\v\\Scripts\\python._pth",
	       "read C:\\v\\Scripts\\pyvenv.cfg", "isfile C:\\v\\Scripts\\python38.zip",
	       "isfile C:\\v\\Scripts\\lib\\os.py", "isfile C:\\v\\Scripts\\lib\\os.pyc",
	       "isfile C:\\v\\lib\\os.py", "isfile C:\\v\\lib\\os.pyc", "isfile C:\\lib\\os.py",
	       "isfile C:\\lib\\os.pyc",
	       "isfile C:\\v\\lib\\os.py", "isfile C:\\v\\lib\\os.pyc", "isfile C:\\lib\\os.py",
	       "isfile C:\\lib\\os.pyc", "isfile lib\\os.py", "isfile lib\\os.pyc",
	       "isfile lib\\os.py", "isfile lib\\os.pyc",
	       "isfile C:\\v\\Scripts\\lib\\os.py", "isfile C:\\v\\Scripts\\lib\\os.pyc",
	       "isfile C:\\v\\lib\\os.py", "isfile C:\\v\\lib\\os.pyc", "isfile C:\\lib\\os.py",
	       "isfile C:\\lib\\os.pyc");
	/* no home anywhere: the macro goes in raw and the prefix stays '' */
	MSP(f, "C:\\v\\Scripts\\python38.zip", ".\\DLLs", ".\\lib", "C:\\v\\Scripts");
	assert_string_equal(f->r.getpath.prefix, "");
	assert_true(traced(f, "applocal"));
	ps_tree_free(f);
}

/* The upward search tests the drive root too (reduce("C:\\x") is "C:", joined as "C:\\"). */
static void test_drive_root_landmark(void **state)
{
	struct ps_tree *f = fx_new(10, "C:\\deep\\dir\\python.exe", "C:\\deep\\dir\\python310.dll");
	(void)state;
	ps_tree_xfile(f, "C:\\deep\\dir\\python.exe");
	ps_tree_file(f, "C:\\lib\\os.py");
	ps_tree_run(f);
	MSP(f, "C:\\deep\\dir\\python310.zip", "C:\\DLLs", "C:\\lib", "C:\\deep\\dir");
	assert_string_equal(f->r.getpath.prefix, "C:");
	ps_tree_free(f);
}

/* Py_SetPath(): the string is sys.path, prefix ''. */
static void test_setpath(void **state)
{
	struct ps_tree *f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	f->in.embed.present = true;
	f->in.embed.use_environment = f->in.embed.site_import = -1;
	f->in.embed.user_site_directory = f->in.embed.pathconfig_warnings = -1;
	assert_int_equal(ps_set_str(&f->in.embed.setpath, PY "\\Lib;" PY "\\DLLs"), 0);
	ps_tree_run(f);
	MSP(f, PY "\\Lib", PY "\\DLLs");
	assert_string_equal(f->r.getpath.prefix, "");
	ps_tree_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_install_38),
		cmocka_unit_test(test_zip_landmark),
		cmocka_unit_test(test_names_from_exe_without_dll),
		cmocka_unit_test(test_pth_dll_wins),
		cmocka_unit_test(test_pth_directory_shadows),
		cmocka_unit_test(test_pth_empty),
		cmocka_unit_test(test_pth_bad_import),
		cmocka_unit_test(test_venv_launcher_38),
		cmocka_unit_test(test_launcher_versions),
		cmocka_unit_test(test_registry_core_path),
		cmocka_unit_test(test_registry_and_E),
		cmocka_unit_test(test_home_and_pythonpath),
		cmocka_unit_test(test_pyvenv_cfg),
		cmocka_unit_test(test_drive_root_landmark),
		cmocka_unit_test(test_setpath),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
