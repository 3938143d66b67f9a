/* helper_faultfs.c - see helper_faultfs.h. */
#include <errno.h>
#include <string.h>

#include "helper_faultfs.h"

/* Counts the call if it matches; true when it must fail. */
static bool should_fail(struct ps_faultfs *ff, unsigned op, const char *path)
{
	if (!(ff->ops & op))
		return false;
	if (ff->path_match && (!path || !strstr(path, ff->path_match)))
		return false;
	ff->calls++;
	if (ff->fail_at <= 0)
		return false;
	if (ff->calls == ff->fail_at || (ff->persistent && ff->calls > ff->fail_at)) {
		ff->failures++;
		return true;
	}
	return false;
}

static int ff_stat(void *ctx, const char *path, struct ps_stat *st)
{
	struct ps_faultfs *ff = ctx;

	if (should_fail(ff, PS_FAULT_STAT, path))
		return ff->err;
	return ff->lower->ops->stat(ff->lower->ctx, path, st);
}

static int ff_lstat(void *ctx, const char *path, struct ps_stat *st)
{
	struct ps_faultfs *ff = ctx;

	if (should_fail(ff, PS_FAULT_LSTAT, path))
		return ff->err;
	return ff->lower->ops->lstat(ff->lower->ctx, path, st);
}

static int ff_readlink(void *ctx, const char *path, char **target)
{
	struct ps_faultfs *ff = ctx;

	*target = NULL;
	if (should_fail(ff, PS_FAULT_READLINK, path))
		return ff->err;
	return ff->lower->ops->readlink(ff->lower->ctx, path, target);
}

static int ff_read_file(void *ctx, const char *path, size_t limit, char **data, size_t *len)
{
	struct ps_faultfs *ff = ctx;

	*data = NULL;
	*len = 0;
	if (should_fail(ff, PS_FAULT_READ, path))
		return ff->err;
	return ff->lower->ops->read_file(ff->lower->ctx, path, limit, data, len);
}

static int ff_list_dir(void *ctx, const char *path, struct ps_strv *names)
{
	struct ps_faultfs *ff = ctx;

	if (should_fail(ff, PS_FAULT_LIST, path))
		return ff->err;
	return ff->lower->ops->list_dir(ff->lower->ctx, path, names);
}

static const struct ps_fs_ops faultfs_ops = {
	.stat = ff_stat,
	.lstat = ff_lstat,
	.readlink = ff_readlink,
	.read_file = ff_read_file,
	.list_dir = ff_list_dir,
};

void ps_faultfs_init(struct ps_faultfs *ff, const struct ps_fs *lower, long fail_at, int err)
{
	memset(ff, 0, sizeof(*ff));
	ff->lower = lower;
	ff->fail_at = fail_at;
	ff->err = err ? err : EIO;
	ff->ops = PS_FAULT_ALL;
	ff->fs.ops = &faultfs_ops;
	ff->fs.ctx = ff;
	ff->fs.platform = lower->platform;
	ff->fs.cwd = lower->cwd;
}

void ps_faultfs_set_ops(struct ps_faultfs *ff, unsigned mask)
{
	ff->ops = mask;
}
