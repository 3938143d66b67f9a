/*
 * test_site_speed.c - the data structures behind the engine's speed with
 * thousands of .pth files (issue 4 item 9) must not change what it
 * computes: known_paths as a hash set (site.c), sorted and cached vfs
 * listings (vfs.c), the one-pass note formatter (compute.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "compute-int.h"

#define NDIRS 3000

static void add(struct ps_vfs *v, const char *path, enum ps_ftype t, const char *content)
{
	struct ps_error err;
	ps_error_init(&err);
	if (ps_vfs_add(v, path, t, false, content, content ? strlen(content) : 0, NULL, 0, &err) < 0) {
		print_error("ps_vfs_add %s: %s\n", path, err.msg);
		fail();
	}
}

static void compute(struct ps_inputs *in, struct ps_vfs *v, struct ps_result *r)
{
	struct ps_fs fs;
	struct ps_error err;
	ps_error_init(&err);
	ps_vfs_fs(v, &fs);
	fs.cwd = in->cwd;
	assert_int_equal(ps_compute(in, &fs, r, &err), 0);
}

/*
 * NDIRS .pth files each add a directory; z.pth names every one of them
 * again (and the site directory itself): each is on sys.path once, in
 * order, and every line of z.pth is a duplicate.
 */
static void test_known_paths_many(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_inputs in;
	struct ps_result r;
	struct ps_buf z;
	char p[128], c[64];
	size_t ndup = 0;
	long first;
	(void)state;
	ps_inputs_init(&in);
	in.build.major = 3;
	in.build.minor = 12;
	ps_set_str(&in.build.prefix, "/usr");
	ps_set_str(&in.argv0, "/usr/bin/python3.12");
	ps_set_str(&in.cwd, "/");
	ps_env_set(&in.env, "HOME", "/h");
	add(v, "/usr/bin/python3.12", PS_FT_FILE, NULL);
	add(v, "/usr/lib/python3.12/os.py", PS_FT_FILE, NULL);
	add(v, "/usr/lib/python3.12/encodings/__init__.py", PS_FT_FILE, NULL);
	add(v, "/usr/lib/python3.12/lib-dynload", PS_FT_DIR, NULL);
	add(v, "/opt", PS_FT_DIR, NULL);
	ps_buf_init(&z);
	ps_buf_adds(&z, "/usr/lib/python3.12/site-packages\n");
	for (int i = 0; i < NDIRS; i++) {
		snprintf(p, sizeof p, "/usr/lib/python3.12/site-packages/p%04d.pth", i);
		snprintf(c, sizeof c, "/opt/d%04d\n", i);
		add(v, p, PS_FT_FILE, c);
		c[strlen(c) - 1] = '\0';
		add(v, c, PS_FT_DIR, NULL);
		ps_buf_addf(&z, "%s\n", c);
	}
	add(v, "/usr/lib/python3.12/site-packages/z.pth", PS_FT_FILE, z.s);
	ps_result_init(&r);
	compute(&in, v, &r);
	first = ps_strv_find(&r.sys.path, "/opt/d0000");
	assert_true(first > 0);
	assert_int_equal(r.sys.path.n, (size_t)first + NDIRS);
	for (int i = 0; i < NDIRS; i++) {
		snprintf(c, sizeof c, "/opt/d%04d", i);
		assert_string_equal(r.sys.path.v[first + i], c);
	}
	for (size_t i = 0; i < r.npth; i++)
		if (strstr(r.pth[i].file, "z.pth")) {
			assert_int_equal(r.pth[i].action, PS_PTH_DUPLICATE);
			ndup++;
		}
	assert_int_equal(ndup, NDIRS + 1);
	ps_result_release(&r);
	ps_buf_release(&z);
	ps_inputs_release(&in);
	ps_vfs_free(v);
}

/* NT: known_paths compare case-insensitively (normcase), the hash too. */
static void test_known_paths_nt_case(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_NT);
	struct ps_inputs in;
	struct ps_result r;
	(void)state;
	ps_inputs_init(&in);
	in.build.major = 3;
	in.build.minor = 12;
	in.build.platform = PS_PLATFORM_NT;
	ps_set_str(&in.argv0, "C:\\Py\\python.exe");
	ps_set_str(&in.os_executable, "C:\\Py\\python.exe");
	ps_set_str(&in.cwd, "C:\\");
	ps_env_set(&in.env, "APPDATA", "C:\\AD");
	add(v, "C:\\Py\\python.exe", PS_FT_FILE, NULL);
	add(v, "C:\\Py\\Lib\\os.py", PS_FT_FILE, NULL);
	add(v, "C:\\Py\\Lib\\encodings\\__init__.py", PS_FT_FILE, NULL);
	add(v, "C:\\Py\\DLLs", PS_FT_DIR, NULL);
	add(v, "C:\\Data\\Mixed", PS_FT_DIR, NULL);
	add(v, "C:\\Py\\Lib\\site-packages\\a.pth", PS_FT_FILE,
	    "C:\\Data\\Mixed\nc:\\DATA\\MIXED\nC:\\PY\n");
	ps_result_init(&r);
	compute(&in, v, &r);
	assert_false(r.has_fatal);
	assert_true(ps_strv_find(&r.sys.path, "C:\\Data\\Mixed") > 0);
	assert_int_equal(ps_strv_find(&r.sys.path, "c:\\DATA\\MIXED"), -1);
	assert_int_equal(r.pth[1].action, PS_PTH_DUPLICATE);
	assert_int_equal(r.pth[2].action, PS_PTH_DUPLICATE);   /* the executable's directory */
	ps_result_release(&r);
	ps_inputs_release(&in);
	ps_vfs_free(v);
}

