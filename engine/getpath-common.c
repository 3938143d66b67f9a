/*
 * getpath-common.c - what getpath.c, getpath_c.c and getpath_pc.c share
 * (see getpath-int.h): note formatting, probes with formatted notes, the
 * configuration flags, the joined search path of the C versions, and the
 * reading of the Windows registry.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "getpath-int.h"

char *ps_gp_vfmt(struct ps_ctx *c, const char *fmt, va_list ap)
{
	struct ps_buf b;
	ps_buf_init(&b);
	ps_buf_vaddf(&b, fmt, ap);
	if (b.oom) {
		c->oom = true;
		ps_buf_release(&b);
		return NULL;
	}
	return ps_buf_detach(&b);
}

bool ps_gp_probe(struct ps_ctx *c, enum ps_phase ph, enum ps_op op, const char *path,
		 const char *fmt, ...)
{
	va_list ap;
	char *note;
	bool ok;
	va_start(ap, fmt);
	note = ps_gp_vfmt(c, fmt, ap);
	va_end(ap);
	if (op == PS_OP_ISDIR)
		ok = ps_probe_isdir(c, ph, path, note);
	else if (op == PS_OP_ISXFILE)
		ok = ps_probe_isxfile(c, ph, path, note);
	else
		ok = ps_probe_isfile(c, ph, path, note);
	free(note);
	return ok;
}

int ps_gp_env_flag(const char *v)
{
	char *end;
	long n;
	if (!v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno == ERANGE || n < 0 || n > INT_MAX)
		return 1;  /* not an int, negative or out of range: counts as 1 */
	return (int)n;
}

void ps_gp_config_flags(struct ps_ctx *c)
{
	const struct ps_inputs *in = c->in;
	const struct ps_embed *em = &in->embed;

	c->isolated = c->rules->has_isolated && in->flags.isolated;
	c->use_environment = !in->flags.ignore_environment;
	if (em->present && em->use_environment >= 0)
		c->use_environment = em->use_environment != 0;
	if (c->isolated)
		c->use_environment = false;

	c->site_import = !in->flags.no_site;
	if (em->present && em->site_import >= 0)
		c->site_import = em->site_import != 0;

	c->user_site_directory = !in->flags.no_user_site && !c->isolated;
	if (em->present && em->user_site_directory >= 0)
		c->user_site_directory = em->user_site_directory != 0;
}

void ps_gp_c_config(struct ps_ctx *c)
{
	const struct ps_rules *R = c->rules;
	const struct ps_inputs *in = c->in;
	const struct ps_embed *em = &in->embed;
	const char *v;

	ps_gp_config_flags(c);
	v = ps_ctx_env_gated(c, "PYTHONNOUSERSITE");
	if (v && (R->env_flag_nonempty || ps_gp_env_flag(v) > 0)) {
		c->user_site_directory = false;
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "user site disabled",
			 "PYTHONNOUSERSITE=%s: %s", v, R->env_flag_nonempty
			 ? "in this version any non-empty value disables the user site"
			 : "not the integer 0, so the user site is disabled");
	}
	c->safe_path = false;
	c->pathconfig_warnings = !(em->present && em->pathconfig_warnings == 0);
	if (in->flags.safe_path || ps_env_get(&in->env, "PYTHONSAFEPATH"))
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "-P and PYTHONSAFEPATH do not exist before 3.11: no safe_path");
}

/* ------------------------------------------------------------------ */
/* The joined search path                                               */
/* ------------------------------------------------------------------ */

void ps_gp_joined_init(struct ps_gp_joined *j)
{
	ps_buf_init(&j->buf);
	j->pieces = NULL;
	j->npieces = 0;
}

void ps_gp_joined_release(struct ps_gp_joined *j)
{
	for (size_t i = 0; i < j->npieces; i++)
		free(j->pieces[i].detail);
	free(j->pieces);
	ps_buf_release(&j->buf);
	ps_gp_joined_init(j);
}

void ps_gp_joined_add(struct ps_ctx *c, struct ps_gp_joined *j, const char *text,
		      enum ps_origin origin, long step, char *detail)
{
	struct ps_gp_piece *t;
	size_t start = j->buf.len;
	ps_buf_adds(&j->buf, text);
	if (c->oom || !(t = realloc(j->pieces, (j->npieces + 1) * sizeof *t))) {
		c->oom = true;
		free(detail);
		return;
	}
	j->pieces = t;
	t[j->npieces].start = start;
	t[j->npieces].end = j->buf.len;
	t[j->npieces].origin = origin;
	t[j->npieces].detail = detail;
	t[j->npieces].step = step;
	j->npieces++;
}

void ps_gp_joined_split(struct ps_ctx *c, const struct ps_gp_joined *j, char delim,
			bool note_splits, struct ps_getpath_out *o)
{
	const char *s = j->buf.s;
	size_t pos = 0, len = j->buf.len;

	for (;;) {
		const char *end = memchr(s + pos, delim, len - pos);
		size_t n = end ? (size_t)(end - (s + pos)) : len - pos;
		char *e = ps_ctx_check(c, strndup(s + pos, n));
		const struct ps_gp_piece *pc = NULL;
		char split[80] = "";
		long step;
		if (!e)
			return;
		for (size_t i = 0; i < j->npieces; i++)
			if (pos >= j->pieces[i].start && pos <= j->pieces[i].end &&
			    (pos < j->pieces[i].end || n == 0)) {
				pc = &j->pieces[i];
				break;
			}
		step = ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, e, "appended", "%s",
				pc && pc->detail ? pc->detail : "");
		if (ps_strv_push(&o->module_search_paths, e) < 0)
			c->oom = true;
		if (note_splits && pc && pc->origin != PS_ORIGIN_PYTHONPATH &&
		    (pos > pc->start || pos + n < pc->end))
			snprintf(split, sizeof split, " (a '%c' inside that value split it into "
				 "several entries)", delim);
		ps_entries_push(c, &o->entries, &o->nentries, e,
				pc ? pc->origin : PS_ORIGIN_STDLIB, pc && pc->step >= 0 ? pc->step
				: step, "%s%s", pc && pc->detail ? pc->detail : "", split);
		free(e);
		if (!end || c->oom)
			break;
		pos += n + 1;
	}
}

