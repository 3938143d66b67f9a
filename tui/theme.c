/* theme.c - see theme.h.  No curses here. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfyaml.h>

#include "theme.h"
#include "util.h"

static const char *const role_names[ROLE_COUNT] = {
	"default", "title", "status", "status_error", "border", "pane_title",
	"pane_title_focus", "header", "selected", "key", "label", "dim", "match", "error",
	"warning", "banner", "path_found", "path_missing", "badge", "added", "changed",
	"removed", "overlay",
};

#define D PS_COLOR_DEFAULT
#define B PS_A_BOLD
#define R PS_A_REVERSE
#define U PS_A_UNDERLINE
#define M PS_A_DIM

/*
 * The built-in default (dark background).  themes/default.yaml says the
 * same thing in YAML; test_theme checks that the two agree.
 */
static const struct {
	struct ps_style c256, c8;
	unsigned mono;
} builtin[ROLE_COUNT] = {
	[ROLE_DEFAULT] = { { 252, D, 0 }, { 7, D, 0 }, 0 },
	[ROLE_TITLE] = { { 16, 110, B }, { 0, 6, B }, R | B },
	[ROLE_STATUS] = { { 252, 236, 0 }, { 7, 4, 0 }, R },
	[ROLE_STATUS_ERROR] = { { 231, 124, B }, { 7, 1, B }, R | B },
	[ROLE_BORDER] = { { 240, D, 0 }, { 4, D, 0 }, 0 },
	[ROLE_PANE_TITLE] = { { 250, D, B }, { 7, D, B }, B },
	[ROLE_PANE_TITLE_FOCUS] = { { 16, 179, B }, { 0, 3, B }, R | B },
	[ROLE_HEADER] = { { 110, D, B }, { 6, D, B }, B | U },
	[ROLE_SELECTED] = { { 16, 117, 0 }, { 0, 6, 0 }, R },
	[ROLE_KEY] = { { 179, D, B }, { 3, D, B }, B },
	[ROLE_LABEL] = { { 246, D, 0 }, { 7, D, 0 }, 0 },
	[ROLE_DIM] = { { 242, D, 0 }, { 7, D, M }, M },
	[ROLE_MATCH] = { { 16, 221, B }, { 0, 3, B }, U | B },
	[ROLE_ERROR] = { { 203, D, B }, { 1, D, B }, B },
	[ROLE_WARNING] = { { 221, D, 0 }, { 3, D, B }, B },
	[ROLE_BANNER] = { { 231, 88, B }, { 7, 1, B }, R | B },
	[ROLE_PATH_FOUND] = { { 114, D, 0 }, { 2, D, 0 }, 0 },
	[ROLE_PATH_MISSING] = { { 203, D, 0 }, { 1, D, 0 }, M },
	[ROLE_BADGE] = { { 146, D, 0 }, { 5, D, 0 }, 0 },
	[ROLE_ADDED] = { { 114, D, B }, { 2, D, B }, B },
	[ROLE_CHANGED] = { { 221, D, B }, { 3, D, B }, B },
	[ROLE_REMOVED] = { { 203, D, 0 }, { 1, D, 0 }, M },
	[ROLE_OVERLAY] = { { 177, D, B }, { 5, D, B }, U },
};

#undef D
#undef B
#undef R
#undef U
#undef M

static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "normal", 0 }, { "bold", PS_A_BOLD }, { "dim", PS_A_DIM },
	{ "reverse", PS_A_REVERSE }, { "underline", PS_A_UNDERLINE },
	{ "italic", PS_A_ITALIC }, { "standout", PS_A_STANDOUT },
};

const char *theme_role_name(enum ps_role role)
{
	return (unsigned)role < ROLE_COUNT ? role_names[role] : "?";
}

int theme_role_parse(const char *name)
{
	int i;

	for (i = 0; i < ROLE_COUNT; i++)
		if (!strcmp(name, role_names[i]))
			return i;
	return -1;
}

