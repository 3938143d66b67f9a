/*
 * test_site_legacy.c - site.py rules of 2.7 and 3.6-3.10 (engine/site.c,
 * the site.py fields of rules.c) over virtual trees.
 *
 * Expectations come from real runs of the pyenv interpreters on the same
 * trees built under /tmp (copied binary, standard library linked in, a
 * private site-packages), as in tests/scenarios/site-legacy-*.yaml:
 *   2.7 reads .pth files as bytes (a latin-1 byte is just a byte); 3.6 in
 *   the C locale fails "'ascii' codec can't decode byte 0xc3 in position
 *   N: ordinal not in range(128)" with "Failed to import the site module";
 *   3.7 "Fatal Python error: initsite: Failed to import the site module";
 *   3.8 "... init_import_size: ..." (sic); 3.9+ "init_import_site".
 *   2.7 `import nosuchmod` in a .pth: "Error processing line 1 ...
 *   ImportError: No module named nosuchmod".
 * The legacy virtualenv cases follow virtualenv 16.x's site.py (read, not
 * run): a missing orig-prefix.txt makes `import site` fail with IOError
 * (2.7 prints only the traceback, exit 1); its addpackage() has no error
 * handling, so a failing import line fails `import site` as well.
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

struct run {
	struct ps_scenario *sc;
	struct ps_result r;
};

/* Loads YAML text and computes it; fails the test on any error. */
static void run_yaml(struct run *x, const char *yaml)
{
	struct ps_error err;
	struct ps_fs fs;
	ps_error_init(&err);
	x->sc = ps_scenario_load_string("test.yaml", yaml, strlen(yaml), &err);
	if (!x->sc) {
		print_error("load: %s (line %d)\n", err.msg, err.line);
		fail();
	}
	ps_vfs_fs(x->sc->vfs, &fs);
	fs.cwd = x->sc->inputs.cwd;
	ps_result_init(&x->r);
	if (ps_compute(&x->sc->inputs, &fs, &x->r, &err) < 0) {
		print_error("compute: %s\n", err.msg);
		fail();
	}
}

/* Adds raw bytes (not expressible in YAML) to the scenario's tree and recomputes. */
static void add_bytes_and_rerun(struct run *x, const char *path, const char *data, size_t len)
{
	struct ps_error err;
	struct ps_fs fs;
	ps_error_init(&err);
	assert_int_equal(ps_vfs_add(x->sc->vfs, path, PS_FT_FILE, false, data, len, NULL, 0, &err), 0);
	ps_vfs_fs(x->sc->vfs, &fs);
	fs.cwd = x->sc->inputs.cwd;
	assert_int_equal(ps_compute(&x->sc->inputs, &fs, &x->r, &err), 0);
}

static void run_free(struct run *x)
{
	ps_result_release(&x->r);
	ps_scenario_free(x->sc);
}

static long path_index(const struct ps_result *r, const char *p)
{
	return ps_strv_find(&r->sys.path, p);
}

static size_t count(const struct ps_result *r, const char *p)
{
	size_t n = 0;
	for (size_t i = 0; i < r->sys.path.n; i++)
		n += strcmp(r->sys.path.v[i], p) == 0;
	return n;
}

static const struct ps_pth_line *pth_find(const struct ps_result *r, const char *file_suffix,
					  int line)
{
	for (size_t i = 0; i < r->npth; i++) {
		size_t a = strlen(r->pth[i].file), b = strlen(file_suffix);
		if (r->pth[i].line == line && a >= b && !strcmp(r->pth[i].file + a - b, file_suffix))
			return &r->pth[i];
	}
	return NULL;
}

/* A plain install of version V under /py (V is "2.7", "3.6" ...), HOME /h, extra files appended. */
#define INSTALL(V, EXTRA_ENV, EXTRA_FILES)                                                 \
	"name: t\nplatform: posix\npython: {version: '" V "', prefix: /py}\n"               \
	"invocation:\n  argv0: /py/bin/python" V "\n  cwd: /w\n  run: {command: pass}\n"  \
	"  env:\n    PATH: /usr/bin\n    HOME: /h\n" EXTRA_ENV                               \
	"files:\n  /py/bin/python" V ": exec\n  /py/lib/python" V "/os.py: file\n"         \
	"  /py/lib/python" V "/site.py: file\n"                                            \
	"  /py/lib/python" V "/encodings/__init__.py: file\n"                              \
	"  /py/lib/python" V "/lib-dynload: dir\n  /py/lib/python" V "/site-packages: dir\n" \
	"  /w: dir\n  /h: dir\n" EXTRA_FILES

