/*
 * session.h - everything the front end needs to run the model once or many
 * times: the inputs, the filesystem they are evaluated on, the scenario it
 * came from, the explorer's edits and what detection found.
 *
 * Two modes:
 *   - scenario mode (--scenario FILE): inputs and tree come from the file;
 *     options given on the command line override it (see session_open);
 *   - real mode: the real filesystem, pathscope's own environment (unless
 *     --clean-env), the interpreter named by --python (default python3)
 *     examined by ps_detect_build() without running it (or, with --ask,
 *     run once with -I -S -c).
 *
 * A struct ps_session must not be moved in memory once opened: s->fs may
 * point into s->base_fs through the overlay.
 */
#ifndef PS_TUI_SESSION_H
#define PS_TUI_SESSION_H

#include "engine.h"
#include "cli.h"

struct ps_session {
	struct ps_inputs in;          /* the model's inputs (owned); in.cwd is also fs.cwd */
	struct ps_fs fs;              /* what ps_compute reads: base_fs, or the overlay over it */
	struct ps_fs base_fs;         /* posix backend, or the scenario's vfs */
	struct ps_scenario *scenario; /* owned; NULL in real mode */
	struct ps_overlay *overlay;   /* owned; NULL until session_overlay() is called */
	struct ps_detect detect;      /* real mode: what detection found (empty in scenario mode) */
	bool detected;                /* detect holds a result */
	bool asked;                   /* build values came from running the interpreter (--ask) */
	char *python_arg;             /* owned: the interpreter as typed (--python, "python3", or the scenario's argv0) */
	struct ps_strv env_before_launcher; /* owned: the modelled env before a launcher's additions */
	bool rules_forced;            /* --rules given: detection does not override the version */
	const struct ps_cli *cli;     /* borrowed: the command line it was opened from */
};

/*
 * Builds the inputs from the command line:
 *   scenario mode: loads cli->scenario (errors carry FILE:LINE:COL), then
 *     applies, when given: --python (argv0), --rules, the flags (OR-ed in),
 *     --clean-env (empties the env), --env/--unset in order, --cwd, the
 *     run mode;
 *   real mode: environ copied unless --clean-env, then --env/--unset in
 *     order; cwd from --cwd (made absolute) or getcwd(); flags; run mode
 *     (default --command "pass"); argv0 = --python or "python3"; the build
 *     from --rules and ps_detect_build() (or the interpreter itself with
 *     --ask, announced on stderr before it runs).
 * On failure returns -1 with err set (the caller prints it and exits 2)
 * and leaves *s released.  On success call session_close().
 */
int session_open(const struct ps_cli *cli, struct ps_session *s, struct ps_error *err);

/*
 * Replaces what s models by the scenario file at path (the explorer's `o`
 * key): its inputs and virtual tree, with the model options of the
 * command line s was opened from (s->cli) applied over them exactly as
 * `pathscope --scenario PATH OPTIONS` would (--python, --rules, the flags
 * OR-ed in, --clean-env, --env/--unset in order, the run mode, --cwd when
 * it is absolute: a relative --cwd was meant for the real filesystem and
 * is left out; --ask has no meaning for a scenario).  Whatever s held
 * before goes: the previous scenario or real-mode detection, and the
 * overlay with every edit made through it (s->fs is the new tree's;
 * call session_overlay() again to edit it).  s->cli is kept.
 *
 * On failure (the file does not load: err carries FILE:LINE:COL) returns
 * -1 and s is left exactly as it was.  Pointers into the old session
 * (s->fs.ctx, the overlay, s->scenario, strings of s->in) are invalid
 * after a success.
 */
int session_open_scenario(struct ps_session *s, const char *path, struct ps_error *err);

/*
 * Runs the model over s->in and s->fs.  out must be initialised (it is
 * cleared).  Returns 0 (a predicted fatal start-up is out->has_fatal) or -1
 * with err set (no rules for that version, out of memory).
 */
int session_compute(struct ps_session *s, struct ps_result *out, struct ps_error *err);
/* As session_compute() for a one-shot command: on failure prints the error, releases out and returns -1. */
int session_compute_report(struct ps_session *s, struct ps_result *out);

/*
 * Switches s->fs to an overlay over the base tree (created on first call)
 * so the explorer can add, change or hide paths without touching the disk
 * or the scenario.  Returns the overlay (borrowed, owned by the session)
 * or NULL on OOM.
 */
struct ps_overlay *session_overlay(struct ps_session *s);

/*
 * Real mode: models another interpreter (argv0 = python) and re-runs
 * detection from the environment as it was before any launcher edits.
 * The build is reset unless --rules was given.  Returns 0, or -1 with err
 * set (the session keeps its previous interpreter then).
 */
int session_set_python(struct ps_session *s, const char *python, struct ps_error *err);

/* Human one-liner describing where the model's inputs came from ("scenario FILE", "real: python3 -> ..."); yours, free(). */
char *session_describe(const struct ps_session *s);

void session_close(struct ps_session *s);

#endif /* PS_TUI_SESSION_H */
