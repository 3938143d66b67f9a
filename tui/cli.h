/*
 * cli.h - pathscope's command line, parsed (contract §1).
 *
 * cli_parse() only reads argv: it never touches the environment, the
 * filesystem or stdout.  It checks what can be checked from the text alone
 * (an option's argument is present, --format is text|json|yaml, --rules is
 * "X.Y", --env has an '=', --color is never|auto|always, a FILE.yaml given
 * as the subcommand or as the argument of resolve/verify/capture, which
 * wants --scenario) and leaves the rest (does the subcommand exist? does
 * the scenario load?) to its callers.
 *
 * Syntax accepted:
 *   - options may appear before or after the subcommand and between
 *     positional arguments; "--" ends the options;
 *   - long options take their value as "--opt VALUE" or "--opt=VALUE";
 *   - the boolean short flags -E -I -s -S -P -v -h may be grouped ("-Es");
 *   - -c CODE and -m NAME are short for --command and --module (as python);
 *   - the first positional argument is the subcommand, the rest are args.
 *
 * Strings in struct ps_cli are borrowed from argv (which lives as long as
 * the program) unless said otherwise; the arrays are owned and freed by
 * cli_release().
 */
#ifndef PS_TUI_CLI_H
#define PS_TUI_CLI_H

#include "engine.h"

enum ps_format { PS_FORMAT_TEXT = 0, PS_FORMAT_JSON, PS_FORMAT_YAML };
enum ps_color { PS_COLOR_AUTO = 0, PS_COLOR_NEVER, PS_COLOR_ALWAYS };

/* One --env NAME=VALUE or --unset NAME, in command-line order. */
struct ps_cli_envop {
	char *name;       /* owned */
	char *value;      /* owned; NULL for --unset */
};

struct ps_cli {
	/* what to do */
	const char *command;          /* subcommand as typed; NULL = the explorer */
	const char **args;            /* positional arguments after the subcommand (array owned, strings borrowed) */
	size_t nargs;

	/* inputs of the model (contract §1) */
	const char *python;           /* --python; NULL = not given (session uses "python3") */
	const char *scenario;         /* --scenario FILE, NULL = real filesystem */
	const char *rules;            /* --rules as typed, NULL = detect */
	int rules_major, rules_minor; /* parsed --rules, 0/0 when not given */
	struct ps_cli_flags flags;    /* -E -I -s -S -P */
	bool flags_given;             /* at least one of -E -I -s -S -P was given */
	struct ps_cli_envop *envops;  /* --env / --unset in order (owned) */
	size_t nenvops;
	bool clean_env;               /* --clean-env */
	const char *cwd;              /* --cwd DIR, NULL = getcwd() (or the scenario's) */
	bool run_given;               /* one of --command/--script/--module/--interactive given */
	enum ps_run_kind run_kind;    /* valid when run_given (last one wins) */
	const char *run_arg;          /* code / script / module; NULL for --interactive */

	/* output */
	enum ps_format format;        /* --format, default text */
	bool format_given;
	int verbose;                  /* -v / --verbose, repeatable: 1 shows the trace */
	bool trace;                   /* --trace: show the full trace (same as -v) */
	const char *output;           /* -o / --output FILE (capture), NULL = stdout */

	/* explorer */
	enum ps_color color;          /* --color[=WHEN]; bare --color = always; NO_COLOR is the caller's business */
	bool color_given;
	const char *theme;            /* --theme NAME|FILE, NULL = default */
	bool no_mouse;                /* --no-mouse */
	const char *script_keys;      /* --script-keys FILE: headless scripted run (TUI tests) */

	/* misc */
	bool ask;                     /* --ask: allowed to run the interpreter to learn its build */
	bool help;                    /* -h / --help */
	bool version;                 /* --version */
};

void cli_init(struct ps_cli *cli);
void cli_release(struct ps_cli *cli);

/*
 * Parses argv[1..argc-1] into *cli (which cli_parse initialises; call
 * cli_release() afterwards in every case).  Returns 0, or -1 with err set
 * to a one-line, lower-case message such as "unknown option '--x'" or
 * "option '--format' needs an argument" (code PS_ERR_INVAL; the caller
 * prints it as "pathscope: MSG" and exits 2).
 */
int cli_parse(int argc, char **argv, struct ps_cli *cli, struct ps_error *err);

/* Name of a format ("text", "json", "yaml"); static. */
const char *cli_format_name(enum ps_format f);

/* The --help text after the synopsis lines (which main.c makes from its command table); static. */
const char *cli_usage(void);

#endif /* PS_TUI_CLI_H */
