/*
 * fuzz_tree.c - libFuzzer harness for the whole model over random trees:
 * a compact encoding of a virtual tree (files, directories, symlinks,
 * loops included since nodes go to ps_vfs_add directly, exec bits, odd
 * modes) and of the inputs (argv0, cwd, PYTHONHOME, PYTHONPATH,
 * PYTHONPLATLIBDIR, PYTHONEXECUTABLE, PYTHONUSERBASE, __PYVENV_LAUNCHER__,
 * flags, run mode, PREFIX) for any supported rule row, nt and darwin
 * included; then ps_compute and the checks of fuzz_util.h
 * (fz_check_result: trace, entries == sys.path, JSON grammar, explain),
 * and round_trip(): the same JSON from a copy of the inputs and from the
 * scenario ps_scenario_write makes of them, reloaded.
 *
 * Encoding (every read past the end gives 0):
 *   byte 0   rule row
 *   byte 1   bits 0-4 -E -I -s -S -P, bits 5-6 run kind (command, script,
 *            module, interactive), bit 7 setuid
 *   byte 2   which of PYTHONHOME, PYTHONPATH, PYTHONPLATLIBDIR,
 *            PYTHONEXECUTABLE, PYTHONUSERBASE, __PYVENV_LAUNCHER__ are set
 *            (bits 0-5), bit 6 HOME unset, bit 7 PREFIX given
 *   byte 3   number of nodes (low 6 bits)
 *   nodes    kind byte: bits 0-1 file, dir, link, exec file; bit 2 a mode
 *            byte follows (taken exactly, 0 included: bits 0-2 owner rwx,
 *            3-5 group rwx, 6 other r, 7 other x); bits 3-4 content:
 *            empty, "home = PATH" (a pyvenv.cfg), PATH lines (a .pth),
 *            raw (length byte and bytes); then the node's PATH; a link
 *            then has its target PATH (relative when bit 7 of its first
 *            byte is clear)
 *   inputs   argv0 PATH, cwd PATH (made absolute), then one PATH per set
 *            variable in the order above (PYTHONPATH: a count byte and
 *            that many PATHs joined with the platform's delimiter,
 *            PYTHONPLATLIBDIR: one component), the script PATH or module
 *            component, PREFIX PATH
 *   PATH     a byte: bit 7 absolute, bits 0-3 number of components; then
 *            one byte per component, an index into names[] below
 *
 * The component table is mirrored in mkseeds.py (TREE_NAMES): keep both
 * in the same order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* %V = "X.Y", %W = "XY": filled in per version. */
static const char *const names[] = {
	"", ".", "..", "usr", "bin", "lib", "lib64", "local", "home", "u", "v", "opt",
	"python3", "python", "python%V", "python%W.zip", "lib-dynload", "os.py", "site-packages",
	"pyvenv.cfg", "encodings", "__init__.py", "pybuilddir.txt", "Modules", "Setup.local",
	"Setup", "build", "x.pth", "python._pth", "python%V._pth", "Lib", "DLLs", "Scripts",
	"python.exe", "python%W.dll", "python%W._pth", "C:", "Python.framework", "Versions", "%V",
	"Resources", "__main__.py", "script.py", "x.zip", "dist-packages", ".local", "a:b", "a;b",
	"libpython%V.so", "Python", "Applications", "Python.app", "Contents", "MacOS", "build/lib.linux-x86_64-%V",
	"lib.linux-x86_64-%V", " ", "\xc3\xa9", "\xff", "site.py", "sitecustomize.py", "python%Vt", "Library",
	"Frameworks", "me", "python%Vt._pth",
};
#define NNAMES (sizeof names / sizeof names[0])

struct tctx {
	struct fz f;
	enum ps_platform plat;
	char V[16], W[16];
};

static void add_name(struct tctx *t, struct ps_buf *b, unsigned idx)
{
	for (const char *s = names[idx % NNAMES]; *s; s++) {
		if (s[0] == '%' && (s[1] == 'V' || s[1] == 'W')) {
			ps_buf_adds(b, s[1] == 'V' ? t->V : t->W);
			s++;
		} else {
			ps_buf_addc(b, *s);
		}
	}
}

