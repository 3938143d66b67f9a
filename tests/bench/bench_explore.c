/*
 * bench_explore.c - how long a toggle takes in the explorer: re-resolve,
 * model update and a full redraw (curses, into /dev/null), and how much
 * memory it holds.
 *
 *   bench_explore LABEL TARGET_MS [pathscope options...]
 *
 * Toggles -E 200 times over the session the options describe and prints
 * the median and worst time per toggle against TARGET_MS, and the peak
 * resident memory.  Exit 0 when it ran (the verdict is in the output:
 * timing is never asserted, machines differ); 2 on bad usage.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "draw.h"
#include "model.h"
#include "session.h"
#include "term.h"
#include "theme.h"

#define ROUNDS 200

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static long peak_rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kib;
}

int main(int argc, char **argv)
{
	struct ps_cli cli;
	struct ps_session s;
	struct ps_error err;
	struct ps_model m;
	struct ps_theme theme;
	struct ps_term t;
	double times[ROUNDS], resolve[ROUNDS], compute[ROUNDS], target;
	FILE *out, *in;
	SCREEN *scr;
	int i, rc;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_explore LABEL TARGET_MS [pathscope options...]\n");
		return 2;
	}
	target = atof(argv[2]);
	ps_error_init(&err);
	if (cli_parse(argc - 2, argv + 2, &cli, &err) < 0 || session_open(&cli, &s, &err) < 0) {
		fprintf(stderr, "bench_explore: %s\n", err.msg);
		return 2;
	}
	/* a real curses screen, written to /dev/null */
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	scr = newterm("xterm-256color", out, in);
	if (!scr) {
		fprintf(stderr, "bench_explore: no xterm-256color terminfo\n");
		return 2;
	}
	set_term(scr);
	start_color();
	use_default_colors();
	theme_builtin(&theme);
	memset(&t, 0, sizeof(t));
	t.utf8 = true;
	t.tier = PS_TIER_256;
	for (i = 0; i < ROLE_COUNT; i++) {
		init_pair((short)(i + 1), theme.style[PS_TIER_256][i].fg, theme.style[PS_TIER_256][i].bg);
		t.attr[i] = COLOR_PAIR(i + 1);
	}
	resizeterm(24, 80);

	model_init(&m, &s, &cli, true);
	model_layout(&m, 80, 24);
	/* the result pane, where a toggle changes most */
	model_action(&m, ACT_PANE_RESULT);
	draw_screen(&m, &t);
	for (i = 0; i < ROUNDS; i++) {
		double t0 = now_ms();
		rc = model_key(&m, 'E');
		if (rc & PS_R_REDRAW)
			draw_screen(&m, &t);
		times[i] = now_ms() - t0;
		resolve[i] = m.resolve_ms;
		compute[i] = m.compute_ms;
	}
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);

	qsort(times, ROUNDS, sizeof(times[0]), cmp_double);
	qsort(resolve, ROUNDS, sizeof(resolve[0]), cmp_double);
	qsort(compute, ROUNDS, sizeof(compute[0]), cmp_double);
	printf("%-28s toggle+redraw median %7.3f ms  p95 %7.3f ms  max %7.3f ms  "
	       "(engine %.3f + model %.3f)  target < %g ms: %s\n",
	       argv[1], times[ROUNDS / 2], times[ROUNDS * 95 / 100], times[ROUNDS - 1],
	       compute[ROUNDS / 2], resolve[ROUNDS / 2] - compute[ROUNDS / 2], target, times[ROUNDS / 2] < target ? "met" : "MISSED");
	printf("%-28s sys.path %zu entries, %zu trace steps, peak RSS %ld KiB (target < 16384 KiB: %s)\n",
	       argv[1], m.res.nentries, m.res.ntrace, peak_rss_kib(),
	       peak_rss_kib() < 16384 ? "met" : "MISSED");
	model_release(&m);
	session_close(&s);
	cli_release(&cli);
	return 0;
}
