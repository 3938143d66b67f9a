/*
 * model-int.h - what the explorer model's files share; private to
 * tui/model*.c (the view and the tests use model.h only).
 *
 * struct ps_model (model.h) is one state; its code is split by job, and
 * every function shared between the files is named after its file:
 *
 *   model.c           model_*: lifecycle, re-resolution, rebuilding the
 *                     panes, focus, and the dispatch of keys, actions and
 *                     mouse events
 *   model_pane.c      pane_*: a pane's rows, the rows shown, the cursor
 *   model_layout.c    layout_*: where the panes go for a size and a focus
 *   model_inputs.c    inputs_*: the inputs pane: flags, environment, run
 *                     mode, argv0, cwd, file and model rows; their
 *                     footers, toggles and edits
 *   model_files.c     files_*: the files the explorer edits (pyvenv.cfg,
 *                     the ._pth file): which, what they say, and the
 *                     virtual edits (overlay or scenario tree, never disk)
 *   model_rules.c     rules_*: the versions and platforms with rules
 *   model_result.c    result_*: the result pane: values, sys.path rows
 *                     with badges and marks, the fatal banner, footers
 *   model_diff.c      diff_*: result snapshots, and the diff view against
 *                     the start
 *   model_trace.c     trace_*: the trace pane, the replay "as of" a step,
 *                     and the jumps (p, x, Enter) between rows and steps
 *   model_search.c    search_*: find, next/previous match, filter
 *   model_prompt.c    prompt_*: the prompt line and what it submits
 *   model_scenario.c  scenario_*: w and o (writing, opening a scenario)
 *   model_help.c      help_*: the help view
 *   model_dump.c      the title and the text dump (model_title, model_dump)
 *
 * Nothing here calls curses.  Every function that returns a pointer says
 * who owns it; "yours" means free() it.  A row returned by pane_add*() is
 * borrowed from its pane and valid until the next row is added to it (the
 * rows are one array that grows).
 */
#ifndef PS_TUI_MODEL_INT_H
#define PS_TUI_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "model.h"
#include "text.h"
#include "util.h"

#define LABEL_W 17      /* label column of the inputs and result panes */
#define BADGE_W 11      /* origin badge column of sys.path rows */
#define DIFF_SEP '\x1f' /* key/value separator inside snapshots */

/* Whether two strings, either of which may be NULL, are equal. */
static inline bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* A path as Python shows it: '' for the empty string (borrowed). */
static inline const char *show_path(const char *p)
{
	return (p && *p) ? p : "''";
}

/* Marks drawn in rows: Unicode when the terminal has it, ASCII otherwise (static). */
static inline const char *glyph_ok(const struct ps_model *m)
{
	return m->utf8 ? "\xe2\x9c\x93" : "+";
}

static inline const char *glyph_missing(const struct ps_model *m)
{
	return m->utf8 ? "\xe2\x9c\x97" : "x";
}

static inline const char *glyph_arrow(const struct ps_model *m)
{
	return m->utf8 ? "\xe2\x86\x92" : "->";
}

/* ---- model.c ---- */

/* The status line gets err, formatted, in the error colour. */
void model_status_err(struct ps_model *m, const struct ps_error *err);
/*
 * (Re)starts over the session's inputs: they become the starting state
 * (reset, diff), the remembered run arguments are set, and the model runs.
 */
void model_start(struct ps_model *m);
/* Rebuilds rows, filters and footers of every pane, then the layout. */
void model_rebuild(struct ps_model *m);
/* After the trace cursor moved or the focus changed: the result pane and the layout. */
void model_rebuild_result(struct ps_model *m);
/* The footer of pane id: the explanation of the row under its cursor. */
void model_update_footer(struct ps_model *m, enum ps_pane_id id);
/* The pane keys act on: the help or diff view when shown, else the focused pane (borrowed). */
struct ps_pane *model_focused(struct ps_model *m);
/* What follows a cursor move: the footer, the layout, the replayed state. */
void model_after_cursor_move(struct ps_model *m);

/* ---- model_pane.c ---- */

void pane_clear_rows(struct ps_pane *p);
void pane_release(struct ps_pane *p);
/* Appends a row (text printf-style); selectable unless ROW_TEXT or ROW_GHOST. Returns it (borrowed). */
struct ps_row *pane_add(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role,
			const char *fmt, ...) PS_PRINTF(5, 6);
/* A row whose text is made when first needed (model_row_text): trace and .pth rows. Borrowed. */
struct ps_row *pane_add_lazy(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role);
/* A "label  value" row: the label padded to LABEL_W columns (labels are ASCII). Borrowed. */
struct ps_row *pane_add_kv(struct ps_pane *p, enum ps_row_kind kind, long arg, const char *label,
			   const char *value, enum ps_role role);
