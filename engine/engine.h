/*
 * engine.h - pathscope's engine: a model of how CPython computes its
 * start-up path configuration (sys.executable, sys.prefix, sys.path ...).
 *
 * This is the only public header of the engine.  The engine is a pure
 * library: it never prints, never exits, never reads the process
 * environment and never touches the real filesystem except through the
 * backend in fs_posix.c.  Every input is explicit (struct ps_inputs), every
 * filesystem probe goes through struct ps_fs, and every result, warning and
 * decision is returned as data (struct ps_result).
 *
 * Conventions (see ../shared/style.md):
 *   - struct S goes with S_init/S_release (caller-owned) or S_new/S_free
 *     (heap); S_clear = release + init; S_free(NULL) is a no-op.
 *   - Functions returning int return 0 on success and -1 on failure, with
 *     a struct ps_error filled in when one is passed (it may be NULL).
 *   - A returned `const char *` is borrowed: valid until its owner is
 *     changed or freed.  A returned `char *` is yours: free() it.
 *   - Containers own their elements unless said otherwise.
 */
#ifndef PS_ENGINE_H
#define PS_ENGINE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define PS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PS_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

enum ps_errcode {
	PS_OK = 0,
	PS_ERR_NOMEM,      /* out of memory */
	PS_ERR_IO,         /* a file could not be read */
	PS_ERR_PARSE,      /* malformed YAML / text */
	PS_ERR_SCHEMA,     /* well-formed but wrong: unknown key, wrong type */
	PS_ERR_INVAL,      /* a bad argument or input value */
	PS_ERR_UNSUPPORTED /* rules for that version/platform do not exist */
};

/*
 * An error report, allocation-free.  `file` is empty when the error is not
 * about a file; `line` and `col` are 1-based, 0 when unknown.
 */
struct ps_error {
	int code;
	char msg[256];
	char file[512];
	int line, col;
};

void ps_error_init(struct ps_error *err);
/* Sets code and message (printf-style); keeps file/line/col as they are. No-op if err is NULL. */
void ps_error_set(struct ps_error *err, int code, const char *fmt, ...) PS_PRINTF(3, 4);
/* Sets everything at once. No-op if err is NULL. */
void ps_error_at(struct ps_error *err, int code, const char *file, int line, int col,
		 const char *fmt, ...) PS_PRINTF(6, 7);
/*
 * Formats "FILE:LINE:COL: msg" (parts that are unknown are left out) into
 * out (always NUL-terminated).  Returns out.
 */
const char *ps_error_format(const struct ps_error *err, char *out, size_t size);

/* ------------------------------------------------------------------ */
/* Growable string buffer (git's strbuf, with a sticky OOM flag)        */
/* ------------------------------------------------------------------ */

/*
 * `s` is always NUL-terminated (it points at a static "" until the first
 * append).  After an allocation failure `oom` is set, further appends are
 * ignored and the caller checks `oom` once at the end.
 */
struct ps_buf {
	char *s;
	size_t len, alloc;
	bool oom;
};

void ps_buf_init(struct ps_buf *b);
void ps_buf_release(struct ps_buf *b);
void ps_buf_reset(struct ps_buf *b);                 /* len = 0, keeps memory */
void ps_buf_add(struct ps_buf *b, const char *s, size_t n);
void ps_buf_adds(struct ps_buf *b, const char *s);
void ps_buf_addc(struct ps_buf *b, char c);
void ps_buf_addf(struct ps_buf *b, const char *fmt, ...) PS_PRINTF(2, 3);
void ps_buf_vaddf(struct ps_buf *b, const char *fmt, va_list ap);
/* Detaches the string: yours, free() it (NULL after OOM). The buffer is re-initialised. */
char *ps_buf_detach(struct ps_buf *b);

/* ------------------------------------------------------------------ */
/* String vector (owns its strings)                                    */
/* ------------------------------------------------------------------ */

struct ps_strv {
	char **v;       /* v[n] == NULL whenever v != NULL */
	size_t n, alloc;
};

void ps_strv_init(struct ps_strv *sv);
void ps_strv_release(struct ps_strv *sv);
void ps_strv_clear(struct ps_strv *sv);
int ps_strv_push(struct ps_strv *sv, const char *s);     /* copies s */
int ps_strv_push_take(struct ps_strv *sv, char *s);      /* adopts s (freed on failure too) */
int ps_strv_pushf(struct ps_strv *sv, const char *fmt, ...) PS_PRINTF(2, 3);
int ps_strv_insert(struct ps_strv *sv, size_t at, const char *s);
void ps_strv_remove(struct ps_strv *sv, size_t at);
int ps_strv_copy(struct ps_strv *dst, const struct ps_strv *src); /* dst is cleared first */
/* Appends the pieces of s split on delim (empty pieces kept, "" gives one empty piece). */
int ps_strv_split(struct ps_strv *sv, const char *s, char delim);
/* Index of the first element equal to s, or -1. */
long ps_strv_find(const struct ps_strv *sv, const char *s);
bool ps_strv_equal(const struct ps_strv *a, const struct ps_strv *b);

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/*
 * Finds the first byte of text that is not part of valid UTF-8 (overlong
 * forms and surrogates included), or a NUL byte.  YAML text is UTF-8
 * without NULs, and libfyaml 0.7.12 can loop forever on invalid UTF-8 (in
 * a directive such as "%\xff"), so every reader checks text with this
 * before libfyaml sees it.  Returns 0, or -1 with *line / *col (1-based,
 * columns counted in characters) set.
 */
