/*
 * cmd_capture.c - `pathscope capture [OPTIONS] [-o FILE]`: writes the
 * modelled interpreter's inputs and the part of the filesystem the model
 * looks at as a scenario file (contract §3), with an expect: block holding
 * the current prediction, so the file reproduces the case anywhere and is
 * a regression test (`pathscope check FILE`).
 *
 * What goes in:
 *   - the inputs after detection (argv[0], cwd, flags, run mode, the
 *     compiled-in values) and, of the environment, only what CPython reads
 *     at start-up: PATH, HOME, PYTHON* and __PYVENV_LAUNCHER__ (never the
 *     rest of the environment: tokens and the like stay out);
 *   - every path the model touched: the computation runs over a recording
 *     filesystem that notes each stat, lstat, readlink, read and listing,
 *     so untraced probes (module look-ups for .pth import lines, the
 *     diagnosis of fatal errors) are covered too.  Each path is copied the
 *     way the kernel resolves it: every symbolic link met on the way is
 *     written as a link and followed, so links stay links;
 *   - of a listed directory, the entries that matter to site.py: *.pth
 *     files, and names starting with a module named by a .pth import line;
 *   - file contents only for the small text files the model reads:
 *     pyvenv.cfg, ._pth files, .pth files and pybuilddir.txt (up to 1 MiB
 *     each).  Every other file is written empty (with its exec bit).
 *
 * The file is then loaded back and resolved: when its prediction differs
 * from the one on the real tree (a zip whose contents mattered, a file
 * larger than the limit), one line says which key, and the exit status is 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "util.h"

#define CONTENT_LIMIT (1024u * 1024)
#define MAX_HOPS 40

/* ------------------------------------------------------------------ */
/* A filesystem that records what goes through it                      */
/* ------------------------------------------------------------------ */

struct recorder {
	const struct ps_fs *lower;
	struct ps_strv probed;   /* every path stat/lstat/readlink/read/listed */
	struct ps_strv listed;   /* directories listed */
};

/* The backend ops see absolute paths from ps_fs_*, but site.c calls some ops directly. */
static void record(struct recorder *rc, struct ps_strv *into, const char *path)
{
	if (!path || !*path)
		return;
	if (ps_path_isabs(rc->lower->platform, path)) {
		if (ps_strv_push(into, path) < 0)
			die_oom();
	} else if (rc->lower->cwd) {
		char *abs = ps_path_join2(rc->lower->platform, rc->lower->cwd, path);

		if (!abs || ps_strv_push_take(into, abs) < 0)
			die_oom();
	}
}

static int rec_stat(void *ctx, const char *path, struct ps_stat *st)
{
	struct recorder *rc = ctx;

	record(rc, &rc->probed, path);
	return rc->lower->ops->stat(rc->lower->ctx, path, st);
}

static int rec_lstat(void *ctx, const char *path, struct ps_stat *st)
{
	struct recorder *rc = ctx;

	record(rc, &rc->probed, path);
	return rc->lower->ops->lstat(rc->lower->ctx, path, st);
}

static int rec_readlink(void *ctx, const char *path, char **target)
{
	struct recorder *rc = ctx;

	record(rc, &rc->probed, path);
	return rc->lower->ops->readlink(rc->lower->ctx, path, target);
}

static int rec_read_file(void *ctx, const char *path, size_t limit, char **data, size_t *len)
{
	struct recorder *rc = ctx;

	record(rc, &rc->probed, path);
	return rc->lower->ops->read_file(rc->lower->ctx, path, limit, data, len);
}

static int rec_list_dir(void *ctx, const char *path, struct ps_strv *names)
{
	struct recorder *rc = ctx;

	record(rc, &rc->probed, path);
	record(rc, &rc->listed, path);
	return rc->lower->ops->list_dir(rc->lower->ctx, path, names);
}

