/* test_match.c - the explorer's PCRE2 wrapper: smart case, errors, the find-all loop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "../../tui/match.h"

static void test_smart_case(void **state)
{
	struct ps_match *m = match_new();
	struct ps_error err;

	(void)state;
	ps_error_init(&err);
	assert_false(match_active(m));
	assert_false(match_test(m, "anything", 8));
	/* all lower-case: case is ignored */
	assert_int_equal(match_set(m, "usr", &err), 0);
	assert_true(match_test(m, "/USR/lib", 8));
	/* an upper-case letter makes it case-sensitive */
	assert_int_equal(match_set(m, "Usr", &err), 0);
	assert_false(match_test(m, "/usr/lib", 8));
	assert_true(match_test(m, "/Usr/lib", 8));
	/* an escape such as \S is not an upper-case letter */
	assert_int_equal(match_set(m, "\\Sib", &err), 0);
	assert_true(match_test(m, "/LIB", 4));
	match_free(m);
}

static void test_error_keeps_old(void **state)
{
	struct ps_match *m = match_new();
	struct ps_error err;

	(void)state;
	ps_error_init(&err);
	assert_int_equal(match_set(m, "site", &err), 0);
	assert_int_equal(match_set(m, "lib(", &err), -1);
	/* PCRE2 reports the offset where it gave up: the end of "lib(" */
	assert_non_null(strstr(err.msg, "regex error at offset 4: "));
	assert_non_null(strstr(err.msg, "missing closing parenthesis"));
	assert_string_equal(match_pattern(m), "site");
	assert_true(match_test(m, "site-packages", 13));
	/* an empty pattern clears */
	assert_int_equal(match_set(m, "", &err), 0);
	assert_false(match_active(m));
	assert_string_equal(match_pattern(m), "");
	match_free(m);
}

static void test_find_all(void **state)
{
	struct ps_match *m = match_new();
	struct ps_error err;
	struct ps_span sp[8];
	size_t n;

	(void)state;
	ps_error_init(&err);
	assert_int_equal(match_set(m, "a", &err), 0);
	n = match_all(m, "banana", 6, sp, 8);
	assert_int_equal(n, 3);
	assert_int_equal(sp[0].start, 1);
	assert_int_equal(sp[0].end, 2);
	assert_int_equal(sp[2].start, 5);
	/* the output limit is honoured */
	assert_int_equal(match_all(m, "banana", 6, sp, 2), 2);

	/* a pattern that can match empty: the loop advances and ends; only non-empty spans kept */
	assert_int_equal(match_set(m, "x*", &err), 0);
	n = match_all(m, "axxbx", 5, sp, 8);
	assert_int_equal(n, 2);
	assert_int_equal(sp[0].start, 1);
	assert_int_equal(sp[0].end, 3);
	assert_int_equal(sp[1].start, 4);
	assert_int_equal(sp[1].end, 5);

	/* an empty match right before a multi-byte character steps over the whole character */
	assert_int_equal(match_set(m, "(?=\xc3\xa9)|b", &err), 0);
	n = match_all(m, "\xc3\xa9" "b\xc3\xa9", 5, sp, 8);
	assert_int_equal(n, 1);
	assert_int_equal(sp[0].start, 2);
	match_free(m);
}

static void test_utf8(void **state)
{
	struct ps_match *m = match_new();
	struct ps_error err;
	struct ps_span sp[4];
	const char *subject = "/home/jos\xc3\xa9/caf\xc3\xa9";

	(void)state;
	ps_error_init(&err);
	assert_int_equal(match_set(m, "\xc3\xa9", &err), 0);
	assert_int_equal(match_all(m, subject, strlen(subject), sp, 4), 2);
	assert_int_equal(sp[0].start, 9);
	assert_int_equal(sp[0].end, 11);
	/* smart case works on non-ASCII too: lower-case pattern, upper-case subject */
	assert_true(match_test(m, "CAF\xc3\x89", 5));
	/* odd bytes in a file name do not break matching */
	assert_int_equal(match_set(m, "lib", &err), 0);
	assert_true(match_test(m, "/\xff\xfe/lib", 8));
	match_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smart_case),
		cmocka_unit_test(test_error_keeps_old),
		cmocka_unit_test(test_find_all),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