/* 2.7: lib/site-python after site-packages; a blank line re-appends the site dir. */
static void test_27_site_python_and_blank_lines(void **state)
{
	struct run x;
	(void)state;
	run_yaml(&x, INSTALL("2.7", "",
		"  /py/lib/python2.7/site-packages/a.pth: {content: \"/d1\\n\\n   \\n\"}\n"
		"  /py/lib/site-python/x.pth: {content: \"/d2\\n\"}\n"
		"  /d1: dir\n  /d2: dir\n"));
	{
		long sp = path_index(&x.r, "/py/lib/python2.7/site-packages");
		long d1 = path_index(&x.r, "/d1");
		long spy = path_index(&x.r, "/py/lib/site-python");
		long d2 = path_index(&x.r, "/d2");
		assert_true(sp >= 0 && d1 == sp + 1);
		/* the blank line (and not the whitespace-only one: known by then) */
		assert_int_equal(count(&x.r, "/py/lib/python2.7/site-packages"), 2);
		assert_string_equal(x.r.sys.path.v[d1 + 1], "/py/lib/python2.7/site-packages");
		assert_true(spy == d1 + 2 && d2 == spy + 1);
	}
	run_free(&x);
}

/* 3.6 does not skip blank lines either, but its addsitedir() records the directory. */
static void test_36_blank_line_adds_nothing(void **state)
{
	struct run x;
	(void)state;
	run_yaml(&x, INSTALL("3.6", "",
		"  /py/lib/python3.6/site-packages/a.pth: {content: \"\\n/d1\\n\"}\n"
		"  /py/lib/site-python: dir\n  /d1: dir\n"));
	assert_int_equal(count(&x.r, "/py/lib/python3.6/site-packages"), 1);
	assert_true(path_index(&x.r, "/d1") >= 0);
	assert_int_equal(path_index(&x.r, "/py/lib/site-python"), -1);  /* 2.7 only */
	run_free(&x);
}

/* 2.7 reads bytes: a latin-1 byte neither fails nor is decoded. */
static void test_27_pth_bytes(void **state)
{
	struct run x;
	const struct ps_pth_line *l;
	(void)state;
	run_yaml(&x, INSTALL("2.7", "", "  /d1: dir\n"));
	add_bytes_and_rerun(&x, "/py/lib/python2.7/site-packages/a.pth", "/caf\xe9\n/d1\n", 10);
	assert_false(x.r.has_fatal);
	assert_true(path_index(&x.r, "/d1") >= 0);
	l = pth_find(&x.r, "a.pth", 1);
	assert_non_null(l);
	assert_int_equal(l->action, PS_PTH_MISSING);
	run_free(&x);
}

/* The failed `import site` message of each version (a .pth that is not UTF-8, C locale). */
static void check_site_failure(const char *yaml, const char *pth, const char *message,
			       const char *exc)
{
	struct run x;
	run_yaml(&x, yaml);
	add_bytes_and_rerun(&x, pth, "/d1\n/caf\xe9\n", 10);
	assert_true(x.r.has_fatal);
	assert_false(x.r.has_sys);
	assert_string_equal(x.r.fatal.message, message);
	assert_int_equal(x.r.fatal.exit_status, 1);
	assert_non_null(strstr(x.r.fatal.cause, exc));
	run_free(&x);
}

static void test_failed_site_message_per_version(void **state)
{
	(void)state;
	check_site_failure(INSTALL("3.6", "", ""), "/py/lib/python3.6/site-packages/a.pth",
			   "Failed to import the site module",
			   "UnicodeDecodeError: 'ascii' codec can't decode byte 0xe9 in position 8: "
			   "ordinal not in range(128)");
	check_site_failure(INSTALL("3.7", "", ""), "/py/lib/python3.7/site-packages/a.pth",
			   "initsite: Failed to import the site module",
			   "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 8: "
			   "invalid continuation byte");
	check_site_failure(INSTALL("3.8", "", ""), "/py/lib/python3.8/site-packages/a.pth",
			   "init_import_size: Failed to import the site module", "'utf-8' codec");
	check_site_failure(INSTALL("3.10", "", ""), "/py/lib/python3.10/site-packages/a.pth",
			   "init_import_site: Failed to import the site module", "'utf-8' codec");
}

/* 3.6 with a UTF-8 locale decodes UTF-8; PYTHONUTF8 does not exist yet in 3.6. */
static void test_36_locale(void **state)
{
	struct run x;
	(void)state;
	run_yaml(&x, INSTALL("3.6", "    LC_ALL: C.UTF-8\n",
		"  /py/lib/python3.6/site-packages/a.pth: {content: \"/caf\\u00e9\\n\"}\n"
		"  \"/caf\\u00e9\": dir\n"));
	assert_false(x.r.has_fatal);
	assert_true(path_index(&x.r, "/caf\xc3\xa9") >= 0);
	run_free(&x);
	run_yaml(&x, INSTALL("3.6", "    PYTHONUTF8: '1'\n",
		"  /py/lib/python3.6/site-packages/a.pth: {content: \"/caf\\u00e9\\n\"}\n"));
	assert_true(x.r.has_fatal);
	run_free(&x);
}

