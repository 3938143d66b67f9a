/*
 * env.c - an environment as a ps_strv of "NAME=VALUE" strings.
 *
 * Names are compared exactly (case-sensitively), as on POSIX; the first
 * occurrence wins like getenv().
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* Index of NAME's entry, or -1. */
static long env_find(const struct ps_strv *env, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < env->n; i++)
		if (strncmp(env->v[i], name, n) == 0 && env->v[i][n] == '=')
			return (long)i;
	return -1;
}

const char *ps_env_get(const struct ps_strv *env, const char *name)
{
	long i;

	if (!env || !name)
		return NULL;
	i = env_find(env, name);
	return i < 0 ? NULL : env->v[i] + strlen(name) + 1;
}

int ps_env_set(struct ps_strv *env, const char *name, const char *value)
{
	struct ps_buf b;
	char *s;
	long i;

	if (!name || !*name || strchr(name, '='))
		return -1;
	ps_buf_init(&b);
	ps_buf_adds(&b, name);
	ps_buf_addc(&b, '=');
	ps_buf_adds(&b, value ? value : "");
	s = ps_buf_detach(&b);
	if (!s)
		return -1;
	i = env_find(env, name);
	if (i >= 0) {
		free(env->v[i]);
		env->v[i] = s;
		return 0;
	}
	return ps_strv_push_take(env, s);
}

void ps_env_unset(struct ps_strv *env, const char *name)
{
	long i;

	if (!env || !name)
		return;
	/* Remove every occurrence so a duplicated name cannot reappear. */
	while ((i = env_find(env, name)) >= 0)
		ps_strv_remove(env, (size_t)i);
}
