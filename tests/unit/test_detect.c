/*
 * test_detect.c - ps_detect_build over virtual trees: PATH lookup, pyenv
 * and asdf shims, wrappers it must refuse, _sysconfigdata / Makefile
 * scanning, Debian's site.py, and ELF DT_NEEDED / RUNPATH from a small
 * ELF image built here byte by byte.
 *
 * The expected values are those of the real layouts on a pyenv + Debian
 * machine (pyenv-exec runs "$PYENV_ROOT/versions/<v>/bin/<program>" with
 * that bin directory prepended to PATH; _sysconfigdata holds 'prefix' etc.).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"

struct world {
	struct ps_vfs *vfs;
	struct ps_fs fs;
	struct ps_inputs in;
	struct ps_detect d;
	struct ps_error err;
};

static void add(struct world *w, const char *path, enum ps_ftype type, bool exec, const char *content,
		size_t len, const char *link)
{
	struct ps_error err;

	ps_error_init(&err);
	if (ps_vfs_add(w->vfs, path, type, exec, content, len, link, 0, &err) != 0)
		fail_msg("vfs add %s: %s", path, err.msg);
}

static void file(struct world *w, const char *path, const char *content)
{
	add(w, path, PS_FT_FILE, false, content, content ? strlen(content) : 0, NULL);
}

static void xfile(struct world *w, const char *path, const char *content)
{
	add(w, path, PS_FT_FILE, true, content, content ? strlen(content) : 0, NULL);
}

static void link_(struct world *w, const char *path, const char *target)
{
	add(w, path, PS_FT_LINK, false, NULL, 0, target);
}

static void dir(struct world *w, const char *path)
{
	add(w, path, PS_FT_DIR, false, NULL, 0, NULL);
}

static void world_init(struct world *w, const char *cwd, const char *path_env)
{
	memset(w, 0, sizeof(*w));
	w->vfs = ps_vfs_new(PS_PLATFORM_POSIX);
	assert_non_null(w->vfs);
	ps_inputs_init(&w->in);
	ps_detect_init(&w->d);
	ps_error_init(&w->err);
	assert_int_equal(ps_set_str(&w->in.cwd, cwd), 0);
	assert_int_equal(ps_set_str(&w->in.argv0, "python3"), 0);
	if (path_env)
		assert_int_equal(ps_env_set(&w->in.env, "PATH", path_env), 0);
	assert_int_equal(ps_env_set(&w->in.env, "HOME", "/root"), 0);
	dir(w, cwd);
}

static int world_detect(struct world *w)
{
	ps_vfs_fs(w->vfs, &w->fs);
	w->fs.cwd = w->in.cwd;
	return ps_detect_build(&w->in, &w->fs, &w->d, &w->err);
}

static void world_free(struct world *w)
{
	ps_detect_release(&w->d);
	ps_inputs_release(&w->in);
	ps_vfs_free(w->vfs);
}

/* The note recorded for `what`, or NULL. */
static const struct ps_detect_note *find_note(const struct ps_detect *d, const char *what)
{
	size_t i;

	for (i = 0; i < d->nnotes; i++)
		if (!strcmp(d->notes[i].what, what))
			return &d->notes[i];
	return NULL;
}

/* The shim exactly as pyenv 2.x writes it. */
static const char pyenv_shim[] =
	"#!/usr/bin/env bash\n"
	"set -e\n"
	"[ -n \"$PYENV_DEBUG\" ] && set -x\n"
	"\n"
	"program=\"${0##*/}\"\n"
	"\n"
	"export PYENV_ROOT=\"/root/.pyenv\"\n"
	"SHIM_PATH=${0%/*}\n"
	"if [[ $SHIM_PATH != \"/root/.pyenv/shims\" ]]; then\n"
	"  export _PYENV_SHIM_PATH=\"$SHIM_PATH\"\n"
	"fi\n"
	"exec \"/root/.pyenv/libexec/pyenv\" exec \"$program\" \"$@\"\n";

