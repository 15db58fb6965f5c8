/*
 * reseal.c: recordings sealed before stop 17, sealed anew in chunks
 * (reseal.h), one file at a time, a page of rows at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/reseal.h"
#include "lib/filestore.h"
#include "lib/log.h"

#define PAGE	200

enum outcome { RESEALED, CURRENT, FAILED, GONE };

struct job {
	struct arena		*a;
	struct db		*db;
	const char		*dir;		/* storage_dir */
	const unsigned char	*key;
	int			 dry;
};

static enum outcome
failed(const char *path, const char *why)
{
	log_warn("reseal: %s: %s", path, why);
	return FAILED;
}

/* Writes the new file beside the old one and renames it over, if it checks out. */
static enum outcome
replace(const struct job *j, int in, const char *path, const char *abs,
    const char *checksum)
{
	unsigned char	 sha[SEAL_SHA256_LEN];
	char		 hex[2 * SEAL_SHA256_LEN + 1], *tmp;
	const char	*why;
	enum status	 st;
	int		 out;

	if ((out = filestore_temp(j->a, arena_printf(j->a, "%s/tmp", j->dir),
	    &tmp)) == -1)
		return failed(path, "cannot make a temporary file");
	if ((st = seal_reseal(j->key, in, out, sha)) != ST_OK) {
		why = st == ST_INVALID ? "cut short, altered, or sealed under"
		    " another key; left as it is" : strerror(errno);
		filestore_abort(out, tmp);
		return failed(path, why);
	}
	sodium_bin2hex(hex, sizeof(hex), sha, sizeof(sha));
	if (strcmp(hex, checksum) != 0) {
		filestore_abort(out, tmp);
		return failed(path, "its bytes differ from the checksum"
		    " recorded; left as it is");
	}
	return filestore_commit(out, tmp, abs) == ST_OK ? RESEALED :
	    failed(path, "cannot replace it");
}

/*
 * replace() with the row locked FOR KEY SHARE: retention, which deletes
 * rows FOR UPDATE SKIP LOCKED and then their files, passes it by, and a row
 * deleted since it was listed is left alone, so a file that retention
 * removed never comes back.  Transcripts can still be written meanwhile.
 */
static enum outcome
replace_locked(const struct job *j, long long id, int in, const char *path,
    const char *abs, const char *checksum)
{
	const char	*p[1] = { db_i64(j->a, id) };
	struct db_res	*r;
	enum outcome	 o;

	if (db_begin(j->db) != ST_OK || db_query(j->a, j->db, SQL("SELECT 1"
	    " FROM recordings WHERE id = $1 FOR KEY SHARE"), p, 1, &r) != ST_OK)
		o = failed(path, "the database did not answer");
	else
		o = db_rows(r) == 0 ? GONE : replace(j, in, path, abs, checksum);
	db_rollback(j->db);	/* nothing written: only the lock to let go */
	return o;
}

static enum outcome
reseal_one(const struct job *j, long long id, const char *path,
    const char *checksum)
{
	const char	*abs;
	enum outcome	 o;
	int		 fd, format;

	if (*path == '/' || strstr(path, "..") != NULL)
		return failed(path, "not a path under storage_dir");
	abs = arena_printf(j->a, "%s/%s", j->dir, path);
	if ((fd = open(abs, O_RDONLY | O_CLOEXEC)) == -1)
		return failed(path, strerror(errno));
	format = seal_format(fd);
	if (format == SEAL_FORMAT_CHUNKS)
		o = CURRENT;
	else if (format != SEAL_FORMAT_STREAM)
		o = failed(path, "not a sealed file");
	else
		o = j->dry ? RESEALED : replace_locked(j, id, fd, path, abs,
		    checksum);
	close(fd);
	return o;
}

enum status
recordings_reseal(struct db *db, const char *storage_dir,
    const unsigned char key[SEAL_KEY_LEN], int dry, struct reseal_report *rep)
{
	struct job	 j = { arena_new(), db, storage_dir, key, dry };
	struct db_res	*r;
	const char	*p[2];
	long long	 after = 0;
	enum status	 st;
	int		 i, n;

	memset(rep, 0, sizeof(*rep));
	do {
		arena_reset(j.a);
		p[0] = db_i64(j.a, after);
		p[1] = db_i64(j.a, PAGE);
		st = db_query(j.a, db, SQL("SELECT id, path, checksum FROM"
		    " recordings WHERE encrypted AND id > $1 ORDER BY id"
		    " LIMIT $2"), p, 2, &r);
		if (st != ST_OK)
			break;
		n = db_rows(r);
		for (i = 0; i < n; i++) {
			after = db_int(r, i, 0);
			switch (reseal_one(&j, after, db_get(r, i, 1),
			    db_get(r, i, 2))) {
			case RESEALED:
				rep->resealed++;
				break;
			case CURRENT:
				rep->current++;
				break;
			case FAILED:
				rep->failed++;
				break;
			case GONE:	/* deleted meanwhile: nothing to do */
				break;
			}
		}
	} while (n == PAGE);
	arena_free(j.a);
	return st;
}
