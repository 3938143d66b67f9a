/*
 * model.h - the explorer's whole state and every action on it, with no
 * curses (style §6).  The view (draw*.c) only paints what is here; the
 * headless script mode (script.c) and the unit tests drive it directly.
 *
 * Three panes, each a list of rows with a cursor:
 *   inputs  every input as a row to toggle or edit (flags, PYTHON*
 *           variables, run mode, argv0, cwd, the venv's pyvenv.cfg, the
 *           ._pth file, rules version and platform);
 *   result  executable ... base_exec_prefix, sys.path with origin badges
 *           and existence marks, warnings, the fatal banner;
 *   trace   the decision trail, one row per step.  While the trace pane
 *           has the focus the result pane replays the state "as of" the
 *           selected step (values set by ps_step.var/value so far and the
 *           entries added so far).
 *
 * Layout (model_layout) follows the focus, because sys.path is what people
 * come for and 80x24 is small: with the inputs or the result focused the
 * result takes the height it needs and the trace shrinks, down to a
 * one-line summary; with the trace focused it grows, and on a narrow
 * screen the inputs step aside so steps and the replayed state get the
 * full width.  Only the focused pane has a footer (the explanation of the
 * row under the cursor).
 *
 * Every edit re-runs the model at once (model_recompute) and marks what
 * changed since the previous state ('+' added, '~' changed, '-' removed,
 * kept until the next change); the diff view compares with the state the
 * explorer started from.  File edits (pyvenv.cfg, ._pth) never touch the
 * disk: in real-filesystem mode they go to the session's overlay, in
 * scenario mode to the scenario's virtual tree, and the rows say so.
 *
 * Handlers return a bitmask of PS_R_* (htop's contract); the main loop
 * redraws on PS_R_REDRAW and leaves on PS_R_QUIT.
 *
 * The model is model.c plus one model_*.c file per job (inputs, files,
 * rules, result, diff, trace, search, prompt ...); model-int.h maps them
 * and declares what they share.  Only this header is for the view, the
 * script mode and the tests.
 *
 * Ownership: struct ps_model owns everything it points to except the
 * session (s) and the command line (cli), which must outlive it.
 */
#ifndef PS_TUI_MODEL_H
#define PS_TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "cli.h"
#include "session.h"
#include "keymap.h"
#include "theme.h"

struct ps_match;

enum { PS_R_HANDLED = 1, PS_R_REDRAW = 2, PS_R_RESIZE = 4, PS_R_QUIT = 8 };

enum ps_pane_id { PANE_INPUTS = 0, PANE_RESULT, PANE_TRACE, PANE_COUNT };
enum ps_view { VIEW_PANES = 0, VIEW_HELP, VIEW_DIFF };

/* The smallest screen the panes are drawn on; below it a notice is shown. */
#define PS_MIN_COLS 40
#define PS_MIN_LINES 10

enum ps_row_kind {
	ROW_TEXT = 0,        /* headings, notes: not selectable */
	ROW_FLAG,            /* arg: 0..4 = -E -I -s -S -P */
	ROW_ENV,             /* arg: index into model->env_names */
	ROW_RUN, ROW_RUN_ARG, ROW_ARGV0, ROW_CWD,
	ROW_VENV, ROW_VENV_HOME, ROW_VENV_SYSSITE,
	ROW_PTH, ROW_PTH_LINE, ROW_PTH_ADD,   /* ROW_PTH_LINE arg: line index */
	ROW_RULES, ROW_PLATFORM,
	ROW_VALUE,           /* result scalar; arg: index of the value */
	ROW_ENTRY,           /* sys.path entry; arg: index into the entries shown */
	ROW_GHOST,           /* an entry or value removed by the last change */
	ROW_WARNING, ROW_FATAL, ROW_PTHFILE, ROW_NOTE,
	ROW_STEP,            /* trace step; arg: step index */
	ROW_HELP,            /* help or diff text */
};

struct ps_row {
	char *text;              /* UTF-8, owned; NULL until model_row_text() makes it (trace rows) */
	enum ps_row_kind kind;
	long arg;
	long step;               /* trace step that explains the row, -1 none */
	enum ps_role role;       /* of the text after the label */
	size_t label_len;        /* the first label_len bytes are a label / badge */
	enum ps_role label_role;
	char mark;               /* ' ', '+' added, '~' changed, '-' removed, '*' edited input */
	bool selectable;
	/*
	 * When the text does not fit: 0 cuts it at the end; otherwise the
	 * byte offset of a value (a path) that loses its middle instead, so
	 * both the start (which prefix) and the end (site-packages or
	 * lib-dynload) stay readable.
	 */
	size_t elide_from;
};

struct ps_pane {
	char title[160];
	struct ps_row *rows;
	size_t nrows, alloc;
	size_t *vis;             /* indices of the rows shown (all, or those matching the filter) */
	size_t nvis;
	size_t cur;              /* cursor, an index into vis */
	size_t top;              /* first row shown, an index into vis */
	char *footer;            /* explanation of the cursor row (owned, may be NULL) */
	/* layout, set by model_layout: the box and the rows inside it */
	int bx, by, bw, bh;
	int x, y, w, h;
	int footer_h;            /* lines of the box given to the footer */
	bool shown;
	/*
	 * The box has room for one line only: instead of a row, the summary
	 * (owned, may be NULL) says what the pane holds and how to open it.
	 */
	bool collapsed;
	char *summary;
};

