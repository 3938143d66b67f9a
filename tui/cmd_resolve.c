/*
 * cmd_resolve.c - `pathscope resolve`: one resolution, printed as text,
 * JSON (contract §2) or YAML.
 *
 * The text form is meant for an 80-column terminal and for pipes: every
 * line fits in 80 columns except paths that are longer on their own, and
 * colour is used only when wanted (see want_color()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "util.h"

#define WIDTH 80

struct out {
	struct ps_buf *b;
	bool color;
};

enum tone { T_NONE, T_HEAD, T_DIM, T_OK, T_BAD, T_WARN, T_BADGE, T_VALUE };

static const char *tone_on(enum tone t)
{
	switch (t) {
	case T_HEAD: return "\033[1m";
	case T_DIM: return "\033[2m";
	case T_OK: return "\033[32m";
	case T_BAD: return "\033[1;31m";
	case T_WARN: return "\033[33m";
	case T_BADGE: return "\033[36m";
	case T_VALUE: return "\033[1m";
	default: return "";
	}
}

/* Appends s in tone t (escape codes only when colouring). */
static void put(struct out *o, enum tone t, const char *s)
{
	if (o->color && t != T_NONE) {
		ps_buf_adds(o->b, tone_on(t));
		ps_buf_adds(o->b, s);
		ps_buf_adds(o->b, "\033[0m");
	} else {
		ps_buf_adds(o->b, s);
	}
}

static void pad(struct out *o, size_t n)
{
	while (n--)
		ps_buf_addc(o->b, ' ');
}

/* Display width of a UTF-8 string (code points; good enough for paths). */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/*
 * Appends text word-wrapped to WIDTH, every line starting with `indent`
 * spaces; a word longer than the line (a long path) gets a line of its own.
 */
static void wrap(struct out *o, enum tone t, const char *text, size_t indent)
{
	const char *p = text;
	size_t col = 0;
	struct ps_buf line;

	ps_buf_init(&line);
	while (*p) {
		const char *w = p;
		size_t n, ww;

		while (*w == ' ')
			w++;
		if (!*w)
			break;
		n = strcspn(w, " \n");
		ps_buf_reset(&line);
		ps_buf_add(&line, w, n);
		xbuf_check(&line);
		ww = width(line.s);
		if (col == 0) {
			pad(o, indent);
			col = indent;
		} else if (col + 1 + ww > WIDTH) {
			ps_buf_addc(o->b, '\n');
			pad(o, indent);
			col = indent;
		} else {
			ps_buf_addc(o->b, ' ');
			col++;
		}
		put(o, t, line.s);
		col += ww;
		p = w + n;
		if (*p == '\n') {
			ps_buf_addc(o->b, '\n');
			col = 0;
			p++;
		}
	}
	if (col)
		ps_buf_addc(o->b, '\n');
	ps_buf_release(&line);
}

static void heading(struct out *o, const char *title)
{
	ps_buf_addc(o->b, '\n');
	put(o, T_HEAD, title);
	ps_buf_addc(o->b, '\n');
}

/* "  label<pad>value" with the value column at `col`. */
static void field(struct out *o, size_t col, const char *label, enum tone t, const char *value)
{
	pad(o, 2);
	ps_buf_adds(o->b, label);
	pad(o, col > 2 + strlen(label) ? col - 2 - strlen(label) : 1);
	put(o, t, value ? value : "(none)");
	ps_buf_addc(o->b, '\n');
}

static const char *run_desc(const struct ps_inputs *in, char *tmp, size_t size)
{
	switch (in->run.kind) {
	case PS_RUN_SCRIPT:
		snprintf(tmp, size, "script %s", in->run.arg ? in->run.arg : "");
		break;
	case PS_RUN_MODULE:
		snprintf(tmp, size, "-m %s", in->run.arg ? in->run.arg : "");
		break;
	case PS_RUN_INTERACTIVE:
		snprintf(tmp, size, "interactive");
		break;
	default:
		snprintf(tmp, size, "-c %s", in->run.arg ? in->run.arg : "");
		break;
	}
	return tmp;
}