/* Rows of text wrapped to width (0: one row); returns the first (borrowed). */
struct ps_row *pane_add_wrapped(struct ps_pane *p, enum ps_row_kind kind, long arg, enum ps_role role,
				const char *text, int width, int indent);
/* Replaces the footer; takes text (yours before, the pane's after; may be NULL). */
void pane_set_footer(struct ps_pane *p, char *text);
/* Rebuilds the list of rows shown (all, or those matching the search) and clamps the cursor. */
void pane_refilter(struct ps_model *m, struct ps_pane *p, bool filter);
/* The row under the cursor (borrowed), NULL when no row is shown. */
struct ps_row *pane_cur_row(struct ps_pane *p);
void pane_scroll_to_cursor(struct ps_pane *p);
/* Moves the cursor by delta rows over selectable ones; stays when there are none that way. */
void pane_move(struct ps_pane *p, long delta);
/* Puts the cursor on the first selectable row at or after it (else before). */
void pane_settle(struct ps_pane *p);
/* Text views (help, diff) scroll instead of moving a cursor. */
void pane_scroll(struct ps_pane *p, long delta);

/* ---- model_layout.c ---- */

/* Places the panes for the current size, focus and rows (after every rebuild and focus change). */
void layout_update(struct ps_model *m);
/* Columns the text of a result row gets (after the mark column): what the banner wraps to. */
int layout_result_width(const struct ps_model *m);

/* ---- model_inputs.c ---- */

extern const char *const inputs_flag_names[5];   /* "-E" "-I" "-s" "-S" "-P" */
/* Whether flag k (0..4, as inputs_flag_names) is set. */
bool inputs_flag_get(const struct ps_cli_flags *f, int k);
/* The run mode as typed after "python" ("-c pass", "-m main", "main.py"), appended to b. */
void inputs_run_text(const struct ps_run *run, struct ps_buf *b);
void inputs_build(struct ps_model *m);
/* The footer of an inputs row (yours). */
char *inputs_footer(struct ps_model *m, const struct ps_row *r);
/* Enter (edit_only: e) on an inputs row: toggle, cycle, or open the edit prompt. */
void inputs_activate(struct ps_model *m, struct ps_row *r, bool edit_only);
/* d on an inputs row: unset the variable, remove the file or the line. */
void inputs_unset(struct ps_model *m, struct ps_row *r);
/* Applies the text typed at the edit prompt to the row it was opened for. */
void inputs_submit(struct ps_model *m, const char *text);
void inputs_toggle_flag(struct ps_model *m, int k);
/* R: the starting inputs and files again. */
void inputs_reset(struct ps_model *m);

/* ---- model_files.c ---- */

/* Looks at the files again after a resolution: which pyvenv.cfg and ._pth, and what they say. */
void files_refresh(struct ps_model *m);
/* Whether the explorer changed (or pinned) the file at path. */
bool files_edited(const struct ps_model *m, const char *path);
/* label, plus " [ov]" when path is a virtual overlay over the real tree (yours). */
char *files_label(struct ps_model *m, const char *label, const char *path);
/* A file row's footer: the key first, then where, then how (yours). */
char *files_footer(struct ps_model *m, const char *path, bool present);
/* Enter on the pyvenv.cfg / ._pth row: remove it, restore it, or create it (then re-resolve). */
void files_toggle_venv(struct ps_model *m);
void files_toggle_pth(struct ps_model *m);
/* Makes path (a copy) the file in *slot (m->venv_cfg or m->pth_path), chosen by the user. */
void files_pin(struct ps_model *m, char **slot, const char *path);
/* Writes / hides a file in the virtual layer (never on disk); 0, or -1 with the status set. */
int files_put(struct ps_model *m, const char *path, const char *content);
int files_remove(struct ps_model *m, const char *path);
/* Sets (value != NULL) or removes a "key = value" line of pyvenv.cfg. */
int files_venv_set(struct ps_model *m, const char *key, const char *value);
/* The ._pth file's line idx becomes text (idx < 0 or past the end: appended). */
void files_pth_set_line(struct ps_model *m, long idx, const char *text);
/* Deletes line idx of the ._pth file; false when there is no such line. */
bool files_pth_delete_line(struct ps_model *m, long idx);
/* Puts every edited file back as it was, and forgets the edits. */
void files_revert_all(struct ps_model *m);
/* Forgets the edits without touching the files (their tree is gone). */
void files_forget(struct ps_model *m);

