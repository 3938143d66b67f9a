/* test_strv.c - struct ps_strv and the "NAME=VALUE" environment helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

static void test_push(void **state)
{
	struct ps_strv sv;
	char buf[4] = "abc";
	int i;

	(void)state;
	ps_strv_init(&sv);
	assert_null(sv.v);
	assert_int_equal(ps_strv_push(&sv, buf), 0);
	buf[0] = 'X';                      /* push copies */
	assert_string_equal(sv.v[0], "abc");
	assert_null(sv.v[1]);
	assert_int_equal(ps_strv_push_take(&sv, strdup("taken")), 0);
	assert_int_equal(ps_strv_pushf(&sv, "%s-%d", "n", 7), 0);
	for (i = 0; i < 100; i++)
		assert_int_equal(ps_strv_pushf(&sv, "%d", i), 0);
	assert_int_equal(sv.n, 103);
	assert_string_equal(sv.v[1], "taken");
	assert_string_equal(sv.v[2], "n-7");
	assert_string_equal(sv.v[102], "99");
	assert_null(sv.v[103]);
	assert_int_equal(ps_strv_push_take(&sv, NULL), -1);   /* a failed strdup */
	assert_int_equal(sv.n, 103);
	ps_strv_release(&sv);
	assert_null(sv.v);
	assert_int_equal(sv.n, 0);
}

static void test_insert_remove(void **state)
{
	struct ps_strv sv;

	(void)state;
	ps_strv_init(&sv);
	assert_int_equal(ps_strv_insert(&sv, 0, "b"), 0);
	assert_int_equal(ps_strv_insert(&sv, 0, "a"), 0);
	assert_int_equal(ps_strv_insert(&sv, 2, "d"), 0);
	assert_int_equal(ps_strv_insert(&sv, 2, "c"), 0);
	assert_int_equal(ps_strv_insert(&sv, 99, "e"), 0);   /* past the end: appends */
	assert_int_equal(sv.n, 5);
	assert_string_equal(sv.v[0], "a");
	assert_string_equal(sv.v[1], "b");
	assert_string_equal(sv.v[2], "c");
	assert_string_equal(sv.v[3], "d");
	assert_string_equal(sv.v[4], "e");
	assert_null(sv.v[5]);
	ps_strv_remove(&sv, 0);
	ps_strv_remove(&sv, 2);
	ps_strv_remove(&sv, 10);          /* out of range: ignored */
	assert_int_equal(sv.n, 3);
	assert_string_equal(sv.v[0], "b");
	assert_string_equal(sv.v[1], "c");
	assert_string_equal(sv.v[2], "e");
	assert_null(sv.v[3]);
	ps_strv_remove(&sv, 2);
	assert_null(sv.v[2]);
	ps_strv_clear(&sv);
	assert_int_equal(sv.n, 0);
	assert_int_equal(ps_strv_push(&sv, "again"), 0);  /* usable after clear */
	ps_strv_release(&sv);
}

static void test_split(void **state)
{
	struct ps_strv sv;

	(void)state;
	ps_strv_init(&sv);
	assert_int_equal(ps_strv_split(&sv, "a:b::c", ':'), 0);
	assert_int_equal(sv.n, 4);
	assert_string_equal(sv.v[0], "a");
	assert_string_equal(sv.v[1], "b");
	assert_string_equal(sv.v[2], "");
	assert_string_equal(sv.v[3], "c");
	ps_strv_clear(&sv);
	assert_int_equal(ps_strv_split(&sv, "", ':'), 0);
	assert_int_equal(sv.n, 1);
	assert_string_equal(sv.v[0], "");
	ps_strv_clear(&sv);
	assert_int_equal(ps_strv_split(&sv, ":", ':'), 0);
	assert_int_equal(sv.n, 2);
	assert_string_equal(sv.v[0], "");
	assert_string_equal(sv.v[1], "");
	ps_strv_clear(&sv);
	/* split appends */
	assert_int_equal(ps_strv_push(&sv, "first"), 0);
	assert_int_equal(ps_strv_split(&sv, "x;y;", ';'), 0);
	assert_int_equal(sv.n, 4);
	assert_string_equal(sv.v[0], "first");
	assert_string_equal(sv.v[1], "x");
	assert_string_equal(sv.v[3], "");
	ps_strv_release(&sv);
}

