/*
 * test_path.c - path-string helpers against CPython's C getpath helpers.
 *
 * Where the expectations come from:
 *   - POSIX normpath: the output of the C function _Py_normpath itself, as
 *     exposed by posix._path_normpath in CPython 3.11.7 (3.12+ wrap it and
 *     turn "" into ".", 3.11 does not).  NOT os.path.normpath of older
 *     versions, which differs (e.g. it gives "." for "").
 *   - joinpath ".lib"/"xlib": spec §1.7 [E] and strace of
 *     `PYTHONHOME=x python3.13` (stat of "xlib/python313.zip").
 *   - getpath abspath: sys.path of `PYTHONPATH=../zz:./a/../b python3.11 -S`
 *     in /tmp/h1 is ['', '/tmp/h1/../zz', '/tmp/h1/b'], and in / with
 *     PYTHONPATH=x it is ['', '//x'].
 *   - dirname/basename/isabs/NT normpath: read off Modules/getpath.c and
 *     Python/fileutils.c (3.11+): dirname splits at the last SEP only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

#define POSIX PS_PLATFORM_POSIX
#define NT PS_PLATFORM_NT

struct pair {
	const char *in, *out;
};

static void check(char *got, const char *want, const char *what, const char *in)
{
	if (!got || strcmp(got, want) != 0) {
		print_error("%s(\"%s\"): got \"%s\", want \"%s\"\n", what, in, got ? got : "(null)",
			    want);
		free(got);
		fail();
	}
	free(got);
}

/* _Py_normpath outputs, from CPython 3.11.7's posix._path_normpath. */
static const struct pair posix_norm[] = {
	{ "", "" },
	{ ".", "." },
	{ "./", "" },
	{ "..", ".." },
	{ "../", ".." },
	{ "../..", "../.." },
	{ "/", "/" },
	{ "//", "//" },
	{ "///", "/" },
	{ "////a", "/a" },
	{ "//a", "//a" },
	{ "//a/", "//a" },
	{ "//a/..", "//" },
	{ "//..", "//" },
	{ "///a/..", "/" },
	{ "/..", "/" },
	{ "/../..", "/" },
	{ "/../a", "/a" },
	{ "/a/../..", "/" },
	{ "/a/b/../../..", "/" },
	{ "/./a", "/a" },
	{ "/a/./b/.", "/a/b" },
	{ "/a//b///c", "/a/b/c" },
	{ "/a/b/", "/a/b" },
	{ "a", "a" },
	{ "a/", "a" },
	{ "a/.", "a" },
	{ "a/..", "" },
	{ "a/../..", ".." },
	{ "a/../../b", "../b" },
	{ "./a", "a" },
	{ ".//a", "a" },
	{ "././a", "a" },
	{ "./..", ".." },
	{ "./../..", "../.." },
	{ ".//..", ".." },
	{ "x/../../y", "../y" },
	{ "...", "..." },
	{ ".../..", "" },
	{ ".a", ".a" },
	{ "..a/..", "" },
	{ "a/..b", "a/..b" },
	{ ".lib/python3.11", ".lib/python3.11" },
	{ "/usr/local/lib/python3.13/../../bin", "/usr/local/bin" },
	{ "a\\b/..", "" },            /* backslash is an ordinary character on POSIX */
	{ "/a/b/c/../../d", "/a/d" },
	{ "../a/../b", "../b" },
	{ "../../a/./b/..", "../../a" },
};

/* NT _Py_normpath, derived from Python/fileutils.c (MS_WINDOWS branches). */
static const struct pair nt_norm[] = {
	{ "", "" },
	{ "C:\\a\\b", "C:\\a\\b" },
	{ "C:/a/b", "C:\\a\\b" },                  /* ALTSEP becomes SEP */
	{ "C:\\a\\..\\..", "C:\\" },               /* ".." stops at the drive root */
	{ "C:\\", "C:\\" },
	{ "C:\\\\a\\\\", "C:\\a" },
	{ "C:", "C:" },
	{ "C:a\\..", "C:" },                       /* drive-relative */
	{ "C:..\\x", "C:..\\x" },                  /* first segment copied literally */
	{ "C:.\\a", "C:.\\a" },
	{ "\\\\server\\share\\a\\..\\..", "\\\\server\\share\\" },
	{ "//server/share/x", "\\\\server\\share\\x" },
	{ "\\\\server\\share", "\\\\server\\share" },
	{ "\\\\server", "\\\\server" },
	{ "\\a\\..\\..", "\\" },
	{ ".\\a\\b", "a\\b" },
	{ "./a/../..", ".." },
	{ "a\\b\\..\\c\\", "a\\c" },
	{ "..\\..\\x", "..\\..\\x" },
};

