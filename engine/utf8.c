/*
 * utf8.c - UTF-8 decoding and validation, shared by every reader that
 * hands text to libfyaml (scenarios, the explorer's themes) and every
 * writer that escapes bytes (JSON, YAML, captured scenarios).
 */
#include "engine.h"

size_t ps_utf8_decode(const char *text, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned c = s[0], v;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

int ps_utf8_check(const char *text, size_t len, int *line, int *col)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = ps_utf8_decode(text + i, len - i, &cp);

		if (n == 0 || cp == 0) {
			*line = l;
			*col = c;
			return -1;
		}
		if (cp == '\n') {
			l++;
			c = 0;
		}
		i += n;
		c++;
	}
	return 0;
}
