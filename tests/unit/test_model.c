/*
 * test_model.c - the explorer's model driven without a terminal: toggles
 * re-resolve and mark what changed, the fatal banner, stepping through
 * the trace, search and filter, help, layout and mouse, virtual file edits,
 * writing and opening scenarios.
 *
 * The expectations are CPython's documented behaviour (-E ignores
 * PYTHONPATH; a PYTHONHOME without the stdlib stops start-up; getpath
 * finds pyvenv.cfg next to or above the executable), not pathscope output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "engine.h"
#include "../../tui/model.h"
#include "../../tui/match.h"
#include "../../tui/text.h"

static const char scenario[] =
	"name: model test\n"
	"platform: posix\n"
	"python:\n"
	"  version: \"3.12\"\n"
	"  prefix: /usr\n"
	"invocation:\n"
	"  argv0: /usr/bin/python3.12\n"
	"  cwd: /home/me\n"
	"  run: {command: \"pass\"}\n"
	"  env:\n"
	"    PATH: /usr/bin:/bin\n"
	"    HOME: /home/me\n"
	"    PYTHONPATH: /extra\n"
	"files:\n"
	"  /usr/bin/python3.12: exec\n"
	"  /usr/lib/python3.12/os.py: file\n"
	"  /usr/lib/python3.12/encodings/__init__.py: file\n"
	"  /usr/lib/python3.12/lib-dynload: dir\n"
	"  /usr/lib/python3.12/site-packages: dir\n"
	"  /extra: dir\n";

/*
 * A venv with the system site-packages and two PYTHONPATH entries: eight
 * sys.path entries, as many as a typical venv has.
 */
static const char venv_scenario[] =
	"name: a venv with eight sys.path entries and a rather long name for the title\n"
	"platform: posix\n"
	"python:\n"
	"  version: \"3.12\"\n"
	"  prefix: /usr\n"
	"invocation:\n"
	"  argv0: /home/me/proj/.venv/bin/python\n"
	"  cwd: /home/me/proj\n"
	"  run: {command: \"pass\"}\n"
	"  env:\n"
	"    PATH: /usr/bin:/bin\n"
	"    HOME: /home/me\n"
	"    PYTHONPATH: /home/me/proj/src:/home/me/proj/vendor/lib\n"
	"files:\n"
	"  /usr/bin/python3.12: exec\n"
	"  /usr/lib/python3.12/os.py: file\n"
	"  /usr/lib/python3.12/encodings/__init__.py: file\n"
	"  /usr/lib/python3.12/lib-dynload: dir\n"
	"  /usr/lib/python3.12/site-packages: dir\n"
	"  /home/me/proj/src: dir\n"
	"  /home/me/proj/vendor/lib: dir\n"
	"  /home/me/proj/.venv/bin/python: {link: /usr/bin/python3.12}\n"
	"  /home/me/proj/.venv/pyvenv.cfg:\n"
	"    content: |\n"
	"      home = /usr/bin\n"
	"      include-system-site-packages = true\n"
	"  /home/me/proj/.venv/lib/python3.12/site-packages: dir\n";

static const char nt_scenario[] =
	"name: windows\n"
	"platform: nt\n"
	"python:\n"
	"  version: '3.13'\n"
	"invocation:\n"
	"  argv0: C:\\Out\\python.exe\n"
	"  executable: C:\\Out\\python.exe\n"
	"  cwd: C:\\Users\\me\n"
	"  run:\n"
	"    command: pass\n"
	"  env:\n"
	"    PATH: C:\\Windows\\system32;C:\\Windows\n"
	"    PYTHONHOME: C:\\CPython\n"
	"files:\n"
	"  C:\\Out\\python.exe: exec\n"
	"  C:\\CPython\\Lib\\os.py: file\n"
	"  C:\\CPython\\Lib\\encodings\\__init__.py: file\n";

struct fixture {
	char path[64];
	struct ps_cli cli;
	struct ps_session s;
	struct ps_model m;
};

static int setup_text(void **state, const char *text)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ps_error err;
	FILE *fp;
	int fd;

	snprintf(f->path, sizeof(f->path), "/tmp/test_model_XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	/* a command line with only --scenario */
	f->cli.scenario = f->path;
	ps_error_init(&err);
	if (session_open(&f->cli, &f->s, &err) < 0)
		fail_msg("session_open: %s", err.msg);
	model_init(&f->m, &f->s, &f->cli, false);
	model_layout(&f->m, 80, 24);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_text(state, scenario);
}

static int setup_venv(void **state)
{
	return setup_text(state, venv_scenario);
}

static int setup_nt(void **state)
{
	return setup_text(state, nt_scenario);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	model_release(&f->m);
	session_close(&f->s);
	unlink(f->path);
	free(f);
	return 0;
}

/*
 * The row of pane p whose text contains s (among the rows shown), or NULL.
 * Through model_row_text: trace and .pth rows have no text until asked.
 */
