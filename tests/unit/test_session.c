/*
 * test_session.c - the front end's session over scenario files:
 * session_open_scenario (the explorer's `o` key) replaces what is modelled,
 * applies the command line's model options as `--scenario FILE OPTIONS`
 * would, drops the overlay, and leaves the session untouched on failure.
 *
 * session.c, cli.c and util.c are front-end files: they are compiled into this
 * test directly (the generic unit-test rule links only the engine).
 * util.c's print_error is renamed, as the Makefile does for the explorer's
 * tests, because cmocka exports a function of that name.  The scenario
 * files are written to a mkdtemp directory: loading a file is the point.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define print_error tui_print_error
#include "../../tui/util.c"
#include "../../tui/cli.c"
#include "../../tui/session.c"
#undef print_error

static char tmpdir[] = "/tmp/ps-test-session-XXXXXX";

static const char venv_yaml[] =
	"name: first\n"
	"python: {version: \"3.12\", prefix: /usr}\n"
	"invocation:\n"
	"  argv0: /v/bin/python\n"
	"  cwd: /v\n"
	"  env: {PATH: /usr/bin, PYTHONPATH: /from-first}\n"
	"files:\n"
	"  /usr/bin/python3.12: exec\n"
	"  /usr/lib/python3.12/os.py: file\n"
	"  /usr/lib/python3.12/encodings/__init__.py: file\n"
	"  /usr/lib/python3.12/lib-dynload: dir\n"
	"  /v/bin/python: {link: /usr/bin/python3.12}\n"
	"  /v/pyvenv.cfg: {content: \"home = /usr/bin\\n\"}\n";

static const char opt_yaml[] =
	"name: second\n"
	"python: {version: \"3.11\", prefix: /opt/py}\n"
	"invocation:\n"
	"  argv0: /opt/py/bin/python3.11\n"
	"  cwd: /srv\n"
	"  env: {HOME: /home/me}\n"
	"files:\n"
	"  /opt/py/bin/python3.11: exec\n"
	"  /opt/py/lib/python3.11/os.py: file\n"
	"  /opt/py/lib/python3.11/encodings/__init__.py: file\n"
	"  /opt/py/lib/python3.11/lib-dynload: dir\n";

static char *write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* cli_parse over a NULL-terminated argv. */
static int cli_parse_for_test(int argc, char **argv, struct ps_cli *cli)
{
	struct ps_error err;

	ps_error_init(&err);
	if (cli_parse(argc, argv, cli, &err) < 0)
		fail_msg("cli_parse: %s", err.msg);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void compute_ok(struct ps_session *s, struct ps_result *r)
{
	struct ps_error err;

	ps_error_init(&err);
	ps_result_init(r);
	if (session_compute(s, r, &err) < 0)
		fail_msg("compute: %s", err.msg);
	assert_false(r->has_fatal);
}

/* Opening a second scenario: its inputs and tree, the command line's -E and --env over them. */
static void test_open_scenario_replaces(void **state)
{
	char *first = write_file("first.yaml", venv_yaml), *second = write_file("second.yaml", opt_yaml);
	char arg0[] = "pathscope", a1[] = "--scenario", a3[] = "-s", a4[] = "--env", a5[] = "EXTRA=1";
	char *argv[] = { arg0, a1, first, a3, a4, a5, NULL };
	struct ps_cli cli;
	struct ps_session s;
	struct ps_error err;
	struct ps_result r;

	(void)state;
	ps_error_init(&err);
	assert_int_equal(cli_parse_for_test(6, argv, &cli), 0);
	if (session_open(&cli, &s, &err) < 0)
		fail_msg("open: %s", err.msg);
	compute_ok(&s, &r);
	assert_string_equal(r.sys.prefix, "/v");
	ps_result_release(&r);

	/* an edit through the overlay belongs to the first tree: it goes */
	assert_non_null(session_overlay(&s));
	if (session_open_scenario(&s, second, &err) < 0)
		fail_msg("open second: %s", err.msg);
	assert_null(s.overlay);
	assert_string_equal(s.scenario->name, "second");
	assert_string_equal(s.python_arg, "/opt/py/bin/python3.11");
	assert_int_equal(s.in.build.minor, 11);
	assert_string_equal(s.in.cwd, "/srv");
	assert_true(s.in.flags.no_user_site);                         /* -s from the command line */
	assert_string_equal(ps_env_get(&s.in.env, "EXTRA"), "1");   /* --env from the command line */
	assert_string_equal(ps_env_get(&s.in.env, "HOME"), "/home/me");
	assert_null(ps_env_get(&s.in.env, "PYTHONPATH"));            /* nothing left of the first */
	assert_ptr_equal(s.cli, &cli);
	compute_ok(&s, &r);
	assert_string_equal(r.sys.prefix, "/opt/py");
	assert_string_equal(r.sys.path.v[1], "/opt/py/lib/python311.zip");
	ps_result_release(&r);

	session_close(&s);
	cli_release(&cli);
	free(first);
	free(second);
}

/* A file that does not load: FILE:LINE:COL in err, the session as it was. */
static void test_open_scenario_failure_keeps_session(void **state)
{
	char *first = write_file("keep.yaml", venv_yaml);
	char *bad = write_file("bad.yaml", "name: x\npython: {version: \"3.12\"}\nfiles:\n  relative: file\n");
	char arg0[] = "pathscope", a1[] = "--scenario", a3[] = "--cwd", a4[] = "rel";
	char *argv[] = { arg0, a1, first, NULL };
	char *argv_rel[] = { arg0, a3, a4, NULL };
	struct ps_cli cli, cli_rel;
	struct ps_session s;
	struct ps_error err;
	struct ps_result r;
	const struct ps_scenario *before;

	(void)state;
	ps_error_init(&err);
	assert_int_equal(cli_parse_for_test(3, argv, &cli), 0);
	if (session_open(&cli, &s, &err) < 0)
		fail_msg("open: %s", err.msg);
	before = s.scenario;
	assert_int_equal(session_open_scenario(&s, bad, &err), -1);
	assert_string_equal(err.file, bad);
	assert_int_equal(err.line, 4);
	assert_ptr_equal(s.scenario, before);
	compute_ok(&s, &r);
	assert_string_equal(r.sys.prefix, "/v");
	ps_result_release(&r);
	ps_error_init(&err);
	assert_int_equal(session_open_scenario(&s, "/nonexistent/x.yaml", &err), -1);
	assert_ptr_equal(s.scenario, before);
	session_close(&s);
	cli_release(&cli);

	/*
	 * A relative --cwd was meant for the real filesystem: with --scenario
	 * it is an error, but it does not stop `o` from opening a scenario.
	 */
	assert_int_equal(cli_parse_for_test(3, argv_rel, &cli_rel), 0);
	session_zero(&s);
	s.cli = &cli_rel;
	if (session_open_scenario(&s, first, &err) < 0)
		fail_msg("open with a relative --cwd: %s", err.msg);
	assert_string_equal(s.in.cwd, "/v");
	session_close(&s);
	cli_release(&cli_rel);
	free(first);
	free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_scenario_replaces),
		cmocka_unit_test(test_open_scenario_failure_keeps_session),
	};

	return cmocka_run_group_tests_name("session", tests, setup, teardown);
}
