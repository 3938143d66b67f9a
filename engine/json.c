/*
 * json.c - the result document (contract §2, schema 1) as JSON and YAML.
 *
 * The document is first built as a tree (ps_result_tree) in a fixed key
 * order, then printed; the expectation checker walks the same tree, so
 * what `check` compares is exactly what `resolve --format json` prints.
 *
 * Strings.  Paths are bytes.  Valid UTF-8 is written as is; in JSON,
 * `"` and `\` are escaped, control characters become \n \t \r \b \f or
 * \u00XX, and every byte that is not part of a valid UTF-8 sequence
 * becomes \udcXX: the lone surrogate Python's surrogateescape decoding
 * gives that byte, so the output equals what json.dumps(sys.path) prints
 * in the real interpreter.  YAML cannot carry lone surrogates: there such
 * a byte is written \xXX inside a double-quoted string (which a YAML
 * reader turns into U+00XX; documented as lossy).
 *
 * Extensions beyond the contract's required keys: getpath.home,
 * program_name, platlibdir, is_python_build, entries; sys.platlibdir,
 * user_base, home (sys._home), site_ran; entries[].step (index into trace,
 * null when none); pth[].detail; fatal.fix, output, exit_status;
 * trace[].cause (index of the step this one follows from, or null);
 * trace[].var and value (only on steps that set a variable); notes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario-int.h"

const char *const ps_result_shapes[] = {
	"schema",
	"model", "model.rules", "model.platform", "model.source",
	"getpath", "getpath.executable", "getpath.base_executable", "getpath.prefix",
	"getpath.exec_prefix", "getpath.base_prefix", "getpath.base_exec_prefix",
	"getpath.stdlib_dir", "getpath.platstdlib_dir", "getpath.module_search_paths",
	"getpath.module_search_paths.#", "getpath.warnings", "getpath.warnings.#", "getpath.home",
	"getpath.program_name", "getpath.platlibdir", "getpath.is_python_build", "getpath.entries",
	"getpath.entries.#", "getpath.entries.#.path", "getpath.entries.#.origin",
	"getpath.entries.#.exists", "getpath.entries.#.detail", "getpath.entries.#.step",
	"sys", "sys.executable", "sys.base_executable", "sys.prefix", "sys.exec_prefix",
	"sys.base_prefix", "sys.base_exec_prefix", "sys.path", "sys.path.#", "sys.flags",
	"sys.flags.ignore_environment", "sys.flags.isolated", "sys.flags.no_user_site",
	"sys.flags.no_site", "sys.flags.safe_path", "sys.user_site", "sys.enable_user_site",
	"sys.platlibdir", "sys.user_base", "sys.home", "sys.site_ran",
	"entries", "entries.#", "entries.#.path", "entries.#.origin", "entries.#.exists",
	"entries.#.detail", "entries.#.step",
	"pth", "pth.#", "pth.#.file", "pth.#.line", "pth.#.text", "pth.#.action", "pth.#.detail",
	"fatal", "fatal.message", "fatal.cause", "fatal.fix", "fatal.output", "fatal.exit_status",
	"trace", "trace.#", "trace.#.phase", "trace.#.op", "trace.#.path", "trace.#.result",
	"trace.#.note", "trace.#.cause", "trace.#.var", "trace.#.value",
	"notes", "notes.#",
	NULL,
};

/* ------------------------------------------------------------------ */
/* Building the tree                                                   */
/* ------------------------------------------------------------------ */

/* Sticky OOM: every helper is a no-op after the first failure. */
struct tb {
	bool oom;
};

static struct ps_ynode *chk(struct tb *t, struct ps_ynode *n)
{
	if (!n)
		t->oom = true;
	return n;
}

static void put(struct tb *t, struct ps_ynode *map, const char *key, struct ps_ynode *v)
{
	if (!map || t->oom) {
		ps_ynode_free(v);
		return;
	}
	if (ps_ynode_set(map, key, v) < 0)
		t->oom = true;
}

