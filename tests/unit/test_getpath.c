/*
 * test_getpath.c - the getpath stage (engine/getpath.c, 3.11-3.14 POSIX)
 * over virtual trees.
 *
 * Expected values come from getpath-spec §2.A / §7 (cited by number) and
 * from the real interpreters of this machine: the trees below were built
 * under /tmp with copies of /root/.pyenv/versions/3.1X/bin/python3 and run
 * with env -i; the frozen getpath code of 3.11.7/3.12.1/3.13.0 (dumped with
 * dis) fixes probe orders and the traceback line numbers.  Observed:
 *
 *   PYTHONPATH='../x:./y/../z:.:' -S in /tmp/h3t/a/b (3.12.1)
 *       -> '/tmp/h3t/a/b/../x', '/tmp/h3t/a/b/z', '/tmp/h3t/a/b', '/tmp/h3t/a/b'
 *   a 32768-byte pyvenv.cfg -> fatal; 32767 bytes -> fine (3.12.1)
 *   40000-byte pyvenv.cfg (3.11.7/3.12.1/3.13.0) -> "Exception ignored error
 *       evaluating path:" / "in running getpath:", line 353/353/357,
 *       "MemoryError: cannot read file larger than 32KB during initialization",
 *       "Fatal Python error: error evaluating path"; next to the exe: line 356
 *   pyvenv.cfg home = a regular file -> line 490 "NotADirectoryError:
 *       [Errno 20] Not a directory" (pybuilddir.txt under a non-directory)
 *   40000-byte python3._pth (3.13.0) -> line 468
 *   PYTHONEXECUTABLE=/x/y -I (3.12.1) -> sys.executable /x/y,
 *       sys._base_executable the real argv path
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
#include "helper_tree.h"

#define P "/usr/local"

/* Python 3.minor built with PREFIX=/usr/local, run as argv0 in cwd, HOME=/home/me. */
static struct ps_tree *fx_new(int minor, const char *argv0, const char *cwd)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_POSIX, 3, minor, argv0, cwd);
	ps_tree_posix_defaults(f, P, "/home/me");
	return f;
}

/* The last decide step setting var, or NULL. */
static const struct ps_step *last_set(struct ps_tree *f, const char *var)
{
	const struct ps_step *found = NULL;
	for (size_t i = 0; i < f->r.ntrace; i++)
		if (f->r.trace[i].var && strcmp(f->r.trace[i].var, var) == 0)
			found = &f->r.trace[i];
	return found;
}

/* ------------------------------------------------------------------ */

/* §2.A reference: a plain install run by its absolute path. */
static void test_plain_install(void **state)
{
	struct ps_tree *f = fx_new(12, P "/bin/python3.12", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	assert_string_equal(f->r.getpath.executable, P "/bin/python3.12");
	assert_string_equal(f->r.getpath.base_executable, P "/bin/python3.12");
	assert_string_equal(f->r.getpath.prefix, P);
	assert_string_equal(f->r.getpath.exec_prefix, P);
	assert_string_equal(f->r.getpath.base_prefix, P);
	assert_string_equal(f->r.getpath.base_exec_prefix, P);
	assert_string_equal(f->r.getpath.stdlib_dir, P "/lib/python3.12");
	assert_string_equal(f->r.getpath.platstdlib_dir, P "/lib/python3.12/lib-dynload");
	assert_string_equal(f->r.getpath.platlibdir, "lib");
	assert_null(f->r.getpath.home);
	MSP(f, P "/lib/python312.zip", P "/lib/python3.12", P "/lib/python3.12/lib-dynload");
	NO_WARNINGS(f);
	/* the order of CPython's helper calls (frozen getpath of 3.12.1) */
	PROBES(f, "read /usr/local/pyvenv.cfg", "read /usr/local/bin/pyvenv.cfg",
	       "realpath /usr/local/bin/python3.12", "read /usr/local/bin/python3.12._pth",
	       "read /usr/local/bin/python3.12._pth", "read /usr/local/bin/pybuilddir.txt",
	       "isfile /usr/local/bin/Modules/Setup.local",
	       "isfile /usr/local/bin/lib/python312.zip", "isfile /usr/local/lib/python312.zip",
	       "isfile /usr/lib/python312.zip", "isfile /usr/local/bin/lib/python3.12/os.py",
	       "isfile /usr/local/bin/lib/python3.12/os.pyc",
	       "isfile /usr/local/lib/python3.12/os.py",
	       "isdir /usr/local/bin/lib/python3.12/lib-dynload",
	       "isdir /usr/local/lib/python3.12/lib-dynload",
	       "isdir /usr/local/lib/python3.12/lib-dynload");
	/* one entry per element, with an origin and the step that added it */
	assert_int_equal(f->r.getpath.nentries, 3);
	assert_int_equal(f->r.getpath.entries[0].origin, PS_ORIGIN_STDLIB_ZIP);
	assert_false(f->r.getpath.entries[0].exists);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_STDLIB);
	assert_true(f->r.getpath.entries[1].exists);
	assert_int_equal(f->r.getpath.entries[2].origin, PS_ORIGIN_PLATSTDLIB);
	for (size_t i = 0; i < 3; i++) {
		long st = f->r.getpath.entries[i].step;
		assert_true(st >= 0 && (size_t)st < f->r.ntrace);
		assert_string_equal(f->r.trace[st].path, f->r.getpath.entries[i].path);
		assert_non_null(f->r.getpath.entries[i].detail);
	}
	assert_non_null(strstr(f->r.getpath.entries[0].detail, "always listed even when absent"));
	assert_string_equal(last_set(f, "prefix")->value, P);
	ps_tree_free(f);
}

