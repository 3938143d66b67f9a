/*
 * result.c - struct ps_result's lifecycle and the contract names of its enums.
 */
#include <stdlib.h>
#include <string.h>

#include "compute-int.h"

static const char *const phase_names[PS_PHASE_COUNT] = {
	"executable", "venv", "pth", "build", "home", "prefix", "exec_prefix",
	"search_path", "site", "path0",
};
static const char *const op_names[PS_OP_COUNT] = {
	"isfile", "isdir", "isxfile", "realpath", "read", "decide", "listdir", "warn",
};
static const char *const origin_names[PS_ORIGIN_COUNT] = {
	"script-dir", "pythonpath", "stdlib-zip", "stdlib", "platstdlib", "site-packages",
	"user-site", "pth", "pth-file", "embed", "macro", "registry",
};
static const char *const pth_action_names[PS_PTH_COUNT] = {
	"added", "missing", "duplicate", "import", "comment", "blank", "error", "ignored",
};

const char *ps_phase_name(enum ps_phase p)
{
	return (unsigned)p < PS_PHASE_COUNT ? phase_names[p] : "?";
}

const char *ps_op_name(enum ps_op op)
{
	return (unsigned)op < PS_OP_COUNT ? op_names[op] : "?";
}

const char *ps_origin_name(enum ps_origin o)
{
	return (unsigned)o < PS_ORIGIN_COUNT ? origin_names[o] : "?";
}

const char *ps_pth_action_name(enum ps_pth_action a)
{
	return (unsigned)a < PS_PTH_COUNT ? pth_action_names[a] : "?";
}

void ps_result_init(struct ps_result *r)
{
	memset(r, 0, sizeof *r);
	ps_strv_init(&r->getpath.module_search_paths);
	ps_strv_init(&r->getpath.warnings);
	ps_strv_init(&r->sys.path);
	ps_strv_init(&r->notes);
	r->sys.enable_user_site = -1;
}

static void getpath_release(struct ps_getpath_out *g)
{
	free(g->program_name);
	free(g->home);
	free(g->executable);
	free(g->base_executable);
	free(g->prefix);
	free(g->exec_prefix);
	free(g->base_prefix);
	free(g->base_exec_prefix);
	free(g->stdlib_dir);
	free(g->platstdlib_dir);
	free(g->platlibdir);
	ps_strv_release(&g->module_search_paths);
	ps_entries_free(g->entries, g->nentries);
	ps_strv_release(&g->warnings);
}

static void sys_release(struct ps_sys_out *s)
{
	free(s->executable);
	free(s->base_executable);
	free(s->prefix);
	free(s->exec_prefix);
	free(s->base_prefix);
	free(s->base_exec_prefix);
	ps_strv_release(&s->path);
	free(s->platlibdir);
	free(s->user_base);
	free(s->user_site);
	free(s->home);
}

void ps_result_release(struct ps_result *r)
{
	getpath_release(&r->getpath);
	sys_release(&r->sys);
	ps_entries_free(r->entries, r->nentries);
	for (size_t i = 0; i < r->npth; i++) {
		free(r->pth[i].file);
		free(r->pth[i].text);
		free(r->pth[i].detail);
	}
	free(r->pth);
	free(r->fatal.message);
	free(r->fatal.cause);
	free(r->fatal.fix);
	free(r->fatal.output);
	for (size_t i = 0; i < r->ntrace; i++) {
		free(r->trace[i].path);
		free(r->trace[i].result);
		free(r->trace[i].note);
		free(r->trace[i].value);
	}
	free(r->trace);
	ps_strv_release(&r->notes);
	ps_result_init(r);
}
