/*
 * model.c - see model.h: the model's lifecycle, re-resolution, rebuilding
 * the panes, focus, and the dispatch of keys, actions and mouse events.
 * What each pane holds and does lives in the model_*.c files (their map
 * is in model-int.h).  No curses here: unit tests and the script mode
 * link the model.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match.h"
#include "model-int.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ------------------------------------------------------------------ */
/* status                                                              */
/* ------------------------------------------------------------------ */

void model_status(struct ps_model *m, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->status, sizeof(m->status), fmt, ap);
	va_end(ap);
	m->status_error = error;
}

void model_status_err(struct ps_model *m, const struct ps_error *err)
{
	char buf[1024];
	ps_error_format(err, buf, sizeof(buf));
	model_status(m, true, "%s", buf);
}

/* ------------------------------------------------------------------ */
/* rebuilding the panes                                                */
/* ------------------------------------------------------------------ */

void model_update_footer(struct ps_model *m, enum ps_pane_id id)
{
	struct ps_pane *p = &m->pane[id];
	struct ps_row *r = pane_cur_row(p);

	if (!r)
		pane_set_footer(p, NULL);
	else if (id == PANE_INPUTS)
		pane_set_footer(p, inputs_footer(m, r));
	else if (id == PANE_TRACE)
		pane_set_footer(p, trace_footer(m, r));
	else
		pane_set_footer(p, result_footer(m, r));
}

void model_rebuild(struct ps_model *m)
{
	int i;

	inputs_build(m);
	trace_build(m);
	/* the result pane replays the trace cursor, so the trace is filtered first */
	pane_refilter(m, &m->pane[PANE_TRACE], m->filter_on);
	result_build(m);
	pane_refilter(m, &m->pane[PANE_INPUTS], m->filter_on);
	pane_refilter(m, &m->pane[PANE_RESULT], m->filter_on);
	for (i = 0; i < PANE_COUNT; i++) {
		pane_settle(&m->pane[i]);
		model_update_footer(m, (enum ps_pane_id)i);
	}
	trace_show_replay_row(m);
	layout_update(m);
}

void model_rebuild_result(struct ps_model *m)
{
	result_refresh(m);
	model_update_footer(m, PANE_TRACE);
	layout_update(m);
	trace_show_replay_row(m);
}

/* ------------------------------------------------------------------ */
/* resolution and lifecycle                                            */
/* ------------------------------------------------------------------ */

void model_recompute(struct ps_model *m)
{
	struct ps_error err;
	double t0 = now_ms();
	struct ps_strv tmp;

	ps_error_init(&err);
	free(m->compute_error);
	m->compute_error = NULL;
	if (session_compute(m->s, &m->res, &err) < 0) {
		char buf[1024];
		ps_result_release(&m->res);
		ps_result_init(&m->res);
		m->have_result = false;
		m->compute_error = xstrdup(ps_error_format(&err, buf, sizeof(buf)));
		model_status(m, true, "%s", buf);
	} else {
		m->have_result = true;
	}
	m->compute_ms = now_ms() - t0;
	m->resolves++;
	files_refresh(m);
	/* prev <- cur, cur <- now */
	tmp = m->snap_prev;
	m->snap_prev = m->snap_cur;
	m->snap_cur = tmp;
	diff_snapshot(m, &m->snap_cur);
	m->has_prev = m->resolves > 1;
	model_rebuild(m);
	if (m->view == VIEW_DIFF)
		diff_build(m);
	m->resolve_ms = now_ms() - t0;
}

