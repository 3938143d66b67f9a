/*
 * getpath_c.c - the path configuration of CPython 2.7 and 3.6-3.10 on
 * POSIX (Modules/getpath.c, the C era), step by step, with every probe and
 * decision recorded.
 *
 * The order of the probes is the one strace shows for 2.7.18, 3.6.15,
 * 3.7.16, 3.8.18, 3.9.18 and 3.10.13 (getpath-spec §2.B, §8):
 *
 *   readlink exe (loop) -> [3.x] argv0_path/pyvenv.cfg -> parent/pyvenv.cfg
 *   -> Modules/Setup(.local) -> lib/pythonM.m/os.py, os.pyc upwards
 *   -> PREFIX landmark -> pybuilddir.txt -> lib-dynload upwards
 *   -> EXEC_PREFIX landmark
 *
 * The C code works on fixed buffers with three string primitives, and
 * their quirks are what users see, so they are reproduced literally here:
 *
 *   joinpath(a, b)   a + '/' + b, no separator after an empty a or one
 *                    ending in '/', an absolute b replaces a, and an EMPTY
 *                    b still adds the '/' ("cwd" + "" = "cwd/");
 *                    ps_path_concat() is exactly that;
 *   reduce(s)        cut at the last '/' ("/a" -> "", "a" -> "");
 *   copy_absolute(p) p if absolute, else cwd joined with p minus one
 *                    leading "./" - never normalised.
 *
 * Differences between the versions are fields of struct ps_rules
 * (rules-int.h): c27, c_build_landmark, c_builddir_isfile, c_symlink_limit,
 * env_*_empty_set, env_flag_nonempty, has_platlibdir, pythonpath_macro.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "getpath-int.h"

/* MAXPATHLEN on Linux: the size of getpath.c's buffers. */
#define GC_MAXPATHLEN 4096
/* MAXPATHLEN on macOS (sys/param.h). */
#define GC_DARWIN_MAXPATHLEN 1024
/* pyvenv.cfg is read with fgets() into a buffer of 2*MAXPATHLEN+1 chars. */
#define GC_CFG_LINE (GC_MAXPATHLEN * 2 - 1)
/* Reading more than this of a pyvenv.cfg or pybuilddir.txt makes no difference. */
#define GC_READ_LIMIT (1024 * 1024)
/* The Linux readlink loop limit of 3.9+ (resolve_symlinks). */
#define GC_MAX_LINKS 40

struct gc {
	struct ps_ctx *c;
	const struct ps_rules *R;

	/* compile-time constants (borrowed) and derived strings (owned) */
	const char *PREFIX, *EXEC_PREFIX, *VPATH, *PYTHONPATH_MACRO;
	char *platlibdir, *lib_python, *zip_name, *dynload_fallback;
	const char *platlibdir_why;

	/* inputs */
	const char *home;           /* PYTHONHOME or the embedder's home, borrowed; NULL unset */
	const char *home_src;
	const char *pythonpath_env; /* borrowed from c->pythonpath_env */

	/* getpath.c's variables (owned) */
	char *program_name, *progpath, *argv0_path;
	char *prefix, *exec_dir, *zip_path;
	int pfound, efound;
	long prefix_step, exec_step, argv0_step;

	/* the joined module search path and its pieces */
	struct ps_gp_joined msp;
};

/* joinpath()/joinpath2() of getpath.c; yours. */
static char *cjoin(struct gc *g, const char *a, const char *b)
{
	return ps_ctx_check(g->c, ps_path_concat(PS_PLATFORM_POSIX, a, b));
}

/* reduce(): cut s at its last '/' (in place). */
static void reduce(char *s)
{
	char *slash = strrchr(s, '/');
	if (slash)
		*slash = '\0';
	else
		s[0] = '\0';
}

/* A reduced copy (n times); yours. */
static char *reduced(struct gc *g, const char *s, int n)
{
	char *r = ps_ctx_strdup(g->c, s);
	for (int i = 0; r && i < n; i++)
		reduce(r);
	return r;
}

/* copy_absolute(): cwd joined with p (one leading "./" dropped), never normalised; yours. */
static char *copy_absolute(struct gc *g, const char *p)
{
	const char *cwd = g->c->in->cwd ? g->c->in->cwd : "/";
	if (p[0] == '/')
		return ps_ctx_strdup(g->c, p);
	if (p[0] == '.' && p[1] == '/')
		p += 2;
	return cjoin(g, cwd, p);
}

/* ismodule(): dir/os.py, then dir/os.pyc. */
static bool ismodule(struct gc *g, enum ps_phase ph, const char *dir, const char *why)
{
	char *py = cjoin(g, dir, "os.py");
	char *pyc = py ? ps_ctx_printf(g->c, "%sc", py) : NULL;
	bool hit = false;
	if (py && pyc) {
		hit = ps_gp_probe(g->c, ph, PS_OP_ISFILE, py, "%s: is os.py in %s?", why, dir) ||
		      ps_gp_probe(g->c, ph, PS_OP_ISFILE, pyc, "%s: no os.py; is there a "
				  "compiled os.pyc instead?", why);
	}
	free(py);
	free(pyc);
	return hit;
}

static const char *errno_text(int err)
{
	switch (err) {
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case ENOTDIR: return "ENOTDIR";
	case ELOOP: return "ELOOP";
	case EISDIR: return "EISDIR";
	case EFBIG: return "TOO_BIG";
	case ENOMEM: return "ENOMEM";
	default: return "EIO";
	}
}

