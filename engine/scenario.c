/*
 * scenario.c - loads a scenario file (contract §3) into inputs, a virtual
 * tree and a private expect: block.
 *
 * The YAML is read with libfyaml's event parser into a small tree of our
 * own (struct ps_ynode, scenario-int.h) that remembers where every node
 * was, so that each error names FILE:LINE:COL.  The loader then walks the
 * tree key by key against fixed tables of known keys: an unknown key is an
 * error, with the closest known key suggested.
 *
 * Decisions worth knowing (also in the README's scenario section):
 *   - Scalars are read as the text written: `version: 3.10` is "3.10"
 *     (not the float 3.1 a YAML 1.1 reader would see); `mode: 755` is the
 *     octal 0755.  A plain empty value, ~ or null means "not given".
 *   - python.version is "MAJOR.MINOR" or "MAJOR.MINOR.MICRO".  Whether
 *     rules exist for it is ps_compute's business (--rules may override).
 *   - invocation.cwd defaults to "/" ("C:\" on nt); argv0 to "python3";
 *     run to {command: "pass"}.  The environment starts empty: only the
 *     variables listed in invocation.env are set (a null value = unset).
 *   - python.micro unset: the newest release of that minor (rules that
 *     changed within a minor, such as gh-113659, follow the newest).
 *   - embed.set_argv defaults to false: an embedding application that only
 *     calls Py_Initialize gives Python no argv, hence no sys.path[0];
 *     true models PySys_SetArgv(Ex) with updatepath or Py_RunMain, and
 *     invocation.run then plays argv[0].
 *   - Anchors are ignored and aliases refused (a scenario is small; this
 *     keeps every node in one place and rules out alias bombs).
 *   - Strings may not contain NUL bytes, except file contents.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenario-int.h"

#define MAX_SCENARIO_SIZE (16u << 20)

/* ------------------------------------------------------------------ */
/* Tree -> scenario                                                    */
/* ------------------------------------------------------------------ */

static bool word_in(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

struct loader {
	const char *name;           /* file name for messages */
	struct ps_error *err;
	struct ps_scenario *sc;
	enum ps_platform plat;
};

static int fail(struct loader *l, const struct ps_ynode *at, int code, const char *fmt, ...)
	PS_PRINTF(4, 5);
static int fail(struct loader *l, const struct ps_ynode *at, int code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ps_error_at(l->err, code, l->name ? l->name : "", at ? at->line : 0, at ? at->col : 0,
		    "%s", msg);
	return -1;
}

static int oom(struct loader *l)
{
	ps_error_set(l->err, PS_ERR_NOMEM, "out of memory");
	return -1;
}

static const char *kind_name(const struct ps_ynode *n)
{
	if (n->kind == PS_Y_SEQ)
		return "a sequence";
	if (n->kind == PS_Y_MAP)
		return "a mapping";
	switch (n->type) {
	case PS_YT_NULL: return "null";
	case PS_YT_BOOL: return "a boolean";
	case PS_YT_INT: return "a number";
	default: return "a string";
	}
}

static bool is_null(const struct ps_ynode *n)
{
	return !n || (n->kind == PS_Y_SCALAR && n->type == PS_YT_NULL);
}

/* Checks that n is a mapping whose keys are all in known; `what` names it in messages. */
static int check_map(struct loader *l, const struct ps_ynode *n, const char *what,
		     const char *const *known)
{
	if (n->kind != PS_Y_MAP)
		return fail(l, n, PS_ERR_SCHEMA, "%s must be a mapping, not %s", what, kind_name(n));
	for (size_t i = 0; i < n->n; i += 2) {
		const struct ps_ynode *k = n->kids[i];
		const char *sugg;

		if (word_in(k->text, known))
			continue;
		sugg = ps_closest(k->text, known);
		if (sugg)
			return fail(l, k, PS_ERR_SCHEMA, "unknown key '%.100s' (did you mean '%s'?)",
				    k->text, sugg);
		return fail(l, k, PS_ERR_SCHEMA, "unknown key '%.100s' in %s", k->text, what);
	}
	return 0;
}

/* The key node of a mapping value (for error locations). */
static const struct ps_ynode *key_of(const struct ps_ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->text, key) == 0)
			return map->kids[i];
	return map;
}

/* A string value: *out set to a copy, or left alone when absent or null. */
static int get_str(struct loader *l, const struct ps_ynode *map, const char *key,
		   const char *what, char **out)
{
	const struct ps_ynode *v = ps_ynode_get(map, key);
	char *copy;

	if (is_null(v))
		return 0;
	if (v->kind != PS_Y_SCALAR)
		return fail(l, v, PS_ERR_SCHEMA, "%s.%s must be a string, not %s", what, key,
			    kind_name(v));
	if (strlen(v->text) != v->len)
		return fail(l, v, PS_ERR_SCHEMA, "NUL character in %s.%s", what, key);
	copy = strdup(v->text);
	if (!copy)
		return oom(l);
	free(*out);
	*out = copy;
	return 0;
}

