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

/* A non-framework install of 3.minor under root. */
static void install(struct fx *f, const char *root, int minor)
{
	char p[256], t[32];
	snprintf(p, sizeof p, "%s/bin/python3.%d", root, minor);
	X(f, p);
	snprintf(p, sizeof p, "%s/bin/python3", root);
	snprintf(t, sizeof t, "python3.%d", minor);
	L(f, p, t);
	snprintf(p, sizeof p, "%s/lib/python3.%d/os.py", root, minor);
	F(f, p);
	snprintf(p, sizeof p, "%s/lib/python3.%d/encodings/__init__.py", root, minor);
	F(f, p);
	snprintf(p, sizeof p, "%s/lib/python3.%d/lib-dynload", root, minor);
	D(f, p);
}

#define FW "/Library/Frameworks/Python.framework/Versions/3.12"
#define APP FW "/Resources/Python.app/Contents/MacOS/Python"

/* A framework build of 3.12: the stub bin/python3.12, the app bundle, the library. */
static void framework(struct fx *f)
{
	F(f, FW "/Python");
	X(f, FW "/bin/python3.12");
	L(f, FW "/bin/python3", "python3.12");
	X(f, APP);
	F(f, FW "/lib/python3.12/os.py");
	F(f, FW "/lib/python3.12/encodings/__init__.py");
	D(f, FW "/lib/python3.12/lib-dynload");
	f->in.build.framework = true;
	assert_int_equal(ps_set_str(&f->in.build.library, FW "/Python"), 0);
	assert_int_equal(ps_set_str(&f->in.build.prefix, FW), 0);
}

/* exe: what _NSGetExecutablePath reports (NULL: not given). */
static struct fx *fx_new(int minor, const char *argv0, const char *exe, const char *cwd)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->v = ps_vfs_new(PS_PLATFORM_DARWIN);
	assert_non_null(f->v);
	ps_inputs_init(&f->in);
	f->in.build.major = 3;
	f->in.build.minor = minor;
	f->in.build.platform = PS_PLATFORM_DARWIN;
	assert_int_equal(ps_set_str(&f->in.argv0, argv0), 0);
	assert_int_equal(ps_set_str(&f->in.os_executable, exe), 0);
	assert_int_equal(ps_set_str(&f->in.cwd, cwd), 0);
	f->in.run.kind = PS_RUN_COMMAND;
	assert_int_equal(ps_set_str(&f->in.run.arg, "pass"), 0);
	assert_int_equal(ps_set_str(&f->in.build.prefix, "/usr/local"), 0);
	ENV(f, "PATH", "/usr/bin:/bin");
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

/* test_framework_macos: the stub sets __PYVENV_LAUNCHER__ and execs the app bundle. */
static void test_framework_stub(void **state)
{
	struct fx *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	ENV(f, "__PYVENV_LAUNCHER__", FW "/bin/python3.12");
	run(f);
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
	fx_free(f);
}

/*
 * The app bundle run directly: the library's directory holds
 * lib/python3.12/os.py, so executable_dir becomes realpath(library dir)
 * and every search starts there (the macOS quirk; frozen 3.11.7 and
 * 3.12.1 give the same calls).
 */
static void test_framework_direct(void **state)
{
	struct fx *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	run(f);
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
	fx_free(f);
}

/* test_venv_framework_macos: the venv's launcher path names the venv, base stays the stub. */
static void test_framework_venv(void **state)
{
	struct fx *f = fx_new(12, APP, APP, "/Users/me");
	(void)state;
	framework(f);
	L(f, "/tmp/workdir/venv/bin/python", FW "/bin/python3.12");
	C(f, "/tmp/workdir/venv/pyvenv.cfg", "home = " FW "/bin\ninclude-system-site-packages = false\n");
	D(f, "/tmp/workdir/venv/lib/python3.12/site-packages");
	ENV(f, "__PYVENV_LAUNCHER__", "/tmp/workdir/venv/bin/python");
	run(f);
	GP(f, executable, "/tmp/workdir/venv/bin/python");
	GP(f, base_executable, FW "/bin/python3.12");
	GP(f, prefix, FW);
	GP(f, base_prefix, FW);
	MSP(f, FW "/lib/python312.zip", FW "/lib/python3.12", FW "/lib/python3.12/lib-dynload");
	/* site.py then makes the venv sys.prefix (<= 3.13) */
	assert_true(f->r.has_sys);
	assert_string_equal(f->r.sys.prefix, "/tmp/workdir/venv");
	assert_string_equal(f->r.sys.base_prefix, FW);
	fx_free(f);

	/* a ._pth named after the framework library is the first candidate */
	f = fx_new(12, APP, APP, "/Users/me");
	framework(f);
	C(f, FW "/Python._pth", "lib/python3.12\nlib/python3.12/lib-dynload\n");
	C(f, FW "/bin/python3.12._pth", "/elsewhere\n");
	ENV(f, "__PYVENV_LAUNCHER__", FW "/bin/python3.12");
	run(f);
	GP(f, prefix, FW);
	MSP(f, FW "/lib/python3.12", FW "/lib/python3.12/lib-dynload");
	assert_int_equal(f->r.sys.flags.isolated, 1);
	fx_free(f);
}

