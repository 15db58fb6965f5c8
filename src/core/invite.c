/* invite.c: a new invite link for an interview whose link was lost or ran out. */
#include <string.h>

#include "lib/crypto.h"
#include "interview.h"

/*
 * Replaces the invite: the old link stops opening the interview.  One never
 * started whose link expired is waiting again; one that ended is not
 * reopened.  sign_out also drops the candidate sessions the old link opened
 * (a link sent to the wrong person); otherwise a candidate mid-interview
 * keeps their page.
 */
enum status
interview_new_invite(struct arena *a, struct db *db, long long org_id,
    long long id, int days, int sign_out, char **token)
{
	const char	*p[4];
	long		 n;
	enum status	 st;

	*token = crypto_token(a, 32);
	p[0] = db_i64(a, org_id);
	p[1] = db_i64(a, id);
	p[2] = crypto_token_hash(a, *token, strlen(*token));
	p[3] = db_i64(a, days);
	if ((st = db_begin(db)) != ST_OK)
		return st;
	/*
	 * One that ran out unnoticed (no page read it since) is expired
	 * first, so the timeline says so before the new link.
	 */
	st = interview_expire_invite(a, db, org_id, id);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("UPDATE interviews"
		    " SET invite_hash = $3, invite_expires_at ="
		    " now() + make_interval(days => $4::int),"
		    " status = CASE WHEN status = 'expired' THEN 'created'"
		    " ELSE status END,"
		    " end_reason = CASE WHEN status = 'expired' THEN ''"
		    " ELSE end_reason END,"
		    " ended_at = CASE WHEN status = 'expired' THEN NULL"
		    " ELSE ended_at END"
		    " WHERE org_id = $1 AND id = $2 AND (status IN ('created',"
		    " 'active', 'paused') OR (status = 'expired' AND"
		    " started_at IS NULL))"), p, 4, &n);
	if (st == ST_OK && n == 0)
		st = ST_CONFLICT;
	if (st == ST_OK && sign_out)
		st = db_exec(a, db, SQL("DELETE FROM candidate_sessions"
		    " WHERE interview_id = $1"), p + 1, 1, NULL);
	if (st == ST_OK)
		st = db_commit(db);
	if (st != ST_OK)
		db_rollback(db);
	if (st == ST_CONFLICT) {
		struct interview	iv;

		/* Another org's interview is a 404, a wrong state a 409. */
		if (interview_get(a, db, org_id, id, &iv) == ST_NOTFOUND)
			st = ST_NOTFOUND;
	}
	return st;
}