/* vfs listings come sorted, and the cached order follows additions and removals. */
static void test_vfs_listing_order(void **state)
{
	struct ps_vfs *v = ps_vfs_new(PS_PLATFORM_POSIX);
	struct ps_fs fs;
	struct ps_strv names;
	(void)state;
	ps_vfs_fs(v, &fs);
	add(v, "/d/b", PS_FT_FILE, NULL);
	add(v, "/d/Z", PS_FT_FILE, NULL);
	add(v, "/d/a", PS_FT_DIR, NULL);
	add(v, "/d/.x", PS_FT_FILE, NULL);
	ps_strv_init(&names);
	assert_int_equal(ps_fs_list_dir(&fs, "/d", &names), 0);
	assert_int_equal(names.n, 4);
	assert_string_equal(names.v[0], ".x");
	assert_string_equal(names.v[1], "Z");
	assert_string_equal(names.v[2], "a");
	assert_string_equal(names.v[3], "b");
	ps_strv_clear(&names);
	add(v, "/d/aa", PS_FT_FILE, NULL);
	assert_int_equal(ps_vfs_remove(v, "/d/Z"), 0);
	assert_int_equal(ps_fs_list_dir(&fs, "/d", &names), 0);
	assert_int_equal(names.n, 4);
	assert_string_equal(names.v[0], ".x");
	assert_string_equal(names.v[1], "a");
	assert_string_equal(names.v[2], "aa");
	assert_string_equal(names.v[3], "b");
	ps_strv_clear(&names);
	assert_int_equal(ps_vfs_remove(v, "/d/a"), 0);
	assert_int_equal(ps_vfs_remove(v, "/d/aa"), 0);
	assert_int_equal(ps_vfs_remove(v, "/d/b"), 0);
	assert_int_equal(ps_vfs_remove(v, "/d/.x"), 0);
	assert_int_equal(ps_fs_list_dir(&fs, "/d", &names), 0);
	assert_int_equal(names.n, 0);
	/* a path through a symlink is still resolved (the walk copies only then) */
	add(v, "/t/x", PS_FT_FILE, NULL);
	{
		struct ps_error err;
		struct ps_stat st;
		ps_error_init(&err);
		assert_int_equal(ps_vfs_add(v, "/l", PS_FT_LINK, false, NULL, 0, "/t", 0, &err), 0);
		assert_int_equal(ps_fs_stat(&fs, "/l/x", &st), 0);
		assert_int_equal(st.type, PS_FT_FILE);
		assert_int_equal(ps_fs_stat(&fs, "/l/../t/x", &st), 0);
	}
	ps_strv_release(&names);
	ps_vfs_free(v);
}

/* The note formatter gives what snprintf gives, for its own conversions and the others. */
static void check_note(struct ps_ctx *c, const char *want)
{
	assert_true(c->r->ntrace > 0);
	assert_string_equal(c->r->trace[c->r->ntrace - 1].note, want);
}

static void test_note_formatter(void **state)
{
	struct ps_result r;
	struct ps_ctx c;
	char want[512];
	(void)state;
	ps_result_init(&r);
	memset(&c, 0, sizeof c);
	c.r = &r;
	ps_trace(&c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "x", "plain text, no conversion");
	check_note(&c, "plain text, no conversion");
	ps_trace(&c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "x", "%s", "just a string");
	check_note(&c, "just a string");
	snprintf(want, sizeof want, "a %s b %d c %ld d %zu e %u f %.*s g %c h %% i %d %ld %s",
		 "str", -42, 1234567890123L, (size_t)77, 4000000000u, 3, "abcdef", 'Q', 0,
		 -9223372036854775807L - 1, "end");
	ps_trace(&c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "x",
		 "a %s b %d c %ld d %zu e %u f %.*s g %c h %% i %d %ld %s", "str", -42,
		 1234567890123L, (size_t)77, 4000000000u, 3, "abcdef", 'Q', 0,
		 -9223372036854775807L - 1, "end");
	check_note(&c, want);
	snprintf(want, sizeof want, "byte 0x%02x at %5d", 0xe9, 12);
	ps_trace(&c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "x", "byte 0x%02x at %5d", 0xe9, 12);
	check_note(&c, want);
	{
		/* longer than the formatter's stack buffer */
		char big[2000];
		memset(big, 'y', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		ps_trace(&c, PS_PHASE_SITE, PS_OP_DECIDE, NULL, "x", "[%s|%d]", big, 5);
		assert_int_equal(strlen(r.trace[r.ntrace - 1].note), sizeof big - 1 + 4);
		assert_int_equal(strncmp(r.trace[r.ntrace - 1].note + sizeof big - 1 + 1, "|5]", 3), 0);
	}
	assert_false(c.oom);
	ps_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_paths_many),
		cmocka_unit_test(test_known_paths_nt_case),
		cmocka_unit_test(test_vfs_listing_order),
		cmocka_unit_test(test_note_formatter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