static void test_normpath_posix(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(posix_norm) / sizeof(posix_norm[0]); i++)
		check(ps_path_normpath(POSIX, posix_norm[i].in), posix_norm[i].out, "normpath",
		      posix_norm[i].in);
	/* darwin has the POSIX flavour */
	check(ps_path_normpath(PS_PLATFORM_DARWIN, "//a/../b/"), "//b", "normpath", "//a/../b/");
	assert_null(ps_path_normpath(POSIX, NULL));
}

static void test_normpath_nt(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(nt_norm) / sizeof(nt_norm[0]); i++)
		check(ps_path_normpath(NT, nt_norm[i].in), nt_norm[i].out, "nt normpath",
		      nt_norm[i].in);
}

static void test_dirname_basename(void **state)
{
	static const struct { const char *in, *dir, *base; } cases[] = {
		{ "/usr/bin/python3", "/usr/bin", "python3" },
		{ "/x", "", "x" },            /* spec §1.7: dirname('/x') == '' */
		{ "/", "", "" },
		{ "", "", "" },
		{ "python3", "", "python3" },
		{ "a/b/", "a/b", "" },
		{ "bin/python3", "bin", "python3" },
		{ "//x", "/", "x" },
		{ "a\\b", "", "a\\b" },       /* not a separator on POSIX */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check(ps_path_dirname(POSIX, cases[i].in), cases[i].dir, "dirname", cases[i].in);
		check(ps_path_basename(POSIX, cases[i].in), cases[i].base, "basename", cases[i].in);
	}
	/* NT: getpath_dirname searches SEP ('\\') only, like the 3.11+ C helper */
	check(ps_path_dirname(NT, "C:\\Python\\python.exe"), "C:\\Python", "dirname", "nt");
	check(ps_path_basename(NT, "C:\\Python\\python.exe"), "python.exe", "basename", "nt");
	check(ps_path_dirname(NT, "C:\\x"), "C:", "dirname", "C:\\x");
	check(ps_path_dirname(NT, "C:/a/b"), "", "dirname", "C:/a/b");
	check(ps_path_basename(NT, "a\\b/c"), "b/c", "basename", "a\\b/c");
}

static void test_isabs(void **state)
{
	(void)state;
	assert_true(ps_path_isabs(POSIX, "/"));
	assert_true(ps_path_isabs(POSIX, "/a"));
	assert_true(ps_path_isabs(POSIX, "//a"));
	assert_false(ps_path_isabs(POSIX, ""));
	assert_false(ps_path_isabs(POSIX, "a/b"));
	assert_false(ps_path_isabs(POSIX, "./a"));
	assert_false(ps_path_isabs(POSIX, "C:\\a"));
	assert_false(ps_path_isabs(POSIX, NULL));
	assert_true(ps_path_isabs(PS_PLATFORM_DARWIN, "/a"));
	assert_true(ps_path_isabs(NT, "C:\\x"));
	assert_true(ps_path_isabs(NT, "c:/x"));
	assert_true(ps_path_isabs(NT, "C:\\"));
	assert_true(ps_path_isabs(NT, "\\\\server\\share"));
	assert_true(ps_path_isabs(NT, "//server/share"));
	assert_true(ps_path_isabs(NT, "\\\\?\\C:\\x"));
	assert_false(ps_path_isabs(NT, "\\x"));        /* root of the current drive */
	assert_false(ps_path_isabs(NT, "C:x"));        /* drive-relative */
	assert_false(ps_path_isabs(NT, "C:"));
	assert_false(ps_path_isabs(NT, "x"));
	assert_false(ps_path_isabs(NT, ""));
	assert_false(ps_path_isabs(NT, "\\\\"));
}

