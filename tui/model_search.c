/*
 * model_search.c - search and filter (see model-int.h): one PCRE2 pattern
 * (match.c) for every pane; n and N move between matching rows of the
 * focused pane, f shows only the matching rows.  The view highlights the
 * matches with the same matcher.  No curses here.
 */
#include <string.h>

#include "match.h"
#include "model-int.h"

bool model_row_matches(struct ps_model *m, const struct ps_row *row)
{
	const char *text;

	if (!match_active(m->match))
		return false;
	text = model_row_text(m, row);
	return match_test(m->match, text, strlen(text));
}

/* How many of the rows shown in p match, and how many of them are at or before row upto. */
static size_t count_matches(struct ps_model *m, struct ps_pane *p, size_t upto, size_t *rank)
{
	size_t i, n = 0;

	*rank = 0;
	for (i = 0; i < p->nvis; i++)
		if (model_row_matches(m, &p->rows[p->vis[i]])) {
			n++;
			if (i <= upto)
				(*rank)++;
		}
	return n;
}

void search_find(struct ps_model *m, int dir, bool from_here)
{
	struct ps_pane *p = model_focused(m);
	size_t n = p->nvis, i, start, idx;

	if (!match_active(m->match)) {
		model_status(m, true, "no search pattern (type / first)");
		return;
	}
	if (!n) {
		model_status(m, true, "/%s/: no rows", match_pattern(m->match));
		return;
	}
	start = p->cur;
	for (i = from_here ? 0 : 1; i <= n; i++) {
		idx = dir > 0 ? (start + i) % n : (start + n * 2 - i) % n;
		if (model_row_matches(m, &p->rows[p->vis[idx]])) {
			size_t rank, total = count_matches(m, p, idx, &rank);
			p->cur = idx;
			pane_scroll_to_cursor(p);
			if (m->view != VIEW_PANES)
				pane_scroll(p, (long)idx - (long)p->top);
			model_status(m, false, "/%s/: match %zu of %zu", match_pattern(m->match), rank,
				     total);
			model_after_cursor_move(m);
			return;
		}
	}
	model_status(m, true, "/%s/: no match in this pane", match_pattern(m->match));
}

void search_submit(struct ps_model *m, const char *text)
{
	struct ps_error err;
	int i;

	ps_error_init(&err);
	if (match_set(m->match, text, &err) < 0) {
		/* the old pattern stays */
		model_status_err(m, &err);
		return;
	}
	if (!*text) {
		m->filter_on = false;
		model_status(m, false, "search cleared");
	}
	for (i = 0; i < PANE_COUNT; i++)
		pane_refilter(m, &m->pane[i], m->filter_on);
	if (m->view == VIEW_PANES && m->focus == PANE_TRACE)
		model_rebuild_result(m);
	if (*text)
		search_find(m, 1, true);
}

void search_toggle_filter(struct ps_model *m)
{
	int i;

	if (!match_active(m->match)) {
		model_status(m, true, "no search pattern to filter with (type / first)");
		return;
	}
	m->filter_on = !m->filter_on;
	for (i = 0; i < PANE_COUNT; i++) {
		pane_refilter(m, &m->pane[i], m->filter_on);
		pane_settle(&m->pane[i]);
	}
	if (m->focus == PANE_TRACE)
		model_rebuild_result(m);
	if (m->filter_on)
		model_status(m, false, "showing only rows matching /%s/", match_pattern(m->match));
	else
		model_status(m, false, "showing all rows");
}