static void put_str(struct tb *t, struct ps_ynode *map, const char *key, const char *s)
{
	put(t, map, key, chk(t, ps_ynode_str(s)));
}

static void put_int(struct tb *t, struct ps_ynode *map, const char *key, long long v)
{
	put(t, map, key, chk(t, ps_ynode_int(v)));
}

static void put_bool(struct tb *t, struct ps_ynode *map, const char *key, bool v)
{
	put(t, map, key, chk(t, ps_ynode_bool(v)));
}

static struct ps_ynode *strv_node(struct tb *t, const struct ps_strv *sv)
{
	struct ps_ynode *seq = chk(t, ps_ynode_new(PS_Y_SEQ));

	for (size_t i = 0; seq && i < sv->n && !t->oom; i++)
		if (ps_ynode_push(seq, ps_ynode_str(sv->v[i])) < 0)
			t->oom = true;
	return seq;
}

static struct ps_ynode *entries_node(struct tb *t, const struct ps_entry *e, size_t n)
{
	struct ps_ynode *seq = chk(t, ps_ynode_new(PS_Y_SEQ));

	for (size_t i = 0; seq && i < n && !t->oom; i++) {
		struct ps_ynode *o = chk(t, ps_ynode_new(PS_Y_MAP));

		put_str(t, o, "path", e[i].path);
		put_str(t, o, "origin", ps_origin_name(e[i].origin));
		put_bool(t, o, "exists", e[i].exists);
		put_str(t, o, "detail", e[i].detail);
		put(t, o, "step", chk(t, e[i].step >= 0 ? ps_ynode_int(e[i].step) : ps_ynode_null()));
		if (o && ps_ynode_push(seq, o) < 0)
			t->oom = true;
	}
	return seq;
}

static struct ps_ynode *getpath_node(struct tb *t, const struct ps_getpath_out *g)
{
	struct ps_ynode *o = chk(t, ps_ynode_new(PS_Y_MAP));

	put_str(t, o, "executable", g->executable);
	put_str(t, o, "base_executable", g->base_executable);
	put_str(t, o, "prefix", g->prefix);
	put_str(t, o, "exec_prefix", g->exec_prefix);
	put_str(t, o, "base_prefix", g->base_prefix);
	put_str(t, o, "base_exec_prefix", g->base_exec_prefix);
	put_str(t, o, "stdlib_dir", g->stdlib_dir);
	put_str(t, o, "platstdlib_dir", g->platstdlib_dir);
	put(t, o, "module_search_paths", strv_node(t, &g->module_search_paths));
	put(t, o, "warnings", strv_node(t, &g->warnings));
	put_str(t, o, "home", g->home);
	put_str(t, o, "program_name", g->program_name);
	put_str(t, o, "platlibdir", g->platlibdir);
	put_bool(t, o, "is_python_build", g->is_python_build);
	put(t, o, "entries", entries_node(t, g->entries, g->nentries));
	return o;
}

static struct ps_ynode *sys_node(struct tb *t, const struct ps_sys_out *s)
{
	struct ps_ynode *o = chk(t, ps_ynode_new(PS_Y_MAP));
	struct ps_ynode *f = chk(t, ps_ynode_new(PS_Y_MAP));

