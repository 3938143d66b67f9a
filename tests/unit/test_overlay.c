/* test_overlay.c - an upper virtual tree over a lower filesystem (a vfs standing in for the disk). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

static void add(struct ps_vfs *v, const char *p, enum ps_ftype t, const char *content,
		const char *link, unsigned mode)
{
	struct ps_error e;

	ps_error_init(&e);
	if (ps_vfs_add(v, p, t, false, content, content ? strlen(content) : 0, link, mode, &e)) {
		print_error("add %s: %s\n", p, e.msg);
		fail();
	}
}

struct fx {
	struct ps_vfs *low;
	struct ps_fs lowfs;
	struct ps_overlay *ov;
	struct ps_fs fs;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->low = ps_vfs_new(PS_PLATFORM_POSIX);
	ps_vfs_fs(f->low, &f->lowfs);
	add(f->low, "/usr/bin/python3.12", PS_FT_FILE, "ELF", NULL, 0755);
	add(f->low, "/usr/bin/python3", PS_FT_LINK, NULL, "python3.12", 0);
	add(f->low, "/usr/lib/python3.12/os.py", PS_FT_FILE, "lower os", NULL, 0);
	add(f->low, "/usr/lib/python3.12/site-packages/a.pth", PS_FT_FILE, "/a\n", NULL, 0);
	add(f->low, "/usr/lib", PS_FT_DIR, NULL, NULL, 0750);
	add(f->low, "/opt/lib", PS_FT_LINK, NULL, "/usr/lib", 0);
	add(f->low, "/y", PS_FT_LINK, NULL, "/x", 0);
	f->ov = ps_overlay_new(&f->lowfs);
	if (!f->ov)
		return -1;
	ps_overlay_fs(f->ov, &f->fs);
	f->fs.cwd = "/usr";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	ps_overlay_free(f->ov);
	ps_overlay_free(NULL);
	ps_vfs_free(f->low);
	free(f);
	return 0;
}

static bool listed(const struct ps_fs *fs, const char *dir, const char *name, size_t *n)
{
	struct ps_strv names;
	bool r;

	ps_strv_init(&names);
	assert_int_equal(ps_fs_list_dir(fs, dir, &names), 0);
	r = ps_strv_find(&names, name) >= 0;
	if (n)
		*n = names.n;
	ps_strv_release(&names);
	return r;
}

static char *read_all(const struct ps_fs *fs, const char *p)
{
	char *data;
	size_t len;

	assert_int_equal(ps_fs_read_file(fs, p, 1000, &data, &len), 0);
	return data;
}

static void test_merge(void **state)
{
	struct fx *f = *state;
	struct ps_vfs *up = ps_overlay_upper(f->ov);
	struct ps_stat st;
	char *s;
	size_t n;

	assert_int_equal(f->fs.platform, PS_PLATFORM_POSIX);
	/* an empty upper tree shows the lower one */
	assert_true(ps_fs_isxfile(&f->fs, "/usr/bin/python3"));
	assert_true(ps_fs_isfile(&f->fs, "lib/python3.12/os.py"));      /* fs.cwd = /usr */
	assert_true(listed(&f->fs, "/usr/lib/python3.12/site-packages", "a.pth", &n));
	assert_int_equal(n, 1);
	/* upper additions, and an upper file shadowing a lower one */
	add(up, "/usr/lib/python3.12/site-packages/b.pth", PS_FT_FILE, "/b\n", NULL, 0);
	add(up, "/usr/lib/python3.12/os.py", PS_FT_FILE, "upper os", NULL, 0);
	assert_true(listed(&f->fs, "/usr/lib/python3.12/site-packages", "a.pth", &n));
	assert_true(listed(&f->fs, "/usr/lib/python3.12/site-packages", "b.pth", NULL));
	assert_int_equal(n, 2);
	assert_true(listed(&f->fs, "/usr/lib/python3.12", "os.py", &n));
	assert_int_equal(n, 2);                                  /* os.py once, site-packages */
	s = read_all(&f->fs, "/usr/lib/python3.12/os.py");
	assert_string_equal(s, "upper os");
	free(s);
	s = read_all(&f->fs, "/usr/lib/python3.12/site-packages/a.pth");
	assert_string_equal(s, "/a\n");
	free(s);
	/* a directory that exists in the upper tree only as a parent keeps the lower stat */
	assert_int_equal(ps_fs_stat(&f->fs, "/usr/lib", &st), 0);
	assert_int_equal(st.type, PS_FT_DIR);
	assert_int_equal(st.mode, 0750);
	/* ... but an explicit upper directory wins */
	add(up, "/usr/lib", PS_FT_DIR, NULL, NULL, 0700);
	assert_int_equal(ps_fs_stat(&f->fs, "/usr/lib", &st), 0);
	assert_int_equal(st.mode, 0700);
	/* the root merges too */
	assert_true(listed(&f->fs, "/", "opt", NULL));
	assert_true(ps_fs_isdir(&f->fs, "/"));
}

