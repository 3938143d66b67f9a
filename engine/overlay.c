/*
 * overlay.c - struct ps_overlay: the explorer's edits (an upper virtual
 * tree) over a lower filesystem (usually the real one), like overlayfs.
 *
 * A path is resolved component by component in the merged view, so a
 * symlink added in the upper tree may point into the lower one and the
 * other way round.  For each fully resolved prefix P:
 *   - the upper tree's node at P wins (except that a directory which only
 *     exists in the upper tree as the parent of an added node shows the
 *     lower directory's stat when there is one);
 *   - else a whiteout at P or above it hides the lower tree (ENOENT);
 *   - else the lower filesystem answers.
 * A whited-out directory that gets new upper entries is opaque: only the
 * upper entries show.  Directory listings merge both layers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"
#include "vfs-int.h"

#define PS_OVERLAY_MAX_LINKS 40

struct ps_overlay {
	const struct ps_fs *lower;   /* borrowed */
	struct ps_vfs *upper;        /* owned */
	struct ps_fs upfs;
	enum ps_platform plat;
	struct ps_strv whiteouts;    /* normalised absolute paths */
};

struct ps_overlay *ps_overlay_new(const struct ps_fs *lower)
{
	struct ps_overlay *ov = calloc(1, sizeof(*ov));

	if (!ov)
		return NULL;
	ov->lower = lower;
	ov->plat = lower->platform;
	ov->upper = ps_vfs_new(ov->plat);
	if (!ov->upper) {
		free(ov);
		return NULL;
	}
	ps_vfs_fs(ov->upper, &ov->upfs);
	ov->upfs.cwd = NULL;
	ps_strv_init(&ov->whiteouts);
	return ov;
}

void ps_overlay_free(struct ps_overlay *ov)
{
	if (!ov)
		return;
	ps_vfs_free(ov->upper);
	ps_strv_release(&ov->whiteouts);
	free(ov);
}

struct ps_vfs *ps_overlay_upper(struct ps_overlay *ov)
{
	return ov->upper;
}

static bool is_sep(const struct ps_overlay *ov, char c)
{
	return c == '/' || (ov->plat == PS_PLATFORM_NT && c == '\\');
}

static int ncmp(const struct ps_overlay *ov, const char *a, const char *b, size_t n)
{
	return ov->plat == PS_PLATFORM_NT ? strncasecmp(a, b, n) : strncmp(a, b, n);
}

/* Whether a whiteout hides p (p itself or one of its parents). */
static bool whited_out(const struct ps_overlay *ov, const char *p)
{
	size_t i, n;

	for (i = 0; i < ov->whiteouts.n; i++) {
		const char *w = ov->whiteouts.v[i];

		n = strlen(w);
		if (ncmp(ov, p, w, n) != 0)
			continue;
		if (!p[n] || is_sep(ov, p[n]) || (n && is_sep(ov, w[n - 1])))
			return true;
	}
	return false;
}

int ps_overlay_whiteout(struct ps_overlay *ov, const char *path)
{
	char *norm;
	size_t i;

	if (!path || !ps_path_isabs(ov->plat, path))
		return -1;
	norm = ps_path_normpath(ov->plat, path);
	if (!norm)
		return -1;
	/* a whiteout deletes: what the upper tree had there goes too */
	ps_vfs_remove(ov->upper, norm);
	for (i = 0; i < ov->whiteouts.n; i++) {
		if (ps_path_equal(ov->plat, ov->whiteouts.v[i], norm)) {
			free(norm);
			return 0;
		}
	}
	return ps_strv_push_take(&ov->whiteouts, norm);
}

/* ---- the merged view of one link-free path ---------------------------- */

static int lower_lstat(const struct ps_overlay *ov, const char *p, struct ps_stat *st)
{
	memset(st, 0, sizeof(*st));
	return ov->lower->ops->lstat(ov->lower->ctx, p, st);
}

/*
 * lstat of p in the merged view.  *in_upper tells which layer answered
 * (the upper one for an implicit upper directory without a lower twin).
 */
static int mlstat(struct ps_overlay *ov, const char *p, struct ps_stat *st, bool *in_upper)
{
	struct ps_stat lst;
	bool expl;
	int rc;

	memset(st, 0, sizeof(*st));
	rc = ps_vfs_lstat_ex(ov->upper, p, st, &expl);
	*in_upper = rc == 0;
	if (rc == 0) {
		if (st->type == PS_FT_DIR && !expl && !whited_out(ov, p) &&
		    lower_lstat(ov, p, &lst) == 0 && lst.type == PS_FT_DIR) {
			*st = lst;
			*in_upper = false;
		}
		return 0;
	}
	if (rc != ENOENT)
		return rc;
	if (whited_out(ov, p))
		return ENOENT;
	return lower_lstat(ov, p, st);
}

