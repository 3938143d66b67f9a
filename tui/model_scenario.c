/*
 * model_scenario.c - w and o (see model-int.h): the current inputs and the
 * files the explorer edited written as a scenario file (the one file the
 * explorer ever writes, at a path the user typed), and a scenario file
 * opened in place of what the session models.  No curses here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-int.h"

int scenario_write(struct ps_model *m, const char *path)
{
	struct ps_error err;
	struct ps_buf out;
	struct ps_vfs *vfs, *empty = NULL;
	FILE *f;
	int rc = -1;

	ps_error_init(&err);
	ps_buf_init(&out);
	if (m->s->scenario)
		vfs = m->s->scenario->vfs;
	else if (m->s->overlay)
		vfs = ps_overlay_upper(m->s->overlay);
	else
		vfs = empty = ps_vfs_new(m->s->in.build.platform);
	if (!vfs)
		die_oom();
	if (ps_scenario_write(&m->s->in, vfs, m->s->in.name ? m->s->in.name : "written by the pathscope explorer",
			      NULL, &out, &err) < 0) {
		model_status_err(m, &err);
		goto out;
	}
	xbuf_check(&out);
	f = fopen(path, "w");
	if (!f || fwrite(out.s, 1, out.len, f) != out.len || fclose(f) != 0) {
		model_status(m, true, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (m->real_mode)
		model_status(m, false, "wrote %s (inputs and %zu edited files; `pathscope capture` records the real tree)",
			     path, m->nedits);
	else
		model_status(m, false, "wrote %s", path);
	rc = 0;
out:
	ps_vfs_free(empty);
	ps_buf_release(&out);
	return rc;
}

/*
 * The scenario comes with the command line's model options over it
 * (session_open_scenario).
 */
void scenario_open(struct ps_model *m, const char *path)
{
	struct ps_error err;

	ps_error_init(&err);
	if (session_open_scenario(m->s, path, &err) < 0) {
		model_status_err(m, &err);
		return;
	}
	/* the edits were made to the old tree, which is gone */
	files_forget(m);
	free(m->venv_cfg);
	free(m->pth_path);
	m->venv_cfg = m->pth_path = NULL;
	model_start(m);
	if (!m->status_error)
		model_status(m, false, "opened %s", path);
}