static void test_joinpath_posix(void **state)
{
	const char *four[] = { "/usr", NULL, "lib", "python3.12" };
	const char *abs_later[] = { "/a", "b", "/c", "d" };
	const char *none[] = { NULL, NULL };
	const char *empties[] = { "", "", "x" };

	(void)state;
	check(ps_path_join2(POSIX, "/usr/local", "lib/python3.12"), "/usr/local/lib/python3.12",
	      "join", "1");
	check(ps_path_join2(POSIX, "/usr/local/", "lib"), "/usr/local/lib", "join", "2");
	check(ps_path_join2(POSIX, "/usr", "/opt"), "/opt", "join", "abs part");
	check(ps_path_join2(POSIX, "/", "lib"), "/lib", "join", "root");
	check(ps_path_join2(POSIX, "/a/b", "../c"), "/a/c", "join", "normalised");
	check(ps_path_join2(POSIX, "/a", "../../.."), "/", "join", "above root");
	check(ps_path_join2(POSIX, "bin", ".."), "", "join", "to nothing");
	check(ps_path_join2(POSIX, "../x", "../../y"), "../../y", "join", "relative ..");
	/* spec §1.7 [E]: PYTHONHOME=. gives .lib/python3.X; "./" works */
	check(ps_path_join2(POSIX, ".", "lib/python3.13"), ".lib/python3.13", "join", ".");
	check(ps_path_join2(POSIX, "./", "lib/python3.13"), "lib/python3.13", "join", "./");
	/* strace of PYTHONHOME=x python3.13: any one-character prefix is glued on */
	check(ps_path_join2(POSIX, "x", "lib/python313.zip"), "xlib/python313.zip", "join", "x");
	check(ps_path_join2(POSIX, "xy", "lib"), "xy/lib", "join", "xy");
	check(ps_path_join3(POSIX, ".", "a", "b"), ".a/b", "join3", ".");
	check(ps_path_join3(POSIX, "/p", "lib", "python3.12"), "/p/lib/python3.12", "join3", "p");
	check(ps_path_join3(POSIX, NULL, "a", NULL), "a", "join3", "None skipped");
	check(ps_path_joinv(POSIX, 4, four), "/usr/lib/python3.12", "joinv", "None inside");
	check(ps_path_joinv(POSIX, 4, abs_later), "/c/d", "joinv", "last abs wins");
	check(ps_path_joinv(POSIX, 2, none), "", "joinv", "all None");
	check(ps_path_joinv(POSIX, 0, NULL), "", "joinv", "no parts");
	check(ps_path_joinv(POSIX, 3, empties), "x", "joinv", "empty parts");
	check(ps_path_join2(POSIX, "ab", ""), "ab", "join", "empty last");
	check(ps_path_join2(POSIX, "//srv", "x"), "//srv/x", "join", "two slashes kept");
}

static void test_joinpath_nt(void **state)
{
	(void)state;
	check(ps_path_join2(NT, "C:\\Python312", "Lib"), "C:\\Python312\\Lib", "nt join", "1");
	check(ps_path_join2(NT, "C:\\Python312\\", "DLLs"), "C:\\Python312\\DLLs", "nt join", "2");
	check(ps_path_join2(NT, "C:\\a", "D:\\b"), "D:\\b", "nt join", "abs");
	check(ps_path_join2(NT, "C:/a", "b/c"), "C:\\a\\b\\c", "nt join", "altsep");
	check(ps_path_join2(NT, "C:\\a\\b", "\\x"), "C:\\x", "nt join", "root-relative");
	check(ps_path_join2(NT, ".", "Lib"), "Lib", "nt join", "no .lib quirk");
	check(ps_path_join2(NT, "C:\\a", "..\\..\\b"), "C:\\b", "nt join", "..");
}

