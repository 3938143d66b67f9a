/* test_theme.c - theme files: the shipped ones load, default.yaml = built-in, errors located. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "engine.h"
#include "../../tui/theme.h"

/* Tests run from the top of the tree (make check). */
static void test_shipped_themes_load(void **state)
{
	static const char *const names[] = { "default", "light", "high-contrast", "mono" };
	struct ps_theme t;
	struct ps_error err;
	char path[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "themes/%s.yaml", names[i]);
		ps_error_init(&err);
		if (theme_load_file(&t, path, &err) != 0)
			fail_msg("%s: %s:%d:%d: %s", path, err.file, err.line, err.col, err.msg);
		assert_string_equal(t.name, names[i]);
	}
	/* mono has no colour in any tier */
	assert_int_equal(theme_load_file(&t, "themes/mono.yaml", &err), 0);
	for (i = 0; i < ROLE_COUNT; i++) {
		assert_int_equal(t.style[PS_TIER_256][i].fg, PS_COLOR_DEFAULT);
		assert_int_equal(t.style[PS_TIER_8][i].bg, PS_COLOR_DEFAULT);
	}
}

static void test_default_file_is_builtin(void **state)
{
	struct ps_theme file, builtin;
	struct ps_error err;
	int tier, role;

	(void)state;
	ps_error_init(&err);
	assert_int_equal(theme_load_file(&file, "themes/default.yaml", &err), 0);
	theme_builtin(&builtin);
	for (tier = 0; tier < PS_TIER_COUNT; tier++)
		for (role = 0; role < ROLE_COUNT; role++) {
			const struct ps_style *a = &file.style[tier][role], *b = &builtin.style[tier][role];
			if (a->fg != b->fg || a->bg != b->bg || a->attrs != b->attrs)
				fail_msg("themes/default.yaml differs from the built-in theme at %s (tier %d)",
					 theme_role_name((enum ps_role)role), tier);
		}
}

static void check_error(const char *text, int line, int col, const char *msg)
{
	struct ps_theme t, builtin;
	struct ps_error err;

	ps_error_init(&err);
	assert_int_equal(theme_load_string(&t, "x.yaml", text, strlen(text), &err), -1);
	assert_string_equal(err.file, "x.yaml");
	if (err.line != line || err.col != col || !strstr(err.msg, msg))
		fail_msg("got %d:%d: %s, want %d:%d: ...%s...", err.line, err.col, err.msg, line, col, msg);
	/* a broken theme leaves the built-in one */
	theme_builtin(&builtin);
	assert_memory_equal(&t.style, &builtin.style, sizeof(t.style));
}

static void test_errors_located(void **state)
{
	(void)state;
	check_error("name: x\nroles:\n  selectd:\n    mono: bold\n", 3, 3, "unknown role 'selectd'");
	check_error("roles:\n  selected:\n    color8: {fg: pink}\n", 3, 18, "unknown colour 'pink'");
	check_error("roles:\n  selected:\n    color8: {fg: 12}\n", 3, 18, "out of range for color8");
	check_error("roles:\n  key:\n    color256: {fg: 256}\n", 3, 20, "unknown colour '256'");
	check_error("roles:\n  key:\n    mono: [bold, blinking]\n", 3, 18, "unknown attribute 'blinking'");
	check_error("roles:\n  key:\n    colour256: {}\n", 3, 5, "unknown key 'colour256'");
	check_error("roles: [a\n", 2, 1, "");
	check_error("- a\n- b\n", 1, 3, "a theme must be a mapping");
	/* libfyaml 0.7.12 loops forever on this one: refused before it gets there */
	check_error("%\xff\n", 1, 2, "not valid UTF-8 text");
	check_error("name: caf\xc3\n", 1, 10, "not valid UTF-8 text");
}

static void test_partial_theme(void **state)
{
	const char *text = "name: mine\nroles:\n  match:\n    color256: {fg: 1, bg: 2, attrs: [bold, underline]}\n";
	struct ps_theme t, builtin;
	struct ps_error err;

	(void)state;
	ps_error_init(&err);
	assert_int_equal(theme_load_string(&t, "mine.yaml", text, strlen(text), &err), 0);
	assert_string_equal(t.name, "mine");
	assert_int_equal(t.style[PS_TIER_256][ROLE_MATCH].fg, 1);
	assert_int_equal(t.style[PS_TIER_256][ROLE_MATCH].bg, 2);
	assert_int_equal(t.style[PS_TIER_256][ROLE_MATCH].attrs, PS_A_BOLD | PS_A_UNDERLINE);
	/* what the file does not say keeps the built-in values */
	theme_builtin(&builtin);
	assert_memory_equal(&t.style[PS_TIER_8][ROLE_MATCH], &builtin.style[PS_TIER_8][ROLE_MATCH],
			    sizeof(struct ps_style));
	assert_memory_equal(&t.style[PS_TIER_256][ROLE_ERROR], &builtin.style[PS_TIER_256][ROLE_ERROR],
			    sizeof(struct ps_style));
}

static void test_resolve(void **state)
{
	const char *dirs[] = { "/nonexistent", "themes", NULL };
	struct ps_error err;
	char *p;

	(void)state;
	p = theme_resolve("light", dirs, &err);
	assert_non_null(p);
	assert_string_equal(p, "themes/light.yaml");
	free(p);
	/* a path is taken as it is */
	p = theme_resolve("./my.yaml", dirs, &err);
	assert_string_equal(p, "./my.yaml");
	free(p);
	assert_null(theme_resolve("nosuch", dirs, &err));
	assert_int_equal(err.code, PS_ERR_INVAL);
	assert_non_null(strstr(err.msg, "unknown theme 'nosuch'"));
	/* "default" without a file is the built-in theme, not an error */
	const char *none[] = { "/nonexistent", NULL };
	assert_null(theme_resolve("default", none, &err));
	assert_int_equal(err.code, PS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_load),
		cmocka_unit_test(test_default_file_is_builtin),
		cmocka_unit_test(test_errors_located),
		cmocka_unit_test(test_partial_theme),
		cmocka_unit_test(test_resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