/* A boolean value into a tri-state int (unchanged when absent or null). */
static int get_tristate(struct loader *l, const struct ps_ynode *map, const char *key,
			const char *what, int *out)
{
	const struct ps_ynode *v = ps_ynode_get(map, key);

	if (is_null(v))
		return 0;
	if (v->kind != PS_Y_SCALAR || v->type != PS_YT_BOOL)
		return fail(l, v, PS_ERR_SCHEMA, "%s.%s must be true or false, not %s", what, key,
			    kind_name(v));
	*out = (int)v->ival;
	return 0;
}

static int get_bool(struct loader *l, const struct ps_ynode *map, const char *key,
		    const char *what, bool *out)
{
	int v = *out;

	if (get_tristate(l, map, key, what, &v) < 0)
		return -1;
	*out = v != 0;
	return 0;
}

/* Absolute for the scenario's platform; nt wants a drive ("C:\..."). */
static bool path_absolute(enum ps_platform plat, const char *p)
{
	if (plat == PS_PLATFORM_NT)
		return isalpha((unsigned char)p[0]) && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
	return p[0] == '/';
}

static int get_abs_path(struct loader *l, const struct ps_ynode *map, const char *key,
			const char *what, char **out)
{
	const struct ps_ynode *v = ps_ynode_get(map, key);

	if (get_str(l, map, key, what, out) < 0)
		return -1;
	if (v && !is_null(v) && !path_absolute(l->plat, v->text))
		return fail(l, v, PS_ERR_SCHEMA, "%s.%s must be an absolute path%s, not '%.100s'",
			    what, key, l->plat == PS_PLATFORM_NT ? " with a drive" : "", v->text);
	return 0;
}

/* "3.12" or "3.12.1". */
static int parse_version(const char *s, int *major, int *minor, int *micro)
{
	char mm[16];
	const char *dot2;
	size_t n;

	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return -1;
	dot2 = strchr(s, '.');
	dot2 = dot2 ? strchr(dot2 + 1, '.') : NULL;
	n = dot2 ? (size_t)(dot2 - s) : strlen(s);
	if (n >= sizeof mm)
		return -1;
	memcpy(mm, s, n);
	mm[n] = '\0';
	if (ps_version_parse(mm, major, minor) < 0)
		return -1;
	*micro = -1;
	if (dot2) {
		char *end;
		long v;

		if (!isdigit((unsigned char)dot2[1]))
			return -1;
		errno = 0;
		v = strtol(dot2 + 1, &end, 10);
		if (errno || *end || v > 999)
			return -1;
		*micro = (int)v;
	}
	return 0;
}

static const char *const top_keys[] = {
	"name", "description", "platform", "python", "invocation", "embed", "registry", "files",
	"expect", NULL,
};
static const char *const python_keys[] = {
	"version", "prefix", "exec_prefix", "platlibdir", "vpath", "abi_thread", "library",
	"framework", "winver", "debian_site", "pythonpath_macro", "micro", NULL,
};
static const char *const invocation_keys[] = {
	"argv0", "executable", "cwd", "flags", "run", "env", "setuid", "pw_home", NULL,
};
static const char *const run_keys[] = {"command", "script", "module", "interactive", NULL};
static const char *const embed_keys[] = {
	"home", "program_name", "executable", "base_executable", "prefix", "exec_prefix",
	"base_prefix", "base_exec_prefix", "stdlib_dir", "module_search_paths", "pythonpath_env",
	"use_environment", "site_import", "user_site_directory", "pathconfig_warnings", "setpath",
	"set_argv", NULL,
};
static const char *const file_keys[] = {"type", "content", "link", "mode", "hidden", NULL};
static const char *const file_types[] = {"file", "exec", "dir", NULL};