void theme_builtin(struct ps_theme *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "default");
	for (i = 0; i < ROLE_COUNT; i++) {
		t->style[PS_TIER_256][i] = builtin[i].c256;
		t->style[PS_TIER_8][i] = builtin[i].c8;
		t->style[PS_TIER_MONO][i].fg = PS_COLOR_DEFAULT;
		t->style[PS_TIER_MONO][i].bg = PS_COLOR_DEFAULT;
		t->style[PS_TIER_MONO][i].attrs = builtin[i].mono;
	}
}

/* Where a node starts, 1-based; 0/0 when libfyaml cannot say. */
static void node_pos(struct fy_node *n, int *line, int *col)
{
	struct fy_token *tok = NULL;
	const struct fy_mark *mk;

	*line = *col = 0;
	if (!n)
		return;
	if (fy_node_is_scalar(n))
		tok = fy_node_get_scalar_token(n);
	else if (fy_node_is_mapping(n)) {
		void *it = NULL;
		struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
		if (p) {
			node_pos(fy_node_pair_key(p), line, col);
			return;
		}
	} else if (fy_node_is_sequence(n)) {
		void *it = NULL;
		struct fy_node *c = fy_node_sequence_iterate(n, &it);
		if (c) {
			node_pos(c, line, col);
			return;
		}
	}
	if (!tok)
		return;
	mk = fy_token_start_mark(tok);
	if (mk) {
		*line = mk->line + 1;
		*col = mk->column + 1;
	}
}

struct loader {
	const char *file;
	struct ps_error *err;
};

static int fail_at(struct loader *ld, struct fy_node *n, const char *fmt, ...) PS_PRINTF(3, 4);

/* Reports a schema error at node n; returns -1. */
static int fail_at(struct loader *ld, struct fy_node *n, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	node_pos(n, &line, &col);
	ps_error_at(ld->err, PS_ERR_SCHEMA, ld->file, line, col, "%s", msg);
	return -1;
}

static const char *scalar(struct fy_node *n)
{
	return (n && fy_node_is_scalar(n)) ? fy_node_get_scalar0(n) : NULL;
}

static int parse_color(struct loader *ld, struct fy_node *n, int max, short *out)
{
	const char *s = scalar(n);
	char *end;
	long v;
	int i;

	if (!s)
		return fail_at(ld, n, "a colour must be a number or a name");
	if (!strcmp(s, "default")) {
		*out = PS_COLOR_DEFAULT;
		return 0;
	}
	for (i = 0; i < 8; i++)
		if (!strcmp(s, color_names[i])) {
			*out = (short)i;
			return 0;
		}
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s && !*end && !errno && v >= 0 && v <= max) {
		*out = (short)v;
		return 0;
	}
	if (*s && !*end && max == 7)
		return fail_at(ld, n, "colour '%s' out of range for color8 (0..7)", s);
	return fail_at(ld, n, "unknown colour '%s'", s);
}

