/*
 * model_inputs.c - the inputs pane (see model-int.h): one row per input
 * (flags, the PYTHON* variables and a few others, the run mode, argv0,
 * cwd, the pyvenv.cfg and ._pth files, rules and platform), what each
 * row's footer says, and what Enter, e and d do on it.  Every change
 * re-runs the model; a row differing from the start is marked '*'.  The
 * files live in model_files.c, rules and platform in model_rules.c.
 * No curses here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model-int.h"

const char *const inputs_flag_names[5] = { "-E", "-I", "-s", "-S", "-P" };
/* short enough for the inputs column at 80x24; the footer gives flag_long */
static const char *const flag_short[5] = {
	"ignore PYTHON*", "isolated", "no user site", "no site", "safe path",
};
/* what the footer of a flag row says it does (CPython's documentation) */
static const char *const flag_long[5] = {
	"ignore every PYTHON* environment variable (PYTHONHOME, PYTHONPATH ...)",
	"isolated mode: implies -E, -s and (3.11+) -P",
	"don't add the user site-packages directory to sys.path",
	"don't import the site module: no site-packages, no .pth files",
	"safe path (3.11+): don't prepend the script's directory or the cwd to sys.path",
};
/* the variables always shown, set or not */
static const char *const fixed_env[] = {
	"PYTHONHOME", "PYTHONPATH", "PYTHONPLATLIBDIR", "PYTHONNOUSERSITE", "PYTHONUSERBASE",
	"PYTHONSAFEPATH", "PYTHONEXECUTABLE",
};
static const char *const run_names[4] = { "-c", "a script", "-m", "interactive" };

static bool *flag_ptr(struct ps_cli_flags *f, int i)
{
	switch (i) {
	case 0: return &f->ignore_environment;
	case 1: return &f->isolated;
	case 2: return &f->no_user_site;
	case 3: return &f->no_site;
	default: return &f->safe_path;
	}
}

bool inputs_flag_get(const struct ps_cli_flags *f, int k)
{
	return *flag_ptr((struct ps_cli_flags *)(uintptr_t)f, k);
}

static bool version_at_least(const struct ps_inputs *in, int major, int minor)
{
	return in->build.major > major || (in->build.major == major && in->build.minor >= minor);
}

/* Whether the interpreter modelled has flag k: -I came in 3.4, -P in 3.11. */
static bool flag_exists(const struct ps_inputs *in, int k)
{
	return k == 1 ? version_at_least(in, 3, 4) : k == 4 ? version_at_least(in, 3, 11) : true;
}

/* Whether flag k is in effect because -I is: -I implies -E, -s and (3.11+) -P. */
static bool flag_implied(const struct ps_inputs *in, int k)
{
	return in->flags.isolated && flag_exists(in, 1) && (k == 0 || k == 2 || (k == 4 && flag_exists(in, 4)));
}

static bool flags_hide_env(const struct ps_inputs *in)
{
	return in->flags.ignore_environment || in->flags.isolated;
}

/* The variables shown as rows: the fixed ones, other PYTHON* ones set, then HOME and PATH. */
static void build_env_names(struct ps_model *m)
{
	const struct ps_strv *env = &m->s->in.env;
	size_t i;

	ps_strv_clear(&m->env_names);
	for (i = 0; i < sizeof(fixed_env) / sizeof(fixed_env[0]); i++)
		ps_strv_push(&m->env_names, fixed_env[i]);
	for (i = 0; i < env->n; i++) {
		const char *eq = strchr(env->v[i], '=');
		char name[128];
		size_t len = eq ? (size_t)(eq - env->v[i]) : strlen(env->v[i]);
		if (len >= sizeof(name))
			continue;
		memcpy(name, env->v[i], len);
		name[len] = '\0';
		if ((strncmp(name, "PYTHON", 6) && strcmp(name, "__PYVENV_LAUNCHER__")) ||
		    ps_strv_find(&m->env_names, name) >= 0)
			continue;
		ps_strv_push(&m->env_names, name);
	}
	ps_strv_push(&m->env_names, "HOME");
	ps_strv_push(&m->env_names, "PATH");
}

