/*
 * test_getpath_c.c - the C getpath of 2.7 and 3.6-3.10 (engine/getpath_c.c)
 * over virtual trees.
 *
 * Expected values come from getpath-spec §2.B / §7 (cited by number) and
 * from the real interpreters of this machine (pyenv 2.7.18, 3.6.15,
 * 3.7.16, 3.8.18, 3.9.18, 3.10.13), run with env -i on the same layouts
 * built under /tmp (exec -a for argv[0]); probe orders from strace:
 *
 *   3.10: readlink bin/python3.10, open bin/pyvenv.cfg, open pyvenv.cfg,
 *         stat bin/Modules/Setup.local, stat bin/lib/python3.10/os.py,
 *         os.pyc, stat lib/python3.10/os.py, open bin/pybuilddir.txt,
 *         stat bin/lib/python3.10/lib-dynload, stat lib/python3.10/lib-dynload
 *   3.8:  the same with stat (not open) of pybuilddir.txt
 *   3.6/3.7: Modules/Setup instead of Modules/Setup.local
 *   2.7:  no pyvenv.cfg at all, Modules/Setup
 *
 *   PYTHONHOME=P: -S (3.10)  -> exec_prefix '/', last entry 'lib/python3.10/lib-dynload'
 *   PYTHONHOME=. in P (3.10) -> prefix '.', './lib/python310.zip' ...
 *   PYTHONHOME= (2.7)        -> prefix '/', 'lib/python27.zip' ... (set but empty)
 *   PYTHONHOME= (3.6)        -> abort 134 "Unable to get the locale encoding"
 *   PYTHONHOME=/nonexistent  -> 2.7 "ImportError: No module named site" rc 1;
 *                               3.6/3.7 abort 134; 3.8/3.9 dump, frame line
 *                               unindented; 3.10 indented
 *   argv0 loop/python -> python (3.9) "resolve_symlinks: maximum number of
 *       symbolic links reached" + "Python runtime state: preinitialized";
 *       3.10 "core initialized" + frame; 3.8 and older hang
 *   PYTHONNOUSERSITE=0 -> no_user_site 1 on 2.7/3.6, 0 on 3.7+
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

#define P "/opt/py"

/* A stdlib of the fixture's version under root (os.py, encodings, site.py, lib-dynload). */
static void stdlib(struct ps_tree *f, const char *root)
{
	ps_tree_stdlib(f, root, f->in.build.major, f->in.build.minor);
	ps_tree_filef(f, "%s/lib/python%d.%d/site.py", root, f->in.build.major, f->in.build.minor);
}

/* A make-install tree: bin/pythonM.m, bin/pythonM -> pythonM.m, the stdlib. */
static void install(struct ps_tree *f, const char *root)
{
	ps_tree_install(f, root, f->in.build.major, f->in.build.minor);
	ps_tree_filef(f, "%s/lib/python%d.%d/site.py", root, f->in.build.major, f->in.build.minor);
}

/* Python major.minor built with PREFIX=/opt/py, run as argv0 in cwd, HOME=/home/me. */
static struct ps_tree *fx_new(int major, int minor, const char *argv0, const char *cwd)
{
	struct ps_tree *f = ps_tree_new(PS_PLATFORM_POSIX, major, minor, argv0, cwd);
	ps_tree_posix_defaults(f, P, "/home/me");
	return f;
}

static void SYS(struct ps_tree *f, const char *exe, const char *prefix, const char *exec_prefix)
{
	assert_true(f->r.has_sys);
	assert_string_equal(f->r.sys.executable, exe);
	assert_string_equal(f->r.sys.prefix, prefix);
	assert_string_equal(f->r.sys.exec_prefix, exec_prefix);
}

/* ------------------------------------------------------------------ */

