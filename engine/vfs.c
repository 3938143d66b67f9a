/*
 * vfs.c - struct ps_vfs, an in-memory filesystem tree (CPython's
 * MockPosixNamespace / MockNTNamespace, with a kernel's path walk).
 *
 * Nodes are files, directories and symlinks.  Each directory indexes its
 * children in an open-addressing hash table, so a lookup costs O(length
 * of the path) whatever the size of the tree.  Path resolution follows
 * symlinks in every intermediate component (and in the last one for
 * stat), "..", "." and repeated separators like the Linux kernel, with
 * ELOOP after 40 links.
 *
 * Permissions are modelled for an unprivileged user: traversing a
 * directory needs one of its x bits (else EACCES for anything below it;
 * stat of the directory itself still works), listing or reading needs
 * one of the r bits.
 *
 * NT flavour: names compare case-insensitively (ASCII), '\\' and '/'
 * both separate, and absolute paths start at a drive ("C:\") or a share
 * ("\\server\share\"), each of which is a root directory of its own.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"
#include "vfs-int.h"

#define PS_VFS_MAX_LINKS 40

struct vnode {
	char *name;
	size_t namelen;            /* strlen(name): compared before the bytes */
	enum ps_ftype type;        /* PS_FT_FILE, PS_FT_DIR or PS_FT_LINK */
	unsigned mode;
	bool hidden;
	bool is_root;              /* "/" (posix) or a drive/share (nt): ".." stays */
	bool explicit;             /* added by ps_vfs_add, not created as a parent */
	char *content;             /* files: NUL-terminated, len bytes */
	size_t len;
	char *link;                /* links: target as written */
	struct vnode *parent;
	struct vnode **slots;      /* directories: hash table of children */
	size_t nslots, nkids;
	/*
	 * directories: the children sorted by name (strcmp), built by the
	 * first listing and dropped when a child comes or goes, so repeated
	 * listings of a big site-packages cost no sort and no table scan
	 */
	struct vnode **sorted;
};

struct ps_vfs {
	enum ps_platform plat;
	/* posix: the root directory "/"; nt: a super-root whose children are drives and shares */
	struct vnode root;
};

/* ---- names and hashing ------------------------------------------------ */

static bool is_nt(const struct ps_vfs *v)
{
	return v->plat == PS_PLATFORM_NT;
}

static bool is_sep(const struct ps_vfs *v, char c)
{
	return c == '/' || (is_nt(v) && c == '\\');
}

static size_t name_hash(const struct ps_vfs *v, const char *s, size_t n)
{
	size_t h = 1469598103934665603ULL & SIZE_MAX, i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_nt(v))
			c = (unsigned char)tolower(c);
		h = (h ^ c) * (1099511628211ULL & SIZE_MAX);
	}
	return h;
}

static bool name_eq(const struct ps_vfs *v, const struct vnode *k, const char *s, size_t n)
{
	if (k->namelen != n)
		return false;
	return is_nt(v) ? strncasecmp(k->name, s, n) == 0 : memcmp(k->name, s, n) == 0;
}

static struct vnode *lookup(const struct ps_vfs *v, const struct vnode *dir, const char *s,
			    size_t n)
{
	size_t i, mask;

	if (!dir->nslots)
		return NULL;
	mask = dir->nslots - 1;
	for (i = name_hash(v, s, n) & mask; dir->slots[i]; i = (i + 1) & mask)
		if (name_eq(v, dir->slots[i], s, n))
			return dir->slots[i];
	return NULL;
}

/* Places kid in a table known to have room and not to contain it. */
static void slot_put(const struct ps_vfs *v, struct vnode **slots, size_t nslots, struct vnode *kid)
{
	size_t mask = nslots - 1, i;

	for (i = name_hash(v, kid->name, kid->namelen) & mask; slots[i]; i = (i + 1) & mask)
		;
	slots[i] = kid;
}

static int rehash(const struct ps_vfs *v, struct vnode *dir, size_t nslots)
{
	struct vnode **slots = calloc(nslots, sizeof(*slots));
	size_t i;

	if (!slots)
		return -1;
	for (i = 0; i < dir->nslots; i++)
		if (dir->slots[i])
			slot_put(v, slots, nslots, dir->slots[i]);
	free(dir->slots);
	dir->slots = slots;
	dir->nslots = nslots;
	return 0;
}