/*
 * fopen + fread of a whole file, traced as one READ step.  A directory
 * opens fine and reads as empty (as on Linux).  Returns 0 or an errno;
 * *data yours.
 */
static int read_whole(struct gc *g, enum ps_phase ph, const char *path, char **data,
		      size_t *len, const char *note)
{
	int rc = ps_fs_read_file(g->c->fs, path, GC_READ_LIMIT, data, len);
	char res[64];
	if (rc == ENOMEM)
		g->c->oom = true;
	if (rc == 0)
		snprintf(res, sizeof res, "ok %zu byte%s", *len, *len == 1 ? "" : "s");
	else
		snprintf(res, sizeof res, "%s", errno_text(rc));
	ps_trace(g->c, ph, PS_OP_READ, path, res, "%s", note);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Effective configuration                                             */
/* ------------------------------------------------------------------ */

/* A variable as this version reads it: NULL unset; "" kept only when empty_set. */
static const char *env_raw(struct gc *g, const char *name, bool empty_set)
{
	const char *v;
	if (!g->c->use_environment)
		return NULL;
	v = ps_env_get(&g->c->in->env, name);
	if (v && !*v && !empty_set)
		return NULL;
	return v;
}

static void s_config(struct gc *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_inputs *in = c->in;
	const struct ps_embed *em = &in->embed;

	ps_gp_c_config(c);
	if (in->flags.isolated && !g->R->has_isolated)
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "-I does not exist in %s", g->R->name);

	if (em->present && em->pythonpath_env)
		ps_ctx_set(c, &c->pythonpath_env, em->pythonpath_env);
	else
		ps_ctx_set(c, &c->pythonpath_env,
			   env_raw(g, "PYTHONPATH", g->R->env_pythonpath_empty_set));
	g->pythonpath_env = c->pythonpath_env;

	if (em->present && em->home) {
		g->home = em->home;
		g->home_src = "the embedding application's home (Py_SetPythonHome)";
	} else {
		g->home = env_raw(g, "PYTHONHOME", g->R->env_home_empty_set);
		g->home_src = "PYTHONHOME";
		if (!g->home && ps_ctx_env(c, "PYTHONHOME") && !c->use_environment)
			ps_trace(c, PS_PHASE_HOME, PS_OP_DECIDE, NULL, "ignored",
				 "PYTHONHOME=%s is ignored: the environment is not used (-E%s)",
				 ps_ctx_env(c, "PYTHONHOME"), g->R->has_isolated ? " or -I" : "");
	}
	if (!g->R->exe_env_posix && c->plat != PS_PLATFORM_DARWIN) {
		if (ps_env_get(&in->env, "PYTHONEXECUTABLE"))
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
				 "PYTHONEXECUTABLE is only read on macOS before 3.11");
		if (ps_env_get(&in->env, "__PYVENV_LAUNCHER__"))
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
				 "__PYVENV_LAUNCHER__ is only read on macOS and Windows before 3.11 "
				 "(and stays in the environment)");
	}
}

/* Constants: lib_python, the zip name, the lib-dynload fallback. */
static void s_constants(struct gc *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_build *b = &c->in->build;
	const char *env_pld = g->R->has_platlibdir ? env_raw(g, "PYTHONPLATLIBDIR", false) : NULL;

	g->PREFIX = b->prefix ? b->prefix : "/usr/local";
	g->EXEC_PREFIX = b->exec_prefix ? b->exec_prefix : g->PREFIX;
	g->VPATH = b->vpath ? b->vpath : "";
	g->PYTHONPATH_MACRO = b->pythonpath_macro ? b->pythonpath_macro
			      : g->R->pythonpath_macro ? g->R->pythonpath_macro : "";
	if (!g->R->has_platlibdir) {
		g->platlibdir = ps_ctx_strdup(c, "lib");
		g->platlibdir_why = "always lib before 3.9";
	} else if (env_pld) {
		g->platlibdir = ps_ctx_strdup(c, env_pld);
		g->platlibdir_why = "from PYTHONPLATLIBDIR";
	} else {
		g->platlibdir = ps_ctx_strdup(c, b->platlibdir && *b->platlibdir ? b->platlibdir
					      : "lib");
		g->platlibdir_why = "compiled in";
	}
	g->lib_python = ps_ctx_printf(c, "%s/python%d.%d", g->platlibdir ? g->platlibdir : "",
				      b->major, b->minor);
	g->zip_name = ps_ctx_printf(c, "%s/python%d%d.zip", g->platlibdir ? g->platlibdir : "",
				    b->major, b->minor);
	g->dynload_fallback = ps_ctx_printf(c, "%s/lib-dynload", g->platlibdir ? g->platlibdir : "");
	ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, g->lib_python,
		 "constants: lib_python %s (platlibdir %s, %s); landmarks %s/os.py (or os.pyc) "
		 "and %s/lib-dynload; zip %s; PREFIX %s, EXEC_PREFIX %s, VPATH '%s', "
		 "compile-time PYTHONPATH '%s'", ps_gp_str(g->lib_python), ps_gp_str(g->platlibdir),
		 g->platlibdir_why, ps_gp_str(g->lib_python), ps_gp_str(g->lib_python),
		 ps_gp_str(g->zip_name), g->PREFIX, g->EXEC_PREFIX, g->VPATH, g->PYTHONPATH_MACRO);
}

