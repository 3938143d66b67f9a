/* keymap.c - see keymap.h.  No curses here: unit tests link this file. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keymap.h"
#include "text.h"
#include "util.h"

#define C PS_KEY_CTRL

/*
 * The table.  Order matters twice: lookups take the first line that
 * matches (pane-specific lines come before global ones), and the help
 * screen lists lines in this order.
 */
static const struct ps_binding table[] = {
	/* inputs pane */
	{ { PS_KEY_ENTER, ' ', 0 }, ACT_ACTIVATE, PS_CTX_INPUTS, "toggle a flag, cycle a choice, edit a value" },
	{ { 'e', 0 }, ACT_EDIT, PS_CTX_INPUTS, "edit the selected value as text" },
	{ { 'd', PS_KEY_DELETE, 0 }, ACT_UNSET, PS_CTX_INPUTS, "unset the variable / remove the file or line" },
	{ { 'R', 0 }, ACT_RESET, PS_CTX_INPUTS | PS_CTX_RESULT | PS_CTX_TRACE, "reset every input to its starting value" },
	/* result pane */
	{ { PS_KEY_ENTER, 't', 0 }, ACT_JUMP_ENTRY, PS_CTX_RESULT, "show the trace step that decided the selected value" },
	/* trace pane */
	{ { PS_KEY_HOME, 'g', 0 }, ACT_STEP_FIRST, PS_CTX_TRACE, "first step" },
	{ { PS_KEY_END, 'G', 0 }, ACT_STEP_LAST, PS_CTX_TRACE, "last step (the final result)" },
	{ { PS_KEY_ENTER, 'c', 0 }, ACT_JUMP_CAUSE, PS_CTX_TRACE, "go to the step the selected one follows from" },
	/* all panes */
	{ { 'E', 0 }, ACT_TOGGLE_E, PS_CTX_PANES, "toggle -E (ignore PYTHON* variables)" },
	{ { 'I', 0 }, ACT_TOGGLE_I, PS_CTX_PANES, "toggle -I (isolated mode)" },
	{ { 's', 0 }, ACT_TOGGLE_s, PS_CTX_PANES, "toggle -s (no user site-packages)" },
	{ { 'S', 0 }, ACT_TOGGLE_S, PS_CTX_PANES, "toggle -S (no site module)" },
	{ { 'P', 0 }, ACT_TOGGLE_P, PS_CTX_PANES, "toggle -P (no unsafe sys.path[0])" },
	{ { 'p', 0 }, ACT_JUMP_PREFIX, PS_CTX_PANES, "jump to the step that decided prefix" },
	{ { 'x', 0 }, ACT_JUMP_EXEC_PREFIX, PS_CTX_PANES, "jump to the step that decided exec_prefix" },
	{ { PS_KEY_UP, 'k', PS_KEY_WHEEL_UP, 0 }, ACT_UP, PS_CTX_ALL, "move up (trace: step back)" },
	{ { PS_KEY_DOWN, 'j', PS_KEY_WHEEL_DOWN, 0 }, ACT_DOWN, PS_CTX_ALL, "move down (trace: step forward)" },
	{ { PS_KEY_PGUP, C('b'), 0 }, ACT_PGUP, PS_CTX_ALL, "page up" },
	{ { PS_KEY_PGDN, C('f'), 0 }, ACT_PGDN, PS_CTX_ALL, "page down" },
	{ { PS_KEY_HOME, 'g', 0 }, ACT_HOME, PS_CTX_ALL, "top" },
	{ { PS_KEY_END, 'G', 0 }, ACT_END, PS_CTX_ALL, "bottom" },
	{ { PS_KEY_TAB, PS_KEY_RIGHT, 'l', 0 }, ACT_NEXT_PANE, PS_CTX_PANES, "next pane" },
	{ { PS_KEY_BTAB, PS_KEY_LEFT, 'h', 0 }, ACT_PREV_PANE, PS_CTX_PANES, "previous pane" },
	{ { '1', 0 }, ACT_PANE_INPUTS, PS_CTX_PANES, "go to the inputs pane" },
	{ { '2', 0 }, ACT_PANE_RESULT, PS_CTX_PANES, "go to the result pane" },
	{ { '3', 0 }, ACT_PANE_TRACE, PS_CTX_PANES, "go to the trace pane" },
	{ { '/', 0 }, ACT_SEARCH, PS_CTX_PANES | PS_CTX_DIFF, "search: a PCRE2 pattern (lower-case = ignore case)" },
	{ { 'n', 0 }, ACT_NEXT_MATCH, PS_CTX_PANES | PS_CTX_DIFF, "next match" },
	{ { 'N', 0 }, ACT_PREV_MATCH, PS_CTX_PANES | PS_CTX_DIFF, "previous match" },
	{ { 'f', 0 }, ACT_FILTER, PS_CTX_PANES, "show only the rows that match, or all rows" },
	{ { 'D', 0 }, ACT_DIFF, PS_CTX_PANES | PS_CTX_DIFF, "diff against the starting state" },
	{ { 'z', 0 }, ACT_ZOOM, PS_CTX_PANES, "zoom the focused pane" },
	{ { 'w', 0 }, ACT_WRITE, PS_CTX_PANES, "write the current inputs as a scenario file" },
	{ { 'o', 0 }, ACT_OPEN, PS_CTX_PANES, "open a scenario file" },
	{ { '?', PS_KEY_F1, 0 }, ACT_HELP, PS_CTX_PANES | PS_CTX_DIFF, "this help" },
	{ { 'q', PS_KEY_ESC, '?', 0 }, ACT_HELP, PS_CTX_HELP, "close the help" },
	{ { 'q', PS_KEY_ESC, 'D', 0 }, ACT_DIFF, PS_CTX_DIFF, "close the diff view" },
	{ { C('l'), 0 }, ACT_REDRAW, PS_CTX_ALL, "redraw the screen" },
	{ { 'q', 0 }, ACT_QUIT, PS_CTX_PANES, "quit" },
};