/* A bare argv[0] is looked up on PATH (S3.4), even under -I (#35). */
static void test_path_search(void **state)
{
	struct ps_tree *f = fx_new(12, "python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PATH", "/usr/bin:" P "/bin");
	f->in.flags.isolated = true;
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, P "/bin/python3");
	assert_string_equal(f->r.getpath.base_executable, P "/bin/python3");
	assert_string_equal(f->r.getpath.prefix, P);
	{
		struct ps_strv pr;
		ps_tree_probes(f, &pr);
		assert_string_equal(pr.v[0], "isxfile /usr/bin/python3");
		assert_string_equal(pr.v[1], "isxfile /usr/local/bin/python3");
		ps_strv_release(&pr);
	}
	ps_tree_free(f);
}

/* #36: a relative PATH entry gives a relative executable and cripples the search. */
static void test_relative_path_entry(void **state)
{
	struct ps_tree *f = fx_new(12, "python3", P);
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PATH", "bin:/usr/bin");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "bin/python3");
	assert_string_equal(f->r.getpath.prefix, P);       /* PREFIX fallback, silent */
	NO_WARNINGS(f);
	MSP(f, P "/lib/python312.zip", P "/lib/python3.12", P "/lib/python3.12/lib-dynload");
	ps_tree_free(f);
}

/* #34: argv[0] not found anywhere: executable '' and the search starts in the cwd. */
static void test_executable_not_found(void **state)
{
	struct ps_tree *f = fx_new(12, "zzpython", "/t");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_file(f, "/t/lib/python3.12/os.py");
	ps_tree_file(f, "/t/lib/python3.12/encodings/__init__.py");
	ps_tree_dir(f, "/t/lib/python3.12/lib-dynload");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "");
	assert_string_equal(f->r.getpath.prefix, "/t");
	assert_string_equal(f->r.getpath.exec_prefix, "/t");
	NO_WARNINGS(f);
	ps_tree_free(f);
}

/* Symlinks: the file chain is followed (#38), directory links are not (#39). */
static void test_symlinks(void **state)
{
	struct ps_tree *f = fx_new(12, "/usr/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_link(f, "/usr/bin/python3", "../local/bin/python3");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "/usr/bin/python3");
	assert_string_equal(f->r.getpath.prefix, P);
	ps_tree_free(f);

	f = fx_new(12, "/d/bin/python3.12", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_link(f, "/d", P);
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/d");
	MSP(f, "/d/lib/python312.zip", "/d/lib/python3.12", "/d/lib/python3.12/lib-dynload");
	ps_tree_free(f);

	/* #37: argv[0] with bin/.. is normalised in 3.11+ */
	f = fx_new(11, "./bin/../bin/python3.11", P);
	ps_tree_install(f, P, 3, 11);
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, P "/bin/python3.11");
	assert_string_equal(f->r.getpath.prefix, P);
	ps_tree_free(f);
}

/* A symlink loop: realpath fails, the file does not exist: no warning, no crash (#58). */
static void test_symlink_loop(void **state)
{
	struct ps_tree *f = fx_new(12, "/l/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_link(f, "/l/bin/python3", "python3");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "/l/bin/python3");
	assert_string_equal(f->r.getpath.prefix, P);
	NO_WARNINGS(f);
	ps_tree_free(f);
}

/* #2: PYTHONHOME at nothing: the stdlib is looked for there, verbatim; fatal. */
static void test_pythonhome_nonexistent(void **state)
{
	struct ps_tree *f = fx_new(12, P "/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONHOME", "/nonexistent");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.home, "/nonexistent");
	assert_string_equal(f->r.getpath.prefix, "/nonexistent");
	assert_string_equal(f->r.getpath.exec_prefix, "/nonexistent");
	MSP(f, "/nonexistent/lib/python312.zip", "/nonexistent/lib/python3.12",
	    "/nonexistent/lib/python3.12/lib-dynload");
	NO_WARNINGS(f);
	assert_true(f->r.has_fatal);
	assert_false(f->r.has_sys);
	assert_string_equal(f->r.fatal.message,
			    "init_fs_encoding: failed to get the Python codec of the filesystem encoding");
	assert_int_equal(f->r.fatal.exit_status, 1);
	ps_tree_free(f);

	/* #7: -E ignores it */
	f = fx_new(12, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONHOME", "/nonexistent");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	assert_string_equal(f->r.getpath.prefix, P);
	assert_null(f->r.getpath.home);
	ps_tree_free(f);
}

/* #3-#6, #66: the halves of PYTHONHOME. */
static void test_pythonhome_halves(void **state)
{
	struct ps_tree *f = fx_new(13, P "/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 13);
	ps_tree_env(f, "PYTHONHOME", P ":/x");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, P);
	assert_string_equal(f->r.getpath.exec_prefix, "/x");
	MSP(f, P "/lib/python313.zip", P "/lib/python3.13", "/x/lib/python3.13/lib-dynload");
	NO_WARNINGS(f);
	assert_false(f->r.has_fatal);
	ps_tree_free(f);

	f = fx_new(13, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 13);
	ps_tree_env(f, "PYTHONHOME", P ":");  /* the empty half is searched */
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, P);
	assert_string_equal(f->r.getpath.exec_prefix, P);
	NO_WARNINGS(f);
	ps_tree_free(f);

	f = fx_new(13, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 13);
	ps_tree_env(f, "PYTHONHOME", ":");  /* behaves as unset */
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, P);
	assert_string_equal(f->r.getpath.exec_prefix, P);
	assert_false(f->r.has_fatal);
	ps_tree_free(f);

	f = fx_new(12, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONHOME", P "/");  /* kept verbatim, entries normalised */
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, P "/");
	MSP(f, P "/lib/python312.zip", P "/lib/python3.12", P "/lib/python3.12/lib-dynload");
	ps_tree_free(f);

	/* #8: PYTHONHOME=. is broken in 3.11-3.13 (".lib/..."), ./ works */
	f = fx_new(12, P "/bin/python3", P);
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONHOME", ".");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, ".");
	MSP(f, ".lib/python312.zip", ".lib/python3.12", ".lib/python3.12/lib-dynload");
	assert_true(f->r.has_fatal);
	ps_tree_free(f);

	f = fx_new(12, P "/bin/python3", P);
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONHOME", "./");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "./");
	MSP(f, "lib/python312.zip", "lib/python3.12", "lib/python3.12/lib-dynload");
	assert_false(f->r.has_fatal);
	ps_tree_free(f);
}