static char mark_input(bool changed)
{
	return changed ? '*' : ' ';
}

void inputs_run_text(const struct ps_run *run, struct ps_buf *b)
{
	const char *arg = run->arg ? run->arg : "";

	switch (run->kind) {
	case PS_RUN_COMMAND: ps_buf_addf(b, "-c %s", arg); break;
	case PS_RUN_MODULE: ps_buf_addf(b, "-m %s", arg); break;
	case PS_RUN_SCRIPT: ps_buf_adds(b, *arg ? arg : "''"); break;
	default: ps_buf_adds(b, "(interactive)"); break;
	}
}

/* A file row (pyvenv.cfg, ._pth): present or absent, '*' and the overlay colour once edited. */
static void add_file_row(struct ps_model *m, struct ps_pane *p, enum ps_row_kind kind,
			 const char *label, const char *path, bool present)
{
	char *v = files_label(m, label, path);
	struct ps_row *r = pane_add_kv(p, kind, 0, v, present ? "present" : "absent",
				       present ? ROLE_DEFAULT : ROLE_DIM);

	if (files_edited(m, path)) {
		r->mark = '*';
		r->role = ROLE_OVERLAY;
	}
	free(v);
}

/* A row showing a line of pyvenv.cfg, labelled as its file. */
static void add_venv_row(struct ps_model *m, struct ps_pane *p, enum ps_row_kind kind,
			 const char *label, const char *value, const char *unset)
{
	char *v = files_label(m, label, m->venv_cfg);
	pane_add_kv(p, kind, 0, v, value ? value : unset, value ? ROLE_DEFAULT : ROLE_DIM);
	free(v);
}

void inputs_build(struct ps_model *m)
{
	struct ps_pane *p = &m->pane[PANE_INPUTS];
	const struct ps_inputs *in = &m->s->in, *st = &m->start_in;
	struct ps_row *r;
	struct ps_buf b;
	size_t i;
	char *v;
	int k;

	pane_clear_rows(p);
	build_env_names(m);
	snprintf(p->title, sizeof(p->title), "inputs");

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "flags");
	for (k = 0; k < 5; k++) {
		bool on = inputs_flag_get(&in->flags, k);
		bool was = inputs_flag_get(&st->flags, k);
		/* [I]: on because -I is (the row says so rather than look off) */
		r = pane_add(p, ROW_FLAG, k, on && flag_exists(in, k) ? ROLE_DEFAULT : ROLE_DIM, "[%c] %s %s%s",
			     on ? 'x' : flag_implied(in, k) ? 'I' : ' ', inputs_flag_names[k], flag_short[k],
			     flag_exists(in, k) ? "" : k == 1 ? " (3.4+)" : " (3.11+)");
		r->mark = mark_input(on != was);
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "environment");
	for (i = 0; i < m->env_names.n; i++) {
		const char *name = m->env_names.v[i];
		const char *val = ps_env_get(&in->env, name);
		bool gated = !strncmp(name, "PYTHON", 6) && flags_hide_env(in);
		/* "ignored" first: the value column is narrow, and that is what matters */
		v = val ? xasprintf("%s%s", gated ? "ignored: " : "", *val ? val : "''")
			: xstrdup("(unset)");
		r = pane_add_kv(p, ROW_ENV, (long)i, name, v,
				(!val || gated) ? ROLE_DIM : ROLE_DEFAULT);
		r->mark = mark_input(!str_eq(val, ps_env_get(&st->env, name)));
		free(v);
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "invocation");
	ps_buf_init(&b);
	inputs_run_text(&in->run, &b);
	xbuf_check(&b);
	r = pane_add_kv(p, ROW_RUN, 0, "run", b.s, ROLE_DEFAULT);
	r->mark = mark_input(in->run.kind != st->run.kind || !str_eq(in->run.arg, st->run.arg));
	ps_buf_release(&b);
	r = pane_add_kv(p, ROW_ARGV0, 0, "argv0", in->argv0 ? in->argv0 : "", ROLE_DEFAULT);
	r->mark = mark_input(!str_eq(in->argv0, st->argv0));
	r = pane_add_kv(p, ROW_CWD, 0, "cwd", in->cwd ? in->cwd : "", ROLE_DEFAULT);
	r->mark = mark_input(!str_eq(in->cwd, st->cwd));

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "venv");
	add_file_row(m, p, ROW_VENV, "pyvenv.cfg", m->venv_cfg, m->venv_present);
	if (m->venv_present) {
		add_venv_row(m, p, ROW_VENV_HOME, "  home", m->venv_home, "(none)");
		add_venv_row(m, p, ROW_VENV_SYSSITE, "  system site", m->venv_syssite, "(unset: false)");
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "._pth");
	add_file_row(m, p, ROW_PTH, "._pth file", m->pth_path, m->pth_present);
	if (m->pth_present) {
		size_t n = m->pth_lines.n;
		if (n && !*m->pth_lines.v[n - 1])
			n--;
		for (i = 0; i < n; i++) {
			char label[32];
			snprintf(label, sizeof(label), "  line %zu", i + 1);
			pane_add_kv(p, ROW_PTH_LINE, (long)i, label, m->pth_lines.v[i], ROLE_DEFAULT);
		}
		pane_add(p, ROW_PTH_ADD, 0, ROLE_DIM, "  + add a line");
	}

	pane_add(p, ROW_TEXT, 0, ROLE_HEADER, "model");
	v = xasprintf("%d.%d", in->build.major, in->build.minor);
	r = pane_add_kv(p, ROW_RULES, 0, "rules", v, ROLE_DEFAULT);
	r->mark = mark_input(in->build.major != st->build.major || in->build.minor != st->build.minor);
	free(v);
	r = pane_add_kv(p, ROW_PLATFORM, 0, "platform", ps_platform_name(in->build.platform),
			ROLE_DEFAULT);
	r->mark = mark_input(in->build.platform != st->build.platform);
}

