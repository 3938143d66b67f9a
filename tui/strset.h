/*
 * strset.h - a set of strings for membership tests: "what changed" and the
 * diff view compare result snapshots of thousands of sys.path entries and
 * .pth lines, which a linear search would make quadratic.
 *
 * The set borrows its strings: they must outlive it, unchanged.  It is
 * built once from a string vector and only read afterwards (open
 * addressing, FNV-1a).
 */
#ifndef PS_TUI_STRSET_H
#define PS_TUI_STRSET_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct ps_strset {
	const char **slot;   /* borrowed strings; NULL marks a free slot */
	size_t cap;          /* a power of two, more than twice the strings */
};

/* Builds the set of sv's strings (borrowed from sv). Release with strset_release. */
void strset_init(struct ps_strset *set, const struct ps_strv *sv);

bool strset_has(const struct ps_strset *set, const char *s);

/* Frees the slots (not the strings); a zeroed set may be released too. */
void strset_release(struct ps_strset *set);

#endif /* PS_TUI_STRSET_H */
