/*
 * getpath_pc.c - the path configuration of CPython 3.6-3.10 on Windows
 * (PC/getpathp.c), step by step, with every probe and decision recorded.
 *
 * Read from the C source of 3.6, 3.7, 3.8/3.9 and 3.10 (no Windows
 * interpreter runs here, so nothing below is confirmed on a real one):
 *
 *   get_program_full_path  GetModuleFileNameW(NULL), or __PYVENV_LAUNCHER__
 *                          (3.7.2+; 3.8+ keeps the real one as
 *                          base_executable); canonicalised from 3.7
 *   calculate_pth_file     <dll>._pth, else <exe>._pth: the first that
 *                          EXISTS is the one; if it opens, it alone is
 *                          sys.path, prefix = its directory, isolated
 *   calculate_pyvenv_file  argv0_path\pyvenv.cfg, else the parent's:
 *                          `home` replaces argv0_path (no `applocal`
 *                          since 3.6)
 *   zip                    the DLL's path (else the executable's) with .zip
 *   calculate_home_prefix  PYTHONHOME, else the zip's directory when the
 *                          zip exists, else lib\os.py(c) climbing from
 *                          argv0_path (the drive root included)
 *   calculate_module_search_path
 *                          PYTHONPATH; zip; HKCU then HKLM PythonPath
 *                          (the core value only without a home); the
 *                          PYTHONPATH macro ".\DLLs;.\lib" with "." made
 *                          home (raw when nothing better exists, left out
 *                          otherwise); argv0_path; then, with no prefix,
 *                          the entries scanned backwards for lib\os.py
 *
 * Differences between the versions are fields of struct ps_rules
 * (rules-int.h): pc_launcher, pc_registry_gated, pc_canonicalize,
 * pc_status_errors, pc_zip_exe_fallback, has_base_executable.
 *
 * String primitives, as the C code has them:
 *   join(a, b)     PathCchCombineEx: an absolute b wins, "\x" goes to a's
 *                  drive, one '\' between, "." and ".." collapsed
 *                  (ps_path_join2 on NT);
 *   reduce(s)      cut at the last '\' or '/' ("C:\x" -> "C:", "x" -> "");
 *   change_ext(s)  replace the extension of the last component (or add
 *                  one when it has none).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "getpath-int.h"

/* MAXPATHLEN of osdefs.h on Windows. */
#define PC_MAXPATHLEN 256
/* Reading more than this of a pyvenv.cfg or ._pth file makes no difference. */
#define PC_READ_LIMIT (1024 * 1024)
/* The landmark of search_for_prefix(). */
#define PC_LANDMARK "lib\\os.py"
/* The PYTHONPATH macro of PC/pyconfig.h. */
#define PC_MACRO ".\\DLLs;.\\lib"

static const char *const hive_names[2] = { "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE" };

struct pc {
	struct ps_ctx *c;
	const struct ps_rules *R;

	const char *home;           /* PYTHONHOME or the embedder's home, non-empty; borrowed */
	const char *home_src;
	const char *pythonpath_env; /* borrowed from c->pythonpath_env */
	char *winver;               /* registry version key */

	char *program_name;
	char *dll_path;             /* "" when there is no DLL */
	char *progpath;             /* program_full_path */
	char *base_exe;             /* 3.8+ launcher: the real executable; NULL otherwise */
	char *argv0_path;
	char *prefix;               /* "" until found */
	char *zip_path;             /* "" when none */
	char *found_home;           /* calculate->home after calculate_home_prefix, NULL none */
	char *user_path, *machine_path;
	long prefix_step, argv0_step, zip_step, home_step, exe_step;

	struct ps_gp_joined msp;
};

static bool is_sep(char ch)
{
	return ch == '\\' || ch == '/';
}

/* reduce(): cut s at its last separator, in place ("C:\x" -> "C:", "x" -> ""). */
static void reduce(char *s)
{
	size_t i = strlen(s);
	while (i > 0 && !is_sep(s[i]))
		i--;
	s[i] = '\0';
}

static char *reduced(struct pc *g, const char *s)
{
	char *r = ps_ctx_strdup(g->c, s);
	if (r)
		reduce(r);
	return r;
}

/* join(): PathCchCombineEx; yours. */
static char *join(struct pc *g, const char *a, const char *b)
{
	return ps_ctx_check(g->c, ps_path_join2(PS_PLATFORM_NT, a, b));
}

/*
 * change_ext(): the extension of src's last component replaced by ext (or
 * ext added when that component has none).  NULL (and no OOM) when src has
 * neither a '.' nor a separator after its first character, as the C code
 * fails then.  Yours.
 */
static char *change_ext(struct pc *g, const char *src, const char *ext)
{
	size_t len = strlen(src), i = len;
	char *out;
	while (i > 0 && src[i] != '.' && !is_sep(src[i]))
		i--;
	if (i == 0)
		return NULL;
	if (is_sep(src[i]))
		i = len;
	out = ps_ctx_printf(g->c, "%.*s%s", (int)i, src, ext);
	return out;
}