/* A venv made with --symlinks (shared sample; 2.A.1). */
static void test_venv_symlinks(void **state)
{
	for (int minor = 12; minor <= 14; minor += 2) {
		struct ps_tree *f = fx_new(minor, "/v/bin/python", "/home/me");
		char exe[64];
		(void)state;
		ps_tree_install(f, P, 3, minor);
		snprintf(exe, sizeof exe, P "/bin/python3.%d", minor);
		ps_tree_link(f, "/v/bin/python", exe);
		ps_tree_text(f, "/v/pyvenv.cfg", "home = " P "/bin\ninclude-system-site-packages = false\n");
		ps_tree_run(f);
		assert_string_equal(f->r.getpath.executable, "/v/bin/python");
		assert_string_equal(f->r.getpath.base_executable, exe);
		if (minor == 12) {
			assert_string_equal(f->r.getpath.prefix, P);
			assert_string_equal(f->r.getpath.base_prefix, P);
			MSP(f, P "/lib/python312.zip", P "/lib/python3.12",
			    P "/lib/python3.12/lib-dynload");
		} else {
			/* S10: 3.14 switches to the venv in getpath; paths from base_prefix */
			assert_string_equal(f->r.getpath.prefix, "/v");
			assert_string_equal(f->r.getpath.exec_prefix, "/v");
			assert_string_equal(f->r.getpath.base_prefix, P);
			assert_string_equal(f->r.getpath.base_exec_prefix, P);
			MSP(f, P "/lib/python314.zip", P "/lib/python3.14",
			    P "/lib/python3.14/lib-dynload");
		}
		assert_string_equal(last_set(f, "executable_dir")->value, P "/bin");
		ps_tree_free(f);
	}
}

/* #10: --copies venv: base_executable from home, falling back to python3. */
static void test_venv_copies(void **state)
{
	struct ps_tree *f = fx_new(12, "/v/bin/python", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/v/bin/python");
	ps_tree_text(f, "/v/pyvenv.cfg", "home = " P "/bin\n");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.base_executable, P "/bin/python3");
	assert_string_equal(f->r.getpath.prefix, P);
	PROBES(f, "read /v/pyvenv.cfg", "realpath /v/bin/python", "isfile /usr/local/bin/python",
	       "isfile /usr/local/bin/python3", "realpath /usr/local/bin/python3",
	       "read /v/bin/python._pth", "read /usr/local/bin/python3.12._pth",
	       "read /usr/local/bin/pybuilddir.txt",
	       "isfile /usr/local/bin/Modules/Setup.local",
	       "isfile /usr/local/bin/lib/python312.zip", "isfile /usr/local/lib/python312.zip",
	       "isfile /usr/lib/python312.zip", "isfile /usr/local/bin/lib/python3.12/os.py",
	       "isfile /usr/local/bin/lib/python3.12/os.pyc",
	       "isfile /usr/local/lib/python3.12/os.py",
	       "isdir /usr/local/bin/lib/python3.12/lib-dynload",
	       "isdir /usr/local/lib/python3.12/lib-dynload",
	       "isdir /usr/local/lib/python3.12/lib-dynload");
	ps_tree_free(f);
}

