/*
 * test_fatal.c - the "can encodings be imported?" check (engine/fatal.c)
 * and the exact stderr of the predicted fatal start-up.
 *
 * The expected texts are what the real interpreters printed on this
 * machine (thread ids replaced by zeros, as pathscope prints them):
 *
 *   env -i PYTHONHOME=/nonexistent /root/.pyenv/versions/3.12.1/bin/python3 -c pass
 *   env -i PYTHONHOME=/nonexistent /root/.pyenv/versions/3.13.0/bin/python3 -c pass
 *   env -i PYTHONPATH=/pp "/tmp/h3t/q'x\é/bin/python3" -c pass   (3.12.1 copy,
 *       empty python3._pth next to it): PYTHONHOME = '/tmp/h3t/q\'x\\xe9/bin',
 *       sys.prefix = "/tmp/h3t/q'x\\\xe9/bin"
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

/* A pyenv-style install: PREFIX = /root/.pyenv/versions/<micro>, with its stdlib or without. */
static struct ps_tree *fx_new(int minor, const char *micro, bool stdlib)
{
	struct ps_tree *f;
	char prefix[128], p[256];
	snprintf(prefix, sizeof prefix, "/root/.pyenv/versions/%s", micro);
	snprintf(p, sizeof p, "%s/bin/python3", prefix);
	f = ps_tree_new(PS_PLATFORM_POSIX, 3, minor, p, "/tmp");
	assert_int_equal(ps_set_str(&f->in.build.prefix, prefix), 0);
	ps_tree_install_bin(f, prefix, 3, minor);
	if (stdlib)
		ps_tree_stdlib(f, prefix, 3, minor);
	ps_tree_dir(f, "/tmp");
	return f;
}

static void test_dump_312(void **state)
{
	struct ps_tree *f = fx_new(12, "3.12.1", true);
	(void)state;
	ps_env_set(&f->in.env, "PYTHONHOME", "/nonexistent");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_false(f->r.has_sys);
	assert_int_equal(f->r.fatal.exit_status, 1);
	assert_string_equal(f->r.fatal.message, "init_fs_encoding: failed to get the Python codec "
						 "of the filesystem encoding");
	assert_string_equal(f->r.fatal.output,
		"Python path configuration:\n"
		"  PYTHONHOME = '/nonexistent'\n"
		"  PYTHONPATH = (not set)\n"
		"  program name = '/root/.pyenv/versions/3.12.1/bin/python3'\n"
		"  isolated = 0\n"
		"  environment = 1\n"
		"  user site = 1\n"
		"  safe_path = 0\n"
		"  import site = 1\n"
		"  is in build tree = 0\n"
		"  stdlib dir = '/nonexistent/lib/python3.12'\n"
		"  sys._base_executable = '/root/.pyenv/versions/3.12.1/bin/python3'\n"
		"  sys.base_prefix = '/nonexistent'\n"
		"  sys.base_exec_prefix = '/nonexistent'\n"
		"  sys.platlibdir = 'lib'\n"
		"  sys.executable = '/root/.pyenv/versions/3.12.1/bin/python3'\n"
		"  sys.prefix = '/nonexistent'\n"
		"  sys.exec_prefix = '/nonexistent'\n"
		"  sys.path = [\n"
		"    '/nonexistent/lib/python312.zip',\n"
		"    '/nonexistent/lib/python3.12',\n"
		"    '/nonexistent/lib/python3.12/lib-dynload',\n"
		"  ]\n"
		"Fatal Python error: init_fs_encoding: failed to get the Python codec of the "
		"filesystem encoding\n"
		"Python runtime state: core initialized\n"
		"ModuleNotFoundError: No module named 'encodings'\n"
		"\n"
		"Current thread 0x0000000000000000 (most recent call first):\n"
		"  <no Python frame>\n");
	assert_non_null(f->r.fatal.cause);
	assert_non_null(strstr(f->r.fatal.cause, "/nonexistent"));
	assert_non_null(f->r.fatal.fix);
	ps_tree_free(f);
}

static void test_output_313(void **state)
{
	struct ps_tree *f = fx_new(13, "3.13.0", true);
	(void)state;
	ps_env_set(&f->in.env, "PYTHONHOME", "/nonexistent");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_string_equal(f->r.fatal.message, "Failed to import encodings module");
	assert_string_equal(f->r.fatal.output,
		"Fatal Python error: Failed to import encodings module\n"
		"Python runtime state: core initialized\n"
		"ModuleNotFoundError: No module named 'encodings'\n"
		"\n"
		"Current thread 0x0000000000000000 (most recent call first):\n"
		"  <no Python frame>\n");
	ps_tree_free(f);
}