static const struct ps_fs_ops recorder_ops = {
	rec_stat, rec_lstat, rec_readlink, rec_read_file, rec_list_dir,
};

/* ------------------------------------------------------------------ */
/* Copying paths into a virtual tree                                   */
/* ------------------------------------------------------------------ */

struct capture {
	const struct ps_fs *src;     /* the tree modelled (real, or a scenario's) */
	bool exact_modes;            /* copy permission bits (only from a virtual tree: see add_node) */
	struct ps_vfs *vfs;          /* what is written */
	struct ps_fs vfs_fs;         /* to ask the vfs what it already holds */
	struct ps_strv skipped;      /* files too large to copy, for the description */
	struct ps_strv modules;      /* top-level module names of .pth import lines */
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* The files whose contents the model reads and that are copied: nothing else ever is. */
static bool content_wanted(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, "pyvenv.cfg") || !strcmp(base, "pybuilddir.txt") ||
	       ends_with(base, "._pth") || ends_with(base, ".pth");
}

static void vfs_add_or_die(struct capture *c, const char *path, enum ps_ftype type, bool exec,
			   const char *content, size_t len, const char *link, unsigned mode)
{
	struct ps_error err;

	ps_error_init(&err);
	if (ps_vfs_add(c->vfs, path, type, exec, content, len, link, mode, &err) < 0 &&
	    err.code == PS_ERR_NOMEM)
		die_oom();
	/* other failures (a clash with a node already there) leave the first one */
}

/*
 * Adds one node found at `path` in the source tree (nothing when the vfs
 * already has it).  Permission bits are copied only from a virtual tree:
 * on the real disk pathscope usually runs as root, whom a mode of 0700
 * does not stop, while the virtual tree would enforce it.
 */
static void add_node(struct capture *c, const char *path, const struct ps_stat *st, const char *link)
{
	struct ps_stat have;
	unsigned mode = c->exact_modes ? (st->mode & 07777) | PS_VFS_MODE_EXACT : 0;

	if (ps_fs_lstat(&c->vfs_fs, path, &have) == 0)
		return;
	switch (st->type) {
	case PS_FT_LINK:
		vfs_add_or_die(c, path, PS_FT_LINK, false, NULL, 0, link, 0);
		break;
	case PS_FT_DIR:
		vfs_add_or_die(c, path, PS_FT_DIR, false, NULL, 0, NULL, mode);
		break;
	case PS_FT_FILE: {
		char *data = NULL;
		size_t len = 0;
		bool exec = (st->mode & 0111) != 0;

		if (content_wanted(path)) {
			int rc = ps_fs_read_file(c->src, path, CONTENT_LIMIT, &data, &len);

			if (rc == ENOMEM)
				die_oom();
			if (rc == EFBIG && ps_strv_push(&c->skipped, path) < 0)
				die_oom();
			if (rc) {
				free(data);
				data = NULL;
				len = 0;
			}
		}
		vfs_add_or_die(c, path, PS_FT_FILE, exec, data, len, NULL, mode);
		free(data);
		break;
	}
	default:
		return;   /* devices, sockets, fifos: nothing the model looks for */
	}
	if (st->hidden) {
		struct ps_error err;

		ps_error_init(&err);
		ps_vfs_set_hidden(c->vfs, path, true, &err);
	}
}

/* Pushes the components of path onto the stack, last first (so the first is popped first). */
static void push_components(struct ps_strv *stack, const char *path)
{
	struct ps_strv parts;
	size_t i;

	ps_strv_init(&parts);
	if (ps_strv_split(&parts, path, '/') < 0)
		die_oom();
	for (i = parts.n; i-- > 0;)
		if (parts.v[i][0] && strcmp(parts.v[i], ".") && ps_strv_push(stack, parts.v[i]) < 0)
			die_oom();
	ps_strv_release(&parts);
}

/*
 * Copies an absolute path from the source tree as the kernel resolves it:
 * component by component from "/", each symlink met recorded as a link and
 * its target walked in its place ("..", after a link, is the parent of
 * where the link led), until a component is missing or is a file.
 */
