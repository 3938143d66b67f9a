/*
 * test_path0.c - sys.path[0] (engine/path0.c), getpath-spec §1.4, #50, #65.
 *
 * Real runs behind the expectations (3.12.1, cwd /tmp/h3t, -S not needed):
 *   python d/        -> '/tmp/h3t/d/'      python ./d//   -> '/tmp/h3t/./d//'
 *   python -P d      -> '/tmp/h3t/d'       python z.zip   -> '/tmp/h3t/z.zip'
 *   python -I ./z.zip -> '/tmp/h3t/./z.zip'
 *   python z.bin (a zip named .bin) -> '/tmp/h3t/z.bin'
 *   python l.py (l.py -> s.py)      -> '/tmp/h3t'
 *   python /tmp/h3t/../h3t/s.py     -> '/tmp/h3t'
 *   python empty.zip (empty file)   -> runs as a script (not an archive)
 *
 * Embedding programs linked against libpython of 3.8.18, 3.12.1 and
 * 3.13.0 (Py_Initialize, then print(sys.path), run from /tmp):
 *   no PySys_SetArgvEx            -> no sys.path[0] at all (no '')
 *   PySys_SetArgvEx(1, {""}, 1)   -> ''       {"-c"} -> ''
 *   {"-m"}                        -> '/tmp'   (the cwd)
 *   {"/tmp/h19/emb/x.py"} (absent) -> '/tmp/h19/emb'
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

#define P "/usr/local"

/* A zip archive holding one empty __main__.py (written by Python's zipfile). */
static const unsigned char zip_main[] = {
	0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x5f, 0x5f, 0x6d, 0x61, 0x69, 0x6e,
	0x5f, 0x5f, 0x2e, 0x70, 0x79, 0x50, 0x4b, 0x01, 0x02, 0x14, 0x03, 0x14,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x5f, 0x5f, 0x6d, 0x61, 0x69, 0x6e, 0x5f, 0x5f, 0x2e,
	0x70, 0x79, 0x50, 0x4b, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x01, 0x00, 0x39, 0x00, 0x00, 0x00, 0x29, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* An install under P without lib-dynload, run from /w as kind with arg (NULL: none). */
static struct ps_tree *fx_new(int minor, enum ps_run_kind kind, const char *arg)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_POSIX, 3, minor, P "/bin/python3", "/w");
	assert_int_equal(ps_set_str(&f->in.build.prefix, P), 0);
	f->in.run.kind = kind;
	assert_int_equal(ps_set_str(&f->in.run.arg, arg), 0);
	ps_tree_env(f, "PATH", "/usr/bin");
	ps_tree_env(f, "HOME", "/home/me");
	ps_tree_install_bin(f, P, 3, minor);
	ps_tree_filef(f, P "/lib/python3.%d/os.py", minor);
	ps_tree_filef(f, P "/lib/python3.%d/encodings/__init__.py", minor);
	ps_tree_dir(f, "/w");
	return f;
}

/* Every computation here reaches sys.path. */
static void run(struct ps_tree *f)
{
	ps_tree_run(f);
	assert_true(f->r.has_sys);
}


/* sys.path[0] and its entry, or NULL-path when none was inserted (first entry not script-dir). */
static const char *path0(struct ps_tree *f)
{
	if (f->r.nentries == 0 || f->r.entries[0].origin != PS_ORIGIN_SCRIPT_DIR)
		return NULL;
	assert_true(f->r.sys.path.n > 0);
	assert_string_equal(f->r.sys.path.v[0], f->r.entries[0].path);
	assert_true(f->r.entries[0].step >= 0);
	assert_int_equal(f->r.trace[f->r.entries[0].step].phase, PS_PHASE_PATH0);
	return f->r.entries[0].path;
}

static void test_command_and_interactive(void **state)
{
	struct ps_tree *f = fx_new(12, PS_RUN_COMMAND, "pass");
	(void)state;
	run(f);
	assert_string_equal(path0(f), "");
	ps_tree_free(f);

	f = fx_new(13, PS_RUN_INTERACTIVE, NULL);
	run(f);
	assert_string_equal(path0(f), "");
	ps_tree_free(f);

	/* -P: nothing */
	f = fx_new(12, PS_RUN_COMMAND, "pass");
	f->in.flags.safe_path = true;
	run(f);
	assert_null(path0(f));
	ps_tree_free(f);
}

static void test_module(void **state)
{
	struct ps_tree *f = fx_new(12, PS_RUN_MODULE, "mod");
	(void)state;
	run(f);
	assert_string_equal(path0(f), "/w");
	ps_tree_free(f);

	/* PYTHONSAFEPATH=1 -m mod: no cwd on sys.path */
	f = fx_new(12, PS_RUN_MODULE, "mod");
	ps_env_set(&f->in.env, "PYTHONSAFEPATH", "1");
	run(f);
	assert_null(path0(f));
	ps_tree_free(f);
}