static int kid_add(const struct ps_vfs *v, struct vnode *dir, struct vnode *kid)
{
	/* keep the load at most 1/2 so probe chains stay short */
	if ((dir->nkids + 1) * 2 > dir->nslots &&
	    rehash(v, dir, dir->nslots ? dir->nslots * 2 : 8) < 0)
		return -1;
	slot_put(v, dir->slots, dir->nslots, kid);
	kid->parent = dir;
	dir->nkids++;
	free(dir->sorted);
	dir->sorted = NULL;
	return 0;
}

static void kid_del(const struct ps_vfs *v, struct vnode *dir, struct vnode *kid)
{
	size_t i, mask = dir->nslots - 1, j;

	for (i = 0; i < dir->nslots && dir->slots[i] != kid; i++)
		;
	if (i == dir->nslots)
		return;
	dir->slots[i] = NULL;
	dir->nkids--;
	free(dir->sorted);
	dir->sorted = NULL;
	/* re-place the rest of the probe chain (linear probing deletion) */
	for (j = (i + 1) & mask; dir->slots[j]; j = (j + 1) & mask) {
		struct vnode *k = dir->slots[j];

		dir->slots[j] = NULL;
		slot_put(v, dir->slots, dir->nslots, k);
	}
}

static void node_free(struct vnode *n)
{
	size_t i;

	for (i = 0; i < n->nslots; i++)
		if (n->slots[i])
			node_free(n->slots[i]);
	free(n->slots);
	free(n->sorted);
	free(n->name);
	free(n->content);
	free(n->link);
	free(n);
}

static struct vnode *node_new(const char *name, size_t n, enum ps_ftype type)
{
	struct vnode *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->name = strndup(name, n);
	if (!k->name) {
		free(k);
		return NULL;
	}
	k->namelen = strlen(k->name);
	k->type = type;
	k->mode = 0755;
	return k;
}

/* ---- lifecycle ---------------------------------------------------------- */

struct ps_vfs *ps_vfs_new(enum ps_platform platform)
{
	struct ps_vfs *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->plat = platform;
	v->root.type = PS_FT_DIR;
	v->root.mode = 0755;
	v->root.is_root = !is_nt(v);
	return v;
}

void ps_vfs_free(struct ps_vfs *vfs)
{
	size_t i;

	if (!vfs)
		return;
	for (i = 0; i < vfs->root.nslots; i++)
		if (vfs->root.slots[i])
			node_free(vfs->root.slots[i]);
	free(vfs->root.slots);
	free(vfs->root.sorted);
	free(vfs);
}

/* ---- path walk ------------------------------------------------------------ */

/* The drive or share an NT node lives on (the node below the super-root). */
static struct vnode *nt_volume(struct ps_vfs *v, struct vnode *n)
{
	while (n && n->parent && n->parent != &v->root)
		n = n->parent;
	return n == &v->root ? NULL : n;
}

/*
 * Length of an NT volume prefix at s: "X:" (2) or "\\server\share" (up to
 * the separator after the share), 0 if none.  *key gets the lookup key.
 */
static size_t nt_volume_prefix(struct ps_vfs *v, const char *s, struct ps_buf *key)
{
	size_t i = 2;
	int seps = 0;

	if (s[0] && s[1] == ':') {
		ps_buf_add(key, s, 2);
		return 2;
	}
	if (!(is_sep(v, s[0]) && is_sep(v, s[1])) || !s[2] || is_sep(v, s[2]))
		return 0;
	ps_buf_adds(key, "\\\\");
	for (; s[i]; i++) {
		if (is_sep(v, s[i])) {
			if (++seps == 2)
				break;
			ps_buf_addc(key, '\\');
		} else {
			ps_buf_addc(key, s[i]);
		}
	}
	return i;
}

/*
 * Where a walk of text s starts: the root for an absolute path, `cur` for
 * a relative one.  Sets *pos past the root.  Returns 0 or ENOENT (NT: no
 * such drive).
 */
