/*
 * test_fs.c - the ps_fs_* helpers (fs.c) over the virtual tree, with
 * CPython's semantics, and their error paths through helper_faultfs.
 *
 * Sources of the expectations:
 *   - realpath_final: Modules/getpath.c getpath_realpath (3.11+) and an
 *     strace of /h1py -> root/.pyenv/versions/3.13.0/bin/python3.13 run
 *     from / (getpath continued with the relative "root/.pyenv/...").
 *   - realpath_full: os.path.realpath of CPython 3.12.1 on the same tree
 *     built on disk under a temporary root (values printed without it).
 *   - read_lines: getpath_readlines in Modules/getpath.c.
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
	struct ps_fs fs;
};

static void add(struct ps_vfs *v, const char *p, enum ps_ftype t, const char *content,
		const char *link)
{
	struct ps_error e;

	ps_error_init(&e);
	if (ps_vfs_add(v, p, t, t == PS_FT_FILE && content && !strcmp(content, "ELF"), content,
		       content ? strlen(content) : 0, link, 0, &e) != 0) {
		print_error("add %s: %s\n", p, e.msg);
		fail();
	}
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char name[32], target[32];
	int i;

	if (!f)
		return -1;
	f->v = ps_vfs_new(PS_PLATFORM_POSIX);
	if (!f->v)
		return -1;
	ps_vfs_fs(f->v, &f->fs);
	f->fs.cwd = "/home/u";
	add(f->v, "/opt/py/bin/python3.12", PS_FT_FILE, "ELF", NULL);
	add(f->v, "/opt/py/bin/python3", PS_FT_LINK, NULL, "python3.12");
	add(f->v, "/usr/bin/python3", PS_FT_LINK, NULL, "../../opt/py/bin/python3");
	add(f->v, "/usr/dlink", PS_FT_LINK, NULL, "/opt/py");
	add(f->v, "/loop1", PS_FT_LINK, NULL, "loop2");
	add(f->v, "/loop2", PS_FT_LINK, NULL, "/loop1");
	add(f->v, "/d/la", PS_FT_LINK, NULL, "lb");
	add(f->v, "/d/lb", PS_FT_LINK, NULL, "/d/la");
	add(f->v, "/home/u/here", PS_FT_LINK, NULL, "../usr/dlink");   /* dangles: /home/usr */
	add(f->v, "/home/u/ok", PS_FT_LINK, NULL, "../../usr/dlink");
	add(f->v, "/py", PS_FT_LINK, NULL, "opt/py/bin/python3.12");
	add(f->v, "/a/py", PS_FT_LINK, NULL, "x");
	add(f->v, "/home/u/a/py", PS_FT_LINK, NULL, "x");
	add(f->v, "/home/u/py", PS_FT_LINK, NULL, "py3");
	add(f->v, "/etc/text", PS_FT_FILE, "a\r\r\nb\n\nc\r", NULL);
	/* chains of links: /c40/l0 needs 40 readlinks, /c40/l1 39 */
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "/c40/l%d", i);
		snprintf(target, sizeof(target), "l%d", i + 1);
		add(f->v, name, PS_FT_LINK, NULL, target);
	}
	add(f->v, "/c40/l40", PS_FT_FILE, "end", NULL);
	assert_int_equal(ps_vfs_add(f->v, "/locked/python3", PS_FT_LINK, false, NULL, 0, "x", 0,
				    NULL), 0);
	assert_int_equal(ps_vfs_add(f->v, "/locked", PS_FT_DIR, false, NULL, 0, NULL,
				    PS_VFS_MODE_EXACT, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	ps_vfs_free(f->v);
	free(f);
	return 0;
}

static void expect_final(const struct ps_fs *fs, const char *in, int rc, const char *want)
{
	char *out = (char *)1;
	int got = ps_fs_realpath_final(fs, in, &out);

	if (got != rc || (want && (!out || strcmp(out, want) != 0)) || (!want && out)) {
		print_error("realpath_final(%s): rc %d out %s; want rc %d out %s\n", in, got,
			    out ? out : "(null)", rc, want ? want : "(null)");
		free(out);
		fail();
	}
	free(out);
}

static void test_realpath_final(void **state)
{
	struct fx *f = *state;

	expect_final(&f->fs, "/usr/bin/python3", 0, "/opt/py/bin/python3.12");
	expect_final(&f->fs, "/opt/py/bin/python3.12", 0, "/opt/py/bin/python3.12");
	/* directory links are left alone (spec §1.7 [E]) */
	expect_final(&f->fs, "/usr/dlink/bin/python3", 0, "/usr/dlink/bin/python3.12");
	/* a missing path, or one below an unsearchable directory, comes back unchanged */
	expect_final(&f->fs, "/nope/python3", 0, "/nope/python3");
	expect_final(&f->fs, "/locked/python3", 0, "/locked/python3");
	/* dirname("/py") is "": the target stays relative (strace, 3.13) */
	expect_final(&f->fs, "/py", 0, "opt/py/bin/python3.12");
	/* "/a" is longer than one character: a separator is added */
	expect_final(&f->fs, "/a/py", 0, "/a/x");
	/* one-character directory "a": join_relfile adds no separator */
	expect_final(&f->fs, "a/py", 0, "ax");
	/* no separator at all: the path is its own directory */
	expect_final(&f->fs, "py", 0, "py/py3");
	/*
	 * relative paths are probed against fs->cwd but returned relative; "here"
	 * has no SEP, so its target is joined below it: "here/../usr/dlink" is
	 * normalised to "usr/dlink", which is no link (ENOENT): the chain stops
	 */
	expect_final(&f->fs, "here", 0, "usr/dlink");
	/* "./ok": the directory "." is one character, so "." + "../../usr/dlink" */
	expect_final(&f->fs, "./ok", 0, "usr/dlink");
	expect_final(&f->fs, "/home/u/ok", 0, "/opt/py");
	/* at the root the relative "loop2" is left relative, and is not found in the cwd */
	expect_final(&f->fs, "/loop1", 0, "loop2");
	expect_final(&f->fs, "/d/la", ELOOP, NULL);
	expect_final(&f->fs, "/c40/l1", 0, "/c40/l40");    /* 39 readlinks */
	expect_final(&f->fs, "/c40/l0", ELOOP, NULL);      /* the 40th readlink is too many */
}

static void expect_full(const struct ps_fs *fs, const char *in, const char *want)
{
	char *out = NULL;

	assert_int_equal(ps_fs_realpath_full(fs, in, &out), 0);
	if (!out || strcmp(out, want) != 0) {
		print_error("realpath_full(%s): %s, want %s\n", in, out ? out : "(null)", want);
		free(out);
		fail();
	}
	free(out);
}

static void test_realpath_full(void **state)
{
	struct fx *f = *state;

	/* os.path.realpath of CPython 3.12.1, cwd /home/u */
	expect_full(&f->fs, "/usr/bin/python3", "/opt/py/bin/python3.12");
	expect_full(&f->fs, "/usr/dlink/bin/python3", "/opt/py/bin/python3.12");
	expect_full(&f->fs, "/usr/dlink/../x", "/opt/x");
	expect_full(&f->fs, "/usr/dlink/missing/../y", "/opt/py/y");
	expect_full(&f->fs, "/loop1/x", "/loop1/x");
	expect_full(&f->fs, "/loop1", "/loop1");
	expect_full(&f->fs, "here/bin", "/home/usr/dlink/bin");
	expect_full(&f->fs, "here/../bin", "/home/usr/bin");
	expect_full(&f->fs, "../../usr/dlink/bin", "/opt/py/bin");
	expect_full(&f->fs, "nothere/a/..", "/home/u/nothere");
	expect_full(&f->fs, "/usr/./bin//python3/", "/opt/py/bin/python3.12");
	expect_full(&f->fs, ".", "/home/u");
}

static void test_cwd_and_probes(void **state)
{
	struct fx *f = *state;
	struct ps_fs fs = f->fs;
	struct ps_stat st;

	assert_false(ps_fs_exists(&fs, "here"));              /* -> /home/usr/dlink: dangles */
	assert_int_equal(ps_fs_lstat(&fs, "here", &st), 0);
	assert_true(ps_fs_exists(&fs, "ok"));                 /* /home/u/ok -> /opt/py */
	assert_true(ps_fs_isdir(&fs, "ok/bin"));
	assert_true(ps_fs_isfile(&fs, "ok/../py/bin/python3.12"));   /* kernel "..": /opt */
	assert_true(ps_fs_isxfile(&fs, "/usr/bin/python3"));
	assert_false(ps_fs_isxfile(&fs, "/c40/l40"));
	assert_false(ps_fs_exists(&fs, ""));
	assert_false(ps_fs_isdir(&fs, "/loop1"));
	assert_int_equal(ps_fs_stat(&fs, "", &st), ENOENT);
	fs.cwd = "/home/u/";                                   /* trailing separator */
	assert_true(ps_fs_exists(&fs, "ok"));
	fs.cwd = NULL;                                         /* the vfs then starts at "/" */
	assert_false(ps_fs_exists(&fs, "ok"));
	assert_true(ps_fs_exists(&fs, "home/u/ok"));
}

static void expect_lines(const struct ps_fs *fs, const char *path, const char *const *want,
			 size_t n)
{
	struct ps_strv lines;
	size_t i;

	ps_strv_init(&lines);
	assert_int_equal(ps_fs_read_lines(fs, path, 32768, &lines), 0);
	assert_int_equal(lines.n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(lines.v[i], want[i]);
	ps_strv_release(&lines);
}

static void test_read_lines(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	struct ps_strv lines;
	static const char *const t1[] = { "a", "b", "", "c\r" };
	static const char *const t2[] = { "" };
	static const char *const t3[] = { "home = /usr/bin", "x=1" };
	static const char *const t4[] = { "a", "b" };
	static const char *const t5[] = { "\xff\xfe", "\xc3\xa9" };
	char big[100];

	(void)state;
	ps_vfs_fs(v, &fs);
	ps_strv_init(&lines);
	add(v, "/t1", PS_FT_FILE, "a\r\r\nb\n\nc\r", NULL);
	add(v, "/t2", PS_FT_FILE, "\n", NULL);
	add(v, "/t3", PS_FT_FILE, "home = /usr/bin\r\nx=1", NULL);
	assert_int_equal(ps_vfs_add(v, "/t4", PS_FT_FILE, false, "a\nb\0c\n", 6, NULL, 0, NULL), 0);
	add(v, "/t5", PS_FT_FILE, "\xff\xfe\n\xc3\xa9\n", NULL);
	add(v, "/empty", PS_FT_FILE, "", NULL);
	add(v, "/dir/x", PS_FT_FILE, "", NULL);
	expect_lines(&fs, "/t1", t1, 4);  /* all '\r' of a terminated line go; the last keeps its */
	expect_lines(&fs, "/t2", t2, 1);
	expect_lines(&fs, "/t3", t3, 2);
	expect_lines(&fs, "/t4", t4, 2);  /* a NUL ends the text: "b" is an unterminated line */
	expect_lines(&fs, "/t5", t5, 2);  /* undecodable bytes are kept */
	expect_lines(&fs, "/empty", NULL, 0);
	expect_lines(&fs, "/dir", NULL, 0);
	/* the buffer of `limit` bytes must not fill: 32 KiB exactly is too large */
	memset(big, 'x', sizeof(big));
	assert_int_equal(ps_vfs_add(v, "/big", PS_FT_FILE, false, big, 100, NULL, 0, NULL), 0);
	assert_int_equal(ps_fs_read_lines(&fs, "/big", 100, &lines), EFBIG);
	assert_int_equal(ps_fs_read_lines(&fs, "/big", 99, &lines), EFBIG);
	assert_int_equal(lines.n, 0);
	assert_int_equal(ps_fs_read_lines(&fs, "/big", 101, &lines), 0);
	assert_int_equal(lines.n, 1);
	assert_int_equal(ps_fs_read_lines(&fs, "/nope", 100, &lines), ENOENT);
	assert_int_equal(lines.n, 1);    /* appended to, never cleared */
	ps_strv_release(&lines);
	ps_vfs_free(v);
}

static void test_faults(void **state)
{
	struct fx *f = *state;
	struct ps_faultfs ff;
	struct ps_strv lines;
	char *out;
	long n;
	int rc;

	ps_strv_init(&lines);
	/* a failing read is reported as such, and nothing is appended */
	ps_faultfs_init(&ff, &f->fs, 1, EACCES);
	assert_int_equal(ps_fs_read_lines(&ff.fs, "/etc/text", 100, &lines), EACCES);
	assert_int_equal(lines.n, 0);
	assert_int_equal(ff.calls, 1);
	assert_int_equal(ff.failures, 1);
	assert_int_equal(ps_fs_read_lines(&ff.fs, "/etc/text", 100, &lines), 0);  /* 2nd: ok */
	assert_int_equal(lines.n, 4);
	/* only the selected ops count */
	ps_faultfs_init(&ff, &f->fs, 1, EIO);
	ps_faultfs_set_ops(&ff, PS_FAULT_READ);
	assert_true(ps_fs_isfile(&ff.fs, "/etc/text"));
	assert_int_equal(ff.calls, 0);
	/* a readlink failing mid-chain ends the chain there, like any readlink error */
	ps_faultfs_init(&ff, &f->fs, 2, EIO);
	assert_int_equal(ps_fs_realpath_final(&ff.fs, "/usr/bin/python3", &out), 0);
	assert_string_equal(out, "/opt/py/bin/python3");
	free(out);
	/* ENOMEM is passed on */
	ps_faultfs_init(&ff, &f->fs, 1, ENOMEM);
	assert_int_equal(ps_fs_realpath_final(&ff.fs, "/usr/bin/python3", &out), ENOMEM);
	assert_null(out);
	/* persistent faults with a path filter */
	ps_faultfs_init(&ff, &f->fs, 1, EACCES);
	ff.persistent = true;
	ff.path_match = "/opt/";
	assert_true(ps_fs_exists(&ff.fs, "/usr/bin"));
	assert_false(ps_fs_exists(&ff.fs, "/opt/py"));
	assert_false(ps_fs_exists(&ff.fs, "/opt/py/bin"));
	assert_int_equal(ff.failures, 2);
	/* every call of realpath_full fails in turn: no crash, no leak, a result or ENOMEM */
	for (n = 1; n < 100; n++) {
		ps_faultfs_init(&ff, &f->fs, n, ENOMEM);
		rc = ps_fs_realpath_full(&ff.fs, "ok/../py/bin/python3", &out);
		assert_true(rc == 0 || rc == ENOMEM);
		free(out);
		if (!ff.failures)
			break;
	}
	assert_true(n > 3);
	ps_strv_release(&lines);
}

static void test_nt_helpers(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_NT);
	struct ps_fs fs = { 0 };
	char *out;

	(void)state;
	ps_vfs_fs(v, &fs);
	fs.cwd = "C:\\work";
	add(v, "C:\\Python312\\python.exe", PS_FT_FILE, "MZ", NULL);
	add(v, "C:\\Python312\\python.EXE.txt", PS_FT_FILE, "", NULL);
	add(v, "C:\\work\\Lib", PS_FT_DIR, NULL, NULL);
	add(v, "C:\\venv\\python.exe", PS_FT_LINK, NULL, "..\\Python312\\python.exe");
	assert_true(ps_fs_isxfile(&fs, "C:\\Python312\\python.exe"));
	assert_true(ps_fs_isxfile(&fs, "C:\\Python312\\PYTHON.EXE"));
	assert_false(ps_fs_isxfile(&fs, "C:\\Python312\\python.EXE.txt"));
	assert_false(ps_fs_isxfile(&fs, "C:\\Python312"));
	assert_true(ps_fs_isfile(&fs, "C:\\Python312\\python.EXE.txt"));
	assert_true(ps_fs_isdir(&fs, "Lib"));
	assert_int_equal(ps_fs_realpath_final(&fs, "C:\\venv\\python.exe", &out), 0);
	assert_string_equal(out, "C:\\Python312\\python.exe");
	free(out);
	ps_vfs_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_realpath_final),
		cmocka_unit_test(test_realpath_full),
		cmocka_unit_test(test_cwd_and_probes),
		cmocka_unit_test(test_read_lines),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_nt_helpers),
	};
	return cmocka_run_group_tests_name("fs", tests, setup, teardown);
}
