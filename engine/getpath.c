/*
 * getpath.c - CPython 3.11+'s path configuration (Modules/getpath.py),
 * step by step, with every probe and decision recorded.
 *
 * The code follows the frozen getpath code of 3.11.7, 3.12.1 and 3.13.0
 * (dumped with dis from _testinternalcapi.get_getpath_codeobject()) and
 * the 3.14 source, in the same order, so that the trace lists the probes
 * in the order CPython makes them.  Step names S0..S14 are those of
 * getpath-spec §2.A.  Differences between versions are fields of struct
 * ps_rules (rules-int.h).
 *
 * Python's truthiness matters throughout: None and '' are both false, so
 * variables are char pointers where NULL is None and "" is '', and the
 * helper T() is Python's bool() of a str-or-None.
 *
 * getpath.py is one algorithm for the three values of its os_name
 * ('posix', 'darwin', 'nt'); the branches on os_name are reproduced here
 * in place (g->nt, g->darwin), not as separate code paths:
 *
 *   nt      real_executable is GetModuleFileNameW (invocation.executable;
 *           when a scenario lacks it, argv[0] made absolute, with ".exe"
 *           added when missing), library is the python3XY.dll
 *           (python.library); DELIM ';', SEP '\\'; landmarks Lib\os.py,
 *           the platlibdir (DLLs) and pythonXY.zip (never searched upwards);
 *           VPATH defaults to "..\\.." as in PCbuild; PREFIX and EXEC_PREFIX
 *           are absent unless the scenario gives them; registry PythonPath
 *           subkeys come from inputs.registry.  The C helpers differ: realpath
 *           is GetFinalPathNameByHandleW (every component resolved, an error
 *           for a missing file, the input returned when it only differs in
 *           case), readlines of a directory fails with PermissionError.
 *   darwin  real_executable is _NSGetExecutablePath (invocation.executable,
 *           only when absolute); framework builds pass the framework's
 *           library (python.library) and WITH_NEXT_FRAMEWORK.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "getpath-int.h"

/* Which readlines() call failed (index into rules->getpath_readlines_line). */
enum { RL_CFG_PARENT = 0, RL_CFG_EXEDIR, RL_PTH, RL_BUILDDIR };

struct gp {
	struct ps_ctx *c;
	const struct ps_rules *R;
	bool darwin, nt;
	char sep, delim;             /* SEP and DELIM of os_name */

	/* S0 constants (owned) */
	char *platlibdir, *stdlib_subdir, *lm_py, *lm_pyc, *platstdlib_lm, *zip_lm;
	char *default_program_name, *versioned_program_name;
	char *build_landmark, *buildstdlib_lm, *winreg_key;
	const char *exe_suffix;      /* EXE_SUFFIX: ".exe" on nt, NULL (None) elsewhere */
	bool framework;              /* WITH_NEXT_FRAMEWORK */
	const char *PREFIX, *EXEC_PREFIX, *VPATH, *PYTHONPATH_MACRO;

	/* inputs read once */
	const char *env_path, *env_home, *env_exe, *env_launcher;
	const char *py_setpath;
	const char *cfg_prefix, *cfg_exec_prefix, *cfg_base_prefix, *cfg_base_exec_prefix;

	/* getpath.py's variables (owned; NULL is None) */
	char *program_name, *home, *executable, *base_executable, *real_executable;
	char *executable_dir, *real_executable_dir, *prefix, *exec_prefix;
	char *base_prefix, *base_exec_prefix, *stdlib_dir, *platstdlib_dir;
	char *venv_prefix, *library, *pth_dir, *pth_file, *build_prefix;
	struct ps_strv pth;          /* lines of the ._pth file */
	bool home_was_set, use_environment, stdlib_dir_was_set, pythonpath_was_set;
	bool is_python_build;

	/* why the main variables have their values, for entry details (owned) */
	char *prefix_why, *exec_prefix_why, *stdlib_why, *platstdlib_why;

	/* module_search_paths being built, with one entry record per element */
	struct ps_strv msp;
	struct ps_entry *ent;
	size_t nent;
};

static bool T(const char *s)
{
	return s && *s;
}

/* *var = copy of val (NULL allowed). */
static void setv(struct gp *g, char **var, const char *val)
{
	ps_ctx_set(g->c, var, val);
}

static void setwhy(struct gp *g, char **why, const char *f, ...) PS_PRINTF(3, 4);
static void setwhy(struct gp *g, char **why, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	ps_gp_take(why, ps_gp_vfmt(g->c, f, ap));
	va_end(ap);
}

static char *join(struct gp *g, const char *a, const char *b)
{
	return ps_ctx_join(g->c, a, b);
}

/* hassuffix(): case-insensitive on Windows. */
static bool has_suffix(struct gp *g, const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	if (k > n)
		return false;
	return g->nt ? strcasecmp(path + n - k, suffix) == 0 : strcmp(path + n - k, suffix) == 0;
}

/* getpath's abspath(): normalise, then cwd + "/" + path (see engine.h). Yours. */
static char *gabspath(struct gp *g, const char *p)
{
	return ps_ctx_check(g->c, ps_path_getpath_abspath(g->c->plat, g->c->in->cwd, p));
}