/* ---- model_rules.c ---- */

/* The versions with rules for platform, as " 2.7 3.6 ..." appended to b. */
void rules_list(struct ps_buf *b, enum ps_platform platform);
/* What the platform row can switch to, and why not when it cannot (appended to b). */
void rules_platform_choices(const struct ps_model *m, struct ps_buf *b);
/* Enter on the rules row: the next version with rules for the platform. */
void rules_cycle_version(struct ps_model *m);
/* Enter on the platform row: the next platform with rules that fits the tree. */
void rules_cycle_platform(struct ps_model *m);
/* A version typed at the rules prompt: 0 when set, -1 (status says why) when refused. */
int rules_set_version(struct ps_model *m, const char *text);

/* ---- model_result.c ---- */

extern const char *const result_value_names[6];  /* "executable" ... "base_exec_prefix" */
/* Value i (as result_value_names) of the result: sys's when site ran, else getpath's (borrowed). */
const char *result_value(const struct ps_result *r, int i);
/* sys.path when site ran, else getpath's module_search_paths; *n gets the count (borrowed). */
const struct ps_entry *result_entries(const struct ps_result *r, size_t *n);
/* A sys.path row: badge, exists mark, path (the cwd spelled out for ''). */
void result_add_entry_row(struct ps_model *m, struct ps_pane *p, const struct ps_entry *e, long idx,
			  char mark);
/* A .pth line of the result as a row's text: "action  file:line text" (yours). */
char *result_pth_text(const struct ps_model *m, size_t i);
/* The result pane's rows: the final state, or the replay while the trace has the focus. */
void result_build(struct ps_model *m);
/* The result pane's rows, filter, cursor and footer (no layout). */
void result_refresh(struct ps_model *m);
/* The footer of a result row (yours). */
char *result_footer(struct ps_model *m, const struct ps_row *r);

/* ---- model_diff.c ---- */

/* The result as "key DIFF_SEP value" lines: what "what changed" and the diff view compare. */
void diff_snapshot(struct ps_model *m, struct ps_strv *out);
/* The value of key in a snapshot (borrowed), or NULL. */
const char *diff_get(const struct ps_strv *snap, const char *key);
/* The diff view: inputs and result against the start. */
void diff_build(struct ps_model *m);

/* ---- model_trace.c ---- */

void trace_build(struct ps_model *m);
/*
 * The result "as of" step cur, into p: the values set up to there and the
 * entries added so far; m->replay_row gets the row the step changed.
 */
void trace_build_replay(struct ps_model *m, struct ps_pane *p, long cur);
/* A step as a row's text (yours). */
char *trace_step_text(const struct ps_model *m, size_t i);
/* The footer of a trace row (yours). */
char *trace_footer(struct ps_model *m, const struct ps_row *r);
/* Keeps the row the current step changed on screen in the replay. */
void trace_show_replay_row(struct ps_model *m);
/* Enter / t on a result row: the trace step that decided it. */
void trace_jump_from_result(struct ps_model *m);
/* p / x (act says which): the step that decided prefix / exec_prefix, walking back on repeats. */
void trace_jump_var(struct ps_model *m, enum ps_action act);
/* Enter / c in the trace: the step the selected one follows from. */
void trace_jump_cause(struct ps_model *m);

/* ---- model_search.c ---- */

/* Moves to the next (dir 1) or previous (-1) matching row, from the cursor (exclusive unless from_here). */
void search_find(struct ps_model *m, int dir, bool from_here);
/* The pattern typed at the / prompt: compiled, applied, and the first match found. */
void search_submit(struct ps_model *m, const char *text);
/* f: only the matching rows, or all rows again. */
void search_toggle_filter(struct ps_model *m);

/* ---- model_prompt.c ---- */

/* Opens the prompt line: row and arg say what an edit applies to; initial may be NULL. */
void prompt_open(struct ps_model *m, enum ps_prompt kind, enum ps_row_kind row, long arg,
		 const char *label, const char *initial);
/* A key while the prompt is open (model_key gives it every key then). Returns PS_R_* bits. */
int prompt_key(struct ps_model *m, int key);

/* ---- model_scenario.c ---- */

/* Writes the current inputs and edited files as a scenario at path; 0, or -1 with the status set. */
int scenario_write(struct ps_model *m, const char *path);
/* Replaces what the session models by the scenario at path; keeps everything on failure. */
void scenario_open(struct ps_model *m, const char *path);

/* ---- model_help.c ---- */

void help_build(struct ps_model *m);

#endif /* PS_TUI_MODEL_INT_H */
