/*
 * text.h - the explorer's text measuring (style §17): columns of
 * multibyte text with wcwidth, never slicing UTF-8 by bytes; word-wrapping
 * to a width; UTF-8 encoding of a code point.  No curses here: the model
 * (wrapped footers and banner) and the view (drawing, eliding) measure the
 * same way because both call these.
 *
 * A byte that is not valid text, and a character wcwidth calls
 * unprintable, count as one column: the view draws them as '?'.
 */
#ifndef PS_TUI_TEXT_H
#define PS_TUI_TEXT_H

#include <stddef.h>
#include <wchar.h>

#include "engine.h"

/*
 * The character at s (at most n bytes, n > 0): *len gets its length in
 * bytes and, when wc is not NULL, *wc the character ('?' for a byte that
 * is not valid text or a character that cannot be shown).  Returns its
 * columns (0 for a combining character).
 */
int text_char(const char *s, size_t n, wchar_t *wc, size_t *len);

/* Columns of len bytes of text. */
int text_cols(const char *s, size_t len);

/* Bytes of the longest start of s (len bytes) that fits in cols columns. */
size_t text_fit(const char *s, size_t len, int cols);

/*
 * Word-wraps text to width columns, appending one string per line to out
 * (at least one); lines after the first are indented by indent spaces.
 * A word longer than a line is cut.  The footers and the fatal banner use it.
 */
void text_wrap(const char *text, int width, int indent, struct ps_strv *out);

/* Encodes code point c (below 0x110000) as UTF-8 into out; returns the bytes written (1 to 4). */
size_t text_utf8(unsigned c, char out[4]);

#endif /* PS_TUI_TEXT_H */