static void test_script(void **state)
{
	struct ps_tree *f = fx_new(12, PS_RUN_SCRIPT, "s/script.py");
	(void)state;
	ps_tree_file(f, "/w/s/script.py");
	run(f);
	assert_string_equal(path0(f), "/w/s");
	ps_tree_free(f);

	/* a symlinked script: the directory of its target */
	f = fx_new(12, PS_RUN_SCRIPT, "l.py");
	ps_tree_file(f, "/w/real/s.py");
	ps_tree_link(f, "/w/l.py", "real/s.py");
	run(f);
	assert_string_equal(path0(f), "/w/real");
	ps_tree_free(f);

	/* #65: a directory symlink is resolved too (unlike getpath) */
	f = fx_new(13, PS_RUN_SCRIPT, "sdl/script.py");
	ps_tree_file(f, "/w/s/real/script.py");
	ps_tree_link(f, "/w/sdl", "s/real");
	run(f);
	assert_string_equal(path0(f), "/w/s/real");
	ps_tree_free(f);

	/* a script in / keeps "/" */
	f = fx_new(12, PS_RUN_SCRIPT, "/x.py");
	ps_tree_file(f, "/x.py");
	run(f);
	assert_string_equal(path0(f), "/");
	ps_tree_free(f);

	/* -I: none in 3.11+ (safe_path) */
	f = fx_new(12, PS_RUN_SCRIPT, "s/script.py");
	ps_tree_file(f, "/w/s/script.py");
	f->in.flags.isolated = true;
	run(f);
	assert_null(path0(f));
	ps_tree_free(f);

	/* a missing script: the directory part as typed, and a note */
	f = fx_new(12, PS_RUN_SCRIPT, "sub/nonexist.py");
	run(f);
	assert_string_equal(path0(f), "sub");
	assert_true(f->r.notes.n > 0);
	ps_tree_free(f);
}

static void test_directory_and_zip(void **state)
{
	struct ps_tree *f = fx_new(12, PS_RUN_SCRIPT, "./d//");
	(void)state;
	ps_tree_file(f, "/w/d/__main__.py");
	f->in.flags.safe_path = true;  /* inserted even with -P */
	run(f);
	assert_string_equal(path0(f), "/w/./d//");
	ps_tree_free(f);

	f = fx_new(12, PS_RUN_SCRIPT, "z.bin");
	ps_tree_bytes(f, "/w/z.bin", (const char *)zip_main, sizeof zip_main);
	f->in.flags.isolated = true;
	run(f);
	assert_string_equal(path0(f), "/w/z.bin");
	ps_tree_free(f);

	/* an empty "zip" is not an archive: it runs as a script */
	f = fx_new(12, PS_RUN_SCRIPT, "empty.zip");
	ps_tree_file(f, "/w/empty.zip");
	run(f);
	assert_string_equal(path0(f), "/w");
	ps_tree_free(f);
}

/* An embedded interpreter: sys.path[0] only when the application sets argv (real runs above). */
static void test_embedded(void **state)
{
	static const int minors[] = { 8, 12, 13 };
	(void)state;
	for (size_t i = 0; i < sizeof minors / sizeof minors[0]; i++) {
		struct ps_tree *f = fx_new(minors[i], PS_RUN_COMMAND, "pass");
		f->in.embed.present = true;
		run(f);
		assert_null(path0(f));
		assert_string_not_equal(f->r.sys.path.v[0], "");
		{
			const struct ps_step *last = &f->r.trace[f->r.ntrace - 1];
			assert_int_equal(last->phase, PS_PHASE_PATH0);
			assert_non_null(strstr(last->note, "PySys_SetArgv"));
		}
		ps_tree_free(f);

		/* the same run modes as PySys_SetArgvEx's argv[0] when set_argv is on */
		f = fx_new(minors[i], PS_RUN_COMMAND, "pass");
		f->in.embed.present = true;
		f->in.embed.set_argv = true;
		run(f);
		assert_string_equal(path0(f), "");
		ps_tree_free(f);

		f = fx_new(minors[i], PS_RUN_MODULE, "mod");
		f->in.embed.present = true;
		f->in.embed.set_argv = true;
		run(f);
		assert_string_equal(path0(f), "/w");
		ps_tree_free(f);

		f = fx_new(minors[i], PS_RUN_SCRIPT, "/tmp/h19/emb/x.py");
		f->in.embed.present = true;
		f->in.embed.set_argv = true;
		run(f);
		assert_string_equal(path0(f), "/tmp/h19/emb");
		/* nothing opens argv[0] there: no "can't open file" note */
		assert_int_equal(f->r.notes.n, 0);
		ps_tree_free(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedded),
		cmocka_unit_test(test_command_and_interactive),
		cmocka_unit_test(test_module),
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_directory_and_zip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
