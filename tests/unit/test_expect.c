/* test_expect.c - ps_scenario_check: expect: blocks against a result (expect.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

/* A small hand-made result: a venv-like prediction, or a fatal start-up. */
static void make_result(struct ps_result *r, bool fatal)
{
	ps_result_init(r);
	r->major = 3;
	r->minor = 12;
	r->from_scenario = true;
	r->getpath.prefix = strdup("/usr");
	r->getpath.exec_prefix = strdup("/usr");
	ps_strv_push(&r->getpath.module_search_paths, "/usr/lib/python312.zip");
	ps_strv_push(&r->getpath.module_search_paths, "/usr/lib/python3.12");
	r->pth = calloc(1, sizeof *r->pth);
	r->npth = 1;
	r->pth[0].file = strdup("/venv/lib/python3.12/site-packages/a.pth");
	r->pth[0].line = 3;
	r->pth[0].text = strdup("/extra");
	r->pth[0].action = PS_PTH_ADDED;
	if (fatal) {
		r->has_fatal = true;
		r->fatal.message = strdup("init_fs_encoding: failed to get the Python codec of the filesystem encoding");
		r->fatal.exit_status = 1;
		return;
	}
	r->has_sys = true;
	r->sys.prefix = strdup("/venv");
	r->sys.base_prefix = strdup("/usr");
	ps_strv_push(&r->sys.path, "");
	ps_strv_push(&r->sys.path, "/usr/lib/python3.12");
	ps_strv_push(&r->sys.path, "/venv/lib/python3.12/site-packages");
	r->sys.flags.isolated = 1;
	r->sys.enable_user_site = 0;
	r->sys.site_ran = true;
	r->entries = calloc(1, sizeof *r->entries);
	r->nentries = 1;
	r->entries[0].path = strdup("");
	r->entries[0].origin = PS_ORIGIN_SCRIPT_DIR;
	r->entries[0].exists = true;
	r->entries[0].step = -1;
}

static struct ps_scenario *load(const char *expect_block)
{
	struct ps_buf b;
	struct ps_error err;
	struct ps_scenario *sc;

	ps_buf_init(&b);
	ps_buf_adds(&b, "python: {version: '3.12'}\nexpect:\n");
	ps_buf_adds(&b, expect_block);
	sc = ps_scenario_load_string("e.yaml", b.s, b.len, &err);
	if (!sc)
		fail_msg("%s:%d:%d: %s\n%s", err.file, err.line, err.col, err.msg, b.s);
	ps_buf_release(&b);
	return sc;
}

/* Runs the check; returns the number of mismatches (and keeps them in *mm). */
static size_t check(const char *expect_block, bool fatal, struct ps_mismatch **mm)
{
	struct ps_scenario *sc = load(expect_block);
	struct ps_result r;
	struct ps_error err;
	size_t n = 0;

	make_result(&r, fatal);
	*mm = NULL;
	assert_int_equal(ps_scenario_check(sc, &r, mm, &n, &err), 0);
	ps_result_release(&r);
	ps_scenario_free(sc);
	return n;
}

