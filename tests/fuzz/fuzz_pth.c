/*
 * fuzz_pth.c - libFuzzer harness for the .pth reader of site.py (BOM,
 * UTF-8 then locale decoding, import lines, comment and error lines,
 * duplicates, missing directories) and the ._pth reader of getpath (3.11+
 * on POSIX, every Windows version), reached through ps_compute.
 *
 * Input:  byte 0   the rule row (version and platform), among all rows
 *         byte 1   bit 0 -E, 1 -I, 2 -s, 3 -S, 4 the third section is a
 *                  ._pth next to the executable (else: none), 5 the second
 *                  .pth sorts before the first, 6 the second .pth lives in
 *                  the user site (else the same site-packages), 7 a script
 *                  is run (else -c)
 *         rest     a .pth file; after FZ_SEP a second one; after another
 *                  FZ_SEP the ._pth file
 *
 * Directories a .pth may name exist: site-packages/pkg, site-packages/a b,
 * /opt/lib (C:\opt on Windows), the user's home.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct sections {
	char *s[3];
	size_t len[3];
};

static void tree_posix(struct ps_vfs *vfs, struct ps_inputs *in, int ma, int mi, unsigned fl,
		       const struct sections *sec)
{
	char p[256], lib[32], sp[128], usp[128];

	snprintf(lib, sizeof lib, "python%d.%d", ma, mi);
	snprintf(p, sizeof p, "/usr/bin/%s", lib);
	fz_xfile(vfs, p);
	fz_link(vfs, "/usr/bin/python3", lib);
	snprintf(p, sizeof p, "/usr/lib/%s/os.py", lib);
	fz_file(vfs, p, "");
	snprintf(p, sizeof p, "/usr/lib/%s/encodings/__init__.py", lib);
	fz_file(vfs, p, "");
	snprintf(p, sizeof p, "/usr/lib/%s/lib-dynload", lib);
	fz_dir(vfs, p);
	snprintf(sp, sizeof sp, "/usr/lib/%s/site-packages", lib);
	snprintf(p, sizeof p, "%s/pkg", sp);
	fz_dir(vfs, p);
	snprintf(p, sizeof p, "%s/a b", sp);
	fz_dir(vfs, p);
	fz_dir(vfs, "/opt/lib");
	fz_dir(vfs, "/home/u");
	snprintf(usp, sizeof usp, "/home/u/.local/lib/%s/site-packages", lib);
	fz_dir(vfs, usp);

	snprintf(p, sizeof p, "%s/%s.pth", sp, fl & 32 ? "b" : "a");
	fz_add(vfs, p, PS_FT_FILE, false, sec->s[0] ? sec->s[0] : "", sec->len[0], NULL);
	if (sec->s[1]) {
		snprintf(p, sizeof p, "%s/%s.pth", fl & 64 ? usp : sp, fl & 32 ? "a" : "b");
		fz_add(vfs, p, PS_FT_FILE, false, sec->s[1], sec->len[1], NULL);
	}
	if (sec->s[2] && (fl & 16)) {
		snprintf(p, sizeof p, "/usr/bin/%s._pth", lib);
		fz_add(vfs, p, PS_FT_FILE, false, sec->s[2], sec->len[2], NULL);
	}
	fz_file(vfs, "/home/u/script.py", "");
	fz_set(&in->build.prefix, "/usr");
	fz_set(&in->argv0, "python3");
	fz_set(&in->cwd, "/home/u");
	fz_env(in, "PATH", "/usr/local/bin:/usr/bin:/bin");
	fz_env(in, "HOME", "/home/u");
}

static void tree_nt(struct ps_vfs *vfs, struct ps_inputs *in, int ma, int mi, unsigned fl,
		    const struct sections *sec)
{
	char p[256], sp[] = "C:\\Python\\Lib\\site-packages";
	const char *usp = "C:\\Users\\u\\AppData\\Roaming\\Python\\site-packages";

	fz_xfile(vfs, "C:\\Python\\python.exe");
	fz_file(vfs, "C:\\Python\\Lib\\os.py", "");
	fz_file(vfs, "C:\\Python\\Lib\\encodings\\__init__.py", "");
	fz_dir(vfs, "C:\\Python\\DLLs");
	fz_dir(vfs, "C:\\Python\\Lib\\site-packages\\pkg");
	fz_dir(vfs, "C:\\Python\\Lib\\site-packages\\a b");
	fz_dir(vfs, "C:\\opt");
	fz_dir(vfs, usp);
	snprintf(p, sizeof p, "C:\\Python\\python%d%d.dll", ma, mi);
	fz_file(vfs, p, "");
	fz_set(&in->build.library, p);

	snprintf(p, sizeof p, "%s\\%s.pth", sp, fl & 32 ? "b" : "a");
	fz_add(vfs, p, PS_FT_FILE, false, sec->s[0] ? sec->s[0] : "", sec->len[0], NULL);
	if (sec->s[1]) {
		snprintf(p, sizeof p, "%s\\%s.pth", fl & 64 ? usp : sp, fl & 32 ? "a" : "b");
		fz_add(vfs, p, PS_FT_FILE, false, sec->s[1], sec->len[1], NULL);
	}
	if (sec->s[2] && (fl & 16))
		fz_add(vfs, "C:\\Python\\python._pth", PS_FT_FILE, false, sec->s[2], sec->len[2], NULL);
	fz_file(vfs, "C:\\Users\\u\\script.py", "");
	fz_set(&in->argv0, "C:\\Python\\python.exe");
	fz_set(&in->os_executable, "C:\\Python\\python.exe");
	fz_set(&in->cwd, "C:\\Users\\u");
	fz_env(in, "PATH", "C:\\Windows\\system32;C:\\Windows");
	fz_env(in, "APPDATA", "C:\\Users\\u\\AppData\\Roaming");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	struct fz_rules rr = fz_pick_rules(fz_u8(&f), 0);
	unsigned fl = fz_u8(&f);
	struct sections sec;
	struct ps_inputs in;
	struct ps_vfs *vfs;

	for (int i = 0; i < 3; i++)
		sec.s[i] = fz_section(&f, &sec.len[i]);
	ps_inputs_init(&in);
	vfs = ps_vfs_new(rr.platform);
	if (!vfs)
		fz_die("out of memory");
	in.build.major = rr.major;
	in.build.minor = rr.minor;
	in.build.platform = rr.platform;
	in.build.debian_site = 0;
	in.flags.ignore_environment = fl & 1;
	in.flags.isolated = fl & 2;
	in.flags.no_user_site = fl & 4;
	in.flags.no_site = fl & 8;
	if (fl & 128) {
		in.run.kind = PS_RUN_SCRIPT;
		fz_set(&in.run.arg, "script.py");
	} else {
		in.run.kind = PS_RUN_COMMAND;
		fz_set(&in.run.arg, "pass");
	}
	if (rr.platform == PS_PLATFORM_NT)
		tree_nt(vfs, &in, rr.major, rr.minor, fl, &sec);
	else
		tree_posix(vfs, &in, rr.major, rr.minor, fl, &sec);
	fz_compute(&in, vfs);
	ps_vfs_free(vfs);
	ps_inputs_release(&in);
	for (int i = 0; i < 3; i++)
		free(sec.s[i]);
	return 0;
}