/* exists(): GetFileAttributesW, a file or a directory. */
static bool exists(struct pc *g, enum ps_phase ph, const char *path, const char *note)
{
	bool ok = ps_fs_exists(g->c->fs, path);
	ps_trace(g->c, ph, PS_OP_ISFILE, path, ok ? "true" : "false", "%s", note);
	return ok;
}

/* gotlandmark(): dir\lib\os.py exists, or dir\lib\os.pyc. */
static bool gotlandmark(struct pc *g, enum ps_phase ph, const char *dir, const char *why)
{
	char *f = join(g, dir, PC_LANDMARK), *fc;
	bool hit;
	if (!f)
		return false;
	hit = exists(g, ph, f, why);
	if (!hit) {
		fc = ps_ctx_printf(g->c, "%sc", f);
		hit = fc && exists(g, ph, fc, "no lib\\os.py there; is there a compiled os.pyc?");
		free(fc);
	}
	free(f);
	return hit;
}

/*
 * search_for_prefix(): from dir upwards (the drive root "C:" included)
 * until dir\lib\os.py(c) exists.  *out (yours) is the directory, or what
 * the C buffer holds when nothing was found: "".  An empty `from` still
 * tests "lib\os.py" once, relative to the working directory.
 */
static bool search_for_prefix(struct pc *g, enum ps_phase ph, const char *from, const char *why,
			      char **out)
{
	char *p = ps_ctx_strdup(g->c, from);
	*out = p;
	if (!p)
		return false;
	do {
		if (gotlandmark(g, ph, p, why))
			return true;
		reduce(p);
	} while (p[0] && !g->c->oom);
	return false;
}

/* fopen(path, "r") + fread, traced; Windows cannot open a directory.  0 or an errno. */
static int read_whole(struct pc *g, enum ps_phase ph, const char *path, char **data,
		      size_t *len, const char *note)
{
	int rc;
	char res[64];
	if (ps_fs_isdir(g->c->fs, path)) {
		rc = EACCES;
		*data = NULL;
	} else {
		rc = ps_fs_read_file(g->c->fs, path, PC_READ_LIMIT, data, len);
	}
	if (rc == ENOMEM)
		g->c->oom = true;
	if (rc == 0)
		snprintf(res, sizeof res, "ok %zu byte%s", *len, *len == 1 ? "" : "s");
	else
		snprintf(res, sizeof res, "%s", rc == ENOENT ? "ENOENT" : rc == EACCES ? "EACCES"
			 : rc == EFBIG ? "TOO_BIG" : rc == ENOTDIR ? "ENOTDIR" : "EIO");
	ps_trace(g->c, ph, PS_OP_READ, path, res, "%s%s", note,
		 rc == EACCES && ps_fs_isdir(g->c->fs, path)
		 ? " (a directory: Windows cannot open it as a file)" : "");
	return rc;
}

/* ------------------------------------------------------------------ */
/* Effective configuration                                             */
/* ------------------------------------------------------------------ */

static void s_config(struct pc *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_inputs *in = c->in;
	const struct ps_embed *em = &in->embed;

	ps_gp_c_config(c);
	if (ps_env_get(&in->env, "PYTHONEXECUTABLE"))
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "PYTHONEXECUTABLE is only read on macOS before 3.11");

	/* PYTHONPATH: gated by -E, an empty value is unset */
	if (em->present && em->pythonpath_env)
		ps_ctx_set(c, &c->pythonpath_env, em->pythonpath_env);
	else
		ps_ctx_set(c, &c->pythonpath_env, ps_ctx_env_gated(c, "PYTHONPATH"));
	g->pythonpath_env = c->pythonpath_env;

	/* calculate_home_prefix() treats an empty home as no home at all */
	if (em->present && em->home && *em->home) {
		g->home = em->home;
		g->home_src = "the embedding application's home (Py_SetPythonHome)";
	} else {
		g->home = ps_ctx_env_gated(c, "PYTHONHOME");
		g->home_src = "PYTHONHOME";
		if (!g->home && ps_ctx_env(c, "PYTHONHOME"))
			ps_trace(c, PS_PHASE_HOME, PS_OP_DECIDE, NULL, "ignored",
				 "PYTHONHOME=%s is ignored: the environment is not used (-E or -I)",
				 ps_ctx_env(c, "PYTHONHOME"));
		else if (ps_env_get(&in->env, "PYTHONHOME") && !g->home)
			ps_trace(c, PS_PHASE_HOME, PS_OP_DECIDE, NULL, "ignored",
				 "PYTHONHOME is empty: on Windows an empty home is no home");
	}
	if (in->build.winver && *in->build.winver)
		g->winver = ps_ctx_strdup(c, in->build.winver);
	else
		g->winver = ps_ctx_printf(c, "%d.%d", in->build.major, in->build.minor);
}

/* ------------------------------------------------------------------ */
/* The steps                                                           */
/* ------------------------------------------------------------------ */

