/*
 * compute-int.h - what the stages of one computation share (private).
 *
 * ps_compute() (compute.c) runs the stages in CPython's order:
 *
 *   getpath     ps_getpath_run()    getpath.c (3.11+), getpath_c.c (<=3.10)
 *   fatal check ps_fatal_check()    fatal.c   (is "encodings" importable?)
 *   site.py     ps_site_run()       site.c    (only when site_import)
 *   path0       ps_path0_run()      path0.c
 *
 * Each stage reads the inputs and the filesystem only through the context,
 * records every probe and decision with the ps_probe_* / ps_trace_* helpers
 * below (which never fail: an allocation failure sets ctx->oom and the
 * computation is abandoned by ps_compute with PS_ERR_NOMEM).
 */
#ifndef PS_COMPUTE_INT_H
#define PS_COMPUTE_INT_H

#include "engine.h"
#include "rules-int.h"

/* The 32 KiB limit of getpath's readlines (3.11+). */
#define PS_READLINES_LIMIT (32 * 1024)

struct ps_ctx {
	const struct ps_inputs *in;
	const struct ps_fs *fs;
	const struct ps_rules *rules;
	enum ps_platform plat;
	struct ps_result *r;
	bool oom;                    /* sticky: an allocation failed somewhere */

	/*
	 * Effective configuration, set by the getpath stage from the flags,
	 * the environment and a ._pth file; read by site and path0.
	 */
	bool use_environment;
	bool isolated;
	bool site_import;
	bool user_site_directory;
	bool safe_path;
	bool pathconfig_warnings;
	bool pth_file_used;          /* a ._pth file defined sys.path */
	char *launcher_env_removed;  /* __PYVENV_LAUNCHER__ consumed by getpath (3.11+), or NULL */
	char *pythonpath_env;        /* config.pythonpath_env as getpath saw it (PYTHONPATH or embed), or NULL */
};

/* Environment lookup as CPython's config does it: empty counts as unset. NULL when unset. */
const char *ps_ctx_env(const struct ps_ctx *c, const char *name);
/* The same, but NULL when use_environment is off (gated variables). */
const char *ps_ctx_env_gated(const struct ps_ctx *c, const char *name);

/* Marks out-of-memory when p is NULL; returns p. */
void *ps_ctx_check(struct ps_ctx *c, void *p);

/*
 * Appends a trace step; returns its index (or -1 after OOM).  note is
 * printf-style and may be NULL.  path and result are copied.
 */
long ps_trace(struct ps_ctx *c, enum ps_phase phase, enum ps_op op, const char *path,
	      const char *result, const char *note_fmt, ...) PS_PRINTF(6, 7);
/* A decision that sets a variable: op "decide", var = name, value copied. */
long ps_trace_set(struct ps_ctx *c, enum ps_phase phase, const char *var, const char *value,
		  const char *note_fmt, ...) PS_PRINTF(5, 6);
/* A warning CPython prints: added to getpath.warnings and to the trace. */
void ps_warn(struct ps_ctx *c, enum ps_phase phase, const char *fmt, ...) PS_PRINTF(3, 4);

/* Filesystem probes that record themselves in the trace (note says what is looked for). */
bool ps_probe_isfile(struct ps_ctx *c, enum ps_phase phase, const char *path, const char *note);
bool ps_probe_isdir(struct ps_ctx *c, enum ps_phase phase, const char *path, const char *note);
bool ps_probe_isxfile(struct ps_ctx *c, enum ps_phase phase, const char *path, const char *note);
/* readlines with the 32 KiB limit; returns 0 or an errno value (EFBIG when too large). */
int ps_probe_read_lines(struct ps_ctx *c, enum ps_phase phase, const char *path,
			struct ps_strv *lines, const char *note);
/* getpath realpath (final component); *out yours; returns 0 or errno. */
int ps_probe_realpath(struct ps_ctx *c, enum ps_phase phase, const char *path, char **out,
		      const char *note);