void model_start(struct ps_model *m)
{
	const struct ps_inputs *in = &m->s->in;
	int k;

	m->real_mode = m->s->scenario == NULL;
	ps_inputs_release(&m->start_in);
	ps_inputs_init(&m->start_in);
	if (ps_inputs_copy(&m->start_in, in) < 0)
		die_oom();
	for (k = 0; k < 4; k++) {
		free(m->run_args[k]);
		m->run_args[k] = NULL;
	}
	m->run_args[PS_RUN_COMMAND] = xstrdup("pass");
	m->run_args[PS_RUN_SCRIPT] = xstrdup("main.py");
	m->run_args[PS_RUN_MODULE] = xstrdup("main");
	if (in->run.kind != PS_RUN_INTERACTIVE && in->run.arg) {
		free(m->run_args[in->run.kind]);
		m->run_args[in->run.kind] = xstrdup(in->run.arg);
	}
	m->resolves = 0;
	m->has_prev = false;
	ps_strv_clear(&m->snap_prev);
	ps_strv_clear(&m->snap_cur);
	model_recompute(m);
	ps_strv_copy(&m->snap_start, &m->snap_cur);
}

int model_init(struct ps_model *m, struct ps_session *s, const struct ps_cli *cli, bool utf8)
{
	int i;

	memset(m, 0, sizeof(*m));
	m->s = s;
	m->cli = cli;
	m->utf8 = utf8;
	ps_result_init(&m->res);
	ps_inputs_init(&m->start_in);
	ps_strv_init(&m->snap_start);
	ps_strv_init(&m->snap_prev);
	ps_strv_init(&m->snap_cur);
	ps_strv_init(&m->env_names);
	ps_strv_init(&m->pth_lines);
	ps_buf_init(&m->prompt_buf);
	m->match = match_new();
	m->last_click_pane = m->last_click_row = -1;
	for (i = 0; i < PANE_COUNT; i++)
		m->pane[i].shown = true;
	m->focus = PANE_INPUTS;
	model_start(m);
	if (!m->status_error)
		model_status(m, false, "Enter: toggle/edit  Tab: pane  3: trace  ?: help  q: quit");
	return 0;
}

