/*
 * ynode.c - the small document tree of scenario-int.h: construction, a
 * YAML reader on libfyaml's event parser (errors collected with FYPCF_QUIET
 * and a collecting fy_diag, copied with line and column into ps_error),
 * and the "did you mean" helpers.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "scenario-int.h"

#define MAX_DEPTH 64

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

struct ps_ynode *ps_ynode_new(enum ps_ykind kind)
{
	struct ps_ynode *n = calloc(1, sizeof *n);

	if (n)
		n->kind = kind;
	return n;
}

struct ps_ynode *ps_ynode_strn(const char *s, size_t len)
{
	struct ps_ynode *n = ps_ynode_new(PS_Y_SCALAR);

	if (!n)
		return NULL;
	n->text = malloc(len + 1);
	if (!n->text) {
		free(n);
		return NULL;
	}
	if (len)
		memcpy(n->text, s, len);
	n->text[len] = '\0';
	n->len = len;
	n->type = PS_YT_STR;
	return n;
}

struct ps_ynode *ps_ynode_str(const char *s)
{
	return s ? ps_ynode_strn(s, strlen(s)) : ps_ynode_null();
}

struct ps_ynode *ps_ynode_null(void)
{
	struct ps_ynode *n = ps_ynode_strn("null", 4);

	if (n) {
		n->type = PS_YT_NULL;
		n->plain = true;
	}
	return n;
}

struct ps_ynode *ps_ynode_int(long long v)
{
	char tmp[32];
	struct ps_ynode *n;

	snprintf(tmp, sizeof tmp, "%lld", v);
	n = ps_ynode_str(tmp);
	if (n) {
		n->type = PS_YT_INT;
		n->plain = true;
		n->ival = v;
	}
	return n;
}

struct ps_ynode *ps_ynode_bool(bool v)
{
	struct ps_ynode *n = ps_ynode_str(v ? "true" : "false");

	if (n) {
		n->type = PS_YT_BOOL;
		n->plain = true;
		n->ival = v;
	}
	return n;
}

void ps_ynode_free(struct ps_ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ps_ynode_free(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n);
}

static int kids_grow(struct ps_ynode *n, size_t more)
{
	if (n->n + more > n->alloc) {
		size_t na = n->alloc ? n->alloc * 2 : 8;
		struct ps_ynode **k;

		while (na < n->n + more)
			na *= 2;
		k = realloc(n->kids, na * sizeof *k);
		if (!k)
			return -1;
		n->kids = k;
		n->alloc = na;
	}
	return 0;
}

int ps_ynode_push(struct ps_ynode *seq, struct ps_ynode *kid)
{
	if (!kid || kids_grow(seq, 1) < 0) {
		ps_ynode_free(kid);
		return -1;
	}
	seq->kids[seq->n++] = kid;
	return 0;
}

int ps_ynode_set(struct ps_ynode *map, const char *key, struct ps_ynode *value)
{
	struct ps_ynode *k = ps_ynode_str(key);

	if (!k || !value || kids_grow(map, 2) < 0) {
		ps_ynode_free(k);
		ps_ynode_free(value);
		return -1;
	}
	map->kids[map->n++] = k;
	map->kids[map->n++] = value;
	return 0;
}

struct ps_ynode *ps_ynode_get(const struct ps_ynode *map, const char *key)
{
	if (!map || map->kind != PS_Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->text, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* YAML 1.2 core schema words, plus the YAML 1.1 yes/no/on/off people still write. */
static bool word_in(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

static const char *const null_words[] = {"", "~", "null", "Null", "NULL", NULL};
static const char *const true_words[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On",
					 "ON", NULL};
static const char *const false_words[] = {"false", "False", "FALSE", "no", "No", "NO", "off",
					  "Off", "OFF", NULL};

void ps_ynode_resolve(struct ps_ynode *n)
{
	const char *s = n->text;

	n->type = PS_YT_STR;
	if (n->kind != PS_Y_SCALAR || !n->plain || strlen(s) != n->len)
		return;
	if (word_in(s, null_words)) {
		n->type = PS_YT_NULL;
	} else if (word_in(s, true_words) || word_in(s, false_words)) {
		n->type = PS_YT_BOOL;
		n->ival = word_in(s, true_words);
	} else {
		const char *p = s + (*s == '-' || *s == '+');
		char *end;
		long long v;

		if (!isdigit((unsigned char)*p))
			return;
		for (const char *q = p; *q; q++)
			if (!isdigit((unsigned char)*q))
				return;
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno || *end)
			return;
		n->type = PS_YT_INT;
		n->ival = v;
	}
}