#undef C

static const char *const action_names[ACT_COUNT] = {
	"none", "quit", "help", "next-pane", "prev-pane", "pane-inputs", "pane-result",
	"pane-trace", "up", "down", "page-up", "page-down", "home", "end", "activate", "edit",
	"unset", "toggle-E", "toggle-I", "toggle-s", "toggle-S", "toggle-P", "search",
	"next-match", "prev-match", "filter", "jump-prefix", "jump-exec-prefix", "jump-entry",
	"step-first", "step-last", "jump-cause", "diff", "zoom", "write", "open", "reset", "redraw",
};

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ PS_KEY_UP, "Up" }, { PS_KEY_DOWN, "Down" }, { PS_KEY_LEFT, "Left" },
	{ PS_KEY_RIGHT, "Right" }, { PS_KEY_PGUP, "PgUp" }, { PS_KEY_PGDN, "PgDn" },
	{ PS_KEY_HOME, "Home" }, { PS_KEY_END, "End" }, { PS_KEY_BACKSPACE, "BS" },
	{ PS_KEY_DELETE, "Del" }, { PS_KEY_BTAB, "S-Tab" }, { PS_KEY_F1, "F1" },
	{ PS_KEY_RESIZE, "Resize" }, { PS_KEY_WHEEL_UP, "WheelUp" },
	{ PS_KEY_WHEEL_DOWN, "WheelDown" }, { PS_KEY_ENTER, "Enter" }, { PS_KEY_TAB, "Tab" },
	{ PS_KEY_ESC, "Esc" }, { ' ', "Space" },
};

const struct ps_binding *keymap_table(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

enum ps_action keymap_lookup(int key, unsigned ctx)
{
	size_t i, k;

	if (key == 0)
		return ACT_NONE;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (!(table[i].ctx & ctx))
			continue;
		for (k = 0; k < 4 && table[i].keys[k]; k++)
			if (table[i].keys[k] == key)
				return table[i].action;
	}
	return ACT_NONE;
}

int keymap_key_for(enum ps_action action, unsigned ctx)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].action == action && (table[i].ctx & ctx))
			return table[i].keys[0];
	return 0;
}

const char *keymap_action_name(enum ps_action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "?";
}

const char *keymap_key_name(int key, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key > 0 && key < 32)
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	else if (key == 127)
		snprintf(buf, size, "BS");
	else if (key > 32 && key < 0x110000) {
		char u[5] = { 0 };
		u[text_utf8((unsigned)key, u)] = '\0';
		snprintf(buf, size, "%s", u);
	} else
		snprintf(buf, size, "?");
	return buf;
}

int keymap_key_parse(const char *name)
{
	char tmp[32];
	size_t len = strlen(name), i;
	const unsigned char *u = (const unsigned char *)name;

	if (len >= 3 && name[0] == '<' && name[len - 1] == '>' && len - 2 < sizeof(tmp)) {
		memcpy(tmp, name + 1, len - 2);
		tmp[len - 2] = '\0';
		name = tmp;
		len -= 2;
		u = (const unsigned char *)name;
	}
	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (!strcasecmp(name, key_names[i].name))
			return key_names[i].key;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
		return PS_KEY_CTRL(name[2]);
	if (len == 1)
		return u[0];
	/* one UTF-8 character */
	if (len == 2 && (u[0] & 0xe0) == 0xc0)
		return ((u[0] & 0x1f) << 6) | (u[1] & 0x3f);
	if (len == 3 && (u[0] & 0xf0) == 0xe0)
		return ((u[0] & 0x0f) << 12) | ((u[1] & 0x3f) << 6) | (u[2] & 0x3f);
	if (len == 4 && (u[0] & 0xf8) == 0xf0)
		return ((u[0] & 0x07) << 18) | ((u[1] & 0x3f) << 12) | ((u[2] & 0x3f) << 6) |
		       (u[3] & 0x3f);
	return -1;
}

