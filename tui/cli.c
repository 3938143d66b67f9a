/* cli.c - the command line parser; see cli.h for the syntax. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

enum opt_id {
	OPT_PYTHON, OPT_SCENARIO, OPT_RULES, OPT_ENV, OPT_UNSET, OPT_CLEAN_ENV, OPT_CWD,
	OPT_COMMAND, OPT_SCRIPT, OPT_MODULE, OPT_INTERACTIVE, OPT_FORMAT, OPT_VERBOSE,
	OPT_TRACE, OPT_OUTPUT, OPT_COLOR, OPT_THEME, OPT_NO_MOUSE, OPT_SCRIPT_KEYS, OPT_ASK,
	OPT_HELP, OPT_VERSION,
};

/* arg: 0 none, 1 required, 2 optional (only in the "=VALUE" form, or a known word next) */
static const struct opt {
	const char *name;
	enum opt_id id;
	int arg;
} long_opts[] = {
	{ "python", OPT_PYTHON, 1 },
	{ "scenario", OPT_SCENARIO, 1 },
	{ "rules", OPT_RULES, 1 },
	{ "env", OPT_ENV, 1 },
	{ "unset", OPT_UNSET, 1 },
	{ "clean-env", OPT_CLEAN_ENV, 0 },
	{ "cwd", OPT_CWD, 1 },
	{ "command", OPT_COMMAND, 1 },
	{ "script", OPT_SCRIPT, 1 },
	{ "module", OPT_MODULE, 1 },
	{ "interactive", OPT_INTERACTIVE, 0 },
	{ "format", OPT_FORMAT, 1 },
	{ "verbose", OPT_VERBOSE, 0 },
	{ "trace", OPT_TRACE, 0 },
	{ "output", OPT_OUTPUT, 1 },
	{ "color", OPT_COLOR, 2 },
	{ "colour", OPT_COLOR, 2 },
	{ "theme", OPT_THEME, 1 },
	{ "no-mouse", OPT_NO_MOUSE, 0 },
	{ "script-keys", OPT_SCRIPT_KEYS, 1 },
	{ "ask", OPT_ASK, 0 },
	{ "help", OPT_HELP, 0 },
	{ "version", OPT_VERSION, 0 },
};

void cli_init(struct ps_cli *cli)
{
	memset(cli, 0, sizeof(*cli));
	cli->format = PS_FORMAT_TEXT;
	cli->color = PS_COLOR_AUTO;
	cli->run_kind = PS_RUN_COMMAND;
}

void cli_release(struct ps_cli *cli)
{
	size_t i;

	for (i = 0; i < cli->nenvops; i++) {
		free(cli->envops[i].name);
		free(cli->envops[i].value);
	}
	free(cli->envops);
	free(cli->args);
	cli_init(cli);
}

const char *cli_format_name(enum ps_format f)
{
	switch (f) {
	case PS_FORMAT_JSON: return "json";
	case PS_FORMAT_YAML: return "yaml";
	default: return "text";
	}
}

static void push_envop(struct ps_cli *cli, const char *name, size_t namelen, const char *value)
{
	struct ps_cli_envop *op;

	cli->envops = xrealloc(cli->envops, (cli->nenvops + 1) * sizeof(*cli->envops));
	op = &cli->envops[cli->nenvops++];
	op->name = xmalloc(namelen + 1);
	memcpy(op->name, name, namelen);
	op->name[namelen] = '\0';
	op->value = value ? xstrdup(value) : NULL;
}

static void push_arg(struct ps_cli *cli, const char *arg)
{
	if (!cli->command) {
		cli->command = arg;
		return;
	}
	cli->args = xrealloc(cli->args, (cli->nargs + 1) * sizeof(*cli->args));
	cli->args[cli->nargs++] = arg;
}

static bool valid_env_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] == '=' || s[i] == '\0')
			return false;
	return true;
}

