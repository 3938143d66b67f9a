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

struct fixture {
	char path[64];
	struct ps_cli cli;
	struct ps_session s;
	struct ps_model m;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ps_error err;
	FILE *fp;
	int fd;

	snprintf(f->path, sizeof(f->path), "/tmp/test_model_XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(scenario, fp);
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

static int teardown(void **state)
{
	struct fixture *f = *state;
	model_release(&f->m);
	session_close(&f->s);
	unlink(f->path);
	free(f);
	return 0;
}

/* The row of pane p whose text contains s (among the rows shown), or NULL. */
static const struct ps_row *find_row(struct ps_model *m, struct ps_pane *p, const char *s)
{
	size_t i;
	(void)m;
	for (i = 0; i < p->nvis; i++)
		if (strstr(p->rows[p->vis[i]].text, s))
			return &p->rows[p->vis[i]];
	return NULL;
}

static const struct ps_row *result_row(struct ps_model *m, enum ps_row_kind kind, const char *s)
{
	struct ps_pane *p = model_pane(m, PANE_RESULT);
	size_t i;
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		if (r->kind == kind && strstr(r->text, s))
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
	assert_non_null(find_row(m, model_pane(m, PANE_INPUTS), "/extra (ignored)"));
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

	select_input(m, ROW_ENV, "PYTHONHOME");
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(m->prompt, PROMPT_EDIT);
	type(m, "/nowhere");
	model_key(m, PS_KEY_ENTER);
	assert_int_equal(m->prompt, PROMPT_NONE);
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
	model_layout(m, 80, 24);
	assert_false(m->too_small);
	/* click on the trace's third visible row: focus and selection */
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
	assert_non_null(strstr(r->text, "[edited]"));
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
	model_dump(&f->m, &b);
	assert_non_null(strstr(b.s, "== inputs: inputs [focus]"));
	assert_non_null(strstr(b.s, "== result: result"));
	assert_non_null(strstr(b.s, "== trace: trace ("));
	assert_non_null(strstr(b.s, "/extra"));
	/* no times: dumps are deterministic */
	assert_null(strstr(b.s, " ms"));
	ps_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_toggle_E_changes_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_pythonhome_fatal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prompt_cancel_and_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_stepping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_jumps_to_its_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_and_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_and_mouse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_venv_and_pth_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_and_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