/* get_progpath()'s fallback of 3.6, used when the scenario gives no executable. */
static char *progpath_fallback(struct pc *g)
{
	struct ps_ctx *c = g->c;
	const char *prog = g->program_name;
	const char *path_env = ps_env_get(&c->in->env, "PATH");

	if (strchr(prog, '\\') || strchr(prog, '/'))
		return ps_ctx_strdup(c, prog);
	if (path_env) {
		const char *p = path_env;
		for (;;) {
			const char *delim = strchr(p, ';');
			char *dir = delim ? ps_ctx_printf(c, "%.*s", (int)(delim - p), p)
				    : ps_ctx_strdup(c, p);
			char *cand = dir ? join(g, dir, prog) : NULL;
			free(dir);
			if (cand && exists(g, PS_PHASE_EXECUTABLE, cand, "PATH search for the "
					   "program name (get_progpath's fallback)"))
				return cand;
			free(cand);
			if (!delim || c->oom)
				break;
			p = delim + 1;
		}
	}
	return ps_ctx_strdup(c, "");
}

/* canonicalize(): PathCchCanonicalizeEx; yours. */
static char *canonical(struct pc *g, const char *p)
{
	if (!g->R->pc_canonicalize)
		return ps_ctx_strdup(g->c, p);
	return ps_ctx_check(g->c, ps_path_normpath(PS_PLATFORM_NT, p));
}

/* 1. program_full_path (and base_executable with the 3.8+ launcher), the DLL. */
static void s_program(struct pc *g)
{
	struct ps_ctx *c = g->c;
	const struct ps_inputs *in = c->in;
	const char *launcher = ps_env_get(&in->env, "__PYVENV_LAUNCHER__");
	char *real;

	if (in->embed.present && in->embed.program_name && *in->embed.program_name)
		g->program_name = ps_ctx_strdup(c, in->embed.program_name);
	else if (in->argv0 && *in->argv0)
		g->program_name = ps_ctx_strdup(c, in->argv0);
	else
		g->program_name = ps_ctx_strdup(c, "python");
	ps_trace_set(c, PS_PHASE_EXECUTABLE, "program_name", g->program_name,
		     "program name: %s", in->embed.present && in->embed.program_name &&
		     *in->embed.program_name ? "set by the embedding application"
		     : in->argv0 && *in->argv0 ? "argv[0] as typed" : "argv[0] is empty");
	if (!g->program_name)
		return;

	if (in->build.library && *in->build.library) {
		g->dll_path = ps_ctx_strdup(c, in->build.library);
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "dll_path", g->dll_path,
			     "GetModuleFileNameW() of the python DLL");
	} else {
		g->dll_path = ps_ctx_strdup(c, "");
		ps_trace_set(c, PS_PHASE_EXECUTABLE, "dll_path", "",
			     "no python DLL is given (python.library): the ._pth and zip names "
			     "come from the executable");
	}

	if (in->os_executable && *in->os_executable) {
		real = ps_ctx_strdup(c, in->os_executable);
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, real,
			 "GetModuleFileNameW(NULL): the executable of the process");
	} else {
		real = progpath_fallback(g);
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, ps_gp_str(real),
			 "the scenario gives no executable (invocation.executable, what "
			 "GetModuleFileNameW reports): pathscope uses the program name, "
			 "searched on PATH when it has no separator, as 3.6's fallback does");
	}
	if (!real)
		return;

	if (launcher && *launcher && g->R->pc_launcher == 1 && in->build.micro >= 0 &&
	    in->build.micro < 2) {
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "__PYVENV_LAUNCHER__ is not read by 3.7.%d (the venv launcher came with "
			 "3.7.2)", in->build.micro);
		launcher = NULL;
	}
	if (launcher && *launcher && g->R->pc_launcher) {
		if (g->R->pc_launcher >= 2) {
			g->base_exe = canonical(g, real);
			ps_trace_set(c, PS_PHASE_EXECUTABLE, "base_executable", g->base_exe,
				     "__PYVENV_LAUNCHER__ is set: the real executable is kept as "
				     "base_executable");
		}
		g->progpath = canonical(g, launcher);
		g->exe_step = ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->progpath,
					   "__PYVENV_LAUNCHER__=%s (set by the venv launcher "
					   "Scripts\\python.exe, read even under -E) replaces the "
					   "executable%s", launcher, g->R->pc_launcher >= 2
					   ? "; the variable is then removed from the environment" : "");
		if (g->R->pc_launcher >= 2)
			ps_ctx_set(c, &c->launcher_env_removed, launcher);
		free(real);
		return;
	}
	if (launcher && *launcher)
		ps_trace(c, PS_PHASE_EXECUTABLE, PS_OP_DECIDE, NULL, "ignored",
			 "__PYVENV_LAUNCHER__ is not read by %s on Windows (the venv launcher "
			 "came with 3.7.2)", g->R->name);
	g->progpath = canonical(g, real);
	g->exe_step = ps_trace_set(c, PS_PHASE_EXECUTABLE, "executable", g->progpath,
				   "sys.executable = the process's executable%s",
				   g->R->pc_canonicalize && g->progpath && strcmp(real, g->progpath)
				   ? ", canonicalised ('.' and '..' removed)" : "");
	free(real);
}