static int mreadlink(struct ps_overlay *ov, const char *p, bool in_upper, char **target)
{
	*target = NULL;
	if (in_upper)
		return ov->upfs.ops->readlink(ov->upfs.ctx, p, target);
	return ov->lower->ops->readlink(ov->lower->ctx, p, target);
}

/* ---- resolution ---------------------------------------------------------- */

/* Length of the root at s ("/", "C:\", "\\srv\share\"), appending its canonical text to root. */
static size_t root_of(const struct ps_overlay *ov, const char *s, struct ps_buf *root)
{
	size_t i;
	int seps = 0;

	if (ov->plat != PS_PLATFORM_NT) {
		ps_buf_addc(root, '/');
		return s[0] == '/' ? 1 : 0;
	}
	if (s[0] && s[1] == ':') {
		ps_buf_add(root, s, 2);
		ps_buf_addc(root, '\\');
		return is_sep(ov, s[2]) ? 3 : 2;
	}
	if (is_sep(ov, s[0]) && is_sep(ov, s[1]) && s[2] && !is_sep(ov, s[2])) {
		ps_buf_adds(root, "\\\\");
		for (i = 2; s[i]; i++) {
			if (is_sep(ov, s[i])) {
				ps_buf_addc(root, '\\');
				if (++seps == 2)
					return i + 1;
			} else {
				ps_buf_addc(root, s[i]);
			}
		}
		ps_buf_addc(root, '\\');
		return i;
	}
	ps_buf_adds(root, "C:\\");   /* no volume given: C: */
	return is_sep(ov, s[0]) ? 1 : 0;
}

/*
 * Resolves path in the merged view.  On success *phys (yours) is the
 * link-free path reached, *st its stat and *in_upper its layer.
 */
static int resolve(struct ps_overlay *ov, const char *path, bool follow, char **phys,
		   struct ps_stat *st, bool *in_upper)
{
	const char sep = ps_path_sep(ov->plat);
	struct ps_buf text, cur;
	size_t pos, next, after, rootlen;
	int links = 0, rc = 0;

	*phys = NULL;
	if (!path || !*path)
		return ENOENT;
	ps_buf_init(&text);
	ps_buf_init(&cur);
	ps_buf_adds(&text, path);
	pos = root_of(ov, text.s, &cur);
	rootlen = cur.len;
	for (;;) {
		const char *c;
		size_t clen, save;
		bool last, trailing;

		if (text.oom || cur.oom) {
			rc = ENOMEM;
			break;
		}
		while (is_sep(ov, text.s[pos]))
			pos++;
		if (!text.s[pos]) {
			rc = mlstat(ov, cur.s, st, in_upper);
			break;
		}
		c = text.s + pos;
		for (next = pos; text.s[next] && !is_sep(ov, text.s[next]); next++)
			;
		clen = next - pos;
		for (after = next; is_sep(ov, text.s[after]); after++)
			;
		last = !text.s[after];
		trailing = last && after > next;
		if (clen == 1 && c[0] == '.') {
			pos = next;
			continue;
		}
		if (clen == 2 && c[0] == '.' && c[1] == '.') {
			/* cur is link-free, so ".." is its lexical parent */
			while (cur.len > rootlen && cur.s[cur.len - 1] != sep)
				cur.len--;
			if (cur.len > rootlen)
				cur.len--;
			cur.s[cur.len] = '\0';
			pos = next;
			continue;
		}
		save = cur.len;
		if (cur.len > rootlen)
			ps_buf_addc(&cur, sep);
		ps_buf_add(&cur, c, clen);
		if (cur.oom) {
			rc = ENOMEM;
			break;
		}
		rc = mlstat(ov, cur.s, st, in_upper);
		if (rc)
			break;
		if (st->type == PS_FT_LINK && (!last || follow || trailing)) {
			struct ps_buf nt;
			char *target;

			if (++links > PS_OVERLAY_MAX_LINKS) {
				rc = ELOOP;
				break;
			}
			rc = mreadlink(ov, cur.s, *in_upper, &target);
			if (rc)
				break;
			ps_buf_init(&nt);
			ps_buf_adds(&nt, target);
			if (text.s[next]) {
				ps_buf_addc(&nt, sep);
				ps_buf_adds(&nt, text.s + next);
			}
			/* back to the link's directory; an absolute target restarts at a root */
			cur.len = save;
			cur.s[save] = '\0';
			if (ps_path_isabs(ov->plat, target) ||
			    (ov->plat != PS_PLATFORM_NT && target[0] == '/')) {
				ps_buf_reset(&cur);
				pos = root_of(ov, nt.s, &cur);
				rootlen = cur.len;
			} else if (ov->plat == PS_PLATFORM_NT && is_sep(ov, target[0])) {
				cur.len = rootlen;   /* "\x": the root of this volume */
				cur.s[cur.len] = '\0';
				pos = 0;
			} else {
				pos = 0;
			}
			free(target);
			ps_buf_release(&text);
			text = nt;
			if (!text.len) {
				rc = ENOENT;
				break;
			}
			continue;
		}
		if (last) {
			if (trailing && st->type != PS_FT_DIR)
				rc = ENOTDIR;
			break;
		}
		if (st->type != PS_FT_DIR) {
			rc = ENOTDIR;
			break;
		}
		pos = next;
	}
	ps_buf_release(&text);
	if (rc) {
		ps_buf_release(&cur);
		return rc;
	}
	*phys = ps_buf_detach(&cur);
	return *phys ? 0 : ENOMEM;
}

