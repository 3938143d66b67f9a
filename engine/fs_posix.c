/*
 * fs_posix.c - the real filesystem backend: the only file of the engine
 * that calls the operating system (style §1).
 *
 * Paths reach these functions already joined to fs->cwd by the ps_fs_*
 * wrappers (fs.c); a relative path that still arrives here resolves
 * against the process's working directory.  Nothing here changes process
 * state (no chdir).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"

static void fill_stat(const struct stat *s, struct ps_stat *st)
{
	memset(st, 0, sizeof(*st));
	if (S_ISREG(s->st_mode))
		st->type = PS_FT_FILE;
	else if (S_ISDIR(s->st_mode))
		st->type = PS_FT_DIR;
	else if (S_ISLNK(s->st_mode))
		st->type = PS_FT_LINK;
	else
		st->type = PS_FT_OTHER;
	st->mode = (unsigned)(s->st_mode & 07777);
	st->size = (uint64_t)s->st_size;
	st->hidden = false;
}

static int posix_stat(void *ctx, const char *path, struct ps_stat *st)
{
	struct stat s;

	(void)ctx;
	if (stat(path, &s) != 0)
		return errno ? errno : EIO;
	fill_stat(&s, st);
	return 0;
}

static int posix_lstat(void *ctx, const char *path, struct ps_stat *st)
{
	struct stat s;

	(void)ctx;
	if (lstat(path, &s) != 0)
		return errno ? errno : EIO;
	fill_stat(&s, st);
	return 0;
}

static int posix_readlink(void *ctx, const char *path, char **target)
{
	size_t size = 256;
	char *buf = NULL, *nb;
	ssize_t n;

	(void)ctx;
	*target = NULL;
	for (;;) {
		nb = realloc(buf, size);
		if (!nb) {
			free(buf);
			return ENOMEM;
		}
		buf = nb;
		n = readlink(path, buf, size);
		if (n < 0) {
			int e = errno ? errno : EIO;

			free(buf);
			return e;
		}
		if ((size_t)n < size) {
			buf[n] = '\0';
			*target = buf;
			return 0;
		}
		/* possibly truncated: try again with more room */
		if (size > (1u << 20)) {
			free(buf);
			return ENAMETOOLONG;
		}
		size *= 2;
	}
}

static int posix_read_file(void *ctx, const char *path, size_t limit, char **data, size_t *len)
{
	struct stat s;
	size_t alloc = 4096, n = 0;
	char *buf, *nb;
	ssize_t k;
	int fd, e = 0;

	(void)ctx;
	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno ? errno : EIO;
	if (fstat(fd, &s) == 0 && S_ISDIR(s.st_mode)) {
		/* fopen() of a directory succeeds on Linux and reads nothing */
		close(fd);
		*data = calloc(1, 1);
		return *data ? 0 : ENOMEM;
	}
	buf = malloc(alloc);
	if (!buf) {
		close(fd);
		return ENOMEM;
	}
	for (;;) {
		if (n + 1 >= alloc) {
			if (alloc > limit + 1 && n > limit)
				break;
			alloc *= 2;
			nb = realloc(buf, alloc);
			if (!nb) {
				e = ENOMEM;
				break;
			}
			buf = nb;
		}
		k = read(fd, buf + n, alloc - n - 1);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			e = errno ? errno : EIO;
			break;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n > limit)
			break;
	}
	close(fd);
	if (!e && n > limit)
		e = EFBIG;
	if (e) {
		free(buf);
		return e;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

static int posix_list_dir(void *ctx, const char *path, struct ps_strv *names)
{
	struct dirent *de;
	DIR *d;
	int e = 0;

	(void)ctx;
	d = opendir(path);
	if (!d)
		return errno ? errno : EIO;
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			e = errno;
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (ps_strv_push(names, de->d_name) < 0) {
			e = ENOMEM;
			break;
		}
	}
	closedir(d);
	return e;
}

static const struct ps_fs_ops posix_ops = {
	.stat = posix_stat,
	.lstat = posix_lstat,
	.readlink = posix_readlink,
	.read_file = posix_read_file,
	.list_dir = posix_list_dir,
};

void ps_fs_posix_init(struct ps_fs *fs)
{
	fs->ops = &posix_ops;
	fs->ctx = NULL;
	fs->platform = PS_PLATFORM_POSIX;
	fs->cwd = NULL;
}