char *inputs_footer(struct ps_model *m, const struct ps_row *r)
{
	const struct ps_inputs *in = &m->s->in;
	struct ps_buf b;

	switch (r->kind) {
	case ROW_FLAG:
		return xasprintf("%s: %s%s%s%s  (Enter toggles)", inputs_flag_names[r->arg], flag_long[r->arg],
				 flag_implied(in, (int)r->arg) ? "; in effect now: -I implies it" : "",
				 flag_exists(in, (int)r->arg) ? "" : "; not in this version: ",
				 flag_exists(in, (int)r->arg) ? "" :
				 r->arg == 1 ? "-I came in 3.4" : "-P came in 3.11");
	case ROW_ENV: {
		const char *name = m->env_names.v[r->arg], *v = ps_env_get(&in->env, name);
		bool gated = v && !strncmp(name, "PYTHON", 6) && flags_hide_env(in);
		return v ? xasprintf("%s=%s%s  (Enter edits, d unsets)", name, v,
				     !gated ? "" : in->flags.isolated ? "; ignored: -I is on" :
				     "; ignored: -E is on")
			 : xasprintf("%s is unset  (Enter sets it)", name);
	}
	case ROW_RUN:
		return xasprintf("python %s: how it is run decides sys.path[0] (Enter: %s, %s, %s, %s in turn; e edits the argument)",
				 r->text + r->label_len + 1, run_names[0], run_names[1], run_names[2], run_names[3]);
	case ROW_ARGV0:
		return xasprintf("argv[0] as typed: %s  (Enter edits)", in->argv0 ? in->argv0 : "");
	case ROW_CWD:
		return xasprintf("working directory: %s  (Enter edits)", in->cwd ? in->cwd : "");
	case ROW_VENV:
		return files_footer(m, m->venv_cfg, m->venv_present);
	case ROW_VENV_HOME:
		return xasprintf("home = %s  (Enter edits)", m->venv_home ? m->venv_home : "");
	case ROW_VENV_SYSSITE:
		return xstrdup("include-system-site-packages (Enter toggles true/false)");
	case ROW_PTH:
		return files_footer(m, m->pth_path, m->pth_present);
	case ROW_PTH_LINE:
		return xasprintf("%s  (Enter edits, d deletes the line)",
				 (size_t)r->arg < m->pth_lines.n ? m->pth_lines.v[r->arg] : "");
	case ROW_PTH_ADD:
		return xstrdup("Enter appends a line to the ._pth file");
	case ROW_RULES:
		ps_buf_init(&b);
		ps_buf_addf(&b, "CPython versions with %s rules:", ps_platform_name(in->build.platform));
		rules_list(&b, in->build.platform);
		ps_buf_adds(&b, " (Enter: next, e: type one)");
		xbuf_check(&b);
		return ps_buf_detach(&b);
	case ROW_PLATFORM:
		ps_buf_init(&b);
		rules_platform_choices(m, &b);
		xbuf_check(&b);
		return ps_buf_detach(&b);
	default:
		return xstrdup(model_row_text(m, r));
	}
}

