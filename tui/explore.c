/* explore.c - see explore.h: the explorer's main loop. */
#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw.h"
#include "explore.h"
#include "model.h"
#include "term.h"
#include "theme.h"
#include "util.h"

int explore_main(const struct ps_cli *cli, struct ps_session *s)
{
	struct ps_model m;
	struct ps_theme theme;
	struct ps_term t;
	struct ps_error terr;
	char tmsg[1024] = "";
	bool utf8, color;
	int rc;

	if (cli->script_keys)
		return script_main(cli, s);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		print_msg("the explorer needs a terminal on stdin and stdout; "
			  "use 'pathscope resolve' for a text report");
		return 2;
	}
	/* a broken theme is reported, and the built-in default is used */
	if (theme_from_cli(cli->theme, &theme, &terr) < 0)
		ps_error_format(&terr, tmsg, sizeof(tmsg));
	utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	color = want_color(cli, STDOUT_FILENO);

	model_init(&m, s, cli, utf8);
	if (tmsg[0])
		model_status(&m, true, "%s (using the built-in theme)", tmsg);
	if (term_init(&t, &theme, color, !cli->no_mouse, utf8) < 0) {
		model_release(&m);
		return 1;
	}
	model_layout(&m, COLS, LINES);
	draw_screen(&m, &t);
	for (;;) {
		struct ps_event ev;
		if (term_read(&t, &ev) < 0)
			break;
		if (ev.button)
			rc = model_mouse(&m, ev.mx, ev.my, ev.button);
		else
			rc = model_key(&m, ev.key);
		if (rc & PS_R_QUIT)
			break;
		if (rc & PS_R_RESIZE) {
			if (ev.key == PS_KEY_RESIZE)
				term_drain_resize();
			else
				clearok(curscr, TRUE);
			model_layout(&m, COLS, LINES);
		}
		if (rc & PS_R_REDRAW)
			draw_screen(&m, &t);
	}
	term_done();
	model_release(&m);
	if (tmsg[0])
		fprintf(stderr, "pathscope: %s\n", tmsg);
	/* killed by a signal: the terminal is restored, and the status says why */
	return term_signalled ? 128 + term_signalled : 0;
}