/* #14-#18: the lenient 3.11+ parser, parent directory first. */
static void test_pyvenv_parsing(void **state)
{
	static const char *const cfgs[] = {
		"Home=" P "/bin",                      /* no spaces, no final newline, capital */
		"version = 3\n  HOME  =   " P "/bin  \r\n",
		"# home = /nope\nx\nhome = " P "/bin\nhome = /second\n",
	};
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct ps_tree *f = fx_new(11, "/v/bin/python", "/home/me");
		ps_tree_install(f, P, 3, 11);
		ps_tree_xfile(f, "/v/bin/python");
		ps_tree_text(f, "/v/pyvenv.cfg", cfgs[i]);
		ps_tree_run(f);
		assert_string_equal(last_set(f, "executable_dir")->value,
				    P "/bin");
		ps_tree_free(f);
	}

	/* #18: both files: the parent's wins */
	{
		struct ps_tree *f = fx_new(12, "/t/bin/python3", "/home/me");
		ps_tree_install(f, P, 3, 12);
		ps_tree_xfile(f, "/t/bin/python3");
		ps_tree_text(f, "/t/bin/pyvenv.cfg", "home = /nonexistent/bin\n");
		ps_tree_text(f, "/t/pyvenv.cfg", "home = " P "/bin\n");
		ps_tree_run(f);
		assert_string_equal(f->r.getpath.base_executable, P "/bin/python3");
		assert_string_equal(f->r.getpath.prefix, P);
		ps_tree_free(f);
	}
	/* #23: a directory named pyvenv.cfg reads as no lines: no venv */
	{
		struct ps_tree *f = fx_new(13, "/t/bin/python3", "/home/me");
		ps_tree_install(f, P, 3, 13);
		ps_tree_xfile(f, "/t/bin/python3");
		ps_tree_dir(f, "/t/pyvenv.cfg");
		ps_tree_run(f);
		assert_string_equal(f->r.getpath.base_executable, "/t/bin/python3");
		assert_null(last_set(f, "venv_prefix"));
		ps_tree_free(f);
	}
}

/* #20, gh-135773: a cfg without home is ignored by getpath <= 3.13, a venv in 3.14. */
static void test_pyvenv_without_home(void **state)
{
	struct ps_tree *f = fx_new(13, "/v/bin/python", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 13);
	ps_tree_xfile(f, "/v/bin/python");
	ps_tree_text(f, "/v/pyvenv.cfg", "include-system-site-packages = false\n");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, P);
	assert_null(last_set(f, "venv_prefix"));
	ps_tree_free(f);

	f = fx_new(14, "/v/bin/python", "/home/me");
	ps_tree_install(f, P, 3, 14);
	ps_tree_xfile(f, "/v/bin/python");
	ps_tree_text(f, "/v/pyvenv.cfg", "include-system-site-packages = false\n");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/v");
	assert_string_equal(f->r.getpath.base_prefix, P);
	ps_tree_free(f);
}

/* #13 / #62: PYTHONHOME blocks pyvenv.cfg in getpath <= 3.13; 3.14 keeps the venv. */
static void test_pyvenv_with_pythonhome(void **state)
{
	struct ps_tree *f = fx_new(13, "/v/bin/python", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 13);
	ps_tree_link(f, "/v/bin/python", P "/bin/python3.13");
	ps_tree_text(f, "/v/pyvenv.cfg", "home = /elsewhere/bin\n");
	ps_tree_env(f, "PYTHONHOME", P);
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.base_executable, "/v/bin/python");
	assert_string_equal(f->r.getpath.prefix, P);
	ps_tree_free(f);

	f = fx_new(14, "/v/bin/python", "/home/me");
	ps_tree_install(f, P, 3, 14);
	ps_tree_link(f, "/v/bin/python", P "/bin/python3.14");
	ps_tree_text(f, "/v/pyvenv.cfg", "home = /elsewhere/bin\n");
	ps_tree_env(f, "PYTHONHOME", P);
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/v");
	assert_string_equal(f->r.getpath.base_prefix, P);
	ps_tree_free(f);
}

/* #21: a relative home stays relative (resolved against the cwd by each probe). */
static void test_pyvenv_relative_home(void **state)
{
	struct ps_tree *f = fx_new(12, "/v/bin/python", "/w");
	(void)state;
	ps_tree_install(f, "/w/fh", 3, 12);
	ps_tree_xfile(f, "/v/bin/python");
	ps_tree_text(f, "/v/pyvenv.cfg", "home = fh/bin\n");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "fh");
	assert_string_equal(f->r.getpath.base_executable, "fh/bin/python3");
	MSP(f, "fh/lib/python312.zip", "fh/lib/python3.12", "fh/lib/python3.12/lib-dynload");
	ps_tree_free(f);
}

static char *big(size_t n)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, 'x', n);
	s[n] = '\0';
	return s;
}

/* #22: a >= 32 KiB pyvenv.cfg / ._pth is fatal, with the exact report. */
static void test_too_large_files(void **state)
{
	struct ps_tree *f = fx_new(12, "/e/bin/python3", "/home/me");
	char *b = big(32768);
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/e/bin/python3");
	ps_tree_text(f, "/e/pyvenv.cfg", b);
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_string_equal(f->r.fatal.message, "error evaluating path");
	assert_string_equal(f->r.fatal.output,
			    "Exception ignored error evaluating path:\n"
			    "Traceback (most recent call last):\n"
			    "  File \"<frozen getpath>\", line 353, in <module>\n"
			    "MemoryError: cannot read file larger than 32KB during initialization\n"
			    "Fatal Python error: error evaluating path\n"
			    "Python runtime state: core initialized\n\n"
			    "Current thread 0x0000000000000000 (most recent call first):\n"
			    "  <no Python frame>\n");
	assert_non_null(strstr(f->r.fatal.cause, "/e/pyvenv.cfg"));
	ps_tree_free(f);

	/* one byte less is fine */
	f = fx_new(12, "/e/bin/python3", "/home/me");
	b[32767] = '\0';
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/e/bin/python3");
	ps_tree_text(f, "/e/pyvenv.cfg", b);
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	ps_tree_free(f);
	b[32767] = 'x';

	/* next to the executable, 3.13 wording and lines */
	f = fx_new(13, "/e/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 13);
	ps_tree_xfile(f, "/e/bin/python3");
	ps_tree_text(f, "/e/bin/pyvenv.cfg", b);
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output, "Exception ignored in running getpath:\n"));
	assert_non_null(strstr(f->r.fatal.output, "line 360, in <module>"));
	ps_tree_free(f);

	f = fx_new(13, "/e/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 13);
	ps_tree_xfile(f, "/e/bin/python3");
	ps_tree_text(f, "/e/bin/python3._pth", b);
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output, "line 468, in <module>"));
	ps_tree_free(f);
	free(b);
}

