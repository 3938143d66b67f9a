/*
 * session.c - builds the model's inputs from the command line and the real
 * system (or a scenario), and runs the model.  This is where pathscope's
 * own environment, working directory and user database are read: the
 * engine never reads them itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "session.h"
#include "util.h"

extern char **environ;

#define DEFAULT_PYTHON "python3"
#define DEFAULT_COMMAND "pass"
#define ASK_TIMEOUT_MS 15000

static void xcheck(int rc)
{
	if (rc < 0)
		die_oom();
}

static void xset(char **field, const char *value)
{
	xcheck(ps_set_str(field, value));
}

/* Frees the compiled-in values so detection can start again; keeps the version when forced. */
static void build_reset(struct ps_build *b, bool keep_version)
{
	int major = b->major, minor = b->minor;

	free(b->prefix);
	free(b->exec_prefix);
	free(b->platlibdir);
	free(b->vpath);
	free(b->abi_thread);
	free(b->library);
	free(b->winver);
	free(b->pythonpath_macro);
	memset(b, 0, sizeof(*b));
	b->micro = -1;
	b->debian_site = -1;
	b->platform = PS_PLATFORM_POSIX;
	if (keep_version) {
		b->major = major;
		b->minor = minor;
	}
}

static void apply_envops(const struct ps_cli *cli, struct ps_strv *env)
{
	size_t i;

	for (i = 0; i < cli->nenvops; i++) {
		const struct ps_cli_envop *op = &cli->envops[i];

		if (op->value)
			xcheck(ps_env_set(env, op->name, op->value));
		else
			ps_env_unset(env, op->name);
	}
}

static void apply_run(const struct ps_cli *cli, struct ps_inputs *in)
{
	if (!cli->run_given)
		return;
	in->run.kind = cli->run_kind;
	xset(&in->run.arg, cli->run_arg);
}

/* The modelled cwd: --cwd made absolute against the process's cwd, or the process's cwd. Yours. */
static int resolve_cwd(const char *given, char **out, struct ps_error *err)
{
	char *real = NULL;

	*out = NULL;
	if (!given || !ps_path_isabs(PS_PLATFORM_POSIX, given)) {
		real = getcwd(NULL, 0);
		if (!real) {
			ps_error_set(err, PS_ERR_IO, "cannot get the current directory: %s", strerror(errno));
			return -1;
		}
		if (!given) {
			*out = real;
			return 0;
		}
	}
	*out = ps_path_abspath(PS_PLATFORM_POSIX, real ? real : "/", given);
	free(real);
	if (!*out)
		die_oom();
	return 0;
}

/* ------------------------------------------------------------------ */
/* --ask: run the interpreter once to learn its build                   */
/* ------------------------------------------------------------------ */

/*
 * Written for every Python from 2.7 on: key=value lines, "None" for unset
 * config variables.
 */
static const char ask_code[] =
	"import sys, sysconfig\n"
	"v = sysconfig.get_config_var\n"
	"sys.stdout.write('version=%d.%d.%d\\n' % tuple(sys.version_info[:3]))\n"
	"for k in ('prefix', 'exec_prefix', 'PLATLIBDIR', 'VPATH', 'ABIFLAGS', 'LIBDIR',\n"
	"          'LDLIBRARY', 'INSTSONAME', 'Py_ENABLE_SHARED', 'Py_GIL_DISABLED'):\n"
	"    sys.stdout.write('%s=%s\\n' % (k, v(k)))\n"
	"sys.stdout.write('executable=%s\\n' % sys.executable)\n";

/*
 * Runs prog with args and the modelled environment, collecting stdout.
 * Returns the exit status (>= 0), or -1 with err set.  *out is yours.
 */
static int run_capture(const char *prog, char *const argv[], char *const envp[], char **out,
		       struct ps_error *err)
{
	int pfd[2], status = 0, waited = 0;
	struct ps_buf buf;
	pid_t pid;

