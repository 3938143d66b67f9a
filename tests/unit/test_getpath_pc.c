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

#define PY "C:\\Python38"

struct fx {
	struct ps_vfs *v;
	struct ps_inputs in;
	struct ps_fs fs;
	struct ps_result r;
	struct ps_error err;
};

static void node(struct fx *f, const char *path, enum ps_ftype t, const char *content)
{
	struct ps_error err;
	ps_error_init(&err);
	if (ps_vfs_add(f->v, path, t, t == PS_FT_FILE && strstr(path, ".exe"), content,
		       content ? strlen(content) : 0, NULL, 0, &err) < 0) {
		print_error("ps_vfs_add %s: %s\n", path, err.msg);
		fail();
	}
}

static void F(struct fx *f, const char *p) { node(f, p, PS_FT_FILE, NULL); }
static void D(struct fx *f, const char *p) { node(f, p, PS_FT_DIR, NULL); }
static void C(struct fx *f, const char *p, const char *c) { node(f, p, PS_FT_FILE, c); }

static void ENV(struct fx *f, const char *name, const char *value)
{
	assert_int_equal(ps_env_set(&f->in.env, name, value), 0);
}

static void REG(struct fx *f, const char *key, const char *value)
{
	struct ps_regval *t = realloc(f->in.registry, (f->in.nregistry + 1) * sizeof *t);
	assert_non_null(t);
	f->in.registry = t;
	t[f->in.nregistry].key = NULL;
	t[f->in.nregistry].value = NULL;
	assert_int_equal(ps_set_str(&t[f->in.nregistry].key, key), 0);
	assert_int_equal(ps_set_str(&t[f->in.nregistry].value, value), 0);
	f->in.nregistry++;
}

/* An installed layout: python.exe, pythonXY.dll, Lib\os.py, Lib\encodings, DLLs. */
static void install(struct fx *f, const char *root, int minor)
{
	char p[256];
	snprintf(p, sizeof p, "%s\\python.exe", root);
	F(f, p);
	snprintf(p, sizeof p, "%s\\python3%d.dll", root, minor);
	F(f, p);
	snprintf(p, sizeof p, "%s\\Lib\\os.py", root);
	F(f, p);
	snprintf(p, sizeof p, "%s\\Lib\\encodings\\__init__.py", root);
	F(f, p);
	snprintf(p, sizeof p, "%s\\DLLs", root);
	D(f, p);
}

/* Python 3.<minor> started as exe, the DLL next to it unless dll is NULL. */
static struct fx *fx_new(int minor, const char *exe, const char *dll)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->v = ps_vfs_new(PS_PLATFORM_NT);
	assert_non_null(f->v);
	ps_inputs_init(&f->in);
	f->in.build.major = 3;
	f->in.build.minor = minor;
	f->in.build.platform = PS_PLATFORM_NT;
	assert_int_equal(ps_set_str(&f->in.argv0, "python"), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable, exe), 0);
	if (dll)
		assert_int_equal(ps_set_str(&f->in.build.library, dll), 0);
	assert_int_equal(ps_set_str(&f->in.cwd, "C:\\Users\\me"), 0);
	f->in.run.kind = PS_RUN_COMMAND;
	assert_int_equal(ps_set_str(&f->in.run.arg, "pass"), 0);
	f->in.flags.no_site = true;
	ENV(f, "PATH", "C:\\Windows");
	D(f, "C:\\Users\\me");
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
#define SYSPATH(f, ...) assert_strv(&(f)->r.sys.path, __VA_ARGS__, NULL)

/* getpath's probes as "op path" lines (no decisions, no site, no path0). */
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

static void SYS(struct fx *f, const char *exe, const char *prefix)
{
	assert_true(f->r.has_sys);
	assert_string_equal(f->r.sys.executable, exe);
	assert_string_equal(f->r.sys.prefix, prefix);
	assert_string_equal(f->r.sys.exec_prefix, prefix);
	assert_string_equal(f->r.sys.base_prefix, prefix);
	assert_string_equal(f->r.sys.base_exec_prefix, prefix);
}