	put_str(t, o, "executable", s->executable);
	put_str(t, o, "base_executable", s->base_executable);
	put_str(t, o, "prefix", s->prefix);
	put_str(t, o, "exec_prefix", s->exec_prefix);
	put_str(t, o, "base_prefix", s->base_prefix);
	put_str(t, o, "base_exec_prefix", s->base_exec_prefix);
	put(t, o, "path", strv_node(t, &s->path));
	put_int(t, f, "ignore_environment", s->flags.ignore_environment);
	put_int(t, f, "isolated", s->flags.isolated);
	put_int(t, f, "no_user_site", s->flags.no_user_site);
	put_int(t, f, "no_site", s->flags.no_site);
	put_int(t, f, "safe_path", s->flags.safe_path);
	put(t, o, "flags", f);
	put_str(t, o, "user_site", s->user_site);
	put(t, o, "enable_user_site",
	    chk(t, s->enable_user_site < 0 ? ps_ynode_null() : ps_ynode_bool(s->enable_user_site)));
	put_str(t, o, "platlibdir", s->platlibdir);
	put_str(t, o, "user_base", s->user_base);
	put_str(t, o, "home", s->home);
	put_bool(t, o, "site_ran", s->site_ran);
	return o;
}

static struct ps_ynode *pth_node(struct tb *t, const struct ps_result *r)
{
	struct ps_ynode *seq = chk(t, ps_ynode_new(PS_Y_SEQ));

	for (size_t i = 0; seq && i < r->npth && !t->oom; i++) {
		const struct ps_pth_line *p = &r->pth[i];
		struct ps_ynode *o = chk(t, ps_ynode_new(PS_Y_MAP));

		put_str(t, o, "file", p->file);
		put_int(t, o, "line", p->line);
		put_str(t, o, "text", p->text);
		put_str(t, o, "action", ps_pth_action_name(p->action));
		put_str(t, o, "detail", p->detail);
		if (o && ps_ynode_push(seq, o) < 0)
			t->oom = true;
	}
	return seq;
}

static struct ps_ynode *fatal_node(struct tb *t, const struct ps_fatal *f)
{
	struct ps_ynode *o = chk(t, ps_ynode_new(PS_Y_MAP));

	put_str(t, o, "message", f->message);
	put_str(t, o, "cause", f->cause);
	put_str(t, o, "fix", f->fix);
	put_str(t, o, "output", f->output);
	put_int(t, o, "exit_status", f->exit_status);
	return o;
}

static struct ps_ynode *trace_node(struct tb *t, const struct ps_result *r)
{
	struct ps_ynode *seq = chk(t, ps_ynode_new(PS_Y_SEQ));

	for (size_t i = 0; seq && i < r->ntrace && !t->oom; i++) {
		const struct ps_step *s = &r->trace[i];
		struct ps_ynode *o = chk(t, ps_ynode_new(PS_Y_MAP));

		put_str(t, o, "phase", ps_phase_name(s->phase));
		put_str(t, o, "op", ps_op_name(s->op));
		put_str(t, o, "path", s->path);
		put_str(t, o, "result", s->result);
		put_str(t, o, "note", s->note);
		put(t, o, "cause", chk(t, s->cause > 0 ? ps_ynode_int(s->cause - 1) : ps_ynode_null()));
		if (s->var) {
			put_str(t, o, "var", s->var);
			put_str(t, o, "value", s->value);
		}
		if (o && ps_ynode_push(seq, o) < 0)
			t->oom = true;
	}
	return seq;
}

struct ps_ynode *ps_result_tree(const struct ps_result *r)
{
	struct tb t = {false};
	struct ps_ynode *root = chk(&t, ps_ynode_new(PS_Y_MAP));
	struct ps_ynode *model = chk(&t, ps_ynode_new(PS_Y_MAP));
	char rules[32];

