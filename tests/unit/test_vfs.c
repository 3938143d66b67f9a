/* test_vfs.c - the in-memory tree: building, kernel-like path walks, NT flavour. */
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

static void add_file(struct ps_vfs *v, const char *p, const char *content, bool exec)
{
	struct ps_error e;

	ps_error_init(&e);
	if (ps_vfs_add(v, p, PS_FT_FILE, exec, content, content ? strlen(content) : 0, NULL, 0,
		       &e) != 0) {
		print_error("add %s: %s\n", p, e.msg);
		fail();
	}
}

static void add_dir(struct ps_vfs *v, const char *p, unsigned mode)
{
	assert_int_equal(ps_vfs_add(v, p, PS_FT_DIR, false, NULL, 0, NULL, mode, NULL), 0);
}

static void add_link(struct ps_vfs *v, const char *p, const char *target)
{
	assert_int_equal(ps_vfs_add(v, p, PS_FT_LINK, false, NULL, 0, target, 0, NULL), 0);
}

static int st_type(const struct ps_fs *fs, const char *p)
{
	struct ps_stat st;
	int rc = ps_fs_stat(fs, p, &st);

	return rc ? -rc : (int)st.type;
}

static void test_build_and_stat(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	struct ps_stat st;
	struct ps_error e;

	(void)state;
	ps_vfs_fs(v, &fs);
	add_file(v, "/usr/bin/python3.12", "ELF", true);
	add_file(v, "/usr/lib/python3.12/os.py", "# os", false);
	add_dir(v, "/usr/lib/python3.12/lib-dynload", 0);
	assert_int_equal(st_type(&fs, "/usr"), PS_FT_DIR);                /* implicit parent */
	assert_int_equal(st_type(&fs, "/usr/lib/python3.12"), PS_FT_DIR);
	assert_int_equal(st_type(&fs, "/"), PS_FT_DIR);
	assert_int_equal(ps_fs_stat(&fs, "/usr/bin/python3.12", &st), 0);
	assert_int_equal(st.type, PS_FT_FILE);
	assert_int_equal(st.mode, 0755);
	assert_int_equal(st.size, 3);
	assert_false(st.hidden);
	assert_int_equal(ps_fs_stat(&fs, "/usr/lib/python3.12/os.py", &st), 0);
	assert_int_equal(st.mode, 0644);
	assert_true(ps_fs_isxfile(&fs, "/usr/bin/python3.12"));
	assert_false(ps_fs_isxfile(&fs, "/usr/lib/python3.12/os.py"));
	assert_true(ps_fs_isfile(&fs, "/usr/lib/python3.12/os.py"));
	assert_true(ps_fs_isdir(&fs, "/usr/lib/python3.12/lib-dynload"));
	assert_int_equal(st_type(&fs, "/usr/bin/python3"), -ENOENT);
	assert_int_equal(st_type(&fs, "/usr/bin/python3.12/x"), -ENOTDIR);
	assert_int_equal(st_type(&fs, "/usr/bin/python3.12/"), -ENOTDIR);  /* trailing slash */
	assert_int_equal(st_type(&fs, "/usr/bin/"), PS_FT_DIR);
	assert_int_equal(st_type(&fs, "//usr///bin/./../bin"), PS_FT_DIR);
	assert_int_equal(st_type(&fs, "/../../usr"), PS_FT_DIR);          /* ".." at the root */
	assert_int_equal(st_type(&fs, ""), -ENOENT);
	/* errors when building */
	ps_error_init(&e);
	assert_int_equal(ps_vfs_add(v, "rel/x", PS_FT_FILE, false, NULL, 0, NULL, 0, &e), -1);
	assert_int_equal(e.code, PS_ERR_INVAL);
	assert_non_null(strstr(e.msg, "absolute"));
	assert_int_equal(ps_vfs_add(v, "", PS_FT_DIR, false, NULL, 0, NULL, 0, &e), -1);
	assert_int_equal(ps_vfs_add(v, "/usr/bin", PS_FT_FILE, false, NULL, 0, NULL, 0, &e), -1);
	assert_non_null(strstr(e.msg, "already a directory"));
	assert_int_equal(ps_vfs_add(v, "/usr/bin/python3.12/sub", PS_FT_FILE, false, NULL, 0, NULL,
				    0, &e), -1);
	assert_non_null(strstr(e.msg, "is a file"));
	assert_int_equal(ps_vfs_add(v, "/l", PS_FT_LINK, false, NULL, 0, NULL, 0, &e), -1);
	assert_int_equal(ps_vfs_add(v, "/", PS_FT_FILE, false, NULL, 0, NULL, 0, &e), -1);
	assert_int_equal(ps_vfs_add(v, "/", PS_FT_DIR, false, NULL, 0, NULL, 0, &e), 0);
	/* re-adding the same type updates it */
	add_file(v, "/usr/lib/python3.12/os.py", "new", false);
	assert_int_equal(ps_fs_stat(&fs, "/usr/lib/python3.12/os.py", &st), 0);
	assert_int_equal(st.size, 3);
	/* paths are normalised when adding */
	add_file(v, "/a/./b/../c", "x", false);
	assert_true(ps_fs_isfile(&fs, "/a/c"));
	assert_false(ps_fs_exists(&fs, "/a/b"));
	/* explicit modes, exec forcing x bits */
	assert_int_equal(ps_vfs_add(v, "/m", PS_FT_FILE, true, "", 0, NULL, 0600, NULL), 0);
	assert_int_equal(ps_fs_stat(&fs, "/m", &st), 0);
	assert_int_equal(st.mode, 0711);
	ps_vfs_free(v);
	ps_vfs_free(NULL);
}

