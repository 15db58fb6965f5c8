/* retention.c: each org's retention policy, and `viva jobs run` applying it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/event.h"
#include "core/retention.h"
#include "lib/chunks.h"

static const char *
days_param(struct arena *a, int days)
{
	return days > 0 ? db_i64(a, days) : NULL;	/* NULL: keep for ever */
}

enum status
retention_get(struct arena *a, struct db *db, long long org_id,
    struct retention_policy *p)
{
	const char	*q[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT coalesce(retention_transcript_days, 0),"
	    " coalesce(retention_recording_days, 0) FROM orgs WHERE id = $1"), q, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	p->transcript_days = (int)db_int(r, 0, 0);
	p->recording_days = (int)db_int(r, 0, 1);
	return ST_OK;
}

enum status
retention_set(struct arena *a, struct db *db, long long org_id,
    const struct retention_policy *p)
{
	const char	*q[] = { db_i64(a, org_id), days_param(a, p->transcript_days),
	    days_param(a, p->recording_days) };

	return db_exec(a, db, SQL("UPDATE orgs SET retention_transcript_days = $2::int,"
	    " retention_recording_days = $3::int WHERE id = $1"), q, 3, NULL);
}

/*
 * One org's expired transcripts, deleted in the caller's transaction: the
 * conversation, the adaptive answers (their scores stay for the report) and
 * the final answer.  Rows another process holds are left for the next run.
 */
static enum status
delete_transcripts(struct arena *a, struct db *db, long long org_id, int days,
    long long n[3])
{
	const char	*q[] = { db_i64(a, org_id), db_i64(a, days) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("WITH due AS (SELECT id FROM interviews"
	    " WHERE org_id = $1 AND ended_at IS NOT NULL"
	    " AND transcript_purged_at IS NULL"
	    " AND ended_at < now() - make_interval(days => $2::int)"
	    " FOR UPDATE SKIP LOCKED),"
	    " m AS (DELETE FROM messages WHERE interview_id IN (SELECT id FROM due)"
	    " RETURNING 1),"
	    " d AS (DELETE FROM interview_drafts"
	    " WHERE interview_id IN (SELECT id FROM due)),"
	    " q AS (UPDATE interview_questions SET answer = NULL"
	    " WHERE interview_id IN (SELECT id FROM due) AND answer IS NOT NULL"
	    " RETURNING 1),"
	    " v AS (UPDATE recordings SET transcript = NULL,"
	    " transcript_state = 'done' WHERE interview_id IN (SELECT id FROM due)"
	    " AND (transcript IS NOT NULL OR transcript_state <> 'done')"
	    " RETURNING 1),"
	    " i AS (UPDATE interviews SET transcript_purged_at = now(),"
	    " final_answer = '' WHERE id IN (SELECT id FROM due) RETURNING 1)"
	    " SELECT (SELECT count(*) FROM i), (SELECT count(*) FROM m),"
	    " (SELECT count(*) FROM q)"), q, 2, &r);
	if (st != ST_OK)
		return st;
	for (i = 0; i < 3; i++)
		n[i] = db_int(r, 0, i);
	return ST_OK;
}

static enum status
run_org(struct arena *a, struct db *db, long long org_id, int days, int dry_run,
    struct retention_report *rep)
{
	long long	 n[3];
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	if ((st = delete_transcripts(a, db, org_id, days, n)) == ST_OK && n[0] > 0 &&
	    !dry_run)
		st = event_add(a, db, org_id, 0, "viva jobs", "retention_deleted",
		    arena_printf(a, "{\"what\":\"transcripts\",\"days\":%d,"
		    "\"interviews\":%lld,\"messages\":%lld,\"answers\":%lld}",
		    days, n[0], n[1], n[2]), NULL);
	if (st != ST_OK || dry_run) {
		db_rollback(db);	/* a dry run counts what a run would delete */
		if (st != ST_OK)
			return st;
	} else if ((st = db_commit(db)) != ST_OK)
		return st;
	rep->orgs += n[0] > 0;
	rep->interviews += n[0];
	rep->messages += n[1];
	rep->answers += n[2];
	return ST_OK;
}

/*
 * One org's expired recordings: their rows go in a transaction, their files
 * after it commits (a crash between leaves files no row names, never a row
 * without its file).  Paths are ours ("org-N/audio/..."), checked anyway.
 */