/* str.strip() for UTF-8 text: ASCII and the common Unicode whitespace. Yours. */
static size_t ws_len(const unsigned char *s, size_t avail)
{
	static const unsigned char ascii[] = " \t\n\r\v\f\x1c\x1d\x1e\x1f";
	if (avail >= 1 && s[0] && memchr(ascii, s[0], sizeof ascii - 1))
		return 1;
	if (avail >= 2 && s[0] == 0xc2 && (s[1] == 0x85 || s[1] == 0xa0))
		return 2;
	if (avail >= 3 && s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
		return 3;                                          /* U+1680 */
	if (avail >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
		return 3;                                          /* U+2000..200A, 2028, 2029, 202F */
	if (avail >= 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
		return 3;                                          /* U+205F */
	if (avail >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;                                          /* U+3000 */
	return 0;
}

static char *pystrip(struct gp *g, const char *s, size_t n)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t start = 0, end = n, k;
	char *out;
	while (start < end && (k = ws_len(b + start, end - start)) > 0)
		start += k;
	/* trailing: scan forward to find the last non-space position */
	{
		size_t i = start, last = start;
		while (i < end) {
			k = ws_len(b + i, end - i);
			if (k) {
				i += k;
			} else {
				i++;
				/* skip UTF-8 continuation bytes of this character */
				while (i < end && (b[i] & 0xc0) == 0x80)
					i++;
				last = i;
			}
		}
		end = last;
	}
	out = malloc(end - start + 1);
	if (!out) {
		g->c->oom = true;
		return NULL;
	}
	memcpy(out, s + start, end - start);
	out[end - start] = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* Fatal errors raised inside getpath.py                               */
/* ------------------------------------------------------------------ */

/* The exception line Python prints for a readlines() failure with errno err. */
static const char *exc_text(int err)
{
	switch (err) {
	case EFBIG: return "MemoryError: cannot read file larger than 32KB during initialization";
	case ENOTDIR: return "NotADirectoryError: [Errno 20] Not a directory";
	case EISDIR: return "IsADirectoryError: [Errno 21] Is a directory";
	case ELOOP: return "OSError: [Errno 40] Too many levels of symbolic links";
	case ENAMETOOLONG: return "OSError: [Errno 36] File name too long";
	case EIO: return "OSError: [Errno 5] Input/output error";
	case EINVAL: return "OSError: [Errno 22] Invalid argument";
	case EMFILE: return "OSError: [Errno 24] Too many open files";
	case ENXIO: return "OSError: [Errno 6] No such device or address";
	default: return "OSError: [Errno 5] Input/output error";
	}
}

static const char *errno_name(int err)
{
	switch (err) {
	case EFBIG: return "too large";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case ELOOP: return "ELOOP";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	default: return "EIO";
	}
}

/*
 * An exception escaped getpath.py: Python reports it as unraisable and
 * stops with "Fatal Python error: error evaluating path".  `file` is the
 * file whose readlines() failed, `which` the call site.
 */
static void gp_fatal(struct gp *g, int which, const char *file, int err)
{
	struct ps_result *r = g->c->r;
	struct ps_buf out;
	const char *kind = which == RL_PTH ? "._pth file"
			   : which == RL_BUILDDIR ? "pybuilddir.txt" : "pyvenv.cfg";

	ps_buf_init(&out);
	for (size_t i = 0; i < r->getpath.warnings.n; i++)
		ps_buf_addf(&out, "%s\n", r->getpath.warnings.v[i]);
	ps_buf_addf(&out, "%s\n", g->R->getpath_exc_running
			  ? "Exception ignored in running getpath:"
			  : "Exception ignored error evaluating path:");
	ps_buf_adds(&out, "Traceback (most recent call last):\n");
	ps_buf_addf(&out, "  File \"<frozen getpath>\", line %d, in <module>\n",
		    g->R->getpath_readlines_line[which]);
	ps_buf_addf(&out, "%s\n", exc_text(err));
	ps_buf_adds(&out, "Fatal Python error: error evaluating path\n"
			  "Python runtime state: core initialized\n\n"
			  "Current thread 0x0000000000000000 (most recent call first):\n"
			  "  <no Python frame>\n");
	if (out.oom) {
		g->c->oom = true;
		ps_buf_release(&out);
		return;
	}
	r->has_fatal = true;
	r->fatal.exit_status = 1;
	ps_gp_take(&r->fatal.output, ps_buf_detach(&out));
	setv(g, &r->fatal.message, "error evaluating path");
	if (err == EFBIG) {
		ps_gp_take(&r->fatal.cause,
			   ps_ctx_printf(g->c, "the %s %s is 32 KiB or larger: getpath reads "
					       "pyvenv.cfg, ._pth and pybuilddir.txt into a 32 KiB "
					       "buffer and the MemoryError it raises for larger files "
					       "stops start-up", kind, file));
		ps_gp_take(&r->fatal.fix, ps_ctx_printf(g->c, "Shrink %s below 32 KiB or remove it.",
							file));
	} else {
		ps_gp_take(&r->fatal.cause,
			   ps_ctx_printf(g->c, "reading the %s %s failed with %s; getpath only tolerates "
					       "'not found'%s there, so the exception stops start-up", kind, file,
					 errno_name(err),
					 which == RL_PTH ? "" : " and 'permission denied'"));
		ps_gp_take(&r->fatal.fix, ps_ctx_printf(g->c, "Make %s a readable file, or make it "
							      "absent.", file));
	}
	ps_trace(g->c, which == RL_PTH ? PS_PHASE_PTH : which == RL_BUILDDIR ? PS_PHASE_BUILD
		 : PS_PHASE_VENV, PS_OP_DECIDE, file, "fatal",
		 "the exception from readlines(%s) is not caught by getpath: "
		 "'Fatal Python error: error evaluating path'", file);
}

/* ------------------------------------------------------------------ */
/* Helpers over the variables                                          */
/* ------------------------------------------------------------------ */

/*
 * getpath's search_up(): from start upwards, test start/landmark for each
 * landmark in turn; the first directory with a hit is returned (yours),
 * NULL when the climb runs out (dirname('/x') is '', so '/' itself is
 * never tested).
 */
static char *search_up(struct gp *g, enum ps_phase ph, const char *start,
		       const char *const *landmarks, size_t n, bool dirs, const char *what)
{
	char *d = ps_ctx_strdup(g->c, start);
	while (T(d) && !g->c->oom) {
		for (size_t i = 0; i < n; i++) {
			char *p = join(g, d, landmarks[i]);
			bool hit = dirs ? ps_gp_probe(g->c, ph, PS_OP_ISDIR, p, "%s: is %s under %s?", what,
						      landmarks[i], d)
					: ps_gp_probe(g->c, ph, PS_OP_ISFILE, p, "%s: is %s under %s?", what,
						      landmarks[i], d);
			free(p);
			if (hit)
				return d;
		}
		ps_gp_take(&d, ps_ctx_dirname(g->c, d));
	}
	free(d);
	return NULL;
}

/* Appends one module_search_paths element with its origin and a trace step. */
static void msp_add(struct gp *g, char *path, enum ps_origin origin, char *detail)
{
	long step;
	if (!path || g->c->oom) {
		free(path);
		free(detail);
		return;
	}
	step = ps_trace(g->c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, path, "appended", "%s",
			detail ? detail : "");
	if (ps_strv_push(&g->msp, path) < 0)
		g->c->oom = true;
	ps_entries_push(g->c, &g->ent, &g->nent, path, origin, step, "%s", detail ? detail : "");
	free(path);
	free(detail);
}

static void msp_clear(struct gp *g)
{
	ps_strv_clear(&g->msp);
	ps_entries_free(g->ent, g->nent);
	g->ent = NULL;
	g->nent = 0;
}

/* Reads a file through the trace; 0 or an errno. */
static int readlines(struct gp *g, enum ps_phase ph, const char *path, struct ps_strv *lines,
		     const char *f, ...) PS_PRINTF(5, 6);
static int readlines(struct gp *g, enum ps_phase ph, const char *path, struct ps_strv *lines,
		     const char *f, ...)
{
	va_list ap;
	char *note;
	int rc;
	va_start(ap, f);
	note = ps_gp_vfmt(g->c, f, ap);
	va_end(ap);
	ps_strv_clear(lines);
	if (g->nt && ps_fs_isdir(g->c->fs, path)) {
		/* fopen() of a directory fails on Windows (EACCES): PermissionError */
		ps_trace(g->c, ph, PS_OP_READ, path, "EACCES", "%s (a directory: Windows cannot "
			 "open it as a file)", note ? note : "");
		rc = EACCES;
	} else {
		rc = ps_probe_read_lines(g->c, ph, path, lines, note);
	}
	free(note);
	return rc;
}

/*
 * Windows' getpath realpath (GetFinalPathNameByHandleW): every component
 * is resolved, a missing file is an error (ENOENT), and a result that only
 * differs from the input in case gives the input back.  Link targets are
 * taken as written: the case of the names on disk is not modelled.
 * *out yours.  0 or an errno value.
 */
static int nt_realpath(struct gp *g, const char *path, char **out)
{
	enum ps_platform p = PS_PLATFORM_NT;
	const struct ps_fs *fs = g->c->fs;
	char *cur = NULL;
	int hops = 0, rc = 0;

	*out = NULL;
	if (!ps_fs_exists(fs, path))
		return ENOENT;
	cur = ps_path_abspath(p, g->c->in->cwd, path);
	if (!cur)
		return ENOMEM;
restart:
	{
		/* walk from the root; a link anywhere restarts with its target spliced in */
		size_t root = 0, i;
		if (cur[0] && cur[1] == ':')
			root = cur[2] == '\\' ? 3 : 2;
		else if (cur[0] == '\\' && cur[1] == '\\') {
			int nsep = 0;
			for (root = 2; cur[root] && nsep < 2; root++)
				if (cur[root] == '\\')
					nsep++;
		}
		for (i = root; cur[i];) {
			size_t end = i;
			struct ps_stat st;
			char *prefix, *target = NULL, *base, *next;
			while (cur[end] && cur[end] != '\\')
				end++;
			prefix = strndup(cur, end);
			if (!prefix) {
				rc = ENOMEM;
				goto out;
			}
			if (ps_fs_lstat(fs, prefix, &st) == 0 && st.type == PS_FT_LINK &&
			    ps_fs_readlink(fs, prefix, &target) == 0) {
				if (++hops > 63) {
					free(prefix);
					free(target);
					rc = ELOOP;
					goto out;
				}
				if (ps_path_isabs(p, target)) {
					base = target;
					target = NULL;
				} else {
					char *dir = ps_path_dirname(p, prefix);
					base = dir ? ps_path_join2(p, dir, target) : NULL;
					free(dir);
				}
				next = base ? ps_path_join2(p, base, cur[end] ? cur + end + 1 : "") : NULL;
				free(base);
				free(target);
				free(prefix);
				if (!next) {
					rc = ENOMEM;
					goto out;
				}
				free(cur);
				cur = next;
				goto restart;
			}
			free(target);
			free(prefix);
			i = cur[end] ? end + 1 : end;
		}
	}
	if (ps_path_equal(p, cur, path)) {
		free(cur);
		cur = strdup(path);
		if (!cur)
			return ENOMEM;
	}
	*out = cur;
	return 0;
out:
	free(cur);
	return rc;
}

/* getpath's realpath() for os_name, traced.  *out yours.  0 or an errno value. */
static int gp_realpath(struct gp *g, enum ps_phase ph, const char *path, char **out,
		       const char *note)
{
	int rc;
	if (!g->nt)
		return ps_probe_realpath(g->c, ph, path, out, note);
	rc = nt_realpath(g, path, out);
	if (rc == ENOMEM)
		g->c->oom = true;
	ps_trace(g->c, ph, PS_OP_REALPATH, path,
		 rc == 0 ? *out : rc == ELOOP ? "ELOOP" : rc == ENOENT ? "ENOENT" : "error",
		 "%s", note ? note : "");
	return rc;
}

/* FileNotFoundError or PermissionError: the errors getpath catches around pyvenv.cfg. */
static bool fnf_or_perm(int err)
{
	return err == ENOENT || err == EACCES || err == EPERM;
}

/* ------------------------------------------------------------------ */
/* The steps                                                           */
/* ------------------------------------------------------------------ */

/* Effective configuration before getpath (initconfig's work). */
static void s_config(struct gp *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_inputs *in = c->in;
	const struct ps_embed *em = &in->embed;
	const char *v;

	ps_gp_config_flags(c);
	v = ps_ctx_env_gated(c, "PYTHONNOUSERSITE");
	if (v && ps_gp_env_flag(v) > 0) {
		c->user_site_directory = false;
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "user site disabled",
			 "PYTHONNOUSERSITE=%s counts as %d (only an integer 0 leaves the user "
			 "site on): user_site_directory = 0", v, ps_gp_env_flag(v));
	}

	c->safe_path = false;
	if (g->R->safe_path) {
		c->safe_path = in->flags.safe_path || c->isolated;
		v = ps_ctx_env_gated(c, "PYTHONSAFEPATH");
		if (v) {
			c->safe_path = true;
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "safe_path on",
				 "PYTHONSAFEPATH=%s: any non-empty value turns safe_path on", v);
		}
	}
	c->pathconfig_warnings = !(em->present && em->pathconfig_warnings == 0);

	/* config.pythonpath_env: the embedder's value, else PYTHONPATH if the environment is used */
	if (em->present && em->pythonpath_env)
		setv(g, &c->pythonpath_env, em->pythonpath_env);
	else
		setv(g, &c->pythonpath_env, ps_ctx_env_gated(c, "PYTHONPATH"));
	g->use_environment = c->use_environment;
}

/* S0: constants. */
static void s0_constants(struct gp *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_build *b = &c->in->build;
	const char *env_pld = g->R->has_platlibdir ? ps_ctx_env_gated(c, "PYTHONPLATLIBDIR") : NULL;
	const char *abi = g->R->abi_thread && b->abi_thread ? b->abi_thread : "";
	int M = b->major, m = b->minor;

	g->darwin = c->plat == PS_PLATFORM_DARWIN;
	g->nt = c->plat == PS_PLATFORM_NT;
	g->sep = ps_path_sep(c->plat);
	g->delim = ps_path_delim(c->plat);
	g->framework = g->darwin && b->framework;
	if (g->nt) {
		/*
		 * PCbuild compiles getpath.c with PREFIX and EXEC_PREFIX NULL,
		 * VPATH "..\\.." (PCbuild\\amd64 to the source root) and
		 * PLATLIBDIR "DLLs"; a scenario may still give them.
		 */
		g->PREFIX = b->prefix ? b->prefix : "";
		g->EXEC_PREFIX = b->exec_prefix ? b->exec_prefix : "";
		g->VPATH = b->vpath ? b->vpath : "..\\..";
		g->exe_suffix = ".exe";
	} else {
		g->PREFIX = b->prefix ? b->prefix : "/usr/local";
		g->EXEC_PREFIX = b->exec_prefix ? b->exec_prefix : g->PREFIX;
		g->VPATH = b->vpath ? b->vpath : "";
	}
	g->PYTHONPATH_MACRO = b->pythonpath_macro ? b->pythonpath_macro
			      : g->R->pythonpath_macro ? g->R->pythonpath_macro : "";
	setv(g, &g->platlibdir, env_pld ? env_pld : T(b->platlibdir) ? b->platlibdir
			       : g->nt ? "DLLs" : "lib");
	if (g->nt) {
		g->stdlib_subdir = ps_ctx_printf(c, "Lib");
		g->lm_py = ps_ctx_printf(c, "Lib\\os.py");
		g->lm_pyc = ps_ctx_printf(c, "Lib\\os.pyc");
		g->platstdlib_lm = ps_ctx_printf(c, "%s", g->platlibdir);
		/* PYDEBUGEXT ("_d") is not modelled: release builds only */
		g->zip_lm = ps_ctx_printf(c, "python%d%d.zip", M, m);
		g->default_program_name = ps_ctx_printf(c, "python");
		/* an unset VPATH reaches getpath.py as None, and the f-string says so */
		g->build_landmark = ps_ctx_printf(c, "%s\\Modules\\Setup.local",
						  T(g->VPATH) ? g->VPATH : "None");
		g->buildstdlib_lm = ps_ctx_printf(c, "Lib\\os.py");
		g->winreg_key = ps_ctx_printf(c, "SOFTWARE\\Python\\PythonCore\\%s\\PythonPath",
						 T(b->winver) ? b->winver : g->R->name);
	} else {
		g->stdlib_subdir = ps_ctx_printf(c, "%s/python%d.%d%s", g->platlibdir, M, m, abi);
		g->lm_py = ps_ctx_printf(c, "%s/os.py", g->stdlib_subdir);
		g->lm_pyc = ps_ctx_printf(c, "%s/os.pyc", g->stdlib_subdir);
		g->platstdlib_lm = ps_ctx_printf(c, "%s/python%d.%d%s/lib-dynload", g->platlibdir, M,
						 m, abi);
		g->zip_lm = ps_ctx_printf(c, "%s/python%d%d%s.zip", g->platlibdir, M, m, abi);
		g->default_program_name = ps_ctx_printf(c, "python%d", M);
		g->build_landmark = ps_ctx_printf(c, "Modules/Setup.local");
		g->buildstdlib_lm = ps_ctx_printf(c, "Lib/os.py");
	}
	g->versioned_program_name = ps_ctx_printf(c, "python%d.%d", M, m);
	/*
	 * library: the DLL on Windows, the framework's dylib on macOS
	 * framework builds (dladdr), any shared libpython from 3.14.
	 */
	if ((g->nt || g->framework || g->R->library_dladdr) && T(b->library))
		setv(g, &g->library, b->library);
	ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, g->platlibdir,
		 "constants: platlibdir %s (%s); stdlib landmark %s or %s, lib-dynload landmark "
		 "%s, zip landmark %s; PREFIX %s, EXEC_PREFIX %s, VPATH '%s'",
		 g->platlibdir, env_pld ? "from PYTHONPLATLIBDIR" : "compiled in", g->lm_py ? g->lm_py : "",
		 g->lm_pyc ? g->lm_pyc : "", g->platstdlib_lm ? g->platstdlib_lm : "",
		 g->zip_lm ? g->zip_lm : "", T(g->PREFIX) ? g->PREFIX : "(none)",
		 T(g->EXEC_PREFIX) ? g->EXEC_PREFIX : "(none)", g->VPATH);
}

/*
 * The real_executable getpath.c hands to getpath.py: GetModuleFileNameW on
 * Windows, _NSGetExecutablePath on macOS (kept only when absolute), None
 * on other POSIX systems.
 */
static void s1_real_executable(struct gp *g)
{
	struct ps_ctx *c = g->c;
	const char *os_exe = c->in->os_executable;
	const char *argv0 = c->in->argv0;

	if (g->nt) {
		if (T(os_exe)) {
			setv(g, &g->real_executable, os_exe);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "real_executable", os_exe,
				     "the path Windows reports for the process (GetModuleFileNameW)");
		} else if (T(argv0)) {
			/*
			 * Windows always knows the module path; a scenario without
			 * invocation.executable stands for argv[0] made absolute,
			 * with ".exe" added when it lacks it.
			 */
			size_t n = strlen(argv0);
			char *a = n >= 4 && strcasecmp(argv0 + n - 4, ".exe") == 0
				  ? ps_ctx_strdup(c, argv0) : ps_ctx_printf(c, "%s.exe", argv0);
			ps_gp_take(&g->real_executable, a ? ps_ctx_check(c, ps_path_abspath(c->plat,
					     c->in->cwd, a)) : NULL);
			free(a);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "real_executable", g->real_executable,
				     "no invocation.executable: the module path Windows would report "
				     "is taken to be argv[0] made absolute");
		}
	} else if (g->darwin && os_exe && os_exe[0] == '/') {
		setv(g, &g->real_executable, os_exe);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "real_executable", os_exe,
			     "the path macOS reports for the process (_NSGetExecutablePath)");
	}
}

