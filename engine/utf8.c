/*
 * utf8.c - is a text valid UTF-8?  Shared by every reader that hands text
 * to libfyaml (scenarios, the explorer's themes).
 */
#include "engine.h"

int ps_utf8_check(const char *text, size_t len, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)text;
	int l = 1, c = 1;

	for (size_t i = 0; i < len;) {
		unsigned b = s[i], v;
		size_t n, k;

		if (b == 0)
			goto bad;
		if (b < 0x80) {
			if (b == '\n') {
				l++;
				c = 0;
			}
			i++;
			c++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf)
			n = 2;
		else if (b >= 0xe0 && b <= 0xef)
			n = 3;
		else if (b >= 0xf0 && b <= 0xf4)
			n = 4;
		else
			goto bad;
		if (len - i < n)
			goto bad;
		v = b & (0x7f >> n);
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			v = (v << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
		    (v >= 0xd800 && v <= 0xdfff))
			goto bad;
		i += n;
		c++;
	}
	return 0;
bad:
	*line = l;
	*col = c;
	return -1;
}