static void test_find_equal_copy(void **state)
{
	struct ps_strv a, b;

	(void)state;
	ps_strv_init(&a);
	ps_strv_init(&b);
	assert_true(ps_strv_equal(&a, &b));
	assert_int_equal(ps_strv_find(&a, "x"), -1);
	ps_strv_split(&a, "x/y/x", '/');
	assert_int_equal(ps_strv_find(&a, "x"), 0);
	assert_int_equal(ps_strv_find(&a, "y"), 1);
	assert_int_equal(ps_strv_find(&a, "X"), -1);
	assert_false(ps_strv_equal(&a, &b));
	ps_strv_push(&b, "old");
	assert_int_equal(ps_strv_copy(&b, &a), 0);      /* clears b first */
	assert_true(ps_strv_equal(&a, &b));
	assert_ptr_not_equal(a.v[0], b.v[0]);           /* deep copy */
	free(b.v[2]);
	b.v[2] = strdup("z");
	assert_false(ps_strv_equal(&a, &b));
	ps_strv_remove(&b, 2);
	assert_false(ps_strv_equal(&a, &b));
	ps_strv_release(&a);
	assert_int_equal(ps_strv_copy(&b, &a), 0);      /* copying an empty vector */
	assert_int_equal(b.n, 0);
	ps_strv_release(&b);
}

static void test_env(void **state)
{
	struct ps_strv env;

	(void)state;
	ps_strv_init(&env);
	assert_null(ps_env_get(&env, "PATH"));
	assert_null(ps_env_get(NULL, "PATH"));
	assert_int_equal(ps_env_set(&env, "PATH", "/bin:/usr/bin"), 0);
	assert_int_equal(ps_env_set(&env, "PYTHONHOME", ""), 0);
	assert_int_equal(ps_env_set(&env, "PYTHONPATH", "a=b"), 0);
	assert_string_equal(ps_env_get(&env, "PATH"), "/bin:/usr/bin");
	assert_string_equal(ps_env_get(&env, "PYTHONHOME"), "");   /* set but empty */
	assert_string_equal(ps_env_get(&env, "PYTHONPATH"), "a=b");
	assert_null(ps_env_get(&env, "PYTHON"));                   /* prefix of a name */
	assert_null(ps_env_get(&env, "pythonhome"));               /* case-sensitive */
	assert_int_equal(ps_env_set(&env, "PATH", "/x"), 0);       /* replaces in place */
	assert_int_equal(env.n, 3);
	assert_string_equal(env.v[0], "PATH=/x");
	assert_int_equal(ps_env_set(&env, "A=B", "x"), -1);        /* invalid names */
	assert_int_equal(ps_env_set(&env, "", "x"), -1);
	assert_int_equal(ps_env_set(&env, "NULLVAL", NULL), 0);
	assert_string_equal(ps_env_get(&env, "NULLVAL"), "");
	/* duplicated entries (as a raw environ may have): first wins, unset removes all */
	ps_strv_push(&env, "DUP=1");
	ps_strv_push(&env, "DUP=2");
	assert_string_equal(ps_env_get(&env, "DUP"), "1");
	ps_env_unset(&env, "DUP");
	assert_null(ps_env_get(&env, "DUP"));
	ps_env_unset(&env, "PYTHONHOME");
	ps_env_unset(&env, "NOTSET");
	assert_null(ps_env_get(&env, "PYTHONHOME"));
	assert_string_equal(ps_env_get(&env, "PATH"), "/x");
	assert_int_equal(env.n, 3);
	/* an entry without '=' is not a definition */
	ps_strv_push(&env, "BARE");
	assert_null(ps_env_get(&env, "BARE"));
	ps_strv_release(&env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push),
		cmocka_unit_test(test_insert_remove),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_find_equal_copy),
		cmocka_unit_test(test_env),
	};
	return cmocka_run_group_tests_name("strv", tests, NULL, NULL);
}