/* Start-up stops: a fatal error of the ._pth reader. */
static void pth_fatal(struct pc *g, const char *file, int line, const char *msg)
{
	struct ps_ctx *c = g->c;
	struct ps_result *r = c->r;
	r->has_fatal = true;
	/* abort() ends a Windows process with exit status 3 */
	r->fatal.exit_status = 3;
	ps_gp_take(&r->fatal.message, g->R->pc_status_errors
		   ? ps_ctx_printf(c, "read_pth_file: %s", msg) : ps_ctx_strdup(c, msg));
	ps_gp_take(&r->fatal.cause, ps_ctx_printf(c, "line %d of %s is an 'import' line other than "
						  "'import site'", line, file));
	ps_gp_take(&r->fatal.fix, ps_ctx_printf(c, "Remove line %d of %s (only 'import site' is "
						"allowed in a ._pth file).", line, file));
	ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, file, "fatal",
		 "line %d: 'Fatal Python error: %s%s' (%s): start-up stops", line,
		 g->R->pc_status_errors ? "read_pth_file: " : "", msg,
		 g->R->pc_status_errors ? "a PyStatus error" : "Py_FatalError");
}

/*
 * 2. calculate_pth_file(): the first of <dll>._pth and <exe>._pth that
 * exists.  Returns 1 when it defined sys.path, 0 when the search goes on,
 * -1 on a fatal error.
 */
static int s_pth(struct pc *g)
{
	struct ps_ctx *c = g->c;
	struct ps_getpath_out *o = &c->r->getpath;
	const char *srcs[2] = { g->dll_path, g->progpath };
	const char *what[2] = { "named after the python DLL (checked first)",
				"named after the executable" };
	char *file = NULL, *data = NULL, *dir;
	size_t len = 0, pos = 0;
	bool site = false;
	int rc, ln = 0;
	long step;

	for (int i = 0; i < 2 && !file; i++) {
		char *cand;
		if (!srcs[i] || !srcs[i][0])
			continue;
		cand = change_ext(g, srcs[i], "._pth");
		if (cand && exists(g, PS_PHASE_PTH, cand, what[i]))
			file = cand;
		else
			free(cand);
	}
	if (!file)
		return 0;
	rc = read_whole(g, PS_PHASE_PTH, file, &data, &len,
			"the ._pth file (the first that exists is the only one tried)");
	if (rc != 0 && rc != EFBIG) {
		ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, file, "not used",
			 "%s exists but cannot be opened: it is not used, and no other ._pth is "
			 "tried", file);
		free(file);
		return 0;
	}
	if (rc == EFBIG) {
		ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, file, "not parsed",
			 "larger than 1 MiB: pathscope does not read it (CPython would)");
		free(file);
		return 0;
	}

	dir = reduced(g, file);
	ps_gp_take(&g->prefix, dir);
	c->isolated = true;
	c->pth_file_used = true;
	step = ps_trace_set(c, PS_PHASE_PTH, "prefix", g->prefix,
			    "%s opened: it alone defines sys.path, its directory is the prefix, "
			    "isolated mode is on and site is off unless it says 'import site'", file);
	while (pos < len && !c->oom) {
		size_t n = 0;
		char *line, *p;
		ln++;
		/* fgets with a MAXPATHLEN+1 buffer: a longer line is read in pieces */
		while (pos + n < len && n < PC_MAXPATHLEN && data[pos + n] != '\n')
			n++;
		if (pos + n < len && n < PC_MAXPATHLEN && data[pos + n] == '\n')
			n++;
		line = ps_ctx_printf(c, "%.*s", (int)n, data + pos);
		pos += n;
		if (!line)
			break;
		if (!line[0] || line[0] == '\r' || line[0] == '\n' || line[0] == '#') {
			ps_pth_push(c, file, ln, line, line[0] == '#' ? PS_PTH_COMMENT : PS_PTH_BLANK,
				    NULL);
			free(line);
			continue;
		}
		/* cut at the first CR or LF after the first character */
		for (p = line + 1; *p; p++)
			if (*p == '\r' || *p == '\n') {
				*p = '\0';
				break;
			}
		if (strcmp(line, "import site") == 0) {
			site = true;
			ps_pth_push(c, file, ln, line, PS_PTH_IMPORT,
				    "site is imported (even under -S)");
		} else if (strncmp(line, "import ", 7) == 0) {
			ps_pth_push(c, file, ln, line, PS_PTH_ERROR,
				    "only 'import site' is supported in ._pth file");
			pth_fatal(g, file, ln, "only 'import site' is supported in ._pth file");
			free(line);
			free(data);
			free(file);
			return -1;
		} else {
			char *e = join(g, g->prefix, line);
			if (e) {
				if (g->msp.npieces)
					ps_buf_addc(&g->msp.buf, ';');
				ps_gp_joined_add(c, &g->msp, e, PS_ORIGIN_PTH_FILE, step,
						     ps_ctx_printf(c, "line %d of %s ('%s'), joined to the file's "
								   "directory", ln, file, line));
				ps_pth_push(c, file, ln, line, PS_PTH_ADDED, "%s", e);
			}
			free(e);
		}
		free(line);
	}
	free(data);
	c->site_import = site;
	ps_trace(c, PS_PHASE_PTH, PS_OP_DECIDE, file, site ? "site on" : "site off",
		 "%s", site ? "'import site' in the file: site.py runs (this overrides -S)"
		 : "no 'import site' line: site.py does not run");
	if (!g->msp.npieces)
		ps_gp_joined_add(c, &g->msp, "", PS_ORIGIN_PTH_FILE, step,
				     ps_ctx_printf(c, "%s has no path lines: the search path string is empty, "
						   "which becomes one empty entry", file));
	ps_gp_joined_split(c, &g->msp, ';', false, o);
	free(file);
	return 1;
}