/* The strace order of a plain 3.10 install, and what it yields. */
static void test_plain_310_probe_order(void **state)
{
	struct ps_tree *f = fx_new(3, 10, P "/bin/python3.10", "/home/me");
	(void)state;
	install(f, P);
	f->in.flags.no_site = true;
	ps_tree_run(f);
	PROBES(f, "realpath " P "/bin/python3.10", "read " P "/bin/pyvenv.cfg", "read " P "/pyvenv.cfg",
	       "isfile " P "/bin/Modules/Setup.local", "isfile " P "/bin/lib/python3.10/os.py",
	       "isfile " P "/bin/lib/python3.10/os.pyc", "isfile " P "/lib/python3.10/os.py",
	       "read " P "/bin/pybuilddir.txt", "isdir " P "/bin/lib/python3.10/lib-dynload",
	       "isdir " P "/lib/python3.10/lib-dynload");
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", P "/lib/python3.10/lib-dynload");
	SYS(f, P "/bin/python3.10", P, P);
	assert_string_equal(f->r.sys.base_executable, P "/bin/python3.10");
	assert_string_equal(f->r.sys.base_prefix, P);
	assert_string_equal(f->r.getpath.platlibdir, "lib");
	NO_WARNINGS(f);
	/* entries carry origins */
	assert_int_equal(f->r.getpath.nentries, 3);
	assert_int_equal(f->r.getpath.entries[0].origin, PS_ORIGIN_STDLIB_ZIP);
	assert_int_equal(f->r.getpath.entries[1].origin, PS_ORIGIN_STDLIB);
	assert_int_equal(f->r.getpath.entries[2].origin, PS_ORIGIN_PLATSTDLIB);
	assert_non_null(strstr(f->r.getpath.entries[1].detail, "os.py"));
	ps_tree_free(f);
}

/* 3.8 stats pybuilddir.txt first; 3.6/3.7 use Modules/Setup; no _base_executable before 3.8. */
static void test_version_probe_differences(void **state)
{
	struct ps_tree *f = fx_new(3, 8, P "/bin/python3.8", "/home/me");
	(void)state;
	install(f, P);
	f->in.flags.no_site = true;
	ps_tree_run(f);
	PROBES(f, "realpath " P "/bin/python3.8", "read " P "/bin/pyvenv.cfg", "read " P "/pyvenv.cfg",
	       "isfile " P "/bin/Modules/Setup.local", "isfile " P "/bin/lib/python3.8/os.py",
	       "isfile " P "/bin/lib/python3.8/os.pyc", "isfile " P "/lib/python3.8/os.py",
	       "isfile " P "/bin/pybuilddir.txt", "isdir " P "/bin/lib/python3.8/lib-dynload",
	       "isdir " P "/lib/python3.8/lib-dynload");
	assert_null(f->r.getpath.platlibdir);
	ps_tree_free(f);

	f = fx_new(3, 7, P "/bin/python3.7", "/home/me");
	install(f, P);
	f->in.flags.no_site = true;
	ps_tree_run(f);
	PROBES(f, "realpath " P "/bin/python3.7", "read " P "/bin/pyvenv.cfg", "read " P "/pyvenv.cfg",
	       "isfile " P "/bin/Modules/Setup", "isfile " P "/bin/lib/python3.7/os.py",
	       "isfile " P "/bin/lib/python3.7/os.pyc", "isfile " P "/lib/python3.7/os.py",
	       "isfile " P "/bin/pybuilddir.txt", "isdir " P "/bin/lib/python3.7/lib-dynload",
	       "isdir " P "/lib/python3.7/lib-dynload");
	assert_null(f->r.sys.base_executable);
	assert_string_equal(f->r.sys.base_prefix, P);
	MSP(f, P "/lib/python37.zip", P "/lib/python3.7", P "/lib/python3.7/lib-dynload");
	ps_tree_free(f);
}