/* S1: the embedder's PyConfig fields (the command line leaves them unset). */
static void s1_read_config(struct gp *g)
{
	const struct ps_inputs *in = g->c->in;
	const struct ps_embed *em = &in->embed;

	g->env_path = ps_env_get(&in->env, "PATH");
	g->env_home = ps_env_get(&in->env, "PYTHONHOME");
	if (g->R->exe_env_posix || g->darwin) {
		g->env_exe = ps_env_get(&in->env, "PYTHONEXECUTABLE");
		g->env_launcher = ps_env_get(&in->env, "__PYVENV_LAUNCHER__");
	}
	if (g->R->launcher_env_unset && g->env_launcher)
		setv(g, &g->c->launcher_env_removed, g->env_launcher);
	s1_real_executable(g);
	if (!em->present)
		return;
	setv(g, &g->program_name, em->program_name);
	setv(g, &g->home, em->home);
	setv(g, &g->executable, em->executable);
	setv(g, &g->base_executable, em->base_executable);
	setv(g, &g->prefix, em->prefix);
	setv(g, &g->exec_prefix, em->exec_prefix);
	setv(g, &g->base_prefix, em->base_prefix);
	setv(g, &g->base_exec_prefix, em->base_exec_prefix);
	g->cfg_prefix = em->prefix;
	g->cfg_exec_prefix = em->exec_prefix;
	g->cfg_base_prefix = em->base_prefix;
	g->cfg_base_exec_prefix = em->base_exec_prefix;
	if (g->R->stdlib_dir_config && T(em->stdlib_dir)) {
		setv(g, &g->stdlib_dir, em->stdlib_dir);
		g->stdlib_dir_was_set = true;
		setwhy(g, &g->stdlib_why, "set by the embedding application (config.stdlib_dir)");
	}
	if (g->R->py_setpath && em->setpath)
		g->py_setpath = em->setpath;
	if (em->module_search_paths_set) {
		g->pythonpath_was_set = true;
		for (size_t i = 0; i < em->module_search_paths.n; i++)
			msp_add(g, ps_ctx_strdup(g->c, em->module_search_paths.v[i]), PS_ORIGIN_EMBED,
				ps_ctx_printf(g->c, "set by the embedding application (module_search_paths), "
						    "used verbatim"));
	}
	ps_trace(g->c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "embedded",
		 "an embedding application's PyConfig: its fields are used before anything is "
		 "computed%s", g->py_setpath ? "; Py_SetPath() was called" : "");
}