	*out = NULL;
	if (pipe(pfd) < 0) {
		ps_error_set(err, PS_ERR_IO, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		ps_error_set(err, PS_ERR_IO, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		int devnull = open("/dev/null", O_WRONLY);

		/* stdout is ours to parse; stderr (usage of a Python without -I ...) is not shown */
		if (dup2(pfd[1], 1) < 0 || devnull < 0 || dup2(devnull, 2) < 0)
			_exit(127);
		close(pfd[1]);
		close(devnull);
		execve(prog, argv, envp);
		_exit(127);
	}
	close(pfd[1]);
	ps_buf_init(&buf);
	for (;;) {
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };
		char chunk[4096];
		ssize_t n;
		int pr = poll(&p, 1, ASK_TIMEOUT_MS);

		if (pr == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			close(pfd[0]);
			ps_buf_release(&buf);
			ps_error_set(err, PS_ERR_IO, "%s did not answer within %d seconds", prog,
				     ASK_TIMEOUT_MS / 1000);
			return -1;
		}
		if (pr < 0 && errno == EINTR)
			continue;
		n = read(pfd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		ps_buf_add(&buf, chunk, (size_t)n);
	}
	close(pfd[0]);
	while ((waited = (int)waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	xbuf_check(&buf);
	*out = ps_buf_detach(&buf);
	if (!*out)
		die_oom();
	if (waited < 0)
		return 127;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static const char *kv_get(const struct ps_strv *lines, const char *key)
{
	size_t i, n = strlen(key);

	for (i = 0; i < lines->n; i++)
		if (!strncmp(lines->v[i], key, n) && lines->v[i][n] == '=')
			return lines->v[i] + n + 1;
	return NULL;
}

static void add_note(struct ps_detect *d, const char *what, const char *value, const char *source)
{
	struct ps_detect_note *nn;

	d->notes = xrealloc(d->notes, (d->nnotes + 1) * sizeof(*d->notes));
	nn = &d->notes[d->nnotes++];
	nn->what = xstrdup(what);
	nn->value = xstrdup(value ? value : "");
	nn->source = xstrdup(source);
}

/* A config var that Python printed as None or empty counts as unset. */
static const char *kv_val(const struct ps_strv *lines, const char *key)
{
	const char *v = kv_get(lines, key);

	return (v && strcmp(v, "None") != 0) ? v : NULL;
}

/*
 * --ask: the user allowed pathscope to run the interpreter.  prog is the
 * real binary when detection identified it, else what argv0 names on the
 * modelled PATH.  Fills the build fields from sysconfig.
 */
static int ask_interpreter(struct ps_session *s, const char *prog, struct ps_error *err)
{
	struct ps_build *b = &s->in.build;
	char *out = NULL, *source;
	const char *v;
	struct ps_strv lines;
	int rc, major, minor, micro;
	/* execve wants char *const[]: writable copies avoid casting const away */
	char a_i[] = "-I", a_e[] = "-E", a_s[] = "-s", a_S[] = "-S", a_c[] = "-c";
	char *code = xstrdup(ask_code), *p = xstrdup(prog);
	char *argv_i[] = { p, a_i, a_S, a_c, code, NULL };
	char *argv_e[] = { p, a_e, a_s, a_S, a_c, code, NULL };

	fprintf(stderr, "pathscope: --ask: running %s -I -S -c ... to read its build configuration\n",
		prog);
	rc = run_capture(prog, argv_i, s->in.env.v, &out, err);
	if (rc == 2) {
		/* Python 2 has no -I: -E -s -S is the closest */
		free(out);
		rc = run_capture(prog, argv_e, s->in.env.v, &out, err);
	}
	free(code);
	free(p);
	if (rc < 0)
		return -1;
	ps_strv_init(&lines);
	xcheck(ps_strv_split(&lines, out, '\n'));
	free(out);
	v = kv_get(&lines, "version");
	if (rc != 0 || !v || sscanf(v, "%d.%d.%d", &major, &minor, &micro) != 3) {
		ps_error_set(err, PS_ERR_IO, "--ask: %s exited with status %d without reporting its version",
			     prog, rc);
		ps_strv_release(&lines);
		return -1;
	}
	source = xasprintf("%s -I -S -c (sysconfig, --ask)", prog);
	s->asked = true;
	if (!s->rules_forced || b->major == 0) {
		b->major = major;
		b->minor = minor;
	}
	b->micro = micro;
	add_note(&s->detect, "version", v, source);
	if ((v = kv_val(&lines, "prefix"))) {
		xset(&b->prefix, v);
		add_note(&s->detect, "prefix", v, source);
	}
	if ((v = kv_val(&lines, "exec_prefix"))) {
		xset(&b->exec_prefix, v);
		add_note(&s->detect, "exec_prefix", v, source);
	}
	if ((v = kv_val(&lines, "PLATLIBDIR"))) {
		xset(&b->platlibdir, v);
		add_note(&s->detect, "platlibdir", v, source);
	}
	if ((v = kv_get(&lines, "VPATH"))) {
		xset(&b->vpath, strcmp(v, "None") ? v : "");
		add_note(&s->detect, "vpath", b->vpath, source);
	}
	if ((v = kv_val(&lines, "Py_GIL_DISABLED")) && !strcmp(v, "1")) {
		xset(&b->abi_thread, "t");
		add_note(&s->detect, "abi_thread", "t", source);
	}
	if ((v = kv_val(&lines, "Py_ENABLE_SHARED")) && !strcmp(v, "1")) {
		/* INSTSONAME is the name the loader opens (libpython3.12.so.1.0), LDLIBRARY the link-time one */
		const char *libdir = kv_val(&lines, "LIBDIR"), *ld = kv_val(&lines, "INSTSONAME");

		if (!ld)
			ld = kv_val(&lines, "LDLIBRARY");

		if (libdir && ld) {
			char *lib = xasprintf("%s/%s", libdir, ld);

			free(b->library);
			b->library = lib;
			add_note(&s->detect, "library", lib, source);
		}
	}
	if (!s->detect.interpreter && (v = kv_val(&lines, "executable")))
		xset(&s->detect.interpreter, v);
	free(source);
	ps_strv_release(&lines);
	return 0;
}

/* Finds a bare name on the modelled PATH, for --ask when detection failed. Yours or NULL. */
static char *which(const struct ps_session *s, const char *name)
{
	const char *path = ps_env_get(&s->in.env, "PATH");
	struct ps_strv dirs;
	char *hit = NULL;
	size_t i;

	if (strchr(name, '/'))
		return ps_path_abspath(PS_PLATFORM_POSIX, s->in.cwd, name);
	if (!path)
		return NULL;
	ps_strv_init(&dirs);
	xcheck(ps_strv_split(&dirs, path, ':'));
	for (i = 0; i < dirs.n && !hit; i++) {
		char *dir = ps_path_abspath(PS_PLATFORM_POSIX, s->in.cwd, dirs.v[i][0] ? dirs.v[i] : ".");
		char *cand = dir ? ps_path_join2(PS_PLATFORM_POSIX, dir, name) : NULL;

		if (!cand)
			die_oom();
		if (ps_fs_isxfile(&s->base_fs, cand))
			hit = cand;
		else
			free(cand);
		free(dir);
	}
	ps_strv_release(&dirs);
	return hit;
}

/* Detection (and --ask) for the interpreter currently in s->in.argv0. */
static int detect(struct ps_session *s, struct ps_error *err)
{
	struct ps_error derr;
	int rc;

	ps_error_init(&derr);
	ps_detect_release(&s->detect);
	ps_detect_init(&s->detect);
	s->asked = false;
	rc = ps_detect_build(&s->in, &s->base_fs, &s->detect, &derr);
	s->detected = true;
	if (rc == 0 && !(s->cli && s->cli->ask))
		return 0;
	if (s->cli && s->cli->ask) {
		/*
		 * The user allowed running it: ask the real binary if we know it,
		 * else whatever argv0 runs (a launcher we could not follow).
		 */
		char *prog = s->detect.interpreter ? xstrdup(s->detect.interpreter)
						    : which(s, s->in.argv0);

		if (!prog) {
			if (rc < 0) {
				*err = derr;
				return -1;
			}
			ps_error_set(err, PS_ERR_INVAL, "--ask: '%s' not found on the modelled PATH",
				     s->in.argv0);
			return -1;
		}
		if (ask_interpreter(s, prog, err) < 0) {
			free(prog);
			return -1;
		}
		if (rc < 0 && s->detect.is_launcher && !s->detect.launcher_target) {
			/*
			 * The launcher's target is unknown without running it: model
			 * the interpreter as started by its own full path, which is
			 * what sys.executable reported.
			 */
			xset(&s->in.argv0, s->detect.interpreter);
			add_note(&s->detect, "launcher", s->detect.interpreter,
				 "sys.executable reported by the interpreter (--ask)");
		}
		free(prog);
		return 0;
	}
	*err = derr;
	return -1;
}

static int open_real(const struct ps_cli *cli, struct ps_session *s, struct ps_error *err)
{
	struct ps_inputs *in = &s->in;
	struct passwd *pw;
	char **e;

	if (!cli->clean_env)
		for (e = environ; *e; e++)
			if (strchr(*e, '='))
				xcheck(ps_strv_push(&in->env, *e));
	apply_envops(cli, &in->env);
	if (resolve_cwd(cli->cwd, &in->cwd, err) < 0)
		return -1;
	in->flags = cli->flags;
	in->run.kind = PS_RUN_COMMAND;
	xset(&in->run.arg, DEFAULT_COMMAND);
	apply_run(cli, in);
	s->python_arg = xstrdup(cli->python ? cli->python : DEFAULT_PYTHON);
	xset(&in->argv0, s->python_arg);
	in->setuid = geteuid() != getuid();
	pw = getpwuid(getuid());
	if (pw && pw->pw_dir)
		xset(&in->pw_home, pw->pw_dir);

	build_reset(&in->build, false);
	if (cli->rules) {
		s->rules_forced = true;
		in->build.major = cli->rules_major;
		in->build.minor = cli->rules_minor;
	}
	ps_fs_posix_init(&s->base_fs);
	s->base_fs.cwd = in->cwd;
	s->fs = s->base_fs;
	xcheck(ps_strv_copy(&s->env_before_launcher, &in->env));
	return detect(s, err);
}

/*
 * Makes s (zeroed) model scenario sc (adopted: freed with s, even on
 * failure) with the command line's model options applied over it.  A
 * relative --cwd is an error when strict_cwd, else it is left out (it was
 * meant for the real filesystem, see session_open_scenario).
 */
static int scenario_apply(struct ps_session *s, struct ps_scenario *sc, const struct ps_cli *cli,
			  bool strict_cwd, struct ps_error *err)
{
	struct ps_inputs *in = &s->in;
	char *cwd;

	s->scenario = sc;
	if (ps_inputs_copy(in, &s->scenario->inputs) < 0)
		die_oom();
	in->name = s->scenario->name;
	if (cli->python)
		xset(&in->argv0, cli->python);
	s->python_arg = xstrdup(in->argv0);
	if (cli->rules) {
		s->rules_forced = true;
		in->build.major = cli->rules_major;
		in->build.minor = cli->rules_minor;
	}
	in->flags.ignore_environment |= cli->flags.ignore_environment;
	in->flags.isolated |= cli->flags.isolated;
	in->flags.no_user_site |= cli->flags.no_user_site;
	in->flags.no_site |= cli->flags.no_site;
	in->flags.safe_path |= cli->flags.safe_path;
	if (cli->clean_env)
		ps_strv_clear(&in->env);
	apply_envops(cli, &in->env);
	if (cli->cwd && (strict_cwd || ps_path_isabs(in->build.platform, cli->cwd))) {
		if (!ps_path_isabs(in->build.platform, cli->cwd)) {
			ps_error_set(err, PS_ERR_INVAL,
				     "--cwd '%s' must be absolute with --scenario", cli->cwd);
			return -1;
		}
		cwd = ps_path_normpath(in->build.platform, cli->cwd);
		if (!cwd)
			die_oom();
		free(in->cwd);
		in->cwd = cwd;
	}
	apply_run(cli, in);
	ps_vfs_fs(s->scenario->vfs, &s->base_fs);
	s->base_fs.cwd = in->cwd;
	s->fs = s->base_fs;
	xcheck(ps_strv_copy(&s->env_before_launcher, &in->env));
	return 0;
}

/* ps_scenario_load, refusing a directory (read as an empty file, it would be "empty scenario"). */
static struct ps_scenario *load_scenario(const char *path, struct ps_error *err)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ps_error_at(err, PS_ERR_IO, path, 0, 0, "is a directory, not a scenario file");
		return NULL;
	}
	return ps_scenario_load(path, err);
}

static int open_scenario(const struct ps_cli *cli, struct ps_session *s, struct ps_error *err)
{
	struct ps_scenario *sc = load_scenario(cli->scenario, err);

	if (!sc)
		return -1;
	return scenario_apply(s, sc, cli, true, err);
}

static void session_zero(struct ps_session *s)
{
	memset(s, 0, sizeof(*s));
	ps_inputs_init(&s->in);
	ps_detect_init(&s->detect);
	ps_strv_init(&s->env_before_launcher);
}

int session_open(const struct ps_cli *cli, struct ps_session *s, struct ps_error *err)
{
	int rc;

	session_zero(s);
	s->cli = cli;
	rc = cli->scenario ? open_scenario(cli, s, err) : open_real(cli, s, err);
	if (rc < 0) {
		session_close(s);
		return -1;
	}
	return 0;
}

int session_open_scenario(struct ps_session *s, const char *path, struct ps_error *err)
{
	static const struct ps_cli no_options;   /* zero: no option given */
	const struct ps_cli *cli = s->cli ? s->cli : &no_options;
	struct ps_scenario *sc;
	struct ps_session fresh;

	sc = load_scenario(path, err);
	if (!sc)
		return -1;
	session_zero(&fresh);
	fresh.cli = s->cli;
	if (scenario_apply(&fresh, sc, cli, false, err) < 0) {
		session_close(&fresh);
		return -1;
	}
	session_close(s);
	/* fresh has no overlay yet, so nothing points into it: it may be moved */
	*s = fresh;
	return 0;
}

int session_compute(struct ps_session *s, struct ps_result *out, struct ps_error *err)
{
	s->base_fs.cwd = s->in.cwd;
	s->fs.cwd = s->in.cwd;
	if (ps_compute(&s->in, &s->fs, out, err) < 0)
		return -1;
	/* the engine cannot know where its inputs came from: contract §2 model.source */
	out->from_scenario = s->scenario != NULL;
	return 0;
}

int session_compute_report(struct ps_session *s, struct ps_result *out)
{
	struct ps_error err;

	ps_error_init(&err);
	if (session_compute(s, out, &err) < 0) {
		print_error(&err);
		ps_result_release(out);
		return -1;
	}
	return 0;
}

struct ps_overlay *session_overlay(struct ps_session *s)
{
	if (!s->overlay) {
		s->overlay = ps_overlay_new(&s->base_fs);
		if (!s->overlay)
			return NULL;
		ps_overlay_fs(s->overlay, &s->fs);
		s->fs.cwd = s->in.cwd;
	}
	return s->overlay;
}

int session_set_python(struct ps_session *s, const char *python, struct ps_error *err)
{
	struct ps_inputs saved;
	struct ps_detect saved_detect;
	char *saved_arg;

	if (s->scenario) {
		xset(&s->in.argv0, python);
		free(s->python_arg);
		s->python_arg = xstrdup(python);
		return 0;
	}
	/* keep the old state so a failure leaves the session as it was */
	ps_inputs_init(&saved);
	if (ps_inputs_copy(&saved, &s->in) < 0)
		die_oom();
	saved_detect = s->detect;
	ps_detect_init(&s->detect);
	saved_arg = s->python_arg;

	xcheck(ps_strv_copy(&s->in.env, &s->env_before_launcher));
	xset(&s->in.argv0, python);
	build_reset(&s->in.build, s->rules_forced);
	s->python_arg = xstrdup(python);
	if (detect(s, err) < 0) {
		ps_inputs_release(&s->in);
		s->in = saved;
		ps_detect_release(&s->detect);
		s->detect = saved_detect;
		free(s->python_arg);
		s->python_arg = saved_arg;
		s->base_fs.cwd = s->fs.cwd = s->in.cwd;
		return -1;
	}
	ps_inputs_release(&saved);
	ps_detect_release(&saved_detect);
	free(saved_arg);
	s->base_fs.cwd = s->fs.cwd = s->in.cwd;
	return 0;
}

char *session_describe(const struct ps_session *s)
{
	const struct ps_detect *d = &s->detect;

	if (s->scenario)
		return xasprintf("scenario %s%s%s%s", s->scenario->path ? s->scenario->path : "",
				 s->scenario->name ? " (" : "", s->scenario->name ? s->scenario->name : "",
				 s->scenario->name ? ")" : "");
	if (d->is_launcher)
		return xasprintf("%s: %s launcher -> %s", s->python_arg,
				 d->launcher_kind ? d->launcher_kind : "unknown",
				 d->interpreter ? d->interpreter : "(unknown interpreter)");
	return xasprintf("%s -> %s", s->python_arg, d->interpreter ? d->interpreter : "(not found)");
}

void session_close(struct ps_session *s)
{
	ps_overlay_free(s->overlay);
	ps_scenario_free(s->scenario);
	ps_inputs_release(&s->in);
	ps_detect_release(&s->detect);
	ps_strv_release(&s->env_before_launcher);
	free(s->python_arg);
	memset(s, 0, sizeof(*s));
}