static void set_run(struct ps_cli *cli, enum ps_run_kind kind, const char *arg)
{
	cli->run_given = true;
	cli->run_kind = kind;
	cli->run_arg = arg;
}

/* Applies one option; `shown` is the option as the user typed it, for messages. */
static int apply(struct ps_cli *cli, enum opt_id id, const char *shown, const char *val,
		 struct ps_error *err)
{
	const char *eq;

	switch (id) {
	case OPT_PYTHON:
		if (!*val) {
			ps_error_set(err, PS_ERR_INVAL, "option '%s' needs a non-empty argument", shown);
			return -1;
		}
		cli->python = val;
		break;
	case OPT_SCENARIO:
		cli->scenario = val;
		break;
	case OPT_RULES:
		if (ps_version_parse(val, &cli->rules_major, &cli->rules_minor) < 0) {
			/* name what exists: "1.5" has the right shape and is still wrong */
			char known[256] = "";
			size_t k, used = 0;

			for (k = 0; k < ps_rules_count() && used < sizeof(known); k++) {
				size_t j;

				/* a version has a row per platform: name it once */
				for (j = 0; j < k && strcmp(ps_rules_name(j), ps_rules_name(k)); j++)
					;
				if (j == k)
					used += (size_t)snprintf(known + used, sizeof(known) - used, "%s%s",
								 used ? ", " : "", ps_rules_name(k));
			}
			ps_error_set(err, PS_ERR_INVAL, "bad --rules '%s': expected X.Y, one of %s", val, known);
			return -1;
		}
		cli->rules = val;
		break;
	case OPT_ENV:
		eq = strchr(val, '=');
		if (!eq || !valid_env_name(val, (size_t)(eq - val))) {
			ps_error_set(err, PS_ERR_INVAL, "bad --env '%s': expected NAME=VALUE", val);
			return -1;
		}
		push_envop(cli, val, (size_t)(eq - val), eq + 1);
		break;
	case OPT_UNSET:
		if (!valid_env_name(val, strlen(val))) {
			ps_error_set(err, PS_ERR_INVAL, "bad --unset '%s': expected a variable name", val);
			return -1;
		}
		push_envop(cli, val, strlen(val), NULL);
		break;
	case OPT_CLEAN_ENV:
		cli->clean_env = true;
		break;
	case OPT_CWD:
		if (!*val) {
			ps_error_set(err, PS_ERR_INVAL, "option '%s' needs a non-empty argument", shown);
			return -1;
		}
		cli->cwd = val;
		break;
	case OPT_COMMAND:
		set_run(cli, PS_RUN_COMMAND, val);
		break;
	case OPT_SCRIPT:
		set_run(cli, PS_RUN_SCRIPT, val);
		break;
	case OPT_MODULE:
		set_run(cli, PS_RUN_MODULE, val);
		break;
	case OPT_INTERACTIVE:
		set_run(cli, PS_RUN_INTERACTIVE, NULL);
		break;
	case OPT_FORMAT:
		if (!strcmp(val, "text"))
			cli->format = PS_FORMAT_TEXT;
		else if (!strcmp(val, "json"))
			cli->format = PS_FORMAT_JSON;
		else if (!strcmp(val, "yaml"))
			cli->format = PS_FORMAT_YAML;
		else {
			ps_error_set(err, PS_ERR_INVAL, "bad --format '%s': expected text, json or yaml", val);
			return -1;
		}
		cli->format_given = true;
		break;
	case OPT_VERBOSE:
		cli->verbose++;
		break;
	case OPT_TRACE:
		cli->trace = true;
		break;
	case OPT_OUTPUT:
		cli->output = val;
		break;
	case OPT_COLOR:
		if (!val || !strcmp(val, "always"))
			cli->color = PS_COLOR_ALWAYS;
		else if (!strcmp(val, "never"))
			cli->color = PS_COLOR_NEVER;
		else if (!strcmp(val, "auto"))
			cli->color = PS_COLOR_AUTO;
		else {
			ps_error_set(err, PS_ERR_INVAL, "bad --color '%s': expected never, auto or always", val);
			return -1;
		}
		cli->color_given = true;
		break;
	case OPT_THEME:
		cli->theme = val;
		break;
	case OPT_NO_MOUSE:
		cli->no_mouse = true;
		break;
	case OPT_SCRIPT_KEYS:
		cli->script_keys = val;
		break;
	case OPT_ASK:
		cli->ask = true;
		break;
	case OPT_HELP:
		cli->help = true;
		break;
	case OPT_VERSION:
		cli->version = true;
		break;
	}
	return 0;
}