int ps_utf8_check(const char *text, size_t len, int *line, int *col);
/*
 * Decodes the UTF-8 sequence at text (n > 0 bytes left): its length, with
 * *cp set to the code point, or 0 when the bytes there are not valid
 * UTF-8 (overlong, surrogate, truncated, past U+10FFFF).
 */
size_t ps_utf8_decode(const char *text, size_t n, unsigned *cp);

/* ------------------------------------------------------------------ */
/* Environment: a ps_strv of "NAME=VALUE" strings                       */
/* ------------------------------------------------------------------ */

/* Borrowed value of NAME, or NULL when NAME is not set. */
const char *ps_env_get(const struct ps_strv *env, const char *name);
int ps_env_set(struct ps_strv *env, const char *name, const char *value);
void ps_env_unset(struct ps_strv *env, const char *name);

/* ------------------------------------------------------------------ */
/* Path strings (pure, no filesystem)                                  */
/* ------------------------------------------------------------------ */

/*
 * These follow CPython's getpath helpers for the given flavour: POSIX
 * (also darwin) uses '/', NT uses '\\' (accepting '/'), drive letters and
 * case-insensitive comparison.  Every returned char * is yours.
 */
enum ps_platform { PS_PLATFORM_POSIX = 0, PS_PLATFORM_DARWIN, PS_PLATFORM_NT };

const char *ps_platform_name(enum ps_platform p);         /* "posix", "darwin", "nt" */
int ps_platform_parse(const char *name, enum ps_platform *out);

char ps_path_sep(enum ps_platform p);                       /* '/' or '\\' */
char ps_path_delim(enum ps_platform p);                     /* ':' or ';' */
bool ps_path_isabs(enum ps_platform p, const char *path);
/* getpath's dirname: text before the last separator; "" when none ("/x" -> ""). */
char *ps_path_dirname(enum ps_platform p, const char *path);
char *ps_path_basename(enum ps_platform p, const char *path);
/* C-level normpath as CPython's _Py_normpath: collapses ".", "..", "//". */
char *ps_path_normpath(enum ps_platform p, const char *path);
/*
 * getpath's joinpath over n parts (NULL parts skipped; an absolute part
 * discards what came before; result normalised, with the 3.11+ quirk that
 * a first part of exactly "." yields ".lib/..." ).
 */
char *ps_path_joinv(enum ps_platform p, size_t n, const char *const *parts);
char *ps_path_join2(enum ps_platform p, const char *a, const char *b);
char *ps_path_join3(enum ps_platform p, const char *a, const char *b, const char *c);
/* abspath against cwd, normalised (os.path.abspath). */
char *ps_path_abspath(enum ps_platform p, const char *cwd, const char *path);
/*
 * getpath's C abspath (3.11+), which differs from os.path.abspath: the
 * path is normalised first, then "" or "." gives cwd verbatim, an absolute
 * path is returned as is, and a relative one becomes cwd + SEP + path
 * WITHOUT further normalisation ("../x" in /a/b gives "/a/b/../x", as seen
 * in sys.path for PYTHONPATH=../x under -S).  NT: GetFullPathNameW, i.e.
 * normalised like ps_path_abspath.
 */
char *ps_path_getpath_abspath(enum ps_platform p, const char *cwd, const char *path);
/*
 * Plain concatenation a + sep + b without normalisation (C getpath of
 * <=3.10, its joinpath()): an absolute b replaces a, and no separator is
 * added after an empty a or one already ending in SEP.
 */
char *ps_path_concat(enum ps_platform p, const char *a, const char *b);
/* Path equality for the platform (case-insensitive on NT). */
bool ps_path_equal(enum ps_platform p, const char *a, const char *b);

/* ------------------------------------------------------------------ */
/* Filesystem interface (SQLite VFS style)                             */
/* ------------------------------------------------------------------ */

enum ps_ftype { PS_FT_NONE = 0, PS_FT_FILE, PS_FT_DIR, PS_FT_LINK, PS_FT_OTHER };

struct ps_stat {
	enum ps_ftype type;
	unsigned mode;    /* permission bits, e.g. 0755 */
	uint64_t size;
	bool hidden;      /* UF_HIDDEN / FILE_ATTRIBUTE_HIDDEN (virtual trees only) */
};

/*
 * A backend.  Every function returns 0 on success or an errno value
 * (ENOENT, EACCES, ENOTDIR, ELOOP, EISDIR, EFBIG, ENOMEM, EIO ...) on failure;
 * never -1.  Paths are absolute or relative to the backend's cwd (the
 * engine always passes what CPython would pass).
 */