void inputs_toggle_flag(struct ps_model *m, int k)
{
	bool *f = flag_ptr(&m->s->in.flags, k);
	*f = !*f;
	model_recompute(m);
	if (!m->status_error || m->have_result)
		model_status(m, false, "%s %s", inputs_flag_names[k], *f ? "on" : "off");
}

/* Enter on the run row: -c, a script, -m, interactive in turn, each with its remembered argument. */
static void cycle_run(struct ps_model *m)
{
	struct ps_run *run = &m->s->in.run;
	enum ps_run_kind k = (enum ps_run_kind)((run->kind + 1) % 4);

	if (run->kind != PS_RUN_INTERACTIVE && run->arg) {
		free(m->run_args[run->kind]);
		m->run_args[run->kind] = xstrdup(run->arg);
	}
	run->kind = k;
	if (ps_set_str(&run->arg, k == PS_RUN_INTERACTIVE ? NULL : m->run_args[k]) < 0)
		die_oom();
	model_recompute(m);
}

void inputs_activate(struct ps_model *m, struct ps_row *r, bool edit_only)
{
	struct ps_inputs *in = &m->s->in;

	switch (r->kind) {
	case ROW_FLAG:
		if (!edit_only)
			inputs_toggle_flag(m, (int)r->arg);
		break;
	case ROW_ENV: {
		const char *name = m->env_names.v[r->arg];
		char label[160];
		snprintf(label, sizeof(label), "%s=", name);
		prompt_open(m, PROMPT_EDIT, ROW_ENV, r->arg, label, ps_env_get(&in->env, name));
		break;
	}
	case ROW_RUN:
		if (edit_only) {
			if (in->run.kind == PS_RUN_INTERACTIVE)
				model_status(m, true, "interactive mode takes no argument");
			else
				prompt_open(m, PROMPT_EDIT, ROW_RUN_ARG, 0,
					    in->run.kind == PS_RUN_COMMAND ? "-c " :
					    in->run.kind == PS_RUN_MODULE ? "-m " : "script: ",
					    in->run.arg);
		} else
			cycle_run(m);
		break;
	case ROW_ARGV0:
		prompt_open(m, PROMPT_EDIT, ROW_ARGV0, 0, "argv0: ", in->argv0);
		break;
	case ROW_CWD:
		prompt_open(m, PROMPT_EDIT, ROW_CWD, 0, "cwd: ", in->cwd);
		break;
	case ROW_VENV:
		if (edit_only)
			prompt_open(m, PROMPT_EDIT, ROW_VENV, 0, "pyvenv.cfg at: ", m->venv_cfg);
		else
			files_toggle_venv(m);
		break;
	case ROW_VENV_HOME:
		prompt_open(m, PROMPT_EDIT, ROW_VENV_HOME, 0, "home = ", m->venv_home);
		break;
	case ROW_VENV_SYSSITE:
		if (edit_only) {
			prompt_open(m, PROMPT_EDIT, ROW_VENV_SYSSITE, 0, "include-system-site-packages = ",
				    m->venv_syssite);
			break;
		}
		files_venv_set(m, "include-system-site-packages",
			       m->venv_syssite && !strcasecmp(m->venv_syssite, "true") ? "false" : "true");
		model_recompute(m);
		break;
	case ROW_PTH:
		if (edit_only)
			prompt_open(m, PROMPT_EDIT, ROW_PTH, 0, "._pth at: ", m->pth_path);
		else
			files_toggle_pth(m);
		break;
	case ROW_PTH_LINE:
		prompt_open(m, PROMPT_EDIT, ROW_PTH_LINE, r->arg, "._pth line: ",
			    (size_t)r->arg < m->pth_lines.n ? m->pth_lines.v[r->arg] : "");
		break;
	case ROW_PTH_ADD:
		prompt_open(m, PROMPT_EDIT, ROW_PTH_ADD, 0, "new ._pth line: ", "");
		break;
	case ROW_RULES:
		if (edit_only) {
			char cur[16];
			snprintf(cur, sizeof(cur), "%d.%d", in->build.major, in->build.minor);
			prompt_open(m, PROMPT_EDIT, ROW_RULES, 0, "rules: ", cur);
		} else
			rules_cycle_version(m);
		break;
	case ROW_PLATFORM:
		rules_cycle_platform(m);
		break;
	default:
		break;
	}
}

