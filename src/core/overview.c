/* overview.c: what in an org wants attention now: the home page's summary. */
#include <string.h>

#include "interview.h"
#include "overview.h"

#define OV_TEXT_(n)	#n
#define OV_TEXT(n)	OV_TEXT_(n)

/*
 * A row of a list: practice is adaptive in practice mode, named as the
 * interviews list's filter names it.  when is the list's own time.
 */
#define OV_COLS(when) "id, CASE WHEN kind = 'adaptive' AND practice" \
	" THEN 'practice' ELSE kind END, status, candidate_name, " \
	INTERVIEW_TIME_LEFT_SQL ", " INTERVIEW_UNTIMED_SQL "," \
	" coalesce(to_char(" when " AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD HH24:MI'), '')"

/*
 * Each list walks an index and stops at its limit ($2), so an org of
 * 10,000 interviews costs what one of ten does: running ones and invites
 * by (org_id, status), the few rows of those states; finished ones by
 * interviews_ended (sql/013), newest first, hence its condition that the
 * transcript is still there (retention deleted it: nothing left to read).
 *
 * To review: an interview of any kind that ended in the last
 * OVERVIEW_REVIEW_DAYS, until the reader has given it their own
 * recommendation (sql/033, one per reviewer; every kind since sql/042).
 * Before that, assisted and adaptive ones had no recommendation to give
 * and left after 14 days whatever was done with them; now each leaves
 * when it is reviewed, and the bound only keeps one nobody will review
 * from staying for ever.  A practice interview's feedback went to the
 * candidate: nobody reviews it.
 *
 * An invite is opened once it gave a candidate a session: one that has
 * not, and runs out within days, may need a reminder or a new link.
 */
static const char *const list_sql[OV__MAX] = {
	[OV_RUNNING] = SQL("SELECT " OV_COLS("started_at")
	    " FROM interviews WHERE org_id = $1"
	    " AND status IN ('active', 'paused')"
	    " ORDER BY 5, id LIMIT $2"),
	[OV_REVIEW] = SQL("SELECT " OV_COLS("ended_at")
	    " FROM interviews WHERE org_id = $1 AND ended_at IS NOT NULL"
	    " AND transcript_purged_at IS NULL AND ended_at > now() -"
	    " make_interval(days => " OV_TEXT(OVERVIEW_REVIEW_DAYS) ")"
	    " AND status = 'completed' AND NOT (kind = 'adaptive'"
	    " AND practice) AND NOT EXISTS (SELECT 1"
	    " FROM oneway_recommendations c WHERE c.interview_id ="
	    " interviews.id AND c.user_id = $3)"
	    " ORDER BY ended_at DESC, id DESC LIMIT $2"),
	[OV_EXPIRING] = SQL("SELECT " OV_COLS("invite_expires_at")
	    " FROM interviews WHERE org_id = $1 AND status = 'created'"
	    " AND invite_expires_at > now() AND invite_expires_at <= now() +"
	    " make_interval(days => " OV_TEXT(OVERVIEW_EXPIRING_DAYS) ")"
	    " AND NOT EXISTS (SELECT 1 FROM candidate_sessions s"
	    " WHERE s.interview_id = interviews.id)"
	    " ORDER BY invite_expires_at, id LIMIT $2"),
};

enum status
overview_list(struct arena *a, struct db *db, long long org_id,
    long long user_id, enum ov_list which, struct ov_row **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id),
			    db_i64(a, OVERVIEW_LIST_MAX + 1),
			    db_i64(a, user_id) };
	struct db_res	*r;
	struct ov_row	*o;
	enum status	 st;
	int		 i;

	/* Only the review list asks whose recommendation. */
	st = db_query(a, db, list_sql[which], p, which == OV_REVIEW ? 3 : 2,
	    &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		o = &(*out)[i];
		o->id = db_int(r, i, 0);
		o->kind = db_get(r, i, 1);
		o->status = db_get(r, i, 2);
		o->candidate_name = db_get(r, i, 3);
		o->time_left_s = db_int(r, i, 4);
		o->untimed = db_bool(r, i, 5);
		o->when = db_get(r, i, 6);
	}
	return ST_OK;
}

static const char *const kinds[] = { "assisted", "adaptive", "oneway",
    "practice" };

enum status
overview_counts(struct arena *a, struct db *db, long long org_id,
    struct ov_count **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;
	size_t		 k;
	int		 i;

	st = db_query(a, db, SQL("SELECT CASE WHEN kind = 'adaptive' AND"
	    " practice THEN 'practice' ELSE kind END AS k, count(*),"
	    " count(*) FILTER (WHERE status = 'created'),"
	    " count(*) FILTER (WHERE status IN ('active', 'paused'))"
	    " FROM interviews WHERE org_id = $1 GROUP BY k"), p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = NITEMS(kinds);
	*out = arena_calloc(a, *n, sizeof(**out));
	for (k = 0; k < *n; k++)
		(*out)[k].kind = kinds[k];
	for (i = 0; i < db_rows(r); i++)
		for (k = 0; k < *n; k++)
			if (strcmp(db_get(r, i, 0), kinds[k]) == 0) {
				(*out)[k].total = db_int(r, i, 1);
				(*out)[k].waiting = db_int(r, i, 2);
				(*out)[k].running = db_int(r, i, 3);
			}
	return ST_OK;
}
