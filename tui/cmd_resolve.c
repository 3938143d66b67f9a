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

/* Appends the n bytes at s in tone t (escape codes only when colouring). */
static void put_n(struct out *o, enum tone t, const char *s, size_t n)
{
	if (o->color && t != T_NONE) {
		ps_buf_adds(o->b, tone_on(t));
		ps_buf_add(o->b, s, n);
		ps_buf_adds(o->b, "\033[0m");
	} else {
		ps_buf_add(o->b, s, n);
	}
}

/* Appends s in tone t (escape codes only when colouring). */
static void put(struct out *o, enum tone t, const char *s)
{
	put_n(o, t, s, strlen(s));
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

/* A word of wrap_from() in its tone: ctx is a struct tone_out. */
struct tone_out {
	struct out *o;
	enum tone t;
};

static void put_word(struct ps_buf *b, const char *w, size_t n, void *ctx)
{
	const struct tone_out *to = ctx;

	put_n(to->o, to->t, w, n);
}

/* As wrap(), the first line continuing a line already at column start (0: a new line). */
static void wrap_from(struct out *o, enum tone t, const char *text, size_t indent, size_t start)
{
	struct tone_out to = { o, t };

	wrap_words(o->b, text, indent, start, WIDTH, put_word, &to);
}

/*
 * Appends text word-wrapped to WIDTH, every line starting with `indent`
 * spaces; a word longer than the line (a long path) gets a line of its own.
 */
static void wrap(struct out *o, enum tone t, const char *text, size_t indent)
{
	wrap_from(o, t, text, indent, 0);
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

/* The last note recorded for `what` (--ask's notes come after detection's and win), or NULL. */
static const struct ps_detect_note *find_note(const struct ps_detect *d, const char *what)
{
	const struct ps_detect_note *hit = NULL;
	size_t i;

	for (i = 0; i < d->nnotes; i++)
		if (!strcmp(d->notes[i].what, what))
			hit = &d->notes[i];
	return hit;
}

/* Column of the values in the header blocks. */
#define HCOL 16

/*
 * One row of the build block: a value, and where it came from.  Rows in
 * a row with the same source share one "from" line, written under the
 * last of them, so a _sysconfigdata file read for three values is named
 * once ("all 3 from ...").
 */
struct brow {
	const char *label;
	char *value;          /* yours */
	enum tone tone;
	const char *source;   /* borrowed; NULL: nothing to say */
};

static bool is_path(const char *s)
{
	return s[0] == '/' && !strchr(s, ' ');
}

static void source_line(struct out *o, const char *source, size_t n, bool guess)
{
	char *line;

	if (!strncmp(source, "guess: ", 7)) {
		/* detect.c marks a value it could not find: say so loudly */
		line = xasprintf("GUESS: %s", source + 7);
		wrap(o, T_WARN, line, HCOL);
		free(line);
		return;
	}
	(void)guess;
	/* a bare path reads "from PATH"; a sentence ("X needs Y, RUNPATH Z") stands as it is */
	if (n >= 3)
		line = xasprintf("all %zu %s %s", n, is_path(source) ? "from" : "-", source);
	else if (n == 2)
		line = xasprintf("both %s %s", is_path(source) ? "from" : "-", source);
	else
		line = xasprintf("%s%s", is_path(source) ? "from " : "", source);
	wrap(o, T_DIM, line, HCOL);
	free(line);
}

static void render_rows(struct out *o, struct brow *rows, size_t n)
{
	size_t i, group = 0;

	for (i = 0; i < n; i++) {
		field(o, HCOL, rows[i].label, rows[i].tone, rows[i].value);
		group++;
		if (rows[i].source &&
		    (i + 1 == n || !rows[i + 1].source || strcmp(rows[i].source, rows[i + 1].source))) {
			source_line(o, rows[i].source, group, false);
			group = 0;
		} else if (!rows[i].source) {
			group = 0;
		}
		free(rows[i].value);
	}
}

static void add_row(struct brow *rows, size_t *n, const char *label, char *value, enum tone t,
		    const char *source)
{
	rows[*n].label = label;
	rows[*n].value = value;
	rows[*n].tone = t;
	rows[*n].source = source;
	(*n)++;
}

static const char *note_src(const struct ps_detect *d, const char *what)
{
	const struct ps_detect_note *n = find_note(d, what);

	return n ? n->source : NULL;
}

/* The interpreter: what was typed, the launcher it went through, the binary examined. */
static void render_interpreter(struct out *o, const struct ps_session *s)
{
	const struct ps_detect *d = &s->detect;
	const struct ps_detect_note *cmd = find_note(d, "command"), *n;
	size_t i;

	heading(o, "interpreter");
	if (cmd) {
		char *v = strcmp(s->python_arg ? s->python_arg : "", cmd->value)
			? xasprintf("%s -> %s (%s)", s->python_arg, cmd->value, cmd->source)
			: xasprintf("%s (%s)", cmd->value, cmd->source);

		field(o, HCOL, "command", T_NONE, v);
		free(v);
	} else {
		field(o, HCOL, "command", T_NONE, s->python_arg);
	}
	if (d->is_launcher) {
		char *v = xasprintf("%s launcher script, %s", d->launcher_kind ? d->launcher_kind : "a",
				    d->launcher_target ? "followed without running it" : "target unknown");

		field(o, HCOL, "launcher", T_WARN, v);
		free(v);
		for (i = 0; i < d->nnotes; i++) {
			n = &d->notes[i];
			if (strstr(n->what, " version")) {
				char *line = xasprintf("%s %s%s%s", n->what, n->value,
						       is_path(n->source) ? " from " : ": ", n->source);

				wrap(o, T_DIM, line, HCOL);
				free(line);
			}
		}
		if (d->launcher_target)
			field(o, HCOL, "runs", T_NONE, d->launcher_target);
	}
	if (d->interpreter)
		field(o, HCOL, "binary", T_NONE, d->interpreter);
	for (i = 0; i < d->env_add.n; i++) {
		/* a launcher prepends to PATH: show the addition, not the whole list */
		const char *v = d->env_add.v[i], *old = ps_env_get(&s->env_before_launcher, "PATH");
		size_t vl = strlen(v), ol = old ? strlen(old) : 0;
		char *shown = NULL;

		if (!strncmp(v, "PATH=", 5) && old && vl > 5 + ol + 1 && v[vl - ol - 1] == ':' &&
		    !strcmp(v + vl - ol, old))
			shown = xasprintf("%.*s$PATH", (int)(vl - ol), v);
		field(o, HCOL, i ? "" : "launcher env", T_NONE, shown ? shown : v);
		free(shown);
	}
}

/*
 * The compiled-in values the model uses, each with where it came from:
 * one block (value + source), not a list of values and then a list of
 * sources repeating them.
 */
static void render_build(struct out *o, const struct ps_session *s)
{
	const struct ps_build *b = &s->in.build;
	const struct ps_detect *d = &s->detect;
	const struct ps_detect_note *n;
	struct brow rows[12];
	size_t nr = 0;
	char *v;

	heading(o, s->scenario ? "build (compiled-in values, from the scenario)"
			       : "build (compiled-in values)");
	if (b->micro >= 0)
		v = xasprintf("%d.%d.%d", b->major, b->minor, b->micro);
	else
		v = xasprintf("%d.%d", b->major, b->minor);
	if (s->rules_forced) {
		/* detection says when the binary itself did not tell: the version is the user's word */
		const char *src = note_src(d, "version");

		add_row(rows, &nr, "version", v, src && !strncmp(src, "--rules", 7) ? T_WARN : T_NONE,
			src && !strncmp(src, "--rules", 7) ? src : "--rules");
	} else if (note_src(d, "micro") && note_src(d, "version") && !s->asked) {
		/* two sources: X.Y from the name or the library, the micro from the headers */
		char *both = xasprintf("%s; micro version from %s", note_src(d, "version"), note_src(d, "micro"));

		field(o, HCOL, "version", T_NONE, v);
		wrap(o, T_DIM, both, HCOL);
		free(both);
		free(v);
	} else {
		add_row(rows, &nr, "version", v, T_NONE, note_src(d, "version"));
	}
	render_rows(o, rows, nr);
	nr = 0;

	if (b->prefix && (n = find_note(d, "prefix")) && !strncmp(n->source, "guess: ", 7)) {
		/* read from a stdlib nothing ties to the binary: a guess all the same */
		add_row(rows, &nr, "PREFIX", xasprintf("%s (a guess)", b->prefix), T_WARN, n->source);
	} else if (b->prefix) {
		add_row(rows, &nr, "PREFIX", xstrdup(b->prefix), T_NONE, note_src(d, "prefix"));
	} else if ((n = find_note(d, "prefix")) && !strncmp(n->source, "guess: ", 7)) {
		add_row(rows, &nr, "PREFIX", xasprintf("%s (a guess)", n->value), T_WARN, n->source);
	} else {
		add_row(rows, &nr, "PREFIX", xstrdup("/usr/local (CPython's default: none given)"), T_NONE, NULL);
	}
	add_row(rows, &nr, "EXEC_PREFIX",
		b->exec_prefix ? xstrdup(b->exec_prefix) : xstrdup("= PREFIX (default)"), T_NONE,
		b->exec_prefix ? note_src(d, "exec_prefix") : NULL);
	add_row(rows, &nr, "PLATLIBDIR",
		b->platlibdir ? xstrdup(b->platlibdir) : xstrdup("lib (default)"), T_NONE,
		b->platlibdir ? note_src(d, "platlibdir") : NULL);
	if (b->vpath && *b->vpath)
		add_row(rows, &nr, "VPATH", xstrdup(b->vpath), T_NONE, note_src(d, "vpath"));
	if (b->abi_thread && *b->abi_thread)
		add_row(rows, &nr, "ABI", xstrdup("free-threaded (t)"), T_NONE, note_src(d, "abi_thread"));
	if (b->library)
		add_row(rows, &nr, "libpython", xstrdup(b->library), T_NONE, note_src(d, "library"));
	else if ((n = find_note(d, "library")))
		add_row(rows, &nr, "libpython", xasprintf("%s (not found)", n->value), T_WARN, n->source);
	if (b->debian_site >= 0)
		add_row(rows, &nr, "site.py",
			xstrdup(b->debian_site ? "Debian's (dist-packages)" : "CPython's (site-packages)"),
			T_NONE, (n = find_note(d, "debian_site")) && n->source[0] == '/' ? n->source : NULL);
	render_rows(o, rows, nr);
	if (s->asked)
		wrap(o, T_WARN, "values read by running the interpreter (--ask)", HCOL);
}

static void render_header(struct out *o, const struct ps_session *s, const struct ps_result *r)
{
	const struct ps_inputs *in = &s->in;
	char tmp[256], flags[32] = "";

	put(o, T_HEAD, "pathscope");
	ps_buf_addf(o->b, "  rules %d.%d, %s, %s\n", r->major, r->minor, ps_platform_name(r->platform),
		    r->from_scenario || s->scenario ? "scenario" : "real filesystem");
	if (s->scenario) {
		field(o, HCOL, "scenario", T_NONE, s->scenario->path);
		if (s->scenario->name)
			field(o, HCOL, "name", T_NONE, s->scenario->name);
	} else {
		render_interpreter(o, s);
	}
	render_build(o, s);

	heading(o, "invocation");
	field(o, HCOL, "argv[0]", T_NONE, in->argv0);
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
	field(o, HCOL, "flags", T_NONE, flags[0] ? flags + 1 : "(none)");
	field(o, HCOL, "run", T_NONE, run_desc(in, tmp, sizeof(tmp)));
	field(o, HCOL, "cwd", T_NONE, in->cwd);
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
		field(o, 20, "user_site", T_NONE, y->user_site ? y->user_site : "None");
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

/*
 * The .pth lines, grouped by file:
 *   /path/site-packages/a.pth
 *        1 added      /x/lib
 *        3 import     import foo
 *                     CPython would run this line (...)
 */
#define PTH_TEXT_COL 18

static void render_pth(struct out *o, const struct ps_result *r)
{
	const char *last = NULL;
	size_t i;

	if (!r->npth)
		return;
	heading(o, ".pth files");
	for (i = 0; i < r->npth; i++) {
		const struct ps_pth_line *p = &r->pth[i];
		char head[32];
		size_t tl = p->text ? strlen(p->text) : 0;

		if (!last || strcmp(last, p->file)) {
			pad(o, 2);
			ps_buf_adds(o->b, p->file);
			ps_buf_addc(o->b, '\n');
			last = p->file;
		}
		snprintf(head, sizeof(head), "  %4d ", p->line);
		ps_buf_adds(o->b, head);
		put(o, p->action == PS_PTH_ERROR ? T_BAD : T_BADGE, ps_pth_action_name(p->action));
		pad(o, PTH_TEXT_COL - strlen(head) - strlen(ps_pth_action_name(p->action)));
		if (tl)
			wrap_from(o, T_NONE, p->text, PTH_TEXT_COL, PTH_TEXT_COL);
		else
			ps_buf_adds(o->b, "(empty)\n");
		if (p->detail && *p->detail) {
			/* "would run: TEXT ..." repeats the line just shown: refer to it instead */
			if (tl && !strncmp(p->detail, "would run: ", 11) && !strncmp(p->detail + 11, p->text, tl)) {
				char *d = xasprintf("CPython would run this line%s", p->detail + 11 + tl);

				wrap(o, T_DIM, d, PTH_TEXT_COL);
				free(d);
			} else {
				wrap(o, T_DIM, p->detail, PTH_TEXT_COL);
			}
		}
	}
}

/*
 * Whether a note only repeats an import line the .pth section already
 * shows ("FILE, line N would run `TEXT` ..."): JSON keeps it, text does not
 * print the same line three times.
 */
static bool note_shown_with_pth(const struct ps_result *r, const char *note)
{
	size_t i;

	for (i = 0; i < r->npth; i++) {
		const struct ps_pth_line *p = &r->pth[i];
		char *head;
		bool same;

		if (p->action != PS_PTH_IMPORT || !p->file)
			continue;
		head = xasprintf("%s, line %d would run `", p->file, p->line);
		same = !strncmp(note, head, strlen(head));
		free(head);
		if (same)
			return true;
	}
	return false;
}

static void render_warnings(struct out *o, const struct ps_result *r)
{
	size_t i, shown;

	if (r->getpath.warnings.n) {
		heading(o, "warnings (printed on stderr at start-up)");
		for (i = 0; i < r->getpath.warnings.n; i++)
			wrap(o, T_WARN, r->getpath.warnings.v[i], 2);
	}
	for (i = 0, shown = 0; i < r->notes.n; i++) {
		if (note_shown_with_pth(r, r->notes.v[i]))
			continue;
		if (!shown++)
			heading(o, "notes");
		wrap(o, T_NONE, r->notes.v[i], 2);
	}
}

/*
 * The same top-level name in two sys.path entries (ps_find_shadowing),
 * grouped by pair of entries: "sys.path[4] hides sys.path[5]: numpy, ...".
 */
static void render_shadowing(struct out *o, const struct ps_session *s, const struct ps_result *r)
{
	struct ps_shadow *sh = NULL;
	struct ps_error err;
	size_t n = 0, i, groups = 0;

	ps_error_init(&err);
	if (!s || !r->has_sys)
		return;
	if (ps_find_shadowing(r, &s->in, &s->fs, &sh, &n, &err) < 0)
		die_oom();
	for (i = 0; i < n; groups++) {
		size_t j = i, shown = 0;
		struct ps_buf line;

		if (!groups)
			heading(o, "shadowing (one name in two sys.path entries: import takes the first)");
		ps_buf_init(&line);
		ps_buf_addf(&line, "sys.path[%ld] %s hides sys.path[%ld] %s:", sh[i].index,
			    r->sys.path.v[sh[i].index][0] ? r->sys.path.v[sh[i].index] : "''",
			    sh[i].hidden, r->sys.path.v[sh[i].hidden]);
		for (; j < n && sh[j].index == sh[i].index && sh[j].hidden == sh[i].hidden; j++)
			if (shown++ < 12)
				ps_buf_addf(&line, "%s %s", shown > 1 ? "," : "", sh[j].name);
		if (shown > 12)
			ps_buf_addf(&line, " and %zu more", shown - 12);
		xbuf_check(&line);
		if (groups < 10)
			wrap(o, T_NONE, line.s, 2);
		ps_buf_release(&line);
		i = j;
	}
	if (groups > 10) {
		char *more = xasprintf("and %zu more pairs of entries (pathscope explain ENTRY names them)",
				       groups - 10);

		wrap(o, T_DIM, more, 2);
		free(more);
	}
	ps_shadows_free(sh, n);
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
	render_shadowing(&o, s, r);
	if (r->has_fatal)
		render_fatal(&o, r);
	if (verbose > 0)
		render_trace(&o, r);
}

int cmd_resolve(const struct ps_cli *cli, struct ps_session *s)
{
	struct ps_result r;
	struct ps_buf out;
	int rc;

	if (cli->nargs) {
		print_msg("resolve takes no arguments (got '%s'); try 'pathscope --help'", cli->args[0]);
		return 2;
	}
	ps_result_init(&r);
	if (session_compute_report(s, &r) < 0)
		return 2;
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
	rc = write_stdout_buf(&out) < 0 ? 2 : r.has_fatal ? 1 : 0;
	ps_result_release(&r);
	return rc;
}