/* ------------------------------------------------------------------ */
/* YAML -> tree                                                        */
/* ------------------------------------------------------------------ */

static void fail_at(struct ps_error *err, int code, const char *name, int line, int col,
		    const char *fmt, ...) PS_PRINTF(6, 7);
static void fail_at(struct ps_error *err, int code, const char *name, int line, int col,
		    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ps_error_at(err, code, name ? name : "", line, col, "%s", msg);
}

static void mark_of(struct fy_event *e, int *line, int *col)
{
	const struct fy_mark *m = fy_event_start_mark(e);

	*line = m ? m->line + 1 : 0;
	*col = m ? m->column + 1 : 0;
}

/* The start of a token, when it has one (keeps *line / *col otherwise). */
static void token_mark(struct fy_token *t, int *line, int *col)
{
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

	if (m) {
		*line = m->line + 1;
		*col = m->column + 1;
	}
}

/* Only the non-specific "!" and !!str are accepted: they make a scalar a string. */
static bool tag_ok(struct fy_token *tag)
{
	size_t len;
	const char *t;

	if (!tag)
		return true;
	t = fy_token_get_text(tag, &len);
	if (!t)
		return false;
	return (len == 1 && t[0] == '!') ||
	       (len == 21 && memcmp(t, "tag:yaml.org,2002:str", 21) == 0);
}

/*
 * Whether a literal or folded block scalar starts with a line that is not
 * indented more than the collection it belongs to (checked when the scalar
 * is not empty: an empty one ends right there).  That is invalid YAML,
 * and libfyaml 0.7.12 accepts it but then returns a text with
 * uninitialised bytes (found by fuzzing: "k:\n  c: |\n  | a\n    b\n"),
 * so it is refused here.  The collection's column is its first key's or
 * dash's.
 */
static bool block_underindented(struct fy_event *e, const char *text, size_t len,
				const struct ps_ynode *parent)
{
	enum fy_node_style st = fy_event_get_node_style(e);
	const struct fy_mark *m = fy_event_start_mark(e);
	size_t pos, line_start;

	if ((st != FYNS_LITERAL && st != FYNS_FOLDED) || !m || parent->col < 1)
		return false;
	pos = m->input_pos;
	if (pos > len)
		return false;
	/* from the start of the mark's line, skip blank lines, measure the first other one */
	line_start = pos;
	while (line_start > 0 && text[line_start - 1] != '\n')
		line_start--;
	for (pos = line_start; pos < len;) {
		size_t ind = 0;

		while (pos + ind < len && text[pos + ind] == ' ')
			ind++;
		if (pos + ind < len && text[pos + ind] != '\n' && text[pos + ind] != '\r')
			return ind < (size_t)parent->col;
		while (pos < len && text[pos] != '\n')
			pos++;
		pos++;
	}
	return false;
}

/*
 * Reads a single-quoted scalar from the source text between its marks.
 * libfyaml 0.7.12 misreads adjacent escaped quotes ('x''''y' gives x''')
 * and leaks memory on them (found by fuzzing), so a one-line single-quoted
 * scalar is decoded here ('' is a quote, nothing else is special), and a
 * multi-line one containing '''' is refused; other multi-line ones (with
 * line folding) are left to libfyaml.  Returns 1 with *out set (NULL on
 * OOM... reported as -2), 0 to let libfyaml read it, -1 to refuse it.
 */
static int single_quoted(struct fy_event *e, const char *text, size_t len,
			 struct ps_ynode **out)
{
	const struct fy_mark *sm = fy_event_start_mark(e), *em = fy_event_end_mark(e);
	size_t a, b, i, k = 0;
	char *buf;