/* 2.7: no pyvenv.cfg, compile-time PYTHONPATH entries, no base_prefix (#53). */
static void test_27_plain_and_cfg_ignored(void **state)
{
	struct ps_tree *f = fx_new(2, 7, "/t/bin/python", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_xfile(f, "/t/bin/python");
	ps_tree_text(f, "/t/pyvenv.cfg", "home = /fh/bin\n");
	stdlib(f, "/fh");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	PROBES(f, "realpath /t/bin/python", "isfile /t/bin/Modules/Setup",
	       "isfile /t/bin/lib/python2.7/os.py", "isfile /t/bin/lib/python2.7/os.pyc",
	       "isfile /t/lib/python2.7/os.py", "isfile /t/lib/python2.7/os.pyc",
	       "isfile " P "/lib/python2.7/os.py", "isfile /t/bin/pybuilddir.txt",
	       "isdir /t/bin/lib/python2.7/lib-dynload", "isdir /t/lib/python2.7/lib-dynload",
	       "isdir " P "/lib/python2.7/lib-dynload");
	MSP(f, P "/lib/python27.zip", P "/lib/python2.7", P "/lib/python2.7/plat-linux2",
	    P "/lib/python2.7/lib-tk", P "/lib/python2.7/lib-old", P "/lib/python2.7/lib-dynload");
	SYS(f, "/t/bin/python", P, P);
	assert_null(f->r.sys.base_prefix);
	assert_null(f->r.sys.base_executable);
	assert_int_equal(f->r.getpath.entries[3].origin, PS_ORIGIN_MACRO);
	NO_WARNINGS(f);
	ps_tree_free(f);
}

/* #52: 3.6's compile-time PYTHONPATH ":" lists the stdlib twice. */
static void test_36_stdlib_twice(void **state)
{
	struct ps_tree *f = fx_new(3, 6, P "/bin/python3.6", "/home/me");
	(void)state;
	install(f, P);
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python36.zip", P "/lib/python3.6", P "/lib/python3.6",
	    P "/lib/python3.6/lib-dynload");
	ps_tree_free(f);
}

