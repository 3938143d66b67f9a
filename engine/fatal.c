/*
 * fatal.c - would the interpreter stop at start-up because it cannot
 * import the `encodings` package from the sys.path getpath computed?
 *
 * At that point of the start-up sys.path is exactly getpath's
 * module_search_paths (site.py has not run, sys.path[0] is not there
 * yet), so the check walks those entries in order as importlib's path
 * finders would: a directory entry holds the package when it has
 * encodings/__init__.py (or a sourceless __init__.pyc); an entry that is a
 * file must be a zip archive (zipimport) listing encodings/__init__.py(c):
 * an empty or invalid "zip" holds nothing, one too large to look into is
 * assumed to hold it (said so in the trace).
 *
 * When nothing holds it, the result carries what the version prints:
 * 3.8-3.12 a "Python path configuration:" dump then "init_fs_encoding:
 * ...", 3.13+ "Failed to import encodings module"; exit status 1.  The
 * thread id in "Current thread 0x..." differs on every run; it is given
 * as zeros.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute-int.h"

/* UTF-8 decoding with surrogateescape: returns the code point, advances *i. */
static unsigned decode_one(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i], cp;
	size_t len, k;
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		goto bad;
	}
	if (*i + len > n)
		goto bad;
	for (k = 1; k < len; k++) {
		if ((s[*i + k] & 0xc0) != 0x80)
			goto bad;
		cp = (cp << 6) | (s[*i + k] & 0x3f);
	}
	/* overlong, surrogate and out-of-range forms are errors, as in Python */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		goto bad;
	*i += len;
	return cp;
bad:
	(*i)++;
	return 0xdc00 + c;  /* surrogateescape */
}

static void add_escaped(struct ps_buf *b, unsigned cp)
{
	if (cp <= 0xff)
		ps_buf_addf(b, "\\x%02x", cp);
	else if (cp <= 0xffff)
		ps_buf_addf(b, "\\u%04x", cp);
	else
		ps_buf_addf(b, "\\U%08x", cp);
}

/*
 * The C dump of a PyConfig wide string (init_dump_ascii_wstr): NULL is
 * "(not set)", else single quotes, \' for a quote, printable ASCII as is
 * (a backslash is NOT doubled), everything else \xNN / \uNNNN / \UNNNNNNNN.
 */
static void dump_wstr(struct ps_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i = 0;
	if (!s) {
		ps_buf_adds(b, "(not set)");
		return;
	}
	n = strlen(s);
	ps_buf_addc(b, '\'');
	while (i < n) {
		unsigned cp = decode_one(u, n, &i);
		if (cp == '\'')
			ps_buf_adds(b, "\\'");
		else if (cp >= 0x20 && cp < 0x7f)
			ps_buf_addc(b, (char)cp);
		else
			add_escaped(b, cp);
	}
	ps_buf_addc(b, '\'');
}

/* ascii(str): Python's repr with non-ASCII escaped (the "%A" of the sys.* lines). */
static void dump_ascii(struct ps_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	char q = (strchr(s, '\'') && !strchr(s, '"')) ? '"' : '\'';
	ps_buf_addc(b, q);
	while (i < n) {
		unsigned cp = decode_one(u, n, &i);
		if (cp == (unsigned)q || cp == '\\') {
			ps_buf_addc(b, '\\');
			ps_buf_addc(b, (char)cp);
		} else if (cp == '\t') {
			ps_buf_adds(b, "\\t");
		} else if (cp == '\n') {
			ps_buf_adds(b, "\\n");
		} else if (cp == '\r') {
			ps_buf_adds(b, "\\r");
		} else if (cp >= 0x20 && cp < 0x7f) {
			ps_buf_addc(b, (char)cp);
		} else {
			add_escaped(b, cp);
		}
	}
	ps_buf_addc(b, q);
}

static void dump_sys_str(struct ps_buf *b, const char *name, const char *v)
{
	ps_buf_addf(b, "  sys.%s = ", name);
	if (v)
		dump_ascii(b, v);
	else
		ps_buf_adds(b, "(not set)");
	ps_buf_addc(b, '\n');
}

