/* match.c - see match.h.  No curses here. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "util.h"

struct ps_match {
	pcre2_code *re;               /* NULL: no pattern */
	pcre2_match_data *md;
	char *pattern;                /* "" when none */
	bool newline_crlf;       /* the pattern's newline convention allows CRLF */
};

struct ps_match *match_new(void)
{
	struct ps_match *m = xcalloc(1, sizeof(*m));
	m->pattern = xstrdup("");
	return m;
}

static void match_drop(struct ps_match *m)
{
	pcre2_match_data_free(m->md);
	pcre2_code_free(m->re);
	m->md = NULL;
	m->re = NULL;
}

void match_free(struct ps_match *m)
{
	if (!m)
		return;
	match_drop(m);
	free(m->pattern);
	free(m);
}

/* Smart case: ignore case unless the pattern has an upper-case ASCII letter. */
static bool has_upper(const char *s)
{
	for (; *s; s++) {
		/* skip escapes such as \S \W \D which are not letters to match */
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s >= 'A' && *s <= 'Z')
			return true;
	}
	return false;
}

int match_set(struct ps_match *m, const char *pattern, struct ps_error *err)
{
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	pcre2_code *re;
	pcre2_match_data *md;
	int errcode;
	PCRE2_SIZE erroff;
	uint32_t nl;

	if (!*pattern) {
		match_drop(m);
		free(m->pattern);
		m->pattern = xstrdup("");
		return 0;
	}
	if (!has_upper(pattern))
		opts |= PCRE2_CASELESS;
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &errcode, &erroff,
			   NULL);
	if (!re) {
		PCRE2_UCHAR buf[256];
		pcre2_get_error_message(errcode, buf, sizeof(buf));
		ps_error_set(err, PS_ERR_INVAL, "regex error at offset %zu: %s", (size_t)erroff,
			     (const char *)buf);
		return -1;
	}
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md) {
		pcre2_code_free(re);
		die_oom();
	}
	match_drop(m);
	m->re = re;
	m->md = md;
	free(m->pattern);
	m->pattern = xstrdup(pattern);
	pcre2_pattern_info(re, PCRE2_INFO_NEWLINE, &nl);
	m->newline_crlf = nl == PCRE2_NEWLINE_ANY || nl == PCRE2_NEWLINE_CRLF ||
			       nl == PCRE2_NEWLINE_ANYCRLF;
	return 0;
}

const char *match_pattern(const struct ps_match *m)
{
	return m->pattern;
}

bool match_active(const struct ps_match *m)
{
	return m->re != NULL;
}

bool match_test(struct ps_match *m, const char *subject, size_t len)
{
	if (!m->re)
		return false;
	return pcre2_match(m->re, (PCRE2_SPTR)subject, len, 0, 0, m->md, NULL) >= 0;
}

/*
 * The find-all loop of pcre2demo.c (10.42): after an empty match, retry
 * at the same offset with PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED, and
 * when that fails advance by one character (a whole UTF-8 sequence, or
 * CRLF as a unit when the newline convention allows it).
 */
size_t match_all(struct ps_match *m, const char *subject, size_t len, struct ps_span *out,
		 size_t max)
{
	PCRE2_SIZE *ov;
	size_t n = 0;
	int rc;

	if (!m->re || max == 0)
		return 0;
	rc = pcre2_match(m->re, (PCRE2_SPTR)subject, len, 0, 0, m->md, NULL);
	if (rc < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(m->md);
	if (ov[0] > ov[1])       /* \K in a lookahead: give up, as pcre2demo does */
		return 0;
	if (ov[1] > ov[0])
		out[n++] = (struct ps_span){ ov[0], ov[1] };
	while (n < max) {
		uint32_t options = 0;
		PCRE2_SIZE start = ov[1];

		if (ov[0] == ov[1]) {
			if (ov[0] == len)
				break;
			options = PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED;
		} else {
			PCRE2_SIZE startchar = pcre2_get_startchar(m->md);
			if (start <= startchar) {
				if (startchar >= len)
					break;
				start = startchar + 1;
				while (start < len && ((unsigned char)subject[start] & 0xc0) == 0x80)
					start++;
			}
		}
		rc = pcre2_match(m->re, (PCRE2_SPTR)subject, len, start, options, m->md, NULL);
		if (rc == PCRE2_ERROR_NOMATCH) {
			if (options == 0)
				break;
			/* the empty match could not be extended: advance one character */
			ov[1] = start + 1;
			if (m->newline_crlf && start < len - 1 && subject[start] == '\r' &&
			    subject[start + 1] == '\n')
				ov[1] += 1;
			else
				while (ov[1] < len && ((unsigned char)subject[ov[1]] & 0xc0) == 0x80)
					ov[1] += 1;
			continue;
		}
		if (rc < 0 || ov[0] > ov[1])
			break;
		if (ov[1] > ov[0])
			out[n++] = (struct ps_span){ ov[0], ov[1] };
	}
	return n;
}