/* S2 program_name, S3 executable. */
static void s3_executable(struct gp *g)
{
	struct ps_ctx *c = g->c;
	const char *argv0 = c->in->argv0;

	if (!T(g->program_name)) {
		if (T(argv0)) {
			setv(g, &g->program_name, argv0);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", argv0,
				     "program name = argv[0] as typed");
		} else {
			setv(g, &g->program_name, g->default_program_name);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", g->program_name,
				     "argv[0] is empty: program name defaults to %s",
				     g->default_program_name);
		}
	}
	if (g->exe_suffix && !has_suffix(g, g->program_name, g->exe_suffix)) {
		char *p = ps_ctx_printf(c, "%s%s", g->program_name, g->exe_suffix);
		if (p && ps_probe_isxfile(c, PS_PHASE_EXECUTABLE, p,
					  "the program name lacks .exe: does it name an .exe?")) {
			ps_gp_take(&g->program_name, p);
			p = NULL;
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", g->program_name,
				     "program name completed with .exe");
		}
		free(p);
	}

	if (g->py_setpath && !T(g->executable))
		setv(g, &g->executable, g->real_executable);
	if (!T(g->executable) && g->program_name && strchr(g->program_name, g->sep)) {
		ps_gp_take(&g->executable, gabspath(g, g->program_name));
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->executable,
			     "the program name %s contains a '%c': executable = it, made absolute "
			     "against the working directory %s and normalised", g->program_name,
			     g->sep, c->in->cwd);
	}
	if (!T(g->executable)) {
		setv(g, &g->executable, g->real_executable);
		if (T(g->executable))
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->executable,
				     "executable = the path the OS reports for the process%s",
				     g->nt ? "" : " (argv[0] has no '/': the OS path wins over PATH)");
	} else if (g->darwin) {
		setv(g, &g->real_executable, g->executable);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "real_executable", g->real_executable,
			     "macOS: an executable path from argv[0] or the configuration "
			     "overrides the one the OS reports");
	}
	if (!T(g->executable) && T(g->program_name) && T(g->env_path)) {
		struct ps_strv dirs;
		ps_strv_init(&dirs);
		if (ps_strv_split(&dirs, g->env_path, g->delim) < 0)
			c->oom = true;
		for (size_t i = 0; i < dirs.n && !c->oom; i++) {
			char *p = join(g, dirs.v[i], g->program_name);
			bool hit = p && ps_probe_isxfile(c, PS_PHASE_EXECUTABLE, p,
							 "PATH search for the program name (PATH is "
							 "used even under -E/-I)");
			if (hit) {
				ps_gp_take(&g->executable, p);
				ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->executable,
					     "found %s in PATH entry '%s'%s", g->program_name,
					     dirs.v[i],
					     ps_path_isabs(c->plat, g->executable) ? ""
					     : ": the PATH entry is relative, so sys.executable stays "
					       "relative");
				break;
			}
			free(p);
		}
		ps_strv_release(&dirs);
	}
	if (!T(g->executable)) {
		setv(g, &g->executable, "");
		ps_gp_take(&g->executable_dir, gabspath(g, "."));
		setv(g, &g->real_executable_dir, g->executable_dir);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", "",
			     "the executable could not be located (%s): sys.executable is '' and "
			     "the searches start from the working directory",
			     T(g->env_path) ? "not on PATH" : "no PATH");
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable_dir", g->executable_dir,
			     "executable unknown: executable_dir = the working directory");
	}
	if (T(g->env_exe) || T(g->env_launcher)) {
		const char *var = T(g->env_exe) ? "PYTHONEXECUTABLE" : "__PYVENV_LAUNCHER__";
		if (g->framework) {
			/*
			 * The framework's bin/pythonM.m is a stub that execs the app
			 * bundle's interpreter: base_executable names the stub.
			 * dirname(None) raises in getpath.py; a scenario without
			 * python.library is modelled with an empty library dir.
			 */
			char *ldir = ps_ctx_dirname(c, g->library ? g->library : "");
			ps_gp_take(&g->base_executable, ps_ctx_printf(c, "%s/bin/python%d.%d",
					     ldir ? ldir : "", c->in->build.major, c->in->build.minor));
			free(ldir);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "base_executable", g->base_executable,
				     "%s is set in a framework build: base_executable = bin/pythonM.m "
				     "next to the framework library %s (the app bundle's interpreter "
				     "is hidden)", var, ps_gp_str(g->library));
		} else {
			if (g->R->base_exe_prefers_real && T(g->real_executable))
				setv(g, &g->base_executable, g->real_executable);
			else
				setv(g, &g->base_executable, g->executable);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "base_executable", g->base_executable,
				     "%s is set: the executable found so far becomes "
				     "base_executable", var);
		}
		if (!T(g->real_executable))
			setv(g, &g->real_executable, g->base_executable);
		setv(g, &g->executable, T(g->env_exe) ? g->env_exe : g->env_launcher);
		ps_gp_take(&g->executable_dir, ps_ctx_dirname(c, g->executable));
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->executable,
			     "%s=%s replaces sys.executable (read even under -E/-I)%s", var,
			     g->executable,
			     T(g->env_launcher) && g->R->launcher_env_unset
			     ? "; __PYVENV_LAUNCHER__ is then removed from the environment" : "");
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable_dir", g->executable_dir,
			     "venv detection starts from the directory of %s", var);
	}
}

/* S4: home. */
static void s4_home(struct gp *g)
{
	if (T(g->home)) {
		g->home_was_set = true;
		ps_trace_set(g->c, PS_PHASE_HOME, "home", g->home,
			     "home set by the embedding application (Py_SetPythonHome / "
			     "config.home): no ._pth file and no build-tree detection");
	} else if (g->use_environment && T(g->env_home) && !g->py_setpath) {
		setv(g, &g->home, g->env_home);
		ps_trace_set(g->c, PS_PHASE_HOME, "home", g->home, "home = PYTHONHOME");
	} else if (T(g->env_home)) {
		ps_trace(g->c, PS_PHASE_HOME, PS_OP_DECIDE, NULL, "ignored",
			 "PYTHONHOME=%s is ignored: %s", g->env_home,
			 g->py_setpath ? "Py_SetPath() was called" : "the environment is not used "
			 "(-E, -I or use_environment=0)");
	}
}

/* S5.4: base_executable of a venv whose pyvenv.cfg names a home. */
static void s5_base_executable(struct gp *g)
{
	struct ps_ctx *c = g->c;
	char *r = NULL, *base;
	int rc;

	if (T(g->base_executable))
		return;
	rc = gp_realpath(g, PS_PHASE_VENV, g->executable, &r,
			       "is the venv's executable a symlink to the base interpreter?");
	if (rc == 0) {
		if (strcmp(r, g->executable) != 0) {
			ps_gp_take(&g->base_executable, r);
			ps_trace_set(c, PS_PHASE_VENV, "base_executable", g->base_executable,
				     "%s is a symlink: base_executable = the end of its chain",
				     g->executable);
			return;
		}
		free(r);
	}
	base = ps_ctx_basename(c, g->executable);
	ps_gp_take(&g->base_executable, join(g, g->executable_dir, base));
	/* the fallback names are tried on POSIX only (os_name != 'nt') */
	if (!g->nt && !ps_gp_probe(c, PS_PHASE_VENV, PS_OP_ISFILE, g->base_executable,
				"not a symlink: is there a %s in the venv's home?", base ? base : "")) {
		const char *cands[2] = { g->default_program_name, g->versioned_program_name };
		for (int i = 0; i < 2; i++) {
			char *p;
			if (base && cands[i] && strcmp(base, cands[i]) == 0)
				continue;
			p = join(g, g->executable_dir, cands[i]);
			if (p && ps_gp_probe(c, PS_PHASE_VENV, PS_OP_ISFILE, p,
					     "%s is missing in home: try %s", base ? base : "",
					     cands[i])) {
				ps_gp_take(&g->base_executable, p);
				break;
			}
			free(p);
		}
	}
	free(base);
	ps_trace_set(c, PS_PHASE_VENV, "base_executable", g->base_executable,
		     "base_executable = the venv's home joined with the executable's name "
		     "(kept even if it does not exist)");
}

/* S5: pyvenv.cfg.  Returns -1 when getpath fails fatally. */
static int s5_pyvenv(struct gp *g)
{
	struct ps_ctx *c = g->c;
	struct ps_strv lines;
	char *d2, *path = NULL;
	int rc;
	bool found_home = false;

	if (g->py_setpath)
		return 0;
	if (g->R->home_blocks_venv && T(g->home)) {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, NULL, "skipped",
			 "home is set (%s): getpath does not look for pyvenv.cfg (site.py still "
			 "does)", g->home);
		return 0;
	}
	ps_strv_init(&lines);
	d2 = T(g->executable_dir) ? ps_ctx_strdup(c, g->executable_dir)
				  : ps_ctx_dirname(c, g->executable);
	ps_gp_take(&g->venv_prefix, ps_ctx_dirname(c, d2));
	path = join(g, g->venv_prefix, "pyvenv.cfg");
	rc = path ? readlines(g, PS_PHASE_VENV, path, &lines,
			      "pyvenv.cfg one level above the executable's directory (read first)")
		  : ENOMEM;
	if (fnf_or_perm(rc)) {
		free(path);
		path = join(g, d2, "pyvenv.cfg");
		rc = path ? readlines(g, PS_PHASE_VENV, path, &lines,
				      "pyvenv.cfg next to the executable")
			  : ENOMEM;
		setv(g, &g->venv_prefix, d2);
		if (fnf_or_perm(rc)) {
			setv(g, &g->venv_prefix, NULL);
			ps_strv_clear(&lines);
			ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, NULL, "no venv",
				 "no pyvenv.cfg in either place: not a virtual environment");
		} else if (rc != 0 && rc != ENOMEM) {
			gp_fatal(g, RL_CFG_EXEDIR, path, rc);
			goto fail;
		}
	} else if (rc != 0 && rc != ENOMEM) {
		gp_fatal(g, RL_CFG_PARENT, path, rc);
		goto fail;
	}
	if (c->oom)
		goto fail;

	for (size_t i = 0; i < lines.n; i++) {
		const char *line = lines.v[i];
		const char *eq = strchr(line, '=');
		char *key;
		bool is_home;
		if (!eq)
			continue;
		key = pystrip(g, line, (size_t)(eq - line));
		is_home = key && strlen(key) == 4 && strncasecmp(key, "home", 4) == 0;
		free(key);
		if (!is_home)
			continue;
		found_home = true;
		if (!g->R->home_blocks_venv && T(g->home)) {
			ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "home ignored",
				 "line %zu sets home, but home is already set (%s): the venv is "
				 "kept, its home key is ignored", i + 1, g->home);
			break;
		}
		ps_gp_take(&g->executable_dir, pystrip(g, eq + 1, strlen(eq + 1)));
		setv(g, &g->real_executable_dir, g->executable_dir);
		ps_trace_set(c, PS_PHASE_VENV, "executable_dir", g->executable_dir,
			     "line %zu of %s sets home: the prefix searches start from %s instead "
			     "of the executable's directory%s", i + 1, path, g->executable_dir,
			     ps_path_isabs(c->plat, g->executable_dir) ? ""
			     : " (relative: resolved against the working directory)");
		s5_base_executable(g);
		break;
	}
	if (g->venv_prefix && !found_home) {
		if (g->R->cfg_without_home_is_venv) {
			ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "venv without home",
				 "%s has no home key: still a virtual environment (gh-135773)",
				 path);
		} else {
			ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "ignored",
				 "%s has no home key: getpath ignores it (site.py may still use it)",
				 path);
			setv(g, &g->venv_prefix, NULL);
		}
	}
	if (g->venv_prefix)
		ps_trace_set(c, PS_PHASE_VENV, "venv_prefix", g->venv_prefix,
			     "the directory holding %s", path);
	free(d2);
	free(path);
	ps_strv_release(&lines);
	return 0;
fail:
	free(d2);
	free(path);
	ps_strv_release(&lines);
	return -1;
}

static bool stdlib_landmark_under(struct gp *g, enum ps_phase ph, const char *dir,
				  const char *why);