static const struct ps_row *find_row(struct ps_model *m, struct ps_pane *p, const char *s)
{
	size_t i;
	for (i = 0; i < p->nvis; i++)
		if (strstr(model_row_text(m, &p->rows[p->vis[i]]), s))
			return &p->rows[p->vis[i]];
	return NULL;
}

static const struct ps_row *result_row(struct ps_model *m, enum ps_row_kind kind, const char *s)
{
	struct ps_pane *p = model_pane(m, PANE_RESULT);
	size_t i;
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		if (r->kind == kind && strstr(model_row_text(m, r), s))
			return r;
	}
	return NULL;
}

/* Puts the inputs cursor on the row of that kind (and arg, unless -1). */
static void select_input(struct ps_model *m, enum ps_row_kind kind, const char *text)
{
	struct ps_pane *p = model_pane(m, PANE_INPUTS);
	size_t i;

	model_action(m, ACT_PANE_INPUTS);
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		if (r->kind == kind && (!text || strstr(r->text, text))) {
			p->cur = i;
			return;
		}
	}
	fail_msg("no input row %d %s", kind, text ? text : "");
}

static void type(struct ps_model *m, const char *s)
{
	for (; *s; s++)
		model_key(m, (unsigned char)*s);
}

/* Sets an unset variable the way a user does: its row, Enter, the value, Enter. */
static void set_env_row(struct ps_model *m, const char *name, const char *value)
{
	select_input(m, ROW_ENV, name);
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(m->prompt, PROMPT_EDIT);
	type(m, value);
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(m->prompt, PROMPT_NONE);
}

static void test_toggle_E_changes_path(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	const struct ps_row *r;

	assert_true(m->have_result);
	r = result_row(m, ROW_ENTRY, "/extra");
	assert_non_null(r);
	assert_int_equal(r->mark, ' ');
	/* E toggles -E: PYTHONPATH is ignored, /extra leaves sys.path */
	assert_true(model_key(m, 'E') & PS_R_REDRAW);
	assert_true(f->s.in.flags.ignore_environment);
	assert_null(result_row(m, ROW_ENTRY, "/extra"));
	r = result_row(m, ROW_GHOST, "/extra");
	assert_non_null(r);
	assert_int_equal(r->mark, '-');
	/* the input row says it was changed, and PYTHONPATH shows as ignored */
	r = find_row(m, model_pane(m, PANE_INPUTS), "-E");
	assert_int_equal(r->mark, '*');
	assert_non_null(find_row(m, model_pane(m, PANE_INPUTS), "ignored: /extra"));
	/* back: /extra is added again, marked '+' until the next change */
	model_key(m, 'E');
	r = result_row(m, ROW_ENTRY, "/extra");
	assert_non_null(r);
	assert_int_equal(r->mark, '+');
	assert_null(result_row(m, ROW_GHOST, "/extra"));
}

static void test_diff_view(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	model_key(m, 'E');
	model_key(m, 'D');
	assert_int_equal(m->view, VIEW_DIFF);
	assert_non_null(find_row(m, &m->diff, "+ -E"));
	assert_non_null(find_row(m, &m->diff, "- path /extra"));
	model_key(m, 'q');
	assert_int_equal(m->view, VIEW_PANES);
	/* reset: back to the start, the diff is empty again */
	model_key(m, 'R');
	assert_false(f->s.in.flags.ignore_environment);
	model_key(m, 'D');
	assert_non_null(find_row(m, &m->diff, "(no input changed)"));
	assert_non_null(find_row(m, &m->diff, "the same as at the start"));
}

static void test_bad_pythonhome_fatal(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	const struct ps_row *r;

	set_env_row(m, "PYTHONHOME", "/nowhere");
	assert_string_equal(ps_env_get(&f->s.in.env, "PYTHONHOME"), "/nowhere");
	/* no encodings module under /nowhere: the interpreter would not start */
	assert_true(m->res.has_fatal);
	r = result_row(m, ROW_FATAL, "would not start");
	assert_non_null(r);
	assert_int_equal(r->role, ROLE_BANNER);
	assert_non_null(result_row(m, ROW_FATAL, "cause:"));
	/* d unsets it again and the banner goes */
	model_key(m, 'd');
	assert_null(ps_env_get(&f->s.in.env, "PYTHONHOME"));
	assert_null(result_row(m, ROW_FATAL, "would not start"));
}

/*
 * The fatal banner's first row gets the '+' of "what changed" even when the
 * banner is wrapped to many rows (a narrow pane) and the rows added after
 * it move the pane's row array (a mark written through a stale row pointer
 * was lost, and ASan saw a use after free).
 */
static void test_fatal_banner_mark_many_rows(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p = model_pane(m, PANE_RESULT);
	size_t i;

	model_layout(m, 20, 24);   /* too small to draw, but the banner still wraps at 8 columns */
	set_env_row(m, "PYTHONHOME", "/nowhere");
	assert_true(m->res.has_fatal);
	assert_true(p->nrows > 32);   /* more rows than the pane had room for before */
	for (i = 0; i < p->nrows && p->rows[i].kind != ROW_FATAL; i++)
		;
	assert_true(i < p->nrows);
	assert_int_equal(p->rows[i].mark, '+');
}