static void test_links_across_layers(void **state)
{
	struct fx *f = *state;
	struct ps_vfs *up = ps_overlay_upper(f->ov);
	struct ps_stat st;
	char *out;

	/* an upper link into the lower tree */
	add(up, "/venv/bin/python", PS_FT_LINK, NULL, "/usr/bin/python3", 0);
	add(up, "/venv/pyvenv.cfg", PS_FT_FILE, "home = /usr/bin\n", NULL, 0);
	assert_true(ps_fs_isxfile(&f->fs, "/venv/bin/python"));
	assert_int_equal(ps_fs_realpath_final(&f->fs, "/venv/bin/python", &out), 0);
	assert_string_equal(out, "/usr/bin/python3.12");
	free(out);
	/* a lower link into a directory the upper tree extends */
	add(up, "/usr/lib/extra.py", PS_FT_FILE, "x", NULL, 0);
	assert_true(ps_fs_isfile(&f->fs, "/opt/lib/extra.py"));
	assert_true(ps_fs_isfile(&f->fs, "/opt/lib/python3.12/os.py"));
	assert_true(ps_fs_isdir(&f->fs, "/opt/lib/../bin"));     /* ".." of /usr/lib */
	assert_int_equal(ps_fs_lstat(&f->fs, "/opt/lib", &st), 0);
	assert_int_equal(st.type, PS_FT_LINK);
	/* a loop through both layers */
	add(up, "/x", PS_FT_LINK, NULL, "y", 0);
	assert_int_equal(ps_fs_stat(&f->fs, "/x", &st), ELOOP);
	assert_int_equal(ps_fs_stat(&f->fs, "/y/z", &st), ELOOP);
	/* readlink answers from the right layer */
	assert_int_equal(ps_fs_readlink(&f->fs, "/x", &out), 0);
	assert_string_equal(out, "y");
	free(out);
	assert_int_equal(ps_fs_readlink(&f->fs, "/y", &out), 0);
	assert_string_equal(out, "/x");
	free(out);
	assert_int_equal(ps_fs_readlink(&f->fs, "/venv/pyvenv.cfg", &out), EINVAL);
	assert_int_equal(ps_fs_readlink(&f->fs, "/nope", &out), ENOENT);
}

static void test_whiteouts(void **state)
{
	struct fx *f = *state;
	struct ps_vfs *up = ps_overlay_upper(f->ov);
	char *data;
	size_t n, len;

	add(up, "/usr/lib/python3.12/site-packages/b.pth", PS_FT_FILE, "/b\n", NULL, 0);
	assert_int_equal(ps_overlay_whiteout(f->ov, "/usr/lib/python3.12/site-packages/a.pth"), 0);
	assert_int_equal(ps_overlay_whiteout(f->ov, "/usr/lib/python3.12/site-packages/a.pth"), 0);
	assert_int_equal(ps_overlay_whiteout(f->ov, "relative"), -1);
	assert_false(ps_fs_exists(&f->fs, "/usr/lib/python3.12/site-packages/a.pth"));
	assert_int_equal(ps_fs_read_file(&f->fs, "/usr/lib/python3.12/site-packages/a.pth", 100,
					 &data, &len), ENOENT);
	assert_false(listed(&f->fs, "/usr/lib/python3.12/site-packages", "a.pth", &n));
	assert_int_equal(n, 1);   /* b.pth from the upper tree */
	/* a whited-out directory hides the lower subtree; upper additions make it opaque */
	assert_int_equal(ps_overlay_whiteout(f->ov, "/usr/lib/python3.12/"), 0);
	assert_false(ps_fs_exists(&f->fs, "/usr/lib/python3.12"));   /* upper files went too */
	assert_false(ps_fs_exists(&f->fs, "/usr/lib/python3.12/os.py"));
	assert_false(listed(&f->fs, "/usr/lib", "python3.12", NULL));
	add(up, "/usr/lib/python3.12/new.py", PS_FT_FILE, "", NULL, 0);
	assert_true(ps_fs_isdir(&f->fs, "/usr/lib/python3.12"));
	assert_true(listed(&f->fs, "/usr/lib/python3.12", "new.py", &n));
	assert_int_equal(n, 1);
	assert_false(ps_fs_exists(&f->fs, "/usr/lib/python3.12/site-packages"));
	/* a path merely starting like a whiteout is not hidden */
	assert_true(ps_fs_isfile(&f->fs, "/usr/bin/python3.12"));
}