/* NUL in a path line: 2.7 TypeError, 3.7 ValueError (error, rest ignored); 3.8 just missing. */
static void test_nul_line(void **state)
{
	static const char *const vers[] = { "2.7", "3.7", "3.8" };
	(void)state;
	for (int k = 0; k < 3; k++) {
		struct run x;
		char yaml[2048], pth[128];
		const struct ps_pth_line *l2, *l3;
		snprintf(yaml, sizeof yaml, INSTALL("%s", "", "  /d1: dir\n  /d2: dir\n"), vers[k],
			 vers[k], vers[k], vers[k], vers[k], vers[k], vers[k], vers[k]);
		run_yaml(&x, yaml);
		snprintf(pth, sizeof pth, "/py/lib/python%s/site-packages/a.pth", vers[k]);
		add_bytes_and_rerun(&x, pth, "/d1\n/us\0r\n/d2\n", 13);
		l2 = pth_find(&x.r, "a.pth", 2);
		l3 = pth_find(&x.r, "a.pth", 3);
		assert_non_null(l2);
		assert_non_null(l3);
		assert_true(path_index(&x.r, "/d1") >= 0);
		if (k < 2) {
			assert_int_equal(l2->action, PS_PTH_ERROR);
			assert_non_null(strstr(l2->detail, k == 0 ? "TypeError" : "ValueError: embedded null byte"));
			assert_int_equal(l3->action, PS_PTH_IGNORED);
			assert_int_equal(path_index(&x.r, "/d2"), -1);
		} else {
			assert_int_equal(l2->action, PS_PTH_MISSING);
			assert_int_equal(l3->action, PS_PTH_ADDED);
		}
		assert_false(x.r.has_fatal);
		run_free(&x);
	}
}

/* 2.7's ImportError text for an import line naming a module that exists nowhere. */
static void test_27_import_error_text(void **state)
{
	struct run x;
	const struct ps_pth_line *l;
	(void)state;
	run_yaml(&x, INSTALL("2.7", "",
		"  /py/lib/python2.7/site-packages/a.pth: {content: \"import nosuchmod\\n/d1\\n\"}\n"
		"  /d1: dir\n"));
	l = pth_find(&x.r, "a.pth", 1);
	assert_non_null(l);
	assert_int_equal(l->action, PS_PTH_ERROR);
	assert_non_null(strstr(l->detail, "ImportError: No module named nosuchmod"));
	assert_int_equal(path_index(&x.r, "/d1"), -1);
	run_free(&x);
}

/* 2.7 and 3.6 normpath USER_SITE (sysconfig); 3.7+ keep what the f-string gives. */
static void test_user_site_normpath(void **state)
{
	struct run x;
	(void)state;
	run_yaml(&x, INSTALL("3.6", "    PYTHONUSERBASE: /ub/\n", ""));
	assert_string_equal(x.r.sys.user_base, "/ub/");
	assert_string_equal(x.r.sys.user_site, "/ub/lib/python3.6/site-packages");
	run_free(&x);
	run_yaml(&x, INSTALL("3.7", "    PYTHONUSERBASE: /ub/\n", ""));
	assert_string_equal(x.r.sys.user_site, "/ub//lib/python3.7/site-packages");
	run_free(&x);
}

/* A legacy virtualenv: env /e over the real install /py. */
#define VENV(EXTRA)                                                                         \
	"name: v\nplatform: posix\npython: {version: '2.7', prefix: /py}\n"                 \
	"invocation:\n  argv0: /e/bin/python\n  cwd: /w\n  run: {command: pass}\n"          \
	"  env: {PATH: /usr/bin, HOME: /h}\n"                                              \
	"files:\n  /e/bin/python: exec\n  /e/lib/python2.7/os.py: file\n"                 \
	"  /e/lib/python2.7/encodings/__init__.py: file\n  /e/lib/python2.7/lib-dynload: dir\n" \
	"  /e/lib/python2.7/site.py: {content: \"def virtual_install_main_packages():\\n"     \
	"    f = open(os.path.join(os.path.dirname(__file__), 'orig-prefix.txt'))\\n\"}\n"  \
	"  /e/lib/python2.7/site-packages: dir\n"                                           \
	"  /py/bin/python2.7: exec\n  /py/lib/python2.7/os.py: file\n"                      \
	"  /py/lib/python2.7/plat-linux2: dir\n  /py/lib/python2.7/lib-tk: dir\n"            \
	"  /py/lib/python2.7/site-packages: dir\n  /w: dir\n  /h: dir\n" EXTRA