static int load_python(struct loader *l, const struct ps_ynode *root)
{
	const struct ps_ynode *py = ps_ynode_get(root, "python");
	const struct ps_ynode *v, *mv;
	struct ps_build *b = &l->sc->inputs.build;
	int micro;

	if (is_null(py))
		return fail(l, py ? py : root, PS_ERR_SCHEMA, "missing python.version");
	if (check_map(l, py, "python", python_keys) < 0)
		return -1;
	v = ps_ynode_get(py, "version");
	if (is_null(v))
		return fail(l, v ? v : key_of(root, "python"), PS_ERR_SCHEMA,
			    "missing python.version");
	if (v->kind != PS_Y_SCALAR || parse_version(v->text, &b->major, &b->minor, &micro) < 0)
		return fail(l, v, PS_ERR_SCHEMA,
			    "python.version must be \"MAJOR.MINOR\" such as \"3.12\", not %s%.40s%s",
			    v->kind == PS_Y_SCALAR ? "'" : "",
			    v->kind == PS_Y_SCALAR ? v->text : kind_name(v),
			    v->kind == PS_Y_SCALAR ? "'" : "");
	b->micro = micro;
	mv = ps_ynode_get(py, "micro");
	if (!is_null(mv)) {
		if (mv->kind != PS_Y_SCALAR || mv->type != PS_YT_INT || mv->ival < 0 ||
		    mv->ival > 999)
			return fail(l, mv, PS_ERR_SCHEMA, "python.micro must be a number");
		if (micro >= 0 && micro != mv->ival)
			return fail(l, mv, PS_ERR_SCHEMA,
				    "python.micro %lld conflicts with python.version '%.40s'",
				    mv->ival, v->text);
		b->micro = (int)mv->ival;
	}
	if (get_str(l, py, "prefix", "python", &b->prefix) < 0 ||
	    get_str(l, py, "exec_prefix", "python", &b->exec_prefix) < 0 ||
	    get_str(l, py, "platlibdir", "python", &b->platlibdir) < 0 ||
	    get_str(l, py, "vpath", "python", &b->vpath) < 0 ||
	    get_str(l, py, "abi_thread", "python", &b->abi_thread) < 0 ||
	    get_str(l, py, "library", "python", &b->library) < 0 ||
	    get_bool(l, py, "framework", "python", &b->framework) < 0 ||
	    get_str(l, py, "winver", "python", &b->winver) < 0 ||
	    get_str(l, py, "pythonpath_macro", "python", &b->pythonpath_macro) < 0)
		return -1;
	v = ps_ynode_get(py, "debian_site");
	if (!is_null(v)) {
		if (v->kind == PS_Y_SCALAR && v->type == PS_YT_STR && strcmp(v->text, "detect") == 0)
			b->debian_site = -1;
		else if (get_tristate(l, py, "debian_site", "python", &b->debian_site) < 0)
			return fail(l, v, PS_ERR_SCHEMA,
				    "python.debian_site must be true, false or detect, not %s",
				    kind_name(v));
	}
	return 0;
}

static const struct {
	const char *flag;
	size_t off;
} flag_table[] = {
	{"-E", offsetof(struct ps_cli_flags, ignore_environment)},
	{"-I", offsetof(struct ps_cli_flags, isolated)},
	{"-s", offsetof(struct ps_cli_flags, no_user_site)},
	{"-S", offsetof(struct ps_cli_flags, no_site)},
	{"-P", offsetof(struct ps_cli_flags, safe_path)},
};

static int load_flags(struct loader *l, const struct ps_ynode *v)
{
	if (is_null(v))
		return 0;
	if (v->kind != PS_Y_SEQ)
		return fail(l, v, PS_ERR_SCHEMA,
			    "invocation.flags must be a sequence such as [-s, -E], not %s",
			    kind_name(v));
	for (size_t i = 0; i < v->n; i++) {
		const struct ps_ynode *f = v->kids[i];
		size_t j;

		for (j = 0; j < sizeof flag_table / sizeof flag_table[0]; j++)
			if (f->kind == PS_Y_SCALAR && strcmp(f->text, flag_table[j].flag) == 0)
				break;
		if (j == sizeof flag_table / sizeof flag_table[0])
			return fail(l, f, PS_ERR_SCHEMA,
				    "unknown flag %s%.40s%s (one of -E -I -s -S -P)",
				    f->kind == PS_Y_SCALAR ? "'" : "",
				    f->kind == PS_Y_SCALAR ? f->text : kind_name(f),
				    f->kind == PS_Y_SCALAR ? "'" : "");
		*(bool *)((char *)&l->sc->inputs.flags + flag_table[j].off) = true;
	}
	return 0;
}

static int load_run(struct loader *l, const struct ps_ynode *v)
{
	struct ps_run *run = &l->sc->inputs.run;
	const struct ps_ynode *k, *val;
	char *arg = NULL;

	if (is_null(v))
		return 0;
	if (check_map(l, v, "invocation.run", run_keys) < 0)
		return -1;
	if (v->n != 2)
		return fail(l, v->n ? v->kids[2] : v, PS_ERR_SCHEMA,
			    "invocation.run takes exactly one of command, script, module, interactive");
	k = v->kids[0];
	val = v->kids[1];
	if (strcmp(k->text, "interactive") == 0) {
		if (val->kind != PS_Y_SCALAR || val->type != PS_YT_BOOL || !val->ival)
			return fail(l, val, PS_ERR_SCHEMA, "invocation.run.interactive must be true");
		free(run->arg);
		run->arg = NULL;
		run->kind = PS_RUN_INTERACTIVE;
		return 0;
	}
	if (val->kind != PS_Y_SCALAR || val->type == PS_YT_NULL)
		return fail(l, val, PS_ERR_SCHEMA, "invocation.run.%s must be a string, not %s",
			    k->text, kind_name(val));
	if (strlen(val->text) != val->len)
		return fail(l, val, PS_ERR_SCHEMA, "NUL character in invocation.run.%s", k->text);
	if (strcmp(k->text, "script") == 0 && val->len == 0)
		return fail(l, val, PS_ERR_SCHEMA, "invocation.run.script is empty");
	if (strcmp(k->text, "module") == 0 && val->len == 0)
		return fail(l, val, PS_ERR_SCHEMA, "invocation.run.module is empty");
	arg = strdup(val->text);
	if (!arg)
		return oom(l);
	free(run->arg);
	run->arg = arg;
	run->kind = strcmp(k->text, "command") == 0  ? PS_RUN_COMMAND
		    : strcmp(k->text, "script") == 0 ? PS_RUN_SCRIPT
						      : PS_RUN_MODULE;
	return 0;
}