/* The start of a real _sysconfigdata file, with a value split over lines. */
static const char sysconfig_311[] =
	"# system configuration generated and used by the sysconfig module\n"
	"build_time_vars = {'ABIFLAGS': '',\n"
	" 'BINDIR': '/root/.pyenv/versions/3.11.7/bin',\n"
	" 'BLDSHARED': 'gcc -shared -L/root/.pyenv/versions/3.11.7/lib '\n"
	"              '-Wl,-rpath,/root/.pyenv/versions/3.11.7/lib',\n"
	" 'LDLIBRARY': 'libpython3.11.so',\n"
	" 'LIBDIR': '/root/.pyenv/versions/3.11.7/lib',\n"
	" 'PLATLIBDIR': 'lib',\n"
	" 'Py_ENABLE_SHARED': 1,\n"
	" 'exec_prefix': '/root/.pyenv/versions/3.11.7',\n"
	" 'prefix': '/root/.pyenv/versions/3.11.7',\n"
	" 'py_version_nodot': '311'}\n";

/* A pyenv root with 3.11.7 and 3.12.1 installed, plus Debian's /usr/bin/python3. */
static void pyenv_world(struct world *w, const char *cwd)
{
	world_init(w, cwd, "/root/.pyenv/shims:/root/.pyenv/bin:/usr/local/bin:/usr/bin:/bin");
	xfile(w, "/root/.pyenv/shims/python3", pyenv_shim);
	xfile(w, "/root/.pyenv/shims/python", pyenv_shim);
	file(w, "/root/.pyenv/version", "3.11.7\n");
	xfile(w, "/root/.pyenv/versions/3.11.7/bin/python3.11", "\177ELF not really");
	link_(w, "/root/.pyenv/versions/3.11.7/bin/python3", "python3.11");
	link_(w, "/root/.pyenv/versions/3.11.7/bin/python", "python3.11");
	file(w, "/root/.pyenv/versions/3.11.7/lib/python3.11/os.py", "");
	file(w, "/root/.pyenv/versions/3.11.7/lib/python3.11/site.py", "# site-packages\n");
	file(w, "/root/.pyenv/versions/3.11.7/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     sysconfig_311);
	file(w, "/root/.pyenv/versions/3.11.7/include/python3.11/patchlevel.h",
	     "#define PY_MINOR_VERSION        11\n#define PY_VERSION              \"3.11.7\"\n");
	xfile(w, "/root/.pyenv/versions/3.12.1/bin/python3.12", "x");
	link_(w, "/root/.pyenv/versions/3.12.1/bin/python3", "python3.12");
	file(w, "/root/.pyenv/versions/3.12.1/lib/python3.12/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'prefix': '/root/.pyenv/versions/3.12.1', 'exec_prefix': '/root/.pyenv/versions/3.12.1'}\n");
	xfile(w, "/usr/bin/python3.11", "x");
	link_(w, "/usr/bin/python3", "python3.11");
	file(w, "/usr/lib/python3.11/site.py", "# Debian: lib/python3/dist-packages\n");
	file(w, "/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py",
	     "build_time_vars = {'prefix': '/wrong/alias/file'}\n");
	file(w, "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'ABIFLAGS': '',\n 'PLATLIBDIR': 'lib',\n 'VPATH': '..',\n"
	     " 'exec_prefix': '/usr',\n 'prefix': '/usr'}\n");
}

static void test_pyenv_global_version(void **state)
{
	struct world w;

	(void)state;
	pyenv_world(&w, "/home/me");
	assert_int_equal(world_detect(&w), 0);
	assert_true(w.d.is_launcher);
	assert_string_equal(w.d.launcher_kind, "pyenv");
	assert_string_equal(w.d.launcher_target, "/root/.pyenv/versions/3.11.7/bin/python3");
	/* pyenv-exec: exec "$PYENV_COMMAND_PATH" "$@" with the version's bin first on PATH */
	assert_string_equal(w.in.argv0, "/root/.pyenv/versions/3.11.7/bin/python3");
	assert_string_equal(ps_env_get(&w.in.env, "PATH"),
			    "/root/.pyenv/versions/3.11.7/bin:/root/.pyenv/shims:/root/.pyenv/bin:/usr/local/bin:/usr/bin:/bin");
	assert_string_equal(ps_env_get(&w.in.env, "PYENV_VERSION"), "3.11.7");
	assert_true(ps_strv_find(&w.d.env_add, "PYENV_ROOT=/root/.pyenv") >= 0);
	assert_string_equal(w.d.interpreter, "/root/.pyenv/versions/3.11.7/bin/python3.11");
	assert_int_equal(w.in.build.major, 3);
	assert_int_equal(w.in.build.minor, 11);
	assert_int_equal(w.in.build.micro, 7);
	assert_string_equal(w.in.build.prefix, "/root/.pyenv/versions/3.11.7");
	assert_string_equal(w.in.build.exec_prefix, "/root/.pyenv/versions/3.11.7");
	assert_string_equal(w.in.build.platlibdir, "lib");
	assert_null(w.in.build.vpath);
	assert_null(w.in.build.abi_thread);
	assert_int_equal(w.in.build.debian_site, 0);
	assert_non_null(find_note(&w.d, "prefix"));
	assert_string_equal(find_note(&w.d, "prefix")->source,
			    "/root/.pyenv/versions/3.11.7/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py");
	assert_string_equal(find_note(&w.d, "pyenv version")->source, "/root/.pyenv/version");
	world_free(&w);
}

static void test_pyenv_local_file_and_env(void **state)
{
	struct world w;

	(void)state;
	/* a .python-version two levels up wins over $PYENV_ROOT/version; "3.12" resolves to 3.12.1 */
	pyenv_world(&w, "/home/me/proj/src");
	file(&w, "/home/me/proj/.python-version", "# pinned\n\n3.12   \n");
	assert_int_equal(world_detect(&w), 0);
	assert_string_equal(w.in.argv0, "/root/.pyenv/versions/3.12.1/bin/python3");
	assert_int_equal(w.in.build.minor, 12);
	assert_string_equal(w.in.build.prefix, "/root/.pyenv/versions/3.12.1");
	assert_string_equal(find_note(&w.d, "pyenv version")->source, "/home/me/proj/.python-version");
	world_free(&w);

	/* PYENV_VERSION beats every file; an uninstalled first version falls through to the next */
	pyenv_world(&w, "/home/me/proj");
	file(&w, "/home/me/proj/.python-version", "3.12.1\n");
	assert_int_equal(ps_env_set(&w.in.env, "PYENV_VERSION", "3.99.0:3.11.7"), 0);
	assert_int_equal(world_detect(&w), 0);
	assert_string_equal(w.in.argv0, "/root/.pyenv/versions/3.11.7/bin/python3");
	assert_int_equal(w.in.build.minor, 11);
	world_free(&w);
}

static void test_pyenv_system(void **state)
{
	struct world w;

	(void)state;
	/* "system": the PATH without the shims directory; PATH is left alone */
	pyenv_world(&w, "/home/me");
	assert_int_equal(ps_env_set(&w.in.env, "PYENV_VERSION", "system"), 0);
	assert_int_equal(world_detect(&w), 0);
	assert_string_equal(w.in.argv0, "/usr/bin/python3");
	assert_string_equal(ps_env_get(&w.in.env, "PATH"),
			    "/root/.pyenv/shims:/root/.pyenv/bin:/usr/local/bin:/usr/bin:/bin");
	assert_string_equal(w.d.interpreter, "/usr/bin/python3.11");
	assert_string_equal(w.in.build.prefix, "/usr");
	assert_string_equal(w.in.build.vpath, "..");
	/* Debian's site.py mentions dist-packages */
	assert_int_equal(w.in.build.debian_site, 1);
	/* the canonical _sysconfigdata__linux_<multiarch>.py is preferred over the alias */
	assert_string_equal(find_note(&w.d, "prefix")->source,
			    "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py");
	world_free(&w);
}

static void test_direct_and_given_values(void **state)
{
	struct world w;

	(void)state;
	/* an absolute argv0 is not searched; values the caller set are kept */
	pyenv_world(&w, "/home/me");
	assert_int_equal(ps_set_str(&w.in.argv0, "/usr/bin/python3"), 0);
	assert_int_equal(ps_set_str(&w.in.build.prefix, "/opt/given"), 0);
	w.in.build.debian_site = 0;
	assert_int_equal(world_detect(&w), 0);
	assert_false(w.d.is_launcher);
	assert_string_equal(w.in.argv0, "/usr/bin/python3");
	assert_string_equal(w.in.build.prefix, "/opt/given");
	assert_string_equal(w.in.build.exec_prefix, "/usr");
	assert_int_equal(w.in.build.debian_site, 0);
	assert_int_equal(w.d.env_add.n, 0);
	world_free(&w);
}

static void test_relative_path_entry(void **state)
{
	struct world w;

	(void)state;
	/* an empty PATH entry is the cwd, as in CPython's search */
	world_init(&w, "/opt/py/bin", ":/usr/bin");
	xfile(&w, "/opt/py/bin/python3.13", "x");
	link_(&w, "/opt/py/bin/python3", "python3.13");
	file(&w, "/opt/py/lib/python3.13/config-3.13-x86_64-linux-gnu/Makefile",
	     "VERSION=\t3.13\nprefix=\t\t/opt/py\nexec_prefix=\t${prefix}\nPLATLIBDIR=\tlib64\nABIFLAGS=\tt\n");
	assert_int_equal(world_detect(&w), 0);
	assert_string_equal(w.d.interpreter, "/opt/py/bin/python3.13");
	assert_int_equal(w.in.build.minor, 13);
	assert_string_equal(w.in.build.prefix, "/opt/py");
	assert_string_equal(w.in.build.exec_prefix, "/opt/py");
	assert_string_equal(w.in.build.platlibdir, "lib64");
	assert_string_equal(w.in.build.abi_thread, "t");
	assert_int_equal(w.in.build.micro, -1);
	world_free(&w);
}

static void test_wrappers_refused(void **state)
{
	struct world w;

	(void)state;
	world_init(&w, "/home/me", "/opt/conda/bin:/usr/bin");
	xfile(&w, "/opt/conda/bin/python3",
	      "#!/bin/sh\n. /opt/conda/etc/profile.d/conda.sh\nconda activate base\nexec python3 \"$@\"\n");
	assert_int_equal(world_detect(&w), -1);
	assert_true(w.d.is_launcher);
	assert_string_equal(w.d.launcher_kind, "conda");
	assert_non_null(strstr(w.err.msg, "--python"));
	world_free(&w);

	world_init(&w, "/home/me", "/usr/local/bin:/usr/bin");
	xfile(&w, "/usr/local/bin/python3", "#!/bin/sh\nexport FOO=1\nexec /usr/bin/python3.11 \"$@\"\n");
	assert_int_equal(world_detect(&w), -1);
	assert_string_equal(w.d.launcher_kind, "shell");
	assert_non_null(strstr(w.err.msg, "--python"));
	world_free(&w);
}

static void test_not_found(void **state)
{
	struct world w;

	(void)state;
	world_init(&w, "/home/me", "/usr/bin");
	file(&w, "/usr/bin/python3", "not executable");
	assert_int_equal(world_detect(&w), -1);
	assert_string_equal(w.err.msg, "python3: not found on PATH");
	world_free(&w);

	world_init(&w, "/home/me", NULL);
	assert_int_equal(world_detect(&w), -1);
	world_free(&w);
}

static void test_asdf(void **state)
{
	struct world w;

	(void)state;
	world_init(&w, "/home/me/app", "/root/.asdf/shims:/usr/bin");
	xfile(&w, "/root/.asdf/shims/python3",
	      "#!/usr/bin/env bash\n# asdf-plugin: python 3.12.1\nexec /root/.asdf/bin/asdf exec \"python3\" \"$@\" # asdf_allow: ' asdf '\n");
	file(&w, "/home/me/.tool-versions", "nodejs 20.1.0\npython 3.12.1 3.11.7\n");
	xfile(&w, "/root/.asdf/installs/python/3.12.1/bin/python3.12", "x");
	link_(&w, "/root/.asdf/installs/python/3.12.1/bin/python3", "python3.12");
	assert_int_equal(world_detect(&w), 0);
	assert_string_equal(w.d.launcher_kind, "asdf");
	assert_string_equal(w.in.argv0, "/root/.asdf/installs/python/3.12.1/bin/python3");
	assert_int_equal(w.in.build.minor, 12);
	assert_null(w.in.build.prefix);   /* no stdlib found: the engine's default applies */
	assert_non_null(find_note(&w.d, "prefix"));
	world_free(&w);
}

/* ---- a minimal ELF64 little-endian executable with a dynamic section ---- */

static void put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Builds an ELF image needing `lib` (and libc) with the given RUNPATH (NULL none). Returns its size. */
static size_t make_elf(unsigned char *img, size_t cap, const char *lib, const char *runpath)
{
	const uint64_t base = 0x400000;
	size_t strtab = 64 + 2 * 56, off_lib, off_libc, off_rp = 0, dyn, n, k = 0;
	unsigned char *s;

	memset(img, 0, cap);
	s = img + strtab;
	n = 1;                           /* strtab[0] = "" */
	off_lib = n;
	memcpy(s + n, lib, strlen(lib) + 1);
	n += strlen(lib) + 1;
	off_libc = n;
	memcpy(s + n, "libc.so.6", 10);
	n += 10;
	if (runpath) {
		off_rp = n;
		memcpy(s + n, runpath, strlen(runpath) + 1);
		n += strlen(runpath) + 1;
	}
	dyn = (strtab + n + 7) & ~(size_t)7;
#define DYN(tag, val) do { put_le(img + dyn + k * 16, tag, 8); put_le(img + dyn + k * 16 + 8, val, 8); k++; } while (0)
	DYN(1, off_lib);
	DYN(1, off_libc);
	DYN(5, base + strtab);
	DYN(10, n);
	if (runpath)
		DYN(29, off_rp);
	DYN(0, 0);
#undef DYN
	assert_true(dyn + k * 16 <= cap);
	memcpy(img, "\177ELF\2\1\1", 7);
	put_le(img + 16, 2, 2);          /* ET_EXEC */
	put_le(img + 18, 62, 2);         /* x86-64 */
	put_le(img + 20, 1, 4);
	put_le(img + 32, 64, 8);         /* e_phoff */
	put_le(img + 52, 64, 2);
	put_le(img + 54, 56, 2);
	put_le(img + 56, 2, 2);          /* e_phnum */
	/* PT_LOAD covering the file */
	put_le(img + 64, 1, 4);
	put_le(img + 64 + 8, 0, 8);
	put_le(img + 64 + 16, base, 8);
	put_le(img + 64 + 32, dyn + k * 16, 8);
	put_le(img + 64 + 40, dyn + k * 16, 8);
	/* PT_DYNAMIC */
	put_le(img + 120, 2, 4);
	put_le(img + 120 + 8, dyn, 8);
	put_le(img + 120 + 16, base + dyn, 8);
	put_le(img + 120 + 32, k * 16, 8);
	put_le(img + 120 + 40, k * 16, 8);
	return dyn + k * 16;
}

static void test_elf_libpython(void **state)
{
	struct world w;
	unsigned char img[1024];
	size_t n;

	(void)state;
	/* a binary called just "python3": the version comes from the libpython it links */
	n = make_elf(img, sizeof(img), "libpython3.13t.so.1.0", "$ORIGIN/../lib");
	world_init(&w, "/", "/opt/ft/bin");
	add(&w, "/opt/ft/bin/python3", PS_FT_FILE, true, (const char *)img, n, NULL);
	file(&w, "/opt/ft/lib/libpython3.13t.so.1.0", "");
	file(&w, "/opt/ft/lib/python3.13t/_sysconfigdata_t_linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'ABIFLAGS': 't',\n 'Py_GIL_DISABLED': 1,\n 'prefix': '/opt/ft'}\n");
	assert_int_equal(world_detect(&w), 0);
	assert_int_equal(w.in.build.major, 3);
	assert_int_equal(w.in.build.minor, 13);
	assert_string_equal(w.in.build.abi_thread, "t");
	assert_string_equal(w.in.build.library, "/opt/ft/lib/libpython3.13t.so.1.0");
	assert_string_equal(w.in.build.prefix, "/opt/ft");
	assert_non_null(strstr(find_note(&w.d, "version")->source, "DT_NEEDED"));
	world_free(&w);

	/* LD_LIBRARY_PATH comes before RUNPATH; a truncated image is simply not ELF */
	n = make_elf(img, sizeof(img), "libpython3.12.so.1.0", "/nowhere");
	world_init(&w, "/", "/opt/x/bin");
	assert_int_equal(ps_env_set(&w.in.env, "LD_LIBRARY_PATH", "/custom/lib"), 0);
	assert_int_equal(ps_set_str(&w.in.argv0, "python3.12"), 0);
	add(&w, "/opt/x/bin/python3.12", PS_FT_FILE, true, (const char *)img, n, NULL);
	file(&w, "/custom/lib/libpython3.12.so.1.0", "");
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_string_equal(w.in.build.library, "/custom/lib/libpython3.12.so.1.0");
	world_free(&w);

	world_init(&w, "/", "/opt/y/bin");
	add(&w, "/opt/y/bin/python3", PS_FT_FILE, true, (const char *)img, 100, NULL);
	assert_int_equal(world_detect(&w), -1);   /* no version to be found anywhere */
	assert_non_null(strstr(w.err.msg, "--rules"));
	world_free(&w);
}

/*
 * A pyenv python3.12 copied elsewhere: its RUNPATH still names the
 * installation's lib/, and a shared build's PREFIX is compiled into that
 * libpython, so the build values come from the stdlib next to it (real
 * case: cp /root/.pyenv/versions/3.12.1/bin/python3.12 /tmp/x/bin/python3
 * runs with sys.base_prefix /root/.pyenv/versions/3.12.1).
 */
static void test_copied_shared_binary(void **state)
{
	struct world w;
	unsigned char img[1024];
	const struct ps_detect_note *nt;
	size_t n;

	(void)state;
	n = make_elf(img, sizeof(img), "libpython3.12.so.1.0", "/root/.pyenv/versions/3.12.1/lib");
	world_init(&w, "/tmp/x", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/tmp/x/bin/python3"), 0);
	add(&w, "/tmp/x/bin/python3", PS_FT_FILE, true, (const char *)img, n, NULL);
	file(&w, "/root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0", "");
	file(&w, "/root/.pyenv/versions/3.12.1/lib/python3.12/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'PLATLIBDIR': 'lib',\n 'exec_prefix': '/root/.pyenv/versions/3.12.1',\n"
	     " 'prefix': '/root/.pyenv/versions/3.12.1'}\n");
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_int_equal(w.in.build.minor, 12);
	assert_string_equal(w.in.build.library, "/root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0");
	assert_non_null(w.in.build.prefix);
	assert_string_equal(w.in.build.prefix, "/root/.pyenv/versions/3.12.1");
	assert_string_equal(w.in.build.exec_prefix, "/root/.pyenv/versions/3.12.1");
	nt = find_note(&w.d, "prefix");
	assert_non_null(nt);
	assert_string_equal(nt->source,
			    "/root/.pyenv/versions/3.12.1/lib/python3.12/_sysconfigdata__linux_x86_64-linux-gnu.py");
	world_free(&w);

	/* only config-3.12-ARCH/Makefile next to the library (a stdlib without _sysconfigdata) */
	world_init(&w, "/tmp/x", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/tmp/x/bin/python3"), 0);
	add(&w, "/tmp/x/bin/python3", PS_FT_FILE, true, (const char *)img, n, NULL);
	file(&w, "/root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0", "");
	file(&w, "/root/.pyenv/versions/3.12.1/lib/python3.12/config-3.12-x86_64-linux-gnu/Makefile",
	     "prefix=\t\t/root/.pyenv/versions/3.12.1\nexec_prefix=\t${prefix}\nPLATLIBDIR=\tlib\n");
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_non_null(w.in.build.prefix);
	assert_string_equal(w.in.build.prefix, "/root/.pyenv/versions/3.12.1");
	assert_string_equal(w.in.build.exec_prefix, "/root/.pyenv/versions/3.12.1");
	world_free(&w);

	/* a venv made with --copies: its lib/python3.12 (site-packages only) is not the stdlib */
	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/venv/bin/python3"), 0);
	add(&w, "/venv/bin/python3", PS_FT_FILE, true, (const char *)img, n, NULL);
	dir(&w, "/venv/lib/python3.12/site-packages");
	file(&w, "/root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0", "");
	file(&w, "/root/.pyenv/versions/3.12.1/lib/python3.12/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'prefix': '/root/.pyenv/versions/3.12.1'}\n");
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_non_null(w.in.build.prefix);
	assert_string_equal(w.in.build.prefix, "/root/.pyenv/versions/3.12.1");
	world_free(&w);
}

/*
 * A statically linked interpreter (no libpython): Debian's python3.11
 * copied into a venv (--copies).  The venv's lib/python3.11 holds only
 * site-packages, so the search goes on to /usr/local and /usr.  When
 * nothing is found, the prefix note is marked as a guess.
 */
static void test_static_binary(void **state)
{
	struct world w;
	const struct ps_detect_note *nt;

	(void)state;
	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/venv/bin/python3.11"), 0);
	xfile(&w, "/venv/bin/python3.11", "not ELF: static, no libpython");
	dir(&w, "/venv/lib/python3.11/site-packages");
	file(&w, "/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py",
	     "build_time_vars = {'PLATLIBDIR': 'lib',\n 'exec_prefix': '/usr',\n 'prefix': '/usr'}\n");
	file(&w, "/usr/lib/python3.11/site.py", "# dist-packages\n");
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_non_null(w.in.build.prefix);
	assert_string_equal(w.in.build.prefix, "/usr");
	assert_int_equal(w.in.build.debian_site, 1);
	world_free(&w);

	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/opt/s/bin/python3.11"), 0);
	xfile(&w, "/opt/s/bin/python3.11", "static");
	assert_int_equal(world_detect(&w), 0);
	assert_null(w.in.build.prefix);
	nt = find_note(&w.d, "prefix");
	assert_non_null(nt);
	assert_string_equal(nt->value, "/usr/local");
	assert_true(!strncmp(nt->source, "guess:", 6));
	world_free(&w);
}

/*
 * Debian's statically linked python3.11 copied as T/bin/python3 (real case:
 * cp /usr/bin/python3.11 T/bin/python3; it runs with sys.prefix /usr, the
 * PREFIX compiled into it).  Not named pythonX.Y, no libpython, no
 * T/lib/python3.11: --rules 3.11 gives the version (flagged as the user's
 * word) and detection goes on to the build values, found in /usr's stdlib
 * only through the usual-prefix fallback, so flagged as a guess.
 */
static void test_copied_static_binary_with_rules(void **state)
{
	struct world w;
	const struct ps_detect_note *nt;

	(void)state;
	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/t/bin/python3"), 0);
	xfile(&w, "/t/bin/python3", "static ELF: Py_BytesMain");
	file(&w, "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'PLATLIBDIR': 'lib',\n 'exec_prefix': '/usr',\n 'prefix': '/usr'}\n");
	file(&w, "/usr/lib/python3.11/site.py", "# dist-packages\n");
	assert_int_equal(world_detect(&w), -1);
	assert_non_null(strstr(w.err.msg, "cannot tell which Python version"));
	world_free(&w);

	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/t/bin/python3"), 0);
	xfile(&w, "/t/bin/python3", "static ELF: Py_BytesMain");
	file(&w, "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'PLATLIBDIR': 'lib',\n 'exec_prefix': '/usr',\n 'prefix': '/usr'}\n");
	file(&w, "/usr/lib/python3.11/site.py", "# dist-packages\n");
	w.in.build.major = 3;   /* --rules 3.11 */
	w.in.build.minor = 11;
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_int_equal(w.in.build.minor, 11);
	nt = find_note(&w.d, "version");
	assert_non_null(nt);
	assert_string_equal(nt->value, "3.11");
	assert_true(!strncmp(nt->source, "--rules 3.11: your word", 23));
	assert_non_null(w.in.build.prefix);
	assert_string_equal(w.in.build.prefix, "/usr");
	assert_string_equal(w.in.build.exec_prefix, "/usr");
	nt = find_note(&w.d, "prefix");
	assert_non_null(nt);
	assert_true(!strncmp(nt->source, "guess: ", 7));
	assert_int_equal(w.in.build.debian_site, 1);
	world_free(&w);

	/* the same stdlib under the binary's own prefix is no guess */
	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/usr/bin/python3.11"), 0);
	xfile(&w, "/usr/bin/python3.11", "static ELF: Py_BytesMain");
	file(&w, "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'prefix': '/usr'}\n");
	assert_int_equal(world_detect(&w), 0);
	assert_string_equal(find_note(&w.d, "prefix")->source,
			    "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py");
	world_free(&w);
}

/*
 * A binary that is not a Python interpreter (/bin/ls: no "python" in its
 * name, no libpython, no Py_BytesMain/Py_Main) is refused, even with a
 * python3.11 stdlib in its prefix's lib/; with --rules it is modelled and
 * the version is the user's word.  A static interpreter under another
 * name is known by python's main in its bytes.
 */
static void test_not_a_python(void **state)
{
	struct world w;
	unsigned char img[1024];
	size_t n;
	const struct ps_detect_note *nt;

	(void)state;
	n = make_elf(img, sizeof(img), "libselinux.so.1", NULL);
	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/bin/ls"), 0);
	link_(&w, "/bin", "usr/bin");
	add(&w, "/usr/bin/ls", PS_FT_FILE, true, (const char *)img, n, NULL);
	file(&w, "/usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'prefix': '/usr'}\n");
	assert_int_equal(world_detect(&w), -1);
	assert_non_null(strstr(w.err.msg, "/usr/bin/ls does not look like a Python interpreter"));
	assert_non_null(strstr(w.err.msg, "--rules"));
	assert_null(strchr(w.err.msg, '\n'));
	world_free(&w);

	world_init(&w, "/", "/usr/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "/bin/ls"), 0);
	link_(&w, "/bin", "usr/bin");
	add(&w, "/usr/bin/ls", PS_FT_FILE, true, (const char *)img, n, NULL);
	w.in.build.major = 3;
	w.in.build.minor = 12;
	assert_int_equal(world_detect(&w), 0);
	nt = find_note(&w.d, "version");
	assert_non_null(nt);
	assert_string_equal(nt->value, "3.12");
	assert_non_null(strstr(nt->source, "your word"));
	assert_non_null(strstr(nt->source, "does not look like a Python interpreter"));
	world_free(&w);

	world_init(&w, "/", "/opt/app/bin");
	assert_int_equal(ps_set_str(&w.in.argv0, "myapp"), 0);
	xfile(&w, "/opt/app/bin/myapp", "static: ... Py_BytesMain ...");
	file(&w, "/opt/app/lib/python3.12/_sysconfigdata__linux_x86_64-linux-gnu.py",
	     "build_time_vars = {'prefix': '/opt/app'}\n");
	if (world_detect(&w) != 0)
		fail_msg("detect: %s", w.err.msg);
	assert_int_equal(w.in.build.minor, 12);
	assert_string_equal(w.in.build.prefix, "/opt/app");
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pyenv_global_version),
		cmocka_unit_test(test_pyenv_local_file_and_env),
		cmocka_unit_test(test_pyenv_system),
		cmocka_unit_test(test_direct_and_given_values),
		cmocka_unit_test(test_relative_path_entry),
		cmocka_unit_test(test_wrappers_refused),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_asdf),
		cmocka_unit_test(test_elf_libpython),
		cmocka_unit_test(test_copied_shared_binary),
		cmocka_unit_test(test_static_binary),
		cmocka_unit_test(test_copied_static_binary_with_rules),
		cmocka_unit_test(test_not_a_python),
	};

	return cmocka_run_group_tests_name("detect", tests, NULL, NULL);
}
