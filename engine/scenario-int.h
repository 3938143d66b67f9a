/*
 * scenario-int.h - the small document tree shared by the scenario loader
 * (scenario.c), the JSON/YAML writers (json.c), the scenario writer
 * (scenario_write.c) and the expectation checker (expect.c).  Private.
 *
 * Why a tree of our own instead of libfyaml's fy_document: we need the
 * line and column of every node (libfyaml 0.7 only exposes marks on
 * events), duplicate keys reported where they are, aliases refused (no
 * billion laughs), and the very same structure for the result document,
 * so that the checker compares two trees of one kind and file names with
 * arbitrary bytes survive (a JSON round trip through libfyaml would not
 * accept the \udcXX escapes we write for them).
 */
#ifndef PS_SCENARIO_INT_H
#define PS_SCENARIO_INT_H

#include "engine.h"

enum ps_ykind { PS_Y_SCALAR = 0, PS_Y_SEQ, PS_Y_MAP };

/* The resolved type of a scalar (YAML core schema, reduced to what we need). */
enum ps_ytype {
	PS_YT_STR = 0,  /* quoted, or plain text that is none of the below */
	PS_YT_NULL,     /* plain "", "~", null, Null, NULL */
	PS_YT_BOOL,     /* plain true/false (any case) */
	PS_YT_INT,      /* plain decimal integer */
};

/*
 * A node.  Scalars hold their text (NUL-terminated, may contain NUL bytes
 * in the middle: use len).  A mapping keeps its pairs in document order as
 * kids[2i] (key, always a scalar) and kids[2i+1] (value).  Owns its kids.
 */
struct ps_ynode {
	enum ps_ykind kind;
	enum ps_ytype type;      /* scalars only */
	bool plain;              /* scalar written without quotes (and without tag) */
	char *text;              /* scalars only */
	size_t len;
	long long ival;          /* PS_YT_INT / PS_YT_BOOL value */
	struct ps_ynode **kids;
	size_t n, alloc;         /* n = number of kids (2 per pair in a mapping) */
	int line, col;           /* 1-based; 0 when built in memory */
};

/* Constructors: yours (ps_ynode_free), NULL on OOM. */
struct ps_ynode *ps_ynode_new(enum ps_ykind kind);
struct ps_ynode *ps_ynode_str(const char *s);              /* s NULL gives a null */
struct ps_ynode *ps_ynode_strn(const char *s, size_t len);
struct ps_ynode *ps_ynode_int(long long v);
struct ps_ynode *ps_ynode_bool(bool v);
struct ps_ynode *ps_ynode_null(void);
void ps_ynode_free(struct ps_ynode *n);
/* Appends kid to a sequence (adopted, freed on failure too). 0 or -1. */
int ps_ynode_push(struct ps_ynode *seq, struct ps_ynode *kid);
/* Appends key: value to a mapping (value adopted, freed on failure too). 0 or -1. */
int ps_ynode_set(struct ps_ynode *map, const char *key, struct ps_ynode *value);
/* Borrowed value of key in a mapping, NULL when absent (or map is not a mapping). */
struct ps_ynode *ps_ynode_get(const struct ps_ynode *map, const char *key);
/* Resolves a plain scalar's type from its text (sets type and ival). */
void ps_ynode_resolve(struct ps_ynode *n);

/*
 * Parses one YAML document (JSON is YAML) into a tree.  Refuses aliases,
 * tags other than !!str, complex keys, duplicate keys, NUL bytes in keys,
 * more than one document and nesting deeper than 64.  Returns the root
 * (yours; an empty document gives a null scalar) or NULL with err set to
 * "NAME:LINE:COL: message".
 */
struct ps_ynode *ps_yaml_parse(const char *name, const char *text, size_t len,
			       struct ps_error *err);

/* The result document (contract §2), as a tree. Yours; NULL on OOM. */
struct ps_ynode *ps_result_tree(const struct ps_result *r);

/* Serialises a tree as pretty JSON (2-space indent) / compact one-line JSON / block YAML. */
void ps_json_write_tree(const struct ps_ynode *n, struct ps_buf *out);
void ps_json_write_compact(const struct ps_ynode *n, struct ps_buf *out);
void ps_yaml_write_tree(const struct ps_ynode *n, struct ps_buf *out);
/*
 * Appends s as a YAML scalar that reads back as exactly s (with the text
 * kept as written, the way the scenario loader reads strings): plain when
 * that is unambiguous, else single- or double-quoted.  Never multi-line.
 */
void ps_yaml_add_scalar(struct ps_buf *out, const char *s, size_t len);
/* Appends s as a JSON string literal (quotes included); see json.c for the escaping rules. */
void ps_json_add_string(struct ps_buf *out, const char *s, size_t len);

/*
 * Every path the result document can have, in the "shape" notation of the
 * expect: keys: dotted components, "#" standing for any array index
 * ("getpath.prefix", "entries.#.origin", "sys.path.#").  NULL-terminated.
 * A unit test keeps it in step with ps_result_tree().
 */
extern const char *const ps_result_shapes[];

/* The private representation behind struct ps_scenario's `expect`. */
struct ps_expect {
	struct ps_ynode *doc;     /* the whole scenario document (owned) */
	struct ps_ynode *map;     /* borrowed: the expect: mapping inside doc */
};
void ps_expect_free(struct ps_expect *e);

/* Levenshtein distance, capped: used for "did you mean" suggestions. */
size_t ps_edit_distance(const char *a, const char *b);
/* The closest of names (NULL-terminated) to s when close enough, else NULL. Borrowed. */
const char *ps_closest(const char *s, const char *const *names);

#endif /* PS_SCENARIO_INT_H */