/* Does the trace hold a step whose note contains text? */
static bool traced(struct fx *f, const char *text)
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
	struct fx *f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath", PY "\\Lib;" PY "\\DLLs");
	run(f);
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
	fx_free(f);
}

/* An existing zip next to the DLL is the home: no lib\os.py search (calculate_home_prefix). */
static void test_zip_landmark(void **state)
{
	struct fx *f = fx_new(9, "C:\\emb\\python.exe", "C:\\emb\\python39.dll");
	(void)state;
	F(f, "C:\\emb\\python.exe");
	F(f, "C:\\emb\\python39.zip");
	run(f);
	PROBES(f, "isfile C:\\emb\\python39._pth", "isfile C:\\emb\\python._pth",
	       "read C:\\emb\\pyvenv.cfg", "read C:\\pyvenv.cfg", "isfile C:\\emb\\python39.zip");
	MSP(f, "C:\\emb\\python39.zip", "C:\\emb\\DLLs", "C:\\emb\\lib", "C:\\emb");
	assert_string_equal(f->r.getpath.prefix, "C:\\emb");
	/* 3.9 has sys.platlibdir; on Windows before 3.11 it is "lib" */
	assert_string_equal(f->r.getpath.platlibdir, "lib");
	fx_free(f);
}

/* Without a DLL the zip (and ._pth) names come from the executable. */
static void test_names_from_exe_without_dll(void **state)
{
	struct fx *f = fx_new(10, "C:\\App\\myapp.exe", NULL);
	(void)state;
	F(f, "C:\\App\\myapp.exe");
	F(f, "C:\\App\\Lib\\os.py");
	run(f);
	PROBES(f, "isfile C:\\App\\myapp._pth", "read C:\\App\\pyvenv.cfg", "read C:\\pyvenv.cfg",
	       "isfile C:\\App\\myapp.zip", "isfile C:\\App\\lib\\os.py");
	MSP(f, "C:\\App\\myapp.zip", "C:\\App\\DLLs", "C:\\App\\lib", "C:\\App");
	fx_free(f);
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
	struct fx *f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	C(f, PY "\\python38._pth", "python38.zip\r\n.\r\n# comment\r\n\r\n..\\shared\\lib\r\n"
	  "D:\\abs\r\nLib\r\nimport site\r\n");
	C(f, PY "\\python._pth", "nothing\n");
	ENV(f, "PYTHONPATH", "C:\\pp");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath\\App", "C:\\app");
	run(f);
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
	fx_free(f);

	/* no DLL ._pth: the exe's; no 'import site': site off */
	f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	install(f, PY, 8);
	C(f, PY "\\python._pth", "Lib\n");
	f->in.flags.no_site = false;
	run(f);
	MSP(f, PY "\\Lib");
	assert_true(f->r.sys.flags.no_site);
	assert_false(f->r.sys.site_ran);
	fx_free(f);
}

/*
 * get_pth_filename() only asks whether the name exists: a directory (or an
 * unreadable file) named python38._pth is chosen, fails to open, and the
 * exe's ._pth is never tried - the normal search runs.
 */
static void test_pth_directory_shadows(void **state)
{
	struct fx *f = fx_new(10, PY "\\python.exe", PY "\\python310.dll");
	(void)state;
	install(f, PY, 10);
	D(f, PY "\\python310._pth");
	C(f, PY "\\python._pth", "Lib\n");
	run(f);
	PROBES(f, "isfile " PY "\\python310._pth", "read " PY "\\python310._pth",
	       "read " PY "\\pyvenv.cfg", "read C:\\pyvenv.cfg", "isfile " PY "\\python310.zip",
	       "isfile " PY "\\lib\\os.py");
	MSP(f, PY "\\python310.zip", PY "\\DLLs", PY "\\lib", PY);
	assert_false(f->r.sys.flags.isolated);
	fx_free(f);
}