/* #3, #4, #5, #8, #66: PYTHONHOME forms on 3.10. */
static void test_pythonhome_forms(void **state)
{
	struct ps_tree *f = fx_new(3, 10, P "/bin/python3", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", P ":/x");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", "/x/lib/python3.10/lib-dynload");
	SYS(f, P "/bin/python3", P, "/x");
	NO_WARNINGS(f);
	ps_tree_free(f);

	f = fx_new(3, 10, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", P ":");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", "lib/python3.10/lib-dynload");
	SYS(f, P "/bin/python3", P, "/");
	ps_tree_free(f);

	/* ':' - relative entries, nothing under the cwd: fatal */
	f = fx_new(3, 10, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", ":");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output, "  sys.prefix = '/'\n"));
	assert_non_null(strstr(f->r.fatal.output, "    'lib/python310.zip',\n"));
	ps_tree_free(f);

	/* ... but from inside the prefix ':' works */
	f = fx_new(3, 10, P "/bin/python3", P);
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", ":");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	MSP(f, "lib/python310.zip", "lib/python3.10", "lib/python3.10/lib-dynload");
	ps_tree_free(f);

	f = fx_new(3, 10, P "/bin/python3", P);
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", ".");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, "./lib/python310.zip", "./lib/python3.10", "./lib/python3.10/lib-dynload");
	SYS(f, P "/bin/python3", ".", ".");
	ps_tree_free(f);

	f = fx_new(3, 10, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", P "/");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", P "/lib/python3.10/lib-dynload");
	SYS(f, P "/bin/python3", P, P);
	ps_tree_free(f);
}

/* #6: PYTHONHOME="" is unset from 3.7; 2.7 and 3.6 take it as set. */
static void test_empty_pythonhome(void **state)
{
	struct ps_tree *f = fx_new(3, 7, P "/bin/python3", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", "");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, P "/bin/python3", P, P);
	ps_tree_free(f);

	f = fx_new(2, 7, P "/bin/python2", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", "");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, "lib/python27.zip", "lib/python2.7", "lib/python2.7/plat-linux2", "lib/python2.7/lib-tk",
	    "lib/python2.7/lib-old", "lib/python2.7/lib-dynload");
	SYS(f, P "/bin/python2", "/", "/");
	ps_tree_free(f);

	f = fx_new(3, 6, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", "");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_int_equal(f->r.fatal.exit_status, 134);
	ps_tree_free(f);

	/* 2.7 also keeps an empty PYTHONPATH as a '' entry */
	f = fx_new(2, 7, P "/bin/python2", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONPATH", "");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	assert_string_equal(f->r.getpath.module_search_paths.v[0], "");
	assert_int_equal(f->r.getpath.module_search_paths.n, 7);
	ps_tree_free(f);
}

/* §7 #2 / S15: each version's exact fatal output. */
static void test_fatal_outputs(void **state)
{
	static const struct {
		int major, minor, status;
		const char *head, *tail;
	} want[] = {
		{ 2, 7, 1, "ImportError: No module named site\n", "site\n" },
		{ 3, 6, 134, "Fatal Python error: Py_Initialize: Unable to get the locale encoding\n"
			     "ModuleNotFoundError: No module named 'encodings'\n\nCurrent thread "
			     "0x0000000000000000 (most recent call first):\n", "first):\n" },
		{ 3, 7, 134, "Fatal Python error: initfsencoding: unable to load the file system "
			     "codec\n", "first):\n" },
		{ 3, 8, 1, "Python path configuration:\n  PYTHONHOME = '/nonexistent'\n",
		  "first):\n<no Python frame>\n" },
		{ 3, 9, 1, "Python path configuration:\n", "first):\n<no Python frame>\n" },
		{ 3, 10, 1, "Python path configuration:\n", "first):\n  <no Python frame>\n" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		char argv0[64];
		struct ps_tree *f;
		size_t n, t;
		snprintf(argv0, sizeof argv0, P "/bin/python%d.%d", want[i].major, want[i].minor);
		f = fx_new(want[i].major, want[i].minor, argv0, "/home/me");
		install(f, P);
		ps_tree_env(f, "PYTHONHOME", "/nonexistent");
		ps_tree_run(f);
		assert_true(f->r.has_fatal);
		assert_int_equal(f->r.fatal.exit_status, want[i].status);
		n = strlen(f->r.fatal.output);
		t = strlen(want[i].tail);
		assert_int_equal(strncmp(f->r.fatal.output, want[i].head, strlen(want[i].head)), 0);
		assert_true(n >= t);
		assert_string_equal(f->r.fatal.output + n - t, want[i].tail);
		if (want[i].minor == 9)
			assert_non_null(strstr(f->r.fatal.output, "  sys.platlibdir = 'lib'\n"));
		if (want[i].minor == 8)
			assert_null(strstr(f->r.fatal.output, "platlibdir"));
		ps_tree_free(f);
	}

	/* 2.7 starts without its stdlib under -S */
	{
		struct ps_tree *f = fx_new(2, 7, P "/bin/python2.7", "/home/me");
		install(f, P);
		ps_tree_env(f, "PYTHONHOME", "/nonexistent");
		f->in.flags.no_site = true;
		ps_tree_run(f);
		assert_false(f->r.has_fatal);
		MSP(f, "/nonexistent/lib/python27.zip", "/nonexistent/lib/python2.7",
		    "/nonexistent/lib/python2.7/plat-linux2", "/nonexistent/lib/python2.7/lib-tk",
		    "/nonexistent/lib/python2.7/lib-old", "/nonexistent/lib/python2.7/lib-dynload");
		ps_tree_free(f);
	}
}

/* pyvenv.cfg: the token parser (#14-#18), exe dir first. */
static void cfg_case(const char *where, const char *cfg, const char *want_prefix)
{
	struct ps_tree *f = fx_new(3, 10, "/t/bin/python", "/home/me");
	install(f, P);
	stdlib(f, "/fh");
	ps_tree_xfile(f, "/t/bin/python");
	ps_tree_text(f, where, cfg);
	f->in.flags.no_site = true;
	ps_tree_run(f);
	if (strcmp(f->r.sys.prefix, want_prefix) != 0)
		print_error("cfg %s: %s\n", where, cfg);
	SYS(f, "/t/bin/python", want_prefix, want_prefix);
	/* base_executable is sys.executable even in a venv (§2.B 10) */
	assert_string_equal(f->r.sys.base_executable, "/t/bin/python");
	ps_tree_free(f);
}

static void test_cfg_token_parser(void **state)
{
	(void)state;
	cfg_case("/t/pyvenv.cfg", "home = /fh/bin\n", "/fh");
	cfg_case("/t/bin/pyvenv.cfg", "home = /fh/bin\n", "/fh");
	cfg_case("/t/pyvenv.cfg", "home\t=\t/fh/bin\n", "/fh");
	cfg_case("/t/pyvenv.cfg", "home = /fh/bin\r\n", "/fh");
	cfg_case("/t/pyvenv.cfg", "# home = /nope\nversion = 3\nhome = /fh/bin\n", "/fh");
	cfg_case("/t/pyvenv.cfg", "  home = /fh/bin\n", "/fh");
	cfg_case("/t/pyvenv.cfg", "home=/fh/bin\n", P);          /* #14 */
	cfg_case("/t/pyvenv.cfg", "Home = /fh/bin\n", P);        /* #15 */
	cfg_case("/t/pyvenv.cfg", "version = 3\nhome = /fh/bin", P); /* #16 */
	cfg_case("/t/pyvenv.cfg", "home =  /fh/bin\n", P);       /* #17 */
	cfg_case("/t/pyvenv.cfg", "home = \nhome = /fh/bin\n", "/fh"); /* an empty value: next line */
	cfg_case("/t/pyvenv.cfg", "home =\nhome = /fh/bin\n", "/fh");
}

static void test_cfg_both_and_long_line(void **state)
{
	struct ps_tree *f = fx_new(3, 10, "/t/bin/python", "/home/me");
	struct ps_buf b;
	(void)state;
	/* #18: the exe dir's file wins, even with a useless home */
	install(f, P);
	stdlib(f, "/fh");
	ps_tree_xfile(f, "/t/bin/python");
	ps_tree_text(f, "/t/bin/pyvenv.cfg", "home = /nonexistent/bin\n");
	ps_tree_text(f, "/t/pyvenv.cfg", "home = /fh/bin\n");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, "/t/bin/python", P, P);
	ps_tree_free(f);

	/* #22 (3.10): a line longer than 8191 bytes stops the scan */
	ps_buf_init(&b);
	for (int i = 0; i < 9000; i++)
		ps_buf_addc(&b, '#');
	ps_buf_adds(&b, "\nhome = /fh/bin\n");
	cfg_case("/t/pyvenv.cfg", b.s, P);
	ps_buf_release(&b);
}

/* #21: a relative home is made absolute against the cwd by the climb. */
static void test_cfg_relative_home(void **state)
{
	struct ps_tree *f = fx_new(3, 9, "/t/bin/python", "/t");
	(void)state;
	install(f, P);
	stdlib(f, "/t/fh");
	ps_tree_xfile(f, "/t/bin/python");
	ps_tree_text(f, "/t/pyvenv.cfg", "home = fh/bin\n");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, "/t/bin/python", "/t/fh", "/t/fh");
	MSP(f, "/t/fh/lib/python39.zip", "/t/fh/lib/python3.9", "/t/fh/lib/python3.9/lib-dynload");
	ps_tree_free(f);
}

/* #37, #38: no normalisation of argv[0] nor of relative symlink targets. */
static void test_dotdot_residue(void **state)
{
	struct ps_tree *f = fx_new(3, 10, "./rt/bin/../bin/python3", "/t");
	(void)state;
	install(f, P);
	ps_tree_link(f, "/t/rt", P);
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, "/t/rt/bin/../bin/python3", "/t/rt/bin/..", "/t/rt/bin/..");
	ps_tree_free(f);

	f = fx_new(3, 8, "/r/R/bin/python3", "/home/me");
	install(f, "/r/T");
	ps_tree_link(f, "/r/R/bin/python3", "../../T/bin/python3");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, "/r/R/bin/python3", "/r/R/bin/../../T", "/r/R/bin/../../T");
	MSP(f, "/r/R/bin/../../T/lib/python38.zip", "/r/R/bin/../../T/lib/python3.8",
	    "/r/R/bin/../../T/lib/python3.8/lib-dynload");
	ps_tree_free(f);
}

/* #34, #36: PATH search, relative entries made absolute, not found -> ''. */
static void test_path_search(void **state)
{
	struct ps_tree *f = fx_new(3, 10, "python3", P);
	(void)state;
	install(f, P);
	ps_tree_env(f, "PATH", "bin:/usr/bin");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, P "/bin/python3", P, P);
	ps_tree_free(f);

	f = fx_new(3, 9, "zzpython", "/t");
	install(f, P);
	stdlib(f, "/t");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, "", "/t", "/t");
	/* with no executable, pyvenv.cfg is looked for in the cwd (twice: '' reduces to '') */
	PROBES(f, "isxfile /usr/bin/zzpython", "isxfile /bin/zzpython", "realpath ",
	       "read pyvenv.cfg", "read pyvenv.cfg", "isfile Modules/Setup.local",
	       "isfile /t/lib/python3.9/os.py", "read pybuilddir.txt",
	       "isdir /t/lib/python3.9/lib-dynload");
	ps_tree_free(f);
}