/* 3. calculate_pyvenv_file(): argv0_path\pyvenv.cfg, else one level up. */
static void s_pyvenv(struct pc *g)
{
	struct ps_ctx *c = g->c;
	char *path, *data = NULL, *home, *why = NULL, *up;
	size_t len = 0;
	int rc, line = 0;

	path = join(g, g->argv0_path, "pyvenv.cfg");
	if (!path)
		return;
	rc = read_whole(g, PS_PHASE_VENV, path, &data, &len,
			"pyvenv.cfg in the executable's directory (read first)");
	if (rc != 0 && rc != EFBIG && !c->oom) {
		up = reduced(g, path);
		if (up)
			reduce(up);
		ps_gp_take(&path, up ? join(g, up, "pyvenv.cfg") : NULL);
		free(up);
		if (!path)
			return;
		rc = read_whole(g, PS_PHASE_VENV, path, &data, &len, "pyvenv.cfg one level up");
	}
	if (rc == EFBIG) {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "not parsed",
			 "larger than 1 MiB: pathscope does not scan it");
		free(path);
		return;
	}
	if (rc != 0) {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, NULL, "no venv",
			 "no pyvenv.cfg could be opened in either place");
		free(path);
		return;
	}
	home = ps_c_find_env_value(c, data, len, PC_MAXPATHLEN * 2 + 1, "home", &line, &why);
	{
		int aline = 0;
		char *awhy = NULL;
		char *applocal = ps_c_find_env_value(c, data, len, PC_MAXPATHLEN * 2 + 1,
						     "applocal", &aline, &awhy);
		if (applocal)
			ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "ignored",
				 "line %d 'applocal = %s' is ignored: 3.6 removed the option "
				 "(the registry is still read)", aline, applocal);
		free(applocal);
		free(awhy);
	}
	free(data);
	if (home) {
		ps_gp_take(&g->argv0_path, home);
		g->argv0_step = ps_trace_set(c, PS_PHASE_VENV, "argv0_path", g->argv0_path,
					     "line %d of %s is 'home = %s': the searches start "
					     "there, and it is the last sys.path entry", line, path,
					     g->argv0_path);
	} else {
		ps_trace(c, PS_PHASE_VENV, PS_OP_DECIDE, path, "no home",
			 "%s has no usable 'home = VALUE' line (the key is case-sensitive, needs "
			 "spaces around '=' and a final newline)%s%s; the parent's pyvenv.cfg "
			 "is not tried", path, why ? "; " : "", why ? why : "");
	}
	free(why);
	free(path);
}

/* 4. The zip archive: the DLL's path (else the executable's) with .zip. */
static void s_zip(struct pc *g)
{
	struct ps_ctx *c = g->c;
	const char *src = g->dll_path[0] ? g->dll_path : g->progpath;
	char *z = change_ext(g, src, ".zip");
	if (!z && !c->oom && g->dll_path[0] && g->R->pc_zip_exe_fallback) {
		src = g->progpath;
		z = change_ext(g, src, ".zip");
	}
	if (c->oom)
		return;
	g->zip_path = z ? z : ps_ctx_strdup(c, "");
	g->zip_step = ps_trace_set(c, PS_PHASE_PREFIX, "zip_path", g->zip_path,
				   "%s%s with its extension replaced by .zip", z ? "" : "no name: ",
				   g->dll_path[0] && src == g->dll_path ? "the DLL's path"
				   : "the executable's path");
}