/* ------------------------------------------------------------------ */
/* The steps                                                           */
/* ------------------------------------------------------------------ */

/*
 * macOS: the program name from PYTHONEXECUTABLE (gated by -E, read by
 * config_init_program_name in 3.8+, by main.c before), else, in framework
 * builds, from __PYVENV_LAUNCHER__ (read with getenv: even under -E), which
 * the bin/pythonM.m stub sets before it execs Python.app.  True when one
 * of them gave it.
 */
static bool s_program_darwin(struct gc *g)
{
	struct ps_ctx *c = g->c;
	const char *exe = c->use_environment ? ps_ctx_env(c, "PYTHONEXECUTABLE") : NULL;
	const char *launcher = ps_ctx_env(c, "__PYVENV_LAUNCHER__");

	if (!exe && ps_ctx_env(c, "PYTHONEXECUTABLE"))
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "PYTHONEXECUTABLE is ignored: the environment is not used (-E%s)",
			 g->R->has_isolated ? " or -I" : "");
	if (exe) {
		g->program_name = ps_ctx_strdup(c, exe);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", exe,
			     "macOS: PYTHONEXECUTABLE replaces argv[0] as the program name%s",
			     launcher && c->in->build.framework
			     ? " (it wins over __PYVENV_LAUNCHER__)" : "");
		return true;
	}
	if (launcher && c->in->build.framework) {
		g->program_name = ps_ctx_strdup(c, launcher);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", launcher,
			     "macOS framework build: __PYVENV_LAUNCHER__ (set by the bin/ stub or "
			     "a venv's python, read even under -E) replaces argv[0] as the program "
			     "name; it stays in the environment for site.py");
		return true;
	}
	if (launcher)
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "__PYVENV_LAUNCHER__ is only read by framework builds before 3.11 "
			 "(python.framework is false); site.py still sees it");
	return false;
}

/* 1. program_full_path: argv[0] with a '/', else a PATH search, else ''. */
static void s_program(struct gc *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_inputs *in = c->in;
	const char *argv0 = in->argv0;
	const char *path_env = ps_env_get(&in->env, "PATH");

	if (in->embed.present && in->embed.program_name && *in->embed.program_name) {
		g->program_name = ps_ctx_strdup(c, in->embed.program_name);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", g->program_name,
			     "program name set by the embedding application");
	} else if (c->plat == PS_PLATFORM_DARWIN && s_program_darwin(g)) {
		/* PYTHONEXECUTABLE or the framework's __PYVENV_LAUNCHER__ named the program */
	} else if (argv0 && *argv0) {
		g->program_name = ps_ctx_strdup(c, argv0);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", argv0,
			     "program name = argv[0] as typed");
	} else {
		g->program_name = ps_ctx_strdup(c, g->R->major == 2 ? "python" : "python3");
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", g->program_name,
			     "argv[0] is empty: program name defaults to %s", ps_gp_str(g->program_name));
	}
	if (!g->program_name)
		return;

	if (strchr(g->program_name, '/')) {
		g->progpath = ps_ctx_strdup(c, g->program_name);
	} else if (c->plat == PS_PLATFORM_DARWIN && in->os_executable &&
		   in->os_executable[0] == '/') {
		g->progpath = ps_ctx_strdup(c, in->os_executable);
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, g->progpath,
			 "macOS: _NSGetExecutablePath() gives the executable");
	} else if (path_env) {
		const char *p = path_env;
		for (;;) {
			const char *delim = strchr(p, ':');
			char *dir = delim ? strndup(p, (size_t)(delim - p)) : strdup(p);
			char *cand = dir ? cjoin(g, dir, g->program_name) : NULL;
			if (!dir)
				c->oom = true;
			if (cand && ps_gp_probe(c, PS_PHASE_EXECUTABLE, PS_OP_ISXFILE, cand,
						"PATH search for %s (entry '%s'; PATH is used even under "
						"-E%s)", g->program_name, dir,
						g->R->has_isolated ? "/-I" : "")) {
				g->progpath = cand;
				ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, cand, "found",
					 "found %s in PATH entry '%s'", g->program_name, dir);
				free(dir);
				break;
			}
			free(cand);
			free(dir);
			if (!delim || c->oom)
				break;
			p = delim + 1;
		}
	}
	if (!g->progpath) {
		g->progpath = ps_ctx_strdup(c, "");
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", "",
			     "%s has no '/' and is not on %s: sys.executable is '' and the "
			     "searches start from the working directory", g->program_name,
			     path_env ? "PATH" : "PATH (PATH is not set)");
		return;
	}
	if (g->progpath[0] && g->progpath[0] != '/') {
		char *abs = copy_absolute(g, g->progpath);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", abs,
			     "%s is relative: the working directory %s is put in front%s, without "
			     "normalising ('..' and '.' stay)", g->progpath, ps_gp_str(in->cwd),
			     strncmp(g->progpath, "./", 2) == 0 ? " and the leading './' dropped"
			     : "");
		ps_gp_take(&g->progpath, abs);
	} else {
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->progpath,
			     "%s", strchr(g->program_name, '/')
			     ? "argv[0] contains a '/': it is the executable, as typed"
			     : "the PATH hit is the executable");
	}
}

/*
 * calculate_argv0_path_framework(): in a macOS framework build the searches
 * start from the framework's library (NSLibraryNameForModule), unless the
 * framework has no lib/pythonM.m/os.py(c) next to it (a build directory),
 * where the executable's path is kept.  True when argv0_path became the
 * library.
 */
