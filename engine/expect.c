/*
 * expect.c - compares a result with a scenario's expect: block.
 *
 * The result is turned into the very tree `resolve --format json` prints
 * (ps_result_tree), and each expect: key is looked up in it:
 *   - a bare key is a key of `sys` (prefix, path, flags ...) or, when `sys`
 *     has no such key, a top-level key (fatal, notes ...);
 *   - a dotted key is a path from the top (getpath.prefix, sys.flags.isolated,
 *     fatal.message); a numeric component indexes an array (sys.path.0,
 *     entries.2.origin).
 * Values compare by kind: strings byte for byte; sequences element-wise
 * with the same length; mappings with the same keys; numbers and booleans
 * by value, so `true` matches 1 and `false` matches 0 (sys.flags are ints
 * in the JSON); an unquoted number or boolean also matches a string of the
 * same text.  An expected null matches null or a missing key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario-int.h"

/* Borrowed node at the dotted path key (resolved as above), NULL when absent. */
static const struct ps_ynode *lookup(const struct ps_ynode *root, const char *key)
{
	const struct ps_ynode *n = root;
	const char *p = key;

	if (!strchr(key, '.')) {
		const struct ps_ynode *sys = ps_ynode_get(root, "sys");
		char shape[300];
		bool in_sys = false;

		snprintf(shape, sizeof shape, "sys.%s", key);
		for (const char *const *s = ps_result_shapes; *s; s++)
			if (strcmp(*s, shape) == 0)
				in_sys = true;
		if (in_sys)
			return ps_ynode_get(sys, key);
		return ps_ynode_get(root, key);
	}
	while (n && *p) {
		const char *end = strchr(p, '.');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char comp[256];

		if (len >= sizeof comp)
			return NULL;
		memcpy(comp, p, len);
		comp[len] = '\0';
		if (n->kind == PS_Y_MAP) {
			n = ps_ynode_get(n, comp);
		} else if (n->kind == PS_Y_SEQ) {
			char *e;
			unsigned long i = strtoul(comp, &e, 10);

			if (*e || !len || i >= n->n)
				return NULL;
			n = n->kids[i];
		} else {
			return NULL;
		}
		p += len;
		if (*p == '.')
			p++;
	}
	return n;
}

static bool is_null(const struct ps_ynode *n)
{
	return n->kind == PS_Y_SCALAR && n->type == PS_YT_NULL;
}

/* Whether the expected value e matches the actual value a (a may be NULL: absent). */
static bool matches(const struct ps_ynode *e, const struct ps_ynode *a)
{
	if (is_null(e))
		return !a || is_null(a);
	if (!a || e->kind != a->kind)
		return false;
	if (e->kind == PS_Y_SCALAR) {
		if (a->type == PS_YT_NULL)
			return false;
		if (a->type == PS_YT_STR) {
			if (e->type != PS_YT_STR && !e->plain)
				return false;
			return e->len == a->len && memcmp(e->text, a->text, a->len) == 0;
		}
		/* a is a number or a boolean */
		return (e->type == PS_YT_INT || e->type == PS_YT_BOOL) && e->ival == a->ival;
	}
	if (e->kind == PS_Y_SEQ) {
		if (e->n != a->n)
			return false;
		for (size_t i = 0; i < e->n; i++)
			if (!matches(e->kids[i], a->kids[i]))
				return false;
		return true;
	}
	if (e->n != a->n)
		return false;
	for (size_t i = 0; i + 1 < e->n; i += 2)
		if (!matches(e->kids[i + 1], ps_ynode_get(a, e->kids[i]->text)))
			return false;
	return true;
}

static char *render(const struct ps_ynode *n)
{
	struct ps_buf b;

	ps_buf_init(&b);
	if (n)
		ps_json_write_compact(n, &b);
	else
		ps_buf_adds(&b, "(absent)");
	return ps_buf_detach(&b);
}

int ps_scenario_check(const struct ps_scenario *sc, const struct ps_result *r,
		      struct ps_mismatch **out, size_t *nout, struct ps_error *err)
{
	const struct ps_expect *ex;
	struct ps_ynode *doc;
	int rc = -1;

	if (!sc || !r || !out || !nout) {
		ps_error_set(err, PS_ERR_INVAL, "ps_scenario_check: missing argument");
		return -1;
	}
	ex = sc->expect;
	if (!ex || !ex->map)
		return 0;
	doc = ps_result_tree(r);
	if (!doc)
		goto nomem;
	for (size_t i = 0; i + 1 < ex->map->n; i += 2) {
		const struct ps_ynode *k = ex->map->kids[i], *e = ex->map->kids[i + 1];
		const struct ps_ynode *a = lookup(doc, k->text);
		struct ps_mismatch *m, *grown;

		if (matches(e, a))
			continue;
		grown = realloc(*out, (*nout + 1) * sizeof **out);
		if (!grown)
			goto nomem;
		*out = grown;
		m = &grown[*nout];
		m->key = strdup(k->text);
		m->expected = render(e);
		m->actual = render(a);
		(*nout)++;
		if (!m->key || !m->expected || !m->actual)
			goto nomem;
	}
	rc = 0;
	goto done;
nomem:
	ps_error_set(err, PS_ERR_NOMEM, "out of memory");
done:
	ps_ynode_free(doc);
	return rc;
}

void ps_mismatches_free(struct ps_mismatch *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++) {
		free(m[i].key);
		free(m[i].expected);
		free(m[i].actual);
	}
	free(m);
}
