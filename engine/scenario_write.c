/*
 * scenario_write.c - inputs and a virtual tree written back as a scenario
 * document that ps_scenario_load reads as the same inputs and tree (the
 * explorer's `w` key, `pathscope capture`).
 *
 * Only what differs from the loader's defaults is left out of python: and
 * embed:; invocation: is always complete.  Directories that exist only
 * because something is below them (default mode, not hidden) are implied
 * and not listed.  File contents are literal blocks ("|") when that reads
 * back byte for byte, else double-quoted strings.  Strings that are not
 * UTF-8 (possible in names captured from a real disk) cannot be written
 * faithfully: their stray bytes come back as U+0080..U+00FF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario-int.h"

/* YAML implicit keys are limited to 1024 characters; longer ones use "? key". */
#define MAX_IMPLICIT_KEY 1000

static void ind(struct ps_buf *out, int n)
{
	for (int i = 0; i < n; i++)
		ps_buf_addc(out, ' ');
}

static void scalar(struct ps_buf *out, const char *s)
{
	ps_yaml_add_scalar(out, s, strlen(s));
}

/* Writes "key:" at indentation n (the value follows: " x\n" or "\n" + block). */
static void key(struct ps_buf *out, int n, const char *k)
{
	struct ps_buf tmp;

	ps_buf_init(&tmp);
	ps_yaml_add_scalar(&tmp, k, strlen(k));
	if (tmp.oom)
		out->oom = true;
	ind(out, n);
	if (tmp.len > MAX_IMPLICIT_KEY) {
		ps_buf_adds(out, "? ");
		ps_buf_add(out, tmp.s, tmp.len);
		ps_buf_addc(out, '\n');
		ind(out, n);
	} else {
		ps_buf_add(out, tmp.s, tmp.len);
	}
	ps_buf_addc(out, ':');
	ps_buf_release(&tmp);
}

static void kv_str(struct ps_buf *out, int n, const char *k, const char *v)
{
	if (!v)
		return;
	key(out, n, k);
	ps_buf_addc(out, ' ');
	scalar(out, v);
	ps_buf_addc(out, '\n');
}

static void kv_bool(struct ps_buf *out, int n, const char *k, bool v)
{
	key(out, n, k);
	ps_buf_adds(out, v ? " true\n" : " false\n");
}

static void kv_tristate(struct ps_buf *out, int n, const char *k, int v)
{
	if (v >= 0)
		kv_bool(out, n, k, v != 0);
}

static size_t utf8_ok(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned v;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	v = c & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff) || (v >= 0x80 && v <= 0x9f) || v == 0x2028 ||
	    v == 0x2029 || v == 0xfeff || v == 0xfffe || v == 0xffff)
		return 0;
	return len;
}

/*
 * Whether text reads back unchanged from a literal block: printable UTF-8,
 * lines that start with neither a space nor a tab (the indentation would
 * be ambiguous) and are not whitespace only, at least one non-empty line.
 */
static bool literal_ok(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	bool line_start = true, any = false;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len;) {
		size_t n;

		if (s[i] == '\n') {
			line_start = true;
			i++;
			continue;
		}
		if (line_start && (s[i] == ' ' || s[i] == '\t'))
			return false;
		line_start = false;
		if (s[i] < 0x20 && s[i] != '\t')
			return false;
		if (s[i] == 0x7f)
			return false;
		n = utf8_ok(s + i, len - i);
		if (n == 0)
			return false;
		any = true;
		i += n;
	}
	return any;
}

/* Writes " |\n" + lines at indentation n, or " \"...\"\n". */
static void text_value(struct ps_buf *out, int n, const char *text, size_t len)
{
	size_t trailing = 0, i;

	ps_buf_addc(out, ' ');
	if (!literal_ok(text, len)) {
		ps_yaml_add_scalar(out, text, len);
		ps_buf_addc(out, '\n');
		return;
	}
	while (trailing < len && text[len - 1 - trailing] == '\n')
		trailing++;
	ps_buf_adds(out, trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n");
	for (i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (text + i)) : len - i;

		if (l)
			ind(out, n);
		ps_buf_add(out, text + i, l);
		ps_buf_addc(out, '\n');
		i += l + (nl ? 1 : 0);
	}
}