static bool s_argv0_framework(struct gc *g)
{
	struct ps_ctx *c = g->c;
	const char *lib = c->in->build.library;
	char *mod, *parent, *lp;

	if (lib && *lib) {
		mod = ps_ctx_strdup(c, lib);
	} else {
		mod = cjoin(g, g->PREFIX, "Python");
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, ps_gp_str(mod),
			 "framework build without python.library: pathscope takes the framework "
			 "library to be PREFIX/Python, where the installer puts it");
	}
	if (!mod)
		return false;
	parent = reduced(g, mod, 1);
	lp = parent ? cjoin(g, parent, g->lib_python) : NULL;
	free(parent);
	if (lp && ismodule(g, PS_PHASE_EXECUTABLE, lp, "framework build: is the stdlib next to "
			   "the framework library")) {
		ps_gp_take(&g->argv0_path, mod);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "argv0_path", g->argv0_path,
			     "framework build: the searches start from the framework library %s, "
			     "not from the executable", g->argv0_path);
		free(lp);
		return true;
	} else {
		free(mod);
		if (lp)
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "build directory",
				 "framework build whose framework has no %s/os.py: a build "
				 "directory, the searches start from the executable", lp);
	}
	free(lp);
	return false;
}

/*
 * 2. argv0_path: the executable's symlink chain (the file only, targets
 * joined textually), then its directory.  Returns -1 on a fatal loop.
 */
static int s_argv0_path(struct gc *g)
{
	struct ps_ctx *c = g->c;
	unsigned nlink = 0;
	bool changed = false;

	const char *what = "the executable";

	g->argv0_path = ps_ctx_strdup(c, g->progpath);
	if (c->plat == PS_PLATFORM_DARWIN && c->in->build.framework && g->argv0_path &&
	    s_argv0_framework(g))
		what = "the framework library";
	while (g->argv0_path && !c->oom) {
		char *target = NULL;
		int rc = ps_fs_readlink(c->fs, g->argv0_path, &target);
		if (rc != 0) {
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_REALPATH, g->argv0_path,
				 rc == EINVAL ? "not a link" : errno_text(rc),
				 "readlink: %s%s%s", changed ? "the end of the symlink chain"
				 : "is ", changed ? "" : what, changed ? "" : " a symbolic link?");
			if (rc == ENOMEM)
				c->oom = true;
			break;
		}
		if (target[0] == '/') {
			ps_gp_take(&g->argv0_path, target);
		} else {
			reduce(g->argv0_path);
			ps_gp_take(&g->argv0_path, cjoin(g, g->argv0_path, target));
			free(target);
		}
		changed = true;
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_REALPATH, g->argv0_path, "link",
			 "readlink: a symbolic link; the target is joined to the link's "
			 "directory as text (no '..' is resolved): %s", ps_gp_str(g->argv0_path));
		nlink++;
		if (nlink >= GC_MAX_LINKS && g->R->c_symlink_limit) {
			struct ps_result *r = c->r;
			r->has_fatal = true;
			r->fatal.exit_status = 1;
			ps_ctx_set(c, &r->fatal.message, "resolve_symlinks: maximum number of "
				   "symbolic links reached");
			ps_gp_take(&r->fatal.output,
				   ps_ctx_printf(c, "Fatal Python error: resolve_symlinks: maximum number of "
						    "symbolic links reached\nPython runtime state: %s\n\n%s",
						 g->R->c_symlink_limit == 1 ? "preinitialized"
						 : "core initialized",
						 g->R->c_symlink_limit == 1 ? ""
						 : "Current thread 0x0000000000000000 (most recent call "
						   "first):\n  <no Python frame>\n"));
			ps_gp_take(&r->fatal.cause, ps_ctx_printf(c, "the executable %s is a chain of %d "
								  "or more symbolic links (a loop?)",
								  g->progpath, GC_MAX_LINKS));
			ps_gp_take(&r->fatal.fix, ps_ctx_printf(c, "Break the symlink loop at %s.",
								g->progpath));
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, g->argv0_path, "fatal",
				 "%d symbolic links followed: start-up stops", GC_MAX_LINKS);
			return -1;
		}
		if (nlink >= 1000) {
			struct ps_result *r = c->r;
			r->has_fatal = true;
			r->fatal.exit_status = 1;
			ps_ctx_set(c, &r->fatal.message, "the interpreter hangs resolving a "
				   "symbolic link loop");
			ps_gp_take(&r->fatal.cause, ps_ctx_printf(c, "%s reads the executable's symlink "
								  "chain without a limit and %s never ends",
								  g->R->name, g->progpath));
			ps_gp_take(&r->fatal.fix, ps_ctx_printf(c, "Break the symlink loop at %s.",
								g->progpath));
			ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, g->argv0_path, "hang",
				 "no limit on the readlink loop in %s: the interpreter never starts",
				 g->R->name);
			return -1;
		}
	}
	if (!g->argv0_path)
		return 0;
	reduce(g->argv0_path);
	g->argv0_step = ps_trace_set(c, PS_PHASE_EXECUTABLE, "argv0_path", g->argv0_path,
				     "the directory of %s%s: where the searches start",
				     changed ? "the symlink target of " : "", what);
	return 0;
}