static void import_path(struct capture *c, const char *path)
{
	struct ps_strv stack;
	char *cur = xstrdup("/");
	int hops = 0;

	ps_strv_init(&stack);
	push_components(&stack, path);
	while (stack.n) {
		char *comp = stack.v[stack.n - 1], *next;
		struct ps_stat st;

		stack.v[--stack.n] = NULL;
		if (!strcmp(comp, "..")) {
			char *up = ps_path_dirname(PS_PLATFORM_POSIX, cur);

			if (!up)
				die_oom();
			free(cur);
			cur = up[0] ? up : (free(up), xstrdup("/"));
			free(comp);
			continue;
		}
		next = ps_path_join2(PS_PLATFORM_POSIX, cur, comp);
		free(comp);
		if (!next)
			die_oom();
		if (ps_fs_lstat(c->src, next, &st) != 0) {
			free(next);
			break;
		}
		if (st.type == PS_FT_LINK) {
			char *target = NULL;

			if (ps_fs_readlink(c->src, next, &target) != 0 || ++hops > MAX_HOPS) {
				free(target);
				free(next);
				break;
			}
			add_node(c, next, &st, target);
			push_components(&stack, target);
			if (target[0] == '/') {
				free(cur);
				cur = xstrdup("/");
			}
			free(target);
			free(next);
			continue;
		}
		add_node(c, next, &st, NULL);
		free(cur);
		cur = next;
		if (st.type != PS_FT_DIR)
			break;
	}
	ps_strv_release(&stack);
	free(cur);
}

/*
 * The top-level modules a .pth import line names ("import a.b as c, d;
 * rest" gives a and d), so that a listed directory's entries for them are
 * kept: site.py's outcome for such a line depends on whether they exist.
 */
static void import_line_modules(struct capture *c, const char *text)
{
	const char *p = text, *end;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "import", 6) || (p[6] != ' ' && p[6] != '\t'))
		return;
	p += 7;
	end = p + strcspn(p, ";\n");
	while (p < end) {
		size_t n;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		n = 0;
		while (p + n < end && (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') ||
				       (p[n] >= 'A' && p[n] <= 'Z') || (n && p[n] >= '0' && p[n] <= '9')))
			n++;
		if (n) {
			char *name = xasprintf("%.*s", (int)n, p);

			if (ps_strv_find(&c->modules, name) < 0 && ps_strv_push(&c->modules, name) < 0)
				die_oom();
			free(name);
		}
		p += n;
		while (p < end && *p != ',')
			p++;
	}
}

static bool names_module(const struct capture *c, const char *entry)
{
	size_t i;

	for (i = 0; i < c->modules.n; i++) {
		size_t n = strlen(c->modules.v[i]);

		if (!strncmp(entry, c->modules.v[i], n) && (entry[n] == '\0' || entry[n] == '.'))
			return true;
	}
	return false;
}

