/* strset.c - see strset.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "util.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void strset_init(struct ps_strset *set, const struct ps_strv *sv)
{
	size_t i;

	set->cap = 16;
	while (set->cap < sv->n * 2 + 1)
		set->cap *= 2;
	set->slot = xcalloc(set->cap, sizeof(*set->slot));
	for (i = 0; i < sv->n; i++) {
		size_t h = (size_t)hash_str(sv->v[i]) & (set->cap - 1);
		while (set->slot[h] && strcmp(set->slot[h], sv->v[i]))
			h = (h + 1) & (set->cap - 1);
		set->slot[h] = sv->v[i];
	}
}

bool strset_has(const struct ps_strset *set, const char *s)
{
	size_t h = (size_t)hash_str(s) & (set->cap - 1);
	while (set->slot[h]) {
		if (!strcmp(set->slot[h], s))
			return true;
		h = (h + 1) & (set->cap - 1);
	}
	return false;
}

void strset_release(struct ps_strset *set)
{
	free(set->slot);
	set->slot = NULL;
}
