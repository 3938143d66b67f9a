/*
 * fuzz_theme.c - libFuzzer harness for the explorer's theme loader
 * (tui/theme.c, YAML through libfyaml): every input either loads or fails
 * with a located message and leaves the built-in theme in place; a loaded
 * theme has every colour in range for its tier (-1 = default, 0..255,
 * 0..7 for color8) and only known attribute bits, and a NUL-terminated
 * name.
 *
 * theme.c is curses-free but lives in the front end, which libengine.a
 * does not hold: it is compiled in here (with util.c, which it uses), so
 * both the gcc replay build and `make fuzz` need nothing but this file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/util.c"
#include "../../tui/theme.c"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ALL_ATTRS (PS_A_BOLD | PS_A_DIM | PS_A_REVERSE | PS_A_UNDERLINE | PS_A_ITALIC | PS_A_STANDOUT)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ps_theme builtin_theme;
	static bool have_builtin;
	struct ps_theme t;
	struct ps_error err;

	if (!have_builtin) {
		theme_builtin(&builtin_theme);
		for (int r = 0; r < ROLE_COUNT; r++)
			if (theme_role_parse(theme_role_name((enum ps_role)r)) != r)
				fz_die("theme: role %d does not round-trip", r);
		have_builtin = true;
	}
	memset(&t, 0x5a, sizeof t);
	ps_error_init(&err);
	if (theme_load_string(&t, "fuzz.yaml", (const char *)data, size, &err) != 0) {
		if (err.code == PS_OK || !err.msg[0])
			fz_die("theme: failure without an error message");
		if (memcmp(&t, &builtin_theme, sizeof t) != 0)
			fz_die("theme: a failed load does not leave the built-in theme (%s)", err.msg);
		return 0;
	}
	if (!memchr(t.name, '\0', sizeof t.name))
		fz_die("theme: name not NUL-terminated");
	for (int tier = 0; tier < PS_TIER_COUNT; tier++)
		for (int r = 0; r < ROLE_COUNT; r++) {
			const struct ps_style *s = &t.style[tier][r];
			int max = tier == PS_TIER_8 ? 7 : 255;

			if (tier != PS_TIER_MONO && (s->fg < -1 || s->fg > max || s->bg < -1 || s->bg > max))
				fz_die("theme: tier %d role %s: fg %d bg %d", tier, theme_role_name((enum ps_role)r),
				       s->fg, s->bg);
			if (s->attrs & ~(unsigned)ALL_ATTRS)
				fz_die("theme: tier %d role %s: attrs %#x", tier, theme_role_name((enum ps_role)r),
				       s->attrs);
		}
	return 0;
}
