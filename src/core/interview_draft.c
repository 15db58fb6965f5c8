/* interview_draft.c: an assisted interview's unsent texts (interview_draft.h). */
#include "interview_draft.h"

enum status
interview_draft_save(struct arena *a, struct db *db, long long org_id,
    long long id, const char *message, const char *answer)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id), message,
			    answer };
	struct db_res	*r;
	enum status	 st;

	/* Only while it runs: an ended one keeps what it had at the end. */
	if (*message == '\0' && *answer == '\0')
		st = db_query(a, db, SQL("WITH iv AS (SELECT id FROM"
		    " interviews WHERE org_id = $1 AND id = $2 AND status IN"
		    " ('active', 'paused')), d AS (DELETE FROM interview_drafts"
		    " WHERE interview_id = (SELECT id FROM iv)"
		    " AND $3 = '' AND $4 = '') SELECT count(*) FROM iv"), p, 4, &r);
	else
		st = db_query(a, db, SQL("WITH iv AS (SELECT id FROM"
		    " interviews WHERE org_id = $1 AND id = $2 AND status IN"
		    " ('active', 'paused')), d AS (INSERT INTO interview_drafts"
		    " (interview_id, message, answer) SELECT id, $3, $4 FROM iv"
		    " ON CONFLICT (interview_id) DO UPDATE SET message = $3,"
		    " answer = $4, saved_at = now()) SELECT count(*) FROM iv"),
		    p, 4, &r);
	if (st == ST_OK && db_int(r, 0, 0) == 0)
		st = ST_CONFLICT;
	return st;
}

enum status
interview_draft_get(struct arena *a, struct db *db, long long id,
    struct interview_draft *d)
{
	const char	*p[] = { db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	d->message = d->answer = d->saved_at = "";
	st = db_query(a, db, SQL("SELECT message, answer, to_char(saved_at"
	    " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'"
	    " FROM interview_drafts WHERE interview_id = $1"), p, 1, &r);
	if (st != ST_OK || db_rows(r) == 0)
		return st;
	d->message = db_get(r, 0, 0);
	d->answer = db_get(r, 0, 1);
	d->saved_at = db_get(r, 0, 2);
	return ST_OK;
}
