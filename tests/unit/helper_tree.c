/* helper_tree.c - see helper_tree.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "helper_faultfs.h"
#include "helper_tree.h"

/* A ps_set_str() the test cannot go on without. */
static void set_str(char **field, const char *value)
{
	if (ps_set_str(field, value) < 0) {
		print_error("out of memory\n");
		fail();
	}
}

struct ps_tree *ps_tree_new(enum ps_platform plat, int major, int minor, const char *argv0,
			    const char *cwd)
{
	struct ps_tree *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->v = ps_vfs_new(plat);
	assert_non_null(t->v);
	ps_inputs_init(&t->in);
	t->in.build.major = major;
	t->in.build.minor = minor;
	t->in.build.platform = plat;
	set_str(&t->in.argv0, argv0);
	set_str(&t->in.cwd, cwd);
	t->in.run.kind = PS_RUN_COMMAND;
	set_str(&t->in.run.arg, "pass");
	ps_result_init(&t->r);
	ps_error_init(&t->err);
	return t;
}

void ps_tree_free(struct ps_tree *t)
{
	if (!t)
		return;
	ps_result_release(&t->r);
	ps_inputs_release(&t->in);
	ps_vfs_free(t->v);
	free(t);
}

/* ps_vfs_add() of len bytes of content; fails the test when refused. */
static void add_len(struct ps_tree *t, const char *path, enum ps_ftype type, bool exec,
		    const char *content, size_t len, const char *link, unsigned mode)
{
	struct ps_error err;
	ps_error_init(&err);
	if (ps_vfs_add(t->v, path, type, exec, content, len, link, mode, &err) < 0) {
		print_error("ps_vfs_add %s: %s\n", path, err.msg);
		fail();
	}
}

/* A node (not executable, no link) whose path is vprintf-formatted (at most 511 bytes). */
static void add_vf(struct ps_tree *t, enum ps_ftype type, const char *content, const char *fmt,
		   va_list ap) PS_PRINTF(4, 0);
static void add_vf(struct ps_tree *t, enum ps_ftype type, const char *content, const char *fmt,
		   va_list ap)
{
	char p[512];
	int n = vsnprintf(p, sizeof p, fmt, ap);
	assert_true(n >= 0 && (size_t)n < sizeof p);
	ps_tree_add(t, p, type, false, content, NULL, 0);
}

void ps_tree_add(struct ps_tree *t, const char *path, enum ps_ftype type, bool exec,
		 const char *content, const char *link, unsigned mode)
{
	add_len(t, path, type, exec, content, content ? strlen(content) : 0, link, mode);
}

void ps_tree_file(struct ps_tree *t, const char *path)
{
	ps_tree_add(t, path, PS_FT_FILE, false, NULL, NULL, 0);
}

void ps_tree_xfile(struct ps_tree *t, const char *path)
{
	ps_tree_add(t, path, PS_FT_FILE, true, NULL, NULL, 0);
}

void ps_tree_dir(struct ps_tree *t, const char *path)
{
	ps_tree_add(t, path, PS_FT_DIR, false, NULL, NULL, 0);
}

void ps_tree_link(struct ps_tree *t, const char *path, const char *target)
{
	ps_tree_add(t, path, PS_FT_LINK, false, NULL, target, 0);
}

void ps_tree_text(struct ps_tree *t, const char *path, const char *content)
{
	ps_tree_add(t, path, PS_FT_FILE, false, content, NULL, 0);
}

void ps_tree_filef(struct ps_tree *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_vf(t, PS_FT_FILE, NULL, fmt, ap);
	va_end(ap);
}

void ps_tree_bytes(struct ps_tree *t, const char *path, const char *content, size_t len)
{
	add_len(t, path, PS_FT_FILE, false, content, len, NULL, 0);
}

void ps_tree_addf(struct ps_tree *t, enum ps_ftype type, const char *content, const char *fmt,
		  ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_vf(t, type, content, fmt, ap);
	va_end(ap);
}

void ps_tree_stdlib(struct ps_tree *t, const char *root, int major, int minor)
{
	char p[512];
	ps_tree_filef(t, "%s/lib/python%d.%d/os.py", root, major, minor);
	ps_tree_filef(t, "%s/lib/python%d.%d/encodings/__init__.py", root, major, minor);
	snprintf(p, sizeof p, "%s/lib/python%d.%d/lib-dynload", root, major, minor);
	ps_tree_dir(t, p);
}

void ps_tree_install_bin(struct ps_tree *t, const char *root, int major, int minor)
{
	char p[512], target[32];
	snprintf(p, sizeof p, "%s/bin/python%d.%d", root, major, minor);
	ps_tree_xfile(t, p);
	snprintf(p, sizeof p, "%s/bin/python%d", root, major);
	snprintf(target, sizeof target, "python%d.%d", major, minor);
	ps_tree_link(t, p, target);
}

void ps_tree_install(struct ps_tree *t, const char *root, int major, int minor)
{
	ps_tree_install_bin(t, root, major, minor);
	ps_tree_stdlib(t, root, major, minor);
}

