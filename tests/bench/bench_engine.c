/*
 * bench_engine.c - the engine alone: how long ps_compute() takes on a
 * scenario, toggling -E between runs as the explorer's benchmark does.
 *
 *   bench_engine LABEL TARGET_MS SCENARIO [ROUNDS]
 *
 * Prints the median, p95 and worst wall time per computation, the median
 * CPU time (the verdict: a loaded machine inflates the wall clock), the
 * trace length and sys.path length.  Timing is never asserted (machines differ): exit 0
 * when it ran, 2 on bad usage or a scenario that does not load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"

static double now_ms(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct ps_error err;
	struct ps_scenario *sc;
	struct ps_result r;
	struct ps_fs fs;
	double *times, *cpu, target;
	int rounds, i;

	if (argc < 4) {
		fprintf(stderr, "usage: bench_engine LABEL TARGET_MS SCENARIO [ROUNDS]\n");
		return 2;
	}
	target = atof(argv[2]);
	rounds = argc > 4 ? atoi(argv[4]) : 200;
	if (rounds < 1)
		rounds = 1;
	ps_error_init(&err);
	sc = ps_scenario_load(argv[3], &err);
	if (!sc) {
		char buf[1024];
		fprintf(stderr, "bench_engine: %s\n", ps_error_format(&err, buf, sizeof buf));
		return 2;
	}
	times = calloc((size_t)rounds, sizeof *times);
	cpu = calloc((size_t)rounds, sizeof *cpu);
	if (!times || !cpu)
		return 2;
	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = sc->inputs.cwd;
	ps_result_init(&r);
	for (i = 0; i < rounds; i++) {
		double t0, c0;
		sc->inputs.flags.ignore_environment = !sc->inputs.flags.ignore_environment;
		c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
		t0 = now_ms(CLOCK_MONOTONIC);
		if (ps_compute(&sc->inputs, &fs, &r, &err) < 0) {
			fprintf(stderr, "bench_engine: %s\n", err.msg);
			return 2;
		}
		times[i] = now_ms(CLOCK_MONOTONIC) - t0;
		cpu[i] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	qsort(times, (size_t)rounds, sizeof *times, cmp_double);
	qsort(cpu, (size_t)rounds, sizeof *cpu, cmp_double);
	/* CPU time as well: on a loaded machine the wall clock mostly measures waiting */
	printf("%-28s engine median %7.3f ms (cpu %7.3f)  p95 %7.3f ms  max %7.3f ms  "
	       "target < %g ms: %s  (%zu trace steps, %zu sys.path entries)\n",
	       argv[1], times[rounds / 2], cpu[rounds / 2], times[rounds * 95 / 100],
	       times[rounds - 1], target, cpu[rounds / 2] < target ? "met" : "MISSED", r.ntrace,
	       r.sys.path.n);
	ps_result_release(&r);
	ps_scenario_free(sc);
	free(times);
	free(cpu);
	return 0;
}
