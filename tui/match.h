/*
 * match.h - the explorer's one PCRE2 wrapper (style §19).
 *
 * A pattern is compiled once, when it changes, with PCRE2_UTF |
 * PCRE2_MATCH_INVALID_UTF (odd bytes in file names cannot break matching)
 * and PCRE2_CASELESS when it has no upper-case letter (smart case).  The
 * match data is created from the pattern.  Finding every match uses the
 * empty-match-safe loop of pcre2demo.c at 10.42.
 */
#ifndef PS_TUI_MATCH_H
#define PS_TUI_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct ps_match;

/* A byte range [start, end) of a subject. */
struct ps_span {
	size_t start, end;
};

/* An empty matcher (matches nothing). Yours: match_free(). */
struct ps_match *match_new(void);
void match_free(struct ps_match *m);

/*
 * Compiles pattern and, on success, replaces the current one.  On a bad
 * pattern returns -1 with err set to "regex error at offset N: MESSAGE"
 * (PCRE2's message) and keeps the previous pattern.  An empty pattern
 * clears the matcher.
 */
int match_set(struct ps_match *m, const char *pattern, struct ps_error *err);

/* The current pattern (borrowed), "" when none. */
const char *match_pattern(const struct ps_match *m);
bool match_active(const struct ps_match *m);

/* Whether subject[0..len) matches somewhere. */
bool match_test(struct ps_match *m, const char *subject, size_t len);

/*
 * Finds every non-overlapping match in subject[0..len) and stores up to
 * max spans in out.  Returns the number stored.
 */
size_t match_all(struct ps_match *m, const char *subject, size_t len, struct ps_span *out,
		 size_t max);

#endif /* PS_TUI_MATCH_H */