static void test_matches(void **state)
{
	static const char *const ok[] = {
		"  prefix: /venv\n",
		"  base_prefix: /usr\n",
		"  path: ['', /usr/lib/python3.12, /venv/lib/python3.12/site-packages]\n",
		"  sys.path.0: ''\n",
		"  sys.path.2: /venv/lib/python3.12/site-packages\n",
		"  getpath.prefix: /usr\n",
		"  getpath.module_search_paths: [/usr/lib/python312.zip, /usr/lib/python3.12]\n",
		"  getpath.warnings: []\n",
		"  sys.flags.isolated: 1\n",
		"  sys.flags.isolated: true\n",       /* true matches 1 */
		"  sys.flags.no_site: false\n",       /* false matches 0 */
		"  flags: {ignore_environment: 0, isolated: 1, no_user_site: 0, no_site: 0, safe_path: 0}\n",
		"  enable_user_site: false\n",
		"  user_site: null\n",
		"  user_site: ~\n",
		"  getpath.home: null\n",
		"  fatal: null\n",
		"  trace.12.path: null\n",            /* null matches absent */
		"  model.rules: 3.12\n",              /* plain 3.12 is the text "3.12" */
		"  model.source: scenario\n",
		"  schema: 1\n",
		"  pth.0.line: 3\n",
		"  pth.0.action: added\n",
		"  entries.0.origin: script-dir\n",
		"  entries.0.exists: true\n",
		"  entries.0.step: null\n",
		"  site_ran: yes\n",
		"  notes: []\n",
		"  prefix: /venv\n  getpath.prefix: /usr\n  sys.flags.isolated: 1\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct ps_mismatch *mm;
		size_t n = check(ok[i], false, &mm);

		if (n)
			fail_msg("%s: expected %s, actual %s", mm[0].key, mm[0].expected, mm[0].actual);
		ps_mismatches_free(mm, n);
	}
}