static int load_env(struct loader *l, const struct ps_ynode *v)
{
	struct ps_strv *env = &l->sc->inputs.env;

	if (is_null(v))
		return 0;
	if (v->kind != PS_Y_MAP)
		return fail(l, v, PS_ERR_SCHEMA, "invocation.env must be a mapping, not %s",
			    kind_name(v));
	for (size_t i = 0; i < v->n; i += 2) {
		const struct ps_ynode *k = v->kids[i], *val = v->kids[i + 1];

		if (k->len == 0)
			return fail(l, k, PS_ERR_SCHEMA, "empty environment variable name");
		for (const char *p = k->text; *p; p++)
			if (*p == '=' || (unsigned char)*p < 0x20 || *p == 0x7f)
				return fail(l, k, PS_ERR_SCHEMA,
					    "bad environment variable name '%.100s'", k->text);
		if (l->plat == PS_PLATFORM_NT)
			for (size_t j = 0; j < i; j += 2)
				if (strcasecmp(v->kids[j]->text, k->text) == 0)
					return fail(l, k, PS_ERR_SCHEMA,
						    "duplicate environment variable '%.100s' (nt names ignore case)",
						    k->text);
		if (is_null(val))
			continue;
		if (val->kind != PS_Y_SCALAR)
			return fail(l, val, PS_ERR_SCHEMA,
				    "invocation.env.%.100s must be a string, not %s", k->text,
				    kind_name(val));
		if (strlen(val->text) != val->len)
			return fail(l, val, PS_ERR_SCHEMA, "NUL character in invocation.env.%.100s",
				    k->text);
		if (ps_env_set(env, k->text, val->text) < 0)
			return oom(l);
	}
	return 0;
}

static int load_invocation(struct loader *l, const struct ps_ynode *root)
{
	const struct ps_ynode *inv = ps_ynode_get(root, "invocation");
	struct ps_inputs *in = &l->sc->inputs;

	if (is_null(inv))
		return 0;
	if (check_map(l, inv, "invocation", invocation_keys) < 0)
		return -1;
	if (get_str(l, inv, "argv0", "invocation", &in->argv0) < 0 ||
	    get_str(l, inv, "executable", "invocation", &in->os_executable) < 0 ||
	    get_abs_path(l, inv, "cwd", "invocation", &in->cwd) < 0 ||
	    load_flags(l, ps_ynode_get(inv, "flags")) < 0 ||
	    load_run(l, ps_ynode_get(inv, "run")) < 0 ||
	    load_env(l, ps_ynode_get(inv, "env")) < 0 ||
	    get_bool(l, inv, "setuid", "invocation", &in->setuid) < 0 ||
	    get_str(l, inv, "pw_home", "invocation", &in->pw_home) < 0)
		return -1;
	if (in->cwd) {
		/* "/home/me/" and "/home/me" are one directory; keep the normal form. */
		char *norm = ps_path_normpath(l->plat, in->cwd);

		if (!norm)
			return oom(l);
		free(in->cwd);
		in->cwd = norm;
	}
	return 0;
}

static int load_embed(struct loader *l, const struct ps_ynode *root)
{
	const struct ps_ynode *em = ps_ynode_get(root, "embed");
	struct ps_embed *e = &l->sc->inputs.embed;
	const struct ps_ynode *msp;

	if (is_null(em))
		return 0;
	if (check_map(l, em, "embed", embed_keys) < 0)
		return -1;
	e->present = true;
	if (get_str(l, em, "home", "embed", &e->home) < 0 ||
	    get_str(l, em, "program_name", "embed", &e->program_name) < 0 ||
	    get_str(l, em, "executable", "embed", &e->executable) < 0 ||
	    get_str(l, em, "base_executable", "embed", &e->base_executable) < 0 ||
	    get_str(l, em, "prefix", "embed", &e->prefix) < 0 ||
	    get_str(l, em, "exec_prefix", "embed", &e->exec_prefix) < 0 ||
	    get_str(l, em, "base_prefix", "embed", &e->base_prefix) < 0 ||
	    get_str(l, em, "base_exec_prefix", "embed", &e->base_exec_prefix) < 0 ||
	    get_str(l, em, "stdlib_dir", "embed", &e->stdlib_dir) < 0 ||
	    get_str(l, em, "pythonpath_env", "embed", &e->pythonpath_env) < 0 ||
	    get_tristate(l, em, "use_environment", "embed", &e->use_environment) < 0 ||
	    get_tristate(l, em, "site_import", "embed", &e->site_import) < 0 ||
	    get_tristate(l, em, "user_site_directory", "embed", &e->user_site_directory) < 0 ||
	    get_tristate(l, em, "pathconfig_warnings", "embed", &e->pathconfig_warnings) < 0 ||
	    get_str(l, em, "setpath", "embed", &e->setpath) < 0 ||
	    get_bool(l, em, "set_argv", "embed", &e->set_argv) < 0)
		return -1;
	msp = ps_ynode_get(em, "module_search_paths");
	if (!is_null(msp)) {
		if (msp->kind != PS_Y_SEQ)
			return fail(l, msp, PS_ERR_SCHEMA,
				    "embed.module_search_paths must be a sequence, not %s",
				    kind_name(msp));
		for (size_t i = 0; i < msp->n; i++) {
			const struct ps_ynode *p = msp->kids[i];

			if (p->kind != PS_Y_SCALAR || p->type == PS_YT_NULL)
				return fail(l, p, PS_ERR_SCHEMA,
					    "embed.module_search_paths entries must be strings, not %s",
					    kind_name(p));
			if (strlen(p->text) != p->len)
				return fail(l, p, PS_ERR_SCHEMA,
					    "NUL character in embed.module_search_paths");
			if (ps_strv_push(&e->module_search_paths, p->text) < 0)
				return oom(l);
		}
		e->module_search_paths_set = true;
	}
	return 0;
}

