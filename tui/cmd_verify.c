/*
 * cmd_verify.c - `pathscope verify`: runs the real interpreter with exactly
 * the modelled inputs and compares what it reports with the prediction.
 *
 * This is the only place pathscope runs anything (besides the explicit
 * --ask of the session), and it says so on stderr before it does.
 *
 * How the interpreter is run:
 *   - the program: argv0 as modelled, looked up like execvp would on the
 *     modelled PATH (relative to the modelled cwd) when it has no '/',
 *     falling back to the interpreter detection identified;
 *   - argv[0] exactly the modelled argv0 (CPython derives sys.executable
 *     from it), then the modelled flags (-E -I -s -S -P);
 *   - the environment is exactly the modelled one (nothing inherited);
 *   - the working directory is the modelled cwd;
 *   - --command: `-c PROBE` instead of the user's code (sys.path[0] is ''
 *     either way); --interactive: PROBE fed on stdin, which is what a
 *     non-terminal stdin run does (sys.path[0] is '' too); --script and
 *     --module: `-c PROBE` as well, because verify never runs the user's
 *     script or module: sys.path[0] is then left out of the comparison (a
 *     note says so) and the rest of sys.path is compared;
 *   - stdin is /dev/null (except the probe for interactive runs), stdout
 *     and stderr are captured, and the process is killed after 5 seconds.
 *
 * Exit status: 0 no difference (a predicted fatal start-up that really
 * happens with the same status and message included: verify's 1 means "a
 * difference", contract §1), 1 a difference (including a predicted fatal
 * start-up that did not happen, or the reverse), 2 usage / cannot run.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "util.h"

#define VERIFY_TIMEOUT_MS 5000
#define VERIFY_OUTPUT_MAX (4u * 1024 * 1024)

/* The program to execute for argv0; yours, NULL when not found. */
static char *find_program(const struct ps_session *s)
{
	const char *a = s->in.argv0, *path;
	struct ps_strv dirs;
	char *found = NULL;
	if (!a || !*a)
		return s->detect.interpreter ? xstrdup(s->detect.interpreter) : NULL;
	if (strchr(a, '/')) {
		if (a[0] == '/' || !s->in.cwd)
			return xstrdup(a);
		return xasprintf("%s/%s", s->in.cwd, a);
	}
	path = ps_env_get(&s->in.env, "PATH");
	ps_strv_init(&dirs);
	if (path && ps_strv_split(&dirs, path, ':') < 0)
		die_oom();
	for (size_t i = 0; i < dirs.n && !found; i++) {
		const char *d = *dirs.v[i] ? dirs.v[i] : ".";
		char *cand = d[0] == '/' ? xasprintf("%s/%s", d, a)
				       : xasprintf("%s/%s/%s", s->in.cwd ? s->in.cwd : ".", d, a);
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
			found = cand;
		else
			free(cand);
	}
	ps_strv_release(&dirs);
	if (!found && s->detect.interpreter)
		found = xstrdup(s->detect.interpreter);
	return found;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Runs prog with argv/envp in cwd; stdin gets `input` (or /dev/null when
 * NULL).  Fills o->exit_status, o->timed_out, o->stderr_text and *out.
 * Returns 0, or -1 after printing why it could not run.
 */
static int run(const char *prog, char *const argv[], char *const envp[], const char *cwd,
	       const char *input, struct ps_observed *o, struct ps_buf *out)
{
	int pout[2], perr[2], pin[2] = { -1, -1 };
	struct ps_buf err;
	pid_t pid;
	int status = 0;
	long deadline;
	size_t in_off = 0, in_len = input ? strlen(input) : 0;
	bool open_out = true, open_err = true;

	if (pipe(pout) < 0 || pipe(perr) < 0 || (input && pipe(pin) < 0)) {
		print_msg("verify: cannot create pipes: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		print_msg("verify: cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = input ? pin[0] : open("/dev/null", O_RDONLY);
		if (fd < 0 || dup2(fd, 0) < 0 || dup2(pout[1], 1) < 0 || dup2(perr[1], 2) < 0)
			_exit(126);
		close(pout[0]);
		close(perr[0]);
		if (input)
			close(pin[1]);
		if (cwd && chdir(cwd) < 0) {
			dprintf(2, "pathscope: verify: cannot change to %s: %s\n", cwd, strerror(errno));
			_exit(126);
		}
		execve(prog, argv, envp);
		dprintf(2, "pathscope: verify: cannot run %s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	close(pout[1]);
	close(perr[1]);
	if (input) {
		close(pin[0]);
		fcntl(pin[1], F_SETFL, O_NONBLOCK);
	}
	ps_buf_init(&err);
	deadline = now_ms() + VERIFY_TIMEOUT_MS;
	while (open_out || open_err) {
		struct pollfd fds[3];
		int nf = 0, left = (int)(deadline - now_ms());
		char buf[8192];
		if (left <= 0) {
			o->timed_out = true;
			kill(pid, SIGKILL);
			break;
		}
		if (open_out)
			fds[nf++] = (struct pollfd){ .fd = pout[0], .events = POLLIN };
		if (open_err)
			fds[nf++] = (struct pollfd){ .fd = perr[0], .events = POLLIN };
		if (input && pin[1] >= 0)
			fds[nf++] = (struct pollfd){ .fd = pin[1], .events = POLLOUT };
		if (poll(fds, (nfds_t)nf, left) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < nf; i++) {
			if (!fds[i].revents)
				continue;
			if (fds[i].fd == pin[1]) {
				ssize_t w = write(pin[1], input + in_off, in_len - in_off);
				if (w > 0)
					in_off += (size_t)w;
				if (w < 0 || in_off >= in_len) {
					close(pin[1]);
					pin[1] = -1;
				}
				continue;
			}
			{
				ssize_t n = read(fds[i].fd, buf, sizeof buf);
				struct ps_buf *dst = fds[i].fd == pout[0] ? out : &err;
				if (n <= 0) {
					if (fds[i].fd == pout[0])
						open_out = false;
					else
						open_err = false;
					continue;
				}
				if (dst->len < VERIFY_OUTPUT_MAX)
					ps_buf_add(dst, buf, (size_t)n);
			}
		}
	}
	close(pout[0]);
	close(perr[0]);
	if (pin[1] >= 0)
		close(pin[1]);
	if (!o->timed_out && (open_out || open_err))
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	xbuf_check(out);
	xbuf_check(&err);
	o->exit_status = WIFEXITED(status) ? WEXITSTATUS(status)
			 : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
	o->stderr_text = ps_buf_detach(&err);
	if (!o->stderr_text)
		die_oom();
	return 0;
}

static void render_text(const struct ps_verify *v, const struct ps_observed *o, const char *prog,
			struct ps_buf *out)
{
	size_t w = 0;
	for (size_t i = 0; i < v->n; i++)
		if (strlen(v->f[i].field) > w)
			w = strlen(v->f[i].field);
	ps_buf_addf(out, "verify: %s (exit status %d%s)\n", prog, o->exit_status,
		    o->timed_out ? ", killed after 5 s" : "");
	for (size_t i = 0; i < v->n; i++) {
		const struct ps_vfield *f = &v->f[i];
		/* an empty value ('' in sys.path) would otherwise print as nothing */
		const char *pv = *f->predicted ? f->predicted : "''", *av = *f->actual ? f->actual : "''";

		if (f->equal)
			ps_buf_addf(out, "  = %-*s  %s\n", (int)w, f->field, pv);
		else
			ps_buf_addf(out, "  ! %-*s  predicted: %s\n    %-*s     actual: %s\n", (int)w,
				    f->field, pv, (int)w, "", av);
	}
	for (size_t i = 0; i < v->notes.n; i++)
		ps_buf_addf(out, "note: %s\n", v->notes.v[i]);
	if (v->ndiff)
		ps_buf_addf(out, "%zu difference%s\n", v->ndiff, v->ndiff == 1 ? "" : "s");
	else
		ps_buf_adds(out, "no differences\n");
}

int cmd_verify(const struct ps_cli *cli, struct ps_session *s)
{
	struct ps_result r;
	struct ps_observed o;
	struct ps_verify v;
	struct ps_error err;
	struct ps_buf out, text;
	struct ps_strv argv;
	char *prog;
	char *empty_env[] = { NULL };
	bool interactive = s->in.run.kind == PS_RUN_INTERACTIVE;
	int rc;

	if (cli->nargs) {
		print_msg("verify takes no arguments (got '%s'); try 'pathscope --help'", cli->args[0]);
		return 2;
	}
	if (s->scenario) {
		print_msg("verify runs the real interpreter: it cannot be used with --scenario "
			  "(a scenario's tree is not on disk)");
		return 2;
	}
	ps_error_init(&err);
	ps_result_init(&r);
	if (session_compute_report(s, &r) < 0)
		return 2;
	prog = find_program(s);
	if (!prog) {
		print_msg("verify: cannot find the interpreter '%s' on the modelled PATH",
			  s->in.argv0 ? s->in.argv0 : "");
		ps_result_release(&r);
		return 2;
	}

	ps_strv_init(&argv);
	if (ps_strv_push(&argv, s->in.argv0 ? s->in.argv0 : prog) < 0 ||
	    (s->in.flags.ignore_environment && ps_strv_push(&argv, "-E") < 0) ||
	    (s->in.flags.isolated && ps_strv_push(&argv, "-I") < 0) ||
	    (s->in.flags.no_user_site && ps_strv_push(&argv, "-s") < 0) ||
	    (s->in.flags.no_site && ps_strv_push(&argv, "-S") < 0) ||
	    (s->in.flags.safe_path && ps_strv_push(&argv, "-P") < 0) ||
	    (!interactive && (ps_strv_push(&argv, "-c") < 0 ||
			      ps_strv_push(&argv, ps_verify_probe_code()) < 0)))
		die_oom();

	fprintf(stderr, "pathscope: running %s to compare (verify)\n", prog);
	fflush(stderr);
	ps_observed_init(&o);
	ps_buf_init(&out);
	if (run(prog, argv.v, s->in.env.v ? s->in.env.v : empty_env, s->in.cwd,
		interactive ? ps_verify_probe_code() : NULL, &o, &out) < 0) {
		rc = 2;
		goto done;
	}
	if (ps_verify_parse(out.s, out.len, &o, &err) < 0) {
		if (err.code == PS_ERR_NOMEM)
			die_oom();
		print_error(&err);
		rc = 2;
		goto done;
	}
	ps_verify_init(&v);
	if (ps_verify_compare(&r, &s->in, &o, &v, &err) < 0)
		die_oom();
	ps_buf_init(&text);
	if (cli->format == PS_FORMAT_JSON)
		ps_verify_write_json(&v, &o, prog, &text);
	else if (cli->format == PS_FORMAT_YAML)
		ps_verify_write_yaml(&v, &o, prog, &text);
	else
		render_text(&v, &o, prog, &text);
	xbuf_check(&text);
	if (text.len && text.s[text.len - 1] != '\n')
		ps_buf_addc(&text, '\n');
	xbuf_check(&text);
	rc = write_stdout(text.s, text.len) < 0 ? 2 : v.ndiff ? 1 : 0;
	ps_buf_release(&text);
	ps_verify_release(&v);
done:
	ps_buf_release(&out);
	ps_observed_release(&o);
	ps_strv_release(&argv);
	free(prog);
	ps_result_release(&r);
	return rc;
}