/* The same, shared with getpath_pc.c: see compute-int.h. */
char *ps_c_find_env_value(struct ps_ctx *c, const char *data, size_t len, size_t line_max,
			  const char *key, int *line_no, char **why)
{
	size_t pos = 0;
	int ln = 0;
	char *buf = malloc(line_max + 1);

	*line_no = 0;
	if (!buf) {
		c->oom = true;
		return NULL;
	}
	while (pos < len) {
		size_t n = 0, take;
		char *tok, *save = NULL, *val;

		ln++;
		/* fgets: up to and including '\n', at most line_max - 1 bytes */
		while (pos + n < len && n + 1 < line_max && data[pos + n] != '\n')
			n++;
		if (pos + n < len && n + 1 < line_max && data[pos + n] == '\n')
			n++;
		take = n;
		memcpy(buf, data + pos, take);
		buf[take] = '\0';
		pos += take;
		/* strlen() stops at a NUL byte */
		n = strlen(buf);
		if (n == 0 || buf[n - 1] != '\n') {
			free(*why);
			*why = ps_ctx_printf(c, "line %d %s: the scan stops there", ln,
					     n < take ? "holds a NUL byte"
					     : take + 1 >= line_max ? "is too long for the line buffer"
					     : "does not end with a newline");
			break;
		}
		if (buf[0] == '#')
			continue;
		tok = strtok_r(buf, " \t\r\n", &save);
		if (!tok || strcmp(tok, key) != 0)
			continue;
		tok = strtok_r(NULL, " \t", &save);
		if (!tok || strcmp(tok, "=") != 0) {
			free(*why);
			*why = ps_ctx_printf(c, "line %d starts with '%s' but the next word is not "
					     "a lone '=' (spaces around '=' are required)", ln, key);
			continue;
		}
		tok = strtok_r(NULL, "\r\n", &save);
		if (!tok)
			continue;
		*line_no = ln;
		val = ps_ctx_strdup(c, tok);
		free(buf);
		return val;
	}
	free(buf);
	return NULL;
}

/* 3. pyvenv.cfg next to the executable's directory, then in its parent. */
static void s_pyvenv(struct gc *g)
{
	struct ps_ctx *c = g->c;
	char *path, *parent, *data = NULL, *home, *why = NULL;
	size_t len = 0;
	int rc, line = 0;

	if (!g->R->pyvenv_cfg) {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, NULL, "not read",
			 "%s's getpath does not know pyvenv.cfg (virtualenv works through its "
			 "own site.py)", g->R->name);
		return;
	}
	path = cjoin(g, g->argv0_path, "pyvenv.cfg");
	if (!path)
		return;
	rc = read_whole(g, PS_PHASE_VENV, path, &data, &len,
			"pyvenv.cfg in the executable's directory (read first before 3.11)");
	if (rc != 0 && rc != EFBIG && !c->oom) {
		parent = reduced(g, g->argv0_path, 1);
		ps_gp_take(&path, parent ? cjoin(g, parent, "pyvenv.cfg") : NULL);
		free(parent);
		if (!path)
			return;
		rc = read_whole(g, PS_PHASE_VENV, path, &data, &len,
				"pyvenv.cfg one level up");
	}
	if (rc == EFBIG) {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "not parsed",
			 "%s is larger than 1 MiB: pathscope does not scan it (CPython reads it "
			 "line by line)", path);
		free(path);
		return;
	}
	if (rc != 0) {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, NULL, "no venv",
			 "no readable pyvenv.cfg in either place");
		free(path);
		return;
	}
	home = ps_c_find_env_value(c, data, len, c->plat == PS_PLATFORM_DARWIN
				   ? GC_DARWIN_MAXPATHLEN * 2 : GC_CFG_LINE + 1, "home", &line, &why);
	free(data);
	if (home) {
		ps_gp_take(&g->argv0_path, home);
		g->argv0_step = ps_trace_set(c, PS_PHASE_VENV, "argv0_path", g->argv0_path,
					     "line %d of %s is 'home = %s': the searches start from "
					     "there%s", line, path, g->argv0_path,
					     g->argv0_path[0] == '/' ? ""
					     : " (relative: resolved against the working directory)");
	} else {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "no home",
			 "%s has no usable 'home = VALUE' line (the key is case-sensitive, needs "
			 "spaces around '=' and a final newline)%s%s: the searches start from "
			 "the executable's directory", path, why ? "; " : "", why ? why : "");
	}
	free(why);
	free(path);
}