struct ps_fs_ops {
	/* stat (follows symlinks) */
	int (*stat)(void *ctx, const char *path, struct ps_stat *st);
	/* lstat (does not follow the last component) */
	int (*lstat)(void *ctx, const char *path, struct ps_stat *st);
	/* readlink: *target is yours. EINVAL if not a link. */
	int (*readlink)(void *ctx, const char *path, char **target);
	/*
	 * Reads at most `limit` bytes.  A file longer than limit gives EFBIG.
	 * A directory reads as empty (CPython's fopen of a directory succeeds
	 * on Linux and yields nothing).  *data (NUL-terminated) is yours.
	 */
	int (*read_file)(void *ctx, const char *path, size_t limit, char **data, size_t *len);
	/* Appends the entry names (no "." or "..") in unspecified order. */
	int (*list_dir)(void *ctx, const char *path, struct ps_strv *names);
};

struct ps_fs {
	const struct ps_fs_ops *ops;
	void *ctx;
	enum ps_platform platform;   /* path flavour of this tree */
	const char *cwd;             /* borrowed: against which relative paths resolve (NULL: process cwd for posix backend) */
};

/* The real filesystem (the only code in the engine that calls the OS). */
void ps_fs_posix_init(struct ps_fs *fs);

/*
 * The backend calls, with fs->cwd applied: a relative path is joined to
 * fs->cwd (cwd + SEP + path, not normalised) before the backend sees it,
 * and "" gives ENOENT like stat("").  Call these, never fs->ops directly.
 * Same results as the ops (0 or an errno value); *target / *data are
 * yours (NULL on failure).  ps_fs_stat/lstat zero *st first.
 */
int ps_fs_stat(const struct ps_fs *fs, const char *path, struct ps_stat *st);
int ps_fs_lstat(const struct ps_fs *fs, const char *path, struct ps_stat *st);
int ps_fs_readlink(const struct ps_fs *fs, const char *path, char **target);
int ps_fs_read_file(const struct ps_fs *fs, const char *path, size_t limit, char **data,
		    size_t *len);
int ps_fs_list_dir(const struct ps_fs *fs, const char *path, struct ps_strv *names);

/* Helpers over any backend, with CPython's semantics (errors become false). */
bool ps_fs_exists(const struct ps_fs *fs, const char *path);
bool ps_fs_isfile(const struct ps_fs *fs, const char *path);
bool ps_fs_isdir(const struct ps_fs *fs, const char *path);
/* Regular file with an x bit (NT: exists and ends in .exe). */
bool ps_fs_isxfile(const struct ps_fs *fs, const char *path);
/*
 * getpath's realpath: follows the symlink chain of the final component
 * only (relative targets joined to the link's directory, normalised;
 * more than 40 hops gives ELOOP).  *out is yours.  Returns 0 or errno.
 * As in CPython 3.11+: any readlink failure (missing file, not a link,
 * EACCES) ends the chain and returns the path reached, so a missing path
 * comes back unchanged with 0; the 40th successful readlink is already
 * ELOOP; the "directory" of a link is the text before its last SEP, so
 * "/py -> bin/python" yields the relative "bin/python" (verified with
 * strace on 3.13) and a one-character directory gets no separator.
 */
int ps_fs_realpath_final(const struct ps_fs *fs, const char *path, char **out);
/*
 * os.path.realpath: resolves every component (used for the script path
 * of sys.path[0]).  Relative paths are resolved against fs->cwd.  Never
 * fails on missing components (like Python's non-strict realpath); loops
 * are left unresolved.  *out is yours.  Returns 0 or ENOMEM.
 */
int ps_fs_realpath_full(const struct ps_fs *fs, const char *path, char **out);
/*
 * getpath's readlines: whole file (limit 32 KiB -> EFBIG), decoded as
 * UTF-8 with surrogateescape (we keep the bytes), split on '\n' with a
 * trailing '\r' stripped from each line.  A directory gives zero lines.
 * Exactly as getpath_readlines: a file of `limit` bytes or more is EFBIG;
 * every trailing '\r' of a '\n'-terminated line goes, an unterminated
 * last line is kept verbatim, nothing after a NUL byte is seen.  Lines
 * are appended to *lines (nothing is appended on failure).
 */
int ps_fs_read_lines(const struct ps_fs *fs, const char *path, size_t limit, struct ps_strv *lines);

/* A virtual tree, as MockPosixNamespace / MockNTNamespace. */
struct ps_vfs;

/* platform decides the path flavour (NT: case-insensitive). Yours: ps_vfs_free(). NULL on OOM. */
struct ps_vfs *ps_vfs_new(enum ps_platform platform);
void ps_vfs_free(struct ps_vfs *vfs);
/*
 * Adds a node at an absolute path, creating parent directories.  type is
 * PS_FT_FILE (content may be NULL for empty), PS_FT_DIR or PS_FT_LINK
 * (link = target as written).  exec marks a file executable; mode is the
 * permission bits (0 = default: 0644 files, 0755 exec and dirs).
 * Fails with PS_ERR_INVAL when the path is relative or empty, or clashes
 * with an existing node of another type.
 */
