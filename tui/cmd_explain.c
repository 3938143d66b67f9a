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

#define WIDTH 80
#define LCOL 12   /* value column of the "label  value" lines */

/* "  label     value" with the value wrapped at LCOL. */
static void labelled(struct ps_buf *out, const char *label, const char *value)
{
	ps_buf_addf(out, "  %-*s", LCOL - 2, label);
	wrap_text(out, value, LCOL, LCOL, WIDTH);
}

/*
 * For an 80-column terminal: the path, a verdict line, the summary
 * sentence, the rule/missing/nearest facts as aligned labels, then the
 * numbered chain ("why") and the .pth lines naming the path.  Sentences
 * are wrapped; a path longer than a line gets a line of its own.
 */
static void render_text(const struct ps_explanation *x, const struct ps_result *r,
			const struct ps_session *s, struct ps_buf *out)
{
	const struct ps_entry *e = x->on_path && (size_t)x->index < r->nentries
		? &r->entries[x->index] : NULL;
	char *tmp;

	ps_buf_addf(out, "%s\n", x->path);
	if (strcmp(x->argument, x->path)) {
		tmp = xasprintf("(argument '%s', made absolute against the modelled cwd %s)", x->argument,
				s->in.cwd ? s->in.cwd : "");
		wrap_text(out, tmp, 2, 0, WIDTH);
		free(tmp);
	}
	if (x->on_path) {
		if (x->also >= 0)
			tmp = xasprintf("on sys.path at index %ld (and again at %ld, as '%s')", x->index,
					x->also, r->sys.path.v[x->also]);
		else
			tmp = xasprintf("on sys.path at index %ld", x->index);
		wrap_text(out, tmp, 2, 0, WIDTH);
		free(tmp);
	} else if (x->is_pth || !r->has_sys) {
		/* a .pth file is never "on sys.path"; without a sys.path the summary says why */
	} else if (strncmp(x->summary, "not on sys.path", 15)) {
		/* the summary says "not added: ..." : the verdict comes first, once */
		ps_buf_adds(out, "  not on sys.path\n");
	}
	wrap_text(out, x->summary, 2, 0, WIDTH);
	ps_buf_addc(out, '\n');
	if (e) {
		tmp = xasprintf("%s%s", ps_origin_name(e->origin),
				e->exists || !e->path[0] ? "" : " (does not exist)");
		labelled(out, "origin", tmp);
		free(tmp);
	}
	if (x->rule)
		labelled(out, "rule", x->rule);
	if (x->missing)
		labelled(out, "missing", x->missing);
	if (x->fix)
		labelled(out, "fix", x->fix);
	if (!x->on_path && x->nearest >= 0 && (size_t)x->nearest < r->sys.path.n) {
		tmp = xasprintf("sys.path[%ld] '%s'", x->nearest, r->sys.path.v[x->nearest]);
		labelled(out, "nearest", tmp);
		free(tmp);
	}
	if (!x->on_path && s && r->has_sys)
		labelled(out, "on disk",
			 ps_fs_isdir(&s->fs, x->path) ? "a directory (modelled filesystem)"
			 : ps_fs_isfile(&s->fs, x->path) ? "a file, not a directory (modelled filesystem)"
			 : ps_fs_exists(&s->fs, x->path) ? "exists, not a directory (modelled filesystem)"
			 : "does not exist (modelled filesystem)");
	if (x->notes.n) {
		ps_buf_adds(out, "\n");
		for (size_t i = 0; i < x->notes.n; i++) {
			ps_buf_adds(out, "  - ");
			wrap_text(out, x->notes.v[i], 4, 4, WIDTH);
		}
	}
	if (x->nlines) {
		ps_buf_adds(out, "\nits lines\n");
		for (size_t i = 0; i < x->nlines; i++) {
			const struct ps_pth_line *l = &r->pth[x->lines[i]];
			char head[64];

			snprintf(head, sizeof(head), "  %3d  %-9s  ", l->line, ps_pth_action_name(l->action));
			ps_buf_adds(out, head);
			wrap_text(out, l->text && *l->text ? l->text : "''", 18, strlen(head), WIDTH);
			if (l->detail) {
				ps_buf_adds(out, "                  ");
				wrap_text(out, l->detail, 18, 18, WIDTH);
			}
		}
	}
	if (x->nsteps) {
		ps_buf_adds(out, "\nwhy (trace step in brackets; resolve -v shows them all)\n");
		for (size_t i = 0; i < x->nsteps; i++) {
			char head[48];

			if (x->steps[i].step >= 0)
				snprintf(head, sizeof(head), "  %2zu. [%ld] ", i + 1, x->steps[i].step);
			else
				snprintf(head, sizeof(head), "  %2zu. ", i + 1);
			ps_buf_adds(out, head);
			wrap_text(out, x->steps[i].sentence, 6, strlen(head), WIDTH);
		}
	}
	if (x->npth) {
		ps_buf_adds(out, "\n.pth lines naming it\n");
		for (size_t i = 0; i < x->npth; i++) {
			const struct ps_pth_line *l = &r->pth[x->pth[i]];

			tmp = xasprintf("%s:%d: %s%s%s", l->file, l->line, ps_pth_action_name(l->action),
					l->detail ? ": " : "", l->detail ? l->detail : "");
			wrap_text(out, tmp, 6, 0, WIDTH);
			free(tmp);
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
	if (session_compute_report(s, &r) < 0)
		return 2;
	if (ps_explain_fs(&r, &s->in, &s->fs, cli->args[0], &x, &err) < 0) {
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
	rc = write_stdout_buf(&out) < 0 ? 2 : r.has_fatal ? 1 : 0;
	ps_explanation_release(&x);
	ps_result_release(&r);
	return rc;
}
