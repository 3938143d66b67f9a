/*
 * rules-int.h - the per-version rule table (private to the engine).
 *
 * Every behaviour that differs between CPython versions or platforms is a
 * field here, so the algorithms read "if (rules->pth_posix)" rather than
 * "if (minor >= 11)".  Adding a version means adding a row in rules.c.
 */
#ifndef PS_RULES_INT_H
#define PS_RULES_INT_H

#include "engine.h"

struct ps_ctx;

enum ps_getpath_algo {
	PS_ALGO_PY = 0,   /* Modules/getpath.py, 3.11+ */
	PS_ALGO_C,        /* Modules/getpath.c, 3.6-3.10 (and 2.7 with c27 set) */
};

enum ps_fatal_style {
	PS_FATAL_27 = 0,  /* "ImportError: No module named site" */
	PS_FATAL_36,      /* abort: "Py_Initialize: Unable to get the locale encoding" */
	PS_FATAL_37,      /* abort: "Py_Initialize: ... initfsencoding: unable to load the file system codec" */
	PS_FATAL_DUMP,    /* 3.8-3.12: "Python path configuration:" dump + init_fs_encoding */
	PS_FATAL_313,     /* 3.13+: "Failed to import encodings module" */
};

struct ps_rules {
	const char *name;            /* "3.12" */
	int major, minor;
	enum ps_getpath_algo algo;
	bool c27;                    /* 2.7: no pyvenv.cfg, no base_prefix, Modules/Setup build detection */
	const char *pythonpath_macro;/* default compile-time PYTHONPATH (2.7 ":plat-linux2:lib-tk:lib-old", 3.6 ":") */
	/*
	 * The getpath stage of this row (ps_getpath_run for getpath.py
	 * versions).  A pointer rather than a switch on algo so that the
	 * engine only links the algorithms some row actually uses.
	 */
	int (*getpath_run)(struct ps_ctx *c);

	/* getpath */
	bool has_platlibdir;         /* 3.9+: PLATLIBDIR / sys.platlibdir / PYTHONPLATLIBDIR */
	bool pyvenv_cfg;             /* getpath reads pyvenv.cfg (3.3+) */
	bool cfg_parent_first;       /* 3.11+: parent dir before exe dir, lenient parser */
	bool pth_posix;              /* 3.11+: <exe>._pth honoured on POSIX */
	bool safe_path;              /* 3.11+: -P, PYTHONSAFEPATH, -I implies safe_path */
	bool exe_env_posix;          /* 3.11+: PYTHONEXECUTABLE/__PYVENV_LAUNCHER__ on every POSIX */
	bool zip_landmark;           /* 3.11+: lib/pythonXY.zip is a prefix landmark */
	bool abi_thread;             /* 3.13+: 't' in landmark names */
	bool stdlib_dir_config;      /* 3.13+: config.stdlib_dir honoured */
	bool base_exe_prefers_real;  /* 3.13+: base_executable = real_executable or executable (launcher case) */
	bool venv_in_getpath;        /* 3.14+: getpath switches prefix to the venv */
	bool home_blocks_venv;       /* <=3.13: PYTHONHOME disables pyvenv.cfg in getpath */
	bool cfg_without_home_is_venv;/* 3.14+: gh-135773 */
	bool exec_prefix_prefers_prefix; /* 3.14+: GH-66409 */
	bool library_dladdr;         /* 3.14+: shared POSIX builds know their libpython */
	bool realpath_needs_exe;     /* 3.13+: realpath(real_executable) only when it is non-empty */
	bool paths_from_base_prefix; /* 3.14+: zip/stdlib/macro entries from base_prefix */
	bool realpath_warn_real;     /* 3.14+: warning names real_executable */
	bool has_base_executable;    /* 3.8+: sys._base_executable exists */
	bool has_base_prefix;        /* 3.3+: sys.base_prefix exists */
	bool has_isolated;           /* 3.4+: -I */
	bool py_setpath;             /* <=3.12: the legacy Py_SetPath() exists (embed.setpath honoured) */

	/* fatal start-up error */
	enum ps_fatal_style fatal_style;
	bool dump_safe_path;         /* 3.11+: the dump has "safe_path" */
	bool dump_stdlib_dir;        /* 3.11+: the dump has "is in build tree" and "stdlib dir" */
	bool dump_platlibdir;        /* 3.9+: the dump has sys.platlibdir */
	/*
	 * An exception escaping getpath.py (a >= 32 KiB pyvenv.cfg, ._pth or
	 * pybuilddir.txt, or an unexpected errno) is reported as unraisable:
	 * 3.11/3.12 "Exception ignored error evaluating path:", 3.13+
	 * "Exception ignored in running getpath:", followed by a one-frame
	 * traceback naming the line of <frozen getpath> that called
	 * readlines().  Lines of the four readlines() calls, in this order:
	 * pyvenv.cfg in the parent dir, pyvenv.cfg next to the executable,
	 * ._pth, pybuilddir.txt.
	 */
	bool getpath_exc_running;
	int getpath_readlines_line[4];