/*
 * Or'ed into ps_vfs_add's mode: take the permission bits exactly as given,
 * even 0 (a scenario's mode "000": an unreadable, unsearchable directory).
 */
#define PS_VFS_MODE_EXACT 0x10000u
int ps_vfs_add(struct ps_vfs *vfs, const char *path, enum ps_ftype type, bool exec,
	       const char *content, size_t content_len, const char *link, unsigned mode,
	       struct ps_error *err);
int ps_vfs_set_hidden(struct ps_vfs *vfs, const char *path, bool hidden, struct ps_error *err);
/* Removes a node (and its subtree). Missing path: 0. */
int ps_vfs_remove(struct ps_vfs *vfs, const char *path);
/*
 * Borrowed cwd is taken from fs->cwd; this only fills ops/ctx/platform.
 * The tree answers like a kernel: symlinks followed in every component
 * (ELOOP after 40), ".." of a symlinked directory is the target's parent,
 * a directory without x bits gives EACCES below it and one without r bits
 * EACCES for list_dir/read_file.  Relative paths reaching the ops directly
 * (not through the ps_fs_* wrappers) start at "/" (nt: "C:\").
 */
void ps_vfs_fs(struct ps_vfs *vfs, struct ps_fs *fs);
/*
 * Checks the tree: every symlink chain terminates (or dangles) within 40
 * hops.  Fails with PS_ERR_INVAL naming the first link in a loop.
 */
int ps_vfs_check_links(struct ps_vfs *vfs, struct ps_error *err);
/*
 * Calls fn for every node in sorted path order (for scenario writing):
 * depth-first, a directory before its contents, siblings by strcmp of
 * their names; implicit parent directories are visited too.  NT volumes
 * are visited as "C:\" / "\\server\share\".  A non-zero return of fn
 * stops the walk and is returned.
 */
typedef int (*ps_vfs_visit_fn)(void *arg, const char *path, enum ps_ftype type, bool exec,
			       const char *content, size_t len, const char *link, unsigned mode);
int ps_vfs_walk(struct ps_vfs *vfs, ps_vfs_visit_fn fn, void *arg);

/*
 * An overlay: a virtual tree whose nodes shadow a lower filesystem (the
 * explorer's edits over the real tree).  Whiteouts hide lower paths.
 * The overlay borrows `lower`; both must outlive it.
 */
struct ps_overlay;
struct ps_overlay *ps_overlay_new(const struct ps_fs *lower);
void ps_overlay_free(struct ps_overlay *ov);
struct ps_vfs *ps_overlay_upper(struct ps_overlay *ov);          /* borrowed */
int ps_overlay_whiteout(struct ps_overlay *ov, const char *path); /* hide a lower path */
void ps_overlay_fs(struct ps_overlay *ov, struct ps_fs *fs);

/* ------------------------------------------------------------------ */
/* Inputs                                                              */
/* ------------------------------------------------------------------ */

/* The interpreter's build: compiled-in values. */
struct ps_build {
	int major, minor;          /* rules version, e.g. 3, 12 */
	int micro;                 /* informational, -1 unknown */
	enum ps_platform platform;
	char *prefix;              /* PREFIX; NULL = default /usr/local ("" means absent) */
	char *exec_prefix;         /* EXEC_PREFIX; NULL = same as prefix */
	char *platlibdir;          /* PLATLIBDIR; NULL = "lib" (nt: "DLLs") */
	char *vpath;               /* VPATH; NULL = "" */
	char *abi_thread;          /* "t" for free-threaded builds; NULL = "" */
	char *library;             /* shared libpython / DLL path, NULL if none */
	bool framework;            /* macOS WITH_NEXT_FRAMEWORK */
	char *winver;              /* nt: registry version key; NULL = "M.m" */
	char *pythonpath_macro;    /* compile-time PYTHONPATH; NULL = the version's default */
	int debian_site;           /* site.py patched for dist-packages: 1 yes, 0 no, -1 detect */
};

enum ps_run_kind {
	PS_RUN_COMMAND = 0,  /* -c CODE */
	PS_RUN_SCRIPT,       /* a script path (file, dir or zip) */
	PS_RUN_MODULE,       /* -m NAME */
	PS_RUN_INTERACTIVE,  /* no argument: REPL / stdin */
};

struct ps_run {
	enum ps_run_kind kind;
	char *arg;                 /* code, script path or module name; NULL for interactive */
};

/* Command-line flags as typed (effective values are derived by the engine). */
struct ps_cli_flags {
	bool ignore_environment;   /* -E */
	bool isolated;             /* -I */
	bool no_user_site;         /* -s */
	bool no_site;              /* -S */
	bool safe_path;            /* -P */
};

/*
 * An embedding application's PyConfig.  Only fields marked set are used;
 * tri-state ints are -1 for "not set".
 */
