/*
 * commands.h - the subcommands of pathscope (contract §1).
 *
 * Each cmd_X() runs one subcommand over an opened session and returns the
 * process exit status: 0 ok; 1 fatal start-up predicted, a mismatch or a
 * difference found; 2 bad usage or bad input (after printing one line
 * "pathscope: message" on stderr).  Output goes to stdout.
 *
 * main.c dispatches through a table { name, function, needs_session,
 * args, summary } (args and summary make the --help synopsis).
 * To add a subcommand: write tui/cmd_NAME.c defining cmd_NAME() with the
 * prototype below, and add its line to `commands[]` in tui/main.c in the
 * same commit (a table line whose .c file does not exist breaks the link
 * for everyone).  Commands with needs_session = true get a session opened
 * from the command line; the others (check) get s == NULL and open what
 * they need themselves.
 */
#ifndef PS_TUI_COMMANDS_H
#define PS_TUI_COMMANDS_H

#include "cli.h"
#include "session.h"

int cmd_resolve(const struct ps_cli *cli, struct ps_session *s);   /* tui/cmd_resolve.c (h4) */
int cmd_check(const struct ps_cli *cli, struct ps_session *s);     /* tui/cmd_check.c (h4); s is NULL */
int cmd_explain(const struct ps_cli *cli, struct ps_session *s);   /* tui/cmd_explain.c (h7) */
int cmd_verify(const struct ps_cli *cli, struct ps_session *s);    /* tui/cmd_verify.c (h7) */
int cmd_capture(const struct ps_cli *cli, struct ps_session *s);   /* tui/cmd_capture.c (h13) */

/*
 * Text rendering of a resolution (tui/cmd_resolve.c), for `resolve` and
 * anything else that wants the same report.  color: use ANSI colours.
 * verbose > 0 adds the full trace.  Appends to out.
 */
struct ps_result;
void resolve_render_text(const struct ps_session *s, const struct ps_result *r, bool color,
			 int verbose, struct ps_buf *out);

#endif /* PS_TUI_COMMANDS_H */