static int walk_start(struct ps_vfs *v, const char *s, struct vnode *cur, size_t *pos,
		      struct vnode **start)
{
	*pos = 0;
	if (!is_nt(v)) {
		/* a relative path with no base (a direct call of an op) starts at "/" */
		*start = s[0] == '/' || !cur ? &v->root : cur;
		return 0;
	}
	{
		struct ps_buf key;
		size_t n;
		struct vnode *vol;

		ps_buf_init(&key);
		n = nt_volume_prefix(v, s, &key);
		if (key.oom) {
			ps_buf_release(&key);
			return ENOMEM;
		}
		if (n) {
			vol = lookup(v, &v->root, key.s, key.len);
			ps_buf_release(&key);
			if (!vol)
				return ENOENT;
			*pos = n;
			*start = vol;
			return 0;
		}
		ps_buf_release(&key);
		if (is_sep(v, s[0])) {
			/* "\x": the root of the current volume (C: when there is none) */
			vol = cur ? nt_volume(v, cur) : NULL;
			if (!vol)
				vol = lookup(v, &v->root, "C:", 2);
			if (!vol)
				return ENOENT;
			*start = vol;
			return 0;
		}
		if (cur && cur != &v->root) {
			*start = cur;
			return 0;
		}
		vol = lookup(v, &v->root, "C:", 2);
		if (!vol)
			return ENOENT;
		*start = vol;
		return 0;
	}
}

/*
 * Resolves path like the kernel.  follow: follow a symlink in the last
 * component.  Returns 0 with *out set, or an errno value.
 */
static int resolve(struct ps_vfs *v, const char *path, bool follow, struct vnode **out)
{
	/*
	 * The walk reads the caller's string in place; a copy (target + rest
	 * of the path) is only made when a symlink is followed, which most
	 * probes never do.
	 */
	struct ps_buf text;
	const char *s = path;
	struct vnode *dir, *kid;
	size_t pos, next, after;
	int links = 0, rc;

	*out = NULL;
	if (!path || !*path)
		return ENOENT;
	ps_buf_init(&text);
	rc = walk_start(v, s, NULL, &pos, &dir);
	while (rc == 0) {
		const char *c;
		size_t clen;
		bool last, trailing;

		while (is_sep(v, s[pos]))
			pos++;
		if (!s[pos]) {
			*out = dir;
			break;
		}
		c = s + pos;
		for (next = pos; s[next] && !is_sep(v, s[next]); next++)
			;
		clen = next - pos;
		for (after = next; is_sep(v, s[after]); after++)
			;
		last = !s[after];
		trailing = last && after > next;
		if (dir->type != PS_FT_DIR) {
			rc = ENOTDIR;
			break;
		}
		if (!(dir->mode & 0111)) {
			rc = EACCES;
			break;
		}
		if (clen == 1 && c[0] == '.') {
			pos = next;
			continue;
		}
		if (clen == 2 && c[0] == '.' && c[1] == '.') {
			/* ".." of a root ("/", an NT volume) is the root itself */
			if (!dir->is_root && dir->parent)
				dir = dir->parent;
			pos = next;
			continue;
		}
		kid = lookup(v, dir, c, clen);
		if (!kid) {
			rc = ENOENT;
			break;
		}
		if (kid->type == PS_FT_LINK && (!last || follow || trailing)) {
			struct ps_buf nt;

			if (++links > PS_VFS_MAX_LINKS) {
				rc = ELOOP;
				break;
			}
			/* continue with: target + the rest of the path */
			ps_buf_init(&nt);
			ps_buf_adds(&nt, kid->link);
			if (s[next]) {
				ps_buf_addc(&nt, ps_path_sep(v->plat));
				ps_buf_adds(&nt, s + next);
			}
			ps_buf_release(&text);
			text = nt;
			s = text.s;
			if (text.oom) {
				rc = ENOMEM;
				break;
			}
			if (!text.len) {
				rc = ENOENT;   /* an empty target names nothing */
				break;
			}
			rc = walk_start(v, s, dir, &pos, &dir);
			continue;
		}
		if (last) {
			if (trailing && kid->type != PS_FT_DIR)
				rc = ENOTDIR;
			else
				*out = kid;
			break;
		}
		dir = kid;
		pos = next;
	}
	ps_buf_release(&text);
	return rc;
}