struct ps_embed {
	bool present;
	char *home;
	char *program_name;
	char *executable;
	char *base_executable;
	char *prefix, *exec_prefix, *base_prefix, *base_exec_prefix;
	char *stdlib_dir;
	char *pythonpath_env;
	struct ps_strv module_search_paths;
	bool module_search_paths_set;
	int use_environment;       /* -1 unset */
	int site_import;           /* -1 unset */
	int user_site_directory;   /* -1 unset */
	int pathconfig_warnings;   /* -1 unset (CLI: 1) */
	char *setpath;             /* legacy Py_SetPath, NULL unset */
	/*
	 * Added (h19): the application hands Python an argv with updatepath
	 * (PySys_SetArgv / PySys_SetArgvEx(..., 1)) or runs Py_RunMain /
	 * Py_Main: sys.path[0] then comes from invocation.run as for the
	 * command line.  false (the default): Py_Initialize alone, and an
	 * embedded interpreter gets no sys.path[0] at all.
	 */
	bool set_argv;
};

/* A registry value (nt only). */
struct ps_regval {
	char *key;    /* e.g. HKLM\Software\Python\PythonCore\3.12\PythonPath\MyApp */
	char *value;
};

struct ps_inputs {
	struct ps_build build;
	char *argv0;               /* as typed */
	char *os_executable;       /* darwin/nt: the path the OS reports; NULL none */
	char *cwd;                 /* absolute */
	struct ps_cli_flags flags;
	struct ps_run run;
	struct ps_strv env;        /* "NAME=VALUE" */
	struct ps_embed embed;
	struct ps_regval *registry;
	size_t nregistry;
	bool setuid;               /* euid != uid (site disables the user site) */
	char *pw_home;             /* home from the password database, when HOME is unset */
	const char *name;          /* borrowed free text for display (scenario name), may be NULL */
};

void ps_inputs_init(struct ps_inputs *in);
void ps_inputs_release(struct ps_inputs *in);
int ps_inputs_copy(struct ps_inputs *dst, const struct ps_inputs *src);
/* Sets *field to a copy of value (NULL allowed). */
int ps_set_str(char **field, const char *value);

/* ------------------------------------------------------------------ */
/* Rules                                                               */
/* ------------------------------------------------------------------ */

/* Number of rule sets and their names ("2.7", "3.6", ... "3.14"), for menus. */
size_t ps_rules_count(void);
const char *ps_rules_name(size_t i);
/* 0 if rules exist for major.minor on that platform. */
int ps_rules_supported(int major, int minor, enum ps_platform platform);
/* Parses "3.12" into major/minor; -1 on bad syntax. */
int ps_version_parse(const char *s, int *major, int *minor);

/* ------------------------------------------------------------------ */
/* Result                                                              */
/* ------------------------------------------------------------------ */

enum ps_phase {
	PS_PHASE_EXECUTABLE = 0, PS_PHASE_VENV, PS_PHASE_PTH, PS_PHASE_BUILD, PS_PHASE_HOME,
	PS_PHASE_PREFIX, PS_PHASE_EXEC_PREFIX, PS_PHASE_SEARCH_PATH, PS_PHASE_SITE, PS_PHASE_PATH0,
	PS_PHASE_COUNT
};
enum ps_op {
	PS_OP_ISFILE = 0, PS_OP_ISDIR, PS_OP_ISXFILE, PS_OP_REALPATH, PS_OP_READ, PS_OP_DECIDE,
	PS_OP_LISTDIR, PS_OP_WARN,
	PS_OP_COUNT
};
const char *ps_phase_name(enum ps_phase p);  /* contract names: "executable", "venv", ... */
const char *ps_op_name(enum ps_op op);       /* "isfile", "isdir", ... "decide", "listdir", "warn" */

/*
 * One step of the decision trail.  For decisions, `var` names the variable
 * that was set (a static string such as "prefix", "exec_prefix",
 * "executable", "sys.path") and `value` its new value, so a viewer can
 * replay the state at any step.
 */
struct ps_step {
	enum ps_phase phase;
	enum ps_op op;
	char *path;        /* may be NULL */
	char *result;      /* "true"/"false", "ok 5 lines", "ENOENT", a value ... */
	char *note;        /* human sentence: why this probe, what it decided */
	const char *var;   /* static, NULL unless a variable was set */
	char *value;
	/*
	 * 1 + index of the step this one follows from (the probe that made a
	 * decision possible, the directory listing a .pth file came from), or
	 * 0 when none is recorded.  ps_explain() follows these links.
	 */
	long cause;
};

enum ps_origin {
	PS_ORIGIN_SCRIPT_DIR = 0, PS_ORIGIN_PYTHONPATH, PS_ORIGIN_STDLIB_ZIP, PS_ORIGIN_STDLIB,
	PS_ORIGIN_PLATSTDLIB, PS_ORIGIN_SITE_PACKAGES, PS_ORIGIN_USER_SITE, PS_ORIGIN_PTH,
	PS_ORIGIN_PTH_FILE, PS_ORIGIN_EMBED, PS_ORIGIN_MACRO, PS_ORIGIN_REGISTRY,
	PS_ORIGIN_COUNT
};
/* Contract names: "script-dir", "pythonpath", ... ("macro", "registry" are extensions). */
const char *ps_origin_name(enum ps_origin o);