void ps_gp_setpath(struct ps_ctx *c, char delim, struct ps_getpath_out *o)
{
	struct ps_strv parts;
	ps_strv_init(&parts);
	if (ps_strv_split(&parts, c->in->embed.setpath, delim) < 0)
		c->oom = true;
	for (size_t i = 0; i < parts.n && !c->oom; i++) {
		long step = ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, parts.v[i], "appended",
				     "from Py_SetPath(), verbatim");
		if (ps_strv_push(&o->module_search_paths, parts.v[i]) < 0)
			c->oom = true;
		ps_entries_push(c, &o->entries, &o->nentries, parts.v[i], PS_ORIGIN_EMBED, step,
				"from the string given to Py_SetPath(), used verbatim");
	}
	ps_strv_release(&parts);
}

void ps_gp_embed_paths(struct ps_ctx *c, struct ps_getpath_out *o)
{
	const struct ps_strv *m = &c->in->embed.module_search_paths;
	for (size_t i = 0; i < m->n && !c->oom; i++) {
		if (ps_strv_push(&o->module_search_paths, m->v[i]) < 0)
			c->oom = true;
		ps_entries_push(c, &o->entries, &o->nentries, m->v[i], PS_ORIGIN_EMBED, -1,
				"set by the embedding application, used verbatim");
	}
}

/* ------------------------------------------------------------------ */
/* The registry                                                         */
/* ------------------------------------------------------------------ */

/* The hive a scenario key names (PS_GP_HKCU/HKLM, -1 none); *rest after its '\'. */
static int reg_hive(const char *key, const char **rest)
{
	static const struct { const char *name; int hive; } hives[] = {
		{ "HKCU\\", PS_GP_HKCU }, { "HKEY_CURRENT_USER\\", PS_GP_HKCU },
		{ "HKLM\\", PS_GP_HKLM }, { "HKEY_LOCAL_MACHINE\\", PS_GP_HKLM },
	};
	for (size_t i = 0; i < sizeof hives / sizeof hives[0]; i++) {
		size_t n = strlen(hives[i].name);
		if (strncasecmp(key, hives[i].name, n) == 0) {
			*rest = key + n;
			return hives[i].hive;
		}
	}
	return -1;
}

static int cmp_sub(const void *a, const void *b)
{
	return strcasecmp(((const struct ps_gp_regsub *)a)->name,
			  ((const struct ps_gp_regsub *)b)->name);
}

/* The subkey called name[0..n) of k, added (with no key and value "") when new; NULL on OOM. */
static struct ps_gp_regsub *reg_sub(struct ps_ctx *c, struct ps_gp_regkey *k, const char *name,
				    size_t n)
{
	struct ps_gp_regsub *t;
	for (size_t i = 0; i < k->nsubs; i++)
		if (strlen(k->subs[i].name) == n && strncasecmp(k->subs[i].name, name, n) == 0)
			return &k->subs[i];
	t = realloc(k->subs, (k->nsubs + 1) * sizeof *t);
	if (!t) {
		c->oom = true;
		return NULL;
	}
	k->subs = t;
	t += k->nsubs;
	t->name = ps_ctx_check(c, strndup(name, n));
	if (!t->name)
		return NULL;
	t->key = NULL;
	t->value = "";
	k->nsubs++;
	return t;
}

void ps_gp_reg_read(struct ps_ctx *c, int hive, const char *keyname, struct ps_gp_regkey *k)
{
	const struct ps_inputs *in = c->in;
	size_t klen = strlen(keyname);

	memset(k, 0, sizeof *k);
	for (size_t i = 0; i < in->nregistry && !c->oom; i++) {
		const char *rest = NULL, *name, *end, *key = in->registry[i].key;
		struct ps_gp_regsub *sub;
		if (!key || reg_hive(key, &rest) != hive || strncasecmp(rest, keyname, klen) != 0)
			continue;
		rest += klen;
		if (!*rest) {
			k->exists = true;
			k->core = in->registry[i].value;
			continue;
		}
		if (*rest != '\\' || !rest[1])
			continue;      /* another key whose name starts the same, or a stray '\' */
		k->exists = true;
		name = rest + 1;
		end = strchr(name, '\\');
		sub = reg_sub(c, k, name, end ? (size_t)(end - name) : strlen(name));
		if (sub && !end) {
			sub->key = key;
			sub->value = in->registry[i].value ? in->registry[i].value : "";
		}
	}
	if (k->nsubs)
		qsort(k->subs, k->nsubs, sizeof *k->subs, cmp_sub);
}

void ps_gp_reg_release(struct ps_gp_regkey *k)
{
	for (size_t i = 0; i < k->nsubs; i++)
		free(k->subs[i].name);
	free(k->subs);
	memset(k, 0, sizeof *k);
}