/* S6: base_executable, real_executable, executable_dir. */
static void s6_bookkeeping(struct gp *g)
{
	struct ps_ctx *c = g->c;

	if (!T(g->base_executable)) {
		setv(g, &g->base_executable, T(g->executable) ? g->executable
					     : T(g->real_executable) ? g->real_executable : "");
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "base_executable", g->base_executable,
			     "base_executable = the executable");
	}
	if (!T(g->real_executable))
		setv(g, &g->real_executable, g->base_executable);
	/* 3.11/3.12 call realpath() even on '' (an unknown executable) */
	if (T(g->real_executable) || (!g->R->realpath_needs_exe && g->real_executable)) {
		char *r = NULL;
		int rc = gp_realpath(g, PS_PHASE_EXECUTABLE, g->real_executable, &r,
					   "resolve the executable's symlink chain (the file "
					   "only, not its directories)");
		if (rc == 0) {
			bool same = strcmp(r, g->real_executable) == 0;
			ps_gp_take(&g->real_executable, r);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "real_executable",
				     g->real_executable, "%s",
				     same ? "not a symlink: real_executable is the executable itself"
					  : "the executable is a symlink: real_executable = its "
					    "target, whose directory the searches start from");
		} else if (rc != ENOMEM) {
			if (ps_probe_isfile(c, PS_PHASE_EXECUTABLE, g->real_executable,
					    "realpath failed: does the file exist?"))
				ps_warn(c, PS_PHASE_EXECUTABLE, "Failed to find real location of %s",
					g->R->realpath_warn_real ? g->real_executable
					: g->base_executable);
		}
	}
	if (!T(g->executable_dir) && g->darwin && T(g->library)) {
		/*
		 * macOS quirk: next to the library first.  A framework's
		 * Versions/M.m holds lib/pythonM.m/os.py, so the searches start
		 * there rather than next to the app bundle's interpreter.
		 */
		char *ldir = ps_ctx_dirname(c, g->library);
		if (ldir && stdlib_landmark_under(g, PS_PHASE_EXECUTABLE, ldir,
						  "macOS: the stdlib next to the library")) {
			char *r = NULL;
			int rc = gp_realpath(g, PS_PHASE_EXECUTABLE, ldir, &r,
					     "the library's directory holds the stdlib: resolve it");
			if (rc == 0) {
				ps_gp_take(&g->executable_dir, r);
				setv(g, &g->real_executable_dir, g->executable_dir);
				ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable_dir", g->executable_dir,
					     "macOS: the library's directory %s holds %s, so the searches "
					     "start there", ldir, g->lm_py);
			}
		}
		free(ldir);
	}
	if (!T(g->executable_dir) && T(g->real_executable)) {
		ps_gp_take(&g->executable_dir, ps_ctx_dirname(c, g->real_executable));
		setv(g, &g->real_executable_dir, g->executable_dir);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable_dir", g->executable_dir,
			     "the directory of the real executable: where the searches start");
	}
	if (!T(g->real_executable_dir) && T(g->real_executable)) {
		ps_gp_take(&g->real_executable_dir, ps_ctx_dirname(c, g->real_executable));
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, g->real_executable_dir,
			 "real_executable_dir = %s: where the build-tree markers are looked for",
			 g->real_executable_dir);
	}
}

/* S7: ._pth.  Returns -1 when getpath fails fatally. */
static int s7_pth(struct gp *g)
{
	struct ps_ctx *c = g->c;
	const char *cands[3] = { g->library, g->executable, g->real_executable };
	const char *what[3] = { "next to the runtime library", "named after the executable",
				"named after the real executable" };
	bool found = false;

	if (g->py_setpath || g->home_was_set)
		return 0;
	for (int i = 0; i < 3 && !found; i++) {
		char *p;
		int rc;
		if (!T(cands[i]))
			continue;
		if (g->nt && (has_suffix(g, cands[i], "exe") || has_suffix(g, cands[i], "dll"))) {
			/* Windows: python.exe -> python._pth (rpartition('.')[0]) */
			const char *dot = strrchr(cands[i], '.');
			p = ps_ctx_printf(c, "%.*s._pth", dot ? (int)(dot - cands[i]) : 0, cands[i]);
		} else {
			p = ps_ctx_printf(c, "%s._pth", cands[i]);
		}
		if (!p)
			return 0;
		rc = readlines(g, PS_PHASE_PTH, p, &g->pth, "._pth file %s", what[i]);
		if (rc == 0) {
			found = true;
			ps_gp_take(&g->pth_file, p);
			ps_gp_take(&g->pth_dir, ps_ctx_dirname(c, g->pth_file));
		} else if (rc == EFBIG) {
			gp_fatal(g, RL_PTH, p, rc);
			free(p);
			return -1;
		} else {
			free(p);  /* any other OSError: try the next name */
		}
	}
	if (!found)
		return 0;
	if (T(g->pth_dir)) {
		g->use_environment = false;
		setv(g, &g->home, g->pth_dir);
		ps_trace_set(c, PS_PHASE_PTH, "home", g->home,
			     "%s exists (%zu line%s): home = its directory, the environment "
			     "(PYTHONHOME, PYTHONPATH) is ignored%s", g->pth_file, g->pth.n,
			     g->pth.n == 1 ? "" : "s",
			     g->pth.n ? "" : "; being empty it does not replace sys.path nor "
					     "isolate the interpreter");
	} else {
		ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, g->pth_file, "no home",
			 "%s has no directory part: getpath does not use it for home", g->pth_file);
	}
	return 0;
}

/* S8: build tree.  Returns -1 when getpath fails fatally. */
static int s8_build(struct gp *g)
{
	struct ps_ctx *c = g->c;
	const char *red = g->real_executable_dir;
	struct ps_strv lines;
	char *p;
	int rc;

	if (g->home_was_set || !T(red) || g->py_setpath)
		return 0;
	ps_strv_init(&lines);
	p = join(g, red, "pybuilddir.txt");
	rc = p ? readlines(g, PS_PHASE_BUILD, p, &lines, "build tree marker") : ENOMEM;
	if (rc == 0) {
		if (lines.n > 0) {
			ps_gp_take(&g->platstdlib_dir, join(g, red, lines.v[0]));
			setwhy(g, &g->platstdlib_why, "named by the first line of %s (build tree)", p);
		} else {
			setv(g, &g->platstdlib_dir, red);
			setwhy(g, &g->platstdlib_why, "%s is empty: the build directory itself", p);
		}
		ps_gp_take(&g->build_prefix, join(g, red, g->VPATH));
		ps_trace_set(c, PS_PHASE_BUILD, "platstdlib_dir", g->platstdlib_dir,
			     "%s exists: running from a build tree", p);
	} else if (fnf_or_perm(rc)) {
		char *q = join(g, red, g->build_landmark);
		if (q && ps_gp_probe(c, PS_PHASE_BUILD, PS_OP_ISFILE, q, "source tree marker")) {
			ps_gp_take(&g->build_prefix, join(g, red, g->VPATH));
			if (g->nt) {
				/* Windows quirk: the build's .pyd files are next to the executable */
				setv(g, &g->platstdlib_dir, red);
				setwhy(g, &g->platstdlib_why, "the build directory %s (Windows source "
				       "tree marker found)", red);
			}
		}
		free(q);
	} else if (rc != ENOMEM) {
		gp_fatal(g, RL_BUILDDIR, p, rc);
		free(p);
		ps_strv_release(&lines);
		return -1;
	}
	free(p);
	ps_strv_release(&lines);
	if (!T(g->build_prefix) || c->oom)
		return 0;

	{
		const char *lm[1] = { g->buildstdlib_lm };
		/* Windows does not search for more landmarks: the build prefix is it */
		char *bsp = g->nt ? ps_ctx_strdup(c, g->build_prefix)
				  : search_up(g, PS_PHASE_BUILD, g->build_prefix, lm, 1, false,
					      "source tree");
		if (!g->stdlib_dir_was_set) {
			ps_gp_take(&g->stdlib_dir, join(g, bsp ? bsp : g->build_prefix, "Lib"));
			setwhy(g, &g->stdlib_why, "the Lib directory of the source tree %s",
			       bsp ? bsp : g->build_prefix);
			ps_trace_set(c, PS_PHASE_BUILD, "stdlib_dir", g->stdlib_dir,
				     "build tree: the stdlib is the source tree's Lib");
		}
		if (!T(g->prefix)) {
			ps_gp_take(&g->prefix, bsp);
			bsp = NULL;
			setwhy(g, &g->prefix_why, "the source tree holding Lib/os.py (build tree)");
			ps_trace_set(c, PS_PHASE_BUILD, "prefix", g->prefix,
				     "build tree: prefix = the source tree%s",
				     g->prefix ? "" : " (not found: the search goes on)");
		}
		free(bsp);
		if (!T(g->exec_prefix)) {
			setv(g, &g->exec_prefix, g->build_prefix);
			setwhy(g, &g->exec_prefix_why, "the build directory");
			ps_trace_set(c, PS_PHASE_BUILD, "exec_prefix", g->exec_prefix,
				     "build tree: exec_prefix = the build directory joined with "
				     "VPATH '%s'", g->VPATH);
		}
		g->is_python_build = true;
	}
	return 0;
}

/* any(isfile(prefix/L) for L in STDLIB_LANDMARKS) */
static bool stdlib_landmark_under(struct gp *g, enum ps_phase ph, const char *dir, const char *why)
{
	const char *lms[2] = { g->lm_py, g->lm_pyc };
	for (int i = 0; i < 2; i++) {
		char *p = join(g, dir, lms[i]);
		bool hit = p && ps_gp_probe(g->c, ph, PS_OP_ISFILE, p, "%s: is %s under %s?", why,
					    lms[i], dir);
		free(p);
		if (hit)
			return true;
	}
	return false;
}

/*
 * The zip landmark from start: searched upwards on POSIX, only directly
 * in start on Windows.  Yours, NULL when not found.
 */
static char *zip_search(struct gp *g, const char *start, const char *what)
{
	const char *lm[1] = { g->zip_lm };
	if (g->nt) {
		char *p = join(g, start, g->zip_lm);
		bool hit = p && ps_gp_probe(g->c, PS_PHASE_PREFIX, PS_OP_ISFILE, p, "%s: is %s in %s?",
					    what, g->zip_lm, start);
		free(p);
		return hit ? ps_ctx_strdup(g->c, start) : NULL;
	}
	return search_up(g, PS_PHASE_PREFIX, start, lm, 1, false, what);
}

