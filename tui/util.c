/* util.c - see util.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

_Noreturn void die_oom(void)
{
	fputs("pathscope: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom();
	return q;
}

char *xstrdup(const char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = strdup(s);
	if (!p)
		die_oom();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		die_oom();
	return p;
}

void xbuf_check(const struct ps_buf *b)
{
	if (b->oom)
		die_oom();
}

void print_error(const struct ps_error *err)
{
	char line[1024];

	if (err->code == PS_ERR_NOMEM)
		die_oom();
	ps_error_format(err, line, sizeof(line));
	fprintf(stderr, "pathscope: %s\n", line[0] ? line : "unknown error");
}

void print_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("pathscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int write_stdout(const char *s, size_t len)
{
	if (len && fwrite(s, 1, len, stdout) != len) {
		print_msg("cannot write output: %s", strerror(errno));
		return -1;
	}
	if (fflush(stdout) != 0) {
		print_msg("cannot write output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int write_stdout_buf(struct ps_buf *b)
{
	int rc;

	xbuf_check(b);
	if (b->len && b->s[b->len - 1] != '\n')
		ps_buf_addc(b, '\n');
	xbuf_check(b);
	rc = write_stdout(b->s, b->len);
	ps_buf_release(b);
	return rc;
}

bool want_color(const struct ps_cli *cli, int fd)
{
	const char *nc;

	if (cli && cli->color_given && cli->color != PS_COLOR_AUTO)
		return cli->color == PS_COLOR_ALWAYS;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	if (!isatty(fd))
		return false;
	nc = getenv("TERM");
	return !(nc && strcmp(nc, "dumb") == 0);
}

/* Display width of a UTF-8 string (code points; good enough for paths). */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

void wrap_words(struct ps_buf *b, const char *text, size_t indent, size_t start, size_t width,
		wrap_word_fn *add_word, void *ctx)
{
	const char *p = text;
	size_t col = start, i;
	bool first = start > 0;

	while (*p) {
		const char *w = p;
		size_t n, ww;

		while (*w == ' ')
			w++;
		if (!*w)
			break;
		n = strcspn(w, " \n");
		ww = text_width(w, n);
		if (first) {
			first = false;
		} else if (col == 0) {
			for (i = 0; i < indent; i++)
				ps_buf_addc(b, ' ');
			col = indent;
		} else if (col + 1 + ww > width) {
			ps_buf_addc(b, '\n');
			for (i = 0; i < indent; i++)
				ps_buf_addc(b, ' ');
			col = indent;
		} else {
			ps_buf_addc(b, ' ');
			col++;
		}
		if (add_word)
			add_word(b, w, n, ctx);
		else
			ps_buf_add(b, w, n);
		col += ww;
		p = w + n;
		if (*p == '\n') {
			ps_buf_addc(b, '\n');
			col = 0;
			p++;
		}
	}
	if (col || first)
		ps_buf_addc(b, '\n');
}

void wrap_text(struct ps_buf *b, const char *text, size_t indent, size_t start, size_t width)
{
	wrap_words(b, text, indent, start, width, NULL, NULL);
}
