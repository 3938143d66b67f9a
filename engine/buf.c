/*
 * buf.c - struct ps_buf, a growable NUL-terminated string (git's strbuf)
 * whose allocation failures are sticky: callers append freely and check
 * `oom` once at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* Shared by every empty buffer so that b->s is always a valid string. */
static char ps_buf_empty[1];

void ps_buf_init(struct ps_buf *b)
{
	b->s = ps_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->oom = false;
}

void ps_buf_release(struct ps_buf *b)
{
	if (b->alloc)
		free(b->s);
	ps_buf_init(b);
}

void ps_buf_reset(struct ps_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->s[0] = '\0';
}

/* Makes room for `extra` more bytes plus the NUL; false (and oom set) on failure. */
static bool grow(struct ps_buf *b, size_t extra)
{
	size_t need, nalloc;
	char *p;

	if (b->oom)
		return false;
	if (extra > SIZE_MAX - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return true;
	nalloc = b->alloc ? b->alloc : 32;
	while (nalloc < need)
		nalloc = nalloc > SIZE_MAX / 2 ? need : nalloc * 2;
	p = realloc(b->alloc ? b->s : NULL, nalloc);
	if (!p)
		goto fail;
	if (!b->alloc)
		p[0] = '\0';
	b->s = p;
	b->alloc = nalloc;
	return true;
fail:
	b->oom = true;
	return false;
}

void ps_buf_add(struct ps_buf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	if (n)
		memmove(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void ps_buf_adds(struct ps_buf *b, const char *s)
{
	ps_buf_add(b, s, strlen(s));
}

void ps_buf_addc(struct ps_buf *b, char c)
{
	ps_buf_add(b, &c, 1);
}

void ps_buf_vaddf(struct ps_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->oom)
		return;
	/* First try in the space we have; retry once with the exact size. */
	va_copy(cp, ap);
	n = vsnprintf(b->alloc ? b->s + b->len : NULL, b->alloc ? b->alloc - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		/* An encoding error: treat like a failure to produce output. */
		if (b->alloc)
			b->s[b->len] = '\0';
		return;
	}
	if (b->alloc && (size_t)n < b->alloc - b->len) {
		b->len += (size_t)n;
		return;
	}
	if (b->alloc)
		b->s[b->len] = '\0';
	if (!grow(b, (size_t)n))
		return;
	va_copy(cp, ap);
	vsnprintf(b->s + b->len, b->alloc - b->len, fmt, cp);
	va_end(cp);
	b->len += (size_t)n;
}

void ps_buf_addf(struct ps_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ps_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *ps_buf_detach(struct ps_buf *b)
{
	char *s;

	if (b->oom) {
		ps_buf_release(b);
		return NULL;
	}
	if (b->alloc)
		s = b->s;
	else
		s = calloc(1, 1);   /* an empty buffer still detaches a real string */
	ps_buf_init(b);
	return s;
}