/* S9: prefix and exec_prefix. */
static void s9_prefix(struct gp *g)
{
	struct ps_ctx *c = g->c;

	if (g->py_setpath) {
		setv(g, &g->prefix, "");
		setv(g, &g->exec_prefix, "");
		setwhy(g, &g->prefix_why, "Py_SetPath() forces it empty");
		setwhy(g, &g->exec_prefix_why, "Py_SetPath() forces it empty");
		ps_trace_set(c, PS_PHASE_PREFIX, "prefix", "", "Py_SetPath(): prefix = ''");
		ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", "",
			     "Py_SetPath(): exec_prefix = ''");
		return;
	}
	if (T(g->home)) {
		const char *colon = strchr(g->home, g->delim);
		if (colon) {
			char *pre = strndup(g->home, (size_t)(colon - g->home));
			if (!pre)
				c->oom = true;
			ps_gp_take(&g->prefix, pre);
			setv(g, &g->exec_prefix, colon + 1);
		} else {
			setv(g, &g->prefix, g->home);
			setv(g, &g->exec_prefix, g->home);
		}
		setwhy(g, &g->prefix_why, "taken verbatim from home %s", g->home);
		setwhy(g, &g->exec_prefix_why, "taken verbatim from home %s", g->home);
		if (!g->stdlib_dir_was_set) {
			setv(g, &g->stdlib_dir, NULL);
			ps_gp_take(&g->stdlib_why, NULL);
		}
		ps_trace_set(c, PS_PHASE_HOME, "prefix", g->prefix,
			     "home %s%s: prefix = %s%s", g->home,
			     colon ? (g->nt ? " has a ';'" : " has a ':'") : "",
			     colon ? "the part before it" : "home",
			     T(g->prefix) ? " (verbatim: no normalisation, no landmark check)"
			     : " which is empty, so it is searched for as if unset");
		ps_trace_set(c, PS_PHASE_HOME, "exec_prefix", g->exec_prefix,
			     "home %s: exec_prefix = %s%s", g->home,
			     colon ? "the part after the delimiter" : "home",
			     T(g->exec_prefix) ? "" : " which is empty, so it is searched for");
	}

	if (T(g->library) && !T(g->prefix)) {
		char *ldir = ps_ctx_dirname(c, g->library);
		ps_gp_take(&g->prefix, zip_search(g, ldir, "zip landmark from the library's directory"));
		if (T(g->prefix)) {
			setwhy(g, &g->prefix_why, "found %s above the runtime library", g->zip_lm);
		} else if (stdlib_landmark_under(g, PS_PHASE_PREFIX, ldir,
						 "stdlib next to the runtime library")) {
			setv(g, &g->prefix, ldir);
			setwhy(g, &g->prefix_why, "the runtime library's directory holds the stdlib");
			if (!g->stdlib_dir_was_set) {
				ps_gp_take(&g->stdlib_dir, join(g, g->prefix, g->stdlib_subdir));
				setwhy(g, &g->stdlib_why, "%s under the library's directory %s",
				       g->stdlib_subdir, g->prefix);
			}
		}
		if (T(g->prefix))
			ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix, "prefix = %s: %s",
				     g->prefix, g->prefix_why ? g->prefix_why : "");
		free(ldir);
	}

	if (T(g->executable_dir) && !T(g->prefix)) {
		ps_gp_take(&g->prefix, zip_search(g, g->executable_dir, g->nt
						  ? "zip landmark (Windows: only directly in the directory)"
						  : "zip landmark (searched all the way up first)"));
		if (T(g->prefix)) {
			setwhy(g, &g->prefix_why, "found %s under it (the zip is a landmark, even "
				   "empty)", g->zip_lm);
			ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix,
				     "found %s under %s: prefix = %s", g->zip_lm, g->prefix,
				     g->prefix);
			if (!g->stdlib_dir_was_set) {
				ps_gp_take(&g->stdlib_dir, join(g, g->prefix, g->stdlib_subdir));
				if (!ps_gp_probe(c, PS_PHASE_PREFIX, PS_OP_ISDIR, g->stdlib_dir,
						 "the zip was found: is there a stdlib directory too?")) {
					setv(g, &g->stdlib_dir, NULL);
				} else {
					setwhy(g, &g->stdlib_why, "%s under prefix %s", g->stdlib_subdir,
					       g->prefix);
					ps_trace_set(c, PS_PHASE_PREFIX, "stdlib_dir", g->stdlib_dir,
						     "the stdlib directory next to the zip");
				}
			}
		}
	}

	if (T(g->executable_dir) && !T(g->prefix)) {
		const char *lm[2] = { g->lm_py, g->lm_pyc };
		ps_gp_take(&g->prefix, search_up(g, PS_PHASE_PREFIX, g->executable_dir, lm, 2, false,
						 "stdlib landmark"));
		if (T(g->prefix)) {
			setwhy(g, &g->prefix_why, "found %s (or os.pyc) under it, searching up from %s",
			       g->lm_py, g->executable_dir);
			ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix,
				     "found %s under %s: prefix = %s", g->stdlib_subdir, g->prefix,
				     g->prefix);
			if (!T(g->stdlib_dir)) {
				ps_gp_take(&g->stdlib_dir, join(g, g->prefix, g->stdlib_subdir));
				setwhy(g, &g->stdlib_why, "%s under prefix %s (found by its os.py)",
				       g->stdlib_subdir, g->prefix);
			}
		}
	}

	if (T(g->PREFIX) && !T(g->prefix)) {
		setv(g, &g->prefix, g->PREFIX);
		if (!stdlib_landmark_under(g, PS_PHASE_PREFIX, g->prefix,
					   "fallback to the compiled-in PREFIX")) {
			ps_warn(c, PS_PHASE_PREFIX, "Could not find platform independent libraries <prefix>");
			setwhy(g, &g->prefix_why, "the compiled-in PREFIX, used as a last resort although "
				   "it holds no stdlib either");
		} else {
			setwhy(g, &g->prefix_why, "the compiled-in PREFIX (the search from the "
				   "executable found nothing)");
		}
		ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix,
			     "nothing found from the executable: prefix = the compiled-in PREFIX %s",
			     g->PREFIX);
	}
	if (!T(g->prefix)) {
		ps_gp_take(&g->prefix, gabspath(g, ""));
		ps_warn(c, PS_PHASE_PREFIX, "Could not find platform independent libraries <prefix>");
		setwhy(g, &g->prefix_why, "the working directory: nothing else was found and "
			   "PREFIX is empty");
		ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix,
			     "nothing found and no PREFIX: prefix = the working directory");
	}

	if (!T(g->exec_prefix)) {
		if (g->nt) {
			/* Windows: the .pyd files are taken to live under prefix (gh-100320) */
			setv(g, &g->exec_prefix, g->prefix);
			setwhy(g, &g->exec_prefix_why, "the same as prefix (Windows always assumes so)");
		}
		if (!T(g->exec_prefix) && g->R->exec_prefix_prefers_prefix && T(g->prefix)) {
			char *p = join(g, g->prefix, g->platstdlib_lm);
			if (p && ps_gp_probe(c, PS_PHASE_EXEC_PREFIX, PS_OP_ISDIR, p,
					     "does prefix hold lib-dynload too? (3.14: checked first)")) {
				setv(g, &g->exec_prefix, g->prefix);
				setwhy(g, &g->exec_prefix_why, "prefix %s holds %s", g->prefix,
				       g->platstdlib_lm);
			}
			free(p);
		}
		if (!T(g->exec_prefix) && T(g->executable_dir)) {
			const char *lm[1] = { g->platstdlib_lm };
			ps_gp_take(&g->exec_prefix, search_up(g, PS_PHASE_EXEC_PREFIX, g->executable_dir,
							      lm, 1, true, "lib-dynload landmark"));
			if (T(g->exec_prefix))
				setwhy(g, &g->exec_prefix_why, "found %s under it, searching up from %s",
				       g->platstdlib_lm, g->executable_dir);
		}
		if (!T(g->exec_prefix) && T(g->EXEC_PREFIX)) {
			setv(g, &g->exec_prefix, g->EXEC_PREFIX);
			setwhy(g, &g->exec_prefix_why, "the compiled-in EXEC_PREFIX");
		}
		{
			char *p = T(g->exec_prefix) ? join(g, g->exec_prefix, g->platstdlib_lm) : NULL;
			if (!p || !ps_gp_probe(c, PS_PHASE_EXEC_PREFIX, PS_OP_ISDIR, p, g->nt
					       ? "check that exec_prefix holds the DLLs directory"
					       : "check that exec_prefix holds lib-dynload")) {
				if (g->nt) {
					/*
					 * Windows never warns; without a DLLs directory the
					 * extension modules are taken from exec_prefix itself
					 * (gh-98790), so no missing DLLs entry shadows it.
					 */
					if (!T(g->platstdlib_dir)) {
						setv(g, &g->platstdlib_dir, g->exec_prefix);
						setwhy(g, &g->platstdlib_why, "exec_prefix %s itself: it has "
						       "no %s directory (Windows does not warn)",
						       ps_gp_str(g->exec_prefix), g->platstdlib_lm);
						ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "platstdlib_dir",
							     g->platstdlib_dir, "no %s directory: "
							     "platstdlib_dir = exec_prefix, no warning",
							     g->platstdlib_lm);
					}
				} else {
					ps_warn(c, PS_PHASE_EXEC_PREFIX,
						"Could not find platform dependent libraries "
						"<exec_prefix>");
				}
				if (!g->nt && T(g->exec_prefix))
					setwhy(g, &g->exec_prefix_why, "%s, although it has no %s",
					       g->exec_prefix_why ? g->exec_prefix_why : "",
					       g->platstdlib_lm);
			}
			free(p);
		}
		if (T(g->exec_prefix))
			ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", g->exec_prefix,
				     "exec_prefix = %s: %s", g->exec_prefix,
				     g->exec_prefix_why ? g->exec_prefix_why : "");
	}
	if (!T(g->exec_prefix)) {
		setv(g, &g->exec_prefix, g->prefix);
		setwhy(g, &g->exec_prefix_why, "the same as prefix (nothing else was found)");
		ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", g->exec_prefix,
			     "exec_prefix = prefix");
	}
	if (!T(g->prefix) || !T(g->exec_prefix))
		ps_warn(c, PS_PHASE_EXEC_PREFIX, "Consider setting $PYTHONHOME to <prefix>[:<exec_prefix>]");
}

