/*
 * theme.h - the explorer's colours, as data (style §7).
 *
 * A theme gives every screen role three renderings: one for 256-colour
 * terminals, one for 8-colour terminals and one for monochrome (attributes
 * only).  Themes are YAML files (themes/NAME.yaml) read with libfyaml:
 *
 *   name: default
 *   roles:
 *     selected:
 *       color256: {fg: 16, bg: 117, attrs: [bold]}
 *       color8: {fg: black, bg: cyan}
 *       mono: [reverse]
 *
 * A colour is 0..255 (0..7 in color8), a name (black red green yellow
 * blue magenta cyan white) or "default"; attrs are bold, dim, reverse,
 * underline, italic, standout or normal, as a list or one word.  Roles a
 * file leaves out keep the built-in default's values.  The built-in
 * default is compiled in so a missing or broken file never stops the UI.
 *
 * No curses here (unit tests link this file): term.c turns styles into
 * curses attributes.
 */
#ifndef PS_TUI_THEME_H
#define PS_TUI_THEME_H

#include <stdbool.h>

#include "engine.h"

enum ps_role {
	ROLE_DEFAULT = 0,
	ROLE_TITLE,            /* the top line */
	ROLE_STATUS,           /* the bottom line */
	ROLE_STATUS_ERROR,     /* the bottom line carrying an error */
	ROLE_BORDER,
	ROLE_PANE_TITLE,
	ROLE_PANE_TITLE_FOCUS,
	ROLE_HEADER,           /* a section heading inside a pane */
	ROLE_SELECTED,         /* the cursor row */
	ROLE_KEY,              /* a key name in hints and help */
	ROLE_LABEL,            /* "prefix", "PYTHONHOME" ... */
	ROLE_DIM,              /* unset values, future trace steps */
	ROLE_MATCH,            /* text matched by the search pattern */
	ROLE_ERROR,
	ROLE_WARNING,
	ROLE_BANNER,           /* the fatal start-up banner */
	ROLE_PATH_FOUND,
	ROLE_PATH_MISSING,
	ROLE_BADGE,            /* origin badges: [stdlib], [site-packages] ... */
	ROLE_ADDED,
	ROLE_CHANGED,
	ROLE_REMOVED,
	ROLE_OVERLAY,          /* a value that lives only in the virtual overlay */
	ROLE_COUNT
};

enum ps_tier { PS_TIER_256 = 0, PS_TIER_8, PS_TIER_MONO, PS_TIER_COUNT };

/* Attribute bits, translated to A_* by term.c. */
enum {
	PS_A_BOLD = 1 << 0, PS_A_DIM = 1 << 1, PS_A_REVERSE = 1 << 2,
	PS_A_UNDERLINE = 1 << 3, PS_A_ITALIC = 1 << 4, PS_A_STANDOUT = 1 << 5,
};

#define PS_COLOR_DEFAULT (-1)

struct ps_style {
	short fg, bg;          /* PS_COLOR_DEFAULT or 0..255 (mono: unused) */
	unsigned attrs;        /* PS_A_* */
};

struct ps_theme {
	char name[64];
	struct ps_style style[PS_TIER_COUNT][ROLE_COUNT];
};

/* Name of a role as written in theme files ("selected", "path_found" ...), static. */
const char *theme_role_name(enum ps_role role);
/* The role named, or -1. */
int theme_role_parse(const char *name);

/* Fills t with the compiled-in default (dark) theme. */
void theme_builtin(struct ps_theme *t);

/*
 * Loads a theme from YAML text on top of the built-in default (roles not
 * given keep the default).  `file` names the text in error messages.  On
 * error returns -1 with err set to FILE:LINE:COL and a lower-case message,
 * and t holds the built-in default.
 */
int theme_load_string(struct ps_theme *t, const char *file, const char *text, size_t len,
		      struct ps_error *err);
/* The same from a file. */
int theme_load_file(struct ps_theme *t, const char *path, struct ps_error *err);

/*
 * Resolves --theme ARG: a path when ARG contains '/' or ends in ".yaml",
 * otherwise dirs[i]/ARG.yaml for the first dir (NULL-terminated list)
 * where it exists.  Returns the path (yours, free()), or NULL with err
 * set ("unknown theme 'x'").  NAME "default" with no file found is not
 * an error: returns NULL with err->code == PS_OK (use the built-in).
 */
char *theme_resolve(const char *arg, const char *const *dirs, struct ps_error *err);

/*
 * Loads the theme --theme names (NULL: "default") from the first of
 * $PATHSCOPE_THEMES, $XDG_CONFIG_HOME/pathscope/themes (or
 * ~/.config/pathscope/themes), the themes/ directory next to or above the
 * program, and PS_DATADIR/themes.  Returns 0, or -1 with err set (a
 * broken file gives FILE:LINE:COL) and t holding the built-in default.
 */
int theme_from_cli(const char *arg, struct ps_theme *t, struct ps_error *err);

#endif /* PS_TUI_THEME_H */
