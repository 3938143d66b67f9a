/*
 * util.h - front-end helpers: allocation wrappers that abort on OOM (only
 * the front end may do that; the engine reports NOMEM as an error) and the
 * one way errors are printed.
 */
#ifndef PS_TUI_UTIL_H
#define PS_TUI_UTIL_H

#include <stddef.h>
#include "engine.h"

/* Never return NULL: on allocation failure they print "pathscope: out of memory" and exit(1). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);                       /* yours; NULL stays NULL */
char *xasprintf(const char *fmt, ...) PS_PRINTF(1, 2);  /* yours */
/* Aborts with the OOM message when b->oom is set (after a sequence of appends). */
void xbuf_check(const struct ps_buf *b);
/* Same for an engine call that reported PS_ERR_NOMEM or failed on a container op. */
_Noreturn void die_oom(void);

/* Prints "pathscope: " + ps_error_format(err) + '\n' to stderr. */
void print_error(const struct ps_error *err);
/* Prints "pathscope: " + message + '\n' to stderr. */
void print_msg(const char *fmt, ...) PS_PRINTF(1, 2);

/*
 * Writes len bytes to stdout and flushes.  Returns 0, or -1 after
 * printing an error (e.g. a closed pipe), so commands can exit non-zero.
 */
int write_stdout(const char *s, size_t len);
/*
 * A command's whole output: ends b with a newline if it lacks one, writes
 * it as write_stdout() does and releases b.  Returns 0 or -1 likewise.
 */
int write_stdout_buf(struct ps_buf *b);

/*
 * Appends text word-wrapped to `width` columns: the first line continues
 * a line already at column `start` (0: a new line, indented), the others
 * start with `indent` spaces; a word longer than a line (a long path) gets
 * a line of its own.  Newlines in text are kept.  Ends with a newline.
 */
void wrap_text(struct ps_buf *b, const char *text, size_t indent, size_t start, size_t width);
/*
 * As wrap_text(), each word (n bytes at w, not NUL-terminated) appended by
 * add_word (e.g. to colour it; NULL: as is); the layout counts only the
 * word's own columns, so add_word may add escape codes around it.
 */
typedef void wrap_word_fn(struct ps_buf *b, const char *w, size_t n, void *ctx);
void wrap_words(struct ps_buf *b, const char *text, size_t indent, size_t start, size_t width,
		wrap_word_fn *add_word, void *ctx);

/* Whether to colour output on fd: --color wins, then NO_COLOR, then isatty. */
struct ps_cli;
bool want_color(const struct ps_cli *cli, int fd);

#endif /* PS_TUI_UTIL_H */
