/*
 * error.c - struct ps_error: allocation-free error reports.
 *
 * The engine never prints; every failure is described here and the caller
 * decides how to show it (style §12).
 */
#include <stdio.h>
#include <string.h>

#include "engine.h"

void ps_error_init(struct ps_error *err)
{
	if (!err)
		return;
	err->code = PS_OK;
	err->msg[0] = '\0';
	err->file[0] = '\0';
	err->line = 0;
	err->col = 0;
}

static void set_msg(struct ps_error *err, const char *fmt, va_list ap)
{
	/* A truncated message is still a useful message: ignore the length. */
	if (vsnprintf(err->msg, sizeof(err->msg), fmt, ap) < 0)
		err->msg[0] = '\0';
}

void ps_error_set(struct ps_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
}

void ps_error_at(struct ps_error *err, int code, const char *file, int line, int col,
		 const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	/* file may alias err->file (re-reporting the same file): copy safely. */
	if (!file)
		err->file[0] = '\0';
	else if (file != err->file)
		snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
}

const char *ps_error_format(const struct ps_error *err, char *out, size_t size)
{
	size_t n = 0;
	int k;

	if (!out || size == 0)
		return out;
	out[0] = '\0';
	if (!err)
		return out;
	/* "FILE:LINE:COL: msg", leaving out what is unknown (line 0, col 0). */
	if (err->file[0]) {
		if (err->line > 0 && err->col > 0)
			k = snprintf(out, size, "%s:%d:%d: ", err->file, err->line, err->col);
		else if (err->line > 0)
			k = snprintf(out, size, "%s:%d: ", err->file, err->line);
		else
			k = snprintf(out, size, "%s: ", err->file);
		if (k < 0)
			k = 0;
		n = (size_t)k < size ? (size_t)k : size - 1;
	}
	snprintf(out + n, size - n, "%s", err->msg);
	return out;
}
