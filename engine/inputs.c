/*
 * inputs.c - struct ps_inputs: everything a computation depends on.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

int ps_set_str(char **field, const char *value)
{
	char *d = NULL;

	if (value) {
		d = strdup(value);
		if (!d)
			return -1;
	}
	free(*field);
	*field = d;
	return 0;
}

static void build_init(struct ps_build *b)
{
	memset(b, 0, sizeof(*b));
	b->micro = -1;
	b->platform = PS_PLATFORM_POSIX;
	b->debian_site = -1;
}

static void build_release(struct ps_build *b)
{
	free(b->prefix);
	free(b->exec_prefix);
	free(b->platlibdir);
	free(b->vpath);
	free(b->abi_thread);
	free(b->library);
	free(b->winver);
	free(b->pythonpath_macro);
	build_init(b);
}

static void embed_init(struct ps_embed *e)
{
	memset(e, 0, sizeof(*e));
	ps_strv_init(&e->module_search_paths);
	e->use_environment = -1;
	e->site_import = -1;
	e->user_site_directory = -1;
	e->pathconfig_warnings = -1;
}

static void embed_release(struct ps_embed *e)
{
	free(e->home);
	free(e->program_name);
	free(e->executable);
	free(e->base_executable);
	free(e->prefix);
	free(e->exec_prefix);
	free(e->base_prefix);
	free(e->base_exec_prefix);
	free(e->stdlib_dir);
	free(e->pythonpath_env);
	ps_strv_release(&e->module_search_paths);
	free(e->setpath);
	embed_init(e);
}

void ps_inputs_init(struct ps_inputs *in)
{
	memset(in, 0, sizeof(*in));
	build_init(&in->build);
	in->run.kind = PS_RUN_COMMAND;
	ps_strv_init(&in->env);
	embed_init(&in->embed);
}

void ps_inputs_release(struct ps_inputs *in)
{
	size_t i;

	build_release(&in->build);
	free(in->argv0);
	free(in->os_executable);
	free(in->cwd);
	free(in->run.arg);
	ps_strv_release(&in->env);
	embed_release(&in->embed);
	for (i = 0; i < in->nregistry; i++) {
		free(in->registry[i].key);
		free(in->registry[i].value);
	}
	free(in->registry);
	free(in->pw_home);
	ps_inputs_init(in);
}

/* Copies every string of src->build into dst->build (scalars copied by the caller). */
static int build_copy(struct ps_build *d, const struct ps_build *s)
{
	return (ps_set_str(&d->prefix, s->prefix) | ps_set_str(&d->exec_prefix, s->exec_prefix) |
		ps_set_str(&d->platlibdir, s->platlibdir) | ps_set_str(&d->vpath, s->vpath) |
		ps_set_str(&d->abi_thread, s->abi_thread) | ps_set_str(&d->library, s->library) |
		ps_set_str(&d->winver, s->winver) |
		ps_set_str(&d->pythonpath_macro, s->pythonpath_macro)) ? -1 : 0;
}

static int embed_copy(struct ps_embed *d, const struct ps_embed *s)
{
	if (ps_set_str(&d->home, s->home) | ps_set_str(&d->program_name, s->program_name) |
	    ps_set_str(&d->executable, s->executable) |
	    ps_set_str(&d->base_executable, s->base_executable) |
	    ps_set_str(&d->prefix, s->prefix) | ps_set_str(&d->exec_prefix, s->exec_prefix) |
	    ps_set_str(&d->base_prefix, s->base_prefix) |
	    ps_set_str(&d->base_exec_prefix, s->base_exec_prefix) |
	    ps_set_str(&d->stdlib_dir, s->stdlib_dir) |
	    ps_set_str(&d->pythonpath_env, s->pythonpath_env) |
	    ps_set_str(&d->setpath, s->setpath))
		return -1;
	return ps_strv_copy(&d->module_search_paths, &s->module_search_paths);
}

int ps_inputs_copy(struct ps_inputs *dst, const struct ps_inputs *src)
{
	struct ps_inputs tmp;
	size_t i;

	if (dst == src)
		return 0;
	/*
	 * Build the copy aside: every pointer field of tmp starts NULL, the
	 * scalars are struct-copied, and dst is only replaced on success.
	 */
	ps_inputs_init(&tmp);
	tmp.build.major = src->build.major;
	tmp.build.minor = src->build.minor;
	tmp.build.micro = src->build.micro;
	tmp.build.platform = src->build.platform;
	tmp.build.framework = src->build.framework;
	tmp.build.debian_site = src->build.debian_site;
	tmp.flags = src->flags;
	tmp.run.kind = src->run.kind;
	tmp.setuid = src->setuid;
	tmp.name = src->name;
	tmp.embed.present = src->embed.present;
	tmp.embed.module_search_paths_set = src->embed.module_search_paths_set;
	tmp.embed.use_environment = src->embed.use_environment;
	tmp.embed.site_import = src->embed.site_import;
	tmp.embed.user_site_directory = src->embed.user_site_directory;
	tmp.embed.pathconfig_warnings = src->embed.pathconfig_warnings;
	tmp.embed.set_argv = src->embed.set_argv;

	if (build_copy(&tmp.build, &src->build) < 0 || embed_copy(&tmp.embed, &src->embed) < 0 ||
	    ps_set_str(&tmp.argv0, src->argv0) || ps_set_str(&tmp.os_executable, src->os_executable) ||
	    ps_set_str(&tmp.cwd, src->cwd) || ps_set_str(&tmp.run.arg, src->run.arg) ||
	    ps_set_str(&tmp.pw_home, src->pw_home) || ps_strv_copy(&tmp.env, &src->env) < 0)
		goto fail;
	if (src->nregistry) {
		tmp.registry = calloc(src->nregistry, sizeof(*tmp.registry));
		if (!tmp.registry)
			goto fail;
		tmp.nregistry = src->nregistry;
		for (i = 0; i < src->nregistry; i++)
			if (ps_set_str(&tmp.registry[i].key, src->registry[i].key) ||
			    ps_set_str(&tmp.registry[i].value, src->registry[i].value))
				goto fail;
	}
	ps_inputs_release(dst);
	*dst = tmp;
	return 0;
fail:
	ps_inputs_release(&tmp);
	return -1;
}