static bool color_word(const char *s)
{
	return s && (!strcmp(s, "never") || !strcmp(s, "auto") || !strcmp(s, "always"));
}

/* Parses argv[*i] (a "--name[=value]"), advancing *i past a separate value. */
static int parse_long(struct ps_cli *cli, int argc, char **argv, int *i, struct ps_error *err)
{
	const char *a = argv[*i] + 2, *val = NULL, *eq = strchr(a, '=');
	size_t n = eq ? (size_t)(eq - a) : strlen(a), k;
	const struct opt *o = NULL;

	for (k = 0; k < sizeof(long_opts) / sizeof(long_opts[0]); k++)
		if (strlen(long_opts[k].name) == n && !strncmp(long_opts[k].name, a, n)) {
			o = &long_opts[k];
			break;
		}
	if (!o) {
		ps_error_set(err, PS_ERR_INVAL, "unknown option '--%.*s'", (int)n, a);
		return -1;
	}
	if (eq) {
		if (o->arg == 0) {
			ps_error_set(err, PS_ERR_INVAL, "option '--%s' takes no argument", o->name);
			return -1;
		}
		val = eq + 1;
	} else if (o->arg == 1) {
		if (*i + 1 >= argc) {
			ps_error_set(err, PS_ERR_INVAL, "option '--%s' needs an argument", o->name);
			return -1;
		}
		val = argv[++*i];
	} else if (o->arg == 2 && *i + 1 < argc && color_word(argv[*i + 1])) {
		val = argv[++*i];
	}
	char shown[64];
	snprintf(shown, sizeof(shown), "--%s", o->name);
	return apply(cli, o->id, shown, val, err);
}

/* Parses a group of short options argv[*i] ("-Es", "-c CODE", "-cCODE"). */
static int parse_short(struct ps_cli *cli, int argc, char **argv, int *i, struct ps_error *err)
{
	const char *a = argv[*i] + 1;

	for (; *a; a++) {
		enum opt_id id;
		char shown[3] = { '-', *a, '\0' };

		switch (*a) {
		case 'E': cli->flags.ignore_environment = true; cli->flags_given = true; continue;
		case 'I': cli->flags.isolated = true; cli->flags_given = true; continue;
		case 's': cli->flags.no_user_site = true; cli->flags_given = true; continue;
		case 'S': cli->flags.no_site = true; cli->flags_given = true; continue;
		case 'P': cli->flags.safe_path = true; cli->flags_given = true; continue;
		case 'v': cli->verbose++; continue;
		case 'h': cli->help = true; continue;
		case 'c': id = OPT_COMMAND; break;
		case 'm': id = OPT_MODULE; break;
		case 'o': id = OPT_OUTPUT; break;
		default:
			ps_error_set(err, PS_ERR_INVAL, "unknown option '-%c'", *a);
			return -1;
		}
		/* an option with an argument ends the group: the rest, or the next word */
		if (a[1])
			return apply(cli, id, shown, a + 1, err);
		if (*i + 1 >= argc) {
			ps_error_set(err, PS_ERR_INVAL, "option '%s' needs an argument", shown);
			return -1;
		}
		return apply(cli, id, shown, argv[++*i], err);
	}
	return 0;
}