static int parse_attr_word(struct loader *ld, struct fy_node *n, unsigned *out)
{
	const char *s = scalar(n);
	size_t i;

	if (!s)
		return fail_at(ld, n, "an attribute must be a word");
	for (i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (!strcmp(s, attr_names[i].name)) {
			*out |= attr_names[i].bit;
			return 0;
		}
	return fail_at(ld, n, "unknown attribute '%s'", s);
}

static int parse_attrs(struct loader *ld, struct fy_node *n, unsigned *out)
{
	*out = 0;
	if (fy_node_is_sequence(n)) {
		void *it = NULL;
		struct fy_node *c;
		while ((c = fy_node_sequence_iterate(n, &it)))
			if (parse_attr_word(ld, c, out) < 0)
				return -1;
		return 0;
	}
	return parse_attr_word(ld, n, out);
}

static int parse_colored(struct loader *ld, struct fy_node *n, int max, struct ps_style *st)
{
	void *it = NULL;
	struct fy_node_pair *p;

	if (!fy_node_is_mapping(n))
		return fail_at(ld, n, "expected a mapping with fg, bg and attrs");
	/* a tier given in the file replaces the default's one entirely */
	st->fg = st->bg = PS_COLOR_DEFAULT;
	st->attrs = 0;
	while ((p = fy_node_mapping_iterate(n, &it))) {
		struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *key = scalar(k);
		int rc;
		if (!key)
			return fail_at(ld, k, "expected a key");
		if (!strcmp(key, "fg"))
			rc = parse_color(ld, v, max, &st->fg);
		else if (!strcmp(key, "bg"))
			rc = parse_color(ld, v, max, &st->bg);
		else if (!strcmp(key, "attrs"))
			rc = parse_attrs(ld, v, &st->attrs);
		else
			rc = fail_at(ld, k, "unknown key '%s' (expected fg, bg or attrs)", key);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int parse_role(struct loader *ld, struct ps_theme *t, int role, struct fy_node *n)
{
	void *it = NULL;
	struct fy_node_pair *p;

	if (!fy_node_is_mapping(n))
		return fail_at(ld, n, "role '%s' must be a mapping with color256, color8 and mono",
			       role_names[role]);
	while ((p = fy_node_mapping_iterate(n, &it))) {
		struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *key = scalar(k);
		int rc;
		if (!key)
			return fail_at(ld, k, "expected a key");
		if (!strcmp(key, "color256"))
			rc = parse_colored(ld, v, 255, &t->style[PS_TIER_256][role]);
		else if (!strcmp(key, "color8"))
			rc = parse_colored(ld, v, 7, &t->style[PS_TIER_8][role]);
		else if (!strcmp(key, "mono"))
			rc = parse_attrs(ld, v, &t->style[PS_TIER_MONO][role].attrs);
		else
			rc = fail_at(ld, k, "unknown key '%s' (expected color256, color8 or mono)",
				     key);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int parse_doc(struct loader *ld, struct ps_theme *t, struct fy_node *root)
{
	void *it = NULL;
	struct fy_node_pair *p;

	if (!root || !fy_node_is_mapping(root))
		return fail_at(ld, root, "a theme must be a mapping with name and roles");
	while ((p = fy_node_mapping_iterate(root, &it))) {
		struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *key = scalar(k);
		if (!key)
			return fail_at(ld, k, "expected a key");
		if (!strcmp(key, "name")) {
			const char *s = scalar(v);
			if (!s)
				return fail_at(ld, v, "name must be a string");
			snprintf(t->name, sizeof(t->name), "%s", s);
		} else if (!strcmp(key, "description")) {
			continue;
		} else if (!strcmp(key, "roles")) {
			void *rit = NULL;
			struct fy_node_pair *rp;
			if (!fy_node_is_mapping(v))
				return fail_at(ld, v, "roles must be a mapping");
			while ((rp = fy_node_mapping_iterate(v, &rit))) {
				struct fy_node *rk = fy_node_pair_key(rp);
				const char *rname = scalar(rk);
				int role = rname ? theme_role_parse(rname) : -1;
				if (role < 0)
					return fail_at(ld, rk, "unknown role '%s'", rname ? rname : "?");
				if (parse_role(ld, t, role, fy_node_pair_value(rp)) < 0)
					return -1;
			}
		} else {
			return fail_at(ld, k, "unknown key '%s' (expected name, description, roles)",
				       key);
		}
	}
	return 0;
}

int theme_load_string(struct ps_theme *t, const char *file, const char *text, size_t len,
		      struct ps_error *err)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag = NULL;
	struct fy_parse_cfg cfg;
	struct fy_document *doc = NULL;
	struct loader ld = { file, err };
	int rc = -1, line, col;

	theme_builtin(t);
	/* libfyaml 0.7.12 can loop forever on invalid UTF-8: check first */
	if (ps_utf8_check(text, len, &line, &col) < 0) {
		ps_error_at(err, PS_ERR_PARSE, file, line, col, "not valid UTF-8 text");
		return -1;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return -1;
	}
	fy_diag_set_collect_errors(diag, true);
	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG;
	cfg.diag = diag;
	doc = fy_document_build_from_string(&cfg, text, len);
	if (!doc || fy_diag_got_error(diag)) {
		void *it = NULL;
		struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
		/* libfyaml's collected errors are already 1-based (its marks are not) */
		if (de)
			ps_error_at(err, PS_ERR_PARSE, file, de->line, de->column, "%s",
				    de->msg);
		else
			ps_error_at(err, PS_ERR_PARSE, file, 0, 0, "invalid YAML");
		goto out;
	}
	rc = parse_doc(&ld, t, fy_document_root(doc));
out:
	if (rc < 0)
		theme_builtin(t);
	fy_document_destroy(doc);
	fy_diag_destroy(diag);
	return rc;
}

int theme_load_file(struct ps_theme *t, const char *path, struct ps_error *err)
{
	FILE *f;
	struct ps_buf b;
	char chunk[4096];
	size_t n;
	int rc;

	theme_builtin(t);
	f = fopen(path, "r");
	if (!f) {
		ps_error_at(err, PS_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	ps_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ps_buf_add(&b, chunk, n);
	if (ferror(f)) {
		ps_error_at(err, PS_ERR_IO, path, 0, 0, "read error: %s", strerror(errno));
		fclose(f);
		ps_buf_release(&b);
		return -1;
	}
	fclose(f);
	xbuf_check(&b);
	rc = theme_load_string(t, path, b.s, b.len, err);
	ps_buf_release(&b);
	return rc;
}

char *theme_resolve(const char *arg, const char *const *dirs, struct ps_error *err)
{
	size_t len = strlen(arg);
	struct stat st;

	ps_error_init(err);
	if (strchr(arg, '/') || (len > 5 && !strcmp(arg + len - 5, ".yaml")))
		return xstrdup(arg);
	for (; dirs && *dirs; dirs++) {
		char *p = xasprintf("%s/%s.yaml", *dirs, arg);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
		free(p);
	}
	if (strcmp(arg, "default"))
		ps_error_set(err, PS_ERR_INVAL, "unknown theme '%s'", arg);
	return NULL;
}

#ifndef PS_DATADIR
#define PS_DATADIR "/usr/local/share/pathscope"
#endif

int theme_from_cli(const char *arg, struct ps_theme *t, struct ps_error *err)
{
	const char *dirs[8];
	char *owned[8];
	size_t nd = 0, no = 0, i;
	const char *env;
	char exe[4096];
	ssize_t n;
	char *path;
	int rc = 0;

	theme_builtin(t);
	ps_error_init(err);
	if ((env = getenv("PATHSCOPE_THEMES")) && *env)
		dirs[nd++] = env;
	if ((env = getenv("XDG_CONFIG_HOME")) && *env)
		dirs[nd++] = owned[no++] = xasprintf("%s/pathscope/themes", env);
	else if ((env = getenv("HOME")) && *env)
		dirs[nd++] = owned[no++] = xasprintf("%s/.config/pathscope/themes", env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			dirs[nd++] = owned[no++] = xasprintf("%s/themes", exe);
			dirs[nd++] = owned[no++] = xasprintf("%s/../themes", exe);
		}
	}
	dirs[nd++] = PS_DATADIR "/themes";
	dirs[nd] = NULL;
	path = theme_resolve(arg ? arg : "default", dirs, err);
	if (path)
		rc = theme_load_file(t, path, err);
	else if (err->code)
		rc = -1;
	free(path);
	for (i = 0; i < no; i++)
		free(owned[i]);
	return rc;
}