/* One sys.path entry (or getpath module_search_paths entry) and why it is there. */
struct ps_entry {
	char *path;
	enum ps_origin origin;
	bool exists;
	char *detail;      /* human sentence */
	long step;         /* index into result->trace of the step that added it, -1 none */
};

enum ps_pth_action {
	PS_PTH_ADDED = 0, PS_PTH_MISSING, PS_PTH_DUPLICATE, PS_PTH_IMPORT, PS_PTH_COMMENT,
	PS_PTH_BLANK, PS_PTH_ERROR, PS_PTH_IGNORED,
	PS_PTH_COUNT
};
const char *ps_pth_action_name(enum ps_pth_action a);

/* One line of one .pth (or ._pth) file and what happened to it. */
struct ps_pth_line {
	char *file;
	/*
	 * 1-based line number.  0: the record is about the file as a whole,
	 * which has no line to name (it cannot be opened or decoded, or it is
	 * empty and skipped): text is "", action "ignored" or "error", and the
	 * detail says why.  A skipped file that has lines gets one "ignored"
	 * record per line instead.
	 */
	int line;
	char *text;
	enum ps_pth_action action;
	char *detail;      /* may be NULL */
};

/* What CPython's path configuration computed, before site.py and path0. */
struct ps_getpath_out {
	char *program_name;
	char *home;               /* NULL when unset */
	char *executable, *base_executable;
	char *prefix, *exec_prefix, *base_prefix, *base_exec_prefix;
	char *stdlib_dir, *platstdlib_dir;
	char *platlibdir;
	struct ps_strv module_search_paths;
	struct ps_entry *entries;  /* origin of each module_search_paths entry */
	size_t nentries;
	struct ps_strv warnings;   /* exact stderr lines, in order */
	bool is_python_build;
};

struct ps_sys_flags {
	int ignore_environment, isolated, no_user_site, no_site, safe_path;
};

/* Effective configuration after getpath: what site.py and path0 see. */
struct ps_sys_out {
	char *executable, *base_executable;
	char *prefix, *exec_prefix, *base_prefix, *base_exec_prefix;
	struct ps_strv path;
	struct ps_sys_flags flags;
	char *platlibdir;
	char *user_base;           /* NULL when None */
	char *user_site;           /* NULL when None */
	int enable_user_site;      /* 1 True, 0 False, -1 None */
	char *home;                /* sys._home, NULL when None */
	bool site_ran;
};

struct ps_fatal {
	char *message;   /* e.g. "init_fs_encoding: failed to get the Python codec of the filesystem encoding" */
	char *cause;     /* plain words */
	char *fix;       /* one sentence, may be NULL */
	char *output;    /* the full text the interpreter prints on stderr, may be NULL */
	int exit_status; /* 1, or 134 for an abort */
};

struct ps_result {
	int major, minor;
	enum ps_platform platform;
	bool from_scenario;
	struct ps_getpath_out getpath;
	bool has_sys;                  /* false when fatal */
	struct ps_sys_out sys;
	struct ps_entry *entries;      /* one per sys.path entry */
	size_t nentries;
	struct ps_pth_line *pth;
	size_t npth;
	bool has_fatal;
	struct ps_fatal fatal;
	struct ps_step *trace;
	size_t ntrace;
	struct ps_strv notes;          /* extra remarks: sitecustomize present, import lines ... */
};

void ps_result_init(struct ps_result *r);
void ps_result_release(struct ps_result *r);

/*
 * Runs the model: getpath, then site.py, then sys.path[0].  Pure given
 * `in` and `fs` (fs->cwd should be in->cwd).  `out` must be initialised;
 * it is cleared first.  Returns 0 when a prediction was made (including a
 * predicted fatal start-up error, see out->has_fatal) or -1 with err set
 * (out of memory, no rules for that version).
 */
int ps_compute(const struct ps_inputs *in, const struct ps_fs *fs, struct ps_result *out,
	       struct ps_error *err);

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

/* Contract §2 JSON (schema 1) appended to out. */
void ps_result_write_json(const struct ps_result *r, struct ps_buf *out);
/* The same document as YAML. */
void ps_result_write_yaml(const struct ps_result *r, struct ps_buf *out);

/* ------------------------------------------------------------------ */
/* Explain: why a path is (or is not) on sys.path (explain.c)          */
/* ------------------------------------------------------------------ */

/* One link of an explanation's chain. */
struct ps_explain_step {
	long step;            /* index into result->trace, -1 when not a trace step */
	char *sentence;       /* human sentence */
};

