/*
 * term.h - the terminal: start-up in style §15's order, colours from the
 * theme's tier (256 / 8 / mono), keys and mouse translated to the
 * keymap's codes, signals, and a teardown that always runs.
 */
#ifndef PS_TUI_TERM_H
#define PS_TUI_TERM_H

#include <signal.h>
#include <stdbool.h>

#include "cli.h"
#include "theme.h"

struct ps_term {
	enum ps_tier tier;
	bool utf8;               /* the codeset is UTF-8: Unicode line drawing */
	bool mouse;
	unsigned long attr[ROLE_COUNT];   /* curses attributes (chtype/attr_t) per role */
};

/* Set by SIGINT / SIGTERM / SIGHUP; the main loop leaves when it sees it. */
extern volatile sig_atomic_t term_signalled;

/*
 * Starts curses.  color: whether colours are wanted at all (--color beats
 * NO_COLOR, see want_color); the tier then follows COLORS.  Returns 0, or
 * -1 when the terminal cannot be set up (message printed).
 */
int term_init(struct ps_term *t, const struct ps_theme *theme, bool color, bool mouse, bool utf8);

/* Restores the terminal; safe to call twice and from atexit. */
void term_done(void);

/* An input event: a key (code point or PS_KEY_*) or a mouse event. */
struct ps_event {
	int key;                 /* 0 for mouse events and nothing read */
	int mx, my, button;      /* mouse: cell and 1 click, 4 wheel up, 5 wheel down */
};

/*
 * Blocks until input arrives (no timeout: an idle explorer uses no CPU).
 * Returns 0 with ev filled, or -1 when interrupted by a signal or an error.
 */
int term_read(struct ps_term *t, struct ps_event *ev);

/* Drains queued KEY_RESIZE events (a drag produces many); others are put back. */
void term_drain_resize(void);

#endif /* PS_TUI_TERM_H */
