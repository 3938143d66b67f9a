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
#include "helper_faultfs.h"

struct fx {
	struct ps_vfs *v;
	struct ps_inputs in;
	struct ps_fs fs;
	struct ps_result r;
	struct ps_error err;
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
static void C(struct fx *f, const char *p, const char *c) { node(f, p, PS_FT_FILE, false, c, NULL); }

static void ENV(struct fx *f, const char *name, const char *value)
{
	assert_int_equal(ps_env_set(&f->in.env, name, value), 0);
}

/* python.exe, Lib\os.py, Lib\encodings, DLLs under root (test_normal_win32's tree). */
static void install(struct fx *f, const char *root)
{
	char p[256];
	snprintf(p, sizeof p, "%s\\python.exe", root);
	X(f, p);
	snprintf(p, sizeof p, "%s\\Lib\\os.py", root);
	F(f, p);
	snprintf(p, sizeof p, "%s\\Lib\\encodings\\__init__.py", root);
	F(f, p);
	snprintf(p, sizeof p, "%s\\DLLs", root);
	D(f, p);
}

/* exe: what GetModuleFileNameW reports (NULL: not given). */
static struct fx *fx_new(int minor, const char *argv0, const char *exe, const char *cwd)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->v = ps_vfs_new(PS_PLATFORM_NT);
	assert_non_null(f->v);
	ps_inputs_init(&f->in);
	f->in.build.major = 3;
	f->in.build.minor = minor;
	f->in.build.platform = PS_PLATFORM_NT;
	assert_int_equal(ps_set_str(&f->in.argv0, argv0), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable, exe), 0);
	assert_int_equal(ps_set_str(&f->in.cwd, cwd), 0);
	f->in.run.kind = PS_RUN_COMMAND;
	assert_int_equal(ps_set_str(&f->in.run.arg, "pass"), 0);
	ENV(f, "PATH", "C:\\Windows\\system32;C:\\Windows");
	ENV(f, "APPDATA", "C:\\Users\\me\\AppData\\Roaming");
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