static void test_symlinks(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	struct ps_stat st;
	char *t;
	char name[32], target[32];
	int i;

	(void)state;
	ps_vfs_fs(v, &fs);
	add_file(v, "/opt/py/bin/python3.12", "ELF", true);
	add_file(v, "/opt/py/lib/python3.12/os.py", "", false);
	add_link(v, "/opt/py/bin/python3", "python3.12");              /* relative, same dir */
	add_link(v, "/usr/bin/python3", "../../opt/py/bin/python3");   /* relative, climbing */
	add_link(v, "/usr/local/py", "/opt/py");                       /* absolute dir link */
	add_link(v, "/dangling", "/nowhere");
	add_link(v, "/loop1", "loop2");
	add_link(v, "/loop2", "/loop1");
	add_link(v, "/self", "self");
	assert_true(ps_fs_isxfile(&fs, "/usr/bin/python3"));
	assert_int_equal(ps_fs_lstat(&fs, "/usr/bin/python3", &st), 0);
	assert_int_equal(st.type, PS_FT_LINK);
	assert_int_equal(st.size, strlen("../../opt/py/bin/python3"));
	/* intermediate links are followed, ".." after a link is the target's parent */
	assert_true(ps_fs_isfile(&fs, "/usr/local/py/lib/python3.12/os.py"));
	assert_true(ps_fs_isdir(&fs, "/usr/local/py/.."));
	assert_true(ps_fs_isdir(&fs, "/usr/local/py/../py/bin"));
	assert_false(ps_fs_exists(&fs, "/usr/local/py/../local"));       /* /opt/local */
	assert_true(ps_fs_isdir(&fs, "/usr/local/py/"));
	assert_int_equal(ps_fs_lstat(&fs, "/usr/local/py/", &st), 0);   /* trailing slash follows */
	assert_int_equal(st.type, PS_FT_DIR);
	assert_int_equal(st_type(&fs, "/dangling"), -ENOENT);
	assert_int_equal(st_type(&fs, "/loop1"), -ELOOP);
	assert_int_equal(st_type(&fs, "/self"), -ELOOP);
	assert_int_equal(st_type(&fs, "/loop1/x"), -ELOOP);
	assert_int_equal(ps_fs_lstat(&fs, "/loop1", &st), 0);
	/* readlink */
	assert_int_equal(ps_fs_readlink(&fs, "/usr/bin/python3", &t), 0);
	assert_string_equal(t, "../../opt/py/bin/python3");
	free(t);
	assert_int_equal(ps_fs_readlink(&fs, "/opt/py/bin/python3.12", &t), EINVAL);
	assert_null(t);
	assert_int_equal(ps_fs_readlink(&fs, "/missing", &t), ENOENT);
	assert_int_equal(ps_fs_readlink(&fs, "/usr/local/py/bin/python3", &t), 0);
	assert_string_equal(t, "python3.12");
	free(t);
	/* the kernel limit: 40 links are fine, 41 are ELOOP */
	for (i = 0; i < 41; i++) {
		snprintf(name, sizeof(name), "/chain/l%d", i);
		snprintf(target, sizeof(target), "l%d", i + 1);
		add_link(v, name, target);
	}
	add_file(v, "/chain/l41", "end", false);
	assert_int_equal(st_type(&fs, "/chain/l1"), PS_FT_FILE);    /* 40 links */
	assert_int_equal(st_type(&fs, "/chain/l0"), -ELOOP);        /* 41 links */
	ps_vfs_free(v);
}

