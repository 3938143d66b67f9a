/*
 * getpath-int.h - what the three getpath implementations share (private):
 * getpath.c (getpath.py, 3.11+), getpath_c.c (Modules/getpath.c, 2.7 and
 * 3.6-3.10 on POSIX) and getpath_pc.c (PC/getpathp.c, 3.6-3.10 on
 * Windows).  Implemented in getpath-common.c.
 *
 * Everything here works through the context: allocation failures set
 * c->oom (never reported otherwise), probes and decisions go to the trace.
 */
#ifndef PS_GETPATH_INT_H
#define PS_GETPATH_INT_H

#include <stdarg.h>
#include <stdlib.h>

#include "compute-int.h"

/* Python's str() of a str-or-None, for notes: "None" for NULL, else s (borrowed). */
static inline const char *ps_gp_str(const char *s)
{
	return s ? s : "None";
}

/* *var = val, adopting val (the old value is freed). */
static inline void ps_gp_take(char **var, char *val)
{
	free(*var);
	*var = val;
}

/* ps_ctx_printf() with a va_list: yours, NULL after OOM (which marks c). */
char *ps_gp_vfmt(struct ps_ctx *c, const char *fmt, va_list ap);

/*
 * A filesystem probe traced with a formatted note: op is PS_OP_ISFILE,
 * PS_OP_ISDIR or PS_OP_ISXFILE (ps_probe_isfile/isdir/isxfile).
 */
bool ps_gp_probe(struct ps_ctx *c, enum ps_phase ph, enum ps_op op, const char *path,
		 const char *fmt, ...) PS_PRINTF(5, 6);

/*
 * _Py_get_env_flag()'s integer rule for PYTHONNOUSERSITE and friends: the
 * value as an int; anything that is not a non-negative int (up to INT_MAX)
 * counts as 1.  NULL is 0.
 */
int ps_gp_env_flag(const char *v);

/*
 * initconfig's flags, the same in every version: isolated (-I, where the
 * version has it), use_environment (-E, off under -I), site_import (-S),
 * user_site_directory (-s, off under -I), each overridden by an embedding
 * application's value when it gives one.  Not traced.
 */
void ps_gp_config_flags(struct ps_ctx *c);

/*
 * The effective configuration of the C getpath versions (getpath_c.c,
 * getpath_pc.c): ps_gp_config_flags(), then PYTHONNOUSERSITE (any
 * non-empty value in 2.7/3.6, the integer rule later), safe_path off (-P
 * and PYTHONSAFEPATH came with 3.11, traced as ignored) and the
 * embedder's pathconfig_warnings.
 */
void ps_gp_c_config(struct ps_ctx *c);

/* ------------------------------------------------------------------ */
/* The joined search path of the C versions                             */
/* ------------------------------------------------------------------ */

/* One piece of the joined string, with where it comes from. */
struct ps_gp_piece {
	size_t start, end;          /* byte range in the joined string */
	enum ps_origin origin;
	char *detail;               /* owned */
	long step;                  /* trace step that decided it, -1 for none */
};

/*
 * The C code builds the module search path as one DELIM-joined string
 * and splits it at the end; the pieces remember which part of the string
 * came from where, so each element gets an origin.  The caller appends
 * delimiters to buf itself.
 */
struct ps_gp_joined {
	struct ps_buf buf;          /* the joined string */
	struct ps_gp_piece *pieces; /* owned, in string order */
	size_t npieces;
};

void ps_gp_joined_init(struct ps_gp_joined *j);
void ps_gp_joined_release(struct ps_gp_joined *j);
/* Appends text as one piece; detail is adopted (freed on failure). */
void ps_gp_joined_add(struct ps_ctx *c, struct ps_gp_joined *j, const char *text,
		      enum ps_origin origin, long step, char *detail);
/*
 * Splits the string on delim into o->module_search_paths and o->entries,
 * one trace step per element; each element takes the origin and detail of
 * the piece it starts in.  With note_splits, an element that is only part
 * of its piece (not PYTHONPATH's) says that a delimiter split the value.
 */
void ps_gp_joined_split(struct ps_ctx *c, const struct ps_gp_joined *j, char delim,
			bool note_splits, struct ps_getpath_out *o);

/* Py_SetPath(): the embedder's string split on delim is the search path, verbatim. */
void ps_gp_setpath(struct ps_ctx *c, char delim, struct ps_getpath_out *o);
/* The embedder's module_search_paths (config.module_search_paths_set), verbatim. */
void ps_gp_embed_paths(struct ps_ctx *c, struct ps_getpath_out *o);

/* ------------------------------------------------------------------ */
/* The Windows registry (inputs.registry)                               */
/* ------------------------------------------------------------------ */

/* Hives, in the order getpath.py reads them. */
enum { PS_GP_HKCU = 0, PS_GP_HKLM = 1 };

/* A subkey of the key read. */
struct ps_gp_regsub {
	char *name;                 /* owned: its name as first listed */
	const char *key;            /* borrowed: the scenario's key naming it exactly (the last
				       one listed), NULL when only a key below it is listed */
	const char *value;          /* borrowed: that key's value; "" when none */
};

/*
 * One key of one hive as RegOpenKeyEx/RegEnumKeyEx/RegQueryValueEx see
 * it, built from the scenario's "HIVE\\path" keys (HKCU, HKLM or their
 * long names; case-insensitive, as the registry is): the key exists when
 * it or any key below it is listed; its subkeys are the distinct first
 * components below it, in case-insensitive name order (the order the
 * registry enumerates them in).
 */
struct ps_gp_regkey {
	bool exists;
	const char *core;           /* borrowed: the key's own default value, NULL when none */
	struct ps_gp_regsub *subs;  /* owned */
	size_t nsubs;
};

/* Reads keyname (without the hive) of hive (PS_GP_HKCU/HKLM) into *k; release it after. */
void ps_gp_reg_read(struct ps_ctx *c, int hive, const char *keyname, struct ps_gp_regkey *k);
void ps_gp_reg_release(struct ps_gp_regkey *k);

#endif /* PS_GETPATH_INT_H */
