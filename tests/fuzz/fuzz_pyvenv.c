/*
 * fuzz_pyvenv.c - libFuzzer harness for the pyvenv.cfg readers: the C
 * getpath's token parser (3.3-3.10, POSIX and Windows), getpath.py's
 * lenient one (3.11+) and site.py's venv() reader, all reached through
 * ps_compute over a virtual venv.
 *
 * Input:  byte 0   the rule row (version and platform), among all rows
 *         byte 1   bit 0 -E, 1 -I, 2 -s, 3 -S, 4 the venv's python is a
 *                  copy (else a symlink to the base), 5 the cfg sits next
 *                  to the executable (else one level up), 6 PYTHONHOME set,
 *                  7 a script is run (else -c)
 *         rest     pyvenv.cfg; after FZ_SEP, a second pyvenv.cfg for the
 *                  other place (both are probed in order)
 *
 * Every result goes through fz_check_result (fuzz_util.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The base install and a venv over it, POSIX or darwin flavour. */
static void tree_posix(struct ps_vfs *vfs, struct ps_inputs *in, int ma, int mi, unsigned fl,
		       const char *cfg, size_t cfglen, const char *cfg2, size_t cfg2len)
{
	char p[256], lib[64];

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
	snprintf(p, sizeof p, "/usr/lib/%s/site-packages", lib);
	fz_dir(vfs, p);
	/* a second install a cfg may point at */
	snprintf(p, sizeof p, "/opt/py/bin/%s", lib);
	fz_xfile(vfs, p);
	snprintf(p, sizeof p, "/opt/py/lib/%s/os.py", lib);
	fz_file(vfs, p, "");
	snprintf(p, sizeof p, "/opt/py/lib/%s/lib-dynload", lib);
	fz_dir(vfs, p);

	if (fl & 16)
		fz_xfile(vfs, "/home/u/v/bin/python");
	else
		fz_link(vfs, "/home/u/v/bin/python", "/usr/bin/python3");
	fz_link(vfs, "/home/u/v/bin/python3", "python");
	snprintf(p, sizeof p, "/home/u/v/lib/%s/site-packages", lib);
	fz_dir(vfs, p);
	fz_add(vfs, fl & 32 ? "/home/u/v/bin/pyvenv.cfg" : "/home/u/v/pyvenv.cfg", PS_FT_FILE, false,
	       cfg, cfglen, NULL);
	if (cfg2)
		fz_add(vfs, fl & 32 ? "/home/u/v/pyvenv.cfg" : "/home/u/v/bin/pyvenv.cfg", PS_FT_FILE,
		       false, cfg2, cfg2len, NULL);
	fz_file(vfs, "/home/u/script.py", "");
	fz_set(&in->build.prefix, "/usr");
	fz_set(&in->argv0, "/home/u/v/bin/python");
	fz_set(&in->cwd, "/home/u");
	fz_env(in, "PATH", "/usr/local/bin:/usr/bin:/bin");
	fz_env(in, "HOME", "/home/u");
	if (fl & 64)
		fz_env(in, "PYTHONHOME", "/usr");
	if (fl & 128) {
		in->run.kind = PS_RUN_SCRIPT;
		fz_set(&in->run.arg, "script.py");
	}
}

/* The same on Windows: C:\Python and a venv whose Scripts\python.exe is a copy or the launcher. */
static void tree_nt(struct ps_vfs *vfs, struct ps_inputs *in, int ma, int mi, unsigned fl,
		    const char *cfg, size_t cfglen, const char *cfg2, size_t cfg2len)
{
	char p[256];

	fz_xfile(vfs, "C:\\Python\\python.exe");
	fz_file(vfs, "C:\\Python\\Lib\\os.py", "");
	fz_file(vfs, "C:\\Python\\Lib\\encodings\\__init__.py", "");
	fz_dir(vfs, "C:\\Python\\DLLs");
	fz_dir(vfs, "C:\\Python\\Lib\\site-packages");
	snprintf(p, sizeof p, "C:\\Python\\python%d%d.dll", ma, mi);
	fz_file(vfs, p, "");
	fz_set(&in->build.library, p);
	fz_xfile(vfs, "D:\\py\\python.exe");
	fz_file(vfs, "D:\\py\\Lib\\os.py", "");
	fz_xfile(vfs, "C:\\venv\\Scripts\\python.exe");
	fz_dir(vfs, "C:\\venv\\Lib\\site-packages");
	fz_add(vfs, fl & 32 ? "C:\\venv\\Scripts\\pyvenv.cfg" : "C:\\venv\\pyvenv.cfg", PS_FT_FILE, false,
	       cfg, cfglen, NULL);
	if (cfg2)
		fz_add(vfs, fl & 32 ? "C:\\venv\\pyvenv.cfg" : "C:\\venv\\Scripts\\pyvenv.cfg", PS_FT_FILE,
		       false, cfg2, cfg2len, NULL);
	fz_file(vfs, "C:\\Users\\u\\script.py", "");
	fz_set(&in->cwd, "C:\\Users\\u");
	if (fl & 16) {
		/* the venv launcher: the base exe runs, told where the launcher is */
		fz_set(&in->argv0, "C:\\Python\\python.exe");
		fz_set(&in->os_executable, "C:\\Python\\python.exe");
		fz_env(in, "__PYVENV_LAUNCHER__", "C:\\venv\\Scripts\\python.exe");
	} else {
		fz_set(&in->argv0, "C:\\venv\\Scripts\\python.exe");
		fz_set(&in->os_executable, "C:\\venv\\Scripts\\python.exe");
	}
	fz_env(in, "PATH", "C:\\Windows\\system32;C:\\Windows");
	fz_env(in, "APPDATA", "C:\\Users\\u\\AppData\\Roaming");
	if (fl & 64)
		fz_env(in, "PYTHONHOME", "C:\\Python");
	if (fl & 128) {
		in->run.kind = PS_RUN_SCRIPT;
		fz_set(&in->run.arg, "script.py");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	struct fz_rules rr = fz_pick_rules(fz_u8(&f), 0);
	unsigned fl = fz_u8(&f);
	struct ps_inputs in;
	struct ps_vfs *vfs;
	size_t len = 0, len2 = 0;
	char *cfg = fz_section(&f, &len);
	char *cfg2 = fz_section(&f, &len2);

	ps_inputs_init(&in);
	vfs = ps_vfs_new(rr.platform);
	if (!vfs)
		fz_die("out of memory");
	in.build.major = rr.major;
	in.build.minor = rr.minor;
	in.build.platform = rr.platform;
	in.flags.ignore_environment = fl & 1;
	in.flags.isolated = fl & 2;
	in.flags.no_user_site = fl & 4;
	in.flags.no_site = fl & 8;
	in.run.kind = PS_RUN_COMMAND;
	fz_set(&in.run.arg, "pass");
	if (rr.platform == PS_PLATFORM_NT)
		tree_nt(vfs, &in, rr.major, rr.minor, fl, cfg ? cfg : "", len, cfg2, len2);
	else
		tree_posix(vfs, &in, rr.major, rr.minor, fl, cfg ? cfg : "", len, cfg2, len2);
	fz_compute(&in, vfs);
	ps_vfs_free(vfs);
	ps_inputs_release(&in);
	free(cfg);
	free(cfg2);
	return 0;
}
