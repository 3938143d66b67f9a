/* test_json.c - the result document as JSON and YAML (json.c), and the tree reader (ynode.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "scenario-int.h"

static char *json_str(const char *s, size_t len)
{
	struct ps_buf b;

	ps_buf_init(&b);
	ps_json_add_string(&b, s, len);
	assert_false(b.oom);
	return ps_buf_detach(&b);
}

#define ASSERT_JSON(in, want)                                    \
	do {                                                     \
		char *got_ = json_str(in, sizeof(in) - 1);       \
		assert_string_equal(got_, want);                 \
		free(got_);                                      \
	} while (0)

static void test_escape(void **state)
{
	(void)state;
	ASSERT_JSON("", "\"\"");
	ASSERT_JSON("/usr/lib", "\"/usr/lib\"");
	ASSERT_JSON("a\"b\\c", "\"a\\\"b\\\\c\"");
	ASSERT_JSON("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"");
	ASSERT_JSON("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
	ASSERT_JSON("a\0b", "\"a\\u0000b\"");
	/* valid UTF-8 is kept as is, including 4-byte sequences */
	ASSERT_JSON("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x8d", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x8d\"");
	/* each byte of an invalid sequence is Python's surrogateescape code point */
	ASSERT_JSON("\xff", "\"\\udcff\"");
	ASSERT_JSON("a\x80z", "\"a\\udc80z\"");
	ASSERT_JSON("\xe2\x82", "\"\\udce2\\udc82\"");               /* truncated */
	ASSERT_JSON("\xc0\xaf", "\"\\udcc0\\udcaf\"");               /* overlong '/' */
	ASSERT_JSON("\xed\xa0\x80", "\"\\udced\\udca0\\udc80\"");    /* encoded surrogate */
	ASSERT_JSON("\xf4\x90\x80\x80", "\"\\udcf4\\udc90\\udc80\\udc80\"");  /* > U+10FFFF */
	ASSERT_JSON("\xc3\xa9\xff\xc3\xa9", "\"\xc3\xa9\\udcff\xc3\xa9\"");
}