static void test_abspath(void **state)
{
	(void)state;
	/* os.path.abspath */
	check(ps_path_abspath(POSIX, "/tmp/h1", "../zz"), "/tmp/zz", "abspath", "../zz");
	check(ps_path_abspath(POSIX, "/tmp/h1", ""), "/tmp/h1", "abspath", "");
	check(ps_path_abspath(POSIX, "/tmp/h1", "."), "/tmp/h1", "abspath", ".");
	check(ps_path_abspath(POSIX, "/tmp/h1/", "a//b/"), "/tmp/h1/a/b", "abspath", "a//b/");
	check(ps_path_abspath(POSIX, "/tmp", "/x/./y"), "/x/y", "abspath", "abs");
	check(ps_path_abspath(POSIX, "/", "a"), "/a", "abspath", "root cwd");
	check(ps_path_abspath(POSIX, "/", ".."), "/", "abspath", "root ..");
	/* getpath's C abspath: normalises the argument only */
	check(ps_path_getpath_abspath(POSIX, "/tmp/h1", "../zz"), "/tmp/h1/../zz", "gabspath",
	      "../zz");
	check(ps_path_getpath_abspath(POSIX, "/tmp/h1", "./a/../b"), "/tmp/h1/b", "gabspath",
	      "./a/../b");
	check(ps_path_getpath_abspath(POSIX, "/tmp/h1", "."), "/tmp/h1", "gabspath", ".");
	check(ps_path_getpath_abspath(POSIX, "/tmp/h1", ""), "/tmp/h1", "gabspath", "");
	check(ps_path_getpath_abspath(POSIX, "/tmp/h1", "a/.."), "/tmp/h1", "gabspath", "a/..");
	check(ps_path_getpath_abspath(POSIX, "/tmp/h1", "/x//y/.."), "/x", "gabspath", "abs");
	/* python3.11 -S in / with PYTHONPATH=x: sys.path[1] == '//x' */
	check(ps_path_getpath_abspath(POSIX, "/", "x"), "//x", "gabspath", "cwd /");
	/* NT */
	check(ps_path_abspath(NT, "C:\\work", "a\\..\\b"), "C:\\work\\b", "nt abspath", "rel");
	check(ps_path_abspath(NT, "C:\\work", "\\x"), "C:\\x", "nt abspath", "root-rel");
	check(ps_path_abspath(NT, "C:\\work", "c:x"), "C:\\work\\x", "nt abspath", "same drive");
	check(ps_path_abspath(NT, "C:\\work", "D:x"), "D:\\x", "nt abspath", "other drive");
	check(ps_path_abspath(NT, "C:\\work", "D:\\y\\..\\z"), "D:\\z", "nt abspath", "abs");
	check(ps_path_getpath_abspath(NT, "C:\\work", "."), "C:\\work", "nt gabspath", ".");
	check(ps_path_getpath_abspath(NT, "C:\\work", "..\\x"), "C:\\x", "nt gabspath", "..");
}

static void test_concat(void **state)
{
	(void)state;
	check(ps_path_concat(POSIX, "/usr/bin/..", "lib"), "/usr/bin/../lib", "concat", "no norm");
	check(ps_path_concat(POSIX, "/usr/", "lib"), "/usr/lib", "concat", "trailing sep");
	check(ps_path_concat(POSIX, "", "lib"), "lib", "concat", "empty a");
	check(ps_path_concat(POSIX, ".", "lib"), "./lib", "concat", "dot");
	check(ps_path_concat(POSIX, "/a", "/b"), "/b", "concat", "abs b");
	check(ps_path_concat(POSIX, "a", ""), "a/", "concat", "empty b");
	check(ps_path_concat(NT, "C:\\P", "Lib"), "C:\\P\\Lib", "concat", "nt");
}

static void test_equal_platform(void **state)
{
	enum ps_platform p;

	(void)state;
	assert_true(ps_path_equal(POSIX, "/a/B", "/a/B"));
	assert_false(ps_path_equal(POSIX, "/a/B", "/a/b"));
	assert_true(ps_path_equal(NT, "C:\\Python\\X.EXE", "c:\\python\\x.exe"));
	assert_false(ps_path_equal(NT, "C:\\a", "C:\\b"));
	assert_true(ps_path_equal(POSIX, NULL, NULL));
	assert_false(ps_path_equal(POSIX, "a", NULL));
	assert_int_equal(ps_path_sep(POSIX), '/');
	assert_int_equal(ps_path_sep(NT), '\\');
	assert_int_equal(ps_path_delim(PS_PLATFORM_DARWIN), ':');
	assert_int_equal(ps_path_delim(NT), ';');
	assert_string_equal(ps_platform_name(POSIX), "posix");
	assert_string_equal(ps_platform_name(PS_PLATFORM_DARWIN), "darwin");
	assert_string_equal(ps_platform_name(NT), "nt");
	assert_int_equal(ps_platform_parse("nt", &p), 0);
	assert_int_equal(p, NT);
	assert_int_equal(ps_platform_parse("darwin", &p), 0);
	assert_int_equal(p, PS_PLATFORM_DARWIN);
	assert_int_equal(ps_platform_parse("posix", &p), 0);
	assert_int_equal(p, POSIX);
	assert_int_equal(ps_platform_parse("vms", &p), -1);
	assert_int_equal(ps_platform_parse(NULL, &p), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normpath_posix),
		cmocka_unit_test(test_normpath_nt),
		cmocka_unit_test(test_dirname_basename),
		cmocka_unit_test(test_isabs),
		cmocka_unit_test(test_joinpath_posix),
		cmocka_unit_test(test_joinpath_nt),
		cmocka_unit_test(test_abspath),
		cmocka_unit_test(test_concat),
		cmocka_unit_test(test_equal_platform),
	};
	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
