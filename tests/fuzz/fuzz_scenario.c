/*
 * fuzz_scenario.c - libFuzzer harness for the scenario loader.
 *
 * Every input must either load or fail with a located error; never crash,
 * leak or read out of bounds.  When it loads, the scenario is written back
 * and reloaded, and writing the reloaded one must give the same text (the
 * writer's output is a fixed point: nothing is lost or changed on the way),
 * and its expect: block is run against an empty result.
 *
 * With PS_FUZZ_COMPUTE=1 in the environment the model itself also runs on
 * each loaded scenario and its result is written as JSON and YAML.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *detail, const char *a, const char *b)
{
	fprintf(stderr, "fuzz_scenario: %s: %s\n--- first:\n%s\n--- second:\n%s\n", what,
		detail ? detail : "", a ? a : "", b ? b : "");
	abort();
}

static void check_expect(const struct ps_scenario *sc)
{
	struct ps_result r;
	struct ps_mismatch *mm = NULL;
	size_t n = 0;
	struct ps_error err;

	ps_result_init(&r);
	if (ps_scenario_check(sc, &r, &mm, &n, &err) != 0 && err.code != PS_ERR_NOMEM)
		die("check failed", err.msg, NULL, NULL);
	if (n > sc->nexpect)
		die("more mismatches than expect: keys", NULL, NULL, NULL);
	ps_mismatches_free(mm, n);
	ps_result_release(&r);
}

static void compute(const struct ps_scenario *sc)
{
	struct ps_fs fs;
	struct ps_result r;
	struct ps_error err;
	struct ps_buf b;

	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = sc->inputs.cwd;
	ps_result_init(&r);
	ps_buf_init(&b);
	if (ps_compute(&sc->inputs, &fs, &r, &err) == 0) {
		ps_result_write_json(&r, &b);
		ps_result_write_yaml(&r, &b);
	}
	ps_buf_release(&b);
	ps_result_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int do_compute = -1;
	struct ps_error err;
	struct ps_scenario *sc, *sc2 = NULL;
	struct ps_buf w1, w2;

	if (do_compute < 0) {
		const char *e = getenv("PS_FUZZ_COMPUTE");

		do_compute = e && *e == '1';
	}
	sc = ps_scenario_load_string("fuzz.yaml", (const char *)data, size, &err);
	if (!sc) {
		if (err.code == PS_OK || !err.msg[0])
			die("failure without an error message", NULL, NULL, NULL);
		return 0;
	}
	check_expect(sc);
	if (do_compute)
		compute(sc);

	ps_buf_init(&w1);
	ps_buf_init(&w2);
	if (ps_scenario_write(&sc->inputs, sc->vfs, sc->name, sc->description, &w1, &err) < 0)
		die("write failed", err.msg, NULL, NULL);
	sc2 = ps_scenario_load_string("written.yaml", w1.s, w1.len, &err);
	if (!sc2) {
		char msg[600];

		snprintf(msg, sizeof msg, "%d:%d: %s", err.line, err.col, err.msg);
		die("written scenario does not load", msg, w1.s, NULL);
	}
	if (ps_scenario_write(&sc2->inputs, sc2->vfs, sc2->name, sc2->description, &w2, &err) < 0)
		die("second write failed", err.msg, NULL, NULL);
	if (w1.len != w2.len || memcmp(w1.s, w2.s, w1.len) != 0)
		die("write(load(write(x))) differs from write(x)", NULL, w1.s, w2.s);
	ps_buf_release(&w1);
	ps_buf_release(&w2);
	ps_scenario_free(sc2);
	ps_scenario_free(sc);
	return 0;
}