/* 5. calculate_home_prefix(). */
static void s_home_prefix(struct pc *g)
{
	struct ps_ctx *c = g->c;
	char *p;

	if (g->home) {
		g->prefix = ps_ctx_strdup(c, g->home);
		g->found_home = ps_ctx_strdup(c, g->home);
		g->prefix_step = ps_trace_set(c, PS_PHASE_HOME, "prefix", g->prefix,
					      "%s=%s: believed without any check", g->home_src,
					      g->home);
		return;
	}
	if (g->zip_path[0] && exists(g, PS_PHASE_PREFIX, g->zip_path,
				     "the zip archive: if it exists, its directory is home")) {
		g->prefix = reduced(g, g->zip_path);
		g->found_home = ps_ctx_strdup(c, g->prefix);
		g->prefix_step = ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix,
					      "%s exists: its directory is home and prefix",
					      g->zip_path);
		return;
	}
	if (search_for_prefix(g, PS_PHASE_PREFIX, g->argv0_path,
			      "stdlib landmark lib\\os.py, climbing from argv0_path", &p)) {
		g->prefix = p;
		g->found_home = ps_ctx_strdup(c, p);
		g->prefix_step = ps_trace_set(c, PS_PHASE_PREFIX, "prefix", p,
					      "found lib\\os.py (or os.pyc) under '%s': home and "
					      "prefix", p);
		return;
	}
	g->prefix = p ? p : ps_ctx_strdup(c, "");
	ps_trace(c, PS_PHASE_PREFIX, PS_OP_DECIDE, NULL, "no home",
		 "no lib\\os.py from %s up to its drive root: no home (the registry's core "
		 "path is used, and the prefix is looked for on the search path later)",
		 g->argv0_path);
}

/*
 * getpythonregpath(): the default values of the PythonPath key's subkeys
 * (in enumeration order, taken as case-insensitive name order), joined
 * with ';', then - unless skipcore - the key's own default value.  NULL
 * (yours otherwise) when the key is absent, nothing is there, or the core
 * value is wanted but missing (RegQueryValueExW fails: all is dropped).
 */
static char *regpath(struct pc *g, int hive, bool skipcore)
{
	struct ps_ctx *c = g->c;
	char *keyname = ps_ctx_printf(c, "Software\\Python\\PythonCore\\%s\\PythonPath",
				      g->winver);
	struct ps_gp_regkey k;
	struct ps_buf out;
	char *res = NULL, *full;

	if (!keyname)
		return NULL;
	full = ps_ctx_printf(c, "%s\\%s", hive_names[hive], keyname);
	ps_gp_reg_read(c, hive, keyname, &k);
	if (!k.exists) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "no key",
			 "registry: no %s\\%s key", hive_names[hive], keyname);
		goto done;
	}
	ps_buf_init(&out);
	for (size_t j = 0; j < k.nsubs; j++) {
		const struct ps_gp_regsub *sub = &k.subs[j];
		char *implied = sub->key ? NULL : ps_ctx_printf(c, "%s\\%s", ps_gp_str(full),
								sub->name);
		if (j)
			ps_buf_addc(&out, ';');
		ps_buf_adds(&out, sub->value);
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_READ, sub->key ? sub->key : implied,
			 sub->value, "registry: an application path (a subkey's default value)");
		free(implied);
	}
	if (!skipcore) {
		if (!k.core) {
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "dropped",
				 "registry: %s\\%s has no default value (the core path): reading "
				 "it fails and nothing from this hive is used", hive_names[hive],
				 keyname);
			ps_buf_release(&out);
			goto done;
		}
		if (k.nsubs)
			ps_buf_addc(&out, ';');
		ps_buf_adds(&out, k.core);
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_READ, full, k.core,
			 "registry %s: the core path (read because no home was found)",
			 hive_names[hive]);
	} else if (k.core) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, full, "ignored",
			 "registry %s: the core path is skipped because a home is known",
			 hive_names[hive]);
	}
	if (out.oom)
		c->oom = true;
	if (!k.nsubs && skipcore)
		ps_buf_release(&out);
	else
		res = ps_buf_detach(&out);
done:
	ps_gp_reg_release(&k);
	free(keyname);
	free(full);
	return res;
}

/* The PYTHONPATH macro, compile-time (PC/pyconfig.h), or the scenario's. */
static const char *macro(struct pc *g)
{
	const char *m = g->c->in->build.pythonpath_macro;
	return m ? m : PC_MACRO;
}