/* The "Python path configuration:" block of 3.8-3.12 (_Py_DumpPathConfig). */
static void dump_path_config(struct ps_ctx *c, struct ps_buf *b)
{
	const struct ps_getpath_out *g = &c->r->getpath;
	const struct ps_rules *R = c->rules;

	ps_buf_adds(b, "Python path configuration:\n");
	ps_buf_adds(b, "  PYTHONHOME = ");
	dump_wstr(b, g->home);
	ps_buf_adds(b, "\n  PYTHONPATH = ");
	dump_wstr(b, c->pythonpath_env);
	ps_buf_adds(b, "\n  program name = ");
	dump_wstr(b, g->program_name);
	ps_buf_addf(b, "\n  isolated = %d\n", c->isolated);
	ps_buf_addf(b, "  environment = %d\n", c->use_environment);
	ps_buf_addf(b, "  user site = %d\n", c->user_site_directory);
	if (R->dump_safe_path)
		ps_buf_addf(b, "  safe_path = %d\n", c->safe_path);
	ps_buf_addf(b, "  import site = %d\n", c->site_import);
	if (R->dump_stdlib_dir) {
		ps_buf_addf(b, "  is in build tree = %d\n", g->is_python_build);
		ps_buf_adds(b, "  stdlib dir = ");
		dump_wstr(b, g->stdlib_dir);
		ps_buf_addc(b, '\n');
	}
	dump_sys_str(b, "_base_executable", g->base_executable);
	dump_sys_str(b, "base_prefix", g->base_prefix);
	dump_sys_str(b, "base_exec_prefix", g->base_exec_prefix);
	if (R->dump_platlibdir)
		dump_sys_str(b, "platlibdir", g->platlibdir);
	dump_sys_str(b, "executable", g->executable);
	dump_sys_str(b, "prefix", g->prefix);
	dump_sys_str(b, "exec_prefix", g->exec_prefix);
	ps_buf_adds(b, "  sys.path = [\n");
	for (size_t i = 0; i < g->module_search_paths.n; i++) {
		ps_buf_adds(b, "    ");
		dump_ascii(b, g->module_search_paths.v[i]);
		ps_buf_adds(b, ",\n");
	}
	ps_buf_adds(b, "  ]\n");
}

/* Why the stdlib is where getpath looked, in plain words. */
static char *explain_cause(struct ps_ctx *c)
{
	const struct ps_getpath_out *g = &c->r->getpath;
	const char *stdlib = g->stdlib_dir && *g->stdlib_dir ? g->stdlib_dir : NULL;
	const char *envhome = ps_ctx_env(c, "PYTHONHOME");
	const char *pld = ps_ctx_env(c, "PYTHONPLATLIBDIR");
	struct ps_buf b;

	/* 2.7 stops on `import site`, later versions on `import encodings` */
	const char *what = c->rules->fatal_style == PS_FATAL_27 ? "site module" : "encodings package";

	ps_buf_init(&b);
	if (g->module_search_paths.n == 0)
		ps_buf_addf(&b, "sys.path is empty, so the %s cannot be imported", what);
	else if (stdlib)
		ps_buf_addf(&b, "no %s under %s (nor any other sys.path entry)", what, stdlib);
	else
		ps_buf_addf(&b, "no sys.path entry holds the %s", what);
	if (c->pth_file_used)
		ps_buf_adds(&b, "; sys.path comes from a ._pth file next to the executable, which "
				"lists only its own entries");
	else if (g->home && envhome && strcmp(g->home, envhome) == 0 && c->use_environment)
		ps_buf_addf(&b, "; the stdlib was looked for under PYTHONHOME=%s, used verbatim "
				"without checking it holds a Python %d.%d stdlib", envhome,
			    c->r->major, c->r->minor);
	else if (g->home && !envhome)
		ps_buf_addf(&b, "; home was forced to %s (a ._pth file, even an empty one, or the "
				"embedding application)", g->home);
	else if (g->home)
		ps_buf_addf(&b, "; home was %s", g->home);
	if (pld && c->use_environment && g->platlibdir && strcmp(g->platlibdir, pld) == 0)
		ps_buf_addf(&b, "; PYTHONPLATLIBDIR=%s changed the stdlib directory name", pld);
	if (g->warnings.n > 0 && !g->home)
		ps_buf_addf(&b, "; the stdlib was not found from the executable and getpath fell "
				"back to prefix %s", g->prefix ? g->prefix : "");
	if (b.oom) {
		c->oom = true;
		ps_buf_release(&b);
		return NULL;
	}
	return ps_buf_detach(&b);
}

static char *explain_fix(struct ps_ctx *c)
{
	const struct ps_getpath_out *g = &c->r->getpath;
	const char *envhome = ps_ctx_env(c, "PYTHONHOME");
	if (c->pth_file_used)
		return ps_ctx_printf(c, "Add the stdlib directory to the ._pth file, or remove the "
					"file.");
	if (g->home && envhome && strcmp(g->home, envhome) == 0 && c->use_environment)
		return ps_ctx_printf(c, "Unset PYTHONHOME (or point it at this Python's own "
					"prefix), or run with -E.");
	if (ps_ctx_env(c, "PYTHONPLATLIBDIR") && c->use_environment)
		return ps_ctx_printf(c, "Unset PYTHONPLATLIBDIR, or run with -E.");
	return ps_ctx_printf(c, "Install the standard library under %s, or run the interpreter "
				"from its installed location.",
			     g->stdlib_dir && *g->stdlib_dir ? g->stdlib_dir
			     : g->prefix ? g->prefix : "the prefix");
}

