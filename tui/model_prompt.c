/*
 * model_prompt.c - the prompt line (see model-int.h): a search pattern,
 * an input's new value, a scenario file to write or open, or a y/n
 * question; it takes every key while open.  Enter hands the text to what
 * opened it, Esc or C-g cancels, C-u clears.  No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "model-int.h"

void prompt_open(struct ps_model *m, enum ps_prompt kind, enum ps_row_kind row, long arg,
		 const char *label, const char *initial)
{
	m->prompt = kind;
	m->prompt_row = row;
	m->prompt_arg = arg;
	snprintf(m->prompt_label, sizeof(m->prompt_label), "%s", label);
	ps_buf_reset(&m->prompt_buf);
	if (initial)
		ps_buf_adds(&m->prompt_buf, initial);
	xbuf_check(&m->prompt_buf);
}

/* The file name typed after w: written, or asked about first when it exists. */
static void submit_write(struct ps_model *m, const char *text)
{
	struct stat st;

	if (!*text) {
		model_status(m, false, "not written");
		return;
	}
	if (stat(text, &st) == 0) {
		free(m->pending_path);
		m->pending_path = xstrdup(text);
		prompt_open(m, PROMPT_OVERWRITE, ROW_TEXT, 0, "", NULL);
		snprintf(m->prompt_label, sizeof(m->prompt_label), "%.60s exists; overwrite? (y/n) ", text);
		return;
	}
	scenario_write(m, text);
}

/* Enter: the prompt closes and what opened it gets the text. */
static void submit(struct ps_model *m)
{
	enum ps_prompt kind = m->prompt;
	char *text = xstrdup(m->prompt_buf.s);

	m->prompt = PROMPT_NONE;
	m->status[0] = '\0';
	m->status_error = false;
	switch (kind) {
	case PROMPT_SEARCH:
		search_submit(m, text);
		break;
	case PROMPT_EDIT:
		inputs_submit(m, text);
		break;
	case PROMPT_WRITE:
		submit_write(m, text);
		break;
	case PROMPT_OPEN:
		if (*text)
			scenario_open(m, text);
		break;
	default:
		break;
	}
	free(text);
}

int prompt_key(struct ps_model *m, int key)
{
	struct ps_buf *b = &m->prompt_buf;

	if (key == PS_KEY_ESC || key == PS_KEY_CTRL('g')) {
		m->prompt = PROMPT_NONE;
		model_status(m, false, "cancelled");
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_RESIZE)
		return PS_R_HANDLED | PS_R_RESIZE | PS_R_REDRAW;
	if (m->prompt == PROMPT_OVERWRITE) {
		m->prompt = PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			scenario_write(m, m->pending_path);
		else
			model_status(m, false, "not written");
		free(m->pending_path);
		m->pending_path = NULL;
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_BACKSPACE || key == 127 || key == 8) {
		/* drop one UTF-8 character */
		while (b->len && ((unsigned char)b->s[b->len - 1] & 0xc0) == 0x80)
			b->len--;
		if (b->len)
			b->len--;
		if (b->alloc)
			b->s[b->len] = '\0';
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_CTRL('u')) {
		ps_buf_reset(b);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key == PS_KEY_ENTER || key == '\r') {
		submit(m);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	if (key >= 32 && key < PS_KEY_BASE && key != 127) {
		char u[4];
		ps_buf_add(b, u, text_utf8((unsigned)key, u));
		xbuf_check(b);
		return PS_R_HANDLED | PS_R_REDRAW;
	}
	return PS_R_HANDLED;
}