void inputs_unset(struct ps_model *m, struct ps_row *r)
{
	struct ps_inputs *in = &m->s->in;

	switch (r->kind) {
	case ROW_ENV:
		ps_env_unset(&in->env, m->env_names.v[r->arg]);
		model_status(m, false, "unset %s", m->env_names.v[r->arg]);
		model_recompute(m);
		break;
	case ROW_FLAG:
		if (*flag_ptr(&in->flags, (int)r->arg))
			inputs_toggle_flag(m, (int)r->arg);
		break;
	case ROW_VENV:
	case ROW_PTH: {
		bool venv = r->kind == ROW_VENV;
		if (venv ? m->venv_present : m->pth_present) {
			files_remove(m, venv ? m->venv_cfg : m->pth_path);
			model_recompute(m);
		}
		break;
	}
	case ROW_VENV_HOME:
		files_venv_set(m, "home", NULL);
		model_recompute(m);
		break;
	case ROW_VENV_SYSSITE:
		files_venv_set(m, "include-system-site-packages", NULL);
		model_recompute(m);
		break;
	case ROW_PTH_LINE:
		if (files_pth_delete_line(m, r->arg))
			model_recompute(m);
		break;
	default:
		model_status(m, true, "nothing to unset here");
		break;
	}
}

void inputs_submit(struct ps_model *m, const char *text)
{
	struct ps_inputs *in = &m->s->in;
	struct ps_error err;

	ps_error_init(&err);
	switch (m->prompt_row) {
	case ROW_ENV:
		if (ps_env_set(&in->env, m->env_names.v[m->prompt_arg], text) < 0)
			die_oom();
		model_status(m, false, "%s=%s", m->env_names.v[m->prompt_arg], text);
		break;
	case ROW_RUN_ARG:
		if (ps_set_str(&in->run.arg, text) < 0)
			die_oom();
		break;
	case ROW_ARGV0:
		if (session_set_python(m->s, text, &err) < 0) {
			model_status_err(m, &err);
			return;
		}
		break;
	case ROW_CWD: {
		char *abs = ps_path_abspath(in->build.platform, in->cwd ? in->cwd : "/", text);
		if (!abs)
			die_oom();
		free(in->cwd);
		in->cwd = abs;
		break;
	}
	case ROW_VENV:
		files_pin(m, &m->venv_cfg, text);
		break;
	case ROW_VENV_HOME:
		files_venv_set(m, "home", text);
		break;
	case ROW_VENV_SYSSITE:
		files_venv_set(m, "include-system-site-packages", text);
		break;
	case ROW_PTH:
		files_pin(m, &m->pth_path, text);
		break;
	case ROW_PTH_LINE:
	case ROW_PTH_ADD:
		files_pth_set_line(m, m->prompt_row == ROW_PTH_ADD ? -1 : m->prompt_arg, text);
		break;
	case ROW_RULES:
		if (rules_set_version(m, text) < 0)
			return;
		break;
	default:
		return;
	}
	model_recompute(m);
}

void inputs_reset(struct ps_model *m)
{
	if (ps_inputs_copy(&m->s->in, &m->start_in) < 0)
		die_oom();
	files_revert_all(m);
	model_recompute(m);
	model_status(m, false, "inputs reset to the starting state");
}