/* Decodes a PATH (yours); force_abs makes it absolute whatever bit 7 says. */
static char *read_path(struct tctx *t, bool force_abs)
{
	unsigned h = fz_u8(&t->f), n = h & 15;
	char sep = ps_path_sep(t->plat);
	struct ps_buf b;

	ps_buf_init(&b);
	if ((h & 128) || force_abs)
		ps_buf_adds(&b, t->plat == PS_PLATFORM_NT ? "C:\\" : "/");
	for (unsigned i = 0; i < n; i++) {
		if (i)
			ps_buf_addc(&b, sep);
		add_name(t, &b, fz_u8(&t->f));
	}
	if (b.oom)
		fz_die("out of memory");
	return ps_buf_detach(&b);
}

static void read_node(struct tctx *t, struct ps_vfs *vfs)
{
	unsigned k = fz_u8(&t->f), mode = 0;
	enum ps_ftype type = (k & 3) == 1 ? PS_FT_DIR : (k & 3) == 2 ? PS_FT_LINK : PS_FT_FILE;
	struct ps_buf content;
	char *path, *target = NULL;
	struct ps_error err;

	if (k & 4) {
		/* bits 0-2 owner rwx, 3-5 group rwx, 6 other r, 7 other x */
		unsigned m = fz_u8(&t->f);

		mode = PS_VFS_MODE_EXACT | (m & 7) << 6 | ((m >> 3) & 7) << 3 | ((m >> 6) & 1) << 2 | (m >> 7);
	}
	ps_buf_init(&content);
	switch ((k >> 3) & 3) {
	case 1: {
		char *h = read_path(t, false);

		ps_buf_addf(&content, "home = %s\n", h);
		free(h);
		break;
	}
	case 2:
		for (unsigned i = 0, n = fz_u8(&t->f) & 3; i <= n; i++) {
			char *l = read_path(t, false);

			ps_buf_addf(&content, "%s\n", l);
			free(l);
		}
		break;
	case 3:
		for (unsigned i = 0, n = fz_u8(&t->f); i < n && t->f.n; i++)
			ps_buf_addc(&content, (char)fz_u8(&t->f));
		break;
	}
	path = read_path(t, true);
	if (type == PS_FT_LINK)
		target = read_path(t, false);
	ps_error_init(&err);
	/*
	 * The root stays the default directory: ps_vfs_add takes a mode for
	 * it, but neither the walk nor a scenario can hold one (reported).
	 */
	char *norm = ps_path_normpath(t->plat, path);

	if (!norm)
		fz_die("out of memory");
	if (ps_path_equal(t->plat, norm, t->plat == PS_PLATFORM_NT ? "C:\\" : "/")) {
		free(norm);
		free(path);
		free(target);
		ps_buf_release(&content);
		return;
	}
	free(norm);
	if (ps_vfs_add(vfs, path, type, (k & 3) == 3, content.s, content.len, target, mode, &err) != 0 &&
	    err.code == PS_ERR_NOMEM)
		fz_die("vfs: out of memory");
	free(path);
	free(target);
	ps_buf_release(&content);
}

static void env_path(struct tctx *t, struct ps_inputs *in, const char *name)
{
	char *p = read_path(t, false);

	fz_env(in, name, p);
	free(p);
}

/* The result of the model as JSON (yours); NULL when ps_compute fails. */
static char *result_json(const struct ps_inputs *in, struct ps_vfs *vfs)
{
	struct ps_fs fs;
	struct ps_result r;
	struct ps_error err;
	struct ps_buf b;

	ps_vfs_fs(vfs, &fs);
	fs.cwd = in->cwd;
	ps_result_init(&r);
	ps_buf_init(&b);
	if (ps_compute(in, &fs, &r, &err) == 0)
		ps_result_write_json(&r, &b);
	ps_result_release(&r);
	if (b.oom)
		fz_die("out of memory");
	return b.len ? ps_buf_detach(&b) : (ps_buf_release(&b), NULL);
}