static void keys_text(const struct ps_binding *b, struct ps_buf *out)
{
	char name[16];
	size_t k;

	for (k = 0; k < 4 && b->keys[k]; k++) {
		/* the wheel is a mouse gesture, said once in the mouse section */
		if (b->keys[k] == PS_KEY_WHEEL_UP || b->keys[k] == PS_KEY_WHEEL_DOWN)
			continue;
		if (out->len)
			ps_buf_addc(out, ' ');
		ps_buf_adds(out, keymap_key_name(b->keys[k], name, sizeof(name)));
	}
}

void keymap_help_lines(struct ps_strv *out)
{
	static const struct {
		unsigned ctx;
		const char *title;
	} sections[] = {
		{ PS_CTX_PANES, "Everywhere" },
		{ PS_CTX_INPUTS, "Inputs pane" },
		{ PS_CTX_RESULT, "Result pane" },
		{ PS_CTX_TRACE, "Trace pane" },
		{ PS_CTX_DIFF, "Diff view" },
		{ PS_CTX_HELP, "Help screen" },
	};
	struct ps_buf keys = { 0 };
	size_t s, i;

	ps_buf_init(&keys);
	for (s = 0; s < sizeof(sections) / sizeof(sections[0]); s++) {
		if (s)
			ps_strv_push(out, "");
		ps_strv_push(out, sections[s].title);
		for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
			const struct ps_binding *b = &table[i];
			/* "Everywhere" lists what every pane has; sections list their own lines */
			bool everywhere = (b->ctx & PS_CTX_PANES) == PS_CTX_PANES;
			if (sections[s].ctx == PS_CTX_PANES ? !everywhere
							    : everywhere || !(b->ctx & sections[s].ctx))
				continue;
			ps_buf_reset(&keys);
			keys_text(b, &keys);
			ps_strv_pushf(out, "  %-16s %s", keys.s, b->help);
		}
	}
	ps_strv_push(out, "");
	ps_strv_push(out, "Mouse");
	ps_strv_push(out, "  click            select a row (click it again: as Enter)");
	ps_strv_push(out, "  wheel            move up and down");
	ps_strv_push(out, "");
	ps_strv_push(out, "Marks");
	ps_strv_push(out, "  + added  ~ changed  - removed (since the last change)");
	ps_strv_push(out, "  * edited input  [ov] virtual overlay over the real tree (never written)");
	ps_strv_push(out, "  \xe2\x9c\x93 exists  \xe2\x9c\x97 missing");
	ps_buf_release(&keys);
}

void keymap_hint(unsigned ctx, size_t width, struct ps_buf *out)
{
	static const struct {
		enum ps_action action;
		const char *word;
	} hints[] = {
		{ ACT_ACTIVATE, "toggle" }, { ACT_JUMP_ENTRY, "why" }, { ACT_DOWN, "step" },
		{ ACT_NEXT_PANE, "pane" }, { ACT_SEARCH, "search" }, { ACT_DIFF, "diff" },
		{ ACT_HELP, "help" }, { ACT_QUIT, "quit" },
	};
	char name[16];
	size_t i, before;
	int key;

	if (ctx & (PS_CTX_HELP | PS_CTX_DIFF)) {
		/* a text view: how to leave it comes first */
		/* the view's own line (q Esc ...) rather than the key that opened it */
		enum ps_action a = ctx & PS_CTX_HELP ? ACT_HELP : ACT_DIFF;
		key = 0;
		for (i = 0; i < sizeof(table) / sizeof(table[0]) && !key; i++)
			if (table[i].action == a && table[i].ctx == (ctx & (PS_CTX_HELP | PS_CTX_DIFF)))
				key = table[i].keys[0];
		if (key)
			ps_buf_addf(out, "%s close", keymap_key_name(key, name, sizeof(name)));
	}
	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		if (hints[i].action == ACT_DOWN && !(ctx & (PS_CTX_TRACE | PS_CTX_HELP | PS_CTX_DIFF)))
			continue;
		if ((ctx & (PS_CTX_HELP | PS_CTX_DIFF)) && (hints[i].action == ACT_HELP || hints[i].action == ACT_DIFF))
			continue;
		key = keymap_key_for(hints[i].action, ctx);
		if (!key)
			continue;
		before = out->len;
		if (out->len)
			ps_buf_adds(out, "  ");
		ps_buf_addf(out, "%s %s", keymap_key_name(key, name, sizeof(name)),
			    hints[i].action == ACT_DOWN && !(ctx & PS_CTX_TRACE) ? "scroll" : hints[i].word);
		if (out->len > width) {
			out->len = before;
			out->s[before] = '\0';
			break;
		}
	}
}
