/* filestore.h: files that appear whole or not at all (temp file, fsync, rename, fsync dir). */
#ifndef VIVA_FILESTORE_H
#define VIVA_FILESTORE_H

#include "lib/arena.h"
#include "lib/status.h"

/*
 * Makes dir and any missing parents, mode 0750; 0, or -1 with errno set
 * (ENOTDIR when dir exists but is not a directory).
 */
int		filestore_mkdirs(const char *dir);
/*
 * A new empty file in dir (made if missing), open for writing: its fd, or
 * -1 (logged, errno set).  *tmp is its path, in a.  It is removed by
 * filestore_commit or filestore_abort, whichever comes.
 */
int		filestore_temp(struct arena *, const char *dir, char **tmp);
/*
 * As filestore_temp, for a file nginx sends itself (X-Accel-Redirect):
 * mode 0640, not mkstemp's 0600, so that nginx's user reads it through
 * the storage directory's group (docs/OPERATIONS.md, section 8).
 */
int		filestore_temp_shared(struct arena *, const char *dir,
		    char **tmp);
/*
 * Syncs and closes fd, renames tmp to final (whose directory must exist)
 * and syncs that directory, so that after a crash final is either absent
 * or whole.  On failure (logged, errno set) tmp is removed and ST_INTERNAL
 * returned, or ST_UNAVAILABLE when the disk was full (filestore_write_status).
 */
enum status	filestore_commit(int fd, const char *tmp, const char *final);
/* Closes fd and removes tmp: an upload given up. */
void		filestore_abort(int fd, const char *tmp);
/* Writes all of p[0..len) to fd; 0 or -1 with errno. */
int		filestore_write(int fd, const void *p, size_t len);
/*
 * The status of a write that failed with err: ST_UNAVAILABLE when the
 * disk is full or read-only (as after errors) or a quota or file-size
 * limit was met (the operator's to fix, the person's to try again
 * later), else ST_INTERNAL.
 */
enum status	filestore_write_status(int err);

#endif