static int load_registry(struct loader *l, const struct ps_ynode *root)
{
	const struct ps_ynode *reg = ps_ynode_get(root, "registry");
	struct ps_inputs *in = &l->sc->inputs;

	if (is_null(reg))
		return 0;
	if (reg->kind != PS_Y_MAP)
		return fail(l, reg, PS_ERR_SCHEMA, "registry must be a mapping, not %s",
			    kind_name(reg));
	if (reg->n == 0)
		return 0;
	in->registry = calloc(reg->n / 2, sizeof *in->registry);
	if (!in->registry)
		return oom(l);
	for (size_t i = 0; i < reg->n; i += 2) {
		const struct ps_ynode *k = reg->kids[i], *v = reg->kids[i + 1];
		struct ps_regval *rv = &in->registry[in->nregistry];

		if (v->kind != PS_Y_SCALAR || v->type == PS_YT_NULL)
			return fail(l, v, PS_ERR_SCHEMA, "registry values must be strings, not %s",
				    kind_name(v));
		if (strlen(v->text) != v->len)
			return fail(l, v, PS_ERR_SCHEMA, "NUL character in a registry value");
		rv->key = strdup(k->text);
		rv->value = strdup(v->text);
		in->nregistry++;
		if (!rv->key || !rv->value)
			return oom(l);
	}
	return 0;
}

