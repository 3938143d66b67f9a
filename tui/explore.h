/*
 * explore.h - the explorer: `pathscope` with no subcommand (contract §1).
 */
#ifndef PS_TUI_EXPLORE_H
#define PS_TUI_EXPLORE_H

#include "cli.h"
#include "session.h"

/*
 * Runs the live explorer over an opened session until the user quits (or
 * the headless script mode when cli->script_keys is set).  Needs a
 * terminal on stdin and stdout; otherwise prints one line pointing at
 * `pathscope resolve` and returns 2.  Returns the exit status.
 */
int explore_main(const struct ps_cli *cli, struct ps_session *s);

/*
 * The headless mode (tui/script.c): keys from cli->script_keys, a text
 * dump of the view model on stdout.  Returns the exit status (2 for a bad
 * script, with FILE:LINE: message on stderr).
 */
int script_main(const struct ps_cli *cli, struct ps_session *s);

#endif /* PS_TUI_EXPLORE_H */
