/* term.c - see term.h.  With draw.c, the only curses-heavy files. */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keymap.h"
#include "term.h"

volatile sig_atomic_t term_signalled;
static bool term_active;

static void on_signal(int sig)
{
	term_signalled = sig;
}

/*
 * Our own handlers, installed before initscr() so curses leaves SIGINT
 * and SIGTERM to us; no SA_RESTART, so a blocked get_wch() returns and
 * the main loop can restore the terminal and exit normally.
 */
static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static attr_t to_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & PS_A_BOLD)
		r |= A_BOLD;
	if (a & PS_A_DIM)
		r |= A_DIM;
	if (a & PS_A_REVERSE)
		r |= A_REVERSE;
	if (a & PS_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & PS_A_ITALIC)
		r |= A_ITALIC;
	if (a & PS_A_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

void term_done(void)
{
	if (!term_active)
		return;
	term_active = false;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
}

int term_init(struct ps_term *t, const struct ps_theme *theme, bool color, bool mouse, bool utf8)
{
	int i;

	memset(t, 0, sizeof(*t));
	t->utf8 = utf8;
	install_signals();
	if (!initscr()) {
		fputs("pathscope: cannot initialise the terminal\n", stderr);
		return -1;
	}
	term_active = true;
	atexit(term_done);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	t->tier = PS_TIER_MONO;
	if (color && has_colors()) {
		start_color();
		use_default_colors();
		t->tier = COLORS >= 256 ? PS_TIER_256 : COLORS >= 8 ? PS_TIER_8 : PS_TIER_MONO;
	}
	for (i = 0; i < ROLE_COUNT; i++) {
		const struct ps_style *st = &theme->style[t->tier][i];
		attr_t a = to_attrs(st->attrs);
		if (t->tier != PS_TIER_MONO && i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), st->fg, st->bg);
			a |= COLOR_PAIR(i + 1);
		}
		t->attr[i] = a;
	}
	bkgdset(' ' | (chtype)t->attr[ROLE_DEFAULT]);
	if (mouse) {
		/* no click interval: a press is a click at once, and no timer runs while idle */
		mouseinterval(0);
		t->mouse = mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
	}
	return 0;
}

static int map_key(int k)
{
	switch (k) {
	case KEY_UP: return PS_KEY_UP;
	case KEY_DOWN: return PS_KEY_DOWN;
	case KEY_LEFT: return PS_KEY_LEFT;
	case KEY_RIGHT: return PS_KEY_RIGHT;
	case KEY_PPAGE: return PS_KEY_PGUP;
	case KEY_NPAGE: return PS_KEY_PGDN;
	case KEY_HOME: return PS_KEY_HOME;
	case KEY_END: return PS_KEY_END;
	case KEY_BACKSPACE: return PS_KEY_BACKSPACE;
	case KEY_DC: return PS_KEY_DELETE;
	case KEY_BTAB: return PS_KEY_BTAB;
	case KEY_F(1): return PS_KEY_F1;
	case KEY_RESIZE: return PS_KEY_RESIZE;
	case KEY_ENTER: return PS_KEY_ENTER;
	default: return 0;
	}
}

int term_read(struct ps_term *t, struct ps_event *ev)
{
	wint_t wc;
	int rc;

	memset(ev, 0, sizeof(*ev));
	for (;;) {
		if (term_signalled)
			return -1;
		rc = get_wch(&wc);
		if (rc == ERR) {
			if (term_signalled || errno != EINTR)
				return -1;
			continue;
		}
		if (rc == KEY_CODE_YES) {
			if (wc == KEY_MOUSE) {
				MEVENT me;
				if (getmouse(&me) != OK)
					continue;
				ev->mx = me.x;
				ev->my = me.y;
				if (me.bstate & BUTTON4_PRESSED)
					ev->button = 4;
				else if (me.bstate & BUTTON5_PRESSED)
					ev->button = 5;
				else if (me.bstate & BUTTON1_PRESSED)
					ev->button = 1;
				else
					continue;
				return 0;
			}
			ev->key = map_key((int)wc);
			if (!ev->key)
				continue;
			return 0;
		}
		ev->key = wc == '\r' ? PS_KEY_ENTER : (int)wc;
		return 0;
	}
}

void term_drain_resize(void)
{
	wint_t wc;
	int rc;

	nodelay(stdscr, TRUE);
	for (;;) {
		rc = get_wch(&wc);
		if (rc == ERR)
			break;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;
		if (rc == KEY_CODE_YES)
			ungetch((int)wc);
		else
			unget_wch((wchar_t)wc);
		break;
	}
	nodelay(stdscr, FALSE);
}