/* 6. calculate_module_search_path(). */
static void s_search_path(struct pc *g)
{
	struct ps_ctx *c = g->c;
	bool skiphome = g->found_home != NULL, skipdefault;
	const char *def = macro(g);

	if (g->R->pc_registry_gated && !c->use_environment) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "skipped",
			 "the registry is not read: the environment is ignored (-E or -I)");
	} else {
		if (!g->R->pc_registry_gated && !c->use_environment)
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "read",
				 "%s reads the registry even under -E/-I (3.8 stopped that)",
				 g->R->name);
		g->machine_path = regpath(g, PS_GP_HKLM, skiphome);
		g->user_path = regpath(g, PS_GP_HKCU, skiphome);
	}
	skipdefault = g->pythonpath_env || g->found_home || g->machine_path || g->user_path;

	if (g->pythonpath_env) {
		ps_gp_joined_add(c, &g->msp, g->pythonpath_env, PS_ORIGIN_PYTHONPATH, -1,
				     ps_ctx_printf(c, "from PYTHONPATH, used as typed"));
		ps_buf_addc(&g->msp.buf, ';');
	}
	if (g->zip_path[0]) {
		ps_gp_joined_add(c, &g->msp, g->zip_path, PS_ORIGIN_STDLIB_ZIP, g->zip_step,
				     ps_ctx_printf(c, "the stdlib zip, next to the %s, listed even when absent",
						   g->dll_path[0] ? "DLL" : "executable"));
		ps_buf_addc(&g->msp.buf, ';');
	}
	if (g->user_path) {
		ps_gp_joined_add(c, &g->msp, g->user_path, PS_ORIGIN_REGISTRY, -1,
				     ps_ctx_printf(c, "registry HKEY_CURRENT_USER\\Software\\Python\\PythonCore"
						   "\\%s\\PythonPath", g->winver));
		ps_buf_addc(&g->msp.buf, ';');
	}
	if (g->machine_path) {
		ps_gp_joined_add(c, &g->msp, g->machine_path, PS_ORIGIN_REGISTRY, -1,
				     ps_ctx_printf(c, "registry HKEY_LOCAL_MACHINE\\Software\\Python\\PythonCore"
						   "\\%s\\PythonPath", g->winver));
		ps_buf_addc(&g->msp.buf, ';');
	}
	if (!g->found_home) {
		if (!skipdefault) {
			ps_gp_joined_add(c, &g->msp, def, PS_ORIGIN_MACRO, -1,
					     ps_ctx_printf(c, "the compile-time PYTHONPATH '%s' as it is "
							   "(relative): no home, no PYTHONPATH and no registry "
							   "path", def));
			ps_buf_addc(&g->msp.buf, ';');
		} else {
			ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "left out",
				 "no home: the compile-time PYTHONPATH '%s' is left out because "
				 "%s gives something better", def, g->pythonpath_env ? "PYTHONPATH"
				 : "the registry");
		}
	} else {
		for (;;) {
			const char *q = strchr(def, ';');
			size_t n = q ? (size_t)(q - def) : strlen(def);
			struct ps_buf e;
			bool dot = def[0] == '.' && is_sep(def[1]);
			const char *rest = dot ? def + 1 : def;
			size_t rn = dot ? n - 1 : n;
			enum ps_origin origin = PS_ORIGIN_MACRO;
			ps_buf_init(&e);
			if (dot)
				ps_buf_adds(&e, g->found_home);
			ps_buf_add(&e, rest, rn);
			if (e.oom)
				c->oom = true;
			if (rn == 4 && !strncasecmp(rest + 1, "lib", 3) && is_sep(rest[0]))
				origin = PS_ORIGIN_STDLIB;
			else if (rn == 5 && !strncasecmp(rest + 1, "DLLs", 4) && is_sep(rest[0]))
				origin = PS_ORIGIN_PLATSTDLIB;
			ps_gp_joined_add(c, &g->msp, e.s, origin, g->prefix_step,
					     ps_ctx_printf(c, "compile-time PYTHONPATH entry '%.*s'%s", (int)n, def,
							   dot ? ", its leading '.' replaced by home (text "
							   "concatenation)" : ""));
			ps_buf_release(&e);
			ps_buf_addc(&g->msp.buf, ';');
			if (!q)
				break;
			def = q + 1;
		}
	}
	ps_gp_joined_add(c, &g->msp, g->argv0_path, PS_ORIGIN_PLATSTDLIB, g->argv0_step,
			     ps_ctx_printf(c, "argv0_path: %s", g->argv0_step >= 0 &&
					   c->r->trace[g->argv0_step].phase == PS_PHASE_VENV
					   ? "the 'home' of pyvenv.cfg" : "the executable's directory"));
	if (g->msp.buf.oom)
		c->oom = true;
}

/* 7. No prefix yet: scan the entries backwards for a parent holding lib\os.py. */
static void s_prefix_scan(struct pc *g)
{
	struct ps_ctx *c = g->c;
	const char *s = g->msp.buf.s;
	size_t end = g->msp.buf.len;

	if (g->prefix && g->prefix[0])
		return;
	ps_trace(c, PS_PHASE_PREFIX, PS_OP_DECIDE, NULL, "scan",
		 "the prefix is still empty: the entries are scanned from the last one "
		 "back, each one's parent searched upwards for lib\\os.py");
	for (;;) {
		size_t start = end;
		char *entry, *found = NULL;
		bool hit;
		while (start > 0 && s[start - 1] != ';')
			start--;
		entry = ps_ctx_printf(c, "%.*s", (int)(end - start), s + start);
		if (!entry)
			return;
		reduce(entry);
		hit = search_for_prefix(g, PS_PHASE_PREFIX, entry, "looking for the prefix above "
					"a search path entry", &found);
		free(entry);
		if (hit) {
			ps_gp_take(&g->prefix, found);
			g->prefix_step = ps_trace_set(c, PS_PHASE_PREFIX, "prefix", g->prefix,
						      "lib\\os.py found under '%s': the prefix%s",
						      g->prefix, g->prefix && !g->prefix[0]
						      ? " (an empty entry's parent is '': the file was "
						      "found relative to the working directory, and the "
						      "prefix stays empty)" : "");
			return;
		}
		free(found);
		if (start == 0 || c->oom)
			break;
		end = start - 1;
	}
	ps_trace_set(c, PS_PHASE_PREFIX, "prefix", "",
		     "no entry leads to lib\\os.py: sys.prefix is ''");
}