/* Whether a word is named like a scenario file (FILE.yaml / FILE.yml). */
static bool scenario_name(const char *a)
{
	size_t n = strlen(a);

	return (n > 5 && !strcmp(a + n - 5, ".yaml")) || (n > 4 && !strcmp(a + n - 4, ".yml"));
}

/*
 * A scenario file given as a positional argument (`pathscope resolve
 * case.yaml`, `pathscope case.yaml`) is a common slip: say that it wants
 * --scenario, before a session is opened on the real python3 for nothing.
 */
static int check_positionals(const struct ps_cli *cli, struct ps_error *err)
{
	static const char *const no_args[] = { "resolve", "verify", "capture" };
	size_t i;

	if (!cli->command)
		return 0;
	if (scenario_name(cli->command)) {
		ps_error_set(err, PS_ERR_INVAL, "'%s' is not a command: to model a scenario, use "
			     "'pathscope resolve --scenario %s' (or the explorer: 'pathscope --scenario %s')",
			     cli->command, cli->command, cli->command);
		return -1;
	}
	for (i = 0; i < sizeof(no_args) / sizeof(no_args[0]); i++)
		if (!strcmp(cli->command, no_args[i]) && cli->nargs && scenario_name(cli->args[0])) {
			ps_error_set(err, PS_ERR_INVAL, "%s takes no arguments (got '%s'): to model a "
				     "scenario, use --scenario %s", cli->command, cli->args[0],
				     cli->args[0]);
			return -1;
		}
	return 0;
}

int cli_parse(int argc, char **argv, struct ps_cli *cli, struct ps_error *err)
{
	bool only_args = false;
	int i;

	cli_init(cli);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_args || a[0] != '-' || a[1] == '\0') {
			push_arg(cli, a);
		} else if (!strcmp(a, "--")) {
			only_args = true;
		} else if (a[1] == '-') {
			if (parse_long(cli, argc, argv, &i, err) < 0)
				return -1;
		} else if (parse_short(cli, argc, argv, &i, err) < 0) {
			return -1;
		}
	}
	if (cli->trace && !cli->verbose)
		cli->verbose = 1;
	return check_positionals(cli, err);
}

const char *cli_usage(void)
{
	return
"\n"
"Predicts how CPython computes sys.executable, sys.prefix, sys.exec_prefix,\n"
"their base_ twins and sys.path at start-up, without running Python.\n"
"\n"
"Inputs:\n"
"  --python PATH          interpreter to model, as typed (default python3)\n"
"  --scenario FILE        model a YAML scenario instead of the real system\n"
"  --rules X.Y            apply the rules of CPython X.Y (default: detected)\n"
"  -E -I -s -S -P         the interpreter flags of the same names\n"
"  --env NAME=VALUE       set a variable in the modelled environment\n"
"  --unset NAME           remove a variable from the modelled environment\n"
"  --clean-env            start from an empty environment\n"
"  --cwd DIR              modelled working directory\n"
"  --command CODE, -c     run mode: -c CODE (the default)\n"
"  --script FILE          run mode: a script path\n"
"  --module NAME, -m      run mode: -m NAME\n"
"  --interactive          run mode: the REPL\n"
"  --ask                  allow running the interpreter (-I -S -c) to learn\n"
"                         its build when it cannot be read from files\n"
"\n"
"Output:\n"
"  --format text|json|yaml  output format of resolve / explain / verify\n"
"  -v, --verbose, --trace   also print every probe and decision\n"
"  -o, --output FILE        where capture writes (default stdout)\n"
"  --color[=WHEN]           never, auto (default) or always\n"
"\n"
"Explorer:\n"
"  --theme NAME|FILE      colour theme\n"
"  --no-mouse             ignore the mouse\n"
"  --script-keys FILE     headless: replay keys from FILE, print the view\n"
"\n"
"  -h, --help             this help\n"
"  --version              print the version\n"
"\n"
"Exit status: 0 ok; 1 fatal start-up predicted, a check mismatch or a verify\n"
"difference; 2 bad usage or bad input.  See pathscope(1).\n";
}