static void test_mismatches(void **state)
{
	static const struct {
		const char *block;
		bool fatal;
		const char *key, *expected, *actual;
	} bad[] = {
		{"  prefix: /usr\n", false, "prefix", "\"/usr\"", "\"/venv\""},
		{"  path: ['', /usr/lib/python3.12]\n", false, "path", "[\"\", \"/usr/lib/python3.12\"]",
		 "[\"\", \"/usr/lib/python3.12\", \"/venv/lib/python3.12/site-packages\"]"},
		{"  path: [/usr/lib/python3.12, '', /venv/lib/python3.12/site-packages]\n", false, "path",
		 "[\"/usr/lib/python3.12\", \"\", \"/venv/lib/python3.12/site-packages\"]",
		 "[\"\", \"/usr/lib/python3.12\", \"/venv/lib/python3.12/site-packages\"]"},
		{"  sys.flags.isolated: 0\n", false, "sys.flags.isolated", "0", "1"},
		{"  sys.flags.isolated: false\n", false, "sys.flags.isolated", "false", "1"},
		{"  sys.flags.isolated: '1'\n", false, "sys.flags.isolated", "\"1\"", "1"},
		{"  getpath.home: /x\n", false, "getpath.home", "\"/x\"", "null"},
		{"  sys.path.7: /x\n", false, "sys.path.7", "\"/x\"", "(absent)"},
		{"  model.rules: '3.11'\n", false, "model.rules", "\"3.11\"", "\"3.12\""},
		{"  pth.0.line: '3'\n", false, "pth.0.line", "\"3\"", "3"},
		{"  entries.0.exists: 'true'\n", false, "entries.0.exists", "\"true\"", "true"},
		{"  fatal: {message: x}\n", false, "fatal", "{\"message\": \"x\"}", "null"},
		{"  flags: {isolated: 1}\n", false, "flags", "{\"isolated\": 1}",
		 "{\"ignore_environment\": 0, \"isolated\": 1, \"no_user_site\": 0, \"no_site\": 0, \"safe_path\": 0}"},
		{"  getpath.prefix: [/usr]\n", false, "getpath.prefix", "[\"/usr\"]", "\"/usr\""},
		{"  enable_user_site: null\n", false, "enable_user_site", "null", "false"},
		/* a fatal start-up: sys is null, so sys keys are absent */
		{"  prefix: /venv\n", true, "prefix", "\"/venv\"", "(absent)"},
		{"  fatal.message: other\n", true, "fatal.message", "\"other\"",
		 "\"init_fs_encoding: failed to get the Python codec of the filesystem encoding\""},
		{"  fatal: null\n", true, "fatal", "null",
		 "{\"message\": \"init_fs_encoding: failed to get the Python codec of the filesystem encoding\", "
		 "\"cause\": null, \"fix\": null, \"output\": null, \"exit_status\": 1}"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct ps_mismatch *mm;
		size_t n = check(bad[i].block, bad[i].fatal, &mm);

		if (n != 1)
			fail_msg("case %zu (%s): %zu mismatches", i, bad[i].block, n);
		assert_string_equal(mm[0].key, bad[i].key);
		assert_string_equal(mm[0].expected, bad[i].expected);
		assert_string_equal(mm[0].actual, bad[i].actual);
		ps_mismatches_free(mm, n);
	}
}

static void test_fatal_matches(void **state)
{
	struct ps_mismatch *mm;
	size_t n;

	(void)state;
	n = check("  fatal.message: \"init_fs_encoding: failed to get the Python codec of the filesystem encoding\"\n"
		  "  fatal.exit_status: 1\n"
		  "  sys: null\n"
		  "  prefix: null\n"
		  "  getpath.prefix: /usr\n",
		  true, &mm);
	assert_int_equal(n, 0);
	ps_mismatches_free(mm, n);
}

/* Several keys: one mismatch per differing key, in expect: order; appended to *out. */
static void test_order_and_append(void **state)
{
	struct ps_scenario *sc = load("  prefix: /a\n  base_prefix: /usr\n  getpath.prefix: /b\n");
	struct ps_result r;
	struct ps_mismatch *mm = NULL;
	size_t n = 0;
	struct ps_error err;

	(void)state;
	assert_int_equal(sc->nexpect, 3);
	make_result(&r, false);
	assert_int_equal(ps_scenario_check(sc, &r, &mm, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(mm[0].key, "prefix");
	assert_string_equal(mm[1].key, "getpath.prefix");
	assert_int_equal(ps_scenario_check(sc, &r, &mm, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(mm[3].key, "getpath.prefix");
	assert_string_equal(mm[3].actual, "\"/usr\"");
	ps_mismatches_free(mm, n);
	ps_result_release(&r);
	ps_scenario_free(sc);
}

static void test_no_expect(void **state)
{
	struct ps_error err;
	struct ps_scenario *sc = ps_scenario_load_string("x", "python: {version: '3.12'}\n", 26, &err);
	struct ps_result r;
	struct ps_mismatch *mm = NULL;
	size_t n = 0;

	(void)state;
	assert_non_null(sc);
	make_result(&r, false);
	assert_int_equal(ps_scenario_check(sc, &r, &mm, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(mm);
	assert_int_equal(ps_scenario_check(NULL, &r, &mm, &n, &err), -1);
	assert_int_equal(err.code, PS_ERR_INVAL);
	ps_mismatches_free(NULL, 0);
	ps_result_release(&r);
	ps_scenario_free(sc);
}

/* Names with bytes that are not UTF-8 compare byte for byte (no lossy round trip). */
static void test_raw_bytes(void **state)
{
	struct ps_scenario *sc = load("  getpath.prefix: \"/caf\\xe9\"\n");
	struct ps_result r;
	struct ps_mismatch *mm = NULL;
	size_t n = 0;
	struct ps_error err;

	(void)state;
	make_result(&r, false);
	free(r.getpath.prefix);
	r.getpath.prefix = strdup("/caf\xc3\xa9");     /* U+00E9 in UTF-8: what "\xe9" means in YAML */
	assert_int_equal(ps_scenario_check(sc, &r, &mm, &n, &err), 0);
	assert_int_equal(n, 0);
	free(r.getpath.prefix);
	r.getpath.prefix = strdup("/caf\xe9");          /* the raw latin-1 byte: a different name */
	assert_int_equal(ps_scenario_check(sc, &r, &mm, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(mm[0].actual, "\"/caf\\udce9\"");
	ps_mismatches_free(mm, n);
	ps_result_release(&r);
	ps_scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_mismatches),
		cmocka_unit_test(test_fatal_matches),
		cmocka_unit_test(test_order_and_append),
		cmocka_unit_test(test_no_expect),
		cmocka_unit_test(test_raw_bytes),
	};
	return cmocka_run_group_tests_name("expect", tests, NULL, NULL);
}
