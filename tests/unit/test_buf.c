/* test_buf.c - struct ps_buf and struct ps_error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

static void test_init_empty(void **state)
{
	struct ps_buf b;

	(void)state;
	ps_buf_init(&b);
	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_false(b.oom);
	ps_buf_release(&b);   /* releasing an unused buffer frees nothing */
	assert_string_equal(b.s, "");
}

static void test_append(void **state)
{
	struct ps_buf b;

	(void)state;
	ps_buf_init(&b);
	ps_buf_adds(&b, "abc");
	ps_buf_addc(&b, '/');
	ps_buf_add(&b, "xyz", 2);
	ps_buf_addf(&b, "-%d-%s", 42, "q");
	assert_string_equal(b.s, "abc/xy-42-q");
	assert_int_equal(b.len, 11);
	assert_true(b.alloc > b.len);
	ps_buf_release(&b);
}

static void test_addf_growth(void **state)
{
	struct ps_buf b;
	char big[1000];
	int i;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ps_buf_init(&b);
	ps_buf_adds(&b, "a");
	/* does not fit in the first allocation: exercises the retry path */
	ps_buf_addf(&b, "%s%s", big, "end");
	assert_int_equal(b.len, 1 + 999 + 3);
	assert_int_equal(strlen(b.s), b.len);
	assert_string_equal(b.s + b.len - 3, "end");
	for (i = 0; i < 1000; i++)
		ps_buf_addf(&b, "%d,", i);
	assert_int_equal(strlen(b.s), b.len);
	assert_memory_equal(b.s + 1003, "0,1,2,", 6);
	ps_buf_release(&b);
}

static void test_add_embedded_nul(void **state)
{
	struct ps_buf b;

	(void)state;
	ps_buf_init(&b);
	ps_buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.s, "a\0b", 4);
	ps_buf_release(&b);
}

static void test_reset(void **state)
{
	struct ps_buf b;
	size_t alloc;

	(void)state;
	ps_buf_init(&b);
	ps_buf_reset(&b);     /* on the static "" : must not write into it */
	assert_string_equal(b.s, "");
	ps_buf_adds(&b, "hello");
	alloc = b.alloc;
	ps_buf_reset(&b);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, alloc);
	ps_buf_adds(&b, "x");
	assert_string_equal(b.s, "x");
	ps_buf_release(&b);
}

static void test_detach(void **state)
{
	struct ps_buf b;
	char *s;

	(void)state;
	ps_buf_init(&b);
	s = ps_buf_detach(&b);         /* empty buffer: a real, freeable "" */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	ps_buf_adds(&b, "owned");
	s = ps_buf_detach(&b);
	assert_string_equal(s, "owned");
	assert_string_equal(b.s, "");  /* re-initialised */
	assert_int_equal(b.alloc, 0);
	free(s);
}

static void test_oom_sticky(void **state)
{
	struct ps_buf b;

	(void)state;
	ps_buf_init(&b);
	ps_buf_adds(&b, "ok");
	/* an impossible size fails like an allocation failure */
	ps_buf_add(&b, "x", SIZE_MAX - 1);
	assert_true(b.oom);
	assert_string_equal(b.s, "ok");   /* still a valid string */
	ps_buf_adds(&b, "more");          /* ignored */
	ps_buf_addf(&b, "%s", "more");
	ps_buf_addc(&b, 'c');
	assert_string_equal(b.s, "ok");
	assert_null(ps_buf_detach(&b));   /* detach reports the failure, frees */
	assert_false(b.oom);
	assert_string_equal(b.s, "");
}

static void test_error(void **state)
{
	struct ps_error e;
	char out[128];

	(void)state;
	ps_error_init(&e);
	assert_int_equal(e.code, PS_OK);
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "");
	ps_error_set(&e, PS_ERR_INVAL, "bad %s", "thing");
	assert_int_equal(e.code, PS_ERR_INVAL);
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "bad thing");
	ps_error_at(&e, PS_ERR_SCHEMA, "s.yaml", 12, 3, "unknown key '%s'", "prefx");
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "s.yaml:12:3: unknown key 'prefx'");
	/* set keeps the location */
	ps_error_set(&e, PS_ERR_PARSE, "other");
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "s.yaml:12:3: other");
	ps_error_at(&e, PS_ERR_IO, "f", 7, 0, "no col");
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "f:7: no col");
	ps_error_at(&e, PS_ERR_IO, "f", 0, 0, "no line");
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "f: no line");
	ps_error_at(&e, PS_ERR_IO, e.file, 1, 1, "same file");  /* aliasing is fine */
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "f:1:1: same file");
	ps_error_at(&e, PS_ERR_IO, NULL, 0, 0, "nothing");
	assert_string_equal(ps_error_format(&e, out, sizeof(out)), "nothing");
	/* truncation keeps the output terminated */
	ps_error_at(&e, PS_ERR_IO, "abcdef", 1, 2, "message");
	assert_string_equal(ps_error_format(&e, out, 5), "abcd");
	assert_string_equal(ps_error_format(&e, out, 12), "abcdef:1:2:");
	/* NULL err is a no-op everywhere */
	ps_error_init(NULL);
	ps_error_set(NULL, 1, "x");
	ps_error_at(NULL, 1, "f", 1, 1, "x");
	assert_string_equal(ps_error_format(NULL, out, sizeof(out)), "");
}

static void test_error_long_message(void **state)
{
	struct ps_error e;
	char longs[600];

	(void)state;
	memset(longs, 'm', sizeof(longs) - 1);
	longs[sizeof(longs) - 1] = '\0';
	ps_error_init(&e);
	ps_error_at(&e, PS_ERR_IO, longs, 1, 1, "%s", longs);
	assert_int_equal(strlen(e.msg), sizeof(e.msg) - 1);
	assert_int_equal(strlen(e.file), sizeof(e.file) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_addf_growth),
		cmocka_unit_test(test_add_embedded_nul),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_oom_sticky),
		cmocka_unit_test(test_error),
		cmocka_unit_test(test_error_long_message),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