/* 4. search_for_prefix(): pfound 1 found, -1 build directory, 0 not found. */
static void s_prefix(struct gc *g)
{
	struct ps_ctx *c = g->c;
	char *p;

	if (g->home) {
		const char *colon = strchr(g->home, ':');
		char *h = colon ? strndup(g->home, (size_t)(colon - g->home)) : strdup(g->home);
		if (!h) {
			c->oom = true;
			return;
		}
		g->prefix = cjoin(g, h, g->lib_python);
		g->pfound = 1;
		g->prefix_step = ps_trace_set(c, PS_PHASE_HOME, "prefix", g->prefix,
					      "%s='%s': the stdlib directory is %s'%s' + %s, believed "
					      "without any check%s", g->home_src, g->home,
					      colon ? "the part before ':' " : "", h, g->lib_python,
					      !h[0] ? " (an empty home gives a path relative to the "
					      "working directory)" : "");
		free(h);
		return;
	}

	p = cjoin(g, g->argv0_path, g->R->c_build_landmark);
	if (p && ps_gp_probe(c, PS_PHASE_BUILD, PS_OP_ISFILE, p,
			     "is argv0_path a build directory (%s)?", g->R->c_build_landmark)) {
		char *v = cjoin(g, g->argv0_path, g->VPATH);
		char *lib = v ? cjoin(g, v, "Lib") : NULL;
		free(v);
		if (lib && ismodule(g, PS_PHASE_BUILD, lib, "build directory: the source Lib")) {
			g->prefix = lib;
			g->pfound = -1;
			g->prefix_step = ps_trace_set(c, PS_PHASE_BUILD, "prefix", lib,
						      "build directory: the stdlib is the source "
						      "tree's Lib (argv0_path + VPATH '%s' + Lib)",
						      g->VPATH);
			free(p);
			return;
		}
		free(lib);
	}
	free(p);

	p = copy_absolute(g, g->argv0_path);
	while (p && !c->oom) {
		char *d = cjoin(g, p, g->lib_python);
		if (d && ismodule(g, PS_PHASE_PREFIX, d, "stdlib landmark, searching up")) {
			g->prefix = d;
			g->pfound = 1;
			g->prefix_step = ps_trace_set(c, PS_PHASE_PREFIX, "prefix", d,
						      "found os.py (or os.pyc) in %s", d);
			free(p);
			return;
		}
		free(d);
		reduce(p);
		if (!p[0])
			break;
	}
	free(p);

	p = cjoin(g, g->PREFIX, g->lib_python);
	if (p && ismodule(g, PS_PHASE_PREFIX, p, "the compiled-in PREFIX")) {
		g->prefix = p;
		g->pfound = 1;
		g->prefix_step = ps_trace_set(c, PS_PHASE_PREFIX, "prefix", p,
					      "nothing found from the executable: the compiled-in "
					      "PREFIX %s holds the stdlib", g->PREFIX);
		return;
	}
	g->pfound = 0;
	ps_warn(c, PS_PHASE_PREFIX, "Could not find platform independent libraries <prefix>");
	g->prefix = p;
	g->prefix_step = ps_trace_set(c, PS_PHASE_PREFIX, "prefix", p,
				      "no stdlib found anywhere: PREFIX + %s is used anyway",
				      g->lib_python);
}

/* 5. The zip entry: next to the found stdlib, else under PREFIX. */
static void s_zip(struct gc *g)
{
	char *base = g->pfound > 0 ? reduced(g, g->prefix, 2) : ps_ctx_strdup(g->c, g->PREFIX);
	g->zip_path = base ? cjoin(g, base, g->zip_name) : NULL;
	free(base);
}

/* pybuilddir.txt: exec dir = argv0_path + its raw contents. */
static bool s_pybuilddir(struct gc *g)
{
	struct ps_ctx *c = g->c;
	char *path = cjoin(g, g->argv0_path, "pybuilddir.txt"), *data = NULL;
	size_t len = 0;
	int rc;

	if (!path)
		return false;
	if (g->R->c_builddir_isfile &&
	    !ps_gp_probe(c, PS_PHASE_BUILD, PS_OP_ISFILE, path, "build directory marker")) {
		free(path);
		return false;
	}
	rc = read_whole(g, PS_PHASE_BUILD, path, &data, &len, g->R->c_builddir_isfile
			? "the marker's contents: the extension modules' directory"
			: "build directory marker (opened directly)");
	if (rc == EFBIG) {
		/* only the first MAXPATHLEN bytes are read: a path that long is never useful */
		rc = 0;
		free(data);
		data = ps_ctx_strdup(c, "");
		len = 0;
		ps_trace(c, PS_PHASE_BUILD, PS_OP_DECIDE, path, "too large",
			 "pathscope reads no more than 1 MiB of it; treated as empty");
	}
	if (rc != 0) {
		free(path);
		return false;
	}
	if (len > GC_MAXPATHLEN)
		data[GC_MAXPATHLEN] = '\0';
	g->exec_dir = cjoin(g, g->argv0_path, data);
	g->efound = -1;
	g->exec_step = ps_trace_set(c, PS_PHASE_BUILD, "exec_prefix", g->exec_dir,
				    "%s exists: a build directory; its raw contents%s are joined to "
				    "argv0_path", path, strchr(data, '\n')
				    ? " (with the newline: a trailing newline is kept)" : "");
	free(data);
	free(path);
	return true;
}

