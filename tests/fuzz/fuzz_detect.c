/*
 * fuzz_detect.c - libFuzzer harness for ps_detect_build (engine/detect.c):
 * the parsers that read untrusted bytes of a real installation: the ELF
 * dynamic section of the interpreter (DT_NEEDED, RPATH, RUNPATH, through
 * the PT_LOAD segments), _sysconfigdata*.py (a Python dict literal read as
 * text), config-X.Y/Makefile (variables with $(X) references),
 * patchlevel.h, pyenv and asdf shims, .python-version / .tool-versions,
 * and site.py.
 *
 * The tree is a pyenv-style install P = /root/.pyenv/versions/<v> (the
 * RUNPATH of the real pyenv binaries, so real ELF seeds find their
 * libpython):
 *   P/bin/python3.X (or P/bin/python, no version in the name)   section 1
 *   P/lib/libpython3.X.so.1.0 (bit 3)
 *   P/lib[64]/python3.X/_sysconfigdata__linux_x86_64-linux-gnu.py  section 2
 *   P/lib[64]/python3.X/config-3.X-x86_64-linux-gnu/Makefile   section 3
 *   P/include/python3.X/patchlevel.h                            section 4
 *   /root/.pyenv/shims/python3 and /root/.asdf/shims/python3    section 5
 *   /home/u/.python-version and /home/u/.tool-versions         section 6
 *   P/lib/python3.X/site.py                                     section 7
 *
 * Input:  byte 0   bits 0-1 argv0: "python3" on PATH, P/bin/... by its
 *                  full path, the pyenv shim, the asdf shim; bit 2 the
 *                  binary's name has no version; bit 3 libpython present;
 *                  bit 4 sysconfigdata (else only the Makefile); bit 5 the
 *                  stdlib is in lib64; bit 6 /usr/local/bin/python3 is a
 *                  symlink to the binary; bit 7 run ps_compute afterwards
 *         byte 1   the version (low 4 bits), free-threaded 't' (bit 4),
 *                  PYENV_VERSION set (bit 5), -E (bit 6)
 *         rest     the sections, separated by FZ_SEP
 *
 * Checks: detection returns 0 or -1 with a message, never crashes or
 * leaks; every note has what/value/source; on success the version it
 * filled in is one it can name, and ps_compute (bit 7) then runs and its
 * result passes fz_check_result when rules exist for that version.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSEC 7

static const char *const versions[] = {
	"2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0",
	"3.14.0", "3.12.1", "3.13.0", "3.8.18", "3.10.13", "3.11.7", "3.12.1",
};

static void add_sec(struct ps_vfs *vfs, const char *path, char *const *s, const size_t *len, int i,
		    bool exec)
{
	if (s[i])
		fz_add(vfs, path, PS_FT_FILE, exec, s[i], len[i], NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	unsigned b0 = fz_u8(&f), b1 = fz_u8(&f);
	const char *ver = versions[b1 & 15];
	const char *t = b1 & 16 ? "t" : "";
	char *sec[NSEC];
	size_t len[NSEC];
	char P[128], xy[16], p[512], bin[512], stdlib[256];
	int ma = 0, mi = 0;
	struct ps_inputs in;
	struct ps_vfs *vfs;
	struct ps_fs fs;
	struct ps_detect d;
	struct ps_error err;
	int rc;

	for (int i = 0; i < NSEC; i++)
		sec[i] = fz_section(&f, &len[i]);
	sscanf(ver, "%d.%d", &ma, &mi);
	snprintf(xy, sizeof xy, "%d.%d%s", ma, mi, t);
	snprintf(P, sizeof P, "/root/.pyenv/versions/%s%s", ver, t);

	vfs = ps_vfs_new(PS_PLATFORM_POSIX);
	if (!vfs)
		fz_die("out of memory");
	ps_inputs_init(&in);
	ps_detect_init(&d);
	ps_error_init(&err);

	/* the interpreter */
	snprintf(bin, sizeof bin, "%s/bin/python%s", P, b0 & 4 ? "" : xy);
	fz_add(vfs, bin, PS_FT_FILE, true, sec[0] ? sec[0] : "", len[0], NULL);
	snprintf(p, sizeof p, "%s/bin/python%d", P, ma);
	if (strcmp(p, bin))
		fz_link(vfs, p, strrchr(bin, '/') + 1);
	if (b0 & 8) {
		/* 3.6 and 3.7 link libpython3.Xm */
		snprintf(p, sizeof p, "%s/lib/libpython%s%s.so.1.0", P, xy, ma == 3 && (mi == 6 || mi == 7) ? "m" : "");
		fz_file(vfs, p, "");
	}
	snprintf(stdlib, sizeof stdlib, "%s/%s/python%s", P, b0 & 32 ? "lib64" : "lib", xy);
	if (b0 & 16) {
		snprintf(p, sizeof p, "%s/_sysconfigdata_%s_linux_x86_64-linux-gnu.py", stdlib, t);
		add_sec(vfs, p, sec, len, 1, false);
	}
	snprintf(p, sizeof p, "%s/config-%s-x86_64-linux-gnu/Makefile", stdlib, xy);
	add_sec(vfs, p, sec, len, 2, false);
	snprintf(p, sizeof p, "%s/include/python%s/patchlevel.h", P, xy);
	add_sec(vfs, p, sec, len, 3, false);
	snprintf(p, sizeof p, "%s/site.py", stdlib);
	add_sec(vfs, p, sec, len, 6, false);
	snprintf(p, sizeof p, "%s/os.py", stdlib);
	fz_file(vfs, p, "");
	snprintf(p, sizeof p, "%s/lib-dynload", stdlib);
	fz_dir(vfs, p);

	/* launchers */
	add_sec(vfs, "/root/.pyenv/shims/python3", sec, len, 4, true);
	add_sec(vfs, "/root/.asdf/shims/python3", sec, len, 4, true);
	add_sec(vfs, "/home/u/.python-version", sec, len, 5, false);
	add_sec(vfs, "/home/u/.tool-versions", sec, len, 5, false);
	fz_file(vfs, "/root/.pyenv/version", ver);
	snprintf(p, sizeof p, "/root/.asdf/installs/python/%s", ver);
	fz_link(vfs, p, P);
	if (b0 & 64)
		fz_link(vfs, "/usr/local/bin/python3", bin);
	fz_xfile(vfs, "/usr/bin/python3.11");
	fz_link(vfs, "/usr/bin/python3", "python3.11");

	fz_set(&in.cwd, "/home/u");
	fz_dir(vfs, "/home/u");
	fz_env(&in, "HOME", "/root");
	switch (b0 & 3) {
	case 0:
		snprintf(p, sizeof p, "/usr/local/bin:%s/bin:/usr/bin", P);
		fz_env(&in, "PATH", p);
		fz_set(&in.argv0, "python3");
		break;
	case 1:
		fz_env(&in, "PATH", "/usr/bin:/bin");
		fz_set(&in.argv0, bin);
		break;
	case 2:
		fz_env(&in, "PATH", "/root/.pyenv/shims:/usr/bin:/bin");
		fz_set(&in.argv0, "python3");
		break;
	default:
		fz_env(&in, "PATH", "/root/.asdf/shims:/usr/bin:/bin");
		fz_set(&in.argv0, "/root/.asdf/shims/python3");
		break;
	}
	if (b1 & 32) {
		fz_env(&in, "PYENV_VERSION", sec[5] ? sec[5] : ver);
		fz_env(&in, "ASDF_PYTHON_VERSION", ver);
	}
	in.flags.ignore_environment = b1 & 64;
	in.run.kind = PS_RUN_COMMAND;
	fz_set(&in.run.arg, "pass");

	ps_vfs_fs(vfs, &fs);
	fs.cwd = in.cwd;
	rc = ps_detect_build(&in, &fs, &d, &err);
	if (getenv("FZ_DEBUG")) {
		fprintf(stderr, "detect: rc %d %s\n  interpreter %s launcher %s -> %s\n  build %d.%d.%d prefix %s exec_prefix %s platlibdir %s library %s abi %s\n",
			rc, rc ? err.msg : "", d.interpreter ? d.interpreter : "-",
			d.launcher_kind ? d.launcher_kind : "-", d.launcher_target ? d.launcher_target : "-",
			in.build.major, in.build.minor, in.build.micro,
			in.build.prefix ? in.build.prefix : "-", in.build.exec_prefix ? in.build.exec_prefix : "-",
			in.build.platlibdir ? in.build.platlibdir : "-", in.build.library ? in.build.library : "-",
			in.build.abi_thread ? in.build.abi_thread : "-");
		for (size_t i = 0; i < d.nnotes; i++)
			fprintf(stderr, "  note %s = %s (%s)\n", d.notes[i].what, d.notes[i].value, d.notes[i].source);
	}
	for (size_t i = 0; i < d.nnotes; i++)
		if (!d.notes[i].what || !d.notes[i].value || !d.notes[i].source)
			fz_die("detect note %zu has a NULL field", i);
	if (rc != 0) {
		if (!err.msg[0])
			fz_die("detect failed without a message");
	} else {
		if (in.build.major < 2 || in.build.major > 9 || in.build.minor < 0 || in.build.minor > 99)
			fz_die("detect: version %d.%d", in.build.major, in.build.minor);
		if (!d.interpreter)
			fz_die("detect: success without an interpreter");
		if ((b0 & 128) && ps_rules_supported(in.build.major, in.build.minor, PS_PLATFORM_POSIX) == 0)
			fz_compute(&in, vfs);
	}
	ps_detect_release(&d);
	ps_inputs_release(&in);
	ps_vfs_free(vfs);
	for (int i = 0; i < NSEC; i++)
		free(sec[i]);
	return 0;
}