static void render_header(struct out *o, const struct ps_session *s, const struct ps_result *r)
{
	const struct ps_inputs *in = &s->in;
	const struct ps_detect *d = &s->detect;
	char tmp[256], flags[32] = "";
	size_t i;

	put(o, T_HEAD, "pathscope");
	ps_buf_addf(o->b, "  rules %d.%d, %s, %s\n", r->major, r->minor, ps_platform_name(r->platform),
		    r->from_scenario || s->scenario ? "scenario" : "real filesystem");
	if (s->scenario) {
		field(o, 16, "scenario", T_NONE, s->scenario->path);
		if (s->scenario->name)
			field(o, 16, "name", T_NONE, s->scenario->name);
	}
	field(o, 16, "argv[0]", T_NONE, in->argv0);
	if (d->is_launcher) {
		snprintf(tmp, sizeof(tmp), "%s launcher script: %s", d->launcher_kind ? d->launcher_kind : "a",
			 d->launcher_target ? "followed without running it" : "target unknown");
		field(o, 16, "launcher", T_WARN, tmp);
	}
	if (d->interpreter)
		field(o, 16, "interpreter", T_NONE, d->interpreter);
	for (i = 0; i < d->env_add.n; i++) {
		/* a launcher prepends to PATH: show the addition, not the whole list */
		const char *v = d->env_add.v[i], *old = ps_env_get(&s->env_before_launcher, "PATH");
		size_t vl = strlen(v), ol = old ? strlen(old) : 0;
		char *shown = NULL;

		if (!strncmp(v, "PATH=", 5) && old && vl > 5 + ol + 1 && v[vl - ol - 1] == ':' &&
		    !strcmp(v + vl - ol, old))
			shown = xasprintf("%.*s$PATH", (int)(vl - ol), v);
		field(o, 16, i ? "" : "launcher env", T_NONE, shown ? shown : v);
		free(shown);
	}
	if (in->build.micro >= 0)
		snprintf(tmp, sizeof(tmp), "%d.%d.%d", in->build.major, in->build.minor, in->build.micro);
	else
		snprintf(tmp, sizeof(tmp), "%d.%d", in->build.major, in->build.minor);
	field(o, 16, "version", T_NONE, tmp);
	field(o, 16, "PREFIX", T_NONE, in->build.prefix ? in->build.prefix : "/usr/local (default)");
	field(o, 16, "EXEC_PREFIX", T_NONE, in->build.exec_prefix ? in->build.exec_prefix : "(= PREFIX)");
	field(o, 16, "PLATLIBDIR", T_NONE, in->build.platlibdir ? in->build.platlibdir : "lib (default)");
	if (in->build.abi_thread && *in->build.abi_thread)
		field(o, 16, "ABI", T_NONE, "free-threaded (t)");
	if (in->build.vpath && *in->build.vpath)
		field(o, 16, "VPATH", T_NONE, in->build.vpath);
	if (in->build.library)
		field(o, 16, "library", T_NONE, in->build.library);
	if (in->flags.ignore_environment)
		strcat(flags, " -E");
	if (in->flags.isolated)
		strcat(flags, " -I");
	if (in->flags.no_user_site)
		strcat(flags, " -s");
	if (in->flags.no_site)
		strcat(flags, " -S");
	if (in->flags.safe_path)
		strcat(flags, " -P");
	field(o, 16, "flags", T_NONE, flags[0] ? flags + 1 : "(none)");
	field(o, 16, "run", T_NONE, run_desc(in, tmp, sizeof(tmp)));
	field(o, 16, "cwd", T_NONE, in->cwd);
	if (s->asked)
		field(o, 16, "note", T_WARN, "build values read by running the interpreter (--ask)");
	if (d->nnotes) {
		heading(o, "where the build values come from");
		for (i = 0; i < d->nnotes; i++) {
			char *line = xasprintf("%s = %s", d->notes[i].what, d->notes[i].value);

			pad(o, 2);
			ps_buf_adds(o->b, line);
			ps_buf_addc(o->b, '\n');
			free(line);
			wrap(o, T_DIM, d->notes[i].source, 6);
		}
	}
}

static void render_sys(struct out *o, const struct ps_result *r)
{
	const struct ps_sys_out *y = &r->sys;

	heading(o, "sys");
	field(o, 20, "executable", T_VALUE, y->executable);
	field(o, 20, "_base_executable", T_VALUE, y->base_executable);
	field(o, 20, "prefix", T_VALUE, y->prefix);
	field(o, 20, "exec_prefix", T_VALUE, y->exec_prefix);
	field(o, 20, "base_prefix", T_VALUE, y->base_prefix);
	field(o, 20, "base_exec_prefix", T_VALUE, y->base_exec_prefix);
	if (y->site_ran) {
		field(o, 20, "user site", T_NONE, y->user_site ? y->user_site : "None");
		field(o, 20, "enable_user_site", T_NONE,
		      y->enable_user_site > 0 ? "True" : y->enable_user_site == 0 ? "False" : "None");
	}
}