static void test_prompt_cancel_and_utf8(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	select_input(m, ROW_ENV, "PYTHONUSERBASE");
	model_key(m, PS_KEY_ENTER);
	type(m, "/x");
	model_key(m, 0xe9);          /* é */
	model_key(m, PS_KEY_BACKSPACE);   /* removes the whole character */
	model_key(m, 0x263a);
	assert_string_equal(m->prompt_buf.s, "/x\xe2\x98\xba");
	model_key(m, PS_KEY_ESC);
	assert_int_equal(m->prompt, PROMPT_NONE);
	assert_null(ps_env_get(&f->s.in.env, "PYTHONUSERBASE"));
}

static void test_trace_stepping(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	const struct ps_row *r;
	long last;

	assert_true(m->res.ntrace > 3);
	model_action(m, ACT_PANE_TRACE);
	model_key(m, 'g');
	assert_int_equal(model_trace_step(m), 0);
	/* at the first step prefix is not decided yet */
	r = result_row(m, ROW_VALUE, "prefix");
	assert_non_null(r);
	assert_non_null(strstr(r->text, "..."));
	model_key(m, 'j');
	assert_int_equal(model_trace_step(m), 1);
	model_key(m, 'k');
	assert_int_equal(model_trace_step(m), 0);
	/* p jumps to the step that decided prefix: its value is there, marked */
	model_key(m, 'p');
	last = model_trace_step(m);
	assert_true(last > 0);
	assert_non_null(m->res.trace[last].var);
	assert_non_null(strstr(m->res.trace[last].var, "prefix"));
	r = result_row(m, ROW_VALUE, "prefix");
	assert_non_null(strstr(r->text, "/usr"));
	assert_int_equal(r->mark, '~');
	/* the last step shows every entry */
	model_key(m, 'G');
	assert_int_equal(model_trace_step(m), (long)m->res.ntrace - 1);
	assert_non_null(result_row(m, ROW_ENTRY, "/usr/lib/python3.12"));
	/* leaving the trace shows the final result again */
	model_action(m, ACT_PANE_RESULT);
	assert_non_null(result_row(m, ROW_TEXT, "sys.path"));
}

static void test_entry_jumps_to_its_step(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p = model_pane(m, PANE_RESULT);
	size_t i;
	long step;

	model_action(m, ACT_PANE_RESULT);
	for (i = 0; i < p->nvis; i++)
		if (p->rows[p->vis[i]].kind == ROW_ENTRY && p->rows[p->vis[i]].step >= 0)
			break;
	assert_true(i < p->nvis);
	p->cur = i;
	step = p->rows[p->vis[i]].step;
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(m->focus, PANE_TRACE);
	assert_int_equal(model_trace_step(m), step);
}

static void test_search_and_filter(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p;

	model_action(m, ACT_PANE_RESULT);
	model_key(m, '/');
	assert_int_equal(m->prompt, PROMPT_SEARCH);
	type(m, "DYNLOAD");  /* upper-case: case-sensitive, matches nothing */
	model_key(m, PS_KEY_ENTER);
	assert_true(m->status_error);
	model_key(m, '/');
	model_key(m, PS_KEY_CTRL('u'));
	type(m, "dynload");
	model_key(m, PS_KEY_ENTER);
	assert_false(m->status_error);
	p = model_pane(m, PANE_RESULT);
	assert_non_null(strstr(p->rows[p->vis[p->cur]].text, "lib-dynload"));
	assert_non_null(strstr(m->status, "match 1 of"));
	/* a bad pattern: PCRE2's message at its offset, the old pattern stays */
	model_key(m, '/');
	model_key(m, PS_KEY_CTRL('u'));
	type(m, "lib[");
	model_key(m, PS_KEY_ENTER);
	assert_true(m->status_error);
	assert_non_null(strstr(m->status, "regex error at offset 4"));
	assert_string_equal(match_pattern(m->match), "dynload");
	/* f shows only matching rows */
	model_key(m, 'f');
	assert_true(m->filter_on);
	p = model_pane(m, PANE_RESULT);
	assert_true(p->nvis >= 1);
	for (size_t i = 0; i < p->nvis; i++)
		assert_non_null(strstr(p->rows[p->vis[i]].text, "dynload"));
	model_key(m, 'f');
	assert_true(model_pane(m, PANE_RESULT)->nvis > p->nvis - 0 || !m->filter_on);
	/* n wraps around */
	model_key(m, 'n');
	assert_false(m->status_error);
}

static void test_help(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	model_key(m, '?');
	assert_int_equal(m->view, VIEW_HELP);
	assert_non_null(find_row(m, &m->help, "toggle -E (ignore PYTHON* variables)"));
	assert_non_null(find_row(m, &m->help, "Trace pane"));
	/* keys of the panes do nothing here; q closes the help, it does not quit */
	assert_false(model_key(m, 'q') & PS_R_QUIT);
	assert_int_equal(m->view, VIEW_PANES);
	assert_true(model_key(m, 'q') & PS_R_QUIT);
}