void ps_tree_install_nt(struct ps_tree *t, const char *root)
{
	char p[512];
	snprintf(p, sizeof p, "%s\\python.exe", root);
	ps_tree_xfile(t, p);
	ps_tree_filef(t, "%s\\Lib\\os.py", root);
	ps_tree_filef(t, "%s\\Lib\\encodings\\__init__.py", root);
	snprintf(p, sizeof p, "%s\\DLLs", root);
	ps_tree_dir(t, p);
}

void ps_tree_posix_defaults(struct ps_tree *t, const char *prefix, const char *home)
{
	if (prefix)
		set_str(&t->in.build.prefix, prefix);
	ps_tree_env(t, "PATH", "/usr/bin:/bin");
	ps_tree_env(t, "HOME", home);
	ps_tree_dir(t, home);
}

void ps_pyenv_init(struct ps_pyenv *p, int minor, const char *version)
{
	char exe[128];
	memset(p, 0, sizeof *p);
	p->minor = minor;
	snprintf(p->prefix, sizeof p->prefix, "/root/.pyenv/versions/%s", version);
	snprintf(p->lib, sizeof p->lib, "%s/lib/python3.%d", p->prefix, minor);
	snprintf(p->sp, sizeof p->sp, "%s/site-packages", p->lib);
	snprintf(p->ub, sizeof p->ub, "/u");
	snprintf(p->usp, sizeof p->usp, "/u/lib/python3.%d/site-packages", minor);
	snprintf(exe, sizeof exe, "%s/bin/python3", p->prefix);
	p->t = ps_tree_new(PS_PLATFORM_POSIX, 3, minor, exe, "/home/me");
	ps_tree_install(p->t, p->prefix, 3, minor);
	ps_tree_dir(p->t, p->sp);
	ps_tree_posix_defaults(p->t, p->prefix, "/home/me");
	p->t->in.build.debian_site = 0;
}

void ps_pyenv_release(struct ps_pyenv *p)
{
	ps_tree_free(p->t);
	p->t = NULL;
}

void ps_tree_env(struct ps_tree *t, const char *name, const char *value)
{
	assert_int_equal(ps_env_set(&t->in.env, name, value), 0);
}

void ps_tree_reg(struct ps_tree *t, const char *key, const char *value)
{
	struct ps_regval *rv = realloc(t->in.registry, (t->in.nregistry + 1) * sizeof *rv);
	assert_non_null(rv);
	t->in.registry = rv;
	rv += t->in.nregistry++;
	rv->key = NULL;
	rv->value = NULL;
	set_str(&rv->key, key);
	set_str(&rv->value, value);
}

const struct ps_fs *ps_tree_lower(struct ps_tree *t)
{
	ps_vfs_fs(t->v, &t->fs);
	t->fs.cwd = t->in.cwd;
	return &t->fs;
}

int ps_tree_compute(struct ps_tree *t, const struct ps_fs *fs)
{
	ps_result_release(&t->r);
	ps_result_init(&t->r);
	ps_error_init(&t->err);
	return ps_compute(&t->in, fs, &t->r, &t->err);
}

void ps_tree_run(struct ps_tree *t)
{
	if (ps_tree_compute(t, ps_tree_lower(t)) != 0) {
		print_error("ps_compute: %s\n", t->err.msg);
		fail();
	}
}

void ps_tree_fail_each_call(struct ps_tree *t, int odd_err, int even_err)
{
	const struct ps_fs *lower = ps_tree_lower(t);
	struct ps_faultfs ff;
	long n;
	int rc;
	for (n = 1; n < 10000; n++) {
		ps_faultfs_init(&ff, lower, n, n % 2 ? odd_err : even_err);
		rc = ps_tree_compute(t, &ff.fs);
		/* a prediction (maybe a fatal one), or out of memory */
		if (rc != 0)
			assert_int_equal(t->err.code, PS_ERR_NOMEM);
		else
			assert_true(t->r.has_fatal || t->r.getpath.prefix);
		if (!ff.failures) {
			/* the run that reached no fault must succeed */
			assert_int_equal(rc, 0);
			break;
		}
	}
	assert_true(n < 10000);   /* otherwise the last runs were never checked to end */
}

void ps_tree_probes(const struct ps_tree *t, struct ps_strv *out)
{
	ps_strv_init(out);
	for (size_t i = 0; i < t->r.ntrace; i++) {
		const struct ps_step *s = &t->r.trace[i];
		if (s->phase == PS_PHASE_SEARCH_PATH || s->phase == PS_PHASE_SITE ||
		    s->phase == PS_PHASE_PATH0 || s->op == PS_OP_DECIDE || s->op == PS_OP_WARN)
			continue;
		assert_int_equal(ps_strv_pushf(out, "%s %s", ps_op_name(s->op), s->path), 0);
	}
}

void ps_assert_strv(const struct ps_strv *sv, ...)
{
	va_list ap;
	const char *s;
	size_t i = 0;
	va_start(ap, sv);
	while ((s = va_arg(ap, const char *)) != NULL) {
		if (i >= sv->n) {
			print_error("missing element %zu: %s\n", i, s);
			fail();
		}
		assert_string_equal(sv->v[i], s);
		i++;
	}
	va_end(ap);
	if (i != sv->n) {
		print_error("extra element %zu: %s\n", i, sv->v[i]);
		fail();
	}
}