/* A result with a bit of everything; released by the caller. */
static void fill_result(struct ps_result *r, bool fatal)
{
	ps_result_init(r);
	r->major = 3;
	r->minor = 12;
	r->platform = PS_PLATFORM_POSIX;
	r->from_scenario = true;
	r->getpath.executable = strdup("/usr/bin/python3.12");
	r->getpath.base_executable = strdup("/usr/bin/python3.12");
	r->getpath.prefix = strdup("/usr");
	r->getpath.exec_prefix = strdup("/usr");
	r->getpath.base_prefix = strdup("/usr");
	r->getpath.base_exec_prefix = strdup("/usr");
	r->getpath.stdlib_dir = strdup("/usr/lib/python3.12");
	r->getpath.platstdlib_dir = strdup("/usr/lib/python3.12/lib-dynload");
	r->getpath.program_name = strdup("python3");
	r->getpath.platlibdir = strdup("lib");
	ps_strv_push(&r->getpath.module_search_paths, "/usr/lib/python312.zip");
	ps_strv_push(&r->getpath.module_search_paths, "/usr/lib/python3.12");
	ps_strv_push(&r->getpath.warnings, "Could not find platform independent libraries <prefix>");
	r->getpath.entries = calloc(1, sizeof *r->getpath.entries);
	r->getpath.nentries = 1;
	r->getpath.entries[0].path = strdup("/usr/lib/python312.zip");
	r->getpath.entries[0].origin = PS_ORIGIN_STDLIB_ZIP;
	r->getpath.entries[0].detail = strdup("the stdlib zip");
	r->getpath.entries[0].step = -1;
	r->entries = calloc(2, sizeof *r->entries);
	r->nentries = 2;
	r->entries[0].path = strdup("");
	r->entries[0].origin = PS_ORIGIN_SCRIPT_DIR;
	r->entries[0].exists = true;
	r->entries[0].detail = strdup("-c: the current directory");
	r->entries[0].step = 1;
	r->entries[1].path = strdup("/usr/lib/python3.12");
	r->entries[1].origin = PS_ORIGIN_STDLIB;
	r->entries[1].exists = true;
	r->entries[1].detail = strdup("stdlib");
	r->entries[1].step = 0;
	r->pth = calloc(1, sizeof *r->pth);
	r->npth = 1;
	r->pth[0].file = strdup("/usr/lib/python3.12/site-packages/a.pth");
	r->pth[0].line = 3;
	r->pth[0].text = strdup("import x; x.go()");
	r->pth[0].action = PS_PTH_IMPORT;
	r->trace = calloc(2, sizeof *r->trace);
	r->ntrace = 2;
	r->trace[0].phase = PS_PHASE_PREFIX;
	r->trace[0].op = PS_OP_ISFILE;
	r->trace[0].path = strdup("/usr/lib/python3.12/os.py");
	r->trace[0].result = strdup("true");
	r->trace[0].note = strdup("landmark");
	r->trace[1].phase = PS_PHASE_PREFIX;
	r->trace[1].op = PS_OP_DECIDE;
	r->trace[1].result = strdup("/usr");
	r->trace[1].note = strdup("prefix found");
	r->trace[1].cause = 1;     /* follows from step 0 */
	r->trace[1].var = "prefix";
	r->trace[1].value = strdup("/usr");
	ps_strv_push(&r->notes, "sitecustomize.py present");
	if (fatal) {
		r->has_fatal = true;
		r->fatal.message = strdup("init_fs_encoding: failed to get the Python codec of the filesystem encoding");
		r->fatal.cause = strdup("no encodings module");
		r->fatal.fix = strdup("unset PYTHONHOME");
		r->fatal.output = strdup("Fatal Python error: ...\nline 2\n");
		r->fatal.exit_status = 1;
		return;
	}
	r->has_sys = true;
	r->sys.executable = strdup("/usr/bin/python3.12");
	r->sys.base_executable = strdup("/usr/bin/python3.12");
	r->sys.prefix = strdup("/usr");
	r->sys.exec_prefix = strdup("/usr");
	r->sys.base_prefix = strdup("/usr");
	r->sys.base_exec_prefix = strdup("/usr");
	ps_strv_push(&r->sys.path, "");
	ps_strv_push(&r->sys.path, "/usr/lib/python3.12");
	r->sys.flags.isolated = 1;
	r->sys.flags.no_user_site = 1;
	r->sys.platlibdir = strdup("lib");
	r->sys.user_base = strdup("/home/me/.local");
	r->sys.enable_user_site = 0;
	r->sys.site_ran = true;
}

static struct ps_ynode *render_parse(const struct ps_result *r, bool yaml)
{
	struct ps_buf b;
	struct ps_error err;
	struct ps_ynode *t;

	ps_buf_init(&b);
	if (yaml)
		ps_result_write_yaml(r, &b);
	else
		ps_result_write_json(r, &b);
	assert_false(b.oom);
	t = ps_yaml_parse("out", b.s, b.len, &err);
	if (!t)
		fail_msg("cannot re-read %s: %s:%d:%d: %s\n%s", yaml ? "yaml" : "json", err.file,
			 err.line, err.col, err.msg, b.s);
	ps_buf_release(&b);
	return t;
}

static const struct ps_ynode *at(const struct ps_ynode *n, const char *dotted)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", dotted);
	for (tok = strtok_r(buf, ".", &save); tok && n; tok = strtok_r(NULL, ".", &save)) {
		if (n->kind == PS_Y_SEQ) {
			size_t i = strtoul(tok, NULL, 10);

			n = i < n->n ? n->kids[i] : NULL;
		} else {
			n = ps_ynode_get(n, tok);
		}
	}
	return n;
}

static void assert_str_at(const struct ps_ynode *t, const char *path, const char *want)
{
	const struct ps_ynode *n = at(t, path);

	if (!n)
		fail_msg("%s: absent", path);
	assert_int_equal(n->kind, PS_Y_SCALAR);
	assert_int_equal(n->type, PS_YT_STR);
	assert_string_equal(n->text, want);
}

static void assert_int_at(const struct ps_ynode *t, const char *path, int type, long long want)
{
	const struct ps_ynode *n = at(t, path);

	if (!n)
		fail_msg("%s: absent", path);
	assert_int_equal(n->kind, PS_Y_SCALAR);
	assert_int_equal(n->type, type);
	assert_int_equal(n->ival, want);
}

static void assert_null_at(const struct ps_ynode *t, const char *path)
{
	const struct ps_ynode *n = at(t, path);

	if (!n)
		fail_msg("%s: absent", path);
	assert_int_equal(n->type, PS_YT_NULL);
}

