/*
 * interview_delete.c: an interview erased for good, on a candidate's
 * request or because it was made by mistake: its rows, then its files.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/event.h"
#include "core/interview.h"
#include "lib/chunks.h"
#include "lib/log.h"

/* What lives on disk for the interview, named before its rows go. */
struct iv_files {
	struct db_res	*recordings;	/* path, relative to storage_dir */
	struct db_res	*uploads;	/* id of storage_dir/tmp/up-ID/ */
};

/*
 * Locks the interview (a candidate's request on it waits, then finds it
 * gone) and reads its kind for the record; ST_NOTFOUND if it is not the
 * org's.
 */
static enum status
lock_interview(struct arena *a, struct db *db, long long org_id, long long id,
    const char **kind)
{
	const char	*p[] = { db_i64(a, id), db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT kind FROM interviews"
	    " WHERE id = $1 AND org_id = $2 FOR UPDATE"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*kind = db_get(r, 0, 0);
	return ST_OK;
}

static enum status
list_files(struct arena *a, struct db *db, long long id, struct iv_files *f)
{
	const char	*p[] = { db_i64(a, id) };
	enum status	 st;

	st = db_query(a, db, SQL("SELECT path FROM recordings"
	    " WHERE interview_id = $1"), p, 1, &f->recordings);
	if (st != ST_OK)
		return st;
	return db_query(a, db, SQL("SELECT id FROM oneway_uploads"
	    " WHERE interview_id = $1"), p, 1, &f->uploads);
}

/*
 * Every table that names an interview deletes its rows with it (ON DELETE
 * CASCADE): messages, usage, candidate sessions, its own events, questions
 * asked and answers, recordings, one-way settings, questions and uploads.
 */
static enum status
delete_rows(struct arena *a, struct db *db, long long id)
{
	const char	*p[] = { db_i64(a, id) };

	return db_exec(a, db, SQL("DELETE FROM interviews WHERE id = $1"), p, 1,
	    NULL);
}

/*
 * The rows are gone, so no page can name a file any more: one that cannot
 * be removed is logged for the operator, and the delete stands.  Paths are
 * ours ("org-N/..."), checked anyway.
 */
static void
remove_files(struct arena *a, const char *storage_dir, long long id,
    const struct iv_files *f)
{
	const char	*path;
	int		 i;

	for (i = 0; i < db_rows(f->recordings); i++) {
		path = db_get(f->recordings, i, 0);
		if (*path == '/' || strstr(path, "..") != NULL)
			continue;
		if (unlink(arena_printf(a, "%s/%s", storage_dir, path)) == -1 &&
		    errno != ENOENT)
			log_error("interview %lld deleted, but its recording"
			    " %s/%s could not be removed: %s", id, storage_dir,
			    path, strerror(errno));
	}
	for (i = 0; i < db_rows(f->uploads); i++)
		chunks_remove(arena_printf(a, "%s/tmp/up-%s", storage_dir,
		    db_get(f->uploads, i, 0)));
}

enum status
interview_delete(struct arena *a, struct db *db, const char *storage_dir,
    long long org_id, long long id, long long actor_id, const char *actor,
    const char *ip)
{
	struct iv_files	 f;
	const char	*kind;
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	if ((st = lock_interview(a, db, org_id, id, &kind)) != ST_OK ||
	    (st = list_files(a, db, id, &f)) != ST_OK ||
	    (st = delete_rows(a, db, id)) != ST_OK)
		goto out;
	/*
	 * On the org's timeline, not the interview's (that goes with it):
	 * which interview and who, never the candidate's name or email,
	 * which the deletion is there to erase.
	 */
	st = event_add(a, db, org_id, actor_id, actor, "interview_deleted",
	    arena_printf(a, "{\"interview\":%lld,\"kind\":\"%s\","
	    "\"recordings\":%d}", id, kind, db_rows(f.recordings)), ip);
	if (st == ST_OK)
		st = db_commit(db);
out:
	if (st != ST_OK) {
		db_rollback(db);
		return st;
	}
	remove_files(a, storage_dir, id, &f);
	return ST_OK;
}