/* Appends an entry (path copied, detail printf-style) to an entry array. */
void ps_entries_push(struct ps_ctx *c, struct ps_entry **arr, size_t *n, const char *path,
		     enum ps_origin origin, long step, const char *detail_fmt, ...) PS_PRINTF(7, 8);
void ps_entries_insert(struct ps_ctx *c, struct ps_entry **arr, size_t *n, size_t at,
		       const char *path, enum ps_origin origin, long step,
		       const char *detail_fmt, ...) PS_PRINTF(8, 9);
void ps_entries_free(struct ps_entry *arr, size_t n);
/* Appends one .pth line record. */
void ps_pth_push(struct ps_ctx *c, const char *file, int line, const char *text,
		 enum ps_pth_action action, const char *detail_fmt, ...) PS_PRINTF(6, 7);

/* Path helpers bound to the context's platform (results yours, OOM marks ctx). */
char *ps_ctx_join(struct ps_ctx *c, const char *a, const char *b);
char *ps_ctx_join3(struct ps_ctx *c, const char *a, const char *b, const char *d);
char *ps_ctx_dirname(struct ps_ctx *c, const char *p);
char *ps_ctx_basename(struct ps_ctx *c, const char *p);
char *ps_ctx_abspath(struct ps_ctx *c, const char *p);
char *ps_ctx_strdup(struct ps_ctx *c, const char *s);      /* NULL stays NULL */
char *ps_ctx_printf(struct ps_ctx *c, const char *fmt, ...) PS_PRINTF(2, 3);
/* Replaces *field by a copy of value. */
void ps_ctx_set(struct ps_ctx *c, char **field, const char *value);

/* The stages. Each returns 0, or -1 only when the computation cannot go on (ctx->oom). */
int ps_getpath_run(struct ps_ctx *c);      /* fills r->getpath, effective flags; may set r->has_fatal */
int ps_getpath_c_run(struct ps_ctx *c);    /* <=3.10 algorithm */
int ps_getpath_pc_run(struct ps_ctx *c);   /* <=3.10 on Windows (PC/getpathp.c), getpath_pc.c */
int ps_fatal_check(struct ps_ctx *c);      /* sets r->has_fatal when encodings cannot be imported */
int ps_site_run(struct ps_ctx *c);         /* r->sys, r->entries, r->pth from site.py's rules */
int ps_path0_run(struct ps_ctx *c);        /* inserts sys.path[0] into r->sys.path / r->entries */

/*
 * _Py_FindEnvConfigValue() of the <=3.10 C getpath (getpath_c.c), shared by
 * the POSIX and Windows versions: the value of `key` in a pyvenv.cfg read
 * whole into data, scanned as fgets() with a line buffer of line_max
 * bytes would (a line without its '\n' ends the scan), case-sensitive key,
 * a lone '=' token, the rest of the line up to CR/LF.  Returns the value
 * (yours) or NULL; *line_no is its 1-based line; *why (yours, may stay
 * NULL) says why a scan found nothing.
 */
char *ps_c_find_env_value(struct ps_ctx *c, const char *data, size_t len, size_t line_max,
			  const char *key, int *line_no, char **why);

/*
 * Looks at a file as zipimport would (path0.c): 1 a zip archive holding
 * member (NULL: any archive), 0 an archive without it, -1 not an archive,
 * 2 too large to look into.  Not traced.
 */
int ps_zip_probe(struct ps_ctx *c, const char *path, const char *member);

/*
 * Fills r->fatal.cause and r->fatal.fix (plain words, one-sentence fix) when
 * r->has_fatal: PYTHONHOME at a venv / another version / nothing, a bogus
 * PYTHONPLATLIBDIR, an empty ._pth, a venv whose home is gone (diagnose.c).
 * Call it once the fatal error is decided (after ps_fatal_check).
 */
void ps_fatal_diagnose(struct ps_ctx *c);

#endif /* PS_COMPUTE_INT_H */