struct ps_explanation {
	char *argument;       /* the path as given */
	char *path;           /* made absolute against the modelled cwd */
	bool on_path;
	long index;           /* sys.path index (result->sys.path / entries), -1 when absent */
	long also;            /* a second index the same directory is at ('' and the cwd), -1 */
	char *summary;        /* one sentence: why it is there, or why not */
	char *rule;           /* absent: the rule that would have added it, NULL when none */
	char *missing;        /* absent: what was missing for that rule, NULL when nothing */
	long nearest;         /* absent: index of the closest sys.path entry, -1 none */
	struct ps_explain_step *steps;  /* the chain of decisions, in order */
	size_t nsteps;
	size_t *pth;          /* indices into result->pth of .pth lines naming this path */
	size_t npth;
	/* added by h18 (explain improvements); zeroed by ps_explanation_init */
	char *fix;            /* what to do about it (a hidden .pth, a fatal start-up ...), NULL none */
	struct ps_strv notes; /* further facts: shadowing, the user site's place, what -E changes ... */
	bool is_pth;          /* PATH is a .pth (or ._pth) file: `lines` lists what happened to it */
	size_t *lines;        /* indices into result->pth of that file's lines, in order */
	size_t nlines;
};

void ps_explanation_init(struct ps_explanation *x);
void ps_explanation_release(struct ps_explanation *x);
/*
 * Explains PATH against a computed result: present -> the chain of trace
 * steps that put it there (following ps_step.cause); absent -> which rule
 * would have added it and what was missing, else the nearest entry.  PATH
 * is made absolute against in->cwd.  out must be initialised (it is
 * cleared).  Returns 0, or -1 with err set (out of memory).
 */
int ps_explain(const struct ps_result *r, const struct ps_inputs *in, const char *path,
	       struct ps_explanation *out, struct ps_error *err);
/*
 * The same, with the filesystem the result was computed on (fs->cwd =
 * in->cwd; NULL: as ps_explain).  With it the answer also says whether an
 * absent PATH exists (a path that does not exist is never called
 * importable), which top-level names of PATH's entry shadow or are shadowed
 * by another entry (ps_find_shadowing), and, when the interpreter would not
 * start, what PATH would be with the cause removed (the variable unset, or
 * -E): the model is run again on those inputs.
 */
int ps_explain_fs(const struct ps_result *r, const struct ps_inputs *in, const struct ps_fs *fs,
		  const char *path, struct ps_explanation *out, struct ps_error *err);

/*
 * A top-level module or package importable from two sys.path entries:
 * `import NAME` finds it in sys.path[index] (a regular package NAME/ with
 * __init__.py, NAME.py, NAME.pyc or an extension module) and never sees the
 * one in sys.path[hidden] (> index).  Namespace directories (no
 * __init__.py) merge rather than shadow and are left out.
 */
struct ps_shadow {
	char *name;
	long index, hidden;
};
/*
 * Lists the directories of r->sys.path ('' and relative entries against
 * in->cwd) through fs and reports every name found in more than one of
 * them (an entry listed twice is counted once), sorted by index then
 * name.  *out (free with ps_shadows_free) and *nout are set; 0, or -1 with
 * err (out of memory).
 */
int ps_find_shadowing(const struct ps_result *r, const struct ps_inputs *in, const struct ps_fs *fs,
		      struct ps_shadow **out, size_t *nout, struct ps_error *err);
void ps_shadows_free(struct ps_shadow *s, size_t n);
/*
 * The explanation as a JSON object (schema 1): argument, path, on_path,
 * index, also, entry {path, origin, exists, detail} or null, summary, rule,
 * missing, nearest {index, path} or null, chain [{step, phase, op, path,
 * result, sentence}], pth [{file, line, text, action, detail}].  Appended to out.
 */
void ps_explanation_write_json(const struct ps_explanation *x, const struct ps_result *r,
			       struct ps_buf *out);
/* The same document as YAML. */
void ps_explanation_write_yaml(const struct ps_explanation *x, const struct ps_result *r,
			       struct ps_buf *out);

/* ------------------------------------------------------------------ */
/* Verify: comparing a prediction with the real interpreter (verify.c) */
/* ------------------------------------------------------------------ */

/*
 * The engine never runs anything: the front end runs the interpreter with
 * the modelled inputs and `-c ps_verify_probe_code()` (or the code on stdin
 * for interactive runs), then hands stdout to ps_verify_parse().
 */
const char *ps_verify_probe_code(void);   /* static Python code (2.7 and 3.x) */

enum { PS_OBS_NSTR = 10, PS_OBS_NFLAGS = 5 };

/* What the real interpreter reported. */
struct ps_observed {
	int exit_status;          /* exit code, 128 + signal when killed */
	bool timed_out;
	bool probe_ok;            /* the probe's block was found (the interpreter started) */
	char *stderr_text;        /* everything it wrote on stderr (front end fills it), may be NULL */
	/*
	 * executable, _base_executable, prefix, exec_prefix, base_prefix,
	 * base_exec_prefix, platlibdir, _home, site.USER_BASE, site.USER_SITE;
	 * str_state: 1 value, 0 None, -1 attribute missing.
	 */
	char *str[PS_OBS_NSTR];
	int str_state[PS_OBS_NSTR];
	bool site_imported;
	int enable_user_site;     /* 1 True, 0 False, -1 None, -2 not reported */
	struct ps_strv path;
	int flags[PS_OBS_NFLAGS]; /* ignore_environment isolated no_user_site no_site safe_path; -1 missing */
};