/* S10 (3.14+): the venv becomes sys.prefix in getpath itself; base_* default. */
static void s10_venv_prefix(struct gp *g)
{
	struct ps_ctx *c = g->c;
	if (!g->R->venv_in_getpath)
		return;
	if (T(g->venv_prefix)) {
		if (!T(g->base_prefix))
			setv(g, &g->base_prefix, g->prefix);
		if (!T(g->base_exec_prefix))
			setv(g, &g->base_exec_prefix, g->exec_prefix);
		setv(g, &g->prefix, g->venv_prefix);
		setv(g, &g->exec_prefix, g->venv_prefix);
		ps_trace_set(c, PS_PHASE_VENV, "base_prefix", g->base_prefix,
			     "in a venv: base_prefix = the prefix found for the base interpreter");
		ps_trace_set(c, PS_PHASE_VENV, "base_exec_prefix", g->base_exec_prefix,
			     "in a venv: base_exec_prefix = the exec_prefix found for the base "
			     "interpreter");
		ps_trace_set(c, PS_PHASE_VENV, "prefix", g->prefix,
			     "3.14+: getpath itself switches prefix to the venv %s", g->venv_prefix);
		ps_trace_set(c, PS_PHASE_VENV, "exec_prefix", g->exec_prefix,
			     "3.14+: getpath itself switches exec_prefix to the venv");
	}
	if (!T(g->base_prefix))
		setv(g, &g->base_prefix, g->prefix);
	if (!T(g->base_exec_prefix))
		setv(g, &g->base_exec_prefix, g->exec_prefix);
}

/*
 * Windows: for HKCU then HKLM, the default value of every subkey of
 * SOFTWARE\Python\PythonCore\<winver>\PythonPath (enumerated in sorted
 * order, as the registry returns them), split on ';'; then the key's own
 * default value (the core path) when neither home nor stdlib_dir is known.
 * A key that exists only because of keys below it has an empty default
 * value (winreg.QueryValue gives '').
 */
static void s11_registry(struct gp *g)
{
	struct ps_ctx *c = g->c;
	static const char *const hive_names[2] = { "HKCU", "HKLM" };

	for (int hive = PS_GP_HKCU; hive <= PS_GP_HKLM && !c->oom; hive++) {
		struct ps_gp_regkey k;
		ps_gp_reg_read(c, hive, g->winreg_key, &k);
		if (!k.exists) {
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "no key",
				 "registry: no %s\\%s key", hive_names[hive], g->winreg_key);
			ps_gp_reg_release(&k);
			continue;
		}
		for (size_t j = 0; j < k.nsubs && !c->oom; j++) {
			struct ps_strv parts;
			ps_strv_init(&parts);
			if (ps_strv_split(&parts, k.subs[j].value, ';') < 0)
				c->oom = true;
			for (size_t i = 0; i < parts.n; i++)
				msp_add(g, ps_ctx_strdup(c, parts.v[i]), PS_ORIGIN_REGISTRY,
					ps_ctx_printf(c, "registry %s\\%s\\%s (an application's path, "
						      "used verbatim)", hive_names[hive], g->winreg_key,
						      k.subs[j].name));
			ps_strv_release(&parts);
		}
		if (!T(g->home) && !T(g->stdlib_dir)) {
			struct ps_strv parts;
			ps_strv_init(&parts);
			if (ps_strv_split(&parts, k.core ? k.core : "", ';') < 0)
				c->oom = true;
			for (size_t i = 0; i < parts.n; i++)
				msp_add(g, ps_ctx_strdup(c, parts.v[i]), PS_ORIGIN_REGISTRY,
					ps_ctx_printf(c, "registry %s\\%s default value (the core path: "
							 "no home and no stdlib directory were found)",
						      hive_names[hive], g->winreg_key));
			ps_strv_release(&parts);
		} else if (k.core) {
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "ignored",
				 "registry %s\\%s default value ignored: %s is known",
				 hive_names[hive], g->winreg_key, T(g->home) ? "home" : "the stdlib");
		}
		ps_gp_reg_release(&k);
	}
}

/* S11: module_search_paths. */
static void s11_search_path(struct gp *g)
{
	struct ps_ctx *c = g->c;
	bool from_base = g->R->paths_from_base_prefix;
	const char *P = from_base ? g->base_prefix : g->prefix;
	const char *EP = from_base ? g->base_exec_prefix : g->exec_prefix;
	const char *pname = from_base ? "base_prefix" : "prefix";
	const char *epname = from_base ? "base_exec_prefix" : "exec_prefix";

	if (g->py_setpath) {
		struct ps_strv parts;
		ps_strv_init(&parts);
		if (ps_strv_split(&parts, g->py_setpath, g->delim) < 0)
			c->oom = true;
		msp_clear(g);
		for (size_t i = 0; i < parts.n; i++)
			msp_add(g, ps_ctx_strdup(c, parts.v[i]), PS_ORIGIN_EMBED,
				ps_ctx_printf(c, "from the string given to Py_SetPath(), used verbatim"));
		ps_strv_release(&parts);
		return;
	}
	if (g->pythonpath_was_set) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "kept",
			 "module_search_paths was set by the embedding application: not computed");
		return;
	}
	msp_clear(g);
	if (g->use_environment && T(c->pythonpath_env)) {
		struct ps_strv parts;
		bool embed = c->in->embed.present && c->in->embed.pythonpath_env;
		ps_strv_init(&parts);
		if (ps_strv_split(&parts, c->pythonpath_env, g->delim) < 0)
			c->oom = true;
		for (size_t i = 0; i < parts.n && !c->oom; i++) {
			char *a = gabspath(g, parts.v[i]);
			msp_add(g, a, PS_ORIGIN_PYTHONPATH,
				parts.v[i][0] ? ps_ctx_printf(c, "from %s entry '%s'%s", embed ? "the embedding "
							      "application's pythonpath_env" : "PYTHONPATH",
							      parts.v[i], a && strcmp(a, parts.v[i]) != 0
							      ? ", made absolute against the working directory" : "")
				: ps_ctx_printf(c, "an empty %s entry means the working directory",
						embed ? "pythonpath_env" : "PYTHONPATH"));
		}
		ps_strv_release(&parts);
	} else if (T(c->pythonpath_env)) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "ignored",
			 "PYTHONPATH is ignored: %s", T(g->pth_dir) ? "a ._pth file was found"
			 : "the environment is not used");
	}

	if (g->nt) {
		/* Windows: the zip next to the DLL, else in the executable's directory */
		char *ldir = T(g->library) ? ps_ctx_dirname(c, g->library)
					   : ps_ctx_strdup(c, g->executable_dir);
		msp_add(g, join(g, ldir, g->zip_lm), PS_ORIGIN_STDLIB_ZIP,
			ps_ctx_printf(c, "the stdlib zip in %s (Windows: the %s directory, not prefix), "
					 "always listed even when absent", ps_gp_str(ldir),
				      T(g->library) ? "DLL's" : "executable's"));
		free(ldir);
		if (g->use_environment)
			s11_registry(g);
		else
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "skipped",
				 "registry PythonPath keys are not read: %s", T(g->pth_dir)
				 ? "a ._pth file was found" : "the environment is not used (-E/-I)");
	} else if (T(g->build_prefix))
		msp_add(g, join(g, g->PREFIX, g->zip_lm), PS_ORIGIN_STDLIB_ZIP,
			ps_ctx_printf(c, "the stdlib zip under the compiled-in PREFIX %s: in a build tree "
					 "getpath lists the installed zip (listed even when absent)", g->PREFIX));
	else
		msp_add(g, join(g, P, g->zip_lm), PS_ORIGIN_STDLIB_ZIP,
			ps_ctx_printf(c, "the stdlib zip, always listed even when absent (%s %s)", pname,
				      ps_gp_str(P)));

	if (T(g->PYTHONPATH_MACRO)) {
		struct ps_strv parts;
		ps_strv_init(&parts);
		if (ps_strv_split(&parts, g->PYTHONPATH_MACRO, g->delim) < 0)
			c->oom = true;
		for (size_t i = 0; i < parts.n; i++)
			msp_add(g, join(g, P, parts.v[i]), PS_ORIGIN_MACRO,
				ps_ctx_printf(c, "compile-time PYTHONPATH entry '%s' joined to %s %s",
					      parts.v[i], pname, ps_gp_str(P)));
		ps_strv_release(&parts);
	}

	if (!T(g->stdlib_dir) && T(P)) {
		ps_gp_take(&g->stdlib_dir, join(g, P, g->stdlib_subdir));
		setwhy(g, &g->stdlib_why, "%s under %s %s (%s)", g->stdlib_subdir, pname, P,
		       g->prefix_why && !from_base ? g->prefix_why : "see the prefix steps");
	}
	if (!T(g->platstdlib_dir) && T(EP)) {
		ps_gp_take(&g->platstdlib_dir, join(g, EP, g->platstdlib_lm));
		setwhy(g, &g->platstdlib_why, "%s under %s %s (%s)", g->platstdlib_lm, epname, EP,
		       g->exec_prefix_why && !from_base ? g->exec_prefix_why
		       : "see the exec_prefix steps");
	}
	if (g->nt) {
		/* Windows order: DLLs, Lib, then the executable's directory if new */
		if (T(g->platstdlib_dir))
			msp_add(g, ps_ctx_strdup(c, g->platstdlib_dir), PS_ORIGIN_PLATSTDLIB,
				ps_ctx_printf(c, "extension modules (%s): %s", g->platstdlib_lm,
					      g->platstdlib_why ? g->platstdlib_why : ""));
		if (T(g->stdlib_dir))
			msp_add(g, ps_ctx_strdup(c, g->stdlib_dir), PS_ORIGIN_STDLIB,
				ps_ctx_printf(c, "the standard library: %s",
					      g->stdlib_why ? g->stdlib_why : ""));
		/* Python's `in`: an exact, case-sensitive string comparison */
		if (T(g->executable_dir) && ps_strv_find(&g->msp, g->executable_dir) < 0)
			msp_add(g, ps_ctx_strdup(c, g->executable_dir), PS_ORIGIN_PLATSTDLIB,
				ps_ctx_printf(c, "the executable's directory: Windows lists it last, at low "
						 "priority, unless it is already on the path"));
		return;
	}
	if (T(g->stdlib_dir))
		msp_add(g, ps_ctx_strdup(c, g->stdlib_dir), PS_ORIGIN_STDLIB,
			ps_ctx_printf(c, "the standard library: %s", g->stdlib_why ? g->stdlib_why : ""));
	if (T(g->platstdlib_dir))
		msp_add(g, ps_ctx_strdup(c, g->platstdlib_dir), PS_ORIGIN_PLATSTDLIB,
			ps_ctx_printf(c, "extension modules (lib-dynload): %s",
				      g->platstdlib_why ? g->platstdlib_why : ""));
}