static void test_permissions(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	struct ps_strv names;
	struct ps_stat st;
	char *data;
	size_t len;

	(void)state;
	ps_vfs_fs(v, &fs);
	ps_strv_init(&names);
	add_file(v, "/locked/pyvenv.cfg", "home = /usr/bin\n", false);
	add_dir(v, "/locked", 0);            /* mode 0: default 0755 ... */
	assert_int_equal(ps_vfs_add(v, "/locked", PS_FT_DIR, false, NULL, 0, NULL, 0700, NULL), 0);
	assert_true(ps_fs_isfile(&fs, "/locked/pyvenv.cfg"));
	/* mode "000": 0 alone means "default", PS_VFS_MODE_EXACT makes it exact */
	assert_int_equal(ps_vfs_add(v, "/locked", PS_FT_DIR, false, NULL, 0, NULL,
				    PS_VFS_MODE_EXACT | 0, NULL), 0);
	assert_int_equal(ps_fs_stat(&fs, "/locked", &st), 0);     /* the dir itself: fine */
	assert_int_equal(st.mode, 0);
	assert_true(ps_fs_isdir(&fs, "/locked"));
	assert_int_equal(st_type(&fs, "/locked/pyvenv.cfg"), -EACCES);
	assert_int_equal(st_type(&fs, "/locked/missing"), -EACCES);
	assert_int_equal(ps_fs_read_file(&fs, "/locked/pyvenv.cfg", 100, &data, &len), EACCES);
	assert_int_equal(ps_fs_list_dir(&fs, "/locked", &names), EACCES);
	assert_int_equal(ps_fs_read_file(&fs, "/locked", 100, &data, &len), EACCES);
	/* readable but not searchable: listing works, lookups do not */
	assert_int_equal(ps_vfs_add(v, "/locked", PS_FT_DIR, false, NULL, 0, NULL, 0644, NULL), 0);
	assert_int_equal(ps_fs_list_dir(&fs, "/locked", &names), 0);
	assert_int_equal(names.n, 1);
	assert_int_equal(st_type(&fs, "/locked/pyvenv.cfg"), -EACCES);
	/* searchable but not readable */
	assert_int_equal(ps_vfs_add(v, "/locked", PS_FT_DIR, false, NULL, 0, NULL, 0111, NULL), 0);
	assert_true(ps_fs_isfile(&fs, "/locked/pyvenv.cfg"));
	assert_int_equal(ps_fs_list_dir(&fs, "/locked", &names), EACCES);
	/* write-only dir: neither listable nor searchable */
	assert_int_equal(ps_vfs_add(v, "/locked", PS_FT_DIR, false, NULL, 0, NULL, 0200, NULL), 0);
	assert_int_equal(st_type(&fs, "/locked/pyvenv.cfg"), -EACCES);
	assert_int_equal(ps_fs_list_dir(&fs, "/locked", &names), EACCES);
	/* an unreadable file */
	assert_int_equal(ps_vfs_add(v, "/secret", PS_FT_FILE, false, "x", 1, NULL,
				    PS_VFS_MODE_EXACT, NULL), 0);
	assert_true(ps_fs_isfile(&fs, "/secret"));
	assert_int_equal(ps_fs_read_file(&fs, "/secret", 100, &data, &len), EACCES);
	assert_null(data);
	ps_strv_release(&names);
	ps_vfs_free(v);
}