/* "755", "0644", "000": 1 to 4 octal digits. */
static int parse_mode(const char *s, size_t len, unsigned *out)
{
	unsigned v = 0;

	if (len == 0 || len > 4 || strlen(s) != len)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '7')
			return -1;
		v = v * 8 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static int load_file(struct loader *l, const struct ps_ynode *k, const struct ps_ynode *v)
{
	enum ps_ftype type = PS_FT_FILE;
	bool exec = false, hidden = false;
	const char *content = NULL, *link = NULL;
	size_t content_len = 0;
	unsigned mode = 0;
	bool mode_given = false;
	struct ps_error e2;
	const char *tword = NULL;
	const struct ps_ynode *tnode = v;

	if (k->len == 0 || !path_absolute(l->plat, k->text))
		return fail(l, k, PS_ERR_SCHEMA, "files: '%.100s' is not an absolute path%s",
			    k->text, l->plat == PS_PLATFORM_NT ? " with a drive (C:\\...)" : "");
	if (v->kind == PS_Y_SEQ || is_null(v))
		return fail(l, v, PS_ERR_SCHEMA,
			    "files: %.100s must be file, exec, dir or a mapping, not %s", k->text,
			    kind_name(v));
	if (v->kind == PS_Y_SCALAR) {
		tword = v->text;
	} else {
		const struct ps_ynode *t, *c, *lk, *m;

		if (check_map(l, v, "a files: entry", file_keys) < 0)
			return -1;
		t = ps_ynode_get(v, "type");
		c = ps_ynode_get(v, "content");
		lk = ps_ynode_get(v, "link");
		m = ps_ynode_get(v, "mode");
		if (!is_null(t)) {
			if (t->kind != PS_Y_SCALAR)
				return fail(l, t, PS_ERR_SCHEMA, "type must be file, exec or dir, not %s",
					    kind_name(t));
			tword = t->text;
			tnode = t;
		}
		if (get_bool(l, v, "hidden", k->text, &hidden) < 0)
			return -1;
		if (!is_null(lk)) {
			if (lk->kind != PS_Y_SCALAR || lk->len == 0 || strlen(lk->text) != lk->len)
				return fail(l, lk, PS_ERR_SCHEMA,
					    "link must be a non-empty string (the link's target)");
			if (tword && strcmp(tword, "link") != 0)
				return fail(l, t, PS_ERR_SCHEMA,
					    "a symbolic link has no type (it is given by link:)");
			if (!is_null(c))
				return fail(l, c, PS_ERR_SCHEMA, "a symbolic link has no content");
			if (!is_null(m))
				return fail(l, m, PS_ERR_SCHEMA, "a symbolic link has no mode");
			link = lk->text;
			type = PS_FT_LINK;
			tword = NULL;
		}
		if (!is_null(c)) {
			if (c->kind != PS_Y_SCALAR)
				return fail(l, c, PS_ERR_SCHEMA, "content must be a string, not %s",
					    kind_name(c));
			content = c->text;
			content_len = c->len;
		}
		mode_given = !is_null(m);
		if (!is_null(m) && (m->kind != PS_Y_SCALAR || parse_mode(m->text, m->len, &mode) < 0))
			return fail(l, m, PS_ERR_SCHEMA,
				    "bad mode %s%.20s%s (octal digits such as \"755\")",
				    m->kind == PS_Y_SCALAR ? "'" : "",
				    m->kind == PS_Y_SCALAR ? m->text : kind_name(m),
				    m->kind == PS_Y_SCALAR ? "'" : "");
	}
	if (tword) {
		if (strcmp(tword, "file") == 0) {
			type = PS_FT_FILE;
		} else if (strcmp(tword, "exec") == 0) {
			type = PS_FT_FILE;
			exec = true;
		} else if (strcmp(tword, "dir") == 0) {
			type = PS_FT_DIR;
		} else {
			const char *sugg = ps_closest(tword, file_types);

			if (sugg)
				return fail(l, tnode, PS_ERR_SCHEMA,
					    "unknown file type '%.40s' (did you mean '%s'?)", tword,
					    sugg);
			return fail(l, tnode, PS_ERR_SCHEMA,
				    "unknown file type '%.40s' (file, exec, dir or a mapping)", tword);
		}
	}
	if (type == PS_FT_DIR && content)
		return fail(l, ps_ynode_get(v, "content"), PS_ERR_SCHEMA,
			    "a directory has no content");
	ps_error_init(&e2);
	/* ps_vfs_add reads mode 0 as "the default": an explicit "000" must say so. */
	if (mode_given && mode == 0)
		mode = PS_VFS_MODE_EXACT;
	if (ps_vfs_add(l->sc->vfs, k->text, type, exec, content, content_len, link, mode, &e2) < 0)
		return fail(l, k, e2.code ? e2.code : PS_ERR_SCHEMA, "files: %s",
			    e2.msg[0] ? e2.msg : "cannot add this path");
	if (hidden && ps_vfs_set_hidden(l->sc->vfs, k->text, true, &e2) < 0)
		return fail(l, k, e2.code ? e2.code : PS_ERR_SCHEMA, "files: %s", e2.msg);
	return 0;
}

static int load_files(struct loader *l, const struct ps_ynode *root)
{
	const struct ps_ynode *files = ps_ynode_get(root, "files");
	struct ps_error e2;

	if (is_null(files))
		return 0;
	if (files->kind != PS_Y_MAP)
		return fail(l, files, PS_ERR_SCHEMA, "files must be a mapping, not %s",
			    kind_name(files));
	for (size_t i = 0; i < files->n; i += 2)
		if (load_file(l, files->kids[i], files->kids[i + 1]) < 0)
			return -1;
	ps_error_init(&e2);
	if (ps_vfs_check_links(l->sc->vfs, &e2) < 0) {
		/* Point at the link the message names, else at files: itself. */
		const struct ps_ynode *at = key_of(root, "files");

		for (size_t i = 0; i < files->n; i += 2) {
			const struct ps_ynode *lk = ps_ynode_get(files->kids[i + 1], "link");
			char quoted[300];

			snprintf(quoted, sizeof quoted, "'%s'", files->kids[i]->text);
			if (lk && strstr(e2.msg, quoted)) {
				at = files->kids[i];
				break;
			}
		}
		return fail(l, at, e2.code ? e2.code : PS_ERR_SCHEMA, "files: %s", e2.msg);
	}
	return 0;
}

/* Whether a shape (components, '#' for indices) is one the result document has. */
static bool shape_known(const char *shape)
{
	for (const char *const *s = ps_result_shapes; *s; s++)
		if (strcmp(*s, shape) == 0)
			return true;
	return false;
}

/*
 * Reports an unknown expect: key, suggesting a fix for the first component
 * that leads nowhere ("gtpath.prefix" -> "getpath.prefix").  shape is the
 * key with numeric components replaced by '#'.
 */