static void test_layout_and_mouse(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *in = model_pane(m, PANE_INPUTS), *tr = model_pane(m, PANE_TRACE);

	model_layout(m, 60, 15);
	assert_false(m->too_small);
	assert_true(in->h > 0 && tr->h > 0);
	model_layout(m, 39, 15);
	assert_true(m->too_small);
	/* at 80x18 sys.path needs the height: the trace collapses to its summary */
	model_layout(m, 80, 18);
	assert_true(tr->collapsed);
	model_layout(m, 80, 24);
	assert_false(m->too_small);
	assert_false(tr->collapsed);
	model_layout(m, 80, 18);
	/* a click on the collapsed trace focuses it, and it grows */
	model_mouse(m, tr->x + 2, tr->y, 1);
	assert_int_equal(m->focus, PANE_TRACE);
	assert_false(tr->collapsed);
	assert_true(tr->h >= 3);
	/* click on the trace's third visible row: selection */
	model_mouse(m, tr->x + 2, tr->y + 2, 1);
	assert_int_equal(m->focus, PANE_TRACE);
	assert_int_equal(tr->cur, tr->top + 2);
	/* the wheel moves the selection */
	model_mouse(m, tr->x + 2, tr->y, 5);
	assert_int_equal(tr->cur, tr->top + 2 >= 3 ? tr->cur : tr->cur);
	assert_true(model_trace_step(m) >= 5);
	/* clicking the -E row twice toggles it */
	model_action(m, ACT_PANE_INPUTS);
	in->top = 0;
	for (int y = 0; y < in->h; y++) {
		const struct ps_row *r = &in->rows[in->vis[in->top + (size_t)y]];
		if (r->kind == ROW_FLAG && r->arg == 0) {
			model_mouse(m, in->x + 1, in->y + y, 1);
			assert_false(f->s.in.flags.ignore_environment);
			model_mouse(m, in->x + 1, in->y + y, 1);
			assert_true(f->s.in.flags.ignore_environment);
			return;
		}
	}
	fail_msg("no -E row on screen");
}