static int dump_node(void *arg, const char *path, enum ps_ftype type, bool exec, const char *content,
		     size_t len, const char *link, unsigned mode)
{
	fprintf(stderr, "  %s type %d exec %d mode %o len %zu%s%s\n", path, (int)type, (int)exec, mode, len,
		link ? " -> " : "", link ? link : "");
	return 0;
}

static bool str_ok(const char *s)
{
	return !s || fz_utf8_valid(s, strlen(s));
}

static int node_ok(void *arg, const char *path, enum ps_ftype type, bool exec, const char *content,
		   size_t len, const char *link, unsigned mode)
{
	return !str_ok(path) || !str_ok(link) || (content && !fz_utf8_valid(content, len));
}

/*
 * Whether the scenario format can hold inputs and tree faithfully: it
 * cannot hold bytes that are not UTF-8 (scenario_write.c says so).
 */
static bool writable(const struct ps_inputs *in, struct ps_vfs *vfs)
{
	if (!str_ok(in->argv0) || !str_ok(in->cwd) || !str_ok(in->run.arg) || !str_ok(in->build.prefix) ||
	    !str_ok(in->os_executable))
		return false;
	for (size_t i = 0; i < in->env.n; i++)
		if (!str_ok(in->env.v[i]))
			return false;
	return ps_vfs_walk(vfs, node_ok, NULL) == 0;
}

/*
 * The model is a function of its inputs: a second run over a copy of the
 * inputs gives the same document, and so does a run over the scenario
 * ps_scenario_write makes of inputs and tree, once reloaded (unless the
 * loader refuses a tree with a symlink loop, which it does on purpose, or
 * a string is not UTF-8, which the format cannot hold).
 */