static void test_virtualenv(void **state)
{
	struct run x;
	static const char *const want[] = {
		"", "/e/lib/python27.zip", "/e/lib/python2.7", "/e/lib/python2.7/plat-linux2",
		"/e/lib/python2.7/lib-tk", "/e/lib/python2.7/lib-old", "/e/lib/python2.7/lib-dynload",
		"/py/lib/python2.7", "/py/lib/python2.7/plat-linux2", "/py/lib/python2.7/lib-tk",
		"/e/lib/python2.7/site-packages", "/h/.local/lib/python2.7/site-packages",
		"/py/lib/python2.7/site-packages", NULL,
	};
	size_t n = 0;
	(void)state;
	run_yaml(&x, VENV("  /e/lib/python2.7/orig-prefix.txt: {content: \"/py\\n\"}\n"
			  "  /h/.local/lib/python2.7/site-packages: dir\n"));
	assert_false(x.r.has_fatal);
	assert_string_equal(x.r.sys.prefix, "/e");
	while (want[n])
		n++;
	assert_int_equal(x.r.sys.path.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(x.r.sys.path.v[i], want[i]);
	assert_int_equal(x.r.sys.enable_user_site, 1);
	assert_non_null(strstr(x.r.notes.v[0], "sys.real_prefix = /py"));
	run_free(&x);

	/* no-global-site-packages.txt: no user site, no real site-packages */
	run_yaml(&x, VENV("  /e/lib/python2.7/orig-prefix.txt: {content: \"/py\\n\"}\n"
			  "  /e/lib/python2.7/no-global-site-packages.txt: file\n"
			  "  /h/.local/lib/python2.7/site-packages: dir\n"));
	assert_int_equal(x.r.sys.enable_user_site, 0);
	assert_int_equal(path_index(&x.r, "/py/lib/python2.7/site-packages"), -1);
	assert_int_equal(path_index(&x.r, "/h/.local/lib/python2.7/site-packages"), -1);
	assert_string_equal(x.r.sys.path.v[x.r.sys.path.n - 1], "/e/lib/python2.7/site-packages");
	run_free(&x);

	/* orig-prefix.txt missing: `import site` fails, 2.7 prints the traceback */
	run_yaml(&x, VENV(""));
	assert_true(x.r.has_fatal);
	assert_non_null(strstr(x.r.fatal.message, "IOError: [Errno 2] No such file or directory"));
	run_free(&x);

	/* a failing import line is not caught by virtualenv's addpackage() */
	run_yaml(&x, VENV("  /e/lib/python2.7/orig-prefix.txt: {content: \"/py\\n\"}\n"
			  "  /e/lib/python2.7/site-packages/a.pth: {content: \"import nosuchmod\\n\"}\n"));
	assert_true(x.r.has_fatal);
	assert_string_equal(x.r.fatal.message, "ImportError: No module named nosuchmod");
	run_free(&x);

	/* CPython's own site.py in the env: CPython's rules */
	run_yaml(&x, "name: v\nplatform: posix\npython: {version: '2.7', prefix: /py}\n"
		 "invocation:\n  argv0: /e/bin/python\n  cwd: /w\n  run: {command: pass}\n"
		 "  env: {PATH: /usr/bin, HOME: /h}\n"
		 "files:\n  /e/bin/python: exec\n  /e/lib/python2.7/os.py: file\n"
		 "  /e/lib/python2.7/site.py: {content: \"def addsitedir(): pass\\n\"}\n"
		 "  /e/lib/python2.7/encodings/__init__.py: file\n  /e/lib/python2.7/lib-dynload: dir\n"
		 "  /e/lib/python2.7/orig-prefix.txt: {content: \"/py\\n\"}\n  /w: dir\n  /h: dir\n");
	assert_int_equal(path_index(&x.r, "/py/lib/python2.7"), -1);
	assert_int_equal(x.r.notes.n, 0);
	run_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_27_site_python_and_blank_lines),
		cmocka_unit_test(test_36_blank_line_adds_nothing),
		cmocka_unit_test(test_27_pth_bytes),
		cmocka_unit_test(test_failed_site_message_per_version),
		cmocka_unit_test(test_36_locale),
		cmocka_unit_test(test_nul_line),
		cmocka_unit_test(test_27_import_error_text),
		cmocka_unit_test(test_user_site_normpath),
		cmocka_unit_test(test_virtualenv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