static void test_venv_and_pth_edits(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	const struct ps_row *r;

	/* no pyvenv.cfg: getpath looks above bin/ (spec: <prefix>/pyvenv.cfg) */
	assert_false(m->venv_present);
	assert_string_equal(m->venv_cfg, "/usr/pyvenv.cfg");
	select_input(m, ROW_VENV, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_true(m->venv_present);
	assert_true(ps_fs_isfile(&f->s.fs, "/usr/pyvenv.cfg"));
	assert_string_equal(m->venv_home, "/usr/bin");
	r = find_row(m, model_pane(m, PANE_INPUTS), "pyvenv.cfg");
	assert_int_equal(r->mark, '*');
	assert_int_equal(r->role, ROLE_OVERLAY);
	assert_non_null(strstr(r->text, "present"));
	/* scenario mode: the edit is in the scenario's tree, not an overlay */
	assert_null(strstr(r->text, "[ov]"));
	/* include-system-site-packages toggles */
	select_input(m, ROW_VENV_SYSSITE, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_string_equal(m->venv_syssite, "true");
	/* remove it again */
	select_input(m, ROW_VENV, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_false(m->venv_present);

	/* a ._pth file next to the executable: its lines become the search path */
	assert_string_equal(m->pth_path, "/usr/bin/python3.12._pth");
	select_input(m, ROW_PTH, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_true(m->pth_present);
	/* PYTHONPATH is not used with a ._pth file (3.11+ posix) */
	assert_null(result_row(m, ROW_ENTRY, "/extra"));
	select_input(m, ROW_PTH_ADD, NULL);
	model_key(m, PS_KEY_ENTER);
	type(m, "/extra");
	model_key(m, PS_KEY_ENTER);
	assert_non_null(result_row(m, ROW_ENTRY, "/extra"));
	select_input(m, ROW_PTH_LINE, "/extra");
	model_key(m, 'd');
	assert_null(result_row(m, ROW_ENTRY, "/extra"));
}

static void test_write_and_open(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	char out[64];
	int fd;

	snprintf(out, sizeof(out), "/tmp/test_model_w_XXXXXX");
	fd = mkstemp(out);
	close(fd);
	unlink(out);
	model_key(m, 'E');
	model_key(m, 'w');
	assert_int_equal(m->prompt, PROMPT_WRITE);
	model_key(m, PS_KEY_CTRL('u'));
	type(m, out);
	model_key(m, PS_KEY_ENTER);
	assert_false(m->status_error);
	assert_int_equal(access(out, R_OK), 0);
	/* writing again asks before replacing */
	model_key(m, 'w');
	model_key(m, PS_KEY_CTRL('u'));
	type(m, out);
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(m->prompt, PROMPT_OVERWRITE);
	model_key(m, 'n');
	assert_int_equal(m->prompt, PROMPT_NONE);
	/* open what was written: -E comes back with it, and it is the new start */
	model_key(m, 'R');
	assert_false(f->s.in.flags.ignore_environment);
	model_key(m, 'o');
	type(m, out);
	model_key(m, PS_KEY_ENTER);
	if (m->status_error)
		fail_msg("open: %s", m->status);
	assert_true(f->s.in.flags.ignore_environment);
	assert_null(result_row(m, ROW_ENTRY, "/extra"));
	assert_int_equal(find_row(m, model_pane(m, PANE_INPUTS), "-E")->mark, ' ');
	/* a file that does not load: the message names it, the session stays */
	model_key(m, 'o');
	type(m, "/nonexistent/x.yaml");
	model_key(m, PS_KEY_ENTER);
	assert_true(m->status_error);
	assert_non_null(strstr(m->status, "/nonexistent/x.yaml"));
	assert_true(m->have_result);
	unlink(out);
}

static void test_dump(void **state)
{
	struct fixture *f = *state;
	struct ps_buf b;

	ps_buf_init(&b);
	model_layout(&f->m, 80, 18);
	model_dump(&f->m, &b);
	assert_non_null(strstr(b.s, "== inputs: inputs [focus]"));
	assert_non_null(strstr(b.s, "== result: result"));
	assert_non_null(strstr(b.s, "== trace: trace: the landmark search ("));
	/* the trace is collapsed to its summary while the inputs have the focus */
	assert_non_null(strstr(b.s, "~~ collapsed: prefix: step "));
	assert_non_null(strstr(b.s, "/extra"));
	/* no times: dumps are deterministic */
	assert_null(strstr(b.s, " ms"));
	ps_buf_release(&b);
}


/* The columns a UTF-8 text takes (ASCII and the few marks the model uses: one column each). */
static size_t cols(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Whether the row with text s is on screen in pane p (inside its window). */
static bool on_screen(struct ps_model *m, struct ps_pane *p, const char *s)
{
	size_t i;
	for (i = p->top; i < p->nvis && i < p->top + (size_t)p->h; i++)
		if (strstr(model_row_text(m, &p->rows[p->vis[i]]), s))
			return true;
	return false;
}

static void assert_all_entries_on_screen(struct ps_model *m)
{
	struct ps_pane *p = model_pane(m, PANE_RESULT);
	size_t i, n = 0;
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		if (r->kind != ROW_ENTRY)
			continue;
		n++;
		if (i < p->top || i >= p->top + (size_t)p->h)
			fail_msg("entry '%s' off screen (row %zu, window %zu+%d)", r->text, i, p->top, p->h);
	}
	assert_int_equal(n, 8);
}

/* 80x24: every entry of a venv's sys.path is on screen, with the inputs or the result focused. */
static void test_sys_path_fits_80x24(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	assert_true(m->have_result);
	assert_all_entries_on_screen(m);
	/* the trace makes room */
	assert_true(model_pane(m, PANE_TRACE)->h <= 3);
	model_action(m, ACT_PANE_RESULT);
	assert_all_entries_on_screen(m);
	/* with the result's footer too, down to its one line that says how to open it */
	assert_true(model_pane(m, PANE_TRACE)->collapsed);
	assert_non_null(strstr(model_pane(m, PANE_TRACE)->summary, "step through"));
	/* moving down to the last entry keeps the six values in view */
	for (int i = 0; i < 20; i++)
		model_action(m, ACT_DOWN);
	assert_all_entries_on_screen(m);
	assert_true(on_screen(m, model_pane(m, PANE_RESULT), "executable"));
	/* the footer explains the entry under the cursor */
	assert_non_null(model_pane(m, PANE_RESULT)->footer);
	assert_true(model_pane(m, PANE_RESULT)->footer_h >= 1);
}

/* The inputs column at 80 columns: labels fit whole; the long description is the footer's. */
static void test_inputs_fit_80(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p = model_pane(m, PANE_INPUTS);
	size_t i;

	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		/* 2 columns of mark before the text */
		if (r->kind == ROW_FLAG && cols(r->text) > (size_t)p->w - 2)
			fail_msg("flag row '%s' is cut at %d columns", r->text, p->w - 2);
		if (r->kind == ROW_ENV && strstr(r->text, "(unset)") && cols(r->text) > (size_t)p->w - 2)
			fail_msg("'%s' is cut at %d columns", r->text, p->w - 2);
	}
	select_input(m, ROW_FLAG, "-E");
	model_action(m, ACT_DOWN);
	model_action(m, ACT_UP);
	assert_non_null(strstr(p->footer, "ignore every PYTHON* environment variable"));
	assert_true(p->footer_h >= 2);
	/* the title: rules and platform first, then the scenario's file name and name */
	{
		struct ps_buf b;
		ps_buf_init(&b);
		model_title(m, &b);
		assert_true(strncmp(b.s, "pathscope 3.12 posix - test_model_", 34) == 0);
		assert_non_null(strstr(b.s, ": a venv with eight"));
		ps_buf_release(&b);
	}
}

/* '' is the working directory at import time: it exists when the cwd does. */
static void test_cwd_entry(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	const struct ps_row *r;

	r = result_row(m, ROW_ENTRY, "''");
	assert_non_null(r);
	assert_int_equal(r->role, ROLE_PATH_FOUND);
	assert_non_null(strstr(r->text, "+ '' (the cwd: /home/me/proj)"));
	/* a cwd that is not there: '' is marked missing */
	select_input(m, ROW_CWD, NULL);
	model_key(m, PS_KEY_ENTER);
	model_key(m, PS_KEY_CTRL('u'));
	type(m, "/gone");
	model_key(m, PS_KEY_ENTER);
	r = result_row(m, ROW_ENTRY, "''");
	assert_non_null(r);
	assert_int_equal(r->role, ROLE_PATH_MISSING);
	assert_non_null(strstr(r->text, "x '' (the cwd: /gone)"));
}

/* A fatal banner is wrapped to the pane: message, cause and fix all readable at 80x24. */
static void test_fatal_banner_wrapped(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p = model_pane(m, PANE_RESULT);
	struct ps_buf all;
	size_t i;

	set_env_row(m, "PYTHONHOME", "/nowhere");
	assert_true(m->res.has_fatal);
	ps_buf_init(&all);
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		if (r->kind != ROW_FATAL)
			continue;
		if (cols(r->text) > (size_t)p->w - 2)
			fail_msg("banner row '%s' wider than %d", r->text, p->w - 2);
		if (i >= p->top + (size_t)p->h)
			fail_msg("banner row '%s' off screen", r->text);
		ps_buf_addf(&all, "%s ", r->text + strspn(r->text, " "));
	}
	/* nothing of the cause or the fix is lost to the wrapping */
	assert_non_null(m->res.fatal.cause);
	assert_non_null(m->res.fatal.fix);
	{
		/* compare word by word: the wrapping only turned spaces into line breaks */
		char *want = NULL;
		assert_true(asprintf(&want, "cause: %s fix: %s ", m->res.fatal.cause, m->res.fatal.fix) > 0);
		assert_non_null(strstr(all.s, want));
		free(want);
	}
	ps_buf_release(&all);
}

/* The trace focused at 80x24: the inputs step aside, the state and the steps get the width. */
static void test_trace_focus_layout(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *tr = model_pane(m, PANE_TRACE), *res = model_pane(m, PANE_RESULT);
	long step;

	model_key(m, '3');
	assert_int_equal(m->focus, PANE_TRACE);
	assert_true(m->stepper);
	assert_false(model_pane(m, PANE_INPUTS)->shown);
	assert_int_equal(tr->bw, 80);
	assert_int_equal(res->bw, 80);
	assert_true(tr->h >= 3);
	assert_true(tr->footer_h >= 1);
	/* the footer is the whole step with its note */
	model_key(m, 'p');
	step = model_trace_step(m);
	assert_true(step >= 0);
	assert_non_null(m->res.trace[step].note);
	assert_non_null(strstr(tr->footer, m->res.trace[step].note));
	/* the value the step set is on screen in the replayed state, marked */
	assert_true(on_screen(m, res, "prefix"));
	assert_int_equal(result_row(m, ROW_VALUE, "prefix")->mark, '~');
	/* the last step: the entry it added is on screen */
	model_key(m, 'G');
	assert_non_null(result_row(m, ROW_TEXT, "sys.path so far (8 of 8)"));
	{
		size_t i;
		bool seen = false;
		for (i = res->top; i < res->nvis && i < res->top + (size_t)res->h; i++)
			seen |= res->rows[res->vis[i]].mark == '+';
		assert_true(seen);
	}
	/* wide screens keep the inputs */
	model_layout(m, 140, 40);
	assert_false(m->stepper);
	assert_true(model_pane(m, PANE_INPUTS)->shown);
	/* back to the inputs: the usual layout */
	model_layout(m, 80, 24);
	model_key(m, '1');
	assert_false(m->stepper);
	assert_true(model_pane(m, PANE_INPUTS)->shown);
}

/* The " 2.7 3.6 ..." part of the rules row's footer, into out. */
static void rules_footer_list(const char *foot, struct ps_buf *out)
{
	const char *a = strchr(foot, ':'), *b = strstr(foot, " (Enter");
	assert_non_null(a);
	assert_non_null(b);
	ps_buf_add(out, a + 1, (size_t)(b - a - 1));
}

/* The rules row offers only versions with rules; the platform row only what fits the tree. */
static void test_rules_and_platform_choices(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_build *b = &f->s.in.build;
	int i;

	select_input(m, ROW_RULES, NULL);
	for (i = 0; i < (int)ps_rules_count() + 1; i++) {
		model_key(m, PS_KEY_ENTER);
		assert_int_equal(ps_rules_supported(b->major, b->minor, b->platform), 0);
		assert_true(m->have_result);
	}
	/* the footer lists them */
	assert_non_null(strstr(model_pane(m, PANE_INPUTS)->footer, "2.7"));
	assert_non_null(strstr(model_pane(m, PANE_INPUTS)->footer, "3.12"));
	/* a version without rules is refused, with the list */
	select_input(m, ROW_RULES, NULL);
	model_key(m, 'e');
	model_key(m, PS_KEY_CTRL('u'));
	type(m, "3.99");
	model_key(m, PS_KEY_ENTER);
	assert_true(m->status_error);
	assert_non_null(strstr(m->status, "no posix rules for 3.99; there are: 2.7"));
	assert_true(m->have_result);
	/* a version without rules (from a scenario): the result says where to pick one */
	b->minor = 5;
	model_recompute(m);
	assert_false(m->have_result);
	assert_non_null(result_row(m, ROW_FATAL, "no rules for Python 3.5"));
	assert_non_null(result_row(m, ROW_NOTE, "the rules row"));
	select_input(m, ROW_RULES, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_true(m->have_result);
	assert_int_equal(b->minor, 6);
	/* the versions come in order, each once (the rules table has a row per platform family) */
	{
		struct ps_buf l;
		const char *foot = model_pane(m, PANE_INPUTS)->footer;
		ps_buf_init(&l);
		rules_footer_list(foot, &l);
		assert_non_null(strstr(l.s, " 3.9 3.10 3.11 3.12"));
		assert_null(strstr(strstr(l.s, " 3.12") + 1, " 3.12"));
		ps_buf_release(&l);
	}
	/* the scenario's tree has POSIX paths: never nt; switching says why when it cannot */
	b->major = 3;
	b->minor = 12;
	model_recompute(m);
	select_input(m, ROW_PLATFORM, NULL);
	for (i = 0; i < 4; i++) {
		model_key(m, PS_KEY_ENTER);
		assert_int_not_equal(b->platform, PS_PLATFORM_NT);
		assert_int_equal(ps_rules_supported(b->major, b->minor, b->platform), 0);
		assert_true(m->have_result);
		if (m->status_error)
			assert_non_null(strstr(m->status, "nothing to switch to"));
	}
	model_action(m, ACT_UP);
	model_action(m, ACT_DOWN);
	assert_true(strstr(model_pane(m, PANE_INPUTS)->footer, "Enter switches to") ||
		    strstr(model_pane(m, PANE_INPUTS)->footer, "nothing to switch to"));
}

/* A Windows tree: nt rules only; the platform row says why posix and darwin are not offered. */
static void test_platform_on_windows_tree(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	assert_int_equal(f->s.in.build.platform, PS_PLATFORM_NT);
	assert_true(m->have_result);
	select_input(m, ROW_PLATFORM, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(f->s.in.build.platform, PS_PLATFORM_NT);
	assert_true(m->status_error);
	assert_non_null(strstr(m->status, "nothing to switch to: this is a Windows"));
	assert_non_null(strstr(m->status, "(a scenario with platform: posix)"));
	/* the ._pth file getpath looks for on Windows: python._pth, not python.exe._pth */
	assert_string_equal(m->pth_path, "C:\\Out\\python._pth");
	/* the rules row cycles through nt versions only */
	select_input(m, ROW_RULES, NULL);
	for (int i = 0; i < 12; i++) {
		model_key(m, PS_KEY_ENTER);
		assert_int_equal(ps_rules_supported(f->s.in.build.major, f->s.in.build.minor, PS_PLATFORM_NT), 0);
	}
}

/* A message lasts until the next key; then the pane's key hints come back. */
static void test_status_clears(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	model_key(m, 'E');
	assert_string_equal(m->status, "-E on");
	model_key(m, 'j');
	assert_string_equal(m->status, "");
	model_key(m, 'Z');
	assert_true(m->status_error);
	model_key(m, 'j');
	assert_false(m->status_error);
}


/* -I implies -E, -s and (3.11+) -P: their rows say so; PYTHON* rows say "ignored" first. */
static void test_isolated_implies(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p = model_pane(m, PANE_INPUTS);

	model_key(m, 'I');
	assert_non_null(find_row(m, p, "[I] -E"));
	assert_non_null(find_row(m, p, "[x] -I"));
	assert_non_null(find_row(m, p, "[I] -s"));
	assert_non_null(find_row(m, p, "[ ] -S"));
	assert_non_null(find_row(m, p, "[I] -P"));
	assert_non_null(find_row(m, p, "ignored: /extra"));
	select_input(m, ROW_FLAG, "-E");
	model_action(m, ACT_DOWN);
	model_action(m, ACT_UP);
	assert_non_null(strstr(p->footer, "-I implies it"));
	select_input(m, ROW_ENV, "PYTHONPATH");
	model_action(m, ACT_DOWN);
	model_action(m, ACT_UP);
	assert_non_null(strstr(p->footer, "ignored: -I is on"));
	/* 3.10 has no -P: -I does not imply it there */
	f->s.in.build.minor = 10;
	model_recompute(m);
	assert_non_null(find_row(m, p, "[ ] -P"));
}

/* Hiding pyvenv.cfg and adding it back restores the file it was, not a new one. */
static void test_venv_restored(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	assert_true(m->venv_present);
	assert_string_equal(m->venv_home, "/usr/bin");
	assert_string_equal(m->venv_syssite, "true");
	select_input(m, ROW_VENV, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_false(m->venv_present);
	/* no venv: site-packages of the venv leaves sys.path */
	assert_null(result_row(m, ROW_ENTRY, "/home/me/proj/.venv/lib/python3.12/site-packages"));
	select_input(m, ROW_VENV, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_true(m->venv_present);
	assert_string_equal(m->venv_home, "/usr/bin");
	assert_string_equal(m->venv_syssite, "true");
	assert_non_null(strstr(m->status, "restored"));
	assert_non_null(result_row(m, ROW_ENTRY, "/home/me/proj/.venv/lib/python3.12/site-packages"));
}

/* The help starts with what the panes are, with the keys of the key table. */
static void test_help_intro(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;

	model_key(m, '?');
	assert_non_null(find_row(m, &m->help, "What this is"));
	assert_non_null(find_row(m, &m->help, "1 inputs"));
	assert_non_null(find_row(m, &m->help, "3 trace    every probe of the landmark search"));
	assert_non_null(find_row(m, &m->help, "w writes them"));
	for (size_t i = 0; i < m->help.nvis; i++)
		if (cols(m->help.rows[m->help.vis[i]].text) > 78)
			fail_msg("help line wider than 78: %s", m->help.rows[m->help.vis[i]].text);
}


/* In the trace, Enter goes to the step the selected one follows from; p says how to walk back. */
static void test_trace_cause_and_walk_back(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	long step, cause;

	model_key(m, '3');
	model_key(m, 'p');
	step = model_trace_step(m);
	/* in a venv site.py sets sys.prefix after getpath did: the status says p walks back */
	assert_non_null(strstr(m->status, "p again: step "));
	cause = m->res.trace[step].cause;
	assert_true(cause > 0);
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(model_trace_step(m), cause - 1);
	assert_non_null(strstr(m->status, "follows from"));
	/* the first step follows from nothing */
	model_key(m, 'g');
	model_key(m, PS_KEY_ENTER);
	assert_true(m->status_error);
	assert_int_equal(model_trace_step(m), 0);
}


/* The run row reads as typed; file rows say the key first and that nothing is written. */
static void test_run_and_file_rows(void **state)
{
	struct fixture *f = *state;
	struct ps_model *m = &f->m;
	struct ps_pane *p = model_pane(m, PANE_INPUTS);

	assert_non_null(find_row(m, p, "run              -c pass"));
	select_input(m, ROW_RUN, NULL);
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(f->s.in.run.kind, PS_RUN_SCRIPT);
	assert_non_null(find_row(m, p, "run              main.py"));
	model_key(m, PS_KEY_ENTER);
	assert_non_null(find_row(m, p, "run              -m main"));
	model_key(m, PS_KEY_ENTER);
	assert_non_null(find_row(m, p, "run              (interactive)"));
	model_key(m, PS_KEY_ENTER);
	assert_non_null(find_row(m, p, "run              -c pass"));
	select_input(m, ROW_PTH, NULL);
	model_action(m, ACT_DOWN);
	model_action(m, ACT_UP);
	assert_true(strncmp(p->footer, "Enter adds /usr/bin/python3.12._pth", 35) == 0);
	assert_non_null(strstr(p->footer, "in the scenario's tree in memory"));
}

/* Word wrapping: at spaces, continuation lines indented, a long word cut. */
static void test_wrap(void **state)
{
	struct ps_strv l;
	(void)state;

	ps_strv_init(&l);
	text_wrap("cause: PYTHONHOME is set to /nowhere, which does not exist", 20, 7, &l);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0], "cause: PYTHONHOME is");
	assert_string_equal(l.v[1], "       set to");
	assert_string_equal(l.v[2], "       /nowhere,");
	assert_string_equal(l.v[3], "       which does");
	assert_string_equal(l.v[4], "       not exist");
	ps_strv_clear(&l);
	text_wrap("/a/very/long/path/without/spaces", 10, 0, &l);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0], "/a/very/lo");
	assert_string_equal(l.v[3], "es");
	ps_strv_clear(&l);
	text_wrap("", 10, 0, &l);
	assert_int_equal(l.n, 1);
	ps_strv_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_toggle_E_changes_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_pythonhome_fatal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fatal_banner_mark_many_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prompt_cancel_and_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_stepping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_jumps_to_its_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_and_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_and_mouse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_venv_and_pth_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_and_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sys_path_fits_80x24, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_inputs_fit_80, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_cwd_entry, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_fatal_banner_wrapped, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_trace_focus_layout, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_rules_and_platform_choices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_clears, setup, teardown),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test_setup_teardown(test_run_and_file_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_platform_on_windows_tree, setup_nt, teardown),
		cmocka_unit_test_setup_teardown(test_trace_cause_and_walk_back, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_isolated_implies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_venv_restored, setup_venv, teardown),
		cmocka_unit_test_setup_teardown(test_help_intro, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
