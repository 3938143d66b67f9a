/*
 * test_fs_posix.c - the real backend, in a private mkdtemp directory that
 * is removed afterwards (the only unit test touching the disk).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "engine.h"

static char root[64];

static void mkfile(const char *rel, const char *content, mode_t mode)
{
	char p[512];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	chmod(p, mode);
}

static void mkd(const char *rel)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void mkl(const char *rel, const char *target)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(symlink(target, p), 0);
}

static int setup(void **state)
{
	(void)state;
	strcpy(root, "/tmp/ps-fs-posix-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	mkd("bin");
	mkd("lib");
	mkfile("bin/python3.12", "#!exe\n", 0755);
	mkfile("lib/os.py", "a\r\nb\n\nc", 0644);
	mkl("bin/python3", "python3.12");
	mkl("bin/python", "python3");
	mkl("abs", "/nonexistent/target");
	mkl("dlink", "bin");
	mkl("loop1", "loop2");
	mkl("loop2", "loop1");
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	/* the directory name is ours and fixed-format: rm -rf is safe here */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_stat(void **state)
{
	struct ps_fs fs;
	struct ps_stat st;
	char p[512];

	(void)state;
	ps_fs_posix_init(&fs);
	fs.cwd = root;
	assert_true(ps_fs_isdir(&fs, "bin"));           /* relative to fs.cwd */
	assert_true(ps_fs_isfile(&fs, "bin/python3"));  /* follows the link */
	assert_true(ps_fs_isxfile(&fs, "bin/python"));
	assert_false(ps_fs_isxfile(&fs, "lib/os.py"));
	assert_true(ps_fs_isfile(&fs, "lib/os.py"));
	assert_false(ps_fs_isfile(&fs, "lib"));
	assert_true(ps_fs_isfile(&fs, "dlink/python3.12"));
	assert_true(ps_fs_isdir(&fs, "dlink/../lib"));    /* kernel ".." after a link */
	assert_false(ps_fs_exists(&fs, "abs"));
	assert_false(ps_fs_exists(&fs, ""));
	assert_int_equal(ps_fs_lstat(&fs, "abs", &st), 0);
	assert_int_equal(st.type, PS_FT_LINK);
	assert_int_equal(ps_fs_stat(&fs, "loop1", &st), ELOOP);
	assert_int_equal(ps_fs_stat(&fs, "lib/os.py/x", &st), ENOTDIR);
	assert_int_equal(ps_fs_stat(&fs, "bin/python3", &st), 0);
	assert_int_equal(st.type, PS_FT_FILE);
	assert_int_equal(st.mode, 0755);
	assert_int_equal(st.size, 6);
	snprintf(p, sizeof(p), "%s/lib/os.py", root);
	fs.cwd = "/nonexistent";
	assert_true(ps_fs_isfile(&fs, p));                /* absolute: cwd unused */
	assert_false(ps_fs_isfile(&fs, "lib/os.py"));
}

static void test_realpath(void **state)
{
	struct ps_fs fs;
	char p[512], want[512], *out;

	(void)state;
	ps_fs_posix_init(&fs);
	fs.cwd = root;
	snprintf(p, sizeof(p), "%s/bin/python", root);
	assert_int_equal(ps_fs_realpath_final(&fs, p, &out), 0);
	snprintf(want, sizeof(want), "%s/bin/python3.12", root);
	assert_string_equal(out, want);
	free(out);
	assert_int_equal(ps_fs_realpath_final(&fs, "bin/python", &out), 0);
	assert_string_equal(out, "bin/python3.12");
	free(out);
	/* directory links are not resolved by getpath's realpath */
	assert_int_equal(ps_fs_realpath_final(&fs, "dlink/python3", &out), 0);
	assert_string_equal(out, "dlink/python3.12");
	free(out);
	assert_int_equal(ps_fs_realpath_final(&fs, "missing", &out), 0);
	assert_string_equal(out, "missing");
	free(out);
	snprintf(p, sizeof(p), "%s/loop1", root);
	assert_int_equal(ps_fs_realpath_final(&fs, p, &out), ELOOP);
	assert_null(out);
	/*
	 * getpath quirk: a path without '/' is its own "directory", so the
	 * relative target is looked up below it, readlink fails there, and
	 * the chain stops.
	 */
	assert_int_equal(ps_fs_realpath_final(&fs, "loop1", &out), 0);
	assert_string_equal(out, "loop1/loop2");
	free(out);
	/* os.path.realpath resolves the directory link too */
	assert_int_equal(ps_fs_realpath_full(&fs, "dlink/python", &out), 0);
	assert_string_equal(out, want);
	free(out);
}

static void test_read(void **state)
{
	struct ps_fs fs;
	struct ps_strv lines, names;
	char *data;
	size_t len;

	(void)state;
	ps_fs_posix_init(&fs);
	fs.cwd = root;
	ps_strv_init(&lines);
	assert_int_equal(ps_fs_read_lines(&fs, "lib/os.py", 32768, &lines), 0);
	assert_int_equal(lines.n, 4);
	assert_string_equal(lines.v[0], "a");
	assert_string_equal(lines.v[1], "b");
	assert_string_equal(lines.v[2], "");
	assert_string_equal(lines.v[3], "c");
	ps_strv_clear(&lines);
	assert_int_equal(ps_fs_read_lines(&fs, "lib", 32768, &lines), 0);   /* a directory */
	assert_int_equal(lines.n, 0);
	/* 7 bytes: getpath's buffer must not fill up */
	assert_int_equal(ps_fs_read_lines(&fs, "lib/os.py", 6, &lines), EFBIG);
	assert_int_equal(ps_fs_read_lines(&fs, "lib/os.py", 7, &lines), EFBIG);
	assert_int_equal(lines.n, 0);
	assert_int_equal(ps_fs_read_lines(&fs, "lib/os.py", 8, &lines), 0);
	ps_strv_clear(&lines);
	assert_int_equal(ps_fs_read_lines(&fs, "nope", 100, &lines), ENOENT);
	assert_int_equal(ps_fs_read_file(&fs, "bin/python", 100, &data, &len), 0);
	assert_int_equal(len, 6);
	assert_string_equal(data, "#!exe\n");
	free(data);
	assert_int_equal(ps_fs_read_file(&fs, "bin/python", 5, &data, &len), EFBIG);
	assert_null(data);
	assert_int_equal(ps_fs_read_file(&fs, "bin/python", 6, &data, &len), 0);
	free(data);
	ps_strv_init(&names);
	assert_int_equal(ps_fs_list_dir(&fs, "bin", &names), 0);
	assert_int_equal(names.n, 3);
	assert_true(ps_strv_find(&names, "python") >= 0);
	assert_true(ps_strv_find(&names, "python3.12") >= 0);
	assert_int_equal(ps_fs_list_dir(&fs, "lib/os.py", &names), ENOTDIR);
	ps_strv_release(&names);
	ps_strv_release(&lines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat),
		cmocka_unit_test(test_realpath),
		cmocka_unit_test(test_read),
	};
	return cmocka_run_group_tests_name("fs_posix", tests, setup, teardown);
}
