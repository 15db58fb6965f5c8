/* filestore.c: whole files or none: a crash or a failed write never leaves half a file under its name. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/filestore.h"
#include "lib/log.h"

int
filestore_mkdirs(const char *dir)
{
	struct stat	 st;
	char		 path[4096], *p;

	if (strlen(dir) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(path, dir);
	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0750) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(path, 0750) == -1 && errno != EEXIST)
		return -1;
	/* What exists may be a file: said now, not as each write failing. */
	if (stat(path, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

int
filestore_temp(struct arena *a, const char *dir, char **tmp)
{
	int	 fd, err;

	*tmp = arena_printf(a, "%s/part.XXXXXX", dir);
	if (filestore_mkdirs(dir) == -1 || (fd = mkstemp(*tmp)) == -1) {
		err = errno;
		log_error("filestore: cannot make a file in %s: %s", dir,
		    strerror(err));
		errno = err;	/* for filestore_write_status */
		return -1;
	}
	return fd;
}

int
filestore_temp_shared(struct arena *a, const char *dir, char **tmp)
{
	int	 fd;

	if ((fd = filestore_temp(a, dir, tmp)) == -1)
		return -1;
	/* fchmod, not the umask: it sets the mode whatever the unit's UMask. */
	if (fchmod(fd, 0640) == -1) {
		log_error("filestore: cannot share %s: %s", *tmp,
		    strerror(errno));
		filestore_abort(fd, *tmp);
		return -1;
	}
	return fd;
}

int
filestore_write(int fd, const void *p, size_t len)
{
	const char	*s = p;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

enum status
filestore_write_status(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EFBIG ||
	    err == EROFS ? ST_UNAVAILABLE : ST_INTERNAL;
}

/* The rename itself is only durable once the directory entry is on disk. */
static int
sync_dir(const char *file)
{
	char	 copy[4096];
	int	 fd, rc;

	if (strlen(file) >= sizeof(copy))
		return -1;
	strcpy(copy, file);
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

enum status
filestore_commit(int fd, const char *tmp, const char *final)
{
	int	 synced = fsync(fd), closed = close(fd), err = errno;

	if (synced == -1 || closed == -1) {
		log_error("filestore: cannot sync %s: %s", tmp, strerror(err));
		unlink(tmp);
		errno = err;
		return filestore_write_status(err);
	}
	if (rename(tmp, final) == -1) {
		err = errno;
		log_error("filestore: cannot rename %s to %s: %s", tmp, final,
		    strerror(err));
		unlink(tmp);
		errno = err;
		return ST_INTERNAL;
	}
	if (sync_dir(final) == -1)
		log_warn("filestore: cannot sync the folder of %s: %s", final,
		    strerror(errno));
	return ST_OK;
}

void
filestore_abort(int fd, const char *tmp)
{
	if (fd >= 0)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
}