	*out = NULL;
	if (!sm || !em || sm->input_pos > em->input_pos || em->input_pos > len)
		return 0;
	a = sm->input_pos;
	b = em->input_pos;
	if (memchr(text + a, '\n', b - a) || memchr(text + a, '\r', b - a)) {
		for (i = a; i + 3 < b; i++)
			if (memcmp(text + i, "''''", 4) == 0)
				return -1;
		return 0;
	}
	buf = malloc(b - a + 1);
	if (!buf)
		return -2;
	for (i = a; i < b; i++) {
		buf[k++] = text[i];
		if (text[i] == '\'' && i + 1 < b && text[i + 1] == '\'')
			i++;
	}
	*out = ps_ynode_strn(buf, k);
	free(buf);
	return *out ? 1 : -2;
}

/* Copies the first collected parser error (libfyaml's lines and columns are 1-based there). */
static void parse_error(struct fy_diag *diag, const char *name, struct ps_error *err)
{
	void *it = NULL;
	struct fy_diag_error *de;

	while ((de = fy_diag_errors_iterate(diag, &it)) != NULL) {
		if (de->type < FYET_ERROR)
			continue;
		fail_at(err, PS_ERR_PARSE, name, de->line > 0 ? de->line : 0,
			de->column > 0 ? de->column : 0, "%s", de->msg ? de->msg : "malformed YAML");
		return;
	}
	fail_at(err, PS_ERR_PARSE, name, 0, 0, "malformed YAML");
}

/* Adds a finished node to its parent container, checking keys. 0 or -1 (err set). */
/*
 * A map's keys are compared with the keys before them as they arrive while
 * the map is small; past DUP_SCAN_KEYS keys that would be quadratic (a
 * captured tree has tens of thousands of files: keys), so the rest are
 * checked when the map ends, by sorting.
 */
#define DUP_SCAN_KEYS 64

static int cmp_key_index(const void *a, const void *b, void *arg)
{
	struct ps_ynode *map = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(map->kids[i]->text, map->kids[j]->text);
	return c ? c : (i > j) - (i < j);
}

/*
 * Reports the duplicate key of a big map that comes first in the document,
 * naming where its first occurrence is.  Returns 0 or -1 with err set.
 */
static int map_check_dups(struct ps_ynode *map, const char *name, struct ps_error *err)
{
	size_t nkeys = map->n / 2, *idx, worst = SIZE_MAX, first = 0;
	if (map->kind != PS_Y_MAP || nkeys <= DUP_SCAN_KEYS)
		return 0;
	idx = malloc(nkeys * sizeof *idx);
	if (!idx) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return -1;
	}
	for (size_t k = 0; k < nkeys; k++)
		idx[k] = 2 * k;
	qsort_r(idx, nkeys, sizeof *idx, cmp_key_index, map);
	for (size_t k = 1; k < nkeys; k++) {
		/* equal keys are adjacent, in document order; the second one is the error */
		if (strcmp(map->kids[idx[k - 1]]->text, map->kids[idx[k]]->text) == 0 &&
		    (k < 2 || strcmp(map->kids[idx[k - 2]]->text, map->kids[idx[k]]->text) != 0) &&
		    idx[k] < worst) {
			worst = idx[k];
			first = idx[k - 1];
		}
	}
	free(idx);
	if (worst == SIZE_MAX)
		return 0;
	fail_at(err, PS_ERR_SCHEMA, name, map->kids[worst]->line, map->kids[worst]->col,
		"duplicate key '%.200s' (first at line %d)", map->kids[worst]->text,
		map->kids[first]->line);
	return -1;
}

