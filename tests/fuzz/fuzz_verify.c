/*
 * fuzz_verify.c - libFuzzer harness for the parser of the verify probe's
 * output (ps_verify_parse: what a real interpreter printed, read back as
 * untrusted text) and the comparison and reports built on it.
 *
 * Input:  byte 0   bits 0-1 the prediction compared against: a 3.12
 *                  install, the same with -S -s, one that predicts a fatal
 *                  start-up error, a 2.7 install; bits 2-7 the exit status
 *         rest     the interpreter's stdout; after FZ_SEP its stderr
 *
 * Checks: parse gives 0 (probe_ok says whether the block was there) or -1
 * with a message; compare then gives 0 with ndiff <= n and every field
 * filled; its JSON is well-formed and its YAML written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The prediction for variant k (computed once, kept for the whole run). */
static const struct ps_result *prediction(unsigned k, const struct ps_inputs **inp)
{
	static struct ps_result r[4];
	static struct ps_inputs in[4];
	static bool done[4];

	if (!done[k]) {
		int minor = k == 3 ? 7 : 12, major = k == 3 ? 2 : 3;
		char lib[32], p[128];
		struct ps_vfs *vfs = ps_vfs_new(PS_PLATFORM_POSIX);
		struct ps_fs fs;
		struct ps_error err;

		if (!vfs)
			fz_die("out of memory");
		snprintf(lib, sizeof lib, "python%d.%d", major, minor);
		snprintf(p, sizeof p, "/usr/bin/%s", lib);
		fz_xfile(vfs, p);
		snprintf(p, sizeof p, "/usr/lib/%s/os.py", lib);
		fz_file(vfs, p, "");
		if (k != 2) {
			snprintf(p, sizeof p, "/usr/lib/%s/encodings/__init__.py", lib);
			fz_file(vfs, p, "");
			snprintf(p, sizeof p, "/usr/lib/%s/site.py", lib);
			fz_file(vfs, p, "");
		}
		snprintf(p, sizeof p, "/usr/lib/%s/lib-dynload", lib);
		fz_dir(vfs, p);
		snprintf(p, sizeof p, "/usr/lib/%s/site-packages", lib);
		fz_dir(vfs, p);
		fz_dir(vfs, "/home/u");
		ps_inputs_init(&in[k]);
		in[k].build.major = major;
		in[k].build.minor = minor;
		in[k].build.debian_site = 0;
		fz_set(&in[k].build.prefix, "/usr");
		snprintf(p, sizeof p, "/usr/bin/%s", lib);
		fz_set(&in[k].argv0, p);
		fz_set(&in[k].cwd, "/home/u");
		fz_env(&in[k], "HOME", "/home/u");
		in[k].flags.no_site = k == 1;
		in[k].flags.no_user_site = k == 1;
		in[k].run.kind = PS_RUN_COMMAND;
		fz_set(&in[k].run.arg, "pass");
		ps_vfs_fs(vfs, &fs);
		fs.cwd = in[k].cwd;
		ps_result_init(&r[k]);
		ps_error_init(&err);
		if (ps_compute(&in[k], &fs, &r[k], &err) != 0)
			fz_die("verify: the prediction failed: %s", err.msg);
		if ((k == 2) != r[k].has_fatal)
			fz_die("verify: prediction %u: has_fatal %d (%s)", k, (int)r[k].has_fatal,
			       r[k].fatal.cause ? r[k].fatal.cause : "");
		ps_vfs_free(vfs);
		done[k] = true;
	}
	*inp = &in[k];
	return &r[k];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	unsigned b0 = fz_u8(&f);
	const struct ps_inputs *in;
	const struct ps_result *r = prediction(b0 & 3, &in);
	size_t outlen = 0, errlen = 0;
	char *out = fz_section(&f, &outlen);
	char *errtext = fz_section(&f, &errlen);
	struct ps_observed o;
	struct ps_verify v;
	struct ps_error err;
	struct ps_buf b;
	char *exact = NULL;

	ps_observed_init(&o);
	ps_verify_init(&v);
	ps_error_init(&err);
	o.exit_status = (int)(b0 >> 2);
	o.stderr_text = errtext;
	errtext = NULL;
	/* exactly outlen bytes, no NUL after them: the parser gets a length */
	if (outlen) {
		exact = malloc(outlen);
		if (!exact)
			fz_die("out of memory");
		memcpy(exact, out, outlen);
	}
	if (ps_verify_parse(exact, outlen, &o, &err) != 0) {
		if (!err.msg[0])
			fz_die("verify: parse failed without a message");
		goto out;
	}
	if (ps_verify_compare(r, in, &o, &v, &err) != 0)
		fz_die("verify: compare failed: %s", err.msg);
	if (v.ndiff > v.n)
		fz_die("verify: %zu differences in %zu fields", v.ndiff, v.n);
	for (size_t i = 0; i < v.n; i++)
		if (!v.f[i].field || !v.f[i].predicted || !v.f[i].actual)
			fz_die("verify: field %zu not filled", i);
	ps_buf_init(&b);
	ps_verify_write_json(&v, &o, in->argv0, &b);
	if (b.oom)
		fz_die("verify json: out of memory");
	fz_json_check("verify", b.s, b.len);
	ps_buf_reset(&b);
	ps_verify_write_yaml(&v, &o, in->argv0, &b);
	ps_buf_release(&b);
out:
	free(exact);
	free(out);
	ps_verify_release(&v);
	ps_observed_release(&o);
	return 0;
}