/* pybuilddir.txt under a regular file: NotADirectoryError escapes getpath. */
static void test_builddir_not_a_directory(void **state)
{
	struct ps_tree *f = fx_new(12, "/f/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/f/bin/python3");
	ps_tree_file(f, "/f/notdir");
	ps_tree_text(f, "/f/pyvenv.cfg", "home = /f/notdir\n");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output, "line 490, in <module>\n"
				  "NotADirectoryError: [Errno 20] Not a directory\n"));
	ps_tree_free(f);
}

/* #26: a full ._pth file. */
static void test_pth_full(void **state)
{
	struct ps_tree *f = fx_new(12, "/t/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/t/bin/python3");
	ps_tree_text(f, "/t/bin/python3._pth",
	  P "/lib/python3.12\n" P "/lib/python3.12/lib-dynload\n../mylib  # c\n\n# only\n"
	  "import site\nimport foo\n");
	ps_tree_env(f, "PYTHONPATH", "/ignored");
	f->in.flags.no_site = true;  /* #27: import site wins over -S */
	ps_tree_run(f);
	MSP(f, P "/lib/python3.12", P "/lib/python3.12/lib-dynload", "/t/mylib");
	assert_string_equal(f->r.getpath.prefix, "/t/bin");
	assert_string_equal(f->r.getpath.exec_prefix, "/t/bin");
	assert_string_equal(f->r.getpath.base_prefix, "/t/bin");
	assert_string_equal(f->r.getpath.home, "/t/bin");
	WARNINGS(f, "unsupported 'import' line in ._pth file");
	assert_true(f->r.has_sys);
	assert_int_equal(f->r.sys.flags.isolated, 1);
	assert_int_equal(f->r.sys.flags.ignore_environment, 1);
	assert_int_equal(f->r.sys.flags.safe_path, 1);
	assert_int_equal(f->r.sys.flags.no_site, 0);
	assert_int_equal(f->r.sys.flags.no_user_site, 0);  /* until 3.15 */
	{
		static const enum ps_pth_action want[] = {
			PS_PTH_ADDED, PS_PTH_ADDED, PS_PTH_ADDED, PS_PTH_BLANK, PS_PTH_COMMENT,
			PS_PTH_IMPORT, PS_PTH_IGNORED,
		};
		size_t n = 0;
		for (size_t i = 0; i < f->r.npth; i++) {
			if (strcmp(f->r.pth[i].file, "/t/bin/python3._pth") != 0)
				continue;
			assert_true(n < 7);
			assert_int_equal(f->r.pth[i].line, (int)n + 1);
			assert_int_equal(f->r.pth[i].action, want[n]);
			n++;
		}
		assert_int_equal(n, 7);
	}
	for (size_t i = 0; i < f->r.getpath.nentries; i++)
		assert_int_equal(f->r.getpath.entries[i].origin, PS_ORIGIN_PTH_FILE);
	ps_tree_free(f);
}

/* #29: an empty ._pth (or a directory of that name) still forces home. */
static void test_pth_empty(void **state)
{
	for (int dir = 0; dir < 2; dir++) {
		struct ps_tree *f = fx_new(12, "/t/bin/python3", "/home/me");
		(void)state;
		ps_tree_install(f, P, 3, 12);
		ps_tree_xfile(f, "/t/bin/python3");
		if (dir)
			ps_tree_dir(f, "/t/bin/python3._pth");
		else
			ps_tree_file(f, "/t/bin/python3._pth");
		ps_tree_env(f, "PYTHONPATH", "/pp");
		ps_tree_run(f);
		assert_string_equal(f->r.getpath.home, "/t/bin");
		MSP(f, "/t/bin/lib/python312.zip", "/t/bin/lib/python3.12",
		    "/t/bin/lib/python3.12/lib-dynload");
		assert_true(f->r.has_fatal);
		assert_non_null(strstr(f->r.fatal.output, "  PYTHONHOME = '/t/bin'\n"
					  "  PYTHONPATH = '/pp'\n"));
		assert_non_null(strstr(f->r.fatal.output, "  isolated = 0\n  environment = 1\n"));
		ps_tree_free(f);
	}
}

/* #30, #31: a ._pth next to the symlink's target is used, and beats PYTHONHOME. */
static void test_pth_next_to_target(void **state)
{
	struct ps_tree *f = fx_new(13, "/l/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 13);
	ps_tree_xfile(f, "/t/bin/python3");
	ps_tree_link(f, "/l/python3", "/t/bin/python3");
	ps_tree_text(f, "/t/bin/python3._pth", P "/lib/python3.13\n");
	ps_tree_env(f, "PYTHONHOME", "/nonexistent");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "/l/python3");
	assert_string_equal(f->r.getpath.prefix, "/t/bin");
	MSP(f, P "/lib/python3.13");
	assert_false(f->r.has_fatal);
	assert_int_equal(f->r.sys.flags.no_site, 1);
	ps_tree_free(f);
}