static enum status
run_org_recordings(struct arena *a, struct db *db, const char *storage_dir,
    long long org_id, int days, int dry_run, struct retention_report *rep)
{
	const char	*q[] = { db_i64(a, org_id), db_i64(a, days) }, *path;
	struct db_res	*r;
	enum status	 st;
	int		 i, n;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = db_query(a, db, SQL("DELETE FROM recordings WHERE id IN"
	    " (SELECT r.id FROM recordings r JOIN interviews i"
	    " ON i.id = r.interview_id WHERE r.org_id = $1"
	    " AND i.ended_at IS NOT NULL"
	    " AND i.ended_at < now() - make_interval(days => $2::int)"
	    " FOR UPDATE OF r SKIP LOCKED) RETURNING path"), q, 2, &r);
	if (st == ST_OK && (n = db_rows(r)) > 0 && !dry_run)
		st = event_add(a, db, org_id, 0, "viva jobs", "retention_deleted",
		    arena_printf(a, "{\"what\":\"recordings\",\"days\":%d,"
		    "\"recordings\":%d}", days, n), NULL);
	if (st != ST_OK || dry_run) {
		db_rollback(db);
		if (st != ST_OK)
			return st;
	} else if ((st = db_commit(db)) != ST_OK)
		return st;
	rep->recordings += db_rows(r);
	for (i = 0; !dry_run && i < db_rows(r); i++) {
		path = db_get(r, i, 0);
		if (*path == '/' || strstr(path, "..") != NULL)
			continue;
		if (unlink(arena_printf(a, "%s/%s", storage_dir, path)) == -1 &&
		    errno != ENOENT)
			fprintf(stderr, "viva: retention: cannot remove %s/%s: %s\n",
			    storage_dir, path, strerror(errno));
	}
	return ST_OK;
}

/*
 * Chunked uploads never finalised (the candidate gave up) are forgotten
 * after two days: their rows, then their chunk folders.  Not a retention
 * setting: chunks are not answers, and nobody can see them.
 */
static enum status
prune_uploads(struct arena *a, struct db *db, const char *storage_dir,
    int dry_run)
{
	struct db_res	*r;
	enum status	 st;
	int		 i;

	if (dry_run)
		return ST_OK;
	st = db_query(a, db, SQL("DELETE FROM oneway_uploads WHERE created_at <"
	    " now() - interval '2 days' RETURNING id"), NULL, 0, &r);
	if (st != ST_OK)
		return st;
	for (i = 0; i < db_rows(r); i++)
		chunks_remove(arena_printf(a, "%s/tmp/up-%s", storage_dir,
		    db_get(r, i, 0)));
	return ST_OK;
}

/*
 * Files a day old in storage_dir/tmp/ are left by a pool process killed
 * while it wrote one, or while a voice answer waited on its transcription
 * (a restart, the OOM killer): a candidate's recording no row names.
 * Upload folders (up-*) are prune_uploads' to remove.
 */
static void
prune_temp(const char *storage_dir, int dry_run, long long *n)
{
	char		 path[4096];
	struct dirent	*e;
	struct stat	 sb;
	time_t		 old = time(NULL) - 86400;
	DIR		*d;

	if ((size_t)snprintf(path, sizeof(path), "%s/tmp", storage_dir) >=
	    sizeof(path) || (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) ==
		    -1 || !S_ISREG(sb.st_mode) || sb.st_mtime >= old)
			continue;
		if (!dry_run && unlinkat(dirfd(d), e->d_name, 0) == -1) {
			fprintf(stderr, "viva: retention: cannot remove %s/%s:"
			    " %s\n", path, e->d_name, strerror(errno));
			continue;
		}
		(*n)++;
	}
	closedir(d);
}

/*
 * A form's claim matters while a browser may still send that page again;
 * no page is a day old when it is sent twice.  Here, not in form_use_claim,
 * so that no form action pays for the delete.
 */
static enum status
prune_form_uses(struct arena *a, struct db *db, int dry_run)
{
	long	n;

	if (dry_run)
		return ST_OK;
	return db_exec(a, db, SQL("DELETE FROM form_uses"
	    " WHERE used_at < now() - interval '1 day'"), NULL, 0, &n);
}

enum status
retention_run(struct arena *a, struct db *db, const char *storage_dir,
    int dry_run, struct retention_report *rep)
{
	struct db_res	*r;
	enum status	 st;
	int		 i;

	*rep = (struct retention_report){ 0 };
	st = db_query(a, db, SQL("SELECT id, retention_transcript_days FROM orgs"
	    " WHERE retention_transcript_days IS NOT NULL ORDER BY id"), NULL, 0, &r);
	if (st != ST_OK)
		return st;
	for (i = 0; i < db_rows(r); i++)
		if ((st = run_org(a, db, db_int(r, i, 0), (int)db_int(r, i, 1),
		    dry_run, rep)) != ST_OK)
			return st;
	st = db_query(a, db, SQL("SELECT id, retention_recording_days FROM orgs"
	    " WHERE retention_recording_days IS NOT NULL ORDER BY id"), NULL, 0, &r);
	if (st != ST_OK)
		return st;
	for (i = 0; i < db_rows(r); i++)
		if ((st = run_org_recordings(a, db, storage_dir, db_int(r, i, 0),
		    (int)db_int(r, i, 1), dry_run, rep)) != ST_OK)
			return st;
	if ((st = prune_uploads(a, db, storage_dir, dry_run)) != ST_OK)
		return st;
	prune_temp(storage_dir, dry_run, &rep->temp_files);
	return prune_form_uses(a, db, dry_run);
}