/* Quoting: the config lines escape like init_dump_ascii_wstr, the sys lines like ascii(). */
static void test_dump_quoting(void **state)
{
	struct ps_tree *f = fx_new(12, "3.12.1", true);
	(void)state;
	free(f->in.argv0);
	f->in.argv0 = strdup("/tmp/h3t/q'x\\\xc3\xa9/bin/python3");
	ps_tree_xfile(f, "/tmp/h3t/q'x\\\xc3\xa9/bin/python3");
	ps_tree_file(f, "/tmp/h3t/q'x\\\xc3\xa9/bin/python3._pth");
	ps_env_set(&f->in.env, "PYTHONPATH", "/pp");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output,
		"  PYTHONHOME = '/tmp/h3t/q\\'x\\\\xe9/bin'\n"
		"  PYTHONPATH = '/pp'\n"
		"  program name = '/tmp/h3t/q\\'x\\\\xe9/bin/python3'\n"));
	assert_non_null(strstr(f->r.fatal.output,
		"  stdlib dir = '/tmp/h3t/q\\'x\\\\xe9/bin/lib/python3.12'\n"
		"  sys._base_executable = \"/tmp/h3t/q'x\\\\\\xe9/bin/python3\"\n"));
	assert_non_null(strstr(f->r.fatal.output,
		"    \"/tmp/h3t/q'x\\\\\\xe9/bin/lib/python312.zip\",\n"));
	ps_tree_free(f);
}

/* encodings found through PYTHONPATH, in a zip, or nowhere. */
static void test_where_encodings_is(void **state)
{
	/* a PYTHONPATH entry holding the package rescues a wrong PYTHONHOME */
	struct ps_tree *f = fx_new(12, "3.12.1", false);
	(void)state;
	ps_tree_file(f, "/alt/encodings/__init__.pyc");
	ps_env_set(&f->in.env, "PYTHONPATH", "/alt");
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	assert_true(f->r.has_sys);
	ps_tree_free(f);

	/* the zip listed first holds it (an archive made with Python's zipfile) */
	{
		static const unsigned char z[] = {
			0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x65, 0x6e, 0x63, 0x6f, 0x64, 0x69,
			0x6e, 0x67, 0x73, 0x2f, 0x5f, 0x5f, 0x69, 0x6e, 0x69, 0x74, 0x5f, 0x5f,
			0x2e, 0x70, 0x79, 0x50, 0x4b, 0x01, 0x02, 0x14, 0x03, 0x14, 0x00, 0x00,
			0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00,
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00,
			0x00, 0x65, 0x6e, 0x63, 0x6f, 0x64, 0x69, 0x6e, 0x67, 0x73, 0x2f, 0x5f,
			0x5f, 0x69, 0x6e, 0x69, 0x74, 0x5f, 0x5f, 0x2e, 0x70, 0x79, 0x50, 0x4b,
			0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x43, 0x00,
			0x00, 0x00, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00,
		};
		f = fx_new(12, "3.12.1", false);
		ps_tree_bytes(f, "/root/.pyenv/versions/3.12.1/lib/python312.zip",
			      (const char *)z, sizeof z);
		ps_tree_run(f);
		assert_false(f->r.has_fatal);
		ps_tree_free(f);
	}

	/* #43: an empty "zip" holds nothing */
	f = fx_new(12, "3.12.1", false);
	ps_tree_file(f, "/root/.pyenv/versions/3.12.1/lib/python312.zip");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	ps_tree_free(f);

	/* a ._pth listing only "import site": sys.path is empty */
	f = fx_new(12, "3.12.1", true);
	ps_tree_bytes(f, "/root/.pyenv/versions/3.12.1/bin/python3.12._pth",
		      "import site\n", 12);
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output, "  sys.path = [\n  ]\n"));
	assert_non_null(strstr(f->r.fatal.output, "  isolated = 1\n  environment = 0\n"));
	ps_tree_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_312),
		cmocka_unit_test(test_output_313),
		cmocka_unit_test(test_dump_quoting),
		cmocka_unit_test(test_where_encodings_is),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