/* One node of the tree, copied out of the walk. */
struct wnode {
	char *path;
	enum ps_ftype type;
	bool exec, hidden, implied;
	char *content;
	size_t len;
	char *link;
	unsigned mode;
};

struct wlist {
	struct wnode *v;
	size_t n, alloc;
	bool oom;
};

static int collect(void *arg, const char *path, enum ps_ftype type, bool exec,
		   const char *content, size_t len, const char *link, unsigned mode)
{
	struct wlist *w = arg;
	struct wnode *nd;

	if (w->n == w->alloc) {
		size_t na = w->alloc ? w->alloc * 2 : 64;
		struct wnode *v = realloc(w->v, na * sizeof *v);

		if (!v) {
			w->oom = true;
			return -1;
		}
		w->v = v;
		w->alloc = na;
	}
	nd = &w->v[w->n++];
	memset(nd, 0, sizeof *nd);
	nd->path = strdup(path);
	nd->type = type;
	nd->exec = exec;
	nd->mode = mode;
	nd->len = len;
	if (content || len) {
		nd->content = malloc(len + 1);
		if (nd->content) {
			if (len)
				memcpy(nd->content, content, len);
			nd->content[len] = '\0';
		}
	}
	nd->link = link ? strdup(link) : NULL;
	if (!nd->path || ((content || len) && !nd->content) || (link && !nd->link)) {
		w->oom = true;
		return -1;
	}
	return 0;
}

static int wnode_cmp(const void *a, const void *b)
{
	return strcmp(((const struct wnode *)a)->path, ((const struct wnode *)b)->path);
}

static void wlist_release(struct wlist *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].path);
		free(w->v[i].content);
		free(w->v[i].link);
	}
	free(w->v);
}

static bool is_root(enum ps_platform plat, const char *p)
{
	if (plat == PS_PLATFORM_NT)
		return p[0] && p[1] == ':' && (!p[2] || ((p[2] == '\\' || p[2] == '/') && !p[3]));
	return strcmp(p, "/") == 0 || !*p;
}

static unsigned default_mode(const struct wnode *nd)
{
	return nd->type == PS_FT_DIR || (nd->type == PS_FT_FILE && nd->exec) ? 0755 : 0644;
}

static void write_file(struct ps_buf *out, const struct wnode *nd)
{
	bool mode_set = nd->mode != default_mode(nd);   /* the tree keeps resolved modes */
	char mode[8];

	snprintf(mode, sizeof mode, "%03o", nd->mode & 07777);
	key(out, 2, nd->path);
	if (nd->type == PS_FT_LINK) {
		ps_buf_addc(out, '\n');
		kv_str(out, 4, "link", nd->link ? nd->link : "");
		if (nd->hidden)
			kv_bool(out, 4, "hidden", true);
		return;
	}
	if (nd->type == PS_FT_DIR) {
		if (!mode_set && !nd->hidden) {
			ps_buf_adds(out, " dir\n");
			return;
		}
		ps_buf_adds(out, "\n    type: dir\n");
	} else if (nd->len == 0 && !mode_set && !nd->hidden) {
		ps_buf_adds(out, nd->exec ? " exec\n" : " file\n");
		return;
	} else {
		ps_buf_addc(out, '\n');
		if (nd->exec)
			ps_buf_adds(out, "    type: exec\n");
		if (nd->len) {
			key(out, 4, "content");
			text_value(out, 6, nd->content, nd->len);
		}
	}
	if (mode_set)
		kv_str(out, 4, "mode", mode);
	if (nd->hidden)
		kv_bool(out, 4, "hidden", true);
}

static int write_files(struct ps_buf *out, struct ps_vfs *vfs, enum ps_platform plat,
		       struct ps_error *err)
{
	struct wlist w = {NULL, 0, 0, false};
	struct ps_fs fs;
	size_t listed = 0;
	int rc = -1;