static int expect_key_unknown(struct loader *l, const struct ps_ynode *k, const char *shape)
{
	struct ps_strv sc, kc;
	struct ps_buf prefix, sugg_path;
	const char *cands[128];
	const char *sugg = NULL;
	size_t nc = 0, i;
	int rc;

	ps_strv_init(&sc);
	ps_strv_init(&kc);
	ps_buf_init(&prefix);
	ps_buf_init(&sugg_path);
	if (ps_strv_split(&sc, shape, '.') < 0 || ps_strv_split(&kc, k->text, '.') < 0 ||
	    sc.n != kc.n) {
		rc = oom(l);
		goto out;
	}
	/* the longest known prefix: components 0..i-1 */
	for (i = 0; i < sc.n; i++) {
		size_t save = prefix.len;

		if (i)
			ps_buf_addc(&prefix, '.');
		ps_buf_adds(&prefix, sc.v[i]);
		if (prefix.oom || !shape_known(prefix.s)) {
			prefix.len = save;
			prefix.s[save] = '\0';
			break;
		}
	}
	if (i < sc.n && !prefix.oom) {
		for (const char *const *s = ps_result_shapes; *s && nc < 126; s++) {
			const char *r = *s + prefix.len + (i ? 1 : 0);

			if (i && (strncmp(*s, prefix.s, prefix.len) != 0 || (*s)[prefix.len] != '.'))
				continue;
			if (strchr(r, '.') || strcmp(r, "#") == 0)
				continue;
			cands[nc++] = r;
		}
		if (i == 0)   /* bare keys of sys are valid at the top too */
			for (const char *const *s = ps_result_shapes; *s && nc < 126; s++)
				if (strncmp(*s, "sys.", 4) == 0 && !strchr(*s + 4, '.'))
					cands[nc++] = *s + 4;
		cands[nc] = NULL;
		sugg = ps_closest(sc.v[i], cands);
	}
	if (!sugg) {
		rc = fail(l, k, PS_ERR_SCHEMA, "unknown expect key '%.100s'", k->text);
		goto out;
	}
	if (i == 0 && kc.n > 1 && !shape_known(sugg))
		ps_buf_adds(&sugg_path, "sys.");   /* a key of sys: spelled in full when dotted */
	for (size_t j = 0; j < kc.n; j++) {
		if (j)
			ps_buf_addc(&sugg_path, '.');
		ps_buf_adds(&sugg_path, j == i ? sugg : kc.v[j]);
	}
	if (sugg_path.oom) {
		rc = oom(l);
		goto out;
	}
	rc = fail(l, k, PS_ERR_SCHEMA, "unknown expect key '%.100s' (did you mean '%.100s'?)",
		  k->text, sugg_path.s);
out:
	ps_strv_release(&sc);
	ps_strv_release(&kc);
	ps_buf_release(&prefix);
	ps_buf_release(&sugg_path);
	return rc;
}

/*
 * Validates one expect: key: a bare key names a key of `sys` (or a
 * top-level key such as fatal), a dotted key a path into the document;
 * numeric components index arrays.
 */
static int check_expect_key(struct loader *l, const struct ps_ynode *k)
{
	char shape[256];
	const char *p;
	char *q;

	if (k->len == 0 || k->len >= sizeof shape - 8)
		return fail(l, k, PS_ERR_SCHEMA, "bad expect key '%.100s'", k->text);
	if (!strchr(k->text, '.')) {
		snprintf(shape, sizeof shape, "sys.%s", k->text);
		if (shape_known(shape) || shape_known(k->text))
			return 0;
	}
	/* Replace numeric components by '#'. */
	q = shape;
	for (p = k->text; *p;) {
		const char *end = strchr(p, '.');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		bool digits = n > 0;

		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)p[i]))
				digits = false;
		if (n == 0)
			return fail(l, k, PS_ERR_SCHEMA, "bad expect key '%.100s' (empty component)",
				    k->text);
		if (digits) {
			*q++ = '#';
		} else {
			memcpy(q, p, n);
			q += n;
		}
		p += n;
		if (*p == '.') {
			*q++ = '.';
			p++;
			if (!*p)
				return fail(l, k, PS_ERR_SCHEMA,
					    "bad expect key '%.100s' (empty component)", k->text);
		}
	}
	*q = '\0';
	if (shape_known(shape))
		return 0;
	return expect_key_unknown(l, k, shape);
}

static int load_expect(struct loader *l, struct ps_ynode *root)
{
	struct ps_ynode *ex = ps_ynode_get(root, "expect");
	struct ps_expect *pe;

	if (is_null(ex))
		return 0;
	if (ex->kind != PS_Y_MAP)
		return fail(l, ex, PS_ERR_SCHEMA, "expect must be a mapping, not %s", kind_name(ex));
	for (size_t i = 0; i < ex->n; i += 2)
		if (check_expect_key(l, ex->kids[i]) < 0)
			return -1;
	pe = calloc(1, sizeof *pe);
	if (!pe)
		return oom(l);
	pe->map = ex;
	l->sc->expect = pe;         /* the document is handed over by the caller on success */
	l->sc->nexpect = ex->n / 2;
	return 0;
}

void ps_expect_free(struct ps_expect *e)
{
	if (!e)
		return;
	ps_ynode_free(e->doc);
	free(e);
}

