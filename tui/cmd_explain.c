/*
 * cmd_explain.c - `pathscope explain [OPTIONS] PATH`: why PATH is on the
 * modelled sys.path (the chain of decisions that put it there), or why not
 * (which rule would have added it and what was missing).
 *
 * Exit status (contract §1): 0 when answered, present or absent; 1 when
 * the interpreter would not start (there is no sys.path); 2 on bad usage.  The answer itself comes
 * from ps_explain(); this file only formats it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "util.h"

static void render_text(const struct ps_explanation *x, const struct ps_result *r,
			const struct ps_session *s, struct ps_buf *out)
{
	const struct ps_entry *e = x->on_path && (size_t)x->index < r->nentries
		? &r->entries[x->index] : NULL;

	ps_buf_addf(out, "%s\n", x->path);
	if (strcmp(x->argument, x->path))
		ps_buf_addf(out, "  (argument '%s', made absolute against the modelled cwd %s)\n",
			    x->argument, s->in.cwd ? s->in.cwd : "");
	if (x->on_path) {
		ps_buf_addf(out, "on sys.path at index %ld", x->index);
		if (x->also >= 0)
			ps_buf_addf(out, " (and again at %ld, as '%s')", x->also,
				    r->sys.path.v[x->also]);
		ps_buf_addc(out, '\n');
		if (e)
			ps_buf_addf(out, "  origin: %s%s\n", ps_origin_name(e->origin),
				    e->exists ? "" : " (does not exist)");
	} else {
		ps_buf_adds(out, "not on sys.path\n");
	}
	ps_buf_addf(out, "  %s\n", x->summary);
	if (x->rule)
		ps_buf_addf(out, "  rule: %s\n", x->rule);
	if (x->missing)
		ps_buf_addf(out, "  missing: %s\n", x->missing);
	if (!x->on_path && x->nearest >= 0 && (size_t)x->nearest < r->sys.path.n)
		ps_buf_addf(out, "  nearest entry: sys.path[%ld] '%s'\n", x->nearest,
			    r->sys.path.v[x->nearest]);
	if (!x->on_path && s)
		ps_buf_addf(out, "  on the modelled filesystem it %s\n",
			    ps_fs_isdir(&s->fs, x->path) ? "is a directory"
			    : ps_fs_exists(&s->fs, x->path) ? "exists (not a directory)"
			    : "does not exist");
	if (x->nsteps) {
		ps_buf_adds(out, "why:\n");
		for (size_t i = 0; i < x->nsteps; i++) {
			if (x->steps[i].step >= 0)
				ps_buf_addf(out, "  %2zu. [%ld] %s\n", i + 1, x->steps[i].step,
					    x->steps[i].sentence);
			else
				ps_buf_addf(out, "  %2zu. %s\n", i + 1, x->steps[i].sentence);
		}
	}
	if (x->npth) {
		ps_buf_adds(out, ".pth lines naming it:\n");
		for (size_t i = 0; i < x->npth; i++) {
			const struct ps_pth_line *l = &r->pth[x->pth[i]];
			ps_buf_addf(out, "  %s:%d: %s", l->file, l->line, ps_pth_action_name(l->action));
			if (l->detail)
				ps_buf_addf(out, ": %s", l->detail);
			ps_buf_addc(out, '\n');
		}
	}
}

int cmd_explain(const struct ps_cli *cli, struct ps_session *s)
{
	struct ps_result r;
	struct ps_explanation x;
	struct ps_error err;
	struct ps_buf out;
	int rc;

	if (cli->nargs != 1) {
		print_msg("explain takes one PATH argument%s; try 'pathscope --help'",
			  cli->nargs ? " (got more than one)" : "");
		return 2;
	}
	ps_error_init(&err);
	ps_result_init(&r);
	ps_explanation_init(&x);
	if (session_compute(s, &r, &err) < 0) {
		print_error(&err);
		ps_result_release(&r);
		return 2;
	}
	if (ps_explain(&r, &s->in, cli->args[0], &x, &err) < 0) {
		if (err.code == PS_ERR_NOMEM)
			die_oom();
		print_error(&err);
		ps_result_release(&r);
		return 2;
	}
	ps_buf_init(&out);
	switch (cli->format) {
	case PS_FORMAT_JSON:
		ps_explanation_write_json(&x, &r, &out);
		break;
	case PS_FORMAT_YAML:
		ps_explanation_write_yaml(&x, &r, &out);
		break;
	default:
		render_text(&x, &r, s, &out);
		break;
	}
	xbuf_check(&out);
	if (out.len && out.s[out.len - 1] != '\n')
		ps_buf_addc(&out, '\n');
	xbuf_check(&out);
	rc = write_stdout(out.s, out.len) < 0 ? 2 : r.has_fatal ? 1 : 0;
	ps_buf_release(&out);
	ps_explanation_release(&x);
	ps_result_release(&r);
	return rc;
}
