/* text.c - see text.h.  No curses here: unit tests and the script mode link this file. */
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

int text_char(const char *s, size_t n, wchar_t *wc, size_t *len)
{
	mbstate_t st;
	wchar_t c;
	size_t k;
	int w;

	memset(&st, 0, sizeof(st));
	k = mbrtowc(&c, s, n, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*len = 1;
		c = L'?';
		w = 1;
	} else {
		*len = k;
		w = wcwidth(c);
		if (w < 0) {
			c = L'?';
			w = 1;
		}
	}
	if (wc)
		*wc = c;
	return w;
}

int text_cols(const char *s, size_t len)
{
	size_t i = 0, n;
	int col = 0;

	while (i < len) {
		col += text_char(s + i, len - i, NULL, &n);
		i += n;
	}
	return col;
}

size_t text_fit(const char *s, size_t len, int cols)
{
	size_t i = 0, n;
	int col = 0;

	while (i < len) {
		int w = text_char(s + i, len - i, NULL, &n);
		if (col + w > cols)
			break;
		col += w;
		i += n;
	}
	return i;
}

void text_wrap(const char *text, int width, int indent, struct ps_strv *out)
{
	size_t len = strlen(text), off = 0;
	bool first = true;

	if (width < 8)
		width = 8;
	if (indent > width / 2)
		indent = width / 2;
	while (off < len) {
		int avail = first ? width : width - indent, col = 0;
		size_t i = off, brk = 0;

		/* the longest piece that fits; remember the last space in it */
		while (i < len) {
			size_t n;
			int w = text_char(text + i, len - i, NULL, &n);
			if (col + w > avail)
				break;
			if (text[i] == ' ' && i > off)
				brk = i;
			col += w;
			i += n;
		}
		if (i < len && brk > off && text[i] != ' ')
			i = brk;   /* break between words when a word would be cut */
		if (i == off) {
			/* not even one character fits: take it anyway */
			size_t n;
			text_char(text + i, len - i, NULL, &n);
			i += n;
		}
		ps_strv_pushf(out, "%*s%.*s", first ? 0 : indent, "", (int)(i - off), text + off);
		off = i;
		while (off < len && text[off] == ' ')
			off++;
		first = false;
	}
	if (!out->n)
		ps_strv_push(out, "");
}

size_t text_utf8(unsigned c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}