static void test_errors(void **state)
{
	struct fx *f = *state;
	struct ps_vfs *up = ps_overlay_upper(f->ov);
	struct ps_stat st;
	struct ps_strv names;

	ps_strv_init(&names);
	/* an upper file where the lower tree has a directory */
	add(up, "/usr/share", PS_FT_FILE, "f", NULL, 0);
	add(f->low, "/usr/share/doc/x", PS_FT_FILE, "", NULL, 0);
	assert_int_equal(ps_fs_stat(&f->fs, "/usr/share/doc", &st), ENOTDIR);
	assert_int_equal(ps_fs_list_dir(&f->fs, "/usr/share", &names), ENOTDIR);
	/* an unsearchable upper directory over a lower one */
	add(f->low, "/srv/data/f", PS_FT_FILE, "", NULL, 0);
	assert_int_equal(ps_vfs_add(up, "/srv/data", PS_FT_DIR, false, NULL, 0, NULL,
				    PS_VFS_MODE_EXACT, NULL), 0);
	assert_int_equal(ps_fs_stat(&f->fs, "/srv/data/f", &st), EACCES);
	assert_int_equal(ps_fs_stat(&f->fs, "/srv/data", &st), 0);
	assert_int_equal(ps_fs_stat(&f->fs, "", &st), ENOENT);
	assert_int_equal(ps_fs_stat(&f->fs, "/usr/bin/python3.12/", &st), ENOTDIR);
	ps_strv_release(&names);
}

static void test_nt(void **state)
{
	struct ps_vfs *low = ps_vfs_new(PS_PLATFORM_NT);
	struct ps_fs lowfs, fs;
	struct ps_overlay *ov;
	size_t n;

	(void)state;
	ps_vfs_fs(low, &lowfs);
	add(low, "C:\\Python312\\python.exe", PS_FT_FILE, "MZ", NULL, 0);
	add(low, "C:\\Python312\\Lib\\os.py", PS_FT_FILE, "", NULL, 0);
	ov = ps_overlay_new(&lowfs);
	ps_overlay_fs(ov, &fs);
	fs.cwd = "C:\\Python312";
	assert_int_equal(fs.platform, PS_PLATFORM_NT);
	add(ps_overlay_upper(ov), "C:\\Python312\\python312._pth", PS_FT_FILE, "Lib\n", NULL, 0);
	assert_true(ps_fs_isfile(&fs, "c:\\python312\\PYTHON312._PTH"));
	assert_true(ps_fs_isxfile(&fs, "python.exe"));
	assert_true(listed(&fs, "C:/Python312", "python312._pth", &n));
	assert_int_equal(n, 3);
	assert_int_equal(ps_overlay_whiteout(ov, "c:\\PYTHON312\\lib"), 0);
	assert_false(ps_fs_exists(&fs, "C:\\Python312\\Lib\\os.py"));
	assert_true(listed(&fs, "C:\\Python312", "python.exe", &n));
	assert_int_equal(n, 2);
	ps_overlay_free(ov);
	ps_vfs_free(low);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_across_layers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whiteouts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test(test_nt),
	};
	return cmocka_run_group_tests_name("overlay", tests, NULL, NULL);
}
