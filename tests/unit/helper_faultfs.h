/*
 * helper_faultfs.h - a struct ps_fs that fails on purpose (SQLite's fault
 * injection), for testing error paths.  Linked into every unit test.
 *
 *   struct ps_faultfs ff;
 *   ps_faultfs_init(&ff, &lower_fs, 3, EACCES);  // the 3rd counted call fails
 *   ps_faultfs_set_ops(&ff, PS_FAULT_READ);     // optional: count only reads
 *   ff.persistent = true;                        // optional: keep failing after
 *   ... use &ff.fs wherever a const struct ps_fs * is wanted ...
 *   ff.calls, ff.failures                        // what happened
 *
 * A typical loop injects a fault at every call in turn until a run
 * completes without reaching it:
 *
 *   for (n = 1;; n++) {
 *       ps_faultfs_init(&ff, &lower, n, ENOMEM);
 *       run(&ff.fs);           // must not crash or leak; may fail cleanly
 *       if (!ff.failures) break;
 *   }
 *
 * The struct must stay where it is while in use: ff.fs.ctx points at it.
 * ff.fs.cwd and ff.fs.platform are copied from the lower fs at init and
 * may be changed.  Paths are passed to the lower ops unchanged (the ps_fs_*
 * wrappers have already applied ff.fs.cwd).
 */
#ifndef PS_HELPER_FAULTFS_H
#define PS_HELPER_FAULTFS_H

#include "engine.h"

enum ps_fault_op {
	PS_FAULT_STAT = 1 << 0,
	PS_FAULT_LSTAT = 1 << 1,
	PS_FAULT_READLINK = 1 << 2,
	PS_FAULT_READ = 1 << 3,
	PS_FAULT_LIST = 1 << 4,
	PS_FAULT_ALL = 0x1f
};

struct ps_faultfs {
	struct ps_fs fs;              /* the faulty filesystem to hand out */
	const struct ps_fs *lower;    /* borrowed: where calls really go */
	long fail_at;                 /* 1-based counted call that fails; 0 = never */
	int err;                      /* errno value returned by a failing call */
	bool persistent;              /* fail every counted call from fail_at on */
	unsigned ops;                 /* PS_FAULT_* mask of the calls that count */
	const char *path_match;       /* if set, only calls whose path contains it count */
	long calls;                   /* counted calls so far */
	long failures;                /* failures injected so far */
};

/* Wraps lower; fails the fail_at-th call (of any op) with err. */
void ps_faultfs_init(struct ps_faultfs *ff, const struct ps_fs *lower, long fail_at, int err);
/* Restricts counting (and failing) to the ops in mask (PS_FAULT_*). */
void ps_faultfs_set_ops(struct ps_faultfs *ff, unsigned mask);

#endif