	snprintf(rules, sizeof rules, "%d.%d", r->major, r->minor);
	put_int(&t, root, "schema", 1);
	put_str(&t, model, "rules", rules);
	put_str(&t, model, "platform", ps_platform_name(r->platform));
	put_str(&t, model, "source", r->from_scenario ? "scenario" : "real");
	put(&t, root, "model", model);
	put(&t, root, "getpath", getpath_node(&t, &r->getpath));
	put(&t, root, "sys",
	    r->has_sys && !r->has_fatal ? sys_node(&t, &r->sys) : chk(&t, ps_ynode_null()));
	put(&t, root, "entries", entries_node(&t, r->entries, r->nentries));
	put(&t, root, "pth", pth_node(&t, r));
	put(&t, root, "fatal", r->has_fatal ? fatal_node(&t, &r->fatal) : chk(&t, ps_ynode_null()));
	put(&t, root, "trace", trace_node(&t, r));
	put(&t, root, "notes", strv_node(&t, &r->notes));
	if (t.oom) {
		ps_ynode_free(root);
		return NULL;
	}
	return root;
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

void ps_json_add_string(struct ps_buf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	ps_buf_addc(out, '"');
	while (i < len) {
		unsigned c = s[i], cp;
		size_t n;

		switch (c) {
		case '"': ps_buf_adds(out, "\\\""); i++; continue;
		case '\\': ps_buf_adds(out, "\\\\"); i++; continue;
		case '\n': ps_buf_adds(out, "\\n"); i++; continue;
		case '\t': ps_buf_adds(out, "\\t"); i++; continue;
		case '\r': ps_buf_adds(out, "\\r"); i++; continue;
		case '\b': ps_buf_adds(out, "\\b"); i++; continue;
		case '\f': ps_buf_adds(out, "\\f"); i++; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			ps_buf_addf(out, "\\u%04x", c);
			i++;
			continue;
		}
		n = ps_utf8_decode((const char *)s + i, len - i, &cp);
		if (n == 0) {
			ps_buf_addf(out, "\\udc%02x", c);
			i++;
			continue;
		}
		ps_buf_add(out, str + i, n);
		i += n;
	}
	ps_buf_addc(out, '"');
}

/* Code points a YAML reader may treat as line breaks or that are not printable. */
static bool yaml_unsafe_cp(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

static bool ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether s can be written plain and read back as the same string by any
 * YAML 1.1 or 1.2 reader.  Deliberately conservative: when in doubt, quote.
 */
static bool yaml_plain_ok(const char *str, size_t len)
{
	static const char *const special[] = {
		"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
		".inf", "-.inf", "+.inf", ".nan", NULL,
	};
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	if (len == 0 || strlen(str) != len || len > 200)
		return false;
	for (const char *const *w = special; *w; w++)
		if (ieq(str, *w))
			return false;
	/* Anything that starts like a number is quoted ("3.12", "1:20", "0o7"). */
	if ((s[0] >= '0' && s[0] <= '9') ||
	    ((s[0] == '-' || s[0] == '+' || s[0] == '.') && len > 1 && s[1] >= '0' && s[1] <= '9'))
		return false;
	if (!(is_alnum(s[0]) || s[0] == '/' || s[0] == '_' || (s[0] == '~' && len > 1) ||
	      (s[0] == '.' && (len == 1 || s[1] != '.')) || (s[0] == '-' && len > 1 && is_alnum(s[1]))))
		return false;
	if (s[len - 1] == ' ')
		return false;
	for (i = 0; i < len;) {
		unsigned cp;
		size_t n;

		if (s[i] < 0x80) {
			if (!(is_alnum(s[i]) || strchr("/._-+@%=~^$\\ ", s[i])))
				return false;
			i++;
			continue;
		}
		n = ps_utf8_decode((const char *)s + i, len - i, &cp);
		if (n == 0 || yaml_unsafe_cp(cp))
			return false;
		i += n;
	}
	return true;
}

/*
 * Printable single line (no tabs) without a single quote: single quotes
 * will do.  A quote would be doubled, and libfyaml 0.7.12 misreads two
 * adjacent doubled quotes ('x''''y' gives x''' instead of x''y), so
 * strings with quotes go double-quoted.
 */
static bool yaml_single_ok(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (memchr(str, '\'', len))
		return false;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = ps_utf8_decode((const char *)s + i, len - i, &cp);

		if (n == 0 || yaml_unsafe_cp(cp))
			return false;
		i += n;
	}
	return true;
}

void ps_yaml_add_scalar(struct ps_buf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (yaml_plain_ok(str, len)) {
		ps_buf_add(out, str, len);
		return;
	}
	if (yaml_single_ok(str, len)) {
		ps_buf_addc(out, '\'');
		ps_buf_add(out, str, len);
		ps_buf_addc(out, '\'');
		return;
	}
	ps_buf_addc(out, '"');
	for (size_t i = 0; i < len;) {
		unsigned c = s[i], cp;
		size_t n;

		switch (c) {
		case '"': ps_buf_adds(out, "\\\""); i++; continue;
		case '\\': ps_buf_adds(out, "\\\\"); i++; continue;
		case '\n': ps_buf_adds(out, "\\n"); i++; continue;
		case '\t': ps_buf_adds(out, "\\t"); i++; continue;
		case '\r': ps_buf_adds(out, "\\r"); i++; continue;
		case '\0': ps_buf_adds(out, "\\0"); i++; continue;
		default: break;
		}
		n = ps_utf8_decode((const char *)s + i, len - i, &cp);
		if (n == 0) {
			ps_buf_addf(out, "\\x%02x", c);   /* lossy: not UTF-8 */
			i++;
		} else if (yaml_unsafe_cp(cp)) {
			ps_buf_addf(out, cp < 0x100 ? "\\x%02x" : "\\u%04x", cp);
			i += n;
		} else {
			ps_buf_add(out, str + i, n);
			i += n;
		}
	}
	ps_buf_addc(out, '"');
}

/* ------------------------------------------------------------------ */
/* Printers                                                            */
/* ------------------------------------------------------------------ */

static void indent(struct ps_buf *out, int n)
{
	for (int i = 0; i < n; i++)
		ps_buf_addc(out, ' ');
}

static void json_scalar(const struct ps_ynode *n, struct ps_buf *out)
{
	switch (n->type) {
	case PS_YT_NULL: ps_buf_adds(out, "null"); break;
	case PS_YT_BOOL: ps_buf_adds(out, n->ival ? "true" : "false"); break;
	case PS_YT_INT: ps_buf_addf(out, "%lld", n->ival); break;
	default: ps_json_add_string(out, n->text, n->len); break;
	}
}

static void json_pretty(const struct ps_ynode *n, struct ps_buf *out, int ind)
{
	bool map = n->kind == PS_Y_MAP;

	if (n->kind == PS_Y_SCALAR) {
		json_scalar(n, out);
		return;
	}
	if (n->n == 0) {
		ps_buf_adds(out, map ? "{}" : "[]");
		return;
	}
	ps_buf_addc(out, map ? '{' : '[');
	for (size_t i = 0; i < n->n; i += map ? 2 : 1) {
		ps_buf_adds(out, i ? ",\n" : "\n");
		indent(out, ind + 2);
		if (map) {
			ps_json_add_string(out, n->kids[i]->text, n->kids[i]->len);
			ps_buf_adds(out, ": ");
			json_pretty(n->kids[i + 1], out, ind + 2);
		} else {
			json_pretty(n->kids[i], out, ind + 2);
		}
	}
	ps_buf_addc(out, '\n');
	indent(out, ind);
	ps_buf_addc(out, map ? '}' : ']');
}

void ps_json_write_tree(const struct ps_ynode *n, struct ps_buf *out)
{
	json_pretty(n, out, 0);
	ps_buf_addc(out, '\n');
}

void ps_json_write_compact(const struct ps_ynode *n, struct ps_buf *out)
{
	bool map = n->kind == PS_Y_MAP;

	if (n->kind == PS_Y_SCALAR) {
		json_scalar(n, out);
		return;
	}
	ps_buf_addc(out, map ? '{' : '[');
	for (size_t i = 0; i < n->n; i += map ? 2 : 1) {
		if (i)
			ps_buf_adds(out, ", ");
		if (map) {
			ps_json_add_string(out, n->kids[i]->text, n->kids[i]->len);
			ps_buf_adds(out, ": ");
			ps_json_write_compact(n->kids[i + 1], out);
		} else {
			ps_json_write_compact(n->kids[i], out);
		}
	}
	ps_buf_addc(out, map ? '}' : ']');
}

static void yaml_scalar(const struct ps_ynode *n, struct ps_buf *out)
{
	switch (n->type) {
	case PS_YT_NULL: ps_buf_adds(out, "null"); break;
	case PS_YT_BOOL: ps_buf_adds(out, n->ival ? "true" : "false"); break;
	case PS_YT_INT: ps_buf_addf(out, "%lld", n->ival); break;
	default: ps_yaml_add_scalar(out, n->text, n->len); break;
	}
}

static void yaml_pairs(const struct ps_ynode *n, struct ps_buf *out, int ind, bool first_inline);
static void yaml_items(const struct ps_ynode *n, struct ps_buf *out, int ind, bool first_inline);

/* Writes a value after "key:" or "-" (the cursor is right after the colon or dash). */
static void yaml_value(const struct ps_ynode *n, struct ps_buf *out, int ind, bool after_dash)
{
	if (n->kind == PS_Y_SCALAR || n->n == 0) {
		ps_buf_addc(out, ' ');
		if (n->kind == PS_Y_SCALAR)
			yaml_scalar(n, out);
		else
			ps_buf_adds(out, n->kind == PS_Y_MAP ? "{}" : "[]");
		ps_buf_addc(out, '\n');
		return;
	}
	if (after_dash) {
		/* "- key: v" / "- - x": the collection starts on the dash's line. */
		ps_buf_addc(out, ' ');
		if (n->kind == PS_Y_MAP)
			yaml_pairs(n, out, ind + 2, true);
		else
			yaml_items(n, out, ind + 2, true);
		return;
	}
	ps_buf_addc(out, '\n');
	if (n->kind == PS_Y_MAP)
		yaml_pairs(n, out, ind + 2, false);
	else
		yaml_items(n, out, ind, false);  /* sequences in a mapping are not indented */
}

static void yaml_pairs(const struct ps_ynode *n, struct ps_buf *out, int ind, bool first_inline)
{
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		if (i || !first_inline)
			indent(out, ind);
		ps_yaml_add_scalar(out, n->kids[i]->text, n->kids[i]->len);
		ps_buf_addc(out, ':');
		yaml_value(n->kids[i + 1], out, ind, false);
	}
}