static void test_document(void **state)
{
	static const char *const top[] = {"schema", "model", "getpath", "sys", "entries",
					  "pth", "fatal", "trace", "notes"};
	struct ps_result r;
	struct ps_ynode *t;

	(void)state;
	fill_result(&r, false);
	t = render_parse(&r, false);
	assert_int_equal(t->kind, PS_Y_MAP);
	assert_int_equal(t->n, 2 * 9);
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(t->kids[2 * i]->text, top[i]);
	assert_int_at(t, "schema", PS_YT_INT, 1);
	assert_str_at(t, "model.rules", "3.12");
	assert_str_at(t, "model.platform", "posix");
	assert_str_at(t, "model.source", "scenario");
	assert_str_at(t, "getpath.prefix", "/usr");
	assert_str_at(t, "getpath.module_search_paths.1", "/usr/lib/python3.12");
	assert_str_at(t, "getpath.warnings.0", "Could not find platform independent libraries <prefix>");
	assert_null_at(t, "getpath.home");
	assert_int_at(t, "getpath.is_python_build", PS_YT_BOOL, 0);
	assert_str_at(t, "getpath.entries.0.origin", "stdlib-zip");
	assert_null_at(t, "getpath.entries.0.step");
	assert_str_at(t, "sys.path.0", "");
	assert_int_at(t, "sys.flags.isolated", PS_YT_INT, 1);
	assert_int_at(t, "sys.flags.no_site", PS_YT_INT, 0);
	assert_int_at(t, "sys.enable_user_site", PS_YT_BOOL, 0);
	assert_null_at(t, "sys.user_site");
	assert_null_at(t, "sys.home");
	assert_int_at(t, "sys.site_ran", PS_YT_BOOL, 1);
	assert_str_at(t, "entries.0.origin", "script-dir");
	assert_int_at(t, "entries.0.exists", PS_YT_BOOL, 1);
	assert_int_at(t, "entries.1.step", PS_YT_INT, 0);
	assert_int_at(t, "pth.0.line", PS_YT_INT, 3);
	assert_str_at(t, "pth.0.action", "import");
	assert_null_at(t, "pth.0.detail");
	assert_null_at(t, "fatal");
	assert_str_at(t, "trace.0.op", "isfile");
	assert_null_at(t, "trace.1.path");
	/* var/value only on steps that set a variable */
	assert_null(at(t, "trace.0.var"));
	assert_null_at(t, "trace.0.cause");
	assert_int_at(t, "trace.1.cause", PS_YT_INT, 0);
	assert_str_at(t, "trace.1.var", "prefix");
	assert_str_at(t, "trace.1.value", "/usr");
	assert_str_at(t, "notes.0", "sitecustomize.py present");
	ps_ynode_free(t);
	ps_result_release(&r);

	fill_result(&r, true);
	r.from_scenario = false;
	t = render_parse(&r, false);
	assert_null_at(t, "sys");
	assert_str_at(t, "model.source", "real");
	assert_str_at(t, "fatal.message",
		      "init_fs_encoding: failed to get the Python codec of the filesystem encoding");
	assert_str_at(t, "fatal.output", "Fatal Python error: ...\nline 2\n");
	assert_int_at(t, "fatal.exit_status", PS_YT_INT, 1);
	ps_ynode_free(t);
	ps_result_release(&r);
}

static void test_pretty_format(void **state)
{
	struct ps_result r;
	struct ps_buf b;

	(void)state;
	ps_result_init(&r);
	r.major = 3;
	r.minor = 9;
	ps_buf_init(&b);
	ps_result_write_json(&r, &b);
	/* 2-space indent, empty containers inline, one trailing newline */
	assert_non_null(strstr(b.s, "{\n  \"schema\": 1,\n  \"model\": {\n    \"rules\": \"3.9\",\n"));
	assert_non_null(strstr(b.s, "    \"module_search_paths\": [],\n"));
	assert_non_null(strstr(b.s, "  \"sys\": null,\n"));
	assert_non_null(strstr(b.s, "  \"notes\": []\n}\n"));
	assert_int_equal(b.s[b.len - 1], '\n');
	assert_int_not_equal(b.s[b.len - 2], '\n');
	ps_buf_release(&b);
	ps_result_release(&r);
}