/* ---- backend ops ------------------------------------------------------- */

static void fill(const struct vnode *n, struct ps_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->type = n->type;
	st->mode = n->mode;
	st->size = n->type == PS_FT_FILE ? n->len : n->type == PS_FT_LINK ? strlen(n->link) : 0;
	st->hidden = n->hidden;
}

static int vfs_stat(void *ctx, const char *path, struct ps_stat *st)
{
	struct vnode *n;
	int rc = resolve(ctx, path, true, &n);

	if (!rc)
		fill(n, st);
	return rc;
}

static int vfs_lstat(void *ctx, const char *path, struct ps_stat *st)
{
	struct vnode *n;
	int rc = resolve(ctx, path, false, &n);

	if (!rc)
		fill(n, st);
	return rc;
}

static int vfs_readlink(void *ctx, const char *path, char **target)
{
	struct vnode *n;
	int rc = resolve(ctx, path, false, &n);

	*target = NULL;
	if (rc)
		return rc;
	if (n->type != PS_FT_LINK)
		return EINVAL;
	*target = strdup(n->link);
	return *target ? 0 : ENOMEM;
}

static int vfs_read_file(void *ctx, const char *path, size_t limit, char **data, size_t *len)
{
	struct vnode *n;
	int rc = resolve(ctx, path, true, &n);

	*data = NULL;
	*len = 0;
	if (rc)
		return rc;
	if (!(n->mode & 0444))
		return EACCES;
	if (n->type == PS_FT_DIR) {
		/* as reading a directory on Linux: the open works, the read gives nothing */
		*data = calloc(1, 1);
		return *data ? 0 : ENOMEM;
	}
	if (n->len > limit)
		return EFBIG;
	*data = malloc(n->len + 1);
	if (!*data)
		return ENOMEM;
	if (n->len)
		memcpy(*data, n->content, n->len);
	(*data)[n->len] = '\0';
	*len = n->len;
	return 0;
}

static int cmp_nodes(const void *a, const void *b);

/*
 * Appends the names of n's children in strcmp order (the order
 * ps_vfs_walk visits them in too).
 */
static int vfs_list_dir(void *ctx, const char *path, struct ps_strv *names)
{
	struct vnode *n;
	size_t i, k, n0 = names->n;
	int rc = resolve(ctx, path, true, &n);

	if (rc)
		return rc;
	if (n->type != PS_FT_DIR)
		return ENOTDIR;
	if (!(n->mode & 0444))
		return EACCES;
	if (!n->nkids)
		return 0;
	if (!n->sorted) {
		n->sorted = malloc(n->nkids * sizeof(*n->sorted));
		if (!n->sorted)
			return ENOMEM;
		for (i = 0, k = 0; i < n->nslots; i++)
			if (n->slots[i])
				n->sorted[k++] = n->slots[i];
		qsort(n->sorted, k, sizeof(*n->sorted), cmp_nodes);
	}
	for (i = 0; i < n->nkids; i++) {
		if (ps_strv_push(names, n->sorted[i]->name) < 0) {
			while (names->n > n0)
				ps_strv_remove(names, names->n - 1);
			return ENOMEM;
		}
	}
	return 0;
}

static const struct ps_fs_ops vfs_ops = {
	.stat = vfs_stat,
	.lstat = vfs_lstat,
	.readlink = vfs_readlink,
	.read_file = vfs_read_file,
	.list_dir = vfs_list_dir,
};

void ps_vfs_fs(struct ps_vfs *vfs, struct ps_fs *fs)
{
	fs->ops = &vfs_ops;
	fs->ctx = vfs;
	fs->platform = vfs->plat;
}

/* ---- building the tree ------------------------------------------------ */

static const char *type_name(enum ps_ftype t)
{
	switch (t) {
	case PS_FT_FILE: return "file";
	case PS_FT_DIR: return "directory";
	case PS_FT_LINK: return "symlink";
	default: return "node";
	}
}

