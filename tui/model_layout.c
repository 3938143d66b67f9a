/*
 * model_layout.c - where the panes go (see model.h, "Layout"): the result
 * takes the height sys.path needs, the trace grows while it has the
 * focus, and on a narrow screen the stepper view gives the trace and the
 * replayed state the full width.  No curses here: the boxes are numbers
 * that draw*.c and the tests read.
 */
#include "model-int.h"

/* Below this width the trace's stepper layout hides the inputs pane. */
#define STEPPER_COLS 120

/* Places a pane's box; footer lines are given when the box has room for rows as well. */
static void place(struct ps_pane *p, int x, int y, int w, int h, int footer)
{
	p->bx = x;
	p->by = y;
	p->bw = w;
	p->bh = h;
	p->shown = w > 2 && h > 2;
	while (footer > 0 && h - 2 - footer < 3)
		footer--;
	p->footer_h = footer;
	p->x = x + 1;
	p->y = y + 1;
	p->w = w > 2 ? w - 2 : 0;
	p->h = h > 2 + p->footer_h ? h - 2 - p->footer_h : 0;
	p->collapsed = false;
	pane_scroll_to_cursor(p);
}

/* Lines the pane's footer takes wrapped to width, at most max (at least 1). */
static int footer_lines(const struct ps_pane *p, int width, int max)
{
	struct ps_strv lines;
	int n;

	if (!p->footer)
		return 1;
	ps_strv_init(&lines);
	text_wrap(p->footer, width, 0, &lines);
	n = (int)lines.n;
	ps_strv_release(&lines);
	return n < 1 ? 1 : n > max ? max : n;
}

/* Width of the inputs column: enough for "PYTHONEXECUTABLE (unset)", the rest for paths. */
static int inputs_width(int cols)
{
	int left = cols * 7 / 20;
	if (cols < 70)
		return cols * 2 / 5;   /* small screens: the result keeps three fifths */
	return left < 24 ? 24 : left > 44 ? 44 : left;
}

static bool stepper_layout(const struct ps_model *m)
{
	return m->focus == PANE_TRACE && m->cols < STEPPER_COLS;
}

int layout_result_width(const struct ps_model *m)
{
	int w;

	if (!m->cols)
		return 76;
	w = m->zoom || stepper_layout(m) ? m->cols : m->cols - inputs_width(m->cols);
	return w - 4 > 8 ? w - 4 : 8;
}

/*
 * Stepping: the state as of the step above, the steps and the selected
 * one's note (up to 4 lines) below; the state gets what its final form
 * needs, the trace at least half.
 */
static void layout_trace_focus(struct ps_model *m, int top, int h, int left)
{
	struct ps_pane *in = &m->pane[PANE_INPUTS], *res = &m->pane[PANE_RESULT],
		       *tr = &m->pane[PANE_TRACE];
	int cols = m->cols, need, th, rh, x0 = left;
	size_t n = 0;

	if (m->have_result)
		result_entries(&m->res, &n);
	if (cols < STEPPER_COLS) {
		m->stepper = true;
		x0 = 0;
	} else {
		place(in, 0, top, left, h, 0);
	}
	need = 6 + 1 + (int)(n ? n : 1) + 2;
	th = h - need;
	if (th < h / 2 - 1)
		th = h / 2 - 1;
	if (th < 8 && th < h - 5)
		th = 8 < h - 5 ? 8 : h - 5;   /* small screens: 3 steps and 3 lines of note */
	if (th > h - 4)
		th = h - 4;
	rh = h - th;
	place(res, x0, top, cols - x0, rh, 0);
	/* the note of the selected step gets the lines it needs, up to 4 */
	place(tr, x0, top + rh, cols - x0, th, footer_lines(tr, cols - x0 - 2, 4));
}

void layout_update(struct ps_model *m)
{
	int cols = m->cols, lines = m->lines;
	int top = 1, h = lines - 2, left, rh, th, i, need, foot;
	struct ps_pane *in = &m->pane[PANE_INPUTS], *res = &m->pane[PANE_RESULT],
		       *tr = &m->pane[PANE_TRACE];

	if (!cols || !lines)
		return;
	m->too_small = cols < PS_MIN_COLS || lines < PS_MIN_LINES;
	m->stepper = false;
	if (m->too_small)
		return;
	/* the banner is wrapped to the result's width: rebuild it when that changed */
	if (m->result_wrap != layout_result_width(m))
		result_refresh(m);
	for (i = 0; i < PANE_COUNT; i++)
		m->pane[i].shown = false;
	/* the help and diff views take the whole area and have no footer */
	place(&m->help, 0, top, cols, h, 0);
	place(&m->diff, 0, top, cols, h, 0);
	if (m->zoom) {
		for (i = 0; i < PANE_COUNT; i++) {
			place(&m->pane[i], 0, top, cols, h, i == PANE_TRACE ? 4 : 3);
			m->pane[i].shown = i == (int)m->focus;
		}
		return;
	}
	left = inputs_width(cols);
	if (m->focus == PANE_TRACE) {
		layout_trace_focus(m, top, h, left);
		return;
	}
	/*
	 * the result takes the height its rows need (sys.path is what people
	 * come for); the trace gets what is left, at most a third, at least
	 * the one line of its summary
	 */
	foot = m->focus == PANE_RESULT ? footer_lines(res, cols - left - 2, 3) : 0;
	need = (int)res->nvis + 2 + foot;
	if (foot > 2 && need > h - 3) {
		foot = 2;   /* a line of footer less before a row of the result less */
		need--;
	}
	th = h - need;
	if (th > h / 3)
		th = h / 3;
	if (th < 3)
		th = 3;
	rh = h - th;
	place(in, 0, top, left, h, m->focus == PANE_INPUTS ? footer_lines(in, left - 2, 3) : 0);
	place(res, left, top, cols - left, rh, foot);
	place(tr, left, top + rh, cols - left, th, 0);
	tr->collapsed = tr->h <= 1 && tr->summary;
}

int model_layout(struct ps_model *m, int cols, int lines)
{
	m->cols = cols;
	m->lines = lines;
	m->too_small = cols < PS_MIN_COLS || lines < PS_MIN_LINES;
	layout_update(m);
	return PS_R_REDRAW;
}