/* Py_SetPath(): the string is the search path, prefix and exec_prefix are ''. */
static void s_setpath(struct pc *g, struct ps_getpath_out *o)
{
	struct ps_ctx *c = g->c;
	ps_gp_setpath(c, ';', o);
	ps_gp_take(&g->prefix, ps_ctx_strdup(c, ""));
	ps_trace_set(c, PS_PHASE_PREFIX, "prefix", "", "Py_SetPath(): prefix = ''");
}

/* 8. The write-back: exec_prefix is always the prefix on Windows. */
static void s_write_back(struct pc *g)
{
	struct ps_ctx *c = g->c;
	struct ps_getpath_out *o = &c->r->getpath;
	const char *pre = g->prefix ? g->prefix : "";
	const char *base = g->base_exe ? g->base_exe : g->progpath;

	ps_ctx_set(c, &o->program_name, g->program_name);
	ps_ctx_set(c, &o->home, g->home);
	ps_ctx_set(c, &o->executable, g->progpath);
	ps_ctx_set(c, &o->base_executable, g->R->has_base_executable ? base : NULL);
	ps_ctx_set(c, &o->prefix, pre);
	ps_ctx_set(c, &o->exec_prefix, pre);
	ps_ctx_set(c, &o->base_prefix, pre);
	ps_ctx_set(c, &o->base_exec_prefix, pre);
	if (g->R->has_platlibdir)
		ps_ctx_set(c, &o->platlibdir, c->in->build.platlibdir && *c->in->build.platlibdir
			   ? c->in->build.platlibdir : "lib");
	ps_ctx_set(c, &o->stdlib_dir, NULL);
	ps_ctx_set(c, &o->platstdlib_dir, NULL);
	ps_trace_set(c, PS_PHASE_EXEC_PREFIX, "exec_prefix", pre,
		     "sys.exec_prefix = sys.prefix (always on Windows)");
	if (g->R->has_base_executable)
		ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_executable", o->base_executable,
			     "sys._base_executable = %s", g->base_exe
			     ? "the real executable (the venv launcher's target)"
			     : "sys.executable");
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "base_prefix", pre,
		     "sys.base_prefix = sys.prefix (site.py may change sys.prefix later)");
	ps_trace_set(c, PS_PHASE_SEARCH_PATH, "module_search_paths",
		     c->in->embed.present && c->in->embed.setpath ? c->in->embed.setpath : g->msp.buf.s,
		     "sys.path before site.py and sys.path[0]: %zu entr%s",
		     o->module_search_paths.n, o->module_search_paths.n == 1 ? "y" : "ies");
}

static void pc_release(struct pc *g)
{
	char **owned[] = { &g->winver, &g->program_name, &g->dll_path, &g->progpath,
			   &g->base_exe, &g->argv0_path, &g->prefix, &g->zip_path,
			   &g->found_home, &g->user_path, &g->machine_path };
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
		free(*owned[i]);
		*owned[i] = NULL;
	}
	ps_gp_joined_release(&g->msp);
}

int ps_getpath_pc_run(struct ps_ctx *c)
{
	struct pc g;
	struct ps_getpath_out *o = &c->r->getpath;
	const struct ps_embed *em = &c->in->embed;
	int rc;

	memset(&g, 0, sizeof g);
	g.c = c;
	g.R = c->rules;
	g.prefix_step = g.argv0_step = g.zip_step = g.home_step = g.exe_step = -1;
	ps_gp_joined_init(&g.msp);

	s_config(&g);
	s_program(&g);
	if (c->oom || !g.progpath || !g.dll_path)
		goto out;
	g.argv0_path = reduced(&g, g.progpath);
	g.argv0_step = ps_trace_set(c, PS_PHASE_EXECUTABLE, "argv0_path", g.argv0_path,
				    "the executable's directory (no symlinks are followed on "
				    "Windows)");
	g.prefix = ps_ctx_strdup(c, "");
	if (em->present && em->setpath) {
		ps_trace(c, PS_PHASE_SEARCH_PATH, PS_OP_DECIDE, NULL, "Py_SetPath",
			 "Py_SetPath() was called: no search at all");
		s_setpath(&g, o);
		goto write;
	}
	rc = s_pth(&g);
	if (rc < 0 || c->oom)
		goto out;
	if (rc == 0) {
		s_pyvenv(&g);
		s_zip(&g);
		if (c->oom)
			goto out;
		free(g.prefix);
		g.prefix = NULL;
		s_home_prefix(&g);
		if (c->oom)
			goto out;
		if (em->present && em->module_search_paths_set) {
			ps_gp_embed_paths(c, o);
		} else {
			s_search_path(&g);
			if (!c->oom)
				s_prefix_scan(&g);
			if (!c->oom)
				ps_gp_joined_split(c, &g.msp, ';', false, o);
		}
	}
write:
	if (!c->oom)
		s_write_back(&g);
out:
	pc_release(&g);
	return c->oom ? -1 : 0;
}