static int attach(struct ps_ynode *parent, struct ps_ynode *kid, const char *name,
		  struct ps_error *err)
{
	if (kid->line == 0 && parent->n) {
		/* An empty scalar has no position: use its key's (or the previous item's). */
		kid->line = parent->kids[parent->n - 1]->line;
		kid->col = parent->kids[parent->n - 1]->col;
	} else if (kid->line == 0) {
		kid->line = parent->line;
		kid->col = parent->col;
	}
	if (parent->kind == PS_Y_MAP && parent->n % 2 == 0) {
		if (kid->kind != PS_Y_SCALAR) {
			fail_at(err, PS_ERR_SCHEMA, name, kid->line, kid->col,
				"keys must be plain strings");
			ps_ynode_free(kid);
			return -1;
		}
		if (strlen(kid->text) != kid->len) {
			fail_at(err, PS_ERR_SCHEMA, name, kid->line, kid->col,
				"NUL character in a key");
			ps_ynode_free(kid);
			return -1;
		}
		/* big maps are checked once, sorted, when they end (see map_check_dups) */
		for (size_t i = 0; parent->n <= 2 * DUP_SCAN_KEYS && i < parent->n; i += 2)
			if (strcmp(parent->kids[i]->text, kid->text) == 0) {
				fail_at(err, PS_ERR_SCHEMA, name, kid->line, kid->col,
					"duplicate key '%.200s' (first at line %d)", kid->text,
					parent->kids[i]->line);
				ps_ynode_free(kid);
				return -1;
			}
	}
	if (ps_ynode_push(parent, kid) < 0) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return -1;
	}
	return 0;
}

