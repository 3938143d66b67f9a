/*
 * helper_tree.h - one fixture for the unit tests that run the whole
 * computation over a virtual tree: a struct ps_vfs, the struct ps_inputs
 * that go with it, and the result of ps_compute().  It is CPython's
 * MockPosixNamespace / MockNTNamespace (Lib/test/test_getpath.py) for
 * pathscope.  Linked into every unit test (tests/unit/helper_*.c).
 *
 *   struct ps_tree *t = ps_tree_new(PS_PLATFORM_POSIX, 3, 12, "/usr/bin/python3", "/home/me");
 *   ps_tree_install(t, "/usr", 3, 12);            // bin/python3.12, lib/python3.12/...
 *   ps_tree_text(t, "/usr/pyvenv.cfg", "home = /x\n");
 *   ps_tree_env(t, "PYTHONHOME", "/opt");
 *   t->in.flags.no_site = true;                    // any input can be set directly
 *   ps_tree_run(t);                                // fails the test if ps_compute fails
 *   MSP(t, "/usr/lib/python312.zip", ...);         // then look at t->r
 *   ps_tree_free(t);
 *
 * Ownership and lifetime:
 *   - ps_tree_new() returns a heap object that is yours: ps_tree_free() it
 *     (ps_tree_free(NULL) is a no-op).  It owns t->v, t->in and t->r;
 *     t->fs and t->err are plain values.
 *   - Nothing of a tree is shared with another tree; every string given to a
 *     ps_tree_* function is copied.
 *   - t->in starts as ps_inputs_init() left it, with build.platform/major/
 *     minor, argv0, cwd and run = "-c pass" set (nothing in the environment,
 *     no prefix: each test file sets its own defaults on top).
 *   - ps_tree_run() and ps_tree_compute() release the previous result
 *     first, so a tree can be changed and run again.
 *
 * Errors: every ps_tree_* function fails the running cmocka test (fail())
 * on an allocation error or a refused ps_vfs_add, printing why; none
 * returns an error except ps_tree_compute(), whose failure is what the
 * caller wants to see.
 *
 * test_site.c and test_explain.c build on struct ps_pyenv (below), a
 * ps_tree with the paths of a pyenv install beside it; test_fatal.c and
 * test_path0.c use a ps_tree directly.
 */
#ifndef PS_HELPER_TREE_H
#define PS_HELPER_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct ps_tree {
	struct ps_vfs *v;       /* owned: the virtual filesystem */
	struct ps_inputs in;    /* owned: what ps_compute() is given */
	struct ps_fs fs;        /* t->v as a ps_fs with cwd = in.cwd (set by ps_tree_lower) */
	struct ps_result r;     /* owned: the result of the last computation */
	struct ps_error err;    /* the error of the last computation */
};

/*
 * A new tree for python major.minor on plat, started as argv0 in cwd
 * (both copied; NULL leaves them unset).  Yours: ps_tree_free() it.
 */
struct ps_tree *ps_tree_new(enum ps_platform plat, int major, int minor, const char *argv0,
			    const char *cwd);
void ps_tree_free(struct ps_tree *t);

/* Adds one node (ps_vfs_add with the content's strlen); fails the test when refused. */
void ps_tree_add(struct ps_tree *t, const char *path, enum ps_ftype type, bool exec,
		 const char *content, const char *link, unsigned mode);
void ps_tree_file(struct ps_tree *t, const char *path);                       /* empty file */
void ps_tree_xfile(struct ps_tree *t, const char *path);                      /* executable */
void ps_tree_dir(struct ps_tree *t, const char *path);
void ps_tree_link(struct ps_tree *t, const char *path, const char *target);   /* symlink */
void ps_tree_text(struct ps_tree *t, const char *path, const char *content);  /* file with text */
/* An empty file whose path is printf-formatted (at most 511 bytes). */
void ps_tree_filef(struct ps_tree *t, const char *fmt, ...) PS_PRINTF(2, 3);
/* A file of len bytes of content, which may hold NULs or bytes no YAML can say. */
void ps_tree_bytes(struct ps_tree *t, const char *path, const char *content, size_t len);
/* A node whose path is printf-formatted (at most 511 bytes); content as for ps_tree_add. */
void ps_tree_addf(struct ps_tree *t, enum ps_ftype type, const char *content, const char *fmt,
		  ...) PS_PRINTF(4, 5);

/*
 * The stdlib of pythonM.m under root: lib/pythonM.m/os.py,
 * lib/pythonM.m/encodings/__init__.py and the directory
 * lib/pythonM.m/lib-dynload (what getpath and the encodings check look for).
 */