	if (ps_vfs_walk(vfs, collect, &w) != 0 || w.oom) {
		ps_error_set(err, w.oom ? PS_ERR_NOMEM : PS_ERR_INVAL,
			     w.oom ? "out of memory" : "cannot walk the virtual tree");
		goto out;
	}
	if (w.n == 0)
		goto done;
	qsort(w.v, w.n, sizeof *w.v, wnode_cmp);
	ps_vfs_fs(vfs, &fs);
	fs.cwd = NULL;
	for (size_t i = 0; i < w.n; i++) {
		struct ps_stat st;
		char *parent;
		struct wnode probe, *hit;

		memset(&st, 0, sizeof st);
		if (fs.ops->lstat(fs.ctx, w.v[i].path, &st) == 0)
			w.v[i].hidden = st.hidden;
		/* The parent exists because of this node: it need not be listed. */
		parent = ps_path_dirname(plat, w.v[i].path);
		if (!parent) {
			ps_error_set(err, PS_ERR_NOMEM, "out of memory");
			goto out;
		}
		probe.path = parent;
		hit = bsearch(&probe, w.v, w.n, sizeof *w.v, wnode_cmp);
		if (hit && hit != &w.v[i])
			hit->implied = true;
		free(parent);
	}
	for (size_t i = 0; i < w.n; i++) {
		const struct wnode *nd = &w.v[i];
		bool plain_dir = nd->type == PS_FT_DIR && !nd->hidden && nd->mode == 0755;

		if (plain_dir && (nd->implied || is_root(plat, nd->path)))
			continue;
		if (nd->type != PS_FT_FILE && nd->type != PS_FT_DIR && nd->type != PS_FT_LINK)
			continue;
		if (!listed++)
			ps_buf_adds(out, "files:\n");
		write_file(out, nd);
	}
done:
	rc = 0;
out:
	wlist_release(&w);
	return rc;
}

static const char *const flag_names[] = {"-E", "-I", "-s", "-S", "-P"};

