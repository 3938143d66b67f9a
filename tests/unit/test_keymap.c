/* test_keymap.c - the one action table: lookups by context, key names, generated help. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "../../tui/keymap.h"

static void test_every_action_bound(void **state)
{
	size_t n, i;
	const struct ps_binding *t = keymap_table(&n);
	int a;

	(void)state;
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		bool found = false;
		for (i = 0; i < n; i++)
			found |= t[i].action == (enum ps_action)a;
		if (!found)
			fail_msg("action %s has no key", keymap_action_name((enum ps_action)a));
	}
	for (i = 0; i < n; i++) {
		assert_non_null(t[i].help);
		assert_true(t[i].keys[0] != 0);
		assert_true(t[i].ctx != 0);
	}
}

static void test_lookup_by_context(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup('q', PS_CTX_INPUTS), ACT_QUIT);
	assert_int_equal(keymap_lookup('q', PS_CTX_TRACE), ACT_QUIT);
	/* q closes the help and the diff view instead of quitting */
	assert_int_equal(keymap_lookup('q', PS_CTX_HELP), ACT_HELP);
	assert_int_equal(keymap_lookup('q', PS_CTX_DIFF), ACT_DIFF);
	/* Enter toggles an input but explains a result row */
	assert_int_equal(keymap_lookup(PS_KEY_ENTER, PS_CTX_INPUTS), ACT_ACTIVATE);
	assert_int_equal(keymap_lookup(PS_KEY_ENTER, PS_CTX_RESULT), ACT_JUMP_ENTRY);
	/* arrows and vi keys */
	assert_int_equal(keymap_lookup('j', PS_CTX_TRACE), ACT_DOWN);
	assert_int_equal(keymap_lookup(PS_KEY_DOWN, PS_CTX_INPUTS), ACT_DOWN);
	assert_int_equal(keymap_lookup('k', PS_CTX_RESULT), ACT_UP);
	assert_int_equal(keymap_lookup(PS_KEY_TAB, PS_CTX_RESULT), ACT_NEXT_PANE);
	/* the wheel is the same action as the arrows */
	assert_int_equal(keymap_lookup(PS_KEY_WHEEL_DOWN, PS_CTX_HELP), ACT_DOWN);
	/* g in the trace goes to the first step (the pane-specific line comes first) */
	assert_int_equal(keymap_lookup('g', PS_CTX_TRACE), ACT_STEP_FIRST);
	assert_int_equal(keymap_lookup('g', PS_CTX_INPUTS), ACT_HOME);
	assert_int_equal(keymap_lookup('/', PS_CTX_RESULT), ACT_SEARCH);
	assert_int_equal(keymap_lookup('E', PS_CTX_TRACE), ACT_TOGGLE_E);
	/* unbound */
	assert_int_equal(keymap_lookup('#', PS_CTX_INPUTS), ACT_NONE);
	assert_int_equal(keymap_lookup('E', PS_CTX_HELP), ACT_NONE);
}

static void test_key_names(void **state)
{
	size_t n, i, k;
	const struct ps_binding *t = keymap_table(&n);
	char buf[16];

	(void)state;
	/* every key of the table names itself and parses back */
	for (i = 0; i < n; i++)
		for (k = 0; k < 4 && t[i].keys[k]; k++)
			assert_int_equal(keymap_key_parse(keymap_key_name(t[i].keys[k], buf, sizeof(buf))),
					 t[i].keys[k]);
	assert_int_equal(keymap_key_parse("<Enter>"), PS_KEY_ENTER);
	assert_int_equal(keymap_key_parse("down"), PS_KEY_DOWN);
	assert_int_equal(keymap_key_parse("C-l"), PS_KEY_CTRL('l'));
	assert_int_equal(keymap_key_parse("\xc3\xa9"), 0xe9);
	assert_int_equal(keymap_key_parse("nosuchkey"), -1);
	assert_string_equal(keymap_key_name(PS_KEY_CTRL('b'), buf, sizeof(buf)), "C-b");
	assert_string_equal(keymap_key_name(' ', buf, sizeof(buf)), "Space");
}

static void test_help_from_table(void **state)
{
	struct ps_strv lines;
	struct ps_buf all, hint;
	size_t n, i;
	const struct ps_binding *t = keymap_table(&n);

	(void)state;
	ps_strv_init(&lines);
	ps_buf_init(&all);
	keymap_help_lines(&lines);
	for (i = 0; i < lines.n; i++) {
		ps_buf_adds(&all, lines.v[i]);
		ps_buf_addc(&all, '\n');
	}
	/* every binding's help text appears on the help screen */
	for (i = 0; i < n; i++)
		if (!strstr(all.s, t[i].help))
			fail_msg("help lacks '%s'", t[i].help);
	assert_non_null(strstr(all.s, "Trace pane"));
	/* the hint fits the width asked for */
	ps_buf_init(&hint);
	keymap_hint(PS_CTX_INPUTS, 30, &hint);
	assert_true(hint.len <= 30);
	assert_non_null(strstr(hint.s, "Enter toggle"));
	/* text views say first how to close them */
	ps_buf_reset(&hint);
	keymap_hint(PS_CTX_DIFF, 60, &hint);
	assert_true(strncmp(hint.s, "q close", 7) == 0);
	assert_non_null(strstr(hint.s, "scroll"));
	ps_buf_reset(&hint);
	keymap_hint(PS_CTX_HELP, 60, &hint);
	assert_true(strncmp(hint.s, "q close", 7) == 0);
	/* the trace: the arrow steps */
	ps_buf_reset(&hint);
	keymap_hint(PS_CTX_TRACE, 60, &hint);
	assert_non_null(strstr(hint.s, "Down step"));
	ps_buf_release(&hint);
	ps_buf_release(&all);
	ps_strv_release(&lines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_bound),
		cmocka_unit_test(test_lookup_by_context),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_help_from_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