static void render_getpath(struct out *o, const struct ps_result *r)
{
	const struct ps_getpath_out *g = &r->getpath;
	size_t i;

	heading(o, "getpath (before site.py and sys.path[0])");
	field(o, 23, "executable", T_NONE, g->executable);
	field(o, 23, "base_executable", T_NONE, g->base_executable);
	field(o, 23, "prefix", T_NONE, g->prefix);
	field(o, 23, "exec_prefix", T_NONE, g->exec_prefix);
	field(o, 23, "base_prefix", T_NONE, g->base_prefix);
	field(o, 23, "base_exec_prefix", T_NONE, g->base_exec_prefix);
	field(o, 23, "stdlib_dir", T_NONE, g->stdlib_dir);
	field(o, 23, "platstdlib_dir", T_NONE, g->platstdlib_dir);
	for (i = 0; i < g->module_search_paths.n; i++)
		field(o, 23, i ? "" : "module_search_paths", T_NONE, g->module_search_paths.v[i]);
}

/* One sys.path (or module_search_paths) entry: number, path, origin badge, exists mark, detail. */
static void render_entry(struct out *o, size_t idx, const struct ps_entry *e, size_t pathcol)
{
	char num[32], badge[48];
	const char *shown = e->path[0] ? e->path : "''";
	/* '' is the working directory at import time: "missing" would mislead */
	bool missing = !e->exists && e->path[0];
	size_t w = width(shown);

	snprintf(num, sizeof(num), "%3zu  ", idx);
	ps_buf_adds(o->b, num);
	put(o, missing ? T_DIM : T_NONE, shown);
	pad(o, w < pathcol ? pathcol - w + 1 : 2);
	snprintf(badge, sizeof(badge), "[%s]", ps_origin_name(e->origin));
	put(o, T_BADGE, badge);
	if (missing) {
		ps_buf_addc(o->b, ' ');
		put(o, T_WARN, "missing");
	}
	ps_buf_addc(o->b, '\n');
	if (e->detail && *e->detail)
		wrap(o, T_DIM, e->detail, 8);
}

static void render_path(struct out *o, const struct ps_result *r)
{
	size_t i, pathcol = 0;
	char title[64];

	for (i = 0; i < r->nentries; i++) {
		size_t w = width(r->entries[i].path[0] ? r->entries[i].path : "''");

		if (w > pathcol)
			pathcol = w;
	}
	/* keep "NNN  path  [site-packages] missing" within 80 columns where possible */
	if (pathcol > 44)
		pathcol = 44;
	snprintf(title, sizeof(title), "sys.path (%zu entr%s)", r->nentries, r->nentries == 1 ? "y" : "ies");
	heading(o, title);
	for (i = 0; i < r->nentries; i++)
		render_entry(o, i, &r->entries[i], pathcol);
	if (r->nentries == 0 && r->sys.path.n)
		for (i = 0; i < r->sys.path.n; i++)
			ps_buf_addf(o->b, "%3zu  %s\n", i, r->sys.path.v[i][0] ? r->sys.path.v[i] : "''");
}

static void render_pth(struct out *o, const struct ps_result *r)
{
	size_t i;

	if (!r->npth)
		return;
	heading(o, ".pth files");
	for (i = 0; i < r->npth; i++) {
		const struct ps_pth_line *p = &r->pth[i];
		char *head = xasprintf("%s:%d", p->file, p->line);

		pad(o, 2);
		ps_buf_adds(o->b, head);
		ps_buf_addc(o->b, ' ');
		put(o, p->action == PS_PTH_ERROR ? T_BAD : T_BADGE, ps_pth_action_name(p->action));
		ps_buf_addc(o->b, '\n');
		free(head);
		if (p->text && *p->text)
			wrap(o, T_NONE, p->text, 6);
		if (p->detail && *p->detail)
			wrap(o, T_DIM, p->detail, 6);
	}
}

static void render_warnings(struct out *o, const struct ps_result *r)
{
	size_t i;

	if (r->getpath.warnings.n) {
		heading(o, "warnings (printed on stderr at start-up)");
		for (i = 0; i < r->getpath.warnings.n; i++)
			wrap(o, T_WARN, r->getpath.warnings.v[i], 2);
	}
	if (r->notes.n) {
		heading(o, "notes");
		for (i = 0; i < r->notes.n; i++)
			wrap(o, T_NONE, r->notes.v[i], 2);
	}
}