/* The YAML output carries the same document as the JSON output. */
static void test_yaml_same_document(void **state)
{
	(void)state;
	for (int fatal = 0; fatal < 2; fatal++) {
		struct ps_result r;
		struct ps_ynode *tj, *ty;
		struct ps_buf bj, by;

		fill_result(&r, fatal);
		/* awkward strings: YAML must quote these to keep them strings */
		free(r.getpath.prefix);
		r.getpath.prefix = strdup("null");
		free(r.getpath.platlibdir);
		r.getpath.platlibdir = strdup("3.10");
		ps_strv_push(&r.notes, "- not a list");
		ps_strv_push(&r.notes, "key: value # comment");
		ps_strv_push(&r.notes, "C:\\Python312\\python.exe");
		ps_strv_push(&r.notes, "two\nlines\tand tab");
		ps_strv_push(&r.notes, "'quoted' \"both\"");
		ps_strv_push(&r.notes, " leading and trailing ");
		ps_strv_push(&r.notes, "yes");
		ps_strv_push(&r.notes, "~");
		tj = render_parse(&r, false);
		ty = render_parse(&r, true);
		ps_buf_init(&bj);
		ps_buf_init(&by);
		ps_json_write_compact(tj, &bj);
		ps_json_write_compact(ty, &by);
		assert_string_equal(bj.s, by.s);
		ps_buf_release(&bj);
		ps_buf_release(&by);
		ps_ynode_free(tj);
		ps_ynode_free(ty);
		ps_result_release(&r);
	}
}

/* Records every shape (numbers -> '#') found in the tree. */
static void collect_shapes(const struct ps_ynode *n, const char *prefix, struct ps_strv *out)
{
	char p[256];

	if (prefix[0] && ps_strv_find(out, prefix) < 0)
		ps_strv_push(out, prefix);
	if (n->kind == PS_Y_MAP) {
		for (size_t i = 0; i < n->n; i += 2) {
			snprintf(p, sizeof p, "%s%s%s", prefix, prefix[0] ? "." : "", n->kids[i]->text);
			collect_shapes(n->kids[i + 1], p, out);
		}
	} else if (n->kind == PS_Y_SEQ) {
		for (size_t i = 0; i < n->n; i++) {
			snprintf(p, sizeof p, "%s.#", prefix);
			collect_shapes(n->kids[i], p, out);
		}
	}
}

/* ps_result_shapes (used to validate expect: keys) lists exactly what the writer writes. */
static void test_shapes_in_step(void **state)
{
	struct ps_strv seen;

	(void)state;
	ps_strv_init(&seen);
	for (int fatal = 0; fatal < 2; fatal++) {
		struct ps_result r;
		struct ps_ynode *t;

		fill_result(&r, fatal);
		t = ps_result_tree(&r);
		assert_non_null(t);
		collect_shapes(t, "", &seen);
		ps_ynode_free(t);
		ps_result_release(&r);
	}
	for (size_t i = 0; i < seen.n; i++) {
		bool known = false;

		for (const char *const *s = ps_result_shapes; *s; s++)
			known |= strcmp(*s, seen.v[i]) == 0;
		if (!known)
			fail_msg("written but not in ps_result_shapes: %s", seen.v[i]);
	}
	for (const char *const *s = ps_result_shapes; *s; s++)
		if (ps_strv_find(&seen, *s) < 0)
			fail_msg("in ps_result_shapes but never written: %s", *s);
	ps_strv_release(&seen);
}