/* #41: the stdlib nowhere: three warnings, fallback lib-dynload without pythonM.m. */
static void test_nothing_found(void **state)
{
	struct ps_tree *f = fx_new(3, 8, "/t/bin/python3", "/home/me");
	(void)state;
	ps_tree_xfile(f, "/t/bin/python3");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	WARNINGS(f, "Could not find platform independent libraries <prefix>",
		 "Could not find platform dependent libraries <exec_prefix>",
		 "Consider setting $PYTHONHOME to <prefix>[:<exec_prefix>]");
	MSP(f, P "/lib/python38.zip", P "/lib/python3.8", P "/lib/lib-dynload");
	assert_true(f->r.has_fatal);
	assert_int_equal(strncmp(f->r.fatal.output, "Could not find platform independent", 35), 0);
	ps_tree_free(f);
}

/* #40: os.py without lib-dynload: prefix found, exec_prefix from EXEC_PREFIX, silent. */
static void test_mixed_install(void **state)
{
	struct ps_tree *f = fx_new(3, 10, "/t/bin/python3", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_xfile(f, "/t/bin/python3");
	ps_tree_file(f, "/t/lib/python3.10/os.py");
	ps_tree_file(f, "/t/lib/python3.10/encodings/__init__.py");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	SYS(f, "/t/bin/python3", "/t", P);
	NO_WARNINGS(f);
	ps_tree_free(f);
}

/* #42: PYTHONPLATLIBDIR from 3.9 (and under -E ignored); 3.8 does not know it. */
static void test_platlibdir(void **state)
{
	struct ps_tree *f = fx_new(3, 10, P "/bin/python3", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_env(f, "PYTHONPLATLIBDIR", "bogus");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/bogus/python310.zip", P "/bogus/python3.10", P "/bogus/lib-dynload");
	assert_int_equal(f->r.getpath.warnings.n, 3);
	assert_true(f->r.has_fatal);
	assert_non_null(strstr(f->r.fatal.output, "  sys.platlibdir = 'bogus'\n"));
	ps_tree_free(f);

	f = fx_new(3, 10, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONPLATLIBDIR", "bogus");
	f->in.flags.ignore_environment = true;
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", P "/lib/python3.10/lib-dynload");
	ps_tree_free(f);

	f = fx_new(3, 8, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONPLATLIBDIR", "bogus");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python38.zip", P "/lib/python3.8", P "/lib/python3.8/lib-dynload");
	ps_tree_free(f);
}

/* #44, #45 (<=3.10 forms): build directories. */
static void test_build_dirs(void **state)
{
	struct ps_tree *f = fx_new(3, 10, "/b/python", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_xfile(f, "/b/python");
	ps_tree_link(f, "/b/Lib", P "/lib/python3.10");
	ps_tree_text(f, "/b/pybuilddir.txt", "build/lib.linux");
	ps_tree_dir(f, "/b/build/lib.linux");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	/* no Modules/Setup.local: the stdlib from PREFIX, lib-dynload from the build dir */
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", "/b/build/lib.linux");
	SYS(f, "/b/python", P, P);
	assert_true(f->r.getpath.is_python_build);
	ps_tree_free(f);

	f = fx_new(3, 10, "/b/python", "/home/me");
	install(f, P);
	ps_tree_xfile(f, "/b/python");
	ps_tree_file(f, "/b/Modules/Setup.local");
	ps_tree_link(f, "/b/Lib", P "/lib/python3.10");
	ps_tree_text(f, "/b/pybuilddir.txt", "build/lib.linux\n");
	ps_tree_dir(f, "/b/build/lib.linux");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	/* the source Lib; the zip under PREFIX; the newline of pybuilddir.txt is kept */
	MSP(f, P "/lib/python310.zip", "/b/Lib", "/b/build/lib.linux\n");
	SYS(f, "/b/python", P, P);
	ps_tree_free(f);

	/* 2.7 and 3.6/3.7 know Modules/Setup, not Setup.local */
	f = fx_new(3, 7, "/b/python", "/home/me");
	install(f, P);
	ps_tree_xfile(f, "/b/python");
	ps_tree_file(f, "/b/Modules/Setup");
	ps_tree_link(f, "/b/Lib", P "/lib/python3.7");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, P "/lib/python37.zip", "/b/Lib", P "/lib/python3.7/lib-dynload");
	SYS(f, "/b/python", P, P);
	ps_tree_free(f);

	/* 3.9+: a directory named pybuilddir.txt opens and reads as empty */
	f = fx_new(3, 9, "/t/bin/python3", "/home/me");
	install(f, P);
	ps_tree_xfile(f, "/t/bin/python3");
	ps_tree_dir(f, "/t/bin/pybuilddir.txt");
	ps_tree_link(f, "/t/lib/python3.9", P "/lib/python3.9");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, "/t/lib/python39.zip", "/t/lib/python3.9", "/t/bin/");
	ps_tree_free(f);
}

/* #46: PYTHONPATH raw; entries keep their origin. */
static void test_pythonpath_raw(void **state)
{
	struct ps_tree *f = fx_new(3, 10, P "/bin/python3", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_env(f, "PYTHONPATH", "rel1::/abs2/../abs3:");
	f->in.flags.no_site = true;
	ps_tree_run(f);
	MSP(f, "rel1", "", "/abs2/../abs3", "", P "/lib/python310.zip", P "/lib/python3.10",
	    P "/lib/python3.10/lib-dynload");
	for (int i = 0; i < 4; i++)
		assert_int_equal(f->r.getpath.entries[i].origin, PS_ORIGIN_PYTHONPATH);
	assert_int_equal(f->r.getpath.entries[4].origin, PS_ORIGIN_STDLIB_ZIP);
	ps_tree_free(f);
}

/* The readlink loop: 3.9/3.10 stop after 40 links; 3.8 and older never start. */
static void test_symlink_loop(void **state)
{
	struct ps_tree *f = fx_new(3, 10, "/t/loop/python", "/home/me");
	(void)state;
	install(f, P);
	ps_tree_link(f, "/t/loop/python", "python");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_string_equal(f->r.fatal.output,
			    "Fatal Python error: resolve_symlinks: maximum number of symbolic links "
			    "reached\nPython runtime state: core initialized\n\nCurrent thread "
			    "0x0000000000000000 (most recent call first):\n  <no Python frame>\n");
	ps_tree_free(f);

	f = fx_new(3, 9, "/t/loop/python", "/home/me");
	install(f, P);
	ps_tree_link(f, "/t/loop/python", "python");
	ps_tree_run(f);
	assert_string_equal(f->r.fatal.output,
			    "Fatal Python error: resolve_symlinks: maximum number of symbolic links "
			    "reached\nPython runtime state: preinitialized\n\n");
	ps_tree_free(f);

	f = fx_new(3, 8, "/t/loop/python", "/home/me");
	install(f, P);
	ps_tree_link(f, "/t/loop/python", "python");
	ps_tree_run(f);
	assert_true(f->r.has_fatal);
	assert_null(f->r.fatal.output);
	assert_non_null(strstr(f->r.fatal.message, "hangs"));
	ps_tree_free(f);
}

/* Flags: PYTHONNOUSERSITE, -I (no -I in 2.7), -P / PYTHONSAFEPATH / ._pth ignored. */
static void test_flags_and_ignored_inputs(void **state)
{
	static const struct { int major, minor, no_user_site; } nus[] = {
		{ 2, 7, 1 }, { 3, 6, 1 }, { 3, 7, 0 }, { 3, 10, 0 },
	};
	struct ps_tree *f;
	(void)state;
	for (size_t i = 0; i < sizeof nus / sizeof nus[0]; i++) {
		char argv0[64];
		snprintf(argv0, sizeof argv0, P "/bin/python%d.%d", nus[i].major, nus[i].minor);
		f = fx_new(nus[i].major, nus[i].minor, argv0, "/home/me");
		install(f, P);
		ps_tree_env(f, "PYTHONNOUSERSITE", "0");
		f->in.flags.no_site = true;
		ps_tree_run(f);
		assert_int_equal(f->r.sys.flags.no_user_site, nus[i].no_user_site);
		ps_tree_free(f);
	}

	f = fx_new(3, 10, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONSAFEPATH", "1");
	ps_tree_env(f, "PYTHONEXECUTABLE", "/v/bin/python");
	ps_tree_env(f, "__PYVENV_LAUNCHER__", "/v/bin/python");
	ps_tree_file(f, P "/bin/python3._pth");
	f->in.flags.safe_path = true;
	f->in.flags.no_site = true;
	ps_tree_run(f);
	assert_int_equal(f->r.sys.flags.safe_path, 0);
	SYS(f, P "/bin/python3", P, P);
	assert_string_equal(f->r.sys.path.v[0], "");   /* path0 of -c: no safe_path before 3.11 */
	ps_tree_free(f);

	f = fx_new(3, 10, P "/bin/python3", "/home/me");
	install(f, P);
	ps_tree_env(f, "PYTHONHOME", "/nonexistent");
	f->in.flags.isolated = true;
	f->in.flags.no_site = true;
	ps_tree_run(f);
	assert_false(f->r.has_fatal);
	assert_int_equal(f->r.sys.flags.isolated, 1);
	assert_int_equal(f->r.sys.flags.ignore_environment, 1);
	MSP(f, P "/lib/python310.zip", P "/lib/python3.10", P "/lib/python3.10/lib-dynload");
	ps_tree_free(f);

	f = fx_new(2, 7, P "/bin/python2", "/home/me");
	install(f, P);
	f->in.flags.isolated = true;
	f->in.flags.no_site = true;
	ps_tree_run(f);
	assert_int_equal(f->r.sys.flags.isolated, 0);
	ps_tree_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_310_probe_order),
		cmocka_unit_test(test_version_probe_differences),
		cmocka_unit_test(test_27_plain_and_cfg_ignored),
		cmocka_unit_test(test_36_stdlib_twice),
		cmocka_unit_test(test_pythonhome_forms),
		cmocka_unit_test(test_empty_pythonhome),
		cmocka_unit_test(test_fatal_outputs),
		cmocka_unit_test(test_cfg_token_parser),
		cmocka_unit_test(test_cfg_both_and_long_line),
		cmocka_unit_test(test_cfg_relative_home),
		cmocka_unit_test(test_dotdot_residue),
		cmocka_unit_test(test_path_search),
		cmocka_unit_test(test_nothing_found),
		cmocka_unit_test(test_mixed_install),
		cmocka_unit_test(test_platlibdir),
		cmocka_unit_test(test_build_dirs),
		cmocka_unit_test(test_pythonpath_raw),
		cmocka_unit_test(test_symlink_loop),
		cmocka_unit_test(test_flags_and_ignored_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
