/* chunks.c: a resumable upload's checked chunks on disk, and their assembly. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/chunks.h"
#include "lib/filestore.h"
#include "lib/log.h"

#define SUM_LEN	32

int
chunks_sum_valid(const char *hex)
{
	return hex != NULL && strlen(hex) == SUM_LEN * 2 &&
	    strspn(hex, "0123456789abcdefABCDEF") == SUM_LEN * 2;
}

int
chunks_sum_matches(enum chunk_sum alg, const void *p, size_t len,
    const char *hex)
{
	unsigned char	 h[SUM_LEN];
	char		 got[SUM_LEN * 2 + 1];

	if (!chunks_sum_valid(hex))
		return 0;
	if (alg == CS_SHA256)
		crypto_hash_sha256(h, p, len);
	else
		crypto_generichash(h, sizeof(h), p, len, NULL, 0);
	sodium_bin2hex(got, sizeof(got), h, sizeof(h));
	return strcasecmp(got, hex) == 0;
}

static char *
chunk_path(struct arena *a, const char *dir, int i)
{
	return arena_printf(a, "%s/%06d", dir, i);
}

enum chunk_result
chunks_put(struct arena *a, const char *dir, int i, int total,
    enum chunk_sum alg, const void *p, size_t len, const char *hex)
{
	char		*tmp;
	int		 fd;
	enum status	 st;

	if (total < 1 || total > CHUNKS_MAX || i < 0 || i >= total)
		return CH_BAD_INDEX;
	if (len == 0)
		return CH_EMPTY;
	if (!chunks_sum_matches(alg, p, len, hex))
		return CH_BAD_SUM;
	if ((fd = filestore_temp(a, dir, &tmp)) == -1)
		return filestore_write_status(errno) == ST_UNAVAILABLE ?
		    CH_FULL : CH_IO;
	/* A chunk sent twice: its second rename replaces the first. */
	if (filestore_write(fd, p, len) == -1) {
		log_error("chunks: write %s: %s", tmp, strerror(errno));
		st = filestore_write_status(errno);
		filestore_abort(fd, tmp);
	} else
		st = filestore_commit(fd, tmp, chunk_path(a, dir, i));
	return st == ST_OK ? CH_OK : st == ST_UNAVAILABLE ? CH_FULL : CH_IO;
}

/* A chunk file's index from its name ("000042"), or -1 for anything else. */
static int
index_of(const char *name)
{
	char	*end;
	long	 v;

	if (strlen(name) != 6 || strspn(name, "0123456789") != 6)
		return -1;
	v = strtol(name, &end, 10);
	return *end == '\0' ? (int)v : -1;
}

int
chunks_have(const char *dir, int total, unsigned char *have, long long *bytes)
{
	struct dirent	*e;
	struct stat	 sb;
	DIR		*d;
	int		 i, n = 0;

	memset(have, 0, (size_t)total);
	*bytes = 0;
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if ((i = index_of(e->d_name)) < 0 || i >= total || have[i])
			continue;
		if (fstatat(dirfd(d), e->d_name, &sb, 0) == -1)
			continue;
		have[i] = 1;
		*bytes += sb.st_size;
		n++;
	}
	closedir(d);
	return n;
}

int
chunks_fits(const char *dir, int total, int i, size_t len, long long max)
{
	unsigned char	*have;
	struct stat	 sb;
	char		 path[4096];
	long long	 bytes;

	if (total < 1 || total > CHUNKS_MAX || (have = calloc(1,
	    (size_t)total)) == NULL)
		return 0;
	(void)chunks_have(dir, total, have, &bytes);
	free(have);
	if ((size_t)snprintf(path, sizeof(path), "%s/%06d", dir, i) <
	    sizeof(path) && stat(path, &sb) == 0)
		bytes -= sb.st_size;
	return bytes + (long long)len <= max;
}

/* Appends one chunk file to fd, keeping the total within max. */
static enum status
append(const char *path, int fd, long long max, long long *bytes)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in;
	enum status st = ST_OK;

	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? ST_CONFLICT : ST_INTERNAL;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (*bytes + n > max) {
			st = ST_TOOLARGE;
			break;
		}
		if (filestore_write(fd, buf, (size_t)n) == -1) {
			log_error("chunks: cannot assemble %s: %s", path,
			    strerror(errno));
			st = filestore_write_status(errno);
			break;
		}
		*bytes += n;
	}
	if (n < 0)
		st = ST_INTERNAL;
	close(in);
	return st;
}

enum status
chunks_assemble(const char *dir, int total, long long max, int fd,
    long long *bytes)
{
	char		 path[4096];
	int		 i;
	enum status	 st;

	*bytes = 0;
	for (i = 0; i < total; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%06d", dir, i) >=
		    sizeof(path))
			return ST_INTERNAL;
		if ((st = append(path, fd, max, bytes)) != ST_OK)
			return st;
	}
	return ST_OK;
}

void
chunks_remove(const char *dir)
{
	struct dirent	*e;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	if (rmdir(dir) == -1 && errno != ENOENT)
		log_warn("chunks: cannot remove %s: %s", dir, strerror(errno));
}