/* A ._pth without path lines gives one empty entry (the string "" split on ';'). */
static void test_pth_empty(void **state)
{
	struct fx *f = fx_new(9, PY "\\python.exe", PY "\\python39.dll");
	(void)state;
	install(f, PY, 9);
	C(f, PY "\\python39._pth", "# nothing\n");
	run(f);
	MSP(f, "");
	assert_string_equal(f->r.getpath.prefix, PY);
	fx_free(f);
}

/* 'import os' in a ._pth: 3.6/3.7 Py_FatalError, 3.8+ a PyStatus error from read_pth_file. */
static void test_pth_bad_import(void **state)
{
	struct fx *f = fx_new(7, "C:\\Python37\\python.exe", "C:\\Python37\\python37.dll");
	(void)state;
	install(f, "C:\\Python37", 7);
	C(f, "C:\\Python37\\python37._pth", "Lib\nimport os\n");
	run(f);
	assert_true(f->r.has_fatal);
	assert_false(f->r.has_sys);
	assert_string_equal(f->r.fatal.message, "only 'import site' is supported in ._pth file");
	assert_int_equal(f->r.fatal.exit_status, 3);
	fx_free(f);

	f = fx_new(10, PY "\\python.exe", PY "\\python310.dll");
	install(f, PY, 10);
	C(f, PY "\\python310._pth", "import sitecustomize\n");
	run(f);
	assert_true(f->r.has_fatal);
	assert_string_equal(f->r.fatal.message,
			    "read_pth_file: only 'import site' is supported in ._pth file");
	fx_free(f);
}

/*
 * get_program_full_path (3.8+): __PYVENV_LAUNCHER__ (read with _wgetenv,
 * so even under -E) becomes the executable, the real one base_executable;
 * pyvenv.cfg one level above Scripts\ gives argv0_path = home, which is
 * then the last entry.  site.py is what switches the prefix to the venv.
 */