/* S12: in a build tree sys.prefix is reset to the compiled-in PREFIX (POSIX). */
static void s12_build_reset(struct gp *g)
{
	struct ps_ctx *c = g->c;
	if (!T(g->build_prefix) || g->nt)
		return;  /* Windows keeps the prefix it found */
	if (!g->R->venv_in_getpath || !T(g->venv_prefix)) {
		setv(g, &g->prefix, T(g->cfg_prefix) ? g->cfg_prefix : g->PREFIX);
		setv(g, &g->exec_prefix, T(g->cfg_exec_prefix) ? g->cfg_exec_prefix
					 : T(g->EXEC_PREFIX) ? g->EXEC_PREFIX : g->prefix);
		ps_trace_set(c, PS_PHASE_BUILD, "prefix", g->prefix,
			     "build tree: sys.prefix is reset to the compiled-in PREFIX after the "
			     "search path was computed");
		ps_trace_set(c, PS_PHASE_BUILD, "exec_prefix", g->exec_prefix,
			     "build tree: sys.exec_prefix is reset to the compiled-in EXEC_PREFIX");
	}
	if (g->R->venv_in_getpath) {
		setv(g, &g->base_prefix, T(g->cfg_base_prefix) ? g->cfg_base_prefix : g->PREFIX);
		setv(g, &g->base_exec_prefix, T(g->cfg_base_exec_prefix) ? g->cfg_base_exec_prefix
					      : T(g->EXEC_PREFIX) ? g->EXEC_PREFIX : g->base_prefix);
		ps_trace_set(c, PS_PHASE_BUILD, "base_prefix", g->base_prefix,
			     "build tree: base_prefix is reset to the compiled-in PREFIX");
		ps_trace_set(c, PS_PHASE_BUILD, "base_exec_prefix", g->base_exec_prefix,
			     "build tree: base_exec_prefix is reset to the compiled-in EXEC_PREFIX");
	}
}

/* S13: the ._pth file's lines become sys.path and isolate the interpreter. */
static void s13_apply_pth(struct gp *g)
{
	struct ps_ctx *c = g->c;
	if (g->pth.n == 0)
		return;
	c->isolated = true;
	c->use_environment = false;
	c->site_import = false;
	c->safe_path = true;
	if (g->R->pth_sets_no_user_site)
		c->user_site_directory = false;
	c->pth_file_used = true;
	ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, g->pth_file, "isolated",
		 "the ._pth file replaces sys.path: isolated, environment ignored, safe_path "
		 "on, site off unless a line says 'import site'");
	msp_clear(g);
	for (size_t i = 0; i < g->pth.n && !c->oom; i++) {
		const char *raw = g->pth.v[i];
		const char *hash = strchr(raw, '#');
		char *line = pystrip(g, raw, hash ? (size_t)(hash - raw) : strlen(raw));
		int ln = (int)i + 1;
		if (!line)
			break;
		if (!line[0]) {
			if (hash)
				ps_pth_push(c, g->pth_file, ln, raw, PS_PTH_COMMENT,
					    "a comment: skipped");
			else
				ps_pth_push(c, g->pth_file, ln, raw, PS_PTH_BLANK, "blank: skipped");
		} else if (strcmp(line, "import site") == 0) {
			c->site_import = true;
			ps_pth_push(c, g->pth_file, ln, raw, PS_PTH_IMPORT,
				    "'import site': site.py runs (even with -S)");
			ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, g->pth_file, "site on",
				 "line %d is 'import site': site.py will run", ln);
		} else if (strncmp(line, "import ", 7) == 0) {
			ps_warn(c, PS_PHASE_PTH, "unsupported 'import' line in ._pth file");
			ps_pth_push(c, g->pth_file, ln, raw, PS_PTH_IGNORED,
				    "only 'import site' is supported in a ._pth file: ignored with a "
				    "warning");
		} else {
			char *p = join(g, g->pth_dir, line);
			ps_pth_push(c, g->pth_file, ln, raw, PS_PTH_ADDED,
				    "%s, relative to the file's directory%s", p ? p : "",
				    hash ? " (comment removed)" : "");
			msp_add(g, p, PS_ORIGIN_PTH_FILE,
				ps_ctx_printf(c, "line %d of %s ('%s'), relative to the file's directory",
					      ln, g->pth_file, line));
		}
		free(line);
	}
}

/* S14: what getpath writes back, into r->getpath. */
static void s14_write_back(struct gp *g)
{
	struct ps_ctx *c = g->c;
	struct ps_getpath_out *o = &c->r->getpath;
	struct ps_buf joined;

	if (!g->R->venv_in_getpath) {
		if (!T(g->base_prefix))
			setv(g, &g->base_prefix, g->prefix);
		if (!T(g->base_exec_prefix))
			setv(g, &g->base_exec_prefix, g->exec_prefix);
	}
	setv(g, &o->program_name, g->program_name);
	setv(g, &o->home, T(g->home) ? g->home : NULL);
	setv(g, &o->executable, g->executable);
	setv(g, &o->base_executable, g->base_executable);
	setv(g, &o->prefix, g->prefix);
	setv(g, &o->exec_prefix, g->exec_prefix);
	setv(g, &o->base_prefix, g->base_prefix);
	setv(g, &o->base_exec_prefix, g->base_exec_prefix);
	setv(g, &o->platlibdir, g->platlibdir);
	setv(g, &o->stdlib_dir, T(g->stdlib_dir) ? g->stdlib_dir : "");
	setv(g, &o->platstdlib_dir, T(g->platstdlib_dir) ? g->platstdlib_dir : "");
	o->is_python_build = g->is_python_build;
	if (ps_strv_copy(&o->module_search_paths, &g->msp) < 0)
		c->oom = true;
	ps_entries_free(o->entries, o->nentries);
	o->entries = g->ent;
	o->nentries = g->nent;
	g->ent = NULL;
	g->nent = 0;

	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_prefix", o->base_prefix,
		     "sys.base_prefix as getpath leaves it");
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_exec_prefix", o->base_exec_prefix,
		     "sys.base_exec_prefix as getpath leaves it");
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "stdlib_dir", o->stdlib_dir, "sys._stdlib_dir");
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "platstdlib_dir", o->platstdlib_dir,
		     "the platform stdlib directory getpath settled on");
	ps_buf_init(&joined);
	for (size_t i = 0; i < g->msp.n; i++)
		ps_buf_addf(&joined, "%s%s", i ? (g->nt ? ";" : ":") : "", g->msp.v[i]);
	if (joined.oom)
		c->oom = true;
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "module_search_paths", joined.s,
		     "sys.path before site.py and sys.path[0]: %zu entr%s", g->msp.n,
		     g->msp.n == 1 ? "y" : "ies");
	ps_buf_release(&joined);
}

static void gp_release(struct gp *g)
{
	char **owned[] = {
		&g->platlibdir, &g->stdlib_subdir, &g->lm_py, &g->lm_pyc, &g->platstdlib_lm,
		&g->zip_lm, &g->default_program_name, &g->versioned_program_name,
		&g->build_landmark, &g->buildstdlib_lm, &g->winreg_key,
		&g->program_name, &g->home, &g->executable, &g->base_executable,
		&g->real_executable, &g->executable_dir, &g->real_executable_dir, &g->prefix,
		&g->exec_prefix, &g->base_prefix, &g->base_exec_prefix, &g->stdlib_dir,
		&g->platstdlib_dir, &g->venv_prefix, &g->library, &g->pth_dir, &g->pth_file,
		&g->build_prefix, &g->prefix_why, &g->exec_prefix_why, &g->stdlib_why,
		&g->platstdlib_why,
	};
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
		free(*owned[i]);
		*owned[i] = NULL;
	}
	ps_strv_release(&g->pth);
	ps_strv_release(&g->msp);
	ps_entries_free(g->ent, g->nent);
}

int ps_getpath_run(struct ps_ctx *c)
{
	struct gp g;
	int rc = 0;

	memset(&g, 0, sizeof g);
	g.c = c;
	g.R = c->rules;
	ps_strv_init(&g.pth);
	ps_strv_init(&g.msp);

	s_config(&g);
	s0_constants(&g);
	if (c->oom)
		goto out;
	s1_read_config(&g);
	s3_executable(&g);
	s4_home(&g);
	if (c->oom || s5_pyvenv(&g) < 0)
		goto out;
	s6_bookkeeping(&g);
	if (c->oom || s7_pth(&g) < 0)
		goto out;
	if (c->oom || s8_build(&g) < 0)
		goto out;
	s9_prefix(&g);
	s10_venv_prefix(&g);
	s11_search_path(&g);
	s12_build_reset(&g);
	s13_apply_pth(&g);
	s14_write_back(&g);
out:
	if (c->oom)
		rc = -1;
	gp_release(&g);
	return rc;
}
