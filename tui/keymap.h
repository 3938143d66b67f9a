/*
 * keymap.h - the explorer's one action table (style §18).
 *
 * Every key the explorer understands is a line of one table
 * {keys, action, contexts, help}.  The key handler, the mouse (whose
 * clicks and wheel turns become the same actions), the help screen and the
 * status-line hints are all generated from it, so they cannot disagree.
 *
 * Keys are Unicode code points (as get_wch returns them) or the PS_KEY_*
 * codes below, which sit above the Unicode range; term.c translates
 * curses' KEY_* codes into these so nothing here depends on curses.
 */
#ifndef PS_TUI_KEYMAP_H
#define PS_TUI_KEYMAP_H

#include <stddef.h>

#include "engine.h"

#define PS_KEY_CTRL(c) ((c) & 0x1f)
#define PS_KEY_ESC 27
#define PS_KEY_TAB '\t'
#define PS_KEY_ENTER '\n'

enum ps_key {
	PS_KEY_BASE = 0x110000,   /* first code outside Unicode */
	PS_KEY_UP, PS_KEY_DOWN, PS_KEY_LEFT, PS_KEY_RIGHT,
	PS_KEY_PGUP, PS_KEY_PGDN, PS_KEY_HOME, PS_KEY_END,
	PS_KEY_BACKSPACE, PS_KEY_DELETE, PS_KEY_BTAB, PS_KEY_F1,
	PS_KEY_RESIZE,
	PS_KEY_WHEEL_UP, PS_KEY_WHEEL_DOWN,
	PS_KEY_LAST
};

enum ps_action {
	ACT_NONE = 0,
	ACT_QUIT, ACT_HELP, ACT_NEXT_PANE, ACT_PREV_PANE,
	ACT_PANE_INPUTS, ACT_PANE_RESULT, ACT_PANE_TRACE,
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_ACTIVATE,      /* Enter: toggle, cycle, edit, or jump to the deciding step */
	ACT_EDIT,          /* edit the selected value as text */
	ACT_UNSET,         /* unset / remove the selected value */
	ACT_TOGGLE_E, ACT_TOGGLE_I, ACT_TOGGLE_s, ACT_TOGGLE_S, ACT_TOGGLE_P,
	ACT_SEARCH,        /* `/`: enter a PCRE2 pattern */
	ACT_NEXT_MATCH, ACT_PREV_MATCH,
	ACT_FILTER,        /* show only matching rows in the focused pane, or all */
	ACT_JUMP_PREFIX, ACT_JUMP_EXEC_PREFIX, ACT_JUMP_ENTRY,
	ACT_STEP_FIRST, ACT_STEP_LAST,
	ACT_JUMP_CAUSE,    /* trace: to the step the selected one follows from */
	ACT_DIFF,          /* diff view against the starting state */
	ACT_ZOOM,          /* give the focused pane the whole screen */
	ACT_WRITE, ACT_OPEN,
	ACT_RESET,         /* back to the starting inputs */
	ACT_REDRAW,
	ACT_COUNT
};

/* Where a binding applies (bit set). */
enum ps_context {
	PS_CTX_INPUTS = 1 << 0,
	PS_CTX_RESULT = 1 << 1,
	PS_CTX_TRACE = 1 << 2,
	PS_CTX_PANES = PS_CTX_INPUTS | PS_CTX_RESULT | PS_CTX_TRACE,
	PS_CTX_HELP = 1 << 3,      /* the help screen is shown */
	PS_CTX_DIFF = 1 << 4,      /* the diff view is shown */
	PS_CTX_ALL = PS_CTX_PANES | PS_CTX_HELP | PS_CTX_DIFF,
};

struct ps_binding {
	int keys[4];               /* 0-terminated when fewer than 4 */
	enum ps_action action;
	unsigned ctx;              /* enum ps_context bits */
	const char *help;          /* one line for the help screen */
};

/* The table itself (static); *n gets its length. */
const struct ps_binding *keymap_table(size_t *n);

/*
 * The action bound to key in context ctx (one PS_CTX_* bit), or ACT_NONE.
 * Bindings are searched in table order, so a pane-specific line placed
 * before a global one wins.
 */
enum ps_action keymap_lookup(int key, unsigned ctx);

/* Human name of a key ("j", "Down", "Enter", "C-l", "Space"); written to buf, returned. */
const char *keymap_key_name(int key, char *buf, size_t size);

/* Inverse of keymap_key_name, also accepting "<Down>"; -1 when unknown. */
int keymap_key_parse(const char *name);

/* The first key bound to action in ctx (for hints), or 0. */
int keymap_key_for(enum ps_action action, unsigned ctx);

/*
 * Appends the help screen's lines to out: one section per context, each
 * binding as "  KEYS  help".  Generated from the table.
 */
void keymap_help_lines(struct ps_strv *out);

/*
 * Appends to out a one-line hint of the most useful keys for ctx, e.g.
 * "Enter toggle  / search  ? help  q quit", fitting in width columns.
 */
void keymap_hint(unsigned ctx, size_t width, struct ps_buf *out);

/* Name of an action ("quit", "toggle-E" ...), static. */
const char *keymap_action_name(enum ps_action a);

#endif /* PS_TUI_KEYMAP_H */