/* 6. search_for_exec_prefix(). */
static void s_exec_prefix(struct gc *g)
{
	struct ps_ctx *c = g->c;
	char *p;

	if (g->home) {
		const char *colon = strchr(g->home, ':');
		char *d = cjoin(g, colon ? colon + 1 : g->home, g->lib_python);
		g->exec_dir = d ? cjoin(g, d, "lib-dynload") : NULL;
		free(d);
		g->efound = 1;
		g->exec_step = ps_trace_set(c, PS_PHASE_HOME, "exec_prefix", g->exec_dir,
					    "%s=%s: lib-dynload is %s + %s/lib-dynload, believed "
					    "without any check", g->home_src, g->home,
					    colon ? "the part after ':'" : "home", g->lib_python);
		return;
	}
	if (s_pybuilddir(g) || c->oom)
		return;

	p = copy_absolute(g, g->argv0_path);
	while (p && !c->oom) {
		char *d = cjoin(g, p, g->lib_python);
		char *dyn = d ? cjoin(g, d, "lib-dynload") : NULL;
		free(d);
		if (dyn && ps_gp_probe(c, PS_PHASE_EXEC_PREFIX, PS_OP_ISDIR, dyn,
				       "lib-dynload landmark, searching up")) {
			g->exec_dir = dyn;
			g->efound = 1;
			g->exec_step = ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", dyn,
						    "found the lib-dynload directory %s", dyn);
			free(p);
			return;
		}
		free(dyn);
		reduce(p);
		if (!p[0])
			break;
	}
	free(p);

	p = cjoin(g, g->EXEC_PREFIX, g->lib_python);
	ps_gp_take(&p, p ? cjoin(g, p, "lib-dynload") : NULL);
	if (p && ps_gp_probe(c, PS_PHASE_EXEC_PREFIX, PS_OP_ISDIR, p, "the compiled-in EXEC_PREFIX")) {
		g->exec_dir = p;
		g->efound = 1;
		g->exec_step = ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", p,
					    "nothing found from the executable: the compiled-in "
					    "EXEC_PREFIX %s has lib-dynload", g->EXEC_PREFIX);
		return;
	}
	free(p);
	g->efound = 0;
	ps_warn(c, PS_PHASE_EXEC_PREFIX, "Could not find platform dependent libraries <exec_prefix>");
	g->exec_dir = cjoin(g, g->EXEC_PREFIX, g->dynload_fallback);
	g->exec_step = ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", g->exec_dir,
				    "no lib-dynload found anywhere: EXEC_PREFIX + %s is used "
				    "(without the python%d.%d part: a known slip of the C code)",
				    g->dynload_fallback, c->in->build.major, c->in->build.minor);
}

/* 8. The module search path: one ':'-joined string, split afterwards. */
static void s_search_path(struct gc *g)
{
	struct ps_ctx *c = g->c;
	const char *prefix = g->prefix ? g->prefix : "";
	size_t plen = strlen(prefix);
	const char *def = g->PYTHONPATH_MACRO;

	if (g->pythonpath_env) {
		ps_gp_joined_add(c, &g->msp, g->pythonpath_env, PS_ORIGIN_PYTHONPATH, -1,
				 ps_ctx_printf(c, "from PYTHONPATH, used as typed: relative entries are "
						  "not made absolute and an empty one stays ''"));
		ps_buf_addc(&g->msp.buf, ':');
	}
	ps_gp_joined_add(c, &g->msp, ps_gp_str(g->zip_path), PS_ORIGIN_STDLIB_ZIP, g->prefix_step,
			 ps_ctx_printf(c, "the stdlib zip, always listed even when absent (%s)",
				       g->pfound > 0
				       ? "two levels above the stdlib directory that was found"
				       : "under the compiled-in PREFIX, as the stdlib was not found by "
					 "its landmark"));
	ps_buf_addc(&g->msp.buf, ':');
	/* the compile-time PYTHONPATH, relative entries joined to the unreduced prefix */
	for (;;) {
		const char *delim = strchr(def, ':');
		size_t n = delim ? (size_t)(delim - def) : strlen(def);
		struct ps_buf e;
		bool stdlib = n == 0;
		ps_buf_init(&e);
		if (def[0] != '/') {
			ps_buf_adds(&e, prefix);
			if (plen >= 1 && prefix[plen - 1] != '/' && n > 0)
				ps_buf_addc(&e, '/');
		}
		ps_buf_add(&e, def, n);
		if (e.oom)
			c->oom = true;
		ps_gp_joined_add(c, &g->msp, e.s, stdlib ? PS_ORIGIN_STDLIB : PS_ORIGIN_MACRO,
				 g->prefix_step,
				 stdlib ? ps_ctx_printf(c, "the standard library: %s (an empty entry of "
							"the compile-time PYTHONPATH '%s' is the stdlib "
							"directory itself)", g->pfound == 1
							? (g->home ? "PYTHONHOME + lib_python"
							   : "found by its os.py landmark")
							: g->pfound < 0 ? "the source tree's Lib"
							: "not found: PREFIX + lib_python",
							g->PYTHONPATH_MACRO)
				 : ps_ctx_printf(c, "compile-time PYTHONPATH entry '%.*s'%s", (int)n, def,
						 def[0] == '/' ? "" : ", joined to the stdlib directory"));
		ps_buf_release(&e);
		if (!delim)
			break;
		ps_buf_addc(&g->msp.buf, ':');
		def = delim + 1;
	}
	ps_buf_addc(&g->msp.buf, ':');
	ps_gp_joined_add(c, &g->msp, ps_gp_str(g->exec_dir), PS_ORIGIN_PLATSTDLIB, g->exec_step,
			 ps_ctx_printf(c, "extension modules (lib-dynload): %s", g->efound > 0
				       ? (g->home ? "from home, unchecked" : "found by the lib-dynload landmark")
				       : g->efound < 0 ? "the build directory named by pybuilddir.txt"
				       : "not found: the EXEC_PREFIX fallback"));
	if (g->msp.buf.oom)
		c->oom = true;
}