/*
 * 2.7 does not need encodings (an ImportError there is ignored); what
 * stops it is `import site` failing: "ImportError: No module named site",
 * exit 1, and nothing at all under -S.  Returns 1 when site is found.
 */
static int site27_importable(struct ps_ctx *c)
{
	const struct ps_strv *msp = &c->r->getpath.module_search_paths;

	for (size_t i = 0; i < msp->n && !c->oom; i++) {
		const char *e = msp->v[i];
		if (ps_probe_isdir(c, PS_PHASE_SEARCH_PATH, e,
				   "looking for the site module: is this entry a directory?")) {
			static const char *const names[2] = { "site.py", "site.pyc" };
			for (int k = 0; k < 2; k++) {
				char *p = ps_ctx_join(c, e, names[k]);
				bool hit = p && ps_probe_isfile(c, PS_PHASE_SEARCH_PATH, p,
								k ? "site module, sourceless"
								  : "site module source");
				free(p);
				if (hit)
					return 1;
			}
		} else if (ps_probe_isfile(c, PS_PHASE_SEARCH_PATH, e,
					   "a file on sys.path is read by zipimport")) {
			int z = ps_zip_probe(c, e, "site.py");
			if (z == 0)
				z = ps_zip_probe(c, e, "site.pyc");
			if (z > 0)
				return 1;
		}
	}
	return 0;
}

static int fatal_27(struct ps_ctx *c)
{
	struct ps_result *r = c->r;
	struct ps_buf out;

	if (!c->site_import) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "starts",
			 "2.7 runs without its standard library when site is not imported (-S)");
		return 0;
	}
	if (site27_importable(c) || c->oom)
		return c->oom ? -1 : 0;
	ps_buf_init(&out);
	for (size_t i = 0; i < r->getpath.warnings.n; i++)
		ps_buf_addf(&out, "%s\n", r->getpath.warnings.v[i]);
	ps_buf_adds(&out, "ImportError: No module named site\n");
	if (out.oom) {
		ps_buf_release(&out);
		c->oom = true;
		return -1;
	}
	r->has_fatal = true;
	r->fatal.exit_status = 1;
	free(r->fatal.output);
	r->fatal.output = ps_buf_detach(&out);
	free(r->fatal.message);
	r->fatal.message = ps_ctx_strdup(c, "ImportError: No module named site");
	free(r->fatal.cause);
	r->fatal.cause = explain_cause(c);
	free(r->fatal.fix);
	r->fatal.fix = explain_fix(c);
	ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "fatal",
		 "no sys.path entry holds site.py: 'ImportError: No module named site' (2.7 "
		 "starts with -S)");
	ps_fatal_diagnose(c);
	return c->oom ? -1 : 0;
}
/*
 * 3.7 runs in UTF-8 mode when PYTHONUTF8=1, or in the C/POSIX locale unless
 * PYTHONUTF8=0 (PEP 540); a missing encodings module then fails on the
 * file system codec, otherwise already on the locale encoding (checked on
 * a real 3.7.16 with LANG unset, C, C.UTF-8 and PYTHONUTF8=0/1).
 */
static bool utf8_mode_37(const struct ps_ctx *c)
{
	const char *u = ps_ctx_env_gated(c, "PYTHONUTF8");
	const char *lc = ps_ctx_env(c, "LC_ALL");
	if (u && strcmp(u, "1") == 0)
		return true;
	if (u && strcmp(u, "0") == 0)
		return false;
	if (!lc)
		lc = ps_ctx_env(c, "LC_CTYPE");
	if (!lc)
		lc = ps_ctx_env(c, "LANG");
	return !lc || strcmp(lc, "C") == 0 || strcmp(lc, "POSIX") == 0;
}

/* The "Fatal Python error:" text when encodings cannot be imported (static). */
static const char *fatal_message(const struct ps_ctx *c)
{
	switch (c->rules->fatal_style) {
	case PS_FATAL_DUMP:
		return "init_fs_encoding: failed to get the Python codec of the filesystem encoding";
	case PS_FATAL_36:
		return "Py_Initialize: Unable to get the locale encoding";
	case PS_FATAL_37:
		return utf8_mode_37(c) ? "initfsencoding: unable to load the file system codec"
				       : "initfsencoding: Unable to get the locale encoding";
	default:
		return "Failed to import encodings module";
	}
}


