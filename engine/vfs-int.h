/*
 * vfs-int.h - what the overlay needs from the virtual tree beyond engine.h
 * (private to vfs.c and overlay.c).
 */
#ifndef PS_VFS_INT_H
#define PS_VFS_INT_H

#include "engine.h"

/*
 * lstat that also tells whether the node was added explicitly
 * (ps_vfs_add) or only exists as the parent of such a node; an implicit
 * directory of an overlay's upper tree must not hide the lower one's
 * mode.  Returns 0 or an errno value.
 */
int ps_vfs_lstat_ex(struct ps_vfs *vfs, const char *path, struct ps_stat *st, bool *explicit_node);

#endif