/* test_symlink_normal_macos: a bare argv0 uses the OS path, not PATH. */
static void test_os_path(void **state)
{
	struct fx *f = fx_new(13, "python", "/linkfrom/python", "/Users/me");
	(void)state;
	assert_int_equal(ps_set_str(&f->in.build.prefix, "/usr"), 0);
	install(f, "/usr", 13);
	L(f, "/linkfrom/python", "/usr/bin/python3.13");
	ENV(f, "PATH", "/usr/bin:/linkfrom");
	run(f);
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
	fx_free(f);

	/* argv0 with a '/' overrides the OS path, real_executable included */
	f = fx_new(12, "tools/python3", "/usr/local/bin/python3.12", "/Users/me");
	install(f, "/usr/local", 12);
	X(f, "/Users/me/tools/python3");
	run(f);
	GP(f, executable, "/Users/me/tools/python3");
	GP(f, prefix, "/usr/local");
	NO_WARNINGS(f);
	fx_free(f);

	/* a relative OS path is dropped: PATH is searched */
	f = fx_new(12, "python3", "bin/python3", "/Users/me");
	install(f, "/usr/local", 12);
	ENV(f, "PATH", "/usr/local/bin");
	run(f);
	GP(f, executable, "/usr/local/bin/python3");
	GP(f, base_executable, "/usr/local/bin/python3");
	fx_free(f);
}

/* test_venv_macos and PYTHONEXECUTABLE on non-framework builds. */
static void test_launcher_variables(void **state)
{
	struct fx *f = fx_new(12, "/usr/bin/python3.12", "/usr/bin/python3.12", "/Users/me");
	(void)state;
	assert_int_equal(ps_set_str(&f->in.build.prefix, "/usr"), 0);
	install(f, "/usr", 12);
	X(f, "/framework/Python3.12/python");
	C(f, "/framework/Python3.12/pyvenv.cfg", "home = /usr/bin\n");
	ENV(f, "__PYVENV_LAUNCHER__", "/framework/Python3.12/python");
	run(f);
	GP(f, executable, "/framework/Python3.12/python");
	GP(f, base_executable, "/usr/bin/python3.12");
	GP(f, prefix, "/usr");
	MSP(f, "/usr/lib/python312.zip", "/usr/lib/python3.12", "/usr/lib/python3.12/lib-dynload");
	fx_free(f);

	f = fx_new(11, "python3.11", "/usr/local/bin/python3.11", "/Users/me");
	install(f, "/usr/local", 11);
	ENV(f, "PYTHONEXECUTABLE", "/Users/me/App.app/Contents/MacOS/app");
	f->in.flags.isolated = true;   /* honoured even under -I */
	run(f);
	GP(f, executable, "/Users/me/App.app/Contents/MacOS/app");
	GP(f, base_executable, "/usr/local/bin/python3.11");
	GP(f, prefix, "/usr/local");
	fx_free(f);
}

/* test_symlink_buildpath_macos: a link into a build tree; prefix reset to PREFIX. */
static void test_build_tree(void **state)
{
	struct fx *f = fx_new(12, "python", "/linkfrom/python", "/Users/me");
	(void)state;
	install(f, "/usr/local", 12);
	L(f, "/linkfrom/python", "/home/cpython/python");
	X(f, "/home/cpython/python");
	C(f, "/home/cpython/pybuilddir.txt", "build/lib.macos-3.12\n");
	F(f, "/home/cpython/Lib/os.py");
	run(f);
	GP(f, executable, "/linkfrom/python");
	GP(f, prefix, "/usr/local");
	GP(f, exec_prefix, "/usr/local");
	MSP(f, "/usr/local/lib/python312.zip", "/home/cpython/Lib",
	    "/home/cpython/build/lib.macos-3.12");
	assert_true(f->r.getpath.is_python_build);
	fx_free(f);
}

/* Every filesystem failure along the darwin branches fails cleanly. */
static void test_fault_injection(void **state)
{
	struct fx *f = fx_new(12, APP, APP, "/Users/me");
	struct ps_faultfs ff;
	(void)state;
	framework(f);
	L(f, "/Users/me/venv/bin/python", FW "/bin/python3.12");
	C(f, "/Users/me/venv/pyvenv.cfg", "home = " FW "/bin\n");
	ps_vfs_fs(f->v, &f->fs);
	f->fs.cwd = f->in.cwd;
	for (int launcher = 0; launcher < 2; launcher++) {
		if (launcher)
			ENV(f, "__PYVENV_LAUNCHER__", "/Users/me/venv/bin/python");
		for (long n = 1; n < 10000; n++) {
			ps_faultfs_init(&ff, &f->fs, n, n % 2 ? ENOMEM : EIO);
			ps_result_release(&f->r);
			ps_result_init(&f->r);
			(void)ps_compute(&f->in, &ff.fs, &f->r, &f->err);
			if (!ff.failures)
				break;
		}
	}
	fx_free(f);
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