enum ps_prompt {
	PROMPT_NONE = 0, PROMPT_SEARCH, PROMPT_EDIT, PROMPT_WRITE, PROMPT_OPEN,
	PROMPT_OVERWRITE,        /* y/n: replace an existing file */
};

/* A file the explorer changed, with what to restore on reset. */
struct ps_edit {
	char *path;
	bool existed;
	char *orig;              /* content before the first change (existed) */
};

struct ps_model {
	struct ps_session *s;    /* borrowed; may be replaced in place by `o` */
	bool real_mode;          /* edits go to the overlay (else to the scenario's tree) */
	bool utf8;               /* draw ✓ ✗ … (else ASCII) */

	struct ps_result res;
	bool have_result;
	char *compute_error;     /* why there is no result (owned), NULL when there is one */
	double resolve_ms;       /* last re-resolve plus model update, in milliseconds */
	double compute_ms;       /* of which ps_compute alone */
	unsigned long resolves;

	struct ps_inputs start_in;   /* inputs at start (for reset and the diff view) */
	struct ps_strv snap_start, snap_prev, snap_cur;  /* result snapshots, "key\tvalue" */
	bool has_prev;

	struct ps_pane pane[PANE_COUNT];
	struct ps_pane help, diff;
	enum ps_pane_id focus;
	enum ps_view view;
	bool zoom;

	struct ps_match *match;
	bool filter_on;

	enum ps_prompt prompt;
	enum ps_row_kind prompt_row;
	long prompt_arg;
	char prompt_label[192];
	struct ps_buf prompt_buf;
	char *pending_path;      /* PROMPT_OVERWRITE: the file to write (owned) */

	char status[512];
	bool status_error;

	int cols, lines;
	bool too_small;
	/*
	 * The trace has the focus on a narrow screen: the inputs pane steps
	 * aside and the replayed state sits above the trace, both full width.
	 */
	bool stepper;
	int result_wrap;         /* the width the result rows were wrapped to (fatal banner) */
	long replay_row;         /* replay: the row the current step changed, -1 none */

	/* the environment variables shown as rows (owned strings) */
	struct ps_strv env_names;
	/* the files the explorer edits, and the edits made */
	char *venv_cfg;          /* pyvenv.cfg in use or to create (owned) */
	char *pth_path;          /* the ._pth file (owned) */
	struct ps_strv pth_lines;    /* its lines, when present */
	bool pth_present, venv_present;
	char *venv_home;         /* home = ... (owned, NULL when absent) */
	char *venv_syssite;      /* include-system-site-packages value (owned, NULL when absent) */
	struct ps_edit *edits;
	size_t nedits;
	char *run_args[4];       /* remembered argument per run kind (owned) */

	long last_click_pane, last_click_row;
	const struct ps_cli *cli;
};

/*
 * Sets up the model over an opened session and runs the first resolution
 * (an error becomes the status line, not a failure).  Returns 0.
 */
int model_init(struct ps_model *m, struct ps_session *s, const struct ps_cli *cli, bool utf8);
void model_release(struct ps_model *m);

/* Re-runs the model over the current inputs and rebuilds every pane. */
void model_recompute(struct ps_model *m);

/* Lays the panes out for a cols x lines screen.  Returns PS_R_REDRAW. */
int model_layout(struct ps_model *m, int cols, int lines);

/* One key (code point or PS_KEY_*): the prompt takes it first, then the key table. */
int model_key(struct ps_model *m, int key);

/* One action from the key table. */
int model_action(struct ps_model *m, enum ps_action act);

/*
 * A mouse event at screen cell (x, y): button 1 = click, 4 = wheel up,
 * 5 = wheel down.  Clicking a row selects it; clicking the selected row
 * again acts as Enter.
 */
int model_mouse(struct ps_model *m, int x, int y, int button);

/* Sets the status line (printf-style); error picks the error colour. */
void model_status(struct ps_model *m, bool error, const char *fmt, ...) PS_PRINTF(3, 4);

/* Pane id (borrowed: valid as long as the model; its rows change on every rebuild). */
struct ps_pane *model_pane(struct ps_model *m, enum ps_pane_id id);

/* The row's text (borrowed; trace rows get theirs when first asked). */
const char *model_row_text(const struct ps_model *m, const struct ps_row *row);

/* Whether the row matches the current search pattern. */
bool model_row_matches(struct ps_model *m, const struct ps_row *row);

/*
 * A text dump of the view model (the script mode's output): every pane
 * with its rows, marks, cursor and footer, the prompt and the status line.
 * Times are left out so dumps are deterministic.  Appends to out.
 */
void model_dump(struct ps_model *m, struct ps_buf *out);

/* The title line: where the inputs come from, rules and platform. Appends to out. */
void model_title(struct ps_model *m, struct ps_buf *out);

/* The step index the trace cursor is on, or -1 when there is no trace. */
long model_trace_step(const struct ps_model *m);

#endif /* PS_TUI_MODEL_H */