static void reg(struct fx *f, const char *key, const char *value)
{
	struct ps_regval *t = realloc(f->in.registry, (f->in.nregistry + 1) * sizeof *t);
	assert_non_null(t);
	f->in.registry = t;
	t[f->in.nregistry].key = strdup(key);
	t[f->in.nregistry].value = value ? strdup(value) : NULL;
	f->in.nregistry++;
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
#define WARNINGS(f, ...) assert_strv(&(f)->r.getpath.warnings, __VA_ARGS__, NULL)
#define NO_WARNINGS(f) assert_int_equal((f)->r.getpath.warnings.n, 0)

/* getpath's probes as "op path" lines, the frozen code's helper calls. */
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

#define GP(f, field, want) assert_string_equal((f)->r.getpath.field, want)

/* ------------------------------------------------------------------ */

/* test_normal_win32; probe order of the frozen 3.12.1 code. */
static void test_normal(void **state)
{
	struct fx *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	install(f, "C:\\Python");
	run(f);
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
	fx_free(f);
}

/*
 * The DLL's directory holds the zip entry; its ._pth name is tried first,
 * and the zip and stdlib landmarks are looked for next to it (§5): the
 * search from the library finds the stdlib, so the executable's directory
 * is not searched again (frozen 3.13.0 call order).
 */
static void test_dll(void **state)
{
	struct fx *f = fx_new(13, "python", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	install(f, "C:\\Python");
	F(f, "C:\\Python\\python313.dll");
	assert_int_equal(ps_set_str(&f->in.build.library, "C:\\Python\\python313.dll"), 0);
	run(f);
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
	fx_free(f);
}

/* argv0 "python" in the exe's directory gets ".exe"; no invocation.executable (documented fallback). */
static void test_program_name_exe(void **state)
{
	struct fx *f = fx_new(12, "python", NULL, "C:\\Python");
	(void)state;
	install(f, "C:\\Python");
	run(f);
	GP(f, program_name, "python.exe");
	GP(f, executable, "C:\\Python\\python.exe");
	GP(f, prefix, "C:\\Python");
	MSP(f, "C:\\Python\\python312.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	fx_free(f);
}

/* test_buildtree_win32: empty pybuilddir.txt, VPATH ..\.., no reset to PREFIX. */
static void test_buildtree(void **state)
{
	const char *exe = "C:\\CPython\\PCbuild\\amd64\\python.exe";
	struct fx *f = fx_new(12, exe, exe, "C:\\Users\\me");
	(void)state;
	X(f, exe);
	F(f, "C:\\CPython\\Lib\\os.py");
	F(f, "C:\\CPython\\PCbuild\\amd64\\pybuilddir.txt");
	run(f);
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
	fx_free(f);

	/* the source-tree marker VPATH\Modules\Setup.local: platstdlib is the exe dir */
	f = fx_new(11, exe, exe, "C:\\Users\\me");
	X(f, exe);
	F(f, "C:\\CPython\\Lib\\os.py");
	F(f, "C:\\CPython\\Modules\\Setup.local");
	run(f);
	GP(f, prefix, "C:\\CPython");
	GP(f, platstdlib_dir, "C:\\CPython\\PCbuild\\amd64");
	MSP(f, "C:\\CPython\\PCbuild\\amd64\\python311.zip", "C:\\CPython\\PCbuild\\amd64",
	    "C:\\CPython\\Lib");
	fx_free(f);

	/* test_buildtree_pythonhome_win32: VPATH from C:\Out lands on C:\, PYTHONHOME wins */
	f = fx_new(13, "C:\\Out\\python.exe", "C:\\Out\\python.exe", "C:\\Users\\me");
	X(f, "C:\\Out\\python.exe");
	F(f, "C:\\Out\\pybuilddir.txt");
	F(f, "C:\\CPython\\Lib\\os.py");
	ENV(f, "PYTHONHOME", "C:\\CPython");
	run(f);
	GP(f, prefix, "C:\\CPython");
	GP(f, exec_prefix, "C:\\CPython");
	MSP(f, "C:\\Out\\python313.zip", "C:\\Out", "C:\\CPython\\Lib");
	fx_free(f);
}

/* test_venv_win32: the launcher sets __PYVENV_LAUNCHER__. */
static void test_venv_launcher(void **state)
{
	struct fx *f = fx_new(13, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	install(f, "C:\\Python");
	X(f, "C:\\venv\\Scripts\\python.exe");
	C(f, "C:\\venv\\pyvenv.cfg", "home = C:\\Python\r\ninclude-system-site-packages = false\r\n");
	ENV(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	run(f);
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
	fx_free(f);
}

/* test_registry_win32 and #60: HKCU then HKLM subkeys (sorted), core path only without a stdlib. */
static void test_registry(void **state)
{
	const char *key = "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath";
	struct fx *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	install(f, "C:\\Python");
	reg(f, key, "C:\\Core\\Lib;C:\\Core\\DLLs");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\Path1", "path1-dir");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\MyApp", "C:\\MyApp\\lib;C:\\MyApp\\ext");
	reg(f, "hkcu\\software\\python\\pythoncore\\3.12\\pythonpath\\Mine", "C:\\Mine");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.11\\PythonPath\\Other", "C:\\Other");
	run(f);
	MSP(f, "C:\\Python\\python312.zip", "C:\\Mine", "C:\\MyApp\\lib", "C:\\MyApp\\ext",
	    "path1-dir", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_REGISTRY);
	fx_free(f);

	/* -E: the registry is not read */
	f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	install(f, "C:\\Python");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\Path1", "path1-dir");
	f->in.flags.ignore_environment = true;
	run(f);
	MSP(f, "C:\\Python\\python312.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	fx_free(f);

	/* nothing found: prefix is the cwd (one warning), the core path is appended */
	f = fx_new(13, "C:\\Tools\\python.exe", "C:\\Tools\\python.exe", "C:\\Users\\me");
	X(f, "C:\\Tools\\python.exe");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.13\\PythonPath", "C:\\Python\\Lib;C:\\Python\\DLLs");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.13\\PythonPath\\App", "C:\\App");
	run(f);
	GP(f, prefix, "C:\\Users\\me");
	WARNINGS(f, "Could not find platform independent libraries <prefix>");
	MSP(f, "C:\\Tools\\python313.zip", "C:\\App", "C:\\Python\\Lib", "C:\\Python\\DLLs",
	    "C:\\Users\\me", "C:\\Users\\me\\Lib", "C:\\Tools");
	fx_free(f);

	/* the winver of a 32-bit build names the key */
	f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	install(f, "C:\\Python");
	assert_int_equal(ps_set_str(&f->in.build.winver, "3.12-32"), 0);
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12-32\\PythonPath\\App", "C:\\App32");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\App", "C:\\Other");
	run(f);
	MSP(f, "C:\\Python\\python312.zip", "C:\\App32", "C:\\Python\\DLLs", "C:\\Python\\Lib",
	    "C:\\Python");
	fx_free(f);
}

/* #60: python3XY._pth next to the DLL wins; a directory of that name is skipped. */
static void test_pth(void **state)
{
	struct fx *f = fx_new(12, "C:\\App\\python.exe", "C:\\App\\python.exe", "C:\\Users\\me");
	(void)state;
	X(f, "C:\\App\\python.exe");
	F(f, "C:\\App\\python312.dll");
	F(f, "C:\\App\\Lib\\encodings\\__init__.py");
	assert_int_equal(ps_set_str(&f->in.build.library, "C:\\App\\python312.dll"), 0);
	C(f, "C:\\App\\python312._pth", "python312.zip\n.\nLib\nimport site\n");
	C(f, "C:\\App\\python._pth", "C:\\elsewhere\n");
	ENV(f, "PYTHONPATH", "C:\\ignored");
	run(f);
	GP(f, prefix, "C:\\App");
	GP(f, base_prefix, "C:\\App");
	MSP(f, "C:\\App\\python312.zip", "C:\\App", "C:\\App\\Lib");
	assert_true(f->r.has_sys);
	assert_int_equal(f->r.sys.flags.isolated, 1);
	assert_int_equal(f->r.sys.flags.ignore_environment, 1);
	assert_int_equal(f->r.sys.flags.no_site, 0);
	assert_int_equal(f->r.sys.flags.safe_path, 1);
	fx_free(f);

	/* a directory named python312._pth cannot be opened: python._pth is used */
	f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	install(f, "C:\\Python");
	F(f, "C:\\Python\\python312.dll");
	assert_int_equal(ps_set_str(&f->in.build.library, "C:\\Python\\python312.dll"), 0);
	D(f, "C:\\Python\\python312._pth");
	C(f, "C:\\Python\\python._pth", "Lib\n");
	run(f);
	MSP(f, "C:\\Python\\Lib");
	PROBES(f, "read C:\\pyvenv.cfg", "read C:\\Python\\pyvenv.cfg",
	       "realpath C:\\Python\\python.exe", "read C:\\Python\\python312._pth",
	       "read C:\\Python\\python._pth", "read C:\\Python\\pybuilddir.txt",
	       "isfile C:\\Modules\\Setup.local");
	fx_free(f);
}

/* test_no_dlls_win32 (gh-98790) and test_symlink_normal_win32; directory links resolve too. */
static void test_layouts(void **state)
{
	struct fx *f = fx_new(13, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	X(f, "C:\\Python\\python.exe");
	F(f, "C:\\Python\\Lib\\os.py");
	run(f);
	GP(f, platstdlib_dir, "C:\\Python");
	MSP(f, "C:\\Python\\python313.zip", "C:\\Python", "C:\\Python\\Lib");
	NO_WARNINGS(f);
	fx_free(f);

	f = fx_new(11, "C:\\LinkedFrom\\python.exe", "C:\\LinkedFrom\\python.exe", "C:\\Users\\me");
	install(f, "C:\\Python");
	L(f, "C:\\LinkedFrom\\python.exe", "C:\\Python\\python.exe");
	run(f);
	GP(f, executable, "C:\\LinkedFrom\\python.exe");
	GP(f, base_executable, "C:\\LinkedFrom\\python.exe");
	GP(f, prefix, "C:\\Python");
	MSP(f, "C:\\Python\\python311.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	fx_free(f);

	/* GetFinalPathNameByHandleW resolves a directory link, unlike the POSIX helper */
	f = fx_new(12, "C:\\Alias\\python.exe", "C:\\Alias\\python.exe", "C:\\Users\\me");
	install(f, "C:\\Python");
	L(f, "C:\\Alias", "C:\\Python");
	run(f);
	GP(f, executable, "C:\\Alias\\python.exe");
	GP(f, prefix, "C:\\Python");
	PROBES(f, "read C:\\pyvenv.cfg", "read C:\\Alias\\pyvenv.cfg",
	       "realpath C:\\Alias\\python.exe", "read C:\\Alias\\python._pth",
	       "read C:\\Python\\python._pth", "read C:\\Python\\pybuilddir.txt",
	       "isfile C:\\Modules\\Setup.local", "isfile C:\\Python\\python312.zip",
	       "isfile C:\\Python\\Lib\\os.py", "isdir C:\\Python\\DLLs");
	fx_free(f);

	/* names compare without case; paths keep getpath's spelling */
	f = fx_new(12, "c:\\python\\python.exe", "c:\\python\\python.exe", "C:\\Users\\me");
	X(f, "C:\\Python\\PYTHON.EXE");
	F(f, "C:\\Python\\LIB\\OS.PY");
	D(f, "C:\\Python\\dlls");
	run(f);
	GP(f, prefix, "c:\\python");
	MSP(f, "c:\\python\\python312.zip", "c:\\python\\DLLs", "c:\\python\\Lib", "c:\\python");
	fx_free(f);
}

/* PYTHONHOME splits on ';', PYTHONPATH entries through GetFullPathNameW. */
static void test_environment(void **state)
{
	struct fx *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	(void)state;
	install(f, "C:\\Python");
	ENV(f, "PYTHONHOME", "C:\\Python;D:\\Ext");
	run(f);
	GP(f, prefix, "C:\\Python");
	GP(f, exec_prefix, "D:\\Ext");
	MSP(f, "C:\\Python\\python312.zip", "D:\\Ext\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	NO_WARNINGS(f);
	fx_free(f);

	f = fx_new(13, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	install(f, "C:\\Python");
	ENV(f, "PYTHONPATH", "rel;;C:\\abs\\..\\abs2;D:x;\\rooted");
	run(f);
	MSP(f, "C:\\Users\\me\\rel", "C:\\Users\\me", "C:\\abs2", "D:\\x", "C:\\rooted",
	    "C:\\Python\\python313.zip", "C:\\Python\\DLLs", "C:\\Python\\Lib", "C:\\Python");
	fx_free(f);

	/* nothing found from D:\work: only the <prefix> warning */
	f = fx_new(11, "C:\\Tools\\python.exe", "C:\\Tools\\python.exe", "D:\\work");
	X(f, "C:\\Tools\\python.exe");
	D(f, "D:\\work");
	run(f);
	WARNINGS(f, "Could not find platform independent libraries <prefix>");
	MSP(f, "C:\\Tools\\python311.zip", "D:\\work", "D:\\work\\Lib", "C:\\Tools");
	assert_true(f->r.has_fatal);
	fx_free(f);
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
		struct fx *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe",
				      cases[i].cwd);
		install(f, "C:\\Python");
		F(f, "C:\\proj\\src\\app.py");
		F(f, "C:\\proj\\app.py");
		F(f, "C:\\app.py");
		F(f, "C:\\real\\app.py");
		L(f, "C:\\proj\\link", "C:\\real");
		f->in.run.kind = PS_RUN_SCRIPT;
		assert_int_equal(ps_set_str(&f->in.run.arg, cases[i].script), 0);
		run(f);
		assert_true(f->r.has_sys);
		assert_true(f->r.sys.path.n > 0);
		assert_string_equal(f->r.sys.path.v[0], cases[i].want);
		fx_free(f);
	}
}

/* Every allocation or filesystem failure along the nt branches fails cleanly. */
static void test_fault_injection(void **state)
{
	struct fx *f = fx_new(12, "C:\\Python\\python.exe", "C:\\Python\\python.exe", "C:\\Users\\me");
	struct ps_faultfs ff;
	(void)state;
	install(f, "C:\\Python");
	L(f, "C:\\Alias", "C:\\Python");
	ENV(f, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	C(f, "C:\\venv\\pyvenv.cfg", "home = C:\\Alias\n");
	reg(f, "HKLM\\Software\\Python\\PythonCore\\3.12\\PythonPath\\App", "C:\\App");
	ps_vfs_fs(f->v, &f->fs);
	f->fs.cwd = f->in.cwd;
	for (long n = 1; n < 10000; n++) {
		ps_faultfs_init(&ff, &f->fs, n, n % 2 ? ENOMEM : EACCES);
		ps_result_release(&f->r);
		ps_result_init(&f->r);
		(void)ps_compute(&f->in, &ff.fs, &f->r, &f->err);
		if (!ff.failures)
			break;
	}
	fx_free(f);
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