/* "  label" alone on its line, for a block of text below it. */
static void label_line(struct out *o, const char *label)
{
	pad(o, 2);
	ps_buf_adds(o->b, label);
	ps_buf_addc(o->b, '\n');
}

static void render_fatal(struct out *o, const struct ps_result *r)
{
	const struct ps_fatal *f = &r->fatal;
	char tmp[64];

	ps_buf_addc(o->b, '\n');
	put(o, T_BAD, "FATAL: this interpreter would not start");
	ps_buf_addc(o->b, '\n');
	if (f->message) {
		label_line(o, "message");
		wrap(o, T_BAD, f->message, 4);
	}
	if (f->cause) {
		label_line(o, "cause");
		wrap(o, T_NONE, f->cause, 4);
	}
	if (f->fix) {
		label_line(o, "fix");
		wrap(o, T_NONE, f->fix, 4);
	}
	snprintf(tmp, sizeof(tmp), "%d", f->exit_status);
	field(o, 11, "exit status", T_NONE, tmp);
	if (f->output && *f->output) {
		const char *p = f->output;

		label_line(o, "stderr (verbatim)");
		while (*p) {
			size_t n = strcspn(p, "\n"), k = n;

			while (k && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\r'))
				k--;
			if (k) {
				pad(o, 4);
				ps_buf_add(o->b, p, k);
			}
			ps_buf_addc(o->b, '\n');
			p += n;
			if (*p)
				p++;
		}
	}
}

static void render_trace(struct out *o, const struct ps_result *r)
{
	char title[64];
	size_t i;

	snprintf(title, sizeof(title), "trace (%zu steps)", r->ntrace);
	heading(o, title);
	for (i = 0; i < r->ntrace; i++) {
		const struct ps_step *st = &r->trace[i];
		char head[64];

		snprintf(head, sizeof(head), "%4zu  %-11s %-8s ", i, ps_phase_name(st->phase),
			 ps_op_name(st->op));
		ps_buf_adds(o->b, head);
		if (st->var) {
			ps_buf_adds(o->b, st->var);
			ps_buf_adds(o->b, " = ");
			put(o, T_VALUE, st->value ? st->value : "None");
		} else {
			ps_buf_adds(o->b, st->path ? st->path : "");
		}
		if (st->result && *st->result) {
			ps_buf_adds(o->b, " -> ");
			put(o, T_BADGE, st->result);
		}
		ps_buf_addc(o->b, '\n');
		if (st->note && *st->note)
			wrap(o, T_DIM, st->note, 6);
	}
}

void resolve_render_text(const struct ps_session *s, const struct ps_result *r, bool color,
			 int verbose, struct ps_buf *b)
{
	struct out o = { b, color };

	render_header(&o, s, r);
	if (r->has_sys) {
		render_sys(&o, r);
		render_path(&o, r);
	}
	if (verbose > 0 || !r->has_sys)
		render_getpath(&o, r);
	render_pth(&o, r);
	render_warnings(&o, r);
	if (r->has_fatal)
		render_fatal(&o, r);
	if (verbose > 0)
		render_trace(&o, r);
}

int cmd_resolve(const struct ps_cli *cli, struct ps_session *s)
{
	struct ps_result r;
	struct ps_error err;
	struct ps_buf out;
	int rc;

	if (cli->nargs) {
		print_msg("resolve takes no arguments (got '%s'); try 'pathscope --help'", cli->args[0]);
		return 2;
	}
	ps_error_init(&err);
	ps_result_init(&r);
	if (session_compute(s, &r, &err) < 0) {
		print_error(&err);
		ps_result_release(&r);
		return 2;
	}
	ps_buf_init(&out);
	switch (cli->format) {
	case PS_FORMAT_JSON:
		ps_result_write_json(&r, &out);
		break;
	case PS_FORMAT_YAML:
		ps_result_write_yaml(&r, &out);
		break;
	default:
		resolve_render_text(s, &r, want_color(cli, 1), cli->verbose, &out);
		break;
	}
	xbuf_check(&out);
	if (out.len && out.s[out.len - 1] != '\n')
		ps_buf_addc(&out, '\n');
	xbuf_check(&out);
	rc = write_stdout(out.s, out.len) < 0 ? 2 : r.has_fatal ? 1 : 0;
	ps_buf_release(&out);
	ps_result_release(&r);
	return rc;
}