	/* site.py */
	bool isolated_no_path0;      /* <=3.10: -I suppresses sys.path[0] (no safe_path) */
	bool site_venv;              /* 3.3+: site.venv() */
	bool site_venv_warn_only;    /* 3.14+: site only warns when sys.prefix is not the venv */
	bool site_prefixes_base;     /* 3.14+: PREFIXES += base_prefix, base_exec_prefix */
	bool site_libdirs_platlibdir;/* 3.9+: site-packages under platlibdir and lib */
	bool pth_skip_hidden_dot;    /* .pth names starting with '.', and files with the hidden
					flag, are skipped (gh-113659): 3.13+, and from the micro
					below on in 3.8-3.12 */
	int pth_skip_hidden_micro;   /* first micro that skips them (the backport: 3.8.19, 3.9.19,
					3.10.14, 3.11.8, 3.12.2); 0: every micro.  An unknown
					micro (-1) is taken as the newest release */
	bool pth_utf8_sig;           /* 3.13+: .pth decoded utf-8-sig, then locale */
	bool site_python_27;         /* 2.7: lib/site-python */
	bool user_site_abi_thread;   /* 3.13+: user site has the 't' */
	bool pth_sets_no_user_site;  /* 3.15+: gh-120037 */
	bool launcher_env_unset;     /* 3.11+: __PYVENV_LAUNCHER__ removed from os.environ */

	/* <=3.10: the C getpath (getpath_c.c) and the start-up around it */
	const char *c_build_landmark;/* "Modules/Setup" (2.7-3.7), "Modules/Setup.local" (3.8+) */
	bool c_builddir_isfile;      /* 2.7-3.8: pybuilddir.txt is stat()ed before it is opened */
	int c_symlink_limit;         /* readlink loop: 0 no limit (2.7-3.8 hang), 1 3.9, 2 3.10 fatal */
	bool env_flag_nonempty;      /* 2.7, 3.6: any non-empty PYTHONNOUSERSITE disables the user site */
	bool env_home_empty_set;     /* 2.7, 3.6: PYTHONHOME="" counts as set (home '') */
	bool env_pythonpath_empty_set;/* 2.7: PYTHONPATH="" adds a '' entry */
	bool dump_frame_unindented;  /* 3.8, 3.9: "<no Python frame>" without its indent */
	bool path0_module_empty;     /* 2.7, 3.6: -m gives sys.path[0] '' (3.7+: the cwd) */

	/* <=3.10 on Windows: PC/getpathp.c (getpath_pc.c) */
	int pc_launcher;             /* __PYVENV_LAUNCHER__: 0 not read (3.6), 1 replaces the executable
					(3.7.2+), 2 and the real one becomes base_executable (3.8+) */
	bool pc_registry_gated;      /* 3.8+: the registry is not read under -E / -I */
	bool pc_canonicalize;        /* 3.7+: the executable path goes through PathCchCanonicalizeEx */
	bool pc_status_errors;       /* 3.8+: a bad ._pth line is a PyStatus error, before Py_FatalError */
	bool pc_zip_exe_fallback;    /* 3.10: no zip name from the DLL falls back to the executable's */

	/* site.py of the older versions (site.c) */
	bool site_sitedir_unknown;   /* 2.7: addsitedir() does not put its directory in known_paths */
	bool pth_blank_is_path;      /* 2.7: a blank .pth line names the site directory itself */
	bool pth_bytes;              /* 2.7: .pth files are read as bytes, never decoded */
	bool locale_c_ascii;         /* 2.7, 3.6: no C-locale coercion (PEP 538/540): C/POSIX is ASCII */
	const char *pth_nul_error;   /* 2.7, 3.6, 3.7: os.path.exists() of a .pth line with a NUL
					raises this; NULL: it is false (3.8+) */
	const char *site_fail_message; /* the fatal line of a failed `import site`; NULL:
					  "init_import_site: Failed to import the site module" (3.9+) */
	bool site_legacy_virtualenv; /* 2.7: a virtualenv (<20) site.py in the stdlib dir is detected */
	bool site_darwin_library;    /* 3.6: framework builds add /Library/<framework>/M.m/site-packages */
	int site_nt_libdirs;         /* nt site-packages after the prefix itself: 0 prefix\Lib\site-packages
					(3.11+), 1 prefix\lib\site-packages (<=3.8), 2 prefix\<platlibdir>\
					site-packages then prefix\lib\site-packages (3.9, 3.10) */
	bool user_site_nt_version;   /* <=3.9: nt user site PythonXY from sys.version_info (3.10+: sys.winver) */
	bool user_site_normpath;     /* 2.7, 3.6: USER_SITE comes from sysconfig, normpath()ed */
};

/* Rules for major.minor on platform, or NULL. Borrowed, static. */
const struct ps_rules *ps_rules_get(int major, int minor, enum ps_platform platform);

#endif /* PS_RULES_INT_H */