static void test_read_list(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	struct ps_strv names;
	char *data;
	size_t len;

	(void)state;
	ps_vfs_fs(v, &fs);
	ps_strv_init(&names);
	add_file(v, "/d/a", "hello", false);
	add_file(v, "/d/b", NULL, false);
	add_dir(v, "/d/sub", 0);
	add_link(v, "/d/l", "a");
	assert_int_equal(ps_vfs_add(v, "/d/bin", PS_FT_FILE, false, "a\0b", 3, NULL, 0, NULL), 0);
	assert_int_equal(ps_fs_read_file(&fs, "/d/a", 100, &data, &len), 0);
	assert_int_equal(len, 5);
	assert_string_equal(data, "hello");
	free(data);
	assert_int_equal(ps_fs_read_file(&fs, "/d/l", 5, &data, &len), 0);   /* exactly the limit */
	free(data);
	assert_int_equal(ps_fs_read_file(&fs, "/d/l", 4, &data, &len), EFBIG);
	assert_null(data);
	assert_int_equal(ps_fs_read_file(&fs, "/d/b", 4, &data, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	assert_int_equal(ps_fs_read_file(&fs, "/d/bin", 10, &data, &len), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "a\0b", 4);
	free(data);
	assert_int_equal(ps_fs_read_file(&fs, "/d", 10, &data, &len), 0);      /* a directory */
	assert_int_equal(len, 0);
	free(data);
	assert_int_equal(ps_fs_read_file(&fs, "/d/nope", 10, &data, &len), ENOENT);
	assert_int_equal(ps_fs_list_dir(&fs, "/d", &names), 0);
	assert_int_equal(names.n, 5);
	assert_true(ps_strv_find(&names, "sub") >= 0);
	assert_true(ps_strv_find(&names, "l") >= 0);
	assert_int_equal(ps_fs_list_dir(&fs, "/d/a", &names), ENOTDIR);
	assert_int_equal(ps_fs_list_dir(&fs, "/nope", &names), ENOENT);
	assert_int_equal(names.n, 5);
	ps_strv_release(&names);
	ps_vfs_free(v);
}

static void test_hidden_remove(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	struct ps_stat st;
	struct ps_error e;
	int i;
	char p[64];

	(void)state;
	ps_vfs_fs(v, &fs);
	add_file(v, "/site/x.pth", "/a\n", false);
	add_link(v, "/site/l", "x.pth");
	assert_int_equal(ps_vfs_set_hidden(v, "/site/x.pth", true, NULL), 0);
	assert_int_equal(ps_fs_stat(&fs, "/site/x.pth", &st), 0);
	assert_true(st.hidden);
	assert_int_equal(ps_fs_stat(&fs, "/site/l", &st), 0);    /* stat follows: target's flag */
	assert_true(st.hidden);
	assert_int_equal(ps_fs_lstat(&fs, "/site/l", &st), 0);
	assert_false(st.hidden);
	ps_error_init(&e);
	assert_int_equal(ps_vfs_set_hidden(v, "/site/none", true, &e), -1);
	assert_int_equal(e.code, PS_ERR_INVAL);
	/* remove: a link itself, not its target */
	assert_int_equal(ps_vfs_remove(v, "/site/l"), 0);
	assert_true(ps_fs_exists(&fs, "/site/x.pth"));
	assert_false(ps_fs_exists(&fs, "/site/l"));
	assert_int_equal(ps_vfs_remove(v, "/site/missing"), 0);
	assert_int_equal(ps_vfs_remove(v, "/no/such/dir"), 0);
	/* many siblings, removed in turn: the hash table must keep finding the rest */
	for (i = 0; i < 200; i++) {
		snprintf(p, sizeof(p), "/many/f%d", i);
		add_file(v, p, "", false);
	}
	for (i = 0; i < 200; i += 2) {
		snprintf(p, sizeof(p), "/many/f%d", i);
		assert_int_equal(ps_vfs_remove(v, p), 0);
	}
	for (i = 0; i < 200; i++) {
		snprintf(p, sizeof(p), "/many/f%d", i);
		assert_int_equal(ps_fs_exists(&fs, p), i % 2 == 1);
	}
	/* a subtree goes with its directory; the tree can be rebuilt */
	assert_int_equal(ps_vfs_remove(v, "/site"), 0);
	assert_false(ps_fs_exists(&fs, "/site/x.pth"));
	assert_false(ps_fs_exists(&fs, "/site"));
	add_file(v, "/site/x.pth", "", false);
	assert_true(ps_fs_exists(&fs, "/site/x.pth"));
	assert_int_equal(ps_vfs_remove(v, "/"), 0);              /* empties the tree */
	assert_false(ps_fs_exists(&fs, "/many"));
	assert_true(ps_fs_isdir(&fs, "/"));
	ps_vfs_free(v);
}

struct rec {
	struct ps_buf b;
	int stop_after;
	int seen;
};

static int record(void *arg, const char *path, enum ps_ftype type, bool exec, const char *content,
		  size_t len, const char *link, unsigned mode)
{
	struct rec *r = arg;

	ps_buf_addf(&r->b, "%s %d%s%s%s %o|", path, (int)type, exec ? " x" : "",
		    content && len ? " =" : "", link ? link : "", mode);
	if (content && len)
		ps_buf_add(&r->b, content, len);
	ps_buf_addc(&r->b, '\n');
	return ++r->seen == r->stop_after ? 7 : 0;
}

static void test_walk_check(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct rec r;
	struct ps_error e;

	(void)state;
	add_file(v, "/b/z", "zz", true);
	add_file(v, "/b/a", NULL, false);
	add_link(v, "/a", "b/a");
	add_dir(v, "/b/m", 0);
	ps_buf_init(&r.b);
	r.stop_after = 0;
	r.seen = 0;
	assert_int_equal(ps_vfs_walk(v, record, &r), 0);
	assert_string_equal(r.b.s, "/a 3b/a 777|\n"
				   "/b 2 755|\n"
				   "/b/a 1 644|\n"
				   "/b/m 2 755|\n"
				   "/b/z 1 x = 755|zz\n");
	ps_buf_release(&r.b);
	/* a non-zero return stops the walk and is passed on */
	ps_buf_init(&r.b);
	r.stop_after = 2;
	r.seen = 0;
	assert_int_equal(ps_vfs_walk(v, record, &r), 7);
	assert_int_equal(r.seen, 2);
	ps_buf_release(&r.b);

	ps_error_init(&e);
	add_link(v, "/dangling", "/nowhere");
	assert_int_equal(ps_vfs_check_links(v, &e), 0);        /* dangling is allowed */
	add_link(v, "/x/loop-b", "loop-a");
	add_link(v, "/x/loop-a", "/x/loop-b");
	assert_int_equal(ps_vfs_check_links(v, &e), -1);
	assert_int_equal(e.code, PS_ERR_INVAL);
	assert_non_null(strstr(e.msg, "/x/loop-a"));            /* the first in walk order */
	ps_vfs_free(v);
}

static void test_nt(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_NT);
	struct ps_fs fs = { 0 };
	struct ps_strv names;
	struct rec r;
	struct ps_error e;

	(void)state;
	ps_vfs_fs(v, &fs);
	assert_int_equal(fs.platform, PS_PLATFORM_NT);
	ps_strv_init(&names);
	add_file(v, "C:\\Python312\\python.exe", "MZ", false);
	add_file(v, "C:/Python312/Lib/os.py", "", false);
	add_file(v, "\\\\server\\share\\py\\python.exe", "MZ", false);
	add_link(v, "C:\\venv\\Scripts\\python.exe", "C:\\Python312\\python.exe");
	add_link(v, "C:\\rel", "Python312\\Lib");
	assert_true(ps_fs_isfile(&fs, "c:\\python312\\PYTHON.EXE"));   /* case-insensitive */
	assert_true(ps_fs_isfile(&fs, "C:/Python312/lib/OS.py"));
	assert_true(ps_fs_isxfile(&fs, "C:\\Python312\\python.exe"));  /* by extension */
	assert_false(ps_fs_isxfile(&fs, "C:\\Python312\\Lib\\os.py"));
	assert_true(ps_fs_isdir(&fs, "C:\\"));
	assert_true(ps_fs_isdir(&fs, "C:\\Python312\\..\\..\\Python312"));  /* ".." at C:\ */
	assert_true(ps_fs_isfile(&fs, "\\\\SERVER\\share\\py\\python.exe"));
	assert_true(ps_fs_isfile(&fs, "C:\\venv\\Scripts\\python.exe"));
	assert_true(ps_fs_isfile(&fs, "C:\\rel\\os.py"));
	assert_false(ps_fs_exists(&fs, "D:\\x"));
	fs.cwd = "C:\\Python312";
	assert_true(ps_fs_isfile(&fs, "Lib\\os.py"));                  /* against fs.cwd */
	assert_true(ps_fs_isfile(&fs, "\\Python312\\python.exe"));     /* root of C: */
	assert_int_equal(ps_fs_list_dir(&fs, "C:\\Python312", &names), 0);
	assert_int_equal(names.n, 2);
	ps_error_init(&e);
	assert_int_equal(ps_vfs_add(v, "\\x", PS_FT_FILE, false, NULL, 0, NULL, 0, &e), -1);
	assert_int_equal(ps_vfs_add(v, "c:\\PYTHON312", PS_FT_FILE, false, NULL, 0, NULL, 0, &e),
			 -1);   /* same name, other case: a clash */
	ps_buf_init(&r.b);
	r.stop_after = 0;
	r.seen = 0;
	assert_int_equal(ps_vfs_walk(v, record, &r), 0);
	assert_non_null(strstr(r.b.s, "C:\\ 2 755|\nC:\\Python312 2 755|\n"));
	assert_non_null(strstr(r.b.s, "C:\\Python312\\Lib\\os.py 1 644|\n"));
	assert_non_null(strstr(r.b.s, "\\\\server\\share\\py\\python.exe 1 644|MZ\n") ||
			strstr(r.b.s, "\\\\server\\share\\py\\python.exe 1 = 644|MZ\n"));
	ps_buf_release(&r.b);
	ps_strv_release(&names);
	ps_vfs_free(v);
}

/* Correctness only: the time a large tree takes is measured in tests/bench. */
static void test_large_tree(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs = { 0 };
	char p[128];
	int i, found = 0;

	(void)state;
	ps_vfs_fs(v, &fs);
	for (i = 0; i < 5000; i++) {
		snprintf(p, sizeof(p), "/usr/lib/python3.12/site-packages/pkg%d/mod%d.py", i % 50, i);
		add_file(v, p, "x", false);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(p, sizeof(p), "/usr/lib/python3.12/flat/f%d.py", i);
		add_file(v, p, "x", false);
	}
	for (i = 0; i < 100000; i++) {
		snprintf(p, sizeof(p), "/usr/lib/python3.12/flat/f%d.py", i % 10000);
		found += ps_fs_isfile(&fs, p);
	}
	assert_int_equal(found, 50000);
	ps_vfs_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_stat),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_permissions),
		cmocka_unit_test(test_read_list),
		cmocka_unit_test(test_hidden_remove),
		cmocka_unit_test(test_walk_check),
		cmocka_unit_test(test_nt),
		cmocka_unit_test(test_large_tree),
	};
	return cmocka_run_group_tests_name("vfs", tests, NULL, NULL);
}