void ps_observed_init(struct ps_observed *o);
void ps_observed_release(struct ps_observed *o);
/*
 * Fills o from the probe's stdout (o->probe_ok stays false when the block
 * is absent: the interpreter did not start).  -1 with err on a malformed
 * block or OOM.
 */
int ps_verify_parse(const char *out, size_t len, struct ps_observed *o, struct ps_error *err);

struct ps_vfield {
	char *field;              /* "sys.prefix", "sys.path[3]", "fatal" ... */
	char *predicted, *actual; /* rendered values ("None", "(absent)") */
	bool equal;
};

struct ps_verify {
	struct ps_vfield *f;
	size_t n, ndiff;
	struct ps_strv notes;     /* what was not compared, and why */
};

void ps_verify_init(struct ps_verify *v);
void ps_verify_release(struct ps_verify *v);
/* Field-by-field comparison; v is cleared first.  0, or -1 with err (OOM). */
int ps_verify_compare(const struct ps_result *r, const struct ps_inputs *in,
		      const struct ps_observed *o, struct ps_verify *v, struct ps_error *err);
/*
 * JSON (schema 1): interpreter, exit_status, timed_out, equal, differences,
 * fields [{field, predicted, actual, equal}], notes, stderr.
 */
void ps_verify_write_json(const struct ps_verify *v, const struct ps_observed *o,
			  const char *interpreter, struct ps_buf *out);
/* The same document as YAML. */
void ps_verify_write_yaml(const struct ps_verify *v, const struct ps_observed *o,
			  const char *interpreter, struct ps_buf *out);

/* ------------------------------------------------------------------ */
/* Scenarios                                                           */
/* ------------------------------------------------------------------ */

struct ps_scenario {
	char *path;                 /* file it was loaded from */
	char *name, *description;
	struct ps_inputs inputs;
	struct ps_vfs *vfs;         /* owned */
	void *expect;               /* owned: private representation of the expect: block, NULL if none */
	size_t nexpect;
};

/* Loads a scenario file. Yours: ps_scenario_free(). NULL with err set (FILE:LINE:COL). */
struct ps_scenario *ps_scenario_load(const char *path, struct ps_error *err);
/* Same from a buffer; `name` is used in error messages. */
struct ps_scenario *ps_scenario_load_string(const char *name, const char *text, size_t len,
					    struct ps_error *err);
void ps_scenario_free(struct ps_scenario *sc);
/* Writes inputs and tree as a scenario YAML document (no expect block unless given). */
int ps_scenario_write(const struct ps_inputs *in, struct ps_vfs *vfs, const char *name,
		      const char *description, struct ps_buf *out, struct ps_error *err);

/* One mismatch found by ps_scenario_check. */
struct ps_mismatch {
	char *key;       /* as written in expect: */
	char *expected;  /* rendered as JSON */
	char *actual;    /* rendered as JSON, "(absent)" when missing */
};

/*
 * Compares r with the scenario's expect: block.  Appends one mismatch per
 * differing key to *out (caller frees with ps_mismatches_free).  Returns
 * 0 (even with mismatches) or -1 with err set.
 */
int ps_scenario_check(const struct ps_scenario *sc, const struct ps_result *r,
		      struct ps_mismatch **out, size_t *nout, struct ps_error *err);
void ps_mismatches_free(struct ps_mismatch *m, size_t n);

/* ------------------------------------------------------------------ */
/* Detection of a real interpreter's build (real-filesystem mode)      */
/* ------------------------------------------------------------------ */

/* Where one detected value came from. */
struct ps_detect_note {
	char *what;      /* "version", "prefix", "exec_prefix", "platlibdir", "vpath", "abi_thread", "library", "launcher" */
	char *value;
	char *source;    /* e.g. "/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py" */
};

struct ps_detect {
	char *interpreter;          /* resolved path of the real binary examined */
	bool is_launcher;           /* argv0 resolved to a script (pyenv/asdf shim, wrapper) */
	char *launcher_kind;        /* "pyenv", "asdf", "conda", "shell", NULL */
	char *launcher_target;      /* interpreter the launcher would run, NULL if unknown */
	char *argv0;                /* what argv[0] the real interpreter would see, NULL = unchanged */
	struct ps_strv env_add;     /* "NAME=VALUE" the launcher would add (e.g. PATH) */
	struct ps_detect_note *notes;
	size_t nnotes;
};

void ps_detect_init(struct ps_detect *d);
void ps_detect_release(struct ps_detect *d);
/*
 * Works out, without running anything, which interpreter `in->argv0`
 * names (PATH lookup in in->env), whether it is a launcher script, and
 * the interpreter's version and compiled-in values; fills in->build
 * where its fields are unset (major == 0 means unknown).  May rewrite
 * in->argv0 / in->env to what the launcher would pass.  Returns -1 with
 * err set when the interpreter cannot be identified.
 */
int ps_detect_build(struct ps_inputs *in, const struct ps_fs *fs, struct ps_detect *d,
		    struct ps_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PS_ENGINE_H */
