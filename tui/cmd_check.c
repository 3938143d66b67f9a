/*
 * cmd_check.c - `pathscope check SCENARIO...`: resolve each scenario and
 * compare with its expect: block.
 *
 * Scenarios are checked as written: the command line's model options
 * (--rules, -S, --env ...) do not apply, so a scenario's expectations mean
 * the same thing wherever it is checked.  Output, one block per file:
 *   ok FILE (NAME)
 *   FAIL FILE (NAME)
 *     KEY
 *       expected: JSON
 *       actual:   JSON
 * then a summary line.  Exit 0 all ok, 1 a mismatch or a scenario that
 * could not be computed (no rules for its version), 2 a file that could
 * not be loaded (reported as "pathscope: FILE:LINE:COL: message").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "util.h"

static void colored(struct ps_buf *b, bool color, const char *esc, const char *s)
{
	if (color)
		ps_buf_addf(b, "\033[%sm%s\033[0m", esc, s);
	else
		ps_buf_adds(b, s);
}

static void name_suffix(struct ps_buf *b, const struct ps_session *s)
{
	if (s->scenario && s->scenario->name && *s->scenario->name)
		ps_buf_addf(b, " (%s)", s->scenario->name);
}

/* Checks one file; returns 0 ok, 1 mismatch/compute failure, 2 load failure. */
static int check_one(const char *file, bool color, struct ps_buf *b)
{
	struct ps_cli c;
	struct ps_session s;
	struct ps_result r;
	struct ps_error err;
	struct ps_mismatch *mm = NULL;
	size_t nmm = 0, i;
	int rc = 0;

	cli_init(&c);
	c.scenario = file;
	ps_error_init(&err);
	if (session_open(&c, &s, &err) < 0) {
		/* flush what we have so the error line appears in order */
		xbuf_check(b);
		write_stdout(b->s, b->len);
		ps_buf_reset(b);
		if (!err.file[0])
			snprintf(err.file, sizeof(err.file), "%s", file);
		print_error(&err);
		return 2;
	}
	ps_result_init(&r);
	if (session_compute(&s, &r, &err) < 0) {
		char line[1024];

		colored(b, color, "1;31", "FAIL");
		ps_buf_addf(b, " %s", file);
		name_suffix(b, &s);
		ps_buf_addf(b, "\n  cannot compute: %s\n", ps_error_format(&err, line, sizeof(line)));
		rc = 1;
		goto out;
	}
	if (ps_scenario_check(s.scenario, &r, &mm, &nmm, &err) < 0) {
		char line[1024];

		colored(b, color, "1;31", "FAIL");
		ps_buf_addf(b, " %s", file);
		name_suffix(b, &s);
		ps_buf_addf(b, "\n  cannot check: %s\n", ps_error_format(&err, line, sizeof(line)));
		rc = 1;
		goto out;
	}
	if (nmm == 0) {
		colored(b, color, "32", "ok");
		ps_buf_addf(b, " %s", file);
		name_suffix(b, &s);
		if (s.scenario->nexpect == 0)
			ps_buf_adds(b, " [no expect: block, nothing compared]");
		ps_buf_addc(b, '\n');
	} else {
		colored(b, color, "1;31", "FAIL");
		ps_buf_addf(b, " %s", file);
		name_suffix(b, &s);
		ps_buf_addc(b, '\n');
		for (i = 0; i < nmm; i++)
			ps_buf_addf(b, "  %s\n    expected: %s\n    actual:   %s\n", mm[i].key,
				    mm[i].expected ? mm[i].expected : "(absent)",
				    mm[i].actual ? mm[i].actual : "(absent)");
		rc = 1;
	}
out:
	ps_mismatches_free(mm, nmm);
	ps_result_release(&r);
	session_close(&s);
	return rc;
}

int cmd_check(const struct ps_cli *cli, struct ps_session *s_unused)
{
	size_t i, ok = 0, failed = 0, bad = 0;
	bool color = want_color(cli, 1);
	struct ps_buf b;

	if (cli->nargs == 0) {
		print_msg("check needs at least one scenario file; try 'pathscope --help'");
		return 2;
	}
	ps_buf_init(&b);
	for (i = 0; i < cli->nargs; i++) {
		switch (check_one(cli->args[i], color, &b)) {
		case 0: ok++; break;
		case 1: failed++; break;
		default: bad++; break;
		}
	}
	ps_buf_addf(&b, "%zu scenario%s: %zu ok, %zu failed", cli->nargs, cli->nargs == 1 ? "" : "s",
		    ok, failed);
	if (bad)
		ps_buf_addf(&b, ", %zu could not be loaded", bad);
	ps_buf_addc(&b, '\n');
	xbuf_check(&b);
	if (write_stdout(b.s, b.len) < 0)
		bad++;
	ps_buf_release(&b);
	return bad ? 2 : failed ? 1 : 0;
}