static int load_root(struct loader *l, struct ps_ynode *root)
{
	struct ps_scenario *sc = l->sc;
	struct ps_inputs *in = &sc->inputs;
	const struct ps_ynode *pl;

	if (is_null(root))
		return fail(l, root, PS_ERR_SCHEMA, "empty scenario (python.version is required)");
	if (check_map(l, root, "a scenario", top_keys) < 0)
		return -1;
	if (get_str(l, root, "name", "scenario", &sc->name) < 0 ||
	    get_str(l, root, "description", "scenario", &sc->description) < 0)
		return -1;
	pl = ps_ynode_get(root, "platform");
	l->plat = PS_PLATFORM_POSIX;
	if (!is_null(pl)) {
		enum ps_platform p;

		if (pl->kind != PS_Y_SCALAR || strlen(pl->text) != pl->len ||
		    ps_platform_parse(pl->text, &p) < 0)
			return fail(l, pl, PS_ERR_UNSUPPORTED,
				    "unsupported platform %s%.40s%s (posix, darwin or nt)",
				    pl->kind == PS_Y_SCALAR ? "'" : "",
				    pl->kind == PS_Y_SCALAR ? pl->text : kind_name(pl),
				    pl->kind == PS_Y_SCALAR ? "'" : "");
		l->plat = p;
	}
	in->build.platform = l->plat;
	sc->vfs = ps_vfs_new(l->plat);
	if (!sc->vfs)
		return oom(l);
	if (load_python(l, root) < 0 || load_invocation(l, root) < 0 || load_embed(l, root) < 0 ||
	    load_registry(l, root) < 0 || load_files(l, root) < 0 || load_expect(l, root) < 0)
		return -1;
	/* Defaults (documented at the top of this file). */
	if (!in->argv0 && ps_set_str(&in->argv0, "python3") < 0)
		return oom(l);
	if (!in->cwd && ps_set_str(&in->cwd, l->plat == PS_PLATFORM_NT ? "C:\\" : "/") < 0)
		return oom(l);
	if (in->run.kind == PS_RUN_COMMAND && !in->run.arg && ps_set_str(&in->run.arg, "pass") < 0)
		return oom(l);
	in->name = sc->name;
	return 0;
}

struct ps_scenario *ps_scenario_load_string(const char *name, const char *text, size_t len,
					    struct ps_error *err)
{
	struct ps_scenario *sc;
	struct ps_ynode *root;
	struct loader l;

	ps_error_init(err);
	root = ps_yaml_parse(name, text, len, err);
	if (!root)
		return NULL;
	sc = calloc(1, sizeof *sc);
	if (!sc) {
		ps_ynode_free(root);
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return NULL;
	}
	ps_inputs_init(&sc->inputs);
	sc->inputs.build.micro = -1;
	sc->inputs.build.debian_site = -1;
	sc->inputs.embed.use_environment = -1;
	sc->inputs.embed.site_import = -1;
	sc->inputs.embed.user_site_directory = -1;
	sc->inputs.embed.pathconfig_warnings = -1;
	memset(&l, 0, sizeof l);
	l.name = name;
	l.err = err;
	l.sc = sc;
	if ((name && ps_set_str(&sc->path, name) < 0) || load_root(&l, root) < 0) {
		if (err && err->code == PS_OK)
			ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		ps_ynode_free(root);
		ps_scenario_free(sc);
		return NULL;
	}
	if (sc->expect)
		((struct ps_expect *)sc->expect)->doc = root;
	else
		ps_ynode_free(root);
	return sc;
}

static const char *errno_text(int e)
{
	switch (e) {
	case ENOENT: return "no such file or directory";
	case EACCES: return "permission denied";
	case EISDIR: return "is a directory";
	case ENOTDIR: return "not a directory";
	case EFBIG: return "file too large";
	case ELOOP: return "too many levels of symbolic links";
	case ENOMEM: return "out of memory";
	default: return "read error";
	}
}

struct ps_scenario *ps_scenario_load(const char *path, struct ps_error *err)
{
	struct ps_fs fs;
	char *data = NULL;
	size_t len = 0;
	int rc;
	struct ps_scenario *sc;

	ps_error_init(err);
	ps_fs_posix_init(&fs);
	rc = fs.ops->read_file(fs.ctx, path, MAX_SCENARIO_SIZE, &data, &len);
	if (rc != 0) {
		ps_error_at(err, rc == ENOMEM ? PS_ERR_NOMEM : PS_ERR_IO, path, 0, 0,
			    "cannot read scenario: %s", errno_text(rc));
		return NULL;
	}
	sc = ps_scenario_load_string(path, data, len, err);
	free(data);
	return sc;
}

void ps_scenario_free(struct ps_scenario *sc)
{
	if (!sc)
		return;
	free(sc->path);
	free(sc->name);
	free(sc->description);
	sc->inputs.name = NULL;
	ps_inputs_release(&sc->inputs);
	ps_vfs_free(sc->vfs);
	ps_expect_free(sc->expect);
	free(sc);
}