/* #44, #45: build trees. */
static void test_build_tree(void **state)
{
	struct ps_tree *f = fx_new(12, "/t/python", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/t/python");
	ps_tree_text(f, "/t/pybuilddir.txt", "build/lib.linux-x86_64-3.12\n");
	ps_tree_file(f, "/t/Lib/os.py");
	ps_tree_file(f, "/t/Lib/encodings/__init__.py");
	ps_tree_run(f);
	MSP(f, P "/lib/python312.zip", "/t/Lib", "/t/build/lib.linux-x86_64-3.12");
	assert_string_equal(f->r.getpath.prefix, P);
	assert_string_equal(f->r.getpath.exec_prefix, P);
	assert_string_equal(f->r.getpath.stdlib_dir, "/t/Lib");
	assert_true(f->r.getpath.is_python_build);
	NO_WARNINGS(f);
	ps_tree_free(f);

	f = fx_new(12, "/t/python", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/t/python");
	ps_tree_file(f, "/t/Modules/Setup.local");
	ps_tree_file(f, "/t/Lib/os.py");
	ps_tree_file(f, "/t/Lib/encodings/__init__.py");
	ps_tree_run(f);
	MSP(f, P "/lib/python312.zip", "/t/Lib", "/t/lib/python3.12/lib-dynload");
	assert_string_equal(f->r.getpath.prefix, P);
	assert_true(f->r.getpath.is_python_build);
	ps_tree_free(f);

	/* VPATH: the source tree is found by searching up from build/VPATH */
	f = fx_new(13, "/src/build/python", "/home/me");
	ps_tree_install(f, P, 3, 13);
	f->in.build.vpath = strdup("..");
	ps_tree_xfile(f, "/src/build/python");
	ps_tree_file(f, "/src/build/Modules/Setup.local");
	ps_tree_file(f, "/src/Lib/os.py");
	ps_tree_file(f, "/src/Lib/encodings/__init__.py");
	ps_tree_run(f);
	MSP(f, P "/lib/python313.zip", "/src/Lib", "/src/lib/python3.13/lib-dynload");
	ps_tree_free(f);
}

/* #46: PYTHONPATH entries are made absolute without normalising what follows the cwd. */
static void test_pythonpath(void **state)
{
	struct ps_tree *f = fx_new(12, P "/bin/python3", "/w/a");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONPATH", "rel1::/abs2/../abs3:../x:");
	ps_tree_run(f);
	MSP(f, "/w/a/rel1", "/w/a", "/abs3", "/w/a/../x", "/w/a", P "/lib/python312.zip",
	    P "/lib/python3.12", P "/lib/python3.12/lib-dynload");
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(f->r.getpath.entries[i].origin, PS_ORIGIN_PYTHONPATH);
	ps_tree_free(f);

	f = fx_new(12, P "/bin/python3", "/");
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONPATH", "x");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.module_search_paths.v[0], "//x");
	ps_tree_free(f);
}

/* #42: PYTHONPLATLIBDIR changes every landmark; -E ignores it. */
static void test_platlibdir(void **state)
{
	struct ps_tree *f = fx_new(12, P "/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONPLATLIBDIR", "bogus");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.platlibdir, "bogus");
	WARNINGS(f, "Could not find platform independent libraries <prefix>",
		 "Could not find platform dependent libraries <exec_prefix>");
	MSP(f, P "/bogus/python312.zip", P "/bogus/python3.12", P "/bogus/python3.12/lib-dynload");
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output,
			       "Could not find platform independent libraries <prefix>\n"
			       "Could not find platform dependent libraries <exec_prefix>\n"
			       "Python path configuration:\n"));
	ps_tree_free(f);

	f = fx_new(12, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONPLATLIBDIR", "bogus");
	f->in.flags.ignore_environment = true;
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.platlibdir, "lib");
	assert_false(f->r.has_fatal);
	ps_tree_free(f);
}