void ps_tree_stdlib(struct ps_tree *t, const char *root, int major, int minor);
/* The executable root/bin/pythonM.m and the link bin/pythonM -> pythonM.m (no stdlib). */
void ps_tree_install_bin(struct ps_tree *t, const char *root, int major, int minor);
/*
 * A POSIX `make install` of pythonM.m under root: ps_tree_install_bin()
 * and ps_tree_stdlib().
 */
void ps_tree_install(struct ps_tree *t, const char *root, int major, int minor);
/*
 * A Windows install under root (test_normal_win32's tree): the executable
 * root\python.exe, root\Lib\os.py, root\Lib\encodings\__init__.py and the
 * directory root\DLLs.
 */
void ps_tree_install_nt(struct ps_tree *t, const char *root);

/*
 * The usual POSIX defaults of the getpath tests: build.prefix (NULL: left
 * unset), PATH=/usr/bin:/bin, HOME=home and home as a directory of the tree.
 */
void ps_tree_posix_defaults(struct ps_tree *t, const char *prefix, const char *home);

/*
 * The site-stage fixture of test_site.c and test_explain.c, mirroring the
 * pyenv interpreters of this machine: a `make install` of 3.minor under
 * prefix = /root/.pyenv/versions/<version> (compiled PREFIX = prefix),
 * an empty prefix/lib/python3.minor/site-packages, argv0 prefix/bin/python3,
 * cwd /home/me, ps_tree_posix_defaults(prefix, "/home/me") and
 * build.debian_site = 0 (no Debian patch).  build.micro stays unknown (-1): a test
 * that depends on it (gh-113659) sets it.  The paths are kept beside the
 * tree for the tests' expectations; ub and usp are the user base /u and
 * its site-packages, which only exist once a test sets PYTHONUSERBASE and
 * adds files there.  ps_pyenv_release() frees p->t.
 */
struct ps_pyenv {
	struct ps_tree *t;  /* owned */
	int minor;
	char prefix[64];    /* /root/.pyenv/versions/3.12.1 */
	char lib[96];       /* prefix/lib/python3.12 */
	char sp[128];       /* prefix/lib/python3.12/site-packages */
	char ub[64];        /* /u (PYTHONUSERBASE) */
	char usp[128];      /* /u/lib/python3.12/site-packages */
};
void ps_pyenv_init(struct ps_pyenv *p, int minor, const char *version);
void ps_pyenv_release(struct ps_pyenv *p);

/* Sets an environment variable of t->in (copied). */
void ps_tree_env(struct ps_tree *t, const char *name, const char *value);
/* Appends a registry value to t->in.registry (copied; value may be NULL). */
void ps_tree_reg(struct ps_tree *t, const char *key, const char *value);

/* Points t->fs at t->v with cwd = t->in.cwd; returns &t->fs (borrowed, valid while t lives). */
const struct ps_fs *ps_tree_lower(struct ps_tree *t);
/* ps_compute() of t->in over fs into a fresh t->r and t->err; returns its 0 or -1. */
int ps_tree_compute(struct ps_tree *t, const struct ps_fs *fs);
/* ps_compute() over t->v; fails the test, printing t->err, when it returns -1. */
void ps_tree_run(struct ps_tree *t);
/*
 * Runs the computation over t->v once per counted filesystem call, that
 * call failing with odd_err (odd calls) or even_err (even calls), until a
 * run completes without reaching its fault (at most 10000 runs).  Each run
 * ends in a prediction (maybe a fatal one) or in PS_ERR_NOMEM, the last one
 * in success; none may crash or leak (the sanitizer build).
 */
void ps_tree_fail_each_call(struct ps_tree *t, int odd_err, int even_err);

/* The getpath probes of t->r's trace (no decisions, warnings, site or path0) as "op path". */
void ps_tree_probes(const struct ps_tree *t, struct ps_strv *out);

/* Asserts sv holds exactly the strings given, in order (a NULL ends the list). */
void ps_assert_strv(const struct ps_strv *sv, ...);

/* Assertions on t->r, as the getpath tests write them. */
#define MSP(t, ...) ps_assert_strv(&(t)->r.getpath.module_search_paths, __VA_ARGS__, NULL)
#define SYSPATH(t, ...) ps_assert_strv(&(t)->r.sys.path, __VA_ARGS__, NULL)
#define WARNINGS(t, ...) ps_assert_strv(&(t)->r.getpath.warnings, __VA_ARGS__, NULL)
#define NO_WARNINGS(t) assert_int_equal((t)->r.getpath.warnings.n, 0)
#define GP(t, field, want) assert_string_equal((t)->r.getpath.field, want)
#define PROBES(t, ...)                                       \
	do {                                                 \
		struct ps_strv pr_;                          \
		ps_tree_probes(t, &pr_);                     \
		ps_assert_strv(&pr_, __VA_ARGS__, NULL);     \
		ps_strv_release(&pr_);                       \
	} while (0)

#endif /* PS_HELPER_TREE_H */
