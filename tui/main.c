/*
 * main.c - pathscope's entry point: parse the command line, open a
 * session, dispatch to a subcommand (or the explorer).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "session.h"
#include "util.h"

#include "explore.h"

#ifndef PS_VERSION
#define PS_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	int (*run)(const struct ps_cli *cli, struct ps_session *s);
	bool needs_session;    /* false: run() gets s == NULL (check opens its own) */
	const char *args;      /* for --help: what follows the name */
	const char *summary;   /* for --help: one line */
};

/*
 * Add a line here in the same commit as the tui/cmd_NAME.c that defines it
 * (see commands.h).  --help lists exactly these.
 */
static const struct command commands[] = {
	{ "resolve", cmd_resolve, true, "[OPTIONS]", "print one resolution" },
	{ "explain", cmd_explain, true, "[OPTIONS] PATH", "why PATH is (or is not) on sys.path" },
	{ "verify", cmd_verify, true, "[OPTIONS]", "run the real interpreter and diff" },
	{ "check", cmd_check, false, "SCENARIO...", "compare scenarios with their expect: blocks" },
	{ "capture", cmd_capture, true, "[OPTIONS] [-o FILE]", "write the inputs and files that matter as a scenario" },
};

/* The synopsis lines from the table, then the option text of cli.c. */
static int print_help(void)
{
	struct ps_buf b;
	size_t i;
	int rc;

	ps_buf_init(&b);
	ps_buf_addf(&b, "usage: %-36s%s\n", "pathscope [OPTIONS]", "explore the modelled interpreter (TUI)");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		/* a line added with only the first three fields still prints */
		char *syn = xasprintf("pathscope %s %s", commands[i].name,
				      commands[i].args ? commands[i].args : "[OPTIONS]");

		ps_buf_addf(&b, "       %-36s%s\n", syn, commands[i].summary ? commands[i].summary : "");
		free(syn);
	}
	ps_buf_adds(&b, cli_usage());
	xbuf_check(&b);
	rc = write_stdout(b.s, b.len) < 0 ? 2 : 0;
	ps_buf_release(&b);
	return rc;
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct ps_session s;
	struct ps_error err;
	struct ps_cli cli;
	int rc;

	setlocale(LC_ALL, "");
	ps_error_init(&err);
	if (cli_parse(argc, argv, &cli, &err) < 0) {
		print_msg("%s; try 'pathscope --help'", err.msg);
		cli_release(&cli);
		return 2;
	}
	if (cli.help || (cli.command && !strcmp(cli.command, "help"))) {
		rc = print_help();
		cli_release(&cli);
		return rc;
	}
	if (cli.version) {
		const char *v = "pathscope " PS_VERSION "\n";

		rc = write_stdout(v, strlen(v)) < 0 ? 2 : 0;
		cli_release(&cli);
		return rc;
	}
	if (cli.command) {
		cmd = find_command(cli.command);
		if (!cmd) {
			print_msg("unknown command '%s'; try 'pathscope --help'", cli.command);
			cli_release(&cli);
			return 2;
		}
	}
	if (cmd && !cmd->needs_session) {
		rc = cmd->run(&cli, NULL);
		cli_release(&cli);
		return rc;
	}
	if (session_open(&cli, &s, &err) < 0) {
		print_error(&err);
		cli_release(&cli);
		return 2;
	}
	/*
	 * The bare `pathscope` is the explorer, always: off a terminal it
	 * prints one line pointing at `resolve` and exits 2 itself (issue 4),
	 * rather than silently printing something else.
	 */
	rc = cmd ? cmd->run(&cli, &s) : explore_main(&cli, &s);
	session_close(&s);
	cli_release(&cli);
	return rc;
}