int ps_fatal_check(struct ps_ctx *c)
{
	struct ps_result *r = c->r;
	const struct ps_strv *msp = &r->getpath.module_search_paths;
	struct ps_buf out;

	if (c->rules->fatal_style == PS_FATAL_27)
		return fatal_27(c);
	for (size_t i = 0; i < msp->n && !c->oom; i++) {
		const char *e = msp->v[i];
		char *pkg, *init;
		bool found = false;
		if (ps_probe_isdir(c, PS_PHASE_SEARCH_PATH, e,
				   "looking for the encodings package: is this entry a directory?")) {
			pkg = ps_ctx_join(c, e, "encodings");
			init = pkg ? ps_ctx_join(c, pkg, "__init__.py") : NULL;
			found = init && ps_probe_isfile(c, PS_PHASE_SEARCH_PATH, init,
							"encodings package source");
			if (!found && init) {
				free(init);
				init = ps_ctx_join(c, pkg, "__init__.pyc");
				found = init && ps_probe_isfile(c, PS_PHASE_SEARCH_PATH, init,
								"encodings package, sourceless");
			}
			if (found)
				ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, pkg, "importable",
					 "encodings is imported from %s: start-up can go on", pkg);
			free(pkg);
			free(init);
		} else if (ps_probe_isfile(c, PS_PHASE_SEARCH_PATH, e,
					   "a file on sys.path is read by zipimport")) {
			int z = ps_zip_probe(c, e, "encodings/__init__.py");
			if (z == 0)
				z = ps_zip_probe(c, e, "encodings/__init__.pyc");
			found = z > 0;
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, e,
				 found ? "importable" : "not importable", "%s",
				 z == 1 ? "the zip archive holds encodings/__init__.py(c)"
				 : z == 2 ? "a zip archive too large to look into: assumed to hold "
					    "encodings"
				 : z == 0 ? "the zip archive has no encodings package"
				 : "not a zip archive (no end-of-central-directory record): "
				   "zipimport rejects it");
		}
		if (found)
			return 0;
	}
	if (c->oom)
		return -1;

	ps_buf_init(&out);
	for (size_t i = 0; i < r->getpath.warnings.n; i++)
		ps_buf_addf(&out, "%s\n", r->getpath.warnings.v[i]);
	switch (c->rules->fatal_style) {
	case PS_FATAL_36:
	case PS_FATAL_37:
		/* 3.6/3.7 abort(): no runtime state line, no frame line, exit 134 */
		ps_buf_addf(&out, "Fatal Python error: %s\n"
				  "ModuleNotFoundError: No module named 'encodings'\n\n"
				  "Current thread 0x0000000000000000 (most recent call first):\n",
			    fatal_message(c));
		break;
	case PS_FATAL_DUMP:
		dump_path_config(c, &out);
		ps_buf_adds(&out, "Fatal Python error: init_fs_encoding: failed to get the Python "
				  "codec of the filesystem encoding\n");
		break;
	case PS_FATAL_313:
	default:
		ps_buf_adds(&out, "Fatal Python error: Failed to import encodings module\n");
		break;
	}
	if (c->rules->fatal_style != PS_FATAL_36 && c->rules->fatal_style != PS_FATAL_37)
		ps_buf_addf(&out, "Python runtime state: core initialized\n"
				  "ModuleNotFoundError: No module named 'encodings'\n\n"
				  "Current thread 0x0000000000000000 (most recent call first):\n"
				  "%s<no Python frame>\n",
			    c->rules->dump_frame_unindented ? "" : "  ");
	if (out.oom) {
		ps_buf_release(&out);
		c->oom = true;
		return -1;
	}
	r->has_fatal = true;
	r->fatal.exit_status = c->rules->fatal_style == PS_FATAL_36 ||
			       c->rules->fatal_style == PS_FATAL_37 ? 134 : 1;
	free(r->fatal.output);
	r->fatal.output = ps_buf_detach(&out);
	free(r->fatal.message);
	r->fatal.message = ps_ctx_strdup(c, fatal_message(c));
	free(r->fatal.cause);
	r->fatal.cause = explain_cause(c);
	free(r->fatal.fix);
	r->fatal.fix = explain_fix(c);
	ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "fatal",
		 "no sys.path entry holds the encodings package: '%s'", r->fatal.message
		 ? r->fatal.message : "");
	/* a more specific diagnosis (PYTHONHOME at another version, ...) replaces ours */
	ps_fatal_diagnose(c);
	return c->oom ? -1 : 0;
}