void model_release(struct ps_model *m)
{
	size_t i;

	for (i = 0; i < PANE_COUNT; i++)
		pane_release(&m->pane[i]);
	pane_release(&m->help);
	pane_release(&m->diff);
	ps_result_release(&m->res);
	ps_inputs_release(&m->start_in);
	ps_strv_release(&m->snap_start);
	ps_strv_release(&m->snap_prev);
	ps_strv_release(&m->snap_cur);
	ps_strv_release(&m->env_names);
	ps_strv_release(&m->pth_lines);
	ps_buf_release(&m->prompt_buf);
	match_free(m->match);
	free(m->compute_error);
	free(m->venv_cfg);
	free(m->pth_path);
	free(m->venv_home);
	free(m->venv_syssite);
	free(m->pending_path);
	files_forget(m);
	free(m->edits);
	for (i = 0; i < 4; i++)
		free(m->run_args[i]);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------------ */
/* focus and cursor                                                    */
/* ------------------------------------------------------------------ */

struct ps_pane *model_focused(struct ps_model *m)
{
	if (m->view == VIEW_HELP)
		return &m->help;
	if (m->view == VIEW_DIFF)
		return &m->diff;
	return &m->pane[m->focus];
}

void model_after_cursor_move(struct ps_model *m)
{
	if (m->view != VIEW_PANES)
		return;
	if (m->focus == PANE_TRACE) {
		model_rebuild_result(m);
	} else {
		model_update_footer(m, m->focus);
		layout_update(m);   /* the footer takes the lines its text needs */
	}
}

/* A new focus: the result pane replays the trace, or stops replaying it. */
static void set_focus(struct ps_model *m, enum ps_pane_id id)
{
	bool replay_change = (m->focus == PANE_TRACE) != (id == PANE_TRACE);
	m->focus = id;
	if (replay_change)
		model_rebuild_result(m);
	else
		layout_update(m);
}

/* ------------------------------------------------------------------ */
/* actions, keys, mouse                                                */
/* ------------------------------------------------------------------ */

/* Up, down, page up and down, home and end: a cursor in the panes, scrolling in the text views. */
static void move_action(struct ps_model *m, struct ps_pane *p, enum ps_action act)
{
	bool text_view = m->view != VIEW_PANES;
	long page = p->h > 1 ? p->h - 1 : 1;
	struct ps_row *r = pane_cur_row(p);

	switch (act) {
	case ACT_HOME:
	case ACT_STEP_FIRST:
		if (text_view)
			pane_scroll(p, -(long)p->nvis);
		else {
			p->cur = 0;
			pane_settle(p);
		}
		break;
	case ACT_END:
	case ACT_STEP_LAST:
		if (text_view)
			pane_scroll(p, (long)p->nvis);
		else {
			p->cur = p->nvis ? p->nvis - 1 : 0;
			pane_move(p, 0);
			if (r && !pane_cur_row(p)->selectable)
				pane_move(p, -1);
		}
		break;
	default: {
		long d = act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PGUP ? -page : page;
		if (text_view)
			pane_scroll(p, d);
		else
			pane_move(p, d);
		break;
	}
	}
	model_after_cursor_move(m);
}

/* ? and D: open the view, or close it when it is the one shown. */
static void toggle_view(struct ps_model *m, enum ps_view view)
{
	if (m->view == view) {
		m->view = VIEW_PANES;
		return;
	}
	if (view == VIEW_HELP)
		help_build(m);
	else
		diff_build(m);
	m->view = view;
}

int model_action(struct ps_model *m, enum ps_action act)
{
	struct ps_pane *p = model_focused(m);
	struct ps_row *r = pane_cur_row(p);

	switch (act) {
	case ACT_NONE:
	case ACT_COUNT:
		return 0;
	case ACT_QUIT:
		return PS_R_HANDLED | PS_R_QUIT;
	case ACT_REDRAW:
		return PS_R_HANDLED | PS_R_REDRAW | PS_R_RESIZE;
	case ACT_HELP:
		toggle_view(m, VIEW_HELP);
		break;
	case ACT_DIFF:
		toggle_view(m, VIEW_DIFF);
		break;
	case ACT_NEXT_PANE:
		set_focus(m, (enum ps_pane_id)((m->focus + 1) % PANE_COUNT));
		break;
	case ACT_PREV_PANE:
		set_focus(m, (enum ps_pane_id)((m->focus + PANE_COUNT - 1) % PANE_COUNT));
		break;
	case ACT_PANE_INPUTS:
	case ACT_PANE_RESULT:
	case ACT_PANE_TRACE:
		set_focus(m, (enum ps_pane_id)(PANE_INPUTS + (act - ACT_PANE_INPUTS)));
		break;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_STEP_FIRST:
	case ACT_END:
	case ACT_STEP_LAST:
		move_action(m, p, act);
		break;
	case ACT_ACTIVATE:
	case ACT_EDIT:
		if (m->focus == PANE_INPUTS && r)
			inputs_activate(m, r, act == ACT_EDIT);
		else if (m->focus == PANE_RESULT)
			trace_jump_from_result(m);
		break;
	case ACT_UNSET:
		if (m->focus == PANE_INPUTS && r)
			inputs_unset(m, r);
		break;
	case ACT_TOGGLE_E:
	case ACT_TOGGLE_I:
	case ACT_TOGGLE_s:
	case ACT_TOGGLE_S:
	case ACT_TOGGLE_P:
		inputs_toggle_flag(m, (int)(act - ACT_TOGGLE_E));
		break;
	case ACT_SEARCH:
		prompt_open(m, PROMPT_SEARCH, ROW_TEXT, 0, "/", match_pattern(m->match));
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		search_find(m, act == ACT_NEXT_MATCH ? 1 : -1, false);
		break;
	case ACT_FILTER:
		search_toggle_filter(m);
		break;
	case ACT_JUMP_PREFIX:
	case ACT_JUMP_EXEC_PREFIX:
		trace_jump_var(m, act);
		break;
	case ACT_JUMP_ENTRY:
		trace_jump_from_result(m);
		break;
	case ACT_JUMP_CAUSE:
		trace_jump_cause(m);
		break;
	case ACT_ZOOM:
		m->zoom = !m->zoom;
		layout_update(m);
		break;
	case ACT_WRITE:
		prompt_open(m, PROMPT_WRITE, ROW_TEXT, 0, "write scenario to: ", "pathscope-scenario.yaml");
		break;
	case ACT_OPEN:
		prompt_open(m, PROMPT_OPEN, ROW_TEXT, 0, "open scenario: ", "");
		break;
	case ACT_RESET:
		inputs_reset(m);
		break;
	}
	return PS_R_HANDLED | PS_R_REDRAW;
}

/* The key table's context for where the keys go now (one PS_CTX_* bit). */
static unsigned context_of(const struct ps_model *m)
{
	if (m->view == VIEW_HELP)
		return PS_CTX_HELP;
	if (m->view == VIEW_DIFF)
		return PS_CTX_DIFF;
	return 1u << m->focus;
}

int model_key(struct ps_model *m, int key)
{
	enum ps_action act;
	char name[16];

	if (m->prompt)
		return prompt_key(m, key);
	if (key == PS_KEY_RESIZE)
		return PS_R_HANDLED | PS_R_RESIZE | PS_R_REDRAW;
	/* a message lasts until the next key; then the pane's key hints show again */
	m->status[0] = '\0';
	m->status_error = false;
	act = keymap_lookup(key, context_of(m));
	if (act == ACT_NONE) {
		model_status(m, true, "key %s does nothing here (? for help)",
			     keymap_key_name(key, name, sizeof(name)));
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	return model_action(m, act);
}

/* A click on a row of pane i (shown, under the cell): select it, or act on it when selected. */
static int click_row(struct ps_model *m, int i, int y)
{
	struct ps_pane *p = &m->pane[i];
	size_t row;

	if (m->focus != (enum ps_pane_id)i) {
		int oy = p->y, ox = p->x;
		size_t otop = p->top;
		set_focus(m, (enum ps_pane_id)i);
		m->last_click_pane = -1;
		/* the pane moved or grew with the focus: the cell no longer shows that row */
		if (!p->shown || p->y != oy || p->x != ox || p->top != otop)
			return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (y < p->y || y >= p->y + p->h)
		return PS_R_HANDLED | PS_R_REDRAW;
	row = p->top + (size_t)(y - p->y);
	if (row >= p->nvis || !p->rows[p->vis[row]].selectable)
		return PS_R_HANDLED | PS_R_REDRAW;
	if (m->last_click_pane == i && m->last_click_row == (long)row && p->cur == row) {
		m->last_click_pane = -1;
		return model_key(m, PS_KEY_ENTER);
	}
	p->cur = row;
	m->last_click_pane = i;
	m->last_click_row = (long)row;
	pane_scroll_to_cursor(p);
	model_after_cursor_move(m);
	return PS_R_HANDLED | PS_R_REDRAW;
}

int model_mouse(struct ps_model *m, int x, int y, int button)
{
	int i;

	if (m->too_small || m->prompt)
		return 0;
	if (m->view != VIEW_PANES) {
		if (button == 4 || button == 5)
			return model_action(m, button == 4 ? ACT_UP : ACT_DOWN);
		return 0;
	}
	for (i = 0; i < PANE_COUNT; i++) {
		struct ps_pane *p = &m->pane[i];
		if (!p->shown || x < p->bx || x >= p->bx + p->bw || y < p->by || y >= p->by + p->bh)
			continue;
		if (button == 4 || button == 5) {
			if (m->focus != (enum ps_pane_id)i)
				set_focus(m, (enum ps_pane_id)i);
			pane_move(p, button == 4 ? -3 : 3);
			model_after_cursor_move(m);
			return PS_R_HANDLED | PS_R_REDRAW;
		}
		if (button != 1)
			return 0;
		return click_row(m, i, y);
	}
	return 0;
}