static void test_venv_launcher_38(void **state)
{
	struct fx *f = fx_new(8, PY "\\python.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	F(f, "C:\\venv\\Scripts\\python.exe");
	C(f, "C:\\venv\\pyvenv.cfg", "home = " PY "\r\ninclude-system-site-packages = false\r\n");
	ENV(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	f->in.flags.ignore_environment = true;
	run(f);
	PROBES(f, "isfile " PY "\\python38._pth", "isfile C:\\venv\\Scripts\\python._pth",
	       "read C:\\venv\\Scripts\\pyvenv.cfg", "read C:\\venv\\pyvenv.cfg",
	       "isfile " PY "\\python38.zip", "isfile " PY "\\lib\\os.py");
	MSP(f, PY "\\python38.zip", PY "\\DLLs", PY "\\lib", PY);
	SYS(f, "C:\\venv\\Scripts\\python.exe", PY);
	assert_string_equal(f->r.sys.base_executable, PY "\\python.exe");
	fx_free(f);
}

/* The launcher by version: 3.6 never, 3.7.0/3.7.1 not, 3.7.2+ without base_executable. */
static void test_launcher_versions(void **state)
{
	struct fx *f = fx_new(6, "C:\\Python36\\python.exe", "C:\\Python36\\python36.dll");
	(void)state;
	install(f, "C:\\Python36", 6);
	ENV(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	run(f);
	assert_string_equal(f->r.sys.executable, "C:\\Python36\\python.exe");
	assert_null(f->r.sys.base_executable);
	fx_free(f);

	f = fx_new(7, "C:\\Python37\\python.exe", "C:\\Python37\\python37.dll");
	install(f, "C:\\Python37", 7);
	C(f, "C:\\venv\\pyvenv.cfg", "home = C:\\Python37\n");
	ENV(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\..\\Scripts\\python.exe");
	run(f);
	/* canonicalised from 3.7 on */
	assert_string_equal(f->r.sys.executable, "C:\\venv\\Scripts\\python.exe");
	assert_null(f->r.sys.base_executable);
	fx_free(f);

	f = fx_new(7, "C:\\Python37\\python.exe", "C:\\Python37\\python37.dll");
	f->in.build.micro = 1;
	install(f, "C:\\Python37", 7);
	ENV(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	run(f);
	assert_string_equal(f->r.sys.executable, "C:\\Python37\\python.exe");
	fx_free(f);
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
	struct fx *f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	const char *K = "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath";
	(void)state;
	install(f, PY, 8);
	F(f, "C:\\App\\app.exe");
	REG(f, K, PY "\\Lib;" PY "\\DLLs");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath\\Zapp", "C:\\Zapp");
	REG(f, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Python\\PythonCore\\3.8\\PythonPath\\aapp",
	    "C:\\Aapp");
	REG(f, "HKCU\\Software\\Python\\PythonCore\\3.8\\PythonPath\\Mine", "C:\\Mine");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.7\\PythonPath", "C:\\Python37\\Lib");
	run(f);
	MSP(f, PY "\\python38.zip", "C:\\Aapp", "C:\\Zapp", PY "\\Lib", PY "\\DLLs", "C:\\App");
	SYS(f, "C:\\App\\app.exe", PY);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_REGISTRY);
	assert_true(traced(f, "has no default value"));
	fx_free(f);

	/* HKCU with a core value: user paths come first */
	f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	install(f, PY, 8);
	F(f, "C:\\App\\app.exe");
	REG(f, K, PY "\\Lib");
	REG(f, "HKCU\\Software\\Python\\PythonCore\\3.8\\PythonPath", "C:\\U\\Lib");
	REG(f, "HKCU\\Software\\Python\\PythonCore\\3.8\\PythonPath\\Mine", "C:\\Mine");
	run(f);
	MSP(f, PY "\\python38.zip", "C:\\Mine", "C:\\U\\Lib", PY "\\Lib", "C:\\App");
	fx_free(f);
}

/*
 * -E: 3.8+ skip the registry (Py_IgnoreEnvironmentFlag), so with nothing
 * better the macro goes in raw; the backward scan then finds the prefix
 * from the zip entry.  3.6 and 3.7 read the registry regardless.
 */
static void test_registry_and_E(void **state)
{
	struct fx *f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	F(f, "C:\\App\\app.exe");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath", PY "\\Lib");
	f->in.flags.ignore_environment = true;
	run(f);
	MSP(f, PY "\\python38.zip", ".\\DLLs", ".\\lib", "C:\\App");
	assert_string_equal(f->r.getpath.prefix, PY);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_MACRO);
	fx_free(f);

	f = fx_new(7, "C:\\App\\app.exe", "C:\\Python37\\python37.dll");
	install(f, "C:\\Python37", 7);
	F(f, "C:\\App\\app.exe");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.7\\PythonPath", "C:\\Python37\\Lib");
	f->in.flags.ignore_environment = true;
	run(f);
	MSP(f, "C:\\Python37\\python37.zip", "C:\\Python37\\Lib", "C:\\App");
	assert_string_equal(f->r.getpath.prefix, "C:\\Python37");
	fx_free(f);

	/* winver: a 32-bit build's key is "3.8-32" */
	f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	install(f, PY, 8);
	F(f, "C:\\App\\app.exe");
	assert_int_equal(ps_set_str(&f->in.build.winver, "3.8-32"), 0);
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.8\\PythonPath", "C:\\wrong");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.8-32\\PythonPath", PY "\\Lib");
	run(f);
	MSP(f, PY "\\python38.zip", PY "\\Lib", "C:\\App");
	fx_free(f);
}

/*
 * PYTHONHOME is believed as typed (calculate_home_prefix) and the macro's
 * '.' is replaced by text concatenation: a trailing '\' doubles.  An
 * empty PYTHONHOME is no home on Windows (3.6 too).  PYTHONPATH goes
 * first, raw; -E drops both.
 */
static void test_home_and_pythonpath(void **state)
{
	struct fx *f = fx_new(9, PY "\\python.exe", PY "\\python39.dll");
	(void)state;
	install(f, PY, 9);
	ENV(f, "PYTHONHOME", "D:\\Py\\");
	ENV(f, "PYTHONPATH", "C:\\a;;rel");
	REG(f, "HKLM\\Software\\Python\\PythonCore\\3.9\\PythonPath", PY "\\Lib");
	run(f);
	PROBES(f, "isfile " PY "\\python39._pth", "isfile " PY "\\python._pth",
	       "read " PY "\\pyvenv.cfg", "read C:\\pyvenv.cfg");
	MSP(f, "C:\\a", "", "rel", PY "\\python39.zip", "D:\\Py\\\\DLLs", "D:\\Py\\\\lib", PY);
	assert_string_equal(f->r.getpath.prefix, "D:\\Py\\");
	assert_int_equal(f->r.getpath.entries[0].origin, PS_ORIGIN_PYTHONPATH);
	fx_free(f);

	f = fx_new(6, "C:\\Python36\\python.exe", "C:\\Python36\\python36.dll");
	install(f, "C:\\Python36", 6);
	ENV(f, "PYTHONHOME", "");
	ENV(f, "PYTHONPATH", "C:\\a");
	f->in.flags.ignore_environment = true;
	run(f);
	MSP(f, "C:\\Python36\\python36.zip", "C:\\Python36\\DLLs", "C:\\Python36\\lib",
	    "C:\\Python36");
	assert_string_equal(f->r.getpath.prefix, "C:\\Python36");
	fx_free(f);
}

/*
 * pyvenv.cfg (_Py_FindEnvConfigValue): the exe dir's file is read first,
 * and once one opens the parent's is not tried even without a home;
 * 'home=X' (no spaces) is no home; 'applocal' is ignored since 3.6.
 */
static void test_pyvenv_cfg(void **state)
{
	struct fx *f = fx_new(8, "C:\\v\\Scripts\\python.exe", "C:\\v\\Scripts\\python38.dll");
	(void)state;
	install(f, PY, 8);
	F(f, "C:\\v\\Scripts\\python.exe");
	C(f, "C:\\v\\Scripts\\pyvenv.cfg", "home=" PY "\napplocal = true\n");
	C(f, "C:\\v\\pyvenv.cfg", "home = " PY "\n");
	run(f);
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
	fx_free(f);
}

/* The upward search tests the drive root too (reduce("C:\\x") is "C:", joined as "C:\\"). */
static void test_drive_root_landmark(void **state)
{
	struct fx *f = fx_new(10, "C:\\deep\\dir\\python.exe", "C:\\deep\\dir\\python310.dll");
	(void)state;
	F(f, "C:\\deep\\dir\\python.exe");
	F(f, "C:\\lib\\os.py");
	run(f);
	MSP(f, "C:\\deep\\dir\\python310.zip", "C:\\DLLs", "C:\\lib", "C:\\deep\\dir");
	assert_string_equal(f->r.getpath.prefix, "C:");
	fx_free(f);
}

/* Py_SetPath(): the string is sys.path, prefix ''. */
static void test_setpath(void **state)
{
	struct fx *f = fx_new(8, "C:\\App\\app.exe", PY "\\python38.dll");
	(void)state;
	install(f, PY, 8);
	f->in.embed.present = true;
	f->in.embed.use_environment = f->in.embed.site_import = -1;
	f->in.embed.user_site_directory = f->in.embed.pathconfig_warnings = -1;
	assert_int_equal(ps_set_str(&f->in.embed.setpath, PY "\\Lib;" PY "\\DLLs"), 0);
	run(f);
	MSP(f, PY "\\Lib", PY "\\DLLs");
	assert_string_equal(f->r.getpath.prefix, "");
	fx_free(f);
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