/* 9-10. sys.prefix / sys.exec_prefix, base_*, and the write-back. */
static void s_write_back(struct gc *g)
{
	struct ps_ctx *c = g->c;
	struct ps_getpath_out *o = &c->r->getpath;
	bool setpath = c->in->embed.present && c->in->embed.setpath;
	char *pre, *epre;

	if (setpath) {
		pre = ps_ctx_strdup(c, "");
		epre = ps_ctx_strdup(c, "");
		ps_trace_set(c, PS_PHASE_PREFIX, "prefix", "", "Py_SetPath(): prefix = ''");
	} else {
		if (g->pfound > 0) {
			pre = reduced(g, g->prefix, 2);
			if (pre && !pre[0])
				ps_gp_take(&pre, ps_ctx_strdup(c, "/"));
		} else {
			pre = ps_ctx_strdup(c, g->PREFIX);
		}
		ps_trace_set(c, PS_PHASE_PREFIX, "prefix", pre, "sys.prefix = %s",
			     g->pfound > 0 ? "the stdlib directory minus its last two components "
					     "(lib/pythonM.m), '/' if nothing is left"
			     : g->pfound < 0 ? "the compiled-in PREFIX (running from a build "
					       "directory)"
			     : "the compiled-in PREFIX (the stdlib was not found)");
		if (g->efound > 0) {
			epre = reduced(g, g->exec_dir, 3);
			if (epre && !epre[0])
				ps_gp_take(&epre, ps_ctx_strdup(c, "/"));
		} else {
			epre = ps_ctx_strdup(c, g->EXEC_PREFIX);
		}
		ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", epre, "sys.exec_prefix = %s",
			     g->efound > 0 ? "lib-dynload minus its last three components, '/' "
					     "if nothing is left"
			     : g->efound < 0 ? "the compiled-in EXEC_PREFIX (build directory)"
			     : "the compiled-in EXEC_PREFIX (lib-dynload was not found)");
	}

	ps_ctx_set(c, &o->program_name, g->program_name);
	ps_ctx_set(c, &o->home, g->home);
	ps_ctx_set(c, &o->executable, g->progpath);
	ps_ctx_set(c, &o->base_executable, g->R->has_base_executable ? g->progpath : NULL);
	ps_ctx_set(c, &o->prefix, pre);
	ps_ctx_set(c, &o->exec_prefix, epre);
	ps_ctx_set(c, &o->base_prefix, g->R->has_base_prefix ? pre : NULL);
	ps_ctx_set(c, &o->base_exec_prefix, g->R->has_base_prefix ? epre : NULL);
	ps_ctx_set(c, &o->platlibdir, g->R->has_platlibdir ? g->platlibdir : NULL);
	ps_ctx_set(c, &o->stdlib_dir, setpath ? "" : g->prefix);
	ps_ctx_set(c, &o->platstdlib_dir, setpath ? "" : g->exec_dir);
	o->is_python_build = g->pfound < 0 || g->efound < 0;
	if (g->R->has_base_executable)
		ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_executable", o->base_executable,
			     "sys._base_executable = sys.executable (on Linux before 3.11, even in "
			     "a venv)");
	if (g->R->has_base_prefix) {
		ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_prefix", o->base_prefix,
			     "sys.base_prefix = sys.prefix (site.py may change sys.prefix later)");
		ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_exec_prefix", o->base_exec_prefix,
			     "sys.base_exec_prefix = sys.exec_prefix");
	}
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "module_search_paths", setpath
		     ? c->in->embed.setpath : g->msp.buf.s,
		     "sys.path before site.py and sys.path[0]: %zu entr%s",
		     o->module_search_paths.n, o->module_search_paths.n == 1 ? "y" : "ies");
	free(pre);
	free(epre);
}

static void gc_release(struct gc *g)
{
	char **owned[] = { &g->platlibdir, &g->lib_python, &g->zip_name, &g->dynload_fallback,
			   &g->program_name, &g->progpath, &g->argv0_path, &g->prefix,
			   &g->exec_dir, &g->zip_path };
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
		free(*owned[i]);
		*owned[i] = NULL;
	}
	ps_gp_joined_release(&g->msp);
}

int ps_getpath_c_run(struct ps_ctx *c)
{
	struct gc g;
	struct ps_getpath_out *o = &c->r->getpath;
	bool setpath = c->in->embed.present && c->in->embed.setpath;

	memset(&g, 0, sizeof g);
	g.c = c;
	g.R = c->rules;
	g.prefix_step = g.exec_step = g.argv0_step = -1;
	ps_gp_joined_init(&g.msp);

	s_config(&g);
	s_constants(&g);
	s_program(&g);
	if (c->oom || !g.progpath)
		goto out;
	if (s_argv0_path(&g) < 0 || c->oom)
		goto out;
	if (setpath) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "Py_SetPath",
			 "Py_SetPath() was called: no search at all");
		ps_gp_setpath(c, ':', o);
	} else {
		s_pyvenv(&g);
		s_prefix(&g);
		s_zip(&g);
		if (c->oom)
			goto out;
		s_exec_prefix(&g);
		if ((!g.pfound || !g.efound) && !c->oom)
			ps_warn(c, PS_PHASE_EXEC_PREFIX,
				"Consider setting $PYTHONHOME to <prefix>[:<exec_prefix>]");
		if (c->in->embed.present && c->in->embed.module_search_paths_set) {
			ps_gp_embed_paths(c, o);
		} else {
			s_search_path(&g);
			if (!c->oom)
				ps_gp_joined_split(c, &g.msp, ':', true, o);
		}
	}
	if (!c->oom)
		s_write_back(&g);
out:
	gc_release(&g);
	return c->oom ? -1 : 0;
}