/*
 * The directory in which an absolute, normalised path's last component
 * lives, creating missing directories (and NT volumes) on the way.  *last
 * points at that component inside norm ("" for a root).  Intermediate
 * components must be directories: no symlink is followed while building.
 */
static int parent_for_add(struct ps_vfs *v, const char *norm, const char *orig, bool create,
			  struct vnode **dirp, const char **last, struct ps_error *err)
{
	const char sep = ps_path_sep(v->plat);
	struct vnode *dir = &v->root, *kid;
	const char *s = norm, *e;

	if (is_nt(v)) {
		struct ps_buf key;
		size_t n;

		ps_buf_init(&key);
		n = nt_volume_prefix(v, s, &key);
		if (key.oom) {
			ps_buf_release(&key);
			goto oom;
		}
		kid = lookup(v, &v->root, key.s, key.len);
		if (!kid && create) {
			kid = node_new(key.s, key.len, PS_FT_DIR);
			if (!kid || kid_add(v, &v->root, kid) < 0) {
				if (kid)
					node_free(kid);
				ps_buf_release(&key);
				goto oom;
			}
			kid->is_root = true;
		}
		ps_buf_release(&key);
		if (!kid)
			return 1;   /* missing volume */
		dir = kid;
		s += n;
	}
	while (*s == sep)
		s++;
	for (;;) {
		e = strchr(s, sep);
		if (!e)
			break;
		kid = lookup(v, dir, s, (size_t)(e - s));
		if (!kid) {
			if (!create)
				return 1;
			kid = node_new(s, (size_t)(e - s), PS_FT_DIR);
			if (!kid || kid_add(v, dir, kid) < 0) {
				if (kid)
					node_free(kid);
				goto oom;
			}
		} else if (kid->type != PS_FT_DIR) {
			ps_error_set(err, PS_ERR_INVAL, "cannot add '%s': '%.*s' is a %s", orig,
				     (int)(e - norm), norm, type_name(kid->type));
			return -1;
		}
		dir = kid;
		s = e + 1;
	}
	*dirp = dir;
	*last = s;
	return 0;
oom:
	ps_error_set(err, PS_ERR_NOMEM, "out of memory");
	return -1;
}

int ps_vfs_add(struct ps_vfs *vfs, const char *path, enum ps_ftype type, bool exec,
	       const char *content, size_t content_len, const char *link, unsigned mode,
	       struct ps_error *err)
{
	struct vnode *dir, *node;
	const char *last;
	char *norm = NULL, *ncontent = NULL, *nlink = NULL;
	int rc = -1;

	if (!path || !*path || !ps_path_isabs(vfs->plat, path)) {
		ps_error_set(err, PS_ERR_INVAL, "path must be absolute: '%s'", path ? path : "");
		return -1;
	}
	if (type != PS_FT_FILE && type != PS_FT_DIR && type != PS_FT_LINK) {
		ps_error_set(err, PS_ERR_INVAL, "cannot add '%s': bad node type", path);
		return -1;
	}
	if (type == PS_FT_LINK && (!link || !*link)) {
		ps_error_set(err, PS_ERR_INVAL, "symlink '%s' has no target", path);
		return -1;
	}
	norm = ps_path_normpath(vfs->plat, path);
	if (!norm)
		goto oom;
	/* the node's data, prepared before the tree changes */
	if (type == PS_FT_FILE) {
		ncontent = malloc(content_len + 1);
		if (!ncontent)
			goto oom;
		if (content_len)
			memcpy(ncontent, content, content_len);
		ncontent[content_len] = '\0';
	} else if (type == PS_FT_LINK) {
		nlink = strdup(link);
		if (!nlink)
			goto oom;
	}
	if (mode & PS_VFS_MODE_EXACT)
		mode &= 07777;   /* as given, even 000 */
	else if (mode == 0)
		mode = type == PS_FT_FILE && !exec ? 0644 : type == PS_FT_LINK ? 0777 : 0755;
	else if (type == PS_FT_FILE && exec && !(mode & 0111))
		mode |= 0111;
	mode &= 07777;