/* ---- ops ------------------------------------------------------------------- */

static int ov_stat(void *ctx, const char *path, struct ps_stat *st)
{
	char *phys;
	bool up;
	int rc = resolve(ctx, path, true, &phys, st, &up);

	free(phys);
	return rc;
}

static int ov_lstat(void *ctx, const char *path, struct ps_stat *st)
{
	char *phys;
	bool up;
	int rc = resolve(ctx, path, false, &phys, st, &up);

	free(phys);
	return rc;
}

static int ov_readlink(void *ctx, const char *path, char **target)
{
	struct ps_stat st;
	char *phys;
	bool up;
	int rc = resolve(ctx, path, false, &phys, &st, &up);

	*target = NULL;
	if (rc)
		return rc;
	rc = st.type == PS_FT_LINK ? mreadlink(ctx, phys, up, target) : EINVAL;
	free(phys);
	return rc;
}

static int ov_read_file(void *ctx, const char *path, size_t limit, char **data, size_t *len)
{
	struct ps_overlay *ov = ctx;
	struct ps_stat st;
	char *phys;
	bool up;
	int rc = resolve(ov, path, true, &phys, &st, &up);

	*data = NULL;
	*len = 0;
	if (rc)
		return rc;
	if (up)
		rc = ov->upfs.ops->read_file(ov->upfs.ctx, phys, limit, data, len);
	else
		rc = ov->lower->ops->read_file(ov->lower->ctx, phys, limit, data, len);
	free(phys);
	return rc;
}

static bool has_name(const struct ps_overlay *ov, const struct ps_strv *names, size_t from,
		     const char *name)
{
	size_t i;

	for (i = from; i < names->n; i++)
		if (ps_path_equal(ov->plat, names->v[i], name))
			return true;
	return false;
}

static int ov_list_dir(void *ctx, const char *path, struct ps_strv *names)
{
	struct ps_overlay *ov = ctx;
	struct ps_strv lower;
	struct ps_stat st, ust;
	struct ps_buf child;
	char *phys;
	bool up, expl;
	size_t n0 = names->n, i, nup;
	int rc = resolve(ov, path, true, &phys, &st, &up);

	if (rc)
		return rc;
	if (st.type != PS_FT_DIR) {
		free(phys);
		return ENOTDIR;
	}
	ps_strv_init(&lower);
	ps_buf_init(&child);
	if (ps_vfs_lstat_ex(ov->upper, phys, &ust, &expl) == 0 && ust.type == PS_FT_DIR) {
		rc = ov->upfs.ops->list_dir(ov->upfs.ctx, phys, names);
		if (rc)
			goto out;
	}
	nup = names->n;
	if (!whited_out(ov, phys)) {
		int lrc = ov->lower->ops->list_dir(ov->lower->ctx, phys, &lower);

		/* a lower error matters only when the lower layer is what we list */
		if (lrc && nup == n0 && !up) {
			rc = lrc;
			goto out;
		}
		for (i = 0; i < lower.n; i++) {
			ps_buf_reset(&child);
			ps_buf_adds(&child, phys);
			if (child.len && !is_sep(ov, child.s[child.len - 1]))
				ps_buf_addc(&child, ps_path_sep(ov->plat));
			ps_buf_adds(&child, lower.v[i]);
			if (child.oom) {
				rc = ENOMEM;
				goto out;
			}
			if (whited_out(ov, child.s) || has_name(ov, names, n0, lower.v[i]))
				continue;
			if (ps_strv_push(names, lower.v[i]) < 0) {
				rc = ENOMEM;
				goto out;
			}
		}
	}
out:
	if (rc)
		while (names->n > n0)
			ps_strv_remove(names, names->n - 1);
	ps_strv_release(&lower);
	ps_buf_release(&child);
	free(phys);
	return rc;
}

static const struct ps_fs_ops overlay_ops = {
	.stat = ov_stat,
	.lstat = ov_lstat,
	.readlink = ov_readlink,
	.read_file = ov_read_file,
	.list_dir = ov_list_dir,
};

void ps_overlay_fs(struct ps_overlay *ov, struct ps_fs *fs)
{
	fs->ops = &overlay_ops;
	fs->ctx = ov;
	fs->platform = ov->plat;
}