/* Of a listed directory, the entries site.py cares about. */
static void import_listing(struct capture *c, const char *dir)
{
	struct ps_strv names;
	size_t i;

	ps_strv_init(&names);
	if (ps_fs_list_dir(c->src, dir, &names) != 0) {
		ps_strv_release(&names);
		return;
	}
	for (i = 0; i < names.n; i++) {
		char *full;

		if (!ends_with(names.v[i], ".pth") && !names_module(c, names.v[i]))
			continue;
		full = ps_path_join2(PS_PLATFORM_POSIX, dir, names.v[i]);
		if (!full)
			die_oom();
		import_path(c, full);
		free(full);
	}
	ps_strv_release(&names);
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts and drops duplicates. */
static void uniq(struct ps_strv *sv)
{
	size_t i, k = 0;

	if (!sv->n)
		return;
	qsort(sv->v, sv->n, sizeof(*sv->v), strp_cmp);
	for (i = 1; i < sv->n; i++) {
		if (!strcmp(sv->v[i], sv->v[k]))
			free(sv->v[i]);
		else
			sv->v[++k] = sv->v[i];
	}
	sv->n = k + 1;
	sv->v[sv->n] = NULL;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* Whether CPython reads this variable at start-up (what capture keeps of the environment). */
static bool env_kept(const char *entry)
{
	return !strncmp(entry, "PATH=", 5) || !strncmp(entry, "HOME=", 5) ||
	       !strncmp(entry, "PYTHON", 6) || !strncmp(entry, "__PYVENV_LAUNCHER__=", 20);
}

/*
 * A YAML double-quoted scalar.  Bytes that are not UTF-8 (possible in
 * paths from a real disk) cannot be written faithfully: \xXX reads back as
 * U+00XX, and `check` then reports that key (see the README).
 */
static void yaml_quoted(struct ps_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	ps_buf_addc(b, '"');
	while (i < n) {
		unsigned cp;
		size_t k = ps_utf8_decode((const char *)p + i, n - i, &cp);

		if (k == 0) {
			ps_buf_addf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			ps_buf_addf(b, "\\%c", (char)cp);
		else if (cp == '\n')
			ps_buf_adds(b, "\\n");
		else if (cp == '\t')
			ps_buf_adds(b, "\\t");
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			ps_buf_addf(b, "\\x%02x", cp);
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0xfeff)
			ps_buf_addf(b, "\\u%04x", cp);
		else
			ps_buf_add(b, s + i, k);
		i += k;
	}
	ps_buf_addc(b, '"');
}

static void expect_str(struct ps_buf *b, const char *key, const char *value)
{
	ps_buf_addf(b, "  %s: ", key);
	if (value)
		yaml_quoted(b, value);
	else
		ps_buf_adds(b, "null");
	ps_buf_addc(b, '\n');
}

static void expect_list(struct ps_buf *b, const char *key, const struct ps_strv *sv)
{
	size_t i;

	ps_buf_addf(b, "  %s:%s\n", key, sv->n ? "" : " []");
	for (i = 0; i < sv->n; i++) {
		ps_buf_adds(b, "  - ");
		yaml_quoted(b, sv->v[i]);
		ps_buf_addc(b, '\n');
	}
}

/* The prediction as an expect: block (keys as `check` reads them: bare = sys, dotted = a JSON path). */
static void write_expect(struct ps_buf *b, const struct ps_result *r)
{
	const struct ps_getpath_out *g = &r->getpath;

	ps_buf_adds(b, "expect:\n");
	if (r->has_sys) {
		const struct ps_sys_out *y = &r->sys;

		expect_str(b, "executable", y->executable);
		expect_str(b, "base_executable", y->base_executable);
		expect_str(b, "prefix", y->prefix);
		expect_str(b, "exec_prefix", y->exec_prefix);
		expect_str(b, "base_prefix", y->base_prefix);
		expect_str(b, "base_exec_prefix", y->base_exec_prefix);
		expect_list(b, "path", &y->path);
		expect_str(b, "user_site", y->user_site);
		ps_buf_addf(b, "  enable_user_site: %s\n",
			    y->enable_user_site > 0 ? "true" : y->enable_user_site == 0 ? "false" : "null");
	}
	expect_str(b, "getpath.executable", g->executable);
	expect_str(b, "getpath.base_executable", g->base_executable);
	expect_str(b, "getpath.prefix", g->prefix);
	expect_str(b, "getpath.exec_prefix", g->exec_prefix);
	expect_str(b, "getpath.base_prefix", g->base_prefix);
	expect_str(b, "getpath.base_exec_prefix", g->base_exec_prefix);
	expect_str(b, "getpath.stdlib_dir", g->stdlib_dir);
	expect_str(b, "getpath.platstdlib_dir", g->platstdlib_dir);
	expect_list(b, "getpath.module_search_paths", &g->module_search_paths);
	expect_list(b, "getpath.warnings", &g->warnings);
	if (r->has_fatal)
		expect_str(b, "fatal.message", r->fatal.message);
	else
		ps_buf_adds(b, "  fatal: null\n");
}

static char *describe(const struct ps_session *s, const struct capture *c)
{
	struct ps_buf b;
	size_t i;

	ps_buf_init(&b);
	ps_buf_addf(&b, "Written by `pathscope capture` from %s.\n",
		    s->scenario ? "a scenario" : "the real filesystem");
	ps_buf_adds(&b, "Holds the paths the model looked at (links kept as links); file contents\n"
			"only of pyvenv.cfg, ._pth, .pth and pybuilddir.txt, every other file empty.\n"
			"Environment: only PATH, HOME, PYTHON* and __PYVENV_LAUNCHER__.\n");
	for (i = 0; i < c->skipped.n; i++)
		ps_buf_addf(&b, "Written empty, larger than 1 MiB: %s\n", c->skipped.v[i]);
	xbuf_check(&b);
	return ps_buf_detach(&b);
}

/* Loads the document back and checks it against its own expect: block. 0 same, 1 differs, 2 broken. */
static int self_check(const struct ps_buf *doc, char *msg, size_t size)
{
	struct ps_scenario *sc;
	struct ps_error err;
	struct ps_result r;
	struct ps_fs fs;
	struct ps_mismatch *mm = NULL;
	size_t nmm = 0;
	int rc = 0;

	ps_error_init(&err);
	sc = ps_scenario_load_string("captured scenario", doc->s, doc->len, &err);
	if (!sc) {
		char line[1024];

		snprintf(msg, size, "the captured scenario does not load back (%s)",
			 ps_error_format(&err, line, sizeof(line)));
		return 2;
	}
	ps_vfs_fs(sc->vfs, &fs);
	fs.cwd = sc->inputs.cwd;
	ps_result_init(&r);
	if (ps_compute(&sc->inputs, &fs, &r, &err) < 0 ||
	    ps_scenario_check(sc, &r, &mm, &nmm, &err) < 0) {
		if (err.code == PS_ERR_NOMEM)
			die_oom();
		snprintf(msg, size, "the captured scenario cannot be resolved: %s", err.msg);
		rc = 2;
	} else if (nmm) {
		snprintf(msg, size,
			 "the captured scenario predicts %s = %s instead of %s (%zu key%s differ%s); written anyway",
			 mm[0].key, mm[0].actual ? mm[0].actual : "(absent)",
			 mm[0].expected ? mm[0].expected : "(absent)", nmm, nmm == 1 ? "" : "s",
			 nmm == 1 ? "s" : "");
		rc = 1;
	}
	ps_mismatches_free(mm, nmm);
	ps_result_release(&r);
	ps_scenario_free(sc);
	return rc;
}

static int write_output(const struct ps_cli *cli, const struct ps_buf *doc)
{
	FILE *f;

	if (!cli->output || !strcmp(cli->output, "-"))
		return write_stdout(doc->s, doc->len) < 0 ? -1 : 0;
	f = fopen(cli->output, "w");
	if (!f) {
		print_msg("cannot write %s: %s", cli->output, strerror(errno));
		return -1;
	}
	if (fwrite(doc->s, 1, doc->len, f) != doc->len || fclose(f) != 0) {
		print_msg("cannot write %s: %s", cli->output, strerror(errno));
		return -1;
	}
	return 0;
}

int cmd_capture(const struct ps_cli *cli, struct ps_session *s)
{
	struct recorder rec = { 0 };
	struct capture c;
	struct ps_fs recfs = s->fs, saved = s->fs;
	struct ps_inputs kept;
	struct ps_result r;
	struct ps_error err;
	struct ps_buf doc;
	char *name, *desc, msg[1200] = "";
	size_t i;
	int rc, check;

	if (cli->nargs) {
		print_msg("capture takes no arguments (got '%s'); try 'pathscope --help'", cli->args[0]);
		return 2;
	}
	if (cli->format_given && cli->format != PS_FORMAT_YAML) {
		print_msg("capture always writes a YAML scenario: --format %s does not apply",
			  cli_format_name(cli->format));
		return 2;
	}

	if (s->in.build.platform == PS_PLATFORM_NT) {
		print_msg("capture copies POSIX trees only (this scenario is for nt)");
		return 2;
	}

	/* 1. the prediction, over a filesystem that records every path the model touches */
	rec.lower = &saved;
	ps_strv_init(&rec.probed);
	ps_strv_init(&rec.listed);
	recfs.ops = &recorder_ops;
	recfs.ctx = &rec;
	s->fs = recfs;
	ps_error_init(&err);
	ps_result_init(&r);
	rc = session_compute(s, &r, &err);
	s->fs = saved;
	if (rc < 0) {
		print_error(&err);
		ps_result_release(&r);
		ps_strv_release(&rec.probed);
		ps_strv_release(&rec.listed);
		return 2;
	}

	/* 2. those paths, from the same tree, into a virtual one */
	memset(&c, 0, sizeof(c));
	c.src = &saved;
	c.exact_modes = s->scenario != NULL;
	c.vfs = ps_vfs_new(s->in.build.platform);
	if (!c.vfs)
		die_oom();
	ps_vfs_fs(c.vfs, &c.vfs_fs);
	ps_strv_init(&c.skipped);
	ps_strv_init(&c.modules);
	for (i = 0; i < r.npth; i++)
		if (r.pth[i].text && (r.pth[i].action == PS_PTH_IMPORT || r.pth[i].action == PS_PTH_ERROR))
			import_line_modules(&c, r.pth[i].text);
	uniq(&rec.probed);
	uniq(&rec.listed);
	if (s->in.cwd)
		import_path(&c, s->in.cwd);
	for (i = 0; i < rec.probed.n; i++)
		import_path(&c, rec.probed.v[i]);
	for (i = 0; i < rec.listed.n; i++)
		import_listing(&c, rec.listed.v[i]);

	/* 3. the inputs, with only the environment CPython reads */
	ps_inputs_init(&kept);
	if (ps_inputs_copy(&kept, &s->in) < 0)
		die_oom();
	ps_strv_clear(&kept.env);
	for (i = 0; i < s->in.env.n; i++)
		if (env_kept(s->in.env.v[i]) && ps_strv_push(&kept.env, s->in.env.v[i]) < 0)
			die_oom();

	ps_buf_init(&doc);
	name = s->scenario && s->scenario->name ? xasprintf("%s (captured)", s->scenario->name)
						 : xasprintf("captured: %s", s->python_arg ? s->python_arg : "python3");
	desc = describe(s, &c);
	if (ps_scenario_write(&kept, c.vfs, name, desc, &doc, &err) < 0) {
		print_error(&err);
		rc = 2;
		goto out;
	}
	write_expect(&doc, &r);
	xbuf_check(&doc);

	/* 4. the file must say the same thing as the tree it came from */
	check = self_check(&doc, msg, sizeof(msg));
	if (check == 2) {
		print_msg("%s", msg);
		rc = 2;
		goto out;
	}
	if (write_output(cli, &doc) < 0) {
		rc = 2;
		goto out;
	}
	if (check == 1)
		print_msg("%s", msg);
	rc = check;
out:
	free(name);
	free(desc);
	ps_buf_release(&doc);
	ps_inputs_release(&kept);
	ps_strv_release(&c.skipped);
	ps_strv_release(&c.modules);
	ps_vfs_free(c.vfs);
	ps_strv_release(&rec.probed);
	ps_strv_release(&rec.listed);
	ps_result_release(&r);
	return rc;
}