	if (parent_for_add(vfs, norm, path, true, &dir, &last, err) != 0)
		goto out;
	if (!*last) {
		/* a root ("/", "C:\"): only a directory can go there */
		if (type != PS_FT_DIR) {
			ps_error_set(err, PS_ERR_INVAL, "cannot add a %s at the root '%s'",
				     type_name(type), path);
			goto out;
		}
		dir->mode = mode;
		dir->explicit = true;
		rc = 0;
		goto out;
	}
	node = lookup(vfs, dir, last, strlen(last));
	if (node && node->type != type) {
		ps_error_set(err, PS_ERR_INVAL, "cannot add %s '%s': it is already a %s",
			     type_name(type), path, type_name(node->type));
		goto out;
	}
	if (!node) {
		node = node_new(last, strlen(last), type);
		if (!node || kid_add(vfs, dir, node) < 0) {
			if (node)
				node_free(node);
			goto oom;
		}
	}
	node->mode = mode;
	node->explicit = true;
	if (type == PS_FT_FILE) {
		free(node->content);
		node->content = ncontent;
		node->len = content_len;
		ncontent = NULL;
	} else if (type == PS_FT_LINK) {
		free(node->link);
		node->link = nlink;
		nlink = NULL;
	}
	rc = 0;
	goto out;
oom:
	ps_error_set(err, PS_ERR_NOMEM, "out of memory");
out:
	free(norm);
	free(ncontent);
	free(nlink);
	return rc;
}

/* The node at an absolute path, without following any symlink; NULL if none. */
static struct vnode *find_exact(struct ps_vfs *vfs, const char *path)
{
	struct vnode *dir;
	const char *last;
	char *norm;
	struct vnode *n = NULL;

	if (!path || !ps_path_isabs(vfs->plat, path))
		return NULL;
	norm = ps_path_normpath(vfs->plat, path);
	if (!norm)
		return NULL;
	if (parent_for_add(vfs, norm, path, false, &dir, &last, NULL) == 0)
		n = *last ? lookup(vfs, dir, last, strlen(last)) : dir;
	free(norm);
	return n;
}

int ps_vfs_set_hidden(struct ps_vfs *vfs, const char *path, bool hidden, struct ps_error *err)
{
	struct vnode *n = find_exact(vfs, path);

	if (!n) {
		ps_error_set(err, PS_ERR_INVAL, "no such path: '%s'", path ? path : "");
		return -1;
	}
	n->hidden = hidden;
	return 0;
}

int ps_vfs_remove(struct ps_vfs *vfs, const char *path)
{
	struct vnode *n = find_exact(vfs, path);
	size_t i;

	if (!n)
		return 0;
	if (n == &vfs->root || !n->parent) {
		/* the root stays; its contents go */
		for (i = 0; i < n->nslots; i++)
			if (n->slots[i])
				node_free(n->slots[i]);
		free(n->slots);
		n->slots = NULL;
		n->nslots = n->nkids = 0;
		free(n->sorted);
		n->sorted = NULL;
		return 0;
	}
	kid_del(vfs, n->parent, n);
	node_free(n);
	return 0;
}

/* ---- walking ------------------------------------------------------------ */

static int cmp_nodes(const void *a, const void *b)
{
	const struct vnode *x = *(struct vnode *const *)a, *y = *(struct vnode *const *)b;

	return strcmp(x->name, y->name);
}

/* Children of dir sorted by name; *out yours (NULL when empty). */
static int sorted_kids(const struct vnode *dir, struct vnode ***out)
{
	size_t i, k = 0;

	*out = NULL;
	if (!dir->nkids)
		return 0;
	*out = malloc(dir->nkids * sizeof(**out));
	if (!*out)
		return -1;
	for (i = 0; i < dir->nslots; i++)
		if (dir->slots[i])
			(*out)[k++] = dir->slots[i];
	qsort(*out, k, sizeof(**out), cmp_nodes);
	return 0;
}

typedef int (*node_fn)(struct ps_vfs *v, const char *path, struct vnode *n, void *arg);