/* Every string written by ps_yaml_add_scalar reads back as the same string. */
static void test_yaml_scalar_roundtrip(void **state)
{
	static const char *const cases[] = {
		"", "null", "Null", "~", "true", "False", "yes", "NO", "on", "y", "n", "3.12", "3.10",
		"12", "-1", "+1", "0x1f", "0o17", "1:20", "1e3", ".inf", "-.Inf", ".NaN", "nan",
		"- x", "-", "-s", "--", "---", "...", "..", ".", "./a", ".venv", "~/x", "a: b", "a:b",
		"a:", "#x", "a #b", "a#b", " lead", "trail ", "'q'", "\"dq\"", "it's", "C:\\Python",
		"\\\\server\\share", "multi\nline", "tab\there", "trailing newline\n", "caf\xc3\xa9",
		"\xe2\x80\xa8", "\xc2\x85", "\xef\xbb\xbf" "bom", "\x01", "\x7f", "[x]", "{x}", "*a",
		"&a", "!t", "%x", "@x", "`x", "|", ">", "?", "? x", ":", ",", "a, b", "<<", "=",
		"/usr/lib/python3.12/site-packages", "/home/me/my project/bin", "/tmp/a b  c",
		"\xf0\x9f\x90\x8d/snake", "x\ry", "python''C:\\y'", "x''''y", "'", "''", NULL,
	};

	(void)state;
	for (const char *const *c = cases; *c; c++) {
		struct ps_buf b;
		struct ps_error err;
		struct ps_ynode *t;
		const struct ps_ynode *v;

		ps_buf_init(&b);
		ps_buf_adds(&b, "k: ");
		ps_yaml_add_scalar(&b, *c, strlen(*c));
		ps_buf_adds(&b, "\nseq:\n- ");
		ps_yaml_add_scalar(&b, *c, strlen(*c));
		ps_buf_adds(&b, "\n");
		/* also as a key */
		ps_buf_adds(&b, "m:\n  ");
		ps_yaml_add_scalar(&b, *c, strlen(*c));
		ps_buf_adds(&b, ": 1\n");
		t = ps_yaml_parse("s", b.s, b.len, &err);
		if (!t)
			fail_msg("case '%s': %s:%d:%d %s\n%s", *c, err.file, err.line, err.col, err.msg, b.s);
		v = ps_ynode_get(t, "k");
		assert_non_null(v);
		if (v->type != PS_YT_STR || strcmp(v->text, *c) != 0)
			fail_msg("case '%s' read back as '%s' (type %d):\n%s", *c, v->text, v->type, b.s);
		v = ps_ynode_get(t, "seq");
		assert_int_equal(v->n, 1);
		assert_int_equal(v->kids[0]->type, PS_YT_STR);
		assert_string_equal(v->kids[0]->text, *c);
		v = ps_ynode_get(t, "m");
		assert_int_equal(v->n, 2);
		assert_string_equal(v->kids[0]->text, *c);
		ps_ynode_free(t);
		ps_buf_release(&b);
	}
}

