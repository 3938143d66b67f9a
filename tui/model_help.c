/*
 * model_help.c - the help view (see model-int.h): what the panes are for
 * a newcomer, then every key, generated from the key table (keymap.c) so
 * the two cannot disagree.  No curses here.
 */
#include <stdio.h>

#include "model-int.h"

/* The name of the first key bound to act in ctx ("3", "Enter"), into buf. */
static const char *key_of(enum ps_action act, unsigned ctx, char *buf, size_t size)
{
	return keymap_key_name(keymap_key_for(act, ctx), buf, size);
}

/*
 * What a newcomer needs before the key list: what the three panes are and
 * how to use them (keys from the key table).
 */
static void help_intro(struct ps_model *m, struct ps_strv *out)
{
	char k1[16], k2[16], k3[16], ke[16], kd[16];

	ps_strv_push(out, "What this is");
	ps_strv_push(out, "  pathscope predicts how Python computes sys.prefix and sys.path at start-up,");
	ps_strv_push(out, "  without running it, and shows why.  Change an input: everything follows.");
	ps_strv_pushf(out, "  %s inputs   what Python starts with: flags, PYTHON* variables, venv, ._pth,",
		      key_of(ACT_PANE_INPUTS, PS_CTX_PANES, k1, sizeof(k1)));
	ps_strv_pushf(out, "             version; %s toggles or edits the row under the cursor",
		      key_of(ACT_ACTIVATE, PS_CTX_INPUTS, ke, sizeof(ke)));
	ps_strv_pushf(out, "  %s result   sys values and sys.path; %s on a row: the step behind it",
		      key_of(ACT_PANE_RESULT, PS_CTX_PANES, k2, sizeof(k2)),
		      key_of(ACT_JUMP_ENTRY, PS_CTX_RESULT, ke, sizeof(ke)));
	ps_strv_pushf(out, "  %s trace    every probe of the landmark search: step with %s/%s and",
		      key_of(ACT_PANE_TRACE, PS_CTX_PANES, k3, sizeof(k3)),
		      key_of(ACT_DOWN, PS_CTX_TRACE, ke, sizeof(ke)), key_of(ACT_UP, PS_CTX_TRACE, kd, sizeof(kd)));
	ps_strv_push(out, "             watch the state fill in above it");
	ps_strv_pushf(out, "  %s          changes since the start (+ ~ - mark what the last change did)",
		      key_of(ACT_DIFF, PS_CTX_PANES, kd, sizeof(kd)));
	ps_strv_pushf(out, "  %s", m->real_mode ? "Edits to files are a virtual overlay: nothing is ever written to disk." :
		      "Edits change the scenario in memory only; w writes them to a new file.");
	ps_strv_push(out, "");
}

void help_build(struct ps_model *m)
{
	struct ps_strv lines;
	size_t i;

	ps_strv_init(&lines);
	help_intro(m, &lines);
	keymap_help_lines(&lines);
	pane_clear_rows(&m->help);
	snprintf(m->help.title, sizeof(m->help.title), "help (q or Esc closes)");
	for (i = 0; i < lines.n; i++) {
		const char *l = lines.v[i];
		bool heading = *l && *l != ' ';
		struct ps_row *r = pane_add(&m->help, ROW_HELP, 0, heading ? ROLE_HEADER : ROLE_DEFAULT,
					    "%s", l);
		/* "  KEYS  text": keys in the key colour */
		if (!heading && *l) {
			r->label_len = strlen(l) < 19 ? strlen(l) : 19;
			r->label_role = ROLE_KEY;
		}
	}
	ps_strv_release(&lines);
	pane_refilter(m, &m->help, false);
	m->help.top = m->help.cur = 0;
}