/* Depth-first, parents before children, siblings by name (strcmp). */
static int walk_dir(struct ps_vfs *v, struct vnode *dir, struct ps_buf *path, node_fn fn, void *arg)
{
	struct vnode **kids;
	size_t i, save = path->len;
	int rc = 0;

	if (sorted_kids(dir, &kids) < 0)
		return -1;
	for (i = 0; i < dir->nkids && rc == 0; i++) {
		struct vnode *k = kids[i];

		path->len = save;
		path->s[save] = '\0';
		if (dir == &v->root && is_nt(v)) {
			ps_buf_adds(path, k->name);     /* a volume: "C:" / "\\srv\share" */
		} else {
			if (!path->len || path->s[path->len - 1] != ps_path_sep(v->plat))
				ps_buf_addc(path, ps_path_sep(v->plat));
			ps_buf_adds(path, k->name);
		}
		if (path->oom) {
			rc = -1;
			break;
		}
		if (dir == &v->root && is_nt(v)) {
			ps_buf_addc(path, '\\');   /* volumes are visited as "C:\" */
			rc = fn(v, path->s, k, arg);
			if (rc == 0)
				rc = walk_dir(v, k, path, fn, arg);
			continue;
		}
		rc = fn(v, path->s, k, arg);
		if (rc == 0 && k->type == PS_FT_DIR)
			rc = walk_dir(v, k, path, fn, arg);
	}
	path->len = save;
	if (path->alloc)
		path->s[save] = '\0';
	free(kids);
	return rc;
}

static int walk_all(struct ps_vfs *v, node_fn fn, void *arg)
{
	struct ps_buf path;
	int rc;

	ps_buf_init(&path);
	if (!is_nt(v))
		ps_buf_adds(&path, "/");
	else
		ps_buf_add(&path, "", 0);
	if (path.oom)
		return -1;
	/* make path.s writable even when it is empty */
	ps_buf_addc(&path, 'x');
	path.len--;
	path.s[path.len] = '\0';
	rc = path.oom ? -1 : walk_dir(v, &v->root, &path, fn, arg);
	ps_buf_release(&path);
	return rc;
}

struct visit_arg {
	ps_vfs_visit_fn fn;
	void *arg;
};

static int visit_one(struct ps_vfs *v, const char *path, struct vnode *n, void *arg)
{
	struct visit_arg *va = arg;

	(void)v;
	return va->fn(va->arg, path, n->type, n->type == PS_FT_FILE && (n->mode & 0111),
		      n->content, n->len, n->link, n->mode);
}

int ps_vfs_walk(struct ps_vfs *vfs, ps_vfs_visit_fn fn, void *arg)
{
	struct visit_arg va = { fn, arg };

	return walk_all(vfs, visit_one, &va);
}

struct check_arg {
	struct ps_error *err;
};

static int check_one(struct ps_vfs *v, const char *path, struct vnode *n, void *arg)
{
	struct check_arg *ca = arg;
	struct vnode *out;
	int rc;

	if (n->type != PS_FT_LINK)
		return 0;
	rc = resolve(v, path, true, &out);
	if (rc == ELOOP) {
		ps_error_set(ca->err, PS_ERR_INVAL,
			     "symlink loop: '%s' -> '%s' does not resolve within %d links", path,
			     n->link, PS_VFS_MAX_LINKS);
		return -1;
	}
	if (rc == ENOMEM) {
		ps_error_set(ca->err, PS_ERR_NOMEM, "out of memory");
		return -1;
	}
	return 0;   /* resolves, dangles or is unreadable: all fine */
}

int ps_vfs_check_links(struct ps_vfs *vfs, struct ps_error *err)
{
	struct check_arg ca = { err };
	int rc = walk_all(vfs, check_one, &ca);

	if (rc != 0 && err && err->code == PS_OK)
		ps_error_set(err, PS_ERR_NOMEM, "out of memory");
	return rc ? -1 : 0;
}

int ps_vfs_lstat_ex(struct ps_vfs *vfs, const char *path, struct ps_stat *st, bool *explicit_node)
{
	struct vnode *n;
	int rc = resolve(vfs, path, false, &n);

	*explicit_node = false;
	if (!rc) {
		fill(n, st);
		*explicit_node = n->explicit;
	}
	return rc;
}