static void test_parse_errors(void **state)
{
	static const struct {
		const char *text;
		int line, col;
		const char *msg;
	} cases[] = {
		{"a: 1\na: 2\n", 2, 1, "duplicate key 'a' (first at line 1)"},
		{"a: &x 1\nb: *x\n", 2, 5, "aliases are not supported"},  /* libfyaml marks the name */
		{"a: !!int 1\n", 1, 4, "tags other than !!str are not supported"},
		{"? [a]\n: 1\n", 1, 3, "keys must be plain strings"},
		{"a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"},
		{"a: b\nc: \xc3\xa9\xff\n", 2, 5, "not UTF-8 text (or a NUL byte): YAML files are UTF-8"},
		{"%\xff", 1, 2, "not UTF-8 text (or a NUL byte): YAML files are UTF-8"},  /* libfyaml would hang */
		{"a: \xed\xa0\x80\n", 1, 4, "not UTF-8 text (or a NUL byte): YAML files are UTF-8"},
		{"f:\n  x:\n    c: |\n    | a\n      b\n", 4, 1,
		 "block scalar lines must be indented more than their key"},
		{"a: [1, 2\n", 0, 0, NULL},   /* libfyaml's own message and position */
		{"a: \"\\q\"\n", 0, 0, NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ps_error err;
		struct ps_ynode *t;

		ps_error_init(&err);
		t = ps_yaml_parse("f.yaml", cases[i].text, strlen(cases[i].text), &err);
		assert_null(t);
		assert_string_equal(err.file, "f.yaml");
		assert_true(err.code == PS_ERR_PARSE || err.code == PS_ERR_SCHEMA);
		if (cases[i].msg) {
			assert_string_equal(err.msg, cases[i].msg);
			assert_int_equal(err.line, cases[i].line);
			assert_int_equal(err.col, cases[i].col);
		} else {
			assert_true(err.line > 0);
			assert_true(err.msg[0] != '\0');
		}
	}
}

static void test_parse_values(void **state)
{
	const char *text = "s: '1'\ni: 42\nn:\nt: ~\nb: True\nf: no\nq: \"a\\0b\"\nv: 3.10\nl: [a, 'b']\n";
	struct ps_error err;
	struct ps_ynode *t = ps_yaml_parse("x", text, strlen(text), &err);

	(void)state;
	assert_non_null(t);
	assert_int_equal(ps_ynode_get(t, "s")->type, PS_YT_STR);
	assert_int_equal(ps_ynode_get(t, "i")->type, PS_YT_INT);
	assert_int_equal(ps_ynode_get(t, "i")->ival, 42);
	assert_int_equal(ps_ynode_get(t, "n")->type, PS_YT_NULL);
	assert_int_equal(ps_ynode_get(t, "t")->type, PS_YT_NULL);
	assert_int_equal(ps_ynode_get(t, "b")->type, PS_YT_BOOL);
	assert_int_equal(ps_ynode_get(t, "b")->ival, 1);
	assert_int_equal(ps_ynode_get(t, "f")->ival, 0);
	assert_int_equal(ps_ynode_get(t, "q")->len, 3);
	assert_memory_equal(ps_ynode_get(t, "q")->text, "a\0b", 3);
	assert_string_equal(ps_ynode_get(t, "v")->text, "3.10");
	assert_int_equal(ps_ynode_get(t, "v")->type, PS_YT_STR);
	assert_int_equal(ps_ynode_get(t, "l")->n, 2);
	assert_int_equal(ps_ynode_get(t, "l")->kids[0]->line, 9);
	assert_int_equal(ps_ynode_get(t, "l")->kids[0]->col, 5);
	ps_ynode_free(t);

	/* empty block scalars end at the next, less indented line */
	t = ps_yaml_parse("x", "a: |\nb: >\n\nc:\n- |\n- x\n", 22, &err);
	assert_non_null(t);
	assert_string_equal(ps_ynode_get(t, "a")->text, "");
	assert_string_equal(ps_ynode_get(t, "c")->kids[1]->text, "x");
	ps_ynode_free(t);

	/* single quotes: '' is a quote, also several in a row (libfyaml 0.7.12 gets that wrong) */
	text = "a: 'x''''y'\nb: ''''''\nc: 'it''s'\nd: ''\ne: '''x'''\n'k''': 1\n";
	t = ps_yaml_parse("x", text, strlen(text), &err);
	assert_non_null(t);
	assert_string_equal(ps_ynode_get(t, "a")->text, "x''y");
	assert_string_equal(ps_ynode_get(t, "b")->text, "''");
	assert_string_equal(ps_ynode_get(t, "c")->text, "it's");
	assert_string_equal(ps_ynode_get(t, "d")->text, "");
	assert_int_equal(ps_ynode_get(t, "d")->type, PS_YT_STR);
	assert_string_equal(ps_ynode_get(t, "e")->text, "'x'");
	assert_non_null(ps_ynode_get(t, "k'"));
	assert_int_equal(ps_ynode_get(t, "c")->col, 4);
	ps_ynode_free(t);
	text = "a: 'multi\n  line'\n";
	t = ps_yaml_parse("x", text, strlen(text), &err);
	assert_non_null(t);
	assert_string_equal(ps_ynode_get(t, "a")->text, "multi line");
	ps_ynode_free(t);
	text = "a: 'multi''''\n  line'\n";
	assert_null(ps_yaml_parse("x", text, strlen(text), &err));
	assert_int_equal(err.line, 1);

	t = ps_yaml_parse("x", "", 0, &err);
	assert_non_null(t);
	assert_int_equal(t->type, PS_YT_NULL);
	ps_ynode_free(t);
}

static void test_closest(void **state)
{
	static const char *const names[] = {"prefix", "exec_prefix", "platlibdir", "version", NULL};

	(void)state;
	assert_int_equal(ps_edit_distance("prefx", "prefix"), 1);
	assert_int_equal(ps_edit_distance("", "abc"), 3);
	assert_string_equal(ps_closest("prefx", names), "prefix");
	assert_string_equal(ps_closest("exec-prefix", names), "exec_prefix");
	assert_string_equal(ps_closest("verison", names), "version");
	assert_null(ps_closest("zzz", names));
	assert_null(ps_closest("x", names));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_pretty_format),
		cmocka_unit_test(test_yaml_same_document),
		cmocka_unit_test(test_shapes_in_step),
		cmocka_unit_test(test_yaml_scalar_roundtrip),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_closest),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