static void round_trip(const struct ps_inputs *in, struct ps_vfs *vfs)
{
	struct ps_inputs copy;
	struct ps_scenario *sc;
	struct ps_error err;
	struct ps_buf y;
	char *a, *b;

	ps_inputs_init(&copy);
	if (ps_inputs_copy(&copy, in) < 0)
		fz_die("out of memory");
	a = result_json(in, vfs);
	b = result_json(&copy, vfs);
	if (!a || !b || strcmp(a, b) != 0)
		fz_die("tree: two runs over the same inputs differ:\n%s\n---\n%s", a ? a : "(failed)",
		       b ? b : "(failed)");
	free(b);
	ps_inputs_release(&copy);

	if (!writable(in, vfs)) {
		free(a);
		return;
	}
	ps_buf_init(&y);
	ps_error_init(&err);
	if (ps_scenario_write(in, vfs, "fuzz", NULL, &y, &err) < 0) {
		if (err.code == PS_ERR_NOMEM)
			fz_die("out of memory");
		fz_die("tree: scenario write failed: %s", err.msg);
	}
	sc = ps_scenario_load_string("written.yaml", y.s, y.len, &err);
	if (!sc) {
		struct ps_error e2;

		ps_error_init(&e2);
		if (ps_vfs_check_links(vfs, &e2) == 0)
			fz_die("tree: the written scenario does not load: %d:%d: %s\n%s", err.line, err.col,
			       err.msg, y.s);
	} else {
		b = result_json(&sc->inputs, sc->vfs);
		if (!b || strcmp(a, b) != 0) {
			fputs("tree before:\n", stderr);
			ps_vfs_walk(vfs, dump_node, NULL);
			fputs("tree after:\n", stderr);
			ps_vfs_walk(sc->vfs, dump_node, NULL);
			fz_die("tree: the reloaded scenario computes differently:\n%s\n%s\n---\n%s", y.s, a,
			       b ? b : "(failed)");
		}
		free(b);
		ps_scenario_free(sc);
	}
	ps_buf_release(&y);
	free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tctx t = { { data, size }, PS_PLATFORM_POSIX, "", "" };
	struct fz_rules rr = fz_pick_rules(fz_u8(&t.f), 0);
	unsigned fl = fz_u8(&t.f), ev = fz_u8(&t.f), nn = fz_u8(&t.f) & 63;
	struct ps_inputs in;
	struct ps_vfs *vfs;
	char *s;

	t.plat = rr.platform;
	snprintf(t.V, sizeof t.V, "%d.%d", rr.major, rr.minor);
	snprintf(t.W, sizeof t.W, "%d%d", rr.major, rr.minor);
	vfs = ps_vfs_new(rr.platform);
	if (!vfs)
		fz_die("out of memory");
	ps_inputs_init(&in);
	in.build.major = rr.major;
	in.build.minor = rr.minor;
	in.build.platform = rr.platform;
	in.build.debian_site = 0;
	for (unsigned i = 0; i < nn; i++)
		read_node(&t, vfs);

	in.flags.ignore_environment = fl & 1;
	in.flags.isolated = fl & 2;
	in.flags.no_user_site = fl & 4;
	in.flags.no_site = fl & 8;
	in.flags.safe_path = fl & 16;
	in.run.kind = (enum ps_run_kind)((fl >> 5) & 3);
	in.setuid = fl & 128;
	in.argv0 = read_path(&t, false);
	/* the cwd comes from getcwd(): absolute and normalised */
	s = read_path(&t, true);
	in.cwd = ps_path_normpath(rr.platform, s);
	free(s);
	if (!in.cwd)
		fz_die("out of memory");
	if (rr.platform != PS_PLATFORM_POSIX)
		fz_set(&in.os_executable, in.argv0);
	if (ev & 1)
		env_path(&t, &in, "PYTHONHOME");
	if (ev & 2) {
		struct ps_buf b;
		unsigned n = fz_u8(&t.f) & 3;

		ps_buf_init(&b);
		for (unsigned i = 0; i <= n; i++) {
			char *p = read_path(&t, false);

			if (i)
				ps_buf_addc(&b, ps_path_delim(rr.platform));
			ps_buf_adds(&b, p);
			free(p);
		}
		if (b.oom)
			fz_die("out of memory");
		fz_env(&in, "PYTHONPATH", b.s);
		ps_buf_release(&b);
	}
	if (ev & 4) {
		struct ps_buf b;

		ps_buf_init(&b);
		add_name(&t, &b, fz_u8(&t.f));
		fz_env(&in, "PYTHONPLATLIBDIR", b.s);
		ps_buf_release(&b);
	}
	if (ev & 8)
		env_path(&t, &in, "PYTHONEXECUTABLE");
	if (ev & 16)
		env_path(&t, &in, "PYTHONUSERBASE");
	if (ev & 32)
		env_path(&t, &in, "__PYVENV_LAUNCHER__");
	if (!(ev & 64))
		fz_env(&in, "HOME", rr.platform == PS_PLATFORM_NT ? "C:\\home\\u" : "/home/u");
	if (rr.platform == PS_PLATFORM_NT)
		fz_env(&in, "APPDATA", "C:\\home\\u\\AppData");
	fz_env(&in, "PATH", rr.platform == PS_PLATFORM_NT ? "C:\\Python;C:\\Windows" : "/usr/local/bin:/usr/bin:/bin");
	switch (in.run.kind) {
	case PS_RUN_COMMAND:
		fz_set(&in.run.arg, "pass");
		break;
	case PS_RUN_SCRIPT:
		in.run.arg = read_path(&t, false);
		if (!in.run.arg[0])  /* python '' is refused before start-up, and so is a scenario with it */
			fz_set(&in.run.arg, "script.py");
		break;
	case PS_RUN_MODULE: {
		struct ps_buf b;

		ps_buf_init(&b);
		add_name(&t, &b, fz_u8(&t.f));
		fz_set(&in.run.arg, b.len ? b.s : "site");  /* python -m '' stops before start-up */
		ps_buf_release(&b);
		break;
	}
	default:
		break;
	}
	if (ev & 128) {
		s = read_path(&t, false);
		in.build.prefix = s;
	}
	if (fz_compute(&in, vfs) == 0)
		round_trip(&in, vfs);
	ps_inputs_release(&in);
	ps_vfs_free(vfs);
	return 0;
}