/* #40, #41, #43, #63: landmark corner cases. */
static void test_landmarks(void **state)
{
	struct ps_tree *f = fx_new(12, "/t/bin/python3.12", "/home/me");
	(void)state;
	/* #43: an empty zip is a landmark; the stdlib dir is listed anyway -> fatal */
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/t/bin/python3.12");
	ps_tree_file(f, "/t/lib/python312.zip");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/t");
	assert_string_equal(f->r.getpath.exec_prefix, P);
	MSP(f, "/t/lib/python312.zip", "/t/lib/python3.12", P "/lib/python3.12/lib-dynload");
	NO_WARNINGS(f);
	assert_true(f->r.has_fatal);
	ps_tree_free(f);

	/* #40: no lib-dynload next to the stdlib: EXEC_PREFIX, silently */
	f = fx_new(12, "/t/bin/python3.12", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/t/bin/python3.12");
	ps_tree_file(f, "/t/lib/python3.12/os.py");
	ps_tree_file(f, "/t/lib/python3.12/encodings/__init__.py");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/t");
	assert_string_equal(f->r.getpath.exec_prefix, P);
	NO_WARNINGS(f);
	assert_false(f->r.has_fatal);
	ps_tree_free(f);

	/* #41: nothing anywhere: both warnings, entries under PREFIX */
	f = fx_new(12, "/t/bin/python3.12", "/home/me");
	ps_tree_xfile(f, "/t/bin/python3.12");
	ps_tree_run(f);
	WARNINGS(f, "Could not find platform independent libraries <prefix>",
		 "Could not find platform dependent libraries <exec_prefix>");
	MSP(f, P "/lib/python312.zip", P "/lib/python3.12", P "/lib/python3.12/lib-dynload");
	assert_true(f->r.has_fatal);
	ps_tree_free(f);

	/* empty PREFIX: the cwd */
	f = fx_new(12, "/t/bin/python3.12", "/w");
	ps_tree_xfile(f, "/t/bin/python3.12");
	free(f->in.build.prefix);
	f->in.build.prefix = strdup("");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/w");
	assert_string_equal(f->r.getpath.exec_prefix, "/w");
	WARNINGS(f, "Could not find platform independent libraries <prefix>",
		 "Could not find platform dependent libraries <exec_prefix>");
	ps_tree_free(f);

	/* #63: nearest lib-dynload (<= 3.13) vs prefix's own (3.14) */
	for (int minor = 13; minor <= 14; minor++) {
		char p[128];
		f = fx_new(minor, "/a/b/bin/python3", "/home/me");
		ps_tree_xfile(f, "/a/b/bin/python3");
		snprintf(p, sizeof p, "/a/lib/python3.%d/os.py", minor);
		ps_tree_file(f, p);
		snprintf(p, sizeof p, "/a/lib/python3.%d/lib-dynload", minor);
		ps_tree_dir(f, p);
		snprintf(p, sizeof p, "/a/b/lib/python3.%d/lib-dynload", minor);
		ps_tree_dir(f, p);
		ps_tree_run(f);
		assert_string_equal(f->r.getpath.prefix, "/a");
		assert_string_equal(f->r.getpath.exec_prefix, minor == 13 ? "/a/b" : "/a");
		ps_tree_free(f);
	}

	/* #56: an executable in / has no directory to search from */
	f = fx_new(12, "/python3", "/home/me");
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/python3");
	ps_tree_file(f, "/lib/python3.12/os.py");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, P);
	ps_tree_free(f);

	/* #61: free-threaded 3.13 */
	f = fx_new(13, "/ft/bin/python3.13t", "/home/me");
	f->in.build.abi_thread = strdup("t");
	ps_tree_xfile(f, "/ft/bin/python3.13t");
	ps_tree_file(f, "/ft/lib/python3.13t/os.py");
	ps_tree_dir(f, "/ft/lib/python3.13t/lib-dynload");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "/ft");
	MSP(f, "/ft/lib/python313t.zip", "/ft/lib/python3.13t", "/ft/lib/python3.13t/lib-dynload");
	ps_tree_free(f);
}

/* #32, #33: PYTHONEXECUTABLE / __PYVENV_LAUNCHER__, honoured under -I. */
static void test_executable_overrides(void **state)
{
	struct ps_tree *f = fx_new(12, P "/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_env(f, "PYTHONEXECUTABLE", "/x/y");
	f->in.flags.isolated = true;
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "/x/y");
	assert_string_equal(f->r.getpath.base_executable, P "/bin/python3");
	assert_string_equal(f->r.getpath.prefix, P);
	ps_tree_free(f);

	/* the launcher variable makes a venv out of /v (site.py activates it) */
	f = fx_new(13, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 13);
	ps_tree_dir(f, "/v/bin");
	ps_tree_text(f, "/v/pyvenv.cfg", "home = " P "/bin\n");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/v/bin/python");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.executable, "/v/bin/python");
	assert_string_equal(f->r.getpath.prefix, P);
	assert_string_equal(last_set(f, "venv_prefix")->value, "/v");
	ps_tree_free(f);
}

