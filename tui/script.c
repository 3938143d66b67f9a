/*
 * script.c - the headless explorer (style §23a, after tig's TIG_SCRIPT):
 * reads commands from cli->script_keys and prints text dumps of the view
 * model on stdout.  No terminal is needed and the output is deterministic
 * (times are left out), so tests can compare it.
 *
 * The script, one command per line ('#' starts a comment):
 *   key K...        keys by name: j, Enter, Tab, Esc, Down, PgDn, C-l, Space, "<Up>" ...
 *   type TEXT       the characters of TEXT, as typed (UTF-8)
 *   dump            the view model as text
 *   resize W H      a new screen size (the start is 80x24)
 *   click X Y       a mouse click at a cell (0-based)
 *   wheel up|down X Y
 * After the last line, or when a key quits, a final dump is printed
 * unless the script's last command was a dump.
 */
#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore.h"
#include "keymap.h"
#include "model.h"
#include "theme.h"
#include "util.h"

static void dump(struct ps_model *m)
{
	struct ps_buf b;

	ps_buf_init(&b);
	model_dump(m, &b);
	xbuf_check(&b);
	write_stdout(b.s, b.len);
	ps_buf_release(&b);
}

/* Decodes one UTF-8 character at *s (advancing it); invalid bytes come out as themselves. */
static int next_char(const char **s)
{
	const unsigned char *u = (const unsigned char *)*s;
	int c = u[0], n = 1, i;

	if (c >= 0xf0 && c < 0xf8) {
		c &= 0x07;
		n = 4;
	} else if (c >= 0xe0) {
		c &= 0x0f;
		n = 3;
	} else if (c >= 0xc0) {
		c &= 0x1f;
		n = 2;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*s += 1;
			return u[0];
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*s += n;
	return c;
}

int script_main(const struct ps_cli *cli, struct ps_session *s)
{
	struct ps_model m;
	struct ps_theme theme;
	struct ps_error err;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, rc = 0;
	bool dumped_last = false, quit = false;
	const char *file = cli->script_keys;

	f = !strcmp(file, "-") ? stdin : fopen(file, "r");
	if (!f) {
		print_msg("%s: %s", file, strerror(errno));
		return 2;
	}
	/* the theme is checked as the explorer would (its colours are not used here) */
	if (theme_from_cli(cli->theme, &theme, &err) < 0)
		print_error(&err);
	model_init(&m, s, cli, !strcmp(nl_langinfo(CODESET), "UTF-8"));
	model_layout(&m, 80, 24);
	while (!quit && (len = getline(&line, &cap, f)) >= 0) {
		char *cmd, *arg, *save = NULL;
		int r = 0;

		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		cmd = line + strspn(line, " \t");
		if (!*cmd || *cmd == '#')
			continue;
		arg = cmd + strcspn(cmd, " \t");
		if (*arg)
			*arg++ = '\0';
		dumped_last = false;
		if (!strcmp(cmd, "key")) {
			char *k;
			for (k = strtok_r(arg, " \t", &save); k && !quit; k = strtok_r(NULL, " \t", &save)) {
				int code = keymap_key_parse(k);
				if (code < 0) {
					print_msg("%s:%d: unknown key '%s'", file, lineno, k);
					rc = 2;
					goto out;
				}
				r = model_key(&m, code);
				if (r & PS_R_QUIT)
					quit = true;
			}
		} else if (!strcmp(cmd, "type")) {
			const char *p = arg;
			while (*p && !quit)
				if (model_key(&m, next_char(&p)) & PS_R_QUIT)
					quit = true;
		} else if (!strcmp(cmd, "dump")) {
			dump(&m);
			dumped_last = true;
		} else if (!strcmp(cmd, "resize")) {
			int w, h;
			if (sscanf(arg, "%d %d", &w, &h) != 2 || w < 1 || h < 1) {
				print_msg("%s:%d: resize needs a width and a height", file, lineno);
				rc = 2;
				goto out;
			}
			model_layout(&m, w, h);
		} else if (!strcmp(cmd, "click") || !strcmp(cmd, "wheel")) {
			int x, y, button = 1;
			char dir[8] = "";
			if (!strcmp(cmd, "wheel")) {
				if (sscanf(arg, "%7s %d %d", dir, &x, &y) != 3 ||
				    (strcmp(dir, "up") && strcmp(dir, "down"))) {
					print_msg("%s:%d: usage: wheel up|down X Y", file, lineno);
					rc = 2;
					goto out;
				}
				button = !strcmp(dir, "up") ? 4 : 5;
			} else if (sscanf(arg, "%d %d", &x, &y) != 2) {
				print_msg("%s:%d: usage: click X Y", file, lineno);
				rc = 2;
				goto out;
			}
			if (model_mouse(&m, x, y, button) & PS_R_QUIT)
				quit = true;
		} else {
			print_msg("%s:%d: unknown command '%s' (key, type, dump, resize, click, wheel)", file,
				  lineno, cmd);
			rc = 2;
			goto out;
		}
	}
	if (!dumped_last)
		dump(&m);
out:
	free(line);
	if (f != stdin)
		fclose(f);
	model_release(&m);
	return rc;
}