struct ps_ynode *ps_yaml_parse(const char *name, const char *text, size_t len,
			       struct ps_error *err)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag = NULL;
	struct fy_parse_cfg cfg;
	struct fy_parser *fyp = NULL;
	struct fy_event *e;
	struct ps_ynode *stack[MAX_DEPTH + 1];
	size_t depth = 0;
	struct ps_ynode *root = NULL;
	int ndocs = 0;
	bool ok = false, done = false;

	{
		int bl, bc;

		if (ps_utf8_check(text, len, &bl, &bc) < 0) {
			fail_at(err, PS_ERR_PARSE, name, bl, bc,
				"not UTF-8 text (or a NUL byte): YAML files are UTF-8");
			return NULL;
		}
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;            /* never print: errors are collected */
	dcfg.output_fn = NULL;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return NULL;
	}
	fy_diag_set_collect_errors(diag, true);
	memset(&cfg, 0, sizeof cfg);
	cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_ACCELERATORS;
	cfg.diag = diag;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, len ? text : "", len) != 0) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		goto out;
	}

	while (!done && (e = fy_parser_parse(fyp)) != NULL) {
		struct ps_ynode *n = NULL;
		int line, col;
		bool bad = false;

		mark_of(e, &line, &col);
		switch (e->type) {
		case FYET_DOCUMENT_START:
			if (++ndocs > 1) {
				fail_at(err, PS_ERR_PARSE, name, line, col,
					"more than one YAML document");
				bad = true;
			}
			break;
		case FYET_STREAM_END:
			done = true;
			break;
		case FYET_ALIAS:
			token_mark(e->alias.anchor, &line, &col);
			fail_at(err, PS_ERR_SCHEMA, name, line, col, "aliases are not supported");
			bad = true;
			break;
		case FYET_SCALAR: {
			size_t tl = 0;
			const char *t = NULL;

			if (!tag_ok(e->scalar.tag)) {
				token_mark(e->scalar.tag, &line, &col);
				fail_at(err, PS_ERR_SCHEMA, name, line, col,
					"tags other than !!str are not supported");
				bad = true;
				break;
			}
			if (fy_event_get_node_style(e) != FYNS_SINGLE_QUOTED)
				t = fy_token_get_text(e->scalar.value, &tl);
			if (depth && t && strspn(t, "\n") < tl &&
			    block_underindented(e, text, len, stack[depth - 1])) {
				fail_at(err, PS_ERR_PARSE, name, line, col,
					"block scalar lines must be indented more than their key");
				bad = true;
				break;
			}
			if (fy_event_get_node_style(e) == FYNS_SINGLE_QUOTED) {
				int q = single_quoted(e, text, len, &n);

				if (q < 0) {
					fail_at(err, q == -2 ? PS_ERR_NOMEM : PS_ERR_PARSE, name, line, col,
						q == -2 ? "out of memory"
							: "a multi-line single-quoted string with '''' is not supported (use double quotes)");
					bad = true;
					break;
				}
				if (q == 1)
					goto have_node;
			}
			if (!t)
				t = fy_token_get_text(e->scalar.value, &tl);
			n = ps_ynode_strn(t ? t : "", t ? tl : 0);
have_node:
			if (!n) {
				ps_error_set(err, PS_ERR_NOMEM, "out of memory");
				bad = true;
				break;
			}
			/* libfyaml marks a quoted scalar after its opening quote: point at the quote. */
			if ((fy_event_get_node_style(e) == FYNS_SINGLE_QUOTED ||
			     fy_event_get_node_style(e) == FYNS_DOUBLE_QUOTED) && col > 1)
				col--;
			/* An empty value ("key:") has no token at all: a plain null. */
			n->plain = (!e->scalar.value || fy_event_get_node_style(e) == FYNS_PLAIN) &&
				   !e->scalar.tag;
			ps_ynode_resolve(n);
			break;
		}
		case FYET_SEQUENCE_START:
		case FYET_MAPPING_START: {
			struct fy_token *tag = e->type == FYET_MAPPING_START ? e->mapping_start.tag
									     : e->sequence_start.tag;
			if (tag) {
				fail_at(err, PS_ERR_SCHEMA, name, line, col,
					"tags are not supported on collections");
				bad = true;
				break;
			}
			if (depth >= MAX_DEPTH) {
				fail_at(err, PS_ERR_SCHEMA, name, line, col,
					"nested too deeply (more than %d levels)", MAX_DEPTH);
				bad = true;
				break;
			}
			n = ps_ynode_new(e->type == FYET_MAPPING_START ? PS_Y_MAP : PS_Y_SEQ);
			if (!n) {
				ps_error_set(err, PS_ERR_NOMEM, "out of memory");
				bad = true;
				break;
			}
			n->line = line;
			n->col = col;
			/* A collection is attached when it ends; a key that is one is refused now. */
			if (depth && stack[depth - 1]->kind == PS_Y_MAP && stack[depth - 1]->n % 2 == 0) {
				fail_at(err, PS_ERR_SCHEMA, name, line, col,
					"keys must be plain strings");
				ps_ynode_free(n);
				n = NULL;
				bad = true;
				break;
			}
			stack[depth++] = n;
			n = NULL;
			break;
		}
		case FYET_SEQUENCE_END:
		case FYET_MAPPING_END:
			if (depth == 0) {
				fail_at(err, PS_ERR_PARSE, name, line, col, "malformed YAML");
				bad = true;
				break;
			}
			n = stack[--depth];
			if (map_check_dups(n, name, err) < 0) {
				ps_ynode_free(n);
				n = NULL;
				bad = true;
			}
			break;
		default:
			break;
		}
		fy_parser_event_free(fyp, e);
		if (bad) {
			ps_ynode_free(n);
			goto out;
		}
		if (n) {
			if (n->kind == PS_Y_SCALAR) {
				n->line = line;
				n->col = col;
			}
			if (depth) {
				if (attach(stack[depth - 1], n, name, err) < 0)
					goto out;
			} else if (!root) {
				root = n;
			} else {
				ps_ynode_free(n);
			}
		}
	}
	if (!done || fy_parser_get_stream_error(fyp)) {
		parse_error(diag, name, err);
		goto out;
	}
	if (!root) {
		root = ps_ynode_null();
		if (!root) {
			ps_error_set(err, PS_ERR_NOMEM, "out of memory");
			goto out;
		}
		root->line = root->col = 1;
	}
	ok = true;
out:
	while (depth)
		ps_ynode_free(stack[--depth]);
	if (!ok) {
		ps_ynode_free(root);
		root = NULL;
	}
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return root;
}

/* ------------------------------------------------------------------ */
/* Suggestions                                                         */
/* ------------------------------------------------------------------ */

size_t ps_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[65];

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *ps_closest(const char *s, const char *const *names)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX, len = strlen(s);
	/* Close enough: at most a third of the word wrong, and at least one letter right. */
	size_t limit = len < 3 ? 1 : len / 3 + 1;

	for (; *names; names++) {
		size_t d = ps_edit_distance(s, *names);

		if (d < bestd) {
			bestd = d;
			best = *names;
		}
	}
	return bestd <= limit && bestd < len ? best : NULL;
}

