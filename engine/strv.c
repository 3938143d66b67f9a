/*
 * strv.c - struct ps_strv, a NULL-terminated vector of strings it owns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

void ps_strv_init(struct ps_strv *sv)
{
	sv->v = NULL;
	sv->n = 0;
	sv->alloc = 0;
}

void ps_strv_release(struct ps_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	ps_strv_init(sv);
}

void ps_strv_clear(struct ps_strv *sv)
{
	ps_strv_release(sv);
}

/* Room for one more element and the terminating NULL. */
static int reserve_one(struct ps_strv *sv)
{
	size_t nalloc;
	char **p;

	if (sv->n + 2 <= sv->alloc)
		return 0;
	nalloc = sv->alloc ? sv->alloc * 2 : 8;
	if (nalloc < sv->n + 2 || nalloc > SIZE_MAX / sizeof(char *))
		return -1;
	p = realloc(sv->v, nalloc * sizeof(char *));
	if (!p)
		return -1;
	sv->v = p;
	sv->alloc = nalloc;
	sv->v[sv->n] = NULL;   /* the first allocation has no terminator yet */
	return 0;
}

int ps_strv_push_take(struct ps_strv *sv, char *s)
{
	if (!s)
		return -1;
	if (reserve_one(sv) < 0) {
		free(s);
		return -1;
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
	return 0;
}

int ps_strv_push(struct ps_strv *sv, const char *s)
{
	char *d = strdup(s ? s : "");

	return d ? ps_strv_push_take(sv, d) : -1;
}

int ps_strv_pushf(struct ps_strv *sv, const char *fmt, ...)
{
	struct ps_buf b;
	va_list ap;

	ps_buf_init(&b);
	va_start(ap, fmt);
	ps_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return ps_strv_push_take(sv, ps_buf_detach(&b));
}

int ps_strv_insert(struct ps_strv *sv, size_t at, const char *s)
{
	char *d;

	if (at > sv->n)
		at = sv->n;
	d = strdup(s ? s : "");
	if (!d)
		return -1;
	if (reserve_one(sv) < 0) {
		free(d);
		return -1;
	}
	memmove(sv->v + at + 1, sv->v + at, (sv->n - at + 1) * sizeof(char *));
	sv->v[at] = d;
	sv->n++;
	return 0;
}

void ps_strv_remove(struct ps_strv *sv, size_t at)
{
	if (at >= sv->n)
		return;
	free(sv->v[at]);
	memmove(sv->v + at, sv->v + at + 1, (sv->n - at) * sizeof(char *));
	sv->n--;
}

int ps_strv_copy(struct ps_strv *dst, const struct ps_strv *src)
{
	size_t i;

	ps_strv_clear(dst);
	for (i = 0; i < src->n; i++) {
		if (ps_strv_push(dst, src->v[i]) < 0) {
			ps_strv_clear(dst);
			return -1;
		}
	}
	return 0;
}

int ps_strv_split(struct ps_strv *sv, const char *s, char delim)
{
	const char *p = s, *q;
	size_t n0 = sv->n;
	char *d;

	for (;;) {
		q = strchr(p, delim);
		if (delim == '\0' || !q)
			q = p + strlen(p);
		d = strndup(p, (size_t)(q - p));
		if (!d || ps_strv_push_take(sv, d) < 0)
			goto fail;
		if (!*q)
			return 0;
		p = q + 1;
	}
fail:
	/* All or nothing: drop the pieces appended by this call. */
	while (sv->n > n0)
		ps_strv_remove(sv, sv->n - 1);
	return -1;
}

long ps_strv_find(const struct ps_strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}

bool ps_strv_equal(const struct ps_strv *a, const struct ps_strv *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}