int ps_scenario_write(const struct ps_inputs *in, struct ps_vfs *vfs, const char *name,
		      const char *description, struct ps_buf *out, struct ps_error *err)
{
	const struct ps_build *b = &in->build;
	const struct ps_embed *e = &in->embed;
	const bool flags[5] = {in->flags.ignore_environment, in->flags.isolated,
			       in->flags.no_user_site, in->flags.no_site, in->flags.safe_path};
	char version[32];
	bool any = false;

	if (name)
		kv_str(out, 0, "name", name);
	if (description) {
		key(out, 0, "description");
		text_value(out, 2, description, strlen(description));
	}
	kv_str(out, 0, "platform", ps_platform_name(b->platform));

	ps_buf_adds(out, "python:\n");
	snprintf(version, sizeof version, "%d.%d", b->major, b->minor);
	kv_str(out, 2, "version", version);
	if (b->micro >= 0)
		ps_buf_addf(out, "  micro: %d\n", b->micro);
	kv_str(out, 2, "prefix", b->prefix);
	kv_str(out, 2, "exec_prefix", b->exec_prefix);
	kv_str(out, 2, "platlibdir", b->platlibdir);
	kv_str(out, 2, "vpath", b->vpath);
	kv_str(out, 2, "abi_thread", b->abi_thread);
	kv_str(out, 2, "library", b->library);
	if (b->framework)
		kv_bool(out, 2, "framework", true);
	kv_str(out, 2, "winver", b->winver);
	kv_str(out, 2, "pythonpath_macro", b->pythonpath_macro);
	kv_tristate(out, 2, "debian_site", b->debian_site);

	ps_buf_adds(out, "invocation:\n");
	kv_str(out, 2, "argv0", in->argv0 ? in->argv0 : "python3");
	kv_str(out, 2, "executable", in->os_executable);
	kv_str(out, 2, "cwd", in->cwd);
	for (size_t i = 0; i < 5; i++) {
		if (!flags[i])
			continue;
		ps_buf_adds(out, any ? ", " : "  flags: [");
		ps_buf_adds(out, flag_names[i]);
		any = true;
	}
	if (any)
		ps_buf_adds(out, "]\n");
	ps_buf_adds(out, "  run:\n");
	switch (in->run.kind) {
	case PS_RUN_INTERACTIVE:
		ps_buf_adds(out, "    interactive: true\n");
		break;
	case PS_RUN_SCRIPT:
		kv_str(out, 4, "script", in->run.arg ? in->run.arg : "");
		break;
	case PS_RUN_MODULE:
		kv_str(out, 4, "module", in->run.arg ? in->run.arg : "");
		break;
	default:
		kv_str(out, 4, "command", in->run.arg ? in->run.arg : "pass");
		break;
	}
	if (in->env.n) {
		ps_buf_adds(out, "  env:\n");
		for (size_t i = 0; i < in->env.n; i++) {
			const char *eq = strchr(in->env.v[i], '=');
			char *k;

			if (!eq || eq == in->env.v[i])
				continue;
			k = strndup(in->env.v[i], (size_t)(eq - in->env.v[i]));
			if (!k) {
				out->oom = true;
				break;
			}
			key(out, 4, k);
			ps_buf_addc(out, ' ');
			scalar(out, eq + 1);
			ps_buf_addc(out, '\n');
			free(k);
		}
	}
	if (in->setuid)
		kv_bool(out, 2, "setuid", true);
	kv_str(out, 2, "pw_home", in->pw_home);

	if (e->present) {
		ps_buf_adds(out, "embed:");
		if (!e->home && !e->program_name && !e->executable && !e->base_executable &&
		    !e->prefix && !e->exec_prefix && !e->base_prefix && !e->base_exec_prefix &&
		    !e->stdlib_dir && !e->pythonpath_env && !e->module_search_paths_set &&
		    e->use_environment < 0 && e->site_import < 0 && e->user_site_directory < 0 &&
		    e->pathconfig_warnings < 0 && !e->setpath && !e->set_argv) {
			ps_buf_adds(out, " {}\n");
		} else {
			ps_buf_addc(out, '\n');
			kv_str(out, 2, "home", e->home);
			kv_str(out, 2, "program_name", e->program_name);
			kv_str(out, 2, "executable", e->executable);
			kv_str(out, 2, "base_executable", e->base_executable);
			kv_str(out, 2, "prefix", e->prefix);
			kv_str(out, 2, "exec_prefix", e->exec_prefix);
			kv_str(out, 2, "base_prefix", e->base_prefix);
			kv_str(out, 2, "base_exec_prefix", e->base_exec_prefix);
			kv_str(out, 2, "stdlib_dir", e->stdlib_dir);
			if (e->module_search_paths_set) {
				ps_buf_adds(out, "  module_search_paths:");
				if (!e->module_search_paths.n)
					ps_buf_adds(out, " []");
				ps_buf_addc(out, '\n');
				for (size_t i = 0; i < e->module_search_paths.n; i++) {
					ps_buf_adds(out, "  - ");
					scalar(out, e->module_search_paths.v[i]);
					ps_buf_addc(out, '\n');
				}
			}
			kv_str(out, 2, "pythonpath_env", e->pythonpath_env);
			kv_tristate(out, 2, "use_environment", e->use_environment);
			kv_tristate(out, 2, "site_import", e->site_import);
			kv_tristate(out, 2, "user_site_directory", e->user_site_directory);
			kv_tristate(out, 2, "pathconfig_warnings", e->pathconfig_warnings);
			kv_str(out, 2, "setpath", e->setpath);
			if (e->set_argv)
				kv_bool(out, 2, "set_argv", true);
		}
	}
	if (in->nregistry) {
		ps_buf_adds(out, "registry:\n");
		for (size_t i = 0; i < in->nregistry; i++)
			kv_str(out, 2, in->registry[i].key ? in->registry[i].key : "",
			       in->registry[i].value ? in->registry[i].value : "");
	}
	if (vfs && write_files(out, vfs, b->platform, err) < 0)
		return -1;
	if (out->oom) {
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
		return -1;
	}
	return 0;
}