static void yaml_items(const struct ps_ynode *n, struct ps_buf *out, int ind, bool first_inline)
{
	for (size_t i = 0; i < n->n; i++) {
		if (i || !first_inline)
			indent(out, ind);
		ps_buf_addc(out, '-');
		yaml_value(n->kids[i], out, ind, true);
	}
}

void ps_yaml_write_tree(const struct ps_ynode *n, struct ps_buf *out)
{
	if (n->kind == PS_Y_MAP && n->n) {
		yaml_pairs(n, out, 0, false);
	} else if (n->kind == PS_Y_SEQ && n->n) {
		yaml_items(n, out, 0, false);
	} else {
		if (n->kind == PS_Y_SCALAR)
			yaml_scalar(n, out);
		else
			ps_buf_adds(out, n->kind == PS_Y_MAP ? "{}" : "[]");
		ps_buf_addc(out, '\n');
	}
}

void ps_result_write_json(const struct ps_result *r, struct ps_buf *out)
{
	struct ps_ynode *t = ps_result_tree(r);

	if (!t) {
		out->oom = true;
		return;
	}
	ps_json_write_tree(t, out);
	ps_ynode_free(t);
}

void ps_result_write_yaml(const struct ps_result *r, struct ps_buf *out)
{
	struct ps_ynode *t = ps_result_tree(r);

	if (!t) {
		out->oom = true;
		return;
	}
	ps_buf_adds(out, "---\n");
	ps_yaml_write_tree(t, out);
	ps_ynode_free(t);
}