/* #47, #48: the integer and presence rules of PYTHONNOUSERSITE / PYTHONSAFEPATH. */
static void test_env_flags(void **state)
{
	static const struct {
		const char *nousersite, *safepath;
		bool E;
		int no_user_site, safe_path;
	} cases[] = {
		{ "0", "0", false, 0, 1 },
		{ "abc", NULL, false, 1, 0 },
		{ "2", NULL, false, 1, 0 },
		{ "-1", NULL, false, 1, 0 },
		{ "1", "1", true, 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ps_tree *f = fx_new(12, P "/bin/python3", "/home/me");
		ps_tree_install(f, P, 3, 12);
		ps_tree_env(f, "PYTHONNOUSERSITE", cases[i].nousersite);
		if (cases[i].safepath)
			ps_tree_env(f, "PYTHONSAFEPATH", cases[i].safepath);
		f->in.flags.ignore_environment = cases[i].E;
		ps_tree_run(f);
		assert_int_equal(f->r.sys.flags.no_user_site, cases[i].no_user_site);
		assert_int_equal(f->r.sys.flags.safe_path, cases[i].safe_path);
		ps_tree_free(f);
	}
}

/* 1.6: an embedding application's PyConfig. */
static void test_embedding(void **state)
{
	struct ps_tree *f = fx_new(12, P "/bin/python3", "/home/me");
	(void)state;
	ps_tree_install(f, P, 3, 12);
	ps_tree_xfile(f, "/t/bin/python3");
	ps_tree_file(f, "/t/bin/python3._pth");
	f->in.embed.present = true;
	f->in.embed.home = strdup(P);
	f->in.embed.use_environment = -1;
	f->in.embed.site_import = -1;
	f->in.embed.user_site_directory = -1;
	f->in.embed.pathconfig_warnings = -1;
	free(f->in.argv0);
	f->in.argv0 = strdup("/t/bin/python3");
	ps_tree_run(f);
	/* home_was_set: no ._pth, no build detection */
	assert_string_equal(f->r.getpath.prefix, P);
	{
		struct ps_strv pr;
		ps_tree_probes(f, &pr);
		for (size_t i = 0; i < pr.n; i++) {
			assert_null(strstr(pr.v[i], "._pth"));
			assert_null(strstr(pr.v[i], "pybuilddir"));
		}
		ps_strv_release(&pr);
	}
	ps_tree_free(f);

	/* module_search_paths set: verbatim */
	f = fx_new(13, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 13);
	f->in.embed.present = true;
	f->in.embed.use_environment = f->in.embed.site_import = -1;
	f->in.embed.user_site_directory = f->in.embed.pathconfig_warnings = -1;
	f->in.embed.module_search_paths_set = true;
	ps_strv_push(&f->in.embed.module_search_paths, P "/lib/python3.13");
	ps_strv_push(&f->in.embed.module_search_paths, "rel");
	ps_tree_run(f);
	MSP(f, P "/lib/python3.13", "rel");
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_EMBED);
	ps_tree_free(f);

	/* Py_SetPath (3.12): prefix = exec_prefix = '', sys.path = the string */
	f = fx_new(12, P "/bin/python3", "/home/me");
	ps_tree_install(f, P, 3, 12);
	f->in.embed.present = true;
	f->in.embed.use_environment = f->in.embed.site_import = -1;
	f->in.embed.user_site_directory = f->in.embed.pathconfig_warnings = -1;
	f->in.embed.setpath = strdup(P "/lib/python3.12:/extra");
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.prefix, "");
	assert_string_equal(f->r.getpath.exec_prefix, "");
	MSP(f, P "/lib/python3.12", "/extra");
	ps_tree_free(f);

	/* stdlib_dir (3.13+) is kept; pathconfig_warnings=0 silences the warnings */
	f = fx_new(13, "/t/bin/python3.13", "/home/me");
	ps_tree_xfile(f, "/t/bin/python3.13");
	ps_tree_file(f, "/s/encodings/__init__.py");
	f->in.embed.present = true;
	f->in.embed.use_environment = f->in.embed.site_import = -1;
	f->in.embed.user_site_directory = -1;
	f->in.embed.pathconfig_warnings = 0;
	f->in.embed.stdlib_dir = strdup("/s");
	ps_tree_run(f);
	NO_WARNINGS(f);
	MSP(f, P "/lib/python313.zip", "/s", P "/lib/python3.13/lib-dynload");
	assert_false(f->r.has_fatal);
	ps_tree_free(f);
}

/* An errno on any probe never crashes; ENOMEM ends in PS_ERR_NOMEM or a prediction. */
static void test_fault_injection(void **state)
{
	static const int errs[] = { EACCES, EIO, ENOENT, ELOOP, ENOTDIR, ENOMEM };
	(void)state;
	for (size_t e = 0; e < sizeof errs / sizeof errs[0]; e++) {
		for (long n = 1;; n++) {
			struct ps_tree *f = fx_new(12, "/v/bin/python", "/home/me");
			struct ps_faultfs ff;
			int rc;
			ps_tree_install(f, P, 3, 12);
			ps_tree_link(f, "/v/bin/python", P "/bin/python3.12");
			ps_tree_text(f, "/v/pyvenv.cfg", "home = " P "/bin\n");
			ps_tree_text(f, "/v/bin/python._pth", "../lib\nimport site\n");
			ps_faultfs_init(&ff, ps_tree_lower(f), n, errs[e]);
			rc = ps_tree_compute(f, &ff.fs);
			/* a prediction (maybe "error evaluating path"), or out of memory */
			if (rc != 0)
				assert_int_equal(f->err.code, PS_ERR_NOMEM);
			else
				assert_true(f->r.has_fatal || f->r.getpath.prefix);
			if (!ff.failures) {
				assert_int_equal(rc, 0);
				ps_tree_free(f);
				break;
			}
			ps_tree_free(f);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_install),
		cmocka_unit_test(test_path_search),
		cmocka_unit_test(test_relative_path_entry),
		cmocka_unit_test(test_executable_not_found),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_symlink_loop),
		cmocka_unit_test(test_pythonhome_nonexistent),
		cmocka_unit_test(test_pythonhome_halves),
		cmocka_unit_test(test_venv_symlinks),
		cmocka_unit_test(test_venv_copies),
		cmocka_unit_test(test_pyvenv_parsing),
		cmocka_unit_test(test_pyvenv_without_home),
		cmocka_unit_test(test_pyvenv_with_pythonhome),
		cmocka_unit_test(test_pyvenv_relative_home),
		cmocka_unit_test(test_too_large_files),
		cmocka_unit_test(test_builddir_not_a_directory),
		cmocka_unit_test(test_pth_full),
		cmocka_unit_test(test_pth_empty),
		cmocka_unit_test(test_pth_next_to_target),
		cmocka_unit_test(test_build_tree),
		cmocka_unit_test(test_pythonpath),
		cmocka_unit_test(test_platlibdir),
		cmocka_unit_test(test_landmarks),
		cmocka_unit_test(test_executable_overrides),
		cmocka_unit_test(test_env_flags),
		cmocka_unit_test(test_embedding),
		cmocka_unit_test(test_fault_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
