/*
 * model_dump.c - the title line, and the text dump of the view model that
 * the script mode prints and tests compare (see model.h).  No curses here.
 */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "model-int.h"

void model_title(struct ps_model *m, struct ps_buf *out)
{
	const struct ps_scenario *sc = m->s->scenario;

	/* the rules first: a long scenario name or path is what gets cut */
	ps_buf_addf(out, "pathscope %d.%d %s %s ", m->s->in.build.major, m->s->in.build.minor,
		    ps_platform_name(m->s->in.build.platform), m->utf8 ? "\xc2\xb7" : "-");
	if (sc) {
		const char *base = sc->path ? strrchr(sc->path, '/') : NULL;
		base = base ? base + 1 : sc->path ? sc->path : "scenario";
		ps_buf_adds(out, base);
		if (sc->name && *sc->name)
			ps_buf_addf(out, ": %s", sc->name);
	} else {
		char *d = session_describe(m->s);
		ps_buf_addf(out, "%s (real files; edits stay virtual)", d);
		free(d);
	}
}

static void dump_pane(struct ps_model *m, struct ps_pane *p, const char *name, bool focus,
		      struct ps_buf *out)
{
	size_t i;

	ps_buf_addf(out, "== %s: %s%s\n", name, p->title, focus ? " [focus]" : "");
	if (p->collapsed && p->summary)
		ps_buf_addf(out, "~~ collapsed: %s\n", p->summary);
	for (i = 0; i < p->nvis; i++) {
		const struct ps_row *r = &p->rows[p->vis[i]];
		bool cur = focus && i == p->cur && r->selectable;
		ps_buf_addf(out, "%c%c %s\n", cur ? '>' : ' ', r->mark, model_row_text(m, r));
	}
	if (!p->nvis && m->filter_on)
		ps_buf_addf(out, "   (no row matches /%s/)\n", match_pattern(m->match));
	if (p->footer && focus)
		ps_buf_addf(out, "-- %s\n", p->footer);
}

void model_dump(struct ps_model *m, struct ps_buf *out)
{
	static const char *const names[PANE_COUNT] = { "inputs", "result", "trace" };
	int i;

	ps_buf_adds(out, "#### ");
	model_title(m, out);
	ps_buf_addc(out, '\n');
	if (m->too_small) {
		ps_buf_addf(out, "terminal too small (%dx%d); need at least %dx%d\n", m->cols, m->lines,
			    PS_MIN_COLS, PS_MIN_LINES);
	} else if (m->view == VIEW_HELP) {
		dump_pane(m, &m->help, "help", true, out);
	} else if (m->view == VIEW_DIFF) {
		dump_pane(m, &m->diff, "diff", true, out);
	} else {
		for (i = 0; i < PANE_COUNT; i++)
			if (m->pane[i].shown)
				dump_pane(m, &m->pane[i], names[i], m->focus == (enum ps_pane_id)i, out);
	}
	if (m->prompt)
		ps_buf_addf(out, "prompt: %s%s\n", m->prompt_label, m->prompt_buf.s);
	else
		ps_buf_addf(out, "status%s: %s\n", m->status_error ? " (error)" : "", m->status);
	xbuf_check(out);
}
